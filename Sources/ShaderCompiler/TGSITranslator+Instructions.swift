/// SPIR-V instructions → TGSI instructions.
extension TGSITranslator {
    mutating func instruction(_ i: SPIRVModule.Instruction) throws {
        if try storageBufferInstruction(i) { return }
        if try doubleInstruction(i) { return }
        if try computeInstruction(i) { return }
        if try atomicCounterInstruction(i) { return }
        if try imageInstruction(i) { return }
        if try clockInstruction(i) { return }
        switch i.opcode {
        case 59: break  // OpVariable (declared up front)
        case 61: try load(i)
        case 62: try store(i)
        case 65: try accessChain(i)
        case 79: try shuffle(i)
        case 80: try construct(i)
        case 81: try extract(i)
        case 82: try insert(i)
        case 83, 124: try unary(i, "MOV")
        case 84:
            // transpose: result column c, row r = source column r, row c.
            let a = try value(i[2])
            let v = define(i[1], i[0])
            for c in 0..<v.regs.count {
                for r in 0..<v.comps where r < a.regs.count {
                    code.append("MOV \(v.regs[c])\(mask(1, from: r)), \(src(a.regs[r], [c]))")
                }
            }
        case 86, 100: values[i[1]] = Val(regs: [], comps: 0, kind: "f"); sampled[i[1]] = i[2]
        case _ where Self.hasGradients(i): try sampleGradients(i)
        case 105: try queryLod(i)
        case 87, 88: try sample(i, explicitLod: i.opcode == 88)
        case 89, 90: try sampleDref(i, explicitLod: i.opcode == 90)
        case 91, 92: try sampleProj(i, explicitLod: i.opcode == 92, dref: false)
        case 93, 94: try sampleProj(i, explicitLod: i.opcode == 94, dref: true)
        case 147: try outerProduct(i)
        case 149, 150: try carry(i, subtract: i.opcode == 150)
        case 151, 152: try mulExtended(i, signed: i.opcode == 152)
        case 201: try bitField(i, "BFI")
        case 202: try bitField(i, "IBFE")
        case 203: try bitField(i, "UBFE")
        case 204: try unary(i, "BREV")
        case 205: try unary(i, "POPC")
        case 156: try unaryTest(i, isNaN: true)
        case 157: try unaryTest(i, isNaN: false)
        case 95: try fetch(i)
        case 96, 97: try gather(i, dref: i.opcode == 97)
        case 103, 104: try querySize(i)
        case 109: try unary(i, "F2U")
        case 110: try unary(i, "F2I")
        case 111: try unary(i, "I2F")
        case 112: try unary(i, "U2F")
        case 126: try unary(i, "INEG")
        case 127: try unary(i, "MOV", negate: true)
        case 128: try binary(i, "UADD")
        case 129: try binary(i, "ADD")
        case 130: try isub(i)
        case 131: try binary(i, "ADD", negateSecond: true)
        case 132: try binary(i, "UMUL")
        case 133, 142: try binary(i, "MUL")
        case 134: try binary(i, "UDIV")
        case 135: try binary(i, "IDIV")
        case 136: try fdiv(i)
        case 137: try binary(i, "UMOD")
        case 138, 139: try binary(i, "MOD")
        case 141: try fmod(i)
        case 143: try matrixTimesScalar(i)
        case 144: try vectorTimesMatrix(i)
        case 145: try matrixTimesVector(i)
        case 146: try matrixTimesMatrix(i)
        case 148: try dot(i)
        case 154: try reduce(i, "OR")
        case 155: try reduce(i, "AND")
        case 164: try binary(i, "USEQ")
        case 165: try binary(i, "USNE")
        case 166: try binary(i, "OR")
        case 167: try binary(i, "AND")
        case 168: try unary(i, "NOT")
        case 169: try select(i)
        case 170: try binary(i, "USEQ")
        case 171: try binary(i, "USNE")
        case 172: try binary(i, "USLT", swap: true)
        case 173: try binary(i, "ISLT", swap: true)
        case 174: try binary(i, "USGE")
        case 175: try binary(i, "ISGE")
        case 176: try binary(i, "USLT")
        case 177: try binary(i, "ISLT")
        case 178: try binary(i, "USGE", swap: true)
        case 179: try binary(i, "ISGE", swap: true)
        case 180, 181: try binary(i, "FSEQ")
        case 182, 183: try binary(i, "FSNE")
        case 184, 185: try binary(i, "FSLT")
        case 186, 187: try binary(i, "FSLT", swap: true)
        case 188, 189: try binary(i, "FSGE", swap: true)
        case 190, 191: try binary(i, "FSGE")
        case 194: try binary(i, "USHR")
        case 195: try binary(i, "ISHR")
        case 196: try binary(i, "SHL")
        case 197: try binary(i, "OR")
        case 198: try binary(i, "XOR")
        case 199: try binary(i, "AND")
        case 200: try unary(i, "NOT")
        case 207, 213: try unary(i, "DDX")  // OpDPdx, OpDPdxCoarse
        case 208, 214: try unary(i, "DDY")
        case 210: try unary(i, "DDX_FINE")
        case 211: try unary(i, "DDY_FINE")
        case 209, 212, 215:
            // fwidth: |dFdx| + |dFdy|.
            let a = try value(i[2])
            let v = define(i[1], i[0])
            let t = newTemp()
            let fine = i.opcode == 212
            code.append("\(fine ? "DDX_FINE" : "DDX") TEMP[\(t)]\(mask(v.comps)), \(operand(a, v.comps))")
            code.append("\(fine ? "DDY_FINE" : "DDY") \(v.regs[0])\(mask(v.comps)), \(operand(a, v.comps))")
            code.append("ADD \(v.regs[0])\(mask(v.comps)), |TEMP[\(t)]|, |\(v.regs[0])|")
        case 77:
            // OpVectorExtractDynamic: the component the index selects.
            guard i.count >= 4 else { throw ShaderError("OpVectorExtractDynamic with \(i.count) operands") }
            let vec = try value(i[2]), index = src(try value(i[3]).regs[0], [0])
            let v = define(i[1], i[0])
            let cond = newTemp()
            code.append("MOV \(v.regs[0]).x, \(src(vec.regs[0], [0]))")
            for k in 1..<max(1, vec.comps) {
                code.append("USEQ TEMP[\(cond)].x, \(index), \(intImm(k))")
                code.append("UCMP \(v.regs[0]).x, TEMP[\(cond)].xxxx, \(src(vec.regs[0], [k])), \(v.regs[0]).xxxx")
            }
        case 78:
            // OpVectorInsertDynamic: the vector with the component the index selects replaced.
            guard i.count >= 5 else { throw ShaderError("OpVectorInsertDynamic with \(i.count) operands") }
            let vec = try value(i[2]), component = try value(i[3]), index = src(try value(i[4]).regs[0], [0])
            let v = define(i[1], i[0])
            let cond = newTemp()
            code.append("MOV \(v.regs[0])\(mask(v.comps)), \(operand(vec, v.comps))")
            for k in 0..<v.comps {
                code.append("USEQ TEMP[\(cond)].x, \(index), \(intImm(k))")
                code.append("UCMP \(v.regs[0])\(mask(1, from: k)), TEMP[\(cond)].xxxx, \(src(component.regs[0], [0, 0, 0, 0])), \(v.regs[0])")
            }
        case 12: try extInst(i)
        case 218:
            code.append(Self.clipDistanceCopyMarker)
            code.append("EMIT \(intImm(0))")
        case 219: code.append("ENDPRIM \(intImm(0))")
        case 220:
            // EmitStreamVertex(n) (ARB_gpu_shader5): EMIT on that stream; outputs go with every stream (only
            // stream 0 reaches the rasterizer), as Mesa's virgl driver sends them.
            code.append(Self.clipDistanceCopyMarker)
            code.append("EMIT \(try streamImm(i[0]))")
        case 221: code.append("ENDPRIM \(try streamImm(i[0]))")
        case 224:
            // OpControlBarrier: barrier() of a tessellation control shader.
            guard stage == .tessControl else { throw ShaderError("barriers outside tessellation control shaders are not supported yet") }
            code.append("BARRIER")
        case 225: break  // OpMemoryBarrier: the host orders a stage's own memory accesses
        case 1:
            // OpUndef (a function that ends without returning, an unset component): zeros.
            let total = slots(i[0])
            if (total > 1 || isComposite(i[0])) && columns(i[0]) == 1 {
                let t = newTemp(total)
                for k in 0..<total { code.append("MOV TEMP[\(t + k)], IMM[\(zeroImm())]") }
                values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(i[0]))
            } else {
                let v = define(i[1], i[0])
                for r in v.regs { code.append("MOV \(r), IMM[\(zeroImm())]") }
            }
        case 57: try call(i)
        default: throw ShaderError("SPIR-V instruction \(i.opcode) is not supported yet")
        }
    }

    // MARK: Calls

    /// Inlines a call: parameters take the caller's pointers (or values), the body is emitted in place, and a
    /// return value lands in the call's result.
    mutating func call(_ i: SPIRVModule.Instruction) throws {
        let function = i[2]
        if let op = intrinsic(function) { return try callIntrinsic(i, op) }
        guard let entry = functionEntry[function], let params = functionParameters[function] else {
            throw ShaderError("call to an unknown function %\(function)")
        }
        guard callStack.count < 16 else { throw ShaderError("calls nested deeper than 16 (recursion?)") }
        let args = (3..<i.count).map { i[$0] }
        guard args.count == params.count else { throw ShaderError("call with \(args.count) arguments to a function of \(params.count)") }
        for (p, a) in zip(params, args) {
            if samplerIndex[a] != nil || sampled[a] != nil {
                // A sampler argument: the parameter names the same sampler.
                sampled[p] = a
            } else if let array = samplerArrays[a] {
                samplerArrays[p] = array
                samplerArrayDims[p] = samplerArrayDims[a]
            } else if let ptr = pointers[a] ?? varRegs[a] {
                pointers[p] = ptr
                // A struct holding samplers: the parameter's samplers are the argument's.
                if let name = samplerStructs[a] { samplerStructs[p] = name }
            } else {
                values[p] = try value(a)
            }
        }
        var result: UInt32?
        if case .void? = m.types[i[0]] {} else {
            let total = slots(i[0])
            if (total > 1 || isComposite(i[0])) && columns(i[0]) == 1 {
                // An array or struct result: one whole register per slot.
                let t = newTemp(total)
                values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(i[0]))
            } else {
                _ = define(i[1], i[0])
            }
            result = i[1]
        }
        callStack.append(result)
        callNesting.append(nesting)
        let wrap = (functionReturns[function] ?? 1) > 1
        var flag = 0
        if wrap {
            // Early returns: the body runs in a one-pass loop that each return leaves.
            flag = newTemp()
            code.append("MOV TEMP[\(flag)].x, \(intImm(0))")
            code.append("BGNLOOP")
            loopDepth += 1
            callWrappers.append((flag, loopDepth))
        } else {
            callWrappers.append(nil)
        }
        defer {
            callStack.removeLast()
            callNesting.removeLast()
            callWrappers.removeLast()
        }
        try emit(from: entry, until: nil, loop: nil)
        if wrap {
            loopDepth -= 1
            code.append("BRK")
            code.append("ENDLOOP")
        }
    }

    // MARK: Memory

    /// The pointer an id names: a variable or an access chain.
    func pointer(_ id: UInt32) throws -> Ptr {
        if let p = pointers[id] ?? varRegs[id] { return p }
        throw ShaderError("pointer %\(id) is not a known variable")
    }

    /// The row-major element of an array (of arrays) of blocks an access chain's first `dims.count` indices pick:
    /// the constant indices folded (each checked against its dimension) and, when some index is a variable, a
    /// temporary holding the variable ones clamped to their dimensions and multiplied in.
    mutating func blockArrayIndex(_ i: SPIRVModule.Instruction, _ dims: [Int], what: String) throws -> (constant: Int, dynamic: Int?) {
        var constantPart = 0, dynamicPart: Int?
        var stride = dims.reduce(1, *)
        for (d, n) in dims.enumerated() {
            stride /= n
            if case .scalar(_, let k)? = m.constants[i[3 + d]] {
                guard Int(k) < n else { throw ShaderError("\(what) index \(k) past its \(n) elements") }
                constantPart += Int(k) * stride
            } else {
                let t = newTemp()
                code.append("UMIN TEMP[\(t)].x, \(src(try value(i[3 + d]).regs[0], [0])), \(intImm(n - 1))")
                if let previous = dynamicPart {
                    code.append("UMAD TEMP[\(t)].x, TEMP[\(t)].xxxx, \(intImm(stride)), TEMP[\(previous)].xxxx")
                } else if stride > 1 {
                    code.append("UMUL TEMP[\(t)].x, TEMP[\(t)].xxxx, \(intImm(stride))")
                }
                dynamicPart = t
            }
        }
        return (constantPart, dynamicPart)
    }

    mutating func accessChain(_ i: SPIRVModule.Instruction) throws {
        if let array = samplerArrays[i[2]] {
            let dims = samplerArrayDims[i[2]] ?? [array.count]
            guard i.count == 3 + dims.count else { throw ShaderError("a sampler array of arrays indexed partly is not supported yet") }
            // The element's place in the flattened array: constant indices folded, variable ones multiplied in.
            var constantPart = 0, dynamicPart: String?
            var stride = array.count
            for (d, n) in dims.enumerated() {
                stride /= n
                if case .scalar(_, let k)? = m.constants[i[3 + d]] {
                    constantPart += Int(min(k, UInt32(n - 1))) * stride
                } else {
                    let t = newTemp()
                    code.append("UMUL TEMP[\(t)].x, \(src(try value(i[3 + d]).regs[0], [0])), \(intImm(stride))")
                    if let previous = dynamicPart { code.append("UADD TEMP[\(t)].x, TEMP[\(t)].xxxx, \(previous)") }
                    dynamicPart = "TEMP[\(t)].xxxx"
                }
            }
            if let dynamicPart {
                let t = newTemp()
                code.append("UADD TEMP[\(t)].x, \(dynamicPart), \(intImm(constantPart))")
                dynamicSamplers[i[1]] = (array.first, array.count, array.target, "TEMP[\(t)].xxxx")
                return
            }
            let k = constantPart
            samplerIndex[i[1]] = array.first + Int(k)
            samplerTargets[i[1]] = array.target
            return
        }
        if let base = samplerStructs[i[2]], try samplerStructAccess(i, base) { return }
        var p = try pointer(i[2])
        if p.file == "MEMORY" { return try sharedAccessChain(i, p) }
        var first = 3
        if p.file == "CONSTARRAY" {
            // An element of an array of uniform blocks: its own constant buffer; one chosen by a (dynamically
            // uniform, ARB_gpu_shader5) variable is CONST[ADDR[1].x+first], the index clamped to the array.
            guard let (dims, element) = Self.arrayDimensions(m, p.type), i.count >= 3 + dims.count else { throw ShaderError("uniform block array type") }
            let (constantPart, dynamicPart) = try blockArrayIndex(i, dims, what: "uniform block array")
            guard let t = dynamicPart else {
                try continueAccessChain(i, from: 3 + dims.count, Ptr(file: "CONST[\(p.slot + constantPart)]", slot: 0, component: 0, type: element))
                return
            }
            // virglrenderer indexes its block array from buffer 1: the array's first buffer goes into the address.
            if p.slot - 1 + constantPart > 0 { code.append("UADD TEMP[\(t)].x, TEMP[\(t)].xxxx, \(intImm(p.slot - 1 + constantPart))") }
            usesVertexAddress = true  // declares ADDR[1]
            var q = Ptr(file: "CONST[ADDR[1].x+1]", slot: 0, component: 0, type: element)
            q.setup = ["UARL ADDR[1].x, TEMP[\(t)].xxxx"]
            let count = dims.reduce(1, *)
            if count <= Self.maxSelectedBlocks { q.blockSelect = ("TEMP[\(t)].xxxx", p.slot, count) }
            try continueAccessChain(i, from: 3 + dims.count, q)
            return
        }
        if p.file == "OUTPERVERTEX" {
            let (q, next) = try perVertexOutput(i, p)
            try continueAccessChain(i, from: next, q)
            return
        }
        if p.file == "INPERVERTEX" || ((p.file == "IN" || p.file == "OUT") && p.vertex == nil && p.perVertexArray) {
            // Per-vertex arrays (geometry and tessellation inputs, tessellation control outputs): the first index
            // picks the vertex; a variable one is ADDR[1], set here (the load or store follows the access chain).
            guard case .array(let element, _)? = m.types[p.type] else { throw ShaderError("per-vertex input type") }
            let (v, setup) = try vertexIndex(i[3])
            p.vertex = v
            p.setup = setup
            p.perVertexArray = false
            p.type = element
            first = 4
            if p.file == "INPERVERTEX" {
                guard i.count > 4, case .scalar(_, let member)? = m.constants[i[4]], case .structure(let members)? = m.types[element] else {
                    throw ShaderError("gl_in[] member")
                }
                let builtin = m.memberDecorations[element]?[Int(member)]?[11]?.first
                if builtin == 3, stage != .geometry {
                    // gl_in[v].gl_ClipDistance[k] of a tessellation stage: CLIPDIST inputs read in place, four
                    // distances a register.
                    let type = members[Int(member)]
                    var n = 8
                    if case .array(_, let count)? = m.types[type] { n = count }
                    let first: Int
                    if let r = perVertexInputs["CLIPDIST"] {
                        first = r
                    } else {
                        first = inputCount
                        inputCount += (n + 3) / 4
                        for r in 0..<(n + 3) / 4 { decls.append("DCL IN[\(first + r)], CLIPDIST[\(r)]") }
                        perVertexInputs["CLIPDIST"] = first
                    }
                    var q = Ptr(file: "IN", slot: first, component: 0, type: type, vertex: v, packedScalars: true)
                    q.setup = setup
                    try continueAccessChain(i, from: 5, q)
                    return
                }
                if builtin == 3 {
                    // gl_in[v].gl_ClipDistance: every vertex's distances unpacked into temporaries at the start.
                    let type = members[Int(member)]
                    let (t, n) = declareClipDistanceInputs(type)
                    var q = Ptr(file: "TEMP", slot: t, component: 0, type: type)
                    if case .scalar(_, let k)? = m.constants[i[3]] {
                        q.slot += Int(k) * n
                    } else {
                        q.dynamic = (src(try value(i[3]).regs[0], [0]), n, geometryInputVertices)
                    }
                    try continueAccessChain(i, from: 5, q)
                    return
                }
                guard builtin == 0 || builtin == 1 else { throw ShaderError("gl_in[].\(builtin.map(String.init) ?? "?") is not supported yet") }
                let reg = perVertexRegister(builtin == 0 ? "POSITION" : "PSIZE", output: false)
                p = Ptr(file: "IN", slot: reg, component: 0, type: members[Int(member)], vertex: "\(v)")
                p.setup = setup
                first = 5
            }
        }
        if p.file == "PERVERTEX", case .structure(let members)? = m.types[p.type] {
            // gl_PerVertex.member: gl_Position and gl_PointSize (by their BuiltIn member decorations).
            guard case .scalar(_, let member)? = m.constants[i[3]] else { throw ShaderError("gl_PerVertex index") }
            let builtin = m.memberDecorations[p.type]?[Int(member)]?[11]?.first
            let semantic: String
            switch builtin {
            case 0?: semantic = "POSITION"
            case 1?: semantic = "PSIZE"
            case 3?, 4?:
                // gl_ClipDistance[] / gl_CullDistance[]: written into temporaries, packed into CLIPDIST outputs at the end.
                let t = try declareClipDistanceOutputs(members[Int(member)], builtin: builtin!)
                try continueAccessChain(i, from: 4, Ptr(file: "TEMP", slot: t, component: 0, type: members[Int(member)]))
                return
            default: throw ShaderError("gl_PerVertex built-in \(builtin.map(String.init) ?? "?") is not supported yet")
            }
            let reg = perVertexRegister(semantic, output: true, record: members[Int(member)])
            p = Ptr(file: "OUT", slot: reg, component: 0, type: members[Int(member)])
            first = 4
        }
        try continueAccessChain(i, from: first, p)
    }

    /// The rest of an access chain from index operand `first`, starting at `p`.
    mutating func continueAccessChain(_ i: SPIRVModule.Instruction, from first: Int, _ start: Ptr) throws {
        var p = start
        for k in first..<i.count {
            let index = i[k]
            switch m.types[p.type] {
            case .structure(let members):
                guard case .scalar(_, let n)? = m.constants[index] else { throw ShaderError("dynamic struct index") }
                if p.file.hasPrefix("CONST[") && p.file != "CONST[0]" {
                    // Uniform block member: std140 offset.
                    let offset = Int(m.memberDecorations[p.type]?[Int(n)]?[35]?.first ?? 0)
                    p.slot += offset / 16
                    p.component = (offset % 16) / 4
                    p.rowMajor = m.memberDecorations[p.type]?[Int(n)]?[4] != nil
                } else {
                    p.slot += members.prefix(Int(n)).reduce(0) { $0 + slots($1) }
                }
                p.type = members[Int(n)]
            case .array(let e, let count) where p.packedScalars:
                // gl_TessLevelOuter/Inner[k] (and gl_ClipDistance[k] read in place): register k / 4, component k % 4.
                if case .scalar(_, let n)? = m.constants[index] {
                    p.slot += Int(n) / 4
                    p.component = Int(n) % 4
                } else {
                    guard count <= 4 else { throw ShaderError("gl_in[].gl_ClipDistance indexed by a variable in a tessellation stage is not supported yet") }
                    p.dynamicComponent = (src(try value(index).regs[0], [0]), count)
                }
                p.packedScalars = false
                p.type = e
            case .array(let e, let count):
                let stride = p.file.hasPrefix("CONST[") && p.file != "CONST[0]" ? Int(m.decoration(p.type, 6)?.first ?? 16) / 16 : slots(e)
                if case .scalar(_, let n)? = m.constants[index] {
                    p.slot += Int(n) * stride
                } else {
                    // Uniform arrays and local (TEMP) arrays take an address register; virglrenderer declares the
                    // temporaries as one GLSL array, so TEMP[ADDR[0].x+n] indexes it.
                    guard p.file.hasPrefix("CONST") || p.file.hasPrefix("HWATOMIC[") || ["TEMP", "IN", "OUT"].contains(p.file) else {
                        throw ShaderError("indexing a non-uniform array with a variable is not supported yet")
                    }
                    try addDynamicIndex(&p, index, stride: stride, count: count)
                }
                p.type = e
            case .matrix(let col, let columnCount):
                if p.rowMajor {
                    // A column of a row-major matrix: component n of each row.
                    guard case .scalar(_, let n)? = m.constants[index], p.dynamic == nil else {
                        throw ShaderError("a row_major matrix column chosen by a variable is not supported yet")
                    }
                    p.rowMajor = false
                    p.rowMajorColumn = Int(n)
                    // Rows of more than two doubles take two slots.
                    p.rowSlots = kind(col) == "d" && columnCount > 2 ? 2 : 1
                    p.type = col
                    continue
                }
                // A column of doubles with more than two rows takes two slots.
                if case .scalar(_, let n)? = m.constants[index] {
                    p.slot += Int(n) * slots(col)
                } else {
                    guard ["TEMP", "IN", "OUT"].contains(p.file) || p.file.hasPrefix("CONST") else { throw ShaderError("dynamic matrix column index") }
                    try addDynamicIndex(&p, index, stride: slots(col), count: columnCount)
                }
                p.type = col
            case .vector(let s, let count):
                if let column = p.rowMajorColumn {
                    // Row r of that column: one scalar.
                    guard case .scalar(_, let r)? = m.constants[index] else {
                        throw ShaderError("a row_major matrix element chosen by a variable is not supported yet")
                    }
                    if kind(s) == "d" {
                        p.slot += Int(r) * p.rowSlots + column / 2
                        p.component = (column % 2) * 2
                    } else {
                        p.slot += Int(r)
                        p.component = column
                    }
                    p.rowMajorColumn = nil
                    p.type = s
                    continue
                }
                if case .scalar(_, let n)? = m.constants[index] {
                    // Doubles: two channels each (the component counts channels).
                    p.component += Int(n) * (kind(s) == "d" ? 2 : 1)
                } else {
                    guard p.dynamicComponent == nil, p.component == 0 else { throw ShaderError("dynamic vector component index") }
                    let idx = try value(index)
                    p.dynamicComponent = (src(idx.regs[0], [0]), count)
                }
                p.type = s
            default:
                throw ShaderError("access chain into a non-composite")
            }
        }
        try placePackedLeaf(&p)
        pointers[i[1]] = p
    }

    /// The register holding slot `extra` of what `p` points at, as a whole vec4: through the address register,
    /// or for a variable index into a local array, selected into a temporary.
    mutating func slotValue(_ p: Ptr, _ extra: Int) throws -> String {
        guard ["TEMP", "IN", "OUT"].contains(p.file), let d = p.dynamic else { return try address(p, extra) }
        let t = newTemp(), cond = newTemp()
        code.append("MOV TEMP[\(t)], \(p.at(p.slot + extra))")
        for k in 1..<max(1, d.count) {
            code.append("USEQ TEMP[\(cond)].x, \(d.index), \(intImm(k))")
            code.append("UCMP TEMP[\(t)], TEMP[\(cond)].xxxx, \(p.at(p.slot + k * d.stride + extra)), TEMP[\(t)]")
        }
        return "TEMP[\(t)]"
    }

    /// Adds a variable index `index` (steps of `stride` slots, `count` steps) to `p`. A second variable index
    /// (an array of matrices indexed twice) folds into one slot offset with stride 1.
    mutating func addDynamicIndex(_ p: inout Ptr, _ index: UInt32, stride: Int, count: Int) throws {
        let idx = try value(index)
        let reg = src(idx.regs[0], [0])
        guard let d = p.dynamic else {
            p.dynamic = (reg, stride, count)
            return
        }
        let t = newTemp()
        // offset = first * its stride + second * this stride, in slots
        code.append("UMUL TEMP[\(t)].x, \(d.index), \(intImm(d.stride))")
        code.append("UMAD TEMP[\(t)].x, \(reg), \(intImm(stride)), TEMP[\(t)].xxxx")
        p.dynamic = ("TEMP[\(t)].xxxx", 1, (d.count - 1) * d.stride + (count - 1) * stride + 1)
    }

    /// Emits UARL for a dynamic pointer and returns the register text of slot `extra`.
    mutating func address(_ p: Ptr, _ extra: Int = 0) throws -> String {
        guard let d = p.dynamic else { return p.reg(extra) }
        usesAddress = true
        if d.stride == 1 {
            code.append("UARL ADDR[0].x, \(d.index)")
        } else {
            let t = newTemp()
            code.append("UMUL TEMP[\(t)].x, \(d.index), \(intImm(d.stride))")
            code.append("UARL ADDR[0].x, TEMP[\(t)].xxxx")
        }
        return p.reg(extra, address: true)
    }

    mutating func load(_ i: SPIRVModule.Instruction) throws {
        if let p = try? pointer(i[2]), let select = p.blockSelect { return try loadSelectingBlock(i, p, select) }
        try loadValue(i)
    }

    /// OpLoad (through a pointer as it is).
    mutating func loadValue(_ i: SPIRVModule.Instruction) throws {
        let type = i[0]
        if case .sampledImage? = m.types[type] {
            values[i[1]] = Val(regs: [], comps: 0, kind: "f")
            sampled[i[1]] = i[2]
            return
        }
        let p = try pointer(i[2])
        if p.packedLeaves != nil { throw ShaderError("a packed varying array loaded whole") }
        if p.file == "MEMORY" { return try loadShared(i, p) }
        code += p.setup
        let v = define(i[1], type)
        if v.kind == "d", !isComposite(type) { return try loadDoubles(p, type, v) }
        if frontFacing.contains(i[2]) {
            // TGSI FACE is a float, > 0 for front faces; GLSL wants a boolean.
            code.append("FSLT \(v.regs[0]).x, IMM[\(zeroImm())].xxxx, \(p.reg()).xxxx")
            return
        }
        let total = slots(type)
        // Arrays and structs are register ranges (a one-slot struct too: its member may fill the whole register).
        let slotwise = (total > 1 || isComposite(type)) && columns(type) == 1
        if let dc = p.dynamicComponent {
            // vector[variable]: the whole vector, then the component the index selects.
            var whole = p
            whole.dynamicComponent = nil
            let r = try slotValue(whole, 0)
            let cond = newTemp()
            code.append("MOV \(v.regs[0]).x, \(src(r, [0]))")
            for k in 1..<dc.count {
                code.append("USEQ TEMP[\(cond)].x, \(dc.index), \(intImm(k))")
                code.append("UCMP \(v.regs[0]).x, TEMP[\(cond)].xxxx, \(src(r, [k])), \(v.regs[0]).xxxx")
            }
            return
        }
        if ["TEMP", "IN", "OUT"].contains(p.file), p.dynamic != nil {
            // A local or varying array indexed by a variable: pick the element by comparing the index with each one.
            let regs = slotwise ? total : v.regs.count
            let t = slotwise ? newTemp(total) : -1
            for c in 0..<regs {
                let dst = t >= 0 ? "TEMP[\(t + c)]" : v.regs[c]
                let comps = t >= 0 ? [0, 1, 2, 3] : Array(p.component..<(p.component + v.comps))
                let m = t >= 0 ? "" : mask(v.comps)
                code.append("MOV \(dst)\(m), \(src(p.reg(c), comps))")
                if let d = p.dynamic {
                    let cond = newTemp()
                    for k in 1..<max(1, d.count) {
                        code.append("USEQ TEMP[\(cond)].x, \(d.index), \(intImm(k))")
                        code.append("UCMP \(dst)\(m), TEMP[\(cond)].xxxx, \(src(p.at(p.slot + k * d.stride + c), comps)), \(dst)")
                    }
                }
            }
            if t >= 0 { values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type)) }
            return
        }
        if p.rowMajor, case .matrix(let col, let cols)? = m.types[type] {
            // A row_major matrix: column c gathers component c of each row slot.
            let rows = compCount(col)
            for c in 0..<cols {
                for r in 0..<rows {
                    let reg = try address(p, r)
                    code.append("MOV \(v.regs[c]).\(Self.componentNames[r]), \(src(reg, [c]))")
                }
            }
            return
        }
        if let column = p.rowMajorColumn {
            for r in 0..<v.comps {
                code.append("MOV \(v.regs[0]).\(Self.componentNames[r]), \(src(try address(p, r), [column]))")
            }
            return
        }
        if slotwise && p.file.hasPrefix("CONST[") && p.file != "CONST[0]" {
            // A struct or array of a uniform block: its std140 layout (offsets, strides, packed members) is
            // not the register layout of values, so each leaf is copied to its own place.
            let t = newTemp(total)
            var next = t
            try copyFromBlock(p, type, byte: p.component * 4, rowMajor: p.rowMajor, matrixStride: 16, into: &next)
            values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type))
            return
        }
        if p.packedScalars {
            // The whole gl_TessLevelOuter/Inner: each component to a register of its own.
            let t = newTemp(total)
            for k in 0..<total { code.append("MOV TEMP[\(t + k)].x, \(src(p.at(p.slot + k / 4), [k % 4]))") }
            values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: "f")
            return
        }
        if slotwise {
            // Arrays and structs: copy slot by slot (the value is the register range).
            let t = newTemp(total)
            for k in 0..<total { code.append("MOV TEMP[\(t + k)], \(try address(p, k))") }
            values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type))
            return
        }
        for c in 0..<v.regs.count {
            let reg = try address(p, c)
            let comps = Array(p.component..<(p.component + v.comps))
            code.append("MOV \(v.regs[c])\(mask(v.comps)), \(src(reg, comps))")
        }
    }

    /// Copies a value of `type` at `byte` (relative to `p`'s slot) of a uniform block into registers from
    /// TEMP[`next`] on, one register per slot of the value layout (matrix columns, array elements, members).
    mutating func copyFromBlock(_ p: Ptr, _ type: UInt32, byte: Int, rowMajor: Bool, matrixStride: Int, into next: inout Int) throws {
        switch m.types[type] {
        case .structure(let members)?:
            for (k, member) in members.enumerated() {
                let d = m.memberDecorations[type]?[k]
                let offset = Int(d?[35]?.first ?? 0)
                try copyFromBlock(p, member, byte: byte + offset, rowMajor: d?[4] != nil, matrixStride: Int(d?[7]?.first ?? 16), into: &next)
            }
        case .array(let element, let count)?:
            let stride = Int(m.decoration(type, 6)?.first ?? 16)
            for e in 0..<count {
                try copyFromBlock(p, element, byte: byte + e * stride, rowMajor: rowMajor, matrixStride: matrixStride, into: &next)
            }
        case _ where kind(type) == "d":
            try copyDoublesFromBlock(p, type, byte: byte, rowMajor: rowMajor, matrixStride: matrixStride, into: &next)
        case .matrix(let col, let cols)?:
            let rows = compCount(col)
            for c in 0..<cols {
                if rowMajor {
                    for r in 0..<rows {
                        let b = byte + r * matrixStride + c * 4
                        code.append("MOV TEMP[\(next)].\(Self.componentNames[r]), \(src(try address(p, b / 16), [(b % 16) / 4]))")
                    }
                } else {
                    let b = byte + c * matrixStride
                    code.append("MOV TEMP[\(next)]\(mask(rows)), \(src(try address(p, b / 16), Array(((b % 16) / 4)..<((b % 16) / 4 + rows))))")
                }
                next += 1
            }
        default:
            let n = compCount(type)
            let first = (byte % 16) / 4
            code.append("MOV TEMP[\(next)]\(mask(n)), \(src(try address(p, byte / 16), Array(first..<(first + n))))")
            next += 1
        }
    }

    /// `IMM[k].x…w` holding the integer `v` (immediates hold four consecutive integers).
    mutating func intImm(_ v: Int) -> String {
        let group = v / 4
        if let k = intImmGroups[group] { return "IMM[\(k)].\(["xxxx", "yyyy", "zzzz", "wwww"][v % 4])" }
        let k = imms.count
        imms.append("IMM[\(k)] INT32 {\(group * 4), \(group * 4 + 1), \(group * 4 + 2), \(group * 4 + 3)}")
        intImmGroups[group] = k
        return "IMM[\(k)].\(["xxxx", "yyyy", "zzzz", "wwww"][v % 4])"
    }

    /// A vertex stream number (a constant) as an integer immediate operand.
    mutating func streamImm(_ id: UInt32) throws -> String {
        guard case .scalar(_, let n)? = m.constants[id], n < 4 else { throw ShaderError("vertex stream is not a constant below 4") }
        // Streams other than 0 need points output (ARB_gpu_shader5: a link error otherwise).
        guard n == 0 || m.executionModes[27] != nil else { throw ShaderError("vertex stream \(n) with an output primitive other than points") }
        return intImm(Int(n))
    }

    mutating func zeroImm() -> Int {
        if let z = zeroIndex { return z }
        let k = imms.count
        imms.append("IMM[\(k)] FLT32 {0x00000000, 0x00000000, 0x00000000, 0x00000000}")
        zeroIndex = k
        return k
    }

    mutating func store(_ i: SPIRVModule.Instruction) throws {
        if let r = shadowResults[i[1]] { shadowResults[i[0]] = r }
        let p = try pointer(i[0])
        if p.packedLeaves != nil { throw ShaderError("a packed varying array stored whole") }
        if p.file == "MEMORY" { return try storeShared(i, p) }
        code += p.setup
        guard p.dynamic == nil || p.file == "TEMP" || p.file == "OUT" else { throw ShaderError("storing through a variable index is not supported yet") }
        guard !p.file.hasPrefix("CONST"), p.file != "IN" else { throw ShaderError("store to read-only storage") }
        let v = try value(i[1])
        if v.kind == "d", !isComposite(resultTypeOf(i[1])) { return try storeDoubles(p, v) }
        if let dc = p.dynamicComponent {
            // vector[variable] = scalar: each component takes the value where the index selects it (and, for a
            // variable slot too, where that index selects the slot).
            if p.file == "OUT" {
                // Outputs cannot be read back: each component (of each candidate slot) is written under a UIF.
                let cond = newTemp()
                let slots = p.dynamic.map { d in (0..<max(1, d.count)).map { (p.slot + $0 * d.stride, Optional($0), d.index) } } ?? [(p.slot, nil, "")]
                for (slot, k, slotIndex) in slots {
                    for c in 0..<dc.count {
                        code.append("USEQ TEMP[\(cond)].x, \(dc.index), \(intImm(c))")
                        if let k {
                            code.append("USEQ TEMP[\(cond)].y, \(slotIndex), \(intImm(k))")
                            code.append("AND TEMP[\(cond)].x, TEMP[\(cond)].xxxx, TEMP[\(cond)].yyyy")
                        }
                        code.append("UIF TEMP[\(cond)].xxxx")
                        code.append("MOV \(p.at(slot))\(mask(1, from: c)), \(src(v.regs[0], [0, 0, 0, 0]))")
                        code.append("ENDIF")
                    }
                }
                return
            }
            guard p.file == "TEMP" else { throw ShaderError("storing through a variable index is not supported yet") }
            let slotsToVisit: [(reg: String, slotCondition: String?)]
            var conditions: [String] = []
            if let d = p.dynamic {
                var list: [(String, String?)] = []
                for k in 0..<max(1, d.count) {
                    let c = newTemp()
                    code.append("USEQ TEMP[\(c)].x, \(d.index), \(intImm(k))")
                    list.append(("TEMP[\(p.slot + k * d.stride)]", "TEMP[\(c)].xxxx"))
                    conditions.append("TEMP[\(c)]")
                }
                slotsToVisit = list
            } else {
                slotsToVisit = [(p.reg(), nil)]
            }
            let cond = newTemp()
            for (reg, slotCondition) in slotsToVisit {
                for k in 0..<dc.count {
                    code.append("USEQ TEMP[\(cond)].x, \(dc.index), \(intImm(k))")
                    if let slotCondition { code.append("AND TEMP[\(cond)].x, TEMP[\(cond)].xxxx, \(slotCondition)") }
                    code.append("UCMP \(reg)\(mask(1, from: k)), TEMP[\(cond)].xxxx, \(src(v.regs[0], [0, 0, 0, 0])), \(src(reg, [k]))")
                }
            }
            return
        }
        if p.file == "OUT", let d = p.dynamic, p.dynamicComponent == nil {
            // An output array written through a variable index: outputs cannot be read back, so each element
            // is written under its own UIF.
            let t = newTemp()
            for k in 0..<max(1, d.count) {
                code.append("USEQ TEMP[\(t)].x, \(d.index), \(intImm(k))")
                code.append("UIF TEMP[\(t)].xxxx")
                for c in 0..<v.regs.count {
                    let reg = p.at(p.slot + k * d.stride + c)
                    if v.regs.count > 1 && columns(p.type) == 1 {
                        code.append("MOV \(reg), \(v.regs[c])")
                    } else {
                        code.append("MOV \(reg)\(mask(v.comps, from: p.component)), \(operand(v, v.comps, column: c, from: p.component))")
                    }
                }
                code.append("ENDIF")
            }
            return
        }
        if p.file == "TEMP", let d = p.dynamic {
            // A local array written through a variable index: each element takes the value where the index
            // selects it.
            let t = newTemp()
            let whole = v.regs.count > 1 && columns(p.type) == 1
            for k in 0..<max(1, d.count) {
                code.append("USEQ TEMP[\(t)].x, \(d.index), \(intImm(k))")
                for c in 0..<v.regs.count {
                    let reg = "TEMP[\(p.slot + k * d.stride + c)]"
                    if whole {
                        code.append("UCMP \(reg), TEMP[\(t)].xxxx, \(v.regs[c]), \(reg)")
                    } else {
                        let m = mask(v.comps, from: p.component)
                        let comps = Array(p.component..<(p.component + v.comps))
                        code.append("UCMP \(reg)\(m), TEMP[\(t)].xxxx, \(operand(v, v.comps, column: c, from: p.component)), \(src(reg, comps))")
                    }
                }
            }
            return
        }
        if p.packedScalars {
            // The whole gl_TessLevelOuter/Inner: each element into its component.
            for (k, r) in v.regs.enumerated() { code.append("MOV \(p.at(p.slot + k / 4))\(mask(1, from: k % 4)), \(src(r, [0]))") }
            return
        }
        if v.regs.count > 1 && columns(p.type) == 1 {
            for (k, r) in v.regs.enumerated() { code.append("MOV \(try address(p, k)), \(r)") }
            return
        }
        for c in 0..<v.regs.count {
            let dst = (try address(p, c)) + mask(v.comps, from: p.component)
            code.append("MOV \(dst), \(operand(v, v.comps, column: c, from: p.component))")
        }
    }

    // MARK: Composites

    mutating func shuffle(_ i: SPIRVModule.Instruction) throws {
        let a = try value(i[2]), b = try value(i[3])
        let v = define(i[1], i[0])
        for (k, sel) in (4..<i.count).map({ i[$0] }).enumerated() {
            let (from, comp) = Int(sel) < a.comps ? (a, Int(sel)) : (b, Int(sel) - a.comps)
            code.append("MOV \(v.regs[0])\(mask(1, from: k)), \(src(from.regs[0], [comp]))")
        }
    }

    mutating func construct(_ i: SPIRVModule.Instruction) throws {
        let parts = try (2..<i.count).map { try value(i[$0]) }
        let v = defineComposite(i[1], i[0])
        if case .matrix? = m.types[i[0]] {
            // Matrix from columns.
            for (c, p) in parts.enumerated() where c < v.regs.count {
                code.append("MOV \(v.regs[c])\(mask(v.comps)), \(operand(p, v.comps))")
            }
            return
        }
        switch m.types[i[0]] {
        case .array?, .structure?:
            // Arrays and structs: each part fills the next slots.
            var k = 0
            for p in parts {
                guard k + p.regs.count <= v.regs.count else { throw ShaderError("constructor parts overflow the composite") }
                if p.regs.count == 1 {
                    code.append("MOV \(v.regs[k])\(mask(max(1, p.comps))), \(operand(p, max(1, p.comps)))")
                } else {
                    for (j, r) in p.regs.enumerated() { code.append("MOV \(v.regs[k + j]), \(r)") }
                }
                k += p.regs.count
            }
            return
        default: break
        }
        var k = 0
        for p in parts {
            for c in 0..<p.comps where k < v.comps {
                code.append("MOV \(v.regs[0])\(mask(1, from: k)), \(src(p.regs[0], [c]))")
                k += 1
            }
        }
    }

    /// A result register per slot for arrays and structs (one per column for matrices, as `define`).
    mutating func defineComposite(_ id: UInt32, _ type: UInt32) -> Val {
        switch m.types[type] {
        case .array?, .structure?:
            let n = slots(type)
            let t = newTemp(n)
            let v = Val(regs: (0..<n).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type))
            values[id] = v
            return v
        default: return define(id, type)
        }
    }

    /// The register and component where indices `path` lead inside a value of `type` (value layout).
    func compositePath(_ type: UInt32, _ path: ArraySlice<UInt32>) throws -> (reg: Int, comp: Int) {
        var type = type
        var reg = 0, comp = 0
        for index in path {
            let n = Int(index)
            switch m.types[type] {
            case .matrix(let col, _):
                reg += n * slots(col)
                type = col
            case .vector(let s, _):
                comp += n
                type = s
            case .array(let e, _):
                reg += n * slots(e)
                type = e
            case .structure(let members):
                reg += members.prefix(n).reduce(0) { $0 + slots($1) }
                type = members[n]
            default: throw ShaderError("a composite index into a non-composite (type %\(type) \(String(describing: m.types[type])))")
            }
        }
        return (reg, comp)
    }

    mutating func extract(_ i: SPIRVModule.Instruction) throws {
        let base = try value(i[2])
        let (reg, comp) = try compositePath(resultTypeOf(i[2]), ArraySlice((3..<i.count).map { i[$0] }))
        let v = defineComposite(i[1], i[0])
        guard reg + v.regs.count <= base.regs.count, comp + v.comps <= 4 else {
            throw ShaderError("extracting from this kind of composite value is not supported yet (\(reg)+\(v.regs.count) of \(base.regs.count), \(comp)+\(v.comps))")
        }
        for c in 0..<v.regs.count {
            code.append("MOV \(v.regs[c])\(mask(v.comps)), \(src(base.regs[reg + c], Array(comp..<(comp + v.comps))))")
        }
    }

    mutating func insert(_ i: SPIRVModule.Instruction) throws {
        let object = try value(i[2]), base = try value(i[3])
        let v = defineComposite(i[1], i[0])
        guard base.regs.count >= v.regs.count, !object.regs.isEmpty else {
            throw ShaderError("inserting into this kind of composite value is not supported yet")
        }
        for c in 0..<v.regs.count { code.append("MOV \(v.regs[c]), \(base.regs[c])") }
        // The object replaces what the indices lead to: whole registers, or components of one.
        let (reg, comp) = try compositePath(i[0], ArraySlice((4..<i.count).map { i[$0] }))
        guard reg + object.regs.count <= v.regs.count, comp + object.comps <= 4 else {
            throw ShaderError("inserting into this kind of composite value is not supported yet")
        }
        for c in 0..<object.regs.count {
            code.append("MOV \(v.regs[reg + c])\(mask(object.comps, from: comp)), \(src(object.regs[c], Array(0..<object.comps)))")
        }
    }

    func resultTypeOf(_ id: UInt32) -> UInt32 {
        if let t = m.resultTypes[id] { return t }
        switch m.constants[id] {
        case .scalar(let t, _)?, .composite(let t, _)?: return t
        default: return 0
        }
    }

    // MARK: Arithmetic

    mutating func unary(_ i: SPIRVModule.Instruction, _ op: String, negate: Bool = false) throws {
        let a = try value(i[2])
        let v = define(i[1], i[0])
        for c in 0..<v.regs.count { code.append("\(op) \(v.regs[c])\(mask(v.comps)), \(operand(a, v.comps, column: c, negate: negate))") }
    }

    mutating func binary(_ i: SPIRVModule.Instruction, _ op: String, swap: Bool = false, negateSecond: Bool = false) throws {
        var a = try value(i[2]), b = try value(i[3])
        if swap { swap2(&a, &b) }
        let v = define(i[1], i[0])
        for c in 0..<v.regs.count {
            let ca = a.regs.count > 1 ? c : 0, cb = b.regs.count > 1 ? c : 0
            code.append("\(op) \(v.regs[c])\(mask(v.comps)), \(operand(a, v.comps, column: ca)), \(operand(b, v.comps, column: cb, negate: negateSecond))")
        }
    }

    func swap2(_ a: inout Val, _ b: inout Val) {
        let t = a
        a = b
        b = t
    }

    mutating func isub(_ i: SPIRVModule.Instruction) throws {
        let a = try value(i[2]), b = try value(i[3])
        let v = define(i[1], i[0])
        let t = newTemp()
        code.append("INEG TEMP[\(t)]\(mask(v.comps)), \(operand(b, v.comps))")
        code.append("UADD \(v.regs[0])\(mask(v.comps)), \(operand(a, v.comps)), TEMP[\(t)]")
    }

    /// Per-component scalar op (RCP, SIN, EX2… replicate one result).
    mutating func scalarOp(_ op: String, _ dst: String, _ comps: Int, _ srcs: [Val]) {
        for c in 0..<comps {
            let ops = srcs.map { src($0.regs[0], [$0.comps == 1 ? 0 : c]) }
            code.append("\(op) \(dst)\(mask(1, from: c)), \(ops.joined(separator: ", "))")
        }
    }

    /// A true division (TGSI DIV), not RCP then MUL: the host then divides as native GLSL does, to the bit.
    mutating func fdiv(_ i: SPIRVModule.Instruction) throws {
        try binary(i, "DIV")
    }

    /// GLSL mod(x, y) = x - y * floor(x / y).
    mutating func fmod(_ i: SPIRVModule.Instruction) throws {
        let a = try value(i[2]), b = try value(i[3])
        let v = define(i[1], i[0])
        let t = newTemp()
        let n = v.comps
        scalarOp("RCP", "TEMP[\(t)]", n, [b])
        code.append("MUL TEMP[\(t)]\(mask(n)), \(operand(a, n)), TEMP[\(t)]")
        code.append("FLR TEMP[\(t)]\(mask(n)), TEMP[\(t)]")
        code.append("MUL TEMP[\(t)]\(mask(n)), \(operand(b, n)), TEMP[\(t)]")
        code.append("ADD \(v.regs[0])\(mask(n)), \(operand(a, n)), -TEMP[\(t)]")
    }

    mutating func dot(_ i: SPIRVModule.Instruction) throws {
        let a = try value(i[2]), b = try value(i[3])
        let v = define(i[1], i[0])
        let op = TGSITranslator.dotOpcode[a.comps]
        code.append("\(op) \(v.regs[0]).x, \(operand(a, a.comps)), \(operand(b, a.comps))")
    }

    mutating func reduce(_ i: SPIRVModule.Instruction, _ op: String) throws {
        let a = try value(i[2])
        let v = define(i[1], i[0])
        code.append("MOV \(v.regs[0]).x, \(src(a.regs[0], [0]))")
        for c in 1..<max(1, a.comps) { code.append("\(op) \(v.regs[0]).x, \(v.regs[0]).xxxx, \(src(a.regs[0], [c]))") }
    }

    mutating func select(_ i: SPIRVModule.Instruction) throws {
        let cond = try value(i[2]), a = try value(i[3]), b = try value(i[4])
        let v = define(i[1], i[0])
        for c in 0..<v.regs.count {
            code.append("UCMP \(v.regs[c])\(mask(v.comps)), \(operand(cond, v.comps)), \(operand(a, v.comps, column: c)), \(operand(b, v.comps, column: c))")
        }
    }

    mutating func matrixTimesVector(_ i: SPIRVModule.Instruction) throws {
        let mat = try value(i[2]), vec = try value(i[3])
        let v = define(i[1], i[0])
        let n = v.comps
        for c in 0..<mat.regs.count {
            let s = src(vec.regs[0], [Int](repeating: c, count: 4))
            if c == 0 {
                code.append("MUL \(v.regs[0])\(mask(n)), \(mat.regs[c]), \(s)")
            } else {
                code.append("MAD \(v.regs[0])\(mask(n)), \(mat.regs[c]), \(s), \(v.regs[0])")
            }
        }
    }

    mutating func vectorTimesMatrix(_ i: SPIRVModule.Instruction) throws {
        let vec = try value(i[2]), mat = try value(i[3])
        let v = define(i[1], i[0])
        let op = TGSITranslator.dotOpcode[vec.comps]
        for c in 0..<mat.regs.count {
            code.append("\(op) \(v.regs[0])\(mask(1, from: c)), \(operand(vec, vec.comps)), \(operand(Val(regs: [mat.regs[c]], comps: mat.comps, kind: "f"), vec.comps))")
        }
    }

    mutating func matrixTimesScalar(_ i: SPIRVModule.Instruction) throws {
        let mat = try value(i[2]), s = try value(i[3])
        let v = define(i[1], i[0])
        for c in 0..<v.regs.count { code.append("MUL \(v.regs[c])\(mask(v.comps)), \(mat.regs[c]), \(operand(s, v.comps))") }
    }

    mutating func matrixTimesMatrix(_ i: SPIRVModule.Instruction) throws {
        let a = try value(i[2]), b = try value(i[3])
        let v = define(i[1], i[0])
        for col in 0..<v.regs.count {
            for k in 0..<a.regs.count {
                let s = src(b.regs[col], [Int](repeating: k, count: 4))
                if k == 0 {
                    code.append("MUL \(v.regs[col])\(mask(v.comps)), \(a.regs[k]), \(s)")
                } else {
                    code.append("MAD \(v.regs[col])\(mask(v.comps)), \(a.regs[k]), \(s), \(v.regs[col])")
                }
            }
        }
    }

    // MARK: Textures

    /// TGSI texture target of the sampler behind a sampled-image id.
    mutating func textureTarget(_ sampledImage: UInt32) throws -> (index: SamplerIndex, target: String) {
        var variable = sampledImage
        while let next = sampled[variable], next != variable { variable = next }
        if let d = dynamicSamplers[variable] {
            // An element of a sampler array chosen by a (dynamically uniform) variable: SAMP[ADDR[2].x+first], the
            // index clamped to the array (ARB_gpu_shader5; an index past the end is undefined, not a crash).
            let t = newTemp()
            code.append("UMIN TEMP[\(t)].x, \(d.index), \(intImm(d.count - 1))")
            code.append("UARL ADDR[2].x, TEMP[\(t)].xxxx")
            usesSamplerAddress = true
            return (SamplerIndex(base: d.first, dynamic: true), d.target)
        }
        guard let index = samplerIndex[variable], let target = samplerTargets[variable] else {
            throw ShaderError("texture sampler is not a sampler uniform")
        }
        return (SamplerIndex(base: index, dynamic: false), target)
    }

    /// The TGSI texture target of a SPIR-V image type; multisampled 2D images are 2D_MSAA / 2D_ARRAY_MSAA.
    static func target(dim: UInt32, arrayed: Bool, multisampled: Bool = false) -> String {
        if multisampled, dim == 1 { return arrayed ? "2D_ARRAY_MSAA" : "2D_MSAA" }
        switch (dim, arrayed) {
        case (0, false): return "1D"
        case (0, true): return "1D_ARRAY"
        case (1, false): return "2D"
        case (1, true): return "2D_ARRAY"
        case (2, _): return "3D"
        case (3, false): return "CUBE"
        case (3, true): return "CUBEARRAY"
        case (4, _): return "RECT"
        default: return "BUFFER"
        }
    }

    mutating func sample(_ i: SPIRVModule.Instruction, explicitLod: Bool) throws {
        let (index, target) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        let ops = try imageOperands(i, at: 4)
        guard ops.mask & ~0x1B == 0 else { throw ShaderError("texture operands 0x\(String(ops.mask, radix: 16)) are not supported yet") }
        if let extra = ops.lod ?? ops.bias, target == "CUBEARRAY" {
            // A cube array's coordinate fills all four components: the lod or bias is TXL2 / TXB2's second source.
            code.append("\(ops.lod != nil ? "TXL2" : "TXB2") \(v.regs[0]), \(operand(coord, coord.comps)), \(src(extra.regs[0], [0, 0, 0, 0])), SAMP[\(index)], \(target)\(ops.offset)")
        } else if let extra = ops.lod ?? ops.bias {
            // Lod (0x2) or Bias (0x1): in coord.w, with TXL / TXB.
            let t = newTemp()
            code.append("MOV TEMP[\(t)]\(mask(coord.comps)), \(operand(coord, coord.comps))")
            code.append("MOV TEMP[\(t)].w, \(src(extra.regs[0], [0]))")
            code.append("\(ops.lod != nil ? "TXL" : "TXB") \(v.regs[0]), TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
        } else {
            code.append("TEX \(v.regs[0]), \(operand(coord, coord.comps)), SAMP[\(index)], \(target)\(ops.offset)")
        }
    }

    /// The TGSI shadow target for a sampler's target, and which coordinate component holds the reference.
    static func shadowTarget(_ target: String) -> (String, Int)? {
        switch target {
        case "1D": return ("SHADOW1D", 2)
        case "2D": return ("SHADOW2D", 2)
        case "RECT": return ("SHADOWRECT", 2)
        case "1D_ARRAY": return ("SHADOW1D_ARRAY", 2)
        case "2D_ARRAY": return ("SHADOW2D_ARRAY", 3)
        case "CUBE": return ("SHADOWCUBE", 3)
        case "CUBEARRAY": return ("SHADOWCUBEARRAY", 4)
        default: return nil
        }
    }

    /// texture() on a shadow sampler: the reference goes into the coordinate (z, or w for cube and 2D arrays).
    mutating func sampleDref(_ i: SPIRVModule.Instruction, explicitLod: Bool) throws {
        let (index, plain) = try textureTarget(i[2])
        guard let (target, refComponent) = Self.shadowTarget(plain) else { throw ShaderError("shadow sampling of \(plain) textures is not supported yet") }
        let coord = try value(i[3]), ref = try value(i[4])
        let v = define(i[1], i[0])
        let ops = try imageOperands(i, at: 5)
        guard ops.mask & ~0x1B == 0 else { throw ShaderError("texture operands 0x\(String(ops.mask, radix: 16)) are not supported yet") }
        let t = newTemp(), r = newTemp()
        if refComponent == 4 {
            // A shadow cube array's coordinate fills all four components: the reference is TEX2's second source.
            guard ops.lod == nil, ops.bias == nil else { throw ShaderError("shadow lookups with a lod or bias on cube map arrays do not exist in GLSL") }
            code.append("TEX2 TEMP[\(r)], \(operand(coord, coord.comps)), \(src(ref.regs[0], [0, 0, 0, 0])), SAMP[\(index)], \(target)\(ops.offset)")
            code.append("MOV \(v.regs[0]).x, TEMP[\(r)].xxxx")
            shadowResults[i[1]] = ("TEMP[\(r)]", index.base)
            return
        }
        code.append("MOV TEMP[\(t)]\(mask(coord.comps)), \(operand(coord, coord.comps))")
        code.append("MOV TEMP[\(t)]\(mask(1, from: refComponent)), \(src(ref.regs[0], [0, 0, 0, 0]))")
        if let extra = ops.lod ?? ops.bias {
            guard refComponent < 3 else { throw ShaderError("shadow lookups with a lod on cube or array textures are not supported yet") }
            code.append("MOV TEMP[\(t)].w, \(src(extra.regs[0], [0]))")
            code.append("\(ops.lod != nil ? "TXL" : "TXB") TEMP[\(r)], TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
        } else {
            code.append("TEX TEMP[\(r)], TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
        }
        code.append("MOV \(v.regs[0]).x, TEMP[\(r)].xxxx")
        shadowResults[i[1]] = ("TEMP[\(r)]", index.base)
    }

    /// textureProj (and its shadow form): the coordinate's last component divides, as TXP's w.
    mutating func sampleProj(_ i: SPIRVModule.Instruction, explicitLod: Bool, dref: Bool) throws {
        let (index, plain) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        let n = coord.comps
        let t = newTemp()
        // (s, [t,] q) → (s, [t,] 0, q): the divisor moves to w.
        code.append("MOV TEMP[\(t)], IMM[\(zeroImm())].xxxx")
        code.append("MOV TEMP[\(t)]\(mask(n - 1)), \(src(coord.regs[0], Array(0..<(n - 1))))")
        code.append("MOV TEMP[\(t)].w, \(src(coord.regs[0], [n - 1]))")
        var target = plain
        var operandIndex = 4
        if dref {
            guard let (shadow, refComponent) = Self.shadowTarget(plain), refComponent == 2 else { throw ShaderError("projected shadow lookups on \(plain) textures are not supported yet") }
            target = shadow
            let ref = try value(i[4])
            code.append("MOV TEMP[\(t)].z, \(src(ref.regs[0], [0]))")
            operandIndex = 5
        }
        let ops = try imageOperands(i, at: operandIndex)
        guard ops.mask & ~0x1B == 0 else { throw ShaderError("texture operands 0x\(String(ops.mask, radix: 16)) are not supported yet") }
        let result = dref ? "TEMP[\(newTemp())]" : v.regs[0]
        if let extra = ops.lod ?? ops.bias {
            // Divide by hand, then TXL/TXB with the lod or bias in w.
            let q = newTemp()
            code.append("RCP TEMP[\(q)].x, TEMP[\(t)].wwww")
            code.append("MUL TEMP[\(t)].xyz, TEMP[\(t)], TEMP[\(q)].xxxx")
            code.append("MOV TEMP[\(t)].w, \(src(extra.regs[0], [0]))")
            code.append("\(ops.lod != nil ? "TXL" : "TXB") \(result), TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
        } else {
            code.append("TXP \(result), TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
        }
        if dref {
            code.append("MOV \(v.regs[0]).x, \(result).xxxx")
            shadowResults[i[1]] = (result, index.base)
        }
    }

    /// outerProduct(c, r): column k is c * r[k].
    mutating func outerProduct(_ i: SPIRVModule.Instruction) throws {
        let c = try value(i[2]), r = try value(i[3])
        let v = define(i[1], i[0])
        for k in 0..<v.regs.count {
            code.append("MUL \(v.regs[k])\(mask(v.comps)), \(operand(c, v.comps)), \(src(r.regs[0], [k, k, k, k]))")
        }
    }

    /// isnan (x != x) and isinf (|x| == +inf).
    mutating func unaryTest(_ i: SPIRVModule.Instruction, isNaN: Bool) throws {
        let a = try value(i[2])
        let v = define(i[1], i[0])
        let n = v.comps
        if isNaN {
            code.append("FSNE \(v.regs[0])\(mask(n)), \(operand(a, n)), \(operand(a, n))")
        } else {
            let k = imms.count
            imms.append("IMM[\(k)] FLT32 {0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000}")
            code.append("FSEQ \(v.regs[0])\(mask(n)), |\(operand(a, n))|, IMM[\(k)]")
        }
    }

    /// textureSize: TXQ with the lod in x (OpImageQuerySizeLod; OpImageQuerySize for rectangle and buffer
    /// textures has none: level 0).
    mutating func querySize(_ i: SPIRVModule.Instruction) throws {
        let (index, target) = try textureTarget(i[2])
        let v = define(i[1], i[0])
        let lod = i.opcode == 103 ? src(try value(i[3]).regs[0], [0]) : "IMM[\(zeroImm())].xxxx"
        let t = newTemp()
        code.append("TXQ TEMP[\(t)], \(lod), SAMP[\(index)], \(target)")
        code.append("MOV \(v.regs[0])\(mask(v.comps)), TEMP[\(t)]")
    }

    mutating func fetch(_ i: SPIRVModule.Instruction) throws {
        let (index, target) = try textureTarget(i[2])
        let coord = try value(i[3])
        let v = define(i[1], i[0])
        let t = newTemp()
        code.append("MOV TEMP[\(t)]\(mask(coord.comps)), \(operand(coord, coord.comps))")
        let ops = try imageOperands(i, at: 4)
        guard ops.mask & ~0x5A == 0 else { throw ShaderError("image operands 0x\(String(ops.mask, radix: 16)) of a fetch are not supported yet") }
        // texelFetch on a multisampled texture: the sample index (Sample, 0x40) goes in w, as TXF's lod would.
        if let extra = ops.sample ?? ops.lod {
            code.append("MOV TEMP[\(t)].w, \(src(extra.regs[0], [0]))")
        } else {
            code.append("MOV TEMP[\(t)].w, IMM[\(zeroImm())].xxxx")
        }
        code.append("TXF \(v.regs[0]), TEMP[\(t)], SAMP[\(index)], \(target)\(ops.offset)")
    }

    // MARK: GLSL.std.450

    /// interpolateAtCentroid/Sample/Offset (GLSL 4.00, ARB_gpu_shader5): INTERP_CENTROID, INTERP_SAMPLE and
    /// INTERP_OFFSET on the fragment input the pointer names (an element chosen by a variable: each candidate
    /// interpolated, the index selecting one).
    mutating func interpolateAt(_ i: SPIRVModule.Instruction) throws {
        let p = try pointer(i[4])
        code += p.setup
        guard stage == .fragment, p.file == "IN", p.dynamicComponent == nil else {
            throw ShaderError("interpolateAt* of something other than a fragment input is not supported yet")
        }
        let v = define(i[1], i[0])
        let extra: String
        switch i[3] {
        case 77: extra = ", " + src(try value(i[5]).regs[0], [0])
        case 78: extra = ", " + src(try value(i[5]).regs[0], [0, 1])
        default: extra = ""
        }
        let opcode = ["INTERP_CENTROID", "INTERP_SAMPLE", "INTERP_OFFSET"][Int(i[3]) - 76]
        let comps = Array(p.component..<(p.component + v.comps))
        code.append("\(opcode) \(v.regs[0])\(mask(v.comps)), \(src(p.at(p.slot), comps))\(extra)")
        if let d = p.dynamic {
            let t = newTemp(), cond = newTemp()
            for k in 1..<max(1, d.count) {
                code.append("\(opcode) TEMP[\(t)]\(mask(v.comps)), \(src(p.at(p.slot + k * d.stride), comps))\(extra)")
                code.append("USEQ TEMP[\(cond)].x, \(d.index), \(intImm(k))")
                code.append("UCMP \(v.regs[0])\(mask(v.comps)), TEMP[\(cond)].xxxx, TEMP[\(t)], \(v.regs[0])")
            }
        }
    }

    mutating func extInst(_ i: SPIRVModule.Instruction) throws {
        if i[2] == m.amdTrinaryMinMax { return try trinaryMinMax(i) }
        guard i[2] == m.glslStd450 else { throw ShaderError("extended instruction set %\(i[2]) is not supported") }
        let op = i[3]
        switch op {
        case 51, 52, 53: return try frexpLdexp(i)
        case 54...58, 60...64: return try packing(i)
        case 76, 77, 78: return try interpolateAt(i)
        default: break
        }
        if op == 35 {
            // modf(x, out i): the fraction is the result, the whole part goes through the pointer.
            let x = try value(i[4])
            let whole = try pointer(i[5])
            let v = define(i[1], i[0])
            let n = v.comps, t = newTemp()
            code.append("TRUNC TEMP[\(t)]\(mask(n)), \(operand(x, n))")
            code.append("ADD \(v.regs[0])\(mask(n)), \(operand(x, n)), -TEMP[\(t)]")
            code.append("MOV \(try address(whole))\(mask(n, from: whole.component)), TEMP[\(t)]")
            return
        }
        let args = try (4..<i.count).map { try value(i[$0]) }
        let v = define(i[1], i[0])
        let n = v.comps, r = v.regs[0]
        func a(_ k: Int, negate: Bool = false) -> String { operand(args[k], n, negate: negate) }
        switch op {
        case 1, 2: code.append("ROUND \(r)\(mask(n)), \(a(0))")
        case 3: code.append("TRUNC \(r)\(mask(n)), \(a(0))")
        case 4: code.append("MOV \(r)\(mask(n)), |\(a(0))|")
        case 5: code.append("IABS \(r)\(mask(n)), \(a(0))")
        case 6: code.append("SSG \(r)\(mask(n)), \(a(0))")
        case 7: code.append("ISSG \(r)\(mask(n)), \(a(0))")
        case 8: code.append("FLR \(r)\(mask(n)), \(a(0))")
        case 9: code.append("CEIL \(r)\(mask(n)), \(a(0))")
        case 10: code.append("FRC \(r)\(mask(n)), \(a(0))")
        case 11, 12:
            let k = imms.count
            let factor = op == 11 ? Float.pi / 180 : 180 / Float.pi
            imms.append("IMM[\(k)] FLT32 {0x\(String(factor.bitPattern, radix: 16)), 0x00000000, 0x00000000, 0x00000000}")
            code.append("MUL \(r)\(mask(n)), \(a(0)), IMM[\(k)].xxxx")
        case 13: scalarOp("SIN", r, n, [args[0]])
        case 14: scalarOp("COS", r, n, [args[0]])
        case 15:
            let t = newTemp()
            scalarOp("SIN", "TEMP[\(t)]", n, [args[0]])
            let c = newTemp()
            scalarOp("COS", "TEMP[\(c)]", n, [args[0]])
            scalarOp("RCP", "TEMP[\(c)]", n, [Val(regs: ["TEMP[\(c)]"], comps: n, kind: "f")])
            code.append("MUL \(r)\(mask(n)), TEMP[\(t)], TEMP[\(c)]")
        case 26: scalarOp("POW", r, n, [args[0], args[1]])
        case 27, 28:
            let k = imms.count
            let factor: Float = op == 27 ? 1.442695041 : 0.693147181
            imms.append("IMM[\(k)] FLT32 {0x\(String(factor.bitPattern, radix: 16)), 0x00000000, 0x00000000, 0x00000000}")
            if op == 27 {
                let t = newTemp()
                code.append("MUL TEMP[\(t)]\(mask(n)), \(a(0)), IMM[\(k)].xxxx")
                scalarOp("EX2", r, n, [Val(regs: ["TEMP[\(t)]"], comps: n, kind: "f")])
            } else {
                scalarOp("LG2", r, n, [args[0]])
                code.append("MUL \(r)\(mask(n)), \(r), IMM[\(k)].xxxx")
            }
        case 29: scalarOp("EX2", r, n, [args[0]])
        case 30: scalarOp("LG2", r, n, [args[0]])
        case 31: scalarOp("SQRT", r, n, [args[0]])
        case 32: scalarOp("RSQ", r, n, [args[0]])
        case 37: code.append("MIN \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 38: code.append("UMIN \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 39: code.append("IMIN \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 40: code.append("MAX \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 41: code.append("UMAX \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 42: code.append("IMAX \(r)\(mask(n)), \(a(0)), \(a(1))")
        case 43:
            code.append("MAX \(r)\(mask(n)), \(a(0)), \(a(1))")
            code.append("MIN \(r)\(mask(n)), \(r), \(a(2))")
        case 44:
            code.append("UMAX \(r)\(mask(n)), \(a(0)), \(a(1))")
            code.append("UMIN \(r)\(mask(n)), \(r), \(a(2))")
        case 45:
            code.append("IMAX \(r)\(mask(n)), \(a(0)), \(a(1))")
            code.append("IMIN \(r)\(mask(n)), \(r), \(a(2))")
        case 46: code.append("LRP \(r)\(mask(n)), \(a(2)), \(a(1)), \(a(0))")
        case 48: code.append("SGE \(r)\(mask(n)), \(a(1)), \(a(0))")
        case 49:
            // t = clamp((x - e0) / (e1 - e0), 0, 1); t * t * (3 - 2t)
            let t = newTemp(), d = newTemp()
            code.append("ADD TEMP[\(d)]\(mask(n)), \(a(1)), \(a(0, negate: true))")
            scalarOp("RCP", "TEMP[\(d)]", n, [Val(regs: ["TEMP[\(d)]"], comps: n, kind: "f")])
            code.append("ADD TEMP[\(t)]\(mask(n)), \(a(2)), \(a(0, negate: true))")
            code.append("MUL_SAT TEMP[\(t)]\(mask(n)), TEMP[\(t)], TEMP[\(d)]")
            let k = imms.count
            imms.append("IMM[\(k)] FLT32 {0x40400000, 0xc0000000, 0x00000000, 0x00000000}")
            code.append("MAD TEMP[\(d)]\(mask(n)), TEMP[\(t)], IMM[\(k)].yyyy, IMM[\(k)].xxxx")
            code.append("MUL TEMP[\(d)]\(mask(n)), TEMP[\(d)], TEMP[\(t)]")
            code.append("MUL \(r)\(mask(n)), TEMP[\(d)], TEMP[\(t)]")
        case 50: code.append("MAD \(r)\(mask(n)), \(a(0)), \(a(1)), \(a(2))")
        case 66:
            let c = args[0].comps
            let dp = TGSITranslator.dotOpcode[c]
            code.append("\(dp) \(r).x, \(operand(args[0], c)), \(operand(args[0], c))")
            code.append("SQRT \(r).x, \(r).xxxx")
        case 67:
            let c = args[0].comps
            let t = newTemp()
            code.append("ADD TEMP[\(t)]\(mask(c)), \(operand(args[0], c)), \(operand(args[1], c, negate: true))")
            let dp = TGSITranslator.dotOpcode[c]
            code.append("\(dp) \(r).x, TEMP[\(t)], TEMP[\(t)]")
            code.append("SQRT \(r).x, \(r).xxxx")
        case 68:
            let t = newTemp()
            code.append("MUL TEMP[\(t)].xyz, \(src(args[0].regs[0], [1, 2, 0])), \(src(args[1].regs[0], [2, 0, 1]))")
            code.append("MAD \(r).xyz, \(src(args[0].regs[0], [2, 0, 1])), -\(src(args[1].regs[0], [1, 2, 0])), TEMP[\(t)]")
        case 69:
            let t = newTemp()
            let dp = TGSITranslator.dotOpcode[n]
            code.append("\(dp) TEMP[\(t)].x, \(a(0)), \(a(0))")
            code.append("RSQ TEMP[\(t)].x, TEMP[\(t)].xxxx")
            code.append("MUL \(r)\(mask(n)), \(a(0)), TEMP[\(t)].xxxx")
        case 71:
            // reflect(I, N) = I - 2 dot(N, I) N
            let t = newTemp()
            let dp = TGSITranslator.dotOpcode[n]
            code.append("\(dp) TEMP[\(t)].x, \(a(1)), \(a(0))")
            code.append("ADD TEMP[\(t)].x, TEMP[\(t)].xxxx, TEMP[\(t)].xxxx")
            code.append("MUL TEMP[\(t)]\(mask(n)), \(a(1)), TEMP[\(t)].xxxx")
            code.append("ADD \(r)\(mask(n)), \(a(0)), -TEMP[\(t)]")
        case 16, 17, 18, 25:
            // asin, acos, atan, atan2 from one atan(y/x) polynomial with range reduction.
            try arcFunction(op, r, n, args)
        case 19, 20, 21:
            // sinh, cosh, tanh from e^x and e^-x.
            let e = newTemp(), f = newTemp()
            let log2e = floatImm(1.442695041)
            code.append("MUL TEMP[\(e)]\(mask(n)), \(a(0)), \(log2e)")
            scalarOp("EX2", "TEMP[\(e)]", n, [temp(e, n)])
            scalarOp("RCP", "TEMP[\(f)]", n, [temp(e, n)])
            let half = floatImm(0.5)
            switch op {
            case 19:
                code.append("ADD TEMP[\(e)]\(mask(n)), TEMP[\(e)], -TEMP[\(f)]")
                code.append("MUL \(r)\(mask(n)), TEMP[\(e)], \(half)")
            case 20:
                code.append("ADD TEMP[\(e)]\(mask(n)), TEMP[\(e)], TEMP[\(f)]")
                code.append("MUL \(r)\(mask(n)), TEMP[\(e)], \(half)")
            default:
                let g = newTemp()
                code.append("ADD TEMP[\(g)]\(mask(n)), TEMP[\(e)], TEMP[\(f)]")
                code.append("ADD TEMP[\(e)]\(mask(n)), TEMP[\(e)], -TEMP[\(f)]")
                scalarOp("RCP", "TEMP[\(g)]", n, [temp(g, n)])
                code.append("MUL \(r)\(mask(n)), TEMP[\(e)], TEMP[\(g)]")
            }
        case 22:
            // asinh(x) = sign(x) ln(|x| + sqrt(x² + 1)): odd, and without the cancellation of x + sqrt(x² + 1)
            // for negative x.
            let t = newTemp(), u = newTemp()
            code.append("MAD TEMP[\(t)]\(mask(n)), \(a(0)), \(a(0)), \(floatImm(1))")
            scalarOp("SQRT", "TEMP[\(t)]", n, [temp(t, n)])
            code.append("MAX TEMP[\(u)]\(mask(n)), \(a(0)), \(a(0, negate: true))")
            code.append("ADD TEMP[\(t)]\(mask(n)), TEMP[\(t)], TEMP[\(u)]")
            scalarOp("LG2", "TEMP[\(t)]", n, [temp(t, n)])
            code.append("MUL TEMP[\(t)]\(mask(n)), TEMP[\(t)], \(floatImm(0.693147181))")
            code.append("SSG TEMP[\(u)]\(mask(n)), \(a(0))")
            code.append("MUL \(r)\(mask(n)), TEMP[\(t)], TEMP[\(u)]")
        case 23:
            // acosh(x) = ln(x + sqrt(x² - 1))
            let t = newTemp()
            code.append("MAD TEMP[\(t)]\(mask(n)), \(a(0)), \(a(0)), \(floatImm(-1))")
            scalarOp("SQRT", "TEMP[\(t)]", n, [temp(t, n)])
            code.append("ADD TEMP[\(t)]\(mask(n)), TEMP[\(t)], \(a(0))")
            scalarOp("LG2", "TEMP[\(t)]", n, [temp(t, n)])
            code.append("MUL \(r)\(mask(n)), TEMP[\(t)], \(floatImm(0.693147181))")
        case 24:
            // atanh(x) = ln((1 + x) / (1 - x)) / 2
            let t = newTemp(), u = newTemp()
            let one = floatImm(1)
            code.append("ADD TEMP[\(t)]\(mask(n)), \(one), \(a(0))")
            code.append("ADD TEMP[\(u)]\(mask(n)), \(one), \(a(0, negate: true))")
            scalarOp("RCP", "TEMP[\(u)]", n, [temp(u, n)])
            code.append("MUL TEMP[\(t)]\(mask(n)), TEMP[\(t)], TEMP[\(u)]")
            scalarOp("LG2", "TEMP[\(t)]", n, [temp(t, n)])
            code.append("MUL \(r)\(mask(n)), TEMP[\(t)], \(floatImm(0.34657359))")
        case 70:
            // faceforward(N, I, Nref) = dot(Nref, I) < 0 ? N : -N
            let t = newTemp()
            let dp = TGSITranslator.dotOpcode[n]
            code.append("\(dp) TEMP[\(t)].x, \(a(2)), \(a(1))")
            code.append("FSLT TEMP[\(t)].x, TEMP[\(t)].xxxx, IMM[\(zeroImm())].xxxx")
            code.append("UCMP \(r)\(mask(n)), TEMP[\(t)].xxxx, \(a(0)), \(a(0, negate: true))")
        case 72:
            // refract(I, N, eta): k = 1 - eta²(1 - dot(N,I)²); k < 0 ? 0 : eta I - (eta dot(N,I) + sqrt(k)) N
            let d = newTemp(), k = newTemp(), t = newTemp()
            let dp = TGSITranslator.dotOpcode[n]
            let eta = src(args[2].regs[0], [0])
            code.append("\(dp) TEMP[\(d)].x, \(a(1)), \(a(0))")
            code.append("MAD TEMP[\(k)].x, -TEMP[\(d)].xxxx, TEMP[\(d)].xxxx, \(floatImm(1))")
            code.append("MUL TEMP[\(k)].x, TEMP[\(k)].xxxx, \(eta)")
            code.append("MAD TEMP[\(k)].x, -TEMP[\(k)].xxxx, \(eta), \(floatImm(1))")
            code.append("SQRT TEMP[\(t)].x, TEMP[\(k)].xxxx")
            code.append("MAD TEMP[\(t)].x, \(eta), TEMP[\(d)].xxxx, TEMP[\(t)].xxxx")
            code.append("MUL TEMP[\(d)]\(mask(n)), \(a(1)), TEMP[\(t)].xxxx")
            code.append("MAD TEMP[\(d)]\(mask(n)), \(a(0)), \(eta), -TEMP[\(d)]")
            code.append("FSLT TEMP[\(k)].x, TEMP[\(k)].xxxx, IMM[\(zeroImm())].xxxx")
            code.append("UCMP \(r)\(mask(n)), TEMP[\(k)].xxxx, IMM[\(zeroImm())].xxxx, TEMP[\(d)]")
        case 33:
            // determinant: Laplace expansion, minors shared.
            var memo: [String: String] = [:]
            let all = Array(0..<args[0].regs.count)
            code.append("MOV \(r).x, \(determinant(args[0], rows: all, cols: all, &memo))")
        case 34:
            // inverse = adjugate / determinant: B[col j][row i] = (-1)^(i+j) det(M without row j, column i) / det M.
            let m = args[0], size = m.regs.count
            var memo: [String: String] = [:]
            let all = Array(0..<size)
            let inv = newTemp()
            code.append("RCP TEMP[\(inv)].x, \(determinant(m, rows: all, cols: all, &memo))")
            for j in 0..<size {
                for i in 0..<size {
                    let minor = determinant(m, rows: all.filter { $0 != j }, cols: all.filter { $0 != i }, &memo)
                    code.append("MUL \(v.regs[j])\(mask(1, from: i)), \((i + j) % 2 == 1 ? "-" : "")\(minor), TEMP[\(inv)].xxxx")
                }
            }
        case 73: code.append("LSB \(r)\(mask(n)), \(a(0))")
        case 74: code.append("IMSB \(r)\(mask(n)), \(a(0))")
        case 75: code.append("UMSB \(r)\(mask(n)), \(a(0))")
        default:
            throw ShaderError("GLSL.std.450 instruction \(op) is not supported yet")
        }
    }

    /// The determinant of the submatrix of `m` (columns are registers) on `rows` × `cols`, as a scalar source;
    /// expanded along its first column, with sub-determinants computed once.
    mutating func determinant(_ m: Val, rows: [Int], cols: [Int], _ memo: inout [String: String]) -> String {
        if rows.count == 1 { return src(m.regs[cols[0]], [rows[0]]) }
        let key = "\(rows)|\(cols)"
        if let known = memo[key] { return known }
        let t = newTemp()
        for (k, row) in rows.enumerated() {
            let sub = determinant(m, rows: rows.filter { $0 != row }, cols: Array(cols.dropFirst()), &memo)
            let element = (k % 2 == 1 ? "-" : "") + src(m.regs[cols[0]], [row])
            code.append(k == 0 ? "MUL TEMP[\(t)].x, \(element), \(sub)" : "MAD TEMP[\(t)].x, \(element), \(sub), TEMP[\(t)].xxxx")
        }
        memo[key] = "TEMP[\(t)].xxxx"
        return "TEMP[\(t)].xxxx"
    }

    /// `IMM[k].xxxx` holding `f`.
    mutating func floatImm(_ f: Float) -> String {
        let k = imms.count
        imms.append("IMM[\(k)] FLT32 {0x\(String(f.bitPattern, radix: 16)), 0x00000000, 0x00000000, 0x00000000}")
        return "IMM[\(k)].xxxx"
    }

    func temp(_ t: Int, _ n: Int) -> Val { Val(regs: ["TEMP[\(t)]"], comps: n, kind: "f") }

    /// asin, acos, atan and atan2 (GLSL.std.450 16, 17, 18, 25), component-wise. atan(z) for |z| ≤ 1 is a
    /// degree-11 odd polynomial (error below 1e-5 rad); |z| > 1 uses π/2 − atan(1/z); atan2 adds the quadrant.
    mutating func arcFunction(_ op: UInt32, _ r: String, _ n: Int, _ args: [Val]) throws {
        let y = newTemp(), x = newTemp()
        let m = mask(n)
        switch op {
        case 18:
            code.append("MOV TEMP[\(y)]\(m), \(operand(args[0], n))")
            code.append("MOV TEMP[\(x)]\(m), \(floatImm(1))")
        case 25:
            code.append("MOV TEMP[\(y)]\(m), \(operand(args[0], n))")
            code.append("MOV TEMP[\(x)]\(m), \(operand(args[1], n))")
        default:
            // asin(v) = atan2(v, sqrt(1 − v²)); acos(v) = atan2(sqrt(1 − v²), v)
            let s = newTemp()
            code.append("MAD TEMP[\(s)]\(m), -\(operand(args[0], n)), \(operand(args[0], n)), \(floatImm(1))")
            code.append("MAX TEMP[\(s)]\(m), TEMP[\(s)], IMM[\(zeroImm())].xxxx")
            scalarOp("SQRT", "TEMP[\(s)]", n, [temp(s, n)])
            code.append("MOV TEMP[\(op == 16 ? y : x)]\(m), \(operand(args[0], n))")
            code.append("MOV TEMP[\(op == 16 ? x : y)]\(m), TEMP[\(s)]")
        }
        // z = min(|y|,|x|) / max(|y|,|x|)
        let lo = newTemp(), hi = newTemp(), z = newTemp(), z2 = newTemp(), p = newTemp(), c = newTemp()
        code.append("MIN TEMP[\(lo)]\(m), |TEMP[\(y)]|, |TEMP[\(x)]|")
        code.append("MAX TEMP[\(hi)]\(m), |TEMP[\(y)]|, |TEMP[\(x)]|")
        scalarOp("RCP", "TEMP[\(hi)]", n, [temp(hi, n)])
        code.append("MUL TEMP[\(z)]\(m), TEMP[\(lo)], TEMP[\(hi)]")
        code.append("MUL TEMP[\(z2)]\(m), TEMP[\(z)], TEMP[\(z)]")
        let coefficients: [Float] = [-0.0117212, 0.05265332, -0.11643287, 0.19354346, -0.33262347, 0.99997726]
        code.append("MOV TEMP[\(p)]\(m), \(floatImm(coefficients[0]))")
        for k in coefficients.dropFirst() {
            code.append("MAD TEMP[\(p)]\(m), TEMP[\(p)], TEMP[\(z2)], \(floatImm(k))")
        }
        code.append("MUL TEMP[\(p)]\(m), TEMP[\(p)], TEMP[\(z)]")
        // |y| > |x|: π/2 − p
        code.append("FSLT TEMP[\(c)]\(m), |TEMP[\(x)]|, |TEMP[\(y)]|")
        code.append("ADD TEMP[\(z)]\(m), \(floatImm(Float.pi / 2)), -TEMP[\(p)]")
        code.append("UCMP TEMP[\(p)]\(m), TEMP[\(c)], TEMP[\(z)], TEMP[\(p)]")
        // x < 0: π − p
        code.append("FSLT TEMP[\(c)]\(m), TEMP[\(x)], IMM[\(zeroImm())].xxxx")
        code.append("ADD TEMP[\(z)]\(m), \(floatImm(Float.pi)), -TEMP[\(p)]")
        code.append("UCMP TEMP[\(p)]\(m), TEMP[\(c)], TEMP[\(z)], TEMP[\(p)]")
        // y < 0: −p
        code.append("FSLT TEMP[\(c)]\(m), TEMP[\(y)], IMM[\(zeroImm())].xxxx")
        code.append("UCMP \(r)\(m), TEMP[\(c)], -TEMP[\(p)], TEMP[\(p)]")
    }
}
