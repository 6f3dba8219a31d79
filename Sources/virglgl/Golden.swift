import ArgumentParser
import Foundation
import GLBinding
import GLCore
import GLDriver
import GLOracle
import GoldenScenes

/// `virglgl golden`: render the golden scenes, compare them with the references, or record the references.
struct Golden: ParsableCommand {
    /// Renders `scene` on the chosen driver, each scene in a fresh context (no state leaks from one scene into
    /// the next), current on this thread.
    func render(_ scene: GoldenScene, driver: Driver) throws -> RGBAImage {
        guard driver == .virglgl else {
            let native = try NativeMesaContext(major: 3, minor: 3)
            return try withExtendedLifetime(native) { try SceneRenderer.render(scene, gl: native.gl) }
        }
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
        defer { GLContext.makeCurrent(nil) }
        let gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
        return try SceneRenderer.render(scene, gl: gl)
    }

    static let configuration = CommandConfiguration(
        abstract: "Render the golden scenes and compare them with Golden/<renderer>/ (or record those references).")

    @Flag(help: "Record the references with native Mesa (EGL surfaceless), overwriting Golden/<renderer>/.")
    var record = false

    @Option(help: "The repository's Golden/ folder.")
    var golden: String = "Golden"

    @Option(help: "Where to write actual, expected and diff images and index.html.")
    var out: String = ".build/golden"

    @Argument(help: "Scene names (default: all).")
    var scenes: [String] = []

    enum Driver: String, ExpressibleByArgument { case virglgl, native }

    @Option(help: "The driver that renders: virglgl (in-process virglrenderer) or native (Mesa, the reference).")
    var driver: Driver = .virglgl

    @Flag(help: "Exit non-zero only when a scene listed as passing on VirglGL fails (the demo's mode).")
    var knownOnly = false

    @Option(help: "Compare against Golden/<renderer> for this renderer instead of the one that renders (e.g. llvmpipe when native Mesa runs as virpipe).")
    var renderer: String?

    func run() throws {
        let chosen = try scenes.isEmpty ? GoldenScene.all : scenes.map { name in
            guard let s = GoldenScene.named(name) else { throw ValidationError("no scene \(name)") }
            return s
        }
        let probe = try NativeMesaContext(major: 3, minor: 3)
        let key = renderer ?? withExtendedLifetime(probe) { GoldenReferences.rendererKey(probe.gl) }
        let rendererName = withExtendedLifetime(probe) { probe.gl.glGetString(GL_RENDERER).map { String(cString: $0) } ?? "?" }
        if driver == .native || record { print("native renderer: \(rendererName)") }
        let refs = GoldenReferences(root: URL(fileURLWithPath: golden).appendingPathComponent(key))
        if record {
            for scene in chosen {
                let image = try render(scene, driver: .native)
                try image.writePNG(to: refs.url(scene))
                print("recorded \(refs.url(scene).path)")
            }
            return
        }
        let report = GoldenReport(directory: URL(fileURLWithPath: out))
        var failures: [String] = []
        for scene in chosen {
            let result = refs.compare(scene, actual: Result { try render(scene, driver: driver) })
            try report.add(result)
            if !result.passed { failures.append(scene.name) }
            print(result.line)
        }
        let title = driver == .native ? "Mesa (\(rendererName))" : "VirglGL (in-process virglrenderer on \(key))"
        try report.write(title: "\(title) against Golden/\(key)")
        print("\(chosen.count - failures.count)/\(chosen.count) scenes match; report: \(report.directory.path)/index.html")
        let regressions = knownOnly ? failures.filter { GoldenScene.passingOnVirglGL.contains($0) } : failures
        if !regressions.isEmpty { throw ExitCode(1) }
    }
}
