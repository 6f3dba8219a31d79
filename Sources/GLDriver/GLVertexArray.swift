import GLCore

/// One vertex attribute of a vertex array: its format and the binding it reads (GL 4.3 §10.3), and — resolved
/// from that binding whenever either changes, so a draw reads one place — the buffer, offset, stride and
/// divisor its fetch uses.
struct GLVertexAttribute: Equatable {
    var enabled = false
    var size: GLint = 4
    var type: GLenum = GL_FLOAT
    var normalized = false
    /// Fetched as integers (glVertexAttribIPointer).
    var integer = false
    /// 64-bit values passed to double inputs as they are (glVertexAttribLPointer).
    var long = false
    /// GL_VERTEX_ATTRIB_RELATIVE_OFFSET: bytes from the binding's offset to this attribute's first element.
    var relativeOffset = 0
    /// GL_VERTEX_ATTRIB_BINDING: the vertex buffer binding the attribute reads.
    var bindingIndex = 0
    /// The stride as given to glVertexAttribPointer (GL_VERTEX_ATTRIB_ARRAY_STRIDE; 0: tightly packed).
    var stride: GLsizei = 0
    /// The pointer (or buffer offset) as given to glVertexAttribPointer (GL_VERTEX_ATTRIB_ARRAY_POINTER).
    var pointer = 0

    // Resolved from the binding (GLVertexArray.resolve).
    /// Where the first element is: the binding's offset plus the relative offset (an address for a
    /// client-memory array).
    var offset = 0
    /// The binding's stride: the bytes from one element to the next.
    var bindingStride = 16
    var divisor: GLuint = 0
    var buffer: GLBufferObject?

    static func == (a: GLVertexAttribute, b: GLVertexAttribute) -> Bool {
        a.enabled == b.enabled && a.size == b.size && a.type == b.type && a.normalized == b.normalized
            && a.integer == b.integer && a.long == b.long && a.relativeOffset == b.relativeOffset && a.bindingIndex == b.bindingIndex
            && a.stride == b.stride && a.pointer == b.pointer && a.offset == b.offset && a.bindingStride == b.bindingStride
            && a.divisor == b.divisor && a.buffer === b.buffer
    }

    /// Bytes of one element of `type`.
    static func componentBytes(_ type: GLenum) -> Int {
        switch type {
        case GL_BYTE, GL_UNSIGNED_BYTE: return 1
        case GL_SHORT, GL_UNSIGNED_SHORT, GL_HALF_FLOAT: return 2
        case GL_DOUBLE: return 8
        default: return 4
        }
    }

    /// The bytes of one element: the stride glVertexAttribPointer's stride 0 stands for.
    var elementBytes: Int {
        if type == GL_INT_2_10_10_10_REV || type == GL_UNSIGNED_INT_2_10_10_10_REV || type == GL_UNSIGNED_INT_10F_11F_11F_REV {
            return 4
        }
        return Int(size == GLint(GL_BGRA) ? 4 : size) * Self.componentBytes(type)
    }

    /// The stride the fetch uses: the binding's.
    var effectiveStride: Int { bindingStride }
}

/// One vertex buffer binding of a vertex array (GL 4.3 §10.3.2): the buffer, offset, stride and instance
/// divisor that the attributes bound to it share.
struct GLVertexBinding {
    var buffer: GLBufferObject?
    var offset = 0
    var stride = 16
    var divisor: GLuint = 0
    /// Set by glVertexAttribPointer with no buffer (compatibility profile): `offset` is a client-memory
    /// address. glBindVertexBuffer with buffer 0 leaves an address-less binding that draws reject.
    var clientMemory = false
}

/// A vertex array object: attribute formats and sources, and the element buffer.
final class GLVertexArray {
    let name: GLuint
    /// Attribute i starts out reading binding i.
    var attributes = (0..<16).map { GLVertexAttribute(bindingIndex: $0) }
    /// GL_MAX_VERTEX_ATTRIB_BINDINGS of them.
    var bindings = [GLVertexBinding](repeating: GLVertexBinding(), count: 16)
    var elementBuffer: GLBufferObject?

    init(name: GLuint) { self.name = name }

    /// Copies attribute `i`'s binding into its resolved fields; true when that changed anything.
    @discardableResult
    func resolve(_ i: Int) -> Bool {
        var a = attributes[i]
        let b = bindings[a.bindingIndex]
        a.buffer = b.buffer
        // A binding with neither buffer nor client address reads from address 0: the draw rejects it.
        a.offset = b.buffer != nil || b.clientMemory ? b.offset + a.relativeOffset : 0
        a.bindingStride = b.stride
        a.divisor = b.divisor
        guard a != attributes[i] else { return false }
        attributes[i] = a
        return true
    }

