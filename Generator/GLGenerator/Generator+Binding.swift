import GLRegistry

/// The `GLBinding` module's generated files: one typed method per GL command.
extension Generator {
    func bindingShard(_ shard: ArraySlice<Command>) throws -> String {
        var s = "import GLCore\n\nextension GLBinding {\n"
        for c in shard {
            let sig = try signature(c)
            let params = sig.params.map { "_ \($0.name): \($0.type)" }.joined(separator: ", ")
            let args = sig.params.map(\.name).joined(separator: ", ")
            let result = sig.result == "Void" ? "" : " -> \(sig.result)"
            let profile = coreCommands.contains(c.name) ? "core" : "compatibility"
            s += """

                    /// `\(c.name)` (GL 4.6 \(profile)).
                    @inlinable public func \(c.name)(\(params))\(result) {
                        unsafeBitCast(entry(.\(c.name)), to: \(pfnName(c)).self)(\(args))
                    }

                """
        }
        s += "}\n"
        return s
    }
}
