/// Doubles (ARB_gpu_shader_fp64). A double takes two 32-bit channels, xy or zw of a register (low word first), so
/// a dvec2 fills one register and a dvec3 or dvec4 two, in values, temporaries, constants and varyings alike.
/// virglrenderer turns each TGSI D* instruction into GLSL on one double: it packs `.xy` of each source (with the
/// source's swizzle applied twice, so only `.xyxy` or none is safe) and writes `.xy` of the destination (the
/// comparisons and D2F/D2I/D2U write `.x`). Every operation here is therefore emitted per component, with its
/// sources and result moved through scratch registers where they do not sit in `.xy` of a temporary, as Mesa's
/// own virgl driver does.
extension TGSITranslator {
    func isComposite(_ type: UInt32) -> Bool {
        switch m.types[type] {
        case .array?, .structure?: return true
        default: return false
        }
    }

    /// The source text of double `k` of column `column` of `v` (a scalar broadcasts; a one-column value serves
    /// every column).
    func dsrc(_ v: Val, _ k: Int, column: Int = 0) -> String {
        let per = (v.comps + 1) / 2
        let kk = v.comps == 1 ? 0 : k
        let col = v.regs.count > per ? column : 0
        return v.regs[col * per + kk / 2] + (kk % 2 == 0 ? ".xyxy" : ".zwzw")
    }

    /// The destination text (register and `.xy` or `.zw`) of double `k` of column `column` of `v`.
    func ddst(_ v: Val, _ k: Int, column: Int = 0) -> String {
        let per = (v.comps + 1) / 2
        return v.regs[column * per + k / 2] + (k % 2 == 0 ? ".xy" : ".zw")
    }

    /// Columns of a double value.
    func dcolumns(_ v: Val) -> Int { max(1, v.regs.count / ((v.comps + 1) / 2)) }

    mutating func scratch(_ j: Int) -> String {
        if doubleScratch == nil { doubleScratch = newTemp(8) }
        return "TEMP[\(doubleScratch! + j)]"
    }

    /// A fresh temporary for one double (in `.xy`), as a source and as a destination.
    mutating func dtemp() -> (src: String, dst: String) {
        let t = newTemp()
        return ("TEMP[\(t)].xyxy", "TEMP[\(t)].xy")
    }

    /// `op` on one double: `dst` (`REG.xy` / `REG.zw`, or with `narrowResult` one 32-bit channel `REG.c`) from
    /// double sources `srcs` (`REG.xyxy` / `REG.zwzw`); `narrowSources`: the sources are 32-bit (F2D, I2D, U2D).
    mutating func dop(_ op: String, _ dst: String, _ srcs: [String], narrowResult: Bool = false, narrowSources: Bool = false) {
        var operands: [String] = []
        for (j, s) in srcs.enumerated() {
            if narrowSources || (s.hasPrefix("TEMP[") && s.hasSuffix("].xyxy") && !s.contains("ADDR")) {
                operands.append(s)
            } else {
                let r = scratch(j)
                code.append("MOV \(r).xy, \(s)")
                operands.append(r)
            }
        }
        let list = operands.joined(separator: ", ")
        if narrowResult {
            let r = scratch(4)
            code.append("\(op) \(r).x, \(list)")
            code.append("MOV \(dst), \(r).xxxx")
        } else if dst.hasPrefix("TEMP["), dst.hasSuffix("].xy"), !dst.contains("ADDR") {
            code.append("\(op) \(dst), \(list)")
        } else {
            let r = scratch(4)
            code.append("\(op) \(r).xy, \(list)")
            code.append("MOV \(dst), \(r).xyxy")
        }
    }

    /// A double immediate (`IMM[n].xyxy`).
    mutating func dimm(_ d: Double) -> String {
        let bits = d.bitPattern
        let k = imms.count
        imms.append("IMM[\(k)] UINT32 {\(UInt32(truncatingIfNeeded: bits)), \(UInt32(bits >> 32)), \(UInt32(truncatingIfNeeded: bits)), \(UInt32(bits >> 32))}")
        return "IMM[\(k)].xyxy"
    }

    /// Double constants as UINT32 immediates holding their bits (two doubles per immediate).
    mutating func doubleConstant(_ id: UInt32, _ type: UInt32, _ bits: [UInt64]) -> Val {
        var regs: [String] = []
        var k = 0
        while k < bits.count {
            let a = bits[k], b = k + 1 < bits.count ? bits[k + 1] : a
            let index = imms.count
            let words = [UInt32(truncatingIfNeeded: a), UInt32(a >> 32), UInt32(truncatingIfNeeded: b), UInt32(b >> 32)]
            imms.append("IMM[\(index)] UINT32 {\(words.map(String.init).joined(separator: ", "))}")
            regs.append("IMM[\(index)]")
            k += 2
        }
        let v = Val(regs: regs, comps: bits.count, kind: "d")
        values[id] = v
        return v
    }

    // MARK: Memory

