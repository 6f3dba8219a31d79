/// An input of a program's first stage or an output of its last stage, as GL_ARB_program_interface_query lists it
/// (GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT; GL 4.6 §7.3.1.1 names: `v`, `a[0]` for arrays of basic types, `s.m` for
/// struct members, `s[k].m` for arrays of structs, `gl_PerVertex.gl_Position` for members of an arrayed built-in
/// block).
public struct InterfaceVariable: Equatable, Sendable {
    public var name: String
    /// The GL type enum value (GL_FLOAT_VEC4 = 0x8B52, …).
    public var type: UInt32
    /// Array elements of an array of basic types (1 otherwise); the per-vertex dimension of the inputs of
    /// geometry and tessellation stages does not count.
    public var arraySize: Int
    /// The location (`layout(location)` or assigned at link; -1 for built-ins).
    public var location: Int
    /// A fragment output's blend source index (0 elsewhere).
    public var index: Int
    /// Declared `patch` (tessellation).
    public var isPatch: Bool
    public var isBuiltIn: Bool
    /// The first component of its location (`layout(component)`, GL_ARB_enhanced_layouts; 0 without one).
    public var component: Int = 0
}

/// A linked program's resource interfaces that the TGSI stages do not carry: the first stage's inputs, the last
/// stage's outputs, and which stages declare each default-block uniform.
public struct ProgramInterfaces: Equatable, Sendable {
    public var inputStage: ShaderStage
    public var inputs: [InterfaceVariable]
    public var outputStage: ShaderStage
    public var outputs: [InterfaceVariable]
    /// The stages that use each default-block uniform variable, by its top-level name.
    public var uniformStages: [String: Set<ShaderStage>]
    /// The active default-block uniform variables by top-level name, with how many of an array's (outermost)
    /// elements are active: one past the highest constant index any stage uses, `Int.max` where one indexes it
    /// with a variable or uses it whole (GL 4.6 §7.3.1: unused uniforms and array elements past the last used are
    /// inactive). Nil: not known (every uniform active).
    public var uniformUsage: [String: Int]?
    /// The stages that reference each uniform block, by block name (without an array subscript).
    public var blockStages: [String: Set<ShaderStage>]

    public static let empty = ProgramInterfaces(inputStage: .vertex, inputs: [], outputStage: .fragment, outputs: [], uniformStages: [:], blockStages: [:])

    public init(
        inputStage: ShaderStage, inputs: [InterfaceVariable], outputStage: ShaderStage, outputs: [InterfaceVariable],
        uniformStages: [String: Set<ShaderStage>], blockStages: [String: Set<ShaderStage>]
    ) {
        self.inputStage = inputStage
        self.inputs = inputs
        self.outputStage = outputStage
        self.outputs = outputs
        self.uniformStages = uniformStages
        self.blockStages = blockStages
        self.uniformUsage = nil
    }
}

extension ShaderStage {
    /// Whether the stage's inputs (`input`) or outputs are arrays with an element per vertex.
    func perVertexInterface(input: Bool) -> Bool {
        input ? [.geometry, .tessControl, .tessEvaluation].contains(self) : self == .tessControl
    }
}

extension ProgramCompiler {
    /// The resource interfaces of a program whose stages in pipeline order are `modules` (stand-in stages of a
    /// separable program left out), compiled from `sources`.
    static func resourceInterfaces(_ modules: [(stage: ShaderStage, module: SPIRVModule)], sources: [ShaderStage: [String]]) -> ProgramInterfaces {
        guard let first = modules.first, let last = modules.last else { return .empty }
        var uniformStages: [String: Set<ShaderStage>] = [:], blockStages: [String: Set<ShaderStage>] = [:]
        var uniformUsage: [String: Int] = [:]
        for (stage, m) in modules {
            let usage = uniformElementUsage(m)
            for (id, v) in m.variables {
                switch v.storage {
                case 0:
                    guard let name = m.names[id], !name.isEmpty, let used = usage[id] else { continue }
                    uniformStages[name, default: []].insert(stage)
                    uniformUsage[name] = max(uniformUsage[name] ?? 0, used)
                case 2:
                    // A uniform block: its block type's name.
                    guard case .pointer(_, var type)? = m.types[v.type] else { continue }
                    if case .array(let e, _)? = m.types[type] { type = e }
                    if let name = m.names[type], !name.isEmpty { blockStages[name, default: []].insert(stage) }
                default: continue
                }
            }
        }
        var interfaces = ProgramInterfaces(
            inputStage: first.stage,
            inputs: interfaceVariables(first.module, first.stage, input: true, explicit: explicitVaryingKeys(sources[first.stage] ?? [], storage: "in")),
            outputStage: last.stage,
            outputs: interfaceVariables(last.module, last.stage, input: false, explicit: explicitVaryingKeys(sources[last.stage] ?? [], storage: "out")),
            uniformStages: uniformStages, blockStages: blockStages)
        interfaces.uniformUsage = uniformUsage
        return interfaces
    }

