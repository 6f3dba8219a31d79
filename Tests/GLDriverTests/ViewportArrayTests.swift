import GLCore
@testable import GLDriver
import XCTest

/// Viewport arrays (GL 4.1, GL_ARB_viewport_array): indexed viewports, depth ranges and scissor boxes, their
/// queries and errors, and a geometry shader routing primitives with gl_ViewportIndex.
final class ViewportArrayTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A geometry shader that draws the full-viewport triangle once per viewport in `targets`, coloured by the
    /// viewport index (red for 0, green for 1, blue for 2…) unless the fragment shader decides.
    static func geometryShader(_ targets: [Int]) -> String {
        """
        #version 150 core
        #extension GL_ARB_viewport_array : require
        layout(triangles) in;
        layout(triangle_strip, max_vertices = \(3 * targets.count)) out;
        out vec4 color;
        const int targets[\(targets.count)] = int[](\(targets.map(String.init).joined(separator: ", ")));
        void main() {
            for (int t = 0; t < \(targets.count); t++) {
                for (int v = 0; v < 3; v++) {
                    gl_ViewportIndex = targets[t];
                    color = vec4(targets[t] == 0 ? 1.0 : 0.0, targets[t] == 1 ? 1.0 : 0.0, targets[t] == 2 ? 1.0 : 0.0, 1.0);
                    gl_Position = gl_in[v].gl_Position;
                    EmitVertex();
                }
                EndPrimitive();
            }
        }
        """
    }

    static let colorFS = """
        #version 150 core
        in vec4 color;
        out vec4 o;
        void main() { o = color; }
        """

    func pixel(_ x: GLint, _ y: GLint) -> [UInt8] {
        var p = [UInt8](repeating: 0, count: 4)
        glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &p)
        return p
    }

    func drawSetup(width: GLsizei, height: GLsizei) {
        bindColorFramebuffer(width: width, height: height)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glClearColor(0, 0, 0, 0)
        glClear(GL_COLOR_BUFFER_BIT)
    }

    func testLimitsAndExtension() {
        let c = makeCurrentContext()
        var n: GLint = 0
        glGetIntegerv(GL_MAX_VIEWPORTS, &n)
        XCTAssertEqual(n, 16)
        var bounds: [GLfloat] = [0, 0]
        glGetFloatv(GL_VIEWPORT_BOUNDS_RANGE, &bounds)
        XCTAssertEqual(bounds, [-32768, 32767])
        var bits: GLint = -1, provoking: GLint = 0
        glGetIntegerv(GL_VIEWPORT_SUBPIXEL_BITS, &bits)
        XCTAssertEqual(bits, 0)
        glGetIntegerv(GL_VIEWPORT_INDEX_PROVOKING_VERTEX, &provoking)
        XCTAssertEqual(GLenum(provoking), GL_UNDEFINED_VERTEX)
        glGetIntegerv(GL_LAYER_PROVOKING_VERTEX, &provoking)
        XCTAssertEqual(GLenum(provoking), GL_UNDEFINED_VERTEX)
        XCTAssertTrue(c.extensions.contains("GL_ARB_viewport_array"), "llvmpipe behind virglrenderer has 16 viewports")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIndexedStateQueriesAndErrors() {
        _ = makeCurrentContext()
        glViewport(1, 2, 30, 40)
        var v = [GLfloat](repeating: 0, count: 4)
        glGetFloati_v(GL_VIEWPORT, 15, &v)
        XCTAssertEqual(v, [1, 2, 30, 40], "glViewport sets every viewport")
        glViewportIndexedf(3, 0.5, 1.5, 10.25, 20)
        glGetFloati_v(GL_VIEWPORT, 3, &v)
        XCTAssertEqual(v, [0.5, 1.5, 10.25, 20])
        var iv = [GLint](repeating: 0, count: 4)
        glGetIntegerv(GL_VIEWPORT, &iv)
        XCTAssertEqual(iv, [1, 2, 30, 40], "GL_VIEWPORT is viewport 0")
        let array: [GLfloat] = [5, 6, 7, 8, -100_000, 0, 100_000, 9]
        glViewportArrayv(4, 2, array)
        glGetFloati_v(GL_VIEWPORT, 5, &v)
        XCTAssertEqual(v, [-32768, 0, 16384, 9], "origins clamp to the bounds range, sizes to GL_MAX_VIEWPORT_DIMS")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)

        glViewportIndexedf(16, 0, 0, 1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "index ≥ GL_MAX_VIEWPORTS")
        glViewportArrayv(15, 2, array)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "first + count > GL_MAX_VIEWPORTS")
        glViewportIndexedf(2, 0, 0, -1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative width")
        glGetFloati_v(GL_VIEWPORT, 16, &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)

        // Depth ranges: clamped to [0, 1]; glDepthRange sets all.
        glDepthRangeIndexed(2, -1, 0.25)
        var d: [GLdouble] = [0, 0]
        glGetDoublei_v(GL_DEPTH_RANGE, 2, &d)
        XCTAssertEqual(d, [0, 0.25])
        glDepthRangeArrayv(6, 1, [0.75, 2])
        glGetDoublei_v(GL_DEPTH_RANGE, 6, &d)
        XCTAssertEqual(d, [0.75, 1])
        glDepthRangeIndexed(16, 0, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glDepthRange(0.1, 0.9)
        glGetDoublei_v(GL_DEPTH_RANGE, 6, &d)
        XCTAssertEqual(d, [0.1, 0.9])

        // Scissor boxes and their tests.
        glScissor(0, 0, 8, 8)
        glScissorIndexed(7, 1, 2, 3, 4)
        glGetIntegeri_v(GL_SCISSOR_BOX, 7, &iv)
        XCTAssertEqual(iv, [1, 2, 3, 4])
        glScissorArrayv(8, 1, [5, 6, 7, 8])
        glGetIntegeri_v(GL_SCISSOR_BOX, 8, &iv)
        XCTAssertEqual(iv, [5, 6, 7, 8])
        glGetIntegeri_v(GL_SCISSOR_BOX, 0, &iv)
        XCTAssertEqual(iv, [0, 0, 8, 8])
        glScissorIndexed(1, 0, 0, -1, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glScissorIndexedv(16, [0, 0, 1, 1])
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)

        glEnablei(GL_SCISSOR_TEST, 3)
        XCTAssertEqual(glIsEnabledi(GL_SCISSOR_TEST, 3), 1)
        XCTAssertEqual(glIsEnabledi(GL_SCISSOR_TEST, 2), 0)
        XCTAssertEqual(glIsEnabled(GL_SCISSOR_TEST), 0, "glIsEnabled is index 0")
        var b: GLboolean = 0
        glGetBooleani_v(GL_SCISSOR_TEST, 3, &b)
        XCTAssertEqual(b, 1)
        glEnable(GL_SCISSOR_TEST)
        XCTAssertEqual(glIsEnabledi(GL_SCISSOR_TEST, 15), 1, "glEnable enables every viewport's test")
        glDisablei(GL_SCISSOR_TEST, 15)
        XCTAssertEqual(glIsEnabledi(GL_SCISSOR_TEST, 15), 0)
        XCTAssertEqual(glIsEnabled(GL_SCISSOR_TEST), 1)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glEnablei(GL_SCISSOR_TEST, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        _ = glIsEnabledi(GL_SCISSOR_TEST, 16)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        glEnablei(GL_DEPTH_TEST, 0)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "not an indexed capability")
        // GL_BLEND is indexed by draw buffer.
        glEnablei(GL_BLEND, 1)
        XCTAssertEqual(glIsEnabledi(GL_BLEND, 1), 1)
        XCTAssertEqual(glIsEnabled(GL_BLEND), 0)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testGeometryShaderPicksTheViewport() {
        _ = makeCurrentContext()
        drawSetup(width: 8, height: 4)
        // Viewport 0 is the left half, viewport 1 the right half.
        glViewportIndexedf(0, 0, 0, 4, 4)
        glViewportIndexedf(1, 4, 0, 4, 4)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, Self.geometryShader([1])), (GL_FRAGMENT_SHADER, Self.colorFS)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(1, 1), [0, 0, 0, 0], "viewport 0 gets nothing")
        XCTAssertEqual(pixel(6, 2), [0, 255, 0, 255])
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, Self.geometryShader([0, 1])), (GL_FRAGMENT_SHADER, Self.colorFS)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(1, 1), [255, 0, 0, 255])
        XCTAssertEqual(pixel(6, 2), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testIndexedScissorTests() {
        _ = makeCurrentContext()
        drawSetup(width: 8, height: 8)
        // Both viewports cover the framebuffer; only viewport 1's scissor test is on.
        glScissorIndexed(0, 0, 0, 1, 1)
        glScissorIndexed(1, 0, 0, 2, 2)
        glEnablei(GL_SCISSOR_TEST, 1)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, Self.geometryShader([1])), (GL_FRAGMENT_SHADER, Self.colorFS)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(1, 1), [0, 255, 0, 255])
        XCTAssertEqual(pixel(5, 5), [0, 0, 0, 0], "outside viewport 1's scissor box")
        // Viewport 0's test is off: its primitives cover everything though the host's scissor is on.
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, Self.geometryShader([0])), (GL_FRAGMENT_SHADER, Self.colorFS)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(5, 5), [255, 0, 0, 255])
        XCTAssertEqual(pixel(1, 1), [255, 0, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testFragmentShaderReadsViewportIndex() {
        _ = makeCurrentContext()
        drawSetup(width: 8, height: 4)
        glViewportIndexedf(0, 0, 0, 4, 4)
        glViewportIndexedf(2, 4, 0, 4, 4)
        let fs = """
            #version 150 core
            #extension GL_ARB_fragment_layer_viewport : require
            out vec4 o;
            void main() { o = vec4(gl_ViewportIndex == 0 ? 1.0 : 0.0, gl_ViewportIndex == 2 ? 1.0 : 0.0, float(gl_Layer), 1.0); }
            """
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_GEOMETRY_SHADER, Self.geometryShader([0, 2])), (GL_FRAGMENT_SHADER, fs)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(pixel(1, 1), [255, 0, 0, 255])
        XCTAssertEqual(pixel(6, 2), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
