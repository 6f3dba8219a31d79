import GLCore
@testable import GLDriver
import ShaderCompiler
import XCTest

/// GL_ARB_shader_image_load_store (GL 4.2): shaders load, store and run atomics on texture images bound to image
/// units; the results are the host's texels, read back with glGetTexImage and glReadPixels.
final class ImageLoadStoreTests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// A context on a host with images, drawing into a `size`×`size` RGBA8 framebuffer.
    func prepare(size: GLsizei = 4) throws -> GLContext {
        let c = makeCurrentContext()
        guard c.extensions.contains("GL_ARB_shader_image_load_store") else { throw XCTSkip("the host has no image load/store") }
        _ = bindColorFramebuffer(width: size, height: size)
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        return c
    }

    /// A fragment shader of `body` (GLSL 3.30 with the extension) over the whole viewport.
    func useFragmentProgram(_ declarations: String, _ body: String, version: String = "330") -> GLuint {
        let fs = """
            #version \(version) core
            #extension GL_ARB_shader_image_load_store : require
            #extension GL_ARB_shading_language_420pack : require
            \(declarations)
            out vec4 color;
            void main() { ivec2 p = ivec2(gl_FragCoord.xy); \(body) color = vec4(0.0, 0.0, 0.0, 1.0); }
            """
        let p = linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, fs)])
        glUseProgram(p)
        return p
    }

    /// A 2D texture of `internalFormat` with `data` as its level 0 (nil: zeros).
    func texture2D(_ internalFormat: GLenum, _ w: GLsizei, _ h: GLsizei, _ format: GLenum, _ type: GLenum, _ data: UnsafeRawPointer?) -> GLuint {
        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_2D, t)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), w, h, 0, format, type, data)
        return t
    }

    func readUInts(_ t: GLuint, count: Int) -> [UInt32] {
        var out = [UInt32](repeating: 0xDEAD, count: count)
        glBindTexture(GL_TEXTURE_2D, t)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RED_INTEGER, GL_UNSIGNED_INT, &out)
        return out
    }

    func testTranslatorDeclaresImagesForTheHost() throws {
        let fs = """
            #version 430 core
            layout(rgba32f) writeonly uniform image2D img;
            layout(r32ui) coherent uniform uimage2D counter;
            out vec4 c;
            void main() {
                imageStore(img, ivec2(gl_FragCoord.xy), vec4(1.0));
                uint old = imageAtomicAdd(counter, ivec2(0), 1u);
                c = vec4(float(old), vec2(imageSize(img)), 1.0);
                memoryBarrier();
            }
            """
        let linked = try ProgramCompiler.link(vertex: fullViewportTriangleVS, fragment: fs).get()
        let text = linked.fragment.text
        XCTAssertTrue(text.contains("DCL IMAGE[0], 2D, PIPE_FORMAT_R32_UINT, WR") || text.contains("DCL IMAGE[1], 2D, PIPE_FORMAT_R32_UINT, WR"), text)
        XCTAssertTrue(text.contains("2D, PIPE_FORMAT_R32G32B32A32_FLOAT, WR"), text)
        XCTAssertTrue(text.contains("STORE IMAGE["), text)
        XCTAssertTrue(text.contains("ATOMUADD"), text)
        XCTAssertTrue(text.contains(", COHERENT"), text)
        XCTAssertTrue(text.contains("RESQ TEMP["), text)
        XCTAssertTrue(text.contains("MEMBAR IMM["), text)
        let images = linked.locations.filter { if case .image = $0.kind { return true } else { return false } }
        XCTAssertEqual(Set(images.map(\.name)), ["img", "counter"])
        XCTAssertEqual(Set(images.map(\.slot)), [0, 1], "each image has its own slot")
    }

    func testEarlyFragmentTestsBecomeAProperty() throws {
        let fs = """
            #version 330 core
            #extension GL_ARB_shader_image_load_store : require
            layout(early_fragment_tests) in;
            out vec4 c;
            void main() { c = vec4(1.0); }
            """
        let linked = try ProgramCompiler.link(vertex: fullViewportTriangleVS, fragment: fs).get()
        XCTAssertTrue(linked.fragment.text.contains("PROPERTY FS_EARLY_DEPTH_STENCIL 1"), linked.fragment.text)
    }

    func testImageStoreWritesTheTexture() throws {
        _ = try prepare()
        let t = texture2D(GL_RGBA32F, 4, 4, GL_RGBA, GL_FLOAT, nil)
        let p = useFragmentProgram("layout(rgba32f) writeonly uniform image2D img;", "imageStore(img, p, vec4(float(p.x), float(p.y), 0.25, 1.0));")
        glUniform1i(glGetUniformLocation(p, "img"), 2)
        glBindImageTexture(2, t, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_RGBA32F)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glMemoryBarrier(GL_TEXTURE_UPDATE_BARRIER_BIT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var texels = [Float](repeating: -1, count: 64)
        glBindTexture(GL_TEXTURE_2D, t)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_FLOAT, &texels)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        for y in 0..<4 {
            for x in 0..<4 {
                XCTAssertEqual(Array(texels[(y * 4 + x) * 4..<(y * 4 + x) * 4 + 4]), [Float(x), Float(y), 0.25, 1], "texel (\(x), \(y))")
            }
        }
    }

    func testImageLoadReadsWhatWasUploaded() throws {
        _ = try prepare()
        let source: [UInt32] = (0..<16).map { UInt32($0 * 3) }
        let src = texture2D(GL_R32UI, 4, 4, GL_RED_INTEGER, GL_UNSIGNED_INT, source)
        let dst = texture2D(GL_R32UI, 4, 4, GL_RED_INTEGER, GL_UNSIGNED_INT, nil)
        let p = useFragmentProgram(
            "layout(r32ui) readonly uniform uimage2D src; layout(r32ui) writeonly uniform uimage2D dst;",
            "imageStore(dst, p, imageLoad(src, p) * 2u + 1u);")
        glUniform1i(glGetUniformLocation(p, "src"), 0)
        glUniform1i(glGetUniformLocation(p, "dst"), 1)
        glBindImageTexture(0, src, 0, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_R32UI)
        glBindImageTexture(1, dst, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_R32UI)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glMemoryBarrier(GL_ALL_BARRIER_BITS)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(readUInts(dst, count: 16), source.map { $0 * 2 + 1 })
    }

    func testImageAtomicAddCountsEveryFragment() throws {
        _ = try prepare(size: 8)
        var zero: UInt32 = 0
        let counter = texture2D(GL_R32UI, 1, 1, GL_RED_INTEGER, GL_UNSIGNED_INT, &zero)
        let olds = texture2D(GL_R32UI, 8, 8, GL_RED_INTEGER, GL_UNSIGNED_INT, nil)
        let p = useFragmentProgram(
            "layout(binding = 3, r32ui) coherent uniform uimage2D counter; layout(binding = 4, r32ui) writeonly uniform uimage2D olds;",
            "imageStore(olds, p, uvec4(imageAtomicAdd(counter, ivec2(0), 1u)));")
        var unit: GLint = -1
        glGetUniformiv(p, glGetUniformLocation(p, "counter"), &unit)
        XCTAssertEqual(unit, 3, "layout(binding) sets the unit")
        glBindImageTexture(3, counter, 0, GLboolean(GL_FALSE), 0, GL_READ_WRITE, GL_R32UI)
        glBindImageTexture(4, olds, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_R32UI)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glMemoryBarrier(GL_TEXTURE_UPDATE_BARRIER_BIT)
        XCTAssertEqual(readUInts(counter, count: 1), [64], "one increment per fragment of 8×8")
        XCTAssertEqual(readUInts(olds, count: 64).sorted(), (0..<64).map(UInt32.init), "each fragment saw a different count")
        // A second draw counts on from the host's value.
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(readUInts(counter, count: 1), [128])
    }

    func testImageAtomicMinMaxExchange() throws {
        _ = try prepare()
        var start: [UInt32] = [1000, 0, 7, 0]
        let t = texture2D(GL_R32UI, 4, 1, GL_RED_INTEGER, GL_UNSIGNED_INT, &start)
        _ = useFragmentProgram(
            "layout(binding = 0, r32ui) uniform uimage2D t;",
            "uint v = uint(p.y * 4 + p.x) + 10u; imageAtomicMin(t, ivec2(0, 0), v); imageAtomicMax(t, ivec2(1, 0), v); imageAtomicCompSwap(t, ivec2(2, 0), 7u, 99u); imageAtomicOr(t, ivec2(3, 0), 1u << uint(p.x));")
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), 0, GL_READ_WRITE, GL_R32UI)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(readUInts(t, count: 4), [10, 25, 99, 0xF])
    }

    func testImageSizeOfTheBoundLevel() throws {
        _ = try prepare(size: 1)
        let img = texture2D(GL_RGBA8, 8, 4, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glTexImage2D(GL_TEXTURE_2D, 1, GLint(GL_RGBA8), 4, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST_MIPMAP_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 1)
        let out = texture2D(GL_R32UI, 2, 1, GL_RED_INTEGER, GL_UNSIGNED_INT, nil)
        _ = useFragmentProgram(
            "layout(binding = 0, rgba8) readonly uniform image2D img; layout(binding = 1, r32ui) writeonly uniform uimage2D o;",
            "ivec2 s = imageSize(img); imageStore(o, ivec2(0), uvec4(s.x)); imageStore(o, ivec2(1, 0), uvec4(s.y));",
            version: "430")
        glBindImageTexture(1, out, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_R32UI)
        glBindImageTexture(0, img, 0, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGBA8)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(readUInts(out, count: 2), [8, 4])
        glBindImageTexture(0, img, 1, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGBA8)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(readUInts(out, count: 2), [4, 2], "the size of level 1")
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testStoredTexelsAreSampledAndRead() throws {
        _ = try prepare()
        let t = texture2D(GL_RGBA8, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        _ = useFragmentProgram("layout(binding = 0, rgba8) writeonly uniform image2D img;", "imageStore(img, p, vec4(0.0, 1.0, 0.0, 1.0));")
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_RGBA8)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        glMemoryBarrier(GL_FRAMEBUFFER_BARRIER_BIT)
        // Through a framebuffer that has the texture attached.
        var fbo: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t, 0)
        var pixel = [UInt8](repeating: 0, count: 4)
        glReadPixels(2, 3, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, &pixel)
        XCTAssertEqual(pixel, [0, 255, 0, 255])
    }

    func testBindImageTextureErrorsAndState() throws {
        let c = try prepare()
        var max: GLint = 0
        glGetIntegerv(GL_MAX_IMAGE_UNITS, &max)
        XCTAssertGreaterThanOrEqual(max, 8)
        var fragment: GLint = 0
        glGetIntegerv(GL_MAX_FRAGMENT_IMAGE_UNIFORMS, &fragment)
        XCTAssertGreaterThanOrEqual(fragment, 8)
        let t = texture2D(GL_RGBA8, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, nil)
        glBindImageTexture(GLuint(max), t, 0, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGBA8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "unit ≥ GL_MAX_IMAGE_UNITS")
        glBindImageTexture(0, 0xBAD, 0, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGBA8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "not a texture")
        glBindImageTexture(0, t, -1, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGBA8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative level")
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), -1, GL_READ_ONLY, GL_RGBA8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "negative layer")
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), 0, GL_RGBA8, GL_RGBA8)
        XCTAssertEqual(glGetError(), GL_INVALID_ENUM, "bad access")
        glBindImageTexture(0, t, 0, GLboolean(GL_FALSE), 0, GL_READ_ONLY, GL_RGB8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "GL_RGB8 is no image format")
        glBindImageTexture(5, t, 2, GLboolean(GL_TRUE), 1, GL_READ_WRITE, GL_R32F)
        XCTAssertEqual(glGetError(), GL_NO_ERROR, "a level the texture lacks is allowed (the unit is unusable)")
        var v: GLint = 0
        for (pname, expected) in [(GL_IMAGE_BINDING_NAME, GLint(t)), (GL_IMAGE_BINDING_LEVEL, 2), (GL_IMAGE_BINDING_LAYERED, 1),
                                  (GL_IMAGE_BINDING_LAYER, 1), (GL_IMAGE_BINDING_ACCESS, GLint(GL_READ_WRITE)), (GL_IMAGE_BINDING_FORMAT, GLint(GL_R32F))] {
            glGetIntegeri_v(pname, 5, &v)
            XCTAssertEqual(v, expected, GLEnumNames.describe(pname))
        }
        glGetIntegeri_v(GL_IMAGE_BINDING_FORMAT, 0, &v)
        XCTAssertEqual(v, GLint(GL_R8), "a unit starts with GL_R8")
        glGetIntegeri_v(GL_IMAGE_BINDING_NAME, GLuint(max), &v)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE)
        var tex = t
        glDeleteTextures(1, &tex)
        glGetIntegeri_v(GL_IMAGE_BINDING_NAME, 5, &v)
        XCTAssertEqual(v, 0, "deleting the texture unbinds it")
        glMemoryBarrier(0x10)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "an unknown barrier bit")
        glMemoryBarrier(GL_ALL_BARRIER_BITS)
        glMemoryBarrier(GL_SHADER_IMAGE_ACCESS_BARRIER_BIT | GL_TEXTURE_FETCH_BARRIER_BIT)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        _ = c
    }

    func testImageUniformsAreActiveUniformsOfUnits() throws {
        _ = try prepare()
        let p = useFragmentProgram(
            "layout(r32i) uniform iimage2DArray arr; layout(rgba8) writeonly uniform image3D vol;",
            "imageAtomicAdd(arr, ivec3(p, 0), 1); imageStore(vol, ivec3(p, 0), vec4(0.0));")
        var count: GLint = 0
        glGetProgramiv(p, GL_ACTIVE_UNIFORMS, &count)
        var types: [String: GLenum] = [:]
        for i in 0..<GLuint(count) {
            var name = [GLchar](repeating: 0, count: 64)
            var size: GLint = 0, type: GLenum = 0
            glGetActiveUniform(p, i, 64, nil, &size, &type, &name)
            types[String(cString: name)] = type
        }
        XCTAssertEqual(types["arr"], GL_INT_IMAGE_2D_ARRAY)
        XCTAssertEqual(types["vol"], GL_IMAGE_3D)
        let loc = glGetUniformLocation(p, "arr")
        XCTAssertGreaterThanOrEqual(loc, 0)
        glUniform1i(loc, 8)
        XCTAssertEqual(glGetError(), GL_INVALID_VALUE, "unit ≥ GL_MAX_IMAGE_UNITS")
        glUniform1f(loc, 1)
        XCTAssertEqual(glGetError(), GL_INVALID_OPERATION, "images take glUniform1i")
        glUniform1i(loc, 6)
        var unit: GLint = 0
        glGetUniformiv(p, loc, &unit)
        XCTAssertEqual(unit, 6)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    func testProgramPipelineStagesStoreToImages() throws {
        _ = try prepare()
        func separable(_ type: GLenum, _ source: String) -> GLuint {
            source.withCString { s -> GLuint in
                var ptr: UnsafePointer<GLchar>? = s
                return glCreateShaderProgramv(type, 1, &ptr)
            }
        }
        let vp = separable(GL_VERTEX_SHADER, """
            #version 330 core
            #extension GL_ARB_separate_shader_objects : require
            out gl_PerVertex { vec4 gl_Position; };
            void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
            """)
        let fp = separable(GL_FRAGMENT_SHADER, """
            #version 330 core
            #extension GL_ARB_shader_image_load_store : require
            #extension GL_ARB_shading_language_420pack : require
            layout(binding = 1, r32ui) writeonly uniform uimage2D o;
            out vec4 c;
            void main() { ivec2 p = ivec2(gl_FragCoord.xy); imageStore(o, p, uvec4(uint(p.x + 10 * p.y))); c = vec4(1.0); }
            """)
        var linked: GLint = 0
        glGetProgramiv(fp, GL_LINK_STATUS, &linked)
        XCTAssertEqual(linked, 1)
        let t = texture2D(GL_R32UI, 4, 4, GL_RED_INTEGER, GL_UNSIGNED_INT, nil)
        var pipe: GLuint = 0
        glGenProgramPipelines(1, &pipe)
        glBindProgramPipeline(pipe)
        glUseProgramStages(pipe, GLbitfield(GL_VERTEX_SHADER_BIT), vp)
        glUseProgramStages(pipe, GLbitfield(GL_FRAGMENT_SHADER_BIT), fp)
        glBindImageTexture(1, t, 0, GLboolean(GL_FALSE), 0, GL_WRITE_ONLY, GL_R32UI)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(readUInts(t, count: 16), (0..<16).map { UInt32($0 % 4 + 10 * ($0 / 4)) })
    }

    func testImageArrayIndexedByAVariable() throws {
        _ = try prepare()
        let textures = (0..<3).map { _ in texture2D(GL_R32UI, 4, 4, GL_RED_INTEGER, GL_UNSIGNED_INT, nil) }
        let p = useFragmentProgram(
            "layout(binding = 0, r32ui) uniform uimage2D imgs[3]; uniform int which;",
            "imageStore(imgs[which], p, uvec4(7u + uint(which))); imageAtomicAdd(imgs[2 - which], ivec2(0), 100u);", version: "400")
        for (k, t) in textures.enumerated() { glBindImageTexture(GLuint(k), t, 0, GLboolean(GL_FALSE), 0, GL_READ_WRITE, GL_R32UI) }
        glUniform1i(glGetUniformLocation(p, "which"), 2)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(readUInts(textures[2], count: 16), [UInt32](repeating: 9, count: 16), "imgs[2] written")
        XCTAssertEqual(readUInts(textures[1], count: 16), [UInt32](repeating: 0, count: 16), "imgs[1] untouched")
        XCTAssertEqual(readUInts(textures[0], count: 16)[0], 1600, "imgs[0] counted every fragment")
    }

    func testLayeredAndSingleLayerBindingsOfAnArray() throws {
        _ = try prepare()
        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_2D_ARRAY, t)
        glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        let initial = (0..<48).map { UInt32($0 / 16 * 100) }
        glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GLint(GL_R32UI), 4, 4, 3, 0, GL_RED_INTEGER, GL_UNSIGNED_INT, initial)
        _ = useFragmentProgram(
            "layout(binding = 0, r32ui) uniform uimage2DArray whole; layout(binding = 1, r32ui) uniform uimage2D one;",
            "imageStore(whole, ivec3(p, 2), uvec4(5u)); imageAtomicAdd(one, p, 7u);")
        glBindImageTexture(0, t, 0, GLboolean(GL_TRUE), 0, GL_READ_WRITE, GL_R32UI)
        glBindImageTexture(1, t, 0, GLboolean(GL_FALSE), 1, GL_READ_WRITE, GL_R32UI)
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var out = [UInt32](repeating: 0xDEAD, count: 48)
        glGetTexImage(GL_TEXTURE_2D_ARRAY, 0, GL_RED_INTEGER, GL_UNSIGNED_INT, &out)
        XCTAssertEqual(Array(out[0..<16]), [UInt32](repeating: 0, count: 16), "layer 0 untouched")
        XCTAssertEqual(Array(out[16..<32]), [UInt32](repeating: 107, count: 16), "layer 1 through the single-layer binding")
        XCTAssertEqual(Array(out[32..<48]), [UInt32](repeating: 5, count: 16), "layer 2 through the layered binding")
    }

    func testTooManyImagesFailTheLink() throws {
        _ = try prepare()
        let declarations = (0..<9).map { "layout(r32ui) uniform uimage2D i\($0);" }.joined(separator: " ")
        let body = (0..<9).map { "imageAtomicAdd(i\($0), p, 1u);" }.joined(separator: " ")
        let fs = "#version 330 core\n#extension GL_ARB_shader_image_load_store : require\n\(declarations)\nout vec4 c;\nvoid main() { ivec2 p = ivec2(gl_FragCoord.xy); \(body) c = vec4(1.0); }\n"
        let prog = glCreateProgram()
        glAttachShader(prog, compileShader(GL_VERTEX_SHADER, fullViewportTriangleVS))
        glAttachShader(prog, compileShader(GL_FRAGMENT_SHADER, fs))
        glLinkProgram(prog)
        var ok: GLint = 1
        glGetProgramiv(prog, GL_LINK_STATUS, &ok)
        XCTAssertEqual(ok, 0, "nine images in the fragment stage exceed its eight")
    }
}
