import Foundation

/// A uniform of the default block, as the program lays it out in constant buffer 0 (one vec4 slot per
/// vector, a slot per matrix column, slots per array element).
public struct UniformSlot: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case float, int, uint, bool, double, sampler(target: String, returns: String)
        /// A GLSL image (ARB_shader_image_load_store): its TGSI target, the PIPE_FORMAT of its format layout
        /// qualifier ("" without one) and its GL type (GL_IMAGE_2D, …); `slot` is its image index in the program.
        case image(target: String, format: String, glType: UInt32)
    }
    public var name: String
    public var kind: Kind
    /// Components per vector (1–4); matrices: rows.
    public var components: Int
    /// Matrix columns (1 for non-matrices).
    public var columns: Int
    /// Array elements (1 for non-arrays).
    public var count: Int
    /// First slot in CONST[0] (samplers: the sampler index).
    public var slot: Int
}

/// A uniform block the program reads: CONST[index] on the host, bound from GL binding point `binding`.
public struct UniformBlockInfo: Equatable, Sendable {
    public var name: String
    public var binding: Int
    public var size: Int
    /// The block's members as GL lists them (glGetUniformIndices, glGetActiveUniformsiv).
    public var members: [UniformBlockMember] = []
}

/// One active member of a uniform block: its GL name and where it lives in the buffer (std140 offsets from
/// the SPIR-V Offset, ArrayStride and MatrixStride decorations).
public struct UniformBlockMember: Equatable, Sendable {
    public var name: String
    /// The GL type enum value (GL_FLOAT_VEC4 = 0x8B52, …).
    public var type: UInt32
    public var arraySize: Int
    public var offset: Int
    public var arrayStride: Int
    public var matrixStride: Int
    public var rowMajor: Bool
}

/// One translated stage: TGSI text for the host, and what the driver needs to feed it.
public struct TGSIShader: Sendable {
    public var text: String
    /// Vertex shaders: the attribute location each IN[i] reads.
    public var inputLocations: [Int]
    /// Vertex shaders: which 16 bytes of that attribute IN[i] reads (1: the third and fourth doubles of a dvec3
    /// or dvec4, which take one location and two inputs); empty when every input reads the first.
    public var inputParts: [Int] = []
    /// A generous token count for CREATE_OBJECT(SHADER).
    public var numTokens: Int
    /// Samplers used, by SAMP index: the default-block uniform (a UniformSlot of kind sampler) naming the unit.
    public var samplers: [String]
    public var blocks: [UniformBlockInfo]
    /// Vertex and geometry stages: the named outputs, for transform feedback.
    public var outputs: [ShaderOutput] = []
    /// SAMP indexes whose legacy shadow lookups return GL_DEPTH_TEXTURE_MODE's vec4 (compatibility).
    public var depthModeSamplers: Set<Int> = []
    /// Fragment stage: the colour outputs by name, with their location and blend source index
    /// (glGetFragDataLocation, glGetFragDataIndex).
    public var fragmentOutputs: [String: FragmentOutput] = [:]
    /// The shader storage blocks it uses (BUFFER slots; TGSITranslator+StorageBuffers).
    public var storageBlocks: [StorageBlockInfo] = []
    /// The image uniforms this stage uses, by TGSI IMAGE index (the program-wide image slot).
    public var images: [Int: String] = [:]
    /// Fragment stage: layout(early_fragment_tests).
    public var earlyFragmentTests = false
}

/// A fragment shader's colour output: the draw buffer it writes (`location`) and which source of dual-source
/// blending it is (`index`, 0 or 1; ARB_blend_func_extended).
public struct FragmentOutput: Sendable, Equatable {
    public var location: Int
    public var index: Int
    /// Locations it takes (an array's length).
    public var count: Int
    public init(location: Int, index: Int, count: Int = 1) {
        self.location = location
        self.index = index
        self.count = count
    }
}

/// VirglGL's SPIR-V → TGSI text translator for vertex and fragment shaders of GLSL 3.30–4.50 core programs.
/// Unsupported constructs throw `ShaderError` naming the construct; they never produce a wrong shader.
public struct TGSITranslator {
    let m: SPIRVModule
    let stage: ShaderStage
    let uniforms: [String: UniformSlot]

    var decls: [String] = []
    var imms: [String] = []
    var code: [String] = []
    var temps = 0
    var values: [UInt32: Val] = [:]
    var pointers: [UInt32: Ptr] = [:]
    var varRegs: [UInt32: Ptr] = [:]
    var inputLocations: [Int] = []
    var inputParts: [Int] = []
    var samplerNames: [String] = []
    /// The TGSI texture target of each sampler variable (or sampler-array element pointer).
    var samplerTargets: [UInt32: String] = [:]
    /// Sampler arrays' dimensions, outermost first (one entry for a plain array).
    var samplerArrayDims: [UInt32: [Int]] = [:]
    /// Image uniforms and the values that name them (TGSITranslator+Images).
    var imageState = ImageState()
    /// Results computed under `precise` (TGSITranslator+Precise).
    var preciseValues: Set<UInt32> = []

    /// The dimensions of an array (of arrays) type, outermost first, and its element type; nil for a non-array.
    static func arrayDimensions(_ m: SPIRVModule, _ type: UInt32) -> ([Int], UInt32)? {
        var dims: [Int] = [], t = type
        while case .array(let e, let n)? = m.types[t] {
            dims.append(n)
            t = e
        }
        return dims.isEmpty ? nil : (dims, t)
    }

    /// `[i][j]…` for every element of an array with `dims`, in row-major order.
    static func elementSuffixes(_ dims: [Int]) -> [String] {
        dims.reduce([""]) { prefixes, n in prefixes.flatMap { p in (0..<n).map { "\(p)[\($0)]" } } }
    }

    /// Sampler-array elements chosen by a variable: the array's first SAMP, count, target and the index register.
    var dynamicSamplers: [UInt32: (first: Int, count: Int, target: String, index: String)] = [:]
    /// Default-block uniforms of struct type holding samplers, by variable: their GL names.
    var samplerStructs: [UInt32: String] = [:]
    /// TGSI targets of the samplers declared by name (`declareNamedSampler`).
    var samplerTargetByName: [String: String] = [:]
    /// Whether ADDR[2] (sampler indexing) is used.
    var usesSamplerAddress = false

    /// A SAMP index as an operand: a number, or ADDR[2].x plus the array's first sampler.
    struct SamplerIndex: CustomStringConvertible {
        var base: Int
        var dynamic: Bool
        var description: String { dynamic ? "ADDR[2].x+\(base)" : "\(base)" }
    }

    /// Sampler arrays: their first SAMP index, element count and target.
    var samplerArrays: [UInt32: (first: Int, count: Int, target: String)] = [:]
    var samplerIndex: [UInt32: Int] = [:]
    var blocks: [UniformBlockInfo] = []
    var blockIndex: [UInt32: Int] = [:]
    var usesAddress = false
    var declaredOutputs = 0
    /// Compute shaders: shared memory and system values (TGSITranslator+Compute).
    var computeState = ComputeState()
    /// Shader storage blocks (TGSITranslator+StorageBuffers): the program's numbering, and what is declared.
    public var storage = TGSIStorageState()

    /// A value: registers (one per matrix column) and components per register. Doubles (kind "d") take two
    /// channels each: a column of `comps` doubles spans (comps + 1) / 2 registers (xy, zw), see `dsrc`.
    struct Val {
        var regs: [String]
        var comps: Int
        /// Float, int, uint, bool or double.
        var kind: Character
    }

    /// Scratch registers of double operations (`dop`), declared once.
    var doubleScratch: Int?

    /// Where a pointer points: a register file base, a slot within it, a component offset, the pointee type; an
    /// optional dynamic slot index (CONST arrays).
    struct Ptr {
        var file: String
        var slot: Int
        var component: Int
        var type: UInt32
        /// A variable index: the register component holding it, the slots per step, and the step count.
        var dynamic: (index: String, stride: Int, count: Int)?
        /// Uniform-block matrices laid out row_major: each slot holds a row. `rowMajorColumn`: a column of
        /// such a matrix (gathered from component n of each row).
        var rowMajor = false
        var rowMajorColumn: Int?
        /// Slots per row of that row-major matrix (two for rows of three or four doubles).
        var rowSlots = 1
        /// A vector component chosen by a variable: the register component holding it and the vector size.
        var dynamicComponent: (index: String, count: Int)?
        /// Output registers of the same variable that must be written as a whole (none for now).
        /// Geometry-shader inputs: the vertex (IN[vertex][slot]).
        var vertex: String?
        /// A per-vertex array of a tessellation stage (inputs, and the control stage's outputs): the first
        /// index of an access chain picks the vertex.
        var perVertexArray = false
        /// gl_TessLevelOuter/Inner: the elements of a float array packed into the components of one register.
        var packedScalars = false
        /// A packed varying array (ProgramCompiler+VaryingPacking): its leaves (elements, or matrix columns) of
        /// `width` components sit `perSlot` to a register from register `base`; an access chain reaching a leaf
        /// places it (`placePackedLeaf`).
        var packedLeaves: (base: Int, perSlot: Int, width: Int)?
        /// Instructions that set the address registers this pointer's register text uses (a variable vertex or
        /// block index: UARL ADDR[1]), emitted right before each load or store through it, so that two access
        /// chains made before their loads do not overwrite each other's index.
        var setup: [String] = []
        /// An element of a small uniform block array chosen by a variable: the register component holding the
        /// adjusted index (element k is CONST[first + k] when it equals first - 1 + k), the first buffer and the
        /// element count. Loads through it select among the elements (TGSITranslator+BlockArraySelect).
        var blockSelect: (index: String, first: Int, count: Int)?
        /// A pointer into a shader storage block: its buffer and byte address (TGSITranslator+StorageBuffers).
        var storage: StorageAccess?
        /// Register `slot` of this pointer's file (and vertex), without its dynamic index.
        func at(_ slot: Int) -> String { "\(file)\(vertex.map { "[\($0)]" } ?? "")[\(slot)]" }
        func reg(_ extra: Int = 0, address: Bool = false) -> String {
            let v = vertex.map { "[\($0)]" } ?? ""
            if let _ = dynamic, address { return "\(file)\(v)[ADDR[0].x+\(slot + extra)]" }
            return "\(file)\(v)[\(slot + extra)]"
        }
    }

