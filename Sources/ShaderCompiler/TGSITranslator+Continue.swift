/// `continue` without TGSI CONT: virglrenderer 0.10.4 writes no GLSL for CONT (its loops are `do { … }
/// while (true)`), so a `continue` would fall through into the rest of the body. A loop whose body continues is
/// rewritten around a one-pass inner loop: a `continue` (the loop's increment already emitted before it) leaves
/// the inner loop, and a `break` sets a flag that leaves the outer one too.
///
///     BGNLOOP                      BGNLOOP
///       …                            MOV flag, 0
///       CONT                         BGNLOOP
///       …               →              …  BRK (was CONT)  …  MOV flag, 1; BRK (was BRK)  …
///       BRK                            BRK
///     ENDLOOP                        ENDLOOP
///                                    UIF flag  BRK  ENDIF
///                                  ENDLOOP
extension TGSITranslator {
    mutating func lowerContinues() {
        while let loop = innermostLoopWithContinue() {
            let flag = newTemp()
            var body: [String] = []
            for (k, line) in code[(loop.start + 1)..<loop.end].enumerated() {
                let index = loop.start + 1 + k
                if loop.continues.contains(index) {
                    body.append("BRK")
                } else if loop.breaks.contains(index) {
                    body += ["MOV TEMP[\(flag)].x, \(intImm(1))", "BRK"]
                } else {
                    body.append(line)
                }
            }
            let rewritten = ["BGNLOOP", "MOV TEMP[\(flag)].x, \(intImm(0))", "BGNLOOP"] + body
                + ["BRK", "ENDLOOP", "UIF TEMP[\(flag)].xxxx", "BRK", "ENDIF", "ENDLOOP"]
            code.replaceSubrange(loop.start...loop.end, with: rewritten)
        }
    }

    /// The first loop (innermost first) with a CONT of its own: its BGNLOOP and ENDLOOP lines and the CONT and
    /// BRK lines that belong to it (not to a loop inside it).
    func innermostLoopWithContinue() -> (start: Int, end: Int, continues: Set<Int>, breaks: Set<Int>)? {
        var stack: [(start: Int, continues: Set<Int>, breaks: Set<Int>)] = []
        for (i, line) in code.enumerated() {
            switch line {
            case "BGNLOOP": stack.append((i, [], []))
            case "ENDLOOP":
                guard let loop = stack.popLast() else { return nil }
                if !loop.continues.isEmpty { return (loop.start, i, loop.continues, loop.breaks) }
            case "CONT": if !stack.isEmpty { stack[stack.count - 1].continues.insert(i) }
            case "BRK": if !stack.isEmpty { stack[stack.count - 1].breaks.insert(i) }
            default: break
            }
        }
        return nil
    }
}
