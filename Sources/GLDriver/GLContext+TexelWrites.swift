import VirglProtocol
import VirglTransport

/// Texel uploads the host takes only a layer at a time. virglrenderer 0.10.4 converts Z24X8 depth texels through
/// a temporary on a core-profile host, and refuses such a transfer of a 1D array texture that spans more than one
/// layer (EINVAL, which loses the context): those go one layer per transfer.
extension VirglTransport {
    /// `write`, split into one transfer per layer where the host needs it (see above).
    func writeTexels(_ r: VirglResource, level: UInt32, box: VirglBox, data: UnsafeRawBufferPointer, stride: Int, layerStride: Int) throws {
        let oneLayerAtATime = r.info.target == VirglTextureTarget.texture1DArray.rawValue && r.info.format == VirglFormat.z24x8Unorm.rawValue
        guard oneLayerAtATime, box.depth > 1 else {
            return try write(r, level: level, box: box, data: data, stride: stride, layerStride: layerStride)
        }
        for k in 0..<Int(box.depth) {
            var layer = box
            layer.z = box.z + UInt32(k)
            layer.depth = 1
            let start = k * layerStride
            guard start < data.count else { break }
            let slice = UnsafeRawBufferPointer(rebasing: data[start..<min(data.count, start + layerStride)])
            try write(r, level: level, box: layer, data: slice, stride: stride, layerStride: layerStride)
        }
    }
}
