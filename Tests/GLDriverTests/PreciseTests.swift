import GLCore
@testable import GLDriver
import XCTest

/// A precise expression keeps its NaN through the host's compiler: `fract(floor(a / b) * 42.0)` is NaN for
/// a = b = 0, and a host that assumed finite values would fold it to 0.
final class PreciseTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testPreciseFractOfNaNIsNotFoldedToZero() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 400 core
            uniform float a;
            uniform float b;
            out vec4 color;
            void main() {
                precise float x = fract(floor(a / b) * 42.0);
                color = x == 0.0 ? vec4(1.0, 0.0, 0.0, 1.0) : vec4(0.0, 1.0, 0.0, 1.0);
            }
            """)])
        glUseProgram(p)
        for (a, b, expected) in [(GLfloat(0), GLfloat(0), [0, 255, 0, 255]), (1, 2, [255, 0, 0, 255])] as [(GLfloat, GLfloat, [UInt8])] {
            glUniform1f(glGetUniformLocation(p, "a"), a)
            glUniform1f(glGetUniformLocation(p, "b"), b)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            var pixel = [UInt8](repeating: 0, count: 4)
            glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
            XCTAssertEqual(pixel, expected, "a = \(a), b = \(b)")
        }
    }
}
