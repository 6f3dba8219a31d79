import GLCore
import VirglProtocol

/// Viewport arrays (GL 4.1, GL_ARB_viewport_array): GL_MAX_VIEWPORTS viewports, depth ranges and scissor boxes,
/// each with its own scissor test; a geometry shader picks one per primitive with gl_ViewportIndex. glViewport,
/// glDepthRange and glScissor set every one of them (GL 4.6 §13.6.1, §14.9.2). All of them go to the host at
/// once: SET_VIEWPORT_STATE and SET_SCISSOR_STATE take a start slot and several entries.
extension GLContext {
    /// The number of viewports the context exposes (GL_MAX_VIEWPORTS).
    var viewportCount: Int { Int(state.limits.maxViewports) }

    /// Reads GL_MAX_VIEWPORTS from the host's caps: at most the slots virgl has, and 1 from a host without
    /// viewport arrays (GL_ARB_viewport_array is then not listed).
    func applyViewportLimits(_ caps: VirglCapsV2) {
        guard caps.maxViewports > 0 else { return }
        state.limits.maxViewports = GLint(min(Int(caps.maxViewports), GLState.viewportSlots))
    }

    /// Whether viewport arrays are exposed: the host draws with GL_MAX_VIEWPORTS ≥ 16 (the GL 4.1 minimum) and
    /// has GLSL 4.10 (or the extension) for gl_ViewportIndex.
    var supportsViewportArrays: Bool {
        _ = host  // the limits come from the host's caps
        guard let v = hostGLVersion else { return false }
        return (v.major, v.minor) >= (4, 1) && state.limits.maxViewports >= 16
    }

    /// GL_INVALID_VALUE unless viewports `first..<first + count` exist.
    func checkViewportRange(_ command: GLCommand, _ first: GLuint, _ count: GLsizei) -> Bool {
        guard count >= 0, Int(first) + Int(count) <= viewportCount else {
            recordError(GL_INVALID_VALUE, command, "viewports \(first) + \(count) > GL_MAX_VIEWPORTS (\(viewportCount))")
            return false
        }
        return true
    }

    /// Sets viewport `index`: the origin clamps to GL_VIEWPORT_BOUNDS_RANGE, the size to GL_MAX_VIEWPORT_DIMS.
    /// The caller has checked the index and that the size is not negative.
    func storeViewport(_ index: Int, _ x: GLfloat, _ y: GLfloat, _ w: GLfloat, _ h: GLfloat) {
        let bounds = state.limits.viewportBoundsRange, dims = state.limits.maxViewportDims
        let v = [
            min(max(x, bounds[0]), bounds[1]), min(max(y, bounds[0]), bounds[1]),
            min(w, GLfloat(dims[0])), min(h, GLfloat(dims[1])),
        ]
        if state.viewports[index] != v {
            state.viewports[index] = v
            state.dirty.insert(.viewport)
        }
    }

    /// glViewportArrayv / glViewportIndexedf(v): `values` holds x, y, width, height per viewport. A negative
    /// width or height (or NaN) is GL_INVALID_VALUE, and nothing changes.
    func viewportArray(_ command: GLCommand, _ first: GLuint, _ count: GLsizei, _ values: UnsafePointer<GLfloat>?) {
        guard checkViewportRange(command, first, count) else { return }
        guard let values, count > 0 else { return }
        for i in 0..<Int(count) where !(values[4 * i + 2] >= 0 && values[4 * i + 3] >= 0) {
            return recordError(GL_INVALID_VALUE, command, "viewport \(Int(first) + i): negative width or height")
        }
        for i in 0..<Int(count) {
            storeViewport(Int(first) + i, values[4 * i], values[4 * i + 1], values[4 * i + 2], values[4 * i + 3])
        }
    }

    /// glViewport: every viewport (negative sizes are GL_INVALID_VALUE).
    func viewportAll(_ x: GLint, _ y: GLint, _ w: GLsizei, _ h: GLsizei) {
        guard w >= 0, h >= 0 else { return recordError(GL_INVALID_VALUE, .glViewport, "negative width or height") }
        for i in 0..<viewportCount { storeViewport(i, GLfloat(x), GLfloat(y), GLfloat(w), GLfloat(h)) }
    }

