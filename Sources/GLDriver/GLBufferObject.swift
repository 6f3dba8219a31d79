import GLCore
import VirglTransport

/// virgl bind flags the driver gives buffer resources (virgl_hw.h's VIRGL_BIND_*).
enum VirglBufferBind {
    static let vertexBuffer: UInt32 = 1 << 4
    static let indexBuffer: UInt32 = 1 << 5
    static let constantBuffer: UInt32 = 1 << 6
    static let commandArgs: UInt32 = 1 << 8
    static let streamOutput: UInt32 = 1 << 11
    static let shaderBuffer: UInt32 = 1 << 14
    static let queryBuffer: UInt32 = 1 << 15
    static let samplerView: UInt32 = 1 << 3
    /// virgl format of a byte-addressed buffer (R8_UNORM).
    static let byteFormat: UInt32 = 64
}

/// A buffer object: a host buffer resource and the client's copy of its bytes (the copy answers
/// glGetBufferSubData and maps; the host one feeds draws).
final class GLBufferObject {
    let name: GLuint
    var size = 0
    var usage: GLenum = GL_STATIC_DRAW
    var immutable = false
    var storageFlags: GLbitfield = 0
    var bytes: GLAlignedBytes = []
    var resource: VirglResource?
    var mapping: Mapping?
    /// The host resource holds newer bytes than `bytes` (transform feedback wrote it): read it back before
    /// the client copy is read.
    var hostWritten = false
    /// A buffer texture has read it (writes after draws wait for them, see `upload`).
    var readAsTextureBuffer = false
    /// A shader storage block has used it (writes after draws wait for them, as for buffer textures).
    var usedAsStorage = false

    struct Mapping {
        var offset: Int
        var length: Int
        var access: GLbitfield
    }

    init(name: GLuint) { self.name = name }

    /// The bind flag a buffer first given data through `target` is created with (any buffer can later be bound
    /// anywhere; the flag picks the host's creation target).
    static func bind(for target: GLenum) -> UInt32 {
        switch target {
        case GL_ELEMENT_ARRAY_BUFFER: return VirglBufferBind.indexBuffer
        case GL_UNIFORM_BUFFER: return VirglBufferBind.constantBuffer
        case GL_TEXTURE_BUFFER: return VirglBufferBind.samplerView
        case GL_SHADER_STORAGE_BUFFER, GL_ATOMIC_COUNTER_BUFFER: return VirglBufferBind.shaderBuffer
        case GL_TRANSFORM_FEEDBACK_BUFFER: return VirglBufferBind.streamOutput
        case GL_DRAW_INDIRECT_BUFFER, GL_DISPATCH_INDIRECT_BUFFER: return VirglBufferBind.commandArgs
        case GL_QUERY_BUFFER: return VirglBufferBind.queryBuffer
        default: return VirglBufferBind.vertexBuffer
        }
    }
}

extension GLContext {
    static let bufferTargets: Set<GLenum> = [
        GL_ARRAY_BUFFER, GL_ATOMIC_COUNTER_BUFFER, GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, GL_DISPATCH_INDIRECT_BUFFER,
        GL_DRAW_INDIRECT_BUFFER, GL_ELEMENT_ARRAY_BUFFER, GL_PIXEL_PACK_BUFFER, GL_PIXEL_UNPACK_BUFFER, GL_QUERY_BUFFER,
        GL_SHADER_STORAGE_BUFFER, GL_TEXTURE_BUFFER, GL_TRANSFORM_FEEDBACK_BUFFER, GL_UNIFORM_BUFFER,
    ]
    static let bufferUsages: Set<GLenum> = [
        GL_STREAM_DRAW, GL_STREAM_READ, GL_STREAM_COPY, GL_STATIC_DRAW, GL_STATIC_READ, GL_STATIC_COPY,
        GL_DYNAMIC_DRAW, GL_DYNAMIC_READ, GL_DYNAMIC_COPY,
    ]

    /// The buffer bound to `target` (the VAO's element buffer for GL_ELEMENT_ARRAY_BUFFER).
    func boundBuffer(_ target: GLenum) -> GLBufferObject? {
        target == GL_ELEMENT_ARRAY_BUFFER ? vertexArray.elementBuffer : bufferBindings[target]
    }

