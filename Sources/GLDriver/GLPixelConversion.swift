import GLCore
import VirglProtocol

/// Conversion between client pixel data (a format/type pair of glTexImage*/glReadPixels) and the host's texels,
/// through one RGBA value per pixel: floats for normalized and float formats, integers for integer formats
/// (GL 4.6 §8.4.4 and §18.2.8, without the fixed-function pixel transfer operations).
enum GLPixelConversion {
    /// Components of a client format, in memory order, as indices into RGBA (nil: not a colour format here).
    static func components(_ format: GLenum) -> [Int]? {
        switch format {
        case GL_RGBA, GL_RGBA_INTEGER: return [0, 1, 2, 3]
        case GL_BGRA, GL_BGRA_INTEGER: return [2, 1, 0, 3]
        case GL_RGB, GL_RGB_INTEGER: return [0, 1, 2]
        case GL_BGR, GL_BGR_INTEGER: return [2, 1, 0]
        case GL_RG, GL_RG_INTEGER: return [0, 1]
        case GL_RED, GL_RED_INTEGER: return [0]
        case GL_GREEN, GL_GREEN_INTEGER: return [1]
        case GL_BLUE, GL_BLUE_INTEGER: return [2]
        case GL_ALPHA: return [3]
        // Compatibility luminance data: L is stored as red (a luminance texel reads it back as L).
        case GL_LUMINANCE: return [0]
        case GL_LUMINANCE_ALPHA: return [0, 3]
        // GL_EXT_texture_integer's client formats.
        case GL_ALPHA_INTEGER: return [3]
        case GL_LUMINANCE_INTEGER_EXT: return [0]
        case GL_LUMINANCE_ALPHA_INTEGER_EXT: return [0, 3]
        default: return nil
        }
    }

    static func isIntegerFormat(_ format: GLenum) -> Bool {
        [GL_RGBA_INTEGER, GL_BGRA_INTEGER, GL_RGB_INTEGER, GL_BGR_INTEGER, GL_RG_INTEGER, GL_RED_INTEGER,
         GL_GREEN_INTEGER, GL_BLUE_INTEGER, GL_ALPHA_INTEGER, GL_LUMINANCE_INTEGER_EXT, GL_LUMINANCE_ALPHA_INTEGER_EXT].contains(format)
    }

    /// Bytes of one component of `type` (packed types are not converted here).
    static func componentSize(_ type: GLenum) -> Int? {
        switch type {
        case GL_UNSIGNED_BYTE, GL_BYTE: return 1
        case GL_UNSIGNED_SHORT, GL_SHORT, GL_HALF_FLOAT: return 2
        case GL_UNSIGNED_INT, GL_INT, GL_FLOAT: return 4
        default: return nil
        }
    }

    /// Bytes per pixel of client `format`/`type`, or nil when this converter does not take them.
    static func clientPixelSize(_ format: GLenum, _ type: GLenum) -> Int? {
        guard let c = components(format) else { return nil }
        // Packed types go with normalized and integer formats alike (GL 4.6 §8.4.4.2, table 8.5: an integer format's
        // fields are its values).
        if let fields = packedFields(type) { return fields.count == c.count ? (isWide(fields) ? 4 : 2) : nil }
        guard let s = componentSize(type) else { return nil }
        return c.count * s
    }

    /// The fields of a packed 16-bit type (GL 4.6 table 8.8), in the order of the format's components: each
    /// field's lowest bit and width. Nil for other types.
    static func packedFields(_ type: GLenum) -> [(shift: Int, bits: Int)]? {
        switch type {
        case GL_UNSIGNED_SHORT_5_6_5: return [(11, 5), (5, 6), (0, 5)]
        case GL_UNSIGNED_SHORT_5_6_5_REV: return [(0, 5), (5, 6), (11, 5)]
        case GL_UNSIGNED_SHORT_4_4_4_4: return [(12, 4), (8, 4), (4, 4), (0, 4)]
        case GL_UNSIGNED_SHORT_4_4_4_4_REV: return [(0, 4), (4, 4), (8, 4), (12, 4)]
        case GL_UNSIGNED_SHORT_5_5_5_1: return [(11, 5), (6, 5), (1, 5), (0, 1)]
        case GL_UNSIGNED_SHORT_1_5_5_5_REV: return [(0, 5), (5, 5), (10, 5), (15, 1)]
        // 32-bit words (a field reaching past bit 16 marks them).
        case GL_UNSIGNED_INT_8_8_8_8: return [(24, 8), (16, 8), (8, 8), (0, 8)]
        case GL_UNSIGNED_INT_8_8_8_8_REV: return [(0, 8), (8, 8), (16, 8), (24, 8)]
        case GL_UNSIGNED_INT_10_10_10_2: return [(22, 10), (12, 10), (2, 10), (0, 2)]
        default: return nil
        }
    }

