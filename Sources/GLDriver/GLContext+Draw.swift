import GLCore
import VirglProtocol
import VirglTransport

/// Host state-object keys: equal content shares one handle (hash-consing), so a state seen before is bound,
/// not created again.
enum GLStateObject: Hashable {
    case blend(GLBlendState)
    case depthStencil(GLDepthStencilState)
    case rasterizer(GLRasterizerState)
    case vertexElements([VirglVertexElement])
    case sampler(GLSamplerParams, levels: Int)
}

extension GLBlendTarget {
    /// Whether blending on this target reads the fragment shader's second colour (GL_SRC1_* factors: dual-source
    /// blending, ARB_blend_func_extended).
    var usesSecondSource: Bool {
        enabled && [srcRGB, dstRGB, srcAlpha, dstAlpha].contains { GLToVirgl.secondSourceFactors.contains($0) }
    }
}

/// Translations from GL enums to gallium's frozen wire values.
enum GLToVirgl {
    /// The blend factors that read the second source.
    static let secondSourceFactors: Set<GLenum> = [GL_SRC1_COLOR, GL_ONE_MINUS_SRC1_COLOR, GL_SRC1_ALPHA, GL_ONE_MINUS_SRC1_ALPHA]

    static func blendFactor(_ f: GLenum) -> VirglBlendFactor {
        switch f {
        case GL_ONE: return .one
        case GL_SRC_COLOR: return .srcColor
        case GL_ONE_MINUS_SRC_COLOR: return .invSrcColor
        case GL_DST_COLOR: return .dstColor
        case GL_ONE_MINUS_DST_COLOR: return .invDstColor
        case GL_SRC_ALPHA: return .srcAlpha
        case GL_ONE_MINUS_SRC_ALPHA: return .invSrcAlpha
        case GL_DST_ALPHA: return .dstAlpha
        case GL_ONE_MINUS_DST_ALPHA: return .invDstAlpha
        case GL_CONSTANT_COLOR: return .constColor
        case GL_ONE_MINUS_CONSTANT_COLOR: return .invConstColor
        case GL_CONSTANT_ALPHA: return .constAlpha
        case GL_ONE_MINUS_CONSTANT_ALPHA: return .invConstAlpha
        case GL_SRC_ALPHA_SATURATE: return .srcAlphaSaturate
        case GL_SRC1_COLOR: return .src1Color
        case GL_ONE_MINUS_SRC1_COLOR: return .invSrc1Color
        case GL_SRC1_ALPHA: return .src1Alpha
        case GL_ONE_MINUS_SRC1_ALPHA: return .invSrc1Alpha
        default: return .zero
        }
    }

    static func blendFunc(_ e: GLenum) -> VirglBlendFunc {
        switch e {
        case GL_FUNC_SUBTRACT: return .subtract
        case GL_FUNC_REVERSE_SUBTRACT: return .reverseSubtract
        case GL_MIN: return .min
        case GL_MAX: return .max
        default: return .add
        }
    }

    /// GL_NEVER…GL_ALWAYS are 0x200…0x207 in gallium's order.
    static func compare(_ f: GLenum) -> UInt32 { f &- GL_NEVER }

    static func stencilOp(_ op: GLenum) -> VirglStencilOp {
        switch op {
        case GL_ZERO: return .zero
        case GL_REPLACE: return .replace
        case GL_INCR: return .incr
        case GL_DECR: return .decr
        case GL_INCR_WRAP: return .incrWrap
        case GL_DECR_WRAP: return .decrWrap
        case GL_INVERT: return .invert
        default: return .keep
        }
    }

    /// The gallium primitive of a draw mode (quads, quad strips and polygons too: callers refuse them in the core
    /// profile).
    static func primitive(_ mode: GLenum) -> VirglPrimitive? {
        switch mode {
        case GL_POINTS: return .points
        case GL_LINES: return .lines
        case GL_LINE_LOOP: return .lineLoop
        case GL_LINE_STRIP: return .lineStrip
        case GL_TRIANGLES: return .triangles
        case GL_TRIANGLE_STRIP: return .triangleStrip
        case GL_TRIANGLE_FAN: return .triangleFan
        case GL_LINES_ADJACENCY: return .linesAdjacency
        case GL_LINE_STRIP_ADJACENCY: return .lineStripAdjacency
        case GL_TRIANGLES_ADJACENCY: return .trianglesAdjacency
        case GL_TRIANGLE_STRIP_ADJACENCY: return .triangleStripAdjacency
        case GL_PATCHES: return .patches
        case GL_QUADS: return .quads
        case GL_QUAD_STRIP: return .quadStrip
        case GL_POLYGON: return .polygon
        default: return nil
        }
    }

    /// Virgl formats by their Swift case names, for building attribute formats from their parts.
    static let formatsByName: [String: VirglFormat] = Dictionary(
        VirglFormat.allCases.map { ("\($0)", $0) }, uniquingKeysWith: { a, _ in a })

    /// The virgl format a vertex attribute is fetched as (every format glVertexAttrib{I}Pointer accepts in
    /// GL 3.3 but doubles and GL_FIXED); nil for those. Looked up in a table made once (this runs whenever the
    /// vertex layout is emitted, e.g. on every program change).
    static func attributeFormat(_ a: GLVertexAttribute) -> VirglFormat? {
        guard let key = attributeFormatKey(size: a.size, type: a.type, normalized: a.normalized, integer: a.integer) else {
            return attributeFormatByName(a)
        }
        return attributeFormats[key] ?? nil
    }

