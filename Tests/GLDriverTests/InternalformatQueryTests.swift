import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_internalformat_query: glGetInternalformativ's GL_NUM_SAMPLE_COUNTS and GL_SAMPLES.
final class InternalformatQueryTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func counts(_ target: GLenum, _ format: GLenum) -> [GLint] {
        var n: GLint = -1
        glGetInternalformativ(target, format, GL_NUM_SAMPLE_COUNTS, 1, &n)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var samples = [GLint](repeating: -1, count: Int(max(n, 0)) + 1)
        glGetInternalformativ(target, format, GL_SAMPLES, n, &samples)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(samples.last, -1, "no more than bufSize values written")
        return Array(samples.dropLast())
    }

    func testSampleCountsDescendWithinTheLimits() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_internalformat_query"))
        var maxSamples: GLint = 0
        glGetIntegerv(GL_MAX_SAMPLES, &maxSamples)
        for (target, format) in [(GL_RENDERBUFFER, GL_RGBA8), (GL_TEXTURE_2D_MULTISAMPLE, GL_DEPTH24_STENCIL8), (GL_TEXTURE_2D_MULTISAMPLE_ARRAY, GL_RGBA16F), (GL_RENDERBUFFER, GL_R32UI)] {
            let s = counts(target, format)
            XCTAssertEqual(s, s.sorted(by: >), "\(GLEnumNames.describe(format)) counts descend")
            XCTAssertTrue(s.allSatisfy { $0 > 1 && $0 <= maxSamples }, "\(s) within GL_MAX_SAMPLES \(maxSamples)")
            // Each count the query gives makes a renderbuffer.
            if target == GL_RENDERBUFFER, let most = s.first {
                var rb: GLuint = 0
                glGenRenderbuffers(1, &rb)
                glBindRenderbuffer(GL_RENDERBUFFER, rb)
                glRenderbufferStorageMultisample(GL_RENDERBUFFER, most, format, 4, 4)
                XCTAssertEqual(glGetError(), GL_NO_ERROR)
            }
        }
        if maxSamples >= 4 { XCTAssertTrue(counts(GL_RENDERBUFFER, GL_RGBA8).contains(4)) }
        // An unsized renderable format answers as its sized one.
        XCTAssertEqual(counts(GL_RENDERBUFFER, GL_RGBA), counts(GL_RENDERBUFFER, GL_RGBA8))
    }

    func testErrors() {
        _ = makeCurrentContext()
        var v = [GLint](repeating: 0, count: 4)
        glGetInternalformativ(GL_TEXTURE_2D, GL_RGBA8, GL_SAMPLES, 4, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a multisample target")
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_TEXTURE_WIDTH, 4, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not SAMPLES or NUM_SAMPLE_COUNTS")
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_SAMPLES, -1, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative bufSize")
        for format in [GL_RGB9_E5, GL_R8_SNORM, GL_RGB32F, GL_COMPRESSED_RGBA, GL_RGBA_INTEGER, GL_ALPHA8] {
            glGetInternalformativ(GL_RENDERBUFFER, format, GL_NUM_SAMPLE_COUNTS, 4, &v)
            XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "\(GLEnumNames.describe(format)) is not renderable (core)")
        }
        // bufSize 0 writes nothing.
        v = [-7]
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_SAMPLES, 0, &v)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(v, [-7])
    }
}
