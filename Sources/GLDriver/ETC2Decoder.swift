// A CPU decoder for the ETC2 and EAC compressed formats (OpenGL 4.3 core through GL_ARB_ES3_compatibility; the
// format definitions are the OpenGL 4.3 / OpenGL ES 3.0 specifications' appendix "ETC Compressed Texture Image
// Formats", also the Khronos Data Format specification's ETC2 chapter). Hosts that do not sample ETC2 get the
// decoded texels instead, as Mesa does on drivers without ETC2.
//
// Facts used (all from the format definition):
// - A block is 4×4 texels; its 64-bit words are big-endian (the byte at the lowest address holds bits 63–56).
//   Texel (x, y) of a block (x across, y down) is the block's texel number i = 4x + y: texels go down the columns.
// - RGB ETC2 (64 bits): bit 33 is the `diff' bit, bit 32 the `flip' bit. diff 0: `individual' mode. diff 1: R (bits
//   63–59) plus the 3-bit two's-complement dR (58–56) outside [0, 31] selects `T' mode, else G + dG (55–51, 50–48)
//   outside selects `H' mode, else B + dB (47–43, 42–40) outside selects `planar' mode, else `differential' mode.
// - Individual and differential modes: two subblocks (flip 0: the left and right 2×4 halves; flip 1: the top and
//   bottom 4×2 halves), each with a base colour (individual: 4-bit R1 63–60, R2 59–56, G1 55–52, G2 51–48, B1 47–44,
//   B2 43–40, each extended by repeating its bits; differential: the 5-bit R, G, B and R+dR, G+dG, B+dB, extended as
//   (v << 3) | (v >> 2)) and a modifier table (table codeword 1 in bits 39–37, 2 in 36–34). Texel i's 2-bit index
//   has its MSB in bit 16 + i and its LSB in bit i; index 0 adds the table's small value a, 1 the large value b,
//   2 subtracts a, 3 subtracts b; each channel is clamped to [0, 255].
// - T mode: base colour 1 = R1a (60–59) << 2 | R1b (57–56), G1 (55–52), B1 (51–48); base colour 2 = R2 (47–44),
//   G2 (43–40), B2 (39–36), all 4-bit; distance index (da (35–34) << 1) | db (32). Paint colours: 0 = base 1,
//   1 = base 2 + d, 2 = base 2, 3 = base 2 − d. The texel's 2-bit index picks the paint colour.
// - H mode: base 1 = R1 (62–59), G1a (58–56) << 1 | G1b (52), B1a (51) << 3 | B1b (49–47); base 2 = R2 (46–43),
//   G2 (42–39), B2 (38–35); distance index da (34) << 2 | db (32) << 1 | (value(base 1) ≥ value(base 2)) where
//   value = (R << 16) + (G << 8) + B of the 8-bit colours. Paint colours: base 1 + d, base 1 − d, base 2 + d,
//   base 2 − d.
// - Distances: 3, 6, 11, 16, 23, 32, 41, 64.
// - Planar mode (RGB 676): RO 62–57, GO = bit 56 << 6 | 54–49, BO = bit 48 << 5 | 44–43 << 3 | 41–39,
//   RH = 38–34 << 1 | bit 32, GH 31–25, BH 24–19, RV 18–13, GV 12–6, BV 5–0; 6-bit values extend as
//   (v << 2) | (v >> 4), 7-bit ones as (v << 1) | (v >> 6); colour(x, y) = clamp255((x(H − O) + y(V − O) + 4O + 2) >> 2).
// - Punch-through alpha: bit 33 is the `opaque' bit and there is no individual mode (always the diff-bit path).
//   With opaque 0: in differential mode the table's ±a become 0; in differential, T and H modes index 2 is a
//   transparent black texel (0, 0, 0, 0). Planar blocks are always opaque. Other texels have alpha 255.
// - EAC (the alpha of RGBA8 ETC2 EAC, and each channel of R11/RG11): base codeword 63–56, multiplier 55–52, table
//   index 51–48, texel i's 3-bit index in bits 47 − 3i (MSB) to 45 − 3i. Alpha = clamp255(base + modifier ×
//   multiplier). Unsigned 11-bit = clamp(base × 8 + 4 + modifier × multiplier × 8, 0, 2047); signed 11-bit (base a
//   two's-complement byte, −128 read as −127) = clamp(base × 8 + modifier × multiplier × 8, −1023, 1023); in both a
//   multiplier of 0 counts as 1/8 (the modifier is added unscaled). The 11-bit values widen to 16 bits by bit
//   replication: (v << 5) | (v >> 6) unsigned; signed, the magnitude as (m << 5) | (m >> 5) with the sign put back.
// - RGBA8 ETC2 EAC: 128 bits, the EAC alpha word first, then the RGB ETC2 word. RG11: the R word, then the G word.
// - The sRGB formats decode the same bits; only how the result is read differs.

