/// SPIR-V image operands of texture instructions (Bias, Lod, Grad, ConstOffset, Offset, ConstOffsets, Sample),
/// and textureGather (TGSI TG4). A texel offset is TGSI's texture offset operand after the target
/// (`TEX dst, coord, SAMP[0], 2D, IMM[1].xyy`).
extension TGSITranslator {
    struct ImageOperands {
        var mask: UInt32 = 0
        var bias: Val?
        var lod: Val?
        var grad: (Val, Val)?
        /// The offset operand text, with its comma (", IMM[1].xyy"), or "".
        var offset = ""
        /// textureGatherOffsets' four constant offsets: a constant array of ivec2.
        var offsets: UInt32?
        var sample: Val?
    }

    /// The image operands from word `maskIndex` of `i` (nothing when the instruction has none).
    mutating func imageOperands(_ i: SPIRVModule.Instruction, at maskIndex: Int) throws -> ImageOperands {
        var ops = ImageOperands()
        guard i.count > maskIndex else { return ops }
        ops.mask = i[maskIndex]
        guard ops.mask & ~0xFF == 0 else { throw ShaderError("image operands 0x\(String(ops.mask, radix: 16)) are not supported yet") }
        var k = maskIndex + 1
        func next() throws -> UInt32 {
            guard k < i.count else { throw ShaderError("image operands run past the instruction") }
            defer { k += 1 }
            return i[k]
        }
        if ops.mask & 0x1 != 0 { ops.bias = try value(try next()) }
        if ops.mask & 0x2 != 0 { ops.lod = try value(try next()) }
        if ops.mask & 0x4 != 0 { ops.grad = (try value(try next()), try value(try next())) }
        if ops.mask & 0x18 != 0 {
            // ConstOffset or Offset: one texture offset register, its components spread over x, y, z.
            let o = try value(try next())
            ops.offset = ", " + src(o.regs[0], Array(0..<min(3, o.comps))).prefix(while: { $0 != "." }) + "."
                + String([0, 1, 2].map { Self.swz[min($0, o.comps - 1)] })
        }
        if ops.mask & 0x20 != 0 { ops.offsets = try next() }
        if ops.mask & 0x40 != 0 { ops.sample = try value(try next()) }
        if ops.mask & 0x80 != 0 { throw ShaderError("textures sampled with a minimum lod are not supported yet") }
        return ops
    }

    /// textureGather (OpImageGather, OpImageDrefGather): TG4 with the component (or 0 for shadow samplers, the
    /// reference in the coordinate), an offset, or textureGatherOffsets' four gathers, each giving its w.
    mutating func gather(_ i: SPIRVModule.Instruction, dref: Bool) throws {
        let (index, plain) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        var target = plain
        let t = newTemp()
        code.append("MOV TEMP[\(t)], IMM[\(zeroImm())].xxxx")
        code.append("MOV TEMP[\(t)]\(mask(coord.comps)), \(operand(coord, coord.comps))")
        let component: String
        if dref {
            guard let (shadow, refComponent) = Self.shadowTarget(plain) else {
                throw ShaderError("shadow gathers on \(plain) textures are not supported yet")
            }
            target = shadow
            let ref = src(try value(i[4]).regs[0], [0, 0, 0, 0])
            if refComponent == 4 {
                // A shadow cube array's coordinate fills all four components: the reference is TG4's second source.
                component = ref
            } else {
                code.append("MOV TEMP[\(t)]\(mask(1, from: refComponent)), \(ref)")
                component = intImm(0)
            }
        } else {
            component = src(try value(i[4]).regs[0], [0, 0, 0, 0])
        }
        let ops = try imageOperands(i, at: 5)
        guard ops.mask & ~0x38 == 0 else { throw ShaderError("image operands 0x\(String(ops.mask, radix: 16)) of a gather are not supported yet") }
        if let offsets = ops.offsets {
            // Four gathers, one per offset; texel k of the result is the (i0, j0) texel (w) of gather k.
            guard case .composite(_, let parts)? = m.constants[offsets], parts.count == 4 else {
                throw ShaderError("textureGatherOffsets' offsets are not a constant array")
            }
            for (k, part) in parts.enumerated() {
                let o = try value(part), g = newTemp()
                code.append("TG4 TEMP[\(g)], TEMP[\(t)], \(component), SAMP[\(index)], \(target), \(src(o.regs[0], [0, 1, 1]).dropLast())")
                code.append("MOV \(v.regs[0])\(mask(1, from: k)), TEMP[\(g)].wwww")
            }
            return
        }
        code.append("TG4 \(v.regs[0]), TEMP[\(t)], \(component), SAMP[\(index)], \(target)\(ops.offset)")
    }
}
