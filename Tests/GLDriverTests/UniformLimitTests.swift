import GLCore
@testable import GLDriver
import VirglProtocol
import XCTest

/// Default-block uniform limits from the host's constant buffer size (GLContext+UniformLimits.swift): a fragment
/// shader may use more than GL's minimum 4,096 components when the host takes them.
final class UniformLimitTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testLargeFragmentUniformArray() throws {
        let c = makeCurrentContext()
        var components: GLint = 0, vectors: GLint = 0
        glGetIntegerv(GL_MAX_FRAGMENT_UNIFORM_COMPONENTS, &components)
        glGetIntegerv(GL_MAX_FRAGMENT_UNIFORM_VECTORS, &vectors)
        XCTAssertEqual(vectors, components / 4)
        XCTAssertGreaterThanOrEqual(components, 4096)
        guard let host = c.host, let raw = try? host.readCaps(), case let bytes = VirglCapsV2(bytes: raw).maxConstBufferSize[1], bytes >= 16384 else {
            throw XCTSkip("the host's caps carry no constant buffer size")
        }
        XCTAssertEqual(Int(components), min(Int(bytes) / 4, 16384))
        guard components >= 4100 else { throw XCTSkip("the host takes no more than 4,096 components") }
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform vec4 arg[1025];
            uniform int i;
            out vec4 o;
            void main() { o = arg[1024] + arg[i]; }
            """)])
        glUseProgram(p)
        glUniform4f(glGetUniformLocation(p, "arg[1024]"), 0, 0, 0.5, 0)
        glUniform4f(glGetUniformLocation(p, "arg[900]"), 0, 1, 0, 1)
        glUniform1i(glGetUniformLocation(p, "i"), 900)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 128, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
