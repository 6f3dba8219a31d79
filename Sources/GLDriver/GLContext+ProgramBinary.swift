import Foundation
import GLCore

/// What relinking a program needs, as the last successful link had it: its shaders' compiled sources and the
/// link-time state (bindings, transform feedback varyings, separability). A program binary carries one.
struct GLProgramBinaryImage: Codable, Equatable {
    struct Shader: Codable, Equatable {
        var type: GLenum
        var source: String
    }

    var shaders: [Shader]
    var attributeBindings: [String: Int]
    var fragDataBindings: [String: Int]
    var fragDataIndexBindings: [String: Int]
    var transformFeedbackVaryings: [String]
    var transformFeedbackSeparate: Bool
    var separable: Bool
}

/// Program binaries (GL 4.1, GL_ARB_get_program_binary) in one format, GL_PROGRAM_BINARY_FORMAT_VIRGLGL: a
/// header (magic "VGLB", format version, driver version, payload length, FNV-1a 64 checksum of the payload), then
/// the program's GLProgramBinaryImage as JSON. glProgramBinary checks all of it and relinks the program from the
/// image (the host has no binaries of its own to take); a blob that fails a check, or whose sources no longer link,
/// leaves the program unlinked (GL_LINK_STATUS false, the reason in the info log), without a GL error. Uniforms
/// start at their initial values, as after any link. The program's attached shaders and the bindings it will use at
/// its next glLinkProgram are left as they were.
enum GLProgramBinaryFormat {
    /// The format's enum (not a registry one: VirglGL's own, as GL lets each implementation name its formats).
    static let format: GLenum = 0x5647_4C01
    static let magic: [UInt8] = Array("VGLB".utf8)
    static let version: UInt32 = 1
    /// magic, format version, driver version (16 bytes, NUL padded), payload length, checksum.
    static let headerSize = 4 + 4 + 16 + 4 + 8

    /// FNV-1a, 64 bits.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    static var driverVersionField: [UInt8] {
        let v = Array(VirglGLInfo.driverVersion.utf8.prefix(16))
        return v + [UInt8](repeating: 0, count: 16 - v.count)
    }

    /// The blob for `image`.
    static func encode(_ image: GLProgramBinaryImage) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = [UInt8]((try? encoder.encode(image)) ?? Data())
        var out = magic
        func append32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        append32(version)
        out += driverVersionField
        append32(UInt32(payload.count))
        withUnsafeBytes(of: checksum(payload).littleEndian) { out += $0 }
        return out + payload
    }

    /// The image in `blob`, or why there is none.
    static func decode(_ blob: UnsafeRawBufferPointer) -> Result<GLProgramBinaryImage, ShaderBinaryError> {
        guard blob.count >= headerSize else { return .failure(.init("the binary is shorter than its header")) }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        guard Array(blob[0..<4]) == magic else { return .failure(.init("not a VirglGL program binary")) }
        guard u32(4) == version else { return .failure(.init("binary format version \(u32(4)), this VirglGL reads \(version)")) }
        guard Array(blob[8..<24]) == driverVersionField else { return .failure(.init("the binary is from another VirglGL version")) }
        let length = Int(u32(24))
        guard blob.count - headerSize == length else { return .failure(.init("the binary's length does not match its header")) }
        let sum = UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: 28, as: UInt64.self))
        let payload = blob[headerSize...]
        guard checksum(payload) == sum else { return .failure(.init("the binary's checksum does not match (it is corrupt)")) }
        guard let image = try? JSONDecoder().decode(GLProgramBinaryImage.self, from: Data(payload)) else {
            return .failure(.init("the binary's contents cannot be read"))
        }
        return .success(image)
    }
}

/// Why a program binary was not loaded (the program's info log).
struct ShaderBinaryError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension GLContext {
    /// The image of `p` as it is about to link (its shaders and link-time state).
    func programBinaryImage(_ p: GLProgram) -> GLProgramBinaryImage {
        GLProgramBinaryImage(
            shaders: p.shaders.map { .init(type: $0.type, source: $0.compiledSource) },
            attributeBindings: p.attributeBindings, fragDataBindings: p.fragDataBindings, fragDataIndexBindings: p.fragDataIndexBindings,
            transformFeedbackVaryings: p.transformFeedbackVaryings, transformFeedbackSeparate: p.transformFeedbackSeparate,
            separable: p.separable)
    }

    /// GL_PROGRAM_BINARY_LENGTH: the blob's size for a linked program, else 0.
    func programBinaryLength(_ p: GLProgram) -> GLint {
        guard p.linked, let image = p.binaryImage else { return 0 }
        return GLint(clamping: GLProgramBinaryFormat.encode(image).count)
    }

