import GLCore

/// Fixed-function pipeline state setters (blend, depth-stencil, rasterizer, clear values, pixel store; the
/// viewports are GLContext+ViewportArray.swift's), each checking its arguments as the GL 4.6 spec says and
/// marking only the group it changes dirty.
extension GLContext {
    static let blendFactors: Set<GLenum> = [
        GL_ZERO, GL_ONE, GL_SRC_COLOR, GL_ONE_MINUS_SRC_COLOR, GL_DST_COLOR, GL_ONE_MINUS_DST_COLOR, GL_SRC_ALPHA,
        GL_ONE_MINUS_SRC_ALPHA, GL_DST_ALPHA, GL_ONE_MINUS_DST_ALPHA, GL_CONSTANT_COLOR, GL_ONE_MINUS_CONSTANT_COLOR,
        GL_CONSTANT_ALPHA, GL_ONE_MINUS_CONSTANT_ALPHA, GL_SRC_ALPHA_SATURATE, GL_SRC1_COLOR, GL_ONE_MINUS_SRC1_COLOR,
        GL_SRC1_ALPHA, GL_ONE_MINUS_SRC1_ALPHA,
    ]
    static let blendEquations: Set<GLenum> = [GL_FUNC_ADD, GL_FUNC_SUBTRACT, GL_FUNC_REVERSE_SUBTRACT, GL_MIN, GL_MAX]
    static let compareFunctions: Set<GLenum> = [GL_NEVER, GL_LESS, GL_EQUAL, GL_LEQUAL, GL_GREATER, GL_NOTEQUAL, GL_GEQUAL, GL_ALWAYS]
    static let stencilOps: Set<GLenum> = [GL_KEEP, GL_ZERO, GL_REPLACE, GL_INCR, GL_INCR_WRAP, GL_DECR, GL_DECR_WRAP, GL_INVERT]
    static let faces: Set<GLenum> = [GL_FRONT, GL_BACK, GL_FRONT_AND_BACK]
    static let logicOps: Set<GLenum> = Set((0..<16).map { GL_CLEAR + GLenum($0) })

    /// Records GL_INVALID_ENUM unless `value` is in `allowed`.
    func check(_ value: GLenum, in allowed: Set<GLenum>, _ command: GLCommand, _ what: String) -> Bool {
        guard allowed.contains(value) else {
            recordError(GL_INVALID_ENUM, command, "\(what) \(GLEnumNames.describe(value))")
            return false
        }
        return true
    }

    /// Applies `change` to the blend targets `index` (nil: all) and marks blend dirty if anything changed.
    func updateBlend(_ index: Int?, _ change: (inout GLBlendTarget) -> Void) {
        let before = state.blend.targets
        for i in index.map({ [$0] }) ?? Array(state.blend.targets.indices) { change(&state.blend.targets[i]) }
        if state.blend.targets != before { state.dirty.insert(.blend) }
    }

    /// `*i` variants name a draw buffer; one past the last is GL_INVALID_VALUE.
    func drawBufferIndex(_ buf: GLuint, _ command: GLCommand) -> Int? {
        guard Int(buf) < GLBlendState.maxDrawBuffers else {
            recordError(GL_INVALID_VALUE, command, "draw buffer \(buf) ≥ GL_MAX_DRAW_BUFFERS")
            return nil
        }
        return Int(buf)
    }

    func blendFuncSeparate(_ command: GLCommand, _ index: Int?, _ srcRGB: GLenum, _ dstRGB: GLenum, _ srcA: GLenum, _ dstA: GLenum) {
        for f in [srcRGB, dstRGB, srcA, dstA] { guard check(f, in: Self.blendFactors, command, "blend factor") else { return } }
        updateBlend(index) {
            $0.srcRGB = srcRGB
            $0.dstRGB = dstRGB
            $0.srcAlpha = srcA
            $0.dstAlpha = dstA
        }
    }

    func blendEquationSeparate(_ command: GLCommand, _ index: Int?, _ rgb: GLenum, _ alpha: GLenum) {
        guard check(rgb, in: Self.blendEquations, command, "blend equation"),
            check(alpha, in: Self.blendEquations, command, "blend equation")
        else { return }
        updateBlend(index) {
            $0.equationRGB = rgb
            $0.equationAlpha = alpha
        }
    }

