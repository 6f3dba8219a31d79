import GLCore
import ShaderCompiler
import VirglProtocol

/// What an ended capture wrote: the primitives counted in the guest (stream 0) and what fit, the host's counts
/// still to read, and the primitives of each vertex stream once they are read.
struct GLTransformFeedbackCapture {
    var primitives: Int
    var capacity: Int
    var queries: [GLQueryObject]
    var verticesPerPrimitive: Int
    var uncounted: Bool
    /// Primitives written per vertex stream (after the host's counts are read).
    var streamPrimitives: [Int]?
}

/// A transform feedback object (GL 4.0, ARB_transform_feedback2; the default one, name 0, is GL 3.0's capture
/// state): its buffer bindings, whether capture is active or paused, and what its last capture wrote.
final class GLTransformFeedbackObject {
    let name: GLuint
    /// GL_TRANSFORM_FEEDBACK_BUFFER bindings per index: buffer, offset, size (0: to the end of the buffer).
    var bindings: [(buffer: GLBufferObject, offset: Int, size: Int)?] = Array(repeating: nil, count: GLContext.maxTransformFeedbackBuffers)
    var active = false
    /// Paused by glPauseTransformFeedback (only while active).
    var paused = false
    /// The primitive mode glBeginTransformFeedback named (GL_POINTS, GL_LINES or GL_TRIANGLES).
    var primitiveMode: GLenum = 0
    /// The program the active capture runs (glResumeTransformFeedback needs it current again).
    var program: GLProgram?
    /// The host stream-output targets of the active capture.
    var targets: [UInt32] = []
    /// The buffers the active capture writes.
    var buffers: [GLBufferObject] = []
    /// The active capture's count of primitives written, and how many fit in its buffers.
    var capturedPrimitives = 0
    var capacityPrimitives = 0
    /// Host queries counting the primitives the active capture's geometry, tessellation and indirect draws wrote
    /// (only the host knows how many such a draw makes), one per vertex stream captured (the query's index), and
    /// those open around the draw being encoded.
    var countQueries: [GLQueryObject] = []
    var openCountQueries: [GLQueryObject] = []
    /// A draw of the active capture went uncounted (a host-counted draw while the application's own
    /// GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN query was active: the host runs one such query at a time).
    var uncounted = false
    /// What the last ended capture wrote (glDrawTransformFeedback draws it); nil before the first end.
    var lastCapture: GLTransformFeedbackCapture?

    init(name: GLuint) {
        self.name = name
    }

    /// Vertices per primitive of the capture's mode.
    var verticesPerPrimitive: Int {
        primitiveMode == GL_POINTS ? 1 : primitiveMode == GL_LINES ? 2 : 3
    }
}

extension GLContext {
    static let maxTransformFeedbackBuffers = 4

    // MARK: Program state

