import GLCore
import VirglProtocol

/// glClearTexImage / glClearTexSubImage (GL 4.4, GL_ARB_clear_texture): one texel of client data (zeros for a
/// null pointer), converted to the image's format as glTexSubImage* data is, fills a box of a level. VirglGL keeps a
/// client copy of every image, so the fill goes through the same path as glTexSubImage* (client copy, then the host
/// resource) rather than the host's CLEAR_TEXTURE, which would leave the copy stale.
extension GLContext {
    func clearTexSubImage(
        _ command: GLCommand, _ name: GLuint, _ level: GLint, _ box: (x: GLint, y: GLint, z: GLint, w: GLsizei, h: GLsizei, d: GLsizei)?,
        _ format: GLenum, _ type: GLenum, _ data: UnsafeRawPointer?
    ) {
        guard let t = textures[name] else { return recordError(GL_INVALID_OPERATION, command, "\(name) is not a texture") }
        guard t.target != GL_TEXTURE_BUFFER else { return recordError(GL_INVALID_OPERATION, command, "a buffer texture") }
        guard level >= 0, Int(level) < 16, t.images.first.map({ Int(level) < $0.count && $0[Int(level)] != nil }) == true,
            let img = t.images[0][Int(level)]
        else { return recordError(GL_INVALID_OPERATION, command, "level \(level) has no image") }
        guard !img.format.isCompressed else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(img.internalFormat)) is compressed")
        }
        // A cube map's faces are its layers (GL 4.6 §8.21: z and depth select faces).
        let layers = t.faces > 1 ? t.faces : img.depth
        let b = box ?? (0, 0, 0, GLsizei(img.width), GLsizei(img.height), GLsizei(layers))
        guard b.w >= 0, b.h >= 0, b.d >= 0, b.x >= 0, b.y >= 0, b.z >= 0, Int(b.x) + Int(b.w) <= img.width,
            Int(b.y) + Int(b.h) <= img.height, Int(b.z) + Int(b.d) <= layers
        else { return recordError(GL_INVALID_OPERATION, command, "box outside the image") }
        guard b.w > 0, b.h > 0, b.d > 0 else { return }
        // The texel, read without the unpack state's skips and row length (the data is one texel).
        let saved = state.pixelStore
        state.pixelStore.unpackSkipPixels = 0
        state.pixelStore.unpackSkipRows = 0
        state.pixelStore.unpackSkipImages = 0
        state.pixelStore.unpackRowLength = 0
        state.pixelStore.unpackImageHeight = 0
        let texel = unpack(command, 1, 1, 1, format, type, data, img.format)
        state.pixelStore = saved
        guard let texel else { return }
        if t.faces > 1 {
            let bytes = Array([[UInt8]](repeating: texel, count: Int(b.w) * Int(b.h)).joined())
            for face in Int(b.z)..<Int(b.z + b.d) where t.images[face].indices.contains(Int(level)) && t.images[face][Int(level)] != nil {
                writeSubImage(command, t, face: face, level: level, b.x, b.y, 0, b.w, b.h, 1, bytes)
            }
        } else {
            let bytes = Array([[UInt8]](repeating: texel, count: Int(b.w) * Int(b.h) * Int(b.d)).joined())
            writeSubImage(command, t, face: 0, level: level, b.x, b.y, b.z, b.w, b.h, b.d, bytes)
        }
    }
}

extension GLDispatch {
    func installClearTexture() {
        glClearTexImage = { c, name, level, format, type, data in c.clearTexSubImage(.glClearTexImage, name, level, nil, format, type, data) }
        glClearTexSubImage = { c, name, level, x, y, z, w, h, d, format, type, data in
            c.clearTexSubImage(.glClearTexSubImage, name, level, (x, y, z, w, h, d), format, type, data)
        }
    }
}
