/// Groups that `GLenum`/`GLbitfield` parameters name but that no enum belongs to. Each one is listed here on
/// purpose; a new name that shows up unexplained is a registry change to review. (Groups on integer, float,
/// boolean and pointer parameters describe meaning, not a set of enums, and are not checked.)
public let knownMemberlessGroups: Set<String> = []

/// The parameter types whose `group=` must name a group of enums.
public let enumParameterTypes: Set<String> = ["GLenum", "GLbitfield"]

extension Registry {
    /// Problems that make the registry unfit to generate from. Empty when all is well.
    ///
    /// Checks, for the commands and enums of `set`: every required command and enum exists; every command's
    /// alias exists; every group a `GLenum`/`GLbitfield` parameter of a selected command names has members, or is one of
    /// `knownMemberlessGroups`.
    public func validate(_ set: APISet) -> [String] {
        var problems: [String] = []
        for name in set.commands where commands[name] == nil { problems.append("required command \(name) is not declared") }
        for name in set.enums where enums[name] == nil { problems.append("required enum \(name) is not declared") }
        for name in set.commands {
            guard let c = commands[name] else { continue }
            if let a = c.alias, commands[a] == nil { problems.append("\(name) aliases undeclared \(a)") }
            for p in c.params {
                guard let g = p.group, let t = p.type.ptype, enumParameterTypes.contains(t) else { continue }
                if groups[g] == nil && !knownMemberlessGroups.contains(g) {
                    problems.append("\(name)(\(p.name)) names group \(g), which has no members")
                }
            }
        }
        for name in set.types where !types.contains(where: { $0.name == name }) {
            problems.append("required type \(name) is not declared")
        }
        return problems
    }
}