    /// The attribute types the table covers.
    static let attributeTypes: [GLenum] = [
        GL_FLOAT, GL_HALF_FLOAT, GL_BYTE, GL_UNSIGNED_BYTE, GL_SHORT, GL_UNSIGNED_SHORT, GL_INT, GL_UNSIGNED_INT,
        GL_INT_2_10_10_10_REV, GL_UNSIGNED_INT_2_10_10_10_REV, GL_UNSIGNED_INT_10F_11F_11F_REV,
    ]

    static func attributeFormatKey(size: GLint, type: GLenum, normalized: Bool, integer: Bool) -> UInt32? {
        let s: UInt32
        switch size {
        case 1...4: s = UInt32(size)
        case GLint(GL_BGRA): s = 5
        default: return nil
        }
        guard let t = attributeTypes.firstIndex(of: type) else { return nil }
        return UInt32(t) | s << 8 | (normalized ? 1 << 12 : 0) | (integer ? 1 << 13 : 0)
    }

    /// Every (size, type, normalized, integer) of `attributeTypes`, by `attributeFormatKey`.
    static let attributeFormats: [UInt32: VirglFormat?] = {
        var table: [UInt32: VirglFormat?] = [:]
        for type in attributeTypes {
            for size in [1, 2, 3, 4, GLint(GL_BGRA)] {
                for normalized in [false, true] {
                    for integer in [false, true] {
                        var a = GLVertexAttribute()
                        a.size = size
                        a.type = type
                        a.normalized = normalized
                        a.integer = integer
                        table[attributeFormatKey(size: size, type: type, normalized: normalized, integer: integer)!] = attributeFormatByName(a)
                    }
                }
            }
        }
        return table
    }()

    /// attributeFormat's definition: the format named by the attribute's channels and kind.
    static func attributeFormatByName(_ a: GLVertexAttribute) -> VirglFormat? {
        let n = Int(a.size == GLint(GL_BGRA) ? 4 : a.size)
        guard (1...4).contains(n) else { return nil }
        func channels(_ bits: Int) -> String { ["r", "g", "b", "a"].prefix(n).map { "\($0)\(bits)" }.joined() }
        func named(_ s: String) -> VirglFormat? { formatsByName[s] }
        let signedKind = a.integer ? "Sint" : a.normalized ? "Snorm" : "Sscaled"
        let unsignedKind = a.integer ? "Uint" : a.normalized ? "Unorm" : "Uscaled"
        switch a.type {
        case GL_FLOAT: return named(channels(32) + "Float")
        case GL_HALF_FLOAT: return named(channels(16) + "Float")
        case GL_BYTE: return named(channels(8) + signedKind)
        case GL_UNSIGNED_BYTE:
            return a.size == GLint(GL_BGRA) ? .b8g8r8a8Unorm : named(channels(8) + unsignedKind)
        case GL_SHORT: return named(channels(16) + signedKind)
        case GL_UNSIGNED_SHORT: return named(channels(16) + unsignedKind)
        case GL_INT: return named(channels(32) + signedKind)
        case GL_UNSIGNED_INT: return named(channels(32) + unsignedKind)
        case GL_INT_2_10_10_10_REV:
            return named((a.size == GLint(GL_BGRA) ? "b10g10r10a2" : "r10g10b10a2") + (a.normalized ? "Snorm" : "Sscaled"))
        case GL_UNSIGNED_INT_2_10_10_10_REV:
            return named((a.size == GLint(GL_BGRA) ? "b10g10r10a2" : "r10g10b10a2") + (a.normalized ? "Unorm" : "Uscaled"))
        case GL_UNSIGNED_INT_10F_11F_11F_REV: return .r11g11b10Float
        default: return nil
        }
    }
}

extension GLContext {
    /// The handle of a state object with this content, creating it on the host the first time.
    func stateObjectHandle(_ key: GLStateObject, create: (UInt32) -> Void) -> UInt32 {
        if let h = drawStateObjects[key] { return h }
        let h = newObjectHandle()
        create(h)
        drawStateObjects[key] = h
        return h
    }

    func emitBlend() {
        let b = state.blend
        let h = stateObjectHandle(.blend(b)) { h in
            var s0 = VirglBlendS0()
            s0.independentBlendEnable = b.independent ? 1 : 0
            s0.logicopEnable = b.logicOpEnabled ? 1 : 0
            s0.dither = b.dither ? 1 : 0
            s0.alphaToCoverage = b.alphaToCoverage ? 1 : 0
            s0.alphaToOne = b.alphaToOne ? 1 : 0
            var s1 = VirglBlendS1()
            s1.logicopFunc = b.logicOp &- GL_CLEAR
            let rts = b.targets.map { t -> VirglBlendRT in
                var rt = VirglBlendRT()
                rt.blendEnable = t.enabled ? 1 : 0
                rt.rgbFunc = GLToVirgl.blendFunc(t.equationRGB).rawValue
                rt.rgbSrcFactor = GLToVirgl.blendFactor(t.srcRGB).rawValue
                rt.rgbDstFactor = GLToVirgl.blendFactor(t.dstRGB).rawValue
                rt.alphaFunc = GLToVirgl.blendFunc(t.equationAlpha).rawValue
                rt.alphaSrcFactor = GLToVirgl.blendFactor(t.srcAlpha).rawValue
                rt.alphaDstFactor = GLToVirgl.blendFactor(t.dstAlpha).rawValue
                rt.colormask = UInt32(t.writeMask)
                return rt
            }
            commands.encodeCreateBlend(handle: h, s0: s0, s1: s1, rt: rts)
        }
        if emitted.blend != h {
            commands.encodeBindObject(.blend, handle: h)
            emitted.blend = h
        }
    }

