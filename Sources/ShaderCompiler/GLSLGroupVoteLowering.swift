/// GL_ARB_shader_group_vote: `anyInvocationARB`, `allInvocationsARB` and `allInvocationsEqualARB` vote across "a
/// group of shader invocations", whose size and makeup the extension leaves to the implementation ("an
/// implementation-dependent set of shader invocations"; it may be a single invocation). VirglGL's groups are of one
/// invocation each: the host's virglrenderer (0.10.4) writes no GLSL for TGSI's VOTE_* operations, and a group of
/// one is what every vote then means exactly, whatever the stage:
/// - `anyInvocationARB(v)` and `allInvocationsARB(v)` are `v` (the one invocation's value);
/// - `allInvocationsEqualARB(v)` is `true` (one value is equal to itself), with `v` still evaluated.
///
/// A source that enables the extension gets the three as ordinary functions under VirglGL names, and macros that
/// send the extension's names to them (glslang's own declarations, from GLSL 4.30, are then not called).
enum GLSLGroupVoteLowering {
    /// The prelude of a source that enables the extension.
    static let functions = """
        bool virglgl_anyInvocationARB(bool value) { return value; }
        bool virglgl_allInvocationsARB(bool value) { return value; }
        bool virglgl_allInvocationsEqualARB(bool value) { return true; }
        #define anyInvocationARB virglgl_anyInvocationARB
        #define allInvocationsARB virglgl_allInvocationsARB
        #define allInvocationsEqualARB virglgl_allInvocationsEqualARB

        """
}
