import Foundation

/// GLSL extensions VirglGL exposes whose built-ins glslang gives only at a later GLSL version (or not at all).
///
/// glslang declares `min3`/`max3`/`mid3` (GL_AMD_shader_trinary_minmax) only from GLSL 4.30, and does not know
/// GL_MESA_shader_integer_functions, whose built-ins (`bitfieldExtract`, `uaddCarry`, `frexp`, …) are GLSL 4.00's.
/// A source that enables one of them is rewritten before glslang sees it (the `#extension` line is blanked, so
/// line numbers stay):
/// - trinary min/max: the three functions are given as ordinary functions for every scalar and vector type;
/// - integer functions: the source is compiled as GLSL 4.00 core (which has those built-ins and the extension's
///   implicit int → uint conversions);
/// - derivative control and textureQueryLevels: functions named `virglgl_op_OPCODE`, which the translator turns
///   into that TGSI operation (`TGSITranslator+Intrinsics`);
/// - framebuffer fetch (GL_EXT_shader_framebuffer_fetch and its non-coherent form): `inout` outputs and
///   gl_LastFragData as globals the translator fills with TGSI FBFETCH (`GLSLFramebufferFetch`);
/// - GL_ARB_shader_texture_lod's `…GradARB` functions (used without `#extension` by GLSL 1.10 programs): macros
///   and functions on textureGrad / textureProjGrad.
/// - GL_EXT_frag_depth (GLSL ES 1.00 sources): gl_FragDepthEXT as a macro of gl_FragDepth.
public enum GLSLExtensionLowering {
    /// What a source needs: lines before its own code, and the GLSL version it must be compiled at (at least).
    public struct Rewrite: Equatable {
        public var prelude: String = ""
        public var minimumVersion: Int = 0
        public var isEmpty: Bool { prelude.isEmpty && minimumVersion == 0 }
    }

    /// The extension names `#extension NAME : enable|require|warn` turns on in `lines`, with their line indices.
    static func enabled(_ lines: [String]) -> [(name: String, line: Int)] {
        var out: [(String, Int)] = []
        for (i, line) in lines.enumerated() {
            // `#extension NAME : behaviour` (the colon may touch either word).
            let words = GLSLVersionLowering.directiveWords(Substring(line)).flatMap { $0.split(separator: ":", omittingEmptySubsequences: true) }
            guard words.first == "extension", words.count >= 3, words[2] != "disable" else { continue }
            out.append((String(words[1]), i))
        }
        return out
    }

    /// An extension whose features are a later GLSL version's: its `#extension` line is blanked and the source
    /// compiled at `version`. A shader may not define GL_ macros, so the source's own mentions of the name
    /// (`#ifdef GL_ARB_gpu_shader5`) name a VirglGL macro instead (`VIRGLGL_ARB_gpu_shader5`).
    static func compileAtLaterVersion(_ version: Int, _ name: String, _ line: Int, _ first: Bool, _ lines: inout [String], _ r: inout Rewrite) {
        let macro = "VIRGLGL_" + name.dropFirst(3)
        lines[line] = ""
        for k in lines.indices where GLSLLegacyLowering.uses(lines[k], name) {
            lines[k] = lines[k].replacingOccurrences(of: name, with: macro)
        }
        if first { r.prelude += "#define \(macro) 1\n" }
        r.minimumVersion = max(r.minimumVersion, version)
    }

