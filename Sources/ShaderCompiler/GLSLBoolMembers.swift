/// Block and struct members declared `bool`/`bvecN`: glslang stores them as `uint`/`uvecN` in SPIR-V blocks (the
/// SPIR-V has no explicit-layout boolean), but GL reflection reports their declared type (GL 4.6 §7.3.1.1:
/// GL_BOOL, GL_BOOL_VEC2…). Found in the GLSL source, keyed `TypeName.member` (the block's or struct's type name,
/// as glslang names the SPIR-V struct type).
public enum GLSLBoolMembers {
    static let boolTypes: Set<String> = ["bool", "bvec2", "bvec3", "bvec4"]

    /// `TypeName.member` for each bool-typed member of every `{ … }` body named by the identifier before it
    /// (`struct S {`, `uniform Block {`).
    public static func collect(_ sources: [String]) -> Set<String> {
        var out: Set<String> = []
        for source in sources where source.contains("bool") || source.contains("bvec") {
            let text = Array(ProgramCompiler.stripComments(source))
            var i = 0
            while i < text.count {
                guard text[i] == "{" else { i += 1; continue }
                // The identifier right before the brace (skipping spaces).
                var j = i - 1
                while j >= 0, text[j].isWhitespace { j -= 1 }
                var name = ""
                while j >= 0, text[j].isLetter || text[j].isNumber || text[j] == "_" { name.insert(text[j], at: name.startIndex); j -= 1 }
                // The body up to the matching brace (nested braces: not a block or struct body).
                var k = i + 1, depth = 1
                while k < text.count, depth > 0 {
                    if text[k] == "{" { depth += 1 } else if text[k] == "}" { depth -= 1 }
                    k += 1
                }
                let body = String(text[(i + 1)..<max(i + 1, k - 1)])
                if !name.isEmpty, name.first.map({ !$0.isNumber }) == true, !body.contains("{") {
                    for member in boolMembers(body) { out.insert(name + "." + member) }
                }
                i += 1
            }
        }
        return out
    }

    /// The names declared with a bool type in the declarations of `body` (`bool a, b[2];` → a, b).
    static func boolMembers(_ body: String) -> [String] {
        var names: [String] = []
        for statement in body.split(separator: ";") {
            // Layout qualifiers hold no declarator; drop them.
            let plain = statement.replacingOccurrences(of: #"layout\s*\([^)]*\)"#, with: " ", options: .regularExpression)
            let words = plain.split(whereSeparator: { $0.isWhitespace })
            guard let t = words.firstIndex(where: { boolTypes.contains(String($0)) }) else { continue }
            let declarators = words[(t + 1)...].joined(separator: " ").split(separator: ",")
            for d in declarators {
                let n = d.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !n.isEmpty { names.append(String(n)) }
            }
        }
        return names
    }
}

extension TGSITranslator {
    /// The GL type of member `index` of struct `parent` (of SPIR-V type `type`): a bool member the source declared
    /// (`boolMembers`) reports GL_BOOL… where SPIR-V holds uint.
    func memberGLType(_ type: UInt32, parent: UInt32, index: Int) -> UInt32 {
        let t = glType(type)
        guard let structName = m.names[parent], let member = m.memberNames[parent]?[index],
              boolMembers.contains(structName + "." + member) else { return t }
        switch t {
        case 0x1405: return 0x8B56  // GL_UNSIGNED_INT → GL_BOOL
        case 0x8DC6, 0x8DC7, 0x8DC8: return 0x8B57 + (t - 0x8DC6)  // GL_UNSIGNED_INT_VEC{2,3,4} → GL_BOOL_VEC{2,3,4}
        default: return t
        }
    }
}
