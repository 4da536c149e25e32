/*
 * echo.c — every resolved parameter as one JSON object, for summary.json.
 *
 * The echo has the shape of a scenario file, {"consumers": {"count": ...},
 * "regions": [...], "firms": [...]}, and JSON is YAML, so a run's summary
 * can be loaded back as its own scenario (tests/test_scenario.c checks that
 * the reloaded echo is the same). It walks the schema rather than naming
 * fields, so a new parameter is echoed without an edit here.
 */
#include <stdio.h>
#include <string.h>

#include "lists.h"

/* The fields of one list item as an object, in schema order. */
static void write_item(const void *base, schema_scope scope, FILE *f) {
    const char *sep = "";
    fputc('{', f);
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        if (row->scope != scope) continue;
        fprintf(f, "%s\"%s\": ", sep, schema_key(row));
        schema_write_json(row, base, f);
        sep = ", ";
    }
    fputc('}', f);
}

/* The length of the section of "consumers.count"; 0 for "seed". */
static size_t section_length(const char *path) {
    const char *dot = strchr(path, '.');
    return dot ? (size_t)(dot - path) : 0;
}

static int same_section(const char *a, const char *b) {
    size_t n = section_length(a);
    return n == section_length(b) && strncmp(a, b, n) == 0;
}

/* Top-level rows, "section.key" ones nested as {"section": {"key": ...}};
 * the schema lists each section's rows together, so a section's object
 * opens at its first row and closes at the first row of another. */
static void write_top(const mishi_params *p, FILE *f) {
    const char *open = NULL; /* a path in the section whose object is open */
    const char *outer = "", *inner = ""; /* separators before the next key */
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        if (row->scope != SCHEMA_TOP) continue;
        const char *path = row->info.path;
        size_t n = section_length(path);
        if (open && !same_section(open, path)) {
            fputc('}', f);
            open = NULL;
        }
        if (n && !open) {
            fprintf(f, "%s\"%.*s\": {", outer, (int)n, path);
            open = path, outer = ", ", inner = "";
        }
        const char **sep = open ? &inner : &outer;
        fprintf(f, "%s\"%s\": ", *sep, open ? path + n + 1 : path);
        *sep = ", ";
        schema_write_json(row, p, f);
    }
    if (open) fputc('}', f);
}

static void write_list(const params_list *list, const mishi_params *p,
                       FILE *f) {
    fprintf(f, ", \"%s\": [", list->key);
    for (int i = 0; i < list_count(list, p); i++) {
        if (i) fputs(", ", f);
        write_item(list_item(list, p, i), list->scope, f);
    }
    fputc(']', f);
}

mishi_status mishi_scenario_write_json(const mishi_scenario *sc, FILE *f) {
    if (!sc || !f) return MISHI_EARG;
    fputc('{', f);
    write_top(&sc->params, f);
    for (int k = 0; k < LIST_COUNT; k++)
        write_list(&params_lists[k], &sc->params, f);
    fputc('}', f);
    return ferror(f) ? MISHI_EIO : MISHI_OK;
}
