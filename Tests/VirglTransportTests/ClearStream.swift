import Foundation
import VirglTransport

/// Hand-encoded virgl streams for transport tests: the wire words written out from virglrenderer 0.10.4's
/// protocol facts, independently of the VirglProtocol encoder.
enum ClearStream {
    static let createObject: UInt32 = 1, setFramebufferState: UInt32 = 5, clear: UInt32 = 7
    static let objectSurface: UInt32 = 8
    static let formatR8G8B8A8Unorm: UInt32 = 67
    static let bindRenderTarget: UInt32 = 1 << 1, bindSamplerView: UInt32 = 1 << 3
    static let clearColor0: UInt32 = 1 << 2

    static func header(_ cmd: UInt32, _ obj: UInt32, _ len: UInt32) -> UInt32 { cmd | obj << 8 | len << 16 }

    /// A 2D RGBA8 render target.
    static func target(width: UInt32, height: UInt32) -> VirglResourceInfo {
        VirglResourceInfo(
            target: 2, format: formatR8G8B8A8Unorm, bind: bindRenderTarget | bindSamplerView, width: width,
            height: height, bytesPerTexel: 4)
    }

    /// Surface `surface` on resource `resource`, framebuffer = that surface, CLEAR colour 0 to `rgba`.
    static func words(resource: UInt32, surface: UInt32, rgba: (Float, Float, Float, Float)) -> [UInt32] {
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
