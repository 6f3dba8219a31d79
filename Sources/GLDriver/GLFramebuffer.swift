import GLCore
import VirglProtocol
import VirglTransport

/// A renderbuffer: one host 2D resource.
final class GLRenderbuffer {
    let name: GLuint
    var internalFormat: GLenum = GL_RGBA4
    var format: GLFormatInfo? { didSet { GLFramebufferEpoch.bump() } }
    var width = 0 { didSet { GLFramebufferEpoch.bump() } }
    var height = 0 { didSet { GLFramebufferEpoch.bump() } }
    var samples = 0 { didSet { GLFramebufferEpoch.bump() } }
    var resource: VirglResource? { didSet { GLFramebufferEpoch.bump() } }
    /// The surface object over the resource (made on first attachment use).
    var surface: UInt32? { didSet { GLFramebufferEpoch.bump() } }
    /// The surface over an sRGB resource through its linear format (GL_FRAMEBUFFER_SRGB disabled).
    var linearSurface: UInt32? { didSet { GLFramebufferEpoch.bump() } }

    init(name: GLuint) { self.name = name }
}

/// What a framebuffer attachment point holds: a renderbuffer, or a level (and layer) of a texture.
struct GLAttachment: Equatable {
    var renderbuffer: GLRenderbuffer?
    var texture: GLTexture?
    var level: Int = 0
    var layer: Int = 0
    /// A layered attachment (glFramebufferTexture of an array, 3D or cube map texture): every layer of the level,
    /// which a geometry shader picks with gl_Layer (GLContext+LayeredFramebuffer.swift); `layer` is then 0.
    var layered = false

    static func == (a: GLAttachment, b: GLAttachment) -> Bool {
        a.renderbuffer === b.renderbuffer && a.texture === b.texture && a.level == b.level && a.layer == b.layer && a.layered == b.layered
    }

    var image: GLTextureImage? {
        guard let t = texture, t.images.indices.contains(layer < t.faces ? layer : 0) else { return nil }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? layer : 0
        guard t.images[face].indices.contains(level), let image = t.images[face][level] else { return nil }
        // A layer of an array or 3D texture must be one it has (glFramebufferTextureLayer); a 1D array's layers
        // are its images' heights.
        if t.isLayered || t.target == GL_TEXTURE_3D, layer >= (t.target == GL_TEXTURE_1D_ARRAY ? image.height : image.depth) { return nil }
        return image
    }

    var resource: VirglResource? { renderbuffer?.resource ?? texture?.resource }
    var format: GLFormatInfo? { renderbuffer?.format ?? image?.format }
    /// One row for a 1D array's layer (its image's height counts layers).
    var size: (width: Int, height: Int)? {
        renderbuffer.map { ($0.width, $0.height) } ?? image.map { ($0.width, texture?.target == GL_TEXTURE_1D_ARRAY ? 1 : $0.height) }
    }
}

/// A framebuffer object.
final class GLFramebuffer {
    let name: GLuint
    var colors = [GLAttachment?](repeating: nil, count: 8)
    var depth: GLAttachment?
    var stencil: GLAttachment?
    var drawBuffers: [GLenum] = [GL_COLOR_ATTACHMENT0] + [GLenum](repeating: GL_NONE, count: 7)
    var readBuffer: GLenum = GL_COLOR_ATTACHMENT0
    /// GL_FRAMEBUFFER_DEFAULT_* (GLContext+FramebufferNoAttachments.swift).
    var defaults = GLFramebufferDefaults()

    init(name: GLuint) { self.name = name }

    /// Every attachment that is set.
    var attachments: [GLAttachment] { colors.compactMap { $0 } + [depth, stencil].compactMap { $0 } }

