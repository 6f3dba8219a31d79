/// GLSL 4.00's integer functions (GL_MESA_shader_integer_functions: bit-field operations, carry/borrow,
/// extended multiplies, frexp/ldexp), the packing functions (GL_ARB_shading_language_packing) and the
/// SPV_AMD_shader_trinary_minmax instructions, as TGSI.
extension TGSITranslator {
    // MARK: Helpers

    /// A struct result whose members are scalars or vectors (OpIAddCarry, OpUMulExtended, FrexpStruct…): one
    /// register per member, so OpCompositeExtract finds member k in register k.
    mutating func defineStruct(_ id: UInt32, _ type: UInt32) throws -> [Val] {
        guard case .structure(let members)? = m.types[type], members.allSatisfy({ slots($0) == 1 }) else {
            throw ShaderError("result %\(id) is not a struct of scalars or vectors")
        }
        let t = newTemp(members.count)
        let parts = members.enumerated().map { k, member in Val(regs: ["TEMP[\(t + k)]"], comps: compCount(member), kind: kind(member)) }
        values[id] = Val(regs: parts.map { $0.regs[0] }, comps: 4, kind: "u")
        return parts
    }

    /// `IMM[k]` holding four 32-bit words as UINT32.
    mutating func wordsImm(_ words: [UInt32]) -> String {
        let k = imms.count
        var w = words
        while w.count < 4 { w.append(w.last ?? 0) }
        imms.append("IMM[\(k)] UINT32 {\(w.map { String($0) }.joined(separator: ", "))}")
        return "IMM[\(k)]"
    }

    /// `IMM[k].xxxx` holding one 32-bit word.
    mutating func wordImm(_ word: UInt32) -> String { wordsImm([word]) + ".xxxx" }

    // MARK: Bit fields

    /// OpBitFieldInsert (BFI base, insert, offset, bits), OpBitFieldSExtract (IBFE value, offset, bits) and
    /// OpBitFieldUExtract (UBFE): scalar offset and bits apply to every component.
    mutating func bitField(_ i: SPIRVModule.Instruction, _ op: String) throws {
        let args = try (2..<i.count).map { try value(i[$0]) }
        let v = define(i[1], i[0])
        code.append("\(op) \(v.regs[0])\(mask(v.comps)), " + args.map { operand($0, v.comps) }.joined(separator: ", "))
    }

    // MARK: Carry, borrow, extended multiplication

    /// uaddCarry (OpIAddCarry) and usubBorrow (OpISubBorrow): member 0 the wrapped sum or difference, member 1
    /// the carry or borrow (0 or 1).
    mutating func carry(_ i: SPIRVModule.Instruction, subtract: Bool) throws {
        let a = try value(i[2]), b = try value(i[3])
        let r = try defineStruct(i[1], i[0])
        let n = r[0].comps
        let result = r[0].regs[0], flag = r[1].regs[0]
        if subtract {
            let t = newTemp()
            code.append("INEG TEMP[\(t)]\(mask(n)), \(operand(b, n))")
            code.append("UADD \(result)\(mask(n)), \(operand(a, n)), TEMP[\(t)]")
            // A borrow when a < b.
            code.append("USLT \(flag)\(mask(n)), \(operand(a, n)), \(operand(b, n))")
        } else {
            code.append("UADD \(result)\(mask(n)), \(operand(a, n)), \(operand(b, n))")
            // A carry when the sum wrapped below a.
            code.append("USLT \(flag)\(mask(n)), \(result), \(operand(a, n))")
        }
        code.append("AND \(flag)\(mask(n)), \(flag), \(wordImm(1))")
    }

    /// umulExtended (OpUMulExtended) and imulExtended (OpSMulExtended): member 0 the low 32 bits, member 1 the
    /// high 32 bits of the 64-bit product.
    mutating func mulExtended(_ i: SPIRVModule.Instruction, signed: Bool) throws {
        let a = try value(i[2]), b = try value(i[3])
        let r = try defineStruct(i[1], i[0])
        let n = r[0].comps
        code.append("UMUL \(r[0].regs[0])\(mask(n)), \(operand(a, n)), \(operand(b, n))")
        code.append("\(signed ? "IMUL_HI" : "UMUL_HI") \(r[1].regs[0])\(mask(n)), \(operand(a, n)), \(operand(b, n))")
    }

    // MARK: frexp, ldexp

