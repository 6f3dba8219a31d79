import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `virglgl vtest-proxy`: a counting relay between vtest clients and a `virgl_test_server`, so the bytes that
/// reach the host are measured at the socket, the same way for VirglGL and for Mesa's virgl driver.
///
/// It forwards both directions byte for byte and passes on the shared-memory descriptors the server sends with
/// SCM_RIGHTS (a descriptor travels with a one-byte message; the relay keeps it on that byte). On SIGUSR1 it
/// appends `mark c2h=… h2c=… connections=…` (totals so far) to the report; on SIGTERM or SIGINT a `total` line,
/// then it removes its socket and exits.
struct VtestProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vtest-proxy", abstract: "Relay a vtest socket to a virgl_test_server and count the bytes.")

    @Option(help: "The socket path clients connect to (e.g. /tmp/.virgl_test).") var listen: String
    @Option(help: "The server's socket path.") var to: String
    @Option(help: "A file to append mark/total lines to (stderr if not given).") var report: String?

    func validate() throws {
        guard listen.utf8.count < 108, to.utf8.count < 108 else { throw ValidationError("socket paths must be under 108 bytes") }
        guard listen != to else { throw ValidationError("--listen and --to must differ") }
    }

    func run() throws {
        let proxy = try VtestProxy(listenPath: listen, serverPath: to, reportPath: report)
        proxy.serve()
    }
}

/// The relay itself: one listening socket, two threads per client.
final class VtestProxy {
    let listenPath: String, serverPath: String
    let reportPath: String?
    private let listener: Int32
    private let lock = NSLock()
    private var clientToHost = 0, hostToClient = 0, connections = 0
    private var signalSources: [DispatchSourceSignal] = []

    init(listenPath: String, serverPath: String, reportPath: String?) throws {
        self.listenPath = listenPath
        self.serverPath = serverPath
        self.reportPath = reportPath
        if let probe = VtestProxy.connectUnix(listenPath) {
            close(probe)
            throw ValidationError("\(listenPath) is in use by a running server; stop it first")
        }
        unlink(listenPath)
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw ValidationError("socket(): \(String(cString: strerror(errno)))") }
        var addr = VtestProxy.address(listenPath)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(listener, 64) == 0 else {
            throw ValidationError("cannot listen on \(listenPath): \(String(cString: strerror(errno)))")
        }
    }

    static func address(_ path: String) -> sockaddr_un {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        return addr
    }

    /// A connected socket to `path`, or nil.
    static func connectUnix(_ path: String) -> Int32? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var addr = address(path)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    func write(_ line: String) {
        guard let reportPath else { return FileHandle.standardError.write((line + "\n").data(using: .utf8)!) }
        guard let h = FileHandle(forWritingAtPath: reportPath) ?? {
            _ = FileManager.default.createFile(atPath: reportPath, contents: nil)
            return FileHandle(forWritingAtPath: reportPath)
        }() else { return }
        h.seekToEndOfFile()
        h.write((line + "\n").data(using: .utf8)!)
        h.closeFile()
    }

    func totals(_ what: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        return "\(what) c2h=\(clientToHost) h2c=\(hostToClient) connections=\(connections)"
    }

    func serve() {
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGUSR1, SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                if sig == SIGUSR1 { return write(totals("mark")) }
                write(totals("total"))
                unlink(listenPath)
                exit(0)
            }
            source.resume()
            signalSources.append(source)
        }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                write("accept failed: \(String(cString: strerror(errno)))")
                return
            }
            guard let host = VtestProxy.connectUnix(serverPath) else {
                write("no server at \(serverPath): \(String(cString: strerror(errno)))")
                close(client)
                continue
            }
            lock.lock()
            connections += 1
            lock.unlock()
            let pair = VtestProxyConnection(client: client, host: host)
            Thread { self.relay(from: client, to: host, pair: pair, countingClientToHost: true) }.start()
            Thread { self.relay(from: host, to: client, pair: pair, countingClientToHost: false) }.start()
        }
    }

    /// Copies `from` → `to` until either side closes; counts the bytes; passes descriptors on.
    func relay(from: Int32, to: Int32, pair: VtestProxyConnection, countingClientToHost: Bool) {
        let capacity = 1 << 18
        let data = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        let controlCapacity = 256
        let control = UnsafeMutableRawPointer.allocate(byteCount: controlCapacity, alignment: 16)
        defer {
            data.deallocate()
            control.deallocate()
            pair.finished()
        }
        while true {
            var iov = iovec(iov_base: data, iov_len: capacity)
            var msg = msghdr()
            let n: Int = withUnsafeMutablePointer(to: &iov) { iovp in
                msg.msg_iov = iovp
                msg.msg_iovlen = 1
                msg.msg_control = control
                msg.msg_controllen = controlCapacity
                return recvmsg(from, &msg, Int32(MSG_CMSG_CLOEXEC))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            let fds = ControlMessages.rights(control, length: Int(msg.msg_controllen))
            lock.lock()
            if countingClientToHost { clientToHost += n } else { hostToClient += n }
            lock.unlock()
            // The descriptors belong to the last byte read (the kernel ends a read after a message carrying them).
            let ok = fds.isEmpty
                ? sendAll(to, data, n)
                : (n == 1 || sendAll(to, data, n - 1)) && sendWithRights(to, data + (n - 1), fds)
            for fd in fds { close(fd) }
            guard ok else { return }
        }
    }

    private func sendAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var sent = 0
        while sent < count {
            let k = send(fd, bytes + sent, count - sent, Int32(MSG_NOSIGNAL))
            if k < 0 && errno == EINTR { continue }
            guard k > 0 else { return false }
            sent += k
        }
        return true
    }

    private func sendWithRights(_ fd: Int32, _ byte: UnsafeRawPointer, _ fds: [Int32]) -> Bool {
        var control = ControlMessages.rightsMessage(fds)
        var iov = iovec(iov_base: UnsafeMutableRawPointer(mutating: byte), iov_len: 1)
        return control.withUnsafeMutableBytes { c in
            withUnsafeMutablePointer(to: &iov) { iovp in
                var msg = msghdr()
                msg.msg_iov = iovp
                msg.msg_iovlen = 1
                msg.msg_control = c.baseAddress
                msg.msg_controllen = c.count
                while true {
                    let k = sendmsg(fd, &msg, Int32(MSG_NOSIGNAL))
                    if k < 0 && errno == EINTR { continue }
                    return k == 1
                }
            }
        }
    }
}

