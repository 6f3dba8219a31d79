import GLCore
@testable import GLDriver
import VirglTransport
import XCTest

/// ETC2/EAC (GL 4.3, GL_ARB_ES3_compatibility): the CPU decoder against blocks built by hand for every mode, with
/// the texels worked out from the format definition's formulas; and the formats through glCompressedTex*Image*
/// and glTexStorage* on a host that does not sample them (llvmpipe under virglrenderer), decoded and sampled.
///
/// Block bytes: an 8-byte ETC2 word is big-endian (q0 holds bits 63–56). Bits 31–16 hold the index MSBs and 15–0
/// the LSBs, texel i = 4x + y in bit 16 + i and i. Many tests use the same indices: texel (0,0) index 0, (1,0)
/// index 1, (2,0) index 2, (3,0) index 3, the rest 0: MSBs of i = 8 and 12 (0x1100), LSBs of i = 4 and 12 (0x1010).
final class ETC2Tests: XCTestCase {
    override func tearDown() { GLContext.makeCurrent(nil) }

    /// The index bytes q4–q7 described above: indices 0, 1, 2, 3 along the top row.
    static let topRowIndices: [UInt8] = [0x11, 0x00, 0x10, 0x10]

    /// Decodes one 4×4 block of `source` as `target`; texel (x, y) at (4y + x) × texel size.
    func decode(_ block: [UInt8], _ source: ETC2Decoder.Source, _ target: ETC2Decoder.Target = .rgba8) -> [UInt8] {
        var out = [UInt8](repeating: 0xAB, count: 16 * ETC2Decoder.texelBytes(source, target))
        let ok = block.withUnsafeBytes { b in out.withUnsafeMutableBytes { ETC2Decoder.decode(source, to: target, blocks: b, across: 1, down: 1, layers: 1, into: $0) } }
        XCTAssertTrue(ok)
        return out
    }

    /// The RGBA8 texel (x, y) of a decoded block.
    func texel(_ texels: [UInt8], _ x: Int, _ y: Int) -> [UInt8] { Array(texels[(y * 4 + x) * 4..<(y * 4 + x) * 4 + 4]) }

    /// The 16-bit channel `channel` of texel (x, y) of a decoded block of `channels` channels.
    func value16(_ texels: [UInt8], _ x: Int, _ y: Int, channels: Int = 1, channel: Int = 0) -> Int {
        let o = ((y * 4 + x) * channels + channel) * 2
        return Int(UInt16(texels[o]) | UInt16(texels[o + 1]) << 8)
    }

    func signed16(_ texels: [UInt8], _ x: Int, _ y: Int, channels: Int = 1, channel: Int = 0) -> Int {
        Int(Int16(bitPattern: UInt16(value16(texels, x, y, channels: channels, channel: channel))))
    }

    // MARK: RGB ETC2

    /// Individual mode (diff bit 0): R1 15, R2 0, G1 8, G2 4, B1 2, B2 12 (4-bit, ×17: 255, 0, 136, 68, 34, 204);
    /// table codewords 1 (±5, ±17) and 6 (±33, ±106): q3 = 1 << 5 | 6 << 2 = 0x38. Flip 0: x < 2 is subblock 1.
    static let individual: [UInt8] = [0xF0, 0x84, 0x2C, 0x38] + topRowIndices

    func testIndividualMode() {
        let t = decode(Self.individual, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [255, 141, 39, 255])  // (255, 136, 34) + 5, clamped
        XCTAssertEqual(texel(t, 1, 0), [255, 153, 51, 255])  // + 17
        XCTAssertEqual(texel(t, 0, 3), [255, 141, 39, 255])  // index 0
        XCTAssertEqual(texel(t, 2, 0), [0, 35, 171, 255])  // (0, 68, 204) − 33
        XCTAssertEqual(texel(t, 3, 0), [0, 0, 98, 255])  // − 106
        XCTAssertEqual(texel(t, 2, 1), [33, 101, 237, 255])  // + 33
    }

    /// The same with the flip bit (q3 bit 0): subblock 2 is now the bottom half.
    func testIndividualModeFlipped() {
        var block = Self.individual
        block[3] |= 1
        let t = decode(block, .rgb)
        XCTAssertEqual(texel(t, 2, 0), [250, 131, 29, 255])  // subblock 1 (255, 136, 34) − 5
        XCTAssertEqual(texel(t, 3, 0), [238, 119, 17, 255])  // − 17
        XCTAssertEqual(texel(t, 0, 2), [33, 101, 237, 255])  // subblock 2 (0, 68, 204) + 33
    }

