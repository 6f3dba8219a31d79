import CGlslang
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Compile errors GL implementations report when the program links instead, and applications (piglit's linker
/// tests among them) expect glCompileShader to succeed: a storage block member other than the last declared `[]`
/// and indexed with a variable (Mesa sizes it at link time and fails there), alone or with overlapping explicit
/// locations (GLSLLocationAliasing handles those alone). glslang stops at such an error; a shader whose only
/// errors are those, and which compiles once the member is sized and the declarations lose their `location`,
/// compiles, and the link, which parses the units again, fails with them.
enum GLSLLinkTimeErrors {
    /// Whether a failed compile (`source`, before GLSLVersionLowering, whose `#line` keeps the log's line
    /// numbers the source's, and its log) failed only for errors the link reports.
    static func onlyLinkTimeErrors(_ source: String, _ stage: ShaderStage, _ log: String) -> Bool {
        var text = source, log = log
        for _ in 0..<8 {
            let errors = errorLines(log)
            guard !errors.isEmpty, errors.allSatisfy({ $0.contains(overlap) || $0.contains(unsizedMember) }) else { return false }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for error in errors {
                // "ERROR: 0:LINE: 'location' : overlapping use of location N"
                let parts = error.split(separator: ":")
                guard parts.count > 2, let n = Int(parts[2].trimmingCharacters(in: .whitespaces)), n >= 1, n <= lines.count else { return false }
                if error.contains(unsizedMember) {
                    guard sizeIndexedMember(on: n - 1, &lines) else { return false }
                    continue
                }
                let stripped = withoutLocation(lines[n - 1])
                guard stripped != lines[n - 1] else { return false }
                lines[n - 1] = stripped
            }
            text = lines.joined(separator: "\n")
            var out: UnsafeMutablePointer<CChar>?
            let ok = GLSLVersionLowering.lower(text, stage: stage).withCString { cglslang_compile(Int32(stage.rawValue), $0, &out) } != 0
            log = out.map { String(cString: $0) } ?? ""
            free(out)
            if ok { return true }
        }
        return false
    }

    static let overlap = "overlapping use of location"
    /// A storage block member other than the last declared `[]` and indexed with a variable: Mesa sizes such a
    /// member when the program links (from the units' uses) and fails the link there.
    static let unsizedMember = "array must be redeclared with a size before being indexed with a variable"

    /// For an error on line `k` indexing `instance.member[…]`: the member's `[]` in its `buffer` block gets a
    /// size (for checking the rest of the unit only). False when the line indexes no such member.
    private static func sizeIndexedMember(on k: Int, _ lines: inout [String]) -> Bool {
        guard let r = lines[k].range(of: #"\b[A-Za-z_][A-Za-z0-9_]*\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\["#, options: .regularExpression) else { return false }
        let member = String(lines[k][r]).split(separator: ".").last!.split(separator: "[").first!.trimmingCharacters(in: .whitespaces)
        var inBuffer = false
        for i in lines.indices {
            if lines[i].range(of: #"\bbuffer\b"#, options: .regularExpression) != nil { inBuffer = true }
            if inBuffer, let m = lines[i].range(of: "\\b" + member + #"\s*\[\s*\]"#, options: .regularExpression) {
                lines[i].replaceSubrange(m, with: member + "[1]")
                return true
            }
            if lines[i].contains("}") { inBuffer = false }
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
