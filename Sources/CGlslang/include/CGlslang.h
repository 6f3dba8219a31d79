#ifndef CGLSLANG_H
#define CGLSLANG_H
/* glslang (Khronos' GLSL front end) through its C API: GLSL for OpenGL → SPIR-V, with the compiler's own info
 * logs. Stages: 0 vertex, 1 fragment (glslang's order: vertex 0, tess 1–2, geometry 3, fragment 4). */
#include <stddef.h>
#include <stdint.h>

/* Compiles one shader on its own, for glCompileShader's status and info log. Returns 1 when it compiles;
 * *log (malloc'd, may be empty) holds the log either way. */
int cglslang_compile(int stage, const char *source, char **log);

/* Compiles and links a vertex + fragment pair and generates SPIR-V for each. Returns 1 on success; *vs/*fs
 * (malloc'd) receive the words and *vs_count/*fs_count their numbers; *log the messages. */
/* With a geometry stage too (geometry_count 0: none; *gs stays NULL). */
int cglslang_link_stages(const char *const *vertex, int vertex_count, const char *const *geometry, int geometry_count,
                         const char *const *fragment, int fragment_count, uint32_t **vs, size_t *vs_count,
                         uint32_t **gs, size_t *gs_count, uint32_t **fs, size_t *fs_count, char **log);

/* The same for several compilation units per stage (linked together, as GL links every attached shader). */
int cglslang_link_units(const char *const *vertex, int vertex_count, const char *const *fragment, int fragment_count,
                        uint32_t **vs, size_t *vs_count, uint32_t **fs, size_t *fs_count, char **log);

int cglslang_link(const char *vertex, const char *fragment, uint32_t **vs, size_t *vs_count, uint32_t **fs,
                  size_t *fs_count, char **log);

#endif
