import VirglProtocol
import XCTest

/// Every generated command encoder: called with the values 1, 2, 3… in parameter order, it must write the
/// header (command id, object type, payload length from virglrenderer's layouts, written out here) and then
/// exactly those values in that order — so parameter order is wire order for every command.
final class CommandLayoutTests: XCTestCase {
    /// (command id, object type, payload length, encode with sequential values).
    typealias Case = (name: String, id: UInt32, object: UInt32, length: Int, encode: (VirglCommandBuffer, [UInt32]) -> Void)

    static func f(_ v: UInt32) -> Float { Float(v) }

    static let cases: [Case] = [
        ("BIND_OBJECT", 2, 3, 1, { b, v in b.encodeBindObject(.dsa, handle: v[0]) }),
        ("DESTROY_OBJECT", 3, 8, 1, { b, v in b.encodeDestroyObject(.surface, handle: v[0]) }),
        ("SET_FRAMEBUFFER_STATE", 5, 0, 4, { b, v in b.encodeSetFramebufferState(nrCbufs: v[0], zsurfHandle: v[1], cbufHandles: [v[2], v[3]]) }),
        ("SET_VERTEX_BUFFERS", 6, 0, 6, { b, v in
            b.encodeSetVertexBuffers(buffers: [VirglVertexBuffer(stride: v[0], offset: v[1], resHandle: v[2]), VirglVertexBuffer(stride: v[3], offset: v[4], resHandle: v[5])])
        }),
        ("DRAW_VBO", 8, 0, 12, { b, v in
            b.encodeDrawVBO(start: v[0], count: v[1], mode: v[2], indexed: v[3], instanceCount: v[4], indexBias: Int32(v[5]), startInstance: v[6], primitiveRestart: v[7], restartIndex: v[8], minIndex: v[9], maxIndex: v[10], countFromSO: v[11])
        }),
        ("SET_STREAMOUT_TARGETS", 25, 0, 3, { b, v in b.encodeSetStreamoutTargets(appendBitmask: v[0], targetHandles: [v[1], v[2]]) }),
        ("SET_SAMPLER_VIEWS", 10, 0, 4, { b, v in b.encodeSetSamplerViews(shaderType: v[0], startSlot: v[1], viewHandles: [v[2], v[3]]) }),
        ("SET_INDEX_BUFFER", 11, 0, 3, { b, v in b.encodeSetIndexBuffer(resHandle: v[0], indexSize: v[1], offset: v[2]) }),
        ("SET_STENCIL_REF", 13, 0, 1, { b, v in b.encodeSetStencilRef(ref: v[0]) }),
        ("BLIT", 16, 0, 21, { b, v in
            b.encodeBlit(s0: v[0], scissorMinxy: v[1], scissorMaxxy: v[2], dstResHandle: v[3], dstLevel: v[4], dstFormat: v[5], dstX: v[6], dstY: v[7], dstZ: v[8], dstW: v[9], dstH: v[10], dstD: v[11], srcResHandle: v[12], srcLevel: v[13], srcFormat: v[14], srcX: v[15], srcY: v[16], srcZ: v[17], srcW: v[18], srcH: v[19], srcD: v[20])
        }),
        ("RESOURCE_COPY_REGION", 17, 0, 13, { b, v in
            b.encodeResourceCopyRegion(dstResHandle: v[0], dstLevel: v[1], dstX: v[2], dstY: v[3], dstZ: v[4], srcResHandle: v[5], srcLevel: v[6], srcX: v[7], srcY: v[8], srcZ: v[9], srcW: v[10], srcH: v[11], srcD: v[12])
        }),
        ("BIND_SAMPLER_STATES", 18, 0, 3, { b, v in b.encodeBindSamplerStates(shaderType: v[0], startSlot: v[1], handles: [v[2]]) }),
        ("BEGIN_QUERY", 19, 0, 1, { b, v in b.encodeBeginQuery(handle: v[0]) }),
        ("END_QUERY", 20, 0, 1, { b, v in b.encodeEndQuery(handle: v[0]) }),
        ("GET_QUERY_RESULT", 21, 0, 2, { b, v in b.encodeGetQueryResult(handle: v[0], wait: v[1]) }),
        ("SET_POLYGON_STIPPLE", 22, 0, 32, { b, v in b.encodeSetPolygonStipple(stipple: v) }),
        ("SET_SAMPLE_MASK", 24, 0, 1, { b, v in b.encodeSetSampleMask(mask: v[0]) }),
        ("SET_RENDER_CONDITION", 26, 0, 3, { b, v in b.encodeSetRenderCondition(handle: v[0], condition: v[1], mode: v[2]) }),
        ("SET_UNIFORM_BUFFER", 27, 0, 5, { b, v in b.encodeSetUniformBuffer(shaderType: v[0], index: v[1], offset: v[2], length: v[3], resHandle: v[4]) }),
        ("SET_SHADER_BUFFERS", 34, 0, 8, { b, v in
            b.encodeSetShaderBuffers(shaderType: v[0], startSlot: v[1], buffers: [
                VirglShaderBuffer(offset: v[2], length: v[3], resHandle: v[4]), VirglShaderBuffer(offset: v[5], length: v[6], resHandle: v[7]),
            ])
        }),
        ("SET_ATOMIC_BUFFERS", 40, 0, 7, { b, v in
            b.encodeSetAtomicBuffers(startSlot: v[0], buffers: [
                VirglAtomicBuffer(offset: v[1], length: v[2], resHandle: v[3]), VirglAtomicBuffer(offset: v[4], length: v[5], resHandle: v[6]),
            ])
        }),
        ("SET_SUB_CTX", 28, 0, 1, { b, v in b.encodeSetSubCtx(subCtxId: v[0]) }),
        ("CREATE_SUB_CTX", 29, 0, 1, { b, v in b.encodeCreateSubCtx(subCtxId: v[0]) }),
        ("DESTROY_SUB_CTX", 30, 0, 1, { b, v in b.encodeDestroySubCtx(subCtxId: v[0]) }),
        ("BIND_SHADER", 31, 0, 2, { b, v in b.encodeBindShader(handle: v[0], shaderType: v[1]) }),
        ("SET_MIN_SAMPLES", 33, 0, 1, { b, v in b.encodeSetMinSamples(minSamples: v[0]) }),
        ("SET_SHADER_IMAGES", 35, 0, 12, { b, v in
            b.encodeSetShaderImages(shaderType: v[0], startSlot: v[1], images: [
                VirglShaderImage(format: v[2], access: v[3], layerOffset: v[4], levelSize: v[5], resHandle: v[6]),
                VirglShaderImage(format: v[7], access: v[8], layerOffset: v[9], levelSize: v[10], resHandle: v[11]),
            ])
        }),
        ("MEMORY_BARRIER", 36, 0, 1, { b, v in b.encodeMemoryBarrier(flags: v[0]) }),
        ("LAUNCH_GRID", 37, 0, 8, { b, v in
            b.encodeLaunchGrid(blockX: v[0], blockY: v[1], blockZ: v[2], gridX: v[3], gridY: v[4], gridZ: v[5], indirectHandle: v[6], indirectOffset: v[7])
        }),
        ("SET_FRAMEBUFFER_STATE_NO_ATTACH", 38, 0, 2, { b, v in b.encodeSetFramebufferStateNoAttach(widthHeight: v[0], layersSamples: v[1]) }),
        ("TEXTURE_BARRIER", 39, 0, 1, { b, v in b.encodeTextureBarrier(flags: v[0]) }),
        ("SET_TWEAKS", 46, 0, 2, { b, v in b.encodeSetTweaks(id: v[0], value: v[1]) }),
        ("CLEAR_TEXTURE", 47, 0, 12, { b, v in
            b.encodeClearTexture(resHandle: v[0], level: v[1], x: v[2], y: v[3], z: v[4], w: v[5], h: v[6], d: v[7], data: Array(v[8...]))
        }),
        ("LINK_SHADER", 52, 0, 6, { b, v in b.encodeLinkShader(vertex: v[0], fragment: v[1], geometry: v[2], tessCtrl: v[3], tessEval: v[4], compute: v[5]) }),
        ("CREATE_OBJECT(SURFACE)", 1, 8, 5, { b, v in b.encodeCreateSurface(handle: v[0], resHandle: v[1], format: v[2], level: v[3], layers: v[4]) }),
        ("CREATE_OBJECT(QUERY)", 1, 9, 4, { b, v in b.encodeCreateQuery(handle: v[0], typeIndex: v[1], offset: v[2], resHandle: v[3]) }),
        ("CREATE_OBJECT(STREAMOUT_TARGET)", 1, 10, 4, { b, v in b.encodeCreateStreamoutTarget(handle: v[0], resHandle: v[1], bufferOffset: v[2], bufferSize: v[3]) }),
        ("CREATE_OBJECT(VERTEX_ELEMENTS)", 1, 5, 9, { b, v in
            b.encodeCreateVertexElements(handle: v[0], elements: [
                VirglVertexElement(srcOffset: v[1], instanceDivisor: v[2], vertexBufferIndex: v[3], srcFormat: v[4]),
                VirglVertexElement(srcOffset: v[5], instanceDivisor: v[6], vertexBufferIndex: v[7], srcFormat: v[8]),
            ])
        }),
        ("CREATE_OBJECT(SAMPLER_VIEW)", 1, 6, 6, { b, v in
            b.encodeCreateSamplerView(handle: v[0], resHandle: v[1], format: v[2], firstLayer: v[3], firstLevel: v[4], swizzle: VirglSamplerViewSwizzle(word: v[5]))
        }),
        ("CREATE_OBJECT(BLEND)", 1, 1, 11, { b, v in
            b.encodeCreateBlend(handle: v[0], s0: VirglBlendS0(word: v[1]), s1: VirglBlendS1(word: v[2]), rt: v[3...].map { VirglBlendRT(word: $0) })
        }),
        ("CREATE_OBJECT(DSA)", 1, 3, 5, { b, v in
            b.encodeCreateDSA(handle: v[0], s0: VirglDSAS0(word: v[1]), front: VirglDSAStencil(word: v[2]), back: VirglDSAStencil(word: v[3]), alphaRef: Float(bitPattern: v[4]))
        }),
        ("CREATE_OBJECT(RASTERIZER)", 1, 2, 9, { b, v in
            b.encodeCreateRasterizer(handle: v[0], s0: VirglRasterizerS0(word: v[1]), pointSize: Float(bitPattern: v[2]), spriteCoordEnable: v[3], s3: VirglRasterizerS3(word: v[4]), lineWidth: Float(bitPattern: v[5]), offsetUnits: Float(bitPattern: v[6]), offsetScale: Float(bitPattern: v[7]), offsetClamp: Float(bitPattern: v[8]))
        }),
        ("CREATE_OBJECT(SAMPLER_STATE)", 1, 7, 9, { b, v in
            b.encodeCreateSamplerState(handle: v[0], s0: VirglSamplerStateS0(word: v[1]), lodBias: Float(bitPattern: v[2]), minLOD: Float(bitPattern: v[3]), maxLOD: Float(bitPattern: v[4]), borderColor: Array(v[5...]))
        }),
    ]

