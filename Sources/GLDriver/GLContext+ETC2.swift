import GLCore
import VirglProtocol
import VirglTransport

// ETC2/EAC textures on hosts that do not sample them (GL 4.3 core requires the ten formats through
// GL_ARB_ES3_compatibility; llvmpipe under virglrenderer samples none). As Mesa does on drivers without ETC2, such
// a format is kept on the host as an uncompressed format it samples, and glCompressedTex(Sub)Image* decode the
// client's blocks on the CPU (ETC2Decoder) into that format's texels. The image itself stays what the client made:
// its internal format, GL_TEXTURE_COMPRESSED, its compressed size, and its blocks (the client copy, which
// glGetCompressedTexImage returns and which is decoded again whenever the resource is made again).

/// How a CPU-decoded compressed format's blocks become the host's texels.
struct ETC2Decoding: Equatable {
    var source: ETC2Decoder.Source
    var target: ETC2Decoder.Target
}

extension GLFormatTable {
    /// What each ETC2/EAC format's blocks hold, and the uncompressed formats (best first) its texels can be kept in
    /// when the host does not sample the format itself: RGBA8 or SRGB8_ALPHA8 (8-bit colour and alpha exactly), and
    /// for the 11-bit EAC formats 16-bit normalized channels (the specification's own widening of 11 bits), else
    /// 32-bit float, else 16-bit float (11 significant bits: the values round to within half a step).
    static let etc2Fallbacks: [GLenum: (ETC2Decoder.Source, [(VirglFormat, ETC2Decoder.Target)])] = [
        GL_COMPRESSED_RGB8_ETC2: (.rgb, [(.r8g8b8a8Unorm, .rgba8)]),
        GL_COMPRESSED_SRGB8_ETC2: (.rgb, [(.r8g8b8a8SRGB, .rgba8)]),
        GL_COMPRESSED_RGB8_PUNCHTHROUGH_ALPHA1_ETC2: (.rgbPunchThrough, [(.r8g8b8a8Unorm, .rgba8)]),
        GL_COMPRESSED_SRGB8_PUNCHTHROUGH_ALPHA1_ETC2: (.rgbPunchThrough, [(.r8g8b8a8SRGB, .rgba8)]),
        GL_COMPRESSED_RGBA8_ETC2_EAC: (.rgbaEAC, [(.r8g8b8a8Unorm, .rgba8)]),
        GL_COMPRESSED_SRGB8_ALPHA8_ETC2_EAC: (.rgbaEAC, [(.r8g8b8a8SRGB, .rgba8)]),
        GL_COMPRESSED_R11_EAC: (.r11(signed: false), [(.r16Unorm, .unorm16), (.r32Float, .float32), (.r16Float, .float16)]),
        GL_COMPRESSED_SIGNED_R11_EAC: (.r11(signed: true), [(.r16Snorm, .snorm16), (.r32Float, .float32), (.r16Float, .float16)]),
        GL_COMPRESSED_RG11_EAC: (.rg11(signed: false), [(.r16g16Unorm, .unorm16), (.r32g32Float, .float32), (.r16g16Float, .float16)]),
        GL_COMPRESSED_SIGNED_RG11_EAC: (.rg11(signed: true), [(.r16g16Snorm, .snorm16), (.r32g32Float, .float32), (.r16g16Float, .float16)]),
    ]

    /// The ETC2/EAC formats whose values have 11 bits (GL_TEXTURE_RED_SIZE/GREEN_SIZE report 11).
    static let eac11Formats: Set<GLenum> = [GL_COMPRESSED_R11_EAC, GL_COMPRESSED_SIGNED_R11_EAC, GL_COMPRESSED_RG11_EAC, GL_COMPRESSED_SIGNED_RG11_EAC]
}

extension GLContext {
    /// An ETC2/EAC format as VirglGL keeps it when the host does not sample it: the first fallback format the host
    /// samples, with the blocks decoded into it (`cpuDecoding`). Nil for other formats or when the host samples none.
    func decodedETC2Format(_ internalFormat: GLenum) -> GLFormatInfo? {
        guard var info = GLFormatTable.etc2Formats[internalFormat], let (source, fallbacks) = GLFormatTable.etc2Fallbacks[internalFormat],
            let samplers = hostSamplerFormats, let (format, target) = fallbacks.first(where: { samplers.contains($0.0) })
        else { return nil }
        info.virgl = format
        info.bytesPerTexel = ETC2Decoder.texelBytes(source, target)
        info.cpuDecoding = ETC2Decoding(source: source, target: target)
        return info
    }

