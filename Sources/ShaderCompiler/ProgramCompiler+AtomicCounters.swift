import CGlslang

/// An active atomic counter uniform of a program (GL 4.2, ARB_shader_atomic_counters), as
/// glGetActiveUniform and glGetActiveUniformsiv report it.
public struct AtomicCounterInfo: Equatable, Sendable {
    /// The GL name: `c`, or `c[0]` for an array.
    public var name: String
    /// The binding point of the buffer that holds it.
    public var binding: Int
    /// Its byte offset in that buffer.
    public var offset: Int
    /// Array elements (1 for a single counter).
    public var arraySize: Int
    /// The stages that declare it.
    public var stages: Set<ShaderStage>

    /// Bytes it covers from `offset`.
    public var byteSize: Int { 4 * arraySize }
}

/// An active atomic counter buffer of a program: a binding point its counters use.
public struct AtomicCounterBufferInfo: Equatable, Sendable {
    public var binding: Int
    /// The bytes its counters need (the end of the last one).
    public var dataSize: Int
    /// Indices into the program's `atomicCounters`.
    public var counters: [Int]
    public var stages: Set<ShaderStage>
}

extension LinkedProgram {
    /// The active atomic counter buffers, by increasing binding point.
    public var atomicCounterBuffers: [AtomicCounterBufferInfo] {
        var out: [AtomicCounterBufferInfo] = []
        for (k, c) in atomicCounters.enumerated() {
            if let b = out.firstIndex(where: { $0.binding == c.binding }) {
                out[b].dataSize = max(out[b].dataSize, c.offset + c.byteSize)
                out[b].counters.append(k)
                out[b].stages.formUnion(c.stages)
            } else {
                out.append(AtomicCounterBufferInfo(binding: c.binding, dataSize: c.offset + c.byteSize, counters: [k], stages: c.stages))
            }
        }
        return out.sorted { $0.binding < $1.binding }
    }
}

extension ProgramCompiler {
    /// The atomic counters of the stages' SPIR-V, merged by name, with the link errors of
    /// ARB_shader_atomic_counters: a counter declared in several stages must have the same binding, offset and
    /// size in each, and two counters may not share any of a buffer's bytes.
    static func atomicCounters(_ modules: [(stage: ShaderStage, module: SPIRVModule)]) -> Result<[AtomicCounterInfo], ShaderError> {
        var counters: [AtomicCounterInfo] = []
        for (stage, m) in modules {
            for (id, v) in m.variables.sorted(by: { $0.key < $1.key }) where v.storage == 10 {
                guard case .pointer(_, let type)? = m.types[v.type] else { continue }
                let base = m.names[id] ?? "counter\(id)"
                let dims = TGSITranslator.arrayDimensions(m, type)?.0
                let size = dims?.reduce(1, *) ?? 1
                let name = dims.map { base + String(repeating: "[0]", count: $0.count) } ?? base
                let binding = Int(m.decoration(id, 33)?.first ?? 0)
                let offset = Int(m.decoration(id, 35)?.first ?? 0)
                if let k = counters.firstIndex(where: { $0.name == name }) {
                    let c = counters[k]
                    guard c.binding == binding, c.offset == offset, c.arraySize == size else {
                        return .failure(ShaderError(
                            "atomic counter \(base) is declared with binding \(c.binding), offset \(c.offset) in one stage and binding \(binding), offset \(offset) in another"))
                    }
                    counters[k].stages.insert(stage)
                    continue
                }
                counters.append(AtomicCounterInfo(name: name, binding: binding, offset: offset, arraySize: size, stages: [stage]))
            }
        }
        for (a, x) in counters.enumerated() {
            for y in counters[(a + 1)...] where x.binding == y.binding && x.offset < y.offset + y.byteSize && y.offset < x.offset + x.byteSize {
                return .failure(ShaderError("atomic counters \(x.name) and \(y.name) overlap at binding \(x.binding), offset \(max(x.offset, y.offset))"))
            }
        }
        return .success(counters)
    }
}

extension GLSLFrontEnd {
    /// The atomic counter limits GLSL shows and glslang checks (see cglslang_set_atomic_counter_limits for the
    /// order of the 14 values).
    public static func setAtomicCounterLimits(_ values: [Int]) {
        guard values.count == 14 else { return }
        values.map { Int32(clamping: $0) }.withUnsafeBufferPointer { cglslang_set_atomic_counter_limits($0.baseAddress) }
    }
}
