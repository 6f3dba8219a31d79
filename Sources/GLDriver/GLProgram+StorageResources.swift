import GLCore
import ShaderCompiler

/// The GL 4.3 program interfaces of storage blocks, ready for program interface queries
/// (glGetProgramInterfaceiv / glGetProgramResourceiv / …Index / …Name): GL_SHADER_STORAGE_BLOCK (one resource
/// per active block, its index the block index glShaderStorageBlockBinding takes) and GL_BUFFER_VARIABLE (the
/// blocks' members, program-wide, in block order; a member of a block array listed once, with its first
/// element's block index).
extension LinkedProgram {
    /// GL_BUFFER_VARIABLE resources in index order: each member and its block's index.
    public var bufferVariables: [(block: Int, member: StorageBlockMember)] {
        var out: [(block: Int, member: StorageBlockMember)] = []
        var seen = Set<String>()
        for (k, b) in storageBlocks.enumerated() {
            for m in b.members where seen.insert(m.name).inserted { out.append((k, m)) }
        }
        return out
    }
}

extension GLContext {
    /// GL_REFERENCED_BY_*_SHADER's stage, or nil for another property.
    static func referencingStage(_ prop: GLenum) -> ShaderStage?? {
        switch prop {
        case GL_REFERENCED_BY_VERTEX_SHADER: return .some(.vertex)
        case GL_REFERENCED_BY_TESS_CONTROL_SHADER: return .some(.tessControl)
        case GL_REFERENCED_BY_TESS_EVALUATION_SHADER: return .some(.tessEvaluation)
        case GL_REFERENCED_BY_GEOMETRY_SHADER: return .some(.geometry)
        case GL_REFERENCED_BY_FRAGMENT_SHADER: return .some(.fragment)
        case GL_REFERENCED_BY_COMPUTE_SHADER: return .some(nil)  // no compute stage in a draw program
        default: return nil
        }
    }

    /// Property `prop` of GL_SHADER_STORAGE_BLOCK resource `index` of program `p` (glGetProgramResourceiv); nil
    /// when `prop` is not one of that interface's (GL_INVALID_OPERATION) or `index` is past the blocks
    /// (GL_INVALID_VALUE: check `index < linked.storageBlocks.count` first).
    static func storageBlockResourceProperty(_ p: GLProgram, _ index: Int, _ prop: GLenum) -> [GLint]? {
        guard let linked = p.linkedProgram, index >= 0, index < linked.storageBlocks.count else { return nil }
        let b = linked.storageBlocks[index]
        if let stage = Self.referencingStage(prop) { return [stage.map { b.stages.contains($0) ? 1 : 0 } ?? 0] }
        switch prop {
        case GL_NAME_LENGTH: return [GLint(b.name.utf8.count + 1)]
        case GL_BUFFER_BINDING: return [GLint(GLContext.storageBlockBinding(p, index) ?? b.binding)]
        case GL_BUFFER_DATA_SIZE: return [GLint(clamping: b.size)]
        case GL_NUM_ACTIVE_VARIABLES, GL_ACTIVE_VARIABLES:
            let names = Set(b.members.map(\.name))
            let indices = linked.bufferVariables.enumerated().filter { names.contains($0.element.member.name) }.map { GLint($0.offset) }
            return prop == GL_NUM_ACTIVE_VARIABLES ? [GLint(indices.count)] : indices
        default: return nil
        }
    }

    /// Property `prop` of GL_BUFFER_VARIABLE resource `index` of program `p`; nil as for blocks.
    static func bufferVariableResourceProperty(_ p: GLProgram, _ index: Int, _ prop: GLenum) -> [GLint]? {
        guard let linked = p.linkedProgram else { return nil }
        let variables = linked.bufferVariables
        guard index >= 0, index < variables.count else { return nil }
        let (block, m) = variables[index]
        if let stage = Self.referencingStage(prop) {
            return [stage.map { linked.storageBlocks[block].stages.contains($0) ? 1 : 0 } ?? 0]
        }
        switch prop {
        case GL_NAME_LENGTH: return [GLint(m.name.utf8.count + 1)]
        case GL_TYPE: return [GLint(bitPattern: m.type)]
        case GL_ARRAY_SIZE: return [GLint(m.arraySize)]
        case GL_OFFSET: return [GLint(m.offset)]
        case GL_BLOCK_INDEX: return [GLint(block)]
        case GL_ARRAY_STRIDE: return [GLint(m.arrayStride)]
        case GL_MATRIX_STRIDE: return [GLint(m.matrixStride)]
        case GL_IS_ROW_MAJOR: return [m.rowMajor ? 1 : 0]
        case GL_TOP_LEVEL_ARRAY_SIZE: return [GLint(m.topLevelArraySize)]
        case GL_TOP_LEVEL_ARRAY_STRIDE: return [GLint(m.topLevelArrayStride)]
        default: return nil
        }
    }
}

extension GLContext {
    /// The properties every GL_SHADER_STORAGE_BLOCK resource has.
    static let storageBlockProperties: [GLenum] = [
        GL_NAME_LENGTH, GL_BUFFER_BINDING, GL_BUFFER_DATA_SIZE, GL_NUM_ACTIVE_VARIABLES, GL_ACTIVE_VARIABLES,
        GL_REFERENCED_BY_VERTEX_SHADER, GL_REFERENCED_BY_TESS_CONTROL_SHADER, GL_REFERENCED_BY_TESS_EVALUATION_SHADER,
        GL_REFERENCED_BY_GEOMETRY_SHADER, GL_REFERENCED_BY_FRAGMENT_SHADER, GL_REFERENCED_BY_COMPUTE_SHADER,
    ]
    /// The properties every GL_BUFFER_VARIABLE resource has.
    static let bufferVariableProperties: [GLenum] = [
        GL_NAME_LENGTH, GL_TYPE, GL_ARRAY_SIZE, GL_OFFSET, GL_BLOCK_INDEX, GL_ARRAY_STRIDE, GL_MATRIX_STRIDE, GL_IS_ROW_MAJOR,
        GL_TOP_LEVEL_ARRAY_SIZE, GL_TOP_LEVEL_ARRAY_STRIDE, GL_REFERENCED_BY_VERTEX_SHADER, GL_REFERENCED_BY_TESS_CONTROL_SHADER,
        GL_REFERENCED_BY_TESS_EVALUATION_SHADER, GL_REFERENCED_BY_GEOMETRY_SHADER, GL_REFERENCED_BY_FRAGMENT_SHADER,
        GL_REFERENCED_BY_COMPUTE_SHADER,
    ]

    /// GL_SHADER_STORAGE_BLOCK's resources of program `p` in index order, as (name, properties) — the shape of the
    /// program interface query's resource lists.
    static func storageBlockResources(_ p: GLProgram, _ linked: LinkedProgram) -> [(String, [GLenum: [GLint]])] {
        return linked.storageBlocks.enumerated().map { k, b in
            (b.name, Dictionary(uniqueKeysWithValues: Self.storageBlockProperties.compactMap { prop in
                storageBlockResourceProperty(p, k, prop).map { (prop, $0) }
            }))
        }
    }

    /// GL_BUFFER_VARIABLE's resources of program `p` in index order, as (name, properties).
    static func bufferVariableResources(_ p: GLProgram, _ linked: LinkedProgram) -> [(String, [GLenum: [GLint]])] {
        return linked.bufferVariables.enumerated().map { k, v in
            (v.member.name, Dictionary(uniqueKeysWithValues: Self.bufferVariableProperties.compactMap { prop in
                bufferVariableResourceProperty(p, k, prop).map { (prop, $0) }
            }))
        }
    }
}