    /// Rewrites the `#extension` lines of the extensions handled here and says what the source needs.
    /// `version` is the source's declared GLSL version.
    public static func rewrite(_ lines: inout [String], version: Int, stage: ShaderStage) -> Rewrite {
        var r = Rewrite()
        r.prelude += gradientFunctions(for: lines.joined(separator: "\n"))
        var handled: Set<String> = []
        for (name, line) in enabled(lines) {
            let first = handled.insert(name).inserted
            switch name {
            case "GL_AMD_shader_trinary_minmax" where version < 430:
                // glslang knows the name (it defines the macro) but gives the functions only from 4.30.
                lines[line] = ""
                if first { r.prelude += trinaryMinMaxFunctions }
            case "GL_ARB_compute_shader" where version < 430 && stage == .compute:
                // glslang compiles compute shaders from GLSL 4.20 with the extension; 4.30 has everything it adds.
                compileAtLaterVersion(430, name, line, first, &lines, &r)
            case "GL_ARB_shader_storage_buffer_object" where version < 430:
                // `buffer` blocks with binding and std430 layouts: GLSL 4.30's (glslang takes `binding` from 4.20).
                compileAtLaterVersion(430, name, line, first, &lines, &r)
            case "GL_ARB_shader_image_size" where version < 430:
                // imageSize() on image uniforms: GLSL 4.30's (glslang does not know the extension's name).
                compileAtLaterVersion(430, name, line, first, &lines, &r)
            case "GL_ARB_arrays_of_arrays" where version < 430:
                // glslang has arrays of arrays from GLSL 4.30 only: the source is compiled as 4.30 core.
                compileAtLaterVersion(430, name, line, first, &lines, &r)
            case "GL_ARB_enhanced_layouts" where version < 440:
                // glslang declares the transform feedback limits the extension adds only from GLSL 4.40: macros of
                // the values the driver reports (GL_MAX_TRANSFORM_FEEDBACK_BUFFERS, …_INTERLEAVED_COMPONENTS).
                if first {
                    for (name, value) in [("gl_MaxTransformFeedbackBuffers", TransformFeedbackLayout.maxBuffers),
                                          ("gl_MaxTransformFeedbackInterleavedComponents", TransformFeedbackLayout.maxInterleavedComponents)]
                    where lines.contains(where: { GLSLLegacyLowering.uses($0, name) }) {
                        r.prelude += "#define \(name) \(value)\n"
                    }
                }
            case "GL_EXT_frag_depth":
                // GLSL ES 1.00's name for gl_FragDepth (ES 1.00 sources are compiled as desktop GLSL, which has it).
                lines[line] = ""
                if first && stage == .fragment { r.prelude += "#define gl_FragDepthEXT gl_FragDepth\n" }
            case "GL_ARB_draw_instanced" where stage == .vertex:
                // GLSL 1.20's name for gl_InstanceID.
                if first { r.prelude += "#define gl_InstanceIDARB gl_InstanceID\n" }
            case "GL_ARB_gpu_shader5" where version < 400:
                // glslang supports it only partly below 4.00 (no sampler-array indexing): the source is compiled as
                // GLSL 4.00 core, which has everything the extension adds.
                compileAtLaterVersion(400, name, line, first, &lines, &r)
            case "GL_EXT_gpu_shader4":
                // GLSL 1.30 has what the extension adds to 1.10/1.20 (integer operations, uint, flat/noperspective,
                // gl_VertexID, texelFetch…): the source is compiled as 1.30 (GLSLGPUShader4Lowering).
                compileAtLaterVersion(version < 130 ? 130 : 0, name, line, first, &lines, &r)
                if first { GLSLGPUShader4Lowering.rewrite(&lines, &r) }
            case "GL_AMD_texture_texture4":
                // texture4() is textureGather's older name (component 0 of the four texels), GLSL 4.00's.
                compileAtLaterVersion(version < 400 ? 400 : 0, name, line, first, &lines, &r)
                if first { r.prelude += "#define texture4 textureGather\n" }
            case "GL_ARB_shader_group_vote":
                // Votes of groups of one invocation (GLSLGroupVoteLowering), given before the source's own code
                // (glslang knows the name and defines its macro, so the line can go).
                lines[line] = ""
                if first { r.prelude += GLSLGroupVoteLowering.functions }
            case "GL_ARB_shader_clock" where version < 450:
                // glslang declares clock2x32ARB from GLSL 4.50 only (still behind the extension, whose line stays).
                r.minimumVersion = max(r.minimumVersion, 450)
            case "GL_ARB_fragment_layer_viewport" where version < 430:
                // gl_Layer and gl_ViewportIndex as fragment inputs: GLSL 4.30's, which glslang gives only there.
                compileAtLaterVersion(430, name, line, first, &lines, &r)
            case "GL_ARB_conservative_depth" where version < 420, "GL_AMD_conservative_depth" where version < 420:
                // glslang takes depth layout qualifiers on gl_FragDepth from GLSL 4.20 only (it knows neither name).
                compileAtLaterVersion(420, name, line, first, &lines, &r)
            case "GL_ARB_shader_atomic_counters" where version < 420:
                // glslang takes counters' layout(binding, offset) from GLSL 4.20 only: the source is compiled as 4.20.
                compileAtLaterVersion(420, name, line, first, &lines, &r)
                // `layout(binding = …, offset = …) uniform;` (no type) sets no counter's place (a default offset
                // is `uniform atomic_uint;`'s), as Mesa compiles it; glslang refuses it, so it goes.
                for k in lines.indices where lines[k].range(of: #"^\s*layout\s*\(\s*((binding|offset)\s*=\s*[0-9]+\s*,?\s*)+\)\s*uniform\s*;\s*$"#, options: .regularExpression) != nil {
                    lines[k] = ""
                }
            case "GL_ARB_shader_atomic_counter_ops" where version < 450:
                // glslang declares atomicCounterAddARB and the others from GLSL 4.50 only (still behind the
                // extension, whose line stays), and does not define the extension's macro: other mentions of the
                // name name VirglGL's.
                let macro = "VIRGLGL_" + name.dropFirst(3)
                for k in lines.indices where k != line && GLSLLegacyLowering.uses(lines[k], name) {
                    lines[k] = lines[k].replacingOccurrences(of: name, with: macro)
                }
                if first { r.prelude += "#define \(macro) 1\n" }
                r.minimumVersion = max(r.minimumVersion, 450)
            case "GL_ARB_cull_distance" where version < 450:
                // glslang has gl_CullDistance from GLSL 4.50 only (it does not know the extension's name).
                compileAtLaterVersion(450, name, line, first, &lines, &r)
            case "GL_ARB_shader_precision":
                // No syntax, only the precision GLSL 4.00's operations keep; glslang does not know the name.
                compileAtLaterVersion(400, name, line, first, &lines, &r)
            case "GL_MESA_shader_integer_functions":
                // glslang does not know the name: the source is compiled as GLSL 4.00 core, which has its built-ins.
                compileAtLaterVersion(400, name, line, first, &lines, &r)
            case "GL_ARB_shader_subroutine":
                // glslang does not know the name (GLSLSubroutineLowering has rewritten what it adds).
                compileAtLaterVersion(0, name, line, first, &lines, &r)
            case "GL_ARB_derivative_control" where version < 450:
                // Derivatives are fragment-shader functions; another stage may enable the extension and not use them.
                lines[line] = ""
                if first && stage == .fragment { r.prelude += derivativeFunctions }
            case _ where GLSLFramebufferFetch.extensionNames.contains(name):
                // glslang knows neither name: inout outputs and gl_LastFragData are rewritten (GLSLFramebufferFetch).
                compileAtLaterVersion(0, name, line, first, &lines, &r)
                if stage == .fragment && !handled.contains(where: { $0 != name && GLSLFramebufferFetch.extensionNames.contains($0) }) && first {
                    r.prelude += GLSLFramebufferFetch.rewrite(&lines)
                }
            case "GL_ARB_texture_query_levels" where version < 430:
                // glslang does not know the name below 4.30.
                lines[line] = ""
                if first { r.prelude += textureQueryLevelsFunctions }
            default: break
            }
        }
        return r
    }