    func emitDepthStencil() {
        let d = state.depthStencil
        let h = stateObjectHandle(.depthStencil(d)) { h in
            var s0 = VirglDSAS0()
            s0.depthEnable = d.depthTest ? 1 : 0
            s0.depthWritemask = d.depthTest && d.depthWriteMask ? 1 : 0
            s0.depthFunc = GLToVirgl.compare(d.depthFunction)
            func face(_ f: GLStencilFace) -> VirglDSAStencil {
                var s = VirglDSAStencil()
                s.stencilEnabled = d.stencilTest ? 1 : 0
                s.stencilFunc = GLToVirgl.compare(f.function)
                s.failOp = GLToVirgl.stencilOp(f.fail).rawValue
                s.zfailOp = GLToVirgl.stencilOp(f.depthFail).rawValue
                s.zpassOp = GLToVirgl.stencilOp(f.depthPass).rawValue
                s.valuemask = f.valueMask & 0xFF
                s.writemask = f.writeMask & 0xFF
                return s
            }
            commands.encodeCreateDSA(handle: h, s0: s0, front: face(d.front), back: face(d.back), alphaRef: 0)
        }
        if emitted.depthStencil != h {
            commands.encodeBindObject(.dsa, handle: h)
            emitted.depthStencil = h
        }
        let ref = UInt32(clamping: max(0, state.depthStencil.front.reference)) & 0xFF
            | (UInt32(clamping: max(0, state.depthStencil.back.reference)) & 0xFF) << 8
        if emitted.stencilRef != ref {
            commands.encodeSetStencilRef(ref: ref)
            emitted.stencilRef = ref
        }
    }

    func emitRasterizer() {
        let r = state.rasterizer
        let h = stateObjectHandle(.rasterizer(r)) { h in
            var s0 = VirglRasterizerS0()
            s0.depthClip = r.depthClamp ? 0 : 1
            s0.rasterizerDiscard = r.rasterizerDiscard ? 1 : 0
            s0.flatshadeFirst = r.provokingVertex == GL_FIRST_VERTEX_CONVENTION ? 1 : 0
            s0.flatshade = r.flatShade ? 1 : 0
            s0.lightTwoside = r.twoSidedColor ? 1 : 0
            s0.cullFace = r.cullFace ? (r.cullFaceMode == GL_FRONT ? 1 : r.cullFaceMode == GL_BACK ? 2 : 3) : 0
            let fill: UInt32 = r.polygonMode == GL_LINE ? 1 : r.polygonMode == GL_POINT ? 2 : 0
            s0.fillFront = fill
            s0.fillBack = fill
            s0.scissor = r.scissorTest ? 1 : 0
            // virglrenderer draws into its GL framebuffers y-inverted (guest y = 0 is the top row), which
            // reverses the winding it sees: a GL counter-clockwise front face is sent as clockwise.
            // (glClipControl's GL_UPPER_LEFT flips y, and with it the winding once more.)
            s0.frontCcw = (r.frontFace == GL_CCW) != (r.clipOrigin == GL_UPPER_LEFT) ? 0 : 1
            s0.clipHalfz = r.clipDepthMode == GL_ZERO_TO_ONE ? 1 : 0
            s0.offsetTri = r.polygonOffsetFill ? 1 : 0
            s0.offsetLine = r.polygonOffsetLine ? 1 : 0
            s0.offsetPoint = r.polygonOffsetPoint ? 1 : 0
            s0.polySmooth = r.polygonSmooth ? 1 : 0
            s0.pointSizePerVertex = r.programPointSize ? 1 : 0
            s0.multisample = r.multisample ? 1 : 0
            s0.lineSmooth = r.lineSmooth ? 1 : 0
            s0.halfPixelCenter = 1
            var s3 = VirglRasterizerS3()
            s3.clipPlaneEnable = UInt32(r.clipDistances)
            commands.encodeCreateRasterizer(
                handle: h, s0: s0, pointSize: r.pointSize, spriteCoordEnable: 0, s3: s3, lineWidth: r.lineWidth,
                offsetUnits: r.polygonOffsetUnits, offsetScale: r.polygonOffsetFactor, offsetClamp: r.polygonOffsetClamp)
        }
        if emitted.rasterizer != h {
            commands.encodeBindObject(.rasterizer, handle: h)
            emitted.rasterizer = h
        }
    }

    func emitBlendColor() {
        if emitted.blendColor != state.blendColor {
            commands.encodeSetBlendColor(color: state.blendColor)
            emitted.blendColor = state.blendColor
        }
    }

