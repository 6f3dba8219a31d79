import Foundation
import GLBinding
import GLCore
import GoldenScenes

/// What one workload measured, beyond frames and time: named figures (MB/s, ms per program) for the result line.
typealias BenchFigures = [(String, Double)]

/// One benchmark workload: a small GL 3.3 core program written once against `GLBinding`, so every driver runs
/// exactly the same calls. `setUp` is not timed; `frame` is, and ends with `glFinish` so the host has done the work.
protocol BenchWorkload: AnyObject {
    /// The name `--workload` takes.
    static var name: String { get }
    /// Frames when `--frames` is not given (chosen so `make bench` stays short).
    static var defaultFrames: Int { get }
    /// Draw calls one frame makes (for per-draw figures; 0 when draws are not the point).
    var drawsPerFrame: Int { get }
    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws
    func setUp() throws
    func frame(_ index: Int)
    /// Extra figures after the timed frames (may run more GL work of its own).
    func figures(frames: Int, seconds: Double) throws -> BenchFigures
    /// One pixel of the final image (a cheap check that every driver drew the same thing).
    func probe() -> [UInt8]
}

extension BenchWorkload {
    func figures(frames: Int, seconds: Double) throws -> BenchFigures { [] }
}

/// Every workload, by name.
enum BenchWorkloads {
    static let all: [any BenchWorkload.Type] = [
        DrawStormWorkload.self, StateChurnWorkload.self, SceneWorkload.self, TransferWorkload.self, CompileWorkload.self,
    ]
    static var names: [String] { all.map { $0.name } }
    static func named(_ name: String) -> (any BenchWorkload.Type)? { all.first { $0.name == name } }
}

extension GLBinding {
    /// Throws when GL has recorded an error (so a workload that silently draws nothing is caught).
    func checkError(_ what: String) throws {
        let e = glGetError()
        guard e == GL_NO_ERROR else { throw SceneError("\(what): GL error \(GLEnumNames.describe(e))") }
    }

    /// The RGBA8 pixel at (x, y) of the bound read framebuffer.
    func readPixel(x: Int, y: Int) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glPixelStorei(GL_PACK_ALIGNMENT, 1)
        p.withUnsafeMutableBytes { glReadPixels(GLint(x), GLint(y), 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress) }
        return p
    }

    /// An element buffer of 32-bit indices bound to the current vertex array.
    func indexBuffer(_ indices: [UInt32]) {
        buffer(GL_ELEMENT_ARRAY_BUFFER, indices)
    }
}

/// Deterministic pseudo-random numbers (the same scene on every driver and every run).
struct BenchRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    /// A float in [0, 1).
    mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }
}
