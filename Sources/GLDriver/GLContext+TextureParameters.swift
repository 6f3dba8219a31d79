import GLCore
import VirglProtocol

/// Texture swizzles (GL 3.3), integer and vector parameter forms, and the parameter queries of textures,
/// sampler objects and texture images (glGetTexParameter*, glGetSamplerParameter*, glGetTexLevelParameter*).
extension GLContext {
    static let swizzlePnames: [GLenum] = [GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G, GL_TEXTURE_SWIZZLE_B, GL_TEXTURE_SWIZZLE_A]
    static let swizzleValues: Set<GLenum> = [GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA, GL_ZERO, GL_ONE]

    /// Destroys a texture's sampler views (made again at the next draw).
    func dropViews(_ t: GLTexture) {
        for v in [t.view, t.modeView].compactMap({ $0 }) { commands.encodeDestroyObject(.samplerView, handle: v) }
        t.view = nil
        t.modeView = nil
    }

    /// GL_TEXTURE_SWIZZLE_{R,G,B,A}: the texture's sampler view is made again with the new swizzle.
    func setSwizzle(_ command: GLCommand, _ t: GLTexture, _ components: [Int], _ values: [GLenum]) {
        guard values.allSatisfy({ GLContext.swizzleValues.contains($0) }) else {
            return recordError(GL_INVALID_ENUM, command, "swizzle \(values.map(GLEnumNames.describe))")
        }
        var s = t.swizzle
        for (c, v) in zip(components, values) { s[c] = v }
        guard s != t.swizzle else { return }
        t.swizzle = s
        dropViews(t)
        state.dirty.insert(.samplers)
    }

    /// The sampler-view swizzle of a GL swizzle, through the format's own (`GLFormatInfo.viewSwizzle`).
    static func virglSwizzle(_ s: [GLenum], format: [GLenum]? = nil) -> VirglSamplerViewSwizzle {
        func one(_ e: GLenum) -> UInt32 {
            if let format, let i = [GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA].firstIndex(of: e) { return plain(format[i]) }
            return plain(e)
        }
        func plain(_ e: GLenum) -> UInt32 {
            switch e {
            case GL_GREEN: return VirglSwizzle.y.rawValue
            case GL_BLUE: return VirglSwizzle.z.rawValue
            case GL_ALPHA: return VirglSwizzle.w.rawValue
            case GL_ZERO: return VirglSwizzle.zero.rawValue
            case GL_ONE: return VirglSwizzle.one.rawValue
            default: return VirglSwizzle.x.rawValue
            }
        }
        var v = VirglSamplerViewSwizzle()
        v.r = one(s[0])
        v.g = one(s[1])
        v.b = one(s[2])
        v.a = one(s[3])
        return v
    }

    /// What the sampler view reads for RGBA before the texture's own swizzle: the format's stand-in swizzle, or in
    /// a compatibility context a depth texture's GL_DEPTH_TEXTURE_MODE (the host applies it to shadow lookups too).
    func viewFormatSwizzle(_ t: GLTexture, depthMode: Bool) -> [GLenum]? {
        guard let f = t.base?.format else { return nil }
        if let s = f.viewSwizzle { return s }
        guard f.isDepth, depthMode else { return nil }
        switch t.depthMode {
        case GL_INTENSITY: return [GL_RED, GL_RED, GL_RED, GL_RED]
        case GL_ALPHA: return [GL_ZERO, GL_ZERO, GL_ZERO, GL_RED]
        case GL_RED: return [GL_RED, GL_ZERO, GL_ZERO, GL_ONE]
        default: return [GL_RED, GL_RED, GL_RED, GL_ONE]
        }
    }

