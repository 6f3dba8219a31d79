@testable import ShaderCompiler
import XCTest

/// `layout(binding = N)` on an array of arrays of samplers: element k (row-major) gets unit N + k.
final class ArrayOfArraysBindingTests: XCTestCase {
    func testElementsTakeConsecutiveUnitsInRowMajorOrder() {
        let source = "#version 150\nlayout(binding = 2) uniform sampler2D tex[2][2][2];\nuniform sampler2D one[3];\nlayout(binding = 1) uniform sampler2D plain[2];\n"
        let b = GLSLBindingLayout.explicitBindings(source)
        XCTAssertEqual(b["tex[0][0][0]"], 2)
        XCTAssertEqual(b["tex[0][1][1]"], 5)
        XCTAssertEqual(b["tex[1][0][0]"], 6)
        XCTAssertEqual(b["tex[1][1][1]"], 9)
        XCTAssertNil(b["tex[1]"], "no element of an array of arrays is named by one index")
        XCTAssertEqual(b["plain[1]"], 2)
        XCTAssertNil(b["one[0]"])
    }
}
