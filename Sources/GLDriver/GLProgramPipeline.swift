import GLCore
import ShaderCompiler

/// A program pipeline object (GL 4.6 §7.4, ARB_separate_shader_objects): a separable program per stage, the
/// program glUniform* writes (glActiveShaderProgram), and the last validation's result.
final class GLProgramPipeline {
    /// The shader stages in pipeline order, with their glUseProgramStages bits and glGetProgramPipelineiv names.
    static let stageOrder: [(stage: ShaderStage, bit: GLenum, pname: GLenum)] = [
        (.vertex, GL_VERTEX_SHADER_BIT, GL_VERTEX_SHADER), (.tessControl, GL_TESS_CONTROL_SHADER_BIT, GL_TESS_CONTROL_SHADER),
        (.tessEvaluation, GL_TESS_EVALUATION_SHADER_BIT, GL_TESS_EVALUATION_SHADER), (.geometry, GL_GEOMETRY_SHADER_BIT, GL_GEOMETRY_SHADER),
        (.fragment, GL_FRAGMENT_SHADER_BIT, GL_FRAGMENT_SHADER),
    ]

    let name: GLuint
    /// The program of each stage (absent: none).
    var stages: [ShaderStage: GLProgram] = [:]
    var activeProgram: GLProgram?
    var validated = false
    var log = ""

    init(name: GLuint) { self.name = name }

    /// Why the pipeline cannot draw (GL 4.6 §11.1.3.11), or nil.
    func validationError() -> String? {
        for (stage, p) in stages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard p.linked, p.linkedSeparable else {
                return "program \(p.name) of the \(stage) stage is not a linked separable program"
            }
            if let missing = p.linkedStages.first(where: { stages[$0] !== p }) {
                return "program \(p.name) is active for some but not all of its stages (not for its \(missing) stage)"
            }
        }
        let order = Self.stageOrder.map(\.stage)
        for p in Set(stages.values.map(ObjectIdentifier.init)) {
            let positions = order.indices.filter { stages[order[$0]].map(ObjectIdentifier.init) == p }
            guard let lo = positions.first, let hi = positions.last else { continue }
            if (lo...hi).contains(where: { stages[order[$0]] != nil && stages[order[$0]].map(ObjectIdentifier.init) != p }) {
                return "a program is active for two stages with another program's stage between them"
            }
        }
        // GL 4.6 §7.10: samplers of different types may not read the same texture unit. (Checked for the samplers
        // given a unit: the array elements a shader does not read keep unit 0 without being active.)
        var targets: [Int: GLenum] = [:]
        var seen: Set<ObjectIdentifier> = []
        for p in stages.values where seen.insert(ObjectIdentifier(p)).inserted {
            guard let linked = p.linkedProgram else { continue }
            for (stage, shader) in linked.stages {
                for (name, s) in zip(shader.samplers, GLContext.samplers(p, stage)) where p.samplerUnits[name] != nil {
                    if let other = targets[s.unit], other != s.target { return "samplers of different types read texture unit \(s.unit)" }
                    targets[s.unit] = s.target
                }
            }
        }
        if stages[.vertex] == nil, stages[.tessControl] != nil || stages[.tessEvaluation] != nil || stages[.geometry] != nil {
            return "tessellation or geometry stages without a vertex stage"
        }
        return nil
    }
}

/// The programs a pipeline draw runs, stage by stage (ProgramPipelines' draw path).
struct GLStagePrograms {
    var vertex: GLProgram
    var tessControl: GLProgram?
    var tessEvaluation: GLProgram?
    var geometry: GLProgram?
    var fragment: GLProgram?

    /// Each stage present, with its program (the vertex stage first).
    var all: [(stage: ShaderStage, program: GLProgram)] {
        [(ShaderStage.vertex, vertex as GLProgram?), (.tessControl, tessControl), (.tessEvaluation, tessEvaluation), (.geometry, geometry),
         (.fragment, fragment)].compactMap { s in s.1.map { (s.0, $0) } }
    }

    /// Each program once.
    var programs: [GLProgram] {
        var seen: Set<ObjectIdentifier> = [], out: [GLProgram] = []
        for (_, p) in all where seen.insert(ObjectIdentifier(p)).inserted { out.append(p) }
        return out
    }

    /// The last vertex-processing stage's program: it carries transform feedback.
    var lastVertexProcessing: GLProgram { geometry ?? tessEvaluation ?? vertex }
}
