import GLCore

/// Display lists (compatibility profile, GL 4.6 compatibility §21.4): glNewList … glEndList records commands,
/// glCallList(s) replays them.
///
/// Recording is done at the dispatch level for a documented subset: while a list is being compiled the context
/// dispatches through `GLDispatch.listCompiling`, whose slot of each recorded command is wrapped so that the call
/// becomes an operation of the
/// list (its arguments copied, pointer data included) and runs now only under GL_COMPILE_AND_EXECUTE. Draws
/// (glDrawArrays, glDrawElements and their instanced forms) copy the vertices of their enabled arrays at compile
/// time (the spec's "client state is dereferenced when compiled"), elements de-indexed, and replay them from the
/// list's own memory through a private vertex array; gl_VertexID then counts from 0 and primitive restart is not
/// applied to recorded indices. Commands the spec executes at once (glGen*, glDelete*, buffer and vertex-array
/// state, glReadPixels, glFinish, queries, …) are not wrapped and still run immediately. Compiled commands outside
/// the subset that VirglGL implements are refused inside a list with GL_INVALID_OPERATION and a log line
/// (`refusedInLists`), rather than run at the wrong time.
struct GLDisplayListState {
    /// Lists by name; a name from glGenLists with no list yet maps to an empty one.
    var lists: [GLuint: GLDisplayList] = [:]
    /// The list being compiled (glNewList … glEndList) and its mode.
    var compiling: (name: GLuint, mode: GLenum, list: GLDisplayList)? {
        didSet { active = compiling != nil }
    }
    /// Whether a list is being compiled (a plain stored flag: the wrapped slots check it without copying the tuple).
    private(set) var active = false
    /// GL_LIST_BASE (glListBase), added to glCallLists' names.
    var base: GLuint = 0
    /// How deep glCallList calls are nested now (GL_MAX_LIST_NESTING bounds it).
    var depth = 0
    /// GL_MAX_LIST_NESTING.
    static let maxNesting = 64
}

/// One display list: its operations in order.
final class GLDisplayList {
    var operations: [(GLContext) -> Void] = []
}

/// Bytes a list owns (copied vertex arrays), freed with the list.
final class GLDisplayListBytes {
    let pointer: UnsafeMutableRawPointer
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// A vertex array copied at compile time: per enabled attribute its format and its elements, packed.
struct GLRecordedArrays {
    struct Attribute {
        var index: Int
        var format: GLVertexAttribute
        var bytes: GLDisplayListBytes
    }
    var attributes: [Attribute] = []
    /// Vertices the draw reads (from 0).
    var count = 0
}

extension GLContext {
    /// Whether a command runs now; while a list is being compiled, `operation` is appended to it first.
    func compileIntoList(_ operation: @escaping (GLContext) -> Void) -> Bool {
        guard let c = displayLists.compiling else { return true }
        c.list.operations.append(operation)
        return c.mode == GL_COMPILE_AND_EXECUTE
    }

    /// glNewList.
    func newList(_ name: GLuint, _ mode: GLenum) {
        guard !isCoreProfile else { return recordError(GL_INVALID_OPERATION, .glNewList, "display lists are not in the core profile") }
        guard name != 0 else { return recordError(GL_INVALID_VALUE, .glNewList, "list 0") }
        guard mode == GL_COMPILE || mode == GL_COMPILE_AND_EXECUTE else {
            return recordError(GL_INVALID_ENUM, .glNewList, GLEnumNames.describe(mode))
        }
        guard displayLists.compiling == nil else { return recordError(GL_INVALID_OPERATION, .glNewList, "a list is being compiled") }
        displayLists.compiling = (name, mode, GLDisplayList())
        dispatch = .listCompiling
    }

    /// glEndList: the compiled list replaces any list of that name.
    func endList() {
        guard let c = displayLists.compiling else { return recordError(GL_INVALID_OPERATION, .glEndList, "no list is being compiled") }
        displayLists.lists[c.name] = c.list
        displayLists.compiling = nil
        dispatch = .table
    }

    /// glCallList: runs list `name`'s operations (none when it does not exist), nested up to GL_MAX_LIST_NESTING.
    func callList(_ name: GLuint) {
        guard let list = displayLists.lists[name], displayLists.depth < GLDisplayListState.maxNesting else { return }
        displayLists.depth += 1
        defer { displayLists.depth -= 1 }
        for op in list.operations { op(self) }
    }

