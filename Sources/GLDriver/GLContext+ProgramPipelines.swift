import GLCore
import ShaderCompiler
import VirglProtocol

/// Separate shader objects (GL 4.1, ARB_separate_shader_objects; GL 4.6 §7.3–7.4): separable programs,
/// program pipelines, glProgramUniform*, and the draw path that takes each stage from its own program.
extension GLContext {
    // MARK: Separable programs

    func programParameteri(_ name: GLuint, _ pname: GLenum, _ value: GLint) {
        guard let p = program(.glProgramParameteri, name) else { return }
        // GL_PROGRAM_BINARY_RETRIEVABLE_HINT: GLContext+ProgramBinary.swift (taken by the next link).
        if programBinaryRetrievableHint(p, pname, value) { return }
        guard pname == GL_PROGRAM_SEPARABLE else {
            return recordError(GL_INVALID_ENUM, .glProgramParameteri, GLEnumNames.describe(pname))
        }
        guard value == 0 || value == 1 else { return recordError(GL_INVALID_VALUE, .glProgramParameteri, "value \(value) is not GL_TRUE or GL_FALSE") }
        p.separable = value != 0
    }

    /// glCreateShaderProgramv (GL 4.6 §7.3): a shader compiled from `strings`, linked alone into a new separable
    /// program whose log ends with the shader's; the shader itself is deleted.
    func createShaderProgram(_ type: GLenum, _ count: GLsizei, _ strings: UnsafePointer<UnsafePointer<GLchar>?>?) -> GLuint {
        guard count >= 0 else {
            recordError(GL_INVALID_VALUE, .glCreateShaderProgramv, "count < 0")
            return 0
        }
        let shaderName = createShader(type)
        guard shaderName != 0, let s = shaders[shaderName] else { return 0 }
        defer {
            shaders[shaderName] = nil
            programs.delete(shaderName)
        }
        s.source = (0..<Int(count)).compactMap { strings?[$0].map { String(cString: $0) } }.joined()
        GLDispatch.table.glCompileShader?(self, shaderName)
        let name = programs.generate(1)[0]
        guard let p = programs.object(name, make: { GLProgram(name: name) }) else { return 0 }
        p.separable = true
        if s.compiled {
            p.shaders = [s]
            linkProgram(p)
            p.shaders = []
        }
        p.log += s.log
        return name
    }

    // MARK: Pipeline objects

    /// The pipeline object named `name`, made on first use of a generated name; nil (GL_INVALID_OPERATION) for a
    /// name glGenProgramPipelines never gave.
    func pipeline(_ command: GLCommand, _ name: GLuint) -> GLProgramPipeline? {
        if let p = programPipelines.object(name, make: { GLProgramPipeline(name: name) }) { return p }
        recordError(GL_INVALID_OPERATION, command, "\(name) is not a program pipeline")
        return nil
    }

