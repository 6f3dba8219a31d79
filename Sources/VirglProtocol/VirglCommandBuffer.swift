/// A virgl command buffer: little-endian dwords, whole commands only. The generated `encode…` functions write
/// into it; it never splits a command, and asks its `flushHandler` to submit when the next command would pass
/// `maxDwords` (Mesa's cap, 64K + 1024 dwords).
public final class VirglCommandBuffer {
    /// The most dwords a buffer holds before it is flushed.
    public static let maxDwords = 65536 + 1024
    /// The most payload dwords one command can carry (the header's 16-bit length).
    public static let maxCommandDwords = 0xFFFF

    /// The buffered words.
    public var words: [UInt32] { storage }
    @usableFromInline var storage: [UInt32] = []
    /// Commands refused because their payload did not fit one command (callers split long data first).
    public private(set) var droppedCommands = 0
    /// How many times the buffer flushed itself because it was full.
    public private(set) var autoFlushes = 0
    /// Submits the buffer's words; called by `flush()`, which then empties the buffer.
    public var flushHandler: ((UnsafeBufferPointer<UInt32>) -> Void)?
    @usableFromInline let capacity: Int

    public init(capacity: Int = VirglCommandBuffer.maxDwords, flushHandler: ((UnsafeBufferPointer<UInt32>) -> Void)? = nil) {
        self.capacity = capacity
        self.flushHandler = flushHandler
        storage.reserveCapacity(min(capacity, 16384))
    }

    public var isEmpty: Bool { storage.isEmpty }
    public var count: Int { storage.count }

    /// Starts a command of `length` payload dwords: flushes first when it would not fit; false (and nothing
    /// written) when the payload is longer than one command can be.
    @inlinable
    public func begin(_ command: VirglCommand, object: VirglObjectType = .null, length: Int) -> Bool {
        guard length <= Self.maxCommandDwords, length + 1 <= capacity else {
            noteDropped()
            return false
        }
        if storage.count + length + 1 > capacity { autoFlush() }
        storage.append(command.rawValue | object.rawValue << 8 | UInt32(length) << 16)
        return true
    }

    @usableFromInline func noteDropped() { droppedCommands += 1 }

    /// Without a flush handler the buffer grows instead: nothing is ever dropped.
    @usableFromInline func autoFlush() {
        guard flushHandler != nil else { return }
        autoFlushes += 1
        flush()
    }

    @inlinable public func append(_ word: UInt32) { storage.append(word) }

    /// Appends bytes as little-endian dwords, the last one zero-padded.
    public func append(bytes: UnsafeRawBufferPointer) {
        let whole = bytes.count / 4
        for i in 0..<whole { storage.append(bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian) }
        let rest = bytes.count - whole * 4
        if rest > 0 {
            var w: UInt32 = 0
            for i in 0..<rest { w |= UInt32(bytes[whole * 4 + i]) << (8 * i) }
            storage.append(w)
        }
    }

    /// Submits what is buffered (if anything) and empties the buffer; without a handler it keeps the words.
    public func flush() {
        guard !storage.isEmpty, flushHandler != nil else { return }
        storage.withUnsafeBufferPointer { flushHandler?($0) }
        storage.removeAll(keepingCapacity: true)
    }

    /// Takes the buffered words without submitting them (tests, the disassembler).
    public func take() -> [UInt32] {
        defer { storage.removeAll(keepingCapacity: true) }
        return storage
    }
}

/// How the disassembler prints a word.
public enum VirglFieldKind: Sendable, Equatable {
    case u32, i32, f32, f64
    /// A packed word, by its type name in the protocol description.
    case packed(String)
}

/// A `virgl_supported_format_mask`: one bit per virgl format.
public struct VirglFormatMask: Equatable, Sendable {
    public var words: [UInt32]

    public init(words: [UInt32]) { self.words = words }

    public func contains(_ format: VirglFormat) -> Bool {
        let i = Int(format.rawValue)
        return i / 32 < words.count && words[i / 32] & (1 << (i % 32)) != 0
    }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}

/// Reads little-endian fields out of caps bytes; past the end reads zero.
struct VirglCapsReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func u32(_ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    func string(_ offset: Int, _ length: Int) -> String {
        guard offset < bytes.count else { return "" }
        let slice = bytes[offset..<min(offset + length, bytes.count)]
        return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }
}
