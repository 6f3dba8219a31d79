#ifndef CEGL_SHIM_H
#define CEGL_SHIM_H
/* EGL (through libglvnd) for native-Mesa contexts: the golden oracle and binding tests. */
#include <EGL/egl.h>
#include <EGL/eglext.h>
#endif