    /// frexp(x) as significand (in [0.5, 1)) and exponent from x's bits: a zero exponent field (zero, or a
    /// denormal, flushed) gives x and 0. Infinities and NaNs are undefined in GLSL.
    mutating func frexp(_ x: Val, significand: String, exponent: String, _ n: Int) {
        let e = newTemp(), zero = newTemp()
        code.append("UBFE TEMP[\(e)]\(mask(n)), \(operand(x, n)), \(intImm(23)), \(intImm(8))")
        code.append("USEQ TEMP[\(zero)]\(mask(n)), TEMP[\(e)], \(intImm(0))")
        // exponent = field - 126
        code.append("UADD TEMP[\(e)]\(mask(n)), TEMP[\(e)], \(wordImm(UInt32(bitPattern: -126)))")
        code.append("UCMP \(exponent)\(mask(n)), TEMP[\(zero)], \(intImm(0)), TEMP[\(e)]")
        // significand: x's sign and mantissa with the exponent field of 0.5
        let s = newTemp()
        code.append("AND TEMP[\(s)]\(mask(n)), \(operand(x, n)), \(wordImm(0x807f_ffff))")
        code.append("OR TEMP[\(s)]\(mask(n)), TEMP[\(s)], \(wordImm(0x3f00_0000))")
        code.append("UCMP \(significand)\(mask(n)), TEMP[\(zero)], \(operand(x, n)), TEMP[\(s)]")
    }

    /// ldexp(x, e) = x · 2^e, as three exact multiplications by powers of two built from their bits (each
    /// exponent part within [−126, 127]), with e clamped to [−378, 381], past which every finite x gives 0 or ∞.
    /// The parts have e's sign, so no partial product overflows or underflows before the last.
    mutating func ldexp(_ x: Val, _ e: Val, _ r: String, _ n: Int) {
        let total = newTemp(), a = newTemp(), b = newTemp(), t = newTemp()
        let m = mask(n)
        code.append("IMAX TEMP[\(total)]\(m), \(operand(e, n)), \(wordImm(UInt32(bitPattern: -378)))")
        code.append("IMIN TEMP[\(total)]\(m), TEMP[\(total)], \(wordImm(381))")
        // a = e / 3 (truncated), b = ⌊(e − a) / 2⌋, and the total keeps the rest: e − a − b.
        code.append("IDIV TEMP[\(a)]\(m), TEMP[\(total)], \(intImm(3))")
        code.append("INEG TEMP[\(t)]\(m), TEMP[\(a)]")
        code.append("UADD TEMP[\(total)]\(m), TEMP[\(total)], TEMP[\(t)]")
        code.append("ISHR TEMP[\(b)]\(m), TEMP[\(total)], \(intImm(1))")
        code.append("INEG TEMP[\(t)]\(m), TEMP[\(b)]")
        code.append("UADD TEMP[\(total)]\(m), TEMP[\(total)], TEMP[\(t)]")
        var product = operand(x, n)
        for part in [a, b, total] {
            // 2^part: the biased exponent in the float's exponent field.
            code.append("UADD TEMP[\(part)]\(m), TEMP[\(part)], \(intImm(127))")
            code.append("SHL TEMP[\(part)]\(m), TEMP[\(part)], \(intImm(23))")
            code.append("MUL \(r)\(m), \(product), TEMP[\(part)]")
            product = r
        }
    }

    /// GLSL.std.450 Frexp (51, exponent through a pointer), FrexpStruct (52) and Ldexp (53).
    mutating func frexpLdexp(_ i: SPIRVModule.Instruction) throws {
        let x = try value(i[4])
        switch i[3] {
        case 51:
            let p = try pointer(i[5])
            let v = define(i[1], i[0])
            let e = newTemp()
            frexp(x, significand: v.regs[0], exponent: "TEMP[\(e)]", v.comps)
            code.append("MOV \(try address(p))\(mask(v.comps, from: p.component)), TEMP[\(e)]")
        case 52:
            let r = try defineStruct(i[1], i[0])
            frexp(x, significand: r[0].regs[0], exponent: r[1].regs[0], r[0].comps)
        default:
            let e = try value(i[5])
            let v = define(i[1], i[0])
            ldexp(x, e, v.regs[0], v.comps)
        }
    }

    // MARK: Packing

