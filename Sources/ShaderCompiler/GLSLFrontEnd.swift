import CGlslang

#if canImport(Glibc)
import Glibc
#endif

/// A shader stage the compiler handles.
public enum ShaderStage: Int, Sendable {
    case vertex = 0
    case fragment = 1
    case geometry = 2
    case tessControl = 3
    case tessEvaluation = 4
    /// GL_ARB_compute_shader: a program of its own, never part of the graphics pipeline.
    case compute = 5
}

/// GLSL → SPIR-V through glslang (the Khronos reference front end), with its info logs.
public enum GLSLFrontEnd {
    /// Compiles one shader for glCompileShader: success and the compiler's log.
    public static func compile(_ stage: ShaderStage, _ source: String) -> (ok: Bool, log: String) {
        let source = GLSLImplicitArrays.size([GLSLImageArrayIndexing.allow(GLSLConstantRelaxation.relax(GLSLDoWhileScope.braceSimpleBodies(GLSLOutArgumentIndices.rewrite(source)), stage))])[0]
        // Arrays of dvec3 glslang miscounts lose their locations for its check (GLSLDoubleArrayLocations).
        let lowered = GLSLDoubleArrayLocations.rewrite(GLSLVersionLowering.lower(source, stage: stage), stage: stage).source
        let (ok, text) = compileLowered(stage, lowered)
        // Location and component aliasing are link-time errors too (GLSL 4.40 §4.4.1, §4.4.2): a shader whose
        // only errors they are compiles, and linking it (which recompiles it) fails with glslang's message.
        if !ok, GLSLLocationAliasing.onlyAliasingErrors(text),
           GLSLLocationAliasing.compilesWithoutAliasing(lowered, text, { compileLowered(stage, $0) }) {
            return (true, GLSLLocationAliasing.deferredLog(text))
        }
        if !ok, GLSLLinkTimeErrors.onlyLinkTimeErrors(source, stage, text) { return (true, text) }
        if !ok, GLSLStageLayouts.compilesWithPatchSize(lowered, stage, text) { return (true, "") }
        if ok, stage == .fragment, let error = doubleInputCheck(source) { return (false, text + error) }
        if ok, stage == .compute, let error = workGroupSizeCheck(source) { return (false, text + error) }
        if ok, stage == .geometry, let error = GLSLGeometryInvocations.check(source) { return (false, text + error) }
        if ok, stage != .fragment, stage != .compute, let error = GLSLClipCullLimit.check(source) { return (false, text + error) }
        return (ok, text)
    }

    /// glslang's compile of an already lowered source: success and its log.
    static func compileLowered(_ stage: ShaderStage, _ lowered: String) -> (ok: Bool, log: String) {
        var log: UnsafeMutablePointer<CChar>?
        let ok = lowered.withCString { cglslang_compile(Int32(stage.rawValue), $0, &log) } != 0
        defer { free(log) }
        return (ok, log.map { String(cString: $0) } ?? "")
    }

