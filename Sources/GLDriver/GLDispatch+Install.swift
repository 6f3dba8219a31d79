import GLCore

extension GLDispatch {
    /// The driver's implementations. Each concern installs its own slots (`GLContext+Queries.swift`, …); a
    /// slot left empty is the generated "not implemented" default.
    public static let table: GLDispatch = {
        let d = GLDispatch()
        d.installQueries()
        d.installCapabilities()
        d.installStateQueries()
        d.installPipelineState()
        d.installBuffers()
        d.installVertexArrays()
        d.installSubmission()
        d.installFramebuffers()
        d.installDrawing()
        d.installDraws()
        d.installDrawIndirect()
        d.installCompute()
        d.installCompat()
        d.installClipPlanes()
        d.installTransformFeedback()
        d.installTransformFeedbackObjects()
        d.installTextures()
        d.installPrograms()
        d.installDoubleUniforms()
        d.installDoubleAttributes()
        d.installSamplers()
        d.installTextureParameters()
        d.installTextureBuffers()
        d.installMultisample()
        d.installRobustness()
        d.installQueryObjects()
        d.installSync()
        d.installTessellation()
        d.installSampleShading()
        d.installSubroutines()
        d.installViewportArray()
        d.installES2Compatibility()
        d.installProgramBinary()
        d.installProgramPipelines()
        return d
    }()
}
