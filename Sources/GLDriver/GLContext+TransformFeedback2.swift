import GLCore
import ShaderCompiler
import VirglProtocol

/// Transform feedback objects, pause and resume, and draws of what a capture wrote (GL 4.0,
/// ARB_transform_feedback2, ARB_transform_feedback3, and GL 4.2's ARB_transform_feedback_instanced).
///
/// On the host, virglrenderer keeps one GL transform feedback object per list of stream-output targets: setting
/// the same targets again binds that object again, and its capture (paused by the host after every draw) resumes
/// at the next draw. So pausing unbinds the targets and resuming sets the same handles again (with every append
/// bit, as Mesa's virgl driver sends them), and the capture goes on where it stopped.
///
/// virglrenderer reads DRAW_VBO's count_from_so as a vertex count (not a target handle), so what a capture wrote
/// is counted here, draw by draw: the primitives each draw makes (per instance, per primitive-restart run),
/// bounded by what fits in the bound buffers (GL 4.6 §13.3.2: capture stops at the first primitive that does
/// not fit). Draws through a geometry or tessellation shader, and indirect draws, make a number of primitives only
/// the host knows: each runs inside a host GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN query, read when the capture
/// is drawn.
extension GLContext {
    /// Whether the host pauses and resumes captures and runs indexed queries: virglrenderer does both (its
    /// transform_feedback2 and 3 features) on a GL 4.0 host.
    var supportsTransformFeedback2: Bool {
        _ = host  // the host's version is read when it connects
        guard let v = hostGLVersion else { return false }
        return (v.major, v.minor) >= (4, 0)
    }

    /// GL_MAX_VERTEX_STREAMS: streams 1…3 need the host's indexed queries.
    var maxVertexStreams: Int { supportsTransformFeedback2 ? 4 : 1 }

    /// Whether `p` is the program of an active capture of any transform feedback object, bound or not (GL 4.6
    /// §7.3: such a program cannot be linked again).
    func isCapturing(_ p: GLProgram) -> Bool {
        ([defaultTransformFeedback] + transformFeedbackObjects.allObjects).contains { $0.active && $0.program === p }
    }

    /// How many primitives of `mode` fit in the buffers of stream 0 a capture with `layout` writes.
    func transformFeedbackCapacity(_ layout: TransformFeedbackLayout.Layout, _ mode: GLenum) -> Int {
        let perPrimitive = mode == GL_POINTS ? 1 : mode == GL_LINES ? 2 : 3
        var capacity = Int.max
        for (i, stride) in layout.strides.enumerated() where stride > 0 && (i < layout.bufferStreams.count ? layout.bufferStreams[i] : 0) == 0 {
            guard let b = transformFeedback.bindings[i] else { return 0 }
            let available = max(0, b.buffer.size - b.offset)
            let size = b.size > 0 ? min(b.size, available) : available
            capacity = min(capacity, size / (stride * 4) / perPrimitive)
        }
        return capacity == Int.max ? 0 : capacity
    }

    // MARK: Names

    func genTransformFeedbacks(_ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        _ = generateNames(.glGenTransformFeedbacks, n, out, &transformFeedbackObjects)
    }

    func createTransformFeedbacks(_ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        for name in generateNames(.glCreateTransformFeedbacks, n, out, &transformFeedbackObjects) {
            _ = transformFeedbackObjects.object(name) { GLTransformFeedbackObject(name: name) }
        }
    }

    func deleteTransformFeedbacks(_ n: GLsizei, _ names: UnsafePointer<GLuint>?) {
        let doomed = namesToDelete(.glDeleteTransformFeedbacks, n, names)
        // An active object cannot be deleted (ARB_transform_feedback2; Mesa deletes none of the names then).
        if let busy = doomed.first(where: { transformFeedbackObjects[$0]?.active == true }) {
            return recordError(GL_INVALID_OPERATION, .glDeleteTransformFeedbacks, "transform feedback object \(busy) is active")
        }
        for name in doomed {
            guard let tf = transformFeedbackObjects.delete(name) else { continue }
            for q in tf.lastCapture?.queries ?? [] { destroyHostQuery(q) }
            // Deleting the bound object binds the default one (GL 4.6 §13.2.1).
            if transformFeedback === tf { transformFeedback = defaultTransformFeedback }
        }
    }

    /// True for a name bound at least once (a name only generated has no object yet).
    func isTransformFeedback(_ name: GLuint) -> GLboolean {
        name != 0 && transformFeedbackObjects[name] != nil ? GLboolean(GL_TRUE) : GLboolean(GL_FALSE)
    }