    /// GLSL.std.450 54–58 and 60–64: packSnorm4x8, packUnorm4x8, packSnorm2x16, packUnorm2x16,
    /// packHalf2x16 and their unpack functions. The normalized forms are round(clamp(c) · scale) per field and
    /// field / scale (clamped to −1 for snorm) back; half floats are converted with integer operations
    /// (virglrenderer 0.10 has no PK2H/UP2H).
    mutating func packing(_ i: SPIRVModule.Instruction) throws {
        let op = i[3]
        let x = try value(i[4])
        let v = define(i[1], i[0])
        let r = v.regs[0]
        switch op {
        case 58: packHalf(x, r)
        case 62: unpackHalf(x, r)
        case 54, 55, 56, 57:
            let fields = op <= 55 ? 4 : 2, width = 32 / fields
            let signed = op == 54 || op == 56
            let scale = Float((1 << (signed ? width - 1 : width)) - 1)
            let t = newTemp()
            let m = mask(fields)
            if signed {
                code.append("MAX TEMP[\(t)]\(m), \(operand(x, fields)), \(floatImm(-1))")
                code.append("MIN TEMP[\(t)]\(m), TEMP[\(t)], \(floatImm(1))")
                code.append("MUL TEMP[\(t)]\(m), TEMP[\(t)], \(floatImm(scale))")
            } else {
                code.append("MUL_SAT TEMP[\(t)]\(m), \(operand(x, fields)), \(floatImm(1))")
                code.append("MUL TEMP[\(t)]\(m), TEMP[\(t)], \(floatImm(scale))")
            }
            code.append("ROUND TEMP[\(t)]\(m), TEMP[\(t)]")
            code.append("\(signed ? "F2I" : "F2U") TEMP[\(t)]\(m), TEMP[\(t)]")
            code.append("AND TEMP[\(t)]\(m), TEMP[\(t)], \(wordImm(UInt32((1 << width) - 1)))")
            code.append("SHL TEMP[\(t)]\(m), TEMP[\(t)], \(wordsImm((0..<UInt32(fields)).map { $0 * UInt32(width) }))")
            code.append("MOV \(r).x, TEMP[\(t)].xxxx")
            for k in 1..<fields { code.append("OR \(r).x, \(r).xxxx, \(src("TEMP[\(t)]", [k]))") }
        case 60, 61, 63, 64:
            let fields = op >= 63 ? 4 : 2, width = 32 / fields
            let signed = op == 60 || op == 63
            let scale = Float((1 << (signed ? width - 1 : width)) - 1)
            let m = mask(fields)
            // Fields by shifts (IBFE/UBFE become GLSL bitfieldExtract on the host, whose offset is one scalar):
            // unsigned, shift down and mask; signed, shift the field to the top and arithmetic-shift it down.
            let x4 = src(x.regs[0], [0, 0, 0, 0])
            if signed {
                code.append("SHL \(r)\(m), \(x4), \(wordsImm((0..<UInt32(fields)).map { UInt32(32 - width) - $0 * UInt32(width) }))")
                code.append("ISHR \(r)\(m), \(r), \(wordImm(UInt32(32 - width)))")
            } else {
                code.append("USHR \(r)\(m), \(x4), \(wordsImm((0..<UInt32(fields)).map { $0 * UInt32(width) }))")
                code.append("AND \(r)\(m), \(r), \(wordImm(UInt32((1 << width) - 1)))")
            }
            code.append("\(signed ? "I2F" : "U2F") \(r)\(m), \(r)")
            code.append("DIV \(r)\(m), \(r), \(floatImm(scale))")
            if signed { code.append("MAX \(r)\(m), \(r), \(floatImm(-1))") }
        default:
            throw ShaderError("GLSL.std.450 instruction \(op) is not supported yet")
        }
    }

    /// packHalf2x16: each of x, y to a half float, rounded to nearest (ties away from zero), overflow to ±∞,
    /// NaN to a quiet NaN, small values to half denormals; y in the high 16 bits.
    mutating func packHalf(_ x: Val, _ r: String) {
        let a = newTemp(), sign = newTemp(), norm = newTemp(), den = newTemp(), c = newTemp()
        let v = src(x.regs[0], [0, 1]), xy = ".xy"
        code.append("AND TEMP[\(a)]\(xy), \(v), \(wordImm(0x7fff_ffff))")
        code.append("USHR TEMP[\(sign)]\(xy), \(v), \(intImm(16))")
        code.append("AND TEMP[\(sign)]\(xy), TEMP[\(sign)], \(wordImm(0x8000))")
        // Normal halves: rebias the exponent (−112), add half an ulp, drop 13 mantissa bits.
        code.append("UADD TEMP[\(norm)]\(xy), TEMP[\(a)], \(wordImm(0x1000 &- 0x3800_0000))")
        code.append("USHR TEMP[\(norm)]\(xy), TEMP[\(norm)], \(intImm(13))")
        // Denormal halves (below 2^-14): round(|x| · 2^24).
        code.append("MUL TEMP[\(den)]\(xy), |\(v)|, \(floatImm(16_777_216))")
        code.append("ROUND TEMP[\(den)]\(xy), TEMP[\(den)]")
        code.append("F2U TEMP[\(den)]\(xy), TEMP[\(den)]")
        code.append("USGE TEMP[\(c)]\(xy), TEMP[\(a)], \(wordImm(0x3880_0000))")
        code.append("UCMP TEMP[\(norm)]\(xy), TEMP[\(c)], TEMP[\(norm)], TEMP[\(den)]")
        // 65520 and more round to ∞; NaN stays NaN.
        code.append("USGE TEMP[\(c)]\(xy), TEMP[\(a)], \(wordImm(0x477f_f000))")
        code.append("UCMP TEMP[\(norm)]\(xy), TEMP[\(c)], \(wordImm(0x7c00)), TEMP[\(norm)]")
        code.append("USLT TEMP[\(c)]\(xy), \(wordImm(0x7f80_0000)), TEMP[\(a)]")
        code.append("UCMP TEMP[\(norm)]\(xy), TEMP[\(c)], \(wordImm(0x7e00)), TEMP[\(norm)]")
        code.append("OR TEMP[\(norm)]\(xy), TEMP[\(norm)], TEMP[\(sign)]")
        code.append("SHL TEMP[\(norm)].y, TEMP[\(norm)].yyyy, \(intImm(16))")
        code.append("OR \(r).x, TEMP[\(norm)].xxxx, TEMP[\(norm)].yyyy")
    }

