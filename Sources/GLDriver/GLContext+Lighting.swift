import Foundation
import GLCore

/// The light source parameters of glLight* (GL 2.1 §2.14.1, Table 2.10), as the lowered `gl_LightSource[i]`
/// uniform (GLSLLegacyLowering: `virglgl_LightSource`) reads them. Positions and spot directions are stored in eye
/// coordinates: transformed by the modelview matrix current when glLight is called.
struct GLLightState {
    struct Light {
        var ambient: [Float] = [0, 0, 0, 1]
        var diffuse: [Float] = [0, 0, 0, 1]
        var specular: [Float] = [0, 0, 0, 1]
        var position: [Float] = [0, 0, 1, 0]
        var spotDirection: [Float] = [0, 0, -1]
        var spotExponent: Float = 0
        var spotCutoff: Float = 180
        var constantAttenuation: Float = 1
        var linearAttenuation: Float = 0
        var quadraticAttenuation: Float = 0
    }
    /// GL_MAX_LIGHTS (8); light 0's diffuse and specular colours start white.
    var lights: [Light] = (0..<8).map { i in
        var l = Light()
        if i == 0 { l.diffuse = [1, 1, 1, 1]; l.specular = [1, 1, 1, 1] }
        return l
    }
}

extension GLContext {
    /// glLight{f,i}[v]: `values` holds the parameter's components (4 for colours and the position, 3 for the spot
    /// direction, 1 otherwise).
    func setLight(_ command: GLCommand, _ light: GLenum, _ pname: GLenum, _ values: [Float], vector: Bool) {
        let index = Int(light) - Int(GL_LIGHT0)
        guard index >= 0, index < 8 else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(light)) }
        let scalarNames = [GL_SPOT_EXPONENT, GL_SPOT_CUTOFF, GL_CONSTANT_ATTENUATION, GL_LINEAR_ATTENUATION, GL_QUADRATIC_ATTENUATION]
        guard vector || scalarNames.contains(pname) else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname)) }
        var l = compat.lighting.lights[index]
        let mv = compat.modelview.last!
        /// Column-major 4×4 times a 4-vector.
        func transform(_ v: [Float], w: Bool) -> [Float] {
            (0..<(w ? 4 : 3)).map { r in (0..<(w ? 4 : 3)).reduce(Float(0)) { $0 + mv[$1 * 4 + r] * v[$1] } }
        }
        switch pname {
        case GL_AMBIENT: l.ambient = Array(values.prefix(4))
        case GL_DIFFUSE: l.diffuse = Array(values.prefix(4))
        case GL_SPECULAR: l.specular = Array(values.prefix(4))
        case GL_POSITION: l.position = transform(Array(values.prefix(4)), w: true)
        case GL_SPOT_DIRECTION: l.spotDirection = transform(Array(values.prefix(3)), w: false)
        case GL_SPOT_EXPONENT:
            guard values[0] >= 0, values[0] <= 128 else { return recordError(GL_INVALID_VALUE, command, "spot exponent \(values[0])") }
            l.spotExponent = values[0]
        case GL_SPOT_CUTOFF:
            guard (values[0] >= 0 && values[0] <= 90) || values[0] == 180 else { return recordError(GL_INVALID_VALUE, command, "spot cutoff \(values[0])") }
            l.spotCutoff = values[0]
        case GL_CONSTANT_ATTENUATION, GL_LINEAR_ATTENUATION, GL_QUADRATIC_ATTENUATION:
            guard values[0] >= 0 else { return recordError(GL_INVALID_VALUE, command, "negative attenuation") }
            switch pname {
            case GL_CONSTANT_ATTENUATION: l.constantAttenuation = values[0]
            case GL_LINEAR_ATTENUATION: l.linearAttenuation = values[0]
            default: l.quadraticAttenuation = values[0]
            }
        default: return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname))
        }
        compat.lighting.lights[index] = l
        compat.matrixSerial += 1  // re-sends the lowered state uniforms
    }

    /// glGetLight{f,i}v: the parameter's components (positions and directions in eye coordinates).
    func light(_ command: GLCommand, _ light: GLenum, _ pname: GLenum) -> [Float]? {
        let index = Int(light) - Int(GL_LIGHT0)
        guard index >= 0, index < 8 else { recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(light)); return nil }
        let l = compat.lighting.lights[index]
        switch pname {
        case GL_AMBIENT: return l.ambient
        case GL_DIFFUSE: return l.diffuse
        case GL_SPECULAR: return l.specular
        case GL_POSITION: return l.position
        case GL_SPOT_DIRECTION: return l.spotDirection
        case GL_SPOT_EXPONENT: return [l.spotExponent]
        case GL_SPOT_CUTOFF: return [l.spotCutoff]
        case GL_CONSTANT_ATTENUATION: return [l.constantAttenuation]
        case GL_LINEAR_ATTENUATION: return [l.linearAttenuation]
        case GL_QUADRATIC_ATTENUATION: return [l.quadraticAttenuation]
        default: recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(pname)); return nil
        }
    }

    /// The value of lowered light uniform `name` (`virglgl_LightSource[i].field`), or nil for another name.
    func lightUniform(_ name: String) -> [Float]? {
        let prefix = "virglgl_LightSource["
        guard name.hasPrefix(prefix), let close = name.firstIndex(of: "]"),
              let i = Int(name[name.index(name.startIndex, offsetBy: prefix.count)..<close]), i >= 0, i < 8 else { return nil }
        let field = name[name.index(after: close)...].dropFirst()
        let l = compat.lighting.lights[i]
        switch field {
        case "ambient": return l.ambient
        case "diffuse": return l.diffuse
        case "specular": return l.specular
        case "position": return l.position
        case "halfVector":
            // GL 2.1 §2.14.1: the direction halfway between the light's and the eye's (0, 0, 1), for a light at
            // infinity; the light's direction from the origin otherwise.
            let p = Array(l.position.prefix(3))
            let length = max(1e-20, sqrt(p.reduce(0) { $0 + $1 * $1 }))
            let h = [p[0] / length, p[1] / length, p[2] / length + 1]
            let hl = max(1e-20, sqrt(h.reduce(0) { $0 + $1 * $1 }))
            return [h[0] / hl, h[1] / hl, h[2] / hl, 0]
        case "spotDirection": return l.spotDirection
        case "spotExponent": return [l.spotExponent]
        case "spotCutoff": return [l.spotCutoff]
        case "spotCosCutoff": return [Float(cos(Double(l.spotCutoff) * .pi / 180))]
        case "constantAttenuation": return [l.constantAttenuation]
        case "linearAttenuation": return [l.linearAttenuation]
        case "quadraticAttenuation": return [l.quadraticAttenuation]
        default: return nil
        }
    }

    /// Writes the lowered light uniforms of `p` (called with the matrix uniforms, when the state changed).
    func updateLightUniforms(_ p: GLProgram) {
        for location in p.lightSourceLocations where location < p.uniformLocations.count {
            let u = p.uniformLocations[location]
            guard let v = lightUniform(u.name), u.components == v.count else { continue }
            let words = v.map(\.bitPattern)
            words.withUnsafeBufferPointer { setUniform(.glUniform4fv, GLint(location), 1, v.count, .float, $0) }
        }
    }
}

