import GLCore
import ShaderCompiler
import VirglProtocol

/// Shader storage buffers (GL_ARB_shader_storage_buffer_object, GL 4.3): the indexed GL_SHADER_STORAGE_BUFFER
/// binding points, the host's limits, and what each stage's buffer slots hold on the host.
///
/// A program numbers its active storage blocks once for all its stages (`StorageBlockLayout`): block k is TGSI
/// BUFFER[k] in every stage that uses it, which virglrenderer binds at host binding point k. At a draw each
/// stage's slot k gets the buffer bound at the GL binding point block k names (glShaderStorageBlockBinding), with
/// SET_SHADER_BUFFERS when that changed. Shaders may write the buffers: the client copy of each buffer bound to
/// a block that is not readonly is marked `hostWritten`, so that reading it (glGetBufferSubData, maps, copies)
/// first brings it back from the host.
struct GLStorageBufferState {
    /// Indexed bindings: buffer, offset, size (0: the whole buffer).
    var bindings: [GLuint: (buffer: GLBufferObject, offset: Int, size: Int)] = [:]
    /// The host's limits (its caps), read when it connects.
    var maxOtherStages: GLint = 0
    var maxFragmentCompute: GLint = 0
    var maxCombined: GLint = 0
    var offsetAlignment: GLint = 256
    /// Whether the host runs storage buffers (GL 4.3 host with buffers in every stage).
    var hostSupports = false
    /// The slots last sent per virgl shader stage.
    var emitted: [UInt32: [VirglShaderBuffer]] = [:]

    /// GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS: one binding point per host buffer slot.
    var maxBindings: GLint { min(GLint(StorageBlockLayout.maxBuffers), max(maxCombined, 8)) }
    /// GL_MAX_SHADER_STORAGE_BLOCK_SIZE: GL 4.3's minimum, 2^27 bytes (as Mesa's virgl driver reports).
    static let maxBlockSize: Int64 = 1 << 27
}

extension GLContext {
    /// Reads the storage-buffer limits from the host's caps.
    func applyStorageBufferLimits(_ caps: VirglCapsV2) {
        var s = storageBuffers
        let cap = UInt32(StorageBlockLayout.maxBuffers)
        s.maxOtherStages = GLint(min(caps.maxShaderBufferOtherStages, cap))
        s.maxFragmentCompute = GLint(min(caps.maxShaderBufferFragCompute, cap))
        s.maxCombined = GLint(min(caps.maxCombinedShaderBuffers, cap))
        if caps.shaderBufferOffsetAlignment > 0 { s.offsetAlignment = GLint(clamping: caps.shaderBufferOffsetAlignment) }
        let v = caps.hostGLVersion
        s.hostSupports = (v.major, v.minor) >= (4, 3) && s.maxOtherStages > 0 && s.maxFragmentCompute > 0 && s.maxCombined > 0
        storageBuffers = s
    }

    /// Whether GL_ARB_shader_storage_buffer_object is exposed.
    var supportsStorageBuffers: Bool {
        _ = host
        return storageBuffers.hostSupports
    }

    /// glBindBufferBase/Range(GL_SHADER_STORAGE_BUFFER, …).
    func bindStorageBuffer(_ command: GLCommand, _ index: GLuint, _ name: GLuint, _ offset: Int, _ size: Int) {
        _ = host
        bindIndexedBuffer(command, GL_SHADER_STORAGE_BUFFER, index, name, offset, size, limit: Int(storageBuffers.maxBindings),
                          limitName: "GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS", alignment: Int(storageBuffers.offsetAlignment),
                          alignmentName: "GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT", &storageBuffers.bindings)
    }

    /// Deleting a buffer unbinds it from the storage binding points (GL 4.6 §5.1.2).
    func unbindDeletedStorageBuffer(_ b: GLBufferObject) {
        for (i, binding) in storageBuffers.bindings where binding.buffer === b { storageBuffers.bindings[i] = nil }
    }

