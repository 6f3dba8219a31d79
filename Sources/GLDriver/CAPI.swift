import GLCore
import VirglTransport

/// VirglGL's small C API for making contexts, until the EGL vendor library lands. Declared for C in
/// `include/virglgl.h`.

/// Creates a context for GL `major.minor` (`profile`: 1 core, 2 compatibility, as GL_CONTEXT_*_PROFILE_BIT).
/// Returns NULL for a version or profile the driver cannot create.
@_cdecl("virglglCreateContext")
public func virglglCreateContext(_ major: Int32, _ minor: Int32, _ profile: Int32) -> UnsafeMutableRawPointer? {
    let highest = GLContextAttributes.highestVersion
    guard (major, minor) >= (1, 0), (Int(major), Int(minor)) <= (highest.major, highest.minor), minor >= 0, minor <= 9 else { return nil }
    let p: GLContextAttributes.Profile
    switch UInt32(bitPattern: profile) {
    case GL_CONTEXT_CORE_PROFILE_BIT: p = .core
    case GL_CONTEXT_COMPATIBILITY_PROFILE_BIT: p = .compatibility
    default: return nil
    }
    let context = GLContext(attributes: GLContextAttributes(major: Int(major), minor: Int(minor), profile: p), host: .environment)
    if major >= 4 {
        // GL 4.x needs the host's GL 4.x and caps (tessellation, doubles, images, …): ask the host now, so a context that could
        // not be that version is not made (EGL_BAD_MATCH) rather than reporting a lower one.
        guard context.host != nil, context.hostGLVersion != nil, context.reportedVersion >= (Int(major), Int(minor)) else { return nil }
    }
    return Unmanaged.passRetained(context).toOpaque()
}

/// Makes `context` (or none, for NULL) current on the calling thread. Returns 1.
@_cdecl("virglglMakeCurrent")
public func virglglMakeCurrent(_ context: UnsafeMutableRawPointer?) -> Int32 {
    GLContext.makeCurrent(context.map { Unmanaged<GLContext>.fromOpaque($0).takeUnretainedValue() })
    return 1
}

/// Releases a context made by `virglglCreateContext`. A thread it is current on keeps it alive until it
/// makes another context current.
@_cdecl("virglglDestroyContext")
public func virglglDestroyContext(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<GLContext>.fromOpaque(context).release()
}

/// The address of the GL command `name` (or of the command an extension command is an alias of), or NULL
/// when VirglGL has no such entry point.
@_cdecl("virglglGetProcAddress")
public func virglglGetProcAddress(_ name: UnsafePointer<CChar>?) -> UnsafeRawPointer? {
    guard let name else { return nil }
    let s = String(cString: name)
    guard let command = GLCommand(nameOrAlias: s) else { return ESEntryPoints.address(of: s) }
    return ProcTable.address(of: command)
}

/// Makes `context` current with a `width`×`height` surface as its default framebuffer (RGBA8 colour, 24-bit
/// depth, 8-bit stencil); `surface` names the surface (0: none, a surfaceless context). Returns 1, or 0 when
/// the buffers cannot be made.
@_cdecl("virglglMakeCurrentWithSurface")
public func virglglMakeCurrentWithSurface(_ context: UnsafeMutableRawPointer?, _ surface: UInt, _ width: Int32, _ height: Int32) -> Int32 {
    guard let context else {
        GLContext.makeCurrent(nil)
        return 1
    }
    let c = Unmanaged<GLContext>.fromOpaque(context).takeUnretainedValue()
    GLContext.makeCurrent(c)
    return c.attachSurface(surface, width: Int(width), height: Int(height)) ? 1 : 0
}

/// Reads the colour buffer of the current context's surface (for eglSwapBuffers on pbuffers: a flush).
@_cdecl("virglglFlush")
public func virglglFlush() {
    GLContext.current?.flushCommands()
}

/// 1 on the in-process renderer's own thread: VirglGL's EGL vendor then answers no display there, so the
/// renderer's own EGL calls reach the system's EGL.
@_cdecl("virglglIsHostThread")
public func virglglIsHostThread() -> Int32 {
    InProcessRenderer.isCurrentThreadTheRenderer ? 1 : 0
}
