import GLCore

/// Client colour data (any non-integer format of unpacked components) into GL_R11F_G11F_B10F texels: each
/// component converted to the unsigned 11- or 10-bit float of GL 4.6 §2.3.4.3/4 (5-bit exponent, no sign;
/// negatives become 0, values past the largest finite one that largest value, NaN stays NaN).
extension GLContext {
    /// An unsigned float with `mantissaBits` of mantissa and a 5-bit exponent, from `f`.
    static func unsignedSmallFloat(_ f: Float, mantissaBits: Int) -> UInt32 {
        let maxFinite: UInt32 = (30 << UInt32(mantissaBits)) | ((1 << UInt32(mantissaBits)) - 1)
        if f.isNaN { return (31 << UInt32(mantissaBits)) | 1 }
        if f == .infinity { return 31 << UInt32(mantissaBits) }
        guard f > 0 else { return 0 }
        let bits = f.bitPattern
        let exponent = Int((bits >> 23) & 0xFF) - 127 + 15
        let mantissa = bits & 0x7F_FFFF
        if exponent >= 31 { return maxFinite }
        if exponent <= 0 {
            // Denormal: the implicit one shifted in.
            let shift = 1 - exponent + (23 - mantissaBits)
            return shift >= 32 ? 0 : (mantissa | 0x80_0000) >> UInt32(shift)
        }
        return (UInt32(exponent) << UInt32(mantissaBits)) | (mantissa >> UInt32(23 - mantissaBits))
    }

    /// `w`×`h`×`d` client pixels of `format`/`type` as R11F_G11F_B10F texels (nil: a format or type this does not take).
    func unpackR11G11B10(_ w: Int, _ h: Int, _ d: Int, _ format: GLenum, _ type: GLenum, _ pixels: UnsafeRawPointer?) -> [UInt8]? {
        guard !GLPixelConversion.isIntegerFormat(format), let channels = GLPixelConversion.components(format),
              let size = GLPixelConversion.componentSize(type), [GL_FLOAT, GL_HALF_FLOAT, GL_UNSIGNED_BYTE, GL_BYTE, GL_UNSIGNED_SHORT, GL_SHORT].contains(type)
        else { return nil }
        var out = [UInt8](repeating: 0, count: w * h * d * 4)
        guard let pixels else { return out }
        let pixelBytes = channels.count * size
        let (rowBytes, imageRows, skip) = unpackLayout(w, h, pixelBytes: pixelBytes)
        out.withUnsafeMutableBytes { o in
            for z in 0..<d {
                for y in 0..<h {
                    let row = pixels + skip + (z * imageRows + y) * rowBytes
                    for x in 0..<w {
                        var rgb: [Float] = [0, 0, 0]
                        for (k, channel) in channels.enumerated() where channel < 3 {
                            rgb[channel] = Float(GLPixelConversion.load(row + x * pixelBytes + k * size, type, normalized: type != GL_FLOAT && type != GL_HALF_FLOAT))
                        }
                        let texel = GLContext.unsignedSmallFloat(rgb[0], mantissaBits: 6) | GLContext.unsignedSmallFloat(rgb[1], mantissaBits: 6) << 11
                            | GLContext.unsignedSmallFloat(rgb[2], mantissaBits: 5) << 22
                        o.storeBytes(of: texel, toByteOffset: ((z * h + y) * w + x) * 4, as: UInt32.self)
                    }
                }
            }
        }
        return out
    }
}
