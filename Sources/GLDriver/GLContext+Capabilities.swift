import GLCore

extension GLContext {
    /// glEnable/glDisable: capabilities come from the generated state tables (Registry/gl-state.xml).
    /// Compatibility-profile texture-unit enables: they only steer fixed-function texturing (the fragment stage
    /// of draws without a GLSL program or ARB fragment program, GLContext+FixedFunctionTexturing.swift).
    static let fixedFunctionTextureCaps: Set<GLenum> = [GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE]

    func setCapability(_ command: GLCommand, _ cap: GLenum, _ on: Bool) {
        if setDebugCapability(cap, on) { return }
        if !isCoreProfile, GLContext.fixedFunctionTextureCaps.contains(cap) {
            if on { compat.textureEnables.insert(cap) } else { compat.textureEnables.remove(cap) }
            setFixedFunctionTextureEnable(cap, on)  // per unit (GLContext+FixedFunctionTexturing.swift)
            return
        }
        if !isCoreProfile, cap == GL_VERTEX_PROGRAM_TWO_SIDE {
            if state.rasterizer.twoSidedColor != on {
                state.rasterizer.twoSidedColor = on
                state.dirty.insert(.rasterizer)
            }
            return
        }
        if !isCoreProfile, setARBProgramCapability(cap, on) { return }
        if cap == GL_SAMPLE_MASK {
            if sampleMaskEnabled != on {
                sampleMaskEnabled = on
                emitSampleMask()
            }
            return
        }
        guard state.setCapability(cap, on) else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(cap)) is not a capability VirglGL has")
        }
    }

    func isEnabled(_ cap: GLenum) -> GLboolean {
        if let on = debugCapability(cap) { return on ? 1 : 0 }
        if !isCoreProfile, GLContext.fixedFunctionTextureCaps.contains(cap) {
            return activeUnit < 8 ? (arb.fixedTexturing.enables[activeUnit].contains(cap) ? 1 : 0) : (compat.textureEnables.contains(cap) ? 1 : 0)
        }
        if !isCoreProfile, cap == GL_VERTEX_PROGRAM_TWO_SIDE { return state.rasterizer.twoSidedColor ? 1 : 0 }
        if cap == GL_SAMPLE_MASK { return sampleMaskEnabled ? 1 : 0 }
        if !isCoreProfile, let on = arbProgramCapability(cap) { return on ? 1 : 0 }
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
