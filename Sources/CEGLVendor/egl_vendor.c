/* VirglGL's EGL vendor library for libglvnd: EGL_MESA_platform_surfaceless and the default display, one RGBA8 +
 * depth 24/stencil 8 config, pbuffer surfaces, EGL_KHR_create_context, EGL_KHR_surfaceless_context, make-current
 * per thread; OpenGL and OpenGL ES 2.0–3.1 contexts (EGL_OPENGL_ES_API). GL itself is VirglGL's (libGLdispatch asks getProcAddress for each GL function).
 *
 * glvnd and in-process virglrenderer: virglrenderer also calls EGL in this process. On its own thread this
 * vendor answers no display, so glvnd hands that thread's EGL (and then GL) to the next vendor, Mesa. */
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <glvnd/libeglabi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../include/virglgl.h"

#ifndef EGL_OPENGL_ES3_BIT_KHR
#define EGL_OPENGL_ES3_BIT_KHR 0x0040
#endif
/* The client APIs the config renders for: OpenGL and OpenGL ES 2.0/3.x (no ES 1.x, no OpenVG). */
#define RENDERABLE (EGL_OPENGL_BIT | EGL_OPENGL_ES2_BIT | EGL_OPENGL_ES3_BIT_KHR)

#ifndef EGL_PLATFORM_SURFACELESS_MESA
#define EGL_PLATFORM_SURFACELESS_MESA 0x31DD
#endif

static const __EGLapiExports *exports;

struct display { int initialized; };
static struct display the_display;
#define DPY ((EGLDisplay)&the_display)

struct config { EGLint id; };
static struct config the_config = {1};
#define CFG ((EGLConfig)&the_config)

struct surface { EGLint width, height; };
struct context { void *gl; EGLenum api; EGLint major, minor, profile; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static EGLBoolean fail(EGLint error) {
    exports->setEGLError(error);
    return EGL_FALSE;
}

static EGLBoolean ok(void) {
    exports->setEGLError(EGL_SUCCESS);
    return EGL_TRUE;
}

static int valid_display(EGLDisplay dpy) { return dpy == DPY; }

/* --- display --- */

static EGLDisplay get_platform_display(EGLenum platform, void *native, const EGLAttrib *attribs) {
    if (getenv("VIRGLGL_EGL_DEBUG")) fprintf(stderr, "virglgl egl: getPlatformDisplay(0x%x, %p) host thread %d\n", platform, native, virglglIsHostThread());
    (void)attribs;
    if (virglglIsHostThread()) return EGL_NO_DISPLAY;
    if (platform == EGL_PLATFORM_SURFACELESS_MESA && native == NULL) return DPY;
    if (platform == EGL_NONE && native == EGL_DEFAULT_DISPLAY) return DPY;
    return EGL_NO_DISPLAY;
}

static EGLBoolean EGLAPIENTRY v_initialize(EGLDisplay dpy, EGLint *major, EGLint *minor) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    the_display.initialized = 1;
    if (major) *major = 1;
    if (minor) *minor = 5;
    return ok();
}

static EGLBoolean EGLAPIENTRY v_terminate(EGLDisplay dpy) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    the_display.initialized = 0;
    return ok();
}

static const char *EGLAPIENTRY v_query_string(EGLDisplay dpy, EGLint name) {
    /* Client extensions; glvnd adds the platform ones from get_vendor_string. */
    if (dpy == EGL_NO_DISPLAY && name == EGL_EXTENSIONS) return "EGL_KHR_client_get_all_proc_addresses";
    if (!valid_display(dpy)) { fail(EGL_BAD_DISPLAY); return NULL; }
    if (!the_display.initialized) { fail(EGL_NOT_INITIALIZED); return NULL; }
    switch (name) {
    case EGL_VENDOR: return "VirglGL";
    case EGL_VERSION: return "1.5 VirglGL";
    case EGL_CLIENT_APIS: return "OpenGL OpenGL_ES";
    case EGL_EXTENSIONS:
        return "EGL_KHR_create_context EGL_KHR_surfaceless_context EGL_KHR_no_config_context EGL_MESA_configless_context";
    default: fail(EGL_BAD_PARAMETER); return NULL;
    }
}

