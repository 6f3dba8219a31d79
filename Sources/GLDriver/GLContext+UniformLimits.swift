import GLCore
import VirglProtocol

extension GLContext {
    /// The default-block uniform limits of the vertex and fragment stages from the host's constant buffer 0 size
    /// (caps v2 max_const_buffer_size: the TGSI CONST[0] file virglrenderer declares as a host uniform array), up to
    /// 16,384 components (64 KiB, what SET_CONSTANT_BUFFER's 16-bit length carries). GL_MAX_*_UNIFORM_VECTORS are
    /// a quarter of them, and the combined limits (uniform blocks plus the default block) move with them. Hosts
    /// whose caps carry no size keep GL's 4,096.
    func applyUniformLimits(_ caps: VirglCapsV2) {
        func components(_ stage: Int) -> GLint? {
            guard caps.maxConstBufferSize.count > stage, caps.maxConstBufferSize[stage] >= 16384 else { return nil }
            return GLint(min(caps.maxConstBufferSize[stage] / 4, 16384))
        }
        let l = state.limits
        if let v = components(0) {
            state.limits.maxCombinedVertexUniformComponents = l.maxCombinedVertexUniformComponents - l.maxVertexUniformComponents + v
            state.limits.maxVertexUniformComponents = v
            state.limits.maxVertexUniformVectors = v / 4
        }
        if let f = components(1) {
            state.limits.maxCombinedFragmentUniformComponents = l.maxCombinedFragmentUniformComponents - l.maxFragmentUniformComponents + f
            state.limits.maxFragmentUniformComponents = f
            state.limits.maxFragmentUniformVectors = f / 4
        }
    }
}
