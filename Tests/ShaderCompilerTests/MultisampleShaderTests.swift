import Foundation
import ShaderCompiler
import XCTest

/// Multisample samplers: the SPIR-V image type's MS operand reaches the TGSI targets (2D_MSAA, 2D_ARRAY_MSAA),
/// texelFetch's sample index goes in TXF's w, and textureSize is a TXQ on the same target.
final class MultisampleShaderTests: XCTestCase {
    static let fs = """
        #version 330 core
        uniform sampler2DMS ms;
        uniform isampler2DMSArray msArray;
        uniform int sampleIndex;
        out vec4 fragColor;
        void main() {
            vec4 a = texelFetch(ms, ivec2(gl_FragCoord.xy), sampleIndex);
            ivec4 b = texelFetch(msArray, ivec3(1, 2, 3), 2);
            ivec2 size = textureSize(ms);
            fragColor = a + vec4(b) + vec4(size, 0.0, 0.0);
        }
        """

    /// The fragment shader's translation equals its reviewed snapshot (VIRGLGL_RECORD_SNAPSHOTS=1 rewrites it).
    func testMultisampleSnapshot() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fs).get()
        let url = CompileTests.snapshots.appendingPathComponent("multisample_fetch.frag.tgsi")
        if ProcessInfo.processInfo.environment["VIRGLGL_RECORD_SNAPSHOTS"] == "1" {
            try p.fragment.text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(p.fragment.text, try String(contentsOf: url, encoding: .utf8))
    }

    func testMultisampleTargetsAndSampleInW() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fs).get()
        let text = p.fragment.text
        XCTAssertTrue(text.contains(", 2D_MSAA, FLOAT"), text)
        XCTAssertTrue(text.contains(", 2D_ARRAY_MSAA, SINT"), text)
        let lines = text.split(separator: "\n").map(String.init)
        let fetches = lines.filter { $0.contains("TXF ") }
        XCTAssertEqual(fetches.count, 2, text)
        XCTAssertTrue(fetches[0].hasSuffix("2D_MSAA") || fetches[1].hasSuffix("2D_MSAA"), text)
        XCTAssertTrue(fetches.contains { $0.hasSuffix("2D_ARRAY_MSAA") }, text)
        // Before each TXF, its coordinate's w is written: the sample index.
        for f in fetches {
            let i = lines.firstIndex(of: f)!
            XCTAssertTrue(lines[..<i].last { $0.contains(".w,") }.map { _ in true } ?? false, text)
        }
        XCTAssertTrue(lines.contains { $0.contains("TXQ ") && $0.hasSuffix("2D_MSAA") }, text)
    }
}