    /// Whether packed fields fill a 32-bit word (a 16-bit one otherwise).
    static func isWide(_ fields: [(shift: Int, bits: Int)]) -> Bool { fields.contains { $0.shift + $0.bits > 16 } }

    /// The components of one packed client pixel as normalized values (the fields themselves for an integer
    /// format), in the format's order.
    static func loadPacked(_ p: UnsafeRawPointer, _ fields: [(shift: Int, bits: Int)], normalized: Bool = true) -> [Double] {
        let word = isWide(fields) ? Int(p.loadUnaligned(as: UInt32.self)) : Int(p.loadUnaligned(as: UInt16.self))
        return fields.map { Double((word >> $0.shift) & ((1 << $0.bits) - 1)) / (normalized ? Double((1 << $0.bits) - 1) : 1) }
    }

    /// Packs normalized `values` (in the format's order; integers for an integer format, clamped to each field)
    /// into one client pixel.
    static func storePacked(_ values: [Double], _ p: UnsafeMutableRawPointer, _ fields: [(shift: Int, bits: Int)], normalized: Bool = true) {
        var word = 0
        for (v, f) in zip(values, fields) {
            let max = Double((1 << f.bits) - 1)
            word |= Int(normalized ? (Swift.min(Swift.max(v, 0), 1) * max).rounded() : Swift.min(Swift.max(v.rounded(), 0), max)) << f.shift
        }
        if isWide(fields) { p.storeBytes(of: UInt32(truncatingIfNeeded: word), as: UInt32.self) } else { p.storeBytes(of: UInt16(truncatingIfNeeded: word), as: UInt16.self) }
    }

    /// The texel layout of a host colour format: the RGBA component each texel component holds, in memory
    /// order; their type; whether they are normalized; and whether the format has no alpha (X: reads as 1).
    struct TexelLayout {
        var channels: [Int]
        var type: GLenum
        var normalized: Bool
        var opaque = false
        /// A packed 32-bit texel: each channel's lowest bit and width (`type` is then GL_UNSIGNED_INT).
        var packed: [(shift: Int, bits: Int)]? = nil

        /// Bytes of one texel.
        var texelBytes: Int { packed != nil ? 4 : channels.count * (componentSize(type) ?? 0) }
    }

    /// Channel `k` of a packed texel word: normalized to [0, 1], or the integer.
    static func loadPackedChannel(_ word: UInt32, _ field: (shift: Int, bits: Int), normalized: Bool) -> Double {
        let v = Double((word >> UInt32(field.shift)) & (UInt32(1) << UInt32(field.bits) - 1))
        return normalized ? v / Double((1 << field.bits) - 1) : v
    }

    /// `v` as a packed texel field (clamped; normalized values rounded), shifted into place.
    static func packedChannel(_ v: Double, _ field: (shift: Int, bits: Int), normalized: Bool) -> UInt32 {
        let max = Double((1 << field.bits) - 1)
        let x = normalized ? (Swift.min(Swift.max(v, 0), 1) * max).rounded() : Swift.min(Swift.max(v.rounded(.towardZero), 0), max)
        return UInt32(x) << UInt32(field.shift)
    }

