/// GLSL ES 3.10 and later as glslang compiles them for SPIR-V: kept at their own `#version … es` (glslang makes
/// SPIR-V for ES sources from 3.10), so ES rules apply, rather than raised to desktop 3.30 as older sources are
/// (`GLSLVersionLowering`).
enum GLSLESLowering {
    /// True when the `#version` line (`lineIndex` of `lines`) is GLSL ES 3.10 or later.
    static func isCompiledAsES(_ lines: [String], version: Int, lineIndex: Int?) -> Bool {
        guard version >= 310, let lineIndex else { return false }
        return GLSLVersionLowering.directiveWords(Substring(lines[lineIndex])).contains("es")
    }

    /// ES extensions GLSL 4.30 core has as core features: a source that enables GL_OES_viewport_array, which
    /// glslang 12 does not know (it has no gl_ViewportIndex for ES geometry shaders), is compiled as GLSL 4.30
    /// core — GLSL ES 3.10 is nearly a subset of it (precision qualifiers are taken and ignored) — with these
    /// extension lines dropped.
    static let desktopCoreExtensions: Set<String> = [
        "GL_OES_viewport_array", "GL_OES_geometry_shader", "GL_EXT_geometry_shader", "GL_OES_shader_io_blocks", "GL_EXT_shader_io_blocks",
    ]

    /// `lines` of an ES 3.10+ source (its `#version` at `lineIndex`) ready for glslang: `shared`/`packed` blocks
    /// as std140; a source that enables GL_OES_viewport_array as GLSL 4.30 core; framebuffer fetch rewritten
    /// (`GLSLFramebufferFetch`); line numbers kept.
    static func lower(_ lines: [String], lineIndex: Int, stage: ShaderStage) -> String {
        var lines = lines
        let extensionName = { (line: String) -> String? in
            let words = GLSLVersionLowering.directiveWords(Substring(line))
            guard words.first == "extension", words.count >= 2 else { return nil }
            return String(words[1].split(separator: ":").first ?? words[1])
        }
        if lines.contains(where: { extensionName($0) == "GL_OES_viewport_array" }) {
            for (i, line) in lines.enumerated() where extensionName(line).map(desktopCoreExtensions.contains) == true { lines[i] = "" }
            lines[lineIndex] = "#version 430 core"
        }
        // GL_EXT_shader_framebuffer_fetch, which glslang does not know (GLSLFramebufferFetch).
        let fetch = GLSLFramebufferFetch.lowerES(&lines, stage: stage)
        if !fetch.isEmpty { lines[lineIndex] += "\n" + fetch + "#line \(lineIndex + 2)" }
        _ = GLSLVersionLowering.rewriteBlockLayouts(&lines)
        return lines.joined(separator: "\n")
    }
}