    /// glScissorArrayv / glScissorIndexed(v): x, y, width, height per box; negative sizes are GL_INVALID_VALUE.
    func scissorArray(_ command: GLCommand, _ first: GLuint, _ count: GLsizei, _ values: UnsafePointer<GLint>?) {
        guard checkViewportRange(command, first, count) else { return }
        guard let values, count > 0 else { return }
        for i in 0..<Int(count) where values[4 * i + 2] < 0 || values[4 * i + 3] < 0 {
            return recordError(GL_INVALID_VALUE, command, "scissor box \(Int(first) + i): negative width or height")
        }
        for i in 0..<Int(count) {
            let box = [values[4 * i], values[4 * i + 1], values[4 * i + 2], values[4 * i + 3]]
            if state.scissors[Int(first) + i] != box {
                state.scissors[Int(first) + i] = box
                state.dirty.insert(.scissor)
            }
        }
    }

    /// glScissor: every scissor box.
    func scissorAll(_ x: GLint, _ y: GLint, _ w: GLsizei, _ h: GLsizei) {
        guard w >= 0, h >= 0 else { return recordError(GL_INVALID_VALUE, .glScissor, "negative width or height") }
        let box = [x, y, w, h]
        for i in 0..<viewportCount where state.scissors[i] != box {
            state.scissors[i] = box
            state.dirty.insert(.scissor)
        }
    }

    /// glDepthRangeArrayv / glDepthRangeIndexed: near, far per viewport, clamped to [0, 1].
    func depthRangeArray(_ command: GLCommand, _ first: GLuint, _ count: GLsizei, _ values: UnsafePointer<GLdouble>?) {
        guard checkViewportRange(command, first, count) else { return }
        guard let values, count > 0 else { return }
        for i in 0..<Int(count) { storeDepthRange(Int(first) + i, values[2 * i], values[2 * i + 1]) }
    }

    func storeDepthRange(_ index: Int, _ near: GLdouble, _ far: GLdouble) {
        let range = [min(max(near, 0), 1), min(max(far, 0), 1)]
        if state.depthRanges[index] != range {
            state.depthRanges[index] = range
            state.dirty.insert(.viewport)
        }
    }

    /// glDepthRange / glDepthRangef: every viewport's.
    func depthRangeAll(_ near: GLdouble, _ far: GLdouble) {
        for i in 0..<viewportCount { storeDepthRange(i, near, far) }
    }

