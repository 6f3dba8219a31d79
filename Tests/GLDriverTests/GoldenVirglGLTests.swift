import Foundation
import GLBinding
import GLCore
import GLDriver
import GoldenScenes
import VirglTransport
import XCTest

/// Golden scenes rendered through VirglGL (in-process virglrenderer) against the native-Mesa references.
final class GoldenVirglGLTests: XCTestCase {
    static let references = GoldenReferences(
        root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Golden/llvmpipe"))

    func render(_ scene: GoldenScene) throws -> RGBAImage {
        let ctx = try XCTUnwrap(virglglCreateContext(3, 3, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        _ = virglglMakeCurrent(ctx)
        defer {
            _ = virglglMakeCurrent(nil)
            virglglDestroyContext(ctx)
        }
        let gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
        return try SceneRenderer.render(scene, gl: gl)
    }

    /// The scenes VirglGL renders today must match exactly (or within their declared tolerance).
    func testScenesVirglGLRendersMatchNativeMesa() throws {
        XCTAssertFalse(GoldenScene.passingOnVirglGL.isEmpty)
        for name in GoldenScene.passingOnVirglGL {
            let scene = try XCTUnwrap(GoldenScene.named(name), name)
            let result = Self.references.compare(scene, actual: Result { try render(scene) })
            XCTAssertTrue(result.passed, result.line)
        }
    }
}

/// A subset of the golden scenes through VirglGL over vtest: a separate `virgl_test_server` process as host.
final class GoldenVtestTests: XCTestCase {
    func testSubsetOverVtestMatchesNativeMesa() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        let transport = try VtestTransport(socketPath: server.socketPath)
        for name in ["vertex_colors", "uniforms", "texture_nearest", "depth_test", "render_to_texture"] {
            let scene = try XCTUnwrap(GoldenScene.named(name))
            let context = GLContext(attributes: GLContextAttributes(major: 4, minor: 5, profile: .core), host: .transport(transport))
            GLContext.makeCurrent(context)
            defer { GLContext.makeCurrent(nil) }
            let gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
            let result = GoldenVirglGLTests.references.compare(scene, actual: Result { try SceneRenderer.render(scene, gl: gl) })
            XCTAssertTrue(result.passed, result.line)
        }
    }
}
