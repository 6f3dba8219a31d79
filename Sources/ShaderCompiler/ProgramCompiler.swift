/// A uniform location as GL programs see it: one leaf value (a scalar, vector or matrix; array elements and
/// struct members each get their own).
public struct UniformLocation: Equatable, Sendable {
    public var name: String
    public var kind: UniformSlot.Kind
    public var components: Int
    public var columns: Int
    /// First vec4 slot in CONST[0] (samplers: the sampler index).
    public var slot: Int
}

/// A linked vertex + fragment program: TGSI per stage and its reflection.
public struct LinkedProgram: Sendable {
    public var vertex: TGSIShader
    public var fragment: TGSIShader
    /// The geometry stage, when the program has one.
    public var geometry: TGSIShader?
    /// Every uniform location, in location order.
    public var locations: [UniformLocation]
    /// vec4 slots of constant buffer 0.
    public var constantSlots: Int
    /// Vertex inputs by name → location.
    public var attributes: [String: Int]
    public var log: String
    /// Constant buffer 0's words at link time: zero, except where a uniform has an initializer.
    public var initialConstants: [UInt32] = []
    /// Texture units that sampler uniforms start with (`layout(binding = N)`), by name; others start at 0.
    public var samplerBindings: [String: Int] = [:]

    /// The uniform blocks of every stage (a block used by several stages appears once per stage).
    public var allBlocks: [UniformBlockInfo] { vertex.blocks + (geometry?.blocks ?? []) + fragment.blocks }
}

/// GLSL vertex + fragment → TGSI with a shared uniform layout.
public enum ProgramCompiler {
    /// `attributeBindings` (glBindAttribLocation) and `fragDataBindings` (glBindFragDataLocation) name
    /// locations by variable; they take the place of the shaders' own. `fragDataIndexBindings`
    /// (glBindFragDataLocationIndexed) give those outputs their blend source index (absent: 0).
    public static func link(
        vertex: String, fragment: String, attributeBindings: [String: Int] = [:], fragDataBindings: [String: Int] = [:],
        fragDataIndexBindings: [String: Int] = [:]
    ) -> Result<LinkedProgram, ShaderError> {
        link(
            vertexUnits: [vertex], fragmentUnits: [fragment], attributeBindings: attributeBindings, fragDataBindings: fragDataBindings,
            fragDataIndexBindings: fragDataIndexBindings)
    }

