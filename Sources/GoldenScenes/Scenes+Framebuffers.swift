import Foundation
import GLBinding
import GLCore

extension GoldenScene {
    static let framebuffers: [GoldenScene] = [
        GoldenScene("render_to_texture", "draw into a 64×64 texture, then sample it on a full-screen quad") { c in
            let gl = c.gl
            let off = try gl.framebuffer(width: 64, height: 64)
            gl.glViewport(0, 0, 64, 64)
            gl.glClearColor(0.1, 0.1, 0.3, 1)
            gl.glClear(GL_COLOR_BUFFER_BIT)
            let colored = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            _ = gl.vertexArray([-0.8, -0.8, 1, 1, 0, 0.8, -0.8, 0, 1, 1, 0, 0.8, 1, 0, 1], components: [2, 3])
            gl.glUseProgram(colored)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)

            gl.glBindFramebuffer(GL_FRAMEBUFFER, c.target)
            gl.glViewport(0, 0, GLsizei(c.size), GLsizei(c.size))
            let textured = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, vec2(uv.x, 1.0 - uv.y)).bgra; }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glBindTexture(GL_TEXTURE_2D, off.textures[0])
            gl.glUseProgram(textured)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("multiple_render_targets", "one draw writes two attachments; both shown side by side") { c in
            let gl = c.gl
            let off = try gl.framebuffer(width: 128, height: 128, colorAttachments: 2)
            let bufs: [GLenum] = [GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1]
            gl.glDrawBuffers(2, bufs)
            gl.glViewport(0, 0, 128, 128)
            let mrt = try gl.program(
                vertex: CommonShaders.positionColorVS,
                fragment: """
                    #version 330 core
                    in vec3 vColor;
                    layout(location = 0) out vec4 first;
                    layout(location = 1) out vec4 second;
                    void main() {
                        first = vec4(vColor, 1.0);
                        second = vec4(1.0 - vColor.bgr, 1.0);
                    }
                    """)
            _ = gl.vertexArray([-0.9, -0.9, 1, 0, 0, 0.9, -0.9, 0, 1, 0, 0, 0.9, 0, 0, 1], components: [2, 3])
            gl.glUseProgram(mrt)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)

            gl.glBindFramebuffer(GL_FRAMEBUFFER, c.target)
            let show = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, uv); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glUseProgram(show)
            for (i, t) in off.textures.enumerated() {
                gl.glViewport(GLint(i * c.size / 2), GLint(c.size / 4), GLsizei(c.size / 2), GLsizei(c.size / 2))
                gl.glBindTexture(GL_TEXTURE_2D, t)
                gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            }
        },
        GoldenScene("blit", "glBlitFramebuffer: a small picture scaled up (NEAREST) and a flipped copy") { c in
            let gl = c.gl
            let off = try gl.framebuffer(width: 32, height: 32)
            gl.glViewport(0, 0, 32, 32)
            gl.glClearColor(0.9, 0.9, 0.2, 1)
            gl.glClear(GL_COLOR_BUFFER_BIT)
            let p = try gl.program(vertex: CommonShaders.positionColorVS, fragment: CommonShaders.colorFS)
            _ = gl.vertexArray([-1, -1, 1, 0, 0, 1, -1, 0, 1, 0, -1, 1, 0, 0, 1], components: [2, 3])
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)
            gl.glBindFramebuffer(GL_READ_FRAMEBUFFER, off.fbo)
            gl.glBindFramebuffer(GL_DRAW_FRAMEBUFFER, c.target)
            gl.glBlitFramebuffer(0, 0, 32, 32, 0, 0, 128, 128, GL_COLOR_BUFFER_BIT, GL_NEAREST)
            gl.glBlitFramebuffer(0, 0, 32, 32, 256, 256, 128, 128, GL_COLOR_BUFFER_BIT, GL_NEAREST)
            gl.glBindFramebuffer(GL_FRAMEBUFFER, c.target)
        },
        GoldenScene("read_pixels_formats", "a clear read back as GL_RGBA bytes re-uploaded as a texture") { c in
            let gl = c.gl
            let off = try gl.framebuffer(width: 16, height: 16)
            gl.glViewport(0, 0, 16, 16)
            gl.glEnable(GL_SCISSOR_TEST)
            for i in 0..<4 {
                gl.glScissor(GLint(i * 4), 0, 4, 16)
                gl.glClearColor(Float(i) / 3, 1 - Float(i) / 3, 0.5, 1)
                gl.glClear(GL_COLOR_BUFFER_BIT)
            }
            gl.glDisable(GL_SCISSOR_TEST)
            var pixels = [UInt8](repeating: 0, count: 16 * 16 * 4)
            gl.glReadPixels(0, 0, 16, 16, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
            gl.glBindFramebuffer(GL_FRAMEBUFFER, c.target)
            gl.glViewport(0, 0, GLsizei(c.size), GLsizei(c.size))
            let t = gl.texture2D(width: 16, height: 16, pixels: pixels)
            _ = off
            let show = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, uv.yx); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(show)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
    ]
}
