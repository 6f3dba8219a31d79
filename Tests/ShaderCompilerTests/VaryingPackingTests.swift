@testable import ShaderCompiler
import XCTest

/// Varying packing (ProgramCompiler+VaryingPacking): separate varyings that need more GENERIC registers than the
/// host's 64 share registers in different components, by basic type and qualifiers.
final class VaryingPackingTests: XCTestCase {
    /// The GENERIC slots a shader's `file` declarations name.
    func genericSlots(_ text: String, _ file: String) -> [Int] {
        text.split(separator: "\n").filter { $0.hasPrefix("DCL \(file)[") && $0.contains("GENERIC[") }.compactMap { line in
            Int(line.split(separator: "GENERIC[")[1].prefix { $0 != "]" })
        }
    }

    /// 70 separate float varyings of a GLSL 1.30 program (70 registers unpacked) link, four to a register.
    func testSeparateFloatsSharePastTheRegisterLimit() throws {
        let names = (0..<70).map { "v\($0)" }
        let vs = "#version 130\n" + names.map { "varying float \($0);" }.joined(separator: "\n")
            + "\nvoid main() {\n" + names.enumerated().map { "  \($0.element) = \(Float($0.offset));" }.joined(separator: "\n")
            + "\n  gl_Position = vec4(0.0);\n}\n"
        let fs = "#version 130\n" + names.map { "varying float \($0);" }.joined(separator: "\n")
            + "\nvoid main() { gl_FragColor = vec4(" + names.joined(separator: " + ") + "); }\n"
        let linked = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertLessThanOrEqual(ProgramCompiler.declaredRegisters(linked.vertex.text, "OUT"), ProgramCompiler.maxShaderRegisters)
        XCTAssertLessThanOrEqual(ProgramCompiler.declaredRegisters(linked.fragment.text, "IN"), ProgramCompiler.maxShaderRegisters)
        XCTAssertEqual(genericSlots(linked.vertex.text, "OUT").count, 18, linked.vertex.text)
        XCTAssertEqual(Set(genericSlots(linked.fragment.text, "IN")), Set(genericSlots(linked.vertex.text, "OUT")), linked.fragment.text)
        // The outputs write single components of their registers.
        XCTAssertTrue(linked.vertex.text.contains(".w, "), linked.vertex.text)
    }

    /// A program under the limit keeps a register per varying.
    func testFewVaryingsAreNotPacked() throws {
        let vs = "#version 130\nvarying float a;\nvarying float b;\nvoid main() { a = 1.0; b = 2.0; gl_Position = vec4(0.0); }\n"
        let fs = "#version 130\nvarying float a;\nvarying float b;\nvoid main() { gl_FragColor = vec4(a, b, 0.0, 1.0); }\n"
        let linked = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertEqual(genericSlots(linked.vertex.text, "OUT").count, 2, linked.vertex.text)
    }