    /// Resolves every attribute reading binding `index`; true when any changed.
    func resolveBinding(_ index: Int) -> Bool {
        var changed = false
        for i in attributes.indices where attributes[i].bindingIndex == index {
            if resolve(i) { changed = true }
        }
        return changed
    }

    /// A deleted buffer leaves the bindings (and attributes) that held it (GL 4.6 §5.1.2).
    func detach(_ buffer: GLBufferObject) {
        for j in bindings.indices where bindings[j].buffer === buffer {
            bindings[j].buffer = nil
            bindings[j].clientMemory = false
            _ = resolveBinding(j)
        }
    }
}

extension GLContext {
    static let floatAttributeTypes: Set<GLenum> = [
        GL_BYTE, GL_UNSIGNED_BYTE, GL_SHORT, GL_UNSIGNED_SHORT, GL_INT, GL_UNSIGNED_INT, GL_HALF_FLOAT, GL_FLOAT,
        GL_DOUBLE, GL_FIXED, GL_INT_2_10_10_10_REV, GL_UNSIGNED_INT_2_10_10_10_REV, GL_UNSIGNED_INT_10F_11F_11F_REV,
    ]
    static let integerAttributeTypes: Set<GLenum> = [GL_BYTE, GL_UNSIGNED_BYTE, GL_SHORT, GL_UNSIGNED_SHORT, GL_INT, GL_UNSIGNED_INT]

    /// The vertex array attribute calls may change: core profiles have no default vertex array.
    func editableVertexArray(_ command: GLCommand) -> GLVertexArray? {
        guard !(isCoreProfile && vertexArray === defaultVertexArray) else {
            recordError(GL_INVALID_OPERATION, command, "no vertex array object is bound (core profile)")
            return nil
        }
        return vertexArray
    }

    func attributeIndex(_ command: GLCommand, _ index: GLuint) -> Int? {
        guard Int(index) < Int(state.limits.maxVertexAttribs) else {
            recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_VERTEX_ATTRIBS")
            return nil
        }
        return Int(index)
    }

    func vertexAttribPointer(
        _ command: GLCommand, _ index: GLuint, _ size: GLint, _ type: GLenum, _ normalized: Bool, _ integer: Bool,
        _ stride: GLsizei, _ pointer: UnsafeRawPointer?, long: Bool = false
    ) {
        guard let i = attributeIndex(command, index) else { return }
        guard checkAttributeFormat(command, size, type, normalized, integer, long) else { return }
        guard stride >= 0 else { return recordError(GL_INVALID_VALUE, command, "stride \(stride) < 0") }
        guard let vao = editableVertexArray(command) else { return }
        let buffer = bufferBindings[GL_ARRAY_BUFFER]
        guard buffer != nil || pointer == nil || !isCoreProfile else {
            return recordError(GL_INVALID_OPERATION, command, "client-memory arrays need a buffer in the core profile")
        }
        guard Int(stride) <= Int(state.limits.maxVertexAttribStride) else {
            return recordError(GL_INVALID_VALUE, command, "stride \(stride) > GL_MAX_VERTEX_ATTRIB_STRIDE")
        }
        // GL 4.3 §10.3.2: VertexAttrib*Format(index, size, type, normalized, 0); VertexAttribBinding(index, index);
        // BindVertexBuffer(index, buffer, pointer, stride or the packed element size).
        let before = vao.attributes[i]
        var a = before
        a.size = size
        a.type = type
        a.normalized = normalized
        a.integer = integer
        a.long = long
        a.relativeOffset = 0
        a.bindingIndex = i
        a.stride = stride
        a.pointer = Int(bitPattern: pointer)
        a.offset = before.offset  // resolved below
        vao.attributes[i] = a
        var b = vao.bindings[i]
        b.buffer = buffer
        b.offset = Int(bitPattern: pointer)
        b.stride = stride != 0 ? Int(stride) : a.elementBytes
        b.clientMemory = buffer == nil
        vao.bindings[i] = b
        // Other attributes reading binding i see its new buffer too.
        if vao.resolveBinding(i) || vao.attributes[i] != before { state.dirty.insert(.vertexLayout) }
    }

    func setAttributeEnabled(_ command: GLCommand, _ index: GLuint, _ on: Bool) {
        guard let i = attributeIndex(command, index), let vao = editableVertexArray(command) else { return }
        if vao.attributes[i].enabled != on {
            vao.attributes[i].enabled = on
            state.dirty.insert(.vertexLayout)
        }
    }

    func bindVertexArray(_ name: GLuint) {
        let vao: GLVertexArray
        if name == 0 {
            vao = defaultVertexArray
        } else {
            guard let v = vertexArrays.object(name, make: { GLVertexArray(name: name) }) else {
                return recordError(GL_INVALID_OPERATION, .glBindVertexArray, "\(name) is not a name from glGenVertexArrays")
            }
            vao = v
        }
        if vao !== vertexArray {
            vertexArray = vao
            state.dirty.insert(.vertexLayout)
        }
    }

