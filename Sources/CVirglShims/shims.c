#include "CVirglShims.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <pthread.h>
#include <xf86drm.h>
#include <virtgpu_drm.h>
#include <virglrenderer.h>

int cvirgl_recv_fd(int sock) {
    char byte;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {
        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    ssize_t n;
    do {
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        if (n == 0) errno = ECONNRESET;
        return -1;
    }
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int))) {
            int fd;
            memcpy(&fd, CMSG_DATA(c), sizeof fd);
            return fd;
        }
    }
    errno = 0;
    return -1;
}

unsigned long cvirtgpu_request(enum cvirtgpu_op op) {
    switch (op) {
    case CVIRTGPU_OP_MAP: return DRM_IOWR(DRM_COMMAND_BASE + 0x01, struct cvirtgpu_map);
    case CVIRTGPU_OP_EXECBUFFER: return DRM_IOWR(DRM_COMMAND_BASE + 0x02, struct cvirtgpu_execbuffer);
    case CVIRTGPU_OP_GETPARAM: return DRM_IOWR(DRM_COMMAND_BASE + 0x03, struct cvirtgpu_getparam);
    case CVIRTGPU_OP_RESOURCE_CREATE: return DRM_IOWR(DRM_COMMAND_BASE + 0x04, struct cvirtgpu_resource_create);
    case CVIRTGPU_OP_TRANSFER_FROM_HOST: return DRM_IOWR(DRM_COMMAND_BASE + 0x06, struct cvirtgpu_transfer);
    case CVIRTGPU_OP_TRANSFER_TO_HOST: return DRM_IOWR(DRM_COMMAND_BASE + 0x07, struct cvirtgpu_transfer);
    case CVIRTGPU_OP_WAIT: return DRM_IOWR(DRM_COMMAND_BASE + 0x08, struct cvirtgpu_wait);
    case CVIRTGPU_OP_GET_CAPS: return DRM_IOWR(DRM_COMMAND_BASE + 0x09, struct cvirtgpu_get_caps);
    case CVIRTGPU_OP_RESOURCE_CREATE_BLOB:
        return DRM_IOWR(DRM_COMMAND_BASE + 0x0a, struct cvirtgpu_resource_create_blob);
    case CVIRTGPU_OP_CONTEXT_INIT: return DRM_IOWR(DRM_COMMAND_BASE + 0x0b, struct cvirtgpu_context_init);
    }
    return 0;
}

int cvirtgpu_ioctl(int fd, enum cvirtgpu_op op, void *arg) {
    return drmIoctl(fd, cvirtgpu_request(op), arg);
}

int cvirtgpu_gem_close(int fd, uint32_t handle) {
    struct drm_gem_close args = {.handle = handle};
    return drmIoctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

int cvirtgpu_open_render_node(char *path_out, size_t path_len) {
    DIR *dir = opendir("/dev/dri");
    if (!dir) return -1;
    struct dirent *e;
    int found = -1;
    while (found < 0 && (e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, "renderD", 7) != 0) continue;
        char path[64];
        snprintf(path, sizeof path, "/dev/dri/%s", e->d_name);
        int fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0) continue;
        drmVersionPtr v = drmGetVersion(fd);
        if (v && v->name && strcmp(v->name, "virtio_gpu") == 0) {
            found = fd;
            if (path_out && path_len) snprintf(path_out, path_len, "%s", path);
        } else {
            close(fd);
        }
        if (v) drmFreeVersion(v);
    }
    closedir(dir);
    return found;
}

