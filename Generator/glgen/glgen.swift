import ArgumentParser
import Foundation
import GLGenerator

/// Generates the Swift sources under `Sources/*/generated/` from `Registry/`.
@main
struct GLGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glgen",
        abstract: "Generate VirglGL's GL types, enums, binding and entry points from Registry/gl.xml.")

    @Flag(help: "Regenerate in memory and fail, naming the files, when the committed output differs.")
    var check = false

    @Option(help: "The package root (holds Registry/ and Sources/).")
    var root: String = FileManager.default.currentDirectoryPath

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        let generator = try Generator(GeneratorInput(root: rootURL))
        let files = try generator.files()
        if check {
            let stale = staleFiles(expected: files, root: rootURL)
            guard stale.isEmpty else {
                var err = FileHandle.standardError
                print("glgen --check: generated files are not current; run `swift run glgen`:", to: &err)
                for path in stale { print("  \(path)", to: &err) }
                throw ExitCode(1)
            }
            print("glgen --check: \(files.count) generated files are current")
            return
        }
        let fm = FileManager.default
        for dir in generatedDirectories {
            let url = rootURL.appendingPathComponent(dir)
            for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".swift") {
                try fm.removeItem(at: url.appendingPathComponent(name))
            }
        }
        for f in files {
            let url = rootURL.appendingPathComponent(f.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try f.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        print("glgen: wrote \(files.count) files")
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(string.data(using: .utf8)!) }
}
