#ifndef CLIBDRM_SHIM_H
#define CLIBDRM_SHIM_H
/* libdrm: device discovery and ioctls for the virtio-gpu transport. */
#include <xf86drm.h>
#endif
