import GLCore
import VirglProtocol

/// How a GL internal format lives on the host: its virgl format, texel size, and what it holds.
struct GLFormatInfo: Equatable {
    var virgl: VirglFormat
    var bytesPerTexel: Int
    /// GL_RGBA, GL_RG, GL_RED, GL_RGB, GL_DEPTH_COMPONENT, GL_DEPTH_STENCIL, GL_STENCIL_INDEX.
    var base: GLenum
    /// The client format/type that uploads and reads back byte for byte.
    var clientFormat: GLenum
    var clientType: GLenum
    /// What the sampler view reads for RGBA when the host stores the format as another (nil: as stored).
    var viewSwizzle: [GLenum]? = nil
    /// Bytes per 4×4 block of a compressed format (0: not compressed; `bytesPerTexel` is then the block's too).
    var blockBytes = 0
    /// A compressed format the host does not sample, kept as `virgl` (an uncompressed format, `bytesPerTexel`
    /// bytes a texel) that the client's blocks are decoded into on the CPU (ETC2/EAC; GLContext+ETC2.swift).
    var cpuDecoding: ETC2Decoding? = nil
    var isInteger: Bool {
        [GL_RGBA_INTEGER, GL_RG_INTEGER, GL_RED_INTEGER, GL_RGB_INTEGER, GL_ALPHA_INTEGER, GL_LUMINANCE_INTEGER_EXT, GL_LUMINANCE_ALPHA_INTEGER_EXT]
            .contains(clientFormat)
    }
    var isDepth: Bool { base == GL_DEPTH_COMPONENT || base == GL_DEPTH_STENCIL }
    var isStencil: Bool { base == GL_DEPTH_STENCIL || base == GL_STENCIL_INDEX }
    var isColor: Bool { !isDepth && !isStencil }
}

