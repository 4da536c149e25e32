/*
 * schema.h — the one table of scenario parameters.
 *
 * Scenario keys, `--set` paths, `mishi params`, the JSON echo in
 * summary.json and the parameter tables of docs/model.md all come from the
 * rows in schema.c, so they cannot disagree (after SUNDIALS' cvode_cli.c).
 */
#ifndef MISHI_SCHEMA_H
#define MISHI_SCHEMA_H

#include <stddef.h>

#include "mishi.h"
#include "params.h"

typedef enum {
    SCHEMA_INT,      /* int */
    SCHEMA_INT64,    /* int64_t */
    SCHEMA_REAL,     /* double */
    SCHEMA_SEED,     /* uint64_t */
    SCHEMA_TEXT,     /* char[MISHI_NAME_MAX] */
    SCHEMA_STRATEGY, /* mishi_strategy */
    SCHEMA_NAMED,    /* int: the index of one of the row's `names` */
} schema_type;

/* Which struct a row's offset points into. */
typedef enum {
    SCHEMA_TOP,    /* mishi_params; path "section.key" or "key" */
    SCHEMA_REGION, /* mishi_region_params; path "regions[].key" */
    SCHEMA_CLASS,  /* mishi_firm_class; path "firms[].key" */
    SCHEMA_SEGMENT, /* mishi_segment_params; path "segments[].key" */
} schema_scope;

typedef struct schema_row {
    mishi_param_info info;
    schema_scope scope;
    schema_type type;
    size_t offset;
    const char *const *names; /* SCHEMA_NAMED: the choices, NULL-ended */
} schema_row;

size_t schema_row_count(void);
const schema_row *schema_row_at(size_t index);

/* The row whose key is `key` within `scope`: for SCHEMA_TOP the full dotted
 * path ("consumers.count"), for the list scopes the bare key ("price"). */
const schema_row *schema_find(schema_scope scope, const char *key);

/* The nearest key in `scope` to a misspelt one (NULL if none is close). */
const char *schema_suggest(schema_scope scope, const char *key);

/* The key of a row within its scope ("count" for "firms[].count"). */
const char *schema_key(const schema_row *row);

/* Parse `text` as the row's type, check its range and store it at
 * `base + offset`. On failure returns MISHI_ESCENARIO with `why` saying what
 * was expected ("a number from 0 to 1", ...). */
mishi_status schema_store(const schema_row *row, const char *text, void *base,
                          char *why, size_t why_size);

/* What a valid value of the row looks like ("a number from 0 to 1"). */
void schema_expected(const schema_row *row, char *why, size_t why_size);

/* Write the value at `base + offset` as JSON. */
void schema_write_json(const schema_row *row, const void *base, FILE *f);

/* Fill every field of `scope` in `base` with its default. */
void schema_defaults(schema_scope scope, void *base);

#endif