/// Decodes ETC2/EAC blocks into uncompressed texels.
enum ETC2Decoder {
    /// What a block holds.
    enum Source: Equatable {
        /// RGB ETC2 (and its sRGB form): 8 bytes a block.
        case rgb
        /// RGB ETC2 with punch-through alpha (and sRGB): 8 bytes.
        case rgbPunchThrough
        /// RGBA ETC2 (and sRGB): 16 bytes, EAC alpha then RGB ETC2.
        case rgbaEAC
        /// R11 / signed R11 EAC: 8 bytes.
        case r11(signed: Bool)
        /// RG11 / signed RG11 EAC: 16 bytes, red then green.
        case rg11(signed: Bool)

        var blockBytes: Int {
            switch self {
            case .rgb, .rgbPunchThrough, .r11: return 8
            case .rgbaEAC, .rg11: return 16
            }
        }

        /// Channels of the decoded texel: 4 for the colour formats, 1 or 2 for the EAC ones.
        var channels: Int {
            switch self {
            case .rgb, .rgbPunchThrough, .rgbaEAC: return 4
            case .r11: return 1
            case .rg11: return 2
            }
        }
    }

    /// The texel format blocks decode into.
    enum Target: Equatable {
        /// 8-bit RGBA (for the colour formats).
        case rgba8
        /// 16-bit unsigned or signed normalized, 16-bit or 32-bit float channels (for the 11-bit EAC formats).
        case unorm16, snorm16, float16, float32

        /// Bytes of one channel.
        var channelBytes: Int {
            switch self {
            case .rgba8: return 1
            case .unorm16, .snorm16, .float16: return 2
            case .float32: return 4
            }
        }
    }

    /// Bytes of one decoded texel of `source` as `target`.
    static func texelBytes(_ source: Source, _ target: Target) -> Int { source.channels * target.channelBytes }

    /// Decodes `layers` layers of `across`×`down` blocks (packed rows of blocks in `blocks`) into texels of
    /// `target`, packed rows of `across × 4` texels, `down × 4` rows a layer. False (nothing written) when a buffer
    /// is too small or the target does not suit the source.
    @discardableResult
    static func decode(_ source: Source, to target: Target, blocks: UnsafeRawBufferPointer, across: Int, down: Int, layers: Int, into out: UnsafeMutableRawBufferPointer) -> Bool {
        let colour = source.channels == 4
        guard colour == (target == .rgba8), across >= 0, down >= 0, layers >= 0 else { return false }
        let count = across * down * layers
        let texel = texelBytes(source, target)
        let rowStride = across * 4 * texel
        guard blocks.count >= count * source.blockBytes, out.count >= count * 16 * texel, count > 0,
            let src = blocks.baseAddress, let dst = out.baseAddress
        else { return count == 0 }
        for n in 0..<count {
            let block = src + n * source.blockBytes
            let bx = n % across, by = n / across % down, layer = n / (across * down)
            let origin = dst + (layer * down * 4 + by * 4) * rowStride + bx * 4 * texel
            switch source {
            case .rgb, .rgbPunchThrough:
                decodeColor(word(block), punchThrough: source == .rgbPunchThrough, origin.assumingMemoryBound(to: UInt8.self), rowStride: rowStride)
            case .rgbaEAC:
                let p = origin.assumingMemoryBound(to: UInt8.self)
                decodeColor(word(block + 8), punchThrough: false, p, rowStride: rowStride)
                decodeAlpha(word(block), p + 3, rowStride: rowStride, texelStride: 4)
            case .r11(let signed):
                decodeEAC11(word(block), signed: signed, target, origin, rowStride: rowStride, texelStride: texel)
            case .rg11(let signed):
                decodeEAC11(word(block), signed: signed, target, origin, rowStride: rowStride, texelStride: texel)
                decodeEAC11(word(block + 8), signed: signed, target, origin + target.channelBytes, rowStride: rowStride, texelStride: texel)
            }
        }
        return true
    }

