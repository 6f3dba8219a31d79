import Foundation

/// Image arrays indexed with a variable before GLSL 4.00. GL_ARB_shader_image_load_store puts no constant-index
/// rule on arrays of images (the GLSL 1.30–3.30 rule that sampler arrays take only constant indices names
/// samplers), and GL implementations take `imageStore(images[i], …)` in a GLSL 3.30 shader; glslang counts
/// images as samplers and refuses the index below 4.00 unless GL_ARB_gpu_shader5 is enabled. Such a shader, when
/// it declares no sampler arrays (whose rule stays), gets GL_ARB_gpu_shader5 enabled after its image extension.
enum GLSLImageArrayIndexing {
    static func allow(_ source: String) -> String {
        guard source.contains("image"), !source.contains("GL_ARB_gpu_shader5") else { return source }
        let code = ProgramCompiler.stripComments(source)
        let (version, _) = GLSLVersionLowering.declaredVersion(source)
        guard version < 400, code.range(of: #"\bsampler[A-Za-z0-9]*\s+[A-Za-z_][A-Za-z0-9_]*\s*\["#, options: .regularExpression) == nil else { return source }
        let names = matches(#"\b[iu]?image[A-Za-z0-9]*\s+([A-Za-z_][A-Za-z0-9_]*)\s*\["#, code)
        let indexed = names.contains { name in
            // An index that is not a plain integer literal.
            code.range(of: "\\b" + NSRegularExpression.escapedPattern(for: name) + #"\s*\[\s*[^\]0-9\s]"#, options: .regularExpression) != nil
        }
        guard indexed else { return source }
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let k = lines.firstIndex(where: { $0.range(of: #"^\s*#\s*extension\s+GL_ARB_shader_image_load_store\b"#, options: .regularExpression) != nil }) else { return source }
        lines.insert("#extension GL_ARB_gpu_shader5 : enable", at: k + 1)
        return lines.joined(separator: "\n")
    }

    private static func matches(_ pattern: String, _ text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
