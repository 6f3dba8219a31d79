/// A SPIR-V module, read into what the TGSI translator needs: types, constants, variables with their
/// decorations, names, and the entry point's instructions.
public struct SPIRVModule {
    public struct Instruction {
        public var opcode: UInt32
        public var operands: ArraySlice<UInt32>
        /// Operand `i` (0 = the first word after the opcode word).
        public subscript(_ i: Int) -> UInt32 { operands[operands.startIndex + i] }
        public var count: Int { operands.count }
    }

    public indirect enum SPIRType: Equatable {
        case void
        case bool
        case int(signed: Bool)
        case float
        /// A 64-bit float (ARB_gpu_shader_fp64).
        case double
        case vector(UInt32, count: Int)
        case matrix(column: UInt32, columns: Int)
        case array(UInt32, count: Int)
        case runtimeArray(UInt32)
        case structure([UInt32])
        case pointer(storage: UInt32, pointee: UInt32)
        /// `multisampled`: OpTypeImage's MS operand (sampler2DMS, sampler2DMSArray).
        case image(dim: UInt32, arrayed: Bool, multisampled: Bool = false, sampledType: UInt32)
        case sampledImage(UInt32)
        case sampler
        case function
    }

    public enum Constant: Equatable {
        case scalar(type: UInt32, bits: UInt32)
        /// A 64-bit float constant.
        case double(type: UInt32, bits: UInt64)
        case composite(type: UInt32, parts: [UInt32])
    }

    public var types: [UInt32: SPIRType] = [:]
    public var constants: [UInt32: Constant] = [:]
    /// Variables: result id → (pointer type, storage class).
    public var variables: [UInt32: (type: UInt32, storage: UInt32)] = [:]
    /// Variables declared with an initializer (GLSL uniform initializers): the constant's id.
    public var initializers: [UInt32: UInt32] = [:]
    /// OpExecutionMode of the entry point: mode → its literals (geometry primitives, vertex count, …).
    public var executionModes: [UInt32: [UInt32]] = [:]
    public var names: [UInt32: String] = [:]
    public var memberNames: [UInt32: [Int: String]] = [:]
    /// Decorations: id → decoration → literal operands.
    public var decorations: [UInt32: [UInt32: [UInt32]]] = [:]
    public var memberDecorations: [UInt32: [Int: [UInt32: [UInt32]]]] = [:]
    public var glslStd450: UInt32?
    /// The id of the SPV_AMD_shader_trinary_minmax extended instruction set, when imported.
    public var amdTrinaryMinMax: UInt32?
    /// OpSource's version (the GLSL version glslang compiled, e.g. 330).
    public var sourceVersion = 0
    public var entryPoint: UInt32 = 0
    public var entryPointInterface: [UInt32] = []
    /// Result types of instructions, by result id.
    public var resultTypes: [UInt32: UInt32] = [:]
    /// Functions: id → instructions from OpFunction to OpFunctionEnd.
    public var functions: [UInt32: [Instruction]] = [:]
    /// OpTypeImage's Sampled (2: a storage image, GLSL image*) and Image Format operands, by type id.
    public var imageOperands: [UInt32: (sampled: UInt32, format: UInt32)] = [:]

    public init(words: [UInt32]) throws {
        guard words.count >= 5, words[0] == 0x0723_0203 else { throw ShaderError("not a SPIR-V module") }
        var i = 5
        var current: UInt32?
        while i < words.count {
            let count = Int(words[i] >> 16), opcode = words[i] & 0xFFFF
            guard count > 0, i + count <= words.count else { throw ShaderError("malformed SPIR-V at word \(i)") }
            let inst = Instruction(opcode: opcode, operands: words[(i + 1)..<(i + count)])
            i += count
            try record(inst, &current)
        }
    }

