import GLCore

/// glCopyTexImage2D and glCopyTexSubImage2D (GL 4.6 §8.6): the read framebuffer's rectangle is read back
/// (glReadPixels, which leaves texels outside the framebuffer undefined — zeros here) and uploaded with
/// glTexImage2D / glTexSubImage2D, so the texture paths' validation and format conversion apply. Colour only:
/// depth and stencil formats are refused as not implemented.
extension GLContext {
    /// Formats whose texels are read back as floats (more than 8 bits or not normalized); others as bytes.
    static let copyTexFloatFormats: Set<GLenum> = [
        GL_RGBA16F, GL_RGBA32F, GL_RGB16F, GL_RGB32F, GL_RG16F, GL_RG32F, GL_R16F, GL_R32F, GL_R11F_G11F_B10F, GL_RGB9_E5,
        GL_RGBA16, GL_RGB16, GL_RG16, GL_R16, GL_RGBA16_SNORM, GL_RGBA8_SNORM, GL_RGB10_A2,
    ]

    /// Reads the read framebuffer's `width` × `height` rectangle at (x, y) as tightly packed GL_RGBA `type`
    /// (nil: an error was recorded).
    func copyTexSource(_ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ type: GLenum) -> [UInt8]? {
        let size = Int(width) * Int(height) * 4 * (type == GL_FLOAT ? 4 : 1)
        var bytes = [UInt8](repeating: 0, count: size)
        var ok = true
        withTightPixelStore {
            ok = succeeds { bytes.withUnsafeMutableBytes { glReadPixels(x, y, width, height, GL_RGBA, type, $0.baseAddress) } }
        }
        return ok ? bytes : nil
    }

    func copyTexImage2D(_ target: GLenum, _ level: GLint, _ internalFormat: GLenum, _ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ border: GLint) {
        let command = GLCommand.glCopyTexImage2D
        guard width >= 0, height >= 0, border == 0 else { return recordError(GL_INVALID_VALUE, command, "negative size or a border") }
        guard ![GL_DEPTH_COMPONENT, GL_DEPTH_COMPONENT16, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT32, GL_DEPTH_COMPONENT32F,
                GL_DEPTH_STENCIL, GL_DEPTH24_STENCIL8, GL_DEPTH32F_STENCIL8].contains(internalFormat) else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glCopyTexImage2D(\(GLEnumNames.describe(internalFormat))) is not implemented yet (GL_INVALID_OPERATION)")
        }
        let type = GLContext.copyTexFloatFormats.contains(internalFormat) ? GL_FLOAT : GL_UNSIGNED_BYTE
        guard let bytes = copyTexSource(x, y, width, height, type) else { return }
        withTightPixelStore {
            bytes.withUnsafeBytes { glTexImage2D(target, level, GLint(bitPattern: internalFormat), width, height, 0, GL_RGBA, type, $0.baseAddress) }
        }
    }

    func copyTexSubImage2D(_ target: GLenum, _ level: GLint, _ xoffset: GLint, _ yoffset: GLint, _ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei) {
        guard width >= 0, height >= 0 else { return recordError(GL_INVALID_VALUE, .glCopyTexSubImage2D, "negative size") }
        guard width > 0, height > 0, let bytes = copyTexSource(x, y, width, height, GL_FLOAT) else { return }
        withTightPixelStore {
            bytes.withUnsafeBytes { glTexSubImage2D(target, level, xoffset, yoffset, width, height, GL_RGBA, GL_FLOAT, $0.baseAddress) }
        }
    }
}

extension GLDispatch {
    func installCopyTexImage() {
        if glCopyTexImage2D == nil {
            glCopyTexImage2D = { c, target, level, format, x, y, w, h, border in c.copyTexImage2D(target, level, format, x, y, w, h, border) }
        }
        if glCopyTexSubImage2D == nil {
            glCopyTexSubImage2D = { c, target, level, xo, yo, x, y, w, h in c.copyTexSubImage2D(target, level, xo, yo, x, y, w, h) }
        }
    }
}
