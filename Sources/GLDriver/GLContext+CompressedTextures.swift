import GLCore
import VirglProtocol
import VirglTransport

// Compressed textures: glCompressedTexImage1D/2D/3D, glCompressedTexSubImage1D/2D/3D and glGetCompressedTexImage,
// for the specific compressed formats VirglGL takes (GL 4.2's BPTC, GL_ARB_texture_compression_bptc) when the
// host samples them. A compressed image keeps its blocks as the client gave them (the client copy, as for other
// images) and goes to the host block for block: the host resource's backing holds rows of 4×4 blocks
// (VirglResourceInfo.blockWidth/blockHeight). ETC2/EAC formats the host does not sample go as texels decoded on the
// CPU instead (GLContext+ETC2.swift). GL_{UN,}PACK_COMPRESSED_BLOCK_* (GL 4.2,
// ARB_compressed_texture_pixel_storage) let the row length and skips apply to the client's blocks.

extension GLFormatInfo {
    var isCompressed: Bool { blockBytes > 0 }
    /// Texels across and down one block (4 for the compressed formats, 1 for others).
    var blockSize: Int { isCompressed ? 4 : 1 }
    /// Bytes of one row of `width` texels: a row of blocks when compressed.
    func rowBytes(_ width: Int) -> Int { isCompressed ? (width + 3) / 4 * blockBytes : width * bytesPerTexel }
    /// Rows (of blocks when compressed) in `height` texel rows.
    func rows(_ height: Int) -> Int { isCompressed ? (height + 3) / 4 : height }
    /// Bytes of a `width`×`height`×`depth` image, rows packed.
    func imageBytes(_ width: Int, _ height: Int, _ depth: Int) -> Int { rowBytes(width) * rows(height) * depth }
}

