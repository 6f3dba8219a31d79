@testable import ShaderCompiler
import XCTest

/// Compute shaders (GL_ARB_compute_shader) → TGSI: the COMP processor, work group size properties, system values,
/// shared memory and barriers as virglrenderer reads them.
final class ComputeTranslationTests: XCTestCase {
    func link(_ source: String) throws -> LinkedProgram {
        switch ProgramCompiler.linkCompute([source]) {
        case .success(let p): return p
        case .failure(let e): throw e
        }
    }

    func testWorkGroupSizeAndSystemValues() throws {
        let p = try link("""
            #version 430
            layout(local_size_x = 4, local_size_y = 2) in;
            uniform uint base;
            uniform Block { uvec4 scale; };
            shared uint counts[8];
            void main() {
                uvec3 g = gl_GlobalInvocationID + gl_NumWorkGroups + gl_WorkGroupID * scale.xyz;
                counts[gl_LocalInvocationIndex] = g.x + base + gl_WorkGroupSize.y;
                barrier();
                memoryBarrierShared();
                groupMemoryBarrier();
                atomicAdd(counts[gl_LocalInvocationID.y], 1u);
            }
            """)
        let c = try XCTUnwrap(p.compute)
        let text = c.shader.text
        if ProcessInfo.processInfo.environment["DUMP_TGSI"] != nil { print(text) }
        XCTAssertEqual(c.localSize, [4, 2, 1])
        XCTAssertEqual(c.sharedMemoryBytes, 32)
        XCTAssertTrue(text.hasPrefix("COMP\n"))
        for line in ["PROPERTY CS_FIXED_BLOCK_WIDTH 4", "PROPERTY CS_FIXED_BLOCK_HEIGHT 2", "PROPERTY CS_FIXED_BLOCK_DEPTH 1",
                     "DCL MEMORY[0], SHARED", "THREAD_ID", "BLOCK_ID", "GRID_SIZE", "BARRIER", "MEMBAR", "ATOMUADD", "STORE MEMORY[0].x"] {
            XCTAssertTrue(text.contains(line), "missing \(line) in\n\(text)")
        }
        // The host reads system values as uvec3: no w.
        XCTAssertFalse(text.split(separator: "\n").contains { $0.contains("SV[") && $0.contains("w") && !$0.contains("DCL") })
        XCTAssertEqual(p.locations.map(\.name), ["base"])
        XCTAssertEqual(c.shader.blocks.map(\.name), ["Block"])
    }

    func testMissingWorkGroupSizeFails() {
        guard case .failure = ProgramCompiler.linkCompute(["#version 430\nvoid main() {}\n"]) else { return XCTFail("linked") }
    }

    func testTooManyInvocationsFails() {
        guard case .failure(let e) = ProgramCompiler.linkCompute(["#version 430\nlayout(local_size_x = 64, local_size_y = 32) in;\nvoid main() {}\n"]) else {
            return XCTFail("linked")
        }
        XCTAssertTrue(e.description.contains("INVOCATIONS"), e.description)
    }
}
