/// A uniform location as GL programs see it: one leaf value (a scalar, vector or matrix; array elements and
/// struct members each get their own).
public struct UniformLocation: Equatable, Sendable {
    public var name: String
    public var kind: UniformSlot.Kind
    public var components: Int
    public var columns: Int
    /// First vec4 slot in CONST[0] (samplers: the sampler index).
    public var slot: Int

    /// A location no uniform has (a hole between explicit locations).
    public static let unused = UniformLocation(name: "", kind: .float, components: 0, columns: 0, slot: -1)
}

/// A linked vertex + fragment program: TGSI per stage and its reflection.
public struct LinkedProgram: Sendable {
    public var vertex: TGSIShader
    public var fragment: TGSIShader
    /// The geometry stage, when the program has one.
    public var geometry: TGSIShader?
    /// The tessellation stages, when the program has them.
    public var tessControl: TGSIShader?
    public var tessEvaluation: TGSIShader?
    /// The tessellation layout qualifiers (glGetProgramiv), when the program tessellates.
    public var tessellation: TessellationLayout?
    /// Every uniform location, in location order.
    public var locations: [UniformLocation]
    /// vec4 slots of constant buffer 0.
    public var constantSlots: Int
    /// Vertex inputs by name → location.
    public var attributes: [String: Int]
    /// The vertex inputs for glGetActiveAttrib, in location order.
    public var activeAttributes: [ActiveAttribute] = []
    public var log: String
    /// Constant buffer 0's words at link time: zero, except where a uniform has an initializer.
    public var initialConstants: [UInt32] = []
    /// GL uniform locations when some are explicit: entry L is the index in `locations` of location L, -1 for
    /// a location no uniform has. Nil: location L is `locations[L]`.
    public var locationTable: [Int]?
    /// Texture units that sampler uniforms start with (`layout(binding = N)`), by name; others start at 0.
    public var samplerBindings: [String: Int] = [:]
    /// The subroutines of each stage that has any (GL_ARB_shader_subroutine).
    public var subroutines: [ShaderStage: SubroutineStage] = [:]
    /// A compute program's one stage (ProgramCompiler+Compute; its `vertex` and `fragment` are empty then).
    public var compute: ComputeStage?
    /// The atomic counters of every stage (ProgramCompiler+AtomicCounters).
    public var atomicCounters: [AtomicCounterInfo] = []
    /// The first stage's inputs and the last stage's outputs, and the stages using each uniform
    /// (GL_ARB_program_interface_query; ProgramCompiler+ResourceInterface.swift).
    public var interfaces = ProgramInterfaces.empty

    /// The uniform blocks of every stage (a block used by several stages appears once per stage).
    public var allBlocks: [UniformBlockInfo] { stages.flatMap(\.shader.blocks) }

    /// Every stage the program has, in pipeline order.
    public var stages: [(stage: ShaderStage, shader: TGSIShader)] {
        if let compute { return [(.compute, compute.shader)] }
        return [(.vertex, vertex)] + [(ShaderStage.tessControl, tessControl), (.tessEvaluation, tessEvaluation), (.geometry, geometry)].compactMap { s, t in
            t.map { (s, $0) }
        } + [(.fragment, fragment)]
    }
}

/// A vertex input as glGetActiveAttrib reports it.
public struct ActiveAttribute: Equatable, Sendable {
    public var name: String
    /// The GL type enum value (GL_FLOAT_VEC4 = 0x8B52, …).
    public var type: UInt32
    /// Array elements (1 for non-arrays).
    public var size: Int
    public var location: Int
}

/// The layout qualifiers of a program's tessellation stages, as glGetProgramiv reports them (GL enum values).
public struct TessellationLayout: Equatable, Sendable {
    /// layout(vertices = n) of the control stage (0 without one).
    public var outputVertices: Int
    /// GL_TRIANGLES, GL_QUADS or GL_ISOLINES.
    public var mode: UInt32
    /// GL_EQUAL, GL_FRACTIONAL_ODD or GL_FRACTIONAL_EVEN.
    public var spacing: UInt32
    /// GL_CCW or GL_CW.
    public var vertexOrder: UInt32
    public var pointMode: Bool