    /// Vertex elements and buffers: one buffer slot per shader input, from the VAO's attribute at its location.
    func emitVertexLayout(_ program: GLProgram, _ command: GLCommand) -> Bool {
        usesClientArrays = false
        var elements: [VirglVertexElement] = []
        var buffers: [VirglVertexBuffer] = []
        for (slot, location) in program.attributeLocations.enumerated() {
            var a = vertexArray.attributes[location]
            let part = slot < program.attributeParts.count ? program.attributeParts[slot] : 0
            if a.enabled, a.long {
                // Doubles reach the shader as their bits: two a register, fetched as 32-bit integers (the host
                // would convert a 64-bit float format to floats); a dvec3/dvec4's second register reads from
                // byte 16.
                let doubles = max(1, min(2, Int(a.size) - 2 * part))
                let format: VirglFormat = doubles == 2 ? .r32g32b32a32Uint : .r32g32Uint
                elements.append(VirglVertexElement(srcOffset: 0, instanceDivisor: a.divisor, vertexBufferIndex: UInt32(slot), srcFormat: format.rawValue))
                guard let r = a.buffer?.resource else {
                    recordError(GL_INVALID_OPERATION, command, "attribute \(location) reads no buffer (doubles from client memory are not supported)")
                    return false
                }
                if Int(a.size) > 2 * part { a.offset += 16 * part }
                buffers.append(VirglVertexBuffer(stride: UInt32(a.effectiveStride), offset: UInt32(a.offset), resHandle: r.id))
                continue
            }
            guard a.enabled else {
                // A disabled array reads the attribute's current value: one shared buffer, stride 0.
                guard let r = currentValuesBuffer(command) else { return false }
                let long = compat.currentIsLong[location]
                let format: VirglFormat = long ? .r32g32b32a32Uint : compat.currentIsInteger[location] ? .r32g32b32a32Sint : .r32g32b32a32Float
                elements.append(VirglVertexElement(srcOffset: 0, instanceDivisor: 0, vertexBufferIndex: UInt32(slot), srcFormat: format.rawValue))
                buffers.append(VirglVertexBuffer(stride: 0, offset: UInt32(location * 16 + (long && part == 1 ? 256 : 0)), resHandle: r.id))
                continue
            }
            if a.type == GL_FIXED {
                // GL_FIXED (ES2 compatibility): converted to floats for this draw; the layout is sent again at the next.
                guard let (r, stride) = fixedArrayBuffer(command, a) else { return false }
                elements.append(VirglVertexElement(srcOffset: 0, instanceDivisor: a.divisor, vertexBufferIndex: UInt32(slot), srcFormat: GLContext.fixedAttributeFormat(a.size).rawValue))
                buffers.append(VirglVertexBuffer(stride: UInt32(stride), offset: 0, resHandle: r.id))
                usesClientArrays = true
                continue
            }
            guard let format = GLToVirgl.attributeFormat(a) else {
                recordError(GL_INVALID_OPERATION)
                GLDiagnostics.log("\(command.name): attribute format \(a.size)×\(GLEnumNames.describe(a.type)) is not implemented yet (GL_INVALID_OPERATION)")
                return false
            }
            elements.append(VirglVertexElement(srcOffset: 0, instanceDivisor: a.divisor, vertexBufferIndex: UInt32(slot), srcFormat: format.rawValue))
            if a.buffer == nil {
                // A client-memory array (compatibility profile): this draw's vertices, copied; the layout is
                // sent again at the next draw.
                guard let (r, stride) = clientArrayBuffer(command, a) else {
                    recordError(GL_INVALID_OPERATION, command, "attribute \(location) is an enabled array with no buffer and no pointer")
                    return false
                }
                buffers.append(VirglVertexBuffer(stride: UInt32(stride), offset: 0, resHandle: r.id))
                usesClientArrays = true
                continue
            }
            guard let r = a.buffer?.resource else {
                recordError(GL_INVALID_OPERATION, command, "attribute \(location) reads a buffer with no data store")
                return false
            }
            buffers.append(VirglVertexBuffer(stride: UInt32(a.effectiveStride), offset: UInt32(a.offset), resHandle: r.id))
        }
        let h = stateObjectHandle(.vertexElements(elements)) { commands.encodeCreateVertexElements(handle: $0, elements: elements) }
        if emitted.vertexElements != h {
            commands.encodeBindObject(.vertexElements, handle: h)
            emitted.vertexElements = h
        }
        if emitted.vertexBuffers != buffers {
            commands.encodeSetVertexBuffers(buffers: buffers)
            emitted.vertexBuffers = buffers
        }
        return true
    }

    /// A complete 1×1 (×1) black texture of `target`, made once per context: what incomplete textures sample.
    func blackTexture(_ target: GLenum) -> GLTexture? {
        if let t = blackTextures[target] { return t }
        guard target != GL_TEXTURE_BUFFER, let (sized, info) = GLFormatTable.lookup(GL_RGBA8) else { return nil }
        let t = GLTexture(name: 0)
        t.target = target
        t.params.minFilter = GL_NEAREST
        t.params.magFilter = GL_NEAREST
        // A cube map array's one cube has six layer-faces.
        let layers = target == GL_TEXTURE_CUBE_MAP_ARRAY ? 6 : 1
        let image = GLTextureImage(
            width: 1, height: 1, depth: layers, internalFormat: sized, format: info,
            bytes: Array([[UInt8]](repeating: [0, 0, 0, 255], count: layers).joined()))
        t.images = [[GLTextureImage?]](repeating: [image], count: t.faces)
        blackTextures[target] = t
        return t
    }

    /// Sampler views and states for the fragment samplers of `p`. False (error recorded) for an incomplete texture.
    func emitSamplers(_ p: GLProgram, _ command: GLCommand) -> Bool {
        if let linked = p.linkedProgram, let unit = samplerTypeConflict(p, linked) {
            recordError(GL_INVALID_OPERATION, command, "samplers of different types use texture unit \(unit)")
            return false
        }
        for (stage, list) in [
            (VirglShaderStage.vertex, p.vertexSamplers), (.geometry, p.geometrySamplers), (.fragment, p.fragmentSamplers),
            (.tessCtrl, p.tessControlSamplers), (.tessEval, p.tessEvaluationSamplers),
        ]
        where !list.isEmpty || !(emitted.samplerViews[stage.rawValue]?.isEmpty ?? true) {
            guard emitSamplers(stage, list, p.depthModeSamplers[stage.rawValue] ?? [], command) else { return false }
        }
        return true
    }

