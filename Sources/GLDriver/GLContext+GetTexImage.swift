import GLCore
import VirglProtocol
import VirglTransport

// glGetTexImage (GL 4.6 §8.11.4): one level of a texture (every layer of an array or 3D texture, one face of a
// cube map) read back into client memory under the pack state. The texels come from the host (rendering,
// copies and views write there), or from the client copy while the texture has no resource; colour texels
// convert through GLPixelConversion, other formats copy byte for byte in their own client format/type.

extension GLContext {
    /// The targets glGetTexImage takes (a cube map by face).
    static let getTexImageTargets: Set<GLenum> = [
        GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY,
        GL_TEXTURE_RECTANGLE, GL_TEXTURE_CUBE_MAP_POSITIVE_X, GL_TEXTURE_CUBE_MAP_NEGATIVE_X, GL_TEXTURE_CUBE_MAP_POSITIVE_Y,
        GL_TEXTURE_CUBE_MAP_NEGATIVE_Y, GL_TEXTURE_CUBE_MAP_POSITIVE_Z, GL_TEXTURE_CUBE_MAP_NEGATIVE_Z,
    ]

    /// glGetTexImage.
    func getTexImage(_ target: GLenum, _ level: GLint, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeMutableRawPointer?) {
        let command = GLCommand.glGetTexImage
        guard Self.getTexImageTargets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard let t = boundTexture(command, target) else { return }
        guard level >= 0, level < 16 else { return recordError(GL_INVALID_VALUE, command, "level \(level)") }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard t.images.indices.contains(face), t.images[face].indices.contains(Int(level)), let img = t.images[face][Int(level)] else { return }
        let f = img.format
        guard !f.isCompressed || f.cpuDecoding != nil else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(img.internalFormat)) images read back with glGetCompressedTexImage")
        }
        let slices = t.isLayered || t.target == GL_TEXTURE_3D ? img.depth : 1
        if readIntoPackBuffer(command, img.width, img.height, slices, format, type, pixels, { getTexImage(target, level, format, type, $0) }) {
            return
        }
        let convert = !GLFormatTable.matches(f, format, type) && f.isColor && GLPixelConversion.isIntegerFormat(format) == f.isInteger
            && GLPixelConversion.clientPixelSize(format, type) != nil && GLPixelConversion.texelLayout(f.virgl) != nil
        guard GLFormatTable.matches(f, format, type) || convert else {
            if f.isColor, f.isInteger != GLPixelConversion.isIntegerFormat(format) {
                return recordError(GL_INVALID_OPERATION, command, "integer and non-integer formats do not mix")
            }
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glGetTexImage(\(GLEnumNames.describe(format)), \(GLEnumNames.describe(type))) of \(GLEnumNames.describe(img.internalFormat)) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels, img.width > 0, img.height > 0, img.depth > 0 else { return }
        let w = img.width, h = img.height
        let tb = f.bytesPerTexel
        // The level's texels, tightly packed: from the host when it holds the level, else the client copy (a
        // compressed image the host keeps decoded: its blocks decoded, GLContext+ETC2.swift).
        var texels = decodedETC2Texels(img) ?? img.bytes
        if texels.count < w * h * slices * tb { texels = [UInt8](repeating: 0, count: w * h * slices * tb) }
        if t.samples == 0, let r = textureResource(t, command), Int(level) - t.resourceBaseLevel >= 0,
            Int(level) - t.resourceBaseLevel <= Int(r.info.lastLevel)
        {
            flushCommands()
            // One slice at a time: virglrenderer reads back one layer of an array per transfer.
            let sliceRows = t.target == GL_TEXTURE_1D_ARRAY ? 1 : h
            let sliceCount = t.target == GL_TEXTURE_1D_ARRAY ? h : slices
            withHost(command) { host in
                try texels.withUnsafeMutableBytes { out in
                    for z in 0..<sliceCount {
                        let (box, layerStride) = t.hostBox(
                            t.target == GL_TEXTURE_1D_ARRAY
                                ? VirglBox(y: UInt32(z), width: UInt32(w), height: 1)
                                : VirglBox(z: UInt32(face + t.resourceLayerOffset + z), width: UInt32(w), height: UInt32(h)),
                            stride: w * tb)
                        let slice = UnsafeMutableRawBufferPointer(rebasing: out[(z * sliceRows * w * tb)..<((z + 1) * sliceRows * w * tb)])
                        try host.read(r, level: UInt32(Int(level) - t.resourceBaseLevel), box: box, into: slice, stride: w * tb, layerStride: layerStride)
                    }
                }
            }
        }
        guard texels.count >= w * h * slices * tb else { return }
        // Client rows and images under the pack state (GL 4.6 §8.4.4.1, as for unpacking).
        let clientSize = convert ? GLPixelConversion.clientPixelSize(format, type)! : tb
        let (stride, imageRows, skip) = packLayout(w, h, pixelBytes: clientSize, images: true)
        texels.withUnsafeBytes { src in
            for z in 0..<slices {
                for y in 0..<h {
                    let from = src.baseAddress! + ((z * h + y) * w) * tb
                    let to = pixels + skip + (z * imageRows + y) * stride
                    if convert {
                        _ = GLPixelConversion.texelsToClient(from, f.virgl, to, format, type, count: w)
                    } else {
                        to.copyMemory(from: from, byteCount: w * tb)
                    }
                }
            }
        }
    }
}

extension GLDispatch {
    /// glGetTexImage.
    func installGetTexImage() {
        glGetTexImage = { c, target, level, format, type, pixels in c.getTexImage(target, level, format, type, pixels) }
    }
}
