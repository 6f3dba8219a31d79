import Foundation

/// GL_EXT_gpu_shader4's GLSL (for 1.10 / 1.20 sources), on GLSL 1.30, which took in most of it: the type name
/// `unsigned int` is 1.30's `uint`, and the texture functions the extension names by sampler type are 1.30's
/// overloaded ones (those with the same signature and result: the array, fetch, offset and size functions; the
/// `shadow…Array` ones, which return a vec4, are not mapped).
enum GLSLGPUShader4Lowering {
    /// The extension's function names and the GLSL 1.30 function each is.
    static let functionNames: [(String, String)] = [
        ("texture1DArray", "texture"), ("texture2DArray", "texture"),
        ("texture1DArrayLod", "textureLod"), ("texture2DArrayLod", "textureLod"),
        ("texelFetch1D", "texelFetch"), ("texelFetch2D", "texelFetch"), ("texelFetch3D", "texelFetch"),
        ("texelFetch2DRect", "texelFetch"), ("texelFetch1DArray", "texelFetch"), ("texelFetch2DArray", "texelFetch"),
        ("texelFetch1DOffset", "texelFetchOffset"), ("texelFetch2DOffset", "texelFetchOffset"), ("texelFetch3DOffset", "texelFetchOffset"),
        ("texelFetch2DRectOffset", "texelFetchOffset"), ("texelFetch1DArrayOffset", "texelFetchOffset"), ("texelFetch2DArrayOffset", "texelFetchOffset"),
        ("texture1DOffset", "textureOffset"), ("texture2DOffset", "textureOffset"), ("texture3DOffset", "textureOffset"),
        ("texture2DRectOffset", "textureOffset"), ("texture1DArrayOffset", "textureOffset"), ("texture2DArrayOffset", "textureOffset"),
        ("texture1DLodOffset", "textureLodOffset"), ("texture2DLodOffset", "textureLodOffset"), ("texture3DLodOffset", "textureLodOffset"),
        ("texture1DArrayLodOffset", "textureLodOffset"), ("texture2DArrayLodOffset", "textureLodOffset"),
        ("texture1DGrad", "textureGrad"), ("texture2DGrad", "textureGrad"), ("texture3DGrad", "textureGrad"), ("textureCubeGrad", "textureGrad"),
        ("texture1DArrayGrad", "textureGrad"), ("texture2DArrayGrad", "textureGrad"),
        ("textureSize1D", "textureSize"), ("textureSize2D", "textureSize"), ("textureSize3D", "textureSize"), ("textureSizeCube", "textureSize"),
        ("textureSize2DRect", "textureSize"), ("textureSize1DArray", "textureSize"), ("textureSize2DArray", "textureSize"),
    ]

    /// Rewrites `unsigned int` in `lines`, the extension's user-defined fragment outputs (`varying out`, bound with
    /// glBindFragDataLocationEXT) as 1.30's `out`, and defines the function names the source uses, in `r`'s prelude.
    static func rewrite(_ lines: inout [String], _ r: inout GLSLExtensionLowering.Rewrite) {
        for k in lines.indices where lines[k].contains("unsigned") {
            lines[k] = lines[k].replacingOccurrences(of: #"\bunsigned\s+int\b"#, with: "uint", options: .regularExpression)
        }
        for k in lines.indices where lines[k].contains("varying") {
            lines[k] = lines[k].replacingOccurrences(of: #"\bvarying\s+out\b"#, with: "out", options: .regularExpression)
        }
        let text = lines.joined(separator: "\n")
        for (old, new) in functionNames where GLSLLegacyLowering.uses(text, old) {
            r.prelude += "#define \(old) \(new)\n"
        }
    }
}
