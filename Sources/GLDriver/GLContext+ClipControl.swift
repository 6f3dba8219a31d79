import GLCore
import VirglProtocol

/// glClipControl (GL 4.5, GL_ARB_clip_control): the clip-space origin (GL_UPPER_LEFT turns y over: a negative
/// viewport y scale, and the winding flips) and depth range (GL_ZERO_TO_ONE: the rasterizer's clip_halfz, and a
/// viewport that maps z 0…1 onto the depth range). Listed where the host has VIRGL_CAP_CLIP_HALFZ.
extension GLContext {
    func clipControl(_ origin: GLenum, _ depth: GLenum) {
        guard check(origin, in: [GL_LOWER_LEFT, GL_UPPER_LEFT], .glClipControl, "origin"),
            check(depth, in: [GL_NEGATIVE_ONE_TO_ONE, GL_ZERO_TO_ONE], .glClipControl, "depth")
        else { return }
        guard state.rasterizer.clipOrigin != origin || state.rasterizer.clipDepthMode != depth else { return }
        state.rasterizer.clipOrigin = origin
        state.rasterizer.clipDepthMode = depth
        state.dirty.formUnion([.rasterizer, .viewport])
    }

    /// GL_ARB_clip_control where the host clips z to [0, w] (VIRGL_CAP_CLIP_HALFZ).
    var clipControlExtensions: [String] { hostClipHalfz ? ["GL_ARB_clip_control"] : [] }
}

extension GLDispatch {
    func installClipControl() {
        glClipControl = { $0.clipControl($1, $2) }
    }
}
