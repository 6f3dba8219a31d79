import GLCore
import ShaderCompiler

/// Double-precision uniforms of the default block (ARB_gpu_shader_fp64): glUniform*d*, glUniformMatrix*dv and
/// glGetUniformdv. In constant buffer 0 a double takes two words (low first), two doubles a vec4 slot: a dvec3 or
/// dvec4 (and each such matrix column) takes two slots, as the shader translator reads them.
extension GLContext {
    /// Where double `row` of column `column` of a value at `slot` sits in the constants (a word index).
    static func doubleWord(slot: Int, rows: Int, column: Int, row: Int) -> Int {
        (slot + column * (rows > 2 ? 2 : 1) + row / 2) * 4 + (row % 2) * 2
    }

    /// `count` values of `columns` × `rows` doubles (column-major unless `transpose`) into the uniform at
    /// `location` and the array elements after it.
    func setUniformDoubles(_ command: GLCommand, _ location: GLint, _ count: GLsizei, columns: Int, rows: Int, transpose: Bool = false, _ values: UnsafePointer<GLdouble>?) {
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "count < 0") }
        guard let (p, first) = uniformTarget(command, location), let values else { return }
        guard first.kind == .double, first.columns == columns, first.components == rows else {
            return recordError(GL_INVALID_OPERATION, command, "\(first.name) is not a \(columns > 1 ? "\(columns)×\(rows) double matrix" : "\(rows)-component double value")")
        }
        let locations = p.uniformLocations
        let arrayName = first.name.split(separator: "[").first.map(String.init) ?? first.name
        guard count <= 1 || first.name.hasSuffix("]") else {
            return recordError(GL_INVALID_OPERATION, command, "\(first.name) is not an array")
        }
        for k in 0..<Int(count) {
            let index = Int(location) + k
            guard index < locations.count, k == 0 || locations[index].name.hasPrefix(arrayName + "[") else { break }
            let slot = locations[index].slot
            for c in 0..<columns {
                for r in 0..<rows {
                    let v = transpose ? values[k * columns * rows + r * columns + c] : values[k * columns * rows + c * rows + r]
                    let w = Self.doubleWord(slot: slot, rows: rows, column: c, row: r)
                    guard w + 1 < p.constants.count else { continue }
                    p.constants[w] = UInt32(truncatingIfNeeded: v.bitPattern)
                    p.constants[w + 1] = UInt32(v.bitPattern >> 32)
                }
            }
        }
        p.constantsDirty = true
        state.dirty.insert(.constants)
    }

    /// One double vector value (the glUniform{1,2,3,4}d forms).
    func setUniformDoubles(_ command: GLCommand, _ location: GLint, _ values: [GLdouble]) {
        values.withUnsafeBufferPointer { setUniformDoubles(command, location, 1, columns: 1, rows: values.count, $0.baseAddress) }
    }

    /// glGetUniform{d,f,i,ui}v: the value of a default-block uniform at `location` of program `program`, as
    /// doubles (which hold every float, int and uint exactly): column-major for matrices, booleans as 1 or 0,
    /// a sampler as its texture unit. Nil (error recorded) for a program or location that has none.
    func uniformValues(_ command: GLCommand, _ program: GLuint, _ location: GLint) -> [GLdouble]? {
        guard let p = self.program(command, program) else { return nil }
        guard p.linked, p.hasLinkedProgram else {
            recordError(GL_INVALID_OPERATION, command, "program \(program) is not linked")
            return nil
        }
        guard location >= 0, Int(location) < p.uniformLocations.count, !p.uniformLocations[Int(location)].name.isEmpty else {
            recordError(GL_INVALID_OPERATION, command, "location \(location) is not a uniform of program \(program)")
            return nil
        }
        let u = p.uniformLocations[Int(location)]
        if case .sampler = u.kind { return [GLdouble(p.samplerUnits[u.name] ?? 0)] }
        if case .image = u.kind { return [GLdouble(imageUnit(p, u.name))] }
        var out: [GLdouble] = []
        for c in 0..<u.columns {
            for r in 0..<u.components {
                switch u.kind {
                case .double:
                    let w = Self.doubleWord(slot: u.slot, rows: u.components, column: c, row: r)
                    out.append(Double(bitPattern: UInt64(p.constants[w]) | UInt64(p.constants[w + 1]) << 32))
                case .int: out.append(GLdouble(Int32(bitPattern: p.constants[(u.slot + c) * 4 + r])))
                case .uint: out.append(GLdouble(p.constants[(u.slot + c) * 4 + r]))
                case .bool: out.append(p.constants[(u.slot + c) * 4 + r] != 0 ? 1 : 0)
                default: out.append(GLdouble(Float(bitPattern: p.constants[(u.slot + c) * 4 + r])))
                }
            }
        }
        return out
    }

    /// glGetUniformdv.
    func getUniformDoubles(_ program: GLuint, _ location: GLint, _ out: UnsafeMutablePointer<GLdouble>?) {
        guard let values = uniformValues(.glGetUniformdv, program, location), let out else { return }
        for (k, v) in values.enumerated() { out[k] = v }
    }
}

