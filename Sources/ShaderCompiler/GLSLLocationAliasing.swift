/// Location and component aliasing (GL_ARB_enhanced_layouts, GLSL 4.40 §4.4.1 and §4.4.2): two variables or block
/// members of one interface whose locations and components overlap, or fragment outputs sharing a location with
/// different basic types. The spec lets a compiler or the linker report these; glslang reports them when it
/// compiles, Mesa when it links, and programs (piglit's linker tests among them) expect glCompileShader to succeed
/// and glLinkProgram to fail. VirglGL therefore lets such a shader compile; the program's link recompiles it, and
/// glslang's message becomes the link error.
public enum GLSLLocationAliasing {
    /// glslang's messages for location and component aliasing.
    static let aliasingMessages = [
        "'location' : overlapping use of location",
        "'location' : fragment outputs sharing the same location must be the same basic type",
    ]

    /// Whether every error of a glslang compile log is an aliasing error (and there is at least one).
    public static func onlyAliasingErrors(_ log: String) -> Bool {
        let errors = log.split(separator: "\n").filter { $0.hasPrefix("ERROR: ") && !$0.hasSuffix("compilation errors.  No code generated.") }
        return !errors.isEmpty && errors.allSatisfy { line in aliasingMessages.contains { line.contains($0) } }
    }

    /// The compile log of a shader whose aliasing errors wait for the link: each error as a warning.
    static func deferredLog(_ log: String) -> String {
        log.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasSuffix("compilation errors.  No code generated.") }
            .map { $0.hasPrefix("ERROR: ") ? "WARNING: " + $0.dropFirst(7) + " (a link error)" : String($0) }
            .joined(separator: "\n")
    }

    /// Whether `source` compiles once the layout qualifiers of the declarations `log`'s aliasing errors point at
    /// are taken away (glslang stops at such an error, so the rest of the shader is checked this way). `compile`
    /// compiles a source as the shader's stage.
    static func compilesWithoutAliasing(_ source: String, _ log: String, _ compile: (String) -> (ok: Bool, log: String)) -> Bool {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var log = log
        for _ in 0..<16 {
            guard onlyAliasingErrors(log) else { return false }
            var changed = false
            for line in log.split(separator: "\n") where line.hasPrefix("ERROR: ") {
                // "ERROR: 0:LINE: 'location' : …"
                let fields = line.dropFirst(7).split(separator: ":", maxSplits: 2)
                guard fields.count >= 2, let n = Int(fields[1]), n >= 1, n <= lines.count,
                      let layout = lines[n - 1].range(of: #"layout\s*\([^)]*\)"#, options: .regularExpression) else { continue }
                lines[n - 1].replaceSubrange(layout, with: "")
                changed = true
            }
            guard changed else { return false }
            let r = compile(lines.joined(separator: "\n"))
            if r.ok { return true }
            log = r.log
        }
        return false
    }
}
