import GLCore
@testable import GLDriver
import XCTest

/// OpenGL ES 2.0 compatibility (GL 4.1, GL_ARB_ES2_compatibility) and program binary queries and errors
/// (GL_ARB_get_program_binary; ProgramBinaryTests loads binaries).
final class ES2CompatibilityTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testShaderPrecisionFormats() {
        _ = makeCurrentContext()
        var range: [GLint] = [0, 0], precision: GLint = -1
        for type in [GL_LOW_FLOAT, GL_MEDIUM_FLOAT, GL_HIGH_FLOAT] {
            glGetShaderPrecisionFormat(GL_FRAGMENT_SHADER, type, &range, &precision)
            XCTAssertEqual(range, [127, 127])
            XCTAssertEqual(precision, 23)
        }
        for type in [GL_LOW_INT, GL_MEDIUM_INT, GL_HIGH_INT] {
            glGetShaderPrecisionFormat(GL_VERTEX_SHADER, type, &range, &precision)
            XCTAssertEqual(range, [31, 30])
            XCTAssertEqual(precision, 0)
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glGetShaderPrecisionFormat(GL_GEOMETRY_SHADER, GL_HIGH_FLOAT, &range, &precision)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "only vertex and fragment shaders")
        glGetShaderPrecisionFormat(GL_VERTEX_SHADER, GL_FLOAT, &range, &precision)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testCompilerAndBinaryQueries() {
        let c = makeCurrentContext()
        var b: GLboolean = 0
        glGetBooleanv(GL_SHADER_COMPILER, &b)
        XCTAssertEqual(b, 1)
        var n: GLint = -1
        glGetIntegerv(GL_NUM_SHADER_BINARY_FORMATS, &n)
        XCTAssertEqual(n, 0)
        glGetIntegerv(GL_NUM_PROGRAM_BINARY_FORMATS, &n)
        XCTAssertEqual(n, 1, "VirglGL's own program binary format")
        var format: GLint = 42
        glGetIntegerv(GL_PROGRAM_BINARY_FORMATS, &format)
        XCTAssertEqual(GLenum(format), GLProgramBinaryFormat.format)
        for pname in [GL_MAX_VERTEX_UNIFORM_VECTORS, GL_MAX_FRAGMENT_UNIFORM_VECTORS, GL_MAX_VARYING_VECTORS] {
            glGetIntegerv(pname, &n)
            XCTAssertGreaterThan(n, 0)
        }
        glGetIntegerv(GL_IMPLEMENTATION_COLOR_READ_FORMAT, &n)
        XCTAssertEqual(GLenum(n), GL_RGBA)
        glGetIntegerv(GL_IMPLEMENTATION_COLOR_READ_TYPE, &n)
        XCTAssertEqual(GLenum(n), GL_UNSIGNED_BYTE)
        glReleaseShaderCompiler()
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var shader = glCreateShader(GL_VERTEX_SHADER)
        glShaderBinary(1, &shader, 0x1234, nil, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "no shader binary formats")
        glShaderBinary(-1, &shader, 0x1234, nil, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        XCTAssertTrue(c.extensions.contains("GL_ARB_ES2_compatibility"))
        XCTAssertTrue(c.extensions.contains("GL_ARB_get_program_binary"))
    }

    func testDepthRangefAndClearDepthf() {
        _ = makeCurrentContext()
        glDepthRangef(0.25, 2)
        var d: [GLfloat] = [0, 0]
        glGetFloatv(GL_DEPTH_RANGE, &d)
        XCTAssertEqual(d, [0.25, 1])
        var dd: [GLdouble] = [0, 0]
        glGetDoublei_v(GL_DEPTH_RANGE, 9, &dd)
        XCTAssertEqual(dd, [0.25, 1], "glDepthRangef sets every viewport's")
        glClearDepthf(0.5)
        var clear: GLfloat = 0
        glGetFloatv(GL_DEPTH_CLEAR_VALUE, &clear)
        XCTAssertEqual(clear, 0.5)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// GL_FIXED attributes are 16.16 fixed point: 0x8000 is 0.5.
    func testFixedAttributesDraw() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        // Per vertex: position (x, y) and a colour (r, g), all GL_FIXED; the triangle covers the framebuffer.
        let one: Int32 = 0x10000, half: Int32 = 0x8000, quarter: Int32 = 0x4000
        let data: [Int32] = [-one, -one, half, quarter, 3 * one, -one, half, quarter, -one, 3 * one, half, quarter]
        glBufferData(GL_ARRAY_BUFFER, data.count * 4, data, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FIXED, 0, 16, nil)
        glVertexAttribPointer(1, 2, GL_FIXED, 1, 16, UnsafeRawPointer(bitPattern: 8))
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
        let p = linkedProgram([
            (GL_VERTEX_SHADER, """
                #version 330 core
                layout(location = 0) in vec2 position;
                layout(location = 1) in vec2 color;
                out vec2 c;
                void main() { c = color; gl_Position = vec4(position, 0.0, 1.0); }
                """),
            (GL_FRAGMENT_SHADER, """
                #version 330 core
                in vec2 c;
                out vec4 o;
                void main() { o = vec4(c, 1.0, 1.0); }
                """),
        ])
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [128, 64, 255, 255])
        // Indexed, twice (the converted copy is made again for each draw).
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        var ebo: GLuint = 0
        glGenBuffers(1, &ebo)
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo)
        let indices: [UInt16] = [2, 1, 0]
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, 6, indices, GL_STATIC_DRAW)
        glDrawElements(GL_TRIANGLES, 3, GL_UNSIGNED_SHORT, nil)
        glDrawElements(GL_TRIANGLES, 3, GL_UNSIGNED_SHORT, nil)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [128, 64, 255, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // Past the end of the buffer: an error, not a read outside it.
        glDrawArrays(GL_TRIANGLES, 0, 1 << 30)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glVertexAttribIPointer(2, 2, GL_FIXED, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "GL_FIXED is not an integer type")
    }

    func testRGB565Renderbuffer() {
        _ = makeCurrentContext()
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGB565, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        var format: GLint = 0
        glGetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_INTERNAL_FORMAT, &format)
        XCTAssertEqual(GLenum(format), GL_RGB565)
        glClearColor(1, 0, 1, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [255, 0, 255, 255], "no alpha: reads as 1")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// An ES 2.0-style RGB565 texture: 5_6_5 data in, read back as bytes and as 5_6_5 again (the packed 16-bit
    /// types go through GLPixelConversion).
    func testRGB565TextureWithPackedData() {
        _ = makeCurrentContext()
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        // Red (31, 0, 0), green (0, 63, 0), blue (0, 0, 31) and a grey (16, 32, 16).
        let texels: [UInt16] = [31 << 11, 63 << 5, 31, 16 << 11 | 32 << 5 | 16]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGB565), 2, 2, 0, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, texels)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        var bytes = [UInt8](repeating: 0, count: 16)
        glReadPixels(0, 0, 2, 2, GL_RGBA, GL_UNSIGNED_BYTE, &bytes)
        XCTAssertEqual(bytes, [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 132, 130, 132, 255])
        var packed = [UInt16](repeating: 0, count: 4)
        glPixelStorei(GL_PACK_ALIGNMENT, 2)
        glReadPixels(0, 0, 2, 2, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, &packed)
        XCTAssertEqual(packed, texels)
        var rev = [UInt16](repeating: 0, count: 1)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_SHORT_4_4_4_4_REV, &rev)
        XCTAssertEqual(rev, [0xF00F], "red in the low nibble, alpha in the high one")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testProgramBinaryHintAndErrors() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            out vec4 o;
            void main() { o = vec4(1.0); }
            """)])
        var n: GLint = -1
        glGetProgramiv(p, GL_PROGRAM_BINARY_LENGTH, &n)
        XCTAssertGreaterThan(n, 64, "a linked program has a binary (longer than the buffer below)")
        glGetProgramiv(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, &n)
        XCTAssertEqual(n, 0)
        glProgramParameteri(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GLint(GL_TRUE))
        glGetProgramiv(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, &n)
        XCTAssertEqual(n, 0, "the hint applies at the next link")
        glLinkProgram(p)
        glGetProgramiv(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, &n)
        XCTAssertEqual(n, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glProgramParameteri(p, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, 2)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glProgramParameteri(p, GL_LINK_STATUS, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)

        var length: GLsizei = 7, format: GLenum = 0
        var bytes = [UInt8](repeating: 0, count: 64)
        glGetProgramBinary(p, 64, &length, &format, &bytes)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the buffer is smaller than the binary")
        XCTAssertEqual(length, 0)
        glProgramBinary(p, 0x1234, bytes, 64)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetProgramiv(p, GL_LINK_STATUS, &n)
        XCTAssertEqual(n, 0, "a failed load leaves the program unlinked")
        glProgramBinary(12345, 0, bytes, 64)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a program")
    }
}