    init(control: SPIRVModule?, evaluation: SPIRVModule) {
        let modes = evaluation.executionModes.merging(control?.executionModes ?? [:]) { e, _ in e }
        outputVertices = Int(control?.executionModes[26]?.first ?? 0)
        mode = modes[24] != nil ? 0x0007 : modes[25] != nil ? 0x8E7A : 0x0004
        spacing = modes[3] != nil ? 0x8E7B : modes[2] != nil ? 0x8E7C : 0x0202
        vertexOrder = modes[4] != nil ? 0x0900 : 0x0901
        pointMode = modes[10] != nil
    }
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

    /// `link` for several compilation units per stage, with optional tessellation and geometry stages.
    /// `separableStages`: a separable program (GL_PROGRAM_SEPARABLE) and the stages it really has (the others are
    /// stand-ins): its varyings take slots other programs agree on (ProgramCompiler+Separable), and the interfaces
    /// to its stand-in stages are not checked.
    public static func link(
        vertexUnits: [String], tessControlUnits: [String] = [], tessEvaluationUnits: [String] = [], geometryUnits: [String] = [],
        fragmentUnits sources: [String], attributeBindings: [String: Int] = [:], fragDataBindings: [String: Int] = [:],
        fragDataIndexBindings: [String: Int] = [:], separableStages: Set<ShaderStage>? = nil
    ) -> Result<LinkedProgram, ShaderError> {
        /// Whether the program has `stage` of its own (not a stand-in of a separable program).
        func real(_ stage: ShaderStage) -> Bool { separableStages?.contains(stage) ?? true }
        for (units, stage) in [(vertexUnits, "vertex"), (tessControlUnits, "tessellation control"), (tessEvaluationUnits, "tessellation evaluation"),
                               (geometryUnits, "geometry"), (sources, "fragment")] {
            if let e = GLSLSharedGlobals.check(units, stage: stage) { return .failure(e) }
        }
        if real(.vertex), real(.fragment), let e = checkESLinkRules(vertex: vertexUnits, fragment: sources) { return .failure(e) }
        let fragmentUnits: [String], applyRedeclarations: (inout SPIRVModule) -> Void
        switch GLSLFragmentRedeclaration.reconcileAll(sources) {
        case .failure(let e): return .failure(e)
        case .success(let r): (fragmentUnits, applyRedeclarations) = r
        }
        let spirv: [ShaderStage: [UInt32]]
        switch GLSLFrontEnd.link([
            .vertex: vertexUnits, .tessControl: tessControlUnits, .tessEvaluation: tessEvaluationUnits, .geometry: geometryUnits,
            .fragment: fragmentUnits,
        ]) {
        case .failure(let e): return .failure(e)
        case .success(let s): spirv = s
        }
        do {
            let vm = try SPIRVModule(words: spirv[.vertex]!)
            var fm = try SPIRVModule(words: spirv[.fragment]!)
            applyRedeclarations(&fm)
            let gm = try spirv[.geometry].map { try SPIRVModule(words: $0) }
            let tcm = try spirv[.tessControl].map { try SPIRVModule(words: $0) }
            let tem = try spirv[.tessEvaluation].map { try SPIRVModule(words: $0) }
            let (slots, locations, next, initialValues) = defaultUniforms([vm, tcm, tem, gm, fm].compactMap { $0 })
            // Varyings meet by name (GL 4.6 §7.4.1): the vertex stage's outputs get GENERIC slots in order, the next
            // stage reads them by name, and a geometry stage numbers its own outputs for the fragment stage.
            let pipeline: [(module: SPIRVModule, stage: ShaderStage, name: String)] = [
                (vm, .vertex, "vertex shader"), tcm.map { ($0, .tessControl, "tessellation control shader") },
                tem.map { ($0, .tessEvaluation, "tessellation evaluation shader") }, gm.map { ($0, .geometry, "geometry shader") },
                (fm, .fragment, "fragment shader"),
            ].compactMap { $0 }
            // `#pragma STDGL invariant(all)` makes every output invariant (glslang does not decorate them).
            let units: [ShaderStage: [String]] = [
                .vertex: vertexUnits, .tessControl: tessControlUnits, .tessEvaluation: tessEvaluationUnits, .geometry: geometryUnits,
            ]
            let invariantAll = Set(units.filter { $0.value.contains { $0.contains("invariant(all)") } }.keys)
            // GLSL 1.10 and 1.20 (§7.6): a varying the next stage reads must be written.
            let legacy = Set(units.filter { !$0.value.isEmpty && $0.value.allSatisfy { GLSLVersionLowering.declaredVersion($0).version <= 120 } }.keys)
            // Varyings that share locations (GL_ARB_enhanced_layouts), and inputs that meet an output by location.
            for s in pipeline where real(s.stage) {
                if let e = checkLocationAliasing(s.module, s.stage, s.name, sources: s.stage == .fragment ? fragmentUnits : units[s.stage] ?? []) {
                    return .failure(e)
                }
            }
            var aliases: [ShaderStage: [String: String]] = [:]
            for (producer, consumer) in zip(pipeline, pipeline.dropFirst()) where real(producer.stage) && real(consumer.stage) {
                aliases[consumer.stage] = locationAliases(
                    producer: producer.module, producerSources: units[producer.stage] ?? [], producerPerVertex: producer.stage == .tessControl,
                    consumer: consumer.module, consumerSources: consumer.stage == .fragment ? fragmentUnits : units[consumer.stage] ?? [],
                    consumerPerVertex: consumer.stage.readsVertexArrays)
                if let e = checkInterface(
                    producer.module, producer.name, consumer.module, consumer.name, inputAliases: aliases[consumer.stage] ?? [:],
                    producerPerVertex: producer.stage == .tessControl,
                    producerInvariantAll: invariantAll.contains(producer.stage), producerMustWrite: legacy.contains(producer.stage) && !(units[producer.stage] ?? []).contains { esVersion($0) != nil },
                    consumerPerVertex: consumer.stage.readsVertexArrays, checkInterpolation: consumer.stage == .fragment) {
                    return .failure(e)
                }
            }
            if real(.vertex), let e = checkPositionWritten(
                vertex: vertexUnits, all: vertexUnits + tessControlUnits + tessEvaluationUnits + geometryUnits + fragmentUnits) {
                return .failure(e)
            }
            if separableStages != nil, let e = checkPerVertexRedeclarations(pipeline.map(\.stage).filter(real), units) { return .failure(e) }
            if let input = nonFlatDoubleInputs(fm).first {
                return .failure(ShaderError("fragment input \(input) holds doubles and must be qualified flat"))
            }
            if pipeline.count == 2, real(.vertex), real(.fragment), let e = checkColorQualifiers(vertex: vertexUnits, fragment: fragmentUnits) { return .failure(e) }
            // GENERIC slots: each stage numbers its outputs by name; the next stage reads them by name. The control
            // stage's patch outputs are PATCH slots.
            let sourcesByStage = units.merging([.fragment: fragmentUnits]) { a, _ in a }
            /// A stage's output slots (a separable program's by ProgramCompiler+Separable's rule).
            func outputSlots(_ m: SPIRVModule, _ stage: ShaderStage, perVertex: Bool = false, patch: Bool = false) -> [String: Int] {
                guard separableStages != nil else {
                    // A compatibility gl_ClipVertex the tessellation control stage reads is a varying of the vertex stage.
                    return TGSITranslator.assignVaryingSlots(m, perVertex: perVertex, patch: patch, clipVertexVarying: stage == .vertex && tcm != nil)
                }
                let explicit = explicitVaryingKeys(sourcesByStage[stage] ?? [], storage: "out")
                return separableVaryingSlots(m, storage: 3, perVertex: perVertex, patch: patch, explicit: explicit)
            }
            // A separable program's first stage reads the previous program's outputs: its inputs by the same rule.
            let first = separableStages.flatMap { stages in pipeline.first { stages.contains($0.stage) }?.stage }
            func inputSlots(_ m: SPIRVModule, _ stage: ShaderStage, patch: Bool = false) -> [String: Int]? {
                guard first == stage, stage != .vertex else { return nil }
                let explicit = explicitVaryingKeys(sourcesByStage[stage] ?? [], storage: "in")
                return separableVaryingSlots(m, storage: 1, perVertex: stage.readsVertexArrays && !patch, patch: patch, explicit: explicit)
            }
            let vertexVaryings = outputSlots(vm, .vertex)
            let controlVaryings = tcm.map { outputSlots($0, .tessControl, perVertex: true) }
            let patchSlots = tcm.map { outputSlots($0, .tessControl, patch: true) }
            let evaluationVaryings = tem.map { outputSlots($0, .tessEvaluation) }
            let geometryVaryings = gm.map { outputSlots($0, .geometry) }
            let attributeLocations = assignAttributeLocations(vm, attributeBindings)
            // Shader storage blocks: one BUFFER numbering for every stage (StorageBlockLayout).
            var storage = TGSIStorageState()
            storage.slots = StorageBlockLayout.assign(
                pipeline.map(\.module), sources: vertexUnits + tessControlUnits + tessEvaluationUnits + geometryUnits + fragmentUnits)
            if let e = StorageBlockLayout.checkInterfaces(pipeline.map(\.module)) { return .failure(e) }
            if let e = StorageBlockLayout.checkImplicitSizes(
                pipeline.map(\.module), sources: vertexUnits + tessControlUnits + tessEvaluationUnits + geometryUnits + fragmentUnits) { return .failure(e) }
            let boolMembers = GLSLBoolMembers.collect(vertexUnits + tessControlUnits + tessEvaluationUnits + geometryUnits + fragmentUnits)
            var vt = TGSITranslator(module: vm, stage: .vertex, uniforms: slots, locationOverrides: attributeLocations, varyingSlots: vertexVaryings)
            vt.storage = storage
            vt.boolMembers = boolMembers
            let vs = try vt.translate()
            var ft = TGSITranslator(
                module: fm, stage: .fragment, uniforms: slots, locationOverrides: fragDataBindings, indexOverrides: fragDataIndexBindings,
                varyingSlots: withAliases(inputSlots(fm, .fragment) ?? geometryVaryings ?? evaluationVaryings ?? vertexVaryings, aliases[.fragment]))
            ft.storage = storage
            ft.boolMembers = boolMembers
            ft.explicitlySmoothColors = Set([("gl_Color", "virglgl_FrontColor"), ("gl_SecondaryColor", "virglgl_FrontSecondaryColor")]
                .filter { colorQualifier(fragmentUnits, $0.0) == "smooth" }.map(\.1))
            let fs = try ft.translate()
            var tcs: TGSIShader?, tes: TGSIShader?
            if let tcm {
                var t = TGSITranslator(module: tcm, stage: .tessControl, uniforms: slots, varyingSlots: withAliases(inputSlots(tcm, .tessControl) ?? vertexVaryings, aliases[.tessControl]))
                t.outputVaryingSlots = controlVaryings
                t.patchSlots = patchSlots
                t.storage = storage
                t.boolMembers = boolMembers
                tcs = try t.translate()
            }
            if let tem {
                var t = TGSITranslator(
                    module: tem, stage: .tessEvaluation, uniforms: slots, varyingSlots: withAliases(inputSlots(tem, .tessEvaluation) ?? controlVaryings ?? vertexVaryings, aliases[.tessEvaluation]))
                t.outputVaryingSlots = evaluationVaryings
                t.storage = storage
                t.boolMembers = boolMembers
                t.patchSlots = inputSlots(tem, .tessEvaluation, patch: true) ?? patchSlots ?? [:]
                tes = try t.translate()
            }
            var gs: TGSIShader?
            if let gm {
                var gt = TGSITranslator(module: gm, stage: .geometry, uniforms: slots, varyingSlots: withAliases(inputSlots(gm, .geometry) ?? evaluationVaryings ?? vertexVaryings, aliases[.geometry]))
                gt.outputVaryingSlots = geometryVaryings
                gt.storage = storage
                gt.boolMembers = boolMembers
                gs = try gt.translate()
            }
            var attributes: [String: Int] = [:]
            for (id, v) in vm.variables where v.storage == 1 {
                if let name = vm.names[id], let loc = attributeLocations[name] ?? vm.decoration(id, 30)?.first.map(Int.init) {
                    attributes[name] = loc
                }
            }
            var linked = LinkedProgram(vertex: vs, fragment: fs, geometry: gs, locations: locations, constantSlots: next, attributes: attributes, log: "")
            linked.activeAttributes = activeAttributes(vm, attributes)
            linked.tessControl = tcs
            linked.tessEvaluation = tes
            linked.tessellation = tem.map { TessellationLayout(control: tcm, evaluation: $0) }
            linked.interfaces = resourceInterfaces(pipeline.filter { real($0.stage) }.map { ($0.stage, $0.module) }, sources: sourcesByStage)
            var constants = [UInt32](repeating: 0, count: 4 * max(1, next))
            for (slot, words) in initialValues {
                for (k, w) in words.enumerated() where (slot + k) * 4 + w.count <= constants.count {
                    for (c, x) in w.enumerated() { constants[(slot + k) * 4 + c] = x }
                }
            }
            linked.initialConstants = constants
            let sources = vertexUnits + tessControlUnits + tessEvaluationUnits + geometryUnits + fragmentUnits
            if let e = applySubroutines(&linked, units.merging([.fragment: fragmentUnits]) { a, _ in a }) { return .failure(e) }
            applyBindingQualifiers(&linked, sources)
            if let e = applyUniformLocations(&linked, sources) { return .failure(e) }
            switch atomicCounters(pipeline.filter { real($0.stage) }.map { ($0.stage, $0.module) }) {
            case .failure(let e): return .failure(e)
            case .success(let counters): linked.atomicCounters = counters
            }
            if let e = registerLimitError(linked) { return .failure(e) }
            return .success(linked)
        } catch let e as ShaderError {
            return .failure(ShaderError("VirglGL: \(e.description)"))
        } catch {
            return .failure(ShaderError("VirglGL: \(error)"))
        }
    }