    /// Sampler views and states for one stage's SAMP/SVIEW slots.
    func emitSamplers(_ stage: VirglShaderStage, _ list: [(unit: Int, target: GLenum)], _ modeSamplers: Set<Int>, _ command: GLCommand) -> Bool {
        var views: [UInt32] = [], samplers: [UInt32] = []
        for (slot, s) in list.enumerated() {
            if s.target == GL_TEXTURE_BUFFER {
                // Buffer textures: a view on the buffer; the sampler state is unused (texelFetch only).
                guard let view = bufferTextureView(s.unit, command) else {
                    recordError(GL_OUT_OF_MEMORY, command, "no buffer texture view")
                    return false
                }
                views.append(view)
                samplers.append(stateObjectHandle(.sampler(GLSamplerParams(), levels: 1)) { h in
                    commands.encodeCreateSamplerState(
                        handle: h, s0: VirglSamplerStateS0(), lodBias: 0, minLOD: 0, maxLOD: 0, borderColor: [0, 0, 0, 0])
                })
                continue
            }
            var bound = textureUnits[s.unit][s.target] ?? defaultTextures[s.target]
            if bound.map({ textureResource($0, command) == nil }) ?? true {
                // An incomplete (or missing) texture samples as (0, 0, 0, 1) (GL 4.6 §11.1.3.5): a 1×1 black one.
                bound = blackTexture(s.target)
            }
            guard let t = bound, let r = textureResource(t, command) else {
                recordError(GL_INVALID_OPERATION, command, "no texture can stand in for an incomplete \(GLEnumNames.describe(s.target))")
                return false
            }
            let (firstLevel, lastLevel) = t.viewLevels(resourceLevels: Int(r.info.lastLevel) + 1)
            let levels = lastLevel - firstLevel + 1
            let depthMode = modeSamplers.contains(slot) && !isCoreProfile && !isES && t.base?.format.isDepth == true
            if (depthMode ? t.modeView : t.view) == nil {
                let h = newObjectHandle()
                let swizzle = GLContext.virglSwizzle(t.swizzle, format: viewFormatSwizzle(t, depthMode: depthMode))
                commands.encodeCreateSamplerView(
                    handle: h, resHandle: r.id, format: t.samplerViewFormat(r) | t.virglTarget.rawValue << 24, firstLayer: t.samplerViewLayers(r),
                    firstLevel: UInt32(firstLevel) | UInt32(lastLevel) << 8, swizzle: swizzle)
                if depthMode { t.modeView = h } else { t.view = h }
            }
            views.append((depthMode ? t.modeView : t.view)!)
            let params = samplerBindings[s.unit]?.params ?? t.params
            samplers.append(stateObjectHandle(.sampler(params, levels: levels)) { h in
                func wrap(_ w: GLenum) -> UInt32 {
                    switch w {
                    case GL_CLAMP_TO_EDGE: return VirglTexWrap.clampToEdge.rawValue
                    case GL_CLAMP: return VirglTexWrap.clamp.rawValue
                    case GL_CLAMP_TO_BORDER: return VirglTexWrap.clampToBorder.rawValue
                    case GL_MIRRORED_REPEAT: return VirglTexWrap.mirrorRepeat.rawValue
                    case GL_MIRROR_CLAMP_TO_EDGE: return VirglTexWrap.mirrorClampToEdge.rawValue
                    default: return VirglTexWrap.repeat.rawValue
                    }
                }
                let linearMin = [GL_LINEAR, GL_LINEAR_MIPMAP_NEAREST, GL_LINEAR_MIPMAP_LINEAR].contains(params.minFilter)
                let mip: VirglTexMipFilter = [GL_NEAREST, GL_LINEAR].contains(params.minFilter) ? .none
                    : [GL_NEAREST_MIPMAP_LINEAR, GL_LINEAR_MIPMAP_LINEAR].contains(params.minFilter) ? .linear : .nearest
                var s0 = VirglSamplerStateS0()
                s0.wrapS = wrap(params.wrapS)
                s0.wrapT = wrap(params.wrapT)
                s0.wrapR = wrap(params.wrapR)
                s0.minImgFilter = linearMin ? 1 : 0
                s0.minMipFilter = mip.rawValue
                s0.magImgFilter = params.magFilter == GL_LINEAR ? 1 : 0
                s0.compareMode = params.compareMode == GL_COMPARE_REF_TO_TEXTURE ? 1 : 0
                s0.compareFunc = GLToVirgl.compare(params.compareFunc)
                s0.seamlessCubeMap = 1
                commands.encodeCreateSamplerState(
                    handle: h, s0: s0, lodBias: params.lodBias, minLOD: max(0, params.minLOD),
                    maxLOD: min(params.maxLOD, Float(levels - 1)), borderColor: params.borderColor.map(\.bitPattern))
            })
        }
        if emitted.samplerViews[stage.rawValue] != views {
            commands.encodeSetSamplerViews(shaderType: stage.rawValue, startSlot: 0, viewHandles: views)
            emitted.samplerViews[stage.rawValue] = views
        }
        if emitted.samplerStates[stage.rawValue] != samplers {
            commands.encodeBindSamplerStates(shaderType: stage.rawValue, startSlot: 0, handles: samplers)
            emitted.samplerStates[stage.rawValue] = samplers
        }
        return true
    }

