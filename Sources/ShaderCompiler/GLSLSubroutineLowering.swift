/// Shader subroutines (GLSL 4.00, GL_ARB_shader_subroutine) as plain GLSL, before glslang sees the source.
///
/// glslang does not take subroutines to SPIR-V, so a source that uses them is rewritten (line numbers kept):
/// - `subroutine T f(P);` (a subroutine type) is removed: it names no function;
/// - `subroutine(T, U) R f(P) {…}` loses its `subroutine(…)` (and `layout(index = N)`) and is an ordinary function;
/// - `subroutine uniform T u[N];` becomes `uniform int virglgl_subS_u[N];` (S: the stage) and a prototype of a
///   dispatcher `R virglgl_call_u(int i, P)`, defined after the source's own code, that calls the function whose
///   subroutine index the uniform holds;
/// - calls `u(args)` and `u[i](args)` become `virglgl_call_u(args)` and `virglgl_call_u(i, args)`.
///
/// The driver writes the subroutine indices that glUniformSubroutinesuiv selects into the int uniforms. What GL
/// reports (subroutine names and indices, uniform locations, compatible subroutines) comes from `declarations`,
/// which reads the source the same way. Rules the spec gives that glslang cannot check after the rewrite (types
/// that match, no prototypes, no overloads of a subroutine, names shared with a subroutine type, explicit indices
/// and locations only with GL_ARB_explicit_uniform_location) become `#error` lines. A stage of several
/// compilation units is lowered with all of them in view at link (`LinkUnit`): indices count over the stage, and a
/// dispatcher calls the compatible functions other units define through prototypes.
public enum GLSLSubroutineLowering {
    /// A subroutine function: its name, its subroutine index and the subroutine types it is associated with.
    public struct Function: Equatable, Sendable {
        public var name: String
        public var index: Int
        public var types: [String]
    }

    /// A subroutine uniform: its name, subroutine type, array dimensions (empty for one value) and explicit
    /// location, if any.
    public struct Uniform: Equatable, Sendable {
        public var name: String
        public var type: String
        public var dimensions: [Int]
        public var location: Int?
        /// Array elements (1 for one value).
        public var size: Int { dimensions.reduce(1, *) }
    }

    /// What a source declares, and the rules it breaks (line index, message).
    public struct Declarations: Sendable {
        public var types: [String] = []
        public var functions: [Function] = []
        public var uniforms: [Uniform] = []
        public var errors: [(line: Int, message: String)] = []
    }

    /// The most subroutine functions per stage (GL_MAX_SUBROUTINES) and subroutine uniform locations
    /// (GL_MAX_SUBROUTINE_UNIFORM_LOCATIONS).
    public static let maxSubroutines = 256
    public static let maxUniformLocations = 1024

    /// The name of the int uniform that holds subroutine uniform `name` of `stage`.
    public static func loweredName(_ name: String, _ stage: ShaderStage) -> String { "virglgl_sub\(stage.rawValue)_\(name)" }

    // MARK: Tokens

    /// A token of the source, by byte offsets into its UTF-8 and its line index.
    struct Token {
        var text: String
        var start: Int
        var end: Int
        var line: Int
    }

    /// Identifiers, numbers and punctuation characters, without comments and preprocessor lines.
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var out: [Token] = []
        var i = 0, line = 0, lineStart = true
        func isWord(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x0A { line += 1; lineStart = true; i += 1; continue }
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            if lineStart && c == 0x23 {  // a preprocessor line (continuations included)
                while i < bytes.count, bytes[i] != 0x0A || (i > 0 && bytes[i - 1] == 0x5C) {
                    if bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                continue
            }
            lineStart = false
            if c == 0x2F, i + 1 < bytes.count, bytes[i + 1] == 0x2F {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                continue
            }
            if c == 0x2F, i + 1 < bytes.count, bytes[i + 1] == 0x2A {
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == 0x2A && bytes[i + 1] == 0x2F) {
                    if bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                i += 2
                continue
            }
            if isWord(c) {
                var j = i
                // Numbers keep their fraction and exponent (`1.0e-3` is one token).
                while j < bytes.count, isWord(bytes[j]) || (bytes[j] == 0x2E && bytes[i] >= 0x30 && bytes[i] <= 0x39) { j += 1 }
                out.append(Token(text: String(decoding: bytes[i..<j], as: UTF8.self), start: i, end: j, line: line))
                i = j
                continue
            }
            out.append(Token(text: String(UnicodeScalar(c)), start: i, end: i + 1, line: line))
            i += 1
        }
        return out
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.utf8.first else { return false }
        return (f >= 0x41 && f <= 0x5A) || (f >= 0x61 && f <= 0x7A) || f == 0x5F
    }

