import GLBinding
import GLCore
import GoldenScenes

/// Workload 2, state churn: 2,000 quads per frame where nearly every draw switches something — blend on/off and
/// its factors, depth test and function, face culling and winding, the bound texture, and the program.
/// The pattern repeats each frame, so a driver that caches state objects creates nothing after frame one.
final class StateChurnWorkload: BenchWorkload {
    static let name = "churn"
    static let defaultFrames = 20
    let gl: GLBinding
    let width: Int, height: Int
    let drawsPerFrame: Int
    private var programs: [GLuint] = []
    private var offsets: [GLint] = []
    private var textures: [GLuint] = []

    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws {
        self.gl = gl
        self.width = width
        self.height = height
        drawsPerFrame = draws ?? 2_000
    }

    func setUp() throws {
        let vertex = """
            #version 330 core
            layout(location = 0) in vec2 position;
            uniform vec3 offset; // xy: position, z: depth
            out vec2 uv;
            void main() {
                uv = position;
                gl_Position = vec4(position * 0.1 + offset.xy, offset.z, 1.0);
            }
            """
        let plain = try gl.program(vertex: vertex, fragment: """
            #version 330 core
            in vec2 uv;
            out vec4 fragColour;
            void main() { fragColour = vec4(uv, 0.5, 0.6); }
            """)
        let textured = try gl.program(vertex: vertex, fragment: """
            #version 330 core
            in vec2 uv;
            uniform sampler2D image;
            out vec4 fragColour;
            void main() { fragColour = texture(image, uv) * vec4(1.0, 1.0, 1.0, 0.7); }
            """)
        programs = [plain, textured]
        offsets = programs.map { gl.glGetUniformLocation($0, "offset") }
        gl.glUseProgram(textured)
        gl.glUniform1i(gl.glGetUniformLocation(textured, "image"), 0)
        let colours: [[UInt8]] = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 0, 255]]
        textures = colours.map { c in
            gl.texture2D(width: 64, height: 64, pixels: checkerboard(size: 64, cells: 8, c, [40, 40, 40, 255]), minFilter: GL_LINEAR, magFilter: GL_LINEAR)
        }
        _ = try gl.framebuffer(width: width, height: height, depthStencil: true)
        // Counter-clockwise and clockwise halves, so culling and winding changes both matter.
        _ = gl.vertexArray([0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1], components: [2])
        gl.glViewport(0, 0, GLsizei(width), GLsizei(height))
        gl.glClearColor(0.1, 0.1, 0.1, 1)
        try gl.checkError("churn set-up")
    }

    func frame(_ index: Int) {
        gl.glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
        for i in 0..<drawsPerFrame {
            switch i % 3 {
            case 0: gl.glDisable(GL_BLEND)
            case 1:
                gl.glEnable(GL_BLEND)
                gl.glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA)
            default:
                gl.glEnable(GL_BLEND)
                gl.glBlendFunc(GL_ONE, GL_ONE)
            }
            if (i / 3) % 2 == 0 { gl.glEnable(GL_DEPTH_TEST) } else { gl.glDisable(GL_DEPTH_TEST) }
            gl.glDepthFunc((i / 5) % 2 == 0 ? GL_LESS : GL_LEQUAL)
            if (i / 7) % 2 == 0 { gl.glEnable(GL_CULL_FACE) } else { gl.glDisable(GL_CULL_FACE) }
            gl.glFrontFace((i / 11) % 2 == 0 ? GL_CCW : GL_CW)
            gl.glBindTexture(GL_TEXTURE_2D, textures[(i / 2) % textures.count])
            let p = i % 2
            gl.glUseProgram(programs[p])
            let cell = (i * 7 + index) % 400
            gl.glUniform3f(offsets[p], Float(cell % 20) / 10 - 1, Float(cell / 20) / 10 - 1, Float(i % 10) / 10 - 0.5)
            gl.glDrawArrays(GL_TRIANGLES, 0, 6)
        }
        gl.glFinish()
    }

    func probe() -> [UInt8] { gl.readPixel(x: width / 2 + 3, y: height / 2 + 3) }
}