/* --- configs --- */

static int config_attrib(EGLint attribute, EGLint *value) {
    switch (attribute) {
    case EGL_CONFIG_ID: *value = 1; return 1;
    case EGL_RED_SIZE: case EGL_GREEN_SIZE: case EGL_BLUE_SIZE: case EGL_ALPHA_SIZE: *value = 8; return 1;
    case EGL_BUFFER_SIZE: *value = 32; return 1;
    case EGL_DEPTH_SIZE: *value = 24; return 1;
    case EGL_STENCIL_SIZE: *value = 8; return 1;
    case EGL_SURFACE_TYPE: *value = EGL_PBUFFER_BIT; return 1;
    case EGL_RENDERABLE_TYPE: case EGL_CONFORMANT: *value = RENDERABLE; return 1;
    case EGL_COLOR_BUFFER_TYPE: *value = EGL_RGB_BUFFER; return 1;
    case EGL_CONFIG_CAVEAT: *value = EGL_NONE; return 1;
    case EGL_NATIVE_RENDERABLE: *value = EGL_FALSE; return 1;
    case EGL_NATIVE_VISUAL_ID: case EGL_NATIVE_VISUAL_TYPE: *value = 0; return 1;
    case EGL_SAMPLES: case EGL_SAMPLE_BUFFERS: case EGL_LEVEL: case EGL_TRANSPARENT_TYPE + 0:
        *value = attribute == EGL_TRANSPARENT_TYPE ? EGL_NONE : 0; return 1;
    case EGL_MAX_PBUFFER_WIDTH: case EGL_MAX_PBUFFER_HEIGHT: *value = 16384; return 1;
    case EGL_MAX_PBUFFER_PIXELS: *value = 16384 * 16384; return 1;
    case EGL_MIN_SWAP_INTERVAL: case EGL_MAX_SWAP_INTERVAL: *value = 0; return 1;
    case EGL_BIND_TO_TEXTURE_RGB: case EGL_BIND_TO_TEXTURE_RGBA: *value = EGL_FALSE; return 1;
    case EGL_LUMINANCE_SIZE: case EGL_ALPHA_MASK_SIZE: *value = 0; return 1;
    default: return 0;
    }
}

static EGLBoolean EGLAPIENTRY v_get_configs(EGLDisplay dpy, EGLConfig *configs, EGLint size, EGLint *n) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (!n) return fail(EGL_BAD_PARAMETER);
    *n = configs ? (size > 0 ? 1 : 0) : 1;
    if (configs && size > 0) configs[0] = CFG;
    return ok();
}

static EGLBoolean EGLAPIENTRY v_choose_config(EGLDisplay dpy, const EGLint *attribs, EGLConfig *configs, EGLint size, EGLint *n) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (!n) return fail(EGL_BAD_PARAMETER);
    int match = 1;
    for (const EGLint *a = attribs; a && a[0] != EGL_NONE; a += 2) {
        EGLint have;
        if (a[1] == EGL_DONT_CARE) continue;
        if (!config_attrib(a[0], &have)) continue; /* attributes this driver ignores */
        switch (a[0]) {
        case EGL_SURFACE_TYPE: case EGL_RENDERABLE_TYPE: case EGL_CONFORMANT:
            if ((a[1] & ~have) != 0) match = 0;
            break;
        case EGL_CONFIG_ID: case EGL_COLOR_BUFFER_TYPE: case EGL_CONFIG_CAVEAT: case EGL_NATIVE_RENDERABLE:
        case EGL_TRANSPARENT_TYPE: case EGL_LEVEL:
            if (a[1] != have) match = 0;
            break;
        default:
            if (a[1] > have) match = 0; /* sizes: at least */
        }
    }
    *n = match && (!configs || size > 0) ? 1 : 0;
    if (match && configs && size > 0) configs[0] = CFG;
    return ok();
}

