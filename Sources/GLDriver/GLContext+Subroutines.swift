import GLCore
import ShaderCompiler

/// Shader subroutines (GL 4.0, ARB_shader_subroutine; GL 4.6 §7.9). The compiler lowers each subroutine uniform to
/// an int uniform holding a subroutine index (GLSLSubroutineLowering); the context keeps, per stage, the index
/// glUniformSubroutinesuiv loaded into each subroutine uniform location, and writes them into the current
/// program's int uniforms before a draw. glUseProgram and a relink of the current program reset them to the
/// defaults (each uniform's first compatible subroutine).
extension GLContext {
    /// The stage of a shader type enum (nil for GL_COMPUTE_SHADER and others VirglGL has no stage for).
    static func subroutineStage(_ shadertype: GLenum) -> ShaderStage? {
        switch shadertype {
        case GL_VERTEX_SHADER: return .vertex
        case GL_FRAGMENT_SHADER: return .fragment
        case GL_GEOMETRY_SHADER: return .geometry
        case GL_TESS_CONTROL_SHADER: return .tessControl
        case GL_TESS_EVALUATION_SHADER: return .tessEvaluation
        default: return nil
        }
    }

    /// Whether a linked program has a stage.
    static func hasStage(_ linked: LinkedProgram, _ stage: ShaderStage) -> Bool {
        linked.stages.contains { $0.stage == stage }
    }

    /// The subroutines of `stage` in a program for the queries: nil (error recorded) when the name is not a
    /// program, or (GL_INVALID_OPERATION, as Mesa does) when it is not linked or has no such stage, unless
    /// `lenient` (glGetProgramStageiv, which the spec lets answer 0 there); an empty stage when the stage has no
    /// subroutines.
    func subroutineQuery(_ command: GLCommand, _ program: GLuint, _ shadertype: GLenum, lenient: Bool = false) -> SubroutineStage? {
        guard let p = self.program(command, program) else { return nil }
        guard p.linked, let linked = p.linkedProgram, let stage = GLContext.subroutineStage(shadertype), GLContext.hasStage(linked, stage) else {
            if lenient { return .empty }
            recordError(GL_INVALID_OPERATION, command, "program \(program) has no linked \(GLEnumNames.describe(shadertype))")
            return nil
        }
        return linked.subroutines[stage] ?? .empty
    }

    /// Every stage's subroutine uniforms back to their defaults (glUseProgram, relink).
    /// (With a pipeline bound and no program in use, each stage's from the stage's program: glUseProgramStages and
    /// glBindProgramPipeline reset them too.)
    func resetSubroutineSelections() {
        subroutineSelections = [:]
        for stage in [ShaderStage.vertex, .tessControl, .tessEvaluation, .geometry, .fragment] {
            guard let p = stageProgram(stage), let s = p.linkedProgram?.subroutines[stage] else { continue }
            var values = [GLuint](repeating: 0, count: s.locationCount)
            for u in s.uniforms {
                for e in 0..<u.size { values[u.location + e] = GLuint(u.compatible.first ?? 0) }
            }
            subroutineSelections[stage.rawValue] = values
            p.subroutinesWritten = nil
        }
    }

    /// Writes the selected subroutine indices into the program's lowered int uniforms when they changed.
    func updateSubroutineUniforms(_ p: GLProgram) {
        guard p.subroutinesWritten != subroutineSelections, let linked = p.linkedProgram else { return }
        p.subroutinesWritten = subroutineSelections
        for (stage, s) in linked.subroutines {
            guard let values = subroutineSelections[stage.rawValue] else { continue }
            for u in s.uniforms {
                for (e, slot) in u.slots.enumerated() where u.location + e < values.count && slot * 4 < p.constants.count {
                    p.constants[slot * 4] = values[u.location + e]
                }
            }
        }
        p.constantsDirty = true
    }

    /// glUniformSubroutinesuiv: `indices[i]` into subroutine uniform location i of the current program's stage.
    func uniformSubroutines(_ shadertype: GLenum, _ count: GLsizei, _ indices: UnsafePointer<GLuint>?) {
        let command = GLCommand.glUniformSubroutinesuiv
        guard let stage = GLContext.subroutineStage(shadertype), let p = stageProgram(stage), let linked = p.linkedProgram,
              GLContext.hasStage(linked, stage) else {
            return recordError(GL_INVALID_OPERATION, command, "no program is active for \(GLEnumNames.describe(shadertype))")
        }
        let s = linked.subroutines[stage] ?? SubroutineStage.empty
        guard Int(count) == s.locationCount else {
            return recordError(GL_INVALID_VALUE, command, "count \(count), but the stage has \(s.locationCount) subroutine uniform locations")
        }
        guard count > 0, let indices else { return }
        var values = subroutineSelections[stage.rawValue] ?? [GLuint](repeating: 0, count: s.locationCount)
        for location in 0..<Int(count) {
            // Locations no uniform uses are ignored.
            guard let (u, _) = s.uniform(at: location) else { continue }
            let index = indices[location]
            guard Int(index) < GLSLSubroutineLowering.maxSubroutines, s.function(Int(index)) != nil else {
                return recordError(GL_INVALID_VALUE, command, "\(index) is not a subroutine index of the stage")
            }
            guard u.compatible.contains(Int(index)) else {
                return recordError(GL_INVALID_OPERATION, command, "subroutine \(index) is not compatible with \(u.baseName)")
            }
            values[location] = index
        }
        subroutineSelections[stage.rawValue] = values
    }

