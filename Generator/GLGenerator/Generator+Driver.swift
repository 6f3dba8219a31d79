import GLRegistry

/// The `GLDriver` module's generated files: exported entry points, the dispatch table, the proc table.
extension Generator {
    /// The Swift closure type a dispatch slot holds: the context, then the command's parameters.
    func slotType(_ c: Command) throws -> String {
        let sig = try signature(c)
        return "(GLContext\(sig.params.map { ", " + $0.type }.joined())) -> \(sig.result)"
    }

    /// A parameter the entry point checks before anything else.
    struct ValidatedParam {
        var name: String
        var group: String
        /// A bitmask group: any bit outside it is GL_INVALID_VALUE. Otherwise an enum group: a value outside
        /// it is GL_INVALID_ENUM.
        var isBitmask: Bool
    }

    /// The validated groups of a command's parameters, in parameter order.
    func validatedParams(_ c: Command) -> [ValidatedParam] {
        let validated = Set(input.validation.groups)
        return c.params.compactMap { p in
            guard p.type.isScalar, let g = input.validation.group(c.name, p.name, registryGroup: p.group), validated.contains(g) else { return nil }
            let bitmask = input.registry.groups[g]?.isBitmask == true
            switch (p.type.ptype, bitmask) {
            case ("GLenum", false): return ValidatedParam(name: swiftName(p.name), group: g, isBitmask: false)
            case ("GLbitfield", true): return ValidatedParam(name: swiftName(p.name), group: g, isBitmask: true)
            default: return nil
            }
        }
    }

    /// One shard of entry points, and the function that gives their addresses. The addresses are taken in the
    /// file that defines the functions: taken elsewhere, Swift emits the `@_cdecl` symbol a second time.
    /// Commands whose result on a GL error is not zero (GL 4.6, 4.1.1: ClientWaitSync returns WAIT_FAILED).
    static let errorResults: [String: String] = ["glClientWaitSync": "GL_WAIT_FAILED"]

    func entryPointShard(_ shard: ArraySlice<Command>, index: Int) throws -> String {
        var s = "import GLCore\n\n"
        s += "/// The address of an entry point of this shard (commands \(shard.startIndex)..<\(shard.endIndex)).\n"
        s += "func entryPointAddress\(twoDigits(index))(_ command: GLCommand) -> UnsafeRawPointer {\n"
        s += "    switch command {\n"
        for c in shard {
            s += "    case .\(c.name): return unsafeBitCast(\(c.name) as \(pfnName(c)), to: UnsafeRawPointer.self)\n"
        }
        s += "    default: preconditionFailure(\"\\(command.name) is not in shard \(twoDigits(index))\")\n    }\n}\n"
        for c in shard {
            let sig = try signature(c)
            let params = sig.params.map { "_ \($0.name): \($0.type)" }.joined(separator: ", ")
            let args = (["context"] + sig.params.map(\.name)).joined(separator: ", ")
            let result = sig.result == "Void" ? "" : " -> \(sig.result)"
            let zero = try types.zeroValue(c.returnType)
            let bail = zero.map { "return \($0)" } ?? "return"
            // A failed parameter check returns what the spec says an error returns, where it names one.
            let errorBail = Self.errorResults[c.name].map { "return \($0)" } ?? bail
            s += "\n@_cdecl(\"\(c.name)\")\npublic func \(c.name)(\(params))\(result) {\n"
            s += "    guard let context = GLContext.current else { \(bail) }\n"
            if !coreCommands.contains(c.name) {
                s += "    guard !context.isCoreProfile else {\n"
                s += "        context.recordError(GL_INVALID_OPERATION, .\(c.name), \"not in the core profile\")\n"
                s += "        \(bail)\n    }\n"
            }
            for v in validatedParams(c) where v.isBitmask {
                s += "    guard \(v.name) & ~GLEnumGroup.mask\(v.group) == 0 else {\n"
                s += "        context.recordError(GL_INVALID_VALUE, .\(c.name), \"\(v.name) has bits outside \(v.group)\")\n"
                s += "        \(errorBail)\n    }\n"
            }
            for v in validatedParams(c) where !v.isBitmask {
                s += "    guard GLEnumGroup.is\(v.group)(\(v.name)) else {\n"
                s += "        context.recordError(GL_INVALID_ENUM, .\(c.name), \"\(v.name) \\(GLEnumNames.describe(\(v.name))) is not a \(v.group)\")\n"
                s += "        \(errorBail)\n    }\n"
            }
            s += "    guard let body = context.dispatch.\(c.name) else {\n"
            s += "        context.unimplemented(.\(c.name))\n        \(bail)\n    }\n"
            s += "    \(sig.result == "Void" ? "" : "return ")body(\(args))\n}\n"
        }
        return s
    }

    func dispatchFile() throws -> String {
        var s = """
            import GLCore

            /// One slot per GL 4.6 command. A filled slot is the driver's implementation; an empty one makes the
            /// entry point record `GL_INVALID_OPERATION` and log once. Hand-written code fills the slots it
            /// implements (`GLDispatch+Install.swift`); entry points validate the registry's enum groups first.
            public final class GLDispatch {

            """
        for c in commands {
            s += "    public var \(c.name): (\(try slotType(c)))?\n"
        }
        s += "\n    public init() {}\n\n"
        s += "    /// The commands that have an implementation.\n"
        s += "    public var implemented: [GLCommand] {\n        var r: [GLCommand] = []\n"
        for c in commands {
            s += "        if \(c.name) != nil { r.append(.\(c.name)) }\n"
        }
        s += "        return r\n    }\n}\n"
        return s
    }

    func procTableFile() -> String {
        var s = """
            import GLCore

            /// The address of each exported entry point, for `getProcAddress`.
            enum ProcTable {
                static func address(of command: GLCommand) -> UnsafeRawPointer {
                    switch command.rawValue {

            """
        for (i, shard) in shards().enumerated() {
            s += "        case \(shard.startIndex)..<\(shard.endIndex): return entryPointAddress\(twoDigits(i))(command)\n"
        }
        s += "        default: preconditionFailure(\"no shard holds \\(command.name)\")\n        }\n    }\n}\n"
        return s
    }
}
