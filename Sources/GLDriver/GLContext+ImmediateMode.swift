import GLCore

/// glBegin … glEnd (compatibility profile, GL 4.6 compatibility §10.7): immediate-mode primitives.
///
/// Between glBegin and glEnd every attribute setter (glColor*, glTexCoord*, glNormal*, glVertexAttrib*, …) writes
/// the primitive's working copy of the current values; attribute 0 (glVertex*, glVertexAttrib*(0, …)) appends a
/// vertex: a copy of all 16 attributes' four words. glEnd draws the vertices through the ordinary draw path
/// (`drawArrays` from vertex 0, so gl_VertexID counts from 0; quads and polygons are converted there) over a
/// private vertex array whose arrays are the attributes the primitive set, packed; the others read their current
/// values. Inside glNewList the primitive is drawn (and its last attribute values made current) when the list
/// runs. Edge flags are accepted and ignored (polygon mode GL_LINE draws every edge).
struct GLImmediateState {
    /// Between glBegin and glEnd.
    var active = false
    var mode: GLenum = 0
    /// The attributes' values as the next vertex takes them: 4 words × 16 attributes.
    var current: [UInt32] = []
    /// Attributes whose current value was set as integers, and attributes set inside this glBegin.
    var integer: UInt32 = 0
    var touched: UInt32 = 0
    /// The vertices so far, 64 words each.
    var vertices: [UInt32] = []
    /// False while compiling a list with GL_COMPILE: the values set do not become current now.
    var executes = true
    /// GL_EDGE_FLAG (recorded, not applied).
    var edgeFlag = true
}

/// Component conversions of the attribute setters (GL 4.6 compatibility §10.2, table 10.2 / equation 2.2):
/// `f` as is, `n` normalized fixed point to [-1, 1] or [0, 1], `word` an integer attribute's raw word.
enum GLImmediateConvert {
    static func f(_ x: GLfloat) -> GLfloat { x }
    static func f(_ x: GLdouble) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLshort) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLint) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLbyte) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLubyte) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLushort) -> GLfloat { GLfloat(x) }
    static func f(_ x: GLuint) -> GLfloat { GLfloat(x) }
    static func n(_ x: GLfloat) -> GLfloat { x }
    static func n(_ x: GLdouble) -> GLfloat { GLfloat(x) }
    static func n(_ x: GLbyte) -> GLfloat { max(GLfloat(x) / 127, -1) }
    static func n(_ x: GLshort) -> GLfloat { max(GLfloat(x) / 32767, -1) }
    static func n(_ x: GLint) -> GLfloat { GLfloat(max(Double(x) / 2147483647, -1)) }
    static func n(_ x: GLubyte) -> GLfloat { GLfloat(x) / 255 }
    static func n(_ x: GLushort) -> GLfloat { GLfloat(x) / 65535 }
    static func n(_ x: GLuint) -> GLfloat { GLfloat(Double(x) / 4294967295) }
    static func word(_ x: GLint) -> UInt32 { UInt32(bitPattern: x) }
    static func word(_ x: GLuint) -> UInt32 { x }
    static func word(_ x: GLshort) -> UInt32 { UInt32(bitPattern: Int32(x)) }
    static func word(_ x: GLbyte) -> UInt32 { UInt32(bitPattern: Int32(x)) }
    static func word(_ x: GLushort) -> UInt32 { UInt32(x) }
    static func word(_ x: GLubyte) -> UInt32 { UInt32(x) }
}

