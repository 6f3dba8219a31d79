import CVirglRenderer
import CVirglShims
import Foundation

/// The embedded default: libvirglrenderer in this process, rendering with EGL surfaceless (llvmpipe here, the
/// GPU's EGL elsewhere). Each transport is one virgl context of the process-wide renderer.
public final class InProcessTransport: VirglTransport {
    public let contextID: UInt32
    public var description: String { "inprocess:ctx\(contextID)" }
    private let renderer: InProcessRenderer
    private var live: [UInt32: Backing] = [:]
    private var lost: VirglTransportError?

    /// Guest memory backing one resource, passed as the iovec of each transfer. (Given at creation instead, it
    /// leaves the resource unattachable to the context in 0.10.4: transfers then fail with "Illegal resource".)
    final class Backing {
        let bytes: UnsafeMutableRawBufferPointer
        let iov: UnsafeMutablePointer<iovec>

        init(size: Int) {
            bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 64)
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            iov = .allocate(capacity: 1)
            iov.initialize(to: iovec(iov_base: bytes.baseAddress, iov_len: bytes.count))
        }

        deinit {
            iov.deallocate()
            bytes.deallocate()
        }
    }

    /// Creates a context on the process's renderer, starting it (≈150 ms) the first time.
    public init(name: String = "virglgl") throws {
        renderer = try InProcessRenderer.shared()
        contextID = try renderer.run { r in
            let id = r.allocateContextID()
            let rc = name.withCString { virgl_renderer_context_create(id, UInt32(strlen($0)), $0) }
            guard rc == 0 else { throw VirglTransportError.hostLost("virgl_renderer_context_create: \(rc)") }
            return id
        }
    }

    deinit {
        let ids = Array(live.keys)
        let ctx = contextID
        _ = try? renderer.run { _ in
            for id in ids {
                virgl_renderer_ctx_detach_resource(Int32(ctx), Int32(id))
                virgl_renderer_resource_unref(id)
            }
            virgl_renderer_context_destroy(ctx)
        }
    }

    /// Runs `body` on the renderer thread. A context the renderer has flagged (it then ignores the context's
    /// commands) is a lost host, reported on this call and every later one.
    private func guarded<T>(_ body: @escaping (InProcessRenderer.State) throws -> T) throws -> T {
        if let lost { throw lost }
        do {
            let result = try renderer.run(body)
            var message = [CChar](repeating: 0, count: 512)
            if cvirgl_context_error(contextID, &message, message.count) != 0 {
                throw VirglTransportError.hostLost("virglrenderer: \(String(cString: message))")
            }
            return result
        } catch let e as VirglTransportError {
            if case .hostLost = e { lost = e }
            throw e
        }
    }

    public func readCaps() throws -> [UInt8] {
        try guarded { _ in
            var maxVersion: UInt32 = 0, maxSize: UInt32 = 0
            virgl_renderer_get_cap_set(2, &maxVersion, &maxSize)
            guard maxSize > 0, maxSize <= 1 << 16 else { throw VirglTransportError.hostLost("no virgl capset 2") }
            var caps = [UInt8](repeating: 0, count: Int(maxSize))
            caps.withUnsafeMutableBytes { virgl_renderer_fill_caps(2, maxVersion, $0.baseAddress) }
            return caps
        }
    }

    public func createResource(_ info: VirglResourceInfo) throws -> VirglResource {
        try info.validate()
        let backing = Backing(size: VirglResourceLayout(info).totalSize)
        let ctx = contextID
        let id: UInt32 = try guarded { r in
            let id = r.allocateResourceID()
            var args = virgl_renderer_resource_create_args(
                handle: id, target: info.target, format: info.format, bind: info.bind, width: info.width,
                height: info.height, depth: info.depth, array_size: info.arraySize, last_level: info.lastLevel,
                nr_samples: info.nrSamples, flags: info.flags)
            let rc = virgl_renderer_resource_create(&args, nil, 0)
            guard rc == 0 else {
                throw VirglTransportError.invalidArgument("virgl_renderer_resource_create refused \(info): \(rc)")
            }
            virgl_renderer_ctx_attach_resource(Int32(ctx), Int32(id))
            return id
        }
        live[id] = backing
        return VirglResource(id: id, info: info, backing: backing)
    }

    public func destroyResource(_ resource: VirglResource) {
        guard live.removeValue(forKey: resource.id) != nil else { return }
        let ctx = contextID
        _ = try? guarded { _ in
            virgl_renderer_ctx_detach_resource(Int32(ctx), Int32(resource.id))
            virgl_renderer_resource_unref(resource.id)
        }
    }

    public func submit(_ commands: UnsafeBufferPointer<UInt32>) throws {
        let ctx = contextID
        try guarded { _ in
            let rc = virgl_renderer_submit_cmd(
                UnsafeMutableRawPointer(mutating: commands.baseAddress), Int32(ctx), Int32(commands.count))
            // The renderer rejects a malformed stream as a whole (EINVAL); the context is then in an unknown state.
            guard rc == 0 else { throw VirglTransportError.hostLost("virgl_renderer_submit_cmd: \(rc)") }
        }
    }

    private func backing(_ resource: VirglResource) throws -> Backing {
        guard let b = resource.backing as? Backing, live[resource.id] === b else {
            throw VirglTransportError.invalidArgument("resource \(resource.id) does not belong to \(description)")
        }
        return b
    }

    private func box(_ b: VirglBox) -> virgl_box {
        virgl_box(x: b.x, y: b.y, z: b.z, w: b.width, h: b.height, d: b.depth)
    }

    public func write(_ resource: VirglResource, level: UInt32, box: VirglBox, data: UnsafeRawBufferPointer, stride: Int, layerStride: Int) throws {
        let b = try backing(resource)
        let offset = try resource.layout.offset(level: level, box: box)
        try resource.layout.copy(
            level: level, box: box, backing: b.bytes, user: UnsafeMutableRawBufferPointer(mutating: data), stride: stride,
            layerStride: layerStride, toBacking: true)
        let ctx = contextID
        let vbox = self.box(box)
        try guarded { _ in
            var vbox = vbox
            // Stride 0: the renderer walks the backing with the level's own stride (VirglResourceLayout).
            let rc = virgl_renderer_transfer_write_iov(resource.id, ctx, Int32(level), 0, 0, &vbox, UInt64(offset), b.iov, 1)
            guard rc == 0 else { throw VirglTransportError.hostLost("virgl_renderer_transfer_write_iov: \(rc)") }
        }
    }

    public func read(_ resource: VirglResource, level: UInt32, box: VirglBox, into: UnsafeMutableRawBufferPointer, stride: Int, layerStride: Int) throws {
        let b = try backing(resource)
        let offset = try resource.layout.offset(level: level, box: box)
        let ctx = contextID
        let vbox = self.box(box)
        try guarded { _ in
            var vbox = vbox
            let rc = virgl_renderer_transfer_read_iov(resource.id, ctx, level, 0, 0, &vbox, UInt64(offset), b.iov, 1)
            guard rc == 0 else { throw VirglTransportError.hostLost("virgl_renderer_transfer_read_iov: \(rc)") }
        }
        try resource.layout.copy(
            level: level, box: box, backing: b.bytes, user: into, stride: stride, layerStride: layerStride, toBacking: false)
    }

    public func wait(_ resource: VirglResource) throws {
        _ = try backing(resource)
        let ctx = contextID
        try guarded { r in try r.fence(context: ctx) }
    }
}

