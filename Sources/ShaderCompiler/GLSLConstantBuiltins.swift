import Foundation

/// GLSL's built-in functions on constant arguments (GLSL 4.60 §8: a built-in call whose arguments are constant
/// expressions is one itself), computed as a GPU computes them: `float` results rounded to single precision, a
/// `float` `ldexp` result too small to be normal flushed to a zero of its sign, integer bit operations on the
/// 32-bit patterns. Nil for a function not here, arguments of the wrong types, or a result GLSL leaves undefined
/// (`sqrt` of a negative, `bitfieldExtract` past bit 31, …).
enum GLSLConstantBuiltins {
    typealias Value = GLSLConstantValue

    /// The names this evaluates (a call of any other name is not folded).
    static let names: Set<String> = Set(unaryFloat.keys).union([
        "abs", "sign", "atan", "pow", "mod", "min", "max", "clamp", "mix", "step", "smoothstep", "fma", "ldexp",
        "length", "distance", "dot", "cross", "normalize", "bitCount", "bitfieldReverse", "bitfieldExtract",
        "bitfieldInsert", "findLSB", "findMSB", "floatBitsToInt", "floatBitsToUint", "intBitsToFloat",
        "uintBitsToFloat", "packDouble2x32", "unpackDouble2x32", "lessThan", "lessThanEqual", "greaterThan",
        "greaterThanEqual", "equal", "notEqual", "any", "all", "not",
    ])

    /// Component-wise functions of one floating-point argument (nil: outside the function's domain).
    static let unaryFloat: [String: (Double) -> Double?] = [
        "radians": { $0 * .pi / 180 }, "degrees": { $0 * 180 / .pi },
        "sin": { sin($0) }, "cos": { cos($0) }, "tan": { tan($0) },
        "asin": { abs($0) <= 1 ? asin($0) : nil }, "acos": { abs($0) <= 1 ? acos($0) : nil },
        "sinh": { sinh($0) }, "cosh": { cosh($0) }, "tanh": { tanh($0) }, "asinh": { asinh($0) },
        "acosh": { $0 >= 1 ? acosh($0) : nil }, "atanh": { abs($0) < 1 ? atanh($0) : nil },
        "exp": { exp($0) }, "exp2": { exp2($0) }, "log": { $0 > 0 ? log($0) : nil }, "log2": { $0 > 0 ? log2($0) : nil },
        "sqrt": { $0 >= 0 ? sqrt($0) : nil }, "inversesqrt": { $0 > 0 ? 1 / sqrt($0) : nil },
        "floor": { $0.rounded(.down) }, "ceil": { $0.rounded(.up) }, "trunc": { $0.rounded(.towardZero) },
        "round": { $0.rounded(.toNearestOrEven) }, "roundEven": { $0.rounded(.toNearestOrEven) },
        "fract": { $0 - $0.rounded(.down) },
    ]

    static func call(_ name: String, _ args: [Value]) -> Value? {
        guard let v = evaluate(name, args) else { return nil }
        // A NaN or infinity has no defined constant value here.
        guard v.components.allSatisfy({ $0.isFinite }) else { return nil }
        return v
    }

    /// Arguments converted to one floating-point kind (`double` if any is), scalars spread to the widest size.
    private static func floats(_ args: [Value], spread: Bool = true) -> (kind: Value.Kind, size: Int, comps: [[Double]])? {
        guard !args.isEmpty, args.allSatisfy({ $0.kind != .bool }) else { return nil }
        let kind: Value.Kind = args.contains { $0.kind == .double } ? .double : .float
        let size = args.map(\.count).max()!
        var comps: [[Double]] = []
        for a in args {
            guard let c = a.converted(to: kind) else { return nil }
            if c.count == size { comps.append(c.components) }
            else if spread, c.isScalar { comps.append(Array(repeating: c.components[0], count: size)) }
            else { return nil }
        }
        return (kind, size, comps)
    }

    /// Integer arguments of one kind (`uint` if any is), for the functions that take genIType or genUType.
    private static func isInteger(_ v: Value) -> Bool { v.kind == .int || v.kind == .uint }

    private static func map(_ kind: Value.Kind, _ comps: [[Double]], _ f: ([Double]) -> Double?) -> Value? {
        var out: [Double] = []
        for k in comps[0].indices {
            guard let r = f(comps.map { $0[k] }) else { return nil }
            out.append(r)
        }
        return Value(kind, out)
    }