extension GLContext {
    /// glBegin.
    func beginPrimitive(_ mode: GLenum) {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, .glBegin, "glBegin inside glBegin … glEnd") }
        guard mode != GL_PATCHES else { return recordError(GL_INVALID_ENUM, .glBegin, "GL_PATCHES") }
        immediate.active = true
        immediate.mode = mode
        immediate.current = Array(compat.currentValues[0..<64])
        immediate.integer = 0
        for i in 0..<16 where compat.currentIsInteger[i] { immediate.integer |= 1 << i }
        immediate.touched = 0
        immediate.vertices.removeAll(keepingCapacity: true)
        immediate.executes = displayLists.compiling?.mode != GL_COMPILE
    }

    /// An attribute set between glBegin and glEnd (`i` validated); attribute 0 appends a vertex.
    func immediateAttribute(_ i: Int, _ words: [UInt32], integer: Bool) {
        guard i < 16 else { return }
        for c in 0..<4 { immediate.current[i * 4 + c] = words[c] }
        if integer { immediate.integer |= 1 << i } else { immediate.integer &= ~(1 << i) }
        immediate.touched |= 1 << i
        if i == 0 {
            immediate.vertices.append(contentsOf: immediate.current)
            return
        }
        guard immediate.executes else { return }
        for c in 0..<4 { compat.currentValues[i * 4 + c] = words[c] }
        compat.currentIsInteger[i] = integer
        compat.currentIsLong[i] = false
        state.dirty.insert(.vertexLayout)
    }

    /// glEnd: draws the primitive (or records it into the list being compiled).
    func endPrimitive() {
        guard immediate.active else { return recordError(GL_INVALID_OPERATION, .glEnd, "glEnd without glBegin") }
        immediate.active = false
        let count = immediate.vertices.count / 64
        let mode = immediate.mode
        var recorded = GLRecordedArrays(count: count)
        let touched = immediate.touched | 1
        immediate.vertices.withUnsafeBufferPointer { v in
            for i in 0..<16 where touched & (1 << i) != 0 {
                let bytes = GLDisplayListBytes(count: max(count, 1) * 16)
                let out = bytes.pointer.bindMemory(to: UInt32.self, capacity: max(count, 1) * 4)
                for k in 0..<count { for c in 0..<4 { out[k * 4 + c] = v[k * 64 + i * 4 + c] } }
                var format = GLVertexAttribute(bindingIndex: i)
                format.enabled = true
                format.size = 4
                let isInteger = immediate.integer & (1 << i) != 0
                format.type = isInteger ? GL_INT : GL_FLOAT
                format.integer = isInteger
                recorded.attributes.append(.init(index: i, format: format, bytes: bytes))
            }
        }
        // The values the primitive leaves current (attribute 0 has none in the compatibility profile).
        var finals: [(Int, [UInt32], Bool)] = []
        for i in 1..<16 where immediate.touched & (1 << i) != 0 {
            finals.append((i, Array(immediate.current[i * 4..<i * 4 + 4]), immediate.integer & (1 << i) != 0))
        }
        let draw: (GLContext) -> Void = { c in
            guard count > 0 else { return }
            c.drawRecorded(recorded) { c.drawArrays(.glEnd, mode, 0, GLsizei(count), 1, 0) }
        }
        if displayLists.active {
            displayLists.compiling?.list.operations.append { c in
                draw(c)
                for (i, words, integer) in finals { c.setCurrentValue(.glEnd, GLuint(i), words, integer: integer) }
            }
            guard displayLists.compiling?.mode == GL_COMPILE_AND_EXECUTE else { return }
        }
        draw(self)
    }

    /// glRect*: a polygon with corners (x1, y1) and (x2, y2), counter-clockwise from (x1, y1).
    func rect(_ command: GLCommand, _ x1: GLfloat, _ y1: GLfloat, _ x2: GLfloat, _ y2: GLfloat) {
        guard !immediate.active else { return recordError(GL_INVALID_OPERATION, command, "inside glBegin … glEnd") }
        beginPrimitive(GL_POLYGON)
        for (x, y) in [(x1, y1), (x2, y1), (x2, y2), (x1, y2)] {
            immediateAttribute(0, [x.bitPattern, y.bitPattern, 0, Float(1).bitPattern], integer: false)
        }
        endPrimitive()
    }

    /// The generic attribute of texture unit `unit`'s coordinates (glMultiTexCoord*), or nil (GL_INVALID_ENUM).
    func textureCoordinateAttribute(_ command: GLCommand, _ unit: GLenum) -> GLuint? {
        guard unit >= GL_TEXTURE0, unit < GL_TEXTURE0 + 8 else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(unit))
            return nil
        }
        return GLuint(GLFixedFunctionAttribute.multiTexCoord0) + unit - GL_TEXTURE0
    }

    /// An integer attribute's current value from 1 to 4 words (the rest 0, 0, 1).
    func setCurrentIntegers(_ command: GLCommand, _ index: GLuint, _ words: [UInt32]) {
        var w = words
        while w.count < 3 { w.append(0) }
        if w.count < 4 { w.append(1) }
        setCurrentValue(command, index, w, integer: true)
    }
}

