import GLCore
@testable import GLDriver
import XCTest

/// Dual-source blending (GL 3.3, ARB_blend_func_extended): a fragment shader's second colour (index 1) feeds the
/// GL_SRC1_* blend factors; bindings by API and by layout; the spec's errors.
final class DualSourceBlendTests: XCTestCase {
    var context: GLContext!
    var fbo: GLuint = 0

    override func setUp() {
        context = makeCurrentContext()
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        var rb: [GLuint] = [0, 0]
        glGenRenderbuffers(2, &rb)
        for (i, r) in rb.enumerated() {
            glBindRenderbuffer(GL_RENDERBUFFER, r)
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + GLenum(i), GL_RENDERBUFFER, r)
        }
        glViewport(0, 0, 4, 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertexShader = """
        #version 330 core
        void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
        """

    /// A program of the full-viewport triangle and `fragment`; `bind` runs between attaching and linking.
    func program(_ fragment: String, bind: (GLuint) -> Void = { _ in }) -> GLuint {
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, Self.vertexShader))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, fragment))
        bind(p)
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        return p
    }

    /// Clears to (0, 1, 1, 1), draws with `p` and returns the centre pixel of colour buffer 0.
    func drawnPixel(_ p: GLuint) -> [UInt8] {
        glClearColor(0, 1, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadBuffer(GL_COLOR_ATTACHMENT0)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    /// colour 0 = (1, 1, 0, 1), colour 1 = (1, 0, 1, 0).
    static let layoutShader = """
        #version 330 core
        layout(location = 0, index = 0) out vec4 color;
        layout(location = 0, index = 1) out vec4 factor;
        void main() { color = vec4(1.0, 1.0, 0.0, 1.0); factor = vec4(1.0, 0.0, 1.0, 0.0); }
        """

    func testSecondColourIsTheBlendFactor() {
        let p = program(Self.layoutShader)
        XCTAssertEqual(glGetFragDataLocation(p, "factor"), 0)
        XCTAssertEqual(glGetFragDataIndex(p, "factor"), 1)
        XCTAssertEqual(glGetFragDataIndex(p, "color"), 0)
        XCTAssertEqual(glGetFragDataIndex(p, "missing"), -1)
        XCTAssertEqual(glGetFragDataLocation(p, "missing"), -1)
        var drawBuffer = GL_COLOR_ATTACHMENT0
        glDrawBuffers(1, &drawBuffer)
        glEnable(GL_BLEND)
        // src * src1 + dst * (1 - src1) = (1, 1, 0, 1)·(1, 0, 1, 0) + (0, 1, 1, 1)·(0, 1, 0, 1).
        glBlendFunc(GL_SRC1_COLOR, GL_ONE_MINUS_SRC1_COLOR)
        XCTAssertEqual(drawnPixel(p), [255, 255, 0, 255])
        // Alpha factors: src * src1.a + dst * (1 - src1.a) = dst.
        glBlendFunc(GL_SRC1_ALPHA, GL_ONE_MINUS_SRC1_ALPHA)
        XCTAssertEqual(drawnPixel(p), [0, 255, 255, 255])
        glBlendFuncSeparate(GL_ONE_MINUS_SRC1_ALPHA, GL_ZERO, GL_ZERO, GL_SRC1_COLOR)
        XCTAssertEqual(drawnPixel(p), [255, 255, 0, 0])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testBindingByAPI() {
        let p = program("""
            #version 330 core
            out vec4 color;
            out vec4 factor;
            void main() { color = vec4(1.0, 1.0, 0.0, 1.0); factor = vec4(1.0, 0.0, 1.0, 0.0); }
            """) { p in
            glBindFragDataLocationIndexed(p, 0, 0, "color")
            glBindFragDataLocationIndexed(p, 0, 1, "factor")
        }
        XCTAssertEqual(glGetFragDataIndex(p, "factor"), 1)
        XCTAssertEqual(glGetFragDataLocation(p, "color"), 0)
        var drawBuffer = GL_COLOR_ATTACHMENT0
        glDrawBuffers(1, &drawBuffer)
        glEnable(GL_BLEND)
        glBlendFunc(GL_SRC1_COLOR, GL_ONE_MINUS_SRC1_COLOR)
        XCTAssertEqual(drawnPixel(p), [255, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testErrors() {
        var maxDual: GLint = 0
        glGetIntegerv(GL_MAX_DUAL_SOURCE_DRAW_BUFFERS, &maxDual)
        XCTAssertGreaterThanOrEqual(maxDual, 1)
        let p = glCreateProgram()
        glBindFragDataLocationIndexed(p, 0, 2, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index > 1")
        glBindFragDataLocationIndexed(p, GLuint(maxDual), 1, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "colorNumber ≥ GL_MAX_DUAL_SOURCE_DRAW_BUFFERS with index 1")
        glBindFragDataLocationIndexed(p, 0, 1, "gl_FragColor")
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertEqual(glGetFragDataIndex(p, "x"), -1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not linked")
        // Dual-source factors with more draw buffers than GL_MAX_DUAL_SOURCE_DRAW_BUFFERS.
        let q = program(Self.layoutShader)
        var buffers = [GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1]
        glDrawBuffers(GLsizei(maxDual) + 1, &buffers)
        glEnable(GL_BLEND)
        glBlendFunc(GL_SRC1_COLOR, GL_ZERO)
        glUseProgram(q)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), maxDual < 2 ? GL_INVALID_OPERATION : GL_NO_ERROR)
        glBlendFunc(GL_ONE, GL_ZERO)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
