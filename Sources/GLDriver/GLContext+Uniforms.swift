import GLCore
import ShaderCompiler
import VirglProtocol

extension GLContext {
    /// The location table entry for `location` in the current program; nil (error or ignored -1) otherwise.
    func uniformTarget(_ command: GLCommand, _ location: GLint) -> (GLProgram, UniformLocation)? {
        uniformProgram(command, location).map { ($0, $0.uniformLocations[Int(location)]) }
    }

    /// The program whose location table holds `location` (checked as `uniformTarget` does), without copying the
    /// entry out: the glUniform* path reads its fields in place (a copy retains the name and the kind's payload).
    func uniformProgram(_ command: GLCommand, _ location: GLint) -> GLProgram? {
        // glProgramUniform* name their program (`uniformProgram`); glUniform* act on the program in use, or else
        // on the bound pipeline's active program (glActiveShaderProgram).
        guard let p = uniformProgram ?? currentProgram ?? boundPipeline?.activeProgram, p.hasLinkedProgram else {
            if location != -1 { recordError(GL_INVALID_OPERATION, command, "no linked GLSL program in use") }
            return nil
        }
        guard location != -1 else { return nil }
        guard location >= 0, Int(location) < p.uniformLocations.count, !p.uniformLocations[Int(location)].name.isEmpty else {
            recordError(GL_INVALID_OPERATION, command, "location \(location) is not a uniform of program \(p.name)")
            return nil
        }
        return p
    }

    /// glUniform{1,2,3,4}{f,i,ui}v: `count` values of `size` components from `words`, as `kind`.
    func setUniform(_ command: GLCommand, _ location: GLint, _ count: GLsizei, _ size: Int, _ kind: UniformSlot.Kind, _ words: [UInt32]) {
        words.withUnsafeBufferPointer { setUniform(command, location, count, size, kind, $0) }
    }

    /// glUniform{1,2,3,4}{f,i,ui}: one value of `size` components, with no array made (the draw-storm path).
    func setUniform(_ command: GLCommand, _ location: GLint, _ size: Int, _ kind: UniformSlot.Kind, _ w0: UInt32, _ w1: UInt32 = 0, _ w2: UInt32 = 0, _ w3: UInt32 = 0) {
        withUnsafeBytes(of: (w0, w1, w2, w3)) { raw in
            setUniform(command, location, 1, size, kind, UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt32.self), count: 4))
        }
    }

    func setUniform(_ command: GLCommand, _ location: GLint, _ count: GLsizei, _ size: Int, _ kind: UniformSlot.Kind, _ words: UnsafeBufferPointer<UInt32>) {
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "count < 0") }
        guard words.count >= Int(count) * size else { return recordError(GL_INVALID_VALUE, command, "no values") }
        guard let p = uniformProgram(command, location) else { return }
        let locations = p.uniformLocations
        let first = Int(location)
        if case .image = locations[first].kind { return setImageUniform(command, p, location, count, size, kind, words) }
        if case .sampler = locations[first].kind {
            guard kind == .int, size == 1 else { return recordError(GL_INVALID_OPERATION, command, "samplers take glUniform1i") }
            for k in 0..<Int(count) where Int(location) + k < locations.count {
                let unit = Int(Int32(bitPattern: words[k]))
                guard unit >= 0, unit < Int(state.limits.maxCombinedTextureImageUnits) else {
                    return recordError(GL_INVALID_VALUE, command, "texture unit \(unit)")
                }
                p.samplerUnits[locations[Int(location) + k].name] = unit
            }
            updateSamplers(p)
            state.dirty.insert(.samplers)
            return
        }
        guard locations[first].components == size, locations[first].columns == 1 else {
            return recordError(GL_INVALID_OPERATION, command, "\(locations[first].name) is not a \(size)-component value")
        }
        // Matched by case (Kind's derived == compares the sampler payload strings: a cost on every glUniform).
        let compatible: Bool, isBool: Bool
        switch (locations[first].kind, kind) {
        case (.bool, _): (compatible, isBool) = (true, true)
        case (.float, .float), (.double, .double), (.int, .int), (.uint, .uint), (.uint, .int), (.int, .uint): (compatible, isBool) = (true, false)
        default: (compatible, isBool) = (false, false)
        }
        guard compatible else { return recordError(GL_INVALID_OPERATION, command, "\(locations[first].name) has another type") }
        for k in 0..<Int(count) {
            let index = first + k
            // Element k > 0 must still belong to the same array (location k is the first's own, no check).
            guard k == 0 || (index < locations.count && locations[index].name.hasPrefix(locations[first].name.split(separator: "[").first.map(String.init) ?? "")) else { break }
            let slot = locations[index].slot
            for c in 0..<size {
                var w = words[k * size + c]
                if isBool {
                    let isFloat: Bool
                    if case .float = kind { isFloat = true } else { isFloat = false }
                    w = (isFloat ? Float(bitPattern: w) != 0 : w != 0) ? ~0 : 0
                }
                p.constants[slot * 4 + c] = w
            }
        }
        p.constantsDirty = true
        state.dirty.insert(.constants)
    }

    func setUniformMatrix(_ command: GLCommand, _ location: GLint, _ count: GLsizei, _ transpose: GLboolean, _ columns: Int, _ rows: Int, _ values: UnsafePointer<GLfloat>?) {
        guard count >= 0 else { return recordError(GL_INVALID_VALUE, command, "count < 0") }
        guard let (p, first) = uniformTarget(command, location), let values else { return }
        guard first.kind == .float, first.columns == columns, first.components == rows else {
            return recordError(GL_INVALID_OPERATION, command, "\(first.name) is not a \(columns)×\(rows) float matrix")
        }
        let locations = p.uniformLocations
        for k in 0..<Int(count) where Int(location) + k < locations.count {
            let slot = locations[Int(location) + k].slot
            for c in 0..<columns {
                for r in 0..<rows {
                    let v = transpose != 0 ? values[k * columns * rows + r * columns + c] : values[k * columns * rows + c * rows + r]
                    p.constants[(slot + c) * 4 + r] = v.bitPattern
                }
            }
        }
        p.constantsDirty = true
        state.dirty.insert(.constants)
    }

    /// Constant buffer 0 to both stages, and each stage's uniform blocks from their binding points.
    func emitConstants(_ p: GLProgram, _ command: GLCommand) {
        guard p.hasLinkedProgram else { return }
        if p.constantsDirty || emitted.constantsProgram != p.name {
            p.constants.withUnsafeBufferPointer {
                // A stage whose TGSI reads no constants at all does not need them (the storm's fragment shader).
                if p.vertexReadsConstants { commands.encodeSetConstantBuffer(stage: .vertex, index: 0, words: $0) }
                if p.fragmentReadsConstants { commands.encodeSetConstantBuffer(stage: .fragment, index: 0, words: $0) }
                if p.geometryHandle != 0 { commands.encodeSetConstantBuffer(stage: .geometry, index: 0, words: $0) }
                if p.tessControlHandle != 0 { commands.encodeSetConstantBuffer(stage: .tessCtrl, index: 0, words: $0) }
                if p.tessEvaluationHandle != 0 { commands.encodeSetConstantBuffer(stage: .tessEval, index: 0, words: $0) }
            }
            p.constantsDirty = false
            emitted.constantsProgram = p.name
        }
        guard p.hasUniformBlocks, let linked = p.linkedProgram else { return }
        for (stage, shader) in linked.stages {
            for (k, block) in shader.blocks.enumerated() {
                let binding = GLuint(p.blockBindings[block.name] ?? block.binding)
                guard let b = uniformBufferBindings[binding], let r = b.buffer.resource else { continue }
                let length = b.size > 0 ? b.size : b.buffer.size - b.offset
                commands.encodeSetUniformBuffer(
                    shaderType: UInt32(stage.rawValue), index: UInt32(k + 1), offset: UInt32(b.offset), length: UInt32(length), resHandle: r.id)
            }
        }
    }
}

