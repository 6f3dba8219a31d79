import GLCore
import ShaderCompiler

extension GLContext {
    /// glValidateProgram (GL 4.6 §11.1.3.11): whether `p` could run with the current state. A program fails when it
    /// is not linked, or when two of its active samplers of different types read the same texture unit (§7.10).
    func validateProgram(_ p: GLProgram) {
        guard p.linked, let linked = p.linkedProgram else {
            p.validated = false
            p.log = "the program is not linked"
            return
        }
        if let unit = samplerTypeConflict(p, linked) {
            p.validated = false
            p.log = "samplers of different types use texture unit \(unit)"
            return
        }
        p.validated = true
    }

    /// The texture unit two active samplers of different types of `p` share, if any (draws then fail with
    /// GL_INVALID_OPERATION, GL 4.6 §7.10).
    func samplerTypeConflict(_ p: GLProgram, _ linked: LinkedProgram) -> Int? {
        var typeOfUnit: [Int: String] = [:]
        for location in linked.locations {
            guard case .sampler(let target, let returns) = location.kind else { continue }
            let unit = p.samplerUnits[location.name] ?? 0
            let type = "\(target)/\(returns)"
            if let other = typeOfUnit[unit], other != type { return unit }
            typeOfUnit[unit] = type
        }
        return nil
    }
}

extension GLDispatch {
    func installValidateProgram() {
        glValidateProgram = { c, name in
            guard let p = c.program(.glValidateProgram, name) else { return }
            c.validateProgram(p)
        }
    }
}