    /// Fragment inputs holding doubles must be flat (GLSL 4.60 §4.5: also members of input blocks and their
    /// structs, which glslang lets through): for a fragment shader that names a double type, its SPIR-V (linked
    /// with an empty vertex shader of its version) is checked. Nil when it passes or cannot be checked.
    static func doubleInputCheck(_ source: String) -> String? {
        guard source.range(of: #"\b(double|dvec[234]|dmat[234](x[234])?)\b"#, options: .regularExpression) != nil else { return nil }
        let version = source.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#version") }.map(String.init) ?? ""
        guard case .success(let spirv) = link(vertexUnits: [version + "\nvoid main() {}\n"], fragmentUnits: [source]),
              let m = try? SPIRVModule(words: spirv.fragment) else { return nil }
        return ProgramCompiler.nonFlatDoubleInputs(m).first.map { "ERROR: fragment input \($0) holds doubles and must be qualified flat\n" }
    }

    /// Links a vertex and a fragment shader and generates SPIR-V for both.
    public static func link(vertex: String, fragment: String) -> Result<(vertex: [UInt32], fragment: [UInt32]), ShaderError> {
        link(vertexUnits: [vertex], fragmentUnits: [fragment])
    }

    /// Links every compilation unit of each stage (GL links all attached shaders of a stage together).
    public static func link(vertexUnits: [String], fragmentUnits: [String]) -> Result<(vertex: [UInt32], fragment: [UInt32]), ShaderError> {
        link(vertexUnits: vertexUnits, geometryUnits: [], fragmentUnits: fragmentUnits).map { ($0.vertex, $0.fragment) }
    }

    /// Links vertex, optional geometry and fragment units; the geometry SPIR-V is nil without geometry units.
    public static func link(vertexUnits: [String], geometryUnits: [String], fragmentUnits: [String])
        -> Result<(vertex: [UInt32], geometry: [UInt32]?, fragment: [UInt32]), ShaderError>
    {
        link([.vertex: vertexUnits, .geometry: geometryUnits, .fragment: fragmentUnits]).map { ($0[.vertex]!, $0[.geometry], $0[.fragment]!) }
    }

    /// Links the units of every stage of a program (vertex and fragment required; tessellation and geometry
    /// optional) and generates SPIR-V for each stage that has units.
    public static func link(_ units: [ShaderStage: [String]]) -> Result<[ShaderStage: [UInt32]], ShaderError> {
        // Same-named inputs and outputs at different explicit locations do not match (GL 4.6 §7.4.1); glslang
        // would compare them by name, so the inputs are renamed for its link (the original sources are linked
        // when that fails, so its message is the program's own). The marked names stay in the SPIR-V, so that
        // VirglGL's name matching keeps them apart too (ProgramCompiler.locationAliases meets them by location);
        // reflection takes the marker off (interfaceVariables).
        if let separated = GLSLLocatedInterfaceNames.separate(units), case .success(let words) = linkPipeline(separated) {
            return .success(words)
        }
        return linkPipeline(units)
    }

    /// Links the units of every stage with glslang as they are.
    private static func linkPipeline(_ units: [ShaderStage: [String]]) -> Result<[ShaderStage: [UInt32]], ShaderError> {
        let all: [ShaderStage] = [.vertex, .fragment, .geometry, .tessControl, .tessEvaluation]
        // Locations of dvec3 arrays taken away for glslang's check, restored in the SPIR-V (GLSLDoubleArrayLocations).
        var restoredLocations: [ShaderStage: [String: Int]] = [:]
        let sources = all.map { stage in
            let list = GLSLImplicitArrays.size(GLSLStageLayouts.share((units[stage] ?? []).map {
                GLSLImageArrayIndexing.allow(GLSLConstantRelaxation.relax(GLSLDoWhileScope.braceSimpleBodies(GLSLOutArgumentIndices.rewrite($0)), stage))
            }, stage))
            return list.indices.map { k in
                let rewritten = GLSLDoubleArrayLocations.rewrite(
                    GLSLVersionLowering.lower(list[k], stage: stage, link: list.count > 1 ? .init(sources: list, unit: k) : nil), stage: stage)
                restoredLocations[stage, default: [:]].merge(rewritten.locations) { a, _ in a }
                return strdup(rewritten.source)
            }
        }
        var out = [UnsafeMutablePointer<UInt32>?](repeating: nil, count: 5)
        var counts = [Int](repeating: 0, count: 5)
        var log: UnsafeMutablePointer<CChar>?
        defer {
            sources.joined().forEach { free($0) }
            out.forEach { free($0) }
            free(log)
        }
        let ok = withPointers(sources.map { $0.map { UnsafePointer($0) } }) { lists in
            cglslang_link_pipeline(lists, sources.map { Int32($0.count) }, &out, &counts, &log)
        } != 0
        let text = log.map { String(cString: $0) } ?? ""
        guard ok else { return .failure(ShaderError(text.isEmpty ? "link failed" : text)) }
        var result: [ShaderStage: [UInt32]] = [:]
        for (k, stage) in all.enumerated() where !sources[k].isEmpty {
            guard let words = out[k] else { return .failure(ShaderError("no SPIR-V for the \(stage) stage")) }
            result[stage] = GLSLDoubleArrayLocations.restore(Array(UnsafeBufferPointer(start: words, count: counts[k])), restoredLocations[stage] ?? [:])
        }
        return .success(result)
    }

    /// Calls `body` with a C array of C string arrays (one per list), kept alive for the call.
    private static func withPointers<R>(_ lists: [[UnsafePointer<CChar>?]], _ body: (UnsafePointer<UnsafePointer<UnsafePointer<CChar>?>?>) -> R) -> R {
        let buffers = lists.map { list -> UnsafeMutablePointer<UnsafePointer<CChar>?> in
            let b = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(1, list.count))
            for (k, p) in list.enumerated() { b[k] = p }
            return b
        }
        defer { buffers.forEach { $0.deallocate() } }
        let outer = buffers.map { Optional(UnsafePointer($0)) }
        return outer.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// A compile or link failure, with a message for the info log.
public struct ShaderError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
