import GLCore

/// glReadPixels and glGetTexImage into a pixel pack buffer (GL 4.6 §18.2, §8.11: `pixels` is then an offset into
/// the buffer bound to GL_PIXEL_PACK_BUFFER). The read runs as into client memory, with the buffer's client copy
/// as that memory, and the written range goes to the host afterwards.
extension GLContext {
    /// Bytes of one pixel of client `format`/`type` as the read paths write it; nil when not known here.
    static func packPixelBytes(_ format: GLenum, _ type: GLenum) -> Int? {
        switch format {
        case GL_DEPTH_STENCIL:
            return type == GL_FLOAT_32_UNSIGNED_INT_24_8_REV ? 8 : type == GL_UNSIGNED_INT_24_8 ? 4 : nil
        case GL_DEPTH_COMPONENT, GL_STENCIL_INDEX:
            return depthClientSize(type)
        default:
            if [GL_UNSIGNED_INT_2_10_10_10_REV, GL_UNSIGNED_INT_10F_11F_11F_REV, GL_UNSIGNED_INT_5_9_9_9_REV, GL_UNSIGNED_INT_24_8].contains(type) {
                return 4
            }
            return GLPixelConversion.clientPixelSize(format, type)
        }
    }

    /// The bytes a `width`×`height`×`depth` image of `pixelBytes` pixels takes under the pack state, from the
    /// first byte the read may write to one past the last.
    func packedImageBytes(_ width: Int, _ height: Int, _ depth: Int, pixelBytes: Int) -> Int {
        guard width > 0, height > 0, depth > 0 else { return 0 }
        let (stride, imageRows, skip) = packLayout(width, height, pixelBytes: pixelBytes, images: true)
        return skip + ((depth - 1) * imageRows + height - 1) * stride + width * pixelBytes
    }

    /// With a buffer bound to GL_PIXEL_PACK_BUFFER: checks the range `pixels` (an offset) and the image need,
    /// runs `read` into the buffer's copy with the binding lifted (so the read takes its client-memory path),
    /// and uploads what it wrote. Returns false when no pack buffer is bound (the caller reads as usual).
    func readIntoPackBuffer(
        _ command: GLCommand, _ width: Int, _ height: Int, _ depth: Int, _ format: GLenum, _ type: GLenum,
        _ pixels: UnsafeMutableRawPointer?, _ read: (UnsafeMutableRawPointer) -> Void
    ) -> Bool {
        guard let b = bufferBindings[GL_PIXEL_PACK_BUFFER] else { return false }
        guard b.mapping == nil || b.mapping!.access & GL_MAP_PERSISTENT_BIT != 0 else {
            recordError(GL_INVALID_OPERATION, command, "the pixel pack buffer \(b.name) is mapped")
            return true
        }
        guard let pixelBytes = GLContext.packPixelBytes(format, type) else {
            recordError(GL_INVALID_OPERATION)
            GLDiagnostics.log("\(command.name)(\(GLEnumNames.describe(format)), \(GLEnumNames.describe(type))) into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
            return true
        }
        let offset = Int(bitPattern: pixels)
        let need = packedImageBytes(width, height, depth, pixelBytes: pixelBytes)
        guard offset >= 0, offset <= b.size, need <= b.size - offset else {
            recordError(GL_INVALID_OPERATION, command, "\(need) bytes at offset \(offset) do not fit the pixel pack buffer's \(b.size)")
            return true
        }
        guard need > 0 else { return true }
        syncFromHost(command, b)
        bufferBindings[GL_PIXEL_PACK_BUFFER] = nil
        defer { bufferBindings[GL_PIXEL_PACK_BUFFER] = b }
        b.bytes.withUnsafeMutableBytes { read($0.baseAddress! + offset) }
        upload(command, b, offset, need)
        return true
    }
}
