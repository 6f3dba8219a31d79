import GLCore
@testable import GLDriver
import XCTest

/// gl_PrimitiveID in a fragment shader without a geometry shader counts GL_QUADS and GL_QUAD_STRIP quads, though
/// the driver draws each as two triangles (GLSLPrimitiveIDLowering, GLContext+PrimitiveID); other primitives
/// keep the host's count. Also: GL_ARB_shader_group_vote is listed.
final class PrimitiveIDQuadsTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The red channel of column `x` (of 8) in the middle row: gl_PrimitiveID × 32.
    func red(_ x: GLint) -> UInt8 {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, 4, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p[0]
    }

    /// Draws `mode` over `positions` (x, y pairs) into a cleared 8×8 target.
    func draw(_ mode: GLenum, _ positions: [Float]) {
        var buffer: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_ARRAY_BUFFER, buffer)
        glBufferData(GL_ARRAY_BUFFER, positions.count * 4, positions, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, GLboolean(GL_FALSE), 8, nil)
        glEnableVertexAttribArray(0)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(mode, 0, GLsizei(positions.count / 2))
    }

    func testQuadsCountAsOnePrimitiveEach() {
        let context = makeCurrentContext(.compatibility)
        XCTAssertTrue(context.extensions.contains("GL_ARB_shader_group_vote"))
        bindColorFramebuffer(width: 8, height: 8)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, """
            #version 150
            in vec2 position;
            void main() { gl_Position = vec4(position, 0.0, 1.0); }
            """))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, """
            #version 150
            out vec4 color;
            void main() { color = vec4(float(gl_PrimitiveID) * 32.0 / 255.0, 0.0, 0.0, 1.0); }
            """))
        glBindAttribLocation(p, 0, "position")
        glLinkProgram(p)
        glUseProgram(p)
        // Two quads side by side: primitives 0 (left) and 1 (right).
        draw(GL_QUADS, [-1, -1, 0, -1, 0, 1, -1, 1, 0, -1, 1, -1, 1, 1, 0, 1])
        XCTAssertEqual([red(1), red(6)], [0, 32])
        // The same two as a strip.
        draw(GL_QUAD_STRIP, [-1, -1, -1, 1, 0, -1, 0, 1, 1, -1, 1, 1])
        XCTAssertEqual([red(1), red(6)], [0, 32])
        // Triangles count as themselves again: the left half's two, then the right half's (2 and 3).
        draw(GL_TRIANGLES, [-1, -1, 0, -1, 0, 1, -1, -1, 0, 1, -1, 1, 0, -1, 1, -1, 1, 1, 0, -1, 1, 1, 0, 1])
        XCTAssertTrue([0, 32].contains(red(1)), "\(red(1))")
        XCTAssertTrue([64, 96].contains(red(6)), "\(red(6))")
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
    }
}
