import GLCore
import ShaderCompiler
import VirglProtocol

/// A shader object: source, compile status, info log.
final class GLShader {
    let name: GLuint
    let type: GLenum
    var source = ""
    /// The text the last glCompileShader compiled, `#include`s expanded (GL_ARB_shading_language_include); nil
    /// before any. Links use `compiledSource`: a link takes the shader as last compiled, whatever glShaderSource
    /// set since.
    var lastCompiledSource: String?
    var compiled = false
    var log = ""
    var deletePending = false

    init(name: GLuint, type: GLenum) {
        self.name = name
        self.type = type
    }
}

/// A program object: attached shaders, and once linked, the host shader objects and the uniform state.
final class GLProgram {
    /// Fixed-function vertex processing as GLSL 1.10, for compatibility programs without a vertex shader.
    static let fixedFunctionVertexShader = """
        #version 110
        void main() {
            gl_Position = ftransform();
            gl_ClipVertex = gl_ModelViewMatrix * gl_Vertex;
            gl_FrontColor = gl_Color;
            gl_FrontSecondaryColor = gl_SecondaryColor;
            gl_TexCoord[0] = gl_TextureMatrix[0] * gl_MultiTexCoord0;
            gl_TexCoord[1] = gl_TextureMatrix[1] * gl_MultiTexCoord1;
            gl_TexCoord[2] = gl_TextureMatrix[2] * gl_MultiTexCoord2;
            gl_TexCoord[3] = gl_TextureMatrix[3] * gl_MultiTexCoord3;
            gl_FogFragCoord = 0.0;
        }
        """
    /// The vertex stage of a core program that has only later stages (GL 4.6 §7.3: its vertex processing is
    /// undefined, but it links).
    static let emptyVertexShader = "#version 150\nvoid main() { gl_Position = vec4(0.0, 0.0, 0.0, 1.0); }\n"
    /// The stand-in vertex stage of a separable program without one: it writes no gl_PerVertex member, so the
    /// program's own stages may redeclare that block as they like (a pipeline never binds this stage).
    static let standInVertexShader = "#version 150\nvoid main() {}\n"
    /// The fragment stage of a core program that has none.
    static let emptyFragmentShader = "#version 150\nvoid main() {}\n"
    /// Fixed-function fragment processing without texturing: the interpolated primary colour.
    static let fixedFunctionFragmentShader = "#version 110\nvoid main() { gl_FragColor = gl_Color; }\n"

