import GLCore
@testable import GLDriver
import XCTest

/// GL 4.0's transform feedback (ARB_transform_feedback2 and 3) on in-process virglrenderer: objects, pause and
/// resume, glDrawTransformFeedback, indexed queries and the special varying names, checked with the values the
/// host captures and counts. Uses TransformFeedbackTests' shader (b = 2x, a = (x, y, x + y, 1)) and points at
/// (1, 2), (3, 4), (5, 6).
extension TransformFeedbackTests {
    /// A query's result after `body` ran with it active on `target` (stream `index`).
    func counted(_ target: GLenum, index: GLuint = 0, _ body: () -> Void) -> GLuint {
        var q: GLuint = 0, result: GLuint = 0
        glGenQueries(1, &q)
        glBeginQueryIndexed(target, index, q)
        body()
        glEndQueryIndexed(target, index)
        glGetQueryObjectuiv(q, GL_QUERY_RESULT, &result)
        glDeleteQueries(1, &q)
        return result
    }

    func linked(_ varyings: [String], separate: Bool = false) -> GLuint {
        let (prog, log) = program(varyings, separate: separate)
        var status: GLint = 0
        glGetProgramiv(prog, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1, log)
        return prog
    }

    func testPauseDropsPrimitivesAndResumeAppends() {
        glUseProgram(linked(["b"]))
        points()
        let buffer = captureBuffer(0, bytes: 8 * 4)
        glEnable(GL_RASTERIZER_DISCARD)
        var paused: GLint = -1, active: GLint = -1
        let written = counted(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN) {
            glBeginTransformFeedback(GL_POINTS)
            glDrawArrays(GL_POINTS, 0, 1)
            glPauseTransformFeedback()
            glGetIntegerv(GL_TRANSFORM_FEEDBACK_BUFFER_PAUSED, &paused)
            glGetIntegerv(GL_TRANSFORM_FEEDBACK_BUFFER_ACTIVE, &active)
            glDrawArrays(GL_LINES, 0, 2)  // any mode while paused; nothing captured
            glDrawArrays(GL_POINTS, 0, 3)
            glResumeTransformFeedback()
            glDrawArrays(GL_POINTS, 1, 2)
            glEndTransformFeedback()
        }
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual([paused, active], [1, 1])
        XCTAssertEqual(written, 3, "one point before the pause, two after")
        let values = read(buffer, 4, as: Float.self)
        XCTAssertEqual(Array(values[0..<3]), [2, 6, 10], "the resumed capture appends")
        XCTAssertEqual(values[3].bitPattern, 0xEEEE_EEEE)
        glGetIntegerv(GL_TRANSFORM_FEEDBACK_BUFFER_ACTIVE, &active)
        XCTAssertEqual(active, 0)
    }

