import GLCore
import VirglProtocol
import VirglTransport

/// OpenGL ES 2.0 compatibility (GL 4.1, GL_ARB_ES2_compatibility): shader precision queries, the shader-compiler
/// and shader-binary entry points (VirglGL compiles GLSL and has no binary formats), GL_FIXED vertex attributes
/// and GL_RGB565. glDepthRangef and glClearDepthf are the viewport and clear state's; the GL_MAX_*_VECTORS and
/// GL_IMPLEMENTATION_COLOR_READ_* limits are in the state tables.
extension GLContext {
    /// glGetShaderPrecisionFormat: the range (log2 of the magnitudes) and precision (bits) of a shader type's
    /// lowp/mediump/highp floats and ints. Every precision is the host's highp: IEEE single floats (range 127,
    /// 23 bits) and 32-bit two's complement ints (range 31 below, 30 above, precision 0), as GL 4.6 §7.3's
    /// GLSL ES mapping asks of a desktop implementation.
    func shaderPrecisionFormat(_ shaderType: GLenum, _ precisionType: GLenum, _ range: UnsafeMutablePointer<GLint>?, _ precision: UnsafeMutablePointer<GLint>?) {
        guard shaderType == GL_VERTEX_SHADER || shaderType == GL_FRAGMENT_SHADER else {
            return recordError(GL_INVALID_ENUM, .glGetShaderPrecisionFormat, "shader type \(GLEnumNames.describe(shaderType))")
        }
        let value: (low: GLint, high: GLint, bits: GLint)
        switch precisionType {
        case GL_LOW_FLOAT, GL_MEDIUM_FLOAT, GL_HIGH_FLOAT: value = (127, 127, 23)
        case GL_LOW_INT, GL_MEDIUM_INT, GL_HIGH_INT: value = (31, 30, 0)
        default:
            return recordError(GL_INVALID_ENUM, .glGetShaderPrecisionFormat, "precision type \(GLEnumNames.describe(precisionType))")
        }
        range?[0] = value.low
        range?[1] = value.high
        precision?.pointee = value.bits
    }

    /// glShaderBinary: GL_NUM_SHADER_BINARY_FORMATS is 0, so every format is GL_INVALID_ENUM (after the count
    /// and length checks, GL_INVALID_VALUE).
    func shaderBinary(_ count: GLsizei, _ shaders: UnsafePointer<GLuint>?, _ format: GLenum, _ length: GLsizei) {
        guard count >= 0, length >= 0 else {
            return recordError(GL_INVALID_VALUE, .glShaderBinary, "negative count or length")
        }
        recordError(GL_INVALID_ENUM, .glShaderBinary, "binary format \(GLEnumNames.describe(format)): VirglGL has none")
    }

    /// A GL_FIXED (16.16 fixed-point) array, which the host cannot fetch: the vertices this draw reads,
    /// converted to floats in a stream buffer. Returns the buffer and its stride, or nil (error recorded).
    func fixedArrayBuffer(_ command: GLCommand, _ a: GLVertexAttribute) -> (VirglResource, Int)? {
        let components = Int(a.size)
        let stride = a.effectiveStride
        // At least one vertex (a draw of none still binds the array).
        let vertices = max(1, a.divisor > 0 ? (compat.drawInstances + Int(a.divisor) - 1) / Int(a.divisor) : compat.drawVertexEnd)
        let length = (vertices - 1) * stride + 4 * components
        if let b = a.buffer, !(a.offset >= 0 && a.offset + length <= b.size) {
            // Checked before anything is allocated for the vertices.
            recordError(GL_INVALID_OPERATION, command, "GL_FIXED attribute reads past the end of its buffer")
            return nil
        }
        var floats = [Float](repeating: 0, count: vertices * components)
        func convert(_ source: UnsafeRawBufferPointer) {
            for v in 0..<vertices {
                for k in 0..<components {
                    floats[v * components + k] = Float(source.loadUnaligned(fromByteOffset: v * stride + 4 * k, as: Int32.self)) / 65536
                }
            }
        }
        if let b = a.buffer {
            syncFromHost(command, b)
            guard a.offset + length <= b.bytes.count else {
                recordError(GL_INVALID_OPERATION, command, "GL_FIXED attribute reads past the end of its buffer")
                return nil
            }
            b.bytes.withUnsafeBytes { convert(UnsafeRawBufferPointer(rebasing: $0[a.offset..<a.offset + length])) }
        } else {
            guard let base = UnsafeRawPointer(bitPattern: a.offset) else {
                recordError(GL_INVALID_OPERATION, command, "GL_FIXED attribute with no buffer and no pointer")
                return nil
            }
            convert(UnsafeRawBufferPointer(start: base, count: length))
        }
        let bytes = floats.withUnsafeBytes { Array($0) }
        guard let r = streamBuffer(command, bytes) else { return nil }
        drawResources.append(r)  // given back once the draw is encoded
        return (r, 4 * components)
    }

    /// The float format a converted GL_FIXED attribute of `size` components is fetched as.
    static func fixedAttributeFormat(_ size: GLint) -> VirglFormat {
        [.r32Float, .r32g32Float, .r32g32b32Float, .r32g32b32a32Float][Int(min(max(size, 1), 4)) - 1]
    }
}

extension GLDispatch {
    func installES2Compatibility() {
        glReleaseShaderCompiler = { _ in }
        glShaderBinary = { $0.shaderBinary($1, $2, $3, $5) }
        glGetShaderPrecisionFormat = { $0.shaderPrecisionFormat($1, $2, $3, $4) }
    }
}