/// The process's one virglrenderer, on its own thread: `virgl_renderer_init` binds an EGL context to the thread
/// that calls it, so every renderer call runs there, one at a time.
public final class InProcessRenderer: @unchecked Sendable {
    /// State only the renderer thread touches.
    final class State {
        private var nextContext: UInt32 = 1
        private var nextResource: UInt32 = 1
        private var nextFence: Int32 = 1

        func allocateContextID() -> UInt32 {
            defer { nextContext += 1 }
            return nextContext
        }

        func allocateResourceID() -> UInt32 {
            defer { nextResource += 1 }
            return nextResource
        }

        /// Creates a fence after everything submitted so far and polls until the renderer signals it.
        func fence(context: UInt32, timeout: Double = 30) throws {
            let id = nextFence
            nextFence = nextFence == Int32.max ? 1 : nextFence + 1
            guard virgl_renderer_create_fence(id, context) == 0 else {
                throw VirglTransportError.hostLost("virgl_renderer_create_fence failed")
            }
            let deadline = Date().addingTimeInterval(timeout)
            while InProcessRenderer.lastFence < id {
                virgl_renderer_poll()
                if InProcessRenderer.lastFence >= id { break }
                guard Date() < deadline else { throw VirglTransportError.hostLost("fence \(id) not signalled in \(timeout) s") }
                usleep(100)
            }
        }
    }

