import GLBinding
import GLCore
import GoldenScenes

/// Workload 1, the draw-call storm: 10,000 small triangles per frame, each after a `glUniform4f` that moves and
/// colours it; no other state changes. It measures the per-draw cost of the driver (and of the wire).
final class DrawStormWorkload: BenchWorkload {
    static let name = "storm"
    static let defaultFrames = 20
    let gl: GLBinding
    let width: Int, height: Int
    let drawsPerFrame: Int
    private var program: GLuint = 0
    private var location: GLint = -1
    private var fbo: GLuint = 0

    init(gl: GLBinding, width: Int, height: Int, draws: Int?) throws {
        self.gl = gl
        self.width = width
        self.height = height
        drawsPerFrame = draws ?? 10_000
    }

    func setUp() throws {
        program = try gl.program(
            vertex: """
                #version 330 core
                layout(location = 0) in vec2 position;
                uniform vec4 placement; // xy: offset, z: scale, w: hue
                out vec3 colour;
                void main() {
                    gl_Position = vec4(position * placement.z + placement.xy, 0.0, 1.0);
                    colour = vec3(placement.w, 1.0 - placement.w, 0.5);
                }
                """,
            fragment: """
                #version 330 core
                in vec3 colour;
                out vec4 fragColour;
                void main() { fragColour = vec4(colour, 1.0); }
                """)
        location = gl.glGetUniformLocation(program, "placement")
        fbo = try gl.framebuffer(width: width, height: height).fbo
        _ = gl.vertexArray([0, 0, 1, 0, 0, 1], components: [2])
        gl.glUseProgram(program)
        gl.glViewport(0, 0, GLsizei(width), GLsizei(height))
        gl.glClearColor(0, 0, 0, 1)
        try gl.checkError("storm set-up")
    }

    func frame(_ index: Int) {
        gl.glClear(GL_COLOR_BUFFER_BIT)
        let side = 100
        for i in 0..<drawsPerFrame {
            let cell = (i + index) % (side * side)
            let x = Float(cell % side) / Float(side) * 2 - 1, y = Float(cell / side) / Float(side) * 2 - 1
            gl.glUniform4f(location, x, y, 0.02, Float(i % 64) / 63)
            gl.glDrawArrays(GL_TRIANGLES, 0, 3)
        }
        gl.glFinish()
    }

    func probe() -> [UInt8] { gl.readPixel(x: width / 2 + 2, y: height / 2 + 2) }
}
