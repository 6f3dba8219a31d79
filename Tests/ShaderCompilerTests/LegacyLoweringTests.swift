import ShaderCompiler
import XCTest

/// GLSL 1.10–1.50 through glslang's SPIR-V path: version raising, compatibility built-ins, texture functions.
final class LegacyLoweringTests: XCTestCase {
    func testVersionIsRaisedAndLineNumbersKept() {
        let source = "// a comment\n#version 140\nout vec4 c;\nvoid main() { c = vec4(1); undefined_thing; }\n"
        XCTAssertEqual(GLSLVersionLowering.declaredVersion(source).version, 140)
        let lowered = GLSLVersionLowering.lower(source, stage: .fragment)
        XCTAssertTrue(lowered.contains("#version 330 core"))
        let (ok, log) = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertFalse(ok)
        XCTAssertTrue(log.contains("0:4"), "the error is reported on the program's own line 4: \(log)")
    }

    /// Later versions' keywords are names in GLSL 1.10 (and stay keywords from 1.20, where `mat4x2` is a type).
    func testLaterKeywordsAreIdentifiersInGLSL110() {
        let source = "void main() { float lowp = 1.0; float mat4x2 = 0.5; float flat = 0.25; gl_FragColor = vec4(lowp, mat4x2, flat, 1.0); }\n"
        let (ok, log) = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertTrue(ok, log)
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, "#version 120\n" + source).ok, "mat4x2 is a GLSL 1.20 type")
    }

    func testA330SourceIsLeftAlone() {
        let source = "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1); }\n"
        XCTAssertEqual(GLSLVersionLowering.lower(source, stage: .fragment), source)
    }

    /// Every compatibility built-in the lowering knows, used at once, compiles and links.
    func testEveryLegacyBuiltinCompilesAndLinks() {
        var uses = ["gl_Position = ftransform() + gl_ModelViewMatrix * gl_Vertex + gl_ProjectionMatrix * gl_Color;",
                    "gl_FrontColor = gl_SecondaryColor + vec4(gl_Normal * gl_NormalMatrix, gl_FogCoord);",
                    "gl_BackColor = gl_FrontColor; gl_FrontSecondaryColor = gl_Color; gl_BackSecondaryColor = gl_Color;",
                    "gl_FogFragCoord = 1.0; gl_ClipVertex = gl_Vertex;"]
        for i in 0..<8 { uses.append("gl_TexCoord[\(i)] = gl_TextureMatrix[\(i)] * gl_MultiTexCoord\(i);") }
        let vertex = "#version 110\nvoid main() {\n" + uses.joined(separator: "\n") + "\n}\n"
        let fragment = """
            #version 120
            uniform sampler2D s;
            uniform sampler2DShadow d;
            void main() { gl_FragColor = gl_Color + gl_SecondaryColor + gl_TexCoord[3] * gl_FogFragCoord
                + texture2D(s, gl_TexCoord[0].xy) + shadow2D(d, gl_TexCoord[1].xyz) + texture2DProj(s, gl_TexCoord[2]); }
            """
        let vs = GLSLFrontEnd.compile(.vertex, vertex), fs = GLSLFrontEnd.compile(.fragment, fragment)
        XCTAssertTrue(vs.ok, vs.log)
        XCTAssertTrue(fs.ok, fs.log)
        if case .failure(let e) = GLSLFrontEnd.link(vertex: vertex, fragment: fragment) { XCTFail("\(e)") }
    }

    /// A GLSL 1.30 redeclaration with an interpolation qualifier keeps its qualifier and gets no second declaration.
    func testRedeclaredBuiltinKeepsItsQualifier() {
        let vertex = "#version 130\nflat out vec4 gl_FrontColor;\nvoid main() { gl_Position = gl_Vertex; gl_FrontColor = gl_Color; }\n"
        let lowered = GLSLVersionLowering.lower(vertex, stage: .vertex)
        XCTAssertFalse(lowered.contains("\nout vec4 virglgl_FrontColor;"), lowered)
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, vertex).ok)
    }
}

/// GLSL ES 3.00 and 1.00 sources (GL_ARB_ES3_compatibility, GL_ARB_ES2_compatibility) compile as desktop GLSL.
final class ESSourceTests: XCTestCase {
    func testES300AndES100SourcesCompileAndLink() {
        let vs300 = "#version 300 es\nin vec4 p;\nout highp vec2 t;\nvoid main() { t = p.xy; gl_Position = p; }\n"
        let fs300 = "#version 300 es\nprecision mediump float;\nin highp vec2 t;\nlayout(location = 0) out vec4 c;\nuniform sampler2D s;\nvoid main() { c = texture(s, t); }\n"
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, vs300).ok, GLSLFrontEnd.compile(.vertex, vs300).log)
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, fs300).ok, GLSLFrontEnd.compile(.fragment, fs300).log)
        if case .failure(let e) = GLSLFrontEnd.link(vertex: vs300, fragment: fs300) { XCTFail("\(e)") }
        let vs100 = "#version 100\nattribute vec4 p;\nvarying mediump vec2 t;\nvoid main() { t = p.xy; gl_Position = p; }\n"
        let fs100 = "#version 100\nprecision mediump float;\nvarying vec2 t;\nuniform sampler2D s;\nvoid main() { gl_FragColor = texture2D(s, t); }\n"
        if case .failure(let e) = GLSLFrontEnd.link(vertex: vs100, fragment: fs100) { XCTFail("\(e)") }
    }
}