    static func texelLayout(_ format: VirglFormat) -> TexelLayout? {
        let rgba = [0, 1, 2, 3], rgb = [0, 1, 2], rg = [0, 1], r = [0]
        switch format {
        case .r8g8b8a8Unorm, .r8g8b8a8SRGB: return TexelLayout(channels: rgba, type: GL_UNSIGNED_BYTE, normalized: true)
        case .r8g8b8x8Unorm: return TexelLayout(channels: rgba, type: GL_UNSIGNED_BYTE, normalized: true, opaque: true)
        case .r8g8Unorm: return TexelLayout(channels: rg, type: GL_UNSIGNED_BYTE, normalized: true)
        case .r8Unorm: return TexelLayout(channels: r, type: GL_UNSIGNED_BYTE, normalized: true)
        case .r8g8b8a8Snorm: return TexelLayout(channels: rgba, type: GL_BYTE, normalized: true)
        case .r8g8Snorm: return TexelLayout(channels: rg, type: GL_BYTE, normalized: true)
        case .r8Snorm: return TexelLayout(channels: r, type: GL_BYTE, normalized: true)
        case .r16g16b16a16Unorm: return TexelLayout(channels: rgba, type: GL_UNSIGNED_SHORT, normalized: true)
        case .r16g16b16x16Unorm: return TexelLayout(channels: rgba, type: GL_UNSIGNED_SHORT, normalized: true, opaque: true)
        case .r16g16b16x16Snorm: return TexelLayout(channels: rgba, type: GL_SHORT, normalized: true, opaque: true)
        case .r8g8b8x8Snorm: return TexelLayout(channels: rgba, type: GL_BYTE, normalized: true, opaque: true)
        case .r16g16b16x16Float: return TexelLayout(channels: rgba, type: GL_HALF_FLOAT, normalized: false, opaque: true)
        case .r8g8b8x8Uint: return TexelLayout(channels: rgba, type: GL_UNSIGNED_BYTE, normalized: false, opaque: true)
        case .r8g8b8x8Sint: return TexelLayout(channels: rgba, type: GL_BYTE, normalized: false, opaque: true)
        case .r16g16b16x16Uint: return TexelLayout(channels: rgba, type: GL_UNSIGNED_SHORT, normalized: false, opaque: true)
        case .r16g16b16x16Sint: return TexelLayout(channels: rgba, type: GL_SHORT, normalized: false, opaque: true)
        case .r16g16Unorm: return TexelLayout(channels: rg, type: GL_UNSIGNED_SHORT, normalized: true)
        case .r16Unorm: return TexelLayout(channels: r, type: GL_UNSIGNED_SHORT, normalized: true)
        case .r16g16b16a16Snorm: return TexelLayout(channels: rgba, type: GL_SHORT, normalized: true)
        case .r16g16Snorm: return TexelLayout(channels: rg, type: GL_SHORT, normalized: true)
        case .r16Snorm: return TexelLayout(channels: r, type: GL_SHORT, normalized: true)
        case .a8Unorm: return TexelLayout(channels: [3], type: GL_UNSIGNED_BYTE, normalized: true)
        case .l8Unorm: return TexelLayout(channels: r, type: GL_UNSIGNED_BYTE, normalized: true)
        case .r8g8b8a8Uint: return TexelLayout(channels: rgba, type: GL_UNSIGNED_BYTE, normalized: false)
        case .r8g8Uint: return TexelLayout(channels: rg, type: GL_UNSIGNED_BYTE, normalized: false)
        case .r8Uint: return TexelLayout(channels: r, type: GL_UNSIGNED_BYTE, normalized: false)
        case .r8g8b8a8Sint: return TexelLayout(channels: rgba, type: GL_BYTE, normalized: false)
        case .r8g8Sint: return TexelLayout(channels: rg, type: GL_BYTE, normalized: false)
        case .r8Sint: return TexelLayout(channels: r, type: GL_BYTE, normalized: false)
        case .r16g16b16a16Uint: return TexelLayout(channels: rgba, type: GL_UNSIGNED_SHORT, normalized: false)
        case .r16g16Uint: return TexelLayout(channels: rg, type: GL_UNSIGNED_SHORT, normalized: false)
        case .r16Uint: return TexelLayout(channels: r, type: GL_UNSIGNED_SHORT, normalized: false)
        case .r16g16b16a16Sint: return TexelLayout(channels: rgba, type: GL_SHORT, normalized: false)
        case .r16g16Sint: return TexelLayout(channels: rg, type: GL_SHORT, normalized: false)
        case .r16Sint: return TexelLayout(channels: r, type: GL_SHORT, normalized: false)
        case .r32g32b32a32Uint: return TexelLayout(channels: rgba, type: GL_UNSIGNED_INT, normalized: false)
        case .r32g32b32Uint: return TexelLayout(channels: rgb, type: GL_UNSIGNED_INT, normalized: false)
        case .r32g32Uint: return TexelLayout(channels: rg, type: GL_UNSIGNED_INT, normalized: false)
        case .r32Uint: return TexelLayout(channels: r, type: GL_UNSIGNED_INT, normalized: false)
        case .r32g32b32a32Sint: return TexelLayout(channels: rgba, type: GL_INT, normalized: false)
        case .r32g32b32Sint: return TexelLayout(channels: rgb, type: GL_INT, normalized: false)
        case .r32g32Sint: return TexelLayout(channels: rg, type: GL_INT, normalized: false)
        case .r32Sint: return TexelLayout(channels: r, type: GL_INT, normalized: false)
        case .r32g32b32a32Float: return TexelLayout(channels: rgba, type: GL_FLOAT, normalized: false)
        case .r32g32b32Float: return TexelLayout(channels: rgb, type: GL_FLOAT, normalized: false)
        case .r32g32Float: return TexelLayout(channels: rg, type: GL_FLOAT, normalized: false)
        case .r32Float: return TexelLayout(channels: r, type: GL_FLOAT, normalized: false)
        case .r16g16b16a16Float: return TexelLayout(channels: rgba, type: GL_HALF_FLOAT, normalized: false)
        case .r16g16Float: return TexelLayout(channels: rg, type: GL_HALF_FLOAT, normalized: false)
        case .r16Float: return TexelLayout(channels: r, type: GL_HALF_FLOAT, normalized: false)
        case .r10g10b10a2Unorm, .r10g10b10a2Uint:
            return TexelLayout(channels: rgba, type: GL_UNSIGNED_INT, normalized: format == .r10g10b10a2Unorm, packed: [(0, 10), (10, 10), (20, 10), (30, 2)])
        case .r8g8b8x8SRGB: return TexelLayout(channels: rgba, type: GL_UNSIGNED_BYTE, normalized: true, opaque: true)
        default: return nil
        }
    }