    /// Differential mode, the specification's example: R 28, dR −4, G 4, dG 2, B 3, dB 0 give base colours
    /// (231, 33, 24) and (198, 49, 24). q0 = 28 << 3 | 0b100, q1 = 4 << 3 | 2, q2 = 3 << 3; q3: tables 2 (±9, ±29) and
    /// 0 (±2, ±8), diff 1, flip 1 = 2 << 5 | 0b11 = 0x43. Indices: (0,0) 1, (1,2) 2, (3,3) 3, the rest 0: MSBs of
    /// i = 6 and 15 (0x8040), LSBs of i = 0 and 15 (0x8001).
    static let differential: [UInt8] = [0xE4, 0x22, 0x18, 0x43, 0x80, 0x40, 0x80, 0x01]

    func testDifferentialMode() {
        let t = decode(Self.differential, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [255, 62, 53, 255])  // (231, 33, 24) + 29
        XCTAssertEqual(texel(t, 1, 0), [240, 42, 33, 255])  // + 9
        XCTAssertEqual(texel(t, 1, 2), [196, 47, 22, 255])  // (198, 49, 24) − 2
        XCTAssertEqual(texel(t, 3, 3), [190, 41, 16, 255])  // − 8
        XCTAssertEqual(texel(t, 0, 3), [200, 51, 26, 255])  // + 2
    }

    /// T mode: bits 63–61 111, R1a (60–59) 10, bit 58 0, R1b (57–56) 11 make R = 30, dR = 3: 33 > 31.
    /// Base 1 = (R1 0b1011, G1 2, B1 5) = (187, 34, 85); base 2 = (R2 6, G2 10, B2 15) = (102, 170, 255);
    /// da 0b10, db 1: distance index 5 = 32. q0 = 0xF3, q1 = 0x25, q2 = 0x6A, q3 = B2 << 4 | da << 2 | 0b11 = 0xFB.
    static let tMode: [UInt8] = [0xF3, 0x25, 0x6A, 0xFB] + topRowIndices

    func testTMode() {
        let t = decode(Self.tMode, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [187, 34, 85, 255])  // paint 0: base 1
        XCTAssertEqual(texel(t, 1, 0), [134, 202, 255, 255])  // paint 1: base 2 + 32, clamped
        XCTAssertEqual(texel(t, 2, 0), [102, 170, 255, 255])  // paint 2: base 2
        XCTAssertEqual(texel(t, 3, 0), [70, 138, 223, 255])  // paint 3: base 2 − 32
        XCTAssertEqual(texel(t, 3, 3), [187, 34, 85, 255])
    }

    /// H mode: bit 63 0, R1 (62–59) 3 and G1a (58–56) 0b101 make R = 3, dR = −3 (in range); bits 55–53 111, G1b 1,
    /// B1a 1 make G = 31, and bit 50 0 with B1b's top bits 01 make dG = 1: 32 > 31. Base 1 = (R1 3, G1 0b1011,
    /// B1 0b1011) = (51, 187, 187); base 2 = (R2 9, G2 2, B2 6) = (153, 34, 102). Base 1's value < base 2's, so the
    /// distance index is da 1, db 0, 0 = 4: 23. q0 = 0 0011 101, q1 = 111 1 1 0 01, q2 = 1 1001 001, q3 = 0 0110 1 1 0.
    static let hMode: [UInt8] = [0x1D, 0xF9, 0xC9, 0x36] + topRowIndices

    func testHMode() {
        let t = decode(Self.hMode, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [74, 210, 210, 255])  // base 1 + 23
        XCTAssertEqual(texel(t, 1, 0), [28, 164, 164, 255])  // base 1 − 23
        XCTAssertEqual(texel(t, 2, 0), [176, 57, 125, 255])  // base 2 + 23
        XCTAssertEqual(texel(t, 3, 0), [130, 11, 79, 255])  // base 2 − 23
    }

    /// H mode with base 1 ≥ base 2 (R2 0 instead of 9: q2 = 1 0000 001): the distance index's low bit is 1: 5 = 32.
    func testHModeOrderBit() {
        var block = Self.hMode
        block[2] = 0x81
        let t = decode(block, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [83, 219, 219, 255])  // (51, 187, 187) + 32
        XCTAssertEqual(texel(t, 3, 0), [0, 2, 70, 255])  // (0, 34, 102) − 32, clamped
    }

