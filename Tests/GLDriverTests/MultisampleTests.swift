import GLCore
@testable import GLDriver
import XCTest

/// Multisample textures and renderbuffers (GL 3.2, ARB_texture_multisample): a triangle edge rendered into
/// 4 samples resolves to a blend, shaders fetch single samples, completeness and argument errors, the sample mask.
final class MultisampleTests: XCTestCase {
    var context: GLContext!
    let size: GLsizei = 8

    override func setUp() {
        context = makeCurrentContext()
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A program drawing `vertices` (gl_VertexID-indexed, NDC) with `fragment`.
    func program(_ vertices: String, _ fragment: String) -> GLuint {
        let vs = compileShader(GL_VERTEX_SHADER, """
            #version 330 core
            const vec2 v[3] = vec2[3](\(vertices));
            void main() { gl_Position = vec4(v[gl_VertexID], 0.0, 1.0); }
            """)
        let fs = compileShader(GL_FRAGMENT_SHADER, fragment)
        let p = glCreateProgram()
        glAttachShader(p, vs)
        glAttachShader(p, fs)
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 1)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        return p
    }

    static let white = """
        #version 330 core
        out vec4 color;
        void main() { color = vec4(1.0); }
        """
    /// The lower-left half of the viewport: its diagonal edge runs through the centres of pixels (i, 7 - i).
    static let lowerLeft = "vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(-1.0, 1.0)"
    static let fullScreen = "vec2(-1.0, -1.0), vec2(3.0, -1.0), vec2(-1.0, 3.0)"