    private static func evaluate(_ name: String, _ args: [Value]) -> Value? {
        if let f = unaryFloat[name] {
            guard args.count == 1, let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { f($0[0]) }
        }
        switch name {
        case "abs", "sign":
            guard args.count == 1, args[0].kind != .bool, args[0].kind != .uint else { return nil }
            let a = args[0]
            if a.kind == .int {
                return Value(.int, a.components.map { name == "abs" ? abs($0) : ($0 > 0 ? 1 : $0 < 0 ? -1 : 0) })
            }
            return Value(a.kind, a.components.map { name == "abs" ? abs($0) : ($0 > 0 ? 1 : $0 < 0 ? -1 : 0) })
        case "min", "max", "clamp":
            guard args.count == (name == "clamp" ? 3 : 2), args.allSatisfy({ $0.kind != .bool }) else { return nil }
            if args.allSatisfy(isInteger) {
                guard Set(args.map(\.kind)).count == 1 else { return nil }
                let size = args[0].count
                guard args.dropFirst().allSatisfy({ $0.count == size || $0.isScalar }) else { return nil }
                let c = args.map { a in a.isScalar ? Array(repeating: a.components[0], count: size) : a.components }
                return map(args[0].kind, c) { x in
                    name == "min" ? Swift.min(x[0], x[1]) : name == "max" ? Swift.max(x[0], x[1])
                        : (x[1] > x[2] ? nil : Swift.min(Swift.max(x[0], x[1]), x[2]))
                }
            }
            guard let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in
                name == "min" ? Swift.min(x[0], x[1]) : name == "max" ? Swift.max(x[0], x[1])
                    : (x[1] > x[2] ? nil : Swift.min(Swift.max(x[0], x[1]), x[2]))
            }
        case "atan":
            guard (1...2).contains(args.count), let (kind, _, c) = floats(args, spread: false) else { return nil }
            return map(kind, c) { x in
                if x.count == 1 { return atan(x[0]) }
                return x[0] == 0 && x[1] == 0 ? nil : atan2(x[0], x[1])
            }
        case "pow":
            guard args.count == 2, let (kind, _, c) = floats(args, spread: false) else { return nil }
            return map(kind, c) { x in x[0] < 0 || (x[0] == 0 && x[1] <= 0) ? nil : pow(x[0], x[1]) }
        case "mod":
            guard args.count == 2, let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in x[1] == 0 ? nil : x[0] - x[1] * (x[0] / x[1]).rounded(.down) }
        case "mix":
            guard args.count == 3 else { return nil }
            if args[2].kind == .bool {
                guard args[0].count == args[1].count, args[2].count == args[0].count, let (kind, _, c) = floats(Array(args.prefix(2))) else { return nil }
                return Value(kind, c[0].indices.map { args[2].components[$0] != 0 ? c[1][$0] : c[0][$0] })
            }
            guard let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in x[0] * (1 - x[2]) + x[1] * x[2] }
        case "step":
            guard args.count == 2, let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in x[1] < x[0] ? 0 : 1 }
        case "smoothstep":
            guard args.count == 3, let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in
                guard x[0] < x[1] else { return nil }
                let t = Swift.min(Swift.max((x[2] - x[0]) / (x[1] - x[0]), 0), 1)
                return t * t * (3 - 2 * t)
            }
        case "fma":
            guard args.count == 3, args.allSatisfy({ $0.count == args[0].count }), let (kind, _, c) = floats(args) else { return nil }
            return map(kind, c) { x in
                kind == .float ? Double(Float(x[2]).addingProduct(Float(x[0]), Float(x[1]))) : x[2].addingProduct(x[0], x[1])
            }
        case "ldexp":
            guard args.count == 2, args[1].kind == .int, args[1].count == args[0].count,
                  let (kind, _, c) = floats([args[0]]) else { return nil }
            return Value(kind, c[0].indices.map { k -> Double in
                let r = scalbn(c[0][k], Int(args[1].components[k]))
                guard kind == .float else { return r }
                // Single precision has no normal value below 2^-126: such a result flushes to zero.
                return abs(r) < Double(Float.leastNormalMagnitude) ? (r.sign == .minus ? -0.0 : 0.0) : r
            })
        case "length", "normalize":
            guard args.count == 1, let (kind, _, c) = floats(args) else { return nil }
            let l = sqrt(c[0].reduce(0) { $0 + $1 * $1 })
            if name == "length" { return Value(kind, [l]) }
            return l == 0 ? nil : Value(kind, c[0].map { $0 / l })
        case "distance", "dot":
            guard args.count == 2, args[0].count == args[1].count, let (kind, _, c) = floats(args) else { return nil }
            if name == "dot" { return Value(kind, [zip(c[0], c[1]).reduce(0) { $0 + $1.0 * $1.1 }]) }
            return Value(kind, [sqrt(zip(c[0], c[1]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })])
        case "cross":
            guard args.count == 2, args[0].count == 3, args[1].count == 3, let (kind, _, c) = floats(args) else { return nil }
            let a = c[0], b = c[1]
            return Value(kind, [a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0], a[0] * b[1] - b[0] * a[1]])
        case "bitCount", "bitfieldReverse", "findLSB", "findMSB":
            guard args.count == 1, isInteger(args[0]) else { return nil }
            let a = args[0]
            switch name {
            case "bitCount": return .fromBits(a.bits.map { UInt32($0.nonzeroBitCount) }, .int)
            case "bitfieldReverse": return .fromBits(a.bits.map { reverse($0) }, a.kind)
            case "findLSB": return Value(.int, a.bits.map { $0 == 0 ? -1 : Double($0.trailingZeroBitCount) })
            default:
                return Value(.int, a.bits.map { v in
                    // For a negative int, the most significant bit that differs from the sign bit.
                    let u = a.kind == .int && Int32(bitPattern: v) < 0 ? ~v : v
                    return u == 0 ? -1 : Double(31 - u.leadingZeroBitCount)
                })
            }
        case "bitfieldExtract":
            guard args.count == 3, isInteger(args[0]), args[1].kind == .int, args[2].kind == .int, args[1].isScalar, args[2].isScalar else { return nil }
            let offset = Int(args[1].components[0]), bits = Int(args[2].components[0])
            guard offset >= 0, bits >= 0, offset + bits <= 32 else { return nil }
            return .fromBits(args[0].bits.map { v in
                guard bits > 0 else { return 0 }
                let up = v << UInt32(32 - offset - bits)
                if args[0].kind == .int { return UInt32(bitPattern: Int32(bitPattern: up) >> Int32(32 - bits)) }
                return up >> UInt32(32 - bits)
            }, args[0].kind)
        case "bitfieldInsert":
            guard args.count == 4, isInteger(args[0]), args[1].kind == args[0].kind, args[1].count == args[0].count,
                  args[2].kind == .int, args[3].kind == .int, args[2].isScalar, args[3].isScalar else { return nil }
            let offset = Int(args[2].components[0]), bits = Int(args[3].components[0])
            guard offset >= 0, bits >= 0, offset + bits <= 32 else { return nil }
            let mask: UInt32 = bits == 0 ? 0 : (bits == 32 ? ~0 : ((1 << UInt32(bits)) - 1) << UInt32(offset))
            return .fromBits(zip(args[0].bits, args[1].bits).map { base, insert in
                (base & ~mask) | ((bits == 32 ? insert : insert << UInt32(offset)) & mask)
            }, args[0].kind)
        case "floatBitsToInt", "floatBitsToUint":
            guard args.count == 1, args[0].kind == .float else { return nil }
            return .fromBits(args[0].components.map { Float($0).bitPattern }, name == "floatBitsToInt" ? .int : .uint)
        case "intBitsToFloat", "uintBitsToFloat":
            guard args.count == 1, args[0].kind == (name == "intBitsToFloat" ? .int : .uint) else { return nil }
            return Value(.float, args[0].bits.map { Double(Float(bitPattern: $0)) })
        case "packDouble2x32":
            guard args.count == 1, args[0].kind == .uint, args[0].count == 2 else { return nil }
            let b = args[0].bits
            return Value(.double, [Double(bitPattern: UInt64(b[0]) | UInt64(b[1]) << 32)])
        case "unpackDouble2x32":
            guard args.count == 1, args[0].kind == .double, args[0].isScalar else { return nil }
            let b = args[0].components[0].bitPattern
            return .fromBits([UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32)], .uint)
        case "lessThan", "lessThanEqual", "greaterThan", "greaterThanEqual", "equal", "notEqual":
            guard args.count == 2, args[0].count == args[1].count, !args[0].isScalar,
                  (args[0].kind == .bool) == (args[1].kind == .bool),
                  args[0].kind != .bool || name == "equal" || name == "notEqual",
                  let (x, y) = GLSLConstantOperators.common(args[0], args[1]) else { return nil }
            return Value(.bool, zip(x.components, y.components).map { p, q in
                let r: Bool
                switch name {
                case "lessThan": r = p < q
                case "lessThanEqual": r = p <= q
                case "greaterThan": r = p > q
                case "greaterThanEqual": r = p >= q
                case "equal": r = p == q
                default: r = p != q
                }
                return r ? 1 : 0
            })
        case "any", "all", "not":
            guard args.count == 1, args[0].kind == .bool, !args[0].isScalar else { return nil }
            let c = args[0].components
            if name == "not" { return Value(.bool, c.map { $0 != 0 ? 0 : 1 }) }
            return Value(.bool, [(name == "any" ? c.contains { $0 != 0 } : c.allSatisfy { $0 != 0 }) ? 1 : 0])
        default:
            return nil
        }
    }

    private static func reverse(_ v: UInt32) -> UInt32 {
        var r: UInt32 = 0
        for k in 0..<32 where v & (1 << UInt32(k)) != 0 { r |= 1 << UInt32(31 - k) }
        return r
    }
}