static EGLBoolean EGLAPIENTRY v_get_config_attrib(EGLDisplay dpy, EGLConfig config, EGLint attribute, EGLint *value) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (config != CFG) return fail(EGL_BAD_CONFIG);
    if (!value || !config_attrib(attribute, value)) return fail(EGL_BAD_ATTRIBUTE);
    return ok();
}

/* --- surfaces --- */

static EGLSurface EGLAPIENTRY v_create_pbuffer(EGLDisplay dpy, EGLConfig config, const EGLint *attribs) {
    if (!valid_display(dpy)) { fail(EGL_BAD_DISPLAY); return EGL_NO_SURFACE; }
    if (config != CFG) { fail(EGL_BAD_CONFIG); return EGL_NO_SURFACE; }
    struct surface *s = calloc(1, sizeof *s);
    if (!s) { fail(EGL_BAD_ALLOC); return EGL_NO_SURFACE; }
    for (const EGLint *a = attribs; a && a[0] != EGL_NONE; a += 2) {
        if (a[0] == EGL_WIDTH) s->width = a[1];
        else if (a[0] == EGL_HEIGHT) s->height = a[1];
    }
    if (s->width < 0 || s->height < 0 || s->width > 16384 || s->height > 16384) {
        free(s);
        fail(EGL_BAD_PARAMETER);
        return EGL_NO_SURFACE;
    }
    ok();
    return (EGLSurface)s;
}

static EGLBoolean EGLAPIENTRY v_destroy_surface(EGLDisplay dpy, EGLSurface surface) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (!surface) return fail(EGL_BAD_SURFACE);
    free(surface);
    return ok();
}

static EGLBoolean EGLAPIENTRY v_query_surface(EGLDisplay dpy, EGLSurface surface, EGLint attribute, EGLint *value) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    struct surface *s = surface;
    if (!s) return fail(EGL_BAD_SURFACE);
    switch (attribute) {
    case EGL_WIDTH: *value = s->width; break;
    case EGL_HEIGHT: *value = s->height; break;
    case EGL_CONFIG_ID: *value = 1; break;
    default: return fail(EGL_BAD_ATTRIBUTE);
    }
    return ok();
}

static EGLBoolean EGLAPIENTRY v_swap_buffers(EGLDisplay dpy, EGLSurface surface) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (!surface) return fail(EGL_BAD_SURFACE);
    virglglFlush(); /* a pbuffer has one buffer: swapping is a flush */
    return ok();
}

/* --- contexts --- */

/* An OpenGL ES context (EGL 1.5 §3.7.1, EGL_KHR_create_context): EGL_CONTEXT_MAJOR_VERSION (the same token
 * as EGL_CONTEXT_CLIENT_VERSION) and EGL_CONTEXT_MINOR_VERSION name the ES version, 1.0 by default; the
 * desktop-only attributes (profile mask, forward compatible) are EGL_BAD_ATTRIBUTE. VirglGL makes ES 2.0 to
 * 3.1: the context is the highest version the host allows, which is backward compatible with what was asked. */
static EGLContext create_es_context(const EGLint *attribs) {
    EGLint major = 1, minor = 0, flags = 0, debug = 0;
    for (const EGLint *a = attribs; a && a[0] != EGL_NONE; a += 2) {
        switch (a[0]) {
        case EGL_CONTEXT_MAJOR_VERSION: major = a[1]; break;
        case EGL_CONTEXT_MINOR_VERSION: minor = a[1]; break;
        case EGL_CONTEXT_FLAGS_KHR: flags = a[1]; break;
        case EGL_CONTEXT_OPENGL_DEBUG: debug = a[1] == EGL_TRUE; break;
        case EGL_CONTEXT_OPENGL_ROBUST_ACCESS: case EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY: break;
        default: fail(EGL_BAD_ATTRIBUTE); return EGL_NO_CONTEXT;
        }
    }
    if (flags & ~(EGL_CONTEXT_OPENGL_DEBUG_BIT_KHR | EGL_CONTEXT_OPENGL_ROBUST_ACCESS_BIT_KHR)) {
        fail(EGL_BAD_ATTRIBUTE); /* forward-compatible is a desktop flag */
        return EGL_NO_CONTEXT;
    }
    if (flags & EGL_CONTEXT_OPENGL_DEBUG_BIT_KHR) debug = 1;
    /* ES 1.x is not implemented; a version that does not exist (2.1, 4.0) is EGL_BAD_MATCH too. */
    void *gl = virglglCreateESContext(major, minor);
    if (!gl) { fail(EGL_BAD_MATCH); return EGL_NO_CONTEXT; }
    if (debug) virglglSetDebugContext(gl);
    struct context *c = calloc(1, sizeof *c);
    if (!c) { virglglDestroyContext(gl); fail(EGL_BAD_ALLOC); return EGL_NO_CONTEXT; }
    c->gl = gl;
    c->api = EGL_OPENGL_ES_API;
    c->major = major;
    c->minor = minor;
    ok();
    return (EGLContext)c;
}

