import GLCore
import VirglProtocol
import VirglTransport

// Texture views (GL 4.3, ARB_texture_view): glTextureView makes a texture that shares an immutable texture's
// data store with its own target, internal format (one of the same view class), and a range of its levels and
// layers. On the host the view is the original's resource itself: sampling it makes a sampler view of that
// resource with the view's format, target, levels and layers; rendering into it a surface at the view's level
// and layer. The view's client images (GLTextureImage) only describe sizes and formats: an immutable texture's
// resource is made once and never again, so neither texture re-uploads its client texels, and a view never
// makes the shared resource (it is made, if it was not yet, before the view takes it).

/// The levels and layers of a shared resource a texture view sees (resource levels and layers).
struct GLTextureViewRange {
    var minLevel: Int
    var numLevels: Int
    var minLayer: Int
    var numLayers: Int
}

/// The count of textures that hold one host resource (an immutable texture and its views): the last one deleted
/// releases it.
final class GLSharedTextureStorage {
    var holders = 1
}

extension GLTexture {
    /// The first resource layer of this texture: a view's first layer, 0 otherwise.
    var resourceLayerOffset: Int { viewRange?.minLayer ?? 0 }

    /// The layers of this texture (GL_TEXTURE_VIEW_NUM_LAYERS of an immutable texture that is not a view).
    var layerCount: Int {
        if let v = viewRange { return v.numLayers }
        guard let first = images.first?.first ?? nil else { return 1 }
        switch target {
        case GL_TEXTURE_1D_ARRAY: return first.height
        case GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY: return first.depth
        case GL_TEXTURE_CUBE_MAP: return 6
        default: return 1
        }
    }

    /// The range of the resource this texture sees: a view's, or all of an immutable texture's levels and layers.
    var storageRange: GLTextureViewRange {
        viewRange ?? GLTextureViewRange(minLevel: 0, numLevels: immutableLevels, minLayer: 0, numLayers: layerCount)
    }

    /// CREATE_OBJECT(SAMPLER_VIEW)'s format: a depth-stencil texture's stencil in GL_STENCIL_INDEX mode, a view's own
    /// format, the resource's otherwise.
    func samplerViewFormat(_ r: VirglResource) -> UInt32 {
        if let stencil = stencilSamplingFormat { return stencil.rawValue }
        guard viewRange != nil, let f = images.first?.first??.format else { return r.info.format }
        return f.virgl.rawValue
    }

    /// CREATE_OBJECT(SAMPLER_VIEW)'s first and last layer (low and high 16 bits): a view's layers, or all.
    func samplerViewLayers(_ r: VirglResource) -> UInt32 {
        guard let v = viewRange else { return (max(r.info.arraySize, 1) - 1) << 16 }
        return UInt32(v.minLayer) | UInt32(v.minLayer + max(v.numLayers, 1) - 1) << 16
    }
}

extension GLTexture {
    /// A transfer box of this texture's images as the host takes it, with the bytes between its slices: a 1D
    /// array's layers (its images' rows, GL's y) are the resource's array layers (gallium's z), one row a slice.
    func hostBox(_ box: VirglBox, stride: Int) -> (VirglBox, layerStride: Int) {
        guard target == GL_TEXTURE_1D_ARRAY else { return (box, stride * Int(box.height)) }
        return (VirglBox(x: box.x, y: 0, z: box.y + UInt32(resourceLayerOffset), width: box.width, height: 1, depth: box.height), stride)
    }
}

extension GLAttachment {
    /// The resource layer an attachment renders into or reads from (a texture view's layers start at its first).
    var resourceLayer: Int { texture.map { layer + $0.resourceLayerOffset } ?? 0 }
}

extension GLContext {
    /// The view classes of GL 4.3 table 8.22: formats of one class view each other's texels.
    static let viewClasses: [[GLenum]] = [
        [GL_RGBA32F, GL_RGBA32UI, GL_RGBA32I],
        [GL_RGB32F, GL_RGB32UI, GL_RGB32I],
        [GL_RGBA16F, GL_RG32F, GL_RGBA16UI, GL_RG32UI, GL_RGBA16I, GL_RG32I, GL_RGBA16, GL_RGBA16_SNORM],
        [GL_RGB16, GL_RGB16_SNORM, GL_RGB16F, GL_RGB16UI, GL_RGB16I],
        [GL_RG16F, GL_R11F_G11F_B10F, GL_R32F, GL_RGB10_A2UI, GL_RGBA8UI, GL_RG16UI, GL_R32UI, GL_RGBA8I, GL_RG16I, GL_R32I,
         GL_RGB10_A2, GL_RGBA8, GL_RG16, GL_RGBA8_SNORM, GL_RG16_SNORM, GL_SRGB8_ALPHA8, GL_RGB9_E5],
        [GL_RGB8, GL_RGB8_SNORM, GL_SRGB8, GL_RGB8UI, GL_RGB8I],
        [GL_R16F, GL_RG8UI, GL_R16UI, GL_RG8I, GL_R16I, GL_RG8, GL_R16, GL_RG8_SNORM, GL_R16_SNORM],
        [GL_R8UI, GL_R8I, GL_R8, GL_R8_SNORM],
        [GL_COMPRESSED_RED_RGTC1, GL_COMPRESSED_SIGNED_RED_RGTC1],
        [GL_COMPRESSED_RG_RGTC2, GL_COMPRESSED_SIGNED_RG_RGTC2],
        [GL_COMPRESSED_RGBA_BPTC_UNORM, GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM],
        [GL_COMPRESSED_RGB_BPTC_SIGNED_FLOAT, GL_COMPRESSED_RGB_BPTC_UNSIGNED_FLOAT],
    ]

