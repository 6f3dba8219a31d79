import GLCore
@testable import GLDriver
import XCTest

/// Pipeline state: defaults, setters, argument checks, queries in every glGet type, dirty groups.
final class PipelineStateTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = GLContext(attributes: GLContextAttributes(major: 4, minor: 6, profile: .core))
        GLContext.makeCurrent(context)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    func ints(_ pname: GLenum, _ n: Int = 1) -> [GLint] {
        var v = [GLint](repeating: -7, count: n)
        glGetIntegerv(pname, &v)
        return v
    }

    func floats(_ pname: GLenum, _ n: Int = 1) -> [GLfloat] {
        var v = [GLfloat](repeating: -7, count: n)
        glGetFloatv(pname, &v)
        return v
    }

    func testSpecDefaults() {
        XCTAssertEqual(ints(GL_DEPTH_FUNC), [GLint(GL_LESS)])
        XCTAssertEqual(ints(GL_BLEND_SRC_RGB), [GLint(GL_ONE)])
        XCTAssertEqual(ints(GL_BLEND_DST_ALPHA), [GLint(GL_ZERO)])
        XCTAssertEqual(ints(GL_CULL_FACE_MODE), [GLint(GL_BACK)])
        XCTAssertEqual(ints(GL_FRONT_FACE), [GLint(GL_CCW)])
        XCTAssertEqual(ints(GL_STENCIL_VALUE_MASK), [-1], "all ones, as a signed integer")
        XCTAssertEqual(ints(GL_UNPACK_ALIGNMENT), [4])
        XCTAssertEqual(floats(GL_LINE_WIDTH), [1])
        XCTAssertEqual(floats(GL_DEPTH_RANGE, 2), [0, 1])
        var b: [GLboolean] = [9, 9, 9, 9]
        glGetBooleanv(GL_COLOR_WRITEMASK, &b)
        XCTAssertEqual(b, [1, 1, 1, 1])
        XCTAssertEqual(glIsEnabled(GL_DITHER), 1)
        XCTAssertEqual(glIsEnabled(GL_BLEND), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testSettersAndQueriesRoundTrip() {
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ZERO)
        glBlendEquation(GL_MAX)
        glDepthFunc(GL_GEQUAL)
        glStencilFuncSeparate(GL_BACK, GL_EQUAL, 3, 0xF0)
        glStencilOp(GL_KEEP, GL_INCR, GL_REPLACE)
        glViewport(10, 20, 300, 200)
        glScissor(1, 2, 3, 4)
        glClearColor(0.25, 0.5, 0.75, 1)
        glLineWidth(2.5)
        glColorMask(1, 0, 1, 0)
        XCTAssertEqual(ints(GL_BLEND_SRC_RGB), [GLint(GL_SRC_ALPHA)])
        XCTAssertEqual(ints(GL_BLEND_DST_RGB), [GLint(GL_ONE_MINUS_SRC_ALPHA)])
        XCTAssertEqual(ints(GL_BLEND_EQUATION_ALPHA), [GLint(GL_MAX)])
        XCTAssertEqual(ints(GL_DEPTH_FUNC), [GLint(GL_GEQUAL)])
        XCTAssertEqual(ints(GL_STENCIL_FUNC), [GLint(GL_ALWAYS)], "front untouched")
        XCTAssertEqual(ints(GL_STENCIL_BACK_FUNC), [GLint(GL_EQUAL)])
        XCTAssertEqual(ints(GL_STENCIL_BACK_REF), [3])
        XCTAssertEqual(ints(GL_STENCIL_PASS_DEPTH_FAIL), [GLint(GL_INCR)])
        XCTAssertEqual(ints(GL_VIEWPORT, 4), [10, 20, 300, 200])
        XCTAssertEqual(ints(GL_SCISSOR_BOX, 4), [1, 2, 3, 4])
        XCTAssertEqual(floats(GL_COLOR_CLEAR_VALUE, 4), [0.25, 0.5, 0.75, 1])
        XCTAssertEqual(ints(GL_LINE_WIDTH), [3], "float state rounds to the nearest integer")
        var d: [GLdouble] = [0]
        glGetDoublev(GL_LINE_WIDTH, &d)
        XCTAssertEqual(d, [2.5])
        var i64: [GLint64] = [0, 0, 0, 0]
        glGetInteger64v(GL_VIEWPORT, &i64)
        XCTAssertEqual(i64, [10, 20, 300, 200])
        var b: [GLboolean] = [9, 9, 9, 9]
        glGetBooleanv(GL_COLOR_WRITEMASK, &b)
        XCTAssertEqual(b, [1, 0, 1, 0])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testBadArgumentsAreErrorsAndChangeNothing() {
        glDepthFunc(GL_TEXTURE_2D)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glBlendFunc(GL_SRC_ALPHA, GL_LESS)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glStencilOp(GL_KEEP, GL_KEEP, GL_ALWAYS)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        glViewport(0, 0, -1, 10)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glLineWidth(0)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glPixelStorei(GL_UNPACK_ALIGNMENT, 3)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glBlendFunci(8, GL_ONE, GL_ONE)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glEnable(GL_LIGHTING)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "a compatibility capability in a core context")
        var v: [GLint] = [5]
        glGetIntegerv(GL_TEXTURE_2D, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM)
        XCTAssertEqual(v, [5], "nothing written on error")
        XCTAssertEqual(ints(GL_DEPTH_FUNC), [GLint(GL_LESS)])
        XCTAssertEqual(ints(GL_VIEWPORT, 4), [0, 0, 0, 0])
        XCTAssertEqual(ints(GL_UNPACK_ALIGNMENT), [4])
    }

    func testOnlyTheChangedGroupBecomesDirty() {
        context.state.dirty = []
        glDepthFunc(GL_LESS)  // the value it already has
        XCTAssertEqual(context.state.dirty, [])
        glDepthFunc(GL_LEQUAL)
        XCTAssertEqual(context.state.dirty, .depthStencil)
        context.state.dirty = []
        glEnable(GL_BLEND)
        glEnable(GL_BLEND)
        XCTAssertEqual(context.state.dirty, .blend)
        context.state.dirty = []
        glEnable(GL_CLIP_DISTANCE3)
        XCTAssertEqual(context.state.dirty, .rasterizer)
        XCTAssertEqual(context.state.rasterizer.clipDistances, 1 << 3)
        XCTAssertEqual(glIsEnabled(GL_CLIP_DISTANCE3), 1)
        context.state.dirty = []
        glClearColor(1, 1, 1, 1)
        glPixelStorei(GL_PACK_ALIGNMENT, 1)
        XCTAssertEqual(context.state.dirty, [], "clear values and pixel store are not pipeline state")
        glBlendFunci(2, GL_ONE, GL_ONE)
        XCTAssertTrue(context.state.blend.independent)
        XCTAssertEqual(context.state.dirty, .blend)
    }
}
