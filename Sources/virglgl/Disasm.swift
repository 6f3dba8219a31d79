import ArgumentParser
import Foundation
import VirglProtocol

/// `virglgl disasm FILE`: print a captured virgl stream (little-endian dwords) in readable form.
struct Disasm: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Disassemble a virgl command stream (a file of little-endian dwords).")

    @Argument(help: "The stream file.") var file: String

    func run() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard data.count % 4 == 0 else { throw ValidationError("\(file): \(data.count) bytes is not a whole number of dwords") }
        let words = data.withUnsafeBytes { raw in (0..<data.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian } }
        for line in VirglDisassembler.disassemble(words) { print(line) }
    }
}