    /// glCallLists: each name of `lists` (of `type`) plus GL_LIST_BASE.
    func callLists(_ n: GLsizei, _ type: GLenum, _ lists: UnsafeRawPointer?) {
        guard n >= 0 else { return recordError(GL_INVALID_VALUE, .glCallLists, "n < 0") }
        let sizes: [GLenum: Int] = [GL_BYTE: 1, GL_UNSIGNED_BYTE: 1, GL_SHORT: 2, GL_UNSIGNED_SHORT: 2, GL_INT: 4, GL_UNSIGNED_INT: 4,
                                    GL_FLOAT: 4, GL_2_BYTES: 2, GL_3_BYTES: 3, GL_4_BYTES: 4]
        guard let size = sizes[type] else { return recordError(GL_INVALID_ENUM, .glCallLists, GLEnumNames.describe(type)) }
        guard n > 0, let lists else { return }
        for i in 0..<Int(n) {
            let p = lists + i * size
            let offset: Int64
            switch type {
            case GL_BYTE: offset = Int64(p.loadUnaligned(as: Int8.self))
            case GL_UNSIGNED_BYTE: offset = Int64(p.loadUnaligned(as: UInt8.self))
            case GL_SHORT: offset = Int64(p.loadUnaligned(as: Int16.self))
            case GL_UNSIGNED_SHORT: offset = Int64(p.loadUnaligned(as: UInt16.self))
            case GL_INT: offset = Int64(p.loadUnaligned(as: Int32.self))
            case GL_UNSIGNED_INT: offset = Int64(p.loadUnaligned(as: UInt32.self))
            case GL_FLOAT: offset = Int64(p.loadUnaligned(as: Float.self))
            default:
                // GL_2/3/4_BYTES: big-endian bytes.
                offset = (0..<size).reduce(Int64(0)) { $0 << 8 | Int64(p.load(fromByteOffset: $1, as: UInt8.self)) }
            }
            callList(GLuint(truncatingIfNeeded: Int64(displayLists.base) + offset))
        }
    }

    /// glGenLists: `range` consecutive unused names (their first, 0 when `range` is 0 or none are free).
    func genLists(_ range: GLsizei) -> GLuint {
        guard range >= 0 else {
            recordError(GL_INVALID_VALUE, .glGenLists, "range < 0")
            return 0
        }
        guard range > 0 else { return 0 }
        var first: GLuint = 1
        while first <= GLuint.max - GLuint(range) {
            if let used = (first..<first + GLuint(range)).last(where: { displayLists.lists[$0] != nil }) {
                first = used + 1
                continue
            }
            for name in first..<first + GLuint(range) { displayLists.lists[name] = GLDisplayList() }
            return first
        }
        return 0
    }

    /// glDeleteLists: names `list` … `list + range - 1` (unused ones ignored).
    func deleteLists(_ list: GLuint, _ range: GLsizei) {
        guard range >= 0 else { return recordError(GL_INVALID_VALUE, .glDeleteLists, "range < 0") }
        for k in 0..<UInt64(range) {
            let name = UInt64(list) + k
            guard name <= UInt64(GLuint.max) else { break }
            displayLists.lists[GLuint(name)] = nil
        }
    }

    /// glGet of GL_LIST_INDEX, GL_LIST_MODE, GL_LIST_BASE and GL_MAX_LIST_NESTING (compatibility profile).
    func displayListQueryValue(_ pname: GLenum) -> GLQueryValue? {
        guard !isCoreProfile else { return nil }
        switch pname {
        case GL_LIST_INDEX: return .ints([Int64(displayLists.compiling?.name ?? 0)])
        case GL_LIST_MODE: return .enums([displayLists.compiling?.mode ?? 0])
        case GL_LIST_BASE: return .ints([Int64(displayLists.base)])
        case GL_MAX_LIST_NESTING: return .ints([Int64(GLDisplayListState.maxNesting)])
        default: return nil
        }
    }

    /// The enabled arrays of the bound vertex array for vertices `vertices` (indices into the arrays) and
    /// `instances` instances, copied packed; nil (GL_INVALID_OPERATION recorded) when an array cannot be read.
    func recordArrays(_ command: GLCommand, _ vertices: [Int], instances: Int) -> GLRecordedArrays? {
        var recorded = GLRecordedArrays(count: vertices.count)
        for (i, a) in vertexArray.attributes.enumerated() where a.enabled {
            let element = a.elementBytes
            let stride = a.effectiveStride == 0 ? element : a.effectiveStride
            let rows: [Int] = a.divisor == 0 ? vertices : Array(0..<max(1, (instances + Int(a.divisor) - 1) / Int(a.divisor)))
            let base: UnsafeRawPointer
            var limit = Int.max
            if let buffer = a.buffer {
                guard let p = buffer.bytes.withUnsafeBytes({ $0.baseAddress }) else {
                    recordError(GL_INVALID_OPERATION, command, "array \(i) has an empty buffer")
                    return nil
                }
                base = p + a.offset
                limit = buffer.size - a.offset
            } else if let p = UnsafeRawPointer(bitPattern: a.offset) {
                base = p
            } else {
                recordError(GL_INVALID_OPERATION, command, "array \(i) has no buffer or client memory")
                return nil
            }
            let bytes = GLDisplayListBytes(count: rows.count * element)
            for (k, row) in rows.enumerated() {
                guard row >= 0, row * stride + element <= limit else {
                    recordError(GL_INVALID_OPERATION, command, "array \(i) is read past its buffer's end")
                    return nil
                }
                (bytes.pointer + k * element).copyMemory(from: base + row * stride, byteCount: element)
            }
            var format = a
            format.buffer = nil
            recorded.attributes.append(.init(index: i, format: format, bytes: bytes))
        }
        return recorded
    }

