import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_shading_language_include through the entry points: named strings and their errors, and shaders whose
/// `#include`s resolve (or not) against them and glCompileShaderIncludeARB's search paths.
final class ShadingLanguageIncludeTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func named(_ name: String, _ string: String) { glNamedStringARB(GL_SHADER_INCLUDE_ARB, -1, name, -1, string) }

    func testNamedStringsAndErrors() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_shading_language_include"))
        named("/a/./b/../s.h", "abc")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glIsNamedStringARB(-1, "/a/s.h"), 1, "the name's tree location")
        XCTAssertEqual(glIsNamedStringARB(-1, "/a"), 0, "a location without a string")
        XCTAssertEqual(glIsNamedStringARB(-1, "bad//"), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "glIsNamedStringARB never errs")
        var n: GLint = 0
        glGetNamedStringivARB(-1, "/a/s.h", GL_NAMED_STRING_LENGTH_ARB, &n)
        XCTAssertEqual(n, 4)
        glGetNamedStringivARB(-1, "/a/s.h", GL_NAMED_STRING_TYPE_ARB, &n)
        XCTAssertEqual(GLenum(n), GL_SHADER_INCLUDE_ARB)
        var buffer = [GLchar](repeating: 0, count: 3)
        glGetNamedStringARB(6, "/a/s.hXYZ", 3, &n, &buffer)
        XCTAssertEqual(n, 2)
        XCTAssertEqual(String(cString: buffer), "ab", "truncated to bufSize with its NUL")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        for name in ["s.h", "/a//s.h", "/a/", "/a\"b"] {
            named(name, "x")
            XCTAssertEqual(glGetError(), GL_INVALID_VALUE, name)
        }
        glNamedStringARB(GL_SHADER_INCLUDE_ARB, -1, "/x", -1, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "NULL string")
        glNamedStringARB(GL_FRAGMENT_SHADER, -1, "/x", -1, "x")
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetNamedStringivARB(-1, "/a/s.h", GL_SHADER_TYPE, &n)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetNamedStringivARB(-1, "/nothing", GL_NAMED_STRING_LENGTH_ARB, &n)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glGetNamedStringARB(-1, "/nothing", 3, &n, &buffer)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glDeleteNamedStringARB(-1, "/a/s.h")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glIsNamedStringARB(-1, "/a/s.h"), 0)
        glDeleteNamedStringARB(-1, "/a/s.h")
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "nothing left to delete")
        glDeleteNamedStringARB(-1, "rel")
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testIncludedShaderRendersAndMissingIncludeFails() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        named("/lib/colour.h", "vec4 colour() { return vec4(0.0, 1.0, 0.0, 1.0); }")
        named("/wrong/colour.h", "vec4 colour() { return vec4(1.0, 0.0, 0.0, 1.0); }")
        let source = "#version 330 core\n#extension GL_ARB_shading_language_include : require\n#include <colour.h>\nout vec4 o;\nvoid main() { o = colour(); }\n"

        // Without search paths a relative path finds nothing: the compile fails with a log.
        let plain = compileShader(GL_FRAGMENT_SHADER, source)
        var ok: GLint = -1
        glGetShaderiv(plain, GL_COMPILE_STATUS, &ok)
        XCTAssertEqual(ok, 0)
        glGetShaderiv(plain, GL_INFO_LOG_LENGTH, &ok)
        XCTAssertGreaterThan(ok, 1)

        let fs = glCreateShader(GL_FRAGMENT_SHADER)
        source.withCString { p in
            var ptr: UnsafePointer<GLchar>? = p
            glShaderSource(fs, 1, &ptr, nil)
        }
        var bad: [UnsafePointer<GLchar>?] = [nil]
        glCompileShaderIncludeARB(fs, 1, &bad, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a NULL search path")
        "lib".withCString { p in
            var paths: [UnsafePointer<GLchar>?] = [p]
            glCompileShaderIncludeARB(fs, 1, &paths, nil)
        }
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "search paths begin with '/'")
        "/lib/".withCString { a in
            "/wrong/".withCString { b in
                var paths: [UnsafePointer<GLchar>?] = [a, b]
                glCompileShaderIncludeARB(fs, 2, &paths, nil)
            }
        }
        glGetShaderiv(fs, GL_COMPILE_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        // Named strings changed after the compile do not change the compiled shader.
        named("/lib/colour.h", "this is not GLSL")
        let vs = compileShader(GL_VERTEX_SHADER, fullViewportTriangleVS)
        let p = glCreateProgram()
        glAttachShader(p, vs)
        glAttachShader(p, fs)
        glLinkProgram(p)
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 0, 255], "the first search point's colour.h")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
