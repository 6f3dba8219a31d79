import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_compute_shader (GL 4.3): compute programs dispatched as LAUNCH_GRID, their results written with imageStore
/// and read back with glGetTexImage; work group ids, shared variables and barriers, indirect dispatch, the errors
/// of GL 4.6 §19 and the limits.
final class ComputeShaderTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func prepare() throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_compute_shader") else { throw XCTSkip("the host has no compute shaders") }
        guard c.extensions.contains("GL_ARB_shader_image_load_store") else { throw XCTSkip("the host has no image load/store") }
        return c
    }

    /// A compute program of `source` (GLSL 4.30), in use.
    @discardableResult
    func useComputeProgram(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> GLuint {
        let p = linkedProgram([(GL_COMPUTE_SHADER, "#version 430 core\n" + source)], file: file, line: line)
        glUseProgram(p)
        return p
    }

    /// A `w`×`h` GL_RGBA32UI texture of zeros bound to image unit 0 (write only).
    func imageTexture(_ w: GLsizei, _ h: GLsizei) -> GLuint {
        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_2D, t)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        let zeros = [UInt32](repeating: 0, count: Int(w * h * 4))
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA32UI), w, h, 0, GL_RGBA_INTEGER, GL_UNSIGNED_INT, zeros)
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_RGBA32UI)
        return t
    }

    /// The texels of `t` (RGBA32UI), row by row.
    func texels(_ t: GLuint, _ w: Int, _ h: Int) -> [[UInt32]] {
        var out = [UInt32](repeating: 0xDEAD, count: w * h * 4)
        glMemoryBarrier(GLbitfield(GL_TEXTURE_UPDATE_BARRIER_BIT))
        glBindTexture(GL_TEXTURE_2D, t)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA_INTEGER, GL_UNSIGNED_INT, &out)
        return (0..<(w * h)).map { Array(out[($0 * 4)..<($0 * 4 + 4)]) }
    }

    func testWorkGroupIdsLandWhereExpected() throws {
        _ = try prepare()
        // 4×2 invocations a group, 2×3 groups: an 8×6 image, each texel written by the invocation at its global id.
        let p = useComputeProgram("""
            layout(local_size_x = 4, local_size_y = 2) in;
            layout(rgba32ui) writeonly uniform uimage2D img;
            void main() {
                uvec3 g = gl_GlobalInvocationID;
                imageStore(img, ivec2(g.xy), uvec4(gl_WorkGroupID.x | gl_WorkGroupID.y << 8u,
                    gl_LocalInvocationID.x | gl_LocalInvocationID.y << 8u, gl_LocalInvocationIndex,
                    gl_NumWorkGroups.x | gl_NumWorkGroups.y << 8u | gl_NumWorkGroups.z << 16u | gl_WorkGroupSize.x << 24u));
            }
            """)
        var size = [GLint](repeating: 0, count: 3)
        glGetProgramiv(p, GL_COMPUTE_WORK_GROUP_SIZE, &size)
        XCTAssertEqual(size, [4, 2, 1])
        let t = imageTexture(8, 6)
        glDispatchCompute(2, 3, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let out = texels(t, 8, 6)
        for y in 0..<6 {
            for x in 0..<8 {
                let group = UInt32(x / 4) | UInt32(y / 2) << 8, local = UInt32(x % 4) | UInt32(y % 2) << 8
                let index = UInt32(x % 4 + (y % 2) * 4)
                XCTAssertEqual(out[y * 8 + x], [group, local, index, 2 | 3 << 8 | 1 << 16 | 4 << 24], "texel (\(x), \(y))")
            }
        }
    }

    func testSharedVariablesAndBarrier() throws {
        _ = try prepare()
        // Each invocation writes its slot of a shared array (and a struct member), waits for the group, then reads
        // its neighbour's: only the barrier makes the neighbour's value be there.
        useComputeProgram("""
            layout(local_size_x = 16) in;
            layout(rgba32ui) writeonly uniform uimage2D img;
            struct Pair { uint a; uvec2 b; };
            shared Pair pairs[16];
            shared uint total;
            void main() {
                uint i = gl_LocalInvocationIndex;
                if (i == 0u) total = 0u;
                pairs[i].a = i * 3u + gl_WorkGroupID.x * 100u;
                pairs[i].b = uvec2(i, i + 1u);
                barrier();
                memoryBarrierShared();
                atomicAdd(total, i);
                barrier();
                Pair next = pairs[(i + 1u) % 16u];
                imageStore(img, ivec2(gl_GlobalInvocationID.xy), uvec4(next.a, next.b.y, total, atomicMax(pairs[0].a, 0u)));
            }
            """)
        let t = imageTexture(32, 1)
        glDispatchCompute(2, 1, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let out = texels(t, 32, 1)
        for x in 0..<32 {
            let group = UInt32(x / 16), next = UInt32((x % 16 + 1) % 16)
            XCTAssertEqual(out[x], [next * 3 + group * 100, next + 1, 120, group * 100], "invocation \(x)")
        }
    }

    func testUniformsBlocksAndIndirectDispatch() throws {
        _ = try prepare()
        let p = useComputeProgram("""
            layout(local_size_x = 2) in;
            layout(rgba32ui) writeonly uniform uimage2D img;
            uniform uint base;
            layout(std140) uniform Block { uvec4 scale; };
            void main() {
                imageStore(img, ivec2(gl_GlobalInvocationID.xy), uvec4(base + gl_GlobalInvocationID.x * scale.x, gl_NumWorkGroups.x, scale.y, 1u));
            }
            """)
        glUniform1ui(glGetUniformLocation(p, "base"), 1000)
        var buffers = [GLuint](repeating: 0, count: 2)
        glGenBuffers(2, &buffers)
        glBindBuffer(GL_UNIFORM_BUFFER, buffers[0])
        let scale: [UInt32] = [10, 7, 0, 0]
        glBufferData(GL_UNIFORM_BUFFER, 16, scale, GL_STATIC_DRAW)
        glBindBufferBase(GL_UNIFORM_BUFFER, 0, buffers[0])
        let t = imageTexture(8, 2)
        // Indirect: three groups (6 invocations) from byte 4.
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, buffers[1])
        let parameters: [UInt32] = [99, 3, 1, 1]
        glBufferData(GL_DISPATCH_INDIRECT_BUFFER, 16, parameters, GL_STATIC_DRAW)
        var bound: GLint = 0
        glGetIntegerv(GL_DISPATCH_INDIRECT_BUFFER_BINDING, &bound)
        XCTAssertEqual(GLuint(bound), buffers[1])
        glDispatchComputeIndirect(4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let out = texels(t, 8, 2)
        for x in 0..<8 {
            XCTAssertEqual(out[x], x < 6 ? [1000 + UInt32(x) * 10, 3, 7, 1] : [0, 0, 0, 0], "invocation \(x)")
        }
        XCTAssertEqual(out[8], [0, 0, 0, 0], "the second row is not written")
    }

    func testSeparableComputeProgramInAPipeline() throws {
        _ = try prepare()
        let source = """
            #version 430 core
            layout(local_size_x = 4) in;
            layout(rgba32ui) writeonly uniform uimage2D img;
            uniform uint value;
            void main() { imageStore(img, ivec2(gl_GlobalInvocationID.xy), uvec4(value, gl_LocalInvocationID.x, 0u, 1u)); }
            """
        let program = source.withCString { p -> GLuint in
            var ptr: UnsafePointer<GLchar>? = p
            return glCreateShaderProgramv(GL_COMPUTE_SHADER, 1, &ptr)
        }
        var ok: GLint = 0
        glGetProgramiv(program, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        glProgramUniform1ui(program, glGetUniformLocation(program, "value"), 42)
        var pipeline: GLuint = 0
        glGenProgramPipelines(1, &pipeline)
        glBindProgramPipeline(pipeline)
        glUseProgramStages(pipeline, GLbitfield(GL_COMPUTE_SHADER_BIT), program)
        var bound: GLint = 0
        glGetProgramPipelineiv(pipeline, GL_COMPUTE_SHADER, &bound)
        XCTAssertEqual(GLuint(bound), program)
        let t = imageTexture(4, 1)
        glDispatchCompute(1, 1, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(texels(t, 4, 1), (0..<4).map { [42, UInt32($0), 0, 1] })
        // The program in use, when there is one, is the one that runs (it has no compute shader here).
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ]))
        glDispatchCompute(1, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testStorageBuffersAndAtomicCounters() throws {
        let c = try prepare()
        guard c.extensions.contains("GL_ARB_shader_storage_buffer_object"), c.extensions.contains("GL_ARB_shader_atomic_counters") else {
            throw XCTSkip("the host has no storage buffers or atomic counters")
        }
        // Each invocation takes a ticket from a counter and writes its global id to that place of a storage
        // buffer: every id lands exactly once, and the counter ends at the invocation count.
        useComputeProgram("""
            layout(local_size_x = 8) in;
            layout(binding = 0, offset = 0) uniform atomic_uint tickets;
            layout(std430, binding = 1) buffer Out { uint total; uint ids[]; };
            void main() {
                uint t = atomicCounterIncrement(tickets);
                ids[t] = gl_GlobalInvocationID.x * 10u + 1u;
                atomicAdd(total, 1u);
            }
            """)
        var buffers = [GLuint](repeating: 0, count: 2)
        glGenBuffers(2, &buffers)
        glBindBuffer(GL_ATOMIC_COUNTER_BUFFER, buffers[0])
        glBufferData(GL_ATOMIC_COUNTER_BUFFER, 4, [UInt32(0)], GL_DYNAMIC_DRAW)
        glBindBufferBase(GL_ATOMIC_COUNTER_BUFFER, 0, buffers[0])
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[1])
        glBufferData(GL_SHADER_STORAGE_BUFFER, 4 * 33, [UInt32](repeating: 0, count: 33), GL_DYNAMIC_DRAW)
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, buffers[1])
        glDispatchCompute(4, 1, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glMemoryBarrier(GLbitfield(GL_BUFFER_UPDATE_BARRIER_BIT))
        var counter: UInt32 = 0
        glBindBuffer(GL_ATOMIC_COUNTER_BUFFER, buffers[0])
        glGetBufferSubData(GL_ATOMIC_COUNTER_BUFFER, 0, 4, &counter)
        XCTAssertEqual(counter, 32)
        var out = [UInt32](repeating: 0, count: 33)
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, buffers[1])
        glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, 0, 4 * 33, &out)
        XCTAssertEqual(out[0], 32)
        XCTAssertEqual(out[1...].sorted(), (0..<32).map { UInt32($0) * 10 + 1 })
    }

    func testDispatchErrors() throws {
        let c = try prepare()
        glDispatchCompute(1, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no program in use")
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ]))
        glDispatchCompute(1, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "the program in use has no compute shader")
        let p = useComputeProgram("layout(local_size_x = 1) in;\nvoid main() {}\n")
        var count: GLint = 0
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_COUNT, 0, &count)
        XCTAssertGreaterThanOrEqual(count, 65535)
        glDispatchCompute(GLuint(count) + 1, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glDispatchCompute(0, 1, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "an empty dispatch is valid")
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_SIZE, 3, &count)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "three dimensions")
        // Indirect dispatches: the buffer, the offset's alignment and range.
        glDispatchComputeIndirect(0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no indirect buffer")
        var buffer: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, buffer)
        glBufferData(GL_DISPATCH_INDIRECT_BUFFER, 16, [UInt32](repeating: 0, count: 4), GL_STATIC_DRAW)
        glDispatchComputeIndirect(2)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "offset not a multiple of 4")
        glDispatchComputeIndirect(-4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative offset")
        glDispatchComputeIndirect(8)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "past the end of the buffer")
        glDispatchComputeIndirect(4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // A compute program in use draws nothing and is no error to draw with; GL_COMPUTE_WORK_GROUP_SIZE of a
        // graphics program is.
        var size = [GLint](repeating: 0, count: 3)
        glGetProgramiv(p, GL_COMPUTE_WORK_GROUP_SIZE, &size)
        XCTAssertEqual(size, [1, 1, 1])
        let graphics = linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ])
        glGetProgramiv(graphics, GL_COMPUTE_WORK_GROUP_SIZE, &size)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        _ = c
    }

    func testLinkErrorsAndLimits() throws {
        _ = try prepare()
        func links(_ stages: [(GLenum, String)]) -> Bool {
            let p = glCreateProgram()
            for (type, source) in stages { glAttachShader(p, compileShader(type, source)) }
            glLinkProgram(p)
            var ok: GLint = 0
            glGetProgramiv(p, GL_LINK_STATUS, &ok)
            return ok == 1
        }
        let compute = "#version 430 core\nlayout(local_size_x = 2) in;\nvoid main() {}\n"
        XCTAssertTrue(links([(GL_COMPUTE_SHADER, compute)]))
        XCTAssertFalse(links([(GL_COMPUTE_SHADER, compute), (GL_VERTEX_SHADER, fullViewportTriangleVS)]), "compute with another stage")
        XCTAssertFalse(links([(GL_COMPUTE_SHADER, "#version 430 core\nvoid main() {}\n")]), "no work group size")
        XCTAssertFalse(links([(GL_COMPUTE_SHADER, "#version 430 core\nlayout(local_size_x = 64, local_size_y = 32) in;\nvoid main() {}\n")]),
                       "more invocations than GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS")
        XCTAssertFalse(links([(GL_COMPUTE_SHADER, "#version 430 core\nlayout(local_size_x = 1) in;\nshared vec4 big[4096];\nvoid main() { big[0] = vec4(1.0); }\n")]),
                       "more shared memory than GL_MAX_COMPUTE_SHARED_MEMORY_SIZE")
        var v: GLint = 0
        for (pname, minimum) in [(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS, 1024), (GL_MAX_COMPUTE_SHARED_MEMORY_SIZE, 32768),
                                 (GL_MAX_COMPUTE_UNIFORM_BLOCKS, 12), (GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS, 16),
                                 (GL_MAX_COMPUTE_UNIFORM_COMPONENTS, 512), (GL_MAX_COMPUTE_IMAGE_UNIFORMS, 8)] {
            v = -1
            glGetIntegerv(pname, &v)
            XCTAssertGreaterThanOrEqual(Int(v), minimum, GLEnumNames.describe(pname))
        }
        for (axis, minimum) in [1024, 1024, 64].enumerated() {
            glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_SIZE, GLuint(axis), &v)
            XCTAssertGreaterThanOrEqual(Int(v), minimum)
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
