#include "CGlslang.h"

#include <glslang/Include/glslang_c_interface.h>
#include <glslang/Public/resource_limits_c.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void init(void) { glslang_initialize_process(); }

static glslang_stage_t stage_of(int s) { return s == 0 ? GLSLANG_STAGE_VERTEX : s == 2 ? GLSLANG_STAGE_GEOMETRY : GLSLANG_STAGE_FRAGMENT; }

static glslang_input_t input_for(int stage, const char *source) {
    glslang_input_t in;
    memset(&in, 0, sizeof in);
    in.language = GLSLANG_SOURCE_GLSL;
    in.stage = stage_of(stage);
    in.client = GLSLANG_CLIENT_OPENGL;
    in.client_version = GLSLANG_TARGET_OPENGL_450;
    in.target_language = GLSLANG_TARGET_SPV;
    in.target_language_version = GLSLANG_TARGET_SPV_1_0;
    in.code = source;
    in.default_version = 110;
    in.default_profile = GLSLANG_NO_PROFILE;
    in.messages = GLSLANG_MSG_DEFAULT_BIT | GLSLANG_MSG_SPV_RULES_BIT;
    in.resource = glslang_default_resource();
    return in;
}

static void append(char **log, const char *prefix, const char *text) {
    if (!text || !*text) return;
    size_t old = *log ? strlen(*log) : 0, add = strlen(prefix) + strlen(text);
    char *n = realloc(*log, old + add + 1);
    if (!n) return;
    if (!old) n[0] = 0;
    strcat(n, prefix);
    strcat(n, text);
    *log = n;
}

static glslang_shader_t *make_shader(int stage, const char *source, char **log) {
    glslang_input_t in = input_for(stage, source);
    glslang_shader_t *s = glslang_shader_create(&in);
    if (!s) return NULL;
    glslang_shader_set_options(s, GLSLANG_SHADER_AUTO_MAP_LOCATIONS | GLSLANG_SHADER_AUTO_MAP_BINDINGS);
    if (!glslang_shader_preprocess(s, &in) || !glslang_shader_parse(s, &in)) {
        append(log, "", glslang_shader_get_info_log(s));
        glslang_shader_delete(s);
        return NULL;
    }
    append(log, "", glslang_shader_get_info_log(s));
    return s;
}

int cglslang_compile(int stage, const char *source, char **log) {
    pthread_once(&once, init);
    *log = calloc(1, 1);
    pthread_mutex_lock(&lock);
    glslang_shader_t *s = make_shader(stage, source, log);
    if (s) glslang_shader_delete(s);
    pthread_mutex_unlock(&lock);
    return s != NULL;
}

static uint32_t *copy_words(const unsigned int *from, size_t n) {
    uint32_t *w = malloc(n * 4 + 4);
    if (w) memcpy(w, from, n * 4);
    return w;
}

int cglslang_link_stages(const char *const *vertex, int vertex_count, const char *const *geometry, int geometry_count,
                         const char *const *fragment, int fragment_count, uint32_t **vs, size_t *vs_count,
                         uint32_t **gs, size_t *gs_count, uint32_t **fs, size_t *fs_count, char **log) {
    pthread_once(&once, init);
    *log = calloc(1, 1);
    *vs = *fs = NULL;
    *vs_count = *fs_count = 0;
    if (gs) *gs = NULL;
    if (gs_count) *gs_count = 0;
    if (vertex_count < 1 || fragment_count < 1 || vertex_count > 16 || fragment_count > 16 || geometry_count < 0 ||
        geometry_count > 16 || (geometry_count > 0 && (!gs || !gs_count))) {
        append(log, "", "error: a program needs 1 to 16 shaders per stage\n");
        return 0;
    }
    pthread_mutex_lock(&lock);
    int ok = 0, made = 1;
    glslang_shader_t *units[48] = {0};
    int n = 0;
    for (int i = 0; i < vertex_count && made; i++) made = (units[n++] = make_shader(0, vertex[i], log)) != NULL;
    for (int i = 0; i < geometry_count && made; i++) made = (units[n++] = make_shader(2, geometry[i], log)) != NULL;
    for (int i = 0; i < fragment_count && made; i++) made = (units[n++] = make_shader(1, fragment[i], log)) != NULL;
    glslang_program_t *p = made ? glslang_program_create() : NULL;
    if (p) {
        for (int i = 0; i < n; i++) glslang_program_add_shader(p, units[i]);
        if (!glslang_program_link(p, GLSLANG_MSG_SPV_RULES_BIT) || !glslang_program_map_io(p)) {
            append(log, "", glslang_program_get_info_log(p));
        } else {
            /* SPIRV_generate appends to the program's word vector: take each stage's new tail. */
            glslang_program_SPIRV_generate(p, GLSLANG_STAGE_VERTEX);
            size_t n1 = glslang_program_SPIRV_get_size(p);
            *vs = copy_words(glslang_program_SPIRV_get_ptr(p), n1);
            *vs_count = n1;
            size_t n2 = n1;
            if (geometry_count > 0) {
                glslang_program_SPIRV_generate(p, GLSLANG_STAGE_GEOMETRY);
                n2 = glslang_program_SPIRV_get_size(p);
                *gs = copy_words(glslang_program_SPIRV_get_ptr(p) + n1, n2 - n1);
                *gs_count = n2 - n1;
            }
            glslang_program_SPIRV_generate(p, GLSLANG_STAGE_FRAGMENT);
            size_t n3 = glslang_program_SPIRV_get_size(p);
            *fs = copy_words(glslang_program_SPIRV_get_ptr(p) + n2, n3 - n2);
            *fs_count = n3 - n2;
            append(log, "", glslang_program_SPIRV_get_messages(p));
            ok = *vs && *fs && (geometry_count == 0 || *gs);
        }
    }
    if (p) glslang_program_delete(p);
    for (int i = 0; i < n; i++) if (units[i]) glslang_shader_delete(units[i]);
    pthread_mutex_unlock(&lock);
    return ok;
}

int cglslang_link_units(const char *const *vertex, int vertex_count, const char *const *fragment, int fragment_count,
                        uint32_t **vs, size_t *vs_count, uint32_t **fs, size_t *fs_count, char **log) {
    return cglslang_link_stages(vertex, vertex_count, NULL, 0, fragment, fragment_count, vs, vs_count, NULL, NULL, fs,
                                fs_count, log);
}

int cglslang_link(const char *vertex, const char *fragment, uint32_t **vs, size_t *vs_count, uint32_t **fs,
                  size_t *fs_count, char **log) {
    return cglslang_link_units(&vertex, 1, &fragment, 1, vs, vs_count, fs, fs_count, log);
}
