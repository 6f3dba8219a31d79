import Foundation

/// Everything one `virglgl bench` measured, and its three outputs: `report.md` (tables with VirglGL/virpipe and
/// VirglGL/native ratios), `results.csv` (one measurement a row) and `chart.svg`.
struct BenchReport {
    /// (workload, driver) → result.
    var runs: [String: [BenchDriver: BenchRunResult]] = [:]
    var workloadOrder: [String] = []
    var densityRuns: [Int: [BenchDriver: BenchDensityResult]] = [:]
    var callgrind: [BenchDriver: BenchCallgrindResult] = [:]
    var elapsed = 0.0
    var repeats = 1

    mutating func add(workload: String, driver: BenchDriver, _ r: BenchRunResult) {
        if runs[workload] == nil { workloadOrder.append(workload) }
        runs[workload, default: [:]][driver] = r
    }
    mutating func addDensity(driver: BenchDriver, clients: Int, _ r: BenchDensityResult) { densityRuns[clients, default: [:]][driver] = r }
    mutating func addCallgrind(driver: BenchDriver, _ r: BenchCallgrindResult) { callgrind[driver] = r }

    /// A row of the tables: a name, whether more is better, and how to read it from a result.
    struct Metric {
        let key: String, title: String, higherIsBetter: Bool
        let value: (BenchRunResult) -> Double?
    }

    static func metrics(for workload: String) -> [Metric] {
        var m: [Metric] = [
            Metric(key: "fps", title: "frames/s", higherIsBetter: true) { $0.number("fps") },
            Metric(key: "cpu_ms_per_frame", title: "client CPU ms/frame", higherIsBetter: false) { $0.number("cpu_ms_per_frame") },
            Metric(key: "bytes_per_frame", title: "bytes/frame to host", higherIsBetter: false) {
                $0.socketBytesPerFrame ?? $0.number("virglgl_bytes_per_frame")
            },
        ]
        let extra: [(String, String, Bool)]
        switch workload {
        case TransferWorkload.name:
            extra = [("buffer_upload_mbps", "buffer upload MB/s", true), ("texture_upload_mbps", "texture upload MB/s", true),
                     ("readback_mbps", "glReadPixels MB/s", true)]
        case CompileWorkload.name:
            extra = [("ms_per_program_cold", "ms/program, cold", false), ("ms_per_program_cached", "ms/program, same source again", false)]
        default:
            extra = [("cpu_us_per_draw", "client CPU µs/draw", false)]
        }
        for (key, title, higher) in extra {
            if key == "cpu_us_per_draw" {
                m.append(Metric(key: key, title: title, higherIsBetter: higher) { r in
                    guard let cpu = r.number("cpu_ms_per_frame"), let d = r.number("draws_per_frame"), d > 0 else { return nil }
                    return cpu * 1000 / d
                })
            } else {
                m.append(Metric(key: key, title: title, higherIsBetter: higher) { $0.number(key) })
            }
        }
        return m
    }

    static func format(_ v: Double?) -> String {
        guard let v else { return "—" }
        if v >= 1e6 { return String(format: "%.2f M", v / 1e6) }
        if v >= 1e4 { return String(format: "%.0f", v) }
        if v >= 100 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }

    static func ratio(_ a: Double?, _ b: Double?) -> String {
        guard let a, let b, b > 0 else { return "—" }
        return String(format: "%.2f×", a / b)
    }