    func emitShaders(_ p: GLProgram) {
        if emitted.program != p.vertexHandle {
            commands.encodeBindShader(handle: p.vertexHandle, shaderType: VirglShaderStage.vertex.rawValue)
            commands.encodeBindShader(handle: p.fragmentHandle, shaderType: VirglShaderStage.fragment.rawValue)
            if p.geometryHandle != 0 || emitted.geometryBound {
                commands.encodeBindShader(handle: p.geometryHandle, shaderType: VirglShaderStage.geometry.rawValue)
                emitted.geometryBound = p.geometryHandle != 0
            }
            if p.tessEvaluationHandle != 0 || emitted.tessellationBound {
                commands.encodeBindShader(handle: p.tessControlHandle, shaderType: VirglShaderStage.tessCtrl.rawValue)
                commands.encodeBindShader(handle: p.tessEvaluationHandle, shaderType: VirglShaderStage.tessEval.rawValue)
                emitted.tessellationBound = p.tessEvaluationHandle != 0
            }
            emitted.program = p.vertexHandle
        }
    }

    /// Gives back the draw's stream buffers (after its commands are encoded: they are destroyed after the next
    /// submission).
    func releaseDrawResources() {
        closeTransformFeedbackCount()
        guard !drawResources.isEmpty else { return }
        for r in drawResources { releaseResource(r) }
        drawResources.removeAll(keepingCapacity: true)
    }

    /// Everything a draw needs, emitted for what changed. False (error recorded) when the draw cannot happen.
    func prepareDraw(_ command: GLCommand) -> Bool {
        var framebufferChanged = true
        for b in coherentMappings { if let m = b.mapping { upload(command, b, m.offset, m.length) } }
        // The program in use, or else the bound pipeline's programs stage by stage (GLContext+ProgramPipelines).
        let program: GLProgram, stages: GLStagePrograms?
        if let p = currentProgram, !p.fixedFunctionOnly {
            program = p
            stages = nil
        } else if currentProgram == nil, let pipe = boundPipeline {
            guard let s = pipelineStages(pipe, command) else { return false }
            program = s.vertex
            stages = s
            state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        } else if case let (arbProgram, failed) = arbDrawProgram(command), arbProgram != nil || failed {
            // Compatibility profile: enabled ARB programs, fixed function for the other stage or both
            // (GLContext+ARBPrograms.swift).
            guard let arbProgram else { return false }
            program = arbProgram
            stages = nil
        } else {
            recordError(GL_INVALID_OPERATION, command, "no program in use")
            return false
        }
        // A compute program in use draws nothing (it has no vertex or fragment stage).
        guard program.compute == nil else { return false }
        guard !(isCoreProfile && vertexArray === defaultVertexArray) else {
            recordError(GL_INVALID_OPERATION, command, "no vertex array object is bound (core profile)")
            return false
        }
        if let v = emitted.validatedFramebuffer, let current = drawFramebuffer, v.framebuffer == ObjectIdentifier(current),
           v.epoch == GLFramebufferEpoch.value, !state.dirty.contains(.framebuffer), emitted.framebuffer != nil {
            // The same framebuffer as the last draw, nothing it depends on changed: complete, and bound on the host.
            framebufferChanged = false
        } else {
            let epoch = GLFramebufferEpoch.value
            emitted.validatedFramebuffer = nil
            guard let fb = completeDrawFramebuffer(command) else { return false }
            emitFramebuffer(fb, command)
            emitted.validatedFramebuffer = (ObjectIdentifier(fb), epoch)
        }
        // (Checked only when the blend state or the framebuffer changed: a draw that failed it left them dirty.)
        if framebufferChanged || state.dirty.contains(.blend), state.blend.targets.contains(where: \.usesSecondSource),
           let fb = drawFramebuffer, fb.drawBuffers.lazy.filter({ $0 != GL_NONE }).count > Int(state.limits.maxDualSourceDrawBuffers) {
            // ARB_blend_func_extended: dual-source blending writes at most GL_MAX_DUAL_SOURCE_DRAW_BUFFERS buffers.
            recordError(GL_INVALID_OPERATION, command, "dual-source blending with more than \(state.limits.maxDualSourceDrawBuffers) draw buffer(s)")
            return false
        }
        let d = state.dirty
        if d.contains(.blend) { emitBlend() }
        if d.contains(.depthStencil) || d.contains(.stencilRef) { emitDepthStencil() }
        if d.contains(.rasterizer) { emitRasterizer() }
        if d.contains(.rasterizer) || framebufferChanged { emitMinSamples() }
        if d.contains(.viewport) || d.contains(.scissor) || d.contains(.rasterizer) { emitViewportAndScissor() }
        if d.contains(.blendColor) { emitBlendColor() }
        if let stages {
            emitPipelineShaders(stages)
            guard emitVertexLayout(stages.vertex, command) else { return false }
            emitPipelineConstants(stages)
            guard emitPipelineSamplers(stages, command) else { return false }
            for (stage, p) in stages.all where p.usesImages { emitImages(p, command, only: stage) }
        } else {
            if d.contains(.shaders) { emitShaders(program) }
            if d.contains(.vertexLayout) {
                guard emitVertexLayout(program, command) else { return false }
            }
            if program.usesFixedFunctionMatrices { updateFixedFunctionUniforms(program) }
            if program.usesSubroutines { updateSubroutineUniforms(program) }
            if d.contains(.constants) || d.contains(.shaders) || program.constantsDirty { emitConstants(program, command) }
            if d.contains(.samplers) || d.contains(.shaders), program.usesTextures {
                guard emitSamplers(program, command) else { return false }
            }
            if program.usesImages { emitImages(program, command) }
        }
        // Buffers may have been re-created or deleted (their resources gone): the slots go again then.
        emitStorageBuffers(program, stages, force: d.contains(.constants) || d.contains(.shaders))
        emitAtomicCounterBuffers(program, stages)
        state.dirty.subtract([.blend, .depthStencil, .stencilRef, .rasterizer, .viewport, .scissor, .blendColor, .shaders, .vertexLayout, .samplers, .constants])
        if usesClientArrays { state.dirty.insert(.vertexLayout) }
        return true
    }

