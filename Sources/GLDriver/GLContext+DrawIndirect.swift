import GLCore
import VirglProtocol

/// Indirect draws (GL_ARB_draw_indirect, GL 4.0; GL_ARB_multi_draw_indirect, GL 4.3): the draw parameters are in
/// the buffer bound to GL_DRAW_INDIRECT_BUFFER. The host reads them (DRAW_VBO's indirect form) as Mesa's virgl
/// driver sends them; a draw the host cannot take as it is (quads to convert, client arrays, a host without
/// indirect draws) reads the parameters from the client copy and goes out as the direct draw they describe.
extension GLContext {
    /// DrawArraysIndirectCommand: count, instanceCount, first, baseInstance.
    static let drawArraysIndirectSize = 16
    /// DrawElementsIndirectCommand: count, instanceCount, firstIndex, baseVertex, baseInstance.
    static let drawElementsIndirectSize = 20

    /// glDrawArraysIndirect / glDrawElementsIndirect (`indexType` non-nil) and their multi-draw forms: `drawCount`
    /// commands `stride` bytes apart (0: packed) from byte `offset` of the indirect buffer.
    func drawIndirect(_ command: GLCommand, _ mode: GLenum, indexType: GLenum?, _ indirect: UnsafeRawPointer?, drawCount: GLsizei = 1, stride: GLsizei = 0) {
        let commandSize = indexType == nil ? Self.drawArraysIndirectSize : Self.drawElementsIndirectSize
        let offset = Int(bitPattern: indirect)
        guard drawCount >= 0 else { return recordError(GL_INVALID_VALUE, command, "drawcount < 0") }
        guard stride >= 0, stride % 4 == 0 else { return recordError(GL_INVALID_VALUE, command, "stride \(stride) is not a multiple of 4") }
        // GL 4.6 §10.4: the parameters come from a buffer, at an offset a multiple of a uint's size.
        guard let buffer = bufferBindings[GL_DRAW_INDIRECT_BUFFER] else {
            return recordError(GL_INVALID_OPERATION, command, "no buffer is bound to GL_DRAW_INDIRECT_BUFFER")
        }
        guard offset % 4 == 0 else { return recordError(GL_INVALID_VALUE, command, "indirect offset \(offset) is not a multiple of 4") }
        let step = stride == 0 ? commandSize : Int(stride)
        guard drawCount == 0 || offset + (Int(drawCount) - 1) * step + commandSize <= buffer.size else {
            return recordError(GL_INVALID_OPERATION, command, "the draw parameters run past the end of the indirect buffer (\(buffer.size) bytes)")
        }
        guard buffer.mapping == nil || buffer.storageFlags & GLbitfield(GL_MAP_PERSISTENT_BIT) != 0 else {
            return recordError(GL_INVALID_OPERATION, command, "the indirect buffer is mapped")
        }
        if let indexType {
            guard Self.indexSize(indexType) != nil else {
                return recordError(GL_INVALID_ENUM, command, "type \(GLEnumNames.describe(indexType))")
            }
            guard vertexArray.elementBuffer != nil else { return recordError(GL_INVALID_OPERATION, command, "no element buffer is bound") }
        }
        guard let prim = drawPrimitive(command, mode) else { return }
        guard drawCount > 0 else { return }
        let clientArrays = vertexArray.attributes.contains { $0.enabled && $0.buffer == nil }
        let onHost = hostIndirectDraw.single && (drawCount == 1 || hostIndirectDraw.multi) && !convertsPrimitive(mode, prim) && !clientArrays
        guard onHost, let r = buffer.resource else {
            return drawIndirectFromClientCopy(command, mode, indexType: indexType, buffer, offset: offset, drawCount: Int(drawCount), step: step)
        }
        guard checkTransformFeedbackDraw(command, mode) else { return }
        defer { releaseDrawResources() }
        guard prepareDraw(command) else { return }
        countTransformFeedbackDrawOnHost()  // its count is in the indirect buffer
        var restart = false, restartIndex: UInt32 = 0
        if let indexType, let size = Self.indexSize(indexType), let eb = vertexArray.elementBuffer, let er = eb.resource {
            // The host draws from the element buffer's start; firstIndex in the parameters picks the first index.
            if emitted.indexBuffer.map({ $0 != (er.id, UInt32(size), 0) }) ?? true {
                commands.encodeSetIndexBuffer(resHandle: er.id, indexSize: UInt32(size), offset: 0)
                emitted.indexBuffer = (er.id, UInt32(size), 0)
            }
            restart = state.primitiveRestart || state.primitiveRestartFixedIndex
            restartIndex = state.primitiveRestartFixedIndex ? UInt32((1 << (8 * size)) - 1) : state.primitiveRestartIndex
        }
        if prim == .patches { emitDefaultTessLevelsOnce() }
        commands.encodeDrawVBO(
            mode: prim.rawValue, indexed: indexType == nil ? 0 : 1, primitiveRestart: restart ? 1 : 0, restartIndex: restartIndex,
            verticesPerPatch: prim == .patches ? UInt32(state.patchVertices) : 0, indirectHandle: r.id, indirectOffset: UInt32(offset),
            indirectStride: UInt32(step), indirectDrawCount: UInt32(drawCount), indirectDrawCountOffset: 0, indirectDrawCountHandle: 0)
        drawsSinceWait &+= 1
    }

    /// The indirect draws as the direct draws their parameters (read from the buffer's client copy) describe.
    func drawIndirectFromClientCopy(_ command: GLCommand, _ mode: GLenum, indexType: GLenum?, _ buffer: GLBufferObject, offset: Int, drawCount: Int, step: Int) {
        syncFromHost(command, buffer)
        for k in 0..<drawCount {
            let words = buffer.bytes.withUnsafeBytes { b in
                (0..<5).map { i in offset + k * step + 4 * i + 4 <= b.count ? b.loadUnaligned(fromByteOffset: offset + k * step + 4 * i, as: UInt32.self) : 0 }
            }
            if let indexType, let size = Self.indexSize(indexType) {
                drawElements(
                    command, mode, GLsizei(clamping: words[0]), indexType, UnsafeRawPointer(bitPattern: Int(words[2]) * size),
                    GLsizei(clamping: words[1]), GLint(bitPattern: words[3]), baseInstance: words[4])
            } else {
                drawArrays(command, mode, GLint(clamping: words[2]), GLsizei(clamping: words[0]), GLsizei(clamping: words[1]), words[3])
            }
        }
    }
}

extension GLDispatch {
    func installDrawIndirect() {
        glDrawArraysIndirect = { c, mode, indirect in c.drawIndirect(.glDrawArraysIndirect, mode, indexType: nil, indirect) }
        glDrawElementsIndirect = { c, mode, type, indirect in c.drawIndirect(.glDrawElementsIndirect, mode, indexType: type, indirect) }
        glMultiDrawArraysIndirect = { c, mode, indirect, n, stride in
            c.drawIndirect(.glMultiDrawArraysIndirect, mode, indexType: nil, indirect, drawCount: n, stride: stride)
        }
        glMultiDrawElementsIndirect = { c, mode, type, indirect, n, stride in
            c.drawIndirect(.glMultiDrawElementsIndirect, mode, indexType: type, indirect, drawCount: n, stride: stride)
        }
    }
}
