import GLCore
import VirglProtocol
import VirglTransport

#if canImport(Glibc)
import Glibc
#endif

/// A query object (GL 4.6, 4.2): a host query (`CREATE_OBJECT(QUERY)`) and the 16-byte host resource its
/// result lands in. The host writes `virgl_host_query_state` there (state, result size, 64-bit result) when
/// `GET_QUERY_RESULT` finds the result ready, or when a later fence retires.
final class GLQueryObject {
    let name: GLuint
    /// The target the object was first begun (or created) with; it never changes afterwards.
    let target: GLenum
    /// The host query's object handle (0: not made on the host yet).
    var handle: UInt32 = 0
    /// The vertex stream the host query counts (glBeginQueryIndexed's index; fixed when the host query is made).
    var index: GLuint = 0
    var resource: VirglResource?
    var active = false
    /// Ended on the host, result not read back yet.
    var pending = false
    /// The host has run it before, so its result struct holds an old answer that must be cleared first.
    var used = false
    var result: UInt64 = 0

    init(name: GLuint, target: GLenum) {
        self.name = name
        self.target = target
    }
}

/// The context's query objects, the queries now active and the query that conditions rendering.
struct GLQueryObjectState {
    var objects = GLNamespace<GLQueryObject>()
    /// Active queries by binding point and vertex stream (`GLContext.queryBindingPoint`).
    var active: [GLenum: GLQueryObject] = [:]
    /// The query of glBeginConditionalRender, while one is in progress.
    var conditional: GLQueryObject?
    /// The query glGet(GL_TIMESTAMP) reads the host's clock with.
    var timestamp: GLQueryObject?
}

/// virgl_host_query_state.query_state once the host has written the result.
private let hostQueryStateDone: UInt32 = 1

extension GLContext {
    /// Targets glBeginQuery accepts (GL 3.3, plus ANY_SAMPLES_PASSED_CONSERVATIVE of GL 4.3).
    static let queryBeginTargets: Set<GLenum> = [
        GL_SAMPLES_PASSED, GL_ANY_SAMPLES_PASSED, GL_ANY_SAMPLES_PASSED_CONSERVATIVE, GL_TIME_ELAPSED,
        GL_PRIMITIVES_GENERATED, GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN,
    ]
    static let queryTargets: Set<GLenum> = queryBeginTargets.union([GL_TIMESTAMP])
    static let occlusionTargets: Set<GLenum> = [GL_SAMPLES_PASSED, GL_ANY_SAMPLES_PASSED, GL_ANY_SAMPLES_PASSED_CONSERVATIVE]

    /// Occlusion queries of all three targets share one binding point (one may be active at a time), as in Mesa;
    /// the primitive queries have one per vertex stream (ARB_transform_feedback3), in bits 16 and up.
    static func queryBindingPoint(_ target: GLenum, _ index: GLuint = 0) -> GLenum {
        (occlusionTargets.contains(target) ? GL_SAMPLES_PASSED : target) | index << 16
    }

    /// Targets with a query per vertex stream (glBeginQueryIndexed's index up to GL_MAX_VERTEX_STREAMS - 1).
    static let streamQueryTargets: Set<GLenum> = [GL_PRIMITIVES_GENERATED, GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN]

    /// Checks a query index (GL 4.6 §4.2: GL_INVALID_VALUE for a stream the target does not have).
    func checkQueryIndex(_ command: GLCommand, _ target: GLenum, _ index: GLuint) -> Bool {
        let streams = Self.streamQueryTargets.contains(target) ? maxVertexStreams : 1
        guard Int(index) < streams else {
            recordError(GL_INVALID_VALUE, command, "index \(index) ≥ \(streams) for \(GLEnumNames.describe(target))")
            return false
        }
        return true
    }

