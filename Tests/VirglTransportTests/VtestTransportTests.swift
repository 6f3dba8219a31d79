import Foundation
import VirglTestSupport
import VirglTransport
import XCTest

/// The vtest transport against a real `virgl_test_server` (llvmpipe through EGL surfaceless) that each test
/// starts on a private socket.
final class VtestTransportTests: XCTestCase {
    var server: VtestServerProcess!

    override func setUpWithError() throws {
        server = try VtestServerProcess()
    }

    override func tearDown() {
        server.stop()
    }

    func testHandshakeAndCaps() throws {
        let t = try VtestTransport(socketPath: server.socketPath)
        XCTAssertEqual(t.negotiatedVersion, 2)
        let caps = try t.readCaps()
        XCTAssertEqual(caps.count, 1376, "virgl_caps_v2 of virglrenderer 0.10.4")
        let maxVersion = caps.withUnsafeBytes { $0.load(as: UInt32.self) }
        XCTAssertEqual(maxVersion, 2)
        let renderer = TransportChecks.rendererString(caps)
        XCTAssertTrue(renderer.lowercased().contains("llvmpipe"), renderer)
    }

    func testClearAndReadBackEveryPixel() throws {
        try TransportChecks.clearAndReadBack(try VtestTransport(socketPath: server.socketPath))
    }

    func testWriteThenReadASubBox() throws {
        try TransportChecks.writeThenReadSubBox(try VtestTransport(socketPath: server.socketPath))
    }

    func testOcclusionAndTimestampQueries() throws {
        try TransportChecks.queries(try VtestTransport(socketPath: server.socketPath))
    }

    func testBadCallsAreRefusedBeforeAnythingIsSent() throws {
        let t = try VtestTransport(socketPath: server.socketPath)
        let res = try t.createResource(ClearStream.target(width: 4, height: 4))
        var small = [UInt8](repeating: 0, count: 8)
        XCTAssertThrowsError(try small.withUnsafeMutableBytes {
            try t.read(res, level: 0, box: VirglBox(width: 4, height: 4), into: $0, stride: 16, layerStride: 0)
        }) { XCTAssertEqual(($0 as? VirglTransportError).map { if case .invalidArgument = $0 { true } else { false } }, true) }
        XCTAssertThrowsError(try small.withUnsafeMutableBytes {
            try t.read(res, level: 0, box: VirglBox(x: 3, width: 2, height: 1), into: $0, stride: 8, layerStride: 0)
        })
        XCTAssertThrowsError(try small.withUnsafeMutableBytes {
            try t.read(res, level: 1, box: VirglBox(width: 1), into: $0, stride: 4, layerStride: 0)
        })
        XCTAssertThrowsError(try t.createResource(VirglResourceInfo(target: 2, format: 67, bind: 2, width: 0, height: 4, bytesPerTexel: 4)))
        // The connection is still good.
        XCTAssertEqual(try t.readCaps().count, 1376)
    }

    func testNoServerIsAClearError() {
        XCTAssertThrowsError(try VtestTransport(socketPath: "/nonexistent/virglgl.sock")) { error in
            XCTAssertTrue("\(error)".contains("no vtest server at /nonexistent/virglgl.sock"), "\(error)")
        }
    }

    func testKillingTheServerMidStreamGivesAnErrorInBoundedTime() throws {
        let t = try VtestTransport(socketPath: server.socketPath, timeout: 5)
        let rt = try t.createResource(ClearStream.target(width: 32, height: 32))
        let words = ClearStream.words(resource: rt.id, surface: 1, rgba: (0, 1, 0, 1))
        try words.withUnsafeBufferPointer { try t.submit($0) }
        server.kill()
        let start = Date()
        var pixels = [UInt8](repeating: 0, count: 32 * 32 * 4)
        var firstError: Error?
        // Keep streaming as a driver would: the first call that notices the dead host throws.
        for _ in 0..<100 where firstError == nil {
            do {
                try words.withUnsafeBufferPointer { try t.submit($0) }
                try pixels.withUnsafeMutableBytes {
                    try t.read(rt, level: 0, box: VirglBox(width: 32, height: 32), into: $0, stride: 128, layerStride: 0)
                }
            } catch {
                firstError = error
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        guard case .hostLost? = firstError as? VirglTransportError else {
            return XCTFail("expected hostLost, got \(String(describing: firstError))")
        }
        XCTAssertLessThan(elapsed, 10, "the error came after \(elapsed) s")
        // Lost stays lost, without touching the socket again.
        XCTAssertThrowsError(try t.readCaps()) { XCTAssertEqual($0 as? VirglTransportError, firstError as? VirglTransportError) }
    }
}
