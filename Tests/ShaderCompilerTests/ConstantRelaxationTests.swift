@testable import ShaderCompiler
import XCTest

/// `const` declarations whose built-in initializers glslang does not fold (GLSLConstantRelaxation).
final class ConstantRelaxationTests: XCTestCase {
    func testBuiltinCallsOfConstantsAreConstantExpressions() {
        let source = """
            #version 130
            out vec4 c;
            void main() {
                const mat2 m = mat2(1.0, 2.0, 4.0, 8.0);
                const mat2 t = transpose(m);
                const mat2 tt = transpose(t);
                const float h = cosh(1.0);
                c = vec4(tt[0], t[1].x, h);
            }
            """
        let (ok, log) = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertTrue(ok, log)
        if case .failure(let e) = GLSLFrontEnd.link(vertex: "#version 130\nvoid main() { gl_Position = vec4(0.0); }\n", fragment: source) { XCTFail("\(e)") }
    }

    func testNonConstantInitializersKeepTheirError() {
        let uniform = "#version 130\nuniform float u;\nout vec4 c;\nvoid main() { const float x = cosh(u); c = vec4(x); }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, uniform).ok, "a uniform is not a constant expression")
        let call = "#version 130\nfloat f() { return 1.0; }\nout vec4 c;\nvoid main() { const float x = cosh(f()); c = vec4(x); }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, call).ok, "a call of the shader's own function is not a constant expression")
    }
}
