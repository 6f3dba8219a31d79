import GLCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The driver's identity strings.
public enum VirglGLInfo {
    public static let vendor = "VirglGL"
    public static let driverVersion = "0.1.0"
    public static let renderer = "VirglGL (virgl)"
}

/// C strings that live as long as the process: `glGetString` hands out pointers to them.
enum StaticCStrings {
    private static let cache = Mutex<[String: UnsafePointer<GLubyte>]>([:])

    static func pointer(_ s: String) -> UnsafePointer<GLubyte> {
        let address = cache.withLock { cache -> UInt in
            if let p = cache[s] { return UInt(bitPattern: p) }
            let p = UnsafeRawPointer(strdup(s)!).assumingMemoryBound(to: GLubyte.self)
            cache[s] = p
            return UInt(bitPattern: p)
        }
        return UnsafePointer(bitPattern: address)!
    }
}

extension GLContext {
    /// The version the context reports. A requested version is a minimum (EGL, GLX): the context is the
    /// highest version VirglGL implements, bounded by what the host's caps carry once the host is connected.
    var reportedVersion: (major: Int, minor: Int) {
        _ = host  // the host's version bounds it: read when the host connects
        var v = (GLContextAttributes.highestVersion.major, GLContextAttributes.highestVersion.minor)
        if let host = hostGLVersion, v > (host.major, host.minor) { v = host }
        // GL 4.3 needs the host's compute shaders, storage buffers, texture views, framebuffers without attachments
        // and multi-draw indirect; GL 4.2 its atomic counters, images and BPTC textures (its caps say so).
        if v >= (4, 3), hostGLVersion != nil, !(supportsCompute && supportsStorageBuffers && supportsES3CompatibilityTextureFormats
            && hostTextureView && hostFramebufferNoAttach && hostIndirectDraw.multi) { v = (4, 2) }
        if v >= (4, 2), hostGLVersion != nil, !(supportsAtomicCounters && supportsImageLoadStore && supportsBPTC) { v = (4, 1) }
        return v
    }

    /// `GL_VERSION`.
    var versionString: String {
        if isES { return esVersionString }
        let profile = attributes.profile == .core ? "Core Profile" : "Compatibility Profile"
        let v = reportedVersion
        return "\(v.major).\(v.minor) (\(profile)) VirglGL \(VirglGLInfo.driverVersion)"
    }

    /// `GL_SHADING_LANGUAGE_VERSION` for the context's GL version (GL 3.3+ pairs GLSL x.y0 with GL x.y).
    var shadingLanguageVersionString: String {
        if isES { return esShadingLanguageVersionString }
        switch reportedVersion {
        case (3, 0): return "1.30"
        case (3, 1): return "1.40"
        case (3, 2): return "1.50"
        case (let major, let minor) where major >= 3: return "\(major).\(minor)0"
        default: return "1.20"
        }
    }

