import GLCore
@testable import GLDriver
import XCTest

/// Compatibility-profile state of session 12: vertex colour clamping (glClampColor), layered framebuffer
/// attachments (glFramebufferTexture with a geometry shader writing gl_Layer) and display lists.
final class CompatLegacyStateTests: XCTestCase {
    var context: GLContext!

    override func setUp() { context = makeCurrentContext(.compatibility) }
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The RGBA8 pixel at (x, y) of the read framebuffer.
    func pixel(_ x: GLint = 0, _ y: GLint = 0) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    // MARK: Vertex colour clamping

    func testVertexColorsAreClampedByDefaultAndNotWhenClampingIsOff() {
        bindColorFramebuffer(width: 4, height: 4)
        let p = linkedProgram([
            (GL_VERTEX_SHADER, """
                #version 130
                void main() {
                    gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
                    gl_FrontColor = vec4(2.0, -1.0, 0.5, 1.0);
                }
                """),
            (GL_FRAGMENT_SHADER, "#version 130\nvoid main() { gl_FragColor = gl_Color * 0.25; }"),
        ])
        glUseProgram(p)
        var value: GLint = 0
        glGetIntegerv(GL_CLAMP_VERTEX_COLOR, &value)
        XCTAssertEqual(value, GLint(GL_TRUE))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        // Clamped to (1, 0, 0.5, 1) before the fragment shader's × 0.25.
        assertClose(pixel().map(Int.init), [64, 0, 32, 64], accuracy: 1)
        glClampColor(GL_CLAMP_VERTEX_COLOR, GLenum(GL_FALSE))
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        glGetIntegerv(GL_CLAMP_VERTEX_COLOR, &value)
        XCTAssertEqual(value, GLint(GL_FALSE))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        // Unclamped: red 2 × 0.25.
        assertClose(pixel().map(Int.init), [128, 0, 32, 64], accuracy: 1)
        glClampColor(GL_CLAMP_VERTEX_COLOR, GL_RGBA)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM))
        glClampColor(GL_RGBA, GLenum(GL_TRUE))
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_ENUM))
    }

    // MARK: Layered framebuffers

    func testGeometryShaderLayerWriteRendersIntoThatLayerOfALayeredAttachment() {
        var tex: GLuint = 0, fbo: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D_ARRAY, tex)
        glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GLint(GL_RGBA8), 4, 4, 3, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        var layered: GLint = 0
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_LAYERED, &layered)
        XCTAssertEqual(layered, 1)
        glViewport(0, 0, 4, 4)
        glClearColor(0, 0, 1, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        let p = linkedProgram([
            (GL_VERTEX_SHADER, fullViewportTriangleVS),
            (GL_GEOMETRY_SHADER, """
                #version 330 core
                layout(triangles) in;
                layout(triangle_strip, max_vertices = 3) out;
                void main() {
                    for (int i = 0; i < 3; i++) { gl_Position = gl_in[i].gl_Position; gl_Layer = 1; EmitVertex(); }
                    EndPrimitive();
                }
                """),
            (GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0, 0.0, 0.0, 1.0); }"),
        ])
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        // Each layer read through a one-layer attachment: only layer 1 was drawn; the clear reached them all.
        for layer in 0..<3 {
            glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0, GLint(layer))
            XCTAssertEqual(pixel(1, 1), layer == 1 ? [255, 0, 0, 255] : [0, 0, 255, 255], "layer \(layer)")
        }
        // A layered attachment beside a non-layered one: GL_FRAMEBUFFER_INCOMPLETE_LAYER_TARGETS.
        glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex, 0)
        var rb: GLuint = 0
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 4, 4)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_RENDERBUFFER, rb)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_INCOMPLETE_LAYER_TARGETS)
        // A 2D texture attaches as glFramebufferTexture2D would: not layered.
        var flat: GLuint = 0
        glGenTextures(1, &flat)
        glBindTexture(GL_TEXTURE_2D, flat)
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, flat, 0)
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_FRAMEBUFFER_ATTACHMENT_LAYERED, &layered)
        XCTAssertEqual(layered, 0)
        XCTAssertEqual(glCheckFramebufferStatus(GL_FRAMEBUFFER), GL_FRAMEBUFFER_COMPLETE)
        glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, 12345, 0)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION))
    }

    // MARK: Display lists

    func testDisplayListReplaysItsDrawWithItsOwnStateAndVertices() {
        bindColorFramebuffer(width: 4, height: 4)
        let p = linkedProgram([
            (GL_VERTEX_SHADER, "#version 130\nin vec2 position;\nvoid main() { gl_Position = vec4(position, 0.0, 1.0); }"),
            (GL_FRAGMENT_SHADER, "#version 130\nuniform vec4 color;\nvoid main() { gl_FragColor = color; }"),
        ])
        glBindAttribLocation(p, 0, "position")
        glLinkProgram(p)
        glUseProgram(p)
        let color = glGetUniformLocation(p, "color")
        var vbo: GLuint = 0
        glGenBuffers(1, &vbo)
        glBindBuffer(GL_ARRAY_BUFFER, vbo)
        let covering: [GLfloat] = [-1, -1, 3, -1, -1, 3]
        glBufferData(GL_ARRAY_BUFFER, 24, covering, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, GLboolean(GL_FALSE), 0, nil)
        glEnableVertexAttribArray(0)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)

        let list = glGenLists(1)
        XCTAssertNotEqual(list, 0)
        XCTAssertEqual(glIsList(list), GLboolean(GL_TRUE))
        XCTAssertTrue(GLContext.current?.dispatch === GLDispatch.table, "outside lists: the table without recording")
        glNewList(list, GL_COMPILE)
        XCTAssertTrue(GLContext.current?.dispatch === GLDispatch.listCompiling, "inside glNewList: the recording table")
        var index: GLint = 0
        glGetIntegerv(GL_LIST_INDEX, &index)
        XCTAssertEqual(GLuint(index), list)
        glUniform4f(color, 1, 0, 0, 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glNewList(list + 1, GL_COMPILE)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION), "glNewList inside a list")
        glEndList()
        // GL_COMPILE: nothing drawn yet.
        XCTAssertEqual(pixel(), [0, 0, 0, 0])
        glEndList()
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_OPERATION), "glEndList without glNewList")
        glNewList(0, GL_COMPILE)
        XCTAssertEqual(glGetError(), GLenum(GL_INVALID_VALUE), "list 0")

        // The list keeps its vertices (copied when compiled) and sets its own uniform value.
        let outside: [GLfloat] = [2, 2, 3, 2, 2, 3]
        glBufferSubData(GL_ARRAY_BUFFER, 0, 24, outside)
        glUniform4f(color, 0, 0, 1, 1)
        glCallList(list)
        XCTAssertEqual(pixel(), [255, 0, 0, 255])
        XCTAssertEqual(glGetError(), GLenum(GL_NO_ERROR))

        // GL_COMPILE_AND_EXECUTE draws at once, and again on each call.
        glBufferSubData(GL_ARRAY_BUFFER, 0, 24, covering)
        glNewList(list, GL_COMPILE_AND_EXECUTE)
        glUniform4f(color, 0, 1, 0, 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glEndList()
        XCTAssertTrue(GLContext.current?.dispatch === GLDispatch.table, "glEndList goes back to the table without recording")
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        glClear(GL_COLOR_BUFFER_BIT)
        glCallList(list)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        glDeleteLists(list, 1)
        XCTAssertEqual(glIsList(list), GLboolean(GL_FALSE))
    }
}

/// Element-wise equality within `accuracy`.
private func assertClose(_ a: [Int], _ b: [Int], accuracy: Int, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) where abs(x - y) > accuracy {
        XCTFail("\(a) is not \(b) (±\(accuracy))", file: file, line: line)
        return
    }
}
