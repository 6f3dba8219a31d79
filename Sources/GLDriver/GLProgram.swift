import GLCore
import VirglProtocol

/// A linked program as the host runs it: TGSI text per stage, created as virgl shader objects.
///
/// GLSL programs reach this through the shader compiler (glslang → SPIR-V → TGSI), which is not in the driver
/// yet; `GLContext.createTGSIProgram` makes one from TGSI directly, which the draw-path tests use.
final class GLProgram {
    let name: GLuint
    let vertexTGSI: String
    let fragmentTGSI: String
    /// Vertex shader input i (IN[i]) reads generic attribute `attributeLocations[i]`.
    let attributeLocations: [Int]
    /// Fragment sampler i (SAMP[i]/SVIEW[i]) reads the texture bound to `target` on texture unit `unit`.
    let fragmentSamplers: [(unit: Int, target: GLenum)]
    var vertexHandle: UInt32 = 0
    var fragmentHandle: UInt32 = 0

    init(name: GLuint, vertexTGSI: String, fragmentTGSI: String, attributeLocations: [Int], fragmentSamplers: [(unit: Int, target: GLenum)]) {
        self.fragmentSamplers = fragmentSamplers
        self.name = name
        self.vertexTGSI = vertexTGSI
        self.fragmentTGSI = fragmentTGSI
        self.attributeLocations = attributeLocations
    }

    /// A generous TGSI token estimate for the host's parser (it allocates that many tokens).
    static func tokenEstimate(_ text: String) -> UInt32 { UInt32(max(300, text.utf8.count)) }
}

extension GLContext {
    /// Makes a program from TGSI text (the draw path's test entry until GLSL programs land). Returns its name.
    public func createTGSIProgram(
        vertex: String, fragment: String, attributeLocations: [Int], fragmentSamplers: [(unit: Int, target: GLenum)] = []
    ) -> GLuint {
        let name = programs.generate(1)[0]
        let p = programs.object(name) {
            GLProgram(name: name, vertexTGSI: vertex, fragmentTGSI: fragment, attributeLocations: attributeLocations, fragmentSamplers: fragmentSamplers)
        }!
        p.vertexHandle = newObjectHandle()
        commands.encodeCreateShader(handle: p.vertexHandle, stage: .vertex, text: vertex, numTokens: GLProgram.tokenEstimate(vertex))
        p.fragmentHandle = newObjectHandle()
        commands.encodeCreateShader(handle: p.fragmentHandle, stage: .fragment, text: fragment, numTokens: GLProgram.tokenEstimate(fragment))
        return name
    }

    func useProgram(_ name: GLuint) {
        guard name != 0 else {
            currentProgram = nil
            return
        }
        guard let p = programs[name] else {
            return recordError(GL_INVALID_VALUE, .glUseProgram, "\(name) is not a program")
        }
        if currentProgram !== p {
            currentProgram = p
            state.dirty.insert([.shaders, .vertexLayout])
        }
    }
}
