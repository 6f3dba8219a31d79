import GLCore

/// Fixed-function texturing state of the compatibility profile: each texture unit's enabled targets
/// (glEnable(GL_TEXTURE_2D) on the active unit) and texture environment (glTexEnv GL_TEXTURE_ENV_MODE and
/// GL_TEXTURE_ENV_COLOR). The fixed-function fragment stage (`fixedFunctionFragmentSource`) applies it.
struct GLFixedFunctionTextureState {
    var enables = [Set<GLenum>](repeating: [], count: 8)
    var modes = [GLenum](repeating: GL_MODULATE, count: 8)
    var colors = [[Float]](repeating: [0, 0, 0, 0], count: 8)
}

extension GLContext {
    /// The target a unit textures with: the highest-priority enabled one (GL 4.6 compatibility §16.1: cube map,
    /// 3D, rectangle, 2D, 1D).
    func fixedFunctionTextureTarget(_ unit: Int) -> GLenum? {
        let e = arb.fixedTexturing.enables[unit]
        return [GL_TEXTURE_CUBE_MAP, GL_TEXTURE_3D, GL_TEXTURE_RECTANGLE, GL_TEXTURE_2D, GL_TEXTURE_1D].first { e.contains($0) }
    }

    /// The fixed-function fragment stage as GLSL 1.10 for the current texture enables and environments:
    /// the primary colour (plus `secondary`, the colour sum), through each enabled unit's environment in turn.
    /// Returns the source and its samplers (uniform name, unit).
    func fixedFunctionFragmentSource(secondary: Bool) -> (String, [(name: String, unit: Int)]) {
        var declarations = "", body = "    vec4 c = gl_Color;\n", samplers: [(name: String, unit: Int)] = []
        for unit in 0..<8 {
            guard let target = fixedFunctionTextureTarget(unit) else { continue }
            let name = "virglgl_ffSampler\(unit)"
            samplers.append((name, unit))
            let tc = "gl_TexCoord[\(unit)]"
            let (type, lookup): (String, String)
            switch target {
            case GL_TEXTURE_CUBE_MAP: (type, lookup) = ("samplerCube", "textureCube(\(name), \(tc).xyz)")
            case GL_TEXTURE_3D: (type, lookup) = ("sampler3D", "texture3DProj(\(name), \(tc))")
            case GL_TEXTURE_RECTANGLE: (type, lookup) = ("sampler2DRect", "texture2DRectProj(\(name), \(tc))")
            case GL_TEXTURE_1D: (type, lookup) = ("sampler1D", "texture1DProj(\(name), \(tc))")
            default: (type, lookup) = ("sampler2D", "texture2DProj(\(name), \(tc))")
            }
            declarations += "uniform \(type) \(name);\n"
            body += "    vec4 t\(unit) = \(lookup);\n"
            let t = "t\(unit)"
            let alphaOnly = fixedFunctionTextureIsAlpha(unit, target)
            switch arb.fixedTexturing.modes[unit] {
            // An alpha texture (base format GL_ALPHA) leaves the colour as it is (GL 4.6 compatibility table 16.2).
            case GL_REPLACE where alphaOnly: body += "    c = vec4(c.rgb, \(t).a);\n"
            case GL_MODULATE where alphaOnly: body += "    c = vec4(c.rgb, c.a * \(t).a);\n"
            case GL_REPLACE: body += "    c = \(t);\n"
            case GL_DECAL: body += "    c = vec4(mix(c.rgb, \(t).rgb, \(t).a), c.a);\n"
            case GL_ADD: body += "    c = vec4(c.rgb + \(t).rgb, c.a * \(t).a);\n"
            case GL_BLEND:
                let e = arb.fixedTexturing.colors[unit].map { String(format: "%.9e", Double($0)) }
                body += "    c = vec4(mix(c.rgb, vec3(\(e[0]), \(e[1]), \(e[2])), \(t).rgb), c.a * \(t).a);\n"
            default: body += "    c = c * \(t);\n"
            }
        }
        if secondary { body += "    c = vec4(c.rgb + gl_SecondaryColor.rgb, c.a);\n" }
        return ("#version 110\n\(declarations)void main() {\n\(body)    gl_FragColor = c;\n}\n", samplers)
    }

    /// A key for `fixedFunctionFragmentSource`'s inputs (the linked-program cache's).
    var fixedFunctionFragmentKey: String {
        (0..<8).compactMap { u in
            fixedFunctionTextureTarget(u).map {
                "\(u):\($0):\(arb.fixedTexturing.modes[u]):\(arb.fixedTexturing.colors[u]):\(fixedFunctionTextureIsAlpha(u, $0))"
            }
        }.joined(separator: ",")
    }

