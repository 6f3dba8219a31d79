import Foundation
import GLOracle
import GoldenScenes
import XCTest

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The golden suite itself: references present for every scene, reproducible on native Mesa, and the image
/// comparison and PNG code that judge VirglGL's renderings.
final class GoldenSuiteTests: XCTestCase {
    let references = GoldenReferences(root: packageRoot.appendingPathComponent("Golden/llvmpipe"))

    func testEverySceneHasAReferenceAndNoReferenceIsStray() throws {
        XCTAssertGreaterThanOrEqual(GoldenScene.all.count, 24)
        XCTAssertEqual(Set(GoldenScene.all.map(\.name)).count, GoldenScene.all.count, "scene names are unique")
        let files = try FileManager.default.contentsOfDirectory(atPath: references.root.path).filter { $0.hasSuffix(".png") }
        XCTAssertEqual(Set(files), Set(GoldenScene.all.map { "\($0.name).png" }))
        for scene in GoldenScene.all where scene.tolerance > 0 {
            XCTAssertNotNil(scene.toleranceReason, scene.name)
        }
    }

    /// Native Mesa renders each scene the same way twice: the references are current and the scenes
    /// deterministic, so a VirglGL difference means VirglGL.
    func testNativeMesaReproducesEveryReference() throws {
        let probe = try NativeMesaContext(major: 4, minor: 5)
        XCTAssertEqual(withExtendedLifetime(probe) { GoldenReferences.rendererKey(probe.gl) }, "llvmpipe")
        for scene in GoldenScene.all {
            // A fresh context per scene, as when recording: no state leaks between scenes.
            let native = try NativeMesaContext(major: 4, minor: 5)
            let result = withExtendedLifetime(native) {
                references.compare(scene, actual: Result { try SceneRenderer.render(scene, gl: native.gl) })
            }
            XCTAssertEqual(result.comparison?.mismatched, 0, result.line)
            XCTAssertEqual(result.comparison?.maxDifference, 0, "native Mesa should match its own reference exactly: \(scene.name)")
        }
    }

    func testScenesDrawSomething() throws {
        for scene in GoldenScene.all {
            let image = try RGBAImage(png: references.url(scene))
            var colors = Set<UInt32>()
            for p in stride(from: 0, to: image.pixels.count, by: 4 * 97) {
                colors.insert(image.pixels.withUnsafeBytes { $0.load(fromByteOffset: p, as: UInt32.self) })
            }
            XCTAssertGreaterThanOrEqual(colors.count, 2, "\(scene.name) is one flat colour")
        }
    }

    func testComparisonCountsPixelsOverTheTolerance() {
        let a = RGBAImage(width: 2, height: 1, pixels: [10, 20, 30, 255, 100, 100, 100, 255])
        let b = RGBAImage(width: 2, height: 1, pixels: [12, 20, 30, 255, 100, 90, 100, 255])
        let exact = ImageComparison(actual: a, expected: b)
        XCTAssertEqual(exact.mismatched, 2)
        XCTAssertEqual(exact.maxDifference, 10)
        XCTAssertEqual(ImageComparison(actual: a, expected: b, tolerance: 2).mismatched, 1)
        XCTAssertEqual(ImageComparison(actual: a, expected: b, tolerance: 10).mismatched, 0)
        XCTAssertEqual(exact.diff.pixel(x: 0, y: 0)[0], 66)
        XCTAssertEqual(ImageComparison(actual: a, expected: a).diff.pixel(x: 1, y: 0), [0, 0, 0, 255])
    }

    func testPNGRoundTripAndGLRowOrder() throws {
        // GL rows come bottom first: the first row read is the bottom of the picture.
        let image = RGBAImage(glRows: [1, 2, 3, 4, 5, 6, 7, 8], width: 1, height: 2)
        XCTAssertEqual(image.pixel(x: 0, y: 0), [5, 6, 7, 8])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("virglgl-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try image.writePNG(to: url)
        XCTAssertEqual(try RGBAImage(png: url), image)
        XCTAssertThrowsError(try RGBAImage(png: url.appendingPathExtension("missing")))
    }
}