extension GLDispatch {
    func installPrograms() {
        glCreateShader = { $0.createShader($1) }
        glShaderSource = { c, name, count, strings, lengths in
            guard let s = c.shader(.glShaderSource, name) else { return }
            guard count >= 0 else { return c.recordError(GL_INVALID_VALUE, .glShaderSource, "count < 0") }
            var text = ""
            for k in 0..<Int(count) {
                guard let p = strings?[k] else { continue }
                if let lengths, lengths[k] >= 0 {
                    text += String(decoding: UnsafeRawBufferPointer(start: p, count: Int(lengths[k])), as: UTF8.self)
                } else {
                    text += String(cString: p)
                }
            }
            s.source = text
        }
        glCompileShader = { c, name in
            guard let s = c.shader(.glCompileShader, name) else { return }
            c.compileShader(s, searchPaths: [])  // GLContext+ShadingLanguageInclude.swift
        }
        glGetShaderiv = { c, name, pname, out in
            guard let s = c.shader(.glGetShaderiv, name) else { return }
            let v: GLint
            switch pname {
            case GL_SHADER_TYPE: v = GLint(s.type)
            case GL_DELETE_STATUS: v = s.deletePending ? 1 : 0
            case GL_COMPILE_STATUS: v = s.compiled ? 1 : 0
            case GL_INFO_LOG_LENGTH: v = s.log.isEmpty ? 0 : GLint(s.log.utf8.count + 1)
            case GL_SHADER_SOURCE_LENGTH: v = s.source.isEmpty ? 0 : GLint(s.source.utf8.count + 1)
            default: return c.recordError(GL_INVALID_ENUM, .glGetShaderiv, GLEnumNames.describe(pname))
            }
            out?.pointee = v
        }
        glGetShaderInfoLog = { c, name, size, length, log in
            guard let s = c.shader(.glGetShaderInfoLog, name) else { return }
            c.copyString(.glGetShaderInfoLog, s.log, size, length, log)
        }
        glDeleteShader = { c, name in
            guard name != 0, let s = c.shader(.glDeleteShader, name) else { return }
            s.deletePending = true
            if !c.programs.allObjects.contains(where: { $0.shaders.contains { $0 === s } }) {
                c.shaders[name] = nil
                c.programs.delete(name)
            }
        }
        glIsShader = { c, name in c.shaders[name] != nil ? 1 : 0 }
        glCreateProgram = { c in
            let name = c.programs.generate(1)[0]
            _ = c.programs.object(name) { GLProgram(name: name) }
            return name
        }
        glAttachShader = { c, program, shader in
            guard let p = c.program(.glAttachShader, program), let s = c.shader(.glAttachShader, shader) else { return }
            guard !p.shaders.contains(where: { $0 === s }) else {
                return c.recordError(GL_INVALID_OPERATION, .glAttachShader, "already attached")
            }
            p.shaders.append(s)
        }
        glDetachShader = { c, program, shader in
            guard let p = c.program(.glDetachShader, program), let s = c.shader(.glDetachShader, shader) else { return }
            guard p.shaders.contains(where: { $0 === s }) else { return c.recordError(GL_INVALID_OPERATION, .glDetachShader, "not attached") }
            p.shaders.removeAll { $0 === s }
        }
        glLinkProgram = { c, name in
            guard let p = c.program(.glLinkProgram, name) else { return }
            c.linkProgram(p)
        }
        glGetProgramiv = { c, name, pname, out in
            guard let p = c.program(.glGetProgramiv, name) else { return }
            if pname == GL_COMPUTE_WORK_GROUP_SIZE { return c.computeWorkGroupSize(p, out) }
            let v: GLint
            switch pname {
            case GL_LINK_STATUS: v = p.linked ? 1 : 0
            case GL_DELETE_STATUS: v = 0
            case GL_VALIDATE_STATUS: v = p.validated ? 1 : 0
            case GL_INFO_LOG_LENGTH: v = p.log.isEmpty ? 0 : GLint(p.log.utf8.count + 1)
            case GL_ATTACHED_SHADERS: v = GLint(p.shaders.count)
            case GL_ACTIVE_UNIFORMS: v = GLint(p.linkedProgram.map { GLContext.activeUniforms(p, $0).count } ?? 0)
            case GL_ACTIVE_ATTRIBUTES: v = GLint(p.linkedProgram?.activeAttributes.count ?? 0)
            case GL_ACTIVE_ATTRIBUTE_MAX_LENGTH: v = GLint((p.linkedProgram?.activeAttributes.map { $0.name.utf8.count + 1 }.max()) ?? 0)
            case GL_ACTIVE_UNIFORM_MAX_LENGTH:
                let names = p.linkedProgram.map { GLContext.activeUniforms(p, $0).map(\.name) } ?? []
                v = GLint((names.map { $0.utf8.count + 1 }.max()) ?? 0)
            case GL_TRANSFORM_FEEDBACK_VARYINGS: v = GLint(p.transformFeedback?.varyings.count ?? 0)
            case GL_TRANSFORM_FEEDBACK_VARYING_MAX_LENGTH: v = GLint((p.transformFeedback?.varyings.map { $0.name.utf8.count + 1 }.max()) ?? 0)
            case GL_TRANSFORM_FEEDBACK_BUFFER_MODE: v = GLint(p.linkedTransformFeedbackSeparate ? GL_SEPARATE_ATTRIBS : GL_INTERLEAVED_ATTRIBS)
            case GL_ACTIVE_UNIFORM_BLOCKS: v = GLint(Set((p.linkedProgram?.allBlocks ?? []).map(\.name)).count)
            case GL_PROGRAM_BINARY_LENGTH: v = c.programBinaryLength(p)  // GLContext+ProgramBinary.swift
            case GL_PROGRAM_SEPARABLE: v = p.separable ? 1 : 0
            case GL_PROGRAM_BINARY_RETRIEVABLE_HINT: v = p.binaryRetrievableHint ? 1 : 0
            case GL_GEOMETRY_VERTICES_OUT, GL_GEOMETRY_INPUT_TYPE, GL_GEOMETRY_OUTPUT_TYPE, GL_GEOMETRY_SHADER_INVOCATIONS:
                guard let value = c.geometryParameter(p, pname) else { return }
                v = value
            case GL_TESS_CONTROL_OUTPUT_VERTICES, GL_TESS_GEN_MODE, GL_TESS_GEN_SPACING, GL_TESS_GEN_VERTEX_ORDER, GL_TESS_GEN_POINT_MODE:
                guard c.supportsTessellation else { return c.recordError(GL_INVALID_ENUM, .glGetProgramiv, GLEnumNames.describe(pname)) }
                guard let value = c.tessellationParameter(p, pname) else { return }
                v = value
            default: return c.recordError(GL_INVALID_ENUM, .glGetProgramiv, GLEnumNames.describe(pname))
            }
            out?.pointee = v
        }
        glGetProgramInfoLog = { c, name, size, length, log in
            guard let p = c.program(.glGetProgramInfoLog, name) else { return }
            c.copyString(.glGetProgramInfoLog, p.log, size, length, log)
        }
        glDeleteProgram = { c, name in
            guard name != 0, c.program(.glDeleteProgram, name) != nil else { return }
            if c.currentProgram?.name != name { c.programs.delete(name) }
        }
        glIsProgram = { c, name in c.programs[name] != nil ? 1 : 0 }
        glGetUniformLocation = { c, name, cname in
            guard let p = c.program(.glGetUniformLocation, name), let cname else { return -1 }
            guard p.linked, p.linkedProgram != nil else {
                c.recordError(GL_INVALID_OPERATION, .glGetUniformLocation, "program \(name) is not linked")
                return -1
            }
            let n = String(cString: cname)
            let candidates = [n, n + "[0]", n.hasSuffix("[0]") ? String(n.dropLast(3)) : n]
            for cand in candidates {
                if let i = p.uniformLocations.firstIndex(where: { $0.name == cand }) { return GLint(i) }
            }
            return -1
        }
        glGetAttribLocation = { c, name, cname in
            guard let p = c.program(.glGetAttribLocation, name), let cname else { return -1 }
            return GLint(p.linkedProgram?.attributes[String(cString: cname)] ?? -1)
        }
        glGetUniformBlockIndex = { c, name, cname in
            guard let p = c.program(.glGetUniformBlockIndex, name), let cname, let linked = p.linkedProgram else { return GL_INVALID_INDEX }
            return GLContext.uniformBlocks(linked).firstIndex { $0.name == String(cString: cname) }.map { GLuint($0) } ?? GL_INVALID_INDEX
        }
        glGetActiveUniform = { c, name, index, size, length, count, type, out in
            guard let p = c.program(.glGetActiveUniform, name) else { return }
            let uniforms = p.linkedProgram.map { GLContext.activeUniforms(p, $0) } ?? []
            guard Int(index) < uniforms.count else { return c.recordError(GL_INVALID_VALUE, .glGetActiveUniform, "uniform index \(index)") }
            let u = uniforms[Int(index)]
            count?.pointee = GLint(u.arraySize)
            type?.pointee = u.type
            c.copyString(.glGetActiveUniform, u.name, size, length, out)
        }
        glGetActiveAttrib = { c, name, index, size, length, count, type, out in
            guard let p = c.program(.glGetActiveAttrib, name) else { return }
            let attributes = p.linkedProgram?.activeAttributes ?? []
            guard Int(index) < attributes.count else { return c.recordError(GL_INVALID_VALUE, .glGetActiveAttrib, "attribute index \(index)") }
            let a = attributes[Int(index)]
            count?.pointee = GLint(a.size)
            type?.pointee = a.type
            c.copyString(.glGetActiveAttrib, a.name, size, length, out)
        }
        // glGetUniform{f,i,ui}v read through the doubles (GLContext+DoubleUniforms), which hold every value exactly.
        glGetUniformfv = { c, name, location, out in
            guard let values = c.uniformValues(.glGetUniformfv, name, location), let out else { return }
            for (k, v) in values.enumerated() { out[k] = GLfloat(v) }
        }
        glGetUniformiv = { c, name, location, out in
            guard let values = c.uniformValues(.glGetUniformiv, name, location), let out else { return }
            for (k, v) in values.enumerated() { out[k] = GLint(clamping: GLContext.integerPart(v)) }
        }
        glGetUniformuiv = { c, name, location, out in
            guard let values = c.uniformValues(.glGetUniformuiv, name, location), let out else { return }
            for (k, v) in values.enumerated() { out[k] = GLuint(clamping: GLContext.integerPart(v)) }
        }
        glGetActiveUniformName = { c, name, index, size, length, out in
            guard let p = c.program(.glGetActiveUniformName, name) else { return }
            let uniforms = p.linkedProgram.map { GLContext.activeUniforms(p, $0) } ?? []
            guard Int(index) < uniforms.count else { return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformName, "uniform index \(index)") }
            c.copyString(.glGetActiveUniformName, uniforms[Int(index)].name, size, length, out)
        }
        glGetActiveUniformBlockiv = { c, name, index, pname, out in
            guard let p = c.program(.glGetActiveUniformBlockiv, name), let linked = p.linkedProgram else { return }
            let blocks = GLContext.uniformBlocks(linked)
            guard Int(index) < blocks.count else { return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformBlockiv, "block \(index)") }
            let b = blocks[Int(index)]
            let variables = GLContext.activeUniformBlocks(p, linked)[Int(index)].1[GL_ACTIVE_VARIABLES] ?? []
            switch pname {
            case GL_UNIFORM_BLOCK_BINDING: out?.pointee = GLint(p.blockBindings[b.name] ?? b.binding)
            case GL_UNIFORM_BLOCK_DATA_SIZE: out?.pointee = GLint(b.size)
            case GL_UNIFORM_BLOCK_NAME_LENGTH: out?.pointee = GLint(b.name.utf8.count + 1)
            case GL_UNIFORM_BLOCK_ACTIVE_UNIFORMS: out?.pointee = GLint(variables.count)
            case GL_UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES: for (k, v) in variables.enumerated() { out?[k] = v }
            case GL_UNIFORM_BLOCK_REFERENCED_BY_VERTEX_SHADER: out?.pointee = linked.vertex.blocks.contains { $0.name == b.name } ? 1 : 0
            case GL_UNIFORM_BLOCK_REFERENCED_BY_FRAGMENT_SHADER: out?.pointee = linked.fragment.blocks.contains { $0.name == b.name } ? 1 : 0
            case GL_UNIFORM_BLOCK_REFERENCED_BY_GEOMETRY_SHADER: out?.pointee = (linked.geometry?.blocks ?? []).contains { $0.name == b.name } ? 1 : 0
            case GL_UNIFORM_BLOCK_REFERENCED_BY_TESS_CONTROL_SHADER: out?.pointee = (linked.tessControl?.blocks ?? []).contains { $0.name == b.name } ? 1 : 0
            case GL_UNIFORM_BLOCK_REFERENCED_BY_TESS_EVALUATION_SHADER: out?.pointee = (linked.tessEvaluation?.blocks ?? []).contains { $0.name == b.name } ? 1 : 0
            default: c.recordError(GL_INVALID_ENUM, .glGetActiveUniformBlockiv, GLEnumNames.describe(pname))
            }
        }
        glGetActiveUniformBlockName = { c, name, index, size, length, out in
            guard let p = c.program(.glGetActiveUniformBlockName, name), let linked = p.linkedProgram else { return }
            let blocks = GLContext.uniformBlocks(linked)
            guard Int(index) < blocks.count else { return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformBlockName, "block \(index)") }
            c.copyString(.glGetActiveUniformBlockName, blocks[Int(index)].name, size, length, out)
        }
        glGetUniformIndices = { c, name, count, names, out in
            guard let p = c.program(.glGetUniformIndices, name) else { return }
            guard count >= 0 else { return c.recordError(GL_INVALID_VALUE, .glGetUniformIndices, "uniformCount < 0") }
            guard let names, let out else { return }
            let uniforms = p.linkedProgram.map { GLContext.activeUniforms(p, $0) } ?? []
            for k in 0..<Int(max(0, count)) {
                guard let cname = names[k] else { out[k] = GL_INVALID_INDEX; continue }
                let wanted = String(cString: cname)
                out[k] = (uniforms.firstIndex { $0.name == wanted } ?? uniforms.firstIndex { $0.name == wanted + "[0]" }).map { GLuint($0) } ?? GL_INVALID_INDEX
            }
        }
        glGetActiveUniformsiv = { c, name, count, indices, pname, out in
            guard let p = c.program(.glGetActiveUniformsiv, name) else { return }
            guard count >= 0 else { return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformsiv, "uniformCount < 0") }
            guard let indices else { return }
            let uniforms = p.linkedProgram.map { GLContext.activeUniforms(p, $0) } ?? []
            for k in 0..<Int(max(0, count)) where Int(indices[k]) >= uniforms.count {
                return c.recordError(GL_INVALID_VALUE, .glGetActiveUniformsiv, "uniform index \(indices[k])")
            }
            // The GL_UNIFORM resource properties (GLContext+ProgramInterface.swift) under their older names.
            let property: GLenum
            switch pname {
            case GL_UNIFORM_BLOCK_INDEX: property = GL_BLOCK_INDEX
            case GL_UNIFORM_OFFSET: property = GL_OFFSET
            case GL_UNIFORM_ARRAY_STRIDE: property = GL_ARRAY_STRIDE
            case GL_UNIFORM_MATRIX_STRIDE: property = GL_MATRIX_STRIDE
            case GL_UNIFORM_IS_ROW_MAJOR: property = GL_IS_ROW_MAJOR
            case GL_UNIFORM_SIZE: property = GL_ARRAY_SIZE
            case GL_UNIFORM_TYPE: property = GL_TYPE
            case GL_UNIFORM_NAME_LENGTH: property = GL_NAME_LENGTH
            case GL_UNIFORM_ATOMIC_COUNTER_BUFFER_INDEX: property = GL_ATOMIC_COUNTER_BUFFER_INDEX
            default: return c.recordError(GL_INVALID_ENUM, .glGetActiveUniformsiv, GLEnumNames.describe(pname))
            }
            for k in 0..<Int(max(0, count)) {
                let u = uniforms[Int(indices[k])]
                out?[k] = property == GL_NAME_LENGTH ? GLint(u.name.utf8.count + 1) : u.properties[property]?.first ?? -1
            }
        }
        glUniformBlockBinding = { c, name, index, binding in
            guard let p = c.program(.glUniformBlockBinding, name), let linked = p.linkedProgram else { return }
            let blocks = GLContext.uniformBlocks(linked)
            guard Int(index) < blocks.count else { return c.recordError(GL_INVALID_VALUE, .glUniformBlockBinding, "block \(index)") }
            guard Int(binding) < Int(c.state.limits.maxUniformBufferBindings) else {
                return c.recordError(GL_INVALID_VALUE, .glUniformBlockBinding, "binding \(binding) ≥ GL_MAX_UNIFORM_BUFFER_BINDINGS")
            }
            p.blockBindings[blocks[Int(index)].name] = Int(binding)
            c.state.dirty.insert(.constants)
        }
        glBindAttribLocation = { c, name, index, cname in
            guard let p = c.program(.glBindAttribLocation, name), let cname else { return }
            guard Int(index) < Int(c.state.limits.maxVertexAttribs) else { return c.recordError(GL_INVALID_VALUE, .glBindAttribLocation, "index \(index)") }
            let attribute = String(cString: cname)
            guard !attribute.hasPrefix("gl_") else { return c.recordError(GL_INVALID_OPERATION, .glBindAttribLocation, "\(attribute) is reserved") }
            p.attributeBindings[attribute] = Int(index)
        }
        glBindFragDataLocation = { $0.bindFragDataLocation(.glBindFragDataLocation, $1, $2, 0, $3) }
        glBindFragDataLocationIndexed = { $0.bindFragDataLocation(.glBindFragDataLocationIndexed, $1, $2, $3, $4) }
        glGetFragDataLocation = { c, name, cname in c.fragmentOutput(.glGetFragDataLocation, name, cname).map { GLint($0.location) } ?? -1 }
        glGetFragDataIndex = { c, name, cname in c.fragmentOutput(.glGetFragDataIndex, name, cname).map { GLint($0.index) } ?? -1 }
        glUniform1f = { $0.setUniform(.glUniform1f, $1, 1, .float, $2.bitPattern) }
        glUniform2f = { $0.setUniform(.glUniform2f, $1, 2, .float, $2.bitPattern, $3.bitPattern) }
        glUniform3f = { $0.setUniform(.glUniform3f, $1, 3, .float, $2.bitPattern, $3.bitPattern, $4.bitPattern) }
        glUniform4f = { $0.setUniform(.glUniform4f, $1, 4, .float, $2.bitPattern, $3.bitPattern, $4.bitPattern, $5.bitPattern) }
        glUniform1i = { $0.setUniform(.glUniform1i, $1, 1, .int, UInt32(bitPattern: $2)) }
        glUniform2i = { $0.setUniform(.glUniform2i, $1, 1, 2, .int, [UInt32(bitPattern: $2), UInt32(bitPattern: $3)]) }
        glUniform1ui = { $0.setUniform(.glUniform1ui, $1, 1, 1, .uint, [$2]) }
        glUniform1fv = { c, l, n, v in c.setUniform(.glUniform1fv, l, n, 1, .float, v.map { p in (0..<Int(max(0, n))).map { p[$0].bitPattern } } ?? []) }
        glUniform2fv = { c, l, n, v in c.setUniform(.glUniform2fv, l, n, 2, .float, v.map { p in (0..<Int(max(0, n)) * 2).map { p[$0].bitPattern } } ?? []) }
        glUniform3fv = { c, l, n, v in c.setUniform(.glUniform3fv, l, n, 3, .float, v.map { p in (0..<Int(max(0, n)) * 3).map { p[$0].bitPattern } } ?? []) }
        glUniform4fv = { c, l, n, v in c.setUniform(.glUniform4fv, l, n, 4, .float, v.map { p in (0..<Int(max(0, n)) * 4).map { p[$0].bitPattern } } ?? []) }
        glUniform1iv = { c, l, n, v in c.setUniform(.glUniform1iv, l, n, 1, .int, v.map { p in (0..<Int(max(0, n))).map { UInt32(bitPattern: p[$0]) } } ?? []) }
        glUniform3i = { $0.setUniform(.glUniform3i, $1, 1, 3, .int, [$2, $3, $4].map { UInt32(bitPattern: $0) }) }
        glUniform4i = { $0.setUniform(.glUniform4i, $1, 1, 4, .int, [$2, $3, $4, $5].map { UInt32(bitPattern: $0) }) }
        glUniform2ui = { $0.setUniform(.glUniform2ui, $1, 1, 2, .uint, [$2, $3]) }
        glUniform3ui = { $0.setUniform(.glUniform3ui, $1, 1, 3, .uint, [$2, $3, $4]) }
        glUniform4ui = { $0.setUniform(.glUniform4ui, $1, 1, 4, .uint, [$2, $3, $4, $5]) }
        glUniform2iv = { c, l, n, v in c.setUniform(.glUniform2iv, l, n, 2, .int, v.map { p in (0..<Int(max(0, n)) * 2).map { UInt32(bitPattern: p[$0]) } } ?? []) }
        glUniform3iv = { c, l, n, v in c.setUniform(.glUniform3iv, l, n, 3, .int, v.map { p in (0..<Int(max(0, n)) * 3).map { UInt32(bitPattern: p[$0]) } } ?? []) }
        glUniform4iv = { c, l, n, v in c.setUniform(.glUniform4iv, l, n, 4, .int, v.map { p in (0..<Int(max(0, n)) * 4).map { UInt32(bitPattern: p[$0]) } } ?? []) }
        glUniform1uiv = { c, l, n, v in c.setUniform(.glUniform1uiv, l, n, 1, .uint, v.map { p in (0..<Int(max(0, n))).map { p[$0] } } ?? []) }
        glUniform2uiv = { c, l, n, v in c.setUniform(.glUniform2uiv, l, n, 2, .uint, v.map { p in (0..<Int(max(0, n)) * 2).map { p[$0] } } ?? []) }
        glUniform3uiv = { c, l, n, v in c.setUniform(.glUniform3uiv, l, n, 3, .uint, v.map { p in (0..<Int(max(0, n)) * 3).map { p[$0] } } ?? []) }
        glUniform4uiv = { c, l, n, v in c.setUniform(.glUniform4uiv, l, n, 4, .uint, v.map { p in (0..<Int(max(0, n)) * 4).map { p[$0] } } ?? []) }
        glUniformMatrix2x3fv = { $0.setUniformMatrix(.glUniformMatrix2x3fv, $1, $2, $3, 2, 3, $4) }
        glUniformMatrix3x2fv = { $0.setUniformMatrix(.glUniformMatrix3x2fv, $1, $2, $3, 3, 2, $4) }
        glUniformMatrix2x4fv = { $0.setUniformMatrix(.glUniformMatrix2x4fv, $1, $2, $3, 2, 4, $4) }
        glUniformMatrix4x2fv = { $0.setUniformMatrix(.glUniformMatrix4x2fv, $1, $2, $3, 4, 2, $4) }
        glUniformMatrix3x4fv = { $0.setUniformMatrix(.glUniformMatrix3x4fv, $1, $2, $3, 3, 4, $4) }
        glUniformMatrix4x3fv = { $0.setUniformMatrix(.glUniformMatrix4x3fv, $1, $2, $3, 4, 3, $4) }
        glUniformMatrix2fv = { $0.setUniformMatrix(.glUniformMatrix2fv, $1, $2, $3, 2, 2, $4) }
        glUniformMatrix3fv = { $0.setUniformMatrix(.glUniformMatrix3fv, $1, $2, $3, 3, 3, $4) }
        glUniformMatrix4fv = { $0.setUniformMatrix(.glUniformMatrix4fv, $1, $2, $3, 4, 4, $4) }
    }
}

