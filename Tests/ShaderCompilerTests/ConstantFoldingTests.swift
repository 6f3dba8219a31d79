@testable import ShaderCompiler
import XCTest

/// Built-in calls in constant expressions, folded before glslang (GLSLConstantFolding, GLSLConstantExpression).
final class ConstantFoldingTests: XCTestCase {
    private func value(_ expression: String) -> GLSLConstantValue? { GLSLConstantExpression().evaluate(expression) }

    /// A fragment shader that compiles only when `condition` is a constant expression that is true.
    private func staticAssert(_ condition: String, version: String = "#version 150\n#extension GL_ARB_gpu_shader5 : enable\n#extension GL_ARB_gpu_shader_fp64 : enable") -> (ok: Bool, log: String) {
        let source = """
            \(version)
            #define STATIC_ASSERT(cond) { float array[(cond) ? 1 : -1]; }
            out vec4 color;
            void main() {
                color = vec4(0.0, 1.0, 0.0, 1.0);
                STATIC_ASSERT(\(condition));
            }
            """
        return GLSLFrontEnd.compile(.fragment, source)
    }

    func testIntegerBuiltinsFoldWithGLSLSemantics() {
        XCTAssertEqual(value("bitCount(ivec4(-1, -2, 783, 0))"), GLSLConstantValue(.int, [32, 31, 6, 0]))
        XCTAssertEqual(value("bitfieldExtract(ivec4(1, 3, 983040, 61440), 0, 1)"), GLSLConstantValue(.int, [-1, -1, 0, 0]))
        XCTAssertEqual(value("bitfieldExtract(ivec2(983040, 114688), 16, 4)"), GLSLConstantValue(.int, [-1, 1]))
        XCTAssertEqual(value("bitfieldExtract(0x000F0000u, 16, 4)"), GLSLConstantValue(.uint, [15]))
        XCTAssertEqual(value("bitfieldInsert(983055, 9, 16, 4)"), GLSLConstantValue(.int, [589839]))
        XCTAssertEqual(value("bitfieldReverse(1u)"), GLSLConstantValue(.uint, [2147483648]))
        XCTAssertEqual(value("bitfieldReverse(1)"), GLSLConstantValue(.int, [-2147483648]))
        XCTAssertEqual(value("findLSB(ivec3(0, 8, -2147483648))"), GLSLConstantValue(.int, [-1, 3, 31]))
        XCTAssertEqual(value("findMSB(ivec4(-1, 0, -0x40000000, 0x80000000))"), GLSLConstantValue(.int, [-1, -1, 29, 30]))
        XCTAssertEqual(value("findMSB(0xFFFFFFFFu)"), GLSLConstantValue(.int, [31]))
        XCTAssertEqual(value("2147483647 + 1"), GLSLConstantValue(.int, [-2147483648]), "int arithmetic wraps")
        XCTAssertEqual(value("0u - 1u"), GLSLConstantValue(.uint, [4294967295]))
        XCTAssertEqual(value("-7 / 2"), GLSLConstantValue(.int, [-3]))
        XCTAssertEqual(value("-8 >> 1"), GLSLConstantValue(.int, [-4]), "an int shifts arithmetically")
        XCTAssertNil(value("bitfieldExtract(1, 30, 4)"), "past bit 31 is undefined")
        XCTAssertNil(value("1 / 0"))
        XCTAssertNil(value("bitCount(1.5)"), "bitCount takes integers only")
    }

    func testFloatBuiltinsFoldInSinglePrecision() {
        XCTAssertEqual(value("int(degrees(3.1415926535))"), GLSLConstantValue(.int, [180]))
        XCTAssertEqual(value("fma(vec2(2.0, 0.0), vec2(2.0, -1.0), vec2(3.0, -1.0))"), GLSLConstantValue(.float, [7, -1]))
        XCTAssertEqual(value("floatBitsToInt(ldexp(0.98, -1))"), value("floatBitsToInt(0.49)"))
        XCTAssertEqual(value("floatBitsToInt(ldexp(vec2(1.1754944e-38, -1.1754944e-38), ivec2(-1)))"),
                       GLSLConstantValue(.int, [0, -2147483648]), "a denormal single result flushes to a signed zero")
        XCTAssertNil(value("ldexp(1.0, 200)"), "an overflow has no value")
        XCTAssertEqual(value("packDouble2x32(uvec2(0, 1073217536))"), GLSLConstantValue(.double, [1.5]))
        XCTAssertEqual(value("unpackDouble2x32(1.5lf)"), GLSLConstantValue(.uint, [0, 1073217536]))
        XCTAssertEqual(value("vec3(1.0, 2.0, 3.0).zx"), GLSLConstantValue(.float, [3, 1]))
        XCTAssertNil(value("sqrt(-1.0)"))
        XCTAssertNil(value("u + 1"), "an identifier that is no known constant is not constant")
    }

