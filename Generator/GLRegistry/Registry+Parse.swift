import CLibXML2
import Foundation

/// Why the registry could not be read.
public struct RegistryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Registry {
    /// Reads and parses a registry file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RegistryError("cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(xml: data, name: url.lastPathComponent)
    }

    /// Parses registry XML (the bytes of a `gl.xml`).
    public init(xml: Data, name: String = "registry") throws {
        self.init()
        try withXMLRoot(xml, name: name, root: "registry") { root in
            for section in root.children {
                switch section.name {
                case "types": parseTypes(section)
                case "enums": parseEnums(section)
                case "commands": try parseCommands(section)
                case "feature": try features.append(parseFeature(section))
                case "extensions":
                    for ext in section.children where ext.name == "extension" {
                        try extensions.append(parseFeature(ext))
                    }
                default: break
                }
            }
        }
    }

    private mutating func parseTypes(_ section: XMLNode) {
        for node in section.children where node.name == "type" {
            let name = node["name"] ?? node.child("name")?.text ?? ""
            types.append(TypeDecl(name: name, text: node.text, api: node["api"]))
        }
    }

    private mutating func parseEnums(_ section: XMLNode) {
        let blockGroup = section["group"]
        let bitmask = section["type"] == "bitmask"
        if let blockGroup {
            groups[blockGroup, default: EnumGroup(name: blockGroup)].isBitmask = groups[blockGroup]?.isBitmask == true || bitmask
        }
        for node in section.children where node.name == "enum" {
            guard let name = node["name"], let valueText = node["value"] else { continue }
            let value: UInt64
            if valueText.hasPrefix("0x") || valueText.hasPrefix("0X") {
                value = UInt64(valueText.dropFirst(2), radix: 16) ?? 0
            } else {
                value = UInt64(bitPattern: Int64(valueText) ?? 0)
            }
            let memberOf = (node["group"] ?? "").split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.isEmpty }
            let e = Enum(
                name: name, valueText: valueText, value: value, suffix: node["type"], api: node["api"],
                groups: memberOf, alias: node["alias"])
            // A name may be declared once per API (e.g. a gles2-only value); keep the first for the enum
            // table and the `gl`/api-less one when both exist.
            if let existing = enums[name] {
                if existing.api != nil && existing.api != "gl" && (e.api == nil || e.api == "gl") { enums[name] = e }
            } else {
                enums[name] = e
                enumOrder.append(name)
            }
            for g in memberOf where !(groups[g]?.members.contains(name) ?? false) {
                groups[g, default: EnumGroup(name: g)].members.append(name)
            }
        }
    }

    private mutating func parseCommands(_ section: XMLNode) throws {
        for node in section.children where node.name == "command" {
            guard let proto = node.child("proto"), let name = proto.child("name")?.text else {
                throw RegistryError("a <command> has no <proto><name>")
            }
            let params = node.children.filter { $0.name == "param" }.map { p in
                Param(
                    name: p.child("name")?.text ?? "", type: Self.ctype(of: p), group: p["group"], len: p["len"])
            }
            commands[name] = Command(
                name: name, returnType: Self.ctype(of: proto), params: params, alias: node.child("alias")?["name"])
        }
    }

    /// The C type of a `<proto>` or `<param>`: its text without the trailing `<name>`.
    private static func ctype(of node: XMLNode) -> CType {
        var text = ""
        for piece in node.allChildren where piece.name != "name" {
            text += piece.text
        }
        return CType(text: normalizeC(text), ptype: node.child("ptype")?.text)
    }

    /// Collapses whitespace and writes pointers as `T *` / `*const*`.
    public static func normalizeC(_ c: String) -> String {
        var s = c.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        s = s.replacingOccurrences(of: " *", with: "*").replacingOccurrences(of: "*", with: " *")
        s = s.replacingOccurrences(of: " * *", with: " **").replacingOccurrences(of: "* const", with: "*const")
        return s.trimmingCharacters(in: .whitespaces)
    }

    private func parseFeature(_ node: XMLNode) throws -> Feature {
        guard let name = node["name"] else { throw RegistryError("a <\(node.name)> has no name") }
        let isFeature = node.name == "feature"
        let apis = (isFeature ? node["api"] : node["supported"]).map { $0.split(separator: "|").map(String.init) } ?? []
        var feature = Feature(name: name, apis: apis, version: isFeature ? node["number"].flatMap(Version.init) : nil)
        for block in node.children where block.name == "require" || block.name == "remove" {
            var interface = Interface(api: block["api"], profile: block["profile"])
            for item in block.children {
                guard let itemName = item["name"] else { continue }
                switch item.name {
                case "command": interface.commands.append(itemName)
                case "enum": interface.enums.append(itemName)
                case "type": interface.types.append(itemName)
                default: break
                }
            }
            if block.name == "require" { feature.requires.append(interface) } else { feature.removes.append(interface) }
        }
        return feature
    }
}

/// Parses XML `data` (named `name` in messages), checks that its root element is `root`, and runs `body` with
/// it; the document is freed afterwards. Shared by every registry file's reader.
func withXMLRoot<T>(_ data: Data, name: String, root: String, _ body: (XMLNode) throws -> T) throws -> T {
    let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
        raw.withMemoryRebound(to: CChar.self) { chars in
            xmlReadMemory(
                chars.baseAddress, Int32(chars.count), name, nil,
                Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
    }
    guard let doc else { throw RegistryError("\(name): not well-formed XML") }
    defer { xmlFreeDoc(doc) }
    guard let node = xmlDocGetRootElement(doc), XMLNode(node).name == root else {
        throw RegistryError("\(name): the root element is not <\(root)>")
    }
    return try body(XMLNode(node))
}

/// A thin, read-only view of a libxml2 node.
struct XMLNode {
    let ptr: xmlNodePtr

    init(_ ptr: xmlNodePtr) { self.ptr = ptr }

    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Element children only.
    var children: [XMLNode] { allChildren.filter { $0.ptr.pointee.type == XML_ELEMENT_NODE } }

    /// Element and text children, in document order.
    var allChildren: [XMLNode] {
        var out: [XMLNode] = []
        var cur = ptr.pointee.children
        while let c = cur {
            if c.pointee.type == XML_ELEMENT_NODE || c.pointee.type == XML_TEXT_NODE { out.append(XMLNode(c)) }
            cur = c.pointee.next
        }
        return out
    }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// All text inside the node.
    var text: String {
        guard let s = xmlNodeGetContent(ptr) else { return "" }
        defer { xmlFree(s) }
        return String(cString: s)
    }

    subscript(attribute: String) -> String? {
        guard let v = xmlGetProp(ptr, attribute) else { return nil }
        defer { xmlFree(v) }
        return String(cString: v)
    }
}
