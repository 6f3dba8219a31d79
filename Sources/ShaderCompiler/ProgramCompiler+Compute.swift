import CGlslang
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The compute stage of a linked compute program (GL_ARB_compute_shader): its TGSI and what glDispatchCompute and
/// glGetProgramiv need.
public struct ComputeStage: Sendable {
    public var shader: TGSIShader
    /// layout(local_size_x, local_size_y, local_size_z) (GL_COMPUTE_WORK_GROUP_SIZE).
    public var localSize: [Int]
    /// Bytes of `shared` variables (CREATE_OBJECT(SHADER)'s req_local_mem).
    public var sharedMemoryBytes: Int
}

extension GLSLFrontEnd {
    /// Links the compute shaders of a compute program and generates its SPIR-V.
    public static func linkCompute(_ units: [String]) -> Result<[UInt32], ShaderError> {
        let sources = units.indices.map { k in
            strdup(GLSLVersionLowering.lower(units[k], stage: .compute, link: units.count > 1 ? .init(sources: units, unit: k) : nil))
        }
        var out: UnsafeMutablePointer<UInt32>?
        var count = 0
        var log: UnsafeMutablePointer<CChar>?
        defer {
            sources.forEach { free($0) }
            free(out)
            free(log)
        }
        let pointers = sources.map { UnsafePointer($0) }
        let ok = pointers.withUnsafeBufferPointer { cglslang_link_compute($0.baseAddress, Int32(units.count), &out, &count, &log) } != 0
        let text = log.map { String(cString: $0) } ?? ""
        guard ok, let out else { return .failure(ShaderError(text.isEmpty ? "link failed" : text)) }
        return .success(Array(UnsafeBufferPointer(start: out, count: count)))
    }
}

extension GLSLFrontEnd {
    /// GLSL 4.30 §4.4.1.1: a work group of more invocations than gl_MaxComputeWorkGroupInvocations is a compile
    /// error (glslang checks each dimension only). Read from the shader's SPIR-V when it has a main function of its
    /// own; nil when within the limit or not checked.
    static func workGroupSizeCheck(_ source: String) -> String? {
        guard ProgramCompiler.declaresLocalSize(source), case .success(let words) = linkCompute([source]),
              let m = try? SPIRVModule(words: words), let size = m.executionModes[17], size.count == 3 else { return nil }
        let invocations = size.reduce(1) { $0 * Int($1) }
        guard invocations > ProgramCompiler.maxComputeWorkGroupInvocations else { return nil }
        return "ERROR: the work group size \(size.map(String.init).joined(separator: " × ")) is \(invocations) invocations, more than gl_MaxComputeWorkGroupInvocations (\(ProgramCompiler.maxComputeWorkGroupInvocations))\n"
    }
}

extension ProgramCompiler {
    /// Whether `source` declares a work group size: `layout(… local_size_x/y/z = …) in;`.
    static func declaresLocalSize(_ source: String) -> Bool {
        stripComments(source).range(of: #"layout\s*\([^)]*local_size_[xyz]\s*=[^)]*\)\s*in\s*;"#, options: .regularExpression) != nil
    }

    /// GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS and GL_MAX_COMPUTE_SHARED_MEMORY_SIZE as VirglGL reports them at most
    /// (the GL 4.3 minimums, which glslang's built-in constants also hold); a context reports less where its host
    /// has less.
    public static let maxComputeWorkGroupInvocations = 1024
    public static let maxComputeSharedMemorySize = 32768

    /// Links a compute program: the units of its one stage. `limits`: the context's
    /// GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS and GL_MAX_COMPUTE_SHARED_MEMORY_SIZE (a link error past them).
    public static func linkCompute(_ units: [String], maxInvocations: Int = maxComputeWorkGroupInvocations,
                                   maxSharedMemory: Int = maxComputeSharedMemorySize) -> Result<LinkedProgram, ShaderError> {
        if let e = GLSLSharedGlobals.check(units, stage: "compute") { return .failure(e) }
        let words: [UInt32]
        switch GLSLFrontEnd.linkCompute(units) {
        case .failure(let e): return .failure(e)
        case .success(let w): words = w
        }
        do {
            let cm = try SPIRVModule(words: words)
            // GLSL 4.30 §4.4.1.1: a unit of a compute program declares its work group size (glslang takes 1 × 1 × 1).
            guard units.contains(where: declaresLocalSize) else {
                return .failure(ShaderError("error: the compute shader does not declare a work group size (layout(local_size_x = …) in)"))
            }
            let (slots, locations, next, initialValues) = defaultUniforms([cm])
            var t = TGSITranslator(module: cm, stage: .compute, uniforms: slots)
            // Shader storage blocks: BUFFER slots (StorageBlockLayout).
            t.storage.slots = StorageBlockLayout.assign([cm], sources: units)
            t.boolMembers = GLSLBoolMembers.collect(units)
            let shader = try t.translate()
            let size = t.localSize
            guard size.reduce(1, *) <= maxInvocations else {
                return .failure(ShaderError("error: the work group has \(size.reduce(1, *)) invocations, more than GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS (\(maxInvocations))"))
            }
            guard t.sharedMemoryBytes <= maxSharedMemory else {
                return .failure(ShaderError("error: the shared variables take \(t.sharedMemoryBytes) bytes, more than GL_MAX_COMPUTE_SHARED_MEMORY_SIZE (\(maxSharedMemory))"))
            }
            let empty = TGSIShader(text: "", inputLocations: [], numTokens: 0, samplers: [], blocks: [])
            var linked = LinkedProgram(vertex: empty, fragment: empty, locations: locations, constantSlots: next, attributes: [:], log: "")
            linked.compute = ComputeStage(shader: shader, localSize: size, sharedMemoryBytes: t.sharedMemoryBytes)
            var constants = [UInt32](repeating: 0, count: 4 * max(1, next))
            for (slot, words) in initialValues {
                for (k, w) in words.enumerated() where (slot + k) * 4 + w.count <= constants.count {
                    for (c, x) in w.enumerated() { constants[(slot + k) * 4 + c] = x }
                }
            }
            linked.initialConstants = constants
            applyBindingQualifiers(&linked, units)
            if let e = applyUniformLocations(&linked, units) { return .failure(e) }
            switch atomicCounters([(.compute, cm)]) {
            case .failure(let e): return .failure(e)
            case .success(let counters): linked.atomicCounters = counters
            }
            linked.interfaces = resourceInterfaces([(.compute, cm)], sources: [.compute: units])
            return .success(linked)
        } catch let e as ShaderError {
            return .failure(ShaderError("VirglGL: \(e.description)"))
        } catch {
            return .failure(ShaderError("VirglGL: \(error)"))
        }
    }
}
