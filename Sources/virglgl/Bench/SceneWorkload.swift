import Foundation
import GLBinding
import GLCore
import GoldenScenes

/// Workload 3, a realistic scene at 1280×720: 300 lit, textured meshes (cubes, spheres and grids, indexed) into
/// an off-screen colour+depth target; a post-process pass (blur and vignette) into a second target; then 40
/// alpha-blended overlay quads. Three render passes, a handful of programs, eight mipmapped textures.
final class SceneWorkload: BenchWorkload {
    static let name = "scene"
    static let defaultFrames = 20
    let gl: GLBinding
    let width: Int, height: Int
    let meshCount: Int
    var drawsPerFrame: Int { meshCount + 1 + overlays }
    private let overlays = 40
    private var lit: GLuint = 0, post: GLuint = 0, flat: GLuint = 0
    private var litMVP: GLint = -1, litModel: GLint = -1, litTint: GLint = -1
    private var postTexel: GLint = -1, flatRect: GLint = -1, flatColour: GLint = -1
    private var meshes: [(vao: GLuint, count: GLsizei)] = []
    private var textures: [GLuint] = []
    private var sceneTarget: (fbo: GLuint, textures: [GLuint]) = (0, [])
    private var postTarget: (fbo: GLuint, textures: [GLuint]) = (0, [])
    private var quad: GLuint = 0
    /// Per mesh: kind, texture, position, scale, spin speed, tint.
    private var objects: [(kind: Int, texture: Int, position: SIMD3<Float>, scale: Float, spin: Float, tint: SIMD4<Float>)] = []
    private var matrix = [Float](repeating: 0, count: 16)
    private var model = [Float](repeating: 0, count: 16)

    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws {
        self.gl = gl
        self.width = width
        self.height = height
        meshCount = draws ?? 300
    }

    func setUp() throws {
        lit = try gl.program(vertex: """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 1) in vec3 normal;
            layout(location = 2) in vec2 uv;
            uniform mat4 mvp;
            uniform mat4 model;
            out vec3 worldNormal;
            out vec3 worldPosition;
            out vec2 texCoord;
            void main() {
                worldPosition = (model * vec4(position, 1.0)).xyz;
                worldNormal = mat3(model) * normal;
                texCoord = uv;
                gl_Position = mvp * vec4(position, 1.0);
            }
            """, fragment: """
            #version 330 core
            in vec3 worldNormal;
            in vec3 worldPosition;
            in vec2 texCoord;
            uniform sampler2D albedo;
            uniform vec4 tint;
            out vec4 fragColour;
            vec3 shade(vec3 n, vec3 light, vec3 base) {
                float diffuse = max(dot(n, light), 0.0);
                vec3 h = normalize(light + normalize(vec3(0.0, 4.0, 12.0) - worldPosition));
                return base * diffuse + vec3(0.3) * pow(max(dot(n, h), 0.0), 24.0);
            }
            void main() {
                vec3 n = normalize(worldNormal);
                vec3 base = texture(albedo, texCoord).rgb * tint.rgb;
                vec3 colour = base * 0.15;
                colour += shade(n, normalize(vec3(0.4, 1.0, 0.3)), base);
                colour += shade(n, normalize(vec3(-0.7, 0.3, -0.2)), base);
                fragColour = vec4(colour, 1.0);
            }
            """)
        litMVP = gl.glGetUniformLocation(lit, "mvp")
        litModel = gl.glGetUniformLocation(lit, "model")
        litTint = gl.glGetUniformLocation(lit, "tint")
        gl.glUseProgram(lit)
        gl.glUniform1i(gl.glGetUniformLocation(lit, "albedo"), 0)
        post = try gl.program(vertex: """
            #version 330 core
            layout(location = 0) in vec2 position;
            out vec2 uv;
            void main() { uv = position * 0.5 + 0.5; gl_Position = vec4(position, 0.0, 1.0); }
            """, fragment: """
            #version 330 core
            in vec2 uv;
            uniform sampler2D scene;
            uniform vec2 texel;
            out vec4 fragColour;
            void main() {
                vec3 c = texture(scene, uv).rgb * 0.4;
                c += texture(scene, uv + vec2(texel.x, 0.0)).rgb * 0.15;
                c += texture(scene, uv - vec2(texel.x, 0.0)).rgb * 0.15;
                c += texture(scene, uv + vec2(0.0, texel.y)).rgb * 0.15;
                c += texture(scene, uv - vec2(0.0, texel.y)).rgb * 0.15;
                float vignette = 1.0 - 0.6 * dot(uv - 0.5, uv - 0.5);
                fragColour = vec4(c / (c + 0.6) * 1.6 * vignette, 1.0);
            }
            """)
        postTexel = gl.glGetUniformLocation(post, "texel")
        gl.glUseProgram(post)
        gl.glUniform1i(gl.glGetUniformLocation(post, "scene"), 0)
        flat = try gl.program(vertex: """
            #version 330 core
            layout(location = 0) in vec2 position;
            uniform vec4 rect;
            void main() { gl_Position = vec4(rect.xy + (position * 0.5 + 0.5) * rect.zw, 0.0, 1.0); }
            """, fragment: """
            #version 330 core
            uniform vec4 colour;
            out vec4 fragColour;
            void main() { fragColour = colour; }
            """)
        flatRect = gl.glGetUniformLocation(flat, "rect")
        flatColour = gl.glGetUniformLocation(flat, "colour")

        meshes = [Self.cube(), Self.sphere(rings: 16, segments: 32), Self.grid(cells: 24)].map { mesh in
            let vao = gl.vertexArray(mesh.vertices, components: [3, 3, 2])
            gl.indexBuffer(mesh.indices)
            return (vao, GLsizei(mesh.indices.count))
        }
        quad = gl.vertexArray(fullScreenQuad, components: [2])
        var random = BenchRandom(seed: 6)
        for k in 0..<8 {
            var pixels = [UInt8](repeating: 0, count: 256 * 256 * 4)
            let a = (0..<3).map { _ in UInt8(96 + random.next() % 160) }
            for y in 0..<256 {
                for x in 0..<256 {
                    let on = ((x >> (3 + k % 3)) ^ (y >> (3 + k % 3))) & 1 == 1
                    let o = (y * 256 + x) * 4
                    pixels[o] = on ? a[0] : a[0] / 3
                    pixels[o + 1] = on ? a[1] : a[1] / 3
                    pixels[o + 2] = on ? a[2] : a[2] / 3
                    pixels[o + 3] = 255
                }
            }
            textures.append(gl.texture2D(
                width: 256, height: 256, pixels: pixels, minFilter: GL_LINEAR_MIPMAP_LINEAR, magFilter: GL_LINEAR,
                wrap: GL_REPEAT, mipmaps: true))
        }
        for i in 0..<meshCount {
            let position = SIMD3<Float>(random.unit() * 24 - 12, random.unit() * 10 - 5, -random.unit() * 30 - 4)
            let tint = SIMD4<Float>(0.6 + random.unit() * 0.4, 0.6 + random.unit() * 0.4, 0.6 + random.unit() * 0.4, 1)
            objects.append((i % meshes.count, Int(random.next() % 8), position, 0.4 + random.unit(), random.unit() * 2 - 1, tint))
        }
        sceneTarget = try gl.framebuffer(width: width, height: height, depthStencil: true)
        postTarget = try gl.framebuffer(width: width, height: height)
        try gl.checkError("scene set-up")
    }

