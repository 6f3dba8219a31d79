import ShaderCompiler
import XCTest

/// Atomic counters in TGSI (TGSITranslator+AtomicCounters) and the program's counter reflection and link checks
/// (ProgramCompiler+AtomicCounters).
final class AtomicCounterTranslationTests: XCTestCase {
    static func fragment(_ body: String) -> String {
        "#version 330 core\n#extension GL_ARB_shader_atomic_counters : require\n" + body
    }

    func testDeclarationsAndOperationsAsVirglReadsThem() throws {
        let program = try ProgramCompiler.link(
            vertex: CompileTests.passthroughVS,
            fragment: Self.fragment("""
                layout(binding = 1, offset = 4) uniform atomic_uint arr[3];
                layout(binding = 0) uniform atomic_uint c;
                uniform int idx;
                out vec4 o;
                void main() {
                    uint a = atomicCounterIncrement(arr[idx]);
                    uint b = atomicCounterDecrement(c);
                    uint r = atomicCounter(arr[2]);
                    o = vec4(a, b, r, 1.0);
                }
                """)
        ).get()
        let text = program.fragment.text
        // Binding point first, then the counters' place in 4-byte units.
        XCTAssertTrue(text.contains("DCL HWATOMIC[1][1..3]"), text)
        XCTAssertTrue(text.contains("DCL HWATOMIC[0][0..0]"), text)
        // An array element chosen by a variable goes through the address register; the increment is an INT32 1,
        // the decrement an INT32 -1 (virglrenderer writes the GLSL functions for exactly those immediates).
        XCTAssertNotNil(text.range(of: #"UARL ADDR\[0\]\.x, .*\n.*ATOMUADD TEMP\[\d+\]\.x, HWATOMIC\[1\]\[ADDR\[0\]\.x\+1\], IMM\[\d+\]\.\w+, IMM\[\d+\]\.\w+"#, options: .regularExpression), text)
        XCTAssertNotNil(text.range(of: #"ATOMUADD TEMP\[\d+\]\.x, HWATOMIC\[0\]\[0\], IMM\[\d+\]\.\w+, IMM\[\d+\]\.xxxx"#, options: .regularExpression), text)
        XCTAssertTrue(text.contains("INT32 {-1, -1, -1, -1}"), text)
        XCTAssertNotNil(text.range(of: #"LOAD TEMP\[\d+\]\.x, HWATOMIC\[1\]\[3\], IMM"#, options: .regularExpression), text)

        XCTAssertEqual(Set(program.atomicCounters.map(\.name)), ["arr[0]", "c"])
        let arr = try XCTUnwrap(program.atomicCounters.first { $0.name == "arr[0]" })
        XCTAssertEqual([arr.binding, arr.offset, arr.arraySize], [1, 4, 3])
        XCTAssertEqual(program.atomicCounterBuffers.map(\.binding), [0, 1])
        XCTAssertEqual(program.atomicCounterBuffers.map(\.dataSize), [4, 16])
    }

    func testCountersOfTwoStagesMeetByName() throws {
        let vertex = Self.fragment("""
            layout(binding = 2, offset = 8) uniform atomic_uint both;
            void main() { atomicCounterIncrement(both); gl_Position = vec4(0.0); }
            """)
        let fragment = Self.fragment("""
            layout(binding = 2, offset = 8) uniform atomic_uint both;
            layout(binding = 2, offset = 0) uniform atomic_uint own;
            out vec4 o;
            void main() { o = vec4(atomicCounter(both) + atomicCounter(own)); }
            """)
        let program = try ProgramCompiler.link(vertex: vertex, fragment: fragment).get()
        XCTAssertEqual(program.atomicCounters.count, 2)
        XCTAssertEqual(program.atomicCounters.first { $0.name == "both" }?.stages, [.vertex, .fragment])
        XCTAssertEqual(program.atomicCounterBuffers.first?.stages, [.vertex, .fragment])

        // The same name at another offset, or another counter over the same bytes, does not link.
        for other in ["layout(binding = 2, offset = 4) uniform atomic_uint both;", "layout(binding = 2, offset = 8) uniform atomic_uint stranger;"] {
            let f = Self.fragment("\(other)\nout vec4 o;\nvoid main() { o = vec4(0.0); }\n")
            guard case .failure = ProgramCompiler.link(vertex: vertex, fragment: f) else { return XCTFail("\(other) links") }
        }
    }
}
