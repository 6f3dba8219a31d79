import GLCore
import VirglProtocol

/// S3TC (DXT1/3/5) compressed textures (GL_EXT_texture_compression_s3tc, and their sRGB forms from
/// GL_EXT_texture_sRGB): taken block for block like the other compressed formats where the host samples them.
extension GLFormatTable {
    /// The S3TC formats: 8-byte DXT1 blocks, 16-byte DXT3/DXT5 blocks.
    static let s3tcFormats: [GLenum: GLFormatInfo] = [
        GL_COMPRESSED_RGB_S3TC_DXT1_EXT: GLFormatInfo(virgl: .dxt1Rgb, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_RGBA_S3TC_DXT1_EXT: GLFormatInfo(virgl: .dxt1Rgba, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_RGBA_S3TC_DXT3_EXT: GLFormatInfo(virgl: .dxt3Rgba, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_RGBA_S3TC_DXT5_EXT: GLFormatInfo(virgl: .dxt5Rgba, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SRGB_S3TC_DXT1_EXT: GLFormatInfo(virgl: .dxt1SRGB, bytesPerTexel: 8, base: GL_RGB, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT1_EXT: GLFormatInfo(virgl: .dxt1Srgba, bytesPerTexel: 8, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 8),
        GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT3_EXT: GLFormatInfo(virgl: .dxt3Srgba, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
        GL_COMPRESSED_SRGB_ALPHA_S3TC_DXT5_EXT: GLFormatInfo(virgl: .dxt5Srgba, bytesPerTexel: 16, base: GL_RGBA, clientFormat: GL_NONE, clientType: GL_UNSIGNED_BYTE, blockBytes: 16),
    ]

    /// The four formats GL_EXT_texture_compression_s3tc names.
    static let s3tcLinearFormats = [GL_COMPRESSED_RGB_S3TC_DXT1_EXT, GL_COMPRESSED_RGBA_S3TC_DXT1_EXT, GL_COMPRESSED_RGBA_S3TC_DXT3_EXT, GL_COMPRESSED_RGBA_S3TC_DXT5_EXT]
}

extension GLContext {
    /// GL_EXT_texture_compression_s3tc (and the older DXT1-only name) when the host samples the four formats.
    var s3tcExtensions: [String] {
        GLFormatTable.s3tcLinearFormats.allSatisfy({ compressedFormat($0) != nil })
            ? ["GL_EXT_texture_compression_s3tc", "GL_EXT_texture_compression_dxt1"] : []
    }
}