    /// The index of the token that closes the bracket opened at `open` (`(`, `[` or `{`), or the last token.
    static func closing(_ t: [Token], _ open: Int) -> Int {
        let pairs: [String: String] = ["(": ")", "[": "]", "{": "}"]
        guard let close = pairs[t[open].text] else { return open }
        var depth = 0
        for k in open..<t.count {
            if t[k].text == t[open].text { depth += 1 }
            if t[k].text == close { depth -= 1; if depth == 0 { return k } }
        }
        return t.count - 1
    }

    // MARK: Statements

    /// A global declaration: its tokens `[start, end]` and, for a function definition, where its body starts.
    struct Statement {
        var start: Int
        var end: Int
        var body: Int?
    }

    /// The source's global declarations, in order.
    static func statements(_ t: [Token]) -> [Statement] {
        var out: [Statement] = []
        var i = 0
        while i < t.count {
            let start = i
            var depth = 0
            var done = false
            while i < t.count, !done {
                switch t[i].text {
                case "(", "[": depth += 1
                case ")", "]": depth -= 1
                case ";" where depth <= 0:
                    out.append(Statement(start: start, end: i, body: nil))
                    done = true
                case "{" where depth <= 0:
                    let close = closing(t, i)
                    if i > start, t[i - 1].text == ")" {
                        out.append(Statement(start: start, end: close, body: i))
                        done = true
                        i = close
                    } else {
                        i = close  // a struct or block: on to its `;`
                    }
                default: break
                }
                i += 1
            }
        }
        return out
    }

    /// The qualifiers of `layout(…)` groups from `i` on: `name = value` pairs; `i` moves past them.
    static func layouts(_ t: [Token], _ i: inout Int, _ end: Int) -> [String: Int?] {
        var out: [String: Int?] = [:]
        while i <= end, t[i].text == "layout", i + 1 <= end, t[i + 1].text == "(" {
            let close = closing(t, i + 1)
            var k = i + 2
            while k < close {
                let name = t[k].text
                if k + 2 < close, t[k + 1].text == "=" {
                    out[name] = GLSLBindingLayout.literal(t[k + 2].text)
                    k += 3
                } else {
                    out[name] = .some(nil)
                    k += 1
                }
                if k < close, t[k].text == "," { k += 1 }
            }
            i = close + 1
        }
        return out
    }

    static let parameterQualifiers: Set<String> = ["in", "out", "inout", "const", "highp", "mediump", "lowp", "precise"]

    /// A parameter list (the tokens between parentheses) as each parameter's type (what must match) and its
    /// declaration with `name` (for a dispatcher's parameters).
    static func parameters(_ t: [Token], _ open: Int, _ close: Int) -> [(type: String, declaration: (String) -> String)] {
        var groups: [[String]] = [[]]
        var depth = 0
        for k in (open + 1)..<max(open + 1, close) {
            let s = t[k].text
            if s == "(" || s == "[" { depth += 1 }
            if s == ")" || s == "]" { depth -= 1 }
            if s == ",", depth == 0 { groups.append([]); continue }
            groups[groups.count - 1].append(s)
        }
        if groups == [[]] || groups == [["void"]] { return [] }
        return groups.map { words in
            var qualifiers: [String] = [], k = 0
            while k < words.count, parameterQualifiers.contains(words[k]) {
                if !["in", "highp", "mediump", "lowp"].contains(words[k]) { qualifiers.append(words[k]) }
                k += 1
            }
            var type = k < words.count ? words[k] : ""
            k += 1
            while k < words.count, words[k] == "[" {
                while k < words.count, words[k] != "]" { type += words[k]; k += 1 }
                type += "]"
                k += 1
            }
            var dims = ""
            if k < words.count, isIdentifier(words[k]) { k += 1 }
            while k < words.count { dims += words[k]; k += 1 }
            let signature = (qualifiers + [type]).joined(separator: " ") + dims
            let declared = (words.prefix { parameterQualifiers.contains($0) } + [type]).joined(separator: " ")
            return (signature, { "\(declared) \($0)\(dims)" })
        }
    }

