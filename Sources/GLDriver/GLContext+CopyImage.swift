import GLCore
import VirglProtocol
import VirglTransport

// glCopyImageSubData (GL 4.3, ARB_copy_image): texels copied between two images of textures or renderbuffers of
// compatible formats (GL 4.3 §18.3.2), without conversion: on the host one RESOURCE_COPY_REGION (virglrenderer
// copies with the host's glCopyImageSubData). A mutable destination texture's client texels (re-uploaded when its
// resource is made again) read the copied region back, so a later re-make keeps it.

/// One side of a copy: the image's host resource, level and first layer there, size, and format.
struct GLCopyImageSide {
    var resource: VirglResource
    /// The level and first layer in the resource (a texture view's are offset into the store it shares).
    var resourceLevel: Int
    var layerOffset: Int
    var width: Int, height: Int, depth: Int
    var internalFormat: GLenum
    var format: GLFormatInfo
    var samples: Int
    /// The texture and its level (nil for a renderbuffer).
    var texture: GLTexture?
    var level: Int
}

extension GLCopyImageSide {
    /// A region of this image as a host box: layers offset into a view's store; a 1D array's layers (GL's y)
    /// are the host's z.
    func hostBox(_ x: GLint, _ y: GLint, _ z: GLint, _ w: Int, _ h: Int, _ d: Int) -> VirglBox {
        if texture?.target == GL_TEXTURE_1D_ARRAY {
            return VirglBox(x: UInt32(x), y: 0, z: UInt32(Int(y) + layerOffset), width: UInt32(w), height: 1, depth: UInt32(h))
        }
        return VirglBox(x: UInt32(x), y: UInt32(y), z: UInt32(Int(z) + layerOffset), width: UInt32(w), height: UInt32(h), depth: UInt32(d))
    }
}

extension GLContext {
    /// The targets glCopyImageSubData takes: GL_RENDERBUFFER and the texture targets but buffers and cube faces.
    static let copyImageTargets: Set<GLenum> = [
        GL_RENDERBUFFER, GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE,
        GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY,
    ]

    /// Formats of 128 and 64 bits a compressed block of 16 and 8 bytes copies to and from (GL 4.3 table 18.4).
    static let copyImage128Bits: Set<GLenum> = [GL_RGBA32UI, GL_RGBA32I, GL_RGBA32F]
    static let copyImage64Bits: Set<GLenum> = [
        GL_RGBA16F, GL_RG32F, GL_RGBA16UI, GL_RG32UI, GL_RGBA16I, GL_RG32I, GL_RGBA16, GL_RGBA16_SNORM,
    ]

    /// Whether texels of `src` copy into an image of `dst` (GL 4.3 §18.3.2): the same format, formats of one view
    /// class, or an uncompressed format whose texel is as large as the other's compressed block.
    static func copyCompatible(_ src: GLenum, _ srcInfo: GLFormatInfo, _ dst: GLenum, _ dstInfo: GLFormatInfo) -> Bool {
        if viewCompatible(src, dst) { return true }
        guard srcInfo.isCompressed != dstInfo.isCompressed else { return false }
        let (compressed, plain) = srcInfo.isCompressed ? (srcInfo, dst) : (dstInfo, src)
        return compressed.blockBytes == 16 ? copyImage128Bits.contains(plain) : compressed.blockBytes == 8 && copyImage64Bits.contains(plain)
    }

