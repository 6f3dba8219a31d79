import Foundation
import GLBinding
import GLCore

extension GoldenScene {
    static let textures: [GoldenScene] = [
        GoldenScene("texture_nearest", "an 8×8 checkerboard texture magnified with GL_NEAREST, wrapped twice") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, uv * 2.0); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            let t = gl.texture2D(
                width: 8, height: 8, pixels: checkerboard(size: 8, cells: 8, [230, 40, 40, 255], [30, 30, 200, 255]),
                wrap: GL_REPEAT)
            gl.glActiveTexture(GL_TEXTURE0)
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(p)
            gl.glUniform1i(gl.uniform(p, "image"), 0)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("texture_linear", "a 4×4 texture magnified with GL_LINEAR, clamped to edge") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, uv); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var pixels: [UInt8] = []
            for i in 0..<16 { pixels += [UInt8(i * 16), UInt8(255 - i * 16), UInt8((i * 53) % 256), 255] }
            let t = gl.texture2D(width: 4, height: 4, pixels: pixels, minFilter: GL_LINEAR, magFilter: GL_LINEAR)
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene(
            "texture_mipmaps", "generated mipmaps, GL_LINEAR_MIPMAP_LINEAR at four minifications", tolerance: 2,
            because: "trilinear filtering between generated levels may round differently by a unit or two"
        ) { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    uniform float repeats;
                    out vec4 fragColor;
                    void main() { fragColor = texture(image, uv * repeats); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            let t = gl.texture2D(
                width: 64, height: 64, pixels: checkerboard(size: 64, cells: 8, [250, 250, 250, 255], [20, 60, 20, 255]),
                minFilter: GL_LINEAR_MIPMAP_LINEAR, magFilter: GL_LINEAR, wrap: GL_REPEAT, mipmaps: true)
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(p)
            let half = GLsizei(c.size / 2)
            // 64 texels over 128 pixels, repeated 3, 6, 12, 24 times: LOD ≈ 0.6, 1.6, 2.6, 3.6.
            for (i, repeats) in [Float(3), 6, 12, 24].enumerated() {
                gl.glViewport(GLint(i % 2) * half, GLint(i / 2) * half, half, half)
                gl.glUniform1f(gl.uniform(p, "repeats"), repeats)
                gl.glDrawArrays(GL_TRIANGLES, 0, 6)
            }
        },
        GoldenScene("texture_lod", "textureLod picks explicit levels of a texture whose levels differ in colour") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2D image;
                    out vec4 fragColor;
                    void main() { fragColor = textureLod(image, uv, floor(uv.x * 4.0)); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var t: GLuint = 0
            gl.glGenTextures(1, &t)
            gl.glBindTexture(GL_TEXTURE_2D, t)
            let levelColors: [[UInt8]] = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 0, 255]]
            for level in 0..<4 {
                let size = 8 >> level
                let pixels = [UInt8]((0..<size * size).flatMap { _ in levelColors[level] })
                pixels.withUnsafeBytes {
                    gl.glTexImage2D(GL_TEXTURE_2D, GLint(level), GLint(GL_RGBA8), GLsizei(size), GLsizei(size), 0, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress)
                }
            }
            gl.glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 3)
            gl.glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
            gl.glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("integer_texture", "an RGBA8UI texture read with texelFetch through a usampler2D") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform usampler2D codes;
                    out vec4 fragColor;
                    void main() {
                        uvec4 v = texelFetch(codes, ivec2(uv * 4.0), 0);
                        fragColor = vec4(v.rgb % 7u, v.a) / vec4(6.0, 6.0, 6.0, 255.0);
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var pixels: [UInt8] = []
            for i in 0..<16 { pixels += [UInt8(i * 3), UInt8(i * 5), UInt8(i * 11), 255] }
            let t = gl.texture2D(
                width: 4, height: 4, pixels: pixels, internalFormat: GL_RGBA8UI, format: GL_RGBA_INTEGER)
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("texture_array", "a 2D array texture: each quadrant samples another layer") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler2DArray layers;
                    out vec4 fragColor;
                    void main() {
                        float layer = floor(uv.x * 2.0) + 2.0 * floor(uv.y * 2.0);
                        fragColor = texture(layers, vec3(fract(uv * 2.0), layer));
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var t: GLuint = 0
            gl.glGenTextures(1, &t)
            gl.glBindTexture(GL_TEXTURE_2D_ARRAY, t)
            var pixels: [UInt8] = []
            let colors: [[UInt8]] = [[255, 80, 0, 255], [0, 200, 80, 255], [40, 40, 255, 255], [200, 200, 200, 255]]
            for layer in 0..<4 {
                pixels += checkerboard(size: 4, cells: 2, colors[layer], [0, 0, 0, 255])
            }
            pixels.withUnsafeBytes {
                gl.glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GLint(GL_RGBA8), 4, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress)
            }
            gl.glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            gl.glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("cube_map", "a samplerCube sampled along directions across the screen") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform samplerCube sky;
                    out vec4 fragColor;
                    void main() {
                        vec2 a = (uv - 0.5) * vec2(6.2831853, 3.1415926);
                        vec3 dir = vec3(cos(a.y) * sin(a.x), sin(a.y), cos(a.y) * cos(a.x));
                        fragColor = texture(sky, dir);
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var t: GLuint = 0
            gl.glGenTextures(1, &t)
            gl.glBindTexture(GL_TEXTURE_CUBE_MAP, t)
            let faceColors: [[UInt8]] = [
                [255, 0, 0, 255], [0, 255, 255, 255], [0, 255, 0, 255], [255, 0, 255, 255], [0, 0, 255, 255], [255, 255, 0, 255],
            ]
            for face in 0..<6 {
                let pixels = checkerboard(size: 2, cells: 2, faceColors[face], [40, 40, 40, 255])
                pixels.withUnsafeBytes {
                    gl.glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + GLenum(face), 0, GLint(GL_RGBA8), 2, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress)
                }
            }
            gl.glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            gl.glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("texture_3d", "slices of a 3D texture, linear filtering across depth", tolerance: 1,
            because: "interpolation between slices may round by one unit"
        ) { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    uniform sampler3D volume;
                    out vec4 fragColor;
                    void main() { fragColor = texture(volume, vec3(fract(uv * 2.0), uv.x * 0.5 + uv.y * 0.5)); }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            var pixels: [UInt8] = []
            for z in 0..<4 {
                for y in 0..<4 {
                    for x in 0..<4 { pixels += [UInt8(x * 80), UInt8(y * 80), UInt8(z * 80), 255] }
                }
            }
            var t: GLuint = 0
            gl.glGenTextures(1, &t)
            gl.glBindTexture(GL_TEXTURE_3D, t)
            pixels.withUnsafeBytes {
                gl.glTexImage3D(GL_TEXTURE_3D, 0, GLint(GL_RGBA8), 4, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, $0.baseAddress)
            }
            gl.glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GLint(GL_LINEAR))
            gl.glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GLint(GL_LINEAR))
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
    ]
}
