#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H
/* libpng's simplified API (png_image_*) for golden images. */
#include <png.h>

/* PNG_FORMAT_RGBA is a macro of flags, which Swift does not import. */
enum { CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA };
#endif
