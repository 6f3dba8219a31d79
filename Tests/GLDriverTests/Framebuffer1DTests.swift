import GLCore
@testable import GLDriver
import XCTest

/// 1D textures and layers of 1D arrays as colour attachments (glFramebufferTexture1D, glFramebufferTextureLayer):
/// complete, one row high, drawn into and read back; the spec's errors.
final class Framebuffer1DTests: XCTestCase {
    override func setUp() { _ = makeCurrentContext() }
    override func tearDown() { GLContext.makeCurrent(nil) }

    func makeFramebuffer() {
        var fbo: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
    }

    func testTexture1DAttachment() {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_1D, tex)
        glTexStorage1D(GL_TEXTURE_1D, 1, GL_RGBA8, 8)
        makeFramebuffer()
        glFramebufferTexture1D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_1D, tex, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glClearColor(1, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var pixels = [UInt8](repeating: 0, count: 8 * 4)
        glReadPixels(0, 0, 8, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        XCTAssertEqual(pixels, [UInt8](repeating: 0, count: 8).flatMap { _ in [255, 0, 0, 255] as [UInt8] })
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // A texture of another target, or another textarget: errors.
        var other: GLuint = 0
        glGenTextures(1, &other)
        glBindTexture(GL_TEXTURE_2D, other)
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 8, 8)
        glFramebufferTexture1D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_1D, other, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glFramebufferTexture1D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testTexture1DArrayLayerAttachment() {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_1D_ARRAY, tex)
        glTexStorage2D(GL_TEXTURE_1D_ARRAY, 1, GL_RGBA8, 4, 3)
        makeFramebuffer()
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0, 2)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0, 0)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0, 2)
        glClearColor(0, 1, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        // Layer 0 blue, layer 1 untouched, layer 2 green: each layer is its own row.
        var texels = [UInt8](repeating: 7, count: 4 * 3 * 4)
        glGetTexImage(GL_TEXTURE_1D_ARRAY, 0, GL_RGBA, GL_UNSIGNED_BYTE, &texels)
        XCTAssertEqual(Array(texels[0..<4]), [0, 0, 255, 255])
        XCTAssertEqual(Array(texels[32..<36]), [0, 255, 0, 255])
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(3, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 0, 255])
        // A layer the array does not have: incomplete.
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0, 3)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
