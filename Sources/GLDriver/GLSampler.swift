import GLCore

/// A sampler object: sampling parameters that override a texture's own on the unit it is bound to.
final class GLSampler {
    let name: GLuint
    var params = GLSamplerParams()

    init(name: GLuint) { self.name = name }
}

extension GLContext {
    /// Sets a sampling parameter on `params` with the checks glTexParameter and glSamplerParameter share.
    /// Returns false (error recorded) for a bad name or value.
    func setSamplerParameter(_ command: GLCommand, _ params: inout GLSamplerParams, _ pname: GLenum, _ value: Double, _ e: GLenum) -> Bool {
        let wraps: Set<GLenum> = [GL_REPEAT, GL_CLAMP_TO_EDGE, GL_CLAMP_TO_BORDER, GL_MIRRORED_REPEAT, GL_MIRROR_CLAMP_TO_EDGE]
        switch pname {
        case GL_TEXTURE_MIN_FILTER:
            guard [GL_NEAREST, GL_LINEAR, GL_NEAREST_MIPMAP_NEAREST, GL_LINEAR_MIPMAP_NEAREST, GL_NEAREST_MIPMAP_LINEAR, GL_LINEAR_MIPMAP_LINEAR].contains(e) else {
                recordError(GL_INVALID_ENUM, command, "min filter \(GLEnumNames.describe(e))")
                return false
            }
            params.minFilter = e
        case GL_TEXTURE_MAG_FILTER:
            guard [GL_NEAREST, GL_LINEAR].contains(e) else {
                recordError(GL_INVALID_ENUM, command, "mag filter \(GLEnumNames.describe(e))")
                return false
            }
            params.magFilter = e
        case GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R:
            // GL_CLAMP (compatibility) clamps the coordinate, blending with the border at the edge.
            guard wraps.contains(e) || (e == GL_CLAMP && !isCoreProfile) else {
                recordError(GL_INVALID_ENUM, command, "wrap \(GLEnumNames.describe(e))")
                return false
            }
            if pname == GL_TEXTURE_WRAP_S { params.wrapS = e } else if pname == GL_TEXTURE_WRAP_T { params.wrapT = e } else { params.wrapR = e }
        case GL_TEXTURE_MIN_LOD: params.minLOD = Float(value)
        case GL_TEXTURE_MAX_LOD: params.maxLOD = Float(value)
        case GL_TEXTURE_LOD_BIAS: params.lodBias = Float(value)
        case GL_TEXTURE_COMPARE_MODE:
            guard [GL_NONE, GL_COMPARE_REF_TO_TEXTURE].contains(e) else {
                recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(e))
                return false
            }
            params.compareMode = e
        case GL_TEXTURE_COMPARE_FUNC:
            guard Self.compareFunctions.contains(e) else {
                recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(e))
                return false
            }
            params.compareFunc = e
        default:
            recordError(GL_INVALID_ENUM, command, "parameter \(GLEnumNames.describe(pname)) (or not implemented yet)")
            return false
        }
        state.dirty.insert(.samplers)
        return true
    }

    func samplerParameter(_ command: GLCommand, _ name: GLuint, _ pname: GLenum, _ value: Double, _ e: GLenum) {
        guard let s = samplers.object(name, make: { GLSampler(name: name) }) else {
            return recordError(GL_INVALID_OPERATION, command, "\(name) is not a sampler")
        }
        _ = setSamplerParameter(command, &s.params, pname, value, e)
    }
}

extension GLDispatch {
    func installSamplers() {
        glGenSamplers = { c, n, out in
            for name in c.generateNames(.glGenSamplers, n, out, &c.samplers) { _ = c.samplers.object(name) { GLSampler(name: name) } }
        }
        glCreateSamplers = { c, n, out in
            for name in c.generateNames(.glCreateSamplers, n, out, &c.samplers) { _ = c.samplers.object(name) { GLSampler(name: name) } }
        }
        glDeleteSamplers = { c, n, names in
            for name in c.namesToDelete(.glDeleteSamplers, n, names) {
                guard let s = c.samplers.delete(name) else { continue }
                for u in c.samplerBindings.indices where c.samplerBindings[u] === s { c.samplerBindings[u] = nil }
                c.state.dirty.insert(.samplers)
            }
        }
        glIsSampler = { c, name in c.samplers[name] != nil ? 1 : 0 }
        glBindSampler = { c, unit, name in
            guard Int(unit) < c.samplerBindings.count else { return c.recordError(GL_INVALID_VALUE, .glBindSampler, "unit \(unit)") }
            guard name == 0 || c.samplers[name] != nil else { return c.recordError(GL_INVALID_OPERATION, .glBindSampler, "\(name) is not a sampler") }
            c.samplerBindings[Int(unit)] = name == 0 ? nil : c.samplers[name]
            c.state.dirty.insert(.samplers)
        }
        glSamplerParameteri = { c, s, p, v in c.samplerParameter(.glSamplerParameteri, s, p, Double(v), GLenum(bitPattern: v)) }
        glSamplerParameterf = { c, s, p, v in c.samplerParameter(.glSamplerParameterf, s, p, Double(v), GLenum(parameter: v)) }
    }
}
