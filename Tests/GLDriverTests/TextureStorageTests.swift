import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_texture_storage: glTexStorage* makes every level at once, immutable; glTexSubImage* fills it, the
/// base and maximum levels stay within its levels, and re-specifying an image is an error.
final class TextureStorageTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The texel a full-viewport draw samples with textureLod(t, …, lod) from the bound 2D texture.
    func sampledPixel(lod: Int) -> [UInt8] {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform sampler2D t;
            out vec4 c;
            void main() { c = textureLod(t, vec2(0.5), \(lod).0); }
            """)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func makeStorage2D(levels: GLsizei, width: GLsizei, height: GLsizei) -> GLuint {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, levels, GL_RGBA8, width, height)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return tex
    }

    /// Two levels uploaded with glTexSubImage2D sample as uploaded, each picked by the base level or by lod.
    func testSamplesLevelsUploadedWithSubImage() throws {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_texture_storage"))
        bindColorFramebuffer(width: 4, height: 4)
        _ = makeStorage2D(levels: 3, width: 4, height: 4)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8]((0..<16).flatMap { _ in [200, 10, 0, 255] as [UInt8] }))
        glTexSubImage2D(GL_TEXTURE_2D, 1, 0, 0, 2, 2, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8]((0..<4).flatMap { _ in [0, 20, 180, 255] as [UInt8] }))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(sampledPixel(lod: 0), [200, 10, 0, 255])
        XCTAssertEqual(sampledPixel(lod: 1), [0, 20, 180, 255])
        // Level 2 was never uploaded: storage starts zeroed (what the host allocated; GL leaves it undefined).
        // The base level picks level 1 without re-making anything; level 0's contents stay.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 1)
        XCTAssertEqual(sampledPixel(lod: 0), [0, 20, 180, 255])
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 0)
        XCTAssertEqual(sampledPixel(lod: 0), [200, 10, 0, 255])
        // An upload after the texture is on the host reaches the host.
        glTexSubImage2D(GL_TEXTURE_2D, 1, 0, 0, 2, 2, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8]((0..<4).flatMap { _ in [7, 8, 9, 255] as [UInt8] }))
        XCTAssertEqual(sampledPixel(lod: 1), [7, 8, 9, 255])
    }

    /// glGenerateMipmap fills an immutable texture's own levels (and makes none beyond them); what it made
    /// survives a base level change, as the resource holds all the levels.
    func testGenerateMipmapFillsTheLevelsOnly() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        _ = makeStorage2D(levels: 2, width: 4, height: 4)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8]((0..<16).flatMap { _ in [40, 80, 120, 255] as [UInt8] }))
        glGenerateMipmap(GL_TEXTURE_2D)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var width: GLint = -1
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 2, GL_TEXTURE_WIDTH, &width)
        XCTAssertEqual(width, 0, "no level 2")
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 1)
        XCTAssertEqual(sampledPixel(lod: 0), [40, 80, 120, 255])
    }

    func testImmutableQueriesAndLevelClamping() {
        _ = makeCurrentContext()
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        var v: GLint = -1
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_IMMUTABLE_FORMAT, &v)
        XCTAssertEqual(v, 0)
        glTexStorage2D(GL_TEXTURE_2D, 3, GL_RGBA8, 256, 128)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_IMMUTABLE_FORMAT, &v)
        XCTAssertEqual(v, 1)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_IMMUTABLE_LEVELS, &v)
        XCTAssertEqual(v, 3)
        for (level, w, h) in [(0, 256, 128), (1, 128, 64), (2, 64, 32)] {
            glGetTexLevelParameteriv(GL_TEXTURE_2D, GLint(level), GL_TEXTURE_WIDTH, &v)
            XCTAssertEqual(Int(v), w)
            glGetTexLevelParameteriv(GL_TEXTURE_2D, GLint(level), GL_TEXTURE_HEIGHT, &v)
            XCTAssertEqual(Int(v), h)
            glGetTexLevelParameteriv(GL_TEXTURE_2D, GLint(level), GL_TEXTURE_INTERNAL_FORMAT, &v)
            XCTAssertEqual(GLenum(v), GL_RGBA8)
        }
        // The maximum level is clamped to levels − 1, the base level to [0, levels − 1].
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 4)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, &v)
        XCTAssertEqual(v, 2)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 7)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, &v)
        XCTAssertEqual(v, 2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // Re-specifying is an error; updating is not.
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 256, 128, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glTexSubImage2D(GL_TEXTURE_2D, 2, 0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8](repeating: 1, count: 4))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glTexSubImage2D(GL_TEXTURE_2D, 3, 0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8](repeating: 1, count: 4))
        XCTAssertNotEqual(glGetError(), GL_NO_ERROR, "no level 3")
    }

    func testShapesOfEachTarget() {
        _ = makeCurrentContext()
        func check(_ target: GLenum, _ level: GLint, _ pname: GLenum, _ expected: GLint, line: UInt = #line) {
            var v: GLint = -1
            glGetTexLevelParameteriv(target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_NEGATIVE_Z : target, level, pname, &v)
            XCTAssertEqual(v, expected, "\(GLEnumNames.describe(target)) level \(level) \(GLEnumNames.describe(pname))", line: line)
        }
        var tex = [GLuint](repeating: 0, count: 6)
        glGenTextures(6, &tex)
        glBindTexture(GL_TEXTURE_1D, tex[0])
        glTexStorage1D(GL_TEXTURE_1D, 4, GL_R8, 16)
        check(GL_TEXTURE_1D, 3, GL_TEXTURE_WIDTH, 2)
        glBindTexture(GL_TEXTURE_1D_ARRAY, tex[1])
        glTexStorage2D(GL_TEXTURE_1D_ARRAY, 3, GL_RGBA8, 8, 5)
        check(GL_TEXTURE_1D_ARRAY, 2, GL_TEXTURE_HEIGHT, 5)  // layers stay
        glBindTexture(GL_TEXTURE_3D, tex[2])
        glTexStorage3D(GL_TEXTURE_3D, 3, GL_RGBA16F, 8, 4, 16)
        check(GL_TEXTURE_3D, 2, GL_TEXTURE_DEPTH, 4)
        check(GL_TEXTURE_3D, 2, GL_TEXTURE_HEIGHT, 1)
        glBindTexture(GL_TEXTURE_2D_ARRAY, tex[3])
        glTexStorage3D(GL_TEXTURE_2D_ARRAY, 2, GL_R32F, 8, 8, 3)
        check(GL_TEXTURE_2D_ARRAY, 1, GL_TEXTURE_DEPTH, 3)
        glBindTexture(GL_TEXTURE_CUBE_MAP, tex[4])
        glTexStorage2D(GL_TEXTURE_CUBE_MAP, 2, GL_DEPTH_COMPONENT24, 8, 8)
        check(GL_TEXTURE_CUBE_MAP, 1, GL_TEXTURE_WIDTH, 4)
        glBindTexture(GL_TEXTURE_RECTANGLE, tex[5])
        glTexStorage2D(GL_TEXTURE_RECTANGLE, 1, GL_RGBA8, 7, 3)
        check(GL_TEXTURE_RECTANGLE, 0, GL_TEXTURE_WIDTH, 7)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testErrors() {
        _ = makeCurrentContext()
        var tex: GLuint = 0
        func fresh(_ target: GLenum) {
            glGenTextures(1, &tex)
            glBindTexture(target, tex)
        }
        fresh(GL_TEXTURE_2D)
        glTexStorage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "no levels")
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 0, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "zero width")
        glTexStorage2D(GL_TEXTURE_2D, 4, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "more levels than log2(4) + 1")
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "unsized")
        glTexStorage2D(GL_TEXTURE_3D, 1, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a 3D target in glTexStorage2D")
        glTexStorage1D(GL_TEXTURE_2D, 1, GL_RGBA8, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a 2D target in glTexStorage1D")
        glTexStorage3D(GL_TEXTURE_2D, 1, GL_RGBA8, 4, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a 2D target in glTexStorage3D")
        // A proxy answers without changing the bound texture.
        glTexStorage2D(GL_PROXY_TEXTURE_2D, 3, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var v: GLint = -1
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_IMMUTABLE_FORMAT, &v)
        XCTAssertEqual(v, 0)
        fresh(GL_TEXTURE_CUBE_MAP)
        glTexStorage2D(GL_TEXTURE_CUBE_MAP, 1, GL_RGBA8, 4, 8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a cube map is square")
        fresh(GL_TEXTURE_RECTANGLE)
        glTexStorage2D(GL_TEXTURE_RECTANGLE, 2, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a rectangle has one level")
        fresh(GL_TEXTURE_3D)
        glTexStorage3D(GL_TEXTURE_3D, 1, GL_DEPTH_COMPONENT24, 4, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no 3D depth textures")
        glBindTexture(GL_TEXTURE_2D, 0)
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "texture 0")
    }

    /// glTexStorage2DMultisample (GL 4.3, ARB_texture_storage_multisample): one immutable level; a multisample
    /// texture's sampler state reads as nearest, clamped to the edge.
    func testMultisampleStorage() {
        _ = makeCurrentContext()
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex)
        var v: GLint = 0
        glGetTexParameteriv(GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_MIN_FILTER, &v)
        XCTAssertEqual(GLenum(v), GL_NEAREST)
        glGetTexParameteriv(GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_WRAP_S, &v)
        XCTAssertEqual(GLenum(v), GL_CLAMP_TO_EDGE)
        glTexStorage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 2, GL_RGBA8, 8, 8, GLboolean(GL_TRUE))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glGetTexParameteriv(GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_IMMUTABLE_LEVELS, &v)
        XCTAssertEqual(v, 1)
        glGetTexLevelParameteriv(GL_TEXTURE_2D_MULTISAMPLE, 0, GL_TEXTURE_SAMPLES, &v)
        XCTAssertEqual(v, 2)
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 2, GL_RGBA8, 8, 8, GLboolean(GL_TRUE))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "immutable")
        glTexParameteri(GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_BASE_LEVEL, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a multisample texture's base level is 0")
        glTexStorage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 2, GL_RGBA, 8, 8, GLboolean(GL_TRUE))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "unsized")
    }

    /// A storage texture attached before glTexStorage2D completes the framebuffer and renders.
    func testRendersIntoAStorageTexture() {
        _ = makeCurrentContext()
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glTexStorage2D(GL_TEXTURE_2D, 2, GL_RGBA8, 8, 8)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 1)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, 4, 4)
        glClearColor(0, 1, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(3, 3, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
