import GLCore
@testable import GLDriver
import XCTest

/// The ARB/EXT names of core functionality (GLContext+LegacyExtensions.swift) and what comes with them: the
/// extensions' own commands, compatibility-profile binds of names never generated, GL_FRAMEBUFFER_SRGB, the
/// alpha/luminance/intensity float and integer formats, glClipControl.
final class LegacyExtensionTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    private func pixel(_ x: GLint, _ y: GLint) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    private func resolves(_ name: String) -> Bool { name.withCString { virglglGetProcAddress($0) } != nil }

    func testCompatibilityBindsOfNamesNeverGeneratedMakeObjects() {
        _ = makeCurrentContext(.compatibility)
        glBindTexture(GL_TEXTURE_2D, 77)
        glBindBuffer(GL_ARRAY_BUFFER, 78)
        glBindBufferBase(GL_UNIFORM_BUFFER, 0, 79)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glIsTexture(77), 1)
        XCTAssertEqual(glIsBuffer(78), 1)
        XCTAssertEqual(glIsBuffer(79), 1)
        // A buffer made that way takes data, maps and is deleted while mapped.
        let data: [Float] = [1, 2, 3, 4]
        glBufferData(GL_ARRAY_BUFFER, 16, data, GL_STATIC_DRAW)
        XCTAssertNotNil(glMapBuffer(GL_ARRAY_BUFFER, GL_READ_ONLY))
        var deleted: GLuint = 78
        glDeleteBuffers(1, &deleted)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glIsBuffer(78), 0)
        // glBindFramebuffer (GL_ARB_framebuffer_object) still takes generated names only.
        glBindFramebuffer(GL_FRAMEBUFFER, 80)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        GLContext.makeCurrent(nil)

        _ = makeCurrentContext(.core)
        glBindTexture(GL_TEXTURE_2D, 77)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the core profile takes generated names only")
        glBindBuffer(GL_ARRAY_BUFFER, 78)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testEXTFramebufferObjectBindsAnyNameAndRenders() {
        let c = makeCurrentContext(.compatibility)
        XCTAssertTrue(c.extensions.contains("GL_EXT_framebuffer_object"))
        XCTAssertTrue(c.extensions.contains("GL_EXT_packed_depth_stencil"))
        XCTAssertTrue(c.extensions.contains("GL_ARB_window_pos") && resolves("glWindowPos2iARB") && resolves("glWindowPos3fvARB"))
        for name in ["glBindFramebufferEXT", "glBindRenderbufferEXT", "glGenFramebuffersEXT", "glFramebufferTexture2DEXT", "glGenerateMipmapEXT"] {
            XCTAssertTrue(resolves(name), name)
        }
        glBindFramebufferEXT(GL_FRAMEBUFFER, 123)
        glBindRenderbufferEXT(GL_RENDERBUFFER, 124)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glIsFramebuffer(123), 1)
        XCTAssertEqual(glIsRenderbuffer(124), 1)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, 124)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, 4, 4)
        glClearColor(0, 1, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(pixel(2, 2), [0, 255, 0, 255])
        glBindFramebufferEXT(GL_TEXTURE_2D, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        GLContext.makeCurrent(nil)

        let core = makeCurrentContext(.core)
        XCTAssertFalse(core.extensions.contains("GL_EXT_framebuffer_object"), "a compatibility-profile extension")
        XCTAssertTrue(core.extensions.contains("GL_ARB_framebuffer_sRGB"))
    }

    func testFramebufferSRGBEncodesOnlyWhenEnabled() {
        let c = makeCurrentContext(.core)
        XCTAssertTrue(c.extensions.contains("GL_ARB_framebuffer_sRGB"))
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_SRGB8_ALPHA8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glViewport(0, 0, 4, 4)
        glClearColor(0.5, 0.5, 0.5, 0.5)
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(pixel(1, 1), [128, 128, 128, 128], "no encoding while GL_FRAMEBUFFER_SRGB is disabled")
        glEnable(GL_FRAMEBUFFER_SRGB)
        glClear(GL_COLOR_BUFFER_BIT)
        let p = pixel(1, 1)
        XCTAssertEqual(Int(p[0]), 188, accuracy: 1, "linear 0.5 is sRGB 188")
        XCTAssertEqual(p[3], 128, "alpha is not encoded")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIntegerClearColorAndFloatLuminanceAlphaTextures() {
        let c = makeCurrentContext(.compatibility)
        XCTAssertTrue(c.extensions.contains("GL_EXT_texture_integer") && c.extensions.contains("GL_ARB_texture_float"))
        XCTAssertTrue(resolves("glClearColorIuiEXT") && resolves("glTexParameterIivEXT"))
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        var mode: GLboolean = 1
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8UI, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glGetBooleanv(GL_RGBA_INTEGER_MODE_EXT, &mode)
        XCTAssertEqual(mode, 1)
        glViewport(0, 0, 4, 4)
        glClearColorIuiEXT(1, 2, 3, 200)
        glClear(GL_COLOR_BUFFER_BIT)
        var texel = [GLuint](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA_INTEGER, GL_UNSIGNED_INT, &texel)
        XCTAssertEqual(texel, [1, 2, 3, 200])

        // GL_LUMINANCE_ALPHA32F_ARB reads (L, L, L, A); GL_ALPHA16UI_EXT takes GL_ALPHA_INTEGER data.
        bindColorFramebuffer(width: 4, height: 4)
        glGetBooleanv(GL_RGBA_INTEGER_MODE_EXT, &mode)
        XCTAssertEqual(mode, 0)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let la: [Float] = [0.25, 0.75]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_LUMINANCE_ALPHA32F_ARB), 1, 1, 0, GL_LUMINANCE_ALPHA, GL_FLOAT, la)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform sampler2D t;
            out vec4 o;
            void main() { o = texture(t, vec2(0.5)); }
            """)])
        glUseProgram(p)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        let out = pixel(1, 1)
        for (got, want) in zip(out, [64, 64, 64, 191]) { XCTAssertEqual(Int(got), want, accuracy: 1, "\(out)") }
        var integer: GLuint = 0
        glGenTextures(1, &integer)
        glBindTexture(GL_TEXTURE_2D, integer)
        let a: [UInt16] = [7]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_ALPHA16UI_EXT), 1, 1, 0, GL_ALPHA_INTEGER, GL_UNSIGNED_SHORT, a)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testTextureBarrierAndDrawRangeElements() {
        let c = makeCurrentContext(.core)
        XCTAssertTrue(c.extensions.contains("GL_ARB_texture_barrier") && c.extensions.contains("GL_NV_texture_barrier"), "the in-process host has texture barriers")
        XCTAssertTrue(resolves("glTextureBarrier") && resolves("glTextureBarrierNV"))
        glTextureBarrier()
        glTextureBarrierNV()
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        bindColorFramebuffer(width: 4, height: 4)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS),
                                    (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 o;\nvoid main() { o = vec4(1.0, 0.0, 1.0, 1.0); }\n")]))
        var vao: GLuint = 0, ebo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &ebo)
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo)
        let indices: [GLushort] = [0, 1, 2]
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, 6, indices, GL_STATIC_DRAW)
        glDrawRangeElements(GL_TRIANGLES, 2, 0, 3, GL_UNSIGNED_SHORT, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "end < start")
        XCTAssertEqual(pixel(1, 1), [0, 0, 0, 0])
        glDrawRangeElements(GL_TRIANGLES, 0, 2, 3, GL_UNSIGNED_SHORT, nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(1, 1), [255, 0, 255, 255])
    }

    func testClearTexImageFillsLevelsAndBoxes() {
        let c = makeCurrentContext(.core)
        XCTAssertTrue(c.extensions.contains("GL_ARB_clear_texture"))
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 2, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        let red: [GLfloat] = [1, 0, 0, 1]
        glClearTexImage(tex, 0, GL_RGBA, GL_FLOAT, red)
        var texels = [UInt8](repeating: 9, count: 16)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &texels)
        XCTAssertEqual(texels, Array([[UInt8]](repeating: [255, 0, 0, 255], count: 4).joined()))
        // A null texel is zeros; the box is one texel.
        glClearTexSubImage(tex, 0, 1, 1, 0, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &texels)
        XCTAssertEqual(Array(texels[12..<16]), [0, 0, 0, 0])
        XCTAssertEqual(Array(texels[0..<4]), [255, 0, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glClearTexImage(tex, 1, GL_RGBA, GL_FLOAT, red)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "level 1 has no image")
        glClearTexSubImage(tex, 0, 1, 1, 0, 2, 1, 1, GL_RGBA, GL_FLOAT, red)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a box past the image")
    }

    func testClipControlFlipsYAndClipsDepthToZeroOne() {
        let c = makeCurrentContext(.core)
        XCTAssertTrue(c.extensions.contains("GL_ARB_clip_control"), "the in-process host clips z to [0, w]")
        bindColorFramebuffer(width: 4, height: 4)
        // A triangle over the lower half of clip space (y < 0) at z = -0.5.
        let p = linkedProgram([(GL_VERTEX_SHADER, """
            #version 330 core
            void main() { gl_Position = vec4(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 0.0 : -1.0, -0.5, 1.0); }
            """), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 o;\nvoid main() { o = vec4(1.0); }\n")])
        glUseProgram(p)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        func draw() -> (bottom: UInt8, top: UInt8) {
            glClearColor(0, 0, 0, 0)
            glClear(GL_COLOR_BUFFER_BIT)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            return (pixel(0, 0)[0], pixel(0, 3)[0])
        }
        var got = draw()
        XCTAssertEqual([got.bottom, got.top], [255, 0], "lower-left origin: clip y = -1 is the bottom row")
        glClipControl(GL_UPPER_LEFT, GL_NEGATIVE_ONE_TO_ONE)
        got = draw()
        XCTAssertEqual([got.bottom, got.top], [0, 255], "upper-left origin: clip y = -1 is the top row")
        var v: GLint = 0
        glGetIntegerv(GL_CLIP_ORIGIN, &v)
        XCTAssertEqual(GLenum(v), GL_UPPER_LEFT)
        // z = -0.5 is clipped away when clip space z runs from 0 to w.
        glClipControl(GL_LOWER_LEFT, GL_ZERO_TO_ONE)
        got = draw()
        XCTAssertEqual([got.bottom, got.top], [0, 0])
        glGetIntegerv(GL_CLIP_DEPTH_MODE, &v)
        XCTAssertEqual(GLenum(v), GL_ZERO_TO_ONE)
        glClipControl(GL_LOWER_LEFT, GL_LOWER_LEFT)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }
}
