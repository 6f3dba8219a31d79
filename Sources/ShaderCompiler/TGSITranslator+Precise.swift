/// `precise` (GL_ARB_gpu_shader5, GLSL 4.00): glslang marks the arithmetic instructions that compute a precise
/// value with SPIR-V's NoContraction decoration, but not the GLSL.std.450 calls among them (`floor`, `fract`…).
/// TGSI carries the flag as an instruction suffix (`MUL_PRECISE`); virglrenderer declares every temporary a
/// precise instruction writes `precise` in the host's GLSL, and the host's compiler then keeps the arithmetic
/// exactly as written (no fusing, no folding that assumes finite values, such as `fract(floor(x) * 42.0) == 0`).
///
/// An extended-instruction call is precise when it consumes a precise value: that covers the calls at the root of
/// a precise expression (`precise float x = fract(y * 2.0)`), which no decoration marks. Marking more than the
/// language requires never changes a result, it only keeps the host from optimising.
extension TGSITranslator {
    /// SPIR-V's NoContraction decoration.
    static let noContraction: UInt32 = 42

    /// TGSI opcodes that take the `_PRECISE` suffix here: floating-point arithmetic and comparisons.
    static let preciseOpcodes: Set<Substring> = [
        "ADD", "MUL", "MAD", "FMA", "DIV", "FRC", "FLR", "CEIL", "TRUNC", "ROUND", "RCP", "RSQ", "SQRT", "EX2",
        "LG2", "POW", "DP2", "DP3", "DP4", "MIN", "MAX", "SIN", "COS", "LRP", "SSG", "FSEQ", "FSNE", "FSLT", "FSGE",
        "DADD", "DMUL", "DMAD", "DFMA", "DDIV", "DFRAC", "DFLR", "DCEIL", "DTRUNC", "DROUND", "DRCP", "DRSQ", "DSQRT",
        "DMIN", "DMAX", "DSSG", "DSEQ", "DSNE", "DSLT", "DSGE",
    ]

    /// Translates one instruction, with `_PRECISE` on what it emits when its result is precise.
    mutating func translatePrecise(_ i: SPIRVModule.Instruction) throws {
        let start = code.count
        try instruction(i)
        guard code.count > start, isPrecise(i) else { return }
        for k in start..<code.count { code[k] = Self.markedPrecise(code[k]) }
    }

    /// Whether `i`'s result is precise: decorated NoContraction, or a GLSL.std.450 call on a precise value (which
    /// then makes its own result precise for the calls that consume it).
    mutating func isPrecise(_ i: SPIRVModule.Instruction) -> Bool {
        guard i.count >= 2 else { return false }
        if preciseValues.contains(i[1]) { return true }
        if m.decoration(i[1], Self.noContraction) != nil {
            preciseValues.insert(i[1])
            return true
        }
        // OpExtInst: result type, result, set, instruction, operands…
        guard i.opcode == 12, i.count > 4, (4..<i.count).contains(where: { preciseValues.contains(i[$0]) }) else {
            return false
        }
        preciseValues.insert(i[1])
        return true
    }

    /// `line` with `_PRECISE` after its opcode when the opcode is floating-point arithmetic.
    static func markedPrecise(_ line: String) -> String {
        guard let space = line.firstIndex(of: " ") else { return line }
        let opcode = line[..<space]
        guard preciseOpcodes.contains(opcode) else { return line }
        return opcode + "_PRECISE" + line[space...]
    }
}
