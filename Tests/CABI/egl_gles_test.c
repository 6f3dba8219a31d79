/* OpenGL ES through glvnd: this program links only libEGL and libGLESv2 (glvnd), binds EGL_OPENGL_ES_API, picks
 * a config with EGL_OPENGL_ES3_BIT, makes ES 2.0 / 3.0 / 3.1 contexts (each reported as the highest ES version the
 * host allows, ES 3.1 on a GL 4.3 host), checks EGL's errors for what an ES context cannot be, checks the strings,
 * and draws with a `#version 300 es` shader into a pbuffer and reads it back.
 * Run with __EGL_VENDOR_LIBRARY_FILENAMES=<virglgl.json>:<mesa.json> (scripts/test-egl.sh). */
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLES3/gl31.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failures++; } } while (0)

static GLuint shader(GLenum type, const char *source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    char log[512] = "";
    glGetShaderInfoLog(s, sizeof log, NULL, log);
    CHECK(ok, "shader does not compile: %s", log);
    return s;
}

int main(void) {
    EGLDisplay d = eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    CHECK(d != EGL_NO_DISPLAY, "no surfaceless display");
    CHECK(eglInitialize(d, NULL, NULL), "eglInitialize (0x%x)", eglGetError());
    const char *apis = eglQueryString(d, EGL_CLIENT_APIS);
    CHECK(apis && strstr(apis, "OpenGL_ES"), "EGL_CLIENT_APIS is %s", apis ? apis : "(null)");
    CHECK(eglBindAPI(EGL_OPENGL_ES_API), "eglBindAPI(EGL_OPENGL_ES_API) (0x%x)", eglGetError());
    EGLint want[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_ES3_BIT, EGL_CONFORMANT, EGL_OPENGL_ES2_BIT, EGL_NONE};
    EGLConfig config;
    EGLint n = 0;
    CHECK(eglChooseConfig(d, want, &config, 1, &n) && n == 1, "eglChooseConfig (ES3) gave %d", n);
    EGLint es1[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_ES_BIT, EGL_NONE};
    EGLConfig none;
    CHECK(eglChooseConfig(d, es1, &none, 1, &n) && n == 0, "no config renders OpenGL ES 1.x");

    EGLint v1[] = {EGL_CONTEXT_CLIENT_VERSION, 1, EGL_NONE};
    CHECK(eglCreateContext(d, config, EGL_NO_CONTEXT, v1) == EGL_NO_CONTEXT && eglGetError() == EGL_BAD_MATCH, "ES 1.x: EGL_BAD_MATCH");
    EGLint v4[] = {EGL_CONTEXT_MAJOR_VERSION, 4, EGL_NONE};
    CHECK(eglCreateContext(d, config, EGL_NO_CONTEXT, v4) == EGL_NO_CONTEXT && eglGetError() == EGL_BAD_MATCH, "ES 4.0: EGL_BAD_MATCH");
    EGLint profile[] = {EGL_CONTEXT_CLIENT_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    CHECK(eglCreateContext(d, config, EGL_NO_CONTEXT, profile) == EGL_NO_CONTEXT && eglGetError() == EGL_BAD_ATTRIBUTE,
          "a profile mask is desktop-only: EGL_BAD_ATTRIBUTE");

    EGLint v2[] = {EGL_CONTEXT_CLIENT_VERSION, 2, EGL_NONE};
    EGLContext c2 = eglCreateContext(d, config, EGL_NO_CONTEXT, v2);
    CHECK(c2 != EGL_NO_CONTEXT, "ES 2.0 context (0x%x)", eglGetError());
    EGLint type = 0;
    CHECK(eglQueryContext(d, c2, EGL_CONTEXT_CLIENT_TYPE, &type) && type == EGL_OPENGL_ES_API, "EGL_CONTEXT_CLIENT_TYPE 0x%x", type);
    EGLint v31[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 1, EGL_NONE};
    EGLContext c = eglCreateContext(d, config, EGL_NO_CONTEXT, v31);
    CHECK(c != EGL_NO_CONTEXT, "ES 3.1 context (0x%x)", eglGetError());

    EGLint pb[] = {EGL_WIDTH, 32, EGL_HEIGHT, 16, EGL_NONE};
    EGLSurface s = eglCreatePbufferSurface(d, config, pb);
    CHECK(eglMakeCurrent(d, s, s, c), "eglMakeCurrent (0x%x)", eglGetError());
    const char *version = (const char *)glGetString(GL_VERSION);
    const char *glsl = (const char *)glGetString(GL_SHADING_LANGUAGE_VERSION);
    const char *ext = (const char *)glGetString(GL_EXTENSIONS);
    CHECK(version && strncmp(version, "OpenGL ES 3.1 VirglGL", 21) == 0, "GL_VERSION is %s", version ? version : "(null)");
    CHECK(glsl && strcmp(glsl, "OpenGL ES GLSL ES 3.10") == 0, "GL_SHADING_LANGUAGE_VERSION is %s", glsl ? glsl : "(null)");
    CHECK(ext && strstr(ext, "GL_OES_geometry_shader") && !strstr(ext, "GL_ARB_"), "ES extension names: %s", ext ? ext : "(null)");
    GLint major = 0, minor = -1;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    CHECK(major == 3 && minor == 1, "GL_MAJOR/MINOR_VERSION %d.%d", major, minor);

    GLuint p = glCreateProgram();
    glAttachShader(p, shader(GL_VERTEX_SHADER, "#version 300 es\nin vec4 pos;\nvoid main() { gl_Position = pos; }\n"));
    glAttachShader(p, shader(GL_FRAGMENT_SHADER,
        "#version 300 es\nprecision mediump float;\nuniform vec4 color;\nout vec4 frag;\nvoid main() { frag = color; }\n"));
    glLinkProgram(p);
    GLint linked = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &linked);
    CHECK(linked, "the #version 300 es program does not link");
    glUseProgram(p);
    glUniform4f(glGetUniformLocation(p, "color"), 0, 0, 1, 1);
    static const float quad[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    GLuint vbo;
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    GLint pos = glGetAttribLocation(p, "pos");
    glVertexAttribPointer(pos, 2, GL_FLOAT, GL_FALSE, 0, 0);
    glEnableVertexAttribArray(pos);
    glClearColor(1, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    unsigned char px[32 * 16 * 4];
    memset(px, 7, sizeof px);
    glReadPixels(0, 0, 32, 16, GL_RGBA, GL_UNSIGNED_BYTE, px);
    CHECK(glGetError() == GL_NO_ERROR, "GL error");
    int wrong = 0;
    for (int i = 0; i < 32 * 16; i++) if (px[i * 4] != 0 || px[i * 4 + 2] != 255 || px[i * 4 + 3] != 255) wrong++;
    CHECK(wrong == 0, "%d pixels are not blue", wrong);

    /* The ES 2.0 request got the same (backward compatible) ES version. */
    CHECK(eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, c2), "ES 2.0 make-current (0x%x)", eglGetError());
    const char *v2s = (const char *)glGetString(GL_VERSION);
    CHECK(v2s && strncmp(v2s, "OpenGL ES 3.", 12) == 0, "ES 2.0 request: GL_VERSION %s", v2s ? v2s : "(null)");

    eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroySurface(d, s);
    eglDestroyContext(d, c);
    eglDestroyContext(d, c2);
    eglTerminate(d);
    if (!failures) printf("egl_gles_test: %s, %s; a #version 300 es draw read back\n", version, glsl);
    return failures ? 1 : 0;
}
