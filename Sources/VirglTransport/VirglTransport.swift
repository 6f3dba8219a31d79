/// How a virgl command stream reaches a host renderer: one context on one host, its resources, submissions,
/// transfers and waits. Implementations sit side by side (Mesa's `virgl_winsys` split): `VtestTransport`
/// (a `virgl_test_server` socket), `VirtioGPUTransport` (DRM ioctls on a virtio-gpu render node) and the
/// in-process one. The driver never knows which it talks to.
///
/// Every method may throw `VirglTransportError`; `.hostLost` means the context is lost for good (the driver turns
/// it into `GL_CONTEXT_LOST`). No method blocks without a bound: waits on the host time out.
public protocol VirglTransport: AnyObject {
    /// A short name for messages: `vtest:/tmp/x`, `virtio-gpu:/dev/dri/renderD128`.
    var description: String { get }

    /// The host's `virgl_caps_v2` bytes (capset 2); `virgl_caps_v1` bytes where the host has only capset 1.
    func readCaps() throws -> [UInt8]

    /// Creates a resource with guest backing for its whole layout and attaches it to the context.
    func createResource(_ info: VirglResourceInfo) throws -> VirglResource

    /// Releases a resource. Unknown or already-released resources are ignored.
    func destroyResource(_ resource: VirglResource)

    /// Submits a command stream (whole commands; the host runs it in order).
    func submit(_ commands: UnsafeBufferPointer<UInt32>) throws

    /// Copies `data` (rows of `stride` bytes, `layerStride` bytes per slice) into `box` of `level`.
    func write(_ resource: VirglResource, level: UInt32, box: VirglBox, data: UnsafeRawBufferPointer, stride: Int, layerStride: Int) throws

    /// Reads `box` of `level` into `into` (rows of `stride` bytes, `layerStride` per slice), after the host has
    /// finished every command submitted before.
    func read(_ resource: VirglResource, level: UInt32, box: VirglBox, into: UnsafeMutableRawBufferPointer, stride: Int, layerStride: Int) throws

    /// Waits until the host is done with `resource` (every submitted command that uses it has run).
    func wait(_ resource: VirglResource) throws
}

/// A transport failure.
public enum VirglTransportError: Error, Equatable, CustomStringConvertible {
    /// The host is gone or spoke nonsense: the context is lost.
    case hostLost(String)
    /// No host of this kind here (no render node, no server socket).
    case unavailable(String)
    /// The call itself was wrong (a box outside the resource, a buffer too small); nothing was sent.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .hostLost(let s): return "virgl host lost: \(s)"
        case .unavailable(let s): return s
        case .invalidArgument(let s): return "invalid transport call: \(s)"
        }
    }
}

/// What `createResource` makes: the fields of virglrenderer's resource-create arguments, plus the size of a
/// texel block so the transport can lay out the guest backing.
public struct VirglResourceInfo: Equatable, Sendable {
    /// virgl texture target (0 buffer, 1 1D, 2 2D, 3 3D, 4 cube, 5 rect, 6 1D array, 7 2D array, 8 cube array).
    public var target: UInt32
    /// virgl format number (`virgl_formats`).
    public var format: UInt32
    /// virgl bind flags.
    public var bind: UInt32
    public var width: UInt32
    public var height: UInt32
    public var depth: UInt32
    public var arraySize: UInt32
    public var lastLevel: UInt32
    public var nrSamples: UInt32
    public var flags: UInt32
    /// Bytes per texel (1 for buffers and byte-addressed data); for a compressed format, bytes per block.
    public var bytesPerTexel: UInt32
    /// A compressed format's block size in texels (1×1 for every other format): the backing holds rows of blocks.
    public var blockWidth: UInt32 = 1, blockHeight: UInt32 = 1

