import GLCore
import VirglProtocol

// Stencil texturing (GL 4.3, ARB_stencil_texturing): GL_DEPTH_STENCIL_TEXTURE_MODE picks what a depth-stencil
// texture samples as: its depth (GL_DEPTH_COMPONENT, the default) or its stencil index (GL_STENCIL_INDEX, an
// unsigned integer read through a usampler). The stencil is read through a sampler view of the same resource in
// the format's stencil-only form (gallium's, as Mesa's state tracker picks it: S8X24 for S8_Z24, X32_S8X24 for
// Z32F_S8X24), which virglrenderer samples with GL_DEPTH_STENCIL_TEXTURE_MODE set to GL_STENCIL_INDEX.

extension GLFormatInfo {
    /// The stencil-only virgl format of a depth-stencil format (nil for others).
    var stencilOnlyFormat: VirglFormat? {
        switch virgl {
        case .s8UintZ24Unorm: return .s8x24Uint
        case .z24UnormS8Uint: return .x24s8Uint
        case .z32FloatS8x24Uint: return .x32S8x24Uint
        default: return nil
        }
    }
}

extension GLTexture {
    /// The format a sampler view reads a depth-stencil texture in: the stencil-only one in GL_STENCIL_INDEX mode.
    var stencilSamplingFormat: VirglFormat? {
        guard depthStencilTextureMode == GL_STENCIL_INDEX, let f = images.first?.first??.format, f.isDepth, f.isStencil else { return nil }
        return f.stencilOnlyFormat
    }
}

extension GLContext {
    /// glTexParameter*(GL_DEPTH_STENCIL_TEXTURE_MODE): GL_DEPTH_COMPONENT or GL_STENCIL_INDEX; the texture's
    /// sampler views are made again.
    func setDepthStencilTextureMode(_ command: GLCommand, _ t: GLTexture, _ mode: GLenum) {
        guard mode == GL_DEPTH_COMPONENT || mode == GL_STENCIL_INDEX else {
            return recordError(GL_INVALID_ENUM, command, "depth-stencil texture mode \(GLEnumNames.describe(mode))")
        }
        guard t.depthStencilTextureMode != mode else { return }
        t.depthStencilTextureMode = mode
        dropViews(t)
        state.dirty.insert(.samplers)
    }
}
