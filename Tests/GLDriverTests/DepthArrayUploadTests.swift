import GLCore
@testable import GLDriver
import XCTest

/// GL_DEPTH_COMPONENT24 1D array textures: virglrenderer 0.10.4 refuses Z24X8 transfers of more than one 1D-array
/// layer (losing the context), so VirglGL uploads them a layer at a time (piglit tex-miplevel-selection 1darrayshadow).
final class DepthArrayUploadTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testDepth24OneDimensionalArraysUploadAndRender() {
        for format in [GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT32F, GL_RGBA8] {
            let c = makeCurrentContext(.compatibility)
            var tex: GLuint = 0, fb: GLuint = 0
            glGenTextures(1, &tex)
            glBindTexture(GL_TEXTURE_1D_ARRAY, tex)
            glTexStorage2D(GL_TEXTURE_1D_ARRAY, 3, format, 8, 4)
            if format != GL_RGBA8 {
                let depths = [GLfloat](repeating: 0.25, count: 8 * 4)
                glTexSubImage2D(GL_TEXTURE_1D_ARRAY, 0, 0, 0, 8, 4, GL_DEPTH_COMPONENT, GL_FLOAT, depths)
            }
            glGenFramebuffers(1, &fb)
            glBindFramebuffer(GL_FRAMEBUFFER, fb)
            for level in 0..<3 {
                for layer in [0, 3] {
                    glFramebufferTextureLayer(GL_FRAMEBUFFER, format == GL_RGBA8 ? GL_COLOR_ATTACHMENT0 : GL_DEPTH_ATTACHMENT, tex, GLint(level), GLint(layer))
                    XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GLenum(GL_FRAMEBUFFER_COMPLETE))
                    glClear(GL_DEPTH_BUFFER_BIT | GL_COLOR_BUFFER_BIT)
                }
            }
            glFinish()
            XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR), GLEnumNames.describe(format))
            XCTAssertNotNil(c.transport, "\(GLEnumNames.describe(format)): the context is not lost")
        }
    }
}
