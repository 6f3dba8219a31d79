/// A subroutine uniform of one stage as GL reports it (GL 4.6 §7.9).
public struct SubroutineUniformInfo: Equatable, Sendable {
    /// Its name (an array's as `name[0]`, as glGetActiveUniform names arrays).
    public var name: String
    /// The name it was declared with.
    public var baseName: String
    /// Array elements (1 for one value); an array of arrays counts every element.
    public var size: Int
    /// The array dimensions (empty for one value).
    public var dimensions: [Int]
    /// The subroutine uniform location of its first element; the others follow.
    public var location: Int
    /// The subroutine indices of the functions associated with its type, in index order.
    public var compatible: [Int]
    /// The CONST slot of the int uniform that holds each element's subroutine index (empty where glslang
    /// dropped it).
    public var slots: [Int]
}

/// The subroutines of one stage of a linked program.
public struct SubroutineStage: Equatable, Sendable {
    /// The subroutine functions, each with its subroutine index.
    public var functions: [GLSLSubroutineLowering.Function]
    /// The subroutine uniforms in index order (glGetActiveSubroutineUniformName's index).
    public var uniforms: [SubroutineUniformInfo]
    /// GL_ACTIVE_SUBROUTINE_UNIFORM_LOCATIONS: one past the highest location in use.
    public var locationCount: Int

    /// A stage without subroutines.
    public static let empty = SubroutineStage(functions: [], uniforms: [], locationCount: 0)

    /// The uniform whose elements include `location`, and the element.
    public func uniform(at location: Int) -> (uniform: SubroutineUniformInfo, element: Int)? {
        for u in uniforms where location >= u.location && location < u.location + u.size { return (u, location - u.location) }
        return nil
    }

    /// The subroutine function with subroutine index `index`.
    public func function(_ index: Int) -> GLSLSubroutineLowering.Function? { functions.first { $0.index == index } }
}

extension ProgramCompiler {
    /// Each stage's subroutines (`GLSLSubroutineLowering.declarations(stage:)` of its units): uniform locations (explicit
    /// ones as given, the others the lowest free ones in order) and the CONST slots of their lowered int uniforms,
    /// which leave the program's ordinary uniforms. A link error when explicit locations overlap.
    static func applySubroutines(_ linked: inout LinkedProgram, _ units: [ShaderStage: [String]]) -> ShaderError? {
        var lowered = Set<String>()
        for (stage, sources) in units.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let d = GLSLSubroutineLowering.declarations(stage: sources)
            let functions = d.functions, declared = d.uniforms
            guard !functions.isEmpty || !declared.isEmpty else { continue }
            // Locations: explicit first, then the lowest free run of each array's size.
            var used = Set<Int>()
            var locations = [Int?](repeating: nil, count: declared.count)
            for (k, u) in declared.enumerated() {
                guard let l = u.location else { continue }
                let range = l..<(l + u.size)
                if range.contains(where: used.contains) {
                    return ShaderError("error: subroutine uniform \(u.name) overlaps another at location \(l)")
                }
                used.formUnion(range)
                locations[k] = l
            }
            for (k, u) in declared.enumerated() where locations[k] == nil {
                var l = 0
                while (l..<(l + u.size)).contains(where: used.contains) { l += 1 }
                used.formUnion(l..<(l + u.size))
                locations[k] = l
            }
            var uniforms: [SubroutineUniformInfo] = []
            for (k, u) in declared.enumerated() {
                let name = GLSLSubroutineLowering.loweredName(u.name, stage)
                let leaves = linked.locations.filter { $0.name == name || $0.name.hasPrefix(name + "[") }.map(\.slot)
                lowered.insert(name)
                let compatible = functions.filter { $0.types.contains(u.type) }.map(\.index).sorted()
                uniforms.append(SubroutineUniformInfo(
                    name: u.dimensions.isEmpty ? u.name : u.name + "[0]", baseName: u.name, size: u.size, dimensions: u.dimensions, location: locations[k]!,
                    compatible: compatible, slots: leaves.count == u.size ? leaves : []))
            }
            if (used.max() ?? -1) >= GLSLSubroutineLowering.maxUniformLocations {
                return ShaderError("error: subroutine uniform locations past GL_MAX_SUBROUTINE_UNIFORM_LOCATIONS")
            }
            linked.subroutines[stage] = SubroutineStage(functions: functions, uniforms: uniforms, locationCount: (used.max() ?? -1) + 1)
        }
        linked.locations.removeAll { u in lowered.contains { u.name == $0 || u.name.hasPrefix($0 + "[") } }
        return nil
    }
}
