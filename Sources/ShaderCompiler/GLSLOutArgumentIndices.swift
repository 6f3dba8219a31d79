import Foundation

/// GLSL 1.20 §6.1.1 (4.60 §6.1.1): an `out` or `inout` argument's lvalue is evaluated when the call is made, and the
/// value is copied back to that lvalue when the function returns. glslang evaluates an indexed argument's index again
/// at the copy-back when the parameter needs a conversion (`f(i, value[i])` with `out int` into a `float` element), so
/// a function that changes the index writes the wrong element. For a call statement `name(args);` of a function the
/// source defines, each `out`/`inout` argument `array[index]` whose index is a plain variable gets that index copied
/// into a temporary before the call: `{ int virglgl_outIndex0 = i; f(i, value[virglgl_outIndex0]); }`, on the same
/// line. Only GLSL before 1.30, where every index is an `int` (there is no `uint`), and only single-line statements.
enum GLSLOutArgumentIndices {
    /// An `array[variable]` argument, a one-line call statement, and a function definition (name, parameter list).
    private static let indexed = try! NSRegularExpression(pattern: #"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]\s*$"#)
    private static let call = try! NSRegularExpression(pattern: #"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*;\s*$"#)
    private static let definition = try! NSRegularExpression(pattern: #"\b[A-Za-z_][A-Za-z0-9_]*\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*)\)\s*\{"#)
    static func rewrite(_ source: String) -> String {
        guard GLSLVersionLowering.declaredVersion(source).version < 130, source.contains("out") else { return source }
        let code = ProgramCompiler.stripComments(source)
        // The source's functions with out/inout parameters: name → whether each parameter is written back.
        var written: [String: [Bool]] = [:]
        let ns = code as NSString
        for m in definition.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
            let params = ns.substring(with: m.range(at: 2)).split(separator: ",").map { p in
                GLSLSharedGlobals.identifiers(String(p)).contains { $0 == "out" || $0 == "inout" }
            }
            if params.contains(true) { written[ns.substring(with: m.range(at: 1))] = params }
        }
        guard !written.isEmpty else { return source }
        var counter = 0
        var lines = source.components(separatedBy: "\n")
        for k in lines.indices {
            let line = lines[k] as NSString
            guard let m = call.firstMatch(in: lines[k], range: NSRange(location: 0, length: line.length)),
                  let outs = written[line.substring(with: m.range(at: 2))] else { continue }
            let args = splitArguments(line.substring(with: m.range(at: 3)))
            guard args.count == outs.count else { continue }
            var temporaries: [String] = []
            var newArgs = args
            for (n, arg) in args.enumerated() where outs[n] {
                let a = arg as NSString
                guard let im = indexed.firstMatch(in: arg, range: NSRange(location: 0, length: a.length)) else { continue }
                let index = a.substring(with: im.range(at: 2))
                let temporary = "virglgl_outIndex\(counter)"
                counter += 1
                temporaries.append("int \(temporary) = \(index);")
                let leading = String(arg.prefix { $0 == " " || $0 == "\t" })
                newArgs[n] = "\(leading)\(a.substring(with: im.range(at: 1)))[\(temporary)]"
            }
            guard !temporaries.isEmpty else { continue }
            let indent = line.substring(with: m.range(at: 1))
            lines[k] = "\(indent){ \(temporaries.joined(separator: " ")) \(line.substring(with: m.range(at: 2)))(\(newArgs.joined(separator: ","))); }"
        }
        return lines.joined(separator: "\n")
    }

    /// `text` split at its top-level commas.
    private static func splitArguments(_ text: String) -> [String] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var parts: [String] = [], current = "", depth = 0
        for ch in text {
            switch ch {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(ch)
        }
        parts.append(current)
        return parts
    }
}
