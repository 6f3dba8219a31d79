import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_enhanced_layouts: `component` qualifiers (varyings, vertex inputs and fragment outputs sharing a
/// location), the link-time aliasing rules, GL_LOCATION_COMPONENT, and explicit block member offsets.
final class EnhancedLayoutsTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let header = """
        #version 330 core
        #extension GL_ARB_enhanced_layouts : require
        #extension GL_ARB_separate_shader_objects : require

        """

    /// The full-viewport triangle's vertex position (for a vertex shader of the tests).
    static let position = "gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);"

    /// Clears to grey, draws the full-viewport triangle with `p`, and returns the centre pixel.
    func drawnPixel(_ p: GLuint) -> [Int] {
        glClearColor(0.5, 0.5, 0.5, 0.5)
        glClear(GL_COLOR_BUFFER_BIT)
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel.map(Int.init)
    }

    func assertPixel(_ actual: [Int], _ expected: [Int], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) where abs(a - e) > 1 {
            XCTFail("pixel \(actual), expected \(expected)", file: file, line: line)
            return
        }
    }

    /// Whether `vertex` and `fragment` compile (each) and link.
    func compilesAndLinks(_ vertex: String, _ fragment: String) -> (compiled: Bool, linked: Bool) {
        let p = glCreateProgram()
        var compiled = true
        for (type, source) in [(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)] {
            let s = compileShader(type, source)
            var ok: GLint = 0
            glGetShaderiv(s, GL_COMPILE_STATUS, &ok)
            compiled = compiled && ok == 1
            glAttachShader(p, s)
        }
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        return (compiled, ok == 1)
    }

    func testTheExtensionIsListedWithGL43() {
        let listed = context.extensions.contains("GL_ARB_enhanced_layouts")
        XCTAssertEqual(listed, context.reportedVersion >= (4, 3))
    }

    /// Two vec2 varyings in components 0 and 2 of one location reach fragment inputs of other names declared
    /// at the same location and components.
    func testTwoVec2VaryingsInOneLocation() {
        let vertex = Self.header + """
            layout(location = 0) out vec2 a;
            layout(location = 0, component = 2) out vec2 b;
            void main() { \(Self.position) a = vec2(0.25, 0.5); b = vec2(0.75, 1.0); }
            """
        let fragment = Self.header + """
            layout(location = 0, component = 2) in vec2 second;
            layout(location = 0) in vec2 first;
            out vec4 color;
            void main() { color = vec4(second, first); }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        assertPixel(drawnPixel(p), [191, 255, 64, 128])
    }

    /// Fragment outputs in components of one colour write their parts of it.
    func testFragmentOutputsShareAColour() {
        let fragment = Self.header + """
            layout(location = 0, component = 1) out vec3 rest;
            layout(location = 0) out float red;
            void main() { rest = vec3(0.0, 1.0, 0.25); red = 1.0; }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
        assertPixel(drawnPixel(p), [255, 0, 255, 64])
        var values: [GLint] = [-1]
        let property = [GL_LOCATION_COMPONENT]
        var length: GLsizei = 0
        glGetProgramResourceiv(p, GL_PROGRAM_OUTPUT, glGetProgramResourceIndex(p, GL_PROGRAM_OUTPUT, "rest"), 1, property, 1, &length, &values)
        XCTAssertEqual(values, [1])
        glGetProgramResourceiv(p, GL_PROGRAM_OUTPUT, glGetProgramResourceIndex(p, GL_PROGRAM_OUTPUT, "red"), 1, property, 1, &length, &values)
        XCTAssertEqual(values, [0])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Vertex inputs in components of one attribute read their parts of it.
    func testVertexInputsShareAnAttribute() {
        let vertex = Self.header + """
            layout(location = 0) in vec2 xy;
            layout(location = 0, component = 2) in vec2 zw;
            out vec4 v;
            void main() { \(Self.position) v = vec4(zw, xy); }
            """
        let fragment = Self.header + "in vec4 v; out vec4 color; void main() { color = v; }\n"
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        glVertexAttrib4f(0, 0.25, 0.5, 0.75, 1.0)
        assertPixel(drawnPixel(p), [191, 255, 64, 128])
    }

    /// Overlapping components are a link error (the shader itself compiles, as with Mesa).
    func testOverlappingComponentsFailTheLink() {
        let fragment = Self.header + """
            layout(location = 0) out vec3 a;
            layout(location = 0, component = 2) out float b;
            void main() { a = vec3(0.0); b = 1.0; }
            """
        let r = compilesAndLinks(fullViewportTriangleVS, fragment)
        XCTAssertTrue(r.compiled)
        XCTAssertFalse(r.linked)
    }

    /// Varyings sharing a location need one numerical type: an int vector beside a float fails the link, a float
    /// vector beside a float links.
    func testAliasedVaryingsNeedOneNumericalType() {
        func shaders(_ type: String, _ value: String) -> (String, String) {
            (Self.header + """
                layout(location = 0) flat out \(type) a;
                layout(location = 0, component = 3) flat out float b;
                void main() { \(Self.position) a = \(value); b = 1.0; }
                """,
             Self.header + """
                layout(location = 0) flat in \(type) a;
                layout(location = 0, component = 3) flat in float b;
                out vec4 color;
                void main() { color = vec4(vec3(a), b); }
                """)
        }
        let mixed = shaders("ivec3", "ivec3(1)")
        XCTAssertFalse(compilesAndLinks(mixed.0, mixed.1).linked)
        let same = shaders("vec3", "vec3(1.0, 0.0, 1.0)")
        let p = linkedProgram([(GL_VERTEX_SHADER, same.0), (GL_FRAGMENT_SHADER, same.1)])
        assertPixel(drawnPixel(p), [255, 0, 255, 255])
    }

    /// A uniform block member with `layout(offset)` reads the buffer at that offset, and the query says so.
    func testBlockMemberOffset() {
        let fragment = Self.header + """
            layout(std140) uniform Block {
                vec4 first;
                layout(offset = 32) vec4 second;
            };
            out vec4 color;
            void main() { color = second + first; }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fragment)])
        var index: GLuint = 0
        "second".withCString { name in
            var names: [UnsafePointer<GLchar>?] = [name]
            glGetUniformIndices(p, 1, &names, &index)
        }
        var offset: GLint = -1
        glGetActiveUniformsiv(p, 1, &index, GL_UNIFORM_OFFSET, &offset)
        XCTAssertEqual(offset, 32)
        // first = 0, bytes 16..<32 = 1 (padding the offset skips), second = (0, 1, 0.25, 1).
        let data: [Float] = [0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0.25, 1]
        var buffer: GLuint = 0
        glGenBuffers(1, &buffer)
        glBindBuffer(GL_UNIFORM_BUFFER, buffer)
        glBufferData(GL_UNIFORM_BUFFER, GLsizeiptr(data.count * 4), data, GL_STATIC_DRAW)
        glBindBufferBase(GL_UNIFORM_BUFFER, 0, buffer)
        assertPixel(drawnPixel(p), [0, 255, 64, 255])
    }

    /// `xfb_offset` / `xfb_buffer` in the shader set up the capture without glTransformFeedbackVaryings: buffers 0
    /// and 2 get their outputs at the given offsets (a gap left where nothing is captured), buffer 1 none.
    func testShaderLayoutCapturesWithoutTransformFeedbackVaryings() {
        let vertex = Self.header + """
            layout(xfb_offset = 0) out float x1;
            layout(xfb_offset = 8) out vec2 x2[2];
            layout(xfb_buffer = 2, xfb_offset = 4) out vec3 y;
            layout(xfb_buffer = 2) out;
            out vec4 notCaptured;
            void main() {
                gl_Position = vec4(0.0);
                x1 = 1.0; x2[0] = vec2(2.0, 3.0); x2[1] = vec2(4.0, 5.0); y = vec3(6.0, 7.0, 8.0); notCaptured = vec4(9.0);
            }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex)])
        var count: GLint = -1
        glGetProgramiv(p, GL_TRANSFORM_FEEDBACK_VARYINGS, &count)
        XCTAssertEqual(count, 3)
        var buffers: [GLuint] = [0, 0]
        glGenBuffers(2, &buffers)
        let sentinel = [Float](repeating: -1, count: 6)
        for (k, binding) in [(0, 0), (1, 2)] {
            glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, GLuint(binding), buffers[k])
            glBufferData(GL_TRANSFORM_FEEDBACK_BUFFER, 24, sentinel, GL_STREAM_READ)
        }
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(p)
        glEnable(GL_RASTERIZER_DISCARD)
        glBeginTransformFeedback(GL_POINTS)
        glDrawArrays(GL_POINTS, 0, 1)
        glEndTransformFeedback()
        glDisable(GL_RASTERIZER_DISCARD)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        func contents(_ buffer: GLuint, _ floats: Int) -> [Float] {
            var out = [Float](repeating: 0, count: floats)
            glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, buffer)
            glGetBufferSubData(GL_TRANSFORM_FEEDBACK_BUFFER, 0, GLsizeiptr(floats * 4), &out)
            return out
        }
        // Buffer 0: x1 at 0, a gap at 4, x2 at 8 (stride 24 bytes); buffer 2: a gap, then y at 4.
        XCTAssertEqual(contents(buffers[0], 6), [1, -1, 2, 3, 4, 5])
        XCTAssertEqual(contents(buffers[1], 4), [-1, 6, 7, 8])
        // GL_TRANSFORM_FEEDBACK_BUFFER resources: the bindings and strides the layout gives.
        var bufferCount: GLint = -1
        glGetProgramInterfaceiv(p, GL_TRANSFORM_FEEDBACK_BUFFER, GL_ACTIVE_RESOURCES, &bufferCount)
        XCTAssertEqual(bufferCount, 2)
        var values: [GLint] = [-1, -1]
        var length: GLsizei = 0
        let props = [GL_BUFFER_BINDING, GL_TRANSFORM_FEEDBACK_BUFFER_STRIDE]
        glGetProgramResourceiv(p, GL_TRANSFORM_FEEDBACK_BUFFER, 1, 2, props, 2, &length, &values)
        XCTAssertEqual(values, [2, 16])
    }
}