    let name: GLuint
    var shaders: [GLShader] = []
    var linked = false
    /// A compatibility program linked with no shaders at all: it links (GL 2.0 and the compatibility profile), and
    /// drawing with it is drawing without a GLSL program (fixed function, or the enabled ARB programs).
    var fixedFunctionOnly = false
    /// GL_PROGRAM_BINARY_RETRIEVABLE_HINT as glProgramParameteri set it, and as the last link took it (what
    /// glGetProgramiv answers; GLContext+ProgramBinary.swift).
    var binaryRetrievableHintRequested = false
    var binaryRetrievableHint = false
    /// What a program binary of the last successful link carries (GLContext+ProgramBinary.swift).
    var binaryImage: GLProgramBinaryImage?
    var log = ""
    var vertexTGSI = ""
    var fragmentTGSI = ""
    /// Vertex shader input i (IN[i]) reads generic attribute `attributeLocations[i]`.
    var attributeLocations: [Int] = []
    /// Which 16 bytes of its attribute IN[i] reads (1: the second half of a dvec3/dvec4; empty: all 0).
    var attributeParts: [Int] = []
    /// Fragment sampler i (SAMP[i]/SVIEW[i]) reads the texture bound to `target` on texture unit `unit`.
    var fragmentSamplers: [(unit: Int, target: GLenum)] = []
    /// The same for the vertex and geometry stages (vertex texture fetch).
    var vertexSamplers: [(unit: Int, target: GLenum)] = []
    var geometrySamplers: [(unit: Int, target: GLenum)] = []
    var tessControlSamplers: [(unit: Int, target: GLenum)] = []
    var tessEvaluationSamplers: [(unit: Int, target: GLenum)] = []
    /// Per stage (VirglShaderStage raw value), the sampler slots legacy shadow lookups read through
    /// GL_DEPTH_TEXTURE_MODE.
    var depthModeSamplers: [UInt32: Set<Int>] = [:]
    /// Whether any stage samples a texture.
    var usesTextures: Bool {
        !(fragmentSamplers.isEmpty && vertexSamplers.isEmpty && geometrySamplers.isEmpty && tessControlSamplers.isEmpty && tessEvaluationSamplers.isEmpty)
    }
    var vertexHandle: UInt32 = 0
    var fragmentHandle: UInt32 = 0
    /// The geometry shader's host object (0: the program has no geometry stage).
    var geometryHandle: UInt32 = 0
    var geometryTGSI: String? {
        didSet {
            // What the geometry stage emits, as transform feedback names it (GL_POINTS, GL_LINES, GL_TRIANGLES).
            geometryOutputPrimitive = geometryTGSI.map {
                $0.contains("GS_OUTPUT_PRIMITIVE POINTS") ? GL_POINTS : $0.contains("GS_OUTPUT_PRIMITIVE LINE_STRIP") ? GL_LINES : GL_TRIANGLES
            }
        }
    }
    private(set) var geometryOutputPrimitive: GLenum?
    /// The tessellation stages' host objects (0: none) and TGSI.
    var tessControlHandle: UInt32 = 0
    var tessEvaluationHandle: UInt32 = 0
    var tessControlTGSI: String?
    var tessEvaluationTGSI: String?
    var linkedProgram: LinkedProgram? {
        didSet {
            // Copies the draw path reads without copying the whole LinkedProgram (a copy retains every field).
            hasLinkedProgram = linkedProgram != nil
            // By GL location: explicit locations (a table with holes) or the active uniforms in order. Array
            // elements past the last active one are inactive: no location (GL 4.6 §7.3.1, §7.6.1).
            let active = linkedProgram?.locations ?? []
            let usage = linkedProgram?.interfaces.uniformUsage
            uniformLocations = (linkedProgram?.locationTable.map { table in
                table.map { $0 >= 0 ? active[$0] : .unused }
            } ?? active).map { GLContext.isInactiveElement($0.name, usage) ? .unused : $0 }
            hasUniformBlocks = !(linkedProgram?.allBlocks.isEmpty ?? true)
            activeUniforms = nil
            clampVertexColorLocation = uniformLocations.firstIndex { $0.name == "virglgl_ClampVertexColor" }
            lightSourceLocations = uniformLocations.indices.filter { uniformLocations[$0].name.hasPrefix("virglgl_LightSource[") }
        }
    }
    /// The GL_UNIFORM resource list of the linked program, made on first query (GLContext+ProgramInterface.swift).
    var activeUniforms: [GLContext.ActiveUniform]?
    private(set) var hasLinkedProgram = false
    /// The uniforms by GL location (`linkedProgram.locations`, or placed by its location table; a location no
    /// uniform has is an entry with an empty name).
    private(set) var uniformLocations: [UniformLocation] = []
    private(set) var hasUniformBlocks = false
    /// Constant buffer 0 (default-block uniforms), 4 words per slot.
    var constants: [UInt32] = []
    var constantsDirty = true
    /// The compatibility matrices' serial its lowered matrix uniforms hold (0: never written).
    var matrixSerial = 0
    /// The glDepthRange values its lowered gl_DepthRange uniform holds (nil: never written).
    var depthRangeWritten: [Double]?
    /// Whether it reads gl_NumSamples (the lowered virglgl_NumSamples uniform), and the value written last.
    var usesNumSamples = false
    /// The gl_PrimitiveID shift last written to the program's uniform (GLContext+PrimitiveID).
    var primitiveIDShiftWritten: Int?
    var numSamplesWritten: Int?
    /// The value last written to the lowered vertex colour clamp uniform (GLContext+ColorClamp.swift).
    var clampVertexColorWritten: Bool?
    /// Where the lowered vertex colour clamp and light-source uniforms are (found at link, so that draws do not
    /// search the uniform names): nil when the program has none.
    var clampVertexColorLocation: Int?
    var lightSourceLocations: [Int] = []
    /// Whether it has subroutine uniforms, and the context's selections its lowered int uniforms hold.
    var usesSubroutines = false
    var subroutinesWritten: [Int: [GLuint]]?
    /// Whether the program reads lowered fixed-function matrices (`virglgl_*Matrix` uniforms).
    var usesFixedFunctionMatrices = false
    /// Whether each stage's TGSI mentions CONST at all (set when the host shaders are made); a stage that does
    /// not is sent no constant buffer 0.
    var vertexReadsConstants = true
    var fragmentReadsConstants = true
    /// Uniform block bindings, by block name.
    var blockBindings: [String: Int] = [:]
    /// The binding point of each active shader storage block, by block index (glShaderStorageBlockBinding).
    var storageBlockBindings: [Int] = []
    /// The storage blocks each stage uses (by ShaderStage raw value; empty: none), for the draw path.
    var storageStageBlocks: [Int: [StorageBlockInfo]] = [:]
    /// glBindAttribLocation and glBindFragDataLocation, applied at the next link.
    var attributeBindings: [String: Int] = [:]
    var fragDataBindings: [String: Int] = [:]
    /// glBindFragDataLocationIndexed's blend source index of the outputs in `fragDataBindings` (absent: 0).
    var fragDataIndexBindings: [String: Int] = [:]
    /// glTransformFeedbackVaryings, applied at the next link.
    var transformFeedbackVaryings: [String] = []
    var transformFeedbackSeparate = false
    /// What the linked program captures (nil: nothing), and whether into separate buffers.
    var transformFeedback: TransformFeedbackLayout.Layout?
    var linkedTransformFeedbackSeparate = false
    /// Texture units of sampler uniforms, by name (glUniform1i).
    var samplerUnits: [String: Int] = [:]
    /// Whether some stage has image uniforms (GLContext+ImageUnits; their units are in `samplerUnits`).
    var usesImages = false
    /// GL_VALIDATE_STATUS: the result of the last glValidateProgram (GLContext+ValidateProgram.swift).
    var validated = false

