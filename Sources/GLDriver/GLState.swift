import GLCore

/// The pipeline state groups. Each has a dirty bit: at a draw, only the groups whose bit is set are turned
/// into virgl state objects again (and those are looked up by content first).
public struct GLStateGroups: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let blend = GLStateGroups(rawValue: 1 << 0)
    public static let blendColor = GLStateGroups(rawValue: 1 << 1)
    public static let depthStencil = GLStateGroups(rawValue: 1 << 2)
    public static let stencilRef = GLStateGroups(rawValue: 1 << 3)
    public static let rasterizer = GLStateGroups(rawValue: 1 << 4)
    public static let viewport = GLStateGroups(rawValue: 1 << 5)
    public static let scissor = GLStateGroups(rawValue: 1 << 6)
    public static let vertexLayout = GLStateGroups(rawValue: 1 << 7)
    public static let shaders = GLStateGroups(rawValue: 1 << 8)
    public static let constants = GLStateGroups(rawValue: 1 << 9)
    public static let samplers = GLStateGroups(rawValue: 1 << 10)
    public static let framebuffer = GLStateGroups(rawValue: 1 << 11)
    /// State that only GL queries see (clear values, pixel store, hints).
    public static let none = GLStateGroups([])

    public static let all = GLStateGroups(rawValue: (1 << 12) - 1)
}

/// Blend state of one colour buffer.
public struct GLBlendTarget: Equatable, Hashable, Sendable {
    public var enabled = false
    public var srcRGB: GLenum = GL_ONE, dstRGB: GLenum = GL_ZERO
    public var srcAlpha: GLenum = GL_ONE, dstAlpha: GLenum = GL_ZERO
    public var equationRGB: GLenum = GL_FUNC_ADD, equationAlpha: GLenum = GL_FUNC_ADD
    /// Colour write mask: bit 0 red … bit 3 alpha.
    public var writeMask: UInt8 = 0xF
}

/// The blend group.
public struct GLBlendState: Equatable, Hashable, Sendable {
    public static let maxDrawBuffers = 8
    public var targets = [GLBlendTarget](repeating: GLBlendTarget(), count: maxDrawBuffers)
    public var logicOpEnabled = false
    public var logicOp: GLenum = GL_COPY
    public var dither = true
    public var alphaToCoverage = false
    public var alphaToOne = false
    /// True when any `*i` command made the targets differ (virgl's independent-blend bit).
    public var independent: Bool { targets.dropFirst().contains { $0 != targets[0] } }

    /// Values of target 0 as the non-indexed queries see them.
    public var enabled: Bool { targets[0].enabled }

    /// Hashes target 0 and the scalars only (equal states still hash equal): the draw path looks blend objects
    /// up by content on every blend change, and hashing all eight targets was most of that.
    public func hash(into h: inout Hasher) {
        h.combine(targets[0])
        h.combine(logicOpEnabled)
        h.combine(logicOp)
        h.combine(dither)
        h.combine(alphaToCoverage)
        h.combine(alphaToOne)
    }
}

/// One face's stencil state.
public struct GLStencilFace: Equatable, Hashable, Sendable {
    public var function: GLenum = GL_ALWAYS
    public var reference: GLint = 0
    public var valueMask: GLuint = 0xFFFF_FFFF
    public var writeMask: GLuint = 0xFFFF_FFFF
    public var fail: GLenum = GL_KEEP
    public var depthFail: GLenum = GL_KEEP
    public var depthPass: GLenum = GL_KEEP
}

/// The depth-stencil-alpha group.
public struct GLDepthStencilState: Equatable, Hashable, Sendable {
    public var depthTest = false
    public var depthFunction: GLenum = GL_LESS
    public var depthWriteMask = true
    public var stencilTest = false
    public var front = GLStencilFace()
    public var back = GLStencilFace()
}

