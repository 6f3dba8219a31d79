import GLCore

extension GLDispatch {
    /// glFramebufferTexture3D (GL 4.6 §9.2.8): one zoffset slice of a 3D texture's level, as
    /// glFramebufferTextureLayer attaches it.
    func installFramebufferTexture3D() {
        glFramebufferTexture3D = { c, target, attachment, texTarget, name, level, zoffset in
            c.attachTextureImage(.glFramebufferTexture3D, target, attachment, texTarget, name, level, layer: zoffset, of: GL_TEXTURE_3D, wrongTarget: GL_INVALID_OPERATION)
        }
    }
}
