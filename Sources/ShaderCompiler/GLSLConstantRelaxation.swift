import CGlslang
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Constant initializers glslang cannot fold. GLSL 1.20 and later make built-in calls on constant expressions
/// constant expressions themselves (`const mat2 t = transpose(m);`, `const float c = cosh(1.0);`), but glslang
/// 12 folds only some built-ins and refuses the others' results as `const` initializers ("non-constant
/// initializer"). Such a declaration, when its initializer is a constant expression by the GLSL rule (literals,
/// constructors, built-in calls, other `const` variables — no other variables, no calls of the shader's own
/// functions), loses its `const`: the variable then holds the same value, computed when the shader runs. A
/// declaration whose initializer really is not constant keeps its `const` and its error.
enum GLSLConstantRelaxation {
    /// Sources already looked at (glCompileShader's, which the link then meets again), by stage and text: the
    /// relaxed text. Bounded: cleared when it grows past 512 entries.
    private static let seen = Mutex<[String: String]>([:])

    /// `source`, with the `const` of the declarations glslang cannot fold removed (the source itself when it has
    /// none or compiles as it is).
    /// Built-in calls in constant expressions are folded first (GLSLConstantFolding).
    static func relax(_ source: String, _ stage: ShaderStage) -> String {
        let key = "\(stage.rawValue)\n" + source
        if let known = seen.withLock({ $0[key] }) { return known }
        let folded = GLSLConstantFolding.fold(source, stage)
        let relaxed = folded.contains("const") ? relaxing(folded, stage) : folded
        seen.withLock { cache in
            if cache.count >= 512 { cache.removeAll() }
            cache[key] = relaxed
        }
        return relaxed
    }

    private static func relaxing(_ source: String, _ stage: ShaderStage) -> String {
        let code = ProgramCompiler.stripComments(source)
        let functions = Set(GLSLSharedGlobals.functionNames(code))
        let constants = Set(code.split(separator: ";").compactMap { statement -> String? in
            guard let eq = statement.firstIndex(of: "="), GLSLSharedGlobals.identifiers(String(statement[..<eq])).contains("const") else { return nil }
            return GLSLSharedGlobals.identifiers(String(statement[..<eq])).last
        })
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each pass may expose the next (a constant initialized from a relaxed one is no longer folded either).
        for _ in 0..<16 {
            let text = lines.joined(separator: "\n")
            var log: UnsafeMutablePointer<CChar>?
            let ok = GLSLVersionLowering.lower(text, stage: stage).withCString { cglslang_compile(Int32(stage.rawValue), $0, &log) } != 0
            let messages = log.map { String(cString: $0) } ?? ""
            free(log)
            if ok { return text }
            var changed = false
            for message in messages.split(separator: "\n") where message.contains("'non-constant initializer'") {
                // "ERROR: 0:LINE: 'non-constant initializer' : …"
                let parts = message.split(separator: ":")
                guard parts.count > 2, let n = Int(parts[2].trimmingCharacters(in: .whitespaces)), n >= 1, n <= lines.count else { continue }
                let line = lines[n - 1]
                guard let eq = line.firstIndex(of: "="), GLSLSharedGlobals.identifiers(String(line[..<eq])).contains("const") else { continue }
                let initializer = String(line[line.index(after: eq)...])
                let constant = GLSLSharedGlobals.references(initializer).allSatisfy { name, call in
                    call ? !functions.contains(name) : (constants.contains(name) || name == "true" || name == "false")
                }
                guard constant else { continue }
                lines[n - 1] = line.replacingOccurrences(of: #"\bconst\s+"#, with: "", options: .regularExpression)
                changed = true
            }
            if !changed { return text }
        }
        return lines.joined(separator: "\n")
    }
}