    func bindProgramPipeline(_ name: GLuint) {
        guard !transformFeedback.active else { return recordError(GL_INVALID_OPERATION, .glBindProgramPipeline, "transform feedback is active") }
        guard name != 0 else {
            boundPipeline = nil
            return
        }
        guard let p = pipeline(.glBindProgramPipeline, name) else { return }
        if boundPipeline !== p { state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers]) }
        boundPipeline = p
        if currentProgram == nil { resetSubroutineSelections() }
    }

    func deleteProgramPipelines(_ n: GLsizei, _ names: UnsafePointer<GLuint>?) {
        for name in namesToDelete(.glDeleteProgramPipelines, n, names) {
            if let p = programPipelines[name], p === boundPipeline { boundPipeline = nil }
            programPipelines.delete(name)
        }
    }

    func useProgramStages(_ pipelineName: GLuint, _ stageBits: GLbitfield, _ programName: GLuint) {
        let command = GLCommand.glUseProgramStages
        let known = GLProgramPipeline.stageOrder.reduce(GLbitfield(0)) { $0 | GLbitfield($1.bit) } | GLbitfield(GL_COMPUTE_SHADER_BIT)
        guard stageBits == GLbitfield(GL_ALL_SHADER_BITS) || stageBits & ~known == 0 else {
            return recordError(GL_INVALID_VALUE, command, "stages 0x\(String(stageBits, radix: 16))")
        }
        guard let pipe = pipeline(command, pipelineName) else { return }
        guard !(transformFeedback.active && pipe === boundPipeline) else {
            return recordError(GL_INVALID_OPERATION, command, "transform feedback is active")
        }
        var program: GLProgram?
        if programName != 0 {
            guard let p = self.program(command, programName) else { return }
            guard p.linked, p.linkedSeparable else {
                return recordError(GL_INVALID_OPERATION, command, "program \(programName) is not a linked separable program")
            }
            program = p
        }
        for s in GLProgramPipeline.stageOrder where stageBits & GLbitfield(s.bit) != 0 {
            // A program without the stage leaves it with none (§7.4).
            pipe.stages[s.stage] = program.flatMap { $0.linkedStages.contains(s.stage) ? $0 : nil }
        }
        // The compute stage (GLContext+Compute.swift): not part of drawing.
        if stageBits & GLbitfield(GL_COMPUTE_SHADER_BIT) != 0 {
            pipe.stages[.compute] = program.flatMap { $0.linkedStages.contains(.compute) ? $0 : nil }
        }
        if pipe === boundPipeline {
            state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
            if currentProgram == nil { resetSubroutineSelections() }
        }
    }

    func activeShaderProgram(_ pipelineName: GLuint, _ programName: GLuint) {
        let command = GLCommand.glActiveShaderProgram
        var program: GLProgram?
        if programName != 0 {
            guard let p = self.program(command, programName) else { return }
            guard p.linked else { return recordError(GL_INVALID_OPERATION, command, "program \(programName) is not linked") }
            program = p
        }
        guard let pipe = pipeline(command, pipelineName) else { return }
        pipe.activeProgram = program
    }

    func validateProgramPipeline(_ name: GLuint) {
        guard let pipe = pipeline(.glValidateProgramPipeline, name) else { return }
        let error = pipe.validationError()
        pipe.validated = error == nil
        pipe.log = error.map { "error: \($0)\n" } ?? ""
    }

    func programPipelineiv(_ name: GLuint, _ pname: GLenum, _ out: UnsafeMutablePointer<GLint>?) {
        let command = GLCommand.glGetProgramPipelineiv
        guard let pipe = pipeline(command, name) else { return }
        let v: GLint
        switch pname {
        case GL_ACTIVE_PROGRAM: v = GLint(pipe.activeProgram?.name ?? 0)
        case GL_VALIDATE_STATUS: v = pipe.validated ? 1 : 0
        case GL_INFO_LOG_LENGTH: v = pipe.log.isEmpty ? 0 : GLint(pipe.log.utf8.count + 1)
        case GL_COMPUTE_SHADER where supportsCompute: v = GLint(pipe.stages[.compute]?.name ?? 0)
        default:
            guard let s = GLProgramPipeline.stageOrder.first(where: { $0.pname == pname }),
                  supportsTessellation || (s.stage != .tessControl && s.stage != .tessEvaluation) else {
                return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            }
            v = GLint(pipe.stages[s.stage]?.name ?? 0)
        }
        out?.pointee = v
    }

    /// Runs a glUniform* body on program `name` (glProgramUniform*): `uniformProgram` is what it writes.
    func withUniformProgram(_ command: GLCommand, _ name: GLuint, _ body: () -> Void) {
        guard let p = program(command, name) else { return }
        guard p.linked else { return recordError(GL_INVALID_OPERATION, command, "program \(name) is not linked") }
        uniformProgram = p
        defer { uniformProgram = nil }
        body()
    }

    // MARK: Drawing with a pipeline

    /// The program supplying `stage` at a draw: the program in use, or else the bound pipeline's.
    func stageProgram(_ stage: ShaderStage) -> GLProgram? {
        if let p = currentProgram { return p }
        return boundPipeline?.stages[stage]
    }

    /// The stages of the bound pipeline for a draw; nil when it cannot draw (GL_INVALID_OPERATION recorded for an
    /// invalid pipeline; nothing recorded without a vertex stage, whose vertex processing is undefined).
    func pipelineStages(_ pipe: GLProgramPipeline, _ command: GLCommand) -> GLStagePrograms? {
        if let e = pipe.validationError() {
            recordError(GL_INVALID_OPERATION, command, "program pipeline \(pipe.name): \(e)")
            return nil
        }
        guard let vertex = pipe.stages[.vertex] else { return nil }
        return GLStagePrograms(
            vertex: vertex, tessControl: pipe.stages[.tessControl], tessEvaluation: pipe.stages[.tessEvaluation],
            geometry: pipe.stages[.geometry], fragment: pipe.stages[.fragment])
    }

    /// Binds each stage's shader from its program. A pipeline without a fragment program draws with the vertex
    /// program's stand-in fragment shader (it writes nothing).
    func emitPipelineShaders(_ s: GLStagePrograms) {
        commands.encodeBindShader(handle: s.vertex.vertexHandle, shaderType: VirglShaderStage.vertex.rawValue)
        commands.encodeBindShader(handle: (s.fragment ?? s.vertex).fragmentHandle, shaderType: VirglShaderStage.fragment.rawValue)
        let geometry = s.geometry?.geometryHandle ?? 0
        if geometry != 0 || emitted.geometryBound {
            commands.encodeBindShader(handle: geometry, shaderType: VirglShaderStage.geometry.rawValue)
            emitted.geometryBound = geometry != 0
        }
        let control = s.tessControl?.tessControlHandle ?? 0, evaluation = s.tessEvaluation?.tessEvaluationHandle ?? 0
        if evaluation != 0 || emitted.tessellationBound {
            commands.encodeBindShader(handle: control, shaderType: VirglShaderStage.tessCtrl.rawValue)
            commands.encodeBindShader(handle: evaluation, shaderType: VirglShaderStage.tessEval.rawValue)
            emitted.tessellationBound = evaluation != 0
        }
        // The next draw with a program in use binds its shaders again.
        emitted.program = nil
    }

    /// Each stage's constant buffer 0 and uniform blocks, from its own program.
    func emitPipelineConstants(_ s: GLStagePrograms) {
        if s.geometry != nil || s.tessEvaluation != nil { compat.drawPrimitiveIDShift = 0 }  // GLContext+PrimitiveID
        for p in s.programs {
            if p.usesFixedFunctionMatrices { updateFixedFunctionUniforms(p) }
            if p.usesSubroutines { updateSubroutineUniforms(p) }
        }
        for (stage, p) in s.all where p.hasLinkedProgram {
            guard let virglStage = VirglShaderStage(rawValue: UInt32(stage.rawValue)) else { continue }
            p.constants.withUnsafeBufferPointer { _ = commands.encodeSetConstantBuffer(stage: virglStage, index: 0, words: $0) }
            guard p.hasUniformBlocks, let linked = p.linkedProgram else { continue }
            for (shaderStage, shader) in linked.stages where shaderStage == stage {
                for (k, block) in shader.blocks.enumerated() {
                    let binding = GLuint(p.blockBindings[block.name] ?? block.binding)
                    guard let b = uniformBufferBindings[binding], let r = b.buffer.resource else { continue }
                    let length = b.size > 0 ? b.size : b.buffer.size - b.offset
                    commands.encodeSetUniformBuffer(
                        shaderType: virglStage.rawValue, index: UInt32(k + 1), offset: UInt32(b.offset), length: UInt32(length), resHandle: r.id)
                }
            }
        }
        emitted.constantsProgram = nil
    }

    /// Each stage's samplers from its own program.
    func emitPipelineSamplers(_ s: GLStagePrograms, _ command: GLCommand) -> Bool {
        let programs = Dictionary(uniqueKeysWithValues: s.all.map { ($0.stage, $0.program) })
        for (stage, virglStage) in [
            (ShaderStage.vertex, VirglShaderStage.vertex), (.geometry, .geometry), (.fragment, .fragment), (.tessControl, .tessCtrl),
            (.tessEvaluation, .tessEval),
        ] {
            let p = programs[stage]
            let list = p.map { GLContext.samplers($0, stage) } ?? []
            guard !list.isEmpty || !(emitted.samplerViews[virglStage.rawValue]?.isEmpty ?? true) else { continue }
            guard emitSamplers(virglStage, list, p?.depthModeSamplers[virglStage.rawValue] ?? [], command) else { return false }
        }
        return true
    }

    /// The sampler slots of one stage of `p`.
    static func samplers(_ p: GLProgram, _ stage: ShaderStage) -> [(unit: Int, target: GLenum)] {
        switch stage {
        case .vertex: return p.vertexSamplers
        case .fragment: return p.fragmentSamplers
        case .geometry: return p.geometrySamplers
        case .tessControl: return p.tessControlSamplers
        case .tessEvaluation: return p.tessEvaluationSamplers
        case .compute: return p.compute?.samplers ?? []
        }
    }
}

