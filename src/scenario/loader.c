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
#include <string.h>

/* The innermost anchored part around `line` that aliases repeat. */
static const anchor *repeated_at(const loader *l, int line) {
    const anchor *found = NULL;
    for (size_t i = 0; i < l->anchor_count; i++) {
        const anchor *a = &l->anchors[i];
        if (a->alias_count && a->first_line <= line && line <= a->last_line &&
            (!found || a->first_line >= found->first_line))
            found = a;
    }
    return found;
}

/* "; line 8 is in &f, which *f repeats at line 10": the message's path
 * (firms[1]) says which copy was meant, the line only where it is written. */
static void note_aliases(const loader *l, int line, char *text, size_t size) {
    const anchor *a = repeated_at(l, line);
    if (!a) return;
    size_t n = strlen(text);
    const char *cut = strlen(a->name) > ANCHOR_NAME_SHOWN ? "..." : "";
    n += (size_t)snprintf(text + n, n < size ? size - n : 0,
                          "; line %d is in &%.*s%s, which *%.*s%s repeats at "
                          "line%s", line, ANCHOR_NAME_SHOWN, a->name, cut,
                          ANCHOR_NAME_SHOWN, a->name, cut,
                          a->alias_count > 1 ? "s" : "");
    int shown = a->alias_count < ANCHOR_ALIASES_SHOWN ? a->alias_count
                                                      : ANCHOR_ALIASES_SHOWN;
    for (int i = 0; i < shown && n < size; i++)
        n += (size_t)snprintf(text + n, size - n, "%s %d", i ? "," : "",
                              a->alias_line[i]);
    if (a->alias_count > shown && n < size)
        snprintf(text + n, size - n, " and %d more", a->alias_count - shown);
}

mishi_status fail_at(const loader *l, int line, int column, const char *fmt,
                     ...) {
    char text[896];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (line > 0) {
        note_aliases(l, line, text, sizeof text);
        return mishi_error_set(l->err, MISHI_ESCENARIO, "%s:%d:%d: %s",
                               l->file, line, column, text);
    }
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

mishi_status loader_add_anchor(loader *l, const anchor *a) {
    if (l->anchor_count == l->anchor_capacity) {
        size_t grown = l->anchor_capacity ? 2 * l->anchor_capacity : 8;
        anchor *anchors = realloc(l->anchors, grown * sizeof *anchors);
        if (!anchors) return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
        l->anchors = anchors, l->anchor_capacity = grown;
    }
    anchor copy = *a;
    if (!(copy.name = strdup(a->name)))
        return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
    l->anchors[l->anchor_count++] = copy;
    return MISHI_OK;
}

void loader_free(loader *l) {
    free(l->marks);
    l->marks = NULL, l->mark_count = l->mark_capacity = 0;
    for (size_t i = 0; i < l->anchor_count; i++) free(l->anchors[i].name);
    free(l->anchors);
    l->anchors = NULL, l->anchor_count = l->anchor_capacity = 0;
}
