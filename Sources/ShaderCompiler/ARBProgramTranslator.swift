import Foundation

/// An ARB assembly program (GL_ARB_vertex_program `!!ARBvp1.0`, GL_ARB_fragment_program `!!ARBfp1.0`) turned
/// into an equivalent GLSL 1.20 compatibility-profile source.
///
/// Why GLSL and not TGSI: the GLSL route reuses everything the driver already has for compatibility programs —
/// `GLSLLegacyLowering` for gl_Vertex, gl_FrontColor, gl_TexCoord, ftransform() and the fixed-function matrices,
/// the linker's attribute binding and varying matching, sampler units, shadow lookups through
/// GL_DEPTH_TEXTURE_MODE — and a missing stage is simply the driver's fixed-function GLSL. A direct TGSI path would
/// have to redo all of that (declarations, semantics, linkage with fixed-function stages) for the same result.
///
/// Every PARAM binding (program.env[], program.local[], constants) becomes an element of one
/// `uniform vec4 virglgl_arbParams[N]` that the driver fills at draw time from `parameters`, so relative
/// addressing (`p[A0.x + 2]`) is plain uniform-array indexing. Every other name gets a prefix, so ARB names that are
/// GLSL keywords stay valid.
public struct ARBProgram: Sendable, Equatable {
    public enum Kind: Sendable { case vertex, fragment }
    /// Where one element of `virglgl_arbParams` comes from.
    public enum Parameter: Sendable, Equatable {
        case constant([Float])
        case env(Int)
        case local(Int)
        /// Row `row` of a fixed-function matrix (`ARBProgram.Matrix`) with a modifier.
        case matrixRow(Matrix, Modifier, row: Int)
        /// state.depth.range: (near, far, far − near, 1).
        case depthRange
    }
    /// The matrices `state.matrix.*` names: modelview, projection, their product, texture matrix n.
    public enum Matrix: Sendable, Equatable {
        case modelview, projection, mvp
        case texture(Int)
    }
    public enum Modifier: Sendable, Equatable {
        case none, inverse, transpose, inverseTranspose
    }
    public var kind: Kind
    public var glsl: String
    public var parameters: [Parameter]
    /// Sampler uniforms: name, texture unit and GL target enum value.
    public var samplers: [(name: String, unit: Int, target: UInt32)]
    /// Generic attributes read through `vertex.attrib[n]`: uniform-free names and their attribute index.
    public var attributes: [(name: String, index: Int)]
    /// Counts for glGetProgramivARB.
    public var instructions = 0, temporaries = 0, attribs = 0, addressRegisters = 0, aluInstructions = 0, texInstructions = 0
    public var writesDepth = false

    /// The uniform array holding the parameters of a program of `kind`.
    public static func parameterArrayName(_ kind: Kind) -> String { kind == .vertex ? "virglgl_arbVertexParams" : "virglgl_arbFragmentParams" }

    public static func == (a: ARBProgram, b: ARBProgram) -> Bool { a.glsl == b.glsl && a.parameters == b.parameters }
}

/// A syntax or semantic error: the byte offset GL_PROGRAM_ERROR_POSITION_ARB reports, and a message.
public struct ARBProgramError: Error, Sendable, CustomStringConvertible {
    public var position: Int
    public var message: String
    public var description: String { "error at \(position): \(message)" }
}

/// Parses ARB assembly and writes GLSL (see `ARBProgram`).
public struct ARBProgramTranslator {
    /// The highest program.env / program.local index a program may name (GL_MAX_PROGRAM_*_PARAMETERS_ARB − 1).
    public static let maxEnvParameters = 256, maxLocalParameters = 1024
    public static let maxTextureUnits = 16, maxTexCoords = 8, maxAttributes = 16

    enum Token: Equatable {
        case word(String), number(Double), punct(Character), end
    }

    var tokens: [(Token, Int)] = []
    var pos = 0
    let kind: ARBProgram.Kind
    let text: [UInt8]

    enum Symbol {
        case attrib(String)           // a GLSL vec4 expression
        case param(id: Int, count: Int, array: Bool)  // an entry of `paramLists`
        case temp(String)
        case address(String)
        case output(String)           // a shadow vec4 variable
    }
    var symbols: [String: Symbol] = [:]
    var parameters: [ARBProgram.Parameter] = []
    /// What each PARAM declaration binds; its elements enter `parameters` only once an instruction reads them
    /// (a whole array when it is addressed relatively), so a large binding costs only what is read.
    var paramLists: [[ARBProgram.Parameter]] = []
    var wholeArrayBase: [Int: Int] = [:]
    var elementSlot: [Int: [Int: Int]] = [:]
    var outputs: [String: String] = [:]   // binding → shadow variable
    var declarations: [String] = []
    var body: [String] = []
    var samplers: [(name: String, unit: Int, target: UInt32)] = []
    var attributes: [(name: String, index: Int)] = []
    var options: Set<String> = []
    var counts = (instructions: 0, alu: 0, tex: 0, temps: 0, address: 0, attribs: 0)
    var usesTextureTargets: [Int: String] = [:]

    /// The parameter array's uniform name (one per stage, so a vertex and a fragment program link together).
    var paramsName: String { ARBProgram.parameterArrayName(kind) }

