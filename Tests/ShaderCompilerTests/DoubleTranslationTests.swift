import Foundation
@testable import ShaderCompiler
import XCTest

/// Doubles in the translator: the form virglrenderer needs for D* instructions, the two-register layout of
/// dvec3/dvec4, flat double inputs, and double vertex inputs' locations.
final class DoubleTranslationTests: XCTestCase {
    static let fs = """
        #version 150
        #extension GL_ARB_gpu_shader_fp64 : require
        uniform dvec3 a;
        uniform dmat3 m;
        uniform double s;
        out vec4 color;
        void main() {
            dvec3 r = m * a + s;
            r = floor(r) + sqrt(abs(r)) - mod(r, 2.0LF);
            color = vec4(r, float(determinant(m) < s));
        }
        """

    /// virglrenderer packs `.xy` of each D* source (applying the source's swizzle twice) and writes `.xy` (or `.x`
    /// for comparisons and D2F/D2I/D2U) of the destination: every source is a temporary read whole or `.xyxy`.
    func testDoubleInstructionsReadAndWriteXY() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fs).get()
        let text = p.fragment.text
        let lines = text.split(separator: "\n").map { $0.drop { $0 == " " || $0.isNumber || $0 == ":" } }
        let doubleOps = ["DADD", "DMUL", "DMAD", "DDIV", "DNEG", "DABS", "DFRAC", "DRSQ", "DRCP", "DMIN", "DMAX", "DSLT", "DSGE", "DSEQ", "DSNE", "D2F", "D2I", "D2U"]
        var seen = Set<String>()
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let op = parts.first.map(String.init), doubleOps.contains(op), parts.count == 2 else { continue }
            seen.insert(op)
            let operands = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let narrow = ["DSLT", "DSGE", "DSEQ", "DSNE", "D2F", "D2I", "D2U"].contains(op)
            XCTAssertTrue(operands[0].hasPrefix("TEMP[") && operands[0].hasSuffix(narrow ? "].x" : "].xy"), String(line))
            for source in operands.dropFirst() {
                XCTAssertTrue(source.range(of: #"^TEMP\[\d+\](\.xyxy)?$"#, options: .regularExpression) != nil, String(line))
            }
        }
        XCTAssertTrue(seen.isSuperset(of: ["DADD", "DMUL", "DMAD", "DDIV", "DFRAC", "DRSQ", "DRCP", "DSLT", "D2F"]), "\(seen)\n\(text)")
        // No DSQRT: virglrenderer writes it as sqrt(vec4(double)), which does not compile.
        XCTAssertFalse(text.contains("DSQRT"), text)
    }

    /// A dvec3 uniform takes two slots, a dmat3 six, a double one: the GL side writes them where the shader reads.
    func testDoubleUniformSlots() throws {
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: Self.fs).get()
        let byName = Dictionary(uniqueKeysWithValues: p.locations.map { ($0.name, $0) })
        XCTAssertEqual(byName["a"]?.kind, .double)
        XCTAssertEqual(byName["m"]?.columns, 3)
        XCTAssertEqual(p.constantSlots, 2 + 6 + 1)
    }

    /// Double fragment inputs must be flat, block members included (glslang lets those through).
    func testDoubleFragmentInputsMustBeFlat() {
        let bad = """
            #version 150
            #extension GL_ARB_gpu_shader_fp64 : require
            in IB { dvec2 v; };
            out vec4 color;
            void main() { color = vec4(v.x); }
            """
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, bad).ok)
        let good = bad.replacingOccurrences(of: "in IB { dvec2 v; }", with: "in IB { flat dvec2 v; }")
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, good).ok, GLSLFrontEnd.compile(.fragment, good).log)
    }

    /// A dvec4 vertex input takes one location and two inputs (the second reads bytes 16…31 of the attribute);
    /// an input glslang put on a location glBindAttribLocation gave another moves to free ones.
    func testDoubleVertexInputs() throws {
        let vs = """
            #version 150
            #extension GL_ARB_gpu_shader_fp64 : require
            #extension GL_ARB_vertex_attrib_64bit : require
            in vec4 position;
            in dvec4 value;
            in dmat2 m;
            flat out int ok;
            void main() { gl_Position = position; ok = value.w == m[1][1] ? 1 : 0; }
            """
        let fs = """
            #version 150
            flat in int ok;
            out vec4 color;
            void main() { color = vec4(ok); }
            """
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs, attributeBindings: ["position": 0]).get()
        let value = try XCTUnwrap(p.attributes["value"]), m = try XCTUnwrap(p.attributes["m"])
        XCTAssertEqual(p.attributes["position"], 0)
        let used = [0, value, m, m + 1]
        XCTAssertEqual(Set(used).count, 4, "\(p.attributes)")
        let pairs = zip(p.vertex.inputLocations, p.vertex.inputParts).map { [$0, $1] }
        XCTAssertEqual(pairs.filter { $0[0] == value }, [[value, 0], [value, 1]])
        XCTAssertEqual(pairs.filter { $0[0] == m || $0[0] == m + 1 }, [[m, 0], [m + 1, 0]])
    }
}
