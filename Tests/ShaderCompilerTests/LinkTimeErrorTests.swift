@testable import ShaderCompiler
import XCTest

/// Overlapping explicit locations compile and fail the link (GLSLLinkTimeErrors).
final class LinkTimeErrorTests: XCTestCase {
    func testOverlappingUniformLocationsFailTheLinkNotTheCompile() {
        let fragment = """
            #version 130
            #extension GL_ARB_explicit_attrib_location: require
            #extension GL_ARB_explicit_uniform_location: require
            layout(location = 0) uniform float a[16];
            layout(location = 2) uniform float r;
            void main() { gl_FragColor = vec4(r, 1.0, 1.0, a[15]); }
            """
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, fragment).ok)
        guard case .failure(let e) = GLSLFrontEnd.link(vertex: "#version 130\nvoid main() { gl_Position = vec4(0.0); }\n", fragment: fragment) else {
            return XCTFail("the link must fail")
        }
        XCTAssertTrue(e.description.contains("overlapping"), e.description)
    }

    func testOtherErrorsStillFailTheCompile() {
        let fragment = """
            #version 130
            #extension GL_ARB_explicit_attrib_location: require
            #extension GL_ARB_explicit_uniform_location: require
            layout(location = 0) uniform float a[16];
            layout(location = 2) uniform float r;
            void main() { gl_FragColor = vec4(r, 1.0, 1.0, a[15]) + undeclared; }
            """
        let (ok, log) = GLSLFrontEnd.compile(.fragment, fragment)
        XCTAssertFalse(ok, log)
        XCTAssertFalse(GLSLLinkTimeErrors.onlyLinkTimeErrors("ERROR: 0:1: 'x' : undeclared identifier\nERROR: 1 compilation errors.  No code generated.\n"))
        XCTAssertTrue(GLSLLinkTimeErrors.onlyLinkTimeErrors("ERROR: 0:8: 'location' : overlapping use of location 1\nERROR: 1 compilation errors.  No code generated.\n"))
    }

    func testVariablyIndexedUnsizedBufferMembersFailTheLink() {
        let vertex = """
            #version 150
            #extension GL_ARB_shader_storage_buffer_object: require
            buffer a {
                vec4 s[];
                vec4 a[];
            } b;
            uniform int f;
            out vec4 c;
            void main() { c = b.s[f]; gl_Position = vec4(0.0); }
            """
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, vertex).ok)
        guard case .failure = GLSLFrontEnd.link(vertex: vertex, fragment: "#version 150\nin vec4 c;\nout vec4 o;\nvoid main() { o = c; }\n") else {
            return XCTFail("the link must fail")
        }
        let clip = "#version 130\nuniform int index;\nvoid main() { gl_Position = vec4(0.0); gl_ClipDistance[index] = 0.0; }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.vertex, clip).ok, "an unsized array outside a buffer block keeps its compile error")
    }
}
