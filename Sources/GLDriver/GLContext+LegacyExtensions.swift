import GLCore
import VirglProtocol

/// The ARB/EXT names of GL 3.x/4.x core functionality that desktop drivers keep listing (programs and piglit check
/// the names, not the version), with the extensions' own commands where they are no alias of a core one:
/// glBindFramebufferEXT / glBindRenderbufferEXT (any unused name may be bound), glClearColorI{i,ui}EXT,
/// glBindBufferOffsetEXT, glTextureBarrier / glTextureBarrierNV.
extension GLContext {
    /// Extensions whose functionality is core GL 3.0–3.2 here, listed in every desktop context (the core
    /// profile keeps the ones its spec still has: sRGB framebuffers, pixel buffer objects, packed floats).
    static let coreFeatureExtensions = [
        "GL_ARB_framebuffer_sRGB", "GL_ARB_pixel_buffer_object", "GL_EXT_packed_float", "GL_EXT_texture_shared_exponent",
        // Float textures, with the alpha/luminance/intensity ones of GLFormatTable+Legacy.swift.
        "GL_ARB_texture_float",
        // Integer textures (GL 3.0; alpha/luminance/intensity ones in a compatibility context) and glClearColorI*EXT.
        "GL_EXT_texture_integer",
        // glClearTexImage / glClearTexSubImage (GLContext+ClearTexture.swift).
        "GL_ARB_clear_texture",
    ]

    /// Extensions of the compatibility profile only: the pre-GL 3.0 object model and commands (glBindFramebufferEXT
    /// binds names never generated; GL_EXT_texture_integer's glClearColorI*EXT; GL_EXT_transform_feedback's
    /// glBindBufferOffsetEXT).
    static let compatibilityFeatureExtensions = [
        "GL_EXT_framebuffer_object", "GL_EXT_packed_depth_stencil", "GL_EXT_transform_feedback", "GL_EXT_framebuffer_sRGB",
        "GL_EXT_pixel_buffer_object",
        // glWindowPos*ARB: GL 1.4's glWindowPos* (GLContext+PixelRectangles.swift) under the registry's aliases.
        "GL_ARB_window_pos",
        // glClampColor's vertex and fragment clamps (GLContext+ColorClamp.swift) and GL_RGBA_FLOAT_MODE_ARB.
        "GL_ARB_color_buffer_float",
    ]

    /// The names `extensions` adds for this context: the core-feature ones, the compatibility ones in a
    /// compatibility context, and glTextureBarrier's where the host has texture barriers.
    var legacyExtensions: [String] {
        GLContext.coreFeatureExtensions
            + (attributes.profile == .compatibility ? GLContext.compatibilityFeatureExtensions : [])
            + (hostTextureBarrier ? ["GL_ARB_texture_barrier", "GL_NV_texture_barrier"] : [])
            + s3tcExtensions  // GLContext+S3TC.swift
            + clipControlExtensions  // GLContext+ClipControl.swift
    }

    /// ES names of desktop functionality VirglGL has: gl_FragDepthEXT in GLSL ES 1.00 (glslang compiles it as
    /// gl_FragDepth), and glTextureViewOES/EXT (glTextureView) in ES 3.1 contexts on hosts with texture views.
    var esLegacyExtensions: [String] {
        ["GL_EXT_frag_depth"] + (reportedESVersion >= (3, 1) && hostTextureView ? ["GL_OES_texture_view", "GL_EXT_texture_view"] : [])
    }

    /// True where a bind of a texture or buffer name glGen* never gave makes the object (GL 4.6 compatibility
    /// profile §8.1, §6.1; the core profile and OpenGL ES refuse it with GL_INVALID_OPERATION).
    var bindsCreateObjects: Bool { !isCoreProfile && !isES }

