/* A C program written against GL/glcorearb.h and linked to libVirglGL.so: the lit_mesh golden scene (an
 * indexed, lit, textured cube, depth tested) rendered through VirglGL and compared with native Mesa's picture,
 * Golden/llvmpipe/lit_mesh.png. The maths repeats Sources/GoldenScenes/Scenes+Shaders.swift float for float. */
#define GL_GLEXT_PROTOTYPES
#include <GL/glcorearb.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "virglgl.h"

#define N 256

static const char *vs =
    "#version 330 core\n"
    "layout(location = 0) in vec3 position;\nlayout(location = 1) in vec3 normal;\nlayout(location = 2) in vec2 texcoord;\n"
    "uniform mat4 mvp;\nuniform mat3 normalMatrix;\nout vec3 vNormal;\nout vec2 vUV;\n"
    "void main() {\n    vNormal = normalMatrix * normal;\n    vUV = texcoord;\n    gl_Position = mvp * vec4(position, 1.0);\n}";
static const char *fs =
    "#version 330 core\n"
    "in vec3 vNormal;\nin vec2 vUV;\nuniform sampler2D image;\nuniform vec3 lightDirection;\nout vec4 fragColor;\n"
    "void main() {\n    float diffuse = max(dot(normalize(vNormal), normalize(lightDirection)), 0.0);\n"
    "    vec3 base = texture(image, vUV).rgb;\n    fragColor = vec4(base * (0.2 + 0.8 * diffuse), 1.0);\n}";

static GLuint shader(GLenum type, const char *src) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        fprintf(stderr, "lit_mesh: compile failed: %s\n", log);
        exit(1);
    }
    return s;
}

static void multiply(const float *a, const float *b, float *r) {
    for (int col = 0; col < 4; col++)
        for (int row = 0; row < 4; row++) {
            float s = 0;
            for (int k = 0; k < 4; k++) s += a[k * 4 + row] * b[col * 4 + k];
            r[col * 4 + row] = s;
        }
}

