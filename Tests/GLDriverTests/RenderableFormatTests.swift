import GLCore
@testable import GLDriver
import XCTest

/// Every format VirglGL calls colour-renderable draws without losing the host context; GL_RGB9_E5 (which the host
/// refuses to draw into) is an incomplete attachment.
final class RenderableFormatTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testCompleteColourFormatsDrawAndRGB9E5IsIncomplete() {
        let formats = Array(GLFormatTable.compatibilityFormats.keys) + Array(GLFormatTable.legacyFormats.keys) + Array(GLFormatTable.formats.keys)
        for f in formats.sorted() {
            let c = makeCurrentContext(.compatibility)
            var tex: GLuint = 0, fb: GLuint = 0
            glGenTextures(1, &tex)
            glBindTexture(GL_TEXTURE_2D, tex)
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(f), 4, 4, 0, GL_RGBA, GL_FLOAT, nil)
            _ = glGetError()
            glGenFramebuffers(1, &fb)
            glBindFramebuffer(GL_FRAMEBUFFER, fb)
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
            let status = glCheckFramebufferStatus(GL_FRAMEBUFFER)
            if f == GL_RGB9_E5 { XCTAssertEqual(status, GLenum(GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT)) }
            guard status == GL_FRAMEBUFFER_COMPLETE else { continue }
            glViewport(0, 0, 4, 4)
            glClear(GL_COLOR_BUFFER_BIT)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            glFinish()
            XCTAssertNotNil(c.transport, "\(GLEnumNames.describe(f)): the context is not lost")
        }
    }
}
