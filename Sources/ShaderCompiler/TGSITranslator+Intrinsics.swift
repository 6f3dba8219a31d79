/// Functions the GLSL lowering declares for built-ins glslang gives only at later GLSL versions
/// (GLSLExtensionLowering): a function named `virglgl_op_OPCODE` is not inlined but becomes that TGSI operation on
/// its arguments. Its GLSL body is never used.
extension TGSITranslator {
    static let intrinsicPrefix = "virglgl_op_"

    /// The TGSI operation an intrinsic function stands for (`virglgl_op_DDX_FINE(vf4;` → `DDX_FINE`), or nil.
    func intrinsic(_ function: UInt32) -> String? {
        guard let name = m.names[function], name.hasPrefix(Self.intrinsicPrefix) else { return nil }
        return String(name.dropFirst(Self.intrinsicPrefix.count).prefix { $0 != "(" })
    }

    mutating func callIntrinsic(_ i: SPIRVModule.Instruction, _ op: String) throws {
        let args = Array((3..<i.count).map { i[$0] })
        switch op {
        case "DDX_FINE", "DDY_FINE":
            guard stage == .fragment else { throw ShaderError("derivatives outside a fragment shader") }
            let a = try argument(args[0], i[0])
            let v = define(i[1], i[0])
            code.append("\(op) \(v.regs[0])\(mask(v.comps)), \(operand(a, v.comps))")
        case "TXQ_LEVELS":
            // textureQueryLevels: TXQ's w.
            let (index, target) = try textureTarget(args[0])
            let v = define(i[1], i[0])
            let t = newTemp()
            code.append("TXQ TEMP[\(t)], IMM[\(zeroImm())].xxxx, SAMP[\(index)], \(target)")
            code.append("MOV \(v.regs[0]).x, TEMP[\(t)].wwww")
        case "SHADOW4":
            // A legacy shadow lookup's vec4: the shadow TEX's whole result, which the host has put through the
            // sampler view's swizzle (GL_DEPTH_TEXTURE_MODE); its argument is that lookup's float.
            guard let r = shadowResults[args[0]] else { throw ShaderError("shadow4 of something other than a shadow lookup") }
            let v = define(i[1], i[0])
            code.append("MOV \(v.regs[0]), \(r.reg)")
            depthModeSamplers.insert(r.sampler)
        default:
            throw ShaderError("VirglGL intrinsic \(op) is not known")
        }
    }

    /// A call argument's value: glslang passes non-opaque arguments through function variables (pointers).
    mutating func argument(_ id: UInt32, _ type: UInt32) throws -> Val {
        guard let p = pointers[id] ?? varRegs[id] else { return try value(id) }
        let n = compCount(type), t = newTemp()
        code.append("MOV TEMP[\(t)]\(mask(n)), \(src(try address(p), Array(p.component..<(p.component + n))))")
        return Val(regs: ["TEMP[\(t)]"], comps: n, kind: kind(type))
    }
}
