import CGlslang
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Folds constant expressions that call built-in functions, before glslang sees the shader. GLSL makes a
/// built-in call on constant expressions a constant expression (GLSL 4.60 §4.3.3), usable wherever a constant
/// is: glslang 12 folds only some built-ins (not `bitCount`, `bitfieldExtract`, `findMSB`, `fma`, `ldexp`,
/// `packDouble2x32`, …), so an array size using them fails ("array size must be a constant integer expression"),
/// and it folds others in double precision (`int(degrees(3.1415926535))` is 179, not the 180 single precision
/// gives). This pass evaluates such expressions with GLSL's semantics (GLSLConstantExpression) and writes their
/// value in their place:
/// - an array size or index `[e]` whose expression calls a built-in and evaluates to an `int` or `uint`;
/// - the initializer of a `const` scalar or vector whose expression calls a built-in (the value keeps the
///   declared type exactly: a mismatch is left for glslang to report).
/// Macros are expanded first (glslang's preprocessor) when the source has any, since such expressions are
/// often written through them; a shader with nothing to fold is returned unchanged.
enum GLSLConstantFolding {
    /// `source` with its foldable built-in constant expressions replaced by their values.
    static func fold(_ source: String, _ stage: ShaderStage) -> String {
        guard source.contains("(") else { return source }
        var code = ProgramCompiler.stripComments(source)
        guard mayFold(code) || code.contains("#define") else { return source }
        if code.contains("#define") {
            guard let expanded = preprocessed(source, stage) else { return source }
            code = expanded
        }
        guard mayFold(code) else { return source }
        let folded = folding(code)
        return folded == code ? source : folded
    }

    /// `source` with its macros expanded. glslang's preprocessor is given the source as GLSL 4.50 compatibility
    /// (its own version may be one glslang only takes once lowered, GLSLVersionLowering) and the original
    /// `#version` line is put back; a source whose text depends on its version (`__VERSION__`, the profile
    /// macros) is not expanded.
    private static func preprocessed(_ source: String, _ stage: ShaderStage) -> String? {
        guard !source.contains("__VERSION__"), !source.contains("_profile") else { return nil }
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let versionLine = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#version") }
        var original: String?
        if let k = versionLine {
            original = lines[k]
            lines[k] = "#version 450 compatibility"
        }
        var out: UnsafeMutablePointer<CChar>?
        guard lines.joined(separator: "\n").withCString({ cglslang_preprocess(Int32(stage.rawValue), $0, &out) }) != 0, let text = out else { return nil }
        defer { free(text) }
        var result = String(cString: text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let k = result.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#version") }) {
            guard let original else { return nil }
            result[k] = original
        } else if original != nil {
            return nil
        }
        return result.joined(separator: "\n")
    }

    /// Whether `code` calls one of the built-ins the evaluator computes.
    private static func mayFold(_ code: String) -> Bool {
        GLSLSharedGlobals.references(code).contains { $0.call && GLSLConstantBuiltins.names.contains($0.name) }
    }

