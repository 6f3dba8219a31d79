import GLCore

extension GLDispatch {
    /// The driver's implementations, the table a context dispatches through outside display lists. Each concern
    /// installs its own slots (`GLContext+Queries.swift`, …); a slot left empty is the generated "not implemented"
    /// default.
    public static let table = make(recordingLists: false)

    /// The table of a context while it compiles a display list (glNewList … glEndList): `table` with the commands
    /// lists record wrapped to record them (`GLContext+DisplayLists.swift`). A separate table, so that commands
    /// outside lists pay nothing for recording.
    public static let listCompiling = make(recordingLists: true)

    private static func make(recordingLists: Bool) -> GLDispatch {
        let d = GLDispatch()
        d.installQueries()
        d.installCapabilities()
        d.installStateQueries()
        d.installPipelineState()
        d.installBuffers()
        d.installVertexArrays()
        d.installVertexAttribBinding()
        d.installSubmission()
        d.installFramebuffers()
        d.installFramebufferNoAttachments()
        d.installLayeredFramebuffer()
        d.installFramebufferTexture3D()
        d.installDrawing()
        d.installDraws()
        d.installDrawIndirect()
        d.installCompute()
        d.installCompat()
        d.installLighting()
        d.installARBPrograms()
        d.installARBProgramCurrentValues()
        d.installFixedFunctionTexturing()
        d.installPixelRectangles()
        d.installCopyTexImage()
        d.installAttribStack()
        d.installImmediateMode()  // after the concerns that install attribute setters: fills the rest
        d.installClipPlanes()
        d.installColorClamp()
        d.installTransformFeedback()
        d.installTransformFeedbackObjects()
        d.installTextures()
        d.installInternalformatQuery()
        d.installTextureStorage()
        d.installTextureViews()
        d.installCopyImage()
        d.installCompressedTextures()
        d.installPrograms()
        d.installValidateProgram()
        d.installDoubleUniforms()
        d.installDoubleAttributes()
        d.installSamplers()
        d.installTextureParameters()
        d.installTextureBuffers()
        d.installInvalidateSubdata()
        d.installClearBufferObject()
        d.installImageUnits()
        d.installGetTexImage()
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
        d.installShadingLanguageInclude()
        d.installProgramPipelines()
        d.installStorageBuffers()
        d.installProgramInterfaceQuery()
        d.installDebugOutput()
        d.installFramebufferFetch()
        d.installLegacyExtensions()
        d.installClipControl()
        d.installClearTexture()
        d.installAtomicCounters()  // after installPrograms: wraps its active-uniform queries
        d.installDisplayListCommands()
        if recordingLists { d.installDisplayListRecording() }  // last: wraps the slots of the commands lists record
        return d
    }
}
