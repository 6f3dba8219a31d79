import VirglProtocol
import VirglTestSupport
import VirglTransport
import XCTest

/// The generated encoders against word layouts written out independently (Tests/VirglTestSupport's hand-built
/// streams, and the expectations below from virglrenderer 0.10.4's protocol facts).
final class EncoderTests: XCTestCase {
    func header(_ cmd: UInt32, _ obj: UInt32, _ len: UInt32) -> UInt32 { cmd | obj << 8 | len << 16 }

    /// The hand-built draw of DrawStream, re-made with the generated encoders: word for word the same.
    func testGeneratedEncodersReproduceTheHandBuiltDraw() {
        let b = VirglCommandBuffer()
        b.encodeCreateSurface(handle: 10, resHandle: 7, format: VirglFormat.r8g8b8a8Unorm.rawValue, level: 0, layers: 0)
        b.encodeSetFramebufferState(nrCbufs: 1, zsurfHandle: 0, cbufHandles: [10])
        var rt = VirglBlendRT()
        rt.colormask = 0xF
        b.encodeCreateBlend(handle: 11, s0: VirglBlendS0(), s1: VirglBlendS1(), rt: [rt])
        b.encodeBindObject(.blend, handle: 11)
        b.encodeCreateDSA(handle: 12, s0: VirglDSAS0(), front: VirglDSAStencil(), back: VirglDSAStencil(), alphaRef: 0)
        b.encodeBindObject(.dsa, handle: 12)
        var rs = VirglRasterizerS0()
        rs.depthClip = 1
        rs.frontCcw = 1
        rs.halfPixelCenter = 1
        b.encodeCreateRasterizer(
            handle: 13, s0: rs, pointSize: 1, spriteCoordEnable: 0, s3: VirglRasterizerS3(), lineWidth: 1, offsetUnits: 0,
            offsetScale: 0, offsetClamp: 0)
        b.encodeBindObject(.rasterizer, handle: 13)
        b.encodeCreateVertexElements(handle: 14, elements: [
            VirglVertexElement(srcOffset: 0, instanceDivisor: 0, vertexBufferIndex: 0, srcFormat: VirglFormat.r32g32Float.rawValue),
            VirglVertexElement(srcOffset: 8, instanceDivisor: 0, vertexBufferIndex: 0, srcFormat: VirglFormat.r32g32b32Float.rawValue),
        ])
        b.encodeBindObject(.vertexElements, handle: 14)
        b.encodeCreateShader(handle: 15, stage: .vertex, text: DrawStream.vertexShader, numTokens: 300)
        b.encodeBindShader(handle: 15, shaderType: VirglShaderStage.vertex.rawValue)
        b.encodeCreateShader(handle: 16, stage: .fragment, text: DrawStream.fragmentShader, numTokens: 300)
        b.encodeBindShader(handle: 16, shaderType: VirglShaderStage.fragment.rawValue)
        b.encodeSetViewportState(startSlot: 0, viewports: [
            VirglViewport(scaleX: 128, scaleY: 128, scaleZ: 0.5, translateX: 128, translateY: 128, translateZ: 0.5)
        ])
        DrawStream.vertices.withUnsafeBytes {
            b.encodeResourceInlineWrite(
                resource: 8, level: 0, x: 0, y: 0, z: 0, width: UInt32($0.count), height: 1, depth: 1, data: $0,
                stride: $0.count, layerStride: $0.count, bytesPerTexel: 1)
        }
        b.encodeSetVertexBuffers(buffers: [VirglVertexBuffer(stride: 20, offset: 0, resHandle: 8)])
        b.encodeClear(buffers: VirglClearBuffers.color0.rawValue, color: [0, 0, 0, Float(1).bitPattern], depth: 0, stencil: 0)
        b.encodeDrawVBO(
            start: 0, count: 3, mode: VirglPrimitive.triangles.rawValue, indexed: 0, instanceCount: 1, indexBias: 0,
            startInstance: 0, primitiveRestart: 0, restartIndex: 0, minIndex: 0, maxIndex: 2, countFromSO: 0)
        XCTAssertEqual(b.words, DrawStream.words(target: 7, vertexBuffer: 8, size: 256))
        XCTAssertEqual(b.droppedCommands, 0)
    }

