#if canImport(Glibc)
import Glibc
#endif

/// vtest command ids (virglrenderer's `vtest_protocol.h`, protocol versions 0–2).
public enum VtestCommand: UInt32 {
    case getCaps = 1
    case resourceCreate = 2
    case resourceUnref = 3
    case transferGet = 4
    case transferPut = 5
    case submitCmd = 6
    case resourceBusyWait = 7
    case createRenderer = 8
    case getCaps2 = 9
    case pingProtocolVersion = 10
    case protocolVersion = 11
    case resourceCreate2 = 12
    case transferGet2 = 13
    case transferPut2 = 14
}

/// The virgl transport over a `virgl_test_server` socket, vtest protocol version 2: resources get shared-memory
/// backing (an fd passed with SCM_RIGHTS), transfers move data through it with TRANSFER_GET2/PUT2.
public final class VtestTransport: VirglTransport {
    /// The protocol version this client speaks; servers that answer lower are refused.
    public static let protocolVersion: UInt32 = 2
    /// Mesa's client connects to this path; the server's default.
    public static let defaultSocketPath = "/tmp/.virgl_test"
    /// vtest's BUSY_WAIT flag that makes the server block until the resource is idle.
    static let busyWaitBlock: UInt32 = 1

    public var description: String { "vtest:\(socket.path)" }
    public let negotiatedVersion: UInt32
    private let socket: VtestSocket
    private var nextResourceID: UInt32 = 1
    private var lost: VirglTransportError?

    /// Connects and negotiates protocol version 2. `timeout` bounds every exchange with the server (seconds).
    public init(socketPath: String = VtestTransport.defaultSocketPath, name: String = "virglgl", timeout: Double = 30) throws {
        let socket = try VtestSocket(path: socketPath, timeout: timeout)
        // CREATE_RENDERER's length is in bytes (the name and its NUL), unlike every other command.
        var hello = Array(name.utf8) + [0]
        let nameLength = UInt32(hello.count)
        while hello.count % 4 != 0 { hello.append(0) }
        try socket.send(dwords: [nameLength, VtestCommand.createRenderer.rawValue])
        try hello.withUnsafeBytes { try socket.send(UnsafeRawBufferPointer(rebasing: $0[0..<Int(nameLength)])) }
        // A server too old to know PING answers only the BUSY_WAIT that follows it (Mesa's handshake).
        try socket.send(dwords: [0, VtestCommand.pingProtocolVersion.rawValue, 2, VtestCommand.resourceBusyWait.rawValue, 0, 0])
        let first = try socket.receive(dwords: 2)
        guard first[1] == VtestCommand.pingProtocolVersion.rawValue else {
            throw VirglTransportError.unavailable("vtest server at \(socketPath) predates protocol versions (need v2)")
        }
        let busy = try socket.receive(dwords: 3)
        guard busy[1] == VtestCommand.resourceBusyWait.rawValue else {
            throw VirglTransportError.hostLost("vtest: unexpected reply \(busy) to RESOURCE_BUSY_WAIT")
        }
        try socket.send(dwords: [1, VtestCommand.protocolVersion.rawValue, Self.protocolVersion])
        let version = try socket.receive(dwords: 3)
        guard version[0] == 1, version[1] == VtestCommand.protocolVersion.rawValue else {
            throw VirglTransportError.hostLost("vtest: unexpected reply \(version) to PROTOCOL_VERSION")
        }
        guard version[2] >= Self.protocolVersion else {
            throw VirglTransportError.unavailable("vtest server at \(socketPath) speaks protocol v\(version[2]); need v2 (shared memory)")
        }
        negotiatedVersion = version[2]
        self.socket = socket
    }

    deinit { socket.close() }

