import GLCore
@testable import GLDriver
import XCTest

/// GL_ARB_program_interface_query: resource lists, properties, locations, their agreement with the older queries,
/// and the errors.
final class ProgramInterfaceTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    static let vertex = """
        #version 330 core
        layout(location = 3) in vec4 position;
        in vec2 coords[2];
        out vec2 uv;
        void main() { gl_Position = position; uv = coords[0] + coords[1]; }
        """
    static let fragment = """
        #version 330 core
        #extension GL_ARB_explicit_uniform_location : require
        struct S { vec4 a; float b[3]; };
        layout(location = 5) uniform vec4 tint;
        uniform float weights[4];
        uniform vec4 unused;
        uniform S s;
        uniform Block { vec4 first; mat4 second; float third[2]; };
        in vec2 uv;
        layout(location = 1) out vec4 color;
        void main() { color = tint * weights[2] * first * second[1] * third[1] + s.a * s.b[2] + vec4(uv, 0.0, 0.0); }
        """

    func name(_ p: GLuint, _ interface: GLenum, _ index: GLuint) -> String {
        var buffer = [GLchar](repeating: 0, count: 64)
        var length: GLsizei = 0
        glGetProgramResourceName(p, interface, index, 64, &length, &buffer)
        return String(cString: buffer)
    }

    func properties(_ p: GLuint, _ interface: GLenum, _ index: GLuint, _ props: [GLenum], count: Int? = nil) -> [GLint] {
        var values = [GLint](repeating: -99, count: 16)
        var length: GLsizei = 0
        glGetProgramResourceiv(p, interface, index, GLsizei(props.count), props, 16, &length, &values)
        return Array(values.prefix(Int(length)))
    }

    func interface(_ p: GLuint, _ interface: GLenum, _ pname: GLenum) -> GLint {
        var v: GLint = -99
        glGetProgramInterfaceiv(p, interface, pname, &v)
        return v
    }

    func testUniformsAndBlocksAgreeWithTheOlderQueries() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, Self.vertex), (GL_FRAGMENT_SHADER, Self.fragment)])
        let count = interface(p, GL_UNIFORM, GL_ACTIVE_RESOURCES)
        var old: GLint = 0
        glGetProgramiv(p, GL_ACTIVE_UNIFORMS, &old)
        XCTAssertEqual(count, old)
        let names = (0..<GLuint(count)).map { name(p, GL_UNIFORM, $0) }
        XCTAssertEqual(Set(names), ["tint", "weights[0]", "s.a", "s.b[0]", "first", "second", "third[0]"])
        for (k, n) in names.enumerated() {
            XCTAssertEqual(glGetProgramResourceIndex(p, GL_UNIFORM, n), GLuint(k), n)
            var index: GLuint = 0
            n.withCString { c in
                var list: [UnsafePointer<GLchar>?] = [c]
                glGetUniformIndices(p, 1, &list, &index)
            }
            XCTAssertEqual(index, GLuint(k), "glGetUniformIndices(\(n))")
            var size: GLint = 0, type: GLenum = 0
            var buffer = [GLchar](repeating: 0, count: 64)
            glGetActiveUniform(p, GLuint(k), 64, nil, &size, &type, &buffer)
            XCTAssertEqual(String(cString: buffer), n)
            XCTAssertEqual(properties(p, GL_UNIFORM, GLuint(k), [GL_TYPE, GL_ARRAY_SIZE]), [GLint(bitPattern: type), size], n)
        }
        let weights = glGetProgramResourceIndex(p, GL_UNIFORM, "weights")
        XCTAssertEqual(properties(p, GL_UNIFORM, weights, [GL_NAME_LENGTH, GL_TYPE, GL_ARRAY_SIZE, GL_BLOCK_INDEX, GL_OFFSET]),
                       [11, GLint(GL_FLOAT), 3, -1, -1], "one past the highest element used")
        XCTAssertEqual(glGetProgramResourceIndex(p, GL_UNIFORM, "unused"), GL_INVALID_INDEX, "inactive")
        XCTAssertEqual(properties(p, GL_UNIFORM, weights, [GL_REFERENCED_BY_VERTEX_SHADER, GL_REFERENCED_BY_FRAGMENT_SHADER]), [0, 1])
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_UNIFORM, "tint"), 5)
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_UNIFORM, "weights[2]"), glGetUniformLocation(p, "weights[2]"))
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_UNIFORM, "s.b[1]"), glGetUniformLocation(p, "s.b[1]"))
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_UNIFORM, "first"), -1, "block members have no location")
        // The block: its members, offsets as glGetActiveUniformsiv gives them.
        XCTAssertEqual(interface(p, GL_UNIFORM_BLOCK, GL_ACTIVE_RESOURCES), 1)
        XCTAssertEqual(glGetProgramResourceIndex(p, GL_UNIFORM_BLOCK, "Block"), glGetUniformBlockIndex(p, "Block"))
        let block = properties(p, GL_UNIFORM_BLOCK, 0, [GL_NUM_ACTIVE_VARIABLES, GL_BUFFER_DATA_SIZE])
        XCTAssertEqual(block, [3, 16 + 64 + 32])
        let variables = properties(p, GL_UNIFORM_BLOCK, 0, [GL_ACTIVE_VARIABLES])
        XCTAssertEqual(Set(variables.map { name(p, GL_UNIFORM, GLuint($0)) }), ["first", "second", "third[0]"])
        let third = glGetProgramResourceIndex(p, GL_UNIFORM, "third")
        XCTAssertEqual(properties(p, GL_UNIFORM, third, [GL_BLOCK_INDEX, GL_OFFSET, GL_ARRAY_STRIDE, GL_ARRAY_SIZE]), [0, 80, 16, 2])
        XCTAssertEqual(interface(p, GL_UNIFORM_BLOCK, GL_MAX_NUM_ACTIVE_VARIABLES), 3)
        XCTAssertEqual(interface(p, GL_UNIFORM, GL_MAX_NAME_LENGTH), 11, "weights[0]")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testInputsAndOutputs() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, Self.vertex), (GL_FRAGMENT_SHADER, Self.fragment)])
        let inputs = (0..<GLuint(interface(p, GL_PROGRAM_INPUT, GL_ACTIVE_RESOURCES))).map { name(p, GL_PROGRAM_INPUT, $0) }
        XCTAssertEqual(Set(inputs), ["position", "coords[0]"])
        let coords = glGetProgramResourceIndex(p, GL_PROGRAM_INPUT, "coords")
        XCTAssertEqual(properties(p, GL_PROGRAM_INPUT, coords, [GL_TYPE, GL_ARRAY_SIZE, GL_IS_PER_PATCH]), [GLint(GL_FLOAT_VEC2), 2, 0])
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_PROGRAM_INPUT, "position"), 3)
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_PROGRAM_INPUT, "coords[1]"), glGetAttribLocation(p, "coords") + 1)
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_PROGRAM_INPUT, "coords[2]"), -1)
        XCTAssertEqual(interface(p, GL_PROGRAM_OUTPUT, GL_ACTIVE_RESOURCES), 1)
        XCTAssertEqual(name(p, GL_PROGRAM_OUTPUT, 0), "color")
        XCTAssertEqual(properties(p, GL_PROGRAM_OUTPUT, 0, [GL_TYPE, GL_LOCATION, GL_LOCATION_INDEX, GL_REFERENCED_BY_FRAGMENT_SHADER, GL_REFERENCED_BY_VERTEX_SHADER]),
                       [GLint(GL_FLOAT_VEC4), 1, 0, 1, 0])
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_PROGRAM_OUTPUT, "color"), glGetFragDataLocation(p, "color"))
        XCTAssertEqual(glGetProgramResourceLocationIndex(p, GL_PROGRAM_OUTPUT, "color"), 0)
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_PROGRAM_INPUT, "gl_VertexID"), -1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testTransformFeedbackVaryingsInTheirOrder() {
        _ = makeCurrentContext()
        let vs = "#version 330 core\nout vec4 a;\nout float b[2];\nvoid main() { a = vec4(1.0); b[0] = 2.0; b[1] = 3.0; gl_Position = a; }\n"
        let program = glCreateProgram()
        glAttachShader(program, compileShader(GL_VERTEX_SHADER, vs))
        let names = ["b", "gl_NextBuffer", "a"]
        let cstrings = names.map { strdup($0) }
        defer { cstrings.forEach { free($0) } }
        var pointers = cstrings.map { UnsafePointer<GLchar>($0) }
        glTransformFeedbackVaryings(program, 3, &pointers, GL_INTERLEAVED_ATTRIBS)
        glLinkProgram(program)
        XCTAssertEqual(interface(program, GL_TRANSFORM_FEEDBACK_VARYING, GL_ACTIVE_RESOURCES), 3)
        XCTAssertEqual((0..<3).map { name(program, GL_TRANSFORM_FEEDBACK_VARYING, $0) }, names)
        XCTAssertEqual(properties(program, GL_TRANSFORM_FEEDBACK_VARYING, 0, [GL_TYPE, GL_ARRAY_SIZE]), [GLint(GL_FLOAT), 2])
        XCTAssertEqual(glGetProgramResourceIndex(program, GL_TRANSFORM_FEEDBACK_VARYING, "gl_NextBuffer"), GL_INVALID_INDEX)
        XCTAssertEqual(interface(program, GL_TRANSFORM_FEEDBACK_BUFFER, GL_ACTIVE_RESOURCES), 2)
        XCTAssertEqual(properties(program, GL_TRANSFORM_FEEDBACK_BUFFER, 1, [GL_BUFFER_BINDING, GL_NUM_ACTIVE_VARIABLES, GL_ACTIVE_VARIABLES, GL_TRANSFORM_FEEDBACK_BUFFER_STRIDE]),
                       [1, 1, 2, 16])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testSubroutinesByTheirIndex() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, SubroutineTests.fragment)])
        let functions = interface(p, GL_FRAGMENT_SUBROUTINE, GL_ACTIVE_RESOURCES)
        var old: GLint = 0
        glGetProgramStageiv(p, GL_FRAGMENT_SHADER, GL_ACTIVE_SUBROUTINES, &old)
        XCTAssertEqual(functions, old)
        for f in ["full", "none", "ordered"] {
            XCTAssertEqual(glGetProgramResourceIndex(p, GL_FRAGMENT_SUBROUTINE, f), glGetSubroutineIndex(p, GL_FRAGMENT_SHADER, f), f)
        }
        let red = glGetProgramResourceIndex(p, GL_FRAGMENT_SUBROUTINE_UNIFORM, "Red")
        XCTAssertNotEqual(red, GL_INVALID_INDEX)
        XCTAssertEqual(properties(p, GL_FRAGMENT_SUBROUTINE_UNIFORM, red, [GL_LOCATION, GL_ARRAY_SIZE, GL_NUM_COMPATIBLE_SUBROUTINES]), [3, 1, 3])
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_FRAGMENT_SUBROUTINE_UNIFORM, "Green[1]"), glGetSubroutineUniformLocation(p, GL_FRAGMENT_SHADER, "Green[1]"))
        XCTAssertEqual(interface(p, GL_FRAGMENT_SUBROUTINE_UNIFORM, GL_MAX_NUM_COMPATIBLE_SUBROUTINES), 3)
        XCTAssertEqual(interface(p, GL_VERTEX_SUBROUTINE_UNIFORM, GL_ACTIVE_RESOURCES), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testErrors() {
        _ = makeCurrentContext()
        let p = linkedProgram([(GL_VERTEX_SHADER, Self.vertex), (GL_FRAGMENT_SHADER, Self.fragment)])
        var v: GLint = 0
        glGetProgramInterfaceiv(9999, GL_UNIFORM, GL_ACTIVE_RESOURCES, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "no such object")
        let shader = compileShader(GL_VERTEX_SHADER, Self.vertex)
        glGetProgramInterfaceiv(shader, GL_UNIFORM, GL_ACTIVE_RESOURCES, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a shader")
        glGetProgramInterfaceiv(p, GL_TEXTURE_2D, GL_ACTIVE_RESOURCES, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not an interface")
        glGetProgramInterfaceiv(p, GL_UNIFORM, GL_MAX_NUM_ACTIVE_VARIABLES, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glGetProgramInterfaceiv(p, GL_ATOMIC_COUNTER_BUFFER, GL_MAX_NAME_LENGTH, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        XCTAssertEqual(glGetProgramResourceIndex(p, GL_ATOMIC_COUNTER_BUFFER, "x"), GL_INVALID_INDEX)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        var buffer = [GLchar](repeating: 0, count: 8)
        glGetProgramResourceName(p, GL_UNIFORM, 1000, 8, nil, &buffer)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var props: [GLenum] = [GL_TYPE]
        var values = [GLint](repeating: 0, count: 4)
        glGetProgramResourceiv(p, GL_UNIFORM, 0, 0, &props, 4, nil, &values)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "propCount 0")
        glGetProgramResourceiv(p, GL_UNIFORM_BLOCK, 0, 1, &props, 4, nil, &values)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "GL_TYPE of a block")
        props = [GL_TEXTURE_2D]
        glGetProgramResourceiv(p, GL_UNIFORM, 0, 1, &props, 4, nil, &values)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not a property")
        XCTAssertEqual(glGetProgramResourceLocation(p, GL_UNIFORM_BLOCK, "Block"), -1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(glGetProgramResourceLocationIndex(p, GL_PROGRAM_INPUT, "position"), -1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        let unlinked = glCreateProgram()
        XCTAssertEqual(glGetProgramResourceLocation(unlinked, GL_UNIFORM, "tint"), -1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not linked")
        glGetProgramInterfaceiv(unlinked, GL_UNIFORM, GL_ACTIVE_RESOURCES, &v)
        XCTAssertEqual(v, 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
