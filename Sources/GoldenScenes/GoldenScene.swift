import GLBinding
import GLCore

/// What a scene draws with: the GL binding of the driver under test and the framebuffer whose colour
/// attachment 0 is the scene's picture.
public struct SceneContext {
    public let gl: GLBinding
    /// The framebuffer read back after the scene (RGBA8 colour, depth 24 + stencil 8).
    public let target: GLuint
    public let size: Int
}

/// A golden scene: GL code written once against `GLBinding`, so the same calls run on native Mesa (the
/// reference) and on VirglGL.
public struct GoldenScene: Sendable {
    public let name: String
    public let summary: String
    /// The largest per-channel difference allowed against the reference; 0 means exact.
    public let tolerance: Int
    /// Why the scene is not compared exactly (nil when exact).
    public let toleranceReason: String?
    public let draw: @Sendable (SceneContext) throws -> Void

    public init(
        _ name: String, _ summary: String, tolerance: Int = 0, because reason: String? = nil,
        draw: @escaping @Sendable (SceneContext) throws -> Void
    ) {
        precondition(tolerance == 0 || reason != nil, "scene \(name): a tolerance needs a reason")
        self.name = name
        self.summary = summary
        self.tolerance = tolerance
        self.toleranceReason = reason
        self.draw = draw
    }
}

/// Renders scenes at a fixed size into an offscreen framebuffer and reads them back.
public enum SceneRenderer {
    public static let size = 256

    /// Renders `scene` with `gl` (whose context must be current) and returns the picture.
    public static func render(_ scene: GoldenScene, gl: GLBinding) throws -> RGBAImage {
        let n = GLsizei(size)
        var fbo: GLuint = 0, color: GLuint = 0, depth: GLuint = 0
        gl.glGenFramebuffers(1, &fbo)
        gl.glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        gl.glGenRenderbuffers(1, &color)
        gl.glBindRenderbuffer(GL_RENDERBUFFER, color)
        gl.glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, n, n)
        gl.glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color)
        gl.glGenRenderbuffers(1, &depth)
        gl.glBindRenderbuffer(GL_RENDERBUFFER, depth)
        gl.glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, n, n)
        gl.glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth)
        defer {
            gl.glBindFramebuffer(GL_FRAMEBUFFER, 0)
            gl.glDeleteFramebuffers(1, &fbo)
            gl.glDeleteRenderbuffers(1, &color)
            gl.glDeleteRenderbuffers(1, &depth)
        }
        let status = gl.glCheckFramebufferStatus(GL_FRAMEBUFFER)
        guard status == GL_FRAMEBUFFER_COMPLETE else {
            throw SceneError("\(scene.name): target framebuffer incomplete: \(GLEnumNames.describe(status))")
        }
        gl.glViewport(0, 0, n, n)
        gl.glClearColor(0, 0, 0, 1)
        gl.glClearDepth(1)
        gl.glClearStencil(0)
        gl.glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT)
        try scene.draw(SceneContext(gl: gl, target: fbo, size: size))
        gl.glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo)
        gl.glReadBuffer(GL_COLOR_ATTACHMENT0)
        gl.glPixelStorei(GL_PACK_ALIGNMENT, 4)
        var rows = [UInt8](repeating: 0, count: size * size * 4)
        gl.glReadPixels(0, 0, n, n, GL_RGBA, GL_UNSIGNED_BYTE, &rows)
        let error = gl.glGetError()
        guard error == GL_NO_ERROR else { throw SceneError("\(scene.name): \(GLEnumNames.describe(error))") }
        return RGBAImage(glRows: rows, width: size, height: size)
    }
}
