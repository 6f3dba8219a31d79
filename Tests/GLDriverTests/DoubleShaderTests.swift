import GLCore
@testable import GLDriver
import XCTest

/// Doubles in shaders (ARB_gpu_shader_fp64): double uniforms set and read back as doubles, arithmetic that a
/// float could not hold, built-in functions, conversions and a double varying, each checked through a drawn pixel
/// (green when the shader's own comparison holds).
final class DoubleShaderTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertexShader = """
        #version 330 core
        #extension GL_ARB_gpu_shader_fp64 : require
        uniform double scale;
        flat out dvec3 passed;
        void main() {
            gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
            passed = dvec3(1.0LF, 2.0LF, 3.0LF) * scale;
        }
        """

    /// A linked program of the full-viewport triangle and `fragment`.
    func program(_ fragment: String) -> GLuint {
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, Self.vertexShader))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, fragment))
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        glUseProgram(p)
        return p
    }

    func drawnPixel() -> [UInt8] {
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    static let green: [UInt8] = [0, 255, 0, 255]

    func testExtensionIsListed() {
        var n: GLint = 0
        glGetIntegerv(GL_NUM_EXTENSIONS, &n)
        let names = (0..<GLuint(n)).compactMap { glGetStringi(GL_EXTENSIONS, $0).map { String(cString: $0) } }
        XCTAssertTrue(names.contains("GL_ARB_gpu_shader_fp64"))
    }

    func testUniformsKeepDoublePrecision() {
        // 1 + 2⁻⁴⁰ is not a float: the difference survives only in double arithmetic.
        let p = program("""
            #version 330 core
            #extension GL_ARB_gpu_shader_fp64 : require
            uniform double a;
            uniform dvec3 b;
            uniform dmat2 m;
            flat in dvec3 passed;
            out vec4 color;
            void main() {
                double d = (a - 1.0LF) * 1099511627776.0LF;
                dvec2 mv = m * dvec2(1.0LF, 2.0LF);
                bool ok = d == 1.0LF && b.z == 0.1LF && mv == dvec2(7.0LF, 10.0LF) && passed == dvec3(0.5LF, 1.0LF, 1.5LF);
                color = ok ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
            }
            """)
        glUniform1d(glGetUniformLocation(p, "a"), 1 + 0x1p-40)
        glUniform3d(glGetUniformLocation(p, "b"), 0.5, 0.25, 0.1)
        let matrix: [GLdouble] = [1, 2, 3, 4]
        glUniformMatrix2dv(glGetUniformLocation(p, "m"), 1, 0, matrix)
        glUniform1d(glGetUniformLocation(p, "scale"), 0.5)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var back = [GLdouble](repeating: 0, count: 4)
        glGetUniformdv(p, glGetUniformLocation(p, "a"), &back)
        XCTAssertEqual(back[0], 1 + 0x1p-40)
        glGetUniformdv(p, glGetUniformLocation(p, "b"), &back)
        XCTAssertEqual(Array(back[0..<3]), [0.5, 0.25, 0.1])
        glGetUniformdv(p, glGetUniformLocation(p, "m"), &back)
        XCTAssertEqual(back, matrix)
        var size: GLint = 0, type: GLenum = 0, length: GLsizei = 0
        var name = [GLchar](repeating: 0, count: 32)
        for k in 0..<4 {
            glGetActiveUniform(p, GLuint(k), 32, &length, &size, &type, &name)
            switch String(cString: name) {
            case "b": XCTAssertEqual(type, GL_DOUBLE_VEC3)
            case "m": XCTAssertEqual(type, GL_DOUBLE_MAT2)
            default: XCTAssertEqual(type, GL_DOUBLE)
            }
        }
        XCTAssertEqual(drawnPixel(), Self.green)
        // A float setter on a double uniform is an error.
        glUniform1f(glGetUniformLocation(p, "a"), 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testBuiltInsAndConversions() {
        let p = program("""
            #version 330 core
            #extension GL_ARB_gpu_shader_fp64 : require
            uniform dvec4 x;
            out vec4 color;
            void main() {
                bool ok = floor(x) == dvec4(-3.0LF, 2.0LF, 0.0LF, 1.0LF)
                    && ceil(x) == dvec4(-2.0LF, 3.0LF, 0.0LF, 2.0LF)
                    && trunc(x) == dvec4(-2.0LF, 2.0LF, 0.0LF, 1.0LF)
                    && roundEven(dvec2(2.5LF, 3.5LF)) == dvec2(2.0LF, 4.0LF)
                    && abs(length(dvec2(3.0LF, 4.0LF)) - 5.0LF) < 1e-12LF
                    && abs(sqrt(2.0LF) * sqrt(2.0LF) - 2.0LF) < 1e-14LF
                    && sign(x) == dvec4(-1.0LF, 1.0LF, 0.0LF, 1.0LF)
                    && int(x.x) == -2 && uint(x.y) == 2u && float(x.w) == 1.5
                    && double(3) == 3.0LF && abs(mod(7.5LF, 2.0LF) - 1.5LF) < 1e-15LF
                    && determinant(dmat2(2.0LF, 1.0LF, 1.0LF, 3.0LF)) == 5.0LF
                    && clamp(x, -1.0LF, 1.0LF) == dvec4(-1.0LF, 1.0LF, 0.0LF, 1.0LF)
                    && unpackDouble2x32(packDouble2x32(uvec2(5u, 7u))) == uvec2(5u, 7u);
                color = ok ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);
            }
            """)
        glUniform4d(glGetUniformLocation(p, "x"), -2.5, 2.25, 0, 1.5)
        XCTAssertEqual(drawnPixel(), Self.green)
    }
    /// ARB_vertex_attrib_64bit: a dvec3 array (two inputs of one location) and a dvec4 current value arrive with
    /// every bit; glGetVertexAttribLdv reads the current value back.
    func testDoubleVertexAttributes() {
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, """
            #version 330 core
            #extension GL_ARB_gpu_shader_fp64 : require
            #extension GL_ARB_vertex_attrib_64bit : require
            layout(location = 0) in vec2 position;
            layout(location = 1) in dvec3 value;
            layout(location = 2) in dvec4 constant;
            flat out int ok;
            void main() {
                gl_Position = vec4(position, 0.0, 1.0);
                ok = value == dvec3(1.0LF + 1.0LF / 1099511627776.0LF, -2.5LF, 3.0LF) && constant == dvec4(0.1LF, 0.2LF, 0.3LF, 0.4LF) ? 1 : 0;
            }
            """))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, """
            #version 330 core
            flat in int ok;
            out vec4 color;
            void main() { color = ok == 1 ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0); }
            """))
        glLinkProgram(p)
        var linked: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &linked)
        XCTAssertEqual(linked, 1)
        glUseProgram(p)
        let positions: [GLfloat] = [-1, -1, 3, -1, -1, 3]
        let values = [GLdouble](repeating: 0, count: 9).enumerated().map { [1 + 0x1p-40, -2.5, 3][$0.offset % 3] }
        var buffers: [GLuint] = [0, 0]
        glGenBuffers(2, &buffers)
        glBindBuffer(GL_ARRAY_BUFFER, buffers[0])
        glBufferData(GL_ARRAY_BUFFER, positions.count * 4, positions, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 0, nil)
        glEnableVertexAttribArray(0)
        glBindBuffer(GL_ARRAY_BUFFER, buffers[1])
        glBufferData(GL_ARRAY_BUFFER, values.count * 8, values, GL_STATIC_DRAW)
        glVertexAttribLPointer(1, 3, GL_DOUBLE, 0, nil)
        glEnableVertexAttribArray(1)
        glVertexAttribL4d(2, 0.1, 0.2, 0.3, 0.4)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var current = [GLdouble](repeating: 0, count: 4)
        glGetVertexAttribLdv(2, GL_CURRENT_VERTEX_ATTRIB, &current)
        XCTAssertEqual(current, [0.1, 0.2, 0.3, 0.4])
        XCTAssertEqual(drawnPixel(), Self.green)
        // Only GL_DOUBLE is an L type.
        glVertexAttribLPointer(1, 3, GL_FLOAT, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }
}
