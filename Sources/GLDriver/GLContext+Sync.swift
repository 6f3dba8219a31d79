import GLCore
import VirglProtocol
import VirglTransport

/// A fence sync object (GL 4.6, 4.1): signalled once the host has run every command issued before it.
final class GLSyncObject {
    /// The serial of the last submission the fence follows (`GLSyncState.submissions`).
    let submission: Int
    var signalled = false

    init(submission: Int) { self.submission = submission }
}

/// The context's sync objects. A `GLsync` handed to the application is a key of `objects` turned into a
/// pointer: VirglGL never dereferences it, and a handle that is not a key is GL_INVALID_VALUE.
struct GLSyncState {
    var objects: [UInt: GLSyncObject] = [:]
    /// The next handle (multiples of 16, so a handle looks like an aligned pointer and is never null).
    var nextHandle: UInt = 0x5_0000
    /// Host waits so far; a fence made before a completed wait is signalled.
    var submissions = 0
    /// A small host resource to wait on when the context has no other (`waitForHost`).
    var waitResource: VirglResource?
}

extension GLContext {
    /// Flushes and waits until the host has run everything submitted (on the draw framebuffer's first
    /// attachment, or the context's own small wait resource): then every fence made so far is signalled.
    /// Returns false when the host is lost.
    @discardableResult
    func waitForHost(_ command: GLCommand) -> Bool {
        if transport == nil && (commandBuffer?.isEmpty ?? true) && lostReason == nil {
            // Nothing has reached a host yet: nothing to wait for.
            for s in syncState.objects.values { s.signalled = true }
            return true
        }
        flushCommands()
        let resource: VirglResource
        if let r = drawFramebufferResources().first {
            resource = r
        } else if let r = syncState.waitResource {
            resource = r
        } else {
            let info = VirglResourceInfo(
                target: 0, format: VirglBufferBind.byteFormat, bind: VirglBind.custom.rawValue, width: 16, bytesPerTexel: 1)
            guard let r = withHost(command, { try $0.createResource(info) }) else { return false }
            syncState.waitResource = r
            resource = r
        }
        guard withHost(command, { try $0.wait(resource) }) != nil else { return false }
        let done = syncState.submissions
        syncState.submissions += 1
        for s in syncState.objects.values where s.submission <= done { s.signalled = true }
        return true
    }

    /// The sync object behind an application's handle, or nil with GL_INVALID_VALUE.
    func syncObject(_ command: GLCommand, _ sync: GLsync?) -> GLSyncObject? {
        guard let sync, let s = syncState.objects[UInt(bitPattern: sync)] else {
            recordError(GL_INVALID_VALUE, command, "not a sync object")
            return nil
        }
        return s
    }

    func fenceSync(_ condition: GLenum, _ flags: GLbitfield) -> GLsync? {
        guard condition == GL_SYNC_GPU_COMMANDS_COMPLETE else {
            recordError(GL_INVALID_ENUM, .glFenceSync, "condition \(GLEnumNames.describe(condition))")
            return nil
        }
        guard flags == 0 else {
            recordError(GL_INVALID_VALUE, .glFenceSync, "flags 0x\(String(flags, radix: 16)) (must be 0)")
            return nil
        }
        guard host != nil else { return nil }
        // The fence follows everything issued so far: it goes to the host now (GL 4.6, 4.1.2: a fence's
        // commands are flushed by a later ClientWaitSync with SYNC_FLUSH_COMMANDS_BIT; flushing now is allowed).
        flushCommands()
        syncState.nextHandle += 16
        let handle = syncState.nextHandle
        syncState.objects[handle] = GLSyncObject(submission: syncState.submissions)
        return OpaquePointer(bitPattern: handle)
    }

    func deleteSync(_ sync: GLsync?) {
        guard let sync else { return }  // DeleteSync(0) is silently ignored.
        guard syncState.objects.removeValue(forKey: UInt(bitPattern: sync)) != nil else {
            return recordError(GL_INVALID_VALUE, .glDeleteSync, "not a sync object")
        }
    }

    func isSync(_ sync: GLsync?) -> GLboolean {
        guard let sync else { return GLboolean(GL_FALSE) }
        return syncState.objects[UInt(bitPattern: sync)] != nil ? GLboolean(GL_TRUE) : GLboolean(GL_FALSE)
    }

    /// glClientWaitSync. The host's progress is known by waiting for it, so an unsignalled fence is waited for
    /// (bounded by the transport) whatever the timeout: it then returns CONDITION_SATISFIED, or
    /// ALREADY_SIGNALED for a zero timeout (the call then only tests the state, which the wait has settled).
    func clientWaitSync(_ sync: GLsync?, _ flags: GLbitfield, _ timeout: GLuint64) -> GLenum {
        guard let s = syncObject(.glClientWaitSync, sync) else { return GL_WAIT_FAILED }
        if s.signalled { return GL_ALREADY_SIGNALED }
        guard waitForHost(.glClientWaitSync), s.signalled else { return GL_WAIT_FAILED }
        return timeout == 0 ? GL_ALREADY_SIGNALED : GL_CONDITION_SATISFIED
    }

    /// glWaitSync: the host runs one context's commands in order, so the server-side wait has nothing to do.
    func waitSync(_ sync: GLsync?, _ flags: GLbitfield, _ timeout: GLuint64) {
        guard syncObject(.glWaitSync, sync) != nil else { return }
        guard flags == 0 else {
            return recordError(GL_INVALID_VALUE, .glWaitSync, "flags 0x\(String(flags, radix: 16)) (must be 0)")
        }
        guard timeout == GL_TIMEOUT_IGNORED else {
            return recordError(GL_INVALID_VALUE, .glWaitSync, "timeout \(timeout) (must be GL_TIMEOUT_IGNORED)")
        }
    }

    func getSynciv(_ sync: GLsync?, _ pname: GLenum, _ count: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ values: UnsafeMutablePointer<GLint>?) {
        guard let s = syncObject(.glGetSynciv, sync) else { return }
        let value: GLenum
        switch pname {
        case GL_OBJECT_TYPE: value = GL_SYNC_FENCE
        case GL_SYNC_CONDITION: value = GL_SYNC_GPU_COMMANDS_COMPLETE
        case GL_SYNC_FLAGS: value = 0
        case GL_SYNC_STATUS:
            // The status is learnt by waiting for the host (see clientWaitSync).
            if !s.signalled { waitForHost(.glGetSynciv) }
            value = s.signalled ? GL_SIGNALED : GL_UNSIGNALED
        default:
            return recordError(GL_INVALID_ENUM, .glGetSynciv, "pname \(GLEnumNames.describe(pname))")
        }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, .glGetSynciv, "count \(count) < 0") }
        let written = count > 0 ? 1 : 0
        if written == 1, let values { values[0] = GLint(bitPattern: value) }
        length?.pointee = GLsizei(written)
    }
}

extension GLDispatch {
    func installSync() {
        glFenceSync = { $0.fenceSync($1, $2) }
        glDeleteSync = { $0.deleteSync($1) }
        glIsSync = { $0.isSync($1) }
        glClientWaitSync = { $0.clientWaitSync($1, $2, $3) }
        glWaitSync = { $0.waitSync($1, $2, $3) }
        glGetSynciv = { $0.getSynciv($1, $2, $3, $4, $5) }
    }
}
