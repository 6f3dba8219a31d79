extension VirglCommandBuffer {
    /// VIRGL_CCMD_DRAW_VBO in its tessellation form (VIRGL_DRAW_VBO_SIZE_TESS, 14 words): the 12 words of
    /// `encodeDrawVBO` then vertices_per_patch and drawid. The host sets GL_PATCH_VERTICES from it (and sizes the
    /// pass-through control stage it makes for programs without one). Hand-written: the registry's DRAW_VBO is
    /// the 12-word form every other draw uses.
    @inlinable @discardableResult
    public func encodeDrawVBO(
        start: UInt32, count: UInt32, mode: UInt32, indexed: UInt32, instanceCount: UInt32, indexBias: Int32, startInstance: UInt32,
        primitiveRestart: UInt32, restartIndex: UInt32, minIndex: UInt32, maxIndex: UInt32, countFromSO: UInt32,
        verticesPerPatch: UInt32, drawID: UInt32
    ) -> Bool {
        guard begin(.drawVBO, object: .null, length: 14) else { return false }
        for w in [start, count, mode, indexed, instanceCount, UInt32(bitPattern: indexBias), startInstance, primitiveRestart, restartIndex,
                  minIndex, maxIndex, countFromSO, verticesPerPatch, drawID] {
            append(w)
        }
        return true
    }
}
