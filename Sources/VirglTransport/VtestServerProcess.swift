import Foundation

/// A private `virgl_test_server` (Debian `virgl-server`) on its own socket, for tests, benchmarks and
/// `virglgl --transport vtest` runs: started on `init`, stopped on `stop()` or deinit.
public final class VtestServerProcess {
    public let socketPath: String
    private let process = Process()
    private let directory: URL

    /// Starts `virgl_test_server --use-egl-surfaceless --socket-path=…` (the `=` matters: with a space the path
    /// is taken as a replay file) and waits until the socket exists.
    public init(executable: String = "/usr/bin/virgl_test_server", extraArguments: [String] = [], startTimeout: Double = 20) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("virglgl-vtest-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("sock").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw VirglTransportError.unavailable("\(executable) is missing (Debian package virgl-server)")
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--use-egl-surfaceless", "--socket-path=\(socketPath)"] + extraArguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(startTimeout)
        while !FileManager.default.fileExists(atPath: socketPath) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw VirglTransportError.unavailable("virgl_test_server did not open \(socketPath) within \(startTimeout) s")
            }
            usleep(10_000)
        }
    }

    /// The server's process id (its forked per-client children are in the same process group).
    public var pid: Int32 { process.processIdentifier }

    /// Kills the server at once, as a crash would: SIGKILL to it and to the children it forked per client.
    public func kill() {
        guard process.isRunning else { return }
        let children = Self.children(of: pid)
        Foundation.kill(pid, SIGKILL)
        for child in children { Foundation.kill(child, SIGKILL) }
        process.waitUntilExit()
    }

    /// Process ids whose parent is `pid` (from /proc/*/stat).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name -> Int32? in
            guard let child = Int32(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// Stops the server and removes its socket directory.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
