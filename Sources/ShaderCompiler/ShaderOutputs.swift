/// One register's worth of a shader output: `components` components from `startComponent` of OUT[`register`].
public struct ShaderOutputPiece: Equatable, Sendable {
    public var register: Int
    public var startComponent: Int
    public var components: Int
}

/// A named output of a vertex or geometry stage as GL names it (`gl_Position`, `gl_ClipDistance`, user outputs,
/// and the lowered legacy outputs under their `gl_` names), for transform feedback.
public struct ShaderOutput: Equatable, Sendable {
    public var name: String
    /// The GL type enum of one element (GL_FLOAT_VEC4, GL_FLOAT_MAT3, …).
    public var glType: UInt32
    /// The pieces of each array element (one element for a non-array; a matrix has a piece per column).
    public var elements: [[ShaderOutputPiece]]
    public var isArray: Bool
    /// The geometry stage's vertex stream (`layout(stream = n)`; 0 elsewhere).
    public var stream = 0
    /// Captured by the shader's own layout (`xfb_buffer`, `xfb_offset`, GL_ARB_enhanced_layouts): the buffer and
    /// the byte offset of its first element (nil: not captured that way), and the buffer's `xfb_stride` if given.
    public var xfb: ShaderOutputCapture?
}

/// Where a shader's `xfb_*` layout qualifiers capture an output (ShaderOutput.xfb).
public struct ShaderOutputCapture: Equatable, Sendable {
    public var buffer: Int
    /// Bytes from the start of each vertex's record in the buffer.
    public var offset: Int
    /// The buffer's `xfb_stride` in bytes, where the shader gives one.
    public var stride: Int?
}

extension TGSITranslator {
    /// Records output `name` of `type` starting at OUT[`register`] (one register per slot): struct members as
    /// `name.member` and elements of struct arrays as `name[k]…`, down to arrays of plain types and plain values.
    /// `xfb`: where the shader's `xfb_offset` captures it (struct members and array elements follow at their sizes).
    mutating func recordOutput(_ name: String, _ type: UInt32, register: Int, stream: Int = 0, xfb: ShaderOutputCapture? = nil) {
        let glName = name.hasPrefix("virglgl_") ? "gl_" + name.dropFirst(8) : name
        func pieces(_ t: UInt32, _ r: Int) -> [ShaderOutputPiece] {
            if kind(t) == "d" {
                // Doubles: two words each, four a register; a column of three or four takes two registers.
                let words = 2 * compCount(t), perColumn = (words + 3) / 4
                return (0..<columns(t)).flatMap { c in
                    (0..<perColumn).map { s in ShaderOutputPiece(register: r + c * perColumn + s, startComponent: 0, components: min(4, words - 4 * s)) }
                }
            }
            return (0..<columns(t)).map { ShaderOutputPiece(register: r + $0, startComponent: 0, components: compCount(t)) }
        }
        switch m.types[type] {
        case .structure(let members)?:
            var r = register, capture = xfb
            for (i, member) in members.enumerated() {
                recordOutput("\(glName).\(m.memberNames[type]?[i] ?? "m\(i)")", member, register: r, stream: stream, xfb: capture)
                r += slots(member)
                capture?.offset += xfbSize(member)
            }
        case .array(let element, let count)?:
            if case .structure? = m.types[element] {
                for k in 0..<count {
                    let capture = xfb.map { c in ShaderOutputCapture(buffer: c.buffer, offset: c.offset + k * xfbSize(element), stride: c.stride) }
                    recordOutput("\(glName)[\(k)]", element, register: register + k * slots(element), stream: stream, xfb: capture)
                }
                return
            }
            guard glType(element) != 0 else { return }
            outputs.append(ShaderOutput(
                name: glName, glType: glType(element), elements: (0..<count).map { pieces(element, register + $0 * slots(element)) },
                isArray: true, stream: stream, xfb: xfb))
        default:
            guard glType(type) != 0 else { return }
            outputs.append(ShaderOutput(name: glName, glType: glType(type), elements: [pieces(type, register)], isArray: false, stream: stream, xfb: xfb))
        }
    }
}

/// Transform feedback: where each captured varying's components go.
public enum TransformFeedbackLayout {
    /// One captured register piece: its components go to `buffer` at dword `offset` of each vertex's record.
    public struct Entry: Equatable, Sendable {
        public var piece: ShaderOutputPiece
        public var buffer: Int
        public var offset: Int
        /// The vertex stream the captured output belongs to.
        public var stream = 0
    }
    /// A captured varying as glGetTransformFeedbackVarying reports it.
    public struct Varying: Equatable, Sendable {
        public var name: String
        public var glType: UInt32
        public var size: Int
    }
    public struct Layout: Equatable, Sendable {
        public var entries: [Entry]
        /// Dwords per vertex in each buffer used.
        public var strides: [Int]
        public var varyings: [Varying]
        /// The vertex stream each buffer captures (ARB_transform_feedback3: one stream a buffer).
        public var bufferStreams: [Int] = []
        /// A layout from the shader's `xfb_*` qualifiers: the buffer of each varying (empty otherwise).
        public var varyingBuffers: [Int] = []
        /// The byte offset of each varying in its buffer's records (GL_OFFSET of GL_TRANSFORM_FEEDBACK_VARYING).
        public var varyingOffsets: [Int] = []
    }