    func testDrawTransformFeedbackDrawsWhatTheObjectCaptured() {
        let prog = linked(["a"])
        glUseProgram(prog)
        points()
        var tf: GLuint = 0
        glGenTransformFeedbacks(1, &tf)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, tf)
        // Room for two points of `a` only: the third does not fit and is not counted.
        let captured = captureBuffer(0, bytes: 2 * 16)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawTransformFeedback(GL_POINTS, tf)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the object has never ended a capture")
        glDrawArrays(GL_POINTS, 0, 3)
        glEndTransformFeedback()
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0)

        // Draw the captured `a` (its x, y as the position) and capture `b` of what is drawn.
        glBindBuffer(GL_ARRAY_BUFFER, captured)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 16, nil)
        let second = captureBuffer(0, bytes: 8 * 4)
        glUseProgram(linked(["b"]))
        let generated = counted(GL_PRIMITIVES_GENERATED) {
            glBeginTransformFeedback(GL_POINTS)
            glDrawTransformFeedback(GL_POINTS, tf)
            glDrawTransformFeedbackInstanced(GL_POINTS, tf, 2)
            glDrawTransformFeedbackStream(GL_POINTS, tf, 0)
            glEndTransformFeedback()
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(generated, 2 + 4 + 2, "the two captured points, drawn once, twice and once")
        XCTAssertEqual(read(second, 8, as: Float.self), [2, 6, 2, 6, 2, 6, 2, 6])

        glDrawTransformFeedback(GL_POINTS, tf + 7)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a transform feedback object")
        glDrawTransformFeedbackStream(GL_POINTS, tf, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "stream ≥ GL_MAX_VERTEX_STREAMS")
        glDrawTransformFeedbackInstanced(GL_POINTS, tf, -1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative instance count")
        glDisable(GL_RASTERIZER_DISCARD)
    }

    /// A geometry shader's primitives only the host counts: glDrawTransformFeedback reads its count.
    func testDrawTransformFeedbackAfterAGeometryShaderCapture() {
        let vs = compileShader(GL_VERTEX_SHADER, Self.vertexShader)
        let gs = compileShader(GL_GEOMETRY_SHADER, """
            #version 330 core
            layout(points) in;
            layout(points, max_vertices = 2) out;
            in float b[];
            out vec2 g;
            void main() {
                // Two points for an input point left of x = 4, one for the others.
                for (int i = 0; i < (b[0] < 8.0 ? 2 : 1); i++) {
                    g = vec2(b[0] * 0.5, float(i));
                    gl_Position = vec4(0.0);
                    EmitVertex();
                }
            }
            """)
        let prog = glCreateProgram()
        glAttachShader(prog, vs)
        glAttachShader(prog, gs)
        var name = strdup("g")
        defer { free(name) }
        var pointer = UnsafePointer<GLchar>(name)
        glTransformFeedbackVaryings(prog, 1, &pointer, GL_INTERLEAVED_ATTRIBS)
        glLinkProgram(prog)
        var status: GLint = 0
        glGetProgramiv(prog, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1)
        glUseProgram(prog)
        points()
        var tf: GLuint = 0
        glGenTransformFeedbacks(1, &tf)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, tf)
        let captured = captureBuffer(0, bytes: 8 * 8)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 3)
        glEndTransformFeedback()
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0)
        XCTAssertEqual(read(captured, 10, as: Float.self), [1, 0, 1, 1, 3, 0, 3, 1, 5, 0])

        // Draw the five captured points (g as the position) and capture what the plain program makes of them.
        glBindBuffer(GL_ARRAY_BUFFER, captured)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 8, nil)
        glUseProgram(linked(["b"]))
        let second = captureBuffer(0, bytes: 8 * 4)
        let generated = counted(GL_PRIMITIVES_GENERATED) {
            glBeginTransformFeedback(GL_POINTS)
            glDrawTransformFeedback(GL_POINTS, tf)
            glEndTransformFeedback()
        }
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(generated, 5)
        XCTAssertEqual(read(second, 6, as: Float.self).map(\.bitPattern), ([2, 2, 6, 6, 10] + [Float(bitPattern: 0xEEEE_EEEE)]).map(\.bitPattern))
    }

    /// A geometry shader writing two vertex streams into two buffers; glDrawTransformFeedbackStream draws each
    /// stream's count.
    func testVertexStreamsCaptureIntoTheirBuffers() {
        let vs = compileShader(GL_VERTEX_SHADER, Self.vertexShader)
        let gs = compileShader(GL_GEOMETRY_SHADER, """
            #version 400 core
            layout(points) in;
            layout(points, max_vertices = 3) out;
            in float b[];
            layout(stream = 0) out vec2 s0;
            layout(stream = 1) out vec2 s1;
            void main() {
                s0 = vec2(b[0], 0.0);
                EmitStreamVertex(0);
                for (int i = 1; i <= 2; i++) {
                    s1 = vec2(b[0] * 10.0, float(i));
                    EmitStreamVertex(1);
                }
            }
            """)
        let prog = glCreateProgram()
        glAttachShader(prog, vs)
        glAttachShader(prog, gs)
        let names = (["s0", "gl_NextBuffer", "s1"] as [String]).map { strdup($0) }
        defer { names.forEach { free($0) } }
        var pointers = names.map { UnsafePointer<GLchar>($0) }
        glTransformFeedbackVaryings(prog, 3, &pointers, GL_INTERLEAVED_ATTRIBS)
        glLinkProgram(prog)
        var status: GLint = 0
        glGetProgramiv(prog, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1)
        glUseProgram(prog)
        points()
        var tf: GLuint = 0
        glGenTransformFeedbacks(1, &tf)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, tf)
        let first = captureBuffer(0, bytes: 8 * 8), second = captureBuffer(1, bytes: 8 * 8)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 3)
        glEndTransformFeedback()
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0)
        XCTAssertEqual(Array(read(first, 6, as: Float.self)), [2, 0, 6, 0, 10, 0])
        XCTAssertEqual(Array(read(second, 12, as: Float.self)), [20, 1, 20, 2, 60, 1, 60, 2, 100, 1, 100, 2])

        glUseProgram(linked(["b"]))
        glBindBuffer(GL_ARRAY_BUFFER, second)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 8, nil)
        let onStreamOne = counted(GL_PRIMITIVES_GENERATED) { glDrawTransformFeedbackStream(GL_POINTS, tf, 1) }
        let onStreamZero = counted(GL_PRIMITIVES_GENERATED) { glDrawTransformFeedbackStream(GL_POINTS, tf, 0) }
        let onStreamTwo = counted(GL_PRIMITIVES_GENERATED) { glDrawTransformFeedbackStreamInstanced(GL_POINTS, tf, 2, 3) }
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual([onStreamOne, onStreamZero, onStreamTwo], [6, 3, 0])

        // A buffer captures one stream.
        let mixed = glCreateProgram()
        glAttachShader(mixed, vs)
        glAttachShader(mixed, gs)
        let both = (["s0", "s1"] as [String]).map { strdup($0) }
        defer { both.forEach { free($0) } }
        var bothPointers = both.map { UnsafePointer<GLchar>($0) }
        glTransformFeedbackVaryings(mixed, 2, &bothPointers, GL_INTERLEAVED_ATTRIBS)
        glLinkProgram(mixed)
        glGetProgramiv(mixed, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 0, "streams 0 and 1 in one buffer")
    }

    /// An indirect draw's count is in a buffer the host reads: the host counts what it captured.
    func testDrawTransformFeedbackAfterAnIndirectCapture() {
        glUseProgram(linked(["a"]))
        points()
        var tf: GLuint = 0, indirect: GLuint = 0
        glGenTransformFeedbacks(1, &tf)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, tf)
        let captured = captureBuffer(0, bytes: 4 * 16)
        glGenBuffers(1, &indirect)
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, indirect)
        let parameters: [GLuint] = [3, 1, 0, 0]  // count, instances, first, base instance
        glBufferData(GL_DRAW_INDIRECT_BUFFER, 16, parameters, GL_STATIC_DRAW)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArraysIndirect(GL_POINTS, nil)
        glEndTransformFeedback()
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0)
        glBindBuffer(GL_ARRAY_BUFFER, captured)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 16, nil)
        let generated = counted(GL_PRIMITIVES_GENERATED) { glDrawTransformFeedback(GL_POINTS, tf) }
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(generated, 3)
    }

    func testObjectsOwnTheirBindingsAndState() {
        let prog = linked(["b"])
        glUseProgram(prog)
        points()
        var names: [GLuint] = [0, 0]
        glGenTransformFeedbacks(2, &names)
        XCTAssertEqual(glIsTransformFeedback(names[0]), 0, "a name only generated is no object yet")
        glBindTransformFeedback(GL_ARRAY_BUFFER, names[0])
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 99)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a name never generated")
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[0])
        XCTAssertEqual(glIsTransformFeedback(names[0]), 1)
        let buffer = captureBuffer(0, bytes: 64)
        var bound: GLint = -1, binding: GLint = -1
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[1])
        glGetIntegeri_v(GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, 0, &bound)
        glGetIntegerv(GL_TRANSFORM_FEEDBACK_BINDING, &binding)
        XCTAssertEqual([bound, binding], [0, GLint(names[1])], "the other object has its own bindings")
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[0])
        glGetIntegeri_v(GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, 0, &bound)
        XCTAssertEqual(GLuint(bound), buffer)

        glPauseTransformFeedback()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "pause while not active")
        glBeginTransformFeedback(GL_POINTS)
        glResumeTransformFeedback()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "resume while not paused")
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[1])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "bind while active")
        glDeleteTransformFeedbacks(1, &names)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "delete while active")
        let other = linked(["a"])
        glUseProgram(other)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "program change while active")
        glPauseTransformFeedback()
        glPauseTransformFeedback()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "pause while paused")
        glUseProgram(other)
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[1])
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "program change and bind while paused")
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, names[0])
        glLinkProgram(prog)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "relinking a capturing program")
        glResumeTransformFeedback()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "resume with another program in use")
        glUseProgram(prog)
        glResumeTransformFeedback()
        glEndTransformFeedback()
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glDeleteTransformFeedbacks(2, &names)
        glGetIntegerv(GL_TRANSFORM_FEEDBACK_BINDING, &binding)
        XCTAssertEqual(binding, 0, "deleting the bound object binds the default one")
        XCTAssertEqual(glIsTransformFeedback(names[0]), 0)
    }

    func testNextBufferAndSkipComponents() {
        let prog = linked(["b", "gl_SkipComponents2", "gl_NextBuffer", "gl_SkipComponents1", "a"])
        glUseProgram(prog)
        points()
        let first = captureBuffer(0, bytes: 10 * 4), second = captureBuffer(1, bytes: 16 * 4)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 3)
        glEndTransformFeedback()
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let e = Float(bitPattern: 0xEEEE_EEEE)
        XCTAssertEqual(read(first, 10, as: Float.self).map(\.bitPattern), [2, e, e, 6, e, e, 10, e, e, e].map(\.bitPattern))
        XCTAssertEqual(
            read(second, 16, as: Float.self).map(\.bitPattern),
            [e, 1, 2, 3, 1, e, 3, 4, 7, 1, e, 5, 6, 11, 1, e].map(\.bitPattern))
        var count: GLint = 0, size: GLsizei = 0, type: GLenum = 1, length: GLsizei = 0
        var name = [GLchar](repeating: 0, count: 32)
        glGetProgramiv(prog, GL_TRANSFORM_FEEDBACK_VARYINGS, &count)
        XCTAssertEqual(count, 5)
        glGetTransformFeedbackVarying(prog, 1, 32, &length, &size, &type, &name)
        XCTAssertEqual([String(cString: name)], ["gl_SkipComponents2"])
        XCTAssertEqual([Int(size), Int(type)], [2, Int(GL_NONE)])

        // The special names only interleave, and gl_NextBuffer starts at most three more buffers.
        _ = program(["b", "gl_NextBuffer", "a"], separate: true)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "gl_NextBuffer with separate attributes")
        _ = program(["gl_SkipComponents1", "b"], separate: true)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "gl_SkipComponents1 with separate attributes")
        _ = program(["b", "gl_NextBuffer", "a", "gl_NextBuffer", "arr", "gl_NextBuffer", "c", "gl_NextBuffer", "gl_Position"])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "five buffers")
        let (fourBuffers, log) = program(["b", "gl_NextBuffer", "a", "gl_NextBuffer", "arr", "gl_NextBuffer", "gl_SkipComponents4"])
        var status: GLint = 0
        glGetProgramiv(fourBuffers, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1, "four buffers, the last only skipped: \(log)")
        let (unknown, _) = program(["b", "gl_SkipComponents5"])
        glGetProgramiv(unknown, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 0, "gl_SkipComponents5 is no varying")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIndexedQueriesAndLimits() {
        var streams: GLint = 0, buffers: GLint = 0
        glGetIntegerv(GL_MAX_VERTEX_STREAMS, &streams)
        glGetIntegerv(GL_MAX_TRANSFORM_FEEDBACK_BUFFERS, &buffers)
        XCTAssertEqual([streams, buffers], [4, 4], "llvmpipe hosts are GL 4.5")
        glUseProgram(linked(["b"]))
        points()
        _ = captureBuffer(0, bytes: 64)
        glEnable(GL_RASTERIZER_DISCARD)
        let generated = counted(GL_PRIMITIVES_GENERATED, index: 0) { glDrawArrays(GL_TRIANGLES, 0, 3) }
        let onStreamOne = counted(GL_PRIMITIVES_GENERATED, index: 1) { glDrawArrays(GL_TRIANGLES, 0, 3) }
        var written: GLuint = 0
        written = counted(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN, index: 0) {
            glBeginTransformFeedback(GL_TRIANGLES)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            glEndTransformFeedback()
        }
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual([generated, onStreamOne, written], [1, 0, 1], "nothing is emitted on stream 1 without a geometry shader")

        var q: GLuint = 0, current: GLint = -1
        glGenQueries(1, &q)
        glBeginQueryIndexed(GL_PRIMITIVES_GENERATED, 4, q)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index ≥ GL_MAX_VERTEX_STREAMS")
        glBeginQueryIndexed(GL_TIME_ELAPSED, 1, q)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "timer queries have no streams")
        glBeginQueryIndexed(GL_PRIMITIVES_GENERATED, 2, q)
        glGetQueryIndexediv(GL_PRIMITIVES_GENERATED, 2, GL_CURRENT_QUERY, &current)
        XCTAssertEqual(GLuint(current), q)
        glGetQueryIndexediv(GL_PRIMITIVES_GENERATED, 0, GL_CURRENT_QUERY, &current)
        XCTAssertEqual(current, 0, "stream 0 has no active query")
        glEndQueryIndexed(GL_PRIMITIVES_GENERATED, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no query active on stream 0")
        glEndQueryIndexed(GL_PRIMITIVES_GENERATED, 2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