    /// A double scalar, vector or matrix read through `p` (channel `p.component` on, columns `slots(column)`
    /// apart).
    mutating func loadDoubles(_ p: Ptr, _ type: UInt32, _ v: Val) throws {
        if let column = p.rowMajorColumn {
            // A column of a row_major matrix: double `column` of each row.
            for r in 0..<v.comps {
                let reg = try address(p, r * p.rowSlots + column / 2)
                code.append("MOV \(ddst(v, r)), \(reg)\(column % 2 == 0 ? ".xyxy" : ".zwzw")")
            }
            return
        }
        if p.rowMajor, case .matrix(let col, let cols)? = m.types[type] {
            // A row_major matrix: row r holds double c of each column.
            let rowSlots = cols > 2 ? 2 : 1
            for c in 0..<cols {
                for r in 0..<compCount(col) {
                    let reg = try address(p, r * rowSlots + c / 2)
                    code.append("MOV \(ddst(v, r, column: c)), \(reg)\(c % 2 == 0 ? ".xyxy" : ".zwzw")")
                }
            }
            return
        }
        if let dc = p.dynamicComponent {
            // vector[variable]: the whole vector, then the double the index selects.
            var whole = p
            whole.dynamicComponent = nil
            let t = newTemp(2)
            let all = Val(regs: ["TEMP[\(t)]", "TEMP[\(t + 1)]"], comps: dc.count, kind: "d")
            try loadDoubles(whole, type, all)
            try selectDouble(v, all, dc.index)
            return
        }
        let colSlots: Int
        if case .matrix(let col, _)? = m.types[type] { colSlots = slots(col) } else { colSlots = 1 }
        for c in 0..<dcolumns(v) {
            for k in 0..<v.comps {
                let ch = p.component + 2 * k
                let slot = c * colSlots + ch / 4
                let reg = ["TEMP", "IN", "OUT"].contains(p.file) && p.dynamic != nil ? try slotValue(p, slot) : try address(p, slot)
                code.append("MOV \(ddst(v, k, column: c)), \(reg)\(ch % 4 == 0 ? ".xyxy" : ".zwzw")")
            }
        }
    }

    /// dst (one double) = vector's double at the (scalar integer source) `index`.
    mutating func selectDouble(_ dst: Val, _ vector: Val, _ index: String) throws {
        let cond = newTemp()
        code.append("MOV \(ddst(dst, 0)), \(dsrc(vector, 0))")
        for k in 1..<max(1, vector.comps) {
            code.append("USEQ TEMP[\(cond)].x, \(index), \(intImm(k))")
            code.append("UCMP \(ddst(dst, 0)), TEMP[\(cond)].xxxx, \(dsrc(vector, k)), \(dsrc(dst, 0))")
        }
    }

    /// Stores double value `v` through `p`.
    mutating func storeDoubles(_ p: Ptr, _ v: Val) throws {
        if let dc = p.dynamicComponent, p.dynamic == nil, p.file == "TEMP" {
            // vector[variable] = double: each double of the vector takes it where the index selects it.
            let cond = newTemp()
            for k in 0..<dc.count {
                let ch = p.component + 2 * k
                let reg = p.reg(ch / 4) + (ch % 4 == 0 ? ".xy" : ".zw")
                code.append("USEQ TEMP[\(cond)].x, \(dc.index), \(intImm(k))")
                code.append("UCMP \(reg), TEMP[\(cond)].xxxx, \(dsrc(v, 0)), \(p.reg(ch / 4))\(ch % 4 == 0 ? ".xyxy" : ".zwzw")")
            }
            return
        }
        guard p.dynamicComponent == nil else { throw ShaderError("storing doubles through a variable index is not supported yet") }
        guard !p.file.hasPrefix("CONST"), p.file != "IN" else { throw ShaderError("store to read-only storage") }
        let colSlots: Int
        if case .matrix(let col, _)? = m.types[p.type] { colSlots = slots(col) } else { colSlots = 1 }
        guard let d = p.dynamic else {
            for c in 0..<dcolumns(v) {
                for k in 0..<v.comps {
                    let ch = p.component + 2 * k
                    let reg = p.reg(c * colSlots + ch / 4)
                    code.append("MOV \(reg)\(ch % 4 == 0 ? ".xy" : ".zw"), \(dsrc(v, k, column: c))")
                }
            }
            return
        }
        // An array element chosen by a variable: temporaries take the value where the index selects them,
        // outputs (which cannot be read back) are written under a UIF.
        guard p.file == "TEMP" || p.file == "OUT" else { throw ShaderError("storing doubles through a variable index is not supported yet") }
        let cond = newTemp()
        for e in 0..<max(1, d.count) {
            code.append("USEQ TEMP[\(cond)].x, \(d.index), \(intImm(e))")
            if p.file == "OUT" { code.append("UIF TEMP[\(cond)].xxxx") }
            for c in 0..<dcolumns(v) {
                for k in 0..<v.comps {
                    let ch = p.component + 2 * k
                    let reg = "\(p.file)[\(p.slot + e * d.stride + c * colSlots + ch / 4)]"
                    let half = ch % 4 == 0 ? ".xy" : ".zw"
                    if p.file == "OUT" {
                        code.append("MOV \(reg)\(half), \(dsrc(v, k, column: c))")
                    } else {
                        code.append("UCMP \(reg)\(half), TEMP[\(cond)].xxxx, \(dsrc(v, k, column: c)), \(reg)\(ch % 4 == 0 ? ".xyxy" : ".zwzw")")
                    }
                }
            }
            if p.file == "OUT" { code.append("ENDIF") }
        }
    }

