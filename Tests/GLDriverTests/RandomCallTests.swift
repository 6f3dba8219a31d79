import GLCore
@testable import GLDriver
import XCTest

/// Bad input never crashes: thousands of GL calls with random (often invalid) arguments, from a fixed seed, on
/// a live in-process host. Every call must return, every error must be a GL error code, and the context must
/// still render afterwards.
final class RandomCallTests: XCTestCase {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    func testRandomCallsNeverCrash() {
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core))
        GLContext.makeCurrent(context)
        defer { GLContext.makeCurrent(nil) }
        var r = SplitMix(state: 2026)
        let enums: [GLenum] = [
            0, 0xDEAD, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_ARRAY_BUFFER, GL_ELEMENT_ARRAY_BUFFER,
            GL_UNIFORM_BUFFER, GL_FRAMEBUFFER, GL_RENDERBUFFER, GL_RGBA, GL_RGBA8, GL_DEPTH24_STENCIL8, GL_UNSIGNED_BYTE,
            GL_FLOAT, GL_TRIANGLES, GL_POINTS, GL_LINES, GL_COLOR_ATTACHMENT0, GL_DEPTH_ATTACHMENT, GL_BLEND,
            GL_DEPTH_TEST, GL_LESS, GL_ONE, GL_SRC_ALPHA, GL_STATIC_DRAW, GL_NEAREST, GL_LINEAR, GL_TEXTURE_MIN_FILTER,
            GL_VERTEX_SHADER, GL_FRAGMENT_SHADER, GL_COLOR_BUFFER_BIT,
        ]
        let ints: [GLint] = [-1, 0, 1, 2, 3, 4, 7, 16, 64, 255, 65536, Int32.max, Int32.min]
        var scratch = [UInt8](repeating: 0, count: 4096)
        var names = [GLuint](repeating: 0, count: 4)
        let valid: Set<GLenum> = [
            GL_NO_ERROR, GL_INVALID_ENUM, GL_INVALID_VALUE, GL_INVALID_OPERATION, GL_INVALID_FRAMEBUFFER_OPERATION,
            GL_OUT_OF_MEMORY,
        ]
        for step in 0..<4000 {
            let e1 = r.pick(enums), e2 = r.pick(enums), e3 = r.pick(enums)
            let i1 = r.pick(ints), i2 = r.pick(ints), i3 = r.pick(ints)
            let name = GLuint(truncatingIfNeeded: r.pick([0, 1, 2, 3, 5, 100, -1] as [Int]))
            scratch.withUnsafeMutableBytes { buf in
                let p = buf.baseAddress!
                switch r.next() % 24 {
                case 0: glGenBuffers(GLsizei(r.pick([-1, 0, 1, 4])), &names)
                case 1: glBindBuffer(e1, name)
                case 2: glBufferData(e1, Int(r.pick([-1, 0, 16, 4096])), p, e2)
                case 3: glBufferSubData(e1, Int(i1), Int(i2), p)
                case 4: _ = glMapBufferRange(e1, Int(i1), Int(i2), GLbitfield(bitPattern: i3))
                case 5: _ = glUnmapBuffer(e1)
                case 6: glGenTextures(GLsizei(r.pick([0, 1, 4])), &names)
                case 7: glBindTexture(e1, name)
                case 8: glTexImage2D(e1, i1 % 20, GLint(bitPattern: e2), GLsizei(r.pick([-1, 0, 1, 8, 16])), GLsizei(r.pick([-1, 0, 1, 8])), i3 % 2, e3, r.pick([GL_UNSIGNED_BYTE, GL_FLOAT]), p)
                case 9: glTexParameteri(e1, e2, GLint(bitPattern: e3))
                case 10: glGenFramebuffers(1, &names)
                case 11: glBindFramebuffer(e1, name)
                case 12: glGenRenderbuffers(1, &names)
                case 13: glBindRenderbuffer(e1, name)
                case 14: glRenderbufferStorage(e1, e2, GLsizei(r.pick([-1, 0, 8, 64])), GLsizei(r.pick([0, 8])))
                case 15: glFramebufferRenderbuffer(e1, e2, e3, name)
                case 16: glClear(GLbitfield(bitPattern: i1))
                case 17: glReadPixels(i1 % 64, i2 % 64, GLsizei(r.pick([-1, 0, 1, 8])), GLsizei(r.pick([0, 1, 8])), e1, e2, p)
                case 18: glDrawArrays(e1, i1 % 8, GLsizei(r.pick([-1, 0, 3, 6])))
                case 19: glDrawElements(e1, GLsizei(r.pick([-1, 0, 3])), e2, UnsafeRawPointer(bitPattern: Int(r.pick([0, 2, 4]))))
                case 20: glEnable(e1); glDisable(e2)
                case 21: glViewport(i1 % 300, i2 % 300, GLsizei(r.pick([-1, 0, 64, 300])), GLsizei(r.pick([0, 64])))
                case 22: glVertexAttribPointer(GLuint(bitPattern: i1 % 20), i2 % 6, e1, 0, GLsizei(r.pick([-1, 0, 8])), nil)
                default: _ = glCreateShader(e1); glUseProgram(name)
                }
            }
            let error = glGetError()
            XCTAssertTrue(valid.contains(error), "step \(step): \(GLEnumNames.describe(error))")
        }
        XCTAssertNil(context.lostReason, "random calls lost the host: \(context.lostReason ?? "")")
        // Still renders: a fresh framebuffer clears and reads back.
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glDisable(GL_SCISSOR_TEST)
        glColorMask(1, 1, 1, 1)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var px = [UInt8](repeating: 0, count: 64)
        glPixelStorei(GL_PACK_ALIGNMENT, 4)
        glReadPixels(0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(Array(px[0..<4]), [0, 0, 255, 255])
    }
}
