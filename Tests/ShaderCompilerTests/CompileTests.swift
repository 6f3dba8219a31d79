import ShaderCompiler
import XCTest

final class CompileTests: XCTestCase {
    static let vs = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec3 color;
        out vec3 vColor;
        void main() {
            vColor = color;
            gl_Position = vec4(position, 0.0, 1.0);
        }
        """
    static let fs = """
        #version 330 core
        in vec3 vColor;
        out vec4 fragColor;
        void main() { fragColor = vec4(vColor, 1.0); }
        """

    func testPrintTextured() throws {
        let vs = """
            #version 330 core
            layout(location = 0) in vec2 position;
            out vec2 uv;
            void main() {
                uv = position * 0.5 + 0.5;
                gl_Position = vec4(position, 0.0, 1.0);
            }
            """
        let fs = """
            #version 330 core
            in vec2 uv;
            uniform sampler2D image;
            out vec4 fragColor;
            void main() { fragColor = texture(image, uv * 2.0); }
            """
        switch ProgramCompiler.link(vertex: vs, fragment: fs) {
        case .success(let p): print(p.vertex.text); print(p.fragment.text)
        case .failure(let e): print("ERR", e)
        }
        let spv = try GLSLFrontEnd.link(vertex: vs, fragment: fs).get()
        let m = try SPIRVModule(words: spv.fragment)
        print("VARS", m.variables, m.names)
    }

    func testPrint() throws {
        let p = try ProgramCompiler.link(vertex: Self.vs, fragment: Self.fs).get()
        print(p.vertex.text)
        print(p.fragment.text)
    }
}