    /// `link` for several compilation units per stage, with an optional geometry stage.
    public static func link(
        vertexUnits: [String], geometryUnits: [String] = [], fragmentUnits: [String], attributeBindings: [String: Int] = [:],
        fragDataBindings: [String: Int] = [:], fragDataIndexBindings: [String: Int] = [:]
    ) -> Result<LinkedProgram, ShaderError> {
        let spirv: (vertex: [UInt32], geometry: [UInt32]?, fragment: [UInt32])
        switch GLSLFrontEnd.link(vertexUnits: vertexUnits, geometryUnits: geometryUnits, fragmentUnits: fragmentUnits) {
        case .failure(let e): return .failure(e)
        case .success(let s): spirv = s
        }
        do {
            let vm = try SPIRVModule(words: spirv.vertex), fm = try SPIRVModule(words: spirv.fragment)
            let gm = try spirv.geometry.map { try SPIRVModule(words: $0) }
            var slots: [UniformSlot] = []
            var locations: [UniformLocation] = []
            var next = 0, samplers = 0
            var initialValues: [(slot: Int, words: [[UInt32]])] = []
            for m in [vm] + (gm.map { [$0] } ?? []) + [fm] {
                for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == 0 {
                    let name = m.names[id] ?? ""
                    guard !slots.contains(where: { $0.name == name || $0.name == name + "[0]" }), case .pointer(_, let type)? = m.types[v.type] else { continue }
                    if case .sampledImage(let image)? = m.types[type], case .image(let dim, let arrayed, let multisampled, let sampledType)? = m.types[image] {
                        let returns: String
                        switch m.types[sampledType] {
                        case .int(let signed)?: returns = signed ? "SINT" : "UINT"
                        default: returns = "FLOAT"
                        }
                        let kind = UniformSlot.Kind.sampler(target: TGSITranslator.target(dim: dim, arrayed: arrayed, multisampled: multisampled), returns: returns)
                        slots.append(UniformSlot(name: name, kind: kind, components: 1, columns: 1, count: 1, slot: samplers))
                        locations.append(UniformLocation(name: name, kind: kind, components: 1, columns: 1, slot: samplers))
                        samplers += 1
                        continue
                    }
                    if case .array(let element, let count)? = m.types[type], case .sampledImage(let image)? = m.types[element],
                       case .image(let dim, let arrayed, let multisampled, let sampledType)? = m.types[image] {
                        let returns: String
                        switch m.types[sampledType] {
                        case .int(let signed)?: returns = signed ? "SINT" : "UINT"
                        default: returns = "FLOAT"
                        }
                        let kind = UniformSlot.Kind.sampler(target: TGSITranslator.target(dim: dim, arrayed: arrayed, multisampled: multisampled), returns: returns)
                        for k in 0..<count {
                            slots.append(UniformSlot(name: "\(name)[\(k)]", kind: kind, components: 1, columns: 1, count: 1, slot: samplers))
                            locations.append(UniformLocation(name: "\(name)[\(k)]", kind: kind, components: 1, columns: 1, slot: samplers))
                            samplers += 1
                        }
                        continue
                    }
                    let size = TGSITranslator(module: m, stage: .vertex, uniforms: []).slots(type)
                    if let initializer = m.initializers[id] {
                        initialValues.append((next, constantSlots(m, initializer)))
                    }
                    slots.append(UniformSlot(name: name, kind: .float, components: 4, columns: 1, count: size, slot: next))
                    flatten(m, type, name, next, &locations)
                    next += size
                }
            }
            // Varyings meet by name (GL 4.6 §7.4.1): the vertex stage's outputs get GENERIC slots in order, the next
            // stage reads them by name, and a geometry stage numbers its own outputs for the fragment stage.
            if let gm {
                if let e = checkInterface(vm, "vertex shader", gm, "geometry shader", consumerPerVertex: true, checkInterpolation: false)
                    ?? checkInterface(gm, "geometry shader", fm, "fragment shader", consumerPerVertex: false, checkInterpolation: true) {
                    return .failure(e)
                }
            } else if let e = checkInterface(vm, "vertex shader", fm, "fragment shader", consumerPerVertex: false, checkInterpolation: true)
                ?? checkColorQualifiers(vertex: vertexUnits, fragment: fragmentUnits) {
                return .failure(e)
            }
            if let input = nonFlatDoubleInputs(fm).first {
                return .failure(ShaderError("fragment input \(input) holds doubles and must be qualified flat"))
            }
            let vertexVaryings = TGSITranslator.assignVaryingSlots(vm)
            let geometryVaryings = gm.map { TGSITranslator.assignVaryingSlots($0) }
            let attributeLocations = assignAttributeLocations(vm, attributeBindings)
            var vt = TGSITranslator(module: vm, stage: .vertex, uniforms: slots, locationOverrides: attributeLocations, varyingSlots: vertexVaryings)
            let vs = try vt.translate()
            var ft = TGSITranslator(
                module: fm, stage: .fragment, uniforms: slots, locationOverrides: fragDataBindings, indexOverrides: fragDataIndexBindings,
                varyingSlots: geometryVaryings ?? vertexVaryings)
            let fs = try ft.translate()
            var gs: TGSIShader?
            if let gm {
                var gt = TGSITranslator(module: gm, stage: .geometry, uniforms: slots, varyingSlots: vertexVaryings)
                gt.outputVaryingSlots = geometryVaryings
                gs = try gt.translate()
            }
            var attributes: [String: Int] = [:]
            for (id, v) in vm.variables where v.storage == 1 {
                if let name = vm.names[id], let loc = attributeLocations[name] ?? vm.decoration(id, 30)?.first.map(Int.init) {
                    attributes[name] = loc
                }
            }
            var linked = LinkedProgram(vertex: vs, fragment: fs, geometry: gs, locations: locations, constantSlots: next, attributes: attributes, log: "")
            var constants = [UInt32](repeating: 0, count: 4 * max(1, next))
            for (slot, words) in initialValues {
                for (k, w) in words.enumerated() where (slot + k) * 4 + w.count <= constants.count {
                    for (c, x) in w.enumerated() { constants[(slot + k) * 4 + c] = x }
                }
            }
            linked.initialConstants = constants
            applyBindingQualifiers(&linked, vertexUnits + geometryUnits + fragmentUnits)
            return .success(linked)
        } catch let e as ShaderError {
            return .failure(ShaderError("VirglGL: \(e.description)"))
        } catch {
            return .failure(ShaderError("VirglGL: \(error)"))
        }
    }

