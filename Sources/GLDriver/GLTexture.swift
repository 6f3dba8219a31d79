import GLCore
import VirglProtocol
import VirglTransport

/// Sampling parameters (of a texture, or of a sampler object later).
struct GLSamplerParams: Hashable {
    var minFilter: GLenum = GL_NEAREST_MIPMAP_LINEAR
    var magFilter: GLenum = GL_LINEAR
    var wrapS: GLenum = GL_REPEAT, wrapT: GLenum = GL_REPEAT, wrapR: GLenum = GL_REPEAT
    var minLOD: Float = -1000, maxLOD: Float = 1000, lodBias: Float = 0
    var compareMode: GLenum = GL_NONE
    var compareFunc: GLenum = GL_LEQUAL
    var borderColor: [Float] = [0, 0, 0, 0]
}

/// One image of a texture: a level (of a face or layer set).
struct GLTextureImage {
    var width: Int, height: Int, depth: Int
    var internalFormat: GLenum
    var format: GLFormatInfo
    /// The texels as the host stores them (rows packed); the client copy re-uploaded when the resource is
    /// made again.
    var bytes: [UInt8]
}

/// A texture object.
final class GLTexture {
    let name: GLuint
    var target: GLenum = 0
    /// images[face][level]; one face except for cube maps.
    var images: [[GLTextureImage?]] = [] { didSet { GLFramebufferEpoch.bump() } }
    var params = GLSamplerParams()
    var baseLevel = 0 { didSet { GLFramebufferEpoch.bump() } }
    var maxLevel = 1000
    var resource: VirglResource? { didSet { GLFramebufferEpoch.bump() } }
    /// True when the images changed in a way the resource cannot hold (sizes, formats, level count).
    var layoutChanged = true { didSet { GLFramebufferEpoch.bump() } }
    var view: UInt32?
    /// The view legacy shadow lookups read through GL_DEPTH_TEXTURE_MODE (compatibility depth textures).
    var modeView: UInt32?
    /// GL_TEXTURE_SWIZZLE_{R,G,B,A}: GL_RED … GL_ALPHA, GL_ZERO or GL_ONE per component.
    var swizzle: [GLenum] = [GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA]
    /// GL_GENERATE_MIPMAP (compatibility profile): a change to the base level regenerates the levels below it.
    var generateMipmap = false
    /// GL_DEPTH_STENCIL_TEXTURE_MODE (ARB_stencil_texturing): what a depth-stencil texture samples as.
    var depthStencilTextureMode: GLenum = GL_DEPTH_COMPONENT
    /// GL_DEPTH_TEXTURE_MODE (compatibility profile).
    var depthMode: GLenum = GL_LUMINANCE
    /// GL_TEXTURE_BUFFER textures: the buffer and format (glTexBuffer), and what `view` was made over.
    var textureBuffer: GLTextureBufferBinding?
    var bufferViewKey: BufferViewKey?
    var samplerState: UInt32?
    /// Multisample textures (glTexImage2DMultisample): the sample count and GL_TEXTURE_FIXED_SAMPLE_LOCATIONS.
    var samples = 0
    var fixedSampleLocations = true
    /// The levels glTexStorage* gave an immutable-format texture (GL_TEXTURE_IMMUTABLE_LEVELS); 0 while mutable.
    var immutableLevels = 0
    /// GL_TEXTURE_IMMUTABLE_FORMAT: set by glTexStorage*, after which no image may be specified again.
    var isImmutable: Bool { immutableLevels > 0 }
    /// A texture view's levels and layers of the resource it shares (glTextureView); nil for other textures.
    var viewRange: GLTextureViewRange?
    /// The count of textures sharing this texture's resource (a texture and its views); nil while unshared.
    var sharedStorage: GLSharedTextureStorage?

    init(name: GLuint) { self.name = name }

    var faces: Int { target == GL_TEXTURE_CUBE_MAP ? 6 : 1 }

