import GLCore

/// Program binaries (GL 4.1, GL_ARB_get_program_binary) with no binary formats: GL_NUM_PROGRAM_BINARY_FORMATS is
/// 0, so glGetProgramBinary has nothing to give (GL_INVALID_OPERATION), glProgramBinary recognises no format
/// (GL_INVALID_ENUM, and the program is left unlinked, as loading a binary that fails does), and
/// GL_PROGRAM_BINARY_LENGTH is 0. GL_PROGRAM_BINARY_RETRIEVABLE_HINT is kept and answered.
extension GLContext {
    /// glGetProgramBinary: GL 4.6 §7.5 — GL_INVALID_OPERATION when there are no binary formats (and for a
    /// program that is not linked).
    func getProgramBinary(_ name: GLuint, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?) {
        guard let p = program(.glGetProgramBinary, name) else { return }
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, .glGetProgramBinary, "negative buffer size") }
        length?.pointee = 0
        recordError(
            GL_INVALID_OPERATION, .glGetProgramBinary,
            p.linked ? "GL_NUM_PROGRAM_BINARY_FORMATS is 0: no binary to give" : "program \(name) is not linked")
    }

    /// glProgramBinary: no format is recognised (GL_INVALID_ENUM); the load fails, so LINK_STATUS is false.
    func programBinary(_ name: GLuint, _ format: GLenum, _ length: GLsizei) {
        guard let p = program(.glProgramBinary, name) else { return }
        guard length >= 0 else { return recordError(GL_INVALID_VALUE, .glProgramBinary, "negative length") }
        p.linked = false
        p.log = "VirglGL has no program binary formats"
        recordError(GL_INVALID_ENUM, .glProgramBinary, "binary format \(GLEnumNames.describe(format)): VirglGL has none")
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
        glGetProgramBinary = { c, name, bufSize, length, _, _ in c.getProgramBinary(name, bufSize, length) }
        glProgramBinary = { c, name, format, _, length in c.programBinary(name, format, length) }
        // glProgramParameteri is GLContext+ProgramPipelines.swift's; it hands the hint to
        // programBinaryRetrievableHint.
    }
}
