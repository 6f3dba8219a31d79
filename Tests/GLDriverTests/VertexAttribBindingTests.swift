import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_vertex_attrib_binding (GL 4.3 §10.3): attribute formats apart from vertex buffer bindings, the old
/// glVertexAttribPointer / glVertexAttribDivisor as their combinations, the binding queries and errors.
final class VertexAttribBindingTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A 4×4 framebuffer cleared black, a bound VAO and a program reading `pos` (location 0) and `color`
    /// (location 1); with `instanced`, instance i draws at x + i.
    @discardableResult
    func makeScene(_ profile: GLContextAttributes.Profile = .core, instanced: Bool = false) -> GLContext {
        let c = makeCurrentContext(profile)
        bindColorFramebuffer(width: 4, height: 4)
        glClearColor(0, 0, 0, 1)
        glClear(GL_COLOR_BUFFER_BIT)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let shift = instanced ? "float(gl_InstanceID)" : "0.0"
        glUseProgram(linkedProgram([
            (GL_VERTEX_SHADER, """
                #version 330 core
                layout(location = 0) in vec2 pos;
                layout(location = 1) in vec4 color;
                out vec4 v;
                void main() { v = color; gl_Position = vec4(pos.x + \(shift), pos.y, 0.0, 1.0); }
                """),
            (GL_FRAGMENT_SHADER, "#version 330 core\nin vec4 v;\nout vec4 c;\nvoid main() { c = v; }\n"),
        ]))
        return c
    }

    func makeBuffer(_ floats: [Float]) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(GL_ARRAY_BUFFER, b)
        glBufferData(GL_ARRAY_BUFFER, floats.count * 4, floats, GL_STATIC_DRAW)
        return b
    }

    /// The full-viewport triangle's three vertices, each (x, y) followed by `color`.
    func interleaved(_ color: [Float]) -> [Float] {
        [[-1, -1], [3, -1], [-1, 3]].flatMap { $0 + color }
    }

    func pixel(_ x: GLint = 1, _ y: GLint = 1) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func integer(_ pname: GLenum, _ index: GLuint) -> GLint {
        var v: GLint = -1
        glGetIntegeri_v(pname, index, &v)
        return v
    }

    func attrib(_ index: GLuint, _ pname: GLenum) -> GLint {
        var v: GLint = -1
        glGetVertexAttribiv(index, pname, &v)
        return v
    }

    /// Position and colour from one binding, the colour 8 bytes into each vertex.
    func testTwoAttributesShareABindingWithRelativeOffsets() {
        makeScene()
        let b = makeBuffer(interleaved([0, 1, 0, 1]))
        glVertexAttribFormat(0, 2, GL_FLOAT, 0, 0)
        glVertexAttribFormat(1, 4, GL_FLOAT, 0, 8)
        glVertexAttribBinding(0, 3)
        glVertexAttribBinding(1, 3)
        glBindVertexBuffer(3, b, 0, 24)
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_BINDING), 3)
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_RELATIVE_OFFSET), 8)
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING), GLint(b), "the buffer of the attribute's binding")
        XCTAssertEqual(integer(GL_VERTEX_BINDING_BUFFER, 3), GLint(b))
        XCTAssertEqual(integer(GL_VERTEX_BINDING_STRIDE, 3), 24)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_OFFSET, 3), 0)
        var offset: GLint64 = -1
        glGetInteger64i_v(GL_VERTEX_BINDING_STRIDE, 3, &offset)
        XCTAssertEqual(offset, 24)
    }

    /// Changing only the binding's buffer and offset changes what both attributes read.
    func testRebindingTheBufferOnly() {
        makeScene()
        let green = makeBuffer(interleaved([0, 1, 0, 1]))
        // One unused vertex first: the draw reads from byte 24.
        let blue = makeBuffer([9, 9, 9, 9, 9, 9] + interleaved([0, 0, 1, 1]))
        glVertexAttribFormat(0, 2, GL_FLOAT, 0, 0)
        glVertexAttribFormat(1, 4, GL_FLOAT, 0, 8)
        glVertexAttribBinding(1, 0)
        glBindVertexBuffer(0, green, 0, 24)
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        glBindVertexBuffer(0, blue, 24, 24)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 0, 255, 255])
        XCTAssertEqual(integer(GL_VERTEX_BINDING_OFFSET, 0), 24)
        // The colour as four normalized bytes 16 bytes into the vertex: the bytes of blue's 1.0 (00 00 80 3f).
        glVertexAttribFormat(1, 4, GL_UNSIGNED_BYTE, 1, 16)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [0, 0, 0x80, 0x3f], "a new format, the same binding")
    }

    /// A binding's divisor applies to every attribute reading it: one colour per instance.
    func testDivisorPerBinding() {
        makeScene(instanced: true)
        // The left half of the viewport (x from -1 to 0) as two triangles; instance 1 draws the right half.
        let positions = makeBuffer([-1, -1, 0, -1, -1, 1, 0, -1, 0, 1, -1, 1])
        let colors = makeBuffer([1, 0, 0, 1, 0, 1, 0, 1])
        glVertexAttribFormat(0, 2, GL_FLOAT, 0, 0)
        glVertexAttribFormat(1, 4, GL_FLOAT, 0, 0)
        glVertexAttribBinding(0, 0)
        glVertexAttribBinding(1, 5)
        glBindVertexBuffer(0, positions, 0, 8)
        glBindVertexBuffer(5, colors, 0, 16)
        glVertexBindingDivisor(5, 1)
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
        glDrawArraysInstanced(GL_TRIANGLES, 0, 6, 2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(0, 1), [255, 0, 0, 255])
        XCTAssertEqual(pixel(3, 1), [0, 255, 0, 255])
        XCTAssertEqual(integer(GL_VERTEX_BINDING_DIVISOR, 5), 1)
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_ARRAY_DIVISOR), 1, "the divisor of the attribute's binding")
        XCTAssertEqual(attrib(0, GL_VERTEX_ATTRIB_ARRAY_DIVISOR), 0)
    }

    /// glVertexAttribPointer and glVertexAttribDivisor set the binding of the attribute's own index.
    func testOldEntryPointsAreTheirCombinations() {
        makeScene()
        let b = makeBuffer(interleaved([1, 0, 1, 1]))
        glVertexAttribBinding(1, 0)
        glVertexAttribFormat(1, 4, GL_FLOAT, 0, 8)
        glVertexAttribPointer(0, 2, GL_FLOAT, 0, 24, nil)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_BUFFER, 0), GLint(b))
        XCTAssertEqual(integer(GL_VERTEX_BINDING_STRIDE, 0), 24)
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
        // Attribute 1 reads binding 0, which glVertexAttribPointer(0, …) filled.
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [255, 0, 255, 255])
        // glVertexAttribPointer(1, …): binding 1, relative offset 0, the offset in the binding; stride 0 packs.
        glVertexAttribPointer(1, 4, GL_FLOAT, 0, 0, UnsafeRawPointer(bitPattern: 8))
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_BINDING), 1)
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_RELATIVE_OFFSET), 0)
        XCTAssertEqual(attrib(1, GL_VERTEX_ATTRIB_ARRAY_STRIDE), 0)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_OFFSET, 1), 8)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_STRIDE, 1), 16, "the packed size of a vec4 of floats")
        glVertexAttribPointer(1, 4, GL_FLOAT, 0, 24, UnsafeRawPointer(bitPattern: 8))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [255, 0, 255, 255])
        // glVertexAttribDivisor(2, …) after glVertexAttribBinding(2, 0): the attribute returns to binding 2.
        glVertexAttribBinding(2, 0)
        glVertexAttribDivisor(2, 3)
        XCTAssertEqual(attrib(2, GL_VERTEX_ATTRIB_BINDING), 2)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_DIVISOR, 2), 3)
        XCTAssertEqual(integer(GL_VERTEX_BINDING_DIVISOR, 0), 0)
        // Rebinding binding 0 changes attribute 0's buffer as glVertexAttribPointer set it.
        glBindVertexBuffer(0, 0, 0, 16)
        XCTAssertEqual(attrib(0, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Client-memory arrays (compatibility profile) still go through bindings.
    func testClientMemoryArraysStillDraw() {
        makeScene(.compatibility)
        let vertices = interleaved([1, 1, 0, 1])
        vertices.withUnsafeBytes { p in
            glBindBuffer(GL_ARRAY_BUFFER, 0)
            glVertexAttribPointer(0, 2, GL_FLOAT, 0, 24, p.baseAddress)
            glVertexAttribPointer(1, 4, GL_FLOAT, 0, 24, p.baseAddress! + 8)
            glEnableVertexAttribArray(0)
            glEnableVertexAttribArray(1)
            glDrawArrays(GL_TRIANGLES, 0, 3)
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(pixel(), [255, 255, 0, 255])
        // A binding of buffer 0 made by glBindVertexBuffer has no client address: drawing from it is an error.
        glBindVertexBuffer(0, 0, 64, 24)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testLimitsAndErrors() {
        let c = makeCurrentContext()
        var v: GLint = 0
        glGetIntegerv(GL_MAX_VERTEX_ATTRIB_BINDINGS, &v)
        XCTAssertEqual(v, 16)
        glGetIntegerv(GL_MAX_VERTEX_ATTRIB_RELATIVE_OFFSET, &v)
        XCTAssertEqual(v, 2047)
        glGetIntegerv(GL_MAX_VERTEX_ATTRIB_STRIDE, &v)
        XCTAssertEqual(v, 2048)
        XCTAssertTrue(c.extensions.contains("GL_ARB_vertex_attrib_binding"))
        var b: GLuint = 0
        glGenBuffers(1, &b)
        // Core profile, no vertex array bound.
        glVertexAttribFormat(0, 4, GL_FLOAT, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "format without a VAO")
        glVertexAttribBinding(0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "binding without a VAO")
        glBindVertexBuffer(0, b, 0, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "buffer without a VAO")
        glVertexBindingDivisor(0, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "divisor without a VAO")
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glVertexAttribFormat(16, 4, GL_FLOAT, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "attribute index 16")
        glVertexAttribFormat(0, 5, GL_FLOAT, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "size 5")
        glVertexAttribFormat(0, 4, GL_RGBA, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "type GL_RGBA")
        glVertexAttribFormat(0, 4, GL_FLOAT, 0, 2048)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "relative offset 2048")
        glVertexAttribFormat(0, 4, GL_FLOAT, 0, 2047)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "relative offset 2047")
        glVertexAttribFormat(0, GLint(GL_BGRA), GL_UNSIGNED_BYTE, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "GL_BGRA not normalized")
        glVertexAttribFormat(0, 3, GL_INT_2_10_10_10_REV, 1, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a packed type of size 3")
        glVertexAttribIFormat(0, 4, GL_FLOAT, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "integer format of floats")
        glVertexAttribIFormat(0, GLint(GL_BGRA), GL_UNSIGNED_BYTE, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "integer GL_BGRA")
        glVertexAttribLFormat(0, 4, GL_FLOAT, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "double format of floats")
        glVertexAttribBinding(16, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "attribute index 16")
        glVertexAttribBinding(0, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "binding index 16")
        glBindVertexBuffer(16, b, 0, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "binding index 16")
        glBindVertexBuffer(0, b, -4, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative offset")
        glBindVertexBuffer(0, b, 0, -16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative stride")
        glBindVertexBuffer(0, b, 0, 2049)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a stride over GL_MAX_VERTEX_ATTRIB_STRIDE")
        glBindVertexBuffer(0, 12345, 0, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a name never generated")
        glVertexBindingDivisor(16, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "binding index 16")
        glVertexAttribPointer(0, 4, GL_FLOAT, 0, 4096, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "glVertexAttribPointer's stride over the limit")
        var x: GLint = 0
        glGetIntegeri_v(GL_VERTEX_BINDING_STRIDE, 16, &x)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "query of binding 16")
        XCTAssertEqual(integer(GL_VERTEX_BINDING_STRIDE, 0), 16, "the default stride")
        XCTAssertEqual(attrib(7, GL_VERTEX_ATTRIB_BINDING), 7, "attribute i starts on binding i")
        glBindVertexBuffer(0, b, 0, 2048)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
