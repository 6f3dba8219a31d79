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

    /// GL_ARB_internalformat_query2's rules: any target and pname of the spec's tables; formats a target does not
    /// take answer "unsupported" (no sample counts, GL_FALSE, GL_NONE) instead of GL 4.2's errors.
    func testErrorsAndUnsupportedAnswers() {
        _ = makeCurrentContext()
        var v = [GLint](repeating: 0, count: 4)
        glGetInternalformativ(GL_PROXY_TEXTURE_2D, GL_RGBA8, GL_SAMPLES, 4, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a target of the query")
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_TEXTURE_WIDTH, 4, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a pname of the query")
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_SAMPLES, -1, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative bufSize")
        for format in [GL_RGB9_E5, GL_R8_SNORM, GL_RGB32F, GL_RGBA_INTEGER, GL_ALPHA8] {
            v = [-1]
            glGetInternalformativ(GL_RENDERBUFFER, format, GL_NUM_SAMPLE_COUNTS, 1, &v)
            XCTAssertEqual(glGetError(), GL_NO_ERROR)
            XCTAssertEqual(v[0], 0, "\(GLEnumNames.describe(format)) is not renderable (core): no sample counts")
            glGetInternalformativ(GL_RENDERBUFFER, format, GL_INTERNALFORMAT_SUPPORTED, 1, &v)
            XCTAssertEqual(v[0], GLint(GL_FALSE))
        }
        // bufSize 0 writes nothing.
        v = [-7]
        glGetInternalformativ(GL_RENDERBUFFER, GL_RGBA8, GL_SAMPLES, 0, &v)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(v, [-7])
    }

    /// A few of query2's answers, against what the driver does with the format.
    func testQuery2Answers() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_internalformat_query2"))
        func value(_ target: GLenum, _ format: GLenum, _ pname: GLenum) -> Int64 {
            var v: [GLint64] = [-1]
            glGetInternalformati64v(target, format, pname, 1, &v)
            XCTAssertEqual(glGetError(), GL_NO_ERROR)
            return v[0]
        }
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_RGBA, GL_INTERNALFORMAT_PREFERRED), Int64(GL_RGBA8))
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_RGB10_A2, GL_INTERNALFORMAT_RED_SIZE), 10)
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_RGBA8, GL_INTERNALFORMAT_RED_TYPE), Int64(GL_UNSIGNED_NORMALIZED))
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_DEPTH_COMPONENT24, GL_DEPTH_RENDERABLE), Int64(GL_TRUE))
        XCTAssertEqual(value(GL_TEXTURE_3D, GL_DEPTH_COMPONENT24, GL_INTERNALFORMAT_SUPPORTED), Int64(GL_FALSE), "no 3D depth textures")
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_R32UI, GL_FILTER), Int64(GL_NONE), "integer formats do not filter")
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_R32UI, GL_SHADER_IMAGE_ATOMIC), Int64(GL_FULL_SUPPORT))
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_RGBA8, GL_IMAGE_COMPATIBILITY_CLASS), Int64(GL_IMAGE_CLASS_4_X_8))
        XCTAssertEqual(value(GL_TEXTURE_2D, GL_SRGB8_ALPHA8, GL_COLOR_ENCODING), Int64(GL_SRGB))
        XCTAssertEqual(value(GL_TEXTURE_2D_ARRAY, GL_RGBA8, GL_MAX_LAYERS), Int64(c.state.limits.maxArrayTextureLayers))
        XCTAssertEqual(value(GL_TEXTURE_1D, GL_RGBA8, GL_MAX_HEIGHT), 0)
    }
}
