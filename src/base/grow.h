/*
 * grow.h — the one way the engine lengthens an array it appends to:
 * double it, or start it at `first` elements.
 */
#ifndef MISHI_GROW_H
#define MISHI_GROW_H

#include <stdlib.h>

#include "mishi.h"

/* *at holds *capacity elements of `size` bytes; afterwards at least one
 * more (MISHI_ENOMEM, *at untouched, if there is no memory). */
static inline mishi_status grow_array(void **at, size_t *capacity, size_t size,
                                      size_t first) {
    size_t grown = *capacity ? *capacity * 2 : first;
    void *p = realloc(*at, grown * size);
    if (!p) return MISHI_ENOMEM;
    *at = p, *capacity = grown;
    return MISHI_OK;
}

#endif
