import GLCore
import ShaderCompiler

/// One active resource of a program interface (GL 4.6 §7.3.1): its name (nil for atomic counter buffers and
/// transform feedback buffers, which have none), its index, and the values of the properties
/// glGetProgramResourceiv reads.
struct ProgramResource {
    var name: String?
    /// The resource's index (its place in the list, except subroutines: their subroutine index).
    var index: Int
    var properties: [GLenum: [GLint]]
}

/// GL_ARB_program_interface_query (GL 4.3 core): glGetProgramInterfaceiv, glGetProgramResourceIndex, -Name, -iv,
/// -Location and -LocationIndex over the program's resource lists. Each interface's list is built from the
/// link's reflection (`programResources`); the older queries (glGetActiveUniform, glGetUniformIndices,
/// glGetActiveUniformsiv, glGetUniformBlockIndex) read the same GL_UNIFORM and GL_UNIFORM_BLOCK lists, so the two
/// agree. Shader storage blocks, buffer variables and atomic counter buffers are empty lists until the program's
/// reflection has them: fill them in `programResources`.
extension GLContext {
    /// The interfaces the queries accept (GL 4.3's, with GL 4.4's GL_TRANSFORM_FEEDBACK_BUFFER).
    static let programInterfaces: Set<GLenum> = [
        GL_UNIFORM, GL_UNIFORM_BLOCK, GL_ATOMIC_COUNTER_BUFFER, GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT, GL_TRANSFORM_FEEDBACK_VARYING,
        GL_TRANSFORM_FEEDBACK_BUFFER, GL_BUFFER_VARIABLE, GL_SHADER_STORAGE_BLOCK,
        GL_VERTEX_SUBROUTINE, GL_TESS_CONTROL_SUBROUTINE, GL_TESS_EVALUATION_SUBROUTINE, GL_GEOMETRY_SUBROUTINE, GL_FRAGMENT_SUBROUTINE,
        GL_COMPUTE_SUBROUTINE, GL_VERTEX_SUBROUTINE_UNIFORM, GL_TESS_CONTROL_SUBROUTINE_UNIFORM, GL_TESS_EVALUATION_SUBROUTINE_UNIFORM,
        GL_GEOMETRY_SUBROUTINE_UNIFORM, GL_FRAGMENT_SUBROUTINE_UNIFORM, GL_COMPUTE_SUBROUTINE_UNIFORM,
    ]

    static let subroutineInterfaces: [GLenum: GLenum] = [
        GL_VERTEX_SUBROUTINE: GL_VERTEX_SHADER, GL_TESS_CONTROL_SUBROUTINE: GL_TESS_CONTROL_SHADER,
        GL_TESS_EVALUATION_SUBROUTINE: GL_TESS_EVALUATION_SHADER, GL_GEOMETRY_SUBROUTINE: GL_GEOMETRY_SHADER,
        GL_FRAGMENT_SUBROUTINE: GL_FRAGMENT_SHADER, GL_COMPUTE_SUBROUTINE: GL_COMPUTE_SHADER,
    ]
    static let subroutineUniformInterfaces: [GLenum: GLenum] = [
        GL_VERTEX_SUBROUTINE_UNIFORM: GL_VERTEX_SHADER, GL_TESS_CONTROL_SUBROUTINE_UNIFORM: GL_TESS_CONTROL_SHADER,
        GL_TESS_EVALUATION_SUBROUTINE_UNIFORM: GL_TESS_EVALUATION_SHADER, GL_GEOMETRY_SUBROUTINE_UNIFORM: GL_GEOMETRY_SHADER,
        GL_FRAGMENT_SUBROUTINE_UNIFORM: GL_FRAGMENT_SHADER, GL_COMPUTE_SUBROUTINE_UNIFORM: GL_COMPUTE_SHADER,
    ]

    /// GL_REFERENCED_BY_*_SHADER, by stage (compute: none in VirglGL).
    static let referencedBy: [(property: GLenum, stage: ShaderStage?)] = [
        (GL_REFERENCED_BY_VERTEX_SHADER, .vertex), (GL_REFERENCED_BY_TESS_CONTROL_SHADER, .tessControl),
        (GL_REFERENCED_BY_TESS_EVALUATION_SHADER, .tessEvaluation), (GL_REFERENCED_BY_GEOMETRY_SHADER, .geometry),
        (GL_REFERENCED_BY_FRAGMENT_SHADER, .fragment), (GL_REFERENCED_BY_COMPUTE_SHADER, nil),
    ]

