import GLCore
import VirglProtocol
import VirglTransport

extension GLContext {
    static let textureTargets: Set<GLenum> = [
        GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE, GL_TEXTURE_1D_ARRAY,
        GL_TEXTURE_2D_ARRAY, GL_TEXTURE_BUFFER, GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY,
    ]

    var activeUnit: Int { Int(state.activeTexture - GL_TEXTURE0) }

    /// The texture bound to `target` on the active unit, made as the default object (name 0) when none is.
    func boundTexture(_ command: GLCommand, _ target: GLenum) -> GLTexture? {
        let bindTarget = (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(target) ? GL_TEXTURE_CUBE_MAP : target
        guard Self.textureTargets.contains(bindTarget) else {
            recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))")
            return nil
        }
        if let t = textureUnits[activeUnit][bindTarget] { return t }
        if let t = defaultTextures[bindTarget] { return t }
        let t = GLTexture(name: 0)
        t.target = bindTarget
        t.initializeSamplerState()
        defaultTextures[bindTarget] = t
        return t
    }

    func bindTexture(_ target: GLenum, _ name: GLuint) {
        guard Self.textureTargets.contains(target) else { return recordError(GL_INVALID_ENUM, .glBindTexture, GLEnumNames.describe(target)) }
        guard name != 0 else {
            textureUnits[activeUnit][target] = nil
            state.dirty.insert(.samplers)
            return
        }
        guard let t = textures.object(name, creatingUnreserved: bindsCreateObjects, make: { GLTexture(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, .glBindTexture, "\(name) is not a name from glGenTextures")
        }
        if t.target == 0 {
            t.target = target
            t.initializeSamplerState()
        }
        guard t.target == target else {
            return recordError(GL_INVALID_OPERATION, .glBindTexture, "texture \(name) is a \(GLEnumNames.describe(t.target))")
        }
        textureUnits[activeUnit][target] = t
        state.dirty.insert(.samplers)
    }

    /// Where client rows and images start under the unpack state (GL 4.6 §8.4.4.1): bytes per row, rows per
    /// image, and the bytes skipped before the first pixel.
    func unpackLayout(_ w: Int, _ h: Int, pixelBytes: Int) -> (rowBytes: Int, imageRows: Int, skip: Int) {
        let ps = state.pixelStore
        let rowTexels = ps.unpackRowLength > 0 ? Int(ps.unpackRowLength) : w
        let align = Int(ps.unpackAlignment)
        let rowBytes = (rowTexels * pixelBytes + align - 1) / align * align
        let imageRows = ps.unpackImageHeight > 0 ? Int(ps.unpackImageHeight) : h
        let skip = Int(ps.unpackSkipImages) * imageRows * rowBytes + Int(ps.unpackSkipRows) * rowBytes + Int(ps.unpackSkipPixels) * pixelBytes
        return (rowBytes, imageRows, skip)
    }

    /// Where client rows and images start under the pack state (GL 4.6 §18.2, as `unpackLayout` for unpacking):
    /// bytes per row, rows per image, and the bytes skipped before the first pixel. `images`: whether
    /// GL_PACK_SKIP_IMAGES and GL_PACK_IMAGE_HEIGHT apply (a three-dimensional read; glReadPixels has none).
    func packLayout(_ w: Int, _ h: Int, pixelBytes: Int, images: Bool) -> (rowBytes: Int, imageRows: Int, skip: Int) {
        let ps = state.pixelStore
        let rowTexels = ps.packRowLength > 0 ? Int(ps.packRowLength) : w
        let align = max(1, Int(ps.packAlignment))
        let rowBytes = (rowTexels * pixelBytes + align - 1) / align * align
        let imageRows = images && ps.packImageHeight > 0 ? Int(ps.packImageHeight) : h
        let skipImages = images ? Int(ps.packSkipImages) : 0
        let skip = skipImages * imageRows * rowBytes + Int(ps.packSkipRows) * rowBytes + Int(ps.packSkipPixels) * pixelBytes
        return (rowBytes, imageRows, skip)
    }

    /// Client pixels → the host's texel bytes (packed rows), honouring the unpack state. Nil (error recorded)
    /// for a format/type the driver cannot convert yet.
    func unpack(_ command: GLCommand, _ w: Int, _ h: Int, _ d: Int, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?, _ info: GLFormatInfo) -> [UInt8]? {
        let dst = info.bytesPerTexel
        let rgbx = info.virgl == .r8g8b8x8Unorm || info.virgl == .r8g8b8x8SRGB
        let expandRGB = rgbx && format == GL_RGB && type == GL_UNSIGNED_BYTE
        guard GLFormatTable.matches(info, format, type) || expandRGB || (rgbx && format == GL_RGBA && type == GL_UNSIGNED_BYTE) else {
            if let converted = unpackConverting(w, h, d, format, type, pixels, info) { return converted }
            // No data: only the format/type pair's legality matters (GL 4.6 §8.4.2, tables 8.2 and 8.3).
            if pixels == nil, GLContext.legalUploadPair(info, format, type) { return [UInt8](repeating: 0, count: w * h * d * dst) }
            if info.isColor, GLPixelConversion.isIntegerFormat(format) != info.isInteger, GLPixelConversion.components(format) != nil {
                recordError(GL_INVALID_OPERATION, command, "integer and non-integer formats do not mix")
                return nil
            }
            recordError(GL_INVALID_OPERATION)
            GLDiagnostics.log("\(command.name): \(GLEnumNames.describe(format))/\(GLEnumNames.describe(type)) data for this internal format is not implemented yet (GL_INVALID_OPERATION)")
            return nil
        }
        var out = [UInt8](repeating: 0, count: w * h * d * dst)
        guard let pixels else { return out }
        let src = expandRGB ? 3 : dst
        let (rowBytes, imageRows, skip) = unpackLayout(w, h, pixelBytes: src)
        out.withUnsafeMutableBytes { o in
            for z in 0..<d {
                for y in 0..<h {
                    let s = pixels + skip + (z * imageRows + y) * rowBytes
                    let t = o.baseAddress! + ((z * h + y) * w) * dst
                    if expandRGB {
                        for x in 0..<w {
                            t.advanced(by: x * 4).copyMemory(from: s + x * 3, byteCount: 3)
                            t.storeBytes(of: 0xFF, toByteOffset: x * 4 + 3, as: UInt8.self)
                        }
                    } else {
                        t.copyMemory(from: s, byteCount: w * dst)
                    }
                }
            }
        }
        return out
    }

    /// `unpack` through `GLPixelConversion`: any colour format/type it takes into any colour texel format.
    func unpackConverting(_ w: Int, _ h: Int, _ d: Int, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?, _ info: GLFormatInfo) -> [UInt8]? {
        if format == GL_DEPTH_COMPONENT, info.isDepth { return unpackDepth(w, h, d, type, pixels, info) }
        if info.virgl == .r11g11b10Float { return unpackR11G11B10(w, h, d, format, type, pixels) }
        // Formats the host stores as others (read through a swizzle) take only their own client format, whose
        // components convert as the R/RG stand-in's (GLFormatTable+Legacy.swift).
        var format = format
        if info.viewSwizzle != nil {
            guard format == info.clientFormat, let standIn = GLFormatTable.standInClientFormats[format] else { return nil }
            format = standIn
        }
        guard info.isColor, GLPixelConversion.isIntegerFormat(format) == info.isInteger,
            let src = GLPixelConversion.clientPixelSize(format, type), GLPixelConversion.texelLayout(info.virgl) != nil
        else { return nil }
        let dst = info.bytesPerTexel
        var out = [UInt8](repeating: 0, count: w * h * d * dst)
        guard let pixels else { return out }
        let (rowBytes, imageRows, skip) = unpackLayout(w, h, pixelBytes: src)
        out.withUnsafeMutableBytes { o in
            for z in 0..<d {
                for y in 0..<h {
                    _ = GLPixelConversion.clientToTexels(pixels + skip + (z * imageRows + y) * rowBytes, format, type, o.baseAddress! + ((z * h + y) * w) * dst, info.virgl, count: w)
                }
            }
        }
        return out
    }

    /// Whether client `format`/`type` may specify an image of `info` (the base formats agree: colour with colour
    /// of the same integer-ness, depth with depth, depth-stencil with depth-stencil).
    static func legalUploadPair(_ info: GLFormatInfo, _ format: GLenum, _ type: GLenum) -> Bool {
        if info.isColor {
            return GLPixelConversion.components(format) != nil && GLPixelConversion.isIntegerFormat(format) == info.isInteger
                && (GLPixelConversion.componentSize(type) != nil || GLPixelConversion.packedFields(type) != nil
                    || type == GL_UNSIGNED_INT_2_10_10_10_REV || type == GL_UNSIGNED_INT_10F_11F_11F_REV || type == GL_UNSIGNED_INT_5_9_9_9_REV)
        }
        switch format {
        case GL_DEPTH_COMPONENT: return info.base == GL_DEPTH_COMPONENT || info.base == GL_DEPTH_STENCIL
        case GL_DEPTH_STENCIL: return info.base == GL_DEPTH_STENCIL && (type == GL_UNSIGNED_INT_24_8 || type == GL_FLOAT_32_UNSIGNED_INT_24_8_REV)
        case GL_STENCIL_INDEX: return info.base == GL_STENCIL_INDEX
        default: return false
        }
    }

    /// GL_DEPTH_COMPONENT data of any unsigned-normalized or float type into a depth format's texels.
    func unpackDepth(_ w: Int, _ h: Int, _ d: Int, _ type: GLenum, _ pixels: UnsafeRawPointer?, _ info: GLFormatInfo) -> [UInt8]? {
        guard let size = GLPixelConversion.componentSize(type), [GL_FLOAT, GL_UNSIGNED_INT, GL_UNSIGNED_SHORT, GL_UNSIGNED_BYTE].contains(type) else { return nil }
        let dst = info.bytesPerTexel
        var out = [UInt8](repeating: 0, count: w * h * d * dst)
        guard let pixels else { return out }
        let (rowBytes, imageRows, skip) = unpackLayout(w, h, pixelBytes: size)
        out.withUnsafeMutableBytes { o in
            for z in 0..<d {
                for y in 0..<h {
                    let row = pixels + skip + (z * imageRows + y) * rowBytes
                    for x in 0..<w {
                        let v = min(max(GLPixelConversion.load(row + x * size, type, normalized: type != GL_FLOAT), 0), 1)
                        let t = o.baseAddress! + ((z * h + y) * w + x) * dst
                        switch info.virgl {
                        case .z16Unorm: t.storeBytes(of: UInt16((v * 65535).rounded()), as: UInt16.self)
                        case .z32Float: t.storeBytes(of: Float(v), as: Float.self)
                        case .s8UintZ24Unorm: t.storeBytes(of: UInt32((v * 16777215).rounded()) << 8, as: UInt32.self)
                        default: t.storeBytes(of: UInt32((v * 16777215).rounded()), as: UInt32.self)
                        }
                    }
                }
            }
        }
        return out
    }

    func texImage(_ command: GLCommand, _ target: GLenum, _ level: GLint, _ internalFormat: GLint, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei, _ border: GLint, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?) {
        guard !Self.multisampleTargets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard let t = boundTexture(command, target) else { return }
        guard !t.isImmutable else { return recordError(GL_INVALID_OPERATION, command, "texture \(t.name) is immutable (glTexStorage*)") }
        guard level >= 0, level < 16, w >= 0, h >= 0, d >= 0, border == 0 else {
            return recordError(GL_INVALID_VALUE, command, "level \(level), size \(w)×\(h)×\(d) or border \(border)")
        }
        guard Int(w) <= Int(state.limits.maxTextureSize), Int(h) <= Int(state.limits.maxTextureSize), Int(d) <= Int(state.limits.maxArrayTextureLayers) else {
            return recordError(GL_INVALID_VALUE, command, "\(w)×\(h)×\(d) over the limits")
        }
        // A cube map array's layers are its faces: six per cube, each square (GL 4.6 §8.5.3).
        guard t.target != GL_TEXTURE_CUBE_MAP_ARRAY || (w == h && d % 6 == 0) else {
            return recordError(GL_INVALID_VALUE, command, "a cube map array image is square with a multiple of six layer-faces, not \(w)×\(h)×\(d)")
        }
        // A compressed format takes no texels to compress (VirglGL has no encoders): only storage to fill with
        // glCompressedTexSubImage*.
        if pixels == nil, let (sized, info) = compressedFormat(GLenum(bitPattern: internalFormat)), Self.compressible(target) {
            guard t.faces == 1 || (w == h && (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(target)) else {
                return recordError(GL_INVALID_VALUE, command, "a cube map face is square")
            }
            let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
            while t.images.count < t.faces { t.images.append([]) }
            while t.images[face].count <= Int(level) { t.images[face].append(nil) }
            t.images[face][Int(level)] = GLTextureImage(
                width: Int(w), height: Int(h), depth: Int(d), internalFormat: sized, format: info,
                bytes: [UInt8](repeating: 0, count: info.imageBytes(Int(w), Int(h), Int(d))))
            t.layoutChanged = true
            state.dirty.insert(.samplers)
            return
        }
        let requested = GLenum(bitPattern: internalFormat)
        guard let (sized, info) = GLFormatTable.lookup(GLFormatTable.genericCompressed[requested] ?? requested) else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("\(command.name): internal format \(GLEnumNames.describe(GLenum(bitPattern: internalFormat))) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard bufferBindings[GL_PIXEL_UNPACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("\(command.name) from a pixel unpack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let bytes = unpack(command, Int(w), Int(h), Int(d), format, type, pixels, info) else { return }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard t.target != GL_TEXTURE_CUBE_MAP || (GL_TEXTURE_CUBE_MAP_POSITIVE_X...GL_TEXTURE_CUBE_MAP_NEGATIVE_Z).contains(target) else {
            return recordError(GL_INVALID_ENUM, command, "a cube map takes a face target")
        }
        while t.images.count < t.faces { t.images.append([]) }
        while t.images[face].count <= Int(level) { t.images[face].append(nil) }
        t.images[face][Int(level)] = GLTextureImage(width: Int(w), height: Int(h), depth: Int(d), internalFormat: sized, format: info, bytes: bytes)
        t.layoutChanged = true
        state.dirty.insert(.samplers)
        regenerateMipmaps(t, level)
    }

    /// GL_GENERATE_MIPMAP: a base-level image specified (or changed) rebuilds the levels below it.
    func regenerateMipmaps(_ t: GLTexture, _ level: GLint) {
        guard t.generateMipmap, Int(level) == t.baseLevel, t.target != GL_TEXTURE_CUBE_MAP || t.images.allSatisfy({ $0.indices.contains(t.baseLevel) && $0[t.baseLevel] != nil }) else { return }
        generateMipmap(t.target)
    }

    func texSubImage(_ command: GLCommand, _ target: GLenum, _ level: GLint, _ x: GLint, _ y: GLint, _ z: GLint, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?) {
        guard !Self.multisampleTargets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard let t = boundTexture(command, target) else { return }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target &- GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        guard face < t.images.count, level >= 0, Int(level) < t.images[face].count, let img = t.images[face][Int(level)] else {
            return recordError(GL_INVALID_OPERATION, command, "level \(level) has no image")
        }
        guard !img.format.isCompressed else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(img.internalFormat)) images take glCompressedTexSubImage* (VirglGL compresses nothing)")
        }
        guard x >= 0, y >= 0, z >= 0, w >= 0, h >= 0, d >= 0, Int(x) + Int(w) <= img.width, Int(y) + Int(h) <= img.height,
            Int(z) + Int(d) <= img.depth
        else { return recordError(GL_INVALID_VALUE, command, "box outside the image") }
        guard let bytes = unpack(command, Int(w), Int(h), Int(d), format, type, pixels, img.format) else { return }
        writeSubImage(command, t, face: face, level: level, x, y, z, w, h, d, bytes)
    }

    /// Writes `bytes` (texels of the image's format, rows packed) into a box of image `level` of `face`: the
    /// client copy, and the host resource when it holds that level.
    func writeSubImage(_ command: GLCommand, _ t: GLTexture, face: Int, level: GLint, _ x: GLint, _ y: GLint, _ z: GLint, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei, _ bytes: [UInt8]) {
        guard var img = t.images[face][Int(level)] else { return }
        // Out of the array while it changes, so `img.bytes` has one owner and is not copied whole first.
        t.images[face][Int(level)] = nil
        let bpp = img.format.bytesPerTexel, rowBytes = Int(w) * bpp
        if rowBytes > 0 { img.bytes.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                for zz in 0..<Int(d) {
                    for yy in 0..<Int(h) {
                        let dstStart = (((Int(z) + zz) * img.height + Int(y) + yy) * img.width + Int(x)) * bpp
                        let srcStart = ((zz * Int(h) + yy) * Int(w)) * bpp
                        (dst.baseAddress! + dstStart).copyMemory(from: src.baseAddress! + srcStart, byteCount: rowBytes)
                    }
                }
            }
        } }
        t.images[face][Int(level)] = img
        if let r = t.resource, !t.layoutChanged, Int(level) >= t.resourceBaseLevel, w > 0, h > 0, d > 0 {
            let layer = UInt32(face) + UInt32(z) + UInt32(t.resourceLayerOffset)
            withHost(command) { host in
                try bytes.withUnsafeBytes {
                    self.flushBeforeWrite()
                    let (box, layerStride) = t.hostBox(
                        VirglBox(x: UInt32(x), y: UInt32(y), z: layer, width: UInt32(w), height: UInt32(h), depth: UInt32(d)), stride: Int(w) * bpp)
                    try host.writeTexels(r, level: UInt32(Int(level) - t.resourceBaseLevel), box: box, data: $0, stride: Int(w) * bpp, layerStride: layerStride)
                }
            }
        }
        regenerateMipmaps(t, level)
    }

    /// Makes (or re-makes) the host resource of a texture from its images. Nil when the texture is incomplete.
    func textureResource(_ t: GLTexture, _ command: GLCommand) -> VirglResource? {
        if let r = t.resource, !t.layoutChanged { return r }
        // An immutable texture's resource holds every level it has; a mutable one's the levels it samples.
        let levels = t.isImmutable ? t.immutableLevels : t.usesMipmaps ? t.completeLevels : min(1, t.completeLevels)
        guard levels > 0, let b = t.isImmutable ? t.images.first?.first ?? nil : t.base else { return nil }
        if let r = t.resource { releaseResource(r) }
        dropViews(t)
        t.resource = nil
        let layered = t.isLayered
        var info = VirglResourceInfo(
            target: t.virglTarget.rawValue, format: b.format.virgl.rawValue,
            bind: (b.format.isColor ? VirglBind.samplerView.union(.renderTarget) : VirglBind.samplerView.union(.depthStencil)).rawValue,
            // A 1D array's layers are its images' rows; the host takes them as its array size.
            width: UInt32(b.width), height: UInt32(t.target == GL_TEXTURE_1D_ARRAY ? 1 : b.height), depth: UInt32(t.target == GL_TEXTURE_3D ? b.depth : 1),
            arraySize: UInt32(t.target == GL_TEXTURE_1D_ARRAY ? b.height : layered ? b.depth : t.faces), lastLevel: UInt32(levels - 1), bytesPerTexel: UInt32(b.format.bytesPerTexel))
        info.nrSamples = UInt32(t.samples)
        if b.format.isCompressed, b.format.cpuDecoding == nil { (info.blockWidth, info.blockHeight) = (UInt32(b.format.blockSize), UInt32(b.format.blockSize)) }
        // Formats the host cannot render to (three 16-bit components, …) are made for sampling only.
        var sampledOnly = info
        sampledOnly.bind = VirglBind.samplerView.rawValue
        guard let r = withHost(command, { host in try (try? host.createResource(info)) ?? host.createResource(sampledOnly) }) else { return nil }
        // Multisample textures have no client texels: their contents are what is rendered into them.
        for level in 0..<(t.samples > 0 ? 0 : levels) {
            for face in 0..<t.faces {
                guard let img = t.images[face][t.resourceBaseLevel + level] else { continue }
                if img.format.isCompressed {
                    writeCompressed(command, r, level: level, x: 0, y: 0, z: face, w: img.width, h: img.height, d: layered || t.target == GL_TEXTURE_3D ? img.depth : 1, img.bytes, img.format)
                    continue
                }
                withHost(command) { host in
                    try img.bytes.withUnsafeBytes {
                        self.flushBeforeWrite()
                        let (box, layerStride) = t.hostBox(
                            VirglBox(z: UInt32(face), width: UInt32(img.width), height: UInt32(img.height), depth: UInt32(layered || t.target == GL_TEXTURE_3D ? img.depth : 1)),
                            stride: img.width * img.format.bytesPerTexel)
                        try host.writeTexels(r, level: UInt32(level), box: box, data: $0, stride: img.width * img.format.bytesPerTexel, layerStride: layerStride)
                    }
                }
            }
        }
        t.resource = r
        t.layoutChanged = false
        return r
    }

    /// glGenerateMipmap: the level chain below the base, filled on the host by linear blits level to level.
    func generateMipmap(_ target: GLenum) {
        guard !Self.multisampleTargets.contains(target) else { return recordError(GL_INVALID_ENUM, .glGenerateMipmap, "target \(GLEnumNames.describe(target))") }
        guard let t = boundTexture(.glGenerateMipmap, target), let b = t.base else {
            return recordError(GL_INVALID_OPERATION, .glGenerateMipmap, "the texture has no base image")
        }
        guard !b.format.isCompressed else {
            return recordError(GL_INVALID_OPERATION, .glGenerateMipmap, "\(GLEnumNames.describe(b.internalFormat)) is not colour-renderable")
        }
        var w = b.width, h = b.height
        var level = t.baseLevel
        // An immutable texture's levels are fixed: the chain stops at its last (ARB_texture_storage issue 22).
        let lastLevel = t.isImmutable ? min(t.maxLevel, (t.viewRange?.numLevels ?? t.immutableLevels) - 1) : Int.max
        while (w > 1 || h > 1) && level < lastLevel {
            w = max(1, w / 2)
            h = max(1, h / 2)
            level += 1
            // An immutable texture's images (and resource) already hold the levels.
            if t.isImmutable { continue }
            for face in 0..<t.faces {
                while t.images[face].count <= level { t.images[face].append(nil) }
                let bytes = [UInt8](repeating: 0, count: w * h * b.depth * b.format.bytesPerTexel)
                t.images[face][level] = GLTextureImage(width: w, height: h, depth: b.depth, internalFormat: b.internalFormat, format: b.format, bytes: bytes)
            }
        }
        if !t.isImmutable { t.layoutChanged = true }
        let saved = t.params.minFilter
        t.params.minFilter = GL_LINEAR_MIPMAP_LINEAR  // make the resource with the whole chain
        defer { t.params.minFilter = saved }
        guard let r = textureResource(t, .glGenerateMipmap) else { return }
        let f = b.format.virgl.rawValue
        // Colour levels filter linearly; depth levels (PIPE_MASK_Z) take the nearest texel, as GL blits depth.
        let mask = b.format.isDepth ? 0x10 : Self.blitMaskRGBA | 1 << 8
        var sw = b.width, sh = b.height
        let offset = t.baseLevel - t.resourceBaseLevel  // resource level of the base
        for dstLevel in (offset + 1)..<(level - t.resourceBaseLevel + 1) {
            let dw = max(1, sw / 2), dh = max(1, sh / 2)
            // Each face of a cube map, each layer of an array (cube map arrays: each layer-face).
            for face in 0..<(t.isLayered ? b.depth : t.faces) {
                commands.encodeBlit(
                    s0: mask, scissorMinxy: 0, scissorMaxxy: 0, dstResHandle: r.id, dstLevel: UInt32(dstLevel),
                    dstFormat: f, dstX: 0, dstY: 0, dstZ: UInt32(face + t.resourceLayerOffset), dstW: UInt32(dw), dstH: UInt32(dh), dstD: 1, srcResHandle: r.id,
                    srcLevel: UInt32(dstLevel - 1), srcFormat: f, srcX: 0, srcY: 0, srcZ: UInt32(face + t.resourceLayerOffset), srcW: UInt32(sw), srcH: UInt32(sh), srcD: 1)
            }
            sw = dw
            sh = dh
        }
        state.dirty.insert(.samplers)
    }

    func texParameter(_ command: GLCommand, _ target: GLenum, _ pname: GLenum, _ value: Double, _ enumValue: GLenum) {
        guard let t = boundTexture(command, target) else { return }
        switch pname {
        case GL_TEXTURE_BASE_LEVEL, GL_TEXTURE_MAX_LEVEL:
            guard value >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative level") }
            // Multisample and rectangle textures have one level: their base level is 0 (GL 4.6 §8.10).
            guard pname != GL_TEXTURE_BASE_LEVEL || value == 0 || !(Self.multisampleTargets.contains(t.target) || t.target == GL_TEXTURE_RECTANGLE) else {
                return recordError(GL_INVALID_OPERATION, command, "base level \(value) of a \(GLEnumNames.describe(t.target))")
            }
            let level = Int(min(value, 1_000_000))
            if pname == GL_TEXTURE_BASE_LEVEL { t.baseLevel = level } else { t.maxLevel = level }
            state.dirty.insert(.samplers)
            guard t.isImmutable else {
                t.layoutChanged = true
                return
            }
            // The resource holds all of an immutable texture's levels: only the views' level range changes.
            clampImmutableLevels(t)
            dropViews(t)
        case GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G, GL_TEXTURE_SWIZZLE_B, GL_TEXTURE_SWIZZLE_A:
            setSwizzle(command, t, [GLContext.swizzlePnames.firstIndex(of: pname)!], [enumValue])
        case GL_GENERATE_MIPMAP where !isCoreProfile && !Self.multisampleTargets.contains(t.target):
            t.generateMipmap = value != 0
        case GL_DEPTH_STENCIL_TEXTURE_MODE:
            setDepthStencilTextureMode(command, t, enumValue)
        case GL_DEPTH_TEXTURE_MODE where !isCoreProfile:
            // Compatibility: what a depth texture (or a legacy shadow lookup) reads as RGBA, through the view.
            guard [GL_LUMINANCE, GL_INTENSITY, GL_ALPHA, GL_RED].contains(enumValue) else {
                return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(enumValue))
            }
            guard t.depthMode != enumValue else { return }
            t.depthMode = enumValue
            dropViews(t)
            state.dirty.insert(.samplers)
        default:
            // Multisample textures have no sampler state (GL 4.6 §8.10).
            guard !Self.multisampleTargets.contains(t.target) else {
                return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(pname)) of a multisample texture")
            }
            let mipmapped = t.usesMipmaps
            guard setSamplerParameter(command, &t.params, pname, value, enumValue) else { return }
            if t.usesMipmaps != mipmapped && !t.isImmutable { t.layoutChanged = true }
        }
    }
}

