@testable import ShaderCompiler
import XCTest

/// Input-primitive and patch-size layouts declared in one unit of a stage (GLSLStageLayouts).
final class StageLayoutTests: XCTestCase {
    let vertex = "#version 150\nin int value;\nflat out int v;\nvoid main() { v = value; gl_Position = vec4(0.0); }\n"
    let fragment = "#version 150\nout vec4 color;\nvoid main() { color = vec4(1.0); }\n"

    func testGeometryInputsTakeTheLayoutOfAnotherUnit() {
        let main = "#version 150\nlayout(triangles) in;\nlayout(triangle_strip, max_vertices = 3) out;\nvoid emit();\nvoid main() { emit(); }\n"
        let other = "#version 150\nflat in int v[];\nvoid emit() { gl_Position = vec4(float(v[1])); EmitVertex(); }\n"
        XCTAssertTrue(GLSLStageLayouts.share([main, other], .geometry)[1].contains("layout(triangles) in;"))
        if case .failure(let e) = GLSLFrontEnd.link([.vertex: [vertex], .geometry: [main, other], .fragment: [fragment]]) { XCTFail("\(e)") }
    }

    func testPatchSizeOfAnotherUnitSizesGlOut() {
        let main = "#version 150\n#extension GL_ARB_tessellation_shader : require\nlayout(vertices = 3) out;\nvoid f();\nvoid main() { gl_TessLevelOuter = float[4](1.0, 1.0, 1.0, 0.0); f(); }\n"
        let other = "#version 150\n#extension GL_ARB_tessellation_shader : require\nvoid f() { gl_out[gl_InvocationID].gl_Position = vec4(0.0); }\n"
        XCTAssertTrue(GLSLFrontEnd.compile(.tessControl, other).ok, "the patch size may come from another unit")
        let tes = "#version 150\n#extension GL_ARB_tessellation_shader : require\nlayout(triangles) in;\nvoid main() { gl_Position = vec4(0.0); }\n"
        if case .failure(let e) = GLSLFrontEnd.link([.vertex: [vertex], .tessControl: [main, other], .tessEvaluation: [tes], .fragment: [fragment]]) { XCTFail("\(e)") }
        let broken = "#version 150\n#extension GL_ARB_tessellation_shader : require\nvoid f() { gl_out[gl_InvocationID].gl_Position = undeclared; }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.tessControl, broken).ok)
    }
}
