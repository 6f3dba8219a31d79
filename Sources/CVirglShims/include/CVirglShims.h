#ifndef CVIRGLSHIMS_H
#define CVIRGLSHIMS_H
/* C helpers for VirglTransport: what Swift cannot express directly (SCM_RIGHTS, variadic ioctl) and the Linux
 * virtio-gpu DRM uapi as of Linux 6.1, declared here because Debian's libdrm-dev ships an older
 * virtgpu_drm.h without stride fields, ring_idx, blob resources and context init. Layouts follow the kernel's
 * include/uapi/drm/virtgpu_drm.h; Tests/VirglTransportTests checks them against Debian's header. */
#include <stddef.h>
#include <stdint.h>

/* Receives one file descriptor sent with SCM_RIGHTS alongside a 1-byte message. Returns the fd, or -1 with
 * errno set (0 when the peer sent no descriptor). Honours the socket's SO_RCVTIMEO. */
int cvirgl_recv_fd(int sock);

/* --- in-process virglrenderer --- */

/* Routes virglrenderer's debug output through VirglGL: messages are kept (the last one per context that
 * reported an error) instead of printed, unless VIRGLGL_DEBUG is set. Call once, before virgl_renderer_init. */
void cvirgl_install_debug_hook(void);

/* Nonzero when virglrenderer has reported an error on context `ctx_id` ("context error reported N …"); the
 * renderer ignores that context's commands from then on. Copies the message into `message`. */
int cvirgl_context_error(uint32_t ctx_id, char *message, size_t len);

/* --- virtio-gpu DRM uapi (Linux 6.1) --- */
enum {
    CVIRTGPU_PARAM_3D_FEATURES = 1,
    CVIRTGPU_PARAM_CAPSET_QUERY_FIX = 2,
    CVIRTGPU_PARAM_RESOURCE_BLOB = 3,
    CVIRTGPU_PARAM_HOST_VISIBLE = 4,
    CVIRTGPU_PARAM_CROSS_DEVICE = 5,
    CVIRTGPU_PARAM_CONTEXT_INIT = 6,
    CVIRTGPU_PARAM_SUPPORTED_CAPSET_IDS = 7,
};

enum {
    CVIRTGPU_EXECBUF_FENCE_FD_IN = 0x01,
    CVIRTGPU_EXECBUF_FENCE_FD_OUT = 0x02,
    CVIRTGPU_EXECBUF_RING_IDX = 0x04,
};

enum { CVIRTGPU_WAIT_NOWAIT = 1 };

struct cvirtgpu_map {
    uint64_t offset;
    uint32_t handle;
    uint32_t pad;
};

struct cvirtgpu_execbuffer {
    uint32_t flags;
    uint32_t size;
    uint64_t command;
    uint64_t bo_handles;
    uint32_t num_bo_handles;
    int32_t fence_fd;
    uint32_t ring_idx;
    uint32_t pad;
};

struct cvirtgpu_getparam {
    uint64_t param;
    uint64_t value;
};

struct cvirtgpu_resource_create {
    uint32_t target;
    uint32_t format;
    uint32_t bind;
    uint32_t width;
    uint32_t height;
    uint32_t depth;
    uint32_t array_size;
    uint32_t last_level;
    uint32_t nr_samples;
    uint32_t flags;
    uint32_t bo_handle;
    uint32_t res_handle;
    uint32_t size;
    uint32_t stride;
};

struct cvirtgpu_box {
    uint32_t x, y, z, w, h, d;
};

/* TRANSFER_TO_HOST and TRANSFER_FROM_HOST share this layout. */
struct cvirtgpu_transfer {
    uint32_t bo_handle;
    struct cvirtgpu_box box;
    uint32_t level;
    uint32_t offset;
    uint32_t stride;
    uint32_t layer_stride;
};

struct cvirtgpu_wait {
    uint32_t handle;
    uint32_t flags;
};

struct cvirtgpu_get_caps {
    uint32_t cap_set_id;
    uint32_t cap_set_ver;
    uint64_t addr;
    uint32_t size;
    uint32_t pad;
};

struct cvirtgpu_resource_create_blob {
    uint32_t blob_mem;
    uint32_t blob_flags;
    uint32_t bo_handle;
    uint32_t res_handle;
    uint64_t size;
    uint32_t pad;
    uint32_t cmd_size;
    uint64_t cmd;
    uint64_t blob_id;
};

struct cvirtgpu_context_set_param {
    uint64_t param;
    uint64_t value;
};

struct cvirtgpu_context_init {
    uint32_t num_params;
    uint32_t pad;
    uint64_t ctx_set_params;
};

/* The ioctl request numbers (DRM_IOWR(DRM_COMMAND_BASE + n, struct)). */
enum cvirtgpu_op {
    CVIRTGPU_OP_MAP,
    CVIRTGPU_OP_EXECBUFFER,
    CVIRTGPU_OP_GETPARAM,
    CVIRTGPU_OP_RESOURCE_CREATE,
    CVIRTGPU_OP_TRANSFER_FROM_HOST,
    CVIRTGPU_OP_TRANSFER_TO_HOST,
    CVIRTGPU_OP_WAIT,
    CVIRTGPU_OP_GET_CAPS,
    CVIRTGPU_OP_RESOURCE_CREATE_BLOB,
    CVIRTGPU_OP_CONTEXT_INIT,
};
unsigned long cvirtgpu_request(enum cvirtgpu_op op);

/* drmIoctl (retries on EINTR/EAGAIN). Returns 0 or -1 with errno set. */
int cvirtgpu_ioctl(int fd, enum cvirtgpu_op op, void *arg);

/* DRM_IOCTL_GEM_CLOSE. Returns 0 or -1 with errno set. */
int cvirtgpu_gem_close(int fd, uint32_t handle);

/* Opens the first /dev/dri/renderD* whose DRM driver is "virtio_gpu"; -1 when there is none. */
int cvirtgpu_open_render_node(char *path_out, size_t path_len);

/* Compares the fields this header shares with Debian's <libdrm/virtgpu_drm.h> (offsets, and the request
 * numbers of the ioctls whose struct did not grow). Returns the number of mismatches; writes the first one's
 * name to `first_mismatch`. */
int cvirtgpu_check_against_libdrm(char *first_mismatch, size_t len);

#endif
