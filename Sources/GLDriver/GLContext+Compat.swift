import GLCore
import VirglProtocol
import VirglTransport

#if canImport(Glibc)
import Glibc
#endif

/// Attribute locations of the fixed-function vertex inputs once `GLSLLegacyLowering` has turned them into
/// generic attributes (the aliasing NVIDIA documents; position is generic attribute 0 in the GL spec too).
enum GLFixedFunctionAttribute {
    static let vertex = 0, normal = 2, color = 3, secondaryColor = 4, fogCoord = 5, multiTexCoord0 = 8
    /// The lowered GLSL names and their locations, for the linker.
    static let bindings: [String: Int] = {
        var b = ["virglgl_Vertex": vertex, "virglgl_Normal": normal, "virglgl_Color": color,
                 "virglgl_SecondaryColor": secondaryColor, "virglgl_FogCoord": fogCoord]
        for i in 0..<8 { b["virglgl_MultiTexCoord\(i)"] = multiTexCoord0 + i }
        return b
    }()
}

/// State only the compatibility profile has, plus current generic attribute values (both profiles).
struct GLCompatState {
    /// Current values of the generic attributes, as four raw 32-bit words each (floats, or integers after
    /// glVertexAttribI*); gl_Color's current value starts white. After glVertexAttribL* the four words are the
    /// first two doubles, and the same attribute's four words at 64 + 4 × index the other two.
    var currentValues: [UInt32] = {
        var v = [UInt32](repeating: 0, count: 128)
        for i in 0..<16 { v[i * 4 + 3] = Float(1).bitPattern }
        for c in 0..<4 { v[GLFixedFunctionAttribute.color * 4 + c] = Float(1).bitPattern }
        return v
    }()
    /// Which current values were set as integers.
    var currentIsInteger = [Bool](repeating: false, count: 16)
    /// Which current values were set as doubles (glVertexAttribL*).
    var currentIsLong = [Bool](repeating: false, count: 16)
    /// The host buffer holding `currentValues` as drawn last, and what it holds.
    var currentValuesResource: VirglResource?
    var currentValuesInResource: [UInt32] = []
    /// glEnable(GL_TEXTURE_2D) and friends (fixed-function texturing, which is not implemented).
    var textureEnables: Set<GLenum> = []
    /// The texture unit glTexCoordPointer and GL_TEXTURE_COORD_ARRAY address.
    var clientActiveTexture = 0
    /// Matrix stacks: modelview, projection, texture 0…7 (column-major 4×4).
    var matrixMode: GLenum = GL_MODELVIEW
    var modelview: [[Float]] = [GLCompatState.identity]
    var projection: [[Float]] = [GLCompatState.identity]
    var texture: [[[Float]]] = [[[Float]]](repeating: [GLCompatState.identity], count: 8)
    /// User clip planes in eye coordinates (glClipPlane), sent to the host with SET_CLIP_STATE.
    var clipPlanes = [[Double]](repeating: [0, 0, 0, 0], count: 8)
    /// glClampColor's targets (GL_CLAMP_VERTEX_COLOR, GL_CLAMP_FRAGMENT_COLOR, GL_CLAMP_READ_COLOR): GL_TRUE,
    /// GL_FALSE or GL_FIXED_ONLY (GLContext+ColorClamp.swift).
    var clampColor: [GLenum: GLenum] = [GL_CLAMP_VERTEX_COLOR: GLenum(GL_TRUE), GL_CLAMP_FRAGMENT_COLOR: GL_FIXED_ONLY,
                                        GL_CLAMP_READ_COLOR: GL_FIXED_ONLY]
    /// Bumped when a matrix changes, so draws re-send the lowered matrix uniforms (and light state: glLight).
    var matrixSerial = 1
    /// glLight* state (GLContext+Lighting).
    var lighting = GLLightState()
    /// How many vertices client-memory arrays must supply for the draw being prepared.
    var drawVertexEnd = 0
    var drawInstances = 1
    /// The shift of the fragment shader's gl_PrimitiveID for the draw being prepared (GLContext+PrimitiveID).
    var drawPrimitiveIDShift = 0

    static let identity: [Float] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]

    static func multiply(_ a: [Float], _ b: [Float]) -> [Float] {
        var r = [Float](repeating: 0, count: 16)
        for c in 0..<4 { for row in 0..<4 { r[c * 4 + row] = (0..<4).reduce(0) { $0 + a[$1 * 4 + row] * b[c * 4 + $1] } } }
        return r
    }
}

extension GLContext {
    // MARK: current attribute values