    func testPackedWords() {
        var rt = VirglBlendRT()
        rt.blendEnable = 1
        rt.rgbFunc = VirglBlendFunc.max.rawValue
        rt.rgbSrcFactor = VirglBlendFactor.srcAlpha.rawValue
        rt.rgbDstFactor = VirglBlendFactor.invSrcAlpha.rawValue
        rt.colormask = 0xF
        XCTAssertEqual(rt.word, 1 | 4 << 1 | 0x03 << 4 | 0x13 << 9 | 0xF << 27)
        XCTAssertEqual(VirglBlendRT(word: rt.word), rt)
        var st = VirglDSAStencil()
        st.stencilEnabled = 1
        st.stencilFunc = VirglCompareFunc.equal.rawValue
        st.valuemask = 0x1FF  // wider than the 8-bit field: cut to it
        XCTAssertEqual(st.word, 1 | 2 << 1 | 0xFF << 13)
        var s0 = VirglSamplerStateS0()
        s0.wrapS = VirglTexWrap.clampToEdge.rawValue
        s0.minMipFilter = VirglTexMipFilter.none.rawValue
        s0.magImgFilter = VirglTexFilter.linear.rawValue
        XCTAssertEqual(s0.word, 2 | 2 << 11 | 1 << 13)
    }

    func testCommandLayouts() {
        let b = VirglCommandBuffer()
        b.encodeSetScissorState(startSlot: 0, scissors: [VirglScissor(minxy: 1 | 2 << 16, maxxy: 3 | 4 << 16)])
        b.encodeSetUniformBuffer(shaderType: 1, index: 2, offset: 16, length: 64, resHandle: 9)
        b.encodeBindSamplerStates(shaderType: 1, startSlot: 0, handles: [5, 6])
        b.encodeSetBlendColor(color: [0.5, 1, 0, 1])
        b.encodeBlit(
            s0: 0xF, scissorMinxy: 0, scissorMaxxy: 0, dstResHandle: 1, dstLevel: 0, dstFormat: 67, dstX: 0, dstY: 0,
            dstZ: 0, dstW: 8, dstH: 8, dstD: 1, srcResHandle: 2, srcLevel: 0, srcFormat: 67, srcX: 0, srcY: 0, srcZ: 0,
            srcW: 4, srcH: 4, srcD: 1)
        var w = b.take()
        XCTAssertEqual(Array(w[0..<4]), [header(15, 0, 3), 0, 1 | 2 << 16, 3 | 4 << 16])
        XCTAssertEqual(Array(w[4..<10]), [header(27, 0, 5), 1, 2, 16, 64, 9])
        XCTAssertEqual(Array(w[10..<15]), [header(18, 0, 4), 1, 0, 5, 6])
        XCTAssertEqual(Array(w[15..<20]), [header(14, 0, 4), Float(0.5).bitPattern, Float(1).bitPattern, 0, Float(1).bitPattern])
        XCTAssertEqual(w[20], header(16, 0, 21))
        XCTAssertEqual(w.count, 42)
        b.encodeSetConstantBuffer(stage: .fragment, index: 0, words: [1, 2, 3].withUnsafeBufferPointer { $0 })
        w = b.take()
        XCTAssertEqual(w, [header(12, 0, 5), 1, 0, 1, 2, 3])
    }

