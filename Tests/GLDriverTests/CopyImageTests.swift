import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_copy_image: glCopyImageSubData copies texels between textures and renderbuffers of compatible formats
/// on the host; the errors of GL 4.3 §18.3.2.
final class CopyImageTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func solid(_ texel: [UInt8], _ count: Int) -> [UInt8] { Array([[UInt8]](repeating: texel, count: count).joined()) }

    /// A 2D texture of `format` (8×8, one level) filled with `texel`, attached to a new framebuffer for reading.
    func makeTexture(_ format: GLenum, _ texel: [UInt8], clientFormat: GLenum = GL_RGBA, type: GLenum = GL_UNSIGNED_BYTE) -> (GLuint, GLuint) {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 1, format, 8, 8)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 8, 8, clientFormat, type, solid(texel, 64))
        var fb: GLuint = 0
        glGenFramebuffers(1, &fb)
        glBindFramebuffer(GL_FRAMEBUFFER, fb)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return (tex, fb)
    }

    func pixel(_ fb: GLuint, _ x: GLint, _ y: GLint, format: GLenum = GL_RGBA, type: GLenum = GL_UNSIGNED_BYTE) -> [UInt8] {
        glBindFramebuffer(GL_FRAMEBUFFER, fb)
        var p = [UInt8](repeating: 0, count: 16)
        glReadPixels(x, y, 1, 1, format, type, &p)
        return Array(p[0..<4])
    }

    /// A region copied between two textures, and within one texture.
    func testCopiesRegionsBetweenAndWithinTextures() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_copy_image"))
        let (a, fa) = makeTexture(GL_RGBA8, [0, 255, 0, 255])
        let (b, fb) = makeTexture(GL_RGBA8, [255, 0, 0, 255])
        glCopyImageSubData(a, GL_TEXTURE_2D, 0, 0, 0, 0, b, GL_TEXTURE_2D, 0, 2, 3, 0, 4, 4, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(fb, 2, 3), [0, 255, 0, 255])
        XCTAssertEqual(pixel(fb, 5, 6), [0, 255, 0, 255])
        XCTAssertEqual(pixel(fb, 1, 3), [255, 0, 0, 255])
        XCTAssertEqual(pixel(fb, 6, 3), [255, 0, 0, 255])
        // Within b: its green square's corner (2, 3) to (6, 0).
        glCopyImageSubData(b, GL_TEXTURE_2D, 0, 2, 3, 0, b, GL_TEXTURE_2D, 0, 6, 0, 0, 2, 2, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(fb, 7, 1), [0, 255, 0, 255])
        XCTAssertEqual(pixel(fb, 5, 1), [255, 0, 0, 255])
        _ = fa
    }

    /// piglit's arb_copy_image-simple: mutable GL_RGB textures filled by clears, copied between and within.
    func testCopiesWithinAClearedMutableTexture() {
        _ = makeCurrentContext()
        func image(_ color: [GLfloat]) -> (GLuint, GLuint) {
            var fb: GLuint = 0, tex: GLuint = 0
            glGenFramebuffers(1, &fb)
            glBindFramebuffer(GL_FRAMEBUFFER, fb)
            glGenTextures(1, &tex)
            glBindTexture(GL_TEXTURE_2D, tex)
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGB), 64, 64, 0, GL_RGB, GL_BYTE, nil)
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
            glClearColor(color[0], color[1], color[2], 1)
            glClear(GL_COLOR_BUFFER_BIT)
            return (tex, fb)
        }
        let (a, fa) = image([0, 1, 0])
        let (b, _) = image([1, 0, 0])
        glCopyImageSubData(a, GL_TEXTURE_2D, 0, 0, 0, 0, b, GL_TEXTURE_2D, 0, 17, 11, 0, 32, 32, 1)
        glBindFramebuffer(GL_FRAMEBUFFER, fa)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glCopyImageSubData(b, GL_TEXTURE_2D, 0, 17, 11, 0, a, GL_TEXTURE_2D, 0, 0, 32, 0, 32, 32, 1)
        XCTAssertEqual(pixel(fa, 5, 40), [0, 255, 0, 255])
        glCopyImageSubData(a, GL_TEXTURE_2D, 0, 0, 32, 0, a, GL_TEXTURE_2D, 0, 32, 0, 0, 32, 32, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(fa, 40, 5), [0, 255, 0, 255])
        XCTAssertEqual(pixel(fa, 5, 5), [0, 0, 255, 255])
    }

    /// Formats of one size class copy bits unchanged: RGBA8 texels into R32UI.
    func testCopiesBitsBetweenCompatibleFormats() {
        _ = makeCurrentContext()
        let (a, _) = makeTexture(GL_RGBA8, [0x11, 0x22, 0x33, 0x44])
        let (b, fb) = makeTexture(GL_R32UI, [0, 0, 0, 0], clientFormat: GL_RED_INTEGER, type: GL_UNSIGNED_INT)
        glCopyImageSubData(a, GL_TEXTURE_2D, 0, 0, 0, 0, b, GL_TEXTURE_2D, 0, 0, 0, 0, 8, 8, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindFramebuffer(GL_FRAMEBUFFER, fb)
        var v: [UInt32] = [0, 0, 0, 0]
        glReadPixels(4, 4, 1, 1, GL_RED_INTEGER, GL_UNSIGNED_INT, &v)
        XCTAssertEqual(v[0], 0x4433_2211)
    }

    /// A renderbuffer's texels copied into a texture.
    func testCopiesRenderbufferToTexture() {
        _ = makeCurrentContext()
        var rb: GLuint = 0
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 8, 8)
        var rfb: GLuint = 0
        glGenFramebuffers(1, &rfb)
        glBindFramebuffer(GL_FRAMEBUFFER, rfb)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        let (t, tfb) = makeTexture(GL_RGBA8, [9, 9, 9, 255])
        glCopyImageSubData(rb, GL_RENDERBUFFER, 0, 0, 0, 0, t, GL_TEXTURE_2D, 0, 4, 4, 0, 4, 4, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(tfb, 5, 5), [0, 0, 255, 255])
        XCTAssertEqual(pixel(tfb, 3, 3), [9, 9, 9, 255])
    }

    /// The errors: targets, names, levels, regions, formats.
    func testErrors() {
        _ = makeCurrentContext()
        let (a, _) = makeTexture(GL_RGBA8, [1, 2, 3, 4])
        let (b, _) = makeTexture(GL_RGBA8, [1, 2, 3, 4])
        let (f, _) = makeTexture(GL_RGBA16F, [0, 0, 0, 0, 0, 0, 0, 0], type: GL_HALF_FLOAT)
        func check(_ expected: GLenum, _ src: GLuint, _ srcTarget: GLenum, _ srcLevel: GLint, _ dst: GLuint, _ dstTarget: GLenum, _ x: GLint = 0, _ w: GLsizei = 4, line: UInt = #line) {
            glCopyImageSubData(src, srcTarget, srcLevel, x, 0, 0, dst, dstTarget, 0, 0, 0, 0, w, 4, 1)
            XCTAssertEqual(glGetError(), expected, line: line)
        }
        check(GL_INVALID_ENUM, a, GL_TEXTURE_BUFFER, 0, b, GL_TEXTURE_2D)
        check(GL_INVALID_ENUM, a, GL_TEXTURE_CUBE_MAP_POSITIVE_X, 0, b, GL_TEXTURE_2D)
        check(GL_INVALID_ENUM, a, GL_TEXTURE_3D, 0, b, GL_TEXTURE_2D)
        check(GL_INVALID_VALUE, 4242, GL_TEXTURE_2D, 0, b, GL_TEXTURE_2D)
        check(GL_INVALID_VALUE, a, GL_RENDERBUFFER, 0, b, GL_TEXTURE_2D)
        check(GL_INVALID_VALUE, a, GL_TEXTURE_2D, 1, b, GL_TEXTURE_2D)
        check(GL_INVALID_VALUE, a, GL_TEXTURE_2D, 0, b, GL_TEXTURE_2D, 5)
        check(GL_INVALID_VALUE, a, GL_TEXTURE_2D, 0, b, GL_TEXTURE_2D, 0, 9)
        check(GL_INVALID_OPERATION, a, GL_TEXTURE_2D, 0, f, GL_TEXTURE_2D)
        var unbound: GLuint = 0
        glGenTextures(1, &unbound)
        check(GL_INVALID_OPERATION, unbound, GL_TEXTURE_2D, 0, b, GL_TEXTURE_2D)
        check(GL_NO_ERROR, a, GL_TEXTURE_2D, 0, b, GL_TEXTURE_2D)
    }
}
