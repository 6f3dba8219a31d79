import Foundation
import VirglTransport

/// Hand-encoded virgl streams for transport tests: the wire words written out from virglrenderer 0.10.4's
/// protocol facts, independently of the VirglProtocol encoder.
public enum ClearStream {
    public static let createObject: UInt32 = 1, setFramebufferState: UInt32 = 5, clear: UInt32 = 7
    public static let objectSurface: UInt32 = 8
    public static let formatR8G8B8A8Unorm: UInt32 = 67
    public static let bindRenderTarget: UInt32 = 1 << 1, bindSamplerView: UInt32 = 1 << 3
    public static let clearColor0: UInt32 = 1 << 2

    public static func header(_ cmd: UInt32, _ obj: UInt32, _ len: UInt32) -> UInt32 { cmd | obj << 8 | len << 16 }

    /// A 2D RGBA8 render target.
    public static func target(width: UInt32, height: UInt32) -> VirglResourceInfo {
        VirglResourceInfo(
            target: 2, format: formatR8G8B8A8Unorm, bind: bindRenderTarget | bindSamplerView, width: width,
            height: height, bytesPerTexel: 4)
    }

    /// Surface `surface` on resource `resource`, framebuffer = that surface, CLEAR colour 0 to `rgba`.
    public static func words(resource: UInt32, surface: UInt32, rgba: (Float, Float, Float, Float)) -> [UInt32] {
        var w: [UInt32] = [
            header(createObject, objectSurface, 5), surface, resource, formatR8G8B8A8Unorm, 0, 0,
            header(setFramebufferState, 0, 3), 1, 0, surface,
            header(clear, 0, 8), clearColor0,
            rgba.0.bitPattern, rgba.1.bitPattern, rgba.2.bitPattern, rgba.3.bitPattern,
        ]
        let depth = (1.0 as Double).bitPattern
        w += [UInt32(truncatingIfNeeded: depth), UInt32(truncatingIfNeeded: depth >> 32), 0]
        return w
    }
}

/// The checks a transport must pass, shared by the XCTest suites and the in-guest program.
public enum TransportChecks {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// CLEAR a `width`×`height` render target and read back every pixel.
    public static func clearAndReadBack(_ t: VirglTransport, width w: UInt32 = 64, height h: UInt32 = 32) throws {
        let rt = try t.createResource(ClearStream.target(width: w, height: h))
        defer { t.destroyResource(rt) }
        let words = ClearStream.words(resource: rt.id, surface: 1, rgba: (1, 0.5, 0.25, 1))
        try words.withUnsafeBufferPointer { try t.submit($0) }
        var pixels = [UInt8](repeating: 0, count: Int(w * h * 4))
        try pixels.withUnsafeMutableBytes {
            try t.read(rt, level: 0, box: VirglBox(width: w, height: h), into: $0, stride: Int(w) * 4, layerStride: Int(w * h) * 4)
        }
        for i in stride(from: 0, to: pixels.count, by: 4) where Array(pixels[i..<i + 4]) != [255, 128, 64, 255] {
            throw Failure(description: "pixel \(i / 4) is \(Array(pixels[i..<i + 4])), want [255, 128, 64, 255]")
        }
    }

    /// Write a whole texture, read a 5×3 sub-box into padded rows.
    public static func writeThenReadSubBox(_ t: VirglTransport) throws {
        let w: UInt32 = 16, h: UInt32 = 8
        let res = try t.createResource(ClearStream.target(width: w, height: h))
        defer { t.destroyResource(res) }
        let full = (0..<Int(w * h * 4)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try full.withUnsafeBytes {
            try t.write(res, level: 0, box: VirglBox(width: w, height: h), data: $0, stride: Int(w) * 4, layerStride: 0)
        }
        var sub = [UInt8](repeating: 0xEE, count: 32 * 3)
        try sub.withUnsafeMutableBytes {
            try t.read(res, level: 0, box: VirglBox(x: 3, y: 2, width: 5, height: 3), into: $0, stride: 32, layerStride: 0)
        }
        for row in 0..<3 {
            let expected = Array(full[((2 + row) * Int(w) + 3) * 4..<((2 + row) * Int(w) + 8) * 4])
            guard Array(sub[row * 32..<row * 32 + 20]) == expected else {
                throw Failure(description: "sub-box row \(row) is \(Array(sub[row * 32..<row * 32 + 20])), want \(expected)")
            }
            guard sub[row * 32 + 20..<row * 32 + 32].allSatisfy({ $0 == 0xEE }) else {
                throw Failure(description: "sub-box read wrote past its rows")
            }
        }
    }

    /// The renderer string in `virgl_caps_v2` (offset 696, 64 bytes).
    public static func rendererString(_ caps: [UInt8]) -> String {
        guard caps.count >= 760 else { return "" }
        return String(decoding: caps[696..<760].prefix { $0 != 0 }, as: UTF8.self)
    }
}
