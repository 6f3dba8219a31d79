import GLCore
@testable import GLDriver
import XCTest

/// Compatibility-profile drawing of session 12: glBegin/glEnd (also inside display lists), glRect, the raster
/// position with glDrawPixels, glBitmap and glCopyPixels, glPushAttrib/glPopAttrib, glFramebufferTexture3D and
/// glValidateProgram.
final class ImmediateModeTests: XCTestCase {
    var context: GLContext!

    override func setUp() { context = makeCurrentContext(.compatibility) }
    override func tearDown() { GLContext.makeCurrent(nil) }

    func pixel(_ x: GLint, _ y: GLint) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func clear() {
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
    }

    // MARK: glBegin / glEnd

    func testBeginEndDrawsQuadsWithTheirOwnColoursAndLeavesTheLastColourCurrent() {
        bindColorFramebuffer(width: 8, height: 8)
        clear()
        glBegin(GL_QUADS)
        glColor3f(1, 0, 0)
        glVertex2f(-1, -1); glVertex2f(0, -1); glVertex2f(0, 1); glVertex2f(-1, 1)
        glColor4ub(0, 255, 0, 255)
        glVertex2i(0, -1); glVertex2i(1, -1); glVertex3f(1, 1, 0); glVertex4f(0, 1, 0, 1)
        glEnd()
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(pixel(1, 4), [255, 0, 0, 255])
        XCTAssertEqual(pixel(6, 4), [0, 255, 0, 255])
        // The last colour stays current: a rectangle without glColor is green.
        clear()
        glRectf(-1, -1, 0, 0)
        XCTAssertEqual(pixel(1, 1), [0, 255, 0, 255])
        XCTAssertEqual(pixel(6, 6), [0, 0, 0, 0])
    }

    func testVertexIDCountsFromZeroAndGenericAttributesAreSetPerVertex() {
        bindColorFramebuffer(width: 4, height: 4)
        clear()
        let p = linkedProgram([
            (GL_VERTEX_SHADER, """
                #version 330 compatibility
                layout(location = 0) in vec4 position;
                layout(location = 1) in float value;
                flat out vec4 color;
                void main() { gl_Position = position; color = vec4(float(gl_VertexID) / 10.0, value, 0.0, 1.0); }
                """),
            (GL_FRAGMENT_SHADER, "#version 330 compatibility\nflat in vec4 color;\nvoid main() { gl_FragColor = color; }"),
        ])
        glUseProgram(p)
        glBegin(GL_TRIANGLES)
        glVertexAttrib1f(1, 0.1)
        glVertexAttrib2f(0, -1, -1)
        glVertexAttrib2f(0, 3, -1)
        glVertexAttrib1f(1, 0.6)
        glVertexAttrib2f(0, -1, 3)
        glEnd()
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        // The provoking (last) vertex: gl_VertexID 2, value 0.6.
        let c = pixel(1, 1)
        XCTAssertEqual(Int(c[0]), 51, accuracy: 1)
        XCTAssertEqual(Int(c[1]), 153, accuracy: 1)
    }