    /// GL_FRAMEBUFFER_COMPLETE or the first reason it is not (GL 4.6, 9.4.2).
    /// Checked on every draw, so it makes no arrays.
    var status: GLenum {
        var any = false
        var samples: Int?
        var fixedLocations: Bool?
        func check(_ a: GLAttachment) -> Bool {
            any = true
            guard let size = a.size, size.width > 0, size.height > 0, a.format != nil else { return false }
            // Every attachment has the same samples, and the same GL_TEXTURE_FIXED_SAMPLE_LOCATIONS (renderbuffers
            // count as fixed: textures beside them must be so).
            let n = a.samples, fixed = a.fixedSampleLocations
            if let s = samples, s != n { samples = -1 } else if samples == nil { samples = n }
            if let f = fixedLocations, f != fixed { samples = -1 } else if fixedLocations == nil { fixedLocations = fixed }
            return true
        }
        for c in colors {
            guard let c else { continue }
            guard check(c) else { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        }
        if let d = depth, !check(d) { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        if let s = stencil, !check(s) { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        guard any else { return completeWithoutAttachments ? GL_FRAMEBUFFER_COMPLETE : GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT }
        for c in colors {
            if let c, !(c.format?.isColor ?? false) { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
            // Not colour-renderable (GL 4.6 §9.4, table 8.12): shared-exponent and compressed images. The host
            // refuses to draw into GL_RGB9_E5, and that refusal loses the context.
            if let f = c?.format, f.virgl == .r9g9b9e5Float || f.isCompressed { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        }
        if let d = depth, !(d.format?.isDepth ?? false) { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        if let s = stencil, !(s.format?.isStencil ?? false) { return GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT }
        if !layerTargetsAgree { return GL_FRAMEBUFFER_INCOMPLETE_LAYER_TARGETS }
        if samples == -1 { return GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE }
        if let d = depth, let s = stencil, d != s, d.format?.base == GL_DEPTH_STENCIL || s.format?.base == GL_DEPTH_STENCIL {
            return GL_FRAMEBUFFER_UNSUPPORTED
        }
        return GL_FRAMEBUFFER_COMPLETE
    }

    /// The size drawing is clipped to: the smallest attachment.
    var size: (width: Int, height: Int) {
        if hasNoAttachments { return (defaults.width, defaults.height) }
        let sizes = attachments.compactMap(\.size)
        return (sizes.map(\.width).min() ?? 0, sizes.map(\.height).min() ?? 0)
    }
}

extension GLContext {
    static let framebufferTargets: Set<GLenum> = [GL_FRAMEBUFFER, GL_DRAW_FRAMEBUFFER, GL_READ_FRAMEBUFFER]

    func renderbufferStorage(_ command: GLCommand, _ rb: GLRenderbuffer, _ internalFormat: GLenum, _ samples: GLsizei, _ width: GLsizei, _ height: GLsizei) {
        guard width >= 0, height >= 0, samples >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative size or samples") }
        guard width <= state.limits.maxRenderbufferSize, height <= state.limits.maxRenderbufferSize else {
            return recordError(GL_INVALID_VALUE, command, "\(width)×\(height) over GL_MAX_RENDERBUFFER_SIZE")
        }
        if samples > 0 { _ = host }  // the sample limits come from the host's caps
        guard let (sized, info) = GLFormatTable.lookup(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat)) (not supported by VirglGL yet)")
        }
        // Integer formats have their own limit (GL_INVALID_OPERATION); others GL_MAX_SAMPLES (GL_INVALID_VALUE).
        guard !info.isInteger || samples <= state.limits.maxIntegerSamples else {
            return recordError(GL_INVALID_OPERATION, command, "\(samples) samples over GL_MAX_INTEGER_SAMPLES")
        }
        guard samples <= state.limits.maxSamples else { return recordError(GL_INVALID_VALUE, command, "\(samples) samples over GL_MAX_SAMPLES") }
        releaseRenderbufferStorage(rb)
        rb.internalFormat = sized
        rb.format = info
        rb.width = Int(width)
        rb.height = Int(height)
        rb.samples = Int(samples)
        guard width > 0, height > 0 else { return }
        let bind = info.isColor ? VirglBind.renderTarget.union(.samplerView) : VirglBind.depthStencil
        let resourceInfo = VirglResourceInfo(
            target: VirglTextureTarget.texture2D.rawValue, format: info.virgl.rawValue, bind: bind.rawValue, width: UInt32(width),
            height: UInt32(height), nrSamples: UInt32(samples), bytesPerTexel: UInt32(info.bytesPerTexel))
        rb.resource = withHost(command) { try $0.createResource(resourceInfo) }
        state.dirty.insert(.framebuffer)
    }

    func releaseRenderbufferStorage(_ rb: GLRenderbuffer) {
        if let s = rb.surface { commands.encodeDestroyObject(.surface, handle: s) }
        if let s = rb.linearSurface { commands.encodeDestroyObject(.surface, handle: s) }
        if let r = rb.resource { releaseResource(r) }
        rb.surface = nil
        rb.linearSurface = nil
        rb.resource = nil
    }

    /// The framebuffer a target binds, by the spec's rules: nil for a bad target (GL_INVALID_ENUM recorded).
    func framebufferSlots(_ command: GLCommand, _ target: GLenum) -> (draw: Bool, read: Bool)? {
        guard check(target, in: Self.framebufferTargets, command, "target") else { return nil }
        return (target != GL_READ_FRAMEBUFFER, target != GL_DRAW_FRAMEBUFFER)
    }

    func boundFramebuffer(_ command: GLCommand, _ target: GLenum) -> GLFramebuffer?? {
        guard let slots = framebufferSlots(command, target) else { return nil }
        return .some(slots.draw ? boundDrawFramebuffer : boundReadFramebuffer)
    }

    /// glBindFramebuffer; glBindFramebufferEXT (`anyName`) makes a framebuffer for a name never generated too
    /// (GL_EXT_framebuffer_object: any unused name may be bound).
    func bindFramebuffer(_ target: GLenum, _ name: GLuint, command: GLCommand = .glBindFramebuffer, anyName: Bool = false) {
        guard let slots = framebufferSlots(command, target) else { return }
        var fb: GLFramebuffer?
        if name != 0 {
            guard let f = framebuffers.object(name, creatingUnreserved: anyName, make: { GLFramebuffer(name: name) }) else {
                return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenFramebuffers")
            }
            fb = f
        }
        if slots.draw, boundDrawFramebuffer !== fb {
            boundDrawFramebuffer = fb
            state.dirty.insert(.framebuffer)
        }
        if slots.read { boundReadFramebuffer = fb }
    }

    /// The attachment slot `attachment` names in `fb`, as a key path; nil (GL_INVALID_ENUM) for a bad one.
    func attach(_ command: GLCommand, _ fb: GLFramebuffer, _ attachment: GLenum, _ value: GLAttachment?) {
        switch attachment {
        case GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7): fb.colors[Int(attachment - GL_COLOR_ATTACHMENT0)] = value
        case GL_DEPTH_ATTACHMENT: fb.depth = value
        case GL_STENCIL_ATTACHMENT: fb.stencil = value
        case GL_DEPTH_STENCIL_ATTACHMENT:
            fb.depth = value
            fb.stencil = value
        case GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 31):
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(attachment)) ≥ GL_MAX_COLOR_ATTACHMENTS")
        default:
            return recordError(GL_INVALID_ENUM, command, "attachment \(GLEnumNames.describe(attachment))")
        }
        if fb === drawFramebuffer { state.dirty.insert(.framebuffer) }
    }

    /// The framebuffer a command acts on, which must not be the default one.
    func userFramebuffer(_ command: GLCommand, _ target: GLenum) -> GLFramebuffer? {
        guard let bound = boundFramebuffer(command, target) else { return nil }
        guard let fb = bound else {
            recordError(GL_INVALID_OPERATION, command, "framebuffer 0 is bound")
            return nil
        }
        return fb
    }

    /// Resources the current draw framebuffer renders into.
    func drawFramebufferResources() -> [VirglResource] {
        drawFramebuffer?.attachments.compactMap(\.resource) ?? []
    }
}

extension GLDispatch {
    func installFramebuffers() {
        glGenRenderbuffers = { c, n, out in _ = c.generateNames(.glGenRenderbuffers, n, out, &c.renderbuffers) }
        glDeleteRenderbuffers = { c, n, names in
            for name in c.namesToDelete(.glDeleteRenderbuffers, n, names) {
                guard let rb = c.renderbuffers.delete(name) else { continue }
                if c.renderbufferBinding === rb { c.renderbufferBinding = nil }
                for fb in [c.boundDrawFramebuffer, c.boundReadFramebuffer].compactMap({ $0 }) {
                    for i in fb.colors.indices where fb.colors[i]?.renderbuffer === rb { fb.colors[i] = nil }
                    if fb.depth?.renderbuffer === rb { fb.depth = nil }
                    if fb.stencil?.renderbuffer === rb { fb.stencil = nil }
                }
                c.releaseRenderbufferStorage(rb)
                c.state.dirty.insert(.framebuffer)
            }
        }
        glIsRenderbuffer = { c, name in c.renderbuffers[name] != nil ? 1 : 0 }
        glBindRenderbuffer = { c, target, name in c.bindRenderbuffer(target, name) }
        glRenderbufferStorage = { c, target, format, w, h in
            guard target == GL_RENDERBUFFER else { return c.recordError(GL_INVALID_ENUM, .glRenderbufferStorage, GLEnumNames.describe(target)) }
            guard let rb = c.renderbufferBinding else { return c.recordError(GL_INVALID_OPERATION, .glRenderbufferStorage, "no renderbuffer bound") }
            c.renderbufferStorage(.glRenderbufferStorage, rb, format, 0, w, h)
        }
        glRenderbufferStorageMultisample = { c, target, samples, format, w, h in
            guard target == GL_RENDERBUFFER else { return c.recordError(GL_INVALID_ENUM, .glRenderbufferStorageMultisample, GLEnumNames.describe(target)) }
            guard let rb = c.renderbufferBinding else { return c.recordError(GL_INVALID_OPERATION, .glRenderbufferStorageMultisample, "no renderbuffer bound") }
            c.renderbufferStorage(.glRenderbufferStorageMultisample, rb, format, samples, w, h)
        }
        glGetRenderbufferParameteriv = { c, target, pname, params in
            let command = GLCommand.glGetRenderbufferParameteriv
            guard target == GL_RENDERBUFFER else { return c.recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target)) }
            guard let rb = c.renderbufferBinding else { return c.recordError(GL_INVALID_OPERATION, command, "no renderbuffer bound") }
            let value: Int
            switch pname {
            case GL_RENDERBUFFER_WIDTH: value = rb.width
            case GL_RENDERBUFFER_HEIGHT: value = rb.height
            case GL_RENDERBUFFER_INTERNAL_FORMAT: value = Int(rb.internalFormat)
            case GL_RENDERBUFFER_SAMPLES: value = rb.samples
            case GL_RENDERBUFFER_RED_SIZE, GL_RENDERBUFFER_GREEN_SIZE, GL_RENDERBUFFER_BLUE_SIZE, GL_RENDERBUFFER_ALPHA_SIZE,
                 GL_RENDERBUFFER_DEPTH_SIZE, GL_RENDERBUFFER_STENCIL_SIZE:
                let channel: [GLenum: GLenum] = [
                    GL_RENDERBUFFER_RED_SIZE: GL_TEXTURE_RED_SIZE, GL_RENDERBUFFER_GREEN_SIZE: GL_TEXTURE_GREEN_SIZE,
                    GL_RENDERBUFFER_BLUE_SIZE: GL_TEXTURE_BLUE_SIZE, GL_RENDERBUFFER_ALPHA_SIZE: GL_TEXTURE_ALPHA_SIZE,
                    GL_RENDERBUFFER_DEPTH_SIZE: GL_TEXTURE_DEPTH_SIZE, GL_RENDERBUFFER_STENCIL_SIZE: GL_TEXTURE_STENCIL_SIZE,
                ]
                value = rb.format.map { GLContext.channelBits(rb.internalFormat, $0, channel[pname]!) } ?? 0
            default:
                return c.recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            }
            params?.pointee = GLint(clamping: value)
        }
        glGenFramebuffers = { c, n, out in _ = c.generateNames(.glGenFramebuffers, n, out, &c.framebuffers) }
        glDeleteFramebuffers = { c, n, names in
            for name in c.namesToDelete(.glDeleteFramebuffers, n, names) {
                guard let fb = c.framebuffers.delete(name) else { continue }
                if c.boundDrawFramebuffer === fb { c.boundDrawFramebuffer = nil; c.state.dirty.insert(.framebuffer) }
                if c.boundReadFramebuffer === fb { c.boundReadFramebuffer = nil }
            }
        }
        glIsFramebuffer = { c, name in c.framebuffers[name] != nil ? 1 : 0 }
        glBindFramebuffer = { $0.bindFramebuffer($1, $2) }
        glGetFramebufferAttachmentParameteriv = { c, target, attachment, pname, params in
            c.framebufferAttachmentParameter(target, attachment, pname, params)
        }
        glCheckFramebufferStatus = { c, target in
            guard let bound = c.boundFramebuffer(.glCheckFramebufferStatus, target) else { return 0 }
            return (bound ?? c.defaultFramebuffer)?.status ?? GL_FRAMEBUFFER_UNDEFINED
        }
        glFramebufferRenderbuffer = { c, target, attachment, rbTarget, name in
            guard let fb = c.userFramebuffer(.glFramebufferRenderbuffer, target) else { return }
            guard rbTarget == GL_RENDERBUFFER else { return c.recordError(GL_INVALID_ENUM, .glFramebufferRenderbuffer, GLEnumNames.describe(rbTarget)) }
            var value: GLAttachment?
            if name != 0 {
                guard let rb = c.renderbuffers[name] else {
                    return c.recordError(GL_INVALID_OPERATION, .glFramebufferRenderbuffer, "no renderbuffer \(name)")
                }
                value = GLAttachment(renderbuffer: rb)
            }
            c.attach(.glFramebufferRenderbuffer, fb, attachment, value)
        }
        glFramebufferTexture2D = { c, target, attachment, texTarget, name, level in
            guard let fb = c.userFramebuffer(.glFramebufferTexture2D, target) else { return }
            var value: GLAttachment?
            if name != 0 {
                guard let t = c.textures[name] else {
                    return c.recordError(GL_INVALID_OPERATION, .glFramebufferTexture2D, "no texture \(name)")
                }
                let face = (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(texTarget) ? Int(texTarget - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
                let expected = face > 0 || texTarget == GL_TEXTURE_CUBE_MAP_POSITIVE_X ? GL_TEXTURE_CUBE_MAP : texTarget
                guard t.target == expected else {
                    return c.recordError(GL_INVALID_OPERATION, .glFramebufferTexture2D, "texture \(name) is not a \(GLEnumNames.describe(texTarget))")
                }
                guard level >= 0, t.target != GL_TEXTURE_2D_MULTISAMPLE || level == 0 else {
                    return c.recordError(GL_INVALID_VALUE, .glFramebufferTexture2D, "level \(level)")
                }
                value = GLAttachment(texture: t, level: Int(level), layer: face)
            }
            c.attach(.glFramebufferTexture2D, fb, attachment, value)
        }
        glFramebufferTexture1D = { c, target, attachment, texTarget, name, level in
            c.attachTextureImage(.glFramebufferTexture1D, target, attachment, texTarget, name, level, layer: 0, of: GL_TEXTURE_1D, wrongTarget: GL_INVALID_ENUM)
        }
        glFramebufferTextureLayer = { c, target, attachment, name, level, layer in
            let command = GLCommand.glFramebufferTextureLayer
            guard let fb = c.userFramebuffer(command, target) else { return }
            var value: GLAttachment?
            if name != 0 {
                guard let t = c.textures[name], t.target != 0 else { return c.recordError(GL_INVALID_OPERATION, command, "no texture \(name)") }
                let layered: Set<GLenum> = [GL_TEXTURE_3D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY]
                guard layered.contains(t.target) else {
                    return c.recordError(GL_INVALID_OPERATION, command, "texture \(name) is a \(GLEnumNames.describe(t.target))")
                }
                let maxLayer = t.target == GL_TEXTURE_3D ? c.state.limits.max3DTextureSize : c.state.limits.maxArrayTextureLayers
                guard layer >= 0, layer < maxLayer else { return c.recordError(GL_INVALID_VALUE, command, "layer \(layer)") }
                guard level >= 0, level < 16, t.target != GL_TEXTURE_2D_MULTISAMPLE_ARRAY || level == 0 else {
                    return c.recordError(GL_INVALID_VALUE, command, "level \(level)")
                }
                value = GLAttachment(texture: t, level: Int(level), layer: Int(layer))
            }
            c.attach(command, fb, attachment, value)
        }
        glDrawBuffers = { c, n, bufs in
            guard n >= 0, n <= 8 else { return c.recordError(GL_INVALID_VALUE, .glDrawBuffers, "n = \(n)") }
            guard let fb = c.boundDrawFramebuffer else {
                // The default framebuffer has one colour buffer: n = 1 names it (or none), as glDrawBuffer.
                guard n == 1, let b = bufs?[0], ![GL_FRONT, GL_FRONT_AND_BACK, GL_LEFT, GL_RIGHT].contains(b) else {
                    return c.recordError(n > 1 ? GL_INVALID_OPERATION : GL_INVALID_ENUM, .glDrawBuffers, "the default framebuffer has one colour buffer")
                }
                return c.setDrawBuffer(b)
            }
            var list = [GLenum](repeating: GL_NONE, count: 8)
            for i in 0..<Int(n) {
                let b = bufs?[i] ?? GL_NONE
                guard b == GL_NONE || b == GL_COLOR_ATTACHMENT0 + GLenum(i) || (GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7)).contains(b) else {
                    return c.recordError(GL_INVALID_ENUM, .glDrawBuffers, GLEnumNames.describe(b))
                }
                list[i] = b
            }
            fb.drawBuffers = list
            c.state.dirty.insert(.framebuffer)
        }
        glDrawBuffer = { c, mode in c.setDrawBuffer(mode) }
        glReadBuffer = { c, mode in
            guard let fb = c.boundReadFramebuffer else {
                if mode == GL_BACK || mode == GL_FRONT || mode == GL_NONE { return }
                return c.recordError(GL_INVALID_ENUM, .glReadBuffer, GLEnumNames.describe(mode))
            }
            guard mode == GL_NONE || (GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7)).contains(mode) else {
                return c.recordError(GL_INVALID_ENUM, .glReadBuffer, GLEnumNames.describe(mode))
            }
            fb.readBuffer = mode
        }
    }
}

