import CEGLVendor
import GLDriver

/// VirglGL's EGL vendor library for libglvnd (`libEGL_virglgl.so`): the glvnd entry point `__egl_Main` and the
/// EGL functions are C (`Sources/CEGLVendor`); GL is the driver linked in here.
public enum EGLVendor {
    public static let name = "virglgl"
}
