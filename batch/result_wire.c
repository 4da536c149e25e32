/*
 * result_wire.c — packing a finished run for the trip to rank 0: a fixed
 * header, the measures, the series, the failure message, the platform the
 * run ran on, then its idle mechanisms.
 */
#include "result_wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ranks.h"

typedef struct wire_header {
    uint64_t run, measures, series, weeks, message_bytes, platform_bytes,
        idle_bytes;
    int32_t ok, rank;
    double setup_seconds, run_seconds;
} wire_header;

static size_t values_of(const run_result *r) {
    return r->measure_count + r->series_count * r->weeks;
}

mishi_status wire_send(const run_result *r, mishi_error *err) {
    size_t message = r->message ? strlen(r->message) : 0;
    size_t platform = r->platform ? strlen(r->platform) : 0;
    size_t idle = r->idle ? strlen(r->idle) : 0;
    size_t values = values_of(r) * sizeof(double);
    size_t size = sizeof(wire_header) + values + message + platform + idle;
    unsigned char *data = malloc(size);
    if (!data) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    wire_header h = {r->run, r->measure_count, r->series_count, r->weeks,
                     message, platform, idle, r->ok, r->rank, r->setup_seconds,
                     r->run_seconds};
    unsigned char *at = data;
    memcpy(at, &h, sizeof h), at += sizeof h;
    memcpy(at, r->measures, r->measure_count * sizeof(double));
    at += r->measure_count * sizeof(double);
    memcpy(at, r->series, r->series_count * r->weeks * sizeof(double));
    at += r->series_count * r->weeks * sizeof(double);
    if (message) memcpy(at, r->message, message), at += message;
    if (platform) memcpy(at, r->platform, platform), at += platform;
    if (idle) memcpy(at, r->idle, idle);
    mishi_status rc = ranks_send(data, size, err);
    free(data);
    return rc;
}

int wire_read(const void *data, size_t size, run_result *r) {
    wire_header h;
    if (size < sizeof h) return -1;
    memcpy(&h, data, sizeof h);
    size_t values = (size_t)(h.measures + h.series * h.weeks);
    if (h.measures != r->measure_count || h.series != r->series_count ||
        h.weeks != r->weeks ||
        size != sizeof h + values * sizeof(double) + h.message_bytes +
                    h.platform_bytes + h.idle_bytes)
        return -1;
    const unsigned char *at = (const unsigned char *)data + sizeof h;
    memcpy(r->measures, at, r->measure_count * sizeof(double));
    at += r->measure_count * sizeof(double);
    memcpy(r->series, at, r->series_count * r->weeks * sizeof(double));
    at += r->series_count * r->weeks * sizeof(double);
    free(r->message), free(r->platform), free(r->idle);
    r->message = h.message_bytes ? strndup((const char *)at, h.message_bytes)
                                 : NULL;
    at += h.message_bytes;
    r->platform = h.platform_bytes ? strndup((const char *)at, h.platform_bytes)
                                   : NULL;
    at += h.platform_bytes;
    r->idle = h.idle_bytes ? strndup((const char *)at, h.idle_bytes) : NULL;
    r->run = (size_t)h.run, r->ok = h.ok, r->rank = h.rank;
    r->setup_seconds = h.setup_seconds, r->run_seconds = h.run_seconds;
    return 0;
}
