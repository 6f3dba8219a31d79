import GLCore
import ShaderCompiler

/// OpenGL ES contexts (EGL_OPENGL_ES_API): the same state tracker as a desktop context — GL 4.3 is a superset
/// of OpenGL ES 3.1 — reporting an ES version, ES strings and ES extension names, and compiling a shader source
/// without `#version` as GLSL ES 1.00. Desktop-only entry points stay reachable (extra ones harm no ES program).
extension GLContext {
    /// True for an OpenGL ES context.
    var isES: Bool { attributes.api == .openGLES }

    /// The highest OpenGL ES version VirglGL reports, from the desktop version the host allows: ES 3.1 needs
    /// GL 4.3's compute shaders, storage buffers, images, atomic counters, multisample textures, vertex attribute
    /// bindings, indirect draws and program interface queries; ES 3.0 GL 3.3 with ETC2/EAC. ES 3.2 is not
    /// reported: it needs KHR_blend_equation_advanced and ASTC textures, which VirglGL does not have.
    var reportedESVersion: (major: Int, minor: Int) {
        let v = reportedVersion
        if v >= (4, 3) { return (3, 1) }
        if v >= (3, 3), supportsES3CompatibilityTextureFormats { return (3, 0) }
        return (2, 0)
    }

    /// `GL_VERSION` of an ES context ("OpenGL ES N.M <vendor-specific>", ES 3.2 §22.2).
    var esVersionString: String {
        let v = reportedESVersion
        return "OpenGL ES \(v.major).\(v.minor) VirglGL \(VirglGLInfo.driverVersion)"
    }

    /// `GL_SHADING_LANGUAGE_VERSION` of an ES context ("OpenGL ES GLSL ES N.M0").
    var esShadingLanguageVersionString: String {
        switch reportedESVersion {
        case (2, _): return "OpenGL ES GLSL ES 1.00"
        case (let major, let minor): return "OpenGL ES GLSL ES \(major).\(minor)0"
        }
    }

    /// The OpenGL ES extensions an ES context lists: ES names of features the desktop side implements, each
    /// command of which resolves through getProcAddress (the registry's aliases of core commands, or
    /// `ESEntryPoints`).
    var esExtensions: [String] {
        _ = host
        var list = [
            "GL_EXT_color_buffer_float", "GL_EXT_texture_rg", "GL_KHR_debug", "GL_OES_depth24", "GL_OES_depth_texture", "GL_OES_element_index_uint",
            "GL_OES_packed_depth_stencil", "GL_OES_rgb8_rgba8", "GL_OES_standard_derivatives", "GL_OES_vertex_array_object",
            "GL_EXT_draw_elements_base_vertex", "GL_OES_draw_elements_base_vertex", "GL_OES_mapbuffer",
        ] + framebufferFetchExtensions + esLegacyExtensions  // GLContext+LegacyExtensions.swift
        guard reportedESVersion >= (3, 1) else { return list }
        // Geometry shaders and the interface blocks they need (GLSL ES 3.10 with GL_OES_geometry_shader is
        // compiled by glslang and drawn as the desktop GL 4.3 geometry stage).
        list += ["GL_EXT_geometry_shader", "GL_OES_geometry_shader", "GL_EXT_shader_io_blocks", "GL_OES_shader_io_blocks",
                 "GL_EXT_copy_image", "GL_OES_copy_image", "GL_EXT_texture_buffer", "GL_OES_texture_buffer",
                 "GL_OES_texture_storage_multisample_2d_array"]
        if supportsViewportArrays { list.append("GL_OES_viewport_array") }
        return list
    }

    /// Extensions as this context lists them: ES names in an ES context, desktop names otherwise.
    var contextExtensions: [String] { isES ? esExtensions : extensions }
}

/// How an ES context's shaders reach the compiler: `GLShaderCache` passes every source of a compile or link made
/// while an ES context is current through here (glCompileShader and glLinkProgram run on the current context).
extension GLContext {
    /// The source glslang compiles: a shader of an ES context without a `#version` line is GLSL ES 1.00 (ES 2.0
    /// §2.10: a source without `#version` is version 100), where a desktop one would be GLSL 1.10.
    static func esSource(_ source: String) -> String {
        hasVersionDirective(source) ? source : "#version 100\n" + source
    }

    /// True when `source` has a `#version` directive (the first directive a shader may have; comments and blank
    /// lines may come before it).
    static func hasVersionDirective(_ source: String) -> Bool {
        source.split(whereSeparator: \.isNewline).contains { line in
            let t = line.drop { $0 == " " || $0 == "\t" }
            guard t.first == "#" else { return false }
            return t.dropFirst().drop { $0 == " " || $0 == "\t" }.hasPrefix("version")
        }
    }

    /// Why this ES context cannot compile `source` (as `esSource` gives it), or nil: an ES context compiles GLSL
    /// ES 1.00, 3.00 and 3.10 (as far as its ES version goes), never desktop GLSL (ES 3.1 §7.1: a version the
    /// context does not support fails to compile).
    func esVersionError(_ source: String) -> String? {
        let (version, line) = GLSLVersionLowering.declaredVersion(source)
        guard let line else { return nil }
        let words = source.split(separator: "\n", omittingEmptySubsequences: false)[line]
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        let es = words.count >= 3 && words[2] == "es"
        let v = reportedESVersion
        let highest = v.major >= 3 ? v.major * 100 + v.minor * 10 : 100
        if version == 100 && words.count == 2 { return nil }
        if es && [300, 310].contains(version) && version <= highest { return nil }
        return "ERROR: 0:\(line + 1): '#version' : \(words.dropFirst().joined(separator: " ")) is not a GLSL ES version this OpenGL ES \(v.major).\(v.minor) context compiles\n"
    }

    /// An ES program's stages (ES 3.2 §7.3): OpenGL ES has no fixed-function stages, so a program that is not
    /// separable and lacks a vertex or fragment shader — which a compatibility context would fill with
    /// fixed-function stand-ins — fails to link.
    func esMissingStageError(vertexUnits: [String], fragmentUnits: [String]) -> ShaderError? {
        guard vertexUnits == [GLProgram.fixedFunctionVertexShader] || fragmentUnits == [GLProgram.fixedFunctionFragmentShader] else { return nil }
        return ShaderError("error: an OpenGL ES program needs a vertex and a fragment shader")
    }
}
