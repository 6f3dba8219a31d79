import GLCore
@testable import GLDriver
import VirglTransport
import XCTest

/// Compressed textures: BPTC (GL_ARB_texture_compression_bptc) blocks uploaded with glCompressedTex(Sub)Image*,
/// sampled on the host; GL_UNPACK_COMPRESSED_BLOCK_* (GL_ARB_compressed_texture_pixel_storage).
final class CompressedTextureTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A BC7 mode 6 block whose every texel is `rgba` (each component even: endpoint 0 with p-bit 0, indices 0).
    static func solidBC7(_ rgba: [UInt8]) -> [UInt8] {
        var bits: [Bool] = []
        func put(_ value: Int, _ count: Int) { for i in 0..<count { bits.append(value >> i & 1 != 0) } }
        put(1 << 6, 7)  // mode 6
        for c in rgba { put(Int(c) >> 1, 7); put(0, 7) }  // endpoint 0 and 1 of R, G, B, A
        while bits.count < 128 { bits.append(false) }  // p-bits and indices 0
        return (0..<16).map { byte in (0..<8).reduce(UInt8(0)) { $0 | (bits[byte * 8 + $1] ? 1 << $1 : 0) } }
    }

    func requireBPTC() throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_texture_compression_bptc") else { throw XCTSkip("the host does not sample BPTC") }
        return c
    }

    /// The colour a full-viewport draw samples at `coord` (lod 0 unless given) from the bound 2D texture.
    func sample(_ coord: String, lod: Int = 0) -> [UInt8] {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform sampler2D t;
            out vec4 c;
            void main() { c = textureLod(t, \(coord), \(lod).0); }
            """)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func nearest() {
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
    }

    func testSolidBlockEncoderIsBC7Mode6() {
        let block = Self.solidBC7([200, 100, 0, 254])
        XCTAssertEqual(block.count, 16)
        XCTAssertEqual(block[0], 0x40)  // mode 6: bit 6; R0's low bit in bit 7 (100 = 0b1100100: 0)
        XCTAssertEqual(block[1], 100 >> 1 & 0x7F)  // the rest of R0 (200 >> 1 = 100, bits 1–6), R1 starts at bit 14
    }

    /// Two blocks side by side sample as their colours; a sub-image replaces one; level 1 is its own block.
    /// RGTC (GL 3.0) and ETC2 (GL_ARB_ES3_compatibility) blocks of one colour, sampled on the host.
    func testRGTCAndETC2Blocks() throws {
        let c = makeCurrentContext()
        guard c.supportsRGTC else { throw XCTSkip("the host does not sample RGTC") }
        XCTAssertTrue(c.extensions.contains("GL_ARB_texture_compression_rgtc"))
        bindColorFramebuffer(width: 4, height: 4)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        nearest()
        // RGTC1: both endpoints 200, every index 0 (endpoint 0).
        let rgtc1: [UInt8] = [200, 200, 0, 0, 0, 0, 0, 0]
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RED_RGTC1, 4, 4, 0, 8, rgtc1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Array(sample("vec2(0.5)")[0..<3]), [200, 0, 0])
        // RGTC2: red 40, green 220.
        let rgtc2: [UInt8] = [40, 40, 0, 0, 0, 0, 0, 0, 220, 220, 0, 0, 0, 0, 0, 0]
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RG_RGTC2, 4, 4, 0, 16, rgtc2)
        XCTAssertEqual(Array(sample("vec2(0.5)")[0..<3]), [40, 220, 0])
        // A block of the wrong size is GL_INVALID_VALUE.
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RED_RGTC1, 4, 4, 0, 16, rgtc2)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        guard c.supportsETC2 else { return }  // sampled by the host, or decoded on the CPU (ETC2Tests)
        // ETC2 individual mode: base colours R 8, G 0, B 4 (4 bits each, twice), codeword tables 0, indices 0: each
        // channel is base × 17 + 2 (table 0's first modifier).
        let etc2: [UInt8] = [0x88, 0x00, 0x44, 0x00, 0, 0, 0, 0]
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGB8_ETC2, 4, 4, 0, 8, etc2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Array(sample("vec2(0.5)")[0..<3]), [138, 2, 70])
    }

    func testSamplesBlocksAndSubImages() throws {
        _ = try requireBPTC()
        checkBlocksAndSubImages()
    }

    /// The same over vtest: the backing's rows of blocks travel through TRANSFER_PUT2 (VirglResourceLayout.span).
    func testSamplesBlocksOverVtest() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core), host: .transport(try VtestTransport(socketPath: server.socketPath)))
        GLContext.makeCurrent(context)
        guard context.extensions.contains("GL_ARB_texture_compression_bptc") else { throw XCTSkip("the host does not sample BPTC") }
        checkBlocksAndSubImages()
    }

    func checkBlocksAndSubImages(file: StaticString = #filePath, line: UInt = #line) {
        bindColorFramebuffer(width: 1, height: 1)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let red: [UInt8] = [200, 0, 0, 254], green: [UInt8] = [0, 180, 0, 254], blue: [UInt8] = [0, 0, 160, 254]
        let level0 = Self.solidBC7(red) + Self.solidBC7(green)
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 8, 4, 0, 32, level0)
        glCompressedTexImage2D(GL_TEXTURE_2D, 1, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 2, 0, 16, Self.solidBC7(blue))
        glCompressedTexImage2D(GL_TEXTURE_2D, 2, GL_COMPRESSED_RGBA_BPTC_UNORM, 2, 1, 0, 16, Self.solidBC7(blue))
        glCompressedTexImage2D(GL_TEXTURE_2D, 3, GL_COMPRESSED_RGBA_BPTC_UNORM, 1, 1, 0, 16, Self.solidBC7(blue))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        nearest()
        XCTAssertEqual(sample("vec2(0.2, 0.5)"), red)
        XCTAssertEqual(sample("vec2(0.8, 0.5)"), green)
        XCTAssertEqual(sample("vec2(0.5, 0.5)", lod: 1), blue)
        // Replace the right block (on the host already).
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 0, 4, 4, GL_COMPRESSED_RGBA_BPTC_UNORM, 16, Self.solidBC7(blue))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(sample("vec2(0.8, 0.5)"), blue)
        XCTAssertEqual(sample("vec2(0.2, 0.5)"), red)
        // The queries.
        var v: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_COMPRESSED, &v)
        XCTAssertEqual(v, 1)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_COMPRESSED_IMAGE_SIZE, &v)
        XCTAssertEqual(v, 32)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &v)
        XCTAssertEqual(GLenum(v), GL_COMPRESSED_RGBA_BPTC_UNORM)
        var back = [UInt8](repeating: 0, count: 32)
        glGetCompressedTexImage(GL_TEXTURE_2D, 0, &back)
        XCTAssertEqual(back, Self.solidBC7(red) + Self.solidBC7(blue))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// glTexStorage2D of a BPTC format, filled by glCompressedTexSubImage2D at two levels.
    func testImmutableCompressedStorage() throws {
        _ = try requireBPTC()
        bindColorFramebuffer(width: 1, height: 1)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexStorage2D(GL_TEXTURE_2D, 2, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 4, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 16, Self.solidBC7([0, 0, 0, 254]))
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 1, 0, 0, 2, 2, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 16, Self.solidBC7([128, 128, 128, 254]))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        nearest()
        XCTAssertEqual(sample("vec2(0.5)"), [0, 0, 0, 254])
        // sRGB 128 decodes to linear 0.216 (55 of 255): the format is sampled as sRGB.
        XCTAssertEqual(Int(sample("vec2(0.5)", lod: 1)[0]), 55, accuracy: 1)
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 4, 4, 0, 16, Self.solidBC7([0, 0, 0, 0]))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "immutable")
    }

    func testErrors() throws {
        _ = try requireBPTC()
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let block = Self.solidBC7([0, 0, 0, 0])
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 4, 0, 15, block)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "imageSize")
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 0, 16, block)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a compressed format")
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA, 4, 4, 0, 16, block)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a generic compressed format")
        glCompressedTexImage2D(GL_TEXTURE_RECTANGLE, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 4, 0, 16, block)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "no compressed rectangles")
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 8, 8, 0, 64, [UInt8](repeating: 0, count: 64))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 2, 0, 4, 4, GL_COMPRESSED_RGBA_BPTC_UNORM, 16, block)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not on a block")
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 4, 4, 4, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, 16, block)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "another format")
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 4, 8, 4, GL_COMPRESSED_RGBA_BPTC_UNORM, 32, block + block)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "outside the image")
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8](repeating: 0, count: 64))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "VirglGL compresses nothing")
        glGenerateMipmap(GL_TEXTURE_2D)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not colour-renderable")
    }

    /// GL_UNPACK_COMPRESSED_BLOCK_*: the row length and skips pick blocks out of a larger client image.
    func testUnpackBlockParametersSelectBlocks() throws {
        let c = try requireBPTC()
        XCTAssertTrue(c.extensions.contains("GL_ARB_compressed_texture_pixel_storage"))
        bindColorFramebuffer(width: 1, height: 1)
        // A client image of 3×2 blocks (12×8 texels), each its own colour; the texture takes block (1, 1).
        let colours: [[UInt8]] = (0..<6).map { [UInt8($0 * 40), 100, 0, 254] }
        let client = colours.flatMap(Self.solidBC7)
        glPixelStorei(GL_UNPACK_COMPRESSED_BLOCK_WIDTH, 4)
        glPixelStorei(GL_UNPACK_COMPRESSED_BLOCK_HEIGHT, 4)
        glPixelStorei(GL_UNPACK_COMPRESSED_BLOCK_SIZE, 16)
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 12)
        glPixelStorei(GL_UNPACK_SKIP_PIXELS, 4)
        glPixelStorei(GL_UNPACK_SKIP_ROWS, 4)
        var v: GLint = 0
        glGetIntegerv(GL_UNPACK_COMPRESSED_BLOCK_SIZE, &v)
        XCTAssertEqual(v, 16)
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 4, 0, 16, client)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        XCTAssertEqual(sample("vec2(0.5)"), colours[4])
        // Skips that are not whole blocks are an error while the block parameters are set.
        glPixelStorei(GL_UNPACK_SKIP_PIXELS, 2)
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 4, 0, 16, client)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        // Without a block size the data is packed whatever the row length.
        glPixelStorei(GL_UNPACK_COMPRESSED_BLOCK_SIZE, 0)
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_BPTC_UNORM, 4, 4, 0, 16, client)
        XCTAssertEqual(sample("vec2(0.5)"), colours[0])
        for p in [GL_UNPACK_ROW_LENGTH, GL_UNPACK_SKIP_PIXELS, GL_UNPACK_SKIP_ROWS, GL_UNPACK_COMPRESSED_BLOCK_WIDTH, GL_UNPACK_COMPRESSED_BLOCK_HEIGHT] {
            glPixelStorei(p, 0)
        }
        // The pack side: glGetCompressedTexImage writes the block one block in, rows of two blocks.
        glPixelStorei(GL_PACK_COMPRESSED_BLOCK_WIDTH, 4)
        glPixelStorei(GL_PACK_COMPRESSED_BLOCK_HEIGHT, 4)
        glPixelStorei(GL_PACK_COMPRESSED_BLOCK_SIZE, 16)
        glPixelStorei(GL_PACK_ROW_LENGTH, 8)
        glPixelStorei(GL_PACK_SKIP_PIXELS, 4)
        var out = [UInt8](repeating: 0xEE, count: 32)
        glGetCompressedTexImage(GL_TEXTURE_2D, 0, &out)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Array(out[0..<16]), [UInt8](repeating: 0xEE, count: 16))
        XCTAssertEqual(Array(out[16..<32]), Self.solidBC7(colours[0]))
        for p in [GL_PACK_ROW_LENGTH, GL_PACK_SKIP_PIXELS, GL_PACK_COMPRESSED_BLOCK_WIDTH, GL_PACK_COMPRESSED_BLOCK_HEIGHT, GL_PACK_COMPRESSED_BLOCK_SIZE] {
            glPixelStorei(p, 0)
        }
    }
}