    /// Which interfaces each property applies to (GL 4.6 Table 7.2; a property outside its interfaces is
    /// GL_INVALID_OPERATION, one not in this table GL_INVALID_ENUM).
    static let propertyInterfaces: [GLenum: Set<GLenum>] = {
        let subroutineUniforms = Set(subroutineUniformInterfaces.keys)
        let referencing: Set<GLenum> = [GL_UNIFORM, GL_UNIFORM_BLOCK, GL_ATOMIC_COUNTER_BUFFER, GL_SHADER_STORAGE_BLOCK, GL_BUFFER_VARIABLE, GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT]
        let blocks: Set<GLenum> = [GL_UNIFORM_BLOCK, GL_ATOMIC_COUNTER_BUFFER, GL_SHADER_STORAGE_BLOCK]
        var table: [GLenum: Set<GLenum>] = [
            GL_NAME_LENGTH: programInterfaces.subtracting([GL_ATOMIC_COUNTER_BUFFER, GL_TRANSFORM_FEEDBACK_BUFFER]),
            GL_TYPE: [GL_UNIFORM, GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT, GL_TRANSFORM_FEEDBACK_VARYING, GL_BUFFER_VARIABLE],
            GL_ARRAY_SIZE: subroutineUniforms.union([GL_UNIFORM, GL_BUFFER_VARIABLE, GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT, GL_TRANSFORM_FEEDBACK_VARYING]),
            GL_OFFSET: [GL_UNIFORM, GL_BUFFER_VARIABLE, GL_TRANSFORM_FEEDBACK_VARYING],
            GL_TRANSFORM_FEEDBACK_BUFFER_INDEX: [GL_TRANSFORM_FEEDBACK_VARYING], GL_BLOCK_INDEX: [GL_UNIFORM, GL_BUFFER_VARIABLE],
            GL_ARRAY_STRIDE: [GL_UNIFORM, GL_BUFFER_VARIABLE], GL_MATRIX_STRIDE: [GL_UNIFORM, GL_BUFFER_VARIABLE],
            GL_IS_ROW_MAJOR: [GL_UNIFORM, GL_BUFFER_VARIABLE], GL_ATOMIC_COUNTER_BUFFER_INDEX: [GL_UNIFORM],
            GL_BUFFER_BINDING: blocks.union([GL_TRANSFORM_FEEDBACK_BUFFER]), GL_BUFFER_DATA_SIZE: blocks,
            GL_NUM_ACTIVE_VARIABLES: blocks.union([GL_TRANSFORM_FEEDBACK_BUFFER]), GL_ACTIVE_VARIABLES: blocks.union([GL_TRANSFORM_FEEDBACK_BUFFER]),
            GL_NUM_COMPATIBLE_SUBROUTINES: subroutineUniforms, GL_COMPATIBLE_SUBROUTINES: subroutineUniforms,
            GL_TOP_LEVEL_ARRAY_SIZE: [GL_BUFFER_VARIABLE], GL_TOP_LEVEL_ARRAY_STRIDE: [GL_BUFFER_VARIABLE],
            GL_LOCATION: subroutineUniforms.union([GL_UNIFORM, GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT]),
            GL_LOCATION_INDEX: [GL_PROGRAM_OUTPUT], GL_LOCATION_COMPONENT: [GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT], GL_IS_PER_PATCH: [GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT],
            GL_TRANSFORM_FEEDBACK_BUFFER_STRIDE: [GL_TRANSFORM_FEEDBACK_BUFFER],
        ]
        for (property, _) in referencedBy { table[property] = referencing }
        return table
    }()

    /// The linked program whose resources the queries list (nil: not linked, every list is empty).
    static func queryableProgram(_ p: GLProgram) -> LinkedProgram? { p.linked ? p.linkedProgram : nil }

