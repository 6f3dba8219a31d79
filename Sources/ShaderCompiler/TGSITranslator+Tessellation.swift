/// Tessellation control and evaluation stages (GL 4.0, ARB_tessellation_shader) in TGSI as virglrenderer takes
/// them: per-vertex arrays are two-dimensional registers (`IN[vertex][slot]`, and the control stage's
/// `OUT[vertex][slot]`), `patch` variables are PATCH slots, gl_TessLevelOuter/Inner are the TESSOUTER/TESSINNER
/// registers (an array element per component: outputs of the control stage, system values of the evaluation
/// stage), and the layout qualifiers become TCS_/TES_ properties.
extension ShaderStage {
    /// Stages whose (non-patch) inputs are arrays over the vertices of a primitive or patch.
    var readsVertexArrays: Bool { self == .geometry || self == .tessControl || self == .tessEvaluation }
    /// Stages between two others: their outputs are numbered on their own (`outputVaryingSlots`).
    var hasOwnOutputSlots: Bool { readsVertexArrays }
}

extension TGSITranslator {
    /// A user output of the control stage: per-vertex arrays (GENERIC, written as OUT[vertex][slot]) or `patch out`
    /// variables (PATCH).
    mutating func declareTessControlOutput(_ id: UInt32, _ pointee: UInt32) throws {
        let name = m.names[id] ?? "%\(id)"
        let base = declaredOutputs
        if m.decoration(id, 15) != nil {  // Patch
            guard let loc = patchSlots.flatMap({ slots in Self.varyingKey(m, id, pointee: pointee).flatMap { slots[$0] } }) else {
                throw ShaderError("patch output \(name) has no slot")
            }
            let n = slots(pointee)
            for k in 0..<n { decls.append("DCL OUT[\(base + k)], PATCH[\(loc + k)]") }
            varRegs[id] = Ptr(file: "OUT", slot: base, component: 0, type: pointee)
            declaredOutputs += n
            return
        }
        guard case .array(let element, _)? = m.types[pointee] else {
            throw ShaderError("tessellation control output \(name) is neither an array nor a patch output")
        }
        guard let loc = varyingSlot(id, pointee: element, output: true) else { throw ShaderError("output \(name) has no location") }
        let n = slots(element)
        if let shared = sharedVaryingRegister("OUT", loc, n) {
            // Another output holds other components of these locations (`component` qualifiers).
            varRegs[id] = Ptr(file: "OUT", slot: shared, component: component(id), type: pointee, perVertexArray: true)
            return
        }
        for (k, offset) in genericOffsets(element).enumerated() {
            decls.append("DCL OUT[\(base + k)], GENERIC[\(loc + offset)]")
            varyingRegisters["OUT \(loc + offset)"] = base + k
        }
        varRegs[id] = Ptr(file: "OUT", slot: base, component: component(id), type: pointee, perVertexArray: true)
        declaredOutputs += n
    }

    /// The first index of an access chain into a per-vertex array (gl_in[], gl_out[], a user array of a
    /// tessellation or geometry stage): the vertex, as register text, and for a variable one (ADDR[1].x) the
    /// instruction that loads it (`Ptr.setup`).
    mutating func vertexIndex(_ id: UInt32) throws -> (text: String, setup: [String]) {
        if case .scalar(_, let n)? = m.constants[id] { return ("\(n)", []) }
        usesVertexAddress = true
        return ("ADDR[1].x", ["UARL ADDR[1].x, \(src(try value(id).regs[0], [0]))"])
    }

    /// gl_out[vertex].member in the control stage: POSITION and PSIZE outputs, declared once.
    mutating func perVertexOutput(_ i: SPIRVModule.Instruction, _ p: Ptr) throws -> (Ptr, Int) {
        guard case .array(let element, _)? = m.types[p.type], case .structure(let members)? = m.types[element],
              i.count > 4, case .scalar(_, let member)? = m.constants[i[4]] else { throw ShaderError("gl_out[] member") }
        let v = try vertexIndex(i[3])
        let builtin = m.memberDecorations[element]?[Int(member)]?[11]?.first
        if builtin == 3 {
            // gl_out[v].gl_ClipDistance[k]: CLIPDIST outputs written in place, four distances a register.
            let type = members[Int(member)]
            var n = 8
            if case .array(_, let count)? = m.types[type] { n = count }
            let first: Int
            if let r = perVertexOutputs["CLIPDIST"] {
                first = r
            } else {
                first = declaredOutputs
                declaredOutputs += (n + 3) / 4
                for r in 0..<(n + 3) / 4 { decls.append("DCL OUT[\(first + r)], CLIPDIST[\(r)]") }
                perVertexOutputs["CLIPDIST"] = first
            }
            var q = Ptr(file: "OUT", slot: first, component: 0, type: type, vertex: v.text, packedScalars: true)
            q.setup = v.setup
            return (q, 5)
        }
        guard builtin == 0 || builtin == 1 else {
            throw ShaderError("gl_out[].\(builtin.map(String.init) ?? "?") is not supported yet")
        }
        let reg = perVertexRegister(builtin == 0 ? "POSITION" : "PSIZE", output: true)
        var q = Ptr(file: "OUT", slot: reg, component: 0, type: members[Int(member)], vertex: v.text)
        q.setup = v.setup
        return (q, 5)
    }

    /// The register of gl_Position or gl_PointSize (`semantic` POSITION or PSIZE) among the per-vertex inputs
    /// (gl_in[]) or outputs (gl_PerVertex, gl_out[]), declared the first time it is reached; a new output of a
    /// vertex stage is recorded for transform feedback when `record` gives its type.
    mutating func perVertexRegister(_ semantic: String, output: Bool, record type: UInt32? = nil) -> Int {
        if let r = output ? perVertexOutputs[semantic] : perVertexInputs[semantic] { return r }
        let reg: Int
        if output {
            reg = declaredOutputs
            declaredOutputs += 1
            perVertexOutputs[semantic] = reg
            if let type { recordOutput(semantic == "POSITION" ? "gl_Position" : "gl_PointSize", type, register: reg) }
        } else {
            reg = inputCount
            inputCount += 1
            perVertexInputs[semantic] = reg
        }
        decls.append("DCL \(output ? "OUT" : "IN")[\(reg)], \(semantic)")
        return reg
    }

    /// The stage's layout qualifiers as TGSI properties.
    func tessellationProperties() -> [String] {
        let modes = m.executionModes
        switch stage {
        case .tessControl:
            return ["PROPERTY TCS_VERTICES_OUT \(modes[26]?.first ?? 1)"]
        case .tessEvaluation:
            // Primitive modes as gallium numbers them (PIPE_PRIM_TRIANGLES 4, QUADS 7, LINES 1); spacing
            // (PIPE_TESS_SPACING_FRACTIONAL_ODD 0, FRACTIONAL_EVEN 1, EQUAL 2).
            let primitive = modes[24] != nil ? 7 : modes[25] != nil ? 1 : 4
            let spacing = modes[3] != nil ? 0 : modes[2] != nil ? 1 : 2
            return [
                "PROPERTY TES_PRIM_MODE \(primitive)", "PROPERTY TES_SPACING \(spacing)",
                "PROPERTY TES_VERTEX_ORDER_CW \(modes[4] != nil ? 1 : 0)", "PROPERTY TES_POINT_MODE \(modes[10] != nil ? 1 : 0)",
            ]
        default:
            return []
        }
    }
}