    /// Where gl_ClipDistance's temporaries are copied into the CLIPDIST outputs: the end of main, each return
    /// from main and each EmitVertex (replaced when the program is assembled).
    static let clipDistanceCopyMarker = "@CLIPDIST"

    /// gl_ClipDistance and gl_CullDistance written by this stage: the temporaries holding them (one per element,
    /// in .x, so that a variable index works; the clip distances, then the cull distances) and the CLIPDIST
    /// outputs they are packed into, four distances each — TGSI packs cull distances after the clip distances.
    var clipDistance: (temp: Int, count: Int, outputs: [Int], clip: Int)?
    /// Shadow lookups' whole TEX results (the host applies the view's swizzle to them: GL_DEPTH_TEXTURE_MODE), by
    /// the value, or the function variable it was stored in (`virglgl_op_SHADOW4`).
    var shadowResults: [UInt32: (reg: String, sampler: Int)] = [:]
    /// SAMP indexes a legacy shadow lookup read whole (they sample through GL_DEPTH_TEXTURE_MODE).
    var depthModeSamplers: Set<Int> = []
    /// Named outputs declared so far (`recordOutput`).
    var outputs: [ShaderOutput] = []

    /// The sizes of the stage's gl_ClipDistance (BuiltIn 3) and gl_CullDistance (BuiltIn 4) outputs, as
    /// variables or gl_PerVertex members (0: not declared).
    func distanceOutputSizes() -> (clip: Int, cull: Int) {
        var sizes = [UInt32: Int]()
        func size(_ type: UInt32) -> Int {
            if case .array(_, let n)? = m.types[type] { return n }
            return 8
        }
        // gl_PerVertex has every built-in member (glslang sizes an unused gl_ClipDistance 1): a member counts when
        // an access chain reaches it.
        var chains: [UInt32: Set<UInt32>] = [:]  // base variable → constant ids of the indices its chains use
        for body in m.functions.values {
            for i in body where (i.opcode == 65 || i.opcode == 66) && i.count > 3 {
                chains[i[2], default: []].insert(i[3])
                if i.count > 4 { chains[i[2], default: []].insert(i[4]) }  // gl_out[v].member
            }
        }
        for (id, v) in m.variables where v.storage == 3 {
            let usedMembers = Set((chains[id] ?? []).compactMap { c -> Int? in
                if case .scalar(_, let n)? = m.constants[c] { return Int(n) }
                return nil
            })
            guard case .pointer(_, let pointee)? = m.types[v.type] else { continue }
            if let b = m.decoration(id, 11)?.first, b == 3 || b == 4 { sizes[b] = size(pointee) }
            var block = pointee
            if case .array(let e, _)? = m.types[block] { block = e }  // gl_out[] of a control stage
            if case .structure(let members)? = m.types[block] {
                for (k, member) in members.enumerated() where usedMembers.contains(k) {
                    if let b = m.memberDecorations[block]?[k]?[11]?.first, b == 3 || b == 4 { sizes[b] = size(member) }
                }
            }
        }
        return (sizes[3] ?? 0, sizes[4] ?? 0)
    }

    /// Declares the CLIPDIST outputs for the stage's gl_ClipDistance and gl_CullDistance (once) and returns the
    /// first temporary of the one `builtin` names (3: clip, 4: cull).
    mutating func declareClipDistanceOutputs(_ type: UInt32, builtin: UInt32 = 3) throws -> Int {
        if let c = clipDistance { return builtin == 4 ? c.temp + c.clip : c.temp }
        var (clip, cull) = distanceOutputSizes()
        if builtin == 3 && clip == 0 { clip = 8 }
        if builtin == 4 && cull == 0 { cull = 8 }
        let n = clip + cull
        // GL_MAX_COMBINED_CLIP_AND_CULL_DISTANCES (ARB_cull_distance): 8.
        guard n <= 8 else { throw ShaderError("gl_ClipDistance and gl_CullDistance have \(n) distances together, more than GL_MAX_COMBINED_CLIP_AND_CULL_DISTANCES (8)") }
        let t = newTemp(n)
        var outputs: [Int] = []
        for r in 0..<(n + 3) / 4 {
            decls.append("DCL OUT[\(declaredOutputs)], CLIPDIST[\(r)]")
            outputs.append(declaredOutputs)
            declaredOutputs += 1
        }
        clipDistance = (t, n, outputs, clip)
        for (name, range) in [("gl_ClipDistance", 0..<clip), ("gl_CullDistance", clip..<n)] where !range.isEmpty {
            self.outputs.append(ShaderOutput(
                name: name, glType: 0x1406,
                elements: range.map { [ShaderOutputPiece(register: outputs[$0 / 4], startComponent: $0 % 4, components: 1)] },
                isArray: true))
        }
        return builtin == 4 ? t + clip : t
    }

    /// Per vec4 slot of `type`, the interpolation its own qualifiers ask for (nil: the variable's): CONSTANT for
    /// integers (and booleans) and members decorated Flat, LINEAR for members decorated NoPerspective.
    func slotInterpolations(_ type: UInt32, _ inherited: String? = nil) -> [String?] {
        switch m.types[type] {
        case .structure(let members)?:
            return members.enumerated().flatMap { k, member -> [String?] in
                let d = m.memberDecorations[type]?[k]
                return slotInterpolations(member, d?[14] != nil ? "CONSTANT" : d?[13] != nil ? "LINEAR" : inherited)
            }
        case .array(let element, let count)?:
            return [[String?]](repeating: slotInterpolations(element, inherited), count: count).flatMap { $0 }
        default:
            return [String?](repeating: kind(type) != "f" ? "CONSTANT" : inherited, count: slots(type))
        }
    }

    /// The name a varying matches by across stages: an interface block's block name, else the variable's.
    static func varyingKey(_ m: SPIRVModule, _ id: UInt32, pointee: UInt32) -> String? {
        if case .structure? = m.types[pointee], m.decoration(pointee, 2) != nil {
            // gl_in[].gl_TexCoord (GLSLLegacyLowering.perVertexInputs) reads the vertex stage's gl_TexCoord.
            if m.names[pointee] == "virglgl_TexCoordBlock" { return "virglgl_TexCoord" }
            return m.names[pointee].map { "block " + $0 }
        }
        // A compatibility geometry shader's gl_in[].gl_TexCoord (GLSLLegacyLowering.perVertexInputs) reads the
        // vertex stage's lowered output.
        if let name = m.names[id], name.hasPrefix("virglgl_"), name.hasSuffix("In") { return String(name.dropLast(2)) }
        // A compatibility tessellation control shader's gl_out[].gl_ClipVertex (virglgl_ClipVertexOut).
        if let name = m.names[id], name == "virglgl_ClipVertexOut" { return "virglgl_ClipVertex" }
        return m.names[id]
    }

    /// The GENERIC slot the program gave varying `id` (see `varyingSlots`).
    func varyingSlot(_ id: UInt32, pointee: UInt32, output: Bool = false) -> Int? {
        guard let slots = output && stage.hasOwnOutputSlots ? outputVaryingSlots : varyingSlots,
              let key = Self.varyingKey(m, id, pointee: pointee) else { return nil }
        return slots[key]
    }

    /// GENERIC slots for the user outputs of a vertex, tessellation or geometry stage `m`, in location order, by
    /// `varyingKey`. `perVertex`: a tessellation control stage, whose outputs are arrays over the patch's vertices
    /// (an element takes the slots). `patch`: its per-patch outputs instead (PATCH slots).
    /// `clipVertexVarying`: the vertex stage's gl_ClipVertex feeds a tessellation control stage, so it is an ordinary
    /// varying (the host takes CLIPVERTEX only as the last vertex stage's clip input).
    public static func assignVaryingSlots(_ m: SPIRVModule, perVertex: Bool = false, patch: Bool = false, clipVertexVarying: Bool = false) -> [String: Int] {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        var outputs: [(location: Int, id: UInt32, key: String, slots: Int)] = []
        for (id, v) in m.variables where v.storage == 3 {
            guard m.decoration(id, 11) == nil, case .pointer(_, var pointee)? = m.types[v.type] else { continue }
            guard (m.decoration(id, 15) != nil) == patch else { continue }  // Patch
            if perVertex && !patch, case .array(let element, _)? = m.types[pointee] { pointee = element }
            if case .structure? = m.types[pointee], m.memberDecorations[pointee]?[0]?[11] != nil { continue }  // gl_PerVertex
            guard let name = m.names[id], legacyColorSemantics[name] == nil, name != "virglgl_ClipVertex" || clipVertexVarying else { continue }
            guard let key = varyingKey(m, id, pointee: pointee) else { continue }
            outputs.append((Int(m.decoration(id, 30)?.first ?? 0), id, key, t.slots(pointee)))
        }
        var slots: [String: Int] = [:], next = 0
        for o in outputs.sorted(by: { ($0.location, $0.id) < ($1.location, $1.id) }) where slots[o.key] == nil {
            slots[o.key] = next
            next += o.slots
        }
        return slots
    }

    /// Geometry shaders: vertices per input primitive.
    var geometryInputVertices: Int {
        let modes = m.executionModes
        return modes[19] != nil ? 1 : modes[20] != nil ? 2 : modes[21] != nil ? 4 : modes[23] != nil ? 6 : 3
    }

