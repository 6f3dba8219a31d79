import GLCore

extension GLDispatch {
    /// glFramebufferTexture3D (GL 4.6 §9.2.8): one zoffset slice of a 3D texture's level, as
    /// glFramebufferTextureLayer attaches it.
    func installFramebufferTexture3D() {
        glFramebufferTexture3D = { c, target, attachment, texTarget, name, level, zoffset in
            let command = GLCommand.glFramebufferTexture3D
            guard let fb = c.userFramebuffer(command, target) else { return }
            var value: GLAttachment?
            if name != 0 {
                guard texTarget == GL_TEXTURE_3D else { return c.recordError(GL_INVALID_OPERATION, command, GLEnumNames.describe(texTarget)) }
                guard let t = c.textures[name] else { return c.recordError(GL_INVALID_OPERATION, command, "no texture \(name)") }
                guard t.target == GL_TEXTURE_3D else {
                    return c.recordError(GL_INVALID_OPERATION, command, "texture \(name) is not a GL_TEXTURE_3D")
                }
                guard level >= 0, level < 16 else { return c.recordError(GL_INVALID_VALUE, command, "level \(level)") }
                guard zoffset >= 0, zoffset < c.state.limits.max3DTextureSize else { return c.recordError(GL_INVALID_VALUE, command, "zoffset \(zoffset)") }
                value = GLAttachment(texture: t, level: Int(level), layer: Int(zoffset))
            }
            c.attach(command, fb, attachment, value)
        }
    }
}