    /// The big-endian 64-bit word at `p`.
    @inline(__always) static func word(_ p: UnsafeRawPointer) -> UInt64 {
        var w: UInt64 = 0
        for i in 0..<8 { w = w << 8 | UInt64(p.load(fromByteOffset: i, as: UInt8.self)) }
        return w
    }

    /// `count` bits of `w` whose highest is bit `high`.
    @inline(__always) static func bits(_ w: UInt64, _ high: Int, _ count: Int) -> Int {
        Int(truncatingIfNeeded: w >> UInt64(high - count + 1)) & (1 << count - 1)
    }

    /// The ETC2 2-bit index of texel (x, y): MSB in bit 16 + i, LSB in bit i (i = 4x + y).
    @inline(__always) static func colourIndex(_ w: UInt64, _ x: Int, _ y: Int) -> Int {
        let i = x * 4 + y
        return bits(w, 16 + i, 1) << 1 | bits(w, i, 1)
    }

    @inline(__always) static func clamp255(_ v: Int) -> UInt8 { UInt8(min(max(v, 0), 255)) }
    @inline(__always) static func extend4(_ v: Int) -> Int { v << 4 | v }
    @inline(__always) static func extend5(_ v: Int) -> Int { v << 3 | v >> 2 }
    @inline(__always) static func extend6(_ v: Int) -> Int { v << 2 | v >> 4 }
    @inline(__always) static func extend7(_ v: Int) -> Int { v << 1 | v >> 6 }
    /// A 3-bit two's-complement value (−4…3).
    @inline(__always) static func signed3(_ v: Int) -> Int { v >= 4 ? v - 8 : v }

    /// The ETC2 modifier tables for the individual and differential modes: (a, b) of each table codeword.
    static let modifiers: [(Int, Int)] = [(2, 8), (5, 17), (9, 29), (13, 42), (18, 60), (24, 80), (33, 106), (47, 183)]
    /// The T and H modes' distances.
    static let distances: [Int] = [3, 6, 11, 16, 23, 32, 41, 64]
    /// The EAC modifier tables: 16 tables of 8 values, table t's value k at 8t + k.
    static let eacModifiers: [Int] = [
        -3, -6, -9, -15, 2, 5, 8, 14,  // 0
        -3, -7, -10, -13, 2, 6, 9, 12,  // 1
        -2, -5, -8, -13, 1, 4, 7, 12,  // 2
        -2, -4, -6, -13, 1, 3, 5, 12,  // 3
        -3, -6, -8, -12, 2, 5, 7, 11,  // 4
        -3, -7, -9, -11, 2, 6, 8, 10,  // 5
        -4, -7, -8, -11, 3, 6, 7, 10,  // 6
        -3, -5, -8, -11, 2, 4, 7, 10,  // 7
        -2, -6, -8, -10, 1, 5, 7, 9,  // 8
        -2, -5, -8, -10, 1, 4, 7, 9,  // 9
        -2, -4, -8, -10, 1, 3, 7, 9,  // 10
        -2, -5, -7, -10, 1, 4, 6, 9,  // 11
        -3, -4, -7, -10, 2, 3, 6, 9,  // 12
        -1, -2, -3, -10, 0, 1, 2, 9,  // 13
        -4, -6, -8, -9, 3, 5, 7, 8,  // 14
        -3, -5, -7, -9, 2, 4, 6, 8,  // 15
    ]

    /// Writes one texel: RGB with alpha 255, or transparent black.
    @inline(__always) static func put(_ out: UnsafeMutablePointer<UInt8>, _ rowStride: Int, _ x: Int, _ y: Int, _ r: Int, _ g: Int, _ b: Int, transparent: Bool = false) {
        let p = out + y * rowStride + x * 4
        if transparent {
            p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0
        } else {
            p[0] = clamp255(r); p[1] = clamp255(g); p[2] = clamp255(b); p[3] = 255
        }
    }

