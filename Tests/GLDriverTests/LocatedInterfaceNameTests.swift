import GLCore
@testable import GLDriver
import XCTest

/// Varyings with explicit locations match by location, not by name (GL 4.6 §7.4.1): a fragment input block named
/// as a vertex output block but at another location is a different interface, the program links, and each input
/// reads the output at its own location (glslang alone refuses the link; GLSLLocatedInterfaceNames).
final class LocatedInterfaceNameTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertexSource = """
        #version 150
        #extension GL_ARB_separate_shader_objects : require
        layout(location = 0) out block { vec4 a; } name;
        layout(location = 2) out block2 { vec4 a; } name2;
        void main() {
            gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
            name.a = vec4(0.0, 1.0, 1.0, 1.0);
            name2.a = vec4(1.0, 0.0, 0.0, 1.0);
        }
        """

    /// `block` at location 2 reads the vertex stage's `block2`; `block2` at location 0 reads its `block`.
    static let fragmentSource = """
        #version 150
        #extension GL_ARB_separate_shader_objects : require
        layout(location = 2) in block { vec4 a; } name;
        layout(location = 0) in block2 { vec4 a; } name2;
        out vec4 color;
        void main() { color = vec4(name.a.rgb, 1.0) + vec4(0.0, 0.0, name2.a.b * 0.5, 0.0); }
        """

    func testSameNamedBlocksAtDifferentLocationsMatchByLocation() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, Self.vertexSource), (GL_FRAGMENT_SHADER, Self.fragmentSource)])
        glUseProgram(p)
        glClearColor(0, 0, 0, 0)
        glClear(GLbitfield(GL_COLOR_BUFFER_BIT))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        // red from location 2 (the vertex stage's block2), half blue from location 0 (its block).
        XCTAssertEqual(pixel[0], 255)
        XCTAssertEqual(pixel[1], 0)
        XCTAssertEqual(Int(pixel[2]), 128, accuracy: 1)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))

        // The program's interfaces are those of its first and last stages, under their own names.
        func names(_ interface: GLenum) -> [String] {
            var count: GLint = 0
            glGetProgramInterfaceiv(p, interface, GL_ACTIVE_RESOURCES, &count)
            return (0..<GLuint(max(count, 0))).map { index -> String in
                var buffer = [GLchar](repeating: 0, count: 64)
                glGetProgramResourceName(p, interface, index, 64, nil, &buffer)
                return String(cString: buffer)
            }
        }
        XCTAssertEqual(names(GL_PROGRAM_INPUT), ["gl_VertexID"])
        XCTAssertEqual(names(GL_PROGRAM_OUTPUT), ["color"])
    }
}
