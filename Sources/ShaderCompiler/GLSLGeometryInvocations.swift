/// `layout(invocations = N) in;` of a geometry shader (GL_ARB_gpu_shader5, GLSL 4.00 §4.4.1.2): N must be in
/// 1…gl_MaxGeometryShaderInvocations, a compile error otherwise (glslang does not check it).
public enum GLSLGeometryInvocations {
    /// GL_MAX_GEOMETRY_SHADER_INVOCATIONS as VirglGL reports it (the GL 4.0 minimum).
    public static let maxInvocations = 32

    /// The error for a geometry shader whose literal invocation count is out of range; nil when it is fine or
    /// not a literal.
    static func check(_ source: String) -> String? {
        let text = ProgramCompiler.stripComments(source)
        guard let r = text.range(of: #"layout\s*\([^)]*\binvocations\s*=\s*[0-9]+"#, options: .regularExpression),
              let digits = text[r].split(separator: "=").last?.trimmingCharacters(in: .whitespaces), let n = Int(digits) else { return nil }
        guard n < 1 || n > maxInvocations else { return nil }
        return "ERROR: invocations = \(n) is outside 1…gl_MaxGeometryShaderInvocations (\(maxInvocations))\n"
    }
}
