#ifndef CGLSLANG_H
#define CGLSLANG_H
/* glslang (Khronos' GLSL front end) through its C API: GLSL for OpenGL → SPIR-V, with the compiler's own info
 * logs. Stages: 0 vertex, 1 fragment, 2 geometry, 3 tessellation control, 4 tessellation evaluation, 5 compute (virgl's
 * numbering; glslang orders them vertex, tess control, tess evaluation, geometry, fragment). */
#include <stddef.h>
#include <stdint.h>

/* Compiles one shader on its own, for glCompileShader's status and info log. Returns 1 when it compiles;
 * *log (malloc'd, may be empty) holds the log either way. */
int cglslang_compile(int stage, const char *source, char **log);

/* Runs only glslang's preprocessor on one shader (macros expanded, comments and inactive #if groups removed;
 * #version, #extension and #pragma lines kept; a shader without #version is read as 4.50 compatibility). Returns 1 and *out (malloc'd) on success, 0 and NULL otherwise. */
int cglslang_preprocess(int stage, const char *source, char **out);

/* The atomic counter limits GLSL shows (gl_MaxVertexAtomicCounters, …) and glslang checks bindings against, as
 * the driver reports them: 14 values, in order: counters of the vertex, tess control, tess evaluation, geometry
 * and fragment stages, combined counters, binding points, buffers of the same five stages, combined buffers,
 * and the buffer size in bytes. */
void cglslang_set_atomic_counter_limits(const int *values);

/* Compiles and links a vertex + fragment pair and generates SPIR-V for each. Returns 1 on success; *vs/*fs
 * (malloc'd) receive the words and *vs_count/*fs_count their numbers; *log the messages. */
/* With a geometry stage too (geometry_count 0: none; *gs stays NULL). */
int cglslang_link_stages(const char *const *vertex, int vertex_count, const char *const *geometry, int geometry_count,
                         const char *const *fragment, int fragment_count, uint32_t **vs, size_t *vs_count,
                         uint32_t **gs, size_t *gs_count, uint32_t **fs, size_t *fs_count, char **log);

/* Every stage of a program: units[s] holds counts[s] sources of stage s (0: the stage is absent; vertex and
 * fragment need at least one). On success out[s] (malloc'd) holds each present stage's SPIR-V and out_count[s]
 * its word count. */
int cglslang_link_pipeline(const char *const *const *units, const int *counts, uint32_t **out, size_t *out_count, char **log);

/* The same for several compilation units per stage (linked together, as GL links every attached shader). */
int cglslang_link_units(const char *const *vertex, int vertex_count, const char *const *fragment, int fragment_count,
                        uint32_t **vs, size_t *vs_count, uint32_t **fs, size_t *fs_count, char **log);

int cglslang_link(const char *vertex, const char *fragment, uint32_t **vs, size_t *vs_count, uint32_t **fs,
                  size_t *fs_count, char **log);

/* Links the compute shaders of a compute program (count of them; GL_ARB_compute_shader) and generates its SPIR-V:
 * on success *out (malloc'd) holds the words and *out_count their number. Returns 1 on success. */
int cglslang_link_compute(const char *const *units, int count, uint32_t **out, size_t *out_count, char **log);

#endif
