import Foundation

/// Arrays of `dvec3` whose second locations hold component-qualified varyings (GL_ARB_enhanced_layouts,
/// GLSL 4.40 §4.4.1): a `dvec3` takes all four components of its first location and components 0 and 1 of its
/// second, "leaving components 2 and 3 available for other component-qualified declarations", and each element
/// of an array of them does so in its own two locations. glslang counts that layout for a lone `dvec3` only; for
/// an array it marks components 0-3 of every location the array spans as used, and reports the variable placed
/// in a free `component = 2` of one of them as an "overlapping use of location".
///
/// Before glslang sees a stage, this pass checks the stage's located `in` and `out` variables with the spec's own
/// count. Where a located `dvec3` array shares locations with others and nothing truly overlaps, the array loses
/// its `location` (and `component`) qualifier, so glslang does not count it; the location goes back onto the
/// variable in the SPIR-V (`restore`), where VirglGL's link and interface code reads it. Where anything overlaps,
/// the source is left alone, and glslang reports the overlap as before.
enum GLSLDoubleArrayLocations {
    /// One top-level located `in` or `out` variable of a source.
    struct Declaration {
        /// The range of the whole declaration in the source (for the rewrite: its layout qualifier's range).
        var layoutRange: NSRange
        /// The layout qualifier's contents.
        var layout: String
        var isOutput: Bool
        var isPatch: Bool
        var type: String
        var name: String
        /// The array sizes, outermost first (0: unsized).
        var sizes: [Int]
        var location: Int
        var component: Int
    }

