import GLRegistry

/// `Registry/enum-validation.txt`: the enum groups whose parameters the generated entry points validate, with
/// the members the GL spec allows that gl.xml's group lacks.
public struct EnumValidation: Sendable, Equatable {
    /// Group name → names added to the registry's members.
    public var additions: [String: [String]]

    /// `command.parameter` → the group the spec gives a parameter whose gl.xml group is wrong.
    public var corrections: [String: String]

    /// Groups validated, sorted.
    public var groups: [String] { additions.keys.sorted() }

    public init(additions: [String: [String]], corrections: [String: String] = [:]) {
        self.additions = additions
        self.corrections = corrections
    }

    /// The group a command's parameter is validated against: the correction, or gl.xml's.
    public func group(_ command: String, _ parameter: String, registryGroup: String?) -> String? {
        corrections["\(command).\(parameter)"] ?? registryGroup
    }

    /// Parses lines `Group [+GL_NAME…] [# comment]` and `glCommand.parameter = Group [# comment]`.
    public init(parsing text: String) throws {
        var additions: [String: [String]] = [:]
        var corrections: [String: String] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let group = words.first else { continue }
            if group.contains(".") {
                guard words.count == 3, words[1] == "=" else {
                    throw RegistryError("enum-validation.txt:\(n + 1): a correction is `glCommand.parameter = Group`")
                }
                guard corrections[group] == nil else { throw RegistryError("enum-validation.txt:\(n + 1): \(group) corrected twice") }
                corrections[group] = words[2]
                continue
            }
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
        self.corrections = corrections
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
        for (key, group) in corrections.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".").map(String.init)
            guard parts.count == 2, let c = registry.commands[parts[0]], let p = c.params.first(where: { $0.name == parts[1] }) else {
                problems.append("enum-validation.txt: \(key) names no command parameter in gl.xml")
                continue
            }
            if p.group == group { problems.append("enum-validation.txt: gl.xml already gives \(key) the group \(group); drop the correction") }
            if additions[group] == nil { problems.append("enum-validation.txt: \(key) is corrected to \(group), which is not validated") }
        }
        return problems
    }

    /// The values a validated group accepts: its registry members that are in `selected`, plus the additions.
    public func values(of group: String, registry: Registry, selected: Set<String>) -> [UInt32] {
        let names = (registry.groups[group]?.members ?? []).filter { selected.contains($0) } + (additions[group] ?? [])
        return Set(names.compactMap { registry.enums[$0].map { UInt32(truncatingIfNeeded: $0.value) } }).sorted()
    }
}
