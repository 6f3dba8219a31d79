import Foundation
@testable import ShaderCompiler
import XCTest

/// GL_EXT_shader_framebuffer_fetch (GLSLFramebufferFetch, TGSITranslator+FramebufferFetch): the source rewrite,
/// and the FBFETCH of each fetched output register at main's start.
final class FramebufferFetchTranslationTests: XCTestCase {
    /// `inout` becomes `out` plus a global the translator fills, copied into the output at main's start; the
    /// lines stay where they were.
    func testSourceRewrite() {
        var lines = ["layout(noncoherent) inout mediump vec4 fcolor[4];", "layout(location = 1) inout ivec4 i;", "void main()", "{", "}"]
        XCTAssertEqual(GLSLFramebufferFetch.rewrite(&lines), "")
        XCTAssertEqual(lines, [
            "out mediump vec4 fcolor[4]; mediump vec4 virglgl_LastFrag_fcolor[4];",
            "layout(location = 1) out ivec4 i; ivec4 virglgl_LastFrag_i;",
            "void main()",
            "{ fcolor = virglgl_LastFrag_fcolor; i = virglgl_LastFrag_i;",
            "}",
        ])
        var es = ["lowp vec4 gl_LastFragData[gl_MaxDrawBuffers];", "void main() { gl_FragData[0] = gl_LastFragData[0]; }"]
        XCTAssertEqual(GLSLFramebufferFetch.rewrite(&es), "vec4 virglgl_LastFrag_gl_FragData[gl_MaxDrawBuffers];\n")
        XCTAssertEqual(es, ["", "void main() { gl_FragData[0] = virglgl_LastFrag_gl_FragData[0]; }"])
    }

    /// Each register of an `inout` array is fetched once, before the shader's own code, and the lone output at
    /// location 0 does not claim every colour buffer (virglrenderer would declare those `out`).
    func testFetchOfAnOutputArray() throws {
        let fs = """
            #version 300 es
            #extension GL_EXT_shader_framebuffer_fetch : enable
            inout mediump vec4 fcolor[2];
            void main() { fcolor[1] += fcolor[0]; }
            """
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fs).get()
        let text = p.fragment.text
        let code = text.split(separator: "\n").filter { $0.contains(": ") }.map { String($0.split(separator: ":", maxSplits: 1)[1]) }
        XCTAssertEqual(code.prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }, ["FBFETCH TEMP[0], OUT[0]", "FBFETCH TEMP[1], OUT[1]"], text)
        XCTAssertEqual(code.filter { $0.contains("FBFETCH") }.count, 2, text)
        XCTAssertFalse(text.contains("FS_COLOR0_WRITES_ALL_CBUFS"), text)
    }

    /// GLSL ES 3.10 sources stay ES for glslang: the same rewrite, with the output's precision on the global.
    func testES31Source() throws {
        let vs = """
            #version 310 es
            void main() { gl_Position = vec4(0.0); }
            """
        let fs = """
            #version 310 es
            #extension GL_EXT_shader_framebuffer_fetch : require
            #ifdef GL_EXT_shader_framebuffer_fetch
            layout(location = 0) inout highp ivec4 color;
            #endif
            void main() { color.x += 1; }
            """
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertTrue(p.fragment.text.contains("FBFETCH TEMP[0], OUT[0]"), p.fragment.text)
    }

    func testNoFetchWithoutTheExtension() throws {
        let fs = """
            #version 300 es
            inout mediump vec4 fcolor;
            void main() { fcolor = vec4(1.0); }
            """
        XCTAssertThrowsError(try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fs).get())
    }
}
