import GLCore
import VirglTransport

/// One debug message (GL 4.6 §20.1).
struct GLDebugMessage {
    var source: GLenum
    var type: GLenum
    var id: GLuint
    var severity: GLenum
    var text: String
}

/// A glDebugMessageControl call: which messages it enables or disables (GL_DONT_CARE matches every value; `ids`
/// nil: every id).
struct GLDebugControl {
    var source: GLenum
    var type: GLenum
    var severity: GLenum
    var ids: Set<GLuint>?
    var enabled: Bool

    func matches(_ m: GLDebugMessage) -> Bool {
        (source == GL_DONT_CARE || source == m.source) && (type == GL_DONT_CARE || type == m.type)
            && (severity == GL_DONT_CARE || severity == m.severity) && (ids?.contains(m.id) ?? true)
    }
}

/// A debug group (glPushDebugGroup): its message, and the message controls in force inside it (a pushed group
/// starts with a copy of its parent's; popping it restores the parent's).
struct GLDebugGroup {
    var source: GLenum
    var id: GLuint
    var message: String
    var controls: [GLDebugControl]
}

/// GL_KHR_debug state of a context.
struct GLDebugState {
    /// GL_DEBUG_OUTPUT (on by default in a debug context) and GL_DEBUG_OUTPUT_SYNCHRONOUS.
    var enabled = false
    var synchronous = false
    /// Whether the context was made with the debug flag (GL_CONTEXT_FLAG_DEBUG_BIT).
    var debugContext = false
    var callback: GLDEBUGPROC?
    var userParam: UnsafeRawPointer?
    /// Messages kept for glGetDebugMessageLog when there is no callback, oldest first.
    var log: [GLDebugMessage] = []
    /// The group stack; the bottom entry is the default group.
    var groups = [GLDebugGroup(source: GL_DEBUG_SOURCE_APPLICATION, id: 0, message: "", controls: [])]
    /// Object labels by object identity (the object held weakly, so a deleted object's label goes with it).
    var labels: [ObjectIdentifier: (object: WeakObject, label: String)] = [:]
    /// Sync object labels, by handle.
    var syncLabels: [UInt: String] = [:]
    /// Whether a message is being delivered (a callback's GL errors make no further messages).
    var delivering = false

    static let maxMessageLength = 4096
    static let maxLoggedMessages = 16
    static let maxGroupStackDepth = 64
    static let maxLabelLength = 256
}

/// A weak reference to a GL object.
struct WeakObject {
    weak var object: AnyObject?
}

extension GLContext {
    static let debugSources: Set<GLenum> = [
        GL_DEBUG_SOURCE_API, GL_DEBUG_SOURCE_WINDOW_SYSTEM, GL_DEBUG_SOURCE_SHADER_COMPILER, GL_DEBUG_SOURCE_THIRD_PARTY,
        GL_DEBUG_SOURCE_APPLICATION, GL_DEBUG_SOURCE_OTHER,
    ]
    static let debugTypes: Set<GLenum> = [
        GL_DEBUG_TYPE_ERROR, GL_DEBUG_TYPE_DEPRECATED_BEHAVIOR, GL_DEBUG_TYPE_UNDEFINED_BEHAVIOR, GL_DEBUG_TYPE_PORTABILITY,
        GL_DEBUG_TYPE_PERFORMANCE, GL_DEBUG_TYPE_OTHER, GL_DEBUG_TYPE_MARKER, GL_DEBUG_TYPE_PUSH_GROUP, GL_DEBUG_TYPE_POP_GROUP,
    ]
    static let debugSeverities: Set<GLenum> = [GL_DEBUG_SEVERITY_HIGH, GL_DEBUG_SEVERITY_MEDIUM, GL_DEBUG_SEVERITY_LOW, GL_DEBUG_SEVERITY_NOTIFICATION]

    /// Whether the current group's controls let `m` through (every message is enabled at first except those of
    /// GL_DEBUG_SEVERITY_LOW; the last matching control decides).
    func debugMessageEnabled(_ m: GLDebugMessage) -> Bool {
        var on = m.severity != GL_DEBUG_SEVERITY_LOW
        for c in debug.groups[debug.groups.count - 1].controls where c.matches(m) { on = c.enabled }
        return on
    }

