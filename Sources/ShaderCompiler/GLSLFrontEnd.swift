import CGlslang

#if canImport(Glibc)
import Glibc
#endif

/// A shader stage the compiler handles.
public enum ShaderStage: Int, Sendable {
    case vertex = 0
    case fragment = 1
    case geometry = 2
}

/// GLSL → SPIR-V through glslang (the Khronos reference front end), with its info logs.
public enum GLSLFrontEnd {
    /// Compiles one shader for glCompileShader: success and the compiler's log.
    public static func compile(_ stage: ShaderStage, _ source: String) -> (ok: Bool, log: String) {
        var log: UnsafeMutablePointer<CChar>?
        let ok = GLSLVersionLowering.lower(source, stage: stage).withCString { cglslang_compile(Int32(stage.rawValue), $0, &log) } != 0
        defer { free(log) }
        let text = log.map { String(cString: $0) } ?? ""
        if ok, stage == .fragment, let error = doubleInputCheck(source) { return (false, text + error) }
        return (ok, text)
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
        var vs: UnsafeMutablePointer<UInt32>?, gs: UnsafeMutablePointer<UInt32>?, fs: UnsafeMutablePointer<UInt32>?
        var vn = 0, gn = 0, fn = 0
        var log: UnsafeMutablePointer<CChar>?
        let vertex = vertexUnits.map { strdup(GLSLVersionLowering.lower($0, stage: .vertex)) }
        let geometry = geometryUnits.map { strdup(GLSLVersionLowering.lower($0, stage: .geometry)) }
        let fragment = fragmentUnits.map { strdup(GLSLVersionLowering.lower($0, stage: .fragment)) }
        defer {
            (vertex + geometry + fragment).forEach { free($0) }
            free(vs)
            free(gs)
            free(fs)
            free(log)
        }
        let vp = vertex.map { UnsafePointer($0) }, gp = geometry.map { UnsafePointer($0) }, fp = fragment.map { UnsafePointer($0) }
        let ok = vp.withUnsafeBufferPointer { v in
            gp.withUnsafeBufferPointer { g in
                fp.withUnsafeBufferPointer { f in
                    cglslang_link_stages(v.baseAddress, Int32(v.count), g.baseAddress, Int32(g.count), f.baseAddress, Int32(f.count),
                                         &vs, &vn, &gs, &gn, &fs, &fn, &log)
                }
            }
        } != 0
        let text = log.map { String(cString: $0) } ?? ""
        guard ok, let vs, let fs else { return .failure(ShaderError(text.isEmpty ? "link failed" : text)) }
        return .success((Array(UnsafeBufferPointer(start: vs, count: vn)), gs.map { Array(UnsafeBufferPointer(start: $0, count: gn)) },
                         Array(UnsafeBufferPointer(start: fs, count: fn))))
    }
}

/// A compile or link failure, with a message for the info log.
public struct ShaderError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
