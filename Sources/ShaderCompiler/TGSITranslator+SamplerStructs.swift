/// Samplers inside struct uniforms (`uniform S s;` with `sampler2D tex;`, `uniform S arr[4];`): an access chain
/// that ends at a sampler names a sampler uniform of its own (`s.tex`, `arr[2].tex`), declared as a SAMP/SVIEW pair
/// when first used. A variable index (ARB_gpu_shader5) declares every element's sampler in a row and selects
/// among them with ADDR[2].
extension TGSITranslator {
    /// Handles the access chain `i` into the sampler-holding struct uniform `base` when it ends at a sampler;
    /// false (nothing done) when it ends at another member.
    mutating func samplerStructAccess(_ i: SPIRVModule.Instruction, _ base: String) throws -> Bool {
        // The base: a variable, or a function parameter the struct (or an element of it) was passed as.
        guard case .pointer(_, var type)? = m.types[m.variables[i[2]]?.type ?? m.resultTypes[i[2]] ?? 0] else { return false }
        // The path to the sampler: GL name pieces, each fixed text or an array level indexed by a variable.
        enum Piece { case text(String), dynamic(index: String, count: Int) }
        var pieces: [Piece] = [.text(base)]
        for k in 3..<i.count {
            let constant: Int? = { if case .scalar(_, let n)? = m.constants[i[k]] { return Int(n) } else { return nil } }()
            switch m.types[type] {
            case .array(let e, let count)?:
                if let n = constant { pieces.append(.text("[\(n)]")) } else { pieces.append(.dynamic(index: src(try value(i[k]).regs[0], [0]), count: count)) }
                type = e
            case .structure(let members)?:
                guard let n = constant else { return false }
                pieces.append(.text("." + (m.memberNames[type]?[n] ?? "m\(n)")))
                type = members[n]
            default:
                return false
            }
        }
        let levels = pieces.compactMap { if case .dynamic(let index, let count) = $0 { return (index: index, count: count) } else { return nil } }
        // Every sampler the variable indices can reach, row-major (the last variable index varies fastest).
        var names = [""]
        for piece in pieces {
            switch piece {
            case .text(let t): names = names.map { $0 + t }
            case .dynamic(_, let count): names = names.flatMap { n in (0..<count).map { n + "[\($0)]" } }
            }
        }
        guard case .sampledImage? = m.types[type] else {
            // A struct holding samplers reached by constant indices (passed on to a function): its GL name.
            if levels.isEmpty, !ProgramCompiler.samplerLeaves(m, type, names[0]).isEmpty { samplerStructs[i[1]] = names[0] }
            return false
        }
        guard !levels.isEmpty else {
            let (index, target) = try declareNamedSampler(names[0])
            samplerIndex[i[1]] = index
            samplerTargets[i[1]] = target
            return true
        }
        // Every reachable sampler, in consecutive SAMP slots.
        if names.allSatisfy({ samplerNames.firstIndex(of: $0) == nil }) {
            for name in names { _ = try declareNamedSampler(name) }
        }
        let indices = names.compactMap { samplerNames.firstIndex(of: $0) }
        guard indices.count == names.count, indices == Array(indices[0]..<(indices[0] + names.count)) else {
            throw ShaderError("a sampler in a struct array indexed by a variable after a constant index is not supported yet")
        }
        guard let target = samplerTargets.first(where: { samplerIndex[$0.key] == indices[0] })?.value ?? samplerTargetByName[names[0]] else {
            throw ShaderError("sampler \(names[0]) has no target")
        }
        // The flattened index: each variable index times the number of samplers one step of it skips.
        var index = levels[0].index
        if levels.count > 1 {
            let t = newTemp()
            var stride = names.count
            for (d, level) in levels.enumerated() {
                stride /= level.count
                if d == 0 {
                    code.append("UMUL TEMP[\(t)].x, \(level.index), \(intImm(stride))")
                } else {
                    code.append("UMAD TEMP[\(t)].x, \(level.index), \(intImm(stride)), TEMP[\(t)].xxxx")
                }
            }
            index = "TEMP[\(t)].xxxx"
        }
        dynamicSamplers[i[1]] = (indices[0], names.count, target, index)
        return true
    }

    /// The SAMP index of the sampler uniform `name` (declared on first use) and its TGSI target.
    mutating func declareNamedSampler(_ name: String) throws -> (Int, String) {
        if let k = samplerNames.firstIndex(of: name), let target = samplerTargetByName[name] { return (k, target) }
        guard let u = uniforms[name], case .sampler(let target, let returns) = u.kind else {
            throw ShaderError("sampler \(name) is not in the program's uniform table")
        }
        let k = samplerNames.count
        samplerNames.append(name)
        samplerTargetByName[name] = target
        decls.append("DCL SAMP[\(k)]")
        decls.append("DCL SVIEW[\(k)], \(target), \(returns)")
        return (k, target)
    }
}