    /// glBindRenderbuffer; glBindRenderbufferEXT (`anyName`) makes a renderbuffer for a name never generated too.
    func bindRenderbuffer(_ target: GLenum, _ name: GLuint, command: GLCommand = .glBindRenderbuffer, anyName: Bool = false) {
        guard target == GL_RENDERBUFFER else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target)) }
        guard name != 0 else { renderbufferBinding = nil; return }
        guard let rb = renderbuffers.object(name, creatingUnreserved: anyName, make: { GLRenderbuffer(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenRenderbuffers")
        }
        renderbufferBinding = rb
    }

    /// glClearColorIiEXT / glClearColorIuiEXT: the clear colour as integers, for integer colour buffers (their
    /// words go to the host's clear as they are, as glClearBufferiv's do).
    func clearColorInteger(_ words: [UInt32]) {
        state.clear.color = words.map { Float(bitPattern: $0) }
    }

    /// GL_RGBA_INTEGER_MODE_EXT (GL_EXT_texture_integer): whether a colour buffer the draw framebuffer draws
    /// into holds integers; GL_RGBA_FLOAT_MODE_ARB (GL_ARB_color_buffer_float): whether one holds floats.
    func legacyExtensionQueryValue(_ pname: GLenum) -> GLQueryValue? {
        if pname == GL_RGBA_FLOAT_MODE_ARB, attributes.profile == .compatibility, !isES {
            return .bools([!clampsColorByFormat])
        }
        guard pname == GL_RGBA_INTEGER_MODE_EXT, !isES else { return nil }
        guard let fb = drawFramebuffer else { return .bools([false]) }
        let integer = fb.drawBuffers.contains { b in
            b != GL_NONE && (GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7)).contains(b)
                && fb.colors[Int(b - GL_COLOR_ATTACHMENT0)]?.format?.isInteger == true
        }
        return .bools([integer])
    }

    /// glTextureBarrier: texels written by earlier draws are visible to later fetches (PIPE_TEXTURE_BARRIER_SAMPLER).
    func textureBarrier() {
        guard hostTextureBarrier else { return }
        commands.encodeTextureBarrier(flags: 1)
    }
}

extension GLDispatch {
    func installLegacyExtensions() {
        glBindFramebufferEXT = { c, target, name in c.bindFramebuffer(target, name, command: .glBindFramebufferEXT, anyName: true) }
        glBindRenderbufferEXT = { c, target, name in c.bindRenderbuffer(target, name, command: .glBindRenderbufferEXT, anyName: true) }
        glClearColorIiEXT = { c, r, g, b, a in c.clearColorInteger([r, g, b, a].map { UInt32(bitPattern: $0) }) }
        glClearColorIuiEXT = { c, r, g, b, a in c.clearColorInteger([r, g, b, a]) }
        glBindBufferOffsetEXT = { c, target, index, name, offset in
            guard target == GL_TRANSFORM_FEEDBACK_BUFFER else {
                return c.recordError(GL_INVALID_ENUM, .glBindBufferOffsetEXT, GLEnumNames.describe(target))
            }
            // The buffer from `offset` to its end (a size of 0 is "the rest of the buffer").
            c.bindTransformFeedbackBuffer(.glBindBufferOffsetEXT, index, name, offset, 0)
        }
        // glDrawRangeElements (GL 1.2): glDrawElements whose indices the caller promises lie in [start, end]
        // (GL 4.6 §10.4: GL_INVALID_VALUE for end < start; indices outside the range are still drawn).
        glDrawRangeElements = { c, mode, start, end, count, type, indices in
            guard end >= start else { return c.recordError(GL_INVALID_VALUE, .glDrawRangeElements, "end \(end) < start \(start)") }
            c.drawElements(.glDrawRangeElements, mode, count, type, indices, 1, 0)
        }
        glDrawRangeElementsBaseVertex = { c, mode, start, end, count, type, indices, baseVertex in
            guard end >= start else {
                return c.recordError(GL_INVALID_VALUE, .glDrawRangeElementsBaseVertex, "end \(end) < start \(start)")
            }
            c.drawElements(.glDrawRangeElementsBaseVertex, mode, count, type, indices, 1, baseVertex)
        }
        glTextureBarrier = { $0.textureBarrier() }
        glTextureBarrierNV = { $0.textureBarrier() }
    }
}
