import GLCore
import ShaderCompiler
import VirglProtocol

/// Tessellation (GL 4.0, ARB_tessellation_shader): patch draws, glPatchParameter and the program queries. The
/// stages themselves are compiled like the others (ProgramCompiler, TGSITranslator+Tessellation) and bound
/// beside them (emitShaders, emitSamplers, emitConstants).
extension GLContext {
    /// Whether the host runs tessellation shaders: virglrenderer writes them as GLSL 4.00 stages, so its
    /// renderer needs GL 4.0.
    var supportsTessellation: Bool {
        _ = host  // the host's version is read when it connects
        guard let v = hostGLVersion else { return false }
        return (v.major, v.minor) >= (4, 0)
    }

    /// GL 4.6 §10.5: GL_PATCHES draws need a program with a tessellation stage, and such a program draws only
    /// patches (GL_INVALID_OPERATION recorded otherwise). A control stage without an evaluation stage makes no
    /// primitives (§11.2): the draw is valid and draws nothing. True when the draw goes to the host.
    func checkTessellationDraw(_ command: GLCommand, _ prim: VirglPrimitive) -> Bool {
        // The common draw: no patches, a program in use that does not tessellate.
        if prim != .patches, let p = currentProgram, p.tessControlHandle == 0, p.tessEvaluationHandle == 0 { return true }
        let control = (stageProgram(.tessControl)?.tessControlHandle ?? 0) != 0
        let evaluation = (stageProgram(.tessEvaluation)?.tessEvaluationHandle ?? 0) != 0
        guard (prim == .patches) == (control || evaluation) else {
            recordError(
                GL_INVALID_OPERATION, command,
                prim == .patches ? "GL_PATCHES needs a tessellation shader" : "the program tessellates: it draws only GL_PATCHES")
            return false
        }
        return evaluation || !control
    }

    /// Before the first patch draw: the default levels, as the host's start at zero and GL's at one (they apply
    /// without a control stage).
    func emitDefaultTessLevelsOnce() {
        guard !emitted.tessStateSent else { return }
        commands.encodeSetTessState(outer: state.patchDefaultOuterLevel, inner: state.patchDefaultInnerLevel)
        emitted.tessStateSent = true
    }

    /// A draw of patches: DRAW_VBO in its tessellation form, with GL_PATCH_VERTICES.
    func encodePatchDraw(start: UInt32, count: UInt32, indexed: Bool, instances: GLsizei, indexBias: GLint, startInstance: GLuint) {
        emitDefaultTessLevelsOnce()
        commands.encodeDrawVBO(
            start: start, count: count, mode: VirglPrimitive.patches.rawValue, indexed: indexed ? 1 : 0, instanceCount: UInt32(instances),
            indexBias: indexBias, startInstance: startInstance, primitiveRestart: 0, restartIndex: 0, minIndex: 0,
            maxIndex: indexed ? 0xFFFF_FFFF : start + count - 1, countFromSO: 0, verticesPerPatch: UInt32(state.patchVertices), drawID: 0)
    }

    func patchParameteri(_ pname: GLenum, _ value: GLint) {
        guard supportsTessellation, pname == GL_PATCH_VERTICES else {
            return recordError(GL_INVALID_ENUM, .glPatchParameteri, GLEnumNames.describe(pname))
        }
        guard value > 0, value <= state.limits.maxPatchVertices else {
            return recordError(GL_INVALID_VALUE, .glPatchParameteri, "\(value) vertices per patch (1 to GL_MAX_PATCH_VERTICES, \(state.limits.maxPatchVertices))")
        }
        state.patchVertices = value
    }

    /// The default levels apply to programs without a control stage: sent to the host as they change.
    func patchParameterfv(_ pname: GLenum, _ values: UnsafePointer<GLfloat>?) {
        guard supportsTessellation, pname == GL_PATCH_DEFAULT_OUTER_LEVEL || pname == GL_PATCH_DEFAULT_INNER_LEVEL else {
            return recordError(GL_INVALID_ENUM, .glPatchParameterfv, GLEnumNames.describe(pname))
        }
        guard let values else { return recordError(GL_INVALID_VALUE, .glPatchParameterfv, "no values") }
        if pname == GL_PATCH_DEFAULT_OUTER_LEVEL {
            state.patchDefaultOuterLevel = (0..<4).map { values[$0] }
        } else {
            state.patchDefaultInnerLevel = (0..<2).map { values[$0] }
        }
        commands.encodeSetTessState(outer: state.patchDefaultOuterLevel, inner: state.patchDefaultInnerLevel)
        emitted.tessStateSent = true
    }

    /// glGetProgramiv's tessellation layout queries; nil (GL_INVALID_OPERATION recorded) when the program does not
    /// have the stage that declares it.
    func tessellationParameter(_ p: GLProgram, _ pname: GLenum) -> GLint? {
        guard p.linked, let layout = p.linkedProgram?.tessellation,
              pname != GL_TESS_CONTROL_OUTPUT_VERTICES || p.linkedProgram?.tessControl != nil else {
            recordError(GL_INVALID_OPERATION, .glGetProgramiv, "program \(p.name) has no such tessellation stage")
            return nil
        }
        switch pname {
        case GL_TESS_CONTROL_OUTPUT_VERTICES: return GLint(layout.outputVertices)
        case GL_TESS_GEN_MODE: return GLint(layout.mode)
        case GL_TESS_GEN_SPACING: return GLint(layout.spacing)
        case GL_TESS_GEN_VERTEX_ORDER: return GLint(layout.vertexOrder)
        default: return layout.pointMode ? 1 : 0
        }
    }
}

extension GLDispatch {
    func installTessellation() {
        glPatchParameteri = { $0.patchParameteri($1, $2) }
        glPatchParameterfv = { $0.patchParameterfv($1, $2) }
    }
}
