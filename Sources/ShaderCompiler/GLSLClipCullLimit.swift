/// gl_ClipDistance and gl_CullDistance redeclared together past GL_MAX_COMBINED_CLIP_AND_CULL_DISTANCES (8 here,
/// GL_ARB_cull_distance): a compile error (glslang checks each array alone).
public enum GLSLClipCullLimit {
    /// GL_MAX_COMBINED_CLIP_AND_CULL_DISTANCES as VirglGL reports it.
    public static let maxCombined = 8

    static func check(_ source: String) -> String? {
        let text = ProgramCompiler.stripComments(source)
        func size(_ name: String) -> Int {
            guard let r = text.range(of: #"\b"# + name + #"\s*\[\s*[0-9]+\s*\]"#, options: .regularExpression) else { return 0 }
            return Int(text[r].filter(\.isNumber)) ?? 0
        }
        let clip = size("gl_ClipDistance"), cull = size("gl_CullDistance")
        guard cull > 0, clip + cull > maxCombined else { return nil }
        return "ERROR: gl_ClipDistance[\(clip)] and gl_CullDistance[\(cull)] together are more than gl_MaxCombinedClipAndCullDistances (\(maxCombined))\n"
    }
}
