/// GLSL 1.10 §7.1 (and 1.20/1.30): "All executions of a well-formed vertex shader executable must write a value
/// into [gl_Position]." GLSL 1.40 dropped the rule (and ES 1.00 makes it undefined behaviour, not an error), so a
/// desktop program whose shaders are all older than 1.40 fails to link when no vertex unit assigns gl_Position.
extension ProgramCompiler {
    /// The link error for a vertex stage that never writes gl_Position, or nil. `all`: every unit of the program.
    static func checkPositionWritten(vertex: [String], all: [String]) -> ShaderError? {
        guard !vertex.isEmpty else { return nil }
        let versions = all.map { GLSLVersionLowering.declaredVersion($0).version }
        guard let newest = versions.max(), newest < 140, !versions.contains(100) else { return nil }
        let mentioned = vertex.contains { unit in
            let text = stripComments(unit)
            var search = text.startIndex
            while let r = text.range(of: "gl_Position", range: search..<text.endIndex) {
                search = r.upperBound
                // A whole identifier (not gl_PositionFoo); a bare mention is taken as a write, as reads of it in a
                // vertex shader only make sense after one.
                let after = r.upperBound < text.endIndex ? text[r.upperBound] : " "
                if !(after.isLetter || after.isNumber || after == "_") { return true }
            }
            return false
        }
        return mentioned ? nil : ShaderError("vertex shader does not write to `gl_Position'")
    }
}