    /// A subroutine type: its return type and parameters.
    struct Signature {
        var returns: String
        var parameters: [(type: String, declaration: (String) -> String)]
        var types: [String] { parameters.map(\.type) }
    }

    /// The return type of a function whose name is token `name`, from `from` on (precision qualifiers dropped).
    static func returnType(_ t: [Token], _ from: Int, _ name: Int) -> String {
        t[from..<name].map(\.text).filter { !["highp", "mediump", "lowp", "precise"].contains($0) }.joined()
    }

    /// The first `NAME (` at bracket depth 0 in `[from, end]`: the index of NAME.
    static func functionName(_ t: [Token], _ from: Int, _ end: Int) -> Int? {
        var depth = 0
        for k in from..<end {
            switch t[k].text {
            case "[": depth += 1
            case "]": depth -= 1
            case "=": return nil
            case "(" where depth == 0: return k > from && isIdentifier(t[k - 1].text) ? k - 1 : nil
            default: break
            }
        }
        return nil
    }

    /// What the source declares, with the uniform and function declarations' token ranges for `lower`.
    struct Parse {
        var declarations = Declarations()
        var signatures: [String: Signature] = [:]
        /// Token ranges to blank (subroutine types; `subroutine(…)` and layout qualifiers of functions).
        var blanks: [(Int, Int)] = []
        /// Subroutine uniform declarations: their statement's token range.
        var uniformStatements: [(start: Int, end: Int)] = []
        /// Explicit subroutine indices by function (nil: assigned).
        var explicitIndices: [Int?] = []
    }

