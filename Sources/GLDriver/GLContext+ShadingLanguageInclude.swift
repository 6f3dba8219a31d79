import GLCore
import ShaderCompiler

/// GL_ARB_shading_language_include: named strings in a tree (glNamedStringARB and its queries), search paths for
/// one compile (glCompileShaderIncludeARB), and `#include` in shaders that enable the extension (expanded by
/// GLSLIncludeExpansion before the other source passes). glCompileShader is glCompileShaderIncludeARB with no
/// search paths.
extension GLShader {
    /// The text a link compiles: that of the last compile (the source itself for shaders made compiled
    /// otherwise, by ARB programs and program binaries).
    var compiledSource: String { lastCompiledSource ?? source }
}

extension GLContext {
    /// The string `name` / `length` give (a negative length: NUL-terminated), or nil for a NULL pointer.
    static func apiString(_ name: UnsafePointer<GLchar>?, _ length: GLint) -> String? {
        guard let name else { return nil }
        guard length >= 0 else { return String(cString: name) }
        return String(decoding: UnsafeRawBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// The tree location of a named string's name, or nil (GL_INVALID_VALUE recorded) when the name is NULL or not a
    /// valid pathname beginning with '/'.
    func namedStringLocation(_ command: GLCommand, _ namelen: GLint, _ name: UnsafePointer<GLchar>?) -> String? {
        guard let path = GLContext.apiString(name, namelen) else {
            recordError(GL_INVALID_VALUE, command, "name is NULL")
            return nil
        }
        guard path.hasPrefix("/"), GLSLIncludeExpansion.isValidPath(path) else {
            recordError(GL_INVALID_VALUE, command, "\"\(path)\" is not a valid pathname beginning with '/'")
            return nil
        }
        return GLSLIncludeExpansion.treeLocation(path)
    }

    /// What the named-string tree holds at `location`: a string, a location with strings below it, or nothing.
    func namedStringEntry(_ location: String) -> GLSLIncludeExpansion.Entry {
        if let s = namedStrings[location] { return .string(s.string) }
        let prefix = location == "/" ? "/" : location + "/"
        return namedStrings.keys.contains { $0.hasPrefix(prefix) } ? .location : .absent
    }

    /// glNamedStringARB.
    func namedString(_ type: GLenum, _ namelen: GLint, _ name: UnsafePointer<GLchar>?, _ stringlen: GLint, _ string: UnsafePointer<GLchar>?) {
        guard type == GL_SHADER_INCLUDE_ARB else {
            return recordError(GL_INVALID_ENUM, .glNamedStringARB, "type \(GLEnumNames.describe(type)) is not GL_SHADER_INCLUDE_ARB")
        }
        guard let location = namedStringLocation(.glNamedStringARB, namelen, name) else { return }
        guard let text = GLContext.apiString(string, stringlen) else { return recordError(GL_INVALID_VALUE, .glNamedStringARB, "string is NULL") }
        namedStrings[location] = (type, text)
    }

    /// glDeleteNamedStringARB: GL_INVALID_OPERATION when no string is associated with the location.
    func deleteNamedString(_ namelen: GLint, _ name: UnsafePointer<GLchar>?) {
        guard let location = namedStringLocation(.glDeleteNamedStringARB, namelen, name) else { return }
        guard namedStrings.removeValue(forKey: location) != nil else {
            return recordError(GL_INVALID_OPERATION, .glDeleteNamedStringARB, "no string at \(location)")
        }
    }

    /// glIsNamedStringARB: false, without an error, for a NULL or invalid name.
    func isNamedString(_ namelen: GLint, _ name: UnsafePointer<GLchar>?) -> GLboolean {
        guard let path = GLContext.apiString(name, namelen), path.hasPrefix("/"), GLSLIncludeExpansion.isValidPath(path) else { return 0 }
        return namedStrings[GLSLIncludeExpansion.treeLocation(path)] != nil ? 1 : 0
    }

    /// glGetNamedStringARB.
    func getNamedString(_ namelen: GLint, _ name: UnsafePointer<GLchar>?, _ bufSize: GLsizei, _ stringlen: UnsafeMutablePointer<GLint>?, _ string: UnsafeMutablePointer<GLchar>?) {
        guard let location = namedStringLocation(.glGetNamedStringARB, namelen, name) else { return }
        guard let entry = namedStrings[location] else {
            return recordError(GL_INVALID_OPERATION, .glGetNamedStringARB, "no string at \(location)")
        }
        copyString(.glGetNamedStringARB, entry.string, bufSize, stringlen, string)
    }

    /// glGetNamedStringivARB: GL_NAMED_STRING_LENGTH_ARB (with the NUL) or GL_NAMED_STRING_TYPE_ARB.
    func getNamedStringiv(_ namelen: GLint, _ name: UnsafePointer<GLchar>?, _ pname: GLenum, _ params: UnsafeMutablePointer<GLint>?) {
        guard let location = namedStringLocation(.glGetNamedStringivARB, namelen, name) else { return }
        guard pname == GL_NAMED_STRING_LENGTH_ARB || pname == GL_NAMED_STRING_TYPE_ARB else {
            return recordError(GL_INVALID_ENUM, .glGetNamedStringivARB, GLEnumNames.describe(pname))
        }
        guard let entry = namedStrings[location] else {
            return recordError(GL_INVALID_OPERATION, .glGetNamedStringivARB, "no string at \(location)")
        }
        params?.pointee = pname == GL_NAMED_STRING_LENGTH_ARB ? GLint(entry.string.utf8.count + 1) : GLint(bitPattern: entry.type)
    }

    /// glCompileShaderIncludeARB: every search path must be non-NULL and a valid pathname beginning with '/'.
    func compileShaderInclude(_ name: GLuint, _ count: GLsizei, _ paths: UnsafePointer<UnsafePointer<GLchar>?>?, _ lengths: UnsafePointer<GLint>?) {
        guard let s = shader(.glCompileShaderIncludeARB, name) else { return }
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, .glCompileShaderIncludeARB, "count < 0") }
        guard count == 0 || paths != nil else { return recordError(GL_INVALID_VALUE, .glCompileShaderIncludeARB, "path is NULL") }
        var searchPaths: [String] = []
        for k in 0..<Int(count) {
            guard let path = GLContext.apiString(paths![k], lengths?[k] ?? -1) else {
                return recordError(GL_INVALID_VALUE, .glCompileShaderIncludeARB, "path[\(k)] is NULL")
            }
            guard path.hasPrefix("/"), GLSLIncludeExpansion.isValidPath(path, searchPath: true) else {
                return recordError(GL_INVALID_VALUE, .glCompileShaderIncludeARB, "\"\(path)\" is not a valid pathname beginning with '/'")
            }
            searchPaths.append(path)
        }
        compileShader(s, searchPaths: searchPaths)
    }