    static let threadKey = "org.virglgl.renderer-thread"

    /// True on the in-process renderer's own thread (its EGL calls must reach the host's EGL, not VirglGL's).
    public static var isCurrentThreadTheRenderer: Bool {
        Thread.current.threadDictionary[threadKey] as? Bool == true
    }

    /// The last fence the renderer signalled (written by the callback, on the renderer thread).
    nonisolated(unsafe) static var lastFence: Int32 = 0

    private static let lock = NSLock()
    nonisolated(unsafe) private static var instance: Result<InProcessRenderer, VirglTransportError>?

    /// The renderer, started on first use. A failed start is remembered: it fails the same way after.
    static func shared() throws -> InProcessRenderer {
        lock.lock()
        defer { lock.unlock() }
        if let instance { return try instance.get() }
        let result: Result<InProcessRenderer, VirglTransportError>
        do {
            result = .success(try InProcessRenderer())
        } catch let e as VirglTransportError {
            result = .failure(e)
        } catch {
            result = .failure(.unavailable("\(error)"))
        }
        instance = result
        return try result.get()
    }

    private let thread: Thread
    private let queueLock = NSCondition()
    private var queue: [() -> Void] = []
    private let state = State()
    /// Stable memory for virglrenderer: it keeps the callbacks pointer, and refuses a NULL cookie.
    private let callbacks: UnsafeMutablePointer<virgl_renderer_callbacks>

    private init() throws {
        callbacks = .allocate(capacity: 1)
        callbacks.initialize(to: virgl_renderer_callbacks())
        callbacks.pointee.version = 1
        callbacks.pointee.write_fence = { _, fence in InProcessRenderer.lastFence = Int32(bitPattern: fence) }
        let started = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var initResult: Int32 = -1
        nonisolated(unsafe) let cb = callbacks
        let q = queueLock
        let box = QueueBox()
        queueBox = box
        cvirgl_install_debug_hook()
        thread = Thread {
            Thread.current.threadDictionary[InProcessRenderer.threadKey] = true
            initResult = virgl_renderer_init(cb, Int32(VIRGL_RENDERER_USE_EGL | VIRGL_RENDERER_USE_SURFACELESS), cb)
            started.signal()
            guard initResult == 0 else { return }
            while true {
                q.lock()
                while box.items.isEmpty { q.wait() }
                let work = box.items.removeFirst()
                q.unlock()
                work()
            }
        }
        thread.name = "virglrenderer"
        thread.stackSize = 8 << 20
        thread.start()
        guard started.wait(timeout: .now() + 30) == .success else {
            throw VirglTransportError.unavailable("virgl_renderer_init did not return in 30 s")
        }
        guard initResult == 0 else {
            throw VirglTransportError.unavailable("virgl_renderer_init(USE_EGL|USE_SURFACELESS) failed: \(initResult)")
        }
    }

    final class QueueBox: @unchecked Sendable { var items: [() -> Void] = [] }
    private var queueBox: QueueBox

    /// Runs `body` on the renderer thread and returns its result. Bounded: a call that does not come back in
    /// `timeout` seconds is a lost host.
    func run<T>(timeout: Double = 120, _ body: @escaping (State) throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        let state = self.state
        queueLock.lock()
        queueBox.items.append {
            result = Result { try body(state) }
            done.signal()
        }
        queueLock.signal()
        queueLock.unlock()
        guard done.wait(timeout: .now() + timeout) == .success, let result else {
            throw VirglTransportError.hostLost("the in-process renderer did not answer in \(timeout) s")
        }
        return try result.get()
    }
}
