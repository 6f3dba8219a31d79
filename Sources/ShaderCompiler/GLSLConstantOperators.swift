import Foundation

/// GLSL's operators, swizzles and constructors on constant values (GLSL 4.60 §5), with its implicit conversions
/// (`int` → `uint` → `float` → `double`) and its scalar-with-vector broadcasting. Nil for an operation GLSL does
/// not allow on those operands or whose result it leaves undefined (integer division by zero, shifts past the
/// width, `%` of negative operands).
enum GLSLConstantOperators {
    typealias Value = GLSLConstantValue

    /// `a` and `b` converted to their common kind and size (a scalar spreads over the other's components).
    static func common(_ a: Value, _ b: Value) -> (Value, Value)? {
        guard a.count == b.count || a.isScalar || b.isScalar else { return nil }
        guard (a.kind == .bool) == (b.kind == .bool) else { return nil }
        let kind = max(a.kind, b.kind)
        guard var x = a.converted(to: kind), var y = b.converted(to: kind) else { return nil }
        let n = max(x.count, y.count)
        if x.isScalar { x = Value(kind, Array(repeating: x.components[0], count: n)) }
        if y.isScalar { y = Value(kind, Array(repeating: y.components[0], count: n)) }
        return (x, y)
    }

    static func binary(_ op: String, _ a: Value, _ b: Value) -> Value? {
        switch op {
        case "&&", "||", "^^":
            guard a.kind == .bool, b.kind == .bool, a.isScalar, b.isScalar else { return nil }
            let p = a.components[0] != 0, q = b.components[0] != 0
            return Value(.bool, [(op == "&&" ? p && q : op == "||" ? p || q : p != q) ? 1 : 0])
        case "==", "!=":
            guard a.count == b.count, let (x, y) = common(a, b) else { return nil }
            return Value(.bool, [(x.components == y.components) == (op == "==") ? 1 : 0])
        case "<", ">", "<=", ">=":
            guard a.isScalar, b.isScalar, a.kind != .bool, let (x, y) = common(a, b) else { return nil }
            let p = x.components[0], q = y.components[0]
            let r = op == "<" ? p < q : op == ">" ? p > q : op == "<=" ? p <= q : p >= q
            return Value(.bool, [r ? 1 : 0])
        case "<<", ">>":
            guard a.kind == .int || a.kind == .uint, b.kind == .int || b.kind == .uint, b.isScalar || b.count == a.count else { return nil }
            var out: [UInt32] = []
            for (k, v) in a.bits.enumerated() {
                let s = b.components[b.isScalar ? 0 : k]
                guard s >= 0, s < 32 else { return nil }
                if op == "<<" { out.append(v << UInt32(s)) }
                else if a.kind == .int { out.append(UInt32(bitPattern: Int32(bitPattern: v) >> Int32(s))) }
                else { out.append(v >> UInt32(s)) }
            }
            return .fromBits(out, a.kind)
        case "&", "|", "^":
            guard let (x, y) = common(a, b), x.kind == .int || x.kind == .uint else { return nil }
            let r = zip(x.bits, y.bits).map { op == "&" ? $0 & $1 : op == "|" ? $0 | $1 : $0 ^ $1 }
            return .fromBits(r, x.kind)
        case "+", "-", "*", "/", "%":
            guard let (x, y) = common(a, b), x.kind != .bool else { return nil }
            var out: [Double] = []
            for (p, q) in zip(x.components, y.components) {
                switch (op, x.kind) {
                case ("+", _): out.append(p + q)
                case ("-", _): out.append(p - q)
                case ("*", .int), ("*", .uint):
                    out.append(Double(UInt32(truncatingIfNeeded: Int64(p)) &* UInt32(truncatingIfNeeded: Int64(q))))
                case ("*", _): out.append(p * q)
                case ("/", .int), ("/", .uint):
                    guard q != 0 else { return nil }
                    out.append((p / q).rounded(.towardZero))
                case ("/", _): out.append(p / q)
                case ("%", .int), ("%", .uint):
                    guard q > 0, p >= 0 else { return nil }
                    out.append(p.truncatingRemainder(dividingBy: q))
                default: return nil
                }
            }
            return Value(x.kind, out)
        default: return nil
        }
    }

    static func unary(_ op: String, _ v: Value) -> Value? {
        switch op {
        case "+": return v.kind == .bool ? nil : v
        case "-": return v.kind == .bool ? nil : Value(v.kind, v.components.map { -$0 })
        case "!": return v.kind == .bool && v.isScalar ? Value(.bool, [v.components[0] != 0 ? 0 : 1]) : nil
        case "~": return v.kind == .int || v.kind == .uint ? .fromBits(v.bits.map { ~$0 }, v.kind) : nil
        default: return nil
        }
    }

    /// `v.s` for a swizzle `s` of one of the sets xyzw, rgba, stpq.
    static func swizzle(_ v: Value, _ s: String) -> Value? {
        guard (1...4).contains(s.count) else { return nil }
        for set in ["xyzw", "rgba", "stpq"] {
            let letters = Array(set)
            let picks = s.map { letters.firstIndex(of: $0) }
            if picks.allSatisfy({ $0 != nil }) {
                guard picks.allSatisfy({ $0! < v.count }) else { return nil }
                return Value(v.kind, picks.map { v.components[$0!] })
            }
        }
        return nil
    }

    /// `T(args)` for a scalar or vector type T: one scalar fills every component, otherwise the arguments'
    /// components in order, each converted as a constructor converts.
    static func construct(_ kind: Value.Kind, _ size: Int, _ args: [Value]) -> Value? {
        guard !args.isEmpty else { return nil }
        var parts: [Double] = []
        for a in args {
            guard let c = a.converted(to: kind) else { return nil }
            parts += c.components
        }
        if args.count == 1, args[0].isScalar { return Value(kind, Array(repeating: parts[0], count: size)) }
        // Every argument must contribute (an argument left wholly unused is an error).
        guard parts.count >= size, parts.count - args.last!.count < size else { return nil }
        return Value(kind, Array(parts.prefix(size)))
    }
}