    /// Whether unit `unit`'s `target` texture has base format GL_ALPHA (its base level's, or its first image's).
    func fixedFunctionTextureIsAlpha(_ unit: Int, _ target: GLenum) -> Bool {
        guard let t = textureUnits[unit][target], let face = t.images.first else { return false }
        let image = t.baseLevel < face.count ? face[t.baseLevel] : nil
        return (image ?? face.first { $0 != nil } ?? nil)?.format.base == GL_ALPHA
    }

    /// glEnable/glDisable of GL_TEXTURE_1D/2D/3D/CUBE_MAP/RECTANGLE: the active unit's fixed-function enables.
    func setFixedFunctionTextureEnable(_ cap: GLenum, _ on: Bool) {
        let unit = activeUnit
        guard unit < 8 else { return }
        if on { arb.fixedTexturing.enables[unit].insert(cap) } else { arb.fixedTexturing.enables[unit].remove(cap) }
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
    }

    func texEnv(_ command: GLCommand, _ target: GLenum, _ pname: GLenum, _ values: [Float]) {
        guard target == GL_TEXTURE_ENV else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target)) }
        let unit = activeUnit
        guard unit < 8 else { return recordError(GL_INVALID_OPERATION, command, "texture unit \(unit) has no environment") }
        switch pname {
        case GL_TEXTURE_ENV_MODE:
            let mode = GLenum(values[0])
            guard [GL_MODULATE, GL_REPLACE, GL_DECAL, GL_ADD, GL_BLEND, GL_COMBINE].contains(mode) else {
                return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(mode))
            }
            arb.fixedTexturing.modes[unit] = mode
        case GL_TEXTURE_ENV_COLOR:
            guard values.count >= 4 else { return recordError(GL_INVALID_ENUM, command, "GL_TEXTURE_ENV_COLOR takes a vector") }
            arb.fixedTexturing.colors[unit] = values.prefix(4).map { min(max($0, 0), 1) }
        default:
            // GL_COMBINE's operands and the like: kept out (GL_COMBINE draws as GL_MODULATE).
            return
        }
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
    }

    func getTexEnv(_ command: GLCommand, _ target: GLenum, _ pname: GLenum) -> [Float]? {
        guard target == GL_TEXTURE_ENV, activeUnit < 8 else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target))
            return nil
        }
        switch pname {
        case GL_TEXTURE_ENV_MODE: return [Float(arb.fixedTexturing.modes[activeUnit])]
        case GL_TEXTURE_ENV_COLOR: return arb.fixedTexturing.colors[activeUnit]
        default:
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
            return nil
        }
    }
}

extension GLDispatch {
    func installFixedFunctionTexturing() {
        if glTexEnvi == nil { glTexEnvi = { c, t, p, v in c.texEnv(.glTexEnvi, t, p, [Float(v)]) } }
        if glTexEnvf == nil { glTexEnvf = { c, t, p, v in c.texEnv(.glTexEnvf, t, p, [v]) } }
        if glTexEnviv == nil {
            glTexEnviv = { c, t, p, v in
                guard let v else { return }
                c.texEnv(.glTexEnviv, t, p, p == GL_TEXTURE_ENV_COLOR ? (0..<4).map { Float(v[$0]) / Float(Int32.max) } : [Float(v[0])])
            }
        }
        if glTexEnvfv == nil {
            glTexEnvfv = { c, t, p, v in
                guard let v else { return }
                c.texEnv(.glTexEnvfv, t, p, p == GL_TEXTURE_ENV_COLOR ? (0..<4).map { v[$0] } : [v[0]])
            }
        }
        if glGetTexEnviv == nil {
            glGetTexEnviv = { c, t, p, out in
                guard let v = c.getTexEnv(.glGetTexEnviv, t, p), let out else { return }
                if p == GL_TEXTURE_ENV_COLOR { for i in 0..<4 { out[i] = GLint(Double(v[i]) * Double(Int32.max)) } } else { out[0] = GLint(v[0]) }
            }
        }
        if glGetTexEnvfv == nil {
            glGetTexEnvfv = { c, t, p, out in
                guard let v = c.getTexEnv(.glGetTexEnvfv, t, p), let out else { return }
                for (i, x) in v.enumerated() { out[i] = x }
            }
        }
    }
}
