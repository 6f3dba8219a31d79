import GLCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The driver's identity strings.
public enum VirglGLInfo {
    public static let vendor = "VirglGL"
    public static let driverVersion = "0.1.0"
    public static let renderer = "VirglGL (virgl)"
}

/// C strings that live as long as the process: `glGetString` hands out pointers to them.
enum StaticCStrings {
    private static let cache = Mutex<[String: UnsafePointer<GLubyte>]>([:])

    static func pointer(_ s: String) -> UnsafePointer<GLubyte> {
        let address = cache.withLock { cache -> UInt in
            if let p = cache[s] { return UInt(bitPattern: p) }
            let p = UnsafeRawPointer(strdup(s)!).assumingMemoryBound(to: GLubyte.self)
            cache[s] = p
            return UInt(bitPattern: p)
        }
        return UnsafePointer(bitPattern: address)!
    }
}

extension GLContext {
    /// The version the context reports. A requested version is a minimum (EGL, GLX): the context is the
    /// highest version VirglGL implements, bounded by what the host's caps carry once the host is connected.
    var reportedVersion: (major: Int, minor: Int) {
        var v = (GLContextAttributes.highestVersion.major, GLContextAttributes.highestVersion.minor)
        if let host = hostGLVersion, v > (host.major, host.minor) { v = host }
        return v
    }

    /// `GL_VERSION`.
    var versionString: String {
        let profile = attributes.profile == .core ? "Core Profile" : "Compatibility Profile"
        let v = reportedVersion
        return "\(v.major).\(v.minor) (\(profile)) VirglGL \(VirglGLInfo.driverVersion)"
    }

    /// `GL_SHADING_LANGUAGE_VERSION` for the context's GL version (GL 3.3+ pairs GLSL x.y0 with GL x.y).
    var shadingLanguageVersionString: String {
        switch reportedVersion {
        case (3, 0): return "1.30"
        case (3, 1): return "1.40"
        case (3, 2): return "1.50"
        case (let major, let minor) where major >= 3: return "\(major).\(minor)0"
        default: return "1.20"
        }
    }

    /// Extensions the driver implements (none yet).
    var extensions: [String] { [] }

    func getError() -> GLenum {
        defer { errorFlag = GL_NO_ERROR }
        return errorFlag
    }

    func getString(_ name: GLenum) -> UnsafePointer<GLubyte>? {
        switch name {
        case GL_VENDOR: return StaticCStrings.pointer(VirglGLInfo.vendor)
        case GL_RENDERER: return StaticCStrings.pointer(VirglGLInfo.renderer)
        case GL_VERSION: return StaticCStrings.pointer(versionString)
        case GL_SHADING_LANGUAGE_VERSION: return StaticCStrings.pointer(shadingLanguageVersionString)
        case GL_EXTENSIONS where attributes.profile == .compatibility:
            return StaticCStrings.pointer(extensions.joined(separator: " "))
        default:
            // GL_EXTENSIONS is not a glGetString name in a core profile (GL 4.6 core, 22.2).
            recordError(GL_INVALID_ENUM, .glGetString, GLEnumNames.describe(name))
            return nil
        }
    }

    func getStringi(_ name: GLenum, _ index: GLuint) -> UnsafePointer<GLubyte>? {
        guard name == GL_EXTENSIONS else {
            recordError(GL_INVALID_ENUM, .glGetStringi, GLEnumNames.describe(name))
            return nil
        }
        guard Int(index) < extensions.count else {
            recordError(GL_INVALID_VALUE, .glGetStringi, "index \(index) ≥ GL_NUM_EXTENSIONS")
            return nil
        }
        return StaticCStrings.pointer(extensions[Int(index)])
    }
}

extension GLDispatch {
    func installQueries() {
        glGetError = { $0.getError() }
        glGetString = { $0.getString($1) }
        glGetStringi = { $0.getStringi($1, $2) }
    }
}
