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
    var isInteger: Bool { [GL_RGBA_INTEGER, GL_RG_INTEGER, GL_RED_INTEGER].contains(clientFormat) }
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
        GL_RG8: GLFormatInfo(virgl: .r8g8Unorm, bytesPerTexel: 2, base: GL_RG, clientFormat: GL_RG, clientType: GL_UNSIGNED_BYTE),
        GL_R8: GLFormatInfo(virgl: .r8Unorm, bytesPerTexel: 1, base: GL_RED, clientFormat: GL_RED, clientType: GL_UNSIGNED_BYTE),
        GL_RGBA8UI: GLFormatInfo(virgl: .r8g8b8a8Uint, bytesPerTexel: 4, base: GL_RGBA, clientFormat: GL_RGBA_INTEGER, clientType: GL_UNSIGNED_BYTE),
        GL_R32UI: GLFormatInfo(virgl: .r32Uint, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_UNSIGNED_INT),
        GL_R32I: GLFormatInfo(virgl: .r32Sint, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED_INTEGER, clientType: GL_INT),
        GL_RGBA32F: GLFormatInfo(virgl: .r32g32b32a32Float, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_FLOAT),
        GL_R32F: GLFormatInfo(virgl: .r32Float, bytesPerTexel: 4, base: GL_RED, clientFormat: GL_RED, clientType: GL_FLOAT),
        GL_RG32F: GLFormatInfo(virgl: .r32g32Float, bytesPerTexel: 8, base: GL_RG, clientFormat: GL_RG, clientType: GL_FLOAT),
        GL_RGBA16F: GLFormatInfo(virgl: .r16g16b16a16Float, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_RGBA, clientType: GL_HALF_FLOAT),
        GL_DEPTH_COMPONENT16: GLFormatInfo(virgl: .z16Unorm, bytesPerTexel: 2, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_UNSIGNED_SHORT),
        GL_DEPTH_COMPONENT24: GLFormatInfo(virgl: .z24x8Unorm, bytesPerTexel: 4, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_UNSIGNED_INT),
        GL_DEPTH_COMPONENT32F: GLFormatInfo(virgl: .z32Float, bytesPerTexel: 4, base: GL_DEPTH_COMPONENT, clientFormat: GL_DEPTH_COMPONENT, clientType: GL_FLOAT),
        GL_DEPTH24_STENCIL8: GLFormatInfo(virgl: .s8UintZ24Unorm, bytesPerTexel: 4, base: GL_DEPTH_STENCIL, clientFormat: GL_DEPTH_STENCIL, clientType: GL_UNSIGNED_INT_24_8),
        GL_STENCIL_INDEX8: GLFormatInfo(virgl: .s8Uint, bytesPerTexel: 1, base: GL_STENCIL_INDEX, clientFormat: GL_STENCIL_INDEX, clientType: GL_UNSIGNED_BYTE),
    ]

    /// Unsized internal formats and the sized format GL picks for them (GL 4.6, 8.5 table 8.11 → 8.12).
    static let unsized: [GLenum: GLenum] = [
        GL_RGBA: GL_RGBA8, GL_RGB: GL_RGB8, GL_RG: GL_RG8, GL_RED: GL_R8,
        GL_DEPTH_COMPONENT: GL_DEPTH_COMPONENT24, GL_DEPTH_STENCIL: GL_DEPTH24_STENCIL8,
    ]

    /// The sized format and its info, or nil when VirglGL does not support `internalFormat` yet.
    static func lookup(_ internalFormat: GLenum) -> (GLenum, GLFormatInfo)? {
        let sized = unsized[internalFormat] ?? internalFormat
        return formats[sized].map { (sized, $0) }
    }

    /// True when `format`/`type` data copies byte for byte into (or out of) `info`'s texels.
    static func matches(_ info: GLFormatInfo, _ format: GLenum, _ type: GLenum) -> Bool {
        format == info.clientFormat && type == info.clientType
    }
}
