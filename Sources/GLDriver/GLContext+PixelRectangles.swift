import GLCore

/// The current raster position and pixel-rectangle state (compatibility profile, GL 4.6 compatibility §14.7,
/// §18.1–18.3): glRasterPos*, glWindowPos*, glPixelZoom, glDrawPixels, glBitmap and glCopyPixels.
///
/// Pixel rectangles are drawn through the ordinary pipeline: the image goes into a temporary GL_RGBA32F texture
/// and an internal program draws a rectangle at the raster position (scaled by the pixel zoom) that fetches one
/// texel per fragment, so scissor, depth, stencil, blending, alpha to coverage and the write masks apply. The
/// fragments' depth is the raster position's. Supported subset: colour images (not GL_DEPTH_COMPONENT or
/// GL_STENCIL_INDEX), no pixel transfer or pixel maps, no fixed-function texturing of the fragments, and the
/// rectangle is clipped to the viewport. glCopyPixels reads the rectangle back (glReadPixels) and draws it.
struct GLRasterState {
    /// Window coordinates and clip w of the current raster position.
    var position: [Float] = [0, 0, 0, 1]
    var valid = true
    /// GL_CURRENT_RASTER_COLOR: the current colour when the position was set.
    var color: [Float] = [1, 1, 1, 1]
    /// glPixelZoom.
    var zoomX: Float = 1, zoomY: Float = 1
    /// GL_UNPACK_LSB_FIRST (glBitmap's bit order).
    var unpackLSBFirst = false
    /// The internal programs: image (glDrawPixels) and mask (glBitmap).
    var imageProgram: GLProgram?
    var maskProgram: GLProgram?
}

extension GLContext {
    /// The current colour as floats.
    var currentColor: [Float] {
        let i = GLFixedFunctionAttribute.color * 4
        return (0..<4).map { Float(bitPattern: compat.currentValues[i + $0]) }
    }

    /// glRasterPos*: object coordinates through the modelview and projection matrices, clipped, to the window.
    func setRasterPosition(_ command: GLCommand, _ x: Float, _ y: Float, _ z: Float, _ w: Float) {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        // In doubles: a position meant to be on a pixel corner must not land just below it (glBitmap floors it).
        let eye = GLContext.transform(compat.modelview.last!.map(Double.init), [x, y, z, w].map(Double.init))
        let clip = GLContext.transform(compat.projection.last!.map(Double.init), eye)
        let cw = clip[3]
        guard cw > 0, (0..<3).allSatisfy({ abs(clip[$0]) <= cw * (1 + 1e-6) }) else {
            raster.valid = false
            return
        }
        let vp = state.viewports[0].map(Double.init), dr = state.depthRange
        let nx = clip[0] / cw, ny = clip[1] / cw, nz = clip[2] / cw
        raster.position = [Float(vp[0] + (nx + 1) * vp[2] / 2), Float(vp[1] + (ny + 1) * vp[3] / 2),
                           Float(dr[0] + (nz + 1) * (dr[1] - dr[0]) / 2), Float(cw)]
        raster.valid = true
        raster.color = currentColor
    }

    /// glWindowPos*: window coordinates as they are (z clamped to [0, 1]).
    func setWindowPosition(_ command: GLCommand, _ x: Float, _ y: Float, _ z: Float) {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        let dr = state.depthRange
        let zc = min(max(z, 0), 1)
        raster.position = [x, y, Float(dr[0] + Double(zc) * (dr[1] - dr[0])), 1]
        raster.valid = true
        raster.color = currentColor
    }

    static func transform(_ m: [Double], _ v: [Double]) -> [Double] {
        (0..<4).map { r in (0..<4).reduce(0.0) { $0 + m[$1 * 4 + r] * v[$1] } }
    }

    /// Runs `body` (GL calls of this context); false when it recorded an error (which stays recorded unless an
    /// earlier one is still unread).
    func succeeds(_ body: () -> Void) -> Bool {
        let saved = errorFlag
        errorFlag = GL_NO_ERROR
        body()
        let ok = errorFlag == GL_NO_ERROR
        if saved != GL_NO_ERROR { errorFlag = saved }
        return ok
    }

