/* The glvnd EGL vendor entry point (__egl_Main) is exported by this target; nothing to include. */