    /// Reads component `i` of type `type` at `p` as a float (normalized types map to [0,1] or [-1,1]) or, for
    /// integer data, its integer value as a Double.
    static func load(_ p: UnsafeRawPointer, _ type: GLenum, normalized: Bool) -> Double {
        switch type {
        case GL_UNSIGNED_BYTE: let v = Double(p.load(as: UInt8.self)); return normalized ? v / 255 : v
        case GL_BYTE: let v = Double(p.load(as: Int8.self)); return normalized ? max(v / 127, -1) : v
        case GL_UNSIGNED_SHORT: let v = Double(p.loadUnaligned(as: UInt16.self)); return normalized ? v / 65535 : v
        case GL_SHORT: let v = Double(p.loadUnaligned(as: Int16.self)); return normalized ? max(v / 32767, -1) : v
        case GL_UNSIGNED_INT: let v = Double(p.loadUnaligned(as: UInt32.self)); return normalized ? v / 4294967295 : v
        case GL_INT: let v = Double(p.loadUnaligned(as: Int32.self)); return normalized ? max(v / 2147483647, -1) : v
        case GL_FLOAT: return Double(p.loadUnaligned(as: Float.self))
        case GL_HALF_FLOAT: return Double(Float(halfBits: p.loadUnaligned(as: UInt16.self)))
        default: return 0
        }
    }