    /// The buffer bound to `target`, or nil with GL_INVALID_ENUM (bad target) or GL_INVALID_OPERATION (none).
    func bufferForCommand(_ command: GLCommand, _ target: GLenum) -> GLBufferObject? {
        guard check(target, in: Self.bufferTargets, command, "target") else { return nil }
        guard let b = boundBuffer(target) else {
            recordError(GL_INVALID_OPERATION, command, "no buffer bound to \(GLEnumNames.describe(target))")
            return nil
        }
        return b
    }

    func genBuffers(_ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        _ = generateNames(.glGenBuffers, n, out, &buffers)
    }

    func createBuffers(_ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        for name in generateNames(.glCreateBuffers, n, out, &buffers) {
            _ = buffers.object(name) { GLBufferObject(name: name) }
        }
    }

    func bindBuffer(_ target: GLenum, _ name: GLuint) {
        guard name != 0 else {
            if target == GL_ELEMENT_ARRAY_BUFFER { vertexArray.elementBuffer = nil } else { bufferBindings[target] = nil }
            state.dirty.insert(.vertexLayout)
            return
        }
        guard let b = buffers.object(name, creatingUnreserved: bindsCreateObjects, make: { GLBufferObject(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, .glBindBuffer, "\(name) is not a name from glGenBuffers")
        }
        if target == GL_ELEMENT_ARRAY_BUFFER { vertexArray.elementBuffer = b } else { bufferBindings[target] = b }
        if target == GL_ELEMENT_ARRAY_BUFFER || target == GL_ARRAY_BUFFER { state.dirty.insert(.vertexLayout) }
    }

    func deleteBuffers(_ n: GLsizei, _ names: UnsafePointer<GLuint>?) {
        for name in namesToDelete(.glDeleteBuffers, n, names) {
            guard let b = buffers.delete(name) else { continue }
            // Deleting a bound buffer unbinds it everywhere in this context (GL 4.6, 5.1.2).
            for (t, bound) in bufferBindings where bound === b { bufferBindings[t] = nil }
            for (i, binding) in uniformBufferBindings where binding.buffer === b { uniformBufferBindings[i] = nil }
            unbindDeletedStorageBuffer(b)
            atomicCounterState.unbind(b)
            for i in 0..<transformFeedback.bindings.count where transformFeedback.bindings[i]?.buffer === b { transformFeedback.bindings[i] = nil }
            if vertexArray.elementBuffer === b { vertexArray.elementBuffer = nil }
            vertexArray.detach(b)
            if let r = b.resource { releaseResource(r) }
            // Nothing may reach the released resource through an object still holding the buffer (another
            // vertex array, a buffer texture): it reads as a buffer without storage.
            b.resource = nil
            b.mapping = nil
            coherentMappings.removeAll { $0 === b }
            b.size = 0
            b.bytes = []
            state.dirty.insert([.vertexLayout, .constants, .samplers])
        }
    }

    /// Replaces a buffer's store: a new host resource of `size` bytes, filled from `data` when given.
    func bufferStore(_ command: GLCommand, _ b: GLBufferObject, _ target: GLenum, _ size: Int, _ data: UnsafeRawPointer?, _ usage: GLenum) {
        guard size >= 0 else { return recordError(GL_INVALID_VALUE, command, "size \(size) < 0") }
        guard size <= 1 << 30 else { return recordError(GL_OUT_OF_MEMORY, command, "size \(size) over 1 GiB") }
        guard !b.immutable else { return recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is immutable") }
        b.mapping = nil
        coherentMappings.removeAll { $0 === b }
        b.hostWritten = false
        if let r = b.resource { releaseResource(r) }
        b.resource = nil
        b.size = size
        b.usage = usage
        b.bytes = data.map { GLAlignedBytes(UnsafeRawBufferPointer(start: $0, count: size)) } ?? GLAlignedBytes(count: size)
        guard size > 0 else { return }
        let info = VirglResourceInfo(
            target: 0, format: VirglBufferBind.byteFormat, bind: GLBufferObject.bind(for: target), width: UInt32(size),
            bytesPerTexel: 1)
        b.resource = withHost(command) { try $0.createResource(info) }
        if data != nil { upload(command, b, 0, size) }
        state.dirty.insert([.vertexLayout, .constants])
    }

    /// Sends bytes `offset..<offset+length` of the client copy to the host resource.
    func upload(_ command: GLCommand, _ b: GLBufferObject, _ offset: Int, _ length: Int) {
        guard let r = b.resource, length > 0 else { return }
        flushBeforeWrite()
        if (b.readAsTextureBuffer || b.usedAsStorage) && drawsSinceWait > 0 {
            // The host's llvmpipe does not order a write into a buffer after earlier draws that read it as a
            // buffer texture: wait for them (as Mesa's virgl driver waits on a busy resource).
            withHost(command) { try $0.wait(r) }
            drawsSinceWait = 0
        }
        withHost(command) { host in
            try b.bytes.withUnsafeBytes {
                try host.write(
                    r, level: 0, box: VirglBox(x: UInt32(offset), width: UInt32(length)),
                    data: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length]), stride: length, layerStride: length)
            }
        }
    }

