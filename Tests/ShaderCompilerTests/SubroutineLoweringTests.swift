import ShaderCompiler
import XCTest

/// GL_ARB_shader_subroutine lowered to int uniforms and dispatcher functions (GLSLSubroutineLowering): what the
/// rewrite gives, what compiles and what must not, and the declarations the driver reports.
final class SubroutineLoweringTests: XCTestCase {
    static let header = "#version 150\n#extension GL_ARB_shader_subroutine : require\n"

    static let colors = header + """
        out vec4 color;
        subroutine vec4 getcolor(float x);
        subroutine uniform getcolor GetColor;
        subroutine(getcolor) vec4 red(float x) { return vec4(x, 0.0, 0.0, 1.0); }
        subroutine(getcolor) vec4 green(float x) { return vec4(0.0, x, 0.0, 1.0); }
        void main() { color = GetColor(1.0); }
        """

    func compiles(_ source: String, _ stage: ShaderStage = .fragment, file: StaticString = #filePath, line: UInt = #line) {
        let r = GLSLFrontEnd.compile(stage, source)
        XCTAssertTrue(r.ok, "\(r.log)\n\(GLSLVersionLowering.lower(source, stage: stage))", file: file, line: line)
    }

    func fails(_ source: String, _ stage: ShaderStage = .vertex, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(GLSLFrontEnd.compile(stage, source).ok, GLSLVersionLowering.lower(source, stage: stage), file: file, line: line)
    }

    func testUniformBecomesIntAndCallsADispatcher() {
        let lowered = GLSLVersionLowering.lower(Self.colors, stage: .fragment)
        XCTAssertTrue(lowered.contains("uniform int virglgl_sub1_GetColor;"), lowered)
        XCTAssertTrue(lowered.contains("color = virglgl_call_GetColor(1.0);"), lowered)
        XCTAssertTrue(lowered.contains("if (virglgl_s == 0) return red(virglgl_a0);"), lowered)
        XCTAssertFalse(lowered.contains("\nsubroutine"), lowered)
        XCTAssertFalse(lowered.contains("#extension GL_ARB_shader_subroutine"), lowered)
        // Line numbers stay: main is still on line 8.
        let lines = lowered.split(separator: "\n", omittingEmptySubsequences: false)
        let lineDirective = lines.firstIndex { $0.hasPrefix("#line") }!
        XCTAssertTrue(lines[lineDirective + 7].contains("void main()"), lowered)
        compiles(Self.colors)
    }

    func testDeclarations() {
        let d = GLSLSubroutineLowering.declarations(Self.colors)
        XCTAssertEqual(d.types, ["getcolor"])
        XCTAssertEqual(d.functions.map(\.name), ["red", "green"])
        XCTAssertEqual(d.functions.map(\.index), [0, 1])
        XCTAssertEqual(d.uniforms.map(\.name), ["GetColor"])
        XCTAssertEqual(d.uniforms.map(\.type), ["getcolor"])
        XCTAssertEqual(d.uniforms.map(\.size), [1])
        XCTAssertTrue(d.errors.isEmpty)
    }

    func testArraysExplicitIndicesAndLocations() {
        let source = "#version 150\n#extension GL_ARB_shader_subroutine : require\n#extension GL_ARB_explicit_uniform_location : require\n"
            + "#extension GL_ARB_arrays_of_arrays : enable\n" + """
            out vec4 color;
            uniform int pick;
            subroutine float chan();
            layout(location = 4) subroutine uniform chan Chans[2];
            subroutine uniform chan Grid[2][2];
            layout(index = 3) subroutine(chan) float full() { return 1.0; }
            subroutine(chan) float empty() { return 0.0; }
            void main() { color = vec4(Chans[pick](), Chans[1 - pick](), Grid[1][0](), 1.0); }
            """
        let d = GLSLSubroutineLowering.declarations(source)
        XCTAssertEqual(d.functions.map(\.index), [3, 0])
        XCTAssertEqual(d.uniforms.map(\.location), [4, nil])
        XCTAssertEqual(d.uniforms.map(\.size), [2, 4])
        let lowered = GLSLVersionLowering.lower(source, stage: .fragment)
        XCTAssertTrue(lowered.contains("virglgl_call_Chans(pick)"), lowered)
        XCTAssertTrue(lowered.contains("virglgl_call_Grid(1,0)"), lowered)
        compiles(source)
    }

    func testVoidSubroutinesWithOutParametersAndNesting() {
        compiles(Self.header + """
            out vec4 color;
            subroutine void fill(out vec4 c, in float);
            subroutine float level();
            subroutine uniform level Level;
            subroutine uniform fill Fill;
            subroutine(level) float one() { return 1.0; }
            subroutine(fill) void solid(out vec4 c, float a) { c = vec4(Level() * a); }
            subroutine(level) float halfway() { return 0.5; }
            void main() { Fill(color, 1.0); }
            """)
    }

