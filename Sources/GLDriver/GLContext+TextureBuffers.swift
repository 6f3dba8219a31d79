import GLCore
import VirglProtocol
import VirglTransport

/// Buffer textures (GL 3.1): a buffer object's bytes read as a one-dimensional array of texels through a
/// sampler view on the buffer's own host resource (texelFetch on samplerBuffer).
struct GLTextureBufferBinding {
    var buffer: GLBufferObject
    var internalFormat: GLenum
    var format: GLFormatInfo
    var offset: Int
    /// Bytes from `offset`; 0: to the end of the buffer (glTexBuffer).
    var size: Int
}

extension GLContext {
    /// The internal formats a buffer texture takes (GL 4.6 table 8.18).
    static let bufferTextureFormats: Set<GLenum> = [
        GL_R8, GL_R16, GL_R16F, GL_R32F, GL_R8I, GL_R16I, GL_R32I, GL_R8UI, GL_R16UI, GL_R32UI,
        GL_RG8, GL_RG16, GL_RG16F, GL_RG32F, GL_RG8I, GL_RG16I, GL_RG32I, GL_RG8UI, GL_RG16UI, GL_RG32UI,
        GL_RGB32F, GL_RGB32I, GL_RGB32UI,
        GL_RGBA8, GL_RGBA16, GL_RGBA16F, GL_RGBA32F, GL_RGBA8I, GL_RGBA16I, GL_RGBA32I, GL_RGBA8UI, GL_RGBA16UI, GL_RGBA32UI,
    ]

    /// glTexBuffer / glTexBufferRange on the texture bound to GL_TEXTURE_BUFFER.
    func texBuffer(_ command: GLCommand, _ target: GLenum, _ internalFormat: GLenum, _ name: GLuint, _ offset: Int, _ size: Int?) {
        guard target == GL_TEXTURE_BUFFER else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target)) }
        guard GLContext.bufferTextureFormats.contains(internalFormat), let (_, info) = GLFormatTable.lookup(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat))")
        }
        guard let t = boundTexture(command, target) else { return }
        guard name != 0 else {
            t.textureBuffer = nil
            state.dirty.insert(.samplers)
            return
        }
        guard let b = buffers[name] else { return recordError(GL_INVALID_OPERATION, command, "\(name) is not a buffer object") }
        if let size {
            guard offset >= 0, size > 0, offset + size <= b.size else {
                return recordError(GL_INVALID_VALUE, command, "range \(offset)+\(size) outside a buffer of \(b.size) bytes")
            }
            guard offset % Int(state.limits.textureBufferOffsetAlignment) == 0 else {
                return recordError(GL_INVALID_VALUE, command, "offset \(offset) not a multiple of GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT")
            }
        }
        t.textureBuffer = GLTextureBufferBinding(buffer: b, internalFormat: internalFormat, format: info, offset: offset, size: size ?? 0)
        state.dirty.insert(.samplers)
    }

    /// The sampler view of the buffer texture on `unit`: over its buffer's elements (texels), made again when the
    /// buffer's storage or the range changes. A unit without a buffer reads zeros from a small buffer of its own.
    func bufferTextureView(_ unit: Int, _ command: GLCommand) -> UInt32? {
        let t = textureUnits[unit][GL_TEXTURE_BUFFER]
        let zeros: GLTextureBufferBinding
        if let tb = t?.textureBuffer, tb.buffer.resource != nil {
            zeros = tb
        } else {
            if emptyTextureBuffer == nil {
                let b = GLBufferObject(name: 0)
                bufferStore(command, b, GL_TEXTURE_BUFFER, 16, nil, GL_STATIC_DRAW)
                emptyTextureBuffer = b
            }
            guard let b = emptyTextureBuffer, let (_, info) = GLFormatTable.lookup(GL_RGBA32F) else { return nil }
            zeros = GLTextureBufferBinding(buffer: b, internalFormat: GL_RGBA32F, format: info, offset: 0, size: 0)
        }
        guard let r = zeros.buffer.resource else { return nil }
        zeros.buffer.readAsTextureBuffer = true
        let texel = zeros.format.bytesPerTexel
        let bytes = zeros.size > 0 ? min(zeros.size, zeros.buffer.size - zeros.offset) : zeros.buffer.size - zeros.offset
        let first = UInt32(zeros.offset / texel)
        // A range of no whole texel still needs a view: one texel (GL reads zeros past the end).
        let last = first + UInt32(max(1, bytes / texel)) - 1
        let key = BufferViewKey(resource: r.id, format: zeros.format.virgl.rawValue, first: first, last: last)
        let owner = t ?? emptyTextureBufferTexture
        if let v = owner.view, owner.bufferViewKey == key { return v }
        if let v = owner.view { commands.encodeDestroyObject(.samplerView, handle: v) }
        let h = newObjectHandle()
        commands.encodeCreateSamplerView(
            handle: h, resHandle: r.id, format: zeros.format.virgl.rawValue | VirglTextureTarget.buffer.rawValue << 24,
            firstLayer: first, firstLevel: last, swizzle: GLContext.virglSwizzle([GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA]))
        owner.view = h
        owner.bufferViewKey = key
        return h
    }
}

extension GLContext {
    /// glGetTexLevelParameter* of a buffer texture (GL 4.6 table 23.18, ARB_texture_buffer_range): the buffer,
    /// its range (the whole buffer after glTexBuffer), the texels it holds and their format. Nil: a parameter
    /// answered as for other textures.
    func bufferTextureLevelValue(_ t: GLTexture, _ level: GLint, _ pname: GLenum) -> GLQueryValue? {
        let tb = t.textureBuffer
        let size = tb.map { $0.size > 0 ? $0.size : $0.buffer.size } ?? 0
        switch pname {
        case GL_TEXTURE_BUFFER_DATA_STORE_BINDING: return .ints([Int64(tb?.buffer.name ?? 0)])
        case GL_TEXTURE_BUFFER_OFFSET: return .ints([Int64(tb?.offset ?? 0)])
        case GL_TEXTURE_BUFFER_SIZE: return .ints([Int64(size)])
        case GL_TEXTURE_WIDTH: return .ints([Int64(tb.map { size / $0.format.bytesPerTexel } ?? 0)])
        case GL_TEXTURE_HEIGHT, GL_TEXTURE_DEPTH: return .ints([tb == nil ? 0 : 1])
        case GL_TEXTURE_INTERNAL_FORMAT: return tb.map { .enums([$0.internalFormat]) } ?? .enums([GL_RGBA8])
        default: return nil
        }
    }
}

/// What a buffer texture's sampler view was made over.
struct BufferViewKey: Equatable {
    var resource: UInt32
    var format: UInt32
    var first: UInt32
    var last: UInt32
}

extension GLDispatch {
    func installTextureBuffers() {
        glTexBuffer = { c, target, format, buffer in c.texBuffer(.glTexBuffer, target, format, buffer, 0, nil) }
        glTexBufferRange = { c, target, format, buffer, offset, size in c.texBuffer(.glTexBufferRange, target, format, buffer, offset, size) }
    }
}