extension GLContext {
    /// Uses surface `id` (0: none) of `width`×`height` as the default framebuffer; made on first use.
    func attachSurface(_ id: UInt, width: Int, height: Int) -> Bool {
        guard id != 0 else {
            if defaultFramebuffer != nil { state.dirty.insert(.framebuffer) }
            defaultFramebuffer = nil
            surfaceID = 0
            return true
        }
        if surfaceID == id, let fb = defaultFramebuffer, fb.size == (width, height) { return true }
        let fb = GLFramebuffer(name: 0)
        let color = GLRenderbuffer(name: 0), depth = GLRenderbuffer(name: 0)
        renderbufferStorage(.glRenderbufferStorage, color, GL_RGBA8, 0, GLsizei(width), GLsizei(height))
        renderbufferStorage(.glRenderbufferStorage, depth, GL_DEPTH24_STENCIL8, 0, GLsizei(width), GLsizei(height))
        guard color.resource != nil, depth.resource != nil else { return false }
        fb.colors[0] = GLAttachment(renderbuffer: color)
        if defaultDrawBuffer == GL_NONE { fb.drawBuffers[0] = GL_NONE }
        fb.depth = GLAttachment(renderbuffer: depth)
        fb.stencil = fb.depth
        defaultFramebuffer = fb
        surfaceID = id
        state.dirty.insert(.framebuffer)
        if state.viewport == [0, 0, 0, 0] {
            // Every viewport and scissor box starts as the window (GL 4.6 §13.6.1, §14.9.2).
            state.viewports = state.viewports.map { _ in [0, 0, GLfloat(width), GLfloat(height)] }
            state.scissors = state.scissors.map { _ in [0, 0, GLint(width), GLint(height)] }
            state.dirty.insert([.viewport, .scissor])
        }
        return true
    }
}

