import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_map_buffer_alignment: every mapping's pointer, less its offset, is aligned to
/// GL_MIN_MAP_BUFFER_ALIGNMENT (64).
final class MapBufferAlignmentTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    func testMappingsAreAligned() throws {
        let c = makeCurrentContext()
        XCTAssertTrue(c.extensions.contains("GL_ARB_map_buffer_alignment"))
        var alignment: GLint = 0
        glGetIntegerv(GL_MIN_MAP_BUFFER_ALIGNMENT, &alignment)
        XCTAssertEqual(alignment, 64)
        var buffers = [GLuint](repeating: 0, count: 8)
        glGenBuffers(8, &buffers)
        for (i, name) in buffers.enumerated() {
            glBindBuffer(GL_ARRAY_BUFFER, name)
            let size = 1 + i * 37
            glBufferData(GL_ARRAY_BUFFER, size, [UInt8](repeating: UInt8(i), count: size), GL_STATIC_DRAW)
            let whole = try XCTUnwrap(glMapBuffer(GL_ARRAY_BUFFER, GL_READ_WRITE))
            XCTAssertEqual(Int(bitPattern: whole) % 64, 0, "glMapBuffer of \(size) bytes")
            XCTAssertEqual(whole.load(as: UInt8.self), UInt8(i))
            XCTAssertEqual(glUnmapBuffer(GL_ARRAY_BUFFER), 1)
            let offset = size / 3
            let part = try XCTUnwrap(glMapBufferRange(GL_ARRAY_BUFFER, offset, size - offset, GL_MAP_WRITE_BIT))
            XCTAssertEqual((Int(bitPattern: part) - offset) % 64, 0, "glMapBufferRange at \(offset)")
            part.storeBytes(of: 0xAB, as: UInt8.self)
            XCTAssertEqual(glUnmapBuffer(GL_ARRAY_BUFFER), 1)
            var back: UInt8 = 0
            glGetBufferSubData(GL_ARRAY_BUFFER, offset, 1, &back)
            XCTAssertEqual(back, 0xAB, "the write through the mapping landed")
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// The client copy is a value: a copy taken before a write keeps the old bytes.
    func testAlignedBytesCopyOnWrite() {
        var a: GLAlignedBytes = [1, 2, 3]
        let b = a
        a[1] = 9
        XCTAssertEqual(Array(a), [1, 9, 3])
        XCTAssertEqual(Array(b), [1, 2, 3])
        a.withUnsafeBytes { XCTAssertEqual(Int(bitPattern: $0.baseAddress!) % GLAlignedBytes.alignment, 0) }
        XCTAssertEqual(Array(GLAlignedBytes(count: 2)), [0, 0])
        XCTAssertEqual(Array(a[1..<3]), [9, 3])
    }
}
