import Foundation
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
        let renderer = String(decoding: caps[696..<760].prefix { $0 != 0 }, as: UTF8.self)
        XCTAssertTrue(renderer.lowercased().contains("llvmpipe"), renderer)
    }

    func testClearAndReadBackEveryPixel() throws {
        let t = try VtestTransport(socketPath: server.socketPath)
        let w: UInt32 = 64, h: UInt32 = 32
        let rt = try t.createResource(ClearStream.target(width: w, height: h))
        let words = ClearStream.words(resource: rt.id, surface: 1, rgba: (1, 0.5, 0.25, 1))
        try words.withUnsafeBufferPointer { try t.submit($0) }
        var pixels = [UInt8](repeating: 0, count: Int(w * h * 4))
        try pixels.withUnsafeMutableBytes {
            try t.read(rt, level: 0, box: VirglBox(width: w, height: h), into: $0, stride: Int(w) * 4, layerStride: Int(w * h) * 4)
        }
        for i in stride(from: 0, to: pixels.count, by: 4) {
            guard Array(pixels[i..<i + 4]) == [255, 128, 64, 255] else {
                return XCTFail("pixel \(i / 4) is \(Array(pixels[i..<i + 4]))")
            }
        }
        t.destroyResource(rt)
    }

    func testWriteThenReadASubBox() throws {
        let t = try VtestTransport(socketPath: server.socketPath)
        let w: UInt32 = 16, h: UInt32 = 8
        let res = try t.createResource(ClearStream.target(width: w, height: h))
        var full = (0..<Int(w * h * 4)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try full.withUnsafeBytes {
            try t.write(res, level: 0, box: VirglBox(width: w, height: h), data: $0, stride: Int(w) * 4, layerStride: 0)
        }
        // A 5×3 box at (3,2), read into a buffer whose rows are padded to 32 bytes.
        var sub = [UInt8](repeating: 0xEE, count: 32 * 3)
        try sub.withUnsafeMutableBytes {
            try t.read(res, level: 0, box: VirglBox(x: 3, y: 2, width: 5, height: 3), into: $0, stride: 32, layerStride: 0)
        }
        for row in 0..<3 {
            let expected = Array(full[((2 + row) * Int(w) + 3) * 4..<((2 + row) * Int(w) + 8) * 4])
            XCTAssertEqual(Array(sub[row * 32..<row * 32 + 20]), expected, "row \(row)")
            XCTAssertEqual(Array(sub[row * 32 + 20..<row * 32 + 32]), [UInt8](repeating: 0xEE, count: 12), "padding untouched")
        }
        full[0] = 0
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
