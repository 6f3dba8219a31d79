import GLCore

/// glClampColor (GL 3.0 / ARB_color_buffer_float): GL_CLAMP_READ_COLOR in both profiles, GL_CLAMP_VERTEX_COLOR and
/// GL_CLAMP_FRAGMENT_COLOR in the compatibility profile. Vertex colour clamping is done in the shaders: the lowered
/// colour outputs are clamped under the uniform `virglgl_ClampVertexColor` (ShaderCompiler's
/// GLSLVertexColorClamp), which draws set from this state.
extension GLContext {
    /// glClampColor: GL_INVALID_ENUM for a target the profile lacks or a value other than TRUE/FALSE/FIXED_ONLY.
    func clampColor(_ target: GLenum, _ clamp: GLenum) {
        let targets: Set<GLenum> = isCoreProfile
            ? [GL_CLAMP_READ_COLOR] : [GL_CLAMP_READ_COLOR, GL_CLAMP_VERTEX_COLOR, GL_CLAMP_FRAGMENT_COLOR]
        guard targets.contains(target) else { return recordError(GL_INVALID_ENUM, .glClampColor, "target \(GLEnumNames.describe(target))") }
        guard [GLenum(GL_TRUE), GLenum(GL_FALSE), GL_FIXED_ONLY].contains(clamp) else {
            return recordError(GL_INVALID_ENUM, .glClampColor, "clamp \(GLEnumNames.describe(clamp))")
        }
        compat.clampColor[target] = clamp
    }

    /// glGet of the three clamp states (the compatibility profile's two only there).
    func colorClampQueryValue(_ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_CLAMP_READ_COLOR: return .enums([compat.clampColor[pname] ?? GL_FIXED_ONLY])
        case GL_CLAMP_VERTEX_COLOR, GL_CLAMP_FRAGMENT_COLOR where !isCoreProfile: return .enums([compat.clampColor[pname] ?? GL_FIXED_ONLY])
        default: return nil
        }
    }

    /// Whether a clamp state clamps now: GL_FIXED_ONLY clamps unless the draw framebuffer has a floating-point
    /// colour buffer (GL 4.6 compatibility §18.2.8 / §15.2.3).
    func clampsColor(_ target: GLenum) -> Bool {
        switch compat.clampColor[target] ?? GL_FIXED_ONLY {
        case GLenum(GL_TRUE): return true
        case GLenum(GL_FALSE): return false
        default: return clampsColorByFormat
        }
    }

    /// False when the draw framebuffer has a floating-point colour buffer (GL_FIXED_ONLY's rule; the opposite of
    /// GL_RGBA_FLOAT_MODE_ARB).
    var clampsColorByFormat: Bool {
        guard let fb = drawFramebuffer else { return true }
        return !fb.colors.contains { a in
            guard let f = a?.format else { return false }
            return [GL_FLOAT, GL_HALF_FLOAT, GL_UNSIGNED_INT_10F_11F_11F_REV].contains(f.clientType)
        }
    }

    /// Sets `p`'s lowered clamp uniform when its value changed since it was last written.
    func updateVertexColorClamp(_ p: GLProgram) {
        guard p.hasLinkedProgram, let location = p.clampVertexColorLocation else { return }
        let clamp = clampsColor(GL_CLAMP_VERTEX_COLOR)
        guard p.clampVertexColorWritten != clamp else { return }
        p.clampVertexColorWritten = clamp
        setUniform(.glUniform1i, GLint(location), 1, .int, clamp ? 1 : 0)
    }
}

extension GLDispatch {
    func installColorClamp() {
        glClampColor = { c, target, clamp in c.clampColor(target, clamp) }
    }
}
