/// Varying packing (GL 4.6 §11.1.2.1, GLSL 1.10 §2.7): a program whose separate varyings need more GENERIC
/// registers than the host takes (`maxShaderRegisters`) must still link. VirglGL gives each varying a register of
/// its own; when the vertex → fragment interface would pass the limit, the user varyings are packed instead, as
/// `layout(location, component)` qualifiers would place them (GLSL 4.40 §4.4.1, §4.4.2): several share one
/// GENERIC slot in different components. Components that share a slot have the same basic type (float, int or
/// uint) and the same interpolation and auxiliary qualifiers (one DCL declares how the slot is interpolated); an
/// array or matrix takes one slot per element or column, all at the same component offset; a double takes two
/// components (a dvec3 or dvec4 keeps its two slots). Structs,
/// interface blocks and built-ins (the lowered gl_TexCoord[], colours…) keep whole slots of their own.
extension ProgramCompiler {
    /// A packed vertex → fragment interface: GENERIC slot and first component of each varying, by
    /// `TGSITranslator.varyingKey`.
    struct PackedVaryings {
        var slots: [String: Int]
        var components: [String: Int]
        /// Arrays (and arrays of matrices) packed leaf by leaf: the components of a leaf (1 or 2), by key.
        var arrays: [String: Int] = [:]
    }

    /// Packs the user outputs of `producer` (the vertex stage) that `slots` numbers (`assignVaryingSlots`) into
    /// shared slots; the qualifiers of the consumer's (the fragment stage's) same-named inputs count too. Nil
    /// where a varying already carries a `component` qualifier (the program places its own). `arrays`: arrays
    /// whose leaves (elements, matrix columns) take one or two components also pack their own leaves two or four
    /// to a register (only where constant indices reach every leaf: the translator refuses the rest).
    static func packVaryings(producer: SPIRVModule, consumer: SPIRVModule, slots: [String: Int], arrays: Bool = false) -> PackedVaryings? {
        let t = TGSITranslator(module: producer, stage: .vertex, uniforms: [])
        let c = TGSITranslator(module: consumer, stage: .fragment, uniforms: [])
        /// The interpolation and auxiliary qualifiers a fragment input of `key` declares.
        var inputQualifiers: [String: String] = [:]
        for (id, v) in consumer.variables where v.storage == 1 && consumer.decoration(id, 11) == nil {
            guard case .pointer(_, let type)? = consumer.types[v.type], let key = TGSITranslator.varyingKey(consumer, id, pointee: type) else { continue }
            if consumer.decoration(id, 31) != nil { return nil }
            var element = type
            while case .array(let e, _)? = consumer.types[element] { element = e }
            inputQualifiers[key] = qualifierSignature(consumer, id) + " " + String(c.kind(element))
        }
        struct Varying {
            var key: String, slot: Int, slots: Int
            /// Packable: its locations, component width and packing class (basic type and qualifiers).
            var locations = 0, width = 4, group: String?
            /// Packed leaf by leaf: the components of a leaf.
            var leafWidth: Int?
        }
        var varyings: [Varying] = []
        var seen = Set<String>()
        for (id, v) in producer.variables.sorted(by: { $0.key < $1.key }) where v.storage == 3 && producer.decoration(id, 11) == nil {
            guard case .pointer(_, let type)? = producer.types[v.type], let key = TGSITranslator.varyingKey(producer, id, pointee: type),
                  let slot = slots[key], seen.insert(key).inserted else { continue }
            if producer.decoration(id, 31) != nil { return nil }
            var item = Varying(key: key, slot: slot, slots: t.slots(type))
            var element = type, count = 1
            while case .array(let e, let n)? = producer.types[element] { (element, count) = (e, count * n) }
            let kind = t.kind(element)
            let name = producer.names[id] ?? ""
            var shaped = true
            if case .structure? = producer.types[element] { shaped = false }
            // A double takes two components; a dvec3 or dvec4 two slots (left whole).
            let width = t.compCount(element) * (kind == "d" ? 2 : 1)
            if shaped, "fiud".contains(kind), width <= 4, !name.isEmpty, !name.hasPrefix("gl_"), !name.hasPrefix("virglgl_"),
               TGSITranslator.legacyColorSemantics[name] == nil, item.slots == count * t.columns(element) {
                item.locations = item.slots
                item.width = width
                // The fragment input's qualifiers decide the slot's interpolation; an unread output packs with its own.
                item.group = inputQualifiers[key] ?? (qualifierSignature(producer, id) + " " + String(kind))
                if arrays, count > 1, width <= 2 {
                    // Leaves packed in registers of their own: a whole slot per register.
                    item.leafWidth = width
                    item.slots = (item.slots * width + 3) / 4
                    item.group = nil
                }
            }
            varyings.append(item)
        }
        // Whole slots first (in their order), then the packed varyings, widest first, each at the first run of
        // slots of its class with the same free components.
        var packed = PackedVaryings(slots: [:], components: [:])
        var next = 0
        for v in varyings.sorted(by: { $0.slot < $1.slot }) where v.group == nil {
            packed.slots[v.key] = next
            next += v.slots
            if let w = v.leafWidth { packed.arrays[v.key] = w }
        }
        var rows: [String: [(slot: Int, used: Int)]] = [:]
        for v in varyings.filter({ $0.group != nil }).sorted(by: { ($0.width, -$0.slot) > ($1.width, -$1.slot) }) {
            let group = v.group!
            var list = rows[group] ?? []
            var place: (row: Int, component: Int)?
            search: for start in list.indices where start + v.locations <= list.count {
                let run = list[start..<(start + v.locations)]
                guard zip(run, run.dropFirst()).allSatisfy({ $0.slot + 1 == $1.slot }) else { continue }
                for component in 0...(4 - v.width) {
                    let mask = ((1 << v.width) - 1) << component
                    if run.allSatisfy({ $0.used & mask == 0 }) {
                        place = (start, component)
                        break search
                    }
                }
            }
            if place == nil {
                place = (list.count, 0)
                list += (0..<v.locations).map { (next + $0, 0) }
                next += v.locations
            }
            let mask = ((1 << v.width) - 1) << place!.component
            for k in place!.row..<(place!.row + v.locations) { list[k].used |= mask }
            rows[group] = list
            packed.slots[v.key] = list[place!.row].slot
            packed.components[v.key] = place!.component
        }
        return packed
    }

    /// A varying's interpolation and auxiliary qualifiers (flat, noperspective, centroid, sample), as a string.
    static func qualifierSignature(_ m: SPIRVModule, _ id: UInt32) -> String {
        [(14, "flat"), (13, "noperspective"), (16, "centroid"), (17, "sample")].filter { m.decoration(id, UInt32($0.0)) != nil }.map(\.1)
            .joined(separator: " ")
    }

    /// Whether a vertex and fragment shader pass the host's register limits between them.
    static func exceedsVaryingRegisters(vertex: TGSIShader, fragment: TGSIShader) -> Bool {
        declaredRegisters(vertex.text, "OUT") > maxShaderRegisters || declaredRegisters(fragment.text, "IN") > maxShaderRegisters
    }
}