    /// The value of a sampling parameter shared by textures and samplers (nil: not one).
    func samplerParameterValue(_ p: GLSamplerParams, _ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_TEXTURE_MIN_FILTER: return .enums([p.minFilter])
        case GL_TEXTURE_MAG_FILTER: return .enums([p.magFilter])
        case GL_TEXTURE_WRAP_S: return .enums([p.wrapS])
        case GL_TEXTURE_WRAP_T: return .enums([p.wrapT])
        case GL_TEXTURE_WRAP_R: return .enums([p.wrapR])
        case GL_TEXTURE_MIN_LOD: return .doubles([Double(p.minLOD)])
        case GL_TEXTURE_MAX_LOD: return .doubles([Double(p.maxLOD)])
        case GL_TEXTURE_LOD_BIAS: return .doubles([Double(p.lodBias)])
        case GL_TEXTURE_COMPARE_MODE: return .enums([p.compareMode])
        case GL_TEXTURE_COMPARE_FUNC: return .enums([p.compareFunc])
        case GL_TEXTURE_BORDER_COLOR: return .doubles(p.borderColor.map(Double.init))
        default: return nil
        }
    }

    /// glGetTexParameter*: the bound texture's parameters.
    func textureParameterValue(_ command: GLCommand, _ target: GLenum, _ pname: GLenum) -> GLQueryValue? {
        guard let t = boundTexture(command, target) else { return nil }
        if let v = samplerParameterValue(t.params, pname) { return v }
        switch pname {
        case GL_TEXTURE_BASE_LEVEL: return .ints([Int64(t.baseLevel)])
        case GL_TEXTURE_MAX_LEVEL: return .ints([Int64(t.maxLevel)])
        case GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G, GL_TEXTURE_SWIZZLE_B, GL_TEXTURE_SWIZZLE_A:
            return .enums([t.swizzle[GLContext.swizzlePnames.firstIndex(of: pname)!]])
        case GL_TEXTURE_SWIZZLE_RGBA: return .enums(t.swizzle)
        case GL_TEXTURE_IMMUTABLE_FORMAT: return .bools([t.isImmutable])
        case GL_TEXTURE_IMMUTABLE_LEVELS: return .ints([Int64(t.immutableLevels)])
        case GL_TEXTURE_VIEW_MIN_LEVEL, GL_TEXTURE_VIEW_NUM_LEVELS, GL_TEXTURE_VIEW_MIN_LAYER, GL_TEXTURE_VIEW_NUM_LAYERS:
            return textureViewParameter(t, pname)
        case GL_DEPTH_STENCIL_TEXTURE_MODE: return .enums([t.depthStencilTextureMode])
        case GL_IMAGE_FORMAT_COMPATIBILITY_TYPE where supportsImageLoadStore: return .enums([GL_IMAGE_FORMAT_COMPATIBILITY_BY_SIZE])
        case GL_DEPTH_TEXTURE_MODE where !isCoreProfile: return .enums([t.depthMode])
        case GL_GENERATE_MIPMAP where !isCoreProfile: return .bools([t.generateMipmap])
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }

    func samplerObjectParameterValue(_ command: GLCommand, _ name: GLuint, _ pname: GLenum) -> GLQueryValue? {
        guard let s = samplers[name] else {
            recordError(GL_INVALID_OPERATION, command, "\(name) is not a sampler")
            return nil
        }
        guard let v = samplerParameterValue(s.params, pname) else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
        return v
    }

    /// glGetTexLevelParameter*: one image's size and format (GL 4.6 §8.11.3).
    func textureLevelValue(_ command: GLCommand, _ target: GLenum, _ level: GLint, _ pname: GLenum) -> GLQueryValue? {
        guard let t = boundTexture(command, target) else { return nil }
        guard level >= 0, level < 16 else {
            recordError(GL_INVALID_VALUE, command, "level \(level)")
            return nil
        }
        if t.target == GL_TEXTURE_BUFFER, let v = bufferTextureLevelValue(t, level, pname) { return v }
        let face = t.target == GL_TEXTURE_CUBE_MAP ? Int(target == GL_TEXTURE_CUBE_MAP ? 0 : target - GL_TEXTURE_CUBE_MAP_POSITIVE_X) : 0
        let image = t.images.indices.contains(face) && t.images[face].indices.contains(Int(level)) ? t.images[face][Int(level)] : nil
        let f = image?.format
        func bits(_ channel: GLenum) -> Int64 {
            guard let f, let i = image else { return 0 }
            return Int64(GLContext.channelBits(i.internalFormat, f, channel))
        }
        switch pname {
        case GL_TEXTURE_WIDTH: return .ints([Int64(image?.width ?? 0)])
        case GL_TEXTURE_HEIGHT: return .ints([Int64(image?.height ?? 0)])
        case GL_TEXTURE_DEPTH: return .ints([Int64(image?.depth ?? 0)])
        case GL_TEXTURE_INTERNAL_FORMAT: return .enums([image?.internalFormat ?? (isCoreProfile ? GL_RGBA : 1)])
        case GL_TEXTURE_RED_SIZE, GL_TEXTURE_GREEN_SIZE, GL_TEXTURE_BLUE_SIZE, GL_TEXTURE_ALPHA_SIZE, GL_TEXTURE_DEPTH_SIZE,
             GL_TEXTURE_STENCIL_SIZE:
            return .ints([bits(pname)])
        case GL_TEXTURE_RED_TYPE, GL_TEXTURE_GREEN_TYPE, GL_TEXTURE_BLUE_TYPE, GL_TEXTURE_ALPHA_TYPE, GL_TEXTURE_DEPTH_TYPE:
            let channel = [GL_TEXTURE_RED_TYPE: GL_TEXTURE_RED_SIZE, GL_TEXTURE_GREEN_TYPE: GL_TEXTURE_GREEN_SIZE,
                           GL_TEXTURE_BLUE_TYPE: GL_TEXTURE_BLUE_SIZE, GL_TEXTURE_ALPHA_TYPE: GL_TEXTURE_ALPHA_SIZE,
                           GL_TEXTURE_DEPTH_TYPE: GL_TEXTURE_DEPTH_SIZE][pname]!
            guard let f, bits(channel) > 0 else { return .enums([GL_NONE]) }
            return .enums([GLContext.componentType(f)])
        case GL_TEXTURE_SHARED_SIZE: return .ints([0])
        case GL_TEXTURE_COMPRESSED: return .bools([f?.isCompressed ?? false])
        case GL_TEXTURE_COMPRESSED_IMAGE_SIZE:
            guard let image, image.format.isCompressed else {
                recordError(GL_INVALID_OPERATION, command, "level \(level) is not a compressed image")
                return nil
            }
            return .ints([Int64(image.bytes.count)])
        case GL_TEXTURE_SAMPLES: return .ints([Int64(image == nil ? 0 : t.samples)])
        case GL_TEXTURE_FIXED_SAMPLE_LOCATIONS: return .bools([image == nil || t.fixedSampleLocations])
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }

    /// GL_FLOAT, GL_INT, GL_UNSIGNED_INT or GL_UNSIGNED_NORMALIZED (GL_SIGNED_NORMALIZED) for a format's components.
    static func componentType(_ f: GLFormatInfo) -> GLenum {
        if f.isInteger { return [GL_INT, GL_SHORT, GL_BYTE].contains(f.clientType) ? GL_INT : GL_UNSIGNED_INT }
        switch f.clientType {
        case GL_FLOAT, GL_HALF_FLOAT, GL_UNSIGNED_INT_10F_11F_11F_REV, GL_UNSIGNED_INT_5_9_9_9_REV, GL_FLOAT_32_UNSIGNED_INT_24_8_REV: return GL_FLOAT
        case GL_BYTE, GL_SHORT, GL_INT: return GL_SIGNED_NORMALIZED
        default: return GL_UNSIGNED_NORMALIZED
        }
    }

    /// Bits of `channel` (a GL_TEXTURE_*_SIZE name) in an internal format.
    static func channelBits(_ internalFormat: GLenum, _ f: GLFormatInfo, _ channel: GLenum) -> Int {
        if f.isDepth || f.isStencil {
            switch (internalFormat, channel) {
            case (GL_DEPTH24_STENCIL8, GL_TEXTURE_DEPTH_SIZE), (GL_DEPTH_COMPONENT24, GL_TEXTURE_DEPTH_SIZE), (GL_DEPTH_COMPONENT32, GL_TEXTURE_DEPTH_SIZE): return 24
            case (GL_DEPTH32F_STENCIL8, GL_TEXTURE_DEPTH_SIZE), (GL_DEPTH_COMPONENT32F, GL_TEXTURE_DEPTH_SIZE): return 32
            case (GL_DEPTH_COMPONENT16, GL_TEXTURE_DEPTH_SIZE): return 16
            case (_, GL_TEXTURE_STENCIL_SIZE) where f.isStencil: return 8
            default: return 0
            }
        }
        let channels: Int
        switch f.base {
        case GL_RED: channels = 1
        case GL_RG: channels = 2
        case GL_RGB: channels = 3
        default: channels = 4
        }
        let index = [GL_TEXTURE_RED_SIZE, GL_TEXTURE_GREEN_SIZE, GL_TEXTURE_BLUE_SIZE, GL_TEXTURE_ALPHA_SIZE].firstIndex(of: channel) ?? 4
        guard index < channels else { return 0 }
        // Compressed formats: the precision of what they decode to (BPTC: 8-bit unorm, half float; EAC: 11 bits).
        if f.isCompressed { return f.clientType == GL_FLOAT ? 16 : GLFormatTable.eac11Formats.contains(internalFormat) ? 11 : 8 }
        switch internalFormat {
        case GL_RGB10_A2, GL_RGB10_A2UI: return index == 3 ? 2 : 10
        case GL_R11F_G11F_B10F: return index == 2 ? 10 : 11
        case GL_RGB9_E5: return 9
        case GL_RGB565: return index == 1 ? 6 : 5
        default:
            // The texel's bytes shared evenly (an RGB8 texel is stored as RGBX8: four components; RGB32F as three).
            let stored = f.base == GL_RGB && (GLPixelConversion.texelLayout(f.virgl)?.opaque ?? false) ? 4 : channels
            return f.bytesPerTexel * 8 / stored
        }
    }

    /// Writes a parameter value through a glGet*-style pointer.
    func write<T>(_ value: GLQueryValue?, _ out: UnsafeMutablePointer<T>?, _ convert: (GLQueryValue) -> [T]) {
        guard let value, let out else { return }
        for (i, v) in convert(value).enumerated() { out[i] = v }
    }
}

extension GLDispatch {
    func installTextureParameters() {
        glGetTexParameteriv = { c, target, pname, out in c.write(c.textureParameterValue(.glGetTexParameteriv, target, pname), out) { $0.asInt32 } }
        glGetTexParameterfv = { c, target, pname, out in
            c.write(c.textureParameterValue(.glGetTexParameterfv, target, pname), out) { $0.asDoubles.map { GLfloat($0) } }
        }
        glGetTexParameterIiv = { c, target, pname, out in c.write(c.textureParameterValue(.glGetTexParameterIiv, target, pname), out) { $0.asInt32 } }
        glGetTexParameterIuiv = { c, target, pname, out in
            c.write(c.textureParameterValue(.glGetTexParameterIuiv, target, pname), out) { $0.asInt32.map { GLuint(bitPattern: $0) } }
        }
        glGetSamplerParameteriv = { c, s, pname, out in c.write(c.samplerObjectParameterValue(.glGetSamplerParameteriv, s, pname), out) { $0.asInt32 } }
        glGetSamplerParameterfv = { c, s, pname, out in
            c.write(c.samplerObjectParameterValue(.glGetSamplerParameterfv, s, pname), out) { $0.asDoubles.map { GLfloat($0) } }
        }
        glGetSamplerParameterIiv = { c, s, pname, out in c.write(c.samplerObjectParameterValue(.glGetSamplerParameterIiv, s, pname), out) { $0.asInt32 } }
        glGetSamplerParameterIuiv = { c, s, pname, out in
            c.write(c.samplerObjectParameterValue(.glGetSamplerParameterIuiv, s, pname), out) { $0.asInt32.map { GLuint(bitPattern: $0) } }
        }
        glGetTexLevelParameteriv = { c, target, level, pname, out in
            c.write(c.textureLevelValue(.glGetTexLevelParameteriv, target, level, pname), out) { $0.asInt32 }
        }
        glGetTexLevelParameterfv = { c, target, level, pname, out in
            c.write(c.textureLevelValue(.glGetTexLevelParameterfv, target, level, pname), out) { $0.asDoubles.map { GLfloat($0) } }
        }
        // Vector and integer forms of the setters: a border colour (four values), else one value.
        glSamplerParameteriv = { c, s, pname, v in
            guard let v else { return }
            c.samplerParameterVector(.glSamplerParameteriv, s, pname, { max(-1, Float(v[$0]) / 2147483647) }, Double(v[0]), GLenum(bitPattern: v[0]))
        }
        glSamplerParameterfv = { c, s, pname, v in
            guard let v else { return }
            c.samplerParameterVector(.glSamplerParameterfv, s, pname, { v[$0] }, Double(v[0]), GLenum(parameter: v[0]))
        }
        // The I forms keep integer border colours bit for bit (integer textures read them as integers).
        glSamplerParameterIiv = { c, s, pname, v in
            guard let v else { return }
            c.samplerParameterVector(.glSamplerParameterIiv, s, pname, { Float(bitPattern: UInt32(bitPattern: v[$0])) }, Double(v[0]), GLenum(bitPattern: v[0]))
        }
        glSamplerParameterIuiv = { c, s, pname, v in
            guard let v else { return }
            c.samplerParameterVector(.glSamplerParameterIuiv, s, pname, { Float(bitPattern: v[$0]) }, Double(v[0]), v[0])
        }
        glTexParameterIiv = { c, target, pname, v in
            guard let v else { return }
            if pname == GL_TEXTURE_BORDER_COLOR {
                c.setTextureBorder(.glTexParameterIiv, target, (0..<4).map { Float(bitPattern: UInt32(bitPattern: v[$0])) })
            } else {
                c.texParameterVector(.glTexParameterIiv, target, pname, { GLenum(bitPattern: v[$0]) }, Double(v[0]))
            }
        }
        glTexParameterIuiv = { c, target, pname, v in
            guard let v else { return }
            if pname == GL_TEXTURE_BORDER_COLOR {
                c.setTextureBorder(.glTexParameterIuiv, target, (0..<4).map { Float(bitPattern: v[$0]) })
            } else {
                c.texParameterVector(.glTexParameterIuiv, target, pname, { v[$0] }, Double(v[0]))
            }
        }
    }
}

extension GLContext {
    /// glSamplerParameter*v: GL_TEXTURE_BORDER_COLOR takes four values (`component(i)`), others the first.
    func samplerParameterVector(
        _ command: GLCommand, _ name: GLuint, _ pname: GLenum, _ component: (Int) -> Float, _ first: Double, _ firstEnum: GLenum
    ) {
        guard pname == GL_TEXTURE_BORDER_COLOR else { return samplerParameter(command, name, pname, first, firstEnum) }
        guard let s = samplers[name] else { return recordError(GL_INVALID_OPERATION, command, "\(name) is not a sampler") }
        s.params.borderColor = (0..<4).map(component)
        state.dirty.insert(.samplers)
    }

    /// GL_TEXTURE_BORDER_COLOR of the bound texture.
    func setTextureBorder(_ command: GLCommand, _ target: GLenum, _ color: [Float]) {
        guard let t = boundTexture(command, target) else { return }
        t.params.borderColor = color
        state.dirty.insert(.samplers)
    }

    /// glTexParameter*v for a parameter with one value, or GL_TEXTURE_SWIZZLE_RGBA with four: `value(i)` reads
    /// element i, and only GL_TEXTURE_SWIZZLE_RGBA reads past the first.
    func texParameterVector(_ command: GLCommand, _ target: GLenum, _ pname: GLenum, _ value: (Int) -> GLenum, _ first: Double) {
        if pname == GL_TEXTURE_SWIZZLE_RGBA {
            guard let t = boundTexture(command, target) else { return }
            return setSwizzle(command, t, [0, 1, 2, 3], (0..<4).map(value))
        }
        texParameter(command, target, pname, first, value(0))
    }
}

extension GLenum {
    /// An enum passed through a float parameter (glTexParameterf(…, GL_LINEAR)); a value no enum has (a negative
    /// LOD, NaN) becomes 0 rather than trapping.
    init(parameter f: Float) {
        self = f >= 0 && f < 4_294_967_296 ? GLenum(f) : 0
    }
}
