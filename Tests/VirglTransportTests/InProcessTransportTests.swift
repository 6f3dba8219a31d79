import VirglTestSupport
import VirglTransport
import XCTest

/// The embedded default: libvirglrenderer in this process.
final class InProcessTransportTests: XCTestCase {
    func testCaps() throws {
        let t = try InProcessTransport()
        let caps = try t.readCaps()
        XCTAssertEqual(caps.count, 1376, "virgl_caps_v2 of virglrenderer 0.10.4")
        XCTAssertTrue(TransportChecks.rendererString(caps).lowercased().contains("llvmpipe"), TransportChecks.rendererString(caps))
    }

    func testClearAndReadBackEveryPixel() throws {
        try TransportChecks.clearAndReadBack(try InProcessTransport())
    }

    func testWriteThenReadASubBox() throws {
        try TransportChecks.writeThenReadSubBox(try InProcessTransport())
    }

    func testOcclusionAndTimestampQueries() throws {
        try TransportChecks.queries(try InProcessTransport())
    }

    func testTwoContextsInOneProcessKeepTheirOwnResources() throws {
        let a = try InProcessTransport(), b = try InProcessTransport()
        XCTAssertNotEqual(a.contextID, b.contextID)
        try TransportChecks.clearAndReadBack(a, width: 8, height: 8)
        try TransportChecks.clearAndReadBack(b, width: 8, height: 8)
        let res = try a.createResource(ClearStream.target(width: 4, height: 4))
        var buf = [UInt8](repeating: 0, count: 64)
        XCTAssertThrowsError(try buf.withUnsafeMutableBytes {
            try b.read(res, level: 0, box: VirglBox(width: 4, height: 4), into: $0, stride: 16, layerStride: 0)
        }, "a resource of one context is refused by another")
        try a.wait(res)
        a.destroyResource(res)
    }

    func testAMalformedStreamLosesItsContextOnly() throws {
        let t = try InProcessTransport()
        // A CREATE_OBJECT(SURFACE) whose length runs past the end of the stream: the renderer flags the context
        // and ignores it from then on, so the transport reports it lost, now and after.
        let words: [UInt32] = [ClearStream.header(ClearStream.createObject, ClearStream.objectSurface, 40), 1, 2]
        XCTAssertThrowsError(try words.withUnsafeBufferPointer { try t.submit($0) }) { error in
            guard case .hostLost(let why)? = error as? VirglTransportError else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("Illegal command buffer"), why)
        }
        XCTAssertThrowsError(try t.readCaps())
        // Other contexts of the same renderer carry on.
        try TransportChecks.clearAndReadBack(try InProcessTransport(), width: 8, height: 8)
    }
}