extension GLContext {
    /// glBindFragDataLocation{Indexed}: the output `cname` writes draw buffer `color` as blend source `index`
    /// from the next link on.
    func bindFragDataLocation(_ command: GLCommand, _ name: GLuint, _ color: GLuint, _ index: GLuint, _ cname: UnsafePointer<GLchar>?) {
        guard let p = program(command, name), let cname else { return }
        guard index <= 1 else { return recordError(GL_INVALID_VALUE, command, "index \(index)") }
        let limit = index == 1 ? state.limits.maxDualSourceDrawBuffers : state.limits.maxDrawBuffers
        guard Int(color) < Int(limit) else {
            return recordError(GL_INVALID_VALUE, command, "color \(color) with index \(index) (the limit is \(limit))")
        }
        let output = String(cString: cname)
        guard !output.hasPrefix("gl_") else { return recordError(GL_INVALID_OPERATION, command, "\(output) is reserved") }
        p.fragDataBindings[output] = Int(color)
        p.fragDataIndexBindings[output] = index == 0 ? nil : Int(index)
    }

    /// The linked fragment output `cname` (an array's element as `name[k]`) for glGetFragDataLocation and
    /// glGetFragDataIndex; nil when there is none (the query gives -1).
    func fragmentOutput(_ command: GLCommand, _ name: GLuint, _ cname: UnsafePointer<GLchar>?) -> FragmentOutput? {
        guard let p = program(command, name) else { return nil }
        guard p.linked, let linked = p.linkedProgram else {
            recordError(GL_INVALID_OPERATION, command, "program \(name) is not linked")
            return nil
        }
        guard let cname else { return nil }
        let query = String(cString: cname)
        // Only user-defined outputs have a location and index: gl_FragColor and gl_FragData give -1.
        guard !query.hasPrefix("gl_") else { return nil }
        if let o = linked.fragment.fragmentOutputs[query] { return o }
        // name[k]: element k of an array output is location + k.
        guard query.hasSuffix("]"), let open = query.lastIndex(of: "["),
              let k = Int(query[query.index(after: open)..<query.index(before: query.endIndex)]), k >= 0,
              var o = linked.fragment.fragmentOutputs[String(query[..<open])] else { return nil }
        if k == 0 { return o }
        guard k < o.count else { return nil }
        o.location += k
        return o
    }

