@testable import ShaderCompiler
import XCTest

/// A global declared in several shaders of one stage is one variable: its initializers must be constant and equal.
final class SharedGlobalTests: XCTestCase {
    let main = "void main() { gl_Position = vec4(g); }\n"

    func testEqualConstantInitializersLink() {
        XCTAssertNil(GLSLSharedGlobals.check(["float g = 1.0;\nvoid f() {}\n", "float g = 1.00;\n" + main], stage: "vertex"))
        XCTAssertNil(GLSLSharedGlobals.check(["const float k = 2.0;\nvec2 g = vec2(k, sin(1.0));\n", "const float k = 2.0;\nvec2 g = vec2(k, sin(1.0));\n" + main], stage: "vertex"))
        XCTAssertNil(GLSLSharedGlobals.check(["float g;\n", "float g = 3.0;\n" + main], stage: "vertex"), "one initializer is allowed")
    }

    func testDifferingOrNonConstantInitializersFail() {
        XCTAssertNotNil(GLSLSharedGlobals.check(["float g = 1.0;\n", "float g = 2.0;\n" + main], stage: "vertex"))
        let expression = "uniform float a;\nfloat g = sin(a) * 2.0;\n"
        XCTAssertNotNil(GLSLSharedGlobals.check([expression, expression + main], stage: "vertex"))
        let call = "float h() { return 1.0; }\nfloat g = h();\n"
        XCTAssertNotNil(GLSLSharedGlobals.check([call, "float g = h();\n" + main], stage: "vertex"))
        // Layout qualifiers are not initializers.
        let layout = "layout(triangles) in;\nlayout(triangle_strip, max_vertices = 3) out;\n"
        XCTAssertNil(GLSLSharedGlobals.check([layout + "void f() {}\n", layout + main], stage: "geometry"))
        // Function bodies and uniforms are not shared globals.
        XCTAssertNil(GLSLSharedGlobals.check(["void f() { float g = 1.0; }\n", "uniform float u = 2.0;\nfloat g = 2.0;\n" + main], stage: "vertex"))
    }
}