    /// Runs `body` with tightly packed pixel storage (alignment 1) and no pixel buffers bound, then restores them.
    func withTightPixelStore(_ body: () -> Void) {
        let saved = state.pixelStore
        let pack = bufferBindings[GL_PIXEL_PACK_BUFFER], unpack = bufferBindings[GL_PIXEL_UNPACK_BUFFER]
        var tight = GLPixelStore()
        tight.packAlignment = 1
        tight.unpackAlignment = 1
        state.pixelStore = tight
        bufferBindings[GL_PIXEL_PACK_BUFFER] = nil
        bufferBindings[GL_PIXEL_UNPACK_BUFFER] = nil
        body()
        state.pixelStore = saved
        bufferBindings[GL_PIXEL_PACK_BUFFER] = pack
        bufferBindings[GL_PIXEL_UNPACK_BUFFER] = unpack
    }

    /// The internal program drawing pixel rectangles: `mask` false fetches colours (glDrawPixels), true discards
    /// where the mask's red is 0 and writes the raster colour (glBitmap).
    func rasterProgram(mask: Bool) -> GLProgram? {
        if let p = mask ? raster.maskProgram : raster.imageProgram { return p }
        let p = GLProgram(name: arb.nextInternalName)
        arb.nextInternalName &+= 1
        let vs = GLShader(name: 0, type: GL_VERTEX_SHADER)
        vs.source = """
            #version 130
            in vec4 virglgl_rect_position;
            in vec4 virglgl_rect_color;
            in vec4 virglgl_rect_origin;
            flat out vec4 color;
            flat out vec4 origin;
            void main() { gl_Position = virglgl_rect_position; color = virglgl_rect_color; origin = virglgl_rect_origin; }
            """
        vs.compiled = true
        let fs = GLShader(name: 0, type: GL_FRAGMENT_SHADER)
        let body = mask
            ? "if (texelFetch(image, t, 0).r < 0.5) discard; gl_FragColor = color;"
            : "gl_FragColor = texelFetch(image, t, 0);"
        fs.source = """
            #version 130
            uniform sampler2D image;
            flat in vec4 color;
            flat in vec4 origin;
            void main() {
                ivec2 t = ivec2(floor((gl_FragCoord.xy - origin.xy) / origin.zw));
                \(body)
            }
            """
        fs.compiled = true
        p.shaders = [vs, fs]
        p.attributeBindings = ["virglgl_rect_position": 0, "virglgl_rect_color": 1, "virglgl_rect_origin": 2]
        linkProgram(p)
        guard p.linked else {
            GLDiagnostics.log("the pixel rectangle program did not link: \(p.log)")
            return nil
        }
        if mask { raster.maskProgram = p } else { raster.imageProgram = p }
        return p
    }

    /// Draws the `width` × `height` RGBA image of texture `texture` (bound to GL_TEXTURE_2D of the active unit by
    /// the caller) at window (x, y), each texel `zoomX` × `zoomY` pixels, through the internal program.
    func drawPixelRectangle(_ command: GLCommand, mask: Bool, _ x: Float, _ y: Float, _ width: Int, _ height: Int, zoomX: Float, zoomY: Float) {
        guard width > 0, height > 0, zoomX != 0, zoomY != 0, let p = rasterProgram(mask: mask) else { return }
        p.samplerUnits["image"] = activeUnit
        updateSamplers(p)
        let vp = state.viewports[0], dr = state.depthRange
        let z = raster.position[2]
        let nz = dr[1] == dr[0] ? 0 : Float((Double(z) - dr[0]) / (dr[1] - dr[0]) * 2 - 1)
        func ndc(_ wx: Float, _ wy: Float) -> [Float] {
            [(wx - vp[0]) / vp[2] * 2 - 1, (wy - vp[1]) / vp[3] * 2 - 1, nz, 1]
        }
        let x1 = x + Float(width) * zoomX, y1 = y + Float(height) * zoomY
        let corners = [ndc(x, y), ndc(x1, y), ndc(x1, y1), ndc(x, y1)]
        var recorded = GLRecordedArrays(count: 4)
        let columns: [[Float]] = [[], raster.color, [x, y, zoomX, zoomY]]
        for index in 0..<3 {
            let bytes = GLDisplayListBytes(count: 4 * 16)
            let out = bytes.pointer.bindMemory(to: Float.self, capacity: 16)
            for k in 0..<4 { for c in 0..<4 { out[k * 4 + c] = index == 0 ? corners[k][c] : columns[index][c] } }
            var format = GLVertexAttribute(bindingIndex: index)
            format.enabled = true
            format.size = 4
            recorded.attributes.append(.init(index: index, format: format, bytes: bytes))
        }
        let savedProgram = currentProgram
        currentProgram = p
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        drawRecorded(recorded) { drawArrays(command, GL_TRIANGLE_FAN, 0, 4, 1, 0) }
        currentProgram = savedProgram
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
    }