    /// Whether a view of `original`'s texels may have `view` as its internal format: the same format, or two of
    /// one view class (GL 4.3 §8.18).
    static func viewCompatible(_ original: GLenum, _ view: GLenum) -> Bool {
        original == view || viewClasses.contains { $0.contains(original) && $0.contains(view) }
    }

    /// The targets a view of a texture of each target may have (GL 4.3 table 8.21).
    static func viewTargets(_ original: GLenum) -> Set<GLenum> {
        switch original {
        case GL_TEXTURE_1D, GL_TEXTURE_1D_ARRAY: return [GL_TEXTURE_1D, GL_TEXTURE_1D_ARRAY]
        case GL_TEXTURE_2D: return [GL_TEXTURE_2D, GL_TEXTURE_2D_ARRAY]
        case GL_TEXTURE_3D: return [GL_TEXTURE_3D]
        case GL_TEXTURE_RECTANGLE: return [GL_TEXTURE_RECTANGLE]
        case GL_TEXTURE_CUBE_MAP, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY:
            return [GL_TEXTURE_2D, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY]
        case GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY: return [GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY]
        default: return []
        }
    }

    /// glTextureView (GL 4.3 §8.18), with Mesa's order of checks.
    func textureView(_ name: GLuint, _ target: GLenum, _ origName: GLuint, _ internalFormat: GLenum, _ minLevel: GLuint, _ numLevels: GLuint, _ minLayer: GLuint, _ numLayers: GLuint) {
        let command = GLCommand.glTextureView
        guard origName != 0, let o = textures[origName] else {
            return recordError(GL_INVALID_VALUE, command, "\(origName) is not a texture")
        }
        guard o.isImmutable else { return recordError(GL_INVALID_OPERATION, command, "texture \(origName) is not immutable") }
        guard name != 0 else { return recordError(GL_INVALID_VALUE, command, "texture 0") }
        guard let t = textures.object(name, make: { GLTexture(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenTextures")
        }
        guard t.target == 0 else { return recordError(GL_INVALID_OPERATION, command, "texture \(name) already has a target") }
        guard Self.viewTargets(o.target).contains(target) else {
            return recordError(GL_INVALID_OPERATION, command, "no \(GLEnumNames.describe(target)) view of a \(GLEnumNames.describe(o.target))")
        }
        let range = o.storageRange
        guard Int(minLevel) < range.numLevels else {
            return recordError(GL_INVALID_VALUE, command, "minimum level \(minLevel) of \(range.numLevels)")
        }
        guard Int(minLayer) < range.numLayers else {
            return recordError(GL_INVALID_VALUE, command, "minimum layer \(minLayer) of \(range.numLayers)")
        }
        // The original's images: its faces (a cube map's) side by side, or its one image list.
        let originalFaceImage = { (face: Int, level: Int) -> GLTextureImage? in
            o.images.indices.contains(face) && o.images[face].indices.contains(level) ? o.images[face][level] : nil
        }
        guard let originalBase = originalFaceImage(0, 0),
            Self.viewCompatible(originalBase.internalFormat, internalFormat),
            let (sized, info) = GLFormatTable.lookup(internalFormat) ?? compressedFormat(internalFormat), sized == internalFormat
        else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(internalFormat)) views no \(GLEnumNames.describe(o.images.first?.first??.internalFormat ?? 0)) texels")
        }
        let levels = min(Int(numLevels), range.numLevels - Int(minLevel))
        let layers = min(Int(numLayers), range.numLayers - Int(minLayer))
        guard let first = originalFaceImage(0, Int(minLevel)) else {
            return recordError(GL_INVALID_OPERATION, command, "texture \(origName) has no level \(minLevel)")
        }
        // The view's level-0 size, and its limits.
        var (w, h, d) = (first.width, first.height, first.depth)
        switch target {
        case GL_TEXTURE_1D: (h, d) = (1, 1)
        case GL_TEXTURE_1D_ARRAY: (h, d) = (layers, 1)
        case GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY: d = layers
        case GL_TEXTURE_3D: break
        default: d = 1
        }
        let l = state.limits
        let sizeLimit = target == GL_TEXTURE_3D ? Int(l.max3DTextureSize)
            : [GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_ARRAY].contains(target) ? Int(l.maxCubeMapTextureSize)
            : target == GL_TEXTURE_RECTANGLE ? Int(l.maxRectangleTextureSize) : Int(l.maxTextureSize)
        guard w <= sizeLimit, target == GL_TEXTURE_1D_ARRAY || h <= sizeLimit else {
            return recordError(GL_INVALID_OPERATION, command, "\(w)×\(h) is over a \(GLEnumNames.describe(target))'s limits")
        }
        switch target {
        case GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_RECTANGLE, GL_TEXTURE_2D_MULTISAMPLE:
            guard numLayers == 1 else { return recordError(GL_INVALID_VALUE, command, "\(numLayers) layers in a \(GLEnumNames.describe(target))") }
        case GL_TEXTURE_CUBE_MAP:
            guard layers == 6 else { return recordError(GL_INVALID_VALUE, command, "a cube map has 6 layers, not \(layers)") }
        case GL_TEXTURE_CUBE_MAP_ARRAY:
            guard layers % 6 == 0 else { return recordError(GL_INVALID_VALUE, command, "\(layers) layers are no whole cubes") }
        default: break
        }
        if target == GL_TEXTURE_CUBE_MAP || target == GL_TEXTURE_CUBE_MAP_ARRAY {
            guard w == h else { return recordError(GL_INVALID_OPERATION, command, "a cube map is square, not \(w)×\(h)") }
        }
        // The view shares the original's resource: made now if it was not yet, never again.
        guard let r = textureResource(o, command) else {
            return recordError(GL_OUT_OF_MEMORY, command, "texture \(origName) has no resource")
        }
        t.target = target
        t.initializeSamplerState()
        t.samples = o.samples
        t.fixedSampleLocations = o.fixedSampleLocations
        var images: [[GLTextureImage?]] = Array(repeating: [], count: t.faces)
        for level in 0..<levels {
            let (lw, lh, ld) = Self.levelSize(target, w, h, d, level: level)
            let bytes = t.samples > 0 ? [] : [UInt8](repeating: 0, count: info.imageBytes(lw, lh, ld))
            let image = GLTextureImage(width: lw, height: lh, depth: ld, internalFormat: sized, format: info, bytes: bytes)
            for face in 0..<t.faces { images[face].append(image) }
        }
        t.images = images
        t.viewRange = GLTextureViewRange(
            minLevel: range.minLevel + Int(minLevel), numLevels: levels, minLayer: range.minLayer + Int(minLayer), numLayers: layers)
        t.immutableLevels = o.immutableLevels
        let storage = o.sharedStorage ?? GLSharedTextureStorage()
        o.sharedStorage = storage
        storage.holders += 1
        t.sharedStorage = storage
        t.resource = r
        t.layoutChanged = false
        state.dirty.insert([.samplers, .framebuffer])
    }