    func colorMask(_ index: Int?, _ r: GLboolean, _ g: GLboolean, _ b: GLboolean, _ a: GLboolean) {
        let mask = UInt8(r != 0 ? 1 : 0) | UInt8(g != 0 ? 2 : 0) | UInt8(b != 0 ? 4 : 0) | UInt8(a != 0 ? 8 : 0)
        updateBlend(index) { $0.writeMask = mask }
    }

    /// Sets a value and marks `group` dirty when it changed.
    func set<T: Equatable>(_ path: WritableKeyPath<GLState, T>, _ value: T, _ group: GLStateGroups) {
        Self.set(&state, path, value, group)
    }

    /// `set`'s work on the state in place: reading `state[keyPath:]` on the property copied the whole GLState
    /// (retaining every array in it) on each glDepthFunc, glFrontFace… call.
    private static func set<T: Equatable>(_ s: inout GLState, _ path: WritableKeyPath<GLState, T>, _ value: T, _ group: GLStateGroups) {
        guard s[keyPath: path] != value else { return }
        s[keyPath: path] = value
        s.dirty.formUnion(group)
    }

    func stencilFuncSeparate(_ command: GLCommand, _ face: GLenum, _ function: GLenum, _ ref: GLint, _ mask: GLuint) {
        guard check(face, in: Self.faces, command, "face"), check(function, in: Self.compareFunctions, command, "stencil function")
        else { return }
        for (f, path) in [(GL_FRONT, \GLState.depthStencil.front), (GL_BACK, \GLState.depthStencil.back)] where face == f || face == GL_FRONT_AND_BACK {
            var s = state[keyPath: path]
            s.function = function
            s.reference = ref
            s.valueMask = mask
            set(path, s, [.depthStencil, .stencilRef])
        }
    }

    func stencilOpSeparate(_ command: GLCommand, _ face: GLenum, _ fail: GLenum, _ zfail: GLenum, _ zpass: GLenum) {
        guard check(face, in: Self.faces, command, "face") else { return }
        for op in [fail, zfail, zpass] { guard check(op, in: Self.stencilOps, command, "stencil operation") else { return } }
        for (f, path) in [(GL_FRONT, \GLState.depthStencil.front), (GL_BACK, \GLState.depthStencil.back)] where face == f || face == GL_FRONT_AND_BACK {
            var s = state[keyPath: path]
            s.fail = fail
            s.depthFail = zfail
            s.depthPass = zpass
            set(path, s, .depthStencil)
        }
    }

    func stencilMaskSeparate(_ command: GLCommand, _ face: GLenum, _ mask: GLuint) {
        guard check(face, in: Self.faces, command, "face") else { return }
        if face != GL_BACK { set(\.depthStencil.front.writeMask, mask, .depthStencil) }
        if face != GL_FRONT { set(\.depthStencil.back.writeMask, mask, .depthStencil) }
    }

