import GLRegistry

/// `Registry/enum-validation.txt`: the enum groups whose parameters the generated entry points validate, with
/// the members the GL spec allows that gl.xml's group lacks.
public struct EnumValidation: Sendable, Equatable {
    /// Group name → names added to the registry's members.
    public var additions: [String: [String]]

    /// Groups validated, sorted.
    public var groups: [String] { additions.keys.sorted() }

    public init(additions: [String: [String]]) { self.additions = additions }

    /// Parses lines `Group [+GL_NAME…] [# comment]`.
    public init(parsing text: String) throws {
        var additions: [String: [String]] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let group = words.first else { continue }
            var added: [String] = []
            for w in words.dropFirst() {
                guard w.hasPrefix("+"), w.count > 1 else {
                    throw RegistryError("enum-validation.txt:\(n + 1): '\(w)' is not +NAME")
                }
                added.append(String(w.dropFirst()))
            }
            guard additions[group] == nil else {
                throw RegistryError("enum-validation.txt:\(n + 1): group \(group) listed twice")
            }
            additions[group] = added
        }
        self.additions = additions
    }

    /// Problems: a group that does not exist, an addition that names no enum or is already a member.
    public func check(against registry: Registry) -> [String] {
        var problems: [String] = []
        for group in groups {
            guard let g = registry.groups[group] else {
                problems.append("enum-validation.txt: group \(group) does not exist in gl.xml")
                continue
            }
            for name in additions[group]! {
                if registry.enums[name] == nil {
                    problems.append("enum-validation.txt: \(group) +\(name) names no enum")
                } else if g.members.contains(name) {
                    problems.append("enum-validation.txt: \(group) already has \(name) in gl.xml; drop the addition")
                }
            }
        }
        return problems
    }

    /// The values a validated group accepts: its registry members that are in `selected`, plus the additions.
    public func values(of group: String, registry: Registry, selected: Set<String>) -> [UInt32] {
        let names = (registry.groups[group]?.members ?? []).filter { selected.contains($0) } + (additions[group] ?? [])
        return Set(names.compactMap { registry.enums[$0].map { UInt32(truncatingIfNeeded: $0.value) } }).sorted()
    }
}
