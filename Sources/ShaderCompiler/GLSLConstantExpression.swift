import Foundation

/// An evaluator of GLSL constant expressions of scalar and vector type (GLSL 4.60 §4.3.3): literals, constructors,
/// operators, swizzles, `const` variables and calls of the built-in functions that have constant arguments.
/// Anything else (a uniform, a call of the shader's own function, a matrix, a result GLSL leaves undefined) makes
/// the expression one it does not evaluate: nil.
struct GLSLConstantExpression {
    /// The initializers of the shader's `const` variables, by name (names declared more than once are left out:
    /// which one an expression sees depends on scope).
    var constants: [String: (type: String, initializer: String)] = [:]
    /// Functions the shader defines or declares itself (they hide the built-ins of the same name).
    var userFunctions: Set<String> = []
    /// Guards against a constant defined through itself.
    private var depth = 0

    init(constants: [String: (type: String, initializer: String)] = [:], userFunctions: Set<String> = []) {
        self.constants = constants
        self.userFunctions = userFunctions
    }

    /// The value of `text`, or nil when it is not a constant expression this evaluator computes.
    func evaluate(_ text: String) -> GLSLConstantValue? {
        guard let tokens = Self.tokenize(text) else { return nil }
        var parser = Parser(tokens: tokens, context: self)
        guard let v = parser.ternary(), parser.at == tokens.count else { return nil }
        return v
    }

    // MARK: Tokens

    enum Token: Equatable {
        case number(GLSLConstantValue)
        case name(String)
        case op(String)
    }

    static let operators = ["<<=", ">>=", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "^^", "++", "--",
                            "+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^", "?", ":", "(", ")", "[", "]", ".", ","]

    static func tokenize(_ text: String) -> [Token]? {
        let c = Array(text.utf8)
        var i = 0, out: [Token] = []
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        while i < c.count {
            let b = c[i]
            if b == 32 || b == 9 || b == 10 || b == 13 { i += 1; continue }
            if isDigit(b) || (b == 46 && i + 1 < c.count && isDigit(c[i + 1])) {
                var j = i
                while j < c.count, isDigit(c[j]) || isLetter(c[j]) || c[j] == 46
                    || ((c[j] == 43 || c[j] == 45) && (c[j - 1] == 101 || c[j - 1] == 69) && !(c[i] == 48 && i + 1 < c.count && (c[i + 1] == 120 || c[i + 1] == 88))) { j += 1 }
                guard let v = number(String(decoding: c[i..<j], as: UTF8.self)) else { return nil }
                out.append(.number(v))
                i = j
            } else if isLetter(b) {
                var j = i
                while j < c.count, isLetter(c[j]) || isDigit(c[j]) { j += 1 }
                out.append(.name(String(decoding: c[i..<j], as: UTF8.self)))
                i = j
            } else {
                let rest = String(decoding: c[i..<min(c.count, i + 3)], as: UTF8.self)
                guard let op = operators.first(where: { rest.hasPrefix($0) }) else { return nil }
                out.append(.op(op))
                i += op.utf8.count
            }
        }
        return out
    }

    /// A GLSL numeric literal: decimal, octal or hexadecimal integers (`u` suffix: `uint`; a value past 32 bits
    /// is no literal), floating-point with an optional `f` or `lf` suffix.
    static func number(_ text: String) -> GLSLConstantValue? {
        var t = text.lowercased()
        let isFloat = !t.hasPrefix("0x") && (t.contains(".") || t.contains("e") || t.hasSuffix("f"))
        if isFloat {
            var kind = GLSLConstantValue.Kind.float
            if t.hasSuffix("lf") { kind = .double; t.removeLast(2) } else if t.hasSuffix("f") { t.removeLast() }
            guard let x = Double(t) else { return nil }
            return GLSLConstantValue(kind, [x])
        }
        var kind = GLSLConstantValue.Kind.int
        if t.hasSuffix("u") { kind = .uint; t.removeLast() }
        let value: UInt64?
        if t.hasPrefix("0x") { value = UInt64(t.dropFirst(2), radix: 16) }
        else if t.count > 1, t.hasPrefix("0") { value = UInt64(t.dropFirst(), radix: 8) }
        else { value = UInt64(t) }
        guard let v = value, v <= 0xFFFF_FFFF else { return nil }
        return .fromBits([UInt32(v)], kind)
    }