    /// unpackHalf2x16: the low and high 16 bits as half floats, exactly (denormals, ±∞ and NaN included).
    mutating func unpackHalf(_ x: Val, _ r: String) {
        let h = newTemp(), mag = newTemp(), sign = newTemp(), den = newTemp(), c = newTemp(), special = newTemp()
        let xy = ".xy"
        code.append("USHR TEMP[\(h)]\(xy), \(src(x.regs[0], [0, 0])), \(wordsImm([0, 16]))")
        code.append("AND TEMP[\(h)]\(xy), TEMP[\(h)], \(wordImm(0xffff))")
        code.append("AND TEMP[\(mag)]\(xy), TEMP[\(h)], \(wordImm(0x7fff))")
        code.append("AND TEMP[\(sign)]\(xy), TEMP[\(h)], \(wordImm(0x8000))")
        code.append("SHL TEMP[\(sign)]\(xy), TEMP[\(sign)], \(intImm(16))")
        // Normal: exponent rebiased (+112), mantissa moved up 13 bits.
        code.append("SHL TEMP[\(special)]\(xy), TEMP[\(mag)], \(intImm(13))")
        code.append("UADD \(r)\(xy), TEMP[\(special)], \(wordImm(0x3800_0000))")
        // Denormal: mantissa · 2^-24.
        code.append("AND TEMP[\(den)]\(xy), TEMP[\(h)], \(wordImm(0x3ff))")
        code.append("U2F TEMP[\(den)]\(xy), TEMP[\(den)]")
        code.append("MUL TEMP[\(den)]\(xy), TEMP[\(den)], \(floatImm(1.0 / 16_777_216))")
        code.append("USLT TEMP[\(c)]\(xy), TEMP[\(mag)], \(wordImm(0x400))")
        code.append("UCMP \(r)\(xy), TEMP[\(c)], TEMP[\(den)], \(r)")
        // ∞ and NaN: the float exponent all ones.
        code.append("OR TEMP[\(special)]\(xy), TEMP[\(special)], \(wordImm(0x7f80_0000))")
        code.append("USGE TEMP[\(c)]\(xy), TEMP[\(mag)], \(wordImm(0x7c00))")
        code.append("UCMP \(r)\(xy), TEMP[\(c)], TEMP[\(special)], \(r)")
        code.append("OR \(r)\(xy), \(r), TEMP[\(sign)]")
    }

    // MARK: SPV_AMD_shader_trinary_minmax

    /// FMin3AMD … SMid3AMD (1–9): min3, max3 and mid3 of float, uint and int operands.
    mutating func trinaryMinMax(_ i: SPIRVModule.Instruction) throws {
        let op = i[3]
        guard (1...9).contains(op), i.count == 7 else { throw ShaderError("SPV_AMD_shader_trinary_minmax instruction \(op) is not supported") }
        let args = try (4..<7).map { try value(i[$0]) }
        let v = define(i[1], i[0])
        let n = v.comps, r = v.regs[0]
        let prefix = ["", "U", "I"][Int(op - 1) % 3]
        let a = operand(args[0], n), b = operand(args[1], n), c = operand(args[2], n)
        switch (op - 1) / 3 {
        case 0:
            code.append("\(prefix)MIN \(r)\(mask(n)), \(a), \(b)")
            code.append("\(prefix)MIN \(r)\(mask(n)), \(r), \(c)")
        case 1:
            code.append("\(prefix)MAX \(r)\(mask(n)), \(a), \(b)")
            code.append("\(prefix)MAX \(r)\(mask(n)), \(r), \(c)")
        default:
            // mid3 = max(min(a, b), min(max(a, b), c))
            let t = newTemp()
            code.append("\(prefix)MAX TEMP[\(t)]\(mask(n)), \(a), \(b)")
            code.append("\(prefix)MIN TEMP[\(t)]\(mask(n)), TEMP[\(t)], \(c)")
            code.append("\(prefix)MIN \(r)\(mask(n)), \(a), \(b)")
            code.append("\(prefix)MAX \(r)\(mask(n)), \(r), TEMP[\(t)]")
        }
    }
}