extension GLDispatch {
    func installLighting() {
        glLightf = { c, light, pname, v in c.setLight(.glLightf, light, pname, [v], vector: false) }
        glLighti = { c, light, pname, v in c.setLight(.glLighti, light, pname, [Float(v)], vector: false) }
        glLightfv = { c, light, pname, v in
            guard let v else { return }
            let n = [GL_SPOT_DIRECTION: 3, GL_AMBIENT: 4, GL_DIFFUSE: 4, GL_SPECULAR: 4, GL_POSITION: 4][pname] ?? 1
            c.setLight(.glLightfv, light, pname, (0..<n).map { v[$0] }, vector: true)
        }
        glLightiv = { c, light, pname, v in
            guard let v else { return }
            // Integer colours map the full int range to [-1, 1] (GL 2.1 Table 2.9); the rest are taken as they are.
            let colour = [GL_AMBIENT, GL_DIFFUSE, GL_SPECULAR].contains(pname)
            let n = [GL_SPOT_DIRECTION: 3, GL_AMBIENT: 4, GL_DIFFUSE: 4, GL_SPECULAR: 4, GL_POSITION: 4][pname] ?? 1
            c.setLight(.glLightiv, light, pname, (0..<n).map { colour ? Float(Double(v[$0]) / 2_147_483_647) : Float(v[$0]) }, vector: true)
        }
        glGetLightfv = { c, light, pname, out in
            guard let out, let v = c.light(.glGetLightfv, light, pname) else { return }
            for (k, x) in v.enumerated() { out[k] = x }
        }
        glGetLightiv = { c, light, pname, out in
            guard let out, let v = c.light(.glGetLightiv, light, pname) else { return }
            let colour = [GL_AMBIENT, GL_DIFFUSE, GL_SPECULAR].contains(pname)
            for (k, x) in v.enumerated() { out[k] = GLint(colour ? (Double(x) * 2_147_483_647).rounded() : Double(x).rounded()) }
        }
    }
}
