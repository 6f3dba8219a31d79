import Foundation
import GLBinding
import GLCore

extension GoldenScene {
    static let basic: [GoldenScene] = [
        GoldenScene("clear", "glClear to a colour, then a scissored clear") { c in
            let gl = c.gl
            gl.glClearColor(0.2, 0.4, 0.6, 1)
            gl.glClear(GL_COLOR_BUFFER_BIT)
            gl.glEnable(GL_SCISSOR_TEST)
            gl.glScissor(64, 32, 100, 50)
            gl.glClearColor(1, 0.5, 0, 1)
            gl.glClear(GL_COLOR_BUFFER_BIT)
            gl.glDisable(GL_SCISSOR_TEST)
        },
        GoldenScene("vertex_colors", "one triangle, a colour per vertex, interpolated") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            _ = gl.vertexArray([-0.8, -0.8, 1, 0, 0, 0.8, -0.8, 0, 1, 0, 0, 0.8, 0, 0, 1], components: [2, 3])
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        },
        GoldenScene("indexed_grid", "an 8×8 grid of quads from an element buffer, coloured by position") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            var vertices: [Float] = []
            var indices: [UInt16] = []
            let n = 8
            for y in 0...n {
                for x in 0...n {
                    let fx = Float(x) / Float(n), fy = Float(y) / Float(n)
                    vertices += [fx * 1.8 - 0.9, fy * 1.8 - 0.9, fx, fy, Float((x + y) % 2)]
                }
            }
            for y in 0..<n {
                for x in 0..<n where (x + y) % 3 != 0 {
                    let i = UInt16(y * (n + 1) + x)
                    indices += [i, i + 1, i + UInt16(n) + 2, i, i + UInt16(n) + 2, i + UInt16(n) + 1]
                }
            }
            _ = gl.vertexArray(vertices, components: [2, 3])
            gl.buffer(GL_ELEMENT_ARRAY_BUFFER, indices)
            gl.glUseProgram(p)
            gl.glDrawElements(GL_TRIANGLES, GLsizei(indices.count), GL_UNSIGNED_SHORT, nil)
        },
        GoldenScene("instancing", "25 instances of a quad, offset and coloured by per-instance attributes") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec2 position;
                    layout(location = 1) in vec2 offset;
                    layout(location = 2) in vec3 color;
                    out vec3 vColor;
                    void main() {
                        vColor = color * (0.5 + 0.1 * float(gl_InstanceID % 5));
                        gl_Position = vec4(position * 0.15 + offset, 0.0, 1.0);
                    }
                    """, fragment: CommonShaders.colorFS)
            var vao: GLuint = 0
            gl.glGenVertexArrays(1, &vao)
            gl.glBindVertexArray(vao)
            gl.buffer(GL_ARRAY_BUFFER, [Float]([-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1]))
            gl.glVertexAttribPointer(0, 2, GL_FLOAT, 0, 0, nil)
            gl.glEnableVertexAttribArray(0)
            var perInstance: [Float] = []
            for i in 0..<25 {
                let x = Float(i % 5) * 0.4 - 0.8, y = Float(i / 5) * 0.4 - 0.8
                perInstance += [x, y, Float(i % 5) / 4, Float(i / 5) / 4, 1 - Float(i) / 24]
            }
            gl.buffer(GL_ARRAY_BUFFER, perInstance)
            gl.glVertexAttribPointer(1, 2, GL_FLOAT, 0, 20, nil)
            gl.glVertexAttribPointer(2, 3, GL_FLOAT, 0, 20, UnsafeRawPointer(bitPattern: 8))
            gl.glEnableVertexAttribArray(1)
            gl.glEnableVertexAttribArray(2)
            gl.glVertexAttribDivisor(1, 1)
            gl.glVertexAttribDivisor(2, 1)
            gl.glUseProgram(p)
            gl.glDrawArraysInstanced(GL_TRIANGLES, 0, 6, 25)
        },
        GoldenScene("uniforms", "a rotated, scaled triangle fan: mat4, vec4 and float uniforms") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec2 position;
                    uniform mat4 transform;
                    uniform float scale;
                    void main() { gl_Position = transform * vec4(position * scale, 0.0, 1.0); }
                    """, fragment: CommonShaders.uniformColorFS)
            _ = gl.vertexArray([0, 0, 1, 0, 0.7, 0.7, 0, 1, -0.7, 0.7, -1, 0], components: [2])
            gl.glUseProgram(p)
            let a: Float = 0.5
            let m: [Float] = [cosf(a), sinf(a), 0, 0, -sinf(a), cosf(a), 0, 0, 0, 0, 1, 0, 0.1, -0.3, 0, 1]
            gl.glUniformMatrix4fv(gl.uniform(p, "transform"), 1, 0, m)
            gl.glUniform1f(gl.uniform(p, "scale"), 0.8)
            gl.glUniform4f(gl.uniform(p, "color"), 0.9, 0.3, 0.1, 1)
            gl.glDrawArrays(GL_TRIANGLE_FAN, 0, 6)
        },
        GoldenScene("uniform_block", "colours and offsets from a std140 uniform block, indexed per draw") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec2 position;
                    layout(std140) uniform Palette {
                        vec4 colors[4];
                        vec4 offsets[4];
                        float scale;
                    };
                    uniform int which;
                    out vec4 vColor;
                    void main() {
                        vColor = colors[which];
                        gl_Position = vec4(position * scale + offsets[which].xy, 0.0, 1.0);
                    }
                    """,
                fragment: """
                    #version 330 core
                    in vec4 vColor;
                    out vec4 fragColor;
                    void main() { fragColor = vColor; }
                    """)
            _ = gl.vertexArray([-1, -1, 1, -1, 0, 1], components: [2])
            var block: [Float] = [1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1]
            block += [-0.5, -0.5, 0, 0, 0.5, -0.5, 0, 0, -0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0]
            block += [0.4, 0, 0, 0]
            let ubo = gl.buffer(GL_UNIFORM_BUFFER, block, usage: GL_DYNAMIC_DRAW)
            gl.glUniformBlockBinding(p, gl.glGetUniformBlockIndex(p, "Palette"), 3)
            gl.glBindBufferBase(GL_UNIFORM_BUFFER, 3, ubo)
            gl.glUseProgram(p)
            for i in 0..<4 {
                gl.glUniform1i(gl.uniform(p, "which"), GLint(i))
                gl.glDrawArrays(GL_TRIANGLES, 0, 3)
            }
        },
        GoldenScene("depth_test", "three overlapping triangles at different depths, GL_LESS") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec3 position;
                    layout(location = 1) in vec3 color;
                    out vec3 vColor;
                    void main() { vColor = color; gl_Position = vec4(position, 1.0); }
                    """, fragment: CommonShaders.colorFS)
            _ = gl.vertexArray(
                [
                    -0.9, -0.6, 0.5, 1, 0, 0, 0.5, -0.6, 0.5, 1, 0, 0, -0.2, 0.8, 0.5, 1, 0, 0,
                    -0.5, -0.8, -0.2, 0, 1, 0, 0.9, -0.8, 0.9, 0, 1, 0, 0.2, 0.6, 0.0, 0, 1, 0,
                    -0.8, 0.2, 0.1, 0, 0, 1, 0.8, 0.2, 0.1, 0, 0, 1, 0.0, -0.9, 0.1, 0, 0, 1,
                ], components: [3, 3])
            gl.glEnable(GL_DEPTH_TEST)
            gl.glDepthFunc(GL_LESS)
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 9)
        },
        GoldenScene("stencil", "a stencil mask from one shape limits where the next draws") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionVS, fragment: CommonShaders.uniformColorFS)
            _ = gl.vertexArray(
                [-0.6, -0.6, 0, 0.6, -0.6, 0, 0, 0.7, 0] + [-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, -1, 0, 1, 1, 0, -1, 1, 0],
                components: [3])
            gl.glUseProgram(p)
            gl.glEnable(GL_STENCIL_TEST)
            gl.glStencilFunc(GL_ALWAYS, 1, 0xFF)
            gl.glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE)
            gl.glColorMask(0, 0, 0, 0)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)
            gl.glColorMask(1, 1, 1, 1)
            gl.glStencilFunc(GL_EQUAL, 1, 0xFF)
            gl.glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP)
            gl.glUniform4f(gl.uniform(p, "color"), 0.2, 0.9, 0.4, 1)
            gl.glDrawArrays(GL_TRIANGLES, 3, 6)
            gl.glStencilFunc(GL_NOTEQUAL, 1, 0xFF)
            gl.glUniform4f(gl.uniform(p, "color"), 0.3, 0.1, 0.5, 1)
            gl.glDrawArrays(GL_TRIANGLES, 3, 6)
            gl.glDisable(GL_STENCIL_TEST)
        },
        GoldenScene("blend_alpha", "overlapping translucent quads, SRC_ALPHA / ONE_MINUS_SRC_ALPHA") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionVS, fragment: CommonShaders.uniformColorFS)
            _ = gl.vertexArray([-0.5, -0.5, 0, 0.5, -0.5, 0, 0.5, 0.5, 0, -0.5, -0.5, 0, 0.5, 0.5, 0, -0.5, 0.5, 0], components: [3])
            gl.glUseProgram(p)
            gl.glEnable(GL_BLEND)
            gl.glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA)
            let colors: [(Float, Float, Float, Float, Float, Float)] = [
                (1, 0, 0, 0.5, -0.3, -0.3), (0, 1, 0, 0.5, 0.3, -0.3), (0, 0, 1, 0.5, 0, 0.3),
            ]
            let view = GLint(c.size)
            for (r, g, b, a, dx, dy) in colors {
                gl.glViewport(GLint(dx * Float(view) / 2), GLint(dy * Float(view) / 2), GLsizei(view), GLsizei(view))
                gl.glUniform4f(gl.uniform(p, "color"), r, g, b, a)
                gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            }
            gl.glDisable(GL_BLEND)
        },
        GoldenScene("blend_equations", "additive blending, GL_MAX and GL_FUNC_REVERSE_SUBTRACT, blend colour") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            var v: [Float] = []
            for i in 0..<3 {
                let x = Float(i) * 0.6 - 0.9
                v += [x, -0.9, 0.8, 0.2, 0.1, x + 0.6, -0.9, 0.8, 0.2, 0.1, x + 0.3, 0.9, 0.1, 0.5, 0.9]
                v += [-0.9, x, 0.2, 0.6, 0.3, 0.9, x, 0.2, 0.6, 0.3, 0.0, x + 0.5, 0.4, 0.1, 0.7]
            }
            _ = gl.vertexArray(v, components: [2, 3])
            gl.glUseProgram(p)
            gl.glEnable(GL_BLEND)
            gl.glBlendFunc(GL_ONE, GL_ONE)
            gl.glBlendEquation(GL_FUNC_ADD)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            gl.glBlendEquation(GL_MAX)
            gl.glDrawArrays(GL_TRIANGLES, 6, 6)
            gl.glBlendEquation(GL_FUNC_REVERSE_SUBTRACT)
            gl.glBlendColor(0.5, 0.5, 0.5, 1)
            gl.glBlendFunc(GL_CONSTANT_COLOR, GL_ONE)
            gl.glDrawArrays(GL_TRIANGLES, 12, 6)
            gl.glBlendEquation(GL_FUNC_ADD)
            gl.glDisable(GL_BLEND)
        },
        GoldenScene("viewports_scissor", "one triangle drawn into four viewports, two of them scissored") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            _ = gl.vertexArray([-1, -1, 1, 1, 0, 1, -1, 0, 1, 1, 0, 1, 1, 0, 1], components: [2, 3])
            gl.glUseProgram(p)
            let h = GLsizei(c.size / 2)
            for (i, (x, y)) in [(0, 0), (1, 0), (0, 1), (1, 1)].enumerated() {
                gl.glViewport(GLint(x) * h, GLint(y) * h, h, h)
                if i % 2 == 1 {
                    gl.glEnable(GL_SCISSOR_TEST)
                    gl.glScissor(GLint(x) * h + 16, GLint(y) * h + 8, h / 2, h / 2)
                }
                gl.glDrawArrays(GL_TRIANGLES, 0, 3)
                gl.glDisable(GL_SCISSOR_TEST)
            }
        },
        GoldenScene("culling", "front- and back-facing triangles with back-face culling and gl_FrontFacing") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.positionVS,
                fragment: """
                    #version 330 core
                    out vec4 fragColor;
                    void main() { fragColor = gl_FrontFacing ? vec4(0.1, 0.8, 0.2, 1.0) : vec4(0.9, 0.1, 0.1, 1.0); }
                    """)
            // Left: counter-clockwise (front); right: clockwise (back).
            _ = gl.vertexArray(
                [-0.9, -0.5, 0, -0.1, -0.5, 0, -0.5, 0.5, 0] + [0.1, -0.5, 0, 0.5, 0.5, 0, 0.9, -0.5, 0], components: [3])
            gl.glUseProgram(p)
            gl.glViewport(0, GLint(c.size / 2), GLsizei(c.size), GLsizei(c.size / 2))
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            gl.glEnable(GL_CULL_FACE)
            gl.glCullFace(GL_BACK)
            gl.glViewport(0, 0, GLsizei(c.size), GLsizei(c.size / 2))
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            gl.glDisable(GL_CULL_FACE)
        },
        GoldenScene("primitive_restart", "triangle strips split by a restart index, and base-vertex draws") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            var v: [Float] = []
            for strip in 0..<3 {
                let y = Float(strip) * 0.6 - 0.9
                for i in 0..<6 {
                    let x = Float(i / 2) * 0.5 - 0.75 + (i % 2 == 0 ? 0 : 0.25)
                    v += [x, y + (i % 2 == 0 ? 0 : 0.4), Float(strip) / 2, Float(i) / 5, 0.6]
                }
            }
            _ = gl.vertexArray(v, components: [2, 3])
            let indices: [UInt16] = [0, 1, 2, 3, 4, 5, 0xFFFF, 6, 7, 8, 9, 10, 11]
            gl.buffer(GL_ELEMENT_ARRAY_BUFFER, indices)
            gl.glUseProgram(p)
            gl.glEnable(GL_PRIMITIVE_RESTART)
            gl.glPrimitiveRestartIndex(0xFFFF)
            gl.glDrawElements(GL_TRIANGLE_STRIP, GLsizei(indices.count), GL_UNSIGNED_SHORT, nil)
            gl.glDisable(GL_PRIMITIVE_RESTART)
            // The third strip: the first strip's indices, based at vertex 12.
            gl.glDrawElementsBaseVertex(GL_TRIANGLE_STRIP, 6, GL_UNSIGNED_SHORT, nil, 12)
        },
        GoldenScene("multidraw", "glMultiDrawArrays and glMultiDrawElements over one buffer") { c in
            let gl = c.gl
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            var v: [Float] = []
            for i in 0..<4 {
                let x = Float(i) * 0.45 - 0.9
                v += [x, 0.1, 1, Float(i) / 3, 0, x + 0.4, 0.1, 1, Float(i) / 3, 0, x + 0.2, 0.8, 0, 0, 1]
            }
            _ = gl.vertexArray(v, components: [2, 3])
            gl.glUseProgram(p)
            let first: [GLint] = [0, 6]
            let count: [GLsizei] = [3, 6]
            gl.glMultiDrawArrays(GL_TRIANGLES, first, count, 2)
            gl.glViewport(0, 0, GLsizei(c.size), GLsizei(c.size / 2))
            gl.buffer(GL_ELEMENT_ARRAY_BUFFER, [UInt32]([3, 4, 5, 9, 10, 11]))
            let counts: [GLsizei] = [3, 3]
            let offsets: [UnsafeRawPointer?] = [nil, UnsafeRawPointer(bitPattern: 12)]
            offsets.withUnsafeBufferPointer { o in
                gl.glMultiDrawElements(GL_TRIANGLES, counts, GL_UNSIGNED_INT, o.baseAddress, 2)
            }
        },
        GoldenScene("lines_points", "GL_LINES, GL_LINE_STRIP and GL_POINTS with gl_PointSize") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec2 position;
                    layout(location = 1) in vec3 color;
                    out vec3 vColor;
                    void main() { vColor = color; gl_PointSize = 6.0; gl_Position = vec4(position, 0.0, 1.0); }
                    """, fragment: CommonShaders.colorFS)
            var v: [Float] = []
            for i in 0..<12 {
                let a = Float(i) * 0.5236
                v += [0.8 * cosf(a), 0.8 * sinf(a), Float(i % 3) / 2, Float(i % 4) / 3, 1]
            }
            _ = gl.vertexArray(v, components: [2, 3])
            gl.glUseProgram(p)
            gl.glEnable(GL_PROGRAM_POINT_SIZE)
            gl.glDrawArrays(GL_LINES, 0, 6)
            gl.glDrawArrays(GL_LINE_STRIP, 6, 6)
            gl.glDrawArrays(GL_POINTS, 0, 12)
            gl.glDisable(GL_PROGRAM_POINT_SIZE)
        },
    ]
}