    /// The active resources of `interface` (one of `programInterfaces`) in a program.
    func programResources(_ p: GLProgram, _ interface: GLenum) -> [ProgramResource] {
        guard let linked = GLContext.queryableProgram(p) else { return [] }
        func named(_ list: [(String, [GLenum: [GLint]])]) -> [ProgramResource] {
            list.enumerated().map { ProgramResource(name: $0.element.0, index: $0.offset, properties: $0.element.1) }
        }
        switch interface {
        case GL_UNIFORM: return named(GLContext.activeUniforms(p, linked).map { ($0.name, $0.properties) })
        case GL_UNIFORM_BLOCK: return named(GLContext.activeUniformBlocks(p, linked))
        case GL_PROGRAM_INPUT: return named(GLContext.interfaceResources(linked, input: true))
        case GL_PROGRAM_OUTPUT: return named(GLContext.interfaceResources(linked, input: false))
        case GL_TRANSFORM_FEEDBACK_VARYING:
            // GL_OFFSET: bytes into its buffer's records; GL_TRANSFORM_FEEDBACK_BUFFER_INDEX: the
            // GL_TRANSFORM_FEEDBACK_BUFFER resource holding it (GL_ARB_enhanced_layouts).
            let layout = p.transformFeedback
            let buffers = GLContext.transformFeedbackBuffers(p)
            return named((layout?.varyings ?? []).enumerated().map { k, v in
                let offset = k < (layout?.varyingOffsets.count ?? 0) ? layout!.varyingOffsets[k] : 0
                let buffer = buffers.firstIndex { $0.variables.contains(k) } ?? -1
                return (v.name, [
                    GL_TYPE: [GLint(bitPattern: v.glType)], GL_ARRAY_SIZE: [GLint(v.size)], GL_OFFSET: [GLint(offset)],
                    GL_TRANSFORM_FEEDBACK_BUFFER_INDEX: [GLint(buffer)],
                ])
            })
        case GL_TRANSFORM_FEEDBACK_BUFFER:
            return GLContext.transformFeedbackBuffers(p).enumerated().map { k, b in
                ProgramResource(name: nil, index: k, properties: [
                    GL_BUFFER_BINDING: [GLint(b.binding)], GL_NUM_ACTIVE_VARIABLES: [GLint(b.variables.count)],
                    GL_ACTIVE_VARIABLES: b.variables.map { GLint($0) }, GL_TRANSFORM_FEEDBACK_BUFFER_STRIDE: [GLint(b.stride)],
                ])
            }
        case let i where GLContext.subroutineInterfaces[i] != nil:
            guard let stage = GLContext.subroutineStage(GLContext.subroutineInterfaces[i]!), let s = linked.subroutines[stage] else { return [] }
            return s.functions.sorted { $0.index < $1.index }.map { ProgramResource(name: $0.name, index: $0.index, properties: [:]) }
        case let i where GLContext.subroutineUniformInterfaces[i] != nil:
            guard let stage = GLContext.subroutineStage(GLContext.subroutineUniformInterfaces[i]!), let s = linked.subroutines[stage] else { return [] }
            return named(s.uniforms.map { u in
                (u.name, [
                    GL_ARRAY_SIZE: [GLint(u.size)], GL_NUM_COMPATIBLE_SUBROUTINES: [GLint(u.compatible.count)],
                    GL_COMPATIBLE_SUBROUTINES: u.compatible.map { GLint($0) }, GL_LOCATION: [GLint(u.location)],
                ])
            })
        case GL_SHADER_STORAGE_BLOCK: return named(GLContext.storageBlockResources(p, linked))
        case GL_BUFFER_VARIABLE: return named(GLContext.bufferVariableResources(p, linked))
        case GL_ATOMIC_COUNTER_BUFFER:
            return GLContext.atomicCounterBufferResources(p, linked).enumerated().map { ProgramResource(name: nil, index: $0.offset, properties: $0.element) }
        default: return []
        }
    }

    // The interfaces of features still being built: each returns its resources in index order as (name, properties)
    // — the properties `propertyInterfaces` allows for the interface (GL_REFERENCED_BY_* through `references`);
    // GL_NAME_LENGTH comes from the name.

    // GL_SHADER_STORAGE_BLOCK and GL_BUFFER_VARIABLE: `storageBlockResources` / `bufferVariableResources`
    // (GLProgram+StorageResources.swift).

