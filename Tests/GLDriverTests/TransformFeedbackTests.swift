import GLCore
@testable import GLDriver
import XCTest

/// Transform feedback through the C entry points on in-process virglrenderer: what the host captures is read
/// back with glGetBufferSubData and checked value by value, and misuse gives the GL errors of GL 4.6 §13.3.
final class TransformFeedbackTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        // A surfaceless context has no default framebuffer; draws need a complete one even when discarding.
        bindColorFramebuffer(width: 4, height: 4)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertexShader = """
        #version 330 core
        layout(location = 0) in vec2 p;
        out vec4 a;
        out float b;
        flat out ivec2 c;
        out float arr[3];
        void main() {
            gl_Position = vec4(p, 0.0, 1.0);
            a = vec4(p, p.x + p.y, 1.0);
            b = p.x * 2.0;
            c = ivec2(gl_VertexID, gl_VertexID * 10);
            for (int i = 0; i < 3; i++) arr[i] = float(i) + p.y;
        }
        """

    /// A program from `vertexShader` capturing `varyings`; nil (with the log) when it fails to link.
    func program(_ varyings: [String], separate: Bool = false) -> (GLuint, String) {
        let vs = compileShader(GL_VERTEX_SHADER, Self.vertexShader)
        let prog = glCreateProgram()
        glAttachShader(prog, vs)
        let cStrings = varyings.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer<GLchar>($0) }
        glTransformFeedbackVaryings(prog, GLsizei(varyings.count), &pointers, separate ? GL_SEPARATE_ATTRIBS : GL_INTERLEAVED_ATTRIBS)
        glLinkProgram(prog)
        var log = [GLchar](repeating: 0, count: 1024)
        glGetProgramInfoLog(prog, 1024, nil, &log)
        return (prog, String(cString: log))
    }

    /// Three points at (1, 2), (3, 4), (5, 6) in a vertex array at location 0.
    func points() {
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        let data: [Float] = [1, 2, 3, 4, 5, 6]
        glBufferData(GL_ARRAY_BUFFER, 24, data, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 0, nil)
        glEnableVertexAttribArray(0)
    }

    func captureBuffer(_ index: GLuint, bytes: Int, offset: Int = 0) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, b)
        glBufferData(GL_TRANSFORM_FEEDBACK_BUFFER, bytes, [UInt8](repeating: 0xEE, count: bytes), GL_STREAM_READ)
        if offset == 0 {
            glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, index, b)
        } else {
            glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, index, b, offset, bytes - offset)
        }
        return b
    }

    func read<T>(_ buffer: GLuint, _ count: Int, as: T.Type) -> [T] {
        glBindBuffer(GL_COPY_READ_BUFFER, buffer)
        return [T](unsafeUninitializedCapacity: count) { p, n in
            glGetBufferSubData(GL_COPY_READ_BUFFER, 0, count * MemoryLayout<T>.stride, p.baseAddress)
            n = count
        }
    }

    func testInterleavedCaptureOfVectorsIntegersArraysAndPosition() throws {
        let (prog, log) = program(["a", "c", "b", "arr[1]", "gl_Position"])
        var status: GLint = 0
        glGetProgramiv(prog, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1, log)
        glUseProgram(prog)
        points()
        // Per vertex: a (4) + c (2) + b (1) + arr[1] (1) + gl_Position (4) = 12 words.
        let buffer = captureBuffer(0, bytes: 3 * 12 * 4 + 16)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 3)
        glEndTransformFeedback()
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let words = read(buffer, 3 * 12 + 4, as: UInt32.self)
        for v in 0..<3 {
            let x = Float(1 + 2 * v), y = Float(2 + 2 * v)
            let w = Array(words[v * 12..<(v + 1) * 12])
            XCTAssertEqual(w[0..<4].map { Float(bitPattern: $0) }, [x, y, x + y, 1], "a of vertex \(v)")
            XCTAssertEqual(Array(w[4..<6]), [UInt32(v), UInt32(v * 10)], "c of vertex \(v)")
            XCTAssertEqual(Float(bitPattern: w[6]), 2 * x, "b of vertex \(v)")
            XCTAssertEqual(Float(bitPattern: w[7]), 1 + y, "arr[1] of vertex \(v)")
            XCTAssertEqual(w[8..<12].map { Float(bitPattern: $0) }, [x, y, 0, 1], "gl_Position of vertex \(v)")
        }
        XCTAssertEqual(Array(words[36..<40]), [UInt32](repeating: 0xEEEE_EEEE, count: 4), "nothing past the last vertex")

        // Reflection of what was captured.
        var count: GLint = 0, maxLength: GLint = 0, mode: GLint = 0
        glGetProgramiv(prog, GL_TRANSFORM_FEEDBACK_VARYINGS, &count)
        glGetProgramiv(prog, GL_TRANSFORM_FEEDBACK_VARYING_MAX_LENGTH, &maxLength)
        glGetProgramiv(prog, GL_TRANSFORM_FEEDBACK_BUFFER_MODE, &mode)
        XCTAssertEqual([count, maxLength, mode], [5, 12, GLint(GL_INTERLEAVED_ATTRIBS)])
        var size: GLsizei = 0, type: GLenum = 0, length: GLsizei = 0
        var name = [GLchar](repeating: 0, count: 32)
        glGetTransformFeedbackVarying(prog, 1, 32, &length, &size, &type, &name)
        XCTAssertEqual([String(cString: name)], ["c"])
        XCTAssertEqual([Int(size), Int(type), Int(length)], [1, Int(GL_INT_VEC2), 1])
        glGetTransformFeedbackVarying(prog, 5, 32, &length, &size, &type, &name)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var bound: GLint = 0
        glGetIntegeri_v(GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, 0, &bound)
        XCTAssertEqual(GLuint(bound), buffer)
    }

    func testSeparateBuffersAtOffsetsAcrossTwoDraws() throws {
        let (prog, log) = program(["b", "arr"], separate: true)
        var status: GLint = 0
        glGetProgramiv(prog, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 1, log)
        glUseProgram(prog)
        points()
        let first = captureBuffer(0, bytes: 64, offset: 16)
        let second = captureBuffer(1, bytes: 128)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 2)
        glDrawArrays(GL_POINTS, 2, 1)  // appends after the first draw's vertices
        glEndTransformFeedback()
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let b = read(first, 16, as: Float.self)
        XCTAssertEqual(Array(b[4..<7]), [2, 6, 10], "b, after the 16-byte offset")
        XCTAssertEqual(b[0].bitPattern, 0xEEEE_EEEE, "nothing before the offset")
        let arr = read(second, 9, as: Float.self)
        XCTAssertEqual(arr, [2, 3, 4, 4, 5, 6, 6, 7, 8])
    }

    func testMisuseGivesGLErrors() {
        let (bad, log) = program(["nothing"])
        var status: GLint = 1
        glGetProgramiv(bad, GL_LINK_STATUS, &status)
        XCTAssertEqual(status, 0)
        XCTAssertTrue(log.contains("nothing"), log)
        let (prog, _) = program(["a"])
        glUseProgram(prog)
        points()
        glEndTransformFeedback()
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "end without begin")
        glBeginTransformFeedback(GL_POINTS)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no buffer bound")
        _ = captureBuffer(0, bytes: 64)
        glBeginTransformFeedback(GL_QUADS)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBeginTransformFeedback(GL_TRIANGLES)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBeginTransformFeedback(GL_TRIANGLES)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "already active")
        glDrawArrays(GL_POINTS, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "points while capturing triangles")
        glUseProgram(0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "program change while active")
        glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "rebinding while active")
        glEndTransformFeedback()
        glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 1, 2, 8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "offset not a multiple of 4")
        glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 4, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index ≥ GL_MAX_TRANSFORM_FEEDBACK_BUFFERS")
        var one: UnsafePointer<GLchar>? = nil
        glTransformFeedbackVaryings(prog, 5, &one, GL_SEPARATE_ATTRIBS)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "more separate varyings than buffers")
    }
}