    /// Decodes an RGB ETC2 block (or one with punch-through alpha) into 4×4 RGBA8 texels at `out`, rows
    /// `rowStride` bytes apart.
    static func decodeColor(_ w: UInt64, punchThrough: Bool, _ out: UnsafeMutablePointer<UInt8>, rowStride: Int) {
        let bit33 = bits(w, 33, 1) == 1
        let opaque = !punchThrough || bit33
        guard punchThrough || bit33 else {
            // Individual mode.
            let base1 = (extend4(bits(w, 63, 4)), extend4(bits(w, 55, 4)), extend4(bits(w, 47, 4)))
            let base2 = (extend4(bits(w, 59, 4)), extend4(bits(w, 51, 4)), extend4(bits(w, 43, 4)))
            return decodeSubblocks(w, base1, base2, opaque: true, out, rowStride)
        }
        let r = bits(w, 63, 5), dr = signed3(bits(w, 58, 3))
        let g = bits(w, 55, 5), dg = signed3(bits(w, 50, 3))
        let b = bits(w, 47, 5), db = signed3(bits(w, 42, 3))
        if !(0...31).contains(r + dr) {
            // T mode.
            let c1 = (extend4(bits(w, 60, 2) << 2 | bits(w, 57, 2)), extend4(bits(w, 55, 4)), extend4(bits(w, 51, 4)))
            let c2 = (extend4(bits(w, 47, 4)), extend4(bits(w, 43, 4)), extend4(bits(w, 39, 4)))
            let d = distances[bits(w, 35, 2) << 1 | bits(w, 32, 1)]
            decodePaint(w, (c1, (c2.0 + d, c2.1 + d, c2.2 + d), c2, (c2.0 - d, c2.1 - d, c2.2 - d)), opaque: opaque, out, rowStride)
        } else if !(0...31).contains(g + dg) {
            // H mode.
            let c1 = (extend4(bits(w, 62, 4)), extend4(bits(w, 58, 3) << 1 | bits(w, 52, 1)), extend4(bits(w, 51, 1) << 3 | bits(w, 49, 3)))
            let c2 = (extend4(bits(w, 46, 4)), extend4(bits(w, 42, 4)), extend4(bits(w, 38, 4)))
            let v1 = c1.0 << 16 + c1.1 << 8 + c1.2, v2 = c2.0 << 16 + c2.1 << 8 + c2.2
            let d = distances[bits(w, 34, 1) << 2 | bits(w, 32, 1) << 1 | (v1 >= v2 ? 1 : 0)]
            decodePaint(w, ((c1.0 + d, c1.1 + d, c1.2 + d), (c1.0 - d, c1.1 - d, c1.2 - d), (c2.0 + d, c2.1 + d, c2.2 + d), (c2.0 - d, c2.1 - d, c2.2 - d)), opaque: opaque, out, rowStride)
        } else if !(0...31).contains(b + db) {
            // Planar mode (always opaque).
            let o = (extend6(bits(w, 62, 6)), extend7(bits(w, 56, 1) << 6 | bits(w, 54, 6)), extend6(bits(w, 48, 1) << 5 | bits(w, 44, 2) << 3 | bits(w, 41, 3)))
            let h = (extend6(bits(w, 38, 5) << 1 | bits(w, 32, 1)), extend7(bits(w, 31, 7)), extend6(bits(w, 24, 6)))
            let v = (extend6(bits(w, 18, 6)), extend7(bits(w, 12, 7)), extend6(bits(w, 5, 6)))
            for y in 0..<4 {
                for x in 0..<4 {
                    put(out, rowStride, x, y,
                        (x * (h.0 - o.0) + y * (v.0 - o.0) + 4 * o.0 + 2) >> 2,
                        (x * (h.1 - o.1) + y * (v.1 - o.1) + 4 * o.1 + 2) >> 2,
                        (x * (h.2 - o.2) + y * (v.2 - o.2) + 4 * o.2 + 2) >> 2)
                }
            }
        } else {
            // Differential mode.
            decodeSubblocks(w, (extend5(r), extend5(g), extend5(b)), (extend5(r + dr), extend5(g + dg), extend5(b + db)), opaque: opaque, out, rowStride)
        }
    }

