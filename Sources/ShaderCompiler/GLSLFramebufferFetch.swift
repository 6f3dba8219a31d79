import Foundation

/// GL_EXT_shader_framebuffer_fetch and GL_EXT_shader_framebuffer_fetch_non_coherent, which glslang does not know:
/// a fragment shader reads the colour its outputs' buffers hold, through `inout` outputs (GLSL 1.30+, GLSL ES
/// 3.00) or `gl_LastFragData[i]` (GLSL ES 1.00).
///
/// The source is rewritten so that glslang sees ordinary GLSL (line numbers kept):
/// - `[layout(noncoherent)] inout T name[N];` becomes `out T name[N];` plus a global `T virglgl_LastFrag_name[N];`
///   (same precision),
///   and main begins with `name = virglgl_LastFrag_name;` (an `inout` output starts as the colour it reads);
/// - `gl_LastFragData` becomes `virglgl_LastFrag_gl_FragData`, a global `vec4[gl_MaxDrawBuffers]` (a shader's
///   redeclaration of it, which only sets its precision, goes).
///
/// A global named `virglgl_LastFrag_OUTPUT` is the framebuffer's colour under output `OUTPUT`: the SPIR-V → TGSI
/// translator fills it with TGSI `FBFETCH` of that output's registers at main's start
/// (`TGSITranslator+FramebufferFetch`), which virglrenderer writes as the host GLSL's `inout` output. The
/// non-coherent extension's reads are coherent here (the host's fetch is), which its spec allows.
public enum GLSLFramebufferFetch {
    /// The prefix of the globals that stand for an output's framebuffer colour.
    public static let prefix = "virglgl_LastFrag_"

    /// The extensions whose `#extension` lines this pass handles.
    public static let extensionNames: Set<String> = ["GL_EXT_shader_framebuffer_fetch", "GL_EXT_shader_framebuffer_fetch_non_coherent"]

    /// `[layout(…)] inout [precision] TYPE NAME [\[N\]];` on one line, at the start of a statement.
    static let inoutDeclaration = try! NSRegularExpression(
        pattern: #"^(\s*)(?:layout\s*\(([^)]*)\)\s*)?inout\s+((?:(?:lowp|mediump|highp)\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\[[^\]]*\])?\s*;"#)

    /// A redeclaration of gl_LastFragData (GLSL ES 1.00 with the extension: only its precision and coherence change).
    static let lastFragDataRedeclaration = try! NSRegularExpression(
        pattern: #"^\s*(?:layout\s*\([^)]*\)\s*)?(?:(?:lowp|mediump|highp)\s+)?vec4\s+gl_LastFragData\s*\[[^\]]*\]\s*;\s*$"#)

    /// `void main()` up to its body's `{`.
    static let mainHeader = try! NSRegularExpression(pattern: #"\bvoid\s+main\s*\(\s*(?:void\s*)?\)\s*\{"#)

    /// Rewrites a fragment shader's `inout` outputs and `gl_LastFragData` (see the type's comment); returns the
    /// declarations the source needs before its own code.
    static func rewrite(_ lines: inout [String]) -> String {
        var copies: [String] = []
        for (i, line) in lines.enumerated() {
            let ns = line as NSString
            guard let match = inoutDeclaration.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { continue }
            func group(_ k: Int) -> String {
                let r = match.range(at: k)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
            // `noncoherent` only says that reads need glFramebufferFetchBarrierEXT; the other qualifiers stay.
            let qualifiers = group(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "noncoherent" }
            let layout = qualifiers.isEmpty ? "" : "layout(\(qualifiers.joined(separator: ", "))) "
            let type = group(4), name = group(5), array = group(6)
            // The global keeps the output's precision (GLSL ES fragment shaders have no default float precision).
            let replacement = "\(group(1))\(layout)out \(group(3))\(type) \(name)\(array); \(group(3))\(type) \(prefix)\(name)\(array);"
            lines[i] = replacement + ns.substring(from: match.range.location + match.range.length)
            copies.append(" \(name) = \(prefix)\(name);")
        }
        var prelude = ""
        if lines.contains(where: { GLSLLegacyLowering.uses($0, "gl_LastFragData") }) {
            for (i, line) in lines.enumerated() {
                if lastFragDataRedeclaration.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length)) != nil {
                    lines[i] = ""
                } else if GLSLLegacyLowering.uses(line, "gl_LastFragData") {
                    lines[i] = renaming(line, "gl_LastFragData", to: prefix + "gl_FragData")
                }
            }
            prelude += "vec4 \(prefix)gl_FragData[gl_MaxDrawBuffers];\n"
        }
        if !copies.isEmpty {
            // Line breaks stay where they are: the copies go right after main's `{`.
            let text = lines.joined(separator: "\n")
            let ns = text as NSString
            if let match = mainHeader.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) {
                let end = match.range.location + match.range.length
                lines = (ns.substring(to: end) + copies.joined() + ns.substring(from: end))
                    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }
        return prelude
    }

    /// A GLSL ES 3.10+ source (kept at its ES version, `GLSLESLowering`): the extensions' `#extension` lines are
    /// blanked, their names elsewhere (`#ifdef`) become VIRGLGL_ macros, and a fragment shader is rewritten; returns
    /// the lines to put after `#version`.
    static func lowerES(_ lines: inout [String], stage: ShaderStage) -> String {
        let enabled = GLSLExtensionLowering.enabled(lines).filter { extensionNames.contains($0.name) }
        guard !enabled.isEmpty else { return "" }
        var r = GLSLExtensionLowering.Rewrite()
        var handled: Set<String> = []
        for (name, line) in enabled {
            GLSLExtensionLowering.compileAtLaterVersion(0, name, line, handled.insert(name).inserted, &lines, &r)
        }
        return r.prelude + (stage == .fragment ? rewrite(&lines) : "")
    }

    /// `line` with each whole-word `word` replaced by `replacement`.
    static func renaming(_ line: String, _ word: String, to replacement: String) -> String {
        line.replacingOccurrences(of: "\\b\(word)\\b", with: replacement, options: .regularExpression)
    }
}