    /// dFdxFine/dFdyFine as VirglGL intrinsics (TGSI DDX_FINE/DDY_FINE, see TGSITranslator+Intrinsics), the
    /// coarse forms as dFdx/dFdy (TGSI DDX/DDY) and the fwidth forms from them.
    static let derivativeFunctions: String = {
        var s = ""
        for t in ["float", "vec2", "vec3", "vec4"] {
            s += "\(t) virglgl_op_DDX_FINE(\(t) p) { return dFdx(p); }\n"
            s += "\(t) virglgl_op_DDY_FINE(\(t) p) { return dFdy(p); }\n"
            s += "\(t) virglgl_fwidthFine(\(t) p) { return abs(virglgl_op_DDX_FINE(p)) + abs(virglgl_op_DDY_FINE(p)); }\n"
        }
        return s + """
            #define dFdxFine virglgl_op_DDX_FINE
            #define dFdyFine virglgl_op_DDY_FINE
            #define fwidthFine virglgl_fwidthFine
            #define dFdxCoarse dFdx
            #define dFdyCoarse dFdy
            #define fwidthCoarse fwidth

            """
    }()

    /// textureQueryLevels for every sampler type GLSL 3.30 has that takes a level, as a VirglGL intrinsic (TGSI
    /// TXQ's w).
    static let textureQueryLevelsFunctions: String = {
        var s = ""
        for dim in ["1D", "2D", "3D", "Cube", "1DArray", "2DArray"] {
            for prefix in ["", "i", "u"] {
                s += "int virglgl_op_TXQ_LEVELS(\(prefix)sampler\(dim) s) { return 1; }\n"
            }
        }
        for dim in ["1D", "2D", "Cube", "1DArray", "2DArray"] {
            s += "int virglgl_op_TXQ_LEVELS(sampler\(dim)Shadow s) { return 1; }\n"
        }
        return s + "#define textureQueryLevels virglgl_op_TXQ_LEVELS\n"
    }()

