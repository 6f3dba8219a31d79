import GLCore
import ShaderCompiler

/// One ARB program object (GL_ARB_vertex_program / GL_ARB_fragment_program): its text, its GLSL translation
/// (`ARBProgramTranslator`) and its local parameters.
final class GLARBProgramObject {
    let name: GLuint
    var target: GLenum
    var source: [UInt8] = []
    var program: ARBProgram?
    var locals: [Float]
    /// Bumped by each successful glProgramStringARB, so draws re-make the linked program.
    var serial = 0

    init(name: GLuint, target: GLenum) {
        self.name = name
        self.target = target
        locals = [Float](repeating: 0, count: 4 * ARBProgramTranslator.maxLocalParameters)
    }
}

/// The context's ARB program state: objects, bindings, enables, environment parameters, the last error, and
/// the GLSL programs drawn for each combination of programs and fixed-function stages.
struct GLARBProgramState {
    var objects: [GLuint: GLARBProgramObject] = [:]
    var nextName: GLuint = 1
    /// The default objects (name 0) of each target.
    let defaultVertex = GLARBProgramObject(name: 0, target: GL_VERTEX_PROGRAM_ARB)
    let defaultFragment = GLARBProgramObject(name: 0, target: GL_FRAGMENT_PROGRAM_ARB)
    var boundVertex: GLARBProgramObject?
    var boundFragment: GLARBProgramObject?
    var vertexEnabled = false
    var fragmentEnabled = false
    var vertexEnv = [Float](repeating: 0, count: 4 * ARBProgramTranslator.maxEnvParameters)
    var fragmentEnv = [Float](repeating: 0, count: 4 * ARBProgramTranslator.maxEnvParameters)
    var errorPosition: GLint = -1
    var errorString = ""
    /// Linked GLSL programs by (vertex object, its serial, fragment object, its serial); nil objects: fixed function.
    var linked: [String: GLProgram] = [:]
    var nextInternalName: GLuint = 0xF000_0000
    /// Fixed-function texture enables and environments per unit (GLContext+FixedFunctionTexturing.swift).
    var fixedTexturing = GLFixedFunctionTextureState()
}

extension GLContext {
    static let arbProgramExtensions = ["GL_ARB_vertex_program", "GL_ARB_fragment_program", "GL_ARB_fragment_program_shadow",
                                       "GL_ARB_fragment_coord_conventions"]

    func arbBound(_ target: GLenum) -> GLARBProgramObject? {
        switch target {
        case GL_VERTEX_PROGRAM_ARB: return arb.boundVertex ?? arb.defaultVertex
        case GL_FRAGMENT_PROGRAM_ARB: return arb.boundFragment ?? arb.defaultFragment
        default: return nil
        }
    }

    func arbTarget(_ command: GLCommand, _ target: GLenum) -> GLARBProgramObject? {
        guard let o = arbBound(target) else {
            recordError(GL_INVALID_ENUM, command, "\(GLEnumNames.describe(target)) is not a program target")
            return nil
        }
        return o
    }

    /// glEnable(GL_VERTEX_PROGRAM_ARB / GL_FRAGMENT_PROGRAM_ARB); false: not an ARB program capability.
    func setARBProgramCapability(_ cap: GLenum, _ on: Bool) -> Bool {
        guard !isES else { return false }
        switch cap {
        case GL_VERTEX_PROGRAM_ARB: arb.vertexEnabled = on
        case GL_FRAGMENT_PROGRAM_ARB: arb.fragmentEnabled = on
        default: return false
        }
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        return true
    }

    func arbProgramCapability(_ cap: GLenum) -> Bool? {
        guard !isES else { return nil }
        switch cap {
        case GL_VERTEX_PROGRAM_ARB: return arb.vertexEnabled
        case GL_FRAGMENT_PROGRAM_ARB: return arb.fragmentEnabled
        default: return nil
        }
    }