    func frame(_ index: Int) {
        let t = Float(index) * 0.05
        // Pass 1: the lit meshes.
        gl.glBindFramebuffer(GL_FRAMEBUFFER, sceneTarget.fbo)
        gl.glViewport(0, 0, GLsizei(width), GLsizei(height))
        gl.glEnable(GL_DEPTH_TEST)
        gl.glEnable(GL_CULL_FACE)
        gl.glDisable(GL_BLEND)
        gl.glClearColor(0.2, 0.25, 0.3, 1)
        gl.glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
        gl.glUseProgram(lit)
        gl.glActiveTexture(GL_TEXTURE0)
        let aspect = Float(width) / Float(height)
        var boundMesh = -1
        for o in objects {
            if o.kind != boundMesh {
                gl.glBindVertexArray(meshes[o.kind].vao)
                boundMesh = o.kind
            }
            gl.glBindTexture(GL_TEXTURE_2D, textures[o.texture])
            Self.modelMatrix(&model, position: o.position, scale: o.scale, angle: t * o.spin)
            Self.projectionTimes(&matrix, model, aspect: aspect)
            model.withUnsafeBufferPointer { gl.glUniformMatrix4fv(litModel, 1, 0, $0.baseAddress) }
            matrix.withUnsafeBufferPointer { gl.glUniformMatrix4fv(litMVP, 1, 0, $0.baseAddress) }
            gl.glUniform4f(litTint, o.tint.x, o.tint.y, o.tint.z, o.tint.w)
            gl.glDrawElements(GL_TRIANGLES, meshes[o.kind].count, GL_UNSIGNED_INT, nil)
        }
        // Pass 2: post-process into the second target.
        gl.glBindFramebuffer(GL_FRAMEBUFFER, postTarget.fbo)
        gl.glDisable(GL_DEPTH_TEST)
        gl.glDisable(GL_CULL_FACE)
        gl.glUseProgram(post)
        gl.glUniform2f(postTexel, 1.5 / Float(width), 1.5 / Float(height))
        gl.glBindTexture(GL_TEXTURE_2D, sceneTarget.textures[0])
        gl.glBindVertexArray(quad)
        gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        // Pass 3: translucent overlay quads.
        gl.glEnable(GL_BLEND)
        gl.glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA)
        gl.glUseProgram(flat)
        for k in 0..<overlays {
            let x = Float(k % 8) * 0.24 - 0.98, y = Float(k / 8) * 0.1 - 0.98
            gl.glUniform4f(flatRect, x, y, 0.22, 0.08)
            gl.glUniform4f(flatColour, Float(k % 5) / 5, 0.5, 1 - Float(k % 7) / 7, 0.5)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        }
        gl.glFinish()
    }

    func probe() -> [UInt8] { gl.readPixel(x: width / 2, y: height / 2) }

    // MARK: Geometry and matrices (column-major, as GL takes them)

    typealias Mesh = (vertices: [Float], indices: [UInt32])

    static func cube() -> Mesh {
        var v: [Float] = [], idx: [UInt32] = []
        let faces: [(n: SIMD3<Float>, u: SIMD3<Float>, w: SIMD3<Float>)] = [
            ([1, 0, 0], [0, 0, -1], [0, 1, 0]), ([-1, 0, 0], [0, 0, 1], [0, 1, 0]), ([0, 1, 0], [1, 0, 0], [0, 0, -1]),
            ([0, -1, 0], [1, 0, 0], [0, 0, 1]), ([0, 0, 1], [1, 0, 0], [0, 1, 0]), ([0, 0, -1], [-1, 0, 0], [0, 1, 0]),
        ]
        for f in faces {
            let base = UInt32(v.count / 8)
            for (a, b) in [(-1, -1), (1, -1), (1, 1), (-1, 1)] as [(Float, Float)] {
                let p = f.n + f.u * a + f.w * b
                v += [p.x, p.y, p.z, f.n.x, f.n.y, f.n.z, (a + 1) / 2, (b + 1) / 2]
            }
            idx += [base, base + 1, base + 2, base, base + 2, base + 3]
        }
        return (v, idx)
    }

    static func sphere(rings: Int, segments: Int) -> Mesh {
        var v: [Float] = [], idx: [UInt32] = []
        for r in 0...rings {
            let phi = Float.pi * Float(r) / Float(rings)
            for s in 0...segments {
                let theta = 2 * Float.pi * Float(s) / Float(segments)
                let n = SIMD3<Float>(sin(phi) * cos(theta), cos(phi), sin(phi) * sin(theta))
                v += [n.x, n.y, n.z, n.x, n.y, n.z, Float(s) / Float(segments), Float(r) / Float(rings)]
            }
        }
        for r in 0..<rings {
            for s in 0..<segments {
                let a = UInt32(r * (segments + 1) + s), b = a + UInt32(segments + 1)
                idx += [a, a + 1, b, a + 1, b + 1, b]
            }
        }
        return (v, idx)
    }

    static func grid(cells: Int) -> Mesh {
        var v: [Float] = [], idx: [UInt32] = []
        for y in 0...cells {
            for x in 0...cells {
                let u = Float(x) / Float(cells), w = Float(y) / Float(cells)
                let h = 0.15 * sin(u * 9) * cos(w * 7)
                v += [u * 2 - 1, h, w * 2 - 1, 0, 1, 0, u * 4, w * 4]
            }
        }
        for y in 0..<cells {
            for x in 0..<cells {
                let a = UInt32(y * (cells + 1) + x), b = a + UInt32(cells + 1)
                idx += [a, b, a + 1, a + 1, b, b + 1]
            }
        }
        return (v, idx)
    }

    /// Translation × rotation about y and x × uniform scale.
    static func modelMatrix(_ m: inout [Float], position p: SIMD3<Float>, scale: Float, angle: Float) {
        let c = cos(angle), s = sin(angle), c2 = cos(angle * 0.7), s2 = sin(angle * 0.7)
        // R = Ry(angle) * Rx(0.7 angle)
        m[0] = c * scale; m[1] = 0; m[2] = -s * scale; m[3] = 0
        m[4] = s * s2 * scale; m[5] = c2 * scale; m[6] = c * s2 * scale; m[7] = 0
        m[8] = s * c2 * scale; m[9] = -s2 * scale; m[10] = c * c2 * scale; m[11] = 0
        m[12] = p.x; m[13] = p.y; m[14] = p.z; m[15] = 1
    }

    /// out = perspective(60°, aspect, 0.5, 100) × model (the camera sits at the origin looking down −z).
    static func projectionTimes(_ out: inout [Float], _ m: [Float], aspect: Float) {
        let f = 1 / tan(Float.pi / 6), near: Float = 0.5, far: Float = 100
        let a = f / aspect, b = f, c = (far + near) / (near - far), d = 2 * far * near / (near - far)
        for col in 0..<4 {
            let x = m[col * 4], y = m[col * 4 + 1], z = m[col * 4 + 2], w = m[col * 4 + 3]
            out[col * 4] = a * x
            out[col * 4 + 1] = b * y
            out[col * 4 + 2] = c * z + d * w
            out[col * 4 + 3] = -z
        }
    }
}