    /// The default-block uniforms of a program's stages (`modules`, in pipeline order): their slots in constant
    /// buffer 0 (samplers: their sampler index), GL locations in order, the vec4 slots used, and the initial values
    /// of those with initializers.
    static func defaultUniforms(_ modules: [SPIRVModule])
        -> (slots: [UniformSlot], locations: [UniformLocation], next: Int, initialValues: [(slot: Int, words: [[UInt32]])])
    {
        var slots: [UniformSlot] = []
        var locations: [UniformLocation] = []
        var next = 0, samplers = 0, images = 0
        var initialValues: [(slot: Int, words: [[UInt32]])] = []
        for m in modules {
            for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == 0 {
                let name = m.names[id] ?? ""
                if let existing = slots.first(where: { $0.name == name }), let initializer = m.initializers[id],
                   !initialValues.contains(where: { $0.slot == existing.slot }) {
                    // A uniform declared in several stages with an initializer in a later one (GLSL 1.20 §4.3.5:
                    // the initializer is the link-time value in every stage).
                    initialValues.append((existing.slot, constantSlots(m, initializer)))
                }
                guard !slots.contains(where: { $0.name == name || $0.name == name + "[0]" }), case .pointer(_, let type)? = m.types[v.type] else { continue }
                if let kind = imageKind(m, type) ?? (TGSITranslator.arrayDimensions(m, type).flatMap { imageKind(m, $0.1) }) {
                    // Image uniforms (and arrays of them, name[i]…): one image slot each, numbered across the program.
                    let suffixes = TGSITranslator.arrayDimensions(m, type).map { TGSITranslator.elementSuffixes($0.0) } ?? [""]
                    for suffix in suffixes {
                        slots.append(UniformSlot(name: name + suffix, kind: kind, components: 1, columns: 1, count: 1, slot: images))
                        locations.append(UniformLocation(name: name + suffix, kind: kind, components: 1, columns: 1, slot: images))
                        images += 1
                    }
                    continue
                }
                if let kind = samplerKind(m, type) {
                    slots.append(UniformSlot(name: name, kind: kind, components: 1, columns: 1, count: 1, slot: samplers))
                    locations.append(UniformLocation(name: name, kind: kind, components: 1, columns: 1, slot: samplers))
                    samplers += 1
                    continue
                }
                if let (dims, element) = TGSITranslator.arrayDimensions(m, type), let kind = samplerKind(m, element) {
                    // A sampler array (of arrays: ARB_arrays_of_arrays): one sampler per element, name[i][j]….
                    for suffix in TGSITranslator.elementSuffixes(dims) {
                        slots.append(UniformSlot(name: name + suffix, kind: kind, components: 1, columns: 1, count: 1, slot: samplers))
                        locations.append(UniformLocation(name: name + suffix, kind: kind, components: 1, columns: 1, slot: samplers))
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
                // Samplers inside structs (`uniform S s;` with `sampler2D tex;`): each one a sampler uniform of its
                // own (`s.tex`, `arr[1].tex`), its CONST slot left unused.
                for (leaf, kind) in samplerLeaves(m, type, name) {
                    if let k = locations.firstIndex(where: { $0.name == leaf }) {
                        locations[k] = UniformLocation(name: leaf, kind: kind, components: 1, columns: 1, slot: samplers)
                    }
                    slots.append(UniformSlot(name: leaf, kind: kind, components: 1, columns: 1, count: 1, slot: samplers))
                    samplers += 1
                }
                next += size
            }
        }
        return (slots, locations, next, initialValues)
    }

    /// The vertex inputs as glGetActiveAttrib lists them, in location order: the lowered compatibility inputs under
    /// their `gl_` names, arrays with their element count.
    static func activeAttributes(_ m: SPIRVModule, _ locations: [String: Int]) -> [ActiveAttribute] {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        var out: [ActiveAttribute] = []
        // Active inputs only: those an instruction refers to (glslang keeps unused declarations).
        var referenced = Set<UInt32>()
        for body in m.functions.values { for inst in body { referenced.formUnion(inst.operands) } }
        for (id, v) in m.variables where v.storage == 1 && m.decoration(id, 11) == nil && referenced.contains(id) {
            guard let name = m.names[id], let location = locations[name], case .pointer(_, var type)? = m.types[v.type] else { continue }
            var size = 1
            if case .array(let e, let n)? = m.types[type] {
                type = e
                size = n
            }
            let glName = name.hasPrefix("virglgl_") ? "gl_" + name.dropFirst(8) : name
            out.append(ActiveAttribute(name: glName, type: t.glType(type), size: size, location: location))
        }
        return out.sorted { ($0.location, $0.name) < ($1.location, $1.name) }
    }

    /// The most uniform locations a program may use (GL_MAX_UNIFORM_LOCATIONS).
    public static let maxUniformLocations = 1024

    /// Explicit uniform locations (`layout(location = N) uniform`, GL_ARB_explicit_uniform_location): the
    /// location table, with the uniform's leaves (array elements, struct members) at N, N + 1, … and the other
    /// uniforms in the free locations in order. A link error when two uniforms' locations overlap or one is past
    /// GL_MAX_UNIFORM_LOCATIONS.
    static func applyUniformLocations(_ linked: inout LinkedProgram, _ sources: [String]) -> ShaderError? {
        var explicit: [String: Int] = [:]
        for source in sources {
            for (name, location) in GLSLBindingLayout.explicitUniformLocations(source) {
                if let other = explicit[name], other != location {
                    return ShaderError("error: uniform \(name) has locations \(other) and \(location) in different shaders")
                }
                explicit[name] = location
            }
        }
        guard !explicit.isEmpty else { return nil }
        var table: [Int] = []
        var placed = Set<Int>()
        for (name, first) in explicit.sorted(by: { $0.value < $1.value }) {
            let leaves = linked.locations.indices.filter {
                let n = linked.locations[$0].name
                return n == name || n.hasPrefix(name + "[") || n.hasPrefix(name + ".")
            }
            for (k, index) in leaves.enumerated() {
                let location = first + k
                guard location < maxUniformLocations else {
                    return ShaderError("error: uniform \(name) needs location \(location), past GL_MAX_UNIFORM_LOCATIONS (\(maxUniformLocations))")
                }
                if location >= table.count { table += [Int](repeating: -1, count: location - table.count + 1) }
                guard table[location] == -1 else {
                    return ShaderError("error: uniform \(name) overlaps \(linked.locations[table[location]].name) at location \(location)")
                }
                table[location] = index
                placed.insert(index)
            }
        }
        var next = 0
        for index in linked.locations.indices where !placed.contains(index) {
            while next < table.count, table[next] != -1 { next += 1 }
            if next == table.count { table.append(-1) }
            table[next] = index
        }
        linked.locationTable = table
        return nil
    }

    /// Binding qualifiers (`GLSLBindingLayout`): blocks start at their explicit binding point or 0 (glslang's
    /// automatic bindings are not the program's), samplers at their explicit unit.
    static func applyBindingQualifiers(_ linked: inout LinkedProgram, _ sources: [String]) {
        var explicit: [String: Int] = [:]
        for source in sources {
            explicit.merge(GLSLBindingLayout.explicitBindings(source)) { first, _ in first }
        }
        // An element of a block array (`Block[k]`, `Block[j][k]`) is at the array's binding + its row-major index,
        // which is its place among the array's elements (listed in that order).
        func bind(_ blocks: inout [UniformBlockInfo]) {
            var seen: [String: Int] = [:]
            for k in blocks.indices {
                let name = blocks[k].name
                if let b = explicit[name] { blocks[k].binding = b; continue }
                guard name.hasSuffix("]"), let open = name.firstIndex(of: "[") else { blocks[k].binding = 0; continue }
                let base = String(name[..<open])
                let index = seen[base, default: 0]
                seen[base] = index + 1
                blocks[k].binding = explicit[base].map { $0 + index } ?? 0
            }
        }
        bind(&linked.vertex.blocks)
        bind(&linked.fragment.blocks)
        if var c = linked.compute {
            bind(&c.shader.blocks)
            linked.compute = c
        }
        for path in [\LinkedProgram.geometry, \.tessControl, \.tessEvaluation] {
            guard var g = linked[keyPath: path] else { continue }
            bind(&g.blocks)
            linked[keyPath: path] = g
        }
        linked.samplerBindings = explicit.filter { name, _ in
            linked.locations.contains {
                switch $0.kind {
                case .sampler, .image: return $0.name == name || $0.name == name + "[0]"
                default: return false
                }
            }
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

    /// The uniform kind of a sampler type (OpTypeSampledImage): its TGSI target and return type; nil for others.
    static func samplerKind(_ m: SPIRVModule, _ type: UInt32) -> UniformSlot.Kind? {
        guard case .sampledImage(let image)? = m.types[type], case .image(let dim, let arrayed, let ms, let sampledType)? = m.types[image] else {
            return nil
        }
        let returns: String
        switch m.types[sampledType] {
        case .int(let signed)?: returns = signed ? "SINT" : "UINT"
        default: returns = "FLOAT"
        }
        return .sampler(target: TGSITranslator.target(dim: dim, arrayed: arrayed, multisampled: ms), returns: returns)
    }

    /// The samplers inside a struct (or array of structs) uniform, by GL name, with their kinds.
    static func samplerLeaves(_ m: SPIRVModule, _ type: UInt32, _ name: String) -> [(String, UniformSlot.Kind)] {
        switch m.types[type] {
        case .array(let e, let n)?:
            return (0..<n).flatMap { samplerLeaves(m, e, "\(name)[\($0)]") }
        case .structure(let members)?:
            return members.enumerated().flatMap { k, member -> [(String, UniformSlot.Kind)] in
                let memberName = "\(name).\(m.memberNames[type]?[k] ?? "m\(k)")"
                if let kind = samplerKind(m, member) { return [(memberName, kind)] }
                if let (dims, e) = TGSITranslator.arrayDimensions(m, member), let kind = samplerKind(m, e) {
                    return TGSITranslator.elementSuffixes(dims).map { (memberName + $0, kind) }
                }
                return samplerLeaves(m, member, memberName)
            }
        default:
            return []
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
