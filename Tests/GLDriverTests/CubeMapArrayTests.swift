import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_texture_cube_map_array: a texture of cubes, each six layer-faces, sampled by direction and cube index
/// (TGSI CUBEARRAY; TXL2 for an explicit lod, TEX2 with the reference for samplerCubeArrayShadow).
final class CubeMapArrayTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A 2×2 cube map array of `cubes` cubes whose layer-face k is filled with `texel(k)`.
    func makeTexture(cubes: Int, internalFormat: GLenum, format: GLenum, type: GLenum, texel: (Int) -> [UInt8]) -> GLuint {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_CUBE_MAP_ARRAY, tex)
        var data: [UInt8] = []
        for k in 0..<(cubes * 6) { for _ in 0..<4 { data += texel(k) } }
        glTexImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, GLint(internalFormat), 2, 2, GLsizei(cubes * 6), 0, format, type, data)
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        return tex
    }

    func drawnPixel(_ fragment: String) -> [UInt8] {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    /// The face a direction picks, in each cube: +X is layer-face 6·cube, −Y is 6·cube + 3, +Z is 6·cube + 4.
    func testSamplesTheFaceOfTheCubeNamed() throws {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_texture_cube_map_array") else { throw XCTSkip("the host lacks GL 4.0") }
        bindColorFramebuffer(width: 4, height: 4)
        _ = makeTexture(cubes: 3, internalFormat: GL_RGBA8, format: GL_RGBA, type: GL_UNSIGNED_BYTE) { [UInt8($0 * 10), 0, 0, 255] }
        for (direction, cube, face) in [("vec3(1.0, 0.0, 0.0)", 0, 0), ("vec3(0.0, -1.0, 0.0)", 1, 3), ("vec3(0.0, 0.0, 1.0)", 2, 4)] {
            let pixel = drawnPixel("""
                #version 400 core
                uniform samplerCubeArray t;
                out vec4 c;
                void main() { c = texture(t, vec4(\(direction), \(cube).0)); }
                """)
            XCTAssertEqual(pixel, [UInt8((6 * cube + face) * 10), 0, 0, 255], "\(direction) in cube \(cube)")
        }
        // textureLod (TXL2) and textureSize (the cube count in z).
        XCTAssertEqual(drawnPixel("""
            #version 400 core
            uniform samplerCubeArray t;
            out vec4 c;
            void main() { c = textureLod(t, vec4(-1.0, 0.0, 0.0, 1.0), 0.0) + vec4(0.0, float(textureSize(t, 0).z) / 255.0, 0.0, 0.0); }
            """), [70, 3, 0, 255])
    }

    /// samplerCubeArrayShadow: the reference compares against the depth of the face in the cube named.
    func testShadowLookupComparesInTheCubeNamed() throws {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_texture_cube_map_array") else { throw XCTSkip("the host lacks GL 4.0") }
        bindColorFramebuffer(width: 4, height: 4)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_CUBE_MAP_ARRAY, tex)
        // Cube 0 at depth 0.25, cube 1 at depth 0.75.
        let depths = (0..<12).flatMap { k in [Float](repeating: k < 6 ? 0.25 : 0.75, count: 4) }
        glTexImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, GLint(GL_DEPTH_COMPONENT32F), 2, 2, 12, 0, GL_DEPTH_COMPONENT, GL_FLOAT, depths)
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_COMPARE_MODE, GLint(GL_COMPARE_REF_TO_TEXTURE))
        glTexParameteri(GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_COMPARE_FUNC, GLint(GL_LESS))
        func lookup(cube: Int, reference: String) -> UInt8 {
            drawnPixel("""
                #version 400 core
                uniform samplerCubeArrayShadow t;
                out vec4 c;
                void main() { c = vec4(texture(t, vec4(0.0, 1.0, 0.0, \(cube).0), \(reference)), 0.0, 0.0, 1.0); }
                """)[0]
        }
        XCTAssertEqual(lookup(cube: 0, reference: "0.5"), 0)  // 0.5 < 0.25 fails
        XCTAssertEqual(lookup(cube: 1, reference: "0.5"), 255)  // 0.5 < 0.75 passes
    }

    func testImagesAreSquareWithWholeCubes() {
        _ = makeCurrentContext()
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_CUBE_MAP_ARRAY, tex)
        glTexImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, GLint(GL_RGBA8), 2, 2, 7, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glTexImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, GLint(GL_RGBA8), 2, 4, 6, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glTexImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, GLint(GL_RGBA8), 2, 2, 12, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var bound: GLint = 0
        glGetIntegerv(GL_TEXTURE_BINDING_CUBE_MAP_ARRAY, &bound)
        XCTAssertEqual(GLuint(bound), tex)
    }
}
