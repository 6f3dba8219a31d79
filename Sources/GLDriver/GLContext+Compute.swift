import GLCore
import ShaderCompiler
import VirglProtocol

/// The host state of a linked compute program (GL_ARB_compute_shader, GL 4.3): its COMP shader object, and what a
/// dispatch binds for it.
struct GLComputeProgram {
    /// The host shader object (CREATE_OBJECT(SHADER) of type VIRGL_SHADER_COMPUTE).
    var handle: UInt32
    /// layout(local_size_x, local_size_y, local_size_z): LAUNCH_GRID's block size, GL_COMPUTE_WORK_GROUP_SIZE.
    var localSize: [Int]
    /// Sampler i (SAMP[i]/SVIEW[i]) reads the texture bound to `target` on texture unit `unit`.
    var samplers: [(unit: Int, target: GLenum)] = []
    /// Whether the TGSI reads constant buffer 0 (default-block uniforms).
    var readsConstants: Bool
}

/// The compute limits a context reports (GL 4.6 table 23.67), from the host's caps, at most the values glslang's
/// built-in constants (gl_MaxComputeWorkGroupCount, gl_MaxComputeWorkGroupSize) hold.
struct GLComputeLimits {
    var workGroupCount: [Int]
    var workGroupSize: [Int]
    var workGroupInvocations: Int
    var sharedMemorySize: Int
    var imageUniforms: Int
    var shaderStorageBlocks: Int
    var atomicCounters: Int
    var atomicCounterBuffers: Int

    /// The limits of a host with compute shaders; nil for one without.
    init?(_ caps: VirglCapsV2) {
        guard caps.has(.computeShader), caps.maxComputeWorkGroupInvocations > 0 else { return nil }
        workGroupCount = (0..<3).map { min(Int(caps.maxComputeGridSize[$0]), 65535) }
        workGroupSize = (0..<3).map { min(Int(caps.maxComputeBlockSize[$0]), [1024, 1024, 64][$0]) }
        workGroupInvocations = min(Int(caps.maxComputeWorkGroupInvocations), ProgramCompiler.maxComputeWorkGroupInvocations)
        sharedMemorySize = min(Int(caps.maxComputeSharedMemorySize), ProgramCompiler.maxComputeSharedMemorySize)
        guard workGroupCount.allSatisfy({ $0 > 0 }), workGroupSize.allSatisfy({ $0 > 0 }) else { return nil }
        imageUniforms = min(Int(caps.maxShaderImageFragCompute), 8)
        shaderStorageBlocks = min(Int(caps.maxShaderBufferFragCompute), 8)
        // At most what glslang's compute limits allow (glslang_bridge.c).
        atomicCounters = min(Int(caps.maxAtomicCounters[5]), 4096)
        atomicCounterBuffers = min(Int(caps.maxAtomicCounterBuffers[5]), 8)
    }
}

/// What the host has bound for the compute stage (VIRGL_SHADER_COMPUTE), kept apart from the draw path's.
struct GLComputeEmittedState {
    /// The host's limits (nil: the host runs no compute shaders), read when it connects.
    var limits: GLComputeLimits?
    /// The compute shader object bound (BIND_SHADER), and the one whose constants went last (0: none).
    var shader: UInt32 = 0
    var constantsShader: UInt32 = 0
}

extension GLContext {
    /// Whether the host runs compute shaders (its caps list COMPUTE_SHADER): GL_ARB_compute_shader.
    var supportsCompute: Bool {
        _ = host  // the limits are read when the host connects
        return computeEmitted.limits != nil
    }

    /// Reads the compute limits from the host's caps (when it connects).
    func applyComputeLimits(_ caps: VirglCapsV2) {
        computeEmitted.limits = GLComputeLimits(caps)
    }

    /// The extensions compute shaders bring.
    var computeExtensions: [String] { supportsCompute ? ["GL_ARB_compute_shader"] : [] }

    // MARK: Linking

