import Foundation

/// A small interpreter for straight-line TGSI text (the ALU subset the translator writes for built-in functions),
/// so that tests can run a translated shader on the CPU and compare it with a reference: registers are four 32-bit
/// words; float opcodes read them as IEEE floats, integer opcodes as two's-complement or unsigned words.
struct TGSIInterpreter {
    struct Source {
        var register: String
        var swizzle: [Int]
        var negate: Bool
        var absolute: Bool
    }
    struct Instruction {
        var opcode: String
        var saturate: Bool
        var destination: String
        var writeMask: [Int]
        var sources: [Source]
    }

    enum Failure: Error, CustomStringConvertible {
        case unsupported(String)
        var description: String {
            switch self {
            case .unsupported(let what): return "TGSIInterpreter: \(what)"
            }
        }
    }

    var registers: [String: [UInt32]] = [:]
    var program: [Instruction] = []

    /// Parses the immediates and instructions of `text`; declarations are skipped.
    init(_ text: String) throws {
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("IMM[") {
                let name = String(line.prefix { $0 != " " })
                let file = line.split(separator: " ")[1]
                let body = line[line.index(after: line.firstIndex(of: "{")!)..<line.firstIndex(of: "}")!]
                registers[name] = body.split(separator: ",").map { word in
                    let w = word.trimmingCharacters(in: .whitespaces)
                    if w.hasPrefix("0x") { return UInt32(w.dropFirst(2), radix: 16)! }
                    if file == "FLT32" { return Float(w)!.bitPattern }
                    return UInt32(bitPattern: Int32(truncatingIfNeeded: Int64(w)!))
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":"), Int(line[..<colon]) != nil else { continue }
            let instruction = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if instruction == "END" { break }
            let op = String(instruction.prefix { $0 != " " })
            let operands = instruction.dropFirst(op.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let (dreg, dswz) = Self.split(operands.first ?? "")
            program.append(Instruction(
                opcode: op.hasSuffix("_SAT") ? String(op.dropLast(4)) : op, saturate: op.hasSuffix("_SAT"),
                destination: dreg, writeMask: dswz ?? [0, 1, 2, 3], sources: operands.dropFirst().map(Self.source)))
        }
    }

    static let components: [Character: Int] = ["x": 0, "y": 1, "z": 2, "w": 3]

    /// "TEMP[3].xy" → ("TEMP[3]", [0, 1]); a register without a swizzle → nil.
    static func split(_ operand: String) -> (String, [Int]?) {
        guard let dot = operand.lastIndex(of: "."), operand[operand.index(after: dot)...].allSatisfy({ components[$0] != nil }) else {
            return (operand, nil)
        }
        return (String(operand[..<dot]), operand[operand.index(after: dot)...].map { components[$0]! })
    }

    static func source(_ text: String) -> Source {
        var t = Substring(text)
        let negate = t.hasPrefix("-")
        if negate { t = t.dropFirst() }
        let absolute = t.hasPrefix("|")
        if absolute { t = t.dropFirst().dropLast() }
        let (reg, swz) = split(String(t))
        return Source(register: reg, swizzle: swz ?? [0, 1, 2, 3], negate: negate, absolute: absolute)
    }

    func read(_ s: Source, float: Bool) -> [UInt32] {
        let r = registers[s.register] ?? [0, 0, 0, 0]
        return (0..<4).map { c in
            var w = r[s.swizzle[min(c, s.swizzle.count - 1)]]
            if float {
                if s.absolute { w &= 0x7fff_ffff }
                if s.negate { w ^= 0x8000_0000 }
            } else {
                if s.absolute { w = UInt32(bitPattern: abs(Int32(bitPattern: w))) }
                if s.negate { w = 0 &- w }
            }
            return w
        }
    }

    static let floatOps: Set<String> = ["MOV", "ADD", "MUL", "DIV", "MAX", "MIN", "MAD", "ROUND", "FLR", "TRUNC", "F2U", "F2I",
                                        "FSEQ", "FSNE", "FSLT", "FSGE"]

    /// Runs the program once (UIF/ELSE/ENDIF nest; no loops).
    mutating func run() throws {
        var skipping: [Bool] = []  // per open UIF: whether this branch is skipped
        for i in program {
            switch i.opcode {
            case "UIF":
                let outerSkip = skipping.last ?? false
                let taken = !outerSkip && (registers[i.destination] ?? [0, 0, 0, 0])[i.writeMask[0]] != 0
                skipping.append(outerSkip || !taken)
                continue
            case "ELSE":
                let outerSkip = skipping.count > 1 ? skipping[skipping.count - 2] : false
                skipping[skipping.count - 1] = outerSkip || !skipping[skipping.count - 1]
                continue
            case "ENDIF":
                skipping.removeLast()
                continue
            default:
                if skipping.last ?? false { continue }
            }
            let float = Self.floatOps.contains(i.opcode)
            let s = i.sources.map { read($0, float: float) }
            var out = registers[i.destination] ?? [0, 0, 0, 0]
            for c in i.writeMask {
                func f(_ k: Int) -> Float { Float(bitPattern: s[k][c]) }
                func u(_ k: Int) -> UInt32 { s[k][c] }
                func n(_ k: Int) -> Int32 { Int32(bitPattern: s[k][c]) }
                let b: (Bool) -> UInt32 = { $0 ? 0xffff_ffff : 0 }
                var w: UInt32
                switch i.opcode {
                case "MOV": w = u(0)
                case "ADD": w = (f(0) + f(1)).bitPattern
                case "MUL": w = (f(0) * f(1)).bitPattern
                case "DIV": w = (f(0) / f(1)).bitPattern
                case "MAD": w = (f(0) * f(1) + f(2)).bitPattern
                case "MAX": w = Swift.max(f(0), f(1)).bitPattern
                case "MIN": w = Swift.min(f(0), f(1)).bitPattern
                case "ROUND": w = f(0).rounded(.toNearestOrEven).bitPattern
                case "FLR": w = f(0).rounded(.down).bitPattern
                case "TRUNC": w = f(0).rounded(.towardZero).bitPattern
                case "F2U": w = f(0).isNaN || f(0) <= 0 ? 0 : f(0) >= 4_294_967_296 ? .max : UInt32(f(0))
                case "F2I": w = UInt32(bitPattern: f(0).isNaN ? 0 : Int32(Swift.max(-2_147_483_648, Swift.min(2_147_483_520, f(0)))))
                case "U2F": w = Float(u(0)).bitPattern
                case "I2F": w = Float(n(0)).bitPattern
                case "FSEQ": w = b(f(0) == f(1))
                case "FSNE": w = b(f(0) != f(1))
                case "FSLT": w = b(f(0) < f(1))
                case "FSGE": w = b(f(0) >= f(1))
                case "AND": w = u(0) & u(1)
                case "OR": w = u(0) | u(1)
                case "XOR": w = u(0) ^ u(1)
                case "NOT": w = ~u(0)
                case "SHL": w = u(0) << (u(1) & 31)
                case "USHR": w = u(0) >> (u(1) & 31)
                case "ISHR": w = UInt32(bitPattern: n(0) >> Int32(u(1) & 31))
                case "UADD": w = u(0) &+ u(1)
                case "INEG": w = 0 &- u(0)
                case "UMUL": w = u(0) &* u(1)
                case "IDIV": w = n(1) == 0 ? 0 : UInt32(bitPattern: n(0) / n(1))
                case "UMUL_HI": w = UInt32(truncatingIfNeeded: (UInt64(u(0)) * UInt64(u(1))) >> 32)
                case "IMUL_HI": w = UInt32(truncatingIfNeeded: (Int64(n(0)) * Int64(n(1))) >> 32)
                case "USEQ": w = b(u(0) == u(1))
                case "USNE": w = b(u(0) != u(1))
                case "USLT": w = b(u(0) < u(1))
                case "USGE": w = b(u(0) >= u(1))
                case "ISLT": w = b(n(0) < n(1))
                case "ISGE": w = b(n(0) >= n(1))
                case "IMAX": w = UInt32(bitPattern: Swift.max(n(0), n(1)))
                case "IMIN": w = UInt32(bitPattern: Swift.min(n(0), n(1)))
                case "UMAX": w = Swift.max(u(0), u(1))
                case "UMIN": w = Swift.min(u(0), u(1))
                case "UCMP": w = u(0) != 0 ? u(1) : u(2)
                case "UBFE", "IBFE":
                    let offset = u(1) & 31, bits = u(2) & 31
                    if bits == 0 { w = 0; break }
                    let shifted = u(0) << (32 - offset - bits)
                    w = i.opcode == "UBFE" ? shifted >> (32 - bits) : UInt32(bitPattern: Int32(bitPattern: shifted) >> Int32(32 - bits))
                default: throw Failure.unsupported(i.opcode)
                }
                if i.saturate { w = Swift.min(Swift.max(Float(bitPattern: w), 0), 1).bitPattern }
                out[c] = w
            }
            registers[i.destination] = out
        }
    }
}