static EGLContext EGLAPIENTRY v_create_context(EGLDisplay dpy, EGLConfig config, EGLContext share, const EGLint *attribs) {
    if (!valid_display(dpy)) { fail(EGL_BAD_DISPLAY); return EGL_NO_CONTEXT; }
    if (config != CFG && config != EGL_NO_CONFIG_KHR) { fail(EGL_BAD_CONFIG); return EGL_NO_CONTEXT; }
    EGLenum api = exports->getCurrentApi();
    if (api != EGL_OPENGL_API && api != EGL_OPENGL_ES_API) { fail(EGL_BAD_MATCH); return EGL_NO_CONTEXT; }
    if (share != EGL_NO_CONTEXT) { fail(EGL_BAD_MATCH); return EGL_NO_CONTEXT; } /* sharing: not yet */
    if (api == EGL_OPENGL_ES_API) return create_es_context(attribs);
    EGLint major = 1, minor = 0, profile = EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT_KHR, flags = 0, debug = 0;
    for (const EGLint *a = attribs; a && a[0] != EGL_NONE; a += 2) {
        switch (a[0]) {
        case EGL_CONTEXT_MAJOR_VERSION: major = a[1]; break;
        case EGL_CONTEXT_MINOR_VERSION: minor = a[1]; break;
        case EGL_CONTEXT_OPENGL_PROFILE_MASK: profile = a[1]; break;
        case EGL_CONTEXT_FLAGS_KHR: flags = a[1]; break;
        case EGL_CONTEXT_OPENGL_DEBUG: debug = a[1] == EGL_TRUE; break;
        case EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE: case EGL_CONTEXT_OPENGL_ROBUST_ACCESS: break;
        case EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY: break;
        default: fail(EGL_BAD_ATTRIBUTE); return EGL_NO_CONTEXT;
        }
    }
    if (flags & EGL_CONTEXT_OPENGL_DEBUG_BIT_KHR) debug = 1;
    /* Profiles only mean something from 3.2; before that a context is a compatibility one. */
    int core = (major > 3 || (major == 3 && minor >= 2)) && (profile & EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT_KHR);
    if (profile & ~(EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT_KHR | EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT_KHR)) {
        fail(EGL_BAD_ATTRIBUTE);
        return EGL_NO_CONTEXT;
    }
    void *gl = virglglCreateContext(major, minor, core ? 1 : 2);
    if (!gl) { fail(EGL_BAD_MATCH); return EGL_NO_CONTEXT; }
    if (debug) virglglSetDebugContext(gl);
    struct context *c = calloc(1, sizeof *c);
    if (!c) { virglglDestroyContext(gl); fail(EGL_BAD_ALLOC); return EGL_NO_CONTEXT; }
    c->gl = gl;
    c->api = EGL_OPENGL_API;
    c->major = major;
    c->minor = minor;
    c->profile = core ? EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT_KHR : EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT_KHR;
    ok();
    return (EGLContext)c;
}

static EGLBoolean EGLAPIENTRY v_destroy_context(EGLDisplay dpy, EGLContext ctx) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    struct context *c = ctx;
    if (!c) return fail(EGL_BAD_CONTEXT);
    virglglDestroyContext(c->gl);
    free(c);
    return ok();
}