extension GLDispatch {
    /// glBegin, glEnd, glRect*, glEdgeFlag and every attribute setter not installed elsewhere (after those).
    func installImmediateMode() {
        glBegin = { c, mode in c.beginPrimitive(mode) }
        glEnd = { c in c.endPrimitive() }
        glEdgeFlag = { c, flag in c.immediate.edgeFlag = flag != 0 }
        glEdgeFlagv = { c, v in if let v { c.immediate.edgeFlag = v[0] != 0 } }
        glRectf = { c, a, b, d, e in c.rect(.glRectf, a, b, d, e) }
        glRectd = { c, a, b, d, e in c.rect(.glRectd, GLfloat(a), GLfloat(b), GLfloat(d), GLfloat(e)) }
        glRecti = { c, a, b, d, e in c.rect(.glRecti, GLfloat(a), GLfloat(b), GLfloat(d), GLfloat(e)) }
        glRects = { c, a, b, d, e in c.rect(.glRects, GLfloat(a), GLfloat(b), GLfloat(d), GLfloat(e)) }
        glRectfv = { c, p, q in if let p, let q { c.rect(.glRectfv, p[0], p[1], q[0], q[1]) } }
        glRectdv = { c, p, q in if let p, let q { c.rect(.glRectdv, GLfloat(p[0]), GLfloat(p[1]), GLfloat(q[0]), GLfloat(q[1])) } }
        glRectiv = { c, p, q in if let p, let q { c.rect(.glRectiv, GLfloat(p[0]), GLfloat(p[1]), GLfloat(q[0]), GLfloat(q[1])) } }
        glRectsv = { c, p, q in if let p, let q { c.rect(.glRectsv, GLfloat(p[0]), GLfloat(p[1]), GLfloat(q[0]), GLfloat(q[1])) } }
        let color = GLuint(GLFixedFunctionAttribute.color), secondary = GLuint(GLFixedFunctionAttribute.secondaryColor)
        let normal = GLuint(GLFixedFunctionAttribute.normal), fog = GLuint(GLFixedFunctionAttribute.fogCoord)
        let t0 = GLuint(GLFixedFunctionAttribute.multiTexCoord0)
        _ = (color, secondary, normal, fog, t0)
        // One closure per setter not installed above (the conversions overload on the component type).
        if glColor3b == nil { glColor3b = { c, x, y, z in c.setCurrentFloats(.glColor3b, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3bv == nil { glColor3bv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3bv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3d == nil { glColor3d = { c, x, y, z in c.setCurrentFloats(.glColor3d, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3dv == nil { glColor3dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3dv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3f == nil { glColor3f = { c, x, y, z in c.setCurrentFloats(.glColor3f, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3fv == nil { glColor3fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3fv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3i == nil { glColor3i = { c, x, y, z in c.setCurrentFloats(.glColor3i, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3iv == nil { glColor3iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3iv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3s == nil { glColor3s = { c, x, y, z in c.setCurrentFloats(.glColor3s, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3sv == nil { glColor3sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3sv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3ub == nil { glColor3ub = { c, x, y, z in c.setCurrentFloats(.glColor3ub, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3ubv == nil { glColor3ubv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3ubv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3ui == nil { glColor3ui = { c, x, y, z in c.setCurrentFloats(.glColor3ui, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3uiv == nil { glColor3uiv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3uiv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor3us == nil { glColor3us = { c, x, y, z in c.setCurrentFloats(.glColor3us, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glColor3usv == nil { glColor3usv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor3usv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glColor4b == nil { glColor4b = { c, x, y, z, w in c.setCurrentFloats(.glColor4b, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4bv == nil { glColor4bv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4bv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4d == nil { glColor4d = { c, x, y, z, w in c.setCurrentFloats(.glColor4d, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4dv == nil { glColor4dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4dv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4f == nil { glColor4f = { c, x, y, z, w in c.setCurrentFloats(.glColor4f, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4fv == nil { glColor4fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4fv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4i == nil { glColor4i = { c, x, y, z, w in c.setCurrentFloats(.glColor4i, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4iv == nil { glColor4iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4iv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4s == nil { glColor4s = { c, x, y, z, w in c.setCurrentFloats(.glColor4s, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4sv == nil { glColor4sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4sv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4ub == nil { glColor4ub = { c, x, y, z, w in c.setCurrentFloats(.glColor4ub, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4ubv == nil { glColor4ubv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4ubv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4ui == nil { glColor4ui = { c, x, y, z, w in c.setCurrentFloats(.glColor4ui, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4uiv == nil { glColor4uiv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4uiv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glColor4us == nil { glColor4us = { c, x, y, z, w in c.setCurrentFloats(.glColor4us, color, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glColor4usv == nil { glColor4usv = { c, v in guard let v else { return }; c.setCurrentFloats(.glColor4usv, color, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glFogCoordd == nil { glFogCoordd = { c, x in c.setCurrentFloats(.glFogCoordd, fog, [GLImmediateConvert.f(x)]) } }
        if glFogCoorddv == nil { glFogCoorddv = { c, v in guard let v else { return }; c.setCurrentFloats(.glFogCoorddv, fog, [GLImmediateConvert.f(v[0])]) } }
        if glFogCoordf == nil { glFogCoordf = { c, x in c.setCurrentFloats(.glFogCoordf, fog, [GLImmediateConvert.f(x)]) } }
        if glFogCoordfv == nil { glFogCoordfv = { c, v in guard let v else { return }; c.setCurrentFloats(.glFogCoordfv, fog, [GLImmediateConvert.f(v[0])]) } }
        if glMultiTexCoord1d == nil { glMultiTexCoord1d = { c, unit, x in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1d, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord1d, i, [GLImmediateConvert.f(x)]) } }
        if glMultiTexCoord1dv == nil { glMultiTexCoord1dv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1dv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord1dv, i, [GLImmediateConvert.f(v[0])]) } }
        if glMultiTexCoord1f == nil { glMultiTexCoord1f = { c, unit, x in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1f, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord1f, i, [GLImmediateConvert.f(x)]) } }
        if glMultiTexCoord1fv == nil { glMultiTexCoord1fv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1fv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord1fv, i, [GLImmediateConvert.f(v[0])]) } }
        if glMultiTexCoord1i == nil { glMultiTexCoord1i = { c, unit, x in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1i, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord1i, i, [GLImmediateConvert.f(x)]) } }
        if glMultiTexCoord1iv == nil { glMultiTexCoord1iv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1iv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord1iv, i, [GLImmediateConvert.f(v[0])]) } }
        if glMultiTexCoord1s == nil { glMultiTexCoord1s = { c, unit, x in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1s, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord1s, i, [GLImmediateConvert.f(x)]) } }
        if glMultiTexCoord1sv == nil { glMultiTexCoord1sv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord1sv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord1sv, i, [GLImmediateConvert.f(v[0])]) } }
        if glMultiTexCoord2d == nil { glMultiTexCoord2d = { c, unit, x, y in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2d, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord2d, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glMultiTexCoord2dv == nil { glMultiTexCoord2dv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2dv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord2dv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glMultiTexCoord2f == nil { glMultiTexCoord2f = { c, unit, x, y in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2f, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord2f, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glMultiTexCoord2fv == nil { glMultiTexCoord2fv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2fv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord2fv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glMultiTexCoord2i == nil { glMultiTexCoord2i = { c, unit, x, y in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2i, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord2i, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glMultiTexCoord2iv == nil { glMultiTexCoord2iv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2iv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord2iv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glMultiTexCoord2s == nil { glMultiTexCoord2s = { c, unit, x, y in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2s, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord2s, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glMultiTexCoord2sv == nil { glMultiTexCoord2sv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord2sv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord2sv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glMultiTexCoord3d == nil { glMultiTexCoord3d = { c, unit, x, y, z in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3d, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord3d, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glMultiTexCoord3dv == nil { glMultiTexCoord3dv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3dv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord3dv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glMultiTexCoord3f == nil { glMultiTexCoord3f = { c, unit, x, y, z in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3f, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord3f, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glMultiTexCoord3fv == nil { glMultiTexCoord3fv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3fv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord3fv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glMultiTexCoord3i == nil { glMultiTexCoord3i = { c, unit, x, y, z in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3i, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord3i, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glMultiTexCoord3iv == nil { glMultiTexCoord3iv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3iv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord3iv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glMultiTexCoord3s == nil { glMultiTexCoord3s = { c, unit, x, y, z in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3s, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord3s, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glMultiTexCoord3sv == nil { glMultiTexCoord3sv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord3sv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord3sv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glMultiTexCoord4d == nil { glMultiTexCoord4d = { c, unit, x, y, z, w in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4d, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord4d, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glMultiTexCoord4dv == nil { glMultiTexCoord4dv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4dv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord4dv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glMultiTexCoord4f == nil { glMultiTexCoord4f = { c, unit, x, y, z, w in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4f, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord4f, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glMultiTexCoord4fv == nil { glMultiTexCoord4fv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4fv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord4fv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glMultiTexCoord4i == nil { glMultiTexCoord4i = { c, unit, x, y, z, w in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4i, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord4i, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glMultiTexCoord4iv == nil { glMultiTexCoord4iv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4iv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord4iv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glMultiTexCoord4s == nil { glMultiTexCoord4s = { c, unit, x, y, z, w in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4s, unit) else { return }; c.setCurrentFloats(.glMultiTexCoord4s, i, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glMultiTexCoord4sv == nil { glMultiTexCoord4sv = { c, unit, v in guard let i = c.textureCoordinateAttribute(.glMultiTexCoord4sv, unit) else { return }; guard let v else { return }; c.setCurrentFloats(.glMultiTexCoord4sv, i, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glNormal3b == nil { glNormal3b = { c, x, y, z in c.setCurrentFloats(.glNormal3b, normal, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glNormal3bv == nil { glNormal3bv = { c, v in guard let v else { return }; c.setCurrentFloats(.glNormal3bv, normal, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glNormal3d == nil { glNormal3d = { c, x, y, z in c.setCurrentFloats(.glNormal3d, normal, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glNormal3dv == nil { glNormal3dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glNormal3dv, normal, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glNormal3f == nil { glNormal3f = { c, x, y, z in c.setCurrentFloats(.glNormal3f, normal, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glNormal3fv == nil { glNormal3fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glNormal3fv, normal, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glNormal3i == nil { glNormal3i = { c, x, y, z in c.setCurrentFloats(.glNormal3i, normal, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glNormal3iv == nil { glNormal3iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glNormal3iv, normal, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glNormal3s == nil { glNormal3s = { c, x, y, z in c.setCurrentFloats(.glNormal3s, normal, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glNormal3sv == nil { glNormal3sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glNormal3sv, normal, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3b == nil { glSecondaryColor3b = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3b, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3bv == nil { glSecondaryColor3bv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3bv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3d == nil { glSecondaryColor3d = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3d, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3dv == nil { glSecondaryColor3dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3dv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3f == nil { glSecondaryColor3f = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3f, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3fv == nil { glSecondaryColor3fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3fv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3i == nil { glSecondaryColor3i = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3i, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3iv == nil { glSecondaryColor3iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3iv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3s == nil { glSecondaryColor3s = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3s, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3sv == nil { glSecondaryColor3sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3sv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3ub == nil { glSecondaryColor3ub = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3ub, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3ubv == nil { glSecondaryColor3ubv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3ubv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3ui == nil { glSecondaryColor3ui = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3ui, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3uiv == nil { glSecondaryColor3uiv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3uiv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glSecondaryColor3us == nil { glSecondaryColor3us = { c, x, y, z in c.setCurrentFloats(.glSecondaryColor3us, secondary, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z)]) } }
        if glSecondaryColor3usv == nil { glSecondaryColor3usv = { c, v in guard let v else { return }; c.setCurrentFloats(.glSecondaryColor3usv, secondary, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2])]) } }
        if glTexCoord1d == nil { glTexCoord1d = { c, x in c.setCurrentFloats(.glTexCoord1d, t0, [GLImmediateConvert.f(x)]) } }
        if glTexCoord1dv == nil { glTexCoord1dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord1dv, t0, [GLImmediateConvert.f(v[0])]) } }
        if glTexCoord1f == nil { glTexCoord1f = { c, x in c.setCurrentFloats(.glTexCoord1f, t0, [GLImmediateConvert.f(x)]) } }
        if glTexCoord1fv == nil { glTexCoord1fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord1fv, t0, [GLImmediateConvert.f(v[0])]) } }
        if glTexCoord1i == nil { glTexCoord1i = { c, x in c.setCurrentFloats(.glTexCoord1i, t0, [GLImmediateConvert.f(x)]) } }
        if glTexCoord1iv == nil { glTexCoord1iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord1iv, t0, [GLImmediateConvert.f(v[0])]) } }
        if glTexCoord1s == nil { glTexCoord1s = { c, x in c.setCurrentFloats(.glTexCoord1s, t0, [GLImmediateConvert.f(x)]) } }
        if glTexCoord1sv == nil { glTexCoord1sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord1sv, t0, [GLImmediateConvert.f(v[0])]) } }
        if glTexCoord2d == nil { glTexCoord2d = { c, x, y in c.setCurrentFloats(.glTexCoord2d, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glTexCoord2dv == nil { glTexCoord2dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord2dv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glTexCoord2f == nil { glTexCoord2f = { c, x, y in c.setCurrentFloats(.glTexCoord2f, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glTexCoord2fv == nil { glTexCoord2fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord2fv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glTexCoord2i == nil { glTexCoord2i = { c, x, y in c.setCurrentFloats(.glTexCoord2i, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glTexCoord2iv == nil { glTexCoord2iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord2iv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glTexCoord2s == nil { glTexCoord2s = { c, x, y in c.setCurrentFloats(.glTexCoord2s, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glTexCoord2sv == nil { glTexCoord2sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord2sv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glTexCoord3d == nil { glTexCoord3d = { c, x, y, z in c.setCurrentFloats(.glTexCoord3d, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glTexCoord3dv == nil { glTexCoord3dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord3dv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glTexCoord3f == nil { glTexCoord3f = { c, x, y, z in c.setCurrentFloats(.glTexCoord3f, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glTexCoord3fv == nil { glTexCoord3fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord3fv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glTexCoord3i == nil { glTexCoord3i = { c, x, y, z in c.setCurrentFloats(.glTexCoord3i, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glTexCoord3iv == nil { glTexCoord3iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord3iv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glTexCoord3s == nil { glTexCoord3s = { c, x, y, z in c.setCurrentFloats(.glTexCoord3s, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glTexCoord3sv == nil { glTexCoord3sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord3sv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glTexCoord4d == nil { glTexCoord4d = { c, x, y, z, w in c.setCurrentFloats(.glTexCoord4d, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glTexCoord4dv == nil { glTexCoord4dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord4dv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glTexCoord4f == nil { glTexCoord4f = { c, x, y, z, w in c.setCurrentFloats(.glTexCoord4f, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glTexCoord4fv == nil { glTexCoord4fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord4fv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glTexCoord4i == nil { glTexCoord4i = { c, x, y, z, w in c.setCurrentFloats(.glTexCoord4i, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glTexCoord4iv == nil { glTexCoord4iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord4iv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glTexCoord4s == nil { glTexCoord4s = { c, x, y, z, w in c.setCurrentFloats(.glTexCoord4s, t0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glTexCoord4sv == nil { glTexCoord4sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glTexCoord4sv, t0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertex2d == nil { glVertex2d = { c, x, y in c.setCurrentFloats(.glVertex2d, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertex2dv == nil { glVertex2dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex2dv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertex2f == nil { glVertex2f = { c, x, y in c.setCurrentFloats(.glVertex2f, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertex2fv == nil { glVertex2fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex2fv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertex2i == nil { glVertex2i = { c, x, y in c.setCurrentFloats(.glVertex2i, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertex2iv == nil { glVertex2iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex2iv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertex2s == nil { glVertex2s = { c, x, y in c.setCurrentFloats(.glVertex2s, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertex2sv == nil { glVertex2sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex2sv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertex3d == nil { glVertex3d = { c, x, y, z in c.setCurrentFloats(.glVertex3d, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertex3dv == nil { glVertex3dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex3dv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertex3f == nil { glVertex3f = { c, x, y, z in c.setCurrentFloats(.glVertex3f, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertex3fv == nil { glVertex3fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex3fv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertex3i == nil { glVertex3i = { c, x, y, z in c.setCurrentFloats(.glVertex3i, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertex3iv == nil { glVertex3iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex3iv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertex3s == nil { glVertex3s = { c, x, y, z in c.setCurrentFloats(.glVertex3s, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertex3sv == nil { glVertex3sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex3sv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertex4d == nil { glVertex4d = { c, x, y, z, w in c.setCurrentFloats(.glVertex4d, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertex4dv == nil { glVertex4dv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex4dv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertex4f == nil { glVertex4f = { c, x, y, z, w in c.setCurrentFloats(.glVertex4f, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertex4fv == nil { glVertex4fv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex4fv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertex4i == nil { glVertex4i = { c, x, y, z, w in c.setCurrentFloats(.glVertex4i, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertex4iv == nil { glVertex4iv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex4iv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertex4s == nil { glVertex4s = { c, x, y, z, w in c.setCurrentFloats(.glVertex4s, 0, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertex4sv == nil { glVertex4sv = { c, v in guard let v else { return }; c.setCurrentFloats(.glVertex4sv, 0, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib1d == nil { glVertexAttrib1d = { c, index, x in c.setCurrentFloats(.glVertexAttrib1d, index, [GLImmediateConvert.f(x)]) } }
        if glVertexAttrib1dv == nil { glVertexAttrib1dv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib1dv, index, [GLImmediateConvert.f(v[0])]) } }
        if glVertexAttrib1f == nil { glVertexAttrib1f = { c, index, x in c.setCurrentFloats(.glVertexAttrib1f, index, [GLImmediateConvert.f(x)]) } }
        if glVertexAttrib1fv == nil { glVertexAttrib1fv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib1fv, index, [GLImmediateConvert.f(v[0])]) } }
        if glVertexAttrib1s == nil { glVertexAttrib1s = { c, index, x in c.setCurrentFloats(.glVertexAttrib1s, index, [GLImmediateConvert.f(x)]) } }
        if glVertexAttrib1sv == nil { glVertexAttrib1sv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib1sv, index, [GLImmediateConvert.f(v[0])]) } }
        if glVertexAttrib2d == nil { glVertexAttrib2d = { c, index, x, y in c.setCurrentFloats(.glVertexAttrib2d, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertexAttrib2dv == nil { glVertexAttrib2dv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib2dv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertexAttrib2f == nil { glVertexAttrib2f = { c, index, x, y in c.setCurrentFloats(.glVertexAttrib2f, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertexAttrib2fv == nil { glVertexAttrib2fv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib2fv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertexAttrib2s == nil { glVertexAttrib2s = { c, index, x, y in c.setCurrentFloats(.glVertexAttrib2s, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y)]) } }
        if glVertexAttrib2sv == nil { glVertexAttrib2sv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib2sv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1])]) } }
        if glVertexAttrib3d == nil { glVertexAttrib3d = { c, index, x, y, z in c.setCurrentFloats(.glVertexAttrib3d, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertexAttrib3dv == nil { glVertexAttrib3dv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib3dv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertexAttrib3f == nil { glVertexAttrib3f = { c, index, x, y, z in c.setCurrentFloats(.glVertexAttrib3f, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertexAttrib3fv == nil { glVertexAttrib3fv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib3fv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertexAttrib3s == nil { glVertexAttrib3s = { c, index, x, y, z in c.setCurrentFloats(.glVertexAttrib3s, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z)]) } }
        if glVertexAttrib3sv == nil { glVertexAttrib3sv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib3sv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2])]) } }
        if glVertexAttrib4Nbv == nil { glVertexAttrib4Nbv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Nbv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4Niv == nil { glVertexAttrib4Niv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Niv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4Nsv == nil { glVertexAttrib4Nsv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Nsv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4Nub == nil { glVertexAttrib4Nub = { c, index, x, y, z, w in c.setCurrentFloats(.glVertexAttrib4Nub, index, [GLImmediateConvert.n(x), GLImmediateConvert.n(y), GLImmediateConvert.n(z), GLImmediateConvert.n(w)]) } }
        if glVertexAttrib4Nubv == nil { glVertexAttrib4Nubv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Nubv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4Nuiv == nil { glVertexAttrib4Nuiv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Nuiv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4Nusv == nil { glVertexAttrib4Nusv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4Nusv, index, [GLImmediateConvert.n(v[0]), GLImmediateConvert.n(v[1]), GLImmediateConvert.n(v[2]), GLImmediateConvert.n(v[3])]) } }
        if glVertexAttrib4bv == nil { glVertexAttrib4bv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4bv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4d == nil { glVertexAttrib4d = { c, index, x, y, z, w in c.setCurrentFloats(.glVertexAttrib4d, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertexAttrib4dv == nil { glVertexAttrib4dv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4dv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4f == nil { glVertexAttrib4f = { c, index, x, y, z, w in c.setCurrentFloats(.glVertexAttrib4f, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertexAttrib4fv == nil { glVertexAttrib4fv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4fv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4iv == nil { glVertexAttrib4iv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4iv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4s == nil { glVertexAttrib4s = { c, index, x, y, z, w in c.setCurrentFloats(.glVertexAttrib4s, index, [GLImmediateConvert.f(x), GLImmediateConvert.f(y), GLImmediateConvert.f(z), GLImmediateConvert.f(w)]) } }
        if glVertexAttrib4sv == nil { glVertexAttrib4sv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4sv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4ubv == nil { glVertexAttrib4ubv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4ubv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4uiv == nil { glVertexAttrib4uiv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4uiv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttrib4usv == nil { glVertexAttrib4usv = { c, index, v in guard let v else { return }; c.setCurrentFloats(.glVertexAttrib4usv, index, [GLImmediateConvert.f(v[0]), GLImmediateConvert.f(v[1]), GLImmediateConvert.f(v[2]), GLImmediateConvert.f(v[3])]) } }
        if glVertexAttribI1i == nil { glVertexAttribI1i = { c, index, x in c.setCurrentIntegers(.glVertexAttribI1i, index, [GLImmediateConvert.word(x)]) } }
        if glVertexAttribI1iv == nil { glVertexAttribI1iv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI1iv, index, [GLImmediateConvert.word(v[0])]) } }
        if glVertexAttribI1ui == nil { glVertexAttribI1ui = { c, index, x in c.setCurrentIntegers(.glVertexAttribI1ui, index, [GLImmediateConvert.word(x)]) } }
        if glVertexAttribI1uiv == nil { glVertexAttribI1uiv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI1uiv, index, [GLImmediateConvert.word(v[0])]) } }
        if glVertexAttribI2i == nil { glVertexAttribI2i = { c, index, x, y in c.setCurrentIntegers(.glVertexAttribI2i, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y)]) } }
        if glVertexAttribI2iv == nil { glVertexAttribI2iv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI2iv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1])]) } }
        if glVertexAttribI2ui == nil { glVertexAttribI2ui = { c, index, x, y in c.setCurrentIntegers(.glVertexAttribI2ui, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y)]) } }
        if glVertexAttribI2uiv == nil { glVertexAttribI2uiv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI2uiv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1])]) } }
        if glVertexAttribI3i == nil { glVertexAttribI3i = { c, index, x, y, z in c.setCurrentIntegers(.glVertexAttribI3i, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y), GLImmediateConvert.word(z)]) } }
        if glVertexAttribI3iv == nil { glVertexAttribI3iv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI3iv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2])]) } }
        if glVertexAttribI3ui == nil { glVertexAttribI3ui = { c, index, x, y, z in c.setCurrentIntegers(.glVertexAttribI3ui, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y), GLImmediateConvert.word(z)]) } }
        if glVertexAttribI3uiv == nil { glVertexAttribI3uiv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI3uiv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2])]) } }
        if glVertexAttribI4bv == nil { glVertexAttribI4bv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4bv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
        if glVertexAttribI4i == nil { glVertexAttribI4i = { c, index, x, y, z, w in c.setCurrentIntegers(.glVertexAttribI4i, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y), GLImmediateConvert.word(z), GLImmediateConvert.word(w)]) } }
        if glVertexAttribI4iv == nil { glVertexAttribI4iv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4iv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
        if glVertexAttribI4sv == nil { glVertexAttribI4sv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4sv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
        if glVertexAttribI4ubv == nil { glVertexAttribI4ubv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4ubv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
        if glVertexAttribI4ui == nil { glVertexAttribI4ui = { c, index, x, y, z, w in c.setCurrentIntegers(.glVertexAttribI4ui, index, [GLImmediateConvert.word(x), GLImmediateConvert.word(y), GLImmediateConvert.word(z), GLImmediateConvert.word(w)]) } }
        if glVertexAttribI4uiv == nil { glVertexAttribI4uiv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4uiv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
        if glVertexAttribI4usv == nil { glVertexAttribI4usv = { c, index, v in guard let v else { return }; c.setCurrentIntegers(.glVertexAttribI4usv, index, [GLImmediateConvert.word(v[0]), GLImmediateConvert.word(v[1]), GLImmediateConvert.word(v[2]), GLImmediateConvert.word(v[3])]) } }
    }
}
