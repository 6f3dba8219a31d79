import Foundation
import GLCore
import VirglProtocol
import VirglTransport

/// Which virgl host a context renders on.
public enum GLHostChoice {
    /// libvirglrenderer in this process: the embedded default.
    case inProcess
    /// An existing transport (vtest, virtio-gpu, or a shared in-process one).
    case transport(VirglTransport)
    /// Chosen by the environment, for contexts made through EGL or the C API:
    /// `VIRGLGL_TRANSPORT=inprocess|vtest|virtio-gpu` (in-process when unset), with `VIRGLGL_VTEST_SOCKET` for
    /// vtest's socket path (default `/tmp/.virgl_test`) and `VIRGLGL_DRM_DEVICE` for the render node.
    case environment

    /// The transport `.environment` names, connected; an unknown name is an error that says the choices.
    static func transportFromEnvironment() throws -> VirglTransport {
        let env = ProcessInfo.processInfo.environment
        switch env["VIRGLGL_TRANSPORT"] ?? "inprocess" {
        case "inprocess", "": return try InProcessTransport()
        case "vtest": return try VtestTransport(socketPath: env["VIRGLGL_VTEST_SOCKET"] ?? VtestTransport.defaultSocketPath)
        case "virtio-gpu": return try VirtioGPUTransport(devicePath: env["VIRGLGL_DRM_DEVICE"])
        case let other: throw GLHostChoiceError.unknownTransport(other)
        }
    }
}

/// A `VIRGLGL_TRANSPORT` value that names no transport.
public enum GLHostChoiceError: Error, CustomStringConvertible {
    case unknownTransport(String)
    public var description: String {
        switch self {
        case .unknownTransport(let name): return "VIRGLGL_TRANSPORT=\(name) is not a transport (inprocess, vtest, virtio-gpu)"
        }
    }
}

extension GLContext {
    /// The context's transport, connected on first use. Nil once the host is lost (the error is recorded).
    var host: VirglTransport? {
        if let transport { return transport }
        guard lostReason == nil else {
            recordError(GL_CONTEXT_LOST)
            return nil
        }
        do {
            switch hostChoice {
            case .inProcess: transport = try InProcessTransport()
            case .transport(let t): transport = t
            case .environment: transport = try GLHostChoice.transportFromEnvironment()
            }
            let caps = VirglCapsV2(bytes: try transport!.readCaps())
            hostGLVersion = caps.hostGLVersion
            hostPrimitiveMask = caps.primMask
            hostCullDistance = caps.bset & 1 << 28 != 0
            hostSamplerFormats = caps.sampler
            hostFramebufferNoAttach = caps.has(.fbNoAttach)
            hostTextureView = caps.has(.textureView)
            hostShaderClock = caps.has(.shaderClock)
            hostTextureBarrier = caps.has(.textureBarrier)
            hostClipHalfz = caps.has(.clipHalfz)
            hostFramebufferFetch = caps.has(.tgsiFbfetch)
            hostIndirectDraw = (caps.bset & 1 << 26 != 0, caps.bset & 1 << 26 != 0 && caps.has(.multiDrawIndirect))
            if caps.maxDualSourceRenderTargets > 0 {
                state.limits.maxDualSourceDrawBuffers = GLint(min(caps.maxDualSourceRenderTargets, UInt32(GLBlendState.maxDrawBuffers)))
            }
            applySampleLimits(caps)
            applyUniformLimits(caps)
            applyStorageBufferLimits(caps)
            applyAtomicCounterLimits(caps)
            applyViewportLimits(caps)
            applyComputeLimits(caps)
            applyImageLimits(caps)
            if caps.maxTextureGatherComponents > 0, caps.minTextureGatherOffset < 0, caps.maxTextureGatherOffset > 0 {
                state.limits.maxProgramTextureGatherComponents = GLint(clamping: caps.maxTextureGatherComponents)
                state.limits.minProgramTextureGatherOffset = GLint(caps.minTextureGatherOffset)
                state.limits.maxProgramTextureGatherOffset = GLint(caps.maxTextureGatherOffset)
            }
            return transport
        } catch {
            hostFailed(error)
            return nil
        }
    }

    /// A transport failure: the context is lost (GL_CONTEXT_LOST now and from every later command that needs
    /// the host); the reason is logged once.
    func hostFailed(_ error: Error) {
        if lostReason == nil {
            lostReason = "\(error)"
            GLDiagnostics.log("context lost: \(error)")
        }
        transport = nil
        recordError(GL_CONTEXT_LOST)
    }

    /// Runs `body` with the host; a thrown transport error loses the context, an invalid argument is
    /// GL_INVALID_VALUE. Returns nil on failure.
    @discardableResult
    func withHost<T>(_ command: GLCommand, _ body: (VirglTransport) throws -> T) -> T? {
        guard let host else { return nil }
        do {
            return try body(host)
        } catch let e as VirglTransportError {
            if case .invalidArgument(let why) = e {
                recordError(GL_INVALID_VALUE, command, why)
            } else {
                hostFailed(e)
            }
            return nil
        } catch {
            hostFailed(error)
            return nil
        }
    }
}

extension GLDispatch {
    func installRobustness() {
        glGetGraphicsResetStatus = { c in
            guard c.lostReason != nil else { return GL_NO_ERROR }
            // A lost VirglGL context stays lost (it is not recovered): every call reports the reset.
            return GL_UNKNOWN_CONTEXT_RESET
        }
    }
}
