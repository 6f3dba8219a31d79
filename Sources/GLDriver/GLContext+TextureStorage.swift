import GLCore
import VirglProtocol

// Immutable-format textures (GL 4.2, ARB_texture_storage; the multisample forms are GL 4.3's
// ARB_texture_storage_multisample): glTexStorage1D/2D/3D specify every level of a texture at once, with one
// sized internal format, and the texture's levels, sizes and format never change again. VirglGL keeps the
// texture's client images as for glTexImage* (zero-filled), so the host resource is made by the same path and
// holds the levels from the base level on; glTexSubImage*, glGenerateMipmap and rendering work as for any
// texture, and every call that would re-specify an image is GL_INVALID_OPERATION.

extension GLContext {
    /// The texture targets each glTexStorage* takes (GL 4.6 §8.19), with their proxies.
    static let storage1DTargets: Set<GLenum> = [GL_TEXTURE_1D, GL_PROXY_TEXTURE_1D]
    static let storage2DTargets: Set<GLenum> = [
        GL_TEXTURE_2D, GL_TEXTURE_1D_ARRAY, GL_TEXTURE_RECTANGLE, GL_TEXTURE_CUBE_MAP,
        GL_PROXY_TEXTURE_2D, GL_PROXY_TEXTURE_1D_ARRAY, GL_PROXY_TEXTURE_RECTANGLE, GL_PROXY_TEXTURE_CUBE_MAP,
    ]
    static let storage3DTargets: Set<GLenum> = [
        GL_TEXTURE_3D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY,
        GL_PROXY_TEXTURE_3D, GL_PROXY_TEXTURE_2D_ARRAY, GL_PROXY_TEXTURE_CUBE_MAP_ARRAY,
    ]

    /// The texture target a proxy target stands for (the target itself when it is not a proxy).
    static func unproxied(_ target: GLenum) -> GLenum {
        switch target {
        case GL_PROXY_TEXTURE_1D: return GL_TEXTURE_1D
        case GL_PROXY_TEXTURE_2D: return GL_TEXTURE_2D
        case GL_PROXY_TEXTURE_3D: return GL_TEXTURE_3D
        case GL_PROXY_TEXTURE_1D_ARRAY: return GL_TEXTURE_1D_ARRAY
        case GL_PROXY_TEXTURE_2D_ARRAY: return GL_TEXTURE_2D_ARRAY
        case GL_PROXY_TEXTURE_RECTANGLE: return GL_TEXTURE_RECTANGLE
        case GL_PROXY_TEXTURE_CUBE_MAP: return GL_TEXTURE_CUBE_MAP
        case GL_PROXY_TEXTURE_CUBE_MAP_ARRAY: return GL_TEXTURE_CUBE_MAP_ARRAY
        case GL_PROXY_TEXTURE_2D_MULTISAMPLE: return GL_TEXTURE_2D_MULTISAMPLE
        case GL_PROXY_TEXTURE_2D_MULTISAMPLE_ARRAY: return GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        default: return target
        }
    }

    /// The size of level `level` of a texture of `target` whose level 0 is `w`×`h`×`d`: widths and heights halve
    /// (a 1D array's height and a 2D or cube array's depth are layers, kept), a 3D texture's depth halves.
    static func levelSize(_ target: GLenum, _ w: Int, _ h: Int, _ d: Int, level: Int) -> (Int, Int, Int) {
        let lw = max(1, w >> level)
        let lh = target == GL_TEXTURE_1D_ARRAY ? h : max(1, h >> level)
        let ld = target == GL_TEXTURE_3D ? max(1, d >> level) : d
        return (lw, lh, ld)
    }

    /// The most levels a texture of `target` and level-0 size can have: ⌊log2(largest mipmapped size)⌋ + 1.
    static func maxStorageLevels(_ target: GLenum, _ w: Int, _ h: Int, _ d: Int) -> Int {
        let largest: Int
        switch target {
        case GL_TEXTURE_1D, GL_TEXTURE_1D_ARRAY: largest = w
        case GL_TEXTURE_3D: largest = max(w, h, d)
        case GL_TEXTURE_RECTANGLE: return 1
        default: largest = max(w, h)
        }
        return Int.bitWidth - max(largest, 1).leadingZeroBitCount
    }