    /// Planar mode: R = 0, dR = 0 and G = 0, dG = 1 are in range; bits 47–45 111 and BO2 11 make B = 31, bit 42 0
    /// and BO3's top bits 01 make dB = 1: 32 > 31. O = (RO 0, GO 0, BO 1 << 5 | 11 << 3 | 010 = 58) = (0, 0, 235);
    /// H = (RH 63, GH 0, BH 0) = (255, 0, 0); V = (RV 0, GV 127, BV 0) = (0, 255, 0).
    /// Colour (x, y) = clamp255((x(H − O) + y(V − O) + 4O + 2) >> 2): R = (255x + 2) >> 2, G = (255y + 2) >> 2,
    /// B = (942 − 235(x + y)) >> 2.
    static let planar: [UInt8] = [0x00, 0x01, 0xF9, 0x7F, 0x00, 0x00, 0x1F, 0xC0]

    func testPlanarMode() {
        let t = decode(Self.planar, .rgb)
        XCTAssertEqual(texel(t, 0, 0), [0, 0, 235, 255])
        XCTAssertEqual(texel(t, 1, 2), [64, 128, 59, 255])  // 257 >> 2, 512 >> 2, 237 >> 2
        XCTAssertEqual(texel(t, 2, 1), [128, 64, 59, 255])
        XCTAssertEqual(texel(t, 3, 0), [191, 0, 59, 255])  // 767 >> 2
        XCTAssertEqual(texel(t, 3, 3), [191, 191, 0, 255])  // (942 − 1410) >> 2 < 0: clamped
    }

    // MARK: Punch-through alpha

    /// The differential block with the opaque bit (33) clear: index 2 is transparent black, index 0 adds nothing.
    func testPunchThroughDifferential() {
        var block = Self.differential
        block[3] &= ~2
        let t = decode(block, .rgbPunchThrough)
        XCTAssertEqual(texel(t, 0, 0), [255, 62, 53, 255])  // index 1: + 29 as before
        XCTAssertEqual(texel(t, 1, 0), [231, 33, 24, 255])  // index 0: base 1 unchanged
        XCTAssertEqual(texel(t, 1, 2), [0, 0, 0, 0])  // index 2: transparent
        XCTAssertEqual(texel(t, 3, 3), [190, 41, 16, 255])  // index 3: − 8
        XCTAssertEqual(texel(t, 0, 3), [198, 49, 24, 255])  // index 0: base 2
        // Opaque: the RGB ETC2 differential decode, alpha 255.
        XCTAssertEqual(decode(Self.differential, .rgbPunchThrough), decode(Self.differential, .rgb))
        // The cleared bit in RGB ETC2 is the diff bit: individual mode, so not the same texels.
        XCTAssertNotEqual(decode(block, .rgb), t)
    }

    /// T and H blocks with the opaque bit clear: paint colour 2 becomes transparent, the others stay.
    func testPunchThroughTAndH() {
        var block = Self.tMode
        block[3] &= ~2
        var t = decode(block, .rgbPunchThrough)
        XCTAssertEqual(texel(t, 1, 0), [134, 202, 255, 255])
        XCTAssertEqual(texel(t, 2, 0), [0, 0, 0, 0])
        XCTAssertEqual(texel(t, 3, 0), [70, 138, 223, 255])
        block = Self.hMode
        block[3] &= ~2
        t = decode(block, .rgbPunchThrough)
        XCTAssertEqual(texel(t, 0, 0), [74, 210, 210, 255])
        XCTAssertEqual(texel(t, 2, 0), [0, 0, 0, 0])
        // Planar blocks are opaque whatever the bit.
        block = Self.planar
        block[3] &= ~2
        XCTAssertEqual(texel(decode(block, .rgbPunchThrough), 1, 2), [64, 128, 59, 255])
    }

    // MARK: EAC

    /// RGBA8 ETC2 EAC: the alpha word (the specification's example) base 103, multiplier 2, table 13 (−1, −2, −3,
    /// −10, 0, 1, 2, 9); 3-bit indices (0,0) 3, (0,1) 7, (0,2) 4, the rest 0: bits 47–40 = 011 111 10, bit 39 0.
    /// Then the individual-mode colour word.
    static let rgbaEAC: [UInt8] = [103, 0x2D, 0x7E, 0, 0, 0, 0, 0] + individual

    func testEACAlpha() {
        let t = decode(Self.rgbaEAC, .rgbaEAC)
        XCTAssertEqual(texel(t, 0, 0), [255, 141, 39, 83])  // 103 − 10 × 2
        XCTAssertEqual(texel(t, 0, 1), [255, 141, 39, 121])  // 103 + 9 × 2
        XCTAssertEqual(texel(t, 0, 2), [255, 141, 39, 103])  // + 0
        XCTAssertEqual(texel(t, 1, 0), [255, 153, 51, 101])  // − 1 × 2
        // Clamping: base 250, multiplier 15, index 7 at (0,1): 250 + 135 → 255; index 3 at (0,0): 250 − 150 = 100.
        var clamped = Self.rgbaEAC
        clamped[0] = 250
        clamped[1] = 0xFD
        let c = decode(clamped, .rgbaEAC)
        XCTAssertEqual(texel(c, 0, 1)[3], 255)
        XCTAssertEqual(texel(c, 0, 0)[3], 100)
        // Multiplier 0: every alpha is the base.
        clamped[1] = 0x0D
        XCTAssertEqual(texel(decode(clamped, .rgbaEAC), 0, 1)[3], 250)
    }