    /// The sampler state a texture starts with once its target is known: a multisample texture's is read-only
    /// and reads as nearest filtering, clamped to the edge (as Mesa reports it; ARB_texture_storage_multisample's
    /// tests check it).
    func initializeSamplerState() {
        guard target == GL_TEXTURE_2D_MULTISAMPLE || target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY else { return }
        params.minFilter = GL_NEAREST
        params.magFilter = GL_NEAREST
        (params.wrapS, params.wrapT, params.wrapR) = (GL_CLAMP_TO_EDGE, GL_CLAMP_TO_EDGE, GL_CLAMP_TO_EDGE)
    }

    var virglTarget: VirglTextureTarget {
        switch target {
        case GL_TEXTURE_1D: return .texture1D
        case GL_TEXTURE_3D: return .texture3D
        case GL_TEXTURE_CUBE_MAP: return .textureCube
        case GL_TEXTURE_RECTANGLE: return .textureRect
        case GL_TEXTURE_1D_ARRAY: return .texture1DArray
        case GL_TEXTURE_2D_ARRAY, GL_TEXTURE_2D_MULTISAMPLE_ARRAY: return .texture2DArray
        case GL_TEXTURE_CUBE_MAP_ARRAY: return .textureCubeArray
        default: return .texture2D
        }
    }

    /// Whether an image's depth is its layer count (array textures).
    var isLayered: Bool {
        target == GL_TEXTURE_2D_ARRAY || target == GL_TEXTURE_1D_ARRAY || target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY || target == GL_TEXTURE_CUBE_MAP_ARRAY
    }

    /// The texture level that is level 0 of the host resource: the base level, as the resource holds the levels
    /// from the base on, except for an immutable texture, whose resource holds all its levels (its sampler views
    /// pick the base and maximum levels).
    /// A view's level 0 is its first level of the shared resource, so the resource's level 0 is its level −minLevel.
    var resourceBaseLevel: Int { isImmutable ? -(viewRange?.minLevel ?? 0) : baseLevel }

    /// The levels of the resource a sampler view reads (resource levels): all of them, or an immutable texture's
    /// base to maximum level.
    func viewLevels(resourceLevels: Int) -> (first: Int, last: Int) {
        guard isImmutable else { return (0, resourceLevels - 1) }
        // A view reads its own levels, counted from its first level of the shared resource.
        let offset = viewRange?.minLevel ?? 0
        let levels = viewRange?.numLevels ?? resourceLevels
        let first = min(baseLevel, levels - 1)
        return (first + offset, max(first, min(maxLevel, levels - 1)) + offset)
    }

    /// The base image, which sizes the resource.
    var base: GLTextureImage? { images.first.flatMap { $0.indices.contains(baseLevel) ? $0[baseLevel] : nil } }

    /// Levels from the base that are consistently sized and formatted (the resource's level count).
    var completeLevels: Int {
        // A base level above the maximum level makes the texture incomplete (GL 4.6 §8.17).
        guard let b = base, maxLevel >= baseLevel else { return 0 }
        var n = 0
        var w = b.width, h = b.height, d = b.depth
        let layered = isLayered
        for level in baseLevel...min(maxLevel, baseLevel + 15) {
            for face in 0..<faces {
                guard images[face].indices.contains(level), let img = images[face][level], img.width == w, img.height == h,
                    img.depth == d, img.internalFormat == b.internalFormat
                else { return n }
            }
            n += 1
            if w == 1 && h == 1 && (d == 1 || layered) { break }
            w = max(1, w / 2)
            h = target == GL_TEXTURE_1D_ARRAY ? h : max(1, h / 2)
            d = layered ? d : max(1, d / 2)
        }
        return n
    }

    /// Mipmapped filtering needs every level; otherwise the base alone completes the texture.
    var usesMipmaps: Bool { ![GL_NEAREST, GL_LINEAR].contains(params.minFilter) }
}
