import GLCore
import VirglProtocol

/// Compatibility-profile primitives a core-profile host does not draw (GL_QUADS, GL_QUAD_STRIP, GL_POLYGON),
/// turned into indexed triangles on the client side, as Mesa's u_primconvert does.
///
/// Each triangle keeps the GL primitive's provoking vertex where the host's flat shading looks for it (the
/// last vertex of a triangle, or the first with GL_FIRST_VERTEX_CONVENTION): a quad's is its last vertex
/// (GL_QUADS_FOLLOW_PROVOKING_VERTEX_CONVENTION is false), a polygon's its first. Windings are kept.
enum GLPrimitiveConversion {
    /// Whether `mode` is one of the primitives converted here.
    static func isConverted(_ mode: GLenum) -> Bool { mode == GL_QUADS || mode == GL_QUAD_STRIP || mode == GL_POLYGON }

    /// The triangles (three vertex numbers each) of `n` vertices `vertex(0)…vertex(n-1)` drawn as `mode`;
    /// trailing vertices that make no whole primitive are dropped.
    static func triangles(_ mode: GLenum, count n: Int, firstVertexConvention: Bool, _ vertex: (Int) -> UInt32, into out: inout [UInt32]) {
        /// One triangle whose provoking vertex is `p`, with `a`, `b` the others in winding order after it.
        func triangle(_ p: UInt32, _ a: UInt32, _ b: UInt32) {
            if firstVertexConvention { out += [p, a, b] } else { out += [a, b, p] }
        }
        switch mode {
        case GL_QUADS:
            // Quad a b c d, provoking d: (d a b) and (d b c).
            for q in stride(from: 0, to: n - 3, by: 4) {
                let a = vertex(q), b = vertex(q + 1), c = vertex(q + 2), d = vertex(q + 3)
                triangle(d, a, b)
                triangle(d, b, c)
            }
        case GL_QUAD_STRIP:
            // Quad i is 2i, 2i+1, 2i+3, 2i+2 in winding order, provoking 2i+3: (2i+3 2i 2i+1) and (2i+3 2i+2 2i).
            for q in stride(from: 0, to: n - 3, by: 2) {
                let a = vertex(q), b = vertex(q + 1), c = vertex(q + 3), d = vertex(q + 2)
                triangle(c, a, b)
                triangle(c, d, a)
            }
        case GL_POLYGON:
            // A fan around vertex 0, which provokes every triangle.
            guard n >= 3 else { return }
            let first = vertex(0)
            for i in 1..<(n - 1) { triangle(first, vertex(i), vertex(i + 1)) }
        default:
            break
        }
    }
}

extension GLContext {
    /// The most vertices one converted draw takes (its triangles' indices are made in client memory, 12 bytes
    /// per vertex at most); more is GL_OUT_OF_MEMORY rather than gigabytes of indices.
    static let maxConvertedVertices = 1 << 24

    /// Whether a draw of `prim` must be converted here: the host's caps do not list it.
    func convertsPrimitive(_ mode: GLenum, _ prim: VirglPrimitive) -> Bool {
        guard GLPrimitiveConversion.isConverted(mode) else { return false }
        guard let mask = hostPrimitiveMask else { return true }
        return mask & (1 << prim.rawValue) == 0
    }

    /// Draws converted triangles: `indices` (vertex numbers, before `baseVertex`) go up in a stream index buffer
    /// that lives until the next submission. Call after `prepareDraw`.
    func drawConvertedTriangles(_ command: GLCommand, _ indices: [UInt32], instances: GLsizei, baseVertex: GLint, baseInstance: GLuint) {
        guard !indices.isEmpty, instances > 0 else { return }
        var bytes = [UInt8](repeating: 0, count: indices.count * 4)
        bytes.withUnsafeMutableBytes { raw in
            for (i, v) in indices.enumerated() { raw.storeBytes(of: v.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
        }
        guard let r = streamBuffer(command, bytes, bind: VirglBufferBind.indexBuffer) else { return }
        drawResources.append(r)
        commands.encodeSetIndexBuffer(resHandle: r.id, indexSize: 4, offset: 0)
        emitted.indexBuffer = (r.id, 4, 0)
        commands.encodeDrawVBO(
            start: 0, count: UInt32(indices.count), mode: VirglPrimitive.triangles.rawValue, indexed: 1, instanceCount: UInt32(instances),
            indexBias: baseVertex, startInstance: baseInstance, primitiveRestart: 0, restartIndex: 0, minIndex: 0,
            maxIndex: 0xFFFF_FFFF, countFromSO: 0)
        drawsSinceWait &+= 1
    }

    /// The triangles of an indexed draw of `mode`: each run of `source` between primitive-restart indices
    /// (when restart is on) is converted on its own.
    func convertedIndexedTriangles(_ mode: GLenum, _ source: [UInt32], restartIndex: UInt32?) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(source.count * 3 / 2 + 3)
        let firstConvention = state.rasterizer.provokingVertex == GL_FIRST_VERTEX_CONVENTION
        var start = 0
        for i in 0...source.count where i == source.count || source[i] == restartIndex {
            GLPrimitiveConversion.triangles(mode, count: i - start, firstVertexConvention: firstConvention, { source[start + $0] }, into: &out)
            start = i + 1
        }
        return out
    }
}