    /// The gallium primitive of a draw's mode; nil (GL_INVALID_ENUM recorded) for a mode that is none, or a
    /// compatibility-only one (quads, quad strips, polygons) in the core profile.
    func drawPrimitive(_ command: GLCommand, _ mode: GLenum) -> VirglPrimitive? {
        guard let prim = GLToVirgl.primitive(mode), !(isCoreProfile && GLPrimitiveConversion.isConverted(mode)),
              prim != .patches || supportsTessellation else {
            recordError(GL_INVALID_ENUM, command, "mode \(GLEnumNames.describe(mode))")
            return nil
        }
        guard checkTessellationDraw(command, prim) else { return nil }
        compat.drawPrimitiveIDShift = primitiveIDShift(mode, prim)
        return prim
    }

    func drawArrays(_ command: GLCommand, _ mode: GLenum, _ first: GLint, _ count: GLsizei, _ instances: GLsizei, _ baseInstance: GLuint) {
        guard first >= 0, count >= 0, instances >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative first, count or instance count") }
        guard let prim = drawPrimitive(command, mode) else { return }
        guard checkTransformFeedbackDraw(command, mode) else { return }
        defer { releaseDrawResources() }
        compat.drawVertexEnd = Int(first) + Int(count)
        compat.drawInstances = Int(instances)
        guard prepareDraw(command), count > 0, instances > 0 else { return }
        if transformFeedback.active { countTransformFeedbackDraw(mode, runs: [Int(count)], instances: Int(instances)) }
        if convertsPrimitive(mode, prim) {
            guard Int(count) <= GLContext.maxConvertedVertices else {
                return recordError(GL_OUT_OF_MEMORY, command, "\(count) vertices of \(GLEnumNames.describe(mode)) to convert to triangles")
            }
            var indices: [UInt32] = []
            GLPrimitiveConversion.triangles(
                mode, count: Int(count), firstVertexConvention: state.rasterizer.provokingVertex == GL_FIRST_VERTEX_CONVENTION,
                { UInt32(first) + UInt32($0) }, into: &indices)
            return drawConvertedTriangles(command, indices, instances: instances, baseVertex: 0, baseInstance: baseInstance)
        }
        if prim == .patches {
            encodePatchDraw(start: UInt32(first), count: UInt32(count), indexed: false, instances: instances, indexBias: 0, startInstance: baseInstance)
        } else {
            commands.encodeDrawVBO(
                start: UInt32(first), count: UInt32(count), mode: prim.rawValue, indexed: 0, instanceCount: UInt32(instances), indexBias: 0,
                startInstance: baseInstance, primitiveRestart: 0, restartIndex: 0, minIndex: 0, maxIndex: UInt32(first) + UInt32(count) - 1,
                countFromSO: 0)
        }
        drawsSinceWait &+= 1
    }

    /// The bytes of an index of `type` (GL_UNSIGNED_BYTE, _SHORT or _INT); nil for another type.
    static func indexSize(_ type: GLenum) -> Int? {
        switch type {
        case GL_UNSIGNED_BYTE: return 1
        case GL_UNSIGNED_SHORT: return 2
        case GL_UNSIGNED_INT: return 4
        default: return nil
        }
    }

