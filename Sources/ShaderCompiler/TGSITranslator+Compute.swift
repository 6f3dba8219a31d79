/// Compute shaders (GL 4.3, GL_ARB_compute_shader) in TGSI as virglrenderer 0.10.4 takes them (`vrend_shader.c`):
/// - the `COMP` processor with the work group size as CS_FIXED_BLOCK_WIDTH/HEIGHT/DEPTH properties;
/// - the host knows three system values, THREAD_ID (gl_LocalInvocationID), BLOCK_ID (gl_WorkGroupID) and GRID_SIZE
///   (gl_NumWorkGroups), read with x, y and z only (the host reads a uvec3). They are copied into temporaries at the
///   start, and gl_GlobalInvocationID and gl_LocalInvocationIndex are computed there from them and the work group
///   size (a constant of the shader);
/// - `shared` variables are one byte-addressed MEMORY register (`DCL MEMORY[0], SHARED`): the host declares
///   `shared uint values[n]` with n from the shader's req_local_mem (CREATE_OBJECT(SHADER)'s fifth word). Each
///   variable has its own bytes there, packed (a scalar 4 bytes, a vector 4 per component, matrices by column,
///   arrays and structs element after element). LOAD/STORE write masks pick the words after the address
///   (component k: the word at address + 4k); ATOM* take a word's address;
/// - barrier() is BARRIER, the memoryBarrier*() functions MEMBAR with TGSI_MEMBAR_* flags.
extension TGSITranslator {
    /// What a compute shader's translation keeps besides the registers.
    struct ComputeState {
        /// Bytes of shared memory the shader's `shared` variables take (MEMORY[0]).
        var sharedBytes = 0
        /// The temporaries holding the system values read so far, by TGSI semantic (and "GLOBAL", "INDEX").
        var systemValues: [String: Int] = [:]
    }

    /// The work group size (`layout(local_size_x = …, local_size_y = …, local_size_z = …) in;`), 1 where not given.
    var localSize: [Int] {
        let size = m.executionModes[17] ?? []  // LocalSize
        return (0..<3).map { $0 < size.count ? max(1, Int(size[$0])) : 1 }
    }

    /// Bytes the shader's shared variables take (the CREATE_OBJECT(SHADER) req_local_mem of a compute shader).
    public var sharedMemoryBytes: Int { computeState.sharedBytes }

    /// The compute stage's properties (none for other stages).
    func computeProperties() -> [String] {
        guard stage == .compute else { return [] }
        let size = localSize
        return [
            "PROPERTY CS_FIXED_BLOCK_WIDTH \(size[0])", "PROPERTY CS_FIXED_BLOCK_HEIGHT \(size[1])",
            "PROPERTY CS_FIXED_BLOCK_DEPTH \(size[2])",
        ]
    }

    // MARK: Built-in inputs

    /// A temporary holding system value `semantic` (x, y, z), copied from its SV register at the start (once).
    mutating func computeSystemValue(_ semantic: String) -> Int {
        if let t = computeState.systemValues[semantic] { return t }
        decls.append("DCL SV[\(svCount)], \(semantic)")
        let t = newTemp()
        code.append("MOV TEMP[\(t)].xyz, SV[\(svCount)].xyzz")
        svCount += 1
        computeState.systemValues[semantic] = t
        return t
    }

    /// A uvec3/uint immediate operand (w: 0).
    mutating func uintImmediate(_ x: Int, _ y: Int, _ z: Int) -> String {
        let k = imms.count
        imms.append("IMM[\(k)] UINT32 {\(x), \(y), \(z), 0}")
        return "IMM[\(k)]"
    }

