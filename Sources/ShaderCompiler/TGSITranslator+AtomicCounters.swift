/// Atomic counters (GL 4.2, ARB_shader_atomic_counters; the operations of ARB_shader_atomic_counter_ops): TGSI
/// hardware atomics, as Mesa's virgl driver sends them to a host that has counters.
///
/// glslang gives each `layout(binding = B, offset = O) uniform atomic_uint c[N]` an AtomicCounter variable
/// decorated with Binding and Offset (bytes; glslang fills in the offsets the source leaves out). Each becomes
/// `DCL HWATOMIC[B][O/4..O/4+N-1]`: the first bracket is the binding point, the second the counters' place in
/// the buffer in 4-byte units. virglrenderer writes every declaration back as a GLSL counter (an array when it
/// declares more than one) at that binding and byte offset, and an operand `HWATOMIC[B][k]` (or
/// `HWATOMIC[B][ADDR[0].x+k]`, an array indexed by a variable) as the counter that covers unit k.
///
/// The operations (SPIR-V result = the counter's value before the operation, as TGSI's):
/// - atomicCounter → OpAtomicLoad → `LOAD dst, HWATOMIC[B][k], 0`;
/// - atomicCounterIncrement → OpAtomicIIncrement → `ATOMUADD dst, HWATOMIC[B][k], 0, 1` (an INT32 1: the host
///   writes atomicCounterIncrement for it);
/// - atomicCounterDecrement → OpAtomicIDecrement (then glslang's own subtraction of one) → ATOMUADD with an
///   INT32 −1, which the host writes as atomicCounterDecrement(c) + 1u (the value before);
/// - the ARB_shader_atomic_counter_ops functions → ATOMUADD / ATOMUMIN / ATOMUMAX / ATOMAND / ATOMOR /
///   ATOMXOR / ATOMXCHG / ATOMCAS, which the host writes as atomicCounter…ARB (a subtraction adds the negated
///   value).
extension TGSITranslator {
    /// The TGSI file text of a counter pointer at binding point `binding`.
    static func atomicCounterFile(_ binding: Int) -> String { "HWATOMIC[\(binding)]" }

    /// Declares the AtomicCounter variable `id` (a counter or an array of them, of arrays).
    mutating func declareAtomicCounter(_ id: UInt32, _ pointee: UInt32) throws {
        guard let binding = m.decoration(id, 33)?.first.map(Int.init) else {
            throw ShaderError("atomic counter \(m.names[id] ?? "%\(id)") has no binding")
        }
        let offset = Int(m.decoration(id, 35)?.first ?? 0)
        guard offset % 4 == 0 else { throw ShaderError("atomic counter \(m.names[id] ?? "%\(id)") at offset \(offset), not a multiple of 4") }
        let count = Self.arrayDimensions(m, pointee).map { $0.0.reduce(1, *) } ?? 1
        let first = offset / 4
        decls.append("DCL HWATOMIC[\(binding)][\(first)..\(first + count - 1)]")
        varRegs[id] = Ptr(file: Self.atomicCounterFile(binding), slot: first, component: 0, type: pointee)
    }

    /// The INT32 immediate −1 (broadcast).
    mutating func minusOneImm() -> String {
        let k = imms.count
        imms.append("IMM[\(k)] INT32 {-1, -1, -1, -1}")
        return "IMM[\(k)].xxxx"
    }

    /// Translates an atomic operation on a counter; false for other instructions (and for atomics on other
    /// memory, which are not counters).
    mutating func atomicCounterInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        guard (227...242).contains(i.opcode), i.opcode != 228, i.count >= 3 else { return false }
        guard let p = pointers[i[2]] ?? varRegs[i[2]], p.file.hasPrefix("HWATOMIC[") else { return false }
        code += p.setup
        let counter = try address(p)
        let zero = intImm(0)
        func operandValue(_ k: Int) throws -> String {
            guard i.count > k else { throw ShaderError("atomic operation \(i.opcode) with \(i.count) operands") }
            return src(try value(i[k]).regs[0], [0])
        }
        let v = define(i[1], i[0])
        let dst = "\(v.regs[0]).x"
        switch i.opcode {
        case 227: code.append("LOAD \(dst), \(counter), \(zero)")
        case 232: code.append("ATOMUADD \(dst), \(counter), \(zero), \(intImm(1))")
        case 233: code.append("ATOMUADD \(dst), \(counter), \(zero), \(minusOneImm())")
        case 234: code.append("ATOMUADD \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 235:
            let t = newTemp()
            code.append("INEG TEMP[\(t)].x, \(try operandValue(5))")
            code.append("ATOMUADD \(dst), \(counter), \(zero), TEMP[\(t)].xxxx")
        case 236, 237: code.append("ATOMUMIN \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 238, 239: code.append("ATOMUMAX \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 240: code.append("ATOMAND \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 241: code.append("ATOMOR \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 242: code.append("ATOMXOR \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 229: code.append("ATOMXCHG \(dst), \(counter), \(zero), \(try operandValue(5))")
        case 230, 231:
            // OpAtomicCompareExchange: pointer, scope, two semantics, the value, then the comparator; TGSI's
            // ATOMCAS takes the comparator first.
            code.append("ATOMCAS \(dst), \(counter), \(zero), \(try operandValue(7)), \(try operandValue(6))")
        default: throw ShaderError("atomic operation \(i.opcode) on a counter is not supported")
        }
        return true
    }
}
