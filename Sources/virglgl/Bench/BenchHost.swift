import ArgumentParser
import Foundation

/// The host side of a benchmark: one `virgl_test_server` on a private socket and the counting proxy in front of
/// it at /tmp/.virgl_test (the only path Mesa 22.3's vtest client connects to; VirglGL is pointed there too, so
/// both drivers reach the same server the same way). Runs `bench-run` children against it.
final class BenchHost {
    static let publicSocket = "/tmp/.virgl_test"
    let logs: URL
    let executable: String
    let directory: String
    private var server: Process?
    private var proxy: BenchChild?
    let proxyReport: URL

    init(logs: URL) throws {
        self.logs = logs
        executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let serverPath = BenchHost.which("virgl_test_server") else {
            throw ValidationError("virgl_test_server is not installed (Debian package virgl-server; make deps installs it)")
        }
        if let fd = VtestProxy.connectUnix(BenchHost.publicSocket) {
            close(fd)
            throw ValidationError("\(BenchHost.publicSocket) is in use by another vtest server; stop it first (Mesa's client only uses that path)")
        }
        var template = Array("/tmp/virglgl-bench.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ValidationError("mkdtemp failed: \(String(cString: strerror(errno)))") }
        directory = String(cString: made)
        proxyReport = logs.appendingPathComponent("proxy.txt")

        let s = Process()
        s.executableURL = URL(fileURLWithPath: serverPath)
        s.arguments = ["--use-egl-surfaceless", "--socket-path=\(directory)/server.sock"]
        var env = ProcessInfo.processInfo.environment
        env["__EGL_VENDOR_LIBRARY_FILENAMES"] = nil  // or the server would render through VirglGL itself
        s.environment = env
        _ = FileManager.default.createFile(atPath: logs.appendingPathComponent("server.log").path, contents: nil)
        let log = try FileHandle(forWritingTo: logs.appendingPathComponent("server.log"))
        s.standardOutput = log
        s.standardError = log
        try s.run()
        server = s
        guard BenchHost.waitForSocket("\(directory)/server.sock") else {
            stop()
            throw ValidationError("virgl_test_server did not start; see \(logs.path)/server.log")
        }
        proxy = try BenchChild(
            executable: executable,
            arguments: ["vtest-proxy", "--listen", BenchHost.publicSocket, "--to", "\(directory)/server.sock", "--report", proxyReport.path],
            environment: env, logs: logs, name: "proxy")
        guard BenchHost.waitForSocket(BenchHost.publicSocket) else {
            let why = proxy?.failure ?? "?"
            stop()
            throw ValidationError("the vtest proxy did not start: \(why)")
        }
    }

    static func which(_ program: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func waitForSocket(_ path: String) -> Bool {
        for _ in 0..<100 {
            if let fd = VtestProxy.connectUnix(path) {
                close(fd)
                return true
            }
            usleep(50_000)
        }
        return false
    }

    func stop() {
        if let p = proxy?.process, p.isRunning {
            p.terminate()
            p.waitUntilExit()
        }
        proxy = nil
        if let s = server, s.isRunning {
            s.terminate()
            s.waitUntilExit()
        }
        server = nil
        unlink("\(directory)/server.sock")
        unlink("\(directory)/virglgl-nodebug")
        rmdir(directory)
        if let fd = VtestProxy.connectUnix(BenchHost.publicSocket) { close(fd) } else { unlink(BenchHost.publicSocket) }
    }

    /// The proxy's `mark` lines so far: client→host byte totals.
    func marks() -> [Int] {
        let text = (try? String(contentsOf: proxyReport, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("mark ") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("c2h=") }.flatMap { Int($0.dropFirst(4)) }
        }
    }

    /// One `bench-run` child; bytes per frame from the two marks it made at the proxy.
    func run(driver: BenchDriver, arguments: [String], name: String, timeout: Double) -> BenchRunResult {
        let before = marks().count
        var result = BenchRunResult()
        do {
            let child = try BenchChild(
                executable: executable, arguments: ["bench-run", "--driver", driver.runDriver, "--label", driver.rawValue] + arguments,
                environment: driver.environment(proxySocket: BenchHost.publicSocket, proxyPID: proxy?.process.processIdentifier),
                logs: logs, name: name)
            guard child.wait(until: Date() + timeout) else {
                result.error = "timed out after \(Int(timeout)) s"
                return result
            }
            guard child.process.terminationStatus == 0, let fields = child.result else {
                result.error = child.failure
                return result
            }
            result.fields = fields
        } catch {
            result.error = "\(error)"
            return result
        }
        usleep(20_000)
        let m = marks()
        if driver.usesProxy, m.count == before + 2, let frames = result.number("frames"), frames > 0 {
            result.socketBytesPerFrame = Double(m[before + 1] - m[before]) / frames
        }
        return result
    }

    /// `clients` copies of the storm workload (2,000 draws a frame) at once, their timed frames started together;
    /// the total is all their frames over the span from the first start to the last end.
    func density(driver: BenchDriver, clients: Int, timeout: Double) -> BenchDensityResult {
        var env = driver.environment(proxySocket: BenchHost.publicSocket, proxyPID: nil)
        env["VIRGLGL_BENCH_START_AT"] = String(format: "%.3f", Date().timeIntervalSince1970 + 2 + 0.6 * Double(clients))
        var children: [BenchChild] = []
        do {
            for k in 0..<clients {
                children.append(try BenchChild(
                    executable: executable,
                    arguments: ["bench-run", "--driver", driver.runDriver, "--label", driver.rawValue, "--workload", "storm",
                                "--draws", "2000", "--frames", "30", "--width", "256", "--height", "256"],
                    environment: env, logs: logs, name: "density-\(clients)-\(driver.rawValue)-\(k)"))
            }
        } catch {
            children.forEach { $0.wait(until: Date()) }
            return BenchDensityResult(error: "\(error)")
        }
        let deadline = Date() + timeout
        var results: [[String: Any]] = []
        for c in children {
            guard c.wait(until: deadline), c.process.terminationStatus == 0, let r = c.result else {
                children.forEach { $0.wait(until: Date()) }
                return BenchDensityResult(error: c.failure)
            }
            results.append(r)
        }
        func n(_ r: [String: Any], _ k: String) -> Double { (r[k] as? NSNumber)?.doubleValue ?? 0 }
        let frames = results.reduce(0) { $0 + n($1, "frames") }
        let span = (results.map { n($0, "t_end") }.max() ?? 0) - (results.map { n($0, "t_start") }.min() ?? 0)
        return span > 0 ? BenchDensityResult(fps: frames / span) : BenchDensityResult(error: "no time span")
    }

    /// Client instructions per draw on the storm workload under callgrind: the difference between a 3-frame and
    /// a 1-frame run (so start-up and set-up cancel), over the draws in between; every client thread counts.
    func callgrind(driver: BenchDriver) -> BenchCallgrindResult {
        guard let valgrind = BenchHost.which("valgrind") else { return BenchCallgrindResult(error: "valgrind is not installed") }
        // Valgrind 3.19 gives up on the DWARF 5 debug info Swift writes: it runs a copy without it.
        let stripped = "\(directory)/virglgl-nodebug"
        if !FileManager.default.fileExists(atPath: stripped) {
            guard let objcopy = BenchHost.which("objcopy"),
                  let c = try? BenchChild(executable: objcopy, arguments: ["--strip-debug", executable, stripped],
                                          environment: ProcessInfo.processInfo.environment, logs: logs, name: "objcopy"),
                  c.wait(until: Date() + 60), c.process.terminationStatus == 0
            else { return BenchCallgrindResult(error: "objcopy --strip-debug failed (binutils)") }
        }
        let draws = 1000
        var totals: [Double] = []
        for frames in [1, 3] {
            let file = logs.appendingPathComponent("callgrind-\(driver.rawValue)-\(frames).out")
            do {
                let child = try BenchChild(
                    executable: valgrind,
                    arguments: ["--tool=callgrind", "--callgrind-out-file=\(file.path)", stripped, "bench-run", "--driver",
                                driver.runDriver, "--workload", "storm", "--draws", "\(draws)", "--frames", "\(frames)",
                                "--warmup", "1", "--width", "128", "--height", "128"],
                    environment: driver.environment(proxySocket: BenchHost.publicSocket, proxyPID: nil), logs: logs,
                    name: "callgrind-\(driver.rawValue)-\(frames)")
                guard child.wait(until: Date() + 300), child.process.terminationStatus == 0 else {
                    return BenchCallgrindResult(error: child.failure)
                }
                let text = try String(contentsOf: file, encoding: .utf8)
                guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("summary:") || $0.hasPrefix("totals:") }),
                      let ir = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else {
                    return BenchCallgrindResult(error: "no summary in \(file.path)")
                }
                totals.append(ir)
            } catch {
                return BenchCallgrindResult(error: "\(error)")
            }
        }
        return BenchCallgrindResult(instructionsPerDraw: (totals[1] - totals[0]) / Double(2 * draws))
    }
}