    /// Reads the global declarations of a source that uses subroutines, checking the rules glslang cannot see.
    static func parse(_ t: [Token], explicitAllowed: Bool) -> Parse {
        var p = Parse()
        var otherFunctions: [(name: String, types: [String], line: Int)] = []
        var subroutineFunctionTypes: [String: [String]] = [:]
        func fail(_ k: Int, _ message: String) { p.declarations.errors.append((t[min(k, t.count - 1)].line, message)) }
        for s in statements(t) {
            var i = s.start
            var layout = layouts(t, &i, s.end)
            guard i <= s.end else { continue }
            guard t[i].text == "subroutine" else {
                // `subroutine` is a keyword: nothing else may use it.
                if let k = (s.start...s.end).first(where: { t[$0].text == "subroutine" }) { fail(k, "'subroutine' is a reserved word here") }
                if let n = functionName(t, i, s.end), let close = Optional(closing(t, n + 1)) {
                    otherFunctions.append((t[n].text, parameters(t, n + 1, close).map(\.type), t[n].line))
                }
                continue
            }
            let keyword = i
            i += 1
            guard i <= s.end else { fail(keyword, "a subroutine declaration needs more"); continue }
            if t[i].text == "uniform" {
                // subroutine uniform TYPE NAME[dims];
                i += 1
                layout.merge(layouts(t, &i, s.end)) { a, _ in a }
                guard i + 1 <= s.end, isIdentifier(t[i].text), isIdentifier(t[i + 1].text), s.body == nil else {
                    fail(keyword, "a subroutine uniform is `subroutine uniform TYPE NAME;`")
                    continue
                }
                let type = t[i].text, name = t[i + 1].text
                var dims: [Int] = []
                var k = i + 2
                while k + 2 <= s.end, t[k].text == "[", let n = GLSLBindingLayout.literal(t[k + 1].text), t[k + 2].text == "]" {
                    dims.append(n)
                    k += 3
                }
                if !p.declarations.types.contains(type) { fail(i, "'\(type)' is not a subroutine type") }
                if layout["index"] != nil { fail(keyword, "a subroutine uniform takes no index qualifier") }
                if layout["location"] != nil, !explicitAllowed { fail(keyword, "layout(location) needs GL_ARB_explicit_uniform_location") }
                var location: Int?
                if let l = layout["location"] ?? nil {
                    location = l
                    if l < 0 || l + dims.reduce(1, *) > maxUniformLocations { fail(keyword, "subroutine uniform location \(l) is out of range") }
                }
                p.declarations.uniforms.append(Uniform(name: name, type: type, dimensions: dims, location: location))
                p.uniformStatements.append((s.start, s.end))
            } else if t[i].text == "(" {
                // subroutine(T, U) RET NAME(params) { … }
                let close = closing(t, i)
                var types: [String] = []
                for k in (i + 1)..<max(i + 1, close) where t[k].text != "," {
                    guard isIdentifier(t[k].text) else { fail(k, "a subroutine type list holds type names"); break }
                    types.append(t[k].text)
                }
                if types.isEmpty { fail(i, "a subroutine type list may not be empty") }
                var j = close + 1
                let later = layouts(t, &j, s.end)
                layout.merge(later) { a, _ in a }
                p.blanks.append((s.start, j - 1))
                guard j <= s.end, t[j].text != "subroutine" else { fail(j, "a function takes one subroutine qualifier"); continue }
                guard let n = functionName(t, j, s.end) else { fail(j, "a subroutine qualifier needs a function"); continue }
                guard s.body != nil else { fail(n, "a function with a subroutine qualifier must be defined, not declared"); continue }
                let name = t[n].text
                let params = parameters(t, n + 1, closing(t, n + 1))
                let returns = returnType(t, j, n)
                for type in types {
                    guard let sig = p.signatures[type] else { fail(n, "'\(type)' is not a subroutine type"); continue }
                    if sig.returns != returns || sig.types != params.map(\.type) {
                        fail(n, "function \(name) does not match subroutine type \(type)")
                    }
                }
                if layout["location"] != nil { fail(keyword, "a subroutine function takes no location qualifier") }
                if layout["index"] != nil, !explicitAllowed { fail(keyword, "layout(index) needs GL_ARB_explicit_uniform_location") }
                let index = layout["index"] ?? nil
                if let index, index < 0 || index >= maxSubroutines { fail(keyword, "subroutine index \(index) is out of range") }
                if let index, p.explicitIndices.contains(index) { fail(keyword, "subroutine index \(index) is used twice") }
                if subroutineFunctionTypes[name] != nil { fail(n, "subroutine function \(name) is defined twice") }
                subroutineFunctionTypes[name] = params.map(\.type)
                p.declarations.functions.append(Function(name: name, index: -1, types: types))
                p.explicitIndices.append(index)
            } else {
                // subroutine RET NAME(params);
                guard let n = functionName(t, i, s.end), s.body == nil, t[s.end].text == ";" else {
                    fail(keyword, "'subroutine' declares a subroutine type, function or uniform")
                    continue
                }
                let close = closing(t, n + 1)
                p.signatures[t[n].text] = Signature(returns: returnType(t, i, n), parameters: parameters(t, n + 1, close))
                p.declarations.types.append(t[n].text)
                p.blanks.append((s.start, s.end))
            }
        }
        for f in otherFunctions {
            if p.declarations.types.contains(f.name) {
                p.declarations.errors.append((f.line, "function \(f.name) has the name of a subroutine type"))
            }
            if let types = subroutineFunctionTypes[f.name], types != f.types {
                p.declarations.errors.append((f.line, "subroutine function \(f.name) may not be overloaded"))
            }
        }
        assignIndices(&p.declarations.functions, p.explicitIndices)
        if p.declarations.functions.count > maxSubroutines { p.declarations.errors.append((0, "more than \(maxSubroutines) subroutines")) }
        return p
    }

