/// A shader's stream output (transform feedback): what each captured output register writes where. Strides and
/// offsets are in dwords (virgl_protocol.h's VIRGL_OBJ_SHADER_SO_* fields).
public struct VirglStreamOutput: Equatable, Sendable {
    public struct Output: Equatable, Sendable {
        public var registerIndex: UInt32
        public var startComponent: UInt32
        public var numComponents: UInt32
        public var outputBuffer: UInt32
        public var dstOffset: UInt32
        public var stream: UInt32 = 0
        public init(registerIndex: UInt32, startComponent: UInt32, numComponents: UInt32, outputBuffer: UInt32, dstOffset: UInt32) {
            self.registerIndex = registerIndex
            self.startComponent = startComponent
            self.numComponents = numComponents
            self.outputBuffer = outputBuffer
            self.dstOffset = dstOffset
        }
    }
    /// Dwords per vertex in each of the four buffers.
    public var strides: [UInt32]
    public var outputs: [Output]
    public init(strides: [UInt32], outputs: [Output]) {
        self.strides = strides
        self.outputs = outputs
    }
}

/// The encoders that are logic rather than table: payloads longer than one command are split.
extension VirglCommandBuffer {
    /// CREATE_OBJECT(SHADER) with TGSI `text`: the first packet's offset word carries the text's whole length
    /// (with its NUL); later packets carry their byte offset with bit 31 set, under the same handle. `numTokens`
    /// must be generous: the host allocates that many TGSI tokens.
    /// `streamOutput` (transform feedback) goes with the first packet only. `sharedMemoryBytes`: a compute shader's
    /// req_local_mem.
    @discardableResult
    public func encodeCreateShader(
        handle: UInt32, stage: VirglShaderStage, text: String, numTokens: UInt32, streamOutput: VirglStreamOutput? = nil,
        sharedMemoryBytes: UInt32 = 0
    ) -> Int {
        var bytes = Array(text.utf8)
        bytes.append(0)
        let soWords = streamOutput.map { 4 + 2 * $0.outputs.count } ?? 0
        var offset = 0
        var packets = 0
        while offset < bytes.count {
            let header = 5 + (offset == 0 ? soWords : 0)
            let length = min((Self.maxCommandDwords - header) * 4, bytes.count - offset)
            let offlen = offset == 0 ? UInt32(bytes.count) : UInt32(offset) | 0x8000_0000
            guard begin(.createObject, object: .shader, length: header + (length + 3) / 4) else { return packets }
            append(handle)
            append(stage.rawValue)
            append(offlen & 0x7FFF_FFFF | (offset == 0 ? 0 : 0x8000_0000))
            append(numTokens)
            if offset == 0, let so = streamOutput {
                append(UInt32(so.outputs.count))
                for k in 0..<4 { append(k < so.strides.count ? so.strides[k] : 0) }
                for o in so.outputs {
                    append(o.registerIndex & 0xFF | (o.startComponent & 0x3) << 8 | (o.numComponents & 0x7) << 10
                        | (o.outputBuffer & 0x7) << 13 | (o.dstOffset & 0xFFFF) << 16)
                    append(o.stream & 0x3)
                }
            } else {
                // Stream-output outputs; a compute shader's req_local_mem (bytes of shared memory) instead.
                append(stage == .compute ? sharedMemoryBytes : 0)
            }
            bytes.withUnsafeBytes { append(bytes: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length])) }
            offset += length
            packets += 1
        }
        return packets
    }

    /// RESOURCE_INLINE_WRITE of a box, split into as many commands as the data needs: whole rows per command
    /// when a row fits, else pieces of a row (whole texels). `data` holds rows `stride` bytes apart and
    /// slices `layerStride` apart. Returns the number of commands written.
    @discardableResult
    public func encodeResourceInlineWrite(
        resource: UInt32, level: UInt32, x: UInt32, y: UInt32, z: UInt32, width: UInt32, height: UInt32, depth: UInt32,
        data: UnsafeRawBufferPointer, stride: Int, layerStride: Int, bytesPerTexel: Int
    ) -> Int {
        let header = 11
        let maxBytes = (Self.maxCommandDwords - header) * 4
        let rowBytes = Int(width) * bytesPerTexel
        guard rowBytes > 0, bytesPerTexel > 0,
            data.count >= (Int(depth) - 1) * layerStride + (Int(height) - 1) * stride + rowBytes
        else {
            noteDropped()
            return 0
        }
        var commands = 0
        func emit(_ bx: UInt32, _ by: UInt32, _ bz: UInt32, _ w: UInt32, _ h: UInt32, _ start: Int) {
            let bytes = Int(w) * bytesPerTexel
            guard begin(.resourceInlineWrite, length: header + (bytes * Int(h) + 3) / 4) else { return }
            // A single row needs no stride (0, as Mesa sends for buffers); rows are sent packed.
            let rowStride = h == 1 ? 0 : UInt32(bytes)
            let sliceStride = h == 1 ? 0 : UInt32(bytes * Int(h))
            for v in [resource, level, 0, rowStride, sliceStride, bx, by, bz, w, h, 1] as [UInt32] { append(v) }
            if Int(h) == 1 || stride == bytes {
                append(bytes: UnsafeRawBufferPointer(rebasing: data[start..<start + bytes * Int(h)]))
            } else {
                var packed: [UInt8] = []
                packed.reserveCapacity(bytes * Int(h))
                for r in 0..<Int(h) { packed += data[start + r * stride..<start + r * stride + bytes] }
                packed.withUnsafeBytes { append(bytes: $0) }
            }
            commands += 1
        }
        for slice in 0..<Int(depth) {
            let base = slice * layerStride
            if rowBytes <= maxBytes {
                let rowsPer = max(1, maxBytes / rowBytes)
                var row = 0
                while row < Int(height) {
                    let n = min(rowsPer, Int(height) - row)
                    emit(x, y + UInt32(row), z + UInt32(slice), width, UInt32(n), base + row * stride)
                    row += n
                }
            } else {
                let texelsPer = maxBytes / bytesPerTexel
                for row in 0..<Int(height) {
                    var t = 0
                    while t < Int(width) {
                        let n = min(texelsPer, Int(width) - t)
                        emit(x + UInt32(t), y + UInt32(row), z + UInt32(slice), UInt32(n), 1, base + row * stride + t * bytesPerTexel)
                        t += n
                    }
                }
            }
        }
        return commands
    }

    /// SET_CONSTANT_BUFFER with float/uint words (constant buffer 0: default-block uniforms).
    @discardableResult
    public func encodeSetConstantBuffer(stage: VirglShaderStage, index: UInt32, words: UnsafeBufferPointer<UInt32>) -> Bool {
        guard begin(.setConstantBuffer, length: 2 + words.count) else { return false }
        append(stage.rawValue)
        append(index)
        for w in words { append(w) }
        return true
    }
}
