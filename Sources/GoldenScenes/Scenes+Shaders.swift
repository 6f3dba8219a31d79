import Foundation
import GLBinding
import GLCore

extension GoldenScene {
    static let shaders: [GoldenScene] = [
        GoldenScene("loops_branches", "a fragment shader with a bounded loop, break and if/else chains") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    out vec4 fragColor;
                    void main() {
                        vec2 z = vec2(0.0);
                        vec2 c = uv * vec2(3.0, 2.4) - vec2(2.2, 1.2);
                        int steps = 0;
                        for (int i = 0; i < 24; i++) {
                            z = vec2(z.x * z.x - z.y * z.y, 2.0 * z.x * z.y) + c;
                            if (dot(z, z) > 4.0) break;
                            steps++;
                        }
                        vec3 color;
                        if (steps == 24) color = vec3(0.0);
                        else if (steps > 8) color = vec3(1.0, float(steps) / 24.0, 0.2);
                        else color = vec3(0.1, 0.2, float(steps) / 8.0);
                        fragColor = vec4(color, 1.0);
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("discard", "discard outside rings, computed from gl_FragCoord") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.positionVS,
                fragment: """
                    #version 330 core
                    out vec4 fragColor;
                    void main() {
                        vec2 d = gl_FragCoord.xy - vec2(128.0);
                        float r = length(d);
                        if (mod(r, 32.0) < 12.0) discard;
                        fragColor = vec4(r / 180.0, 0.5, 1.0 - r / 180.0, 1.0);
                    }
                    """)
            _ = gl.vertexArray([-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, -1, 0, 1, 1, 0, -1, 1, 0], components: [3])
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("vertex_id", "geometry generated from gl_VertexID and gl_InstanceID, no attributes") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    out vec3 vColor;
                    void main() {
                        int corner = gl_VertexID % 3;
                        float angle = float(gl_InstanceID) * 0.7854 + float(corner) * 2.0944;
                        float radius = corner == 0 ? 0.9 : 0.3;
                        vColor = vec3(float(gl_InstanceID) / 7.0, float(corner) / 2.0, 0.5);
                        gl_Position = vec4(radius * cos(angle), radius * sin(angle), 0.0, 1.0);
                    }
                    """, fragment: CommonShaders.colorFS)
            var vao: GLuint = 0
            gl.glGenVertexArrays(1, &vao)
            gl.glBindVertexArray(vao)
            gl.glUseProgram(p)
            gl.glDrawArraysInstanced(GL_TRIANGLES, 0, 3, 8)
        },
        GoldenScene("struct_array_uniforms", "an array of light structs indexed in a loop; integer and bool ops") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    struct Light { vec2 position; vec3 color; float radius; };
                    uniform Light lights[3];
                    uniform int count;
                    uniform bool invert;
                    out vec4 fragColor;
                    void main() {
                        vec3 sum = vec3(0.05);
                        for (int i = 0; i < count; i++) {
                            float d = distance(uv, lights[i].position);
                            sum += lights[i].color * clamp(1.0 - d / lights[i].radius, 0.0, 1.0);
                        }
                        ivec2 cell = ivec2(uv * 8.0);
                        if (((cell.x ^ cell.y) & 1) == 1) sum *= 0.8;
                        fragColor = vec4(invert ? 1.0 - sum : sum, 1.0);
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glUseProgram(p)
            let lights: [(Float, Float, Float, Float, Float, Float)] = [
                (0.3, 0.3, 1, 0.2, 0.1, 0.5), (0.7, 0.4, 0.1, 0.9, 0.3, 0.4), (0.5, 0.8, 0.2, 0.3, 1, 0.35),
            ]
            for (i, l) in lights.enumerated() {
                gl.glUniform2f(gl.uniform(p, "lights[\(i)].position"), l.0, l.1)
                gl.glUniform3f(gl.uniform(p, "lights[\(i)].color"), l.2, l.3, l.4)
                gl.glUniform1f(gl.uniform(p, "lights[\(i)].radius"), l.5)
            }
            gl.glUniform1i(gl.uniform(p, "count"), 3)
            gl.glUniform1i(gl.uniform(p, "invert"), 0)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("builtin_functions", "smoothstep, mix, pow, fract, step, sin and friends in bands") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: CommonShaders.texturedVS,
                fragment: """
                    #version 330 core
                    in vec2 uv;
                    out vec4 fragColor;
                    void main() {
                        float x = uv.x;
                        int band = int(uv.y * 8.0);
                        float v;
                        switch (band) {
                            case 0: v = smoothstep(0.2, 0.8, x); break;
                            case 1: v = pow(x, 2.2); break;
                            case 2: v = fract(x * 5.0); break;
                            case 3: v = step(0.5, x); break;
                            case 4: v = 0.5 + 0.5 * sin(x * 12.0); break;
                            case 5: v = sqrt(x); break;
                            case 6: v = abs(x * 2.0 - 1.0); break;
                            default: v = exp2(x * 4.0) / 16.0; break;
                        }
                        fragColor = vec4(mix(vec3(0.1, 0.2, 0.6), vec3(1.0, 0.9, 0.3), v), 1.0);
                    }
                    """)
            _ = gl.vertexArray(fullScreenQuad, components: [2])
            gl.glUseProgram(p)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        },
        GoldenScene("lit_mesh", "an indexed, lit, textured cube under a perspective matrix, depth tested") { c in
            let gl = c.gl
            let p = try gl.program(
                vertex: """
                    #version 330 core
                    layout(location = 0) in vec3 position;
                    layout(location = 1) in vec3 normal;
                    layout(location = 2) in vec2 texcoord;
                    uniform mat4 mvp;
                    uniform mat3 normalMatrix;
                    out vec3 vNormal;
                    out vec2 vUV;
                    void main() {
                        vNormal = normalMatrix * normal;
                        vUV = texcoord;
                        gl_Position = mvp * vec4(position, 1.0);
                    }
                    """,
                fragment: """
                    #version 330 core
                    in vec3 vNormal;
                    in vec2 vUV;
                    uniform sampler2D image;
                    uniform vec3 lightDirection;
                    out vec4 fragColor;
                    void main() {
                        float diffuse = max(dot(normalize(vNormal), normalize(lightDirection)), 0.0);
                        vec3 base = texture(image, vUV).rgb;
                        fragColor = vec4(base * (0.2 + 0.8 * diffuse), 1.0);
                    }
                    """)
            let mesh = cubeMesh()
            _ = gl.vertexArray(mesh.vertices, components: [3, 3, 2])
            gl.buffer(GL_ELEMENT_ARRAY_BUFFER, mesh.indices)
            let t = gl.texture2D(
                width: 16, height: 16, pixels: checkerboard(size: 16, cells: 4, [240, 180, 60, 255], [90, 40, 20, 255]))
            gl.glBindTexture(GL_TEXTURE_2D, t)
            gl.glUseProgram(p)
            let (mvp, normal) = cubeTransforms()
            gl.glUniformMatrix4fv(gl.uniform(p, "mvp"), 1, 0, mvp)
            gl.glUniformMatrix3fv(gl.uniform(p, "normalMatrix"), 1, 0, normal)
            gl.glUniform3f(gl.uniform(p, "lightDirection"), 0.4, 0.7, 1.0)
            gl.glEnable(GL_DEPTH_TEST)
            gl.glEnable(GL_CULL_FACE)
            gl.glDrawElements(GL_TRIANGLES, GLsizei(mesh.indices.count), GL_UNSIGNED_INT, nil)
            gl.glDisable(GL_CULL_FACE)
            gl.glDisable(GL_DEPTH_TEST)
        },
    ]
}

/// A unit cube: 24 vertices (position, normal, texcoord), 36 indices, counter-clockwise outside.
func cubeMesh() -> (vertices: [Float], indices: [UInt32]) {
    let faces: [(n: [Float], u: [Float], v: [Float])] = [
        ([1, 0, 0], [0, 0, -1], [0, 1, 0]), ([-1, 0, 0], [0, 0, 1], [0, 1, 0]),
        ([0, 1, 0], [1, 0, 0], [0, 0, -1]), ([0, -1, 0], [1, 0, 0], [0, 0, 1]),
        ([0, 0, 1], [1, 0, 0], [0, 1, 0]), ([0, 0, -1], [-1, 0, 0], [0, 1, 0]),
    ]
    var vertices: [Float] = []
    var indices: [UInt32] = []
    for (f, face) in faces.enumerated() {
        for (s, t) in [(Float(-1), Float(-1)), (1, -1), (1, 1), (-1, 1)] {
            for k in 0..<3 { vertices.append(face.n[k] + s * face.u[k] + t * face.v[k]) }
            vertices += face.n
            vertices += [(s + 1) / 2, (t + 1) / 2]
        }
        let b = UInt32(f * 4)
        indices += [b, b + 1, b + 2, b, b + 2, b + 3]
    }
    return (vertices, indices)
}

/// A perspective view of the cube, turned so three faces show; column-major as GL takes them.
func cubeTransforms() -> (mvp: [Float], normal: [Float]) {
    func multiply(_ a: [Float], _ b: [Float]) -> [Float] {
        var r = [Float](repeating: 0, count: 16)
        for col in 0..<4 {
            for row in 0..<4 {
                var s: Float = 0
                for k in 0..<4 { s += a[k * 4 + row] * b[col * 4 + k] }
                r[col * 4 + row] = s
            }
        }
        return r
    }
    let ay: Float = 0.6, ax: Float = 0.45
    let rotY: [Float] = [cosf(ay), 0, -sinf(ay), 0, 0, 1, 0, 0, sinf(ay), 0, cosf(ay), 0, 0, 0, 0, 1]
    let rotX: [Float] = [1, 0, 0, 0, 0, cosf(ax), sinf(ax), 0, 0, -sinf(ax), cosf(ax), 0, 0, 0, 0, 1]
    let scale: Float = 0.7
    let model = multiply(rotX, multiply(rotY, [scale, 0, 0, 0, 0, scale, 0, 0, 0, 0, scale, 0, 0, 0, 0, 1]))
    let view: [Float] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -4, 1]
    let f: Float = 1 / tanf(0.45), near: Float = 1, far: Float = 10
    let projection: [Float] = [
        f, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) / (near - far), -1, 0, 0, 2 * far * near / (near - far), 0,
    ]
    let mvp = multiply(projection, multiply(view, model))
    let r = multiply(rotX, rotY)
    let normal: [Float] = [r[0], r[1], r[2], r[4], r[5], r[6], r[8], r[9], r[10]]
    return (mvp, normal)
}