    /// A framebuffer with a new `samples`-sample RGBA8 texture (or a plain one for 0) as colour attachment 0.
    func framebuffer(samples: GLsizei, fixed: Bool = true) -> (fbo: GLuint, texture: GLuint) {
        var fbo: GLuint = 0, tex: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenTextures(1, &tex)
        if samples > 0 {
            glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex)
            glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, samples, GL_RGBA8, size, size, fixed ? 1 : 0)
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, tex, 0)
        } else {
            glBindTexture(GL_TEXTURE_2D, tex)
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0)
        }
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, size, size)
        return (fbo, tex)
    }

    /// Clears the bound framebuffer to black and draws `vertices` in white.
    func drawWhite(_ vertices: String) {
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        glUseProgram(program(vertices, Self.white))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Resolves `from` into a new single-sampled framebuffer and reads it back (red channel per pixel).
    func resolve(_ from: GLuint) -> [UInt8] {
        let to = framebuffer(samples: 0)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, from)
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to.fbo)
        glBlitFramebuffer(0, 0, GLint(size), GLint(size), 0, 0, GLint(size), GLint(size), GL_COLOR_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, to.fbo)
        var pixels = [UInt8](repeating: 0, count: Int(size * size) * 4)
        glReadPixels(0, 0, size, size, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        return stride(from: 0, to: pixels.count, by: 4).map { pixels[$0] }
    }

    func testEdgeOfFourSampleTextureResolvesToABlend() {
        let ms = framebuffer(samples: 4)
        var samples: GLint = 0, fixed: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D_MULTISAMPLE, 0, GL_TEXTURE_SAMPLES, &samples)
        glGetTexLevelParameteriv(GL_TEXTURE_2D_MULTISAMPLE, 0, GL_TEXTURE_FIXED_SAMPLE_LOCATIONS, &fixed)
        XCTAssertEqual(samples, 4)
        XCTAssertEqual(fixed, 1)
        var n: GLint = 0
        glGetIntegerv(GL_SAMPLES, &n)
        XCTAssertEqual(n, 4)
        glGetIntegerv(GL_SAMPLE_BUFFERS, &n)
        XCTAssertEqual(n, 1)
        drawWhite(Self.lowerLeft)
        // Reading a multisampled framebuffer directly is an error: it must be resolved.
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        let red = resolve(ms.fbo)
        XCTAssertEqual(red[0], 255, "inside the triangle")
        XCTAssertEqual(red[Int(size * size) - 1], 0, "outside the triangle")
        // On the edge some samples are covered and some are not: the resolve blends them.
        let edge = (0..<Int(size)).map { red[(Int(size) - 1 - $0) * Int(size) + $0] }
        XCTAssertTrue(edge.contains { $0 > 40 && $0 < 215 }, "edge pixels \(edge)")
    }

    func testMultisampleRenderbufferResolvesToABlend() {
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, size, size)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var value: GLint = 0
        glGetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_SAMPLES, &value)
        XCTAssertEqual(value, 4)
        glGetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_RED_SIZE, &value)
        XCTAssertEqual(value, 8)
        glGetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_WIDTH, &value)
        XCTAssertEqual(value, GLint(size))
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, size, size)
        drawWhite(Self.lowerLeft)
        let red = resolve(fbo)
        let edge = (0..<Int(size)).map { red[(Int(size) - 1 - $0) * Int(size) + $0] }
        XCTAssertTrue(edge.contains { $0 > 40 && $0 < 215 }, "edge pixels \(edge)")
    }

    func testTexelFetchReadsSingleSamples() {
        let ms = framebuffer(samples: 4)
        drawWhite(Self.lowerLeft)
        // Pixel (0, 7) sits on the edge: fetch each of its samples into pixel x = sample of a 4×1 target.
        let out = framebuffer(samples: 0)
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, ms.texture)
        let p = program(Self.fullScreen, """
            #version 330 core
            uniform sampler2DMS image;
            out vec4 color;
            void main() {
                int s = int(gl_FragCoord.x);
                color = s < 4 ? texelFetch(image, ivec2(0, 7), s) : vec4(textureSize(image) == ivec2(8, 8) ? 0.5 : 0.0);
            }
            """)
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "image"), 0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, out.fbo)
        var pixels = [UInt8](repeating: 0, count: 5 * 4)
        glReadPixels(0, 0, 5, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        let samples = (0..<4).map { pixels[$0 * 4] }
        XCTAssertEqual(samples.filter { $0 == 255 }.count, 2, "samples \(samples)")
        XCTAssertEqual(samples.filter { $0 == 0 }.count, 2, "samples \(samples)")
        XCTAssertEqual(Int(pixels[16]), 128, accuracy: 1, "textureSize")
    }

    func testSampleMaskZeroDrawsNothing() {
        let ms = framebuffer(samples: 4)
        glEnable(GL_SAMPLE_MASK)
        XCTAssertEqual(glIsEnabled(GL_SAMPLE_MASK), 1)
        glSampleMaski(0, 0)
        drawWhite(Self.fullScreen)
        XCTAssertEqual(resolve(ms.fbo).max(), 0)
        var value: GLint = -1
        glGetIntegeri_v(GL_SAMPLE_MASK_VALUE, 0, &value)
        XCTAssertEqual(value, 0)
        glSampleMaski(1, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        // Half the samples: half the intensity.
        glSampleMaski(0, 0x5)
        glBindFramebuffer(GL_FRAMEBUFFER, ms.fbo)
        drawWhite(Self.fullScreen)
        XCTAssertEqual(Int(resolve(ms.fbo)[0]), 128, accuracy: 2)
        glDisable(GL_SAMPLE_MASK)
        glBindFramebuffer(GL_FRAMEBUFFER, ms.fbo)
        drawWhite(Self.fullScreen)
        XCTAssertEqual(resolve(ms.fbo).min(), 255)
    }

    func testCompletenessAndArgumentErrors() {
        let a = framebuffer(samples: 4)
        var rb: GLuint = 0
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, size, size)
        glBindFramebuffer(GL_FRAMEBUFFER, a.fbo)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, size, size)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        // Fixed sample locations must agree (renderbuffers count as fixed).
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex)
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_RGBA8, size, size, 0)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT2, GL_TEXTURE_2D_MULTISAMPLE, tex, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE)
        glClear(GL_COLOR_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_INVALID_FRAMEBUFFER_OPERATION)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        // Bad arguments are errors, and leave nothing half made.
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 0, GL_RGBA8, size, size, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var maxColor: GLint = 0, maxSamples: GLint = 0, maxInteger: GLint = 0, maxDepth: GLint = 0
        glGetIntegerv(GL_MAX_COLOR_TEXTURE_SAMPLES, &maxColor)
        glGetIntegerv(GL_MAX_SAMPLES, &maxSamples)
        glGetIntegerv(GL_MAX_INTEGER_SAMPLES, &maxInteger)
        glGetIntegerv(GL_MAX_DEPTH_TEXTURE_SAMPLES, &maxDepth)
        XCTAssertGreaterThanOrEqual(maxColor, 4)
        XCTAssertGreaterThanOrEqual(maxSamples, 4)
        XCTAssertGreaterThanOrEqual(maxInteger, 1)
        XCTAssertGreaterThanOrEqual(maxDepth, 1)
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, maxColor + 1, GL_RGBA8, size, size, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glTexImage2DMultisample(GL_TEXTURE_2D, 4, GL_RGBA8, size, size, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_RGBA8, -1, size, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glTexImage2D(GL_TEXTURE_2D_MULTISAMPLE, 0, GLint(GL_RGBA8), size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glTexSubImage2D(GL_TEXTURE_2D_MULTISAMPLE, 0, 0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, [UInt8](repeating: 0, count: 4))
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT2, GL_TEXTURE_2D_MULTISAMPLE, tex, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, maxSamples + 1, GL_RGBA8, size, size)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glTexImage2DMultisample(GL_PROXY_TEXTURE_2D_MULTISAMPLE, 4, GL_RGBA8, size, size, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        // Array textures attach a layer; its samples count like any other's.
        var array: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &array)
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, array)
        glTexImage3DMultisample(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, 4, GL_RGBA8, size, size, 3, 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, array, 0, 2)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, array, 0, 3)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, array, 1, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, array, 0, -1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)

        // A resolve must not scale, and sample counts of two multisampled framebuffers must agree.
        let two = framebuffer(samples: 2)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, a.fbo)
        glFramebufferRenderbuffer(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_RENDERBUFFER, 0)
        glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT2, GL_TEXTURE_2D_MULTISAMPLE, 0, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_READ_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, two.fbo)
        glBlitFramebuffer(0, 0, 4, 4, 0, 0, 4, 4, GL_COLOR_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        let single = framebuffer(samples: 0)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, a.fbo)
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, single.fbo)
        glBlitFramebuffer(0, 0, 4, 4, 0, 0, 8, 8, GL_COLOR_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        // Desktop GL lets a resolve move the rectangle (same size).
        glBlitFramebuffer(0, 0, 4, 4, 4, 4, 8, 8, GL_COLOR_BUFFER_BIT, GL_NEAREST)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testMultisampleDepthTextureIsRenderedAndFetched() {
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex)
        glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_DEPTH_COMPONENT24, size, size, 1)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D_MULTISAMPLE, tex, 0)
        glDrawBuffers(0, nil)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glViewport(0, 0, size, size)
        glClearDepth(0.25)
        glClear(GL_DEPTH_BUFFER_BIT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let out = framebuffer(samples: 0)
        let p = program(Self.fullScreen, """
            #version 330 core
            uniform sampler2DMS depth;
            out vec4 color;
            void main() { color = vec4(texelFetch(depth, ivec2(gl_FragCoord.xy), 3).x); }
            """)
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, out.fbo)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(Int(pixel[0]), 64, accuracy: 2)
    }

    /// A multisample sampler with no complete texture behind it draws (what it reads is undefined), and keeps the host.
    func testMissingMultisampleTextureKeepsTheHost() {
        let out = framebuffer(samples: 0)
        let p = program(Self.fullScreen, """
            #version 330 core
            uniform sampler2DMS image;
            uniform sampler2DMSArray layers;
            out vec4 color;
            void main() { color = texelFetch(image, ivec2(0), 1) + texelFetch(layers, ivec3(0), 1) + vec4(0.5); }
            """)
        glUseProgram(p)
        glUniform1i(glGetUniformLocation(p, "layers"), 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glBindFramebuffer(GL_READ_FRAMEBUFFER, out.fbo)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_NO_ERROR)
    }

    func testSamplePositions() {
        _ = framebuffer(samples: 4)
        var position: [GLfloat] = [-1, -1]
        glGetMultisamplefv(GL_SAMPLE_POSITION, 3, &position)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertTrue(position.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(position)")
        glGetMultisamplefv(GL_SAMPLE_POSITION, 4, &position)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glGetMultisamplefv(GL_SAMPLES, 0, &position)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
    }
}
