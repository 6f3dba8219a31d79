import GLCore
@testable import GLDriver
import XCTest

/// Tessellation (GL 4.0 stages, exposed as ARB_tessellation_shader): a patch through control and evaluation
/// shaders, patch varyings, the default levels of a program without a control stage, and the spec's errors.
final class TessellationTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        bindColorFramebuffer(width: 8, height: 8)
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        // One patch: the viewport's corners (lower left, lower right, upper left, upper right).
        let corners: [GLfloat] = [-1, -1, 1, -1, -1, 1, 1, 1]
        glBufferData(GL_ARRAY_BUFFER, corners.count * 4, corners, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, GLboolean(GL_FALSE), 8, nil)
        glEnableVertexAttribArray(0)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertexShader = """
        #version 330 core
        layout(location = 0) in vec2 position;
        out vec4 toControl;
        void main() { toControl = vec4(position, 0.0, 1.0); }
        """

    static let controlShader = """
        #version 330 core
        #extension GL_ARB_tessellation_shader : require
        layout(vertices = 4) out;
        in vec4 toControl[];
        out vec4 toEvaluation[];
        patch out float blue;
        void main() {
            toEvaluation[gl_InvocationID] = toControl[gl_InvocationID];
            blue = 1.0;
            if (gl_InvocationID == 0) {
                gl_TessLevelOuter = float[4](4.0, 4.0, 4.0, 4.0);
                gl_TessLevelInner[0] = 4.0;
                gl_TessLevelInner[1] = 4.0;
            }
        }
        """

    /// Quads: the corners mixed by gl_TessCoord, which also gives red and green.
    static let evaluationShader = """
        #version 330 core
        #extension GL_ARB_tessellation_shader : require
        layout(quads) in;
        in vec4 toEvaluation[];
        patch in float blue;
        out vec4 color;
        void main() {
            vec2 t = gl_TessCoord.xy;
            gl_Position = mix(mix(toEvaluation[0], toEvaluation[1], t.x), mix(toEvaluation[2], toEvaluation[3], t.x), t.y);
            color = vec4(t, blue, 1.0);
        }
        """

    static let fragmentShader = """
        #version 330 core
        in vec4 color;
        out vec4 fragColor;
        void main() { fragColor = color; }
        """

    func program(_ stages: [(GLenum, String)]) -> GLuint { linkedProgram(stages) }

    func pixels() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 8 * 8 * 4)
        glReadPixels(0, 0, 8, 8, GL_RGBA, GL_UNSIGNED_BYTE, &out)
        return out
    }

    func testExtensionIsListed() {
        var n: GLint = 0
        glGetIntegerv(GL_NUM_EXTENSIONS, &n)
        let names = (0..<n).compactMap { glGetStringi(GL_EXTENSIONS, GLuint($0)).map { String(cString: $0) } }
        XCTAssertTrue(names.contains("GL_ARB_tessellation_shader"), "this host (llvmpipe, GL 4.5) runs tessellation")
    }

    func testPatchThroughControlAndEvaluationStages() {
        let p = program([
            (GL_VERTEX_SHADER, Self.vertexShader), (GL_TESS_CONTROL_SHADER, Self.controlShader),
            (GL_TESS_EVALUATION_SHADER, Self.evaluationShader), (GL_FRAGMENT_SHADER, Self.fragmentShader),
        ])
        var value: GLint = 0
        glGetProgramiv(p, GL_TESS_CONTROL_OUTPUT_VERTICES, &value)
        XCTAssertEqual(value, 4)
        glGetProgramiv(p, GL_TESS_GEN_MODE, &value)
        XCTAssertEqual(GLenum(value), GL_QUADS)
        glGetProgramiv(p, GL_TESS_GEN_SPACING, &value)
        XCTAssertEqual(GLenum(value), GL_EQUAL)
        glUseProgram(p)
        glPatchParameteri(GL_PATCH_VERTICES, 4)
        glGetIntegerv(GL_PATCH_VERTICES, &value)
        XCTAssertEqual(value, 4)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_PATCHES, 0, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let px = pixels()
        // Every pixel is covered, blue from the patch varying; red follows x and green follows y (the
        // tessellated grid interpolates gl_TessCoord linearly across the quad).
        for y in 0..<8 {
            for x in 0..<8 {
                let o = (y * 8 + x) * 4
                XCTAssertEqual(px[o + 2], 255, "blue at (\(x), \(y))")
                XCTAssertEqual(Double(px[o]), (Double(x) + 0.5) / 8 * 255, accuracy: 3, "red at (\(x), \(y))")
                XCTAssertEqual(Double(px[o + 1]), (Double(y) + 0.5) / 8 * 255, accuracy: 3, "green at (\(x), \(y))")
            }
        }
    }

    func testDefaultLevelsWithoutControlStage() {
        let vs = """
            #version 330 core
            layout(location = 0) in vec2 position;
            void main() { gl_Position = vec4(position, 0.0, 1.0); }
            """
        let tes = """
            #version 330 core
            #extension GL_ARB_tessellation_shader : require
            layout(triangles, cw) in;
            out vec4 color;
            void main() {
                gl_Position = gl_TessCoord.x * gl_in[0].gl_Position + gl_TessCoord.y * gl_in[1].gl_Position
                    + gl_TessCoord.z * gl_in[2].gl_Position;
                color = vec4(gl_TessLevelOuter[0] / 4.0, gl_TessLevelInner[0] / 4.0, 1.0, 1.0);
            }
            """
        let p = program([(GL_VERTEX_SHADER, vs), (GL_TESS_EVALUATION_SHADER, tes), (GL_FRAGMENT_SHADER, Self.fragmentShader)])
        var value: GLint = 0
        glGetProgramiv(p, GL_TESS_GEN_POINT_MODE, &value)
        XCTAssertEqual(value, 0)
        glGetProgramiv(p, GL_TESS_GEN_VERTEX_ORDER, &value)
        XCTAssertEqual(GLenum(value), GL_CW)
        glGetProgramiv(p, GL_TESS_CONTROL_OUTPUT_VERTICES, &value)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no control stage")
        glUseProgram(p)
        glPatchParameteri(GL_PATCH_VERTICES, 3)
        // A triangle over the whole viewport, every fragment coloured by the default levels: GL's initial 1.0 …
        let triangle: [GLfloat] = [-1, -1, 3, -1, -1, 3]
        glBufferData(GL_ARRAY_BUFFER, triangle.count * 4, triangle, GL_STATIC_DRAW)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_PATCHES, 0, 3)
        XCTAssertEqual(Array(pixels()[0..<4]), [64, 64, 255, 255])
        // … then the levels set here.
        let outer: [GLfloat] = [2, 2, 2, 2], inner: [GLfloat] = [3, 3]
        glPatchParameterfv(GL_PATCH_DEFAULT_OUTER_LEVEL, outer)
        glPatchParameterfv(GL_PATCH_DEFAULT_INNER_LEVEL, inner)
        var levels = [GLfloat](repeating: 0, count: 4)
        glGetFloatv(GL_PATCH_DEFAULT_OUTER_LEVEL, &levels)
        XCTAssertEqual(levels, outer)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_PATCHES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let px = pixels()
        XCTAssertEqual(Array(px[0..<4]), [128, 191, 255, 255])
        XCTAssertEqual(Array(px[(7 * 8 + 7) * 4..<(7 * 8 + 8) * 4]), [128, 191, 255, 255])
    }

    func testDrawErrors() {
        let plain = program([
            (GL_VERTEX_SHADER, "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n"),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ])
        glUseProgram(plain)
        glDrawArrays(GL_PATCHES, 0, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "patches without an evaluation stage")
        let tessellating = program([
            (GL_VERTEX_SHADER, Self.vertexShader), (GL_TESS_CONTROL_SHADER, Self.controlShader),
            (GL_TESS_EVALUATION_SHADER, Self.evaluationShader), (GL_FRAGMENT_SHADER, Self.fragmentShader),
        ])
        glUseProgram(tessellating)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a tessellating program draws only patches")
        glPatchParameteri(GL_PATCH_VERTICES, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glPatchParameteri(GL_PATCH_VERTICES, 33)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glPatchParameteri(GL_PATCH_DEFAULT_OUTER_LEVEL, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    /// A control stage without an evaluation stage links, and its patches make no primitives (GL 4.6 §11.2).
    func testControlStageWithoutEvaluationStageDrawsNothing() {
        let p = program([
            (GL_VERTEX_SHADER, Self.vertexShader), (GL_TESS_CONTROL_SHADER, Self.controlShader),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"),
        ])
        glUseProgram(p)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glPatchParameteri(GL_PATCH_VERTICES, 4)
        glDrawArrays(GL_PATCHES, 0, 4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixels(), [UInt8](repeating: 0, count: 8 * 8 * 4))
    }

    /// GL 4.6 §7.3: without a vertex shader, a program with a tessellation stage links only as a separable one.
    func testTessellationWithoutVertexShaderNeedsSeparable() {
        for separable in [false, true] {
            let p = glCreateProgram()
            for (type, source) in [(GL_TESS_EVALUATION_SHADER, Self.evaluationShader),
                                   (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n")] {
                glAttachShader(p, compileShader(type, source))
            }
            glProgramParameteri(p, GL_PROGRAM_SEPARABLE, separable ? 1 : 0)
            glLinkProgram(p)
            var ok: GLint = -1
            glGetProgramiv(p, GL_LINK_STATUS, &ok)
            XCTAssertEqual(ok, separable ? 1 : 0, separable ? "separable" : "not separable")
        }
    }
}
