/// Prints a virgl stream in readable form, one command per line, from the generated payload layouts.
public enum VirglDisassembler {
    /// One line per command; malformed input (a length past the end) ends with a line saying so.
    public static func disassemble(_ words: [UInt32]) -> [String] {
        var lines: [String] = []
        var i = 0
        while i < words.count {
            let header = words[i]
            let commandID = header & 0xFF, objectID = (header >> 8) & 0xFF, length = Int(header >> 16)
            guard i + 1 + length <= words.count else {
                lines.append("[\(i)] truncated: header 0x\(String(header, radix: 16)) wants \(length) words, \(words.count - i - 1) left")
                break
            }
            let payload = Array(words[i + 1..<i + 1 + length])
            lines.append("[\(i)] " + describe(commandID, objectID, payload))
            i += 1 + length
        }
        return lines
    }

    static func describe(_ commandID: UInt32, _ objectID: UInt32, _ payload: [UInt32]) -> String {
        guard let command = VirglCommand(rawValue: commandID) else {
            return "unknown command \(commandID) (\(payload.count) words)"
        }
        let object = VirglObjectType(rawValue: objectID)
        var name = String(command.cName.dropFirst("VIRGL_CCMD_".count))
        if command == .createObject || command == .bindObject || command == .destroyObject {
            name += "(\(object.map { String($0.cName.dropFirst("VIRGL_OBJECT_".count)) } ?? "object \(objectID)"))"
        }
        if command == .createObject, object == .shader {
            return name + " " + shader(payload)
        }
        let layout = command == .createObject ? object.flatMap { VirglPayloadLayouts.objects[$0] } : VirglPayloadLayouts.commands[command]
        guard let layout else { return name + " " + payload.map { "0x" + String($0, radix: 16) }.joined(separator: " ") }
        return name + " " + fields(layout, payload)
    }

    static func shader(_ p: [UInt32]) -> String {
        guard p.count >= 5 else { return "(short: \(p.count) words)" }
        let stage = VirglShaderStage(rawValue: p[1])?.cName ?? "stage \(p[1])"
        let continued = p[2] & 0x8000_0000 != 0
        var bytes: [UInt8] = []
        for w in p.dropFirst(5) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: w >> (8 * k))) } }
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        return "handle=\(p[0]) \(stage) \(continued ? "offset" : "length")=\(p[2] & 0x7FFF_FFFF) num_tokens=\(p[3]) text=\"\(firstLine)…\" (\(text.utf8.count) bytes)"
    }

    static func value(_ kind: VirglFieldKind, _ words: ArraySlice<UInt32>) -> String {
        let w = words.first ?? 0
        switch kind {
        case .u32: return w < 0x10000 ? "\(w)" : "0x" + String(w, radix: 16)
        case .i32: return "\(Int32(bitPattern: w))"
        case .f32: return "\(Float(bitPattern: w))"
        case .f64:
            let hi = words.dropFirst().first ?? 0
            return "\(Double(bitPattern: UInt64(w) | UInt64(hi) << 32))"
        case .packed(let type):
            let parts = VirglPayloadLayouts.unpack(type, w).filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }
            return "{" + parts.joined(separator: " ") + "}"
        }
    }

    static func fields(_ layout: VirglPayloadLayout, _ payload: [UInt32]) -> String {
        var out: [String] = []
        var i = 0
        func width(_ k: VirglFieldKind) -> Int { k == .f64 ? 2 : 1 }
        for (name, kind) in layout.fields where i < payload.count {
            out.append("\(name)=\(value(kind, payload[i..<min(i + 2, payload.count)]))")
            i += width(kind)
        }
        if !layout.repeated.isEmpty {
            var n = 0
            while i < payload.count {
                for (name, kind) in layout.repeated where i < payload.count {
                    out.append("\(name)[\(n)]=\(value(kind, payload[i..<min(i + 2, payload.count)]))")
                    i += width(kind)
                }
                n += 1
            }
        }
        if layout.trailingData, i < payload.count {
            out.append("data=\(payload.count - i) words")
            i = payload.count
        }
        if i < payload.count { out.append("+\(payload.count - i) extra words") }
        return out.joined(separator: " ")
    }
}
