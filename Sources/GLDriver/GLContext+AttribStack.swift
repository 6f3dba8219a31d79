import GLCore

/// glPushAttrib / glPopAttrib and glPushClientAttrib / glPopClientAttrib (compatibility profile, GL 4.6
/// compatibility §21.6): each push saves a copy of the state the groups of its mask name; the pop restores those
/// groups. Restored per group: current values and raster position (GL_CURRENT_BIT), points, lines, polygons,
/// lighting (with shade model), colour buffer (blending, logic op, dither, write masks, clear colour), depth and
/// stencil buffers (tests, functions, masks, clear values), viewport and depth range, scissor, transform (matrix
/// mode, clip planes, depth clamp), enables, multisample, textures (every unit's bindings, the active unit,
/// texture enables), pixel zoom and the display-list base; client: pixel storage and the bound vertex array's
/// arrays. Fog, hints, evaluators, accumulation and fixed-function texture environments are not saved.
struct GLAttribStackState {
    struct Entry {
        var mask: GLbitfield
        var state: GLState
        var compat: GLCompatState
        var raster: GLRasterState
        var textureUnits: [[GLenum: GLTexture]]
        var listBase: GLuint
    }
    struct ClientEntry {
        var mask: GLbitfield
        var pixelStore: GLPixelStore
        var unpackLSBFirst: Bool
        var attributes: [GLVertexAttribute]
        var bindings: [GLVertexBinding]
        var clientActiveTexture: Int
        var arrayBuffer: GLBufferObject?
    }
    var stack: [Entry] = []
    var clientStack: [ClientEntry] = []
    /// GL_MAX_ATTRIB_STACK_DEPTH and GL_MAX_CLIENT_ATTRIB_STACK_DEPTH (the spec's minimum, 16).
    static let maxDepth = 16
}