    /// EAC indices: 3-bit index of texel i = 4x + y in bits 47 − 3i … 45 − 3i, packed into bytes q2–q7.
    static func eacIndices(_ indices: [Int]) -> [UInt8] {
        var bits: UInt64 = 0
        for (i, index) in indices.enumerated() { bits |= UInt64(index) << UInt64(45 - 3 * i) }
        return (0..<6).map { UInt8(truncatingIfNeeded: bits >> UInt64(40 - 8 * $0)) }
    }

    func testEACIndexPacking() {
        // The alpha word's bytes above: indices 3, 7, 4, then 0.
        XCTAssertEqual(Self.eacIndices([3, 7, 4] + Array(repeating: 0, count: 13)), [0x7E, 0, 0, 0, 0, 0])
    }

    /// Unsigned R11: base 103, multiplier 2, table 13; indices (0,0) 3, (0,1) 7, others 4 (modifier 0).
    /// 11-bit value = clamp(base × 8 + 4 + modifier × multiplier × 8, 0, 2047); widened as (v << 5) | (v >> 6).
    func testR11Unsigned() {
        let block: [UInt8] = [103, 0x2D] + Self.eacIndices([3, 7] + Array(repeating: 4, count: 14))
        let t = decode(block, .r11(signed: false), .unorm16)
        XCTAssertEqual(value16(t, 0, 0), 21386)  // 828 − 160 = 668 (the specification's example and widening)
        XCTAssertEqual(value16(t, 0, 1), 31119)  // 828 + 144 = 972: 31104 | 15
        XCTAssertEqual(value16(t, 3, 3), 26508)  // 828: 26496 | 12
        // Multiplier 0: the modifier is added unscaled: 828 − 10 = 818 → 26176 | 12.
        let zero: [UInt8] = [103, 0x0D] + Array(block[2...])
        XCTAssertEqual(value16(decode(zero, .r11(signed: false), .unorm16), 0, 0), 26188)
        // Clamping: base 255, multiplier 15, table 0 (… −15 … 14): index 7: 2044 + 1680 → 2047 → 65535;
        // base 0, index 3: 4 − 1800 → 0.
        let high: [UInt8] = [255, 0xF0] + Self.eacIndices(Array(repeating: 7, count: 16))
        XCTAssertEqual(value16(decode(high, .r11(signed: false), .unorm16), 2, 2), 65535)
        let low: [UInt8] = [0, 0xF0] + Self.eacIndices(Array(repeating: 3, count: 16))
        XCTAssertEqual(value16(decode(low, .r11(signed: false), .unorm16), 1, 1), 0)
        // As floats: v / 2047.
        let f = decode(block, .r11(signed: false), .float32)
        let v = f.withUnsafeBytes { $0.load(fromByteOffset: 0, as: Float.self) }
        XCTAssertEqual(v, 668.0 / 2047.0, accuracy: 1e-6)
        let h = decode(block, .r11(signed: false), .float16)
        XCTAssertEqual(Float(Float16(bitPattern: UInt16(h[0]) | UInt16(h[1]) << 8)), 668.0 / 2047.0, accuracy: 3e-4)
    }