    init(kind: ARBProgram.Kind, text: [UInt8]) {
        self.kind = kind
        self.text = text
    }

    /// Translates `source`; the error names the offending byte offset.
    public static func translate(_ source: String) -> Result<ARBProgram, ARBProgramError> {
        let bytes = Array(source.utf8)
        let kind: ARBProgram.Kind
        if source.hasPrefix("!!ARBvp1.0") { kind = .vertex } else if source.hasPrefix("!!ARBfp1.0") { kind = .fragment } else {
            return .failure(ARBProgramError(position: 0, message: "the program does not start with !!ARBvp1.0 or !!ARBfp1.0"))
        }
        var t = ARBProgramTranslator(kind: kind, text: bytes)
        do {
            try t.lex(from: 10)
            return .success(try t.program())
        } catch let e as ARBProgramError {
            return .failure(e)
        } catch {
            return .failure(ARBProgramError(position: 0, message: "\(error)"))
        }
    }

    // MARK: lexing

    mutating func lex(from start: Int) throws {
        var i = start
        let n = text.count
        func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 36 }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < n {
            let c = text[i]
            if c == 35 { while i < n && text[i] != 10 { i += 1 }; continue }  // '#' comment
            if c == 32 || c == 9 || c == 10 || c == 13 { i += 1; continue }
            if isAlpha(c) {
                let s = i
                while i < n && (isAlpha(text[i]) || isDigit(text[i])) { i += 1 }
                tokens.append((.word(String(decoding: text[s..<i], as: UTF8.self)), s))
                continue
            }
            if c == 46 && i + 1 < n && text[i + 1] == 46 {  // `..` of a range
                tokens.append((.punct("."), i))
                tokens.append((.punct("."), i + 1))
                i += 2
                continue
            }
            if isDigit(c) || (c == 46 && i + 1 < n && isDigit(text[i + 1])) {
                let s = i
                while i < n && isDigit(text[i]) { i += 1 }
                if i < n && text[i] == 46 && !(i + 1 < n && text[i + 1] == 46) && !(i + 1 < n && isAlpha(text[i + 1]) && text[i + 1] != 101 && text[i + 1] != 69) {
                    i += 1
                    while i < n && isDigit(text[i]) { i += 1 }
                }
                if i < n && (text[i] == 101 || text[i] == 69) {
                    var j = i + 1
                    if j < n && (text[j] == 43 || text[j] == 45) { j += 1 }
                    if j < n && isDigit(text[j]) {
                        i = j
                        while i < n && isDigit(text[i]) { i += 1 }
                    }
                }
                if i < n && isAlpha(text[i]) {
                    // `1D`, `2D`, `3D`: texture targets are words.
                    while i < n && (isAlpha(text[i]) || isDigit(text[i])) { i += 1 }
                    tokens.append((.word(String(decoding: text[s..<i], as: UTF8.self)), s))
                    continue
                }
                guard let v = Double(String(decoding: text[s..<i], as: UTF8.self)) else { throw ARBProgramError(position: s, message: "bad number") }
                tokens.append((.number(v), s))
                continue
            }
            if "{}[](),;.=+-".utf8.contains(c) {
                tokens.append((.punct(Character(UnicodeScalar(c))), i))
                i += 1
                continue
            }
            throw ARBProgramError(position: i, message: "unexpected character")
        }
        tokens.append((.end, n))
    }

    var token: Token { tokens[pos].0 }
    var offset: Int { tokens[pos].1 }
    func fail(_ message: String) -> ARBProgramError { ARBProgramError(position: offset, message: message) }

    mutating func next() -> Token { defer { if pos < tokens.count - 1 { pos += 1 } }; return token }
    mutating func accept(_ c: Character) -> Bool {
        if token == .punct(c) { pos += 1; return true }
        return false
    }
    mutating func expect(_ c: Character) throws {
        guard accept(c) else { throw fail("expected '\(c)'") }
    }
    mutating func word() throws -> String {
        guard case .word(let w) = token else { throw fail("expected an identifier") }
        pos += 1
        return w
    }
    mutating func acceptWord(_ w: String) -> Bool {
        if token == .word(w) { pos += 1; return true }
        return false
    }
    mutating func integer() throws -> Int {
        guard case .number(let v) = token, v == v.rounded(), v >= 0, v < 1_000_000 else { throw fail("expected an integer") }
        pos += 1
        return Int(v)
    }
    mutating func signedNumber() throws -> Double {
        var sign = 1.0
        if accept("-") { sign = -1 } else { _ = accept("+") }
        guard case .number(let v) = token else { throw fail("expected a number") }
        pos += 1
        return sign * v
    }
    /// `[n]`
    mutating func index() throws -> Int {
        try expect("[")
        let i = try integer()
        try expect("]")
        return i
    }
    /// `.color` of a vertex or fragment binding, with its optional `.primary` / `.secondary`.
    mutating func colorBinding() -> String {
        if token == .punct("."), case .word(let sub) = tokens[pos + 1].0, sub == "primary" || sub == "secondary" {
            pos += 2
            return sub == "secondary" ? "gl_SecondaryColor" : "gl_Color"
        }
        return "gl_Color"
    }
    /// `.texcoord`'s optional `[n]` (unit 0 without one), below the texture-coordinate limit.
    mutating func texCoordUnit() throws -> Int {
        var unit = 0
        if token == .punct("[") { unit = try index() }
        guard unit < Self.maxTexCoords else { throw fail("texture coordinate \(unit)") }
        return unit
    }

    // MARK: program

    mutating func program() throws -> ARBProgram {
        while true {
            if case .end = token { throw fail("missing END") }
            if acceptWord("END") { break }
            try statement()
            try expect(";")
        }
        return finish()
    }

    static let vertexOpcodes: Set<String> = ["ABS", "ADD", "ARL", "DP3", "DP4", "DPH", "DST", "EX2", "EXP", "FLR", "FRC", "LG2", "LIT", "LOG",
                                             "MAD", "MAX", "MIN", "MOV", "MUL", "POW", "RCP", "RSQ", "SGE", "SLT", "SUB", "SWZ", "XPD"]
    static let fragmentOpcodes: Set<String> = ["ABS", "ADD", "CMP", "COS", "DP3", "DP4", "DPH", "DST", "EX2", "FLR", "FRC", "KIL", "LG2", "LIT",
                                               "LRP", "MAD", "MAX", "MIN", "MOV", "MUL", "POW", "RCP", "RSQ", "SCS", "SGE", "SIN", "SLT", "SUB",
                                               "SWZ", "TEX", "TXB", "TXP", "XPD"]

    mutating func statement() throws {
        let at = offset
        let w = try word()
        switch w {
        case "OPTION":
            let name = try word()
            let known = kind == .vertex ? ["ARB_position_invariant"]
                : ["ARB_precision_hint_fastest", "ARB_precision_hint_nicest", "ARB_fog_exp", "ARB_fog_exp2", "ARB_fog_linear",
                   "ARB_fragment_program_shadow", "ARB_fragment_coord_origin_upper_left", "ARB_fragment_coord_pixel_center_integer", "ARB_draw_buffers"]
            guard known.contains(name) else { throw ARBProgramError(position: at, message: "unknown option \(name)") }
            options.insert(name)
        case "ATTRIB":
            let name = try newName()
            try expect("=")
            let expr = try inputBinding()
            symbols[name] = .attrib(expr)
            counts.attribs += 1
        case "PARAM":
            let name = try newName()
            if accept("[") {
                var size: Int?
                if !accept("]") { size = try integer(); try expect("]") }
                try expect("=")
                try expect("{")
                let saved = parameters
                parameters = []
                repeat { try paramItem(multi: true) } while accept(",")
                try expect("}")
                let list = parameters
                parameters = saved
                let count = list.count
                if let size, size != count { throw fail("PARAM \(name)[\(size)] has \(count) elements") }
                guard count > 0 else { throw fail("empty PARAM array") }
                paramLists.append(list)
                symbols[name] = .param(id: paramLists.count - 1, count: count, array: true)
            } else {
                try expect("=")
                let saved = parameters
                parameters = []
                try paramItem(multi: false)
                let list = parameters
                parameters = saved
                guard list.count == 1 else { throw fail("PARAM \(name) binds more than one vector") }
                paramLists.append(list)
                symbols[name] = .param(id: paramLists.count - 1, count: 1, array: false)
            }
        case "TEMP", "ADDRESS":
            repeat {
                let name = try newName()
                let v = "a_\(name)"
                if w == "TEMP" {
                    symbols[name] = .temp(v)
                    declarations.append("vec4 \(v) = vec4(0.0);")
                    counts.temps += 1
                } else {
                    guard kind == .vertex else { throw ARBProgramError(position: at, message: "ADDRESS in a fragment program") }
                    symbols[name] = .address(v)
                    declarations.append("int \(v) = 0;")
                    counts.address += 1
                }
            } while accept(",")
        case "OUTPUT":
            let name = try newName()
            try expect("=")
            guard acceptWord("result") else { throw fail("expected result.*") }
            symbols[name] = .output(try outputBinding())
        case "ALIAS":
            let name = try newName()
            try expect("=")
            let target = try word()
            guard let s = symbols[target] else { throw fail("\(target) is not declared") }
            symbols[name] = s
        default:
            var op = w
            var saturate = false
            if op.hasSuffix("_SAT") { op = String(op.dropLast(4)); saturate = true }
            guard (kind == .vertex ? Self.vertexOpcodes : Self.fragmentOpcodes).contains(op), !(saturate && kind == .vertex) else {
                throw ARBProgramError(position: at, message: "unknown instruction \(w)")
            }
            try instruction(op, saturate: saturate)
        }
    }

    mutating func newName() throws -> String {
        let at = offset
        let name = try word()
        guard symbols[name] == nil else { throw ARBProgramError(position: at, message: "\(name) is already declared") }
        let reserved: Set<String> = ["vertex", "fragment", "result", "program", "state", "texture"]
        guard !reserved.contains(name) else { throw ARBProgramError(position: at, message: "\(name) is reserved") }
        return name
    }

    // MARK: bindings

    /// `vertex.*` or `fragment.*` (the word before is consumed by the caller or here).
    mutating func inputBinding() throws -> String {
        let at = offset
        let w = try word()
        if kind == .vertex {
            guard w == "vertex" else { throw ARBProgramError(position: at, message: "expected vertex.*") }
            try expect(".")
            let what = try word()
            switch what {
            case "position": return "gl_Vertex"
            case "normal": return "vec4(gl_Normal, 1.0)"
            case "fogcoord": return "vec4(gl_FogCoord, 0.0, 0.0, 1.0)"
            case "color": return colorBinding()
            case "texcoord": return "gl_MultiTexCoord\(try texCoordUnit())"
            case "attrib":
                let i = try index()
                guard i < Self.maxAttributes else { throw fail("attribute \(i)") }
                switch i {
                case 0: return "gl_Vertex"
                default:
                    let name = "virglgl_arbAttrib\(i)"
                    if !attributes.contains(where: { $0.index == i }) {
                        attributes.append((name, i))
                        declarations.insert("attribute vec4 \(name);", at: 0)
                    }
                    return name
                }
            default: throw ARBProgramError(position: at, message: "unknown vertex binding \(what)")
            }
        }
        guard w == "fragment" else { throw ARBProgramError(position: at, message: "expected fragment.*") }
        try expect(".")
        let what = try word()
        switch what {
        case "color": return colorBinding()
        case "texcoord": return "gl_TexCoord[\(try texCoordUnit())]"
        case "fogcoord": return "vec4(gl_FogFragCoord, 0.0, 0.0, 1.0)"
        case "position": return "virglgl_arbFragCoord"
        default: throw ARBProgramError(position: at, message: "unknown fragment binding \(what)")
        }
    }

    /// After `result`: the shadow variable of an output binding.
    mutating func outputBinding() throws -> String {
        try expect(".")
        let at = offset
        let what = try word()
        var binding: String
        switch (kind, what) {
        case (.vertex, "position"): binding = "position"
        case (.vertex, "fogcoord"): binding = "fogcoord"
        case (.vertex, "pointsize"): binding = "pointsize"
        case (.vertex, "texcoord"):
            var unit = 0
            if token == .punct("[") { unit = try index() }
            guard unit < Self.maxTexCoords else { throw fail("texture coordinate \(unit)") }
            binding = "texcoord\(unit)"
        case (.vertex, "color"):
            var face = "front", which = "primary"
            while token == .punct("."), case .word(let sub) = tokens[pos + 1].0, ["front", "back", "primary", "secondary"].contains(sub) {
                pos += 2
                if sub == "front" || sub == "back" { face = sub } else { which = sub }
            }
            binding = "color_\(face)_\(which)"
        case (.fragment, "color"):
            binding = "fragcolor"
            if token == .punct("[") {
                let i = try index()
                guard i < 8 else { throw fail("draw buffer \(i)") }
                binding = "fragdata\(i)"
            }
        case (.fragment, "depth"): binding = "depth"
        default: throw ARBProgramError(position: at, message: "unknown result binding \(what)")
        }
        if let v = outputs[binding] { return v }
        let v = "virglgl_arbOut_\(binding)"
        outputs[binding] = v
        return v
    }

    /// One PARAM element (or a range of them when `multi`).
    mutating func paramItem(multi: Bool) throws {
        let at = offset
        switch token {
        case .punct("{"):
            parameters.append(.constant(try vectorConstant()))
        case .number, .punct("-"), .punct("+"):
            let v = Float(try signedNumber())
            parameters.append(.constant([v, v, v, v]))
        case .word("program"):
            pos += 1
            try expect(".")
            let which = try word()
            guard which == "env" || which == "local" else { throw ARBProgramError(position: at, message: "expected program.env or program.local") }
            let limit = which == "env" ? Self.maxEnvParameters : Self.maxLocalParameters
            try expect("[")
            let first = try integer()
            var last = first
            if accept(".") {
                try expect(".")
                last = try integer()
                guard multi else { throw ARBProgramError(position: at, message: "a range in a single PARAM") }
            }
            try expect("]")
            guard first <= last, last < limit else { throw ARBProgramError(position: at, message: "program.\(which) index out of range") }
            for i in first...last { parameters.append(which == "env" ? .env(i) : .local(i)) }
        case .word("state"):
            pos += 1
            try stateBinding(multi: multi, at)
        default:
            throw fail("expected a parameter binding")
        }
    }

    /// After `state`: state.matrix.<name>[.<modifier>][.row[a(..b)]] and state.depth.range.
    mutating func stateBinding(multi: Bool, _ at: Int) throws {
        try expect(".")
        let what = try word()
        switch what {
        case "depth":
            try expect(".")
            guard acceptWord("range") else { throw fail("expected state.depth.range") }
            parameters.append(.depthRange)
        case "matrix":
            try expect(".")
            let name = try word()
            let matrix: ARBProgram.Matrix
            switch name {
            case "modelview":
                if token == .punct("[") { guard try index() == 0 else { throw fail("only modelview[0] exists") } }
                matrix = .modelview
            case "projection": matrix = .projection
            case "mvp": matrix = .mvp
            case "texture":
                var unit = 0
                if token == .punct("[") { unit = try index() }
                guard unit < Self.maxTexCoords else { throw fail("texture matrix \(unit)") }
                matrix = .texture(unit)
            default: throw ARBProgramError(position: at, message: "unknown matrix \(name)")
            }
            var modifier = ARBProgram.Modifier.none
            var first = 0, last = 3
            while token == .punct("."), case .word(let w) = tokens[pos + 1].0 {
                if w == "inverse" || w == "transpose" || w == "invtrans" {
                    pos += 2
                    modifier = w == "inverse" ? .inverse : w == "transpose" ? .transpose : .inverseTranspose
                } else if w == "row" {
                    pos += 2
                    try expect("[")
                    first = try integer()
                    last = first
                    if accept(".") {
                        try expect(".")
                        last = try integer()
                    }
                    try expect("]")
                    guard first <= last, last < 4 else { throw ARBProgramError(position: at, message: "matrix rows out of range") }
                    break
                } else {
                    break
                }
            }
            guard multi || first == last else { throw ARBProgramError(position: at, message: "a whole matrix where one vector is bound") }
            for r in first...last { parameters.append(.matrixRow(matrix, modifier, row: r)) }
        default:
            throw ARBProgramError(position: at, message: "unsupported state binding state.\(what)")
        }
    }

    /// The `parameters` slot of element `i` of PARAM list `id`.
    mutating func element(_ id: Int, _ i: Int) -> Int {
        if let b = wholeArrayBase[id] { return b + i }
        if let slot = elementSlot[id]?[i] { return slot }
        parameters.append(paramLists[id][i])
        elementSlot[id, default: [:]][i] = parameters.count - 1
        return parameters.count - 1
    }

    /// The first `parameters` slot of the whole PARAM list `id`, laid out contiguously.
    mutating func wholeArray(_ id: Int) -> Int {
        if let b = wholeArrayBase[id] { return b }
        let b = parameters.count
        parameters += paramLists[id]
        wholeArrayBase[id] = b
        return b
    }

    /// `{a}`, `{a, b}`, … `{a, b, c, d}`: components not given are those of (0, 0, 0, 1).
    mutating func vectorConstant() throws -> [Float] {
        try expect("{")
        var v: [Float] = []
        repeat { v.append(Float(try signedNumber())) } while accept(",") && v.count < 4
        try expect("}")
        let defaults: [Float] = [0, 0, 0, 1]
        while v.count < 4 { v.append(defaults[v.count]) }
        return v
    }

    static func literal(_ v: [Float]) -> String {
        "vec4(" + v.map { f -> String in
            if f.isNaN { return "(0.0/0.0)" }
            if f.isInfinite { return f > 0 ? "(1.0/0.0)" : "(-1.0/0.0)" }
            return String(format: "%.9e", Double(f))
        }.joined(separator: ", ") + ")"
    }

    // MARK: operands

    /// The component letters of a swizzle or mask suffix, or nil when the word is none.
    static func components(_ w: String) -> [Int]? {
        let map: [Character: Int] = ["x": 0, "y": 1, "z": 2, "w": 3, "r": 0, "g": 1, "b": 2, "a": 3]
        let c = w.compactMap { map[$0] }
        guard c.count == w.count, !c.isEmpty, c.count <= 4 else { return nil }
        let xyzw = w.allSatisfy { "xyzw".contains($0) }, rgba = w.allSatisfy { "rgba".contains($0) }
        return xyzw || rgba ? c : nil
    }

    /// A source operand as a GLSL vec4 expression.
    mutating func source(scalar: Bool = false) throws -> String {
        var negate = false
        if accept("-") { negate = true } else { _ = accept("+") }
        let at = offset
        var base: String
        switch token {
        case .punct("{"):
            base = Self.literal(try vectorConstant())
        case .number:
            let v = Float(try signedNumber())
            base = Self.literal([v, v, v, v])
        case .word("vertex"), .word("fragment"):
            base = try inputBinding()
        case .word("program"):
            let p = parameters.count
            try paramItem(multi: false)
            base = "\(paramsName)[\(p)]"
        case .word("state"):
            let p = parameters.count
            try paramItem(multi: false)
            base = "\(paramsName)[\(p)]"
        case .word(let name):
            pos += 1
            guard let s = symbols[name] else { throw ARBProgramError(position: at, message: "\(name) is not declared") }
            switch s {
            case .attrib(let e): base = e
            case .temp(let v): base = v
            case .param(let id, let count, let array):
                if array {
                    guard token == .punct("[") else { throw fail("\(name) is an array") }
                    pos += 1
                    if case .number = token {
                        let i = try integer()
                        guard i < count else { throw ARBProgramError(position: at, message: "\(name)[\(i)] is out of bounds") }
                        base = "\(paramsName)[\(element(id, i))]"
                    } else {
                        guard kind == .vertex else { throw fail("relative addressing in a fragment program") }
                        let aw = offset
                        let a = try word()
                        guard case .address(let av)? = symbols[a] else { throw ARBProgramError(position: aw, message: "\(a) is not an address register") }
                        try expect(".")
                        guard acceptWord("x") else { throw fail("expected .x") }
                        var off = 0
                        if accept("+") { off = try integer(); guard off < 4096 else { throw fail("offset out of range") } }
                        else if accept("-") { off = -(try integer()); guard off > -4096 else { throw fail("offset out of range") } }
                        base = "virglgl_arbRel(\(wholeArray(id) + off) + \(av))"
                    }
                    try expect("]")
                } else {
                    base = "\(paramsName)[\(element(id, 0))]"
                }
            case .address, .output: throw ARBProgramError(position: at, message: "\(name) cannot be read")
            }
        default:
            throw fail("expected a source operand")
        }
        var expr = base
        if token == .punct("."), case .word(let w) = tokens[pos + 1].0, let c = Self.components(w) {
            pos += 2
            guard c.count == 1 || c.count == 4 else { throw fail("a swizzle has one or four components") }
            let letters = c.map { "xyzw"[String.Index(utf16Offset: $0, in: "xyzw")] }
            expr = "(\(base)).\(String(c.count == 1 ? Array(repeating: letters[0], count: 4) : letters))"
        } else if scalar {
            throw fail("a scalar operand needs a one-component swizzle")
        }
        return negate ? "(-\(expr))" : expr
    }

    /// SWZ's extended swizzle source.
    mutating func extendedSwizzle() throws -> String {
        var negate = false
        if accept("-") { negate = true } else { _ = accept("+") }
        var base = try registerOnly()
        if negate { base = "(-\(base))" }
        var parts: [String] = []
        for _ in 0..<4 {
            try expect(",")
            var neg = false
            if accept("-") { neg = true } else { _ = accept("+") }
            let c: String
            switch token {
            case .number(let v) where v == 0 || v == 1:
                pos += 1
                c = v == 0 ? "0.0" : "1.0"
            case .word(let w) where w.count == 1 && Self.components(w) != nil:
                pos += 1
                c = "(\(base)).\("xyzw"[String.Index(utf16Offset: Self.components(w)![0], in: "xyzw")])"
            default:
                throw fail("expected an extended swizzle component")
            }
            parts.append(neg ? "(-\(c))" : c)
        }
        return "vec4(\(parts.joined(separator: ", ")))"
    }

    /// An operand without swizzle and negation (SWZ's source: its components follow, comma-separated).
    mutating func registerOnly() throws -> String {
        let at = offset
        switch token {
        case .word("vertex"), .word("fragment"): return try inputBinding()
        case .word("program"), .word("state"):
            let p = parameters.count
            try paramItem(multi: false)
            return "\(paramsName)[\(p)]"
        case .word(let name):
            pos += 1
            guard let s = symbols[name] else { throw ARBProgramError(position: at, message: "\(name) is not declared") }
            switch s {
            case .attrib(let e): return e
            case .temp(let v): return v
            case .param(let id, let count, let array):
                if array {
                    try expect("[")
                    let i = try integer()
                    try expect("]")
                    guard i < count else { throw ARBProgramError(position: at, message: "out of bounds") }
                    return "\(paramsName)[\(element(id, i))]"
                }
                return "\(paramsName)[\(element(id, 0))]"
            default: throw ARBProgramError(position: at, message: "\(name) cannot be read")
            }
        default: throw fail("expected a register")
        }
    }

    /// A destination: the variable and its write mask (component indices).
    mutating func destination() throws -> (String, [Int]) {
        let at = offset
        let name = try word()
        let v: String
        if name == "result" {
            v = try outputBinding()
        } else {
            switch symbols[name] {
            case .temp(let t)?: v = t
            case .output(let o)?: v = o
            case .address?: throw ARBProgramError(position: at, message: "only ARL writes an address register")
            case nil: throw ARBProgramError(position: at, message: "\(name) is not declared")
            default: throw ARBProgramError(position: at, message: "\(name) cannot be written")
            }
        }
        var mask = [0, 1, 2, 3]
        if token == .punct("."), case .word(let w) = tokens[pos + 1].0, let c = Self.components(w) {
            guard c == c.sorted(), Set(c).count == c.count else { throw fail("a write mask lists components in order") }
            pos += 2
            mask = c
        }
        return (v, mask)
    }

    // MARK: instructions

    mutating func instruction(_ op: String, saturate: Bool) throws {
        counts.instructions += 1
        if ["TEX", "TXB", "TXP", "KIL"].contains(op) { counts.tex += 1 } else { counts.alu += 1 }
        if op == "KIL" {
            let s = try source()
            body.append("if (any(lessThan(\(s), vec4(0.0)))) discard;")
            return
        }
        if op == "ARL" {
            let at = offset
            let a = try word()
            guard case .address(let av)? = symbols[a] else { throw ARBProgramError(position: at, message: "\(a) is not an address register") }
            try expect(".")
            guard acceptWord("x") else { throw fail("expected .x") }
            try expect(",")
            let s = try source(scalar: true)
            body.append("\(av) = int(floor((\(s)).x));")
            return
        }
        let (dst, mask) = try destination()
        try expect(",")
        func src(_ scalar: Bool = false) throws -> String { try source(scalar: scalar) }
        var value: String
        switch op {
        case "MOV": value = try src()
        case "ABS": value = "abs(\(try src()))"
        case "FLR": value = "floor(\(try src()))"
        case "FRC": value = "fract(\(try src()))"
        case "ADD", "SUB", "MUL", "MAX", "MIN", "SGE", "SLT", "DP3", "DP4", "DPH", "DST", "XPD", "POW":
            let a = try src(op == "POW")
            try expect(",")
            let b = try src(op == "POW")
            switch op {
            case "ADD": value = "(\(a) + \(b))"
            case "SUB": value = "(\(a) - \(b))"
            case "MUL": value = "(\(a) * \(b))"
            case "MAX": value = "max(\(a), \(b))"
            case "MIN": value = "min(\(a), \(b))"
            case "SGE": value = "vec4(greaterThanEqual(\(a), \(b)))"
            case "SLT": value = "vec4(lessThan(\(a), \(b)))"
            case "DP3": value = "vec4(dot((\(a)).xyz, (\(b)).xyz))"
            case "DP4": value = "vec4(dot(\(a), \(b)))"
            case "DPH": value = "vec4(dot((\(a)).xyz, (\(b)).xyz) + (\(b)).w)"
            case "DST": value = "virglgl_arbDST(\(a), \(b))"
            case "XPD": value = "vec4(cross((\(a)).xyz, (\(b)).xyz), 1.0)"
            default: value = "vec4(exp2((\(b)).x * log2((\(a)).x)))"
            }
        case "MAD", "CMP", "LRP":
            let a = try src()
            try expect(",")
            let b = try src()
            try expect(",")
            let c = try src()
            switch op {
            case "MAD": value = "(\(a) * \(b) + \(c))"
            case "CMP": value = "mix(\(c), \(b), vec4(lessThan(\(a), vec4(0.0))))"
            default: value = "virglgl_arbLRP(\(a), \(b), \(c))"
            }
        case "EX2", "LG2", "RCP", "RSQ", "COS", "SIN", "EXP", "LOG", "SCS":
            let a = "(\(try src(true))).x"
            switch op {
            case "EX2": value = "vec4(exp2(\(a)))"
            case "LG2": value = "vec4(log2(\(a)))"
            case "RCP": value = "vec4(1.0 / \(a))"
            case "RSQ": value = "vec4(inversesqrt(abs(\(a))))"
            case "COS": value = "vec4(cos(\(a)))"
            case "SIN": value = "vec4(sin(\(a)))"
            case "SCS": value = "vec4(cos(\(a)), sin(\(a)), 0.0, 0.0)"
            case "EXP": value = "virglgl_arbEXP(\(a))"
            default: value = "virglgl_arbLOG(\(a))"
            }
        case "LIT": value = "virglgl_arbLIT(\(try src()))"
        case "SWZ": value = try extendedSwizzle()
        case "TEX", "TXB", "TXP":
            let coord = try src()
            try expect(",")
            guard acceptWord("texture") else { throw fail("expected texture[n]") }
            var unit = 0
            if token == .punct("[") { unit = try index() }
            guard unit < Self.maxTextureUnits else { throw fail("texture unit \(unit)") }
            try expect(",")
            let tat = offset
            let target = try word()
            value = try textureLookup(op, coord, unit, target, tat)
        default:
            throw fail("unknown instruction \(op)")
        }
        if saturate { value = "clamp(\(value), 0.0, 1.0)" }
        let letters = mask.map { String("xyzw"[String.Index(utf16Offset: $0, in: "xyzw")]) }.joined()
        if mask.count == 4 {
            body.append("\(dst) = \(value);")
        } else {
            body.append("\(dst).\(letters) = (\(value)).\(letters);")
        }
    }

    mutating func textureLookup(_ op: String, _ coord: String, _ unit: Int, _ target: String, _ at: Int) throws -> String {
        let shadowOK = options.contains("ARB_fragment_program_shadow")
        // (sampler type, GL target, plain call, projective call, coordinate components)
        let table: [String: (String, UInt32, String, String, String)] = [
            "1D": ("sampler1D", 0x0DE0, "texture1D", "texture1DProj", "x"),
            "2D": ("sampler2D", 0x0DE1, "texture2D", "texture2DProj", "xy"),
            "3D": ("sampler3D", 0x806F, "texture3D", "texture3DProj", "xyz"),
            "CUBE": ("samplerCube", 0x8513, "textureCube", "", "xyz"),
            "RECT": ("sampler2DRect", 0x84F5, "texture2DRect", "texture2DRectProj", "xy"),
            "SHADOW1D": ("sampler1DShadow", 0x0DE0, "shadow1D", "shadow1DProj", "xyz"),
            "SHADOW2D": ("sampler2DShadow", 0x0DE1, "shadow2D", "shadow2DProj", "xyz"),
            "SHADOWRECT": ("sampler2DRectShadow", 0x84F5, "shadow2DRect", "shadow2DRectProj", "xyz"),
        ]
        guard let t = table[target], !target.hasPrefix("SHADOW") || shadowOK else {
            throw ARBProgramError(position: at, message: "unknown texture target \(target)")
        }
        if let other = usesTextureTargets[unit], other != target {
            throw ARBProgramError(position: at, message: "texture unit \(unit) is used with two targets")
        }
        usesTextureTargets[unit] = target
        let name = "virglgl_arbSampler\(unit)"
        if !samplers.contains(where: { $0.name == name }) {
            samplers.append((name, unit, t.1))
            declarations.insert("uniform \(t.0) \(name);", at: 0)
        }
        let c = "(\(coord))"
        switch op {
        case "TXP":
            if target == "CUBE" { return "\(t.2)(\(name), \(c).xyz / \(c).w)" }
            if target == "1D" { return "\(t.3)(\(name), \(c).xw)" }
            if target == "2D" || target == "RECT" { return "\(t.3)(\(name), \(c).xyw)" }
            return "\(t.3)(\(name), \(c))"
        case "TXB":
            if target.contains("RECT") { return "\(t.2)(\(name), \(c).\(t.4))" }
            return "\(t.2)(\(name), \(c).\(t.4), \(c).w)"
        default:
            return "\(t.2)(\(name), \(c).\(t.4))"
        }
    }

    // MARK: output

    static let helpers = """
        vec4 virglgl_arbDST(vec4 a, vec4 b) { return vec4(1.0, a.y * b.y, a.z, b.w); }
        vec4 virglgl_arbLRP(vec4 a, vec4 b, vec4 c) { return a * b + (vec4(1.0) - a) * c; }
        vec4 virglgl_arbEXP(float s) { float f = floor(s); return vec4(exp2(f), s - f, exp2(s), 1.0); }
        vec4 virglgl_arbLOG(float s) {
            float a = abs(s);
            if (a == 0.0) return vec4(-1.0 / 0.0, 1.0, -1.0 / 0.0, 1.0);
            float e = floor(log2(a));
            return vec4(e, a / exp2(e), log2(a), 1.0);
        }
        vec4 virglgl_arbLIT(vec4 s) {
            float x = max(s.x, 0.0), y = max(s.y, 0.0), w = clamp(s.w, -128.0, 128.0);
            float z = 0.0;
            if (x > 0.0) z = (w == 0.0) ? 1.0 : exp2(w * log2(y));
            return vec4(1.0, x, z, 1.0);
        }

        """

    mutating func finish() -> ARBProgram {
        var s = "#version 120\n"
        if kind == .fragment && options.contains("ARB_fragment_coord_origin_upper_left") || options.contains("ARB_fragment_coord_pixel_center_integer") {
            s = "#version 150 compatibility\n"
            var q: [String] = []
            if options.contains("ARB_fragment_coord_origin_upper_left") { q.append("origin_upper_left") }
            if options.contains("ARB_fragment_coord_pixel_center_integer") { q.append("pixel_center_integer") }
            s += "layout(\(q.joined(separator: ", "))) in vec4 gl_FragCoord;\n"
        }
        if !parameters.isEmpty {
            s += "uniform vec4 \(paramsName)[\(parameters.count)];\n"
            s += "vec4 virglgl_arbRel(int i) { return (i >= 0 && i < \(parameters.count)) ? \(paramsName)[i] : vec4(0.0); }\n"
        }
        s += declarations.filter { $0.hasPrefix("uniform") || $0.hasPrefix("attribute") }.joined(separator: "\n") + "\n"
        s += Self.helpers
        s += "void main() {\n"
        if kind == .fragment { s += "    vec4 virglgl_arbFragCoord = gl_FragCoord;\n" }
        for d in declarations where !d.hasPrefix("uniform") && !d.hasPrefix("attribute") { s += "    \(d)\n" }
        for (binding, v) in outputs.sorted(by: { $0.key < $1.key }) {
            s += "    vec4 \(v) = \(binding == "depth" ? "vec4(gl_FragCoord.z)" : "vec4(0.0, 0.0, 0.0, 1.0)");\n"
        }
        for line in body { s += "    \(line)\n" }
        // The outputs.
        if kind == .vertex {
            if options.contains("ARB_position_invariant") { s += "    gl_Position = ftransform();\n" }
            for (binding, v) in outputs.sorted(by: { $0.key < $1.key }) {
                switch binding {
                case "position" where !options.contains("ARB_position_invariant"): s += "    gl_Position = \(v);\n"
                case "fogcoord": s += "    gl_FogFragCoord = \(v).x;\n"
                case "pointsize": s += "    gl_PointSize = \(v).x;\n"
                case "color_front_primary": s += "    gl_FrontColor = \(v);\n"
                case "color_front_secondary": s += "    gl_FrontSecondaryColor = \(v);\n"
                case "color_back_primary": s += "    gl_BackColor = \(v);\n"
                case "color_back_secondary": s += "    gl_BackSecondaryColor = \(v);\n"
                default:
                    if binding.hasPrefix("texcoord") { s += "    gl_TexCoord[\(binding.dropFirst(8))] = \(v);\n" }
                }
            }
        } else {
            for (binding, v) in outputs.sorted(by: { $0.key < $1.key }) {
                switch binding {
                case "fragcolor": s += "    gl_FragColor = \(v);\n"
                case "depth": s += "    gl_FragDepth = \(v).z;\n"
                default: s += "    gl_FragData[\(binding.dropFirst(8))] = \(v);\n"
                }
            }
        }
        s += "}\n"
        var p = ARBProgram(kind: kind, glsl: s, parameters: parameters, samplers: samplers, attributes: attributes)
        p.instructions = counts.instructions
        p.aluInstructions = counts.alu
        p.texInstructions = counts.tex
        p.temporaries = counts.temps
        p.addressRegisters = counts.address
        p.attribs = counts.attribs
        p.writesDepth = outputs["depth"] != nil
        return p
    }
}
