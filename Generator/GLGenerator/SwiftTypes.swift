import GLRegistry

/// How registry C types become Swift types.
struct SwiftTypes {
    /// C base types (after `typedef`) and the Swift type each one is. The khronos_* names are
    /// `KHR/khrplatform.h`'s fixed-width types.
    static let cBaseTypes: [String: String] = [
        "void": "Void", "char": "CChar", "unsigned char": "UInt8", "signed char": "Int8",
        "short": "Int16", "unsigned short": "UInt16", "int": "Int32", "unsigned int": "UInt32",
        "float": "Float", "double": "Double",
        "khronos_int8_t": "Int8", "khronos_uint8_t": "UInt8", "khronos_int16_t": "Int16",
        "khronos_uint16_t": "UInt16", "khronos_int32_t": "Int32", "khronos_uint32_t": "UInt32",
        "khronos_int64_t": "Int64", "khronos_uint64_t": "UInt64", "khronos_float_t": "Float",
        "khronos_intptr_t": "Int", "khronos_ssize_t": "Int",
    ]

    /// A GL typedef as Swift: `typealias name = swift`.
    struct Alias {
        var name: String
        var swift: String
        /// True when the type is a pointer (GLsync, GLDEBUGPROC): parameters of it are optional in Swift.
        var isPointer: Bool
    }

    /// Aliases for every `<ptype>` the selected commands use, sorted by name.
    let aliases: [Alias]
    private let byName: [String: Alias]

    init(registry: Registry, set: APISet) throws {
        var used = Set<String>()
        for name in set.commands {
            let c = registry.commands[name]!
            for t in [c.returnType] + c.params.map(\.type) { if let p = t.ptype { used.insert(p) } }
        }
        var aliases: [Alias] = []
        var pending = used.sorted()
        var done = Set<String>()
        // GLDEBUGPROC names other GL types in its signature; resolve scalar typedefs first.
        pending.sort { a, b in (a == "GLDEBUGPROC" ? 1 : 0, a) < (b == "GLDEBUGPROC" ? 1 : 0, b) }
        var known: [String: Alias] = [:]
        for name in pending where !done.contains(name) {
            guard let decl = registry.types.first(where: { $0.name == name && ($0.api == nil || $0.api == "gl") }) else {
                throw RegistryError("type \(name) is used but not declared")
            }
            let alias = try Self.alias(for: decl, known: known)
            known[name] = alias
            aliases.append(alias)
            done.insert(name)
        }
        self.aliases = aliases.sorted { $0.name < $1.name }
        byName = known
    }

    /// Parses `typedef <base> <name>;`, `typedef struct X *<name>;` and a function-pointer typedef.
    static func alias(for decl: TypeDecl, known: [String: Alias]) throws -> Alias {
        var text = decl.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("typedef "), text.hasSuffix(";") else {
            throw RegistryError("type \(decl.name): cannot read '\(decl.text)'")
        }
        text = String(text.dropFirst("typedef ".count).dropLast())
        if let open = text.firstIndex(of: "("), text.contains("(*") || text.contains("( *") {
            // Function pointer: `void ( *GLDEBUGPROC)(GLenum source,…)`.
            let ret = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            guard let argsOpen = text.range(of: ")(")?.upperBound else {
                throw RegistryError("type \(decl.name): cannot read '\(decl.text)'")
            }
            let argList = text[argsOpen...].dropLast()
            var args: [String] = []
            for arg in argList.split(separator: ",") {
                // Drop the trailing parameter name.
                var words = arg.trimmingCharacters(in: .whitespaces)
                if let last = words.lastIndex(where: { $0 == " " || $0 == "*" }) {
                    words = String(words[...last])
                }
                let ctype = CType(text: Registry.normalizeC(words), ptype: nil)
                args.append(try swiftType(ctype, aliases: known, cBaseFallback: true))
            }
            let r = try swiftType(CType(text: ret, ptype: nil), aliases: known, cBaseFallback: true)
            return Alias(
                name: decl.name, swift: "@convention(c) (\(args.joined(separator: ", "))) -> \(r)", isPointer: true)
        }
        let base = text.replacingOccurrences(of: decl.name, with: "").trimmingCharacters(in: .whitespaces)
        if base.hasPrefix("struct ") && base.hasSuffix("*") {
            return Alias(name: decl.name, swift: "OpaquePointer", isPointer: true)
        }
        guard let swift = cBaseTypes[base] else {
            throw RegistryError("type \(decl.name): no Swift mapping for C type '\(base)'")
        }
        return Alias(name: decl.name, swift: swift, isPointer: false)
    }

    /// The Swift type of a parameter or return value.
    func swift(_ t: CType) throws -> String {
        try Self.swiftType(t, aliases: byName, cBaseFallback: false)
    }

    /// The value an unimplemented command returns.
    func zeroValue(_ t: CType) throws -> String? {
        let s = try swift(t)
        if s == "Void" { return nil }
        return s.hasSuffix("?") ? "nil" : "0"
    }

    /// `const GLchar *const*` → `UnsafePointer<UnsafePointer<GLchar>?>?`, `void *` → `UnsafeMutableRawPointer?`.
    static func swiftType(_ t: CType, aliases: [String: Alias], cBaseFallback: Bool) throws -> String {
        let segments = t.text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        let baseWords = segments[0].split(separator: " ").map(String.init)
        let baseConst = baseWords.contains("const")
        let baseName = baseWords.filter { $0 != "const" }.joined(separator: " ")
        var swift: String
        var nullable = false
        if let a = aliases[baseName] {
            swift = baseName
            nullable = a.isPointer
        } else if baseName == "void" {
            swift = "Void"
        } else if cBaseFallback, let s = cBaseTypes[baseName] {
            swift = s
        } else {
            throw RegistryError("no Swift type for '\(t.text)'")
        }
        let depth = segments.count - 1
        if depth == 0 { return nullable ? swift + "?" : swift }
        if nullable { swift += "?" }
        for level in 1...depth {
            let pointeeConst = level == 1 ? baseConst : segments[level - 1].contains("const")
            if swift == "Void" {
                swift = pointeeConst ? "UnsafeRawPointer" : "UnsafeMutableRawPointer"
            } else {
                swift = pointeeConst ? "UnsafePointer<\(swift)>" : "UnsafeMutablePointer<\(swift)>"
            }
            swift += "?"
        }
        return swift
    }
}