    /// Draws `recorded` with `draw` (which reads vertices from 0) through a private vertex array over the list's
    /// copies, then restores the bound vertex array.
    func drawRecorded(_ recorded: GLRecordedArrays, _ draw: () -> Void) {
        let temporary = GLVertexArray(name: 0)
        for r in recorded.attributes {
            var a = r.format
            a.relativeOffset = 0
            a.bindingIndex = r.index
            a.stride = 0
            a.pointer = Int(bitPattern: r.bytes.pointer)
            temporary.attributes[r.index] = a
            temporary.bindings[r.index] = GLVertexBinding(buffer: nil, offset: Int(bitPattern: r.bytes.pointer), stride: a.elementBytes,
                                                          divisor: a.divisor, clientMemory: true)
            temporary.resolve(r.index)
        }
        let saved = vertexArray
        vertexArray = temporary
        state.dirty.insert(.vertexLayout)
        draw()
        vertexArray = saved
        state.dirty.insert(.vertexLayout)
    }

    /// The element indices of a glDrawElements call (from the element buffer or client memory); nil (error
    /// recorded) when they cannot be read.
    func recordedIndices(_ command: GLCommand, _ count: GLsizei, _ type: GLenum, _ indices: UnsafeRawPointer?) -> [Int]? {
        let size: Int
        switch type {
        case GL_UNSIGNED_BYTE: size = 1
        case GL_UNSIGNED_SHORT: size = 2
        case GL_UNSIGNED_INT: size = 4
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(type))
            return nil
        }
        guard count >= 0 else {
            recordError(GL_INVALID_VALUE, command, "count < 0")
            return nil
        }
        let n = Int(count)
        func read(_ p: UnsafeRawPointer) -> [Int] {
            (0..<n).map { k in
                switch size {
                case 1: return Int(p.load(fromByteOffset: k, as: UInt8.self))
                case 2: return Int(p.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))
                default: return Int(p.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self))
                }
            }
        }
        if let buffer = vertexArray.elementBuffer {
            let offset = Int(bitPattern: indices)
            guard offset >= 0, offset + n * size <= buffer.size, let p = buffer.bytes.withUnsafeBytes({ $0.baseAddress }) else {
                recordError(GL_INVALID_OPERATION, command, "indices past the element buffer's end")
                return nil
            }
            return read(p + offset)
        }
        guard let indices else { return n == 0 ? [] : nil }
        return read(indices)
    }
}

