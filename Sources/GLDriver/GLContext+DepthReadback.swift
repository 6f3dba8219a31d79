import GLCore
import VirglProtocol
import VirglTransport

/// glReadPixels(GL_DEPTH_COMPONENT / GL_STENCIL_INDEX / GL_DEPTH_STENCIL, …) (GL 4.6 §18.2): the read framebuffer's
/// depth or stencil buffer, read back from the host and converted to the client's type (depth: floats as they are,
/// clamped to [0, 1], unsigned integer types as fixed point, GL 4.6 §18.2.6 with Table 18.2's rule; stencil: the
/// index as an integer, or a float for GL_FLOAT; depth-stencil: the packed types GL_UNSIGNED_INT_24_8 and
/// GL_FLOAT_32_UNSIGNED_INT_24_8_REV).
extension GLContext {
    /// Bytes of one client depth value of `type` (nil: a type depth reads do not take).
    static func depthClientSize(_ type: GLenum) -> Int? {
        switch type {
        case GL_FLOAT, GL_UNSIGNED_INT, GL_INT: return 4
        case GL_UNSIGNED_SHORT, GL_SHORT, GL_HALF_FLOAT: return 2
        case GL_UNSIGNED_BYTE, GL_BYTE: return 1
        default: return nil
        }
    }

    /// The depth in [0, 1] of one texel of virgl depth format `format` at `p` (nil: not a depth format).
    static func depthValue(_ p: UnsafeRawPointer, _ format: VirglFormat) -> Double? {
        func u32() -> UInt32 { p.loadUnaligned(as: UInt32.self) }
        switch format {
        case .z16Unorm: return Double(p.loadUnaligned(as: UInt16.self)) / 65535
        case .z32Unorm: return Double(u32()) / 4_294_967_295
        case .z32Float, .z32FloatS8x24Uint: return Double(max(0, min(1, p.loadUnaligned(as: Float.self))))
        case .s8UintZ24Unorm, .x8z24Unorm: return Double(u32() >> 8) / 16_777_215
        case .z24UnormS8Uint, .z24x8Unorm: return Double(u32() & 0xFF_FFFF) / 16_777_215
        default: return nil
        }
    }

    /// The stencil index of one texel of virgl format `format` at `p` (nil: no stencil in that format).
    static func stencilValue(_ p: UnsafeRawPointer, _ format: VirglFormat) -> UInt8? {
        switch format {
        case .s8Uint: return p.load(as: UInt8.self)
        case .s8UintZ24Unorm: return UInt8(p.loadUnaligned(as: UInt32.self) & 0xFF)
        case .z24UnormS8Uint: return UInt8(p.loadUnaligned(as: UInt32.self) >> 24)
        case .z32FloatS8x24Uint: return UInt8(p.loadUnaligned(fromByteOffset: 4, as: UInt32.self) & 0xFF)
        default: return nil
        }
    }

    /// Writes stencil index `s` as one value of client `type` at `out` (the types of `depthClientSize`).
    static func storeStencil(_ s: UInt8, _ type: GLenum, _ out: UnsafeMutableRawPointer) {
        switch type {
        case GL_FLOAT: out.storeBytes(of: Float(s), as: Float.self)
        case GL_HALF_FLOAT: out.storeBytes(of: Float16(Float(s)).bitPattern, as: UInt16.self)
        case GL_UNSIGNED_INT, GL_INT: out.storeBytes(of: UInt32(s), as: UInt32.self)
        case GL_UNSIGNED_SHORT, GL_SHORT: out.storeBytes(of: UInt16(s), as: UInt16.self)
        case GL_UNSIGNED_BYTE: out.storeBytes(of: s, as: UInt8.self)
        case GL_BYTE: out.storeBytes(of: UInt8(min(s, 127)), as: UInt8.self)
        default: break
        }
    }

    /// Writes depth `d` in [0, 1] as one value of client `type` at `out`.
    static func storeDepth(_ d: Double, _ type: GLenum, _ out: UnsafeMutableRawPointer) {
        switch type {
        case GL_FLOAT: out.storeBytes(of: Float(d), as: Float.self)
        case GL_HALF_FLOAT: out.storeBytes(of: Float16(Float(d)).bitPattern, as: UInt16.self)
        case GL_UNSIGNED_INT: out.storeBytes(of: UInt32((d * 4_294_967_295).rounded()), as: UInt32.self)
        case GL_INT: out.storeBytes(of: Int32((d * 2_147_483_647).rounded()), as: Int32.self)
        case GL_UNSIGNED_SHORT: out.storeBytes(of: UInt16((d * 65535).rounded()), as: UInt16.self)
        case GL_SHORT: out.storeBytes(of: Int16((d * 32767).rounded()), as: Int16.self)
        case GL_UNSIGNED_BYTE: out.storeBytes(of: UInt8((d * 255).rounded()), as: UInt8.self)
        case GL_BYTE: out.storeBytes(of: Int8((d * 127).rounded()), as: Int8.self)
        default: break
        }
    }