static EGLBoolean EGLAPIENTRY v_make_current(EGLDisplay dpy, EGLSurface draw, EGLSurface read, EGLContext ctx) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (draw != read) return fail(EGL_BAD_MATCH); /* separate read surfaces: not yet */
    struct context *c = ctx;
    if (!c) {
        if (draw != EGL_NO_SURFACE) return fail(EGL_BAD_MATCH);
        virglglMakeCurrentWithSurface(NULL, 0, 0, 0);
        return ok();
    }
    struct surface *s = draw;
    pthread_mutex_lock(&lock);
    int made = virglglMakeCurrentWithSurface(c->gl, (unsigned long)s, s ? s->width : 0, s ? s->height : 0);
    pthread_mutex_unlock(&lock);
    return made ? ok() : fail(EGL_BAD_ALLOC);
}

static EGLBoolean EGLAPIENTRY v_query_context(EGLDisplay dpy, EGLContext ctx, EGLint attribute, EGLint *value) {
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    struct context *c = ctx;
    if (!c) return fail(EGL_BAD_CONTEXT);
    switch (attribute) {
    case EGL_CONFIG_ID: *value = 1; break;
    case EGL_CONTEXT_CLIENT_TYPE: *value = (EGLint)c->api; break;
    case EGL_CONTEXT_CLIENT_VERSION: *value = c->major; break;
    case EGL_RENDER_BUFFER: *value = EGL_BACK_BUFFER; break;
    default: return fail(EGL_BAD_ATTRIBUTE);
    }
    return ok();
}

static EGLBoolean EGLAPIENTRY v_wait(void) {
    virglglFlush();
    return ok();
}

static EGLBoolean EGLAPIENTRY v_swap_interval(EGLDisplay dpy, EGLint interval) {
    (void)interval;
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    return ok();
}

/* What glvnd requires of every vendor but a surfaceless pbuffer driver does not have: each fails with the
 * error the EGL spec gives for it. */
static EGLSurface EGLAPIENTRY v_create_window_surface(EGLDisplay dpy, EGLConfig config, EGLNativeWindowType win, const EGLint *attribs) {
    (void)config; (void)win; (void)attribs;
    fail(valid_display(dpy) ? EGL_BAD_MATCH : EGL_BAD_DISPLAY); /* the config has no EGL_WINDOW_BIT */
    return EGL_NO_SURFACE;
}

static EGLSurface EGLAPIENTRY v_create_pixmap_surface(EGLDisplay dpy, EGLConfig config, EGLNativePixmapType pixmap, const EGLint *attribs) {
    (void)config; (void)pixmap; (void)attribs;
    fail(valid_display(dpy) ? EGL_BAD_MATCH : EGL_BAD_DISPLAY);
    return EGL_NO_SURFACE;
}

static EGLSurface EGLAPIENTRY v_create_pbuffer_from_client_buffer(EGLDisplay dpy, EGLenum type, EGLClientBuffer buffer, EGLConfig config, const EGLint *attribs) {
    (void)type; (void)buffer; (void)config; (void)attribs;
    fail(valid_display(dpy) ? EGL_BAD_PARAMETER : EGL_BAD_DISPLAY); /* no client buffer types */
    return EGL_NO_SURFACE;
}

static EGLBoolean EGLAPIENTRY v_copy_buffers(EGLDisplay dpy, EGLSurface surface, EGLNativePixmapType target) {
    (void)surface; (void)target;
    return fail(valid_display(dpy) ? EGL_BAD_NATIVE_PIXMAP : EGL_BAD_DISPLAY);
}

static EGLBoolean EGLAPIENTRY v_bind_tex_image(EGLDisplay dpy, EGLSurface surface, EGLint buffer) {
    (void)buffer;
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    return fail(surface ? EGL_BAD_MATCH : EGL_BAD_SURFACE); /* EGL_TEXTURE_FORMAT is always EGL_NO_TEXTURE */
}

static EGLBoolean EGLAPIENTRY v_surface_attrib(EGLDisplay dpy, EGLSurface surface, EGLint attribute, EGLint value) {
    (void)value;
    if (!valid_display(dpy)) return fail(EGL_BAD_DISPLAY);
    if (!surface) return fail(EGL_BAD_SURFACE);
    return attribute == EGL_SWAP_BEHAVIOR || attribute == EGL_MIPMAP_LEVEL ? ok() : fail(EGL_BAD_ATTRIBUTE);
}