// MARK: - glGetFramebufferAttachmentParameteriv

extension GLContext {
    /// GL 4.6 §9.2.3: what an attachment point of the bound framebuffer holds.
    func framebufferAttachmentParameter(_ target: GLenum, _ attachment: GLenum, _ pname: GLenum, _ params: UnsafeMutablePointer<GLint>?) {
        let command = GLCommand.glGetFramebufferAttachmentParameteriv
        guard let bound = boundFramebuffer(command, target) else { return }
        let isDefault = bound == nil
        guard let fb = bound ?? defaultFramebuffer else {
            return recordError(GL_INVALID_OPERATION, command, "no framebuffer is bound and the context has no surface")
        }
        let point: GLAttachment?
        switch attachment {
        case GL_BACK where isDefault, GL_FRONT where isDefault, GL_BACK_LEFT where isDefault, GL_FRONT_LEFT where isDefault:
            point = fb.colors[0]
        case GL_DEPTH where isDefault: point = fb.depth
        case GL_STENCIL where isDefault: point = fb.stencil
        case GL_COLOR_ATTACHMENT0...GL_COLOR_ATTACHMENT7 where !isDefault: point = fb.colors[Int(attachment - GL_COLOR_ATTACHMENT0)]
        case GL_DEPTH_ATTACHMENT where !isDefault: point = fb.depth
        case GL_STENCIL_ATTACHMENT where !isDefault: point = fb.stencil
        case GL_DEPTH_STENCIL_ATTACHMENT where !isDefault:
            guard fb.depth == fb.stencil else {
                return recordError(GL_INVALID_OPERATION, command, "depth and stencil attachments differ")
            }
            point = fb.depth
        default:
            return recordError(isDefault ? GL_INVALID_ENUM : GL_INVALID_OPERATION, command, "attachment \(GLEnumNames.describe(attachment))")
        }
        let value: GLint
        guard let a = point else {
            switch pname {
            case GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE: value = GLint(GL_NONE)
            case GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME: value = 0
            default: return recordError(GL_INVALID_OPERATION, command, "nothing is attached at \(GLEnumNames.describe(attachment))")
            }
            params?.pointee = value
            return
        }
        let f = a.format
        func bits(_ channel: Int) -> GLint {
            guard let f else { return 0 }
            switch channel {
            case 4: return f.isDepth ? (f.virgl == .z16Unorm ? 16 : f.virgl == .z32Float ? 32 : 24) : 0
            case 5: return f.isStencil ? 8 : 0
            default:
                guard f.isColor, let layout = GLPixelConversion.texelLayout(f.virgl), layout.channels.contains(channel),
                      !(layout.opaque && channel == 3) else { return 0 }
                return GLint(GLPixelConversion.componentSize(layout.type)! * 8)
            }
        }
        switch pname {
        case GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE:
            value = GLint(isDefault ? GL_FRAMEBUFFER_DEFAULT : a.texture != nil ? GL_TEXTURE : GL_RENDERBUFFER)
        case GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME where !isDefault:
            value = GLint(a.texture?.name ?? a.renderbuffer?.name ?? 0)
        case GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL where a.texture != nil: value = GLint(a.level)
        case GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE where a.texture != nil:
            value = a.texture!.target == GL_TEXTURE_CUBE_MAP ? GLint(GL_TEXTURE_CUBE_MAP_POSITIVE_X) + GLint(a.layer) : 0
        case GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LAYER where a.texture != nil: value = GLint(a.layer)
        case GL_FRAMEBUFFER_ATTACHMENT_LAYERED where a.texture != nil: value = a.layered ? 1 : 0
        case GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE: value = bits(0)
        case GL_FRAMEBUFFER_ATTACHMENT_GREEN_SIZE: value = bits(1)
        case GL_FRAMEBUFFER_ATTACHMENT_BLUE_SIZE: value = bits(2)
        case GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE: value = bits(3)
        case GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE: value = bits(4)
        case GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE: value = bits(5)
        case GL_FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE:
            guard attachment != GL_DEPTH_STENCIL_ATTACHMENT else {
                return recordError(GL_INVALID_OPERATION, command, "the component type of GL_DEPTH_STENCIL_ATTACHMENT")
            }
            guard let f else { value = GLint(GL_NONE); break }
            if f.isInteger { value = GLint(f.clientType == GL_INT ? GL_INT : GL_UNSIGNED_INT) }
            else if f.virgl == .z32Float || f.clientType == GL_FLOAT || f.clientType == GL_HALF_FLOAT { value = GLint(GL_FLOAT) }
            else if f.isStencil && !f.isDepth { value = GLint(GL_UNSIGNED_INT) }
            else { value = GLint(GL_UNSIGNED_NORMALIZED) }
        case GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING:
            value = GLint(f?.virgl == .r8g8b8a8SRGB ? GL_SRGB : GL_LINEAR)
        default:
            return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
        }
        params?.pointee = value
    }
}

