import GLCore
@testable import GLDriver
import XCTest

/// Texture swizzles change what shaders sample; parameter queries answer what was set; bad parameter values
/// are GL errors, never traps.
final class TextureParameterTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// Draws a full-viewport triangle sampling `texture` at (0.5, 0.5) and returns the centre pixel.
    func sampleThroughShader(_ fragment: String? = nil) -> [UInt8] {
        let vs = compileShader(GL_VERTEX_SHADER, """
            #version 330 core
            void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
            """)
        let fs = compileShader(GL_FRAGMENT_SHADER, fragment ?? """
            #version 330 core
            uniform sampler2D image;
            out vec4 color;
            void main() { color = texture(image, vec2(0.5)); }
            """)
        let p = glCreateProgram()
        glAttachShader(p, vs)
        glAttachShader(p, fs)
        glLinkProgram(p)
        glUseProgram(p)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func testSwizzleReachesTheSamplerView() {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8]([10, 20, 30, 40]))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(sampleThroughShader(), [10, 20, 30, 40])
        var rgba: [GLint] = [GLint(GL_BLUE), GLint(GL_ONE), GLint(GL_ZERO), GLint(GL_RED)]
        glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, &rgba)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(sampleThroughShader(), [30, 255, 0, 10])
        var back = [GLint](repeating: 0, count: 4)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, &back)
        XCTAssertEqual(back, rgba)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_G, GLint(GL_GREEN))
        XCTAssertEqual(sampleThroughShader(), [30, 20, 0, 10])
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_A, GLint(GL_RGBA))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testParameterAndLevelQueries() {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexImage2D(GL_TEXTURE_2D, 1, GLint(GL_RGBA8), 3, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GLint(GL_MIRRORED_REPEAT))
        glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MIN_LOD, -2.5)
        glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 1e30)  // clamped, not a trap
        var v: GLint = 0, f: GLfloat = 0
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, &v)
        XCTAssertEqual(GLenum(v), GL_MIRRORED_REPEAT)
        glGetTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_MIN_LOD, &f)
        XCTAssertEqual(f, -2.5)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 1, GL_TEXTURE_WIDTH, &v)
        XCTAssertEqual(v, 3)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 1, GL_TEXTURE_INTERNAL_FORMAT, &v)
        XCTAssertEqual(GLenum(v), GL_RGBA8)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 1, GL_TEXTURE_ALPHA_SIZE, &v)
        XCTAssertEqual(v, 8)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &v)
        XCTAssertEqual(v, 0, "no level 0 image")
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_WIDTH, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        var sampler: GLuint = 0
        glGenSamplers(1, &sampler)
        var border: [GLfloat] = [0.25, 0.5, 0.75, 1]
        glSamplerParameterfv(sampler, GL_TEXTURE_BORDER_COLOR, &border)
        var got = [GLfloat](repeating: 0, count: 4)
        glGetSamplerParameterfv(sampler, GL_TEXTURE_BORDER_COLOR, &got)
        XCTAssertEqual(got, border)
        glGetSamplerParameteriv(sampler + 7, GL_TEXTURE_MIN_FILTER, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        // A base level above the maximum makes the texture incomplete: it samples black, without a trap.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 2)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 1)
        XCTAssertEqual(sampleThroughShader(), [0, 0, 0, 255])
    }
}

