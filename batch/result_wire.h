/*
 * result_wire.h — a finished run as bytes, for a rank to send to rank 0
 * (result_wire.c). The ranks of one job run the same build on machines of
 * one kind, so numbers travel in the machine's own representation.
 */
#ifndef MISHI_RESULT_WIRE_H
#define MISHI_RESULT_WIRE_H

#include <stddef.h>

#include "mishi.h"
#include "store.h"

/* Pack `r` and send it to rank 0. */
mishi_status wire_send(const run_result *r, mishi_error *err);
/* Unpack `size` bytes into `r`, whose arrays have room for the sweep's
 * measures and series (result_alloc); 0, or -1 for a message that does
 * not fit them. */
int wire_read(const void *data, size_t size, run_result *r);

#endif
