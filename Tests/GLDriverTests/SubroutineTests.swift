import GLCore
@testable import GLDriver
import XCTest

/// Shader subroutines (ARB_shader_subroutine): draws that switch subroutines, the §7.9 queries and their errors.
final class SubroutineTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    static let fragment = """
        #version 330 core
        #extension GL_ARB_shader_subroutine : require
        #extension GL_ARB_explicit_uniform_location : require
        out vec4 o;
        uniform float level;
        subroutine float channel(float x);
        subroutine vec4 mix2(float r, float g);
        subroutine float scaled(float y);
        layout(location = 3) subroutine uniform channel Red;
        subroutine uniform channel Green[2];
        subroutine uniform mix2 Combine;
        subroutine(channel) float full(float x) { return x; }
        subroutine(channel) float none(float x) { return 0.0; }
        subroutine(channel, scaled) float unused(float x) { return 0.5; }
        subroutine(mix2) vec4 ordered(float r, float g) { return vec4(r, g, 0.0, 1.0); }
        subroutine(mix2) vec4 swapped(float r, float g) { return vec4(g, r, 0.0, 1.0); }
        void main() { o = Combine(Red(level), Green[0](level) + Green[1](level * 0.5)); }
        """

    /// A program with the fragment shader above, current, drawing into a 4×4 framebuffer.
    func setUpProgram() -> GLuint {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, Self.fragment)])
        glUseProgram(p)
        glUniform1f(glGetUniformLocation(p, "level"), 1)
        return p
    }

    func draw() -> [UInt8] {
        var pixel = [UInt8](repeating: 0, count: 4)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func testDrawsSwitchSubroutines() {
        let p = setUpProgram()
        let index = { (name: String) in glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, name) }
        let full = index("full"), none = index("none"), ordered = index("ordered"), swapped = index("swapped")
        var count: GLint = 0
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINE_UNIFORM_LOCATIONS, &count)
        XCTAssertEqual(count, 4, "Red at 3, Green at 0 and 1, Combine at 2")
        let red = glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Red")
        let secondGreen = glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Green[1]")
        let combine = glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Combine")
        XCTAssertEqual([red, glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Green"), secondGreen, combine], [3, 0, 1, 2])
        func select(red r: GLuint, green0: GLuint, green1: GLuint, combine c: GLuint) {
            var v = [GLuint](repeating: 0, count: 4)
            v[Int(red)] = r
            v[0] = green0
            v[Int(secondGreen)] = green1
            v[Int(combine)] = c
            glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 4, v)
        }
        select(red: full, green0: none, green1: none, combine: ordered)
        XCTAssertEqual(draw(), [255, 0, 0, 255])
        select(red: none, green0: full, green1: none, combine: ordered)
        XCTAssertEqual(draw(), [0, 255, 0, 255])
        select(red: none, green0: none, green1: full, combine: swapped)
        XCTAssertEqual(draw(), [128, 0, 0, 255])
        var got: GLuint = 99
        glGetUniformSubroutineuiv(GL_FRAGMENT_SHADER, combine, &got)
        XCTAssertEqual(got, swapped)
        // glUseProgram resets the selections to defaults: each uniform's first compatible subroutine.
        glUseProgram(p)
        glGetUniformSubroutineuiv(GL_FRAGMENT_SHADER, red, &got)
        XCTAssertEqual(got, min(full, min(none, index("unused"))))
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testQueries() {
        let p = setUpProgram()
        var v: GLint = 0
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINES, &v)
        XCTAssertEqual(v, 5)
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINE_UNIFORMS, &v)
        XCTAssertEqual(v, 3)
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINE_MAX_LENGTH, &v)
        XCTAssertEqual(v, 8, "swapped, ordered")
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINE_UNIFORM_MAX_LENGTH, &v)
        XCTAssertEqual(v, 9, "Green[0]")
        glGetProgramStageiv(p, GL_VERTEX_SHADER, GL_ACTIVE_SUBROUTINES, &v)
        XCTAssertEqual(v, 0)
        var name = [GLchar](repeating: 0, count: 32)
        var length: GLsizei = 0
        glGetActiveSubroutineName(p, GL_FRAGMENT_SHADER, glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "swapped"), 32, &length, &name)
        XCTAssertEqual(String(cString: name), "swapped")
        XCTAssertEqual(glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "main"), GL_INVALID_INDEX)
        XCTAssertEqual(glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Green[2]"), -1)
        // Uniform index 1 is Green (declaration order).
        glGetActiveSubroutineUniformName(p, GL_FRAGMENT_SHADER, 1, 32, &length, &name)
        XCTAssertEqual(String(cString: name), "Green[0]")
        glGetActiveSubroutineUniformiv(p, GL_FRAGMENT_SHADER, 1, GL_UNIFORM_SIZE, &v)
        XCTAssertEqual(v, 2)
        glGetActiveSubroutineUniformiv(p, GL_FRAGMENT_SHADER, 1, GL_NUM_COMPATIBLE_SUBROUTINES, &v)
        XCTAssertEqual(v, 3)
        var compatible = [GLint](repeating: -1, count: 2)
        glGetActiveSubroutineUniformiv(p, GL_FRAGMENT_SHADER, 2, GL_COMPATIBLE_SUBROUTINES, &compatible)
        let mix2: [GLint] = ["ordered", "swapped"].map { (n: String) -> GLint in GLint(glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, n)) }
        XCTAssertEqual(compatible, mix2.sorted())
        // The lowered ints are not ordinary uniforms.
        glGetProgramiv(p, GL_ACTIVE_UNIFORMS, &v)
        XCTAssertEqual(v, 1, "only `level`")
        XCTAssertEqual(glGetUniformLocation(p, "virglgl_sub1_Red"), -1)
        var limit: GLint = 0
        glGetIntegerv(GL_MAX_SUBROUTINES, &limit)
        XCTAssertEqual(limit, 256)
        glGetIntegerv(GL_MAX_SUBROUTINE_UNIFORM_LOCATIONS, &limit)
        XCTAssertEqual(limit, 1024)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testErrors() {
        let p = setUpProgram()
        let full = glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "full"), ordered = glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "ordered")
        var values: [GLuint] = [full, full, ordered, full]
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 3, values)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "count must be GL_ACTIVE_SUBROUTINE_UNIFORM_LOCATIONS")
        values[0] = 77
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 4, values)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a subroutine index")
        values[0] = ordered
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 4, values)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not compatible with Green")
        glUniformSubroutinesuiv(GL_GEOMETRY_SHADER, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no geometry stage")
        var v: GLint = 0
        glGetActiveSubroutineUniformiv(p, GL_FRAGMENT_SHADER, 3, GL_UNIFORM_SIZE, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glGetActiveSubroutineUniformiv(p, GL_FRAGMENT_SHADER, 0, GL_UNIFORM_TYPE, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        var name = [GLchar](repeating: 0, count: 8)
        glGetActiveSubroutineName(p, GL_FRAGMENT_SHADER, 200, 8, nil, &name)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var got: GLuint = 0
        glGetUniformSubroutineuiv(GL_FRAGMENT_SHADER, 4, &got)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_UNIFORMS, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(glGetSubroutineIndex(p, GL_GEOMETRY_SHADER, "full"), GL_INVALID_INDEX)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no geometry stage")
        glGetProgramStageiv(p, GL_GEOMETRY_SHADER, GL_ACTIVE_SUBROUTINES, &v)
        XCTAssertEqual(v, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "glGetProgramStageiv answers 0 for a stage the program lacks")
        glUseProgram(0)
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 4, values)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no current program")
        glGetUniformSubroutineuiv(GL_FRAGMENT_SHADER, 0, &got)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        _ = glGetSubroutineIndex(p + 100, GL_FRAGMENT_SHADER, "full")
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a program")
    }

    /// A subroutine uniform of the same name in two stages: each stage has its own; a relink resets them.
    func testStagesAreSeparate() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let vertex = """
            #version 330 core
            #extension GL_ARB_shader_subroutine : require
            out float shade;
            subroutine float pick();
            subroutine uniform pick Pick;
            subroutine(pick) float dark() { return 0.0; }
            subroutine(pick) float bright() { return 1.0; }
            void main() {
                shade = Pick();
                gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
            }
            """
        let fragment = """
            #version 330 core
            #extension GL_ARB_shader_subroutine : require
            in float shade;
            out vec4 o;
            subroutine vec4 pick(float s);
            subroutine uniform pick Pick;
            subroutine(pick) vec4 asRed(float s) { return vec4(s, 0.0, 0.0, 1.0); }
            subroutine(pick) vec4 asBlue(float s) { return vec4(0.0, 0.0, s, 1.0); }
            void main() { o = Pick(shade); }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        glUseProgram(p)
        var bright = glGetSubroutineIndex(p, GL_VERTEX_SHADER, "bright"), blue = glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "asBlue")
        XCTAssertEqual(glGetSubroutineIndex(p, GL_VERTEX_SHADER, "asBlue"), GL_INVALID_INDEX)
        glUniformSubroutinesuiv(GL_VERTEX_SHADER, 1, &bright)
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 1, &blue)
        XCTAssertEqual(draw(), [0, 0, 255, 255])
        // A relink of the current program resets both stages: dark and asRed.
        glLinkProgram(p)
        var got: GLuint = 9
        glGetUniformSubroutineuiv(GL_VERTEX_SHADER, 0, &got)
        XCTAssertEqual(got, glGetSubroutineIndex(p, GL_VERTEX_SHADER, "dark"))
        glUniformSubroutinesuiv(GL_VERTEX_SHADER, 1, &bright)
        XCTAssertEqual(draw(), [255, 0, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// A stage of two compilation units: a subroutine uniform both declare and functions from each.
    func testSeveralUnitsOfAStage() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let header = "#version 330 core\n#extension GL_ARB_shader_subroutine : require\nsubroutine vec4 color_t();\nsubroutine uniform color_t Color;\n"
        let main = header + """
            out vec4 o;
            subroutine(color_t) vec4 red() { return vec4(1.0, 0.0, 0.0, 1.0); }
            vec4 helper();
            void main() { o = Color() + helper(); }
            """
        let library = header + """
            subroutine(color_t) vec4 green() { return vec4(0.0, 1.0, 0.0, 1.0); }
            vec4 helper() { return Color() * 0.5; }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, main), (GL_FRAGMENT_SHADER, library)])
        glUseProgram(p)
        var v: GLint = 0
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINES, &v)
        XCTAssertEqual(v, 2)
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINE_UNIFORMS, &v)
        XCTAssertEqual(v, 1)
        var green = glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "green")
        XCTAssertNotEqual(green, glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, "red"))
        XCTAssertEqual(draw(), [255, 0, 0, 255])
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 1, &green)
        XCTAssertEqual(draw(), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
