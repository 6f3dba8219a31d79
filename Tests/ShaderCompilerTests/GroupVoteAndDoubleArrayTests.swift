@testable import ShaderCompiler
import XCTest

/// GL_ARB_shader_group_vote as votes of groups of one invocation (GLSLGroupVoteLowering), and arrays of dvec3
/// whose second locations hold component-qualified varyings (GLSLDoubleArrayLocations).
final class GroupVoteAndDoubleArrayTests: XCTestCase {
    // MARK: GL_ARB_shader_group_vote

    /// Each vote of a group of one: any and all are the value, allEqual is true (run on the CPU), at a GLSL
    /// version without glslang's declarations (3.30) and one with them (4.30).
    func testVotesOfOneInvocation() throws {
        for version in ["#version 330 core", "#version 430 core"] {
            var kernel = try ShaderExtensionTests.Kernel("""
                bvec3 v = notEqual(inputs.xyz, uvec3(0u));
                result = uvec4(anyInvocationARB(v.x), allInvocationsARB(v.y), allInvocationsEqualARB(v.z), 7u);
                """, header: version + "\n#extension GL_ARB_shader_group_vote : require")
            for bits in 0..<8 {
                let inputs = (0..<3).map { UInt32((bits >> $0) & 1) }
                XCTAssertEqual(try kernel(inputs), [inputs[0], inputs[1], 1, 7], "\(version) inputs \(inputs)")
            }
        }
    }

    /// Without the `#extension` line, the functions do not exist below GLSL 4.30.
    func testVotesNeedTheExtension() {
        let fs = "#version 330 core\nuniform bool b;\nout vec4 c;\nvoid main() { c = vec4(anyInvocationARB(b)); }\n"
        XCTAssertFalse(GLSLFrontEnd.compile(.fragment, fs).ok)
        XCTAssertTrue(GLSLFrontEnd.compile(.fragment, fs.replacingOccurrences(of: "core\n", with: "core\n#extension GL_ARB_shader_group_vote : enable\n")).ok)
    }

    // MARK: dvec3 arrays

    static let header = "#version 150\n#extension GL_ARB_enhanced_layouts : require\n#extension GL_ARB_separate_shader_objects : require\n#extension GL_ARB_gpu_shader_fp64 : require\n"
    static let vertex = header + """
        layout(location = 0) flat out dvec3 a[2];
        layout(location = 1, component = 2) flat out double b;
        void main() { a[0] = dvec3(1.0); a[1] = dvec3(2.0); b = 3.0; gl_Position = vec4(0.0); }
        """

    /// The spec's count: a dvec3 array leaves components 2-3 of each element's second location free, so a double
    /// there compiles; the rewrite takes the array's location away and remembers it.
    func testDoubleInTheFreeComponentsOfADvec3Array() {
        XCTAssertTrue(GLSLFrontEnd.compile(.vertex, Self.vertex).ok)
        let r = GLSLDoubleArrayLocations.rewrite(Self.vertex, stage: .vertex)
        XCTAssertEqual(r.locations, ["a": 0])
        XCTAssertTrue(r.source.contains("\nflat out dvec3 a[2];"), r.source)
        XCTAssertTrue(r.source.contains("layout(location = 1, component = 2) flat out double b;"), r.source)
        // Nothing shares the array's locations: left alone.
        XCTAssertEqual(GLSLDoubleArrayLocations.rewrite(Self.vertex.replacingOccurrences(of: "location = 1,", with: "location = 4,"), stage: .vertex).locations, [:])
    }

    /// A variable in components the array does use (0-1 of location 1, or location 2) still overlaps: the source
    /// is left alone, and the program does not link.
    func testTrueOverlapsStayErrors() {
        for overlap in ["location = 1, component = 1", "location = 2, component = 2"] {
            let vs = Self.vertex.replacingOccurrences(of: "location = 1, component = 2", with: overlap)
            XCTAssertEqual(GLSLDoubleArrayLocations.rewrite(vs, stage: .vertex).locations, [:], overlap)
            let fs = Self.header + "flat in double b;\nout vec4 c;\nvoid main() { c = vec4(b); }\n"
            if case .success = ProgramCompiler.link(vertexUnits: [vs], fragmentUnits: [fs]) { XCTFail("\(overlap) linked") }
        }
    }

    /// The location taken away for glslang is back on the variable in the SPIR-V, and a separable stage's
    /// GENERIC slots follow it: the array in 0-3, the double in location 1's register.
    func testLocationIsRestoredInSPIRV() throws {
        let fs = "#version 150\nvoid main() {}\n"
        let moved = Self.vertex.replacingOccurrences(of: "location = 0", with: "location = 2").replacingOccurrences(of: "location = 1", with: "location = 3")
        for (source, location) in [(Self.vertex, UInt32(0)), (moved, 2)] {
            let m = try SPIRVModule(words: GLSLFrontEnd.link(vertex: source, fragment: fs).get().vertex)
            let a = try XCTUnwrap(m.names.first { $0.value == "a" }?.key)
            XCTAssertEqual(m.decoration(a, 30), [location])
        }
        let p = try ProgramCompiler.link(vertexUnits: [Self.vertex], fragmentUnits: [fs], separableStages: [.vertex]).get()
        let generics = p.vertex.text.split(separator: "\n").filter { $0.hasPrefix("DCL OUT") && $0.contains("GENERIC") }
            .compactMap { $0.components(separatedBy: "GENERIC[").last?.prefix { $0 != "]" } }.compactMap { Int($0) }
        XCTAssertEqual(Set(generics), [0, 1, 2, 3], p.vertex.text)
    }
}
