/// Immediates declared once each: constants are declared as they are met, so folded code (thousands of
/// constant comparisons) can declare the same value many times, past virglrenderer's limit.
extension TGSITranslator {
    /// virglrenderer (vrend_shader.c) refuses a shader with more immediates than this.
    static let maxImmediates = 1024

    /// Where an immediate went: its new index and, for a narrow value packed with others, the component it
    /// starts at and its width.
    struct ImmediatePlace {
        var index: Int
        var packed: (offset: Int, width: Int)?
    }

    /// Merges identical `IMM` declarations, renumbers them in order and rewrites the code's references. Past the
    /// host's limit, narrow values of one type share declarations: a declaration whose last words repeat (a
    /// scalar or a short vector, padded) is that many words wide, and any swizzle of it reads the same values at
    /// their new components. A shader that still needs more fails to link (rather than draw nothing).
    mutating func compactImmediates() throws {
        var index: [Substring: Int] = [:]
        var renumber: [Int] = []
        var kept: [Substring] = []
        for imm in imms {
            guard let close = imm.firstIndex(of: "]") else { throw ShaderError("malformed immediate \(imm)") }
            let value = imm[imm.index(after: close)...]
            if let k = index[value] {
                renumber.append(k)
            } else {
                index[value] = kept.count
                renumber.append(kept.count)
                kept.append(value)
            }
        }
        var places = kept.indices.map { ImmediatePlace(index: $0, packed: nil) }
        var declarations = kept.map(String.init)
        if kept.count > Self.maxImmediates { (declarations, places) = Self.packNarrowValues(kept) }
        guard declarations.count <= Self.maxImmediates else {
            throw ShaderError("the shader needs \(declarations.count) distinct immediates; the host takes at most \(Self.maxImmediates)")
        }
        guard declarations.count < imms.count else { return }
        imms = declarations.enumerated().map { "IMM[\($0.offset)]\($0.element)" }
        let byOriginal = renumber.map { places[$0] }
        code = code.map { Self.renumberingImmediates($0, byOriginal) }
    }

    /// Declarations with same-typed narrow values sharing vec4s (first fit), and where each old one went.
    static func packNarrowValues(_ kept: [Substring]) -> ([String], [ImmediatePlace]) {
        var declarations: [(file: String, words: [String])] = []
        var places: [ImmediatePlace] = []
        var open: [String: [Int]] = [:]  // file type → declarations with room left
        for value in kept {
            let file = String(value.split(separator: " ").first ?? "")
            let words = value.drop { $0 != "{" }.dropFirst().prefix { $0 != "}" }
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var width = words.count
            while width > 1, words[width - 1] == words[width - 2] { width -= 1 }
            guard words.count == 4, width < 4 else {
                places.append(ImmediatePlace(index: declarations.count, packed: nil))
                declarations.append((file, words))
                continue
            }
            if let d = open[file]?.first(where: { declarations[$0].words.count + width <= 4 }) {
                places.append(ImmediatePlace(index: d, packed: (declarations[d].words.count, width)))
                declarations[d].words += words[0..<width]
            } else {
                open[file, default: []].append(declarations.count)
                places.append(ImmediatePlace(index: declarations.count, packed: (0, width)))
                declarations.append((file, Array(words[0..<width])))
            }
        }
        let text = declarations.map { d -> String in
            var w = d.words
            while w.count < 4 { w.append(w.last ?? "0") }
            return " \(d.file) {\(w.joined(separator: ", "))}"
        }
        return (text, places)
    }

    /// `line` with each `IMM[n]` written at its new place: `IMM[places[n].index]`, and a packed value's swizzle
    /// pointing at its components there.
    static func renumberingImmediates(_ line: String, _ places: [ImmediatePlace]) -> String {
        guard line.contains("IMM[") else { return line }
        var out = ""
        var rest = line[...]
        while let r = rest.range(of: "IMM[") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            guard let n = Int(digits), n < places.count, rest.dropFirst(digits.count).first == "]" else { continue }
            let place = places[n]
            out += "\(place.index)]"
            rest = rest[digits.endIndex...].dropFirst()
            guard let (offset, width) = place.packed else { continue }
            // Component i of the old value is at offset + i (its repeated last word for i past the width).
            var letters = "xyzw"[...]
            if rest.first == ".", case let s = rest.dropFirst().prefix(while: { "xyzw".contains($0) }), !s.isEmpty {
                letters = s
                rest = rest.dropFirst(1 + s.count)
            }
            out += "." + String(letters.map { swz[offset + min(swz.firstIndex(of: $0)!, width - 1)] })
        }
        return out + rest
    }
}