    /// The ETC2/EAC formats VirglGL decodes on the CPU on this host (it samples a fallback, not the format).
    var etc2FormatsDecodedOnCPU: Set<GLenum> {
        Set(GLFormatTable.etc2Formats.keys.filter { compressedFormat($0)?.1.cpuDecoding != nil })
    }

    /// GL_ARB_ES3_compatibility's compressed texture formats: all ten ETC2/EAC formats are taken, sampled by the
    /// host or decoded on the CPU (`supportsETC2`), for the lead to list the extension (and GL 4.3) on with the rest.
    var supportsES3CompatibilityTextureFormats: Bool { supportsETC2 }

    /// The texels of a CPU-decoded image as its host format stores them, `width`×`height`×`depth` rows packed (what
    /// glGetTexImage reads when the host holds no copy of the level). Nil for other images.
    func decodedETC2Texels(_ img: GLTextureImage) -> [UInt8]? {
        guard let decoding = img.format.cpuDecoding, img.width > 0, img.height > 0, img.depth > 0 else { return nil }
        let across = (img.width + 3) / 4, down = (img.height + 3) / 4
        let texel = img.format.bytesPerTexel
        let stride = across * 4 * texel, layer = stride * down * 4
        var blocks = [UInt8](repeating: 0, count: layer * img.depth)
        let decoded = img.bytes.withUnsafeBytes { b in
            blocks.withUnsafeMutableBytes { ETC2Decoder.decode(decoding.source, to: decoding.target, blocks: b, across: across, down: down, layers: img.depth, into: $0) }
        }
        guard decoded else { return nil }
        // Whole blocks to the image's own size.
        let row = img.width * texel
        var out = [UInt8](repeating: 0, count: row * img.height * img.depth)
        out.withUnsafeMutableBytes { o in
            blocks.withUnsafeBytes { b in
                for z in 0..<img.depth {
                    for y in 0..<img.height {
                        (o.baseAddress! + (z * img.height + y) * row).copyMemory(from: b.baseAddress! + z * layer + y * stride, byteCount: row)
                    }
                }
            }
        }
        return out
    }

    /// Decodes a box of blocks (packed rows of blocks in `bytes`, `w`×`h`×`d` texels) of a CPU-decoded format and
    /// writes the texels to level `level` of `r` at (`x`, `y`, `z`), one layer at a time.
    func writeDecodedETC2(_ command: GLCommand, _ r: VirglResource, level: Int, x: Int, y: Int, z: Int, w: Int, h: Int, d: Int, _ bytes: [UInt8], _ info: GLFormatInfo, _ decoding: ETC2Decoding) {
        guard w > 0, h > 0, d > 0 else { return }
        let across = (w + 3) / 4, down = (h + 3) / 4
        let texel = info.bytesPerTexel
        let stride = across * 4 * texel, layer = stride * down * 4
        var texels = [UInt8](repeating: 0, count: layer * d)
        let decoded = bytes.withUnsafeBytes { blocks in
            texels.withUnsafeMutableBytes { out in
                ETC2Decoder.decode(decoding.source, to: decoding.target, blocks: blocks, across: across, down: down, layers: d, into: out)
            }
        }
        guard decoded else { return recordError(GL_INVALID_OPERATION, command, "\(bytes.count) bytes are not \(across)×\(down)×\(d) blocks") }
        withHost(command) { host in
            try texels.withUnsafeBytes { all in
                self.flushBeforeWrite()
                for k in 0..<d {
                    // The decoded layer is whole blocks; the box takes its `w`×`h` corner (an edge block's padding
                    // texels stay behind).
                    try host.write(
                        r, level: UInt32(level), box: VirglBox(x: UInt32(x), y: UInt32(y), z: UInt32(z + k), width: UInt32(w), height: UInt32(h), depth: 1),
                        data: UnsafeRawBufferPointer(rebasing: all[(k * layer)..<((k + 1) * layer)]), stride: stride, layerStride: layer)
                }
            }
        }
    }
}
