#include "CGlslang.h"

#include <glslang/Include/glslang_c_interface.h>
#include <glslang/Public/resource_limits_c.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* glslang's default limits, with those GLSL shows as built-in constants (gl_MaxDrawBuffers sizes gl_FragData,
 * gl_MaxVertexAttribs, …) set to what VirglGL's GL reports (GLState.swift's limits): a shader sees the same
 * numbers as glGetIntegerv, and gl_FragData has the 8 colour outputs there are, not glslang's 32. */
static glslang_resource_t resource;
static void init(void) {
    glslang_initialize_process();
    resource = *glslang_default_resource();
    resource.max_draw_buffers = 8;
    resource.max_vertex_attribs = 16;
    resource.max_texture_image_units = 16;
    resource.max_vertex_texture_image_units = 16;
    resource.max_combined_texture_image_units = 48;
    resource.max_varying_floats = 128;
    /* Compute shaders' atomic counters: GL 4.3's minimum of 8 buffers (glslang's default is 1), and as many counters
     * as a host may have (the driver reports the host's numbers up to these). */
    resource.max_compute_atomic_counter_buffers = 8;
    resource.max_compute_atomic_counters = 4096;
    /* Atomic counters: the most virgl carries (32 binding points) until the host's caps say what it has
     * (cglslang_set_atomic_counter_limits); the driver checks a program against the limits it reports. */
    resource.max_vertex_atomic_counters = resource.max_tess_control_atomic_counters = 4096;
    resource.max_tess_evaluation_atomic_counters = resource.max_geometry_atomic_counters = 4096;
    resource.max_fragment_atomic_counters = resource.max_combined_atomic_counters = 4096;
    resource.max_atomic_counter_bindings = 32;
    resource.max_vertex_atomic_counter_buffers = resource.max_tess_control_atomic_counter_buffers = 32;
    resource.max_tess_evaluation_atomic_counter_buffers = resource.max_geometry_atomic_counter_buffers = 32;
    resource.max_fragment_atomic_counter_buffers = resource.max_combined_atomic_counter_buffers = 32;
    resource.max_atomic_counter_buffer_size = 16384;
}

void cglslang_set_atomic_counter_limits(const int *v) {
    pthread_once(&once, init);
    pthread_mutex_lock(&lock);
    resource.max_vertex_atomic_counters = v[0];
    resource.max_tess_control_atomic_counters = v[1];
    resource.max_tess_evaluation_atomic_counters = v[2];
    resource.max_geometry_atomic_counters = v[3];
    resource.max_fragment_atomic_counters = v[4];
    resource.max_combined_atomic_counters = v[5];
    resource.max_atomic_counter_bindings = v[6];
    resource.max_vertex_atomic_counter_buffers = v[7];
    resource.max_tess_control_atomic_counter_buffers = v[8];
    resource.max_tess_evaluation_atomic_counter_buffers = v[9];
    resource.max_geometry_atomic_counter_buffers = v[10];
    resource.max_fragment_atomic_counter_buffers = v[11];
    resource.max_combined_atomic_counter_buffers = v[12];
    resource.max_atomic_counter_buffer_size = v[13];
    pthread_mutex_unlock(&lock);
}

/* Stage numbers as ShaderStage and virgl number them: 0 vertex, 1 fragment, 2 geometry, 3 tess control, 4 tess evaluation,
 * 5 compute. */
static glslang_stage_t stage_of(int s) {
    switch (s) {
    case 0: return GLSLANG_STAGE_VERTEX;
    case 2: return GLSLANG_STAGE_GEOMETRY;
    case 3: return GLSLANG_STAGE_TESSCONTROL;
    case 4: return GLSLANG_STAGE_TESSEVALUATION;
    case 5: return GLSLANG_STAGE_COMPUTE;
    default: return GLSLANG_STAGE_FRAGMENT;
    }
}

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
    in.resource = &resource;
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

/* Links the stages in `order` (n of them, pipeline order) as one glslang program and appends each present
 * stage's SPIR-V to out/out_count. Returns 1 on success. Called with the lock held. */
static int link_group(const int *order, int n, const char *const *const *units, const int *counts, uint32_t **out,
                      size_t *out_count, char **log) {
    int ok = 0, made = 1, k = 0;
    glslang_shader_t *shaders[80] = {0};
    for (int g = 0; g < n && made; g++) {
        int s = order[g];
        for (int i = 0; i < counts[s] && made; i++) made = (shaders[k++] = make_shader(s, units[s][i], log)) != NULL;
    }
    glslang_program_t *p = made ? glslang_program_create() : NULL;
    if (p) {
        for (int i = 0; i < k; i++) glslang_program_add_shader(p, shaders[i]);
        if (!glslang_program_link(p, GLSLANG_MSG_SPV_RULES_BIT) || !glslang_program_map_io(p)) {
            append(log, "", glslang_program_get_info_log(p));
        } else {
            /* SPIRV_generate appends to the program's word vector: take each stage's new tail. */
            size_t before = 0;
            ok = 1;
            for (int g = 0; g < n; g++) {
                int s = order[g];
                if (counts[s] == 0) continue;
                glslang_program_SPIRV_generate(p, stage_of(s));
                size_t after = glslang_program_SPIRV_get_size(p);
                out[s] = copy_words(glslang_program_SPIRV_get_ptr(p) + before, after - before);
                out_count[s] = after - before;
                before = after;
                if (!out[s]) ok = 0;
            }
            append(log, "", glslang_program_SPIRV_get_messages(p));
        }
    }
    if (p) glslang_program_delete(p);
    for (int i = 0; i < k; i++) if (shaders[i]) glslang_shader_delete(shaders[i]);
    return ok;
}

