import Foundation
import GLCore
@testable import GLDriver
import VirglTransport
import XCTest

/// Query objects, conditional rendering and fence sync objects end to end through the entry points, rendered
/// by the in-process host: occlusion counts against a known framebuffer, primitive counts, timers, and the
/// GL errors for misuse.
final class QueryAndSyncTests: XCTestCase {
    static let vertexTGSI = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\n  0: MOV OUT[0], IN[0]\n  1: END\n"
    static let redTGSI = """
        FRAG
        PROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1
        DCL OUT[0], COLOR
        IMM[0] FLT32 {    1.0000,     0.0000,     0.0000,     1.0000}
          0: MOV OUT[0], IMM[0]
          1: END

        """
    static let size = 64

    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A 64×64 RGBA8 + depth-stencil framebuffer cleared to black and depth 1, a red program, and a vertex
    /// array whose buffer holds `quad(z:)` rectangles.
    func makeScene() {
        var fbo: GLuint = 0, rb: [GLuint] = [0, 0]
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(2, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb[0])
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, GLsizei(Self.size), GLsizei(Self.size))
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0])
        glBindRenderbuffer(GL_RENDERBUFFER, rb[1])
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, GLsizei(Self.size), GLsizei(Self.size))
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1])
        glViewport(0, 0, GLsizei(Self.size), GLsizei(Self.size))
        glClearColor(0, 0, 0, 1)
        glClearDepth(1)
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        // Two rectangles of two triangles each: x ∈ [-1, 0], y ∈ [-1, 0.5] (32×48 pixels) at z = 0 and z = 0.5.
        var v: [Float] = []
        for z: Float in [0, 0.5] {
            v += [-1, -1, z, 0, -1, z, 0, 0.5, z, -1, -1, z, 0, 0.5, z, -1, 0.5, z]
        }
        glBufferData(GL_ARRAY_BUFFER, v.count * 4, v, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 3, GL_FLOAT, 0, 12, nil)
        glEnableVertexAttribArray(0)
        glUseProgram(context.createTGSIProgram(vertex: Self.vertexTGSI, fragment: Self.redTGSI, attributeLocations: [0]))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Pixels covered by one rectangle: pixel centres inside x ∈ [0, 32), y ∈ [0, 48).
    static let rectanglePixels: UInt64 = 32 * 48

    func drawNear() { glDrawArrays(GL_TRIANGLES, 0, 6) }
    func drawFar() { glDrawArrays(GL_TRIANGLES, 6, 6) }

    func result(_ q: GLuint) -> UInt64 {
        var r: GLuint64 = 0
        glGetQueryObjectui64v(q, GL_QUERY_RESULT, &r)
        return r
    }

    func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        var px = [UInt8](repeating: 0, count: 4)
        glReadPixels(GLint(x), GLint(y), 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        return px
    }

    // MARK: Occlusion

    func testSamplesPassedCountsTheCoveredPixelsAndZeroWhenDepthTestedAway() {
        makeScene()
        var q: [GLuint] = [0, 0, 0, 0]
        glGenQueries(4, &q)
        glEnable(GL_DEPTH_TEST)
        glDepthFunc(GL_LESS)
        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        drawNear()
        glEndQuery(GL_SAMPLES_PASSED)
        glBeginQuery(GL_SAMPLES_PASSED, q[1])
        drawFar()  // behind what the first draw wrote: every sample fails the depth test
        glEndQuery(GL_SAMPLES_PASSED)
        glBeginQuery(GL_ANY_SAMPLES_PASSED, q[2])
        drawNear()  // equal depth, GL_LESS: fails
        glEndQuery(GL_ANY_SAMPLES_PASSED)
        glDisable(GL_DEPTH_TEST)
        glBeginQuery(GL_ANY_SAMPLES_PASSED_CONSERVATIVE, q[3])
        drawFar()
        glEndQuery(GL_ANY_SAMPLES_PASSED_CONSERVATIVE)
        XCTAssertEqual(result(q[0]), Self.rectanglePixels)
        XCTAssertEqual(result(q[1]), 0)
        XCTAssertEqual(result(q[2]), 0)
        XCTAssertEqual(result(q[3]), 1)
        var available: GLint = 0
        glGetQueryObjectiv(q[0], GL_QUERY_RESULT_AVAILABLE, &available)
        XCTAssertEqual(available, GLint(GL_TRUE))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testAReusedQueryGivesTheNewRunsResult() {
        makeScene()
        var q: GLuint = 0
        glGenQueries(1, &q)
        glBeginQuery(GL_SAMPLES_PASSED, q)
        drawNear()
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(result(q), Self.rectanglePixels)
        glBeginQuery(GL_SAMPLES_PASSED, q)
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(result(q), 0)
        glBeginQuery(GL_SAMPLES_PASSED, q)
        drawNear()
        drawFar()
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(result(q), 2 * Self.rectanglePixels)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    // MARK: Primitives and time

    func testPrimitivesGeneratedCountsTriangles() {
        makeScene()
        var q: GLuint = 0
        glGenQueries(1, &q)
        glBeginQuery(GL_PRIMITIVES_GENERATED, q)
        drawNear()
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glEndQuery(GL_PRIMITIVES_GENERATED)
        XCTAssertEqual(result(q), 3)
        // With no transform feedback active nothing is written.
        var written: GLuint = 0
        glGenQueries(1, &written)
        glBeginQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN, written)
        drawNear()
        glEndQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN)
        XCTAssertEqual(result(written), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testTimeElapsedIsPositiveAndTimestampsAreMonotonic() {
        makeScene()
        var q: [GLuint] = [0, 0, 0]
        glGenQueries(3, &q)
        glQueryCounter(q[1], GL_TIMESTAMP)
        glBeginQuery(GL_TIME_ELAPSED, q[0])
        for _ in 0..<20 { drawNear() }
        glEndQuery(GL_TIME_ELAPSED)
        glQueryCounter(q[2], GL_TIMESTAMP)
        var now: GLint64 = 0
        glGetInteger64v(GL_TIMESTAMP, &now)
        let elapsed = result(q[0]), t1 = result(q[1]), t2 = result(q[2])
        XCTAssertGreaterThan(elapsed, 0)
        XCTAssertGreaterThan(t1, 0)
        XCTAssertLessThanOrEqual(t1, t2)
        XCTAssertLessThanOrEqual(t2, UInt64(now))
        XCTAssertGreaterThanOrEqual(t2 - t1, elapsed / 2, "the draws took place between the two timestamps")
        var later: GLint64 = 0
        glGetInteger64v(GL_TIMESTAMP, &later)
        XCTAssertGreaterThan(later, now)
        var bits: GLint = 0
        glGetQueryiv(GL_TIMESTAMP, GL_QUERY_COUNTER_BITS, &bits)
        XCTAssertEqual(bits, 64)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    // MARK: Conditional rendering

    func testConditionalRenderSkipsDrawsAndClearsWhenTheQueryFoundNothing() {
        makeScene()
        var q: [GLuint] = [0, 0]
        glGenQueries(2, &q)
        glEnable(GL_DEPTH_TEST)
        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        drawNear()
        glEndQuery(GL_SAMPLES_PASSED)
        glBeginQuery(GL_SAMPLES_PASSED, q[1])
        drawFar()
        glEndQuery(GL_SAMPLES_PASSED)
        glDisable(GL_DEPTH_TEST)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        // q[1] found no samples: neither the clear nor the draw happens.
        glBeginConditionalRender(q[1], GL_QUERY_WAIT)
        glClearColor(0, 1, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        drawNear()
        glEndConditionalRender()
        XCTAssertEqual(pixel(10, 10), [0, 0, 255, 255])
        XCTAssertEqual(pixel(50, 50), [0, 0, 255, 255])
        // q[0] found samples: the draw happens.
        glBeginConditionalRender(q[0], GL_QUERY_BY_REGION_WAIT)
        drawNear()
        glEndConditionalRender()
        XCTAssertEqual(pixel(10, 10), [255, 0, 0, 255])
        XCTAssertEqual(pixel(50, 50), [0, 0, 255, 255])
        // After glEndConditionalRender draws are unconditional again.
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(pixel(50, 50), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testConditionalRenderErrors() {
        makeScene()
        var q: [GLuint] = [0, 0]
        glGenQueries(2, &q)
        glBeginConditionalRender(q[0], GL_QUERY_WAIT)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a name never begun is not a query object")
        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        glBeginConditionalRender(q[0], GL_QUERY_WAIT)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the query is active")
        glEndQuery(GL_SAMPLES_PASSED)
        glBeginQuery(GL_PRIMITIVES_GENERATED, q[1])
        glEndQuery(GL_PRIMITIVES_GENERATED)
        glBeginConditionalRender(q[1], GL_QUERY_WAIT)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not an occlusion query")
        glBeginConditionalRender(q[0], GL_SAMPLES_PASSED)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glEndConditionalRender()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "none in progress")
        glBeginConditionalRender(q[0], GL_QUERY_NO_WAIT)
        glBeginConditionalRender(q[0], GL_QUERY_NO_WAIT)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "already in progress")
        glEndConditionalRender()
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    // MARK: Query errors

    func testQueryErrors() {
        makeScene()
        var q: [GLuint] = [0, 0, 0]
        glGenQueries(3, &q)
        XCTAssertEqual(glIsQuery(q[0]), GLboolean(GL_FALSE), "a generated name is not a query object before it is begun")
        glBeginQuery(GL_TIMESTAMP, q[0])
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBeginQuery(GL_SAMPLES_PASSED, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glBeginQuery(GL_SAMPLES_PASSED, 999)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not a generated name")
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "none active")
        glBeginQueryIndexed(GL_PRIMITIVES_GENERATED, 4, q[0])
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index ≥ GL_MAX_VERTEX_STREAMS")

        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        XCTAssertEqual(glIsQuery(q[0]), GLboolean(GL_TRUE))
        var current: GLint = 0
        glGetQueryiv(GL_SAMPLES_PASSED, GL_CURRENT_QUERY, &current)
        XCTAssertEqual(GLuint(current), q[0])
        glBeginQuery(GL_SAMPLES_PASSED, q[1])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a query of the target is active")
        glBeginQuery(GL_TIME_ELAPSED, q[0])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the query is active on another target")
        var r: GLuint = 0
        glGetQueryObjectuiv(q[0], GL_QUERY_RESULT, &r)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "result of an active query")
        glEndQuery(GL_TIME_ELAPSED)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no time query active")
        glEndQuery(GL_SAMPLES_PASSED)
        glGetQueryiv(GL_SAMPLES_PASSED, GL_CURRENT_QUERY, &current)
        XCTAssertEqual(current, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        glBeginQuery(GL_TIME_ELAPSED, q[0])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "q[0] is a samples-passed query")
        glQueryCounter(q[0], GL_TIMESTAMP)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "q[0] is a samples-passed query")
        glQueryCounter(q[1], GL_TIME_ELAPSED)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetQueryObjectuiv(q[2], GL_QUERY_RESULT, &r)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "never begun")
        glGetQueryObjectuiv(q[0], GL_QUERY_TARGET, &r)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetQueryiv(GL_SAMPLES_PASSED, GL_QUERY_RESULT, &current)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGenQueries(-1, &r)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)

        // Deleting an active query ends it.
        glBeginQuery(GL_ANY_SAMPLES_PASSED, q[1])
        glDeleteQueries(1, &q[1])
        XCTAssertEqual(glIsQuery(q[1]), GLboolean(GL_FALSE))
        glGetQueryiv(GL_ANY_SAMPLES_PASSED, GL_CURRENT_QUERY, &current)
        XCTAssertEqual(current, 0)
        glBeginQuery(GL_SAMPLES_PASSED, q[2])
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    // MARK: Over vtest

    /// The result struct reaches the guest through vtest's shared memory, and fences wait on vtest's busy-wait.
    func testQueriesAndFencesOverVtest() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        context = GLContext(
            attributes: GLContextAttributes(major: 3, minor: 3, profile: .core),
            host: .transport(try VtestTransport(socketPath: server.socketPath)))
        GLContext.makeCurrent(context)
        makeScene()
        var q: [GLuint] = [0, 0]
        glGenQueries(2, &q)
        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        drawNear()
        glEndQuery(GL_SAMPLES_PASSED)
        glQueryCounter(q[1], GL_TIMESTAMP)
        let fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        XCTAssertEqual(glClientWaitSync(fence, 0, 1_000_000_000), GL_CONDITION_SATISFIED)
        XCTAssertEqual(result(q[0]), Self.rectanglePixels)
        XCTAssertGreaterThan(result(q[1]), 0)
        glBeginQuery(GL_SAMPLES_PASSED, q[0])
        glEndQuery(GL_SAMPLES_PASSED)
        XCTAssertEqual(result(q[0]), 0)
        glDeleteSync(fence)
        glDeleteQueries(2, q)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    // MARK: Sync objects

    func testFenceStatuses() {
        makeScene()
        drawNear()
        let fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        XCTAssertNotNil(fence)
        XCTAssertEqual(glIsSync(fence), GLboolean(GL_TRUE))
        var value: GLint = 0, length: GLsizei = -1
        glGetSynciv(fence, GL_OBJECT_TYPE, 1, &length, &value)
        XCTAssertEqual(GLenum(value), GL_SYNC_FENCE)
        XCTAssertEqual(length, 1)
        glGetSynciv(fence, GL_SYNC_CONDITION, 1, nil, &value)
        XCTAssertEqual(GLenum(value), GL_SYNC_GPU_COMMANDS_COMPLETE)
        XCTAssertEqual(glClientWaitSync(fence, GLbitfield(GL_SYNC_FLUSH_COMMANDS_BIT), 1_000_000_000), GL_CONDITION_SATISFIED)
        XCTAssertEqual(glClientWaitSync(fence, 0, 0), GL_ALREADY_SIGNALED)
        glGetSynciv(fence, GL_SYNC_STATUS, 1, nil, &value)
        XCTAssertEqual(GLenum(value), GL_SIGNALED)
        glWaitSync(fence, 0, GL_TIMEOUT_IGNORED)
        glDeleteSync(fence)
        XCTAssertEqual(glIsSync(fence), GLboolean(GL_FALSE))

        // glFinish signals every fence made before it.
        let second = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        drawFar()
        glFinish()
        XCTAssertEqual(glClientWaitSync(second, 0, 0), GL_ALREADY_SIGNALED)
        glDeleteSync(second)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// The use ARB_sync is made for: the GL writes a persistently mapped buffer, a fence says when the
    /// application may read the mapping.
    func testACopyIntoAPersistentMappingIsVisibleAfterItsFence() {
        let values: [Float] = (0..<12).map { Float($0) * 1.5 + 2 }
        var buffers: [GLuint] = [0, 0]
        glGenBuffers(2, &buffers)
        glBindBuffer(GL_COPY_WRITE_BUFFER, buffers[0])
        glBufferStorage(
            GL_COPY_WRITE_BUFFER, 48, nil,
            GLbitfield(GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT | GL_DYNAMIC_STORAGE_BIT))
        let map = glMapBufferRange(
            GL_COPY_WRITE_BUFFER, 0, 48, GLbitfield(GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT))!
        glBindBuffer(GL_COPY_READ_BUFFER, buffers[1])
        glBufferData(GL_COPY_READ_BUFFER, 48, values, GL_STATIC_DRAW)
        glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, 0, 48)
        let fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        XCTAssertEqual(glClientWaitSync(fence, GLbitfield(GL_SYNC_FLUSH_COMMANDS_BIT), GL_TIMEOUT_IGNORED), GL_CONDITION_SATISFIED)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: map.assumingMemoryBound(to: Float.self), count: 12)), values)
        glDeleteSync(fence)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testSyncErrors() {
        XCTAssertNil(glFenceSync(GL_SYNC_STATUS, 0))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertNil(glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 1))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        let bogus = OpaquePointer(bitPattern: 0x1234)
        XCTAssertEqual(glClientWaitSync(bogus, 0, 0), GL_WAIT_FAILED)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        XCTAssertEqual(glIsSync(bogus), GLboolean(GL_FALSE))
        glDeleteSync(bogus)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glDeleteSync(nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0)
        XCTAssertEqual(glClientWaitSync(fence, 2, 0), GL_WAIT_FAILED)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "flags outside SYNC_FLUSH_COMMANDS_BIT")
        glWaitSync(fence, 0, 5)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "timeout must be GL_TIMEOUT_IGNORED")
        glWaitSync(fence, 1, GL_TIMEOUT_IGNORED)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "flags must be 0")
        glWaitSync(bogus, 0, GL_TIMEOUT_IGNORED)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var value: GLint = 0
        glGetSynciv(fence, GL_SYNC_FENCE, 1, nil, &value)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetSynciv(bogus, GL_SYNC_STATUS, 1, nil, &value)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var timeout: GLint64 = -1
        glGetInteger64v(GL_MAX_SERVER_WAIT_TIMEOUT, &timeout)
        XCTAssertEqual(timeout, 0)
        glDeleteSync(fence)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
