import Crypto
import Foundation
import GLRegistry

/// One file glgen writes, relative to the package root.
public struct GeneratedFile: Equatable, Sendable {
    public var path: String
    public var contents: String
}

/// The inputs of a generation run, read from `Registry/`.
public struct GeneratorInput: Sendable {
    public var registry: Registry
    /// sha256 of `Registry/gl.xml`, lowercase hex.
    public var registryDigest: String
    public var validation: EnumValidation
    public var state: StateDescription
    public var protocolDescription: ProtocolDescription

    public init(
        registry: Registry, registryDigest: String, validation: EnumValidation, state: StateDescription,
        protocolDescription: ProtocolDescription
    ) {
        self.registry = registry
        self.registryDigest = registryDigest
        self.validation = validation
        self.state = state
        self.protocolDescription = protocolDescription
    }

    /// Reads `Registry/gl.xml`, `enum-validation.txt`, `gl-state.xml` and `virgl-protocol.xml` under `root`.
    public init(root: URL) throws {
        let xmlURL = root.appendingPathComponent("Registry/gl.xml")
        let xml = try Data(contentsOf: xmlURL)
        let registry = try Registry(xml: xml, name: "gl.xml")
        let validationText = try String(
            contentsOf: root.appendingPathComponent("Registry/enum-validation.txt"), encoding: .utf8)
        let state = try StateDescription(xml: Data(contentsOf: root.appendingPathComponent("Registry/gl-state.xml")))
        let proto = try ProtocolDescription(xml: Data(contentsOf: root.appendingPathComponent("Registry/virgl-protocol.xml")))
        self.init(
            registry: registry, registryDigest: Self.sha256(xml),
            validation: try EnumValidation(parsing: validationText), state: state, protocolDescription: proto)
    }

    /// Lowercase hex sha256 of `data`.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// The folders glgen owns. `--check` also reports files in them that the table no longer produces.
public let generatedDirectories = [
    "Sources/GLCore/generated",
    "Sources/GLBinding/generated",
    "Sources/GLDriver/generated",
    "Sources/VirglProtocol/generated",
]

/// The API the driver exposes entry points for: GL 4.6, core and compatibility. The compatibility profile is a
/// superset, so its selection is the entry-point set; the core selection marks which of them core has.
public struct DriverAPI: Sendable {
    public var core: APISet
    public var compatibility: APISet

    /// Extensions whose commands are not core GL's (no core command is their alias): their entry points are
    /// generated too, in both profiles.
    public static let extensions = ["GL_ARB_shading_language_include", "GL_EXT_shader_framebuffer_fetch_non_coherent", "GL_NV_texture_barrier",
        // Listed in core contexts too (GL 3.0's integer textures): glClearColorI*EXT.
        "GL_EXT_texture_integer",
        // Enums only: the S3TC formats (GLContext+S3TC.swift).
        "GL_EXT_texture_compression_s3tc", "GL_EXT_texture_sRGB",
    ]

    public init(_ registry: Registry) throws {
        // An extension command that is the registry's alias of a command the set has (glTexParameterIivEXT) is
        // no entry point of its own: getProcAddress gives the command it aliases.
        func withoutAliases(_ set: APISet) -> APISet {
            var set = set
            let names = Set(set.commands)
            set.commands = set.commands.filter { registry.commands[$0]?.alias.map { !names.contains($0) } ?? true }
            return set
        }
        core = withoutAliases(try registry.select(api: "gl", version: Version(4, 6), profile: "core", extensions: Self.extensions))
        var compatibility = withoutAliases(try registry.select(api: "gl", version: Version(4, 6), profile: "compatibility", extensions: Self.extensions))
        // Extensions of the compatibility profile whose own commands (those that are no alias of a GL 4.6 command)
        // and enums the driver implements too: the ARB assembly programs.
        let extra = try registry.select(api: "gl", version: Version(1, 0), profile: "compatibility", extensions: Self.compatibilityExtensions)
        let own = extra.commands.filter { registry.commands[$0]?.alias == nil && !compatibility.commands.contains($0) }
        compatibility.commands = (compatibility.commands + own).sorted()
        compatibility.enums = Array(Set(compatibility.enums).union(extra.enums)).sorted()
        self.compatibility = compatibility
    }

