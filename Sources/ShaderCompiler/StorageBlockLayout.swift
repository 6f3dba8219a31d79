/// An active shader storage block of a linked program (GL_SHADER_STORAGE_BLOCK, one per element of a block
/// array), in the shape of `UniformBlockInfo`: what program interface queries and glShaderStorageBlockBinding
/// need. Its index in `LinkedProgram.storageBlocks` is its GL block index and its TGSI BUFFER slot.
public struct StorageBlockInfo: Equatable, Sendable {
    /// The GL name (`Block`, `Block[2]`).
    public var name: String
    /// The binding point it starts with (`layout(binding = N)`, + the element's index for an array; else 0).
    public var binding: Int
    /// Its TGSI BUFFER index (= the host binding point it is bound at).
    public var slot: Int
    /// GL_BUFFER_DATA_SIZE: the bytes the block needs, an unsized last array counted with one element.
    public var size: Int
    /// Its buffer variables (GL_BUFFER_VARIABLE), as GL enumerates them.
    public var members: [StorageBlockMember]
    /// The stages that use it (GL_REFERENCED_BY_*_SHADER).
    public var stages: Set<ShaderStage>
    /// Every member is `readonly`: draws leave the buffer as it was.
    public var readOnly: Bool
}

/// A buffer variable: a leaf member of a storage block, with its std140/std430 layout.
public struct StorageBlockMember: Equatable, Sendable {
    public var name: String
    /// The GL type enum value (GL_FLOAT_VEC4 = 0x8B52, …).
    public var type: UInt32
    /// Array elements (1 for non-arrays, 0 for an unsized array).
    public var arraySize: Int
    public var offset: Int
    public var arrayStride: Int
    public var matrixStride: Int
    public var rowMajor: Bool
    /// GL_TOP_LEVEL_ARRAY_SIZE and GL_TOP_LEVEL_ARRAY_STRIDE: the block member it is part of, when that is an
    /// array (0 size for an unsized one), else 1 and 0.
    public var topLevelArraySize: Int
    public var topLevelArrayStride: Int
}

/// Storage blocks across a program's stages: which variables are blocks, which are active, the program-wide
/// BUFFER numbering, bindings and packing from the source, and the reflection of their members.
public enum StorageBlockLayout {
    /// virglrenderer's buffer slots per stage (PIPE_MAX_SHADER_BUFFERS).
    public static let maxBuffers = 32

    /// Where the program put a block: its first BUFFER slot, its initial binding point and its packing.
    public struct Placement: Equatable, Sendable {
        public var slot: Int
        public var binding: Int
        public var std430: Bool
    }

    /// Whether a variable of `storageClass` pointing at `pointee` is a storage block (or an array of them).
    static func isStorageBlock(_ m: SPIRVModule, storageClass: UInt32, pointee: UInt32) -> Bool {
        if storageClass == 12 { return true }  // StorageBuffer
        guard storageClass == 2 else { return false }
        var t = pointee
        while case .array(let e, _)? = m.types[t] { t = e }
        return m.decoration(t, 3) != nil  // BufferBlock
    }

    /// An active storage block variable of a module.
    struct Block {
        var id: UInt32
        /// The block's GL name (its type name).
        var name: String
        /// The block struct type.
        var type: UInt32
        /// Block array dimensions (empty for one block).
        var dims: [Int]
        var count: Int { dims.reduce(1, *) }
        var hasInstanceName: Bool
    }

    /// The storage blocks `m` uses (an access reaches them), in declaration order.
    static func activeBlocks(_ m: SPIRVModule) -> [Block] {
        var referenced = Set<UInt32>()
        let accesses: Set<UInt32> = [57, 61, 62, 63, 65, 66, 68, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242]
        for body in m.functions.values {
            for i in body where accesses.contains(i.opcode) { referenced.formUnion(i.operands) }
        }
        var out: [Block] = []
        for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where referenced.contains(id) {
            guard case .pointer(_, let pointee)? = m.types[v.type], isStorageBlock(m, storageClass: v.storage, pointee: pointee) else { continue }
            var dims: [Int] = [], t = pointee
            while case .array(let e, let n)? = m.types[t] {
                dims.append(n)
                t = e
            }
            let instance = m.names[id] ?? ""
            out.append(Block(id: id, name: m.names[t] ?? (instance.isEmpty ? "block\(id)" : instance), type: t, dims: dims, hasInstanceName: !instance.isEmpty))
        }
        return out
    }

