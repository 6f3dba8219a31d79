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
        var index = 0
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { index += 1 }
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

    /// `source` with its version raised to 3.30 core when it is older; a 3.30+ source is returned as it is.
    public static func lower(_ source: String) -> String {
        let (version, lineIndex) = declaredVersion(source)
        guard version < spirvMinimum else { return source }
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let lineIndex {
            lines[lineIndex] = "#version 330 core\n#line \(lineIndex + 2)"
        } else {
            lines.insert("#version 330 core\n#line 1", at: 0)
        }
        return lines.joined(separator: "\n")
    }

    /// The words of a preprocessor directive line (`#  version 150 core` → ["version", "150", "core"]), or [].
    static func directiveWords(_ line: Substring) -> [Substring] {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "#" else { return [] }
        return trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }
}
