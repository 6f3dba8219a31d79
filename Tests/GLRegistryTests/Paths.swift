import Foundation

/// The package root, found from this file's path (Tests/GLRegistryTests/Paths.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let glXMLURL = packageRoot.appendingPathComponent("Registry/gl.xml")

func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!)
}