    /// Extensions the driver implements: the ARB/EXT names of GL 2.0–3.3 core features that VirglGL has, as
    /// desktop drivers list them (programs and piglit check the names rather than the version).
    var extensions: [String] {
        if isES { return esExtensions }  // GLContext+ES.swift
        _ = host  // the shader extensions depend on the host's GLSL level, read when it connects
        guard let v = hostGLVersion else { return GLContext.implementedExtensions }
        return GLContext.implementedExtensions + GLContext.shaderExtensions.filter { (v.major, v.minor) >= $0.host }.map(\.name)
            + (supportsTessellation ? ["GL_ARB_tessellation_shader", "GL_ARB_sample_shading"] : [])
            + (supportsTransformFeedback2 ? GLContext.transformFeedbackExtensions : [])
            + (hostCullDistance ? ["GL_ARB_cull_distance"] : [])
            + (supportsImageLoadStore ? ["GL_ARB_shader_image_load_store", "GL_ARB_shader_image_size"] : [])
            + (supportsBPTC ? ["GL_ARB_texture_compression_bptc"] : []) + (supportsRGTC ? ["GL_ARB_texture_compression_rgtc"] : [])
            + (hostFramebufferNoAttach ? ["GL_ARB_framebuffer_no_attachments"] : [])
            // ETC2/EAC (sampled or decoded on the CPU), GLSL ES 3.00 sources, fixed-index primitive restart,
            // GL_ANY_SAMPLES_PASSED_CONSERVATIVE, GL_MAX_ELEMENT_INDEX.
            + (supportsES3CompatibilityTextureFormats ? ["GL_ARB_ES3_compatibility"] : [])
            + (hostIndirectDraw.single ? ["GL_ARB_draw_indirect"] : []) + (hostIndirectDraw.multi ? ["GL_ARB_multi_draw_indirect"] : [])
            // virglrenderer draws with a base instance on GL 4.2 hosts.
            + ((v.major, v.minor) >= (4, 2) ? ["GL_ARB_base_instance"] : [])
            // GL_MAX_VIEWPORTS from the host's caps; gl_Layer / gl_ViewportIndex as fragment inputs are GLSL 4.30's
            // or the host's GL_ARB_fragment_layer_viewport (virglrenderer asks for it).
            + (supportsViewportArrays ? ["GL_ARB_viewport_array", "GL_ARB_fragment_layer_viewport"] : [])
            + computeExtensions
            + (supportsStorageBuffers ? ["GL_ARB_shader_storage_buffer_object"] : [])
            // Host hardware atomics (TGSI HWATOMIC); virglrenderer's GLSL for them asks for atomic_counter_ops too.
            + (supportsAtomicCounters ? ["GL_ARB_shader_atomic_counters", "GL_ARB_shader_atomic_counter_ops"] : [])
            + (attributes.profile == .compatibility ? GLContext.arbProgramExtensions : [])
            // GLSL 4.40's layout qualifiers (component, xfb_*, offset/align, constant expressions): listed with
            // GL 4.3, whose storage blocks, explicit locations and program interface queries it extends.
            + (reportedVersion >= (4, 3) ? ["GL_ARB_enhanced_layouts"] : [])
            // clock2x32ARB() as TGSI CLOCK, which the host writes as its own clock2x32ARB().
            + (hostShaderClock ? ["GL_ARB_shader_clock"] : [])
            + framebufferFetchExtensions
            // Votes of groups of one invocation each (GLSLGroupVoteLowering): no host support needed.
            + ["GL_ARB_shader_group_vote"]
            + legacyExtensions  // GLContext+LegacyExtensions.swift
    }

    /// GLSL extensions the shader compiler implements (see GLSLExtensionLowering), with the host GL version each
    /// needs: virglrenderer writes their TGSI as host GLSL built-ins (bitfieldExtract, umulExtended: 4.00;
    /// textureQueryLOD: 4.00; textureQueryLevels: 4.30; dFdxFine: 4.50); the packing functions' integer
    /// operations are 4.00's, and 4.20 has the built-ins themselves; doubles (D* opcodes) need GLSL 4.00.
    static let shaderExtensions: [(name: String, host: (major: Int, minor: Int))] = [
        ("GL_AMD_shader_trinary_minmax", (3, 3)), ("GL_ARB_derivative_control", (4, 5)), ("GL_ARB_gpu_shader_fp64", (4, 0)), ("GL_ARB_vertex_attrib_64bit", (4, 0)),
        ("GL_ARB_shader_bit_encoding", (3, 3)), ("GL_ARB_shader_texture_lod", (3, 3)),
        ("GL_ARB_shading_language_420pack", (3, 3)), ("GL_ARB_shading_language_packing", (4, 2)),
        ("GL_ARB_texture_query_levels", (4, 3)), ("GL_ARB_texture_query_lod", (4, 0)),
        // samplerCubeArray and its SHADOWCUBE_ARRAY / TXL2 / TEX2 forms become host GLSL 4.00 samplers.
        ("GL_ARB_texture_cube_map_array", (4, 0)),
        // textureGather (TG4, host GLSL 4.00): the gpu_shader5 gathers without their extras.
        ("GL_ARB_texture_gather", (4, 0)),
        // Depth layout qualifiers on gl_FragDepth (compiled as GLSL 4.20; TGSI FS_DEPTH_LAYOUT, host GLSL 4.20).
        ("GL_ARB_conservative_depth", (4, 2)), ("GL_AMD_conservative_depth", (4, 2)),
        // The precision GLSL 4.00's operations must keep: the host's GLSL 4.00 arithmetic, which VirglGL's TGSI
        // reaches one operation to one (divisions and fma included; piglit's arb_shader_precision checks it).
        ("GL_ARB_shader_precision", (4, 0)),
        ("GL_EXT_shader_integer_mix", (3, 3)), ("GL_MESA_shader_integer_functions", (4, 0)),
        // Compiled as GLSL 4.00 (sampler and block arrays indexed by variables, interpolateAt*, textureGather
        // with components and offsets, vertex streams, gl_SampleMaskIn, fma, the integer functions).
        ("GL_ARB_gpu_shader5", (4, 0)),
        ("GL_ARB_arrays_of_arrays", (4, 3)),
        // Lowered to int uniforms and functions that switch on them (GLSLSubroutineLowering).
        ("GL_ARB_shader_subroutine", (3, 3)),
        // Compiled as GLSL 1.30 (GLSLGPUShader4Lowering); its API commands are GL 3.0's under EXT names.
        ("GL_EXT_gpu_shader4", (3, 3)),
        // texture4() as textureGather (GLSL 4.00, TG4).
        ("GL_AMD_texture_texture4", (4, 0)),
    ]

