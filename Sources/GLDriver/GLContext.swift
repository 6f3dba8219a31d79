import GLCore
import Synchronization
import VirglProtocol
import VirglTransport

#if canImport(Glibc)
import Glibc
#endif

/// What a context was created for.
public struct GLContextAttributes: Sendable, Equatable {
    /// The highest GL version VirglGL creates contexts for and reports: GL 4.3 core and compatibility (GLSL
    /// 1.10–4.30: GL 4.0's tessellation, doubles, subroutines, gpu_shader5, cube map arrays, indirect draws,
    /// transform feedback objects and streams, sample shading, per-buffer blending; GL 4.1's separate shader
    /// objects, viewport arrays, ES2 compatibility, program binaries without formats; GL 4.2's atomic counters, image
    /// load/store, texture storage, BPTC, internal-format queries, base instances; GL 4.3's compute shaders, storage
    /// buffers, texture views, copies between images, ES3 compatibility (ETC2/EAC), program interface queries, debug
    /// output, vertex attribute bindings, framebuffers without attachments) — on a host whose GL and caps carry
    /// those (`GLContext.reportedVersion`); on a lesser host a context reports the version the host allows. A version
    /// is never reported above this.
    public static let highestVersion: (major: Int, minor: Int) = versionOverride ?? implementedVersion

    /// The version whose every feature VirglGL implements.
    public static let implementedVersion = (major: 4, minor: 3)

    /// `VIRGLGL_GL_VERSION_OVERRIDE=4.2` (as Mesa's MESA_GL_VERSION_OVERRIDE): a developer's switch that lets
    /// contexts of a version whose features are still being built be created and report it, to run that
    /// version's tests while the work goes on. Never set it for users: the missing features are missing.
    static let versionOverride: (major: Int, minor: Int)? = {
        guard let raw = getenv("VIRGLGL_GL_VERSION_OVERRIDE") else { return nil }
        let parts = String(cString: raw).split(separator: ".").compactMap { Int($0) }
        guard parts.count == 2, (3...4).contains(parts[0]), (0...6).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }()

    public enum Profile: Sendable { case core, compatibility }
    /// The client API: desktop OpenGL, or OpenGL ES (EGL_OPENGL_ES_API; `GLContext+ES.swift`).
    public enum API: Sendable { case openGL, openGLES }
    public var major: Int
    public var minor: Int
    public var profile: Profile
    public var api: API

    public init(major: Int = 4, minor: Int = 6, profile: Profile = .core, api: API = .openGL) {
        self.major = major
        self.minor = minor
        self.profile = profile
        self.api = api
    }
}