    /// Varyings of different basic types or qualifiers never share a register; arrays and matrices take
    /// consecutive registers at one component offset; built-ins keep registers of their own.
    func testPackingKeepsTypesAndQualifiersApart() throws {
        var vsDecls: [String] = [], fsDecls: [String] = [], writes: [String] = [], reads: [String] = []
        for k in 0..<20 {
            vsDecls += ["flat out int i\(k);", "out float f\(k);", "noperspective out float n\(k);", "out vec3 t\(k);"]
            fsDecls += ["flat in int i\(k);", "in float f\(k);", "noperspective in float n\(k);", "in vec3 t\(k);"]
            writes += ["i\(k) = \(k);", "f\(k) = 1.0;", "n\(k) = 2.0;", "t\(k) = vec3(3.0);"]
            reads += ["float(i\(k))", "f\(k)", "n\(k)", "t\(k).x"]
        }
        vsDecls.append("out mat2x3 m[2];")
        fsDecls.append("in mat2x3 m[2];")
        writes.append("m[0] = mat2x3(1.0); m[1] = mat2x3(2.0);")
        reads.append("m[1][1].z")
        let vs = "#version 330 core\n" + vsDecls.joined(separator: "\n") + "\nvoid main() { " + writes.joined(separator: " ")
            + " gl_Position = vec4(0.0); }\n"
        let fs = "#version 330 core\n" + fsDecls.joined(separator: "\n") + "\nout vec4 c;\nvoid main() { c = vec4(" + reads.joined(separator: " + ") + "); }\n"
        let linked = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertLessThanOrEqual(ProgramCompiler.declaredRegisters(linked.vertex.text, "OUT"), ProgramCompiler.maxShaderRegisters)
        XCTAssertLessThanOrEqual(ProgramCompiler.declaredRegisters(linked.fragment.text, "IN"), ProgramCompiler.maxShaderRegisters)

        let spirv = try GLSLFrontEnd.link(vertex: vs, fragment: fs).get()
        let vm = try SPIRVModule(words: spirv.vertex), fm = try SPIRVModule(words: spirv.fragment)
        let packed = try XCTUnwrap(ProgramCompiler.packVaryings(producer: vm, consumer: fm, slots: TGSITranslator.assignVaryingSlots(vm)))
        func place(_ key: String) -> (slot: Int, component: Int) { (packed.slots[key] ?? -1, packed.components[key] ?? -1) }
        var used: [Int: (group: Character, mask: Int)] = [:]
        for k in 0..<20 {
            for (key, group, width) in [("i\(k)", Character("i"), 1), ("f\(k)", "f", 1), ("n\(k)", "n", 1), ("t\(k)", "f", 3)] {
                let (slot, component) = place(key)
                XCTAssertGreaterThanOrEqual(slot, 0, key)
                XCTAssertLessThanOrEqual(component + width, 4, key)
                let mask = ((1 << width) - 1) << component
                if let u = used[slot] {
                    XCTAssertEqual(u.group, group, "\(key) shares slot \(slot) with another class")
                    XCTAssertEqual(u.mask & mask, 0, "\(key) overlaps in slot \(slot)")
                }
                used[slot] = (group, (used[slot]?.mask ?? 0) | mask)
            }
        }
        // The matrix array: four consecutive slots of its own class (float, smooth) at one offset.
        let (m, mc) = place("m")
        for s in m..<(m + 4) {
            XCTAssertTrue(used[s].map { $0.group == "f" && $0.mask & (7 << mc) == 0 } ?? true, "slot \(s)")
        }
        // gl_Position; 20 ints and 20 noperspective floats: five registers each; 20 vec3s with a float each, and the
        // matrix array: 24.
        XCTAssertEqual(ProgramCompiler.declaredRegisters(linked.vertex.text, "OUT"), 35, linked.vertex.text)
    }

    /// An array of 100 floats (100 registers unpacked) read with constant indices packs four elements to a
    /// register; read with a variable index it cannot, and the link fails with the register message.
    func testFloatArrayPacksItsElements() throws {
        let vs = "#version 130\nout float v[100];\nvoid main() {\n" + (0..<100).map { "  v[\($0)] = \(Float($0));" }.joined(separator: "\n")
            + "\n  gl_Position = vec4(0.0);\n}\n"
        let fs = "#version 130\nin float v[100];\nvoid main() { gl_FragColor = vec4(v[0] + v[37] + v[99]); }\n"
        let linked = try ProgramCompiler.link(vertex: vs, fragment: fs).get()
        XCTAssertEqual(genericSlots(linked.vertex.text, "OUT").count, 25, linked.vertex.text)
        XCTAssertEqual(ProgramCompiler.declaredRegisters(linked.fragment.text, "IN"), 25, linked.fragment.text)
        // v[37]: register 9, component 1.
        XCTAssertTrue(linked.fragment.text.contains("IN[9].yyyy"), linked.fragment.text)

        let dynamic = "#version 130\nin float v[100];\nuniform int k;\nvoid main() { gl_FragColor = vec4(v[k]); }\n"
        switch ProgramCompiler.link(vertex: vs, fragment: dynamic) {
        case .success: XCTFail("linked an array of 100 registers indexed by a variable")
        case .failure(let e): XCTAssertTrue(e.description.contains("registers"), e.description)
        }
    }
}
