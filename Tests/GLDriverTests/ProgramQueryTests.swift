import GLCore
@testable import GLDriver
import XCTest

/// Program reflection a GL 2.0 program relies on: glGetActiveAttrib and glGetUniform*v.
final class ProgramQueryTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func linked(_ vertex: String, _ fragment: String) -> GLuint {
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, vertex))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, fragment))
        glBindAttribLocation(p, 3, "weights")
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        return p
    }

    func testActiveAttributes() {
        _ = makeCurrentContext()
        let p = linked("""
            #version 330 core
            layout(location = 0) in vec4 position;
            in vec2 weights[2];
            void main() { gl_Position = position + vec4(weights[0], weights[1]); }
            """, "#version 330 core\nout vec4 o;\nvoid main() { o = vec4(1.0); }\n")
        var count: GLint = 0, longest: GLint = 0
        glGetProgramiv(p, GL_ACTIVE_ATTRIBUTES, &count)
        glGetProgramiv(p, GL_ACTIVE_ATTRIBUTE_MAX_LENGTH, &longest)
        XCTAssertEqual(count, 2)
        XCTAssertEqual(longest, GLint("position".utf8.count + 1))
        var name = [GLchar](repeating: 0, count: 32)
        var length: GLsizei = 0, size: GLint = 0, type: GLenum = 0
        glGetActiveAttrib(p, 1, 32, &length, &size, &type, &name)
        XCTAssertEqual(String(cString: name), "weights")
        XCTAssertEqual(size, 2)
        XCTAssertEqual(type, GL_FLOAT_VEC2)
        glGetActiveAttrib(p, 2, 32, &length, &size, &type, &name)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testUniformValuesReadBack() {
        _ = makeCurrentContext()
        let p = linked("#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n", """
            #version 330 core
            uniform vec3 v;
            uniform int i;
            uniform mat2 m;
            uniform bool b;
            uniform sampler2D s;
            out vec4 o;
            void main() { o = vec4(v, float(i)) + vec4(m[0], m[1]) + texture(s, vec2(0.0)) * float(b); }
            """)
        glUseProgram(p)
        glUniform3f(glGetUniformLocation(p, "v"), 1, 2, 3)
        glUniform1i(glGetUniformLocation(p, "i"), -4)
        let m: [GLfloat] = [1, 2, 3, 4]
        glUniformMatrix2fv(glGetUniformLocation(p, "m"), 1, GLboolean(GL_FALSE), m)
        glUniform1i(glGetUniformLocation(p, "b"), 7)
        glUniform1i(glGetUniformLocation(p, "s"), 5)
        var f = [GLfloat](repeating: 0, count: 4)
        glGetUniformfv(p, glGetUniformLocation(p, "v"), &f)
        XCTAssertEqual(Array(f[0..<3]), [1, 2, 3])
        glGetUniformfv(p, glGetUniformLocation(p, "m"), &f)
        XCTAssertEqual(f, m)
        var n = [GLint](repeating: 0, count: 4)
        glGetUniformiv(p, glGetUniformLocation(p, "i"), &n)
        XCTAssertEqual(n[0], -4)
        glGetUniformiv(p, glGetUniformLocation(p, "b"), &n)
        XCTAssertEqual(n[0], 1)
        glGetUniformiv(p, glGetUniformLocation(p, "s"), &n)
        XCTAssertEqual(n[0], 5)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glGetUniformfv(p, 99, &f)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }
}