    /// The host's query type for a GL target (virglrenderer's frozen PIPE_QUERY_* numbers).
    static func hostQueryType(_ target: GLenum) -> VirglQueryType {
        switch target {
        case GL_SAMPLES_PASSED: return .occlusionCounter
        case GL_ANY_SAMPLES_PASSED: return .occlusionPredicate
        case GL_ANY_SAMPLES_PASSED_CONSERVATIVE: return .occlusionPredicateConservative
        case GL_TIME_ELAPSED: return .timeElapsed
        case GL_TIMESTAMP: return .timestamp
        case GL_PRIMITIVES_GENERATED: return .primitivesGenerated
        default: return .primitivesEmitted  // GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN
        }
    }

    /// GL_QUERY_COUNTER_BITS: the host returns 64-bit timer results and 32-bit counts (virglrenderer reads
    /// counts with glGetQueryObjectuiv); the boolean occlusion queries have one bit.
    static func queryCounterBits(_ target: GLenum) -> GLint {
        switch target {
        case GL_TIME_ELAPSED, GL_TIMESTAMP: return 64
        case GL_ANY_SAMPLES_PASSED, GL_ANY_SAMPLES_PASSED_CONSERVATIVE: return 1
        default: return 32
        }
    }

    // MARK: Host side

    /// Makes the host query (and its result resource) on first use.
    func makeHostQuery(_ q: GLQueryObject, _ command: GLCommand, index: GLuint = 0) -> Bool {
        if q.handle != 0, q.index == index { return true }
        if q.handle != 0 {
            // Begun on another stream: the host query counts one stream, so it is made again.
            if q.pending { _ = resolveQuery(q, command) }
            destroyHostQuery(q)
            q.used = false
        }
        q.index = index
        let info = VirglResourceInfo(
            target: 0, format: VirglBufferBind.byteFormat, bind: VirglBind.custom.rawValue, width: 16, bytesPerTexel: 1)
        guard let r = withHost(command, { try $0.createResource(info) }) else { return false }
        q.resource = r
        q.handle = newObjectHandle()
        commands.encodeCreateQuery(handle: q.handle, typeIndex: Self.hostQueryType(q.target).rawValue | index << 16, offset: 0, resHandle: r.id)
        return true
    }

    /// Readies a query to run again: the last run's result is read back first (so the host no longer writes
    /// it), then its result struct is cleared so an old answer is never taken for the new one.
    func prepareQueryRun(_ q: GLQueryObject, _ command: GLCommand, index: GLuint = 0) -> Bool {
        guard makeHostQuery(q, command, index: index), let r = q.resource else { return false }
        if q.pending { _ = resolveQuery(q, command) }
        if q.used {
            flushBeforeWrite()
            let zeros = [UInt8](repeating: 0, count: 16)
            guard zeros.withUnsafeBytes({ data in
                withHost(command) { try $0.write(r, level: 0, box: VirglBox(width: 16), data: data, stride: 16, layerStride: 16) }
            }) != nil else { return false }
        }
        q.used = true
        q.result = 0
        return true
    }

    /// Ends a query on the host and asks for its result.
    func endHostQuery(_ q: GLQueryObject) {
        commands.encodeEndQuery(handle: q.handle)
        commands.encodeGetQueryResult(handle: q.handle, wait: 0)
        q.pending = true
    }

    /// Reads a pending query's result back: flush, wait for the host (its fence retiring makes the host check
    /// waiting queries), read the result struct. Returns false when the host is lost.
    @discardableResult
    func resolveQuery(_ q: GLQueryObject, _ command: GLCommand) -> Bool {
        guard q.pending, let r = q.resource else { return true }
        var raw = [UInt32](repeating: 0, count: 4)
        for attempt in 0..<200 {
            if attempt > 0 {
                // The result was not ready when the host last looked: ask again, after a pause.
                usleep(attempt < 20 ? 500 : 5000)
                commands.encodeGetQueryResult(handle: q.handle, wait: 1)
            }
            guard waitForHost(command) else { return false }
            guard raw.withUnsafeMutableBytes({ into in
                withHost(command) { try $0.read(r, level: 0, box: VirglBox(width: 16), into: into, stride: 16, layerStride: 16) }
            }) != nil else { return false }
            if raw[0] == hostQueryStateDone {
                let value = UInt64(raw[2]) | UInt64(raw[3]) << 32
                q.result = raw[1] == 8 ? value : value & 0xFFFF_FFFF
                q.pending = false
                if attempt > 0, GLDiagnostics.verbose {
                    GLDiagnostics.log("\(command.name): query \(q.name)'s result came after \(attempt + 1) host waits")
                }
                return true
            }
        }
        GLDiagnostics.log("\(command.name): the host never gave query \(q.name)'s result; reporting 0")
        q.pending = false
        return true
    }