    // MARK: Parser

    private struct Parser {
        let tokens: [Token]
        var at = 0
        let context: GLSLConstantExpression

        init(tokens: [Token], context: GLSLConstantExpression) {
            self.tokens = tokens
            self.context = context
        }

        mutating func take(_ op: String) -> Bool {
            guard at < tokens.count, tokens[at] == .op(op) else { return false }
            at += 1
            return true
        }

        mutating func ternary() -> GLSLConstantValue? {
            guard let c = binary(0) else { return nil }
            guard take("?") else { return c }
            guard c.kind == .bool, c.isScalar, let a = ternary(), take(":"), let b = ternary() else { return nil }
            guard a.kind == b.kind, a.count == b.count else { return nil }
            return c.components[0] != 0 ? a : b
        }

        static let levels: [[String]] = [["||"], ["^^"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="],
                                         ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

        mutating func binary(_ level: Int) -> GLSLConstantValue? {
            guard level < Self.levels.count else { return unary() }
            guard var lhs = binary(level + 1) else { return nil }
            while at < tokens.count, case .op(let op) = tokens[at], Self.levels[level].contains(op) {
                at += 1
                guard let rhs = binary(level + 1), let v = GLSLConstantOperators.binary(op, lhs, rhs) else { return nil }
                lhs = v
            }
            return lhs
        }

        mutating func unary() -> GLSLConstantValue? {
            for op in ["-", "+", "!", "~"] where take(op) {
                guard let v = unary() else { return nil }
                return GLSLConstantOperators.unary(op, v)
            }
            return postfix()
        }

        mutating func postfix() -> GLSLConstantValue? {
            guard var v = primary() else { return nil }
            while true {
                if take(".") {
                    guard at < tokens.count, case .name(let s) = tokens[at] else { return nil }
                    at += 1
                    guard let w = GLSLConstantOperators.swizzle(v, s) else { return nil }
                    v = w
                } else if take("[") {
                    guard let i = ternary(), take("]"), i.isScalar, i.kind == .int || i.kind == .uint,
                          i.components[0] >= 0, Int(i.components[0]) < v.count, v.count > 1 else { return nil }
                    v = GLSLConstantValue(v.kind, [v.components[Int(i.components[0])]])
                } else {
                    return v
                }
            }
        }

        mutating func arguments() -> [GLSLConstantValue]? {
            guard take("(") else { return nil }
            var args: [GLSLConstantValue] = []
            if take(")") { return args }
            repeat {
                guard let a = ternary() else { return nil }
                args.append(a)
            } while take(",")
            return take(")") ? args : nil
        }

        mutating func primary() -> GLSLConstantValue? {
            guard at < tokens.count else { return nil }
            let token = tokens[at]
            at += 1
            switch token {
            case .number(let v): return v
            case .op("("):
                guard let v = ternary(), take(")") else { return nil }
                return v
            case .name("true"): return GLSLConstantValue(.bool, [1])
            case .name("false"): return GLSLConstantValue(.bool, [0])
            case .name(let name):
                if at < tokens.count, tokens[at] == .op("(") {
                    guard let args = arguments() else { return nil }
                    if let (kind, size) = GLSLConstantValue.Kind.of(typeName: name) {
                        return GLSLConstantOperators.construct(kind, size, args)
                    }
                    guard !context.userFunctions.contains(name) else { return nil }
                    return GLSLConstantBuiltins.call(name, args)
                }
                return context.constant(name)
            default: return nil
            }
        }
    }

    /// The value of the `const` variable `name`, converted to its declared type.
    private func constant(_ name: String) -> GLSLConstantValue? {
        guard depth < 16, let (type, initializer) = constants[name], let (kind, size) = GLSLConstantValue.Kind.of(typeName: type) else { return nil }
        var inner = self
        inner.depth += 1
        guard let v = inner.evaluate(initializer), v.count == size, v.kind <= kind, v.kind != .bool || kind == .bool else { return nil }
        return v.converted(to: kind)
    }
}
