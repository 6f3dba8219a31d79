/// `component` layout qualifiers (GL_ARB_enhanced_layouts, GLSL 4.40 §4.4.1 and §4.4.2): several variables in
/// the components of one location.
///
/// - Vertex inputs: each variable's IN register reads the whole attribute at its location; the variable's
///   component offset picks its part (a load reads `.yzw` of a `component = 1` vec3).
/// - Fragment outputs: a colour (COLOR[n]) has one OUT register; the outputs whose components share it write it
///   with their write masks.
/// - Varyings between stages have a GENERIC slot of their own each (see `assignVaryingSlots`), except where the
///   program packs them into shared slots past the host's register limit (`varyingComponents`,
///   `packedVaryingArrays`; ProgramCompiler+VaryingPacking).
extension TGSITranslator {
    /// The first component of variable `id` (SPIR-V decoration Component, 0 without one).
    func component(_ id: UInt32) -> Int { Int(m.decoration(id, 31)?.first ?? 0) }

    /// The first component of varying `id` (of type `pointee`): where the program packed it
    /// (`varyingComponents`), else its own `component` qualifier.
    func varyingComponent(_ id: UInt32, _ pointee: UInt32) -> Int {
        Self.varyingKey(m, id, pointee: pointee).flatMap { varyingComponents[$0] } ?? component(id)
    }

    /// The components of one location that a value of `type` (an array's element) takes from component `first`,
    /// as a bit mask (a double takes two).
    func componentMask(_ type: UInt32, from first: Int) -> Int {
        var t = type
        while case .array(let e, _)? = m.types[t] { t = e }
        let width = min(4, compCount(t) * (kind(t) == "d" ? 2 : 1))
        return (((1 << width) - 1) << first) & 0xF
    }

    /// A fragment output whose colours (`semantics`) are already declared by outputs in other components: the OUT
    /// register it writes (nil: it declares its own), its first component and its component mask. Outputs that
    /// share components are left to the caller, which reports the overlap.
    mutating func packFragmentOutput(_ id: UInt32, _ pointee: UInt32, name: String, semantics: [Int]) throws
        -> (register: Int?, component: Int, mask: Int)
    {
        let first = component(id)
        let mask = componentMask(pointee, from: first)
        let occupied = semantics.map { fragmentColorPacking[$0] }
        guard let base = occupied.first ?? nil, fragmentColorSemantics[semantics[0]] != name,
              !["gl_FragColor", "gl_FragData"].contains(name),
              occupied.enumerated().allSatisfy({ k, o in o.map { $0.register == base.register + k && $0.mask & mask == 0 } ?? false })
        else { return (nil, first, mask) }
        for sid in semantics { fragmentColorPacking[sid]?.mask |= mask }
        return (base.register, first, mask)
    }
}

extension TGSITranslator {
    /// The registers an earlier varying of this stage declared for GENERIC slots `loc..<loc+n` of `file` ("IN"
    /// or "OUT"), when it declared all of them in order: variables in different components of the same locations
    /// share them. Nil: the slots are new (or only partly declared, and get registers of their own).
    func sharedVaryingRegister(_ file: String, _ loc: Int, _ n: Int) -> Int? {
        guard let first = varyingRegisters["\(file) \(loc)"] else { return nil }
        for k in 1..<max(1, n) where varyingRegisters["\(file) \(loc + k)"] != first + k { return nil }
        return first
    }

    /// The GENERIC slot of each register of a varying of `type` from its first: 0, 1, 2… in order, except for an
    /// interface block whose members carry locations of their own (`layout(location)` on members, GLSL 4.40
    /// §4.4.1), where each member's registers sit at its location's offset from the block's first.
    func genericOffsets(_ type: UInt32) -> [Int] {
        let n = slots(type)
        guard case .structure(let members)? = m.types[type], m.decoration(type, 2) != nil,
              let locations = m.memberDecorations[type], locations.values.contains(where: { $0[30] != nil }) else { return Array(0..<n) }
        var placed: [(location: Int, slots: Int)] = [], next = 0
        for (k, member) in members.enumerated() {
            let location = locations[k]?[30]?.first.map(Int.init) ?? next
            placed.append((location, slots(member)))
            next = location + slots(member)
        }
        let base = placed.map(\.location).min() ?? 0
        let offsets = placed.flatMap { p in (0..<p.slots).map { p.location - base + $0 } }
        // Members whose locations overlap or leave the block's span are a link error glslang reports; keep the
        // plain order for anything else.
        return Set(offsets).count == n && offsets.allSatisfy({ $0 < n }) ? offsets : Array(0..<n)
    }

    /// The outputs recorded from index `first` on belong to a variable in `component` and on of its registers:
    /// their pieces start there (what transform feedback captures).
    mutating func placeRecordedOutputs(from first: Int, component: Int) {
        guard component > 0 else { return }
        for k in first..<outputs.count {
            outputs[k].elements = outputs[k].elements.map { $0.map { p in
                var q = p
                q.startComponent += component
                return q
            } }
        }
    }
}

extension TGSITranslator {
    /// The components of each leaf of varying `id` when the program packs it as an array leaf by leaf
    /// (`packedVaryingArrays`); nil for a varying in registers of its own.
    func packedArrayWidth(_ id: UInt32, _ pointee: UInt32) -> Int? {
        Self.varyingKey(m, id, pointee: pointee).flatMap { packedVaryingArrays[$0] }
    }

    /// The registers a varying of `type` takes: its slots, or as a packed array (`width` components a leaf) its
    /// leaves four components to a register.
    func packedRegisters(_ type: UInt32, _ width: Int?) -> Int {
        guard let width else { return slots(type) }
        let perSlot = 4 / width
        return (slots(type) + perSlot - 1) / perSlot
    }

    /// An access chain into a packed varying array that reached one leaf: its register and components (the
    /// chain counted a register per leaf, as unpacked). Loads and stores of more than a leaf (a whole array or
    /// matrix) or through a variable index are not supported (the program then keeps its registers unpacked).
    func placePackedLeaf(_ p: inout Ptr) throws {
        guard let packed = p.packedLeaves else { return }
        var leaf = true
        switch m.types[p.type] {
        case .array?, .matrix?, .structure?: leaf = false
        default: break
        }
        guard leaf else { return }
        guard p.dynamic == nil, p.dynamicComponent == nil, slots(p.type) == 1 else {
            throw ShaderError("a packed varying array indexed by a variable")
        }
        let offset = p.slot - packed.base
        p.slot = packed.base + offset / packed.perSlot
        p.component += (offset % packed.perSlot) * packed.width
        p.packedLeaves = nil
    }
}