    /// Delivers a message: to the callback when there is one, else into the log (dropped once it holds
    /// GL_MAX_DEBUG_LOGGED_MESSAGES) — when GL_DEBUG_OUTPUT is on and the controls enable it.
    func debugMessage(_ m: GLDebugMessage) {
        guard debug.enabled, !debug.delivering, debugMessageEnabled(m) else { return }
        if let callback = debug.callback {
            debug.delivering = true
            defer { debug.delivering = false }
            m.text.withCString { callback(m.source, m.type, m.id, m.severity, GLsizei(m.text.utf8.count), $0, debug.userParam) }
        } else if debug.log.count < GLDebugState.maxLoggedMessages {
            debug.log.append(m)
        }
    }

    /// A GL error the driver recorded, as a GL_DEBUG_TYPE_ERROR message of the API (its id: the error's value).
    func debugError(_ error: GLenum, _ command: GLCommand?, _ text: String) {
        let what = command.map { "\($0.name): " } ?? ""
        debugMessage(GLDebugMessage(
            source: GL_DEBUG_SOURCE_API, type: GL_DEBUG_TYPE_ERROR, id: error, severity: GL_DEBUG_SEVERITY_HIGH,
            text: what + GLEnumNames.describe(error) + (text.isEmpty ? "" : " (\(text))")))
    }

    /// A shader that failed to compile, as a GL_DEBUG_SOURCE_SHADER_COMPILER error message with its log.
    func shaderCompilerMessage(_ log: String) {
        debugMessage(GLDebugMessage(
            source: GL_DEBUG_SOURCE_SHADER_COMPILER, type: GL_DEBUG_TYPE_ERROR, id: 1, severity: GL_DEBUG_SEVERITY_HIGH,
            text: String(log.utf8.prefix(GLDebugState.maxMessageLength - 1)) ?? "shader compile error"))
    }

    /// Marks the context as made with the debug flag: GL_CONTEXT_FLAG_DEBUG_BIT, GL_DEBUG_OUTPUT on.
    public func makeDebugContext() {
        debug.debugContext = true
        debug.enabled = true
    }

    /// glEnable/glDisable of GL_DEBUG_OUTPUT and GL_DEBUG_OUTPUT_SYNCHRONOUS; false for other capabilities.
    func setDebugCapability(_ cap: GLenum, _ on: Bool) -> Bool {
        switch cap {
        case GL_DEBUG_OUTPUT: debug.enabled = on
        case GL_DEBUG_OUTPUT_SYNCHRONOUS: debug.synchronous = on
        default: return false
        }
        return true
    }

    func debugCapability(_ cap: GLenum) -> Bool? {
        switch cap {
        case GL_DEBUG_OUTPUT: return debug.enabled
        case GL_DEBUG_OUTPUT_SYNCHRONOUS: return debug.synchronous
        default: return nil
        }
    }

