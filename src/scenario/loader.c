/*
 * loader.c — a loader's marks and its messages.
 *
 * Values are checked one by one as they are read, but some mistakes show
 * only once the whole file is in (min above max, a region no one defined).
 * Marks remember the line and column of every value read, so that those
 * late checks can still point at the line to fix; a linear search is
 * enough, as a scenario holds a few hundred values and a failed check
 * looks up one.
 */
#include "loader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

mishi_status fail_at(const loader *l, int line, int column, const char *fmt,
                     ...) {
    char text[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (line > 0)
        return mishi_error_set(l->err, MISHI_ESCENARIO, "%s:%d:%d: %s",
                               l->file, line, column, text);
    return mishi_error_set(l->err, MISHI_ESCENARIO, "%s: %s", l->file, text);
}

mishi_status loader_remember(loader *l, mark m) {
    if (l->mark_count == l->mark_capacity) {
        size_t grown = l->mark_capacity ? 2 * l->mark_capacity : 64;
        mark *marks = realloc(l->marks, grown * sizeof *marks);
        if (!marks) return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
        l->marks = marks, l->mark_capacity = grown;
    }
    l->marks[l->mark_count++] = m;
    return MISHI_OK;
}

const mark *loader_find_mark(const loader *l, schema_scope scope, int index,
                             const schema_row *row) {
    const mark *item = NULL;
    for (size_t i = 0; i < l->mark_count; i++) {
        const mark *m = &l->marks[i];
        if (m->scope != scope || m->index != index) continue;
        if (m->row == row) return m;
        if (!m->row) item = m;
    }
    return item;
}

void loader_free(loader *l) {
    free(l->marks);
    l->marks = NULL, l->mark_count = l->mark_capacity = 0;
}
