import GLBinding
import GLCore
import GLDriver
import XCTest

/// `getProcAddress` and the dispatch table, seen from outside.
final class ProcAddressTests: XCTestCase {
    func testEveryCommandHasAnAddressAndUnknownNamesHaveNone() {
        var addresses = Set<UnsafeRawPointer>()
        for command in GLCommand.allCases {
            let p = command.name.withCString { virglglGetProcAddress($0) }
            XCTAssertNotNil(p, command.name)
            if let p { addresses.insert(p) }
        }
        XCTAssertEqual(addresses.count, 1048, "one distinct function per command")
        XCTAssertNil(virglglGetProcAddress("glNoSuchThing"))
        XCTAssertNil(virglglGetProcAddress(""))
        XCTAssertNil(virglglGetProcAddress(nil))
    }

    func testBindingOverOurOwnProcAddressReachesTheDriver() throws {
        let gl = GLBinding { name in name.withCString { virglglGetProcAddress($0) } }
        XCTAssertEqual(gl.loaded.count, GLCommand.allCases.count)
        XCTAssertEqual(gl.missing, [])
        let ctx = try XCTUnwrap(virglglCreateContext(3, 3, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        defer {
            _ = virglglMakeCurrent(nil)
            virglglDestroyContext(ctx)
        }
        _ = virglglMakeCurrent(ctx)
        XCTAssertEqual(gl.glGetString(GL_VERSION).map { String(cString: $0) }, "3.3 (Core Profile) VirglGL 0.1.0")
        gl.glEnable(0xDEAD)
        XCTAssertEqual(gl.glGetError(), GL_INVALID_ENUM)
    }

    func testContextCreationRejectsBadArguments() {
        XCTAssertNil(virglglCreateContext(5, 0, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        XCTAssertNil(virglglCreateContext(4, 6, Int32(GL_CONTEXT_CORE_PROFILE_BIT)), "above the highest version implemented")
        XCTAssertNil(virglglCreateContext(3, 3, 7))
        XCTAssertNil(virglglCreateContext(-1, 0, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
    }

    func testImplementedListNamesTheHandWrittenCommands() {
        let implemented = Set(GLDispatch.table.implemented)
        for c: GLCommand in [.glGetError, .glGetString, .glGetStringi, .glGetIntegerv, .glEnable, .glDisable, .glIsEnabled] {
            XCTAssertTrue(implemented.contains(c), c.name)
        }
        XCTAssertFalse(implemented.contains(.glDispatchCompute))
    }

    func testCommandTableFacts() {
        XCTAssertEqual(GLCommand.allCases.count, 1048)
        XCTAssertEqual(GLCommand.allCases.filter(\.isCore).count, 657)
        XCTAssertEqual(GLCommand(name: "glDrawArrays"), .glDrawArrays)
        XCTAssertNil(GLCommand(name: "glDrawArraysEXT"))
        XCTAssertEqual(GLCommand.names, GLCommand.names.sorted())
        XCTAssertFalse(GLCommand.glBegin.isCore)
        XCTAssertEqual(GLEnumNames.name(of: 0x0DE1), "GL_TEXTURE_2D")
        XCTAssertEqual(GLEnumNames.name(of: 0x8370), "GL_MIRRORED_REPEAT", "core name before ARB/IBM/OES")
        XCTAssertEqual(GLEnumNames.describe(0xDEAD), "0xDEAD")
    }
}
