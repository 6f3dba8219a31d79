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
