import GLCore

/// GL_EXT_shader_framebuffer_fetch and GL_EXT_shader_framebuffer_fetch_non_coherent: fragment shaders read the
/// colour buffers they write (`inout` outputs, GLSL ES 1.00's `gl_LastFragData`). The shader compiler turns those
/// reads into TGSI FBFETCH (ShaderCompiler's GLSLFramebufferFetch), which virglrenderer writes as host GLSL with
/// the host's EXT_shader_framebuffer_fetch: listed when the host's caps have VIRGL_CAP_TGSI_FBFETCH, in desktop
/// and ES contexts alike (both extensions name OpenGL ES 2.0 and OpenGL 2.0 as their base).
extension GLContext {
    /// The framebuffer-fetch extensions the host allows.
    var framebufferFetchExtensions: [String] {
        hostFramebufferFetch ? ["GL_EXT_shader_framebuffer_fetch", "GL_EXT_shader_framebuffer_fetch_non_coherent"] : []
    }

    /// glFramebufferFetchBarrierEXT: what was drawn before it is what non-coherent fetches read after it. The
    /// host's fetches are coherent; the barrier still reaches it as a texture barrier on the framebuffer
    /// (PIPE_TEXTURE_BARRIER_FRAMEBUFFER, 1 << 1), which virglrenderer turns into the host's own barrier where
    /// it has one.
    func framebufferFetchBarrier() {
        guard hostFramebufferFetch else { return }
        commands.encodeTextureBarrier(flags: 1 << 1)
    }
}

extension GLDispatch {
    func installFramebufferFetch() {
        glFramebufferFetchBarrierEXT = { c in c.framebufferFetchBarrier() }
    }
}

extension GLState {
    /// GL_FRAGMENT_SHADER_DISCARDS_SAMPLES_EXT: false — a fragment that a framebuffer-fetching shader discards
    /// leaves its samples as they were; the host does not write the fetched colour back for it.
    func fragmentShaderDiscardsSamples() -> GLQueryValue { .bools([false]) }
}
