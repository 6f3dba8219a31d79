import Foundation

/// Globals shared by several compilation units of one stage (GLSL 1.20 §4.3, 4.60 §4.3: a global declared in
/// several shaders of a stage is one variable). When more than one of those declarations has an initializer, the
/// initializers must all be constant expressions of the same value; glslang links them without looking, so
/// VirglGL checks the rule before it links.
enum GLSLSharedGlobals {
    /// A global declaration with an initializer: its name and the initializer's text.
    struct Initialized: Equatable {
        var name: String
        var initializer: String
        /// Whether the initializer is a constant expression (literals, constructors, built-ins of constants, `const`
        /// globals); references to other variables or calls of the unit's own functions make it not one.
        var isConstant: Bool
    }

    /// The link error for the units of one stage, or nil when their shared globals agree.
    static func check(_ units: [String], stage: String) -> ShaderError? {
        guard units.count > 1 else { return nil }
        var seen: [String: Initialized] = [:]
        for unit in units {
            for g in initializedGlobals(unit) {
                guard let first = seen[g.name] else { seen[g.name] = g; continue }
                if !first.isConstant || !g.isConstant {
                    return ShaderError("error: \(stage) shared global variable `\(g.name)' has multiple non-constant initializers")
                }
                if normalized(first.initializer) != normalized(g.initializer) {
                    return ShaderError("error: \(stage) initializers for shared global `\(g.name)' have differing values")
                }
            }
        }
        return nil
    }

    /// The initialized non-const, non-uniform globals of `source`, in order.
    static func initializedGlobals(_ source: String) -> [Initialized] {
        let code = ProgramCompiler.stripComments(source).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : String($0) }.joined(separator: "\n")
        // Global statements: text at brace depth 0 up to each `;` (function bodies and block members skipped).
        var statements: [String] = [], current = "", depth = 0
        for c in code {
            switch c {
            case "{": depth += 1; if depth == 1 { current = "" }
            case "}": depth -= 1; if depth == 0 { current = "" }
            case ";" where depth == 0: statements.append(current); current = ""
            default: if depth == 0 { current.append(c) }
            }
        }
        let functions = Set(functionNames(code))
        let constants = Set(statements.compactMap { s -> String? in
            let words = identifiers(s)
            guard words.contains("const"), let eq = s.firstIndex(of: "=") else { return nil }
            return identifiers(String(s[..<eq])).last
        })
        var result: [Initialized] = []
        for raw in statements {
            // Layout qualifiers hold `=` of their own (`layout(max_vertices = 3) out;`).
            let statement = raw.replacingOccurrences(of: #"layout\s*\([^)]*\)"#, with: " ", options: .regularExpression)
            guard let eq = statement.firstIndex(of: "=") else { continue }
            let declaration = identifiers(String(statement[..<eq]))
            guard declaration.count >= 2, declaration.allSatisfy({ !excludedQualifiers.contains($0) }) else { continue }
            let initializer = String(statement[statement.index(after: eq)...])
            let isConstant = references(initializer).allSatisfy { name, call in
                call ? !functions.contains(name) : (constants.contains(name) || name == "true" || name == "false")
            }
            result.append(Initialized(name: declaration.last!, initializer: initializer, isConstant: isConstant))
        }
        return result
    }

    /// Declarations that are not shared globals with initializers of this kind: uniforms (their initializers are
    /// checked as uniforms), constants (each unit's own), interface variables.
    static let excludedQualifiers: Set<String> = ["const", "uniform", "in", "out", "attribute", "varying", "buffer", "shared"]

    /// The identifiers of `text` (words that do not start a number), in order.
    static func identifiers(_ text: String) -> [String] {
        references(text).map(\.name)
    }

    /// The identifiers of `text`, each with whether a `(` follows it (a call or constructor).
    static func references(_ text: String) -> [(name: String, call: Bool)] {
        var out: [(String, Bool)] = [], chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                var k = j
                while k < chars.count, chars[k] == " " || chars[k] == "\n" || chars[k] == "\t" { k += 1 }
                out.append((String(chars[i..<j]), k < chars.count && chars[k] == "("))
                i = j
            } else if c.isNumber || c == "." {
                // A number, with its exponent and suffix letters.
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "." { i += 1 }
            } else {
                i += 1
            }
        }
        return out
    }

    /// The names of the functions `code` defines or declares (an identifier followed by `(` at global scope after
    /// a type).
    static func functionNames(_ code: String) -> [String] {
        var names: [String] = [], depth = 0, line = ""
        for c in code {
            if c == "{" {
                if depth == 0 { names += references(line).filter(\.call).map(\.name) }
                depth += 1
                line = ""
            } else if c == "}" {
                depth -= 1
                line = ""
            } else if depth == 0 {
                if c == ";" {
                    // A prototype (`float f(float x);`).
                    let refs = references(line)
                    if refs.count >= 2, refs[1].call, !line.contains("=") { names.append(refs[1].name) }
                    line = ""
                } else {
                    line.append(c)
                }
            }
        }
        return names
    }

    /// An initializer's text without white space (numbers as written: `1.0` and `1.00` differ, which the rule
    /// allows only for equal values, so a single literal is compared by value).
    static func normalized(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        if let d = Double(compact.trimmingCharacters(in: CharacterSet(charactersIn: "fF"))) { return "\(d)" }
        return compact
    }
}
