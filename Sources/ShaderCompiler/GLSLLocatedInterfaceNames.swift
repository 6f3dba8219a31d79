import Foundation

/// Same-named varyings at different explicit locations (GL 4.6 §7.4.1, "Shader Interface Matching"): an output and
/// an input of adjacent stages that both have explicit locations match by location, not by name, so a vertex
/// output block `block2` at location 2 and a fragment input block `block2` at location 0 are simply two interfaces
/// that do not match, and the program links. glslang's cross-stage check compares them by name and fails the link
/// ("Layout location qualifier must match"). Before the pipeline goes to glslang, such inputs of the consuming
/// stage get a marked name (block name and instance or variable name, every use of the instance renamed too, line
/// numbers kept). The marked names stay in the SPIR-V, so VirglGL's name matching keeps them apart as well and
/// ProgramCompiler.locationAliases pairs them with the output at their location; reflection takes the marker off
/// (ProgramCompiler.interfaceVariables).
enum GLSLLocatedInterfaceNames {
    /// The suffix a renamed identifier gets (single underscores: `__` is reserved in GLSL).
    static let marker = "_vglLocRenamed"

    /// One located `in` or `out` declaration of a stage: its location and the names glslang matches by.
    struct Declaration {
        var location: Int
        var isOutput: Bool
        /// The block name of an interface block (nil for a plain or struct variable).
        var blockName: String?
        /// The instance name of a block, or the variable's name (nil for a block without an instance name).
        var instanceName: String?
    }

    private static let qualifierWords = #"(?:(?:flat|smooth|noperspective|centroid|sample|patch|invariant|precise|highp|mediump|lowp)\s+)*"#
    /// `layout(...) [qualifiers] in|out [qualifiers] [struct S] [type-or-block-name] [{ members }] [name]`.
    private static let declaration = try! NSRegularExpression(pattern:
        #"\blayout\s*\(([^()]*)\)\s*"# + qualifierWords + #"\b(in|out)\s+"# + qualifierWords
        + #"(?:struct\s+\w+\s*)?(\w+)?\s*(\{[^{}]*\})?\s*(\w+)?"#)
    private static let location = try! NSRegularExpression(pattern: #"\blocation\s*=\s*(\d+)\b"#)

    /// The located `in`/`out` declarations of one unit's source.
    static func declarations(_ source: String) -> [Declaration] {
        let text = source as NSString
        return declaration.matches(in: source, range: NSRange(location: 0, length: text.length)).compactMap { m in
            func group(_ k: Int) -> String? { m.range(at: k).location == NSNotFound ? nil : text.substring(with: m.range(at: k)) }
            guard let layout = group(1),
                  let l = location.firstMatch(in: layout, range: NSRange(location: 0, length: (layout as NSString).length)),
                  let n = Int((layout as NSString).substring(with: l.range(at: 1))) else { return nil }
            let isBlock = group(4) != nil && !source[Range(m.range, in: source)!].contains("struct")
            return Declaration(location: n, isOutput: group(2) == "out", blockName: isBlock ? group(3) : nil, instanceName: group(5))
        }
    }

    /// The units of every stage, with the consuming stage's located inputs renamed where a located output of the
    /// stage before it has the same name (block or instance name) at another location. Nil when nothing collides.
    static func separate(_ units: [ShaderStage: [String]]) -> [ShaderStage: [String]]? {
        let order: [ShaderStage] = [.vertex, .tessControl, .tessEvaluation, .geometry, .fragment]
        let present = order.filter { !(units[$0] ?? []).isEmpty }
        var result = units, changed = false
        for (producer, consumer) in zip(present, present.dropFirst()) {
            var outputs: [String: Set<Int>] = [:]
            for d in units[producer]!.flatMap(declarations) where d.isOutput {
                for name in [d.blockName, d.instanceName].compactMap({ $0 }) { outputs[name, default: []].insert(d.location) }
            }
            var blockNames: Set<String> = [], instanceNames: Set<String> = []
            for d in units[consumer]!.flatMap(declarations) where !d.isOutput {
                let names = [d.blockName, d.instanceName].compactMap { $0 }
                guard names.contains(where: { outputs[$0].map { !$0.contains(d.location) } ?? false }) else { continue }
                if let b = d.blockName { blockNames.insert(b) }
                if let i = d.instanceName { instanceNames.insert(i) }
            }
            guard !blockNames.isEmpty || !instanceNames.isEmpty else { continue }
            changed = true
            result[consumer] = result[consumer]!.map { rename($0, blocks: blockNames, instances: instanceNames) }
        }
        return changed ? result : nil
    }

    /// `source` with each block name of `blocks` renamed where a located input block declares it, and every use of
    /// each name of `instances` renamed (not member selections: a name right after `.` is left alone).
    static func rename(_ source: String, blocks: Set<String>, instances: Set<String>) -> String {
        var text = source
        for b in blocks {
            let pattern = #"(\bin\s+(?:"# + qualifierWords + #")?)\b"# + NSRegularExpression.escapedPattern(for: b) + #"(\s*\{)"#
            text = text.replacingOccurrences(of: pattern, with: "$1" + b + marker + "$2", options: .regularExpression)
        }
        for i in instances {
            let pattern = #"(?<![.\w])"# + NSRegularExpression.escapedPattern(for: i) + #"\b"#
            text = text.replacingOccurrences(of: pattern, with: i + marker, options: .regularExpression)
        }
        return text
    }

    /// `name` without the marker (the program's own name).
    static func original(_ name: String) -> String { name.replacingOccurrences(of: marker, with: "") }

    /// Whether `key` (a varying key, `TGSITranslator.varyingKey`) names a renamed input.
    static func isRenamed(_ key: String) -> Bool { key.hasSuffix(marker) }

    /// The varying keys (`TGSITranslator.varyingKey`) of the located declarations of `storage` ("in" or "out"):
    /// block names as `block NAME`, struct and plain variables by name.
    static func locatedKeys(_ sources: [String], storage: String) -> Set<String> {
        var keys: Set<String> = []
        for d in sources.flatMap(declarations) where d.isOutput == (storage == "out") {
            if let b = d.blockName { keys.insert("block " + b) } else if let n = d.instanceName { keys.insert(n) }
        }
        return keys
    }
}