    func testEveryCommandWritesItsFieldsInWireOrder() {
        for c in Self.cases {
            // Small values fit every packed field, so packing round-trips them unchanged.
            let values = (1...UInt32(c.length)).map { $0 }
            let b = VirglCommandBuffer()
            c.encode(b, values)
            XCTAssertEqual(b.words, [c.id | c.object << 8 | UInt32(c.length) << 16] + values, c.name)
        }
        // Every generated command encoder is in the table above, or has its own test (viewport, clear, scissor,
        // blend colour, clip, tess state: float/variable layouts; constant buffer and inline write: hand-written
        // splitting encoders, in EncoderTests).
        let covered = Set(Self.cases.map(\.name)).union(["SET_VIEWPORT_STATE", "CLEAR", "SET_SCISSOR_STATE", "SET_BLEND_COLOR", "SET_CLIP_STATE", "SET_TESS_STATE", "SET_CONSTANT_BUFFER", "RESOURCE_INLINE_WRITE"])
        for name in VirglPayloadLayouts.commands.values.map(\.name) where name != "CREATE_OBJECT" {
            XCTAssertTrue(covered.contains(name), "\(name) has no layout test")
        }
    }

    func testFloatCommands() {
        let b = VirglCommandBuffer()
        b.encodeSetTessState(outer: [1, 2, 3, 4], inner: [5, 6])
        b.encodeSetClipState(planes: (0..<32).map(Float.init))
        let w = b.take()
        XCTAssertEqual(w[0], 32 | 6 << 16)
        XCTAssertEqual(Array(w[1..<7]), [1, 2, 3, 4, 5, 6].map { Float($0).bitPattern })
        XCTAssertEqual(w[7], 23 | 32 << 16)
        XCTAssertEqual(w[8 + 31], Float(31).bitPattern)
    }
}