    /// The individual and differential modes: two subblocks, each a base colour moved by its table's modifiers.
    static func decodeSubblocks(_ w: UInt64, _ base1: (Int, Int, Int), _ base2: (Int, Int, Int), opaque: Bool, _ out: UnsafeMutablePointer<UInt8>, _ rowStride: Int) {
        let flip = bits(w, 32, 1) == 1
        let table1 = modifiers[bits(w, 39, 3)], table2 = modifiers[bits(w, 36, 3)]
        for y in 0..<4 {
            for x in 0..<4 {
                let second = flip ? y >= 2 : x >= 2
                let base = second ? base2 : base1
                let (a, b) = second ? table2 : table1
                let index = colourIndex(w, x, y)
                if !opaque && index == 2 {
                    put(out, rowStride, x, y, 0, 0, 0, transparent: true)
                    continue
                }
                let m: Int
                switch index {
                case 0: m = opaque ? a : 0
                case 1: m = b
                case 2: m = -a
                default: m = -b
                }
                put(out, rowStride, x, y, base.0 + m, base.1 + m, base.2 + m)
            }
        }
    }

    /// The T and H modes: each texel is the paint colour its index names (index 2 transparent when not opaque).
    static func decodePaint(_ w: UInt64, _ paint: ((Int, Int, Int), (Int, Int, Int), (Int, Int, Int), (Int, Int, Int)), opaque: Bool, _ out: UnsafeMutablePointer<UInt8>, _ rowStride: Int) {
        for y in 0..<4 {
            for x in 0..<4 {
                let c: (Int, Int, Int)
                switch colourIndex(w, x, y) {
                case 0: c = paint.0
                case 1: c = paint.1
                case 2:
                    if !opaque {
                        put(out, rowStride, x, y, 0, 0, 0, transparent: true)
                        continue
                    }
                    c = paint.2
                default: c = paint.3
                }
                put(out, rowStride, x, y, c.0, c.1, c.2)
            }
        }
    }

    /// The EAC modifier of texel (x, y): its 3-bit index (bits 47 − 3i … 45 − 3i) in the block's table.
    @inline(__always) static func eacModifier(_ w: UInt64, _ x: Int, _ y: Int) -> Int {
        eacModifiers[bits(w, 51, 4) * 8 + bits(w, 47 - 3 * (x * 4 + y), 3)]
    }

    /// Decodes an EAC alpha block (of RGBA8 ETC2 EAC) into the alpha bytes of 4×4 texels at `out`.
    static func decodeAlpha(_ w: UInt64, _ out: UnsafeMutablePointer<UInt8>, rowStride: Int, texelStride: Int) {
        let base = bits(w, 63, 8), multiplier = bits(w, 55, 4)
        for y in 0..<4 {
            for x in 0..<4 {
                out[y * rowStride + x * texelStride] = clamp255(base + eacModifier(w, x, y) * multiplier)
            }
        }
    }

    /// The 11-bit EAC value of texel (x, y): 0…2047 unsigned, −1023…1023 signed.
    static func eac11(_ w: UInt64, signed: Bool, _ x: Int, _ y: Int) -> Int {
        let multiplier = bits(w, 55, 4)
        let m = eacModifier(w, x, y)
        let step = multiplier == 0 ? m : m * multiplier * 8
        if signed {
            let base = max(Int(Int8(truncatingIfNeeded: bits(w, 63, 8))), -127)
            return min(max(base * 8 + step, -1023), 1023)
        }
        return min(max(bits(w, 63, 8) * 8 + 4 + step, 0), 2047)
    }

    /// Decodes an R11 EAC block into one channel of 4×4 texels of `target` at `out`.
    static func decodeEAC11(_ w: UInt64, signed: Bool, _ target: Target, _ out: UnsafeMutableRawPointer, rowStride: Int, texelStride: Int) {
        for y in 0..<4 {
            for x in 0..<4 {
                let v = eac11(w, signed: signed, x, y)
                let p = out + y * rowStride + x * texelStride
                switch target {
                case .unorm16:
                    p.storeBytes(of: UInt16(truncatingIfNeeded: v << 5 | v >> 6), as: UInt16.self)
                case .snorm16:
                    let m = abs(v), wide = m << 5 | m >> 5
                    p.storeBytes(of: Int16(truncatingIfNeeded: v < 0 ? -wide : wide), as: Int16.self)
                case .float16:
                    p.storeBytes(of: Float16(Float(v) / (signed ? 1023 : 2047)).bitPattern, as: UInt16.self)
                case .float32:
                    p.storeBytes(of: Float(v) / (signed ? 1023 : 2047), as: Float.self)
                case .rgba8:
                    break
                }
            }
        }
    }
}