/// The rasterizer group.
public struct GLRasterizerState: Equatable, Hashable, Sendable {
    /// glShadeModel(GL_FLAT) (compatibility): colour inputs take the provoking vertex's value.
    public var flatShade = false
    /// GL_VERTEX_PROGRAM_TWO_SIDE (compatibility): back faces read the back colours.
    public var twoSidedColor = false
    public var cullFace = false
    public var cullFaceMode: GLenum = GL_BACK
    public var frontFace: GLenum = GL_CCW
    public var polygonMode: GLenum = GL_FILL
    public var polygonOffsetFill = false
    public var polygonOffsetLine = false
    public var polygonOffsetPoint = false
    public var polygonOffsetFactor: GLfloat = 0
    public var polygonOffsetUnits: GLfloat = 0
    public var polygonOffsetClamp: GLfloat = 0
    public var lineWidth: GLfloat = 1
    public var lineSmooth = false
    public var pointSize: GLfloat = 1
    public var programPointSize = false
    /// GL_SCISSOR_TEST of each viewport (glEnablei); the host's rasterizer scissors when any is on, and a
    /// viewport whose test is off gets a scissor box covering everything.
    public var scissorTests = [Bool](repeating: false, count: GLState.viewportSlots)
    /// Whether any viewport's scissor test is on (the rasterizer's scissor bit).
    public var scissorTest: Bool { scissorTests.contains(true) }
    public var depthClamp = false
    public var rasterizerDiscard = false
    public var multisample = true
    public var sampleShading = false
    public var polygonSmooth = false
    public var framebufferSRGB = false
    public var clipDistances: UInt8 = 0
    public var provokingVertex: GLenum = GL_LAST_VERTEX_CONVENTION
    /// glClipControl (GL 4.5, GL_ARB_clip_control): GL_LOWER_LEFT / GL_UPPER_LEFT, and the clip-space depth
    /// range GL_NEGATIVE_ONE_TO_ONE / GL_ZERO_TO_ONE (the rasterizer's clip_halfz).
    public var clipOrigin: GLenum = GL_LOWER_LEFT
    public var clipDepthMode: GLenum = GL_NEGATIVE_ONE_TO_ONE
}

/// Values only `glClear` and the queries use.
public struct GLClearState: Equatable, Sendable {
    public var color: [GLfloat] = [0, 0, 0, 0]
    public var depth: GLdouble = 1
    public var stencil: GLint = 0
}

/// `glPixelStore` parameters.
public struct GLPixelStore: Equatable, Sendable {
    public var packAlignment: GLint = 4
    public var unpackAlignment: GLint = 4
    public var packRowLength: GLint = 0
    public var unpackRowLength: GLint = 0
    public var packSkipRows: GLint = 0, packSkipPixels: GLint = 0
    public var unpackSkipRows: GLint = 0, unpackSkipPixels: GLint = 0
    public var unpackImageHeight: GLint = 0, unpackSkipImages: GLint = 0
    public var packImageHeight: GLint = 0, packSkipImages: GLint = 0
    /// GL_{UN,}PACK_COMPRESSED_BLOCK_{WIDTH,HEIGHT,DEPTH,SIZE} (GL 4.2, ARB_compressed_texture_pixel_storage): when
    /// set, the row length and skips apply to compressed images too, in blocks of this size.
    public var unpackCompressedBlockWidth: GLint = 0, unpackCompressedBlockHeight: GLint = 0
    public var unpackCompressedBlockDepth: GLint = 0, unpackCompressedBlockSize: GLint = 0
    public var packCompressedBlockWidth: GLint = 0, packCompressedBlockHeight: GLint = 0
    public var packCompressedBlockDepth: GLint = 0, packCompressedBlockSize: GLint = 0
}