extension GLContext {
    /// glDrawBuffer: one colour buffer for fragment output 0. On a framebuffer object GL_COLOR_ATTACHMENTi or
    /// GL_NONE; on the default framebuffer (single-buffered, mono) its colour buffer under any of the front/back
    /// and left names, or GL_NONE.
    func setDrawBuffer(_ mode: GLenum) {
        var list = [GLenum](repeating: GL_NONE, count: 8)
        if let fb = boundDrawFramebuffer {
            guard mode == GL_NONE || (GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7)).contains(mode) else {
                return recordError(mode == GL_BACK || mode == GL_FRONT ? GL_INVALID_OPERATION : GL_INVALID_ENUM, .glDrawBuffer, GLEnumNames.describe(mode))
            }
            list[0] = mode
            fb.drawBuffers = list
        } else {
            let colour: Set<GLenum> = [GL_BACK, GL_FRONT, GL_FRONT_AND_BACK, GL_LEFT, GL_FRONT_LEFT, GL_BACK_LEFT]
            guard mode == GL_NONE || colour.contains(mode) else {
                return recordError([GL_RIGHT, GL_FRONT_RIGHT, GL_BACK_RIGHT].contains(mode) || (GL_COLOR_ATTACHMENT0...(GL_COLOR_ATTACHMENT0 + 7)).contains(mode)
                    ? GL_INVALID_OPERATION : GL_INVALID_ENUM, .glDrawBuffer, GLEnumNames.describe(mode))
            }
            list[0] = mode == GL_NONE ? GL_NONE : GL_COLOR_ATTACHMENT0
            defaultDrawBuffer = mode == GL_NONE ? GL_NONE : GL_BACK
            defaultFramebuffer?.drawBuffers = list
        }
        state.dirty.insert(.framebuffer)
    }
}