    func testSeveralTypesPerFunction() {
        compiles(Self.header + """
            #extension GL_ARB_explicit_uniform_location : require
            out vec4 o;
            uniform float level;
            subroutine float channel(float x);
            subroutine vec4 mix2(float r, float g);
            subroutine float scaled(float y);
            layout(location = 3) subroutine uniform channel Red;
            subroutine uniform channel Green[2];
            subroutine uniform mix2 Combine;
            subroutine(channel) float full(float x) { return x; }
            subroutine(channel) float none(float x) { return 0.0; }
            subroutine(channel, scaled) float unused(float x) { return 0.5; }
            subroutine(mix2) vec4 ordered(float r, float g) { return vec4(r, g, 0.0, 1.0); }
            subroutine(mix2) vec4 swapped(float r, float g) { return vec4(g, r, 0.0, 1.0); }
            void main() { o = Combine(Red(level), Green[0](level) + Green[1](level * 0.5)); }
            """)
    }

    func testStructArrayAndQualifiedParameters() {
        compiles(Self.header + """
            struct S { float a; vec2 b; };
            out vec4 color;
            subroutine S make(const in float v[2], inout int n);
            subroutine uniform make Make;
            subroutine(make) S first(const float v[2], inout int n) { n += 1; return S(v[0], vec2(0.0)); }
            subroutine(make) S second(const in float[2] w, inout int n) { return S(w[1], vec2(1.0)); }
            void main() {
                int n = 0;
                float v[2] = float[2](0.25, 0.75);
                S s = Make(v, n);
                color = vec4(s.a, s.b, float(n));
            }
            """)
        XCTAssertFalse(GLSLSubroutineLowering.declarations(Self.header + "subroutine float t(float v[2]);\nsubroutine(t) float f(float v[3]) { return 0.0; }").errors.isEmpty)
    }

    func testOtherStagesAndNoExtension() {
        compiles(Self.header + """
            layout(triangles) in;
            layout(triangle_strip, max_vertices = 3) out;
            subroutine vec4 place(vec4 p);
            subroutine uniform place Place;
            subroutine(place) vec4 same(vec4 p) { return p; }
            void main() {
                for (int i = 0; i < 3; i++) { gl_Position = Place(gl_in[i].gl_Position); EmitVertex(); }
            }
            """, .geometry)
        // Without the extension, `subroutine` is not GLSL 1.50.
        fails("#version 150\nsubroutine void t();\nvoid main() {}")
    }

    func testVersion400NeedsNoExtension() {
        compiles("""
            #version 400
            out vec4 color;
            subroutine vec4 getcolor();
            subroutine uniform getcolor GetColor;
            subroutine(getcolor) vec4 red() { return vec4(1.0); }
            void main() { color = GetColor(); }
            """)
    }

    func testMacroIsDefined() {
        compiles(Self.header + "#if !defined GL_ARB_shader_subroutine || GL_ARB_shader_subroutine != 1\n#error no\n#endif\nvoid main() {}\n")
    }

    /// Every prefix of a source (cut anywhere: inside a qualifier list, a parameter list, a call) is lowered
    /// without a crash.
    func testTruncatedSourcesDoNotCrash() {
        let source = Self.colors + "\nlayout(location = 1) subroutine uniform getcolor Arr[2][3];\nvoid g() { Arr[1][2](0.5); }\n"
        let bytes = Array(source.utf8)
        for n in 0...bytes.count {
            _ = GLSLVersionLowering.lower(String(decoding: bytes[..<n], as: UTF8.self), stage: .fragment)
            _ = GLSLSubroutineLowering.declarations(String(decoding: bytes[..<n], as: UTF8.self))
        }
    }

    func testErrors() {
        fails(Self.header + "int subroutine;")
        fails(Self.header + "subroutine int x;")
        fails(Self.header + "subroutine void t();\nsubroutine (t) void f();")
        fails(Self.header + "subroutine (bogus) void f() {}")
        fails(Self.header + "subroutine () void f() {}")
        fails(Self.header + "subroutine (42) void f() {}")
        fails(Self.header + "subroutine void t();\nsubroutine (t) subroutine (t) void f() {}")
        fails(Self.header + "subroutine void t(float x);\nsubroutine (t) void f(int x) {}")
        fails(Self.header + "subroutine void t();\nsubroutine (t) int f() { return 1; }")
        fails(Self.header + "subroutine void t();\nlayout(index = 2) subroutine (t) void f() {}")
        fails(Self.header + "subroutine void t();\nsubroutine (t) void f() {}\nvoid f(int x) {}\nvoid main() {}")
        fails(Self.header + "subroutine void t();\nvoid t(void);\nvoid main() {}")
        fails(Self.header + "subroutine void t();\nsubroutine (t) void f() {}\nsubroutine uniform t u;\nvoid main() { u(42); }")
        fails(Self.header + "uniform vec2 v;\nsubroutine vec4 t(vec2 p);\nsubroutine uniform t u;\nvoid main() { vec4 x = t(v); }", .fragment)
    }
}