    /// Brings the client copy up to date with what the host wrote into the buffer (transform feedback, atomic
    /// counters).
    func syncFromHost(_ command: GLCommand, _ b: GLBufferObject) {
        guard b.hostWritten, let r = b.resource, b.size > 0 else { return }
        // Shader writes (storage buffers) reach buffer reads on the host only after a barrier.
        commands.encodeMemoryBarrier(flags: GLContext.hostBarrierAll)
        flushCommands()
        if drawsSinceWait > 0 {
            // The host's llvmpipe rasterizes after the draw returns, and reading a buffer does not wait for the
            // fragment shaders still counting into it: wait for the draws (as Mesa's virgl driver waits on a busy
            // resource before it maps it).
            withHost(command) { try $0.wait(r) }
            drawsSinceWait = 0
        }
        withHost(command) { host in
            try b.bytes.withUnsafeMutableBytes {
                try host.read(r, level: 0, box: VirglBox(x: 0, width: UInt32(b.size)), into: $0, stride: b.size, layerStride: b.size)
            }
        }
        // Still captured into: the next draw marks it again.
        b.hostWritten = false
    }

    /// Checks `offset`/`size` against a buffer of `total` bytes (GL_INVALID_VALUE when outside).
    func checkRange(_ command: GLCommand, _ offset: Int, _ size: Int, _ total: Int) -> Bool {
        guard offset >= 0, size >= 0, offset <= total, size <= total - offset else {
            recordError(GL_INVALID_VALUE, command, "range \(offset)+\(size) outside a buffer of \(total) bytes")
            return false
        }
        return true
    }

