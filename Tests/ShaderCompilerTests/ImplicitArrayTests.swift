@testable import ShaderCompiler
import XCTest

/// `.length()` of implicitly sized arrays: their largest constant index plus one (GLSLImplicitArrays).
final class ImplicitArrayTests: XCTestCase {
    func testLengthIsTheLargestConstantIndexPlusOne() {
        let source = "#version 330\nout vec4 c;\nvoid main() {\n float a[];\n int n = a.length();\n a[4] = 3.0;\n c = vec4(float(n));\n}\n"
        let sized = GLSLImplicitArrays.size([source])[0]
        XCTAssertTrue(sized.contains("float a[5];"), sized)
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, source).ok)
    }

    func testTheSizeSpansTheUnitsOfAStage() {
        let main = "#version 330\nout vec4 c;\nfloat a[];\nvoid foo();\nvoid main() { foo(); c = vec4(float(a.length())); }\n"
        let other = "#version 330\nfloat a[];\nvoid foo() { a[4] = 3.0; a[2] = 1.0; }\n"
        let sized = GLSLImplicitArrays.size([main, other])
        XCTAssertTrue(sized[0].contains("float a[5];") && sized[1].contains("float a[5];"), "\(sized)")
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, main).ok)
        if case .failure(let e) = GLSLFrontEnd.link([.vertex: ["#version 330\nvoid main() { gl_Position = vec4(0.0); }\n"], .fragment: [main, other]]) { XCTFail("\(e)") }
    }

    func testBlockMembersAndInterfaceArraysAreLeftAlone() {
        let block = "#version 430\nbuffer B { float last[]; };\nout vec4 c;\nvoid main() { c = vec4(float(last.length())); }\n"
        XCTAssertEqual(GLSLImplicitArrays.size([block])[0], block)
        let input = "#version 150\nlayout(triangles) in;\nlayout(points, max_vertices = 1) out;\nin float v[];\nvoid main() { gl_Position = vec4(float(v.length()) + v[0]); EmitVertex(); }\n"
        XCTAssertEqual(GLSLImplicitArrays.size([input])[0], input)
    }

    /// An initializer sizes the array (GLSL 4.30 §4.1.9): it is not resized, and `length()` is the initializer's.
    func testArraysSizedByTheirInitializerAreLeftAlone() {
        let source = "#version 150\nconst int layers[] = int[](-1, 4, 2048);\nout vec4 c;\n"
            + "void main() { int s = 0; for (int i = 0; i < layers.length(); i++) s += layers[i]; c = vec4(float(s)); }\n"
        XCTAssertEqual(GLSLImplicitArrays.size([source])[0], source)
        let compiled = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertTrue(compiled.ok, compiled.log)
    }
}