    private static let constDeclaration = try! NSRegularExpression(
        pattern: #"\bconst\s+(?:(?:lowp|mediump|highp|precise)\s+)*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"#)

    /// The folding itself, on comment-free, macro-expanded code.
    static func folding(_ code: String) -> String {
        let userFunctions = Set(GLSLSharedGlobals.functionNames(code))
        var text = code
        // `const` initializers first: array sizes may use the constants.
        var evaluator = GLSLConstantExpression(constants: constants(text), userFunctions: userFunctions)
        var searchFrom = 0
        while true {
            let ns = text as NSString
            guard searchFrom < ns.length,
                  let m = constDeclaration.firstMatch(in: text, range: NSRange(location: searchFrom, length: ns.length - searchFrom)) else { break }
            let start = m.range.location + m.range.length
            searchFrom = start
            let type = ns.substring(with: m.range(at: 1))
            guard let end = expressionEnd(ns, from: start, closer: ";") else { continue }
            let initializer = ns.substring(with: NSRange(location: start, length: end - start))
            guard callsBuiltin(initializer, userFunctions), let (kind, size) = GLSLConstantValue.Kind.of(typeName: type),
                  let v = evaluator.evaluate(initializer), v.kind == kind, v.count == size, let literal = v.source else { continue }
            text = ns.replacingCharacters(in: NSRange(location: start, length: end - start), with: literal)
            searchFrom = start + (literal as NSString).length
        }
        evaluator.constants = constants(text)
        // Array sizes and indices.
        var at = 0
        while true {
            let ns = text as NSString
            let open = ns.range(of: "[", options: [], range: NSRange(location: at, length: ns.length - at))
            guard open.location != NSNotFound else { break }
            at = open.location + 1
            guard let close = expressionEnd(ns, from: at, closer: "]") else { continue }
            let inner = ns.substring(with: NSRange(location: at, length: close - at))
            guard callsBuiltin(inner, userFunctions), let v = evaluator.evaluate(inner), v.isScalar,
                  v.kind == .int || v.kind == .uint, let literal = v.source else { continue }
            text = ns.replacingCharacters(in: NSRange(location: at, length: close - at), with: literal)
        }
        return pruningDeadBranches(text, evaluator)
    }

    /// `if` statements whose condition is a constant expression lose the branch that never runs (a block or a
    /// single simple statement becomes an empty block, keeping its line breaks): a call in it of a function the
    /// program declares but never defines then no longer fails the link, as it does not in GL implementations,
    /// which drop unreachable code before they resolve calls.
    static func pruningDeadBranches(_ code: String, _ evaluator: GLSLConstantExpression) -> String {
        var text = code as NSString
        var at = 0
        while true {
            let r = text.range(of: #"\bif\s*\("#, options: .regularExpression, range: NSRange(location: at, length: text.length - at))
            guard r.location != NSNotFound else { break }
            at = r.location + r.length
            guard let close = expressionEnd(text, from: at, closer: ")"),
                  let v = evaluator.evaluate(text.substring(with: NSRange(location: at, length: close - at))),
                  v.kind == .bool, v.isScalar, let then = statement(text, from: close + 1) else { continue }
            var dead = then
            if v.components[0] != 0 {
                // The else branch, if any, is dead.
                var k = then.location + then.length
                while k < text.length, let s = UnicodeScalar(text.character(at: k)), CharacterSet.whitespacesAndNewlines.contains(s) { k += 1 }
                guard k + 4 <= text.length, text.substring(with: NSRange(location: k, length: 4)) == "else",
                      k + 4 == text.length || !isIdentifierCharacter(text.character(at: k + 4)),
                      let other = statement(text, from: k + 4) else { continue }
                dead = other
            }
            guard let d = dead.body else { continue }
            let removed = text.substring(with: d)
            guard removed.trimmingCharacters(in: .whitespacesAndNewlines) != "{}" else { continue }
            let lines = String(repeating: "\n", count: removed.filter { $0 == "\n" }.count)
            text = text.replacingCharacters(in: d, with: "{" + lines + "}") as NSString
        }
        return text as String
    }

    private static func isIdentifierCharacter(_ c: unichar) -> Bool {
        guard let s = UnicodeScalar(c) else { return false }
        return CharacterSet.alphanumerics.contains(s) || s == "_"
    }

    /// The statement starting at or after `from`: its range, and `body` when it is one a branch can drop as a
    /// whole (a `{ … }` block or a simple statement ending with `;`, not an `if`, loop or `switch`).
    private static func statement(_ text: NSString, from: Int) -> (location: Int, length: Int, body: NSRange?)? {
        var k = from
        while k < text.length, let s = UnicodeScalar(text.character(at: k)), CharacterSet.whitespacesAndNewlines.contains(s) { k += 1 }
        guard k < text.length else { return nil }
        if text.character(at: k) == 123 {  // {
            var depth = 0, j = k
            while j < text.length {
                let c = text.character(at: j)
                if c == 123 { depth += 1 } else if c == 125 {
                    depth -= 1
                    if depth == 0 { return (k, j + 1 - k, NSRange(location: k, length: j + 1 - k)) }
                }
                j += 1
            }
            return nil
        }
        let rest = text.substring(from: k)
        if rest.range(of: #"^(if|for|while|do|switch|else)\b"#, options: .regularExpression) != nil { return nil }
        var depth = 0, j = k
        while j < text.length {
            let c = text.character(at: j)
            if c == 40 { depth += 1 } else if c == 41 { depth -= 1 } else if c == 123 || c == 125 { return nil }
            else if c == 59, depth == 0 { return (k, j + 1 - k, NSRange(location: k, length: j + 1 - k)) }
            j += 1
        }
        return nil
    }

    /// Whether `expression` calls a built-in the evaluator computes.
    private static func callsBuiltin(_ expression: String, _ userFunctions: Set<String>) -> Bool {
        GLSLSharedGlobals.references(expression).contains { $0.call && GLSLConstantBuiltins.names.contains($0.name) && !userFunctions.contains($0.name) }
    }

    /// The offset of the `closer` ending the expression that starts at `from` (parentheses and brackets
    /// balanced), or nil when a `{`, `}` or `;` (for "]") comes first.
    private static func expressionEnd(_ text: NSString, from: Int, closer: Character) -> Int? {
        var depth = 0, k = from
        while k < text.length {
            let c = Character(UnicodeScalar(text.character(at: k)) ?? " ")
            if depth == 0, c == closer { return k }
            switch c {
            case "(", "[": depth += 1
            case ")", "]":
                depth -= 1
                if depth < 0 { return nil }
            case "{", "}", ";": return nil
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The `const` scalar and vector variables of `code` with one declaration each: name → type, initializer.
    static func constants(_ code: String) -> [String: (type: String, initializer: String)] {
        var found: [String: (type: String, initializer: String)] = [:], repeated: Set<String> = []
        let ns = code as NSString
        for m in constDeclaration.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 2))
            let start = m.range.location + m.range.length
            guard let end = expressionEnd(ns, from: start, closer: ";") else { repeated.insert(name); continue }
            if found[name] != nil { repeated.insert(name) }
            found[name] = (ns.substring(with: m.range(at: 1)), ns.substring(with: NSRange(location: start, length: end - start)))
        }
        // Any other declaration of the same name (a uniform, a local) may hide the constant: leave it out.
        for name in found.keys where repeated.contains(name) || declaredOtherwise(name, code) { found[name] = nil }
        return found
    }

    /// Whether `name` is also declared other than as a `const` (`TYPE name` where TYPE is not after `const`).
    private static func declaredOtherwise(_ name: String, _ code: String) -> Bool {
        let pattern = #"\b([A-Za-z_][A-Za-z0-9_]*)\s+"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { return true }
        let ns = code as NSString
        let declarations = re.matches(in: code, range: NSRange(location: 0, length: ns.length)).filter {
            GLSLConstantValue.Kind.of(typeName: ns.substring(with: $0.range(at: 1))) != nil
                || ["struct", "in", "out", "uniform", "buffer"].contains(ns.substring(with: $0.range(at: 1)))
        }
        return declarations.count > 1
    }
}
