import GLCore
import VirglProtocol
import VirglTransport

/// Content keys of host state objects (blend, depth-stencil-alpha, rasterizer…): equal content, one handle.
enum GLStateObjectKey: Hashable {
    case clearSource(format: UInt32)
}

/// A surface over one level and layer of a texture resource.
struct TextureSurfaceKey: Hashable {
    var resource: UInt32
    var level: Int
    var layer: Int
    /// The last layer a layered attachment's surface covers (`layer` when it is one layer).
    var lastLayer: Int = -1
    /// The surface's format (a texture view reads the resource in its own).
    var format: UInt32 = 0
}

/// What the host currently has bound, so only changes are emitted.
struct GLEmittedState {
    /// Whether a geometry shader is bound on the host (unbound again for programs without one).
    var geometryBound = false
    /// Whether tessellation shaders are bound on the host.
    var tessellationBound = false
    /// Whether the default tessellation levels have been sent (SET_TESS_STATE).
    var tessStateSent = false
    /// The SET_MIN_SAMPLES value the host has (its initial state shades once per pixel).
    var minSamples: UInt32 = 1
    var framebuffer: [UInt32]?
    var blend: UInt32?
    var depthStencil: UInt32?
    var stencilRef: UInt32?
    var rasterizer: UInt32?
    /// The viewports and scissor boxes the host has (GL_MAX_VIEWPORTS of each once sent).
    var viewports: [VirglViewport] = []
    var scissors: [VirglScissor] = []
    var blendColor: [GLfloat]?
    var vertexElements: UInt32?
    var vertexBuffers: [VirglVertexBuffer]?
    /// The bound program's vertex shader handle: identifies its link (a relink makes new handles, under the
    /// same program name).
    var program: UInt32?
    /// Sampler views and sampler states bound per stage (by VirglShaderStage raw value).
    var samplerViews: [UInt32: [UInt32]] = [:]
    var constantsProgram: GLuint?
    var samplerStates: [UInt32: [UInt32]] = [:]
    /// The draw framebuffer the last draw checked and emitted, and `GLFramebufferEpoch` when it did.
    var validatedFramebuffer: (framebuffer: ObjectIdentifier, epoch: Int)?
    /// SET_INDEX_BUFFER's resource, index size and offset.
    var indexBuffer: (resource: UInt32, size: UInt32, offset: UInt32)?
}

extension GLContext {
    /// The surface object of an attachment, made on first use (texture surfaces per resource, level and layer).
    func surface(_ a: GLAttachment, _ command: GLCommand) -> UInt32? {
        if let t = a.texture {
            guard let r = textureResource(t, command), let f = a.format else { return nil }
            let layers = a.resourceLayers
            let format = framebufferFormat(f.virgl)  // GLContext+FramebufferSRGB.swift
            let key = TextureSurfaceKey(resource: r.id, level: a.level - t.resourceBaseLevel, layer: layers.first, lastLayer: layers.last, format: format.rawValue)
            if let s = textureSurfaces[key] { return s }
            let h = newObjectHandle()
            commands.encodeCreateSurface(
                handle: h, resHandle: r.id, format: format.rawValue, level: UInt32(key.level), layers: UInt32(layers.first) | UInt32(layers.last) << 16)
            textureSurfaces[key] = h
            return h
        }
        guard let rb = a.renderbuffer, let r = rb.resource, let f = rb.format else { return nil }
        let format = framebufferFormat(f.virgl)
        if format != f.virgl {
            // An sRGB renderbuffer while GL_FRAMEBUFFER_SRGB is disabled: a second surface, through the linear format.
            if let s = rb.linearSurface { return s }
            let h = newObjectHandle()
            commands.encodeCreateSurface(handle: h, resHandle: r.id, format: format.rawValue, level: 0, layers: 0)
            rb.linearSurface = h
            return h
        }
        if let s = rb.surface { return s }
        let h = newObjectHandle()
        commands.encodeCreateSurface(handle: h, resHandle: r.id, format: f.virgl.rawValue, level: 0, layers: 0)
        rb.surface = h
        return h
    }