    func pixelStore(_ pname: GLenum, _ value: GLint) {
        let alignment = pname == GL_PACK_ALIGNMENT || pname == GL_UNPACK_ALIGNMENT
        guard !alignment || [1, 2, 4, 8].contains(value) else {
            return recordError(GL_INVALID_VALUE, .glPixelStorei, "alignment \(value) is not 1, 2, 4 or 8")
        }
        guard value >= 0 else { return recordError(GL_INVALID_VALUE, .glPixelStorei, "negative \(GLEnumNames.describe(pname))") }
        let paths: [GLenum: WritableKeyPath<GLPixelStore, GLint>] = [
            GL_PACK_ALIGNMENT: \.packAlignment, GL_UNPACK_ALIGNMENT: \.unpackAlignment,
            GL_PACK_ROW_LENGTH: \.packRowLength, GL_UNPACK_ROW_LENGTH: \.unpackRowLength,
            GL_PACK_SKIP_ROWS: \.packSkipRows, GL_PACK_SKIP_PIXELS: \.packSkipPixels,
            GL_UNPACK_SKIP_ROWS: \.unpackSkipRows, GL_UNPACK_SKIP_PIXELS: \.unpackSkipPixels,
            GL_UNPACK_IMAGE_HEIGHT: \.unpackImageHeight, GL_UNPACK_SKIP_IMAGES: \.unpackSkipImages,
            GL_PACK_IMAGE_HEIGHT: \.packImageHeight, GL_PACK_SKIP_IMAGES: \.packSkipImages,
            GL_UNPACK_COMPRESSED_BLOCK_WIDTH: \.unpackCompressedBlockWidth, GL_UNPACK_COMPRESSED_BLOCK_HEIGHT: \.unpackCompressedBlockHeight,
            GL_UNPACK_COMPRESSED_BLOCK_DEPTH: \.unpackCompressedBlockDepth, GL_UNPACK_COMPRESSED_BLOCK_SIZE: \.unpackCompressedBlockSize,
            GL_PACK_COMPRESSED_BLOCK_WIDTH: \.packCompressedBlockWidth, GL_PACK_COMPRESSED_BLOCK_HEIGHT: \.packCompressedBlockHeight,
            GL_PACK_COMPRESSED_BLOCK_DEPTH: \.packCompressedBlockDepth, GL_PACK_COMPRESSED_BLOCK_SIZE: \.packCompressedBlockSize,
        ]
        if pname == GL_UNPACK_LSB_FIRST { return raster.unpackLSBFirst = value != 0 }  // glBitmap's bit order
        if pname == GL_PACK_SWAP_BYTES || pname == GL_UNPACK_SWAP_BYTES || pname == GL_PACK_LSB_FIRST || pname == GL_UNPACK_LSB_FIRST {
            guard value == 0 else {
                recordError(GL_INVALID_OPERATION)
                return GLDiagnostics.log("glPixelStorei(\(GLEnumNames.describe(pname)), \(value)) is not implemented yet (GL_INVALID_OPERATION)")
            }
            return
        }
        guard let path = paths[pname] else {
            return recordError(GL_INVALID_ENUM, .glPixelStorei, GLEnumNames.describe(pname))
        }
        state.pixelStore[keyPath: path] = value
    }
}