/// Internal formats of the format table take data, are sampled by a draw, and read back through the sampler
/// what was uploaded (within their precision) on the in-process host, without losing the context.
extension TextureParameterTests {
    /// Samples texel (0, 0) of a 2×2 texture of `internalFormat` filled from float RGBA (0.25, 0.5, 0.75, 1).
    func sample(_ internalFormat: GLenum, _ format: GLenum, _ type: GLenum, _ data: [UInt8]) -> [UInt8] {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), 2, 2, 0, format, type, data)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        return sampleThroughShader()
    }

    func testNormalizedAndFloatFormatsSample() {
        let floats: [Float] = [0.25, 0.5, 0.75, 1]
        let rgbaFloat = (0..<4).flatMap { _ in floats }.withUnsafeBytes { Array($0) }
        let cases: [(GLenum, [UInt8])] = [
            (GL_RGBA16, [64, 128, 191, 255]), (GL_RGB16, [64, 128, 191, 255]), (GL_RG16, [64, 128, 0, 255]), (GL_R16, [64, 0, 0, 255]),
            (GL_RGBA8_SNORM, [64, 128, 191, 255]), (GL_RG8_SNORM, [64, 128, 0, 255]), (GL_R8_SNORM, [64, 0, 0, 255]),
            (GL_RGBA16_SNORM, [64, 128, 191, 255]), (GL_RGB32F, [64, 128, 191, 255]), (GL_RGB16F, [64, 128, 191, 255]),
            (GL_RG16F, [64, 128, 0, 255]), (GL_R16F, [64, 0, 0, 255]), (GL_RGBA32F, [64, 128, 191, 255]),
        ]
        for (internalFormat, expected) in cases {
            let got = sample(internalFormat, GL_RGBA, GL_FLOAT, rgbaFloat)
            XCTAssertEqual(glGetError(), GL_NO_ERROR, GLEnumNames.describe(internalFormat))
            XCTAssertTrue(zip(got, expected).allSatisfy { abs(Int($0) - Int($1)) <= 1 }, "\(GLEnumNames.describe(internalFormat)): \(got) vs \(expected)")
        }
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_NO_ERROR)
    }

    func testIntegerFormatsSample() {
        let unsigned = """
            #version 330 core
            uniform usampler2D image;
            out vec4 color;
            void main() { color = vec4(texelFetch(image, ivec2(0), 0)) / 255.0; }
            """
        let signed = unsigned.replacingOccurrences(of: "usampler2D", with: "isampler2D").replacingOccurrences(of: "/ 255.0", with: "/ -255.0")
        let words: [UInt32] = (0..<4).flatMap { _ in [10, 20, 30, 40] as [UInt32] }
        let negative: [Int32] = (0..<4).flatMap { _ in [-10, -20, -30, -40] as [Int32] }
        let cases: [(GLenum, Bool, [UInt8])] = [
            // A missing integer alpha reads as 1 (1/255 in the shader).
            (GL_RGBA8UI, true, [10, 20, 30, 40]), (GL_RGB8UI, true, [10, 20, 30, 1]), (GL_RG16UI, true, [10, 20, 0, 1]),
            (GL_R32UI, true, [10, 0, 0, 1]), (GL_RGBA32UI, true, [10, 20, 30, 40]), (GL_RGB16UI, true, [10, 20, 30, 1]),
            (GL_RGBA8I, false, [10, 20, 30, 40]), (GL_RG32I, false, [10, 20, 0, 0]), (GL_R16I, false, [10, 0, 0, 0]),
        ]
        for (internalFormat, isUnsigned, expected) in cases {
            var tex: GLuint = 0
            glGenTextures(1, &tex)
            glBindTexture(GL_TEXTURE_2D, tex)
            let data = isUnsigned ? words.withUnsafeBytes { Array($0) } : negative.withUnsafeBytes { Array($0) }
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), 2, 2, 0, GL_RGBA_INTEGER, isUnsigned ? GL_UNSIGNED_INT : GL_INT, data)
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))  // integer textures filter nearest
            XCTAssertEqual(glGetError(), GL_NO_ERROR, GLEnumNames.describe(internalFormat))
            let got = sampleThroughShader(isUnsigned ? unsigned : signed)
            // Signed: a missing alpha reads 1, which the shader scales to -1/255 and the framebuffer clamps to 0.
            XCTAssertEqual(got, expected, GLEnumNames.describe(internalFormat))
        }
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_NO_ERROR)
    }

    /// Buffer textures: texelFetch reads the buffer's texels; a write after a draw does not reach that draw.
    func testBufferTexturesFetchTheBuffersTexels() {
        let fetch = """
            #version 330 core
            uniform samplerBuffer image;
            out vec4 color;
            void main() { color = texelFetch(image, 2); }
            """
        var buffer: GLuint = 0, tex: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_TEXTURE_BUFFER, buffer)
        glBufferData(GL_TEXTURE_BUFFER, 16, [UInt8]([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), GL_STATIC_DRAW)
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_BUFFER, tex)
        glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, buffer)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(sampleThroughShader(fetch), [9, 10, 11, 12])
        glBufferSubData(GL_TEXTURE_BUFFER, 8, 4, [UInt8]([50, 60, 70, 80]))
        XCTAssertEqual(sampleThroughShader(fetch), [50, 60, 70, 80])
        glTexBuffer(GL_TEXTURE_BUFFER, GL_RGB8, buffer)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "RGB8 is not a buffer texture format")
        glTexBufferRange(GL_TEXTURE_BUFFER, GL_RGBA8, buffer, 8, 64)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "range past the end")
        glDeleteBuffers(1, &buffer)
        XCTAssertEqual(sampleThroughShader(fetch), [0, 0, 0, 0], "a deleted buffer reads as none")
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_NO_ERROR)
    }

    /// gl_FragCoord's layout qualifiers: the origin (lower left by default) and the pixel centre (half by
    /// default), read back at pixel (2, 2) of the 4×4 framebuffer as coordinate × 32.
    func testFragCoordLayoutQualifiers() {
        func coord(_ layout: String) -> [UInt8] {
            let decl = layout.isEmpty ? "" : "layout(\(layout)) in vec4 gl_FragCoord;\n"
            return Array(sampleThroughShader("#version 150\n\(decl)out vec4 color;\nvoid main() { color = vec4(gl_FragCoord.xy * 32.0 / 255.0, 0.0, 1.0); }\n").prefix(2))
        }
        XCTAssertEqual(coord(""), [80, 80], "(2.5, 2.5)")
        XCTAssertEqual(coord("pixel_center_integer"), [64, 64], "(2, 2)")
        XCTAssertEqual(coord("origin_upper_left"), [80, 48], "(2.5, 4 - 2.5)")
        XCTAssertEqual(coord("origin_upper_left, pixel_center_integer"), [64, 32], "(2, 4 - 3)")
    }
}
