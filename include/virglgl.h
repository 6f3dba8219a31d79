/* VirglGL's C API for creating contexts (until the EGL vendor library lands). GL itself: <GL/glcorearb.h>,
 * linked against libVirglGL.so. */
#ifndef VIRGLGL_H
#define VIRGLGL_H
#ifdef __cplusplus
extern "C" {
#endif

/* profile: GL_CONTEXT_CORE_PROFILE_BIT (1) or GL_CONTEXT_COMPATIBILITY_PROFILE_BIT (2). NULL when unsupported. */
void *virglglCreateContext(int major, int minor, int profile);
/* An OpenGL ES context of version major.minor or a compatible higher one (ES 2.0–3.1). NULL when unsupported. */
void *virglglCreateESContext(int major, int minor);
/* Marks a context as a debug context (GL_CONTEXT_FLAG_DEBUG_BIT, GL_DEBUG_OUTPUT on). */
void virglglSetDebugContext(void *context);
int virglglMakeCurrent(void *context);
void virglglDestroyContext(void *context);
const void *virglglGetProcAddress(const char *name);
/* Current with a width×height surface as the default framebuffer (surface 0: surfaceless). */
int virglglMakeCurrentWithSurface(void *context, unsigned long surface, int width, int height);
void virglglFlush(void);
/* 1 on the in-process virglrenderer's own thread. */
int virglglIsHostThread(void);

#ifdef __cplusplus
}
#endif
#endif
