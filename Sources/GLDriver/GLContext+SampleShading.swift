import GLCore
import VirglProtocol

/// Sample shading (GL 4.0, ARB_sample_shading): with GL_SAMPLE_SHADING on a multisample framebuffer, at least
/// glMinSampleShading × samples samples are shaded separately. The host takes a sample count (SET_MIN_SAMPLES)
/// and divides it by its framebuffer's samples again.
extension GLContext {
    func emitMinSamples() {
        let samples = drawFramebuffer?.attachments.first?.samples ?? 0
        var n: UInt32 = 1
        if state.rasterizer.sampleShading, state.rasterizer.multisample, samples > 1 {
            n = UInt32(max(1, min(samples, Int((state.minSampleShading * Float(samples)).rounded(.up)))))
        }
        if emitted.minSamples != n {
            commands.encodeSetMinSamples(minSamples: n)
            emitted.minSamples = n
        }
    }
}

extension GLDispatch {
    func installSampleShading() {
        glMinSampleShading = { c, value in
            c.state.minSampleShading = value.isNaN ? 0 : min(max(value, 0), 1)
            c.state.dirty.insert(.rasterizer)
        }
    }
}