    func vertexAttribParameter(_ command: GLCommand, _ index: GLuint, _ pname: GLenum) -> [Double]? {
        guard let i = attributeIndex(command, index) else { return nil }
        let a = vertexArray.attributes[i]
        switch pname {
        case GL_VERTEX_ATTRIB_ARRAY_ENABLED: return [a.enabled ? 1 : 0]
        case GL_VERTEX_ATTRIB_ARRAY_SIZE: return [Double(a.size)]
        case GL_VERTEX_ATTRIB_ARRAY_STRIDE: return [Double(a.stride)]
        case GL_VERTEX_ATTRIB_ARRAY_TYPE: return [Double(a.type)]
        case GL_VERTEX_ATTRIB_ARRAY_NORMALIZED: return [a.normalized ? 1 : 0]
        case GL_VERTEX_ATTRIB_ARRAY_INTEGER: return [a.integer ? 1 : 0]
        case GL_VERTEX_ATTRIB_ARRAY_DIVISOR: return [Double(a.divisor)]
        case GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING: return [Double(a.buffer?.name ?? 0)]
        case GL_VERTEX_ATTRIB_BINDING: return [Double(a.bindingIndex)]
        case GL_VERTEX_ATTRIB_RELATIVE_OFFSET: return [Double(a.relativeOffset)]
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }
}

extension GLDispatch {
    func installVertexArrays() {
        glGenVertexArrays = { c, n, out in _ = c.generateNames(.glGenVertexArrays, n, out, &c.vertexArrays) }
        glCreateVertexArrays = { c, n, out in
            for name in c.generateNames(.glCreateVertexArrays, n, out, &c.vertexArrays) {
                _ = c.vertexArrays.object(name) { GLVertexArray(name: name) }
            }
        }
        glDeleteVertexArrays = { c, n, names in
            for name in c.namesToDelete(.glDeleteVertexArrays, n, names) {
                if let v = c.vertexArrays.delete(name), v === c.vertexArray { c.bindVertexArray(0) }
            }
        }
        glIsVertexArray = { c, name in c.vertexArrays[name] != nil ? 1 : 0 }
        glBindVertexArray = { $0.bindVertexArray($1) }
        glVertexAttribPointer = { c, index, size, type, normalized, stride, pointer in
            c.vertexAttribPointer(.glVertexAttribPointer, index, size, type, normalized != 0, false, stride, pointer)
        }
        glVertexAttribIPointer = { c, index, size, type, stride, pointer in
            c.vertexAttribPointer(.glVertexAttribIPointer, index, size, type, false, true, stride, pointer)
        }
        glVertexAttribLPointer = { c, index, size, type, stride, pointer in
            c.vertexAttribPointer(.glVertexAttribLPointer, index, size, type, false, false, stride, pointer, long: true)
        }
        glEnableVertexAttribArray = { $0.setAttributeEnabled(.glEnableVertexAttribArray, $1, true) }
        glDisableVertexAttribArray = { $0.setAttributeEnabled(.glDisableVertexAttribArray, $1, false) }
        glVertexAttribDivisor = { c, index, divisor in
            // GL 4.3 §10.3.2: VertexAttribBinding(index, index); VertexBindingDivisor(index, divisor).
            guard let i = c.attributeIndex(.glVertexAttribDivisor, index), let vao = c.editableVertexArray(.glVertexAttribDivisor) else { return }
            vao.attributes[i].bindingIndex = i
            vao.bindings[i].divisor = divisor
            if vao.resolve(i) { c.state.dirty.insert(.vertexLayout) }
        }
        glGetVertexAttribiv = { c, index, pname, out in
            guard let v = c.vertexAttribParameter(.glGetVertexAttribiv, index, pname) else { return }
            for (i, x) in v.enumerated() { out?[i] = GLint(x) }
        }
        glGetVertexAttribfv = { c, index, pname, out in
            guard let v = c.vertexAttribParameter(.glGetVertexAttribfv, index, pname) else { return }
            for (i, x) in v.enumerated() { out?[i] = GLfloat(x) }
        }
        glGetVertexAttribPointerv = { c, index, pname, out in
            guard let i = c.attributeIndex(.glGetVertexAttribPointerv, index) else { return }
            guard pname == GL_VERTEX_ATTRIB_ARRAY_POINTER else {
                return c.recordError(GL_INVALID_ENUM, .glGetVertexAttribPointerv, GLEnumNames.describe(pname))
            }
            out?.pointee = UnsafeMutableRawPointer(bitPattern: c.vertexArray.attributes[i].pointer)
        }
    }
}
