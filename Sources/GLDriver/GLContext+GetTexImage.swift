import GLCore
import VirglProtocol
import VirglTransport

/// glGetTexImage: a texture image's texels in the client's format. The host's copy is the truth once the
/// texture has a resource (draws, blits and image stores write there); otherwise the client copy is.
extension GLContext {
    func getTexImage(_ target: GLenum, _ level: GLint, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeMutableRawPointer?) {
        let command = GLCommand.glGetTexImage
        let targets: Set<GLenum> = [
            GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_RECTANGLE,
            GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_CUBE_MAP_POSITIVE_X, GL_TEXTURE_CUBE_MAP_NEGATIVE_X, GL_TEXTURE_CUBE_MAP_POSITIVE_Y,
            GL_TEXTURE_CUBE_MAP_NEGATIVE_Y, GL_TEXTURE_CUBE_MAP_POSITIVE_Z, GL_TEXTURE_CUBE_MAP_NEGATIVE_Z,
        ]
        guard targets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard level >= 0, level < 32 else { return recordError(GL_INVALID_VALUE, command, "level \(level)") }
        guard let t = boundTexture(command, target) else { return }
        let face = (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(target) ? Int(target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard face < t.images.count, Int(level) < t.images[face].count, let img = t.images[face][Int(level)] else { return }
        let f = img.format
        guard bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glGetTexImage into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        let direct = GLFormatTable.matches(f, format, type)
        let convert = !direct && f.isColor && GLPixelConversion.isIntegerFormat(format) == f.isInteger
            && GLPixelConversion.clientPixelSize(format, type) != nil && GLPixelConversion.texelLayout(f.virgl) != nil
        guard direct || convert, let clientSize = direct ? f.bytesPerTexel : GLPixelConversion.clientPixelSize(format, type) else {
            if f.isInteger != [GL_RGBA_INTEGER, GL_RG_INTEGER, GL_RED_INTEGER, GL_RGB_INTEGER].contains(format) {
                return recordError(GL_INVALID_OPERATION, command, "integer and non-integer formats do not mix")
            }
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glGetTexImage(\(GLEnumNames.describe(format)), \(GLEnumNames.describe(type))) of \(GLEnumNames.describe(img.internalFormat)) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels, img.width > 0, img.height > 0, img.depth > 0 else { return }
        let w = img.width, h = img.height, d = img.depth, tb = f.bytesPerTexel
        // The texels as stored: from the host when its resource holds this level, else the client copy.
        // (A compressed image the host keeps decoded: its blocks decoded, GLContext+ETC2.swift.)
        var texels = decodedETC2Texels(img) ?? img.bytes
        if texels.count < w * h * d * tb { texels = [UInt8](repeating: 0, count: w * h * d * tb) }
        let hostLevel = Int(level) - t.baseLevel
        if t.samples == 0, let r = t.resource, !t.layoutChanged, hostLevel >= 0, hostLevel <= Int(r.info.lastLevel) {
            flushCommands()
            let layered = t.isLayered || t.target == GL_TEXTURE_3D
            // One slice at a time: a read of several layers of an array texture at once returned the texels it was
            // uploaded with, not those image stores wrote since (seen with in-process virglrenderer 0.10.4).
            _ = withHost(command) { host in
                try texels.withUnsafeMutableBytes { out in
                    for z in 0..<(layered ? d : 1) {
                        let slice = UnsafeMutableRawBufferPointer(rebasing: out[(z * w * h * tb)..<((z + 1) * w * h * tb)])
                        try host.read(
                            r, level: UInt32(hostLevel), box: VirglBox(z: UInt32(layered ? z : face), width: UInt32(w), height: UInt32(h)),
                            into: slice, stride: w * tb, layerStride: w * h * tb)
                    }
                }
            }
        }
        let ps = state.pixelStore
        let rowTexels = ps.packRowLength > 0 ? Int(ps.packRowLength) : w
        let align = max(1, Int(ps.packAlignment))
        let stride = (rowTexels * clientSize + align - 1) / align * align
        let imageRows = ps.packImageHeight > 0 ? Int(ps.packImageHeight) : h
        texels.withUnsafeBytes { src in
            guard src.count >= w * h * d * tb else { return }
            for z in 0..<d {
                for row in 0..<h {
                    let out = pixels + ((Int(ps.packSkipImages) + z) * imageRows + Int(ps.packSkipRows) + row) * stride + Int(ps.packSkipPixels) * clientSize
                    let from = src.baseAddress! + ((z * h + row) * w) * tb
                    if direct {
                        out.copyMemory(from: from, byteCount: w * tb)
                    } else {
                        _ = GLPixelConversion.texelsToClient(from, f.virgl, out, format, type, count: w)
                    }
                }
            }
        }
    }
}

extension GLDispatch {
    func installGetTexImage() {
        glGetTexImage = { c, target, level, format, type, pixels in c.getTexImage(target, level, format, type, pixels) }
    }
}
