import CVirglShims
import VirglTransport
import XCTest

/// The virtio-gpu ioctl arguments as the kernel lays them out, and the transport's refusal where there is no
/// device. (The transport itself runs in a real guest: scripts/test-virtio-guest.sh.)
final class VirtioGPULayoutTests: XCTestCase {
    func testSharedFieldsMatchDebiansHeader() {
        var first = [CChar](repeating: 0, count: 128)
        let mismatches = cvirtgpu_check_against_libdrm(&first, first.count)
        XCTAssertEqual(mismatches, 0, "first mismatch: \(String(cString: first))")
    }

    /// Linux 6.1 include/uapi/drm/virtgpu_drm.h: the fields Debian's libdrm copy lacks.
    func testNewerKernelFields() {
        XCTAssertEqual(MemoryLayout<cvirtgpu_execbuffer>.size, 40)
        XCTAssertEqual(MemoryLayout<cvirtgpu_execbuffer>.offset(of: \.ring_idx), 32)
        XCTAssertEqual(MemoryLayout<cvirtgpu_transfer>.size, 44)
        XCTAssertEqual(MemoryLayout<cvirtgpu_transfer>.offset(of: \.offset), 32)
        XCTAssertEqual(MemoryLayout<cvirtgpu_transfer>.offset(of: \.stride), 36)
        XCTAssertEqual(MemoryLayout<cvirtgpu_transfer>.offset(of: \.layer_stride), 40)
        XCTAssertEqual(MemoryLayout<cvirtgpu_resource_create_blob>.size, 48)
        XCTAssertEqual(MemoryLayout<cvirtgpu_resource_create_blob>.offset(of: \.size), 16)
        XCTAssertEqual(MemoryLayout<cvirtgpu_resource_create_blob>.offset(of: \.cmd), 32)
        XCTAssertEqual(MemoryLayout<cvirtgpu_resource_create_blob>.offset(of: \.blob_id), 40)
        XCTAssertEqual(MemoryLayout<cvirtgpu_context_init>.size, 16)
        XCTAssertEqual(MemoryLayout<cvirtgpu_context_set_param>.size, 16)
    }

    /// The request numbers: direction read|write (3 << 30), size << 16, type 'd', DRM_COMMAND_BASE 0x40 + nr.
    func testRequestNumbers() {
        func iowr(_ nr: UInt, _ size: Int) -> UInt { 3 << 30 | UInt(size) << 16 | UInt(UInt8(ascii: "d")) << 8 | (0x40 + nr) }
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_EXECBUFFER), iowr(0x02, 40))
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_TRANSFER_FROM_HOST), iowr(0x06, 44))
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_TRANSFER_TO_HOST), iowr(0x07, 44))
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_RESOURCE_CREATE_BLOB), iowr(0x0a, 48))
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_CONTEXT_INIT), iowr(0x0b, 16))
        XCTAssertEqual(cvirtgpu_request(CVIRTGPU_OP_GETPARAM), iowr(0x03, 16))
    }

    func testNoDeviceIsAClearRefusal() throws {
        // This container has no /dev/dri; where it has one that is not virtio-gpu, the answer is the same.
        let hasVirtio = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri"))?.contains { $0.hasPrefix("renderD") } ?? false
        if !hasVirtio {
            XCTAssertThrowsError(try VirtioGPUTransport()) { error in
                XCTAssertEqual("\(error)", "no virtio-gpu render node (/dev/dri/renderD* with driver virtio_gpu)")
            }
        }
        XCTAssertThrowsError(try VirtioGPUTransport(devicePath: "/nonexistent/renderD128")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open /nonexistent/renderD128"), "\(error)")
        }
    }
}