    /// GL_ATOMIC_COUNTER_BUFFER (no names): GL_BUFFER_BINDING, GL_BUFFER_DATA_SIZE, GL_NUM_ACTIVE_VARIABLES,
    /// GL_ACTIVE_VARIABLES (GL_UNIFORM indices of its counters). None until the reflection has atomic counters
    /// (their GL_UNIFORM entries then give GL_ATOMIC_COUNTER_BUFFER_INDEX).
    static func atomicCounterBufferResources(_ p: GLProgram, _ linked: LinkedProgram) -> [[GLenum: [GLint]]] { [] }

    /// GL_REFERENCED_BY_*_SHADER values for a resource used by `stages`.
    static func references(_ stages: Set<ShaderStage>) -> [GLenum: [GLint]] {
        var out: [GLenum: [GLint]] = [:]
        for (property, stage) in referencedBy { out[property] = [stage.map { stages.contains($0) } ?? false ? 1 : 0] }
        return out
    }

    /// One GL_UNIFORM entry: its name and properties, and for default-block uniforms the name its GL location is
    /// found under.
    struct ActiveUniform {
        var name: String
        var properties: [GLenum: [GLint]]
        var arraySize: Int
        var type: GLenum
    }

    /// The compatibility state uniforms VirglGL lowers to `virglgl_` uniforms, listed under their `gl_` names.
    static let builtInStateUniforms: Set<String> = [
        "ModelViewMatrix", "ProjectionMatrix", "ModelViewProjectionMatrix", "NormalMatrix", "TextureMatrix", "DepthRange",
        "ModelViewMatrixInverse", "ProjectionMatrixInverse", "ModelViewProjectionMatrixInverse", "TextureMatrixInverse",
        "ModelViewMatrixTranspose", "ProjectionMatrixTranspose", "ModelViewProjectionMatrixTranspose", "TextureMatrixTranspose",
        "ModelViewMatrixInverseTranspose", "ProjectionMatrixInverseTranspose", "ModelViewProjectionMatrixInverseTranspose",
        "TextureMatrixInverseTranspose",
    ]

    /// The active uniforms in index order (GL 4.6 §7.3.1.1): the default block's, an array of basic types as one
    /// `a[0]` entry with its size, the lowered `virglgl_` uniforms left out; then each block member once (an array of
    /// blocks lists its members once, with the first block's index).
    static func activeUniforms(_ p: GLProgram, _ linked: LinkedProgram) -> [ActiveUniform] {
        if let cached = p.activeUniforms { return cached }
        let list = makeActiveUniforms(p, linked)
        p.activeUniforms = list
        return list
    }