/// Implementation limits the context reports (from the host's caps once a transport is attached).
public struct GLLimits: Equatable, Sendable {
    public var maxTextureSize: GLint = 16384
    public var max3DTextureSize: GLint = 2048
    public var maxCubeMapTextureSize: GLint = 16384
    public var maxArrayTextureLayers: GLint = 2048
    public var maxRenderbufferSize: GLint = 16384
    /// ARB_framebuffer_no_attachments: the largest default size and layers of a framebuffer with no attachments.
    public var maxFramebufferWidth: GLint = 16384
    public var maxFramebufferHeight: GLint = 16384
    public var maxFramebufferLayers: GLint = 2048
    public var maxViewportDims: [GLint] = [16384, 16384]
    public var maxDrawBuffers: GLint = 8
    public var maxColorAttachments: GLint = 8
    public var maxVertexAttribs: GLint = 16
    /// ARB_vertex_attrib_binding (GL 4.3): vertex buffer bindings and the largest relative offset; the largest
    /// stride (GL 4.4's GL_MAX_VERTEX_ATTRIB_STRIDE, the minimum 2048).
    public var maxVertexAttribBindings: GLint = 16
    public var maxVertexAttribRelativeOffset: GLint = 2047
    public var maxVertexAttribStride: GLint = 2048
    public var maxTextureImageUnits: GLint = 16
    public var maxCombinedTextureImageUnits: GLint = 48
    public var maxVertexTextureImageUnits: GLint = 16
    /// Binding points are VirglGL's own table (a stage's blocks reach the host by slot, not by binding point):
    /// at least GL_MAX_COMBINED_UNIFORM_BLOCKS, so that every block of a program can have its own.
    public var maxUniformBufferBindings: GLint = 72
    public var maxUniformBlockSize: GLint = 65536
    public var maxVertexUniformComponents: GLint = 4096
    public var maxFragmentUniformComponents: GLint = 4096
    public var maxVaryingComponents: GLint = 128
    public var maxSamples: GLint = 4
    public var maxViewports: GLint = 16
    /// Viewport bounds are whole pixels on the host (virglrenderer sets integer viewports).
    public var viewportSubpixelBits: GLint = 0
    /// The range viewport origins clamp to: ±2 × GL_MAX_VIEWPORT_DIMS (GL 4.6 §13.6.1's minimum).
    public var viewportBoundsRange: [GLfloat] = [-32768, 32767]
    /// Which vertex of a primitive gives gl_Layer and gl_ViewportIndex: the host's choice, undefined here.
    public var layerProvokingVertex: GLenum = GL_UNDEFINED_VERTEX
    public var maxElementsVertices: GLint = 3000
    public var maxElementsIndices: GLint = 3000
    /// GL_MAX_ELEMENT_INDEX (GL 4.3, ARB_ES3_compatibility): every 32-bit index.
    public var maxElementIndex: Int64 = 0xFFFF_FFFF
    public var uniformBufferOffsetAlignment: GLint = 16
    public var aliasedLineWidthRange: [GLfloat] = [1, 255]
    public var pointSizeRange: [GLfloat] = [1, 255]
    public var subpixelBits: GLint = 8
    public var maxClipDistances: GLint = 8
    public var maxVertexOutputComponents: GLint = 128
    public var maxFragmentInputComponents: GLint = 128
    public var maxGeometryInputComponents: GLint = 64
    public var maxGeometryOutputComponents: GLint = 128
    public var maxGeometryOutputVertices: GLint = 256
    public var maxGeometryTotalOutputComponents: GLint = 1024
    public var maxGeometryUniformComponents: GLint = 1024
    public var maxGeometryTextureImageUnits: GLint = 16
    public var maxGeometryUniformBlocks: GLint = 12
    /// Tessellation (ARB_tessellation_shader's minimums, which llvmpipe behind virglrenderer meets).
    /// GL_MAX_UNIFORM_LOCATIONS (explicit uniform locations; ProgramCompiler.maxUniformLocations).
    public var maxUniformLocations: GLint = 1024
    public var maxPatchVertices: GLint = 32
    /// textureGather (GL 4.0): the components a gather may read (0 until a host that gathers says how many) and
    /// the offsets it takes (the host's, read with its caps).
    public var maxProgramTextureGatherComponents: GLint = 0
    public var minProgramTextureGatherOffset: GLint = -8
    public var maxProgramTextureGatherOffset: GLint = 7
    /// Subroutines (ARB_shader_subroutine's minimums; GLSLSubroutineLowering.maxSubroutines, maxUniformLocations).
    public var maxSubroutines: GLint = 256
    public var maxSubroutineUniformLocations: GLint = 1024
    public var maxTessGenLevel: GLint = 64
    public var maxTessUniformComponents: GLint = 1024
    public var maxTessPatchComponents: GLint = 120
    public var maxTessControlTotalOutputComponents: GLint = 4096
    public var maxVertexUniformBlocks: GLint = 12
    public var maxFragmentUniformBlocks: GLint = 12
    /// Each stage's blocks go to its own host slots (1 + the block's index in that stage), so a program may use
    /// every stage's 12 (vertex, tessellation control and evaluation, geometry, fragment, compute).
    public var maxCombinedUniformBlocks: GLint = 72
    public var maxCombinedVertexUniformComponents: GLint = 200704
    public var maxCombinedFragmentUniformComponents: GLint = 200704
    public var maxCombinedGeometryUniformComponents: GLint = 197632
    public var maxVertexUniformVectors: GLint = 1024
    public var maxFragmentUniformVectors: GLint = 1024
    public var maxVaryingVectors: GLint = 32
    public var maxTextureLodBias: GLfloat = 16
    public var maxRectangleTextureSize: GLint = 16384
    public var maxTextureBufferSize: GLint = 65536
    /// GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT (glTexBufferRange).
    public var textureBufferOffsetAlignment: GLint = 16
    /// GL_MIN_MAP_BUFFER_ALIGNMENT (GL 4.2, ARB_map_buffer_alignment): the alignment of every glMapBuffer* pointer
    /// less its offset (buffers' client copies are allocated so: GLAlignedBytes).
    public var minMapBufferAlignment = GLint(GLAlignedBytes.alignment)
    public var minProgramTexelOffset: GLint = -8
    public var maxProgramTexelOffset: GLint = 7
    public var maxSampleMaskWords: GLint = 1
    public var maxColorTextureSamples: GLint = 4
    public var maxDepthTextureSamples: GLint = 4
    public var maxIntegerSamples: GLint = 4
    public var maxDualSourceDrawBuffers: GLint = 1
    public var maxTransformFeedbackInterleavedComponents: GLint = 64
    public var maxTransformFeedbackSeparateAttribs: GLint = 4
    public var maxTransformFeedbackSeparateComponents: GLint = 4
    public var smoothLineWidthRange: [GLfloat] = [1, 1]
    public var smoothLineWidthGranularity: GLfloat = 0.1
    public var pointSizeGranularity: GLfloat = 0.1
    public var implementationColorReadFormat: GLenum = GL_RGBA
    public var implementationColorReadType: GLenum = GL_UNSIGNED_BYTE
    public var numCompressedTextureFormats: GLint = 0
    public var numShaderBinaryFormats: GLint = 0
    /// GL_SHADER_COMPILER (GL_ARB_ES2_compatibility): VirglGL compiles GLSL.
    public var shaderCompiler = true
    public var numProgramBinaryFormats: GLint = 1
    /// Atomic counters (GL 4.2, ARB_shader_atomic_counters): GL 4.2's minimums until the host's caps give its own
    /// (GLContext+AtomicCounters.applyAtomicCounterLimits).
    public var maxVertexAtomicCounters: GLint = 0
    public var maxTessControlAtomicCounters: GLint = 0
    public var maxTessEvaluationAtomicCounters: GLint = 0
    public var maxGeometryAtomicCounters: GLint = 0
    public var maxFragmentAtomicCounters: GLint = 8
    public var maxCombinedAtomicCounters: GLint = 8
    public var maxVertexAtomicCounterBuffers: GLint = 0
    public var maxTessControlAtomicCounterBuffers: GLint = 0
    public var maxTessEvaluationAtomicCounterBuffers: GLint = 0
    public var maxGeometryAtomicCounterBuffers: GLint = 0
    public var maxFragmentAtomicCounterBuffers: GLint = 1
    public var maxCombinedAtomicCounterBuffers: GLint = 1
    public var maxAtomicCounterBufferBindings: GLint = 1
    public var maxAtomicCounterBufferSize: GLint = 32
}

