#ifndef CVIRGLRENDERER_SHIM_H
#define CVIRGLRENDERER_SHIM_H
/* libvirglrenderer (virglrenderer 0.10.4's stable API) for the in-process transport. */
#include <stdint.h>
#include <sys/uio.h>
#include <virglrenderer.h>

/* The public header only forward-declares the transfer box; its layout is six 32-bit fields. */
struct virgl_box {
    uint32_t x, y, z;
    uint32_t w, h, d;
};
#endif