    func bufferSubData(_ command: GLCommand, _ b: GLBufferObject, _ offset: Int, _ size: Int, _ data: UnsafeRawPointer?) {
        guard checkRange(command, offset, size, b.size) else { return }
        guard b.mapping == nil || b.mapping!.access & GL_MAP_PERSISTENT_BIT != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is mapped")
        }
        guard !b.immutable || b.storageFlags & GL_DYNAMIC_STORAGE_BIT != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "immutable buffer \(b.name) without GL_DYNAMIC_STORAGE_BIT")
        }
        guard let data, size > 0 else { return }
        b.bytes.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: offset).copyMemory(from: data, byteCount: size) }
        upload(command, b, offset, size)
    }

    func getBufferSubData(_ command: GLCommand, _ b: GLBufferObject, _ offset: Int, _ size: Int, _ data: UnsafeMutableRawPointer?) {
        guard checkRange(command, offset, size, b.size) else { return }
        guard b.mapping == nil || b.mapping!.access & GL_MAP_PERSISTENT_BIT != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is mapped")
        }
        guard let data, size > 0 else { return }
        syncFromHost(command, b)
        b.bytes.withUnsafeBytes { data.copyMemory(from: $0.baseAddress!.advanced(by: offset), byteCount: size) }
    }

    /// glMapBufferRange: the client copy is the mapping; writes reach the host at unmap or explicit flush.
    func mapBufferRange(_ command: GLCommand, _ b: GLBufferObject, _ offset: Int, _ length: Int, _ access: GLbitfield) -> UnsafeMutableRawPointer? {
        let rw = access & (GL_MAP_READ_BIT | GL_MAP_WRITE_BIT)
        guard offset >= 0, length > 0, offset <= b.size, length <= b.size - offset else {
            recordError(GL_INVALID_VALUE, command, "range \(offset)+\(length) outside a buffer of \(b.size) bytes")
            return nil
        }
        guard rw != 0,
            access & GL_MAP_READ_BIT == 0 || access & (GL_MAP_INVALIDATE_RANGE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT | GL_MAP_UNSYNCHRONIZED_BIT) == 0,
            access & GL_MAP_FLUSH_EXPLICIT_BIT == 0 || access & GL_MAP_WRITE_BIT != 0
        else {
            recordError(GL_INVALID_OPERATION, command, "access flags 0x\(String(access, radix: 16)) are not a valid combination")
            return nil
        }
        guard b.mapping == nil else {
            recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is already mapped")
            return nil
        }
        guard !b.immutable || (access & ~b.storageFlags & (GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT)) == 0 else {
            recordError(GL_INVALID_OPERATION, command, "access not allowed by the buffer's storage flags")
            return nil
        }
        syncFromHost(command, b)
        b.mapping = GLBufferObject.Mapping(offset: offset, length: length, access: access)
        if access & (GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT | GL_MAP_WRITE_BIT) == GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT | GL_MAP_WRITE_BIT {
            coherentMappings.append(b)
        }
        return b.bytes.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: offset) }
    }

    func flushMappedRange(_ command: GLCommand, _ b: GLBufferObject, _ offset: Int, _ length: Int) {
        guard let m = b.mapping, m.access & GL_MAP_FLUSH_EXPLICIT_BIT != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is not mapped with GL_MAP_FLUSH_EXPLICIT_BIT")
        }
        guard offset >= 0, length >= 0, offset + length <= m.length else {
            return recordError(GL_INVALID_VALUE, command, "range \(offset)+\(length) outside the mapped \(m.length) bytes")
        }
        upload(command, b, m.offset + offset, length)
    }

    func unmapBuffer(_ command: GLCommand, _ b: GLBufferObject) -> GLboolean {
        guard let m = b.mapping else {
            recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is not mapped")
            return 0
        }
        b.mapping = nil
        coherentMappings.removeAll { $0 === b }
        if m.access & GL_MAP_WRITE_BIT != 0 && m.access & GL_MAP_FLUSH_EXPLICIT_BIT == 0 {
            upload(command, b, m.offset, m.length)
        }
        return 1
    }

    func bufferParameter(_ command: GLCommand, _ b: GLBufferObject, _ pname: GLenum) -> Int64? {
        switch pname {
        case GL_BUFFER_SIZE: return Int64(b.size)
        case GL_BUFFER_USAGE: return Int64(b.usage)
        case GL_BUFFER_MAPPED: return b.mapping == nil ? 0 : 1
        case GL_BUFFER_ACCESS_FLAGS: return Int64(b.mapping?.access ?? 0)
        case GL_BUFFER_MAP_OFFSET: return Int64(b.mapping?.offset ?? 0)
        case GL_BUFFER_MAP_LENGTH: return Int64(b.mapping?.length ?? 0)
        case GL_BUFFER_IMMUTABLE_STORAGE: return b.immutable ? 1 : 0
        case GL_BUFFER_STORAGE_FLAGS: return Int64(b.storageFlags)
        case GL_BUFFER_ACCESS:
            guard let m = b.mapping else { return Int64(GL_READ_WRITE) }
            let rw = m.access & (GL_MAP_READ_BIT | GL_MAP_WRITE_BIT)
            return Int64(rw == GL_MAP_READ_BIT ? GL_READ_ONLY : rw == GL_MAP_WRITE_BIT ? GL_WRITE_ONLY : GL_READ_WRITE)
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }

    func copyBufferSubData(_ command: GLCommand, _ src: GLBufferObject, _ dst: GLBufferObject, _ readOffset: Int, _ writeOffset: Int, _ size: Int) {
        guard checkRange(command, readOffset, size, src.size), checkRange(command, writeOffset, size, dst.size) else { return }
        // A persistent mapping does not stop a copy (GL 4.6, 6.6): the copy lands in the client copy, which is
        // the mapping, so the application sees it there.
        func mappedNonPersistently(_ b: GLBufferObject) -> Bool { b.mapping.map { $0.access & GL_MAP_PERSISTENT_BIT == 0 } ?? false }
        guard !mappedNonPersistently(src), !mappedNonPersistently(dst) else {
            return recordError(GL_INVALID_OPERATION, command, "a buffer is mapped")
        }
        guard src !== dst || readOffset + size <= writeOffset || writeOffset + size <= readOffset else {
            return recordError(GL_INVALID_VALUE, command, "overlapping ranges in one buffer")
        }
        guard size > 0 else { return }
        syncFromHost(command, src)
        syncFromHost(command, dst)
        let bytes = Array(src.bytes[readOffset..<readOffset + size])
        // In place: a mapping's pointer stays valid.
        dst.bytes.withUnsafeMutableBytes { d in
            bytes.withUnsafeBytes { d.baseAddress!.advanced(by: writeOffset).copyMemory(from: $0.baseAddress!, byteCount: size) }
        }
        upload(command, dst, writeOffset, size)
    }
}

