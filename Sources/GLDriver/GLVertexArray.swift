import GLCore

/// One vertex attribute of a vertex array.
struct GLVertexAttribute: Equatable {
    var enabled = false
    var size: GLint = 4
    var type: GLenum = GL_FLOAT
    var normalized = false
    /// Fetched as integers (glVertexAttribIPointer).
    var integer = false
    /// 64-bit values passed to double inputs as they are (glVertexAttribLPointer).
    var long = false
    /// The stride as given (0: tightly packed).
    var stride: GLsizei = 0
    var offset = 0
    var divisor: GLuint = 0
    var buffer: GLBufferObject?

    static func == (a: GLVertexAttribute, b: GLVertexAttribute) -> Bool {
        a.enabled == b.enabled && a.size == b.size && a.type == b.type && a.normalized == b.normalized
            && a.integer == b.integer && a.long == b.long && a.stride == b.stride && a.offset == b.offset && a.divisor == b.divisor
            && a.buffer === b.buffer
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

    /// The stride the fetch uses: the given one, or the packed size of one vertex.
    var effectiveStride: Int {
        if stride != 0 { return Int(stride) }
        if type == GL_INT_2_10_10_10_REV || type == GL_UNSIGNED_INT_2_10_10_10_REV || type == GL_UNSIGNED_INT_10F_11F_11F_REV {
            return 4
        }
        return Int(size == GLint(GL_BGRA) ? 4 : size) * Self.componentBytes(type)
    }
}

/// A vertex array object: attribute formats and sources, and the element buffer.
final class GLVertexArray {
    let name: GLuint
    var attributes = [GLVertexAttribute](repeating: GLVertexAttribute(), count: 16)
    var elementBuffer: GLBufferObject?

    init(name: GLuint) { self.name = name }
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
        let types = long ? [GL_DOUBLE] : integer ? Self.integerAttributeTypes : Self.floatAttributeTypes
        guard check(type, in: types, command, "type") else { return }
        // GL_FIXED (ES2 compatibility) is a generic attribute type only: the fixed-function arrays reject it.
        guard type != GL_FIXED || command == .glVertexAttribPointer else {
            return recordError(GL_INVALID_ENUM, command, "type GL_FIXED")
        }
        guard (1...4).contains(size) || (size == GLint(GL_BGRA) && !integer) else {
            return recordError(GL_INVALID_VALUE, command, "size \(size)")
        }
        guard stride >= 0 else { return recordError(GL_INVALID_VALUE, command, "stride \(stride) < 0") }
        let packed: Set<GLenum> = [GL_INT_2_10_10_10_REV, GL_UNSIGNED_INT_2_10_10_10_REV]
        guard !packed.contains(type) || size == 4 || size == GLint(GL_BGRA) else {
            return recordError(GL_INVALID_OPERATION, command, "packed type needs size 4 or GL_BGRA")
        }
        guard type != GL_UNSIGNED_INT_10F_11F_11F_REV || size == 3 else {
            return recordError(GL_INVALID_OPERATION, command, "GL_UNSIGNED_INT_10F_11F_11F_REV needs size 3")
        }
        guard size != GLint(GL_BGRA) || (normalized && (type == GL_UNSIGNED_BYTE || packed.contains(type))) else {
            return recordError(GL_INVALID_OPERATION, command, "GL_BGRA needs a normalized unsigned byte or packed type")
        }
        guard let vao = editableVertexArray(command) else { return }
        let buffer = bufferBindings[GL_ARRAY_BUFFER]
        guard buffer != nil || pointer == nil || !isCoreProfile else {
            return recordError(GL_INVALID_OPERATION, command, "client-memory arrays need a buffer in the core profile")
        }
        var a = vao.attributes[i]
        a.size = size
        a.type = type
        a.normalized = normalized
        a.integer = integer
        a.long = long
        a.stride = stride
        a.offset = Int(bitPattern: pointer)
        a.buffer = buffer
        if vao.attributes[i] != a {
            vao.attributes[i] = a
            state.dirty.insert(.vertexLayout)
        }
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
            guard let i = c.attributeIndex(.glVertexAttribDivisor, index), let vao = c.editableVertexArray(.glVertexAttribDivisor) else { return }
            if vao.attributes[i].divisor != divisor {
                vao.attributes[i].divisor = divisor
                c.state.dirty.insert(.vertexLayout)
            }
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
            out?.pointee = UnsafeMutableRawPointer(bitPattern: c.vertexArray.attributes[i].offset)
        }
    }
}
