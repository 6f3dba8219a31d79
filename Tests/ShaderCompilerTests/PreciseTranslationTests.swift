@testable import ShaderCompiler
import XCTest

/// `precise` reaches the host as TGSI's `_PRECISE` suffix: on the decorated arithmetic and on the built-in calls of
/// the same expression, and nowhere in a shader without `precise`.
final class PreciseTranslationTests: XCTestCase {
    static func fragment(precise: Bool) -> String {
        """
        #version 400 core
        in vec3 vColor;
        uniform float a;
        uniform float b;
        out vec4 color;
        void main() {
            \(precise ? "precise " : "")float x = fract(floor(a / b) * 42.0);
            float y = fract(vColor.x * 3.0);
            color = vec4(x, y, 0.0, 1.0);
        }
        """
    }

    /// The opcodes of the fragment shader's instructions, without their numbers and operands.
    static func opcodes(_ text: String) -> [Substring] {
        text.split(separator: "\n").compactMap { line in
            line.drop { $0 == " " || $0.isNumber || $0 == ":" }.split(separator: " ").first
        }
    }

    func testThePreciseExpressionIsMarkedToItsRoot() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fragment(precise: true)).get()
        let ops = Self.opcodes(p.fragment.text)
        for op in ["DIV_PRECISE", "FLR_PRECISE", "MUL_PRECISE", "FRC_PRECISE"] {
            XCTAssertTrue(ops.contains(Substring(op)), "\(op) missing:\n\(p.fragment.text)")
        }
        // y is not precise: one plain MUL and one plain FRC remain.
        XCTAssertTrue(ops.contains("MUL"), p.fragment.text)
        XCTAssertTrue(ops.contains("FRC"), p.fragment.text)
    }

    func testNoPreciseNoSuffix() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fragment(precise: false)).get()
        XCTAssertFalse(p.fragment.text.contains("_PRECISE"), p.fragment.text)
    }

    func testOnlyArithmeticTakesTheSuffix() {
        XCTAssertEqual(TGSITranslator.markedPrecise("MUL TEMP[1].x, TEMP[0].xxxx, IMM[0].xxxx"), "MUL_PRECISE TEMP[1].x, TEMP[0].xxxx, IMM[0].xxxx")
        XCTAssertEqual(TGSITranslator.markedPrecise("MOV TEMP[1].x, TEMP[0].xxxx"), "MOV TEMP[1].x, TEMP[0].xxxx")
        XCTAssertEqual(TGSITranslator.markedPrecise("IF TEMP[0].xxxx"), "IF TEMP[0].xxxx")
        XCTAssertEqual(TGSITranslator.markedPrecise("ENDIF"), "ENDIF")
    }
}