    /// Writes `v` as one component of `type` at `p`: normalized types are clamped and rounded, integer data
    /// is clamped to the type's range.
    static func store(_ v: Double, _ p: UnsafeMutableRawPointer, _ type: GLenum, normalized: Bool) {
        func norm(_ max: Double, _ min: Double) -> Double {
            normalized ? (Swift.min(Swift.max(v, min < 0 ? -1 : 0), 1) * max).rounded() : Swift.min(Swift.max(v.rounded(.towardZero), min), max)
        }
        switch type {
        case GL_UNSIGNED_BYTE: p.storeBytes(of: UInt8(norm(255, 0)), as: UInt8.self)
        case GL_BYTE: p.storeBytes(of: Int8(norm(127, -128)), as: Int8.self)
        case GL_UNSIGNED_SHORT: p.storeBytes(of: UInt16(norm(65535, 0)), as: UInt16.self)
        case GL_SHORT: p.storeBytes(of: Int16(norm(32767, -32768)), as: Int16.self)
        case GL_UNSIGNED_INT: p.storeBytes(of: UInt32(norm(4294967295, 0)), as: UInt32.self)
        case GL_INT: p.storeBytes(of: Int32(norm(2147483647, -2147483648)), as: Int32.self)
        case GL_FLOAT: p.storeBytes(of: Float(v), as: Float.self)
        case GL_HALF_FLOAT: p.storeBytes(of: Float(v).halfBits, as: UInt16.self)
        default: break
        }
    }

    /// Converts `count` pixels of client data into host texels of `format`. False when either side is not
    /// one this converter takes.
    static func clientToTexels(_ src: UnsafeRawPointer, _ clientFormat: GLenum, _ clientType: GLenum, _ dst: UnsafeMutableRawPointer, _ format: VirglFormat, count: Int) -> Bool {
        let packed = packedFields(clientType)
        guard let comps = components(clientFormat), let pixelBytes = clientPixelSize(clientFormat, clientType), let layout = texelLayout(format),
            let ts = componentSize(layout.type) else { return false }
        let cs = packed == nil ? pixelBytes / comps.count : 0
        let clientNormalized = !isIntegerFormat(clientFormat)
        let texelBytes = layout.texelBytes
        for i in 0..<count {
            var rgba: [Double] = [0, 0, 0, 1]
            if let packed {
                for (k, v) in loadPacked(src + i * pixelBytes, packed, normalized: clientNormalized).enumerated() { rgba[comps[k]] = v }
            }
            for (k, c) in comps.enumerated() where packed == nil {
                rgba[c] = load(src + i * comps.count * cs + k * cs, clientType, normalized: clientNormalized && clientType != GL_FLOAT && clientType != GL_HALF_FLOAT)
            }
            if layout.opaque { rgba[3] = 1 }
            if let fields = layout.packed {
                var word: UInt32 = 0
                for (k, c) in layout.channels.enumerated() { word |= packedChannel(rgba[c], fields[k], normalized: layout.normalized) }
                (dst + i * texelBytes).storeBytes(of: word, as: UInt32.self)
                continue
            }
            for (k, c) in layout.channels.enumerated() {
                store(rgba[c], dst + i * texelBytes + k * ts, layout.type, normalized: layout.normalized)
            }
        }
        return true
    }

    /// texelsToClient's common case (8-bit unorm texels to GL_FLOAT or GL_UNSIGNED_BYTE components) without
    /// per-texel allocations: every probe of a test reads pixels this way.
    private static func unormBytesToClient(_ src: UnsafePointer<UInt8>, _ layout: TexelLayout, _ dst: UnsafeMutableRawPointer, _ comps: [Int], toFloat: Bool, count: Int) {
        let n = layout.channels.count, m = comps.count
        comps.withUnsafeBufferPointer { comps in
            var i = 0
            while i < count {
                var k = 0
                while k < m {
                    let c = comps[k]
                    var v: UInt8 = c == 3 ? 255 : 0
                    if c < n, !(layout.opaque && c == 3) { v = src[i * n + c] }
                    if toFloat {
                        dst.storeBytes(of: Float(v) / 255, toByteOffset: (i * m + k) * 4, as: Float.self)
                    } else {
                        dst.storeBytes(of: v, toByteOffset: i * m + k, as: UInt8.self)
                    }
                    k += 1
                }
                i += 1
            }
        }
    }

