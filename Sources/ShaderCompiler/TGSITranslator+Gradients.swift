/// Texture lookups with explicit gradients (textureGrad, textureProjGrad and their shadow forms; the
/// GL_ARB_shader_texture_lod `…GradARB` functions): TGSI TXD.
extension TGSITranslator {
    /// Whether an explicit-lod sample (OpImageSample[Proj][Dref]ExplicitLod) carries gradients.
    static func hasGradients(_ i: SPIRVModule.Instruction) -> Bool {
        guard [88, 90, 92, 94].contains(i.opcode) else { return false }
        let maskIndex = i.opcode == 90 || i.opcode == 94 ? 5 : 4
        return i.count > maskIndex && i[maskIndex] & 0x4 != 0
    }

    /// TXD with the coordinate (divided by its last component for the projective forms) and, for shadow
    /// samplers, the reference in the component the shadow target reads.
    mutating func sampleGradients(_ i: SPIRVModule.Instruction) throws {
        let dref = i.opcode == 90 || i.opcode == 94, proj = i.opcode == 92 || i.opcode == 94
        let maskIndex = dref ? 5 : 4
        let ops = try imageOperands(i, at: maskIndex)
        guard ops.mask & ~0x1C == 0, let (dx, dy) = ops.grad else {
            throw ShaderError("texture operands 0x\(String(i[maskIndex], radix: 16)) with gradients are not supported yet")
        }
        let (index, plain) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        let n = proj ? coord.comps - 1 : coord.comps
        let t = newTemp(), q = newTemp()
        code.append("MOV TEMP[\(t)], IMM[\(zeroImm())].xxxx")
        code.append("MOV TEMP[\(t)]\(mask(n)), \(src(coord.regs[0], Array(0..<n)))")
        if proj {
            code.append("RCP TEMP[\(q)].x, \(src(coord.regs[0], [n]))")
            code.append("MUL TEMP[\(t)]\(mask(n)), TEMP[\(t)], TEMP[\(q)].xxxx")
        }
        var target = plain
        if dref {
            guard let (shadow, refComponent) = Self.shadowTarget(plain), refComponent < 4 else {
                throw ShaderError("shadow lookups with gradients on \(plain) textures are not supported yet")
            }
            target = shadow
            let ref = src(try value(i[4]).regs[0], [0, 0, 0, 0])
            code.append(proj ? "MUL TEMP[\(t)]\(mask(1, from: refComponent)), \(ref), TEMP[\(q)].xxxx"
                             : "MOV TEMP[\(t)]\(mask(1, from: refComponent)), \(ref)")
        }
        let result = dref ? "TEMP[\(newTemp())]" : v.regs[0]
        let g = dx.comps
        code.append("TXD \(result), TEMP[\(t)], \(operand(dx, g)), \(operand(dy, g)), SAMP[\(index)], \(target)\(ops.offset)")
        if dref {
            code.append("MOV \(v.regs[0]).x, \(result).xxxx")
            shadowResults[i[1]] = (result, index.base)
        }
    }
}

/// textureQueryLOD (GL_ARB_texture_query_lod; OpImageQueryLod): TGSI LODQ.
extension TGSITranslator {
    mutating func queryLod(_ i: SPIRVModule.Instruction) throws {
        let (index, target) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        let t = newTemp()
        code.append("MOV TEMP[\(t)], IMM[\(zeroImm())].xxxx")
        code.append("MOV TEMP[\(t)]\(mask(coord.comps)), \(operand(coord, coord.comps))")
        code.append("LODQ \(v.regs[0]).xy, TEMP[\(t)], SAMP[\(index)], \(target)")
    }
}