/// The sized internal formats VirglGL supports, and the unsized ones GL maps onto them.
enum GLFormatTable {
    /// Gallium names formats by bit order from the low bit: GL_DEPTH24_STENCIL8 (stencil in the low byte of
    /// GL_UNSIGNED_INT_24_8) is S8_UINT_Z24_UNORM; virglrenderer 0.10.4 refuses Z24_UNORM_S8_UINT resources.
    static let formats: [GLenum: GLFormatInfo] = [
        GL_RGBA8: GLFormatInfo(virgl: .r8g8b8a8Unorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_BYTE),
        GL_SRGB8_ALPHA8: GLFormatInfo(virgl: .r8g8b8a8SRGB, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_BYTE),
        GL_RGB8: GLFormatInfo(virgl: .r8g8b8x8Unorm, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_BYTE),
        // GL_RGB565 (ES2 compatibility): kept as GL_RGB8, which holds every 5/6/5 value exactly.
        GL_RGB565: GLFormatInfo(virgl: .r8g8b8x8Unorm, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_BYTE),
        // Small sized formats GL lets an implementation store with more bits (GL 4.6 §8.5.1): kept as RGB8/RGBA8.
        GL_RGB4: GLFormatInfo(virgl: .r8g8b8x8Unorm, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_BYTE),
        GL_RGB5: GLFormatInfo(virgl: .r8g8b8x8Unorm, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_BYTE),
        GL_RGBA2: GLFormatInfo(virgl: .r8g8b8a8Unorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_BYTE),
        GL_RGBA4: GLFormatInfo(virgl: .r8g8b8a8Unorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_BYTE),
        GL_RGB5_A1: GLFormatInfo(virgl: .r8g8b8a8Unorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_BYTE),
        GL_RG8: GLFormatInfo(virgl: .r8g8Unorm, bytesPerTexel: 2, base: GL_RG, clientFormat: GL_RG, clientType: GL_UNSIGNED_BYTE),
        GL_R8: GLFormatInfo(virgl: .r8Unorm, bytesPerTexel: 1, base: GL_RED, clientFormat: GL_RED, clientType: GL_UNSIGNED_BYTE),
        GL_RGBA8UI: GLFormatInfo(virgl: .r8g8b8a8Uint, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_BYTE),
        GL_RGB10_A2UI: GLFormatInfo(virgl: .r10g10b10a2Uint, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_INT_2_10_10_10_REV),
        GL_SRGB8: GLFormatInfo(virgl: .r8g8b8x8SRGB, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_BYTE),
        GL_R32UI: GLFormatInfo(virgl: .r32Uint, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_UNSIGNED_INT),
        GL_R32I: GLFormatInfo(virgl: .r32Sint, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_INT),
        GL_RGBA32F: GLFormatInfo(virgl: .r32g32b32a32Float, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_FLOAT),
        GL_R32F: GLFormatInfo(virgl: .r32Float, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED, clientType: GL_FLOAT),
        GL_RG32F: GLFormatInfo(virgl: .r32g32Float, bytesPerTexel: 8, base: GL_RG, clientFormat: GL_RG, clientType: GL_FLOAT),
        GL_RGBA16F: GLFormatInfo(virgl: .r16g16b16a16Float, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_HALF_FLOAT),
        GL_DEPTH_COMPONENT16: GLFormatInfo(virgl: .z16Unorm, bytesPerTexel: 2, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_UNSIGNED_SHORT),
        GL_DEPTH_COMPONENT24: GLFormatInfo(virgl: .z24x8Unorm, bytesPerTexel: 4, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_UNSIGNED_INT),
        // GL_DEPTH_COMPONENT32 (not a required format): kept with 24 bits, as GL_DEPTH_COMPONENT24.
        GL_DEPTH_COMPONENT32: GLFormatInfo(virgl: .z24x8Unorm, bytesPerTexel: 4, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_UNSIGNED_INT),
        GL_DEPTH_COMPONENT32F: GLFormatInfo(virgl: .z32Float, bytesPerTexel: 4, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_FLOAT),
        GL_DEPTH24_STENCIL8: GLFormatInfo(virgl: .s8UintZ24Unorm, bytesPerTexel: 4, base: GL_DEPTH_STENCIL, clientFormat: GL_DEPTH_STENCIL, clientType: GL_UNSIGNED_INT_24_8),
        GL_STENCIL_INDEX8: GLFormatInfo(virgl: .s8Uint, bytesPerTexel: 1, base: GL_STENCIL_INDEX, clientFormat: GL_STENCIL_INDEX, clientType: GL_UNSIGNED_BYTE),
        GL_DEPTH32F_STENCIL8: GLFormatInfo(virgl: .z32FloatS8x24Uint, bytesPerTexel: 8, base: GL_DEPTH_STENCIL, clientFormat: GL_DEPTH_STENCIL, clientType: GL_FLOAT_32_UNSIGNED_INT_24_8_REV),
        // Normalized 16-bit and signed normalized.
        GL_RGBA16: GLFormatInfo(virgl: .r16g16b16a16Unorm, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_SHORT),
        GL_RGB16: GLFormatInfo(virgl: .r16g16b16x16Unorm, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_SHORT),
        GL_RG16: GLFormatInfo(virgl: .r16g16Unorm, bytesPerTexel: 4, base: GL_RG, clientFormat: GL_RG, clientType: GL_UNSIGNED_SHORT),
        GL_R16: GLFormatInfo(virgl: .r16Unorm, bytesPerTexel: 2, base: GL_RED, clientFormat: GL_RED, clientType: GL_UNSIGNED_SHORT),
        GL_RGBA8_SNORM: GLFormatInfo(virgl: .r8g8b8a8Snorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_BYTE),
        GL_RG8_SNORM: GLFormatInfo(virgl: .r8g8Snorm, bytesPerTexel: 2, base: GL_RG, clientFormat: GL_RG, clientType: GL_BYTE),
        GL_R8_SNORM: GLFormatInfo(virgl: .r8Snorm, bytesPerTexel: 1, base: GL_RED, clientFormat: GL_RED, clientType: GL_BYTE),
        GL_RGB8_SNORM: GLFormatInfo(virgl: .r8g8b8x8Snorm, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGBA, clientType: GL_BYTE),
        GL_RGB16_SNORM: GLFormatInfo(virgl: .r16g16b16x16Snorm, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_RGBA, clientType: GL_SHORT),
        GL_RGBA16_SNORM: GLFormatInfo(virgl: .r16g16b16a16Snorm, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_SHORT),
        GL_RG16_SNORM: GLFormatInfo(virgl: .r16g16Snorm, bytesPerTexel: 4, base: GL_RG, clientFormat: GL_RG, clientType: GL_SHORT),
        GL_R16_SNORM: GLFormatInfo(virgl: .r16Snorm, bytesPerTexel: 2, base: GL_RED, clientFormat: GL_RED, clientType: GL_SHORT),
        // Floating point.
        GL_RGB32F: GLFormatInfo(virgl: .r32g32b32Float, bytesPerTexel: 12, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_FLOAT),
        GL_RGB16F: GLFormatInfo(virgl: .r16g16b16x16Float, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_RGBA, clientType: GL_HALF_FLOAT),
        GL_RG16F: GLFormatInfo(virgl: .r16g16Float, bytesPerTexel: 4, base: GL_RG, clientFormat: GL_RG, clientType: GL_HALF_FLOAT),
        GL_R16F: GLFormatInfo(virgl: .r16Float, bytesPerTexel: 2, base: GL_RED, clientFormat: GL_RED, clientType: GL_HALF_FLOAT),
        // Packed: uploaded byte for byte with their packed client type.
        GL_R11F_G11F_B10F: GLFormatInfo(virgl: .r11g11b10Float, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_INT_10F_11F_11F_REV),
        GL_RGB9_E5: GLFormatInfo(virgl: .r9g9b9e5Float, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGB, clientType: GL_UNSIGNED_INT_5_9_9_9_REV),
        GL_RGB10_A2: GLFormatInfo(virgl: .r10g10b10a2Unorm, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_UNSIGNED_INT_2_10_10_10_REV),
        // Integer. RGB formats the host keeps as RGBX take RGBA data byte for byte, others through conversion.
        GL_RGBA8I: GLFormatInfo(virgl: .r8g8b8a8Sint, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_BYTE),
        GL_RGB8UI: GLFormatInfo(virgl: .r8g8b8x8Uint, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_BYTE),
        GL_RGB8I: GLFormatInfo(virgl: .r8g8b8x8Sint, bytesPerTexel: 4, base: GL_RGB, clientFormat: GL_RGBA_INTEGER, clientType: GL_BYTE),
        GL_RG8UI: GLFormatInfo(virgl: .r8g8Uint, bytesPerTexel: 2, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_UNSIGNED_BYTE),
        GL_RG8I: GLFormatInfo(virgl: .r8g8Sint, bytesPerTexel: 2, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_BYTE),
        GL_R8UI: GLFormatInfo(virgl: .r8Uint, bytesPerTexel: 1, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_UNSIGNED_BYTE),
        GL_R8I: GLFormatInfo(virgl: .r8Sint, bytesPerTexel: 1, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_BYTE),
        GL_RGBA16UI: GLFormatInfo(virgl: .r16g16b16a16Uint, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_SHORT),
        GL_RGBA16I: GLFormatInfo(virgl: .r16g16b16a16Sint, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_SHORT),
        GL_RGB16UI: GLFormatInfo(virgl: .r16g16b16x16Uint, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_SHORT),
        GL_RGB16I: GLFormatInfo(virgl: .r16g16b16x16Sint, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_RGBA_INTEGER, clientType: GL_SHORT),
        GL_RG16UI: GLFormatInfo(virgl: .r16g16Uint, bytesPerTexel: 4, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_UNSIGNED_SHORT),
        GL_RG16I: GLFormatInfo(virgl: .r16g16Sint, bytesPerTexel: 4, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_SHORT),
        GL_R16UI: GLFormatInfo(virgl: .r16Uint, bytesPerTexel: 2, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_UNSIGNED_SHORT),
        GL_R16I: GLFormatInfo(virgl: .r16Sint, bytesPerTexel: 2, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_SHORT),
        GL_RGBA32UI: GLFormatInfo(virgl: .r32g32b32a32Uint, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_INT),
        GL_RGBA32I: GLFormatInfo(virgl: .r32g32b32a32Sint, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_INT),
        GL_RGB32UI: GLFormatInfo(virgl: .r32g32b32Uint, bytesPerTexel: 12, base: GL_RGB, clientFormat: GL_RGB_INTEGER, clientType: GL_UNSIGNED_INT),
        GL_RGB32I: GLFormatInfo(virgl: .r32g32b32Sint, bytesPerTexel: 12, base: GL_RGB, clientFormat: GL_RGB_INTEGER, clientType: GL_INT),
        GL_RG32UI: GLFormatInfo(virgl: .r32g32Uint, bytesPerTexel: 8, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_UNSIGNED_INT),
        GL_RG32I: GLFormatInfo(virgl: .r32g32Sint, bytesPerTexel: 8, base: GL_RG, clientFormat: GL_RG_INTEGER, clientType: GL_INT),
    ]

