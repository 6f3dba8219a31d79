/// `component` layout qualifiers (GL_ARB_enhanced_layouts, GLSL 4.40 §4.4.1 and §4.4.2): several variables in
/// the components of one location.
///
/// - Vertex inputs: each variable's IN register reads the whole attribute at its location; the variable's
///   component offset picks its part (a load reads `.yzw` of a `component = 1` vec3).
/// - Fragment outputs: a colour (COLOR[n]) has one OUT register; the outputs whose components share it write it
///   with their write masks.
/// - Varyings between stages need none of this: each has a GENERIC slot of its own (see `assignVaryingSlots`).
extension TGSITranslator {
    /// The first component of variable `id` (SPIR-V decoration Component, 0 without one).
    func component(_ id: UInt32) -> Int { Int(m.decoration(id, 31)?.first ?? 0) }

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