    func testBeginEndErrors() {
        glEnd()
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
        glBegin(GL_TRIANGLES)
        glBegin(GL_TRIANGLES)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
        glPushAttrib(GL_CURRENT_BIT)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
        glRasterPos2f(0, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
        glEnd()
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glBegin(0x7777)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM))
        glEnd()
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
    }

    func testBeginEndIsRecordedInDisplayLists() {
        bindColorFramebuffer(width: 4, height: 4)
        clear()
        let list = glGenLists(1)
        glNewList(list, GL_COMPILE)
        glBegin(GL_TRIANGLE_STRIP)
        glColor3f(0, 0, 1)
        glVertex2f(-1, -1); glVertex2f(1, -1); glVertex2f(-1, 1); glVertex2f(1, 1)
        glEnd()
        glEndList()
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        // GL_COMPILE draws nothing now.
        XCTAssertEqual(pixel(2, 2), [0, 0, 0, 0])
        glColor3f(1, 1, 1)
        glCallList(list)
        XCTAssertEqual(pixel(2, 2), [0, 0, 255, 255])
    }

    // MARK: Pixel rectangles

    func testDrawPixelsAtTheWindowAndRasterPositions() {
        bindColorFramebuffer(width: 8, height: 8)
        clear()
        let red = [UInt8](repeating: 0, count: 16).enumerated().map { $0.offset % 4 == 0 || $0.offset % 4 == 3 ? UInt8(255) : 0 }
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1)
        glWindowPos2i(2, 3)
        glDrawPixels(2, 2, GL_RGBA, GL_UNSIGNED_BYTE, red)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(pixel(2, 3), [255, 0, 0, 255])
        XCTAssertEqual(pixel(3, 4), [255, 0, 0, 255])
        XCTAssertEqual(pixel(4, 4), [0, 0, 0, 0])
        XCTAssertEqual(pixel(1, 3), [0, 0, 0, 0])
        // Through the matrices: object (6, 6) of an 8 × 8 orthographic projection is window (6, 6); zoomed × 2.
        glMatrixMode(GL_PROJECTION)
        glOrtho(0, 8, 0, 8, -1, 1)
        glRasterPos2f(6, 6)
        glPixelZoom(2, 2)
        glDrawPixels(1, 1, GL_RGBA, GL_UNSIGNED_BYTE, red)
        XCTAssertEqual(pixel(6, 6), [255, 0, 0, 255])
        XCTAssertEqual(pixel(7, 7), [255, 0, 0, 255])
        XCTAssertEqual(pixel(5, 5), [0, 0, 0, 0])
        // A position outside the clip volume is invalid: nothing is drawn.
        glRasterPos2f(20, 20)
        glWindowPos2i(0, 0)  // (valid again)
        glRasterPos2f(-5, 0)
        glDrawPixels(1, 1, GL_RGBA, GL_UNSIGNED_BYTE, red)
        XCTAssertEqual(pixel(0, 0), [0, 0, 0, 0])
    }

    func testBitmapDrawsTheRasterColourWhereBitsAreSetAndMovesThePosition() {
        bindColorFramebuffer(width: 8, height: 2)
        clear()
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1)
        glColor3f(0, 1, 0)
        glWindowPos2i(0, 0)
        glColor3f(1, 0, 0)  // (the raster colour was taken at glWindowPos)
        let bits: [GLubyte] = [0b1010_0000]
        glBitmap(4, 1, 0, 0, 4, 1, bits)
        glBitmap(4, 1, 0, 0, 0, 0, bits)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(pixel(0, 0), [0, 255, 0, 255])
        XCTAssertEqual(pixel(1, 0), [0, 0, 0, 0])
        XCTAssertEqual(pixel(2, 0), [0, 255, 0, 255])
        XCTAssertEqual(pixel(4, 1), [0, 255, 0, 255])
        XCTAssertEqual(pixel(4, 0), [0, 0, 0, 0])
        // GL_UNPACK_LSB_FIRST: bit 0 is the first pixel.
        clear()
        glPixelStorei(GL_UNPACK_LSB_FIRST, 1)
        glWindowPos2i(0, 0)
        glBitmap(8, 1, 0, 0, 0, 0, [0b0000_0011])
        XCTAssertEqual(pixel(0, 0), [255, 0, 0, 255])
        XCTAssertEqual(pixel(1, 0), [255, 0, 0, 255])
        XCTAssertEqual(pixel(7, 0), [0, 0, 0, 0])
    }

    func testCopyPixelsCopiesWithinTheScissorBox() {
        bindColorFramebuffer(width: 8, height: 8)
        clear()
        glEnable(GL_SCISSOR_TEST)
        glScissor(0, 0, 2, 2)
        glClearColor(1, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glScissor(4, 4, 1, 2)
        glWindowPos2i(4, 4)
        glCopyPixels(0, 0, 2, 2, GL_COLOR)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(pixel(4, 4), [255, 0, 255, 255])
        XCTAssertEqual(pixel(4, 5), [255, 0, 255, 255])
        XCTAssertEqual(pixel(5, 4), [0, 0, 0, 0])
    }

    // MARK: Attribute stacks

    func testPopAttribRestoresThePushedGroupsOnly() {
        glClearColor(0.25, 0, 0, 1)
        glPushAttrib(GL_COLOR_BUFFER_BIT | GL_ENABLE_BIT)
        glClearColor(1, 1, 1, 1)
        glEnable(GL_BLEND)
        glEnable(GL_DEPTH_TEST)
        glDepthFunc(GL_GREATER)
        glPopAttrib()
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var color = [GLfloat](repeating: 0, count: 4)
        glGetFloatv(GL_COLOR_CLEAR_VALUE, &color)
        XCTAssertEqual(color, [0.25, 0, 0, 1])
        XCTAssertEqual(glIsEnabled(GL_BLEND), GLboolean(GL_FALSE))
        XCTAssertEqual(glIsEnabled(GL_DEPTH_TEST), GLboolean(GL_FALSE))
        var function: GLint = 0
        glGetIntegerv(GL_DEPTH_FUNC, &function)
        XCTAssertEqual(GLenum(function), GL_GREATER)  // GL_DEPTH_BUFFER_BIT was not pushed
        glPopAttrib()
        XCTAssertEqual(glGetError(), GLenum(GL_STACK_UNDERFLOW))
        for _ in 0..<16 { glPushAttrib(0) }
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glPushAttrib(0)
        XCTAssertEqual(glGetError(), GLenum(GL_STACK_OVERFLOW))
        glPixelStorei(GL_UNPACK_ALIGNMENT, 2)
        glPushClientAttrib(GL_CLIENT_PIXEL_STORE_BIT)
        glPixelStorei(GL_UNPACK_ALIGNMENT, 8)
        glPopClientAttrib()
        var alignment: GLint = 0
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment)
        XCTAssertEqual(alignment, 2)
        glPopClientAttrib()
        XCTAssertEqual(glGetError(), GLenum(GL_STACK_UNDERFLOW))
    }

    // MARK: glFramebufferTexture3D, glValidateProgram

    func testFramebufferTexture3DAttachesOneSlice() {
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_3D, tex)
        glTexImage3D(GL_TEXTURE_3D, 0, GLint(GL_RGBA8), 2, 2, 3, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture3D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_3D, tex, 0, 2)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        var layer: GLint = -1
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LAYER, &layer)
        XCTAssertEqual(layer, 2)
        glViewport(0, 0, 2, 2)
        glClearColor(0, 1, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(pixel(1, 1), [0, 255, 0, 255])
        glFramebufferTexture3D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
    }

    func testValidateProgramFailsWhenTwoSamplerTypesShareAUnit() {
        let p = linkedProgram([
            (GL_VERTEX_SHADER, "#version 130\nvoid main() { gl_Position = vec4(0.0); }"),
            (GL_FRAGMENT_SHADER, """
                #version 130
                uniform sampler2D a;
                uniform sampler3D b;
                void main() { gl_FragColor = texture(a, vec2(0.0)) + texture(b, vec3(0.0)); }
                """),
        ])
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "b"), 1)
        var status: GLint = 0
        glValidateProgram(p)
        glGetProgramiv(p, GL_VALIDATE_STATUS, &status)
        XCTAssertEqual(status, 1)
        glUniform1i(glGetUniformLocation(p, "b"), 0)
        glValidateProgram(p)
        glGetProgramiv(p, GL_VALIDATE_STATUS, &status)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        bindColorFramebuffer(width: 1, height: 1)
        glDrawArrays(GL_POINTS, 0, 1)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
    }

    func testCopyTexImage2DCopiesTheReadFramebufferAndClipsToIt() {
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glCopyTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 2, 2, 4, 4, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var width: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &width)
        XCTAssertEqual(width, 4)
        var texels = [UInt8](repeating: 7, count: 64)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &texels)
        XCTAssertEqual(Array(texels[0..<4]), [0, 0, 255, 255])
        XCTAssertEqual(Array(texels[(1 * 4 + 1) * 4..<(1 * 4 + 1) * 4 + 4]), [0, 0, 255, 255])
        // glCopyTexSubImage2D: red at texel (3, 3).
        glClearColor(1, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 3, 3, 0, 0, 1, 1)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &texels)
        XCTAssertEqual(Array(texels[60..<64]), [255, 0, 0, 255])
        XCTAssertEqual(Array(texels[0..<4]), [0, 0, 255, 255])
        glCopyTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 0, 0, 4, 4, 1)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_VALUE))
    }

    func testAlphaTexturesKeepTheFragmentColourUnderReplaceAndModulate() {
        bindColorFramebuffer(width: 2, height: 2)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_ALPHA), 1, 1, 0, GL_ALPHA, GL_UNSIGNED_BYTE, [UInt8(102)])
        glEnable(GL_TEXTURE_2D)
        glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GLint(GL_REPLACE))
        glColor4f(1, 1, 1, 1)
        glBegin(GL_QUADS)
        glTexCoord2f(0.5, 0.5)
        glVertex2f(-1, -1); glVertex2f(1, -1); glVertex2f(1, 1); glVertex2f(-1, 1)
        glEnd()
        XCTAssertEqual(pixel(1, 1), [255, 255, 255, 102])
        glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GLint(GL_MODULATE))
        glColor4f(1, 0, 0, 0.5)
        glRectf(-1, -1, 1, 1)
        XCTAssertEqual(pixel(1, 1), [255, 0, 0, 51])
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
    }
}
