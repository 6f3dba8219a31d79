import GLCore
import VirglProtocol

/// GL_FRAMEBUFFER_SRGB (GL 3.0, GL_ARB_framebuffer_sRGB): sRGB colour buffers encode what is written to them (and
/// blits decode and encode) only while it is enabled. The host turns sRGB conversion on for a framebuffer whose
/// surfaces have sRGB formats, so while it is disabled VirglGL views sRGB attachments through their linear format.
extension GLContext {
    /// The linear twin of each sRGB format an attachment can have.
    static let linearOfSRGB: [VirglFormat: VirglFormat] = [
        .r8g8b8a8SRGB: .r8g8b8a8Unorm, .b8g8r8a8SRGB: .b8g8r8a8Unorm, .r8g8b8x8SRGB: .r8g8b8x8Unorm, .b8g8r8x8SRGB: .b8g8r8x8Unorm,
        .a8b8g8r8SRGB: .a8b8g8r8Unorm, .x8b8g8r8SRGB: .x8b8g8r8Unorm, .a8r8g8b8SRGB: .a8r8g8b8Unorm, .x8r8g8b8SRGB: .x8r8g8b8Unorm,
        .r8g8b8SRGB: .r8g8b8Unorm, .l8SRGB: .l8Unorm, .l8a8SRGB: .l8a8Unorm, .a8l8SRGB: .a8l8Unorm, .r8SRGB: .r8Unorm,
        .r8g8SRGB: .r8g8Unorm, .b5g6r5SRGB: .b5g6r5Unorm,
    ]

    /// The format a colour attachment of `format` is rendered (and blitted) through: itself while
    /// GL_FRAMEBUFFER_SRGB is enabled, else its linear twin.
    func framebufferFormat(_ format: VirglFormat) -> VirglFormat {
        state.rasterizer.framebufferSRGB ? format : GLContext.linearOfSRGB[format] ?? format
    }
}
