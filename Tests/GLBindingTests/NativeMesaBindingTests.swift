import GLBinding
import GLCore
import GLOracle
import XCTest

/// The generated binding against a real driver: native Mesa llvmpipe through EGL surfaceless.
final class NativeMesaBindingTests: XCTestCase {
    func testBindingLoadsMesaAndClearsAndReadsBack() throws {
        let native = try NativeMesaContext(major: 4, minor: 5)
        let gl = native.gl
        // Mesa's eglGetProcAddress answers for every GL 4.6 name (it hands out stubs for all it knows).
        XCTAssertGreaterThan(gl.loaded.count, 1000)
        let version = try XCTUnwrap(gl.glGetString(GL_VERSION).map { String(cString: $0) })
        XCTAssertTrue(version.hasPrefix("4.5"), version)
        let renderer = gl.glGetString(GL_RENDERER).map { String(cString: $0) } ?? ""
        XCTAssertTrue(renderer.contains("llvmpipe"), renderer)

        let w: GLsizei = 16, h: GLsizei = 8
        var fbo: GLuint = 0, rb: GLuint = 0
        gl.glGenFramebuffers(1, &fbo)
        gl.glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        gl.glGenRenderbuffers(1, &rb)
        gl.glBindRenderbuffer(GL_RENDERBUFFER, rb)
        gl.glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h)
        gl.glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        XCTAssertEqual(gl.glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        gl.glViewport(0, 0, w, h)
        gl.glClearColor(1, 0.5, 0, 1)
        gl.glClear(GL_COLOR_BUFFER_BIT)
        var pixels = [UInt8](repeating: 7, count: Int(w * h) * 4)
        gl.glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        XCTAssertEqual(gl.glGetError(), GL_NO_ERROR)
        for i in stride(from: 0, to: pixels.count, by: 4) {
            XCTAssertEqual(Array(pixels[i..<i + 4]), [255, 128, 0, 255], "pixel \(i / 4)")
        }
        // The binding reports a bad enum from the real driver the same way ours does.
        gl.glEnable(0xDEAD)
        XCTAssertEqual(gl.glGetError(), GL_INVALID_ENUM)
        gl.glDeleteRenderbuffers(1, &rb)
        gl.glDeleteFramebuffers(1, &fbo)
    }
}
