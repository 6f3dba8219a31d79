import GLRegistry

/// The `VirglProtocol` module's generated files, from `Registry/virgl-protocol.xml`.
struct ProtocolGenerator {
    let p: ProtocolDescription

    /// Words kept upper case in Swift names (VIRGL_CCMD_DRAW_VBO → drawVBO).
    static let acronyms: Set<String> = ["VBO", "DSA", "RT", "QBO", "TGSI", "MSAA", "GLES", "ASTC", "SRGB", "BGRA", "FB", "SO", "GBM", "SSO", "LOD", "ARB"]

    /// `DRAW_VBO` → `drawVBO`, `res_handle` → `resHandle`, `TEXTURE_2D` → `texture2D`.
    static func camel(_ name: String) -> String {
        let words = name.split(separator: "_").map(String.init)
        var out = ""
        for (i, w) in words.enumerated() {
            if i == 0 {
                out += w.lowercased()
            } else if acronyms.contains(w.uppercased()) || w.first?.isNumber == true {
                out += w.uppercased()
            } else {
                out += w.prefix(1).uppercased() + w.dropFirst().lowercased()
            }
        }
        let keywords: Set<String> = ["default", "repeat", "return", "case", "in", "is", "as", "do", "if", "for", "nil", "true", "false"]
        return keywords.contains(out) ? "`\(out)`" : out
    }

    /// `SET_VIEWPORT_STATE` → `SetViewportState`, `BlendRT` → `BlendRT`.
    static func pascal(_ name: String) -> String {
        guard name.contains("_") || name == name.uppercased() else { return name }
        return name.split(separator: "_").map { w in
            acronyms.contains(w.uppercased()) || w.first?.isNumber == true ? w.uppercased() : w.prefix(1).uppercased() + w.dropFirst().lowercased()
        }.joined()
    }

    /// Commands whose encoders are hand-written (VirglCommandBuffer+Split.swift): they split long payloads.
    static let handWritten: Set<String> = ["RESOURCE_INLINE_WRITE", "SET_CONSTANT_BUFFER"]

