/// GLSL images (GL 4.2, ARB_shader_image_load_store) → TGSI IMAGE declarations and LOAD, STORE, ATOM*, RESQ and
/// MEMBAR instructions, in the text form virglrenderer's parser reads (`DCL IMAGE[n], 2D, PIPE_FORMAT_…, WR`;
/// `LOAD dst, IMAGE[n], coord, 2D, PIPE_FORMAT_…`). The host writes them back as GLSL image built-ins.
extension TGSITranslator {
    /// One image a value or pointer names: its IMAGE index (the program-wide image slot), TGSI target, the
    /// format its instructions carry and their memory qualifiers (`, COHERENT` …).
    struct ImageRef {
        var index: Int
        var target: String
        var format: String
        var qualifiers: String
        /// An element of an image array chosen by a variable: the register component holding its (clamped)
        /// index from `index`, the array's first image, and the array's element count.
        var dynamic: (index: String, count: Int)? = nil
    }

    /// What the translator knows about images.
    struct ImageState {
        /// IMAGE index → the GL uniform name (`img`, `imgs[1]`).
        var names: [Int: String] = [:]
        /// Image variables: their images (one per element of an array, flattened).
        var variables: [UInt32: [ImageRef]] = [:]
        /// Array dimensions of image array variables.
        var arrayDims: [UInt32: [Int]] = [:]
        /// Loaded images and pointers (access chains, function parameters) → the image.
        var refs: [UInt32: ImageRef] = [:]
        /// OpImageTexelPointer results: the image, the coordinate id and the sample id.
        var texels: [UInt32: (image: ImageRef, coord: UInt32, sample: UInt32)] = [:]
    }

    /// Declares an image uniform variable (or an array of them); false for any other variable.
    mutating func declareImage(_ id: UInt32, _ name: String, _ pointee: UInt32) throws -> Bool {
        let suffixes: [String], element: UInt32
        if ProgramCompiler.imageKind(m, pointee) != nil {
            (suffixes, element) = ([""], pointee)
        } else if let (dims, e) = Self.arrayDimensions(m, pointee), ProgramCompiler.imageKind(m, e) != nil {
            (suffixes, element) = (Self.elementSuffixes(dims), e)
            imageState.arrayDims[id] = dims
        } else {
            return false
        }
        _ = element
        // Decorations: NonWritable 24 (readonly), Coherent 23, Volatile 21, Restrict 19.
        let writable = m.decoration(id, 24) == nil
        var qualifiers = ""
        if m.decoration(id, 23) != nil { qualifiers += ", COHERENT" }
        if m.decoration(id, 21) != nil { qualifiers += ", VOLATILE" }
        if m.decoration(id, 19) != nil { qualifiers += ", RESTRICT" }
        var refs: [ImageRef] = []
        for suffix in suffixes {
            guard let u = uniforms[name + suffix], case .image(let target, let format, let glType) = u.kind else {
                throw ShaderError("image \(name)\(suffix) is not in the program's uniform table")
            }
            // Without a format qualifier (writeonly images): float images are declared without one (the host
            // writes `writeonly image*`), integer images as four 32-bit components of their type.
            let isFloat = ProgramCompiler.defaultImageFormat(glType: glType) == "PIPE_FORMAT_R32G32B32A32_FLOAT"
            let declared = format.isEmpty && !isFloat ? ProgramCompiler.defaultImageFormat(glType: glType) : format
            decls.append("DCL IMAGE[\(u.slot)], \(target)\(declared.isEmpty ? "" : ", " + declared)\(writable ? ", WR" : "")")
            imageState.names[u.slot] = name + suffix
            refs.append(ImageRef(
                index: u.slot, target: target, format: format.isEmpty ? ProgramCompiler.defaultImageFormat(glType: glType) : format,
                qualifiers: qualifiers))
        }
        imageState.variables[id] = refs
        // Image variables are no values of their own; a call passing one gives its parameter the same image.
        values[id] = Val(regs: [], comps: 0, kind: "f")
        return true
    }

    /// The image a pointer or loaded value names.
    func imageRef(_ id: UInt32) -> ImageRef? {
        if let r = imageState.refs[id] { return r }
        if let v = imageState.variables[id], v.count == 1, imageState.arrayDims[id] == nil { return v[0] }
        return nil
    }

    /// Whether `type` is a storage image type (GLSL image*).
    func isStorageImage(_ type: UInt32) -> Bool { m.imageOperands[type]?.sampled == 2 }

