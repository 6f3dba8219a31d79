import GLCore
import VirglProtocol
import VirglTransport

extension GLContext {
    /// glReadPixels(GL_DEPTH_COMPONENT, GL_FLOAT / GL_UNSIGNED_INT / GL_UNSIGNED_SHORT) from the read
    /// framebuffer's depth attachment: the texels are read back and converted to the client's type (GL 4.6
    /// §18.2.6: depth values as floats in [0, 1], or scaled to the unsigned type's range). Returns false when the
    /// read is not one this handles (the colour path goes on).
    func readDepthPixels(_ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeMutableRawPointer?) -> Bool {
        guard format == GL_DEPTH_COMPONENT, [GL_FLOAT, GL_UNSIGNED_INT, GL_UNSIGNED_SHORT].contains(type) else { return false }
        guard width >= 0, height >= 0 else { recordError(GL_INVALID_VALUE, .glReadPixels, "negative size"); return true }
        guard let fb = readFramebuffer, fb.status == GL_FRAMEBUFFER_COMPLETE else { return false }
        guard framebufferSamples(fb) == 0, bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else { return false }
        guard let a = fb.depth, let f = a.format, let r = a.resource ?? a.texture.flatMap({ textureResource($0, .glReadPixels) }) else {
            recordError(GL_INVALID_OPERATION, .glReadPixels, "no depth buffer to read")
            return true
        }
        let depthOf: (UnsafeRawPointer) -> Float
        switch f.virgl {
        case .z16Unorm: depthOf = { Float($0.loadUnaligned(as: UInt16.self)) / 65535 }
        case .z32Float, .z32FloatS8x24Uint: depthOf = { $0.loadUnaligned(as: Float.self) }
        case .z24UnormS8Uint, .z24x8Unorm: depthOf = { Float($0.loadUnaligned(as: UInt32.self) & 0xFF_FFFF) / 16_777_215 }
        case .s8UintZ24Unorm: depthOf = { Float($0.loadUnaligned(as: UInt32.self) >> 8) / 16_777_215 }
        default: return false
        }
        guard let pixels, width > 0, height > 0 else { return true }
        let size = fb.size
        let x0 = max(0, Int(x)), y0 = max(0, Int(y))
        let x1 = min(size.width, Int(x) + Int(width)), y1 = min(size.height, Int(y) + Int(height))
        guard x1 > x0, y1 > y0 else { return true }
        let w = x1 - x0, h = y1 - y0, tb = f.bytesPerTexel
        var texels = [UInt8](repeating: 0, count: w * h * tb)
        flushCommands()
        let ok: Bool? = withHost(.glReadPixels) { host in
            try texels.withUnsafeMutableBytes { t in
                let level = UInt32(a.texture.map { a.level - $0.resourceBaseLevel } ?? 0)
                try host.read(r, level: level, box: VirglBox(x: UInt32(x0), y: UInt32(y0), z: UInt32(a.resourceLayer), width: UInt32(w), height: UInt32(h)),
                              into: t, stride: w * tb, layerStride: w * tb * h)
            }
            return true
        }
        guard ok == true else { return true }
        let ps = state.pixelStore
        let clientSize = type == GL_UNSIGNED_SHORT ? 2 : 4
        let rowTexels = ps.packRowLength > 0 ? Int(ps.packRowLength) : Int(width)
        let align = Int(ps.packAlignment)
        let stride = (rowTexels * clientSize + align - 1) / align * align
        texels.withUnsafeBytes { t in
            for row in 0..<h {
                let out = pixels + (Int(ps.packSkipRows) + (y0 - Int(y)) + row) * stride + (Int(ps.packSkipPixels) + (x0 - Int(x))) * clientSize
                for i in 0..<w {
                    let d = min(max(depthOf(t.baseAddress! + (row * w + i) * tb), 0), 1)
                    switch type {
                    case GL_FLOAT: out.storeBytes(of: d, toByteOffset: i * 4, as: Float.self)
                    case GL_UNSIGNED_INT: out.storeBytes(of: UInt32(Double(d) * 4_294_967_295), toByteOffset: i * 4, as: UInt32.self)
                    default: out.storeBytes(of: UInt16((d * 65535).rounded()), toByteOffset: i * 2, as: UInt16.self)
                    }
                }
            }
        }
        return true
    }
}