    func testArraySizesUsingBuiltinsCompile() {
        for condition in ["ivec4(6, 6, 3, 5) == bitCount(uvec4(783u, 111u, 385u, 484u))",
                          "ivec4(-1, 0, 1, 3) == bitfieldExtract(ivec4(983040, 61440, 114688, 229376), 16, 4)",
                          "vec4(-1.0, 0.0, -4.0, 1.0) == fma(vec4(0.0, -1.0, 2.0, 2.0), vec4(1.0, 1.0, -2.0, 2.0), vec4(-1.0, 1.0, 0.0, -3.0))",
                          "dvec2(4.0, 7.0) == fma(dvec2(2.0), dvec2(2.0), dvec2(0.0, 3.0))",
                          "packDouble2x32(uvec2(0, 1073217536)) == 1.5lf",
                          "ivec2(30, 0) == findMSB(ivec2(-2147483648, 1))"] {
            let (ok, log) = staticAssert(condition)
            XCTAssertTrue(ok, "\(condition): \(log)")
        }
    }

    func testFalseStaticAssertionsStillFail() {
        for condition in ["ivec4(6, 6, 3, 4) == bitCount(uvec4(783u, 111u, 385u, 484u))",
                          "vec2(5.0, 7.0) == fma(vec2(2.0), vec2(2.0), vec2(0.0, 3.0))",
                          "unpackDouble2x32(1.5lf) == uvec2(1, 1073217536)"] {
            XCTAssertFalse(staticAssert(condition).ok, condition)
        }
    }

    func testConstInitializersHoldTheSinglePrecisionValue() {
        let source = "#version 120\nvoid main() {\n const int x = int(degrees(3.1415926535));\n gl_FragColor = vec4(float(x));\n}\n"
        let folded = GLSLConstantFolding.fold(source, .fragment)
        XCTAssertTrue(folded.contains("const int x = 180;"), folded)
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, source).ok)
        let mismatch = "#version 120\nvoid main() {\n const int x = degrees(3.0);\n gl_FragColor = vec4(float(x));\n}\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, mismatch).ok, "a float initializer of an int stays an error")
    }

    func testShadowedBuiltinsAndUniformsAreNotFolded() {
        let own = "#version 150\nint bitCount(int x) { return 2; }\nout vec4 c;\nvoid main() { float a[bitCount(1)]; c = vec4(a.length()); }\n"
        XCTAssertEqual(GLSLConstantFolding.fold(own, .fragment), own)
        let uniform = "#version 150\n#extension GL_ARB_gpu_shader5 : enable\nuniform int u;\nout vec4 c;\nvoid main() { float a[bitCount(u)]; c = vec4(1.0); }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, uniform).ok, "a uniform is no constant expression")
    }

    func testBranchesOfConstantConditionsAreDropped() {
        let fragment = """
            #version 120
            void missing();
            void main() {
                gl_FragColor = vec4(1.0, 0.0, 0.0, 0.0);
                if (false)
                    missing();
                else if (exp2(1.0) != 2.0) {
                    missing();
                } else if (sqrt(4.0) == 2.0)
                    gl_FragColor = vec4(0.0, 1.0, 0.0, 0.0);
                else
                    missing();
            }
            """
        let folded = GLSLConstantFolding.fold(fragment, .fragment)
        XCTAssertEqual(folded.components(separatedBy: "missing();").count, 2, "only the declaration is left: \(folded)")
        XCTAssertEqual(folded.filter { $0 == "\n" }.count, fragment.filter { $0 == "\n" }.count, "lines keep their numbers")
        if case .failure(let e) = GLSLFrontEnd.link(vertex: "#version 120\nvoid main() { gl_Position = vec4(0.0); }\n", fragment: fragment) { XCTFail("\(e)") }
        let live = "#version 120\nuniform float u;\nvoid missing();\nvoid main() { if (sqrt(u) > 1.0) missing(); gl_FragColor = vec4(0.0); }\n"
        guard case .failure = GLSLFrontEnd.link(vertex: "#version 120\nvoid main() { gl_Position = vec4(0.0); }\n", fragment: live) else {
            return XCTFail("a call that may run still needs its definition")
        }
    }
}
