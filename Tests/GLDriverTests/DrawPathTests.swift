import Foundation
import GLCore
@testable import GLDriver
import GoldenScenes
import VirglProtocol
import XCTest

/// The GL draw path (state objects, vertex layout, viewport, draws) end to end through the entry points, with
/// a TGSI program standing in for the GLSL one until the shader compiler lands: the `vertex_colors` scene, drawn
/// with GL calls, must equal native Mesa's rendering of it.
final class DrawPathTests: XCTestCase {
    static let vertexTGSI = "VERT\nDCL IN[0]\nDCL IN[1]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[1]\n  2: END\n"
    static let fragmentTGSI = "FRAG\nPROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n  0: MOV OUT[0], IN[0]\n  1: END\n"

    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 4, minor: 5, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The vertex_colors scene's GL calls (SceneRenderer's target set-up, then the scene), program aside.
    func drawVertexColors(program: GLuint) -> [UInt8] {
        var fbo: GLuint = 0, rb: [GLuint] = [0, 0]
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(2, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb[0])
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 256, 256)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0])
        glBindRenderbuffer(GL_RENDERBUFFER, rb[1])
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, 256, 256)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1])
        glViewport(0, 0, 256, 256)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT)
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        let v: [Float] = [-0.8, -0.8, 1, 0, 0, 0.8, -0.8, 0, 1, 0, 0, 0.8, 0, 0, 1]
        glBufferData(GL_ARRAY_BUFFER, v.count * 4, v, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 20, nil)
        glEnableVertexAttribArray(0)
        glVertexAttribPointer(1, 3, GL_FLOAT, 0, 20, UnsafeRawPointer(bitPattern: 8))
        glEnableVertexAttribArray(1)
        glUseProgram(program)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var px = [UInt8](repeating: 0, count: 256 * 256 * 4)
        glReadPixels(0, 0, 256, 256, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        return px
    }

    func testVertexColorsThroughTheGLDrawPathMatchesNativeMesa() throws {
        let program = context.createTGSIProgram(vertex: Self.vertexTGSI, fragment: Self.fragmentTGSI, attributeLocations: [0, 1])
        let px = drawVertexColors(program: program)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let reference = try RGBAImage(png: GoldenVirglGLTests.references.url(GoldenScene.named("vertex_colors")!))
        let c = ImageComparison(actual: RGBAImage(glRows: px, width: 256, height: 256), expected: reference)
        XCTAssertEqual(c.mismatched, 0, "max difference \(c.maxDifference)")
    }

    /// Cheap invariants: a repeated identical draw emits no state, only the DRAW_VBO (13 dwords); a state
    /// change seen before reuses its object (a bind, no create).
    func testRepeatedDrawsEmitOnlyTheDraw() {
        let program = context.createTGSIProgram(vertex: Self.vertexTGSI, fragment: Self.fragmentTGSI, attributeLocations: [0, 1])
        _ = drawVertexColors(program: program)
        glFlush()
        var before = context.submittedDwords
        for _ in 0..<100 { glDrawArrays(GL_TRIANGLES, 0, 3) }
        glFlush()
        XCTAssertEqual(context.submittedDwords - before, 100 * 13)
        glEnable(GL_BLEND)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glDisable(GL_BLEND)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glFlush()
        before = context.submittedDwords
        glEnable(GL_BLEND)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glFlush()
        XCTAssertEqual(context.submittedDwords - before, 2 + 13, "BIND_OBJECT(BLEND) of the cached object, then the draw")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// texture_nearest: an 8×8 checkerboard, GL_NEAREST and GL_REPEAT, sampled at uv × 2 over the screen.
    func testTextureNearestThroughTheGLDrawPathMatchesNativeMesa() throws {
        try drawTextureNearest(overrideWithSampler: false)
    }

    /// The texture's own filters are LINEAR; a sampler object bound to unit 0 says NEAREST and wins.
    func testASamplerObjectOverridesTheTexturesParameters() throws {
        try drawTextureNearest(overrideWithSampler: true)
    }

    func drawTextureNearest(overrideWithSampler: Bool) throws {
        let vs = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\nIMM[0] FLT32 {0x3f000000, 0x3f000000, 0x00000000, 0x3f800000}\n  0: MOV OUT[0], IN[0]\n  1: MAD OUT[1], IN[0], IMM[0].xxxx, IMM[0].xxxx\n  2: END\n"
        let fs = "FRAG\nPROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\nDCL TEMP[0]\nIMM[0] FLT32 {0x40000000, 0x00000000, 0x00000000, 0x00000000}\n  0: MUL TEMP[0].xy, IN[0].xyyy, IMM[0].xxxx\n  1: TEX OUT[0], TEMP[0], SAMP[0], 2D\n  2: END\n"
        let program = context.createTGSIProgram(vertex: vs, fragment: fs, attributeLocations: [0], fragmentSamplers: [(0, GL_TEXTURE_2D)])
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 256, 256)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glViewport(0, 0, 256, 256)
        var vao: GLuint = 0, vbo: GLuint = 0, tex: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        glBufferData(GL_ARRAY_BUFFER, fullScreenQuad.count * 4, fullScreenQuad, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 8, nil)
        glEnableVertexAttribArray(0)
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1)
        let texels = checkerboard(size: 8, cells: 8, [230, 40, 40, 255], [30, 30, 200, 255])
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 8, 8, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels)
        let filter = GLint(overrideWithSampler ? GL_LINEAR : GL_NEAREST)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter)
        if overrideWithSampler {
            var sampler: GLuint = 0
            glGenSamplers(1, &sampler)
            glSamplerParameteri(sampler, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glSamplerParameteri(sampler, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
            glSamplerParameteri(sampler, GL_TEXTURE_WRAP_S, GLint(GL_REPEAT))
            glSamplerParameteri(sampler, GL_TEXTURE_WRAP_T, GLint(GL_REPEAT))
            glBindSampler(0, sampler)
            glSamplerParameteri(sampler, GL_TEXTURE_MIN_FILTER, GLint(GL_RGBA))
            XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        }
        glUseProgram(program)
        glDrawArrays(GL_TRIANGLES, 0, 6)
        var px = [UInt8](repeating: 0, count: 256 * 256 * 4)
        glReadPixels(0, 0, 256, 256, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let reference = try RGBAImage(png: GoldenVirglGLTests.references.url(GoldenScene.named("texture_nearest")!))
        let c = ImageComparison(actual: RGBAImage(glRows: px, width: 256, height: 256), expected: reference)
        XCTAssertEqual(c.mismatched, 0, "max difference \(c.maxDifference)")
    }

    func testDrawErrors() {
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no program")
        let program = context.createTGSIProgram(vertex: Self.vertexTGSI, fragment: Self.fragmentTGSI, attributeLocations: [0, 1])
        glUseProgram(program)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no vertex array (core)")
        glDrawArrays(GL_TRIANGLES, -1, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glDrawArrays(0x1234, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glUseProgram(12345)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }
}

/// Every vertex attribute format GL 3.3 accepts (but doubles and fixed) has a virgl fetch format.
final class AttributeFormatTests: XCTestCase {
    func testFormats() {
        func f(_ size: GLint, _ type: GLenum, normalized: Bool = false, integer: Bool = false) -> VirglFormat? {
            var a = GLVertexAttribute()
            a.size = size
            a.type = type
            a.normalized = normalized
            a.integer = integer
            return GLToVirgl.attributeFormat(a)
        }
        XCTAssertEqual(f(3, GL_FLOAT), .r32g32b32Float)
        XCTAssertEqual(f(2, GL_HALF_FLOAT), .r16g16Float)
        XCTAssertEqual(f(4, GL_UNSIGNED_BYTE, normalized: true), .r8g8b8a8Unorm)
        XCTAssertEqual(f(GLint(GL_BGRA), GL_UNSIGNED_BYTE, normalized: true), .b8g8r8a8Unorm)
        XCTAssertEqual(f(2, GL_SHORT), .r16g16Sscaled)
        XCTAssertEqual(f(3, GL_SHORT, normalized: true), .r16g16b16Snorm)
        XCTAssertEqual(f(1, GL_UNSIGNED_SHORT, integer: true), .r16Uint)
        XCTAssertEqual(f(3, GL_INT, integer: true), .r32g32b32Sint)
        XCTAssertEqual(f(4, GL_INT_2_10_10_10_REV, normalized: true), .r10g10b10a2Snorm)
        XCTAssertEqual(f(3, GL_UNSIGNED_INT_10F_11F_11F_REV), .r11g11b10Float)
        let types: [GLenum] = [GL_BYTE, GL_UNSIGNED_BYTE, GL_SHORT, GL_UNSIGNED_SHORT, GL_INT, GL_UNSIGNED_INT, GL_HALF_FLOAT, GL_FLOAT]
        for t in types {
            for size in 1...4 {
                for (n, i) in [(false, false), (true, false)] + (t == GL_HALF_FLOAT || t == GL_FLOAT ? [] : [(false, true)]) {
                    XCTAssertNotNil(f(GLint(size), t, normalized: n, integer: i), "\(size)×\(GLEnumNames.describe(t)) n=\(n) i=\(i)")
                }
            }
        }
        XCTAssertNil(f(4, GL_DOUBLE))
    }
}
