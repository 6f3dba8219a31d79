import GLCore
@testable import GLDriver
import XCTest

/// Explicit uniform locations (GL_ARB_explicit_uniform_location): glGetUniformLocation answers the declared
/// location, glUniform* writes through it, and a location no uniform has is GL_INVALID_OPERATION.
final class ExplicitUniformLocationTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testDeclaredLocationsReachTheUniforms() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_explicit_uniform_location : require
            layout(location = 7) uniform vec4 color;
            layout(location = 2) uniform float scale[2];
            uniform float bias;
            out vec4 o;
            void main() { o = color * scale[1] + vec4(bias); }
            """)])
        XCTAssertEqual(glGetUniformLocation(p, "color"), 7)
        XCTAssertEqual(glGetUniformLocation(p, "scale"), 2)
        XCTAssertEqual(glGetUniformLocation(p, "scale[1]"), 3)
        XCTAssertEqual(glGetUniformLocation(p, "bias"), 0, "the first free location")
        glUseProgram(p)
        glUniform4f(7, 0, 1, 0.5, 1)
        let scales: [GLfloat] = [0, 1]
        glUniform1fv(2, 2, scales)
        glUniform1f(0, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glUniform1f(5, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no uniform has location 5")
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 128, 255])
    }
}
