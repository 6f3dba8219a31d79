import Foundation

/// Link rules of GLSL ES between the vertex and fragment stages that glslang does not check, for programs whose
/// sources are GLSL ES (`#version 100`, `#version 3x0 es`):
/// - a uniform declared in both stages has the same precision in both (GLSL ES 3.00 §4.5.3 and later; GLSL ES
///   1.00 only for a uniform both stages use, as drivers have long allowed apps otherwise);
/// - GLSL ES 1.00 §4.6.4: `invariant gl_FragCoord` needs `invariant gl_Position`, and `invariant gl_PointCoord`
///   needs `invariant gl_PointSize`.
extension ProgramCompiler {
    /// The first ES link-rule violation between `vertex` and `fragment` units, or nil (also for desktop sources).
    static func checkESLinkRules(vertex: [String], fragment: [String]) -> ShaderError? {
        let versions = (vertex + fragment).map(esVersion)
        guard !versions.isEmpty, versions.allSatisfy({ $0 != nil }) else { return nil }
        let version = versions.compactMap { $0 }.max() ?? 100
        let vs = vertex.map { withoutDirectives(stripComments($0)) }, fs = fragment.map { withoutDirectives(stripComments($0)) }
        let vertexUniforms = uniformPrecisions(vs, defaults: ["float": "highp", "int": "highp"])
        let fragmentUniforms = uniformPrecisions(fs, defaults: ["int": "mediump"])
        for (name, p) in vertexUniforms.sorted(by: { $0.key < $1.key }) {
            guard let q = fragmentUniforms[name], p != q else { continue }
            if version == 100, !(vs.contains { usesBeyondDeclaration($0, name) } && fs.contains { usesBeyondDeclaration($0, name) }) { continue }
            return ShaderError("error: uniform \(name) is declared \(p) in the vertex shader and \(q) in the fragment shader")
        }
        if version == 100 {
            let invariantAll = vs.contains { $0.contains("invariant(all)") }
            for (input, output) in [("gl_FragCoord", "gl_Position"), ("gl_PointCoord", "gl_PointSize")]
            where fs.contains(where: { declaresInvariant($0, input) }) && !invariantAll && !vs.contains(where: { declaresInvariant($0, output) }) {
                return ShaderError("error: \(input) is declared invariant but \(output) is not")
            }
        }
        return nil
    }

    /// The GLSL ES version of `source` (100 for `#version 100`, 300 for `#version 300 es`, …), or nil for desktop GLSL.
    static func esVersion(_ source: String) -> Int? {
        let (version, line) = GLSLVersionLowering.declaredVersion(source)
        guard let line else { return nil }
        if version == 100 { return 100 }
        let text = source.split(separator: "\n", omittingEmptySubsequences: false)[line]
        return GLSLVersionLowering.directiveWords(text).contains("es") ? version : nil
    }

    /// `source` with its preprocessor lines (`#version`, `#extension`, …) left empty.
    static func withoutDirectives(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") ? "" : String($0) }.joined(separator: "\n")
    }

    static let precisionWords: Set<String> = ["lowp", "mediump", "highp"]

    /// The precision of each float- or int-based uniform the units declare: its own qualifier, or the default
    /// in effect where it is declared (`precision … float;` statements, else `defaults`).
    static func uniformPrecisions(_ units: [String], defaults: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for unit in units {
            var current = defaults
            let statements = unit.split(separator: ";").map { $0.split(whereSeparator: { $0.isWhitespace }).map(String.init) }
            for raw in statements {
                let words = raw
                guard let first = words.firstIndex(where: { $0 == "precision" || $0 == "uniform" }) else { continue }
                let w = Array(words[first...])
                if w[0] == "precision", w.count == 3, precisionWords.contains(w[1]) {
                    current[w[2]] = w[1]
                } else if w[0] == "uniform", w.count >= 3 {
                    var k = 1
                    let explicit = precisionWords.contains(w[k]) ? w[k] : nil
                    if explicit != nil { k += 1 }
                    guard k + 1 < w.count, let base = precisionBase(w[k]) else { continue }
                    guard let p = explicit ?? current[base] else { continue }
                    for name in w[(k + 1)...].joined(separator: " ").split(separator: ",") {
                        let id = name.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }.trimmingCharacters(in: .whitespaces)
                        if !id.isEmpty, !id.contains(" ") { result[id] = p }
                    }
                }
            }
        }
        return result
    }

    /// "float" for float-based types, "int" for integer ones, nil for others (samplers, bool, structs).
    static func precisionBase(_ type: String) -> String? {
        if type == "float" || type.hasPrefix("vec") || type.hasPrefix("mat") { return "float" }
        if type == "int" || type == "uint" || type.hasPrefix("ivec") || type.hasPrefix("uvec") { return "int" }
        return nil
    }

    /// Whether `name` appears in `source` other than in its `uniform` declaration.
    static func usesBeyondDeclaration(_ source: String, _ name: String) -> Bool {
        source.split(separator: ";").contains { statement in
            !statement.split(whereSeparator: { $0.isWhitespace }).contains("uniform") && GLSLLegacyLowering.uses(String(statement), name)
        }
    }

    /// Whether `source` declares `builtin` invariant (`invariant gl_Position;`, or among a list).
    static func declaresInvariant(_ source: String, _ builtin: String) -> Bool {
        source.split(separator: ";").contains { statement in
            let words = statement.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            return words.first == "invariant" && words.contains { $0 == builtin }
        }
    }
}