    func drawElements(_ command: GLCommand, _ mode: GLenum, _ count: GLsizei, _ type: GLenum, _ indices: UnsafeRawPointer?, _ instances: GLsizei, _ baseVertex: GLint, baseInstance: GLuint = 0) {
        guard count >= 0, instances >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative count or instance count") }
        guard let prim = drawPrimitive(command, mode) else { return }
        guard checkTransformFeedbackDraw(command, mode) else { return }
        guard let size = Self.indexSize(type) else { return recordError(GL_INVALID_ENUM, command, "type \(GLEnumNames.describe(type))") }
        // The indices: in the element buffer (at an offset), or in client memory (compatibility profile).
        let r: VirglResource, offset: Int
        let indexBytes: UnsafeRawBufferPointer?
        defer { releaseDrawResources() }
        if let eb = vertexArray.elementBuffer {
            guard let er = eb.resource else { return recordError(GL_INVALID_OPERATION, command, "the element buffer has no data store") }
            offset = Int(bitPattern: indices)
            guard offset % size == 0 else { return recordError(GL_INVALID_OPERATION, command, "index offset not aligned to the index size") }
            guard offset + Int(count) * size <= eb.size else { return recordError(GL_INVALID_OPERATION, command, "indices past the end of the element buffer") }
            r = er
            indexBytes = eb.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[offset..<offset + Int(count) * size]) }
        } else {
            guard !isCoreProfile else { return recordError(GL_INVALID_OPERATION, command, "no element buffer is bound (core profile)") }
            guard let indices else { return recordError(GL_INVALID_OPERATION, command, "no element buffer and no indices") }
            guard count > 0, let sr = streamBuffer(command, Array(UnsafeRawBufferPointer(start: indices, count: Int(count) * size)), bind: VirglBufferBind.indexBuffer) else { return }
            drawResources.append(sr)  // client-memory indices
            r = sr
            offset = 0
            indexBytes = UnsafeRawBufferPointer(start: indices, count: Int(count) * size)
        }
        // Client-memory and GL_FIXED arrays (copied for the draw) need the highest index drawn.
        if vertexArray.attributes.contains(where: { $0.enabled && ($0.buffer == nil || $0.type == GL_FIXED) }), let indexBytes {
            var highest = 0
            for i in 0..<Int(count) {
                let v: Int
                switch size {
                case 1: v = Int(indexBytes[i])
                case 2: v = Int(indexBytes.load(fromByteOffset: i * 2, as: UInt16.self))
                default: v = Int(indexBytes.load(fromByteOffset: i * 4, as: UInt32.self))
                }
                highest = max(highest, v)
            }
            compat.drawVertexEnd = highest + Int(baseVertex) + 1
        }
        // Quads and polygons the host may not draw: their indices, read now (the triangles are made after
        // prepareDraw, which learns the host's primitives).
        guard !GLPrimitiveConversion.isConverted(mode) || Int(count) <= GLContext.maxConvertedVertices else {
            return recordError(GL_OUT_OF_MEMORY, command, "\(count) indices of \(GLEnumNames.describe(mode)) to convert to triangles")
        }
        let convertedSource: [UInt32]? = GLPrimitiveConversion.isConverted(mode) ? indexBytes.map { bytes in
            (0..<Int(count)).map { i in
                switch size {
                case 1: return UInt32(bytes[i])
                case 2: return UInt32(bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                default: return bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                }
            }
        } : nil
        compat.drawInstances = Int(instances)
        guard prepareDraw(command), count > 0, instances > 0 else { return }
        let restart = state.primitiveRestart || state.primitiveRestartFixedIndex
        let restartIndex = state.primitiveRestartFixedIndex ? UInt32((1 << (8 * size)) - 1) : state.primitiveRestartIndex
        if transformFeedback.active { countTransformFeedbackDraw(mode, runs: restart ? indexRuns(indexBytes, count: Int(count), size: size, restartIndex: restartIndex) : [Int(count)], instances: Int(instances)) }
        if convertsPrimitive(mode, prim), let source = convertedSource {
            let triangles = convertedIndexedTriangles(mode, source, restartIndex: restart ? restartIndex : nil)
            return drawConvertedTriangles(command, triangles, instances: instances, baseVertex: baseVertex, baseInstance: baseInstance)
        }
        // The index offset goes into SET_INDEX_BUFFER and the draw starts at index 0: with the offset in `start`
        // instead, a second indexed draw that differed only in `start` drew nothing on virglrenderer 0.10.4
        // (seen with glMultiDrawElements; the multidraw golden scene guards it).
        if let e = emitted.indexBuffer, e == (r.id, UInt32(size), UInt32(offset)) {
            // Bound already (a mesh drawn many times: only the draw goes out).
        } else {
            commands.encodeSetIndexBuffer(resHandle: r.id, indexSize: UInt32(size), offset: UInt32(offset))
            emitted.indexBuffer = (r.id, UInt32(size), UInt32(offset))
        }
        if prim == .patches {
            encodePatchDraw(start: 0, count: UInt32(count), indexed: true, instances: instances, indexBias: baseVertex, startInstance: baseInstance)
        } else {
            commands.encodeDrawVBO(
                start: 0, count: UInt32(count), mode: prim.rawValue, indexed: 1, instanceCount: UInt32(instances),
                indexBias: baseVertex, startInstance: baseInstance, primitiveRestart: restart ? 1 : 0, restartIndex: restartIndex, minIndex: 0,
                maxIndex: 0xFFFF_FFFF, countFromSO: 0)
        }
        drawsSinceWait &+= 1
    }
}

extension GLDispatch {
    func installDraws() {
        glUseProgram = { $0.useProgram($1) }
        glDrawArrays = { $0.drawArrays(.glDrawArrays, $1, $2, $3, 1, 0) }
        glDrawArraysInstanced = { $0.drawArrays(.glDrawArraysInstanced, $1, $2, $3, $4, 0) }
        glDrawArraysInstancedBaseInstance = { $0.drawArrays(.glDrawArraysInstancedBaseInstance, $1, $2, $3, $4, $5) }
        glDrawElements = { $0.drawElements(.glDrawElements, $1, $2, $3, $4, 1, 0) }
        glDrawElementsInstanced = { $0.drawElements(.glDrawElementsInstanced, $1, $2, $3, $4, $5, 0) }
        glDrawElementsBaseVertex = { $0.drawElements(.glDrawElementsBaseVertex, $1, $2, $3, $4, 1, $5) }
        glDrawElementsInstancedBaseVertex = { $0.drawElements(.glDrawElementsInstancedBaseVertex, $1, $2, $3, $4, $5, $6) }
        glDrawElementsInstancedBaseInstance = { $0.drawElements(.glDrawElementsInstancedBaseInstance, $1, $2, $3, $4, $5, 0, baseInstance: $6) }
        glDrawElementsInstancedBaseVertexBaseInstance = {
            $0.drawElements(.glDrawElementsInstancedBaseVertexBaseInstance, $1, $2, $3, $4, $5, $6, baseInstance: $7)
        }
        glMultiDrawElements = { c, mode, count, type, indices, n in
            guard n >= 0 else { return c.recordError(GL_INVALID_VALUE, .glMultiDrawElements, "drawcount < 0") }
            for i in 0..<Int(n) { c.drawElements(.glMultiDrawElements, mode, count?[i] ?? 0, type, indices?[i], 1, 0) }
        }
        glMultiDrawArrays = { c, mode, first, count, n in
            guard n >= 0 else { return c.recordError(GL_INVALID_VALUE, .glMultiDrawArrays, "drawcount < 0") }
            for i in 0..<Int(n) { c.drawArrays(.glMultiDrawArrays, mode, first?[i] ?? 0, count?[i] ?? 0, 1, 0) }
        }
    }
}
