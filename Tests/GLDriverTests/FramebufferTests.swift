import GLCore
@testable import GLDriver
import XCTest

/// Renderbuffers, framebuffer completeness, clears and readback through the entry points, on in-process
/// virglrenderer.
final class FramebufferTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 4, minor: 6, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A framebuffer with an RGBA8 colour renderbuffer (and a depth-stencil one when asked), bound.
    @discardableResult
    func makeFramebuffer(_ w: GLsizei, _ h: GLsizei, depthStencil: Bool = false) -> GLuint {
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        if depthStencil {
            var ds: GLuint = 0
            glGenRenderbuffers(1, &ds)
            glBindRenderbuffer(GL_RENDERBUFFER, ds)
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, w, h)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, ds)
        }
        return fbo
    }

    func read(_ w: Int, _ h: Int) -> [UInt8] {
        var px = [UInt8](repeating: 9, count: w * h * 4)
        glReadPixels(0, 0, GLsizei(w), GLsizei(h), GL_RGBA, GL_UNSIGNED_BYTE, &px)
        return px
    }

    func testCompleteness() {
        var fbo: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT)
        var rb: GLuint = 0
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT, "no storage yet")
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, 8, 8)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT, "depth format on a colour point")
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 8, 8)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glBindFramebuffer(GL_FRAMEBUFFER, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_UNDEFINED, "no default framebuffer")
        XCTAssertEqual(glCheckFramebufferStatus(GL_TEXTURE_2D), 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }

    func testClearAndReadPixelsEveryPixel() {
        makeFramebuffer(16, 8, depthStencil: true)
        glClearColor(0.2, 0.4, 0.6, 1)
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let px = read(16, 8)
        for i in stride(from: 0, to: px.count, by: 4) { XCTAssertEqual(Array(px[i..<i + 4]), [51, 102, 153, 255], "pixel \(i / 4)") }
    }

    func testClearBufferClearsOneDrawBuffer() {
        makeFramebuffer(4, 4)
        let color: [GLfloat] = [0, 1, 0, 1]
        glClearBufferfv(GL_COLOR, 0, color)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Array(read(4, 4)[0..<4]), [0, 255, 0, 255])
        glClearBufferfv(GL_STENCIL, 0, color)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glClearBufferfv(GL_COLOR, 9, color)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testScissoredClearTouchesOnlyTheBox() {
        makeFramebuffer(8, 8)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glEnable(GL_SCISSOR_TEST)
        glScissor(2, 3, 4, 2)
        glClearColor(1, 1, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let px = read(8, 8)
        for y in 0..<8 {
            for x in 0..<8 {
                let inside = (2..<6).contains(x) && (3..<5).contains(y)
                XCTAssertEqual(px[(y * 8 + x) * 4], inside ? 255 : 0, "(\(x), \(y))")
            }
        }
    }

    func testReadPixelsHonoursPackStateAndClipsToTheFramebuffer() {
        makeFramebuffer(4, 4)
        glClearColor(1, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        // A 3×2 read at (3, 3): only (3,3) is inside; rows padded to 8-byte alignment (12 → 16 bytes).
        glPixelStorei(GL_PACK_ALIGNMENT, 8)
        var px = [UInt8](repeating: 7, count: 32)
        glReadPixels(3, 3, 3, 2, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Array(px[0..<4]), [255, 0, 0, 255])
        XCTAssertEqual(Array(px[4..<32]), [UInt8](repeating: 7, count: 28), "outside the framebuffer: untouched")
    }

    func testErrors() {
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION, "nothing to clear")
        var px = [UInt8](repeating: 0, count: 16)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION, "nothing to read")
        makeFramebuffer(4, 4)
        glReadPixels(0, 0, -1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glReadPixels(0, 0, 1, 1, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "integer read from a normalized buffer")
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 1 << 20, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "over GL_MAX_RENDERBUFFER_SIZE")
        glRenderbufferStorage(GL_RENDERBUFFER, GL_COMPRESSED_RGBA, 4, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBindFramebuffer(GL_FRAMEBUFFER, 999)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + 9, GL_RENDERBUFFER, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "colour attachment past the maximum")
    }

    /// Cheap invariant: a repeated clear re-emits no framebuffer state, only the CLEAR (9 dwords).
    func testRepeatedClearsEmitOnlyTheClear() {
        makeFramebuffer(4, 4)
        glClear(GL_COLOR_BUFFER_BIT)
        glFlush()
        let before = context.submittedDwords
        for _ in 0..<10 { glClear(GL_COLOR_BUFFER_BIT) }
        glFlush()
        XCTAssertEqual(context.submittedDwords - before, 10 * 9)
    }

    /// Depth blits: the depth a later draw tests against comes from the other framebuffer; a framebuffer without
    /// a depth buffer makes the depth bit a no-op (GL 4.6 §18.3.1), and differing formats are an error.
    func testDepthBlit() {
        _ = makeCurrentContext()
        func framebuffer(depthFormat: GLenum?) -> GLuint {
            var fbo: GLuint = 0, rbs: [GLuint] = [0, 0]
            glGenFramebuffers(1, &fbo)
            glBindFramebuffer(GL_FRAMEBUFFER, fbo)
            glGenRenderbuffers(2, &rbs)
            glBindRenderbuffer(GL_RENDERBUFFER, rbs[0])
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rbs[0])
            if let depthFormat {
                glBindRenderbuffer(GL_RENDERBUFFER, rbs[1])
                glRenderbufferStorage(GL_RENDERBUFFER, depthFormat, 4, 4)
                glFramebufferRenderbuffer(GL_FRAMEBUFFER, depthFormat == GL_DEPTH24_STENCIL8 ? GL_DEPTH_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, rbs[1])
            }
            return fbo
        }
        let a = framebuffer(depthFormat: GL_DEPTH24_STENCIL8), b = framebuffer(depthFormat: GL_DEPTH24_STENCIL8)
        let none = framebuffer(depthFormat: nil), other = framebuffer(depthFormat: GL_DEPTH_COMPONENT16)
        glViewport(0, 0, 4, 4)
        glBindFramebuffer(GL_FRAMEBUFFER, a)
        glClearDepth(0.25)
        glClear(GL_DEPTH_BUFFER_BIT)
        glBindFramebuffer(GL_FRAMEBUFFER, b)
        glClearDepth(1)
        glClearColor(0, 0, 0, 0)
        glClear(GL_DEPTH_BUFFER_BIT | GL_COLOR_BUFFER_BIT)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, none)
        glBlitFramebuffer(0, 0, 4, 4, 0, 0, 4, 4, GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "no depth buffer to read: the bits are left out")
        glBindFramebuffer(GL_READ_FRAMEBUFFER, other)
        glBlitFramebuffer(0, 0, 4, 4, 0, 0, 4, 4, GL_DEPTH_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "GL_DEPTH_COMPONENT16 into GL_DEPTH24_STENCIL8")
        glBindFramebuffer(GL_READ_FRAMEBUFFER, a)
        glBlitFramebuffer(0, 0, 2, 4, 0, 0, 2, 4, GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // A triangle at depth 0.5 over the whole of b: hidden where the blit brought 0.25 (the left half).
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            out vec4 o;
            void main() { o = vec4(0.0, 1.0, 0.0, 1.0); }
            """)]))
        glEnable(GL_DEPTH_TEST)
        glDepthFunc(GL_LESS)
        glBindFramebuffer(GL_FRAMEBUFFER, b)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var left = [UInt8](repeating: 0, count: 4), right = left
        glReadPixels(0, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &left)
        glReadPixels(3, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &right)
        XCTAssertEqual(left, [0, 0, 0, 0])
        XCTAssertEqual(right, [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
