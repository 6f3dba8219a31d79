import ArgumentParser
import GLCore
import GLDriver
import VirglProtocol

/// `virglgl info`: what the driver provides, in the style of `glxinfo -B`.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the driver's strings and how much of GL 4.6 is implemented.")

    @Flag(help: "Also list the implemented entry points.")
    var verbose = false

    @OptionGroup var host: TransportOptions

    func run() throws {
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
        defer { GLContext.makeCurrent(nil) }
        func string(_ name: GLenum) -> String { glGetString(name).map { String(cString: $0) } ?? "(none)" }

        let all = GLCommand.allCases
        let implemented = GLDispatch.table.implemented
        let core = all.filter(\.isCore)
        print("VirglGL \(VirglGLInfo.driverVersion)")
        let (transport, server) = try host.connect()
        defer { server?.stop() }
        let caps = VirglCapsV2(bytes: try transport.readCaps())
        let gl = caps.hostGLVersion
        print("Host (\(transport.description)):")
        print("    renderer: \(caps.renderer)")
        print("    GLSL level: \(caps.glslLevel), host GL \(gl.major).\(gl.minor), caps v\(caps.maxVersion), feature check version \(caps.hostFeatureCheckVersion)")
        print("    max texture 2D/3D/cube: \(caps.maxTexture2DSize)/\(caps.maxTexture3DSize)/\(caps.maxTextureCubeSize), array layers \(caps.maxTextureArrayLayers)")
        print("    render targets \(caps.maxRenderTargets), samples \(caps.maxSamples), viewports \(caps.maxViewports), vertex attribs \(caps.maxVertexAttribs), uniform blocks \(caps.maxUniformBlocks)")
        print("    atomic counters per stage (VS FS GS TCS TES CS) \(caps.maxAtomicCounters.map(String.init).joined(separator: " ")), combined \(caps.maxCombinedAtomicCounters); buffers per stage \(caps.maxAtomicCounterBuffers.map(String.init).joined(separator: " ")), combined \(caps.maxCombinedAtomicCounterBuffers)")
        print("    constant buffer 0 bytes per stage (VS FS GS TCS TES CS) \(caps.maxConstBufferSize.map(String.init).joined(separator: " ")), uniform block bytes \(caps.maxUniformBlockSize)")
        print("    formats: sampler \(caps.sampler.count), render \(caps.render.count), vertex \(caps.vertexbuffer.count)")
        let names: [(VirglCap, String)] = [(.textureView, "TEXTURE_VIEW"), (.computeShader, "COMPUTE_SHADER"), (.fbNoAttach, "FB_NO_ATTACH"), (.transfer, "TRANSFER"), (.copyTransfer, "COPY_TRANSFER"), (.arbBufferStorage, "ARB_BUFFER_STORAGE"), (.hostIsGLES, "HOST_IS_GLES"), (.shaderClock, "SHADER_CLOCK")]
        print("    caps: " + names.filter { caps.has($0.0) }.map(\.1).joined(separator: " "))
        print("OpenGL vendor string: \(string(GL_VENDOR))")
        print("OpenGL renderer string: \(string(GL_RENDERER))")
        print("OpenGL core profile version string: \(string(GL_VERSION))")
        print("OpenGL core profile shading language version string: \(string(GL_SHADING_LANGUAGE_VERSION))")
        print("Entry points (GL 4.6, from Registry/gl.xml):")
        print("    exported:    \(all.count) (core \(core.count), compatibility-only \(all.count - core.count))")
        print("    implemented: \(implemented.count) (core \(implemented.filter(\.isCore).count))")
        print("    validated enum groups: \(GLEnumGroup.validated.count)")
        if verbose {
            print("Implemented:")
            for c in implemented { print("    \(c.name)") }
        }
    }
}
