import CVirglShims

#if canImport(Glibc)
import Glibc
#endif

/// A connected UNIX stream socket with bounded sends and receives: every call either completes, fails, or times
/// out with `VirglTransportError.hostLost` — it never hangs and never raises SIGPIPE.
final class VtestSocket {
    private(set) var fd: Int32
    let path: String

    /// Connects to `path`, with `timeout` seconds bounding each later send and receive.
    init(path: String, timeout: Double) throws {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard path.utf8.count < capacity else {
            throw VirglTransportError.invalidArgument("vtest socket path longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw VirglTransportError.unavailable("vtest: socket(): \(String(cString: strerror(errno)))") }
        self.path = path
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        // A server that has just bound its socket may not be listening yet: refused connections are retried
        // for up to a second before the server counts as absent.
        var rc: Int32 = -1
        for attempt in 0..<50 {
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard rc != 0, errno == ECONNREFUSED, attempt < 49 else { break }
            usleep(20_000)
        }
        guard rc == 0 else {
            let why = String(cString: strerror(errno))
            Glibc.close(fd)
            fd = -1
            throw VirglTransportError.unavailable("no vtest server at \(path): \(why)")
        }
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private func failure(_ what: String) -> VirglTransportError {
        let e = errno
        let why = e == EAGAIN || e == EWOULDBLOCK ? "timed out" : e == 0 ? "connection closed" : String(cString: strerror(e))
        return .hostLost("vtest \(path): \(what): \(why)")
    }

    func send(_ bytes: UnsafeRawBufferPointer) throws {
        var sent = 0
        while sent < bytes.count {
            guard fd >= 0 else { throw VirglTransportError.hostLost("vtest \(path): closed") }
            let n = Glibc.send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failure("send") }
            sent += n
        }
    }

    func send(dwords: [UInt32]) throws {
        try dwords.withUnsafeBytes { try send($0) }
    }

    func receive(into bytes: UnsafeMutableRawBufferPointer) throws {
        var got = 0
        while got < bytes.count {
            guard fd >= 0 else { throw VirglTransportError.hostLost("vtest \(path): closed") }
            errno = 0
            let n = recv(fd, bytes.baseAddress! + got, bytes.count - got, 0)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failure("receive") }
            got += n
        }
    }

    func receive(dwords count: Int) throws -> [UInt32] {
        var out = [UInt32](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try receive(into: $0) }
        return out
    }

    /// Receives a file descriptor passed with SCM_RIGHTS.
    func receiveFD() throws -> Int32 {
        errno = 0
        let received = cvirgl_recv_fd(fd)
        guard received >= 0 else { throw failure("receive a shared-memory descriptor") }
        return received
    }
}
