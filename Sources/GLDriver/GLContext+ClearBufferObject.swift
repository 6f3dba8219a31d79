import GLCore

/// ARB_clear_buffer_object (GL 4.3 §6.5.1): glClearBufferData / glClearBufferSubData fill a range of a buffer
/// with one element of a buffer-texture internal format, converted from the client's format and type. The fill
/// lands in the buffer's client copy and is uploaded to its host resource.
extension GLContext {
    /// glClearBufferSubData (`range` nil: glClearBufferData, the whole buffer).
    func clearBufferSubData(
        _ command: GLCommand, _ target: GLenum, _ internalFormat: GLenum, _ range: (offset: Int, size: Int)?, _ format: GLenum,
        _ type: GLenum, _ data: UnsafeRawPointer?
    ) {
        guard check(target, in: Self.bufferTargets, command, "target") else { return }
        guard let b = boundBuffer(target) else {
            return recordError(GL_INVALID_VALUE, command, "no buffer bound to \(GLEnumNames.describe(target))")
        }
        guard GLContext.bufferTextureFormats.contains(internalFormat), let (_, info) = GLFormatTable.lookup(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat))")
        }
        let (offset, size) = range ?? (0, b.size)
        guard checkRange(command, offset, size, b.size) else { return }
        let element = info.bytesPerTexel
        guard offset % element == 0, size % element == 0 else {
            return recordError(GL_INVALID_VALUE, command, "offset \(offset) or size \(size) not a multiple of \(element) bytes")
        }
        guard GLPixelConversion.components(format) != nil, GLPixelConversion.clientPixelSize(format, type) != nil else {
            return recordError(GL_INVALID_VALUE, command, "format \(GLEnumNames.describe(format)) / type \(GLEnumNames.describe(type))")
        }
        guard GLPixelConversion.isIntegerFormat(format) == info.isInteger else {
            return recordError(GL_INVALID_OPERATION, command, "integer and non-integer formats mixed")
        }
        // Any part of the range mapped, unless persistently.
        if let m = b.mapping, m.access & GL_MAP_PERSISTENT_BIT == 0, m.offset < offset + size || size == 0, offset < m.offset + m.length {
            return recordError(GL_INVALID_OPERATION, command, "buffer \(b.name) is mapped over \(m.offset)+\(m.length)")
        }
        guard size > 0 else { return }
        // One element in the internal format: zeros without data, the client's bytes as they are when its format
        // and type are the format's own, converted otherwise.
        var pattern = [UInt8](repeating: 0, count: element)
        if let data {
            if format == info.clientFormat, type == info.clientType, GLPixelConversion.clientPixelSize(format, type) == element {
                pattern.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: element)) }
            } else {
                let converted = pattern.withUnsafeMutableBytes {
                    GLPixelConversion.clientToTexels(data, format, type, $0.baseAddress!, info.virgl, count: 1)
                }
                guard converted else {
                    return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(format))/\(GLEnumNames.describe(type)) to \(GLEnumNames.describe(internalFormat)) is not converted")
                }
            }
        }
        syncFromHost(command, b)
        b.bytes.withUnsafeMutableBytes { bytes in
            for at in stride(from: offset, to: offset + size, by: element) {
                for k in 0..<element { bytes[at + k] = pattern[k] }
            }
        }
        upload(command, b, offset, size)
    }
}

extension GLDispatch {
    func installClearBufferObject() {
        glClearBufferData = { c, target, internalFormat, format, type, data in
            c.clearBufferSubData(.glClearBufferData, target, internalFormat, nil, format, type, data)
        }
        glClearBufferSubData = { c, target, internalFormat, offset, size, format, type, data in
            c.clearBufferSubData(.glClearBufferSubData, target, internalFormat, (offset, size), format, type, data)
        }
    }
}