extension GLFormatTable {
    /// The BPTC formats (GL 4.2): 16-byte 4×4 blocks.
    static let bptcFormats: [GLenum: GLFormatInfo] = [
        GL_COMPRESSED_RGBA_BPTC_UNORM: GLFormatInfo(virgl: .bptcRgbaUnorm, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM: GLFormatInfo(virgl: .bptcSrgba, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_RGB_BPTC_SIGNED_FLOAT: GLFormatInfo(virgl: .bptcRgbFloat, bytesPerTexel: 16, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_FLOAT, blockBytes: 16),
        GL_COMPRESSED_RGB_BPTC_UNSIGNED_FLOAT: GLFormatInfo(virgl: .bptcRgbUfloat, bytesPerTexel: 16, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_FLOAT, blockBytes: 16),
    ]

    /// The RGTC formats (GL 3.0, ARB_texture_compression_rgtc): 8-byte blocks of one channel, 16-byte of two.
    static let rgtcFormats: [GLenum: GLFormatInfo] = [
        GL_COMPRESSED_RED_RGTC1: GLFormatInfo(virgl: .rgtc1Unorm, bytesPerTexel: 8, base: GL_RED, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SIGNED_RED_RGTC1: GLFormatInfo(virgl: .rgtc1Snorm, bytesPerTexel: 8, base: GL_RED, clientFormat: GL_NONE, clientType: GL_BYTE, blockBytes: 8),
        GL_COMPRESSED_RG_RGTC2: GLFormatInfo(virgl: .rgtc2Unorm, bytesPerTexel: 16, base: GL_RG, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SIGNED_RG_RGTC2: GLFormatInfo(virgl: .rgtc2Snorm, bytesPerTexel: 16, base: GL_RG, clientFormat: GL_NONE, clientType: GL_BYTE, blockBytes: 16),
    ]

    /// The ETC2 and EAC formats (GL 4.3, ARB_ES3_compatibility): 8-byte blocks, 16-byte with EAC alpha or two
    /// EAC channels.
    static let etc2Formats: [GLenum: GLFormatInfo] = [
        GL_COMPRESSED_RGB8_ETC2: GLFormatInfo(virgl: .etc2Rgb8, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SRGB8_ETC2: GLFormatInfo(virgl: .etc2Srgb8, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_RGB8_PUNCHTHROUGH_ALPHA1_ETC2: GLFormatInfo(virgl: .etc2Rgb8a1, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SRGB8_PUNCHTHROUGH_ALPHA1_ETC2: GLFormatInfo(virgl: .etc2Srgb8a1, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_RGBA8_ETC2_EAC: GLFormatInfo(virgl: .etc2Rgba8, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SRGB8_ALPHA8_ETC2_EAC: GLFormatInfo(virgl: .etc2Srgba8, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_R11_EAC: GLFormatInfo(virgl: .etc2R11Unorm, bytesPerTexel: 8, base: GL_RED, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SIGNED_R11_EAC: GLFormatInfo(virgl: .etc2R11Snorm, bytesPerTexel: 8, base: GL_RED, clientFormat: GL_NONE, clientType: GL_BYTE, blockBytes: 8),
        GL_COMPRESSED_RG11_EAC: GLFormatInfo(virgl: .etc2Rg11Unorm, bytesPerTexel: 16, base: GL_RG, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SIGNED_RG11_EAC: GLFormatInfo(virgl: .etc2Rg11Snorm, bytesPerTexel: 16, base: GL_RG, clientFormat: GL_NONE, clientType: GL_BYTE, blockBytes: 16),
    ]

    /// Every specific compressed format VirglGL takes (each only when the host samples it).
    static let compressedFormats = bptcFormats.merging(rgtcFormats) { a, _ in a }.merging(etc2Formats) { a, _ in a }
        .merging(s3tcFormats) { a, _ in a }
}

extension GLContext {
    /// A specific compressed format VirglGL takes: one the host samples, or an ETC2/EAC format the host keeps
    /// decoded (GLContext+ETC2.swift); nil for others.
    func compressedFormat(_ internalFormat: GLenum) -> (GLenum, GLFormatInfo)? {
        guard let info = GLFormatTable.compressedFormats[internalFormat] else { return nil }
        _ = host  // the sampler formats come with the host's caps
        guard hostSamplerFormats?.contains(info.virgl) == true else { return decodedETC2Format(internalFormat).map { (internalFormat, $0) } }
        return (internalFormat, info)
    }

    /// GL_ARB_texture_compression_bptc: the host samples all four BPTC formats.
    var supportsBPTC: Bool { GLFormatTable.bptcFormats.keys.allSatisfy { compressedFormat($0) != nil } }
    /// GL_ARB_texture_compression_rgtc: the host samples all four RGTC formats.
    var supportsRGTC: Bool { GLFormatTable.rgtcFormats.keys.allSatisfy { compressedFormat($0) != nil } }
    /// The ETC2/EAC formats of GL_ARB_ES3_compatibility: all ten are taken, sampled by the host or decoded on the CPU.
    var supportsETC2: Bool { GLFormatTable.etc2Formats.keys.allSatisfy { compressedFormat($0) != nil } }

    /// Whether a texture target holds compressed images: not 1D ones nor rectangles (GL 4.6 §8.7).
    static func compressible(_ target: GLenum) -> Bool {
        ![GL_TEXTURE_1D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_RECTANGLE].contains(unproxied(target))
    }

    /// The client's blocks of a `w`×`h`×`d` compressed image as packed rows of blocks, read through the unpack
    /// state: the row length, image height and skips count when GL_UNPACK_COMPRESSED_BLOCK_SIZE/WIDTH (and
    /// HEIGHT for 2D and 3D, DEPTH for 3D) are set (ARB_compressed_texture_pixel_storage), else the data is packed.
    /// Nil (error recorded) for a block size or skip the format cannot take.
    func unpackCompressed(_ command: GLCommand, dimensions: Int, _ w: Int, _ h: Int, _ d: Int, _ data: UnsafeRawPointer?, _ info: GLFormatInfo) -> [UInt8]? {
        let size = info.imageBytes(w, h, d)
        var out = [UInt8](repeating: 0, count: size)
        guard let data, size > 0 else { return out }
        let ps = state.pixelStore
        let stored = ps.unpackCompressedBlockSize > 0 && ps.unpackCompressedBlockWidth > 0
            && (dimensions < 2 || ps.unpackCompressedBlockHeight > 0) && (dimensions < 3 || ps.unpackCompressedBlockDepth > 0)
        guard stored else {
            out.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: data, byteCount: size) }
            return out
        }
        let block = info.blockSize
        guard Int(ps.unpackCompressedBlockSize) == info.blockBytes, Int(ps.unpackCompressedBlockWidth) == block,
            dimensions < 2 || Int(ps.unpackCompressedBlockHeight) == block, dimensions < 3 || ps.unpackCompressedBlockDepth == 1
        else {
            recordError(GL_INVALID_OPERATION, command, "compressed block parameters unlike the format's (\(block)×\(block), \(info.blockBytes) bytes)")
            return nil
        }
        guard Int(ps.unpackSkipPixels) % block == 0, dimensions < 2 || Int(ps.unpackSkipRows) % block == 0 else {
            recordError(GL_INVALID_OPERATION, command, "skips of \(ps.unpackSkipPixels) pixels and \(ps.unpackSkipRows) rows are not whole blocks")
            return nil
        }
        let rowBytes = info.rowBytes(ps.unpackRowLength > 0 ? Int(ps.unpackRowLength) : w)
        let imageRows = dimensions < 3 ? info.rows(h) : info.rows(ps.unpackImageHeight > 0 ? Int(ps.unpackImageHeight) : h)
        let skipRows = dimensions < 2 ? 0 : Int(ps.unpackSkipRows) / block
        let skipImages = dimensions < 3 ? 0 : Int(ps.unpackSkipImages)
        let skip = (skipImages * imageRows + skipRows) * rowBytes + Int(ps.unpackSkipPixels) / block * info.blockBytes
        let packedRow = info.rowBytes(w), rows = info.rows(h)
        out.withUnsafeMutableBytes { o in
            for z in 0..<d {
                for y in 0..<rows {
                    (o.baseAddress! + (z * rows + y) * packedRow).copyMemory(from: data + skip + (z * imageRows + y) * rowBytes, byteCount: packedRow)
                }
            }
        }
        return out
    }

    /// Sends a compressed box (packed rows of blocks in `bytes`) to level `level` of `r`, one layer at a time (the
    /// host sizes a compressed upload by one layer's blocks); a format the host keeps decoded goes as its texels.
    func writeCompressed(_ command: GLCommand, _ r: VirglResource, level: Int, x: Int, y: Int, z: Int, w: Int, h: Int, d: Int, _ bytes: [UInt8], _ info: GLFormatInfo) {
        if let decoding = info.cpuDecoding {
            return writeDecodedETC2(command, r, level: level, x: x, y: y, z: z, w: w, h: h, d: d, bytes, info, decoding)
        }
        guard w > 0, h > 0, d > 0 else { return }
        let stride = info.rowBytes(w), layer = stride * info.rows(h)
        withHost(command) { host in
            try bytes.withUnsafeBytes { all in
                self.flushBeforeWrite()
                for k in 0..<d {
                    try host.write(
                        r, level: UInt32(level), box: VirglBox(x: UInt32(x), y: UInt32(y), z: UInt32(z + k), width: UInt32(w), height: UInt32(h), depth: 1),
                        data: UnsafeRawBufferPointer(rebasing: all[(k * layer)..<((k + 1) * layer)]), stride: stride, layerStride: layer)
                }
            }
        }
    }

    /// glCompressedTexImage1D/2D/3D (GL 4.6 §8.7).
    func compressedTexImage(_ command: GLCommand, dimensions: Int, _ target: GLenum, _ level: GLint, _ internalFormat: GLenum, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei, _ border: GLint, _ imageSize: GLsizei, _ data: UnsafeRawPointer?) {
        let targets = dimensions == 1 ? Self.storage1DTargets
            : dimensions == 2 ? Self.storage2DTargets.union(GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).subtracting([GL_TEXTURE_CUBE_MAP])
            : Self.storage3DTargets
        guard targets.contains(target), Self.unproxied(target) != GL_TEXTURE_RECTANGLE else {
            return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))")
        }
        guard let (sized, info) = compressedFormat(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(internalFormat)) is not a specific compressed format VirglGL takes")
        }
        guard Self.compressible(target) else {
            return recordError(GL_INVALID_ENUM, command, "no \(GLEnumNames.describe(internalFormat)) images in a \(GLEnumNames.describe(target))")
        }
        let proxy = Self.unproxied(target) != target
        let base = Self.unproxied(target)
        guard level >= 0, level < 16, w >= 0, h >= 0, d >= 0, border == 0 else {
            return recordError(GL_INVALID_VALUE, command, "level \(level), size \(w)×\(h)×\(d) or border \(border)")
        }
        let limit = Int(base == GL_TEXTURE_3D ? state.limits.max3DTextureSize : state.limits.maxTextureSize)
        guard Int(w) <= limit, Int(h) <= limit, Int(d) <= (base == GL_TEXTURE_3D ? limit : Int(state.limits.maxArrayTextureLayers)) else {
            return recordError(GL_INVALID_VALUE, command, "\(w)×\(h)×\(d) over the limits")
        }
        let cube = (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(target) || base == GL_TEXTURE_CUBE_MAP || base == GL_TEXTURE_CUBE_MAP_ARRAY
        guard !cube || (w == h && (base != GL_TEXTURE_CUBE_MAP_ARRAY || d % 6 == 0)) else {
            return recordError(GL_INVALID_VALUE, command, "a cube map image is square (with whole cubes), not \(w)×\(h)×\(d)")
        }
        guard Int(imageSize) == info.imageBytes(Int(w), Int(h), Int(d)) else {
            return recordError(GL_INVALID_VALUE, command, "imageSize \(imageSize), not the \(info.imageBytes(Int(w), Int(h), Int(d))) bytes of \(w)×\(h)×\(d)")
        }
        guard bufferBindings[GL_PIXEL_UNPACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("\(command.name) from a pixel unpack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard !proxy else { return }
        guard let t = boundTexture(command, target) else { return }
        guard !t.isImmutable else { return recordError(GL_INVALID_OPERATION, command, "texture \(t.name) is immutable (glTexStorage*)") }
        guard let bytes = unpackCompressed(command, dimensions: dimensions, Int(w), Int(h), Int(d), data, info) else { return }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        while t.images.count < t.faces { t.images.append([]) }
        while t.images[face].count <= Int(level) { t.images[face].append(nil) }
        t.images[face][Int(level)] = GLTextureImage(width: Int(w), height: Int(h), depth: Int(d), internalFormat: sized, format: info, bytes: bytes)
        t.layoutChanged = true
        state.dirty.insert(.samplers)
    }

    /// glCompressedTexSubImage1D/2D/3D: whole blocks of an existing compressed image (GL 4.6 §8.7).
    func compressedTexSubImage(_ command: GLCommand, dimensions: Int, _ target: GLenum, _ level: GLint, _ x: GLint, _ y: GLint, _ z: GLint, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei, _ format: GLenum, _ imageSize: GLsizei, _ data: UnsafeRawPointer?) {
        guard Self.unproxied(target) == target, target != GL_TEXTURE_RECTANGLE else {
            return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))")
        }
        guard let t = boundTexture(command, target) else { return }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target &- GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard GLFormatTable.compressedFormats[format] != nil else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(format)) is not a specific compressed format")
        }
        guard face < t.images.count, level >= 0, Int(level) < t.images[face].count, let img = t.images[face][Int(level)] else {
            return recordError(GL_INVALID_OPERATION, command, "level \(level) has no image")
        }
        guard img.internalFormat == format, img.format.isCompressed else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(format)) data for a \(GLEnumNames.describe(img.internalFormat)) image")
        }
        guard x >= 0, y >= 0, z >= 0, w >= 0, h >= 0, d >= 0, Int(x) + Int(w) <= img.width, Int(y) + Int(h) <= img.height, Int(z) + Int(d) <= img.depth else {
            return recordError(GL_INVALID_VALUE, command, "box outside the image")
        }
        // Whole blocks, except those that end at the image's edge.
        let block = img.format.blockSize
        guard Int(x) % block == 0, Int(y) % block == 0, Int(w) % block == 0 || Int(x) + Int(w) == img.width,
            Int(h) % block == 0 || Int(y) + Int(h) == img.height
        else { return recordError(GL_INVALID_OPERATION, command, "box \(x),\(y) \(w)×\(h) is not whole \(block)×\(block) blocks") }
        guard Int(imageSize) == img.format.imageBytes(Int(w), Int(h), Int(d)) else {
            return recordError(GL_INVALID_VALUE, command, "imageSize \(imageSize), not the \(img.format.imageBytes(Int(w), Int(h), Int(d))) bytes of \(w)×\(h)×\(d)")
        }
        guard bufferBindings[GL_PIXEL_UNPACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("\(command.name) from a pixel unpack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let bytes = unpackCompressed(command, dimensions: dimensions, Int(w), Int(h), Int(d), data, img.format) else { return }
        // The blocks into the client copy (taken out of the array while it changes, as texSubImage does).
        var image = img
        t.images[face][Int(level)] = nil
        let f = img.format
        let srcRow = f.rowBytes(Int(w)), srcRows = f.rows(Int(h))
        let dstRow = f.rowBytes(image.width), dstRows = f.rows(image.height)
        if srcRow > 0 { image.bytes.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                for zz in 0..<Int(d) {
                    for yy in 0..<srcRows {
                        let dstStart = ((Int(z) + zz) * dstRows + Int(y) / block + yy) * dstRow + Int(x) / block * f.blockBytes
                        (dst.baseAddress! + dstStart).copyMemory(from: src.baseAddress! + (zz * srcRows + yy) * srcRow, byteCount: srcRow)
                    }
                }
            }
        } }
        t.images[face][Int(level)] = image
        if let r = t.resource, !t.layoutChanged, Int(level) >= t.resourceBaseLevel {
            writeCompressed(command, r, level: Int(level) - t.resourceBaseLevel, x: Int(x), y: Int(y), z: face + Int(z) + t.resourceLayerOffset, w: Int(w), h: Int(h), d: Int(d), bytes, f)
        }
    }

    /// glGetCompressedTexImage: the image's blocks, packed (or laid out by GL_PACK_COMPRESSED_BLOCK_* with the
    /// pack row length and skips).
    func getCompressedTexImage(_ target: GLenum, _ level: GLint, _ pixels: UnsafeMutableRawPointer?) {
        let command = GLCommand.glGetCompressedTexImage
        guard let t = boundTexture(command, target) else { return }
        guard target != GL_TEXTURE_CUBE_MAP || t.faces == 1 else { return recordError(GL_INVALID_ENUM, command, "a cube map is read by face") }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target &- GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard level >= 0, level < 16 else { return recordError(GL_INVALID_VALUE, command, "level \(level)") }
        guard face < t.images.count, Int(level) < t.images[face].count, let img = t.images[face][Int(level)], img.format.isCompressed else {
            return recordError(GL_INVALID_OPERATION, command, "level \(level) is not a compressed image")
        }
        guard bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glGetCompressedTexImage into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels else { return }
        let f = img.format, ps = state.pixelStore
        let row = f.rowBytes(img.width), rows = f.rows(img.height)
        let stored = ps.packCompressedBlockSize > 0 && ps.packCompressedBlockWidth > 0 && ps.packCompressedBlockHeight > 0
        let outRow = stored && ps.packRowLength > 0 ? max(row, f.rowBytes(Int(ps.packRowLength))) : row
        let outRows = stored && ps.packImageHeight > 0 ? max(rows, f.rows(Int(ps.packImageHeight))) : rows
        let skip = stored ? (Int(ps.packSkipImages) * outRows + Int(ps.packSkipRows) / f.blockSize) * outRow + Int(ps.packSkipPixels) / f.blockSize * f.blockBytes : 0
        img.bytes.withUnsafeBytes { src in
            for z in 0..<img.depth {
                for y in 0..<rows {
                    (pixels + skip + (z * outRows + y) * outRow).copyMemory(from: src.baseAddress! + (z * rows + y) * row, byteCount: row)
                }
            }
        }
    }
}

extension GLDispatch {
    func installCompressedTextures() {
        glCompressedTexImage1D = { c, target, level, format, w, border, size, data in
            c.compressedTexImage(.glCompressedTexImage1D, dimensions: 1, target, level, format, w, 1, 1, border, size, data)
        }
        glCompressedTexImage2D = { c, target, level, format, w, h, border, size, data in
            c.compressedTexImage(.glCompressedTexImage2D, dimensions: 2, target, level, format, w, h, 1, border, size, data)
        }
        glCompressedTexImage3D = { c, target, level, format, w, h, d, border, size, data in
            c.compressedTexImage(.glCompressedTexImage3D, dimensions: 3, target, level, format, w, h, d, border, size, data)
        }
        glCompressedTexSubImage1D = { c, target, level, x, w, format, size, data in
            guard target == GL_TEXTURE_1D else { return c.recordError(GL_INVALID_ENUM, .glCompressedTexSubImage1D, GLEnumNames.describe(target)) }
            c.compressedTexSubImage(.glCompressedTexSubImage1D, dimensions: 1, target, level, x, 0, 0, w, 1, 1, format, size, data)
        }
        glCompressedTexSubImage2D = { c, target, level, x, y, w, h, format, size, data in
            guard ![GL_TEXTURE_1D, GL_TEXTURE_3D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_CUBE_MAP].contains(target) else {
                return c.recordError(GL_INVALID_ENUM, .glCompressedTexSubImage2D, GLEnumNames.describe(target))
            }
            c.compressedTexSubImage(.glCompressedTexSubImage2D, dimensions: 2, target, level, x, y, 0, w, h, 1, format, size, data)
        }
        glCompressedTexSubImage3D = { c, target, level, x, y, z, w, h, d, format, size, data in
            guard [GL_TEXTURE_3D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY].contains(target) else {
                return c.recordError(GL_INVALID_ENUM, .glCompressedTexSubImage3D, GLEnumNames.describe(target))
            }
            c.compressedTexSubImage(.glCompressedTexSubImage3D, dimensions: 3, target, level, x, y, z, w, h, d, format, size, data)
        }
        glGetCompressedTexImage = { $0.getCompressedTexImage($1, $2, $3) }
    }
}
