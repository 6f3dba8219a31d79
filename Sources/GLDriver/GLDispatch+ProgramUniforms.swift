import GLCore

extension GLDispatch {
    /// glProgramUniform* (GL 4.6 §7.6.1): the glUniform* of the same form, on the named program instead of the
    /// current one (`GLContext.withUniformProgram`).
    func installProgramUniforms() {
        glProgramUniform1d = { c, program, a0, a1 in c.withUniformProgram(.glProgramUniform1d, program) { self.glUniform1d?(c, a0, a1) } }
        glProgramUniform1dv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform1dv, program) { self.glUniform1dv?(c, a0, a1, a2) } }
        glProgramUniform1f = { c, program, a0, a1 in c.withUniformProgram(.glProgramUniform1f, program) { self.glUniform1f?(c, a0, a1) } }
        glProgramUniform1fv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform1fv, program) { self.glUniform1fv?(c, a0, a1, a2) } }
        glProgramUniform1i = { c, program, a0, a1 in c.withUniformProgram(.glProgramUniform1i, program) { self.glUniform1i?(c, a0, a1) } }
        glProgramUniform1iv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform1iv, program) { self.glUniform1iv?(c, a0, a1, a2) } }
        glProgramUniform1ui = { c, program, a0, a1 in c.withUniformProgram(.glProgramUniform1ui, program) { self.glUniform1ui?(c, a0, a1) } }
        glProgramUniform1uiv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform1uiv, program) { self.glUniform1uiv?(c, a0, a1, a2) } }
        glProgramUniform2d = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2d, program) { self.glUniform2d?(c, a0, a1, a2) } }
        glProgramUniform2dv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2dv, program) { self.glUniform2dv?(c, a0, a1, a2) } }
        glProgramUniform2f = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2f, program) { self.glUniform2f?(c, a0, a1, a2) } }
        glProgramUniform2fv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2fv, program) { self.glUniform2fv?(c, a0, a1, a2) } }
        glProgramUniform2i = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2i, program) { self.glUniform2i?(c, a0, a1, a2) } }
        glProgramUniform2iv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2iv, program) { self.glUniform2iv?(c, a0, a1, a2) } }
        glProgramUniform2ui = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2ui, program) { self.glUniform2ui?(c, a0, a1, a2) } }
        glProgramUniform2uiv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform2uiv, program) { self.glUniform2uiv?(c, a0, a1, a2) } }
        glProgramUniform3d = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniform3d, program) { self.glUniform3d?(c, a0, a1, a2, a3) } }
        glProgramUniform3dv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform3dv, program) { self.glUniform3dv?(c, a0, a1, a2) } }
        glProgramUniform3f = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniform3f, program) { self.glUniform3f?(c, a0, a1, a2, a3) } }
        glProgramUniform3fv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform3fv, program) { self.glUniform3fv?(c, a0, a1, a2) } }
        glProgramUniform3i = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniform3i, program) { self.glUniform3i?(c, a0, a1, a2, a3) } }
        glProgramUniform3iv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform3iv, program) { self.glUniform3iv?(c, a0, a1, a2) } }
        glProgramUniform3ui = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniform3ui, program) { self.glUniform3ui?(c, a0, a1, a2, a3) } }
        glProgramUniform3uiv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform3uiv, program) { self.glUniform3uiv?(c, a0, a1, a2) } }
        glProgramUniform4d = { c, program, a0, a1, a2, a3, a4 in c.withUniformProgram(.glProgramUniform4d, program) { self.glUniform4d?(c, a0, a1, a2, a3, a4) } }
        glProgramUniform4dv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform4dv, program) { self.glUniform4dv?(c, a0, a1, a2) } }
        glProgramUniform4f = { c, program, a0, a1, a2, a3, a4 in c.withUniformProgram(.glProgramUniform4f, program) { self.glUniform4f?(c, a0, a1, a2, a3, a4) } }
        glProgramUniform4fv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform4fv, program) { self.glUniform4fv?(c, a0, a1, a2) } }
        glProgramUniform4i = { c, program, a0, a1, a2, a3, a4 in c.withUniformProgram(.glProgramUniform4i, program) { self.glUniform4i?(c, a0, a1, a2, a3, a4) } }
        glProgramUniform4iv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform4iv, program) { self.glUniform4iv?(c, a0, a1, a2) } }
        glProgramUniform4ui = { c, program, a0, a1, a2, a3, a4 in c.withUniformProgram(.glProgramUniform4ui, program) { self.glUniform4ui?(c, a0, a1, a2, a3, a4) } }
        glProgramUniform4uiv = { c, program, a0, a1, a2 in c.withUniformProgram(.glProgramUniform4uiv, program) { self.glUniform4uiv?(c, a0, a1, a2) } }
        glProgramUniformMatrix2dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2dv, program) { self.glUniformMatrix2dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix2fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2fv, program) { self.glUniformMatrix2fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix2x3dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2x3dv, program) { self.glUniformMatrix2x3dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix2x3fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2x3fv, program) { self.glUniformMatrix2x3fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix2x4dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2x4dv, program) { self.glUniformMatrix2x4dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix2x4fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix2x4fv, program) { self.glUniformMatrix2x4fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3dv, program) { self.glUniformMatrix3dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3fv, program) { self.glUniformMatrix3fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3x2dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3x2dv, program) { self.glUniformMatrix3x2dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3x2fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3x2fv, program) { self.glUniformMatrix3x2fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3x4dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3x4dv, program) { self.glUniformMatrix3x4dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix3x4fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix3x4fv, program) { self.glUniformMatrix3x4fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4dv, program) { self.glUniformMatrix4dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4fv, program) { self.glUniformMatrix4fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4x2dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4x2dv, program) { self.glUniformMatrix4x2dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4x2fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4x2fv, program) { self.glUniformMatrix4x2fv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4x3dv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4x3dv, program) { self.glUniformMatrix4x3dv?(c, a0, a1, a2, a3) } }
        glProgramUniformMatrix4x3fv = { c, program, a0, a1, a2, a3 in c.withUniformProgram(.glProgramUniformMatrix4x3fv, program) { self.glUniformMatrix4x3fv?(c, a0, a1, a2, a3) } }
    }
}
