import GLCore
@testable import GLDriver
import XCTest

/// GL 4.3's smaller pieces: ARB_invalidate_subdata (validated no-ops), ARB_texture_buffer_range's queries,
/// ARB_clear_buffer_object, and from ARB_ES3_compatibility GL_PRIMITIVE_RESTART_FIXED_INDEX,
/// GL_ANY_SAMPLES_PASSED_CONSERVATIVE and GL_MAX_ELEMENT_INDEX.
final class GL43SmallFeatureTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func makeBuffer(_ target: GLenum, _ bytes: [UInt8]) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(target, b)
        glBufferData(target, bytes.count, bytes, GL_STATIC_DRAW)
        return b
    }

    func contents(_ target: GLenum, _ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0xEE, count: count)
        glGetBufferSubData(target, 0, count, &out)
        return out
    }

    func testExtensionsAreListed() {
        let c = makeCurrentContext()
        for e in ["GL_ARB_invalidate_subdata", "GL_ARB_texture_buffer_range", "GL_ARB_clear_buffer_object"] {
            XCTAssertTrue(c.extensions.contains(e), e)
        }
    }

    // MARK: ARB_invalidate_subdata

    func testInvalidateValidatesAndKeepsContents() {
        _ = makeCurrentContext()
        let b = makeBuffer(GL_ARRAY_BUFFER, [1, 2, 3, 4, 5, 6, 7, 8])
        glInvalidateBufferData(b)
        glInvalidateBufferSubData(b, 2, 6)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(contents(GL_ARRAY_BUFFER, 8), [1, 2, 3, 4, 5, 6, 7, 8], "contents are kept")
        glInvalidateBufferSubData(b, 4, 5)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a range past the end")
        glInvalidateBufferSubData(b, -1, 2)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative offset")
        glInvalidateBufferData(0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "buffer 0")
        glInvalidateBufferData(777)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a buffer")
        _ = glMapBufferRange(GL_ARRAY_BUFFER, 0, 4, GL_MAP_READ_BIT)
        glInvalidateBufferData(b)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "mapped")
        glInvalidateBufferSubData(b, 4, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "outside the mapped range")
        glUnmapBuffer(GL_ARRAY_BUFFER)

        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_2D, t)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 8, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glInvalidateTexImage(t, 0)
        glInvalidateTexSubImage(t, 0, 2, 1, 0, 6, 3, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glInvalidateTexSubImage(t, 0, 4, 0, 0, 5, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a region past the image")
        glInvalidateTexImage(t, -1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative level")
        glInvalidateTexImage(0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "texture 0")

        let fbo = bindColorFramebuffer(width: 4, height: 4)
        XCTAssertNotEqual(fbo, 0)
        var attachments: [GLenum] = [GL_COLOR_ATTACHMENT0, GL_DEPTH_ATTACHMENT]
        glInvalidateFramebuffer(GL_FRAMEBUFFER, 2, &attachments)
        glInvalidateSubFramebuffer(GL_DRAW_FRAMEBUFFER, 1, &attachments, 0, 0, 2, 2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        attachments = [GL_COLOR]
        glInvalidateFramebuffer(GL_FRAMEBUFFER, 1, &attachments)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a default-framebuffer name for a framebuffer object")
        attachments = [GL_COLOR_ATTACHMENT0 + 20]
        glInvalidateFramebuffer(GL_FRAMEBUFFER, 1, &attachments)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a colour attachment past GL_MAX_COLOR_ATTACHMENTS")
        glInvalidateFramebuffer(GL_FRAMEBUFFER, -1, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative count")
        glInvalidateSubFramebuffer(GL_FRAMEBUFFER, 0, nil, 0, 0, -1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative width")
    }

    // MARK: ARB_texture_buffer_range

    func testTextureBufferRangeQueries() {
        _ = makeCurrentContext()
        let b = makeBuffer(GL_TEXTURE_BUFFER, [UInt8](repeating: 0, count: 256))
        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_BUFFER, t)
        func level(_ pname: GLenum) -> GLint {
            var v: GLint = -1
            glGetTexLevelParameteriv(GL_TEXTURE_BUFFER, 0, pname, &v)
            return v
        }
        var alignment: GLint = 0
        glGetIntegerv(GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT, &alignment)
        XCTAssertGreaterThan(alignment, 0)
        glTexBufferRange(GL_TEXTURE_BUFFER, GL_RGBA32F, b, GLintptr(alignment), 64)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(level(GL_TEXTURE_BUFFER_OFFSET), alignment)
        XCTAssertEqual(level(GL_TEXTURE_BUFFER_SIZE), 64)
        XCTAssertEqual(level(GL_TEXTURE_BUFFER_DATA_STORE_BINDING), GLint(b))
        XCTAssertEqual(level(GL_TEXTURE_WIDTH), 4, "64 bytes of RGBA32F texels")
        XCTAssertEqual(level(GL_TEXTURE_INTERNAL_FORMAT), GLint(GL_RGBA32F))
        glTexBuffer(GL_TEXTURE_BUFFER, GL_R8, b)
        XCTAssertEqual(level(GL_TEXTURE_BUFFER_OFFSET), 0)
        XCTAssertEqual(level(GL_TEXTURE_BUFFER_SIZE), 256, "glTexBuffer: the whole buffer")
        glTexBufferRange(GL_TEXTURE_BUFFER, GL_RGBA32F, b, 1, 64)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "an unaligned offset")
    }

    // MARK: ARB_clear_buffer_object

    func testClearBufferDataAndSubData() {
        _ = makeCurrentContext()
        _ = makeBuffer(GL_ARRAY_BUFFER, [UInt8](repeating: 9, count: 16))
        // The format's own client layout, copied.
        let word: [UInt8] = [1, 2, 3, 4]
        glClearBufferData(GL_ARRAY_BUFFER, GL_RGBA8UI, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(contents(GL_ARRAY_BUFFER, 16), Array([[UInt8]](repeating: word, count: 4).joined()))
        // Converted: a float 0.5 into R16 (32768 rounded), little-endian, into bytes 4..<12.
        var half: Float = 0.5
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_R16, 4, 8, GL_RED, GL_FLOAT, &half)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(contents(GL_ARRAY_BUFFER, 16), [1, 2, 3, 4, 0x00, 0x80, 0x00, 0x80, 0x00, 0x80, 0x00, 0x80, 1, 2, 3, 4])
        // No data: zeros.
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_R32F, 12, 4, GL_RED, GL_FLOAT, nil)
        XCTAssertEqual(contents(GL_ARRAY_BUFFER, 16).suffix(4), [0, 0, 0, 0])

        glClearBufferData(GL_ARRAY_BUFFER, GL_RGB8, GL_RGB, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a buffer-texture format")
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_RGBA8, 2, 4, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "an offset not a multiple of the element")
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_RGBA8, 12, 8, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "past the end")
        glClearBufferData(GL_ARRAY_BUFFER, GL_RGBA8UI, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "an integer format from non-integer data")
        _ = glMapBufferRange(GL_ARRAY_BUFFER, 0, 4, GL_MAP_READ_BIT)
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_RGBA8, 0, 8, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "over the mapped range")
        glClearBufferSubData(GL_ARRAY_BUFFER, GL_RGBA8, 8, 8, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "beside the mapped range")
        glUnmapBuffer(GL_ARRAY_BUFFER)
        glBindBuffer(GL_ARRAY_BUFFER, 0)
        glClearBufferData(GL_ARRAY_BUFFER, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, word)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "no buffer bound")
    }

    // MARK: ARB_ES3_compatibility

    /// With GL_PRIMITIVE_RESTART_FIXED_INDEX, 0xFFFF restarts a strip of unsigned shorts: the second strip does
    /// not join the first.
    func testFixedIndexPrimitiveRestartAndConservativeQuery() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, "#version 330 core\nlayout(location = 0) in vec2 p;\nvoid main() { gl_Position = vec4(p, 0.0, 1.0); }\n"),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(0.0, 1.0, 0.0, 1.0); }\n"),
        ]))
        // Left column: x -1…-0.5; right column: x 0.5…1. Joined, the strip would also cover the middle.
        let positions: [Float] = [-1, -1, -0.5, -1, -1, 1, -0.5, 1, 0.5, -1, 1, -1, 0.5, 1, 1, 1]
        _ = positions.withUnsafeBytes { makeBuffer(GL_ARRAY_BUFFER, Array($0)) }
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 0, nil)
        glEnableVertexAttribArray(0)
        let indices: [UInt16] = [0, 1, 2, 3, 0xFFFF, 4, 5, 6, 7]
        _ = indices.withUnsafeBytes { makeBuffer(GL_ELEMENT_ARRAY_BUFFER, Array($0)) }
        glEnable(GL_PRIMITIVE_RESTART_FIXED_INDEX)
        XCTAssertEqual(glIsEnabled(GL_PRIMITIVE_RESTART_FIXED_INDEX), 1)
        var q: GLuint = 0
        glGenQueries(1, &q)
        glBeginQuery(GL_ANY_SAMPLES_PASSED_CONSERVATIVE, q)
        glDrawElements(GL_TRIANGLE_STRIP, 9, GL_UNSIGNED_SHORT, nil)
        glEndQuery(GL_ANY_SAMPLES_PASSED_CONSERVATIVE)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var px = [UInt8](repeating: 0, count: 16)
        glReadPixels(0, 1, 4, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(Array(px[0..<4]), [0, 255, 0, 255], "the left strip")
        XCTAssertEqual(Array(px[12..<16]), [0, 255, 0, 255], "the right strip")
        XCTAssertEqual(Array(px[4..<8]), [0, 0, 0, 255], "nothing joins the strips")
        var passed: GLuint = 7
        glGetQueryObjectuiv(q, GL_QUERY_RESULT, &passed)
        XCTAssertEqual(passed, 1, "samples passed")

        var maxIndex: GLint64 = 0
        glGetInteger64v(GL_MAX_ELEMENT_INDEX, &maxIndex)
        XCTAssertEqual(maxIndex, 0xFFFF_FFFF)
    }
}
