import GLRegistry
import XCTest

/// The registry model and selection on a small hand-written registry whose answers are known.
final class FixtureRegistryTests: XCTestCase {
    var registry: Registry!

    override func setUpWithError() throws {
        registry = try Registry(xml: fixture("mini.xml"), name: "mini.xml")
    }

    func testCoreProfileAppliesRemovals() throws {
        let core = try registry.select(api: "gl", version: Version(3, 2), profile: "core")
        XCTAssertEqual(core.commands, ["glClear", "glEnable", "glShaderSource"])
        XCTAssertFalse(core.enums.contains("GL_LIGHTING"))
        XCTAssertTrue(core.enums.contains("GL_TIMEOUT_IGNORED"))
    }

    func testCompatibilityProfileKeepsLegacy() throws {
        let compat = try registry.select(api: "gl", version: Version(3, 2), profile: "compatibility")
        XCTAssertEqual(compat.commands, ["glBegin", "glClear", "glEnable", "glShaderSource"])
        XCTAssertTrue(compat.enums.contains("GL_LIGHTING"))
        // A profile="core" require does not reach the compatibility profile.
        XCTAssertFalse(compat.enums.contains("GL_TIMEOUT_IGNORED"))
    }

    func testALaterVersionCanRequireWhatAnEarlierRemoved() throws {
        let core43 = try registry.select(api: "gl", version: Version(4, 3), profile: "core")
        XCTAssertTrue(core43.enums.contains("GL_LIGHTING"))
        XCTAssertFalse(core43.enums.contains("GL_MIRRORED_REPEAT_IBM"))
        let compat43 = try registry.select(api: "gl", version: Version(4, 3), profile: "compatibility")
        XCTAssertTrue(compat43.enums.contains("GL_MIRRORED_REPEAT_IBM"))
    }

    func testVersionBoundsTheSelection() throws {
        let gl10 = try registry.select(api: "gl", version: Version(1, 0), profile: "core")
        XCTAssertEqual(gl10.commands, ["glBegin", "glClear", "glEnable"], "removals of 3.2 do not apply to 1.0")
    }

    func testExtensionsAddAndCheckTheirAPI() throws {
        let withExt = try registry.select(
            api: "gl", version: Version(2, 0), profile: "compatibility", extensions: ["GL_ARB_texture_mirrored_repeat"])
        XCTAssertTrue(withExt.commands.contains("glClearColorARB"))
        XCTAssertTrue(withExt.enums.contains("GL_MIRRORED_REPEAT_ARB"))
        XCTAssertThrowsError(
            try registry.select(api: "gl", version: Version(2, 0), profile: "core", extensions: ["GL_OES_only"]))
        XCTAssertThrowsError(
            try registry.select(api: "gl", version: Version(2, 0), profile: "core", extensions: ["GL_NOPE"]))
    }

    func testProfilesAreChecked() throws {
        XCTAssertEqual(registry.profiles(of: "gl"), ["compatibility", "core"])
        XCTAssertThrowsError(try registry.select(api: "gl", version: Version(3, 2), profile: nil))
        XCTAssertThrowsError(try registry.select(api: "gl", version: Version(3, 2), profile: "es"))
        let es = try registry.select(api: "gles2", version: Version(2, 0), profile: nil)
        XCTAssertEqual(es.commands, ["glClear"])
    }

    func testGroupsFromCommaListsAndBitmaskBlocks() {
        XCTAssertEqual(registry.groups["EnableCap"]?.members, ["GL_CULL_FACE", "GL_LIGHTING"])
        XCTAssertEqual(registry.groups["GetPName"]?.members, ["GL_CULL_FACE"])
        XCTAssertEqual(registry.groups["ClearBufferMask"]?.isBitmask, true)
        XCTAssertEqual(registry.groups["AttribMask"]?.isBitmask, false)
        XCTAssertEqual(registry.groups["AttribMask"]?.members, ["GL_DEPTH_BUFFER_BIT", "GL_COLOR_BUFFER_BIT"])
        XCTAssertEqual(registry.groups["TextureWrapMode"]?.members, ["GL_MIRRORED_REPEAT", "GL_MIRRORED_REPEAT_ARB"])
    }

    func testEnumValuesAliasesAndAPIs() {
        let names = registry.enumOrder.filter { registry.enums[$0]!.value == 0x8370 }
        XCTAssertEqual(names, ["GL_MIRRORED_REPEAT", "GL_MIRRORED_REPEAT_ARB", "GL_MIRRORED_REPEAT_IBM", "GL_MIRRORED_REPEAT_OES"])
        // The name declared for gles2 and for gl keeps the gl value.
        XCTAssertEqual(registry.enums["GL_ACTIVE_PROGRAM_EXT"]?.value, 0x8B8D)
        XCTAssertEqual(registry.enums["GL_TIMEOUT_IGNORED"]?.value, UInt64.max)
        XCTAssertEqual(registry.enums["GL_TIMEOUT_IGNORED"]?.is64Bit, true)
        XCTAssertEqual(registry.enums["GL_NEGATIVE_EXAMPLE"]?.value, UInt64(bitPattern: -2))
    }

    func testCommandTypesAndAliases() throws {
        let ss = try XCTUnwrap(registry.commands["glShaderSource"])
        XCTAssertEqual(ss.params.map(\.type.text), ["GLint", "const GLchar *const *"])
        XCTAssertEqual(ss.params[1].len, "count")
        XCTAssertEqual(ss.params[1].type.pointerDepth, 2)
        XCTAssertEqual(registry.commands["glClearColorARB"]?.alias, "glClear")
        XCTAssertEqual(registry.commands["glEnable"]?.params.first?.group, "EnableCap")
    }

    func testValidationFindsMemberlessEnumGroups() throws {
        let compat = try registry.select(api: "gl", version: Version(3, 2), profile: "compatibility")
        // glBegin's GLenum parameter names PrimitiveType, which no enum of this registry belongs to; the
        // ColorF group on a GLfloat parameter describes meaning and is not checked.
        XCTAssertEqual(registry.validate(compat), ["glBegin(mode) names group PrimitiveType, which has no members"])
        let core = try registry.select(api: "gl", version: Version(3, 2), profile: "core")
        XCTAssertEqual(registry.validate(core), [])
    }

    func testMalformedInputIsAnError() {
        XCTAssertThrowsError(try Registry(xml: Data("<registry><feature".utf8)))
        XCTAssertThrowsError(try Registry(xml: Data("<notregistry/>".utf8)))
    }
}