    public init(
        target: UInt32, format: UInt32, bind: UInt32, width: UInt32, height: UInt32 = 1, depth: UInt32 = 1,
        arraySize: UInt32 = 1, lastLevel: UInt32 = 0, nrSamples: UInt32 = 0, flags: UInt32 = 0, bytesPerTexel: UInt32
    ) {
        self.target = target
        self.format = format
        self.bind = bind
        self.width = width
        self.height = height
        self.depth = depth
        self.arraySize = arraySize
        self.lastLevel = lastLevel
        self.nrSamples = nrSamples
        self.flags = flags
        self.bytesPerTexel = bytesPerTexel
    }

    /// Checks the fields a host would otherwise reject or overflow on.
    public func validate() throws {
        guard width > 0, height > 0, depth > 0, arraySize > 0, bytesPerTexel > 0, blockWidth > 0, blockHeight > 0 else {
            throw VirglTransportError.invalidArgument("resource with a zero dimension: \(self)")
        }
        // A buffer's width is its size in bytes (target 0, PIPE_BUFFER): bounded by 2 GiB, not a texture's 64 Ki texels.
        guard lastLevel < 32, width <= (target == 0 ? 1 << 31 : 1 << 16), height <= 1 << 16, depth <= 1 << 14, arraySize <= 1 << 14 else {
            throw VirglTransportError.invalidArgument("resource too large: \(self)")
        }
        guard VirglResourceLayout(self).totalSize <= 1 << 32 else {
            throw VirglTransportError.invalidArgument("resource backing over 4 GiB: \(self)")
        }
    }
}

/// A box in texels: origin and size.
public struct VirglBox: Equatable, Sendable {
    public var x: UInt32, y: UInt32, z: UInt32
    public var width: UInt32, height: UInt32, depth: UInt32

    public init(x: UInt32 = 0, y: UInt32 = 0, z: UInt32 = 0, width: UInt32, height: UInt32 = 1, depth: UInt32 = 1) {
        self.x = x
        self.y = y
        self.z = z
        self.width = width
        self.height = height
        self.depth = depth
    }
}

/// A host resource of one context.
public final class VirglResource: @unchecked Sendable {
    /// The resource id the command stream names it by (res_handle).
    public let id: UInt32
    public let info: VirglResourceInfo
    public let layout: VirglResourceLayout
    /// The transport's own handle (a DRM GEM handle, a shm mapping…).
    let backing: AnyObject?

    init(id: UInt32, info: VirglResourceInfo, backing: AnyObject?) {
        self.id = id
        self.info = info
        self.layout = VirglResourceLayout(info)
        self.backing = backing
    }
}

/// Where each level of a resource lives in its guest backing: levels one after another, each level's slices
/// (depth × array layers) one after another, rows `stride` bytes apart — the layout the host assumes for a
/// transfer whose stride it infers.
public struct VirglResourceLayout: Equatable, Sendable {
    public struct Level: Equatable, Sendable {
        public var offset: Int
        public var width: Int, height: Int, slices: Int
        public var stride: Int
        public var layerStride: Int
    }

    public let levels: [Level]
    public let bytesPerTexel: Int
    /// Texels per block across and down (compressed formats; 1 otherwise).
    public let blockWidth: Int, blockHeight: Int
    public var totalSize: Int { levels.last.map { $0.offset + $0.layerStride * $0.slices } ?? 0 }

    public init(_ info: VirglResourceInfo) {
        var levels: [Level] = []
        var offset = 0
        let is3D = info.target == 3
        for level in 0...Int(min(info.lastLevel, 31)) {
            let w = max(1, Int(info.width) >> level)
            let h = info.target == 0 ? 1 : max(1, Int(info.height) >> level)
            let d = is3D ? max(1, Int(info.depth) >> level) : 1
            let slices = d * Int(info.arraySize)
            // Rows of blocks (a block is a texel for uncompressed formats).
            let bw = max(1, Int(info.blockWidth)), bh = max(1, Int(info.blockHeight))
            let stride = (w + bw - 1) / bw * Int(info.bytesPerTexel)
            let rows = (h + bh - 1) / bh
            levels.append(Level(offset: offset, width: w, height: h, slices: slices, stride: stride, layerStride: stride * rows))
            offset += stride * rows * slices
        }
        self.levels = levels
        bytesPerTexel = Int(info.bytesPerTexel)
        blockWidth = max(1, Int(info.blockWidth))
        blockHeight = max(1, Int(info.blockHeight))
    }