    /// The debug limits and state for glGet (nil for other names).
    func debugQueryValue(_ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_CONTEXT_FLAGS: return .ints([Int64(debug.debugContext ? GL_CONTEXT_FLAG_DEBUG_BIT : 0)])
        case GL_MAX_DEBUG_MESSAGE_LENGTH: return .ints([Int64(GLDebugState.maxMessageLength)])
        case GL_MAX_DEBUG_LOGGED_MESSAGES: return .ints([Int64(GLDebugState.maxLoggedMessages)])
        case GL_MAX_DEBUG_GROUP_STACK_DEPTH: return .ints([Int64(GLDebugState.maxGroupStackDepth)])
        case GL_MAX_LABEL_LENGTH: return .ints([Int64(GLDebugState.maxLabelLength)])
        case GL_DEBUG_LOGGED_MESSAGES: return .ints([Int64(debug.log.count)])
        case GL_DEBUG_NEXT_LOGGED_MESSAGE_LENGTH: return .ints([Int64(debug.log.first.map { $0.text.utf8.count + 1 } ?? 0)])
        case GL_DEBUG_GROUP_STACK_DEPTH: return .ints([Int64(debug.groups.count)])
        case GL_DEBUG_OUTPUT: return .bools([debug.enabled])
        case GL_DEBUG_OUTPUT_SYNCHRONOUS: return .bools([debug.synchronous])
        default: return nil
        }
    }

    /// The text of a message argument: `length` bytes, or up to the terminator when `length` is negative.
    static func messageText(_ text: UnsafePointer<GLchar>, _ length: GLsizei) -> String {
        length < 0 ? String(cString: text) : String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)
    }

    func debugMessageInsert(_ source: GLenum, _ type: GLenum, _ id: GLuint, _ severity: GLenum, _ length: GLsizei, _ buf: UnsafePointer<GLchar>?) {
        let command = GLCommand.glDebugMessageInsert
        guard source == GL_DEBUG_SOURCE_APPLICATION || source == GL_DEBUG_SOURCE_THIRD_PARTY else {
            return recordError(GL_INVALID_ENUM, command, "source \(GLEnumNames.describe(source))")
        }
        guard GLContext.debugTypes.contains(type) else { return recordError(GL_INVALID_ENUM, command, "type \(GLEnumNames.describe(type))") }
        guard GLContext.debugSeverities.contains(severity) else { return recordError(GL_INVALID_ENUM, command, "severity \(GLEnumNames.describe(severity))") }
        guard let buf else { return }
        let text = GLContext.messageText(buf, length)
        guard text.utf8.count < GLDebugState.maxMessageLength else {
            return recordError(GL_INVALID_VALUE, command, "the message is GL_MAX_DEBUG_MESSAGE_LENGTH or longer")
        }
        debugMessage(GLDebugMessage(source: source, type: type, id: id, severity: severity, text: text))
    }

    func debugMessageControl(_ source: GLenum, _ type: GLenum, _ severity: GLenum, _ count: GLsizei, _ ids: UnsafePointer<GLuint>?, _ enabled: GLboolean) {
        let command = GLCommand.glDebugMessageControl
        guard source == GL_DONT_CARE || GLContext.debugSources.contains(source) else { return recordError(GL_INVALID_ENUM, command, "source") }
        guard type == GL_DONT_CARE || GLContext.debugTypes.contains(type) else { return recordError(GL_INVALID_ENUM, command, "type") }
        guard severity == GL_DONT_CARE || GLContext.debugSeverities.contains(severity) else { return recordError(GL_INVALID_ENUM, command, "severity") }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "count < 0") }
        guard count == 0 || (source != GL_DONT_CARE && type != GL_DONT_CARE && severity == GL_DONT_CARE) else {
            return recordError(GL_INVALID_OPERATION, command, "ids need one source and one type, and any severity")
        }
        let list = count > 0 ? ids.map { p in Set((0..<Int(count)).map { p[$0] }) } ?? [] : nil
        debug.groups[debug.groups.count - 1].controls.append(GLDebugControl(source: source, type: type, severity: severity, ids: list, enabled: enabled != 0))
    }

    func debugMessageLog(
        _ count: GLuint, _ bufSize: GLsizei, _ sources: UnsafeMutablePointer<GLenum>?, _ types: UnsafeMutablePointer<GLenum>?,
        _ ids: UnsafeMutablePointer<GLuint>?, _ severities: UnsafeMutablePointer<GLenum>?, _ lengths: UnsafeMutablePointer<GLsizei>?,
        _ messageLog: UnsafeMutablePointer<GLchar>?
    ) -> GLuint {
        guard bufSize >= 0 || messageLog == nil else {
            recordError(GL_INVALID_VALUE, .glGetDebugMessageLog, "bufSize < 0")
            return 0
        }
        var fetched = 0, used = 0
        while fetched < Int(count), let m = debug.log.first {
            let bytes = Array(m.text.utf8) + [0]
            if let messageLog {
                guard used + bytes.count <= Int(bufSize) else { break }
                for (k, b) in bytes.enumerated() { messageLog[used + k] = GLchar(bitPattern: b) }
                used += bytes.count
            }
            sources?[fetched] = m.source
            types?[fetched] = m.type
            ids?[fetched] = m.id
            severities?[fetched] = m.severity
            lengths?[fetched] = GLsizei(bytes.count)
            debug.log.removeFirst()
            fetched += 1
        }
        return GLuint(fetched)
    }

    func pushDebugGroup(_ source: GLenum, _ id: GLuint, _ length: GLsizei, _ message: UnsafePointer<GLchar>?) {
        let command = GLCommand.glPushDebugGroup
        guard source == GL_DEBUG_SOURCE_APPLICATION || source == GL_DEBUG_SOURCE_THIRD_PARTY else {
            return recordError(GL_INVALID_ENUM, command, "source \(GLEnumNames.describe(source))")
        }
        let text = message.map { GLContext.messageText($0, length) } ?? ""
        guard text.utf8.count < GLDebugState.maxMessageLength else {
            return recordError(GL_INVALID_VALUE, command, "the message is GL_MAX_DEBUG_MESSAGE_LENGTH or longer")
        }
        guard debug.groups.count < GLDebugState.maxGroupStackDepth else {
            return recordError(GL_STACK_OVERFLOW, command, "GL_MAX_DEBUG_GROUP_STACK_DEPTH groups are pushed")
        }
        debug.groups.append(GLDebugGroup(source: source, id: id, message: text, controls: debug.groups[debug.groups.count - 1].controls))
        debugMessage(GLDebugMessage(source: source, type: GL_DEBUG_TYPE_PUSH_GROUP, id: id, severity: GL_DEBUG_SEVERITY_NOTIFICATION, text: text))
    }

    func popDebugGroup() {
        guard debug.groups.count > 1 else { return recordError(GL_STACK_UNDERFLOW, .glPopDebugGroup, "only the default debug group is left") }
        let g = debug.groups.removeLast()
        debugMessage(GLDebugMessage(source: g.source, type: GL_DEBUG_TYPE_POP_GROUP, id: g.id, severity: GL_DEBUG_SEVERITY_NOTIFICATION, text: g.message))
    }

    /// The object `name` of kind `identifier` (glObjectLabel's GL_BUFFER, GL_TEXTURE, …): nil with
    /// GL_INVALID_ENUM for another identifier, GL_INVALID_VALUE when no such object exists.
    func labelledObject(_ command: GLCommand, _ identifier: GLenum, _ name: GLuint) -> AnyObject? {
        let object: AnyObject?
        switch identifier {
        case GL_BUFFER: object = buffers[name]
        case GL_SHADER: object = shaders[name]
        case GL_PROGRAM: object = programs[name]
        case GL_VERTEX_ARRAY: object = name == 0 ? nil : vertexArrays[name]
        case GL_QUERY: object = queryState.objects[name]
        case GL_PROGRAM_PIPELINE: object = programPipelines[name]
        case GL_TRANSFORM_FEEDBACK: object = name == 0 ? defaultTransformFeedback : transformFeedbackObjects[name]
        case GL_SAMPLER: object = samplers[name]
        case GL_TEXTURE: object = textures[name]
        case GL_RENDERBUFFER: object = renderbuffers[name]
        case GL_FRAMEBUFFER: object = framebuffers[name]
        default:
            recordError(GL_INVALID_ENUM, command, "identifier \(GLEnumNames.describe(identifier))")
            return nil
        }
        guard let object else {
            recordError(GL_INVALID_VALUE, command, "\(name) is no \(GLEnumNames.describe(identifier)) object")
            return nil
        }
        return object
    }

    /// A label argument: nil (remove the label) or its text, with GL_INVALID_VALUE when it is too long.
    func labelText(_ command: GLCommand, _ length: GLsizei, _ label: UnsafePointer<GLchar>?) -> String?? {
        guard let label else { return .some(nil) }
        let text = GLContext.messageText(label, length)
        guard text.utf8.count < GLDebugState.maxLabelLength else {
            recordError(GL_INVALID_VALUE, command, "the label is GL_MAX_LABEL_LENGTH or longer")
            return nil
        }
        return .some(text)
    }

    func objectLabel(_ identifier: GLenum, _ name: GLuint, _ length: GLsizei, _ label: UnsafePointer<GLchar>?) {
        let command = GLCommand.glObjectLabel
        guard let object = labelledObject(command, identifier, name), let text = labelText(command, length, label) else { return }
        let key = ObjectIdentifier(object)
        if let text, !text.isEmpty { debug.labels[key] = (WeakObject(object: object), text) } else { debug.labels[key] = nil }
    }

    func objectLabel(of object: AnyObject) -> String {
        guard let entry = debug.labels[ObjectIdentifier(object)], entry.object.object === object else { return "" }
        return entry.label
    }

    func getObjectLabel(_ identifier: GLenum, _ name: GLuint, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ label: UnsafeMutablePointer<GLchar>?) {
        let command = GLCommand.glGetObjectLabel
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, command, "bufSize < 0") }
        guard let object = labelledObject(command, identifier, name) else { return }
        copyString(command, objectLabel(of: object), bufSize, length, label)
    }

    /// The sync object behind a glObjectPtrLabel pointer (GL_INVALID_VALUE when it is none).
    func labelledSync(_ command: GLCommand, _ ptr: UnsafeRawPointer?) -> UInt? {
        let handle = UInt(bitPattern: ptr)
        guard syncState.objects[handle] != nil else {
            recordError(GL_INVALID_VALUE, command, "not a sync object")
            return nil
        }
        return handle
    }

    func objectPtrLabel(_ ptr: UnsafeRawPointer?, _ length: GLsizei, _ label: UnsafePointer<GLchar>?) {
        let command = GLCommand.glObjectPtrLabel
        guard let handle = labelledSync(command, ptr), let text = labelText(command, length, label) else { return }
        debug.syncLabels[handle] = text.flatMap { $0.isEmpty ? nil : $0 }
    }

    func getObjectPtrLabel(_ ptr: UnsafeRawPointer?, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ label: UnsafeMutablePointer<GLchar>?) {
        let command = GLCommand.glGetObjectPtrLabel
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, command, "bufSize < 0") }
        guard let handle = labelledSync(command, ptr) else { return }
        copyString(command, debug.syncLabels[handle] ?? "", bufSize, length, label)
    }

    /// glGetPointerv: the debug callback and its user parameter.
    func getPointer(_ pname: GLenum, _ params: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
        switch pname {
        case GL_DEBUG_CALLBACK_FUNCTION: params?.pointee = debug.callback.map { unsafeBitCast($0, to: UnsafeMutableRawPointer.self) }
        case GL_DEBUG_CALLBACK_USER_PARAM: params?.pointee = debug.userParam.map { UnsafeMutableRawPointer(mutating: $0) }
        default: recordError(GL_INVALID_ENUM, .glGetPointerv, GLEnumNames.describe(pname))
        }
    }
}