extension GLContext {
    func pushAttrib(_ mask: GLbitfield) {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, .glPushAttrib, "inside glBegin … glEnd") }
        guard attribStack.stack.count < GLAttribStackState.maxDepth else { return recordError(GL_STACK_OVERFLOW, .glPushAttrib) }
        var compatCopy = compat
        compatCopy.currentValuesResource = nil
        attribStack.stack.append(.init(mask: mask, state: state, compat: compatCopy, raster: raster, textureUnits: textureUnits,
                                       listBase: displayLists.base))
    }

    func popAttrib() {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, .glPopAttrib, "inside glBegin … glEnd") }
        guard let e = attribStack.stack.popLast() else { return recordError(GL_STACK_UNDERFLOW, .glPopAttrib) }
        let m = e.mask, s = e.state
        func has(_ bit: GLenum) -> Bool { m & bit != 0 }
        if has(GL_CURRENT_BIT) {
            compat.currentValues = e.compat.currentValues
            compat.currentIsInteger = e.compat.currentIsInteger
            compat.currentIsLong = e.compat.currentIsLong
            raster.position = e.raster.position
            raster.valid = e.raster.valid
            raster.color = e.raster.color
        }
        if has(GL_POINT_BIT) { state.rasterizer.pointSize = s.rasterizer.pointSize }
        if has(GL_LINE_BIT) {
            state.rasterizer.lineWidth = s.rasterizer.lineWidth
            state.rasterizer.lineSmooth = s.rasterizer.lineSmooth
        }
        if has(GL_POLYGON_BIT) {
            let r = s.rasterizer
            state.rasterizer.cullFace = r.cullFace
            state.rasterizer.cullFaceMode = r.cullFaceMode
            state.rasterizer.frontFace = r.frontFace
            state.rasterizer.polygonMode = r.polygonMode
            state.rasterizer.polygonOffsetFill = r.polygonOffsetFill
            state.rasterizer.polygonOffsetLine = r.polygonOffsetLine
            state.rasterizer.polygonOffsetPoint = r.polygonOffsetPoint
            state.rasterizer.polygonOffsetFactor = r.polygonOffsetFactor
            state.rasterizer.polygonOffsetUnits = r.polygonOffsetUnits
            state.rasterizer.polygonOffsetClamp = r.polygonOffsetClamp
            state.rasterizer.polygonSmooth = r.polygonSmooth
        }
        if has(GL_LIGHTING_BIT) {
            state.rasterizer.flatShade = s.rasterizer.flatShade
            state.rasterizer.twoSidedColor = s.rasterizer.twoSidedColor
            state.rasterizer.provokingVertex = s.rasterizer.provokingVertex
            compat.lighting = e.compat.lighting
            compat.clampColor[GL_CLAMP_VERTEX_COLOR] = e.compat.clampColor[GL_CLAMP_VERTEX_COLOR]
        }
        if has(GL_COLOR_BUFFER_BIT) {
            state.blend.targets = s.blend.targets
            state.blend.logicOpEnabled = s.blend.logicOpEnabled
            state.blend.logicOp = s.blend.logicOp
            state.blend.dither = s.blend.dither
            state.blendColor = s.blendColor
            state.clear.color = s.clear.color
            compat.clampColor[GL_CLAMP_FRAGMENT_COLOR] = e.compat.clampColor[GL_CLAMP_FRAGMENT_COLOR]
            compat.clampColor[GL_CLAMP_READ_COLOR] = e.compat.clampColor[GL_CLAMP_READ_COLOR]
            state.rasterizer.framebufferSRGB = s.rasterizer.framebufferSRGB
        }
        if has(GL_DEPTH_BUFFER_BIT) {
            state.depthStencil.depthTest = s.depthStencil.depthTest
            state.depthStencil.depthFunction = s.depthStencil.depthFunction
            state.depthStencil.depthWriteMask = s.depthStencil.depthWriteMask
            state.clear.depth = s.clear.depth
        }
        if has(GL_STENCIL_BUFFER_BIT) {
            state.depthStencil.stencilTest = s.depthStencil.stencilTest
            state.depthStencil.front = s.depthStencil.front
            state.depthStencil.back = s.depthStencil.back
            state.clear.stencil = s.clear.stencil
        }
        if has(GL_VIEWPORT_BIT) {
            state.viewports = s.viewports
            state.depthRanges = s.depthRanges
        }
        if has(GL_SCISSOR_BIT) {
            state.scissors = s.scissors
            state.rasterizer.scissorTests = s.rasterizer.scissorTests
        }
        if has(GL_TRANSFORM_BIT) {
            compat.matrixMode = e.compat.matrixMode
            compat.clipPlanes = e.compat.clipPlanes
            state.rasterizer.clipDistances = s.rasterizer.clipDistances
            state.rasterizer.depthClamp = s.rasterizer.depthClamp
        }
        if has(GL_ENABLE_BIT) {
            for i in state.blend.targets.indices { state.blend.targets[i].enabled = s.blend.targets[i].enabled }
            state.blend.logicOpEnabled = s.blend.logicOpEnabled
            state.blend.dither = s.blend.dither
            state.blend.alphaToCoverage = s.blend.alphaToCoverage
            state.blend.alphaToOne = s.blend.alphaToOne
            state.depthStencil.depthTest = s.depthStencil.depthTest
            state.depthStencil.stencilTest = s.depthStencil.stencilTest
            let r = s.rasterizer
            state.rasterizer.cullFace = r.cullFace
            state.rasterizer.polygonOffsetFill = r.polygonOffsetFill
            state.rasterizer.polygonOffsetLine = r.polygonOffsetLine
            state.rasterizer.polygonOffsetPoint = r.polygonOffsetPoint
            state.rasterizer.lineSmooth = r.lineSmooth
            state.rasterizer.polygonSmooth = r.polygonSmooth
            state.rasterizer.scissorTests = r.scissorTests
            state.rasterizer.depthClamp = r.depthClamp
            state.rasterizer.multisample = r.multisample
            state.rasterizer.sampleShading = r.sampleShading
            state.rasterizer.framebufferSRGB = r.framebufferSRGB
            state.rasterizer.clipDistances = r.clipDistances
            state.rasterizer.programPointSize = r.programPointSize
            state.primitiveRestart = s.primitiveRestart
            compat.textureEnables = e.compat.textureEnables
            compat.lighting = e.compat.lighting
        }
        if has(GL_MULTISAMPLE_BIT) {
            state.rasterizer.multisample = s.rasterizer.multisample
            state.rasterizer.sampleShading = s.rasterizer.sampleShading
            state.blend.alphaToCoverage = s.blend.alphaToCoverage
            state.blend.alphaToOne = s.blend.alphaToOne
            state.minSampleShading = s.minSampleShading
        }
        if has(GL_TEXTURE_BIT) {
            textureUnits = e.textureUnits
            state.activeTexture = s.activeTexture
            compat.textureEnables = e.compat.textureEnables
        }
        if has(GL_PIXEL_MODE_BIT) {
            raster.zoomX = e.raster.zoomX
            raster.zoomY = e.raster.zoomY
        }
        if has(GL_LIST_BIT) { displayLists.base = e.listBase }
        state.dirty = .all
        compat.matrixSerial += 1
    }

    func pushClientAttrib(_ mask: GLbitfield) {
        guard attribStack.clientStack.count < GLAttribStackState.maxDepth else {
            return recordError(GL_STACK_OVERFLOW, .glPushClientAttrib)
        }
        attribStack.clientStack.append(.init(mask: mask, pixelStore: state.pixelStore, unpackLSBFirst: raster.unpackLSBFirst,
                                             attributes: vertexArray.attributes, bindings: vertexArray.bindings,
                                             clientActiveTexture: compat.clientActiveTexture, arrayBuffer: bufferBindings[GL_ARRAY_BUFFER]))
    }

    func popClientAttrib() {
        guard let e = attribStack.clientStack.popLast() else { return recordError(GL_STACK_UNDERFLOW, .glPopClientAttrib) }
        if e.mask & GL_CLIENT_PIXEL_STORE_BIT != 0 {
            state.pixelStore = e.pixelStore
            raster.unpackLSBFirst = e.unpackLSBFirst
        }
        if e.mask & GL_CLIENT_VERTEX_ARRAY_BIT != 0 {
            vertexArray.attributes = e.attributes
            vertexArray.bindings = e.bindings
            compat.clientActiveTexture = e.clientActiveTexture
            bufferBindings[GL_ARRAY_BUFFER] = e.arrayBuffer
            state.dirty.insert(.vertexLayout)
        }
    }
}

extension GLDispatch {
    func installAttribStack() {
        glPushAttrib = { c, mask in c.pushAttrib(mask) }
        glPopAttrib = { c in c.popAttrib() }
        glPushClientAttrib = { c, mask in c.pushClientAttrib(mask) }
        glPopClientAttrib = { c in c.popClientAttrib() }
    }
}
