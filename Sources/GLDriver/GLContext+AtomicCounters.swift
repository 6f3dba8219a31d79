import GLCore
import ShaderCompiler
import VirglProtocol

/// Atomic counter buffer bindings (GL 4.2, ARB_shader_atomic_counters) and what was last sent to the host.
struct GLAtomicCounterState {
    /// Indexed GL_ATOMIC_COUNTER_BUFFER bindings: buffer, offset, size (0: the whole buffer from the offset).
    var bindings: [GLuint: (buffer: GLBufferObject, offset: Int, size: Int)] = [:]
    /// The SET_ATOMIC_BUFFERS slots last sent (from slot 0).
    var sent: [VirglAtomicBuffer] = []
    /// Whether the host's caps carry atomic counters (virglrenderer's feat_atomic_counters).
    var hostHasCounters = false

    /// Drops every binding of a deleted buffer.
    mutating func unbind(_ b: GLBufferObject) {
        for (i, binding) in bindings where binding.buffer === b { bindings[i] = nil }
    }
}

/// Atomic counters: the buffer bindings, their emission at draw time (VIRGL_CCMD_SET_ATOMIC_BUFFERS), reading back
/// what shaders counted, the program queries and the link-time limits. The shader side is
/// TGSITranslator+AtomicCounters (TGSI HWATOMIC) and ProgramCompiler+AtomicCounters (reflection).
extension GLContext {
    /// Whether atomic counters are exposed: a host with counters, whose GL (4.2) has them in GLSL.
    var supportsAtomicCounters: Bool {
        _ = host  // the caps are read when the host connects
        guard let v = hostGLVersion else { return false }
        return atomicCounterState.hostHasCounters && (v.major, v.minor) >= (4, 2)
    }

    /// The limits from the host's caps (virgl orders its per-stage arrays vertex, fragment, geometry, tess control,
    /// tess evaluation, compute); kept at GL 4.2's minimums for a host without counters.
    func applyAtomicCounterLimits(_ caps: VirglCapsV2) {
        let counters = caps.maxAtomicCounters.map { GLint(clamping: $0) }, buffers = caps.maxAtomicCounterBuffers.map { GLint(clamping: $0) }
        guard counters.count >= 5, buffers.count >= 5, caps.maxCombinedAtomicCounters > 0, counters[1] > 0, buffers[1] > 0 else { return }
        atomicCounterState.hostHasCounters = true
        // virglrenderer keeps 32 binding points (PIPE_MAX_HW_ATOMIC_BUFFERS).
        let bindings = min(32, buffers.prefix(5).max() ?? 1)
        var l = state.limits
        l.maxVertexAtomicCounters = counters[0]
        l.maxFragmentAtomicCounters = counters[1]
        l.maxGeometryAtomicCounters = counters[2]
        l.maxTessControlAtomicCounters = counters[3]
        l.maxTessEvaluationAtomicCounters = counters[4]
        l.maxCombinedAtomicCounters = GLint(clamping: caps.maxCombinedAtomicCounters)
        l.maxVertexAtomicCounterBuffers = min(buffers[0], bindings)
        l.maxFragmentAtomicCounterBuffers = min(buffers[1], bindings)
        l.maxGeometryAtomicCounterBuffers = min(buffers[2], bindings)
        l.maxTessControlAtomicCounterBuffers = min(buffers[3], bindings)
        l.maxTessEvaluationAtomicCounterBuffers = min(buffers[4], bindings)
        l.maxCombinedAtomicCounterBuffers = max(1, GLint(clamping: caps.maxCombinedAtomicCounterBuffers))
        l.maxAtomicCounterBufferBindings = bindings
        // As Mesa sizes it: room for every counter a program may have.
        l.maxAtomicCounterBufferSize = max(32, 4 * l.maxCombinedAtomicCounters)
        state.limits = l
        GLSLFrontEnd.setAtomicCounterLimits([
            l.maxVertexAtomicCounters, l.maxTessControlAtomicCounters, l.maxTessEvaluationAtomicCounters, l.maxGeometryAtomicCounters,
            l.maxFragmentAtomicCounters, l.maxCombinedAtomicCounters, l.maxAtomicCounterBufferBindings, l.maxVertexAtomicCounterBuffers,
            l.maxTessControlAtomicCounterBuffers, l.maxTessEvaluationAtomicCounterBuffers, l.maxGeometryAtomicCounterBuffers,
            l.maxFragmentAtomicCounterBuffers, l.maxCombinedAtomicCounterBuffers, l.maxAtomicCounterBufferSize,
        ].map(Int.init))
    }