    /// Translates an image instruction; false for instructions that are not about images.
    mutating func imageInstruction(_ i: SPIRVModule.Instruction) throws -> Bool {
        switch i.opcode {
        case 61 where isStorageImage(i[0]):  // OpLoad of an image
            guard let r = imageRef(i[2]) else { throw ShaderError("image load from an unknown image") }
            imageState.refs[i[1]] = r
            values[i[1]] = Val(regs: [], comps: 0, kind: "f")
            return true
        case 65 where imageState.variables[i[2]] != nil || imageState.arrayDims[i[2]] != nil:  // element of an image array
            guard let all = imageState.variables[i[2]], let dims = imageState.arrayDims[i[2]], i.count - 3 == dims.count else {
                throw ShaderError("access chain into an image array")
            }
            var flat = 0
            var dynamic = false
            for (k, d) in dims.enumerated() {
                guard case .scalar(_, let bits)? = m.constants[i[3 + k]] else {
                    dynamic = true
                    break
                }
                flat = flat * d + Int(min(bits, UInt32(d - 1)))
            }
            guard dynamic else {
                imageState.refs[i[1]] = all[min(flat, all.count - 1)]
                return true
            }
            // A variable index (GLSL 4.00, ARB_gpu_shader5): the flattened element index, clamped to the array,
            // selects the element (`emitImageInstruction`).
            let t = newTemp()
            code.append("MOV TEMP[\(t)].x, \(intImm(0))")
            var stride = all.count
            for (k, d) in dims.enumerated() {
                stride /= d
                let index = src(try value(i[3 + k]).regs[0], [0])
                let c = newTemp()
                code.append("UMIN TEMP[\(c)].x, \(index), \(intImm(d - 1))")
                code.append("UMAD TEMP[\(t)].x, TEMP[\(c)].xxxx, \(intImm(stride)), TEMP[\(t)].xxxx")
            }
            var r = all[0]
            r.dynamic = ("TEMP[\(t)].xxxx", all.count)
            imageState.refs[i[1]] = r
            return true
        case 57:  // OpFunctionCall: image arguments give their parameters the same image
            if let params = functionParameters[i[2]] {
                for (p, a) in zip(params, (3..<i.count).map({ i[$0] })) {
                    if let r = imageRef(a) { imageState.refs[p] = r }
                }
            }
            return false
        case 60:  // OpImageTexelPointer: result type, result, image pointer, coordinate, sample
            guard let r = imageRef(i[2]) else { throw ShaderError("texel pointer into an unknown image") }
            imageState.texels[i[1]] = (r, i[3], i[4])
            return true
        case 98:  // OpImageRead
            guard let r = imageRef(i[2]) else { return false }
            let coord = try imageCoordinate(r, i[3], sample: i.count > 5 && i[4] & 0x40 != 0 ? i[5] : nil)
            let v = define(i[1], i[0])
            let t = newTemp()
            code.append("MOV TEMP[\(t)], \(intImm(0))")
            emitImageInstruction(r) { "LOAD TEMP[\(t)], \($0), \(coord), \(r.target), \(r.format)\(r.qualifiers)" }
            code.append("MOV \(v.regs[0])\(mask(v.comps)), TEMP[\(t)]")
            return true
        case 99:  // OpImageWrite: image, coordinate, texel
            guard let r = imageRef(i[0]) else { return false }
            let coord = try imageCoordinate(r, i[1], sample: i.count > 4 && i[3] & 0x40 != 0 ? i[4] : nil)
            let data = try value(i[2])
            let value = operand(data, 4)
            emitImageInstruction(r) { "STORE \($0), \(coord), \(value), \(r.target), \(r.format)\(r.qualifiers)" }
            return true
        case 104, 103:  // OpImageQuerySize(Lod) of an image: imageSize
            guard let r = imageRef(i[2]) else { return false }
            let v = define(i[1], i[0])
            let dst = "\(v.regs[0])\(mask(v.comps))"
            emitImageInstruction(r) { "RESQ \(dst), \($0), \(r.target), \(r.format)" }
            return true
        case 107:  // OpImageQuerySamples: imageSamples
            guard let r = imageRef(i[2]) else { return false }
            let v = define(i[1], i[0])
            let t = newTemp()
            emitImageInstruction(r) { "RESQ TEMP[\(t)].w, \($0), \(r.target), \(r.format)" }
            code.append("MOV \(v.regs[0]).x, TEMP[\(t)].wwww")
            return true
        case 227...242:
            let pointerOperand = i.opcode == 228 ? 0 : 2
            guard let texel = imageState.texels[i[pointerOperand]] else { return false }
            try imageAtomic(i, texel)
            return true
        case 225:  // OpMemoryBarrier: scope, semantics
            guard case .scalar(_, let semantics)? = m.constants[i[1]] else { return false }
            // UniformMemory 0x40 → shader buffers (1), AtomicCounterMemory 0x400 → 2, ImageMemory 0x800 → 4,
            // WorkgroupMemory 0x100 → shared (8): TGSI_MEMBAR_*.
            var flags = 0
            if semantics & 0x40 != 0 { flags |= 1 }
            if semantics & 0x400 != 0 { flags |= 2 }
            if semantics & 0x800 != 0 { flags |= 4 }
            if semantics & 0x100 != 0 { flags |= 8 }
            guard flags != 0 else { return false }
            code.append("MEMBAR \(intImm(flags))")
            return true
        default:
            return false
        }
    }

