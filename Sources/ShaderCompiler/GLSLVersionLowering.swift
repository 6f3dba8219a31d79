/// GLSL before 3.30 as glslang's SPIR-V path can take it.
///
/// glslang generates SPIR-V for desktop GL only from `#version 330` and up, and never for the compatibility
/// profile, while GL 3.3 drivers must take GLSL 1.10–1.50 too. 1.40 and 1.50 core programs are valid 3.30 core
/// programs almost always; 1.10–1.30 programs are too when they use only what 3.30 core keeps (glslang still takes
/// `attribute`, `varying`, `texture2D`, `gl_FragColor` and `gl_FragData` under 3.30 core). So the version line is
/// raised to `#version 330 core`, followed by a `#line` so that info-log line numbers stay the program's own.
/// What 3.30 core lacks (`gl_Vertex`, the fixed-function matrices, …) fails to compile with glslang's message.
public enum GLSLVersionLowering {
    /// The first GLSL version glslang turns into SPIR-V for OpenGL.
    public static let spirvMinimum = 330

    /// The `#version` a source declares (110 without one), and the 0-based index of its line, if any.
    public static func declaredVersion(_ source: String) -> (version: Int, line: Int?) {
        var index = 0, inComment = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { index += 1 }
            // Inside a block comment (comments may come before #version): skip to its end.
            if inComment {
                guard let end = line.range(of: "*/") else { continue }
                if !line[end.upperBound...].trimmingCharacters(in: .whitespaces).isEmpty { break }
                inComment = false
                continue
            }
            let trimmedStart = line.drop { $0 == " " || $0 == "\t" }
            if trimmedStart.hasPrefix("/*"), !trimmedStart.contains("*/") {
                inComment = true
                continue
            }
            let words = directiveWords(line)
            if words.first == "version", words.count >= 2, let v = Int(words[1]) { return (v, index) }
            if let first = words.first, first != "version" { break }  // another directive: no #version may follow
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if !trimmed.isEmpty && !trimmed.hasPrefix("//") && !trimmed.hasPrefix("/*") && !trimmed.hasPrefix("*") && words.isEmpty {
                break  // code before any #version
            }
        }
        return (110, nil)
    }

    /// `source` with its version raised to 3.30 core when it is older (or to what an extension it enables needs,
    /// `GLSLExtensionLowering`), and the compatibility built-ins it uses declared as ordinary variables
    /// (`GLSLLegacyLowering`); a 3.30+ core source that needs neither is returned as it is.
    /// `link`: the source is one of several compilation units of its stage, lowered for a program's link
    /// (GLSLSubroutineLowering).
    public static func lower(_ source: String, stage: ShaderStage, link: GLSLSubroutineLowering.LinkUnit? = nil) -> String {
        let (version, lineIndex) = declaredVersion(source)
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let lineIndex, GLSLESLowering.isCompiledAsES(lines, version: version, lineIndex: lineIndex) { return GLSLESLowering.lower(lines, lineIndex: lineIndex, stage: stage) }
        let compatibility = lineIndex.map { directiveWords(Substring(lines[$0])).contains("compatibility") } ?? false
        // Before the extension lines are rewritten: the lowering reads `#extension GL_ARB_shader_subroutine`.
        let subroutines = GLSLSubroutineLowering.lower(&lines, version: version, stage: stage, link: link)
        let extensions = GLSLExtensionLowering.rewrite(&lines, version: version, stage: stage)
        let layouts = rewriteBlockLayouts(&lines)
        // gl_DepthRange is not among glslang's SPIR-V built-ins: a uniform struct the driver fills from glDepthRange.
        let depthRange = GLSLLegacyLowering.uses(source, "gl_DepthRange")
        // Nor gl_NumSamples (GLSL 4.00, ARB_sample_shading): a uniform the driver fills from the framebuffer.
        let numSamples = stage == .fragment && GLSLLegacyLowering.uses(source, "gl_NumSamples")
        // A fragment shader's gl_PrimitiveID counts GL primitives; quads the driver draws as triangle pairs need
        // the host's number halved (GLSLPrimitiveIDLowering).
        let primitiveID = stage == .fragment && GLSLLegacyLowering.uses(source, "gl_PrimitiveID")
        // gl_PerVertex redeclarations before GLSL 4.10 need glslang told about separate shader objects (below).
        let perVertexBefore410 = version < 410 && GLSLLegacyLowering.uses(source, "gl_PerVertex")
        // So do `layout(location)` interface blocks (GLSL 4.10 or ARB_separate_shader_objects) before GLSL 4.40:
        // glslang takes them only with GL_ARB_enhanced_layouts.
        let locatedBlocks = version < 440 && GLSLLegacyLowering.uses(source, "location")
            && (version >= 410 || source.contains("GL_ARB_separate_shader_objects"))
            && (ProgramCompiler.explicitVaryingKeys([source], storage: "in").union(ProgramCompiler.explicitVaryingKeys([source], storage: "out")))
                .contains { $0.hasPrefix("block ") }
        guard version < spirvMinimum || compatibility || !extensions.isEmpty || depthRange || numSamples || primitiveID || subroutines || perVertexBefore410
            || locatedBlocks else {
            return layouts ? lines.joined(separator: "\n") : source
        }
        let target = max(spirvMinimum, extensions.minimumVersion, compatibility ? 0 : version)
        var modernOutputs = ""
        if target >= 420 && version < 420 {
            // Raised past 4.10 for an extension (arrays of arrays): 4.20+ core has no `attribute`/`varying` and no
            // gl_FragColor/gl_FragData, so they become in/out and outputs of VirglGL's own.
            let inputWord = stage == .vertex ? "in" : "in", varyingWord = stage == .fragment ? "in" : "out"
            for (i, line) in lines.enumerated() where GLSLLegacyLowering.uses(line, "varying") || GLSLLegacyLowering.uses(line, "attribute") {
                lines[i] = line.split(separator: " ", omittingEmptySubsequences: false).map {
                    $0 == "varying" ? varyingWord : $0 == "attribute" ? inputWord : String($0)
                }.joined(separator: " ")
            }
            if stage == .fragment {
                if GLSLLegacyLowering.uses(source, "gl_FragColor") {
                    modernOutputs += "out vec4 virglgl_FragColor;\n#define gl_FragColor virglgl_FragColor\n"
                } else if GLSLLegacyLowering.uses(source, "gl_FragData") {
                    modernOutputs += "out vec4 virglgl_FragData[8];\n#define gl_FragData virglgl_FragData\n"
                }
            }
        }
        if target < 420 {
            // Line continuations (a backslash ending a line, which Mesa takes at any version) are GLSL 4.20's:
            // joined here, the continued line left empty so line numbers stay.
            var i = 0
            while i < lines.count {
                var next = i + 1
                while lines[i].hasSuffix("\\"), next < lines.count {
                    lines[i] = String(lines[i].dropLast()) + lines[next]
                    lines[next] = ""
                    next += 1
                }
                i = next
            }
        }
        if compatibility {
            // A compatibility gl_PerVertex redeclaration may list gl_ClipVertex, gl_FrontColor, …: those are
            // lowered to variables of their own, so they leave the block.
            var inBlock = false
            for (i, line) in lines.enumerated() {
                if GLSLLegacyLowering.uses(line, "gl_PerVertex") { inBlock = true }
                if inBlock, GLSLLegacyLowering.builtins.contains(where: { GLSLLegacyLowering.uses(line, $0.name) }) { lines[i] = "" }
                if inBlock && line.contains("}") { inBlock = false }
            }
        }
        if (version < 140 || compatibility) && stage == .geometry {
            // `varying` in a compatibility geometry shader declares an output (as in a vertex shader); glslang takes
            // it for an input.
            for (i, line) in lines.enumerated() where GLSLLegacyLowering.uses(line, "varying") {
                lines[i] = line.split(separator: " ", omittingEmptySubsequences: false)
                    .map { $0 == "varying" ? "out" : String($0) }.joined(separator: " ")
            }
        }
        var clipVertexInput = ""
        if compatibility && stage.readsVertexArrays {
            // gl_in[v].gl_ClipVertex, gl_in[v].gl_FrontColor, gl_in[v].gl_TexCoord[t], …: the vertex stage's lowered
            // outputs, read as input arrays of their own (`virglgl_ClipVertexIn[v]`; the translator gives them the
            // vertex stage's semantics and slots).
            for (i, line) in lines.enumerated() where line.contains("gl_in") {
                lines[i] = GLSLLegacyLowering.rewriteInputBuiltins(line)
            }
            for input in GLSLLegacyLowering.perVertexInputs where lines.contains(where: { GLSLLegacyLowering.uses($0, input.variable) }) {
                clipVertexInput += input.declaration + "\n"
            }
            if stage == .tessControl {
                // gl_out[v].gl_ClipVertex: an output array of its own, which the evaluation stage reads as
                // gl_in[v].gl_ClipVertex (virglgl_ClipVertexIn; the translator matches them by name).
                for (i, line) in lines.enumerated() where line.contains("gl_out") {
                    lines[i] = GLSLLegacyLowering.rewritePerVertexMembers(line, array: "gl_out", GLSLLegacyLowering.perVertexOutputs)
                }
                for output in GLSLLegacyLowering.perVertexOutputs where lines.contains(where: { GLSLLegacyLowering.uses($0, output.variable) }) {
                    clipVertexInput += output.declaration + "\n"
                }
            }
        }
        // GLSL 1.50 may redeclare gl_PerVertex; glslang allows that at 3.30 only with separate shader objects.
        let perVertex = (GLSLLegacyLowering.uses(source, "gl_PerVertex") ? "#extension GL_ARB_separate_shader_objects : enable\n" : "")
            + (locatedBlocks ? "#extension GL_ARB_enhanced_layouts : enable\n" : "")
        if version < 140 || compatibility {
            // A gl_TexCoord redeclaration only sizes the array (GLSL 1.10 §7.6), and stages may size it differently:
            // the lowered array keeps gl_MaxTextureCoords elements (glslang refuses differing sizes across stages).
            for (i, line) in lines.enumerated() where GLSLLegacyLowering.redeclares(line, "gl_TexCoord") {
                let statement = line.trimmingCharacters(in: .whitespaces)
                if statement.hasSuffix(";"), statement.filter({ $0 == ";" }).count == 1 { lines[i] = "" }
            }
        }
        if version == 110 {
            // Words that later GLSL versions made keywords are identifiers in GLSL 1.10 (`float lowp;`, `mat4x2`
            // as a name): renamed, as the source is compiled at a version where they are keywords.
            // `layout` is a keyword in GLSL 1.10 too under an extension that brings layout qualifiers.
            let keywords = enablesLayoutQualifiers(source) ? laterKeywords.subtracting(["layout"]) : laterKeywords
            for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#version")
                && keywords.contains(where: { GLSLLegacyLowering.uses(line, $0) }) {
                lines[i] = renamingWords(line, keywords)
            }
        }
        let legacySource = version < 140 || compatibility ? lines.joined(separator: "\n") : source
        let depthRangeDeclaration = (depthRange
            ? "struct virglgl_DepthRangeParameters { float near; float far; float diff; };\nuniform virglgl_DepthRangeParameters virglgl_DepthRange;\n#define gl_DepthRange virglgl_DepthRange\n"
            : "") + (numSamples ? "uniform int virglgl_NumSamples;\n#define gl_NumSamples virglgl_NumSamples\n" : "")
            + (primitiveID ? GLSLPrimitiveIDLowering.fragmentPrelude : "")
        let colorClamp = version < 140 || compatibility ? GLSLVertexColorClamp.wrap(legacySource, stage: stage) : (prelude: "", epilogue: "")
        let prelude = perVertex + clipVertexInput + modernOutputs + depthRangeDeclaration + extensions.prelude + GLSLLegacyLowering.textureFunctions(for: source, stage: stage)
            + (version < 140 || compatibility ? GLSLLegacyLowering.prelude(for: legacySource, stage: stage) : "") + colorClamp.prelude
        // Extensions whose functions the texture macros give and that glslang does not know.
        for (i, line) in lines.enumerated() {
            let words = directiveWords(Substring(line))
            if words.first == "extension", words.count >= 2,
               ["GL_EXT_texture_array", "GL_EXT_texture_array:", "GL_EXT_gpu_shader4", "GL_EXT_gpu_shader4:"].contains(String(words[1])) {
                lines[i] = ""
            }
        }
        if let lineIndex {
            lines[lineIndex] = "#version \(target) core\n\(prelude)#line \(lineIndex + 2)"
        } else {
            lines.insert("#version \(target) core\n\(prelude)#line 1", at: 0)
        }
        if !colorClamp.epilogue.isEmpty { lines.append(colorClamp.epilogue) }
        return lines.joined(separator: "\n")
    }

    /// Keywords of GLSL 1.20–3.30 that GLSL 1.10 neither has nor reserves (its reserved words stay errors).
    static let laterKeywords: Set<String> = [
        "lowp", "mediump", "highp", "precision", "invariant", "centroid", "flat", "smooth", "noperspective", "layout",
        "uint", "uvec2", "uvec3", "uvec4",
        "mat2x2", "mat2x3", "mat2x4", "mat3x2", "mat3x3", "mat3x4", "mat4x2", "mat4x3", "mat4x4",
    ]

    /// Extensions that give GLSL 1.10 and 1.20 the `layout` qualifier.
    static let layoutExtensions: Set<String> = [
        "GL_ARB_explicit_attrib_location", "GL_ARB_explicit_uniform_location", "GL_ARB_fragment_coord_conventions",
        "GL_ARB_uniform_buffer_object", "GL_ARB_separate_shader_objects", "GL_ARB_shading_language_420pack",
        "GL_ARB_conservative_depth", "GL_AMD_conservative_depth", "GL_ARB_enhanced_layouts", "GL_ARB_shader_image_load_store",
        "GL_ARB_shader_storage_buffer_object", "GL_ARB_compute_shader", "GL_ARB_shader_atomic_counters",
        "GL_ARB_tessellation_shader", "GL_ARB_gpu_shader5", "GL_ARB_sample_shading", "GL_ARB_viewport_array",
    ]

    /// Whether `source` enables (or requires) an extension of `layoutExtensions`.
    static func enablesLayoutQualifiers(_ source: String) -> Bool {
        source.split(separator: "\n").contains { line in
            let words = directiveWords(line)
            guard words.first == "extension", words.count >= 2 else { return false }
            let name = words[1].hasSuffix(":") ? String(words[1].dropLast()) : String(words[1])
            return layoutExtensions.contains(name) && !line.contains("disable")
        }
    }

    /// `line` with each whole word in `words` prefixed `virglgl_`.
    static func renamingWords(_ line: String, _ words: Set<String>) -> String {
        var out = "", word = ""
        func flush() {
            out += words.contains(word) ? "virglgl_" + word : word
            word = ""
        }
        for c in line {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// `layout(shared)` and `layout(packed)` blocks as `layout(std140)`: glslang refuses both when it makes
    /// SPIR-V, and std140 is one layout each of them may be (GL 4.6 §7.6.2.2: shared is implementation-defined
    /// but the same across programs, packed anything). Returns whether a line changed.
    static func rewriteBlockLayouts(_ lines: inout [String]) -> Bool {
        var changed = false
        for (i, line) in lines.enumerated() where line.contains("layout") && (line.contains("shared") || line.contains("packed")) {
            var out = "", rest = Substring(line)
            while let open = rest.range(of: "layout") {
                guard let paren = rest[open.upperBound...].firstIndex(of: "("), let close = rest[paren...].firstIndex(of: ")") else { break }
                out += rest[...paren]
                rest = rest[rest.index(after: paren)...]
                let qualifiers = rest[..<close].split(separator: ",", omittingEmptySubsequences: false).map { q -> String in
                    let word = q.trimmingCharacters(in: .whitespaces)
                    return word == "shared" || word == "packed" ? q.replacingOccurrences(of: word, with: "std140") : String(q)
                }
                out += qualifiers.joined(separator: ",")
                rest = rest[close...]
            }
            out += rest
            if out != line {
                lines[i] = out
                changed = true
            }
        }
        return changed
    }

    /// The words of a preprocessor directive line (`#  version 150 core` → ["version", "150", "core"]), or [].
    static func directiveWords(_ line: Substring) -> [Substring] {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "#" else { return [] }
        return trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }
}

/// The compatibility-profile built-ins of GLSL 1.10–1.30 (`gl_Vertex`, `gl_Color`, `gl_ModelViewProjectionMatrix`,
/// `gl_TexCoord`, `gl_FrontColor`, `ftransform()`, …) as ordinary inputs, outputs and uniforms, by macro: each one a
/// source uses becomes a `virglgl_` variable. The driver binds the vertex inputs to the fixed-function attribute
/// locations and fills the matrix uniforms from its matrix stacks; vertex outputs and fragment inputs meet by
/// name (`gl_FrontColor` → fragment `gl_Color`). A source that redeclares a built-in (GLSL 1.30's
/// `flat out vec4 gl_FrontColor;`) keeps its own declaration, renamed by the same macro.
public enum GLSLLegacyLowering {
    struct Builtin {
        var name: String
        var declaration: String
        var stage: ShaderStage
    }

    static let builtins: [Builtin] = {
        var b: [Builtin] = [
            Builtin(name: "gl_Vertex", declaration: "in vec4 virglgl_Vertex;", stage: .vertex),
            Builtin(name: "gl_Normal", declaration: "in vec3 virglgl_Normal;", stage: .vertex),
            Builtin(name: "gl_Color", declaration: "in vec4 virglgl_Color;", stage: .vertex),
            Builtin(name: "gl_SecondaryColor", declaration: "in vec4 virglgl_SecondaryColor;", stage: .vertex),
            Builtin(name: "gl_FogCoord", declaration: "in float virglgl_FogCoord;", stage: .vertex),
            Builtin(name: "gl_ModelViewMatrix", declaration: "uniform mat4 virglgl_ModelViewMatrix;", stage: .vertex),
            Builtin(name: "gl_ProjectionMatrix", declaration: "uniform mat4 virglgl_ProjectionMatrix;", stage: .vertex),
            Builtin(name: "gl_ModelViewProjectionMatrix", declaration: "uniform mat4 virglgl_ModelViewProjectionMatrix;", stage: .vertex),
            Builtin(name: "gl_NormalMatrix", declaration: "uniform mat3 virglgl_NormalMatrix;", stage: .vertex),
            Builtin(name: "gl_TextureMatrix", declaration: "uniform mat4 virglgl_TextureMatrix[8];", stage: .vertex),
            Builtin(name: "gl_FrontColor", declaration: "out vec4 virglgl_FrontColor;", stage: .vertex),
            Builtin(name: "gl_BackColor", declaration: "out vec4 virglgl_BackColor;", stage: .vertex),
            Builtin(name: "gl_FrontSecondaryColor", declaration: "out vec4 virglgl_FrontSecondaryColor;", stage: .vertex),
            Builtin(name: "gl_BackSecondaryColor", declaration: "out vec4 virglgl_BackSecondaryColor;", stage: .vertex),
            Builtin(name: "gl_TexCoord", declaration: "out vec4 virglgl_TexCoord[8];", stage: .vertex),
            Builtin(name: "gl_FogFragCoord", declaration: "out float virglgl_FogFragCoord;", stage: .vertex),
            Builtin(name: "gl_ClipVertex", declaration: "out vec4 virglgl_ClipVertex;", stage: .vertex),
            // A compatibility geometry shader writes the vertex outputs and reads the matrices too.
            Builtin(name: "gl_ClipVertex", declaration: "out vec4 virglgl_ClipVertex;", stage: .geometry),
            Builtin(name: "gl_FrontColor", declaration: "out vec4 virglgl_FrontColor;", stage: .geometry),
            Builtin(name: "gl_BackColor", declaration: "out vec4 virglgl_BackColor;", stage: .geometry),
            Builtin(name: "gl_FrontSecondaryColor", declaration: "out vec4 virglgl_FrontSecondaryColor;", stage: .geometry),
            Builtin(name: "gl_BackSecondaryColor", declaration: "out vec4 virglgl_BackSecondaryColor;", stage: .geometry),
            Builtin(name: "gl_TexCoord", declaration: "out vec4 virglgl_TexCoord[8];", stage: .geometry),
            Builtin(name: "gl_FogFragCoord", declaration: "out float virglgl_FogFragCoord;", stage: .geometry),
            Builtin(name: "gl_ModelViewMatrix", declaration: "uniform mat4 virglgl_ModelViewMatrix;", stage: .geometry),
            Builtin(name: "gl_ProjectionMatrix", declaration: "uniform mat4 virglgl_ProjectionMatrix;", stage: .geometry),
            Builtin(name: "gl_ModelViewProjectionMatrix", declaration: "uniform mat4 virglgl_ModelViewProjectionMatrix;", stage: .geometry),
            // In a fragment shader gl_Color is the interpolated front colour (two-sided colour is not lowered).
            Builtin(name: "gl_Color", declaration: "in vec4 virglgl_FrontColor;", stage: .fragment),
            Builtin(name: "gl_SecondaryColor", declaration: "in vec4 virglgl_FrontSecondaryColor;", stage: .fragment),
            Builtin(name: "gl_TexCoord", declaration: "in vec4 virglgl_TexCoord[8];", stage: .fragment),
            Builtin(name: "gl_FogFragCoord", declaration: "in float virglgl_FogFragCoord;", stage: .fragment),
        ]
        for i in 0..<8 {
            b.append(Builtin(name: "gl_MultiTexCoord\(i)", declaration: "in vec4 virglgl_MultiTexCoord\(i);", stage: .vertex))
        }
        // The matrices are uniforms of every stage (GLSL 1.10 §7.4).
        for name in ["gl_ModelViewMatrix", "gl_ProjectionMatrix", "gl_ModelViewProjectionMatrix", "gl_NormalMatrix", "gl_TextureMatrix"] {
            if let v = b.first(where: { $0.name == name && $0.stage == .vertex }) {
                b.append(Builtin(name: name, declaration: v.declaration, stage: .fragment))
            }
        }
        // A compatibility tessellation evaluation shader, the last vertex stage before a fragment shader, has the
        // geometry shader's.
        b += b.filter { $0.stage == .geometry }.map { Builtin(name: $0.name, declaration: $0.declaration, stage: .tessEvaluation) }
        return b
    }()

    /// The variable a built-in's declaration names (`virglgl_FrontColor`).
    static func variable(_ b: Builtin) -> String {
        let words = b.declaration.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "[" })
        return String(words.first { $0.hasPrefix("virglgl_") } ?? "")
    }

    /// The compatibility outputs a geometry shader reads per vertex (`gl_in[v].gl_FrontColor`): the variable
    /// `rewriteInputBuiltins` reads instead, and its declaration.
    static let perVertexInputs: [(member: String, variable: String, declaration: String)] = [
        ("gl_ClipVertex", "virglgl_ClipVertexIn", "in vec4 virglgl_ClipVertexIn[];"),
        ("gl_FrontColor", "virglgl_FrontColorIn", "in vec4 virglgl_FrontColorIn[];"),
        ("gl_BackColor", "virglgl_BackColorIn", "in vec4 virglgl_BackColorIn[];"),
        ("gl_FrontSecondaryColor", "virglgl_FrontSecondaryColorIn", "in vec4 virglgl_FrontSecondaryColorIn[];"),
        ("gl_BackSecondaryColor", "virglgl_BackSecondaryColorIn", "in vec4 virglgl_BackSecondaryColorIn[];"),
        // An array per vertex: a block (arrays of arrays need GLSL 4.30), whose name the translator maps back.
        ("gl_TexCoord", "virglgl_TexCoordIn", "in virglgl_TexCoordBlock { vec4 virglgl_TexCoord[8]; } virglgl_TexCoordIn[];"),
        ("gl_FogFragCoord", "virglgl_FogFragCoordIn", "in float virglgl_FogFragCoordIn[];"),
    ]

    /// `gl_in[e].gl_ClipVertex` → `virglgl_ClipVertexIn[e]`, and so for each of `perVertexInputs` (brackets
    /// matched, so `e` may index itself).
    static func rewriteInputBuiltins(_ line: String) -> String {
        rewritePerVertexMembers(line, array: "gl_in", perVertexInputs)
    }

    /// The compatibility outputs a tessellation control shader writes per vertex (`gl_out[v].gl_ClipVertex`).
    static let perVertexOutputs: [(member: String, variable: String, declaration: String)] = [
        ("gl_ClipVertex", "virglgl_ClipVertexOut", "out vec4 virglgl_ClipVertexOut[];"),
    ]

    /// `array[e].member` → `variable[e]` for each of `members` (brackets matched, so `e` may index itself).
    static func rewritePerVertexMembers(_ line: String, array: String, _ members: [(member: String, variable: String, declaration: String)]) -> String {
        let perVertexInputs = members
        var out = "", rest = Substring(line)
        while let r = rest.range(of: array) {
            out += rest[..<r.lowerBound]
            var j = r.upperBound
            while j < rest.endIndex, rest[j] == " " { j = rest.index(after: j) }
            guard j < rest.endIndex, rest[j] == "[" else {
                out += rest[r]
                rest = rest[r.upperBound...]
                continue
            }
            var depth = 0, close = j
            for k in rest[j...].indices {
                if rest[k] == "[" { depth += 1 }
                if rest[k] == "]" { depth -= 1; if depth == 0 { close = k; break } }
            }
            let after = rest[rest.index(after: close)...]
            let trimmed = after.drop { $0 == " " }
            let member = trimmed.dropFirst().drop(while: { $0 == " " })
            if trimmed.hasPrefix("."), let input = perVertexInputs.first(where: { input in
                member.hasPrefix(input.member) && !(member.dropFirst(input.member.count).first.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false)
            }) {
                out += input.variable + rest[j...close] + (input.member == "gl_TexCoord" ? ".virglgl_TexCoord" : "")
                rest = member.dropFirst(input.member.count)
            } else {
                out += rest[r.lowerBound...close]
                rest = after
            }
        }
        return out + rest
    }

    /// Whether `word` occurs in `source` as a whole identifier.
    static func uses(_ source: String, _ word: String) -> Bool {
        var search = source[...]
        while let r = search.range(of: word) {
            let before = r.lowerBound == source.startIndex ? nil : source[source.index(before: r.lowerBound)]
            let after = r.upperBound == source.endIndex ? nil : source[r.upperBound]
            func isIdentifier(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isIdentifier(before) && !isIdentifier(after) { return true }
            search = source[r.upperBound...]
        }
        return false
    }

    /// Whether `source` declares `name` itself (a GLSL 1.30 redeclaration with qualifiers).
    static func redeclares(_ source: String, _ name: String) -> Bool {
        // One declaration at a time: statements end at ; { } as well as at line ends.
        for line in source.split(whereSeparator: { "\n;{}".contains($0) }) {
            let words = line.split(whereSeparator: { " \t[".contains($0) })
            guard let i = words.firstIndex(where: { $0 == Substring(name) }), i >= 2 else { continue }
            if words[..<i].contains(where: { ["in", "out", "varying", "attribute", "uniform"].contains($0) }) { return true }
        }
        return false
    }

    /// GLSL 1.x texture functions by their 3.30 names: `texture2D(s, p)` is `texture(s, p)`, and the shadow
    /// forms return the lookup through GL_DEPTH_TEXTURE_MODE (the sampler view the driver gives them).
    static let textureRenames: [(String, String)] = [
        ("texture1D", "#define texture1D texture"), ("texture2D", "#define texture2D texture"),
        ("texture3D", "#define texture3D texture"), ("textureCube", "#define textureCube texture"),
        ("texture2DRect", "#define texture2DRect texture"), ("texture1DArray", "#define texture1DArray texture"),
        ("texture2DArray", "#define texture2DArray texture"),
        ("texture1DLod", "#define texture1DLod textureLod"), ("texture2DLod", "#define texture2DLod textureLod"),
        ("texture3DLod", "#define texture3DLod textureLod"), ("textureCubeLod", "#define textureCubeLod textureLod"),
        ("texture1DArrayLod", "#define texture1DArrayLod textureLod"), ("texture2DArrayLod", "#define texture2DArrayLod textureLod"),
        ("texture1DProj", "#define texture1DProj textureProj"), ("texture2DProj", "#define texture2DProj textureProj"),
        ("texture3DProj", "#define texture3DProj textureProj"), ("texture2DRectProj", "#define texture2DRectProj textureProj"),
        ("texture1DProjLod", "#define texture1DProjLod textureProjLod"), ("texture2DProjLod", "#define texture2DProjLod textureProjLod"),
        ("texture3DProjLod", "#define texture3DProjLod textureProjLod"),
    ]

    /// The GLSL 1.x texture functions' signatures: sampler, coordinate types, and the extra argument (a bias in
    /// fragment shaders, a lod, or none).
    static let textureSignatures: [String: (sampler: String, coords: [String], extra: String)] = [
        "texture1D": ("sampler1D", ["float"], "bias"), "texture2D": ("sampler2D", ["vec2"], "bias"),
        "texture3D": ("sampler3D", ["vec3"], "bias"), "textureCube": ("samplerCube", ["vec3"], "bias"),
        "texture2DRect": ("sampler2DRect", ["vec2"], ""), "texture1DArray": ("sampler1DArray", ["vec2"], "bias"),
        "texture2DArray": ("sampler2DArray", ["vec3"], "bias"),
        "texture1DLod": ("sampler1D", ["float"], "lod"), "texture2DLod": ("sampler2D", ["vec2"], "lod"),
        "texture3DLod": ("sampler3D", ["vec3"], "lod"), "textureCubeLod": ("samplerCube", ["vec3"], "lod"),
        "texture1DArrayLod": ("sampler1DArray", ["vec2"], "lod"), "texture2DArrayLod": ("sampler2DArray", ["vec3"], "lod"),
        "texture1DProj": ("sampler1D", ["vec2", "vec4"], "bias"), "texture2DProj": ("sampler2D", ["vec3", "vec4"], "bias"),
        "texture3DProj": ("sampler3D", ["vec4"], "bias"), "texture2DRectProj": ("sampler2DRect", ["vec3", "vec4"], ""),
        "texture1DProjLod": ("sampler1D", ["vec2", "vec4"], "lod"), "texture2DProjLod": ("sampler2D", ["vec3", "vec4"], "lod"),
        "texture3DProjLod": ("sampler3D", ["vec4"], "lod"),
    ]

    /// `textureRenames` as functions (`vec4 virglgl_texture2D(sampler2D s, vec2 p) { return texture(s, p); }`
    /// and a macro to them), for a source whose own identifier `texture` would hide the 3.30 function.
    static func textureWrappers(for source: String, stage: ShaderStage) -> [String] {
        var lines: [String] = []
        for (name, rename) in textureRenames where uses(source, name) {
            guard let sig = textureSignatures[name], let call = rename.split(separator: " ").last else { continue }
            for coord in sig.coords {
                let head = "vec4 virglgl_\(name)(\(sig.sampler) s, \(coord) p"
                switch sig.extra {
                case "lod": lines.append("\(head), float l) { return \(call)(s, p, l); }")
                default:
                    lines.append("\(head)) { return \(call)(s, p); }")
                    if sig.extra == "bias" && stage == .fragment { lines.append("\(head), float b) { return \(call)(s, p, b); }") }
                }
            }
            lines.append("#define \(name) virglgl_\(name)")
        }
        return lines
    }

    /// The shadow functions: name, sampler type, coordinate type, the 3.30 function, and whether a lod
    /// argument is part of the name's signature.
    static let shadowFunctions: [(name: String, sampler: String, coord: String, call: String, lod: Bool)] = [
        ("shadow1D", "sampler1DShadow", "vec3", "texture", false), ("shadow2D", "sampler2DShadow", "vec3", "texture", false),
        ("shadow2DRect", "sampler2DRectShadow", "vec3", "texture", false),
        ("shadow1DArray", "sampler1DArrayShadow", "vec3", "texture", false),
        ("shadow2DArray", "sampler2DArrayShadow", "vec4", "texture", false),
        ("shadow1DProj", "sampler1DShadow", "vec4", "textureProj", false), ("shadow2DProj", "sampler2DShadow", "vec4", "textureProj", false),
        ("shadow2DRectProj", "sampler2DRectShadow", "vec4", "textureProj", false),
        ("shadow1DLod", "sampler1DShadow", "vec3", "textureLod", true), ("shadow2DLod", "sampler2DShadow", "vec3", "textureLod", true),
        ("shadow1DProjLod", "sampler1DShadow", "vec4", "textureProjLod", true), ("shadow2DProjLod", "sampler2DShadow", "vec4", "textureProjLod", true),
    ]

    /// `virglgl_op_SHADOW4`, declared once however many preludes ask for it.
    static let shadow4Declaration =
        "#ifndef VIRGLGL_SHADOW4\n#define VIRGLGL_SHADOW4\nvec4 virglgl_op_SHADOW4(float d) { return vec4(vec3(d), 1.0); }\n#endif"

    /// The texture-function macros `source` needs; the shadow forms are functions (with the bias overload in
    /// fragment shaders) that return the lookup through GL_DEPTH_TEXTURE_MODE (`virglgl_op_SHADOW4`).
    public static func textureFunctions(for source: String, stage: ShaderStage) -> String {
        // Before GLSL 1.30 `texture` may name the program's own variable (`uniform sampler2D texture;`), which
        // would hide the 3.30 function the macros call: the functions are then wrappers defined ahead of it.
        let wrap = GLSLVersionLowering.declaredVersion(source).version < 130 && uses(source, "texture")
        var lines = wrap ? textureWrappers(for: source, stage: stage) : textureRenames.filter { uses(source, $0.0) }.map(\.1)
        if shadowFunctions.contains(where: { uses(source, $0.name) }) {
            // The lookup's whole result, which the host puts through the view's swizzle (GL_DEPTH_TEXTURE_MODE);
            // the body is what it means for the default mode (the translator never inlines it).
            lines.append(shadow4Declaration)
        }
        for f in shadowFunctions where uses(source, f.name) {
            let v = "virglgl_\(f.name)"
            if f.lod {
                lines.append("vec4 \(v)(\(f.sampler) s, \(f.coord) p, float l) { return virglgl_op_SHADOW4(\(f.call)(s, p, l)); }")
            } else {
                lines.append("vec4 \(v)(\(f.sampler) s, \(f.coord) p) { return virglgl_op_SHADOW4(\(f.call)(s, p)); }")
                if stage == .fragment && !f.sampler.contains("Rect") && !f.sampler.contains("2DArray") {
                    lines.append("vec4 \(v)(\(f.sampler) s, \(f.coord) p, float b) { return virglgl_op_SHADOW4(\(f.call)(s, p, b)); }")
                }
            }
            lines.append("#define \(f.name) \(v)")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The macro lines (and declarations) that stand in for the built-ins `source` uses in `stage`.
    public static func prelude(for source: String, stage: ShaderStage) -> String {
        var lines: [String] = []
        var needed = builtins.filter { $0.stage == stage && uses(source, $0.name) }
        if stage == .vertex && uses(source, "ftransform") {
            for name in ["gl_Vertex", "gl_ModelViewProjectionMatrix"] where !needed.contains(where: { $0.name == name }) {
                needed.append(builtins.first { $0.name == name && $0.stage == .vertex }!)
            }
            lines.append("#define ftransform() (virglgl_ModelViewProjectionMatrix * virglgl_Vertex)")
        }
        // The transposed and inverted matrices (GLSL 1.30 compatibility), computed from the matrices.
        for base in ["ModelView", "Projection", "ModelViewProjection"] {
            let matrix = "gl_\(base)Matrix"
            let forms = [("InverseTranspose", "transpose(inverse(virglgl_\(base)Matrix))"), ("Transpose", "transpose(virglgl_\(base)Matrix)"),
                         ("Inverse", "inverse(virglgl_\(base)Matrix)")].filter { uses(source, matrix + $0.0) }
            guard !forms.isEmpty, let b = builtins.first(where: { $0.name == matrix && $0.stage == stage }) else { continue }
            if !needed.contains(where: { $0.name == matrix }) { needed.append(b) }
            for (suffix, value) in forms { lines.append("#define \(matrix)\(suffix) (\(value))") }
        }
        let lights = lightSourcePrelude(for: source)
        if !lights.isEmpty { lines.append(String(lights.dropLast())) }
        for b in needed {
            lines.append("#define \(b.name) \(variable(b))")
            if !redeclares(source, b.name) { lines.append(b.declaration) }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