    /// GL_ARB_shader_texture_lod's `…GradARB` functions a source uses, by their GLSL 1.30 names: textureGrad and
    /// textureProjGrad; the shadow forms return (d, d, d, 1) as the other GLSL 1.x shadow functions do.
    static func gradientFunctions(for source: String) -> String {
        var out = ""
        for (name, call) in gradientRenames where GLSLLegacyLowering.uses(source, name) {
            out += "#define \(name) \(call)\n"
        }
        for f in shadowGradientFunctions where GLSLLegacyLowering.uses(source, f.name) {
            // Through GL_DEPTH_TEXTURE_MODE, as the other GLSL 1.x shadow functions.
            out += GLSLLegacyLowering.shadow4Declaration + "\n"
            out += "vec4 virglgl_\(f.name)(\(f.sampler) s, \(f.coord) p, \(f.gradient) dx, \(f.gradient) dy) "
                + "{ return virglgl_op_SHADOW4(\(f.call)(s, p, dx, dy)); }\n#define \(f.name) virglgl_\(f.name)\n"
        }
        return out
    }

    static let gradientRenames: [(String, String)] = [
        ("texture1DGradARB", "textureGrad"), ("texture1DProjGradARB", "textureProjGrad"),
        ("texture2DGradARB", "textureGrad"), ("texture2DProjGradARB", "textureProjGrad"),
        ("texture3DGradARB", "textureGrad"), ("texture3DProjGradARB", "textureProjGrad"),
        ("textureCubeGradARB", "textureGrad"),
        ("texture2DRectGradARB", "textureGrad"), ("texture2DRectProjGradARB", "textureProjGrad"),
    ]

    static let shadowGradientFunctions: [(name: String, sampler: String, coord: String, gradient: String, call: String)] = [
        ("shadow1DGradARB", "sampler1DShadow", "vec3", "float", "textureGrad"),
        ("shadow1DProjGradARB", "sampler1DShadow", "vec4", "float", "textureProjGrad"),
        ("shadow2DGradARB", "sampler2DShadow", "vec3", "vec2", "textureGrad"),
        ("shadow2DProjGradARB", "sampler2DShadow", "vec4", "vec2", "textureProjGrad"),
        ("shadow2DRectGradARB", "sampler2DRectShadow", "vec3", "vec2", "textureGrad"),
        ("shadow2DRectProjGradARB", "sampler2DRectShadow", "vec4", "vec2", "textureProjGrad"),
    ]

    /// min3, max3 and mid3 for float, int and uint scalars and vectors.
    static let trinaryMinMaxFunctions: String = {
        var s = ""
        for base in ["float", "int", "uint"] {
            let vector = base == "float" ? "vec" : base == "int" ? "ivec" : "uvec"
            for t in [base] + (2...4).map({ "\(vector)\($0)" }) {
                s += "\(t) min3(\(t) a, \(t) b, \(t) c) { return min(min(a, b), c); }\n"
                s += "\(t) max3(\(t) a, \(t) b, \(t) c) { return max(max(a, b), c); }\n"
                s += "\(t) mid3(\(t) a, \(t) b, \(t) c) { return max(min(a, b), min(max(a, b), c)); }\n"
            }
        }
        return s
    }()
}
