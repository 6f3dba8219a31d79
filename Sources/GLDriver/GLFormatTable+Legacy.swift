import GLCore
import VirglProtocol

/// The alpha, luminance, luminance-alpha and intensity formats of GL_ARB_texture_float (float) and
/// GL_EXT_texture_integer (integer), compatibility-profile formats. virglrenderer has no integer ones and keeps
/// the float ones as GL_ALPHA*F_ARB textures a core-profile host lacks, so VirglGL stores them as R/RG textures
/// read through a sampler-view swizzle (as GL_LUMINANCE8_ALPHA8 and GL_INTENSITY8).
extension GLFormatTable {
    /// The swizzles each base format reads its R/RG stand-in through.
    static let alphaSwizzle = [GL_ZERO, GL_ZERO, GL_ZERO, GL_RED]
    static let luminanceSwizzle = [GL_RED, GL_RED, GL_RED, GL_ONE]
    static let luminanceAlphaSwizzle = [GL_RED, GL_RED, GL_RED, GL_GREEN]
    static let intensitySwizzle = [GL_RED, GL_RED, GL_RED, GL_RED]

    static let legacyFormats: [GLenum: GLFormatInfo] = {
        var table: [GLenum: GLFormatInfo] = [:]
        /// One base format's sized format at a component type: `one`/`two` are the R and RG stand-ins.
        func add(_ name: GLenum, _ base: GLenum, _ one: VirglFormat, _ two: VirglFormat, _ bytes: Int, _ client: GLenum, _ type: GLenum) {
            let swizzle: [GLenum]
            switch base {
            case GL_ALPHA: swizzle = alphaSwizzle
            case GL_LUMINANCE: swizzle = luminanceSwizzle
            case GL_LUMINANCE_ALPHA: swizzle = luminanceAlphaSwizzle
            default: swizzle = intensitySwizzle
            }
            let pair = base == GL_LUMINANCE_ALPHA
            table[name] = GLFormatInfo(
                virgl: pair ? two : one, bytesPerTexel: pair ? 2 * bytes : bytes, base: base, clientFormat: client, clientType: type,
                viewSwizzle: swizzle)
        }
        // GL_ARB_texture_float. (Intensity data is luminance data, as GL_INTENSITY8's.)
        for (bits, one, two, type) in [(32, VirglFormat.r32Float, VirglFormat.r32g32Float, GL_FLOAT), (16, .r16Float, .r16g16Float, GL_HALF_FLOAT)] {
            let bytes = bits / 8
            add(bits == 32 ? GL_ALPHA32F_ARB : GL_ALPHA16F_ARB, GL_ALPHA, one, two, bytes, GL_ALPHA, type)
            add(bits == 32 ? GL_LUMINANCE32F_ARB : GL_LUMINANCE16F_ARB, GL_LUMINANCE, one, two, bytes, GL_LUMINANCE, type)
            add(bits == 32 ? GL_LUMINANCE_ALPHA32F_ARB : GL_LUMINANCE_ALPHA16F_ARB, GL_LUMINANCE_ALPHA, one, two, bytes, GL_LUMINANCE_ALPHA, type)
            add(bits == 32 ? GL_INTENSITY32F_ARB : GL_INTENSITY16F_ARB, GL_INTENSITY, one, two, bytes, GL_LUMINANCE, type)
        }
        // GL_EXT_texture_integer.
        let integer: [(names: [GLenum], one: VirglFormat, two: VirglFormat, bytes: Int, type: GLenum)] = [
            ([GL_ALPHA8UI_EXT, GL_LUMINANCE8UI_EXT, GL_LUMINANCE_ALPHA8UI_EXT, GL_INTENSITY8UI_EXT], .r8Uint, .r8g8Uint, 1, GL_UNSIGNED_BYTE),
            ([GL_ALPHA8I_EXT, GL_LUMINANCE8I_EXT, GL_LUMINANCE_ALPHA8I_EXT, GL_INTENSITY8I_EXT], .r8Sint, .r8g8Sint, 1, GL_BYTE),
            ([GL_ALPHA16UI_EXT, GL_LUMINANCE16UI_EXT, GL_LUMINANCE_ALPHA16UI_EXT, GL_INTENSITY16UI_EXT], .r16Uint, .r16g16Uint, 2, GL_UNSIGNED_SHORT),
            ([GL_ALPHA16I_EXT, GL_LUMINANCE16I_EXT, GL_LUMINANCE_ALPHA16I_EXT, GL_INTENSITY16I_EXT], .r16Sint, .r16g16Sint, 2, GL_SHORT),
            ([GL_ALPHA32UI_EXT, GL_LUMINANCE32UI_EXT, GL_LUMINANCE_ALPHA32UI_EXT, GL_INTENSITY32UI_EXT], .r32Uint, .r32g32Uint, 4, GL_UNSIGNED_INT),
            ([GL_ALPHA32I_EXT, GL_LUMINANCE32I_EXT, GL_LUMINANCE_ALPHA32I_EXT, GL_INTENSITY32I_EXT], .r32Sint, .r32g32Sint, 4, GL_INT),
        ]
        for f in integer {
            add(f.names[0], GL_ALPHA, f.one, f.two, f.bytes, GL_ALPHA_INTEGER, f.type)
            add(f.names[1], GL_LUMINANCE, f.one, f.two, f.bytes, GL_LUMINANCE_INTEGER_EXT, f.type)
            add(f.names[2], GL_LUMINANCE_ALPHA, f.one, f.two, f.bytes, GL_LUMINANCE_ALPHA_INTEGER_EXT, f.type)
            add(f.names[3], GL_INTENSITY, f.one, f.two, f.bytes, GL_LUMINANCE_INTEGER_EXT, f.type)
        }
        return table
    }()

    /// The R/RG client format whose components a stand-in format's client data converts as (its luminance or
    /// alpha component is the texel's red, a luminance-alpha pair its red and green).
    static let standInClientFormats: [GLenum: GLenum] = [
        GL_ALPHA: GL_RED, GL_LUMINANCE: GL_RED, GL_LUMINANCE_ALPHA: GL_RG,
        GL_ALPHA_INTEGER: GL_RED_INTEGER, GL_LUMINANCE_INTEGER_EXT: GL_RED_INTEGER, GL_LUMINANCE_ALPHA_INTEGER_EXT: GL_RG_INTEGER,
    ]
}