extension GLDispatch {
    /// Wraps `slot` so that inside glNewList the call is recorded (and runs now only in GL_COMPILE_AND_EXECUTE).
    /// For commands whose arguments are values (no pointers).
    private func compiled<A>(_ slot: inout ((GLContext, A) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a) }
            if c.compileIntoList({ inner($0, a) }) { inner(c, a) }
        }
    }

    private func compiled<A, B>(_ slot: inout ((GLContext, A, B) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a, b in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a, b) }
            if c.compileIntoList({ inner($0, a, b) }) { inner(c, a, b) }
        }
    }

    private func compiled<A, B, C>(_ slot: inout ((GLContext, A, B, C) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a, b, d in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a, b, d) }
            if c.compileIntoList({ inner($0, a, b, d) }) { inner(c, a, b, d) }
        }
    }

    private func compiled<A, B, C, D>(_ slot: inout ((GLContext, A, B, C, D) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a, b, d, e in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a, b, d, e) }
            if c.compileIntoList({ inner($0, a, b, d, e) }) { inner(c, a, b, d, e) }
        }
    }

    private func compiled<A, B, C, D, E>(_ slot: inout ((GLContext, A, B, C, D, E) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a, b, d, e, f in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a, b, d, e, f) }
            if c.compileIntoList({ inner($0, a, b, d, e, f) }) { inner(c, a, b, d, e, f) }
        }
    }

    private func compiled<A, B, C, D, E, F>(_ slot: inout ((GLContext, A, B, C, D, E, F) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c, a, b, d, e, f, g in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, a, b, d, e, f, g) }
            if c.compileIntoList({ inner($0, a, b, d, e, f, g) }) { inner(c, a, b, d, e, f, g) }
        }
    }

    private func compiled(_ slot: inout ((GLContext) -> Void)?) {
        guard let inner = slot else { return }
        slot = { c in
            guard c.displayLists.active, !c.immediate.active else { return inner(c) }
            if c.compileIntoList({ inner($0) }) { inner(c) }
        }
    }

    /// `(location, count, values)` vector setters: the `count × n` values copied.
    private func compiledVector<T>(_ slot: inout ((GLContext, GLint, GLsizei, UnsafePointer<T>?) -> Void)?, _ n: Int) {
        guard let inner = slot else { return }
        slot = { c, location, count, values in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, location, count, values) }
            let copy = values.map { Array(UnsafeBufferPointer(start: $0, count: max(0, Int(count)) * n)) }
            let run: (GLContext) -> Void = { c in
                guard let copy else { return inner(c, location, count, nil) }
                copy.withUnsafeBufferPointer { inner(c, location, count, $0.baseAddress) }
            }
            if c.compileIntoList(run) { run(c) }
        }
    }

    /// `(location, count, transpose, values)` matrix setters: the `count × n` values copied.
    private func compiledMatrix<T>(_ slot: inout ((GLContext, GLint, GLsizei, GLboolean, UnsafePointer<T>?) -> Void)?, _ n: Int) {
        guard let inner = slot else { return }
        slot = { c, location, count, transpose, values in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, location, count, transpose, values) }
            let copy = values.map { Array(UnsafeBufferPointer(start: $0, count: max(0, Int(count)) * n)) }
            let run: (GLContext) -> Void = { c in
                guard let copy else { return inner(c, location, count, transpose, nil) }
                copy.withUnsafeBufferPointer { inner(c, location, count, transpose, $0.baseAddress) }
            }
            if c.compileIntoList(run) { run(c) }
        }
    }

    /// `(enum, values)` setters with a fixed count of values (glPatchParameterfv, glClipPlane, glLoadMatrixf, …).
    private func compiledFixed<P, T>(_ slot: inout ((GLContext, P, UnsafePointer<T>?) -> Void)?, _ n: @escaping (P) -> Int) {
        guard let inner = slot else { return }
        slot = { c, p, values in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, p, values) }
            let copy = values.map { Array(UnsafeBufferPointer(start: $0, count: n(p))) }
            let run: (GLContext) -> Void = { c in
                guard let copy else { return inner(c, p, nil) }
                copy.withUnsafeBufferPointer { inner(c, p, $0.baseAddress) }
            }
            if c.compileIntoList(run) { run(c) }
        }
    }

    /// A one-pointer setter (glLoadMatrixf, glVertexAttrib4fv's value only …) with `n` values.
    private func compiledPointer<T>(_ slot: inout ((GLContext, UnsafePointer<T>?) -> Void)?, _ n: Int) {
        guard let inner = slot else { return }
        slot = { c, values in
            guard c.displayLists.active, !c.immediate.active else { return inner(c, values) }
            let copy = values.map { Array(UnsafeBufferPointer(start: $0, count: n)) }
            let run: (GLContext) -> Void = { c in
                guard let copy else { return inner(c, nil) }
                copy.withUnsafeBufferPointer { inner(c, $0.baseAddress) }
            }
            if c.compileIntoList(run) { run(c) }
        }
    }

    /// Compiled commands VirglGL implements but does not record: refused inside glNewList.
    static let refusedInLists: [GLCommand] = [
        .glDrawRangeElements, .glDrawElementsBaseVertex, .glDrawRangeElementsBaseVertex, .glDrawElementsInstancedBaseVertex,
        .glDrawArraysInstancedBaseInstance, .glDrawElementsInstancedBaseInstance, .glDrawElementsInstancedBaseVertexBaseInstance,
        .glMultiDrawArrays, .glMultiDrawElements, .glDrawArraysIndirect, .glDrawElementsIndirect, .glMultiDrawArraysIndirect,
        .glMultiDrawElementsIndirect, .glDrawTransformFeedback, .glDispatchCompute, .glDispatchComputeIndirect,
        .glTexImage1D, .glTexImage2D, .glTexImage3D, .glTexSubImage1D, .glTexSubImage2D, .glTexSubImage3D,
        .glTexParameteri, .glTexParameterf, .glTexParameteriv, .glTexParameterfv, .glBindSampler, .glBindImageTexture,
        .glBlitFramebuffer, .glCopyTexImage2D, .glCopyTexSubImage2D, .glClearBufferfv, .glClearBufferiv, .glClearBufferuiv,
        .glClearBufferfi, .glBeginQuery, .glEndQuery, .glBeginTransformFeedback, .glEndTransformFeedback,
        .glUniform1dv, .glUniform2dv, .glUniform3dv, .glUniform4dv, .glUniform1d, .glUniform2d, .glUniform3d, .glUniform4d,
        .glDrawBuffers, .glDrawBuffer, .glReadBuffer, .glMemoryBarrier,
    ]

    /// glNewList, glEndList, glCallList(s), glGenLists, glDeleteLists, glIsList, glListBase: in both tables.
    func installDisplayListCommands() {
        glNewList = { c, name, mode in c.newList(name, mode) }
        glEndList = { $0.endList() }
        glCallList = { c, name in c.callList(name) }
        glCallLists = { c, n, type, lists in
            guard c.displayLists.active else { return c.callLists(n, type, lists) }
            // Recorded with its names (GL_LIST_BASE is read when it runs).
            let sizes: [GLenum: Int] = [GL_BYTE: 1, GL_UNSIGNED_BYTE: 1, GL_SHORT: 2, GL_UNSIGNED_SHORT: 2, GL_INT: 4,
                                        GL_UNSIGNED_INT: 4, GL_FLOAT: 4, GL_2_BYTES: 2, GL_3_BYTES: 3, GL_4_BYTES: 4]
            let bytes = lists.map { Array(UnsafeRawBufferPointer(start: $0, count: max(0, Int(n)) * (sizes[type] ?? 0))) }
            let run: (GLContext) -> Void = { c in
                guard let bytes else { return c.callLists(n, type, nil) }
                bytes.withUnsafeBytes { c.callLists(n, type, $0.baseAddress) }
            }
            if c.compileIntoList(run) { run(c) }
        }
        glGenLists = { c, range in c.genLists(range) }
        glDeleteLists = { c, list, range in c.deleteLists(list, range) }
        glIsList = { c, name in c.displayLists.lists[name] != nil ? 1 : 0 }
        glListBase = { c, base in c.displayLists.base = base }
    }

    /// The recording wrappers of `GLDispatch.listCompiling` (after `installDisplayListCommands`).
    func installDisplayListRecording() {
        compiled(&glCallList)
        compiled(&glListBase)

        // Draws: the arrays' vertices are copied when the list is compiled.
        if let drawArrays = glDrawArrays, let drawArraysInstanced = glDrawArraysInstanced {
            glDrawArrays = { c, mode, first, count in
                guard c.displayLists.active else { return drawArrays(c, mode, first, count) }
                guard count >= 0, first >= 0 else { return c.recordError(GL_INVALID_VALUE, .glDrawArrays, "negative first or count") }
                guard let r = c.recordArrays(.glDrawArrays, Array(Int(first)..<Int(first) + Int(count)), instances: 1) else { return }
                let run: (GLContext) -> Void = { c in c.drawRecorded(r) { drawArrays(c, mode, 0, count) } }
                if c.compileIntoList(run) { run(c) }
            }
            glDrawArraysInstanced = { c, mode, first, count, instances in
                guard c.displayLists.active else { return drawArraysInstanced(c, mode, first, count, instances) }
                guard count >= 0, first >= 0, instances >= 0 else {
                    return c.recordError(GL_INVALID_VALUE, .glDrawArraysInstanced, "negative first, count or instance count")
                }
                guard let r = c.recordArrays(.glDrawArraysInstanced, Array(Int(first)..<Int(first) + Int(count)), instances: Int(instances)) else { return }
                let run: (GLContext) -> Void = { c in c.drawRecorded(r) { drawArraysInstanced(c, mode, 0, count, instances) } }
                if c.compileIntoList(run) { run(c) }
            }
            if glDrawElements != nil {
                let drawElements = glDrawElements!
                glDrawElements = { c, mode, count, type, indices in
                    guard c.displayLists.active else { return drawElements(c, mode, count, type, indices) }
                    guard let list = c.recordedIndices(.glDrawElements, count, type, indices),
                          let r = c.recordArrays(.glDrawElements, list, instances: 1) else { return }
                    let run: (GLContext) -> Void = { c in c.drawRecorded(r) { drawArrays(c, mode, 0, count) } }
                    if c.compileIntoList(run) { run(c) }
                }
            }
            if glDrawElementsInstanced != nil {
                let drawElementsInstanced = glDrawElementsInstanced!
                glDrawElementsInstanced = { c, mode, count, type, indices, instances in
                    guard c.displayLists.active else { return drawElementsInstanced(c, mode, count, type, indices, instances) }
                    guard instances >= 0 else { return c.recordError(GL_INVALID_VALUE, .glDrawElementsInstanced, "negative instance count") }
                    guard let list = c.recordedIndices(.glDrawElementsInstanced, count, type, indices),
                          let r = c.recordArrays(.glDrawElementsInstanced, list, instances: Int(instances)) else { return }
                    let run: (GLContext) -> Void = { c in c.drawRecorded(r) { drawArraysInstanced(c, mode, 0, count, instances) } }
                    if c.compileIntoList(run) { run(c) }
                }
            }
        }

        // State setters with value arguments.
        compiled(&glEnable); compiled(&glDisable); compiled(&glEnablei); compiled(&glDisablei)
        compiled(&glClear); compiled(&glClearColor); compiled(&glClearDepth); compiled(&glClearStencil)
        compiled(&glViewport); compiled(&glScissor); compiled(&glDepthRange); compiled(&glDepthFunc); compiled(&glDepthMask)
        compiled(&glBlendFunc); compiled(&glBlendFuncSeparate); compiled(&glBlendEquation); compiled(&glBlendEquationSeparate)
        compiled(&glBlendColor); compiled(&glColorMask); compiled(&glLogicOp)
        compiled(&glStencilFunc); compiled(&glStencilFuncSeparate); compiled(&glStencilOp); compiled(&glStencilOpSeparate)
        compiled(&glStencilMask); compiled(&glStencilMaskSeparate)
        compiled(&glCullFace); compiled(&glFrontFace); compiled(&glPolygonMode); compiled(&glPolygonOffset)
        compiled(&glLineWidth); compiled(&glPointSize); compiled(&glProvokingVertex); compiled(&glPrimitiveRestartIndex)
        compiled(&glSampleCoverage); compiled(&glMinSampleShading); compiled(&glHint)
        compiled(&glUseProgram); compiled(&glActiveTexture); compiled(&glBindTexture); compiled(&glClampColor)
        compiled(&glPatchParameteri)
        compiled(&glMatrixMode); compiled(&glLoadIdentity); compiled(&glPushMatrix); compiled(&glPopMatrix)
        compiled(&glTranslatef); compiled(&glRotatef); compiled(&glScalef); compiled(&glTranslated); compiled(&glRotated); compiled(&glScaled)
        compiled(&glOrtho); compiled(&glFrustum)
        compiled(&glVertexAttrib1f); compiled(&glVertexAttrib2f); compiled(&glVertexAttrib3f); compiled(&glVertexAttrib4f)
        compiled(&glUniform1f); compiled(&glUniform2f); compiled(&glUniform3f); compiled(&glUniform4f)
        compiled(&glUniform1i); compiled(&glUniform2i); compiled(&glUniform3i); compiled(&glUniform4i)
        compiled(&glUniform1ui); compiled(&glUniform2ui); compiled(&glUniform3ui); compiled(&glUniform4ui)

        // Setters that take pointers: their values are copied.
        compiledVector(&glUniform1fv, 1); compiledVector(&glUniform2fv, 2); compiledVector(&glUniform3fv, 3); compiledVector(&glUniform4fv, 4)
        compiledVector(&glUniform1iv, 1); compiledVector(&glUniform2iv, 2); compiledVector(&glUniform3iv, 3); compiledVector(&glUniform4iv, 4)
        compiledVector(&glUniform1uiv, 1); compiledVector(&glUniform2uiv, 2); compiledVector(&glUniform3uiv, 3); compiledVector(&glUniform4uiv, 4)
        compiledMatrix(&glUniformMatrix2fv, 4); compiledMatrix(&glUniformMatrix3fv, 9); compiledMatrix(&glUniformMatrix4fv, 16)
        compiledMatrix(&glUniformMatrix2x3fv, 6); compiledMatrix(&glUniformMatrix3x2fv, 6); compiledMatrix(&glUniformMatrix2x4fv, 8)
        compiledMatrix(&glUniformMatrix4x2fv, 8); compiledMatrix(&glUniformMatrix3x4fv, 12); compiledMatrix(&glUniformMatrix4x3fv, 12)
        if let inner = glUniformSubroutinesuiv {
            glUniformSubroutinesuiv = { c, stage, count, indices in
                guard c.displayLists.active, !c.immediate.active else { return inner(c, stage, count, indices) }
                let copy = indices.map { Array(UnsafeBufferPointer(start: $0, count: max(0, Int(count)))) }
                let run: (GLContext) -> Void = { c in
                    guard let copy else { return inner(c, stage, count, nil) }
                    copy.withUnsafeBufferPointer { inner(c, stage, count, $0.baseAddress) }
                }
                if c.compileIntoList(run) { run(c) }
            }
        }
        compiledFixed(&glPatchParameterfv) { $0 == GL_PATCH_DEFAULT_OUTER_LEVEL ? 4 : 2 }
        compiledFixed(&glClipPlane) { _ in 4 }
        compiledFixed(&glVertexAttrib4fv) { _ in 4 }
        compiledPointer(&glLoadMatrixf, 16); compiledPointer(&glMultMatrixf, 16)

        // The rest of what the spec compiles and VirglGL implements: refused while a list is compiled.
        for command in Self.refusedInLists { refuseInLists(command) }
    }

    /// Makes `command` record GL_INVALID_OPERATION (and log) inside glNewList instead of running at once.
    private func refuseInLists(_ command: GLCommand) {
        func refuse(_ c: GLContext) -> Bool {
            guard c.displayLists.active else { return false }
            c.recordError(GL_INVALID_OPERATION, command, "\(command.name) is not recorded into display lists by VirglGL yet")
            return true
        }
        switch command {
        case .glDrawRangeElements: if let f = glDrawRangeElements { glDrawRangeElements = { c, a, b, d, e, g, h in if !refuse(c) { f(c, a, b, d, e, g, h) } } }
        case .glDrawElementsBaseVertex: if let f = glDrawElementsBaseVertex { glDrawElementsBaseVertex = { c, a, b, d, e, g in if !refuse(c) { f(c, a, b, d, e, g) } } }
        case .glDrawRangeElementsBaseVertex: if let f = glDrawRangeElementsBaseVertex { glDrawRangeElementsBaseVertex = { c, a, b, d, e, g, h, i in if !refuse(c) { f(c, a, b, d, e, g, h, i) } } }
        case .glDrawElementsInstancedBaseVertex: if let f = glDrawElementsInstancedBaseVertex { glDrawElementsInstancedBaseVertex = { c, a, b, d, e, g, h in if !refuse(c) { f(c, a, b, d, e, g, h) } } }
        case .glDrawArraysInstancedBaseInstance: if let f = glDrawArraysInstancedBaseInstance { glDrawArraysInstancedBaseInstance = { c, a, b, d, e, g in if !refuse(c) { f(c, a, b, d, e, g) } } }
        case .glDrawElementsInstancedBaseInstance: if let f = glDrawElementsInstancedBaseInstance { glDrawElementsInstancedBaseInstance = { c, a, b, d, e, g, h in if !refuse(c) { f(c, a, b, d, e, g, h) } } }
        case .glDrawElementsInstancedBaseVertexBaseInstance: if let f = glDrawElementsInstancedBaseVertexBaseInstance { glDrawElementsInstancedBaseVertexBaseInstance = { c, a, b, d, e, g, h, i in if !refuse(c) { f(c, a, b, d, e, g, h, i) } } }
        case .glMultiDrawArrays: if let f = glMultiDrawArrays { glMultiDrawArrays = { c, a, b, d, e in if !refuse(c) { f(c, a, b, d, e) } } }
        case .glMultiDrawElements: if let f = glMultiDrawElements { glMultiDrawElements = { c, a, b, d, e, g in if !refuse(c) { f(c, a, b, d, e, g) } } }
        case .glDrawArraysIndirect: if let f = glDrawArraysIndirect { glDrawArraysIndirect = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glDrawElementsIndirect: if let f = glDrawElementsIndirect { glDrawElementsIndirect = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glMultiDrawArraysIndirect: if let f = glMultiDrawArraysIndirect { glMultiDrawArraysIndirect = { c, a, b, d, e in if !refuse(c) { f(c, a, b, d, e) } } }
        case .glMultiDrawElementsIndirect: if let f = glMultiDrawElementsIndirect { glMultiDrawElementsIndirect = { c, a, b, d, e, g in if !refuse(c) { f(c, a, b, d, e, g) } } }
        case .glDrawTransformFeedback: if let f = glDrawTransformFeedback { glDrawTransformFeedback = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glDispatchCompute: if let f = glDispatchCompute { glDispatchCompute = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glDispatchComputeIndirect: if let f = glDispatchComputeIndirect { glDispatchComputeIndirect = { c, a in if !refuse(c) { f(c, a) } } }
        case .glTexImage1D: if let f = glTexImage1D { glTexImage1D = { c, a, b, d, e, g, h, i, j in if !refuse(c) { f(c, a, b, d, e, g, h, i, j) } } }
        case .glTexImage2D: if let f = glTexImage2D { glTexImage2D = { c, a, b, d, e, g, h, i, j, k in if !refuse(c) { f(c, a, b, d, e, g, h, i, j, k) } } }
        case .glTexImage3D: if let f = glTexImage3D { glTexImage3D = { c, a, b, d, e, g, h, i, j, k, l in if !refuse(c) { f(c, a, b, d, e, g, h, i, j, k, l) } } }
        case .glTexSubImage1D: if let f = glTexSubImage1D { glTexSubImage1D = { c, a, b, d, e, g, h, i in if !refuse(c) { f(c, a, b, d, e, g, h, i) } } }
        case .glTexSubImage2D: if let f = glTexSubImage2D { glTexSubImage2D = { c, a, b, d, e, g, h, i, j, k in if !refuse(c) { f(c, a, b, d, e, g, h, i, j, k) } } }
        case .glTexSubImage3D: if let f = glTexSubImage3D { glTexSubImage3D = { c, a, b, d, e, g, h, i, j, k, l, m in if !refuse(c) { f(c, a, b, d, e, g, h, i, j, k, l, m) } } }
        case .glTexParameteri: if let f = glTexParameteri { glTexParameteri = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glTexParameterf: if let f = glTexParameterf { glTexParameterf = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glTexParameteriv: if let f = glTexParameteriv { glTexParameteriv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glTexParameterfv: if let f = glTexParameterfv { glTexParameterfv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glBindSampler: if let f = glBindSampler { glBindSampler = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glBindImageTexture: if let f = glBindImageTexture { glBindImageTexture = { c, a, b, d, e, g, h, i in if !refuse(c) { f(c, a, b, d, e, g, h, i) } } }
        case .glBlitFramebuffer: if let f = glBlitFramebuffer { glBlitFramebuffer = { c, a, b, d, e, g, h, i, j, k, l in if !refuse(c) { f(c, a, b, d, e, g, h, i, j, k, l) } } }
        case .glCopyTexImage2D: if let f = glCopyTexImage2D { glCopyTexImage2D = { c, a, b, d, e, g, h, i, j in if !refuse(c) { f(c, a, b, d, e, g, h, i, j) } } }
        case .glCopyTexSubImage2D: if let f = glCopyTexSubImage2D { glCopyTexSubImage2D = { c, a, b, d, e, g, h, i, j in if !refuse(c) { f(c, a, b, d, e, g, h, i, j) } } }
        case .glClearBufferfv: if let f = glClearBufferfv { glClearBufferfv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glClearBufferiv: if let f = glClearBufferiv { glClearBufferiv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glClearBufferuiv: if let f = glClearBufferuiv { glClearBufferuiv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glClearBufferfi: if let f = glClearBufferfi { glClearBufferfi = { c, a, b, d, e in if !refuse(c) { f(c, a, b, d, e) } } }
        case .glBeginQuery: if let f = glBeginQuery { glBeginQuery = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glEndQuery: if let f = glEndQuery { glEndQuery = { c, a in if !refuse(c) { f(c, a) } } }
        case .glBeginTransformFeedback: if let f = glBeginTransformFeedback { glBeginTransformFeedback = { c, a in if !refuse(c) { f(c, a) } } }
        case .glEndTransformFeedback: if let f = glEndTransformFeedback { glEndTransformFeedback = { c in if !refuse(c) { f(c) } } }
        case .glUniform1d: if let f = glUniform1d { glUniform1d = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glUniform2d: if let f = glUniform2d { glUniform2d = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glUniform3d: if let f = glUniform3d { glUniform3d = { c, a, b, d, e in if !refuse(c) { f(c, a, b, d, e) } } }
        case .glUniform4d: if let f = glUniform4d { glUniform4d = { c, a, b, d, e, g in if !refuse(c) { f(c, a, b, d, e, g) } } }
        case .glUniform1dv: if let f = glUniform1dv { glUniform1dv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glUniform2dv: if let f = glUniform2dv { glUniform2dv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glUniform3dv: if let f = glUniform3dv { glUniform3dv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glUniform4dv: if let f = glUniform4dv { glUniform4dv = { c, a, b, d in if !refuse(c) { f(c, a, b, d) } } }
        case .glDrawBuffers: if let f = glDrawBuffers { glDrawBuffers = { c, a, b in if !refuse(c) { f(c, a, b) } } }
        case .glDrawBuffer: if let f = glDrawBuffer { glDrawBuffer = { c, a in if !refuse(c) { f(c, a) } } }
        case .glReadBuffer: if let f = glReadBuffer { glReadBuffer = { c, a in if !refuse(c) { f(c, a) } } }
        case .glMemoryBarrier: if let f = glMemoryBarrier { glMemoryBarrier = { c, a in if !refuse(c) { f(c, a) } } }
        default: break
        }
    }
}
