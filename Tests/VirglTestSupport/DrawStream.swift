import VirglTransport

/// A hand-built draw, word by word from virglrenderer 0.10.4's protocol facts (independent of the generated
/// encoder): the `vertex_colors` golden scene — black clear, one triangle with red, green and blue corners —
/// drawn with blend, depth-stencil-alpha, rasterizer and vertex-elements state, a vertex buffer filled by
/// RESOURCE_INLINE_WRITE, and TGSI vertex and fragment shaders.
public enum DrawStream {
    static let bindObject: UInt32 = 2, setViewportState: UInt32 = 4, setVertexBuffers: UInt32 = 6
    static let drawVBO: UInt32 = 8, resourceInlineWrite: UInt32 = 9, bindShader: UInt32 = 31
    static let objectBlend: UInt32 = 1, objectRasterizer: UInt32 = 2, objectDSA: UInt32 = 3, objectShader: UInt32 = 4
    static let objectVertexElements: UInt32 = 5
    static let formatR32G32Float: UInt32 = 29, formatR32G32B32Float: UInt32 = 30, formatR8Unorm: UInt32 = 64
    static let bindVertexBuffer: UInt32 = 1 << 4
    static let primTriangles: UInt32 = 4

    public static let vertexShader = "VERT\nDCL IN[0]\nDCL IN[1]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[1]\n  2: END\n"
    public static let fragmentShader = "FRAG\nPROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n  0: MOV OUT[0], IN[0]\n  1: END\n"

    /// The triangle's vertices: x, y, r, g, b.
    public static let vertices: [Float] = [-0.8, -0.8, 1, 0, 0, 0.8, -0.8, 0, 1, 0, 0, 0.8, 0, 0, 1]

    static func shader(_ handle: UInt32, stage: UInt32, _ tgsi: String) -> [UInt32] {
        var bytes = Array(tgsi.utf8) + [0]
        let length = UInt32(bytes.count)
        while bytes.count % 4 != 0 { bytes.append(0) }
        var text: [UInt32] = []
        for i in stride(from: 0, to: bytes.count, by: 4) {
            var word = UInt32(bytes[i])
            word |= UInt32(bytes[i + 1]) << 8
            word |= UInt32(bytes[i + 2]) << 16
            word |= UInt32(bytes[i + 3]) << 24
            text.append(word)
        }
        // handle, stage, total length (first packet), num_tokens (a generous estimate), stream-output count.
        return [ClearStream.header(ClearStream.createObject, objectShader, 5 + UInt32(text.count)), handle, stage, length, 300, 0]
            + text + [ClearStream.header(bindShader, 0, 2), handle, stage]
    }

    /// Draws into `target` (a `size`×`size` RGBA8 render target); `vertexBuffer` is a buffer resource of at
    /// least `vertices.count * 4` bytes.
    public static func words(target: UInt32, vertexBuffer: UInt32, size: UInt32) -> [UInt32] {
        let h = ClearStream.header
        var w: [UInt32] = []
        w += [h(ClearStream.createObject, ClearStream.objectSurface, 5), 10, target, ClearStream.formatR8G8B8A8Unorm, 0, 0]
        w += [h(ClearStream.setFramebufferState, 0, 3), 1, 0, 10]
        // Blend: no blending, colour mask RGBA on render target 0 (bits 27–30 of its word).
        w += [h(ClearStream.createObject, objectBlend, 11), 11, 0, 0, 0xF << 27] + [UInt32](repeating: 0, count: 7)
        w += [h(bindObject, objectBlend, 1), 11]
        w += [h(ClearStream.createObject, objectDSA, 5), 12, 0, 0, 0, 0]
        w += [h(bindObject, objectDSA, 1), 12]
        // Rasterizer: depth clip, front = counter-clockwise, half-pixel centres; point size and line width 1.
        w += [h(ClearStream.createObject, objectRasterizer, 9), 13, 1 << 1 | 1 << 15 | 1 << 29, Float(1).bitPattern, 0, 0,
              Float(1).bitPattern, 0, 0, 0]
        w += [h(bindObject, objectRasterizer, 1), 13]
        // Two elements from buffer 0: position (2 floats at 0), colour (3 floats at 8).
        w += [h(ClearStream.createObject, objectVertexElements, 9), 14, 0, 0, 0, formatR32G32Float, 8, 0, 0, formatR32G32B32Float]
        w += [h(bindObject, objectVertexElements, 1), 14]
        w += shader(15, stage: 0, vertexShader)
        w += shader(16, stage: 1, fragmentShader)
        let half = Float(size) / 2
        w += [h(setViewportState, 0, 7), 0, half.bitPattern, half.bitPattern, Float(0.5).bitPattern,
              half.bitPattern, half.bitPattern, Float(0.5).bitPattern]
        // The vertex data, written into the buffer by the stream itself.
        let bytes = UInt32(vertices.count * 4)
        w += [h(resourceInlineWrite, 0, 11 + UInt32(vertices.count)), vertexBuffer, 0, 0, 0, 0, 0, 0, 0, bytes, 1, 1]
        w += vertices.map(\.bitPattern)
        w += [h(setVertexBuffers, 0, 3), 20, 0, vertexBuffer]
        w += [h(ClearStream.clear, 0, 8), ClearStream.clearColor0, 0, 0, 0, Float(1).bitPattern, 0, 0, 0]
        w += [h(drawVBO, 0, 12), 0, 3, primTriangles, 0, 1, 0, 0, 0, 0, 0, 2, 0]
        return w
    }

