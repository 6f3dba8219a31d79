import GLCore

extension GLContext {
    /// glValidateProgram (GL 4.6 §11.1.3.11): whether `p` could run with the current state. A program fails when it
    /// is not linked, or when two of its active samplers of different types read the same texture unit (§7.10).
    func validateProgram(_ p: GLProgram) {
        guard p.linked, let linked = p.linkedProgram else {
            p.validated = false
            p.log = "the program is not linked"
            return
        }
        var typeOfUnit: [Int: String] = [:]
        for location in linked.locations {
            guard case .sampler(let target, let returns) = location.kind else { continue }
            let unit = p.samplerUnits[location.name] ?? 0
            let type = "\(target)/\(returns)"
            if let other = typeOfUnit[unit], other != type {
                p.validated = false
                p.log = "samplers of different types use texture unit \(unit)"
                return
            }
            typeOfUnit[unit] = type
        }
        p.validated = true
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
