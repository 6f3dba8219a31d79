import GLCore
@testable import GLDriver
import XCTest

/// gl_FragDepth replaces the fragment's depth (a POSITION output's z in TGSI): a later draw at depth 0.5 passes
/// GL_LEQUAL only where the depth written was not nearer.
final class FragmentDepthTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func program(_ fragment: String) -> GLuint {
        linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
    }

    func drawn(writtenDepth: String) -> [UInt8] {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var depth: GLuint = 0
        glGenRenderbuffers(1, &depth)
        glBindRenderbuffer(GL_RENDERBUFFER, depth)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glEnable(GL_DEPTH_TEST)
        glDepthFunc(GL_LEQUAL)
        glClearColor(0, 0, 0, 1)
        glClearDepth(1)
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)
        glUseProgram(program("#version 330 core\nout vec4 c;\nvoid main() { c = vec4(0.0, 1.0, 0.0, 1.0); gl_FragDepth = \(writtenDepth); }\n"))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glUseProgram(program("#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 0.0, 1.0); }\n"))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func testNearerDepthHidesTheLaterDraw() {
        XCTAssertEqual(drawn(writtenDepth: "0.25"), [0, 255, 0, 255])
    }

    func testFartherDepthLetsTheLaterDrawThrough() {
        XCTAssertEqual(drawn(writtenDepth: "0.75"), [255, 0, 0, 255])
    }
}
