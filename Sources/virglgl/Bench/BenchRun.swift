import ArgumentParser
import Foundation
import GLBinding
import GLCore
import GLDriver
import GLOracle

/// `virglgl bench-run`: one workload in this process on one driver; prints one JSON result line on stdout.
///
/// `--driver egl` makes the context through EGL surfaceless (glvnd), so the environment picks the driver: native
/// llvmpipe, Mesa's virgl driver (`LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=virpipe`), or VirglGL's EGL vendor.
/// `--driver virglgl` makes a VirglGL context directly in this process (host from `VIRGLGL_TRANSPORT`), which also
/// reports VirglGL's own dwords per frame.
struct BenchRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-run",
        abstract: "Run one benchmark workload on one driver and print a JSON result line.",
        discussion: "Workloads: \(BenchWorkloads.names.joined(separator: ", ")). With VIRGLGL_BENCH_PROXY_PID set, "
            + "sends that vtest-proxy SIGUSR1 just before and just after the timed frames (its byte counts then "
            + "cover exactly those frames); with VIRGLGL_BENCH_START_AT (Unix seconds), waits until then to start them.")

    @Option(help: "The workload: \(BenchWorkloads.names.joined(separator: ", ")).") var workload: String
    @Option(help: "Timed frames (default: the workload's own).") var frames: Int?
    @Option(help: "Untimed frames first.") var warmup = 2
    @Option(help: "Target width.") var width: Int?
    @Option(help: "Target height.") var height: Int?
    @Option(help: "Draws (storm, churn) or meshes (scene) per frame, instead of the workload's default.") var draws: Int?

    enum Driver: String, ExpressibleByArgument, CaseIterable { case egl, virglgl }
    @Option(help: "egl: through EGL/glvnd (the environment picks the driver); virglgl: VirglGL in this process.")
    var driver: Driver = .egl
    @Option(help: "A label copied into the result line.") var label = ""

    func validate() throws {
        guard BenchWorkloads.named(workload) != nil else {
            throw ValidationError("no workload '\(workload)'; the workloads are \(BenchWorkloads.names.joined(separator: ", "))")
        }
        if let frames, frames < 1 { throw ValidationError("--frames must be at least 1") }
        if warmup < 0 { throw ValidationError("--warmup must not be negative") }
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1") }
        for (name, v) in [("width", width), ("height", height)] {
            if let v, !(1...8192).contains(v) { throw ValidationError("--\(name) must be 1…8192") }
        }
    }

    func run() throws {
        let type = BenchWorkloads.named(workload)!
        let isScene = type == SceneWorkload.self || type == TransferWorkload.self
        let w = width ?? (isScene ? 1280 : 512), h = height ?? (isScene ? 720 : 512)
        let n = frames ?? type.defaultFrames
        var virglContext: GLContext?
        var native: NativeMesaContext?
        let gl: GLBinding
        switch driver {
        case .egl:
            native = try NativeMesaContext(major: 3, minor: 3)
            gl = native!.gl
        case .virglgl:
            let c = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core), host: .environment)
            GLContext.makeCurrent(c)
            virglContext = c
            gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
        }
        let renderer = gl.glGetString(GL_RENDERER).map { String(cString: $0) } ?? "?"
        let w0 = try type.init(gl: gl, width: w, height: h, draws: draws)
        try w0.setUp()
        for k in 0..<warmup { w0.frame(-1 - k) }
        try gl.checkError("\(workload) warm-up")
        let proxy = ProcessInfo.processInfo.environment["VIRGLGL_BENCH_PROXY_PID"].flatMap { pid_t($0) }
        func mark() {
            guard let proxy else { return }
            kill(proxy, SIGUSR1)
            usleep(50_000)
        }
        if let at = ProcessInfo.processInfo.environment["VIRGLGL_BENCH_START_AT"].flatMap(Double.init) {
            // Density runs: every client starts its timed frames at the same moment.
            let wait = at - Date().timeIntervalSince1970
            if wait > 0 { usleep(useconds_t(min(wait, 60) * 1e6)) }
        }
        mark()
        let startedAt = Date().timeIntervalSince1970
        let dwordsBefore = virglContext?.submittedDwords ?? 0
        let cpuBefore = BenchClock.cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        for k in 0..<n { w0.frame(k) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = BenchClock.cpuSeconds() - cpuBefore
        let dwords = (virglContext?.submittedDwords ?? 0) - dwordsBefore
        let endedAt = Date().timeIntervalSince1970
        mark()
        try gl.checkError(workload)
        var fields: [(String, Any)] = [
            ("workload", workload), ("label", label), ("renderer", renderer), ("frames", n), ("width", w), ("height", h),
            ("draws_per_frame", w0.drawsPerFrame), ("seconds", seconds), ("fps", Double(n) / seconds),
            ("cpu_ms_per_frame", cpu / Double(n) * 1000), ("t_start", startedAt), ("t_end", endedAt),
        ]
        if virglContext != nil { fields.append(("virglgl_bytes_per_frame", Double(dwords * 4) / Double(n))) }
        for (k, v) in try w0.figures(frames: n, seconds: seconds) { fields.append((k, v)) }
        fields.append(("probe", w0.probe().map(Int.init)))
        print(BenchJSON.line(fields))
        withExtendedLifetime(native) {}
        if virglContext != nil { GLContext.makeCurrent(nil) }
    }
}

/// Clocks for the result line.
enum BenchClock {
    /// User + system CPU seconds of this process (all its threads) so far.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(u.ru_utime) + s(u.ru_stime)
    }
}

/// One-line JSON in the field order given (JSONSerialization would reorder the keys).
enum BenchJSON {
    static func line(_ fields: [(String, Any)]) -> String {
        "{" + fields.map { "\"\($0.0)\": \(value($0.1))" }.joined(separator: ", ") + "}"
    }

    static func value(_ v: Any) -> String {
        switch v {
        case let s as String:
            let escaped = s.unicodeScalars.map { c -> String in
                switch c {
                case "\"": return "\\\""
                case "\\": return "\\\\"
                case _ where c.value < 0x20: return String(format: "\\u%04x", c.value)
                default: return String(c)
                }
            }.joined()
            return "\"\(escaped)\""
        case let d as Double: return d.isFinite ? (d > 1e9 ? String(format: "%.3f", d) : String(format: "%.4g", d)) : "null"
        case let i as Int: return "\(i)"
        case let a as [Int]: return "[" + a.map(String.init).joined(separator: ", ") + "]"
        default: return "null"
        }
    }
}
