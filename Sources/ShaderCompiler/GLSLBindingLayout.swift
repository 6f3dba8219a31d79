/// Explicit `layout(binding = N)` qualifiers of sampler and image uniforms and uniform blocks (GLSL 4.20,
/// GL_ARB_shading_language_420pack), read from the GLSL source.
///
/// glslang compiles with automatic binding mapping (SPIR-V for OpenGL needs a binding on every block), so the
/// Binding decorations in its SPIR-V do not say which bindings the program chose and which glslang made up. GL
/// gives a sampler or block without a binding qualifier unit/binding point 0, so VirglGL takes the bindings
/// from the source: a sampler's initial texture unit, an array's elements N, N+1, …, and a block's initial
/// binding point.
public enum GLSLBindingLayout {
    /// Explicit bindings by name: sampler uniforms (array elements as `name[k]`) and uniform blocks (by block name).
    public static func explicitBindings(_ source: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for d in uniformDeclarations(source, qualifier: "binding") {
            if d.isBlock {
                out[d.type] = d.value
            } else if d.type.hasPrefix("sampler") || d.type.hasPrefix("isampler") || d.type.hasPrefix("usampler")
                || d.type.hasPrefix("image") || d.type.hasPrefix("iimage") || d.type.hasPrefix("uimage") {
                if let count = d.count {
                    // An array of arrays: each element at the binding + its row-major index.
                    let dims = arrayDimensions(source, d.name)
                    if dims.count <= 1 {
                        for e in 0..<count { out["\(d.name)[\(e)]"] = d.value + e }
                    } else {
                        var index = [Int](repeating: 0, count: dims.count)
                        for e in 0..<dims.reduce(1, *) {
                            out[d.name + index.map { "[\($0)]" }.joined()] = d.value + e
                            for k in stride(from: dims.count - 1, through: 0, by: -1) {
                                index[k] += 1
                                if index[k] < dims[k] { break }
                                index[k] = 0
                            }
                        }
                    }
                } else {
                    out[d.name] = d.value
                }
            }
        }
        return out
    }

    /// The sizes of each dimension of the uniform array `name` (`uniform T name[2][3]` → [2, 3]), from its
    /// first declaration with literal sizes; empty when there is none.
    static func arrayDimensions(_ source: String, _ name: String) -> [Int] {
        let t = tokens(source)
        for i in t.indices where t[i] == name && i > 0 && t[i - 1] != "." {
            var dims: [Int] = [], k = i + 1
            while k + 2 < t.count, t[k] == "[", t[k + 2] == "]", let n = literal(t[k + 1]) {
                dims.append(n)
                k += 3
            }
            if !dims.isEmpty { return dims }
        }
        return []
    }

    /// Explicit `layout(location = N)` of default-block uniforms (GL 4.3, GL_ARB_explicit_uniform_location), by
    /// uniform name: its first location.
    public static func explicitUniformLocations(_ source: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for d in uniformDeclarations(source, qualifier: "location") where !d.isBlock { out[d.name] = d.value }
        return out
    }

    /// `layout(… qualifier = N …) uniform TYPE NAME[count]` and `layout(…) uniform BLOCK {` declarations: the
    /// qualifier's value, the type (the block name for a block), the name and an array's element count.
    static func uniformDeclarations(_ source: String, qualifier: String) -> [(value: Int, isBlock: Bool, type: String, name: String, count: Int?)] {
        let t = tokens(source)
        var out: [(Int, Bool, String, String, Int?)] = []
        var i = 0
        while i < t.count {
            guard t[i] == "layout", i + 1 < t.count, t[i + 1] == "(" else { i += 1; continue }
            // The qualifier list up to its closing parenthesis.
            var value: Int?
            var j = i + 2
            while j < t.count, t[j] != ")" {
                if t[j] == qualifier, j + 2 < t.count, t[j + 1] == "=" { value = literal(t[j + 2]) }
                j += 1
            }
            i = j + 1
            guard let value else { continue }
            // Further qualifiers, then `uniform TYPE NAME[N];` or `uniform BLOCK {`.
            var isUniform = false
            var k = i
            while k < t.count, qualifiers.contains(t[k]) || t[k] == "layout" {
                if t[k] == "uniform" { isUniform = true }
                if t[k] == "layout" {
                    while k < t.count, t[k] != ")" { k += 1 }
                }
                k += 1
            }
            guard isUniform, k + 1 < t.count else { continue }
            if t[k + 1] == "{" {
                out.append((value, true, t[k], "", nil))
            } else {
                let count = k + 4 < t.count && t[k + 2] == "[" && t[k + 4] == "]" ? literal(t[k + 3]) : nil
                out.append((value, false, t[k], t[k + 1], count))
            }
        }
        return out
    }

    static let qualifiers: Set<String> = [
        "uniform", "highp", "mediump", "lowp", "const", "readonly", "writeonly", "coherent", "volatile", "restrict",
        "shared", "packed", "std140", "std430",
    ]

    /// An integer literal (decimal, octal or hexadecimal, with an optional u suffix).
    static func literal(_ s: String) -> Int? {
        var d = Substring(s)
        if d.hasSuffix("u") || d.hasSuffix("U") { d = d.dropLast() }
        if d.hasPrefix("0x") || d.hasPrefix("0X") { return Int(d.dropFirst(2), radix: 16) }
        if d.count > 1, d.hasPrefix("0") { return Int(d.dropFirst(), radix: 8) }
        return Int(d)
    }

    /// Identifiers, numbers and single punctuation characters, without comments or preprocessor lines.
    static func tokens(_ source: String) -> [String] {
        var out: [String] = []
        let chars = Array(source)
        var i = 0
        var lineStart = true
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { lineStart = true; i += 1; continue }
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if lineStart && c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            lineStart = false
            if c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if c.isLetter || c.isNumber || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                out.append(String(chars[i..<j]))
                i = j
                continue
            }
            out.append(String(c))
            i += 1
        }
        return out
    }
}