    /// glReadPixels of GL_DEPTH_COMPONENT, GL_STENCIL_INDEX or GL_DEPTH_STENCIL from framebuffer `fb` (already
    /// checked complete and single-sampled).
    func readDepthStencilPixels(
        _ fb: GLFramebuffer, _ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ format: GLenum, _ type: GLenum,
        _ pixels: UnsafeMutableRawPointer?
    ) {
        let clientSize: Int
        switch format {
        case GL_DEPTH_STENCIL:
            switch type {
            case GL_UNSIGNED_INT_24_8: clientSize = 4
            case GL_FLOAT_32_UNSIGNED_INT_24_8_REV: clientSize = 8
            default: return recordError(GL_INVALID_ENUM, .glReadPixels, "\(GLEnumNames.describe(type)) for depth-stencil")
            }
        default:
            guard let size = GLContext.depthClientSize(type) else {
                return recordError(GL_INVALID_ENUM, .glReadPixels, "\(GLEnumNames.describe(type)) for \(GLEnumNames.describe(format))")
            }
            clientSize = size
        }
        let wantsDepth = format != GL_STENCIL_INDEX, wantsStencil = format != GL_DEPTH_COMPONENT
        let attachment = wantsDepth ? fb.depth : fb.stencil
        guard let a = attachment, let f = a.format, let r = a.resource else {
            return recordError(GL_INVALID_OPERATION, .glReadPixels, "no \(wantsDepth ? "depth" : "stencil") buffer to read")
        }
        // GL_DEPTH_STENCIL reads one attachment holding both (GL 4.6 §18.2.2).
        if format == GL_DEPTH_STENCIL, fb.stencil?.resource !== r {
            return recordError(GL_INVALID_OPERATION, .glReadPixels, "the depth and stencil buffers are not the same image")
        }
        guard bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels of depth or stencil into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        let probe = [UInt8](repeating: 0, count: 8)
        guard !wantsDepth || GLContext.depthValue(probe, f.virgl) != nil, !wantsStencil || GLContext.stencilValue(probe, f.virgl) != nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels(\(GLEnumNames.describe(format))) from \(f.virgl) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels, width > 0, height > 0 else { return }
        if let t = a.texture { _ = textureResource(t, .glReadPixels) }
        let size = fb.size
        let x0 = max(0, Int(x)), y0 = max(0, Int(y))
        let x1 = min(size.width, Int(x) + Int(width)), y1 = min(size.height, Int(y) + Int(height))
        guard x1 > x0, y1 > y0 else { return }
        let w = x1 - x0, h = y1 - y0, tb = f.bytesPerTexel
        guard let texels = readAttachmentTexels(a, r, f, x0, y0, w, h) else { return }
        let (stride, _, skip) = packLayout(Int(width), Int(height), pixelBytes: clientSize, images: false)
        texels.withUnsafeBytes { t in
            for row in 0..<h {
                let out = pixels + skip + ((y0 - Int(y)) + row) * stride + (x0 - Int(x)) * clientSize
                for k in 0..<w {
                    let texel = t.baseAddress! + (row * w + k) * tb, o = out + k * clientSize
                    switch (format, type) {
                    case (GL_DEPTH_COMPONENT, _):
                        GLContext.storeDepth(GLContext.depthValue(texel, f.virgl) ?? 0, type, o)
                    case (GL_STENCIL_INDEX, _):
                        GLContext.storeStencil(GLContext.stencilValue(texel, f.virgl) ?? 0, type, o)
                    case (_, GL_UNSIGNED_INT_24_8):
                        let d = UInt32(((GLContext.depthValue(texel, f.virgl) ?? 0) * 16_777_215).rounded())
                        o.storeBytes(of: d << 8 | UInt32(GLContext.stencilValue(texel, f.virgl) ?? 0), as: UInt32.self)
                    default:
                        o.storeBytes(of: Float(GLContext.depthValue(texel, f.virgl) ?? 0), as: Float.self)
                        o.storeBytes(of: UInt32(GLContext.stencilValue(texel, f.virgl) ?? 0), toByteOffset: 4, as: UInt32.self)
                    }
                }
            }
        }
    }
}
