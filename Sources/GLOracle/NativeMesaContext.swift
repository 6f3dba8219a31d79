import CEGL
import GLBinding
import GLCore

/// Why a native context could not be made.
public struct NativeContextError: Error, CustomStringConvertible {
    public var description: String
}

/// A desktop GL context on the machine's own Mesa (llvmpipe here) through EGL surfaceless: the independent
/// oracle golden images are recorded with, and the proof that `GLBinding` works against a real driver.
public final class NativeMesaContext {
    public let display: EGLDisplay
    public let context: EGLContext
    /// GL loaded through Mesa's `eglGetProcAddress`.
    public let gl: GLBinding

    /// Makes a `major.minor` core-profile context current on the calling thread.
    public init(major: Int32 = 4, minor: Int32 = 5) throws {
        guard let display = eglGetPlatformDisplay(EGLenum(EGL_PLATFORM_SURFACELESS_MESA), nil, nil)
        else { throw NativeContextError(description: "no EGL surfaceless display (egl 0x\(String(eglGetError(), radix: 16)))") }
        var eglMajor: EGLint = 0, eglMinor: EGLint = 0
        guard eglInitialize(display, &eglMajor, &eglMinor) == EGL_TRUE, eglBindAPI(EGLenum(EGL_OPENGL_API)) == EGL_TRUE else {
            throw NativeContextError(description: "eglInitialize/eglBindAPI failed (egl 0x\(String(eglGetError(), radix: 16)))")
        }
        let attributes: [EGLint] = [
            EGL_CONTEXT_MAJOR_VERSION, major, EGL_CONTEXT_MINOR_VERSION, minor,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE,
        ]
        guard let context = eglCreateContext(display, nil, nil, attributes) else {
            throw NativeContextError(description: "eglCreateContext \(major).\(minor) core failed (egl 0x\(String(eglGetError(), radix: 16)))")
        }
        guard eglMakeCurrent(display, nil, nil, context) == EGL_TRUE else {
            eglDestroyContext(display, context)
            throw NativeContextError(description: "eglMakeCurrent failed (egl 0x\(String(eglGetError(), radix: 16)))")
        }
        self.display = display
        self.context = context
        gl = GLBinding { name in
            eglGetProcAddress(name).map { unsafeBitCast($0, to: UnsafeRawPointer.self) }
        }
    }

    deinit {
        eglMakeCurrent(display, nil, nil, nil)
        eglDestroyContext(display, context)
    }
}
