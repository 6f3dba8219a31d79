import Foundation
import GLCore
@testable import GLDriver
import GLRegistry
import XCTest

/// OpenGL ES contexts as the EGL vendor makes them (`virglglCreateESContext`, for EGL_OPENGL_ES_API): the versions
/// made and refused, the ES strings, GLSL ES compiled with ES rules, and a draw with a `#version 300 es` program.
/// (The EGL side itself, through glvnd's libEGL and libGLESv2: Tests/CABI/egl_gles_test.c, scripts/test-egl.sh.)
final class ESContextTests: XCTestCase {
    /// An ES context for `major.minor`, current for `body`.
    private func withESContext(_ major: Int32, _ minor: Int32, _ body: () throws -> Void) throws {
        let ctx = try XCTUnwrap(virglglCreateESContext(major, minor), "ES \(major).\(minor)")
        defer {
            _ = virglglMakeCurrent(nil)
            virglglDestroyContext(ctx)
        }
        _ = virglglMakeCurrent(ctx)
        try body()
    }

    func testVersionsMadeAndRefused() {
        for (major, minor) in [(1, 0), (1, 1), (2, 1), (3, 3), (4, 0), (0, 0), (3, -1)] {
            XCTAssertNil(virglglCreateESContext(Int32(major), Int32(minor)), "ES \(major).\(minor)")
        }
        // ES 3.2 needs KHR_blend_equation_advanced and ASTC, which VirglGL does not have.
        XCTAssertNil(virglglCreateESContext(3, 2))
        for (major, minor) in [(2, 0), (3, 0), (3, 1)] {
            let ctx = virglglCreateESContext(Int32(major), Int32(minor))
            XCTAssertNotNil(ctx, "ES \(major).\(minor)")
            virglglDestroyContext(ctx)
        }
    }

    /// On a GL 4.3 host (llvmpipe here) every ES request gets ES 3.1, with ES strings and ES extension names.
    func testStringsOfAnES31Context() throws {
        try withESContext(2, 0) {
            XCTAssertEqual(String(cString: glGetString(GL_VERSION)!), "OpenGL ES 3.1 VirglGL 0.1.0")
            XCTAssertEqual(String(cString: glGetString(GL_SHADING_LANGUAGE_VERSION)!), "OpenGL ES GLSL ES 3.10")
            var major: GLint = 0, minor: GLint = 0
            glGetIntegerv(GL_MAJOR_VERSION, &major)
            glGetIntegerv(GL_MINOR_VERSION, &minor)
            XCTAssertEqual([major, minor], [3, 1])
            let list = String(cString: glGetString(GL_EXTENSIONS)!).split(separator: " ").map(String.init)
            var n: GLint = 0
            glGetIntegerv(GL_NUM_EXTENSIONS, &n)
            XCTAssertEqual(Int(n), list.count)
            XCTAssertEqual((0..<GLuint(n)).map { String(cString: glGetStringi(GL_EXTENSIONS, $0)!) }, list)
            for e in ["GL_OES_geometry_shader", "GL_EXT_geometry_shader", "GL_OES_shader_io_blocks", "GL_OES_viewport_array", "GL_KHR_debug"] {
                XCTAssertTrue(list.contains(e), e)
            }
            XCTAssertFalse(list.contains { $0.hasPrefix("GL_ARB_") }, "desktop names in an ES context: \(list)")
            // Each command of the listed ES extensions resolves (GL_OES_viewport_array's float depth ranges too).
            for name in ["glFramebufferTextureOES", "glViewportIndexedfOES", "glDepthRangeIndexedfOES", "glDepthRangeArrayfvOES", "glBindVertexArrayOES"] {
                XCTAssertNotNil(virglglGetProcAddress(name), name)
            }
            XCTAssertEqual(glGetError(), GL_NO_ERROR)
        }
    }

