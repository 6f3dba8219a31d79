import GLCore

extension GLContext {
    func setCapability(_ cap: GLenum, _ on: Bool) {
        if on { enabled.insert(cap) } else { enabled.remove(cap) }
    }

    func isEnabled(_ cap: GLenum) -> GLboolean {
        enabled.contains(cap) ? 1 : 0
    }
}

extension GLDispatch {
    func installCapabilities() {
        glEnable = { $0.setCapability($1, true) }
        glDisable = { $0.setCapability($1, false) }
        glIsEnabled = { $0.isEnabled($1) }
    }
}
