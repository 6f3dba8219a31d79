import GLCore
@testable import GLDriver
import XCTest

/// glProvokingVertex (GL 3.2, GL_ARB_provoking_vertex, GL_EXT_provoking_vertex's glProvokingVertexEXT): which
/// vertex a flat output comes from.
final class ProvokingVertexTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testFlatColourFollowsTheConvention() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_EXT_provoking_vertex") && c.extensions.contains("GL_ARB_provoking_vertex"))
        XCTAssertNotNil("glProvokingVertexEXT".withCString { virglglGetProcAddress($0) })
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        // One triangle covering the viewport; vertex k's flat colour is red, green, blue.
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS.replacingOccurrences(of: "void main() {", with: """
            flat out vec4 colour;
            void main() {
                colour = vec4(gl_VertexID == 0 ? 1.0 : 0.0, gl_VertexID == 1 ? 1.0 : 0.0, gl_VertexID == 2 ? 1.0 : 0.0, 1.0);
            """)), (GL_FRAGMENT_SHADER, "#version 330 core\nflat in vec4 colour;\nout vec4 o;\nvoid main() { o = colour; }\n")])
        glUseProgram(p)
        func draw() -> [UInt8] {
            glDrawArrays(GL_TRIANGLES, 0, 3)
            var pixel = [UInt8](repeating: 0, count: 4)
            glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
            return pixel
        }
        var mode: GLint = 0
        glGetIntegerv(GL_PROVOKING_VERTEX, &mode)
        XCTAssertEqual(GLenum(mode), GL_LAST_VERTEX_CONVENTION)
        XCTAssertEqual(draw(), [0, 0, 255, 255], "the last vertex's by default")
        glProvokingVertex(GL_FIRST_VERTEX_CONVENTION)
        glGetIntegerv(GL_PROVOKING_VERTEX, &mode)
        XCTAssertEqual(GLenum(mode), GL_FIRST_VERTEX_CONVENTION)
        XCTAssertEqual(draw(), [255, 0, 0, 255])
        glProvokingVertex(GL_TRIANGLES)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        var quads: GLboolean = 1
        glGetBooleanv(GL_QUADS_FOLLOW_PROVOKING_VERTEX_CONVENTION, &quads)
        XCTAssertEqual(quads, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
