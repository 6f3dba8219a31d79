@testable import ShaderCompiler
import XCTest

/// Link rules and translations checked on the compiler alone: the GLSL 1.10 gl_Position rule.
final class SpecRuleLinkTests: XCTestCase {
    let fragment = "void main() { gl_FragColor = gl_Color; }\n"

    /// GLSL 1.10 §7.1: a vertex shader must write gl_Position; GLSL 1.40 dropped the rule.
    func testLegacyVertexShaderMustWritePosition() {
        let silent = "void main() { gl_FrontColor = vec4(0.3); }\n"
        guard case .failure(let e) = ProgramCompiler.link(vertex: silent, fragment: fragment) else {
            return XCTFail("a GLSL 1.10 vertex shader without gl_Position must not link")
        }
        XCTAssertTrue(e.description.contains("gl_Position"), e.description)
        // A comment naming it is not a write.
        let commented = "// gl_Position\nvoid main() { gl_FrontColor = vec4(0.3); }\n"
        if case .success = ProgramCompiler.link(vertex: commented, fragment: fragment) { XCTFail("a comment is not a write") }
        let writes = "void main() { gl_FrontColor = vec4(0.3); gl_Position = gl_Vertex; }\n"
        if case .failure(let e) = ProgramCompiler.link(vertex: writes, fragment: fragment) { XCTFail(e.description) }
        let modern = "#version 140\nout vec4 c;\nvoid main() { c = vec4(0.3); }\n"
        let modernFragment = "#version 140\nin vec4 c;\nout vec4 o;\nvoid main() { o = c; }\n"
        if case .failure(let e) = ProgramCompiler.link(vertex: modern, fragment: modernFragment) { XCTFail("GLSL 1.40: \(e.description)") }
    }
}

/// GLSL §6.3: a do-while body is a scope of its own even when it is a simple statement.
final class DoWhileScopeTests: XCTestCase {
    func testSimpleBodyIsBraced() {
        let source = "void main() {\n int i = 1;\n do\n // a comment\n int i = (j++, 0);\n while (i <= 0);\n}\n"
        let out = GLSLDoWhileScope.braceSimpleBodies(source)
        XCTAssertTrue(out.contains("do{"), out)
        XCTAssertTrue(out.contains("int i = (j++, 0);}"), out)
        XCTAssertEqual(out.filter { $0 == "\n" }.count, source.filter { $0 == "\n" }.count, "lines are kept")
        // Compound and control-statement bodies, and identifiers containing `do`, are left alone.
        for kept in ["do { x++; } while (x < 3);", "do if (a) x++; while (x < 3);", "float done; done = 1.0;", "do x++; /* no while */ y++;"] {
            XCTAssertEqual(GLSLDoWhileScope.braceSimpleBodies(kept), kept)
        }
    }

    /// The loop compiles as the braced loop does (whose test reads the outer i), not as glslang scopes a simple body.
    func testSimpleBodyCompilesAsBracedBody() throws {
        let vertex = "#version 120\nvoid main() { gl_Position = gl_Vertex; }\n"
        func fragment(_ body: String) -> String {
            "#version 120\nvoid main() {\n int i = 17;\n int j = -2;\n do\n \(body)\n while (i <= 0 && j < 3);\n gl_FragColor = vec4(float(j));\n}\n"
        }
        let simple = try ProgramCompiler.link(vertex: vertex, fragment: fragment("int i = (j++, 0);")).get()
        let braced = try ProgramCompiler.link(vertex: vertex, fragment: fragment("{ int i = (j++, 0); }")).get()
        let innerTest = try ProgramCompiler.link(vertex: vertex, fragment: fragment("{ i = (j++, 0); }")).get()
        XCTAssertEqual(simple.fragment.text, braced.fragment.text)
        XCTAssertNotEqual(simple.fragment.text, innerTest.fragment.text)
    }
}