    static func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16, uppercase: true) }

    // MARK: Enums

    func enumsFile() -> String {
        var s = ""
        for e in p.enums {
            let type = "Virgl\(e.name)"
            if e.isBitmask {
                s += "/// \(e.cPrefix)* (bit flags).\npublic struct \(type): OptionSet, Hashable, Sendable {\n"
                s += "    public let rawValue: UInt32\n    public init(rawValue: UInt32) { self.rawValue = rawValue }\n\n"
                for v in e.values {
                    s += "    /// \(e.cPrefix)\(v.name)\n    public static let \(Self.camel(v.name)) = \(type)(rawValue: \(Self.hex(v.value)))\n"
                }
                s += "}\n\n"
            } else {
                // A value named twice (C enums allow it) is a case once and an alias after.
                var first: [UInt32: String] = [:]
                var cases: [ProtocolDescription.EnumValue] = [], aliases: [(String, String)] = []
                for v in e.values {
                    if let f = first[v.value] { aliases.append((Self.camel(v.name), f)) } else {
                        first[v.value] = Self.camel(v.name)
                        cases.append(v)
                    }
                }
                s += "/// \(e.cPrefix)* (virglrenderer 0.10.4's wire values).\npublic enum \(type): UInt32, CaseIterable, Sendable {\n"
                for v in cases { s += "    case \(Self.camel(v.name)) = \(v.value)\n" }
                for (alias, target) in aliases { s += "    /// Another name for `\(target)`.\n    public static let \(alias) = \(type).\(target)\n" }
                s += "\n    /// The C name, for messages and the disassembler.\n    public var cName: String {\n        switch self {\n"
                for v in cases { s += "        case .\(Self.camel(v.name)): return \"\(e.cPrefix)\(v.name)\"\n" }
                s += "        }\n    }\n}\n\n"
            }
        }
        return s
    }

    // MARK: Packed words and structs

    func wordsFile() -> String {
        var s = ""
        for w in p.words {
            s += "/// A packed word: \(w.fields.map { "\($0.name) (bits \($0.shift)…\($0.shift + $0.width - 1))" }.joined(separator: ", ")).\n"
            s += "public struct Virgl\(w.name): Equatable, Hashable, Sendable {\n"
            for f in w.fields { s += "    public var \(Self.camel(f.name)): UInt32 = 0\n" }
            s += "\n    public init() {}\n\n"
            s += "    /// The word on the wire; values wider than a field are cut to it.\n    public var word: UInt32 {\n        var w: UInt32 = 0\n"
            for f in w.fields {
                let mask = f.width == 32 ? "0xFFFF_FFFF" : Self.hex(UInt32((UInt64(1) << f.width) - 1))
                s += "        w |= (\(Self.camel(f.name)) & \(mask)) << \(f.shift)\n"
            }
            s += "        return w\n    }\n\n    /// Unpacks a word.\n    public init(word: UInt32) {\n"
            for f in w.fields {
                let mask = f.width == 32 ? "0xFFFF_FFFF" : Self.hex(UInt32((UInt64(1) << f.width) - 1))
                s += "        \(Self.camel(f.name)) = (word >> \(f.shift)) & \(mask)\n"
            }
            s += "    }\n}\n\n"
        }
        for st in p.structs {
            s += "/// One element of a repeated payload part: \(st.elements.map(\.name).joined(separator: ", ")).\n"
            s += "public struct Virgl\(st.name): Equatable, Hashable, Sendable {\n"
            for e in st.elements { s += "    public var \(Self.camel(e.name)): \(swiftType(e))\n" }
            s += "\n    public init(\(st.elements.map { "\(Self.camel($0.name).replacingOccurrences(of: "`", with: "")): \(swiftType($0))" }.joined(separator: ", "))) {\n"
            for e in st.elements {
                let n = Self.camel(e.name).replacingOccurrences(of: "`", with: "")
                s += "        self.\(n) = \(n)\n"
            }
            s += "    }\n\n    /// Words per element.\n    public static let wordCount = \(words(st.elements))\n\n"
            s += "    @inlinable func write(to b: VirglCommandBuffer) {\n"
            for e in st.elements { s += write(e, value: Self.camel(e.name)) }
            s += "    }\n}\n\n"
        }
        return s
    }

    func swiftType(_ e: ProtocolDescription.Element) -> String {
        switch e {
        case .u32: return "UInt32"
        case .i32: return "Int32"
        case .f32: return "Float"
        case .f64: return "Double"
        case .word(_, let type): return "Virgl\(type)"
        case .array(_, let of, _): return "[\(elementType(of))]"
        case .data: return "UnsafeRawBufferPointer"
        }
    }

    func elementType(_ of: String) -> String {
        switch of {
        case "u32": return "UInt32"
        case "f32": return "Float"
        default: return "Virgl\(of)"
        }
    }

    /// Words of the fixed part of `elements` (variable arrays and data count 0).
    func words(_ elements: [ProtocolDescription.Element]) -> Int {
        elements.reduce(0) { n, e in
            switch e {
            case .u32, .i32, .f32, .word: return n + 1
            case .f64: return n + 2
            case .array(_, let of, let count?): return n + count * elementWords(of)
            case .array, .data: return n
            }
        }
    }

    func elementWords(_ of: String) -> Int {
        p.structs.first { $0.name == of }.map { words($0.elements) } ?? 1
    }

    /// Swift that appends element `e` (value expression `value`) to command buffer `b`.
    func write(_ e: ProtocolDescription.Element, value: String, indent: String = "        ") -> String {
        switch e {
        case .u32: return "\(indent)b.append(\(value))\n"
        case .i32: return "\(indent)b.append(UInt32(bitPattern: \(value)))\n"
        case .f32: return "\(indent)b.append(\(value).bitPattern)\n"
        case .f64:
            return "\(indent)b.append(UInt32(truncatingIfNeeded: \(value).bitPattern))\n\(indent)b.append(UInt32(truncatingIfNeeded: \(value).bitPattern >> 32))\n"
        case .word: return "\(indent)b.append(\(value).word)\n"
        case .array(_, let of, let count):
            let item: String
            switch of {
            case "u32": item = "b.append(x)"
            case "f32": item = "b.append(x.bitPattern)"
            default: item = p.words.contains { $0.name == of } ? "b.append(x.word)" : "x.write(to: b)"
            }
            if let count {
                let zero = of == "u32" ? "0" : of == "f32" ? "0" : "\(elementType(of))()"
                if !["u32", "f32"].contains(of) && !p.words.contains(where: { $0.name == of }) {
                    // Fixed arrays of structs are not used by the protocol description; write what is given.
                    return "\(indent)for x in \(value).prefix(\(count)) { \(item) }\n"
                }
                return "\(indent)for i in 0..<\(count) { let x = i < \(value).count ? \(value)[i] : \(zero); \(item) }\n"
            }
            return "\(indent)for x in \(value) { \(item) }\n"
        case .data: return "\(indent)b.append(bytes: \(value))\n"
        }
    }

    // MARK: Encoders

    func encodersFile() -> String {
        var s = "extension VirglCommandBuffer {\n"
        for o in p.objects {
            s += encoder(
                name: "encodeCreate\(Self.pascal(o.name))", command: "createObject", object: Self.camel(o.name),
                doc: "CREATE_OBJECT(\(o.name))", elements: o.elements, objectParameter: false)
        }
        for c in p.commands where !Self.handWritten.contains(c.name) {
            s += encoder(
                name: "encode\(Self.pascal(c.name))", command: Self.camel(c.name), object: nil, doc: c.name,
                elements: c.elements, objectParameter: c.takesObjectType)
        }
        s += "}\n"
        return s
    }

    func encoder(name: String, command: String, object: String?, doc: String, elements: [ProtocolDescription.Element], objectParameter: Bool) -> String {
        var params = elements.map { "\(Self.camel($0.name).replacingOccurrences(of: "`", with: "")): \(swiftType($0))" }
        if objectParameter { params.insert("_ object: VirglObjectType", at: 0) }
        let fixed = words(elements)
        var length = "\(fixed)"
        for e in elements {
            switch e {
            case .array(_, let of, nil):
                let n = Self.camel(e.name)
                length += elementWords(of) == 1 ? " + \(n).count" : " + \(n).count * \(elementWords(of))"
            case .data: length += " + (\(Self.camel(e.name)).count + 3) / 4"
            default: break
            }
        }
        let obj = objectParameter ? "object" : object.map { ".\($0)" } ?? ".null"
        var s = "\n    /// VIRGL_CCMD_\(doc): \(elements.map(\.name).joined(separator: ", ")).\n"
        s += "    /// Writes nothing (and counts a dropped command) when the payload exceeds one command's length.\n"
        s += "    @inlinable @discardableResult\n    public func \(name)(\(params.joined(separator: ", "))) -> Bool {\n"
        s += "        let b = self\n"
        s += "        guard b.begin(.\(command), object: \(obj), length: \(length)) else { return false }\n"
        for e in elements {
            s += write(e, value: Self.camel(e.name).replacingOccurrences(of: "`", with: ""))
        }
        s += "        return true\n    }\n"
        return s
    }

    // MARK: Caps

    func capsFile() -> String {
        var s = "/// `virgl_caps_v2` as the host sends it (\(p.capsSize) bytes at virglrenderer 0.10.4).\n"
        s += "public struct Virgl\(p.capsName): Equatable, Sendable {\n"
        for (f, offset) in p.capsOffsets where f.kind != .skip {
            let t: String
            switch f.kind {
            case .u32: t = f.count == 1 ? "UInt32" : "[UInt32]"
            case .i32: t = "Int32"
            case .f32: t = "Float"
            case .formatmask: t = "VirglFormatMask"
            case .string: t = "String"
            case .skip: continue
            }
            s += "    /// Byte offset \(offset).\n    public var \(Self.camel(f.name)): \(t)\n"
        }
        s += "\n    /// The size of the structure this layout describes.\n    public static let size = \(p.capsSize)\n\n"
        s += "    /// Byte offset of each field, by C name.\n    public static let offsets: [String: Int] = [\n"
        for (f, offset) in p.capsOffsets { s += "        \"\(f.name)\": \(offset),\n" }
        s += "    ]\n\n"
        s += "    /// Decodes caps bytes; a shorter (older) structure leaves the missing fields zero.\n"
        s += "    public init(bytes: [UInt8]) {\n        let r = VirglCapsReader(bytes)\n"
        for (f, offset) in p.capsOffsets where f.kind != .skip {
            let n = Self.camel(f.name)
            switch f.kind {
            case .u32: s += f.count == 1 ? "        \(n) = r.u32(\(offset))\n" : "        \(n) = (0..<\(f.count)).map { r.u32(\(offset) + 4 * $0) }\n"
            case .i32: s += "        \(n) = Int32(bitPattern: r.u32(\(offset)))\n"
            case .f32: s += "        \(n) = Float(bitPattern: r.u32(\(offset)))\n"
            case .formatmask: s += "        \(n) = VirglFormatMask(words: (0..<16).map { r.u32(\(offset) + 4 * $0) })\n"
            case .string: s += "        \(n) = r.string(\(offset), \(f.bytes))\n"
            case .skip: break
            }
        }
        s += "    }\n}\n"
        return s
    }

    // MARK: Disassembler tables

    func layoutsFile() -> String {
        var s = """
            /// How the disassembler names a payload's words: fixed fields, then a repeated group or trailing data.
            public struct VirglPayloadLayout: Sendable {
                public let name: String
                public let fields: [(name: String, kind: VirglFieldKind)]
                public let repeated: [(name: String, kind: VirglFieldKind)]
                public let trailingData: Bool
            }

            /// Payload layouts by command (and CREATE_OBJECT layouts by object type).
            public enum VirglPayloadLayouts {

            """
        func flat(_ elements: [ProtocolDescription.Element]) -> (fixed: [String], repeated: [String], data: Bool) {
            var fixed: [String] = [], repeated: [String] = [], data = false
            func kind(_ of: String) -> String {
                switch of {
                case "u32": return ".u32"
                case "f32": return ".f32"
                default: return p.words.contains { $0.name == of } ? ".packed(\"\(of)\")" : ".u32"
                }
            }
            for e in elements {
                switch e {
                case .u32(let n): fixed.append("(\"\(n)\", .u32)")
                case .i32(let n): fixed.append("(\"\(n)\", .i32)")
                case .f32(let n): fixed.append("(\"\(n)\", .f32)")
                case .f64(let n): fixed.append("(\"\(n)\", .f64)")
                case .word(let n, let type): fixed.append("(\"\(n)\", .packed(\"\(type)\"))")
                case .array(let n, let of, let count?):
                    for i in 0..<count { fixed.append("(\"\(n)[\(i)]\", \(kind(of)))") }
                case .array(let n, let of, nil):
                    if let st = p.structs.first(where: { $0.name == of }) {
                        let inner = flat(st.elements)
                        repeated += inner.fixed.map { $0.replacingOccurrences(of: "(\"", with: "(\"\(n).") }
                    } else {
                        repeated.append("(\"\(n)\", \(kind(of)))")
                    }
                case .data: data = true
                }
            }
            return (fixed, repeated, data)
        }
        s += "    public static let commands: [VirglCommand: VirglPayloadLayout] = [\n"
        for c in p.commands {
            let f = flat(c.elements)
            s += "        .\(Self.camel(c.name)): VirglPayloadLayout(name: \"\(c.name)\", fields: [\(f.fixed.joined(separator: ", "))], repeated: [\(f.repeated.joined(separator: ", "))], trailingData: \(f.data)),\n"
        }
        s += "    ]\n\n    public static let objects: [VirglObjectType: VirglPayloadLayout] = [\n"
        for o in p.objects {
            let f = flat(o.elements)
            s += "        .\(Self.camel(o.name)): VirglPayloadLayout(name: \"\(o.name)\", fields: [\(f.fixed.joined(separator: ", "))], repeated: [\(f.repeated.joined(separator: ", "))], trailingData: \(f.data)),\n"
        }
        s += "    ]\n\n    /// Unpacks a packed word by type name into (field, value) pairs.\n"
        s += "    public static func unpack(_ type: String, _ word: UInt32) -> [(String, UInt32)] {\n        switch type {\n"
        for w in p.words {
            s += "        case \"\(w.name)\":\n            let v = Virgl\(w.name)(word: word)\n"
            s += "            return [\(w.fields.map { "(\"\($0.name)\", v.\(Self.camel($0.name)))" }.joined(separator: ", "))]\n"
        }
        s += "        default: return []\n        }\n    }\n}\n"
        return s
    }
}

extension Generator {
    func protocolFiles() -> [(String, String)] {
        let g = ProtocolGenerator(p: input.protocolDescription)
        return [
            ("Sources/VirglProtocol/generated/VirglEnums.swift", g.enumsFile()),
            ("Sources/VirglProtocol/generated/VirglWords.swift", g.wordsFile()),
            ("Sources/VirglProtocol/generated/VirglCommandBuffer+Encode.swift", g.encodersFile()),
            ("Sources/VirglProtocol/generated/VirglCaps.swift", g.capsFile()),
            ("Sources/VirglProtocol/generated/VirglPayloadLayouts.swift", g.layoutsFile()),
        ]
    }
}
