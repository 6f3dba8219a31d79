/// Image uniforms (GL 4.2, ARB_shader_image_load_store): their reflection.
extension ProgramCompiler {
    /// PIPE_FORMAT names of SPIR-V's ImageFormat operand (GLSL's format layout qualifiers), by its value:
    /// Rgba32f 1 … R8ui 39 (the SPIR-V specification's table); 0 (Unknown, no qualifier) is "".
    static let pipeFormats: [UInt32: String] = [
        1: "R32G32B32A32_FLOAT", 2: "R16G16B16A16_FLOAT", 3: "R32_FLOAT", 4: "R8G8B8A8_UNORM", 5: "R8G8B8A8_SNORM",
        6: "R32G32_FLOAT", 7: "R16G16_FLOAT", 8: "R11G11B10_FLOAT", 9: "R16_FLOAT", 10: "R16G16B16A16_UNORM",
        11: "R10G10B10A2_UNORM", 12: "R16G16_UNORM", 13: "R8G8_UNORM", 14: "R16_UNORM", 15: "R8_UNORM",
        16: "R16G16B16A16_SNORM", 17: "R16G16_SNORM", 18: "R8G8_SNORM", 19: "R16_SNORM", 20: "R8_SNORM",
        21: "R32G32B32A32_SINT", 22: "R16G16B16A16_SINT", 23: "R8G8B8A8_SINT", 24: "R32_SINT", 25: "R32G32_SINT",
        26: "R16G16_SINT", 27: "R8G8_SINT", 28: "R16_SINT", 29: "R8_SINT",
        30: "R32G32B32A32_UINT", 31: "R16G16B16A16_UINT", 32: "R8G8B8A8_UINT", 33: "R32_UINT", 34: "R10G10B10A2_UINT",
        35: "R32G32_UINT", 36: "R16G16_UINT", 37: "R8G8_UINT", 38: "R16_UINT", 39: "R8_UINT",
    ].mapValues { "PIPE_FORMAT_" + $0 }

    /// The uniform kind of a storage image type (OpTypeImage with Sampled 2): TGSI target, format and GL type;
    /// nil for any other type.
    static func imageKind(_ m: SPIRVModule, _ type: UInt32) -> UniformSlot.Kind? {
        guard case .image(let dim, let arrayed, let ms, let sampledType)? = m.types[type], let ops = m.imageOperands[type], ops.sampled == 2 else {
            return nil
        }
        let prefix: Int
        switch m.types[sampledType] {
        case .int(let signed)?: prefix = signed ? 1 : 2
        default: prefix = 0
        }
        let target = TGSITranslator.target(dim: dim, arrayed: arrayed, multisampled: ms)
        return .image(target: target, format: pipeFormats[ops.format] ?? "", glType: glImageType(target, prefix))
    }

    /// GL_IMAGE_1D … GL_UNSIGNED_INT_IMAGE_2D_MULTISAMPLE_ARRAY for a TGSI target; `prefix` 0 float, 1 int, 2 uint.
    static func glImageType(_ target: String, _ prefix: Int) -> UInt32 {
        // Per target: GL_IMAGE_*, GL_INT_IMAGE_*, GL_UNSIGNED_INT_IMAGE_* (GL 4.6 table 7.3).
        let table: [String: [UInt32]] = [
            "1D": [0x904C, 0x9057, 0x9062], "2D": [0x904D, 0x9058, 0x9063], "3D": [0x904E, 0x9059, 0x9064],
            "RECT": [0x904F, 0x905A, 0x9065], "CUBE": [0x9050, 0x905B, 0x9066], "BUFFER": [0x9051, 0x905C, 0x9067],
            "1D_ARRAY": [0x9052, 0x905D, 0x9068], "2D_ARRAY": [0x9053, 0x905E, 0x9069], "CUBEARRAY": [0x9054, 0x905F, 0x906A],
            "2D_MSAA": [0x9055, 0x9060, 0x906B], "2D_ARRAY_MSAA": [0x9056, 0x9061, 0x906C],
        ]
        return table[target]?[prefix] ?? 0x904D
    }

    /// The format a store to an image without a format qualifier converts its data as (GLSL allows none on
    /// writeonly images): four 32-bit components of the image's type.
    static func defaultImageFormat(glType: UInt32) -> String {
        switch glType {
        case 0x9057...0x9061: return "PIPE_FORMAT_R32G32B32A32_SINT"
        case 0x9062...0x906C: return "PIPE_FORMAT_R32G32B32A32_UINT"
        default: return "PIPE_FORMAT_R32G32B32A32_FLOAT"
        }
    }

    /// The image uniforms of each stage of a linked program (the names its TGSI declares), for the limits.
    public static func imageCounts(_ linked: LinkedProgram) -> [ShaderStage: Int] {
        var out: [ShaderStage: Int] = [:]
        for (stage, shader) in linked.stages { out[stage] = shader.images.count }
        return out
    }
}
