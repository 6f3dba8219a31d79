import GLCore

/// Creates an OpenGL ES context for ES `major.minor` (EGL_OPENGL_ES_API). The context is the highest ES version
/// the host allows (`GLContext.reportedESVersion`), which is backward compatible with any lower request; NULL
/// when the request is above it or not an ES version (ES 1.x is not implemented).
@_cdecl("virglglCreateESContext")
public func virglglCreateESContext(_ major: Int32, _ minor: Int32) -> UnsafeMutableRawPointer? {
    guard (2...3).contains(major), minor >= 0, major == 3 || minor == 0 else { return nil }
    let context = GLContext(
        attributes: GLContextAttributes(major: Int(major), minor: Int(minor), profile: .compatibility, api: .openGLES), host: .environment)
    if major == 3 {
        // ES 3.x needs the host's caps: ask now, so a context that cannot be that version is not made.
        guard context.host != nil, context.hostGLVersion != nil, context.reportedESVersion >= (Int(major), Int(minor)) else { return nil }
    }
    return Unmanaged.passRetained(context).toOpaque()
}
