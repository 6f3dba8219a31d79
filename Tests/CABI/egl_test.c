/* Any EGL program reaches VirglGL through glvnd: this one links only libEGL and libOpenGL (glvnd), makes a
 * surfaceless-platform GL 3.3 core context (reported as 4.3 on a GL 4.3+ host) with a pbuffer, clears it and reads it back, and checks the strings.
 * Run with __EGL_VENDOR_LIBRARY_FILENAMES=<virglgl.json>:<mesa.json> (scripts/test-egl.sh). */
#define EGL_EGLEXT_PROTOTYPES
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>
#include <GL/glext.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failures++; } } while (0)

int main(void) {
    EGLDisplay d = eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    CHECK(d != EGL_NO_DISPLAY, "no surfaceless display");
    EGLint major = 0, minor = 0;
    CHECK(eglInitialize(d, &major, &minor), "eglInitialize (0x%x)", eglGetError());
    const char *vendor = eglQueryString(d, EGL_VENDOR);
    CHECK(vendor && strcmp(vendor, "VirglGL") == 0, "EGL_VENDOR is %s", vendor ? vendor : "(null)");
    CHECK(eglBindAPI(EGL_OPENGL_API), "eglBindAPI");
    EGLint want[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_RED_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_NONE};
    EGLConfig config;
    EGLint n = 0;
    CHECK(eglChooseConfig(d, want, &config, 1, &n) && n == 1, "eglChooseConfig gave %d", n);
    EGLint tooDeep[] = {EGL_DEPTH_SIZE, 64, EGL_NONE};
    CHECK(eglChooseConfig(d, tooDeep, &config, 1, &n) && n == 0, "a 64-bit depth config should not exist");
    eglChooseConfig(d, want, &config, 1, &n);
    EGLint ca[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext c = eglCreateContext(d, config, EGL_NO_CONTEXT, ca);
    CHECK(c != EGL_NO_CONTEXT, "eglCreateContext 3.3 core (0x%x)", eglGetError());
    EGLint too[] = {EGL_CONTEXT_MAJOR_VERSION, 4, EGL_CONTEXT_MINOR_VERSION, 6, EGL_NONE};
    CHECK(eglCreateContext(d, config, EGL_NO_CONTEXT, too) == EGL_NO_CONTEXT && eglGetError() == EGL_BAD_MATCH, "4.6 should be EGL_BAD_MATCH");
    EGLint bad[] = {0x7777, 1, EGL_NONE};
    CHECK(eglCreateContext(d, config, EGL_NO_CONTEXT, bad) == EGL_NO_CONTEXT && eglGetError() == EGL_BAD_ATTRIBUTE, "bad attribute");
    EGLint pb[] = {EGL_WIDTH, 32, EGL_HEIGHT, 16, EGL_NONE};
    EGLSurface s = eglCreatePbufferSurface(d, config, pb);
    CHECK(s != EGL_NO_SURFACE, "eglCreatePbufferSurface (0x%x)", eglGetError());
    CHECK(eglMakeCurrent(d, s, s, c), "eglMakeCurrent (0x%x)", eglGetError());

    const char *glVendor = (const char *)glGetString(GL_VENDOR);
    const char *glVersion = (const char *)glGetString(GL_VERSION);
    CHECK(glVendor && strcmp(glVendor, "VirglGL") == 0, "GL_VENDOR is %s", glVendor ? glVendor : "(null)");
    CHECK(glVersion && strncmp(glVersion, "4.3 (Core Profile)", 18) == 0, "GL_VERSION is %s", glVersion ? glVersion : "(null)");
    glClearColor(0, 1, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    unsigned char px[32 * 16 * 4];
    memset(px, 7, sizeof px);
    glReadPixels(0, 0, 32, 16, GL_RGBA, GL_UNSIGNED_BYTE, px);
    CHECK(glGetError() == GL_NO_ERROR, "GL error");
    int wrong = 0;
    for (int i = 0; i < 32 * 16; i++) if (px[i * 4] != 0 || px[i * 4 + 1] != 255 || px[i * 4 + 3] != 255) wrong++;
    CHECK(wrong == 0, "%d pixels of the pbuffer are not green", wrong);
    CHECK(eglSwapBuffers(d, s), "eglSwapBuffers");

    /* Surfaceless: a context with no surface has no default framebuffer. */
    CHECK(eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, c), "surfaceless make-current (0x%x)", eglGetError());
    glClear(GL_COLOR_BUFFER_BIT);
    CHECK(glGetError() == GL_INVALID_FRAMEBUFFER_OPERATION, "clear without a framebuffer");
    GLint flags = -1;
    glGetIntegerv(GL_CONTEXT_FLAGS, &flags);
    CHECK(flags == 0 && !glIsEnabled(GL_DEBUG_OUTPUT), "a context made without the debug flag: GL_CONTEXT_FLAGS 0x%x", flags);

    /* EGL_CONTEXT_OPENGL_DEBUG: GL_CONTEXT_FLAG_DEBUG_BIT, and debug output starts enabled (KHR_debug). */
    EGLint dbg[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_DEBUG, EGL_TRUE, EGL_NONE};
    EGLContext dc = eglCreateContext(d, config, EGL_NO_CONTEXT, dbg);
    CHECK(dc != EGL_NO_CONTEXT, "eglCreateContext with EGL_CONTEXT_OPENGL_DEBUG (0x%x)", eglGetError());
    CHECK(eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, dc), "debug context make-current (0x%x)", eglGetError());
    flags = 0;
    glGetIntegerv(GL_CONTEXT_FLAGS, &flags);
    CHECK((flags & GL_CONTEXT_FLAG_DEBUG_BIT) && glIsEnabled(GL_DEBUG_OUTPUT), "debug context: GL_CONTEXT_FLAGS 0x%x", flags);

    eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroySurface(d, s);
    eglDestroyContext(d, c);
    eglDestroyContext(d, dc);
    eglTerminate(d);
    if (!failures) printf("egl_test: VirglGL through glvnd: %s, %s; pbuffer cleared and read back\n", glVendor, glVersion);
    return failures ? 1 : 0;
}
