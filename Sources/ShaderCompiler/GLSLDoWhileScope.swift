/// GLSL 4.60 §6.3 (and 1.10 §6.3): "The body of a do-while loop introduces a new scope lasting only between the do
/// and while (not including the while test expression), whether or not the body is simple or compound." glslang
/// keeps a simple body's declarations visible in the test (`do int i = 0; while (i < 1);` reads the inner i), so a
/// simple body is given braces, which glslang scopes correctly. Line numbers are kept.
public enum GLSLDoWhileScope {
    /// `source` with each simple (unbraced, non-control) do-while body wrapped in `{ }`.
    public static func braceSimpleBodies(_ source: String) -> String {
        guard source.contains("do") else { return source }
        let c = Array(source)
        var insertions: [(Int, Character)] = []
        func isWord(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }
        /// The index after whitespace and comments from `i`.
        func skipBlank(_ i: Int) -> Int {
            var i = i
            while i < c.count {
                if c[i].isWhitespace { i += 1; continue }
                if c[i] == "/", i + 1 < c.count, c[i + 1] == "/" {
                    while i < c.count, c[i] != "\n" { i += 1 }
                    continue
                }
                if c[i] == "/", i + 1 < c.count, c[i + 1] == "*" {
                    i += 2
                    while i + 1 < c.count, !(c[i] == "*" && c[i + 1] == "/") { i += 1 }
                    i = min(c.count, i + 2)
                    continue
                }
                break
            }
            return i
        }
        func word(at i: Int) -> String {
            var j = i, w = ""
            while j < c.count, isWord(c[j]) { w.append(c[j]); j += 1 }
            return w
        }
        var i = 0
        while i < c.count {
            if c[i] == "/", i + 1 < c.count, c[i + 1] == "/" || c[i + 1] == "*" { i = skipBlank(i); continue }
            guard isWord(c[i]) else { i += 1; continue }
            let w = word(at: i)
            let end = i + w.count
            defer { i = end }
            guard w == "do" else { continue }
            let body = skipBlank(end)
            guard body < c.count, c[body] != "{", !["if", "for", "while", "do", "switch"].contains(word(at: body)) else { continue }
            // The statement's `;` outside parentheses, then the `while`.
            var k = body, depth = 0
            while k < c.count {
                if c[k] == "/", k + 1 < c.count, c[k + 1] == "/" || c[k + 1] == "*" { k = skipBlank(k); continue }
                if c[k] == "(" { depth += 1 } else if c[k] == ")" { depth -= 1 } else if c[k] == ";" && depth == 0 { break }
                if c[k] == "{" || c[k] == "}" { k = c.count; break }
                k += 1
            }
            guard k < c.count, word(at: skipBlank(k + 1)) == "while" else { continue }
            insertions.append((end, "{"))
            insertions.append((k + 1, "}"))
        }
        guard !insertions.isEmpty else { return source }
        var out = c
        for (at, ch) in insertions.sorted(by: { $0.0 > $1.0 }) { out.insert(ch, at: at) }
        return String(out)
    }
}