    /// Compatibility-profile formats (GL_ALPHA8, GL_LUMINANCE8, GL_LUMINANCE8_ALPHA8, GL_INTENSITY8).
    static let compatibilityFormats: [GLenum: GLFormatInfo] = [
        GL_ALPHA8: GLFormatInfo(virgl: .a8Unorm, bytesPerTexel: 1, base: GL_ALPHA, clientFormat: GL_ALPHA, clientType: GL_UNSIGNED_BYTE),
        GL_LUMINANCE8: GLFormatInfo(virgl: .l8Unorm, bytesPerTexel: 1, base: GL_LUMINANCE, clientFormat: GL_LUMINANCE, clientType: GL_UNSIGNED_BYTE),
        // virglrenderer has no L8A8 or I8: RG8 and R8 read through a sampler-view swizzle, uploaded byte for byte.
        GL_LUMINANCE8_ALPHA8: GLFormatInfo(virgl: .r8g8Unorm, bytesPerTexel: 2, base: GL_LUMINANCE_ALPHA, clientFormat: GL_LUMINANCE_ALPHA, clientType: GL_UNSIGNED_BYTE, viewSwizzle: [GL_RED, GL_RED, GL_RED, GL_GREEN]),
        GL_INTENSITY8: GLFormatInfo(virgl: .r8Unorm, bytesPerTexel: 1, base: GL_INTENSITY, clientFormat: GL_LUMINANCE, clientType: GL_UNSIGNED_BYTE, viewSwizzle: [GL_RED, GL_RED, GL_RED, GL_RED]),
    ]