    /// glEnablei / glDisablei: GL_BLEND per draw buffer, GL_SCISSOR_TEST per viewport.
    func setCapability(_ command: GLCommand, _ cap: GLenum, index: GLuint, _ on: Bool) {
        switch cap {
        case GL_BLEND:
            guard let i = drawBufferIndex(index, command) else { return }
            updateBlend(i) { $0.enabled = on }
        case GL_SCISSOR_TEST:
            guard checkViewportRange(command, index, 1) else { return }
            if state.rasterizer.scissorTests[Int(index)] != on {
                state.rasterizer.scissorTests[Int(index)] = on
                state.dirty.insert(.rasterizer)
            }
        default:
            recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(cap)) is not an indexed capability")
        }
    }

    /// glIsEnabledi.
    func isEnabled(_ cap: GLenum, index: GLuint) -> GLboolean {
        switch cap {
        case GL_BLEND:
            guard let i = drawBufferIndex(index, .glIsEnabledi) else { return 0 }
            return state.blend.targets[i].enabled ? 1 : 0
        case GL_SCISSOR_TEST:
            guard checkViewportRange(.glIsEnabledi, index, 1) else { return 0 }
            return state.rasterizer.scissorTests[Int(index)] ? 1 : 0
        default:
            recordError(GL_INVALID_ENUM, .glIsEnabledi, "\(GLEnumNames.describe(cap)) is not an indexed capability")
            return 0
        }
    }

    /// An indexed glGet*i_v answer: the viewport state here, the buffer bindings and blend state in
    /// `indexedValue`.
    func indexedQuery(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> GLQueryValue? {
        switch pname {
        case GL_VIEWPORT, GL_SCISSOR_BOX, GL_DEPTH_RANGE, GL_SCISSOR_TEST:
            guard checkViewportRange(command, index, 1) else { return nil }
            let i = Int(index)
            switch pname {
            case GL_VIEWPORT: return .floats(state.viewports[i].map { Double($0) })
            case GL_SCISSOR_BOX: return .ints(state.scissors[i].map { Int64($0) })
            case GL_DEPTH_RANGE: return .doubles(state.depthRanges[i])
            default: return .bools([state.rasterizer.scissorTests[i]])
            }
        case GL_BLEND:
            guard let i = drawBufferIndex(index, command) else { return nil }
            return .bools([state.blend.targets[i].enabled])
        case GL_COLOR_WRITEMASK:
            guard let i = drawBufferIndex(index, command) else { return nil }
            let m = state.blend.targets[i].writeMask
            return .bools((0..<4).map { m & (1 << $0) != 0 })
        case GL_MAX_COMPUTE_WORK_GROUP_COUNT, GL_MAX_COMPUTE_WORK_GROUP_SIZE:
            return computeIndexedLimit(command, pname, index)
        case GL_VERTEX_BINDING_BUFFER, GL_VERTEX_BINDING_OFFSET, GL_VERTEX_BINDING_STRIDE, GL_VERTEX_BINDING_DIVISOR:
            return vertexBindingValue(command, pname, index).map { .ints([$0]) }
        default:
            if let v = imageIndexedQuery(command, pname, index) { return v }
            return indexedValue(command, pname, index).map { .ints([$0]) }
        }
    }

    /// Runs an indexed glGet; a null pointer is ignored.
    func getIndexed<T>(_ command: GLCommand, _ pname: GLenum, _ index: GLuint, _ data: UnsafeMutablePointer<T>?, _ convert: (GLQueryValue) -> [T]) {
        guard let value = indexedQuery(command, pname, index), let data else { return }
        for (i, v) in convert(value).enumerated() { data[i] = v }
    }

    /// What SET_VIEWPORT_STATE sends for viewport `i`: scale and translate from its rectangle and depth range.
    func virglViewport(_ i: Int) -> VirglViewport {
        let v = state.viewports[i], d = state.depthRanges[i].map(Float.init)
        // glClipControl (GLContext+ClipControl.swift): z in [0, 1] maps onto the depth range whole; an upper-left
        // origin turns y over.
        let zeroToOne = state.rasterizer.clipDepthMode == GL_ZERO_TO_ONE
        let flipY: Float = state.rasterizer.clipOrigin == GL_UPPER_LEFT ? -1 : 1
        return VirglViewport(
            scaleX: v[2] / 2, scaleY: flipY * v[3] / 2, scaleZ: zeroToOne ? d[1] - d[0] : (d[1] - d[0]) / 2, translateX: v[0] + v[2] / 2,
            translateY: v[1] + v[3] / 2, translateZ: zeroToOne ? d[0] : (d[1] + d[0]) / 2)
    }

    /// What SET_SCISSOR_STATE sends for viewport `i`: its box, or everything when its scissor test is off (the
    /// host's rasterizer scissors all viewports when any test is on).
    func virglScissor(_ i: Int) -> VirglScissor {
        guard state.rasterizer.scissorTests[i] else { return VirglScissor(minxy: 0, maxxy: 0xFFFF_FFFF) }
        let s = state.scissors[i]
        let minxy = UInt32(clamping: min(max(0, Int(s[0])), 0xFFFF)) | UInt32(clamping: min(max(0, Int(s[1])), 0xFFFF)) << 16
        let maxxy = UInt32(clamping: max(0, min(Int(s[0]) + Int(s[2]), 0xFFFF))) | UInt32(clamping: max(0, min(Int(s[1]) + Int(s[3]), 0xFFFF))) << 16
        return VirglScissor(minxy: minxy, maxxy: maxxy)
    }

    /// Sends the viewports and scissor boxes that changed since the host last had them (one command each, from
    /// the first changed slot to the last).
    func emitViewportAndScissor() {
        let n = viewportCount
        let viewports = (0..<n).map(virglViewport)
        if let range = Self.changedRange(emitted.viewports, viewports) {
            commands.encodeSetViewportState(startSlot: UInt32(range.lowerBound), viewports: Array(viewports[range]))
            emitted.viewports = viewports
        }
        let scissors = (0..<n).map(virglScissor)
        if let range = Self.changedRange(emitted.scissors, scissors) {
            commands.encodeSetScissorState(startSlot: UInt32(range.lowerBound), scissors: Array(scissors[range]))
            emitted.scissors = scissors
        }
    }

    /// The slots from the first to the last where `new` differs from `old` (all of `new` when the counts differ).
    static func changedRange<T: Equatable>(_ old: [T], _ new: [T]) -> ClosedRange<Int>? {
        guard !new.isEmpty else { return nil }
        guard old.count == new.count else { return 0...(new.count - 1) }
        guard let first = new.indices.first(where: { old[$0] != new[$0] }),
            let last = new.indices.last(where: { old[$0] != new[$0] })
        else { return nil }
        return first...last
    }
}