#define SAME_OFFSET(ours, theirs, field)                                   \
    do {                                                                 \
        if (offsetof(struct ours, field) != offsetof(struct theirs, field)) { \
            if (!mismatches++) snprintf(first, len, "%s.%s", #ours, #field);     \
        }                                                                \
    } while (0)
#define SAME_VALUE(name, a, b)                                  \
    do {                                                        \
        if ((unsigned long)(a) != (unsigned long)(b)) {         \
            if (!mismatches++) snprintf(first, len, "%s", name); \
        }                                                       \
    } while (0)

int cvirtgpu_check_against_libdrm(char *first, size_t len) {
    int mismatches = 0;
    if (len) first[0] = 0;
    SAME_OFFSET(cvirtgpu_map, drm_virtgpu_map, offset);
    SAME_OFFSET(cvirtgpu_map, drm_virtgpu_map, handle);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, flags);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, size);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, command);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, bo_handles);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, num_bo_handles);
    SAME_OFFSET(cvirtgpu_execbuffer, drm_virtgpu_execbuffer, fence_fd);
    SAME_OFFSET(cvirtgpu_getparam, drm_virtgpu_getparam, param);
    SAME_OFFSET(cvirtgpu_getparam, drm_virtgpu_getparam, value);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, target);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, nr_samples);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, flags);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, bo_handle);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, res_handle);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, size);
    SAME_OFFSET(cvirtgpu_resource_create, drm_virtgpu_resource_create, stride);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_to_host, bo_handle);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_to_host, box);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_to_host, level);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_to_host, offset);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_from_host, level);
    SAME_OFFSET(cvirtgpu_transfer, drm_virtgpu_3d_transfer_from_host, offset);
    SAME_OFFSET(cvirtgpu_box, drm_virtgpu_3d_box, d);
    SAME_OFFSET(cvirtgpu_wait, drm_virtgpu_3d_wait, flags);
    SAME_OFFSET(cvirtgpu_get_caps, drm_virtgpu_get_caps, addr);
    SAME_OFFSET(cvirtgpu_get_caps, drm_virtgpu_get_caps, size);
    SAME_VALUE("sizeof getparam", sizeof(struct cvirtgpu_getparam), sizeof(struct drm_virtgpu_getparam));
    SAME_VALUE("sizeof resource_create", sizeof(struct cvirtgpu_resource_create), sizeof(struct drm_virtgpu_resource_create));
    SAME_VALUE("sizeof get_caps", sizeof(struct cvirtgpu_get_caps), sizeof(struct drm_virtgpu_get_caps));
    /* Structs that did not grow since Debian's header keep their request numbers. */
    SAME_VALUE("GETPARAM request", cvirtgpu_request(CVIRTGPU_OP_GETPARAM), DRM_IOCTL_VIRTGPU_GETPARAM);
    SAME_VALUE("MAP request", cvirtgpu_request(CVIRTGPU_OP_MAP), DRM_IOCTL_VIRTGPU_MAP);
    SAME_VALUE("RESOURCE_CREATE request", cvirtgpu_request(CVIRTGPU_OP_RESOURCE_CREATE), DRM_IOCTL_VIRTGPU_RESOURCE_CREATE);
    SAME_VALUE("WAIT request", cvirtgpu_request(CVIRTGPU_OP_WAIT), DRM_IOCTL_VIRTGPU_WAIT);
    SAME_VALUE("GET_CAPS request", cvirtgpu_request(CVIRTGPU_OP_GET_CAPS), DRM_IOCTL_VIRTGPU_GET_CAPS);
    return mismatches;
}

/* Context errors, by context id (ids wrap at CVIRGL_MAX_CONTEXTS: the transport allocates them in order). */
#define CVIRGL_MAX_CONTEXTS 4096
static pthread_mutex_t error_lock = PTHREAD_MUTEX_INITIALIZER;
static char *context_errors[CVIRGL_MAX_CONTEXTS];
static int debug_print = -1;

static void debug_hook(const char *fmt, va_list ap) {
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    if (debug_print < 0) debug_print = getenv("VIRGLGL_DEBUG") != NULL;
    if (debug_print) fprintf(stderr, "virglrenderer: %s", line);
    const char *mark = strstr(line, "context error reported ");
    if (!mark) return;
    unsigned long ctx = strtoul(mark + strlen("context error reported "), NULL, 10);
    pthread_mutex_lock(&error_lock);
    char **slot = &context_errors[ctx % CVIRGL_MAX_CONTEXTS];
    if (!*slot) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == ' ')) line[--n] = 0;
        *slot = strdup(line);
    }
    pthread_mutex_unlock(&error_lock);
}

void cvirgl_install_debug_hook(void) {
    virgl_set_debug_callback(debug_hook);
}

int cvirgl_context_error(uint32_t ctx_id, char *message, size_t len) {
    pthread_mutex_lock(&error_lock);
    const char *m = context_errors[ctx_id % CVIRGL_MAX_CONTEXTS];
    if (m && message && len) snprintf(message, len, "%s", m);
    pthread_mutex_unlock(&error_lock);
    return m != NULL;
}
