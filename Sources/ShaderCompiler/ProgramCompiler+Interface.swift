/// Link-time checks of the varyings between two stages that glslang leaves to the GL linker (GLSL 1.50
/// §4.3.4 and §4.3.9, GL 4.6 §7.4.1): an input a stage uses needs an output of the same name in the stage before
/// it, of the same type, with the same interpolation qualifier.
extension ProgramCompiler {
    struct Varying {
        var type: String
        var interpolation: String
        var used: Bool
        /// Declared `invariant` (SPIR-V decoration Invariant).
        var invariant: Bool
        /// The geometry stage's vertex stream (`layout(stream = n)`).
        var stream = 0
    }

    /// The user varyings of `m` in `storage` (1 input, 3 output) by `TGSITranslator.varyingKey`, without
    /// built-ins and the lowered legacy names (`virglgl_*`, which GL matches by its own rules).
    static func varyings(_ m: SPIRVModule, storage: UInt32, perVertex: Bool) -> [String: Varying] {
        var used: Set<UInt32> = []
        for body in m.functions.values {
            for i in body where [61, 62, 63, 65, 66].contains(i.opcode) && i.count >= 2 {
                // OpLoad, OpStore, OpCopyMemory, OpAccessChain, OpInBoundsAccessChain: the pointer operand.
                used.insert(i.opcode == 62 || i.opcode == 63 ? i[0] : i[2])
                if i.opcode == 63 { used.insert(i[1]) }
            }
        }
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        var out: [String: Varying] = [:]
        for (id, v) in m.variables where v.storage == storage {
            guard m.decoration(id, 11) == nil, case .pointer(_, var type)? = m.types[v.type] else { continue }
            if case .structure? = m.types[type], m.memberDecorations[type]?[0]?[11] != nil { continue }
            if case .array(let element, _)? = m.types[type], case .structure? = m.types[element], m.memberDecorations[element]?[0]?[11] != nil { continue }
            if perVertex, m.decoration(id, 15) == nil, case .array(let element, _)? = m.types[type] { type = element }
            if case .structure(let members)? = m.types[type], members.isEmpty { continue }
            guard let name = m.names[id], !name.hasPrefix("virglgl_"), !name.hasPrefix("gl_"),
                  let key = TGSITranslator.varyingKey(m, id, pointee: type) else { continue }
            let interpolation = (m.decoration(id, 14) != nil ? "flat" : m.decoration(id, 13) != nil ? "noperspective" : "smooth")
                + (m.decoration(id, 17) != nil ? " sample" : "")
            out[key] = Varying(
                type: describe(m, type, t), interpolation: interpolation, used: used.contains(id), invariant: m.decoration(id, 18) != nil,
                stream: Int(m.decoration(id, 29)?.first ?? 0))
        }
        return out
    }

    /// A type as GLSL spells its shape (`vec4[3]`, `struct S{…}`), to compare across modules.
    static func describe(_ m: SPIRVModule, _ type: UInt32, _ t: TGSITranslator) -> String {
        switch m.types[type] {
        case .array(let e, let n)?: return describe(m, e, t) + "[\(n)]"
        case .structure(let members)?:
            let names = m.memberNames[type] ?? [:]
            return "struct{" + members.enumerated().map { "\(describe(m, $1, t)) \(names[$0] ?? "")" }.joined(separator: ";") + "}"
        default: return "\(t.glType(type))"
        }
    }

    /// Names of the fragment inputs of `m` (variables, or block and struct members) that hold doubles without
    /// being flat, themselves or through the block or struct they sit in.
    static func nonFlatDoubleInputs(_ m: SPIRVModule) -> [String] {
        var found: [String] = []
        func visit(_ type: UInt32, _ name: String, flat: Bool) {
            switch m.types[type] {
            case .array(let e, _)?: visit(e, name, flat: flat)
            case .structure(let members)?:
                for (k, member) in members.enumerated() {
                    visit(member, name + "." + (m.memberNames[type]?[k] ?? "m\(k)"), flat: flat || m.memberDecorations[type]?[k]?[14] != nil)
                }
            default:
                if case .double? = m.scalar(type), !flat { found.append(name) }
            }
        }
        for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == 1 && m.decoration(id, 11) == nil {
            guard case .pointer(_, let type)? = m.types[v.type] else { continue }
            visit(type, m.names[id].flatMap { $0.isEmpty ? nil : $0 } ?? m.names[type] ?? "%\(id)", flat: m.decoration(id, 14) != nil)
        }
        return found
    }

