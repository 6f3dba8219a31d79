import GLCore
@testable import GLDriver
import ShaderCompiler
import XCTest

/// GL_ARB_vertex_program / GL_ARB_fragment_program: program objects, errors with their position, and drawing
/// with enabled programs (translated to GLSL, `ARBProgramTranslator`), the other stage fixed-function.
final class ARBProgramTests: XCTestCase {
    override func tearDown() {
        GLContext.makeCurrent(nil)
        super.tearDown()
    }

    /// Loads `text` into the program bound to `target`; returns glGetError.
    func load(_ target: GLenum, _ text: String) -> GLenum {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { glProgramStringARB(target, GL_PROGRAM_FORMAT_ASCII_ARB, GLsizei(bytes.count), $0.baseAddress) }
        return glGetError()
    }

    func bindNew(_ target: GLenum) -> GLuint {
        var name: GLuint = 0
        glGenProgramsARB(1, &name)
        glBindProgramARB(target, name)
        return name
    }

    /// Draws a triangle covering the viewport (client-memory vertex array) and reads the pixel at (x, y).
    func drawAndRead(_ x: GLint = 4, _ y: GLint = 4) -> [UInt8] {
        let vertices: [Float] = [-1, -1, 3, -1, -1, 3]
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        vertices.withUnsafeBytes { v in
            glEnableClientState(GL_VERTEX_ARRAY)
            glVertexPointer(2, GL_FLOAT, 0, v.baseAddress)
            glDrawArrays(GL_TRIANGLES, 0, 3)
        }
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    func testCompatibilityContextListsTheExtensionsAndCoreRefusesTheCommands() {
        let context = makeCurrentContext(.compatibility)
        XCTAssertTrue(context.extensions.contains("GL_ARB_vertex_program"))
        XCTAssertTrue(context.extensions.contains("GL_ARB_fragment_program"))
        GLContext.makeCurrent(nil)
        let core = makeCurrentContext(.core)
        XCTAssertFalse(core.extensions.contains("GL_ARB_vertex_program"))
        var name: GLuint = 0
        glGenProgramsARB(1, &name)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION)
    }

