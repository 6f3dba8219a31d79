import GLCore

extension GLContext {
    /// glEnable/glDisable: capabilities come from the generated state tables (Registry/gl-state.xml).
    func setCapability(_ command: GLCommand, _ cap: GLenum, _ on: Bool) {
        guard state.setCapability(cap, on) else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(cap)) is not a capability VirglGL has")
        }
    }

    func isEnabled(_ cap: GLenum) -> GLboolean {
        guard let on = state.capability(cap) else {
            recordError(GL_INVALID_ENUM, .glIsEnabled, "\(GLEnumNames.describe(cap)) is not a capability VirglGL has")
            return 0
        }
        return on ? 1 : 0
    }
}

extension GLDispatch {
    func installCapabilities() {
        glEnable = { $0.setCapability(.glEnable, $1, true) }
        glDisable = { $0.setCapability(.glDisable, $1, false) }
        glIsEnabled = { $0.isEnabled($1) }
    }
}
