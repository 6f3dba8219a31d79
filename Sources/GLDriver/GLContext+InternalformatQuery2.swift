import GLCore

// glGetInternalformativ / glGetInternalformati64v (GL 4.3 §22.3, GL_ARB_internalformat_query2): what VirglGL does
// with an internal format on a target. An internal format or target pairing VirglGL does not take answers as the
// spec's "unsupported" (GL_FALSE, 0 or GL_NONE); the sample queries keep GL 4.2's answers for renderable formats
// and give no counts for the others.

extension GLContext {
    /// The targets glGetInternalformat* takes.
    static let internalformatTargets: Set<GLenum> = [
        GL_TEXTURE_1D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP,
        GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_RECTANGLE, GL_TEXTURE_BUFFER, GL_RENDERBUFFER, GL_TEXTURE_2D_MULTISAMPLE,
        GL_TEXTURE_2D_MULTISAMPLE_ARRAY,
    ]

    /// The internal formats image units take (GL 4.6 table 8.27).
    static let imageFormats: Set<GLenum> = [
        GL_RGBA32F, GL_RGBA16F, GL_RG32F, GL_RG16F, GL_R11F_G11F_B10F, GL_R32F, GL_R16F, GL_RGBA32UI, GL_RGBA16UI,
        GL_RGB10_A2UI, GL_RGBA8UI, GL_RG32UI, GL_RG16UI, GL_RG8UI, GL_R32UI, GL_R16UI, GL_R8UI, GL_RGBA32I, GL_RGBA16I,
        GL_RGBA8I, GL_RG32I, GL_RG16I, GL_RG8I, GL_R32I, GL_R16I, GL_R8I, GL_RGBA16, GL_RGB10_A2, GL_RGBA8, GL_RG16,
        GL_RG8, GL_R16, GL_R8, GL_RGBA16_SNORM, GL_RGBA8_SNORM, GL_RG16_SNORM, GL_RG8_SNORM, GL_R16_SNORM, GL_R8_SNORM,
    ]

    /// The sized format and its description when `target` takes `internalFormat`, else nil.
    func internalformatSupport(_ target: GLenum, _ internalFormat: GLenum) -> (GLenum, GLFormatInfo)? {
        let multisample = target == GL_TEXTURE_2D_MULTISAMPLE || target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        if let c = compressedFormat(internalFormat) {
            // Compressed formats are for 2D images, their arrays and cube maps (BPTC also 3D).
            let targets: Set<GLenum> = [GL_TEXTURE_2D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY]
            guard targets.contains(target) || (target == GL_TEXTURE_3D && GLFormatTable.bptcFormats[internalFormat] != nil) else { return nil }
            return c
        }
        guard let (sized, info) = GLFormatTable.lookup(internalFormat) else { return nil }
        switch target {
        case GL_TEXTURE_BUFFER:
            return GLContext.bufferTextureFormats.contains(sized) ? (sized, info) : nil
        case GL_RENDERBUFFER:
            return GLFormatTable.isRenderable(sized, info, coreProfile: isCoreProfile) ? (sized, info) : nil
        case GL_TEXTURE_3D where info.isDepth || info.isStencil:
            return nil
        case _ where multisample:
            return GLFormatTable.isRenderable(sized, info, coreProfile: isCoreProfile) ? (sized, info) : nil
        default:
            return (sized, info)
        }
    }

