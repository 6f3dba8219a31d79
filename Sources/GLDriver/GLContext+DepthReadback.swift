import GLCore
import VirglProtocol
import VirglTransport

/// glReadPixels(GL_DEPTH_COMPONENT, …) (GL 4.6 §18.2): the read framebuffer's depth buffer, read back from the host
/// and converted to the client's type (floats as they are, clamped to [0, 1]; unsigned integer types as fixed
/// point, GL 4.6 §18.2.6 with Table 18.2's rule).
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

    /// glReadPixels of GL_DEPTH_COMPONENT from framebuffer `fb` (already checked complete and single-sampled).
    func readDepthPixels(_ fb: GLFramebuffer, _ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ type: GLenum, _ pixels: UnsafeMutableRawPointer?) {
        guard let clientSize = GLContext.depthClientSize(type) else {
            return recordError(GL_INVALID_ENUM, .glReadPixels, "\(GLEnumNames.describe(type)) for depth")
        }
        guard let a = fb.depth, let f = a.format, f.isDepth, let r = a.resource else {
            return recordError(GL_INVALID_OPERATION, .glReadPixels, "no depth buffer to read")
        }
        guard bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels of depth into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard GLContext.depthValue([UInt8](repeating: 0, count: 8), f.virgl) != nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels of depth from \(f.virgl) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels, width > 0, height > 0 else { return }
        if let t = a.texture { _ = textureResource(t, .glReadPixels) }
        let size = fb.size
        let x0 = max(0, Int(x)), y0 = max(0, Int(y))
        let x1 = min(size.width, Int(x) + Int(width)), y1 = min(size.height, Int(y) + Int(height))
        guard x1 > x0, y1 > y0 else { return }
        let w = x1 - x0, h = y1 - y0, tb = f.bytesPerTexel
        guard let texels = readAttachmentTexels(a, r, f, x0, y0, w, h) else { return }
        let ps = state.pixelStore
        let rowValues = ps.packRowLength > 0 ? Int(ps.packRowLength) : Int(width)
        let align = max(1, Int(ps.packAlignment))
        let stride = (rowValues * clientSize + align - 1) / align * align
        texels.withUnsafeBytes { t in
            for row in 0..<h {
                let out = pixels + (Int(ps.packSkipRows) + (y0 - Int(y)) + row) * stride + (Int(ps.packSkipPixels) + (x0 - Int(x))) * clientSize
                for k in 0..<w {
                    let d = GLContext.depthValue(t.baseAddress! + (row * w + k) * tb, f.virgl) ?? 0
                    GLContext.storeDepth(d, type, out + k * clientSize)
                }
            }
        }
    }
}
