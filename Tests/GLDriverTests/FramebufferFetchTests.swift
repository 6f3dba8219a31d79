import GLCore
@testable import GLDriver
import XCTest

/// GL_EXT_shader_framebuffer_fetch(_non_coherent): fragment shaders that read the colour they overwrite, through
/// `inout` outputs (desktop GLSL, GLSL ES 3.00) and GLSL ES 1.00's gl_LastFragData; their TGSI FBFETCH; the
/// extension strings and glFramebufferFetchBarrierEXT.
final class FramebufferFetchTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// Clears colour buffer 0 to `clear`, draws the full-viewport triangle `times` times with `fragment` and
    /// returns the centre pixel.
    func drawn(_ fragment: String, clear: [GLfloat], times: Int) -> [UInt8] {
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
        glClearColor(clear[0], clear[1], clear[2], clear[3])
        glClear(GL_COLOR_BUFFER_BIT)
        glUseProgram(p)
        for _ in 0..<times {
            glFramebufferFetchBarrierEXT()
            glDrawArrays(GL_TRIANGLES, 0, 3)
        }
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return pixel
    }

    /// The host's caps are read when it connects.
    func skipWithoutHostFetch(_ context: GLContext) throws {
        _ = context.host
        try XCTSkipUnless(context.hostFramebufferFetch, "the host has no VIRGL_CAP_TGSI_FBFETCH")
    }

    func assertClose(_ a: [UInt8], _ b: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= 1 }, "\(a) is not \(b)", file: file, line: line)
    }

    /// Channels move each draw (b → r, r → g, g/2 → b), which only a read of the framebuffer gives.
    static let inoutShader = """
        #version 330 core
        #extension GL_EXT_shader_framebuffer_fetch : require
        inout vec4 color;
        void main() { color = vec4(color.b, color.r, color.g * 0.5, 1.0); }
        """

    func testInoutOutputReadsTheFramebuffer() throws {
        let context = makeCurrentContext()
        try skipWithoutHostFetch(context)
        XCTAssertTrue(context.extensions.contains("GL_EXT_shader_framebuffer_fetch"))
        XCTAssertTrue(context.extensions.contains("GL_EXT_shader_framebuffer_fetch_non_coherent"))
        // (0, 1, 0.8) → (0.8, 0, 0.5) → (0.5, 0.8, 0).
        assertClose(drawn(Self.inoutShader, clear: [0, 1, 0.8, 1], times: 1), [204, 0, 128, 255])
        assertClose(drawn(Self.inoutShader, clear: [0, 1, 0.8, 1], times: 2), [128, 204, 0, 255])
    }

    func testNonCoherentLayoutAndBarrier() throws {
        let context = makeCurrentContext()
        try skipWithoutHostFetch(context)
        let shader = """
            #version 330 core
            #extension GL_EXT_shader_framebuffer_fetch_non_coherent : require
            layout(noncoherent) inout vec4 color;
            void main() { color += vec4(0.25, 0.0, 0.0, 0.0); }
            """
        assertClose(drawn(shader, clear: [0, 0.5, 0, 1], times: 3), [191, 128, 0, 255])
    }

    /// GLSL ES 1.00 (compiled by a desktop context, as GL_ARB_ES2_compatibility allows): gl_LastFragData,
    /// redeclared with a precision.
    func testLastFragData() throws {
        let context = makeCurrentContext()
        try skipWithoutHostFetch(context)
        let shader = """
            #version 100
            #extension GL_EXT_shader_framebuffer_fetch : require
            mediump vec4 gl_LastFragData[gl_MaxDrawBuffers];
            void main() { gl_FragData[0] = gl_LastFragData[0].gbra; }
            """
        assertClose(drawn(shader, clear: [1, 0.5, 0, 1], times: 1), [128, 0, 255, 255])
    }
}
