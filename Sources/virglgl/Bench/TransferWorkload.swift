import Foundation
import GLBinding
import GLCore
import GoldenScenes

/// Workload 4, transfers: each frame uploads 4 MiB with `glBufferSubData`, 4 MiB with `glTexSubImage2D`
/// (1024×1024 RGBA8), and reads a `width`×`height` RGBA8 target back with `glReadPixels`; each step ends with
/// the host done (`glFinish`, or the readback itself) and is timed on its own, for MB/s figures.
final class TransferWorkload: BenchWorkload {
    static let name = "transfer"
    static let defaultFrames = 10
    let gl: GLBinding
    let width: Int, height: Int
    let drawsPerFrame = 0
    private let bytes = 4 << 20
    private var buffer: GLuint = 0, texture: GLuint = 0
    private var source: [UInt8] = []
    private var readback: [UInt8] = []
    private var seconds = (buffer: 0.0, texture: 0.0, readback: 0.0)

    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws {
        self.gl = gl
        self.width = width
        self.height = height
    }

    func setUp() throws {
        source = (0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        readback = [UInt8](repeating: 0, count: width * height * 4)
        glGenBuffersAndStore()
        texture = gl.texture2D(width: 1024, height: 1024, pixels: [UInt8](repeating: 0, count: bytes))
        _ = try gl.framebuffer(width: width, height: height)
        gl.glBindTexture(GL_TEXTURE_2D, texture)
        gl.glPixelStorei(GL_PACK_ALIGNMENT, 4)
        gl.glPixelStorei(GL_UNPACK_ALIGNMENT, 4)
        try gl.checkError("transfer set-up")
    }

    private func glGenBuffersAndStore() {
        gl.glGenBuffers(1, &buffer)
        gl.glBindBuffer(GL_ARRAY_BUFFER, buffer)
        gl.glBufferData(GL_ARRAY_BUFFER, bytes, nil, GL_DYNAMIC_DRAW)
    }

    private func timed(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func frame(_ index: Int) {
        source[0] = UInt8(truncatingIfNeeded: index)
        seconds.buffer += timed {
            source.withUnsafeBytes { gl.glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, $0.baseAddress) }
            gl.glFinish()
        }
        seconds.texture += timed {
            source.withUnsafeBytes { gl.glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 1024, 1024, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress) }
            gl.glFinish()
        }
        gl.glClearColor(Float(index % 7) / 7, 0.5, 0.25, 1)
        gl.glClear(GL_COLOR_BUFFER_BIT)
        gl.glFinish()
        seconds.readback += timed {
            readback.withUnsafeMutableBytes { gl.glReadPixels(0, 0, GLsizei(width), GLsizei(height), GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress) }
        }
    }

    func figures(frames: Int, seconds total: Double) throws -> BenchFigures {
        try gl.checkError("transfer")
        let mb = Double(bytes) / 1e6 * Double(frames), readMB = Double(width * height * 4) / 1e6 * Double(frames)
        return [
            ("buffer_upload_mbps", mb / seconds.buffer), ("texture_upload_mbps", mb / seconds.texture),
            ("readback_mbps", readMB / seconds.readback),
        ]
    }

    func probe() -> [UInt8] { Array(readback[0..<4]) }
}