    /// A compute shader's built-in input `builtin` (SPIR-V BuiltIn) in variable `id`: a temporary set at the start.
    mutating func declareComputeInput(_ id: UInt32, _ pointee: UInt32, _ builtin: UInt32) throws {
        let size = localSize
        let t: Int
        switch builtin {
        case 24: t = computeSystemValue("GRID_SIZE")  // gl_NumWorkGroups
        case 26: t = computeSystemValue("BLOCK_ID")  // gl_WorkGroupID
        case 27: t = computeSystemValue("THREAD_ID")  // gl_LocalInvocationID
        case 28:
            // gl_GlobalInvocationID = gl_WorkGroupID * gl_WorkGroupSize + gl_LocalInvocationID.
            if let g = computeState.systemValues["GLOBAL"] {
                t = g
            } else {
                let block = computeSystemValue("BLOCK_ID"), thread = computeSystemValue("THREAD_ID")
                t = newTemp()
                code.append("UMAD TEMP[\(t)].xyz, TEMP[\(block)].xyzz, \(uintImmediate(size[0], size[1], size[2])).xyzz, TEMP[\(thread)].xyzz")
                computeState.systemValues["GLOBAL"] = t
            }
        case 29:
            // gl_LocalInvocationIndex = z * sx * sy + y * sx + x.
            if let g = computeState.systemValues["INDEX"] {
                t = g
            } else {
                let thread = computeSystemValue("THREAD_ID")
                t = newTemp()
                let factors = uintImmediate(size[0] * size[1], size[0], 0)
                code.append("UMAD TEMP[\(t)].x, TEMP[\(thread)].zzzz, \(factors).xxxx, TEMP[\(thread)].xxxx")
                code.append("UMAD TEMP[\(t)].x, TEMP[\(thread)].yyyy, \(factors).yyyy, TEMP[\(t)].xxxx")
                computeState.systemValues["INDEX"] = t
            }
        case 25:
            // gl_WorkGroupSize as a variable (glslang makes it a constant).
            t = newTemp()
            code.append("MOV TEMP[\(t)].xyz, \(uintImmediate(size[0], size[1], size[2])).xyzz")
        default:
            throw ShaderError("built-in input \(builtin) is not supported in the compute stage yet")
        }
        varRegs[id] = Ptr(file: "TEMP", slot: t, component: 0, type: pointee)
    }

    // MARK: Shared memory

    /// Bytes a value of `type` takes in shared memory (packed, 32-bit components).
    func sharedSize(_ type: UInt32) throws -> Int {
        switch m.types[type] {
        case .array(let e, let n)?: return n * (try sharedSize(e))
        case .structure(let members)?: return try members.reduce(0) { $0 + (try sharedSize($1)) }
        case .matrix(let col, let n)?: return n * (try sharedSize(col))
        case .vector(let s, let n)?: return n * (try sharedSize(s))
        case .double?: throw ShaderError("doubles in shared variables are not supported yet")
        default: return 4
        }
    }

    /// A `shared` variable: its bytes in MEMORY[0] (declared with the first one).
    mutating func declareSharedVariable(_ id: UInt32, _ pointee: UInt32) throws {
        guard stage == .compute else { throw ShaderError("shared variables outside compute shaders") }
        if computeState.sharedBytes == 0 { decls.append("DCL MEMORY[0], SHARED") }
        varRegs[id] = Ptr(file: "MEMORY", slot: computeState.sharedBytes, component: 0, type: pointee)
        computeState.sharedBytes += max(4, try sharedSize(pointee))
    }