    /// Whether accesses to the block need the COHERENT qualifier: `coherent` or `volatile` on it or a member, or
    /// atomics on it (a plain load beside an atomic, as in a compare-and-swap loop, must see other invocations'
    /// writes; the host declares the buffer `coherent`).
    static func isCoherent(_ m: SPIRVModule, variable: UInt32, block: UInt32) -> Bool {
        let d: Set<UInt32> = [21, 23]  // Volatile, Coherent
        if m.decorations[variable]?.keys.contains(where: d.contains) ?? false { return true }
        if m.memberDecorations[block]?.values.contains(where: { $0.keys.contains(where: d.contains) }) ?? false { return true }
        for body in m.functions.values {
            var root: [UInt32: UInt32] = [:]
            for i in body {
                if (i.opcode == 65 || i.opcode == 66), i.count > 2 { root[i[1]] = root[i[2]] ?? i[2] }
                if (227...242).contains(i.opcode) {
                    let pointer = i.opcode == 228 ? i[0] : i[2]
                    if (root[pointer] ?? pointer) == variable { return true }
                }
            }
        }
        return false
    }

    /// Whether the block (or each of its members) is `readonly` (NonWritable).
    static func isReadOnly(_ m: SPIRVModule, variable: UInt32, block: UInt32) -> Bool {
        if m.decoration(variable, 24) != nil { return true }
        guard case .structure(let members)? = m.types[block], !members.isEmpty else { return false }
        return members.indices.allSatisfy { m.memberDecorations[block]?[$0]?[24] != nil }
    }

    /// Program-wide BUFFER slots for the active blocks of `modules` (the stages in pipeline order): a block used
    /// by several stages (the same name) gets one; an array takes one per element. Bindings and packing come from
    /// `sources` (glslang's SPIR-V has automatic bindings).
    public static func assign(_ modules: [SPIRVModule], sources: [String]) -> [String: Placement] {
        var declared: [String: (binding: Int?, std430: Bool)] = [:]
        for s in sources {
            for (name, d) in declarations(s) where declared[name] == nil || declared[name]?.binding == nil { declared[name] = d }
        }
        var out: [String: Placement] = [:]
        var next = 0
        for m in modules {
            for b in activeBlocks(m) where out[b.name] == nil {
                let d = declared[b.name]
                out[b.name] = Placement(slot: next, binding: d?.binding ?? 0, std430: d?.std430 ?? false)
                next += b.count
            }
        }
        return out
    }

    /// A link error when stages declare a storage block of one name differently (members, types, layout, or
    /// the size of an array of it; GLSL 4.30 §4.3.9), declared blocks whether used or not.
    public static func checkInterfaces(_ modules: [SPIRVModule]) -> ShaderError? {
        var seen: [String: String] = [:]
        for m in modules {
            for (_, v) in m.variables {
                guard case .pointer(_, let pointee)? = m.types[v.type], isStorageBlock(m, storageClass: v.storage, pointee: pointee) else { continue }
                var t = pointee, dims: [Int] = []
                while case .array(let e, let n)? = m.types[t] {
                    dims.append(n)
                    t = e
                }
                guard let name = m.names[t] else { continue }
                let signature = "\(dims) " + describe(m, t)
                if let other = seen[name], other != signature {
                    return ShaderError("error: shader storage block \(name) is declared differently in two shaders")
                }
                seen[name] = signature
            }
        }
        return nil
    }

    /// A link error when a storage block member other than the last is declared without a size (`T a[];`) and
    /// no stage indexes it, so nothing gives it one (GLSL 4.30 §4.1.9: only the last member may stay unsized).
    public static func checkImplicitSizes(_ modules: [SPIRVModule], sources: [String]) -> ShaderError? {
        for source in sources {
            for (block, member) in implicitlySizedMembers(source) {
                let used = modules.contains { m in
                    m.variables.contains { id, v in
                        guard case .pointer(_, let pointee)? = m.types[v.type], isStorageBlock(m, storageClass: v.storage, pointee: pointee) else { return false }
                        var t = pointee, depth = 0
                        while case .array(let e, _)? = m.types[t] { t = e; depth += 1 }
                        guard m.names[t] == block, let k = m.memberNames[t]?.first(where: { $0.value == member })?.key else { return false }
                        return m.functions.values.contains { body in
                            body.contains { i in
                                guard (i.opcode == 65 || i.opcode == 66), i.count > 3 + depth, i[2] == id,
                                      case .scalar(_, let n)? = m.constants[i[3 + depth]] else { return false }
                                return Int(n) == k
                            }
                        }
                    }
                }
                if !used {
                    return ShaderError("error: \(member), an array without a size in shader storage block \(block), is not its last member and no shader indexes it")
                }
            }
        }
        return nil
    }