    /// glGet parameters of the ARB program extensions.
    func arbProgramQueryValue(_ pname: GLenum) -> GLQueryValue? {
        guard !isCoreProfile, !isES else { return nil }
        switch pname {
        case GL_VERTEX_PROGRAM_ARB: return .bools([arb.vertexEnabled])
        case GL_FRAGMENT_PROGRAM_ARB: return .bools([arb.fragmentEnabled])
        case GL_PROGRAM_ERROR_POSITION_ARB: return .ints([Int64(arb.errorPosition)])
        case GL_MAX_PROGRAM_MATRICES_ARB: return .ints([8])
        case GL_MAX_PROGRAM_MATRIX_STACK_DEPTH_ARB: return .ints([4])
        case GL_MAX_TEXTURE_COORDS: return .ints([Int64(ARBProgramTranslator.maxTexCoords)])
        case GL_MAX_TEXTURE_IMAGE_UNITS: return nil
        default: return nil
        }
    }

    // MARK: objects

    func bindARBProgram(_ target: GLenum, _ name: GLuint) {
        guard target == GL_VERTEX_PROGRAM_ARB || target == GL_FRAGMENT_PROGRAM_ARB else {
            return recordError(GL_INVALID_ENUM, .glBindProgramARB, GLEnumNames.describe(target))
        }
        var object: GLARBProgramObject?
        if name != 0 {
            if let o = arb.objects[name] {
                guard o.target == target else { return recordError(GL_INVALID_OPERATION, .glBindProgramARB, "program \(name) has another target") }
                object = o
            } else {
                let o = GLARBProgramObject(name: name, target: target)
                arb.objects[name] = o
                arb.nextName = max(arb.nextName, name &+ 1)
                object = o
            }
        }
        if target == GL_VERTEX_PROGRAM_ARB { arb.boundVertex = object } else { arb.boundFragment = object }
        state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
    }

