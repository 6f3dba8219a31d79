import GLCore
@testable import GLDriver
import VirglTransport
import XCTest

/// Buffer objects and vertex arrays through the C entry points, with the host's copy checked through the
/// context's transport (in-process virglrenderer).
final class BufferObjectTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 4, minor: 6, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    func makeBuffer(_ target: GLenum = GL_ARRAY_BUFFER) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(target, b)
        return b
    }

    /// The bytes the host resource holds.
    func hostBytes(_ name: GLuint) throws -> [UInt8] {
        let b = try XCTUnwrap(context.buffers[name])
        let r = try XCTUnwrap(b.resource)
        var out = [UInt8](repeating: 0, count: b.size)
        try out.withUnsafeMutableBytes {
            try context.transport!.read(r, level: 0, box: VirglBox(width: UInt32(b.size)), into: $0, stride: b.size, layerStride: b.size)
        }
        return out
    }

    func testDataSubDataAndReadBackReachTheHost() throws {
        let name = makeBuffer()
        let data: [UInt8] = Array(0..<64)
        glBufferData(GL_ARRAY_BUFFER, 64, data, GL_STATIC_DRAW)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(try hostBytes(name), data)
        glBufferSubData(GL_ARRAY_BUFFER, 8, 4, [UInt8]([200, 201, 202, 203]))
        var back = [UInt8](repeating: 0, count: 64)
        glGetBufferSubData(GL_ARRAY_BUFFER, 0, 64, &back)
        XCTAssertEqual(Array(back[6..<14]), [6, 7, 200, 201, 202, 203, 12, 13])
        XCTAssertEqual(try hostBytes(name), back)
        var size: GLint = 0
        glGetBufferParameteriv(GL_ARRAY_BUFFER, GL_BUFFER_SIZE, &size)
        XCTAssertEqual(size, 64)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testMapWriteUnmapUploadsAndMapErrors() throws {
        let name = makeBuffer()
        glBufferData(GL_ARRAY_BUFFER, 16, nil, GL_DYNAMIC_DRAW)
        let p = try XCTUnwrap(glMapBufferRange(GL_ARRAY_BUFFER, 4, 8, GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT))
        p.storeBytes(of: 0xAABB_CCDD as UInt32, as: UInt32.self)
        XCTAssertNil(glMapBufferRange(GL_ARRAY_BUFFER, 0, 4, GL_MAP_READ_BIT))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "already mapped")
        glBufferSubData(GL_ARRAY_BUFFER, 0, 1, [UInt8(1)])
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "SubData while mapped")
        var mapped: GLint = 0
        glGetBufferParameteriv(GL_ARRAY_BUFFER, GL_BUFFER_MAPPED, &mapped)
        XCTAssertEqual(mapped, 1)
        XCTAssertEqual(glUnmapBuffer(GL_ARRAY_BUFFER), 1)
        XCTAssertEqual(try hostBytes(name), [0, 0, 0, 0, 0xDD, 0xCC, 0xBB, 0xAA, 0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(glUnmapBuffer(GL_ARRAY_BUFFER), 0)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertNil(glMapBufferRange(GL_ARRAY_BUFFER, 8, 16, GL_MAP_READ_BIT))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "beyond the end")
        XCTAssertNil(glMapBufferRange(GL_ARRAY_BUFFER, 0, 4, GL_MAP_READ_BIT | GL_MAP_INVALIDATE_BUFFER_BIT))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "read with invalidate")
    }

    func testExplicitFlushUploadsOnlyFlushedRanges() throws {
        let name = makeBuffer()
        glBufferData(GL_ARRAY_BUFFER, 8, [UInt8](repeating: 0, count: 8), GL_DYNAMIC_DRAW)
        let p = try XCTUnwrap(glMapBufferRange(GL_ARRAY_BUFFER, 0, 8, GL_MAP_WRITE_BIT | GL_MAP_FLUSH_EXPLICIT_BIT))
        for i in 0..<8 { p.storeBytes(of: UInt8(i + 1), toByteOffset: i, as: UInt8.self) }
        glFlushMappedBufferRange(GL_ARRAY_BUFFER, 2, 2)
        XCTAssertEqual(glUnmapBuffer(GL_ARRAY_BUFFER), 1)
        XCTAssertEqual(try hostBytes(name), [0, 0, 3, 4, 0, 0, 0, 0])
    }

    func testCopyBufferSubData() throws {
        let a = makeBuffer(GL_COPY_READ_BUFFER)
        glBufferData(GL_COPY_READ_BUFFER, 8, [UInt8]([1, 2, 3, 4, 5, 6, 7, 8]), GL_STATIC_DRAW)
        let b = makeBuffer(GL_COPY_WRITE_BUFFER)
        glBufferData(GL_COPY_WRITE_BUFFER, 8, [UInt8](repeating: 0, count: 8), GL_STATIC_DRAW)
        glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 2, 4, 4)
        XCTAssertEqual(try hostBytes(b), [0, 0, 0, 0, 3, 4, 5, 6])
        glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 6, 0, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "source range past the end")
        glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_READ_BUFFER, 0, 2, 4)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "overlap in one buffer")
        XCTAssertEqual(try hostBytes(a), [1, 2, 3, 4, 5, 6, 7, 8])
    }

    func testBufferErrors() {
        glBufferData(GL_ARRAY_BUFFER, 4, nil, GL_STATIC_DRAW)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "nothing bound")
        _ = makeBuffer()
        glBufferData(GL_ARRAY_BUFFER, -1, nil, GL_STATIC_DRAW)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glBufferData(GL_ARRAY_BUFFER, 4, nil, GL_RGBA)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBufferData(GL_ARRAY_BUFFER, 4, nil, GL_STATIC_DRAW)
        glBufferSubData(GL_ARRAY_BUFFER, 2, 4, [UInt8](repeating: 0, count: 4))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "past the end")
        glBindBuffer(GL_ARRAY_BUFFER, 12345)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a name never generated (core)")
        var none: GLuint = 0
        glDeleteBuffers(-1, &none)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testDeletingABoundBufferUnbindsIt() {
        let name = makeBuffer()
        XCTAssertEqual(glIsBuffer(name), 1)
        var n = name
        glDeleteBuffers(1, &n)
        XCTAssertEqual(glIsBuffer(name), 0)
        var bound: GLint = 7
        glGetBufferParameteriv(GL_ARRAY_BUFFER, GL_BUFFER_SIZE, &bound)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "nothing bound any more")
    }

    func testVertexArraysInCore() {
        glVertexAttribPointer(0, 3, GL_FLOAT, 0, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no VAO bound in core")
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        let b = makeBuffer()
        glBufferData(GL_ARRAY_BUFFER, 64, nil, GL_STATIC_DRAW)
        glVertexAttribPointer(1, 3, GL_FLOAT, 0, 24, UnsafeRawPointer(bitPattern: 12))
        glEnableVertexAttribArray(1)
        glVertexAttribDivisor(1, 2)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var v: GLint = 0
        glGetVertexAttribiv(1, GL_VERTEX_ATTRIB_ARRAY_SIZE, &v)
        XCTAssertEqual(v, 3)
        glGetVertexAttribiv(1, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING, &v)
        XCTAssertEqual(GLuint(v), b)
        glGetVertexAttribiv(1, GL_VERTEX_ATTRIB_ARRAY_DIVISOR, &v)
        XCTAssertEqual(v, 2)
        var p: UnsafeMutableRawPointer?
        glGetVertexAttribPointerv(1, GL_VERTEX_ATTRIB_ARRAY_POINTER, &p)
        XCTAssertEqual(Int(bitPattern: p), 12)
        glVertexAttribPointer(0, 5, GL_FLOAT, 0, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "size 5")
        glVertexAttribIPointer(0, 2, GL_FLOAT, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "float type for an integer attribute")
        glVertexAttribPointer(16, 4, GL_FLOAT, 0, 0, nil)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index past GL_MAX_VERTEX_ATTRIBS")
        glBindBuffer(GL_ARRAY_BUFFER, 0)
        glVertexAttribPointer(0, 4, GL_FLOAT, 0, 0, UnsafeRawPointer(bitPattern: 16))
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "client arrays in core")
        // The element buffer belongs to the VAO.
        let e = makeBuffer(GL_ELEMENT_ARRAY_BUFFER)
        glBindVertexArray(0)
        XCTAssertNil(context.boundBuffer(GL_ELEMENT_ARRAY_BUFFER))
        glBindVertexArray(vao)
        XCTAssertEqual(context.boundBuffer(GL_ELEMENT_ARRAY_BUFFER)?.name, e)
    }
}
