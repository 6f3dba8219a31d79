import GLCore

/// Double vertex attributes (ARB_vertex_attrib_64bit): glVertexAttribLPointer (in GLVertexArray.swift and the
/// draw's vertex layout), the current values glVertexAttribL*d set and glGetVertexAttribLdv.
extension GLContext {
    /// glVertexAttribL{1,2,3,4}d(v): the current value as doubles (missing ones 0, 0, 1).
    func setCurrentDoubles(_ command: GLCommand, _ index: GLuint, _ v: [GLdouble]) {
        guard let i = attributeIndex(command, index) else { return }
        var d = v
        while d.count < 3 { d.append(0) }
        if d.count < 4 { d.append(1) }
        let words = d.flatMap { [UInt32(truncatingIfNeeded: $0.bitPattern), UInt32($0.bitPattern >> 32)] }
        for c in 0..<4 {
            compat.currentValues[i * 4 + c] = words[c]
            compat.currentValues[64 + i * 4 + c] = words[4 + c]
        }
        compat.currentIsInteger[i] = false
        compat.currentIsLong[i] = true
        state.dirty.insert(.vertexLayout)
    }

    /// glGetVertexAttribLdv: the current value as doubles, or the array's parameters.
    func getVertexAttribDoubles(_ index: GLuint, _ pname: GLenum, _ out: UnsafeMutablePointer<GLdouble>?) {
        if pname == GL_CURRENT_VERTEX_ATTRIB {
            guard let i = attributeIndex(.glGetVertexAttribLdv, index) else { return }
            let w = compat.currentValues
            let words = Array(w[(i * 4)..<(i * 4 + 4)] + w[(64 + i * 4)..<(64 + i * 4 + 4)])
            for k in 0..<4 { out?[k] = Double(bitPattern: UInt64(words[2 * k]) | UInt64(words[2 * k + 1]) << 32) }
            return
        }
        guard let v = vertexAttribParameter(.glGetVertexAttribLdv, index, pname) else { return }
        for (k, x) in v.enumerated() { out?[k] = x }
    }
}

extension GLDispatch {
    func installDoubleAttributes() {
        glVertexAttribL1d = { $0.setCurrentDoubles(.glVertexAttribL1d, $1, [$2]) }
        glVertexAttribL2d = { $0.setCurrentDoubles(.glVertexAttribL2d, $1, [$2, $3]) }
        glVertexAttribL3d = { $0.setCurrentDoubles(.glVertexAttribL3d, $1, [$2, $3, $4]) }
        glVertexAttribL4d = { $0.setCurrentDoubles(.glVertexAttribL4d, $1, [$2, $3, $4, $5]) }
        glVertexAttribL1dv = { c, i, v in if let v { c.setCurrentDoubles(.glVertexAttribL1dv, i, [v[0]]) } }
        glVertexAttribL2dv = { c, i, v in if let v { c.setCurrentDoubles(.glVertexAttribL2dv, i, (0..<2).map { v[$0] }) } }
        glVertexAttribL3dv = { c, i, v in if let v { c.setCurrentDoubles(.glVertexAttribL3dv, i, (0..<3).map { v[$0] }) } }
        glVertexAttribL4dv = { c, i, v in if let v { c.setCurrentDoubles(.glVertexAttribL4dv, i, (0..<4).map { v[$0] }) } }
        glGetVertexAttribLdv = { $0.getVertexAttribDoubles($1, $2, $3) }
    }
}
