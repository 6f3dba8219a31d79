import GLCore

/// A glGet answer in the state's own type; the glGet* entry points convert it (GL 4.6, 2.2.2).
public enum GLQueryValue: Equatable, Sendable {
    case bools([Bool])
    case ints([Int64])
    case enums([GLenum])
    case floats([Double])
    case doubles([Double])

    public var count: Int {
        switch self {
        case .bools(let v): return v.count
        case .ints(let v): return v.count
        case .enums(let v): return v.count
        case .floats(let v), .doubles(let v): return v.count
        }
    }

    public var asBooleans: [GLboolean] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v.map { $0 != 0 ? 1 : 0 }
        case .enums(let v): return v.map { $0 != 0 ? 1 : 0 }
        case .floats(let v), .doubles(let v): return v.map { $0 != 0 ? 1 : 0 }
        }
    }

    /// Floating-point state rounds to the nearest integer; values outside the type's range clamp.
    public var asInt64: [Int64] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v
        case .enums(let v): return v.map { Int64($0) }
        case .floats(let v), .doubles(let v):
            return v.map { d in d.isNaN ? 0 : Int64(max(min(d.rounded(), 9.2e18), -9.2e18)) }
        }
    }

    public var asInt32: [GLint] { asInt64.map { GLint(clamping: $0) } }

    public var asDoubles: [Double] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v.map { Double($0) }
        case .enums(let v): return v.map { Double($0) }
        case .floats(let v), .doubles(let v): return v
        }
    }
}

extension GLState {
    /// GL_COLOR_WRITEMASK of draw buffer 0.
    func colorWriteMask() -> GLQueryValue {
        let m = blend.targets[0].writeMask
        return .bools((0..<4).map { m & (1 << $0) != 0 })
    }
}

