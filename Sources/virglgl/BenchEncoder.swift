import ArgumentParser
import Foundation
import VirglProtocol

/// `virglgl bench-encoder`: how fast the generated encoders write a draw-heavy stream (not a test: numbers).
struct BenchEncoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-encoder", abstract: "Measure the encoder's dwords per second on a draw-heavy stream.")

    @Option(help: "Draws per frame.") var draws = 10_000
    @Option(help: "Frames.") var frames = 20

    func run() {
        var submitted = 0
        let b = VirglCommandBuffer { submitted += $0.count }
        var constants = [UInt32](repeating: 0, count: 16)
        let start = DispatchTime.now().uptimeNanoseconds
        for frame in 0..<frames {
            for draw in 0..<draws {
                // Per draw: a uniform update, a vertex buffer, a sampler view, the draw (the storm of issue 6).
                constants[0] = UInt32(truncatingIfNeeded: frame &* draws &+ draw)
                _ = constants.withUnsafeBufferPointer { b.encodeSetConstantBuffer(stage: .vertex, index: 0, words: $0) }
                b.encodeSetVertexBuffers(buffers: [VirglVertexBuffer(stride: 20, offset: UInt32(draw % 64) * 60, resHandle: 2)])
                b.encodeSetSamplerViews(shaderType: 1, startSlot: 0, viewHandles: [UInt32(draw % 4 + 100)])
                b.encodeDrawVBO(
                    start: 0, count: 3, mode: VirglPrimitive.triangles.rawValue, indexed: 0, instanceCount: 1, indexBias: 0,
                    startInstance: 0, primitiveRestart: 0, restartIndex: 0, minIndex: 0, maxIndex: 2, countFromSO: 0)
            }
            b.flush()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perDraw = Double(submitted) / Double(draws * frames)
        print(String(format: "encoder: %d draws in %.3f s: %.1f M dwords/s, %.0f ns/draw, %.0f dwords/draw, %d flushes",
            draws * frames, seconds, Double(submitted) / seconds / 1e6, seconds / Double(draws * frames) * 1e9, perDraw, b.autoFlushes))
    }
}