    /// Binding qualifiers (`GLSLBindingLayout`): blocks start at their explicit binding point or 0 (glslang's
    /// automatic bindings are not the program's), samplers at their explicit unit.
    static func applyBindingQualifiers(_ linked: inout LinkedProgram, _ sources: [String]) {
        var explicit: [String: Int] = [:]
        for source in sources {
            explicit.merge(GLSLBindingLayout.explicitBindings(source)) { first, _ in first }
        }
        for k in linked.vertex.blocks.indices { linked.vertex.blocks[k].binding = explicit[linked.vertex.blocks[k].name] ?? 0 }
        for k in linked.fragment.blocks.indices { linked.fragment.blocks[k].binding = explicit[linked.fragment.blocks[k].name] ?? 0 }
        if let gs = linked.geometry {
            var g = gs
            for k in g.blocks.indices { g.blocks[k].binding = explicit[g.blocks[k].name] ?? 0 }
            linked.geometry = g
        }
        linked.samplerBindings = explicit.filter { name, _ in
            linked.locations.contains { if case .sampler = $0.kind { return $0.name == name } else { return false } }
        }
    }

    /// Vertex input locations: glBindAttribLocation's, and glslang's for the others, except that an input whose
    /// locations overlap a bound one's moves to the first free ones (glslang numbers them without knowing the
    /// bindings).
    static func assignAttributeLocations(_ m: SPIRVModule, _ bindings: [String: Int]) -> [String: Int] {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        var inputs: [(name: String, location: Int, count: Int)] = []
        for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == 1 && m.decoration(id, 11) == nil {
            guard let name = m.names[id], case .pointer(_, let type)? = m.types[v.type] else { continue }
            let count = (t.vertexInputSlots(type).map(\.location).max() ?? 0) + 1
            inputs.append((name, bindings[name] ?? Int(m.decoration(id, 30)?.first ?? 0), count))
        }
        var result = bindings
        var used = Set(inputs.filter { bindings[$0.name] != nil }.flatMap { $0.location..<($0.location + $0.count) })
        guard !used.isEmpty else { return bindings }
        for input in inputs where bindings[input.name] == nil {
            var location = input.location
            if (location..<(location + input.count)).contains(where: used.contains) {
                location = 0
                while (location..<(location + input.count)).contains(where: used.contains) { location += 1 }
                result[input.name] = location
            }
            used.formUnion(location..<(location + input.count))
        }
        return result
    }

    /// A constant's words, one array per vec4 slot (scalars and vectors take one slot; matrix columns, array
    /// elements and struct members take their own), as uniforms are laid out.
    static func constantSlots(_ m: SPIRVModule, _ id: UInt32) -> [[UInt32]] {
        switch m.constants[id] {
        case .scalar(_, let bits)?: return [[bits]]
        case .double(_, let bits)?: return [[UInt32(truncatingIfNeeded: bits), UInt32(bits >> 32)]]
        case .composite(let t, let parts)?:
            switch m.types[t] {
            case .vector(let s, _)? where m.types[s] == .double:
                // Two doubles a slot.
                let words = parts.flatMap { constantSlots(m, $0).flatMap { $0 } }
                return stride(from: 0, to: words.count, by: 4).map { Array(words[$0..<min($0 + 4, words.count)]) }
            case .vector?: return [parts.compactMap { if case .scalar(_, let b)? = m.constants[$0] { return b } else { return nil } }]
            default: return parts.flatMap { constantSlots(m, $0) }
            }
        default: return [[0]]
        }
    }

    /// Leaf locations of a uniform of `type` named `name` starting at `slot`.
    static func flatten(_ m: SPIRVModule, _ type: UInt32, _ name: String, _ slot: Int, _ out: inout [UniformLocation]) {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        switch m.types[type] {
        case .array(let e, let n):
            for k in 0..<n { flatten(m, e, "\(name)[\(k)]", slot + k * t.slots(e), &out) }
        case .structure(let members):
            var s = slot
            for (k, member) in members.enumerated() {
                flatten(m, member, "\(name).\(m.memberNames[type]?[k] ?? "m\(k)")", s, &out)
                s += t.slots(member)
            }
        default:
            let kind: UniformSlot.Kind
            switch m.scalar(type) {
            case .int(let signed)?: kind = signed ? .int : .uint
            case .bool?: kind = .bool
            case .double?: kind = .double
            default: kind = .float
            }
            out.append(UniformLocation(name: name, kind: kind, components: t.compCount(type), columns: t.columns(type), slot: slot))
        }
    }
}
