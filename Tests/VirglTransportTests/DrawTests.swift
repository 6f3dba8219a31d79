import Foundation
import GoldenScenes
import VirglTestSupport
import VirglTransport
import XCTest

/// A hand-built draw through each host transport equals what native Mesa llvmpipe draws for the same triangle
/// (the `vertex_colors` golden reference, recorded from native Mesa).
final class DrawTests: XCTestCase {
    static let reference: RGBAImage = try! RGBAImage(
        png: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Golden/llvmpipe/vertex_colors.png"))

    func assertMatchesNative(_ glRows: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let image = RGBAImage(glRows: glRows, width: 256, height: 256)
        let c = ImageComparison(actual: image, expected: Self.reference)
        XCTAssertEqual(c.mismatched, 0, "max difference \(c.maxDifference)", file: file, line: line)
    }

    func testInProcess() throws {
        assertMatchesNative(try DrawStream.render(try InProcessTransport()))
    }

    func testVtest() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        assertMatchesNative(try DrawStream.render(try VtestTransport(socketPath: server.socketPath)))
    }
}
