/// The host's limits on a shader's input and output registers: virglrenderer refuses a shader with more than
/// 64 of either, and a refused shader loses the whole context. VirglGL does not pack varyings into shared
/// registers (except where a shader's own `component` layouts do), so a program whose separate varyings need
/// more registers than that fails to link with this message instead.
extension ProgramCompiler {
    /// virglrenderer 0.10.4's most input and output registers of one shader.
    public static let maxShaderRegisters = 64

    /// How many registers a TGSI shader declares in `file` (`IN` or `OUT`), counting `DCL OUT[a..b]` ranges.
    static func declaredRegisters(_ tgsi: String, _ file: String) -> Int {
        var used = Set<Int>()
        for line in tgsi.split(separator: "\n") where line.hasPrefix("DCL \(file)[") {
            let inside = line.dropFirst(5 + file.count).prefix { $0 != "]" }
            let bounds = inside.split(separator: ".", omittingEmptySubsequences: true).compactMap { Int($0) }
            guard let first = bounds.first else { continue }
            used.formUnion(first...(bounds.last ?? first))
        }
        return used.count
    }

    /// The link error for a stage past the host's register limits; nil when every stage fits.
    static func registerLimitError(_ linked: LinkedProgram) -> ShaderError? {
        for (stage, shader) in linked.stages {
            for (file, what) in [("IN", "inputs"), ("OUT", "outputs")] {
                let n = declaredRegisters(shader.text, file)
                if n > maxShaderRegisters {
                    return ShaderError("error: the \(stage) shader needs \(n) \(what) registers, more than the host's \(maxShaderRegisters) (VirglGL does not pack varyings into shared registers yet)")
                }
            }
        }
        return nil
    }
}
