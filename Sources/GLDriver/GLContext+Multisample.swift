import GLCore
import VirglProtocol
import VirglTransport

// Multisample textures and state (GL 3.2, ARB_texture_multisample): glTexImage2DMultisample,
// glTexImage3DMultisample, glSampleMaski, glGetMultisamplefv. The host resources are PIPE_TEXTURE_2D /
// PIPE_TEXTURE_2D_ARRAY with nr_samples > 0, as Mesa's virgl makes them; virglrenderer turns them into
// GL_TEXTURE_2D_MULTISAMPLE(_ARRAY) textures and resolves them in BLIT.

extension GLContext {
    static let multisampleTargets: Set<GLenum> = [GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY]

    /// The most samples an image of `format` may have (GL 4.6 §8.8: GL_MAX_INTEGER_SAMPLES for integer
    /// formats, GL_MAX_DEPTH_TEXTURE_SAMPLES for depth and stencil, GL_MAX_COLOR_TEXTURE_SAMPLES otherwise).
    func maxTextureSamples(_ format: GLFormatInfo) -> GLint {
        let l = state.limits
        if format.isInteger { return l.maxIntegerSamples }
        return format.isColor ? l.maxColorTextureSamples : l.maxDepthTextureSamples
    }

    /// Takes the sample limits from the host's caps: never more than the host supports (`max_samples`).
    func applySampleLimits(_ caps: VirglCapsV2) {
        let n = GLint(clamping: caps.maxSamples)
        guard n > 0 else { return }
        state.limits.maxSamples = n
        state.limits.maxColorTextureSamples = n
        state.limits.maxDepthTextureSamples = n
        state.limits.maxIntegerSamples = n
    }

    /// glTexImage2DMultisample (`depth` 1) and glTexImage3DMultisample (GL 4.6 §8.8).
    func texImageMultisample(_ command: GLCommand, _ target: GLenum, _ samples: GLsizei, _ internalFormat: GLenum, _ width: GLsizei, _ height: GLsizei, _ depth: GLsizei, _ fixedSampleLocations: GLboolean) {
        let wanted = command == .glTexImage2DMultisample ? GL_TEXTURE_2D_MULTISAMPLE : GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        let proxy = command == .glTexImage2DMultisample ? GL_PROXY_TEXTURE_2D_MULTISAMPLE : GL_PROXY_TEXTURE_2D_MULTISAMPLE_ARRAY
        guard target == wanted || target == proxy else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        _ = host  // the sample limits come from the host's caps
        guard samples >= 1 else { return recordError(GL_INVALID_VALUE, command, "samples \(samples)") }
        guard width >= 0, height >= 0, depth >= 0, width <= state.limits.maxTextureSize, height <= state.limits.maxTextureSize,
            depth <= state.limits.maxArrayTextureLayers
        else { return recordError(GL_INVALID_VALUE, command, "size \(width)×\(height)×\(depth)") }
        guard let (sized, info) = GLFormatTable.lookup(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat))")
        }
        guard samples <= maxTextureSamples(info) else {
            return recordError(GL_INVALID_OPERATION, command, "\(samples) samples over the limit for \(GLEnumNames.describe(sized))")
        }
        // A proxy target only checks the arguments (VirglGL keeps no proxy image state).
        guard target == wanted, let t = boundTexture(command, target) else { return }
        guard !t.isImmutable else { return recordError(GL_INVALID_OPERATION, command, "texture \(t.name) is immutable (glTexStorage*)") }
        if let r = t.resource { releaseResource(r) }
        dropViews(t)
        t.resource = nil
        t.samples = Int(samples)
        t.fixedSampleLocations = fixedSampleLocations != 0
        t.images = [[GLTextureImage(width: Int(width), height: Int(height), depth: Int(depth), internalFormat: sized, format: info, bytes: [])]]
        t.layoutChanged = true
        state.dirty.insert([.samplers, .framebuffer])
    }

    /// The samples of a framebuffer's attachments (0: single-sampled); the first attachment's, as they must agree.
    func framebufferSamples(_ fb: GLFramebuffer?) -> Int {
        guard let fb else { return 0 }
        return fb.hasNoAttachments ? noAttachmentSamples(fb) : fb.attachments.first.map(\.samples) ?? 0
    }

    /// SET_SAMPLE_MASK with what GL_SAMPLE_MASK and glSampleMaski give (every sample when disabled).
    func emitSampleMask() {
        commands.encodeSetSampleMask(mask: sampleMaskEnabled ? sampleMaskValue : 0xFFFF_FFFF)
    }

    /// GL_SAMPLE_POSITION for sample `index` of `samples` (the standard patterns hosts use; GL 4.6 §14.3.1).
    static func samplePosition(_ index: Int, of samples: Int) -> (Float, Float) {
        let patterns: [Int: [(Float, Float)]] = [
            2: [(0.75, 0.75), (0.25, 0.25)],
            4: [(0.375, 0.125), (0.875, 0.375), (0.125, 0.625), (0.625, 0.875)],
            8: [(0.5625, 0.3125), (0.4375, 0.6875), (0.8125, 0.5625), (0.3125, 0.1875),
                (0.1875, 0.8125), (0.0625, 0.4375), (0.6875, 0.9375), (0.9375, 0.0625)],
        ]
        guard let p = patterns[samples], p.indices.contains(index) else { return (0.5, 0.5) }
        return p[index]
    }
}

extension GLAttachment {
    /// The attachment's sample count (0: single-sampled).
    var samples: Int { renderbuffer?.samples ?? texture?.samples ?? 0 }
    /// Whether its sample locations are fixed (always so for renderbuffers).
    var fixedSampleLocations: Bool { texture?.fixedSampleLocations ?? true }
}

extension GLDispatch {
    func installMultisample() {
        glTexImage2DMultisample = { c, target, samples, format, w, h, fixed in
            c.texImageMultisample(.glTexImage2DMultisample, target, samples, format, w, h, 1, fixed)
        }
        glTexImage3DMultisample = { c, target, samples, format, w, h, d, fixed in
            c.texImageMultisample(.glTexImage3DMultisample, target, samples, format, w, h, d, fixed)
        }
        glSampleMaski = { c, index, mask in
            guard GLint(clamping: index) < c.state.limits.maxSampleMaskWords else {
                return c.recordError(GL_INVALID_VALUE, .glSampleMaski, "mask word \(index)")
            }
            c.sampleMaskValue = mask
            if c.sampleMaskEnabled { c.emitSampleMask() }
        }
        glGetMultisamplefv = { c, pname, index, val in
            guard pname == GL_SAMPLE_POSITION else { return c.recordError(GL_INVALID_ENUM, .glGetMultisamplefv, GLEnumNames.describe(pname)) }
            let samples = c.framebufferSamples(c.drawFramebuffer)
            guard Int(index) < samples else {
                return c.recordError(GL_INVALID_VALUE, .glGetMultisamplefv, "sample \(index) of \(samples)")
            }
            let (x, y) = GLContext.samplePosition(Int(index), of: samples)
            guard let val else { return }
            val[0] = x
            val[1] = y
        }
    }
}