static EGLBoolean EGLAPIENTRY v_wait_native(EGLint engine) {
    (void)engine;
    return ok(); /* no native rendering to wait for */
}

static EGLBoolean EGLAPIENTRY v_release_thread(void) {
    virglglMakeCurrentWithSurface(NULL, 0, 0, 0);
    return ok();
}

/* glvnd keeps the EGL error itself; this is only asked of a vendor directly. */
static EGLint EGLAPIENTRY v_get_error(void) { return EGL_SUCCESS; }

/* --- glvnd --- */

static const struct { const char *name; void *fn; } egl_functions[] = {
    {"eglBindTexImage", (void *)v_bind_tex_image},
    {"eglChooseConfig", (void *)v_choose_config},
    {"eglCopyBuffers", (void *)v_copy_buffers},
    {"eglCreatePbufferFromClientBuffer", (void *)v_create_pbuffer_from_client_buffer},
    {"eglCreatePixmapSurface", (void *)v_create_pixmap_surface},
    {"eglCreateWindowSurface", (void *)v_create_window_surface},
    {"eglGetError", (void *)v_get_error},
    {"eglReleaseTexImage", (void *)v_bind_tex_image},
    {"eglReleaseThread", (void *)v_release_thread},
    {"eglSurfaceAttrib", (void *)v_surface_attrib},
    {"eglWaitNative", (void *)v_wait_native},
    {"eglCreateContext", (void *)v_create_context},
    {"eglCreatePbufferSurface", (void *)v_create_pbuffer},
    {"eglDestroyContext", (void *)v_destroy_context},
    {"eglDestroySurface", (void *)v_destroy_surface},
    {"eglGetConfigAttrib", (void *)v_get_config_attrib},
    {"eglGetConfigs", (void *)v_get_configs},
    {"eglInitialize", (void *)v_initialize},
    {"eglMakeCurrent", (void *)v_make_current},
    {"eglQueryContext", (void *)v_query_context},
    {"eglQueryString", (void *)v_query_string},
    {"eglQuerySurface", (void *)v_query_surface},
    {"eglSwapBuffers", (void *)v_swap_buffers},
    {"eglSwapInterval", (void *)v_swap_interval},
    {"eglTerminate", (void *)v_terminate},
    {"eglWaitClient", (void *)v_wait},
    {"eglWaitGL", (void *)v_wait},
};

static void *get_proc_address(const char *name) {
    for (size_t i = 0; i < sizeof egl_functions / sizeof egl_functions[0]; i++)
        if (strcmp(egl_functions[i].name, name) == 0) return egl_functions[i].fn;
    return (void *)virglglGetProcAddress(name);
}

static EGLBoolean get_supports_api(EGLenum api) { return api == EGL_OPENGL_API || api == EGL_OPENGL_ES_API; }

static const char *get_vendor_string(int name) {
    return name == __EGL_VENDOR_STRING_PLATFORM_EXTENSIONS ? "EGL_MESA_platform_surfaceless" : NULL;
}

static void *get_dispatch_address(const char *name) { (void)name; return NULL; }
static void set_dispatch_index(const char *name, int index) { (void)name; (void)index; }

EGLBoolean __egl_Main(uint32_t version, const __EGLapiExports *e, __EGLvendorInfo *vendor, __EGLapiImports *imports) {
    (void)vendor;
    if (EGL_VENDOR_ABI_GET_MAJOR_VERSION(version) != EGL_VENDOR_ABI_MAJOR_VERSION) return EGL_FALSE;
    exports = e;
    imports->getPlatformDisplay = get_platform_display;
    imports->getSupportsAPI = get_supports_api;
    imports->getVendorString = get_vendor_string;
    imports->getProcAddress = get_proc_address;
    imports->getDispatchAddress = get_dispatch_address;
    imports->setDispatchIndex = set_dispatch_index;
    return EGL_TRUE;
}
