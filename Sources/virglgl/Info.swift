import ArgumentParser
import GLCore
import GLDriver

/// `virglgl info`: what the driver provides, in the style of `glxinfo -B`.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the driver's strings and how much of GL 4.6 is implemented.")

    @Flag(help: "Also list the implemented entry points.")
    var verbose = false

    func run() throws {
        let context = GLContext(attributes: GLContextAttributes(major: 4, minor: 6, profile: .core))
        GLContext.makeCurrent(context)
        defer { GLContext.makeCurrent(nil) }
        func string(_ name: GLenum) -> String { glGetString(name).map { String(cString: $0) } ?? "(none)" }

        let all = GLCommand.allCases
        let implemented = GLDispatch.table.implemented
        let core = all.filter(\.isCore)
        print("VirglGL \(VirglGLInfo.driverVersion)")
        print("    transport: none yet (the virgl transports come next)")
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
