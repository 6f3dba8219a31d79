import CLibXML2
import Foundation

/// `Registry/virgl-protocol.xml`: VirglGL's description of the virgl wire format (virglrenderer 0.10.4).
public struct ProtocolDescription: Sendable, Equatable {
    public struct EnumValue: Sendable, Equatable {
        public var name: String
        public var value: UInt32
    }

    public struct EnumType: Sendable, Equatable {
        public var name: String
        public var cPrefix: String
        public var isBitmask: Bool
        public var values: [EnumValue]
    }

    public struct BitField: Sendable, Equatable {
        public var name: String
        public var shift: Int
        public var width: Int
    }

    /// A word packed from bit fields.
    public struct PackedWord: Sendable, Equatable {
        public var name: String
        public var fields: [BitField]
    }

    /// One element of a payload.
    public enum Element: Sendable, Equatable {
        case u32(String)
        case i32(String)
        case f32(String)
        case f64(String)
        /// A packed word of the named `PackedWord` type.
        case word(String, type: String)
        /// Repeated elements: u32, f32, a struct or a packed word; `count` fixed or nil (variable).
        case array(String, of: String, count: Int?)
        /// Trailing data, padded to a word.
        case data(String)

        public var name: String {
            switch self {
            case .u32(let n), .i32(let n), .f32(let n), .f64(let n), .data(let n): return n
            case .word(let n, _), .array(let n, _, _): return n
            }
        }
    }

    public struct Struct: Sendable, Equatable {
        public var name: String
        public var elements: [Element]
    }

    /// A command's payload, or a CREATE_OBJECT payload (`isObject`).
    public struct Payload: Sendable, Equatable {
        public var name: String
        /// BIND/DESTROY_OBJECT take the object type in the header.
        public var takesObjectType: Bool
        public var elements: [Element]
    }

    /// A field of the caps structure.
    public struct CapsField: Sendable, Equatable {
        public enum Kind: String, Sendable { case u32, i32, f32, formatmask, string, skip }
        public var name: String
        public var kind: Kind
        public var count: Int
        public var bytes: Int
    }

    public var enums: [EnumType] = []
    public var words: [PackedWord] = []
    public var structs: [Struct] = []
    public var objects: [Payload] = []
    public var commands: [Payload] = []
    public var capsName = ""
    public var capsSize = 0
    public var caps: [CapsField] = []

    public init(xml: Data, name: String = "virgl-protocol.xml") throws {
        try withXMLRoot(xml, name: name, root: "virgl-protocol") { root in
        func need(_ node: XMLNode, _ attr: String) throws -> String {
            guard let v = node[attr] else { throw RegistryError("\(name): <\(node.name)> needs \(attr)") }
            return v
        }
        func number(_ text: String) throws -> UInt32 {
            let v = text.hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
            guard let v else { throw RegistryError("\(name): '\(text)' is not a number") }
            return v
        }
        func elements(_ node: XMLNode) throws -> [Element] {
            try node.children.map { e in
                let n = try need(e, "name")
                switch e.name {
                case "u32": return .u32(n)
                case "i32": return .i32(n)
                case "f32": return .f32(n)
                case "f64": return .f64(n)
                case "word": return .word(n, type: try need(e, "type"))
                case "array": return .array(n, of: try need(e, "of"), count: e["count"].flatMap { Int($0) })
                case "data": return .data(n)
                default: throw RegistryError("\(name): unexpected <\(e.name)> in <\(node.name) \(node["name"] ?? "")>")
                }
            }
        }
        for node in root.children {
            switch node.name {
            case "enum":
                let values = try node.children.map { EnumValue(name: try need($0, "name"), value: try number(try need($0, "value"))) }
                enums.append(EnumType(name: try need(node, "name"), cPrefix: node["c-prefix"] ?? "", isBitmask: node["bitmask"] == "true", values: values))
            case "word":
                let fields = try node.children.map {
                    BitField(name: try need($0, "name"), shift: Int(try need($0, "shift")) ?? -1, width: Int(try need($0, "width")) ?? -1)
                }
                words.append(PackedWord(name: try need(node, "name"), fields: fields))
            case "struct":
                structs.append(Struct(name: try need(node, "name"), elements: try elements(node)))
            case "object":
                objects.append(Payload(name: try need(node, "name"), takesObjectType: false, elements: try elements(node)))
            case "command":
                commands.append(Payload(name: try need(node, "name"), takesObjectType: node["object"] == "true", elements: try elements(node)))
            case "caps":
                capsName = try need(node, "name")
                capsSize = Int(try need(node, "size")) ?? 0
                caps = try node.children.map { f in
                    guard let kind = CapsField.Kind(rawValue: f.name) else { throw RegistryError("\(name): unexpected <\(f.name)> in <caps>") }
                    let count = Int(f["count"] ?? "1") ?? 1
                    let bytes: Int
                    switch kind {
                    case .u32, .i32, .f32: bytes = 4 * count
                    case .formatmask: bytes = 64
                    case .string, .skip: bytes = Int(try need(f, "bytes")) ?? 0
                    }
                    return CapsField(name: try need(f, "name"), kind: kind, count: count, bytes: bytes)
                }
            default:
                throw RegistryError("\(name): unexpected <\(node.name)>")
            }
        }
        }
    }

    public func enumType(_ name: String) -> EnumType? { enums.first { $0.name == name } }

    /// Byte offset of each caps field.
    public var capsOffsets: [(field: CapsField, offset: Int)] {
        var offset = 0
        return caps.map { f in
            defer { offset += f.bytes }
            return (f, offset)
        }
    }

    /// Problems: references to undefined words/structs/commands/objects, overlapping or overflowing bits, a
    /// caps layout whose size differs from the stated one.
    public func check() -> [String] {
        var problems: [String] = []
        let wordNames = Set(words.map(\.name)), structNames = Set(structs.map(\.name))
        let commandNames = Set(enumType("Command")?.values.map(\.name) ?? [])
        let objectNames = Set(enumType("ObjectType")?.values.map(\.name) ?? [])
        for w in words {
            var used: UInt64 = 0
            for f in w.fields {
                guard f.shift >= 0, f.width > 0, f.shift + f.width <= 32 else {
                    problems.append("word \(w.name): field \(f.name) does not fit 32 bits")
                    continue
                }
                let mask = ((UInt64(1) << f.width) - 1) << f.shift
                if used & mask != 0 { problems.append("word \(w.name): field \(f.name) overlaps another") }
                used |= mask
            }
        }
        func checkElements(_ owner: String, _ elements: [Element]) {
            for e in elements {
                switch e {
                case .word(_, let type) where !wordNames.contains(type):
                    problems.append("\(owner): no packed word \(type)")
                case .array(_, let of, _) where !["u32", "f32"].contains(of) && !wordNames.contains(of) && !structNames.contains(of):
                    problems.append("\(owner): no element type \(of)")
                default: break
                }
            }
        }
        for s in structs { checkElements("struct \(s.name)", s.elements) }
        for o in objects {
            if !objectNames.contains(o.name) { problems.append("object \(o.name) is not an ObjectType") }
            checkElements("object \(o.name)", o.elements)
        }
        for c in commands {
            if !commandNames.contains(c.name) { problems.append("command \(c.name) is not a Command") }
            checkElements("command \(c.name)", c.elements)
        }
        let total = caps.reduce(0) { $0 + $1.bytes }
        if total != capsSize { problems.append("caps \(capsName): fields add up to \(total) bytes, not \(capsSize)") }
        return problems
    }
}
