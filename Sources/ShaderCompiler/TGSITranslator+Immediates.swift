/// Immediates declared once each: constants are declared as they are met, so folded code (thousands of
/// constant comparisons) can declare the same value many times, past virglrenderer's limit.
extension TGSITranslator {
    /// virglrenderer (vrend_shader.c) refuses a shader with more immediates than this.
    static let maxImmediates = 1024

    /// Merges identical `IMM` declarations, renumbers them in order and rewrites the code's references; a shader
    /// that still needs more than the host takes fails to link (rather than draw nothing).
    mutating func compactImmediates() throws {
        var index: [Substring: Int] = [:]
        var renumber: [Int] = []
        var kept: [Substring] = []
        for imm in imms {
            guard let close = imm.firstIndex(of: "]") else { throw ShaderError("malformed immediate \(imm)") }
            let value = imm[imm.index(after: close)...]
            if let k = index[value] {
                renumber.append(k)
            } else {
                index[value] = kept.count
                renumber.append(kept.count)
                kept.append(value)
            }
        }
        guard kept.count <= Self.maxImmediates else {
            throw ShaderError("the shader needs \(kept.count) distinct immediates; the host takes at most \(Self.maxImmediates)")
        }
        guard kept.count < imms.count else { return }
        imms = kept.enumerated().map { "IMM[\($0.offset)]\($0.element)" }
        code = code.map { Self.renumberingImmediates($0, renumber) }
    }

    /// `line` with each `IMM[n]` written `IMM[renumber[n]]`.
    static func renumberingImmediates(_ line: String, _ renumber: [Int]) -> String {
        guard line.contains("IMM[") else { return line }
        var out = ""
        var rest = line[...]
        while let r = rest.range(of: "IMM[") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            if let n = Int(digits), n < renumber.count {
                out += String(renumber[n])
                rest = rest[digits.endIndex...]
            }
        }
        return out + rest
    }
}