    /// gl_in[].gl_ClipDistance read by a geometry shader: its CLIPDIST inputs, unpacked (once, at the start of
    /// the program) into temporaries, vertex v's distance k at the first + v * n + k. Returns (first, n).
    var clipDistanceInputs: (temp: Int, count: Int)?
    mutating func declareClipDistanceInputs(_ type: UInt32) -> (Int, Int) {
        if let c = clipDistanceInputs { return (c.temp, c.count) }
        var n = 8
        if case .array(_, let count)? = m.types[type] { n = count }
        let vertices = geometryInputVertices
        let first = inputCount
        inputCount += (n + 3) / 4
        for r in 0..<(n + 3) / 4 { decls.append("DCL IN[\(first + r)], CLIPDIST[\(r)]") }
        let t = newTemp(n * vertices)
        var prologue: [String] = []
        for v in 0..<vertices {
            for k in 0..<n {
                let c = Self.componentNames[k % 4]
                prologue.append("MOV TEMP[\(t + v * n + k)].x, IN[\(v)][\(first + k / 4)].\(c)\(c)\(c)\(c)")
            }
        }
        code.insert(contentsOf: prologue, at: 0)
        clipDistanceInputs = (t, n)
        return (t, n)
    }

    /// A fragment shader's CLIPDIST inputs: the temporaries its gl_ClipDistance and gl_CullDistance inputs are
    /// unpacked into (declared once).
    var distanceInputs: (temp: Int, clip: Int)?

    /// Declares a fragment shader's CLIPDIST inputs (once) and returns the first temporary of the distances
    /// `builtin` names (3: clip, 4: cull). The cull distances follow the clip distances the fragment shader
    /// declares (redeclaring gl_ClipDistance with the previous stage's size, as piglit's tests do).
    mutating func declareDistanceInputs(builtin: UInt32) -> Int {
        if let d = distanceInputs { return builtin == 4 ? d.temp + d.clip : d.temp }
        var sizes = [UInt32: Int]()
        for (id, v) in m.variables where v.storage == 1 {
            guard let b = m.decoration(id, 11)?.first, b == 3 || b == 4, case .pointer(_, let pointee)? = m.types[v.type] else { continue }
            if case .array(_, let count)? = m.types[pointee] { sizes[b] = count } else { sizes[b] = 8 }
        }
        let clip = sizes[3] ?? 0, n = clip + (sizes[4] ?? 0)
        let i = inputCount
        inputCount += (n + 3) / 4
        for r in 0..<(n + 3) / 4 { decls.append("DCL IN[\(i + r)], CLIPDIST[\(r)], PERSPECTIVE") }
        let t = newTemp(n)
        for k in 0..<n {
            let c = Self.componentNames[k % 4]
            code.append("MOV TEMP[\(t + k)].x, IN[\(i + k / 4)].\(c)\(c)\(c)\(c)")
        }
        distanceInputs = (t, clip)
        return builtin == 4 ? t + clip : t
    }

    /// The instructions that pack gl_ClipDistance's temporaries into its outputs.
    func clipDistanceCopies() -> [String] {
        guard let c = clipDistance else { return [] }
        return (0..<c.count).map { k in
            "MOV OUT[\(c.outputs[k / 4])].\(Self.componentNames[k % 4]), TEMP[\(c.temp + k)].xxxx"
        }
    }

    static let componentNames = ["x", "y", "z", "w"]

    /// The TGSI dot product of n components (a scalar "dot" is MUL), indexed by n.
    static let dotOpcode = ["", "MUL", "DP2", "DP3", "DP4"]

    /// The lowered compatibility colours and their TGSI semantics (front and back, primary and secondary).
    static let legacyColorSemantics = [
        "virglgl_FrontColor": "COLOR[0]", "virglgl_FrontSecondaryColor": "COLOR[1]",
        "virglgl_BackColor": "BCOLOR[0]", "virglgl_BackSecondaryColor": "BCOLOR[1]",
    ]

    /// Locations set by name before linking (glBindAttribLocation for vertex inputs, glBindFragDataLocation
    /// for fragment outputs); they replace the shader's or glslang's own.
    let locationOverrides: [String: Int]
    /// Blend source indices set by name before linking (glBindFragDataLocationIndexed); an output named in
    /// `locationOverrides` but not here is index 0.
    let indexOverrides: [String: Int]
    /// GENERIC slots of the varyings between stages, by `varyingKey`: GL matches varyings by name, while
    /// glslang numbers each stage's on its own (a fragment shader reading only the second of two outputs
    /// would read the first). Nil: the SPIR-V locations.
    let varyingSlots: [String: Int]?
    /// A geometry stage's own outputs (its inputs use `varyingSlots`).
    public var outputVaryingSlots: [String: Int]?
    /// First components of packed varyings (ProgramCompiler+VaryingPacking), by `varyingKey`: the vertex stage's
    /// outputs and the fragment stage's inputs in shared GENERIC slots. A varying not named here is at its own
    /// `component` qualifier.
    public var varyingComponents: [String: Int] = [:]
    /// Varying arrays packed leaf by leaf (ProgramCompiler+VaryingPacking), by `varyingKey`: the components of
    /// each leaf (scalar, vector or matrix column; 1 or 2).
    public var packedVaryingArrays: [String: Int] = [:]
    /// Lowered colour inputs (`virglgl_FrontColor`, `virglgl_FrontSecondaryColor`) the fragment shader redeclares
    /// `smooth`: interpolated even under glShadeModel(GL_FLAT).
    public var explicitlySmoothColors: Set<String> = []
    /// PATCH slots of the tessellation control stage's `patch out` variables, by `varyingKey` (that stage's
    /// outputs and the evaluation stage's inputs).
    public var patchSlots: [String: Int]?
    /// Block and struct members the source declares bool (GLSLBoolMembers: `TypeName.member`), for reflection.
    public var boolMembers: Set<String> = []