    /// The answer to one pname (nil: GL_INVALID_ENUM recorded); `supported` is the target's take on the format.
    func internalformatValues(_ target: GLenum, _ internalFormat: GLenum, _ pname: GLenum) -> [Int64]? {
        let command = GLCommand.glGetInternalformativ
        let support = internalformatSupport(target, internalFormat)
        let limits = state.limits
        func bool(_ b: Bool) -> [Int64] { [b ? Int64(GL_TRUE) : Int64(GL_FALSE)] }
        func e(_ v: GLenum) -> [Int64] { [Int64(v)] }
        /// GL_FULL_SUPPORT when `b`, else GL_NONE (the "caveat / none" answers).
        func full(_ b: Bool) -> [Int64] { e(b ? GL_FULL_SUPPORT : GL_NONE) }
        guard let (sized, f) = support else {
            // Unsupported: GL_FALSE, GL_NONE or 0 (GL 4.6 §22.3.2), and no sample counts.
            switch pname {
            case GL_NUM_SAMPLE_COUNTS: return [0]
            case GL_SAMPLES: return []
            case GL_INTERNALFORMAT_SUPPORTED, GL_COLOR_COMPONENTS, GL_DEPTH_COMPONENTS, GL_STENCIL_COMPONENTS, GL_COLOR_RENDERABLE,
                 GL_DEPTH_RENDERABLE, GL_STENCIL_RENDERABLE, GL_MIPMAP, GL_TEXTURE_COMPRESSED:
                return bool(false)
            default:
                guard Self.internalformatPnames.contains(pname) else {
                    recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
                    return nil
                }
                return [0]
            }
        }
        let isTexture = target != GL_RENDERBUFFER && target != GL_TEXTURE_BUFFER
        let multisample = target == GL_TEXTURE_2D_MULTISAMPLE || target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        let renderable = !f.isCompressed && GLFormatTable.isRenderable(sized, f, coreProfile: isCoreProfile) && target != GL_TEXTURE_BUFFER
        let image = Self.imageFormats.contains(sized) && isTexture && !multisample
        let filterable = !f.isInteger && !(f.isStencil && !f.isDepth)
        switch pname {
        case GL_INTERNALFORMAT_SUPPORTED: return bool(true)
        case GL_INTERNALFORMAT_PREFERRED: return e(sized)
        case GL_INTERNALFORMAT_RED_SIZE, GL_INTERNALFORMAT_GREEN_SIZE, GL_INTERNALFORMAT_BLUE_SIZE, GL_INTERNALFORMAT_ALPHA_SIZE,
             GL_INTERNALFORMAT_DEPTH_SIZE, GL_INTERNALFORMAT_STENCIL_SIZE:
            return [Int64(GLContext.channelBits(sized, f, Self.internalformatChannels[pname]!))]
        case GL_INTERNALFORMAT_SHARED_SIZE: return [sized == GL_RGB9_E5 ? 5 : 0]
        case GL_INTERNALFORMAT_RED_TYPE, GL_INTERNALFORMAT_GREEN_TYPE, GL_INTERNALFORMAT_BLUE_TYPE, GL_INTERNALFORMAT_ALPHA_TYPE,
             GL_INTERNALFORMAT_DEPTH_TYPE, GL_INTERNALFORMAT_STENCIL_TYPE:
            guard GLContext.channelBits(sized, f, Self.internalformatChannels[pname]!) > 0 else { return e(GL_NONE) }
            if pname == GL_INTERNALFORMAT_STENCIL_TYPE { return e(GL_UNSIGNED_INT) }
            if pname == GL_INTERNALFORMAT_DEPTH_TYPE { return e(f.clientType == GL_FLOAT || f.clientType == GL_FLOAT_32_UNSIGNED_INT_24_8_REV ? GL_FLOAT : GL_UNSIGNED_NORMALIZED) }
            return e(GLContext.componentType(f))
        case GL_MAX_WIDTH, GL_MAX_HEIGHT, GL_MAX_DEPTH, GL_MAX_LAYERS, GL_MAX_COMBINED_DIMENSIONS:
            let size: Int64
            switch target {
            case GL_TEXTURE_3D: size = Int64(limits.max3DTextureSize)
            case GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY: size = Int64(limits.maxCubeMapTextureSize)
            case GL_RENDERBUFFER: size = Int64(limits.maxRenderbufferSize)
            case GL_TEXTURE_RECTANGLE: size = Int64(limits.maxRectangleTextureSize)
            case GL_TEXTURE_BUFFER: size = Int64(limits.maxTextureBufferSize)
            default: size = Int64(limits.maxTextureSize)
            }
            let dims: Int
            switch target {
            case GL_TEXTURE_1D, GL_TEXTURE_BUFFER: dims = 1
            case GL_TEXTURE_3D: dims = 3
            default: dims = 2
            }
            let layered = [GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY].contains(target)
            let layers = layered ? Int64(limits.maxArrayTextureLayers) : 0
            switch pname {
            case GL_MAX_WIDTH: return [size]
            case GL_MAX_HEIGHT: return [dims >= 2 && target != GL_TEXTURE_1D_ARRAY ? size : 0]
            case GL_MAX_DEPTH: return [dims == 3 ? size : 0]
            case GL_MAX_LAYERS: return [layers]
            default:
                // Width × height × depth × layers (× six faces for cube maps).
                var total = size
                if dims >= 2 && target != GL_TEXTURE_1D_ARRAY { total *= size }
                if dims == 3 { total *= size }
                if layered { total *= layers }
                if target == GL_TEXTURE_CUBE_MAP { total *= 6 }
                return [total]
            }
        case GL_COLOR_COMPONENTS: return bool(f.isColor)
        case GL_DEPTH_COMPONENTS: return bool(f.isDepth)
        case GL_STENCIL_COMPONENTS: return bool(f.isStencil)
        case GL_COLOR_RENDERABLE: return bool(renderable && f.isColor)
        case GL_DEPTH_RENDERABLE: return bool(renderable && f.isDepth)
        case GL_STENCIL_RENDERABLE: return bool(renderable && f.isStencil)
        case GL_FRAMEBUFFER_RENDERABLE: return full(renderable)
        case GL_FRAMEBUFFER_RENDERABLE_LAYERED: return full(renderable && isTexture && [GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY].contains(target))
        case GL_FRAMEBUFFER_BLEND: return full(renderable && f.isColor && !f.isInteger)
        case GL_READ_PIXELS: return full(renderable)
        case GL_READ_PIXELS_FORMAT, GL_TEXTURE_IMAGE_FORMAT, GL_GET_TEXTURE_IMAGE_FORMAT:
            if pname == GL_READ_PIXELS_FORMAT && !renderable { return e(GL_NONE) }
            if pname != GL_READ_PIXELS_FORMAT && (!isTexture || f.isCompressed) { return e(GL_NONE) }
            if f.isDepth { return e(f.isStencil ? GL_DEPTH_STENCIL : GL_DEPTH_COMPONENT) }
            if f.isStencil { return e(GL_STENCIL_INDEX) }
            switch f.base {
            case GL_RED: return e(f.isInteger ? GL_RED_INTEGER : GL_RED)
            case GL_RG: return e(f.isInteger ? GL_RG_INTEGER : GL_RG)
            case GL_RGB: return e(f.isInteger ? GL_RGB_INTEGER : GL_RGB)
            default: return e(f.isInteger ? GL_RGBA_INTEGER : GL_RGBA)
            }
        case GL_READ_PIXELS_TYPE, GL_TEXTURE_IMAGE_TYPE, GL_GET_TEXTURE_IMAGE_TYPE:
            if pname == GL_READ_PIXELS_TYPE && !renderable { return e(GL_NONE) }
            if pname != GL_READ_PIXELS_TYPE && (!isTexture || f.isCompressed) { return e(GL_NONE) }
            return e(f.clientType)
        case GL_MIPMAP: return bool(isTexture && !multisample && target != GL_TEXTURE_RECTANGLE)
        case GL_MANUAL_GENERATE_MIPMAP: return full(isTexture && !multisample && target != GL_TEXTURE_RECTANGLE && !f.isCompressed && !f.isInteger)
        case GL_AUTO_GENERATE_MIPMAP:
            return full(!isCoreProfile && isTexture && !multisample && target != GL_TEXTURE_RECTANGLE && !f.isCompressed && !f.isInteger)
        case GL_COLOR_ENCODING:
            guard f.isColor else { return e(GL_NONE) }
            return e([GL_SRGB8, GL_SRGB8_ALPHA8, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM, GL_COMPRESSED_SRGB8_ETC2,
                      GL_COMPRESSED_SRGB8_ALPHA8_ETC2_EAC, GL_COMPRESSED_SRGB8_PUNCHTHROUGH_ALPHA1_ETC2].contains(sized) ? GL_SRGB : GL_LINEAR)
        case GL_SRGB_READ:
            return full(isTexture && [GL_SRGB8, GL_SRGB8_ALPHA8, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM].contains(sized))
        case GL_SRGB_WRITE: return full(renderable && sized == GL_SRGB8_ALPHA8)
        case Self.srgbDecodePname: return e(GL_NONE)  // GL_EXT_texture_sRGB_decode is not offered
        case GL_FILTER: return full(isTexture && !multisample && filterable)
        case GL_VERTEX_TEXTURE, GL_TESS_CONTROL_TEXTURE, GL_TESS_EVALUATION_TEXTURE, GL_GEOMETRY_TEXTURE, GL_FRAGMENT_TEXTURE,
             GL_COMPUTE_TEXTURE:
            return full(target != GL_RENDERBUFFER)
        case GL_TEXTURE_SHADOW: return full(isTexture && !multisample && f.isDepth && target != GL_TEXTURE_3D)
        case GL_TEXTURE_GATHER: return full(isTexture && !multisample && target != GL_TEXTURE_1D && target != GL_TEXTURE_1D_ARRAY && target != GL_TEXTURE_3D)
        case GL_TEXTURE_GATHER_SHADOW:
            return full(isTexture && !multisample && f.isDepth && target != GL_TEXTURE_1D && target != GL_TEXTURE_1D_ARRAY && target != GL_TEXTURE_3D)
        case GL_SHADER_IMAGE_LOAD, GL_SHADER_IMAGE_STORE: return full(image)
        case GL_SHADER_IMAGE_ATOMIC: return full(image && [GL_R32UI, GL_R32I].contains(sized))
        case GL_IMAGE_TEXEL_SIZE:
            guard image else { return [0] }
            return [Int64(sized == GL_RGB10_A2 || sized == GL_RGB10_A2UI || sized == GL_R11F_G11F_B10F ? 32 : f.bytesPerTexel * 8)]
        case GL_IMAGE_COMPATIBILITY_CLASS:
            guard image else { return e(GL_NONE) }
            if sized == GL_R11F_G11F_B10F { return e(GL_IMAGE_CLASS_11_11_10) }
            if sized == GL_RGB10_A2 || sized == GL_RGB10_A2UI { return e(GL_IMAGE_CLASS_10_10_10_2) }
            let bits = f.bytesPerTexel * 8
            switch (f.base, bits) {
            case (GL_RGBA, 128): return e(GL_IMAGE_CLASS_4_X_32)
            case (GL_RGBA, 64): return e(GL_IMAGE_CLASS_4_X_16)
            case (GL_RGBA, 32): return e(GL_IMAGE_CLASS_4_X_8)
            case (GL_RG, 64): return e(GL_IMAGE_CLASS_2_X_32)
            case (GL_RG, 32): return e(GL_IMAGE_CLASS_2_X_16)
            case (GL_RG, 16): return e(GL_IMAGE_CLASS_2_X_8)
            case (GL_RED, 32): return e(GL_IMAGE_CLASS_1_X_32)
            case (GL_RED, 16): return e(GL_IMAGE_CLASS_1_X_16)
            default: return e(GL_IMAGE_CLASS_1_X_8)
            }
        case GL_IMAGE_PIXEL_FORMAT:
            guard image else { return e(GL_NONE) }
            switch f.base {
            case GL_RED: return e(f.isInteger ? GL_RED_INTEGER : GL_RED)
            case GL_RG: return e(f.isInteger ? GL_RG_INTEGER : GL_RG)
            default: return e(f.isInteger ? GL_RGBA_INTEGER : GL_RGBA)
            }
        case GL_IMAGE_PIXEL_TYPE: return e(image ? f.clientType : GL_NONE)
        case GL_IMAGE_FORMAT_COMPATIBILITY_TYPE: return e(image ? GL_IMAGE_FORMAT_COMPATIBILITY_BY_SIZE : GL_NONE)
        case GL_SIMULTANEOUS_TEXTURE_AND_DEPTH_TEST, GL_SIMULTANEOUS_TEXTURE_AND_STENCIL_TEST,
             GL_SIMULTANEOUS_TEXTURE_AND_DEPTH_WRITE, GL_SIMULTANEOUS_TEXTURE_AND_STENCIL_WRITE:
            return e(GL_NONE)
        case GL_TEXTURE_COMPRESSED: return bool(f.isCompressed)
        case GL_TEXTURE_COMPRESSED_BLOCK_WIDTH, GL_TEXTURE_COMPRESSED_BLOCK_HEIGHT: return [f.isCompressed ? 4 : 0]
        case GL_TEXTURE_COMPRESSED_BLOCK_SIZE: return [Int64(f.blockBytes)]
        case GL_CLEAR_BUFFER: return e(GL_NONE)
        case GL_CLEAR_TEXTURE: return e(GL_NONE)
        case GL_TEXTURE_VIEW: return e(GL_NONE)
        case GL_VIEW_COMPATIBILITY_CLASS: return e(GL_NONE)
        case GL_NUM_SAMPLE_COUNTS, GL_SAMPLES:
            guard (target == GL_RENDERBUFFER || multisample) && renderable else { return pname == GL_SAMPLES ? [] : [0] }
            let limit = target == GL_RENDERBUFFER ? (f.isInteger ? min(limits.maxIntegerSamples, limits.maxSamples) : limits.maxSamples)
                : maxTextureSamples(f)
            var counts: [Int64] = []
            var n = 2
            while n <= Int(limit) { counts.insert(Int64(n), at: 0); n *= 2 }
            return pname == GL_SAMPLES ? counts : [Int64(counts.count)]
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }

    /// The texture channel (its GL_TEXTURE_*_SIZE name) each GL_INTERNALFORMAT_*_SIZE and _TYPE pname asks about.
    static let internalformatChannels: [GLenum: GLenum] = [
        GL_INTERNALFORMAT_RED_SIZE: GL_TEXTURE_RED_SIZE, GL_INTERNALFORMAT_GREEN_SIZE: GL_TEXTURE_GREEN_SIZE,
        GL_INTERNALFORMAT_BLUE_SIZE: GL_TEXTURE_BLUE_SIZE, GL_INTERNALFORMAT_ALPHA_SIZE: GL_TEXTURE_ALPHA_SIZE,
        GL_INTERNALFORMAT_DEPTH_SIZE: GL_TEXTURE_DEPTH_SIZE, GL_INTERNALFORMAT_STENCIL_SIZE: GL_TEXTURE_STENCIL_SIZE,
        GL_INTERNALFORMAT_RED_TYPE: GL_TEXTURE_RED_SIZE, GL_INTERNALFORMAT_GREEN_TYPE: GL_TEXTURE_GREEN_SIZE,
        GL_INTERNALFORMAT_BLUE_TYPE: GL_TEXTURE_BLUE_SIZE, GL_INTERNALFORMAT_ALPHA_TYPE: GL_TEXTURE_ALPHA_SIZE,
        GL_INTERNALFORMAT_DEPTH_TYPE: GL_TEXTURE_DEPTH_SIZE, GL_INTERNALFORMAT_STENCIL_TYPE: GL_TEXTURE_STENCIL_SIZE,
    ]

    /// GL_SRGB_DECODE_ARB (0x8299), a pname of GL_ARB_internalformat_query2 that gl.xml names only with
    /// GL_EXT_texture_sRGB_decode's enums.
    static let srgbDecodePname: GLenum = 0x8299

    /// Every pname glGetInternalformat* takes (GL 4.6 table 22.3 and GL 4.2's two).
    static let internalformatPnames: Set<GLenum> = [
        GL_NUM_SAMPLE_COUNTS, GL_SAMPLES, GL_INTERNALFORMAT_SUPPORTED, GL_INTERNALFORMAT_PREFERRED, GL_INTERNALFORMAT_RED_SIZE,
        GL_INTERNALFORMAT_GREEN_SIZE, GL_INTERNALFORMAT_BLUE_SIZE, GL_INTERNALFORMAT_ALPHA_SIZE, GL_INTERNALFORMAT_DEPTH_SIZE,
        GL_INTERNALFORMAT_STENCIL_SIZE, GL_INTERNALFORMAT_SHARED_SIZE, GL_INTERNALFORMAT_RED_TYPE, GL_INTERNALFORMAT_GREEN_TYPE,
        GL_INTERNALFORMAT_BLUE_TYPE, GL_INTERNALFORMAT_ALPHA_TYPE, GL_INTERNALFORMAT_DEPTH_TYPE, GL_INTERNALFORMAT_STENCIL_TYPE,
        GL_MAX_WIDTH, GL_MAX_HEIGHT, GL_MAX_DEPTH, GL_MAX_LAYERS, GL_MAX_COMBINED_DIMENSIONS, GL_COLOR_COMPONENTS,
        GL_DEPTH_COMPONENTS, GL_STENCIL_COMPONENTS, GL_COLOR_RENDERABLE, GL_DEPTH_RENDERABLE, GL_STENCIL_RENDERABLE,
        GL_FRAMEBUFFER_RENDERABLE, GL_FRAMEBUFFER_RENDERABLE_LAYERED, GL_FRAMEBUFFER_BLEND, GL_READ_PIXELS, GL_READ_PIXELS_FORMAT,
        GL_READ_PIXELS_TYPE, GL_TEXTURE_IMAGE_FORMAT, GL_TEXTURE_IMAGE_TYPE, GL_GET_TEXTURE_IMAGE_FORMAT, GL_GET_TEXTURE_IMAGE_TYPE,
        GL_MIPMAP, GL_MANUAL_GENERATE_MIPMAP, GL_AUTO_GENERATE_MIPMAP, GL_COLOR_ENCODING, GL_SRGB_READ, GL_SRGB_WRITE,
        srgbDecodePname, GL_FILTER, GL_VERTEX_TEXTURE, GL_TESS_CONTROL_TEXTURE, GL_TESS_EVALUATION_TEXTURE, GL_GEOMETRY_TEXTURE,
        GL_FRAGMENT_TEXTURE, GL_COMPUTE_TEXTURE, GL_TEXTURE_SHADOW, GL_TEXTURE_GATHER, GL_TEXTURE_GATHER_SHADOW,
        GL_SHADER_IMAGE_LOAD, GL_SHADER_IMAGE_STORE, GL_SHADER_IMAGE_ATOMIC, GL_IMAGE_TEXEL_SIZE, GL_IMAGE_COMPATIBILITY_CLASS,
        GL_IMAGE_PIXEL_FORMAT, GL_IMAGE_PIXEL_TYPE, GL_IMAGE_FORMAT_COMPATIBILITY_TYPE, GL_SIMULTANEOUS_TEXTURE_AND_DEPTH_TEST,
        GL_SIMULTANEOUS_TEXTURE_AND_STENCIL_TEST, GL_SIMULTANEOUS_TEXTURE_AND_DEPTH_WRITE, GL_SIMULTANEOUS_TEXTURE_AND_STENCIL_WRITE,
        GL_TEXTURE_COMPRESSED, GL_TEXTURE_COMPRESSED_BLOCK_WIDTH, GL_TEXTURE_COMPRESSED_BLOCK_HEIGHT, GL_TEXTURE_COMPRESSED_BLOCK_SIZE,
        GL_CLEAR_BUFFER, GL_CLEAR_TEXTURE, GL_TEXTURE_VIEW, GL_VIEW_COMPATIBILITY_CLASS,
    ]

    /// glGetInternalformativ / glGetInternalformati64v: at most `count` values of `pname` into `params`.
    func getInternalformat<T: BinaryInteger>(_ command: GLCommand, _ target: GLenum, _ internalFormat: GLenum, _ pname: GLenum, _ count: GLsizei, _ params: UnsafeMutablePointer<T>?) {
        guard GLContext.internalformatTargets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "bufSize \(count)") }
        _ = host  // the formats and sample limits come with the host's caps
        guard let values = internalformatValues(target, internalFormat, pname), let params else { return }
        for (i, v) in values.prefix(Int(count)).enumerated() { params[i] = T(truncatingIfNeeded: v) }
    }
}

extension GLDispatch {
    func installInternalformatQuery() {
        glGetInternalformativ = { $0.getInternalformat(.glGetInternalformativ, $1, $2, $3, $4, $5) }
        glGetInternalformati64v = { $0.getInternalformat(.glGetInternalformati64v, $1, $2, $3, $4, $5) }
    }
}
