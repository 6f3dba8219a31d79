import ArgumentParser
import Foundation
import GLOracle
import GoldenScenes

/// `virglgl golden`: render the golden scenes, compare them with the references, or record the references.
struct Golden: ParsableCommand {
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

    func run() throws {
        let chosen = try scenes.isEmpty ? GoldenScene.all : scenes.map { name in
            guard let s = GoldenScene.named(name) else { throw ValidationError("no scene \(name)") }
            return s
        }
        let native = try NativeMesaContext(major: 4, minor: 5)
        let key = GoldenReferences.rendererKey(native.gl)
        let refs = GoldenReferences(root: URL(fileURLWithPath: golden).appendingPathComponent(key))
        if record {
            for scene in chosen {
                let image = try SceneRenderer.render(scene, gl: native.gl)
                try image.writePNG(to: refs.url(scene))
                print("recorded \(refs.url(scene).path)")
            }
            return
        }
        let report = GoldenReport(directory: URL(fileURLWithPath: out))
        var failures = 0
        for scene in chosen {
            let result = refs.compare(scene, actual: Result { try SceneRenderer.render(scene, gl: native.gl) })
            try report.add(result)
            if !result.passed { failures += 1 }
            print(result.line)
        }
        try report.write(title: "native Mesa (\(key)) against Golden/\(key)")
        print("\(chosen.count - failures)/\(chosen.count) scenes match; report: \(report.directory.path)/index.html")
        if failures > 0 { throw ExitCode(1) }
    }
}
