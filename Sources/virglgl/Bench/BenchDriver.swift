import Foundation

/// A driver the orchestrator compares: how a `bench-run` child is started for it.
enum BenchDriver: String, CaseIterable {
    /// VirglGL over vtest, through the counting proxy.
    case virglglVtest = "virglgl-vtest"
    /// Mesa's own virgl driver over vtest, through the same proxy and server.
    case virpipe
    /// Mesa llvmpipe with no virtualisation: the host's physical limit.
    case native
    /// VirglGL on in-process virglrenderer (reference).
    case virglglInprocess = "virglgl-inproc"

    /// The table heading.
    var title: String {
        switch self {
        case .virglglVtest: return "VirglGL vtest"
        case .virpipe: return "Mesa virpipe vtest"
        case .native: return "native llvmpipe"
        case .virglglInprocess: return "VirglGL in-process"
        }
    }

    /// Whether its stream goes through the proxy (bytes per frame measured at the socket).
    var usesProxy: Bool { self == .virglglVtest || self == .virpipe }

    /// `bench-run --driver` for it.
    var runDriver: String { self == .virglglVtest || self == .virglglInprocess ? "virglgl" : "egl" }

    /// The child's environment: the caller's, minus anything that would pick another driver, plus this one's.
    func environment(proxySocket: String, proxyPID: Int32?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for k in ["__EGL_VENDOR_LIBRARY_FILENAMES", "LIBGL_ALWAYS_SOFTWARE", "GALLIUM_DRIVER", "VIRGLGL_TRANSPORT",
                  "VIRGLGL_VTEST_SOCKET", "VIRGLGL_BENCH_PROXY_PID", "VIRGLGL_BENCH_START_AT", "VIRGLGL_DEBUG"] {
            env[k] = nil
        }
        switch self {
        case .virglglVtest:
            env["VIRGLGL_TRANSPORT"] = "vtest"
            env["VIRGLGL_VTEST_SOCKET"] = proxySocket
        case .virpipe:
            env["LIBGL_ALWAYS_SOFTWARE"] = "1"
            env["GALLIUM_DRIVER"] = "virpipe"
        case .native: break
        case .virglglInprocess: env["VIRGLGL_TRANSPORT"] = "inprocess"
        }
        if usesProxy, let proxyPID { env["VIRGLGL_BENCH_PROXY_PID"] = "\(proxyPID)" }
        return env
    }
}

/// A child process with its output in files, waited for with a deadline.
final class BenchChild {
    let process = Process()
    let stdoutURL: URL, stderrURL: URL

    init(executable: String, arguments: [String], environment: [String: String], logs: URL, name: String) throws {
        stdoutURL = logs.appendingPathComponent("\(name).out")
        stderrURL = logs.appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until it exits or `deadline` passes (then kills it). True when it exited by itself.
    @discardableResult
    func wait(until deadline: Date) -> Bool {
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return false
            }
            usleep(20_000)
        }
        return true
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The last JSON object line it printed.
    var result: [String: Any]? {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object
    }

    /// Why it failed, in one line: its last stderr line that says something.
    var failure: String {
        let lines = stderr.split(separator: "\n").filter { !$0.hasPrefix("virglrenderer") }
        return lines.last.map(String.init) ?? "exit status \(process.terminationStatus)"
    }
}
