import GLCore
import ShaderCompiler
import VirglProtocol

/// gl_PrimitiveID of fragment shaders when quads are drawn as triangle pairs (GLSLPrimitiveIDLowering): the
/// fragment shader shifts the host's triangle number right by a uniform set for each draw.
extension GLContext {
    /// The shift a draw of `mode` needs: 1 for GL_QUADS and GL_QUAD_STRIP drawn as two triangles a quad
    /// (GLPrimitiveConversion), 0 for primitives the host draws as they are.
    func primitiveIDShift(_ mode: GLenum, _ prim: VirglPrimitive) -> Int {
        (mode == GL_QUADS || mode == GL_QUAD_STRIP) && convertsPrimitive(mode, prim) ? 1 : 0
    }

    /// Writes the draw's gl_PrimitiveID shift into `p`'s uniform when it changed (into `p` itself: in a program
    /// pipeline, glUniform's program is another). A program with a geometry or tessellation stage gives the
    /// fragment shader that stage's gl_PrimitiveID: no shift (a pipeline's such stages clear
    /// `compat.drawPrimitiveIDShift` before its programs are updated).
    func updatePrimitiveIDShift(_ p: GLProgram) {
        guard p.hasLinkedProgram,
              let location = p.uniformLocations.first(where: { $0.name == GLSLPrimitiveIDLowering.shiftUniform }),
              location.slot * 4 < p.constants.count else { return }
        let shift = p.geometryHandle != 0 || p.tessEvaluationHandle != 0 ? 0 : compat.drawPrimitiveIDShift
        guard p.primitiveIDShiftWritten != shift else { return }
        p.primitiveIDShiftWritten = shift
        p.constants[location.slot * 4] = UInt32(shift)
        p.constantsDirty = true
        state.dirty.insert(.constants)
    }
}