    func setCurrentValue(_ command: GLCommand, _ index: GLuint, _ words: [UInt32], integer: Bool) {
        guard let i = attributeIndex(command, index) else { return }
        if immediate.active { return immediateAttribute(i, words, integer: integer) }
        for c in 0..<4 { compat.currentValues[i * 4 + c] = words[c] }
        compat.currentIsInteger[i] = integer
        compat.currentIsLong[i] = false
        state.dirty.insert(.vertexLayout)
    }

    func setCurrentFloats(_ command: GLCommand, _ index: GLuint, _ v: [GLfloat]) {
        var w = v.map(\.bitPattern)
        while w.count < 3 { w.append(0) }
        if w.count < 4 { w.append(Float(1).bitPattern) }
        setCurrentValue(command, index, w, integer: false)
    }

    /// The host buffer with every current value, re-made when the values changed since it was.
    func currentValuesBuffer(_ command: GLCommand) -> VirglResource? {
        if let r = compat.currentValuesResource, compat.currentValuesInResource == compat.currentValues { return r }
        if let old = compat.currentValuesResource { releaseResource(old) }
        compat.currentValuesResource = nil
        let values = compat.currentValues
        guard let r = streamBuffer(command, values.withUnsafeBytes { Array($0) }) else { return nil }
        compat.currentValuesResource = r
        compat.currentValuesInResource = values
        return r
    }

    /// A fresh host vertex buffer holding `bytes` (released again once the commands using it are submitted).
    func streamBuffer(_ command: GLCommand, _ bytes: [UInt8], bind: UInt32 = VirglBufferBind.vertexBuffer) -> VirglResource? {
        let size = max(bytes.count, 4)
        let info = VirglResourceInfo(target: 0, format: VirglBufferBind.byteFormat, bind: bind, width: UInt32(size), bytesPerTexel: 1)
        return withHost(command) { host in
            let r = try host.createResource(info)
            try bytes.withUnsafeBytes {
                try host.write(r, level: 0, box: VirglBox(x: 0, width: UInt32(bytes.count)), data: $0, stride: bytes.count, layerStride: bytes.count)
            }
            return r
        }
    }

    /// The vertices of a client-memory array a draw reads, copied into a stream buffer: (resource, stride).
    func clientArrayBuffer(_ command: GLCommand, _ a: GLVertexAttribute) -> (VirglResource, Int)? {
        let stride = a.effectiveStride
        let vertices = a.divisor > 0 ? (compat.drawInstances + Int(a.divisor) - 1) / Int(a.divisor) : compat.drawVertexEnd
        guard vertices > 0, let base = UnsafeRawPointer(bitPattern: a.offset) else { return nil }
        let elementSize = a.elementBytes
        let length = (vertices - 1) * stride + elementSize
        let bytes = Array(UnsafeRawBufferPointer(start: base, count: length))
        guard let r = streamBuffer(command, bytes) else { return nil }
        drawResources.append(r)  // given back once the draw is encoded
        return (r, stride)
    }

    // MARK: fixed-function arrays

    func fixedFunctionArray(_ cap: GLenum) -> Int? {
        switch cap {
        case GL_VERTEX_ARRAY: return GLFixedFunctionAttribute.vertex
        case GL_NORMAL_ARRAY: return GLFixedFunctionAttribute.normal
        case GL_COLOR_ARRAY: return GLFixedFunctionAttribute.color
        case GL_SECONDARY_COLOR_ARRAY: return GLFixedFunctionAttribute.secondaryColor
        case GL_FOG_COORD_ARRAY: return GLFixedFunctionAttribute.fogCoord
        case GL_TEXTURE_COORD_ARRAY: return GLFixedFunctionAttribute.multiTexCoord0 + compat.clientActiveTexture
        default: return nil
        }
    }

    // MARK: matrices

    var currentMatrix: [Float] {
        get {
            switch compat.matrixMode {
            case GL_PROJECTION: return compat.projection.last!
            case GL_TEXTURE: return compat.texture[activeUnit & 7].last!
            default: return compat.modelview.last!
            }
        }
        set {
            switch compat.matrixMode {
            case GL_PROJECTION: compat.projection[compat.projection.count - 1] = newValue
            case GL_TEXTURE: compat.texture[activeUnit & 7][compat.texture[activeUnit & 7].count - 1] = newValue
            default: compat.modelview[compat.modelview.count - 1] = newValue
            }
            compat.matrixSerial += 1
        }
    }

    func multiplyMatrix(_ m: [Float]) { currentMatrix = GLCompatState.multiply(currentMatrix, m) }

