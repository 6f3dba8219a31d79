import GLCore
@testable import GLDriver
import XCTest

/// Program binaries in VirglGL's format (GL_ARB_get_program_binary): a round trip relinks the program with its
/// uniforms at their initial values; a corrupted or truncated blob leaves it unlinked, without a GL error.
final class ProgramBinaryTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    let fragment = "#version 330 core\nuniform vec4 colour = vec4(0.0, 1.0, 0.0, 1.0);\nout vec4 o;\nvoid main() { o = colour; }\n"

    func draw() -> [UInt8] {
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func binary(_ p: GLuint) -> (GLenum, [UInt8]) {
        var length: GLint = 0
        glGetProgramiv(p, GL_PROGRAM_BINARY_LENGTH, &length)
        var bytes = [UInt8](repeating: 0, count: Int(length))
        var written: GLsizei = 0, format: GLenum = 0
        glGetProgramBinary(p, length, &written, &format, &bytes)
        XCTAssertEqual(written, length)
        return (format, bytes)
    }

    func testRoundTripRestoresInitialUniforms() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
        glUseProgram(p)
        let colour = glGetUniformLocation(p, "colour")
        glUniform4f(colour, 1, 0, 1, 1)
        XCTAssertEqual(draw(), [255, 0, 255, 255])
        let (format, bytes) = binary(p)
        XCTAssertEqual(format, GLProgramBinaryFormat.format)

        // Into the same program (in use) and into a new one with no shaders.
        glProgramBinary(p, format, bytes, GLsizei(bytes.count))
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        XCTAssertEqual(draw(), [0, 255, 0, 255], "uniforms start at their initial values")
        let q = glCreateProgram()
        glProgramBinary(q, format, bytes, GLsizei(bytes.count))
        glGetProgramiv(q, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        glGetProgramiv(q, GL_ATTACHED_SHADERS, &ok)
        XCTAssertEqual(ok, 0, "loading a binary attaches nothing")
        glUseProgram(q)
        glUniform4f(glGetUniformLocation(q, "colour"), 0, 0, 1, 1)
        XCTAssertEqual(draw(), [0, 0, 255, 255])
        XCTAssertEqual(binary(q).1, bytes, "the loaded program gives the same binary")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testCorruptBlobsFailCleanly() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
        let (format, bytes) = binary(p)
        var flipped = bytes
        flipped[bytes.count - 3] ^= 0x20
        var header = bytes
        header[1] = 0
        for (why, blob) in [("a flipped payload byte", flipped), ("a bad magic", header), ("truncated", Array(bytes.prefix(bytes.count / 2))),
                            ("too short for a header", Array(bytes.prefix(10))), ("padded", bytes + [0])] {
            let q = glCreateProgram()
            glProgramBinary(q, format, blob, GLsizei(blob.count))
            XCTAssertEqual(glGetError(), GL_NO_ERROR, why)
            var ok: GLint = -1
            glGetProgramiv(q, GL_LINK_STATUS, &ok)
            XCTAssertEqual(ok, 0, why)
            glGetProgramiv(q, GL_INFO_LOG_LENGTH, &ok)
            XCTAssertGreaterThan(ok, 1, why)
            glGetProgramiv(q, GL_PROGRAM_BINARY_LENGTH, &ok)
            XCTAssertEqual(ok, 0, why)
        }
        // A well-formed blob whose sources do not link: unlinked, too.
        let broken = GLProgramBinaryFormat.encode(GLProgramBinaryImage(
            shaders: [.init(type: GL_FRAGMENT_SHADER, source: "#version 330 core\nvoid main() { nonsense; }\n")],
            attributeBindings: [:], fragDataBindings: [:], fragDataIndexBindings: [:], transformFeedbackVaryings: [],
            transformFeedbackSeparate: false, separable: false))
        glProgramBinary(p, format, broken, GLsizei(broken.count))
        var ok: GLint = -1
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