    /// Transform feedback objects, pause and resume, indexed queries (GLContext+TransformFeedback2.swift): listed
    /// for GL 4.0 hosts, where virglrenderer pauses captures and runs indexed queries.
    static let transformFeedbackExtensions = ["GL_ARB_transform_feedback2", "GL_ARB_transform_feedback3", "GL_ARB_transform_feedback_instanced"]

    /// Every command a listed extension adds resolves through getProcAddress, under its own name or as the
    /// registry's alias of a core command (ExtensionEntryPointTests): GL_ARB_shader_objects (handle objects)
    /// and GL_EXT_framebuffer_object (binding names never generated) are left out for that reason.
    static let implementedExtensions: [String] = [
        "GL_ARB_blend_func_extended", "GL_ARB_buffer_storage", "GL_ARB_clear_buffer_object", "GL_ARB_compressed_texture_pixel_storage", "GL_ARB_copy_buffer", "GL_ARB_depth_texture",
        "GL_ARB_draw_buffers", "GL_ARB_draw_buffers_blend", "GL_ARB_draw_elements_base_vertex", "GL_ARB_draw_instanced", "GL_ARB_ES2_compatibility", "GL_ARB_explicit_attrib_location",
        "GL_ARB_explicit_uniform_location", "GL_ARB_fragment_shader", "GL_ARB_framebuffer_object", "GL_ARB_get_program_binary", "GL_ARB_half_float_vertex", "GL_ARB_instanced_arrays",
        "GL_ARB_internalformat_query", "GL_ARB_internalformat_query2", "GL_ARB_invalidate_subdata", "GL_ARB_map_buffer_alignment", "GL_ARB_map_buffer_range", "GL_ARB_occlusion_query",
        "GL_ARB_occlusion_query2", "GL_ARB_program_interface_query", "GL_ARB_sampler_objects", "GL_ARB_separate_shader_objects", "GL_ARB_shading_language_100", "GL_ARB_sync", "GL_ARB_texture_buffer_range",
        "GL_ARB_texture_cube_map", "GL_ARB_texture_multisample", "GL_ARB_texture_non_power_of_two", "GL_ARB_texture_rectangle", "GL_ARB_texture_rg", "GL_ARB_texture_storage",
        "GL_ARB_texture_storage_multisample", "GL_ARB_texture_swizzle", "GL_ARB_timer_query", "GL_ARB_uniform_buffer_object", "GL_ARB_vertex_array_object", "GL_ARB_vertex_attrib_binding",
        "GL_ARB_vertex_buffer_object",
        "GL_ARB_vertex_shader", "GL_ARB_vertex_type_2_10_10_10_rev", "GL_EXT_framebuffer_blit",
        "GL_ARB_copy_image", "GL_ARB_stencil_texturing", "GL_ARB_texture_view",
        "GL_EXT_texture_array", "GL_EXT_texture_swizzle", "GL_KHR_debug", "GL_NV_conditional_render",
        // Named strings and #include (GLContext+ShadingLanguageInclude.swift); glProvokingVertex (the rasterizer's
        // flatshade_first) under GL 3.2's ARB name and the older EXT one.
        "GL_ARB_shading_language_include", "GL_ARB_provoking_vertex", "GL_EXT_provoking_vertex",
    ]

