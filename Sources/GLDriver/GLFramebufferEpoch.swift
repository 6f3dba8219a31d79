import Synchronization

/// A process-wide count of changes to what framebuffer completeness and surfaces depend on: texture images,
/// levels and resources, renderbuffer storage. A draw whose framebuffer was validated at the current count (and
/// is still bound, with no attachment change since: the `.framebuffer` dirty bit) skips checking it again.
enum GLFramebufferEpoch {
    private static let counter = Atomic<Int>(0)

    /// Something a framebuffer may depend on changed.
    static func bump() { counter.wrappingAdd(1, ordering: .relaxed) }

    static var value: Int { counter.load(ordering: .relaxed) }
}