extension GLDispatch {
    func installProgramPipelines() {
        glProgramParameteri = { $0.programParameteri($1, $2, $3) }
        glCreateShaderProgramv = { $0.createShaderProgram($1, $2, $3) }
        glGenProgramPipelines = { c, n, out in _ = c.generateNames(.glGenProgramPipelines, n, out, &c.programPipelines) }
        glCreateProgramPipelines = { c, n, out in
            for name in c.generateNames(.glCreateProgramPipelines, n, out, &c.programPipelines) {
                _ = c.programPipelines.object(name) { GLProgramPipeline(name: name) }
            }
        }
        glDeleteProgramPipelines = { $0.deleteProgramPipelines($1, $2) }
        glIsProgramPipeline = { c, name in c.programPipelines[name] != nil ? 1 : 0 }
        glBindProgramPipeline = { $0.bindProgramPipeline($1) }
        glUseProgramStages = { $0.useProgramStages($1, $2, $3) }
        glActiveShaderProgram = { $0.activeShaderProgram($1, $2) }
        glValidateProgramPipeline = { $0.validateProgramPipeline($1) }
        glGetProgramPipelineiv = { $0.programPipelineiv($1, $2, $3) }
        glGetProgramPipelineInfoLog = { c, name, size, length, log in
            guard let p = c.pipeline(.glGetProgramPipelineInfoLog, name) else { return }
            c.copyString(.glGetProgramPipelineInfoLog, p.log, size, length, log)
        }
        installProgramUniforms()
    }
}

extension GLContext {
    /// The program whose last vertex-processing stage draws (it carries transform feedback): the program in use,
    /// or the bound pipeline's geometry, tessellation evaluation or vertex program.
    var lastVertexProcessingProgram: GLProgram? {
        if let p = currentProgram { return p }
        guard let pipe = boundPipeline else { return nil }
        return pipe.stages[.geometry] ?? pipe.stages[.tessEvaluation] ?? pipe.stages[.vertex]
    }
}