    /// glTexStorage1D/2D/3D (GL 4.6 §8.19). `dimensions` is the command's; unused sizes are 1.
    func texStorage(_ command: GLCommand, dimensions: Int, _ target: GLenum, _ levels: GLsizei, _ internalFormat: GLenum, _ width: GLsizei, _ height: GLsizei, _ depth: GLsizei) {
        let targets = dimensions == 1 ? Self.storage1DTargets : dimensions == 2 ? Self.storage2DTargets : Self.storage3DTargets
        guard targets.contains(target) else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        let proxy = Self.unproxied(target) != target
        let base = Self.unproxied(target)
        // Only sized internal formats (ARB_texture_storage issue 27): unsized and generic compressed ones are enums
        // the command does not take.
        guard GLFormatTable.unsized[internalFormat] == nil, let (sized, info) = GLFormatTable.lookup(internalFormat) ?? compressedFormat(internalFormat) else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat)) is not a sized format")
        }
        guard !info.isCompressed || Self.compressible(target) else {
            return recordError(GL_INVALID_OPERATION, command, "no \(GLEnumNames.describe(sized)) images in a \(GLEnumNames.describe(target))")
        }
        guard width >= 1, height >= 1, depth >= 1, levels >= 1 else {
            return recordError(GL_INVALID_VALUE, command, "levels \(levels), size \(width)×\(height)×\(depth)")
        }
        let w = Int(width), h = Int(height), d = Int(depth)
        let l = state.limits
        let sizeLimit: Int
        switch base {
        case GL_TEXTURE_3D: sizeLimit = Int(l.max3DTextureSize)
        case GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY: sizeLimit = Int(l.maxCubeMapTextureSize)
        case GL_TEXTURE_RECTANGLE: sizeLimit = Int(l.maxRectangleTextureSize)
        default: sizeLimit = Int(l.maxTextureSize)
        }
        let layers = base == GL_TEXTURE_1D_ARRAY ? h : [GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY].contains(base) ? d : 0
        let tooLarge = w > sizeLimit || (base != GL_TEXTURE_1D_ARRAY && h > sizeLimit) || (base == GL_TEXTURE_3D && d > sizeLimit)
            || layers > Int(l.maxArrayTextureLayers)
        // Cube maps are square; a cube map array's layers come six to a cube (GL 4.6 §8.5.3).
        if base == GL_TEXTURE_CUBE_MAP || base == GL_TEXTURE_CUBE_MAP_ARRAY {
            guard w == h else { return recordError(GL_INVALID_VALUE, command, "a cube map is square, not \(w)×\(h)") }
            guard base != GL_TEXTURE_CUBE_MAP_ARRAY || d % 6 == 0 else {
                return recordError(GL_INVALID_VALUE, command, "a cube map array has whole cubes, not \(d) layer-faces")
            }
        }
        // A proxy of a size over the limits only answers (no image); the texture itself is an error.
        guard !tooLarge || proxy else { return recordError(GL_INVALID_VALUE, command, "\(w)×\(h)×\(d) over the limits") }
        guard Int(levels) <= Self.maxStorageLevels(base, w, h, d) else {
            return recordError(GL_INVALID_OPERATION, command, "\(levels) levels for a \(w)×\(h)×\(d) \(GLEnumNames.describe(base))")
        }
        // Depth and stencil formats have no 3D textures (GL 4.6 §8.5).
        guard info.isColor || base != GL_TEXTURE_3D else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(sized)) in a 3D texture")
        }
        guard !proxy else { return }
        guard let t = boundTexture(command, base) else { return }
        guard t.name != 0 else { return recordError(GL_INVALID_OPERATION, command, "the default texture cannot be immutable") }
        guard t.immutableLevels == 0 else { return recordError(GL_INVALID_OPERATION, command, "texture \(t.name) is immutable") }
        if let r = t.resource { releaseResource(r) }
        dropViews(t)
        t.resource = nil
        var images: [[GLTextureImage?]] = Array(repeating: [], count: t.faces)
        for level in 0..<Int(levels) {
            let (lw, lh, ld) = Self.levelSize(base, w, h, d, level: level)
            let image = GLTextureImage(
                width: lw, height: lh, depth: ld, internalFormat: sized, format: info,
                bytes: [UInt8](repeating: 0, count: info.imageBytes(lw, lh, ld)))
            for face in 0..<t.faces { images[face].append(image) }
        }
        t.images = images
        t.immutableLevels = Int(levels)
        clampImmutableLevels(t)
        t.layoutChanged = true
        state.dirty.insert([.samplers, .framebuffer])
    }

    /// GL_TEXTURE_BASE_LEVEL and GL_TEXTURE_MAX_LEVEL of an immutable texture stay within its levels: the base in
    /// [0, levels − 1], the maximum in [base, levels − 1] (GL 4.6 §8.17, as Mesa keeps them when set).
    func clampImmutableLevels(_ t: GLTexture) {
        guard t.immutableLevels > 0 else { return }
        let top = t.immutableLevels - 1
        if t.baseLevel > top { t.baseLevel = top }
        t.maxLevel = min(max(t.maxLevel, t.baseLevel), top)
    }

    /// glTexStorage2DMultisample / glTexStorage3DMultisample (GL 4.3): glTexImage*Multisample's image, made
    /// immutable with one level.
    func texStorageMultisample(_ command: GLCommand, _ target: GLenum, _ samples: GLsizei, _ internalFormat: GLenum, _ width: GLsizei, _ height: GLsizei, _ depth: GLsizei, _ fixedSampleLocations: GLboolean) {
        let wanted = command == .glTexStorage2DMultisample ? GL_TEXTURE_2D_MULTISAMPLE : GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        let proxy = command == .glTexStorage2DMultisample ? GL_PROXY_TEXTURE_2D_MULTISAMPLE : GL_PROXY_TEXTURE_2D_MULTISAMPLE_ARRAY
        guard target == wanted || target == proxy else { return recordError(GL_INVALID_ENUM, command, "target \(GLEnumNames.describe(target))") }
        guard GLFormatTable.unsized[internalFormat] == nil, GLFormatTable.lookup(internalFormat) != nil else {
            return recordError(GL_INVALID_ENUM, command, "internal format \(GLEnumNames.describe(internalFormat)) is not a sized format")
        }
        guard width >= 1, height >= 1, depth >= 1 else { return recordError(GL_INVALID_VALUE, command, "size \(width)×\(height)×\(depth)") }
        if target == wanted {
            guard let t = boundTexture(command, target) else { return }
            guard t.name != 0 else { return recordError(GL_INVALID_OPERATION, command, "the default texture cannot be immutable") }
            guard t.immutableLevels == 0 else { return recordError(GL_INVALID_OPERATION, command, "texture \(t.name) is immutable") }
        }
        let errors = errorFlag
        errorFlag = GL_NO_ERROR
        let reissued: GLCommand = command == .glTexStorage2DMultisample ? .glTexImage2DMultisample : .glTexImage3DMultisample
        texImageMultisample(reissued, target, samples, internalFormat, width, height, depth, fixedSampleLocations)
        let failed = errorFlag != GL_NO_ERROR
        if errors != GL_NO_ERROR { errorFlag = errors }
        guard !failed, target == wanted, let t = boundTexture(command, target) else { return }
        t.immutableLevels = 1
        clampImmutableLevels(t)
    }
}

extension GLDispatch {
    func installTextureStorage() {
        glTexStorage1D = { c, target, levels, format, w in c.texStorage(.glTexStorage1D, dimensions: 1, target, levels, format, w, 1, 1) }
        glTexStorage2D = { c, target, levels, format, w, h in c.texStorage(.glTexStorage2D, dimensions: 2, target, levels, format, w, h, 1) }
        glTexStorage3D = { c, target, levels, format, w, h, d in c.texStorage(.glTexStorage3D, dimensions: 3, target, levels, format, w, h, d) }
        glTexStorage2DMultisample = { c, target, samples, format, w, h, fixed in
            c.texStorageMultisample(.glTexStorage2DMultisample, target, samples, format, w, h, 1, fixed)
        }
        glTexStorage3DMultisample = { c, target, samples, format, w, h, d, fixed in
            c.texStorageMultisample(.glTexStorage3DMultisample, target, samples, format, w, h, d, fixed)
        }
    }
}