    private static let qualifierWords = #"(?:(?:flat|smooth|noperspective|centroid|sample|patch|invariant|precise|highp|mediump|lowp)\s+)*"#
    /// `[qualifiers] layout(...) [qualifiers] in|out [qualifiers] TYPE NAME [sizes] ;`
    private static let declaration = try! NSRegularExpression(pattern:
        #"(?m)^[ \t]*("# + qualifierWords + #")(layout\s*\(([^()]*)\))\s*("# + qualifierWords + #")\b(in|out)\s+("#
        + qualifierWords + #")(\w+)\s+(\w+)\s*((?:\[\s*\d*\s*\]\s*)*);"#)
    private static let sizePattern = try! NSRegularExpression(pattern: #"\[\s*(\d*)\s*\]"#)

    /// The value of `key = N` in a layout qualifier's contents.
    static func layoutValue(_ key: String, in layout: String) -> Int? {
        guard let r = layout.range(of: #"\b\#(key)\s*=\s*\d+"#, options: .regularExpression) else { return nil }
        return Int(layout[r].split(separator: "=").last!.trimmingCharacters(in: .whitespaces))
    }

    /// The located top-level `in`/`out` variables of `source`.
    static func declarations(_ source: String) -> [Declaration] {
        let text = source as NSString
        return declaration.matches(in: source, range: NSRange(location: 0, length: text.length)).compactMap { m in
            func group(_ k: Int) -> String { m.range(at: k).location == NSNotFound ? "" : text.substring(with: m.range(at: k)) }
            let layout = group(3)
            guard let location = layoutValue("location", in: layout) else { return nil }
            let qualifiers = group(1) + " " + group(4) + " " + group(6)
            let sizes = sizePattern.matches(in: group(9), range: NSRange(location: 0, length: (group(9) as NSString).length)).map {
                Int((group(9) as NSString).substring(with: $0.range(at: 1))) ?? 0
            }
            return Declaration(layoutRange: m.range(at: 2), layout: layout, isOutput: group(5) == "out",
                               isPatch: qualifiers.range(of: #"\bpatch\b"#, options: .regularExpression) != nil,
                               type: group(7), name: group(8), sizes: sizes,
                               location: location, component: layoutValue("component", in: layout) ?? 0)
        }
    }

    /// The components (bit masks) that each location from a variable's first takes for one value of `type`
    /// starting at `component` (GLSL 4.40 §4.4.1); nil for a type this pass does not count (structs, blocks).
    static func footprint(_ type: String, component: Int) -> [Int]? {
        let scalars: [String: (width: Int, count: Int)] = [
            "float": (1, 1), "int": (1, 1), "uint": (1, 1), "bool": (1, 1), "double": (2, 1),
        ]
        var width = 1, count = 1, columns = 1
        if let s = scalars[type] {
            (width, count) = s
        } else if let r = type.range(of: #"^(d|i|u|b)?vec([234])$"#, options: .regularExpression) {
            width = type.hasPrefix("d") ? 2 : 1
            count = Int(String(type[r].last!))!
        } else if type.range(of: #"^d?mat[234](x[234])?$"#, options: .regularExpression) != nil {
            width = type.hasPrefix("d") ? 2 : 1
            let digits = type.compactMap { $0.wholeNumberValue }
            columns = digits[0]
            count = digits.count > 1 ? digits[1] : digits[0]
        } else {
            return nil
        }
        let components = width * count
        // A value that runs past component 3 of its first location continues in the next (64-bit types only).
        var column: [Int] = []
        var left = components, first = component
        while left > 0 {
            let here = min(left, 4 - first)
            guard here > 0 else { return nil }
            column.append(((1 << here) - 1) << first)
            left -= here
            first = 0
        }
        return Array(repeating: column, count: columns).flatMap { $0 }
    }

    /// Whether `stage` reads (`isOutput` false) or writes its non-patch varyings as per-vertex arrays.
    static func perVertex(_ stage: ShaderStage, isOutput: Bool) -> Bool {
        isOutput ? stage == .tessControl : [.geometry, .tessControl, .tessEvaluation].contains(stage)
    }

    /// `source` with the location of each `dvec3` array that shares locations with another variable taken away
    /// (when the spec's count finds no overlap), and those arrays' locations by name; `source` unchanged and no
    /// names otherwise. Vertex inputs and fragment outputs are not varyings and are left alone.
    static func rewrite(_ source: String, stage: ShaderStage) -> (source: String, locations: [String: Int]) {
        guard source.contains("dvec3") else { return (source, [:]) }
        let all = declarations(source)
        var removals: [Declaration] = []
        for isOutput in [false, true] {
            if (!isOutput && stage == .vertex) || (isOutput && stage == .fragment) { continue }
            var used: [Int: Int] = [:], owners: [Int: Set<String>] = [:]
            var arrays: [(declaration: Declaration, count: Int)] = []
            for d in all where d.isOutput == isOutput {
                guard let one = footprint(d.type, component: d.component) else { return (source, [:]) }
                var sizes = d.sizes
                if !d.isPatch, perVertex(stage, isOutput: isOutput), !sizes.isEmpty { sizes.removeFirst() }
                if sizes.contains(0) { return (source, [:]) }
                let count = sizes.reduce(1, *)
                for element in 0..<count {
                    for (k, mask) in one.enumerated() {
                        let loc = d.location + element * one.count + k
                        if used[loc, default: 0] & mask != 0 { return (source, [:]) }  // a true overlap: glslang's to report
                        used[loc, default: 0] |= mask
                        owners[loc, default: []].insert(d.name)
                    }
                }
                // (A dvec3 that does not start at component 0 is an error glslang reports: such arrays stay.)
                if d.type == "dvec3", !sizes.isEmpty, d.component == 0 { arrays.append((d, count)) }
            }
            for (d, count) in arrays {
                let span = d.location..<(d.location + 2 * count)
                if span.contains(where: { (owners[$0] ?? []).count > 1 }) { removals.append(d) }
            }
        }
        guard !removals.isEmpty else { return (source, [:]) }
        var text = source as NSString, locations: [String: Int] = [:]
        for d in removals.sorted(by: { $0.layoutRange.location > $1.layoutRange.location }) {
            let kept = d.layout.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.range(of: #"^(location|component)\s*="#, options: .regularExpression) == nil }
            var range = d.layoutRange
            if kept.isEmpty {  // the qualifier goes with the blanks after it
                while NSMaxRange(range) < text.length, [32, 9].contains(text.character(at: NSMaxRange(range))) { range.length += 1 }
            }
            text = text.replacingCharacters(in: range, with: kept.isEmpty ? "" : "layout(\(kept.joined(separator: ", ")))") as NSString
            locations[d.name] = d.location
        }
        return (text as String, locations)
    }

    /// `words` (a stage's SPIR-V) with each input or output variable named in `locations` at that location: the
    /// Location decoration glslang's I/O mapping gave the unlocated variable is set to it, or one is added.
    static func restore(_ words: [UInt32], _ locations: [String: Int]) -> [UInt32] {
        guard !locations.isEmpty, words.count > 5 else { return words }
        var names: [UInt32: String] = [:], decorations: [UInt32: Int] = [:], variables: [UInt32] = []
        var typesAt: Int?
        var k = 5
        while k < words.count {
            let count = Int(words[k] >> 16), opcode = words[k] & 0xFFFF
            guard count > 0, k + count <= words.count else { return words }
            switch opcode {
            case 5 where count >= 3:  // OpName
                let bytes = words[(k + 2)..<(k + count)].flatMap { w in (0..<4).map { UInt8((w >> (8 * $0)) & 0xFF) } }
                names[words[k + 1]] = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            case 71 where count == 4 && words[k + 2] == 30:  // OpDecorate … Location n
                decorations[words[k + 1]] = k + 3
            case 59 where count >= 4 && (words[k + 3] == 1 || words[k + 3] == 3):  // OpVariable Input/Output
                variables.append(words[k + 2])
            case 19...39 where typesAt == nil:  // the first type declaration ends the annotations
                typesAt = k
            default: break
            }
            k += count
        }
        guard let at = typesAt else { return words }
        var out = words, added: [UInt32] = []
        for id in variables {
            guard let name = names[id], let location = locations[name] else { continue }
            if let literal = decorations[id] { out[literal] = UInt32(location) } else { added += [4 << 16 | 71, id, 30, UInt32(location)] }
        }
        out.insert(contentsOf: added, at: at)
        return out
    }
}