    func markdown(drivers: [BenchDriver]) -> String {
        var s = "# VirglGL benchmarks\n\n"
        s += "Written by `virglgl bench` (\(String(format: "%.0f", elapsed)) s). Each column is one run in its own process "
        s += "(storm, churn, scene: of \(repeats) interleaved rounds, the run with the median frames/s); "
        s += "vtest drivers talk to the same `virgl_test_server` through the counting proxy (bytes/frame counted there; "
        s += "in-process VirglGL reports its own stream). Client CPU is getrusage of the client process: for native "
        s += "llvmpipe and in-process VirglGL it includes the rendering threads. Ratios are VirglGL over vtest divided "
        s += "by the other driver (for frames/s and MB/s more is better; for CPU, bytes and ms less is better).\n\n"
        let heads = drivers.map(\.title)
        let hasVirpipe = drivers.contains(.virpipe), hasNative = drivers.contains(.native)
        for w in workloadOrder {
            let r = runs[w] ?? [:]
            s += "## \(w)\n\n| metric | " + heads.joined(separator: " | ")
            s += (hasVirpipe ? " | VirglGL/virpipe" : "") + (hasNative ? " | VirglGL/native" : "") + " |\n"
            s += "|---|" + drivers.map { _ in "---:|" }.joined() + (hasVirpipe ? "---:|" : "") + (hasNative ? "---:|" : "") + "\n"
            for m in Self.metrics(for: w) {
                let values = drivers.map { d in r[d].flatMap { $0.error == nil ? m.value($0) : nil } }
                if values.allSatisfy({ $0 == nil }) { continue }
                let mine = r[.virglglVtest].flatMap(m.value)
                s += "| \(m.title) | " + values.map(Self.format).joined(separator: " | ")
                if hasVirpipe { s += " | " + Self.ratio(mine, r[.virpipe].flatMap(m.value)) }
                if hasNative { s += " | " + Self.ratio(mine, r[.native].flatMap(m.value)) }
                s += " |\n"
            }
            for d in drivers { if let e = r[d]?.error { s += "\n**\(d.title) failed:** \(e)\n" } }
            s += "\n"
        }
        if !densityRuns.isEmpty {
            let ds = drivers.filter(\.usesProxy)
            s += "## density: N clients at once (storm, 2,000 draws/frame, 256×256), total frames/s\n\n"
            s += "| clients | " + ds.map(\.title).joined(separator: " | ") + (ds.count == 2 ? " | VirglGL/virpipe" : "") + " |\n"
            s += "|---:|" + ds.map { _ in "---:|" }.joined() + (ds.count == 2 ? "---:|" : "") + "\n"
            for n in densityRuns.keys.sorted() {
                let row = densityRuns[n]!
                s += "| \(n) | " + ds.map { d in row[d].map { $0.fps.map { Self.format($0) } ?? "failed: \($0.error ?? "?")" } ?? "—" }.joined(separator: " | ")
                if ds.count == 2 { s += " | " + Self.ratio(row[.virglglVtest]?.fps, row[.virpipe]?.fps) }
                s += " |\n"
            }
            s += "\n"
        }
        if !callgrind.isEmpty {
            s += "## callgrind: client instructions per draw (storm: a glUniform4f and a glDrawArrays)\n\n"
            s += "| driver | instructions/draw |\n|---|---:|\n"
            for d in drivers where callgrind[d] != nil {
                let c = callgrind[d]!
                s += "| \(d.title) | " + (c.instructionsPerDraw.map { String(format: "%.0f", $0) } ?? "failed: \(c.error ?? "?")") + " |\n"
            }
            s += "\n"
        }
        s += "Renderers: " + Set(runs.values.flatMap { $0.values.compactMap { $0.fields["renderer"] as? String } }).sorted().joined(separator: "; ") + "\n"
        return s
    }

    func csv(drivers: [BenchDriver]) -> String {
        var s = "workload,metric,driver,value\n"
        for w in workloadOrder {
            for m in Self.metrics(for: w) {
                for d in drivers {
                    guard let r = runs[w]?[d], r.error == nil, let v = m.value(r) else { continue }
                    s += "\(w),\(m.key),\(d.rawValue),\(v)\n"
                }
            }
        }
        for n in densityRuns.keys.sorted() {
            for (d, r) in densityRuns[n]!.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                if let f = r.fps { s += "density-\(n),total_fps,\(d.rawValue),\(f)\n" }
            }
        }
        for (d, c) in callgrind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let i = c.instructionsPerDraw { s += "storm,callgrind_instructions_per_draw,\(d.rawValue),\(i)\n" }
        }
        return s
    }

    func write(to directory: URL, drivers: [BenchDriver]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try markdown(drivers: drivers).write(to: directory.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try csv(drivers: drivers).write(to: directory.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        try chart(drivers: drivers).write(to: directory.appendingPathComponent("chart.svg"), atomically: true, encoding: .utf8)
    }
}