    /// The program's uniform blocks in GL index order (by name), with their members from whichever stage has them.
    static func uniformBlocks(_ linked: LinkedProgram) -> [UniformBlockInfo] {
        var byName: [String: UniformBlockInfo] = [:]
        for b in linked.allBlocks where byName[b.name] == nil { byName[b.name] = b }
        // By name, an array of blocks in element order (`B[2]` before `B[10]`).
        func key(_ name: String) -> (String, Int) {
            guard name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                  let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return (name, -1) }
            return (String(name[..<open]), k)
        }
        return byName.keys.sorted { key($0) < key($1) }.map { byName[$0]! }
    }

    /// Every block member with its block's index: the uniform indices after the default block's.
    static func blockMembers(_ linked: LinkedProgram) -> [(block: Int, member: UniformBlockMember)] {
        uniformBlocks(linked).enumerated().flatMap { (i, b) in b.members.map { (i, $0) } }
    }

    /// The GL type of a default-block uniform location.
    static func glType(of u: UniformLocation) -> GLenum {
        switch u.kind {
        case .sampler: return GL_SAMPLER_2D
        case .image(_, _, let glType): return GLenum(glType)
        case .int: return [GL_INT, GL_INT_VEC2, GL_INT_VEC3, GL_INT_VEC4][max(0, min(3, u.components - 1))]
        case .uint: return [GL_UNSIGNED_INT, GL_UNSIGNED_INT_VEC2, GL_UNSIGNED_INT_VEC3, GL_UNSIGNED_INT_VEC4][max(0, min(3, u.components - 1))]
        case .bool: return [GL_BOOL, GL_BOOL_VEC2, GL_BOOL_VEC3, GL_BOOL_VEC4][max(0, min(3, u.components - 1))]
        case .double:
            if u.columns > 1 {
                let table: [[GLenum]] = [[GL_DOUBLE_MAT2, GL_DOUBLE_MAT2x3, GL_DOUBLE_MAT2x4], [GL_DOUBLE_MAT3x2, GL_DOUBLE_MAT3, GL_DOUBLE_MAT3x4], [GL_DOUBLE_MAT4x2, GL_DOUBLE_MAT4x3, GL_DOUBLE_MAT4]]
                return table[max(0, min(2, u.columns - 2))][max(0, min(2, u.components - 2))]
            }
            return [GL_DOUBLE, GL_DOUBLE_VEC2, GL_DOUBLE_VEC3, GL_DOUBLE_VEC4][max(0, min(3, u.components - 1))]
        default:
            if u.columns > 1 {
                let table: [[GLenum]] = [[GL_FLOAT_MAT2, GL_FLOAT_MAT2x3, GL_FLOAT_MAT2x4], [GL_FLOAT_MAT3x2, GL_FLOAT_MAT3, GL_FLOAT_MAT3x4], [GL_FLOAT_MAT4x2, GL_FLOAT_MAT4x3, GL_FLOAT_MAT4]]
                return table[max(0, min(2, u.columns - 2))][max(0, min(2, u.components - 2))]
            }
            return [GL_FLOAT, GL_FLOAT_VEC2, GL_FLOAT_VEC3, GL_FLOAT_VEC4][max(0, min(3, u.components - 1))]
        }
    }

    /// Copies a string into a GL-provided buffer with the spec's truncation rules.
    /// A value's integer part for the integer getters: NaN is 0, values past Int64's range clamp.
    static func integerPart(_ v: Double) -> Int64 {
        guard !v.isNaN else { return 0 }
        guard v > -9.2e18 else { return .min }
        guard v < 9.2e18 else { return .max }
        return Int64(v.rounded(.towardZero))
    }

    func copyString(_ command: GLCommand, _ s: String, _ size: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?, _ out: UnsafeMutablePointer<GLchar>?) {
        guard size >= 0 else { return recordError(GL_INVALID_VALUE, command, "bufSize < 0") }
        let bytes = Array(s.utf8)
        let n = max(0, min(bytes.count, Int(size) - 1))
        if let out, size > 0 {
            for i in 0..<n { out[i] = GLchar(bitPattern: bytes[i]) }
            out[n] = 0
        }
        length?.pointee = GLsizei(n)
    }
}

