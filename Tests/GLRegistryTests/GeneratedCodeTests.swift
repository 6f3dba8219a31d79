import Foundation
import GLGenerator
import GLRegistry
import XCTest

/// The committed generated code is what the registry gives, and the check notices when it is not.
final class GeneratedCodeTests: XCTestCase {
    static let input: GeneratorInput = try! GeneratorInput(root: packageRoot)
    static let files: [GeneratedFile] = try! Generator(input).files()

    func testCommittedOutputIsCurrent() {
        XCTAssertEqual(staleFiles(expected: Self.files, root: packageRoot), [], "run `swift run glgen`")
    }

    func testEveryGeneratedHeaderCarriesTheRegistryDigest() throws {
        let digest = GeneratorInput.sha256(try Data(contentsOf: glXMLURL))
        XCTAssertEqual(digest.count, 64)
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("Registry/README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains(digest), "Registry/README.md should state gl.xml's sha256")
        for dir in generatedDirectories {
            let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(dir).path)
            XCTAssertFalse(names.isEmpty, dir)
            for name in names {
                let text = try String(contentsOf: packageRoot.appendingPathComponent("\(dir)/\(name)"), encoding: .utf8)
                let line = text.split(separator: "\n").first { $0.hasPrefix("// gl.xml sha256: ") }
                XCTAssertEqual(line.map { String($0.dropFirst("// gl.xml sha256: ".count)) }, digest, "\(dir)/\(name)")
            }
        }
    }

    func testCheckNamesAnEditedFileAndAnExtraFile() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("glgen-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        for f in Self.files {
            let url = tmp.appendingPathComponent(f.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try f.contents.write(to: url, atomically: false, encoding: .utf8)
        }
        XCTAssertEqual(staleFiles(expected: Self.files, root: tmp), [])

        let edited = "Sources/GLCore/generated/GLEnums.swift"
        let handle = try FileHandle(forWritingTo: tmp.appendingPathComponent(edited))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("// a hand edit\n".utf8))
        try handle.close()
        try "x".write(to: tmp.appendingPathComponent("Sources/GLDriver/generated/Stray.swift"), atomically: false, encoding: .utf8)
        XCTAssertEqual(
            staleFiles(expected: Self.files, root: tmp),
            [edited, "Sources/GLDriver/generated/Stray.swift (not produced by glgen)"])
    }

    func testGlgenCheckExitsNonZeroOnAStaleTree() throws {
        // The real executable, against a copy of Registry/ with no generated files beside it.
        let glgen = packageRoot.appendingPathComponent(".build/debug/glgen")
        guard FileManager.default.isExecutableFile(atPath: glgen.path) else {
            return XCTFail("\(glgen.path) is missing: `swift build` first (make test does)")
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("glgen-exit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Registry"), to: tmp.appendingPathComponent("Registry"))
        let p = Process()
        p.executableURL = glgen
        p.arguments = ["--check", "--root", tmp.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 1)
        XCTAssertTrue(message.contains("Sources/GLCore/generated/GLEnums.swift"), message)
    }

    func testOutputIsDeterministic() throws {
        XCTAssertEqual(try Generator(Self.input).files(), Self.files)
    }

    func testShardsStayManageable() {
        for f in Self.files {
            XCTAssertLessThan(f.contents.utf8.count, 1_000_000, f.path)
        }
        XCTAssertGreaterThan(Self.files.filter { $0.path.contains("EntryPoints") }.count, 4)
    }
}
