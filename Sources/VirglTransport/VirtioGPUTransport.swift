import CVirglShims

#if canImport(Glibc)
import Glibc
#endif

/// The virgl transport of a real guest: Linux's virtio-gpu DRM ioctls on a render node (Mesa's DRM winsys).
/// Works without blob resources and context init (QEMU 7.2's virtio-gpu has neither): resources are classic 3D
/// resources with guest-memory backing, moved with TRANSFER_TO/FROM_HOST and mapped with MAP.
public final class VirtioGPUTransport: VirglTransport {
    public let devicePath: String
    public var description: String { "virtio-gpu:\(devicePath)" }
    /// The capset the host answered for (2 with CAPSET_QUERY_FIX, else 1).
    public private(set) var capsetID: UInt32 = 2
    private let fd: Int32
    private var live: [UInt32: BufferObject] = [:]
    private var lost: VirglTransportError?

    /// A GEM buffer object backing one resource, mapped into this process.
    final class BufferObject {
        let handle: UInt32
        let size: Int
        let base: UnsafeMutableRawPointer

        init(handle: UInt32, size: Int, base: UnsafeMutableRawPointer) {
            self.handle = handle
            self.size = size
            self.base = base
        }

        var bytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: base, count: size) }
    }

    /// Opens the first virtio-gpu render node (or `devicePath`) and checks that it has 3D (virgl).
    public init(devicePath: String? = nil) throws {
        var fd: Int32
        if let devicePath {
            fd = open(devicePath, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else {
                throw VirglTransportError.unavailable("cannot open \(devicePath): \(String(cString: strerror(errno)))")
            }
            self.devicePath = devicePath
        } else {
            var path = [CChar](repeating: 0, count: 64)
            fd = cvirtgpu_open_render_node(&path, path.count)
            guard fd >= 0 else {
                throw VirglTransportError.unavailable("no virtio-gpu render node (/dev/dri/renderD* with driver virtio_gpu)")
            }
            self.devicePath = String(cString: path)
        }
        self.fd = fd
        guard (try? getParam(UInt64(CVIRTGPU_PARAM_3D_FEATURES))) == 1 else {
            close(fd)
            throw VirglTransportError.unavailable("\(self.devicePath): virtio-gpu without 3D (virgl) features")
        }
        capsetID = (try? getParam(UInt64(CVIRTGPU_PARAM_CAPSET_QUERY_FIX))) == 1 ? 2 : 1
    }

    deinit {
        for bo in live.values { release(bo) }
        close(fd)
    }

    /// Runs an ioctl. A failure is an error; one that is not about the arguments (EINVAL, ENOMEM, E2BIG) also
    /// marks the host lost, so every later call fails the same way.
    private func ioctl<T: BitwiseCopyable>(_ op: cvirtgpu_op, _ arg: inout T, _ what: String) throws {
        if let lost { throw lost }
        let rc = withUnsafeMutableBytes(of: &arg) { cvirtgpu_ioctl(fd, op, $0.baseAddress) }
        guard rc == 0 else {
            let e = VirglTransportError.hostLost("\(description): \(what): \(String(cString: strerror(errno)))")
            if errno != EINVAL && errno != ENOMEM && errno != E2BIG { lost = e }
            throw e
        }
    }

    /// GETPARAM: the kernel writes the value through a user pointer.
    public func getParam(_ param: UInt64) throws -> UInt64 {
        var value: UInt64 = 0
        try withUnsafeMutablePointer(to: &value) { p in
            var arg = cvirtgpu_getparam(param: param, value: UInt64(UInt(bitPattern: p)))
            try ioctl(CVIRTGPU_OP_GETPARAM, &arg, "GETPARAM \(param)")
        }
        return value
    }

    public func readCaps() throws -> [UInt8] {
        var caps = [UInt8](repeating: 0, count: 4096)
        let size = caps.count
        try caps.withUnsafeMutableBytes { raw in
            var arg = cvirtgpu_get_caps(
                cap_set_id: capsetID, cap_set_ver: capsetID, addr: UInt64(UInt(bitPattern: raw.baseAddress)),
                size: UInt32(size), pad: 0)
            try ioctl(CVIRTGPU_OP_GET_CAPS, &arg, "GET_CAPS \(capsetID)")
        }
        // The kernel copies what the host sent; virgl_caps_v2 is 1376 bytes (v1: 308) at virglrenderer 0.10.4.
        return Array(caps.prefix(capsetID == 2 ? 1376 : 308))
    }

    public func createResource(_ info: VirglResourceInfo) throws -> VirglResource {
        try info.validate()
        let layout = VirglResourceLayout(info)
        var arg = cvirtgpu_resource_create(
            target: info.target, format: info.format, bind: info.bind, width: info.width, height: info.height,
            depth: info.depth, array_size: info.arraySize, last_level: info.lastLevel, nr_samples: info.nrSamples,
            flags: info.flags, bo_handle: 0, res_handle: 0, size: UInt32(layout.totalSize),
            stride: UInt32(layout.levels[0].stride))
        try ioctl(CVIRTGPU_OP_RESOURCE_CREATE, &arg, "RESOURCE_CREATE")
        var map = cvirtgpu_map(offset: 0, handle: arg.bo_handle, pad: 0)
        do {
            try ioctl(CVIRTGPU_OP_MAP, &map, "MAP")
        } catch {
            closeGEM(arg.bo_handle)
            throw error
        }
        guard let base = mmap(nil, layout.totalSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(map.offset)),
            base != MAP_FAILED
        else {
            closeGEM(arg.bo_handle)
            throw VirglTransportError.hostLost("\(description): mmap: \(String(cString: strerror(errno)))")
        }
        let bo = BufferObject(handle: arg.bo_handle, size: layout.totalSize, base: base)
        live[arg.res_handle] = bo
        return VirglResource(id: arg.res_handle, info: info, backing: bo)
    }

    private func closeGEM(_ handle: UInt32) {
        _ = cvirtgpu_gem_close(fd, handle)
    }

    private func release(_ bo: BufferObject) {
        munmap(bo.base, bo.size)
        closeGEM(bo.handle)
    }

    public func destroyResource(_ resource: VirglResource) {
        guard let bo = live.removeValue(forKey: resource.id) else { return }
        release(bo)
    }

    public func submit(_ commands: UnsafeBufferPointer<UInt32>) throws {
        // Every live buffer object is listed so the kernel fences them all: a later WAIT on any of them then
        // waits for this submission. (The driver will pass the resources a stream uses, as Mesa does.)
        var handles = live.values.map(\.handle)
        try handles.withUnsafeMutableBufferPointer { h in
            var arg = cvirtgpu_execbuffer(
                flags: 0, size: UInt32(commands.count * 4), command: UInt64(UInt(bitPattern: commands.baseAddress)),
                bo_handles: UInt64(UInt(bitPattern: h.baseAddress)), num_bo_handles: UInt32(h.count), fence_fd: -1,
                ring_idx: 0, pad: 0)
            try ioctl(CVIRTGPU_OP_EXECBUFFER, &arg, "EXECBUFFER")
        }
    }

    private func bufferObject(_ resource: VirglResource) throws -> BufferObject {
        guard let bo = resource.backing as? BufferObject, live[resource.id] === bo else {
            throw VirglTransportError.invalidArgument("resource \(resource.id) does not belong to \(description)")
        }
        return bo
    }

    private func transfer(_ op: cvirtgpu_op, _ resource: VirglResource, _ bo: BufferObject, level: UInt32, box: VirglBox) throws {
        let offset = try resource.layout.offset(level: level, box: box)
        // Stride fields must be 0 for a classic (non-blob) resource: the kernel refuses them with EINVAL, and
        // the host walks the backing with the level's own stride, as `VirglResourceLayout` lays it out.
        var arg = cvirtgpu_transfer(
            bo_handle: bo.handle,
            box: cvirtgpu_box(x: box.x, y: box.y, z: box.z, w: box.width, h: box.height, d: box.depth),
            level: level, offset: UInt32(offset), stride: 0, layer_stride: 0)
        try ioctl(op, &arg, op == CVIRTGPU_OP_TRANSFER_TO_HOST ? "TRANSFER_TO_HOST" : "TRANSFER_FROM_HOST")
    }

    public func write(_ resource: VirglResource, level: UInt32, box: VirglBox, data: UnsafeRawBufferPointer, stride: Int, layerStride: Int) throws {
        let bo = try bufferObject(resource)
        _ = try resource.layout.offset(level: level, box: box)
        try wait(resource)  // the backing may still feed an earlier transfer
        try resource.layout.copy(
            level: level, box: box, backing: bo.bytes, user: UnsafeMutableRawBufferPointer(mutating: data), stride: stride,
            layerStride: layerStride, toBacking: true)
        try transfer(CVIRTGPU_OP_TRANSFER_TO_HOST, resource, bo, level: level, box: box)
    }

    public func read(_ resource: VirglResource, level: UInt32, box: VirglBox, into: UnsafeMutableRawBufferPointer, stride: Int, layerStride: Int) throws {
        let bo = try bufferObject(resource)
        try transfer(CVIRTGPU_OP_TRANSFER_FROM_HOST, resource, bo, level: level, box: box)
        try wait(resource)
        try resource.layout.copy(
            level: level, box: box, backing: bo.bytes, user: into, stride: stride, layerStride: layerStride, toBacking: false)
    }

    /// WAIT blocks until the buffer object's fences signal; the kernel bounds it (15 s, then EBUSY).
    public func wait(_ resource: VirglResource) throws {
        let bo = try bufferObject(resource)
        var arg = cvirtgpu_wait(handle: bo.handle, flags: 0)
        try ioctl(CVIRTGPU_OP_WAIT, &arg, "WAIT")
    }
}
