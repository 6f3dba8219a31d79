import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private `virgl_test_server` (Debian `virgl-server`) on its own socket, for tests, benchmarks and
/// `virglgl --transport vtest` runs: started on `init`, stopped on `stop()` or deinit. It runs in its own
/// process group, so stopping it also stops the children it forks per client; nothing here waits unbounded.
public final class VtestServerProcess {
    public let socketPath: String
    /// The server's process id (also its process group id).
    public let pid: pid_t
    private let directory: URL
    private var exited = false

    /// Starts `virgl_test_server --use-egl-surfaceless --socket-path=…` (the `=` matters: with a space the path
    /// is taken as a replay file) and waits until the socket exists.
    public init(executable: String = "/usr/bin/virgl_test_server", extraArguments: [String] = [], startTimeout: Double = 20) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw VirglTransportError.unavailable("\(executable) is missing (Debian package virgl-server)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("virglgl-vtest-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("sock").path
        let arguments = [executable, "--use-egl-surfaceless", "--socket-path=\(socketPath)"] + extraArguments
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for a in cArguments { free(a) } }
        var child: pid_t = 0
        // The server must render through the system's EGL: a __EGL_VENDOR_LIBRARY_FILENAMES that lists
        // VirglGL's vendor (scripts/virglgl-env.sh) would make it render through VirglGL itself.
        var environment = ProcessInfo.processInfo.environment.filter { $0.key != "__EGL_VENDOR_LIBRARY_FILENAMES" }
            .map { strdup("\($0.key)=\($0.value)") }
        environment.append(nil)
        defer { environment.forEach { free($0) } }
        let rc = posix_spawn(&child, executable, &actions, &attributes, &cArguments, environment)
        guard rc == 0 else {
            try? FileManager.default.removeItem(at: directory)
            throw VirglTransportError.unavailable("cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        let deadline = Date().addingTimeInterval(startTimeout)
        while !FileManager.default.fileExists(atPath: socketPath) {
            guard isRunning, Date() < deadline else {
                stop()
                throw VirglTransportError.unavailable("virgl_test_server did not open \(socketPath) within \(startTimeout) s")
            }
            usleep(10_000)
        }
    }

    /// True until the server has exited (reaped here).
    public var isRunning: Bool {
        guard !exited else { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno == ECHILD) { exited = true }
        return !exited
    }

    /// Kills the server at once, as a crash would: SIGKILL to its whole process group.
    public func kill() {
        guard isRunning else { return }
        Glibc.kill(-pid, SIGKILL)
        reap(within: 5)
    }

    /// Stops the server: SIGTERM to its process group, then SIGKILL after `grace` seconds; removes its socket
    /// directory.
    public func stop(grace: Double = 2) {
        if isRunning {
            Glibc.kill(-pid, SIGTERM)
            reap(within: grace)
            if isRunning {
                Glibc.kill(-pid, SIGKILL)
                reap(within: 5)
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func reap(within seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(5_000) }
    }

    deinit { stop() }
}
