import GLCore
@testable import GLDriver
import XCTest

/// Texture swizzles change what shaders sample; parameter queries answer what was set; bad parameter values
/// are GL errors, never traps.
final class TextureParameterTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glViewport(0, 0, 4, 4)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    func compile(_ type: GLenum, _ source: String) -> GLuint {
        let s = glCreateShader(type)
        source.withCString { p in
            var ptr: UnsafePointer<GLchar>? = p
            glShaderSource(s, 1, &ptr, nil)
        }
        glCompileShader(s)
        return s
    }

    /// Draws a full-viewport triangle sampling `texture` at (0.5, 0.5) and returns the centre pixel.
    func sampleThroughShader() -> [UInt8] {
        let vs = compile(GL_VERTEX_SHADER, """
            #version 330 core
            void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
            """)
        let fs = compile(GL_FRAGMENT_SHADER, """
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