    /// GL_MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS and GL_MAX_TRANSFORM_FEEDBACK_SEPARATE_COMPONENTS.
    public static let maxInterleavedComponents = 64
    public static let maxSeparateComponents = 4

    /// GL_MAX_TRANSFORM_FEEDBACK_BUFFERS: the buffers interleaved varyings may spread over with gl_NextBuffer.
    public static let maxBuffers = 4

    /// Lays out `names` (glTransformFeedbackVaryings: `name` or `name[i]`) over `outputs`, interleaved in buffer
    /// 0 or one buffer each; a name that is no output, a repeated name or too many components fails the link.
    /// Interleaved names may include ARB_transform_feedback3's `gl_NextBuffer` (what follows goes to the next
    /// buffer) and `gl_SkipComponents1`…`4` (a gap of that many components); they are listed as varyings of type
    /// GL_NONE (size 0, or the components skipped), as Mesa lists them.
    public static func layout(_ names: [String], separate: Bool, outputs: [ShaderOutput]) -> Result<Layout, ShaderError> {
        var entries: [Entry] = []
        var strides = [Int](repeating: 0, count: separate ? names.count : 1)
        var varyings: [Varying] = []
        var seen: Set<String> = []
        var offsets: [Int] = []
        var interleavedBuffer = 0
        for (i, name) in names.enumerated() {
            if name == "gl_NextBuffer" || name.hasPrefix("gl_SkipComponents") {
                guard !separate else {
                    return .failure(ShaderError("transform feedback varying \(name) needs GL_INTERLEAVED_ATTRIBS"))
                }
                if name == "gl_NextBuffer" {
                    interleavedBuffer += 1
                    guard interleavedBuffer < maxBuffers else {
                        return .failure(ShaderError("transform feedback varyings use more than GL_MAX_TRANSFORM_FEEDBACK_BUFFERS (\(maxBuffers)) buffers"))
                    }
                    strides.append(0)
                    varyings.append(Varying(name: name, glType: 0, size: 0))
                    offsets.append(0)
                } else {
                    guard let n = Int(name.dropFirst("gl_SkipComponents".count)), (1...4).contains(n) else {
                        return .failure(ShaderError("transform feedback varying \(name) is not an output of the last vertex-processing stage"))
                    }
                    offsets.append(4 * strides[interleavedBuffer])
                    strides[interleavedBuffer] += n
                    varyings.append(Varying(name: name, glType: 0, size: n))
                }
                continue
            }
            var base = name
            var index: Int?
            if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), k >= 0 else {
                    return .failure(ShaderError("transform feedback varying \(name) has a bad array index"))
                }
                base = String(name[..<open])
                index = k
            }
            guard let output = outputs.first(where: { $0.name == base }) else {
                return .failure(ShaderError("transform feedback varying \(name) is not an output of the last vertex-processing stage"))
            }
            guard !seen.contains(name), !(index == nil ? seen.contains { $0.hasPrefix(base + "[") } : seen.contains(base)) else {
                return .failure(ShaderError("transform feedback varying \(name) is captured twice"))
            }
            seen.insert(name)
            let elements: [[ShaderOutputPiece]]
            if let k = index {
                guard output.isArray, k < output.elements.count else {
                    return .failure(ShaderError("transform feedback varying \(name) indexes outside \(base)"))
                }
                elements = [output.elements[k]]
            } else {
                elements = output.elements
            }
            let buffer = separate ? i : interleavedBuffer
            offsets.append(4 * strides[buffer])
            var components = 0
            // ARB_transform_feedback3 (GL 4.6 §11.1.2.1): a buffer captures one vertex stream.
            if let other = entries.first(where: { $0.buffer == buffer && $0.stream != output.stream }) {
                return .failure(ShaderError("transform feedback varying \(name) is of vertex stream \(output.stream), but buffer \(buffer) captures stream \(other.stream)"))
            }
            for piece in elements.joined() {
                entries.append(Entry(piece: piece, buffer: buffer, offset: strides[buffer], stream: output.stream))
                strides[buffer] += piece.components
                components += piece.components
            }
            if separate && components > maxSeparateComponents {
                return .failure(ShaderError("transform feedback varying \(name) has \(components) components, over GL_MAX_TRANSFORM_FEEDBACK_SEPARATE_COMPONENTS (\(maxSeparateComponents))"))
            }
            varyings.append(Varying(name: name, glType: output.glType, size: elements.count))
        }
        if !separate, let widest = strides.max(), widest > maxInterleavedComponents {
            return .failure(ShaderError("transform feedback captures \(widest) components in one buffer, over GL_MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS (\(maxInterleavedComponents))"))
        }
        let bufferStreams = strides.indices.map { b in entries.first { $0.buffer == b }?.stream ?? 0 }
        var layout = Layout(entries: entries, strides: strides, varyings: varyings, bufferStreams: bufferStreams)
        layout.varyingOffsets = offsets
        return .success(layout)
    }
}
