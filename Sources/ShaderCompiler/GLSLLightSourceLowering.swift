/// GLSL 1.10 §7.5's `gl_LightSource[gl_MaxLights]` (of struct type `gl_LightSourceParameters`), which glslang does
/// not give SPIR-V: a uniform array of VirglGL's own struct, by macro, that the driver fills from glLight*
/// (GLContext+Lighting). The struct's type name stands in for gl_LightSourceParameters, so functions may take it.
extension GLSLLegacyLowering {
    /// The declarations for a source naming gl_LightSource or gl_LightSourceParameters ("" otherwise).
    static func lightSourcePrelude(for source: String) -> String {
        guard uses(source, "gl_LightSource") || uses(source, "gl_LightSourceParameters") else { return "" }
        return """
            struct virglgl_LightSourceParameters { vec4 ambient; vec4 diffuse; vec4 specular; vec4 position; vec4 halfVector; \
            vec3 spotDirection; float spotExponent; float spotCutoff; float spotCosCutoff; float constantAttenuation; \
            float linearAttenuation; float quadraticAttenuation; };
            uniform virglgl_LightSourceParameters virglgl_LightSource[8];
            #define gl_LightSourceParameters virglgl_LightSourceParameters
            #define gl_LightSource virglgl_LightSource

            """
    }
}
