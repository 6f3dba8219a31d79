/// Reads from an element of a uniform block array chosen by a variable, as a selection among the elements.
///
/// `CONST[ADDR[1].x+1]` (the block index in an address register) is what Mesa sends too, but the host's
/// llvmpipe takes a dynamically uniform block index from one SIMD lane whether or not that lane is active: under
/// non-uniform control flow (a loop inside an `if` that only some fragments or vertices take) a lane switched
/// off by the branch supplies a stale index, and every active lane reads that element
/// (`arb_gpu_shader5/execution/ubo_array_indexing/*-nonuniform-control-flow`). For arrays of up to
/// `maxSelectedBlocks` blocks each load instead reads every element with a constant buffer index and keeps the
/// one the index names, which involves no address register at all.
extension TGSITranslator {
    /// The most blocks in an array that a variable index selects among (larger arrays keep the address register).
    static let maxSelectedBlocks = 8

    /// The register text a variable block index leaves in a load through `CONST[ADDR[1].x+1]`.
    static let indexedBlockFile = "CONST[ADDR[1].x+1]"

    /// OpLoad through a pointer into an element of a small uniform block array chosen by a variable.
    mutating func loadSelectingBlock(_ i: SPIRVModule.Instruction, _ p: Ptr,
                                     _ select: (index: String, first: Int, count: Int)) throws {
        // Load as from the address-register element, then rewrite each instruction that read it.
        var plain = p
        plain.blockSelect = nil
        plain.setup = []
        let saved = pointers[i[2]]
        pointers[i[2]] = plain
        defer { pointers[i[2]] = saved }
        let start = code.count
        try loadValue(i)
        let emitted = Array(code[start...])
        let marker = Self.indexedBlockFile
        // Only plain register moves are rewritten; anything else keeps the address register.
        let rewritable = emitted.allSatisfy { !$0.contains(marker) || ($0.hasPrefix("MOV ") && $0.contains(", ")) }
        guard rewritable else {
            code.insert(contentsOf: p.setup, at: start)
            return
        }
        code.removeSubrange(start...)
        var cond: Int?
        for line in emitted {
            guard line.contains(marker), let comma = line.range(of: ", ") else { code.append(line); continue }
            let dst = String(line[line.index(line.startIndex, offsetBy: 4)..<comma.lowerBound])
            let source = String(line[comma.upperBound...])
            // The destination as a source: its register without the write mask (the mask keeps the components).
            let dstRegister = dst.hasSuffix("]") ? dst : String(dst[..<(dst.lastIndex(of: ".") ?? dst.endIndex)])
            code.append("MOV \(dst), \(source.replacingOccurrences(of: marker, with: "CONST[\(select.first)]"))")
            for k in 1..<max(1, select.count) {
                let c = cond ?? newTemp()
                cond = c
                code.append("USEQ TEMP[\(c)].x, \(select.index), \(intImm(select.first - 1 + k))")
                let element = source.replacingOccurrences(of: marker, with: "CONST[\(select.first + k)]")
                code.append("UCMP \(dst), TEMP[\(c)].xxxx, \(element), \(dstRegister)")
            }
        }
    }
}
