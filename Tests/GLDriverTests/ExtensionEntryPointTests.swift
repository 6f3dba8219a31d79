import Foundation
@testable import GLDriver
import GLRegistry
import XCTest

/// An extension VirglGL lists must bring every command the registry says it adds: a program that checks the
/// name and then calls glGenQueriesARB would otherwise call NULL.
final class ExtensionEntryPointTests: XCTestCase {
    func testEveryListedExtensionResolvesItsCommands() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let registry = try Registry(contentsOf: root.appendingPathComponent("Registry/gl.xml"))
        let listed = GLContext.implementedExtensions + GLContext.shaderExtensions.map(\.name) + GLContext.transformFeedbackExtensions
            + GLContext.arbProgramExtensions + GLContext.coreFeatureExtensions + GLContext.compatibilityFeatureExtensions
            + ["GL_ARB_texture_barrier", "GL_NV_texture_barrier"]
        var missing: [String] = []
        for name in listed {
            guard let ext = registry.extensions.first(where: { $0.name == name }) else {
                missing.append("\(name) is not in gl.xml")
                continue
            }
            for block in ext.requires where block.api == nil || block.api == "gl" {
                for command in block.commands where command.withCString({ virglglGetProcAddress($0) }) == nil {
                    missing.append("\(name): \(command)")
                }
            }
        }
        XCTAssertEqual(missing, [], "listed extensions whose commands getProcAddress does not give")
        XCTAssertNotNil("glGenQueriesARB".withCString { virglglGetProcAddress($0) }, "an ARB alias resolves to the core command")
        XCTAssertNil("glNotACommandEXT".withCString { virglglGetProcAddress($0) })
    }
}
