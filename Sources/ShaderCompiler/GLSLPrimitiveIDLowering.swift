/// gl_PrimitiveID in a fragment shader without a geometry shader: "the number of primitives processed by the
/// rasterizer since the last drawing command was called" (GLSL 1.50 §7.2), where a GL_QUADS or GL_QUAD_STRIP quad is
/// one primitive. A core-profile host draws no quads, so VirglGL draws each as two triangles
/// (GLPrimitiveConversion), and the host's own count runs twice as fast. The fragment shader reads the built-in
/// shifted right by a uniform the driver sets for each draw: 1 for quads drawn as triangle pairs, 0 otherwise (a
/// geometry shader's own gl_PrimitiveID, converted draws included, is passed on as written).
/// (GL_POLYGON, drawn as a fan of n - 2 triangles, is left counting triangles.)
public enum GLSLPrimitiveIDLowering {
    /// The uniform the driver sets (an `int`, 0 until set: gl_PrimitiveID unchanged).
    public static let shiftUniform = "virglgl_PrimitiveIDShift"

    /// The prelude of a fragment shader that reads gl_PrimitiveID: the uniform, and a macro whose expansion reads
    /// the built-in itself (a macro does not expand inside its own expansion).
    static let fragmentPrelude = "uniform int \(shiftUniform);\n#define gl_PrimitiveID (gl_PrimitiveID >> \(shiftUniform))\n"
}
