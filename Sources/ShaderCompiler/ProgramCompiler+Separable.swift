/// Separable programs (GL 4.1, ARB_separate_shader_objects): a program linked with only some stages meets the
/// other stages of a pipeline through varyings whose GENERIC (and PATCH) slots both sides must agree on without
/// seeing each other. The rule, applied to a stage's outputs and to the inputs of a program's first stage alike:
/// a varying with an explicit `layout(location = N)` takes slot N; the others (GL 4.6 §7.4.1 matches them by name,
/// and only when both sides declare the same set) follow the highest explicit slot, in name order.
extension ProgramCompiler {
    /// The slots of `m`'s user varyings in `storage` (1 input, 3 output) by `TGSITranslator.varyingKey`.
    /// `perVertex`: arrays over vertices (an element takes the slots); `patch`: the per-patch ones instead;
    /// `explicit`: the keys declared with a location in the source.
    static func separableVaryingSlots(
        _ m: SPIRVModule, storage: UInt32, perVertex: Bool = false, patch: Bool = false, explicit: Set<String>
    ) -> [String: Int] {
        let t = TGSITranslator(module: m, stage: .vertex, uniforms: [])
        var located: [(key: String, location: Int, slots: Int)] = [], named: [(key: String, slots: Int)] = []
        for (id, v) in m.variables where v.storage == storage {
            guard m.decoration(id, 11) == nil, case .pointer(_, var pointee)? = m.types[v.type] else { continue }
            guard (m.decoration(id, 15) != nil) == patch else { continue }  // Patch
            if perVertex && !patch, case .array(let element, _)? = m.types[pointee] { pointee = element }
            if case .structure? = m.types[pointee], m.memberDecorations[pointee]?[0]?[11] != nil { continue }  // gl_PerVertex
            guard let name = m.names[id], TGSITranslator.legacyColorSemantics[name] == nil, !name.hasPrefix("virglgl_ClipVertex"),
                  let key = TGSITranslator.varyingKey(m, id, pointee: pointee) else { continue }
            if explicit.contains(key), let location = m.decoration(id, 30)?.first {
                located.append((key, Int(location), t.slots(pointee)))
            } else {
                named.append((key, t.slots(pointee)))
            }
        }
        var slots: [String: Int] = [:], next = 0
        for v in located {
            slots[v.key] = v.location
            next = max(next, v.location + v.slots)
        }
        for v in named.sorted(by: { $0.key < $1.key }) where slots[v.key] == nil {
            slots[v.key] = next
            next += v.slots
        }
        return slots
    }

    /// The varyings (`in` or `out`, by `storage`) that `sources` declare with `layout(… location = …)`, by
    /// `TGSITranslator.varyingKey` ("block Name" for an interface block). Read from the source: glslang gives every
    /// varying a location, its own or one it picked.
    static func explicitVaryingKeys(_ sources: [String], storage: String) -> Set<String> {
        var keys: Set<String> = []
        for source in sources {
            var statement = ""
            for c in stripComments(source) {
                guard c == ";" || c == "{" || c == "}" else {
                    statement.append(c)
                    continue
                }
                defer { statement = "" }
                guard let layout = statement.range(of: "layout"), let close = statement[layout.upperBound...].firstIndex(of: ")") else { continue }
                let qualifiers = statement[layout.upperBound..<close]
                guard qualifiers.contains("location") else { continue }
                let rest = statement[statement.index(after: close)...]
                let declaration = rest.split(separator: "[").first.map(String.init) ?? String(rest)
                let words = declaration.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard words.contains(Substring(storage)), let name = words.last, name != Substring(storage) else { continue }
                keys.insert(c == "{" ? "block \(name)" : String(name))
            }
        }
        return keys
    }

    /// `source` without `//` and `/* */` comments (kept as spaces).
    static func stripComments(_ source: String) -> String {
        var out = "", chars = Array(source), i = 0
        while i < chars.count {
            if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
            } else if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                out.append(" ")
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// ARB_separate_shader_objects: "To use any built-in input or output in the gl_PerVertex … blocks in separable
    /// program objects, shader code must redeclare those blocks prior to use." Checked where one separable program
    /// holds both sides: a stage of GLSL 1.50 or later reading `gl_in[]` when neither it nor the stage before it
    /// redeclares gl_PerVertex.
    static func checkPerVertexRedeclarations(_ stages: [ShaderStage], _ units: [ShaderStage: [String]]) -> ShaderError? {
        for (producer, consumer) in zip(stages, stages.dropFirst()) where consumer.readsVertexArrays {
            let sources = units[consumer] ?? [], before = units[producer] ?? []
            guard sources.contains(where: { GLSLLegacyLowering.uses($0, "gl_in") && GLSLVersionLowering.declaredVersion($0).version >= 150 }),
                  !(sources + before).contains(where: { GLSLLegacyLowering.uses($0, "gl_PerVertex") }) else { continue }
            return ShaderError("error: the \(consumer) shader of a separable program reads gl_in[] without gl_PerVertex being redeclared")
        }
        return nil
    }
}
