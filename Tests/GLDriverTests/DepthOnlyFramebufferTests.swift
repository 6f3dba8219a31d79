import GLCore
@testable import GLDriver
import XCTest

/// A framebuffer with only a depth-stencil attachment and its default draw buffer (GL_COLOR_ATTACHMENT0, which has
/// nothing attached): drawing and clearing into it must work. The host refuses colour buffers that are all null,
/// which lost the context (piglit ext_framebuffer_multisample no-color).
final class DepthOnlyFramebufferTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testDepthOnlyFramebuffersKeepTheContext() {
        for samples in [0, 4] as [GLsizei] {
            let c = makeCurrentContext()
            var fbo: GLuint = 0, rb: GLuint = 0
            glGenFramebuffers(1, &fbo)
            glBindFramebuffer(GL_FRAMEBUFFER, fbo)
            glGenRenderbuffers(1, &rb)
            glBindRenderbuffer(GL_RENDERBUFFER, rb)
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH24_STENCIL8, 16, 16)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb)
            XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GLenum(GL_FRAMEBUFFER_COMPLETE))
            glViewport(0, 0, 16, 16)
            glClearStencil(7)
            glClear(GL_STENCIL_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
            glFinish()
            XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR), "\(samples) samples")
            XCTAssertNotNil(c.transport, "\(samples) samples: the context is not lost")
            if samples == 0 {
                var s: UInt8 = 0
                glPixelStorei(GL_PACK_ALIGNMENT, 1)
                glReadPixels(3, 3, 1, 1, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, &s)
                XCTAssertEqual(s, 7)
            }
        }
    }
}