    /// The vertex buffer resource.
    public static var vertexBufferInfo: VirglResourceInfo {
        VirglResourceInfo(
            target: 0, format: formatR8Unorm, bind: bindVertexBuffer, width: UInt32(vertices.count * 4), bytesPerTexel: 1)
    }

    /// Draws on `t` and returns the pixels as read back (rows bottom to top, as GL reads them).
    public static func render(_ t: VirglTransport, size: UInt32 = 256) throws -> [UInt8] {
        let rt = try t.createResource(ClearStream.target(width: size, height: size))
        let vb = try t.createResource(vertexBufferInfo)
        defer {
            t.destroyResource(rt)
            t.destroyResource(vb)
        }
        let w = words(target: rt.id, vertexBuffer: vb.id, size: size)
        try w.withUnsafeBufferPointer { try t.submit($0) }
        var pixels = [UInt8](repeating: 0, count: Int(size * size * 4))
        try pixels.withUnsafeMutableBytes {
            try t.read(rt, level: 0, box: VirglBox(width: size, height: size), into: $0, stride: Int(size) * 4, layerStride: 0)
        }
        return pixels
    }
}

/// Host queries by hand: the triangle of `DrawStream` inside an occlusion query, then a timestamp.
public enum QueryStream {
    static let beginQuery: UInt32 = 19, endQuery: UInt32 = 20, getQueryResult: UInt32 = 21
    static let objectQuery: UInt32 = 9
    /// virglrenderer's frozen PIPE_QUERY_* numbers.
    static let occlusionCounter: UInt32 = 0, timestamp: UInt32 = 2
    /// VIRGL_BIND_CUSTOM: the host keeps the resource in system memory and writes query results into its backing.
    static let bindCustom: UInt32 = 1 << 17

    /// A 16-byte result resource (`virgl_host_query_state`: state, result size, 64-bit result).
    public static var resultInfo: VirglResourceInfo {
        VirglResourceInfo(target: 0, format: DrawStream.formatR8Unorm, bind: bindCustom, width: 16, bytesPerTexel: 1)
    }

    /// The draw stream with the triangle counted by occlusion query 30 (into `samples`), then timestamp query
    /// 31 (into `time`); both results asked for.
    public static func words(target: UInt32, vertexBuffer: UInt32, samples: UInt32, time: UInt32, size: UInt32) -> [UInt32] {
        let h = ClearStream.header
        var w = DrawStream.words(target: target, vertexBuffer: vertexBuffer, size: size)
        let draw = Array(w.suffix(13))
        w.removeLast(13)
        w += [h(ClearStream.createObject, objectQuery, 4), 30, occlusionCounter, 0, samples]
        w += [h(ClearStream.createObject, objectQuery, 4), 31, timestamp, 0, time]
        w += [h(beginQuery, 0, 1), 30] + draw + [h(endQuery, 0, 1), 30, h(getQueryResult, 0, 2), 30, 0]
        w += [h(endQuery, 0, 1), 31, h(getQueryResult, 0, 2), 31, 0]
        return w
    }
}

extension TransportChecks {
    /// An occlusion query around the triangle counts exactly the pixels it covered; a timestamp is non-zero.
    /// The host writes each result into its resource when the submission's fence retires.
    public static func queries(_ t: VirglTransport, size: UInt32 = 64) throws {
        let rt = try t.createResource(ClearStream.target(width: size, height: size))
        let vb = try t.createResource(DrawStream.vertexBufferInfo)
        let samples = try t.createResource(QueryStream.resultInfo)
        let time = try t.createResource(QueryStream.resultInfo)
        defer { [rt, vb, samples, time].forEach(t.destroyResource) }
        let w = QueryStream.words(target: rt.id, vertexBuffer: vb.id, samples: samples.id, time: time.id, size: size)
        try w.withUnsafeBufferPointer { try t.submit($0) }
        try t.wait(samples)
        func result(_ r: VirglResource) throws -> (state: UInt32, size: UInt32, value: UInt64) {
            var s = [UInt32](repeating: 0, count: 4)
            try s.withUnsafeMutableBytes { try t.read(r, level: 0, box: VirglBox(width: 16), into: $0, stride: 16, layerStride: 16) }
            return (s[0], s[1], UInt64(s[2]) | UInt64(s[3]) << 32)
        }
        var pixels = [UInt8](repeating: 0, count: Int(size * size * 4))
        try pixels.withUnsafeMutableBytes {
            try t.read(rt, level: 0, box: VirglBox(width: size, height: size), into: $0, stride: Int(size) * 4, layerStride: 0)
        }
        let covered = stride(from: 0, to: pixels.count, by: 4).filter { pixels[$0] != 0 || pixels[$0 + 1] != 0 || pixels[$0 + 2] != 0 }.count
        let s = try result(samples), ts = try result(time)
        guard s.state == 1, s.size == 4, s.value == UInt64(covered), covered > 0 else {
            throw Failure(description: "occlusion query gave \(s), want state 1, size 4, \(covered) samples")
        }
        guard ts.state == 1, ts.size == 8, ts.value > 0 else {
            throw Failure(description: "timestamp query gave \(ts), want state 1, size 8, a non-zero time")
        }
    }
}