    /// An access chain into shared memory: `slot` is the constant byte offset, `dynamic.index` a register
    /// component holding the variable part (bytes).
    mutating func sharedAccessChain(_ i: SPIRVModule.Instruction, _ start: Ptr) throws {
        var p = start
        for k in 3..<i.count {
            let index = i[k]
            let element: UInt32, stride: Int
            switch m.types[p.type] {
            case .structure(let members)?:
                guard case .scalar(_, let n)? = m.constants[index], Int(n) < members.count else { throw ShaderError("dynamic struct index") }
                p.slot += try members.prefix(Int(n)).reduce(0) { $0 + (try sharedSize($1)) }
                p.type = members[Int(n)]
                continue
            case .array(let e, _)?: (element, stride) = (e, try sharedSize(e))
            case .matrix(let col, _)?: (element, stride) = (col, try sharedSize(col))
            case .vector(let s, _)?: (element, stride) = (s, 4)
            default: throw ShaderError("access chain into a non-composite")
            }
            if case .scalar(_, let n)? = m.constants[index] {
                p.slot += Int(n) * stride
            } else {
                let reg = src(try value(index).regs[0], [0])
                let t = newTemp()
                if let d = p.dynamic {
                    code.append("UMAD TEMP[\(t)].x, \(reg), \(intImm(stride)), \(d.index)")
                } else {
                    code.append("UMUL TEMP[\(t)].x, \(reg), \(intImm(stride))")
                }
                p.dynamic = ("TEMP[\(t)].xxxx", 1, 0)
            }
            p.type = element
        }
        pointers[i[1]] = p
    }

    /// The address operand of byte `extra` past what `p` points at.
    mutating func sharedAddress(_ p: Ptr, _ extra: Int) -> String {
        guard let d = p.dynamic else { return intImm(p.slot + extra) }
        let t = newTemp()
        code.append("UADD TEMP[\(t)].x, \(d.index), \(intImm(p.slot + extra))")
        return "TEMP[\(t)].xxxx"
    }

    /// The leaves (scalars, vectors, matrix columns) of a value of `type`: their byte offsets, register (slot)
    /// offsets in the value's registers and component counts.
    func sharedLeaves(_ type: UInt32, byte: Int = 0, slot: Int = 0) throws -> [(byte: Int, slot: Int, comps: Int)] {
        switch m.types[type] {
        case .array(let e, let n)?:
            let size = try sharedSize(e), regs = slots(e)
            return try (0..<n).flatMap { try sharedLeaves(e, byte: byte + $0 * size, slot: slot + $0 * regs) }
        case .structure(let members)?:
            var out: [(byte: Int, slot: Int, comps: Int)] = [], b = byte, s = slot
            for member in members {
                out += try sharedLeaves(member, byte: b, slot: s)
                b += try sharedSize(member)
                s += slots(member)
            }
            return out
        case .matrix(let col, let n)?:
            let size = try sharedSize(col)
            return (0..<n).map { (byte + $0 * size, slot + $0, compCount(col)) }
        default:
            _ = try sharedSize(type)
            return [(byte, slot, compCount(type))]
        }
    }

