import CGlslang
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Layouts of a stage declared in one of its compilation units. GLSL lets any one unit of a stage declare the
/// geometry shader's input primitive (`layout(triangles) in;`, which sizes every unsized input array) and the
/// tessellation control shader's output patch size (`layout(vertices = 3) out;`, which sizes `gl_out` and the
/// unsized outputs); the others need not repeat it (GLSL 4.60 §4.4.1.2, §4.4.2.1). glslang sizes each unit on its
/// own: a unit without the declaration sizes its inputs by their static use (and the link then finds sizes that
/// differ) or refuses `gl_out[gl_InvocationID]`. For a link, the declaration is copied into the stage's units that
/// lack it; a lone unit indexing `gl_out` with a variable compiles when it does once given a patch size.
enum GLSLStageLayouts {
    /// The units of `stage` for a link, each with the stage's input-primitive or patch-size layout when another
    /// unit declares it.
    static func share(_ units: [String], _ stage: ShaderStage) -> [String] {
        guard units.count > 1, let pattern = declarationPattern(stage) else { return units }
        let declarations = units.map { firstMatch(pattern, in: ProgramCompiler.stripComments($0)) }
        guard let declaration = declarations.compactMap({ $0 }).first else { return units }
        return zip(units, declarations).map { unit, own in own == nil ? inserting(declaration, into: unit) : unit }
    }

    /// Whether a tessellation control unit that failed to compile (`log`) only for indexing `gl_out` (or another
    /// output array) with a variable before a patch size is declared compiles with one: the size may come from
    /// another unit of the stage, which only the link sees.
    static func compilesWithPatchSize(_ lowered: String, _ stage: ShaderStage, _ log: String) -> Bool {
        guard stage == .tessControl, log.contains("array must be sized by a redeclaration or layout qualifier before being indexed with a variable"),
              let pattern = declarationPattern(stage), firstMatch(pattern, in: ProgramCompiler.stripComments(lowered)) == nil else { return false }
        let text = inserting("layout(vertices = 32) out;", into: lowered)
        var out: UnsafeMutablePointer<CChar>?
        let ok = text.withCString { cglslang_compile(Int32(stage.rawValue), $0, &out) } != 0
        free(out)
        return ok
    }

    private static func declarationPattern(_ stage: ShaderStage) -> String? {
        switch stage {
        case .geometry: return #"\blayout\s*\(\s*(points|lines|lines_adjacency|triangles|triangles_adjacency)\s*(,[^)]*)?\)\s*in\s*;"#
        case .tessControl: return #"\blayout\s*\(\s*vertices\s*=\s*[^)]*\)\s*out\s*;"#
        default: return nil
        }
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[r])
    }

    /// `declaration` on a line of its own after the unit's leading `#version` and `#extension` lines.
    static func inserting(_ declaration: String, into unit: String) -> String {
        var lines = unit.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var at = 0
        for (k, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#version") || t.hasPrefix("#extension") { at = k + 1 }
        }
        lines.insert(declaration, at: at)
        return lines.joined(separator: "\n")
    }
}