    /// A linked compute program's stage (GLContext+Compute.swift; nil for other programs).
    var compute: GLComputeProgram?

    /// GL_PROGRAM_SEPARABLE (applies at the next link).
    var separable = false
    /// Whether the last successful link made a separable program, and the stages it had shaders for.
    var linkedSeparable = false
    var linkedStages: Set<ShaderStage> = []

    init(name: GLuint) { self.name = name }

    /// A generous TGSI token estimate for the host's parser (it allocates that many tokens).
    static func tokenEstimate(_ text: String) -> UInt32 { UInt32(max(300, text.utf8.count * 2)) }

    static func samplerTarget(_ tgsi: String) -> GLenum {
        switch tgsi {
        case "3D": return GL_TEXTURE_3D
        case "CUBE": return GL_TEXTURE_CUBE_MAP
        case "CUBEARRAY": return GL_TEXTURE_CUBE_MAP_ARRAY
        case "2D_ARRAY": return GL_TEXTURE_2D_ARRAY
        case "RECT": return GL_TEXTURE_RECTANGLE
        case "1D": return GL_TEXTURE_1D
        case "1D_ARRAY": return GL_TEXTURE_1D_ARRAY
        case "BUFFER": return GL_TEXTURE_BUFFER
        case "2D_MSAA": return GL_TEXTURE_2D_MULTISAMPLE
        case "2D_ARRAY_MSAA": return GL_TEXTURE_2D_MULTISAMPLE_ARRAY
        default: return GL_TEXTURE_2D
        }
    }
}

