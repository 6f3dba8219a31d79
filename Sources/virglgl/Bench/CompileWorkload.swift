import Foundation
import GLBinding
import GLCore
import GoldenScenes

/// Workload 5, shader compile + link: each frame builds four real-sized GLSL 330 programs (forward lighting with
/// four lights, skinning, a post-process chain, terrain splatting) and draws one pixel with each (drivers that
/// compile at first draw pay it too). A constant in every source changes with the frame, so no cache keyed by
/// source can answer ("cold", also not Mesa's on-disk cache: the constant is new in every run); afterwards one
/// source is built again as often ("cached").
final class CompileWorkload: BenchWorkload {
    static let name = "compile"
    static let defaultFrames = 6
    let gl: GLBinding
    let width: Int, height: Int
    let drawsPerFrame = 4
    private var vao: GLuint = 0

    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws {
        self.gl = gl
        self.width = width
        self.height = height
    }

    func setUp() throws {
        _ = try gl.framebuffer(width: 16, height: 16, depthStencil: true)
        gl.glViewport(0, 0, 16, 16)
        // Position, normal, uv, bone weights: enough attributes for every program.
        vao = gl.vertexArray([Float](repeating: 0.25, count: 3 * 12), components: [3, 3, 2, 4])
        try gl.checkError("compile set-up")
    }

    private var failure: String?

    /// Compiles, links and draws each program once; deletes them.
    private func buildAll(variant: Int) {
        for (vertex, fragment) in Self.sources(seed: runSeed, variant: variant) {
            do {
                let p = try gl.program(vertex: vertex, fragment: fragment)
                gl.glUseProgram(p)
                gl.glDrawArrays(GL_TRIANGLES, 0, 3)
                gl.glUseProgram(0)
                gl.glDeleteProgram(p)
            } catch {
                if failure == nil { failure = "\(error)" }
            }
        }
        gl.glFinish()
    }

    /// Unique to this run: Mesa keeps an on-disk shader cache (the host's too), so frame numbers alone would
    /// repeat the sources of earlier runs.
    private let runSeed = Int(Date().timeIntervalSince1970 * 1000) % 100_000

    func frame(_ index: Int) { buildAll(variant: index + 1) }