extension GLDispatch {
    func installBuffers() {
        glGenBuffers = { $0.genBuffers($1, $2) }
        glCreateBuffers = { $0.createBuffers($1, $2) }
        glDeleteBuffers = { $0.deleteBuffers($1, $2) }
        glIsBuffer = { c, name in c.buffers[name] != nil ? 1 : 0 }
        glBindBuffer = { $0.bindBuffer($1, $2) }
        glBufferData = { c, target, size, data, usage in
            guard c.check(usage, in: GLContext.bufferUsages, .glBufferData, "usage") else { return }
            guard let b = c.bufferForCommand(.glBufferData, target) else { return }
            c.bufferStore(.glBufferData, b, target, size, data, usage)
        }
        glNamedBufferData = { c, name, size, data, usage in
            guard c.check(usage, in: GLContext.bufferUsages, .glNamedBufferData, "usage") else { return }
            guard let b = c.buffers[name] else { return c.recordError(GL_INVALID_OPERATION, .glNamedBufferData, "no buffer \(name)") }
            c.bufferStore(.glNamedBufferData, b, GL_ARRAY_BUFFER, size, data, usage)
        }
        glBufferStorage = { c, target, size, data, flags in
            guard let b = c.bufferForCommand(.glBufferStorage, target) else { return }
            guard size > 0 else { return c.recordError(GL_INVALID_VALUE, .glBufferStorage, "size \(size) ≤ 0") }
            c.bufferStore(.glBufferStorage, b, target, size, data, GL_DYNAMIC_DRAW)
            b.immutable = true
            b.storageFlags = flags
        }
        glBufferSubData = { c, target, offset, size, data in
            guard let b = c.bufferForCommand(.glBufferSubData, target) else { return }
            c.bufferSubData(.glBufferSubData, b, offset, size, data)
        }
        glNamedBufferSubData = { c, name, offset, size, data in
            guard let b = c.buffers[name] else { return c.recordError(GL_INVALID_OPERATION, .glNamedBufferSubData, "no buffer \(name)") }
            c.bufferSubData(.glNamedBufferSubData, b, offset, size, data)
        }
        glGetBufferSubData = { c, target, offset, size, data in
            guard let b = c.bufferForCommand(.glGetBufferSubData, target) else { return }
            c.getBufferSubData(.glGetBufferSubData, b, offset, size, data)
        }
        glMapBufferRange = { c, target, offset, length, access in
            guard let b = c.bufferForCommand(.glMapBufferRange, target) else { return nil }
            return c.mapBufferRange(.glMapBufferRange, b, offset, length, access)
        }
        glMapBuffer = { c, target, access in
            let bits: [GLenum: GLbitfield] = [GL_READ_ONLY: GL_MAP_READ_BIT, GL_WRITE_ONLY: GL_MAP_WRITE_BIT, GL_READ_WRITE: GL_MAP_READ_BIT | GL_MAP_WRITE_BIT]
            guard let flags = bits[access] else {
                c.recordError(GL_INVALID_ENUM, .glMapBuffer, "access \(GLEnumNames.describe(access))")
                return nil
            }
            guard let b = c.bufferForCommand(.glMapBuffer, target) else { return nil }
            guard b.size > 0 else { return nil }
            return c.mapBufferRange(.glMapBuffer, b, 0, b.size, flags)
        }
        glFlushMappedBufferRange = { c, target, offset, length in
            guard let b = c.bufferForCommand(.glFlushMappedBufferRange, target) else { return }
            c.flushMappedRange(.glFlushMappedBufferRange, b, offset, length)
        }
        glUnmapBuffer = { c, target in
            guard let b = c.bufferForCommand(.glUnmapBuffer, target) else { return 0 }
            return c.unmapBuffer(.glUnmapBuffer, b)
        }
        glGetBufferParameteriv = { c, target, pname, out in
            guard let b = c.bufferForCommand(.glGetBufferParameteriv, target),
                let v = c.bufferParameter(.glGetBufferParameteriv, b, pname)
            else { return }
            out?.pointee = GLint(truncatingIfNeeded: v)
        }
        glGetBufferParameteri64v = { c, target, pname, out in
            guard let b = c.bufferForCommand(.glGetBufferParameteri64v, target),
                let v = c.bufferParameter(.glGetBufferParameteri64v, b, pname)
            else { return }
            out?.pointee = v
        }
        glCopyBufferSubData = { c, readTarget, writeTarget, readOffset, writeOffset, size in
            guard let src = c.bufferForCommand(.glCopyBufferSubData, readTarget),
                let dst = c.bufferForCommand(.glCopyBufferSubData, writeTarget)
            else { return }
            c.copyBufferSubData(.glCopyBufferSubData, src, dst, readOffset, writeOffset, size)
        }
        glBindBufferBase = { c, target, index, name in c.bindBufferRange(.glBindBufferBase, target, index, name, 0, 0) }
        glBindBufferRange = { c, target, index, name, offset, size in
            guard name == 0 || size > 0 else { return c.recordError(GL_INVALID_VALUE, .glBindBufferRange, "size \(size) ≤ 0") }
            c.bindBufferRange(.glBindBufferRange, target, index, name, offset, size)
        }
    }
}