    func bindTransformFeedback(_ target: GLenum, _ name: GLuint) {
        guard target == GL_TRANSFORM_FEEDBACK else {
            return recordError(GL_INVALID_ENUM, .glBindTransformFeedback, "target \(GLEnumNames.describe(target))")
        }
        guard !transformFeedback.active || transformFeedback.paused else {
            return recordError(GL_INVALID_OPERATION, .glBindTransformFeedback, "transform feedback is active and not paused")
        }
        if name == 0 {
            transformFeedback = defaultTransformFeedback
            return
        }
        guard let tf = transformFeedbackObjects.object(name, make: { GLTransformFeedbackObject(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, .glBindTransformFeedback, "\(name) is not a name from glGenTransformFeedbacks")
        }
        transformFeedback = tf
    }

    // MARK: Pause and resume

    func pauseTransformFeedback() {
        let tf = transformFeedback
        guard tf.active, !tf.paused else {
            return recordError(GL_INVALID_OPERATION, .glPauseTransformFeedback, tf.active ? "already paused" : "transform feedback is not active")
        }
        commands.encodeSetStreamoutTargets(appendBitmask: 0, targetHandles: [])
        tf.paused = true
    }

    func resumeTransformFeedback() {
        let tf = transformFeedback
        guard tf.active, tf.paused else {
            return recordError(GL_INVALID_OPERATION, .glResumeTransformFeedback, tf.active ? "not paused" : "transform feedback is not active")
        }
        // GL 4.6 §13.2.2: the capture's program must be the one in use.
        guard let p = tf.program, lastVertexProcessingProgram === p else {
            return recordError(GL_INVALID_OPERATION, .glResumeTransformFeedback, "the program in use is not the capture's program")
        }
        commands.encodeSetStreamoutTargets(appendBitmask: UInt32((1 << tf.targets.count) - 1), targetHandles: tf.targets)
        tf.paused = false
    }

    // MARK: Counting

    /// Counts what a draw that reached the host captured: `runs` vertex counts (one per primitive-restart run),
    /// drawn `instances` times in `mode`.
    func countTransformFeedbackDraw(_ mode: GLenum, runs: [Int], instances: Int) {
        let tf = transformFeedback
        guard tf.active, !tf.paused else { return }
        if (stageProgram(.geometry)?.geometryHandle ?? 0) != 0 || (stageProgram(.tessEvaluation)?.tessEvaluationHandle ?? 0) != 0 {
            return countTransformFeedbackDrawOnHost()
        }
        let made = runs.reduce(0) { $0 + GLContext.primitiveCount(mode, vertices: $1) } * instances
        tf.capturedPrimitives = min(tf.capacityPrimitives, tf.capturedPrimitives + made)
    }

    /// Has the host count what the draw about to be encoded captures (a geometry or tessellation draw, or an
    /// indirect one): a host query around it for each vertex stream the capture writes, unless the application's
    /// own query of that kind and stream is running.
    func countTransformFeedbackDrawOnHost() {
        let tf = transformFeedback
        guard tf.active, !tf.paused, tf.openCountQueries.isEmpty else { return }
        let streams = Set([0] + (tf.program?.transformFeedback?.bufferStreams ?? [])).sorted()
        for stream in streams where stream < maxVertexStreams {
            guard queryState.active[Self.queryBindingPoint(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN, GLuint(stream))] == nil else {
                tf.uncounted = true
                continue
            }
            let q = GLQueryObject(name: 0, target: GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN)
            guard prepareQueryRun(q, .glDrawArrays, index: GLuint(stream)) else { continue }
            commands.encodeBeginQuery(handle: q.handle)
            tf.openCountQueries.append(q)
        }
    }

    /// Ends the host queries around a draw of the capture (after the draw is encoded).
    func closeTransformFeedbackCount() {
        let tf = transformFeedback
        guard !tf.openCountQueries.isEmpty else { return }
        for q in tf.openCountQueries { endHostQuery(q) }
        tf.countQueries += tf.openCountQueries
        tf.openCountQueries = []
    }

    /// The vertices the object's last capture wrote on `stream`: the primitives counted here (stream 0, bounded by
    /// what fit) and the host's counts (read now). Nil before its first end.
    func lastCaptureVertices(_ tf: GLTransformFeedbackObject, stream: Int, _ command: GLCommand) -> Int? {
        guard var last = tf.lastCapture else { return nil }
        if last.streamPrimitives == nil {
            var counts = [last.primitives, 0, 0, 0]
            for q in last.queries {
                resolveQuery(q, command)
                counts[Int(q.index) & 3] += Int(clamping: q.result)
                destroyHostQuery(q)
            }
            counts[0] = min(counts[0], last.capacity)
            last.queries = []
            last.streamPrimitives = counts
            tf.lastCapture = last
        }
        if last.uncounted {
            GLDiagnostics.log("\(command.name): a draw of the capture the host counts ran inside the application's GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN query, and went uncounted")
        }
        return (last.streamPrimitives?[stream] ?? 0) * last.verticesPerPrimitive
    }

    /// The lengths of the runs between primitive-restart indices in `count` indices of `size` bytes.
    func indexRuns(_ bytes: UnsafeRawBufferPointer?, count: Int, size: Int, restartIndex: UInt32) -> [Int] {
        guard let bytes else { return [count] }
        var runs: [Int] = [], run = 0
        for i in 0..<count {
            let v: UInt32
            switch size {
            case 1: v = UInt32(bytes[i])
            case 2: v = UInt32(bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
            default: v = bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
            }
            if v == restartIndex {
                runs.append(run)
                run = 0
            } else {
                run += 1
            }
        }
        runs.append(run)
        return runs
    }

    /// The primitives `vertices` vertices of `mode` make (quads and polygons as the triangles they are captured as).
    static func primitiveCount(_ mode: GLenum, vertices n: Int) -> Int {
        switch mode {
        case GL_POINTS: return n
        case GL_LINES: return n / 2
        case GL_LINE_STRIP: return max(0, n - 1)
        case GL_LINE_LOOP: return n >= 2 ? n : 0
        case GL_TRIANGLES: return n / 3
        case GL_TRIANGLE_STRIP, GL_TRIANGLE_FAN, GL_POLYGON: return max(0, n - 2)
        case GL_QUADS: return n / 4 * 2
        case GL_QUAD_STRIP: return n >= 4 ? (n / 2 - 1) * 2 : 0
        default: return 0
        }
    }

    // MARK: Draws

    /// glDrawTransformFeedback and its stream and instanced forms: draws the vertices the object's last capture
    /// wrote on `stream`.
    func drawTransformFeedback(_ command: GLCommand, _ mode: GLenum, _ id: GLuint, _ stream: GLuint, _ instances: GLsizei) {
        guard let tf = id == 0 ? defaultTransformFeedback : transformFeedbackObjects[id] else {
            return recordError(GL_INVALID_VALUE, command, "\(id) is not a transform feedback object")
        }
        guard Int(stream) < maxVertexStreams else {
            return recordError(GL_INVALID_VALUE, command, "stream \(stream) ≥ GL_MAX_VERTEX_STREAMS (\(maxVertexStreams))")
        }
        guard instances >= 0 else { return recordError(GL_INVALID_VALUE, command, "instance count \(instances) < 0") }
        guard let vertices = lastCaptureVertices(tf, stream: Int(stream), command) else {
            return recordError(GL_INVALID_OPERATION, command, "transform feedback object \(id) has never ended a capture")
        }
        drawArrays(command, mode, 0, GLsizei(clamping: vertices), instances, 0)
    }

    // MARK: State queries

    /// glGet of the transform feedback object state and limits.
    func transformFeedbackQueryValue(_ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_TRANSFORM_FEEDBACK_BINDING: return .ints([Int64(transformFeedback.name)])
        case GL_TRANSFORM_FEEDBACK_BUFFER_PAUSED: return .bools([transformFeedback.paused])
        case GL_TRANSFORM_FEEDBACK_BUFFER_ACTIVE: return .bools([transformFeedback.active])
        case GL_MAX_TRANSFORM_FEEDBACK_BUFFERS: return .ints([Int64(GLContext.maxTransformFeedbackBuffers)])
        case GL_MAX_VERTEX_STREAMS: return .ints([Int64(maxVertexStreams)])
        default: return nil
        }
    }
}

extension GLDispatch {
    func installTransformFeedbackObjects() {
        glGenTransformFeedbacks = { $0.genTransformFeedbacks($1, $2) }
        glCreateTransformFeedbacks = { $0.createTransformFeedbacks($1, $2) }
        glDeleteTransformFeedbacks = { $0.deleteTransformFeedbacks($1, $2) }
        glIsTransformFeedback = { $0.isTransformFeedback($1) }
        glBindTransformFeedback = { $0.bindTransformFeedback($1, $2) }
        glPauseTransformFeedback = { $0.pauseTransformFeedback() }
        glResumeTransformFeedback = { $0.resumeTransformFeedback() }
        glDrawTransformFeedback = { $0.drawTransformFeedback(.glDrawTransformFeedback, $1, $2, 0, 1) }
        glDrawTransformFeedbackStream = { $0.drawTransformFeedback(.glDrawTransformFeedbackStream, $1, $2, $3, 1) }
        glDrawTransformFeedbackInstanced = { $0.drawTransformFeedback(.glDrawTransformFeedbackInstanced, $1, $2, 0, $3) }
        glDrawTransformFeedbackStreamInstanced = { $0.drawTransformFeedback(.glDrawTransformFeedbackStreamInstanced, $1, $2, $3, $4) }
    }
}
