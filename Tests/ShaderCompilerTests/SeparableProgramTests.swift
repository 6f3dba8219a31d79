@testable import ShaderCompiler
import XCTest

/// Separable programs: the varyings of a program linked alone take GENERIC slots that another separable program
/// declaring the same interface agrees on (explicit locations, then the others in name order).
final class SeparableProgramTests: XCTestCase {
    static let standInVS = "#version 150\nvoid main() {}\n"
    static let standInFS = "#version 150\nvoid main() {}\n"

    /// The `DCL` lines of `text` naming GENERIC semantics.
    func genericDeclarations(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("DCL") && $0.contains("GENERIC") }
    }

    func testSeparatelyLinkedStagesAgreeOnSlots() throws {
        let vs = """
            #version 330
            #extension GL_ARB_separate_shader_objects : require
            out vec4 zeta;
            layout(location = 2) out vec4 located;
            out vec2 alpha;
            void main() { gl_Position = vec4(0.0); zeta = vec4(1.0); located = vec4(2.0); alpha = vec2(3.0); }
            """
        let fs = """
            #version 330
            #extension GL_ARB_separate_shader_objects : require
            in vec2 alpha;
            in vec4 zeta;
            layout(location = 2) in vec4 other; // matched by location, not name
            out vec4 o;
            void main() { o = zeta + other + alpha.xyxy; }
            """
        let vp = try ProgramCompiler.link(vertexUnits: [vs], fragmentUnits: [Self.standInFS], separableStages: [.vertex]).get()
        let fp = try ProgramCompiler.link(vertexUnits: [Self.standInVS], fragmentUnits: [fs], separableStages: [.fragment]).get()
        // located: its location; then alpha and zeta by name after it.
        XCTAssertEqual(Set(genericDeclarations(vp.vertex.text).map { $0.components(separatedBy: "GENERIC")[1] }), ["[2]", "[3]", "[4]"])
        XCTAssertEqual(Set(genericDeclarations(fp.fragment.text).map { $0.components(separatedBy: "GENERIC")[1].prefix(3) }), ["[2]", "[3]", "[4]"])
        XCTAssertTrue(vp.vertex.text.contains("GENERIC[3]") && fp.fragment.text.contains("GENERIC[3]"))
    }

    func testExplicitLocationsAreReadFromTheSource() {
        let keys = ProgramCompiler.explicitVaryingKeys([
            """
            layout(location = 0) out vec4 a; // layout(location = 9) out vec4 commented;
            out vec4 b;
            layout(location = 1) flat out int c[2];
            layout(location = 3) out Block { vec4 m; } inst;
            layout(location = 5) in vec4 input;
            """,
        ], storage: "out")
        XCTAssertEqual(keys, ["a", "c", "block Block"])
    }

    func testReadingGlInWithoutRedeclaringPerVertexFailsInOneSeparableProgram() {
        let gs = """
            #version 150
            layout(points) in;
            layout(points, max_vertices = 1) out;
            void main() { gl_Position = gl_in[0].gl_Position; EmitVertex(); }
            """
        let vs = "#version 150\nvoid main() { gl_Position = vec4(0.0); }\n"
        let separable = ProgramCompiler.link(vertexUnits: [vs], geometryUnits: [gs], fragmentUnits: [Self.standInFS], separableStages: [.vertex, .geometry])
        XCTAssertThrowsError(try separable.get())
        XCTAssertNoThrow(try ProgramCompiler.link(vertexUnits: [vs], geometryUnits: [gs], fragmentUnits: [Self.standInFS]).get())
        XCTAssertNoThrow(try ProgramCompiler.link(
            vertexUnits: [Self.standInVS], geometryUnits: [gs], fragmentUnits: [Self.standInFS], separableStages: [.geometry]).get())
    }
}
