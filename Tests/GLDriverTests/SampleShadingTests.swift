import GLCore
@testable import GLDriver
import XCTest

/// Sample shading (ARB_sample_shading): gl_NumSamples is the draw framebuffer's sample count, and
/// glMinSampleShading takes values in [0, 1].
final class SampleShadingTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testNumSamplesFollowsTheFramebuffer() {
        _ = makeCurrentContext()
        var fbos: [GLuint] = [0, 0], rbs: [GLuint] = [0, 0]
        glGenFramebuffers(2, &fbos)
        glGenRenderbuffers(2, &rbs)
        for (k, samples) in [GLsizei(4), 0].enumerated() {
            glBindFramebuffer(GL_FRAMEBUFFER, fbos[k])
            glBindRenderbuffer(GL_RENDERBUFFER, rbs[k])
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, 4, 4)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rbs[k])
        }
        glViewport(0, 0, 4, 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_sample_shading : require
            out vec4 o;
            void main() { o = vec4(float(gl_NumSamples) / 4.0, 0.0, 0.0, 1.0); }
            """)])
        glUseProgram(p)
        glEnable(GL_SAMPLE_SHADING)
        glMinSampleShading(2)
        var value: GLfloat = 0
        glGetFloatv(GL_MIN_SAMPLE_SHADING_VALUE, &value)
        XCTAssertEqual(value, 1, "clamped to [0, 1]")
        var pixel = [UInt8](repeating: 0, count: 4)
        // Four samples: 4 / 4, resolved.
        glBindFramebuffer(GL_FRAMEBUFFER, fbos[0])
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbos[0])
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbos[1])
        glBlitFramebuffer(0, 0, 4, 4, 0, 0, 4, 4, GL_COLOR_BUFFER_BIT, GL_NEAREST)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbos[1])
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [255, 0, 0, 255])
        // One sample: 1 / 4.
        glBindFramebuffer(GL_FRAMEBUFFER, fbos[1])
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [64, 0, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
