import GLCore

/// ARB_invalidate_subdata (GL 4.3 §8.20, §6.5, §17.4.4): hints that contents may be discarded. VirglGL keeps
/// every byte (discarding is optional: leaving the contents as they are is a valid implementation), so each call
/// checks its arguments by the spec and does nothing else.
extension GLContext {
    /// The texture of glInvalidateTex(Sub)Image and its level, checked; nil with the error recorded.
    func textureToInvalidate(_ command: GLCommand, _ name: GLuint, _ level: GLint) -> GLTexture? {
        guard name != 0, let t = textures[name], t.target != 0 else {
            recordError(GL_INVALID_VALUE, command, "\(name) is not a texture")
            return nil
        }
        let maxLevel = Int.bitWidth - 1 - Int(max(state.limits.maxTextureSize, 1)).leadingZeroBitCount  // log2
        guard level >= 0, Int(level) <= maxLevel else {
            recordError(GL_INVALID_VALUE, command, "level \(level)")
            return nil
        }
        let singleLevel: Set<GLenum> = [GL_TEXTURE_RECTANGLE, GL_TEXTURE_BUFFER, GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY]
        guard level == 0 || !singleLevel.contains(t.target) else {
            recordError(GL_INVALID_VALUE, command, "level \(level) of a \(GLEnumNames.describe(t.target)) texture")
            return nil
        }
        return t
    }

    /// glInvalidateTexSubImage: the region must lie within the level's image (GL 4.6 §8.20).
    func invalidateTexSubImage(_ name: GLuint, _ level: GLint, _ x: GLint, _ y: GLint, _ z: GLint, _ w: GLsizei, _ h: GLsizei, _ d: GLsizei) {
        let command = GLCommand.glInvalidateTexSubImage
        guard let t = textureToInvalidate(command, name, level) else { return }
        guard w >= 0, h >= 0, d >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative size \(w)×\(h)×\(d)") }
        // The image's extent in each dimension (a cube map's faces are its third).
        let image = t.images.first.flatMap { $0.indices.contains(Int(level)) ? $0[Int(level)] : nil }
        let extent = [image?.width ?? 0, image?.height ?? 0, t.target == GL_TEXTURE_CUBE_MAP ? 6 : image?.depth ?? 0]
        for (offset, size, e) in [(x, w, extent[0]), (y, h, extent[1]), (z, d, extent[2])] {
            guard offset >= 0, Int(offset) + Int(size) <= e else {
                return recordError(GL_INVALID_VALUE, command, "region \(offset)+\(size) outside an image of \(e)")
            }
        }
    }

    /// glInvalidateBufferData / glInvalidateBufferSubData.
    func invalidateBuffer(_ command: GLCommand, _ name: GLuint, _ range: (offset: Int, length: Int)?) {
        guard name != 0, let b = buffers[name] else { return recordError(GL_INVALID_VALUE, command, "\(name) is not a buffer") }
        if let range {
            guard range.offset >= 0, range.length >= 0, range.offset <= b.size, range.length <= b.size - range.offset else {
                return recordError(GL_INVALID_VALUE, command, "range \(range.offset)+\(range.length) outside a buffer of \(b.size) bytes")
            }
        }
        // Mapped, unless persistently (GL 4.6 §6.5): the mapped range overlapping the one invalidated.
        if let m = b.mapping, m.access & GL_MAP_PERSISTENT_BIT == 0 {
            let r = range ?? (0, b.size)
            if range == nil || (m.offset < r.offset + r.length && r.offset < m.offset + m.length) {
                return recordError(GL_INVALID_OPERATION, command, "buffer \(name) is mapped")
            }
        }
    }

    /// glInvalidateFramebuffer / glInvalidateSubFramebuffer: the attachment names (GL 4.6 §17.4.4).
    func invalidateFramebuffer(_ command: GLCommand, _ target: GLenum, _ count: GLsizei, _ attachments: UnsafePointer<GLenum>?, size: (GLsizei, GLsizei)?) {
        guard let bound = boundFramebuffer(command, target) else { return }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "numAttachments \(count) < 0") }
        if let size, size.0 < 0 || size.1 < 0 {
            return recordError(GL_INVALID_VALUE, command, "negative size \(size.0)×\(size.1)")
        }
        guard count > 0, let attachments else { return }
        for i in 0..<Int(count) {
            let a = attachments[i]
            if bound == nil {
                // The default framebuffer's buffers.
                guard [GL_COLOR, GL_DEPTH, GL_STENCIL].contains(a) else {
                    return recordError(GL_INVALID_ENUM, command, "attachment \(GLEnumNames.describe(a)) of the default framebuffer")
                }
            } else if a >= GL_COLOR_ATTACHMENT0, a <= GL_COLOR_ATTACHMENT0 + 31 {
                guard Int(a - GL_COLOR_ATTACHMENT0) < Int(state.limits.maxColorAttachments) else {
                    return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(a)) ≥ GL_MAX_COLOR_ATTACHMENTS")
                }
            } else {
                guard [GL_DEPTH_ATTACHMENT, GL_STENCIL_ATTACHMENT, GL_DEPTH_STENCIL_ATTACHMENT].contains(a) else {
                    return recordError(GL_INVALID_ENUM, command, "attachment \(GLEnumNames.describe(a))")
                }
            }
        }
    }
}

extension GLDispatch {
    func installInvalidateSubdata() {
        glInvalidateTexImage = { c, name, level in _ = c.textureToInvalidate(.glInvalidateTexImage, name, level) }
        glInvalidateTexSubImage = { $0.invalidateTexSubImage($1, $2, $3, $4, $5, $6, $7, $8) }
        glInvalidateBufferData = { $0.invalidateBuffer(.glInvalidateBufferData, $1, nil) }
        glInvalidateBufferSubData = { c, name, offset, length in c.invalidateBuffer(.glInvalidateBufferSubData, name, (offset, length)) }
        glInvalidateFramebuffer = { c, target, n, a in c.invalidateFramebuffer(.glInvalidateFramebuffer, target, n, a, size: nil) }
        glInvalidateSubFramebuffer = { c, target, n, a, _, _, w, h in c.invalidateFramebuffer(.glInvalidateSubFramebuffer, target, n, a, size: (w, h)) }
    }
}
