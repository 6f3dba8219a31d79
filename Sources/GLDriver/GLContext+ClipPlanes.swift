import GLCore

/// User clip planes (compatibility profile): glClipPlane keeps each plane in eye coordinates, and the host
/// clips gl_ClipVertex (or, when a program writes neither it nor gl_ClipDistance, gl_Position) against the
/// enabled ones (GL_CLIP_PLANEi is GL_CLIP_DISTANCEi, the rasterizer's clip-plane enables).
extension GLContext {
    /// glClipPlane: the plane transformed by the inverse of the current modelview matrix (GL 2.1 §2.12).
    func setClipPlane(_ plane: GLenum, _ equation: UnsafePointer<GLdouble>?) {
        guard let i = clipPlaneIndex(.glClipPlane, plane) else { return }
        guard let equation else { return recordError(GL_INVALID_VALUE, .glClipPlane, "no equation") }
        let p = (0..<4).map { equation[$0] }
        guard let inverse = GLContext.inverse(compat.modelview.last!.map(Double.init)) else {
            // A singular modelview: the plane cannot be taken to eye coordinates; keep it as given.
            compat.clipPlanes[i] = p
            return sendClipPlanes()
        }
        // p_eye = p · M⁻¹ (p a row vector; M column-major, element (row r, column c) at c * 4 + r).
        compat.clipPlanes[i] = (0..<4).map { column in (0..<4).reduce(0) { $0 + p[$1] * inverse[column * 4 + $1] } }
        sendClipPlanes()
    }

    func clipPlane(_ plane: GLenum, _ equation: UnsafeMutablePointer<GLdouble>?) {
        guard let i = clipPlaneIndex(.glGetClipPlane, plane), let equation else { return }
        for k in 0..<4 { equation[k] = compat.clipPlanes[i][k] }
    }

    private func clipPlaneIndex(_ command: GLCommand, _ plane: GLenum) -> Int? {
        guard plane >= GL_CLIP_PLANE0, plane < GL_CLIP_PLANE0 + 8 else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(plane))
            return nil
        }
        return Int(plane - GL_CLIP_PLANE0)
    }

    /// The planes go into the command stream at once, so every later draw clips against them.
    private func sendClipPlanes() {
        commands.encodeSetClipState(planes: compat.clipPlanes.flatMap { $0.map(Float.init) })
    }

    /// The inverse of a column-major 4×4 matrix, or nil when it is singular (cofactor expansion).
    static func inverse(_ m: [Double]) -> [Double]? {
        func at(_ r: Int, _ c: Int) -> Double { m[c * 4 + r] }
        func minor(_ r: Int, _ c: Int) -> Double {
            let rows = (0..<4).filter { $0 != r }, cols = (0..<4).filter { $0 != c }
            func e(_ i: Int, _ j: Int) -> Double { at(rows[i], cols[j]) }
            return e(0, 0) * (e(1, 1) * e(2, 2) - e(1, 2) * e(2, 1))
                - e(0, 1) * (e(1, 0) * e(2, 2) - e(1, 2) * e(2, 0))
                + e(0, 2) * (e(1, 0) * e(2, 1) - e(1, 1) * e(2, 0))
        }
        var cofactors = [Double](repeating: 0, count: 16)
        for r in 0..<4 { for c in 0..<4 { cofactors[c * 4 + r] = ((r + c) % 2 == 0 ? 1 : -1) * minor(r, c) } }
        let det = (0..<4).reduce(0.0) { $0 + at(0, $1) * cofactors[$1 * 4 + 0] }
        guard det != 0 else { return nil }
        // inverse(r, c) = cofactor(c, r) / det
        var inv = [Double](repeating: 0, count: 16)
        for r in 0..<4 { for c in 0..<4 { inv[c * 4 + r] = cofactors[r * 4 + c] / det } }
        return inv
    }
}

extension GLDispatch {
    func installClipPlanes() {
        glClipPlane = { c, plane, equation in c.setClipPlane(plane, equation) }
        glGetClipPlane = { c, plane, equation in c.clipPlane(plane, equation) }
    }
}