    func pushMatrix(_ pop: Bool) {
        let limit = compat.matrixMode == GL_MODELVIEW ? 32 : 4
        func edit(_ stack: inout [[Float]]) -> GLenum? {
            if pop {
                guard stack.count > 1 else { return GL_STACK_UNDERFLOW }
                stack.removeLast()
            } else {
                guard stack.count < limit else { return GL_STACK_OVERFLOW }
                stack.append(stack.last!)
            }
            return nil
        }
        let error: GLenum?
        switch compat.matrixMode {
        case GL_PROJECTION: error = edit(&compat.projection)
        case GL_TEXTURE: error = edit(&compat.texture[activeUnit & 7])
        default: error = edit(&compat.modelview)
        }
        if let error { return recordError(error, pop ? .glPopMatrix : .glPushMatrix, "matrix stack") }
        compat.matrixSerial += 1
    }

    /// The values of the lowered fixed-function matrix uniforms a program uses.
    func fixedFunctionMatrix(_ name: String) -> [Float]? {
        let mv = compat.modelview.last!, p = compat.projection.last!
        switch name {
        case "virglgl_ModelViewMatrix": return mv
        case "virglgl_ProjectionMatrix": return p
        case "virglgl_ModelViewProjectionMatrix": return GLCompatState.multiply(p, mv)
        case "virglgl_NormalMatrix":
            // The upper 3×3 of the modelview's inverse transpose; for the rotations and uniform scales of tests,
            // the upper 3×3 itself, normalised per column.
            return [mv[0], mv[1], mv[2], mv[4], mv[5], mv[6], mv[8], mv[9], mv[10]]
        default:
            if name.hasPrefix("virglgl_TextureMatrix[") , let i = Int(name.dropFirst(22).prefix { $0.isNumber }), i < 8 {
                return compat.texture[i].last!
            }
            return nil
        }
    }

    /// Writes the lowered fixed-function matrices into `p`'s uniforms when they changed since the last draw.
    func updateFixedFunctionUniforms(_ p: GLProgram) {
        if p.depthRangeWritten != state.depthRange, p.hasLinkedProgram {
            // gl_DepthRange (lowered to the uniform struct virglgl_DepthRange): near, far and far - near.
            p.depthRangeWritten = state.depthRange
            let values = [state.depthRange[0], state.depthRange[1], state.depthRange[1] - state.depthRange[0]]
            for (location, u) in p.uniformLocations.enumerated() where u.name.hasPrefix("virglgl_DepthRange.") {
                let field = ["virglgl_DepthRange.near", "virglgl_DepthRange.far", "virglgl_DepthRange.diff"].firstIndex(of: u.name) ?? 0
                setUniform(.glUniform1f, GLint(location), 1, .float, Float(values[field]).bitPattern)
            }
        }
        if p.usesNumSamples, p.hasLinkedProgram {
            // gl_NumSamples (lowered to virglgl_NumSamples): the draw framebuffer's samples, 1 when single-sampled.
            let samples = max(1, drawFramebuffer?.attachments.first?.samples ?? 0)
            if p.numSamplesWritten != samples, let location = p.uniformLocations.firstIndex(where: { $0.name == "virglgl_NumSamples" }) {
                p.numSamplesWritten = samples
                setUniform(.glUniform1i, GLint(location), 1, .int, UInt32(samples))
            }
        }
        updateVertexColorClamp(p)
        updatePrimitiveIDShift(p)
        guard p.matrixSerial != compat.matrixSerial, p.hasLinkedProgram else { return }
        p.matrixSerial = compat.matrixSerial
        updateLightUniforms(p)
        for (location, u) in p.uniformLocations.enumerated() where u.name.hasPrefix("virglgl_") {
            guard let m = fixedFunctionMatrix(u.name) else { continue }
            let columns = m.count == 9 ? 3 : 4
            m.withUnsafeBufferPointer { setUniformMatrix(.glUniformMatrix4fv, GLint(location), 1, 0, columns, columns, $0.baseAddress) }
        }
    }
}