    /// Signed R11: value = clamp(base × 8 + modifier × multiplier × 8, −1023, 1023), base a two's-complement byte
    /// (−128 read as −127); widened by replicating the magnitude: (m << 5) | (m >> 5), sign put back.
    func testR11Signed() {
        // Base 60, multiplier 2, table 13, (0,0) index 3: 480 − 160 = 320 → 10240 | 10.
        let positive: [UInt8] = [60, 0x2D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        var t = decode(positive, .r11(signed: true), .snorm16)
        XCTAssertEqual(signed16(t, 0, 0), 10250)
        XCTAssertEqual(signed16(t, 1, 0), 15375)  // index 4: 480 → 15360 | 15
        // Base −60 (0xC4), index 7: −480 + 144 = −336 → −(10752 | 10).
        let negative: [UInt8] = [0xC4, 0x2D] + Self.eacIndices(Array(repeating: 7, count: 16))
        XCTAssertEqual(signed16(decode(negative, .r11(signed: true), .snorm16), 2, 3), -10762)
        // Base −128 counts as −127; multiplier 0 with index 4 (modifier 0): −1016 → −(32512 | 31).
        let minimum: [UInt8] = [0x80, 0x0D] + Self.eacIndices(Array(repeating: 4, count: 16))
        XCTAssertEqual(signed16(decode(minimum, .r11(signed: true), .snorm16), 0, 0), -32543)
        // Multiplier 0, base 65, index 3: 520 − 10 = 510 → 16320 | 15.
        let zero: [UInt8] = [65, 0x0D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        XCTAssertEqual(signed16(decode(zero, .r11(signed: true), .snorm16), 0, 0), 16335)
        // Clamping: base 127, multiplier 15, table 0, index 7: 1016 + 1680 → 1023 → 32767; base −127, index 3:
        // −1016 − 1800 → −1023 → −32767.
        let high: [UInt8] = [127, 0xF0] + Self.eacIndices(Array(repeating: 7, count: 16))
        XCTAssertEqual(signed16(decode(high, .r11(signed: true), .snorm16), 3, 0), 32767)
        let low: [UInt8] = [0x81, 0xF0] + Self.eacIndices(Array(repeating: 3, count: 16))
        t = decode(low, .r11(signed: true), .snorm16)
        XCTAssertEqual(signed16(t, 3, 0), -32767)
        // As floats: v / 1023.
        let f = decode(negative, .r11(signed: true), .float32)
        XCTAssertEqual(f.withUnsafeBytes { $0.load(fromByteOffset: 0, as: Float.self) }, -336.0 / 1023.0, accuracy: 1e-6)
    }

    /// RG11: the first word is red, the second green, interleaved in the texels.
    func testRG11() {
        let red: [UInt8] = [103, 0x2D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        let green: [UInt8] = [60, 0x2D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        let t = decode(red + green, .rg11(signed: false), .unorm16)
        XCTAssertEqual(value16(t, 0, 0, channels: 2, channel: 0), 21386)  // 668
        XCTAssertEqual(value16(t, 0, 0, channels: 2, channel: 1), 10373)  // 60 × 8 + 4 − 160 = 324 → 10368 | 5
        let s = decode(red + green, .rg11(signed: true), .snorm16)
        XCTAssertEqual(signed16(s, 0, 0, channels: 2, channel: 1), 10250)  // 320
        XCTAssertEqual(signed16(s, 0, 0, channels: 2, channel: 0), 21268)  // 103 × 8 − 160 = 664 → 21248 | 20
    }

    /// Blocks land at their place in a larger image: two blocks across, one down, two layers.
    func testBlockPlacement() {
        let blocks = Self.individual + Self.planar + Self.tMode + Self.hMode
        var out = [UInt8](repeating: 0, count: 8 * 4 * 2 * 4)
        let ok = blocks.withUnsafeBytes { b in out.withUnsafeMutableBytes { ETC2Decoder.decode(.rgb, to: .rgba8, blocks: b, across: 2, down: 1, layers: 2, into: $0) } }
        XCTAssertTrue(ok)
        func at(_ x: Int, _ y: Int, _ z: Int) -> [UInt8] { let o = ((z * 4 + y) * 8 + x) * 4; return Array(out[o..<o + 4]) }
        XCTAssertEqual(at(3, 0, 0), [0, 0, 98, 255])  // individual (3,0)
        XCTAssertEqual(at(5, 2, 0), [64, 128, 59, 255])  // planar (1,2)
        XCTAssertEqual(at(1, 0, 1), [134, 202, 255, 255])  // T (1,0)
        XCTAssertEqual(at(7, 0, 1), [130, 11, 79, 255])  // H (3,0)
        // Too few blocks or a target that does not suit: nothing.
        let short = blocks.withUnsafeBytes { b in out.withUnsafeMutableBytes { ETC2Decoder.decode(.rgb, to: .rgba8, blocks: b, across: 2, down: 2, layers: 2, into: $0) } }
        XCTAssertFalse(short)
        let wrong = blocks.withUnsafeBytes { b in out.withUnsafeMutableBytes { ETC2Decoder.decode(.rgb, to: .unorm16, blocks: b, across: 1, down: 1, layers: 1, into: $0) } }
        XCTAssertFalse(wrong)
    }

    // MARK: Through GL

    /// Every texel of the bound 2D texture's level `level` (`w`×`h`) drawn with texelFetch into a `w`×`h` RGBA8
    /// framebuffer, `expression` of the fetched value `v` written out.
    func fetchAll(_ w: Int, _ h: Int, level: Int = 0, sampler: String = "sampler2D", expression: String = "v") -> [[UInt8]] {
        bindColorFramebuffer(width: GLsizei(w), height: GLsizei(h))
        var vao: GLuint = 0
        glGenVertexArrays(1, &vao)
        glBindVertexArray(vao)
        glUseProgram(linkedProgram([(GL_VERTEX_SHADER, fullViewportTriangleVS), (GL_FRAGMENT_SHADER, """
            #version 330 core
            uniform \(sampler) t;
            out vec4 c;
            void main() { vec4 v = texelFetch(t, ivec2(gl_FragCoord.xy), \(level)); c = \(expression); }
            """)]))
        glDrawArrays(GL_TRIANGLES, 0, 3)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        glReadPixels(0, 0, GLsizei(w), GLsizei(h), GL_RGBA, GL_UNSIGNED_BYTE, &pixels)
        return (0..<(w * h)).map { Array(pixels[$0 * 4..<$0 * 4 + 4]) }
    }

    func newTexture() {
        var tex: GLuint = 0
        glGenTextures(1, &tex)
        glBindTexture(GL_TEXTURE_2D, tex)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GLint(GL_NEAREST))
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GLint(GL_NEAREST))
    }

    func level(_ pname: GLenum, _ level: GLint = 0) -> GLint {
        var v: GLint = 0
        glGetTexLevelParameteriv(GL_TEXTURE_2D, level, pname, &v)
        return v
    }

    func testAllFormatsAvailable() {
        let c = makeCurrentContext()
        XCTAssertTrue(c.supportsETC2)
        XCTAssertTrue(c.supportsES3CompatibilityTextureFormats)
        for format in GLFormatTable.etc2Formats.keys {
            XCTAssertNotNil(c.compressedFormat(format), GLEnumNames.describe(format))
        }
        // This host (llvmpipe under virglrenderer) samples no ETC2 format: all ten are decoded.
        if c.hostSamplerFormats?.contains(.etc2Rgb8) == false {
            XCTAssertEqual(c.etc2FormatsDecodedOnCPU, Set(GLFormatTable.etc2Formats.keys))
            XCTAssertEqual(c.compressedFormat(GL_COMPRESSED_R11_EAC)?.1.virgl, .r16Unorm)
            XCTAssertEqual(c.compressedFormat(GL_COMPRESSED_SIGNED_RG11_EAC)?.1.virgl, .r16g16Snorm)
            XCTAssertEqual(c.compressedFormat(GL_COMPRESSED_SRGB8_ETC2)?.1.virgl, .r8g8b8a8SRGB)
        }
    }

    /// ETC2 blocks uploaded with glCompressedTexImage2D decode on the host side to the texels worked out above; the
    /// image still reports its compressed format and size, and glGetCompressedTexImage returns the blocks.
    func testRGBBlocksSampled() {
        _ = makeCurrentContext()
        newTexture()
        let blocks = Self.individual + Self.planar + Self.tMode + Self.hMode  // 2×2 blocks: 8×8 texels
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGB8_ETC2, 8, 8, 0, 32, blocks)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let t = fetchAll(8, 8)
        XCTAssertEqual(t[0 * 8 + 1], [255, 153, 51, 255])  // individual (1,0)
        XCTAssertEqual(t[0 * 8 + 3], [0, 0, 98, 255])  // individual (3,0)
        XCTAssertEqual(t[2 * 8 + 5], [64, 128, 59, 255])  // planar (1,2)
        XCTAssertEqual(t[3 * 8 + 7], [191, 191, 0, 255])  // planar (3,3)
        XCTAssertEqual(t[4 * 8 + 1], [134, 202, 255, 255])  // T (1,0)
        XCTAssertEqual(t[4 * 8 + 6], [176, 57, 125, 255])  // H (2,0)
        XCTAssertEqual(GLenum(level(GL_TEXTURE_INTERNAL_FORMAT)), GL_COMPRESSED_RGB8_ETC2)
        XCTAssertEqual(level(GL_TEXTURE_COMPRESSED), 1)
        XCTAssertEqual(level(GL_TEXTURE_COMPRESSED_IMAGE_SIZE), 32)
        var back = [UInt8](repeating: 0, count: 32)
        glGetCompressedTexImage(GL_TEXTURE_2D, 0, &back)
        XCTAssertEqual(back, blocks)
        // A sub-image replaces the planar block (already on the host) with the differential one.
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 0, 4, 4, GL_COMPRESSED_RGB8_ETC2, 8, Self.differential)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        let u = fetchAll(8, 8)
        XCTAssertEqual(u[0 * 8 + 4], [255, 62, 53, 255])  // differential (0,0)
        XCTAssertEqual(u[3 * 8 + 7], [190, 41, 16, 255])  // differential (3,3)
        XCTAssertEqual(u[0 * 8 + 3], [0, 0, 98, 255])  // individual unchanged
        glGetCompressedTexImage(GL_TEXTURE_2D, 0, &back)
        XCTAssertEqual(Array(back[8..<16]), Self.differential)
    }

