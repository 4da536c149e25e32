/*
 * status.c — status codes, their names and messages, and error filling.
 */

#include "mishi.h"

#include <stdarg.h>
#include <stdio.h>

mishi_status mishi_error_set(mishi_error *err, mishi_status code,
                             const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    va_list args;
    va_start(args, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, args);
    va_end(args);
    return code;
}

const char *mishi_status_name(int code) {
    switch (code) {
#define MISHI_STATUS_NAME(name, value, text) case value: return #name;
        MISHI_STATUS_LIST(MISHI_STATUS_NAME)
#undef MISHI_STATUS_NAME
    }
    return "MISHI_UNKNOWN";
}

const char *mishi_status_message(int code) {
    switch (code) {
#define MISHI_STATUS_TEXT(name, value, text) case value: return text;
        MISHI_STATUS_LIST(MISHI_STATUS_TEXT)
#undef MISHI_STATUS_TEXT
    }
    return "unknown status";
}