    /// Subroutine indices: explicit ones as given, the others the lowest free ones in order.
    static func assignIndices(_ functions: inout [Function], _ explicit: [Int?]) {
        var used = Set(explicit.compactMap { $0 })
        var next = 0
        for k in functions.indices {
            if let e = explicit[k] {
                functions[k].index = e
            } else {
                while used.contains(next) { next += 1 }
                functions[k].index = next
                used.insert(next)
            }
        }
    }

    /// Whether a source uses subroutines: GLSL 4.00+, or the extension enabled.
    static func applies(_ source: String, version: Int) -> Bool {
        guard GLSLLegacyLowering.uses(source, "subroutine") else { return false }
        return version >= 400 || explicitAllowedOrEnabled(source).enabled
    }

    /// Whether the source enables GL_ARB_shader_subroutine and GL_ARB_explicit_uniform_location.
    static func explicitAllowedOrEnabled(_ source: String) -> (enabled: Bool, explicit: Bool) {
        let names = GLSLExtensionLowering.enabled(source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)).map(\.name)
        return (names.contains("GL_ARB_shader_subroutine"), names.contains("GL_ARB_explicit_uniform_location"))
    }

    /// The parse of a source that uses subroutines (nil for one that does not).
    static func parse(_ source: String) -> Parse? {
        let version = GLSLVersionLowering.declaredVersion(source).version
        guard applies(source, version: version) else { return nil }
        let explicit = version >= 430 || explicitAllowedOrEnabled(source).explicit
        return parse(tokens(Array(source.utf8)), explicitAllowed: explicit)
    }

    /// The subroutine types, functions (with their indices) and uniforms of a source; empty when it uses none.
    public static func declarations(_ source: String) -> Declarations { declarations(stage: [source]) }

    /// The same for the compilation units of one stage of a program: the functions of every unit in order, indexed
    /// over the stage; a uniform that several units declare, once.
    public static func declarations(stage sources: [String]) -> Declarations {
        var d = Declarations()
        var explicit: [Int?] = []
        for p in sources.compactMap(parse) {
            d.types += p.declarations.types.filter { !d.types.contains($0) }
            d.functions += p.declarations.functions
            explicit += p.explicitIndices
            d.uniforms += p.declarations.uniforms.filter { u in !d.uniforms.contains { $0.name == u.name } }
            d.errors += p.declarations.errors
        }
        assignIndices(&d.functions, explicit)
        return d
    }

    /// A unit of a program's stage at link time: every unit's source, and which one is lowered. Its dispatchers
    /// call the compatible functions of every unit (by prototype when another unit defines them) with indices over
    /// the stage; a dispatcher for a uniform that an earlier unit also declares is left to that unit.
    public struct LinkUnit: Sendable {
        public var sources: [String]
        public var unit: Int
        public init(sources: [String], unit: Int) {
            self.sources = sources
            self.unit = unit
        }
    }

    // MARK: Lowering

    /// Rewrites a source's subroutines (see the type's documentation). Returns false (and leaves `lines`) when
    /// the source uses none.
    static func lower(_ lines: inout [String], version: Int, stage: ShaderStage, link: LinkUnit? = nil) -> Bool {
        let source = lines.joined(separator: "\n")
        guard applies(source, version: version) else { return false }
        let bytes = Array(source.utf8)
        let t = tokens(bytes)
        let explicit = version >= 430 || explicitAllowedOrEnabled(source).explicit
        let p = parse(t, explicitAllowed: explicit)
        var edits: [(start: Int, end: Int, text: String)] = []
        for (a, b) in p.blanks { edits.append((t[a].start, t[b].end, "")) }
        let d = p.declarations
        // The stage's functions (this unit's alone when compiled by itself), and the uniforms earlier units declare.
        var functions = d.functions
        var earlierUniforms = Set<String>()
        if let link, link.sources.count > 1, link.unit < link.sources.count {
            functions = declarations(stage: link.sources).functions
            earlierUniforms = Set(link.sources[..<link.unit].compactMap(parse).flatMap { $0.declarations.uniforms.map(\.name) })
        }
        let local = Set(d.functions.map(\.name))
        var prototypes = Set<String>()
        var definitions = ""
        for (u, range) in zip(d.uniforms, p.uniformStatements) {
            guard let sig = p.signatures[u.type] else { continue }
            let lowered = loweredName(u.name, stage)
            let dims = u.dimensions.map { "[\($0)]" }.joined()
            let indexParameters = u.dimensions.indices.map { "int virglgl_i\($0)" }
            let parameters = indexParameters + sig.parameters.enumerated().map { $1.declaration("virglgl_a\($0)") }
            let prototype = "\(sig.returns) virglgl_call_\(u.name)(\(parameters.joined(separator: ", ")))"
            edits.append((t[range.start].start, t[range.end].end, "uniform int \(lowered)\(dims); \(prototype);"))
            // The body: the compatible functions by index, the last one also for any other value.
            let arguments = sig.parameters.indices.map { "virglgl_a\($0)" }.joined(separator: ", ")
            let element = lowered + u.dimensions.indices.map { "[virglgl_i\($0)]" }.joined()
            let candidates = functions.filter { $0.types.contains(u.type) }
            guard !earlierUniforms.contains(u.name) else { continue }
            for f in candidates where !local.contains(f.name) && prototypes.insert(f.name).inserted {
                // Defined by another unit: its signature is the type's.
                let declared = sig.parameters.enumerated().map { $1.declaration("virglgl_a\($0)") }
                definitions += "\(sig.returns) \(f.name)(\(declared.joined(separator: ", ")));\n"
            }
            var body = "int virglgl_s = \(element);\n"
            let isVoid = sig.returns == "void"
            for (k, f) in candidates.enumerated() {
                let call = "\(f.name)(\(arguments))"
                let action = isVoid ? "{ \(call); return; }" : "return \(call);"
                body += k == candidates.count - 1 ? "    \(action)\n" : "    if (virglgl_s == \(f.index)) \(action)\n"
            }
            if candidates.isEmpty && !isVoid { body += "    \(sig.returns) virglgl_r; return virglgl_r;\n" }
            definitions += "\(prototype) {\n    \(body)}\n"
        }
        // Calls: u(…) and u[i]…(…).
        let names = Set(d.uniforms.map(\.name))
        let dimensionCounts = Dictionary(d.uniforms.map { ($0.name, $0.dimensions.count) }, uniquingKeysWith: { a, _ in a })
        let declared = Set(p.uniformStatements.flatMap { Array($0.start...$0.end) })
        var k = 0
        while k < t.count {
            defer { k += 1 }
            guard names.contains(t[k].text), !declared.contains(k), k + 1 < t.count, k == 0 || t[k - 1].text != "." else { continue }
            var j = k + 1
            var brackets: [(Int, Int)] = []
            while j < t.count, t[j].text == "[" {
                let close = closing(t, j)
                brackets.append((j, close))
                j = close + 1
            }
            guard j < t.count, t[j].text == "(", brackets.count == dimensionCounts[t[k].text] ?? 0 else { continue }
            let empty = j + 1 < t.count && t[j + 1].text == ")"
            edits.append((t[k].start, t[k].end, "virglgl_call_\(t[k].text)"))
            for (n, (open, close)) in brackets.enumerated() {
                edits.append((t[open].start, t[open].end, n == 0 ? "(" : ""))
                let last = n == brackets.count - 1
                edits.append((t[close].start, t[close].end, last ? (empty ? "" : ",") : ","))
            }
            if !brackets.isEmpty { edits.append((t[j].start, t[j].end, "")) }
        }
        // Applied from the end; what an edit replaces keeps its line breaks.
        var out = bytes
        for e in edits.sorted(by: { $0.start > $1.start }) {
            let newlines = out[e.start..<e.end].filter { $0 == 0x0A }.count
            out.replaceSubrange(e.start..<e.end, with: Array(e.text.utf8) + [UInt8](repeating: 0x0A, count: newlines))
        }
        var text = String(decoding: out, as: UTF8.self)
        if !definitions.isEmpty { text += "\n" + definitions }
        for e in d.errors { text += "\n#line \(e.line + 1)\n#error VirglGL: \(e.message)" }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return true
    }
}
