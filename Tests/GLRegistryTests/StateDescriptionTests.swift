import Foundation
import GLGenerator
import GLRegistry
import XCTest

/// Registry/gl-state.xml: parsing, checks against gl.xml, and the generated tables.
final class StateDescriptionTests: XCTestCase {
    func testTheCommittedDescriptionChecksOut() throws {
        let input = try GeneratorInput(root: packageRoot)
        XCTAssertEqual(input.state.check(against: input.registry), [])
        XCTAssertGreaterThan(input.state.capabilities.count, 30)
        XCTAssertGreaterThan(input.state.queries.count, 70)
        // Every capability is a member of the registry's EnableCap group (or a later GL addition to it).
        let enableCap = Set(input.registry.groups["EnableCap"]!.members)
        for c in input.state.capabilities where !enableCap.contains(c.cap) {
            XCTAssertTrue(["GL_TEXTURE_CUBE_MAP_SEAMLESS"].contains(c.cap), "\(c.cap) is not in gl.xml's EnableCap")
        }
    }

    func testMalformedDescriptionsAreRefused() throws {
        let bad = [
            "<glstate><gets><get pname='GL_VIEWPORT' type='int'/></gets></glstate>",
            "<glstate><gets><get pname='GL_VIEWPORT' type='short' field='viewport'/></gets></glstate>",
            "<glstate><enables><enable cap='GL_BLEND' field='x'/></enables></glstate>",
            "<glstate><enables><bogus/></enables></glstate>",
            "<state/>",
        ]
        for xml in bad {
            XCTAssertThrowsError(try StateDescription(xml: Data(xml.utf8)), xml)
        }
    }

    func testUnknownAndDuplicateNamesAreReported() throws {
        let registry = try Registry(contentsOf: glXMLURL)
        let d = try StateDescription(xml: Data("""
            <glstate><enables>
              <enable cap="GL_BLEND" field="a" group="blend"/><enable cap="GL_BLEND" field="b" group="blend"/>
            </enables><gets><get pname="GL_NOT_A_THING" type="int" field="x"/></gets></glstate>
            """.utf8))
        XCTAssertEqual(
            d.check(against: registry),
            ["gl-state.xml: capability GL_BLEND listed twice", "gl-state.xml: query GL_NOT_A_THING is not a GL enum"])
    }
}