    /// Runs `body`; a host-lost error makes every later call fail the same way (the context is lost).
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        if let lost { throw lost }
        do {
            return try body()
        } catch let e as VirglTransportError {
            if case .hostLost = e {
                lost = e
                socket.close()
            }
            throw e
        }
    }

    public func readCaps() throws -> [UInt8] {
        try guarded {
            try socket.send(dwords: [0, VtestCommand.getCaps2.rawValue])
            let header = try socket.receive(dwords: 2)
            // The length of a caps reply counts bytes + 1, not dwords.
            guard header[0] >= 1, header[0] <= 1 << 16 else {
                throw VirglTransportError.hostLost("vtest: caps reply of \(header[0]) bytes")
            }
            var caps = [UInt8](repeating: 0, count: Int(header[0]) - 1)
            try caps.withUnsafeMutableBytes { try socket.receive(into: $0) }
            return caps
        }
    }

    /// A resource's shared-memory backing.
    final class SharedMemory {
        let base: UnsafeMutableRawPointer
        let size: Int

        init(fd: Int32, size: Int) throws {
            defer { Glibc.close(fd) }
            guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
                throw VirglTransportError.hostLost("vtest: mmap of \(size) bytes failed: \(String(cString: strerror(errno)))")
            }
            base = p
            self.size = size
        }

        var bytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: base, count: size) }

        deinit { munmap(base, size) }
    }

    public func createResource(_ info: VirglResourceInfo) throws -> VirglResource {
        try info.validate()
        return try guarded {
            let id = nextResourceID
            nextResourceID += 1
            let size = VirglResourceLayout(info).totalSize
            try socket.send(dwords: [
                11, VtestCommand.resourceCreate2.rawValue, id, info.target, info.format, info.bind, info.width,
                info.height, info.depth, info.arraySize, info.lastLevel, info.nrSamples, UInt32(size),
            ])
            let shm = try SharedMemory(fd: try socket.receiveFD(), size: size)
            return VirglResource(id: id, info: info, backing: shm)
        }
    }

    public func destroyResource(_ resource: VirglResource) {
        _ = try? guarded { try socket.send(dwords: [1, VtestCommand.resourceUnref.rawValue, resource.id]) }
    }

    public func submit(_ commands: UnsafeBufferPointer<UInt32>) throws {
        try guarded {
            try socket.send(dwords: [UInt32(commands.count), VtestCommand.submitCmd.rawValue])
            try socket.send(UnsafeRawBufferPointer(commands))
        }
    }

    private func shm(_ resource: VirglResource) throws -> SharedMemory {
        guard let shm = resource.backing as? SharedMemory else {
            throw VirglTransportError.invalidArgument("resource \(resource.id) does not belong to \(description)")
        }
        return shm
    }

    /// TRANSFER_PUT2/GET2 name the box and the backing offset of its origin; the host walks the backing with the
    /// level's own stride (`VirglResourceLayout`).
    private func transfer(_ command: VtestCommand, _ resource: VirglResource, level: UInt32, box: VirglBox) throws {
        let offset = try resource.layout.offset(level: level, box: box)
        let size = resource.layout.span(level: level, box: box)
        try socket.send(dwords: [
            10, command.rawValue, resource.id, level, box.x, box.y, box.z, box.width, box.height, box.depth,
            UInt32(size), UInt32(offset),
        ])
    }

    public func write(_ resource: VirglResource, level: UInt32, box: VirglBox, data: UnsafeRawBufferPointer, stride: Int, layerStride: Int) throws {
        let shm = try shm(resource)
        try resource.layout.copy(
            level: level, box: box, backing: shm.bytes, user: UnsafeMutableRawBufferPointer(mutating: data), stride: stride,
            layerStride: layerStride, toBacking: true)
        try guarded { try transfer(.transferPut2, resource, level: level, box: box) }
    }

    public func read(_ resource: VirglResource, level: UInt32, box: VirglBox, into: UnsafeMutableRawBufferPointer, stride: Int, layerStride: Int) throws {
        let shm = try shm(resource)
        _ = try resource.layout.offset(level: level, box: box)
        try guarded {
            try transfer(.transferGet2, resource, level: level, box: box)
            try busyWait(resource)
        }
        try resource.layout.copy(
            level: level, box: box, backing: shm.bytes, user: into, stride: stride, layerStride: layerStride, toBacking: false)
    }

    private func busyWait(_ resource: VirglResource) throws {
        try socket.send(dwords: [2, VtestCommand.resourceBusyWait.rawValue, resource.id, Self.busyWaitBlock])
        let reply = try socket.receive(dwords: 3)
        guard reply[0] == 1, reply[1] == VtestCommand.resourceBusyWait.rawValue else {
            throw VirglTransportError.hostLost("vtest: unexpected reply \(reply) to RESOURCE_BUSY_WAIT")
        }
    }

    public func wait(_ resource: VirglResource) throws {
        try guarded { try busyWait(resource) }
    }
}
