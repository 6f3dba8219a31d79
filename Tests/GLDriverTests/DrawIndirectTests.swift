import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_draw_indirect and GL_ARB_multi_draw_indirect: the draw parameters come from GL_DRAW_INDIRECT_BUFFER
/// (read by the host from DRAW_VBO's indirect form), with GL 4.6 §10.4's errors.
final class DrawIndirectTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A 4×4 framebuffer cleared black, a program painting green, a VAO and a bound indirect buffer of `words`.
    func setUp(_ words: [UInt32]) throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_draw_indirect") else { throw XCTSkip("the host has no indirect draws") }
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var vao: GLuint = 0, buffer: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(0.0, 1.0, 0.0, 1.0); }\n"),
        ]))
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, buffer)
        glBufferData(GL_DRAW_INDIRECT_BUFFER, words.count * 4, words, GL_STATIC_DRAW)
        return c
    }

    func pixel() -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func testArraysDrawTheCountInTheBuffer() throws {
        // Two commands: {count 0, …} then {count 3, 1 instance, first 0, base instance 0} at byte 16.
        _ = try setUp([0, 1, 0, 0, 3, 1, 0, 0])
        glDrawArraysIndirect(GL_TRIANGLES, nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 0, 0, 255], "a count of 0 draws nothing")
        glDrawArraysIndirect(GL_TRIANGLES, UnsafeRawPointer(bitPattern: 16))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
    }

    func testElementsStartAtFirstIndex() throws {
        // {count 3, 1 instance, firstIndex 2, baseVertex 0, 0}: indices 0, 1, 2 from the third one on.
        _ = try setUp([3, 1, 2, 0, 0])
        var eb: GLuint = 0
        glGenBuffers(1, &eb)
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, eb)
        let indices: [UInt16] = [0, 0, 0, 1, 2]
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, 10, indices, GL_STATIC_DRAW)
        glDrawElementsIndirect(GL_TRIANGLES, GL_UNSIGNED_SHORT, nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
    }

    func testMultiDrawWalksTheStride() throws {
        // Two 8-word-stride commands; only the second draws.
        _ = try setUp([0, 1, 0, 0, 9, 9, 9, 9, 3, 1, 0, 0, 9, 9, 9, 9])
        glMultiDrawArraysIndirect(GL_TRIANGLES, nil, 2, 32)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
    }

    /// Without the host's indirect draws, the parameters are read from the buffer's client copy.
    func testClientCopyPathDrawsTheSame() throws {
        let c = try setUp([0, 1, 0, 0, 3, 1, 0, 0])
        c.hostIndirectDraw = (false, false)
        glMultiDrawArraysIndirect(GL_TRIANGLES, nil, 2, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
    }

    func testErrors() throws {
        _ = try setUp([3, 1, 0, 0])
        glDrawArraysIndirect(GL_TRIANGLES, UnsafeRawPointer(bitPattern: 2))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "an offset that is not a multiple of 4")
        glDrawArraysIndirect(GL_TRIANGLES, UnsafeRawPointer(bitPattern: 4))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "parameters past the end of the buffer")
        glDrawElementsIndirect(GL_TRIANGLES, GL_UNSIGNED_INT, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no element buffer")
        glMultiDrawArraysIndirect(GL_TRIANGLES, nil, -1, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative draw count")
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, 0)
        glDrawArraysIndirect(GL_TRIANGLES, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no indirect buffer")
        XCTAssertEqual(pixel(), [0, 0, 0, 255], "nothing was drawn")
    }
}
