@testable import ShaderCompiler
import XCTest

/// GLSL 1.x sources that real programs (and piglit's quick_gl) use: `layout` under an extension in 1.10, a
/// program variable named `texture`, the transposed and inverted matrices; and the geometry shader's invocation
/// count limit.
final class LegacySourceFixesTests: XCTestCase {
    func testLayoutIsAKeywordUnderAnExtensionThatBringsIt() {
        let source = "#extension GL_ARB_explicit_attrib_location: require\nlayout(location = 0) in vec4 vertex;\nvoid main() { gl_Position = vertex; }\n"
        XCTAssertFalse(GLSLVersionLowering.lower(source, stage: .vertex).contains("virglgl_layout"))
        let compiled = GLSLFrontEnd.compile(.vertex, source)
        XCTAssertTrue(compiled.ok, compiled.log)
        // Without the extension `layout` is an ordinary identifier in GLSL 1.10.
        let plain = "float layout;\nvoid main() { layout = 1.0; gl_Position = vec4(layout); }\n"
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, plain).ok)
    }

    func testAVariableNamedTextureKeepsItsNameAndTheTextureFunctionsWork() {
        let source = "uniform sampler2D texture;\nvarying vec2 coord;\nvoid main() { gl_FragColor = texture2D(texture, coord) + texture2D(texture, coord, 1.0); }\n"
        let lowered = GLSLVersionLowering.lower(source, stage: .fragment)
        XCTAssertTrue(lowered.contains("uniform sampler2D texture;"), lowered)
        XCTAssertTrue(lowered.contains("vec4 virglgl_texture2D(sampler2D s, vec2 p, float b)"), lowered)
        let compiled = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertTrue(compiled.ok, compiled.log)
    }

    func testTransposedAndInvertedMatrices() {
        let source = "void main() { gl_Position = gl_ModelViewProjectionMatrixTranspose * gl_Vertex + gl_ModelViewMatrixInverse[0] + gl_ProjectionMatrixInverseTranspose[1]; }\n"
        let lowered = GLSLVersionLowering.lower(source, stage: .vertex)
        XCTAssertTrue(lowered.contains("#define gl_ModelViewProjectionMatrixTranspose (transpose(virglgl_ModelViewProjectionMatrix))"), lowered)
        XCTAssertTrue(lowered.contains("#define gl_ProjectionMatrixInverseTranspose (transpose(inverse(virglgl_ProjectionMatrix)))"), lowered)
        let compiled = GLSLFrontEnd.compile(.vertex, source)
        XCTAssertTrue(compiled.ok, compiled.log)
    }

    func testGeometryInvocationsPastTheLimitDoNotCompile() {
        func gs(_ n: Int) -> String {
            "#version 150\n#extension GL_ARB_gpu_shader5 : require\nlayout(triangles, invocations = \(n)) in;\nlayout(triangle_strip, max_vertices = 3) out;\nvoid main() { gl_Position = gl_in[0].gl_Position; EmitVertex(); }\n"
        }
        XCTAssertTrue(GLSLFrontEnd.compile(.geometry, gs(32)).ok)
        let over = GLSLFrontEnd.compile(.geometry, gs(33))
        XCTAssertFalse(over.ok)
        XCTAssertTrue(over.log.contains("gl_MaxGeometryShaderInvocations"), over.log)
    }

    /// More separate varyings than the host's 64 registers: a link error, not a shader the host refuses (which
    /// loses the context).
    func testVaryingsPastTheHostRegisterLimitFailToLink() {
        let n = 70
        let decls = (0..<n).map { "v\($0)" }
        let vs = "#version 330 core\n" + decls.map { "out float \($0);" }.joined(separator: "\n")
            + "\nvoid main() {\n" + decls.enumerated().map { "  \($0.element) = \(Float($0.offset));" }.joined(separator: "\n") + "\n  gl_Position = vec4(0.0);\n}\n"
        let fs = "#version 330 core\n" + decls.map { "in float \($0);" }.joined(separator: "\n")
            + "\nout vec4 c;\nvoid main() { c = vec4(" + decls.joined(separator: " + ") + "); }\n"
        switch ProgramCompiler.link(vertex: vs, fragment: fs) {
        case .success: XCTFail("linked with \(n) separate varyings")
        case .failure(let e): XCTAssertTrue(e.description.contains("registers"), e.description)
        }
        XCTAssertEqual(ProgramCompiler.declaredRegisters("DCL OUT[0], POSITION\nDCL OUT[1..3], GENERIC[0]\nDCL OUT[5], GENERIC[9]\n", "OUT"), 5)
    }

    func testClipAndCullDistancesPastTheCombinedLimitDoNotCompile() {
        func vs(_ clip: Int, _ cull: Int) -> String {
            "#version 130\n#extension GL_ARB_cull_distance: enable\nout float gl_CullDistance[\(cull)];\nout float gl_ClipDistance[\(clip)];\nvoid main() { gl_Position = gl_Vertex; }\n"
        }
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, vs(4, 4)).ok)
        let over = GLSLFrontEnd.compile(.vertex, vs(5, 5))
        XCTAssertFalse(over.ok)
        XCTAssertTrue(over.log.contains("gl_MaxCombinedClipAndCullDistances"), over.log)
    }
}
