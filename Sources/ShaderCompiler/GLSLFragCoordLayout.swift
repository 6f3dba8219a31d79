import Foundation

/// GLSL 1.50 §4.3.8.1: gl_FragCoord may be redeclared (`layout(origin_upper_left, pixel_center_integer) in vec4
/// gl_FragCoord;`); when one fragment shader of a program redeclares it, every fragment shader that uses it must
/// redeclare it, and all redeclarations must have the same qualifiers. glslang checks a stricter rule at link
/// (every unit's qualifiers alike, units that neither redeclare nor use gl_FragCoord included), so VirglGL checks
/// the GLSL rule itself and gives the redeclaration to the units that lack it before glslang links them.
public enum GLSLFragCoordLayout {
    /// A redeclaration: its layout qualifiers (sorted, none for a plain `in vec4 gl_FragCoord;`) and its text.
    struct Redeclaration: Equatable {
        var qualifiers: [String]
        var range: Range<String.Index>
    }

    static let pattern = try! NSRegularExpression(pattern: #"(?:layout\s*\(([^)]*)\)\s*)?\bin\s+(?:(?:highp|mediump|lowp)\s+)?vec4\s+gl_FragCoord\s*;"#)

    /// The source without comments (same length is not kept: used only to look for words).
    static func code(_ source: String) -> String {
        var out = "", i = source.startIndex
        while i < source.endIndex {
            let rest = source[i...]
            if rest.hasPrefix("//") {
                i = rest.firstIndex(of: "\n") ?? source.endIndex
            } else if rest.hasPrefix("/*") {
                i = rest.range(of: "*/").map(\.upperBound) ?? source.endIndex
                out += " "
            } else {
                out.append(source[i])
                i = source.index(after: i)
            }
        }
        return out
    }

    static func redeclaration(_ code: String) -> Redeclaration? {
        let ns = code as NSString
        guard let m = pattern.firstMatch(in: code, range: NSRange(location: 0, length: ns.length)), let range = Range(m.range, in: code) else { return nil }
        let list = m.range(at: 1).location == NSNotFound ? "" : ns.substring(with: m.range(at: 1))
        let qualifiers = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.sorted()
        return Redeclaration(qualifiers: qualifiers, range: range)
    }

    /// The fragment units as glslang may link them, with the layout qualifiers of their gl_FragCoord
    /// redeclaration when they were taken out of the units; or the link error GLSL gives.
    ///
    /// glslang 12 refuses to link several fragment units when any of them redeclares gl_FragCoord, even
    /// identically ("gl_FragCoord redeclarations must match across shaders"): the redeclarations are blanked
    /// (line numbers kept) and the caller applies the qualifiers (`apply`).
    public static func reconcile(_ units: [String]) -> Result<(units: [String], qualifiers: [String]?), ShaderError> {
        guard units.count > 1 else { return .success((units, nil)) }
        let codes = units.map(code)
        let found = codes.map(redeclaration)
        guard let first = found.compactMap({ $0 }).first else { return .success((units, nil)) }
        for (code, r) in zip(codes, found) {
            if let r {
                guard r.qualifiers == first.qualifiers else {
                    return .failure(ShaderError("gl_FragCoord is redeclared with different layout qualifiers in two fragment shaders"))
                }
            } else if GLSLLegacyLowering.uses(code, "gl_FragCoord") {
                return .failure(ShaderError("a fragment shader uses gl_FragCoord without the redeclaration another fragment shader of the program has"))
            }
        }
        return .success((units.map(blankRedeclaration), first.qualifiers))
    }

    /// `unit` with its gl_FragCoord redeclaration(s) replaced by spaces (newlines kept).
    static func blankRedeclaration(_ unit: String) -> String {
        var out = unit
        while let r = redeclaration(out) {
            out.replaceSubrange(r.range, with: String(out[r.range].map { $0 == "\n" ? "\n" : " " }))
        }
        return out
    }

    /// The execution modes the qualifiers stand for in a fragment module (SPIR-V OriginUpperLeft 7,
    /// PixelCenterInteger 6), as glslang sets them for one unit.
    public static func apply(_ qualifiers: [String], to module: inout SPIRVModule) {
        if qualifiers.contains("origin_upper_left") { module.executionModes[7] = [] }
        if qualifiers.contains("pixel_center_integer") { module.executionModes[6] = [] }
    }
}