    /// Uploads an image into a temporary texture bound to the active unit's GL_TEXTURE_2D, runs `body`, then
    /// deletes it and restores the binding.
    func withTemporaryTexture(_ width: Int, _ height: Int, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?, _ body: () -> Void) {
        let saved = textureUnits[activeUnit][GL_TEXTURE_2D]?.name ?? 0
        var name: GLuint = 0
        glGenTextures(1, &name)
        glBindTexture(GL_TEXTURE_2D, name)
        if succeeds({ glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_RGBA32F), GLsizei(width), GLsizei(height), 0, format, type, pixels) }) {
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0)
            body()
        }
        glBindTexture(GL_TEXTURE_2D, saved)
        glDeleteTextures(1, &name)
    }

    /// glDrawPixels.
    func drawPixels(_ width: GLsizei, _ height: GLsizei, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?) {
        let command = GLCommand.glDrawPixels
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        guard width >= 0, height >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative width or height") }
        guard ![GL_DEPTH_COMPONENT, GL_STENCIL_INDEX, GL_DEPTH_STENCIL, GL_COLOR_INDEX].contains(format) else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glDrawPixels(\(GLEnumNames.describe(format))) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard raster.valid, width > 0, height > 0 else { return }
        let (x, y) = (raster.position[0], raster.position[1])
        withTemporaryTexture(Int(width), Int(height), format, type, pixels) {
            drawPixelRectangle(command, mask: false, x, y, Int(width), Int(height), zoomX: raster.zoomX, zoomY: raster.zoomY)
        }
    }

    /// glBitmap: fragments of the raster colour where the bitmap's bits are set; the raster position then moves.
    func bitmap(_ width: GLsizei, _ height: GLsizei, _ xorig: GLfloat, _ yorig: GLfloat, _ xmove: GLfloat, _ ymove: GLfloat, _ bits: UnsafePointer<GLubyte>?) {
        let command = GLCommand.glBitmap
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        guard width >= 0, height >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative width or height") }
        guard raster.valid else { return }
        if width > 0, height > 0, let bits {
            guard bufferBindings[GL_PIXEL_UNPACK_BUFFER] == nil else {
                recordError(GL_INVALID_OPERATION)
                return GLDiagnostics.log("glBitmap from a pixel unpack buffer is not implemented yet (GL_INVALID_OPERATION)")
            }
            // Unpacked as GL_COLOR_INDEX / GL_BITMAP data (§8.4.4.1): rows of bits, each row starting on the
            // unpack alignment, GL_UNPACK_ROW_LENGTH / SKIP_* in bits and rows.
            let ps = state.pixelStore
            let rowLength = Int(ps.unpackRowLength > 0 ? ps.unpackRowLength : width)
            let align = max(1, Int(ps.unpackAlignment))
            let rowBytes = ((rowLength + 7) / 8 + align - 1) / align * align
            let w = Int(width), h = Int(height)
            var mask = [UInt8](repeating: 0, count: w * h)
            for row in 0..<h {
                let rowStart = (row + Int(ps.unpackSkipRows)) * rowBytes
                for col in 0..<w {
                    let bit = col + Int(ps.unpackSkipPixels)
                    let byte = bits[rowStart + bit / 8]
                    let set = raster.unpackLSBFirst ? (byte >> (bit % 8)) & 1 : (byte >> (7 - bit % 8)) & 1
                    mask[row * w + col] = set != 0 ? 255 : 0
                }
            }
            // (A hair of tolerance: a raster position computed a rounding error below a pixel corner is that corner.)
            let x = (raster.position[0] - xorig + 1e-4).rounded(.down), y = (raster.position[1] - yorig + 1e-4).rounded(.down)
            withTightPixelStore {
                mask.withUnsafeBytes { m in
                    withTemporaryTexture(w, h, GL_RED, GL_UNSIGNED_BYTE, m.baseAddress) {
                        drawPixelRectangle(command, mask: true, x, y, w, h, zoomX: 1, zoomY: 1)
                    }
                }
            }
        }
        raster.position[0] += xmove
        raster.position[1] += ymove
    }

    /// glCopyPixels (GL_COLOR): the read framebuffer's rectangle, drawn at the raster position.
    func copyPixels(_ x: GLint, _ y: GLint, _ width: GLsizei, _ height: GLsizei, _ type: GLenum) {
        let command = GLCommand.glCopyPixels
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        guard width >= 0, height >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative width or height") }
        guard type == GL_COLOR else {
            recordError(GL_INVALID_OPERATION)
            return GLDiagnostics.log("glCopyPixels(\(GLEnumNames.describe(type))) is not implemented yet (GL_INVALID_OPERATION)")
        }
        guard raster.valid, width > 0, height > 0 else { return }
        var pixels = [Float](repeating: 0, count: Int(width) * Int(height) * 4)
        let (rx, ry) = (raster.position[0], raster.position[1])
        withTightPixelStore {
            guard succeeds({ pixels.withUnsafeMutableBytes { glReadPixels(x, y, width, height, GL_RGBA, GL_FLOAT, $0.baseAddress) } }) else { return }
            pixels.withUnsafeBytes { p in
                withTemporaryTexture(Int(width), Int(height), GL_RGBA, GL_FLOAT, p.baseAddress) {
                    drawPixelRectangle(command, mask: false, rx, ry, Int(width), Int(height), zoomX: raster.zoomX, zoomY: raster.zoomY)
                }
            }
        }
    }
}

