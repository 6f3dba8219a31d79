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
        XCTAssertEqual(gl.glGetString(GL_VERSION).map { String(cString: $0) }, "4.2 (Core Profile) VirglGL 0.1.0")
        gl.glEnable(0xDEAD)
        XCTAssertEqual(gl.glGetError(), GL_INVALID_ENUM)
    }

    /// A GL 4.1 context is made when the host's GL is 4.1 or later (this host's llvmpipe: 4.5), asked for then.
    func testGL42ContextOnAGL42Host() throws {
        let ctx = try XCTUnwrap(virglglCreateContext(4, 2, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        defer {
            _ = virglglMakeCurrent(nil)
            virglglDestroyContext(ctx)
        }
        _ = virglglMakeCurrent(ctx)
        XCTAssertEqual(String(cString: glGetString(GL_SHADING_LANGUAGE_VERSION)!), "4.20")
        var major: GLint = 0, minor: GLint = 0
        glGetIntegerv(GL_MAJOR_VERSION, &major)
        glGetIntegerv(GL_MINOR_VERSION, &minor)
        XCTAssertEqual([major, minor], [4, 2])
        // GL 4.0's, 4.1's and 4.2's features are listed (GL 4.6 appendix: the ARB extensions they took in).
        var n: GLint = 0
        glGetIntegerv(GL_NUM_EXTENSIONS, &n)
        let names = Set((0..<GLuint(n)).map { String(cString: glGetStringi(GL_EXTENSIONS, $0)!) })
        for e in ["GL_ARB_draw_buffers_blend", "GL_ARB_draw_indirect", "GL_ARB_gpu_shader5", "GL_ARB_gpu_shader_fp64", "GL_ARB_sample_shading",
                  "GL_ARB_shader_subroutine", "GL_ARB_tessellation_shader", "GL_ARB_texture_cube_map_array", "GL_ARB_texture_gather",
                  "GL_ARB_texture_query_lod", "GL_ARB_transform_feedback2", "GL_ARB_transform_feedback3",
                  "GL_ARB_ES2_compatibility", "GL_ARB_get_program_binary", "GL_ARB_separate_shader_objects", "GL_ARB_shader_precision",
                  "GL_ARB_vertex_attrib_64bit", "GL_ARB_viewport_array",
                  "GL_ARB_base_instance", "GL_ARB_shading_language_420pack", "GL_ARB_transform_feedback_instanced",
                  "GL_ARB_compressed_texture_pixel_storage", "GL_ARB_conservative_depth", "GL_ARB_internalformat_query",
                  "GL_ARB_map_buffer_alignment", "GL_ARB_shader_atomic_counters", "GL_ARB_shader_image_load_store",
                  "GL_ARB_shading_language_packing", "GL_ARB_texture_compression_bptc", "GL_ARB_texture_storage"] {
            XCTAssertTrue(names.contains(e), e)
        }
    }

    func testContextCreationRejectsBadArguments() {
        XCTAssertNil(virglglCreateContext(5, 0, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        XCTAssertNil(virglglCreateContext(4, 6, Int32(GL_CONTEXT_CORE_PROFILE_BIT)), "above the highest version implemented")
        XCTAssertNil(virglglCreateContext(4, 3, Int32(GL_CONTEXT_CORE_PROFILE_BIT)), "above the highest version implemented")
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