extension GLDispatch {
    func installDoubleUniforms() {
        glUniform1d = { $0.setUniformDoubles(.glUniform1d, $1, [$2]) }
        glUniform2d = { $0.setUniformDoubles(.glUniform2d, $1, [$2, $3]) }
        glUniform3d = { $0.setUniformDoubles(.glUniform3d, $1, [$2, $3, $4]) }
        glUniform4d = { $0.setUniformDoubles(.glUniform4d, $1, [$2, $3, $4, $5]) }
        glUniform1dv = { $0.setUniformDoubles(.glUniform1dv, $1, $2, columns: 1, rows: 1, $3) }
        glUniform2dv = { $0.setUniformDoubles(.glUniform2dv, $1, $2, columns: 1, rows: 2, $3) }
        glUniform3dv = { $0.setUniformDoubles(.glUniform3dv, $1, $2, columns: 1, rows: 3, $3) }
        glUniform4dv = { $0.setUniformDoubles(.glUniform4dv, $1, $2, columns: 1, rows: 4, $3) }
        glUniformMatrix2dv = { $0.setUniformDoubles(.glUniformMatrix2dv, $1, $2, columns: 2, rows: 2, transpose: $3 != 0, $4) }
        glUniformMatrix3dv = { $0.setUniformDoubles(.glUniformMatrix3dv, $1, $2, columns: 3, rows: 3, transpose: $3 != 0, $4) }
        glUniformMatrix4dv = { $0.setUniformDoubles(.glUniformMatrix4dv, $1, $2, columns: 4, rows: 4, transpose: $3 != 0, $4) }
        glUniformMatrix2x3dv = { $0.setUniformDoubles(.glUniformMatrix2x3dv, $1, $2, columns: 2, rows: 3, transpose: $3 != 0, $4) }
        glUniformMatrix2x4dv = { $0.setUniformDoubles(.glUniformMatrix2x4dv, $1, $2, columns: 2, rows: 4, transpose: $3 != 0, $4) }
        glUniformMatrix3x2dv = { $0.setUniformDoubles(.glUniformMatrix3x2dv, $1, $2, columns: 3, rows: 2, transpose: $3 != 0, $4) }
        glUniformMatrix3x4dv = { $0.setUniformDoubles(.glUniformMatrix3x4dv, $1, $2, columns: 3, rows: 4, transpose: $3 != 0, $4) }
        glUniformMatrix4x2dv = { $0.setUniformDoubles(.glUniformMatrix4x2dv, $1, $2, columns: 4, rows: 2, transpose: $3 != 0, $4) }
        glUniformMatrix4x3dv = { $0.setUniformDoubles(.glUniformMatrix4x3dv, $1, $2, columns: 4, rows: 3, transpose: $3 != 0, $4) }
        glGetUniformdv = { $0.getUniformDoubles($1, $2, $3) }
    }
}
