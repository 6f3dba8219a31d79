import Foundation
import ShaderCompiler
import XCTest

/// The GLSL extensions VirglGL exposes beyond GLSL 3.30 (GL_AMD_shader_trinary_minmax,
/// GL_MESA_shader_integer_functions, GL_ARB_shading_language_packing, GL_ARB_shader_bit_encoding): their
/// lowering, TGSI snapshots, and their translations run on the CPU (TGSIInterpreter) against Swift references.
final class ShaderExtensionTests: XCTestCase {
    /// A translated fragment shader that reads `uniform uvec4 inputs` (CONST[0][0]) and writes `out uvec4 result`.
    struct Kernel {
        var interpreter: TGSIInterpreter
        var text: String

        init(_ body: String, header: String = "#version 330 core", file: StaticString = #filePath, line: UInt = #line) throws {
            let fragment = "\(header)\nuniform uvec4 inputs;\nout uvec4 result;\nvoid main() {\n\(body)\n}\n"
            let program = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment).get()
            text = program.fragment.text
            XCTAssertFalse(text.contains("IF") || text.contains("LOOP"), "straight-line code:\n\(text)", file: file, line: line)
            interpreter = try TGSIInterpreter(text)
        }

        mutating func callAsFunction(_ inputs: [UInt32]) throws -> [UInt32] {
            interpreter.registers["CONST[0][0]"] = inputs + [UInt32](repeating: 0, count: 4 - inputs.count)
            try interpreter.run()
            return interpreter.registers["OUT[0]"] ?? []
        }
    }

    // MARK: GL_ARB_shading_language_packing

    static let packingHeader = "#version 330 core\n#extension GL_ARB_shading_language_packing : require"

    func testUnpackHalf2x16IsExactForEveryHalf() throws {
        var k = try Kernel("result = uvec4(floatBitsToUint(unpackHalf2x16(inputs.x)), 0u, 0u);",
                           header: "#version 130\n#extension GL_ARB_shading_language_packing : require")
        for h in 0..<0x8000 {
            let lo = UInt32(h), hi = UInt32(h | 0x8000)
            let out = try k([lo | hi << 16])
            for (half, got) in [(lo, out[0]), (hi, out[1])] {
                let want = Float(Float16(bitPattern: UInt16(half)))
                if want.isNaN {
                    XCTAssertTrue(Float(bitPattern: got).isNaN, "half 0x\(String(half, radix: 16))")
                } else if want.bitPattern != got {
                    return XCTFail("unpackHalf2x16 0x\(String(half, radix: 16)): got 0x\(String(got, radix: 16)), want \(want)")
                }
            }
        }
    }

    func testPackHalf2x16RoundsToNearest() throws {
        var k = try Kernel("result = uvec4(packHalf2x16(uintBitsToFloat(inputs.xy)), 0u, 0u, 0u);", header: Self.packingHeader)
        func pack(_ x: Float, _ y: Float) throws -> (UInt16, UInt16) {
            let w = try k([x.bitPattern, y.bitPattern])[0]
            return (UInt16(w & 0xffff), UInt16(w >> 16))
        }
        // Every finite half comes back as itself.
        for h in stride(from: 0, to: 0x7c00, by: 1) {
            let x = Float(Float16(bitPattern: UInt16(h)))
            let (a, b) = try pack(x, -x)
            guard a == UInt16(h), b == UInt16(h | 0x8000) else { return XCTFail("packHalf2x16(\(x)) = 0x\(String(a, radix: 16))") }
        }
        // Between halves: the nearest (Float16's own conversion), overflow to infinity.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let x = Float(bitPattern: UInt32.random(in: 0x3000_0000...0x4780_0000, using: &rng))
            let (a, _) = try pack(x, 0)
            // At an exact tie either neighbour is right (GLSL leaves the rounding of ties open).
            let nearest = Float16(x), distance = abs(Float(nearest) - x)
            let allowed = [nearest, nearest.nextUp, nearest.nextDown].filter { abs(Float($0) - x) == distance }.map(\.bitPattern)
            XCTAssertTrue(allowed.contains(a), "packHalf2x16(\(x)) = 0x\(String(a, radix: 16)), want 0x\(String(nearest.bitPattern, radix: 16))")
        }
        XCTAssertEqual(try pack(65519.99, 65520).0, 0x7bff)
        XCTAssertEqual(try pack(65519.99, 65520).1, 0x7c00)
        XCTAssertEqual(try pack(1e30, -.infinity).0, 0x7c00)
        XCTAssertEqual(try pack(1e30, -.infinity).1, 0xfc00)
        XCTAssertEqual(try pack(1e-9, -0.0).0, 0)
        XCTAssertEqual(try pack(1e-9, -0.0).1, 0x8000)
        let nan = try pack(.nan, 0).0
        XCTAssertTrue(nan & 0x7c00 == 0x7c00 && nan & 0x3ff != 0, "NaN stays NaN: 0x\(String(nan, radix: 16))")
    }

    func testNormalizedPackingMatchesTheSpecFormulas() throws {
        var pack = try Kernel("""
            vec4 v = uintBitsToFloat(inputs);
            result = uvec4(packUnorm4x8(v), packSnorm4x8(v), packUnorm2x16(v.xy), packSnorm2x16(v.zw));
            """, header: Self.packingHeader)
        var unpack = try Kernel("""
            result = uvec4(floatBitsToUint(unpackUnorm4x8(inputs.x).yw), floatBitsToUint(unpackSnorm2x16(inputs.y)));
            """, header: Self.packingHeader)
        func field(_ c: Float, _ bits: Int, signed: Bool) -> UInt32 {
            let scale = Float((1 << (signed ? bits - 1 : bits)) - 1)
            let clamped = signed ? Swift.min(Swift.max(c, -1), 1) : Swift.min(Swift.max(c, 0), 1)
            let n = Int32((clamped * scale).rounded(.toNearestOrEven))
            return UInt32(bitPattern: n) & UInt32((1 << bits) - 1)
        }
        let samples: [Float] = [0, -0.0, 1, -1, 0.5, -0.5, 0.25, 2, -3, 0.3333, 0.99, -0.999, 1e-6]
        for a in samples {
            for b in samples.reversed() {
                let v = [a, b, b * 0.5, a * 0.75]
                let out = try pack(v.map(\.bitPattern))
                let u8 = (0..<4).reduce(UInt32(0)) { $0 | field(v[$1], 8, signed: false) << (8 * $1) }
                let s8 = (0..<4).reduce(UInt32(0)) { $0 | field(v[$1], 8, signed: true) << (8 * $1) }
                XCTAssertEqual(out[0], u8, "packUnorm4x8(\(v))")
                XCTAssertEqual(out[1], s8, "packSnorm4x8(\(v))")
                XCTAssertEqual(out[2], field(v[0], 16, signed: false) | field(v[1], 16, signed: false) << 16, "packUnorm2x16")
                XCTAssertEqual(out[3], field(v[2], 16, signed: true) | field(v[3], 16, signed: true) << 16, "packSnorm2x16")
            }
        }
        for word: UInt32 in [0, 0xffff_ffff, 0x8000_7fff, 0x0180_ff7f, 0x1234_5678, 0x8001_0001] {
            let out = try unpack([word, word])
            XCTAssertEqual(Float(bitPattern: out[0]), Float((word >> 8) & 0xff) / 255, "unpackUnorm4x8(\(word)).y")
            XCTAssertEqual(Float(bitPattern: out[1]), Float(word >> 24) / 255, "unpackUnorm4x8(\(word)).w")
            let lo = Float(Int16(truncatingIfNeeded: word)), hi = Float(Int16(truncatingIfNeeded: word >> 16))
            XCTAssertEqual(Float(bitPattern: out[2]), Swift.max(lo / 32767, -1), "unpackSnorm2x16(\(word)).x")
            XCTAssertEqual(Float(bitPattern: out[3]), Swift.max(hi / 32767, -1), "unpackSnorm2x16(\(word)).y")
        }
    }

    // MARK: GL_MESA_shader_integer_functions

    static let integerFunctionsHeader = "#version 130\n#extension GL_MESA_shader_integer_functions : require"

    func testFrexpAndLdexpMatchTheCLibrary() throws {
        var k = try Kernel("""
            int e;
            float m = frexp(uintBitsToFloat(inputs.x), e);
            result = uvec4(floatBitsToUint(m), uint(e), floatBitsToUint(ldexp(uintBitsToFloat(inputs.y), int(inputs.z))), 0u);
            """, header: Self.integerFunctionsHeader)
        let values: [Float] = [0, -0.0, 1, -1, 0.5, 3, -7.25, 1e-30, -1e30, .greatestFiniteMagnitude, .leastNormalMagnitude, 1.5e-38, 12345.678]
        for x in values {
            let out = try k([x.bitPattern, 0, 0])
            // C's frexp keeps x's sign in the significand (Swift's overlay returns it positive).
            let (magnitude, e) = Foundation.frexp(abs(x))
            let m = x.sign == .minus ? -magnitude : magnitude
            XCTAssertEqual(Float(bitPattern: out[0]), m, "frexp(\(x)) significand")
            XCTAssertEqual(Int32(bitPattern: out[1]), Int32(e), "frexp(\(x)) exponent")
            for exponent in [-300, -200, -140, -126, -20, -1, 0, 1, 20, 127, 128, 200, 300] {
                let want = Foundation.ldexp(x, exponent)
                guard want == 0 || want.isInfinite || want.isNormal else { continue }  // hosts may flush denormals
                let got = Float(bitPattern: try k([0, x.bitPattern, UInt32(bitPattern: Int32(exponent))])[2])
                XCTAssertEqual(got, want, "ldexp(\(x), \(exponent))")
            }
        }
    }

    func testCarryBorrowAndExtendedMultiply() throws {
        var k = try Kernel("""
            uint carry, borrow, hi, lo;
            int shi, slo;
            uint sum = uaddCarry(inputs.x, inputs.y, carry);
            uint diff = usubBorrow(inputs.x, inputs.y, borrow);
            umulExtended(inputs.x, inputs.y, hi, lo);
            imulExtended(int(inputs.x), int(inputs.y), shi, slo);
            result = uvec4(sum + carry * 0x10000000u, diff ^ borrow, hi ^ lo, uint(shi) + uint(slo) * 3u);
            """, header: Self.integerFunctionsHeader)
        var rng = SystemRandomNumberGenerator()
        let edges: [UInt32] = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1234_5678]
        var pairs = edges.flatMap { a in edges.map { (a, $0) } }
        for _ in 0..<500 { pairs.append((UInt32.random(in: 0...UInt32.max, using: &rng), UInt32.random(in: 0...UInt32.max, using: &rng))) }
        for (a, b) in pairs {
            let out = try k([a, b])
            let (sum, carried) = a.addingReportingOverflow(b)
            let (diff, borrowed) = a.subtractingReportingOverflow(b)
            let wide = a.multipliedFullWidth(by: b)
            let signed = Int32(bitPattern: a).multipliedFullWidth(by: Int32(bitPattern: b))
            XCTAssertEqual(out[0], sum &+ (carried ? 0x1000_0000 : 0), "uaddCarry(\(a), \(b))")
            XCTAssertEqual(out[1], diff ^ (borrowed ? 1 : 0), "usubBorrow(\(a), \(b))")
            XCTAssertEqual(out[2], wide.high ^ wide.low, "umulExtended(\(a), \(b))")
            XCTAssertEqual(out[3], UInt32(bitPattern: signed.high) &+ signed.low &* 3, "imulExtended(\(a), \(b))")
        }
    }

    /// The bit-field built-ins map one to one onto TGSI; the extension's macro still works under its new name.
    func testIntegerFunctionsSnapshot() throws {
        let fragment = """
            #version 130
            #extension GL_MESA_shader_integer_functions : enable
            uniform ivec4 i;
            uniform uvec4 u;
            out vec4 color;
            void main() {
            #ifdef GL_MESA_shader_integer_functions
                ivec4 a = bitfieldExtract(i, 3, 5) + bitCount(u) + findLSB(i) + findMSB(u) + findMSB(i);
                uvec4 b = bitfieldInsert(u, u.yxwz, 4, 8) + bitfieldReverse(u) + bitfieldExtract(u, 1, 30);
                color = vec4(a) + vec4(b);
            #else
                color = vec4(1.0);
            #endif
            }
            """
        let lowered = GLSLVersionLowering.lower(fragment, stage: .fragment)
        XCTAssertTrue(lowered.hasPrefix("#version 400 core\n"), lowered)
        let text = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment).get().fragment.text
        let url = CompileTests.snapshots.appendingPathComponent("integer_functions.frag.tgsi")
        if ProcessInfo.processInfo.environment["VIRGLGL_RECORD_SNAPSHOTS"] == "1" { try text.write(to: url, atomically: true, encoding: .utf8) }
        XCTAssertEqual(text, try String(contentsOf: url, encoding: .utf8), "integer_functions.frag")
        for op in ["IBFE", "UBFE", "BFI", "BREV", "POPC", "LSB", "UMSB", "IMSB"] {
            XCTAssertTrue(text.contains("\(op) "), "\(op) in\n\(text)")
        }
    }

    // MARK: GL_AMD_shader_trinary_minmax

    func testTrinaryMinMaxBelowGLSL430() throws {
        var k = try Kernel("""
            #ifdef GL_AMD_shader_trinary_minmax
            ivec3 s = ivec3(inputs.xyz);
            vec3 f = vec3(s);
            result = uvec4(uint(mid3(f.x, f.y, f.z)), uint(min3(s.x, s.y, s.z)), max3(inputs.x, inputs.y, inputs.z),
                           mid3(uvec2(inputs.xy), uvec2(inputs.yz), uvec2(inputs.zx)).y);
            #endif
            """, header: "#version 130\n#extension GL_AMD_shader_trinary_minmax : require")
        for p in [[1, 2, 3], [3, 1, 2], [2, 3, 1], [5, 5, 1], [7, 0, 7], [4, 4, 4]] as [[UInt32]] {
            let out = try k(p)
            let sorted = p.sorted()
            XCTAssertEqual(out, [sorted[1], sorted[0], sorted[2], [p[1], p[2], p[0]].sorted()[1]], "\(p)")
        }
        // A 4.30+ source keeps glslang's own built-ins (the SPV_AMD_shader_trinary_minmax instructions).
        let source = "#version 430\n#extension GL_AMD_shader_trinary_minmax : require\nvoid main() {}\n"
        XCTAssertEqual(GLSLVersionLowering.lower(source, stage: .fragment), source)
    }

    // MARK: GL_ARB_shading_language_420pack

    /// layout(binding) of samplers and blocks comes from the source (glslang's automatic bindings are not the
    /// program's): samplers start at their unit (array elements at consecutive units), blocks at their binding
    /// point, and a block without a qualifier at 0.
    func testBindingQualifiersGiveInitialUnitsAndBindingPoints() throws {
        let fragment = """
            #version 130
            #extension GL_ARB_shading_language_420pack : require
            #extension GL_ARB_uniform_buffer_object : require
            layout(binding = 3) uniform sampler2D three;   // layout(binding = 9) in a comment is not one
            uniform sampler2D zero;
            layout(binding = 0x5) uniform highp sampler2D five[2];
            layout(std140, binding = 2) uniform Lights { vec4 light; };
            uniform Plain { vec4 plain; };
            out vec4 color;
            void main() {
                color = texture(three, vec2(0)) + texture(zero, vec2(0)) + texture(five[1], vec2(0)) + light + plain;
            }
            """
        XCTAssertEqual(GLSLBindingLayout.explicitBindings(fragment), ["three": 3, "five[0]": 5, "five[1]": 6, "Lights": 2])
        let p = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment).get()
        XCTAssertEqual(p.samplerBindings, ["three": 3, "five[0]": 5, "five[1]": 6])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: p.fragment.blocks.map { ($0.name, $0.binding) }), ["Lights": 2, "Plain": 0])
    }

    // MARK: GL_ARB_shader_texture_lod

    /// The GradARB functions of a GLSL 1.10 shader become TXD: the shadow form on a SHADOW2D target with the
    /// reference in z, the projective form divided by q first (its reference too).
    func testGradientFunctionsBecomeTXD() throws {
        let vertex = "#version 110\nvarying vec4 tc;\nvoid main() { gl_Position = gl_Vertex; tc = gl_Vertex; }\n"
        let fragment = """
            #version 110
            #extension GL_ARB_shader_texture_lod : require
            uniform sampler2DShadow s;
            uniform sampler2D t;
            varying vec4 tc;
            void main() {
                gl_FragColor = shadow2DGradARB(s, tc.xyz, dFdx(tc.xy), dFdy(tc.xy)) + texture2DProjGradARB(t, tc, tc.xy, tc.yx)
                    + shadow2DProjGradARB(s, tc, tc.xy, tc.yx) + texture2DLod(t, tc.xy, 2.0);
            }
            """
        let text = try ProgramCompiler.link(vertex: vertex, fragment: fragment).get().fragment.text
        let txd = text.split(separator: "\n").filter { $0.contains("TXD ") }
        XCTAssertEqual(txd.count, 3, text)
        XCTAssertEqual(txd.filter { $0.hasSuffix("SAMP[0], SHADOW2D") }.count, 2, text)
        XCTAssertEqual(txd.filter { $0.hasSuffix("SAMP[1], 2D") }.count, 1, text)
        XCTAssertEqual(text.components(separatedBy: "RCP ").count - 1, 2, "two projective divisions:\n\(text)")
        XCTAssertTrue(text.contains("TXL "), text)
    }

    // MARK: GL_ARB_derivative_control, GL_ARB_texture_query_levels

    /// Below GLSL 4.50/4.30 the built-ins are VirglGL intrinsics: fine derivatives become DDX_FINE/DDY_FINE (the
    /// argument read from the variable glslang passes it in), coarse ones DDX/DDY, textureQueryLevels TXQ's w.
    func testDerivativeControlAndQueryLevelsBecomeTGSIOperations() throws {
        let fragment = """
            #version 150
            #extension GL_ARB_derivative_control : require
            #extension GL_ARB_texture_query_levels : require
            uniform sampler2DArray layers;
            uniform isampler3D volume;
            in vec3 vColor;
            out vec4 color;
            void main() {
                vec2 p = vColor.xy * 3.0;
                color = vec4(dFdxFine(p), dFdyFine(vColor.z), dFdxCoarse(vColor.x)) + fwidthFine(vColor.xyzz)
                    + vec4(float(textureQueryLevels(layers) + textureQueryLevels(volume)));
            }
            """
        let text = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment).get().fragment.text
        func count(_ op: String) -> Int { text.components(separatedBy: ": \(op) ").count - 1 }
        XCTAssertEqual(count("DDX_FINE"), 2, text)
        XCTAssertEqual(count("DDY_FINE"), 2, text)
        XCTAssertEqual(count("DDX"), 1, text)
        XCTAssertTrue(text.contains("SAMP[0], 2D_ARRAY") && text.contains("SAMP[1], 3D"), text)
        XCTAssertEqual(text.components(separatedBy: ".wwww").count - 1, 2, "both level counts from TXQ's w:\n\(text)")
        XCTAssertFalse(text.contains("CAL"), "no intrinsic is called:\n\(text)")
        // Another stage may enable the extension (twice, even) without the fragment-only functions.
        let vertex = "#version 150\n#extension GL_ARB_derivative_control : enable\n#extension GL_ARB_derivative_control : enable\n"
            + "#extension GL_ARB_texture_query_levels : enable\n#extension GL_ARB_texture_query_levels : enable\n"
            + "in vec4 p;\nvoid main() { gl_Position = p; }\n"
        let compiled = GLSLFrontEnd.compile(.vertex, vertex)
        XCTAssertTrue(compiled.ok, compiled.log)
    }

    /// textureQueryLOD (glslang's OpImageQueryLod at GLSL 3.30 with GL_ARB_texture_query_lod) is LODQ.
    func testTextureQueryLodIsLODQ() throws {
        let fragment = """
            #version 330 core
            #extension GL_ARB_texture_query_lod : enable
            uniform samplerCube cube;
            in vec3 vColor;
            out vec4 color;
            void main() { color = vec4(textureQueryLOD(cube, vColor), 0.0, 1.0); }
            """
        let text = try ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment).get().fragment.text
        XCTAssertTrue(text.split(separator: "\n").contains { $0.contains(": LODQ ") && $0.hasSuffix("SAMP[0], CUBE") }, text)
    }

    /// GL_ARB_shader_precision adds no syntax: glslang does not know the name, so its `#extension` line goes and
    /// `#ifdef GL_ARB_shader_precision` still sees it defined; fma stays one operation (MAD).
    func testShaderPrecisionCompilesAndKeepsItsMacro() throws {
        var k = try Kernel("""
            #ifdef GL_ARB_shader_precision
            result = uvec4(floatBitsToUint(fma(uintBitsToFloat(inputs.x), uintBitsToFloat(inputs.y), uintBitsToFloat(inputs.z))), 1u, 0u, 0u);
            #else
            result = uvec4(0u);
            #endif
            """, header: "#version 400 core\n#extension GL_ARB_shader_precision : require")
        XCTAssertTrue(k.text.contains("MAD"), k.text)
        XCTAssertEqual(try k([Float(3).bitPattern, Float(0.5).bitPattern, Float(0.25).bitPattern]), [Float(1.75).bitPattern, 1, 0, 0])
    }

    // MARK: Immediates

    /// Constants met many times are declared once; past the host's 1024, scalars share declarations four to one
    /// (and still compute the same); a shader that still needs more than the host takes fails to link with a
    /// message instead of drawing nothing.
    func testImmediatesAreDeclaredOnceAndBounded() throws {
        let repeated = (0..<40).map { "float(inputs.x) * \($0 % 4).5" }
        let k = try Kernel("result = uvec4(\(repeated.joined(separator: " + ")));")
        let declared = k.text.split(separator: "\n").filter { $0.hasPrefix("IMM[") }.map { $0.drop { $0 != " " } }
        XCTAssertEqual(declared.count, Set(declared).count, "no immediate twice:\n\(k.text)")

        let scalars = (0..<1100).map { "float(inputs.x) * \($0).25" }
        var packed = try Kernel("result = uvec4(floatBitsToUint(\(scalars.joined(separator: " + "))), 0u, 0u, 0u);")
        let count = packed.text.split(separator: "\n").filter { $0.hasPrefix("IMM[") }.count
        XCTAssertLessThanOrEqual(count, 1024, "packed four to a declaration")
        var sum: Float = 0
        for i in 0..<1100 { sum += 3 * (Float(i) + 0.25) }
        XCTAssertEqual(Float(bitPattern: try packed([3])[0]), sum, "the packed immediates are the same values")

        let pairs = (0..<1100).map { "vec2(float(inputs.x)) * vec2(\($0).25, \($0).5)" }
        var packedPairs = try Kernel("result = uvec4(floatBitsToUint(\(pairs.joined(separator: " + "))), 0u, 0u);")
        var sums: (Float, Float) = (0, 0)
        for i in 0..<1100 {
            sums.0 += 3 * (Float(i) + 0.25)
            sums.1 += 3 * (Float(i) + 0.5)
        }
        let out = try packedPairs([3])
        XCTAssertEqual([Float(bitPattern: out[0]), Float(bitPattern: out[1])], [sums.0, sums.1], "vec2 immediates packed two to one")

        // −0, infinities and denormals are declared by their bits (the host prints FLT32 as float literals).
        var special = try Kernel("result = floatBitsToUint(uintBitsToFloat(inputs) * vec4(-0.0, 1e-40, 1.0, 2.0));")
        XCTAssertTrue(special.text.contains("UINT32 {2147483648, 71362, 1065353216, 1073741824}"), special.text)
        XCTAssertEqual(try special([Float(1).bitPattern, Float(1).bitPattern, 0, 0])[0], (-0.0 as Float).bitPattern)

        let vectors = (0..<1100).map { "vec4(float(inputs.x)) * vec4(\($0).5, \($0).75, 1.0, 2.0)" }
        let fragment = "#version 330 core\nuniform uvec4 inputs;\nout uvec4 result;\nvoid main() { result = uvec4(\(vectors.joined(separator: " + "))); }\n"
        guard case .failure(let e) = ProgramCompiler.link(vertex: CompileTests.passthroughVS, fragment: fragment) else {
            return XCTFail("a shader with 1100 distinct vector immediates linked")
        }
        XCTAssertTrue(e.description.contains("immediates"), e.description)
    }
}
