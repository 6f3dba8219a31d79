/// Vertex colour clamping (GL 4.6 compatibility profile, `glClampColor(GL_CLAMP_VERTEX_COLOR, …)`, GL_TRUE by
/// default): the colours a vertex-processing stage writes (gl_FrontColor, gl_BackColor, gl_FrontSecondaryColor,
/// gl_BackSecondaryColor) are clamped to [0, 1] when clamping is on.
///
/// virglrenderer on a core-profile host ignores the rasterizer's `clamp_vertex_color` bit, so the clamp is done in
/// the shader: the lowered colour outputs are clamped, under the driver-filled uniform `virglgl_ClampVertexColor`,
/// at the end of `main` (vertex and tessellation evaluation shaders) or before each `EmitVertex()`
/// (geometry shaders; EmitStreamVertex, whose stream must be a constant, is not wrapped). By macro, as the rest of
/// the legacy lowering: `main` is renamed and called from a new `main` appended to the source; EmitVertex is wrapped.
enum GLSLVertexColorClamp {
    /// The lowered colour outputs, by the built-in name a source writes.
    static let colors: [(builtin: String, variable: String)] = [
        ("gl_FrontColor", "virglgl_FrontColor"), ("gl_BackColor", "virglgl_BackColor"),
        ("gl_FrontSecondaryColor", "virglgl_FrontSecondaryColor"), ("gl_BackSecondaryColor", "virglgl_BackSecondaryColor"),
    ]

    /// The uniform the driver sets to whether vertex colours are clamped.
    static let uniform = "virglgl_ClampVertexColor"

    /// The prelude lines (before the program's code) and the epilogue (appended after it) that clamp the colour
    /// outputs `source` writes in `stage`; empty when the stage has none or the unit has no `main`.
    static func wrap(_ source: String, stage: ShaderStage) -> (prelude: String, epilogue: String) {
        guard [.vertex, .geometry, .tessEvaluation].contains(stage), GLSLLegacyLowering.uses(source, "main") else { return ("", "") }
        let written = colors.filter { GLSLLegacyLowering.uses(source, $0.builtin) }
        guard !written.isEmpty else { return ("", "") }
        let clamps = written.map { "\($0.variable) = clamp(\($0.variable), 0.0, 1.0);" }.joined(separator: " ")
        let body = "if (\(uniform)) { \(clamps) }"
        var prelude = "uniform bool \(uniform);\n", epilogue = "\n"
        if stage == .geometry {
            // Each emitted vertex takes the outputs' current values: clamp them just before.
            prelude += "void virglgl_EmitVertex();\n#define EmitVertex() virglgl_EmitVertex()\n"
            epilogue += "#undef EmitVertex\nvoid virglgl_EmitVertex() { \(body) EmitVertex(); }\n"
        } else {
            // The outputs' values when the program's own main returns (from anywhere in it).
            prelude += "#define main virglgl_main\n"
            epilogue += "#undef main\nvoid main() { virglgl_main(); \(body) }\n"
        }
        return (prelude, epilogue)
    }
}
