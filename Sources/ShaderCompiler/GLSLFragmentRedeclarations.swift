import Foundation

/// Fragment built-ins a shader may redeclare with layout qualifiers: gl_FragCoord (GLSL 1.50 §4.3.8.1:
/// `layout(origin_upper_left, pixel_center_integer) in vec4 gl_FragCoord;`) and gl_FragDepth (conservative depth:
/// `layout(depth_greater) out float gl_FragDepth;`). When one fragment shader of a program redeclares one, every
/// fragment shader that uses it must redeclare it the same way. glslang 12 checks a stricter rule when it links
/// several fragment units (it refuses any redeclaration then, even identical ones: "gl_FragCoord redeclarations
/// must match across shaders", "Contradictory depth layouts"), so VirglGL checks the GLSL rule itself, blanks the
/// redeclarations and applies their qualifiers to the linked module (`apply`).
public struct GLSLFragmentRedeclaration: Sendable {
    /// The built-in's name, its declaration (a regular expression whose group 1 is the layout list), and the
    /// SPIR-V execution mode each layout qualifier stands for.
    let name: String
    let pattern: NSRegularExpression
    let modes: [String: UInt32]

    /// gl_FragCoord: OriginUpperLeft 7, PixelCenterInteger 6.
    public static let fragCoord = GLSLFragmentRedeclaration(
        name: "gl_FragCoord", declaration: #"\bin\s+(?:(?:highp|mediump|lowp)\s+)?vec4\s+gl_FragCoord\s*;"#,
        modes: ["origin_upper_left": 7, "pixel_center_integer": 6])
    /// gl_FragDepth: DepthGreater 14, DepthLess 15, DepthUnchanged 16 (depth_any is the default).
    public static let fragDepth = GLSLFragmentRedeclaration(
        name: "gl_FragDepth", declaration: #"\bout\s+(?:(?:highp|mediump|lowp)\s+)?float\s+gl_FragDepth\s*;"#,
        modes: ["depth_greater": 14, "depth_less": 15, "depth_unchanged": 16])
    public static let all = [fragCoord, fragDepth]

    init(name: String, declaration: String, modes: [String: UInt32]) {
        self.name = name
        pattern = try! NSRegularExpression(pattern: #"(?:layout\s*\(([^)]*)\)\s*)?"# + declaration)
        self.modes = modes
    }

    /// A redeclaration: its layout qualifiers (sorted; none for a plain one) and where it stands.
    struct Redeclaration: Equatable {
        var qualifiers: [String]
        var range: Range<String.Index>
    }

    func redeclaration(_ code: String) -> Redeclaration? {
        let ns = code as NSString
        guard let m = pattern.firstMatch(in: code, range: NSRange(location: 0, length: ns.length)), let range = Range(m.range, in: code) else { return nil }
        let list = m.range(at: 1).location == NSNotFound ? "" : ns.substring(with: m.range(at: 1))
        let qualifiers = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.sorted()
        return Redeclaration(qualifiers: qualifiers, range: range)
    }

    /// The fragment units as glslang may link them, with the layout qualifiers of the built-in's redeclaration
    /// when they were taken out of the units; or the link error GLSL gives.
    public func reconcile(_ units: [String]) -> Result<(units: [String], qualifiers: [String]?), ShaderError> {
        guard units.count > 1 else { return .success((units, nil)) }
        let codes = units.map(ProgramCompiler.stripComments)
        let found = codes.map(redeclaration)
        guard let first = found.compactMap({ $0 }).first else { return .success((units, nil)) }
        for (code, r) in zip(codes, found) {
            if let r {
                guard r.qualifiers == first.qualifiers else {
                    return .failure(ShaderError("\(name) is redeclared with different layout qualifiers in two fragment shaders"))
                }
            } else if GLSLLegacyLowering.uses(code, name) {
                return .failure(ShaderError("a fragment shader uses \(name) without the redeclaration another fragment shader of the program has"))
            }
        }
        return .success((units.map(blank), first.qualifiers))
    }

    /// `unit` with its redeclarations of the built-in replaced by spaces (newlines kept).
    func blank(_ unit: String) -> String {
        var out = unit
        while let r = redeclaration(out) {
            out.replaceSubrange(r.range, with: String(out[r.range].map { $0 == "\n" ? "\n" : " " }))
        }
        return out
    }

    /// The execution modes the qualifiers stand for, in a fragment module (as glslang sets them for one unit).
    public func apply(_ qualifiers: [String], to module: inout SPIRVModule) {
        for q in qualifiers { if let mode = modes[q] { module.executionModes[mode] = [] } }
    }

    /// `reconcile` for every redeclarable built-in: the units, and what to apply to the linked fragment module.
    public static func reconcileAll(_ units: [String]) -> Result<(units: [String], apply: (inout SPIRVModule) -> Void), ShaderError> {
        var units = units
        var pending: [(GLSLFragmentRedeclaration, [String])] = []
        for builtin in all {
            switch builtin.reconcile(units) {
            case .failure(let e): return .failure(e)
            case .success(let r):
                units = r.units
                if let q = r.qualifiers { pending.append((builtin, q)) }
            }
        }
        return .success((units, { module in for (builtin, q) in pending { builtin.apply(q, to: &module) } }))
    }
}