extension GLContext {
    /// The answer to a glGet query: hand-written context state first, then the generated state tables.
    func queryValue(_ pname: GLenum) -> GLQueryValue? {
        if let v = storageBufferQueryValue(pname) { return v }
        if let v = debugQueryValue(pname) { return v }
        if let v = arbProgramQueryValue(pname) { return v }
        if let v = colorClampQueryValue(pname) { return v }
        if let v = legacyExtensionQueryValue(pname) { return v }
        if let v = displayListQueryValue(pname) { return v }
        switch pname {
        case GL_MAJOR_VERSION: return .ints([Int64(isES ? reportedESVersion.major : reportedVersion.major)])
        case GL_MINOR_VERSION: return .ints([Int64(isES ? reportedESVersion.minor : reportedVersion.minor)])
        case GL_NUM_SHADING_LANGUAGE_VERSIONS where reportedVersion >= (4, 3) && !isES: return .ints([Int64(shadingLanguageVersions.count)])
        case GL_NUM_EXTENSIONS: return .ints([Int64(extensions.count)])
        case GL_CONTEXT_FLAGS: return .ints([0])
        case GL_CONTEXT_PROFILE_MASK:
            return .ints([Int64(attributes.profile == .core ? GL_CONTEXT_CORE_PROFILE_BIT : GL_CONTEXT_COMPATIBILITY_PROFILE_BIT)])
        // Bindings: names of the bound objects.
        case GL_CURRENT_PROGRAM: return .ints([Int64(currentProgram?.name ?? 0)])
        case GL_PROGRAM_PIPELINE_BINDING: return .ints([Int64(boundPipeline?.name ?? 0)])
        case GL_VERTEX_ARRAY_BINDING: return .ints([Int64(vertexArray.name)])
        case GL_ELEMENT_ARRAY_BUFFER_BINDING: return .ints([Int64(vertexArray.elementBuffer?.name ?? 0)])
        case GL_ARRAY_BUFFER_BINDING, GL_UNIFORM_BUFFER_BINDING, GL_COPY_READ_BUFFER_BINDING, GL_COPY_WRITE_BUFFER_BINDING,
             GL_PIXEL_PACK_BUFFER_BINDING, GL_PIXEL_UNPACK_BUFFER_BINDING, GL_TEXTURE_BUFFER_BINDING,
             GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, GL_DRAW_INDIRECT_BUFFER_BINDING, GL_ATOMIC_COUNTER_BUFFER_BINDING:
            let target: GLenum
            switch pname {
            case GL_ARRAY_BUFFER_BINDING: target = GL_ARRAY_BUFFER
            case GL_UNIFORM_BUFFER_BINDING: target = GL_UNIFORM_BUFFER
            case GL_COPY_READ_BUFFER_BINDING: target = GL_COPY_READ_BUFFER
            case GL_COPY_WRITE_BUFFER_BINDING: target = GL_COPY_WRITE_BUFFER
            case GL_PIXEL_PACK_BUFFER_BINDING: target = GL_PIXEL_PACK_BUFFER
            case GL_PIXEL_UNPACK_BUFFER_BINDING: target = GL_PIXEL_UNPACK_BUFFER
            case GL_TEXTURE_BUFFER_BINDING: target = GL_TEXTURE_BUFFER
            case GL_DRAW_INDIRECT_BUFFER_BINDING: target = GL_DRAW_INDIRECT_BUFFER
            case GL_ATOMIC_COUNTER_BUFFER_BINDING: target = GL_ATOMIC_COUNTER_BUFFER
            default: target = GL_TRANSFORM_FEEDBACK_BUFFER
            }
            return .ints([Int64(bufferBindings[target]?.name ?? 0)])
        case GL_DRAW_FRAMEBUFFER_BINDING: return .ints([Int64(boundDrawFramebuffer?.name ?? 0)])
        case GL_READ_FRAMEBUFFER_BINDING: return .ints([Int64(boundReadFramebuffer?.name ?? 0)])
        case GL_RENDERBUFFER_BINDING: return .ints([Int64(renderbufferBinding?.name ?? 0)])
        case GL_SAMPLER_BINDING: return .ints([Int64(samplerBindings[activeUnit]?.name ?? 0)])
        case GL_TEXTURE_BINDING_1D, GL_TEXTURE_BINDING_2D, GL_TEXTURE_BINDING_3D, GL_TEXTURE_BINDING_1D_ARRAY,
             GL_TEXTURE_BINDING_2D_ARRAY, GL_TEXTURE_BINDING_CUBE_MAP, GL_TEXTURE_BINDING_RECTANGLE,
             GL_TEXTURE_BINDING_BUFFER, GL_TEXTURE_BINDING_2D_MULTISAMPLE, GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY,
             GL_TEXTURE_BINDING_CUBE_MAP_ARRAY:
            let target: [GLenum: GLenum] = [
                GL_TEXTURE_BINDING_1D: GL_TEXTURE_1D, GL_TEXTURE_BINDING_2D: GL_TEXTURE_2D,
                GL_TEXTURE_BINDING_3D: GL_TEXTURE_3D, GL_TEXTURE_BINDING_1D_ARRAY: GL_TEXTURE_1D_ARRAY,
                GL_TEXTURE_BINDING_2D_ARRAY: GL_TEXTURE_2D_ARRAY, GL_TEXTURE_BINDING_CUBE_MAP: GL_TEXTURE_CUBE_MAP,
                GL_TEXTURE_BINDING_RECTANGLE: GL_TEXTURE_RECTANGLE, GL_TEXTURE_BINDING_BUFFER: GL_TEXTURE_BUFFER,
                GL_TEXTURE_BINDING_2D_MULTISAMPLE: GL_TEXTURE_2D_MULTISAMPLE,
                GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY: GL_TEXTURE_2D_MULTISAMPLE_ARRAY,
                GL_TEXTURE_BINDING_CUBE_MAP_ARRAY: GL_TEXTURE_CUBE_MAP_ARRAY,
            ]
            let t = textureUnits[activeUnit][target[pname]!]
            return .ints([Int64(t?.name ?? 0)])
        case GL_DRAW_BUFFER, GL_DRAW_BUFFER0, GL_DRAW_BUFFER1, GL_DRAW_BUFFER2, GL_DRAW_BUFFER3, GL_DRAW_BUFFER4,
             GL_DRAW_BUFFER5, GL_DRAW_BUFFER6, GL_DRAW_BUFFER7:
            let i = pname == GL_DRAW_BUFFER ? 0 : Int(pname - GL_DRAW_BUFFER0)
            guard let fb = boundDrawFramebuffer else { return .enums([i == 0 && defaultFramebuffer != nil ? defaultDrawBuffer : GL_NONE]) }
            return .enums([fb.drawBuffers[i]])
        case GL_READ_BUFFER:
            guard let fb = boundReadFramebuffer else { return .enums([defaultFramebuffer != nil ? GL_BACK : GL_NONE]) }
            return .enums([fb.readBuffer])
        // Sync objects and timer queries (GLContext+Sync.swift, GLContext+QueryObjects.swift): server waits are
        // no-ops (the host runs one context in order), so their timeout bound is 0.
        case GL_MAX_SERVER_WAIT_TIMEOUT: return .ints([0])
        case GL_TIMESTAMP: return .ints([hostTimestamp()])
        // The draw framebuffer's samples (the default framebuffer is single-sampled); single-buffered, mono.
        case GL_SAMPLES: return .ints([Int64(drawFramebuffer?.status == GL_FRAMEBUFFER_COMPLETE ? framebufferSamples(drawFramebuffer) : 0)])
        case GL_SAMPLE_BUFFERS:
            return .ints([drawFramebuffer?.status == GL_FRAMEBUFFER_COMPLETE && framebufferSamples(drawFramebuffer) > 0 ? 1 : 0])
        case GL_SAMPLE_MASK: return .bools([sampleMaskEnabled])
        case GL_MAX_SAMPLES, GL_MAX_COLOR_TEXTURE_SAMPLES, GL_MAX_DEPTH_TEXTURE_SAMPLES, GL_MAX_INTEGER_SAMPLES:
            _ = host  // the limits come from the host's caps
            return state.query(pname)
        case GL_SAMPLE_MASK_VALUE: return .ints([Int64(sampleMaskValue)])
        case GL_DOUBLEBUFFER, GL_STEREO: return .bools([false])
        // Quads keep their last vertex as the provoking one whatever glProvokingVertex says
        // (GLContext+PrimitiveConversion.swift).
        case GL_QUADS_FOLLOW_PROVOKING_VERTEX_CONVENTION: return .bools([false])
        // Shader binaries: no formats; program binaries: VirglGL's one (GLContext+ProgramBinary.swift).
        case GL_SHADER_BINARY_FORMATS: return .ints([])
        case GL_PROGRAM_BINARY_FORMATS: return .ints([Int64(GLProgramBinaryFormat.format)])
        // Transform feedback objects (GLContext+TransformFeedback2.swift).
        case GL_TRANSFORM_FEEDBACK_BINDING, GL_TRANSFORM_FEEDBACK_BUFFER_PAUSED, GL_TRANSFORM_FEEDBACK_BUFFER_ACTIVE,
             GL_MAX_TRANSFORM_FEEDBACK_BUFFERS, GL_MAX_VERTEX_STREAMS:
            return transformFeedbackQueryValue(pname)
        // ARB_gpu_shader5 (listed for GL 4.0 hosts): geometry shader instancing, at GL 4.0's minimum (Mesa's
        // virgl driver reports the same 32; the host compiles `invocations` as written).
        case GL_MAX_GEOMETRY_SHADER_INVOCATIONS where supportsTransformFeedback2: return .ints([32])
        // GL_ARB_compute_shader (GLContext+Compute.swift).
        case GL_DISPATCH_INDIRECT_BUFFER_BINDING, GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS, GL_MAX_COMPUTE_SHARED_MEMORY_SIZE,
             GL_MAX_COMPUTE_UNIFORM_BLOCKS, GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS, GL_MAX_COMPUTE_UNIFORM_COMPONENTS,
             GL_MAX_COMBINED_COMPUTE_UNIFORM_COMPONENTS, GL_MAX_COMPUTE_IMAGE_UNIFORMS, GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS,
             GL_MAX_COMPUTE_ATOMIC_COUNTERS, GL_MAX_COMPUTE_ATOMIC_COUNTER_BUFFERS:
            return computeQueryValue(pname)
        default:
            // Every capability is also a boolean glGet parameter (GL 4.6 table 23.x: "IsEnabled" state).
            if let on = state.capability(pname) { return .bools([on]) }
            if let v = imageQueryValue(pname) { return v }
            return state.query(pname)
        }
    }

    /// Runs a glGet: an unknown parameter is GL_INVALID_ENUM; a null pointer is ignored.
    func get<T>(_ command: GLCommand, _ pname: GLenum, _ data: UnsafeMutablePointer<T>?, _ convert: (GLQueryValue) -> [T]) {
        guard let value = queryValue(pname) else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(pname)) is not a parameter VirglGL knows")
        }
        guard let data else { return }
        for (i, v) in convert(value).enumerated() { data[i] = v }
    }
}

extension GLDispatch {
    func installStateQueries() {
        glGetBooleanv = { $0.get(.glGetBooleanv, $1, $2) { $0.asBooleans } }
        glGetIntegerv = { $0.get(.glGetIntegerv, $1, $2) { $0.asInt32 } }
        glGetInteger64v = { $0.get(.glGetInteger64v, $1, $2) { $0.asInt64 } }
        glGetFloatv = { $0.get(.glGetFloatv, $1, $2) { $0.asDoubles.map { GLfloat($0) } } }
        glGetDoublev = { $0.get(.glGetDoublev, $1, $2) { $0.asDoubles } }
    }
}