    func testLongShaderTextBecomesContinuationPackets() {
        let b = VirglCommandBuffer()
        let text = String(repeating: "MOV TEMP[0], TEMP[1]\n", count: 20000)  // 420 000 bytes
        let packets = b.encodeCreateShader(handle: 3, stage: .fragment, text: text, numTokens: 90000)
        XCTAssertEqual(packets, 2)
        let w = b.take()
        let firstLength = Int(w[0] >> 16)
        XCTAssertEqual(firstLength, 0xFFFF)
        XCTAssertEqual(Array(w[1..<6]), [3, 1, UInt32(text.utf8.count + 1), 90000, 0])
        let second = 1 + firstLength
        XCTAssertEqual(w[second] & 0xFFFF, 1 | 4 << 8)
        XCTAssertEqual(w[second + 3], UInt32((0xFFFF - 5) * 4) | 0x8000_0000, "byte offset with the continuation bit")
        // The pieces put back together are the text and its NUL.
        var bytes: [UInt8] = []
        for word in w[6..<second] + w[(second + 6)...] { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * k))) } }
        XCTAssertEqual(Array(bytes.prefix(text.utf8.count + 1)), Array(text.utf8) + [0])
    }

    func testLargeInlineWritesSplitByRowsAndWithinRows() {
        let b = VirglCommandBuffer()
        // 512×300 RGBA8: a row is 2048 bytes; a command carries at most 127 rows ((0xFFFF - 11) * 4 / 2048).
        let data = [UInt8](repeating: 7, count: 512 * 300 * 4)
        let n = data.withUnsafeBytes {
            b.encodeResourceInlineWrite(
                resource: 1, level: 0, x: 0, y: 0, z: 0, width: 512, height: 300, depth: 1, data: $0, stride: 2048,
                layerStride: 0, bytesPerTexel: 4)
        }
        XCTAssertEqual(n, 3)  // 127 + 127 + 46 rows
        let w = b.take()
        XCTAssertEqual(Array(w[1..<12]), [1, 0, 0, 2048, 2048 * 127, 0, 0, 0, 512, 127, 1])
        let third = 2 * (12 + 2048 * 127 / 4)
        XCTAssertEqual(Array(w[third + 1..<third + 12]), [1, 0, 0, 2048, 2048 * 46, 0, 254, 0, 512, 46, 1])
        // A single row longer than a command: 100 000 RGBA8 texels, in pieces of whole texels.
        let row = [UInt8](repeating: 1, count: 100_000 * 4)
        let pieces = row.withUnsafeBytes {
            b.encodeResourceInlineWrite(
                resource: 2, level: 0, x: 0, y: 0, z: 0, width: 100_000, height: 1, depth: 1, data: $0, stride: row.count,
                layerStride: 0, bytesPerTexel: 4)
        }
        XCTAssertEqual(pieces, 2)  // 65 524 + 34 476 texels
        let rest = b.take()
        XCTAssertEqual(Array(rest[1..<12]), [2, 0, 0, 0, 0, 0, 0, 0, 65524, 1, 1])
        // Too little data for the box is refused, not read past.
        let short = [UInt8](repeating: 0, count: 10)
        XCTAssertEqual(short.withUnsafeBytes {
            b.encodeResourceInlineWrite(resource: 1, level: 0, x: 0, y: 0, z: 0, width: 4, height: 4, depth: 1, data: $0, stride: 16, layerStride: 0, bytesPerTexel: 4)
        }, 0)
        XCTAssertEqual(b.droppedCommands, 1)
    }

    func testTheBufferFlushesBeforeACommandThatWouldNotFitAndNeverSplitsOne() {
        var submitted: [[UInt32]] = []
        let b = VirglCommandBuffer(capacity: 20) { submitted.append(Array($0)) }
        for i in 0..<5 { b.encodeSetSampleMask(mask: UInt32(i)) }  // 2 words each
        XCTAssertEqual(b.count, 10)
        b.encodeSetClipState(planes: [])  // 33 words: longer than the whole buffer
        XCTAssertEqual(b.droppedCommands, 1)
        b.encodeSetBlendColor(color: [1, 1, 1, 1])  // 5 words: 15
        b.encodeSetBlendColor(color: [1, 1, 1, 1])  // 20
        b.encodeSetSampleMask(mask: 9)  // would make 22: flush first
        XCTAssertEqual(submitted.count, 1)
        XCTAssertEqual(submitted[0].count, 20)
        XCTAssertEqual(b.words, [header(24, 0, 1), 9])
        XCTAssertEqual(b.autoFlushes, 1)
        b.flush()
        XCTAssertEqual(submitted.count, 2)
        XCTAssertTrue(b.isEmpty)
    }

    func testEveryCommandHasItsWireNumber() {
        XCTAssertEqual(VirglCommand.allCases.count, 62)
        XCTAssertEqual(VirglCommand.drawVBO.rawValue, 8)
        XCTAssertEqual(VirglCommand.linkShader.rawValue, 52)
        XCTAssertEqual(VirglCommand.endFrame.rawValue, 61)
        XCTAssertEqual(VirglObjectType.msaaSurface.rawValue, 11)
        XCTAssertEqual(VirglFormat.r8g8b8a8Unorm.rawValue, 67)
        XCTAssertEqual(VirglFormat.z24UnormS8Uint.rawValue, 19)
        XCTAssertEqual(VirglBind.samplerView.rawValue, 1 << 3)
        XCTAssertEqual(VirglCommand.drawVBO.cName, "VIRGL_CCMD_DRAW_VBO")
    }
}
