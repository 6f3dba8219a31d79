import GLGenerator
import GLRegistry
import XCTest

/// The real registry: counts known independently of this code, and validation.
final class GLXMLTests: XCTestCase {
    static let registry: Registry = try! Registry(contentsOf: glXMLURL)

    func testCore46Selects657Commands() throws {
        // 657: FINDINGS.md's count, made with a separate Python script over the same gl.xml.
        let core = try Self.registry.select(api: "gl", version: Version(4, 6), profile: "core")
        XCTAssertEqual(core.commands.count, 657)
        XCTAssertTrue(core.commands.contains("glSpecializeShader"))
        XCTAssertFalse(core.commands.contains("glBegin"))
    }

    func testCompatibilityAddsTheLegacyCommands() throws {
        let core = try Self.registry.select(api: "gl", version: Version(4, 6), profile: "core")
        let compat = try Self.registry.select(api: "gl", version: Version(4, 6), profile: "compatibility")
        XCTAssertTrue(Set(core.commands).isSubset(of: compat.commands))
        let legacy = Set(compat.commands).subtracting(core.commands)
        XCTAssertEqual(compat.commands.count, 1048)
        for name in ["glBegin", "glEnd", "glVertex3f", "glLightfv", "glMatrixMode", "glRasterPos2i", "glNewList"] {
            XCTAssertTrue(legacy.contains(name), name)
        }
        XCTAssertTrue(compat.enums.contains("GL_LIGHTING"))
        XCTAssertFalse(core.enums.contains("GL_LIGHTING"))
    }

    func testRegistryValidates() throws {
        for profile in ["core", "compatibility"] {
            let set = try Self.registry.select(api: "gl", version: Version(4, 6), profile: profile)
            XCTAssertEqual(Self.registry.validate(set), [], profile)
        }
    }

    func testEnumValidationFileMatchesTheRegistry() throws {
        let input = try GeneratorInput(root: packageRoot)
        XCTAssertEqual(input.validation.check(against: input.registry), [])
        // The audit's additions are real gaps in gl.xml: HALF_FLOAT is not in this registry's PixelType.
        XCTAssertFalse(input.registry.groups["PixelType"]!.members.contains("GL_HALF_FLOAT"))
        let values = input.validation.values(
            of: "PixelType", registry: input.registry,
            selected: Set(try input.registry.select(api: "gl", version: Version(4, 6), profile: "compatibility").enums))
        XCTAssertTrue(values.contains(0x140B))  // GL_HALF_FLOAT
        XCTAssertTrue(values.contains(0x1401))  // GL_UNSIGNED_BYTE, from gl.xml
    }

    func testEnumValidationRejectsStaleAdditions() throws {
        let input = try GeneratorInput(root: packageRoot)
        let stale = EnumValidation(additions: ["PixelType": ["GL_UNSIGNED_BYTE"], "NoSuchGroup": [], "EnableCap": ["GL_NOPE"]])
        XCTAssertEqual(
            stale.check(against: input.registry).sorted(),
            [
                "enum-validation.txt: EnableCap +GL_NOPE names no enum",
                "enum-validation.txt: PixelType already has GL_UNSIGNED_BYTE in gl.xml; drop the addition",
                "enum-validation.txt: group NoSuchGroup does not exist in gl.xml",
            ])
        XCTAssertThrowsError(try EnumValidation(parsing: "EnableCap GL_X"))
        XCTAssertThrowsError(try EnumValidation(parsing: "EnableCap\nEnableCap"))
    }

    func testEnumValidationCorrectsAParameterGroup() throws {
        let input = try GeneratorInput(root: packageRoot)
        // gl.xml gives glDrawElementsInstancedBaseInstance's index type the PrimitiveType group; the file corrects it.
        XCTAssertEqual(input.registry.commands["glDrawElementsInstancedBaseInstance"]!.params.first { $0.name == "type" }!.group, "PrimitiveType")
        XCTAssertEqual(input.validation.group("glDrawElementsInstancedBaseInstance", "type", registryGroup: "PrimitiveType"), "DrawElementsType")
        XCTAssertEqual(input.validation.group("glDrawElements", "type", registryGroup: "DrawElementsType"), "DrawElementsType")
        let stale = try EnumValidation(parsing: "DrawElementsType\nglDrawElements.type = DrawElementsType\nglNope.x = DrawElementsType\nglDrawArrays.mode = Nope")
        XCTAssertEqual(
            stale.check(against: input.registry).sorted(),
            [
                "enum-validation.txt: gl.xml already gives glDrawElements.type the group DrawElementsType; drop the correction",
                "enum-validation.txt: glDrawArrays.mode is corrected to Nope, which is not validated",
                "enum-validation.txt: glNope.x names no command parameter in gl.xml",
            ].sorted())
        XCTAssertThrowsError(try EnumValidation(parsing: "glDrawElements.type DrawElementsType"))
    }

    func testParsingIsFast() throws {
        // Not a timing assertion: a sanity bound far above the 33–50 ms FINDINGS.md measured.
        let start = Date()
        _ = try Registry(contentsOf: glXMLURL)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }
}
