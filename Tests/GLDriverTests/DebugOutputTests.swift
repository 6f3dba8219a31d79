import GLCore
@testable import GLDriver
import XCTest

/// GL_KHR_debug: the message log and callback, message control, debug groups, object labels, and the driver's
/// own errors as debug messages.
final class DebugOutputTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The messages in the log, as (source, type, id, severity, text).
    func drainLog() -> [(GLenum, GLenum, GLuint, GLenum, String)] {
        var out: [(GLenum, GLenum, GLuint, GLenum, String)] = []
        while true {
            var source: GLenum = 0, type: GLenum = 0, id: GLuint = 0, severity: GLenum = 0, length: GLsizei = 0
            var text = [GLchar](repeating: 0, count: 4096)
            guard glGetDebugMessageLog(1, 4096, &source, &type, &id, &severity, &length, &text) == 1 else { return out }
            XCTAssertEqual(Int(length), strlen(text) + 1)
            out.append((source, type, id, severity, String(cString: text)))
        }
    }

    func insert(_ text: String, id: GLuint, severity: GLenum = GL_DEBUG_SEVERITY_HIGH) {
        glDebugMessageInsert(GL_DEBUG_SOURCE_APPLICATION, GL_DEBUG_TYPE_MARKER, id, severity, -1, text)
    }

    func testLogControlAndErrors() {
        let c = makeCurrentContext()
        var v: GLint = 0
        glGetIntegerv(GL_CONTEXT_FLAGS, &v)
        XCTAssertEqual(v, 0, "not a debug context")
        XCTAssertEqual(glIsEnabled(GL_DEBUG_OUTPUT), 0)
        insert("dropped", id: 1)
        XCTAssertTrue(drainLog().isEmpty, "GL_DEBUG_OUTPUT is off")
        glEnable(GL_DEBUG_OUTPUT)
        insert("kept", id: 2)
        insert("low", id: 3, severity: GL_DEBUG_SEVERITY_LOW)
        glGetIntegerv(GL_DEBUG_LOGGED_MESSAGES, &v)
        XCTAssertEqual(v, 1, "low severity is off by default")
        glGetIntegerv(GL_DEBUG_NEXT_LOGGED_MESSAGE_LENGTH, &v)
        XCTAssertEqual(v, 5)
        let log = drainLog()
        XCTAssertEqual(log.map(\.4), ["kept"])
        XCTAssertEqual(log.first?.0, GL_DEBUG_SOURCE_APPLICATION)
        XCTAssertEqual(log.first?.2, 2)
        // Disable id 2 only.
        var ids: [GLuint] = [2]
        glDebugMessageControl(GL_DEBUG_SOURCE_APPLICATION, GL_DEBUG_TYPE_MARKER, GL_DONT_CARE, 1, &ids, GLboolean(GL_FALSE))
        insert("two", id: 2)
        insert("four", id: 4)
        XCTAssertEqual(drainLog().map(\.4), ["four"])
        // The driver's errors, with their text.
        glBindBuffer(0x1234, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        let errors = drainLog()
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.1, GL_DEBUG_TYPE_ERROR)
        XCTAssertEqual(errors.first?.0, GL_DEBUG_SOURCE_API)
        XCTAssertTrue(errors.first?.4.contains("GL_INVALID_ENUM") ?? false, errors.first?.4 ?? "")
        // A shader that does not compile: a message of the shader compiler.
        let shader = glCreateShader(GL_FRAGMENT_SHADER)
        let source = "#version 330 core\nvoid main() { undeclared = 1; }\n"
        source.withCString { s in
            var p: UnsafePointer<GLchar>? = s
            glShaderSource(shader, 1, &p, nil)
        }
        glCompileShader(shader)
        let compiler = drainLog()
        XCTAssertEqual(compiler.map(\.0), [GL_DEBUG_SOURCE_SHADER_COMPILER])
        XCTAssertTrue(compiler.first?.4.contains("undeclared") ?? false, compiler.first?.4 ?? "")
        // The log holds GL_MAX_DEBUG_LOGGED_MESSAGES.
        glGetIntegerv(GL_MAX_DEBUG_LOGGED_MESSAGES, &v)
        for k in 0..<(Int(v) + 5) { insert("m\(k)", id: 100) }
        XCTAssertEqual(drainLog().count, Int(v))
        // Errors.
        glDebugMessageInsert(GL_DEBUG_SOURCE_API, GL_DEBUG_TYPE_MARKER, 0, GL_DEBUG_SEVERITY_HIGH, -1, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "applications insert only APPLICATION or THIRD_PARTY messages")
        glDebugMessageControl(GL_DONT_CARE, GL_DONT_CARE, GL_DONT_CARE, 1, &ids, GLboolean(GL_TRUE))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "ids need a source and a type")
        _ = drainLog()
        _ = c
    }

    func testCallbackAndGroups() {
        _ = makeCurrentContext()
        glEnable(GL_DEBUG_OUTPUT)
        final class Box { var messages: [(GLenum, GLuint, String)] = [] }
        let box = Box()
        let callback: GLDEBUGPROC = { _, type, id, _, length, text, user in
            let b = Unmanaged<Box>.fromOpaque(user!).takeUnretainedValue()
            b.messages.append((type, id, String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)))
        }
        glDebugMessageCallback(callback, Unmanaged.passUnretained(box).toOpaque())
        var pointer: UnsafeMutableRawPointer?
        glGetPointerv(GL_DEBUG_CALLBACK_USER_PARAM, &pointer)
        XCTAssertEqual(pointer, Unmanaged.passUnretained(box).toOpaque())
        glPushDebugGroup(GL_DEBUG_SOURCE_APPLICATION, 7, -1, "group")
        var depth: GLint = 0
        glGetIntegerv(GL_DEBUG_GROUP_STACK_DEPTH, &depth)
        XCTAssertEqual(depth, 2)
        // A control inside the group ends with it.
        glDebugMessageControl(GL_DEBUG_SOURCE_APPLICATION, GL_DONT_CARE, GL_DONT_CARE, 0, nil, GLboolean(GL_FALSE))
        insert("inside", id: 1)
        glPopDebugGroup()
        insert("after", id: 2)
        XCTAssertEqual(box.messages.map(\.0), [GL_DEBUG_TYPE_PUSH_GROUP, GL_DEBUG_TYPE_POP_GROUP, GL_DEBUG_TYPE_MARKER])
        XCTAssertEqual(box.messages.map(\.2), ["group", "group", "after"])
        XCTAssertEqual(box.messages.first?.1, 7)
        glPopDebugGroup()
        XCTAssertEqual(glGetError(), GL_STACK_UNDERFLOW)
        var max: GLint = 0
        glGetIntegerv(GL_MAX_DEBUG_GROUP_STACK_DEPTH, &max)
        for _ in 1..<max { glPushDebugGroup(GL_DEBUG_SOURCE_APPLICATION, 0, -1, "g") }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glPushDebugGroup(GL_DEBUG_SOURCE_APPLICATION, 0, -1, "g")
        XCTAssertEqual(glGetError(), GL_STACK_OVERFLOW)
        glDebugMessageCallback(nil, nil)
    }

    func testObjectLabels() {
        _ = makeCurrentContext()
        var buffer: GLuint = 0, texture: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_ARRAY_BUFFER, buffer)
        glGenTextures(1, &texture)
        glBindTexture(GL_TEXTURE_2D, texture)
        let program = glCreateProgram()
        func label(_ identifier: GLenum, _ name: GLuint) -> String {
            var text = [GLchar](repeating: 0, count: 64)
            var length: GLsizei = -1
            glGetObjectLabel(identifier, name, 64, &length, &text)
            XCTAssertEqual(Int(length), strlen(text))
            return String(cString: text)
        }
        glObjectLabel(GL_BUFFER, buffer, -1, "vertices")
        glObjectLabel(GL_TEXTURE, texture, 4, "albedo")
        glObjectLabel(GL_PROGRAM, program, -1, "shading")
        XCTAssertEqual(label(GL_BUFFER, buffer), "vertices")
        XCTAssertEqual(label(GL_TEXTURE, texture), "albe")
        XCTAssertEqual(label(GL_PROGRAM, program), "shading")
        glObjectLabel(GL_BUFFER, buffer, 0, nil)
        XCTAssertEqual(label(GL_BUFFER, buffer), "")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glObjectLabel(GL_BUFFER, 9999, -1, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "no such buffer")
        glObjectLabel(GL_TEXTURE_2D, texture, -1, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        let long = String(repeating: "a", count: 300)
        glObjectLabel(GL_TEXTURE, texture, -1, long)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "GL_MAX_LABEL_LENGTH")
        // A deleted and re-made name has no label.
        glDeleteTextures(1, &texture)
        glGenTextures(1, &texture)
        glBindTexture(GL_TEXTURE_2D, texture)
        XCTAssertEqual(label(GL_TEXTURE, texture), "")
        let sync = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        glObjectPtrLabel(UnsafeRawPointer(sync), -1, "fence")
        var text = [GLchar](repeating: 0, count: 16)
        glGetObjectPtrLabel(UnsafeRawPointer(sync), 16, nil, &text)
        XCTAssertEqual(String(cString: text), "fence")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