/// All GL state of a context that draws read, grouped for dirty tracking.
public struct GLState {
    /// The viewports a context keeps: virgl's (gallium's PIPE_MAX_VIEWPORTS); GL_MAX_VIEWPORTS is at most this.
    public static let viewportSlots = 16
    public var blend = GLBlendState()
    public var blendColor: [GLfloat] = [0, 0, 0, 0]
    public var depthStencil = GLDepthStencilState()
    public var rasterizer = GLRasterizerState()
    /// The viewports (GL_ARB_viewport_array): x, y, width and height of each, as set (floats).
    public var viewports = [[GLfloat]](repeating: [0, 0, 0, 0], count: GLState.viewportSlots)
    /// Each viewport's depth range: near, far (clamped to [0, 1]).
    public var depthRanges = [[GLdouble]](repeating: [0, 1], count: GLState.viewportSlots)
    /// Each viewport's scissor box: x, y, width, height.
    public var scissors = [[GLint]](repeating: [0, 0, 0, 0], count: GLState.viewportSlots)
    /// Viewport 0's values: what the non-indexed glGet parameters answer.
    public var viewport: [GLfloat] { viewports[0] }
    public var depthRange: [GLdouble] { depthRanges[0] }
    public var scissor: [GLint] { scissors[0] }
    public var clear = GLClearState()
    public var pixelStore = GLPixelStore()
    public var limits = GLLimits()
    public var primitiveRestart = false
    public var primitiveRestartFixedIndex = false
    public var primitiveRestartIndex: GLuint = 0
    /// glMinSampleShading: the fraction of a multisample framebuffer's samples shaded separately (with
    /// GL_SAMPLE_SHADING enabled).
    public var minSampleShading: GLfloat = 0
    /// glPatchParameteri(GL_PATCH_VERTICES) and glPatchParameterfv's levels for programs without a control stage.
    public var patchVertices: GLint = 3
    public var patchDefaultOuterLevel: [GLfloat] = [1, 1, 1, 1]
    public var patchDefaultInnerLevel: [GLfloat] = [1, 1]
    public var textureCubeMapSeamless = false
    public var debugOutput = false
    public var debugOutputSynchronous = false
    public var colorLogicOp: Bool {
        get { blend.logicOpEnabled }
        set { blend.logicOpEnabled = newValue }
    }
    public var activeTexture: GLenum = GL_TEXTURE0

    /// Groups changed since the last draw emitted them.
    public var dirty: GLStateGroups = .all

    public init() {}
}