    /// Appends the instruction `make` writes for an IMAGE operand of `r`. An element chosen by a variable runs it
    /// under a test of the index for each element (no indirect IMAGE operand, so the host needs no image arrays,
    /// whose merging of consecutive declarations depends on their formats matching).
    mutating func emitImageInstruction(_ r: ImageRef, _ make: (String) -> String) {
        guard let d = r.dynamic else { return code.append(make("IMAGE[\(r.index)]")) }
        let c = newTemp()
        for k in 0..<d.count {
            code.append("USEQ TEMP[\(c)].x, \(d.index), \(intImm(k))")
            code.append("UIF TEMP[\(c)].xxxx")
            code.append(make("IMAGE[\(r.index + k)]"))
            code.append("ENDIF")
        }
    }

    /// The coordinate operand of an image instruction: integer components (a multisampled image's sample in w).
    mutating func imageCoordinate(_ r: ImageRef, _ id: UInt32, sample: UInt32?) throws -> String {
        let c = try value(id)
        guard let sample, r.target.hasSuffix("MSAA") else { return src(c.regs[0], Array(0..<max(1, c.comps))) }
        let t = newTemp()
        code.append("MOV TEMP[\(t)]\(mask(c.comps)), \(operand(c, c.comps))")
        code.append("MOV TEMP[\(t)].w, \(src(try value(sample).regs[0], [0]))")
        return "TEMP[\(t)]"
    }

    /// imageAtomic*: OpAtomic* on a texel pointer → ATOM* returning the texel's old value.
    mutating func imageAtomic(_ i: SPIRVModule.Instruction, _ texel: (image: ImageRef, coord: UInt32, sample: UInt32)) throws {
        let r = texel.image
        let sample: UInt32? = r.target.hasSuffix("MSAA") ? texel.sample : nil
        let coord = try imageCoordinate(r, texel.coord, sample: sample)
        let tail = ", \(r.target), \(r.format)\(r.qualifiers)"
        // The operation and its value operands (computed before ADDR[2] is set for the image operand).
        let op: String, operands: String
        switch i.opcode {
        case 228: (op, operands) = ("ATOMXCHG", operand(try value(i[3]), 1))  // OpAtomicStore: the old value is dropped
        case 227: (op, operands) = ("ATOMOR", intImm(0))  // OpAtomicLoad: an OR with zero
        case 229: (op, operands) = ("ATOMXCHG", operand(try value(i[5]), 1))
        case 230, 231:
            // OpAtomicCompareExchange: …, value (i[6]), comparator (i[7]); ATOMCAS takes the comparator first.
            (op, operands) = ("ATOMCAS", "\(operand(try value(i[7]), 1)), \(operand(try value(i[6]), 1))")
        case 232: (op, operands) = ("ATOMUADD", intImm(1))
        case 233: (op, operands) = ("ATOMUADD", intImm(-1))
        case 234: (op, operands) = ("ATOMUADD", operand(try value(i[5]), 1))
        case 235:
            let t = newTemp()
            code.append("INEG TEMP[\(t)].x, \(operand(try value(i[5]), 1))")
            (op, operands) = ("ATOMUADD", "TEMP[\(t)].xxxx")
        default:
            op = [236: "ATOMIMIN", 237: "ATOMUMIN", 238: "ATOMIMAX", 239: "ATOMUMAX", 240: "ATOMAND", 241: "ATOMOR", 242: "ATOMXOR"][Int(i.opcode)]!
            operands = operand(try value(i[5]), 1)
        }
        let dst: String
        if i.opcode == 228 {
            dst = "TEMP[\(newTemp())].x"
        } else {
            dst = "\(define(i[1], i[0]).regs[0]).x"
        }
        emitImageInstruction(r) { "\(op) \(dst), \($0), \(coord), \(operands)\(tail)" }
    }
}