    func getError() -> GLenum {
        defer { errorFlag = GL_NO_ERROR }
        return errorFlag
    }

    func getString(_ name: GLenum) -> UnsafePointer<GLubyte>? {
        switch name {
        case GL_VENDOR: return StaticCStrings.pointer(VirglGLInfo.vendor)
        case GL_RENDERER: return StaticCStrings.pointer(VirglGLInfo.renderer)
        case GL_VERSION: return StaticCStrings.pointer(versionString)
        case GL_SHADING_LANGUAGE_VERSION: return StaticCStrings.pointer(shadingLanguageVersionString)
        case GL_PROGRAM_ERROR_STRING_ARB where attributes.profile == .compatibility:
            return StaticCStrings.pointer(arb.errorString)
        case GL_EXTENSIONS where attributes.profile == .compatibility:
            return StaticCStrings.pointer(extensions.joined(separator: " "))
        default:
            // GL_EXTENSIONS is not a glGetString name in a core profile (GL 4.6 core, 22.2).
            recordError(GL_INVALID_ENUM, .glGetString, GLEnumNames.describe(name))
            return nil
        }
    }

    /// The `#version` lines the context compiles, as glGetStringi(GL_SHADING_LANGUAGE_VERSION) lists them (GL 4.3
    /// §22.2; asked only of GL 4.3 contexts): the highest first, down to 1.10, whose empty string stands for a source
    /// without `#version`, then the GLSL ES versions.
    var shadingLanguageVersions: [String] {
        let v = reportedVersion
        var list: [String] = []
        for (major, minor) in [(4, 6), (4, 5), (4, 4), (4, 3), (4, 2), (4, 1), (4, 0), (3, 3)] where (major, minor) <= (v.major, v.minor) {
            list.append("\(major)\(minor)0 core")
            if attributes.profile == .compatibility { list.append("\(major)\(minor)0 compatibility") }
        }
        if v >= (3, 2) { list.append("150 core"); if attributes.profile == .compatibility { list.append("150 compatibility") } }
        // GLSL ES 1.00 (GL_ARB_ES2_compatibility) and 3.00 (GL 4.3's GL_ARB_ES3_compatibility) sources compile too.
        return list + ["140", "130", "120", "110", "", "100", "300 es"]
    }

    func getStringi(_ name: GLenum, _ index: GLuint) -> UnsafePointer<GLubyte>? {
        if name == GL_SHADING_LANGUAGE_VERSION, reportedVersion >= (4, 3), !isES {
            let versions = shadingLanguageVersions
            guard Int(index) < versions.count else {
                recordError(GL_INVALID_VALUE, .glGetStringi, "index \(index) ≥ GL_NUM_SHADING_LANGUAGE_VERSIONS")
                return nil
            }
            return StaticCStrings.pointer(versions[Int(index)])
        }
        guard name == GL_EXTENSIONS else {
            recordError(GL_INVALID_ENUM, .glGetStringi, GLEnumNames.describe(name))
            return nil
        }
        guard Int(index) < extensions.count else {
            recordError(GL_INVALID_VALUE, .glGetStringi, "index \(index) ≥ GL_NUM_EXTENSIONS")
            return nil
        }
        return StaticCStrings.pointer(extensions[Int(index)])
    }
}

extension GLDispatch {
    func installQueries() {
        glGetError = { $0.getError() }
        glGetString = { $0.getString($1) }
        glGetStringi = { $0.getStringi($1, $2) }
    }
}