    static func makeActiveUniforms(_ p: GLProgram, _ linked: LinkedProgram) -> [ActiveUniform] {
        var out: [ActiveUniform] = []
        var locationOf: [String: Int] = [:]
        for (l, u) in p.uniformLocations.enumerated() where !u.name.isEmpty && locationOf[u.name] == nil { locationOf[u.name] = l }
        func split(_ name: String) -> (base: String, element: Int)? {
            guard name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                  let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
            return (String(name[..<open]), k)
        }
        func topLevel(_ name: String) -> String { String(name.prefix { $0 != "[" && $0 != "." }) }
        let usage = linked.interfaces.uniformUsage
        /// Whether a uniform location's variable (and its outermost array element) is active.
        func active(_ name: String) -> Bool {
            guard let usage else { return true }
            guard usage[topLevel(name)] != nil else { return false }
            return !GLContext.isInactiveElement(name, usage)
        }
        var groups: [(first: UniformLocation, base: String?, count: Int)] = []
        for var u in linked.locations where !u.name.isEmpty && active(u.name) {
            // The lowered compatibility state (virglgl_ModelViewMatrix, …) under its GL name; other lowered uniforms
            // (gl_NumSamples, subroutine selections) are not the application's.
            if u.name.hasPrefix("virglgl_") {
                // Only those the program's own shaders read (not the fixed-function stand-in stage's).
                let own = Set(p.shaders.compactMap { GLContext.subroutineStage($0.type) })
                guard GLContext.builtInStateUniforms.contains(topLevel(String(u.name.dropFirst(8)))),
                      !(linked.interfaces.uniformStages[topLevel(u.name)] ?? []).isDisjoint(with: own) else { continue }
                u.name = "gl_" + u.name.dropFirst(8)
            }
            if let (base, k) = split(u.name) {
                if k > 0, let last = groups.last, last.base == base, last.count == k, last.first.kind == u.kind,
                   last.first.components == u.components, last.first.columns == u.columns {
                    groups[groups.count - 1].count += 1
                    continue
                }
                if k == 0 { groups.append((u, base, 1)); continue }
            }
            groups.append((u, nil, 1))
        }
        for g in groups {
            let type = glType(of: g.first)
            var properties: [GLenum: [GLint]] = [
                GL_TYPE: [GLint(bitPattern: type)], GL_ARRAY_SIZE: [GLint(g.count)], GL_OFFSET: [-1], GL_BLOCK_INDEX: [-1], GL_ARRAY_STRIDE: [-1],
                GL_MATRIX_STRIDE: [-1], GL_IS_ROW_MAJOR: [0], GL_ATOMIC_COUNTER_BUFFER_INDEX: [-1],
                GL_LOCATION: [g.first.name.hasPrefix("gl_") ? -1 : GLint(locationOf[g.first.name] ?? -1)],
            ]
            let variable = g.first.name.hasPrefix("gl_") ? "virglgl_" + topLevel(String(g.first.name.dropFirst(3))) : topLevel(g.first.name)
            properties.merge(references(linked.interfaces.uniformStages[variable] ?? [])) { a, _ in a }
            out.append(ActiveUniform(name: g.first.name, properties: properties, arraySize: g.count, type: type))
        }
        var seen = Set<String>()
        for (k, b) in uniformBlocks(linked).enumerated() {
            let stages = Set(linked.stages.filter { s in s.shader.blocks.contains { $0.name == b.name } }.map(\.stage))
            for m in b.members where seen.insert(m.name).inserted {
                var properties: [GLenum: [GLint]] = [
                    GL_TYPE: [GLint(bitPattern: m.type)], GL_ARRAY_SIZE: [GLint(m.arraySize)], GL_OFFSET: [GLint(m.offset)], GL_BLOCK_INDEX: [GLint(k)],
                    GL_ARRAY_STRIDE: [GLint(m.arrayStride)], GL_MATRIX_STRIDE: [GLint(m.matrixStride)], GL_IS_ROW_MAJOR: [m.rowMajor ? 1 : 0],
                    GL_ATOMIC_COUNTER_BUFFER_INDEX: [-1], GL_LOCATION: [-1],
                ]
                properties.merge(references(stages)) { a, _ in a }
                out.append(ActiveUniform(name: m.name, properties: properties, arraySize: m.arraySize, type: m.type))
            }
        }
        return out
    }

    /// The active uniform blocks in index order (`uniformBlocks`), with their members' GL_UNIFORM indices.
    static func activeUniformBlocks(_ p: GLProgram, _ linked: LinkedProgram) -> [(String, [GLenum: [GLint]])] {
        let uniforms = activeUniforms(p, linked)
        var index: [String: Int] = [:]
        for (k, u) in uniforms.enumerated() where index[u.name] == nil { index[u.name] = k }
        return uniformBlocks(linked).map { b in
            let stages = Set(linked.stages.filter { s in s.shader.blocks.contains { $0.name == b.name } }.map(\.stage))
            let variables = b.members.compactMap { index[$0.name] }.map { GLint($0) }
            var properties: [GLenum: [GLint]] = [
                GL_BUFFER_BINDING: [GLint(p.blockBindings[b.name] ?? b.binding)], GL_BUFFER_DATA_SIZE: [GLint(b.size)],
                GL_NUM_ACTIVE_VARIABLES: [GLint(variables.count)], GL_ACTIVE_VARIABLES: variables,
            ]
            properties.merge(references(stages)) { a, _ in a }
            return (b.name, properties)
        }
    }