int main(int argc, char **argv) {
    const char *reference = argc > 1 ? argv[1] : "Golden/llvmpipe/lit_mesh.png";
    void *ctx = virglglCreateContext(3, 3, GL_CONTEXT_CORE_PROFILE_BIT);
    virglglMakeCurrent(ctx);

    GLuint fbo, rb[2];
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glGenRenderbuffers(2, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, N, N);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, N, N);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1]);
    glViewport(0, 0, N, N);
    glClearColor(0, 0, 0, 1);
    glClearDepth(1);
    glClearStencil(0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);

    GLuint p = glCreateProgram();
    glAttachShader(p, shader(GL_VERTEX_SHADER, vs));
    glAttachShader(p, shader(GL_FRAGMENT_SHADER, fs));
    glLinkProgram(p);
    GLint linked = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &linked);
    if (!linked) { fprintf(stderr, "lit_mesh: link failed\n"); return 1; }

    /* The cube: 24 vertices (position, normal, texcoord), 36 indices. */
    static const float faces[6][3][3] = {
        {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}}, {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
        {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}},
    };
    static const float st[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    float vertices[24 * 8];
    GLuint indices[36];
    int v = 0;
    for (int f = 0; f < 6; f++) {
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 3; k++) vertices[v++] = faces[f][0][k] + st[c][0] * faces[f][1][k] + st[c][1] * faces[f][2][k];
            for (int k = 0; k < 3; k++) vertices[v++] = faces[f][0][k];
            vertices[v++] = (st[c][0] + 1) / 2;
            vertices[v++] = (st[c][1] + 1) / 2;
        }
        GLuint b = f * 4, list[6] = {b, b + 1, b + 2, b, b + 2, b + 3};
        memcpy(&indices[f * 6], list, sizeof list);
    }
    GLuint vao, vbo, ebo, tex;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof vertices, vertices, GL_STATIC_DRAW);
    for (int a = 0; a < 3; a++) {
        glVertexAttribPointer(a, a == 2 ? 2 : 3, GL_FLOAT, GL_FALSE, 32, (void *)(size_t)(a * 12));
        glEnableVertexAttribArray(a);
    }
    glGenBuffers(1, &ebo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof indices, indices, GL_STATIC_DRAW);

    unsigned char texels[16 * 16 * 4];
    for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++) {
            int dark = ((x * 4 / 16) + (y * 4 / 16)) % 2;
            unsigned char *t = &texels[(y * 16 + x) * 4];
            t[0] = dark ? 90 : 240; t[1] = dark ? 40 : 180; t[2] = dark ? 20 : 60; t[3] = 255;
        }
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 16, 16, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glUseProgram(p);

    const float ay = 0.6f, ax = 0.45f, scale = 0.7f;
    float rotY[16] = {cosf(ay), 0, -sinf(ay), 0, 0, 1, 0, 0, sinf(ay), 0, cosf(ay), 0, 0, 0, 0, 1};
    float rotX[16] = {1, 0, 0, 0, 0, cosf(ax), sinf(ax), 0, 0, -sinf(ax), cosf(ax), 0, 0, 0, 0, 1};
    float scaleM[16] = {scale, 0, 0, 0, 0, scale, 0, 0, 0, 0, scale, 0, 0, 0, 0, 1};
    float t1[16], model[16], view[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -4, 1};
    multiply(rotY, scaleM, t1);
    multiply(rotX, t1, model);
    const float f = 1 / tanf(0.45f), nearZ = 1, farZ = 10;
    float projection[16] = {f, 0, 0, 0, 0, f, 0, 0, 0, 0, (farZ + nearZ) / (nearZ - farZ), -1, 0, 0, 2 * farZ * nearZ / (nearZ - farZ), 0};
    float vm[16], mvp[16], r[16];
    multiply(view, model, vm);
    multiply(projection, vm, mvp);
    multiply(rotX, rotY, r);
    float normal[9] = {r[0], r[1], r[2], r[4], r[5], r[6], r[8], r[9], r[10]};
    glUniformMatrix4fv(glGetUniformLocation(p, "mvp"), 1, GL_FALSE, mvp);
    glUniformMatrix3fv(glGetUniformLocation(p, "normalMatrix"), 1, GL_FALSE, normal);
    glUniform3f(glGetUniformLocation(p, "lightDirection"), 0.4f, 0.7f, 1.0f);
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_CULL_FACE);
    glDrawElements(GL_TRIANGLES, 36, GL_UNSIGNED_INT, NULL);

    static unsigned char px[N * N * 4];
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, N, N, GL_RGBA, GL_UNSIGNED_BYTE, px);
    GLenum e = glGetError();
    if (e) { fprintf(stderr, "lit_mesh: GL error 0x%x\n", e); return 1; }

    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, reference)) { fprintf(stderr, "lit_mesh: cannot read %s\n", reference); return 1; }
    image.format = PNG_FORMAT_RGBA;
    static unsigned char ref[N * N * 4];
    if (image.width != N || image.height != N || !png_image_finish_read(&image, NULL, ref, 0, NULL)) {
        fprintf(stderr, "lit_mesh: %s is not a %dx%d RGBA image\n", reference, N, N);
        return 1;
    }
    int differ = 0;
    for (int y = 0; y < N; y++) /* GL rows are bottom-up, PNG rows top-down */
        if (memcmp(&px[y * N * 4], &ref[(N - 1 - y) * N * 4], N * 4) != 0) differ++;
    virglglMakeCurrent(NULL);
    virglglDestroyContext(ctx);
    if (differ) { fprintf(stderr, "lit_mesh: %d rows differ from native Mesa\n", differ); return 1; }
    printf("lit_mesh: the C program's picture equals native Mesa's (%dx%d)\n", N, N);
    return 0;
}
