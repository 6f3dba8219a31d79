import GLCore
import VirglProtocol
import VirglTransport

/// The context's command stream: one buffer, submitted on flush, on a full buffer, and before readbacks.
extension GLContext {
    /// The command buffer, wired to the host on first use.
    var commands: VirglCommandBuffer {
        if let c = commandBuffer { return c }
        let c = VirglCommandBuffer { [weak self] words in self?.submit(words) }
        commandBuffer = c
        return c
    }

    private func submit(_ words: UnsafeBufferPointer<UInt32>) {
        withHost(.glFlush) { try $0.submit(words) }
        submittedDwords += words.count
        let released = pendingReleases
        pendingReleases.removeAll(keepingCapacity: true)
        for r in released { transport?.destroyResource(r) }
    }

    /// Transfers reach the host at once while commands wait in the buffer: a write into a resource that a
    /// buffered draw may still read must follow that draw, so the buffer goes first.
    func flushBeforeWrite() {
        if !(commandBuffer?.isEmpty ?? true) { flushCommands() }
    }

    /// Gives a resource back to the host once no buffered command can still use it: resource calls go to the
    /// host directly while commands wait in the buffer, so a draw encoded before glDeleteBuffers must be
    /// submitted before the buffer's resource goes.
    func releaseResource(_ r: VirglResource) {
        if commandBuffer?.isEmpty ?? true {
            transport?.destroyResource(r)
        } else {
            pendingReleases.append(r)
        }
    }

    /// A fresh handle for a virgl object (state, shader, view, surface).
    func newObjectHandle() -> UInt32 {
        nextObjectHandle += 1
        return nextObjectHandle
    }

    /// glFlush: everything buffered goes to the host.
    func flushCommands() {
        commandBuffer?.flush()
    }

    /// glFinish: flush, then wait until the host has run it (`waitForHost`); every fence is then signalled.
    func finish() {
        waitForHost(.glFinish)
    }
}

extension GLDispatch {
    func installSubmission() {
        glFlush = { $0.flushCommands() }
        glFinish = { $0.finish() }
    }
}
