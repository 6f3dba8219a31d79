extension VirglCommandBuffer {
    /// VIRGL_CCMD_DRAW_VBO in its indirect form (VIRGL_DRAW_VBO_SIZE_INDIRECT, 20 words): the 14 words of the
    /// tessellation form, then the buffer resource holding the draw parameters (DrawArraysIndirectCommand or
    /// DrawElementsIndirectCommand), the byte offset of the first, the stride between them, how many draws, and
    /// where a draw count is read from (offset, resource; 0 for none). The host reads start, count and instances
    /// from the buffer, so those words are not used. Hand-written, as the tessellation form is.
    @inlinable @discardableResult
    public func encodeDrawVBO(
        mode: UInt32, indexed: UInt32, primitiveRestart: UInt32, restartIndex: UInt32, verticesPerPatch: UInt32,
        indirectHandle: UInt32, indirectOffset: UInt32, indirectStride: UInt32, indirectDrawCount: UInt32,
        indirectDrawCountOffset: UInt32, indirectDrawCountHandle: UInt32
    ) -> Bool {
        guard begin(.drawVBO, object: .null, length: 20) else { return false }
        // start, count, mode, indexed, instance_count, index_bias, start_instance, primitive_restart, restart_index,
        // min_index, max_index, count_from_so, vertices_per_patch, drawid.
        for w in [0, 0, mode, indexed, 0, 0, 0, primitiveRestart, restartIndex, 0, 0xFFFF_FFFF, 0, verticesPerPatch, 0,
                  indirectHandle, indirectOffset, indirectStride, indirectDrawCount, indirectDrawCountOffset, indirectDrawCountHandle] {
            append(w)
        }
        return true
    }
}
