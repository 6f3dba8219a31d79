/* A C program written against Khronos' GL/glcorearb.h, linked to libVirglGL.so: the driver's C ABI as an
 * application sees it. Exits non-zero, naming the check, on the first failure. */
#define GL_GLEXT_PROTOTYPES
#include <GL/glcorearb.h>
#include <stdio.h>
#include <string.h>
#include "virglgl.h"

static int failures;
#define CHECK(cond, ...)                                  \
    do {                                                  \
        if (!(cond)) {                                    \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                 \
            fputc('\n', stderr);                          \
            failures++;                                   \
        }                                                 \
    } while (0)

int main(void) {
    /* No current context: calls are ignored, not a crash. */
    glEnable(GL_DEPTH_TEST);
    CHECK(glGetError() == GL_NO_ERROR, "no-context glGetError should be GL_NO_ERROR");

    void *ctx = virglglCreateContext(3, 3, GL_CONTEXT_CORE_PROFILE_BIT);
    CHECK(ctx != NULL, "virglglCreateContext(3.3 core) returned NULL");
    CHECK(virglglCreateContext(4, 6, GL_CONTEXT_CORE_PROFILE_BIT) == NULL, "GL 4.6 is more than VirglGL implements");
    CHECK(virglglCreateContext(9, 9, GL_CONTEXT_CORE_PROFILE_BIT) == NULL, "GL 9.9 should be refused");
    virglglMakeCurrent(ctx);

    const char *vendor = (const char *)glGetString(GL_VENDOR);
    const char *version = (const char *)glGetString(GL_VERSION);
    CHECK(vendor && strcmp(vendor, "VirglGL") == 0, "GL_VENDOR is '%s'", vendor ? vendor : "(null)");
    CHECK(version && strncmp(version, "4.3 (Core Profile)", 18) == 0, "GL_VERSION is '%s'", version ? version : "(null)");
    CHECK(glGetError() == GL_NO_ERROR, "glGetString should not set an error");

    glEnable(0xDEAD);
    GLenum e = glGetError();
    CHECK(e == GL_INVALID_ENUM, "glEnable(0xDEAD) gave 0x%x, want GL_INVALID_ENUM", e);

    glDispatchCompute(1, 1, 1); /* not implemented yet */
    e = glGetError();
    CHECK(e == GL_INVALID_OPERATION, "unimplemented glDispatchCompute gave 0x%x, want GL_INVALID_OPERATION", e);
    CHECK(glGetError() == GL_NO_ERROR, "the error flag should clear after reading");

    /* getProcAddress gives the same functions the linker found. */
    PFNGLGETERRORPROC getError = (PFNGLGETERRORPROC)virglglGetProcAddress("glGetError");
    CHECK(getError == glGetError, "virglglGetProcAddress(glGetError) differs from the linked symbol");
    CHECK(virglglGetProcAddress("glNotAFunction") == NULL, "unknown names should give NULL");

    virglglMakeCurrent(NULL);
    virglglDestroyContext(ctx);
    if (failures == 0) printf("abi_test: all checks passed (%s)\n", version);
    return failures ? 1 : 0;
}