    func testSyntaxErrorIsInvalidOperationWithItsPosition() {
        _ = makeCurrentContext(.compatibility)
        let name = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(glIsProgramARB(name), 1)
        let bad = "!!ARBvp1.0\nMOV result.position, vertex.position;\nMOV result.color, undeclared;\nEND\n"
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, bad), GL_INVALID_OPERATION)
        var position: GLint = 0
        glGetIntegerv(GL_PROGRAM_ERROR_POSITION_ARB, &position)
        XCTAssertEqual(Int(position), bad.utf8.count - "undeclared;\nEND\n".utf8.count)
        let message = glGetString(GL_PROGRAM_ERROR_STRING_ARB).map { String(cString: $0) } ?? ""
        XCTAssertTrue(message.contains("undeclared"), message)
        // A missing END, an unknown instruction, a fragment program for the vertex target.
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, "!!ARBvp1.0\nMOV result.color, vertex.color;\n"), GL_INVALID_OPERATION)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, "!!ARBvp1.0\nTEX result.color, vertex.color, texture[0], 2D;\nEND"), GL_INVALID_OPERATION)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, "!!ARBfp1.0\nMOV result.color, fragment.color;\nEND"), GL_INVALID_OPERATION)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, "!!ARBvp1.0\nMOV result.color, vertex.color;\nEND\n"), GL_NO_ERROR)
        glGetIntegerv(GL_PROGRAM_ERROR_POSITION_ARB, &position)
        XCTAssertEqual(position, -1)
        var instructions: GLint = 0
        glGetProgramivARB(GL_VERTEX_PROGRAM_ARB, GL_PROGRAM_INSTRUCTIONS_ARB, &instructions)
        XCTAssertEqual(instructions, 1)
        // Bad formats and targets.
        "x".withCString { glProgramStringARB(GL_VERTEX_PROGRAM_ARB, GL_RGBA, 1, $0) }
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBindProgramARB(GL_FRAGMENT_PROGRAM_ARB, name)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "a vertex program bound to the fragment target")
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, GLuint(ARBProgramTranslator.maxLocalParameters), 0, 0, 0, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testVertexProgramDrawsItsLocalParameterWithAbsoluteValue() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        _ = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, """
            !!ARBvp1.0
            PARAM p = program.local[2];
            MOV result.position, vertex.position;
            ABS result.color, p;
            END
            """), GL_NO_ERROR)
        glEnable(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(glIsEnabled(GL_VERTEX_PROGRAM_ARB), 1)
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, 2, -1, 0, 0.5, -1)
        XCTAssertEqual(drawAndRead(), [255, 0, 128, 255])
        var back = [Float](repeating: 0, count: 4)
        glGetProgramLocalParameterfvARB(GL_VERTEX_PROGRAM_ARB, 2, &back)
        XCTAssertEqual(back, [-1, 0, 0.5, -1])
        // A new value reaches the next draw.
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, 2, 0, -1, 0, 1)
        XCTAssertEqual(drawAndRead(), [0, 255, 0, 255])
        // Disabled, with no GLSL program: nothing to draw with.
        glDisable(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testRelativeAddressingReadsEnvironmentParameters() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        _ = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, """
            !!ARBvp1.0
            PARAM vals[3] = { program.env[4..6] };
            ADDRESS A0;
            ARL A0.x, program.local[0].x;
            MOV result.position, vertex.position;
            MOV result.color, vals[A0.x + 1];
            END
            """), GL_NO_ERROR)
        glEnable(GL_VERTEX_PROGRAM_ARB)
        glProgramEnvParameter4fARB(GL_VERTEX_PROGRAM_ARB, 4, 1, 0, 0, 1)
        glProgramEnvParameter4fARB(GL_VERTEX_PROGRAM_ARB, 5, 0, 1, 0, 1)
        glProgramEnvParameter4fARB(GL_VERTEX_PROGRAM_ARB, 6, 0, 0, 1, 1)
        // ARL floors: 0.99 → 0, so vals[1]; 1.5 → 1, so vals[2]; -1 → vals[0].
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, 0, 0.99, 0, 0, 0)
        XCTAssertEqual(drawAndRead(), [0, 255, 0, 255])
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, 0, 1.5, 0, 0, 0)
        XCTAssertEqual(drawAndRead(), [0, 0, 255, 255])
        glProgramLocalParameter4fARB(GL_VERTEX_PROGRAM_ARB, 0, -1, 0, 0, 0)
        XCTAssertEqual(drawAndRead(), [255, 0, 0, 255])
    }

    func testFragmentProgramWithFixedFunctionVertexStage() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        _ = bindNew(GL_FRAGMENT_PROGRAM_ARB)
        XCTAssertEqual(load(GL_FRAGMENT_PROGRAM_ARB, """
            !!ARBfp1.0
            TEMP t;
            MUL t, fragment.color, program.local[0];
            SWZ result.color, t, y, x, 0, 1;
            END
            """), GL_NO_ERROR)
        glEnable(GL_FRAGMENT_PROGRAM_ARB)
        glColor4f(1, 0.5, 0.25, 1)
        glProgramLocalParameter4fARB(GL_FRAGMENT_PROGRAM_ARB, 0, 0.5, 2, 1, 1)
        // t = (0.5, 1, 0.25, 1); SWZ gives (1, 0.5, 0, 1).
        XCTAssertEqual(drawAndRead(), [255, 128, 0, 255])
    }

    func testVertexAndFragmentProgramsLinkThroughTexcoords() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        _ = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, """
            !!ARBvp1.0
            MOV result.position, vertex.position;
            DP3 result.texcoord[1].x, {1, 2, 3, 0}, {0.1, 0.1, 0.1, 0};
            MOV result.texcoord[1].yzw, {0, 0, 0, 1};
            END
            """), GL_NO_ERROR)
        _ = bindNew(GL_FRAGMENT_PROGRAM_ARB)
        XCTAssertEqual(load(GL_FRAGMENT_PROGRAM_ARB, """
            !!ARBfp1.0
            TEMP t;
            SLT t, fragment.texcoord[1], {0.5, 0.5, 0.5, 0.5};
            KIL -t.x;
            MOV result.color, fragment.texcoord[1];
            END
            """), GL_NO_ERROR)
        glEnable(GL_VERTEX_PROGRAM_ARB)
        glEnable(GL_FRAGMENT_PROGRAM_ARB)
        // texcoord[1] = (0.6, 0, 0, 1): t.x = 0, so KIL keeps the fragment.
        XCTAssertEqual(drawAndRead(), [153, 0, 0, 255])
        // With texcoord[1].x = 0.3, t.x = 1 and KIL -1 discards every fragment.
        _ = load(GL_VERTEX_PROGRAM_ARB, "!!ARBvp1.0\nMOV result.position, vertex.position;\nMOV result.texcoord[1], {0.3, 0, 0, 1};\nEND")
        XCTAssertEqual(drawAndRead(), [0, 0, 0, 0])
    }

    func testStateMatrixBindings() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        _ = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, """
            !!ARBvp1.0
            PARAM mvp[4] = { state.matrix.mvp };
            DP4 result.position.x, mvp[0], vertex.position;
            DP4 result.position.y, mvp[1], vertex.position;
            DP4 result.position.z, mvp[2], vertex.position;
            DP4 result.position.w, mvp[3], vertex.position;
            MOV result.color, state.matrix.projection.inverse.row[0];
            MOV result.color.w, 1;
            END
            """), GL_NO_ERROR)
        glEnable(GL_VERTEX_PROGRAM_ARB)
        glMatrixMode(GL_PROJECTION)
        glScalef(0.25, 1, 1)
        // x in [-4, 0] lands on the left half of the viewport; the projection's inverse has row 0 (4, 0, 0, 0),
        // clamped to 1.
        let vertices: [Float] = [-4, -1, 0, -1, 0, 1, -4, -1, 0, 1, -4, 1]
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
        vertices.withUnsafeBytes { v in
            glEnableClientState(GL_VERTEX_ARRAY)
            glVertexPointer(2, GL_FLOAT, 0, v.baseAddress)
            glDrawArrays(GL_TRIANGLES, 0, 6)
        }
        var left = [UInt8](repeating: 0, count: 4), right = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 4, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &left)
        glReadPixels(6, 4, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &right)
        XCTAssertEqual(left, [255, 0, 0, 255])
        XCTAssertEqual(right, [0, 0, 0, 0])
        // The transpose's row is the matrix's column; the inverse of a scale is the reciprocal scale.
        XCTAssertEqual(makeCurrentContext(.compatibility).arbMatrixRow(.projection, .transpose, 3), [0, 0, 0, 1])
        XCTAssertEqual(GLContext.inverse4([2, 0, 0, 0, 0, 4, 0, 0, 0, 0, 1, 0, 1, 2, 3, 1]), [0.5, 0, 0, 0, 0, 0.25, 0, 0, 0, 0, 1, 0, -0.5, -0.5, -3, 1])
    }

    func testFixedFunctionFragmentStageTexturesWithTheEnvironment() {
        _ = makeCurrentContext(.compatibility)
        bindColorFramebuffer(width: 8, height: 8)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        glBindTexture(GL_TEXTURE_2D, texture)
        let texel: [UInt8] = [0, 255, 255, 255]
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA8), 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, texel)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        _ = bindNew(GL_VERTEX_PROGRAM_ARB)
        XCTAssertEqual(load(GL_VERTEX_PROGRAM_ARB, """
            !!ARBvp1.0
            MOV result.position, vertex.position;
            MOV result.color, {1, 0.5, 0, 1};
            MOV result.texcoord[0], {0.5, 0.5, 0, 1};
            END
            """), GL_NO_ERROR)
        glEnable(GL_VERTEX_PROGRAM_ARB)
        // No texture enabled: the primary colour.
        XCTAssertEqual(drawAndRead(), [255, 128, 0, 255])
        // GL_MODULATE (the default): colour × texel.
        glEnable(GL_TEXTURE_2D)
        XCTAssertEqual(glIsEnabled(GL_TEXTURE_2D), 1)
        XCTAssertEqual(drawAndRead(), [0, 128, 0, 255])
        glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GLint(GL_REPLACE))
        var mode: GLint = 0
        glGetTexEnviv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, &mode)
        XCTAssertEqual(GLenum(mode), GL_REPLACE)
        XCTAssertEqual(drawAndRead(), [0, 255, 255, 255])
        // The enable is the active unit's.
        glActiveTexture(GL_TEXTURE1)
        XCTAssertEqual(glIsEnabled(GL_TEXTURE_2D), 0)
        // Without any program at all, both stages are fixed-function: the current colour, textured on unit 0.
        glActiveTexture(GL_TEXTURE0)
        glDisable(GL_VERTEX_PROGRAM_ARB)
        glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GLint(GL_MODULATE))
        glColor4f(1, 1, 0, 1)
        XCTAssertEqual(drawAndRead(), [0, 255, 0, 255])
        glDisable(GL_TEXTURE_2D)
        XCTAssertEqual(drawAndRead(), [255, 255, 0, 255])
    }

    func testTranslatorErrorsAndOutput() throws {
        if case .success = ARBProgramTranslator.translate("!!ARBvp1.0\nMOV result.color, vertex.color\nEND") { XCTFail("missing ';'") }
        if case .failure(let e) = ARBProgramTranslator.translate("!!ARBvp1.0\nPARAM a[2] = { program.local[0..2] };\nEND") {
            XCTAssertEqual(e.position, "!!ARBvp1.0\nPARAM a[2] = { program.local[0..2] }".utf8.count)
        } else {
            XCTFail("a three-element binding for a[2]")
        }
        let p = try ARBProgramTranslator.translate("!!ARBvp1.0\nOPTION ARB_position_invariant;\nMOV result.color, program.env[3];\nEND").get()
        XCTAssertEqual(p.parameters, [.env(3)])
        XCTAssertTrue(p.glsl.contains("ftransform()"))
    }
}
