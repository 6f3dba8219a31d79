import GLCore

/// Separate attribute formats and vertex buffer bindings (GL 4.3 §10.3, ARB_vertex_attrib_binding):
/// glVertexAttrib{,I,L}Format set an attribute's format and its offset relative to its binding,
/// glVertexAttribBinding picks the binding, glBindVertexBuffer and glVertexBindingDivisor set a binding's buffer,
/// offset, stride and divisor. GLVertexArray resolves each attribute's binding into the attribute whenever either
/// changes, so the draw's vertex layout (one host buffer slot per shader input) reads the same fields as before.
extension GLContext {
    /// The size/type checks every attribute format call shares (GL 4.6 §10.3.2, table 10.3): GL_INVALID_VALUE for a
    /// size that is none, GL_INVALID_ENUM for a type that is none, GL_INVALID_OPERATION for a size the type forbids.
    func checkAttributeFormat(
        _ command: GLCommand, _ size: GLint, _ type: GLenum, _ normalized: Bool, _ integer: Bool, _ long: Bool
    ) -> Bool {
        let types = long ? [GL_DOUBLE] : integer ? Self.integerAttributeTypes : Self.floatAttributeTypes
        guard check(type, in: types, command, "type") else { return false }
        // GL_FIXED (ES2 compatibility) is a generic attribute type only: the fixed-function arrays reject it.
        guard type != GL_FIXED || command == .glVertexAttribPointer || command == .glVertexAttribFormat else {
            recordError(GL_INVALID_ENUM, command, "type GL_FIXED")
            return false
        }
        guard (1...4).contains(size) || (size == GLint(GL_BGRA) && !integer && !long) else {
            recordError(GL_INVALID_VALUE, command, "size \(size)")
            return false
        }
        let packed: Set<GLenum> = [GL_INT_2_10_10_10_REV, GL_UNSIGNED_INT_2_10_10_10_REV]
        guard !packed.contains(type) || size == 4 || size == GLint(GL_BGRA) else {
            recordError(GL_INVALID_OPERATION, command, "packed type needs size 4 or GL_BGRA")
            return false
        }
        guard type != GL_UNSIGNED_INT_10F_11F_11F_REV || size == 3 else {
            recordError(GL_INVALID_OPERATION, command, "GL_UNSIGNED_INT_10F_11F_11F_REV needs size 3")
            return false
        }
        guard size != GLint(GL_BGRA) || (normalized && (type == GL_UNSIGNED_BYTE || packed.contains(type))) else {
            recordError(GL_INVALID_OPERATION, command, "GL_BGRA needs a normalized unsigned byte or packed type")
            return false
        }
        return true
    }

    /// A binding index below GL_MAX_VERTEX_ATTRIB_BINDINGS, or nil with GL_INVALID_VALUE.
    func vertexBindingIndex(_ command: GLCommand, _ index: GLuint) -> Int? {
        guard Int(index) < Int(state.limits.maxVertexAttribBindings) else {
            recordError(GL_INVALID_VALUE, command, "binding index \(index) ≥ GL_MAX_VERTEX_ATTRIB_BINDINGS")
            return nil
        }
        return Int(index)
    }

    /// glVertexAttribFormat / glVertexAttribIFormat / glVertexAttribLFormat.
    func vertexAttribFormat(
        _ command: GLCommand, _ index: GLuint, _ size: GLint, _ type: GLenum, _ normalized: Bool, _ integer: Bool, _ long: Bool,
        _ relativeOffset: GLuint
    ) {
        guard let vao = editableVertexArray(command), let i = attributeIndex(command, index),
              checkAttributeFormat(command, size, type, normalized, integer, long) else { return }
        guard Int(relativeOffset) <= Int(state.limits.maxVertexAttribRelativeOffset) else {
            return recordError(GL_INVALID_VALUE, command, "relative offset \(relativeOffset) > GL_MAX_VERTEX_ATTRIB_RELATIVE_OFFSET")
        }
        let before = vao.attributes[i]
        vao.attributes[i].size = size
        vao.attributes[i].type = type
        vao.attributes[i].normalized = normalized
        vao.attributes[i].integer = integer
        vao.attributes[i].long = long
        vao.attributes[i].relativeOffset = Int(relativeOffset)
        vao.resolve(i)
        if vao.attributes[i] != before { state.dirty.insert(.vertexLayout) }
    }

