import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_framebuffer_no_attachments (GL 4.3 §9.2.1): default width, height, layers and samples of a framebuffer
/// object, completeness with nothing attached, and rendering into it (SET_FRAMEBUFFER_STATE_NO_ATTACH).
final class FramebufferNoAttachmentsTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func parameter(_ pname: GLenum) -> GLint {
        var v: GLint = -1
        glGetFramebufferParameteriv(GL_FRAMEBUFFER, pname, &v)
        return v
    }

    func testParametersCompletenessAndErrors() throws {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_framebuffer_no_attachments") else { throw XCTSkip("the host has no FB_NO_ATTACH") }
        var v: GLint = 0
        for (pname, least) in [(GL_MAX_FRAMEBUFFER_WIDTH, 16384), (GL_MAX_FRAMEBUFFER_HEIGHT, 16384), (GL_MAX_FRAMEBUFFER_LAYERS, 2048), (GL_MAX_FRAMEBUFFER_SAMPLES, 4)] {
            glGetIntegerv(pname, &v)
            XCTAssertGreaterThanOrEqual(v, GLint(least), GLEnumNames.describe(pname))
        }
        var fbo: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_WIDTH), 0)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS), 0)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_WIDTH, 8)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT, "a width alone")
        glFramebufferParameteri(GL_DRAW_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_HEIGHT, 4)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_LAYERS, 3)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_WIDTH), 8)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_HEIGHT), 4)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_LAYERS), 3)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS), 1)
        // Samples round up to a count the implementation has.
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_SAMPLES, 3)
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_SAMPLES), 3, "the value as set")
        glGetIntegerv(GL_SAMPLES, &v)
        XCTAssertEqual(v, 4, "3 samples round up to 4")
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_SAMPLES, 0)
        glGetIntegerv(GL_SAMPLES, &v)
        XCTAssertEqual(v, 0)

        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_WIDTH, -1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative width")
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_HEIGHT, 16385)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a height over the limit")
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_SAMPLES, 1000)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "samples over the limit")
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a pname that is none")
        glFramebufferParameteri(GL_TEXTURE_2D, GL_FRAMEBUFFER_DEFAULT_WIDTH, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a target that is none")
        XCTAssertEqual(parameter(GL_FRAMEBUFFER_DEFAULT_WIDTH), 8, "errors change nothing")
        glBindFramebuffer(GL_FRAMEBUFFER, 0)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_WIDTH, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the default framebuffer")
        _ = parameter(GL_FRAMEBUFFER_DEFAULT_WIDTH)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "querying the default framebuffer")
    }

    /// A draw into a framebuffer with no attachments rasterizes its default size: an occlusion query counts
    /// its pixels, clipped to that size whatever the viewport.
    func testDrawingCountsTheDefaultSize() throws {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_framebuffer_no_attachments") else { throw XCTSkip("the host has no FB_NO_ATTACH") }
        var fbo: GLuint = 0, vao: GLuint = 0, query: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_WIDTH, 8)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_HEIGHT, 4)
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ]))
        glGenQueries(1, &query)
        func samples(viewport: GLsizei) -> GLuint {
            glViewport(0, 0, viewport, viewport)
            glBeginQuery(GL_SAMPLES_PASSED, query)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            glEndQuery(GL_SAMPLES_PASSED)
            var n: GLuint = 0
            glGetQueryObjectuiv(query, GL_QUERY_RESULT, &n)
            return n
        }
        XCTAssertEqual(samples(viewport: 2), 4, "a 2×2 viewport")
        XCTAssertEqual(samples(viewport: 64), 32, "clipped to 8×4")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_WIDTH, 16)
        XCTAssertEqual(samples(viewport: 64), 64, "clipped to the new 16×4")
        glFramebufferParameteri(GL_FRAMEBUFFER, GL_FRAMEBUFFER_DEFAULT_HEIGHT, 0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION, "incomplete again")
    }
}
