import GLRegistry

/// The driver's state tables from `Registry/gl-state.xml`.
extension Generator {
    func stateTablesFile() -> String {
        let state = input.state
        var s = """
            import GLCore

            extension GLState {
                /// Switches capability `cap`; marks its state group dirty when the value changes. False when `cap`
                /// is not a capability this driver has.
                mutating func setCapability(_ cap: GLenum, _ on: Bool) -> Bool {
                    switch cap {

            """
        for c in state.capabilities {
            let dirty = c.group == "none" ? "" : " dirty.insert(.\(c.group))"
            s += "        case \(c.cap):\n"
            if let bit = c.bit {
                s += "            let bits: UInt8 = on ? \(c.field) | \(1 << bit) : \(c.field) & ~\(1 << bit)\n"
                s += "            if bits != \(c.field) { \(c.field) = bits;\(dirty) }\n"
            } else if c.field.contains("[]") {
                let parts = c.field.components(separatedBy: "[]")
                s += "            for i in \(parts[0]).indices where \(parts[0])[i]\(parts[1]) != on {\n"
                s += "                \(parts[0])[i]\(parts[1]) = on\n"
                if !dirty.isEmpty { s += "               \(dirty)\n" }
                s += "            }\n"
            } else {
                s += "            if \(c.field) != on { \(c.field) = on;\(dirty) }\n"
            }
        }
        s += """
                    default: return false
                    }
                    return true
                }

                /// The value of capability `cap` (index 0 of an indexed one); nil when `cap` is not a capability.
                func capability(_ cap: GLenum) -> Bool? {
                    switch cap {

            """
        for c in state.capabilities {
            if let bit = c.bit {
                s += "        case \(c.cap): return \(c.field) & \(1 << bit) != 0\n"
            } else {
                s += "        case \(c.cap): return \(c.field.replacingOccurrences(of: "[]", with: "[0]"))\n"
            }
        }
        s += """
                    default: return nil
                    }
                }

                /// The value of glGet parameter `pname`; nil when the driver has no such parameter.
                func query(_ pname: GLenum) -> GLQueryValue? {
                    switch pname {

            """
        for q in state.queries {
            s += "        case \(enumCase(q.pname)): return \(queryExpression(q))\n"
        }
        s += "        default: return nil\n        }\n    }\n}\n"
        return s
    }

    /// A `case` label for an enum: its GLCore constant, or for an extension's enum GL 4.6 does not have (GLCore
    /// declares GL 4.6 only) its value with the name in a comment.
    private func enumCase(_ name: String) -> String {
        guard !Set(api.compatibility.enums).contains(name), let e = input.registry.enums[name] else { return name }
        return "\(constant(e).1) /* \(name) */"
    }

    private func queryExpression(_ q: StateDescription.Query) -> String {
        if let custom = q.custom { return "\(custom)()" }
        let field = q.field!
        let (kind, convert): (String, String) = {
            switch q.type {
            case "bool": return ("bools", "$0")
            case "int": return ("ints", "Int64($0)")
            case "uint": return ("ints", "Int64(Int32(bitPattern: $0))")
            case "enum": return ("enums", "$0")
            case "float": return ("floats", "Double($0)")
            default: return ("doubles", "Double($0)")
            }
        }()
        if q.count == 1 {
            return ".\(kind)([\(convert.replacingOccurrences(of: "$0", with: field))])"
        }
        return convert == "$0" ? ".\(kind)(\(field))" : ".\(kind)(\(field).map { \(convert) })"
    }
}
