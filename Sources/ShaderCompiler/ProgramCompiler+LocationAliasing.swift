/// Link-time rules of GL_ARB_enhanced_layouts (GLSL 4.40 §4.4.1) for varyings that share locations:
/// - variables of one stage's interface in the same location (in different components) must have the same
///   numerical type (floating point or integer, 32-bit or 64-bit) and the same interpolation and auxiliary
///   storage qualifiers;
/// - a varying declared with a location meets the next stage's input of the same location and component, whatever
///   their names (GL 4.6 §7.4.1).
extension ProgramCompiler {
    /// The numerical type class of a location's components: a float and an int may not alias, nor a double and a
    /// float (a signed and an unsigned integer may).
    static func numericClass(_ kind: Character) -> String {
        switch kind {
        case "d": return "64-bit floating-point"
        case "f": return "floating-point"
        default: return "integer"
        }
    }

    /// Checks the user inputs (not of a vertex stage) and outputs (not of a fragment stage) of `m` for aliases
    /// of different numerical types or qualifiers; the first problem as a link error. Only the varyings `sources`
    /// declare with a location count (glslang gives the others locations of its own, which may coincide).
    static func checkLocationAliasing(_ m: SPIRVModule, _ stage: ShaderStage, _ stageName: String, sources: [String]) -> ShaderError? {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        for (storage, direction) in [(UInt32(1), "input"), (UInt32(3), "output")] {
            if (storage == 1 && stage == .vertex) || (storage == 3 && stage == .fragment) { continue }
            var byLocation: [Int: (name: String, numeric: String, qualifiers: String)] = [:]
            let explicit = explicitVaryingKeys(sources, storage: storage == 1 ? "in" : "out")
            for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == storage {
                guard m.decoration(id, 11) == nil, let location = m.decoration(id, 30)?.first.map(Int.init),
                      case .pointer(_, var type)? = m.types[v.type], let name = m.names[id], !name.isEmpty,
                      !name.hasPrefix("gl_"), !name.hasPrefix("virglgl_") else { continue }
                let patch = m.decoration(id, 15) != nil
                let perVertex = !patch && (storage == 1 ? stage.readsVertexArrays : stage == .tessControl)
                if perVertex, case .array(let e, _)? = m.types[type] { type = e }
                var element = type, count = 1
                while case .array(let e, let n)? = m.types[element] { (element, count) = (e, count * n) }
                if case .structure? = m.types[element] { continue }
                guard explicit.contains(TGSITranslator.varyingKey(m, id, pointee: type) ?? "") else { continue }
                let numeric = numericClass(t.kind(element))
                let qualifiers = [(14, "flat"), (13, "noperspective"), (16, "centroid"), (17, "sample"), (15, "patch")]
                    .filter { m.decoration(id, UInt32($0.0)) != nil }.map(\.1).joined(separator: " ")
                for loc in location..<(location + count * t.slots(element)) {
                    guard let other = byLocation[loc] else {
                        byLocation[loc] = (name, numeric, qualifiers)
                        continue
                    }
                    if other.numeric != numeric {
                        return ShaderError("error: \(stageName) \(direction)s \(other.name) (\(other.numeric)) and \(name) (\(numeric)) share location \(loc): aliases need the same numerical type")
                    }
                    if other.qualifiers != qualifiers {
                        return ShaderError("error: \(stageName) \(direction)s \(other.name) and \(name) share location \(loc) with different interpolation or storage qualifiers")
                    }
                }
            }
        }
        return nil
    }

    /// The consumer's inputs declared with a location that match the producer's output of the same location and
    /// component under another name: consumer key → producer key (both by `TGSITranslator.varyingKey`). Inputs whose
    /// name the producer also declares meet that output by name, as before.
    static func locationAliases(
        producer: SPIRVModule, producerSources: [String], producerPerVertex: Bool,
        consumer: SPIRVModule, consumerSources: [String], consumerPerVertex: Bool
    ) -> [String: String] {
        func located(_ m: SPIRVModule, storage: UInt32, perVertex: Bool, explicit: Set<String>) -> [String: (location: UInt32, component: UInt32)] {
            var out: [String: (UInt32, UInt32)] = [:]
            for (id, v) in m.variables where v.storage == storage && m.decoration(id, 11) == nil && m.decoration(id, 15) == nil {
                guard case .pointer(_, var type)? = m.types[v.type], let location = m.decoration(id, 30)?.first else { continue }
                if perVertex, case .array(let e, _)? = m.types[type] { type = e }
                guard let key = TGSITranslator.varyingKey(m, id, pointee: type), explicit.contains(key) else { continue }
                // Blocks and structs meet by location only where the link renamed a same-named input
                // (GLSLLocatedInterfaceNames); outputs of those kinds are the places such inputs meet.
                if case .structure? = m.types[type], storage == 1, !GLSLLocatedInterfaceNames.isRenamed(key) { continue }
                out[key] = (location, m.decoration(id, 31)?.first ?? 0)
            }
            return out
        }
        let outputs = located(producer, storage: 3, perVertex: producerPerVertex, explicit: explicitVaryingKeys(producerSources, storage: "out")
            .union(GLSLLocatedInterfaceNames.locatedKeys(producerSources, storage: "out")))
        let inputs = located(consumer, storage: 1, perVertex: consumerPerVertex, explicit: explicitVaryingKeys(consumerSources, storage: "in")
            .union(GLSLLocatedInterfaceNames.locatedKeys(consumerSources, storage: "in").map { $0 + GLSLLocatedInterfaceNames.marker }))
        var aliases: [String: String] = [:]
        for (key, place) in inputs where outputs[key] == nil {
            let matches = outputs.filter { $0.value == place }.map(\.key)
            if matches.count == 1 { aliases[key] = matches[0] }
        }
        return aliases
    }

    /// `slots` (a stage's input slots by producer key) with the consumer's location aliases added.
    static func withAliases(_ slots: [String: Int]?, _ aliases: [String: String]?) -> [String: Int]? {
        guard var slots, let aliases else { return slots }
        for (input, output) in aliases { if let s = slots[output] { slots[input] = s } }
        return slots
    }
}
