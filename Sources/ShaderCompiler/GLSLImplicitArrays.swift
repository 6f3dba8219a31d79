import Foundation

/// `.length()` of implicitly sized arrays (GL_ARB_shader_storage_buffer_object, GLSL 4.30 §4.1.9): an array
/// declared without a size and indexed only with constants is sized, at link time, by its largest constant index
/// plus one, over every unit of the stage; its `length()` is that size, usable anywhere in the stage (before the
/// indexing, or in another unit). glslang refuses `length()` of such an array ("array must be declared with a
/// size before using this method"). For each array of a stage that is declared without a size outside any block
/// or structure, with no in/out/buffer qualifier (those are sized by primitives, patches or the buffer), and whose
/// `length()` is used, this writes that size into its declarations: the largest constant index over `units` plus
/// one (at least 1, for a unit compiled alone that does not index it).
enum GLSLImplicitArrays {
    static func size(_ units: [String]) -> [String] {
        guard units.contains(where: { $0.contains(".length") || $0.contains(". length") }) else { return units }
        let codes = units.map(ProgramCompiler.stripComments)
        var names: Set<String> = []
        for code in codes {
            for name in unsizedDeclarations(code).map(\.name) where uses(length: name, in: codes) { names.insert(name) }
        }
        guard !names.isEmpty else { return units }
        var sizes: [String: Int] = [:]
        for name in names {
            let pattern = "\\b" + NSRegularExpression.escapedPattern(for: name) + #"\s*\[\s*(0[xX][0-9a-fA-F]+|\d+)[uU]?\s*\]"#
            let re = try! NSRegularExpression(pattern: pattern)
            var largest = 0
            for code in codes {
                let ns = code as NSString
                for m in re.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                    let digits = ns.substring(with: m.range(at: 1))
                    let value = digits.lowercased().hasPrefix("0x") ? Int(digits.dropFirst(2), radix: 16) : Int(digits)
                    if let v = value, v < 1 << 20 { largest = max(largest, v + 1) }
                }
            }
            sizes[name] = max(largest, 1)
        }
        return zip(units, codes).map { unit, code in
            let declarations = unsizedDeclarations(code).filter { names.contains($0.name) }
            guard !declarations.isEmpty else { return unit }
            // The declarations are found in the comment-free text, whose offsets match the source's only when
            // it has no comments: size them there.
            var text = code as NSString
            for d in declarations.reversed() { text = text.replacingCharacters(in: d.brackets, with: "[\(sizes[d.name]!)]") as NSString }
            return text as String
        }
    }

    /// Whether `name.length()` appears in any of `codes`.
    private static func uses(length name: String, in codes: [String]) -> Bool {
        let pattern = "\\b" + NSRegularExpression.escapedPattern(for: name) + #"\s*\.\s*length\s*\("#
        return codes.contains { $0.range(of: pattern, options: .regularExpression) != nil }
    }

    /// Declarations `TYPE name[]` outside blocks and structures, without interface qualifiers: the name and the
    /// range of its `[]`.
    static func unsizedDeclarations(_ code: String) -> [(name: String, brackets: NSRange)] {
        let re = try! NSRegularExpression(pattern: #"([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\[\s*\])\s*;"#)
        let ns = code as NSString
        let qualifiers: Set<String> = ["in", "out", "inout", "patch", "varying", "attribute", "buffer", "shared", "return", "struct"]
        var out: [(String, NSRange)] = []
        for m in re.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
            let type = ns.substring(with: m.range(at: 1))
            guard !qualifiers.contains(type), !insideBlock(ns, m.range.location) else { continue }
            // The words before the type on its statement must not be interface qualifiers either.
            let before = ns.substring(to: m.range.location)
            let statementStart = before.lastIndex { $0 == ";" || $0 == "{" || $0 == "}" }.map { before.index(after: $0) } ?? before.startIndex
            let words = GLSLSharedGlobals.identifiers(String(before[statementStart...]))
            guard words.allSatisfy({ !qualifiers.contains($0) && $0 != "uniform" }) else { continue }
            out.append((ns.substring(with: m.range(at: 2)), m.range(at: 3)))
        }
        return out
    }

    /// Whether offset `at` of `code` lies inside a structure or interface block's braces (those opened after an
    /// identifier other than `else` and `do`; function bodies and statements open after `)`, `;`, `{` or `}`).
    private static func insideBlock(_ code: NSString, _ at: Int) -> Bool {
        var stack: [Bool] = []
        var k = 0
        while k < at {
            let c = code.character(at: k)
            if c == 123 {  // {
                var j = k - 1
                while j >= 0, let s = UnicodeScalar(code.character(at: j)), CharacterSet.whitespacesAndNewlines.contains(s) { j -= 1 }
                var isBlock = false
                if j >= 0, let s = UnicodeScalar(code.character(at: j)), CharacterSet.alphanumerics.contains(s) || s == "_" {
                    var i = j
                    while i >= 0, let t = UnicodeScalar(code.character(at: i)), CharacterSet.alphanumerics.contains(t) || t == "_" { i -= 1 }
                    let word = code.substring(with: NSRange(location: i + 1, length: j - i))
                    isBlock = word != "else" && word != "do"
                }
                stack.append(isBlock)
            } else if c == 125, !stack.isEmpty {  // }
                stack.removeLast()
            }
            k += 1
        }
        return stack.contains(true)
    }
}