/// One GL context: the GL state one thread at a time renders with.
///
/// GL commands reach it through the generated entry points, which find the calling thread's current context
/// (`current`), validate enum parameters and call the implementation in the context's `dispatch` table.
public final class GLContext {
    public let attributes: GLContextAttributes
    /// True for a core-profile context: compatibility-only commands are then GL_INVALID_OPERATION.
    public let isCoreProfile: Bool
    /// The first error recorded since the last `glGetError` (GL keeps one flag; later errors are dropped).
    var errorFlag: GLenum = GL_NO_ERROR
    /// The GL state draws read, grouped for dirty tracking.
    public var state = GLState()
    /// Where the context renders; connected on first use (`host`).
    let hostChoice: GLHostChoice
    var transport: VirglTransport?
    /// The GL version the host's caps carry, read when the host connects.
    var hostGLVersion: (major: Int, minor: Int)?
    /// The gallium primitives the host draws (caps `prim_mask`, bit = VirglPrimitive), read when the host
    /// connects; others (quads, quad strips, polygons on a core-profile host) are converted to triangles here.
    var hostPrimitiveMask: UInt32?
    /// Whether the host draws from an indirect buffer (its caps' has_indirect_draw) and several draws at once
    /// (VIRGL_CAP_MULTI_DRAW_INDIRECT); read with the caps.
    var hostIndirectDraw = (single: false, multi: false)
    /// Whether the host has gl_CullDistance (its caps' has_cull): GL_ARB_cull_distance.
    var hostCullDistance = false
    /// The formats the host samples (its caps' sampler mask): which compressed formats VirglGL takes.
    var hostSamplerFormats: VirglFormatMask?
    /// The host renders into framebuffers with no attachments (VIRGL_CAP_FB_NO_ATTACH).
    var hostFramebufferNoAttach = false
    /// The host makes sampler views in a format and target of their own (VIRGL_CAP_TEXTURE_VIEW): texture views.
    var hostTextureView = false
    /// The host's caps say SHADER_CLOCK (GL_ARB_shader_clock).
    var hostShaderClock = false
    /// VIRGL_CAP_TEXTURE_BARRIER: the host runs glTextureBarrier (GLContext+LegacyExtensions.swift).
    var hostTextureBarrier = false
    /// VIRGL_CAP_CLIP_HALFZ: the rasterizer's clip_halfz (glClipControl).
    var hostClipHalfz = false
    /// The host reads framebuffer colours in fragment shaders (VIRGL_CAP_TGSI_FBFETCH; GLContext+FramebufferFetch).
    var hostFramebufferFetch = false
    /// Why the host was lost, once it has been.
    var lostReason: String?
    var commandBuffer: VirglCommandBuffer?
    /// Compatibility-profile state: current attribute values, fixed-function arrays and matrices.
    var compat = GLCompatState()
    /// glBegin … glEnd (GLContext+ImmediateMode.swift).
    var immediate = GLImmediateState()
    /// Raster position and pixel rectangles (GLContext+PixelRectangles.swift).
    var raster = GLRasterState()
    /// glPushAttrib / glPushClientAttrib stacks (GLContext+AttribStack.swift).
    var attribStack = GLAttribStackState()
    /// GL_ARB_vertex_program / GL_ARB_fragment_program state (GLContext+ARBPrograms.swift).
    var arb = GLARBProgramState()
    /// Whether the vertex layout last emitted reads client-memory arrays (so every draw sends it again).
    var usesClientArrays = false
    /// Resources to destroy after the next submission (see `releaseResource`).
    var pendingReleases: [VirglResource] = []
    /// Stream buffers the draw being prepared reads (client arrays and indices): released once it is encoded,
    /// not before — preparing a draw can submit the command buffer.
    var drawResources: [VirglResource] = []
    /// Draws encoded since the last wait for the host (see `upload`).
    var drawsSinceWait = 0
    /// The default framebuffer's glDrawBuffer (GL_BACK or GL_NONE), kept across surfaces.
    var defaultDrawBuffer: GLenum = GL_BACK
    /// Buffers mapped persistent, coherent and writable: what the client wrote reaches the host before each draw.
    var coherentMappings: [GLBufferObject] = []
    var nextObjectHandle: UInt32 = 0
    /// Dwords sent to the host so far (for benchmarks and the cheap-invariant tests).
    public internal(set) var submittedDwords = 0
    var buffers = GLNamespace<GLBufferObject>()
    var renderbuffers = GLNamespace<GLRenderbuffer>()
    var framebuffers = GLNamespace<GLFramebuffer>()
    var renderbufferBinding: GLRenderbuffer?
    /// GL_SAMPLE_MASK (glEnable) and its word 0 (glSampleMaski); SET_SAMPLE_MASK sends the effective mask.
    var sampleMaskEnabled = false
    var sampleMaskValue: GLbitfield = 0xFFFF_FFFF
    /// Framebuffer objects bound for drawing and reading; nil is framebuffer 0, the default framebuffer.
    var boundDrawFramebuffer: GLFramebuffer?
    var boundReadFramebuffer: GLFramebuffer?
    /// The default framebuffer: a surface's colour and depth-stencil buffers (none for a surfaceless context).
    var defaultFramebuffer: GLFramebuffer?
    /// The surface the default framebuffer was made for (0: none).
    var surfaceID: UInt = 0
    /// The framebuffers draws and reads use: the bound object, or the default framebuffer.
    var drawFramebuffer: GLFramebuffer? { boundDrawFramebuffer ?? defaultFramebuffer }
    var readFramebuffer: GLFramebuffer? { boundReadFramebuffer ?? defaultFramebuffer }
    /// Host state objects by content (hash-consing): the same blend/DSA/rasterizer state reuses one handle.
    var stateObjects: [GLStateObjectKey: UInt32] = [:]
    /// What the host has bound now, to emit only changes.
    var emitted = GLEmittedState()
    /// The compute stage's host state and limits (GLContext+Compute.swift).
    var computeEmitted = GLComputeEmittedState()
    /// Image units and what the host has of them (GLContext+ImageUnits).
    var imageUnits = GLImageUnitState()
    var textures = GLNamespace<GLTexture>()
    /// Texture bindings per unit and target.
    var textureUnits = [[GLenum: GLTexture]](repeating: [:], count: 48)
    var samplers = GLNamespace<GLSampler>()
    /// Sampler objects bound per texture unit (they override the bound texture's sampling parameters).
    var samplerBindings = [GLSampler?](repeating: nil, count: 48)
    /// The default textures (name 0), per target.
    var defaultTextures: [GLenum: GLTexture] = [:]
    /// What incomplete textures sample, per target (`blackTexture`).
    var blackTextures: [GLenum: GLTexture] = [:]
    /// Programs and shaders share one namespace (names come from `programs`).
    var programs = GLNamespace<GLProgram>()
    var shaders: [GLuint: GLShader] = [:]
    /// GL_ARB_shading_language_include's named strings by tree location, with their types.
    var namedStrings: [String: (type: GLenum, string: String)] = [:]
    var currentProgram: GLProgram?
    /// Program pipeline objects and the bound one (`GLContext+ProgramPipelines.swift`): it supplies the stages
    /// when no program is in use.
    var programPipelines = GLNamespace<GLProgramPipeline>()
    var boundPipeline: GLProgramPipeline?
    /// The program glProgramUniform* writes while it runs the glUniform* code (nil: the current program's).
    var uniformProgram: GLProgram?
    /// The subroutine index loaded into each subroutine uniform location, by stage (ShaderStage raw value).
    var subroutineSelections: [Int: [GLuint]] = [:]
    /// Draw state objects by content (hash-consed).
    var drawStateObjects: [GLStateObject: UInt32] = [:]
    var textureSurfaces: [TextureSurfaceKey: UInt32] = [:]
    /// The 1×1 resource scissored clears blit the clear colour from.
    var clearSource: VirglResource?
    /// 1×1 depth/stencil resources by virgl format, holding the clear values a scissored glClear blits.
    var depthStencilClearSources: [UInt32: VirglResource] = [:]
    var vertexArrays = GLNamespace<GLVertexArray>()
    /// What a buffer texture unit without a buffer reads (zeros), and the texture object holding its view.
    var emptyTextureBuffer: GLBufferObject?
    let emptyTextureBufferTexture = GLTexture(name: 0)
    /// Transform feedback: the bound object (its buffer bindings and capture), the default one (name 0) and the
    /// names of glGenTransformFeedbacks (`GLContext+TransformFeedback2.swift`).
    var transformFeedback: GLTransformFeedbackObject
    let defaultTransformFeedback = GLTransformFeedbackObject(name: 0)
    var transformFeedbackObjects = GLNamespace<GLTransformFeedbackObject>()
    /// Buffer bindings by target (GL_ARRAY_BUFFER, GL_UNIFORM_BUFFER, …); the element buffer lives in the VAO.
    var bufferBindings: [GLenum: GLBufferObject] = [:]
    /// Indexed uniform-buffer bindings: buffer, offset, size (0: whole buffer).
    var uniformBufferBindings: [GLuint: (buffer: GLBufferObject, offset: Int, size: Int)] = [:]
    /// Shader storage buffer bindings, limits and host slots (`GLContext+StorageBuffers.swift`).
    var storageBuffers = GLStorageBufferState()
    /// Atomic counter buffer bindings (`GLContext+AtomicCounters.swift`).
    var atomicCounterState = GLAtomicCounterState()
    /// The bound vertex array; the default one (name 0) exists only in compatibility contexts.
    var vertexArray: GLVertexArray
    let defaultVertexArray: GLVertexArray
    /// Query objects, the active queries and conditional rendering (`GLContext+QueryObjects.swift`).
    var queryState = GLQueryObjectState()
    /// Fence sync objects (`GLContext+Sync.swift`).
    var syncState = GLSyncState()
    /// GL_KHR_debug: debug output, message log, groups, object labels (`GLContext+Debug.swift`).
    var debug = GLDebugState()
    /// Display lists (compatibility profile; `GLContext+DisplayLists.swift`).
    var displayLists = GLDisplayListState()
    /// The table the entry points call: `GLDispatch.table`, or `GLDispatch.listCompiling` inside glNewList.
    public internal(set) var dispatch = GLDispatch.table

