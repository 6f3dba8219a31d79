import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_stencil_texturing: a depth-stencil texture samples its depth, or in GL_STENCIL_INDEX mode its stencil
/// through a usampler.
final class StencilTexturingTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func drawnPixel(_ declarations: String, _ body: String) -> [UInt8] {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            \(declarations)
            out vec4 c;
            void main() { \(body) }
            """)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    /// A DEPTH24_STENCIL8 texture of depth 0.5 and stencil 0x5A: depth by default, stencil in GL_STENCIL_INDEX mode.
    func testSamplesDepthOrStencil() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_stencil_texturing"))
        bindColorFramebuffer(width: 4, height: 4)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let texel = UInt32(0x800000) << 8 | 0x5A
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_DEPTH24_STENCIL8), 4, 4, 0, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, [UInt32](repeating: texel, count: 16))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        var mode: GLint = 0
        glGetTexParameteriv(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, &mode)
        XCTAssertEqual(GLenum(mode), GL_DEPTH_COMPONENT)
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = vec4(texture(t, vec2(0.5)).r, 0.0, 0.0, 1.0);"), [128, 0, 0, 255])
        glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_STENCIL_INDEX))
        glGetTexParameteriv(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, &mode)
        XCTAssertEqual(GLenum(mode), GL_STENCIL_INDEX)
        XCTAssertEqual(drawnPixel("uniform usampler2D t;", "c = vec4(float(texelFetch(t, ivec2(1), 0).r) / 255.0, 0.0, 0.0, 1.0);"), [0x5A, 0, 0, 255])
        glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_RED))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        // Sampler objects have no such state.
        var sampler: GLuint = 0
        glGenSamplers(1, &sampler)
        glSamplerParameteri(sampler, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_STENCIL_INDEX))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    /// The stencil the host cleared into a texture attached to a framebuffer is what the usampler reads, for both
    /// depth-stencil formats.
    func testSamplesRenderedStencil() {
        renderedStencil(GL_DEPTH24_STENCIL8)
        renderedStencil(GL_DEPTH32F_STENCIL8)
    }

    /// A view of a depth-stencil texture samples its stencil in its own GL_STENCIL_INDEX mode.
    func testStencilThroughAView() {
        let tex = renderedStencil(GL_DEPTH24_STENCIL8)
        var view: GLuint = 0
        glGenTextures(1, &view)
        glTextureView(view, GL_TEXTURE_2D, tex, GL_DEPTH24_STENCIL8, 0, 1, 0, 1)
        glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_DEPTH_COMPONENT))
        glBindTexture(GL_TEXTURE_2D, view)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_STENCIL_INDEX))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(drawnPixel("uniform usampler2D t;", "c = vec4(float(texelFetch(t, ivec2(2), 0).r) / 255.0, 0.0, 0.0, 1.0);"), [0x37, 0, 0, 255])
    }

    /// A texture of `format` whose stencil the host cleared to 0x37, read back in GL_STENCIL_INDEX mode.
    @discardableResult
    func renderedStencil(_ format: GLenum, file: StaticString = #filePath, line: UInt = #line) -> GLuint {
        _ = makeCurrentContext()
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 1, format, 4, 4)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        var fb: GLuint = 0
        glGenFramebuffers(1, &fb)
        glBindFramebuffer(GL_FRAMEBUFFER, fb)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D, tex, 0)
        glDrawBuffer(GLenum(GL_NONE))
        glReadBuffer(GLenum(GL_NONE))
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glClearStencil(0x37)
        glClear(GL_STENCIL_BUFFER_BIT)
        bindColorFramebuffer(width: 4, height: 4)
        glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GLint(GL_STENCIL_INDEX))
        XCTAssertEqual(drawnPixel("uniform usampler2D t;", "c = vec4(float(texelFetch(t, ivec2(2), 0).r) / 255.0, 0.0, 0.0, 1.0);"), [0x37, 0, 0, 255], file: file, line: line)
        return tex
    }
}
