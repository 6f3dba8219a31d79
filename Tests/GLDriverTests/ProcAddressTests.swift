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
        // GL 4.6 compatibility's 1,048, GL_ARB_shading_language_include's 6, GL_EXT_shader_framebuffer_fetch_non_coherent's
        // glFramebufferFetchBarrierEXT, and the 19 own commands of GL_ARB_vertex_program / GL_ARB_fragment_program;
        // glTextureBarrierNV, glClearColorI{i,ui}EXT, glBind{Frame,Render}bufferEXT and glBindBufferOffsetEXT.
        XCTAssertEqual(addresses.count, 1048 + 6 + 1 + 19 + 3 + 3, "one distinct function per command")
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
        XCTAssertEqual(gl.glGetString(GL_VERSION).map { String(cString: $0) }, "4.3 (Core Profile) VirglGL 0.1.0")
        gl.glEnable(0xDEAD)
        XCTAssertEqual(gl.glGetError(), GL_INVALID_ENUM)
    }

    /// A GL 4.1 context is made when the host's GL is 4.1 or later (this host's llvmpipe: 4.5), asked for then.
    func testGL43ContextOnAGL43Host() throws {
        let ctx = try XCTUnwrap(virglglCreateContext(4, 3, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        defer {
            _ = virglglMakeCurrent(nil)
            virglglDestroyContext(ctx)
        }
        _ = virglglMakeCurrent(ctx)
        XCTAssertEqual(String(cString: glGetString(GL_SHADING_LANGUAGE_VERSION)!), "4.30")
        var major: GLint = 0, minor: GLint = 0
        glGetIntegerv(GL_MAJOR_VERSION, &major)
        glGetIntegerv(GL_MINOR_VERSION, &minor)
        XCTAssertEqual([major, minor], [4, 3])
        // GL 4.0's – 4.3's features are listed (GL 4.6 appendix: the ARB extensions they took in).
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
                  "GL_ARB_shading_language_packing", "GL_ARB_texture_compression_bptc", "GL_ARB_texture_storage",
                  "GL_ARB_arrays_of_arrays", "GL_ARB_ES3_compatibility", "GL_ARB_clear_buffer_object", "GL_ARB_compute_shader",
                  "GL_ARB_copy_image", "GL_KHR_debug", "GL_ARB_explicit_uniform_location", "GL_ARB_fragment_layer_viewport",
                  "GL_ARB_framebuffer_no_attachments", "GL_ARB_internalformat_query2", "GL_ARB_invalidate_subdata",
                  "GL_ARB_multi_draw_indirect", "GL_ARB_program_interface_query", "GL_ARB_shader_image_size",
                  "GL_ARB_shader_storage_buffer_object", "GL_ARB_stencil_texturing", "GL_ARB_texture_buffer_range",
                  "GL_ARB_texture_query_levels", "GL_ARB_texture_storage_multisample", "GL_ARB_texture_view",
                  "GL_ARB_vertex_attrib_binding"] {
            XCTAssertTrue(names.contains(e), e)
        }
        // GL 4.3's list of the #version lines it compiles (§22.2).
        var versions: GLint = 0
        glGetIntegerv(GL_NUM_SHADING_LANGUAGE_VERSIONS, &versions)
        let list = (0..<GLuint(versions)).map { String(cString: glGetStringi(GL_SHADING_LANGUAGE_VERSION, $0)!) }
        XCTAssertEqual(list.first, "430 core")
        for v in ["420 core", "330 core", "150 core", "140", "110", "", "100", "300 es"] { XCTAssertTrue(list.contains(v), v) }
        XCTAssertNil(glGetStringi(GL_SHADING_LANGUAGE_VERSION, GLuint(versions)))
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
    }

    func testContextCreationRejectsBadArguments() {
        XCTAssertNil(virglglCreateContext(5, 0, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
        XCTAssertNil(virglglCreateContext(4, 6, Int32(GL_CONTEXT_CORE_PROFILE_BIT)), "above the highest version implemented")
        XCTAssertNil(virglglCreateContext(4, 4, Int32(GL_CONTEXT_CORE_PROFILE_BIT)), "above the highest version implemented")
        XCTAssertNil(virglglCreateContext(3, 3, 7))
        XCTAssertNil(virglglCreateContext(-1, 0, Int32(GL_CONTEXT_CORE_PROFILE_BIT)))
    }

    func testImplementedListNamesTheHandWrittenCommands() {
        let implemented = Set(GLDispatch.table.implemented)
        for c: GLCommand in [.glGetError, .glGetString, .glGetStringi, .glGetIntegerv, .glEnable, .glDisable, .glIsEnabled] {
            XCTAssertTrue(implemented.contains(c), c.name)
        }
        XCTAssertFalse(implemented.contains(.glSpecializeShader))
    }

    func testCommandTableFacts() {
        // GL 4.6 (1048 commands, 657 of them core), GL_ARB_shading_language_include's 6 and
        // GL_EXT_shader_framebuffer_fetch_non_coherent's 1, in both profiles (DriverAPI.extensions);
        // GL_ARB_vertex_program / GL_ARB_fragment_program's own 19 in the compatibility profile
        // (DriverAPI.compatibilityExtensions).
        // GL_NV_texture_barrier's glTextureBarrierNV and GL_EXT_texture_integer's glClearColorI{i,ui}EXT in both;
        // glBind{Frame,Render}bufferEXT (GL_EXT_framebuffer_object) and glBindBufferOffsetEXT
        // (GL_EXT_transform_feedback) in the compatibility profile.
        XCTAssertEqual(GLCommand.allCases.count, 1048 + 6 + 1 + 19 + 3 + 3)
        XCTAssertEqual(GLCommand.allCases.filter(\.isCore).count, 657 + 6 + 1 + 3)
        XCTAssertEqual(GLCommand(name: "glDrawArrays"), .glDrawArrays)
        XCTAssertNil(GLCommand(name: "glDrawArraysEXT"))
        XCTAssertEqual(GLCommand.names, GLCommand.names.sorted())
        XCTAssertFalse(GLCommand.glBegin.isCore)
        XCTAssertEqual(GLEnumNames.name(of: 0x0DE1), "GL_TEXTURE_2D")
        XCTAssertEqual(GLEnumNames.name(of: 0x8370), "GL_MIRRORED_REPEAT", "core name before ARB/IBM/OES")
        XCTAssertEqual(GLEnumNames.describe(0xDEAD), "0xDEAD")
    }
}
