/// What a host's caps let the driver expose.
extension VirglCapsV2 {
    /// The OpenGL version the host can carry: from its GLSL level (GL 3.3+ pairs GLSL x.y0 with GL x.y), at most
    /// 4.6.
    public var hostGLVersion: (major: Int, minor: Int) {
        let level = Int(glslLevel)
        switch level {
        case 460...: return (4, 6)
        case 330...: return (level / 100, (level % 100) / 10)
        case 150: return (3, 2)
        case 140: return (3, 1)
        case 130: return (3, 0)
        default: return (2, 1)
        }
    }

    public func has(_ cap: VirglCap) -> Bool { VirglCap(rawValue: capabilityBits).contains(cap) }
    public func has(_ cap: VirglCapV2) -> Bool { VirglCapV2(rawValue: capabilityBitsV2).contains(cap) }
}
