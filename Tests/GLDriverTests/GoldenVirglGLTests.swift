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

/// A host that dies mid-frame is a lost context, reported by GL, not a crash or a hang.
final class LostHostTests: XCTestCase {
    func testKillingTheVtestServerLosesTheContext() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core), host: .transport(try VtestTransport(socketPath: server.socketPath, timeout: 5)))
        GLContext.makeCurrent(context)
        defer { GLContext.makeCurrent(nil) }
        var fbo: GLuint = 0, rb: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glGenRenderbuffers(1, &rb)
        glBindRenderbuffer(GL_RENDERBUFFER, rb)
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 16, 16)
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
        glClear(GL_COLOR_BUFFER_BIT)
        var px = [UInt8](repeating: 0, count: 16 * 16 * 4)
        glReadPixels(0, 0, 16, 16, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_NO_ERROR)

        server.kill()
        let start = Date()
        glClear(GL_COLOR_BUFFER_BIT)
        glReadPixels(0, 0, 16, 16, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_CONTEXT_LOST)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(glGetGraphicsResetStatus(), GL_UNKNOWN_CONTEXT_RESET)
        // Later commands keep failing the same way, quickly.
        glReadPixels(0, 0, 16, 16, GL_RGBA, GL_UNSIGNED_BYTE, &px)
        XCTAssertEqual(glGetError(), GL_CONTEXT_LOST)
    }
}
