/// Framebuffer fetch (GL_EXT_shader_framebuffer_fetch, `GLSLFramebufferFetch`): a fragment shader's global named
/// `virglgl_LastFrag_OUTPUT` is the colour the framebuffer holds under output `OUTPUT`. At main's start it is filled
/// with TGSI `FBFETCH TEMP, OUT[n]` for each register of that output; virglrenderer declares such an output
/// `inout` in its host GLSL (with the host's GL_EXT_shader_framebuffer_fetch) and reads it there.
extension TGSITranslator {
    /// True when the fragment shader reads the framebuffer.
    var usesFramebufferFetch: Bool {
        stage == .fragment && m.names.contains { varRegs[$0.key]?.file == "TEMP" && $0.value.hasPrefix(GLSLFramebufferFetch.prefix) }
    }

    /// The `FBFETCH` instructions that fill the framebuffer-colour globals, in a fixed order. An output that is not
    /// declared has no colour to read (gl_LastFragData of a shader that writes gl_FragColor reads that output's).
    func framebufferFetches() throws -> [String] {
        guard stage == .fragment else { return [] }
        var outputs: [String: Ptr] = [:]
        for (id, name) in m.names { if let p = varRegs[id], p.file == "OUT" { outputs[name] = p } }
        var code: [String] = []
        let globals = m.names.filter { varRegs[$0.key]?.file == "TEMP" && $0.value.hasPrefix(GLSLFramebufferFetch.prefix) }
            .sorted { $0.value < $1.value }
        for (id, name) in globals {
            guard let dst = varRegs[id] else { continue }
            let target = String(name.dropFirst(GLSLFramebufferFetch.prefix.count))
            guard let src = outputs[target] ?? (target == "gl_FragData" ? outputs["gl_FragColor"] : nil) else { continue }
            guard src.component == 0 else { throw ShaderError("framebuffer fetch of output \(target), which has a component qualifier") }
            for k in 0..<min(slots(dst.type), slots(src.type)) {
                code.append("FBFETCH TEMP[\(dst.slot + k)], OUT[\(src.slot + k)]")
            }
        }
        return code
    }
}
