/*
 * sweep_read.c — the checks every part of a sweep file needs (a number, a
 * name from a list, a small mapping of known keys, a mapping read pair by
 * pair), written once so that `vary:`, `measures:` and the top level word
 * their refusals alike (sweep_read.h says what each guarantees).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mishi_files.h"
#include "sweep_read.h"

const char *const sweep_reserved_columns[SWEEP_RESERVED_COLUMNS] = {
    "run", "point", "replicate", "seed"};

const char *const sweep_run_record_columns[SWEEP_RUN_RECORD_COLUMNS] = {
    "status", "message", "params", "command", "mishi_version", "scenario_digest",
    "setup_seconds", "run_seconds", "rank", "platform", "idle", "finished"};

const char *sweep_column_taken(const char *name, int run_record) {
    for (size_t i = 0; i < SWEEP_RESERVED_COLUMNS; i++)
        if (strcasecmp(name, sweep_reserved_columns[i]) == 0)
            return sweep_reserved_columns[i];
    for (size_t i = 0; run_record && i < SWEEP_RUN_RECORD_COLUMNS; i++)
        if (strcasecmp(name, sweep_run_record_columns[i]) == 0)
            return sweep_run_record_columns[i];
    return NULL;
}

int sweep_is_identifier(const char *s) {
    if (!isalpha((unsigned char)*s) && *s != '_') return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_') return 0;
    return 1;
}

mishi_status sweep_check_name(const loader *l, const yaml_node_t *k,
                              const char *where, const char *name,
                              const char *what, const char *cell,
                              const char *noun) {
    if (!sweep_is_identifier(name) || strlen(name) >= MISHI_NAME_MAX)
        return fail_at(l, yr_line(k), yr_column(k), "%s.%s: %s a plain "
                       "identifier (letters, digits and '_', not starting "
                       "with a digit, at most %d characters)", where, name,
                       what, MISHI_NAME_MAX - 1);
    const char *misread = mishi_csv_misread(name);
    if (misread)
        return fail_at(l, yr_line(k), yr_column(k), "%s.%s: reads as %s in "
                       "pandas or R, in a CSV cell (%s); give the %s another "
                       "name", where, name, misread, cell, noun);
    return MISHI_OK;
}

void sweep_list_names(const char *const *names, size_t count, char *out,
                      size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s",
                                 i ? ", " : "", names[i]);
}

/* The index of `text` among names[0..count), -1 if none. */
static int name_index(const char *text, const char *const *names,
                      size_t count) {
    for (size_t i = 0; i < count; i++)
        if (names[i] && strcmp(text, names[i]) == 0) return (int)i;
    return -1;
}

/* "WHERE.KEY: unknown key; did you mean ...?", else one listing the keys. */
static mishi_status unknown_field(const sweep_reader *r, const yaml_node_t *k,
                                  const char *where, const char *const *names,
                                  size_t count) {
    char path[SWEEP_PATH_MAX + 64], otherwise[400] = "keys here: ";
    snprintf(path, sizeof path, "%s%s%s", where ? where : "", where ? "." : "",
             yr_scalar(k));
    sweep_list_names(names, count, otherwise + 11, sizeof otherwise - 11);
    return yr_unknown_key(&r->l, k, path,
                          mishi_nearest_name(yr_scalar(k), names, count),
                          otherwise);
}

mishi_status sweep_read_number(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, const char *expected,
                               double *out) {
    /* a row of the schema's own type: decimal, finite, nothing after it */
    static const schema_row any_number = {
        {"number", "real", "-", -1.7976931348623157e308,
         1.7976931348623157e308, "0", "any number"},
        SCHEMA_TOP, SCHEMA_REAL, 0, NULL};
    char why[160];
    if (n->type == YAML_SCALAR_NODE && !yr_is_null(n) &&
        schema_store(&any_number, yr_scalar(n), out, why, sizeof why) == MISHI_OK)
        return MISHI_OK;
    return yr_fail_expected(&r->l, n, key, expected);
}

mishi_status sweep_read_choice(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, const char *const *names,
                               size_t count, int *out) {
    int i = n->type == YAML_SCALAR_NODE
                ? name_index(yr_scalar(n), names, count) : -1;
    if (i >= 0) {
        *out = i;
        return MISHI_OK;
    }
    char expected[240] = "one of ";
    sweep_list_names(names, count, expected + 7, sizeof expected - 7);
    return yr_fail_expected(&r->l, n, key, expected);
}

void *sweep_pair_array(const sweep_reader *r, const yaml_node_t *map,
                       const char *key, const char *expected, size_t size,
                       mishi_status *rc) {
    void *array = NULL;
    *rc = MISHI_OK;
    if (map->type != YAML_MAPPING_NODE)
        *rc = yr_fail_expected(&r->l, map, key, expected);
    else if (!(array = calloc(yr_pairs(map) + 1, size)))
        *rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    return array;
}

mishi_status sweep_each_pair(sweep_reader *r, const yaml_node_t *map,
                             sweep_pair_reader read, void *context) {
    mishi_status rc = MISHI_OK;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         !rc && p < map->data.mapping.pairs.top; p++)
        rc = read(r, map, p, context);
    return rc;
}

mishi_status sweep_read_fields(const sweep_reader *r, const yaml_node_t *map,
                               const char *where, const char *const *names,
                               size_t count, const yaml_node_t **key,
                               const yaml_node_t **value) {
    mishi_status rc = yr_expect_mapping(&r->l, map, where ? where : "top level");
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         !rc && p < map->data.mapping.pairs.top; p++) {
        const char *name;
        rc = yr_pair_key(&r->l, map, p, where, &name);
        int i = rc ? 0 : name_index(name, names, count);
        if (!rc && i < 0)
            rc = unknown_field(r, yr_node(&r->l, p->key), where, names, count);
        if (!rc) key[i] = yr_node(&r->l, p->key), value[i] = yr_node(&r->l, p->value);
    }
    return rc;
}