int cglslang_link_pipeline(const char *const *const *units, const int *counts, uint32_t **out, size_t *out_count, char **log) {
    /* Pipeline order (glslang's too): vertex, tess control, tess evaluation, geometry, fragment. */
    static const int order[5] = {0, 3, 4, 2, 1};
    pthread_once(&once, init);
    *log = calloc(1, 1);
    int bad = 0;
    for (int s = 0; s < 5; s++) {
        out[s] = NULL;
        out_count[s] = 0;
        if (counts[s] < 0 || counts[s] > 16) bad = 1;
    }
    if (bad || counts[0] < 1 || counts[1] < 1) {
        append(log, "", "error: a program needs 1 to 16 shaders per stage, with a vertex and a fragment stage\n");
        return 0;
    }
    pthread_mutex_lock(&lock);
    int ok;
    if (counts[3] > 0 && counts[4] > 0) {
        /* glslang 12 refuses `patch` arrays between the two tessellation stages ("Array sizes must be
         * compatible", the evaluation side taken as a per-vertex array): the pipeline is linked as two programs
         * split there. VirglGL's own checks match the varyings across that boundary (ProgramCompiler+Interface). */
        ok = link_group(order, 2, units, counts, out, out_count, log) && link_group(order + 2, 3, units, counts, out, out_count, log);
    } else {
        ok = link_group(order, 5, units, counts, out, out_count, log);
    }
    if (!ok) {
        for (int s = 0; s < 5; s++) {
            free(out[s]);
            out[s] = NULL;
            out_count[s] = 0;
        }
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

int cglslang_link_stages(const char *const *vertex, int vertex_count, const char *const *geometry, int geometry_count,
                         const char *const *fragment, int fragment_count, uint32_t **vs, size_t *vs_count,
                         uint32_t **gs, size_t *gs_count, uint32_t **fs, size_t *fs_count, char **log) {
    const char *const *units[5] = {vertex, fragment, geometry, NULL, NULL};
    int counts[5] = {vertex_count, fragment_count, geometry_count, 0, 0};
    uint32_t *out[5];
    size_t out_count[5];
    if (geometry_count > 0 && (!gs || !gs_count)) counts[2] = -1;
    int ok = cglslang_link_pipeline(units, counts, out, out_count, log);
    *vs = out[0];
    *vs_count = out_count[0];
    *fs = out[1];
    *fs_count = out_count[1];
    if (gs) *gs = out[2];
    if (gs_count) *gs_count = out_count[2];
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

int cglslang_link_compute(const char *const *units, int count, uint32_t **out, size_t *out_count, char **log) {
    /* units[5]: the compute stage alone (the other entries have no units). */
    const char *const *all[6] = {NULL, NULL, NULL, NULL, NULL, units};
    int counts[6] = {0, 0, 0, 0, 0, count};
    uint32_t *words[6] = {0};
    size_t sizes[6] = {0};
    static const int order[1] = {5};
    pthread_once(&once, init);
    *log = calloc(1, 1);
    *out = NULL;
    *out_count = 0;
    if (count < 1 || count > 16) {
        append(log, "", "error: a compute program needs 1 to 16 compute shaders\n");
        return 0;
    }
    pthread_mutex_lock(&lock);
    int ok = link_group(order, 1, all, counts, words, sizes, log);
    pthread_mutex_unlock(&lock);
    if (!ok) {
        free(words[5]);
        return 0;
    }
    *out = words[5];
    *out_count = sizes[5];
    return 1;
}

int cglslang_preprocess(int stage, const char *source, char **out) {
    pthread_once(&once, init);
    *out = NULL;
    pthread_mutex_lock(&lock);
    glslang_input_t in = input_for(stage, source);
    in.default_version = 450;
    in.default_profile = GLSLANG_COMPATIBILITY_PROFILE;
    glslang_shader_t *s = glslang_shader_create(&in);
    int ok = 0;
    if (s && glslang_shader_preprocess(s, &in)) {
        const char *code = glslang_shader_get_preprocessed_code(s);
        if (code) {
            *out = strdup(code);
            ok = *out != NULL;
        }
    }
    if (s) glslang_shader_delete(s);
    pthread_mutex_unlock(&lock);
    return ok;
}