    func destroyHostQuery(_ q: GLQueryObject) {
        if q.handle != 0 { commands.encodeDestroyObject(.query, handle: q.handle) }
        if let r = q.resource { releaseResource(r) }
        q.handle = 0
        q.resource = nil
    }

    // MARK: Names

    func genQueries(_ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        _ = generateNames(.glGenQueries, n, out, &queryState.objects)
    }

    func createQueries(_ target: GLenum, _ n: GLsizei, _ out: UnsafeMutablePointer<GLuint>?) {
        guard check(target, in: Self.queryTargets, .glCreateQueries, "target") else { return }
        for name in generateNames(.glCreateQueries, n, out, &queryState.objects) {
            _ = queryState.objects.object(name) { GLQueryObject(name: name, target: target) }
        }
    }

    func deleteQueries(_ n: GLsizei, _ names: UnsafePointer<GLuint>?) {
        for name in namesToDelete(.glDeleteQueries, n, names) {
            guard let q = queryState.objects.delete(name) else { continue }
            // An active query that is deleted ends (GL 4.6, 4.2.1: its name goes at once).
            if q.active {
                commands.encodeEndQuery(handle: q.handle)
                q.active = false
                queryState.active[Self.queryBindingPoint(q.target, q.index)] = nil
            }
            // The query conditioning rendering stays on the host until glEndConditionalRender.
            if queryState.conditional !== q { destroyHostQuery(q) }
        }
    }

    func isQuery(_ id: GLuint) -> GLboolean {
        queryState.objects[id] != nil ? GLboolean(GL_TRUE) : GLboolean(GL_FALSE)
    }

    // MARK: Begin, end, counter

