/// GL_ARB_shader_clock: clock2x32ARB() is SPIR-V's OpReadClockKHR with a uvec2 result, TGSI CLOCK (the 64-bit
/// counter's low word in x, high word in y), which virglrenderer writes as the host's clock2x32ARB() (its caps
/// say SHADER_CLOCK when the host has it). clockARB()'s uint64 result needs 64-bit integers, which VirglGL does not
/// have.
extension TGSITranslator {
    /// OpReadClockKHR (5056): result type, result, scope. Returns false for other instructions.
    mutating func clockInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        guard i.opcode == 5056 else { return false }
        guard kind(i[0]) == "u", compCount(i[0]) == 2 else { throw ShaderError("a 64-bit clock value (clockARB) is not supported: use clock2x32ARB") }
        let v = define(i[1], i[0])
        code.append("CLOCK \(v.regs[0]).xy")
        return true
    }
}
