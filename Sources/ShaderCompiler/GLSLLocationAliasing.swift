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

    /// Whether `source` has no errors but aliasing ones: the layout qualifiers of the declarations `log`'s aliasing
    /// errors point at are taken away and the source compiled again (glslang stops at such an error, so the rest
    /// of the shader is checked this way), until it compiles or an error remains that is neither aliasing nor on a
    /// line so edited (a declaration that lost its location may break a rule of its own). A line without a layout
    /// to take away ends the check in the shader's favour. `compile` compiles a source as the shader's stage.
    static func compilesWithoutAliasing(_ source: String, _ log: String, _ compile: (String) -> (ok: Bool, log: String)) -> Bool {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var log = log, edited: Set<Int> = []
        // glslang numbers lines as the source's `#line` directives say (the lowering keeps the program's own
        // numbers with them): the physical line of each number.
        var physical: [Int: Int] = [:], number = 1
        for (k, text) in lines.enumerated() {
            if physical[number] == nil { physical[number] = k }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.first == "#line", words.count >= 2, let n = Int(words[1]) { number = n } else { number += 1 }
        }
        /// The line of a glslang message ("ERROR: 0:LINE: …").
        func line(_ message: Substring) -> Int? {
            let fields = message.dropFirst(7).split(separator: ":", maxSplits: 2)
            return fields.count >= 2 ? Int(fields[1]) : nil
        }
        for _ in 0..<16 {
            let errors = log.split(separator: "\n").filter { $0.hasPrefix("ERROR: ") && !$0.hasSuffix("compilation errors.  No code generated.") }
            var changed = false
            for error in errors {
                let isAliasing = aliasingMessages.contains { error.contains($0) }
                guard isAliasing else {
                    // An error the edits caused is not the shader's own.
                    if let n = line(error), edited.contains(n) { continue }
                    return false
                }
                guard let n = line(error), let k = physical[n],
                      let layout = lines[k].range(of: #"layout\s*\([^)]*\)"#, options: .regularExpression) else { continue }
                lines[k].replaceSubrange(layout, with: "")
                edited.insert(n)
                changed = true
            }
            guard changed else { return true }
            let r = compile(lines.joined(separator: "\n"))
            if r.ok { return true }
            log = r.log
        }
        return true
    }
}
