import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_texture_view: a view shares an immutable texture's store with its own target, format, levels and
/// layers; writes through either are seen through the other; the store outlives the original.
final class TextureViewTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The pixel a full-viewport draw writes with `body` (a fragment shader body setting `c`) and `declarations`.
    func drawnPixel(_ declarations: String, _ body: String, output: String = "vec4") -> [UInt8] {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 400 core
            \(declarations)
            out \(output) c;
            void main() { \(body) }
            """)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func solid(_ texel: [UInt8], _ count: Int) -> [UInt8] { Array([[UInt8]](repeating: texel, count: count).joined()) }

    /// A 4×4 RGBA8 2D array of `layers` layers, layer i filled with `colors[i]`.
    func makeArray(layers: Int, levels: GLsizei = 1, _ colors: [[UInt8]]) -> GLuint {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D_ARRAY, tex)
        glTexStorage3D(GL_TEXTURE_2D_ARRAY, levels, GL_RGBA8, 4, 4, GLsizei(layers))
        for (i, color) in colors.enumerated() {
            glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, GLint(i), 4, 4, 1, GL_RGBA, GL_UNSIGNED_BYTE, solid(color, 16))
        }
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return tex
    }

    func newName() -> GLuint {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        return tex
    }

    /// A 2D view of one layer of an array samples that layer; a write through the view is seen in the array.
    func testLayerViewSharesTheStore() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_texture_view"))
        bindColorFramebuffer(width: 4, height: 4)
        let array = makeArray(layers: 3, [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]])
        let view = newName()
        glTextureView(view, GL_TEXTURE_2D, array, GL_RGBA8, 0, 1, 1, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindTexture(GL_TEXTURE_2D, view)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = texture(t, vec2(0.5));"), [0, 255, 0, 255])
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, solid([10, 20, 30, 255], 16))
        glBindTexture(GL_TEXTURE_2D, 0)
        glBindTexture(GL_TEXTURE_2D_ARRAY, array)
        XCTAssertEqual(drawnPixel("uniform sampler2DArray t;", "c = texture(t, vec3(0.5, 0.5, 1.0));"), [10, 20, 30, 255])
        XCTAssertEqual(drawnPixel("uniform sampler2DArray t;", "c = texture(t, vec3(0.5, 0.5, 2.0));"), [0, 0, 255, 255])
        // And a write to the array is seen through the view.
        glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 1, 4, 4, 1, GL_RGBA, GL_UNSIGNED_BYTE, solid([90, 80, 70, 255], 16))
        glBindTexture(GL_TEXTURE_2D, view)
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = texture(t, vec2(0.5));"), [90, 80, 70, 255])
    }

    /// An R32UI view of RGBA8 texels reads their bytes as one unsigned integer.
    func testFormatViewReinterpretsTexels() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 1, GL_RGBA8, 4, 4)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, solid([0x11, 0x22, 0x33, 0x44], 16))
        let view = newName()
        glTextureView(view, GL_TEXTURE_2D, tex, GL_R32UI, 0, 1, 0, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindTexture(GL_TEXTURE_2D, view)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        let pixel = drawnPixel("uniform usampler2D t;", """
            uint v = texelFetch(t, ivec2(1), 0).r;
            c = vec4(v == 0x44332211u ? 1.0 : 0.0, float(v & 0xFFu) / 255.0, 0.0, 1.0);
            """)
        XCTAssertEqual(pixel, [255, 0x11, 0, 255])
        var format: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &format)
        XCTAssertEqual(GLenum(format), GL_R32UI)
    }

    /// A view of levels 1… of a mipmapped texture: its level 0 is the original's level 1; the view queries.
    func testLevelViewAndQueries() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 3, GL_RGBA8, 4, 4)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, solid([200, 0, 0, 255], 16))
        glTexSubImage2D(GL_TEXTURE_2D, 1, 0, 0, 2, 2, GL_RGBA, GL_UNSIGNED_BYTE, solid([0, 200, 0, 255], 4))
        glTexSubImage2D(GL_TEXTURE_2D, 2, 0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, solid([0, 0, 200, 255], 1))
        let view = newName()
        glTextureView(view, GL_TEXTURE_2D, tex, GL_RGBA8, 1, 10, 0, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindTexture(GL_TEXTURE_2D, view)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = textureLod(t, vec2(0.5), 0.0);"), [0, 200, 0, 255])
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = textureLod(t, vec2(0.5), 1.0);"), [0, 0, 200, 255])
        var value: GLint = -1
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &value)
        XCTAssertEqual(value, 2)
        for (pname, expected) in [(GL_TEXTURE_VIEW_MIN_LEVEL, 1), (GL_TEXTURE_VIEW_NUM_LEVELS, 2), (GL_TEXTURE_VIEW_MIN_LAYER, 0),
                                  (GL_TEXTURE_VIEW_NUM_LAYERS, 1), (GL_TEXTURE_IMMUTABLE_LEVELS, 3)] as [(GLenum, GLint)] {
            glGetTexParameteriv(GL_TEXTURE_2D, pname, &value)
            XCTAssertEqual(value, expected, GLEnumNames.describe(pname))
        }
        // A view of the view counts from the view's first level.
        let second = newName()
        glTextureView(second, GL_TEXTURE_2D, view, GL_RGBA8, 1, 1, 0, 1)
        glBindTexture(GL_TEXTURE_2D, second)
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_VIEW_MIN_LEVEL, &value)
        XCTAssertEqual(value, 2)
        XCTAssertEqual(drawnPixel("uniform sampler2D t;", "c = textureLod(t, vec2(0.5), 0.0);"), [0, 0, 200, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Every error glTextureView has.
    func testErrors() {
        _ = makeCurrentContext()
        var mutable: GLuint = 0
        glGenTextures(1, &mutable)
        glBindTexture(GL_TEXTURE_2D, mutable)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 3, GL_RGBA8, 4, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        func check(_ expected: GLenum, _ texture: GLuint, _ target: GLenum, _ orig: GLuint, _ format: GLenum, _ minLevel: GLuint = 0, _ numLevels: GLuint = 1, _ minLayer: GLuint = 0, _ numLayers: GLuint = 1, line: UInt = #line) {
            glTextureView(texture, target, orig, format, minLevel, numLevels, minLayer, numLayers)
            XCTAssertEqual(glGetError(), expected, line: line)
        }
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_2D, 0, GL_RGBA8)
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_2D, 12345, GL_RGBA8)
        check(GL_INVALID_OPERATION, newName(), GL_TEXTURE_2D, mutable, GL_RGBA8)
        check(GL_INVALID_VALUE, 0, GL_TEXTURE_2D, tex, GL_RGBA8)
        check(GL_INVALID_OPERATION, 54321, GL_TEXTURE_2D, tex, GL_RGBA8)
        check(GL_INVALID_OPERATION, mutable, GL_TEXTURE_2D, tex, GL_RGBA8)  // already has a target
        check(GL_INVALID_OPERATION, newName(), GL_TEXTURE_3D, tex, GL_RGBA8)
        check(GL_INVALID_OPERATION, newName(), GL_TEXTURE_CUBE_MAP, tex, GL_RGBA8)
        check(GL_INVALID_OPERATION, newName(), GL_TEXTURE_2D, tex, GL_RGBA16F)  // another view class
        check(GL_INVALID_OPERATION, newName(), GL_TEXTURE_2D, tex, GL_RGB8)
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_2D, tex, GL_RGBA8, 3)
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_2D, tex, GL_RGBA8, 0, 1, 1)
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_2D, tex, GL_RGBA8, 0, 1, 0, 2)
        check(GL_NO_ERROR, newName(), GL_TEXTURE_2D, tex, GL_R32F)
        check(GL_NO_ERROR, newName(), GL_TEXTURE_2D_ARRAY, tex, GL_SRGB8_ALPHA8, 1, 2, 0, 1)
        // Array → cube map: six layers, square.
        let array = makeArray(layers: 7, [])
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_CUBE_MAP, array, GL_RGBA8, 0, 1, 2, 6)
        check(GL_NO_ERROR, newName(), GL_TEXTURE_CUBE_MAP, array, GL_RGBA8, 0, 1, 1, 6)
        check(GL_INVALID_VALUE, newName(), GL_TEXTURE_CUBE_MAP_ARRAY, array, GL_RGBA8, 0, 1, 0, 7)
        // A view is immutable: no glTexStorage or glTexImage on it.
        let view = newName()
        check(GL_NO_ERROR, view, GL_TEXTURE_2D, tex, GL_RGBA8)
        glBindTexture(GL_TEXTURE_2D, view)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        var immutable: GLint = 0
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_IMMUTABLE_FORMAT, &immutable)
        XCTAssertEqual(immutable, 1)
    }

    /// Rendering into a view (a framebuffer attachment) writes the original's layer and level.
    func testRenderingIntoAView() {
        _ = makeCurrentContext()
        let array = makeArray(layers: 3, levels: 2, [[1, 2, 3, 255], [4, 5, 6, 255], [7, 8, 9, 255]])
        let view = newName()
        glTextureView(view, GL_TEXTURE_2D, array, GL_RGBA8, 1, 1, 2, 1)
        var fb: GLuint = 0
        glGenFramebuffers(1, &fb)
        glBindFramebuffer(GL_FRAMEBUFFER, fb)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, view, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, 2, 2)
        glClearColor(1, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [255, 0, 0, 255])
        // The original's level 1 of layer 2 is red; its level 0 of layer 2 is as uploaded.
        bindColorFramebuffer(width: 4, height: 4)
        glBindTexture(GL_TEXTURE_2D_ARRAY, array)
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        XCTAssertEqual(drawnPixel("uniform sampler2DArray t;", "c = textureLod(t, vec3(0.5, 0.5, 2.0), 1.0);"), [255, 0, 0, 255])
        XCTAssertEqual(drawnPixel("uniform sampler2DArray t;", "c = textureLod(t, vec3(0.5, 0.5, 2.0), 0.0);"), [7, 8, 9, 255])
    }

    /// A cube map view of six layers of an array samples the layers as faces; the view outlives the original.
    func testCubeViewOfArrayOutlivesTheOriginal() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        let colors: [[UInt8]] = (0..<7).map { [UInt8($0 * 30), 0, 0, 255] }
        let array = makeArray(layers: 7, colors)
        let view = newName()
        glTextureView(view, GL_TEXTURE_CUBE_MAP, array, GL_RGBA8, 0, 1, 1, 6)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glDeleteTextures(1, [array])
        glBindTexture(GL_TEXTURE_CUBE_MAP, view)
        glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        // +X is the view's layer 0 (the array's layer 1), −Z its layer 5 (the array's 6).
        XCTAssertEqual(drawnPixel("uniform samplerCube t;", "c = texture(t, vec3(1.0, 0.0, 0.0));"), [30, 0, 0, 255])
        XCTAssertEqual(drawnPixel("uniform samplerCube t;", "c = texture(t, vec3(0.0, 0.0, -1.0));"), [180, 0, 0, 255])
    }
}