    public init(
        module: SPIRVModule, stage: ShaderStage, uniforms: [UniformSlot], locationOverrides: [String: Int] = [:],
        indexOverrides: [String: Int] = [:], varyingSlots: [String: Int]? = nil
    ) {
        m = module
        self.stage = stage
        self.locationOverrides = locationOverrides
        self.indexOverrides = indexOverrides
        self.varyingSlots = varyingSlots
        self.uniforms = Dictionary(uniforms.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Types

    /// Per register of a vertex input of `type`: its location offset and which 16 bytes of that attribute.
    func vertexInputSlots(_ type: UInt32) -> [(location: Int, part: Int)] {
        switch m.types[type] {
        case .matrix(let col, let n)?:
            let column = vertexInputSlots(col)
            return (0..<n).flatMap { c in column.map { ($0.location + c, $0.part) } }
        case .array(let e, let n)?:
            let element = vertexInputSlots(e)
            let locations = (element.map(\.location).max() ?? 0) + 1
            return (0..<n).flatMap { k in element.map { ($0.location + k * locations, $0.part) } }
        case .structure(let members)?:
            var out: [(location: Int, part: Int)] = [], next = 0
            for member in members {
                let s = vertexInputSlots(member)
                out += s.map { ($0.location + next, $0.part) }
                next += (s.map(\.location).max() ?? 0) + 1
            }
            return out
        default:
            return (0..<slots(type)).map { (0, $0) }
        }
    }

    /// vec4 slots a value of `type` takes in registers.
    func slots(_ type: UInt32) -> Int {
        switch m.types[type] {
        case .matrix(let col, let n): return n * slots(col)
        case .vector(let s, let n): return m.types[s] == .double && n > 2 ? 2 : 1
        case .array(let e, let n): return n * slots(e)
        case .structure(let members): return members.reduce(0) { $0 + slots($1) }
        default: return 1
        }
    }

    func kind(_ type: UInt32) -> Character {
        switch m.scalar(type) {
        case .float?: return "f"
        case .double?: return "d"
        case .int(let signed)?: return signed ? "i" : "u"
        case .bool?: return "b"
        default: return "f"
        }
    }

    func compCount(_ type: UInt32) -> Int {
        switch m.types[type] {
        case .vector(_, let n): return n
        case .matrix(let col, _): return compCount(col)
        default: return 1
        }
    }

    func columns(_ type: UInt32) -> Int {
        if case .matrix(_, let n)? = m.types[type] { return n }
        return 1
    }

    static let swz: [Character] = ["x", "y", "z", "w"]

    /// `reg` read with components `idx` (padded by repeating the last to four).
    func src(_ reg: String, _ idx: [Int]) -> String {
        var s = idx.map { Self.swz[$0] }
        while s.count < 4 { s.append(s.last ?? "x") }
        return reg + "." + String(s)
    }

    func mask(_ n: Int, from: Int = 0) -> String { "." + String(Self.swz[from..<(from + n)]) }

    mutating func newTemp(_ n: Int = 1) -> Int {
        defer { temps += n }
        return temps
    }

    // MARK: Values

    mutating func value(_ id: UInt32) throws -> Val {
        if let v = values[id] { return v }
        if let c = m.constants[id] { return try constant(id, c) }
        throw ShaderError("SPIR-V value %\(id) is used before it is defined (unsupported control flow)")
    }

    mutating func constant(_ id: UInt32, _ c: SPIRVModule.Constant) throws -> Val {
        var words: [UInt32] = []
        var type: UInt32
        switch c {
        case .scalar(let t, let bits):
            words = [bits]
            type = t
        case .double(let t, let bits):
            return doubleConstant(id, t, [bits])
        case .composite(let t, let parts):
            type = t
            if kind(t) == "d", m.types[t] != nil, { if case .vector? = m.types[t] { return true } else { return false } }() {
                let bits = parts.map { p -> UInt64 in if case .double(_, let b)? = m.constants[p] { return b } else { return 0 } }
                return doubleConstant(id, t, bits)
            }
            if case .matrix(_, let cols)? = m.types[t] {
                if kind(t) == "d" {
                    let regs = try parts.flatMap { try constant($0, m.constants[$0]!).regs }
                    let v = Val(regs: regs, comps: compCount(t), kind: "d")
                    values[id] = v
                    return v
                }
                let regs = try parts.map { try constant($0, m.constants[$0]!).regs[0] }
                let v = Val(regs: regs, comps: compCount(t), kind: "f")
                values[id] = v
                _ = cols
                return v
            }
            switch m.types[t] {
            case .array?, .structure?:
                // Arrays and structs: one register per slot, from their parts' constants.
                var regs: [String] = []
                for p in parts {
                    guard let c = m.constants[p] else { throw ShaderError("composite constant part %\(p) is not a constant") }
                    regs += try constant(p, c).regs
                }
                let v = Val(regs: regs, comps: 4, kind: kind(t))
                values[id] = v
                return v
            default: break
            }
            for p in parts {
                if case .scalar(_, let b)? = m.constants[p] { words.append(b) }
            }
            guard !words.isEmpty else { throw ShaderError("constant %\(id) of an unsupported composite type") }
        }
        let k = kind(type)
        // Infinities, NaNs, −0 and denormals go as their bits (UINT32): the host writes FLT32 immediates as GLSL
        // float literals, which do not keep them.
        let nonFinite = k == "f" && words.contains {
            let f = Float(bitPattern: $0)
            return !f.isFinite || f.isSubnormal || (f == 0 && f.sign == .minus)
        }
        let file = nonFinite ? "UINT32" : k == "f" ? "FLT32" : k == "i" ? "INT32" : "UINT32"
        var padded = words.map { nonFinite ? "\($0)" : k == "f" ? String(format: "0x%08x", $0) : k == "i" ? "\(Int32(bitPattern: $0))" : "\($0)" }
        while padded.count < 4 { padded.append(padded.last ?? "0") }
        let index = imms.count
        imms.append("IMM[\(index)] \(file) {\(padded.joined(separator: ", "))}")
        let v = Val(regs: ["IMM[\(index)]"], comps: words.count, kind: k)
        values[id] = v
        return v
    }

    /// Source operand for `v` aligned to `n` result components (scalars broadcast).
    /// `from`: the first destination channel the operand feeds (a write to `.yzw` reads the value's `.x` into y).
    func operand(_ v: Val, _ n: Int, column: Int = 0, negate: Bool = false, from: Int = 0) -> String {
        let idx = [Int](repeating: 0, count: from) + (v.comps == 1 ? [Int](repeating: 0, count: n) : Array(0..<min(n, v.comps)))
        return (negate ? "-" : "") + src(v.regs[column], idx)
    }

    mutating func define(_ id: UInt32, _ type: UInt32) -> Val {
        let cols = columns(type) * (kind(type) == "d" ? (compCount(type) + 1) / 2 : 1)
        let t = newTemp(cols)
        let v = Val(regs: (0..<cols).map { "TEMP[\(t + $0)]" }, comps: compCount(type), kind: kind(type))
        values[id] = v
        return v
    }

    // MARK: Declarations

    mutating func declareVariables() throws {
        for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) {
            guard case .pointer(_, let pointee)? = m.types[v.type] else { continue }
            let builtin = m.decoration(id, 11)?.first
            let location = m.decoration(id, 30)?.first.map(Int.init)
            if try declareStorageBuffer(id, v.storage, pointee) { continue }
            switch v.storage {
            case 1:  // Input
                if let b = builtin {
                    if stage == .compute {
                        try declareComputeInput(id, pointee, b)
                        continue
                    }
                    switch (stage, b) {
                    case (.vertex, 5), (.vertex, 42): declareSystemValue(id, pointee, "VERTEXID")
                    case (.vertex, 6), (.vertex, 43): declareSystemValue(id, pointee, "INSTANCEID")
                    // gl_PrimitiveIDIn is a geometry input (virglrenderer names an input PRIM_ID gl_PrimitiveIDIn; a
                    // system value PRIM_ID would be the stage's own gl_PrimitiveID output); the tessellation stages'
                    // gl_PrimitiveID is a system value.
                    case (.geometry, 7): declareBuiltinInput(id, pointee, "PRIM_ID")
                    case (.tessControl, 7), (.tessEvaluation, 7): declareSystemValue(id, pointee, "PRIM_ID")
                    case (.geometry, 8), (.tessControl, 8): declareSystemValue(id, pointee, "INVOCATIONID")
                    case (.tessControl, 14), (.tessEvaluation, 14): declareSystemValue(id, pointee, "VERTICESIN")  // gl_PatchVerticesIn
                    case (.tessEvaluation, 13): declareSystemValue(id, pointee, "TESSCOORD")
                    case (.tessEvaluation, 11), (.tessEvaluation, 12):
                        // gl_TessLevelOuter/Inner: one system value each, an element per component.
                        declareSystemValue(id, pointee, b == 11 ? "TESSOUTER" : "TESSINNER")
                        varRegs[id]?.packedScalars = true
                    // gl_PrimitiveID: the geometry shader's output, or the primitive's number.
                    case (.fragment, 7): declareBuiltinInput(id, pointee, "PRIM_ID, CONSTANT")
                    // gl_Layer and gl_ViewportIndex (GLSL 4.30, GL_ARB_fragment_layer_viewport): what the geometry
                    // shader wrote.
                    case (.fragment, 9): declareBuiltinInput(id, pointee, "LAYER, CONSTANT")
                    case (.fragment, 10): declareBuiltinInput(id, pointee, "VIEWPORT_INDEX, CONSTANT")
                    case (.fragment, 15): declareBuiltinInput(id, pointee, "POSITION, LINEAR")
                    case (.fragment, 3), (.fragment, 4):
                        // gl_ClipDistance[] / gl_CullDistance[] in a fragment shader: CLIPDIST inputs (the clip
                        // distances, then the cull distances), unpacked into temporaries.
                        let t = declareDistanceInputs(builtin: b)
                        varRegs[id] = Ptr(file: "TEMP", slot: t, component: 0, type: pointee)
                    case (.fragment, 20):
                        // gl_SampleMaskIn[]: one word, the SAMPLEMASK system value.
                        declareSystemValue(id, pointee, "SAMPLEMASK")
                        varRegs[id]?.packedScalars = true
                    case (.fragment, 16): declareBuiltinInput(id, pointee, "PCOORD, LINEAR")  // gl_PointCoord
                    case (.fragment, 18): declareSystemValue(id, pointee, "SAMPLEID")
                    case (.fragment, 19): declareSystemValue(id, pointee, "SAMPLEPOS")
                    case (.fragment, 17):
                        declareBuiltinInput(id, pointee, "FACE, CONSTANT")
                        frontFacing.insert(id)
                    default: throw ShaderError("built-in input \(b) is not supported in the \(stage) stage yet")
                    }
                    continue
                }
                if stage == .tessEvaluation, m.decoration(id, 15) != nil {
                    // `patch in`: PATCH inputs, numbered as the control stage numbered its outputs.
                    guard let loc = patchSlots.flatMap({ slots in Self.varyingKey(m, id, pointee: pointee).flatMap { slots[$0] } }) else {
                        throw ShaderError("patch input \(m.names[id] ?? "%\(id)") is not an output of the tessellation control shader")
                    }
                    let n = slots(pointee)
                    for k in 0..<n { decls.append("DCL IN[\(inputCount + k)], PATCH[\(loc + k)]") }
                    varRegs[id] = Ptr(file: "IN", slot: inputCount, component: 0, type: pointee)
                    inputCount += n
                    continue
                }
                if stage.readsVertexArrays, case .array(let element, _)? = m.types[pointee] {
                    if case .structure? = m.types[element], m.memberDecorations[element]?[0]?[11] != nil {
                        // gl_in[]: members are built-ins, declared when an access chain reaches them.
                        varRegs[id] = Ptr(file: "INPERVERTEX", slot: 0, component: 0, type: pointee)
                        continue
                    }
                    if let name = m.names[id], name.hasPrefix("virglgl_"), name.hasSuffix("In"),
                       let semantic = Self.legacyColorSemantics[String(name.dropLast(2))] {
                        // A compatibility geometry shader's gl_in[].gl_FrontColor, …: the colour semantics.
                        decls.append("DCL IN[\(inputCount)], \(semantic)")
                        varRegs[id] = Ptr(file: "IN", slot: inputCount, component: 0, type: pointee, perVertexArray: true)
                        inputCount += 1
                        continue
                    }
                    if m.names[id] == "virglgl_ClipVertexIn", stage == .geometry {
                        // A compatibility geometry shader's gl_in[].gl_ClipVertex. (A tessellation stage's is an
                        // ordinary varying: see `assignVaryingSlots`' clipVertexVarying.)
                        decls.append("DCL IN[\(inputCount)], CLIPVERTEX")
                        varRegs[id] = Ptr(file: "IN", slot: inputCount, component: 0, type: pointee, perVertexArray: true)
                        inputCount += 1
                        continue
                    }
                    guard let loc = varyingSlot(id, pointee: element) ?? location else { throw ShaderError("input \(m.names[id] ?? "%\(id)") has no location") }
                    // Per-vertex inputs: IN[vertex][slot], declared once per slot of the element.
                    let n = slots(element)
                    if let shared = sharedVaryingRegister("IN", loc, n) {
                        varRegs[id] = Ptr(file: "IN", slot: shared, component: component(id), type: pointee, perVertexArray: true)
                        continue
                    }
                    let i = inputCount
                    inputCount += n
                    for (k, offset) in genericOffsets(element).enumerated() {
                        decls.append("DCL IN[\(i + k)], GENERIC[\(loc + offset)]")
                        varyingRegisters["IN \(loc + offset)"] = i + k
                    }
                    varRegs[id] = Ptr(file: "IN", slot: i, component: component(id), type: pointee, perVertexArray: true)
                    continue
                }
                guard let loc = (stage == .vertex ? m.names[id].flatMap({ locationOverrides[$0] }) : varyingSlot(id, pointee: pointee)) ?? location else {
                    throw ShaderError("input \(m.names[id] ?? "%\(id)") has no location")
                }
                let packed = stage == .vertex ? nil : packedArrayWidth(id, pointee)
                let n = packedRegisters(pointee, packed)
                if stage != .vertex, Self.legacyColorSemantics[m.names[id] ?? ""] == nil, let shared = sharedVaryingRegister("IN", loc, n) {
                    // Another input holds other components of these locations (`component` qualifiers).
                    varRegs[id] = Ptr(file: "IN", slot: shared, component: varyingComponent(id, pointee), type: pointee)
                    continue
                }
                let i = inputCount
                inputCount += n
                if stage == .vertex {
                    // A vertex input takes a location per vector (a dvec3 or dvec4 too: its second register reads
                    // the second half of the same attribute) and per matrix column.
                    let parts = vertexInputSlots(pointee)
                    for k in 0..<n {
                        decls.append("DCL IN[\(i + k)]")
                        inputLocations.append(loc + (k < parts.count ? parts[k].location : k))
                        inputParts.append(k < parts.count ? parts[k].part : 0)
                    }
                } else {
                    let interp = m.decoration(id, 14) != nil || kind(pointee) != "f" ? "CONSTANT" : m.decoration(id, 13) != nil ? "LINEAR" : "PERSPECTIVE"
                    if let color = m.names[id].flatMap({ Self.legacyColorSemantics[$0] }) {
                        // The lowered gl_Color: a COLOR input, so glShadeModel(GL_FLAT) and two-sided colour apply.
                        // An explicit `smooth` redeclaration interpolates whatever the shade model (GLSL 1.30 §4.3.7).
                        let smooth = m.names[id].map { explicitlySmoothColors.contains($0) } ?? false
                        decls.append("DCL IN[\(i)], \(color), \(interp == "PERSPECTIVE" && !smooth ? "COLOR" : interp)")
                    } else {
                        // Structs and blocks: members keep their own qualifiers, and integers are never interpolated.
                        let slotModes = slotInterpolations(pointee)
                        // `centroid` and `sample` (ARB_gpu_shader5) pick where the input is interpolated.
                        let location = stage != .fragment ? "" : m.decoration(id, 17) != nil ? ", SAMPLE" : m.decoration(id, 16) != nil ? ", CENTROID" : ""
                        for (k, offset) in (packed != nil ? Array(0..<n) : genericOffsets(pointee)).enumerated() {
                            decls.append("DCL IN[\(i + k)], GENERIC[\(loc + offset)], \(k < slotModes.count ? slotModes[k] ?? interp : interp)\(location)")
                            varyingRegisters["IN \(loc + offset)"] = i + k
                        }
                    }
                }
                // A vertex input reads its whole attribute, a varying shares its location with others: its
                // `component` qualifier picks its part of it.
                varRegs[id] = Ptr(file: "IN", slot: i, component: stage == .vertex ? component(id) : varyingComponent(id, pointee), type: pointee, packedLeaves: packed.map { (i, 4 / $0, $0) })
            case 3:  // Output
                if let b = builtin {
                    if stage == .tessControl, b == 11 || b == 12 {
                        // gl_TessLevelOuter/Inner: an element per component of TESSOUTER/TESSINNER.
                        decls.append(b == 11 ? "DCL OUT[\(declaredOutputs)], TESSOUTER" : "DCL OUT[\(declaredOutputs)].xy, TESSINNER")
                        varRegs[id] = Ptr(file: "OUT", slot: declaredOutputs, component: 0, type: pointee, packedScalars: true)
                        declaredOutputs += 1
                        continue
                    }
                    if stage == .fragment, b == 22 || b == 20 {
                        // gl_FragDepth: the z of a POSITION output; gl_SampleMask[]: a SAMPLEMASK output, one word
                        // (as Mesa's virgl driver sends them).
                        decls.append("DCL OUT[\(declaredOutputs)], \(b == 22 ? "POSITION" : "SAMPLEMASK")")
                        varRegs[id] = Ptr(file: "OUT", slot: declaredOutputs, component: b == 22 ? 2 : 0, type: pointee, packedScalars: b == 20)
                        declaredOutputs += 1
                        continue
                    }
                    switch ([.geometry, .tessEvaluation].contains(stage) && b <= 3 ? .vertex : stage, b) {
                    case (.geometry, 7):
                        decls.append("DCL OUT[\(declaredOutputs)], PRIM_ID")
                    case (.geometry, 9):
                        decls.append("DCL OUT[\(declaredOutputs)], LAYER")
                    case (.geometry, 10):
                        decls.append("DCL OUT[\(declaredOutputs)], VIEWPORT_INDEX")  // gl_ViewportIndex
                    case (.vertex, 0):
                        decls.append("DCL OUT[\(declaredOutputs)], POSITION")
                    case (.vertex, 1):
                        decls.append("DCL OUT[\(declaredOutputs)], PSIZE")
                    case (.vertex, 3), (.vertex, 4):
                        let t = try declareClipDistanceOutputs(pointee, builtin: b)
                        varRegs[id] = Ptr(file: "TEMP", slot: t, component: 0, type: pointee)
                        continue
                    default: throw ShaderError("built-in output \(b) is not supported in the \(stage) stage yet")
                    }
                    let names: [UInt32: String] = [0: "gl_Position", 1: "gl_PointSize", 7: "gl_PrimitiveID", 9: "gl_Layer", 10: "gl_ViewportIndex"]
                    recordOutput(names[b] ?? "gl_Layer", pointee, register: declaredOutputs)
                    varRegs[id] = Ptr(file: "OUT", slot: declaredOutputs, component: 0, type: pointee)
                    declaredOutputs += 1
                    continue
                }
                if stage == .tessControl, case .array(let element, _)? = m.types[pointee], case .structure? = m.types[element],
                   m.memberDecorations[element]?[0]?[11] != nil {
                    // gl_out[]: members are built-ins, declared per vertex when an access chain reaches them.
                    varRegs[id] = Ptr(file: "OUTPERVERTEX", slot: 0, component: 0, type: pointee)
                    continue
                }
                if case .structure? = m.types[pointee], m.memberDecorations[pointee]?[0]?[11] != nil {
                    // gl_PerVertex: its members are built-ins, declared when an access chain reaches them.
                    perVertex = (id, pointee)
                    varRegs[id] = Ptr(file: "PERVERTEX", slot: 0, component: 0, type: pointee)
                    continue
                }
                // glslang leaves the legacy gl_FragData array without a location: it is colour buffers 0…n.
                let legacy = stage == .fragment && m.names[id] == "gl_FragData" ? 0 : nil
                if stage == .tessControl {
                    try declareTessControlOutput(id, pointee)
                    continue
                }
                guard let loc = (stage == .fragment ? m.names[id].flatMap({ locationOverrides[$0] }) : varyingSlot(id, pointee: pointee, output: true)) ?? location ?? legacy else {
                    throw ShaderError("output \(m.names[id] ?? "%\(id)") has no location")
                }
                let packed = stage == .fragment ? nil : packedArrayWidth(id, pointee)
                let n = packedRegisters(pointee, packed)
                let base = declaredOutputs
                if stage != .fragment, Self.legacyColorSemantics[m.names[id] ?? ""] == nil, m.names[id] != "virglgl_ClipVertex",
                   let shared = sharedVaryingRegister("OUT", loc, n) {
                    // Another output holds other components of these locations (`component` qualifiers).
                    if let name = m.names[id] {
                        let first = outputs.count
                        recordOutput(name, pointee, register: shared, stream: Int(m.decoration(id, 29)?.first ?? 0), xfb: xfbCapture(id))
                        placeRecordedOutputs(from: first, component: varyingComponent(id, pointee))
                    }
                    varRegs[id] = Ptr(file: "OUT", slot: shared, component: varyingComponent(id, pointee), type: pointee)
                    continue
                }
                // Dual-source blending (ARB_blend_func_extended): the second source of draw buffer 0 (index 1) is
                // COLOR[1], as Mesa's state tracker marks it; virglrenderer names it fsout_c1 and binds it to
                // (0, index 1) when the blend state uses SRC1 factors.
                let overridden = m.names[id].map { locationOverrides[$0] != nil } ?? false
                let blendIndex = stage != .fragment ? 0
                    : overridden ? m.names[id].flatMap { indexOverrides[$0] } ?? 0
                    : Int(m.decoration(id, 32)?.first ?? 0)  // Index
                if stage == .fragment {
                    guard blendIndex == 0 || (blendIndex == 1 && loc == 0 && n == 1) else {
                        throw ShaderError("output \(m.names[id] ?? "%\(id)") at location \(loc), index \(blendIndex): dual-source blending has one draw buffer (GL_MAX_DUAL_SOURCE_DRAW_BUFFERS is 1)")
                    }
                    let semantics = (0..<n).map { blendIndex == 1 ? 1 : loc + $0 }
                    // Two outputs on one colour are a link error, unless their components differ (`component`
                    // qualifiers, GLSL 4.40 §4.4.2: they share the colour's register); one name declared by several
                    // compilation units (the lowered gl_FragColor) is one output.
                    let name = m.names[id] ?? "%\(id)"
                    let packing = try packFragmentOutput(id, pointee, name: name, semantics: semantics)
                    for (k, sid) in semantics.enumerated() where packing.register == nil {
                        // gl_FragColor/gl_FragData beside user outputs (GLSL 1.30 allows declaring both and writing
                        // one) are not a conflict.
                        let legacy: Set<String> = ["gl_FragColor", "gl_FragData"]
                        if let other = fragmentColorSemantics[sid], other != name, !legacy.contains(other), !legacy.contains(name) {
                            throw ShaderError("output \(name) overlaps output \(other) (location \(loc + k), index \(blendIndex))")
                        }
                        fragmentColorSemantics[sid] = name
                        fragmentColorPacking[sid] = (base + k, packing.mask)
                    }
                    if let name = m.names[id] {
                        fragmentOutputNames[name] = FragmentOutput(location: loc, index: blendIndex, count: n)
                    }
                    if let register = packing.register {
                        varRegs[id] = Ptr(file: "OUT", slot: register, component: packing.component, type: pointee)
                        continue
                    }
                }
                for k in 0..<n {
                    if stage == .fragment {
                        decls.append("DCL OUT[\(base + k)], COLOR[\(blendIndex == 1 ? 1 : loc + k)]")
                    } else if let color = m.names[id].flatMap({ Self.legacyColorSemantics[$0] }) {
                        decls.append("DCL OUT[\(base + k)], \(color)")
                    } else if stage != .fragment, m.names[id] == "virglgl_ClipVertex",
                              !(stage == .vertex && varyingSlots?["virglgl_ClipVertex"] != nil) {
                        // gl_ClipVertex: the host clips against the user clip planes (SET_CLIP_STATE) with it.
                        decls.append("DCL OUT[\(base + k)], CLIPVERTEX")
                    } else {
                        let offset = packed != nil ? k : genericOffsets(pointee)[k]
                        decls.append("DCL OUT[\(base + k)], GENERIC[\(loc + offset)]")
                        varyingRegisters["OUT \(loc + offset)"] = base + k
                    }
                }
                fragmentOutputs.append(blendIndex == 1 ? 1 : loc)
                if stage != .fragment, let name = m.names[id] {
                    if case .structure(let members)? = m.types[pointee], m.decoration(pointee, 2) != nil {
                        // An output block: its members are named BlockName.member, or bare in an anonymous block.
                        var r = base
                        for (k, member) in members.enumerated() {
                            let memberName = m.memberNames[pointee]?[k] ?? "m\(k)"
                            let stream = m.memberDecorations[pointee]?[k]?[29]?.first ?? m.decoration(id, 29)?.first ?? 0
                            recordOutput(
                                name.isEmpty ? memberName : "\(m.names[pointee] ?? name).\(memberName)", member, register: r, stream: Int(stream),
                                xfb: xfbCapture(id, block: pointee, member: k))
                            r += slots(member)
                        }
                    } else {
                        let first = outputs.count
                        recordOutput(name, pointee, register: base, stream: Int(m.decoration(id, 29)?.first ?? 0), xfb: xfbCapture(id))
                        placeRecordedOutputs(from: first, component: varyingComponent(id, pointee))
                    }
                }
                // A fragment output's `component` qualifier places it in its colour, a varying's in its location.
                varRegs[id] = Ptr(file: "OUT", slot: base, component: varyingComponent(id, pointee), type: pointee, packedLeaves: packed.map { (base, 4 / $0, $0) })
                declaredOutputs += n
            case 0:  // UniformConstant: default-block uniforms and samplers
                let name = m.names[id] ?? ""
                if try declareImage(id, name, pointee) { continue }
                if case .sampledImage? = m.types[pointee] {
                    guard let u = uniforms[name], case .sampler(let target, let returns) = u.kind else {
                        throw ShaderError("sampler \(name) is not in the program's uniform table")
                    }
                    let i = samplerNames.count
                    samplerNames.append(name)
                    samplerIndex[id] = i
                    samplerTargets[id] = target
                    decls.append("DCL SAMP[\(i)]")
                    decls.append("DCL SVIEW[\(i)], \(target), \(returns)")
                    continue
                }
                if let (dims, element) = Self.arrayDimensions(m, pointee), case .sampledImage? = m.types[element] {
                    // A sampler array (of arrays): one SAMP per element, named name[i][j]… as GL names them.
                    let first = samplerNames.count
                    let suffixes = Self.elementSuffixes(dims)
                    for (k, suffix) in suffixes.enumerated() {
                        guard let u = uniforms[name + suffix], case .sampler(let target, let returns) = u.kind else {
                            throw ShaderError("sampler \(name)\(suffix) is not in the program's uniform table")
                        }
                        samplerNames.append(name + suffix)
                        decls.append("DCL SAMP[\(first + k)]")
                        decls.append("DCL SVIEW[\(first + k)], \(target), \(returns)")
                        samplerArrays[id] = (first, suffixes.count, target)
                    }
                    samplerArrayDims[id] = dims
                    continue
                }
                guard let u = uniforms[name] else { throw ShaderError("uniform \(name) is not in the program's uniform table") }
                varRegs[id] = Ptr(file: "CONST[0]", slot: u.slot, component: 0, type: pointee)
                if !ProgramCompiler.samplerLeaves(m, pointee, name).isEmpty { samplerStructs[id] = name }
                usesConst0 = true
            case 2 where { if let (_, e) = Self.arrayDimensions(m, pointee), m.decoration(e, 2) != nil { return true } else { return false } }():
                // An array (of arrays) of uniform blocks: one GL block per element (`Block[j][k]`, binding point
                // binding + its row-major index), each its own constant buffer; an access chain's first indices
                // pick the buffer.
                guard let (dims, element) = Self.arrayDimensions(m, pointee) else { continue }
                let binding = m.decoration(id, 33)?.first.map(Int.init) ?? 0
                let size = blockSize(element)
                let blockName = m.names[element] ?? m.names[id] ?? "block"
                var members: [UniformBlockMember] = []
                blockMembers(element, prefix: blockName + ".", base: 0, into: &members)
                let first = blocks.count + 1
                for (k, suffix) in Self.elementSuffixes(dims).enumerated() {
                    blocks.append(UniformBlockInfo(name: blockName + suffix, binding: binding + k, size: size, members: members))
                    decls.append("DCL CONST[\(first + k)][0..\(max(0, (size + 15) / 16 - 1))]")
                }
                varRegs[id] = Ptr(file: "CONSTARRAY", slot: first, component: 0, type: pointee)
            case 2:  // Uniform: uniform blocks
                guard m.decoration(pointeeStruct(pointee), 2) != nil else {
                    throw ShaderError("uniform \(m.names[id] ?? "") outside a block")
                }
                let binding = m.decoration(id, 33)?.first.map(Int.init) ?? 0
                let index = blocks.count + 1
                let size = blockSize(pointee)
                let blockName = m.names[pointee] ?? m.names[id] ?? "block"
                let instance = m.names[id] ?? ""
                var members: [UniformBlockMember] = []
                blockMembers(pointee, prefix: instance.isEmpty ? "" : blockName + ".", base: 0, into: &members)
                blocks.append(UniformBlockInfo(name: blockName, binding: binding, size: size, members: members))
                decls.append("DCL CONST[\(index)][0..\(max(0, (size + 15) / 16 - 1))]")
                varRegs[id] = Ptr(file: "CONST[\(index)]", slot: 0, component: 0, type: pointee)
                blockIndex[id] = index
            case 4:  // Workgroup: compute shaders' shared variables
                try declareSharedVariable(id, pointee)
            case 10:  // AtomicCounter (TGSITranslator+AtomicCounters)
                try declareAtomicCounter(id, pointee)
            case 6, 7:  // Private, Function
                let n = slots(pointee)
                let t = newTemp(n)
                varRegs[id] = Ptr(file: "TEMP", slot: t, component: 0, type: pointee)
            default:
                throw ShaderError("storage class \(v.storage) is not supported")
            }
        }
        if usesConst0 {
            let maxSlot = uniforms.values.filter {
                switch $0.kind { case .sampler, .image: return false; default: return true }
            }
                .map { $0.slot + $0.columns * $0.count }.max() ?? 1
            decls.insert("DCL CONST[0][0..\(max(0, maxSlot - 1))]", at: 0)
        }
    }

    var svCount = 0

    /// `DCL SV[n], name` for built-in input `id`.
    mutating func declareSystemValue(_ id: UInt32, _ type: UInt32, _ name: String) {
        decls.append("DCL SV[\(svCount)], \(name)")
        varRegs[id] = Ptr(file: "SV", slot: svCount, component: 0, type: type)
        svCount += 1
    }

    /// `DCL IN[n], semantic` (with its interpolation) for a one-register built-in input `id`.
    mutating func declareBuiltinInput(_ id: UInt32, _ type: UInt32, _ semantic: String) {
        decls.append("DCL IN[\(inputCount)], \(semantic)")
        varRegs[id] = Ptr(file: "IN", slot: inputCount, component: 0, type: type)
        inputCount += 1
    }
    /// Sampled-image ids → the sampler variable they came from.
    var sampled: [UInt32: UInt32] = [:]
    var zeroIndex: Int?
    /// Integer immediates by group of four (intImm).
    var intImmGroups: [Int: Int] = [:]
    /// Geometry shaders: gl_in[] built-ins declared so far (semantic → IN index).
    var perVertexInputs: [String: Int] = [:]
    /// Geometry inputs indexed by a variable vertex use ADDR[1].
    var usesVertexAddress = false
    var inputCount = 0
    var frontFacing: Set<UInt32> = []
    var perVertex: (id: UInt32, type: UInt32)?
    var perVertexOutputs: [String: Int] = [:]
    /// Fragment stage: the first COLOR semantic index of each output (the property FS_COLOR0_WRITES_ALL_CBUFS
    /// is for a lone COLOR[0]).
    var fragmentOutputs: [Int] = []
    /// Fragment stage: the output declared on each COLOR semantic index so far, and the outputs by name
    /// (TGSIShader.fragmentOutputs).
    var fragmentColorSemantics: [Int: String] = [:]
    /// Fragment stage: the OUT register of each COLOR semantic index and the components its outputs write
    /// (TGSITranslator+Components).
    var fragmentColorPacking: [Int: (register: Int, mask: Int)] = [:]
    /// The register declared for each GENERIC slot, by "IN n" / "OUT n" (TGSITranslator+Components).
    var varyingRegisters: [String: Int] = [:]
    var fragmentOutputNames: [String: FragmentOutput] = [:]
    var usesConst0 = false

    func pointeeStruct(_ t: UInt32) -> UInt32 { t }

    /// Bytes a std140 block occupies (the last member's offset plus its size, from the Offset decorations).
    func blockSize(_ type: UInt32) -> Int {
        guard case .structure(let members)? = m.types[type] else { return 16 }
        var end = 0
        for (i, member) in members.enumerated() {
            let offset = Int(m.memberDecorations[type]?[i]?[35]?.first ?? 0)
            end = max(end, offset + std140Size(member, type, i))
        }
        return (end + 15) / 16 * 16
    }

    /// The GL type enum of a SPIR-V scalar, vector or matrix type (0 for others).
    func glType(_ t: UInt32) -> UInt32 {
        switch m.types[t] {
        case .float?: return 0x1406  // GL_FLOAT
        case .double?: return 0x140A  // GL_DOUBLE
        case .int(let signed)?: return signed ? 0x1404 : 0x1405
        case .bool?: return 0x8B56
        case .vector(let e, let n)?:
            switch m.types[e] {
            case .float?: return [0x8B50, 0x8B51, 0x8B52][n - 2]
            case .double?: return [0x8FFC, 0x8FFD, 0x8FFE][n - 2]
            case .int(true)?: return [0x8B53, 0x8B54, 0x8B55][n - 2]
            case .int(false)?: return [0x8DC6, 0x8DC7, 0x8DC8][n - 2]
            default: return [0x8B57, 0x8B58, 0x8B59][n - 2]
            }
        case .matrix(let col, let cols)?:
            // GL_FLOAT_MAT{cols}x{rows}: rows = the column vector's size.
            let rows = compCount(col)
            if kind(col) == "d" {
                let table: [[UInt32]] = [[0x8F46, 0x8F49, 0x8F4A], [0x8F4B, 0x8F47, 0x8F4C], [0x8F4D, 0x8F4E, 0x8F48]]
                return table[cols - 2][rows - 2]
            }
            let table: [[UInt32]] = [[0x8B5A, 0x8B65, 0x8B66], [0x8B67, 0x8B5B, 0x8B68], [0x8B69, 0x8B6A, 0x8B5C]]
            return table[cols - 2][rows - 2]
        default: return 0
        }
    }

    /// Appends the leaf members of struct `type` at byte `base`, named with `prefix` (GL naming: `s.field`,
    /// `arr[0].field`; an array of basic types is one member with its size).
    func blockMembers(_ type: UInt32, prefix: String, base: Int, into out: inout [UniformBlockMember]) {
        guard case .structure(let members)? = m.types[type] else { return }
        for (i, member) in members.enumerated() {
            let decorations = m.memberDecorations[type]?[i]
            let offset = base + Int(decorations?[35]?.first ?? 0)
            let name = prefix + (m.memberNames[type]?[i] ?? "member\(i)")
            let rowMajor = decorations?[4] != nil
            let matrixStride = Int(decorations?[7]?.first ?? 0)
            switch m.types[member] {
            case .structure?:
                blockMembers(member, prefix: name + ".", base: offset, into: &out)
            case .array(let element, let count)?:
                let stride = Int(m.decoration(member, 6)?.first ?? 16)
                if case .structure? = m.types[element] {
                    for k in 0..<count { blockMembers(element, prefix: "\(name)[\(k)].", base: offset + k * stride, into: &out) }
                } else {
                    out.append(UniformBlockMember(name: name + "[0]", type: memberGLType(element, parent: type, index: i), arraySize: count, offset: offset,
                                                  arrayStride: stride, matrixStride: matrixStride, rowMajor: rowMajor))
                }
            default:
                out.append(UniformBlockMember(name: name, type: memberGLType(member, parent: type, index: i), arraySize: 1, offset: offset, arrayStride: 0,
                                              matrixStride: matrixStride, rowMajor: rowMajor))
            }
        }
    }

    func std140Size(_ t: UInt32, _ parent: UInt32, _ member: Int) -> Int {
        switch m.types[t] {
        case .array(let e, let n):
            let stride = Int(m.decoration(t, 6)?.first ?? 16)
            return stride * n + 0 * slots(e)
        case .matrix(let col, let cols):
            // A row_major matrix stores one row per column component, at the MatrixStride.
            let stride = Int(m.memberDecorations[parent]?[member]?[7]?.first ?? 16)
            return stride * (m.memberDecorations[parent]?[member]?[4] != nil ? compCount(col) : cols)
        case .structure: return blockSize(t)
        default: return (kind(t) == "d" ? 8 : 4) * compCount(t)
        }
    }

    // MARK: Translation

    public mutating func translate() throws -> TGSIShader {
        try declareVariables()
        guard let body = m.functions[m.entryPoint] else { throw ShaderError("no entry point") }
        // Other functions are inlined at their calls: their blocks, parameters and first block are kept apart.
        for (id, f) in m.functions where id != m.entryPoint {
            let start = blockOrder.count
            try buildBlocks(f)
            guard start < blockOrder.count else { throw ShaderError("function %\(id) has no body") }
            functionEntry[id] = blockOrder[start]
            functionParameters[id] = f.filter { $0.opcode == 55 }.map { $0[1] }
            functionReturns[id] = f.filter { $0.opcode == 253 || $0.opcode == 254 }.count
        }
        let mainStart = blockOrder.count
        try buildBlocks(body)
        code += try framebufferFetches()
        try emit(from: blockOrder[mainStart], until: nil, loop: nil)
        // A return at the end of main is the end of the program.
        if code.last == "RET" { code.removeLast() }
        if stage != .fragment && code.last != Self.clipDistanceCopyMarker { code.append(Self.clipDistanceCopyMarker) }
        // gl_ClipDistance's temporaries reach the outputs wherever the marker stands.
        let copies = clipDistanceCopies()
        code = code.flatMap { $0 == Self.clipDistanceCopyMarker ? copies : [$0] }
        lowerContinues()
        var lines = [["VERT", "FRAG", "GEOM", "TESS_CTRL", "TESS_EVAL", "COMP"][stage.rawValue]]
        lines += tessellationProperties()
        lines += computeProperties()
        if stage == .geometry {
            let modes = m.executionModes
            let input = modes[19] != nil ? "POINTS" : modes[20] != nil ? "LINES" : modes[21] != nil ? "LINES_ADJACENCY"
                : modes[23] != nil ? "TRIANGLES_ADJACENCY" : "TRIANGLES"
            let output = modes[27] != nil ? "POINTS" : modes[28] != nil ? "LINE_STRIP" : "TRIANGLE_STRIP"
            lines.append("PROPERTY GS_INPUT_PRIMITIVE \(input)")
            lines.append("PROPERTY GS_OUTPUT_PRIMITIVE \(output)")
            lines.append("PROPERTY GS_MAX_OUTPUT_VERTICES \(modes[26]?.first ?? 1)")
            lines.append("PROPERTY GS_INVOCATIONS \(modes[0]?.first ?? 1)")
        }
        if let c = clipDistance {
            if c.clip > 0 { lines.append("PROPERTY NUM_CLIPDIST_ENABLED \(c.clip)") }
            if c.count > c.clip { lines.append("PROPERTY NUM_CULLDIST_ENABLED \(c.count - c.clip)") }
        }
        if stage == .fragment {
            // layout(origin_upper_left) and layout(pixel_center_integer) on gl_FragCoord. virglrenderer flips
            // the origin it is given for the framebuffers it draws into (y-inverted), so GL's upper-left origin
            // is TGSI's lower-left here, and GL's default (lower-left) TGSI's default.
            if m.executionModes[7] != nil { lines.append("PROPERTY FS_COORD_ORIGIN LOWER_LEFT") }
            if m.executionModes[6] != nil { lines.append("PROPERTY FS_COORD_PIXEL_CENTER INTEGER") }
            // layout(depth_greater|depth_less|depth_unchanged) on gl_FragDepth (conservative depth): SPIR-V
            // DepthGreater 14, DepthLess 15, DepthUnchanged 16 → TGSI_FS_DEPTH_LAYOUT_GREATER 2, LESS 3, UNCHANGED 4.
            if let layout = [(14, 2), (15, 3), (16, 4)].first(where: { m.executionModes[UInt32($0.0)] != nil })?.1 {
                lines.append("PROPERTY FS_DEPTH_LAYOUT \(layout)")
            }
        }
        // layout(early_fragment_tests) (SPIR-V EarlyFragmentTests 9).
        if stage == .fragment && m.executionModes[9] != nil { lines.append("PROPERTY FS_EARLY_DEPTH_STENCIL 1") }
        // (Not with framebuffer fetch: virglrenderer declares the broadcast outputs `out`, never `inout`.)
        if stage == .fragment && fragmentOutputs == [0] && !usesFramebufferFetch {
            lines.append("PROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1")
        }
        lines += decls
        if temps > 0 { lines.append("DCL TEMP[0..\(temps - 1)]") }
        if usesSamplerAddress {
            lines.append("DCL ADDR[0..2]")
        } else if usesVertexAddress {
            lines.append("DCL ADDR[0..1]")
        } else if usesAddress {
            lines.append("DCL ADDR[0]")
        }
        try compactImmediates()
        lines += imms
        var n = 0
        for c in code + ["END"] {
            lines.append("\(String(repeating: " ", count: max(0, 3 - String(n).count)))\(n): \(c)")
            n += 1
        }
        let text = lines.joined(separator: "\n") + "\n"
        var shader = TGSIShader(
            text: text, inputLocations: inputLocations, inputParts: inputParts, numTokens: max(300, text.utf8.count * 2), samplers: samplerNames,
            blocks: blocks, outputs: outputs, depthModeSamplers: depthModeSamplers, fragmentOutputs: fragmentOutputNames, images: imageState.names,
            earlyFragmentTests: stage == .fragment && m.executionModes[9] != nil)
        shader.storageBlocks = storage.blocks
        return shader
    }

    // MARK: Control flow

    struct Block {
        var label: UInt32
        var body: [SPIRVModule.Instruction] = []
        var merge: SPIRVModule.Instruction?
        var terminator: SPIRVModule.Instruction?
    }

    var blockMap: [UInt32: Block] = [:]
    var functionEntry: [UInt32: UInt32] = [:]
    var functionParameters: [UInt32: [UInt32]] = [:]
    /// How many return instructions each function has: more than one means early returns.
    var functionReturns: [UInt32: Int] = [:]
    /// Per inlined call: for a function with early returns, its body runs inside a one-pass loop that a return
    /// leaves with BRK (`flag` set so the loops inside the function also leave); nil for the others.
    var callWrappers: [(flag: Int, loopDepth: Int)?] = []
    /// BGNLOOPs open around the code being emitted.
    var loopDepth = 0
    /// Calls being inlined, innermost last: the call's result id (nil for void).
    var callStack: [UInt32?] = []
    /// if/loop constructs open around the code being emitted (a return inside one cannot be inlined).
    var nesting = 0
    var callNesting: [Int] = []
    var blockOrder: [UInt32] = []
    /// For each block: phi moves to run when branching into it from a predecessor: pred → [(phi temp, value)].
    var phiMoves: [UInt32: [UInt32: [(UInt32, UInt32)]]] = [:]

    mutating func buildBlocks(_ body: [SPIRVModule.Instruction]) throws {
        var current: Block?
        for inst in body {
            switch inst.opcode {
            case 248:
                current = Block(label: inst[0])
                blockOrder.append(inst[0])
            case 246, 247: current?.merge = inst
            case 249, 250, 251, 252, 253, 254, 255:
                guard var b = current else { continue }
                b.terminator = inst
                blockMap[b.label] = b
                current = nil
            case 245:
                // OpPhi: result type, id, then (value, parent) pairs.
                guard let b = current else { continue }
                _ = define(inst[1], inst[0])
                var k = 2
                while k + 1 < inst.count {
                    phiMoves[b.label, default: [:]][inst[k + 1], default: []].append((inst[1], inst[k]))
                    k += 2
                }
            case 54, 55, 56: break
            default: current?.body.append(inst)
            }
        }
    }

    struct Loop {
        var merge: UInt32
        var continueTarget: UInt32
    }

    /// Emits blocks from `label` until reaching `stop` (a merge block of an enclosing construct).
    mutating func emit(from label: UInt32, until stop: UInt32?, loop: Loop?) throws {
        var current: UInt32? = label
        while let l = current, l != stop {
            guard let block = blockMap[l] else { throw ShaderError("missing block %\(l)") }
            for inst in block.body { try translatePrecise(inst) }
            guard let t = block.terminator else { throw ShaderError("block %\(l) has no terminator") }
            if let merge = block.merge, merge.opcode == 246 {
                // Loop header: BGNLOOP … ENDLOOP; the header's own branch continues inside the loop.
                let inner = Loop(merge: merge[0], continueTarget: merge[1])
                code.append("BGNLOOP")
                nesting += 1
                loopDepth += 1
                try branchInside(from: l, t, stop: nil, loop: inner, header: l)
                loopDepth -= 1
                nesting -= 1
                code.append("ENDLOOP")
                if let w = callWrappers.last ?? nil, loopDepth >= w.loopDepth {
                    // A return inside that loop: keep leaving, up to (and out of) the function's one-pass loop.
                    code.append("UIF TEMP[\(w.flag)].xxxx")
                    code.append("BRK")
                    code.append("ENDIF")
                }
                current = inner.merge
                continue
            }
            switch t.opcode {
            case 249:  // OpBranch
                let target = t[0]
                try phis(into: target, from: l)
                if let loop, target == loop.merge {
                    code.append("BRK")
                    return
                }
                if let loop, target == loop.continueTarget, stop != loop.continueTarget {
                    try emitContinue(loop, from: l)
                    return
                }
                current = target
            case 250:  // OpBranchConditional
                guard let merge = block.merge, merge.opcode == 247 else {
                    if let loop { try loopExit(t, from: l, loop: loop, stop: stop); return }
                    throw ShaderError("unstructured conditional branch")
                }
                let cond = try value(t[0])
                code.append("UIF \(src(cond.regs[0], [0]))")
                nesting += 1
                try phis(into: t[1], from: l)
                try emit(from: t[1], until: merge[0], loop: loop)
                code.append("ELSE")
                try phis(into: t[2], from: l)
                if t[2] != merge[0] { try emit(from: t[2], until: merge[0], loop: loop) }
                nesting -= 1
                code.append("ENDIF")
                current = merge[0]
            case 251:  // OpSwitch
                guard let merge = block.merge, merge.opcode == 247 else { throw ShaderError("unstructured switch") }
                let selector = try value(t[0])
                var cases: [(UInt32, UInt32)] = []
                var k = 2
                while k + 1 < t.count {
                    cases.append((t[k], t[k + 1]))
                    k += 2
                }
                var opened = 0
                for (literal, target) in cases {
                    let c = newTemp()
                    let imm = imms.count
                    imms.append("IMM[\(imm)] INT32 {\(Int32(bitPattern: literal)), 0, 0, 0}")
                    code.append("USEQ TEMP[\(c)].x, \(src(selector.regs[0], [0])), IMM[\(imm)].xxxx")
                    code.append("UIF TEMP[\(c)].xxxx")
                    try emit(from: target, until: merge[0], loop: loop)
                    code.append("ELSE")
                    opened += 1
                }
                if t[1] != merge[0] { try emit(from: t[1], until: merge[0], loop: loop) }
                for _ in 0..<opened { code.append("ENDIF") }
                current = merge[0]
            case 252:
                code.append("KILL")
                return
            case 253, 254:
                if let call = callStack.last {
                    let wrapper = callWrappers.last ?? nil
                    guard wrapper != nil || nesting == callNesting.last ?? 0 else {
                        throw ShaderError("a return inside an if or a loop of a called function is not supported yet")
                    }
                    if t.opcode == 254, let result = call {
                        copyValue(values[result]!, try value(t[0]))
                    }
                    if let w = wrapper {
                        code.append("MOV TEMP[\(w.flag)].x, \(intImm(1))")
                        code.append("BRK")
                    }
                    return
                }
                if t.opcode == 254 { throw ShaderError("main returns a value") }
                code.append(Self.clipDistanceCopyMarker)
                code.append("RET")
                return
            case 255: return
            default: throw ShaderError("terminator \(t.opcode)")
            }
        }
    }

    /// The loop header's branch: walks the body with the loop's merge and continue targets known.
    mutating func branchInside(from header: UInt32, _ t: SPIRVModule.Instruction, stop: UInt32?, loop: Loop, header h: UInt32) throws {
        switch t.opcode {
        case 249:
            try phis(into: t[0], from: header)
            try emit(from: t[0], until: loop.continueTarget, loop: loop)
            try emitContinueBlock(loop)
        case 250:
            try loopExit(t, from: header, loop: loop, stop: nil)
            try emitContinueBlock(loop)
        default: throw ShaderError("loop header terminator \(t.opcode)")
        }
    }

    /// A conditional branch where one side leaves the loop: `if (!stay) break;` then the other side.
    mutating func loopExit(_ t: SPIRVModule.Instruction, from label: UInt32, loop: Loop, stop: UInt32?) throws {
        let cond = try value(t[0])
        let exitOnTrue = t[1] == loop.merge
        guard exitOnTrue || t[2] == loop.merge else { throw ShaderError("unstructured branch in a loop") }
        let c = newTemp()
        if exitOnTrue {
            code.append("MOV TEMP[\(c)].x, \(src(cond.regs[0], [0]))")
        } else {
            code.append("NOT TEMP[\(c)].x, \(src(cond.regs[0], [0]))")
        }
        code.append("UIF TEMP[\(c)].xxxx")
        try phis(into: loop.merge, from: label)
        code.append("BRK")
        code.append("ENDIF")
        let stay = exitOnTrue ? t[2] : t[1]
        try phis(into: stay, from: label)
        // The body up to the continue block; the caller that opened the loop emits that block once.
        try emit(from: stay, until: loop.continueTarget, loop: loop)
    }

    /// The continue block (loop increment): its code, then back to the header (ENDLOOP loops).
    mutating func emitContinueBlock(_ loop: Loop) throws {
        guard let c = blockMap[loop.continueTarget] else { return }
        for inst in c.body { try translatePrecise(inst) }
        if let t = c.terminator, t.opcode == 249 { try phis(into: t[0], from: c.label) }
        if let t = c.terminator, t.opcode == 250 {
            // do { … } while (cond): the continue block decides whether to go round again.
            let cond = try value(t[0])
            let exitOnTrue = t[1] == loop.merge
            guard exitOnTrue || t[2] == loop.merge else { throw ShaderError("unstructured loop back edge") }
            let x = newTemp()
            code.append("\(exitOnTrue ? "MOV" : "NOT") TEMP[\(x)].x, \(src(cond.regs[0], [0]))")
            code.append("UIF TEMP[\(x)].xxxx")
            try phis(into: loop.merge, from: c.label)
            code.append("BRK")
            code.append("ENDIF")
            try phis(into: exitOnTrue ? t[2] : t[1], from: c.label)
        }
    }

    /// `continue` from inside the body: run the continue block, then CONT.
    mutating func emitContinue(_ loop: Loop, from label: UInt32) throws {
        try emitContinueBlock(loop)
        code.append("CONT")
    }

    /// dst = v, register by register (doubles: whole registers).
    mutating func copyValue(_ dst: Val, _ v: Val) {
        for c in 0..<dst.regs.count {
            if dst.kind == "d" || v.kind == "d" {
                code.append("MOV \(dst.regs[c]), \(v.regs[min(c, v.regs.count - 1)])")
            } else {
                code.append("MOV \(dst.regs[c])\(mask(dst.comps)), \(operand(v, dst.comps, column: c))")
            }
        }
    }

    mutating func phis(into target: UInt32, from pred: UInt32) throws {
        for (phi, v) in phiMoves[target]?[pred] ?? [] {
            copyValue(values[phi]!, try value(v))
        }
    }
}
