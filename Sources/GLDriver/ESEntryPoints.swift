import GLCore

/// OpenGL ES commands with no desktop alias in the registry: GL_OES_viewport_array's depth ranges take floats
/// where GL_ARB_viewport_array's take doubles. Each converts and calls the desktop command's entry point;
/// `virglglGetProcAddress` finds them by name (`ESEntryPoints.address`).
enum ESEntryPoints {
    /// The address of the ES-only command `name`, or nil.
    static func address(of name: String) -> UnsafeRawPointer? {
        switch name {
        case "glDepthRangeArrayfvOES": return unsafeBitCast(glDepthRangeArrayfvOES as @convention(c) (GLuint, GLsizei, UnsafePointer<GLfloat>?) -> Void, to: UnsafeRawPointer.self)
        case "glDepthRangeIndexedfOES": return unsafeBitCast(glDepthRangeIndexedfOES as @convention(c) (GLuint, GLfloat, GLfloat) -> Void, to: UnsafeRawPointer.self)
        default: return nil
        }
    }
}

/// glDepthRangeArrayfvOES: glDepthRangeArrayv with `count` float pairs.
@_cdecl("glDepthRangeArrayfvOES")
public func glDepthRangeArrayfvOES(_ first: GLuint, _ count: GLsizei, _ v: UnsafePointer<GLfloat>?) {
    guard count > 0, let v else { return glDepthRangeArrayv(first, count, nil) }
    let doubles = (0..<Int(count) * 2).map { GLdouble(v[$0]) }
    doubles.withUnsafeBufferPointer { glDepthRangeArrayv(first, count, $0.baseAddress) }
}

/// glDepthRangeIndexedfOES: glDepthRangeIndexed with floats.
@_cdecl("glDepthRangeIndexedfOES")
public func glDepthRangeIndexedfOES(_ index: GLuint, _ n: GLfloat, _ f: GLfloat) {
    glDepthRangeIndexed(index, GLdouble(n), GLdouble(f))
}