extension GLContext {
    /// Creates the host shader objects of a program from TGSI text.
    func uploadShaders(_ p: GLProgram) {
        // The last vertex-processing stage carries the transform feedback outputs.
        let streamOutput = GLContext.streamOutput(p.transformFeedback)
        p.vertexHandle = newObjectHandle()
        commands.encodeCreateShader(
            handle: p.vertexHandle, stage: .vertex, text: p.vertexTGSI, numTokens: GLProgram.tokenEstimate(p.vertexTGSI),
            streamOutput: p.geometryTGSI == nil && p.tessEvaluationTGSI == nil ? streamOutput : nil)
        p.tessControlHandle = 0
        p.tessEvaluationHandle = 0
        if let t = p.tessControlTGSI {
            p.tessControlHandle = newObjectHandle()
            commands.encodeCreateShader(handle: p.tessControlHandle, stage: .tessCtrl, text: t, numTokens: GLProgram.tokenEstimate(t))
        }
        if let t = p.tessEvaluationTGSI {
            p.tessEvaluationHandle = newObjectHandle()
            commands.encodeCreateShader(
                handle: p.tessEvaluationHandle, stage: .tessEval, text: t, numTokens: GLProgram.tokenEstimate(t),
                streamOutput: p.geometryTGSI == nil ? streamOutput : nil)
        }
        p.fragmentHandle = newObjectHandle()
        commands.encodeCreateShader(handle: p.fragmentHandle, stage: .fragment, text: p.fragmentTGSI, numTokens: GLProgram.tokenEstimate(p.fragmentTGSI))
        p.geometryHandle = 0
        if let g = p.geometryTGSI {
            p.geometryHandle = newObjectHandle()
            commands.encodeCreateShader(
                handle: p.geometryHandle, stage: .geometry, text: g, numTokens: GLProgram.tokenEstimate(g), streamOutput: streamOutput)
        }
        p.vertexReadsConstants = p.vertexTGSI.contains("CONST")
        p.fragmentReadsConstants = p.fragmentTGSI.contains("CONST")
        p.linked = true
    }

    /// Makes a program from TGSI text (the draw path's own tests). Returns its name.
    public func createTGSIProgram(
        vertex: String, fragment: String, attributeLocations: [Int], fragmentSamplers: [(unit: Int, target: GLenum)] = []
    ) -> GLuint {
        let name = programs.generate(1)[0]
        let p = programs.object(name) { GLProgram(name: name) }!
        p.vertexTGSI = vertex
        p.fragmentTGSI = fragment
        p.attributeLocations = attributeLocations
        p.fragmentSamplers = fragmentSamplers
        uploadShaders(p)
        return name
    }

    func useProgram(_ name: GLuint) {
        guard name != 0 else {
            guard !transformFeedback.active || transformFeedback.paused else {
                return recordError(GL_INVALID_OPERATION, .glUseProgram, "transform feedback is active")
            }
            currentProgram = nil
            // (The bound pipeline's stages, if any, take over with their defaults.)
            resetSubroutineSelections()
            return
        }
        guard let p = programs[name] else {
            return recordError(shaders[name] != nil ? GL_INVALID_OPERATION : GL_INVALID_VALUE, .glUseProgram, "\(name) is not a program")
        }
        guard p.linked else { return recordError(GL_INVALID_OPERATION, .glUseProgram, "program \(name) is not linked") }
        guard !transformFeedback.active || transformFeedback.paused || currentProgram === p else {
            return recordError(GL_INVALID_OPERATION, .glUseProgram, "transform feedback is active and not paused")
        }
        if currentProgram !== p {
            currentProgram = p
            state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        }
        // Subroutine uniforms go back to their defaults whenever a program is made current (GL 4.6 §7.9).
        resetSubroutineSelections()
    }

    // MARK: Shaders and programs

    func createShader(_ type: GLenum) -> GLuint {
        let tessellation = (type == GL_TESS_CONTROL_SHADER || type == GL_TESS_EVALUATION_SHADER) && supportsTessellation
        let compute = type == GL_COMPUTE_SHADER && supportsCompute
        guard type == GL_VERTEX_SHADER || type == GL_FRAGMENT_SHADER || type == GL_GEOMETRY_SHADER || tessellation || compute else {
            if [GL_TESS_CONTROL_SHADER, GL_TESS_EVALUATION_SHADER, GL_COMPUTE_SHADER].contains(type) {
                recordError(GL_INVALID_OPERATION)
                GLDiagnostics.log("glCreateShader(\(GLEnumNames.describe(type))) is not implemented yet (GL_INVALID_OPERATION)")
            } else {
                recordError(GL_INVALID_ENUM, .glCreateShader, GLEnumNames.describe(type))
            }
            return 0
        }
        let name = programs.generate(1)[0]
        shaders[name] = GLShader(name: name, type: type)
        return name
    }

