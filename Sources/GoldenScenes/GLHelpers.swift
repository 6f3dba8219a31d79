import GLBinding
import GLCore

/// A failure inside a scene: a GL error, a shader that does not compile, an incomplete framebuffer.
public struct SceneError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Small helpers scenes use, written once against `GLBinding` so they run on any driver.
extension GLBinding {
    /// Compiles and links a program from vertex and fragment GLSL; throws with the info log.
    public func program(vertex: String, fragment: String, bind: (GLuint) -> Void = { _ in }) throws -> GLuint {
        let vs = try shader(GL_VERTEX_SHADER, vertex)
        let fs = try shader(GL_FRAGMENT_SHADER, fragment)
        let p = glCreateProgram()
        glAttachShader(p, vs)
        glAttachShader(p, fs)
        bind(p)
        glLinkProgram(p)
        var ok: GLint = 0
        glGetProgramiv(p, GL_LINK_STATUS, &ok)
        glDeleteShader(vs)
        glDeleteShader(fs)
        guard ok != 0 else {
            var log = [GLchar](repeating: 0, count: 4096)
            glGetProgramInfoLog(p, GLsizei(log.count), nil, &log)
            throw SceneError("link failed: \(String(cString: log))")
        }
        return p
    }

    func shader(_ type: GLenum, _ source: String) throws -> GLuint {
        let s = glCreateShader(type)
        source.withCString { src in
            var p: UnsafePointer<GLchar>? = src
            glShaderSource(s, 1, &p, nil)
        }
        glCompileShader(s)
        var ok: GLint = 0
        glGetShaderiv(s, GL_COMPILE_STATUS, &ok)
        guard ok != 0 else {
            var log = [GLchar](repeating: 0, count: 4096)
            glGetShaderInfoLog(s, GLsizei(log.count), nil, &log)
            throw SceneError("compile failed: \(String(cString: log))")
        }
        return s
    }

    /// A buffer object holding `values`, bound to `target`.
    @discardableResult
    public func buffer<T>(_ target: GLenum, _ values: [T], usage: GLenum = GL_STATIC_DRAW) -> GLuint {
        var b: GLuint = 0
        glGenBuffers(1, &b)
        glBindBuffer(target, b)
        values.withUnsafeBytes { glBufferData(target, $0.count, $0.baseAddress, usage) }
        return b
    }

    /// A vertex array whose attributes are consecutive float components of one interleaved buffer:
    /// `components[i]` floats for attribute i.
    public func vertexArray(_ data: [Float], components: [Int], divisors: [GLuint] = []) -> GLuint {
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        buffer(GL_ARRAY_BUFFER, data)
        let stride = components.reduce(0, +) * 4
        var offset = 0
        for (i, n) in components.enumerated() {
            glVertexAttribPointer(GLuint(i), GLint(n), GL_FLOAT, 0, GLsizei(stride), UnsafeRawPointer(bitPattern: offset))
            glEnableVertexAttribArray(GLuint(i))
            if i < divisors.count { glVertexAttribDivisor(GLuint(i), divisors[i]) }
            offset += n * 4
        }
        return vao
    }

    /// A 2D texture with `pixels` (RGBA8 unless told) and the given filters; mipmaps generated when asked.
    public func texture2D(
        width: Int, height: Int, pixels: [UInt8], internalFormat: GLenum = GL_RGBA8, format: GLenum = GL_RGBA,
        type: GLenum = GL_UNSIGNED_BYTE, minFilter: GLenum = GL_NEAREST, magFilter: GLenum = GL_NEAREST,
        wrap: GLenum = GL_CLAMP_TO_EDGE, mipmaps: Bool = false
    ) -> GLuint {
        var t: GLuint = 0
        glGenTextures(1, &t)
        glBindTexture(GL_TEXTURE_2D, t)
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1)
        pixels.withUnsafeBytes {
            glTexImage2D(GL_TEXTURE_2D, 0, GLint(internalFormat), GLsizei(width), GLsizei(height), 0, format, type, $0.baseAddress)
        }
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(minFilter))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(magFilter))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GLint(wrap))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GLint(wrap))
        if mipmaps { glGenerateMipmap(GL_TEXTURE_2D) }
        return t
    }

    /// A framebuffer with one RGBA8 texture per colour attachment (returned) and, optionally, a depth-stencil
    /// renderbuffer.
    public func framebuffer(width: Int, height: Int, colorAttachments: Int = 1, depthStencil: Bool = false) throws
        -> (fbo: GLuint, textures: [GLuint])
    {
        var fbo: GLuint = 0
        glGenFramebuffers(1, &fbo)
        glBindFramebuffer(GL_FRAMEBUFFER, fbo)
        var textures: [GLuint] = []
        for i in 0..<colorAttachments {
            let t = texture2D(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 4))
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + GLenum(i), GL_TEXTURE_2D, t, 0)
            textures.append(t)
        }
        if depthStencil {
            var rb: GLuint = 0
            glGenRenderbuffers(1, &rb)
            glBindRenderbuffer(GL_RENDERBUFFER, rb)
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, GLsizei(width), GLsizei(height))
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb)
        }
        let status = glCheckFramebufferStatus(GL_FRAMEBUFFER)
        guard status == GL_FRAMEBUFFER_COMPLETE else {
            throw SceneError("framebuffer incomplete: \(GLEnumNames.describe(status))")
        }
        return (fbo, textures)
    }

    /// Sets a uniform by name on the current program.
    public func uniform(_ program: GLuint, _ name: String) -> GLint { glGetUniformLocation(program, name) }
}

/// A full-screen quad as two triangles (x, y in clip space), for scenes that shade every pixel.
public let fullScreenQuad: [Float] = [-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1]

/// A checkerboard of `cells`×`cells` texels of two colours.
public func checkerboard(size: Int, cells: Int, _ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for y in 0..<size {
        for x in 0..<size {
            out += ((x * cells / size) + (y * cells / size)) % 2 == 0 ? a : b
        }
    }
    return out
}
