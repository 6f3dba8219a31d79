/// Shader storage blocks (GL_ARB_shader_storage_buffer_object, GLSL 4.30 `buffer` blocks) → TGSI BUFFER.
///
/// glslang gives a `buffer` block as a Uniform variable whose struct is decorated BufferBlock (or, in newer
/// SPIR-V, a StorageBuffer variable), with the byte layout (std140 or std430) in its Offset, ArrayStride and
/// MatrixStride decorations. Each block (each element of a block array) is one TGSI `DCL BUFFER[n]`; a load is
/// `LOAD dst, BUFFER[n], byte address` (the host reads consecutive words from the address, one per written
/// channel), a store `STORE BUFFER[n].mask, byte address, value`, an atomic `ATOMxxx dst, BUFFER[n], address,
/// value[, value]` and `.length()` of the unsized last array is `RESQ` (the bound range's size in bytes)
/// turned into elements. virglrenderer declares BUFFER[n] as `layout(binding = n, std430) buffer { uint[] }`, so
/// n is the host binding point: the program numbers its blocks once for all its stages (`StorageBlockLayout`),
/// so that every stage of one draw agrees on which buffer each host binding point holds.
extension TGSITranslator {
    /// Handles a SPIR-V instruction on a storage-block pointer; false when it is not one.
    mutating func storageBufferInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        switch i.opcode {
        case 65, 66:  // OpAccessChain, OpInBoundsAccessChain
            guard let base = storagePointer(i[2]) else { return false }
            try storageAccessChain(i, base)
        case 61:  // OpLoad
            guard let p = storagePointer(i[2]) else { return false }
            try storageLoad(i[1], i[0], p)
        case 62:  // OpStore
            guard let p = storagePointer(i[0]) else { return false }
            try storageStore(p, try value(i[1]), resultTypeOf(i[1]))
        case 63:  // OpCopyMemory: target, source
            guard let dst = storagePointer(i[0]) ?? storagePointer(i[1]) else { return false }
            _ = dst
            throw ShaderError("copying between storage-block memory with OpCopyMemory is not supported yet")
        case 68:  // OpArrayLength: type, id, block pointer, member
            guard let p = storagePointer(i[2]) else { return false }
            try storageArrayLength(i, p)
        case 227...242:
            let pointerOperand = i.opcode == 228 ? 0 : 2
            guard i.count > pointerOperand, let p = storagePointer(i[pointerOperand]) else { return false }
            try storageAtomic(i, p)
        default:
            return false
        }
        return true
    }

    /// The storage-block pointer `id` names, if it is one.
    func storagePointer(_ id: UInt32) -> Ptr? {
        guard let p = pointers[id] ?? varRegs[id], p.storage != nil else { return nil }
        return p
    }

    // MARK: Declarations

    /// Whether variable `id` (storage class `storageClass`, pointee `pointee`) is a storage block or an array
    /// of them: then it is declared here (every active block of the stage at the first one) and true returned.
    mutating func declareStorageBuffer(_ id: UInt32, _ storageClass: UInt32, _ pointee: UInt32) throws -> Bool {
        guard StorageBlockLayout.isStorageBlock(m, storageClass: storageClass, pointee: pointee) else { return false }
        if !storage.declared { try declareStorageBlocks() }
        guard let v = storage.variables[id] else { return true }  // not active: never accessed
        var p = Ptr(file: "BUFFER", slot: v.slot, component: 0, type: pointee)
        p.storage = StorageAccess(buffer: v.slot, dims: v.dims, coherent: v.coherent)
        varRegs[id] = p
        return true
    }

    /// Declares BUFFER[n] for the stage's active storage blocks, numbered as the program numbered them, and
    /// records their reflection. The declarations cover one unbroken range (the host declares a buffer array
    /// over consecutive bindings when one is indexed by a variable).
    mutating func declareStorageBlocks() throws {
        storage.declared = true
        let active = StorageBlockLayout.activeBlocks(m)
        var next = 0
        var used: [Int] = []
        for b in active {
            let slot = storage.slots?[b.name]?.slot ?? next
            next = max(next, slot + b.count)
            let coherent = StorageBlockLayout.isCoherent(m, variable: b.id, block: b.type)
            storage.variables[b.id] = TGSIStorageState.Variable(slot: slot, dims: b.dims, coherent: coherent)
            let suffixes = b.dims.isEmpty ? [""] : Self.elementSuffixes(b.dims)
            let layout = storage.slots?[b.name]
            let members = StorageBlockLayout.members(m, b.type, prefix: b.hasInstanceName ? b.name + "." : "")
            for (k, suffix) in suffixes.enumerated() {
                used.append(slot + k)
                storage.blocks.append(StorageBlockInfo(
                    name: b.name + suffix, binding: (layout?.binding ?? 0) + k, slot: slot + k,
                    size: StorageBlockLayout.dataSize(m, b.type, std430: layout?.std430 ?? true), members: members,
                    stages: [stage], readOnly: StorageBlockLayout.isReadOnly(m, variable: b.id, block: b.type)))
            }
        }
        guard let low = used.min(), let high = used.max() else { return }
        guard high < StorageBlockLayout.maxBuffers else {
            throw ShaderError("the program's shader storage blocks need \(high + 1) buffer slots, more than the host's \(StorageBlockLayout.maxBuffers)")
        }
        for n in low...high { decls.append("DCL BUFFER[\(n)]") }
    }

    // MARK: Access chains

    /// An access chain from a storage-block pointer: block array elements pick the buffer, members and elements
    /// add their byte offsets (constant ones folded, variable ones into an address register component).
    mutating func storageAccessChain(_ i: SPIRVModule.Instruction, _ base: Ptr) throws {
        var p = base
        var s = p.storage!
        var k = 3
        if !s.dims.isEmpty {
            // An element of an array of blocks: a buffer of its own; one picked by a variable goes through ADDR[1].
            guard let (dims, element) = Self.arrayDimensions(m, p.type), i.count >= 3 + dims.count else {
                throw ShaderError("a storage block array indexed partly is not supported")
            }
            let (constantPart, dynamicPart) = try blockArrayIndex(i, dims, what: "storage block array")
            s.buffer += constantPart
            if let t = dynamicPart { s.bufferIndex = "TEMP[\(t)].xxxx" }
            s.dims = []
            p.type = element
            k = 3 + dims.count
        }
        while k < i.count {
            let index = i[k]
            let constant: Int? = { if case .scalar(_, let c)? = m.constants[index] { return Int(c) } else { return nil } }()
            switch m.types[p.type] {
            case .structure(let members)?:
                guard let n = constant, n < members.count else { throw ShaderError("storage block member index is not a constant") }
                let d = m.memberDecorations[p.type]?[n]
                s.byte += Int(d?[35]?.first ?? 0)
                s.rowMajor = d?[4] != nil
                if let stride = d?[7]?.first { s.matrixStride = Int(stride) }
                p.type = members[n]
            case .array(let e, _)?, .runtimeArray(let e)?:
                let stride = Int(m.decoration(p.type, 6)?.first ?? 16)
                try addStorageIndex(&s, index, constant, stride: stride)
                p.type = e
            case .matrix(let col, _)?:
                let size = kind(col) == "d" ? 8 : 4
                if s.rowMajor {
                    // A column of a row-major matrix: its components are a row stride apart.
                    try addStorageIndex(&s, index, constant, stride: size)
                    s.componentStride = s.matrixStride
                } else {
                    try addStorageIndex(&s, index, constant, stride: s.matrixStride)
                }
                s.rowMajor = false
                p.type = col
            case .vector(let e, _)?:
                let stride = s.componentStride ?? (kind(e) == "d" ? 8 : 4)
                try addStorageIndex(&s, index, constant, stride: stride)
                s.componentStride = nil
                p.type = e
            default:
                throw ShaderError("access chain into a non-composite storage block member")
            }
            k += 1
        }
        p.storage = s
        pointers[i[1]] = p
    }

    /// Adds index `index` (a constant, or a variable) times `stride` bytes to the access.
    mutating func addStorageIndex(_ s: inout StorageAccess, _ index: UInt32, _ constant: Int?, stride: Int) throws {
        if let c = constant {
            s.byte += c * stride
            return
        }
        let idx = src(try value(index).regs[0], [0])
        let t = newTemp()
        if let d = s.dynamicByte {
            code.append("UMAD TEMP[\(t)].x, \(idx), \(intImm(stride)), \(d)")
        } else {
            code.append("UMUL TEMP[\(t)].x, \(idx), \(intImm(stride))")
        }
        s.dynamicByte = "TEMP[\(t)].xxxx"
    }

    /// The byte address operand of `s` plus `extra` bytes.
    mutating func storageAddress(_ s: StorageAccess, _ extra: Int = 0) -> String {
        let constant = s.byte + extra
        guard let d = s.dynamicByte else { return storageImmediate(constant) }
        guard constant != 0 else { return d }
        let t = newTemp()
        code.append("UADD TEMP[\(t)].x, \(d), \(storageImmediate(constant))")
        return "TEMP[\(t)].xxxx"
    }

    /// An unsigned immediate operand holding `v` (byte offsets may be large).
    mutating func storageImmediate(_ v: Int) -> String {
        if v >= 0 && v < 64 { return intImm(v) }
        if let k = storage.immediates[v] { return "IMM[\(k)].xxxx" }
        let k = imms.count
        imms.append("IMM[\(k)] UINT32 {\(UInt32(truncatingIfNeeded: v)), 0, 0, 0}")
        storage.immediates[v] = k
        return "IMM[\(k)].xxxx"
    }

    /// The BUFFER operand of `s` (setting ADDR[1] right before for a block picked by a variable) and the memory
    /// qualifier suffix its instructions take.
    mutating func storageBuffer(_ s: StorageAccess) -> (operand: String, qualifier: String) {
        let q = s.coherent ? ", COHERENT" : ""
        guard let index = s.bufferIndex else { return ("BUFFER[\(s.buffer)]", q) }
        usesVertexAddress = true  // declares ADDR[1]
        code.append("UARL ADDR[1].x, \(index)")
        return ("BUFFER[ADDR[1].x+\(s.buffer)]", q)
    }

    // MARK: Loads and stores

    /// Loads a value of `type` through `p` into value `id`.
    mutating func storageLoad(_ id: UInt32, _ type: UInt32, _ p: Ptr) throws {
        let s = p.storage!
        if isComposite(type) {
            let total = slots(type)
            let t = newTemp(total)
            var next = t
            try loadStorageComposite(s, type, byte: 0, rowMajor: s.rowMajor, matrixStride: s.matrixStride, into: &next)
            values[id] = Val(regs: (0..<total).map { "TEMP[\(t + $0)]" }, comps: 4, kind: kind(type))
            return
        }
        let v = define(id, type)
        try loadStorageLeaf(s, type, byte: 0, rowMajor: s.rowMajor, matrixStride: s.matrixStride, into: v.regs)
        if m.types[type] == .bool {
            // A bool is a word in memory: any non-zero word is true (~0 in registers).
            code.append("USNE \(v.regs[0]).x, \(v.regs[0]).xxxx, \(intImm(0))")
        } else if case .vector(let e, let n)? = m.types[type], m.types[e] == .bool {
            code.append("USNE \(v.regs[0])\(mask(n)), \(v.regs[0]), \(intImm(0))")
        }
    }

    /// Loads an array or struct at `byte` past `s` into registers from TEMP[`next`] on, one per slot of the value
    /// layout (as `slots` counts them).
    mutating func loadStorageComposite(_ s: StorageAccess, _ type: UInt32, byte: Int, rowMajor: Bool, matrixStride: Int, into next: inout Int) throws {
        switch m.types[type] {
        case .structure(let members)?:
            for (k, member) in members.enumerated() {
                let d = m.memberDecorations[type]?[k]
                try loadStorageComposite(s, member, byte: byte + Int(d?[35]?.first ?? 0), rowMajor: d?[4] != nil,
                                         matrixStride: Int(d?[7]?.first ?? 16), into: &next)
            }
        case .array(let e, let count)?:
            let stride = Int(m.decoration(type, 6)?.first ?? 16)
            for k in 0..<count {
                try loadStorageComposite(s, e, byte: byte + k * stride, rowMajor: rowMajor, matrixStride: matrixStride, into: &next)
            }
        default:
            let n = slots(type)
            try loadStorageLeaf(s, type, byte: byte, rowMajor: rowMajor, matrixStride: matrixStride, into: (0..<n).map { "TEMP[\(next + $0)]" })
            next += n
        }
    }

    /// Loads a scalar, vector or matrix at `byte` past `s` into `regs` (a register per column; doubles two
    /// channels each, a dvec3/dvec4 column two registers).
    mutating func loadStorageLeaf(_ s: StorageAccess, _ type: UInt32, byte: Int, rowMajor: Bool, matrixStride: Int, into regs: [String]) throws {
        let isDouble = kind(type) == "d"
        let size = isDouble ? 8 : 4
        var columns: [(byte: Int, componentStride: Int)] = []
        if case .matrix(let col, let n)? = m.types[type] {
            _ = col
            columns = (0..<n).map { rowMajor ? (byte + $0 * size, matrixStride) : (byte + $0 * matrixStride, size) }
        } else {
            columns = [(byte, s.componentStride ?? size)]
        }
        let n = compCount(type)
        let perColumn = isDouble ? (n + 1) / 2 : 1
        let (buffer, q) = storageBuffer(s)
        for (c, column) in columns.enumerated() {
            let dst = Array(regs[(c * perColumn)..<min(regs.count, (c + 1) * perColumn)])
            if column.componentStride == size {
                // Consecutive words: four a register.
                let words = n * size / 4
                for (r, reg) in dst.enumerated() where r * 4 < words {
                    let address = storageAddress(s, column.byte + r * 16)
                    code.append("LOAD \(reg)\(mask(min(4, words - r * 4))), \(buffer), \(address)\(q)")
                }
            } else {
                // Components apart (a column of a row-major matrix): one at a time.
                let t = newTemp()
                for k in 0..<n {
                    let address = storageAddress(s, column.byte + k * column.componentStride)
                    code.append("LOAD TEMP[\(t)]\(mask(size / 4)), \(buffer), \(address)\(q)")
                    if isDouble {
                        code.append("MOV \(dst[k / 2])\(k % 2 == 0 ? ".xy" : ".zw"), TEMP[\(t)].xyxy")
                    } else {
                        code.append("MOV \(dst[0]).\(Self.componentNames[k]), TEMP[\(t)].xxxx")
                    }
                }
            }
        }
    }

    /// Stores value `v` (of type `valueType`) through `p`.
    mutating func storageStore(_ p: Ptr, _ v: Val, _ valueType: UInt32) throws {
        let s = p.storage!
        if isComposite(p.type) {
            var next = 0
            try storeStorageComposite(s, p.type, v, byte: 0, rowMajor: s.rowMajor, matrixStride: s.matrixStride, next: &next)
            return
        }
        try storeStorageLeaf(s, p.type, v.regs, comps: v.comps, byte: 0, rowMajor: s.rowMajor, matrixStride: s.matrixStride)
    }

    mutating func storeStorageComposite(_ s: StorageAccess, _ type: UInt32, _ v: Val, byte: Int, rowMajor: Bool, matrixStride: Int, next: inout Int) throws {
        switch m.types[type] {
        case .structure(let members)?:
            for (k, member) in members.enumerated() {
                let d = m.memberDecorations[type]?[k]
                try storeStorageComposite(s, member, v, byte: byte + Int(d?[35]?.first ?? 0), rowMajor: d?[4] != nil,
                                          matrixStride: Int(d?[7]?.first ?? 16), next: &next)
            }
        case .array(let e, let count)?:
            let stride = Int(m.decoration(type, 6)?.first ?? 16)
            for k in 0..<count {
                try storeStorageComposite(s, e, v, byte: byte + k * stride, rowMajor: rowMajor, matrixStride: matrixStride, next: &next)
            }
        default:
            let n = slots(type)
            guard next + n <= v.regs.count else { throw ShaderError("a stored composite has fewer registers than its type") }
            try storeStorageLeaf(s, type, Array(v.regs[next..<(next + n)]), comps: compCount(type), byte: byte, rowMajor: rowMajor, matrixStride: matrixStride)
            next += n
        }
    }

    /// Stores a scalar, vector or matrix from `regs` (`comps` components; one component broadcasts) at `byte`.
    mutating func storeStorageLeaf(_ s: StorageAccess, _ type: UInt32, _ regs: [String], comps: Int, byte: Int, rowMajor: Bool, matrixStride: Int) throws {
        let isDouble = kind(type) == "d"
        let size = isDouble ? 8 : 4
        let n = compCount(type)
        var columns: [(byte: Int, componentStride: Int)] = []
        if case .matrix(_, let count)? = m.types[type] {
            columns = (0..<count).map { rowMajor ? (byte + $0 * size, matrixStride) : (byte + $0 * matrixStride, size) }
        } else {
            columns = [(byte, s.componentStride ?? size)]
        }
        let perColumn = isDouble ? (n + 1) / 2 : 1
        var value = regs
        if m.scalar(type) == .bool {
            // true is 1 in memory.
            let t = newTemp()
            code.append("AND TEMP[\(t)], \(regs[0]), \(intImm(1))")
            value = ["TEMP[\(t)]"]
        }
        let (buffer, q) = storageBuffer(s)
        for (c, column) in columns.enumerated() {
            let first = min(value.count - 1, c * perColumn)
            let src = Array(value[first..<min(value.count, first + perColumn)])
            if column.componentStride == size {
                let words = n * size / 4
                for r in 0..<((words + 3) / 4) {
                    let address = storageAddress(s, column.byte + r * 16)
                    let reg = src[min(r, src.count - 1)]
                    let operand = !isDouble && comps == 1 ? "\(reg).xxxx" : reg
                    code.append("STORE \(buffer)\(mask(min(4, words - r * 4))), \(address), \(operand)\(q)")
                }
            } else {
                for k in 0..<n {
                    let address = storageAddress(s, column.byte + k * column.componentStride)
                    let component: String
                    if isDouble {
                        component = "\(src[min(k / 2, src.count - 1)])\(k % 2 == 0 ? ".xyxy" : ".zwzw")"
                    } else {
                        let ch = Self.componentNames[comps == 1 ? 0 : k]
                        component = "\(src[0]).\(ch)\(ch)\(ch)\(ch)"
                    }
                    code.append("STORE \(buffer)\(mask(size / 4)), \(address), \(component)\(q)")
                }
            }
        }
    }

    // MARK: length() and atomics

    /// `.length()` of the unsized array that ends a block: (bound bytes − its offset) / its stride.
    mutating func storageArrayLength(_ i: SPIRVModule.Instruction, _ p: Ptr) throws {
        var s = p.storage!
        var type = p.type
        if !s.dims.isEmpty {
            // OpArrayLength on an element of a block array is reached through an access chain; a whole array is not.
            guard let (_, e) = Self.arrayDimensions(m, type) else { throw ShaderError("array length of a block array") }
            type = e
            s.dims = []
        }
        let member = Int(i[3])
        guard case .structure(let members)? = m.types[type], member < members.count else {
            throw ShaderError("OpArrayLength on a non-block")
        }
        let offset = Int(m.memberDecorations[type]?[member]?[35]?.first ?? 0)
        let stride = max(1, Int(m.decoration(members[member], 6)?.first ?? 4))
        let v = define(i[1], i[0])
        let (buffer, _) = storageBuffer(s)
        let r = v.regs[0]
        code.append("RESQ \(r).x, \(buffer)")
        if offset > 0 {
            let k = imms.count
            imms.append("IMM[\(k)] INT32 {\(-offset), 0, 0, 0}")
            code.append("UADD \(r).x, \(r).xxxx, IMM[\(k)].xxxx")
            code.append("IMAX \(r).x, \(r).xxxx, \(intImm(0))")
        }
        code.append("UDIV \(r).x, \(r).xxxx, \(storageImmediate(stride))")
    }

    /// An atomic function on a storage-block member (32-bit integers).
    mutating func storageAtomic(_ i: SPIRVModule.Instruction, _ p: Ptr) throws {
        let s = p.storage!
        guard kind(p.type) == "i" || kind(p.type) == "u" else { throw ShaderError("atomic operation on a storage member that is not an int or uint") }
        let signed = kind(p.type) == "i"
        let address = storageAddress(s)
        if i.opcode == 228 {  // OpAtomicStore: pointer, scope, semantics, value
            let v = try value(i[3])
            let (buffer, q) = storageBuffer(s)
            let t = newTemp()
            code.append("ATOMXCHG TEMP[\(t)].x, \(buffer), \(address), \(src(v.regs[0], [0]))\(q)")
            return
        }
        let result = define(i[1], i[0])
        let dst = "\(result.regs[0]).x"
        var operands: [String] = []
        let op: String
        switch i.opcode {
        case 227:  // OpAtomicLoad: an add of zero
            op = "ATOMUADD"
            operands = [intImm(0)]
        case 229: op = "ATOMXCHG"; operands = [src(try value(i[5]).regs[0], [0])]
        case 230, 231:
            // OpAtomicCompareExchange(Weak): …, value i[6], comparator i[7]; ATOMCAS takes the comparator first.
            op = "ATOMCAS"
            operands = [src(try value(i[7]).regs[0], [0]), src(try value(i[6]).regs[0], [0])]
        case 232: op = "ATOMUADD"; operands = [intImm(1)]
        case 233:
            op = "ATOMUADD"
            let k = imms.count
            imms.append("IMM[\(k)] INT32 {-1, 0, 0, 0}")
            operands = ["IMM[\(k)].xxxx"]
        case 234: op = "ATOMUADD"; operands = [src(try value(i[5]).regs[0], [0])]
        case 235:
            op = "ATOMUADD"
            let t = newTemp()
            code.append("INEG TEMP[\(t)].x, \(src(try value(i[5]).regs[0], [0]))")
            operands = ["TEMP[\(t)].xxxx"]
        case 236: op = "ATOMIMIN"; operands = [src(try value(i[5]).regs[0], [0])]
        case 237: op = signed ? "ATOMIMIN" : "ATOMUMIN"; operands = [src(try value(i[5]).regs[0], [0])]
        case 238: op = "ATOMIMAX"; operands = [src(try value(i[5]).regs[0], [0])]
        case 239: op = signed ? "ATOMIMAX" : "ATOMUMAX"; operands = [src(try value(i[5]).regs[0], [0])]
        case 240: op = "ATOMAND"; operands = [src(try value(i[5]).regs[0], [0])]
        case 241: op = "ATOMOR"; operands = [src(try value(i[5]).regs[0], [0])]
        case 242: op = "ATOMXOR"; operands = [src(try value(i[5]).regs[0], [0])]
        default: throw ShaderError("SPIR-V atomic instruction \(i.opcode) is not supported")
        }
        let (buffer, q) = storageBuffer(s)
        code.append("\(op) \(dst), \(buffer), \(address), \(operands.joined(separator: ", "))\(q)")
    }
}