    /// glGetProgramBinary: GL 4.6 §7.5 — GL_INVALID_OPERATION for a program that is not linked or a buffer
    /// smaller than the binary.
    func getProgramBinary(_ name: GLuint, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ format: UnsafeMutablePointer<GLenum>?, _ binary: UnsafeMutableRawPointer?) {
        guard let p = program(.glGetProgramBinary, name) else { return }
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, .glGetProgramBinary, "negative buffer size") }
        guard p.linked, let image = p.binaryImage else {
            length?.pointee = 0
            return recordError(GL_INVALID_OPERATION, .glGetProgramBinary, "program \(name) is not linked")
        }
        let blob = GLProgramBinaryFormat.encode(image)
        guard blob.count <= Int(bufSize) else {
            length?.pointee = 0
            return recordError(GL_INVALID_OPERATION, .glGetProgramBinary, "bufSize \(bufSize) < GL_PROGRAM_BINARY_LENGTH \(blob.count)")
        }
        if let binary { blob.withUnsafeBytes { binary.copyMemory(from: $0.baseAddress!, byteCount: blob.count) } }
        length?.pointee = GLsizei(blob.count)
        format?.pointee = GLProgramBinaryFormat.format
    }

    /// glProgramBinary: an unknown format is GL_INVALID_ENUM (the program is then unlinked too); a blob that
    /// fails its checks unlinks the program without an error.
    func programBinary(_ name: GLuint, _ format: GLenum, _ binary: UnsafeRawPointer?, _ length: GLsizei) {
        guard let p = program(.glProgramBinary, name) else { return }
        guard length >= 0 else { return recordError(GL_INVALID_VALUE, .glProgramBinary, "negative length") }
        guard !isCapturing(p) else {
            return recordError(GL_INVALID_OPERATION, .glProgramBinary, "the program is capturing transform feedback")
        }
        func fail(_ why: String) {
            p.linked = false
            p.linkedProgram = nil
            p.compute = nil
            p.binaryImage = nil
            p.log = "VirglGL: program binary not loaded: \(why)\n"
            if currentProgram === p { state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers]) }
        }
        guard format == GLProgramBinaryFormat.format else {
            fail("unknown format")
            return recordError(GL_INVALID_ENUM, .glProgramBinary, "binary format \(GLEnumNames.describe(format)) is not GL_PROGRAM_BINARY_FORMAT_VIRGLGL")
        }
        guard let binary, length > 0 else { return fail("no bytes") }
        let image: GLProgramBinaryImage
        switch GLProgramBinaryFormat.decode(UnsafeRawBufferPointer(start: binary, count: Int(length))) {
        case .failure(let e): return fail(e.message)
        case .success(let i): image = i
        }
        // Relink from the image; what the app set for its own next link stays.
        let kept = (p.shaders, p.attributeBindings, p.fragDataBindings, p.fragDataIndexBindings, p.transformFeedbackVaryings, p.transformFeedbackSeparate)
        p.shaders = image.shaders.map { s in
            let shader = GLShader(name: 0, type: s.type)
            shader.source = s.source
            shader.compiled = true
            return shader
        }
        p.attributeBindings = image.attributeBindings
        p.fragDataBindings = image.fragDataBindings
        p.fragDataIndexBindings = image.fragDataIndexBindings
        p.transformFeedbackVaryings = image.transformFeedbackVaryings
        p.transformFeedbackSeparate = image.transformFeedbackSeparate
        p.separable = image.separable
        linkProgram(p)
        (p.shaders, p.attributeBindings, p.fragDataBindings, p.fragDataIndexBindings, p.transformFeedbackVaryings, p.transformFeedbackSeparate) = kept
        if !p.linked { fail("its program no longer links: " + p.log) }
    }

    /// glProgramParameteri(GL_PROGRAM_BINARY_RETRIEVABLE_HINT): GL_TRUE or GL_FALSE, else GL_INVALID_VALUE.
    /// Returns false when `pname` is not this hint (glProgramParameteri, in GLContext+ProgramPipelines.swift,
    /// handles the other parameters).
    func programBinaryRetrievableHint(_ p: GLProgram, _ pname: GLenum, _ value: GLint) -> Bool {
        guard pname == GL_PROGRAM_BINARY_RETRIEVABLE_HINT else { return false }
        guard value == GL_TRUE || value == GL_FALSE else {
            recordError(GL_INVALID_VALUE, .glProgramParameteri, "GL_PROGRAM_BINARY_RETRIEVABLE_HINT value \(value) is not GL_TRUE or GL_FALSE")
            return true
        }
        p.binaryRetrievableHintRequested = value == GL_TRUE  // taken by the next link
        return true
    }
}

extension GLDispatch {
    func installProgramBinary() {
        glGetProgramBinary = { c, name, bufSize, length, format, binary in c.getProgramBinary(name, bufSize, length, format, binary) }
        glProgramBinary = { c, name, format, binary, length in c.programBinary(name, format, binary, length) }
        // glProgramParameteri is GLContext+ProgramPipelines.swift's; it hands the hint to
        // programBinaryRetrievableHint.
    }
}