    /// Unsized internal formats and the sized format GL picks for them (GL 4.6, 8.5 table 8.11 → 8.12).
    static let unsized: [GLenum: GLenum] = [
        GL_RGBA: GL_RGBA8, GL_RGB: GL_RGB8, GL_RG: GL_RG8, GL_RED: GL_R8,
        GL_DEPTH_COMPONENT: GL_DEPTH_COMPONENT24, GL_DEPTH_STENCIL: GL_DEPTH24_STENCIL8,
        GL_ALPHA: GL_ALPHA8, GL_LUMINANCE: GL_LUMINANCE8, GL_LUMINANCE_ALPHA: GL_LUMINANCE8_ALPHA8, GL_INTENSITY: GL_INTENSITY8,
    ]

    /// The generic compressed formats glTexImage takes (GL 4.6 §8.5, Table 8.14) and the uncompressed format
    /// VirglGL stores them as (the GL may choose any). Not renderable, so not in `unsized` (renderbuffers and the
    /// internal-format queries refuse them).
    static let genericCompressed: [GLenum: GLenum] = [
        GL_COMPRESSED_RGBA: GL_RGBA8, GL_COMPRESSED_RGB: GL_RGB8, GL_COMPRESSED_RG: GL_RG8, GL_COMPRESSED_RED: GL_R8,
        GL_COMPRESSED_SRGB_ALPHA: GL_SRGB8_ALPHA8,
    ]

    /// The sized format and its info, or nil when VirglGL does not support `internalFormat` yet.
    static func lookup(_ internalFormat: GLenum) -> (GLenum, GLFormatInfo)? {
        let sized = unsized[internalFormat] ?? internalFormat
        return (formats[sized] ?? compatibilityFormats[sized] ?? legacyFormats[sized]).map { (sized, $0) }
    }

    /// True when `format`/`type` data copies byte for byte into (or out of) `info`'s texels.
    static func matches(_ info: GLFormatInfo, _ format: GLenum, _ type: GLenum) -> Bool {
        format == info.clientFormat && type == info.clientType
    }
}