    /// `(block, member)` for each member but the last of a `buffer BLOCK { … }` declared with empty brackets.
    static func implicitlySizedMembers(_ source: String) -> [(String, String)] {
        let t = GLSLBindingLayout.tokens(source)
        var out: [(String, String)] = []
        var i = 0
        while i + 2 < t.count {
            guard t[i] == "buffer", t[i + 2] == "{" else { i += 1; continue }
            let block = t[i + 1]
            var members: [(name: String, unsized: Bool)] = []
            var j = i + 3, current: [String] = []
            while j < t.count, t[j] != "}" {
                if t[j] == ";" {
                    if let open = current.firstIndex(of: "["), open > 0 {
                        members.append((current[open - 1], open + 1 < current.count && current[open + 1] == "]"))
                    } else if let last = current.last {
                        members.append((last, false))
                    }
                    current = []
                } else {
                    current.append(t[j])
                }
                j += 1
            }
            for m in members.dropLast() where m.unsized { out.append((block, m.name)) }
            i = j
        }
        return out
    }

    /// A type's shape and layout as text (member names, offsets, strides, majorness).
    static func describe(_ m: SPIRVModule, _ t: UInt32) -> String {
        switch m.types[t] {
        case .structure(let members)?:
            let parts = members.enumerated().map { k, member -> String in
                let d = m.memberDecorations[t]?[k]
                return "\(m.memberNames[t]?[k] ?? "") @\(d?[35]?.first ?? 0)\(d?[4] != nil ? " row" : "") \(describe(m, member))"
            }
            return "{" + parts.joined(separator: "; ") + "}"
        case .array(let e, let n)?: return "\(describe(m, e))[\(n)]/\(m.decoration(t, 6)?.first ?? 0)"
        case .runtimeArray(let e)?: return "\(describe(m, e))[]/\(m.decoration(t, 6)?.first ?? 0)"
        case .vector(let e, let n)?: return "\(describe(m, e))x\(n)"
        case .matrix(let c, let n)?: return "\(describe(m, c))c\(n)"
        case let other?: return "\(other)"
        default: return "?"
        }
    }

    /// `layout(…) buffer NAME {` declarations in a GLSL source: the explicit binding (nil: none) and whether the
    /// packing is std430 (the block's own, else the last `layout(std430|std140…) buffer;` default).
    static func declarations(_ source: String) -> [String: (binding: Int?, std430: Bool)] {
        let t = GLSLBindingLayout.tokens(source)
        var out: [String: (binding: Int?, std430: Bool)] = [:]
        var defaultStd430 = false
        let memory: Set<String> = ["readonly", "writeonly", "coherent", "volatile", "restrict", "highp", "mediump", "lowp"]
        for i in t.indices where t[i] == "buffer" && i + 1 < t.count {
            // Back over memory qualifiers and layout(…) groups.
            var binding: Int?
            var packing: Bool?
            var j = i - 1
            while j >= 0 {
                if memory.contains(t[j]) { j -= 1; continue }
                guard t[j] == ")" else { break }
                var open = j
                while open >= 0, t[open] != "(" { open -= 1 }
                guard open >= 1, t[open - 1] == "layout" else { break }
                for k in (open + 1)..<j {
                    switch t[k] {
                    case "std430": packing = true
                    case "std140", "shared", "packed": packing = false
                    case "binding" where k + 2 < j && t[k + 1] == "=": binding = GLSLBindingLayout.literal(t[k + 2])
                    default: break
                    }
                }
                j = open - 2
            }
            if t[i + 1] == ";" {
                if let packing { defaultStd430 = packing }
                continue
            }
            guard i + 2 < t.count, t[i + 2] == "{" else { continue }
            out[t[i + 1]] = (binding, packing ?? defaultStd430)
        }
        return out
    }

    /// The buffer variables of block `type`, named with `prefix` (`Block.` for a block with an instance name).
    static func members(_ m: SPIRVModule, _ type: UInt32, prefix: String) -> [StorageBlockMember] {
        var out: [StorageBlockMember] = []
        collect(m, type, prefix: prefix, base: 0, top: nil, into: &out)
        return out
    }

