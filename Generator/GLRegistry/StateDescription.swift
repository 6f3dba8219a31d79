import CLibXML2
import Foundation

/// `Registry/gl-state.xml`: VirglGL's own description of GL state — the glEnable capabilities and the glGet
/// parameters — that the generator turns into the driver's state tables.
public struct StateDescription: Sendable, Equatable {
    /// A capability of glEnable/glDisable/glIsEnabled.
    public struct Capability: Sendable, Equatable {
        public var cap: String
        /// Path into GLState; `[]` marks an array set as a whole by glEnable (and read at index 0).
        public var field: String
        /// For a bit in a bitfield: its index.
        public var bit: Int?
        /// The pipeline state group made dirty (`none` for query-only state).
        public var group: String
    }

    /// A glGet parameter.
    public struct Query: Sendable, Equatable {
        public var pname: String
        /// bool, int, enum, float or double: the type the spec gives the state; uint is a 32-bit mask that
        /// integer queries return bit for bit (all ones reads as -1).
        public var type: String
        public var count: Int
        /// Path into GLState, or nil when `custom` names a hand-written method.
        public var field: String?
        public var custom: String?
    }

    public var capabilities: [Capability] = []
    public var queries: [Query] = []

    public static let types: Set<String> = ["bool", "int", "uint", "enum", "float", "double"]

    public init(xml: Data, name: String = "gl-state.xml") throws {
        try withXMLRoot(xml, name: name, root: "glstate") { root in
        for section in root.children {
            for item in section.children {
                switch item.name {
                case "enable":
                    guard let cap = item["cap"], let field = item["field"], let group = item["group"] else {
                        throw RegistryError("\(name): <enable> needs cap, field and group")
                    }
                    capabilities.append(Capability(cap: cap, field: field, bit: item["bit"].flatMap { Int($0) }, group: group))
                case "get":
                    guard let pname = item["pname"], let type = item["type"], Self.types.contains(type),
                        (item["field"] == nil) != (item["custom"] == nil)
                    else {
                        throw RegistryError("\(name): <get \(item["pname"] ?? "?")> needs pname, a type in \(Self.types.sorted()) and one of field/custom")
                    }
                    queries.append(Query(pname: pname, type: type, count: Int(item["count"] ?? "1") ?? 1, field: item["field"], custom: item["custom"]))
                default:
                    throw RegistryError("\(name): unexpected <\(item.name)>")
                }
            }
        }
        }
    }

    /// Problems against the registry: unknown or duplicated names.
    public func check(against registry: Registry) -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for c in capabilities {
            if registry.enums[c.cap] == nil { problems.append("gl-state.xml: capability \(c.cap) is not a GL enum") }
            if !seen.insert("enable " + c.cap).inserted { problems.append("gl-state.xml: capability \(c.cap) listed twice") }
        }
        for q in queries {
            if registry.enums[q.pname] == nil { problems.append("gl-state.xml: query \(q.pname) is not a GL enum") }
            if !seen.insert("get " + q.pname).inserted { problems.append("gl-state.xml: query \(q.pname) listed twice") }
        }
        return problems
    }
}