    /// The default-block uniform variables (UniformConstant) a stage uses, by id, with the outermost array elements
    /// it uses (see `ProgramInterfaces.uniformUsage`).
    static func uniformElementUsage(_ m: SPIRVModule) -> [UInt32: Int] {
        var usage: [UInt32: Int] = [:]
        func isUniform(_ id: UInt32) -> Bool { m.variables[id]?.storage == 0 }
        for body in m.functions.values {
            for inst in body {
                if (inst.opcode == 65 || inst.opcode == 66), inst.count >= 3, isUniform(inst[2]) {
                    let base = inst[2]
                    var used = Int.max
                    if inst.count >= 4, case .pointer(_, let pointee)? = m.types[m.variables[base]!.type], case .array? = m.types[pointee],
                       case .scalar(_, let bits)? = m.constants[inst[3]] {
                        used = Int(bits) + 1
                    }
                    usage[base] = max(usage[base] ?? 0, used)
                    for id in inst.operands.dropFirst(3) where isUniform(id) { usage[id] = .max }
                    continue
                }
                for id in inst.operands where isUniform(id) { usage[id] = .max }
            }
        }
        return usage
    }

    /// The active inputs (`input`) or outputs of one stage. Vertex inputs and fragment outputs have locations; the
    /// others only when declared with one (`explicit`, by name): glslang gives every varying a location.
    static func interfaceVariables(_ m: SPIRVModule, _ stage: ShaderStage, input: Bool, explicit: Set<String> = []) -> [InterfaceVariable] {
        let storage: UInt32 = input ? 1 : 3
        let t = TGSITranslator(module: m, stage: stage, uniforms: [])
        // Members of built-in blocks (gl_PerVertex) the stage uses: the constant member index of access chains.
        var usedMembers: [UInt32: Set<Int>] = [:]
        for body in m.functions.values {
            for inst in body where (inst.opcode == 65 || inst.opcode == 66) && inst.count >= 4 {
                let base = inst[2]
                guard let v = m.variables[base], v.storage == storage, case .pointer(_, let pointee)? = m.types[v.type] else { continue }
                let arrayed: Bool
                if case .array? = m.types[pointee] { arrayed = true } else { arrayed = false }
                let position = arrayed ? 4 : 3
                guard inst.count > position, case .scalar(_, let bits)? = m.constants[inst[position]] else { continue }
                usedMembers[base, default: []].insert(Int(bits))
            }
        }
        // Only active variables: those an instruction of the shader refers to.
        var referenced = Set<UInt32>()
        for body in m.functions.values { for inst in body { referenced.formUnion(inst.operands) } }
        var out: [InterfaceVariable] = []
        for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == storage && referenced.contains(id) {
            guard case .pointer(_, let pointee)? = m.types[v.type] else { continue }
            var type = pointee
            let patch = m.decoration(id, 15) != nil
            // The per-vertex arrays of geometry and tessellation stages keep their dimension in names and sizes
            // (`v[0]`, as the piglit tests of GL_ARB_program_interface_query expect); built-in blocks lose it.
            let perVertexBlock = stage.perVertexInterface(input: input) && !patch
            if perVertexBlock, case .array(let e, _)? = m.types[type], case .structure? = m.types[e] { type = e }
            let located = (input && stage == .vertex) || (!input && stage == .fragment)
                || explicit.contains(GLSLLocatedInterfaceNames.original(m.names[id] ?? ""))
            let location = located ? m.decoration(id, 30)?.first.map(Int.init) ?? -1 : -1
            let index = m.decoration(id, 32)?.first.map(Int.init) ?? 0
            // A built-in block (gl_PerVertex): its members the stage uses.
            if case .structure(let members)? = m.types[type], m.memberDecorations[type]?.values.contains(where: { $0[11] != nil }) ?? false {
                // gl_in[] / gl_out[] members as Mesa names them; a stage's own gl_PerVertex members by their names.
                let prefix = type == pointee ? "" : "gl_PerVertex."
                for (k, member) in members.enumerated() where usedMembers[id]?.contains(k) ?? false {
                    guard let name = m.memberNames[type]?[k] else { continue }
                    var memberType = member, size = 1, suffix = ""
                    if case .array(let e, let n)? = m.types[member] { (memberType, size, suffix) = (e, n, "[0]") }
                    out.append(InterfaceVariable(
                        name: prefix + name + suffix, type: t.glType(memberType), arraySize: size, location: -1, index: 0, isPatch: patch, isBuiltIn: true))
                }
                continue
            }
            guard var name = m.names[id], !name.isEmpty else { continue }
            if name.hasPrefix("virglgl_") { name = "gl_" + name.dropFirst(8) }
            let builtIn = m.decoration(id, 11) != nil || name.hasPrefix("gl_")
            let first = out.count
            flattenInterface(t, type, name, builtIn ? -1 : location, index, patch, builtIn, &out)
            for k in first..<out.count {
                out[k].component = Int(m.decoration(id, 31)?.first ?? 0)
                out[k].name = GLSLLocatedInterfaceNames.original(out[k].name)  // an input renamed for the link
            }
        }
        return out
    }