extension GLDispatch {
    func installCompat() {
        // Current generic attribute values (both profiles).
        glVertexAttrib1f = { c, i, x in c.setCurrentFloats(.glVertexAttrib1f, i, [x]) }
        glVertexAttrib2f = { c, i, x, y in c.setCurrentFloats(.glVertexAttrib2f, i, [x, y]) }
        glVertexAttrib3f = { c, i, x, y, z in c.setCurrentFloats(.glVertexAttrib3f, i, [x, y, z]) }
        glVertexAttrib4f = { c, i, x, y, z, w in c.setCurrentFloats(.glVertexAttrib4f, i, [x, y, z, w]) }
        glVertexAttrib1fv = { c, i, v in if let v { c.setCurrentFloats(.glVertexAttrib1fv, i, [v[0]]) } }
        glVertexAttrib2fv = { c, i, v in if let v { c.setCurrentFloats(.glVertexAttrib2fv, i, [v[0], v[1]]) } }
        glVertexAttrib3fv = { c, i, v in if let v { c.setCurrentFloats(.glVertexAttrib3fv, i, [v[0], v[1], v[2]]) } }
        glVertexAttrib4fv = { c, i, v in if let v { c.setCurrentFloats(.glVertexAttrib4fv, i, [v[0], v[1], v[2], v[3]]) } }
        glVertexAttribI4i = { c, i, x, y, z, w in c.setCurrentValue(.glVertexAttribI4i, i, [x, y, z, w].map { UInt32(bitPattern: $0) }, integer: true) }
        glVertexAttribI4ui = { c, i, x, y, z, w in c.setCurrentValue(.glVertexAttribI4ui, i, [x, y, z, w], integer: true) }
        glVertexAttribI4iv = { c, i, v in if let v { c.setCurrentValue(.glVertexAttribI4iv, i, (0..<4).map { UInt32(bitPattern: v[$0]) }, integer: true) } }
        glVertexAttribI4uiv = { c, i, v in if let v { c.setCurrentValue(.glVertexAttribI4uiv, i, (0..<4).map { v[$0] }, integer: true) } }

        // Fixed-function arrays: generic attributes at the fixed-function locations.
        glVertexPointer = { c, size, type, stride, p in
            c.vertexAttribPointer(.glVertexPointer, GLuint(GLFixedFunctionAttribute.vertex), size, type, false, false, stride, p)
        }
        glColorPointer = { c, size, type, stride, p in
            c.vertexAttribPointer(.glColorPointer, GLuint(GLFixedFunctionAttribute.color), size, type, type != GL_FLOAT && type != GL_DOUBLE, false, stride, p)
        }
        glNormalPointer = { c, type, stride, p in
            c.vertexAttribPointer(.glNormalPointer, GLuint(GLFixedFunctionAttribute.normal), 3, type, type != GL_FLOAT && type != GL_DOUBLE, false, stride, p)
        }
        glTexCoordPointer = { c, size, type, stride, p in
            c.vertexAttribPointer(.glTexCoordPointer, GLuint(GLFixedFunctionAttribute.multiTexCoord0 + c.compat.clientActiveTexture), size, type, false, false, stride, p)
        }
        glClientActiveTexture = { c, unit in
            guard unit >= GL_TEXTURE0, unit < GL_TEXTURE0 + 8 else { return c.recordError(GL_INVALID_ENUM, .glClientActiveTexture, GLEnumNames.describe(unit)) }
            c.compat.clientActiveTexture = Int(unit - GL_TEXTURE0)
        }
        glEnableClientState = { c, cap in
            guard let i = c.fixedFunctionArray(cap) else { return c.recordError(GL_INVALID_ENUM, .glEnableClientState, GLEnumNames.describe(cap)) }
            c.setAttributeEnabled(.glEnableClientState, GLuint(i), true)
        }
        glDisableClientState = { c, cap in
            guard let i = c.fixedFunctionArray(cap) else { return c.recordError(GL_INVALID_ENUM, .glDisableClientState, GLEnumNames.describe(cap)) }
            c.setAttributeEnabled(.glDisableClientState, GLuint(i), false)
        }
        let color = GLuint(GLFixedFunctionAttribute.color), normal = GLuint(GLFixedFunctionAttribute.normal)
        glColor3f = { c, r, g, b in c.setCurrentFloats(.glColor3f, color, [r, g, b, 1]) }
        glColor4f = { c, r, g, b, a in c.setCurrentFloats(.glColor4f, color, [r, g, b, a]) }
        glColor3fv = { c, v in if let v { c.setCurrentFloats(.glColor3fv, color, [v[0], v[1], v[2], 1]) } }
        glColor4fv = { c, v in if let v { c.setCurrentFloats(.glColor4fv, color, [v[0], v[1], v[2], v[3]]) } }
        glColor4ub = { c, r, g, b, a in c.setCurrentFloats(.glColor4ub, color, [r, g, b, a].map { GLfloat($0) / 255 }) }
        glColor3ub = { c, r, g, b in c.setCurrentFloats(.glColor3ub, color, [r, g, b].map { GLfloat($0) / 255 } + [1]) }
        glNormal3f = { c, x, y, z in c.setCurrentFloats(.glNormal3f, normal, [x, y, z, 1]) }
        glTexCoord2f = { c, s, t in c.setCurrentFloats(.glTexCoord2f, GLuint(GLFixedFunctionAttribute.multiTexCoord0), [s, t, 0, 1]) }
        glTexCoord4f = { c, s, t, r, q in c.setCurrentFloats(.glTexCoord4f, GLuint(GLFixedFunctionAttribute.multiTexCoord0), [s, t, r, q]) }
        glMultiTexCoord2f = { c, unit, s, t in
            guard unit >= GL_TEXTURE0, unit < GL_TEXTURE0 + 8 else { return c.recordError(GL_INVALID_ENUM, .glMultiTexCoord2f, GLEnumNames.describe(unit)) }
            c.setCurrentFloats(.glMultiTexCoord2f, GLuint(GLFixedFunctionAttribute.multiTexCoord0) + unit - GL_TEXTURE0, [s, t, 0, 1])
        }

        glShadeModel = { c, mode in
            guard mode == GL_FLAT || mode == GL_SMOOTH else { return c.recordError(GL_INVALID_ENUM, .glShadeModel, GLEnumNames.describe(mode)) }
            if c.state.rasterizer.flatShade != (mode == GL_FLAT) {
                c.state.rasterizer.flatShade = mode == GL_FLAT
                c.state.dirty.insert(.rasterizer)
            }
        }

        // Matrices.
        glMatrixMode = { c, mode in
            guard [GL_MODELVIEW, GL_PROJECTION, GL_TEXTURE].contains(mode) else { return c.recordError(GL_INVALID_ENUM, .glMatrixMode, GLEnumNames.describe(mode)) }
            c.compat.matrixMode = mode
        }
        glLoadIdentity = { c in c.currentMatrix = GLCompatState.identity }
        glLoadMatrixf = { c, m in if let m { c.currentMatrix = (0..<16).map { m[$0] } } }
        glLoadMatrixd = { c, m in if let m { c.currentMatrix = (0..<16).map { Float(m[$0]) } } }
        glMultMatrixf = { c, m in if let m { c.multiplyMatrix((0..<16).map { m[$0] }) } }
        glMultMatrixd = { c, m in if let m { c.multiplyMatrix((0..<16).map { Float(m[$0]) }) } }
        glPushMatrix = { c in c.pushMatrix(false) }
        glPopMatrix = { c in c.pushMatrix(true) }
        glOrtho = { c, l, r, b, t, n, f in
            guard l != r, b != t, n != f else { return c.recordError(GL_INVALID_VALUE, .glOrtho, "an empty volume") }
            c.multiplyMatrix([Float(2 / (r - l)), 0, 0, 0, 0, Float(2 / (t - b)), 0, 0, 0, 0, Float(-2 / (f - n)), 0,
                              Float(-(r + l) / (r - l)), Float(-(t + b) / (t - b)), Float(-(f + n) / (f - n)), 1])
        }
        glFrustum = { c, l, r, b, t, n, f in
            guard n > 0, f > 0, l != r, b != t, n != f else { return c.recordError(GL_INVALID_VALUE, .glFrustum, "near, far or the volume") }
            c.multiplyMatrix([Float(2 * n / (r - l)), 0, 0, 0, 0, Float(2 * n / (t - b)), 0, 0,
                              Float((r + l) / (r - l)), Float((t + b) / (t - b)), Float(-(f + n) / (f - n)), -1, 0, 0, Float(-2 * f * n / (f - n)), 0])
        }
        glTranslatef = { c, x, y, z in c.multiplyMatrix([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1]) }
        glTranslated = { c, x, y, z in c.multiplyMatrix([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, Float(x), Float(y), Float(z), 1]) }
        glScalef = { c, x, y, z in c.multiplyMatrix([x, 0, 0, 0, 0, y, 0, 0, 0, 0, z, 0, 0, 0, 0, 1]) }
        glScaled = { c, x, y, z in c.multiplyMatrix([Float(x), 0, 0, 0, 0, Float(y), 0, 0, 0, 0, Float(z), 0, 0, 0, 0, 1]) }
        glRotatef = { c, angle, x, y, z in
            let len = (x * x + y * y + z * z).squareRoot()
            guard len > 0 else { return }
            let (ux, uy, uz) = (x / len, y / len, z / len)
            let a = angle * .pi / 180, s = sinf(a), co = cosf(a), t = 1 - co
            c.multiplyMatrix([t * ux * ux + co, t * ux * uy + s * uz, t * ux * uz - s * uy, 0,
                              t * ux * uy - s * uz, t * uy * uy + co, t * uy * uz + s * ux, 0,
                              t * ux * uz + s * uy, t * uy * uz - s * ux, t * uz * uz + co, 0, 0, 0, 0, 1])
        }
    }
}
