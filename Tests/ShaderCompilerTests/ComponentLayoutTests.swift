@testable import ShaderCompiler
import XCTest

/// GL_ARB_enhanced_layouts in the translator and linker: varyings in components of one location share its
/// register, block members' locations place their registers, aliasing errors wait for the link.
final class ComponentLayoutTests: XCTestCase {
    static let standInVS = "#version 150\nvoid main() {}\n"
    static let standInFS = "#version 150\nvoid main() {}\n"
    static let header = "#version 150\n#extension GL_ARB_enhanced_layouts : require\n#extension GL_ARB_separate_shader_objects : require\n"

    /// The `DCL` lines of `text` naming GENERIC semantics.
    func genericDeclarations(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("DCL") && $0.contains("GENERIC") }
    }

    /// A separable stage's vec2 outputs in components 0 and 2 of location 1: one GENERIC[1] register, written
    /// through .xy and .zw.
    func testComponentsOfOneLocationShareARegister() throws {
        let vs = Self.header + """
            layout(location = 1) out vec2 a;
            layout(location = 1, component = 2) out vec2 b;
            void main() { gl_Position = vec4(0.0); a = vec2(1.0, 2.0); b = vec2(3.0, 4.0); }
            """
        let p = try ProgramCompiler.link(vertexUnits: [vs], fragmentUnits: [Self.standInFS], separableStages: [.vertex]).get()
        let declarations = genericDeclarations(p.vertex.text)
        XCTAssertEqual(declarations.count, 1, p.vertex.text)
        guard let declaration = declarations.first, declaration.hasSuffix(", GENERIC[1]") else { return XCTFail(p.vertex.text) }
        let register = declaration.dropFirst(4).prefix { $0 != "," }  // OUT[n]
        XCTAssertTrue(p.vertex.text.contains("MOV \(register).xy,"), p.vertex.text)
        XCTAssertTrue(p.vertex.text.contains("MOV \(register).zw,"), p.vertex.text)
        let fs = Self.header + """
            layout(location = 1, component = 2) in vec2 b;
            layout(location = 1) in vec2 a;
            out vec4 color;
            void main() { color = vec4(a, b); }
            """
        let f = try ProgramCompiler.link(vertexUnits: [Self.standInVS], fragmentUnits: [fs], separableStages: [.fragment]).get()
        XCTAssertEqual(genericDeclarations(f.fragment.text).count, 1, f.fragment.text)
    }

    /// An output block whose members carry locations: each member's register takes its own location.
    func testBlockMemberLocationsPlaceRegisters() throws {
        let vs = Self.header + """
            layout(location = 0) out Block {
                layout(location = 1) vec4 second;
                layout(location = 0) vec4 first;
            } block;
            void main() { gl_Position = vec4(0.0); block.first = vec4(1.0); block.second = vec4(2.0); }
            """
        let p = try ProgramCompiler.link(vertexUnits: [vs], fragmentUnits: [Self.standInFS], separableStages: [.vertex]).get()
        // Registers in member order (second, first), semantics by the members' locations.
        XCTAssertEqual(genericDeclarations(p.vertex.text).map { $0.components(separatedBy: ", ")[1] }, ["GENERIC[1]", "GENERIC[0]"], p.vertex.text)
    }

    /// glslang's aliasing errors: the shader compiles (with them as warnings), the program does not link.
    func testAliasingErrorsWaitForTheLink() {
        let fs = Self.header + """
            layout(location = 0) out vec3 a;
            layout(location = 0, component = 1) out float b;
            void main() { a = vec3(0.0); b = 1.0; }
            """
        let compiled = GLSLFrontEnd.compile(.fragment, fs)
        XCTAssertTrue(compiled.ok, compiled.log)
        XCTAssertTrue(compiled.log.contains("WARNING:"), compiled.log)
        guard case .failure(let e) = ProgramCompiler.link(vertex: Self.standInVS, fragment: fs) else { return XCTFail("links") }
        XCTAssertTrue(e.description.contains("overlapping"), e.description)
        // Other errors still fail the compile.
        let broken = GLSLFrontEnd.compile(.fragment, fs.replacingOccurrences(of: "b = 1.0;", with: "b = undeclared;"))
        XCTAssertFalse(broken.ok, broken.log)
    }

    /// Aliased varyings of one stage need one numerical type (checked only for explicit locations).
    func testAliasesOfDifferentTypesFailTheLink() {
        let vs = Self.header + """
            layout(location = 7) flat out double a;
            layout(location = 7, component = 2) flat out float b;
            void main() { gl_Position = vec4(0.0); a = 1.0LF; b = 0.0; }
            """
        let fs = Self.header + """
            layout(location = 7) flat in double a;
            layout(location = 7, component = 2) flat in float b;
            out vec4 color;
            void main() { color = vec4(b, float(a), 0.0, 1.0); }
            """
        let vs400 = vs.replacingOccurrences(of: "#version 150", with: "#version 400")
        let fs400 = fs.replacingOccurrences(of: "#version 150", with: "#version 400")
        guard case .failure(let e) = ProgramCompiler.link(vertex: vs400, fragment: fs400) else { return XCTFail("links") }
        XCTAssertTrue(e.description.contains("share location 7"), e.description)
    }
}