    /// glVertexAttribBinding: attribute `index` reads binding `binding`.
    func vertexAttribBinding(_ index: GLuint, _ binding: GLuint) {
        let command = GLCommand.glVertexAttribBinding
        guard let vao = editableVertexArray(command), let i = attributeIndex(command, index),
              let b = vertexBindingIndex(command, binding) else { return }
        vao.attributes[i].bindingIndex = b
        if vao.resolve(i) { state.dirty.insert(.vertexLayout) }
    }

    /// glBindVertexBuffer: binding `index` reads `name` (0: none) from `offset`, `stride` bytes a vertex.
    func bindVertexBuffer(_ command: GLCommand, _ index: GLuint, _ name: GLuint, _ offset: GLintptr, _ stride: GLsizei) {
        guard let vao = editableVertexArray(command), let b = vertexBindingIndex(command, index) else { return }
        guard offset >= 0 else { return recordError(GL_INVALID_VALUE, command, "offset \(offset) < 0") }
        guard stride >= 0 else { return recordError(GL_INVALID_VALUE, command, "stride \(stride) < 0") }
        guard Int(stride) <= Int(state.limits.maxVertexAttribStride) else {
            return recordError(GL_INVALID_VALUE, command, "stride \(stride) > GL_MAX_VERTEX_ATTRIB_STRIDE")
        }
        var buffer: GLBufferObject?
        if name != 0 {
            guard let object = buffers.object(name, creatingUnreserved: bindsCreateObjects, make: { GLBufferObject(name: name) }) else {
                return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenBuffers")
            }
            buffer = object
        }
        vao.bindings[b].buffer = buffer
        vao.bindings[b].offset = offset
        vao.bindings[b].stride = Int(stride)
        vao.bindings[b].clientMemory = false
        if vao.resolveBinding(b) { state.dirty.insert(.vertexLayout) }
    }

    /// glVertexBindingDivisor: the instance divisor of binding `index`.
    func vertexBindingDivisor(_ index: GLuint, _ divisor: GLuint) {
        let command = GLCommand.glVertexBindingDivisor
        guard let vao = editableVertexArray(command), let b = vertexBindingIndex(command, index) else { return }
        vao.bindings[b].divisor = divisor
        if vao.resolveBinding(b) { state.dirty.insert(.vertexLayout) }
    }

    /// glGetIntegeri_v / glGetInteger64i_v for GL_VERTEX_BINDING_BUFFER / OFFSET / STRIDE / DIVISOR of the bound
    /// vertex array.
    func vertexBindingValue(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> Int64? {
        guard let i = vertexBindingIndex(command, index) else { return nil }
        let b = vertexArray.bindings[i]
        switch pname {
        case GL_VERTEX_BINDING_BUFFER: return Int64(b.buffer?.name ?? 0)
        case GL_VERTEX_BINDING_OFFSET: return Int64(b.offset)
        case GL_VERTEX_BINDING_STRIDE: return Int64(b.stride)
        default: return Int64(b.divisor)
        }
    }
}

extension GLDispatch {
    func installVertexAttribBinding() {
        glVertexAttribFormat = { c, index, size, type, normalized, offset in
            c.vertexAttribFormat(.glVertexAttribFormat, index, size, type, normalized != 0, false, false, offset)
        }
        glVertexAttribIFormat = { c, index, size, type, offset in
            c.vertexAttribFormat(.glVertexAttribIFormat, index, size, type, false, true, false, offset)
        }
        glVertexAttribLFormat = { c, index, size, type, offset in
            c.vertexAttribFormat(.glVertexAttribLFormat, index, size, type, false, false, true, offset)
        }
        glVertexAttribBinding = { $0.vertexAttribBinding($1, $2) }
        glBindVertexBuffer = { c, index, buffer, offset, stride in c.bindVertexBuffer(.glBindVertexBuffer, index, buffer, offset, stride) }
        glVertexBindingDivisor = { $0.vertexBindingDivisor($1, $2) }
    }
}