    /// Releases a deleted texture's host resource, unless a texture view (or the texture it views) still holds it.
    func releaseTextureResource(_ t: GLTexture) {
        defer { t.sharedStorage = nil }
        if let s = t.sharedStorage, s.holders > 1 {
            s.holders -= 1
            dropViews(t)
            return
        }
        if let r = t.resource { releaseResource(r) }
    }

    /// GL_TEXTURE_VIEW_{MIN,NUM}_{LEVEL,LAYER}S (GL 4.3 table 23.15): a view's range, an immutable texture's whole
    /// store, zeros for a mutable texture.
    func textureViewParameter(_ t: GLTexture, _ pname: GLenum) -> GLQueryValue? {
        let range = t.isImmutable ? t.storageRange : GLTextureViewRange(minLevel: 0, numLevels: 0, minLayer: 0, numLayers: 0)
        switch pname {
        case GL_TEXTURE_VIEW_MIN_LEVEL: return .ints([Int64(range.minLevel)])
        case GL_TEXTURE_VIEW_NUM_LEVELS: return .ints([Int64(range.numLevels)])
        case GL_TEXTURE_VIEW_MIN_LAYER: return .ints([Int64(range.minLayer)])
        case GL_TEXTURE_VIEW_NUM_LAYERS: return .ints([Int64(range.numLayers)])
        default: return nil
        }
    }
}

extension GLDispatch {
    /// glTextureView (ARB_texture_view).
    func installTextureViews() {
        glTextureView = { c, texture, target, orig, format, minLevel, numLevels, minLayer, numLayers in
            c.textureView(texture, target, orig, format, minLevel, numLevels, minLayer, numLayers)
        }
    }
}