    /// Compiles `s` (glCompileShader, glCompileShaderIncludeARB): its `#include`s are expanded against the named
    /// strings as they are now (later changes to them do not change the compiled shader).
    func compileShader(_ s: GLShader, searchPaths: [String]) {
        let stage: ShaderStage
        switch s.type {
        case GL_VERTEX_SHADER: stage = .vertex
        case GL_GEOMETRY_SHADER: stage = .geometry
        case GL_TESS_CONTROL_SHADER: stage = .tessControl
        case GL_TESS_EVALUATION_SHADER: stage = .tessEvaluation
        case GL_COMPUTE_SHADER: stage = .compute
        default: stage = .fragment
        }
        var text = s.source
        if GLSLIncludeExpansion.enablesIncludes(text) {
            switch GLSLIncludeExpansion.expand(text, searchPaths: searchPaths, lookup: namedStringEntry) {
            case .failure(let e):
                s.compiled = false
                s.log = e.description
                if debug.enabled { shaderCompilerMessage(s.log) }
                return
            case .success(let expanded):
                text = expanded
            }
        }
        s.lastCompiledSource = text
        let r = GLShaderCache.compile(stage, text)
        s.compiled = r.ok
        s.log = r.log
        if !r.ok && debug.enabled { shaderCompilerMessage(r.log) }
    }
}

extension GLDispatch {
    func installShadingLanguageInclude() {
        glNamedStringARB = { c, type, namelen, name, stringlen, string in c.namedString(type, namelen, name, stringlen, string) }
        glDeleteNamedStringARB = { c, namelen, name in c.deleteNamedString(namelen, name) }
        glIsNamedStringARB = { c, namelen, name in c.isNamedString(namelen, name) }
        glGetNamedStringARB = { c, namelen, name, bufSize, stringlen, string in c.getNamedString(namelen, name, bufSize, stringlen, string) }
        glGetNamedStringivARB = { c, namelen, name, pname, params in c.getNamedStringiv(namelen, name, pname, params) }
        glCompileShaderIncludeARB = { c, name, count, paths, lengths in c.compileShaderInclude(name, count, paths, lengths) }
    }
}
