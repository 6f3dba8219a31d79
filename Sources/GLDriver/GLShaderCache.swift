import Foundation
import ShaderCompiler

/// Compile and link results by source, shared by every context of the process: building the same GLSL again
/// (a second context, a program rebuilt each level) skips glslang and the SPIR-V → TGSI translation.
/// Bounded: when full it starts again empty.
enum GLShaderCache {
    struct CompileKey: Hashable {
        var stage: Int
        var source: String
    }

    struct LinkKey: Hashable {
        var vertex: [String], tessControl: [String] = [], tessEvaluation: [String] = [], geometry: [String] = [], fragment: [String]
        var attributeBindings: [String: Int], fragDataBindings: [String: Int], fragDataIndexBindings: [String: Int] = [:]
        /// A separable program's own stages (nil: not separable).
        var separableStages: Set<ShaderStage>?
    }

    static let capacity = 256
    private static let lock = NSLock()
    nonisolated(unsafe) private static var compiled: [CompileKey: (ok: Bool, log: String)] = [:]
    nonisolated(unsafe) private static var linked: [LinkKey: Result<LinkedProgram, ShaderError>] = [:]

    /// GLSLFrontEnd.compile, remembered.
    static func compile(_ stage: ShaderStage, _ source: String) -> (ok: Bool, log: String) {
        // An OpenGL ES context compiles GLSL ES (GLContext+ES.swift).
        var source = source
        if let c = GLContext.current, c.isES {
            source = GLContext.esSource(source)
            if let error = c.esVersionError(source) { return (false, error) }
        }
        let key = CompileKey(stage: stage.rawValue, source: source)
        if let hit = lock.withLock({ compiled[key] }) { return hit }
        let result = GLSLFrontEnd.compile(stage, source)
        lock.withLock {
            if compiled.count >= capacity { compiled.removeAll() }
            compiled[key] = result
        }
        return result
    }

    /// ProgramCompiler.link, remembered.
    static func link(
        vertexUnits: [String], tessControlUnits: [String] = [], tessEvaluationUnits: [String] = [], geometryUnits: [String] = [],
        fragmentUnits: [String], attributeBindings: [String: Int],
        fragDataBindings: [String: Int], fragDataIndexBindings: [String: Int] = [:], separableStages: Set<ShaderStage>? = nil
    ) -> Result<LinkedProgram, ShaderError> {
        // An OpenGL ES context links GLSL ES, and only programs with both stages (GLContext+ES.swift).
        var (vertexUnits, tessControlUnits, tessEvaluationUnits, geometryUnits, fragmentUnits) = (vertexUnits, tessControlUnits, tessEvaluationUnits, geometryUnits, fragmentUnits)
        if let c = GLContext.current, c.isES {
            if separableStages == nil, let e = c.esMissingStageError(vertexUnits: vertexUnits, fragmentUnits: fragmentUnits) { return .failure(e) }
            vertexUnits = vertexUnits.map(GLContext.esSource)
            tessControlUnits = tessControlUnits.map(GLContext.esSource)
            tessEvaluationUnits = tessEvaluationUnits.map(GLContext.esSource)
            geometryUnits = geometryUnits.map(GLContext.esSource)
            fragmentUnits = fragmentUnits.map(GLContext.esSource)
        }
        let key = LinkKey(
            vertex: vertexUnits, tessControl: tessControlUnits, tessEvaluation: tessEvaluationUnits, geometry: geometryUnits,
            fragment: fragmentUnits, attributeBindings: attributeBindings, fragDataBindings: fragDataBindings,
            fragDataIndexBindings: fragDataIndexBindings, separableStages: separableStages)
        if let hit = lock.withLock({ linked[key] }) { return hit }
        let result = ProgramCompiler.link(
            vertexUnits: vertexUnits, tessControlUnits: tessControlUnits, tessEvaluationUnits: tessEvaluationUnits, geometryUnits: geometryUnits, fragmentUnits: fragmentUnits, attributeBindings: attributeBindings, fragDataBindings: fragDataBindings,
            fragDataIndexBindings: fragDataIndexBindings, separableStages: separableStages)
        lock.withLock {
            if linked.count >= capacity { linked.removeAll() }
            linked[key] = result
        }
        return result
    }
}
