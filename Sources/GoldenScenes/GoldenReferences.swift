import Foundation
import GLBinding
import GLCore

/// The recorded references of one host renderer: `Golden/<renderer>/<scene>.png`.
public struct GoldenReferences {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func url(_ scene: GoldenScene) -> URL { root.appendingPathComponent("\(scene.name).png") }

    /// The folder name for a renderer: `llvmpipe` for any llvmpipe, else the renderer string made file-safe.
    public static func rendererKey(_ gl: GLBinding) -> String {
        let renderer = gl.glGetString(GL_RENDERER).map { String(cString: $0) } ?? "unknown"
        if renderer.lowercased().contains("llvmpipe") { return "llvmpipe" }
        return String(renderer.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Compares a rendering (or its failure) with the reference.
    public func compare(_ scene: GoldenScene, actual: Result<RGBAImage, Error>) -> GoldenResult {
        let expected = Result { try RGBAImage(png: url(scene)) }
        return GoldenResult(scene: scene, actual: actual, expected: expected)
    }
}

/// One scene's outcome.
public struct GoldenResult {
    public let scene: GoldenScene
    public let actual: Result<RGBAImage, Error>
    public let expected: Result<RGBAImage, Error>
    public let comparison: ImageComparison?

    init(scene: GoldenScene, actual: Result<RGBAImage, Error>, expected: Result<RGBAImage, Error>) {
        self.scene = scene
        self.actual = actual
        self.expected = expected
        if case .success(let a) = actual, case .success(let e) = expected, a.width == e.width, a.height == e.height {
            comparison = ImageComparison(actual: a, expected: e, tolerance: scene.tolerance)
        } else {
            comparison = nil
        }
    }

    public var passed: Bool { comparison?.mismatched == 0 }

    /// `PASS  name` or `FAIL  name: why`.
    public var line: String {
        let name = scene.name.padding(toLength: 26, withPad: " ", startingAt: 0)
        if case .failure(let e) = actual { return "FAIL  \(name) render failed: \(e)" }
        if case .failure(let e) = expected { return "FAIL  \(name) no reference: \(e)" }
        guard let c = comparison else { return "FAIL  \(name) size differs from the reference" }
        let tol = scene.tolerance > 0 ? " (tolerance \(scene.tolerance))" : ""
        return c.mismatched == 0
            ? "PASS  \(name) max diff \(c.maxDifference)\(tol)"
            : "FAIL  \(name) \(c.mismatched) pixels differ, max diff \(c.maxDifference)\(tol)"
    }
}

/// Actual, expected and diff PNGs per scene, and a side-by-side HTML page.
public final class GoldenReport {
    public let directory: URL
    private var rows: [String] = []

    public init(directory: URL) { self.directory = directory }

    public func add(_ r: GoldenResult) throws {
        let name = r.scene.name
        if case .success(let a) = r.actual { try a.writePNG(to: directory.appendingPathComponent("\(name).actual.png")) }
        if case .success(let e) = r.expected { try e.writePNG(to: directory.appendingPathComponent("\(name).expected.png")) }
        if let c = r.comparison { try c.diff.writePNG(to: directory.appendingPathComponent("\(name).diff.png")) }
        let status = r.passed ? "<b style='color:green'>PASS</b>" : "<b style='color:red'>FAIL</b>"
        rows.append(
            "<tr><td>\(status)<br>\(name)<br><small>\(r.scene.summary)<br>\(r.line.dropFirst(6))</small></td>"
                + "<td><img src='\(name).expected.png'></td><td><img src='\(name).actual.png'></td>"
                + "<td><img src='\(name).diff.png'></td></tr>")
    }

    public func write(title: String) throws {
        let html = """
            <!doctype html><meta charset="utf-8"><title>\(title)</title>
            <style>body{font-family:sans-serif} td{vertical-align:top;padding:4px} img{width:256px;image-rendering:pixelated}</style>
            <h1>\(title)</h1>
            <table><tr><th>scene</th><th>reference (native Mesa)</th><th>actual</th><th>diff</th></tr>
            \(rows.joined(separator: "\n"))
            </table>
            """
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try html.write(to: directory.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    }
}
