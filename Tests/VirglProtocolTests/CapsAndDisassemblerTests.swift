import VirglProtocol
import VirglTestSupport
import VirglTransport
import XCTest

final class CapsAndDisassemblerTests: XCTestCase {
    /// Offsets known from virglrenderer 0.10.4 (reference/virgl-protocol.md §3.5), independent of the layout.
    func testCapsLayoutOffsets() {
        XCTAssertEqual(VirglCapsV2.size, 1376)
        XCTAssertEqual(VirglCapsV2.offsets["glsl_level"], 264)
        XCTAssertEqual(VirglCapsV2.offsets["capability_bits"], 392)
        XCTAssertEqual(VirglCapsV2.offsets["host_feature_check_version"], 556)
        XCTAssertEqual(VirglCapsV2.offsets["capability_bits_v2"], 688)
        XCTAssertEqual(VirglCapsV2.offsets["renderer"], 696)
    }

    func testDecodesTheInProcessHostsCaps() throws {
        let caps = VirglCapsV2(bytes: try InProcessTransport().readCaps())
        XCTAssertEqual(caps.maxVersion, 2)
        XCTAssertTrue(caps.renderer.lowercased().contains("llvmpipe"), caps.renderer)
        XCTAssertEqual(caps.glslLevel, 450)
        XCTAssertEqual(caps.hostGLVersion.major, 4)
        XCTAssertEqual(caps.hostFeatureCheckVersion, 15)
        XCTAssertGreaterThanOrEqual(caps.maxRenderTargets, 8)
        XCTAssertGreaterThanOrEqual(caps.maxTexture2DSize, 8192)
        XCTAssertTrue(caps.render.contains(.r8g8b8a8Unorm))
        XCTAssertTrue(caps.sampler.contains(.r32g32b32a32Float))
        // virglrenderer 0.10.4 leaves the depth-stencil mask empty (depth formats are checked at creation).
        XCTAssertEqual(caps.depthstencil.count, 0)
        XCTAssertTrue(caps.has(VirglCap.transfer))
    }

    func testShortCapsDecodeWithZeros() {
        let caps = VirglCapsV2(bytes: [2, 0, 0, 0])
        XCTAssertEqual(caps.maxVersion, 2)
        XCTAssertEqual(caps.glslLevel, 0)
        XCTAssertEqual(caps.renderer, "")
        XCTAssertEqual(caps.hostGLVersion.major, 2)
    }

    func testDisassemblesTheDrawStream() {
        let lines = VirglDisassembler.disassemble(DrawStream.words(target: 7, vertexBuffer: 8, size: 256))
        XCTAssertEqual(lines.count, 19)
        XCTAssertEqual(lines[0], "[0] CREATE_OBJECT(SURFACE) handle=10 res_handle=7 format=67 level=0 layers=0")
        XCTAssertEqual(lines[1], "[6] SET_FRAMEBUFFER_STATE nr_cbufs=1 zsurf_handle=0 cbuf_handles[0]=10")
        XCTAssertTrue(lines[2].hasPrefix("[10] CREATE_OBJECT(BLEND) handle=11 s0={} s1={} rt[0]={colormask=15} rt[1]={}"), lines[2])
        XCTAssertTrue(lines.contains { $0.contains("CREATE_OBJECT(RASTERIZER) handle=13 s0={depth_clip=1 front_ccw=1 half_pixel_center=1} point_size=1.0") })
        XCTAssertTrue(lines.contains { $0.contains("CREATE_OBJECT(SHADER) handle=15 VIRGL_SHADER_VERTEX length=125 num_tokens=300 text=\"VERT…\"") })
        XCTAssertTrue(lines.contains { $0.contains("SET_VIEWPORT_STATE start_slot=0 viewports.scale_x[0]=128.0") })
        XCTAssertTrue(lines.contains { $0.contains("RESOURCE_INLINE_WRITE res_handle=8") && $0.contains("data=15 words") })
        XCTAssertTrue(lines.last!.contains("DRAW_VBO start=0 count=3 mode=4 indexed=0 instance_count=1"), lines.last!)
    }

    func testMalformedStreamsDisassembleWithoutReadingPastTheEnd() {
        XCTAssertEqual(VirglDisassembler.disassemble([7 | 8 << 16, 1]), ["[0] truncated: header 0x80007 wants 8 words, 1 left"])
        XCTAssertEqual(VirglDisassembler.disassemble([200]), ["[0] unknown command 200 (0 words)"])
        XCTAssertEqual(VirglDisassembler.disassemble([14 | 1 << 16, 0]), ["[0] SET_BLEND_COLOR color[0]=0.0"])
    }
}
