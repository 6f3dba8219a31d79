import GLCore

/// Layered framebuffer attachments (GL 3.2, GL 4.6 §9.2.8 and §9.8): glFramebufferTexture attaches a whole level of
/// an array, 3D or cube map texture, and a geometry shader's gl_Layer picks the layer each primitive goes to. The
/// host surface covers every layer of the level (first_layer…last_layer); a non-layered texture attaches as
/// glFramebufferTexture2D would.
extension GLAttachment {
    /// The layers of the host resource the attachment's surface covers.
    var resourceLayers: (first: Int, last: Int) {
        guard layered, let t = texture else { return (resourceLayer, resourceLayer) }
        let first = t.resourceLayerOffset
        let count: Int
        switch t.target {
        case GL_TEXTURE_3D: count = image?.depth ?? 1
        case GL_TEXTURE_CUBE_MAP: count = 6
        default: count = t.layerCount
        }
        return (first, first + max(count, 1) - 1)
    }
}

extension GLFramebuffer {
    /// GL 4.6 §9.4.2: when one attachment is layered, every populated one is, and the colour attachments are
    /// textures of one target (else GL_FRAMEBUFFER_INCOMPLETE_LAYER_TARGETS).
    var layerTargetsAgree: Bool {
        var anyLayered = false, anyFlat = false
        var colorTarget: GLenum?
        for (i, a) in (colors + [depth, stencil]).enumerated() {
            guard let a else { continue }
            if a.layered { anyLayered = true } else { anyFlat = true }
            if i < colors.count, a.layered, let t = a.texture {
                if let c = colorTarget, c != t.target { return false }
                colorTarget = t.target
            }
        }
        return !(anyLayered && anyFlat)
    }
}

extension GLContext {
    /// The targets whose textures glFramebufferTexture attaches layered.
    static let layeredAttachmentTargets: Set<GLenum> = [
        GL_TEXTURE_3D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY,
        GL_TEXTURE_2D_MULTISAMPLE_ARRAY,
    ]

    /// glFramebufferTexture: `level` of texture `name` (0 detaches), layered for array, 3D and cube map textures.
    func framebufferTexture(_ target: GLenum, _ attachment: GLenum, _ name: GLuint, _ level: GLint) {
        let command = GLCommand.glFramebufferTexture
        guard let fb = userFramebuffer(command, target) else { return }
        guard name != 0 else { return attach(command, fb, attachment, nil) }
        guard let t = textures[name], t.target != 0 else { return recordError(GL_INVALID_OPERATION, command, "no texture \(name)") }
        guard t.target != GL_TEXTURE_BUFFER else { return recordError(GL_INVALID_OPERATION, command, "texture \(name) is a buffer texture") }
        let multisample = t.target == GL_TEXTURE_2D_MULTISAMPLE || t.target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        let maxSize = t.target == GL_TEXTURE_3D ? state.limits.max3DTextureSize : state.limits.maxTextureSize
        let maxLevel = GLint(Int.bitWidth - 1 - max(1, Int(maxSize)).leadingZeroBitCount)
        guard level >= 0, level <= maxLevel, !multisample || level == 0, t.target != GL_TEXTURE_RECTANGLE || level == 0 else {
            return recordError(GL_INVALID_VALUE, command, "level \(level)")
        }
        attach(command, fb, attachment, GLAttachment(texture: t, level: Int(level), layer: 0, layered: Self.layeredAttachmentTargets.contains(t.target)))
    }
}

extension GLDispatch {
    func installLayeredFramebuffer() {
        glFramebufferTexture = { c, target, attachment, name, level in c.framebufferTexture(target, attachment, name, level) }
    }
}