    /// The bytes of one row of blocks of `box` and the number of such rows in one of its slices.
    func rowBytesAndRows(_ box: VirglBox) -> (rowBytes: Int, rows: Int) {
        ((Int(box.width) + blockWidth - 1) / blockWidth * bytesPerTexel, (Int(box.height) + blockHeight - 1) / blockHeight)
    }

    /// The span of backing bytes `box` covers in `level`, from its origin (TRANSFER_PUT2/GET2's size).
    public func span(level: UInt32, box: VirglBox) -> Int {
        guard Int(level) < levels.count else { return 0 }
        let l = levels[Int(level)]
        let (rowBytes, rows) = rowBytesAndRows(box)
        return (Int(box.depth) - 1) * l.layerStride + (rows - 1) * l.stride + rowBytes
    }

    /// The byte offset of `box`'s origin in the backing, after checking that the box lies inside `level`.
    public func offset(level: UInt32, box: VirglBox) throws -> Int {
        guard Int(level) < levels.count else {
            throw VirglTransportError.invalidArgument("level \(level) of a resource with \(levels.count) levels")
        }
        let l = levels[Int(level)]
        guard box.width > 0, box.height > 0, box.depth > 0,
            Int(box.x) + Int(box.width) <= l.width, Int(box.y) + Int(box.height) <= l.height,
            Int(box.z) + Int(box.depth) <= l.slices
        else {
            throw VirglTransportError.invalidArgument("box \(box) outside level \(level) (\(l.width)×\(l.height)×\(l.slices))")
        }
        // A compressed box starts on a block (the driver checks its callers' offsets).
        return l.offset + Int(box.z) * l.layerStride + Int(box.y) / blockHeight * l.stride + Int(box.x) / blockWidth * bytesPerTexel
    }

    /// Copies between a caller's buffer (rows of `stride`, slices of `layerStride`) and the backing at `base`,
    /// box by box; `toBacking` picks the direction. Checks both buffers' sizes first.
    func copy(
        level: UInt32, box: VirglBox, backing: UnsafeMutableRawBufferPointer, user: UnsafeMutableRawBufferPointer,
        stride: Int, layerStride: Int, toBacking: Bool
    ) throws {
        let start = try offset(level: level, box: box)
        let l = levels[Int(level)]
        let (rowBytes, rows) = rowBytesAndRows(box)
        let userNeeded = (Int(box.depth) - 1) * layerStride + (rows - 1) * stride + rowBytes
        guard stride >= rowBytes, layerStride >= stride * (rows - 1) + rowBytes || box.depth == 1,
            user.count >= userNeeded
        else {
            throw VirglTransportError.invalidArgument(
                "buffer of \(user.count) bytes (stride \(stride), layer stride \(layerStride)) too small for box \(box)")
        }
        let lastByte = start + (Int(box.depth) - 1) * l.layerStride + (rows - 1) * l.stride + rowBytes
        guard lastByte <= backing.count else {
            throw VirglTransportError.invalidArgument("box \(box) beyond the backing (\(backing.count) bytes)")
        }
        for z in 0..<Int(box.depth) {
            for y in 0..<rows {
                let b = backing.baseAddress! + start + z * l.layerStride + y * l.stride
                let u = user.baseAddress! + z * layerStride + y * stride
                if toBacking { b.copyMemory(from: u, byteCount: rowBytes) } else { u.copyMemory(from: b, byteCount: rowBytes) }
            }
        }
    }
}
