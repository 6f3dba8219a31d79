import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_shader_atomic_counters (GL 4.2) and GL_ARB_shader_atomic_counter_ops: counters counted by fragment
/// shaders on the host (TGSI HWATOMIC, SET_ATOMIC_BUFFERS) and read back from the buffer, the program's counter
/// reflection, the indexed bindings and their errors.
final class AtomicCounterTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A current context whose host has counters, a `width`×`height` framebuffer and a VAO.
    func start(width: GLsizei = 4, height: GLsizei = 4, ops: Bool = false) throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_shader_atomic_counters") else { throw XCTSkip("the host has no atomic counters") }
        if ops, !c.extensions.contains("GL_ARB_shader_atomic_counter_ops") { throw XCTSkip("no atomic counter operations") }
        bindColorFramebuffer(width: width, height: height)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        return c
    }

    /// A program of the full-viewport vertex shader and a GLSL 3.30 fragment shader with the extension(s) on.
    func program(_ fragmentBody: String, ops: Bool = false) -> GLuint {
        let header = "#version 330 core\n#extension GL_ARB_shader_atomic_counters : require\n"
            + (ops ? "#extension GL_ARB_shader_atomic_counter_ops : require\n" : "")
        return linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, header + fragmentBody)])
    }

    /// A new buffer of `words`, bound to atomic counter binding `index` (and the generic binding).
    @discardableResult
    func counterBuffer(_ words: [UInt32], index: GLuint = 0) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBufferBase(GL_ATOMIC_COUNTER_BUFFER, index, b)
        glBufferData(GL_ATOMIC_COUNTER_BUFFER, words.count * 4, words, GL_DYNAMIC_DRAW)
        return b
    }

    /// The words of the buffer bound to the generic GL_ATOMIC_COUNTER_BUFFER binding, by glGetBufferSubData.
    func counterWords(_ count: Int) -> [UInt32] {
        var out = [UInt32](repeating: 0xDEAD_BEEF, count: count)
        glGetBufferSubData(GL_ATOMIC_COUNTER_BUFFER, 0, count * 4, &out)
        return out
    }

    func pixel(_ x: GLint = 0, _ y: GLint = 0) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    // MARK: Counting

    func testIncrementCountsEveryFragment() throws {
        _ = try start(width: 8, height: 6)
        counterBuffer([100])
        glUseProgram(program("layout(binding = 0, offset = 0) uniform atomic_uint c;\nout vec4 o;\nvoid main() { atomicCounterIncrement(c); o = vec4(1.0); }\n"))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(counterWords(1), [148], "one increment per fragment of 8×6")
        // A second draw counts on from what the host holds, and a map sees it too.
        glDrawArrays(GL_TRIANGLES, 0, 3)
        let p = glMapBufferRange(GL_ATOMIC_COUNTER_BUFFER, 0, 4, GL_MAP_READ_BIT)
        XCTAssertEqual(p?.load(as: UInt32.self), 196)
        XCTAssertEqual(glUnmapBuffer(GL_ATOMIC_COUNTER_BUFFER), 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIncrementReturnsTheValueBeforeAndDecrementTheValueAfter() throws {
        _ = try start(width: 1, height: 1)
        counterBuffer([5, 9])
        glUseProgram(program("""
            layout(binding = 0) uniform atomic_uint up;
            layout(binding = 0) uniform atomic_uint down;
            out vec4 o;
            void main() {
                uint a = atomicCounterIncrement(up);
                uint b = atomicCounterDecrement(down);
                uint r = atomicCounter(up);
                o = vec4(float(a) / 255.0, float(b) / 255.0, float(r) / 255.0, 1.0);
            }
            """))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [5, 8, 6, 255], "increment gives 5 (before), decrement 8 (after), a read 6")
        XCTAssertEqual(counterWords(2), [6, 8], "`down` takes the next offset, 4")
    }

    func testCountersAtTheirOffsetsLeaveTheOtherWordsAlone() throws {
        _ = try start()
        counterBuffer([10, 77, 50])
        glUseProgram(program("""
            layout(binding = 0, offset = 8) uniform atomic_uint down;
            layout(binding = 0, offset = 0) uniform atomic_uint up;
            out vec4 o;
            void main() { atomicCounterIncrement(up); atomicCounterDecrement(down); o = vec4(1.0); }
            """))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(counterWords(3), [26, 77, 34])
    }

    func testArrayIndexedByAVariableInABoundRange() throws {
        _ = try start(width: 2, height: 2)
        let b = counterBuffer([UInt32](repeating: 0, count: 12))
        // Binding 1 starts at byte 16: arr (offset 4) is words 5, 6, 7 of the buffer.
        glBindBufferRange(GL_ATOMIC_COUNTER_BUFFER, 1, b, 16, 32)
        let p = program("""
            layout(binding = 1, offset = 4) uniform atomic_uint arr[3];
            uniform int idx;
            out vec4 o;
            void main() { atomicCounterIncrement(arr[idx]); o = vec4(1.0); }
            """)
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "idx"), 2)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glUniform1i(glGetUniformLocation(p, "idx"), 0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(counterWords(12), [0, 0, 0, 0, 0, 8, 0, 4, 0, 0, 0, 0])
    }

    func testCounterOperations() throws {
        _ = try start(width: 1, height: 1, ops: true)
        counterBuffer([10, 10, 10, 10, 0b1100, 0b1100, 0b1100, 10, 10, 10])
        glUseProgram(program("""
            layout(binding = 0) uniform atomic_uint add, sub, mn, mx, an, orr, xr, ex, cas, casMiss;
            out vec4 o;
            void main() {
                uint r = atomicCounterAddARB(add, 5u) + atomicCounterSubtractARB(sub, 3u);
                atomicCounterMinARB(mn, 4u);
                atomicCounterMaxARB(mx, 40u);
                atomicCounterAndARB(an, 10u);
                atomicCounterOrARB(orr, 3u);
                atomicCounterXorARB(xr, 6u);
                uint e = atomicCounterExchangeARB(ex, 99u);
                uint c = atomicCounterCompSwapARB(cas, 10u, 7u);
                atomicCounterCompSwapARB(casMiss, 11u, 7u);
                o = vec4(float(r) / 255.0, float(e) / 255.0, float(c) / 255.0, 1.0);
            }
            """, ops: true))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [20, 10, 10, 255], "each returns the value before")
        XCTAssertEqual(counterWords(10), [15, 7, 4, 40, 0b1000, 0b1111, 0b1010, 99, 7, 10])
    }

    func testPipelineStageCounts() throws {
        _ = try start(width: 3, height: 3)
        counterBuffer([0, 0], index: 1)
        func separable(_ type: GLenum, _ source: String) -> GLuint {
            source.withCString { s in
                var ptr: UnsafePointer<GLchar>? = s
                return glCreateShaderProgramv(type, 1, &ptr)
            }
        }
        let vp = separable(GL_VERTEX_SHADER, "#version 330 core\nout gl_PerVertex { vec4 gl_Position; };\n" + fullViewportTriangleVS.split(separator: "\n").dropFirst().joined(separator: "\n"))
        let fp = separable(GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_shader_atomic_counters : require
            layout(binding = 1, offset = 4) uniform atomic_uint c;
            out vec4 o;
            void main() { atomicCounterIncrement(c); o = vec4(1.0); }
            """)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        glBindProgramPipeline(pipe)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(counterWords(2), [0, 9], "the fragment stage's program counts through binding 1")
    }

    // MARK: Reflection

    func testProgramReflection() throws {
        _ = try start()
        let p = program("""
            layout(binding = 2, offset = 4) uniform atomic_uint a;
            layout(binding = 2) uniform atomic_uint b[2];
            layout(binding = 0) uniform atomic_uint z;
            uniform float f;
            layout(std140) uniform Block { vec4 bv; };
            out vec4 o;
            void main() { o = vec4(float(atomicCounter(a) + atomicCounter(b[1]) + atomicCounter(z)) * f) + bv; }
            """)
        var n: GLint = -1
        glGetProgramiv(p, GL_ACTIVE_ATOMIC_COUNTER_BUFFERS, &n)
        XCTAssertEqual(n, 2)
        glGetProgramiv(p, GL_ACTIVE_UNIFORMS, &n)
        XCTAssertEqual(n, 5, "f, the block's bv and the three counters")
        glGetProgramiv(p, GL_ACTIVE_UNIFORM_MAX_LENGTH, &n)
        XCTAssertEqual(n, 5, "b[0] and its NUL")
        XCTAssertEqual(glGetUniformLocation(p, "a"), -1, "counters have no location")

        func buffer(_ i: GLuint, _ pname: GLenum) -> GLint {
            var v: GLint = -1
            glGetActiveAtomicCounterBufferiv(p, i, pname, &v)
            return v
        }
        // Buffers by binding point: 0 (z), then 2 (a at 4, b at 8..15).
        XCTAssertEqual(buffer(0, GL_ATOMIC_COUNTER_BUFFER_BINDING), 0)
        XCTAssertEqual(buffer(1, GL_ATOMIC_COUNTER_BUFFER_BINDING), 2)
        XCTAssertEqual(buffer(0, GL_ATOMIC_COUNTER_BUFFER_DATA_SIZE), 4)
        XCTAssertEqual(buffer(1, GL_ATOMIC_COUNTER_BUFFER_DATA_SIZE), 16)
        XCTAssertEqual(buffer(1, GL_ATOMIC_COUNTER_BUFFER_ACTIVE_ATOMIC_COUNTERS), 2)
        XCTAssertEqual(buffer(1, GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_FRAGMENT_SHADER), 1)
        XCTAssertEqual(buffer(1, GL_ATOMIC_COUNTER_BUFFER_REFERENCED_BY_VERTEX_SHADER), 0)
        var indices = [GLint](repeating: -1, count: 2)
        glGetActiveAtomicCounterBufferiv(p, 1, GL_ATOMIC_COUNTER_BUFFER_ACTIVE_ATOMIC_COUNTER_INDICES, &indices)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        var names: [String] = []
        for index in indices {
            var name = [GLchar](repeating: 0, count: 16), size: GLint = 0, type: GLenum = 0
            glGetActiveUniform(p, GLuint(index), 16, nil, &size, &type, &name)
            names.append(String(cString: name))
            XCTAssertEqual(type, GL_UNSIGNED_INT_ATOMIC_COUNTER)
            XCTAssertEqual(size, names.last == "b[0]" ? 2 : 1)
        }
        XCTAssertEqual(Set(names), ["a", "b[0]"])
        var u = indices.map { GLuint($0) }, values = [GLint](repeating: -7, count: 2)
        glGetActiveUniformsiv(p, 2, &u, GL_UNIFORM_OFFSET, &values)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(names, values)), ["a": 4, "b[0]": 8])
        glGetActiveUniformsiv(p, 2, &u, GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX, &values)
        XCTAssertEqual(values, [1, 1])
        glGetActiveUniformsiv(p, 2, &u, GL_UNIFORM_ARRAY_STRIDE, &values)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(names, values)), ["a": 0, "b[0]": 4])
        glGetActiveUniformsiv(p, 2, &u, GL_UNIFORM_BLOCK_INDEX, &values)
        XCTAssertEqual(values, [-1, -1])
        // The ordinary uniform is in no counter buffer.
        var f = [GLuint(0)], v: GLint = 0
        "f".withCString { s in
            var ptr: UnsafePointer<GLchar>? = s
            glGetUniformIndices(p, 1, &ptr, &f)
        }
        glGetActiveUniformsiv(p, 1, &f, GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX, &v)
        XCTAssertEqual(v, -1)
        glGetActiveUniformsiv(p, 1, &f, GL_UNIFORM_TYPE, &v)
        XCTAssertEqual(GLenum(v), GL_FLOAT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // The counters take the first indices; the others keep theirs after them, consistently across queries.
        var zIndex: GLint = -1
        glGetActiveAtomicCounterBufferiv(p, 0, GL_ATOMIC_COUNTER_BUFFER_ACTIVE_ATOMIC_COUNTER_INDICES, &zIndex)
        XCTAssertEqual(Set(indices + [zIndex]), [0, 1, 2])
        var bv = [GLuint(0)]
        "bv".withCString { s in
            var ptr: UnsafePointer<GLchar>? = s
            glGetUniformIndices(p, 1, &ptr, &bv)
        }
        XCTAssertGreaterThanOrEqual(bv[0], 3)
        XCTAssertNotEqual(bv[0], f[0])
        var name = [GLchar](repeating: 0, count: 8)
        glGetActiveUniformName(p, bv[0], 8, nil, &name)
        XCTAssertEqual(String(cString: name), "bv")
        glGetActiveUniformName(p, f[0], 8, nil, &name)
        XCTAssertEqual(String(cString: name), "f")
        var members: GLint = -1
        glGetActiveUniformBlockiv(p, 0, GL_UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES, &members)
        XCTAssertEqual(GLuint(members), bv[0])
        glGetActiveUniformsiv(p, 1, &bv, GL_UNIFORM_BLOCK_INDEX, &v)
        XCTAssertEqual(v, 0)
        var five: [GLuint] = [5]
        glGetActiveUniformsiv(p, 1, &five, GL_UNIFORM_TYPE, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "5 active uniforms: indices 0 to 4")

        // Errors: a buffer index past the active ones (the output untouched), an unknown parameter.
        var untouched: GLint = 1234
        glGetActiveAtomicCounterBufferiv(p, 2, GL_ATOMIC_COUNTER_BUFFER_BINDING, &untouched)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        XCTAssertEqual(untouched, 1234)
        glGetActiveAtomicCounterBufferiv(p, 0, GL_UNIFORM_OFFSET, &untouched)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetActiveAtomicCounterBufferiv(p + 100, 0, GL_ATOMIC_COUNTER_BUFFER_BINDING, &untouched)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testCountersOfSeveralStagesMustAgree() throws {
        _ = try start()
        func links(_ vertex: String, _ fragment: String) -> Bool {
            let header = "#version 330 core\n#extension GL_ARB_shader_atomic_counters : require\n"
            let p = glCreateProgram()
            glAttachShader(p, compileShader(GL_VERTEX_SHADER, header + vertex))
            glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, header + fragment))
            glLinkProgram(p)
            var ok: GLint = 0
            glGetProgramiv(p, GL_LINK_STATUS, &ok)
            return ok == 1
        }
        let vertex = { (decl: String) in "\(decl)\nflat out uint v;\nvoid main() { v = atomicCounter(x); gl_Position = vec4(0.0); }\n" }
        let fragment = { (decl: String) in "\(decl)\nflat in uint v;\nout vec4 o;\nvoid main() { o = vec4(float(v + atomicCounter(y))); }\n" }
        XCTAssertTrue(links(vertex("layout(binding = 0, offset = 0) uniform atomic_uint x;"), fragment("layout(binding = 0, offset = 4) uniform atomic_uint y;")))
        XCTAssertFalse(
            links(vertex("layout(binding = 0, offset = 4) uniform atomic_uint x;"), fragment("layout(binding = 0, offset = 4) uniform atomic_uint y;")),
            "two counters at one place")
        XCTAssertFalse(
            links(
                vertex("layout(binding = 1, offset = 0) uniform atomic_uint x;"),
                fragment("layout(binding = 0, offset = 0) uniform atomic_uint x;\nlayout(binding = 0, offset = 4) uniform atomic_uint y;")),
            "one counter at two bindings")
    }

    // MARK: Bindings

    func testBindingsAndTheirQueries() throws {
        let c = try start()
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(GL_ATOMIC_COUNTER_BUFFER, b)
        glBufferData(GL_ATOMIC_COUNTER_BUFFER, 64, nil, GL_DYNAMIC_DRAW)
        glBindBufferRange(GL_ATOMIC_COUNTER_BUFFER, 0, b, 8, 16)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var v: GLint = -1, v64: GLint64 = -1
        glGetIntegeri_v(GL_ATOMIC_COUNTER_BUFFER_BINDING, 0, &v)
        XCTAssertEqual(v, GLint(b))
        glGetInteger64i_v(GL_ATOMIC_COUNTER_BUFFER_START, 0, &v64)
        XCTAssertEqual(v64, 8)
        glGetInteger64i_v(GL_ATOMIC_COUNTER_BUFFER_SIZE, 0, &v64)
        XCTAssertEqual(v64, 16)
        glGetIntegerv(GL_ATOMIC_COUNTER_BUFFER_BINDING, &v)
        XCTAssertEqual(v, GLint(b), "the generic binding")

        // Offsets are multiples of 4; indices below GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS.
        glBindBufferRange(GL_ATOMIC_COUNTER_BUFFER, 0, b, 6, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var bindings: GLint = 0
        glGetIntegerv(GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS, &bindings)
        XCTAssertGreaterThanOrEqual(bindings, 1)
        glBindBufferBase(GL_ATOMIC_COUNTER_BUFFER, GLuint(bindings), b)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glGetIntegeri_v(GL_ATOMIC_COUNTER_BUFFER_BINDING, GLuint(bindings), &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glGetIntegeri_v(GL_ATOMIC_COUNTER_BUFFER_BINDING, 0, &v)
        XCTAssertEqual(v, GLint(b), "the failed binds changed nothing")

        // Deleting the buffer unbinds it.
        glDeleteBuffers(1, &b)
        glGetIntegeri_v(GL_ATOMIC_COUNTER_BUFFER_BINDING, 0, &v)
        XCTAssertEqual(v, 0)

        // The limits: the host's, at least GL 4.2's minimums.
        for (pname, minimum) in [
            (GL_MAX_FRAGMENT_ATOMIC_COUNTERS, 8), (GL_MAX_COMBINED_ATOMIC_COUNTERS, 8), (GL_MAX_FRAGMENT_ATOMIC_COUNTER_BUFFERS, 1),
            (GL_MAX_COMBINED_ATOMIC_COUNTER_BUFFERS, 1), (GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE, 32),
        ] {
            glGetIntegerv(pname, &v)
            XCTAssertGreaterThanOrEqual(Int(v), minimum, GLEnumNames.describe(pname))
        }
        XCTAssertEqual(c.state.limits.maxAtomicCounterBufferBindings, bindings)
    }
}