    func figures(frames: Int, seconds: Double) throws -> BenchFigures {
        if let failure { throw SceneError("compile workload: \(failure)") }
        let programs = Double(frames * drawsPerFrame)
        buildAll(variant: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<frames { buildAll(variant: 0) }
        let cached = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let failure { throw SceneError("compile workload: \(failure)") }
        return [("ms_per_program_cold", seconds / programs * 1000), ("ms_per_program_cached", cached / programs * 1000)]
    }

    func probe() -> [UInt8] { gl.readPixel(x: 8, y: 8) }

    /// The four programs, with `seed` and `variant` in a constant each uses (two components, each exact in a
    /// float, so they stay distinct after constant folding).
    static func sources(seed: Int, variant: Int) -> [(String, String)] {
        let k = "const vec2 variant = vec2(\(seed).0, \(variant).0) * 1.0e-7;"
        return [
            (forwardVertex(k), forwardFragment(k)), (skinningVertex(k), forwardFragment(k)),
            (screenVertex(k), postFragment(k)), (forwardVertex(k), terrainFragment(k)),
        ]
    }

    static func forwardVertex(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        layout(location = 0) in vec3 position;
        layout(location = 1) in vec3 normal;
        layout(location = 2) in vec2 uv;
        uniform mat4 model;
        uniform mat4 view;
        uniform mat4 projection;
        uniform vec4 uvTransform;
        out vec3 worldPosition;
        out vec3 worldNormal;
        out vec2 texCoord;
        out float fogDepth;
        void main() {
            vec4 world = model * vec4(position, 1.0);
            worldPosition = world.xyz;
            worldNormal = normalize(mat3(model) * normal);
            texCoord = uv * uvTransform.xy + uvTransform.zw + variant;
            vec4 eye = view * world;
            fogDepth = -eye.z;
            gl_Position = projection * eye;
        }
        """
    }

    static func skinningVertex(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        layout(location = 0) in vec3 position;
        layout(location = 1) in vec3 normal;
        layout(location = 2) in vec2 uv;
        layout(location = 3) in vec4 weights;
        uniform mat4 bone0;
        uniform mat4 bone1;
        uniform mat4 bone2;
        uniform mat4 bone3;
        uniform mat4 view;
        uniform mat4 projection;
        out vec3 worldPosition;
        out vec3 worldNormal;
        out vec2 texCoord;
        out float fogDepth;
        mat4 blendBones(vec4 w) {
            float sum = w.x + w.y + w.z + w.w + 1.0e-6;
            return (bone0 * w.x + bone1 * w.y + bone2 * w.z + bone3 * w.w) * (1.0 / sum);
        }
        void main() {
            mat4 skin = blendBones(weights);
            vec4 world = skin * vec4(position, 1.0);
            worldPosition = world.xyz;
            worldNormal = normalize(mat3(skin) * normal);
            texCoord = uv + variant;
            vec4 eye = view * world;
            fogDepth = -eye.z;
            gl_Position = projection * eye;
        }
        """
    }

    static func forwardFragment(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        in vec3 worldPosition;
        in vec3 worldNormal;
        in vec2 texCoord;
        in float fogDepth;
        uniform sampler2D albedoMap;
        uniform sampler2D normalMap;
        uniform sampler2D roughnessMap;
        uniform vec3 cameraPosition;
        uniform vec4 lightPositions[4];
        uniform vec4 lightColours[4];
        uniform vec3 fogColour;
        uniform float fogDensity;
        uniform float exposure;
        out vec4 fragColour;
        vec3 perturbNormal(vec3 n, vec3 p, vec2 uv) {
            vec3 mapped = texture(normalMap, uv).xyz * 2.0 - 1.0;
            vec3 t = normalize(cross(n, vec3(0.0, 1.0, 0.1)));
            vec3 b = cross(n, t);
            return normalize(t * mapped.x + b * mapped.y + n * mapped.z);
        }
        float distribution(vec3 n, vec3 h, float roughness) {
            float a = roughness * roughness;
            float d = max(dot(n, h), 0.0);
            float denom = d * d * (a * a - 1.0) + 1.0;
            return a * a / (3.14159 * denom * denom);
        }
        float geometry(float nv, float nl, float roughness) {
            float k = (roughness + 1.0) * (roughness + 1.0) / 8.0;
            return nv / (nv * (1.0 - k) + k) * nl / (nl * (1.0 - k) + k);
        }
        vec3 fresnel(float c, vec3 f0) { return f0 + (1.0 - f0) * pow(1.0 - c, 5.0); }
        void main() {
            vec3 albedo = texture(albedoMap, texCoord).rgb;
            float roughness = clamp(texture(roughnessMap, texCoord).g, 0.05, 1.0);
            vec3 n = perturbNormal(normalize(worldNormal), worldPosition, texCoord);
            vec3 v = normalize(cameraPosition - worldPosition);
            vec3 f0 = mix(vec3(0.04), albedo, 0.2);
            vec3 total = albedo * 0.03;
            for (int i = 0; i < 4; i++) {
                vec3 toLight = lightPositions[i].xyz - worldPosition;
                float distance2 = dot(toLight, toLight);
                vec3 l = toLight * inversesqrt(distance2);
                vec3 h = normalize(v + l);
                float nl = max(dot(n, l), 0.0);
                float nv = max(dot(n, v), 1.0e-3);
                vec3 f = fresnel(max(dot(h, v), 0.0), f0);
                vec3 specular = distribution(n, h, roughness) * geometry(nv, nl, roughness) * f / (4.0 * nv * nl + 1.0e-3);
                vec3 diffuse = (1.0 - f) * albedo / 3.14159;
                total += (diffuse + specular) * lightColours[i].rgb * lightColours[i].a * nl / (1.0 + distance2);
            }
            float fog = 1.0 - exp(-fogDensity * fogDepth);
            vec3 colour = mix(total, fogColour, clamp(fog, 0.0, 1.0)) * exposure;
            colour = colour / (colour + 1.0);
            fragColour = vec4(pow(colour, vec3(1.0 / 2.2)) + vec3(variant, 0.0), 1.0);
        }
        """
    }

    static func screenVertex(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        layout(location = 0) in vec3 position;
        out vec2 uv;
        void main() { uv = position.xy * 0.5 + 0.5 + variant; gl_Position = vec4(position.xy, 0.0, 1.0); }
        """
    }

    static func postFragment(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        in vec2 uv;
        uniform sampler2D sceneColour;
        uniform sampler2D bloom;
        uniform vec2 texel;
        uniform float bloomStrength;
        uniform vec3 lift;
        uniform vec3 gamma;
        uniform vec3 gain;
        out vec4 fragColour;
        vec3 blur9(vec2 at, vec2 direction) {
            vec3 sum = texture(bloom, at).rgb * 0.227;
            sum += texture(bloom, at + direction * 1.38).rgb * 0.316;
            sum += texture(bloom, at - direction * 1.38).rgb * 0.316;
            sum += texture(bloom, at + direction * 3.23).rgb * 0.070;
            sum += texture(bloom, at - direction * 3.23).rgb * 0.070;
            return sum;
        }
        vec3 aces(vec3 x) {
            return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
        }
        void main() {
            vec3 colour = texture(sceneColour, uv).rgb;
            vec3 glow = blur9(uv, vec2(texel.x, 0.0)) + blur9(uv, vec2(0.0, texel.y));
            colour += glow * bloomStrength * 0.5;
            colour = aces(colour);
            colour = pow(max(gain * (colour + lift * (1.0 - colour)), vec3(0.0)), 1.0 / max(gamma, vec3(0.01)));
            float luma = dot(colour, vec3(0.2126, 0.7152, 0.0722));
            colour = mix(vec3(luma), colour, 1.1);
            vec2 centred = uv - 0.5;
            colour *= 1.0 - dot(centred, centred) * 0.8;
            fragColour = vec4(colour + vec3(variant, 0.0), 1.0);
        }
        """
    }

    static func terrainFragment(_ k: String) -> String {
        """
        #version 330 core
        \(k)
        in vec3 worldPosition;
        in vec3 worldNormal;
        in vec2 texCoord;
        in float fogDepth;
        uniform sampler2D grass;
        uniform sampler2D rock;
        uniform sampler2D snow;
        uniform vec3 sunDirection;
        uniform vec3 fogColour;
        out vec4 fragColour;
        float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
        float noise(vec2 p) {
            vec2 i = floor(p);
            vec2 f = fract(p);
            vec2 u = f * f * (3.0 - 2.0 * f);
            return mix(mix(hash(i), hash(i + vec2(1.0, 0.0)), u.x), mix(hash(i + vec2(0.0, 1.0)), hash(i + vec2(1.0, 1.0)), u.x), u.y);
        }
        float fbm(vec2 p) {
            float sum = 0.0;
            float amplitude = 0.5;
            for (int i = 0; i < 5; i++) {
                sum += amplitude * noise(p);
                p = p * 2.03 + vec2(1.7, 9.2);
                amplitude *= 0.5;
            }
            return sum;
        }
        void main() {
            vec3 n = normalize(worldNormal);
            float height = worldPosition.y + fbm(worldPosition.xz * 0.3) * 2.0;
            float slope = 1.0 - n.y;
            vec3 g = texture(grass, texCoord * 8.0).rgb;
            vec3 r = texture(rock, texCoord * 6.0).rgb;
            vec3 s = texture(snow, texCoord * 4.0).rgb;
            vec3 albedo = mix(g, r, smoothstep(0.2, 0.5, slope));
            albedo = mix(albedo, s, smoothstep(8.0, 12.0, height) * (1.0 - smoothstep(0.4, 0.7, slope)));
            float light = max(dot(n, normalize(sunDirection)), 0.0) * 0.9 + 0.1;
            vec3 colour = albedo * light;
            colour = mix(colour, fogColour, 1.0 - exp(-0.02 * fogDepth));
            fragColour = vec4(colour + vec3(variant, 0.0), 1.0);
        }
        """
    }
}
