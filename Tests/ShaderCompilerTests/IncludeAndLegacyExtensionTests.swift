@testable import ShaderCompiler
import XCTest

/// GL_ARB_shading_language_include's `#include` expansion (tree locations, search points, errors, guards) and the
/// source-level extensions GL_EXT_gpu_shader4, GL_AMD_texture_texture4 and GL_ARB_shader_clock.
final class IncludeAndLegacyExtensionTests: XCTestCase {
    let header = "#version 150\n#extension GL_ARB_shading_language_include : require\n"

    /// A lookup over `strings` (tree location → string): locations above a string exist without one.
    func lookup(_ strings: [String: String]) -> (String) -> GLSLIncludeExpansion.Entry {
        { location in
            if let s = strings[location] { return .string(s) }
            return strings.keys.contains { $0.hasPrefix(location == "/" ? "/" : location + "/") } ? .location : .absent
        }
    }

    func expand(_ body: String, _ strings: [String: String], paths: [String] = []) -> Result<String, ShaderError> {
        GLSLIncludeExpansion.expand(header + body, searchPaths: paths, lookup: lookup(strings))
    }

    func testPathsAndTreeLocations() {
        XCTAssertTrue(GLSLIncludeExpansion.isValidPath("/a b/]^. _A-Za-z0-9+*%[(){}|&~=!:;,?-]+/x.h"))
        for bad in ["", "/a//b", "/a/", "/a\"b", "/a<b", "/a\tb", "/a\\b"] {
            XCTAssertFalse(GLSLIncludeExpansion.isValidPath(bad), bad)
        }
        XCTAssertTrue(GLSLIncludeExpansion.isValidPath("/a/", searchPath: true), "a search path may end with '/'")
        XCTAssertEqual(GLSLIncludeExpansion.treeLocation("/a/./b/../c"), "/a/c")
        XCTAssertEqual(GLSLIncludeExpansion.treeLocation("/../../a"), "/a", ".. stays at the root")
        XCTAssertEqual(GLSLIncludeExpansion.treeLocation("c/d", from: "/a/b"), "/a/b/c/d")
    }

    func testAbsoluteNestedAndMacros() throws {
        let strings = ["/lib/s.h": "struct S { float f; };\n#include \"/lib/t.h\"", "/lib/t.h": "#define TWICE(x) (2.0 * (x))"]
        let out = try expand("#include \"/lib/./x/../s.h\"\nvoid main() { S s; s.f = TWICE(1.0); }\n", strings).get()
        XCTAssertTrue(out.contains("struct S { float f; };\n#define TWICE(x) (2.0 * (x))\nvoid main()"), out)
        XCTAssertFalse(out.contains("#extension"), "glslang does not know the extension")
        XCTAssertFalse(out.contains("#include"))
    }

    func testSearchPointsAndQuotes() throws {
        let strings = ["/p/top.h": "#include \"c.h\"\n#include <c.h>", "/p/c.h": "P", "/q/c.h": "Q"]
        // <…> and "…" in the shader itself: the search points in order; "…" in an included string: its own
        // location first.
        let out = try expand("#include <top.h>\n", strings, paths: ["/q/", "/p"]).get()
        XCTAssertTrue(out.hasSuffix("P\nQ\n"), out)
        XCTAssertEqual(try expand("#include \"c.h\"\n", strings, paths: ["/p", "/q"]).get().split(separator: "\n").last, "P")
    }

    func testErrors() {
        func message(_ r: Result<String, ShaderError>) -> String? { if case .failure(let e) = r { return e.description } else { return nil } }
        XCTAssertNotNil(message(expand("#include \"/missing.h\"\n", [:])))
        XCTAssertNotNil(message(expand("#include \"/dir\"\n", ["/dir/x.h": "x"])), "a location without a string")
        XCTAssertNotNil(message(expand("#include \"/a//b\"\n", [:])), "an invalid path")
        XCTAssertNotNil(message(expand("#include \"rel.h\"\n", ["/rel.h": "x"])), "relative with no search points")
        XCTAssertNotNil(message(expand("#include /x.h\n", ["/x.h": "x"])), "not quoted")
        // The first search point where the path exists decides, even without a string there.
        XCTAssertNotNil(message(expand("#include <d>\n", ["/a/d/x": "x", "/b/d": "y"], paths: ["/a", "/b"])))
        XCTAssertNotNil(message(expand("#include \"/self.h\"\n", ["/self.h": "#include \"/self.h\""])), "unbounded recursion")
    }