extension GLDispatch {
    func installPixelRectangles() {
        glRasterPos2f = { c, x, y in c.setRasterPosition(.glRasterPos2f, x, y, 0, 1) }
        glRasterPos2d = { c, x, y in c.setRasterPosition(.glRasterPos2d, Float(x), Float(y), 0, 1) }
        glRasterPos2i = { c, x, y in c.setRasterPosition(.glRasterPos2i, Float(x), Float(y), 0, 1) }
        glRasterPos2s = { c, x, y in c.setRasterPosition(.glRasterPos2s, Float(x), Float(y), 0, 1) }
        glRasterPos3f = { c, x, y, z in c.setRasterPosition(.glRasterPos3f, x, y, z, 1) }
        glRasterPos3d = { c, x, y, z in c.setRasterPosition(.glRasterPos3d, Float(x), Float(y), Float(z), 1) }
        glRasterPos3i = { c, x, y, z in c.setRasterPosition(.glRasterPos3i, Float(x), Float(y), Float(z), 1) }
        glRasterPos3s = { c, x, y, z in c.setRasterPosition(.glRasterPos3s, Float(x), Float(y), Float(z), 1) }
        glRasterPos4f = { c, x, y, z, w in c.setRasterPosition(.glRasterPos4f, x, y, z, w) }
        glRasterPos4d = { c, x, y, z, w in c.setRasterPosition(.glRasterPos4d, Float(x), Float(y), Float(z), Float(w)) }
        glRasterPos4i = { c, x, y, z, w in c.setRasterPosition(.glRasterPos4i, Float(x), Float(y), Float(z), Float(w)) }
        glRasterPos4s = { c, x, y, z, w in c.setRasterPosition(.glRasterPos4s, Float(x), Float(y), Float(z), Float(w)) }
        glRasterPos2fv = { c, v in if let v { c.setRasterPosition(.glRasterPos2fv, v[0], v[1], 0, 1) } }
        glRasterPos2dv = { c, v in if let v { c.setRasterPosition(.glRasterPos2dv, Float(v[0]), Float(v[1]), 0, 1) } }
        glRasterPos2iv = { c, v in if let v { c.setRasterPosition(.glRasterPos2iv, Float(v[0]), Float(v[1]), 0, 1) } }
        glRasterPos2sv = { c, v in if let v { c.setRasterPosition(.glRasterPos2sv, Float(v[0]), Float(v[1]), 0, 1) } }
        glRasterPos3fv = { c, v in if let v { c.setRasterPosition(.glRasterPos3fv, v[0], v[1], v[2], 1) } }
        glRasterPos3dv = { c, v in if let v { c.setRasterPosition(.glRasterPos3dv, Float(v[0]), Float(v[1]), Float(v[2]), 1) } }
        glRasterPos3iv = { c, v in if let v { c.setRasterPosition(.glRasterPos3iv, Float(v[0]), Float(v[1]), Float(v[2]), 1) } }
        glRasterPos3sv = { c, v in if let v { c.setRasterPosition(.glRasterPos3sv, Float(v[0]), Float(v[1]), Float(v[2]), 1) } }
        glRasterPos4fv = { c, v in if let v { c.setRasterPosition(.glRasterPos4fv, v[0], v[1], v[2], v[3]) } }
        glRasterPos4dv = { c, v in if let v { c.setRasterPosition(.glRasterPos4dv, Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3])) } }
        glRasterPos4iv = { c, v in if let v { c.setRasterPosition(.glRasterPos4iv, Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3])) } }
        glRasterPos4sv = { c, v in if let v { c.setRasterPosition(.glRasterPos4sv, Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3])) } }
        glWindowPos2f = { c, x, y in c.setWindowPosition(.glWindowPos2f, x, y, 0) }
        glWindowPos2d = { c, x, y in c.setWindowPosition(.glWindowPos2d, Float(x), Float(y), 0) }
        glWindowPos2i = { c, x, y in c.setWindowPosition(.glWindowPos2i, Float(x), Float(y), 0) }
        glWindowPos2s = { c, x, y in c.setWindowPosition(.glWindowPos2s, Float(x), Float(y), 0) }
        glWindowPos3f = { c, x, y, z in c.setWindowPosition(.glWindowPos3f, x, y, z) }
        glWindowPos3d = { c, x, y, z in c.setWindowPosition(.glWindowPos3d, Float(x), Float(y), Float(z)) }
        glWindowPos3i = { c, x, y, z in c.setWindowPosition(.glWindowPos3i, Float(x), Float(y), Float(z)) }
        glWindowPos3s = { c, x, y, z in c.setWindowPosition(.glWindowPos3s, Float(x), Float(y), Float(z)) }
        glWindowPos2fv = { c, v in if let v { c.setWindowPosition(.glWindowPos2fv, v[0], v[1], 0) } }
        glWindowPos2dv = { c, v in if let v { c.setWindowPosition(.glWindowPos2dv, Float(v[0]), Float(v[1]), 0) } }
        glWindowPos2iv = { c, v in if let v { c.setWindowPosition(.glWindowPos2iv, Float(v[0]), Float(v[1]), 0) } }
        glWindowPos2sv = { c, v in if let v { c.setWindowPosition(.glWindowPos2sv, Float(v[0]), Float(v[1]), 0) } }
        glWindowPos3fv = { c, v in if let v { c.setWindowPosition(.glWindowPos3fv, v[0], v[1], v[2]) } }
        glWindowPos3dv = { c, v in if let v { c.setWindowPosition(.glWindowPos3dv, Float(v[0]), Float(v[1]), Float(v[2])) } }
        glWindowPos3iv = { c, v in if let v { c.setWindowPosition(.glWindowPos3iv, Float(v[0]), Float(v[1]), Float(v[2])) } }
        glWindowPos3sv = { c, v in if let v { c.setWindowPosition(.glWindowPos3sv, Float(v[0]), Float(v[1]), Float(v[2])) } }
        glPixelZoom = { c, x, y in
            c.raster.zoomX = x
            c.raster.zoomY = y
        }
        glDrawPixels = { c, w, h, format, type, pixels in c.drawPixels(w, h, format, type, pixels) }
        glBitmap = { c, w, h, xo, yo, xm, ym, bits in c.bitmap(w, h, xo, yo, xm, ym, bits) }
        glCopyPixels = { c, x, y, w, h, type in c.copyPixels(x, y, w, h, type) }
    }
}