    func beginQuery(_ command: GLCommand, _ target: GLenum, _ index: GLuint, _ id: GLuint) {
        guard check(target, in: Self.queryBeginTargets, command, "target"), checkQueryIndex(command, target, index) else { return }
        let point = Self.queryBindingPoint(target, index)
        guard queryState.active[point] == nil else {
            return recordError(GL_INVALID_OPERATION, command, "a query of \(GLEnumNames.describe(target)) is already active")
        }
        guard id != 0 else { return recordError(GL_INVALID_OPERATION, command, "id 0") }
        // A compatibility context makes a query for a name glGenQueries never gave (as Mesa does).
        if !isCoreProfile { queryState.objects.reserve(id) }
        guard let q = queryState.objects.object(id, make: { GLQueryObject(name: id, target: target) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(id) is not a name from glGenQueries")
        }
        guard !q.active else { return recordError(GL_INVALID_OPERATION, command, "query \(id) is already active") }
        guard q.target == target else {
            return recordError(GL_INVALID_OPERATION, command, "query \(id) is a \(GLEnumNames.describe(q.target)) query")
        }
        guard prepareQueryRun(q, command, index: index) else { return }
        commands.encodeBeginQuery(handle: q.handle)
        q.active = true
        queryState.active[point] = q
    }

    func endQuery(_ command: GLCommand, _ target: GLenum, _ index: GLuint) {
        guard check(target, in: Self.queryBeginTargets, command, "target"), checkQueryIndex(command, target, index) else { return }
        let point = Self.queryBindingPoint(target, index)
        guard let q = queryState.active[point], q.target == target else {
            return recordError(GL_INVALID_OPERATION, command, "no query of \(GLEnumNames.describe(target)) is active")
        }
        q.active = false
        queryState.active[point] = nil
        endHostQuery(q)
    }

    func queryCounter(_ id: GLuint, _ target: GLenum) {
        guard target == GL_TIMESTAMP else {
            return recordError(GL_INVALID_ENUM, .glQueryCounter, "target \(GLEnumNames.describe(target))")
        }
        if !isCoreProfile { queryState.objects.reserve(id) }
        guard id != 0, let q = queryState.objects.object(id, make: { GLQueryObject(name: id, target: target) }) else {
            return recordError(GL_INVALID_OPERATION, .glQueryCounter, "\(id) is not a name from glGenQueries")
        }
        guard !q.active else { return recordError(GL_INVALID_OPERATION, .glQueryCounter, "query \(id) is active") }
        guard q.target == target else {
            return recordError(GL_INVALID_OPERATION, .glQueryCounter, "query \(id) is a \(GLEnumNames.describe(q.target)) query")
        }
        guard prepareQueryRun(q, .glQueryCounter) else { return }
        endHostQuery(q)
    }

    /// glGet(GL_TIMESTAMP): the host's GL time once the commands issued so far have reached it (nanoseconds).
    func hostTimestamp() -> Int64 {
        let q = queryState.timestamp ?? GLQueryObject(name: 0, target: GL_TIMESTAMP)
        queryState.timestamp = q
        guard prepareQueryRun(q, .glGetInteger64v) else { return 0 }
        endHostQuery(q)
        resolveQuery(q, .glGetInteger64v)
        return Int64(clamping: q.result)
    }

    // MARK: Queries about queries

    func getQueryiv(_ command: GLCommand, _ target: GLenum, _ index: GLuint, _ pname: GLenum, _ params: UnsafeMutablePointer<GLint>?) {
        guard check(target, in: Self.queryTargets, command, "target"), checkQueryIndex(command, target, index) else { return }
        let value: GLint
        switch pname {
        case GL_CURRENT_QUERY:
            let q = target == GL_TIMESTAMP ? nil : queryState.active[Self.queryBindingPoint(target, index)]
            value = q.map { $0.target == target ? GLint(bitPattern: $0.name) : 0 } ?? 0
        case GL_QUERY_COUNTER_BITS:
            value = Self.queryCounterBits(target)
        default:
            return recordError(GL_INVALID_ENUM, command, "pname \(GLEnumNames.describe(pname))")
        }
        params?.pointee = value
    }

    /// glGetQueryObject*: the result (waiting for it) or whether it is available. Reading the host's answer
    /// needs a host wait, so GL_QUERY_RESULT_AVAILABLE waits too and is then always TRUE.
    func queryObjectResult(_ command: GLCommand, _ id: GLuint, _ pname: GLenum) -> UInt64? {
        guard let q = queryState.objects[id] else {
            recordError(GL_INVALID_OPERATION, command, "\(id) is not a query object")
            return nil
        }
        guard !q.active else {
            recordError(GL_INVALID_OPERATION, command, "query \(id) is active")
            return nil
        }
        switch pname {
        case GL_QUERY_RESULT:
            guard resolveQuery(q, command) else { return nil }
            return q.result
        case GL_QUERY_RESULT_AVAILABLE:
            guard resolveQuery(q, command) else { return nil }
            return q.pending ? 0 : 1
        default:
            recordError(GL_INVALID_ENUM, command, "pname \(GLEnumNames.describe(pname))")
            return nil
        }
    }

    // MARK: Conditional rendering

    /// The BLIT `render_condition_enable` bit (s0 bit 11): set while conditional rendering is on, so blits of
    /// glBlitFramebuffer and scissored clears honour it as draws and clears do.
    var blitRenderConditionBit: UInt32 { queryState.conditional != nil ? 1 << 11 : 0 }

    func beginConditionalRender(_ id: GLuint, _ mode: GLenum) {
        guard queryState.conditional == nil else {
            return recordError(GL_INVALID_OPERATION, .glBeginConditionalRender, "conditional rendering is already on")
        }
        guard id != 0, let q = queryState.objects[id] else {
            return recordError(GL_INVALID_VALUE, .glBeginConditionalRender, "\(id) is not a query object")
        }
        let hostMode: VirglRenderCondFlag
        switch mode {
        case GL_QUERY_WAIT: hostMode = .wait
        case GL_QUERY_NO_WAIT: hostMode = .noWait
        case GL_QUERY_BY_REGION_WAIT: hostMode = .byRegionWait
        case GL_QUERY_BY_REGION_NO_WAIT: hostMode = .byRegionNoWait
        default: return recordError(GL_INVALID_ENUM, .glBeginConditionalRender, "mode \(GLEnumNames.describe(mode))")
        }
        guard Self.occlusionTargets.contains(q.target) else {
            return recordError(GL_INVALID_OPERATION, .glBeginConditionalRender, "query \(id) is not an occlusion query")
        }
        guard !q.active else {
            return recordError(GL_INVALID_OPERATION, .glBeginConditionalRender, "query \(id) is active")
        }
        guard makeHostQuery(q, .glBeginConditionalRender) else { return }
        // condition 0: render when the query passed (1 would invert it).
        commands.encodeSetRenderCondition(handle: q.handle, condition: 0, mode: hostMode.rawValue)
        queryState.conditional = q
    }

    func endConditionalRender() {
        guard let q = queryState.conditional else {
            return recordError(GL_INVALID_OPERATION, .glEndConditionalRender, "conditional rendering is not on")
        }
        commands.encodeSetRenderCondition(handle: 0, condition: 0, mode: 0)
        queryState.conditional = nil
        // Deleted while it conditioned rendering: the host query goes now.
        if queryState.objects[q.name] !== q { destroyHostQuery(q) }
    }
}

extension GLDispatch {
    func installQueryObjects() {
        glGenQueries = { $0.genQueries($1, $2) }
        glCreateQueries = { $0.createQueries($1, $2, $3) }
        glDeleteQueries = { $0.deleteQueries($1, $2) }
        glIsQuery = { $0.isQuery($1) }
        glBeginQuery = { $0.beginQuery(.glBeginQuery, $1, 0, $2) }
        glEndQuery = { $0.endQuery(.glEndQuery, $1, 0) }
        glBeginQueryIndexed = { $0.beginQuery(.glBeginQueryIndexed, $1, $2, $3) }
        glEndQueryIndexed = { $0.endQuery(.glEndQueryIndexed, $1, $2) }
        glQueryCounter = { $0.queryCounter($1, $2) }
        glGetQueryiv = { $0.getQueryiv(.glGetQueryiv, $1, 0, $2, $3) }
        glGetQueryIndexediv = { $0.getQueryiv(.glGetQueryIndexediv, $1, $2, $3, $4) }
        glGetQueryObjectiv = { c, id, pname, params in
            guard let v = c.queryObjectResult(.glGetQueryObjectiv, id, pname) else { return }
            params?.pointee = GLint(min(v, UInt64(GLint.max)))
        }
        glGetQueryObjectuiv = { c, id, pname, params in
            guard let v = c.queryObjectResult(.glGetQueryObjectuiv, id, pname) else { return }
            params?.pointee = GLuint(min(v, UInt64(GLuint.max)))
        }
        glGetQueryObjecti64v = { c, id, pname, params in
            guard let v = c.queryObjectResult(.glGetQueryObjecti64v, id, pname) else { return }
            params?.pointee = GLint64(min(v, UInt64(GLint64.max)))
        }
        glGetQueryObjectui64v = { c, id, pname, params in
            guard let v = c.queryObjectResult(.glGetQueryObjectui64v, id, pname) else { return }
            params?.pointee = v
        }
        glBeginConditionalRender = { $0.beginConditionalRender($1, $2) }
        glEndConditionalRender = { $0.endConditionalRender() }
    }
}
