import GLCore
@testable import GLDriver
import XCTest

/// Arrays of uniform blocks: each element is a GL block of its own (`Colors[k]`), at the array's binding + k.
final class UniformBlockArrayTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testElementsReadTheirOwnBindingPoints() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_shading_language_420pack : require
            layout(std140, binding = 1) uniform Colors { vec4 c; } colors[2];
            out vec4 color;
            void main() { color = colors[0].c + colors[1].c; }
            """)])
        XCTAssertEqual(glGetUniformBlockIndex(p, "Colors[1]"), 1)
        var binding: GLint = -1
        glGetActiveUniformBlockiv(p, 1, GL_UNIFORM_BLOCK_BINDING, &binding)
        XCTAssertEqual(binding, 2)
        var buffers: [GLuint] = [0, 0]
        glGenBuffers(2, &buffers)
        for (k, value) in [[GLfloat(0), 1, 0, 0], [0, 0, 0.5, 1]].enumerated() {
            glBindBuffer(GL_UNIFORM_BUFFER, buffers[k])
            glBufferData(GL_UNIFORM_BUFFER, 16, value, GL_STATIC_DRAW)
            glBindBufferBase(GL_UNIFORM_BUFFER, GLuint(1 + k), buffers[k])
        }
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 128, 255])
    }

    /// `Colors[j][k]` (GL_ARB_arrays_of_arrays): binding + the row-major index, and two variable indices pick
    /// the element.
    func testArraysOfArraysOfBlocks() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 400 core
            #extension GL_ARB_arrays_of_arrays : require
            #extension GL_ARB_shading_language_420pack : require
            layout(std140, binding = 2) uniform Colors { vec4 c; } colors[3][2];
            uniform int j, k;
            out vec4 color;
            void main() { color = colors[j][k].c + colors[0][1].c; }
            """)])
        XCTAssertEqual(glGetUniformBlockIndex(p, "Colors[2][1]"), 5)
        var binding: GLint = -1
        glGetActiveUniformBlockiv(p, 5, GL_UNIFORM_BLOCK_BINDING, &binding)
        XCTAssertEqual(binding, 7)
        var buffers = [GLuint](repeating: 0, count: 6)
        glGenBuffers(6, &buffers)
        for n in 0..<6 {
            // Element n holds red n/8 (element 1, [0][1], also adds green).
            let value: [GLfloat] = [GLfloat(n) / 8, n == 1 ? 1 : 0, 0, 1]
            glBindBuffer(GL_UNIFORM_BUFFER, buffers[n])
            glBufferData(GL_UNIFORM_BUFFER, 16, value, GL_STATIC_DRAW)
            glBindBufferBase(GL_UNIFORM_BUFFER, GLuint(2 + n), buffers[n])
        }
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "j"), 2)
        glUniform1i(glGetUniformLocation(p, "k"), 0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        // colors[2][0] is element 4 (red 0.5) plus colors[0][1] (red 0.125, green 1).
        XCTAssertEqual(pixel[0], 159, accuracy: 1)
        XCTAssertEqual(pixel[1], 255)
    }
}