extension GLDispatch {
    func installPipelineState() {
        glBlendFunc = { $0.blendFuncSeparate(.glBlendFunc, nil, $1, $2, $1, $2) }
        glBlendFuncSeparate = { $0.blendFuncSeparate(.glBlendFuncSeparate, nil, $1, $2, $3, $4) }
        glBlendFunci = { c, buf, s, d in c.drawBufferIndex(buf, .glBlendFunci).map { c.blendFuncSeparate(.glBlendFunci, $0, s, d, s, d) } }
        glBlendFuncSeparatei = { c, buf, sr, dr, sa, da in
            c.drawBufferIndex(buf, .glBlendFuncSeparatei).map { c.blendFuncSeparate(.glBlendFuncSeparatei, $0, sr, dr, sa, da) }
        }
        glBlendEquation = { $0.blendEquationSeparate(.glBlendEquation, nil, $1, $1) }
        glBlendEquationSeparate = { $0.blendEquationSeparate(.glBlendEquationSeparate, nil, $1, $2) }
        glBlendEquationi = { c, buf, m in c.drawBufferIndex(buf, .glBlendEquationi).map { c.blendEquationSeparate(.glBlendEquationi, $0, m, m) } }
        glBlendEquationSeparatei = { c, buf, rgb, a in
            c.drawBufferIndex(buf, .glBlendEquationSeparatei).map { c.blendEquationSeparate(.glBlendEquationSeparatei, $0, rgb, a) }
        }
        glBlendColor = { $0.set(\.blendColor, [$1, $2, $3, $4], .blendColor) }
        glColorMask = { $0.colorMask(nil, $1, $2, $3, $4) }
        glColorMaski = { c, buf, r, g, b, a in c.drawBufferIndex(buf, .glColorMaski).map { c.colorMask($0, r, g, b, a) } }
        glLogicOp = { c, op in
            guard c.check(op, in: GLContext.logicOps, .glLogicOp, "logic op") else { return }
            c.set(\.blend.logicOp, op, .blend)
        }
        glDepthFunc = { c, f in
            guard c.check(f, in: GLContext.compareFunctions, .glDepthFunc, "depth function") else { return }
            c.set(\.depthStencil.depthFunction, f, .depthStencil)
        }
        glDepthMask = { $0.set(\.depthStencil.depthWriteMask, $1 != 0, .depthStencil) }
        glStencilFunc = { $0.stencilFuncSeparate(.glStencilFunc, GL_FRONT_AND_BACK, $1, $2, $3) }
        glStencilFuncSeparate = { $0.stencilFuncSeparate(.glStencilFuncSeparate, $1, $2, $3, $4) }
        glStencilOp = { $0.stencilOpSeparate(.glStencilOp, GL_FRONT_AND_BACK, $1, $2, $3) }
        glStencilOpSeparate = { $0.stencilOpSeparate(.glStencilOpSeparate, $1, $2, $3, $4) }
        glStencilMask = { $0.stencilMaskSeparate(.glStencilMask, GL_FRONT_AND_BACK, $1) }
        glStencilMaskSeparate = { $0.stencilMaskSeparate(.glStencilMaskSeparate, $1, $2) }
        glCullFace = { c, mode in
            guard c.check(mode, in: GLContext.faces, .glCullFace, "face") else { return }
            c.set(\.rasterizer.cullFaceMode, mode, .rasterizer)
        }
        glFrontFace = { c, mode in
            guard c.check(mode, in: [GL_CW, GL_CCW], .glFrontFace, "winding") else { return }
            c.set(\.rasterizer.frontFace, mode, .rasterizer)
        }
        glPolygonMode = { c, face, mode in
            guard face == GL_FRONT_AND_BACK || (!c.isCoreProfile && c.check(face, in: GLContext.faces, .glPolygonMode, "face")) else {
                return c.recordError(GL_INVALID_ENUM, .glPolygonMode, "face \(GLEnumNames.describe(face))")
            }
            guard c.check(mode, in: [GL_POINT, GL_LINE, GL_FILL], .glPolygonMode, "mode") else { return }
            c.set(\.rasterizer.polygonMode, mode, .rasterizer)
        }
        glPolygonOffset = { c, factor, units in
            c.set(\.rasterizer.polygonOffsetFactor, factor, .rasterizer)
            c.set(\.rasterizer.polygonOffsetUnits, units, .rasterizer)
        }
        glPolygonOffsetClamp = { c, factor, units, clamp in
            c.set(\.rasterizer.polygonOffsetFactor, factor, .rasterizer)
            c.set(\.rasterizer.polygonOffsetUnits, units, .rasterizer)
            c.set(\.rasterizer.polygonOffsetClamp, clamp, .rasterizer)
        }
        glLineWidth = { c, w in
            guard w > 0 else { return c.recordError(GL_INVALID_VALUE, .glLineWidth, "width \(w) ≤ 0") }
            c.set(\.rasterizer.lineWidth, w, .rasterizer)
        }
        glPointSize = { c, s in
            guard s > 0 else { return c.recordError(GL_INVALID_VALUE, .glPointSize, "size \(s) ≤ 0") }
            c.set(\.rasterizer.pointSize, s, .rasterizer)
        }
        glProvokingVertex = { c, mode in
            guard c.check(mode, in: [GL_FIRST_VERTEX_CONVENTION, GL_LAST_VERTEX_CONVENTION], .glProvokingVertex, "mode") else { return }
            c.set(\.rasterizer.provokingVertex, mode, .rasterizer)
        }
        glClearColor = { $0.state.clear.color = [$1, $2, $3, $4] }
        glClearDepth = { $0.state.clear.depth = min(max($1, 0), 1) }
        glClearDepthf = { $0.state.clear.depth = Double(min(max($1, 0), 1)) }
        glClearStencil = { $0.state.clear.stencil = $1 }
        glPixelStorei = { $0.pixelStore($1, $2) }
        glPixelStoref = { $0.pixelStore($1, GLint($2.rounded())) }
        glPrimitiveRestartIndex = { $0.state.primitiveRestartIndex = $1 }
    }
}