extension GLContext {
    /// Whether `name` is an element of a uniform array past its last active element (GL 4.6 §7.3.1: such
    /// elements are inactive; they have no location, as glGetActiveUniform's size says). `usage` is the link's
    /// count of active elements by top-level name.
    static func isInactiveElement(_ name: String, _ usage: [String: Int]?) -> Bool {
        let top = name.prefix { $0 != "[" && $0 != "." }
        guard let used = usage?[String(top)] else { return false }
        let rest = name.dropFirst(top.count)
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
              let k = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return false }
        return k >= used
    }
}

extension GLContext {
    /// glGetProgramiv's geometry-shader parameters (GL 4.6 §7.13), from the linked geometry stage's TGSI
    /// properties. GL_INVALID_OPERATION for a program not linked or without a geometry shader.
    func geometryParameter(_ p: GLProgram, _ pname: GLenum) -> GLint? {
        guard p.linked, let tgsi = p.geometryTGSI else {
            recordError(GL_INVALID_OPERATION, .glGetProgramiv, "program \(p.name) has no linked geometry shader")
            return nil
        }
        func property(_ name: String) -> Substring? {
            tgsi.split(separator: "\n").first { $0.hasPrefix("PROPERTY \(name) ") }?.split(separator: " ").last
        }
        let primitives: [Substring: GLenum] = [
            "POINTS": GL_POINTS, "LINES": GL_LINES, "LINES_ADJACENCY": GL_LINES_ADJACENCY, "TRIANGLES": GL_TRIANGLES,
            "TRIANGLES_ADJACENCY": GL_TRIANGLES_ADJACENCY, "LINE_STRIP": GL_LINE_STRIP, "TRIANGLE_STRIP": GL_TRIANGLE_STRIP,
        ]
        switch pname {
        case GL_GEOMETRY_VERTICES_OUT: return property("GS_MAX_OUTPUT_VERTICES").flatMap { GLint($0) } ?? 0
        case GL_GEOMETRY_SHADER_INVOCATIONS: return property("GS_INVOCATIONS").flatMap { GLint($0) } ?? 1
        case GL_GEOMETRY_INPUT_TYPE: return GLint(property("GS_INPUT_PRIMITIVE").flatMap { primitives[$0] } ?? GL_TRIANGLES)
        default: return GLint(property("GS_OUTPUT_PRIMITIVE").flatMap { primitives[$0] } ?? GL_TRIANGLE_STRIP)
        }
    }
}