/// Where a storage-block pointer points: which buffer, and the byte address within it.
struct StorageAccess {
    /// The TGSI BUFFER index (the first of a block array until an access chain picks the element).
    var buffer: Int
    /// The dimensions of the block array still to be indexed (the variable of an array of blocks).
    var dims: [Int] = []
    /// A block array element picked by a variable: the register component holding its index.
    var bufferIndex: String?
    /// The constant part of the byte address.
    var byte = 0
    /// The variable part of the byte address: a register component.
    var dynamicByte: String?
    /// The member reached last is a row-major matrix, with `matrixStride` bytes between its rows (columns).
    var rowMajor = false
    var matrixStride = 16
    /// Bytes between the components of the vector pointed at, when not the component size (a row-major matrix's
    /// column).
    var componentStride: Int?
    /// Its instructions carry the COHERENT qualifier (`coherent` or `volatile` members).
    var coherent = false

    init(buffer: Int, dims: [Int] = [], coherent: Bool = false) {
        self.buffer = buffer
        self.dims = dims
        self.coherent = coherent
    }
}

/// The translator's storage-block state.
public struct TGSIStorageState {
    /// Program-wide BUFFER slots, bindings and packing by block name (`StorageBlockLayout.assign`); nil: the
    /// stage numbers its own from 0.
    public var slots: [String: StorageBlockLayout.Placement]?
    var declared = false
    struct Variable {
        var slot: Int
        var dims: [Int]
        var coherent: Bool
    }
    var variables: [UInt32: Variable] = [:]
    var blocks: [StorageBlockInfo] = []
    var immediates: [Int: Int] = [:]
    public init() {}
}