    /// Extensions beyond GL 4.6 compatibility whose commands get entry points: the ARB assembly programs, and
    /// the pre-GL 3.0 extensions whose commands are no alias of a core one (glBindFramebufferEXT binds names never
    /// generated; glBindBufferOffsetEXT).
    public static let compatibilityExtensions = [
        "GL_ARB_vertex_program", "GL_ARB_fragment_program", "GL_EXT_framebuffer_object",
        "GL_EXT_transform_feedback", "GL_ARB_texture_float", "GL_ARB_color_buffer_float",
    ]
}

/// Turns the registry into Swift source files.
public struct Generator {
    public let input: GeneratorInput
    let api: DriverAPI
    let types: SwiftTypes
    /// Commands of the entry-point set, sorted by name.
    let commands: [Command]
    let coreCommands: Set<String>

    /// Commands per generated shard: keeps each file a few hundred lines.
    static let shardSize = 128

    public init(_ input: GeneratorInput) throws {
        self.input = input
        api = try DriverAPI(input.registry)
        let problems = input.registry.validate(api.compatibility) + input.validation.check(against: input.registry)
            + input.state.check(against: input.registry) + input.protocolDescription.check()
        guard problems.isEmpty else {
            throw RegistryError(problems.joined(separator: "\n"))
        }
        types = try SwiftTypes(registry: input.registry, set: api.compatibility)
        commands = api.compatibility.commands.map { input.registry.commands[$0]! }
        coreCommands = Set(api.core.commands)
    }

    /// Every file glgen writes, in a fixed order.
    public func files() throws -> [GeneratedFile] {
        var out: [GeneratedFile] = []
        out.append(file("Sources/GLCore/generated/GLTypes.swift", try typesFile()))
        out.append(file("Sources/GLCore/generated/GLEnums.swift", enumsFile()))
        out.append(file("Sources/GLCore/generated/GLEnumNames.swift", enumNamesFile()))
        out.append(file("Sources/GLCore/generated/GLEnumGroups.swift", enumGroupsFile()))
        out.append(file("Sources/GLCore/generated/GLCommand.swift", commandFile()))
        out.append(file("Sources/GLCore/generated/GLFunctionTypes.swift", try functionTypesFile()))
        for (i, shard) in shards().enumerated() {
            out.append(file("Sources/GLBinding/generated/GLBinding+Commands\(twoDigits(i)).swift", try bindingShard(shard)))
            out.append(file("Sources/GLDriver/generated/EntryPoints\(twoDigits(i)).swift", try entryPointShard(shard, index: i)))
        }
        out.append(file("Sources/GLDriver/generated/GLDispatch.swift", try dispatchFile()))
        out.append(file("Sources/GLDriver/generated/ProcTable.swift", procTableFile()))
        out.append(file("Sources/GLDriver/generated/GLState+Tables.swift", stateTablesFile()))
        for (path, body) in protocolFiles() { out.append(file(path, body)) }
        return out
    }

    func shards() -> [ArraySlice<Command>] {
        stride(from: 0, to: commands.count, by: Self.shardSize).map {
            commands[$0..<min($0 + Self.shardSize, commands.count)]
        }
    }

    /// The header every generated file starts with; tests read the digest line back.
    public func header() -> String {
        """
        // Generated by glgen from Registry/gl.xml. DO NOT EDIT.
        // Regenerate: swift run glgen   (check: swift run glgen --check)
        // gl.xml sha256: \(input.registryDigest)

        """
    }

    private func file(_ path: String, _ body: String) -> GeneratedFile {
        GeneratedFile(path: path, contents: header() + "\n" + body)
    }
}

/// Where the committed generated files differ from what the registry gives.
public func staleFiles(expected: [GeneratedFile], root: URL) -> [String] {
    var stale: [String] = []
    let fm = FileManager.default
    for f in expected {
        let onDisk = try? String(contentsOf: root.appendingPathComponent(f.path), encoding: .utf8)
        if onDisk != f.contents { stale.append(f.path) }
    }
    let wanted = Set(expected.map(\.path))
    for dir in generatedDirectories {
        let names = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []
        for name in names.sorted() where !wanted.contains("\(dir)/\(name)") {
            stale.append("\(dir)/\(name) (not produced by glgen)")
        }
    }
    return stale
}

func twoDigits(_ i: Int) -> String { i < 10 ? "0\(i)" : "\(i)" }

/// Swift identifiers that a registry parameter name may collide with.
let swiftKeywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init", "inout", "internal", "let",
    "operator", "private", "protocol", "public", "static", "struct", "subscript", "typealias", "var", "break", "case",
    "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
    "switch", "where", "while", "as", "Any", "catch", "false", "is", "nil", "rethrows", "super", "self", "Self",
    "throw", "throws", "true", "try", "context", "body",
]

/// A parameter name that is a valid Swift identifier and does not shadow the generated code's own locals.
func swiftName(_ name: String) -> String { swiftKeywords.contains(name) ? name + "_" : name }
