/// The Khronos GL registry as a Swift model: what `gl.xml` declares, before any selection.
///
/// The shape follows glad's: a feature (a GL version) and an extension are both a named set of
/// `<require>` and `<remove>` blocks, each optionally restricted to an API and a profile.
public struct Registry: Sendable {
    /// `<type>` declarations in registry order.
    public var types: [TypeDecl] = []
    /// Every `<enum>`, keyed by name. Several names may share one value.
    public var enums: [String: Enum] = [:]
    /// Enum names in the order the registry declares them (for deterministic output).
    public var enumOrder: [String] = []
    /// Enum groups, keyed by name, built from `group=` attributes on `<enum>` and `<enums>`.
    public var groups: [String: EnumGroup] = [:]
    /// Every `<command>`, keyed by name.
    public var commands: [String: Command] = [:]
    /// `<feature>` blocks (GL, GLES and GLSC versions) in registry order.
    public var features: [Feature] = []
    /// `<extension>` blocks in registry order.
    public var extensions: [Feature] = []

    public init() {}
}

/// A `<type>`: a C declaration the commands' parameters refer to.
public struct TypeDecl: Sendable, Equatable {
    public var name: String
    /// The full C text, e.g. `typedef unsigned int GLenum;`.
    public var text: String
    public var api: String?
}

/// An `<enum>`: a named constant.
public struct Enum: Sendable, Equatable {
    public var name: String
    /// The value as the registry writes it (`0x0DE1`, `-2`, `0xFFFFFFFFFFFFFFFF`).
    public var valueText: String
    /// The value as a 64-bit pattern (negative values are sign-extended).
    public var value: UInt64
    /// `u` or `ull` when the registry gives an explicit C suffix.
    public var suffix: String?
    /// The API the value is restricted to (`gl`, `gles2`…), or nil for all APIs.
    public var api: String?
    /// The groups this enum is a member of.
    public var groups: [String]
    public var alias: String?

    /// True for 64-bit constants (`ull` suffix), false for the 32-bit ones that fit GLenum/GLbitfield.
    public var is64Bit: Bool { suffix == "ull" }
}

/// A named set of enums that a parameter may take (`group="TextureTarget"`).
public struct EnumGroup: Sendable, Equatable {
    public var name: String
    /// Member enum names in registry order.
    public var members: [String] = []
    /// True when an `<enums type="bitmask">` block names this group: its members are bits to OR together.
    public var isBitmask: Bool = false
}

/// A C type as a parameter or return value uses it.
public struct CType: Sendable, Equatable {
    /// The C text without the parameter's name, whitespace-normalized (`const GLchar *const*`).
    public var text: String
    /// The `<ptype>` named in the declaration (`GLenum`), or nil for plain C types (`void`).
    public var ptype: String?

    public init(text: String, ptype: String?) {
        self.text = text
        self.ptype = ptype
    }

    /// Number of `*` in the declaration.
    public var pointerDepth: Int { text.filter { $0 == "*" }.count }
    /// True when the declaration has no pointer and is not `void`.
    public var isScalar: Bool { pointerDepth == 0 }
}

/// A `<param>` of a command.
public struct Param: Sendable, Equatable {
    public var name: String
    public var type: CType
    /// The enum group the value belongs to, if the registry says.
    public var group: String?
    /// The registry's length expression (`count`, `COMPSIZE(format,type)`…).
    public var len: String?
}

/// A `<command>`: one GL entry point.
public struct Command: Sendable, Equatable {
    public var name: String
    public var returnType: CType
    public var params: [Param]
    /// The command this one is an alias of (`glActiveTextureARB` → `glActiveTexture`).
    public var alias: String?
}

/// A `<require>` or `<remove>` block.
public struct Interface: Sendable, Equatable {
    /// Restricts the block to one API; nil matches every API.
    public var api: String?
    /// Restricts the block to one profile; nil matches every profile.
    public var profile: String?
    public var commands: [String] = []
    public var enums: [String] = []
    public var types: [String] = []

    public init(api: String? = nil, profile: String? = nil, commands: [String] = [], enums: [String] = [], types: [String] = []) {
        self.api = api
        self.profile = profile
        self.commands = commands
        self.enums = enums
        self.types = types
    }

    /// Khronos' rule (reg.py's `matchAPIProfile`): an attribute that is absent matches everything.
    public func matches(api: String, profile: String?) -> Bool {
        (self.api == nil || self.api == api) && (self.profile == nil || profile == nil || self.profile == profile)
    }
}

/// A `<feature>` (a version of an API) or an `<extension>`.
public struct Feature: Sendable, Equatable {
    public var name: String
    /// For a feature: the one API it belongs to. For an extension: every API in `supported=`.
    public var apis: [String]
    /// The version number of a feature (`4.6`); nil for an extension.
    public var version: Version?
    public var requires: [Interface] = []
    public var removes: [Interface] = []
}

/// A `major.minor` version number.
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `4.6`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major, minor)
    }

    public static func < (a: Version, b: Version) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    public var description: String { "\(major).\(minor)" }
}
