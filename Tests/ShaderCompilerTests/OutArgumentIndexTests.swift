@testable import ShaderCompiler
import XCTest

/// An out argument's index is the one at the call (GLSL 1.20 §6.1.1), even when the function changes it.
final class OutArgumentIndexTests: XCTestCase {
    private let source = """
        #version 120
        uniform int u;
        void f(inout int i, out int x) { x = 4; i = 0; }
        void main() {
          vec4 value = vec4(0.0);
          int i = u;
          f(i, value[i]);
          gl_Position = value;
        }
        """

    func testTheIndexIsCopiedBeforeTheCall() {
        let rewritten = GLSLOutArgumentIndices.rewrite(source)
        XCTAssertTrue(rewritten.contains("{ int virglgl_outIndex0 = i; f(i, value[virglgl_outIndex0]); }"), rewritten)
        XCTAssertEqual(rewritten.components(separatedBy: "\n").count, source.components(separatedBy: "\n").count)
        let compiled = GLSLFrontEnd.compile(.vertex, source)
        XCTAssertTrue(compiled.ok, compiled.log)
    }

    func testOtherCallsAndLaterVersionsAreLeftAlone() {
        // An `in` parameter, a constant index, and GLSL 1.30 (where an index may be a uint) are not rewritten.
        let plain = "#version 120\nvoid g(int a, out float b) { b = float(a); }\nvoid main() { vec4 v; int i = 1; g(i, v[0]); g(v[i] > 0.0 ? 1 : 0, v.x); gl_Position = v; }\n"
        XCTAssertEqual(GLSLOutArgumentIndices.rewrite(plain), plain)
        let later = source.replacingOccurrences(of: "#version 120", with: "#version 130")
        XCTAssertEqual(GLSLOutArgumentIndices.rewrite(later), later)
    }
}