    /// `copyFromBlock` for a double scalar, vector or matrix at `byte` of a uniform block (std140: 8 bytes a
    /// double, column-major columns `matrixStride` apart).
    mutating func copyDoublesFromBlock(_ p: Ptr, _ type: UInt32, byte: Int, rowMajor: Bool, matrixStride: Int, into next: inout Int) throws {
        var cols = 1, rows = compCount(type), colSlots = slots(type)
        if case .matrix(let col, let n)? = m.types[type] {
            cols = n
            rows = compCount(col)
            colSlots = slots(col)
        }
        for c in 0..<cols {
            for k in 0..<rows {
                let b = rowMajor && cols > 1 ? byte + k * matrixStride + 8 * c : byte + c * matrixStride + 8 * k
                let reg = try address(p, b / 16)
                code.append("MOV TEMP[\(next + c * colSlots + k / 2)]\(k % 2 == 0 ? ".xy" : ".zw"), \(reg)\(b % 16 == 0 ? ".xyxy" : ".zwzw")")
            }
        }
        next += cols * colSlots
    }

    // MARK: Dispatch

    /// Translates `i` when it makes or reads doubles (true), else leaves it to the 32-bit paths (false).
    mutating func doubleInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        let op = i.opcode
        func isD(_ id: UInt32) -> Bool { kind(resultTypeOf(id)) == "d" && !isComposite(resultTypeOf(id)) }
        // Every opcode handled here has its result type first.
        let resultD = i.count >= 2 && kind(i[0]) == "d" && !isComposite(i[0])
        switch op {
        case 83, 124:
            guard resultD else { return false }
            let a = try value(i[2])
            copyValue(define(i[1], i[0]), a)
        case 79:
            guard resultD else { return false }
            let a = try value(i[2]), b = try value(i[3])
            let v = define(i[1], i[0])
            for (k, sel) in (4..<i.count).map({ Int(i[$0]) }).enumerated() {
                let (from, comp) = sel < a.comps ? (a, sel) : (b, sel - a.comps)
                code.append("MOV \(ddst(v, k)), \(dsrc(from, comp))")
            }
        case 80:
            if isComposite(i[0]) {
                let parts = try (2..<i.count).map { try value(i[$0]) }
                guard parts.contains(where: { $0.kind == "d" }) else { return false }
                // Arrays and structs holding doubles: each part fills its slots, whole registers.
                let v = defineComposite(i[1], i[0])
                var k = 0
                for p in parts {
                    guard k + p.regs.count <= v.regs.count else { throw ShaderError("constructor parts overflow the composite") }
                    if p.kind == "d" || p.regs.count > 1 {
                        for (j, r) in p.regs.enumerated() { code.append("MOV \(v.regs[k + j]), \(r)") }
                    } else {
                        code.append("MOV \(v.regs[k])\(mask(max(1, p.comps))), \(operand(p, max(1, p.comps)))")
                    }
                    k += p.regs.count
                }
                return true
            }
            guard resultD else { return false }
            let parts = try (2..<i.count).map { try value(i[$0]) }
            let v = define(i[1], i[0])
            if case .matrix? = m.types[i[0]] {
                for (c, p) in parts.enumerated() {
                    for k in 0..<v.comps { code.append("MOV \(ddst(v, k, column: c)), \(dsrc(p, k))") }
                }
                return true
            }
            var k = 0
            for p in parts {
                for c in 0..<p.comps where k < v.comps {
                    code.append("MOV \(ddst(v, k)), \(dsrc(p, c))")
                    k += 1
                }
            }
        case 81:
            let baseType = resultTypeOf(i[2])
            guard resultD || (kind(baseType) == "d" && !isComposite(baseType)) else { return false }
            guard resultD else { throw ShaderError("extracting a non-double from a double value") }
            let base = try value(i[2])
            let v = define(i[1], i[0])
            let (reg, comp) = try compositePath(baseType, ArraySlice((3..<i.count).map { i[$0] }))
            if v.comps == 1 && v.regs.count == 1 {
                // One double: its register and half.
                code.append("MOV \(ddst(v, 0)), \(base.regs[reg + comp / 2])\(comp % 2 == 0 ? ".xyxy" : ".zwzw")")
            } else {
                // Whole registers: a member, an array element, a matrix column.
                guard comp == 0, reg + v.regs.count <= base.regs.count else { throw ShaderError("extracting part of a double vector is not supported yet") }
                for r in 0..<v.regs.count { code.append("MOV \(v.regs[r]), \(base.regs[reg + r])") }
            }
        case 82:
            let object = try value(i[2])
            guard resultD || object.kind == "d" else { return false }
            let base = try value(i[3])
            let v = defineComposite(i[1], i[0])
            for c in 0..<min(v.regs.count, base.regs.count) { code.append("MOV \(v.regs[c]), \(base.regs[c])") }
            let (reg, comp) = try compositePath(i[0], ArraySlice((4..<i.count).map { i[$0] }))
            if object.kind != "d" {
                // A 32-bit member of a struct that holds doubles.
                for c in 0..<object.regs.count {
                    code.append("MOV \(v.regs[reg + c])\(mask(object.comps, from: comp)), \(src(object.regs[c], Array(0..<object.comps)))")
                }
            } else if object.comps == 1 && object.regs.count == 1 {
                code.append("MOV \(v.regs[reg + comp / 2])\(comp % 2 == 0 ? ".xy" : ".zw"), \(dsrc(object, 0))")
            } else {
                guard comp == 0, reg + object.regs.count <= v.regs.count else { throw ShaderError("inserting part of a double vector is not supported yet") }
                for r in 0..<object.regs.count { code.append("MOV \(v.regs[reg + r]), \(object.regs[r])") }
            }
        case 84:
            guard resultD else { return false }
            let a = try value(i[2])
            let v = define(i[1], i[0])
            for c in 0..<dcolumns(v) {
                for r in 0..<v.comps { code.append("MOV \(ddst(v, r, column: c)), \(dsrc(a, c, column: r))") }
            }
        case 77:
            // OpVectorExtractDynamic
            guard resultD else { return false }
            let vec = try value(i[2]), index = src(try value(i[3]).regs[0], [0])
            try selectDouble(define(i[1], i[0]), vec, index)
        case 78:
            // OpVectorInsertDynamic: the vector with the double the index selects replaced.
            guard resultD else { return false }
            let vec = try value(i[2]), component = try value(i[3]), index = src(try value(i[4]).regs[0], [0])
            let v = define(i[1], i[0])
            copyValue(v, vec)
            let cond = newTemp()
            for k in 0..<v.comps {
                code.append("USEQ TEMP[\(cond)].x, \(index), \(intImm(k))")
                code.append("UCMP \(ddst(v, k)), TEMP[\(cond)].xxxx, \(dsrc(component, 0)), \(dsrc(v, k))")
            }
        case 127:
            guard resultD else { return false }
            try dmap(i, 1) { t, dst, s in t.dop("DNEG", dst, s) }
        case 129:
            guard resultD else { return false }
            try dmap(i, 2) { t, dst, s in t.dop("DADD", dst, s) }
        case 131:
            guard resultD else { return false }
            try dmap(i, 2) { t, dst, s in t.dsub(dst, s[0], s[1]) }
        case 133, 142, 143:
            guard resultD else { return false }
            try dmap(i, 2) { t, dst, s in t.dop("DMUL", dst, s) }
        case 136:
            guard resultD else { return false }
            try dmap(i, 2) { t, dst, s in t.dop("DDIV", dst, s) }
        case 141:
            guard resultD else { return false }
            try dmap(i, 2) { t, dst, s in t.dmod(dst, s[0], s[1]) }
        case 144:
            // vector × matrix: result c = dot(vector, column c).
            guard resultD else { return false }
            let vec = try value(i[2]), mat = try value(i[3])
            let v = define(i[1], i[0])
            for c in 0..<v.comps {
                ddot(ddst(v, c), (0..<vec.comps).map { (dsrc(vec, $0), dsrc(mat, $0, column: c)) })
            }
        case 145:
            // matrix × vector: result r = Σ column c row r × vector c.
            guard resultD else { return false }
            let mat = try value(i[2]), vec = try value(i[3])
            let v = define(i[1], i[0])
            for r in 0..<v.comps {
                ddot(ddst(v, r), (0..<vec.comps).map { (dsrc(mat, r, column: $0), dsrc(vec, $0)) })
            }
        case 146:
            guard resultD else { return false }
            let a = try value(i[2]), b = try value(i[3])
            let v = define(i[1], i[0])
            let inner = dcolumns(a)
            for c in 0..<dcolumns(v) {
                for r in 0..<v.comps {
                    ddot(ddst(v, r, column: c), (0..<inner).map { (dsrc(a, r, column: $0), dsrc(b, $0, column: c)) })
                }
            }
        case 147:
            guard resultD else { return false }
            let c = try value(i[2]), r = try value(i[3])
            let v = define(i[1], i[0])
            for col in 0..<dcolumns(v) {
                for row in 0..<v.comps { dop("DMUL", ddst(v, row, column: col), [dsrc(c, row), dsrc(r, col)]) }
            }
        case 148:
            guard resultD else { return false }
            let a = try value(i[2]), b = try value(i[3])
            let v = define(i[1], i[0])
            ddot(ddst(v, 0), (0..<a.comps).map { (dsrc(a, $0), dsrc(b, $0)) })
        case 169:
            guard resultD else { return false }
            let cond = try value(i[2]), a = try value(i[3]), b = try value(i[4])
            let v = define(i[1], i[0])
            for c in 0..<dcolumns(v) {
                for k in 0..<v.comps {
                    let s = src(cond.regs[0], [cond.comps == 1 ? 0 : k])
                    code.append("UCMP \(ddst(v, k, column: c)), \(s), \(dsrc(a, k, column: c)), \(dsrc(b, k, column: c))")
                }
            }
        case 180...191:
            guard isD(i[2]) else { return false }
            let table: [(String, Bool)] = [("DSEQ", false), ("DSNE", false), ("DSLT", false), ("DSLT", true), ("DSGE", true), ("DSGE", false)]
            let (name, swap) = table[Int(op - 180) / 2]
            var a = try value(i[2]), b = try value(i[3])
            if swap { swap2(&a, &b) }
            let v = define(i[1], i[0])
            for k in 0..<v.comps {
                dop(name, "\(v.regs[0]).\(Self.componentNames[k])", [dsrc(a, k), dsrc(b, k)], narrowResult: true)
            }
        case 156, 157:
            guard isD(i[2]) else { return false }
            let a = try value(i[2])
            let v = define(i[1], i[0])
            let inf = dimm(.infinity)
            for k in 0..<v.comps {
                let dst = "\(v.regs[0]).\(Self.componentNames[k])"
                if op == 156 {
                    dop("DSNE", dst, [dsrc(a, k), dsrc(a, k)], narrowResult: true)
                } else {
                    let t = dtemp()
                    dop("DABS", t.dst, [dsrc(a, k)])
                    dop("DSEQ", dst, [t.src, inf], narrowResult: true)
                }
            }
        case 109, 110:
            guard isD(i[2]) else { return false }
            let a = try value(i[2])
            let v = define(i[1], i[0])
            for k in 0..<v.comps {
                dop(op == 109 ? "D2U" : "D2I", "\(v.regs[0]).\(Self.componentNames[k])", [dsrc(a, k)], narrowResult: true)
            }
        case 111, 112:
            guard resultD else { return false }
            let a = try value(i[2])
            let v = define(i[1], i[0])
            for k in 0..<v.comps { dop(op == 111 ? "I2D" : "U2D", ddst(v, k), [src(a.regs[0], [k, k, k, k])], narrowSources: true) }
        case 115:
            let a = try value(i[2])
            let v = define(i[1], i[0])
            if v.kind == "d" {
                for c in 0..<dcolumns(v) {
                    for k in 0..<v.comps { dop("F2D", ddst(v, k, column: c), [src(a.regs[c], [k, k, k, k])], narrowSources: true) }
                }
            } else {
                for c in 0..<v.regs.count {
                    for k in 0..<v.comps { dop("D2F", "\(v.regs[c]).\(Self.componentNames[k])", [dsrc(a, k, column: c)], narrowResult: true) }
                }
            }
        case 12:
            guard i[2] == m.glslStd450 else { return false }
            let args = (4..<i.count).map { i[$0] }
            guard resultD || args.contains(where: { isD($0) }) else { return false }
            try doubleExtInst(i)
        default:
            return false
        }
        return true
    }

    /// Component-wise `body` over a double result from `arity` double operands (scalars broadcast, matrices by
    /// column).
    mutating func dmap(_ i: SPIRVModule.Instruction, _ arity: Int, _ body: (inout TGSITranslator, String, [String]) -> Void) throws {
        let args = try (2..<(2 + arity)).map { try value(i[$0]) }
        let v = define(i[1], i[0])
        for c in 0..<dcolumns(v) {
            for k in 0..<v.comps {
                let dst = ddst(v, k, column: c), srcs = args.map { dsrc($0, k, column: c) }
                body(&self, dst, srcs)
            }
        }
    }

    /// dst = √a as 1 / (1 / √a): virglrenderer writes DSQRT as `sqrt(vec4(…))` of a double, which does not
    /// compile.
    mutating func dsqrt(_ dst: String, _ a: [String]) {
        let t = dtemp()
        dop("DRSQ", t.dst, a)
        dop("DRCP", dst, [t.src])
    }

    /// dst = a − b.
    mutating func dsub(_ dst: String, _ a: String, _ b: String) {
        let t = dtemp()
        dop("DNEG", t.dst, [b])
        dop("DADD", dst, [a, t.src])
    }

    /// dst = Σ a × b over the pairs.
    mutating func ddot(_ dst: String, _ pairs: [(String, String)]) {
        let t = dtemp()
        dop("DMUL", t.dst, [pairs[0].0, pairs[0].1])
        for p in pairs.dropFirst() { dop("DMAD", t.dst, [p.0, p.1, t.src]) }
        code.append("MOV \(dst), \(t.src)")
    }

    /// dst = floor(a) = a − fract(a).
    mutating func dfloor(_ dst: String, _ a: String) {
        let f = dtemp()
        dop("DFRAC", f.dst, [a])
        dsub(dst, a, f.src)
    }

    /// dst = ceil(a) = −floor(−a).
    mutating func dceil(_ dst: String, _ a: String) {
        let n = dtemp(), f = dtemp()
        dop("DNEG", n.dst, [a])
        dfloor(f.dst, n.src)
        dop("DNEG", dst, [f.src])
    }

    /// dst = trunc(a): floor for a ≥ 0, else ceil.
    mutating func dtrunc(_ dst: String, _ a: String) {
        let f = dtemp(), c = dtemp(), cond = newTemp()
        dfloor(f.dst, a)
        dceil(c.dst, a)
        dop("DSGE", "TEMP[\(cond)].x", [a, dimm(0)], narrowResult: true)
        code.append("UCMP \(dst), TEMP[\(cond)].xxxx, \(f.src), \(c.src)")
    }

    /// dst = roundEven(a): floor(a + ½), less one where a was halfway and that is odd.
    mutating func droundEven(_ dst: String, _ a: String) {
        let t = dtemp(), r = dtemp(), d = dtemp(), h = dtemp(), cond = newTemp()
        dop("DADD", t.dst, [a, dimm(0.5)])
        dfloor(r.dst, t.src)
        dsub(d.dst, r.src, a)
        dop("DSEQ", "TEMP[\(cond)].x", [d.src, dimm(0.5)], narrowResult: true)
        dop("DMUL", h.dst, [r.src, dimm(0.5)])
        dop("DFRAC", h.dst, [h.src])
        dop("DSNE", "TEMP[\(cond)].y", [h.src, dimm(0)], narrowResult: true)
        code.append("AND TEMP[\(cond)].x, TEMP[\(cond)].xxxx, TEMP[\(cond)].yyyy")
        dop("DADD", d.dst, [r.src, dimm(-1)])
        code.append("UCMP \(dst), TEMP[\(cond)].xxxx, \(d.src), \(r.src)")
    }

    /// dst = mod(a, b) = a − b × floor(a / b).
    mutating func dmod(_ dst: String, _ a: String, _ b: String) {
        let q = dtemp(), f = dtemp(), p = dtemp()
        dop("DDIV", q.dst, [a, b])
        dfloor(f.dst, q.src)
        dop("DMUL", p.dst, [b, f.src])
        dsub(dst, a, p.src)
    }

    /// The determinant of the submatrix of `m` (double columns) on `rows` × `cols`, as a double source.
    mutating func ddeterminant(_ m: Val, rows: [Int], cols: [Int], _ memo: inout [String: String]) -> String {
        if rows.count == 1 { return dsrc(m, rows[0], column: cols[0]) }
        let key = "\(rows)|\(cols)"
        if let known = memo[key] { return known }
        let t = dtemp(), e = dtemp()
        for (k, row) in rows.enumerated() {
            let sub = ddeterminant(m, rows: rows.filter { $0 != row }, cols: Array(cols.dropFirst()), &memo)
            var element = dsrc(m, row, column: cols[0])
            if k % 2 == 1 {
                dop("DNEG", e.dst, [element])
                element = e.src
            }
            if k == 0 { dop("DMUL", t.dst, [element, sub]) } else { dop("DMAD", t.dst, [element, sub, t.src]) }
        }
        memo[key] = t.src
        return t.src
    }

    // MARK: GLSL.std.450

    mutating func doubleExtInst(_ i: SPIRVModule.Instruction) throws {
        let op = i[3]
        if op == 35 {
            // modf(x, out whole): the fraction is the result.
            let x = try value(i[4])
            let whole = try pointer(i[5])
            let v = define(i[1], i[0])
            let w = defineTemp(v)
            for k in 0..<v.comps {
                dtrunc(ddst(w, k), dsrc(x, k))
                dsub(ddst(v, k), dsrc(x, k), dsrc(w, k))
            }
            return try storeDoubles(whole, w)
        }
        if op == 51 || op == 52 {
            // frexp(x, out exp): exponent from the high word's bits, the mantissa's exponent set to −1 (0 stays 0).
            // FrexpStruct (52) returns both as a struct { mantissa; exponent }.
            let x = try value(i[4])
            let v: Val
            var structResult: Val?
            if op == 52 {
                let n = x.comps, t = newTemp(slots(i[0]))
                let whole = Val(regs: (0..<slots(i[0])).map { "TEMP[\(t + $0)]" }, comps: 4, kind: "f")
                values[i[1]] = whole
                structResult = whole
                v = Val(regs: Array(whole.regs.prefix((n + 1) / 2)), comps: n, kind: "d")
            } else {
                v = define(i[1], i[0])
            }
            let e = structResult.map { Int($0.regs.last!.dropFirst(5).dropLast())! } ?? newTemp()
            let cond = newTemp(), mant = newTemp()
            for k in 0..<v.comps {
                let pair = dsrc(x, k)
                let reg = String(pair.dropLast(5)), hi = k % 2 == 0 || x.comps == 1 ? 1 : 3, lo = hi - 1
                let c = Self.componentNames[k]
                dop("DSEQ", "TEMP[\(cond)].x", [pair, dimm(0)], narrowResult: true)
                code.append("USHR TEMP[\(e)].\(c), \(src(reg, [hi])), \(intImm(20))")
                code.append("AND TEMP[\(e)].\(c), TEMP[\(e)].\(c)\(c)\(c)\(c), \(wordImm(0x7ff))")
                code.append("UADD TEMP[\(e)].\(c), TEMP[\(e)].\(c)\(c)\(c)\(c), \(wordImm(UInt32(bitPattern: -1022)))")
                code.append("UCMP TEMP[\(e)].\(c), TEMP[\(cond)].xxxx, \(intImm(0)), TEMP[\(e)].\(c)\(c)\(c)\(c)")
                code.append("AND TEMP[\(mant)].y, \(src(reg, [hi])), \(wordImm(0x800f_ffff))")
                code.append("OR TEMP[\(mant)].y, TEMP[\(mant)].yyyy, \(wordImm(0x3fe0_0000))")
                code.append("MOV TEMP[\(mant)].x, \(src(reg, [lo]))")
                code.append("UCMP \(ddst(v, k)), TEMP[\(cond)].xxxx, \(pair), TEMP[\(mant)].xyxy")
            }
            if structResult == nil {
                let expPtr = try pointer(i[5])
                code.append("MOV \(try address(expPtr))\(mask(v.comps, from: expPtr.component)), TEMP[\(e)]")
            }
            return
        }
        let args = try (4..<i.count).map { try value(i[$0]) }
        let v = define(i[1], i[0])
        let n = v.comps
        func a(_ j: Int, _ k: Int) -> String { dsrc(args[j], k) }
        switch op {
        case 1, 2: for k in 0..<n { droundEven(ddst(v, k), a(0, k)) }
        case 3: for k in 0..<n { dtrunc(ddst(v, k), a(0, k)) }
        case 4: for k in 0..<n { dop("DABS", ddst(v, k), [a(0, k)]) }
        case 6:
            // sign: (x < 0) − (0 < x) as integers (true is −1), to a double.
            let t = newTemp()
            for k in 0..<n {
                dop("DSLT", "TEMP[\(t)].x", [a(0, k), dimm(0)], narrowResult: true)
                dop("DSLT", "TEMP[\(t)].y", [dimm(0), a(0, k)], narrowResult: true)
                code.append("INEG TEMP[\(t)].y, TEMP[\(t)].yyyy")
                code.append("UADD TEMP[\(t)].x, TEMP[\(t)].xxxx, TEMP[\(t)].yyyy")
                dop("I2D", ddst(v, k), ["TEMP[\(t)].xxxx"], narrowSources: true)
            }
        case 8: for k in 0..<n { dfloor(ddst(v, k), a(0, k)) }
        case 9: for k in 0..<n { dceil(ddst(v, k), a(0, k)) }
        case 10: for k in 0..<n { dop("DFRAC", ddst(v, k), [a(0, k)]) }
        case 31: for k in 0..<n { dsqrt(ddst(v, k), [a(0, k)]) }
        case 32: for k in 0..<n { dop("DRSQ", ddst(v, k), [a(0, k)]) }
        case 37: for k in 0..<n { dop("DMIN", ddst(v, k), [a(0, k), a(1, k)]) }
        case 40: for k in 0..<n { dop("DMAX", ddst(v, k), [a(0, k), a(1, k)]) }
        case 43:
            for k in 0..<n {
                let t = dtemp()
                dop("DMAX", t.dst, [a(0, k), a(1, k)])
                dop("DMIN", ddst(v, k), [t.src, a(2, k)])
            }
        case 46:
            // mix(x, y, a) = x + a (y − x)
            for k in 0..<n {
                let d = dtemp()
                dsub(d.dst, a(1, k), a(0, k))
                dop("DMAD", ddst(v, k), [a(2, k), d.src, a(0, k)])
            }
        case 48:
            let cond = newTemp(), one = dimm(1), zero = dimm(0)
            for k in 0..<n {
                dop("DSGE", "TEMP[\(cond)].x", [a(1, k), a(0, k)], narrowResult: true)
                code.append("UCMP \(ddst(v, k)), TEMP[\(cond)].xxxx, \(one), \(zero)")
            }
        case 49:
            // t = clamp((x − e0) / (e1 − e0), 0, 1); t² (3 − 2t)
            for k in 0..<n {
                let num = dtemp(), den = dtemp(), t = dtemp(), u = dtemp()
                dsub(num.dst, a(2, k), a(0, k))
                dsub(den.dst, a(1, k), a(0, k))
                dop("DDIV", t.dst, [num.src, den.src])
                dop("DMAX", t.dst, [t.src, dimm(0)])
                dop("DMIN", t.dst, [t.src, dimm(1)])
                dop("DMAD", u.dst, [t.src, dimm(-2), dimm(3)])
                dop("DMUL", u.dst, [u.src, t.src])
                dop("DMUL", ddst(v, k), [u.src, t.src])
            }
        case 50: for k in 0..<n { dop("DMAD", ddst(v, k), [a(0, k), a(1, k), a(2, k)]) }
        case 53:
            // ldexp(x, e) = x × 2^e1 × 2^e2 × 2^e3, each e_k the rest clamped to [−1022, 1023] and each factor made
            // from its exponent bits (three reach past both ends of the double range: a result underflows to ±0).
            let e = args[1]
            let rest = newTemp(), part = newTemp(), factor = newTemp()
            for k in 0..<n {
                let ek = src(e.regs[0], [e.comps == 1 ? 0 : k])
                let r = dtemp()
                code.append("MOV TEMP[\(rest)].x, \(ek)")
                code.append("MOV \(r.dst), \(a(0, k))")
                for _ in 0..<3 {
                    code.append("IMAX TEMP[\(part)].x, TEMP[\(rest)].xxxx, \(wordImm(UInt32(bitPattern: -1022)))")
                    code.append("IMIN TEMP[\(part)].x, TEMP[\(part)].xxxx, \(wordImm(1023))")
                    code.append("INEG TEMP[\(part)].y, TEMP[\(part)].xxxx")
                    code.append("UADD TEMP[\(rest)].x, TEMP[\(rest)].xxxx, TEMP[\(part)].yyyy")
                    code.append("UADD TEMP[\(part)].x, TEMP[\(part)].xxxx, \(wordImm(1023))")
                    code.append("SHL TEMP[\(factor)].y, TEMP[\(part)].xxxx, \(intImm(20))")
                    code.append("MOV TEMP[\(factor)].x, \(intImm(0))")
                    dop("DMUL", r.dst, [r.src, "TEMP[\(factor)].xyxy"])
                }
                code.append("MOV \(ddst(v, k)), \(r.src)")
            }
        case 59:
            // packDouble2x32(uvec2): the bits.
            code.append("MOV \(v.regs[0]).xy, \(src(args[0].regs[0], [0, 1, 0, 1]))")
        case 65:
            // unpackDouble2x32(double): the words.
            code.append("MOV \(v.regs[0]).xy, \(dsrc(args[0], 0))")
        case 66:
            let c = args[0].comps, d = dtemp()
            ddot(d.dst, (0..<c).map { (a(0, $0), a(0, $0)) })
            dsqrt(ddst(v, 0), [d.src])
        case 67:
            let c = args[0].comps
            let diff = defineTemp(args[0])
            for k in 0..<c { dsub(ddst(diff, k), a(0, k), a(1, k)) }
            let d = dtemp()
            ddot(d.dst, (0..<c).map { (dsrc(diff, $0), dsrc(diff, $0)) })
            dsqrt(ddst(v, 0), [d.src])
        case 68:
            let p = dtemp()
            for k in 0..<3 {
                let k1 = (k + 1) % 3, k2 = (k + 2) % 3
                dop("DMUL", p.dst, [a(0, k2), a(1, k1)])
                dop("DNEG", p.dst, [p.src])
                dop("DMAD", ddst(v, k), [a(0, k1), a(1, k2), p.src])
            }
        case 69:
            let d = dtemp()
            ddot(d.dst, (0..<n).map { (a(0, $0), a(0, $0)) })
            dop("DRSQ", d.dst, [d.src])
            for k in 0..<n { dop("DMUL", ddst(v, k), [a(0, k), d.src]) }
        case 70:
            // faceforward(N, I, Nref) = dot(Nref, I) < 0 ? N : −N
            let d = dtemp(), cond = newTemp(), neg = dtemp()
            ddot(d.dst, (0..<n).map { (a(2, $0), a(1, $0)) })
            dop("DSLT", "TEMP[\(cond)].x", [d.src, dimm(0)], narrowResult: true)
            for k in 0..<n {
                dop("DNEG", neg.dst, [a(0, k)])
                code.append("UCMP \(ddst(v, k)), TEMP[\(cond)].xxxx, \(a(0, k)), \(neg.src)")
            }
        case 71:
            // reflect(I, N) = I − 2 dot(N, I) N
            let d = dtemp(), t = dtemp()
            ddot(d.dst, (0..<n).map { (a(1, $0), a(0, $0)) })
            dop("DADD", d.dst, [d.src, d.src])
            for k in 0..<n {
                dop("DMUL", t.dst, [a(1, k), d.src])
                dsub(ddst(v, k), a(0, k), t.src)
            }
        case 72:
            // refract(I, N, eta): k = 1 − eta² (1 − dot(N, I)²); k < 0 ? 0 : eta I − (eta dot(N, I) + √k) N
            let d = dtemp(), kk = dtemp(), s = dtemp(), t = dtemp(), cond = newTemp()
            let eta = dsrc(args[2], 0), one = dimm(1), zero = dimm(0)
            ddot(d.dst, (0..<n).map { (a(1, $0), a(0, $0)) })
            dop("DMUL", kk.dst, [d.src, d.src])
            dsub(kk.dst, one, kk.src)
            dop("DMUL", kk.dst, [kk.src, eta])
            dop("DMUL", kk.dst, [kk.src, eta])
            dsub(kk.dst, one, kk.src)
            dop("DSLT", "TEMP[\(cond)].x", [kk.src, zero], narrowResult: true)
            dop("DMAX", kk.dst, [kk.src, zero])
            dsqrt(s.dst, [kk.src])
            dop("DMAD", s.dst, [eta, d.src, s.src])
            for k in 0..<n {
                dop("DMUL", t.dst, [a(0, k), eta])
                let u = dtemp()
                dop("DMUL", u.dst, [s.src, a(1, k)])
                dsub(t.dst, t.src, u.src)
                code.append("UCMP \(ddst(v, k)), TEMP[\(cond)].xxxx, \(zero), \(t.src)")
            }
        case 33:
            var memo: [String: String] = [:]
            let all = Array(0..<dcolumns(args[0]))
            let d = ddeterminant(args[0], rows: all, cols: all, &memo)
            code.append("MOV \(ddst(v, 0)), \(d)")
        case 34:
            // inverse = adjugate / determinant
            let mat = args[0], size = dcolumns(mat)
            var memo: [String: String] = [:]
            let all = Array(0..<size)
            let e = dtemp()
            let det = ddeterminant(mat, rows: all, cols: all, &memo)
            for j in 0..<size {
                for r in 0..<size {
                    var minor = ddeterminant(mat, rows: all.filter { $0 != j }, cols: all.filter { $0 != r }, &memo)
                    if (r + j) % 2 == 1 {
                        dop("DNEG", e.dst, [minor])
                        minor = e.src
                    }
                    dop("DDIV", ddst(v, r, column: j), [minor, det])
                }
            }
        default:
            throw ShaderError("GLSL.std.450 instruction \(op) on doubles is not supported yet")
        }
    }

    /// Temporaries shaped like `v` (not bound to an id).
    mutating func defineTemp(_ v: Val) -> Val {
        let t = newTemp(v.regs.count)
        return Val(regs: (0..<v.regs.count).map { "TEMP[\(t + $0)]" }, comps: v.comps, kind: "d")
    }
}
