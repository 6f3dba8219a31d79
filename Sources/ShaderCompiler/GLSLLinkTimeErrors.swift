import CGlslang
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Compile errors GL reports when the program links instead. Overlapping explicit locations (two uniforms of the
/// default block, or two inputs or outputs, claiming one location) are a property of the program's interface:
/// GL implementations report them from glLinkProgram, and applications (piglit's linker tests among them) expect
/// glCompileShader to succeed. glslang finds them while parsing and stops there; a shader whose only errors are
/// those, and which compiles once the offending declarations lose their `location`, compiles, and the link, which
/// parses the units again, fails with them.
enum GLSLLinkTimeErrors {
    /// Whether a failed compile (`source`, lowered to what glslang takes, and its log) failed only for errors the
    /// link reports.
    static func onlyLinkTimeErrors(_ source: String, _ stage: ShaderStage, _ log: String) -> Bool {
        var text = source, log = log
        for _ in 0..<8 {
            let errors = errorLines(log)
            guard !errors.isEmpty, errors.allSatisfy({ $0.contains("overlapping use of location") }) else { return false }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for error in errors {
                // "ERROR: 0:LINE: 'location' : overlapping use of location N"
                let parts = error.split(separator: ":")
                guard parts.count > 2, let n = Int(parts[2].trimmingCharacters(in: .whitespaces)), n >= 1, n <= lines.count else { return false }
                let stripped = withoutLocation(lines[n - 1])
                guard stripped != lines[n - 1] else { return false }
                lines[n - 1] = stripped
            }
            text = lines.joined(separator: "\n")
            var out: UnsafeMutablePointer<CChar>?
            let ok = text.withCString { cglslang_compile(Int32(stage.rawValue), $0, &out) } != 0
            log = out.map { String(cString: $0) } ?? ""
            free(out)
            if ok { return true }
        }
        return false
    }

    /// Whether every error of a compile log is an overlapping location (and there is at least one).
    static func onlyLinkTimeErrors(_ log: String) -> Bool {
        let errors = errorLines(log)
        return !errors.isEmpty && errors.allSatisfy { $0.contains("overlapping use of location") }
    }

    private static func errorLines(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.hasPrefix("ERROR:") && !$0.contains("compilation errors") && !$0.contains("compilation terminated") }
    }

    /// `line` with the `location = N` items of its layout qualifiers removed (a qualifier left empty goes too).
    static func withoutLocation(_ line: String) -> String {
        guard let re = try? NSRegularExpression(pattern: #"\blayout\s*\(([^)]*)\)"#) else { return line }
        var out = line
        for m in re.matches(in: line, range: NSRange(location: 0, length: (line as NSString).length)).reversed() {
            let ns = out as NSString
            let items = ns.substring(with: m.range(at: 1)).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let kept = items.filter { !$0.hasPrefix("location") }
            out = ns.replacingCharacters(in: m.range, with: kept.isEmpty ? "" : "layout(" + kept.joined(separator: ", ") + ")")
        }
        return out
    }
}
