@testable import ShaderCompiler
import XCTest

/// Image arrays indexed with a variable in GLSL 3.30 with GL_ARB_shader_image_load_store (GLSLImageArrayIndexing).
final class ImageArrayIndexingTests: XCTestCase {
    func testImageArraysTakeAVariableIndex() {
        let source = """
            #version 330
            #extension GL_ARB_shader_image_load_store: enable
            uniform int idx;
            writeonly uniform image2D tex[2];
            out vec4 c;
            void main() { imageStore(tex[idx], ivec2(gl_FragCoord.xy), vec4(1.0)); c = vec4(0.0); }
            """
        let (ok, log) = GLSLFrontEnd.compile(.fragment, source)
        XCTAssertTrue(ok, log)
    }

    func testSamplerArraysKeepTheConstantIndexRule() {
        let source = """
            #version 330
            #extension GL_ARB_shader_image_load_store: enable
            uniform int idx;
            writeonly uniform image2D tex[2];
            uniform sampler2D s[2];
            out vec4 c;
            void main() { imageStore(tex[idx], ivec2(gl_FragCoord.xy), vec4(1.0)); c = texture(s[idx], vec2(0.0)); }
            """
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, source).ok)
        XCTAssertEqual(GLSLImageArrayIndexing.allow(source), source)
    }
}