    /// glGet answers for storage buffers; nil for other parameters.
    func storageBufferQueryValue(_ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_SHADER_STORAGE_BUFFER_BINDING: return .ints([Int64(bufferBindings[GL_SHADER_STORAGE_BUFFER]?.name ?? 0)])
        case GL_MAX_VERTEX_SHADER_STORAGE_BLOCKS, GL_MAX_GEOMETRY_SHADER_STORAGE_BLOCKS, GL_MAX_TESS_CONTROL_SHADER_STORAGE_BLOCKS,
             GL_MAX_TESS_EVALUATION_SHADER_STORAGE_BLOCKS:
            return .ints([Int64(supportsStorageBuffers ? storageBuffers.maxOtherStages : 0)])
        case GL_MAX_FRAGMENT_SHADER_STORAGE_BLOCKS, GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS:
            return .ints([Int64(supportsStorageBuffers ? storageBuffers.maxFragmentCompute : 0)])
        case GL_MAX_COMBINED_SHADER_STORAGE_BLOCKS: return .ints([Int64(supportsStorageBuffers ? storageBuffers.maxCombined : 0)])
        case GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS: return .ints([Int64(supportsStorageBuffers ? storageBuffers.maxBindings : 0)])
        case GL_MAX_SHADER_STORAGE_BLOCK_SIZE: return .ints([supportsStorageBuffers ? GLStorageBufferState.maxBlockSize : 0])
        case GL_MAX_COMBINED_SHADER_OUTPUT_RESOURCES where supportsStorageBuffers:
            // GL 4.3 (the same enum as GL_MAX_COMBINED_IMAGE_UNITS_AND_FRAGMENT_OUTPUTS): draw buffers, storage
            // blocks and image units together.
            return .ints([Int64(state.limits.maxDrawBuffers) + Int64(storageBuffers.maxCombined) + Int64(maxImageUnits)])
        case GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT:
            _ = host
            return .ints([Int64(storageBuffers.offsetAlignment)])
        default: return nil
        }
    }

    /// glGetIntegeri_v(GL_SHADER_STORAGE_BUFFER_BINDING/START/SIZE, index).
    func storageBufferIndexedValue(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> Int64? {
        _ = host
        guard Int(index) < Int(storageBuffers.maxBindings) else {
            recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS")
            return nil
        }
        let b = storageBuffers.bindings[index]
        switch pname {
        case GL_SHADER_STORAGE_BUFFER_BINDING: return Int64(b?.buffer.name ?? 0)
        case GL_SHADER_STORAGE_BUFFER_START: return Int64(b?.offset ?? 0)
        default: return Int64(b?.size ?? 0)
        }
    }

    /// A link error when the program's storage blocks exceed the host's limits (per stage, combined), or the
    /// blocks' declared sizes exceed GL_MAX_SHADER_STORAGE_BLOCK_SIZE; nil when they fit.
    func storageBlockLinkError(_ linked: LinkedProgram) -> String? {
        let blocks = linked.storageBlocks
        guard !blocks.isEmpty else { return nil }
        guard supportsStorageBuffers else { return "error: this host runs no shader storage blocks" }
        var combined = 0
        for (stage, shader) in linked.stages where !shader.storageBlocks.isEmpty {
            let n = shader.storageBlocks.count
            combined += n
            let limit = stage == .fragment || stage == .compute ? storageBuffers.maxFragmentCompute : storageBuffers.maxOtherStages
            if n > Int(limit) {
                return "error: the \(stage) shader uses \(n) shader storage blocks, more than its \(limit) (GL_MAX_*_SHADER_STORAGE_BLOCKS)"
            }
        }
        if combined > Int(storageBuffers.maxCombined) || blocks.count > StorageBlockLayout.maxBuffers {
            return "error: the program uses \(combined) shader storage blocks, more than GL_MAX_COMBINED_SHADER_STORAGE_BLOCKS (\(storageBuffers.maxCombined))"
        }
        if let big = blocks.first(where: { Int64($0.size) > GLStorageBufferState.maxBlockSize }) {
            return "error: shader storage block \(big.name) is \(big.size) bytes, more than GL_MAX_SHADER_STORAGE_BLOCK_SIZE"
        }
        return nil
    }

    /// What the slots 0… of a stage of program `p` using `blocks` (its TGSIShader's `storageBlocks`) hold: the
    /// buffer at the binding point of the block in each slot the stage uses, nothing in the others. For compute
    /// too (stage CS).
    func storageShaderBuffers(_ p: GLProgram, _ blocks: [StorageBlockInfo]) -> [VirglShaderBuffer] {
        guard let last = blocks.map(\.slot).max() else { return [] }
        var out = [VirglShaderBuffer](repeating: VirglShaderBuffer(offset: 0, length: 0, resHandle: 0), count: last + 1)
        for block in blocks {
            let binding = block.slot < p.storageBlockBindings.count ? p.storageBlockBindings[block.slot] : block.binding
            guard let b = storageBuffers.bindings[GLuint(binding)], let r = b.buffer.resource, b.offset < b.buffer.size else { continue }
            let length = b.size > 0 ? min(b.size, b.buffer.size - b.offset) : b.buffer.size - b.offset
            out[block.slot] = VirglShaderBuffer(offset: UInt32(b.offset), length: UInt32(length), resHandle: r.id)
            // llvmpipe reads storage buffers when it rasterizes, after later transfers into them: writes wait.
            b.buffer.usedAsStorage = true
            // The shader may write it: the host holds the truth until read back.
            if !block.readOnly { b.buffer.hostWritten = true }
        }
        return out
    }

    /// Sends virgl stage `stage`'s buffer slots when they differ from what the host has, or always with `force`
    /// (slots no longer used are unbound).
    func emitShaderBuffers(stage: UInt32, _ buffers: [VirglShaderBuffer], force: Bool = false) {
        let previous = storageBuffers.emitted[stage] ?? []
        guard buffers != previous || (force && !buffers.isEmpty) else { return }
        var list = buffers
        while list.count < previous.count { list.append(VirglShaderBuffer(offset: 0, length: 0, resHandle: 0)) }
        commands.encodeSetShaderBuffers(shaderType: stage, startSlot: 0, buffers: list)
        storageBuffers.emitted[stage] = buffers.isEmpty ? nil : buffers
    }

    /// Every stage's storage buffers for a draw with `program` (or the bound pipeline's `stages`).
    /// `force`: buffers may have been re-created or deleted since (their resource ids reused): send them again.
    func emitStorageBuffers(_ program: GLProgram, _ stages: GLStagePrograms?, force: Bool) {
        // The common case, nothing to do, costs two checks.
        if stages == nil && program.storageStageBlocks.isEmpty && storageBuffers.emitted.isEmpty { return }
        let perStage: [(stage: ShaderStage, program: GLProgram)] = stages?.all ?? ([ShaderStage.vertex, .tessControl, .tessEvaluation, .geometry, .fragment].map { ($0, program) })
        for (stage, p) in perStage {
            let key = UInt32(stage.rawValue)
            guard let blocks = p.storageStageBlocks[stage.rawValue] else {
                if storageBuffers.emitted[key] != nil { emitShaderBuffers(stage: key, []) }
                continue
            }
            emitShaderBuffers(stage: key, storageShaderBuffers(p, blocks), force: force)
        }
    }

    /// glShaderStorageBlockBinding.
    func shaderStorageBlockBinding(_ name: GLuint, _ index: GLuint, _ binding: GLuint) {
        guard let p = program(.glShaderStorageBlockBinding, name) else { return }
        let blocks = p.linkedProgram?.storageBlocks ?? []
        guard Int(index) < blocks.count else {
            return recordError(GL_INVALID_VALUE, .glShaderStorageBlockBinding, "block index \(index) ≥ the program's \(blocks.count) active storage blocks")
        }
        _ = host
        guard Int(binding) < Int(storageBuffers.maxBindings) else {
            return recordError(GL_INVALID_VALUE, .glShaderStorageBlockBinding, "binding \(binding) ≥ GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS")
        }
        if p.storageBlockBindings.count < blocks.count { p.storageBlockBindings = blocks.map(\.binding) }
        p.storageBlockBindings[Int(index)] = Int(binding)
    }

    /// GL_SHADER_STORAGE_BLOCK's GL_BUFFER_BINDING of a program's block `index` (program interface queries).
    static func storageBlockBinding(_ p: GLProgram, _ index: Int) -> Int? {
        let blocks = p.linkedProgram?.storageBlocks ?? []
        guard index < blocks.count else { return nil }
        return index < p.storageBlockBindings.count ? p.storageBlockBindings[index] : blocks[index].binding
    }
}

extension GLContext {
    /// Every gallium barrier bit (PIPE_BARRIER_ALL, bits 0–11 in virglrenderer 0.10.4): the host's
    /// glMemoryBarrier(GL_ALL_BARRIER_BITS).
    static let hostBarrierAll: UInt32 = (1 << 12) - 1
}

extension GLDispatch {
    func installStorageBuffers() {
        glShaderStorageBlockBinding = { $0.shaderStorageBlockBinding($1, $2, $3) }
        // glMemoryBarrier is image load/store's (GLContext+ImageUnits); the by-region form is the same barrier here.
        if glMemoryBarrierByRegion == nil { glMemoryBarrierByRegion = { $0.memoryBarrier(.glMemoryBarrierByRegion, $1) } }
    }
}