extension GLContext {
    /// glBindBufferBase/Range for an indexed target whose binding points are kept in `bindings` (atomic counter
    /// and storage buffers): the index below `limit`, the offset a multiple of `alignment` (GL_INVALID_VALUE
    /// otherwise); name 0 unbinds the point. The generic binding follows.
    func bindIndexedBuffer(
        _ command: GLCommand, _ target: GLenum, _ index: GLuint, _ name: GLuint, _ offset: Int, _ size: Int, limit: Int, limitName: String,
        alignment: Int, alignmentName: String, _ bindings: inout [GLuint: (buffer: GLBufferObject, offset: Int, size: Int)]
    ) {
        guard Int(index) < limit else { return recordError(GL_INVALID_VALUE, command, "index \(index) ≥ \(limitName)") }
        guard offset >= 0, offset % alignment == 0 else {
            return recordError(GL_INVALID_VALUE, command, "offset \(offset) is not a multiple of \(alignmentName)")
        }
        if name == 0 {
            bindings[index] = nil
            bufferBindings[target] = nil
            return
        }
        guard let b = buffers.object(name, creatingUnreserved: bindsCreateObjects, make: { GLBufferObject(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenBuffers")
        }
        bindings[index] = (b, offset, size)
        bufferBindings[target] = b
    }

    /// glBindBufferBase/Range: transform feedback, storage and atomic counter buffers through their own paths,
    /// uniform buffers here.
    func bindBufferRange(_ command: GLCommand, _ target: GLenum, _ index: GLuint, _ name: GLuint, _ offset: Int, _ size: Int) {
        if target == GL_TRANSFORM_FEEDBACK_BUFFER { return bindTransformFeedbackBuffer(command, index, name, offset, size) }
        if target == GL_SHADER_STORAGE_BUFFER { return bindStorageBuffer(command, index, name, offset, size) }
        if target == GL_ATOMIC_COUNTER_BUFFER { return bindAtomicCounterBuffer(command, index, name, offset, size) }
        guard target == GL_UNIFORM_BUFFER else {
            return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))")
        }
        guard Int(index) < Int(state.limits.maxUniformBufferBindings) else {
            return recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_UNIFORM_BUFFER_BINDINGS")
        }
        guard offset >= 0, offset % Int(state.limits.uniformBufferOffsetAlignment) == 0 else {
            return recordError(GL_INVALID_VALUE, command, "offset \(offset) not a multiple of GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT")
        }
        if name == 0 {
            uniformBufferBindings[index] = nil
        } else {
            guard let b = buffers.object(name, creatingUnreserved: bindsCreateObjects, make: { GLBufferObject(name: name) }) else {
                return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenBuffers")
            }
            uniformBufferBindings[index] = (b, offset, size)
            bufferBindings[target] = b
        }
        state.dirty.insert(.constants)
    }
}