    // MARK: Bindings

    /// glBindBufferBase/Range(GL_ATOMIC_COUNTER_BUFFER): the offset must be a multiple of 4 (GL 4.6 §6.7.1).
    func bindAtomicCounterBuffer(_ command: GLCommand, _ index: GLuint, _ name: GLuint, _ offset: Int, _ size: Int) {
        bindIndexedBuffer(command, GL_ATOMIC_COUNTER_BUFFER, index, name, offset, size, limit: Int(state.limits.maxAtomicCounterBufferBindings),
                          limitName: "GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS", alignment: 4, alignmentName: "4", &atomicCounterState.bindings)
    }

    /// glGetIntegeri_v / glGetInteger64i_v: GL_ATOMIC_COUNTER_BUFFER_BINDING, _START and _SIZE of binding `index`.
    func atomicCounterIndexedValue(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> Int64? {
        guard Int(index) < Int(state.limits.maxAtomicCounterBufferBindings) else {
            recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS")
            return nil
        }
        let b = atomicCounterState.bindings[index]
        switch pname {
        case GL_ATOMIC_COUNTER_BUFFER_BINDING: return Int64(b?.buffer.name ?? 0)
        case GL_ATOMIC_COUNTER_BUFFER_START: return Int64(b?.offset ?? 0)
        default: return Int64(b?.size ?? 0)
        }
    }

    // MARK: Draws

    /// Before a draw: SET_ATOMIC_BUFFERS when the bound ranges changed since the last one sent, and the buffers
    /// the draw's programs count into marked as written by the host (their client copies are read back before
    /// glGetBufferSubData or a map reads them). `program` is the program in use, or the pipeline's vertex stage
    /// program with `stages` the pipeline's.
    func emitAtomicCounterBuffers(_ program: GLProgram, _ stages: GLStagePrograms?) {
        // The common draw: no counter buffer bound, none sent (nothing allocated on the way).
        guard !atomicCounterState.bindings.isEmpty || !atomicCounterState.sent.isEmpty else { return }
        let count = max(atomicCounterState.sent.count, Int(atomicCounterState.bindings.keys.max().map { $0 + 1 } ?? 0))
        var slots = [VirglAtomicBuffer](repeating: VirglAtomicBuffer(offset: 0, length: 0, resHandle: 0), count: count)
        for (i, b) in atomicCounterState.bindings {
            guard let r = b.buffer.resource, b.offset < b.buffer.size else { continue }
            let available = b.buffer.size - b.offset
            slots[Int(i)] = VirglAtomicBuffer(offset: UInt32(b.offset), length: UInt32(b.size > 0 ? min(b.size, available) : available), resHandle: r.id)
        }
        if slots != atomicCounterState.sent {
            commands.encodeSetAtomicBuffers(startSlot: 0, buffers: slots)
            atomicCounterState.sent = slots
        }
        for p in stages?.programs ?? [program] {
            guard let linked = p.linkedProgram, !linked.atomicCounters.isEmpty else { continue }
            for c in linked.atomicCounters {
                atomicCounterState.bindings[GLuint(c.binding)]?.buffer.hostWritten = true
            }
        }
    }

    // MARK: Linking

    /// GL 4.6 §7.3 / ARB_shader_atomic_counters: a program whose stages use more counters or counter buffers than
    /// the limits, or a binding point past GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS, does not link. Nil when it fits.
    func atomicCounterLimitError(_ linked: LinkedProgram) -> String? {
        let l = state.limits
        var totalCounters = 0, totalBuffers = 0
        let limits: [(ShaderStage, String, GLint, GLint)] = [
            (.vertex, "vertex", l.maxVertexAtomicCounters, l.maxVertexAtomicCounterBuffers),
            (.tessControl, "tessellation control", l.maxTessControlAtomicCounters, l.maxTessControlAtomicCounterBuffers),
            (.tessEvaluation, "tessellation evaluation", l.maxTessEvaluationAtomicCounters, l.maxTessEvaluationAtomicCounterBuffers),
            (.geometry, "geometry", l.maxGeometryAtomicCounters, l.maxGeometryAtomicCounterBuffers),
            (.fragment, "fragment", l.maxFragmentAtomicCounters, l.maxFragmentAtomicCounterBuffers),
        ]
        for c in linked.atomicCounters where c.binding >= Int(l.maxAtomicCounterBufferBindings) {
            return "atomic counter \(c.name) uses binding \(c.binding), beyond GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS (\(l.maxAtomicCounterBufferBindings))"
        }
        for c in linked.atomicCounters where c.offset + c.byteSize > Int(l.maxAtomicCounterBufferSize) {
            return "atomic counter \(c.name) ends past GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE (\(l.maxAtomicCounterBufferSize))"
        }
        for (stage, name, maxCounters, maxBuffers) in limits {
            let used = linked.atomicCounters.filter { $0.stages.contains(stage) }
            let counters = used.reduce(0) { $0 + $1.arraySize }, buffers = Set(used.map(\.binding)).count
            if counters > Int(maxCounters) { return "the \(name) shader uses \(counters) atomic counters; the limit is \(maxCounters)" }
            if buffers > Int(maxBuffers) { return "the \(name) shader uses \(buffers) atomic counter buffers; the limit is \(maxBuffers)" }
            totalCounters += counters
            totalBuffers += buffers
        }
        if totalCounters > Int(l.maxCombinedAtomicCounters) {
            return "the program uses \(totalCounters) atomic counters; GL_MAX_COMBINED_ATOMIC_COUNTERS is \(l.maxCombinedAtomicCounters)"
        }
        if totalBuffers > Int(l.maxCombinedAtomicCounterBuffers) {
            return "the program uses \(totalBuffers) atomic counter buffers; GL_MAX_COMBINED_ATOMIC_COUNTER_BUFFERS is \(l.maxCombinedAtomicCounterBuffers)"
        }
        return nil
    }

    // MARK: Program queries

    /// Active uniform indices: the counters take the first ones (0 ..< count), then come the default block's
    /// uniforms and the uniform blocks' members as installPrograms' queries number them, shifted by the counters.
    /// (A program's hidden uniforms, such as a fixed-function vertex stage's, do not push the counters up.)
    static func counterCount(_ linked: LinkedProgram) -> Int { linked.atomicCounters.count }

    /// glGetActiveAtomicCounterBufferiv.
    func activeAtomicCounterBuffer(_ name: GLuint, _ index: GLuint, _ pname: GLenum, _ out: UnsafeMutablePointer<GLint>?) {
        let command = GLCommand.glGetActiveAtomicCounterBufferiv
        guard let p = program(command, name) else { return }
        let buffers = p.linkedProgram?.atomicCounterBuffers ?? []
        guard Int(index) < buffers.count else {
            return recordError(GL_INVALID_VALUE, command, "buffer index \(index) ≥ GL_ACTIVE_ATOMIC_COUNTER_BUFFERS (\(buffers.count))")
        }
        let b = buffers[Int(index)]
        func stage(_ s: ShaderStage) -> GLint { b.stages.contains(s) ? 1 : 0 }
        switch pname {
        case GL_ATOMIC_COUNTER_BUFFER_BINDING: out?.pointee = GLint(b.binding)
        case GL_ATOMIC_COUNTER_BUFFER_DATA_SIZE: out?.pointee = GLint(b.dataSize)
        case GL_ATOMIC_COUNTER_BUFFER_ACTIVE_ATOMIC_COUNTERS: out?.pointee = GLint(b.counters.count)
        case GL_ATOMIC_COUNTER_BUFFER_ACTIVE_ATOMIC_COUNTER_INDICES:
            for (k, c) in b.counters.enumerated() { out?[k] = GLint(c) }
        case GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_VERTEX_SHADER: out?.pointee = stage(.vertex)
        case GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_TESS_CONTROL_SHADER: out?.pointee = stage(.tessControl)
        case GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_TESS_EVALUATION_SHADER: out?.pointee = stage(.tessEvaluation)
        case GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_GEOMETRY_SHADER: out?.pointee = stage(.geometry)
        case GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_FRAGMENT_SHADER: out?.pointee = stage(.fragment)
        default: recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
        }
    }

    /// One glGetActiveUniformsiv value of atomic counter `k`; nil for a pname that is none.
    func atomicCounterUniformValue(_ linked: LinkedProgram, _ k: Int, _ pname: GLenum) -> GLint? {
        let c = linked.atomicCounters[k]
        switch pname {
        case GL_UNIFORM_TYPE: return GLint(bitPattern: GL_UNSIGNED_INT_ATOMIC_COUNTER)
        case GL_UNIFORM_SIZE: return GLint(c.arraySize)
        case GL_UNIFORM_NAME_LENGTH: return GLint(c.name.utf8.count + 1)
        case GL_UNIFORM_BLOCK_INDEX: return -1
        case GL_UNIFORM_OFFSET: return GLint(c.offset)
        case GL_UNIFORM_ARRAY_STRIDE: return c.arraySize > 1 ? 4 : 0
        case GL_UNIFORM_MATRIX_STRIDE, GL_UNIFORM_IS_ROW_MAJOR: return 0
        case GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX:
            return linked.atomicCounterBuffers.firstIndex { $0.binding == c.binding }.map(GLint.init) ?? -1
        default: return nil
        }
    }
}

extension GLDispatch {
    /// Atomic counter queries. The active-uniform entry points installed by installPrograms list the default
    /// block's uniforms and the blocks' members; these wrap them so that the program's counters follow.
    func installAtomicCounters() {
        glGetActiveAtomicCounterBufferiv = { $0.activeAtomicCounterBuffer($1, $2, $3, $4) }

        let programiv = glGetProgramiv
        glGetProgramiv = { c, name, pname, out in
            switch pname {
            case GL_ACTIVE_ATOMIC_COUNTER_BUFFERS:
                guard let p = c.program(.glGetProgramiv, name) else { return }
                out?.pointee = GLint(p.linkedProgram?.atomicCounterBuffers.count ?? 0)
            case GL_ACTIVE_UNIFORMS, GL_ACTIVE_UNIFORM_MAX_LENGTH:
                var v: GLint = 0
                programiv?(c, name, pname, &v)
                guard let counters = c.programs[name]?.linkedProgram?.atomicCounters, !counters.isEmpty, c.programs[name] != nil else {
                    if c.programs[name] != nil { out?.pointee = v }
                    return
                }
                if pname == GL_ACTIVE_UNIFORMS {
                    v += GLint(counters.count)
                } else {
                    v = max(v, GLint(counters.map { $0.name.utf8.count + 1 }.max() ?? 0))
                }
                out?.pointee = v
            default: programiv?(c, name, pname, out)
            }
        }

        let activeUniform = glGetActiveUniform
        glGetActiveUniform = { c, name, index, size, length, count, type, out in
            if let linked = c.programs[name]?.linkedProgram, !linked.atomicCounters.isEmpty {
                let n = GLContext.counterCount(linked)
                if Int(index) < n {
                    let counter = linked.atomicCounters[Int(index)]
                    count?.pointee = GLint(counter.arraySize)
                    type?.pointee = GL_UNSIGNED_INT_ATOMIC_COUNTER
                    return c.copyString(.glGetActiveUniform, counter.name, size, length, out)
                }
                return activeUniform?(c, name, index - GLuint(n), size, length, count, type, out) ?? ()
            }
            activeUniform?(c, name, index, size, length, count, type, out)
        }

        let activeUniformName = glGetActiveUniformName
        glGetActiveUniformName = { c, name, index, size, length, out in
            if let linked = c.programs[name]?.linkedProgram, !linked.atomicCounters.isEmpty {
                let n = GLContext.counterCount(linked)
                if Int(index) < n {
                    return c.copyString(.glGetActiveUniformName, linked.atomicCounters[Int(index)].name, size, length, out)
                }
                return activeUniformName?(c, name, index - GLuint(n), size, length, out) ?? ()
            }
            activeUniformName?(c, name, index, size, length, out)
        }

        let uniformIndices = glGetUniformIndices
        glGetUniformIndices = { c, name, count, names, out in
            uniformIndices?(c, name, count, names, out)
            guard let linked = c.programs[name]?.linkedProgram, !linked.atomicCounters.isEmpty, let names, let out else { return }
            let n = GLuint(GLContext.counterCount(linked))
            for k in 0..<Int(max(0, count)) {
                guard out[k] == GL_INVALID_INDEX else {
                    out[k] += n
                    continue
                }
                guard let cname = names[k] else { continue }
                let wanted = String(cString: cname)
                if let i = linked.atomicCounters.firstIndex(where: { $0.name == wanted || $0.name == wanted + "[0]" }) {
                    out[k] = GLuint(i)
                }
            }
        }

        let blockiv = glGetActiveUniformBlockiv
        glGetActiveUniformBlockiv = { c, name, index, pname, out in
            blockiv?(c, name, index, pname, out)
            guard pname == GL_UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES, let out, let linked = c.programs[name]?.linkedProgram,
                  !linked.atomicCounters.isEmpty, Int(index) < GLContext.uniformBlocks(linked).count
            else { return }
            // The block's member indices, after the counters.
            let members = GLContext.blockMembers(linked).filter { $0.block == Int(index) }.count
            for k in 0..<members { out[k] += GLint(GLContext.counterCount(linked)) }
        }

        let uniformsiv = glGetActiveUniformsiv
        glGetActiveUniformsiv = { c, name, count, indices, pname, out in
            guard let linked = c.programs[name]?.linkedProgram, let indices,
                  !linked.atomicCounters.isEmpty || pname == GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX
            else {
                uniformsiv?(c, name, count, indices, pname, out)
                return
            }
            let n = GLContext.counterCount(linked)
            let total = n + linked.locations.count + GLContext.blockMembers(linked).count
            for k in 0..<Int(max(0, count)) where Int(indices[k]) >= total {
                return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformsiv, "uniform index \(indices[k])")
            }
            let known: Set<GLenum> = [
                GL_UNIFORM_TYPE, GL_UNIFORM_SIZE, GL_UNIFORM_NAME_LENGTH, GL_UNIFORM_BLOCK_INDEX, GL_UNIFORM_OFFSET, GL_UNIFORM_ARRAY_STRIDE,
                GL_UNIFORM_MATRIX_STRIDE, GL_UNIFORM_IS_ROW_MAJOR, GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX,
            ]
            guard known.contains(pname) else { return c.recordError(GL_INVALID_ENUM, .glGetActiveUniformsiv, GLEnumNames.describe(pname)) }
            for k in 0..<Int(max(0, count)) {
                let i = Int(indices[k])
                if i < n {
                    out?[k] = c.atomicCounterUniformValue(linked, i, pname) ?? 0
                } else if pname == GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX {
                    out?[k] = -1
                } else {
                    var index = indices[k] - GLuint(n), v: GLint = 0
                    uniformsiv?(c, name, 1, &index, pname, &v)
                    out?[k] = v
                }
            }
        }
    }
}
