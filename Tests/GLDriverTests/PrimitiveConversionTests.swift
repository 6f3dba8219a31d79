import GLCore
@testable import GLDriver
import XCTest

/// GL_QUADS, GL_QUAD_STRIP and GL_POLYGON in the compatibility profile (drawn as triangles where the host does
/// not take them), with flat shading taking the GL primitive's provoking vertex; refused in the core profile.
final class PrimitiveConversionTests: XCTestCase {
    var context: GLContext!

    override func tearDown() { GLContext.makeCurrent(nil) }

    func makeContext(_ profile: GLContextAttributes.Profile) {
        context = makeCurrentContext(profile)
        bindColorFramebuffer(width: 8, height: 8)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    /// A flat-shaded program: position (location 0) and colour (location 1) per vertex.
    func useFlatProgram() {
        let p = glCreateProgram()
        glAttachShader(p, compileShader(GL_VERTEX_SHADER, """
            #version 330 core
            layout(location = 0) in vec2 position;
            layout(location = 1) in vec4 color;
            flat out vec4 v;
            void main() { gl_Position = vec4(position, 0.0, 1.0); v = color; }
            """))
        glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, """
            #version 330 core
            flat in vec4 v;
            out vec4 color;
            void main() { color = v; }
            """))
        glLinkProgram(p)
        glUseProgram(p)
    }

    /// Vertex i has colour `palette[i]`.
    static let palette: [[UInt8]] = [
        [255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 0, 255], [0, 255, 255, 255], [255, 0, 255, 255],
    ]

    /// Loads positions and the palette into a buffer, attributes 0 and 1.
    func loadVertices(_ positions: [Float]) {
        var buffer: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_ARRAY_BUFFER, buffer)
        let n = positions.count / 2
        var bytes: [UInt8] = []
        for i in 0..<n {
            for f in positions[2 * i..<2 * i + 2] { withUnsafeBytes(of: f) { bytes += $0 } }
            bytes += Self.palette[i % Self.palette.count]
        }
        glBufferData(GL_ARRAY_BUFFER, bytes.count, bytes, GL_STATIC_DRAW)
        glVertexAttribPointer(0, 2, GL_FLOAT, GLboolean(GL_FALSE), 12, nil)
        glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GLboolean(GL_TRUE), 12, UnsafeRawPointer(bitPattern: 8))
        glEnableVertexAttribArray(0)
        glEnableVertexAttribArray(1)
    }

    func pixel(_ x: GLint, _ y: GLint) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func clear() {
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
    }

    /// Every pixel of the 8×8 target.
    func allPixels() -> Set<[UInt8]> {
        var all = [UInt8](repeating: 0, count: 8 * 8 * 4)
        glReadPixels(0, 0, 8, 8, GL_RGBA, GL_UNSIGNED_BYTE, &all)
        return Set(stride(from: 0, to: all.count, by: 4).map { Array(all[$0..<$0 + 4]) })
    }

    func testQuadsTakeTheLastVertex() {
        makeContext(.compatibility)
        useFlatProgram()
        loadVertices([-1, -1, 1, -1, 1, 1, -1, 1])
        for convention in [GL_LAST_VERTEX_CONVENTION, GL_FIRST_VERTEX_CONVENTION] {
            glProvokingVertex(convention)
            clear()
            glDrawArrays(GL_QUADS, 0, 4)
            XCTAssertEqual(allPixels(), [Self.palette[3]], "whole viewport, colour of vertex 3 (\(GLEnumNames.describe(convention)))")
            // Indexed, from client memory, with a trailing partial quad that draws nothing.
            clear()
            let indices: [UInt16] = [0, 1, 2, 3, 0, 1]
            glDrawElements(GL_QUADS, 6, GL_UNSIGNED_SHORT, indices)
            XCTAssertEqual(allPixels(), [Self.palette[3]])
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testQuadStripTakesEachQuadsLastVertex() {
        makeContext(.compatibility)
        useFlatProgram()
        // Quads (0 1 3 2) on the left half and (2 3 5 4) on the right.
        loadVertices([-1, -1, -1, 1, 0, -1, 0, 1, 1, -1, 1, 1])
        clear()
        glDrawArrays(GL_QUAD_STRIP, 0, 6)
        XCTAssertEqual(pixel(1, 1), Self.palette[3])
        XCTAssertEqual(pixel(2, 6), Self.palette[3])
        XCTAssertEqual(pixel(5, 1), Self.palette[5])
        XCTAssertEqual(pixel(6, 6), Self.palette[5])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testPolygonTakesTheFirstVertex() {
        makeContext(.compatibility)
        useFlatProgram()
        // A pentagon that covers the viewport's lower-left triangle and the rest up to the top-right corner.
        loadVertices([-1, -1, 1, -1, 1, 1, 0, 1, -1, 1])
        for convention in [GL_LAST_VERTEX_CONVENTION, GL_FIRST_VERTEX_CONVENTION] {
            glProvokingVertex(convention)
            clear()
            glDrawArrays(GL_POLYGON, 0, 5)
            XCTAssertEqual(allPixels(), [Self.palette[0]], GLEnumNames.describe(convention))
        }
        // Vertices 1…3 only: a triangle at the right edge.
        clear()
        glDrawArrays(GL_POLYGON, 1, 3)
        XCTAssertEqual(pixel(7, 1), Self.palette[1])
        XCTAssertEqual(pixel(0, 6), [0, 0, 0, 0])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testCoreProfileRefusesThem() {
        makeContext(.core)
        useFlatProgram()
        loadVertices([-1, -1, 1, -1, 1, 1, -1, 1])
        for mode in [GL_QUADS, GL_QUAD_STRIP, GL_POLYGON] {
            glDrawArrays(mode, 0, 4)
            XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        }
    }
}