    /// GL_PROGRAM_INPUT (`input`) or GL_PROGRAM_OUTPUT: the first stage's inputs or the last stage's outputs, with
    /// the locations the link assigned (vertex inputs after glBindAttribLocation, fragment outputs after
    /// glBindFragDataLocation).
    static func interfaceResources(_ linked: LinkedProgram, input: Bool) -> [(String, [GLenum: [GLint]])] {
        let i = linked.interfaces
        let stage = input ? i.inputStage : i.outputStage
        return (input ? i.inputs : i.outputs).map { v in
            let base = v.name.hasSuffix("[0]") ? String(v.name.dropLast(3)) : v.name
            var location = v.location, index = v.index
            if !v.isBuiltIn, input, stage == .vertex, let l = linked.attributes[base] { location = l }
            if !v.isBuiltIn, !input, stage == .fragment, let o = linked.fragment.fragmentOutputs[base] { (location, index) = (o.location, o.index) }
            var properties: [GLenum: [GLint]] = [
                GL_TYPE: [GLint(bitPattern: v.type)], GL_ARRAY_SIZE: [GLint(v.arraySize)], GL_LOCATION: [GLint(location)],
                GL_IS_PER_PATCH: [v.isPatch ? 1 : 0], GL_LOCATION_COMPONENT: [GLint(v.component)],
            ]
            if !input { properties[GL_LOCATION_INDEX] = [stage == .fragment && !v.isBuiltIn ? GLint(index) : -1] }
            properties.merge(references([stage])) { a, _ in a }
            return (v.name, properties)
        }
    }

    /// The transform feedback buffers a program captures into: binding index, the GL_TRANSFORM_FEEDBACK_VARYING
    /// indices of its varyings, and its stride in bytes.
    static func transformFeedbackBuffers(_ p: GLProgram) -> [(binding: Int, variables: [Int], stride: Int)] {
        guard let layout = p.transformFeedback else { return [] }
        var buffers: [(binding: Int, variables: [Int], stride: Int)] = []
        var buffer = 0
        for (k, v) in layout.varyings.enumerated() {
            if v.name == "gl_NextBuffer" { buffer += 1; continue }
            if v.name.hasPrefix("gl_SkipComponents") { continue }
            let b = k < layout.varyingBuffers.count ? layout.varyingBuffers[k] : p.linkedTransformFeedbackSeparate ? k : buffer
            if let j = buffers.firstIndex(where: { $0.binding == b }) { buffers[j].variables.append(k) } else {
                buffers.append((b, [k], 4 * (b < layout.strides.count ? layout.strides[b] : 0)))
            }
        }
        return buffers
    }

    /// The program for a resource query: GL_INVALID_VALUE when `name` is no object, GL_INVALID_OPERATION when it is
    /// a shader.
    func resourceProgram(_ command: GLCommand, _ name: GLuint) -> GLProgram? { program(command, name) }

    /// The resource of `interface` named `name`: an exact match, or the `name[0]` entry of an array.
    static func resourceIndex(_ resources: [ProgramResource], _ name: String) -> ProgramResource? {
        resources.first { $0.name == name } ?? resources.first { $0.name == name + "[0]" }
    }

