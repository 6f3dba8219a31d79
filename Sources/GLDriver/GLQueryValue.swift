import GLCore

/// A glGet answer in the state's own type; the glGet* entry points convert it (GL 4.6, 2.2.2).
public enum GLQueryValue: Equatable, Sendable {
    case bools([Bool])
    case ints([Int64])
    case enums([GLenum])
    case floats([Double])
    case doubles([Double])

    public var count: Int {
        switch self {
        case .bools(let v): return v.count
        case .ints(let v): return v.count
        case .enums(let v): return v.count
        case .floats(let v), .doubles(let v): return v.count
        }
    }

    public var asBooleans: [GLboolean] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v.map { $0 != 0 ? 1 : 0 }
        case .enums(let v): return v.map { $0 != 0 ? 1 : 0 }
        case .floats(let v), .doubles(let v): return v.map { $0 != 0 ? 1 : 0 }
        }
    }

    /// Floating-point state rounds to the nearest integer; values outside the type's range clamp.
    public var asInt64: [Int64] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v
        case .enums(let v): return v.map { Int64($0) }
        case .floats(let v), .doubles(let v):
            return v.map { d in d.isNaN ? 0 : Int64(max(min(d.rounded(), 9.2e18), -9.2e18)) }
        }
    }

    public var asInt32: [GLint] { asInt64.map { GLint(clamping: $0) } }

    public var asDoubles: [Double] {
        switch self {
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        case .ints(let v): return v.map { Double($0) }
        case .enums(let v): return v.map { Double($0) }
        case .floats(let v), .doubles(let v): return v
        }
    }
}

extension GLState {
    /// GL_COLOR_WRITEMASK of draw buffer 0.
    func colorWriteMask() -> GLQueryValue {
        let m = blend.targets[0].writeMask
        return .bools((0..<4).map { m & (1 << $0) != 0 })
    }
}

extension GLContext {
    /// The answer to a glGet query: hand-written context state first, then the generated state tables.
    func queryValue(_ pname: GLenum) -> GLQueryValue? {
        switch pname {
        case GL_MAJOR_VERSION: return .ints([Int64(reportedVersion.major)])
        case GL_MINOR_VERSION: return .ints([Int64(reportedVersion.minor)])
        case GL_NUM_EXTENSIONS: return .ints([Int64(extensions.count)])
        case GL_CONTEXT_FLAGS: return .ints([0])
        case GL_CONTEXT_PROFILE_MASK:
            return .ints([Int64(attributes.profile == .core ? GL_CONTEXT_CORE_PROFILE_BIT : GL_CONTEXT_COMPATIBILITY_PROFILE_BIT)])
        // The framebuffer's own: VirglGL's surfaces and FBOs are single-sampled, single-buffered, mono.
        case GL_SAMPLE_BUFFERS, GL_SAMPLES: return .ints([0])
        case GL_DOUBLEBUFFER, GL_STEREO: return .bools([false])
        default: return state.query(pname)
        }
    }

    /// Runs a glGet: an unknown parameter is GL_INVALID_ENUM; a null pointer is ignored.
    func get<T>(_ command: GLCommand, _ pname: GLenum, _ data: UnsafeMutablePointer<T>?, _ convert: (GLQueryValue) -> [T]) {
        guard let value = queryValue(pname) else {
            return recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(pname)) is not a parameter VirglGL knows")
        }
        guard let data else { return }
        for (i, v) in convert(value).enumerated() { data[i] = v }
    }
}

extension GLDispatch {
    func installStateQueries() {
        glGetBooleanv = { $0.get(.glGetBooleanv, $1, $2) { $0.asBooleans } }
        glGetIntegerv = { $0.get(.glGetIntegerv, $1, $2) { $0.asInt32 } }
        glGetInteger64v = { $0.get(.glGetInteger64v, $1, $2) { $0.asInt64 } }
        glGetFloatv = { $0.get(.glGetFloatv, $1, $2) { $0.asDoubles.map { GLfloat($0) } } }
        glGetDoublev = { $0.get(.glGetDoublev, $1, $2) { $0.asDoubles } }
    }
}
