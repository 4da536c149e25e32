/*
 * status.c — status codes, their names and messages, and error filling.
 */

#include "mishi.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message longer than err->message keeps its head and its tail: most
 * start with a path and end with the reason, and a path of a thousand
 * characters (a deep --out) pushed the reason out of it. */
mishi_status mishi_error_set(mishi_error *err, mishi_status code,
                             const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    char whole[16384];
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(whole, sizeof whole, fmt, args);
    va_end(args);
    if (n < 0) whole[0] = '\0', n = 0; /* an encoding error: no message */
    size_t size = sizeof err->message, length = (size_t)n;
    if (length >= sizeof whole) length = sizeof whole - 1;
    if (length < size) {
        memcpy(err->message, whole, length + 1);
        return code;
    }
    size_t half = (size - sizeof " ... ") / 2;
    snprintf(err->message, size, "%.*s ... %s", (int)half, whole,
             whole + length - half);
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

void mishi_text_append(char *buf, size_t size, const char *format, ...) {
    size_t used = strlen(buf);
    if (used + 1 >= size) return;
    va_list args;
    va_start(args, format);
    vsnprintf(buf + used, size - used, format, args);
    va_end(args);
}