    /// Checks the interface from `producer`'s outputs to `consumer`'s inputs; the first problem as a link error.
    static func checkInterface(
        _ producer: SPIRVModule, _ producerName: String, _ consumer: SPIRVModule, _ consumerName: String, inputAliases: [String: String] = [:],
        producerPerVertex: Bool = false, producerInvariantAll: Bool = false, producerMustWrite: Bool = false, consumerPerVertex: Bool,
        checkInterpolation: Bool
    ) -> ShaderError? {
        let outputs = varyings(producer, storage: 3, perVertex: producerPerVertex)
        // An input that meets an output by location and component (`locationAliases`) is checked against it.
        let inputs = Dictionary(varyings(consumer, storage: 1, perVertex: consumerPerVertex).map { (inputAliases[$0.key] ?? $0.key, $0.value) }) { a, _ in a }
        for (key, input) in inputs.sorted(by: { $0.key < $1.key }) {
            let name = key.hasPrefix("block ") ? "block \(key.dropFirst(6))" : key
            guard let output = outputs[key] else {
                if input.used { return ShaderError("error: \(consumerName) input \(name) is not an output of the \(producerName)") }
                continue
            }
            if output.stream != 0 && checkInterpolation {
                // Only stream 0 reaches the rasterizer (ARB_gpu_shader5).
                return ShaderError("error: fragment shader input \(name) is a geometry shader output of vertex stream \(output.stream)")
            }
            if producerMustWrite && input.used && !output.used {
                return ShaderError("error: \(consumerName) reads \(name), which the \(producerName) does not write")
            }
            if output.type != input.type {
                return ShaderError("error: \(name) is declared with different types in the \(producerName) and the \(consumerName)")
            }
            // Before GLSL 4.20 (§4.6.1) a varying is invariant in both stages or in neither.
            if (output.invariant || producerInvariantAll) != input.invariant && producer.sourceVersion < 420 && consumer.sourceVersion < 420 {
                return ShaderError("error: \(name) is declared invariant in the \(output.invariant ? producerName : consumerName) only")
            }
            if checkInterpolation && output.interpolation != input.interpolation {
                return ShaderError("error: \(name) has different interpolation qualifiers in the \(producerName) (\(output.interpolation)) and the \(consumerName) (\(input.interpolation))")
            }
        }
        return nil
    }
}

extension ProgramCompiler {
    /// GLSL 1.30 §4.3.7: the colour built-ins a program uses (gl_FrontColor and gl_BackColor written by the
    /// vertex shader, gl_Color read by the fragment shader; and the secondary colours) must carry the same
    /// interpolation qualifier, where no qualifier ("default") differs from an explicit one. SPIR-V no longer
    /// tells an explicit `smooth` from none, so this reads the sources.
    static func checkColorQualifiers(vertex: [String], fragment: [String]) -> ShaderError? {
        let groups = [(["gl_FrontColor", "gl_BackColor"], "gl_Color"),
                      (["gl_FrontSecondaryColor", "gl_BackSecondaryColor"], "gl_SecondaryColor")]
        for (outputs, input) in groups {
            var used: [(String, String)] = []
            for name in outputs { if let q = colorQualifier(vertex, name) { used.append((name, q)) } }
            if let q = colorQualifier(fragment, input) { used.append((input, q)) }
            if Set(used.map(\.1)).count > 1 {
                return ShaderError("error: " + used.map { "\($0.0) is \($0.1)" }.joined(separator: ", ")
                    + ": the colour built-ins a program uses need the same interpolation qualifier")
            }
        }
        return nil
    }

    /// The interpolation qualifier `name` is declared with in `sources` ("default" without a redeclaration or
    /// qualifier), or nil when no source uses it outside a redeclaration.
    static func colorQualifier(_ sources: [String], _ name: String) -> String? {
        var qualifier = "default", used = false
        for source in sources {
            for statement in source.split(whereSeparator: { "\n;{}".contains($0) }) {
                let words = statement.split(whereSeparator: { " \t(),=+-*/".contains($0) })
                guard words.contains(Substring(name)) else { continue }
                if words.contains(where: { ["in", "out", "varying"].contains($0) }) && words.contains("vec4") {
                    qualifier = words.first { ["flat", "smooth", "noperspective"].contains($0) }.map(String.init) ?? "default"
                } else {
                    used = true
                }
            }
        }
        return used ? qualifier : nil
    }
}