    /// glGetUniformSubroutineuiv: the subroutine index loaded into a location of the current program's stage.
    func uniformSubroutine(_ shadertype: GLenum, _ location: GLint, _ out: UnsafeMutablePointer<GLuint>?) {
        let command = GLCommand.glGetUniformSubroutineuiv
        guard let stage = GLContext.subroutineStage(shadertype), let p = stageProgram(stage), let linked = p.linkedProgram,
              GLContext.hasStage(linked, stage) else {
            return recordError(GL_INVALID_OPERATION, command, "no program is active for \(GLEnumNames.describe(shadertype))")
        }
        let values = subroutineSelections[stage.rawValue] ?? []
        guard location >= 0, Int(location) < values.count else {
            return recordError(GL_INVALID_VALUE, command, "location \(location)")
        }
        out?.pointee = values[Int(location)]
    }

    /// The location of `name` (`u`, `u[k]`, `u[i][j]`) among a stage's subroutine uniforms, or -1.
    static func subroutineUniformLocation(_ s: SubroutineStage, _ name: String) -> GLint {
        var base = Substring(name), subscripts: [Int] = []
        while base.hasSuffix("]"), let open = base.lastIndex(of: "["),
              let k = Int(base[base.index(after: open)..<base.index(before: base.endIndex)]), k >= 0 {
            subscripts.insert(k, at: 0)
            base = base[..<open]
        }
        guard let u = s.uniforms.first(where: { $0.baseName == base }) else { return -1 }
        guard !subscripts.isEmpty else { return GLint(u.location) }
        // Element (i, j, …) of an array (of arrays), row-major.
        guard subscripts.count == u.dimensions.count, zip(subscripts, u.dimensions).allSatisfy({ $0 < $1 }) else { return -1 }
        let element = zip(subscripts, u.dimensions).reduce(0) { $0 * $1.1 + $1.0 }
        return GLint(u.location + element)
    }
}

extension GLDispatch {
    func installSubroutines() {
        glGetSubroutineIndex = { c, program, shadertype, cname in
            guard let s = c.subroutineQuery(.glGetSubroutineIndex, program, shadertype), let cname else { return GL_INVALID_INDEX }
            let name = String(cString: cname)
            return s.functions.first { $0.name == name }.map { GLuint($0.index) } ?? GL_INVALID_INDEX
        }
        glGetSubroutineUniformLocation = { c, program, shadertype, cname in
            guard let s = c.subroutineQuery(.glGetSubroutineUniformLocation, program, shadertype), let cname else { return -1 }
            return GLContext.subroutineUniformLocation(s, String(cString: cname))
        }
        glGetActiveSubroutineName = { c, program, shadertype, index, size, length, out in
            guard let s = c.subroutineQuery(.glGetActiveSubroutineName, program, shadertype) else { return }
            guard let f = s.function(Int(index)) else {
                return c.recordError(GL_INVALID_VALUE, .glGetActiveSubroutineName, "subroutine index \(index)")
            }
            c.copyString(.glGetActiveSubroutineName, f.name, size, length, out)
        }
        glGetActiveSubroutineUniformName = { c, program, shadertype, index, size, length, out in
            guard let s = c.subroutineQuery(.glGetActiveSubroutineUniformName, program, shadertype) else { return }
            guard Int(index) < s.uniforms.count else {
                return c.recordError(GL_INVALID_VALUE, .glGetActiveSubroutineUniformName, "subroutine uniform index \(index)")
            }
            c.copyString(.glGetActiveSubroutineUniformName, s.uniforms[Int(index)].name, size, length, out)
        }
        glGetActiveSubroutineUniformiv = { c, program, shadertype, index, pname, values in
            guard let s = c.subroutineQuery(.glGetActiveSubroutineUniformiv, program, shadertype) else { return }
            guard Int(index) < s.uniforms.count else {
                return c.recordError(GL_INVALID_VALUE, .glGetActiveSubroutineUniformiv, "subroutine uniform index \(index)")
            }
            let u = s.uniforms[Int(index)]
            switch pname {
            case GL_NUM_COMPATIBLE_SUBROUTINES: values?.pointee = GLint(u.compatible.count)
            case GL_COMPATIBLE_SUBROUTINES: for (k, i) in u.compatible.enumerated() { values?[k] = GLint(i) }
            case GL_UNIFORM_SIZE: values?.pointee = GLint(u.size)
            case GL_UNIFORM_NAME_LENGTH: values?.pointee = GLint(u.name.utf8.count + 1)
            default: c.recordError(GL_INVALID_ENUM, .glGetActiveSubroutineUniformiv, GLEnumNames.describe(pname))
            }
        }
        glGetProgramStageiv = { c, program, shadertype, pname, values in
            guard let s = c.subroutineQuery(.glGetProgramStageiv, program, shadertype, lenient: true) else { return }
            let v: Int
            switch pname {
            case GL_ACTIVE_SUBROUTINES: v = s.functions.count
            case GL_ACTIVE_SUBROUTINE_UNIFORMS: v = s.uniforms.count
            case GL_ACTIVE_SUBROUTINE_UNIFORM_LOCATIONS: v = s.locationCount
            case GL_ACTIVE_SUBROUTINE_MAX_LENGTH: v = s.functions.map { $0.name.utf8.count + 1 }.max() ?? 0
            case GL_ACTIVE_SUBROUTINE_UNIFORM_MAX_LENGTH: v = s.uniforms.map { $0.name.utf8.count + 1 }.max() ?? 0
            default: return c.recordError(GL_INVALID_ENUM, .glGetProgramStageiv, GLEnumNames.describe(pname))
            }
            values?.pointee = GLint(v)
        }
        glUniformSubroutinesuiv = { $0.uniformSubroutines($1, $2, $3) }
        glGetUniformSubroutineuiv = { $0.uniformSubroutine($1, $2, $3) }
    }
}
