import Foundation
import ShaderCompiler
import XCTest

/// GLSL → SPIR-V → TGSI: reviewed TGSI snapshots, compile and link errors with real logs, and unsupported
/// constructs refused with a message. (Execution is tested by the golden scenes through the driver.)
final class CompileTests: XCTestCase {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let passthroughVS = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec3 color;
        out vec3 vColor;
        void main() {
            vColor = color;
            gl_Position = vec4(position, 0.0, 1.0);
        }
        """
    static let colorFS = """
        #version 330 core
        in vec3 vColor;
        out vec4 fragColor;
        void main() { fragColor = vec4(vColor, 1.0); }
        """
    static let texturedFS = """
        #version 330 core
        in vec3 vColor;
        uniform sampler2D image;
        uniform float scale;
        out vec4 fragColor;
        void main() {
            vec4 t = texture(image, vColor.xy * scale);
            if (t.a < 0.5) discard;
            fragColor = mix(t, vec4(vColor, 1.0), 0.25);
        }
        """

    /// The translation of each program equals its reviewed snapshot (Snapshots/NAME.{vert,frag}.tgsi);
    /// VIRGLGL_RECORD_SNAPSHOTS=1 rewrites them.
    func assertSnapshot(_ name: String, _ vs: String, _ fs: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        for (suffix, text) in [("vert", p.vertex.text), ("frag", p.fragment.text)] {
            let url = Self.snapshots.appendingPathComponent("\(name).\(suffix).tgsi")
            if ProcessInfo.processInfo.environment["VIRGLGL_RECORD_SNAPSHOTS"] == "1" {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(text, expected, "\(name).\(suffix)", file: file, line: line)
        }
    }

    /// A geometry shader that emits each triangle twice, the second shifted: GEOM properties, per-vertex inputs
    /// (by a loop variable), gl_in[].gl_Position, EMIT/ENDPRIM.
    func testGeometryShaderSnapshot() throws {
        let gs = """
            #version 330 core
            layout(triangles) in;
            layout(triangle_strip, max_vertices = 6) out;
            in vec3 vColor[];
            out vec3 gColor;
            void main() {
                for (int copy = 0; copy < 2; copy++) {
                    for (int i = 0; i < 3; i++) {
                        gl_Position = gl_in[i].gl_Position + vec4(0.5 * float(copy), 0.0, 0.0, 0.0);
                        gColor = vColor[i];
                        EmitVertex();
                    }
                    EndPrimitive();
                }
            }
            """
        let fs = """
            #version 330 core
            in vec3 gColor;
            out vec4 fragColor;
            void main() { fragColor = vec4(gColor, 1.0); }
            """
        let p = try ProgramCompiler.link(vertexUnits: [Self.passthroughVS], geometryUnits: [gs], fragmentUnits: [fs]).get()
        let text = try XCTUnwrap(p.geometry?.text)
        let url = Self.snapshots.appendingPathComponent("geometry.geom.tgsi")
        if ProcessInfo.processInfo.environment["VIRGLGL_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(text, try String(contentsOf: url, encoding: .utf8))
        XCTAssertTrue(text.hasPrefix("GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nPROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\nPROPERTY GS_MAX_OUTPUT_VERTICES 6"), text)
        XCTAssertTrue(text.contains("EMIT") && text.contains("ENDPRIM") && text.contains("IN[ADDR[1].x]"), text)
    }

    func testPassthroughSnapshot() throws {
        try assertSnapshot("passthrough", Self.passthroughVS, Self.colorFS)
    }

    func testTexturedDiscardSnapshot() throws {
        try assertSnapshot("textured_discard", Self.passthroughVS, Self.texturedFS)
    }

    static let loopFS = """
        #version 330 core
        in vec3 vColor;
        uniform int limit;
        out vec4 fragColor;
        void main() {
            float sum = 0.0;
            for (int i = 0; i < 16; i++) {
                if (i == limit) break;
                if ((i & 1) == 1) continue;
                sum += vColor.x / float(i + 1);
            }
            fragColor = vec4(sum, vColor.yz, 1.0);
        }
        """

    func testLoopSnapshot() throws {
        try assertSnapshot("loop_break_continue", Self.passthroughVS, Self.loopFS)
    }

    func testReflection() throws {
        let p = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: Self.texturedFS).get()
        XCTAssertEqual(p.attributes, ["position": 0, "color": 1])
        XCTAssertEqual(Set(p.locations.map(\.name)), ["image", "scale"])
        XCTAssertEqual(p.fragment.samplers, ["image"])
        XCTAssertEqual(p.vertex.inputLocations.sorted(), [0, 1])
    }

    func testBoundLocationsReplaceTheShadersOwn() throws {
        let vs = """
            #version 330 core
            in vec2 position;
            in vec3 color;
            out vec3 vColor;
            void main() { vColor = color; gl_Position = vec4(position, 0.0, 1.0); }
            """
        let fs = """
            #version 330 core
            in vec3 vColor;
            out vec4 shade;
            void main() { shade = vec4(vColor, 1.0); }
            """
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs, attributeBindings: ["color": 5, "position": 2], fragDataBindings: ["shade": 1]).get()
        XCTAssertEqual(p.attributes, ["position": 2, "color": 5])
        XCTAssertEqual(Set(p.vertex.inputLocations), [2, 5])
        XCTAssertTrue(p.fragment.text.contains("COLOR[1]"), p.fragment.text)
    }

    /// Dual-source blending: the index-1 output of draw buffer 0 is COLOR[1] (virglrenderer's fsout_c1, bound to
    /// index 1), from the layout qualifier or from glBindFragDataLocationIndexed; it is reflected with its index.
    func testSecondBlendSourceIsColor1() throws {
        let fs = """
            #version 330 core
            layout(location = 0, index = 0) out vec4 color;
            layout(location = 0, index = 1) out vec4 factor;
            void main() { color = vec4(1.0); factor = vec4(0.5); }
            """
        let p = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: fs).get()
        XCTAssertTrue(p.fragment.text.contains("COLOR[0]") && p.fragment.text.contains("COLOR[1]"), p.fragment.text)
        XCTAssertFalse(p.fragment.text.contains("FS_COLOR0_WRITES_ALL_CBUFS"), p.fragment.text)
        XCTAssertEqual(p.fragment.fragmentOutputs["factor"], FragmentOutput(location: 0, index: 1))
        XCTAssertEqual(p.fragment.fragmentOutputs["color"], FragmentOutput(location: 0, index: 0))
        let plain = """
            #version 330 core
            out vec4 a;
            out vec4 b;
            void main() { a = vec4(1.0); b = vec4(0.5); }
            """
        let q = try ProgramCompiler.link(
            vertex: Self.passthroughVS, fragment: plain, fragDataBindings: ["a": 0, "b": 0], fragDataIndexBindings: ["b": 1]).get()
        XCTAssertEqual(q.fragment.fragmentOutputs["b"], FragmentOutput(location: 0, index: 1))
        XCTAssertTrue(q.fragment.text.contains("COLOR[1]"), q.fragment.text)
        // Index 1 beyond draw buffer 0 is more than GL_MAX_DUAL_SOURCE_DRAW_BUFFERS allows: a link error.
        guard case .failure = ProgramCompiler.link(
            vertex: Self.passthroughVS, fragment: plain, fragDataBindings: ["a": 0, "b": 1], fragDataIndexBindings: ["b": 1])
        else { return XCTFail("linked an index-1 output at location 1") }
    }

    func testCompileErrorsCarryTheCompilersLog() {
        let r = GLSLFrontEnd.compile(.fragment, "#version 330 core\nvoid main() { gl_FragColor = undefinedThing; }\n")
        XCTAssertFalse(r.ok)
        XCTAssertTrue(r.log.contains("undefinedThing"), r.log)
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, Self.passthroughVS).ok)
    }

    func testLinkErrors() {
        guard case .failure(let e) = ProgramCompiler.link(vertex: "#version 330 core\nvoid notMain() {}\n", fragment: Self.colorFS) else {
            return XCTFail("linked a vertex shader without main")
        }
        XCTAssertTrue(e.description.contains("entry point"), e.description)
    }

    func testFunctionCallsAreInlined() throws {
        let withFunction = """
            #version 330 core
            in vec3 vColor;
            out vec4 fragColor;
            float halve(float x) { return x * 0.5; }
            vec4 shade(vec3 c) { return vec4(halve(c.x), c.yz, 1.0); }
            void main() { fragColor = shade(vColor) + shade(vColor.zyx); }
            """
        try assertSnapshot("function_calls", Self.passthroughVS, withFunction)
    }

    /// gl_ClipDistance: written (by a variable index) into one temporary per distance, packed into the
    /// CLIPDIST outputs (four per register) before each return from main and at its end; read back in the
    /// fragment stage from CLIPDIST inputs. An array returned by a function is copied whole.
    func testClipDistanceSnapshot() throws {
        let vs = """
            #version 330 core
            layout(location = 0) in vec2 position;
            out vec3 vColor;
            out float gl_ClipDistance[6];
            float[6] distances(vec2 p) {
                float d[6];
                for (int i = 0; i < 6; i++) d[i] = p.x - float(i) * 0.1;
                return d;
            }
            void main() {
                gl_Position = vec4(position, 0.0, 1.0);
                vColor = vec3(1.0);
                if (position.y > 2.0) { gl_ClipDistance[0] = -1.0; return; }
                gl_ClipDistance = distances(position);
            }
            """
        let fs = """
            #version 330 core
            in vec3 vColor;
            in float gl_ClipDistance[6];
            out vec4 fragColor;
            void main() { fragColor = vec4(vColor * gl_ClipDistance[5], 1.0); }
            """
        try assertSnapshot("clip_distance", vs, fs)
        guard case .success(let p) = ProgramCompiler.link(vertex: vs, fragment: fs) else { return XCTFail("link") }
        XCTAssertTrue(p.vertex.text.contains("PROPERTY NUM_CLIPDIST_ENABLED 6"))
        XCTAssertTrue(p.vertex.text.contains("CLIPDIST[1]"))
        let beforeReturn = p.vertex.text.components(separatedBy: "RET")[0]
        XCTAssertEqual(beforeReturn.components(separatedBy: "MOV OUT[").count - 1, 2 + 6,
                       "position, colour and all six distances are written before the early return")
    }

    /// Varyings meet by name: a fragment shader reading only the second of two vertex outputs reads the slot
    /// the vertex shader writes it to (glslang numbers each stage's locations on its own), through a geometry
    /// stage too.
    func testVaryingsMatchByName() throws {
        let vs = """
            #version 330 core
            layout(location = 0) in vec4 p;
            out vec4 first;
            out vec4 second;
            void main() { gl_Position = p; first = p; second = p * 2.0; }
            """
        let fs = """
            #version 330 core
            in vec4 second;
            out vec4 color;
            void main() { color = second; }
            """
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertTrue(p.vertex.text.contains("GENERIC[1]"), p.vertex.text)
        XCTAssertTrue(p.fragment.text.contains("DCL IN[0], GENERIC[1], PERSPECTIVE"), p.fragment.text)
        let gs = """
            #version 330 core
            layout(points) in;
            layout(points, max_vertices = 1) out;
            in vec4 second[];
            out vec4 other;
            out vec4 second2;
            void main() { other = second[0]; second2 = second[0]; gl_Position = gl_in[0].gl_Position; EmitVertex(); }
            """
        let fs2 = """
            #version 330 core
            in vec4 second2;
            out vec4 color;
            void main() { color = second2; }
            """
        let q = try ProgramCompiler.link(vertexUnits: [vs], geometryUnits: [gs], fragmentUnits: [fs2]).get()
        let geometry = try XCTUnwrap(q.geometry).text
        XCTAssertTrue(geometry.contains("DCL IN[0], GENERIC[1]"), geometry)
        XCTAssertTrue(geometry.contains("GENERIC[1]\n") || geometry.contains("], GENERIC[1]"), geometry)
        XCTAssertTrue(q.fragment.text.contains("DCL IN[0], GENERIC[1], PERSPECTIVE"), q.fragment.text)
    }

    /// What glslang leaves to the GL linker: a used input without an output, differing types or interpolation
    /// qualifiers, and GLSL 1.30 colour built-ins with different qualifiers fail the link with a message.
    func testInterfaceMismatchesFailTheLink() {
        let vs = """
            #version 330 core
            layout(location = 0) in vec4 p;
            out vec4 a;
            flat out int b;
            void main() { gl_Position = p; a = p; b = 1; }
            """
        func linkError(_ fs: String, vertex: String? = nil) -> String? {
            if case .failure(let e) = ProgramCompiler.link(vertex: vertex ?? vs, fragment: fs) { return e.description }
            return nil
        }
        XCTAssertNil(linkError("#version 330 core\nin vec4 a;\nflat in int b;\nout vec4 c;\nvoid main() { c = a * float(b); }\n"))
        XCTAssertEqual(linkError("#version 330 core\nin vec4 z;\nout vec4 c;\nvoid main() { c = z; }\n")?.contains("z is not an output"), true)
        // (glslang reports this one itself.)
        XCTAssertNotNil(linkError("#version 330 core\nin vec3 a;\nout vec4 c;\nvoid main() { c = a.xyzz; }\n"))
        XCTAssertEqual(linkError("#version 330 core\nflat in vec4 a;\nout vec4 c;\nvoid main() { c = a; }\n")?.contains("interpolation"), true)
        let colors = "#version 130\nvoid main() { gl_Position = vec4(0); gl_BackColor = vec4(0); }\n"
        XCTAssertEqual(linkError("#version 130\nflat in vec4 gl_Color;\nout vec4 c;\nvoid main() { c = gl_Color; }\n", vertex: colors)?
            .contains("same interpolation qualifier"), true)
        XCTAssertNil(linkError("#version 130\nflat in vec4 gl_Color;\nout vec4 c;\nvoid main() { c = vec4(0); }\n", vertex: colors),
                     "an unused gl_Color may differ")
    }

    /// do { } while (c): the condition in the continue block leaves the loop (it once looped forever).
    func testDoWhileLoopLeavesOnItsCondition() throws {
        let doWhile = """
            #version 330 core
            in vec3 vColor;
            out vec4 fragColor;
            void main() {
                int n = 0;
                do { n++; } while (float(n) < vColor.x * 4.0);
                fragColor = vec4(float(n) / 4.0);
            }
            """
        try assertSnapshot("do_while", Self.passthroughVS, doWhile)
        guard case .success(let p) = ProgramCompiler.link(vertex: Self.passthroughVS, fragment: doWhile) else { return XCTFail("link") }
        let loop = p.fragment.text.components(separatedBy: "BGNLOOP")[1].components(separatedBy: "ENDLOOP")[0]
        XCTAssertTrue(loop.contains("BRK"), "the loop has a way out:\n\(p.fragment.text)")
    }

    func testUnsupportedConstructsAreRefusedWithAMessage() {
        let earlyReturn = """
            #version 330 core
            in vec3 vColor;
            out vec4 fragColor;
            float pick(float x) { if (x > 0.5) return 1.0; return 0.0; }
            void main() { fragColor = vec4(pick(vColor.x)); }
            """
        // Early returns are supported now: the function body runs in a one-pass loop that the return leaves.
        XCTAssertNoThrow(try assertSnapshot("early_return", Self.passthroughVS, earlyReturn))
        let helperBuiltin = """
            #version 450 core
            out vec4 fragColor;
            void main() { fragColor = vec4(float(gl_HelperInvocation)); }
            """
        guard case .failure(let e2) = ProgramCompiler.link(vertex: Self.passthroughVS, fragment: helperBuiltin) else {
            return XCTFail("gl_HelperInvocation translated (not supported yet)")
        }
        XCTAssertTrue(e2.description.contains("built-in input"), e2.description)
    }

    /// GLSL 1.50 §4.6.1: a varying is invariant in both stages or neither (before GLSL 4.20), and
    /// `#pragma STDGL invariant(all)` makes a stage's outputs invariant.
    func testInvariantVaryingsMustMatch() {
        let vs = "#version 150\nin vec4 p;\ninvariant out vec4 v;\nvoid main() { gl_Position = p; v = p; }\n"
        let fs = "#version 150\nin vec4 v;\nout vec4 c;\nvoid main() { c = v; }\n"
        guard case .failure(let e) = ProgramCompiler.link(vertex: vs, fragment: fs) else { return XCTFail("linked a one-sided invariant") }
        XCTAssertTrue(e.description.contains("invariant"), e.description)
        let both = fs.replacingOccurrences(of: "in vec4 v;", with: "invariant in vec4 v;")
        XCTAssertNoThrow(try ProgramCompiler.link(vertex: vs, fragment: both).get())
        let pragma = "#version 120\n#pragma STDGL invariant(all)\nvarying float v;\nvoid main() { v = 1.0; gl_Position = gl_Vertex; }\n"
        let invariantInput = "#version 120\ninvariant varying float v;\nvoid main() { gl_FragColor = vec4(v); }\n"
        XCTAssertNoThrow(try ProgramCompiler.link(vertex: pragma, fragment: invariantInput).get())
    }

    /// `layout(shared)` and `layout(packed)` blocks compile (as std140, which glslang's SPIR-V path takes).
    func testSharedAndPackedBlocksAreStd140() throws {
        let fs = """
            #version 150
            layout(shared) uniform A { vec4 a; };
            layout(packed, row_major) uniform B { mat2 b; };
            out vec4 c;
            void main() { c = a + vec4(b[0], b[1]); }
            """
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, fs).ok, GLSLFrontEnd.compile(.fragment, fs).log)
        let p = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: fs).get()
        XCTAssertEqual(p.fragment.blocks.map(\.size), [16, 32])
    }

    /// Texel offsets become TGSI's texture-offset operand; gathers are TG4 (textureGatherOffsets: four of them);
    /// a sampler array indexed by a variable reads SAMP[ADDR[2].x+first] (GL_ARB_gpu_shader5).
    func testTextureOffsetsGathersAndSamplerIndexing() throws {
        let fs = """
            #version 150
            #extension GL_ARB_gpu_shader5 : require
            uniform sampler2D plain;
            uniform sampler2D s[3];
            uniform int n;
            out vec4 color;
            void main() {
                color = textureOffset(plain, vec2(0.5), ivec2(1, -1))
                    + texelFetchOffset(plain, ivec2(1), 0, ivec2(2, 0))
                    + textureGather(plain, vec2(0.5), 2)
                    + textureGatherOffsets(plain, vec2(0.5), ivec2[4](ivec2(0), ivec2(1), ivec2(-1), ivec2(2)))
                    + texture(s[n], vec2(0.25));
            }
            """
        let p = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: fs).get()
        let text = p.fragment.text
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("TEX ") && $0.hasSuffix(".xyy") }.count, 1, text)
        XCTAssertEqual(lines.filter { $0.contains("TXF ") && $0.hasSuffix(".xyy") }.count, 1, text)
        XCTAssertEqual(lines.filter { $0.contains("TG4 ") }.count, 5, text)
        XCTAssertTrue(text.contains("SAMP[ADDR[2].x+1]"), text)
        XCTAssertTrue(text.contains("DCL ADDR[0..2]"), text)
    }

    /// Explicit uniform locations (GL_ARB_explicit_uniform_location): a table from GL location to uniform, the
    /// array's elements at N, N + 1, …, the other uniforms in the free locations; overlaps are link errors.
    func testExplicitUniformLocations() throws {
        let fs = """
            #version 330
            #extension GL_ARB_explicit_uniform_location : require
            layout(location = 3) uniform vec4 c;
            layout(location = 5) uniform float f[2];
            uniform vec4 d;
            out vec4 o;
            void main() { o = c + d + vec4(f[0] + f[1]); }
            """
        let p = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: fs).get()
        let table = try XCTUnwrap(p.locationTable)
        func name(_ location: Int) -> String? { location < table.count && table[location] >= 0 ? p.locations[table[location]].name : nil }
        XCTAssertEqual(name(3), "c")
        XCTAssertEqual(name(5), "f[0]")
        XCTAssertEqual(name(6), "f[1]")
        XCTAssertEqual(name(0), "d")
        XCTAssertNil(name(4))
        let vs = "#version 330\n#extension GL_ARB_explicit_uniform_location : require\nlayout(location = 3) uniform vec4 e;\nvoid main() { gl_Position = e; }\n"
        guard case .failure(let e) = ProgramCompiler.link(vertex: vs, fragment: fs) else { return XCTFail("linked two uniforms at location 3") }
        XCTAssertTrue(e.description.contains("location 3"), e.description)
    }

    /// gl_FragCoord redeclared in one of several fragment shaders (GLSL 1.50 §4.3.8.1): its qualifiers reach the
    /// TGSI properties; a unit that uses gl_FragCoord without the redeclaration, or different qualifiers, fail.
    func testFragCoordRedeclarationAcrossFragmentShaders() throws {
        let main = "#version 150\nout vec4 c;\nvec4 coord();\nvoid main() { c = coord(); }\n"
        let redeclared = "#version 150\nlayout(origin_upper_left, pixel_center_integer) in vec4 gl_FragCoord;\nvec4 coord() { return gl_FragCoord; }\n"
        let text = try ProgramCompiler.link(vertexUnits: [Self.passthroughVS], fragmentUnits: [main, redeclared]).get().fragment.text
        XCTAssertTrue(text.contains("PROPERTY FS_COORD_ORIGIN LOWER_LEFT") && text.contains("PROPERTY FS_COORD_PIXEL_CENTER INTEGER"), text)
        let plain = "#version 150\nin vec4 gl_FragCoord;\nfloat depth() { return gl_FragCoord.z; }\n"
        let unredeclared = "#version 150\nfloat depth() { return gl_FragCoord.z; }\n"
        let user = "#version 150\nout vec4 c;\nfloat depth();\nvoid main() { c = vec4(depth()); }\n"
        for (units, why) in [([user, plain, redeclared.replacingOccurrences(of: "coord()", with: "other()")], "different qualifiers"),
                             ([user.replacingOccurrences(of: "vec4(depth())", with: "gl_FragCoord"), plain], "a use without the redeclaration")] {
            guard case .failure = ProgramCompiler.link(vertexUnits: [Self.passthroughVS], fragmentUnits: units) else { return XCTFail("linked with \(why)") }
        }
        XCTAssertNoThrow(try ProgramCompiler.link(vertexUnits: [Self.passthroughVS], fragmentUnits: [user, unredeclared]).get())
    }

    /// A struct of one vec4 is one register, all four components: loaded from a constant array by a variable
    /// index and returned from a function (piglit's fs-const-array-of-struct read only .x).
    func testOneSlotStructsKeepTheirWholeRegister() throws {
        let header = """
            #version 330 core
            struct S { vec4 v; };
            const S table[2] = S[2](S(vec4(1.0, 2.0, 3.0, 4.0)), S(vec4(5.0, 6.0, 7.0, 8.0)));
            S pick(uint i) { return table[i]; }
            """
        var k = try ShaderExtensionTests.Kernel("S c = pick(inputs.x); S d = table[inputs.y]; result = floatBitsToUint(c.v + d.v);", header: header)
        XCTAssertEqual(try k([1, 0]), [6, 8, 10, 12].map { Float($0).bitPattern })
        XCTAssertEqual(try k([0, 1]), [6, 8, 10, 12].map { Float($0).bitPattern })
        XCTAssertEqual(try k([0, 0]), [2, 4, 6, 8].map { Float($0).bitPattern })
    }

    /// GL_ARB_cull_distance: gl_CullDistance follows gl_ClipDistance in the CLIPDIST registers (TGSI's packing),
    /// with NUM_CULLDIST_ENABLED; an unused gl_ClipDistance of gl_PerVertex takes no room; a fragment shader reads
    /// the cull distances after its clip distances; more than 8 together is a link error.
    func testCullDistancesFollowClipDistances() throws {
        let vs = """
            #version 130
            #extension GL_ARB_cull_distance : require
            in vec4 p;
            out float gl_ClipDistance[2];
            out float gl_CullDistance[3];
            void main() { gl_Position = p; gl_ClipDistance[0] = 1.0; gl_ClipDistance[1] = 2.0; for (int i = 0; i < 3; i++) gl_CullDistance[i] = float(i); }
            """
        let fs = """
            #version 130
            #extension GL_ARB_cull_distance : require
            in float gl_ClipDistance[2];
            in float gl_CullDistance[3];
            void main() { gl_FragColor = vec4(gl_CullDistance[2], gl_ClipDistance[1], 0.0, 1.0); }
            """
        let p = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        let v = p.vertex.text, f = p.fragment.text
        XCTAssertTrue(v.contains("PROPERTY NUM_CLIPDIST_ENABLED 2") && v.contains("PROPERTY NUM_CULLDIST_ENABLED 3"), v)
        XCTAssertEqual(v.split(separator: "\n").filter { $0.contains("CLIPDIST[") }.count, 2, v)
        XCTAssertEqual(f.split(separator: "\n").filter { $0.contains("CLIPDIST[") }.count, 2, f)
        // Cull distance 2 is distance 4 of the five: CLIPDIST[1].x.
        let cullOnly = vs.replacingOccurrences(of: "out float gl_ClipDistance[2];", with: "").replacingOccurrences(of: "gl_ClipDistance[0] = 1.0; gl_ClipDistance[1] = 2.0; ", with: "")
        let c = try ProgramCompiler.link(vertex: cullOnly, fragment: "#version 130\nvoid main() { gl_FragColor = vec4(1.0); }\n").get().vertex.text
        XCTAssertFalse(c.contains("NUM_CLIPDIST_ENABLED"), c)
        XCTAssertTrue(c.contains("PROPERTY NUM_CULLDIST_ENABLED 3"), c)
        let tooMany = vs.replacingOccurrences(of: "gl_CullDistance[3]", with: "gl_CullDistance[7]")
        guard case .failure(let e) = ProgramCompiler.link(vertex: tooMany, fragment: "#version 130\nvoid main() { gl_FragColor = vec4(1.0); }\n") else {
            return XCTFail("9 clip and cull distances linked")
        }
        XCTAssertTrue(e.description.contains("GL_MAX_COMBINED_CLIP_AND_CULL_DISTANCES"), e.description)
    }

    /// Conservative depth (GL_ARB/AMD_conservative_depth, compiled as GLSL 4.20): a depth layout on gl_FragDepth
    /// is TGSI FS_DEPTH_LAYOUT, from one fragment shader of several too; two different layouts do not link.
    func testDepthLayoutBecomesFSDepthLayout() throws {
        let header = "#version 130\n#extension GL_AMD_conservative_depth : require\n"
        let single = header + "layout(depth_less) out float gl_FragDepth;\nvoid main() { gl_FragDepth = gl_FragCoord.z; gl_FragColor = vec4(1.0); }\n"
        XCTAssertTrue(try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: single).get().fragment.text.contains("PROPERTY FS_DEPTH_LAYOUT 3"))
        let main = header + "layout(depth_greater) out float gl_FragDepth;\nvoid color();\nvoid main() { gl_FragDepth = 0.5; color(); }\n"
        let other = header + "void color() { gl_FragColor = vec4(1.0); }\n"
        let text = try ProgramCompiler.link(vertexUnits: [Self.passthroughVS], fragmentUnits: [main, other]).get().fragment.text
        XCTAssertTrue(text.contains("PROPERTY FS_DEPTH_LAYOUT 2"), text)
        let conflicting = header + "layout(depth_less) out float gl_FragDepth;\nvoid color() { gl_FragDepth = 0.25; gl_FragColor = vec4(1.0); }\n"
        guard case .failure = ProgramCompiler.link(vertexUnits: [Self.passthroughVS], fragmentUnits: [main, conflicting]) else {
            return XCTFail("depth_greater and depth_less linked")
        }
    }

    /// GLSL's built-in limits are the driver's GL limits (GLState): gl_FragData has gl_MaxDrawBuffers (8) outputs.
    func testBuiltInLimitsAreTheDriversLimits() throws {
        var k = try ShaderExtensionTests.Kernel(
            "result = uvec4(gl_MaxDrawBuffers, gl_MaxVertexAttribs, gl_MaxTextureImageUnits, gl_MaxCombinedTextureImageUnits);")
        XCTAssertEqual(try k([]), [8, 16, 16, 48])
        let fs = "#version 110\nvoid main() { gl_FragData[0] = vec4(1.0); }\n"
        let text = try ProgramCompiler.link(vertex: Self.passthroughVS, fragment: fs).get().fragment.text
        XCTAssertEqual(text.split(separator: "\n").filter { $0.contains(", COLOR[") }.count, 8, text)
    }
}