extension GLDispatch {
    func installViewportArray() {
        glViewport = { $0.viewportAll($1, $2, $3, $4) }
        glViewportArrayv = { $0.viewportArray(.glViewportArrayv, $1, $2, $3) }
        glViewportIndexedf = { c, index, x, y, w, h in
            withUnsafeTemporaryAllocation(of: GLfloat.self, capacity: 4) { p in
                p.initialize(from: [x, y, w, h])
                c.viewportArray(.glViewportIndexedf, index, 1, UnsafePointer(p.baseAddress))
            }
        }
        glViewportIndexedfv = { c, index, v in
            guard v != nil else { return c.recordError(GL_INVALID_VALUE, .glViewportIndexedfv, "null values") }
            c.viewportArray(.glViewportIndexedfv, index, 1, v)
        }
        glScissor = { $0.scissorAll($1, $2, $3, $4) }
        glScissorArrayv = { $0.scissorArray(.glScissorArrayv, $1, $2, $3) }
        glScissorIndexed = { c, index, x, y, w, h in
            withUnsafeTemporaryAllocation(of: GLint.self, capacity: 4) { p in
                p.initialize(from: [x, y, w, h])
                c.scissorArray(.glScissorIndexed, index, 1, UnsafePointer(p.baseAddress))
            }
        }
        glScissorIndexedv = { c, index, v in
            guard v != nil else { return c.recordError(GL_INVALID_VALUE, .glScissorIndexedv, "null values") }
            c.scissorArray(.glScissorIndexedv, index, 1, v)
        }
        glDepthRange = { $0.depthRangeAll($1, $2) }
        glDepthRangef = { $0.depthRangeAll(GLdouble($1), GLdouble($2)) }
        glDepthRangeArrayv = { $0.depthRangeArray(.glDepthRangeArrayv, $1, $2, $3) }
        glDepthRangeIndexed = { c, index, n, f in
            guard c.checkViewportRange(.glDepthRangeIndexed, index, 1) else { return }
            c.storeDepthRange(Int(index), n, f)
        }
        glEnablei = { $0.setCapability(.glEnablei, $1, index: $2, true) }
        glDisablei = { $0.setCapability(.glDisablei, $1, index: $2, false) }
        glIsEnabledi = { $0.isEnabled($1, index: $2) }
        glGetIntegeri_v = { $0.getIndexed(.glGetIntegeri_v, $1, $2, $3) { $0.asInt32 } }
        glGetInteger64i_v = { $0.getIndexed(.glGetInteger64i_v, $1, $2, $3) { $0.asInt64 } }
        glGetBooleani_v = { $0.getIndexed(.glGetBooleani_v, $1, $2, $3) { $0.asBooleans } }
        glGetFloati_v = { $0.getIndexed(.glGetFloati_v, $1, $2, $3) { $0.asDoubles.map { GLfloat($0) } } }
        glGetDoublei_v = { $0.getIndexed(.glGetDoublei_v, $1, $2, $3) { $0.asDoubles } }
    }
}