    /// glDepthRangeIndexedfOES and glDepthRangeArrayfvOES set the desktop depth ranges (as doubles).
    func testFloatDepthRanges() throws {
        try withESContext(3, 1) {
            typealias Indexed = @convention(c) (GLuint, GLfloat, GLfloat) -> Void
            typealias Array = @convention(c) (GLuint, GLsizei, UnsafePointer<GLfloat>?) -> Void
            let indexed = unsafeBitCast(try XCTUnwrap(virglglGetProcAddress("glDepthRangeIndexedfOES")), to: Indexed.self)
            let array = unsafeBitCast(try XCTUnwrap(virglglGetProcAddress("glDepthRangeArrayfvOES")), to: Array.self)
            indexed(1, 0.25, 0.75)
            let v: [GLfloat] = [0.5, 1, 0.125, 0.375]
            array(2, 2, v)
            var range = [GLfloat](repeating: -1, count: 2)
            for (index, want) in [(1, [0.25, 0.75]), (2, [0.5, 1]), (3, [0.125, 0.375])] as [(GLuint, [GLfloat])] {
                glGetFloati_v(GL_DEPTH_RANGE, index, &range)
                XCTAssertEqual(range, want, "viewport \(index)")
            }
            array(0, -1, v)
            XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "a negative count")
        }
    }

    /// A `#version 300 es` program draws; a `#version`-less source is GLSL ES 1.00, whose varyings need not be written.
    func testDrawWithGLSLES300() throws {
        try withESContext(3, 0) {
            bindColorFramebuffer(width: 4, height: 4)
            let p = linkedProgram([
                (GL_VERTEX_SHADER, "#version 300 es\nvoid main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }\n"),
                (GL_FRAGMENT_SHADER, "#version 300 es\nprecision mediump float;\nuniform vec4 color;\nout vec4 frag;\nvoid main() { frag = color; }\n"),
            ])
            glUseProgram(p)
            glUniform4f(glGetUniformLocation(p, "color"), 0, 1, 0, 1)
            glClearColor(1, 0, 0, 1)
            glClear(GL_COLOR_BUFFER_BIT)
            glDrawArrays(GL_TRIANGLES, 0, 3)
            var pixel = [UInt8](repeating: 7, count: 4)
            glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
            XCTAssertEqual(pixel, [0, 255, 0, 255])
            _ = linkedProgram([
                (GL_VERTEX_SHADER, "varying highp vec4 color;\nvoid main() { gl_Position = vec4(0.0); }\n"),
                (GL_FRAGMENT_SHADER, "varying highp vec4 color;\nvoid main() { gl_FragColor = color; }\n"),
            ])
            XCTAssertEqual(glGetError(), GL_NO_ERROR)
        }
    }

    /// GLSL ES link rules glslang does not check: uniform precisions across stages, invariant gl_FragCoord.
    func testGLSLESLinkRules() throws {
        func links(_ vs: String, _ fs: String) -> Bool {
            let p = glCreateProgram()
            glAttachShader(p, compileShader(GL_VERTEX_SHADER, vs))
            glAttachShader(p, compileShader(GL_FRAGMENT_SHADER, fs))
            glLinkProgram(p)
            var ok: GLint = 0
            glGetProgramiv(p, GL_LINK_STATUS, &ok)
            return ok == 1
        }
        try withESContext(3, 0) {
            let vs300 = "#version 300 es\nprecision highp float;\nuniform float f;\nvoid main() { gl_Position = vec4(1.0); }\n"
            XCTAssertFalse(links(vs300, "#version 300 es\nprecision mediump float;\nuniform float f;\nout vec4 c;\nvoid main() { c = vec4(f); }\n"))
            XCTAssertTrue(links(vs300, "#version 300 es\nprecision highp float;\nuniform float f;\nout vec4 c;\nvoid main() { c = vec4(f); }\n"))
            // GLSL ES 1.00: only a uniform both stages use must agree.
            let vs100 = "precision highp float;\nuniform float f;\nvoid main() { gl_Position = vec4(1.0); }\n"
            XCTAssertTrue(links(vs100, "precision mediump float;\nuniform float f;\nvoid main() { gl_FragColor = vec4(f); }\n"))
            let vs100used = "precision highp float;\nuniform float f;\nvoid main() { gl_Position = vec4(f); }\n"
            XCTAssertFalse(links(vs100used, "precision mediump float;\nuniform float f;\nvoid main() { gl_FragColor = vec4(f); }\n"))
            let fs = "invariant gl_FragCoord;\nvoid main() { gl_FragColor = vec4(gl_FragCoord.x); }\n"
            XCTAssertFalse(links("void main() { gl_Position = vec4(0.0); }\n", fs))
            XCTAssertTrue(links("invariant gl_Position;\nvoid main() { gl_Position = vec4(0.0); }\n", fs))
            // No fixed-function stage stands in for a missing one (a compatibility context's would).
            let p = glCreateProgram()
            glAttachShader(p, compileShader(GL_VERTEX_SHADER, "void main() { gl_Position = vec4(0.0); }\n"))
            glLinkProgram(p)
            var ok: GLint = -1
            glGetProgramiv(p, GL_LINK_STATUS, &ok)
            XCTAssertEqual(ok, 0, "an ES program without a fragment shader")
        }
    }

    /// An ES context compiles GLSL ES 1.00, 3.00 and 3.10, never desktop GLSL or GLSL ES 3.20 (not ES 3.1's).
    func testESContextCompilesOnlyItsGLSLESVersions() throws {
        try withESContext(3, 1) {
            let body = "\nvoid main() { gl_Position = vec4(0.0); }\n"
            for (version, ok) in [("", true), ("#version 100", true), ("#version 300 es", true), ("#version 310 es", true),
                                  ("#version 320 es", false), ("#version 330 core", false), ("#version 330", false), ("#version 110", false), ("#version 100 es", false)] {
                let s = compileShader(GL_VERTEX_SHADER, version + body)
                var status: GLint = -1
                glGetShaderiv(s, GL_COMPILE_STATUS, &status)
                XCTAssertEqual(status == 1, ok, "'\(version)'")
            }
        }
    }

    /// `#version 310 es` is compiled as GLSL ES 3.10 (not raised to desktop 3.30, where compute shaders and
    /// atomic counter bindings do not exist).
    func testGLSLES310Compute() throws {
        try withESContext(3, 1) {
            let s = compileShader(GL_COMPUTE_SHADER, """
                #version 310 es
                layout(local_size_x = 1) in;
                layout(binding = 0) uniform atomic_uint counter;
                layout(binding = 0, std430) buffer Out { highp uint value; } out_buffer;
                void main() { out_buffer.value = atomicCounterIncrement(counter); }
                """)
            var ok: GLint = 0
            glGetShaderiv(s, GL_COMPILE_STATUS, &ok)
            XCTAssertEqual(ok, 1)
        }
    }

    /// Every ES extension an ES context lists brings every command gl.xml says it adds for OpenGL ES, and each is
    /// an OpenGL ES extension there (`supported` names gles2).
    func testEveryListedESExtensionResolvesItsCommands() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let registry = try Registry(contentsOf: root.appendingPathComponent("Registry/gl.xml"))
        let ctx = try XCTUnwrap(virglglCreateESContext(3, 1))
        defer { virglglDestroyContext(ctx) }
        let listed = Unmanaged<GLContext>.fromOpaque(ctx).takeUnretainedValue().esExtensions
        XCTAssertTrue(listed.contains("GL_OES_viewport_array"))
        var missing: [String] = []
        // GLSL ES-only extensions (no commands nor enums): gl.xml does not have them.
        let shaderOnly: Set = ["GL_EXT_frag_depth"]
        XCTAssertTrue(listed.contains("GL_EXT_frag_depth"))
        for name in listed where !shaderOnly.contains(name) {
            guard let ext = registry.extensions.first(where: { $0.name == name }) else {
                missing.append("\(name) is not in gl.xml")
                continue
            }
            if !ext.apis.contains("gles2") { missing.append("\(name) is not an OpenGL ES extension") }
            for block in ext.requires where block.api == nil || block.api == "gles2" {
                for command in block.commands where command.withCString({ virglglGetProcAddress($0) }) == nil {
                    missing.append("\(name): \(command)")
                }
            }
        }
        XCTAssertEqual(missing, [], "listed ES extensions whose commands getProcAddress does not give")
    }
}