    static func string(_ operands: ArraySlice<UInt32>) -> String {
        var bytes: [UInt8] = []
        for w in operands {
            for k in 0..<4 {
                let b = UInt8(truncatingIfNeeded: w >> (8 * k))
                if b == 0 { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func record(_ inst: Instruction, _ current: inout UInt32?) throws {
        let o = inst
        if let f = current {
            functions[f, default: []].append(inst)
            if o.opcode == 59 { variables[o[1]] = (o[0], o[2]) }  // function-local variables
            if o.opcode == 56 { current = nil }  // OpFunctionEnd
            if let result = Self.resultID(inst) { resultTypes[result.id] = result.type }
            return
        }
        switch o.opcode {
        case 3: sourceVersion = Int(o[1])
        case 5: names[o[0]] = Self.string(o.operands.dropFirst())
        case 6: memberNames[o[0], default: [:]][Int(o[1])] = Self.string(o.operands.dropFirst(2))
        case 11:
            switch Self.string(o.operands.dropFirst()) {
            case "GLSL.std.450": glslStd450 = o[0]
            case "SPV_AMD_shader_trinary_minmax": amdTrinaryMinMax = o[0]
            default: break
            }
        case 15:
            entryPoint = o[1]
            // Execution model, entry id, the name (NUL-terminated, padded to words), then the interface ids.
            let name = Self.string(o.operands.dropFirst(2))
            entryPointInterface = Array(o.operands.dropFirst(2 + (name.utf8.count + 4) / 4))
        case 19: types[o[0]] = .void
        case 20: types[o[0]] = .bool
        case 21: types[o[0]] = .int(signed: o[2] != 0)
        case 22: types[o[0]] = o[1] == 64 ? .double : .float
        case 23: types[o[0]] = .vector(o[1], count: Int(o[2]))
        case 24: types[o[0]] = .matrix(column: o[1], columns: Int(o[2]))
        case 25:
            types[o[0]] = .image(dim: o[2], arrayed: o[4] != 0, multisampled: o[5] != 0, sampledType: o[1])
            imageOperands[o[0]] = (o[6], o[7])
        case 26: types[o[0]] = .sampler
        case 27: types[o[0]] = .sampledImage(o[1])
        case 28:
            guard case .scalar(_, let n)? = constants[o[2]] else { throw ShaderError("array length is not a constant") }
            types[o[0]] = .array(o[1], count: Int(n))
        case 29: types[o[0]] = .runtimeArray(o[1])
        case 30: types[o[0]] = .structure(Array(o.operands.dropFirst()))
        case 32: types[o[0]] = .pointer(storage: o[1], pointee: o[2])
        case 33: types[o[0]] = .function
        case 41: constants[o[1]] = .scalar(type: o[0], bits: ~0)
        case 42: constants[o[1]] = .scalar(type: o[0], bits: 0)
        case 43:
            if o.count >= 4 {
                // A 64-bit literal: low word first.
                constants[o[1]] = .double(type: o[0], bits: UInt64(o[2]) | UInt64(o[3]) << 32)
            } else {
                constants[o[1]] = .scalar(type: o[0], bits: o[2])
            }
        case 44: constants[o[1]] = .composite(type: o[0], parts: Array(o.operands.dropFirst(2)))
        case 59:
            variables[o[1]] = (o[0], o[2])
            if o.operands.count > 3 { initializers[o[1]] = o[3] }
        case 71: decorations[o[0], default: [:]][o[1]] = Array(o.operands.dropFirst(2))
        case 72: memberDecorations[o[0], default: [:]][Int(o[1]), default: [:]][o[2]] = Array(o.operands.dropFirst(3))
        case 54:
            current = o[1]
            functions[o[1]] = [inst]
        case 16: executionModes[o[1]] = Array(o.operands.dropFirst(2))
        case 17, 14, 7, 8, 10, 2, 4, 1, 0: break  // capabilities, memory model, debug info (3, OpSource: above)
        case 45, 46, 47, 48, 49, 50, 51, 52:
            throw ShaderError("SPIR-V opcode \(o.opcode) (null or specialization constants) is not supported")
        default: break
        }
    }

    /// (result type, result id) of an instruction that has them, for the opcodes the translator reads.
    static func resultID(_ o: Instruction) -> (type: UInt32, id: UInt32)? {
        switch o.opcode {
        case 12, 55, 57, 59, 61, 65, 77, 78, 79, 80, 81, 82, 83, 84, 86, 87, 88, 95, 100, 109...112, 115, 124, 126...148, 154...156,
            164...191, 194...200, 207...215, 245,
            149...152, 201...205, 105,  // carry/borrow/extended multiply, bit-field operations, query lod
            89...94, 96, 97, 101...104, 106, 107,  // the other image lookups and queries
            68, 60, 98, 227, 229...242:  // OpArrayLength; storage images: texel pointers, reads; atomics
            return o.count >= 2 ? (o[0], o[1]) : nil
        default: return nil
        }
    }

    public func decoration(_ id: UInt32, _ d: UInt32) -> [UInt32]? { decorations[id]?[d] }

    /// The number of 32-bit components a value of `type` holds (matrices: per column × columns).
    public func components(_ type: UInt32) -> Int {
        switch types[type] {
        case .vector(_, let n): return n
        case .matrix(let col, let n): return components(col) * n
        default: return 1
        }
    }

    /// The scalar type at the bottom of `type`.
    public func scalar(_ type: UInt32) -> SPIRType? {
        switch types[type] {
        case .vector(let s, _): return types[s]
        case .matrix(let col, _): return scalar(col)
        case let t: return t
        }
    }
}
