import GLBinding
import GLCore
@testable import GLDriver
import GoldenScenes
import XCTest

/// The cheap invariants behind the benchmark workloads (docs/bench.md), counted in dwords and host objects, never
/// timed: a draw-storm draw (a uniform change and a draw) stays within a dword budget, and a state-churn frame
/// repeated creates no host object the first one did not.
final class BenchInvariantTests: XCTestCase {
    var context: GLContext!
    var gl: GLBinding!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
        gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// Workload 1's draw: glUniform4f on a vertex-shader uniform, then glDrawArrays. Only the vertex stage's
    /// constants (SET_CONSTANT_BUFFER: 3 + 4 dwords) and DRAW_VBO (13) may be sent: at most 20 dwords a draw.
    func testAStormDrawWithAUniformChangeStaysWithin20Dwords() throws {
        let program = try gl.program(
            vertex: """
                #version 330 core
                layout(location = 0) in vec2 position;
                uniform vec4 placement;
                void main() { gl_Position = vec4(position * placement.z + placement.xy, 0.0, 1.0); }
                """,
            fragment: """
                #version 330 core
                out vec4 colour;
                void main() { colour = vec4(1.0, 0.5, 0.25, 1.0); }
                """)
        let location = gl.glGetUniformLocation(program, "placement")
        XCTAssertGreaterThanOrEqual(location, 0)
        _ = try gl.framebuffer(width: 64, height: 64)
        _ = gl.vertexArray([0, 0, 1, 0, 0, 1], components: [2])
        gl.glUseProgram(program)
        gl.glViewport(0, 0, 64, 64)
        gl.glUniform4f(location, 0, 0, 0.1, 0)
        gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        gl.glFlush()
        let before = context.submittedDwords
        for i in 0..<100 {
            gl.glUniform4f(location, -1, -1, 0.5 + Float(i) / 100, 0)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        }
        gl.glFlush()
        let perDraw = Double(context.submittedDwords - before) / 100
        XCTAssertLessThanOrEqual(perDraw, 20, "dwords per storm draw")
        XCTAssertEqual(gl.glGetError(), GL_NO_ERROR)
        gl.glFinish()
        var pixel = [UInt8](repeating: 0, count: 4)
        gl.glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [255, 128, 64, 255], "the last triangle covers the corner")
    }

    /// Workload 2's pattern: blend, depth, cull, winding, texture and program change between draws. Once one
    /// round of it has run, running it again makes no new host object (state objects are hash-consed; sampler
    /// views and surfaces are kept).
    func testARepeatedStateChurnFrameCreatesNoHostObjects() throws {
        let vertex = """
            #version 330 core
            layout(location = 0) in vec2 position;
            uniform vec3 offset;
            out vec2 uv;
            void main() { uv = position; gl_Position = vec4(position * 0.1 + offset.xy, offset.z, 1.0); }
            """
        let plain = try gl.program(vertex: vertex, fragment: """
            #version 330 core
            in vec2 uv;
            out vec4 colour;
            void main() { colour = vec4(uv, 0.5, 0.6); }
            """)
        let textured = try gl.program(vertex: vertex, fragment: """
            #version 330 core
            in vec2 uv;
            uniform sampler2D image;
            out vec4 colour;
            void main() { colour = texture(image, uv); }
            """)
        let programs = [plain, textured]
        let textures = (0..<3).map { k in
            gl.texture2D(width: 8, height: 8, pixels: [UInt8](repeating: UInt8(60 * k), count: 8 * 8 * 4), minFilter: GL_LINEAR, magFilter: GL_LINEAR)
        }
        _ = try gl.framebuffer(width: 64, height: 64, depthStencil: true)
        _ = gl.vertexArray([0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1], components: [2])
        gl.glViewport(0, 0, 64, 64)
        func frame() {
            gl.glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
            for i in 0..<84 {
                if i % 3 == 0 { gl.glDisable(GL_BLEND) } else { gl.glEnable(GL_BLEND) }
                gl.glBlendFunc(i % 3 == 1 ? GL_SRC_ALPHA : GL_ONE, i % 3 == 1 ? GL_ONE_MINUS_SRC_ALPHA : GL_ONE)
                if (i / 3) % 2 == 0 { gl.glEnable(GL_DEPTH_TEST) } else { gl.glDisable(GL_DEPTH_TEST) }
                gl.glDepthFunc((i / 5) % 2 == 0 ? GL_LESS : GL_LEQUAL)
                if (i / 7) % 2 == 0 { gl.glEnable(GL_CULL_FACE) } else { gl.glDisable(GL_CULL_FACE) }
                gl.glFrontFace((i / 11) % 2 == 0 ? GL_CCW : GL_CW)
                gl.glBindTexture(GL_TEXTURE_2D, textures[(i / 2) % textures.count])
                gl.glUseProgram(programs[i % 2])
                gl.glUniform3f(gl.glGetUniformLocation(programs[i % 2], "offset"), Float(i % 20) / 10 - 1, 0, 0)
                gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            }
            gl.glFinish()
        }
        frame()
        XCTAssertEqual(gl.glGetError(), GL_NO_ERROR)
        let stateObjects = context.drawStateObjects.count, handles = context.nextObjectHandle
        XCTAssertGreaterThan(stateObjects, 4, "the pattern does make several blend/DSA/rasterizer objects")
        frame()
        XCTAssertEqual(gl.glGetError(), GL_NO_ERROR)
        XCTAssertEqual(context.drawStateObjects.count, stateObjects, "no new state object in a repeated frame")
        XCTAssertEqual(context.nextObjectHandle, handles, "no new host object of any kind in a repeated frame")
    }

    /// Draws skip re-checking an unchanged framebuffer; re-specifying an attached texture must still be seen:
    /// a zero-sized image makes the next draw GL_INVALID_FRAMEBUFFER_OPERATION.
    func testAnAttachmentMadeIncompleteAfterADrawIsStillCaught() throws {
        let program = try gl.program(
            vertex: "#version 330 core\nlayout(location = 0) in vec2 p;\nvoid main() { gl_Position = vec4(p, 0.0, 1.0); }\n",
            fragment: "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n")
        let target = try gl.framebuffer(width: 16, height: 16)
        _ = gl.vertexArray([0, 0, 1, 0, 0, 1], components: [2])
        gl.glUseProgram(program)
        gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(gl.glGetError(), GL_NO_ERROR)
        gl.glBindTexture(GL_TEXTURE_2D, target.textures[0])
        gl.glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 0, 0, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(gl.glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION)
    }
}