    func shader(_ command: GLCommand, _ name: GLuint) -> GLShader? {
        if let s = shaders[name] { return s }
        recordError(programs.isReserved(name) ? GL_INVALID_OPERATION : GL_INVALID_VALUE, command, "\(name) is not a shader")
        return nil
    }

    func program(_ command: GLCommand, _ name: GLuint) -> GLProgram? {
        if let p = programs[name] { return p }
        recordError(shaders[name] != nil ? GL_INVALID_OPERATION : GL_INVALID_VALUE, command, "\(name) is not a program")
        return nil
    }

    func linkProgram(_ p: GLProgram) {
        guard !isCapturing(p) else {
            return recordError(GL_INVALID_OPERATION, .glLinkProgram, "the program is capturing transform feedback")
        }
        let image = programBinaryImage(p)
        defer { p.binaryImage = p.linked ? image : nil }  // what glGetProgramBinary gives
        // A compute program (GLContext+Compute.swift).
        if p.shaders.contains(where: { $0.type == GL_COMPUTE_SHADER }) { return linkComputeProgram(p) }
        p.compute = nil
        p.linked = false
        p.binaryRetrievableHint = p.binaryRetrievableHintRequested
        let vs = p.shaders.filter { $0.type == GL_VERTEX_SHADER }, fs = p.shaders.filter { $0.type == GL_FRAGMENT_SHADER }
        // The compatibility profile fills a missing stage with fixed-function processing (without lighting,
        // fog or texture environments); a core program's missing vertex stage places every vertex at the origin.
        let vertexSources = vs.isEmpty ? [p.separable ? GLProgram.standInVertexShader : isCoreProfile ? GLProgram.emptyVertexShader : GLProgram.fixedFunctionVertexShader] : vs.map(\.compiledSource)
        // A core program without a fragment shader (transform feedback, depth only) leaves colour undefined:
        // it gets one that writes nothing.
        let fragmentSources = fs.isEmpty ? [isCoreProfile || p.separable ? GLProgram.emptyFragmentShader : GLProgram.fixedFunctionFragmentShader] : fs.map(\.compiledSource)
        p.fixedFunctionOnly = !isCoreProfile && !isES && !p.separable && p.shaders.isEmpty
        guard !vertexSources.isEmpty, !fragmentSources.isEmpty, (vs + fs).allSatisfy(\.compiled),
              !(vs.isEmpty && fs.isEmpty) || p.fixedFunctionOnly || (p.separable && !p.shaders.isEmpty) else {
            p.log = "error: a program needs a compiled vertex and fragment shader\n"
            return
        }
        let geometrySources = p.shaders.filter { $0.type == GL_GEOMETRY_SHADER }.map(\.compiledSource)
        let controlSources = p.shaders.filter { $0.type == GL_TESS_CONTROL_SHADER }.map(\.compiledSource)
        let evaluationSources = p.shaders.filter { $0.type == GL_TESS_EVALUATION_SHADER }.map(\.compiledSource)
        // GL 4.6 §7.3: a program that is not separable needs a vertex shader for tessellation or geometry stages.
        guard !vs.isEmpty || p.separable || (geometrySources + controlSources + evaluationSources).isEmpty else {
            p.log = "error: a program with a tessellation or geometry shader needs a vertex shader (unless it is separable)\n"
            return
        }
        // A separable program's own stages (the others are stand-ins that a pipeline never binds).
        var stages: Set<ShaderStage> = []
        if !vs.isEmpty { stages.insert(.vertex) }
        if !fs.isEmpty { stages.insert(.fragment) }
        if !geometrySources.isEmpty { stages.insert(.geometry) }
        if !controlSources.isEmpty { stages.insert(.tessControl) }
        if !evaluationSources.isEmpty { stages.insert(.tessEvaluation) }
        switch GLShaderCache.link(
            vertexUnits: vertexSources, tessControlUnits: controlSources, tessEvaluationUnits: evaluationSources,
            geometryUnits: geometrySources, fragmentUnits: fragmentSources,
            attributeBindings: GLFixedFunctionAttribute.bindings.merging(p.attributeBindings) { _, app in app },
            fragDataBindings: p.fragDataBindings, fragDataIndexBindings: p.fragDataIndexBindings, separableStages: p.separable ? stages : nil)
        {
        case .failure(let e):
            p.log = e.description.hasSuffix("\n") ? e.description : e.description + "\n"
        case .success(let linked):
            if let e = storageBlockLinkError(linked) {
                p.log = e + "\n"
                return
            }
            let layout: TransformFeedbackLayout.Layout?
            switch transformFeedbackLayout(p, linked) {
            case .failure(let e):
                p.log = "VirglGL: \(e.description)\n"
                return
            case .success(let l): layout = l
            }
            if let e = atomicCounterLimitError(linked) ?? imageLinkError(linked) {
                p.log = "VirglGL: \(e)\n"
                return
            }
            p.transformFeedback = layout
            p.linkedTransformFeedbackSeparate = p.transformFeedbackSeparate
            p.linkedProgram = linked
            p.linkedSeparable = p.separable
            p.linkedStages = stages.isEmpty || !p.separable ? stages.union([.vertex, .fragment]) : stages
            p.log = linked.log
            p.vertexTGSI = linked.vertex.text
            p.fragmentTGSI = linked.fragment.text
            p.geometryTGSI = linked.geometry?.text
            p.tessControlTGSI = linked.tessControl?.text
            p.tessEvaluationTGSI = linked.tessEvaluation?.text
            if GLDiagnostics.dumpShaders {
                GLDiagnostics.log("program \(p.name) " + linked.stages.map { "\($0.stage) TGSI:\n\($0.shader.text)" }.joined(separator: "\n"))
            }
            p.attributeLocations = linked.vertex.inputLocations
            p.attributeParts = linked.vertex.inputParts
            p.constants = linked.initialConstants.count == 4 * max(1, linked.constantSlots) ? linked.initialConstants : [UInt32](repeating: 0, count: 4 * max(1, linked.constantSlots))
            p.constantsDirty = true
            p.usesFixedFunctionMatrices = linked.locations.contains { $0.name.hasPrefix("virglgl_") }
            p.matrixSerial = 0
            p.depthRangeWritten = nil
            p.usesNumSamples = linked.locations.contains { $0.name == "virglgl_NumSamples" }
            p.numSamplesWritten = nil
            p.primitiveIDShiftWritten = nil
            p.clampVertexColorWritten = nil
            p.usesSubroutines = linked.subroutines.values.contains { !$0.uniforms.isEmpty }
            p.subroutinesWritten = nil
            for b in linked.allBlocks { p.blockBindings[b.name] = b.binding }
            p.storageBlockBindings = linked.storageBlocks.map(\.binding)
            p.storageStageBlocks = Dictionary(linked.stages.filter { !$0.shader.storageBlocks.isEmpty }.map { ($0.stage.rawValue, $0.shader.storageBlocks) }) { a, _ in a }
            p.samplerUnits = linked.samplerBindings
            p.usesImages = GLContext.usesImages(linked)
            updateSamplers(p)
            uploadShaders(p)
            if currentProgram === p {
                state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
                resetSubroutineSelections()
            }
        }
    }

    /// Samplers of each stage: each SAMP index reads the unit its sampler uniform holds.
    func updateSamplers(_ p: GLProgram) {
        guard let linked = p.linkedProgram else { return }
        func units(_ names: [String]) -> [(unit: Int, target: GLenum)] {
            names.map { name in
                let unit = p.samplerUnits[name] ?? 0
                if case .sampler(let target, _)? = linked.locations.first(where: { $0.name == name })?.kind {
                    return (unit, GLProgram.samplerTarget(target))
                }
                return (unit, GL_TEXTURE_2D)
            }
        }
        p.fragmentSamplers = units(linked.fragment.samplers)
        p.vertexSamplers = units(linked.vertex.samplers)
        p.geometrySamplers = units(linked.geometry?.samplers ?? [])
        p.tessControlSamplers = units(linked.tessControl?.samplers ?? [])
        p.tessEvaluationSamplers = units(linked.tessEvaluation?.samplers ?? [])
        p.compute?.samplers = units(linked.compute?.shader.samplers ?? [])
        p.depthModeSamplers = [:]
        for (stage, shader) in linked.stages { p.depthModeSamplers[UInt32(stage.rawValue)] = shader.depthModeSamplers }
    }
}