    public init(attributes: GLContextAttributes = GLContextAttributes(), host: GLHostChoice = .inProcess) {
        self.attributes = attributes
        self.hostChoice = host
        defaultVertexArray = GLVertexArray(name: 0)
        vertexArray = defaultVertexArray
        transformFeedback = defaultTransformFeedback
        isCoreProfile = attributes.profile == .core && (attributes.major, attributes.minor) >= (3, 2)
    }

    /// Records `error` unless an earlier one is still unread (GL spec 2.3.1: the flag keeps the first error).
    public func recordError(_ error: GLenum, _ command: GLCommand? = nil, _ message: @autoclosure () -> String = "") {
        if errorFlag == GL_NO_ERROR { errorFlag = error }
        if debug.enabled { debugError(error, command, message()) }
        if GLDiagnostics.verbose, let command {
            GLDiagnostics.log("\(command.name): \(GLEnumNames.describe(error)) \(message())")
        }
    }

    /// The generated default for a command with no implementation yet: `GL_INVALID_OPERATION`, and one log line
    /// per command per process.
    public func unimplemented(_ command: GLCommand) {
        recordError(GL_INVALID_OPERATION)
        GLDiagnostics.reportUnimplemented(command)
    }
}

// MARK: - The current context of each thread

extension GLContext {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The calling thread's current context, or nil (GL commands are then ignored).
    public static var current: GLContext? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<GLContext>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Makes `context` current on the calling thread (nil: none). The thread holds a reference while current.
    public static func makeCurrent(_ context: GLContext?) {
        if let old = pthread_getspecific(key) { Unmanaged<GLContext>.fromOpaque(old).release() }
        pthread_setspecific(key, context.map { Unmanaged.passRetained($0).toOpaque() })
    }
}

/// Driver diagnostics on stderr.
public enum GLDiagnostics {
    /// `VIRGLGL_DEBUG=1` logs every recorded GL error with its command.
    public static let verbose: Bool = getenv("VIRGLGL_DEBUG").map { String(cString: $0) != "0" } ?? false
    /// `VIRGLGL_DUMP_SHADERS=1`: log every linked program's TGSI.
    public static let dumpShaders: Bool = getenv("VIRGLGL_DUMP_SHADERS").map { String(cString: $0) != "0" } ?? false

    private static let reported = Mutex<Set<Int>>([])

    /// Logs "not implemented" once per command; returns true the first time.
    @discardableResult
    public static func reportUnimplemented(_ command: GLCommand) -> Bool {
        let first = reported.withLock { $0.insert(command.rawValue).inserted }
        if first { log("\(command.name) is not implemented yet (GL_INVALID_OPERATION)") }
        return first
    }

    static func log(_ line: String) {
        fputs("VirglGL: \(line)\n", stderr)
    }
}