    /// Converts `count` host texels of `format` into client data. False when either side is not one this
    /// converter takes. `summingLuminance`: glReadPixels' rule for GL_LUMINANCE(_ALPHA), L = R + G + B (GL 4.6
    /// compatibility §18.2.8); glGetTexImage takes L = R.
    static func texelsToClient(
        _ src: UnsafeRawPointer, _ format: VirglFormat, _ dst: UnsafeMutableRawPointer, _ clientFormat: GLenum, _ clientType: GLenum,
        count: Int, summingLuminance: Bool = false
    ) -> Bool {
        let packed = packedFields(clientType)
        guard let comps = components(clientFormat), let pixelBytes = clientPixelSize(clientFormat, clientType), let layout = texelLayout(format),
            let ts = componentSize(layout.type) else { return false }
        let cs = packed == nil ? pixelBytes / comps.count : 0
        let texelBytes = layout.texelBytes
        let clientNormalized = !isIntegerFormat(clientFormat) && clientType != GL_FLOAT && clientType != GL_HALF_FLOAT
        if packed == nil, layout.packed == nil, layout.type == GL_UNSIGNED_BYTE, layout.normalized, !isIntegerFormat(clientFormat),
           clientType == GL_FLOAT || clientType == GL_UNSIGNED_BYTE, layout.channels == Array(0..<layout.channels.count),
           !(summingLuminance && (clientFormat == GL_LUMINANCE || clientFormat == GL_LUMINANCE_ALPHA)) {
            unormBytesToClient(src.assumingMemoryBound(to: UInt8.self), layout, dst, comps, toFloat: clientType == GL_FLOAT, count: count)
            return true
        }
        for i in 0..<count {
            var rgba: [Double] = [0, 0, 0, 1]
            let word = layout.packed != nil ? (src + i * texelBytes).loadUnaligned(as: UInt32.self) : 0
            for (k, c) in layout.channels.enumerated() where !(layout.opaque && c == 3) {
                if let fields = layout.packed {
                    rgba[c] = loadPackedChannel(word, fields[k], normalized: layout.normalized)
                } else {
                    rgba[c] = load(src + i * texelBytes + k * ts, layout.type, normalized: layout.normalized)
                }
            }
            if summingLuminance, clientFormat == GL_LUMINANCE || clientFormat == GL_LUMINANCE_ALPHA {
                rgba[0] += rgba[1] + rgba[2]
                if clientNormalized { rgba[0] = Swift.min(rgba[0], 1) }
            }
            if let packed {
                storePacked(comps.map { rgba[$0] }, dst + i * pixelBytes, packed, normalized: clientNormalized)
                continue
            }
            for (k, c) in comps.enumerated() {
                store(rgba[c], dst + i * comps.count * cs + k * cs, clientType, normalized: clientNormalized)
            }
        }
        return true
    }
}

extension Float {
    /// An IEEE half-precision value's bits as a Float.
    init(halfBits h: UInt16) {
        let sign = UInt32(h >> 15) << 31, exp = Int((h >> 10) & 0x1F), mant = UInt32(h & 0x3FF)
        if exp == 0 {
            self = (sign != 0 ? -1 : 1) * Float(mant) * Float(sign: .plus, exponent: -24, significand: 1)
        } else if exp == 31 {
            self = Float(bitPattern: sign | 0x7F80_0000 | mant << 13)
        } else {
            self = Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | mant << 13)
        }
    }

    /// This value rounded to IEEE half precision (to nearest even), as bits.
    var halfBits: UInt16 {
        let bits = bitPattern, sign = UInt16((bits >> 16) & 0x8000)
        let exp = Int((bits >> 23) & 0xFF) - 127 + 15
        var mant = bits & 0x7F_FFFF
        if isNaN { return sign | 0x7E00 }
        if exp >= 31 { return sign | 0x7C00 }
        if exp <= 0 {
            if exp < -10 { return sign }
            mant |= 0x80_0000
            let shift = UInt32(14 - exp)
            var half = mant >> shift
            let rem = mant & ((1 << shift) - 1), halfway = UInt32(1) << (shift - 1)
            if rem > halfway || (rem == halfway && half & 1 == 1) { half += 1 }
            return sign | UInt16(half)
        }
        var half = UInt32(exp) << 10 | mant >> 13
        let rem = mant & 0x1FFF
        if rem > 0x1000 || (rem == 0x1000 && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }
}
