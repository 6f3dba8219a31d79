import CLibPNG
import Foundation

/// An RGBA8 image, rows top to bottom (as a PNG stores them; GL reads bottom to top).
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "RGBAImage: \(pixels.count) bytes for \(width)×\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image from `glReadPixels` rows (bottom to top).
    public init(glRows: [UInt8], width: Int, height: Int) {
        var flipped = [UInt8](repeating: 0, count: glRows.count)
        let row = width * 4
        for y in 0..<height {
            flipped[(height - 1 - y) * row..<(height - y) * row] = glRows[y * row..<(y + 1) * row]
        }
        self.init(width: width, height: height, pixels: flipped)
    }

    public func pixel(x: Int, y: Int) -> [UInt8] { Array(pixels[(y * width + x) * 4..<(y * width + x) * 4 + 4]) }

    /// Why an image could not be read or written.
    public struct PNGError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads an 8-bit RGBA PNG (other PNGs are converted by libpng).
    public init(png url: URL) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, url.path) != 0 else {
            throw PNGError(description: "\(url.path): \(Self.message(image))")
        }
        image.format = UInt32(CPNG_FORMAT_RGBA)
        var pixels = [UInt8](repeating: 0, count: Int(image.width * image.height * 4))
        let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw PNGError(description: "\(url.path): \(Self.message(image))") }
        self.init(width: Int(image.width), height: Int(image.height), pixels: pixels)
    }

    /// Writes the image as an 8-bit RGBA PNG.
    public func writePNG(to url: URL) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(CPNG_FORMAT_RGBA)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let ok = pixels.withUnsafeBytes { png_image_write_to_file(&image, url.path, 0, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw PNGError(description: "\(url.path): \(Self.message(image))") }
    }

    private static func message(_ image: png_image) -> String {
        var m = image.message
        return withUnsafeBytes(of: &m) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// How two images differ.
public struct ImageComparison: Sendable {
    /// Pixels whose largest channel difference exceeds the tolerance.
    public let mismatched: Int
    /// The largest channel difference seen.
    public let maxDifference: Int
    /// Black where equal within tolerance, red (brighter = larger) where not; alpha 255.
    public let diff: RGBAImage

    /// Compares `actual` with `expected`; channels may differ by at most `tolerance`.
    public init(actual: RGBAImage, expected: RGBAImage, tolerance: Int = 0) {
        precondition(actual.width == expected.width && actual.height == expected.height, "image sizes differ")
        var diff = [UInt8](repeating: 0, count: actual.pixels.count)
        var mismatched = 0, maxDifference = 0
        for p in 0..<actual.width * actual.height {
            var worst = 0
            for c in 0..<4 { worst = max(worst, abs(Int(actual.pixels[p * 4 + c]) - Int(expected.pixels[p * 4 + c]))) }
            maxDifference = max(maxDifference, worst)
            if worst > tolerance {
                mismatched += 1
                diff[p * 4] = UInt8(min(255, 64 + worst))
            }
            diff[p * 4 + 3] = 255
        }
        self.mismatched = mismatched
        self.maxDifference = maxDifference
        self.diff = RGBAImage(width: actual.width, height: actual.height, pixels: diff)
    }
}