    /// The draw framebuffer, checked for drawing: nil (GL_INVALID_FRAMEBUFFER_OPERATION recorded) when there is
    /// none or it is incomplete.
    func completeDrawFramebuffer(_ command: GLCommand) -> GLFramebuffer? {
        guard let fb = drawFramebuffer else {
            recordError(GL_INVALID_FRAMEBUFFER_OPERATION, command, "no framebuffer object is bound and this context has no default framebuffer")
            return nil
        }
        let status = fb.status
        guard status == GL_FRAMEBUFFER_COMPLETE else {
            recordError(GL_INVALID_FRAMEBUFFER_OPERATION, command, "framebuffer \(fb.name) is \(GLEnumNames.describe(status))")
            return nil
        }
        return fb
    }

    /// SET_FRAMEBUFFER_STATE for the draw framebuffer, when it changed since the last emission.
    func emitFramebuffer(_ fb: GLFramebuffer, _ command: GLCommand) {
        let zsurf = (fb.depth ?? fb.stencil).flatMap { surface($0, command) } ?? 0
        let noAttachment = noAttachmentState(fb)
        if noAttachment.isEmpty, let old = emitted.framebuffer, matchesEmittedFramebuffer(fb, old, zsurf: zsurf, command) {
            state.dirty.remove(.framebuffer)
            return
        }
        var cbufs: [UInt32] = []
        // (A framebuffer with no attachments sends no colour buffers: the host skips framebuffers whose colour
        // buffers are all null.)
        for (i, b) in fb.drawBuffers.enumerated() where b != GL_NONE && noAttachment.isEmpty {
            let index = Int(b - GL_COLOR_ATTACHMENT0)
            while cbufs.count < i { cbufs.append(0) }
            cbufs.append(fb.colors[index].flatMap { surface($0, command) } ?? 0)
        }
        // Trailing null colour buffers are left off: the host refuses colour buffers that are all null (a
        // depth-only framebuffer with its default draw buffer), and that refusal loses the context.
        while cbufs.last == 0 { cbufs.removeLast() }
        let key = [zsurf] + cbufs + noAttachment
        guard emitted.framebuffer != key || state.dirty.contains(.framebuffer) else { return }
        if emitted.framebuffer != key {
            commands.encodeSetFramebufferState(nrCbufs: UInt32(cbufs.count), zsurfHandle: zsurf, cbufHandles: cbufs)
            emitNoAttachmentState(noAttachment)
            emitted.framebuffer = key
        }
        state.dirty.remove(.framebuffer)
    }

    /// Whether `old` (zsurf, then the colour buffers) is what `fb` would emit: compared in place, since this runs
    /// on every draw and clear.
    private func matchesEmittedFramebuffer(_ fb: GLFramebuffer, _ old: [UInt32], zsurf: UInt32, _ command: GLCommand) -> Bool {
        guard old.first == zsurf else { return false }
        var n = 1
        for (i, b) in fb.drawBuffers.enumerated() where b != GL_NONE {
            while n - 1 < i {
                guard n < old.count, old[n] == 0 else { return false }
                n += 1
            }
            let s = fb.colors[Int(b - GL_COLOR_ATTACHMENT0)].flatMap { surface($0, command) } ?? 0
            guard n < old.count, old[n] == s else { return false }
            n += 1
        }
        return n == old.count
    }
}

// MARK: - glClear

extension GLContext {
    /// PIPE_MASK bits of BLIT's mask field.
    static let blitMaskRGBA: UInt32 = 0xF
    static let blitMaskDepth: UInt32 = 0x10
    static let blitMaskStencil: UInt32 = 0x20