    /// OpLoad from shared memory.
    mutating func loadShared(_ i: SPIRVModule.Instruction, _ p: Ptr) throws {
        let type = i[0]
        let total = slots(type)
        if (total > 1 || isComposite(type)) && columns(type) == 1 {
            // Arrays and structs: one register per slot.
            let t = newTemp(total)
            for leaf in try sharedLeaves(type) {
                code.append("LOAD TEMP[\(t + leaf.slot)]\(mask(leaf.comps)), MEMORY[0], \(sharedAddress(p, leaf.byte))")
            }
            values[i[1]] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type))
            return
        }
        let v = define(i[1], type)
        for leaf in try sharedLeaves(type) {
            code.append("LOAD \(v.regs[leaf.slot])\(mask(leaf.comps)), MEMORY[0], \(sharedAddress(p, leaf.byte))")
        }
    }

    /// OpStore to shared memory.
    mutating func storeShared(_ i: SPIRVModule.Instruction, _ p: Ptr) throws {
        let v = try value(i[1])
        let type = p.type
        let composite = (slots(type) > 1 || isComposite(type)) && columns(type) == 1
        for leaf in try sharedLeaves(type) {
            let source = composite ? src(v.regs[leaf.slot], Array(0..<leaf.comps)) : operand(v, leaf.comps, column: leaf.slot)
            code.append("STORE MEMORY[0]\(mask(leaf.comps)), \(sharedAddress(p, leaf.byte)), \(source)")
        }
    }

    // MARK: Instructions

    /// Compute-stage instructions: barriers, and atomic operations on shared variables. False for the others.
    mutating func computeInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        guard stage == .compute else { return false }
        switch i.opcode {
        case 224:
            // OpControlBarrier: barrier() (it orders shared memory too).
            code.append("BARRIER")
            return true
        case 225:
            // OpMemoryBarrier(scope, semantics).
            code.append("MEMBAR \(intImm(try membarFlags(scope: i[0], semantics: i[1])))")
            return true
        case 227...242:
            guard i.count > 2, let p = pointers[i[2]] ?? varRegs[i[2]], p.file == "MEMORY" else { return false }
            try sharedAtomic(i, p)
            return true
        default:
            return false
        }
    }

    /// TGSI_MEMBAR_* flags of a memory barrier: SHADER_BUFFER 1, ATOMIC_BUFFER 2, SHADER_IMAGE 4, SHARED 8, THREAD_GROUP 16
    /// (a work-group-scoped barrier, groupMemoryBarrier()).
    func membarFlags(scope: UInt32, semantics: UInt32) throws -> Int {
        guard case .scalar(_, let s)? = m.constants[scope], case .scalar(_, let bits)? = m.constants[semantics] else {
            throw ShaderError("memory barrier with a non-constant scope or semantics")
        }
        if s == 2 { return 16 }  // Workgroup
        var flags = 0
        if bits & 0x40 != 0 { flags |= 1 }  // UniformMemory (buffers)
        if bits & 0x400 != 0 { flags |= 2 }  // AtomicCounterMemory
        if bits & 0x800 != 0 { flags |= 4 }  // ImageMemory
        if bits & 0x100 != 0 { flags |= 8 }  // WorkgroupMemory
        return flags == 0 ? 15 : flags
    }

    /// OpAtomic* on a shared variable (a 32-bit integer): ATOM* on MEMORY[0] at its address.
    mutating func sharedAtomic(_ i: SPIRVModule.Instruction, _ p: Ptr) throws {
        let address = sharedAddress(p, 0)
        if i.opcode == 228 {
            // OpAtomicStore(pointer, scope, semantics, value).
            let v = try value(i[3])
            code.append("ATOMXCHG TEMP[\(newTemp())].x, MEMORY[0], \(address), \(operand(v, 1))")
            return
        }
        let v = define(i[1], i[0])
        let dst = "\(v.regs[0]).x"
        switch i.opcode {
        case 227:  // OpAtomicLoad: an atomic OR with 0
            code.append("ATOMOR \(dst), MEMORY[0], \(address), \(intImm(0))")
        case 232, 233:  // OpAtomicIIncrement / IDecrement
            code.append("ATOMUADD \(dst), MEMORY[0], \(address), \(i.opcode == 232 ? intImm(1) : uintImmediate(0xFFFF_FFFF, 0, 0).appending(".xxxx"))")
        case 230:  // OpAtomicCompareExchange(pointer, scope, equal, unequal, value, comparator)
            let value = try self.value(i[6]), comparator = try self.value(i[7])
            code.append("ATOMCAS \(dst), MEMORY[0], \(address), \(operand(comparator, 1)), \(operand(value, 1))")
        default:
            let operation: String
            switch i.opcode {
            case 229: operation = "ATOMXCHG"
            case 234, 235: operation = "ATOMUADD"
            case 236: operation = "ATOMIMIN"
            case 237: operation = "ATOMUMIN"
            case 238: operation = "ATOMIMAX"
            case 239: operation = "ATOMUMAX"
            case 240: operation = "ATOMAND"
            case 241: operation = "ATOMOR"
            default: operation = "ATOMXOR"
            }
            var operand = self.operand(try value(i[5]), 1)
            if i.opcode == 235 {
                // OpAtomicISub: add the negation.
                let t = newTemp()
                code.append("INEG TEMP[\(t)].x, \(operand)")
                operand = "TEMP[\(t)].xxxx"
            }
            code.append("\(operation) \(dst), MEMORY[0], \(address), \(operand)")
        }
    }
}
