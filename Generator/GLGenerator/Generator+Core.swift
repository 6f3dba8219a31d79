import GLRegistry

/// The `GLCore` module's generated files: types, enums, enum names, validated groups, the command list.
extension Generator {
    func typesFile() throws -> String {
        var s = "/// GL's C types, as `gl.xml` declares them.\n"
        for a in types.aliases {
            s += "public typealias \(a.name) = \(a.swift)\n"
        }
        return s
    }

    /// Swift's type for a constant: 64-bit ones are GLuint64, the rest GLenum (GLbitfield is the same type).
    func constant(_ e: Enum) -> (type: String, literal: String) {
        if e.is64Bit { return ("GLuint64", hex(e.value, width: 16)) }
        return ("GLenum", hex(UInt64(UInt32(truncatingIfNeeded: e.value)), width: 4))
    }

    private func hex(_ v: UInt64, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    func enumsFile() -> String {
        let r = input.registry
        let core = Set(api.core.enums)
        var s = "/// Every enum of GL 4.6 (compatibility profile, which includes core), in registry order.\n"
        s += "/// Compatibility-only values are marked; core contexts reject them where the spec says.\n"
        let selected = Set(api.compatibility.enums)
        for name in r.enumOrder where selected.contains(name) {
            let e = r.enums[name]!
            let (type, literal) = constant(e)
            let note = core.contains(name) ? "" : "  // compatibility"
            s += "public let \(name): \(type) = \(literal)\(note)\n"
        }
        return s
    }

    /// Rank of a name when several share a value: core first, then compatibility, ARB/KHR, EXT, vendors.
    private func nameRank(_ e: Enum, core: Set<String>, compatibility: Set<String>) -> Int {
        if core.contains(e.name) { return 0 }
        if compatibility.contains(e.name) { return 1 }
        if e.name.hasSuffix("_ARB") || e.name.hasSuffix("_KHR") { return 2 }
        if e.name.hasSuffix("_EXT") { return 3 }
        return 4
    }

    func enumNamesFile() -> String {
        let r = input.registry
        let core = Set(api.core.enums), compat = Set(api.compatibility.enums)
        var best: [UInt32: (rank: Int, order: Int, name: String)] = [:]
        for (order, name) in r.enumOrder.enumerated() {
            let e = r.enums[name]!
            guard e.api == nil || e.api == "gl", !e.is64Bit, e.value <= UInt64(UInt32.max) else { continue }
            let v = UInt32(e.value)
            let candidate = (rank: nameRank(e, core: core, compatibility: compat), order: order, name: name)
            if let cur = best[v], (cur.rank, cur.order) <= (candidate.rank, candidate.order) { continue }
            best[v] = candidate
        }
        let sorted = best.keys.sorted()
        var s = """
            /// Names of GL enum values for diagnostics. When several names share a value, the GL core name wins,
            /// then compatibility, then ARB/KHR, EXT and vendor names (registry order breaks ties).
            public enum GLEnumNames {
                /// The preferred name of `value`, or nil when no GL enum has that value.
                public static func name(of value: UInt32) -> String? {
                    var lo = 0, hi = values.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if values[mid] < value { lo = mid + 1 } else { hi = mid }
                    }
                    return lo < values.count && values[lo] == value ? names[lo] : nil
                }

                /// `GL_TEXTURE_2D`, or `0xDEAD` for a value no enum has.
                public static func describe(_ value: UInt32) -> String {
                    name(of: value) ?? "0x" + String(value, radix: 16, uppercase: true)
                }

                static let values: [UInt32] = [

            """
        for v in sorted { s += "        \(hex(UInt64(v), width: 4)),\n" }
        s += "    ]\n\n    static let names: [String] = [\n"
        for v in sorted { s += "        \"\(best[v]!.name)\",\n" }
        s += "    ]\n}\n"
        return s
    }

    func enumGroupsFile() -> String {
        let selected = Set(api.compatibility.enums)
        var s = """
            /// Membership tests for the enum groups that generated entry points validate
            /// (`Registry/enum-validation.txt`): the group's GL 4.6 members in gl.xml plus the audited additions.
            public enum GLEnumGroup {
                /// The groups validated at the entry points.
                public static let validated: [String] = [\(input.validation.groups.map { "\"\($0)\"" }.joined(separator: ", "))]

            """
        for g in input.validation.groups {
            let values = input.validation.values(of: g, registry: input.registry, selected: selected)
            if input.registry.groups[g]?.isBitmask == true {
                let mask = values.reduce(UInt32(0), |)
                s += "\n    /// The bits of the `\(g)` bitmask group; a value with any other bit set is GL_INVALID_VALUE.\n"
                s += "    public static let mask\(g): GLbitfield = \(hex(UInt64(mask), width: 8))\n"
                continue
            }
            s += "\n    /// True when `value` is in the `\(g)` group.\n"
            s += "    @inlinable public static func is\(g)(_ value: GLenum) -> Bool {\n"
            s += "        switch value {\n"
            var line = "        case "
            var cases: [String] = []
            for v in values {
                let item = hex(UInt64(v), width: 4)
                if line.count + item.count > 110 {
                    cases.append(line)
                    line = "            "
                }
                line += item + ", "
            }
            cases.append(line)
            s += cases.map { $0.trimmingTrailingSpace() }.joined(separator: "\n").dropLastComma() + ": return true\n"
            s += "        default: return false\n        }\n    }\n"
        }
        s += "}\n"
        return s
    }

    func commandFile() -> String {
        var s = """
            /// Every GL 4.6 command (core and compatibility profiles), sorted by name. The raw value indexes
            /// per-command tables.
            public enum GLCommand: Int, CaseIterable, Sendable {

            """
        for c in commands { s += "    case \(c.name)\n" }
        s += """

                /// The C name, e.g. `glDrawArrays`.
                public var name: String { GLCommand.names[rawValue] }

                /// True when the command is in the GL 4.6 core profile (false: compatibility profile only).
                public var isCore: Bool { GLCommand.core[rawValue] }

                /// C names, sorted (binary-searchable).
                public static let names: [String] = [

            """
        for c in commands { s += "        \"\(c.name)\",\n" }
        s += "    ]\n\n    static let core: [Bool] = [\n"
        for c in commands { s += "        \(coreCommands.contains(c.name)),  // \(c.name)\n" }
        // Extension commands the registry declares aliases of GL 4.6 commands (glGenQueriesARB → glGenQueries).
        let selected = Set(commands.map(\.name))
        let aliases = input.registry.commands.values
            .compactMap { c -> (String, String)? in
                guard !selected.contains(c.name), let a = c.alias, selected.contains(a) else { return nil }
                return (c.name, a)
            }
            .sorted { $0.0 < $1.0 }
        s += "    ]\n\n    /// Extension commands that are aliases of GL 4.6 commands (the registry's `alias`), sorted by name.\n"
        s += "    static let aliases: [(name: String, command: String)] = [\n"
        for (name, target) in aliases { s += "        (\"\(name)\", \"\(target)\"),\n" }
        s += """
                ]

                /// The command named `name`, or nil when GL 4.6 has no such command.
                public init?(name: String) {
                    var lo = 0, hi = GLCommand.names.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if GLCommand.names[mid] < name { lo = mid + 1 } else { hi = mid }
                    }
                    guard lo < GLCommand.names.count, GLCommand.names[lo] == name else { return nil }
                    self.init(rawValue: lo)
                }

                /// The command named `name`, or the GL 4.6 command an extension command `name` is an alias of.
                public init?(nameOrAlias name: String) {
                    if let c = GLCommand(name: name) {
                        self = c
                        return
                    }
                    var lo = 0, hi = GLCommand.aliases.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if GLCommand.aliases[mid].name < name { lo = mid + 1 } else { hi = mid }
                    }
                    guard lo < GLCommand.aliases.count, GLCommand.aliases[lo].name == name else { return nil }
                    self.init(name: GLCommand.aliases[lo].command)
                }
            }

            """
        return s
    }

    /// `PFNGLDRAWARRAYSPROC`: Khronos' name for a command's function-pointer type.
    func pfnName(_ c: Command) -> String { "PFN\(c.name.uppercased())PROC" }

    /// The Swift parameter types and return type of a command.
    func signature(_ c: Command) throws -> (params: [(name: String, type: String)], result: String) {
        let params = try c.params.map { (name: swiftName($0.name), type: try types.swift($0.type)) }
        return (params, try types.swift(c.returnType))
    }

    func functionTypesFile() throws -> String {
        var s = "/// The C function type of every GL 4.6 command.\n"
        for c in commands {
            let sig = try signature(c)
            s += "public typealias \(pfnName(c)) = @convention(c) (\(sig.params.map(\.type).joined(separator: ", "))) -> \(sig.result)\n"
        }
        return s
    }
}

extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func dropLastComma() -> String {
        var s = self
        if s.last == "," { s.removeLast() }
        return s
    }
}