    func getProgramInterfaceiv(_ program: GLuint, _ interface: GLenum, _ pname: GLenum, _ params: UnsafeMutablePointer<GLint>?) {
        let command = GLCommand.glGetProgramInterfaceiv
        guard let p = resourceProgram(command, program) else { return }
        guard GLContext.programInterfaces.contains(interface) else {
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(interface)) is not a program interface")
        }
        let resources = programResources(p, interface)
        let value: Int
        switch pname {
        case GL_ACTIVE_RESOURCES: value = resources.count
        case GL_MAX_NAME_LENGTH:
            guard interface != GL_ATOMIC_COUNTER_BUFFER, interface != GL_TRANSFORM_FEEDBACK_BUFFER else {
                return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(interface)) resources have no names")
            }
            value = resources.compactMap { $0.name.map { $0.utf8.count + 1 } }.max() ?? 0
        case GL_MAX_NUM_ACTIVE_VARIABLES:
            guard [GL_UNIFORM_BLOCK, GL_ATOMIC_COUNTER_BUFFER, GL_SHADER_STORAGE_BLOCK, GL_TRANSFORM_FEEDBACK_BUFFER].contains(interface) else {
                return recordError(GL_INVALID_OPERATION, command, "GL_MAX_NUM_ACTIVE_VARIABLES of \(GLEnumNames.describe(interface))")
            }
            value = resources.map { Int($0.properties[GL_NUM_ACTIVE_VARIABLES]?.first ?? 0) }.max() ?? 0
        case GL_MAX_NUM_COMPATIBLE_SUBROUTINES:
            guard GLContext.subroutineUniformInterfaces[interface] != nil else {
                return recordError(GL_INVALID_OPERATION, command, "GL_MAX_NUM_COMPATIBLE_SUBROUTINES of \(GLEnumNames.describe(interface))")
            }
            value = resources.map { Int($0.properties[GL_NUM_COMPATIBLE_SUBROUTINES]?.first ?? 0) }.max() ?? 0
        default:
            return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(pname)) of \(GLEnumNames.describe(interface))")
        }
        params?.pointee = GLint(value)
    }

    func getProgramResourceIndex(_ program: GLuint, _ interface: GLenum, _ cname: UnsafePointer<GLchar>?) -> GLuint {
        let command = GLCommand.glGetProgramResourceIndex
        guard let p = resourceProgram(command, program) else { return GL_INVALID_INDEX }
        guard GLContext.programInterfaces.contains(interface), interface != GL_ATOMIC_COUNTER_BUFFER, interface != GL_TRANSFORM_FEEDBACK_BUFFER else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(interface))
            return GL_INVALID_INDEX
        }
        guard let cname else { return GL_INVALID_INDEX }
        let name = String(cString: cname)
        // The special transform feedback names have no index (ARB_program_interface_query).
        if interface == GL_TRANSFORM_FEEDBACK_VARYING, name == "gl_NextBuffer" || name.hasPrefix("gl_SkipComponents") { return GL_INVALID_INDEX }
        return GLContext.resourceIndex(programResources(p, interface), name).map { GLuint($0.index) } ?? GL_INVALID_INDEX
    }

    func getProgramResourceName(
        _ program: GLuint, _ interface: GLenum, _ index: GLuint, _ bufSize: GLsizei, _ length: UnsafeMutablePointer<GLsizei>?,
        _ out: UnsafeMutablePointer<GLchar>?
    ) {
        let command = GLCommand.glGetProgramResourceName
        guard let p = resourceProgram(command, program) else { return }
        guard GLContext.programInterfaces.contains(interface), interface != GL_ATOMIC_COUNTER_BUFFER, interface != GL_TRANSFORM_FEEDBACK_BUFFER else {
            return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(interface))
        }
        guard let r = programResources(p, interface).first(where: { $0.index == Int(index) }), let name = r.name else {
            return recordError(GL_INVALID_VALUE, command, "\(GLEnumNames.describe(interface)) has no resource \(index)")
        }
        copyString(command, name, bufSize, length, out)
    }

    func getProgramResourceiv(
        _ program: GLuint, _ interface: GLenum, _ index: GLuint, _ propCount: GLsizei, _ props: UnsafePointer<GLenum>?, _ bufSize: GLsizei,
        _ length: UnsafeMutablePointer<GLsizei>?, _ params: UnsafeMutablePointer<GLint>?
    ) {
        let command = GLCommand.glGetProgramResourceiv
        guard let p = resourceProgram(command, program) else { return }
        guard propCount > 0 else { return recordError(GL_INVALID_VALUE, command, "propCount \(propCount)") }
        guard bufSize >= 0 else { return recordError(GL_INVALID_VALUE, command, "bufSize \(bufSize)") }
        guard GLContext.programInterfaces.contains(interface) else { return recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(interface)) }
        guard let r = programResources(p, interface).first(where: { $0.index == Int(index) }) else {
            return recordError(GL_INVALID_VALUE, command, "\(GLEnumNames.describe(interface)) has no resource \(index)")
        }
        guard let props else { return }
        var values: [GLint] = []
        for k in 0..<Int(propCount) {
            let property = props[k]
            guard let interfaces = GLContext.propertyInterfaces[property] else {
                return recordError(GL_INVALID_ENUM, command, "property \(GLEnumNames.describe(property))")
            }
            guard interfaces.contains(interface) else {
                return recordError(GL_INVALID_OPERATION, command, "\(GLEnumNames.describe(property)) of \(GLEnumNames.describe(interface))")
            }
            if property == GL_NAME_LENGTH {
                values.append(GLint((r.name?.utf8.count ?? 0) + 1))
            } else {
                values += r.properties[property] ?? (property == GL_ACTIVE_VARIABLES || property == GL_COMPATIBLE_SUBROUTINES ? [] : [0])
            }
        }
        let n = min(values.count, Int(bufSize))
        if let params { for k in 0..<n { params[k] = values[k] } }
        length?.pointee = GLsizei(n)
    }

    /// glGetProgramResourceLocation: a uniform's (`u`, `a[2]`, `s.f`) as glGetUniformLocation gives it, an input's or
    /// output's (`a[2]`: the first element's plus 2), a subroutine uniform's; -1 for built-ins, block members and
    /// names that are none of these.
    func getProgramResourceLocation(_ program: GLuint, _ interface: GLenum, _ cname: UnsafePointer<GLchar>?) -> GLint {
        let command = GLCommand.glGetProgramResourceLocation
        guard let p = resourceProgram(command, program) else { return -1 }
        guard interface == GL_UNIFORM || interface == GL_PROGRAM_INPUT || interface == GL_PROGRAM_OUTPUT
            || GLContext.subroutineUniformInterfaces[interface] != nil else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(interface))
            return -1
        }
        guard let linked = GLContext.queryableProgram(p) else {
            recordError(GL_INVALID_OPERATION, command, "program \(program) is not linked")
            return -1
        }
        guard let cname else { return -1 }
        let name = String(cString: cname)
        guard !name.hasPrefix("gl_") else { return -1 }
        switch interface {
        case GL_UNIFORM:
            let candidates = [name, name + "[0]", name.hasSuffix("[0]") ? String(name.dropLast(3)) : name]
            for c in candidates {
                if let l = p.uniformLocations.firstIndex(where: { $0.name == c }) { return GLint(l) }
            }
            return -1
        case GL_PROGRAM_INPUT, GL_PROGRAM_OUTPUT:
            let resources = programResources(p, interface)
            if let r = GLContext.resourceIndex(resources, name) { return r.properties[GL_LOCATION]?.first ?? -1 }
            // `a[k]`: element k of an array of basic types.
            guard name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                  let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), k > 0,
                  let r = resources.first(where: { $0.name == name[..<open] + "[0]" }),
                  let size = r.properties[GL_ARRAY_SIZE]?.first, k < size, let l = r.properties[GL_LOCATION]?.first, l >= 0 else { return -1 }
            return l + GLint(k)
        default:
            guard let stage = GLContext.subroutineStage(GLContext.subroutineUniformInterfaces[interface]!), let s = linked.subroutines[stage] else { return -1 }
            return GLContext.subroutineUniformLocation(s, name)
        }
    }

    /// glGetProgramResourceLocationIndex: a fragment output's blend source index (-1 for other names, and when the
    /// last stage is not the fragment stage).
    func getProgramResourceLocationIndex(_ program: GLuint, _ interface: GLenum, _ cname: UnsafePointer<GLchar>?) -> GLint {
        let command = GLCommand.glGetProgramResourceLocationIndex
        guard let p = resourceProgram(command, program) else { return -1 }
        guard interface == GL_PROGRAM_OUTPUT else {
            recordError(GL_INVALID_ENUM, command, GLEnumNames.describe(interface))
            return -1
        }
        guard let linked = GLContext.queryableProgram(p) else {
            recordError(GL_INVALID_OPERATION, command, "program \(program) is not linked")
            return -1
        }
        guard linked.interfaces.outputStage == .fragment, let cname else { return -1 }
        let name = String(cString: cname)
        guard !name.hasPrefix("gl_") else { return -1 }
        if let r = GLContext.resourceIndex(programResources(p, interface), name) { return r.properties[GL_LOCATION_INDEX]?.first ?? -1 }
        return fragmentOutput(command, program, cname).map { GLint($0.index) } ?? -1
    }
}

extension GLDispatch {
    func installProgramInterfaceQuery() {
        glGetProgramInterfaceiv = { $0.getProgramInterfaceiv($1, $2, $3, $4) }
        glGetProgramResourceIndex = { $0.getProgramResourceIndex($1, $2, $3) }
        glGetProgramResourceName = { $0.getProgramResourceName($1, $2, $3, $4, $5, $6) }
        glGetProgramResourceiv = { $0.getProgramResourceiv($1, $2, $3, $4, $5, $6, $7, $8) }
        glGetProgramResourceLocation = { $0.getProgramResourceLocation($1, $2, $3) }
        glGetProgramResourceLocationIndex = { $0.getProgramResourceLocationIndex($1, $2, $3) }
    }
}
