import GLCore
@testable import GLDriver
import XCTest

/// Separate shader objects (ARB_separate_shader_objects): separable programs of one stage each, drawn through a
/// program pipeline, with varyings matched by location and by name; glProgramUniform, glActiveShaderProgram,
/// the pipeline queries and errors.
final class SeparateShaderObjectTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A separable program made by glCreateShaderProgramv, asserting that it links.
    func shaderProgram(_ type: GLenum, _ source: String, file: StaticString = #filePath, line: UInt = #line) -> GLuint {
        let p = source.withCString { s -> GLuint in
            var ptr: UnsafePointer<GLchar>? = s
            return glCreateShaderProgramv(type, 1, &ptr)
        }
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        if ok != 1 {
            var log = [GLchar](repeating: 0, count: 4096)
            glGetProgramInfoLog(p, 4096, nil, &log)
            XCTFail("program does not link: \(String(cString: log))", file: file, line: line)
        }
        return p
    }

    func setUpTarget() {
        _ = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    func pixel() -> [UInt8] {
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(1, 1, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    static let vertexSource = """
        #version 330 core
        #extension GL_ARB_separate_shader_objects : require
        layout(location = 3) out vec4 byLocation;
        out vec4 zeta;
        out vec4 alpha;
        uniform vec4 tint;
        void main() {
            gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
            byLocation = vec4(1.0, 0.0, 0.0, 0.0);
            alpha = vec4(0.0, 0.0, 1.0, 0.0);
            zeta = tint;
        }
        """
    /// Declares the varyings in another order, and the located one under another name.
    static let fragmentSource = """
        #version 330 core
        #extension GL_ARB_separate_shader_objects : require
        in vec4 alpha;
        layout(location = 3) in vec4 red;
        in vec4 zeta;
        uniform float scale;
        out vec4 o;
        void main() { o = (red + alpha + zeta) * scale; }
        """

    func testPipelineDrawsWithVaryingsMatchedByLocationAndName() {
        setUpTarget()
        let vp = shaderProgram(GL_VERTEX_SHADER, Self.vertexSource), fp = shaderProgram(GL_FRAGMENT_SHADER, Self.fragmentSource)
        var separable: GLint = 0
        glGetProgramiv(vp, GL_PROGRAM_SEPARABLE, &separable)
        XCTAssertEqual(separable, 1)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        XCTAssertEqual(glIsProgramPipeline(pipe), 0, "no object before the first bind")
        glBindProgramPipeline(pipe)
        XCTAssertEqual(glIsProgramPipeline(pipe), 1)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        // glProgramUniform on programs not in use; glUniform through the active program.
        glProgramUniform4f(vp, glGetUniformLocation(vp, "tint"), 0, 1, 0, 1)
        glActiveShaderProgram(pipe, fp)
        glUniform1f(glGetUniformLocation(fp, "scale"), 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [255, 255, 255, 255])
        glProgramUniform4f(vp, glGetUniformLocation(vp, "tint"), 0, 0, 0, 1)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [255, 0, 255, 255])
        // A program in use wins over the pipeline.
        let unified = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            out vec4 o;
            void main() { o = vec4(0.0, 1.0, 0.0, 1.0); }
            """)])
        glUseProgram(unified)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        glUseProgram(0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [255, 0, 255, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testQueriesAndErrors() {
        setUpTarget()
        let vp = shaderProgram(GL_VERTEX_SHADER, Self.vertexSource), fp = shaderProgram(GL_FRAGMENT_SHADER, Self.fragmentSource)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        glUseProgramStages(pipe, GLbitfield(GL_ALL_SHADER_BITS), vp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        glActiveShaderProgram(pipe, fp)
        var v: GLint = 0
        glGetProgramPipelineiv(pipe, GL_VERTEX_SHADER, &v)
        XCTAssertEqual(GLuint(v), vp)
        glGetProgramPipelineiv(pipe, GL_FRAGMENT_SHADER, &v)
        XCTAssertEqual(GLuint(v), fp)
        glGetProgramPipelineiv(pipe, GL_GEOMETRY_SHADER, &v)
        XCTAssertEqual(v, 0, "the vertex program has no geometry stage")
        glGetProgramPipelineiv(pipe, GL_ACTIVE_PROGRAM, &v)
        XCTAssertEqual(GLuint(v), fp)
        glValidateProgramPipeline(pipe)
        glGetProgramPipelineiv(pipe, GL_VALIDATE_STATUS, &v)
        XCTAssertEqual(v, 1)
        glBindProgramPipeline(pipe)
        glGetIntegerv(GL_PROGRAM_PIPELINE_BINDING, &v)
        XCTAssertEqual(GLuint(v), pipe)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        glUseProgramStages(pipe, 0x4000_0000, vp)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "unknown stage bits")
        glUseProgramStages(12345, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "not a pipeline name")
        glBindProgramPipeline(12345)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glProgramParameteri(vp, GL_PROGRAM_SEPARABLE, 2)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glProgramParameteri(vp, GL_LINK_STATUS, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glGetProgramPipelineiv(pipe, GL_LINK_STATUS, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        // A program not linked separable cannot be a stage.
        let unified = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            out vec4 o;
            void main() { o = vec4(1.0); }
            """)])
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), unified)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glProgramUniform1f(unified, 99, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "no uniform at location 99")
        glProgramUniform1f(99999, 0, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        // Relinked as not separable: the pipeline no longer draws.
        let vs = compileShader(GL_VERTEX_SHADER, Self.vertexSource)
        let relinked = glCreateProgram()
        glProgramParameteri(relinked, GL_PROGRAM_SEPARABLE, 1)
        glAttachShader(relinked, vs)
        glLinkProgram(relinked)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), relinked)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glProgramParameteri(relinked, GL_PROGRAM_SEPARABLE, 0)
        glLinkProgram(relinked)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
        glValidateProgramPipeline(pipe)
        glGetProgramPipelineiv(pipe, GL_VALIDATE_STATUS, &v)
        XCTAssertEqual(v, 0)
        glGetProgramPipelineiv(pipe, GL_INFO_LOG_LENGTH, &v)
        XCTAssertGreaterThan(v, 0)
        glDeleteProgramPipelines(1, &pipe)
        glGetIntegerv(GL_PROGRAM_PIPELINE_BINDING, &v)
        XCTAssertEqual(v, 0)
        XCTAssertEqual(glIsProgramPipeline(pipe), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}