    func clear(_ mask: GLbitfield) {
        guard let fb = completeDrawFramebuffer(.glClear) else { return }
        guard !state.rasterizer.rasterizerDiscard else { return }
        emitFramebuffer(fb, .glClear)
        var buffers: UInt32 = 0
        var colorTargets: [(index: Int, attachment: GLAttachment)] = []
        if mask & GL_COLOR_BUFFER_BIT != 0 {
            for (i, b) in fb.drawBuffers.enumerated() where b != GL_NONE {
                if let a = fb.colors[Int(b - GL_COLOR_ATTACHMENT0)] {
                    buffers |= VirglClearBuffers.color0.rawValue << UInt32(i)
                    colorTargets.append((i, a))
                }
            }
        }
        let depth = mask & GL_DEPTH_BUFFER_BIT != 0 && fb.depth != nil && state.depthStencil.depthWriteMask
        let stencilMask = state.depthStencil.front.writeMask & 0xFF
        let stencil = mask & GL_STENCIL_BUFFER_BIT != 0 && fb.stencil != nil && stencilMask != 0
        if depth { buffers |= VirglClearBuffers.depth.rawValue }
        if stencil { buffers |= VirglClearBuffers.stencil.rawValue }
        guard buffers != 0 else { return }

        let partialColor = colorTargets.contains { state.blend.targets[$0.index].writeMask != 0xF } && mask & GL_COLOR_BUFFER_BIT != 0
        let partialStencil = stencil && stencilMask != 0xFF
        let size = fb.size
        let s = state.scissor
        let scissored = state.rasterizer.scissorTests[0]
            && !(s[0] <= 0 && s[1] <= 0 && Int(s[0]) + Int(s[2]) >= size.width && Int(s[1]) + Int(s[3]) >= size.height)
        if partialColor || partialStencil {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glClear with a partial colour or stencil write mask is not implemented yet (GL_INVALID_OPERATION)")
        }
        if scissored {
            let x0 = max(0, Int(s[0])), y0 = max(0, Int(s[1]))
            let x1 = min(size.width, Int(s[0]) + Int(s[2])), y1 = min(size.height, Int(s[1]) + Int(s[3]))
            guard x1 > x0, y1 > y0 else { return }
            if depth || stencil {
                let attachments = [fb.depth, fb.stencil].compactMap { $0 }
                guard !attachments.contains(where: { $0.samples > 0 }) else {
                    recordError(GL_INVALID_OPERATION)
                    return GLDiagnostics.log("glClear of a multisample depth or stencil buffer inside a scissor box is not implemented yet (GL_INVALID_OPERATION)")
                }
                if let d = fb.depth, depth {
                    // One image holding both is cleared by one blit.
                    blitClearDepthStencil(d, depth: true, stencil: stencil && fb.stencil?.resource === d.resource, x: x0, y: y0, width: x1 - x0, height: y1 - y0)
                }
                if let st = fb.stencil, stencil, !(depth && fb.depth?.resource === st.resource) {
                    blitClearDepthStencil(st, depth: false, stencil: true, x: x0, y: y0, width: x1 - x0, height: y1 - y0)
                }
            }
            // The host cannot blit the 1×1 clear colour into a multisample resource (it would lose the context).
            guard !colorTargets.contains(where: { $0.attachment.samples > 0 }) else {
                recordError(GL_INVALID_OPERATION)
                return GLDiagnostics.log("glClear of a multisample colour buffer inside a scissor box is not implemented yet (GL_INVALID_OPERATION)")
            }
            for (_, a) in colorTargets {
                blitClearColor(a, x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            }
            return
        }
        let c = state.clear.color
        commands.encodeClear(
            buffers: buffers, color: c.map(\.bitPattern), depth: state.clear.depth,
            stencil: UInt32(bitPattern: state.clear.stencil) & 0xFF)
    }

    /// A scissored depth and/or stencil clear: the clear values in a 1×1 resource of the attachment's format,
    /// blitted (nearest, depth and/or stencil mask) over the box.
    func blitClearDepthStencil(_ a: GLAttachment, depth: Bool, stencil: Bool, x: Int, y: Int, width: Int, height: Int) {
        guard let dst = a.resource, let f = a.format else { return }
        let d = min(max(state.clear.depth, 0), 1), s = UInt32(bitPattern: state.clear.stencil) & 0xFF
        let z24 = UInt32((d * 16_777_215).rounded())
        var texel: [UInt32]
        switch f.virgl {
        case .z16Unorm: texel = [UInt32((d * 65535).rounded())]
        case .z24x8Unorm: texel = [z24]
        case .s8UintZ24Unorm: texel = [z24 << 8 | s]
        case .z24UnormS8Uint: texel = [s << 24 | z24]
        case .z32Float: texel = [Float(d).bitPattern]
        case .z32FloatS8x24Uint: texel = [Float(d).bitPattern, s]
        case .s8Uint: texel = [s]
        default:
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glClear of \(f.virgl) inside a scissor box is not implemented yet (GL_INVALID_OPERATION)")
        }
        var source = depthStencilClearSources[f.virgl.rawValue]
        if source == nil {
            let info = VirglResourceInfo(
                target: VirglTextureTarget.texture2D.rawValue, format: f.virgl.rawValue, bind: VirglBind.depthStencil.rawValue,
                width: 1, height: 1, bytesPerTexel: UInt32(f.bytesPerTexel))
            source = withHost(.glClear) { try $0.createResource(info) }
            depthStencilClearSources[f.virgl.rawValue] = source
        }
        guard let src = source else { return }
        let mask = (depth ? Self.blitMaskDepth : 0) | (stencil ? Self.blitMaskStencil : 0)
        texel.withUnsafeBytes {
            blitTexel(UnsafeRawBufferPointer(rebasing: $0.prefix(f.bytesPerTexel)), through: src, format: f.virgl, into: a, dst, f.virgl, mask: mask, x: x, y: y, width: width, height: height)
        }
    }

    /// Writes one texel into the 1×1 resource `src` (of `format`) and blits it (nearest, `mask`) over a box of
    /// attachment `a` (resource `dst`, of `dstFormat`): the scissored clears.
    private func blitTexel(
        _ texel: UnsafeRawBufferPointer, through src: VirglResource, format: VirglFormat, into a: GLAttachment, _ dst: VirglResource,
        _ dstFormat: VirglFormat, mask: UInt32, x: Int, y: Int, width: Int, height: Int
    ) {
        commands.encodeResourceInlineWrite(
            resource: src.id, level: 0, x: 0, y: 0, z: 0, width: 1, height: 1, depth: 1, data: texel, stride: texel.count,
            layerStride: texel.count, bytesPerTexel: texel.count)
        commands.encodeBlit(
            s0: mask | blitRenderConditionBit, scissorMinxy: 0, scissorMaxxy: 0, dstResHandle: dst.id,
            dstLevel: UInt32(a.texture.map { a.level - $0.resourceBaseLevel } ?? 0), dstFormat: dstFormat.rawValue,
            dstX: UInt32(x), dstY: UInt32(y), dstZ: UInt32(a.resourceLayer), dstW: UInt32(width), dstH: UInt32(height), dstD: 1,
            srcResHandle: src.id, srcLevel: 0, srcFormat: format.rawValue, srcX: 0, srcY: 0, srcZ: 0, srcW: 1, srcH: 1, srcD: 1)
    }

    /// A scissored colour clear: the clear colour in a 1×1 float resource, blitted (nearest) over the box.
    func blitClearColor(_ a: GLAttachment, x: Int, y: Int, width: Int, height: Int) {
        guard let dst = a.resource, let f = a.format else { return }
        let key = GLStateObjectKey.clearSource(format: VirglFormat.r32g32b32a32Float.rawValue)
        var source = clearSource
        if source == nil {
            let info = VirglResourceInfo(
                target: VirglTextureTarget.texture2D.rawValue, format: VirglFormat.r32g32b32a32Float.rawValue,
                bind: VirglBind.samplerView.union(.renderTarget).rawValue, width: 1, height: 1, bytesPerTexel: 16)
            source = withHost(.glClear) { try $0.createResource(info) }
            clearSource = source
            stateObjects[key] = source?.id
        }
        guard let src = source else { return }
        state.clear.color.withUnsafeBytes {
            blitTexel($0, through: src, format: .r32g32b32a32Float, into: a, dst, f.virgl, mask: Self.blitMaskRGBA, x: x, y: y, width: width, height: height)
        }
    }
}

// MARK: - glClearBuffer*

extension GLContext {
    /// glClearBuffer{fv,iv,uiv,fi}: one draw buffer's colour (raw words: floats or integers as the attachment
    /// holds), or the depth and/or stencil buffer.
    func clearBuffer(_ command: GLCommand, _ buffer: GLenum, _ drawbuffer: GLint, color: [UInt32]?, depth: Double?, stencil: GLint?) {
        guard let fb = completeDrawFramebuffer(command) else { return }
        guard !state.rasterizer.rasterizerDiscard else { return }
        var bits: UInt32 = 0
        switch buffer {
        case GL_COLOR:
            guard drawbuffer >= 0, drawbuffer < 8 else { return recordError(GL_INVALID_VALUE, command, "draw buffer \(drawbuffer)") }
            let b = fb.drawBuffers[Int(drawbuffer)]
            guard b != GL_NONE, fb.colors[Int(b - GL_COLOR_ATTACHMENT0)] != nil else { return }
            guard state.blend.targets[Int(drawbuffer)].writeMask == 0xF else {
                recordError(GL_INVALID_OPERATION)
                return GLDiagnostics.log("\(command.name) with a partial colour write mask is not implemented yet (GL_INVALID_OPERATION)")
            }
            bits = VirglClearBuffers.color0.rawValue << UInt32(drawbuffer)
        case GL_DEPTH, GL_STENCIL, GL_DEPTH_STENCIL:
            guard drawbuffer == 0 else { return recordError(GL_INVALID_VALUE, command, "draw buffer \(drawbuffer) (must be 0)") }
            if depth != nil, fb.depth != nil, state.depthStencil.depthWriteMask { bits |= VirglClearBuffers.depth.rawValue }
            if stencil != nil, fb.stencil != nil { bits |= VirglClearBuffers.stencil.rawValue }
        default:
            return recordError(GL_INVALID_ENUM, command, "buffer \(GLEnumNames.describe(buffer))")
        }
        guard bits != 0 else { return }
        let s = state.scissor, size = fb.size
        if state.rasterizer.scissorTests[0] && !(s[0] <= 0 && s[1] <= 0 && Int(s[0]) + Int(s[2]) >= size.width && Int(s[1]) + Int(s[3]) >= size.height) {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("\(command.name) inside a scissor box is not implemented yet (GL_INVALID_OPERATION)")
        }
        emitFramebuffer(fb, command)
        commands.encodeClear(
            buffers: bits, color: color ?? [0, 0, 0, 0], depth: min(max(depth ?? 1, 0), 1),
            stencil: UInt32(bitPattern: stencil ?? 0) & 0xFF)
    }
}

// MARK: - glReadPixels

extension GLContext {
    func readPixels(_ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeMutableRawPointer?) {
        guard width >= 0, height >= 0 else { return recordError(GL_INVALID_VALUE, .glReadPixels, "negative size") }
        guard let fb = readFramebuffer else {
            return recordError(GL_INVALID_FRAMEBUFFER_OPERATION, .glReadPixels, "no framebuffer object is bound for reading")
        }
        let status = fb.status
        guard status == GL_FRAMEBUFFER_COMPLETE else {
            return recordError(GL_INVALID_FRAMEBUFFER_OPERATION, .glReadPixels, "framebuffer \(fb.name) is \(GLEnumNames.describe(status))")
        }
        guard framebufferSamples(fb) == 0 else {
            return recordError(GL_INVALID_OPERATION, .glReadPixels, "the read framebuffer is multisampled (resolve it with glBlitFramebuffer)")
        }
        if readIntoPackBuffer(.glReadPixels, Int(width), Int(height), 1, format, type, pixels, { readPixels(x, y, width, height, format, type, $0) }) {
            return
        }
        if [GL_DEPTH_COMPONENT, GL_STENCIL_INDEX, GL_DEPTH_STENCIL].contains(format) {
            return readDepthStencilPixels(fb, x, y, width, height, format, type, pixels)
        }
        if let t = fb.colors[Int(fb.readBuffer &- GL_COLOR_ATTACHMENT0) & 7]?.texture { _ = textureResource(t, .glReadPixels) }
        guard fb.readBuffer != GL_NONE, let a = fb.colors[Int(fb.readBuffer - GL_COLOR_ATTACHMENT0)], let f = a.format, let r = a.resource
        else { return recordError(GL_INVALID_OPERATION, .glReadPixels, "no colour buffer to read") }
        guard bufferBindings[GL_PIXEL_PACK_BUFFER] == nil else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels into a pixel pack buffer is not implemented yet (GL_INVALID_OPERATION)")
        }
        let convert = !GLFormatTable.matches(f, format, type) && f.isColor && GLPixelConversion.isIntegerFormat(format) == f.isInteger
            && GLPixelConversion.clientPixelSize(format, type) != nil && GLPixelConversion.texelLayout(f.virgl) != nil
        guard GLFormatTable.matches(f, format, type) || convert else {
            if f.isInteger != [GL_RGBA_INTEGER, GL_RG_INTEGER, GL_RED_INTEGER, GL_RGB_INTEGER].contains(format) {
                return recordError(GL_INVALID_OPERATION, .glReadPixels, "integer and non-integer formats do not mix")
            }
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glReadPixels(\(GLEnumNames.describe(format)), \(GLEnumNames.describe(type))) from \(GLEnumNames.describe(a.renderbuffer?.internalFormat ?? 0)) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard let pixels, width > 0, height > 0 else { return }
        // Pixels outside the framebuffer are left as they are (their values are undefined).
        let size = fb.size
        let x0 = max(0, Int(x)), y0 = max(0, Int(y))
        let x1 = min(size.width, Int(x) + Int(width)), y1 = min(size.height, Int(y) + Int(height))
        guard x1 > x0, y1 > y0 else { return }
        if convert, let clientSize = GLPixelConversion.clientPixelSize(format, type) {
            // Read the texels tightly packed, then convert each row into the client's format and layout.
            let w = x1 - x0, h = y1 - y0, tb = f.bytesPerTexel
            guard let texels = readAttachmentTexels(a, r, f, x0, y0, w, h) else { return }
            let (stride, _, skip) = packLayout(Int(width), Int(height), pixelBytes: clientSize, images: false)
            texels.withUnsafeBytes { t in
                for row in 0..<h {
                    let out = pixels + skip + ((y0 - Int(y)) + row) * stride + (x0 - Int(x)) * clientSize
                    _ = GLPixelConversion.texelsToClient(t.baseAddress! + row * w * tb, f.virgl, out, format, type, count: w, summingLuminance: true)
                }
            }
            return
        }
        let (stride, _, skip) = packLayout(Int(width), Int(height), pixelBytes: f.bytesPerTexel, images: false)
        let start = skip + (y0 - Int(y)) * stride + (x0 - Int(x)) * f.bytesPerTexel
        let total = start + (y1 - y0 - 1) * stride + (x1 - x0) * f.bytesPerTexel
        flushCommands()
        withHost(.glReadPixels) { host in
            let level = UInt32(a.texture.map { a.level - $0.resourceBaseLevel } ?? 0)
            try host.read(
                r, level: level, box: VirglBox(x: UInt32(x0), y: UInt32(y0), z: UInt32(a.resourceLayer), width: UInt32(x1 - x0), height: UInt32(y1 - y0)),
                into: UnsafeMutableRawBufferPointer(start: pixels + start, count: total - start), stride: stride, layerStride: stride * (y1 - y0))
        }
    }
}

// MARK: - glBlitFramebuffer

extension GLContext {
    func blitFramebuffer(_ s0: GLint, _ t0: GLint, _ s1: GLint, _ t1: GLint, _ d0: GLint, _ e0: GLint, _ d1: GLint, _ e1: GLint, _ mask: GLbitfield, _ filter: GLenum) {
        guard filter == GL_NEAREST || filter == GL_LINEAR else { return recordError(GL_INVALID_ENUM, .glBlitFramebuffer, GLEnumNames.describe(filter)) }
        guard mask & ~(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT) == 0 else {
            return recordError(GL_INVALID_VALUE, .glBlitFramebuffer, "mask")
        }
        guard filter == GL_NEAREST || mask & (GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT) == 0 else {
            return recordError(GL_INVALID_OPERATION, .glBlitFramebuffer, "depth/stencil blits need GL_NEAREST")
        }
        guard let read = readFramebuffer, let draw = drawFramebuffer, read.status == GL_FRAMEBUFFER_COMPLETE, draw.status == GL_FRAMEBUFFER_COMPLETE else {
            return recordError(GL_INVALID_FRAMEBUFFER_OPERATION, .glBlitFramebuffer, "a framebuffer is missing or incomplete")
        }
        // Multisample rules (GL 4.6 §18.3.1): equal sample counts when both are multisampled, and a resolve
        // copies the rectangle as it is, between the same formats.
        let readSamples = framebufferSamples(read), drawSamples = framebufferSamples(draw)
        if readSamples > 0 || drawSamples > 0 {
            guard readSamples == 0 || drawSamples == 0 || readSamples == drawSamples else {
                return recordError(GL_INVALID_OPERATION, .glBlitFramebuffer, "\(readSamples) samples to \(drawSamples)")
            }
            // Desktop GL asks for rectangles of the same size (GL 4.6 §18.3.1); OpenGL ES for the same
            // rectangles (ES 3.2 §16.2.1).
            guard s1 &- s0 == d1 &- d0, t1 &- t0 == e1 &- e0, !isES || (s0 == d0 && t0 == e0) else {
                return recordError(GL_INVALID_OPERATION, .glBlitFramebuffer, isES ? "a multisample blit must not scale or move" : "a multisample blit must not scale")
            }
            if readSamples > 0, mask & GL_COLOR_BUFFER_BIT != 0, read.readBuffer != GL_NONE,
                let sf = read.colors[Int(read.readBuffer &- GL_COLOR_ATTACHMENT0) & 7]?.format {
                for b in draw.drawBuffers where b != GL_NONE {
                    if let df = draw.colors[Int(b - GL_COLOR_ATTACHMENT0)]?.format, df.virgl != sf.virgl {
                        return recordError(GL_INVALID_OPERATION, .glBlitFramebuffer, "a resolve between different formats")
                    }
                }
            }
        }
        func box(_ a: GLint, _ b: GLint) -> (UInt32, UInt32) { (UInt32(bitPattern: a), UInt32(bitPattern: b &- a)) }
        let (sx, sw) = box(s0, s1), (sy, sh) = box(t0, t1), (dx, dw) = box(d0, d1), (dy, dh) = box(e0, e1)
        let scissor = state.rasterizer.scissorTests[0]
        let sc = state.scissor
        /// One BLIT of `pipeMask` (PIPE_MASK bits) from `src` to `dst`.
        func blit(_ src: GLAttachment, _ dst: GLAttachment, _ pipeMask: UInt32, linear: Bool) {
            guard let sf = src.format, let df = dst.format,
                let sr = src.resource ?? src.texture.flatMap({ textureResource($0, .glBlitFramebuffer) }),
                let dr = dst.resource ?? dst.texture.flatMap({ textureResource($0, .glBlitFramebuffer) })
            else { return }
            commands.encodeBlit(
                s0: pipeMask | (linear ? 1 : 0) << 8 | (scissor ? 1 : 0) << 10 | blitRenderConditionBit,
                scissorMinxy: UInt32(clamping: max(0, sc[0])) | UInt32(clamping: max(0, sc[1])) << 16,
                scissorMaxxy: UInt32(clamping: max(0, min(Int(sc[0]) + Int(sc[2]), 0xFFFF))) | UInt32(clamping: max(0, min(Int(sc[1]) + Int(sc[3]), 0xFFFF))) << 16,
                dstResHandle: dr.id, dstLevel: UInt32(dst.texture.map { dst.level - $0.resourceBaseLevel } ?? 0), dstFormat: framebufferFormat(df.virgl).rawValue,
                dstX: dx, dstY: dy, dstZ: UInt32(dst.resourceLayer), dstW: dw, dstH: dh, dstD: 1,
                srcResHandle: sr.id, srcLevel: UInt32(src.texture.map { src.level - $0.resourceBaseLevel } ?? 0), srcFormat: framebufferFormat(sf.virgl).rawValue,
                srcX: sx, srcY: sy, srcZ: UInt32(src.resourceLayer), srcW: sw, srcH: sh, srcD: 1)
        }
        // Depth and stencil (GL 4.6 §18.3.1): a buffer missing from either framebuffer is silently left out; the
        // two formats must match.
        let depth = mask & GL_DEPTH_BUFFER_BIT != 0 ? read.depth.flatMap { r in draw.depth.map { (r, $0) } } : nil
        let stencil = mask & GL_STENCIL_BUFFER_BIT != 0 ? read.stencil.flatMap { r in draw.stencil.map { (r, $0) } } : nil
        guard [depth, stencil].allSatisfy({ $0 == nil || $0!.0.format?.virgl == $0!.1.format?.virgl }) else {
            return recordError(GL_INVALID_OPERATION, .glBlitFramebuffer, "the depth/stencil formats of the framebuffers differ")
        }
        if let (src, dst) = depth {
            // A combined depth-stencil buffer on both sides takes one blit of both.
            let both = stencil.map { $0.0 == src && $0.1 == dst } ?? false
            blit(src, dst, Self.blitMaskDepth | (both ? Self.blitMaskStencil : 0), linear: false)
            if !both, let (ss, sd) = stencil { blit(ss, sd, Self.blitMaskStencil, linear: false) }
        } else if let (src, dst) = stencil {
            blit(src, dst, Self.blitMaskStencil, linear: false)
        }
        guard mask & GL_COLOR_BUFFER_BIT != 0, read.readBuffer != GL_NONE, let src = read.colors[Int(read.readBuffer - GL_COLOR_ATTACHMENT0)] else { return }
        for b in draw.drawBuffers where b != GL_NONE {
            guard let dst = draw.colors[Int(b - GL_COLOR_ATTACHMENT0)] else { continue }
            blit(src, dst, Self.blitMaskRGBA, linear: filter == GL_LINEAR)
        }
    }
}

extension GLDispatch {
    func installDrawing() {
        glBlitFramebuffer = { $0.blitFramebuffer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) }
        glClearBufferfv = { c, buffer, db, v in
            guard let v else { return }
            switch buffer {
            case GL_COLOR: c.clearBuffer(.glClearBufferfv, buffer, db, color: (0..<4).map { v[$0].bitPattern }, depth: nil, stencil: nil)
            case GL_DEPTH: c.clearBuffer(.glClearBufferfv, buffer, db, color: nil, depth: Double(v[0]), stencil: nil)
            default: c.recordError(GL_INVALID_ENUM, .glClearBufferfv, GLEnumNames.describe(buffer))
            }
        }
        glClearBufferiv = { c, buffer, db, v in
            guard let v else { return }
            switch buffer {
            case GL_COLOR: c.clearBuffer(.glClearBufferiv, buffer, db, color: (0..<4).map { UInt32(bitPattern: v[$0]) }, depth: nil, stencil: nil)
            case GL_STENCIL: c.clearBuffer(.glClearBufferiv, buffer, db, color: nil, depth: nil, stencil: v[0])
            default: c.recordError(GL_INVALID_ENUM, .glClearBufferiv, GLEnumNames.describe(buffer))
            }
        }
        glClearBufferuiv = { c, buffer, db, v in
            guard let v else { return }
            guard buffer == GL_COLOR else { return c.recordError(GL_INVALID_ENUM, .glClearBufferuiv, GLEnumNames.describe(buffer)) }
            c.clearBuffer(.glClearBufferuiv, buffer, db, color: (0..<4).map { v[$0] }, depth: nil, stencil: nil)
        }
        glClearBufferfi = { c, buffer, db, depth, stencil in
            guard buffer == GL_DEPTH_STENCIL else { return c.recordError(GL_INVALID_ENUM, .glClearBufferfi, GLEnumNames.describe(buffer)) }
            c.clearBuffer(.glClearBufferfi, buffer, db, color: nil, depth: Double(depth), stencil: stencil)
        }
        glClear = { $0.clear($1) }
        glReadPixels = { $0.readPixels($1, $2, $3, $4, $5, $6, $7) }
    }
}

extension GLContext {
    /// glReadPixels' read of a box of attachment `a` (resource `r`, format `f`) from the host, tightly packed
    /// (`w × h` texels of `f.bytesPerTexel` bytes each, rows bottom-up as the host stores them); nil when the host
    /// failed (the error is recorded).
    func readAttachmentTexels(_ a: GLAttachment, _ r: VirglResource, _ f: GLFormatInfo, _ x0: Int, _ y0: Int, _ w: Int, _ h: Int) -> [UInt8]? {
        let tb = f.bytesPerTexel
        var texels = [UInt8](repeating: 0, count: w * h * tb)
        flushCommands()
        let ok: Bool? = withHost(.glReadPixels) { host in
            try texels.withUnsafeMutableBytes { t in
                let level = UInt32(a.texture.map { a.level - $0.resourceBaseLevel } ?? 0)
                try host.read(r, level: level, box: VirglBox(x: UInt32(x0), y: UInt32(y0), z: UInt32(a.resourceLayer), width: UInt32(w), height: UInt32(h)),
                              into: t, stride: w * tb, layerStride: w * tb * h)
            }
            return true
        }
        return ok == true ? texels : nil
    }
}