    /// One side of glCopyImageSubData checked (GL 4.3 §18.3.2's errors): nil with the error recorded.
    func copyImageSide(_ name: GLuint, _ target: GLenum, _ level: GLint, _ command: GLCommand) -> GLCopyImageSide? {
        guard Self.copyImageTargets.contains(target) else {
            recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))")
            return nil
        }
        if target == GL_RENDERBUFFER {
            guard renderbuffers.isReserved(name) else {
                recordError(GL_INVALID_VALUE, command, "\(name) is not a renderbuffer")
                return nil
            }
            guard let rb = renderbuffers[name], let r = rb.resource, let f = rb.format, rb.width > 0, rb.height > 0 else {
                recordError(GL_INVALID_OPERATION, command, "renderbuffer \(name) has no storage")
                return nil
            }
            guard level == 0 else {
                recordError(GL_INVALID_VALUE, command, "level \(level) of a renderbuffer")
                return nil
            }
            return GLCopyImageSide(
                resource: r, resourceLevel: 0, layerOffset: 0, width: rb.width, height: rb.height, depth: 1, internalFormat: rb.internalFormat,
                format: f, samples: rb.samples, texture: nil, level: 0)
        }
        // A name not generated is no texture; one generated but never bound is an incomplete texture.
        guard textures.isReserved(name) else {
            recordError(GL_INVALID_VALUE, command, "\(name) is not a texture")
            return nil
        }
        guard let t = textures[name], t.target != 0 else {
            recordError(GL_INVALID_OPERATION, command, "texture \(name) has no images")
            return nil
        }
        guard t.target == target else {
            recordError(GL_INVALID_ENUM, command, "texture \(name) is a \(GLEnumNames.describe(t.target)), not a \(GLEnumNames.describe(target))")
            return nil
        }
        let image = { (face: Int) -> GLTextureImage? in
            t.images.indices.contains(face) && level >= 0 && t.images[face].indices.contains(Int(level)) ? t.images[face][Int(level)] : nil
        }
        // An incomplete texture copies nothing; nor does a level its resource does not hold (one sampled
        // without mipmaps).
        guard let r = textureResource(t, command) else {
            recordError(GL_INVALID_OPERATION, command, "texture \(name) is incomplete")
            return nil
        }
        guard let img = image(0) else {
            recordError(GL_INVALID_VALUE, command, "texture \(name) has no level \(level)")
            return nil
        }
        let resourceLevel = Int(level) - t.resourceBaseLevel
        guard resourceLevel >= 0, resourceLevel <= Int(r.info.lastLevel) else {
            recordError(GL_INVALID_OPERATION, command, "level \(level) of texture \(name) is not in its complete levels")
            return nil
        }
        let depth: Int
        switch target {
        case GL_TEXTURE_CUBE_MAP: depth = 6
        case GL_TEXTURE_1D_ARRAY: depth = 1
        default: depth = img.depth
        }
        return GLCopyImageSide(
            resource: r, resourceLevel: resourceLevel, layerOffset: t.resourceLayerOffset, width: img.width, height: img.height, depth: depth,
            internalFormat: img.internalFormat, format: img.format, samples: t.samples, texture: t, level: Int(level))
    }

    /// glCopyImageSubData.
    func copyImageSubData(
        _ srcName: GLuint, _ srcTarget: GLenum, _ srcLevel: GLint, _ srcX: GLint, _ srcY: GLint, _ srcZ: GLint,
        _ dstName: GLuint, _ dstTarget: GLenum, _ dstLevel: GLint, _ dstX: GLint, _ dstY: GLint, _ dstZ: GLint,
        _ width: GLsizei, _ height: GLsizei, _ depth: GLsizei
    ) {
        let command = GLCommand.glCopyImageSubData
        guard let src = copyImageSide(srcName, srcTarget, srcLevel, command), let dst = copyImageSide(dstName, dstTarget, dstLevel, command) else { return }
        guard width >= 0, height >= 0, depth >= 0 else { return recordError(GL_INVALID_VALUE, command, "size \(width)×\(height)×\(depth)") }
        guard src.samples == dst.samples else {
            return recordError(GL_INVALID_OPERATION, command, "\(src.samples) samples copied to \(dst.samples)")
        }
        guard Self.copyCompatible(src.internalFormat, src.format, dst.internalFormat, dst.format) else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(src.internalFormat)) and \(GLEnumNames.describe(dst.internalFormat)) are not compatible")
        }
        // ETC2/EAC images the host keeps decoded hold no blocks to copy into another format.
        guard src.format.cpuDecoding == nil && dst.format.cpuDecoding == nil || src.internalFormat == dst.internalFormat else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glCopyImageSubData between \(GLEnumNames.describe(src.internalFormat)) decoded on the CPU and \(GLEnumNames.describe(dst.internalFormat)) is not implemented yet (GL_INVALID_OPERATION)")
        }
        // The destination region: in its own texels, a compressed block per texel of an uncompressed side.
        let sb = src.format.isCompressed ? src.format.blockSize : 1
        let db = dst.format.isCompressed ? dst.format.blockSize : 1
        let w = Int(width), h = Int(height), d = Int(depth)
        // Each region within its image, compressed regions on block edges (or the image's edge).
        func inside(_ s: GLCopyImageSide, _ x: GLint, _ y: GLint, _ z: GLint, _ w: Int, _ h: Int, _ block: Int) -> Bool {
            guard x >= 0, y >= 0, z >= 0, Int(x) + w <= s.width, Int(y) + h <= s.height, Int(z) + d <= s.depth else { return false }
            guard block > 1 else { return true }
            return Int(x) % block == 0 && Int(y) % block == 0 && (w % block == 0 || Int(x) + w == s.width) && (h % block == 0 || Int(y) + h == s.height)
        }
        guard inside(src, srcX, srcY, srcZ, w, h, sb) else { return recordError(GL_INVALID_VALUE, command, "the source region is outside its image or off its blocks") }
        // The destination's size: the source's between two compressed or two uncompressed images.
        let dw = sb == db ? w : sb > 1 ? (w + sb - 1) / sb : w * db, dh = sb == db ? h : sb > 1 ? (h + sb - 1) / sb : h * db
        guard inside(dst, dstX, dstY, dstZ, dw, dh, db) else {
            return recordError(GL_INVALID_VALUE, command, "the destination region is outside its image or off its blocks")
        }
        guard w > 0, h > 0, d > 0 else { return }
        if src.format.virgl == dst.format.virgl {
            let sbox = src.hostBox(srcX, srcY, srcZ, w, h, d), dbox = dst.hostBox(dstX, dstY, dstZ, dw, dh, d)
            commands.encodeResourceCopyRegion(
                dstResHandle: dst.resource.id, dstLevel: UInt32(dst.resourceLevel), dstX: dbox.x, dstY: dbox.y, dstZ: dbox.z,
                srcResHandle: src.resource.id, srcLevel: UInt32(src.resourceLevel), srcX: sbox.x, srcY: sbox.y, srcZ: sbox.z,
                srcW: sbox.width, srcH: sbox.height, srcD: sbox.depth)
        } else {
            // virglrenderer copies only formats of one channel layout: other compatible formats (the same bytes per
            // texel or block) go through client memory, a slice at a time (it reads back one layer per transfer).
            // The host does not read multisample resources back (a refused transfer loses the context).
            guard src.samples == 0 else {
                recordError(GL_INVALID_OPERATION)
                return GLDiagnostics.log("\(command.name) between different formats of multisample images is not implemented yet (GL_INVALID_OPERATION)")
            }
            flushCommands()
            let sbox = src.hostBox(srcX, srcY, srcZ, w, h, d), dbox = dst.hostBox(dstX, dstY, dstZ, dw, dh, d)
            let rowBytes = src.format.rowBytes(w), rows = src.format.rows(h)
            var slice = [UInt8](repeating: 0, count: rowBytes * rows)
            withHost(command) { host in
                for z in 0..<Int(sbox.depth) {
                    var s = sbox, t = dbox
                    (s.z, s.depth, t.z, t.depth) = (sbox.z + UInt32(z), 1, dbox.z + UInt32(z), 1)
                    try slice.withUnsafeMutableBytes {
                        try host.read(src.resource, level: UInt32(src.resourceLevel), box: s, into: $0, stride: rowBytes, layerStride: rowBytes * rows)
                    }
                    try slice.withUnsafeBytes {
                        try host.write(dst.resource, level: UInt32(dst.resourceLevel), box: t, data: $0, stride: rowBytes, layerStride: rowBytes * rows)
                    }
                }
            }
        }
        readBackCopiedTexels(dst, command)
    }

    /// A mutable destination texture's client texels of the copied level, read back from the host: the resource
    /// is made again from them when the texture's levels change. (An immutable texture's resource never is.)
    func readBackCopiedTexels(_ dst: GLCopyImageSide, _ command: GLCommand) {
        guard let t = dst.texture, !t.isImmutable, t.samples == 0, !dst.format.isCompressed else { return }
        flushCommands()
        for face in 0..<t.faces {
            guard t.images.indices.contains(face), t.images[face].indices.contains(dst.level), var img = t.images[face][dst.level] else { continue }
            let layers = t.isLayered || t.target == GL_TEXTURE_3D ? img.depth : 1
            let rowBytes = img.width * img.format.bytesPerTexel
            guard img.bytes.count >= rowBytes * img.height * layers else { continue }
            t.images[face][dst.level] = nil
            // A slice at a time (virglrenderer reads back one layer per transfer); a 1D array's slices are rows.
            let oneD = t.target == GL_TEXTURE_1D_ARRAY
            let sliceRows = oneD ? 1 : img.height
            withHost(command) { host in
                try img.bytes.withUnsafeMutableBytes { out in
                    for z in 0..<(oneD ? img.height : layers) {
                        let box = VirglBox(z: UInt32(face + z), width: UInt32(img.width), height: UInt32(sliceRows))
                        let bytes = UnsafeMutableRawBufferPointer(rebasing: out[(z * sliceRows * rowBytes)..<((z + 1) * sliceRows * rowBytes)])
                        try host.read(dst.resource, level: UInt32(dst.resourceLevel), box: box, into: bytes, stride: rowBytes, layerStride: rowBytes * sliceRows)
                    }
                }
            }
            t.images[face][dst.level] = img
        }
    }
}

extension GLDispatch {
    /// glCopyImageSubData (ARB_copy_image).
    func installCopyImage() {
        glCopyImageSubData = { c, srcName, srcTarget, srcLevel, srcX, srcY, srcZ, dstName, dstTarget, dstLevel, dstX, dstY, dstZ, w, h, d in
            c.copyImageSubData(srcName, srcTarget, srcLevel, srcX, srcY, srcZ, dstName, dstTarget, dstLevel, dstX, dstY, dstZ, w, h, d)
        }
    }
}
