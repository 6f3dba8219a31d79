import GLCore
@testable import GLDriver
import XCTest

/// Render and reflection checks: gl_PrimitiveIDIn in a geometry shader, depth readback with glReadPixels, and the
/// reflected type of bool members of uniform blocks.
final class SpecFixesBTests: XCTestCase {
    /// Two triangles; the geometry shader colours each by gl_PrimitiveIDIn (0: red, 1: green, other: blue).
    func testGeometryShaderReadsPrimitiveIDIn() {
        let context = makeCurrentContext()
        defer { GLContext.makeCurrent(nil); _ = context }
        bindColorFramebuffer(width: 8, height: 8)
        let vs = "#version 150\nin vec2 p;\nvoid main() { gl_Position = vec4(p, 0.0, 1.0); }\n"
        let gs = """
            #version 150
            layout(triangles) in;
            layout(triangle_strip, max_vertices = 3) out;
            out vec4 c;
            void main() {
                for (int i = 0; i < 3; i++) {
                    c = gl_PrimitiveIDIn == 0 ? vec4(1, 0, 0, 1) : gl_PrimitiveIDIn == 1 ? vec4(0, 1, 0, 1) : vec4(0, 0, 1, 1);
                    gl_Position = gl_in[i].gl_Position;
                    EmitVertex();
                }
            }
            """
        let fs = "#version 150\nin vec4 c;\nout vec4 o;\nvoid main() { o = c; }\n"
        let program = linkedProgram([(GL_VERTEX_SHADER, vs), (GL_GEOMETRY_SHADER, gs), (GL_FRAGMENT_SHADER, fs)])
        glUseProgram(program)
        // Left half: triangles 0 (lower left) and 1 (upper left).
        let v: [GLfloat] = [-1, -1, 0, -1, -1, 1, -1, 1, 0, -1, 0, 1]
        var vao: GLuint = 0, vbo: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        glBufferData(GL_ARRAY_BUFFER, v.count * 4, v, GL_STATIC_DRAW)
        let loc = GLuint(glGetAttribLocation(program, "p"))
        glVertexAttribPointer(loc, 2, GL_FLOAT, GLboolean(GL_FALSE), 0, nil)
        glEnableVertexAttribArray(loc)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        glDrawArrays(GL_TRIANGLES, 0, 6)
        var px = [UInt8](repeating: 0, count: 4 * 64)
        glReadPixels(0, 0, 8, 8, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        func at(_ x: Int, _ y: Int) -> [UInt8] { Array(px[(y * 8 + x) * 4..<(y * 8 + x) * 4 + 4]) }
        XCTAssertEqual(at(0, 1), [255, 0, 0, 255], "primitive 0")
        XCTAssertEqual(at(2, 6), [0, 255, 0, 255], "primitive 1")
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
    }

    /// glReadPixels(GL_DEPTH_COMPONENT) of a depth renderbuffer: a cleared half and a drawn half.
    func testReadDepthComponent() {
        let context = makeCurrentContext()
        defer { GLContext.makeCurrent(nil); _ = context }
        bindColorFramebuffer(width: 8, height: 8)
        for format in [GL_DEPTH_COMPONENT24, GL_DEPTH24_STENCIL8, GL_DEPTH_COMPONENT32F] {
            var rb: GLuint = 0
            glGenRenderbuffers(1, &rb)
            glBindRenderbuffer(GL_RENDERBUFFER, rb)
            glRenderbufferStorage(GL_RENDERBUFFER, format, 8, 8)
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, rb)
            let program = linkedProgram([
                (GL_VERTEX_SHADER, "#version 330 core\nvoid main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }\n"),
                (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 o;\nvoid main() { if (gl_FragCoord.x < 4.0) discard; o = vec4(1.0); }\n"),
            ])
            glUseProgram(program)
            var vao: GLuint = 0
            glGenVertexArrays(1, &vao)
            glBindVertexArray(vao)
            glClearDepth(1.0)
            glClear(GL_DEPTH_BUFFER_BIT)
            glEnable(GL_DEPTH_TEST)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            glDisable(GL_DEPTH_TEST)
            var depth = [GLfloat](repeating: -1, count: 8)
            glReadPixels(0, 4, 8, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &depth)
            XCTAssertEqual(depth[1], 1.0, accuracy: 1e-4, "\(GLEnumNames.describe(format)): discarded")
            XCTAssertEqual(depth[6], 0.5, accuracy: 1e-4, "\(GLEnumNames.describe(format)): drawn at z 0")
            var fixed = [GLuint](repeating: 0, count: 8)
            glReadPixels(0, 4, 8, 1, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, &fixed)
            // The host's 24-bit depth is exact to about 2^-16 here (a cleared 1.0 may read 0xFFFF00 of 0xFFFFFF).
            XCTAssertEqual(Double(fixed[1]) / 4_294_967_295, 1.0, accuracy: 1e-4)
            XCTAssertEqual(Double(fixed[6]) / 4_294_967_295, 0.5, accuracy: 1e-4)
            XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR), GLEnumNames.describe(format))
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, 0)
        }
        // No depth buffer: GL_INVALID_OPERATION.
        var d: GLfloat = 0
        glReadPixels(0, 0, 1, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &d)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
    }

    /// A bool member of a uniform block (stored as uint) reflects as GL_BOOL_VEC2; a uint one stays uint.
    func testBoolBlockMemberType() {
        let context = makeCurrentContext()
        defer { GLContext.makeCurrent(nil); _ = context }
        let program = linkedProgram([
            (GL_VERTEX_SHADER, "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n"),
            (GL_FRAGMENT_SHADER, """
                #version 330 core
                struct S { int d; bvec2 e; };
                layout(std140) uniform Block { S f; bool g; uvec2 h; };
                out vec4 o;
                void main() { o = vec4(f.e.x ? 1.0 : 0.0, g ? 1.0 : 0.0, float(h.x), float(f.d)); }
                """),
        ])
        for (name, expected) in [("f.e", GL_BOOL_VEC2), ("g", GL_BOOL), ("h", GL_UNSIGNED_INT_VEC2), ("f.d", GL_INT)] {
            var index: GLuint = GLuint.max
            name.withCString { p in
                var ptr: UnsafePointer<GLchar>? = p
                glGetUniformIndices(program, 1, &ptr, &index)
            }
            var type: GLint = 0
            glGetActiveUniformsiv(program, 1, &index, GL_UNIFORM_TYPE, &type)
            XCTAssertEqual(GLenum(type), expected, name)
        }
    }

    /// glLightfv reaches gl_LightSource[] (a struct passed to a function, an index from a uniform), positions are
    /// stored in eye coordinates, and bad parameters are GL errors.
    func testLightSourceUniforms() {
        let context = makeCurrentContext(.compatibility)
        defer { GLContext.makeCurrent(nil); _ = context }
        bindColorFramebuffer(width: 4, height: 4)
        let program = linkedProgram([
            (GL_VERTEX_SHADER, "void main() { gl_Position = gl_Vertex; }\n"),
            (GL_FRAGMENT_SHADER, """
                uniform int index;
                vec4 f(gl_LightSourceParameters l) { return vec4(l.diffuse.xy, l.constantAttenuation / 4.0, l.position.w); }
                void main() { gl_FragColor = f(gl_LightSource[index]); }
                """),
        ])
        glUseProgram(program)
        glUniform1i(glGetUniformLocation(program, "index"), 1)
        let diffuse: [GLfloat] = [0.25, 0.75, 0, 1]
        glLightfv(GL_LIGHT1, GL_DIFFUSE, diffuse)
        glLightf(GL_LIGHT1, GL_CONSTANT_ATTENUATION, 2)
        glMatrixMode(GL_MODELVIEW)
        glLoadIdentity()
        glTranslatef(1, 2, 3)
        let position: [GLfloat] = [0, 0, 0, 1]
        glLightfv(GL_LIGHT1, GL_POSITION, position)
        glLoadIdentity()
        var eye = [GLfloat](repeating: 0, count: 4)
        glGetLightfv(GL_LIGHT1, GL_POSITION, &eye)
        XCTAssertEqual(eye, [1, 2, 3, 1], "the modelview at glLight time moves the position")
        let quad: [GLfloat] = [-1, -1, 1, -1, -1, 1, 1, 1]
        glEnableClientState(GL_VERTEX_ARRAY)
        quad.withUnsafeBytes { glVertexPointer(2, GL_FLOAT, 0, $0.baseAddress) }
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4)
        var px = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(px.map { Int($0) }, [64, 191, 128, 255], accuracy: 1)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glLightf(GL_LIGHT1, GL_SPOT_CUTOFF, 100)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_VALUE))
        glLightf(GL_LIGHT0 + 8, GL_SPOT_CUTOFF, 10)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM))
        glLightf(GL_LIGHT1, GL_DIFFUSE, 1)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM), "a vector parameter through glLightf")
    }

    /// Unsigned 11/10-bit floats (GL 4.6 §2.3.4.3): exact values, clamping, and GL_RGBA/GL_FLOAT uploads into
    /// GL_R11F_G11F_B10F and a generic compressed format (stored uncompressed) that sample back.
    func testPackedFloatAndGenericCompressedUploads() {
        XCTAssertEqual(GLContext.unsignedSmallFloat(1.0, mantissaBits: 6), 15 << 6)
        XCTAssertEqual(GLContext.unsignedSmallFloat(0.5, mantissaBits: 5), 14 << 5)
        XCTAssertEqual(GLContext.unsignedSmallFloat(-2, mantissaBits: 6), 0)
        XCTAssertEqual(GLContext.unsignedSmallFloat(1e9, mantissaBits: 6), (30 << 6) | 63)
        let context = makeCurrentContext()
        defer { GLContext.makeCurrent(nil); _ = context }
        bindColorFramebuffer(width: 4, height: 4)
        let program = linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS),
            (GL_FRAGMENT_SHADER, "#version 330 core\nuniform sampler2D s;\nout vec4 o;\nvoid main() { o = texture(s, vec2(0.5)); }\n"),
        ])
        glUseProgram(program)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let texel: [GLfloat] = [0.25, 1.0, 0.5, 1.0]
        for internalFormat in [GL_R11F_G11F_B10F, GL_COMPRESSED_RGBA] {
            var tex: GLuint = 0
            glGenTextures(1, &tex)
            glBindTexture(GL_TEXTURE_2D, tex)
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), 1, 1, 0, GL_RGBA, GL_FLOAT, texel)
            XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR), GLEnumNames.describe(internalFormat))
            glDrawArrays(GL_TRIANGLES, 0, 3)
            var px = [UInt8](repeating: 0, count: 4)
            glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &px)
            XCTAssertEqual(px.map { Int($0) }, [64, 255, 128, 255], accuracy: 1)
        }
    }
}

/// Element-wise equality within `accuracy`.
private func XCTAssertEqual(_ a: [Int], _ b: [Int], accuracy: Int, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) where abs(x - y) > accuracy { XCTFail("\(a) is not \(b)", file: file, line: line); return }
}
