import GLCore
@testable import GLDriver
import XCTest

/// Fixes found by piglit's quick_gl sample (session 13): a link takes a shader as last compiled; a compatibility
/// program with no shaders links; glReadPixels of stencil and depth-stencil; inactive uniform array elements have
/// no location.
final class PiglitGLFixesTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A red pixel read back from the 4×4 colour framebuffer after a draw with `program`.
    private func drawAndRead(_ program: GLuint) -> [UInt8] {
        glUseProgram(program)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func testLinkUsesTheSourceOfTheLastCompile() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let vs = compileShader(GL_VERTEX_SHADER, fullViewportTriangleVS)
        let fs = compileShader(GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(0.0, 1.0, 0.0, 1.0); }\n")
        // New source, not compiled: the link still takes the green shader (GL 4.6 §7.1).
        let red = "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 0.0, 1.0); }\n"
        red.withCString { p in
            var ptr: UnsafePointer<GLchar>? = p
            glShaderSource(fs, 1, &ptr, nil)
        }
        let p = glCreateProgram()
        glAttachShader(p, vs)
        glAttachShader(p, fs)
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        XCTAssertEqual(drawAndRead(p), [0, 255, 0, 255])
        // Once compiled, the next link takes the new source.
        glCompileShader(fs)
        glLinkProgram(p)
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        var log = [GLchar](repeating: 0, count: 1024)
        glGetProgramInfoLog(p, 1024, nil, &log)
        XCTAssertEqual(drawAndRead(p), [255, 0, 0, 255], String(cString: log))
        let q = glCreateProgram()
        glAttachShader(q, vs)
        glAttachShader(q, fs)
        glLinkProgram(q)
        XCTAssertEqual(drawAndRead(q), [255, 0, 0, 255], "new program")
    }

    func testAProgramWithoutShadersLinksOnlyInTheCompatibilityProfile() {
        _ = makeCurrentContext(.compatibility)
        let p = glCreateProgram()
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1, "compatibility: a program with no shaders links")
        glUseProgram(p)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertTrue(GLContext.current?.currentProgram?.fixedFunctionOnly ?? false)

        _ = makeCurrentContext(.core)
        let q = glCreateProgram()
        glLinkProgram(q)
        glGetProgramiv(q, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 0, "core: a program with no shaders does not link")
    }

    func testStencilAndDepthStencilReadback() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var rb: GLuint = 0
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GLenum(GL_FRAMEBUFFER_COMPLETE))
        glClearStencil(0x5A)
        glClearDepth(0.5)
        glClear(GL_STENCIL_BUFFER_BIT | GL_DEPTH_BUFFER_BIT)

        var stencil = [UInt8](repeating: 0, count: 4)
        glPixelStorei(GL_PACK_ALIGNMENT, 1)
        glReadPixels(0, 0, 2, 2, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, &stencil)
        XCTAssertEqual(stencil, [0x5A, 0x5A, 0x5A, 0x5A])
        var stencil32 = [GLuint](repeating: 0, count: 1)
        glReadPixels(3, 3, 1, 1, GL_STENCIL_INDEX, GL_UNSIGNED_INT, &stencil32)
        XCTAssertEqual(stencil32, [0x5A])

        var packed = [GLuint](repeating: 0, count: 1)
        glReadPixels(1, 1, 1, 1, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, &packed)
        XCTAssertEqual(packed[0] & 0xFF, 0x5A)
        XCTAssertEqual(Double(packed[0] >> 8) / 16_777_215, 0.5, accuracy: 1e-3)

        var floatPacked = [GLuint](repeating: 0, count: 2)
        glReadPixels(1, 1, 1, 1, GL_DEPTH_STENCIL, GL_FLOAT_32_UNSIGNED_INT_24_8_REV, &floatPacked)
        XCTAssertEqual(Double(Float(bitPattern: floatPacked[0])), 0.5, accuracy: 1e-3)
        XCTAssertEqual(floatPacked[1] & 0xFF, 0x5A)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))

        glReadPixels(1, 1, 1, 1, GL_DEPTH_STENCIL, GL_FLOAT, &floatPacked)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM), "GL_DEPTH_STENCIL takes only the packed types")
    }

    func testArrayElementsPastTheLastActiveOneHaveNoLocation() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform vec4 v[4];
            out vec4 c;
            void main() { c = v[1]; }
            """)])
        glUseProgram(p)
        var size: GLint = 0, type: GLenum = 0
        var name = [GLchar](repeating: 0, count: 16)
        glGetActiveUniform(p, 0, 16, nil, &size, &type, &name)
        XCTAssertEqual(size, 2)
        XCTAssertNotEqual(glGetUniformLocation(p, "v[1]"), -1)
        XCTAssertEqual(glGetUniformLocation(p, "v[2]"), -1)
        XCTAssertEqual(glGetUniformLocation(p, "v[3]"), -1)
        let v1 = glGetUniformLocation(p, "v[1]")
        let values: [GLfloat] = [1, 2, 3, 4]
        glUniform4fv(v1 + 1, 1, values)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION), "the location after the last active element")
        // A count past the active elements writes the active ones only (GL 4.6 §7.6.1).
        glUniform4fv(glGetUniformLocation(p, "v"), 4, values + values + values + values)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
    }

    /// A 1×1 texture of `internalFormat` from `format`/`type` data, attached to a new framebuffer.
    private func attachedTexture(_ internalFormat: GLenum, _ format: GLenum, _ type: GLenum, _ data: UnsafeRawPointer?) -> GLuint {
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), 1, 1, 0, format, type, data)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
        return tex
    }

    func testPackedAndIntegerRGBFormats() {
        _ = makeCurrentContext()
        // GL_RGB10_A2 from floats: packed on the CPU.
        let rgba: [GLfloat] = [1, 0.5, 0.25, 1]
        _ = attachedTexture(GL_RGB10_A2, GL_RGBA, GL_FLOAT, rgba)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GLenum(GL_FRAMEBUFFER_COMPLETE))
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel.map(Int.init), [255, 128, 64, 255])

        // GL_RGB10_A2UI: integer, its own packed type.
        let word: GLuint = 1023 | 512 << 10 | 7 << 20 | 3 << 30
        withUnsafePointer(to: word) { _ = attachedTexture(GL_RGB10_A2UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT_2_10_10_10_REV, $0) }
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var ints = [GLuint](repeating: 0, count: 4)
        glReadPixels(0, 0, 1, 1, GL_RGBA_INTEGER, GL_UNSIGNED_INT, &ints)
        XCTAssertEqual(ints, [1023, 512, 7, 3])

        // GL_RGB32UI is an integer format (GL_RGB_INTEGER data); no data needs no conversion.
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let rgb: [GLuint] = [1, 2, 3]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGB32UI), 1, 1, 0, GL_RGB_INTEGER, GL_UNSIGNED_INT, rgb)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var bits: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_RED_SIZE, &bits)
        XCTAssertEqual(bits, 32)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGB32F), 1, 1, 0, GL_RGB, GL_FLOAT, nil)
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_RED_SIZE, &bits)
        XCTAssertEqual(bits, 32, "RGB32F keeps three 32-bit components")
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGB10_A2), 1, 1, 0, GL_RGBA, GL_UNSIGNED_SHORT, nil)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR), "no data: any legal colour format/type pair")
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_SRGB8), 1, 1, 0, GL_RGB, GL_UNSIGNED_BYTE, [UInt8](arrayLiteral: 1, 2, 3))
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_DEPTH32F_STENCIL8), 1, 1, 0, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, nil)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var depthType: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_DEPTH_TYPE, &depthType)
        XCTAssertEqual(GLenum(depthType), GLenum(GL_FLOAT))
    }

    func testUniformBufferBindingsCoverEveryCombinedBlock() {
        _ = makeCurrentContext()
        var bindings: GLint = 0, combined: GLint = 0
        glGetIntegerv(GL_MAX_UNIFORM_BUFFER_BINDINGS, &bindings)
        glGetIntegerv(GL_MAX_COMBINED_UNIFORM_BLOCKS, &combined)
        XCTAssertGreaterThanOrEqual(combined, 70, "GL 4.3's minimum")
        XCTAssertGreaterThanOrEqual(bindings, combined)
        var buffer: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_UNIFORM_BUFFER, buffer)
        glBufferData(GL_UNIFORM_BUFFER, 16, nil, GL_STATIC_DRAW)
        glBindBufferBase(GL_UNIFORM_BUFFER, GLuint(bindings - 1), buffer)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glBindBufferBase(GL_UNIFORM_BUFFER, GLuint(bindings), buffer)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_VALUE))
    }

    func testGeometryShaderProgramQueries() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, """
            #version 400 core
            layout(lines, invocations = 3) in;
            layout(line_strip, max_vertices = 5) out;
            void main() { gl_Position = gl_in[0].gl_Position; EmitVertex(); }
            """), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n")])
        var v: GLint = 0
        glGetProgramiv(p, GL_GEOMETRY_VERTICES_OUT, &v)
        XCTAssertEqual(v, 5)
        glGetProgramiv(p, GL_GEOMETRY_SHADER_INVOCATIONS, &v)
        XCTAssertEqual(v, 3)
        glGetProgramiv(p, GL_GEOMETRY_INPUT_TYPE, &v)
        XCTAssertEqual(GLenum(v), GLenum(GL_LINES))
        glGetProgramiv(p, GL_GEOMETRY_OUTPUT_TYPE, &v)
        XCTAssertEqual(GLenum(v), GLenum(GL_LINE_STRIP))
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        let plain = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n")])
        glGetProgramiv(plain, GL_GEOMETRY_VERTICES_OUT, &v)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION), "no geometry shader")
    }

    /// glReadPixels as GL_LUMINANCE sums R, G and B (clamped for normalized types).
    func testReadPixelsLuminanceIsTheSumOfTheColour() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0.25, 0.5, 0.125, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var l: GLfloat = 0
        glReadPixels(0, 0, 1, 1, GL_LUMINANCE, GL_FLOAT, &l)
        XCTAssertEqual(Double(l), 0.875, accuracy: 0.01)
        var byte: UInt8 = 0
        glClearColor(0.75, 0.5, 0.5, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glPixelStorei(GL_PACK_ALIGNMENT, 1)
        glReadPixels(0, 0, 1, 1, GL_LUMINANCE, GL_UNSIGNED_BYTE, &byte)
        XCTAssertEqual(byte, 255, "clamped")
    }

    /// glReadPixels and glGetTexImage into a pixel pack buffer: `pixels` is an offset into it.
    func testReadsIntoAPixelPackBuffer() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(1, 0.5, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var pbo: GLuint = 0
        glGenBuffers(1, &pbo)
        glBindBuffer(GL_PIXEL_PACK_BUFFER, pbo)
        glBufferData(GL_PIXEL_PACK_BUFFER, 64, nil, GL_STREAM_READ)
        glReadPixels(0, 0, 2, 2, GL_RGBA, GL_UNSIGNED_BYTE, UnsafeMutableRawPointer(bitPattern: 16))
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var got = [UInt8](repeating: 0, count: 32)
        glGetBufferSubData(GL_PIXEL_PACK_BUFFER, 0, 32, &got)
        XCTAssertEqual(Array(got[0..<16]), [UInt8](repeating: 0, count: 16), "before the offset: untouched")
        XCTAssertEqual(Array(got[16..<20]), [255, 128, 0, 255])
        // Past the buffer's end: GL_INVALID_OPERATION, nothing written.
        glReadPixels(0, 0, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, UnsafeMutableRawPointer(bitPattern: 16))
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))

        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        let texel: [UInt8] = [1, 2, 3, 4]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, texel)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, UnsafeMutableRawPointer(bitPattern: 40))
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        var back = [UInt8](repeating: 0, count: 4)
        glGetBufferSubData(GL_PIXEL_PACK_BUFFER, 40, 4, &back)
        XCTAssertEqual(back, texel)
    }

    /// glClear of depth and stencil inside the scissor box touches only the box.
    func testScissoredDepthStencilClear() {
        for format in [GL_DEPTH24_STENCIL8, GL_DEPTH32F_STENCIL8] {
            _ = makeCurrentContext()
            bindColorFramebuffer(width: 8, height: 8)
            var rb: GLuint = 0
            glGenRenderbuffers(1, &rb)
            glBindRenderbuffer(GL_RENDERBUFFER, rb)
            glRenderbufferStorage(GL_RENDERBUFFER, format, 8, 8)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb)
            glClearDepth(1)
            glClearStencil(0)
            glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT)
            glEnable(GL_SCISSOR_TEST)
            glScissor(2, 2, 3, 3)
            glClearDepth(0.25)
            glClearStencil(5)
            glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT)
            glDisable(GL_SCISSOR_TEST)
            XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
            var stencil = [UInt8](repeating: 0, count: 64)
            glPixelStorei(GL_PACK_ALIGNMENT, 1)
            glReadPixels(0, 0, 8, 8, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, &stencil)
            var depth = [GLfloat](repeating: 0, count: 64)
            glReadPixels(0, 0, 8, 8, GL_DEPTH_COMPONENT, GL_FLOAT, &depth)
            for y in 0..<8 {
                for x in 0..<8 {
                    let inside = (2..<5).contains(x) && (2..<5).contains(y)
                    XCTAssertEqual(stencil[y * 8 + x], inside ? 5 : 0, "\(GLEnumNames.describe(format)) stencil (\(x), \(y))")
                    XCTAssertEqual(Double(depth[y * 8 + x]), inside ? 0.25 : 1, accuracy: 1e-3, "\(GLEnumNames.describe(format)) depth (\(x), \(y))")
                }
            }
        }
    }

    /// glCopyImageSubData between different (compatible) formats of multisample textures is refused, not sent as a
    /// read-back the host refuses (which lost the context: piglit arb_copy_image-formats --samples=2).
    func testMultisampleCopyBetweenFormatsKeepsTheContext() {
        let c = makeCurrentContext()
        var tex = [GLuint](repeating: 0, count: 2)
        glGenTextures(2, &tex)
        for (t, format) in zip(tex, [GL_RGBA8, GL_R32F]) {
            glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, t)
            glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 2, format, 4, 4, 1)
        }
        glCopyImageSubData(tex[0], GL_TEXTURE_2D_MULTISAMPLE, 0, 0, 0, 0, tex[1], GL_TEXTURE_2D_MULTISAMPLE, 0, 0, 0, 0, 4, 4, 1)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
        glFinish()
        XCTAssertNotNil(c.transport, "the context is not lost")
    }
}