    /// glGetTexImage of an ETC2/EAC image reads the decoded texels: from its blocks before the host has the texture,
    /// from the host after; a size that is not whole blocks reads just the image's texels.
    func testGetTexImageDecodes() {
        _ = makeCurrentContext()
        newTexture()
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGB8_ETC2, 8, 8, 0, 32, Self.individual + Self.planar + Self.tMode + Self.hMode)
        var rgba = [UInt8](repeating: 0, count: 8 * 8 * 4)
        func at(_ x: Int, _ y: Int) -> [UInt8] { Array(rgba[(y * 8 + x) * 4..<(y * 8 + x) * 4 + 4]) }
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &rgba)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(at(3, 0), [0, 0, 98, 255])  // individual (3,0)
        XCTAssertEqual(at(5, 2), [64, 128, 59, 255])  // planar (1,2)
        XCTAssertEqual(at(7, 4), [130, 11, 79, 255])  // H (3,0)
        _ = fetchAll(8, 8)  // the host has it now
        rgba = [UInt8](repeating: 0, count: 8 * 8 * 4)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, &rgba)
        XCTAssertEqual(at(3, 0), [0, 0, 98, 255])
        XCTAssertEqual(at(1, 4), [134, 202, 255, 255])  // T (1,0)
        // R11, 6×3: red as floats, 668 / 2047 at (0,0) and (4,0) (each block's (0,0)), 972 / 2047 at (4,1).
        newTexture()
        let red: [UInt8] = [103, 0x2D] + Self.eacIndices([3, 7] + Array(repeating: 4, count: 14))
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_R11_EAC, 6, 3, 0, 16, red + red)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var values = [Float](repeating: -1, count: 6 * 3)
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RED, GL_FLOAT, &values)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(values[0], 668 / 2047, accuracy: 1e-4)
        XCTAssertEqual(values[4], 668 / 2047, accuracy: 1e-4)
        XCTAssertEqual(values[6 + 4], 972 / 2047, accuracy: 1e-4)
        XCTAssertEqual(values[2 * 6 + 5], 828 / 2047, accuracy: 1e-4)
    }

    /// The alpha formats: punch-through transparency, EAC alpha, and sRGB decoding on the host.
    func testAlphaAndSRGBSampled() {
        _ = makeCurrentContext()
        newTexture()
        var block = Self.differential
        block[3] &= ~2  // not opaque
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGB8_PUNCHTHROUGH_ALPHA1_ETC2, 4, 4, 0, 8, block)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var t = fetchAll(4, 4)
        XCTAssertEqual(t[2 * 4 + 1], [0, 0, 0, 0])
        XCTAssertEqual(t[0 * 4 + 1], [231, 33, 24, 255])
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA8_ETC2_EAC, 4, 4, 0, 16, Self.rgbaEAC)
        t = fetchAll(4, 4)
        XCTAssertEqual(t[0], [255, 141, 39, 83])
        XCTAssertEqual(t[1 * 4 + 0], [255, 141, 39, 121])
        // sRGB: the individual block's (0, 1) red 255, green 141, blue 39 read back linear:
        // 141 → 0.266 (68 of 255), 39 → 0.020 (5).
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_SRGB8_ALPHA8_ETC2_EAC, 4, 4, 0, 16, Self.rgbaEAC)
        t = fetchAll(4, 4)
        XCTAssertEqual(t[1 * 4 + 0][0], 255)
        XCTAssertEqual(Int(t[1 * 4 + 0][1]), 68, accuracy: 1)
        XCTAssertEqual(Int(t[1 * 4 + 0][2]), 5, accuracy: 1)
        XCTAssertEqual(t[1 * 4 + 0][3], 121)  // alpha is linear
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
    }

    /// The EAC formats: 11-bit values sampled through the host's 16-bit formats.
    func testEACSampled() {
        _ = makeCurrentContext()
        newTexture()
        let red: [UInt8] = [103, 0x2D] + Self.eacIndices([3, 7] + Array(repeating: 4, count: 14))  // 668, 972, 828
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_R11_EAC, 4, 4, 0, 8, red)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var t = fetchAll(4, 4)
        XCTAssertEqual(t[0], [83, 0, 0, 255])  // 668 / 2047 × 255 = 83.2
        XCTAssertEqual(t[1 * 4 + 0], [121, 0, 0, 255])  // 972: 121.1
        XCTAssertEqual(t[3 * 4 + 3], [103, 0, 0, 255])  // 828: 103.1
        XCTAssertEqual(level(GL_TEXTURE_RED_SIZE), 11)
        // Signed RG11: red 320 / 1023 = 0.313 and green −336 / 1023 = −0.328 written as v × 0.5 + 0.5: 167, 86.
        let signedRed: [UInt8] = [60, 0x2D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        let signedGreen: [UInt8] = [0xC4, 0x2D] + Self.eacIndices(Array(repeating: 7, count: 16))
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_SIGNED_RG11_EAC, 4, 4, 0, 16, signedRed + signedGreen)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        t = fetchAll(4, 4, expression: "v * 0.5 + 0.5")
        XCTAssertEqual(Int(t[0][0]), 167, accuracy: 1)
        XCTAssertEqual(Int(t[0][1]), 86, accuracy: 1)
        XCTAssertEqual(GLenum(level(GL_TEXTURE_INTERNAL_FORMAT)), GL_COMPRESSED_SIGNED_RG11_EAC)
        var back = [UInt8](repeating: 0, count: 16)
        glGetCompressedTexImage(GL_TEXTURE_2D, 0, &back)
        XCTAssertEqual(back, signedRed + signedGreen)
    }

    /// glTexStorage2D of an ETC2 format, filled by glCompressedTexSubImage2D; an image whose size is not whole
    /// blocks (6×6: the edge blocks' padding texels are not part of it); glTexImage2D with no data allocates.
    func testStorageAndPartialBlocks() {
        _ = makeCurrentContext()
        checkStorageAndPartialBlocks()
    }

    /// The same over vtest: the decoded texels travel through TRANSFER_PUT2, rows of whole blocks cut to the box.
    func testStorageAndPartialBlocksOverVtest() throws {
        let server = try VtestServerProcess()
        defer { server.stop() }
        let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: .core), host: .transport(try VtestTransport(socketPath: server.socketPath)))
        GLContext.makeCurrent(context)
        XCTAssertTrue(context.supportsETC2)
        checkStorageAndPartialBlocks()
    }

    func checkStorageAndPartialBlocks() {
        newTexture()
        glTexStorage2D(GL_TEXTURE_2D, 2, GL_COMPRESSED_RGBA8_ETC2_EAC, 6, 6)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 4, 2, 2, GL_COMPRESSED_RGBA8_ETC2_EAC, 16, Self.rgbaEAC)
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 1, 0, 0, 3, 3, GL_COMPRESSED_RGBA8_ETC2_EAC, 16, Self.rgbaEAC)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        var t = fetchAll(6, 6)
        XCTAssertEqual(t[4 * 6 + 4], [255, 141, 39, 83])  // the block's (0,0)
        XCTAssertEqual(t[5 * 6 + 4], [255, 141, 39, 121])  // (0,1)
        XCTAssertEqual(t[4 * 6 + 5], [255, 153, 51, 101])  // (1,0)
        t = fetchAll(3, 3, level: 1)
        XCTAssertEqual(t[1 * 3 + 0], [255, 141, 39, 121])
        XCTAssertEqual(t[0 * 3 + 2], [0, 35, 171, 101])  // (2,0): − 33, alpha index 0: 101
        XCTAssertEqual(level(GL_TEXTURE_COMPRESSED_IMAGE_SIZE, 0), 64)
        XCTAssertEqual(level(GL_TEXTURE_COMPRESSED_IMAGE_SIZE, 1), 16)
        // glTexImage2D with an ETC2 internal format and no data: the storage, filled afterwards.
        newTexture()
        glTexImage2D(GL_TEXTURE_2D, 0, GLint(GL_COMPRESSED_SIGNED_R11_EAC), 4, 4, 0, GL_RED, GL_BYTE, nil)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        XCTAssertEqual(GLenum(level(GL_TEXTURE_INTERNAL_FORMAT)), GL_COMPRESSED_SIGNED_R11_EAC)
        let block: [UInt8] = [60, 0x2D] + Self.eacIndices([3] + Array(repeating: 4, count: 15))
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 4, 4, GL_COMPRESSED_SIGNED_R11_EAC, 8, block)
        XCTAssertEqual(glGetError(), GL_NO_ERROR)
        t = fetchAll(4, 4)
        XCTAssertEqual(Int(t[0][0]), 80, accuracy: 1)  // 320 / 1023 × 255 = 79.8
        XCTAssertEqual(Int(t[1][0]), 120, accuracy: 1)  // 480 / 1023 × 255 = 119.6
    }
}