    func testGuardsAndInactiveBlocks() throws {
        let strings = ["/g.h": "#ifndef G_H\n#define G_H\n#include \"/g.h\"\nint g;\n#endif"]
        let out = try expand("#include \"/g.h\"\n#include \"/g.h\"\n#if 0\n#include \"/nowhere.h\"\n#endif\n#ifdef NOPE\n#include \"/nowhere.h\"\n#endif\n", strings).get()
        // The guard stops the self-include (its block is known inactive the second time); the text is there three
        // times (the inner copy and the second include sit in inactive blocks glslang skips).
        XCTAssertEqual(out.components(separatedBy: "int g;").count, 4)
        XCTAssertTrue(out.contains("#include \"/nowhere.h\""), "an #if block's include is left to glslang, which skips it")
        XCTAssertEqual(try expand("#ifdef GL_ARB_shading_language_include\nvoid main() {}\n#endif\n", [:]).get(),
                       "#version 150\n#define VIRGLGL_ARB_shading_language_include 1\n#ifdef VIRGLGL_ARB_shading_language_include\nvoid main() {}\n#endif\n",
                       "the extension's macro under a name a shader may define")
        XCTAssertEqual(try GLSLIncludeExpansion.expand("#include \"/x\"\n", searchPaths: [], lookup: lookup([:])).get(), "#include \"/x\"\n",
                       "without the extension the source is left for glslang to reject")
    }

    func testExpandedShaderCompiles() {
        let source = header + "#include \"/colour.h\"\nout vec4 o;\nvoid main() { o = COLOUR; }\n"
        guard case .success(let text) = GLSLIncludeExpansion.expand(source, searchPaths: [], lookup: lookup(["/colour.h": "#define COLOUR vec4(0.0, 1.0, 0.0, 1.0)"])) else {
            return XCTFail("no expansion")
        }
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, text).ok)
    }

    func testGPUShader4CompilesAsGLSL130() throws {
        let fragment = """
            #version 120
            #extension GL_EXT_gpu_shader4 : require
            uniform unsigned int value;
            uniform sampler2DArray layers;
            void main() {
                unsigned int r = (value << 16) | (value >> 16);
                gl_FragColor = texture2DArray(layers, vec3(0.5)) * float(r & 1u);
            }
            """
        let r = GLSLFrontEnd.compile(.fragment, fragment)
        XCTAssertTrue(r.ok, r.log)
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, fragment.replacingOccurrences(of: "#extension GL_EXT_gpu_shader4 : require\n", with: "")).ok,
                       "unsigned int is the extension's")
    }

    func testTexture4IsAGather() throws {
        let p = try ProgramCompiler.link(vertex: "void main() { gl_Position = gl_Vertex; }\n", fragment: """
            #extension GL_AMD_texture_texture4 : require
            uniform sampler2D tex;
            void main() { gl_FragColor = texture4(tex, vec2(0.5)); }
            """).get()
        XCTAssertTrue(p.fragment.text.contains("TG4"), p.fragment.text)
    }

    func testClock2x32IsTGSIClock() throws {
        let p = try ProgramCompiler.linkCompute(["""
            #version 430
            #extension GL_ARB_shader_clock : require
            layout(local_size_x = 1) in;
            layout(std430, binding = 0) buffer B { uvec2 t[]; };
            void main() { t[gl_WorkGroupID.x] = clock2x32ARB(); }
            """]).get()
        let text = try XCTUnwrap(p.compute).shader.text
        XCTAssertTrue(text.contains("CLOCK TEMP["), text)
    }
}
