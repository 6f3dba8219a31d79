import Foundation

/// The value of a GLSL constant expression of scalar or vector type, as GLSL computes it: `float` components are
/// rounded to single precision after every operation, `int` and `uint` wrap modulo 2³², `bool` is 0 or 1.
/// Components are held as `Double`s (exact for every 32-bit integer and every `float`).
struct GLSLConstantValue: Equatable {
    /// The component type, in GLSL's implicit-conversion order (an `int` converts to `uint`, `float`, `double`).
    enum Kind: Int, Comparable {
        case bool, int, uint, float, double
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        /// The GLSL type name of a value of this kind with `n` components.
        func typeName(_ n: Int) -> String {
            if n == 1 { return ["bool", "int", "uint", "float", "double"][rawValue] }
            return ["bvec", "ivec", "uvec", "vec", "dvec"][rawValue] + "\(n)"
        }

        /// The kind and size a GLSL scalar or vector type name stands for (nil for any other type).
        static func of(typeName name: String) -> (kind: Kind, size: Int)? {
            switch name {
            case "bool": return (.bool, 1)
            case "int": return (.int, 1)
            case "uint": return (.uint, 1)
            case "float": return (.float, 1)
            case "double": return (.double, 1)
            default: break
            }
            guard name.count >= 4, let n = Int(String(name.last!)), (2...4).contains(n) else { return nil }
            switch name.dropLast() {
            case "bvec": return (.bool, n)
            case "ivec": return (.int, n)
            case "uvec": return (.uint, n)
            case "vec": return (.float, n)
            case "dvec": return (.double, n)
            default: return nil
            }
        }
    }

    var kind: Kind
    var components: [Double]

    init(_ kind: Kind, _ components: [Double]) {
        self.kind = kind
        self.components = components.map { Self.normalized($0, kind) }
    }

    /// `x` as a component of `kind` holds it (rounded to `float`, wrapped to 32 bits, 0 or 1).
    static func normalized(_ x: Double, _ kind: Kind) -> Double {
        switch kind {
        case .bool: return x != 0 ? 1 : 0
        case .int: return Double(Int32(truncatingIfNeeded: Int64(exactly: x.rounded(.towardZero)) ?? 0))
        case .uint: return Double(UInt32(truncatingIfNeeded: Int64(exactly: x.rounded(.towardZero)) ?? 0))
        case .float: return Double(Float(x))
        case .double: return x
        }
    }

    var count: Int { components.count }
    var isScalar: Bool { components.count == 1 }

    /// The components' 32-bit patterns (`int`, `uint` and `bool` only).
    var bits: [UInt32] { components.map { UInt32(truncatingIfNeeded: Int64($0)) } }

    /// Integer components from 32-bit patterns, as `kind` (`.int` or `.uint`) reads them.
    static func fromBits(_ bits: [UInt32], _ kind: Kind) -> GLSLConstantValue {
        GLSLConstantValue(kind, bits.map { kind == .int ? Double(Int32(bitPattern: $0)) : Double($0) })
    }

    /// This value converted to `kind` as a constructor converts (float → integer truncates toward zero; a
    /// negative or out-of-range float has no defined integer value: nil).
    func converted(to kind: Kind) -> GLSLConstantValue? {
        if kind == self.kind { return self }
        var out: [Double] = []
        for x in components {
            switch kind {
            case .int, .uint:
                guard x.isFinite else { return nil }
                let t = x.rounded(.towardZero)
                if self.kind == .float || self.kind == .double {
                    guard kind == .int ? (t >= -2147483648 && t <= 2147483647) : (t >= 0 && t <= 4294967295) else { return nil }
                }
                out.append(t)
            default: out.append(x)
            }
        }
        return GLSLConstantValue(kind, out)
    }

    /// The value as GLSL source: a literal for a scalar, a constructor of literals for a vector. Nil when a
    /// component has no literal (infinity, NaN).
    var source: String? {
        var parts: [String] = []
        for x in components {
            switch kind {
            case .bool: parts.append(x != 0 ? "true" : "false")
            case .int:
                // -2147483648 is no literal: the negation of 2147483648 wraps to it.
                parts.append(x < 0 ? "(\(Int64(x)))" : "\(Int64(x))")
            case .uint: parts.append("\(UInt64(x))u")
            case .float, .double:
                guard x.isFinite else { return nil }
                var text = kind == .float ? String(format: "%.9g", x) : String(format: "%.17g", x)
                if !text.contains(".") && !text.contains("e") { text += ".0" }
                if kind == .double { text += "lf" }
                parts.append(x < 0 || (x == 0 && x.sign == .minus) ? "(\(text))" : text)
            }
        }
        return isScalar ? parts[0] : kind.typeName(count) + "(" + parts.joined(separator: ", ") + ")"
    }
}
