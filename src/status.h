/*
 * status.h — filling a mishi_error: the one way the engine reports failure.
 *
 * The library never prints; it returns a mishi_status and, when the caller
 * passed a mishi_error, leaves a message there naming what went wrong.
 */
#ifndef MISHI_STATUS_H
#define MISHI_STATUS_H

#include "mishi.h"

/* Record `code` and a printf-style message in `err` (which may be NULL) and
 * return `code`, so a failure reads `return mishi_error_set(err, ...)`. */
mishi_status mishi_error_set(mishi_error *err, mishi_status code,
                             const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
