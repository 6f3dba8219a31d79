/// What one API, version, profile and extension list make available: the input of every generated file.
public struct APISet: Sendable, Equatable {
    public var api: String
    public var version: Version
    public var profile: String?
    public var extensions: [String]
    /// Command names, sorted.
    public var commands: [String]
    /// Enum names, sorted.
    public var enums: [String]
    /// Type names, sorted.
    public var types: [String]
}

/// A selection that cannot be made.
public struct SelectionError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

extension Registry {
    /// The profiles features of `api` name in their blocks (`core`, `compatibility` for GL; none for GLES).
    public func profiles(of api: String) -> [String] {
        var seen: [String] = []
        for f in features where f.apis.contains(api) {
            for i in f.requires + f.removes {
                if let p = i.profile, !seen.contains(p) { seen.append(p) }
            }
        }
        return seen.sorted()
    }

    /// Selects what `api` at `version` with `profile` and `extensions` provides.
    ///
    /// Pure: walking the features up to `version` in version order, each one's matching `<require>`s are added
    /// and then its matching `<remove>`s taken away; then the matching `<require>`s of the named extensions are
    /// added (extensions add, they never remove).
    public func select(api: String, version: Version, profile: String?, extensions wanted: [String] = []) throws
        -> APISet
    {
        let known = profiles(of: api)
        if let profile, !known.contains(profile) {
            throw SelectionError(description: "profile '\(profile)' is not one of \(api)'s: \(known)")
        }
        if profile == nil && !known.isEmpty {
            throw SelectionError(description: "\(api) needs a profile, one of \(known)")
        }
        let chosen = features.filter { $0.apis.contains(api) && ($0.version ?? Version(0, 0)) <= version }
        guard !chosen.isEmpty else { throw SelectionError(description: "no \(api) feature at or below \(version)") }

        var commands = Set<String>(), enums = Set<String>(), types = Set<String>()
        func add(_ i: Interface) {
            commands.formUnion(i.commands)
            enums.formUnion(i.enums)
            types.formUnion(i.types)
        }
        // In version order, each feature adds, then removes (Khronos reg.py's markRequired order): a later
        // version can bring back what an earlier one removed (glGetPointerv: removed from core in 3.2,
        // required again by 4.3's KHR_debug functionality).
        for f in chosen.sorted(by: { ($0.version ?? Version(0, 0)) < ($1.version ?? Version(0, 0)) }) {
            for r in f.requires where r.matches(api: api, profile: profile) { add(r) }
            for r in f.removes where r.matches(api: api, profile: profile) {
                commands.subtract(r.commands)
                enums.subtract(r.enums)
                types.subtract(r.types)
            }
        }
        for name in wanted {
            guard let ext = self.extensions.first(where: { $0.name == name }) else {
                throw SelectionError(description: "unknown extension \(name)")
            }
            guard ext.apis.contains(api) || (api == "gl" && ext.apis.contains("glcore")) else {
                throw SelectionError(description: "extension \(name) does not support \(api)")
            }
            for r in ext.requires where r.matches(api: api, profile: profile) { add(r) }
        }
        return APISet(
            api: api, version: version, profile: profile, extensions: wanted.sorted(),
            commands: commands.sorted(), enums: enums.sorted(), types: types.sorted())
    }
}
