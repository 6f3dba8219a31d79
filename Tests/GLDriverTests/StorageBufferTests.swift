import GLCore
@testable import GLDriver
import ShaderCompiler
import XCTest

/// GL_ARB_shader_storage_buffer_object: `buffer` blocks read and written by shaders (TGSI BUFFER with LOAD,
/// STORE, ATOM* and RESQ), the GL_SHADER_STORAGE_BUFFER binding points, reflection, limits and errors; what the
/// shaders wrote is read back from the host.
final class StorageBufferTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    static let header = "#version 330 core\n#extension GL_ARB_shader_storage_buffer_object : require\n"

    /// A 4×4 framebuffer cleared black and a VAO; skips where the host has no storage buffers.
    func setUpContext() throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_shader_storage_buffer_object") else { throw XCTSkip("the host has no shader storage buffers") }
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        return c
    }

    /// A buffer holding `words`, bound to storage binding point `index` (whole, or `offset`/`size`).
    @discardableResult
    func storageBuffer(_ words: [UInt32], index: GLuint, offset: Int = 0, size: Int = 0) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, b)
        glBufferData(GL_SHADER_STORAGE_BUFFER, words.count * 4, words, GL_DYNAMIC_COPY)
        if size > 0 {
            glBindBufferRange(GL_SHADER_STORAGE_BUFFER, index, b, offset, size)
        } else {
            glBindBufferBase(GL_SHADER_STORAGE_BUFFER, index, b)
        }
        return b
    }

    /// The words of buffer `b` (glGetBufferSubData).
    func contents(_ b: GLuint, _ count: Int) -> [UInt32] {
        var out = [UInt32](repeating: 0xDEAD_BEEF, count: count)
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, b)
        glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, count * 4, &out)
        return out
    }

    func draw(_ fragment: String, vertex: String = fullViewportTriangleVS) -> GLuint {
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, Self.header + fragment)])
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return p
    }

    func pixel(_ x: GLint = 1, _ y: GLint = 1) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func testFragmentShaderWritesAreReadBack() throws {
        _ = try setUpContext()
        let b = storageBuffer([UInt32](repeating: 0, count: 16), index: 2)
        _ = draw("""
            layout(std430, binding = 2) buffer Out { uint data[16]; };
            out vec4 c;
            void main() {
                ivec2 p = ivec2(gl_FragCoord.xy);
                data[p.y * 4 + p.x] = uint(p.x) * 10u + uint(p.y) + 1u;
                c = vec4(1.0);
            }
            """)
        let words = contents(b, 16)
        for y in 0..<4 {
            for x in 0..<4 { XCTAssertEqual(words[y * 4 + x], UInt32(x * 10 + y + 1), "fragment (\(x), \(y))") }
        }
        // A map sees the same.
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, b)
        let mapped = glMapBufferRange(GL_SHADER_STORAGE_BUFFER, 0, 64, GL_MAP_READ_BIT)
        XCTAssertEqual(mapped?.load(fromByteOffset: 4 * 6, as: UInt32.self), 2 * 10 + 1 + 1)
        glUnmapBuffer(GL_SHADER_STORAGE_BUFFER)
    }

    func testReadsStd430Vec3AndStructArrays() throws {
        _ = try setUpContext()
        // std430: vec3 v[2] at 0 (stride 16); struct S { vec2 a; float b; } s[2] at 32 (stride 16: S aligns to 8).
        var words = [UInt32](repeating: 0, count: 16)
        let floats: [(Int, Float)] = [(4, 0.25), (5, 0.5), (6, 0.75), (12, 0.0), (13, 1.0), (14, 0.5)]
        for (i, f) in floats { words[i] = f.bitPattern }
        storageBuffer(words, index: 0)
        _ = draw("""
            struct S { vec2 a; float b; };
            layout(std430, binding = 0) readonly buffer In { vec3 v[2]; S s[2]; } inb;
            uniform int one = 1;
            out vec4 c;
            void main() {
                // v[1] = (0.25, 0.5, 0.75); s[1] = ((0, 1), 0.5), both picked by a variable.
                c = vec4(inb.v[one].x, inb.v[one].z, inb.s[one].a.y, inb.s[one].b);
            }
            """)
        XCTAssertEqual(pixel().map { Int($0) }, [64, 191, 255, 128], accuracy: 1)
    }

    func testAtomicAddCountsEveryFragment() throws {
        _ = try setUpContext()
        let b = storageBuffer([UInt32](repeating: 0, count: 17), index: 0)
        _ = draw("""
            layout(std430, binding = 0) buffer Counter { uint count; uint seen[16]; };
            out vec4 c;
            void main() {
                uint previous = atomicAdd(count, 1u);
                // Each fragment got a different previous value: mark it.
                atomicOr(seen[previous % 16u], 1u << (previous / 16u));
                c = vec4(0.0, 1.0, 0.0, 1.0);
            }
            """)
        let words = contents(b, 17)
        XCTAssertEqual(words[0], 16, "one increment per fragment of the 4×4 framebuffer")
        XCTAssertEqual(Array(words[1...]), [UInt32](repeating: 1, count: 16), "each previous value 0…15 returned once")
    }

    func testAtomicMinMaxExchangeAndCompSwap() throws {
        _ = try setUpContext()
        let b = storageBuffer([100, UInt32(bitPattern: -5), 7, 3, 0], index: 1)
        _ = draw("""
            layout(std430, binding = 1) buffer A { uint umin; int imax; uint xchg; uint cas; uint casResult; };
            out vec4 c;
            void main() {
                atomicMin(umin, 42u);
                atomicMax(imax, -2);
                atomicExchange(xchg, 9u);
                if (ivec2(gl_FragCoord.xy) == ivec2(0)) { casResult = atomicCompSwap(cas, 3u, 11u); }
                c = vec4(1.0);
            }
            """)
        XCTAssertEqual(contents(b, 5), [42, UInt32(bitPattern: -2), 9, 11, 3])
    }

    func testLengthOfUnsizedArrayFollowsTheBoundRange() throws {
        let c = try setUpContext()
        let fragment = """
            layout(std430, binding = 0) buffer B { uint n; uint arr[]; };
            out vec4 c;
            void main() { n = uint(arr.length()); c = vec4(1.0); }
            """
        // The whole 48-byte buffer: (48 − 4) / 4 elements.
        let whole = storageBuffer([UInt32](repeating: 0, count: 12), index: 0)
        _ = draw(fragment)
        XCTAssertEqual(contents(whole, 1), [11])
        // A range of 32 bytes at an aligned offset: (32 − 4) / 4.
        var align: GLint = 0
        glGetIntegerv(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT, &align)
        XCTAssertGreaterThan(align, 0)
        let offset = Int(align)
        let ranged = storageBuffer([UInt32](repeating: 0, count: (offset + 32) / 4), index: 0, offset: offset, size: 32)
        _ = c
        _ = draw(fragment)
        XCTAssertEqual(contents(ranged, (offset + 32) / 4)[offset / 4], 7)
    }

    func testRowMajorMatrixAndVertexStageBlocks() throws {
        _ = try setUpContext()
        // The vertex stage writes one block, the fragment stage another: one numbering for the program.
        let vb = storageBuffer([UInt32](repeating: 0, count: 3), index: 3)
        let fb = storageBuffer([UInt32](repeating: 0, count: 12), index: 4)
        let vertex = Self.header + """
            layout(std430, binding = 3) buffer V { uint vertices[3]; };
            void main() {
                vertices[gl_VertexID] = uint(gl_VertexID) + 5u;
                gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
            }
            """
        _ = draw("""
            layout(std430, binding = 4) buffer F { layout(row_major) mat3 m; };
            out vec4 c;
            void main() { m = mat3(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0); c = vec4(1.0); }
            """, vertex: vertex)
        XCTAssertEqual(contents(vb, 3), [5, 6, 7])
        // Row-major mat3 in std430: three rows of vec3, 16 bytes apart; row r holds column c's component r.
        let f = contents(fb, 12).map { Float(bitPattern: $0) }
        XCTAssertEqual([f[0], f[1], f[2], f[4], f[5], f[6], f[8], f[9], f[10]], [1, 4, 7, 2, 5, 8, 3, 6, 9])
    }

    func testStructCopyThroughVariableIndicesAndDoubles() throws {
        _ = try setUpContext()
        // std140, row_major: S { vec2 a @0; mat2x3 m @16 (three rows 16 apart); int k[2] @64 (stride 16) }, 96 bytes;
        // s[] at 16 after uint n.
        var words = [UInt32](repeating: 0, count: 60)
        for (byte, value) in [(32, 3), (36, 4), (48, 5), (52, 6), (64, 7), (68, 8)] { words[byte / 4] = Float(value).bitPattern }
        words[80 / 4] = 10
        let b = storageBuffer(words, index: 1)
        // std430 doubles: double d @0, dvec3 v @32, outv @64.
        var doubles = [UInt32](repeating: 0, count: 24)
        for (k, v) in [(0, 1.5), (4, 2.0), (5, 3.0), (6, 4.0)] as [(Int, Double)] {
            doubles[k * 2] = UInt32(truncatingIfNeeded: v.bitPattern)
            doubles[k * 2 + 1] = UInt32(v.bitPattern >> 32)
        }
        let d = storageBuffer(doubles, index: 2)
        _ = draw("""
            struct S { vec2 a; mat2x3 m; int k[2]; };
            layout(std140, row_major, binding = 1) buffer B { uint n; S s[]; };
            layout(std430, binding = 2) buffer D { double d; dvec3 v; dvec3 outv; };
            uniform int i0 = 0, i1 = 1;
            out vec4 c;
            void main() {
                if (ivec2(gl_FragCoord.xy) == ivec2(0)) {
                    s[i1] = s[i0];
                    s[i1].k[i1] = 9;
                    s[i1].m[i1][2] = 42.0;
                    n = uint(s.length());
                    outv = v * d;
                }
                c = vec4(1.0);
            }
            """)
        let out = contents(b, 60)
        XCTAssertEqual(out[0], 2, "(240 − 16) / 96 elements")
        let rows = [128, 132, 144, 148, 160, 164].map { Float(bitPattern: out[$0 / 4]) }
        XCTAssertEqual(rows, [3, 4, 5, 6, 7, 42])
        XCTAssertEqual([out[176 / 4], out[192 / 4]], [10, 9])
        let dv = contents(d, 24)
        let products = (0..<3).map { k in Double(bitPattern: UInt64(dv[16 + k * 2]) | UInt64(dv[17 + k * 2]) << 32) }
        XCTAssertEqual(products, [3, 4.5, 6])
    }

    func testBlockBindingReflectionAndLimits() throws {
        let c = try setUpContext()
        let red = storageBuffer([Float(1).bitPattern, 0, 0, Float(1).bitPattern], index: 5)
        let green = storageBuffer([0, Float(1).bitPattern, 0, Float(1).bitPattern], index: 6)
        _ = (red, green)
        let p = draw("""
            layout(std140, binding = 5) buffer Colour { vec4 colour; } col;
            layout(std430) buffer Unused { float u[]; };
            out vec4 c;
            void main() { c = col.colour; }
            """)
        XCTAssertEqual(pixel(), [255, 0, 0, 255])
        guard let program = c.programs[p], let linked = program.linkedProgram else { return XCTFail("no program") }
        XCTAssertEqual(linked.storageBlocks.map(\.name), ["Colour"], "only used blocks are active")
        XCTAssertEqual(linked.storageBlocks.first?.binding, 5)
        XCTAssertEqual(linked.storageBlocks.first?.members.map(\.name), ["Colour.colour"])
        XCTAssertEqual(linked.storageBlocks.first?.size, 16)
        XCTAssertEqual(linked.storageBlocks.first?.stages, [.fragment])
        // glShaderStorageBlockBinding moves the block to binding point 6.
        glShaderStorageBlockBinding(p, 0, 6)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        var v: GLint = 0
        glGetIntegerv(GL_MAX_FRAGMENT_SHADER_STORAGE_BLOCKS, &v)
        XCTAssertGreaterThanOrEqual(v, 8)
        glGetIntegerv(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, &v)
        XCTAssertGreaterThanOrEqual(v, 8)
        var bound: GLint = 0, start: GLint64 = -1
        glGetIntegeri_v(GL_SHADER_STORAGE_BUFFER_BINDING, 6, &bound)
        XCTAssertEqual(GLuint(bound), green)
        glGetInteger64i_v(GL_SHADER_STORAGE_BUFFER_START, 6, &start)
        XCTAssertEqual(start, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testProgramResourcesForInterfaceQueries() throws {
        let c = try setUpContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, Self.header + """
            struct S { vec4 a; float b; };
            layout(std430, binding = 3) buffer Data { float f; layout(row_major) mat2 m; S s[]; } data;
            out vec4 c;
            void main() { c = vec4(data.f) + data.m[0].xyxy + data.s[1].a; }
            """)])
        guard let program = c.programs[p], let linked = program.linkedProgram else { return XCTFail("no program") }
        XCTAssertEqual(linked.bufferVariables.map(\.member.name), ["Data.f", "Data.m", "Data.s[0].a", "Data.s[0].b"],
                       "the top-level array of structs: its first element only")
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_BUFFER_BINDING), [3])
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_NUM_ACTIVE_VARIABLES), [4])
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_REFERENCED_BY_FRAGMENT_SHADER), [1])
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_REFERENCED_BY_VERTEX_SHADER), [0])
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_BUFFER_DATA_SIZE), [64], "f, m at 8, one S (32 bytes) at 32")
        XCTAssertEqual(GLContext.bufferVariableResourceProperty(program, 1, GL_IS_ROW_MAJOR), [1])
        XCTAssertEqual(GLContext.bufferVariableResourceProperty(program, 1, GL_MATRIX_STRIDE), [8])
        XCTAssertEqual(GLContext.bufferVariableResourceProperty(program, 3, GL_OFFSET), [48])
        XCTAssertEqual(GLContext.bufferVariableResourceProperty(program, 3, GL_TOP_LEVEL_ARRAY_SIZE), [0], "unsized")
        XCTAssertEqual(GLContext.bufferVariableResourceProperty(program, 3, GL_TOP_LEVEL_ARRAY_STRIDE), [32])
        glShaderStorageBlockBinding(p, 0, 7)
        XCTAssertEqual(GLContext.storageBlockResourceProperty(program, 0, GL_BUFFER_BINDING), [7])
    }

    func testErrors() throws {
        _ = try setUpContext()
        var b: GLuint = 0, maxBindings: GLint = 0, align: GLint = 0
        glGenBuffers(1, &b)
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, b)
        glBufferData(GL_SHADER_STORAGE_BUFFER, 1024, nil, GL_DYNAMIC_DRAW)
        glGetIntegerv(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, &maxBindings)
        glGetIntegerv(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT, &align)
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GLuint(maxBindings), b)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index ≥ GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS")
        if align > 1 {
            glBindBufferRange(GL_SHADER_STORAGE_BUFFER, 0, b, Int(align) / 2, 16)
            XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "an offset that is not a multiple of the alignment")
        }
        var v: GLint = 0
        glGetIntegeri_v(GL_SHADER_STORAGE_BUFFER_BINDING, GLuint(maxBindings), &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        // Deleting the buffer unbinds it.
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, b)
        glDeleteBuffers(1, &b)
        glGetIntegeri_v(GL_SHADER_STORAGE_BUFFER_BINDING, 1, &v)
        XCTAssertEqual(v, 0)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, Self.header + """
            buffer B { vec4 x; };
            out vec4 c;
            void main() { c = x; }
            """)])
        glShaderStorageBlockBinding(p, 1, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "block index past the active blocks")
        glShaderStorageBlockBinding(p, 0, GLuint(maxBindings))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "binding ≥ GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testTooManyBlocksInAStageIsALinkError() throws {
        _ = try setUpContext()
        var limit: GLint = 0
        glGetIntegerv(GL_MAX_FRAGMENT_SHADER_STORAGE_BLOCKS, &limit)
        let n = Int(limit) + 1
        let blocks = (0..<n).map { "buffer B\($0) { float v\($0); };" }.joined(separator: "\n")
        let sum = (0..<n).map { "v\($0)" }.joined(separator: " + ")
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, fullViewportTriangleVS))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, Self.header + blocks + "\nout vec4 c;\nvoid main() { c = vec4(\(sum)); }\n"))
        glLinkProgram(p)
        var ok: GLint = 1
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 0, "\(n) blocks in the fragment stage, more than GL_MAX_FRAGMENT_SHADER_STORAGE_BLOCKS")
    }

    func testUnsizedMemberBeforeTheLastMustBeIndexed() {
        let vertex = "#version 430\nvoid main() { gl_Position = vec4(0.0); }\n"
        let unused = "#version 430\nbuffer a { vec4 s[]; vec4 t[]; } b;\nout vec4 c;\nvoid main() { c = b.t[0]; }\n"
        XCTAssertThrowsError(try ProgramCompiler.link(vertex: vertex, fragment: unused).get(), "s has no size from any index")
        let indexed = "#version 430\nbuffer a { vec4 s[]; vec4 t[]; } b;\nout vec4 c;\nvoid main() { c = b.s[1] + b.t[0]; }\n"
        XCTAssertNoThrow(try ProgramCompiler.link(vertex: vertex, fragment: indexed).get())
    }

    /// The TGSI text: byte addresses from the std430 layout, and the memory qualifier.
    func testTranslatorEmitsBufferOperations() throws {
        let source = """
            #version 430
            layout(std430, binding = 1) coherent buffer B { uint a; vec2 b; uint arr[]; };
            out vec4 c;
            void main() { atomicAdd(a, 2u); b = vec2(arr.length()); c = vec4(b, 0.0, 1.0); }
            """
        let linked = try ProgramCompiler.link(vertex: "#version 430\nvoid main() { gl_Position = vec4(0.0); }\n", fragment: source).get()
        let text = linked.fragment.text
        XCTAssertTrue(text.contains("DCL BUFFER[0]"), text)
        XCTAssertTrue(text.contains("ATOMUADD"), text)
        XCTAssertTrue(text.contains("RESQ"), text)
        XCTAssertTrue(text.contains("STORE BUFFER[0].xy, IMM"), text)
        XCTAssertTrue(text.contains(", COHERENT"), text)
        XCTAssertEqual(linked.storageBlocks.first?.binding, 1)
        XCTAssertEqual(linked.storageBlocks.first?.members.map(\.name), ["a", "b", "arr[0]"])
        XCTAssertEqual(linked.storageBlocks.first?.members.map(\.offset), [0, 8, 16])
        XCTAssertEqual(linked.storageBlocks.first?.members.last?.arraySize, 0)
    }
}

private func XCTAssertEqual(_ a: [Int], _ b: [Int], accuracy: Int, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) where abs(x - y) > accuracy { XCTFail("\(a) is not \(b) (±\(accuracy))", file: file, line: line); return }
}