extension GLDispatch {
    func installTextures() {
        glGenTextures = { c, n, out in _ = c.generateNames(.glGenTextures, n, out, &c.textures) }
        glDeleteTextures = { c, n, names in
            for name in c.namesToDelete(.glDeleteTextures, n, names) {
                guard let t = c.textures.delete(name) else { continue }
                for u in c.textureUnits.indices { for (target, bound) in c.textureUnits[u] where bound === t { c.textureUnits[u][target] = nil } }
                c.unbindImageUnits(t)
                c.releaseTextureResource(t)
                c.state.dirty.insert(.samplers)
            }
        }
        glIsTexture = { c, name in c.textures[name] != nil ? 1 : 0 }
        glActiveTexture = { c, unit in
            guard unit >= GL_TEXTURE0, Int(unit - GL_TEXTURE0) < Int(c.state.limits.maxCombinedTextureImageUnits) else {
                return c.recordError(GL_INVALID_ENUM, .glActiveTexture, GLEnumNames.describe(unit))
            }
            c.state.activeTexture = unit
        }
        glBindTexture = { $0.bindTexture($1, $2) }
        glTexImage2D = { c, target, level, ifmt, w, h, border, format, type, pixels in
            c.texImage(.glTexImage2D, target, level, ifmt, w, h, 1, border, format, type, pixels)
        }
        glTexImage3D = { c, target, level, ifmt, w, h, d, border, format, type, pixels in
            c.texImage(.glTexImage3D, target, level, ifmt, w, h, d, border, format, type, pixels)
        }
        glTexSubImage2D = { c, target, level, x, y, w, h, format, type, pixels in
            c.texSubImage(.glTexSubImage2D, target, level, x, y, 0, w, h, 1, format, type, pixels)
        }
        glTexSubImage3D = { c, target, level, x, y, z, w, h, d, format, type, pixels in
            c.texSubImage(.glTexSubImage3D, target, level, x, y, z, w, h, d, format, type, pixels)
        }
        glTexImage1D = { c, target, level, ifmt, w, border, format, type, pixels in
            guard target == GL_TEXTURE_1D else { return c.recordError(GL_INVALID_ENUM, .glTexImage1D, GLEnumNames.describe(target)) }
            c.texImage(.glTexImage1D, target, level, ifmt, w, 1, 1, border, format, type, pixels)
        }
        glTexSubImage1D = { c, target, level, x, w, format, type, pixels in
            guard target == GL_TEXTURE_1D else { return c.recordError(GL_INVALID_ENUM, .glTexSubImage1D, GLEnumNames.describe(target)) }
            c.texSubImage(.glTexSubImage1D, target, level, x, 0, 0, w, 1, 1, format, type, pixels)
        }
        // The vector forms: one value, except the border colour (four).
        glTexParameterfv = { c, target, pname, v in
            guard let v else { return }
            guard pname != GL_TEXTURE_BORDER_COLOR else { return c.setTextureBorder(.glTexParameterfv, target, (0..<4).map { v[$0] }) }
            c.texParameterVector(.glTexParameterfv, target, pname, { GLenum(parameter: v[$0]) }, Double(v[0]))
        }
        glTexParameteriv = { c, target, pname, v in
            guard let v else { return }
            guard pname != GL_TEXTURE_BORDER_COLOR else {
                // Integer border colours map [-2^31, 2^31-1] onto [-1, 1] (GL 4.6 §8.10).
                return c.setTextureBorder(.glTexParameteriv, target, (0..<4).map { max(-1, Float(v[$0]) / 2147483647) })
            }
            c.texParameterVector(.glTexParameteriv, target, pname, { GLenum(bitPattern: v[$0]) }, Double(v[0]))
        }
        glTexParameteri = { c, target, pname, v in c.texParameter(.glTexParameteri, target, pname, Double(v), GLenum(bitPattern: v)) }
        glTexParameterf = { c, target, pname, v in c.texParameter(.glTexParameterf, target, pname, Double(v), GLenum(parameter: v)) }
        glGenerateMipmap = { $0.generateMipmap($1) }
    }
}