    func programStringARB(_ target: GLenum, _ format: GLenum, _ length: GLsizei, _ string: UnsafeRawPointer?) {
        guard let o = arbTarget(.glProgramStringARB, target) else { return }
        guard format == GL_PROGRAM_FORMAT_ASCII_ARB else { return recordError(GL_INVALID_ENUM, .glProgramStringARB, GLEnumNames.describe(format)) }
        guard length >= 0 else { return recordError(GL_INVALID_VALUE, .glProgramStringARB, "len < 0") }
        let bytes = string.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(length))) } ?? []
        let text = String(decoding: bytes, as: UTF8.self)
        let result = ARBProgramTranslator.translate(text)
        switch result {
        case .failure(let e):
            arb.errorPosition = GLint(e.position)
            arb.errorString = e.message
            return recordError(GL_INVALID_OPERATION, .glProgramStringARB, e.description)
        case .success(let p):
            guard (p.kind == .vertex) == (target == GL_VERTEX_PROGRAM_ARB) else {
                arb.errorPosition = 0
                arb.errorString = "the program's type does not match the target"
                return recordError(GL_INVALID_OPERATION, .glProgramStringARB, arb.errorString)
            }
            arb.errorPosition = -1
            arb.errorString = ""
            // The linked programs of the old text are never drawn again.
            if o.serial > 0 { arb.linked = arb.linked.filter { !$0.key.contains("\(ObjectIdentifier(o).hashValue)/") } }
            o.source = bytes
            o.program = p
            o.serial += 1
            if GLDiagnostics.dumpShaders { GLDiagnostics.log("ARB program \(o.name) as GLSL:\n\(p.glsl)") }
            state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        }
    }

    /// The env or local parameter array of a program parameter command, and the index checked.
    func arbParameterStore(_ command: GLCommand, _ target: GLenum, _ index: GLuint, local: Bool) -> Bool {
        guard target == GL_VERTEX_PROGRAM_ARB || target == GL_FRAGMENT_PROGRAM_ARB else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(target))
            return false
        }
        let limit = local ? ARBProgramTranslator.maxLocalParameters : ARBProgramTranslator.maxEnvParameters
        guard Int(index) < limit else {
            recordError(GL_INVALID_VALUE, command, "index \(index) ≥ \(limit)")
            return false
        }
        return true
    }

    func setARBParameter(_ command: GLCommand, _ target: GLenum, _ index: GLuint, local: Bool, _ v: [Float]) {
        guard arbParameterStore(command, target, index, local: local) else { return }
        let i = Int(index) * 4
        if local {
            guard let o = arbBound(target) else { return }
            for c in 0..<4 { o.locals[i + c] = v[c] }
        } else if target == GL_VERTEX_PROGRAM_ARB {
            for c in 0..<4 { arb.vertexEnv[i + c] = v[c] }
        } else {
            for c in 0..<4 { arb.fragmentEnv[i + c] = v[c] }
        }
    }

    func getARBParameter(_ command: GLCommand, _ target: GLenum, _ index: GLuint, local: Bool) -> [Float]? {
        guard arbParameterStore(command, target, index, local: local) else { return nil }
        let i = Int(index) * 4
        if local { return arbBound(target).map { Array($0.locals[i..<i + 4]) } }
        return Array((target == GL_VERTEX_PROGRAM_ARB ? arb.vertexEnv : arb.fragmentEnv)[i..<i + 4])
    }

    func getProgramivARB(_ target: GLenum, _ pname: GLenum) -> GLint? {
        guard let o = arbTarget(.glGetProgramivARB, target) else { return nil }
        let p = o.program
        let vertex = target == GL_VERTEX_PROGRAM_ARB
        switch pname {
        case GL_PROGRAM_LENGTH_ARB: return GLint(o.source.count)
        case GL_PROGRAM_FORMAT_ARB: return GLint(GL_PROGRAM_FORMAT_ASCII_ARB)
        case GL_PROGRAM_BINDING_ARB: return GLint(o.name)
        case GL_PROGRAM_INSTRUCTIONS_ARB, GL_PROGRAM_NATIVE_INSTRUCTIONS_ARB: return GLint(p?.instructions ?? 0)
        case GL_PROGRAM_TEMPORARIES_ARB, GL_PROGRAM_NATIVE_TEMPORARIES_ARB: return GLint(p?.temporaries ?? 0)
        case GL_PROGRAM_PARAMETERS_ARB, GL_PROGRAM_NATIVE_PARAMETERS_ARB: return GLint(p?.parameters.count ?? 0)
        case GL_PROGRAM_ATTRIBS_ARB, GL_PROGRAM_NATIVE_ATTRIBS_ARB: return GLint(p?.attribs ?? 0)
        case GL_PROGRAM_ADDRESS_REGISTERS_ARB, GL_PROGRAM_NATIVE_ADDRESS_REGISTERS_ARB: return GLint(p?.addressRegisters ?? 0)
        case GL_PROGRAM_ALU_INSTRUCTIONS_ARB, GL_PROGRAM_NATIVE_ALU_INSTRUCTIONS_ARB: return GLint(p?.aluInstructions ?? 0)
        case GL_PROGRAM_TEX_INSTRUCTIONS_ARB, GL_PROGRAM_NATIVE_TEX_INSTRUCTIONS_ARB: return GLint(p?.texInstructions ?? 0)
        case GL_PROGRAM_TEX_INDIRECTIONS_ARB, GL_PROGRAM_NATIVE_TEX_INDIRECTIONS_ARB: return GLint((p?.texInstructions ?? 0) > 0 ? 1 : 0)
        case GL_MAX_PROGRAM_INSTRUCTIONS_ARB, GL_MAX_PROGRAM_NATIVE_INSTRUCTIONS_ARB,
             GL_MAX_PROGRAM_ALU_INSTRUCTIONS_ARB, GL_MAX_PROGRAM_NATIVE_ALU_INSTRUCTIONS_ARB,
             GL_MAX_PROGRAM_TEX_INSTRUCTIONS_ARB, GL_MAX_PROGRAM_NATIVE_TEX_INSTRUCTIONS_ARB,
             GL_MAX_PROGRAM_TEX_INDIRECTIONS_ARB, GL_MAX_PROGRAM_NATIVE_TEX_INDIRECTIONS_ARB: return 16384
        case GL_MAX_PROGRAM_TEMPORARIES_ARB, GL_MAX_PROGRAM_NATIVE_TEMPORARIES_ARB: return 256
        case GL_MAX_PROGRAM_PARAMETERS_ARB, GL_MAX_PROGRAM_NATIVE_PARAMETERS_ARB: return 1024
        case GL_MAX_PROGRAM_ATTRIBS_ARB, GL_MAX_PROGRAM_NATIVE_ATTRIBS_ARB: return vertex ? 16 : 12
        case GL_MAX_PROGRAM_ADDRESS_REGISTERS_ARB, GL_MAX_PROGRAM_NATIVE_ADDRESS_REGISTERS_ARB: return vertex ? 1 : 0
        case GL_MAX_PROGRAM_LOCAL_PARAMETERS_ARB: return GLint(ARBProgramTranslator.maxLocalParameters)
        case GL_MAX_PROGRAM_ENV_PARAMETERS_ARB: return GLint(ARBProgramTranslator.maxEnvParameters)
        case GL_PROGRAM_UNDER_NATIVE_LIMITS_ARB: return 1
        default:
            recordError(GL_INVALID_ENUM, .glGetProgramivARB, GLEnumNames.describe(pname))
            return nil
        }
    }

    // MARK: drawing

    /// The GLSL program a compatibility draw without a GLSL program uses: the enabled ARB programs, and
    /// fixed-function GLSL for a stage without one (`GLProgram.fixedFunction*Shader`: no lighting, fog or texture
    /// environments). nil in a core profile; nil with `failed` when an error was recorded.
    func arbDrawProgram(_ command: GLCommand) -> (GLProgram?, failed: Bool) {
        // With neither enabled, a compatibility draw without a GLSL program is fixed-function in both stages.
        guard !isCoreProfile, !isES else { return (nil, false) }
        let vo = arb.vertexEnabled ? arbBound(GL_VERTEX_PROGRAM_ARB) : nil
        let fo = arb.fragmentEnabled ? arbBound(GL_FRAGMENT_PROGRAM_ARB) : nil
        if let vo, vo.program == nil {
            recordError(GL_INVALID_OPERATION, command, "the enabled vertex program is not valid")
            return (nil, true)
        }
        if let fo, fo.program == nil {
            recordError(GL_INVALID_OPERATION, command, "the enabled fragment program is not valid")
            return (nil, true)
        }
        let vp = vo?.program, fp = fo?.program
        let secondary = vp?.glsl.contains("gl_FrontSecondaryColor") ?? false
        let key = "\(vo.map { "\(ObjectIdentifier($0).hashValue)/\($0.serial)" } ?? "ff")|\(fo.map { "\(ObjectIdentifier($0).hashValue)/\($0.serial)" } ?? "ff\(secondary)/\(fixedFunctionFragmentKey)")"
        let p: GLProgram
        if let cached = arb.linked[key] {
            p = cached
        } else {
            let name = arb.nextInternalName
            arb.nextInternalName &+= 1
            p = GLProgram(name: name)
            let vs = GLShader(name: 0, type: GL_VERTEX_SHADER)
            vs.source = vp?.glsl ?? GLProgram.fixedFunctionVertexShader
            vs.compiled = true
            let fs = GLShader(name: 0, type: GL_FRAGMENT_SHADER)
            let fixedFragment = fp == nil ? fixedFunctionFragmentSource(secondary: secondary) : nil
            fs.source = fp?.glsl ?? fixedFragment!.0
            fs.compiled = true
            p.shaders = [vs, fs]
            for a in vp?.attributes ?? [] { p.attributeBindings[a.name] = a.index }
            linkProgram(p)
            guard p.linked else {
                GLDiagnostics.log("ARB program link failed: \(p.log)\nvertex:\n\(vs.source)\nfragment:\n\(fs.source)")
                recordError(GL_INVALID_OPERATION, command, "the ARB programs did not link: \(p.log)")
                return (nil, true)
            }
            for s in (vp?.samplers ?? []) + (fp?.samplers ?? []) { p.samplerUnits[s.name] = s.unit }
            for s in fixedFragment?.1 ?? [] { p.samplerUnits[s.name] = s.unit }
            updateSamplers(p)
            arb.linked[key] = p
        }
        if emitted.program != p.vertexHandle { state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers]) }
        if p.usesFixedFunctionMatrices {
            // (glUniform* writes the current program's uniforms: this program's, while it is drawn.)
            let saved = uniformProgram
            uniformProgram = p
            updateFixedFunctionUniforms(p)
            uniformProgram = saved
        }
        // Each stage's parameter array (ARBProgram.parameterArrayName), from constants, env and local parameters.
        writeARBParameters(p, vp, vo, env: arb.vertexEnv)
        writeARBParameters(p, fp, fo, env: arb.fragmentEnv)
        return (p, false)
    }

    /// Row `row` of a fixed-function matrix as `state.matrix.*` binds it (rows of the matrix the modifier gives).
    func arbMatrixRow(_ m: ARBProgram.Matrix, _ modifier: ARBProgram.Modifier, _ row: Int) -> [Float] {
        var a: [Float]
        switch m {
        case .modelview: a = compat.modelview.last!
        case .projection: a = compat.projection.last!
        case .mvp: a = GLCompatState.multiply(compat.projection.last!, compat.modelview.last!)
        case .texture(let n): a = compat.texture[n & 7].last!
        }
        if modifier == .inverse || modifier == .inverseTranspose { a = GLContext.inverse4(a) }
        // Column-major: row r of M is (m[r], m[4 + r], m[8 + r], m[12 + r]); of its transpose, column r.
        if modifier == .transpose || modifier == .inverseTranspose { return Array(a[row * 4..<row * 4 + 4]) }
        return [a[row], a[4 + row], a[8 + row], a[12 + row]]
    }

    /// The inverse of a column-major 4×4 matrix (cofactors over the determinant; a singular one gives zeros).
    static func inverse4(_ m: [Float]) -> [Float] {
        let a = m.map { Double($0) }
        func at(_ r: Int, _ c: Int) -> Double { a[c * 4 + r] }
        func minor(_ r: Int, _ c: Int) -> Double {
            let rows = (0..<4).filter { $0 != r }, cols = (0..<4).filter { $0 != c }
            func e(_ i: Int, _ j: Int) -> Double { at(rows[i], cols[j]) }
            return e(0, 0) * (e(1, 1) * e(2, 2) - e(1, 2) * e(2, 1)) - e(0, 1) * (e(1, 0) * e(2, 2) - e(1, 2) * e(2, 0))
                + e(0, 2) * (e(1, 0) * e(2, 1) - e(1, 1) * e(2, 0))
        }
        var cof = [Double](repeating: 0, count: 16)  // cofactor (r, c) at c * 4 + r
        for r in 0..<4 { for c in 0..<4 { cof[c * 4 + r] = ((r + c) % 2 == 0 ? 1 : -1) * minor(r, c) } }
        let det = (0..<4).reduce(0.0) { $0 + at(0, $1) * cof[$1 * 4] }
        guard det != 0 else { return [Float](repeating: 0, count: 16) }
        // inverse(r, c) = cofactor(c, r) / det
        var out = [Float](repeating: 0, count: 16)
        for r in 0..<4 { for c in 0..<4 { out[c * 4 + r] = Float(cof[r * 4 + c] / det) } }
        return out
    }

    /// Fills `virglgl_arbParams` of one stage in `p`'s constants when the values changed.
    func writeARBParameters(_ p: GLProgram, _ program: ARBProgram?, _ object: GLARBProgramObject?, env: [Float]) {
        guard let program, let object, !program.parameters.isEmpty else { return }
        let uniform = ARBProgram.parameterArrayName(program.kind)
        guard let u = p.uniformLocations.first(where: { $0.name == uniform || $0.name == uniform + "[0]" }), u.slot >= 0 else { return }
        for (i, source) in program.parameters.enumerated() {
            let v: [Float]
            switch source {
            case .constant(let c): v = c
            case .env(let k): v = Array(env[k * 4..<k * 4 + 4])
            case .local(let k): v = Array(object.locals[k * 4..<k * 4 + 4])
            case .matrixRow(let m, let modifier, let row): v = arbMatrixRow(m, modifier, row)
            case .depthRange: v = [Float(state.depthRange[0]), Float(state.depthRange[1]), Float(state.depthRange[1] - state.depthRange[0]), 1]
            }
            let base = (u.slot + i) * 4
            guard base + 4 <= p.constants.count else { break }
            for c in 0..<4 where p.constants[base + c] != v[c].bitPattern {
                p.constants[base + c] = v[c].bitPattern
                p.constantsDirty = true
            }
        }
    }
}

