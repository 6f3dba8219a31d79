import GLCore
import VirglProtocol

/// A framebuffer object's parameters for rendering with no attachments (GL 4.3 §9.2.1,
/// ARB_framebuffer_no_attachments): the size, layers and samples rasterization assumes when nothing is attached.
struct GLFramebufferDefaults: Equatable {
    var width = 0
    var height = 0
    var layers = 0
    var samples = 0
    var fixedSampleLocations = false
}

extension GLFramebuffer {
    /// Nothing attached at any attachment point (checked without making arrays: it runs when a draw validates).
    var hasNoAttachments: Bool {
        depth == nil && stencil == nil && !colors.contains { $0 != nil }
    }

    /// Complete with no attachments: a default width and height (GL 4.6 §9.4.2; zero is
    /// GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT).
    var completeWithoutAttachments: Bool { defaults.width > 0 && defaults.height > 0 }
}

extension GLContext {
    static let framebufferDefaultParameters: Set<GLenum> = [
        GL_FRAMEBUFFER_DEFAULT_WIDTH, GL_FRAMEBUFFER_DEFAULT_HEIGHT, GL_FRAMEBUFFER_DEFAULT_LAYERS,
        GL_FRAMEBUFFER_DEFAULT_SAMPLES, GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS,
    ]

    /// The samples a framebuffer with no attachments renders with: GL_FRAMEBUFFER_DEFAULT_SAMPLES rounded up to a
    /// count the host has (the powers of two up to GL_MAX_SAMPLES; 0 stays single-sampled).
    func noAttachmentSamples(_ fb: GLFramebuffer) -> Int {
        let wanted = fb.defaults.samples
        guard wanted > 0 else { return 0 }
        var n = 2
        while n < wanted, n < Int(state.limits.maxSamples) { n *= 2 }
        return min(n, max(Int(state.limits.maxSamples), 0))
    }

    /// glFramebufferParameteri.
    func framebufferParameter(_ target: GLenum, _ pname: GLenum, _ param: GLint) {
        let command = GLCommand.glFramebufferParameteri
        guard framebufferSlots(command, target) != nil else { return }
        guard check(pname, in: Self.framebufferDefaultParameters, command, "pname") else { return }
        guard let fb = userFramebuffer(command, target) else { return }
        let limits = state.limits
        func inRange(_ limit: GLint, _ name: String) -> Bool {
            guard param >= 0, param <= limit else {
                recordError(GL_INVALID_VALUE, command, "\(param) outside 0…\(name) (\(limit))")
                return false
            }
            return true
        }
        if pname == GL_FRAMEBUFFER_DEFAULT_SAMPLES { _ = host }  // the sample limit comes from the host's caps
        switch pname {
        case GL_FRAMEBUFFER_DEFAULT_WIDTH:
            guard inRange(limits.maxFramebufferWidth, "GL_MAX_FRAMEBUFFER_WIDTH") else { return }
            fb.defaults.width = Int(param)
        case GL_FRAMEBUFFER_DEFAULT_HEIGHT:
            guard inRange(limits.maxFramebufferHeight, "GL_MAX_FRAMEBUFFER_HEIGHT") else { return }
            fb.defaults.height = Int(param)
        case GL_FRAMEBUFFER_DEFAULT_LAYERS:
            guard inRange(limits.maxFramebufferLayers, "GL_MAX_FRAMEBUFFER_LAYERS") else { return }
            fb.defaults.layers = Int(param)
        case GL_FRAMEBUFFER_DEFAULT_SAMPLES:
            guard inRange(limits.maxSamples, "GL_MAX_FRAMEBUFFER_SAMPLES") else { return }
            fb.defaults.samples = Int(param)
        default:
            fb.defaults.fixedSampleLocations = param != 0
        }
        // Completeness and what SET_FRAMEBUFFER_STATE_NO_ATTACH sends depend on them.
        GLFramebufferEpoch.bump()
        if fb === drawFramebuffer { state.dirty.insert(.framebuffer) }
    }

    /// glGetFramebufferParameteriv: the default parameters of a framebuffer object.
    func getFramebufferParameter(_ target: GLenum, _ pname: GLenum, _ params: UnsafeMutablePointer<GLint>?) {
        let command = GLCommand.glGetFramebufferParameteriv
        guard framebufferSlots(command, target) != nil else { return }
        guard check(pname, in: Self.framebufferDefaultParameters, command, "pname") else { return }
        guard let fb = userFramebuffer(command, target) else { return }
        let d = fb.defaults
        let value: Int
        switch pname {
        case GL_FRAMEBUFFER_DEFAULT_WIDTH: value = d.width
        case GL_FRAMEBUFFER_DEFAULT_HEIGHT: value = d.height
        case GL_FRAMEBUFFER_DEFAULT_LAYERS: value = d.layers
        case GL_FRAMEBUFFER_DEFAULT_SAMPLES: value = d.samples
        default: value = d.fixedSampleLocations ? 1 : 0
        }
        params?.pointee = GLint(value)
    }

    /// What emitFramebuffer adds to its key for a framebuffer with no attachments (nothing otherwise), and sends
    /// the host as SET_FRAMEBUFFER_STATE_NO_ATTACH: the size, layers and samples to rasterize with.
    func noAttachmentState(_ fb: GLFramebuffer) -> [UInt32] {
        guard fb.hasNoAttachments else { return [] }
        let d = fb.defaults
        let widthHeight = UInt32(d.width & 0xFFFF) | UInt32(d.height & 0xFFFF) << 16
        let layersSamples = UInt32(d.layers & 0xFFFF) | UInt32(noAttachmentSamples(fb) & 0xFFFF) << 16
        // A marker no surface handle has, then the two words.
        return [UInt32.max, widthHeight, layersSamples]
    }

    /// Sends SET_FRAMEBUFFER_STATE_NO_ATTACH for `key`'s tail (see noAttachmentState).
    func emitNoAttachmentState(_ tail: [UInt32]) {
        guard tail.count == 3 else { return }
        commands.encodeSetFramebufferStateNoAttach(widthHeight: tail[1], layersSamples: tail[2])
    }
}

extension GLDispatch {
    func installFramebufferNoAttachments() {
        glFramebufferParameteri = { $0.framebufferParameter($1, $2, $3) }
        glGetFramebufferParameteriv = { $0.getFramebufferParameter($1, $2, $3) }
    }
}