    /// Entries of one interface variable: arrays of basic types as `name[0]`, structs by member, arrays of structs
    /// by element.
    static func flattenInterface(
        _ t: TGSITranslator, _ type: UInt32, _ name: String, _ location: Int, _ index: Int, _ patch: Bool, _ builtIn: Bool,
        _ out: inout [InterfaceVariable]
    ) {
        let m = t.m
        switch m.types[type] {
        case .array(let e, let n)?:
            if case .structure? = m.types[e] {
                for k in 0..<n {
                    flattenInterface(t, e, "\(name)[\(k)]", location < 0 ? -1 : location + k * t.slots(e), index, patch, builtIn, &out)
                }
            } else if case .array? = m.types[e] {
                // An array of arrays of a basic type: one entry for all its elements, `a[0][0]` (as Mesa lists it).
                var element = e, size = n, suffix = "[0]"
                while case .array(let inner, let count)? = m.types[element] { (element, size, suffix) = (inner, size * count, suffix + "[0]") }
                if case .structure? = m.types[element] {
                    for k in 0..<n {
                        flattenInterface(t, e, "\(name)[\(k)]", location < 0 ? -1 : location + k * t.slots(e), index, patch, builtIn, &out)
                    }
                } else {
                    out.append(InterfaceVariable(
                        name: name + suffix, type: t.glType(element), arraySize: size, location: location, index: index, isPatch: patch, isBuiltIn: builtIn))
                }
            } else {
                out.append(InterfaceVariable(name: name + "[0]", type: t.glType(e), arraySize: n, location: location, index: index, isPatch: patch, isBuiltIn: builtIn))
            }
        case .structure(let members)?:
            var l = location
            for (k, member) in members.enumerated() {
                flattenInterface(t, member, "\(name).\(m.memberNames[type]?[k] ?? "m\(k)")", l, index, patch, builtIn, &out)
                if l >= 0 { l += t.slots(member) }
            }
        default:
            out.append(InterfaceVariable(name: name, type: t.glType(type), arraySize: 1, location: location, index: index, isPatch: patch, isBuiltIn: builtIn))
        }
    }
}