    /// Links a program holding compute shaders: only compute shaders (GL 4.6 §7.3: with any other stage it is a link
    /// error), every one compiled. Called by linkProgram.
    func linkComputeProgram(_ p: GLProgram) {
        p.linked = false
        p.compute = nil
        p.binaryRetrievableHint = p.binaryRetrievableHintRequested
        guard p.shaders.allSatisfy({ $0.type == GL_COMPUTE_SHADER }) else {
            p.log = "error: a program with a compute shader can have no shader of another stage\n"
            return
        }
        guard p.shaders.allSatisfy(\.compiled) else {
            p.log = "error: a compute shader of the program did not compile\n"
            return
        }
        let limits = computeEmitted.limits
        let result = ProgramCompiler.linkCompute(
            p.shaders.map(\.compiledSource), maxInvocations: limits?.workGroupInvocations ?? ProgramCompiler.maxComputeWorkGroupInvocations,
            maxSharedMemory: limits?.sharedMemorySize ?? ProgramCompiler.maxComputeSharedMemorySize)
        switch result {
        case .failure(let e):
            p.log = e.description.hasSuffix("\n") ? e.description : e.description + "\n"
        case .success(let linked):
            guard let stage = linked.compute else { return }
            if let limits, let axis = (0..<3).first(where: { stage.localSize[$0] > limits.workGroupSize[$0] }) {
                p.log = "error: the work group size \(stage.localSize[axis]) is past GL_MAX_COMPUTE_WORK_GROUP_SIZE[\(axis)] (\(limits.workGroupSize[axis]))\n"
                return
            }
            if let e = imageLinkError(linked) ?? atomicCounterLimitError(linked).map({ "error: " + $0 }) ?? storageBlockLinkError(linked) {
                p.log = e + "\n"
                return
            }
            if GLDiagnostics.dumpShaders { GLDiagnostics.log("program \(p.name) compute TGSI:\n\(stage.shader.text)") }
            p.transformFeedback = nil
            p.linkedProgram = linked
            p.linkedSeparable = p.separable
            p.linkedStages = [.compute]
            p.log = linked.log
            p.vertexTGSI = ""
            p.fragmentTGSI = ""
            p.geometryTGSI = nil
            p.tessControlTGSI = nil
            p.tessEvaluationTGSI = nil
            p.vertexHandle = 0
            p.fragmentHandle = 0
            p.geometryHandle = 0
            p.tessControlHandle = 0
            p.tessEvaluationHandle = 0
            p.attributeLocations = []
            p.attributeParts = []
            p.constants = linked.initialConstants.count == 4 * max(1, linked.constantSlots)
                ? linked.initialConstants : [UInt32](repeating: 0, count: 4 * max(1, linked.constantSlots))
            p.constantsDirty = true
            p.usesFixedFunctionMatrices = false
            p.usesNumSamples = false
            p.usesSubroutines = false
            for b in linked.allBlocks { p.blockBindings[b.name] = b.binding }
            p.samplerUnits = linked.samplerBindings
            let handle = newObjectHandle()
            commands.encodeCreateShader(
                handle: handle, stage: .compute, text: stage.shader.text, numTokens: GLProgram.tokenEstimate(stage.shader.text),
                sharedMemoryBytes: UInt32(stage.sharedMemoryBytes))
            p.compute = GLComputeProgram(handle: handle, localSize: stage.localSize, readsConstants: stage.shader.text.contains("CONST"))
            p.usesImages = !stage.shader.images.isEmpty
            p.storageBlockBindings = linked.storageBlocks.map(\.binding)
            p.storageStageBlocks = stage.shader.storageBlocks.isEmpty ? [:] : [ShaderStage.compute.rawValue: stage.shader.storageBlocks]
            updateSamplers(p)
            p.linked = true
            if currentProgram === p { state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers]) }
        }
    }

    // MARK: Dispatch

    /// The program whose compute shader a dispatch runs: the program in use, or else the bound pipeline's
    /// compute program. Nil (GL_INVALID_OPERATION recorded) when there is none.
    func activeComputeProgram(_ command: GLCommand) -> GLProgram? {
        guard supportsCompute else {
            recordError(GL_INVALID_OPERATION, command, "the host runs no compute shaders")
            return nil
        }
        guard let p = currentProgram ?? boundPipeline?.stages[.compute], p.compute != nil, p.linked else {
            recordError(GL_INVALID_OPERATION, command, "no active program with a compute shader")
            return nil
        }
        return p
    }

    /// Binds what a dispatch of `p` reads on the host: its shader, constant buffer 0, uniform blocks and samplers.
    /// False (error recorded) when it cannot run.
    func prepareCompute(_ p: GLProgram, _ stage: GLComputeProgram, _ command: GLCommand) -> Bool {
        for b in coherentMappings { if let m = b.mapping { upload(command, b, m.offset, m.length) } }
        if computeEmitted.shader != stage.handle {
            commands.encodeBindShader(handle: stage.handle, shaderType: VirglShaderStage.compute.rawValue)
            computeEmitted.shader = stage.handle
        }
        if stage.readsConstants, p.constantsDirty || computeEmitted.constantsShader != stage.handle {
            p.constants.withUnsafeBufferPointer { _ = commands.encodeSetConstantBuffer(stage: .compute, index: 0, words: $0) }
            p.constantsDirty = false
            computeEmitted.constantsShader = stage.handle
        }
        if let linked = p.linkedProgram, let shader = linked.compute?.shader {
            for (k, block) in shader.blocks.enumerated() {
                let binding = GLuint(p.blockBindings[block.name] ?? block.binding)
                guard let b = uniformBufferBindings[binding], let r = b.buffer.resource else { continue }
                let length = b.size > 0 ? b.size : b.buffer.size - b.offset
                commands.encodeSetUniformBuffer(
                    shaderType: VirglShaderStage.compute.rawValue, index: UInt32(k + 1), offset: UInt32(b.offset), length: UInt32(length), resHandle: r.id)
            }
        }
        if p.usesImages { emitImages(p, command) }
        emitAtomicCounterBuffers(p, nil)
        // Storage buffers: sent each dispatch (a buffer may have been re-created since).
        let blocks = p.storageStageBlocks[ShaderStage.compute.rawValue] ?? []
        emitShaderBuffers(stage: VirglShaderStage.compute.rawValue, storageShaderBuffers(p, blocks), force: true)
        let key = VirglShaderStage.compute.rawValue
        if !stage.samplers.isEmpty || !(emitted.samplerViews[key]?.isEmpty ?? true) {
            guard emitSamplers(.compute, stage.samplers, [], command) else { return false }
        }
        return true
    }

    /// glDispatchCompute.
    func dispatchCompute(_ x: GLuint, _ y: GLuint, _ z: GLuint) {
        let command = GLCommand.glDispatchCompute
        guard let p = activeComputeProgram(command), let stage = p.compute, let limits = computeEmitted.limits else { return }
        let counts = [x, y, z]
        if let axis = (0..<3).first(where: { Int(counts[$0]) > limits.workGroupCount[$0] }) {
            return recordError(GL_INVALID_VALUE, command, "num_groups[\(axis)] = \(counts[axis]) is past GL_MAX_COMPUTE_WORK_GROUP_COUNT (\(limits.workGroupCount[axis]))")
        }
        // No work groups: nothing runs (not an error).
        guard counts.allSatisfy({ $0 > 0 }) else { return }
        guard prepareCompute(p, stage, command) else { return }
        commands.encodeLaunchGrid(
            blockX: UInt32(stage.localSize[0]), blockY: UInt32(stage.localSize[1]), blockZ: UInt32(stage.localSize[2]), gridX: x, gridY: y,
            gridZ: z, indirectHandle: 0, indirectOffset: 0)
        drawsSinceWait &+= 1
    }

    /// glDispatchComputeIndirect: the work group counts are three uints at `offset` of the buffer bound to
    /// GL_DISPATCH_INDIRECT_BUFFER, which the host reads.
    func dispatchComputeIndirect(_ offset: GLintptr) {
        let command = GLCommand.glDispatchComputeIndirect
        guard offset >= 0 else { return recordError(GL_INVALID_VALUE, command, "indirect offset \(offset) < 0") }
        guard offset % 4 == 0 else { return recordError(GL_INVALID_VALUE, command, "indirect offset \(offset) is not a multiple of 4") }
        guard let p = activeComputeProgram(command), let stage = p.compute else { return }
        guard let buffer = bufferBindings[GL_DISPATCH_INDIRECT_BUFFER] else {
            return recordError(GL_INVALID_OPERATION, command, "no buffer is bound to GL_DISPATCH_INDIRECT_BUFFER")
        }
        guard Int(offset) + 12 <= buffer.size else {
            return recordError(GL_INVALID_OPERATION, command, "the dispatch parameters run past the end of the indirect buffer (\(buffer.size) bytes)")
        }
        guard buffer.mapping == nil || buffer.storageFlags & GLbitfield(GL_MAP_PERSISTENT_BIT) != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "the indirect buffer is mapped")
        }
        guard let r = buffer.resource else {
            return recordError(GL_INVALID_OPERATION, command, "the indirect buffer has no storage")
        }
        guard prepareCompute(p, stage, command) else { return }
        commands.encodeLaunchGrid(
            blockX: UInt32(stage.localSize[0]), blockY: UInt32(stage.localSize[1]), blockZ: UInt32(stage.localSize[2]), gridX: 0, gridY: 0,
            gridZ: 0, indirectHandle: r.id, indirectOffset: UInt32(offset))
        drawsSinceWait &+= 1
    }

    // MARK: Queries

    /// glGetProgramiv(GL_COMPUTE_WORK_GROUP_SIZE): three values; GL_INVALID_OPERATION for a program that is not
    /// a linked compute program.
    func computeWorkGroupSize(_ p: GLProgram, _ out: UnsafeMutablePointer<GLint>?) {
        guard supportsCompute else { return recordError(GL_INVALID_ENUM, .glGetProgramiv, "GL_COMPUTE_WORK_GROUP_SIZE") }
        guard p.linked, let stage = p.compute else {
            return recordError(GL_INVALID_OPERATION, .glGetProgramiv, "program \(p.name) is not a linked compute program")
        }
        for k in 0..<3 { out?[k] = GLint(stage.localSize[k]) }
    }

    /// glGet of the compute limits and GL_DISPATCH_INDIRECT_BUFFER_BINDING (nil: not a compute parameter, or no
    /// compute on the host).
    func computeQueryValue(_ pname: GLenum) -> GLQueryValue? {
        guard supportsCompute, let l = computeEmitted.limits else { return nil }
        let blocks = Int64(state.limits.maxFragmentUniformBlocks), blockSize = Int64(state.limits.maxUniformBlockSize)
        switch pname {
        case GL_DISPATCH_INDIRECT_BUFFER_BINDING: return .ints([Int64(bufferBindings[GL_DISPATCH_INDIRECT_BUFFER]?.name ?? 0)])
        case GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS: return .ints([Int64(l.workGroupInvocations)])
        case GL_MAX_COMPUTE_SHARED_MEMORY_SIZE: return .ints([Int64(l.sharedMemorySize)])
        case GL_MAX_COMPUTE_UNIFORM_BLOCKS: return .ints([blocks])
        case GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS: return .ints([Int64(state.limits.maxTextureImageUnits)])
        // glslang's gl_MaxComputeUniformComponents.
        case GL_MAX_COMPUTE_UNIFORM_COMPONENTS: return .ints([1024])
        case GL_MAX_COMBINED_COMPUTE_UNIFORM_COMPONENTS: return .ints([blocks * blockSize / 4 + 1024])
        case GL_MAX_COMPUTE_IMAGE_UNIFORMS: return .ints([Int64(l.imageUniforms)])
        case GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS: return .ints([Int64(l.shaderStorageBlocks)])
        case GL_MAX_COMPUTE_ATOMIC_COUNTERS: return .ints([Int64(l.atomicCounters)])
        case GL_MAX_COMPUTE_ATOMIC_COUNTER_BUFFERS: return .ints([Int64(l.atomicCounterBuffers)])
        default: return nil
        }
    }

    /// glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_COUNT / GL_MAX_COMPUTE_WORK_GROUP_SIZE, 0…2).
    func computeIndexedLimit(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> GLQueryValue? {
        guard supportsCompute, let l = computeEmitted.limits else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
        guard index < 3 else {
            recordError(GL_INVALID_VALUE, command, "index \(index) of \(GLEnumNames.describe(pname))")
            return nil
        }
        return .ints([Int64(pname == GL_MAX_COMPUTE_WORK_GROUP_COUNT ? l.workGroupCount[Int(index)] : l.workGroupSize[Int(index)])])
    }
}

extension GLDispatch {
    func installCompute() {
        glDispatchCompute = { $0.dispatchCompute($1, $2, $3) }
        glDispatchComputeIndirect = { $0.dispatchComputeIndirect($1) }
    }
}
