/// Transform feedback set up by the shader (GL_ARB_enhanced_layouts, GLSL 4.40 §4.4.2.1): `xfb_buffer`,
/// `xfb_offset` and `xfb_stride` reach SPIR-V as the decorations XfbBuffer (36), Offset (35) and XfbStride (37) on
/// output variables or on the members of output blocks. The outputs they capture are recorded with where they
/// go (ShaderOutput.xfb); a program linked without glTransformFeedbackVaryings captures them
/// (TransformFeedbackLayout.layout(capturing:)).
extension TGSITranslator {
    /// The bytes a value of `type` takes in a transform feedback buffer (a double takes eight).
    func xfbSize(_ type: UInt32) -> Int {
        switch m.types[type] {
        case .array(let e, let n)?: return n * xfbSize(e)
        case .structure(let members)?: return members.reduce(0) { $0 + xfbSize($1) }
        default: return compCount(type) * columns(type) * (kind(type) == "d" ? 8 : 4)
        }
    }

    /// Where output variable `id`'s `xfb_offset` captures it (nil without one).
    func xfbCapture(_ id: UInt32) -> ShaderOutputCapture? {
        guard let offset = m.decoration(id, 35)?.first else { return nil }
        return ShaderOutputCapture(
            buffer: Int(m.decoration(id, 36)?.first ?? 0), offset: Int(offset), stride: m.decoration(id, 37)?.first.map(Int.init))
    }

    /// Where member `k` of output block `block` (the type of variable `id`) is captured: its own `xfb_offset`
    /// (nil without one), in the member's or the block's buffer.
    func xfbCapture(_ id: UInt32, block: UInt32, member k: Int) -> ShaderOutputCapture? {
        let d = m.memberDecorations[block]?[k]
        guard let offset = d?[35]?.first else { return nil }
        let buffer = d?[36]?.first ?? m.decoration(id, 36)?.first ?? 0
        let stride = d?[37]?.first ?? m.decoration(id, 37)?.first
        return ShaderOutputCapture(buffer: Int(buffer), offset: Int(offset), stride: stride.map(Int.init))
    }
}

extension TransformFeedbackLayout {
    /// The capture of the outputs whose shader gave them `xfb_offset`s, or nil when none has one (the program
    /// then captures nothing without glTransformFeedbackVaryings). Each buffer's stride is its `xfb_stride`, or
    /// the end of its last output rounded up to a multiple of 8 bytes where it holds doubles (4 otherwise).
    /// Varyings are listed by buffer, then offset, as GL_TRANSFORM_FEEDBACK_VARYING resources.
    public static func layout(capturing outputs: [ShaderOutput]) -> Result<Layout, ShaderError>? {
        let captured = outputs.compactMap { o in o.xfb.map { (output: o, capture: $0) } }
            .sorted { ($0.capture.buffer, $0.capture.offset) < ($1.capture.buffer, $1.capture.offset) }
        guard let last = captured.map(\.capture.buffer).max() else { return nil }
        guard last < maxBuffers else {
            return .failure(ShaderError("xfb_buffer \(last) is not below GL_MAX_TRANSFORM_FEEDBACK_BUFFERS (\(maxBuffers))"))
        }
        var entries: [Entry] = [], varyings: [Varying] = [], varyingBuffers: [Int] = [], varyingOffsets: [Int] = []
        var ends = [Int](repeating: 0, count: last + 1), strides = [Int?](repeating: nil, count: last + 1)
        var streams = [Int](repeating: 0, count: last + 1)
        for (o, c) in captured {
            guard c.offset % 4 == 0 else { return .failure(ShaderError("xfb_offset \(c.offset) of \(o.name) is not a multiple of 4")) }
            if let other = entries.first(where: { $0.buffer == c.buffer && $0.stream != o.stream }) {
                return .failure(ShaderError("\(o.name) is of vertex stream \(o.stream), but xfb_buffer \(c.buffer) captures stream \(other.stream)"))
            }
            var dword = c.offset / 4
            for piece in o.elements.joined() {
                if entries.contains(where: { $0.buffer == c.buffer && $0.offset < dword + piece.components && dword < $0.offset + $0.piece.components }) {
                    return .failure(ShaderError("\(o.name) overlaps another output captured in xfb_buffer \(c.buffer)"))
                }
                entries.append(Entry(piece: piece, buffer: c.buffer, offset: dword, stream: o.stream))
                dword += piece.components
            }
            ends[c.buffer] = max(ends[c.buffer], dword)
            if let s = c.stride { strides[c.buffer] = s }
            streams[c.buffer] = o.stream
            // An array is listed by its name (as Mesa lists it), with its size.
            varyings.append(Varying(name: o.name, glType: o.glType, size: o.elements.count))
            varyingBuffers.append(c.buffer)
            varyingOffsets.append(c.offset)
        }
        var dwords: [Int] = []
        for b in 0...last {
            let stride = strides[b].map { $0 / 4 } ?? ends[b]
            guard stride >= ends[b] else {
                return .failure(ShaderError("xfb_buffer \(b) captures \(4 * ends[b]) bytes a vertex, over its xfb_stride (\(strides[b] ?? 0))"))
            }
            guard stride <= maxInterleavedComponents else {
                return .failure(ShaderError("xfb_buffer \(b) captures \(stride) components a vertex, over GL_MAX_TRANSFORM_FEEDBACK_INTERLEAVED_COMPONENTS (\(maxInterleavedComponents))"))
            }
            dwords.append(stride)
        }
        var layout = Layout(entries: entries, strides: dwords, varyings: varyings, bufferStreams: streams)
        layout.varyingBuffers = varyingBuffers
        layout.varyingOffsets = varyingOffsets
        return .success(layout)
    }
}
