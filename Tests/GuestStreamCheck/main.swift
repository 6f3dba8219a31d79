// Runs inside a QEMU guest with a 3D virtio-gpu (scripts/test-virtio-guest.sh): the virtio-gpu transport's
// stream checks against the real kernel driver. Exit status 0 when every check passes.
import Foundation
import GoldenScenes
import VirglTestSupport
import VirglTransport

#if canImport(Glibc)
import Glibc
#endif

func check(_ name: String, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        print("guest-check: \(name): ok")
        return true
    } catch {
        print("guest-check: \(name): FAILED: \(error)")
        return false
    }
}

var ok = true
do {
    let t = try VirtioGPUTransport()
    print("guest-check: \(t.description), capset \(t.capsetID)")
    ok = check("caps") {
        let caps = try t.readCaps()
        let renderer = TransportChecks.rendererString(caps)
        let glsl = caps.count >= 268 ? caps.withUnsafeBytes { $0.load(fromByteOffset: 264, as: UInt32.self) } : 0
        print("guest-check: host renderer '\(renderer)', GLSL level \(glsl), \(caps.count) bytes of caps")
        guard caps.count == 1376, renderer.lowercased().contains("llvmpipe"), glsl >= 330 else {
            throw TransportChecks.Failure(description: "unexpected caps")
        }
    } && ok
    ok = check("clear and read back every pixel") { try TransportChecks.clearAndReadBack(t) } && ok
    ok = check("write, then read a sub-box") { try TransportChecks.writeThenReadSubBox(t) } && ok
    ok = check("occlusion and timestamp queries") { try TransportChecks.queries(t) } && ok
    // The hand-built triangle draw against native Mesa's rendering of the same triangle (the first argument:
    // Golden/llvmpipe/vertex_colors.png, copied into the guest).
    ok = check("hand-built draw equals native llvmpipe") {
        let reference = try RGBAImage(png: URL(fileURLWithPath: CommandLine.arguments[1]))
        let image = RGBAImage(glRows: try DrawStream.render(t), width: 256, height: 256)
        let c = ImageComparison(actual: image, expected: reference)
        guard c.mismatched == 0 else {
            throw TransportChecks.Failure(description: "\(c.mismatched) pixels differ (max \(c.maxDifference))")
        }
    } && ok
} catch {
    print("guest-check: FAILED: \(error)")
    ok = false
}
exit(ok ? 0 : 1)