extension GLContext {
    /// glFramebufferTexture1D/3D: level `level` (and slice `layer`) of texture `name`, which must be a texture of
    /// `expected` named by `texTarget` (`wrongTarget`: the error for another `texTarget`), or detaching for name 0.
    func attachTextureImage(
        _ command: GLCommand, _ target: GLenum, _ attachment: GLenum, _ texTarget: GLenum, _ name: GLuint, _ level: GLint,
        layer: GLint, of expected: GLenum, wrongTarget: GLenum
    ) {
        guard let fb = userFramebuffer(command, target) else { return }
        var value: GLAttachment?
        if name != 0 {
            guard texTarget == expected else { return recordError(wrongTarget, command, GLEnumNames.describe(texTarget)) }
            guard let t = textures[name] else { return recordError(GL_INVALID_OPERATION, command, "no texture \(name)") }
            guard t.target == expected else {
                return recordError(GL_INVALID_OPERATION, command, "texture \(name) is not a \(GLEnumNames.describe(expected))")
            }
            guard level >= 0, level < 16 else { return recordError(GL_INVALID_VALUE, command, "level \(level)") }
            guard layer >= 0, layer < (expected == GL_TEXTURE_3D ? state.limits.max3DTextureSize : 1) else {
                return recordError(GL_INVALID_VALUE, command, "zoffset \(layer)")
            }
            value = GLAttachment(texture: t, level: Int(level), layer: Int(layer))
        }
        attach(command, fb, attachment, value)
    }
}
