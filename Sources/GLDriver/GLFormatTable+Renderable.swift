import GLCore

extension GLFormatTable {
    /// Whether a sized internal format is colour-, depth- or stencil-renderable in a core profile (GL 4.2
    /// §4.4.4, table 3.12's "color-renderable" column): not the signed normalized formats, GL_RGB9_E5, the
    /// three-component float and integer formats; the alpha, luminance and intensity formats only in a
    /// compatibility profile (as Mesa renders to them with ARB_framebuffer_object).
    static func isRenderable(_ sized: GLenum, _ info: GLFormatInfo, coreProfile: Bool) -> Bool {
        guard !info.isDepth, !info.isStencil else { return true }
        if compatibilityFormats[sized] != nil { return !coreProfile }
        guard sized != GL_RGB9_E5 else { return false }
        if componentTypeIsSigned(info) && !info.isInteger { return false }  // SNORM
        if info.base == GL_RGB, info.isInteger || [GL_FLOAT, GL_HALF_FLOAT].contains(info.clientType) { return false }
        return true
    }

    /// Whether a format's components are signed (its client type is).
    static func componentTypeIsSigned(_ info: GLFormatInfo) -> Bool {
        [GL_BYTE, GL_SHORT, GL_INT].contains(info.clientType)
    }
}