extension SeparateShaderObjectTests {
    /// Subroutine selections of a pipeline stage go to that stage's program (glUniformSubroutinesuiv acts on the
    /// bound pipeline's program for the stage).
    func testSubroutinesOfAPipelineStage() {
        setUpTarget()
        let vp = shaderProgram(GL_VERTEX_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
            """)
        let fp = shaderProgram(GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            #extension GL_ARB_shader_subroutine : require
            subroutine vec4 colour();
            subroutine(colour) vec4 red() { return vec4(1.0, 0.0, 0.0, 1.0); }
            subroutine(colour) vec4 blue() { return vec4(0.0, 0.0, 1.0, 1.0); }
            subroutine uniform colour pick;
            out vec4 o;
            void main() { o = pick(); }
            """)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        glBindProgramPipeline(pipe)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        var index = glGetSubroutineIndex(fp, GL_FRAGMENT_SHADER, "blue")
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 1, &index)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [0, 0, 255, 255])
        index = glGetSubroutineIndex(fp, GL_FRAGMENT_SHADER, "red")
        glUniformSubroutinesuiv(GL_FRAGMENT_SHADER, 1, &index)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [255, 0, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}

extension SeparateShaderObjectTests {
    /// Three programs of one stage each (vertex, geometry, fragment): the geometry program's inputs and outputs
    /// meet the other two by name and location; without a vertex program the geometry stage cannot draw.
    func testThreeStagePipelineWithAGeometryProgram() {
        setUpTarget()
        let vp = shaderProgram(GL_VERTEX_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            out vec4 shade;
            void main() {
                gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);
                shade = vec4(0.0, 0.5, 0.0, 1.0);
            }
            """)
        let gp = shaderProgram(GL_GEOMETRY_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            layout(triangles) in;
            layout(triangle_strip, max_vertices = 3) out;
            in gl_PerVertex { vec4 gl_Position; } gl_in[];
            out gl_PerVertex { vec4 gl_Position; };
            in vec4 shade[];
            layout(location = 1) out vec4 doubled;
            void main() {
                for (int i = 0; i < 3; i++) {
                    gl_Position = gl_in[i].gl_Position;
                    doubled = shade[i] * 2.0;
                    EmitVertex();
                }
            }
            """)
        let fp = shaderProgram(GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            layout(location = 1) in vec4 colour;
            out vec4 o;
            void main() { o = colour; }
            """)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        glBindProgramPipeline(pipe)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        glUseProgramStages(pipe, GLbitfield(GL_GEOMETRY_SHADER_BIT), gp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(), [0, 255, 0, 255])
        // Without the geometry stage the fragment program's location 1 is not written: no error, only undefined colour.
        glUseProgramStages(pipe, GLbitfield(GL_GEOMETRY_SHADER_BIT), 0)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        // A geometry stage without a vertex stage cannot draw.
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), 0)
        glUseProgramStages(pipe, GLbitfield(GL_GEOMETRY_SHADER_BIT), gp)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }
}