    private static func collect(_ m: SPIRVModule, _ type: UInt32, prefix: String, base: Int, top: (size: Int, stride: Int)?, into out: inout [StorageBlockMember]) {
        guard case .structure(let members)? = m.types[type] else { return }
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        for (k, member) in members.enumerated() {
            let d = m.memberDecorations[type]?[k]
            let offset = base + Int(d?[35]?.first ?? 0)
            let name = prefix + (m.memberNames[type]?[k] ?? "member\(k)")
            let rowMajor = d?[4] != nil
            let matrixStride = Int(d?[7]?.first ?? 0)
            var element: UInt32?, count = 0
            switch m.types[member] {
            case .array(let e, let n)?: element = e; count = n
            case .runtimeArray(let e)?: element = e; count = 0
            default: break
            }
            let topLevel = top ?? (element != nil ? (count, Int(m.decoration(member, 6)?.first ?? 0)) : (1, 0))
            if let e = element {
                let stride = Int(m.decoration(member, 6)?.first ?? 0)
                var inner = e
                while case .array(let x, _)? = m.types[inner] { inner = x }
                if case .structure? = m.types[inner] {
                    // Arrays of structs: the top-level array's first element only; nested ones element by element.
                    let elements = top == nil ? 1 : max(1, count)
                    for j in 0..<elements {
                        if case .structure? = m.types[e] {
                            collect(m, e, prefix: "\(name)[\(j)].", base: offset + j * stride, top: topLevel, into: &out)
                        }
                    }
                } else {
                    out.append(StorageBlockMember(
                        name: name + "[0]", type: t.glType(inner), arraySize: count, offset: offset, arrayStride: stride,
                        matrixStride: matrixStride, rowMajor: rowMajor, topLevelArraySize: topLevel.size, topLevelArrayStride: topLevel.stride))
                }
                continue
            }
            if case .structure? = m.types[member] {
                collect(m, member, prefix: name + ".", base: offset, top: topLevel, into: &out)
                continue
            }
            out.append(StorageBlockMember(
                name: name, type: t.glType(member), arraySize: 1, offset: offset, arrayStride: 0, matrixStride: matrixStride,
                rowMajor: rowMajor, topLevelArraySize: topLevel.size, topLevelArrayStride: topLevel.stride))
        }
    }

    /// GL_BUFFER_DATA_SIZE of block `type`: its last byte, an unsized array counted with one element, rounded up
    /// to the block's alignment (std140: 16 bytes).
    static func dataSize(_ m: SPIRVModule, _ type: UInt32, std430: Bool) -> Int {
        let end = extent(m, type)
        let align = std430 ? alignment(m, type) : 16
        return (end + align - 1) / align * align
    }

    /// Bytes from a struct's start to the end of its last member.
    static func extent(_ m: SPIRVModule, _ type: UInt32) -> Int {
        guard case .structure(let members)? = m.types[type] else { return 0 }
        var end = 0
        for (k, member) in members.enumerated() {
            let d = m.memberDecorations[type]?[k]
            let offset = Int(d?[35]?.first ?? 0)
            end = max(end, offset + size(m, member, rowMajor: d?[4] != nil, matrixStride: Int(d?[7]?.first ?? 16)))
        }
        return end
    }

    static func size(_ m: SPIRVModule, _ t: UInt32, rowMajor: Bool, matrixStride: Int) -> Int {
        switch m.types[t] {
        case .array(let e, let n)?:
            let stride = Int(m.decoration(t, 6)?.first ?? 16)
            return n == 0 ? 0 : stride * (n - 1) + size(m, e, rowMajor: rowMajor, matrixStride: matrixStride)
        case .runtimeArray?: return Int(m.decoration(t, 6)?.first ?? 16)
        case .matrix(let col, let cols)?:
            let rows = m.components(col)
            return rowMajor ? matrixStride * rows : matrixStride * cols
        case .structure?:
            let inner = extent(m, t)
            let a = alignment(m, t)
            return (inner + a - 1) / a * a
        default:
            return (m.scalar(t) == .double ? 8 : 4) * m.components(t)
        }
    }

    /// std430 base alignment of a type.
    static func alignment(_ m: SPIRVModule, _ t: UInt32) -> Int {
        switch m.types[t] {
        case .array(let e, _)?, .runtimeArray(let e)?: return alignment(m, e)
        case .structure(let members)?: return members.map { alignment(m, $0) }.max() ?? 4
        case .matrix(let col, _)?: return alignment(m, col)
        case .vector(let s, let n)?:
            let scalar = m.types[s] == .double ? 8 : 4
            return scalar * (n == 2 ? 2 : 4)
        default: return m.scalar(t) == .double ? 8 : 4
        }
    }
}

extension LinkedProgram {
    /// The program's active storage blocks by BUFFER slot (= GL block index), merged across the stages that use
    /// each.
    public var storageBlocks: [StorageBlockInfo] {
        var bySlot: [Int: StorageBlockInfo] = [:]
        for (_, shader) in stages {
            for b in shader.storageBlocks {
                if var existing = bySlot[b.slot] {
                    existing.stages.formUnion(b.stages)
                    existing.readOnly = existing.readOnly && b.readOnly
                    bySlot[b.slot] = existing
                } else {
                    bySlot[b.slot] = b
                }
            }
        }
        return bySlot.keys.sorted().compactMap { bySlot[$0] }
    }
}
