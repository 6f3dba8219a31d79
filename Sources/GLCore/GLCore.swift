/// GLCore: GL's types, enums, enum-group membership and the command list, generated from `Registry/gl.xml`
/// (see `generated/`). Shared by the `GLBinding` loader and the `GLDriver`.
public enum GLCoreInfo {
    /// The GL version whose commands the generated tables cover.
    public static let registryVersion = (major: 4, minor: 6)
}