/// Marks a context made by `virglglCreateContext` as a debug context (EGL_CONTEXT_OPENGL_DEBUG).
@_cdecl("virglglSetDebugContext")
public func virglglSetDebugContext(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<GLContext>.fromOpaque(context).takeUnretainedValue().makeDebugContext()
}

extension GLDispatch {
    func installDebugOutput() {
        glDebugMessageCallback = { c, callback, userParam in
            c.debug.callback = callback
            c.debug.userParam = userParam
        }
        glDebugMessageControl = { $0.debugMessageControl($1, $2, $3, $4, $5, $6) }
        glDebugMessageInsert = { $0.debugMessageInsert($1, $2, $3, $4, $5, $6) }
        glGetDebugMessageLog = { $0.debugMessageLog($1, $2, $3, $4, $5, $6, $7, $8) }
        glPushDebugGroup = { $0.pushDebugGroup($1, $2, $3, $4) }
        glPopDebugGroup = { $0.popDebugGroup() }
        glObjectLabel = { $0.objectLabel($1, $2, $3, $4) }
        glGetObjectLabel = { $0.getObjectLabel($1, $2, $3, $4, $5) }
        glObjectPtrLabel = { $0.objectPtrLabel($1, $2, $3) }
        glGetObjectPtrLabel = { $0.getObjectPtrLabel($1, $2, $3, $4) }
        glGetPointerv = { $0.getPointer($1, $2) }
    }
}
