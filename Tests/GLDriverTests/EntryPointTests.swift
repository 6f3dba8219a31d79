import GLCore
import GLDriver
import XCTest

/// Dispatch through the generated entry points to the current context.
final class EntryPointTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 4, minor: 6, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() {
        GLContext.makeCurrent(nil)
    }

    func string(_ name: GLenum) -> String? {
        glGetString(name).map { String(cString: $0) }
    }

    func testGetStringAndGetError() {
        XCTAssertEqual(string(GL_VENDOR), "VirglGL")
        // Created for 4.6, reported as the highest version VirglGL implements (on this GL 4.5 host): never more.
        XCTAssertEqual(string(GL_VERSION), "4.3 (Core Profile) VirglGL 0.1.0")
        XCTAssertEqual(string(GL_SHADING_LANGUAGE_VERSION), "4.30")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // GL_EXTENSIONS is not a glGetString name in a core profile.
        XCTAssertNil(glGetString(GL_EXTENSIONS))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "reading the error clears it")
    }

    func testInvalidEnumIsCaughtBeforeTheImplementation() {
        glEnable(0xDEAD)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(glIsEnabled(0xDEAD), 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        // glGetString's StringName group, and glBindTexture's TextureTarget group (unimplemented command:
        // the enum check still comes first).
        XCTAssertNil(glGetString(GL_TEXTURE_2D))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBindTexture(GL_VERTEX_SHADER, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testBitmaskParametersRejectUnknownBitsWithInvalidValue() {
        glClear(0xDEAD_0000)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION, "valid bits reach the command: no framebuffer to clear")
        XCTAssertNil(glMapBufferRange(GL_ARRAY_BUFFER, 0, 4, GL_MAP_READ_BIT | 0x100))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        XCTAssertNil(glMapBufferRange(GL_VERTEX_SHADER, 0, 4, GL_MAP_READ_BIT))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testEnableAndIsEnabled() {
        XCTAssertEqual(glIsEnabled(GL_DEPTH_TEST), 0)
        XCTAssertEqual(glIsEnabled(GL_DITHER), 1, "GL_DITHER starts enabled")
        glEnable(GL_DEPTH_TEST)
        XCTAssertEqual(glIsEnabled(GL_DEPTH_TEST), 1)
        glDisable(GL_DEPTH_TEST)
        XCTAssertEqual(glIsEnabled(GL_DEPTH_TEST), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testUnimplementedCommandRecordsInvalidOperation() {
        glDispatchCompute(1, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertEqual(glCheckNamedFramebufferStatus(1, GL_FRAMEBUFFER), 0, "unimplemented commands return zero")
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertNil(glMapNamedBuffer(1, GL_READ_ONLY))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testUnimplementedIsLoggedOncePerCommand() {
        // glFenceSync: not used elsewhere in the tests, so its first report happens here.
        XCTAssertTrue(GLDiagnostics.reportUnimplemented(.glFenceSync))
        XCTAssertFalse(GLDiagnostics.reportUnimplemented(.glFenceSync))
    }

    func testTheFirstErrorIsKept() {
        glEnable(0xDEAD)  // INVALID_ENUM
        glDispatchCompute(1, 1, 1)  // INVALID_OPERATION (unimplemented), dropped
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIntegerQueries() {
        var v: GLint = -1
        glGetIntegerv(GL_MAJOR_VERSION, &v)
        XCTAssertEqual(v, 4)
        glGetIntegerv(GL_CONTEXT_PROFILE_MASK, &v)
        XCTAssertEqual(GLenum(v), GL_CONTEXT_CORE_PROFILE_BIT)
        glGetIntegerv(GL_NUM_EXTENSIONS, &v)
        XCTAssertGreaterThan(v, 20)
        XCTAssertEqual(glGetStringi(GL_EXTENSIONS, 0).map { String(cString: $0) }, "GL_ARB_blend_func_extended")
        XCTAssertNil(glGetStringi(GL_EXTENSIONS, GLuint(v)))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testCompatibilityContextStrings() {
        let compat = GLContext(attributes: GLContextAttributes(major: 3, minor: 0, profile: .compatibility))
        GLContext.makeCurrent(compat)
        // A requested version is a minimum: a 3.0 request gets the highest version, in its profile.
        XCTAssertEqual(string(GL_VERSION), "4.3 (Compatibility Profile) VirglGL 0.1.0")
        XCTAssertEqual(string(GL_SHADING_LANGUAGE_VERSION), "4.30")
        XCTAssertTrue(string(GL_EXTENSIONS)?.contains("GL_ARB_framebuffer_object") ?? false)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testCompatibilityOnlyCommandsAreInvalidInCore() {
        glBegin(GL_TRIANGLES)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertEqual(glGenLists(1), 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        // The core-profile check comes before the unimplemented default: glBegin was never reported.
        XCTAssertTrue(GLDiagnostics.reportUnimplemented(.glBegin))
    }

    func testNoCurrentContextIsHarmless() {
        GLContext.makeCurrent(nil)
        glEnable(0xDEAD)
        glDispatchCompute(1, 1, 1)
        XCTAssertNil(glGetString(GL_VERSION))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testContextsArePerThread() {
        glEnable(0xDEAD)
        final class Seen: @unchecked Sendable {
            var hadContext = true
            var error: GLenum = 0xFFFF
        }
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        Thread {
            seen.hadContext = GLContext.current != nil
            GLContext.makeCurrent(GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core)))
            seen.error = glGetError()
            GLContext.makeCurrent(nil)
            done.signal()
        }.start()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertFalse(seen.hadContext, "a new thread has no current context")
        XCTAssertEqual(seen.error, GL_NO_ERROR, "another thread's context has its own error flag")
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }
}