extension GLDispatch {
    func installARBPrograms() {
        glGenProgramsARB = { c, n, ids in
            guard n >= 0 else { return c.recordError(GL_INVALID_VALUE, .glGenProgramsARB, "n < 0") }
            guard let ids else { return }
            for i in 0..<Int(n) {
                while c.arb.objects[c.arb.nextName] != nil || c.arb.nextName == 0 { c.arb.nextName &+= 1 }
                ids[i] = c.arb.nextName
                // Reserved until first bound (a name glGenProgramsARB returned is not yet a program).
                c.arb.nextName &+= 1
            }
        }
        glDeleteProgramsARB = { c, n, ids in
            guard n >= 0 else { return c.recordError(GL_INVALID_VALUE, .glDeleteProgramsARB, "n < 0") }
            guard let ids else { return }
            for i in 0..<Int(n) where ids[i] != 0 {
                guard let o = c.arb.objects.removeValue(forKey: ids[i]) else { continue }
                if c.arb.boundVertex === o { c.arb.boundVertex = nil }
                if c.arb.boundFragment === o { c.arb.boundFragment = nil }
                c.arb.linked = c.arb.linked.filter { !$0.key.contains("\(ObjectIdentifier(o).hashValue)/") }
            }
            c.state.dirty.insert([.shaders, .vertexLayout, .constants, .samplers])
        }
        glBindProgramARB = { c, target, name in c.bindARBProgram(target, name) }
        glIsProgramARB = { c, name in c.arb.objects[name] != nil ? 1 : 0 }
        glProgramStringARB = { c, target, format, len, s in c.programStringARB(target, format, len, s) }
        glGetProgramStringARB = { c, target, pname, out in
            guard let o = c.arbTarget(.glGetProgramStringARB, target) else { return }
            guard pname == GL_PROGRAM_STRING_ARB else { return c.recordError(GL_INVALID_ENUM, .glGetProgramStringARB, GLEnumNames.describe(pname)) }
            guard let out else { return }
            o.source.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        glGetProgramivARB = { c, target, pname, out in
            if let v = c.getProgramivARB(target, pname) { out?.pointee = v }
        }
        glProgramEnvParameter4fARB = { c, t, i, x, y, z, w in c.setARBParameter(.glProgramEnvParameter4fARB, t, i, local: false, [x, y, z, w]) }
        glProgramEnvParameter4dARB = { c, t, i, x, y, z, w in c.setARBParameter(.glProgramEnvParameter4dARB, t, i, local: false, [x, y, z, w].map { Float($0) }) }
        glProgramEnvParameter4fvARB = { c, t, i, v in if let v { c.setARBParameter(.glProgramEnvParameter4fvARB, t, i, local: false, (0..<4).map { v[$0] }) } }
        glProgramEnvParameter4dvARB = { c, t, i, v in if let v { c.setARBParameter(.glProgramEnvParameter4dvARB, t, i, local: false, (0..<4).map { Float(v[$0]) }) } }
        glProgramLocalParameter4fARB = { c, t, i, x, y, z, w in c.setARBParameter(.glProgramLocalParameter4fARB, t, i, local: true, [x, y, z, w]) }
        glProgramLocalParameter4dARB = { c, t, i, x, y, z, w in c.setARBParameter(.glProgramLocalParameter4dARB, t, i, local: true, [x, y, z, w].map { Float($0) }) }
        glProgramLocalParameter4fvARB = { c, t, i, v in if let v { c.setARBParameter(.glProgramLocalParameter4fvARB, t, i, local: true, (0..<4).map { v[$0] }) } }
        glProgramLocalParameter4dvARB = { c, t, i, v in if let v { c.setARBParameter(.glProgramLocalParameter4dvARB, t, i, local: true, (0..<4).map { Float(v[$0]) }) } }
        glGetProgramEnvParameterfvARB = { c, t, i, out in
            if let v = c.getARBParameter(.glGetProgramEnvParameterfvARB, t, i, local: false), let out { for k in 0..<4 { out[k] = v[k] } }
        }
        glGetProgramEnvParameterdvARB = { c, t, i, out in
            if let v = c.getARBParameter(.glGetProgramEnvParameterdvARB, t, i, local: false), let out { for k in 0..<4 { out[k] = Double(v[k]) } }
        }
        glGetProgramLocalParameterfvARB = { c, t, i, out in
            if let v = c.getARBParameter(.glGetProgramLocalParameterfvARB, t, i, local: true), let out { for k in 0..<4 { out[k] = v[k] } }
        }
        glGetProgramLocalParameterdvARB = { c, t, i, out in
            if let v = c.getARBParameter(.glGetProgramLocalParameterdvARB, t, i, local: true), let out { for k in 0..<4 { out[k] = Double(v[k]) } }
        }
    }
}

extension GLDispatch {
    /// Current texture coordinates, secondary colour and fog coordinate (the fixed-function inputs ARB vertex
    /// programs read as vertex.texcoord[n], vertex.color.secondary, vertex.fogcoord); installed only where no
    /// other file did.
    func installARBProgramCurrentValues() {
        let t0 = GLuint(GLFixedFunctionAttribute.multiTexCoord0)
        func unit(_ c: GLContext, _ command: GLCommand, _ u: GLenum) -> GLuint? {
            guard u >= GL_TEXTURE0, u < GL_TEXTURE0 + 8 else {
                c.recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(u))
                return nil
            }
            return t0 + u - GL_TEXTURE0
        }
        if glMultiTexCoord1f == nil { glMultiTexCoord1f = { c, u, s in if let i = unit(c, .glMultiTexCoord1f, u) { c.setCurrentFloats(.glMultiTexCoord1f, i, [s, 0, 0, 1]) } } }
        if glMultiTexCoord3f == nil { glMultiTexCoord3f = { c, u, s, t, r in if let i = unit(c, .glMultiTexCoord3f, u) { c.setCurrentFloats(.glMultiTexCoord3f, i, [s, t, r, 1]) } } }
        if glMultiTexCoord4f == nil { glMultiTexCoord4f = { c, u, s, t, r, q in if let i = unit(c, .glMultiTexCoord4f, u) { c.setCurrentFloats(.glMultiTexCoord4f, i, [s, t, r, q]) } } }
        if glMultiTexCoord1fv == nil { glMultiTexCoord1fv = { c, u, v in if let v, let i = unit(c, .glMultiTexCoord1fv, u) { c.setCurrentFloats(.glMultiTexCoord1fv, i, [v[0], 0, 0, 1]) } } }
        if glMultiTexCoord2fv == nil { glMultiTexCoord2fv = { c, u, v in if let v, let i = unit(c, .glMultiTexCoord2fv, u) { c.setCurrentFloats(.glMultiTexCoord2fv, i, [v[0], v[1], 0, 1]) } } }
        if glMultiTexCoord3fv == nil { glMultiTexCoord3fv = { c, u, v in if let v, let i = unit(c, .glMultiTexCoord3fv, u) { c.setCurrentFloats(.glMultiTexCoord3fv, i, [v[0], v[1], v[2], 1]) } } }
        if glMultiTexCoord4fv == nil { glMultiTexCoord4fv = { c, u, v in if let v, let i = unit(c, .glMultiTexCoord4fv, u) { c.setCurrentFloats(.glMultiTexCoord4fv, i, [v[0], v[1], v[2], v[3]]) } } }
        if glTexCoord2fv == nil { glTexCoord2fv = { c, v in if let v { c.setCurrentFloats(.glTexCoord2fv, t0, [v[0], v[1], 0, 1]) } } }
        if glTexCoord4fv == nil { glTexCoord4fv = { c, v in if let v { c.setCurrentFloats(.glTexCoord4fv, t0, [v[0], v[1], v[2], v[3]]) } } }
        let secondary = GLuint(GLFixedFunctionAttribute.secondaryColor), fog = GLuint(GLFixedFunctionAttribute.fogCoord)
        if glSecondaryColor3f == nil { glSecondaryColor3f = { c, r, g, b in c.setCurrentFloats(.glSecondaryColor3f, secondary, [r, g, b, 1]) } }
        if glSecondaryColor3fv == nil { glSecondaryColor3fv = { c, v in if let v { c.setCurrentFloats(.glSecondaryColor3fv, secondary, [v[0], v[1], v[2], 1]) } } }
        if glFogCoordf == nil { glFogCoordf = { c, f in c.setCurrentFloats(.glFogCoordf, fog, [f, 0, 0, 1]) } }
        if glFogCoordfv == nil { glFogCoordfv = { c, v in if let v { c.setCurrentFloats(.glFogCoordfv, fog, [v[0], 0, 0, 1]) } } }
    }
}