/// A client's two sockets, closed when both directions have finished (each finish shuts both down, so the
/// other direction wakes up).
final class VtestProxyConnection {
    let client: Int32, host: Int32
    private let lock = NSLock()
    private var running = 2
    init(client: Int32, host: Int32) {
        self.client = client
        self.host = host
    }
    func finished() {
        lock.lock()
        running -= 1
        let last = running == 0
        lock.unlock()
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(host, Int32(SHUT_RDWR))
        if last {
            close(client)
            close(host)
        }
    }
}

/// SCM_RIGHTS control messages, laid out by hand (the CMSG_* macros do not reach Swift): a header of
/// `cmsg_len` (size_t), `cmsg_level`, `cmsg_type` (ints), then the descriptors, each message padded to 8 bytes.
enum ControlMessages {
    static let headerSize = MemoryLayout<Int>.size + 2 * MemoryLayout<Int32>.size

    /// The descriptors in every SCM_RIGHTS message of a received control buffer.
    static func rights(_ control: UnsafeRawPointer, length: Int) -> [Int32] {
        var fds: [Int32] = []
        var offset = 0
        while offset + headerSize <= length {
            let len = control.loadUnaligned(fromByteOffset: offset, as: Int.self)
            let level = control.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
            let type = control.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)
            guard len >= headerSize, offset + len <= length else { break }
            if level == SOL_SOCKET && type == Int32(SCM_RIGHTS) {
                for k in 0..<(len - headerSize) / 4 {
                    fds.append(control.loadUnaligned(fromByteOffset: offset + headerSize + 4 * k, as: Int32.self))
                }
            }
            offset += (len + 7) & ~7
        }
        return fds
    }

    /// One SCM_RIGHTS message carrying `fds`.
    static func rightsMessage(_ fds: [Int32]) -> [UInt8] {
        let len = headerSize + 4 * fds.count
        var out = [UInt8](repeating: 0, count: (len + 7) & ~7)
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: len, toByteOffset: 0, as: Int.self)
            raw.storeBytes(of: SOL_SOCKET, toByteOffset: 8, as: Int32.self)
            raw.storeBytes(of: Int32(SCM_RIGHTS), toByteOffset: 12, as: Int32.self)
            for (k, fd) in fds.enumerated() { raw.storeBytes(of: fd, toByteOffset: headerSize + 4 * k, as: Int32.self) }
        }
        return out
    }
}