    func transformFeedbackVaryings(_ name: GLuint, _ count: GLsizei, _ varyings: UnsafePointer<UnsafePointer<GLchar>?>?, _ mode: GLenum) {
        guard let p = program(.glTransformFeedbackVaryings, name) else { return }
        guard mode == GL_INTERLEAVED_ATTRIBS || mode == GL_SEPARATE_ATTRIBS else {
            return recordError(GL_INVALID_ENUM, .glTransformFeedbackVaryings, GLEnumNames.describe(mode))
        }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, .glTransformFeedbackVaryings, "count < 0") }
        guard mode == GL_INTERLEAVED_ATTRIBS || Int(count) <= GLContext.maxTransformFeedbackBuffers else {
            return recordError(GL_INVALID_VALUE, .glTransformFeedbackVaryings, "\(count) separate varyings > GL_MAX_TRANSFORM_FEEDBACK_SEPARATE_ATTRIBS")
        }
        guard count == 0 || varyings != nil else { return recordError(GL_INVALID_VALUE, .glTransformFeedbackVaryings, "no varyings") }
        var names: [String] = []
        for i in 0..<Int(count) {
            guard let s = varyings?[i] else { return recordError(GL_INVALID_VALUE, .glTransformFeedbackVaryings, "varying \(i) is null") }
            names.append(String(cString: s))
        }
        // ARB_transform_feedback3: the special names only interleave, and gl_NextBuffer may start at most
        // GL_MAX_TRANSFORM_FEEDBACK_BUFFERS - 1 more buffers.
        let special = names.filter { $0 == "gl_NextBuffer" || $0.hasPrefix("gl_SkipComponents") }
        guard mode == GL_INTERLEAVED_ATTRIBS || special.isEmpty else {
            return recordError(GL_INVALID_OPERATION, .glTransformFeedbackVaryings, "\(special[0]) with GL_SEPARATE_ATTRIBS")
        }
        guard special.filter({ $0 == "gl_NextBuffer" }).count < GLContext.maxTransformFeedbackBuffers else {
            return recordError(GL_INVALID_OPERATION, .glTransformFeedbackVaryings, "gl_NextBuffer starts more than GL_MAX_TRANSFORM_FEEDBACK_BUFFERS buffers")
        }
        // Takes effect at the next link (GL 4.6 §11.1.2.1).
        p.transformFeedbackVaryings = names
        p.transformFeedbackSeparate = mode == GL_SEPARATE_ATTRIBS
    }

    /// The stream output a linked program's last vertex-processing stage captures, or a link error.
    func transformFeedbackLayout(_ p: GLProgram, _ linked: LinkedProgram) -> Result<TransformFeedbackLayout.Layout?, ShaderError> {
        let outputs = (linked.geometry ?? linked.tessEvaluation ?? linked.vertex).outputs
        // The shader's own `xfb_offset`s (GL_ARB_enhanced_layouts) decide what is captured; glTransformFeedbackVaryings
        // then has no effect (GL 4.6 §11.1.2.1).
        if let fromShader = TransformFeedbackLayout.layout(capturing: outputs) { return fromShader.map { $0 } }
        guard !p.transformFeedbackVaryings.isEmpty else { return .success(nil) }
        return TransformFeedbackLayout.layout(p.transformFeedbackVaryings, separate: p.transformFeedbackSeparate, outputs: outputs).map { $0 }
    }

    /// The layout as virgl's shader stream-output fields.
    static func streamOutput(_ layout: TransformFeedbackLayout.Layout?) -> VirglStreamOutput? {
        guard let layout else { return nil }
        return VirglStreamOutput(
            strides: layout.strides.map(UInt32.init),
            outputs: layout.entries.map {
                var o = VirglStreamOutput.Output(
                    registerIndex: UInt32($0.piece.register), startComponent: UInt32($0.piece.startComponent),
                    numComponents: UInt32($0.piece.components), outputBuffer: UInt32($0.buffer), dstOffset: UInt32($0.offset))
                o.stream = UInt32($0.stream)
                return o
            })
    }

    func transformFeedbackVarying(
        _ name: GLuint, _ index: GLuint, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ size: UnsafeMutablePointer<GLsizei>?,
        _ type: UnsafeMutablePointer<GLenum>?, _ out: UnsafeMutablePointer<GLchar>?
    ) {
        guard let p = program(.glGetTransformFeedbackVarying, name) else { return }
        let varyings = p.transformFeedback?.varyings ?? []
        guard Int(index) < varyings.count else {
            return recordError(GL_INVALID_VALUE, .glGetTransformFeedbackVarying, "index \(index) ≥ \(varyings.count) captured varyings")
        }
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, .glGetTransformFeedbackVarying, "bufSize < 0") }
        let v = varyings[Int(index)]
        size?.pointee = GLsizei(v.size)
        type?.pointee = GLenum(v.glType)
        let bytes = Array(v.name.utf8.prefix(max(0, Int(bufSize) - 1)))
        if let out, bufSize > 0 {
            for (i, b) in bytes.enumerated() { out[i] = GLchar(bitPattern: b) }
            out[bytes.count] = 0
        }
        length?.pointee = out == nil || bufSize == 0 ? 0 : GLsizei(bytes.count)
    }

    // MARK: Buffer bindings

    func bindTransformFeedbackBuffer(_ command: GLCommand, _ index: GLuint, _ name: GLuint, _ offset: Int, _ size: Int) {
        guard Int(index) < GLContext.maxTransformFeedbackBuffers else {
            return recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_TRANSFORM_FEEDBACK_BUFFERS")
        }
        guard !transformFeedback.active else { return recordError(GL_INVALID_OPERATION, command, "transform feedback is active") }
        guard offset >= 0, offset % 4 == 0, size % 4 == 0 else {
            return recordError(GL_INVALID_VALUE, command, "offset \(offset) and size \(size) must be multiples of 4")
        }
        if name == 0 {
            transformFeedback.bindings[Int(index)] = nil
            bufferBindings[GL_TRANSFORM_FEEDBACK_BUFFER] = nil
            return
        }
        guard let b = buffers.object(name, creatingUnreserved: bindsCreateObjects, make: { GLBufferObject(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(name) is not a name from glGenBuffers")
        }
        transformFeedback.bindings[Int(index)] = (b, offset, size)
        bufferBindings[GL_TRANSFORM_FEEDBACK_BUFFER] = b
    }

    // MARK: Begin and end

    func beginTransformFeedback(_ mode: GLenum) {
        guard [GL_POINTS, GL_LINES, GL_TRIANGLES].contains(mode) else {
            return recordError(GL_INVALID_ENUM, .glBeginTransformFeedback, GLEnumNames.describe(mode))
        }
        guard !transformFeedback.active else { return recordError(GL_INVALID_OPERATION, .glBeginTransformFeedback, "already active") }
        guard let p = lastVertexProcessingProgram, let layout = p.transformFeedback else {
            return recordError(GL_INVALID_OPERATION, .glBeginTransformFeedback, "the program in use captures no varyings")
        }
        var targets: [UInt32] = []
        var captured: [GLBufferObject] = []
        for i in 0..<layout.strides.count {
            if layout.strides[i] == 0, transformFeedback.bindings[i] == nil {
                // A buffer the shader's xfb layout leaves out (xfb_buffer 0 and 2 used, 1 not): no target.
                targets.append(0)
                continue
            }
            guard let binding = transformFeedback.bindings[i], let r = binding.buffer.resource else {
                for t in targets where t != 0 { commands.encodeDestroyObject(.streamoutTarget, handle: t) }
                return recordError(GL_INVALID_OPERATION, .glBeginTransformFeedback, "no buffer with storage is bound at index \(i)")
            }
            let size = binding.size > 0 ? min(binding.size, binding.buffer.size - binding.offset) : binding.buffer.size - binding.offset
            let handle = newObjectHandle()
            commands.encodeCreateStreamoutTarget(handle: handle, resHandle: r.id, bufferOffset: UInt32(binding.offset), bufferSize: UInt32(max(0, size)))
            targets.append(handle)
            captured.append(binding.buffer)
        }
        commands.encodeSetStreamoutTargets(appendBitmask: 0, targetHandles: targets)
        let tf = transformFeedback
        tf.active = true
        tf.paused = false
        tf.primitiveMode = mode
        tf.program = p
        tf.targets = targets
        tf.buffers = captured
        tf.capturedPrimitives = 0
        tf.uncounted = false
        tf.capacityPrimitives = transformFeedbackCapacity(layout, mode)
        for b in captured { b.hostWritten = true }
    }

    func endTransformFeedback() {
        guard transformFeedback.active else { return recordError(GL_INVALID_OPERATION, .glEndTransformFeedback, "not active") }
        let tf = transformFeedback
        // A paused capture's targets are unbound already; destroying them ends it on the host.
        if !tf.paused { commands.encodeSetStreamoutTargets(appendBitmask: 0, targetHandles: []) }
        for t in tf.targets where t != 0 { commands.encodeDestroyObject(.streamoutTarget, handle: t) }
        tf.active = false
        tf.paused = false
        tf.program = nil
        tf.targets = []
        tf.buffers = []
        for q in tf.lastCapture?.queries ?? [] { destroyHostQuery(q) }
        tf.lastCapture = GLTransformFeedbackCapture(
            primitives: tf.capturedPrimitives, capacity: tf.capacityPrimitives, queries: tf.countQueries,
            verticesPerPrimitive: tf.verticesPerPrimitive, uncounted: tf.uncounted)
        tf.countQueries = []
    }

    /// A draw during transform feedback must draw the primitives being captured (GL 4.6 §13.3.1): the
    /// geometry shader's output type when there is one, else the draw's mode. Marks the captured buffers.
    func checkTransformFeedbackDraw(_ command: GLCommand, _ mode: GLenum) -> Bool {
        guard transformFeedback.active, !transformFeedback.paused else { return true }
        let drawn: GLenum
        if let gs = stageProgram(.geometry)?.geometryOutputPrimitive {
            drawn = gs
        } else if let t = stageProgram(.tessEvaluation)?.linkedProgram?.tessellation {
            // What tessellation makes: points (point_mode), lines (isolines) or triangles.
            drawn = t.pointMode ? GL_POINTS : t.mode == GL_ISOLINES ? GL_LINES : GL_TRIANGLES
        } else {
            switch mode {
            case GL_POINTS: drawn = GL_POINTS
            case GL_LINES, GL_LINE_LOOP, GL_LINE_STRIP: drawn = GL_LINES
            case GL_TRIANGLES, GL_TRIANGLE_STRIP, GL_TRIANGLE_FAN: drawn = GL_TRIANGLES
            // Quads and polygons are captured as triangles (GL 3.0 §2.15; they are converted to triangles).
            case GL_QUADS, GL_QUAD_STRIP, GL_POLYGON: drawn = GL_TRIANGLES
            default: drawn = 0
            }
        }
        guard drawn == transformFeedback.primitiveMode else {
            recordError(GL_INVALID_OPERATION, command, "draws \(GLEnumNames.describe(mode)) while capturing \(GLEnumNames.describe(transformFeedback.primitiveMode))")
            return false
        }
        for b in transformFeedback.buffers { b.hostWritten = true }
        return true
    }

    // MARK: Indexed queries

    /// glGetIntegeri_v and friends: indexed uniform-buffer and transform-feedback buffer bindings.
    func indexedValue(_ command: GLCommand, _ pname: GLenum, _ index: GLuint) -> Int64? {
        switch pname {
        case GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, GL_TRANSFORM_FEEDBACK_BUFFER_START, GL_TRANSFORM_FEEDBACK_BUFFER_SIZE:
            guard Int(index) < GLContext.maxTransformFeedbackBuffers else {
                recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_TRANSFORM_FEEDBACK_BUFFERS")
                return nil
            }
            let b = transformFeedback.bindings[Int(index)]
            return pname == GL_TRANSFORM_FEEDBACK_BUFFER_BINDING ? Int64(b?.buffer.name ?? 0)
                : pname == GL_TRANSFORM_FEEDBACK_BUFFER_START ? Int64(b?.offset ?? 0) : Int64(b?.size ?? 0)
        case GL_SHADER_STORAGE_BUFFER_BINDING, GL_SHADER_STORAGE_BUFFER_START, GL_SHADER_STORAGE_BUFFER_SIZE:
            return storageBufferIndexedValue(command, pname, index)
        case GL_UNIFORM_BUFFER_BINDING, GL_UNIFORM_BUFFER_START, GL_UNIFORM_BUFFER_SIZE:
            guard Int(index) < Int(state.limits.maxUniformBufferBindings) else {
                recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_UNIFORM_BUFFER_BINDINGS")
                return nil
            }
            let b = uniformBufferBindings[index]
            return pname == GL_UNIFORM_BUFFER_BINDING ? Int64(b?.buffer.name ?? 0)
                : pname == GL_UNIFORM_BUFFER_START ? Int64(b?.offset ?? 0) : Int64(b?.size ?? 0)
        case GL_ATOMIC_COUNTER_BUFFER_BINDING, GL_ATOMIC_COUNTER_BUFFER_START, GL_ATOMIC_COUNTER_BUFFER_SIZE:
            return atomicCounterIndexedValue(command, pname, index)
        case GL_BLEND_SRC_RGB, GL_BLEND_DST_RGB, GL_BLEND_SRC_ALPHA, GL_BLEND_DST_ALPHA, GL_BLEND_EQUATION_RGB, GL_BLEND_EQUATION_ALPHA:
            // Per draw buffer blending (GL 4.0, ARB_draw_buffers_blend).
            guard Int(index) < state.blend.targets.count else {
                recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_DRAW_BUFFERS")
                return nil
            }
            let t = state.blend.targets[Int(index)]
            switch pname {
            case GL_BLEND_SRC_RGB: return Int64(t.srcRGB)
            case GL_BLEND_DST_RGB: return Int64(t.dstRGB)
            case GL_BLEND_SRC_ALPHA: return Int64(t.srcAlpha)
            case GL_BLEND_DST_ALPHA: return Int64(t.dstAlpha)
            case GL_BLEND_EQUATION_RGB: return Int64(t.equationRGB)
            default: return Int64(t.equationAlpha)
            }
        case GL_SAMPLE_MASK_VALUE:
            guard GLint(clamping: index) < state.limits.maxSampleMaskWords else {
                recordError(GL_INVALID_VALUE, command, "index \(index) ≥ GL_MAX_SAMPLE_MASK_WORDS")
                return nil
            }
            return Int64(sampleMaskValue)
        default:
            recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(pname)) is not an indexed parameter VirglGL knows")
            return nil
        }
    }
}

extension GLDispatch {
    func installTransformFeedback() {
        glTransformFeedbackVaryings = { $0.transformFeedbackVaryings($1, $2, $3, $4) }
        glGetTransformFeedbackVarying = { $0.transformFeedbackVarying($1, $2, $3, $4, $5, $6, $7) }
        glBeginTransformFeedback = { $0.beginTransformFeedback($1) }
        glEndTransformFeedback = { $0.endTransformFeedback() }
    }
}
