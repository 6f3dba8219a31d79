import GLCore
@testable import GLDriver
import XCTest

/// Varying packing: programs whose separate varyings need more registers than the host's 64 link (GL 4.6
/// §11.1.2.1) and every varying reaches the fragment shader with its own value.
final class VaryingPackingTests: XCTestCase {
    var context: GLContext!

    override func setUp() {
        context = makeCurrentContext()
        bindColorFramebuffer(width: 4, height: 4)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
    }

    override func tearDown() { GLContext.makeCurrent(nil) }

    static let position = "gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0);"

    /// Draws the full-viewport triangle with `p` over a grey clear and returns the centre pixel.
    func drawnPixel(_ p: GLuint) -> [UInt8] {
        glClearColor(0.5, 0.5, 0.5, 0.5)
        glClear(GL_COLOR_BUFFER_BIT)
        glUseProgram(p)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        return pixel
    }

    /// 70 separate float varyings (GLSL 1.30 `varying`): green where each holds its own value, else red.
    func testSeventyFloatVaryingsEachKeepTheirValue() {
        let names = (0..<70).map { "v\($0)" }
        let vertex = "#version 130\n" + names.map { "varying float \($0);" }.joined(separator: "\n")
            + "\nvoid main() {\n" + names.enumerated().map { "  \($0.element) = \(Float($0.offset) + 0.5);" }.joined(separator: "\n")
            + "\n  \(Self.position)\n}\n"
        let fragment = "#version 130\n" + names.map { "varying float \($0);" }.joined(separator: "\n")
            + "\nvoid main() {\n  bool ok = true;\n" + names.enumerated().map { "  ok = ok && abs(\($0.element) - \(Float($0.offset) + 0.5)) < 0.01;" }
            .joined(separator: "\n") + "\n  gl_FragColor = ok ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);\n}\n"
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        XCTAssertEqual(drawnPixel(p), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Flat ints, floats, noperspective floats, vec3s, a uvec2 and a mat2x3 array past the limit: each keeps its
    /// value (types and qualifiers packed apart).
    func testMixedVaryingsPastTheLimitKeepTheirValues() {
        var outs: [String] = [], ins: [String] = [], writes: [String] = [], checks: [String] = []
        for k in 0..<18 {
            outs += ["flat out int i\(k);", "out float f\(k);", "noperspective out float n\(k);", "out vec3 t\(k);"]
            ins += ["flat in int i\(k);", "in float f\(k);", "noperspective in float n\(k);", "in vec3 t\(k);"]
            writes += ["i\(k) = \(k * 3 - 20);", "f\(k) = \(Float(k) * 0.25);", "n\(k) = \(Float(k) + 100);", "t\(k) = vec3(\(k), \(k + 1), \(k + 2));"]
            checks += ["i\(k) == \(k * 3 - 20)", "abs(f\(k) - \(Float(k) * 0.25)) < 0.01", "abs(n\(k) - \(Float(k) + 100)) < 0.01",
                       "all(lessThan(abs(t\(k) - vec3(\(k), \(k + 1), \(k + 2))), vec3(0.01)))"]
        }
        outs += ["flat out uvec2 u;", "out mat2x3 m[2];"]
        ins += ["flat in uvec2 u;", "in mat2x3 m[2];"]
        writes += ["u = uvec2(7u, 9u);", "m[0] = mat2x3(1, 2, 3, 4, 5, 6); m[1] = mat2x3(7, 8, 9, 10, 11, 12);"]
        checks += ["u == uvec2(7u, 9u)", "m[0][1] == vec3(4, 5, 6)", "abs(m[1][1].z - 12.0) < 0.01", "abs(m[1][0].x - 7.0) < 0.01"]
        let vertex = "#version 330 core\n" + outs.joined(separator: "\n") + "\nvoid main() {\n  " + writes.joined(separator: "\n  ")
            + "\n  \(Self.position)\n}\n"
        let fragment = "#version 330 core\n" + ins.joined(separator: "\n") + "\nout vec4 color;\nvoid main() {\n  bool ok = true;\n"
            + checks.map { "  ok = ok && (\($0));" }.joined(separator: "\n")
            + "\n  color = ok ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);\n}\n"
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        XCTAssertEqual(drawnPixel(p), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// Arrays of floats, vec2s and mat2s past the limit (each element its own register unpacked) keep every
    /// element's value.
    func testArraysPastTheLimitKeepTheirValues() {
        var writes: [String] = [], checks: [String] = []
        for k in 0..<60 {
            writes.append("f[\(k)] = \(Float(k) + 0.5);")
            checks.append("abs(f[\(k)] - \(Float(k) + 0.5)) < 0.01")
        }
        for k in 0..<20 {
            writes.append("t[\(k)] = vec2(\(k), \(-k));")
            checks.append("all(lessThan(abs(t[\(k)] - vec2(\(k), \(-k))), vec2(0.01)))")
        }
        for k in 0..<6 {
            writes.append("m[\(k)][1] = vec2(\(k * 2), \(k * 2 + 1)); m[\(k)][0] = vec2(\(k), 0.5);")
            checks.append("abs(m[\(k)][1][1] - \(Float(k * 2 + 1))) < 0.01 && abs(m[\(k)][0].x - \(Float(k))) < 0.01")
        }
        let vertex = "#version 130\nout float f[60];\nout vec2 t[20];\nout mat2 m[6];\nvoid main() {\n  " + writes.joined(separator: "\n  ")
            + "\n  \(Self.position)\n}\n"
        let fragment = "#version 130\nin float f[60];\nin vec2 t[20];\nin mat2 m[6];\nvoid main() {\n  bool ok = true;\n"
            + checks.map { "  ok = ok && (\($0));" }.joined(separator: "\n")
            + "\n  gl_FragColor = ok ? vec4(0.0, 1.0, 0.0, 1.0) : vec4(1.0, 0.0, 0.0, 1.0);\n}\n"
        let p = linkedProgram([(GL_VERTEX_SHADER, vertex), (GL_FRAGMENT_SHADER, fragment)])
        XCTAssertEqual(drawnPixel(p), [0, 255, 0, 255])
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }
}
