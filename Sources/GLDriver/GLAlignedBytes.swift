/// A buffer object's client copy: bytes whose storage starts on a `GLAlignedBytes.alignment` boundary, so that a
/// pointer glMapBufferRange returns into it, less the mapped offset, is aligned to GL_MIN_MAP_BUFFER_ALIGNMENT
/// (GL 4.2, ARB_map_buffer_alignment). A value type (copied on write) with the Array calls the driver uses.
struct GLAlignedBytes: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    /// GL_MIN_MAP_BUFFER_ALIGNMENT: 64 bytes, what GL 4.2 asks as the least.
    static let alignment = 64

    /// The allocation: `count` bytes at an aligned address, freed with the last copy that shares it.
    final class Storage {
        let pointer: UnsafeMutableRawPointer
        let count: Int

        init(count: Int) {
            self.count = count
            pointer = .allocate(byteCount: Swift.max(count, 1), alignment: GLAlignedBytes.alignment)
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        }

        deinit { pointer.deallocate() }
    }

    private var storage: Storage

    /// `count` zero bytes.
    init(count: Int) { storage = Storage(count: count) }

    /// A copy of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        storage = Storage(count: bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 { storage.pointer.copyMemory(from: base, byteCount: bytes.count) }
    }

    /// A copy of `array`.
    init(_ array: [UInt8]) {
        storage = Storage(count: array.count)
        array.withUnsafeBytes { if let base = $0.baseAddress { storage.pointer.copyMemory(from: base, byteCount: $0.count) } }
    }

    init(arrayLiteral elements: UInt8...) { self.init(elements) }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(position: Int) -> UInt8 {
        get {
            precondition(indices.contains(position), "index \(position) outside \(count) bytes")
            return storage.pointer.load(fromByteOffset: position, as: UInt8.self)
        }
        set {
            precondition(indices.contains(position), "index \(position) outside \(count) bytes")
            makeUnique()
            storage.pointer.storeBytes(of: newValue, toByteOffset: position, as: UInt8.self)
        }
    }

    /// The bytes, read-only, for the duration of `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// The bytes, writable (a shared allocation is copied first), for the duration of `body`.
    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableRawBufferPointer(start: storage.pointer, count: storage.count))
    }

    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        let copy = Storage(count: storage.count)
        copy.pointer.copyMemory(from: storage.pointer, byteCount: storage.count)
        storage = copy
    }
}
