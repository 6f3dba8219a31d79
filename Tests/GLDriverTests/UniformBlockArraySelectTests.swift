import GLCore
@testable import GLDriver
import XCTest

/// A uniform block array indexed by a variable inside control flow that only some fragments take: each element
/// must still be read (the translator selects among the elements; the host's address-register path read a
/// stale index from an inactive lane).
final class UniformBlockArraySelectTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testVariableBlockIndexUnderNonUniformControlFlow() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 8, height: 8)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 400 core
            #extension GL_ARB_shading_language_420pack : require
            layout(std140, binding = 0) uniform Block { vec4 c; } arr[4];
            uniform int n;
            out vec4 color;
            void main() {
                vec4 v = vec4(0);
                if (int(gl_FragCoord.x) % 2 != int(gl_FragCoord.y) % 3) {
                    for (uint i = 0u; i < 4u; ++i) v[i] = arr[(uint(n) + i) % 4u].c.x;
                }
                color = v;
            }
            """)])
        var buffers = [GLuint](repeating: 0, count: 4)
        glGenBuffers(4, &buffers)
        for k in 0..<4 {
            let value: [GLfloat] = [[0.2, 0.4, 0.6, 0.8][k], 0, 0, 0]
            glBindBuffer(GL_UNIFORM_BUFFER, buffers[k])
            glBufferData(GL_UNIFORM_BUFFER, 16, value, GL_STATIC_DRAW)
            glBindBufferBase(GL_UNIFORM_BUFFER, GLuint(k), buffers[k])
        }
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "n"), 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixels = [UInt8](repeating: 0, count: 8 * 8 * 4)
        glReadPixels(0, 0, 8, 8, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        for y in 0..<8 {
            for x in 0..<8 where x % 2 != y % 3 {
                let o = (y * 8 + x) * 4
                let pixel = Array(pixels[o..<o + 4])
                for (c, expected) in [102, 153, 204, 51].enumerated() {
                    XCTAssertEqual(Double(pixel[c]), Double(expected), accuracy: 2, "pixel (\(x), \(y)) channel \(c)")
                }
            }
        }
    }
}
