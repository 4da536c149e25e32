/*
 * yaml_read.h — reading a YAML input file the way mishi reads every one:
 * the node helpers and the message rules that scenario files (load.c) and
 * sweep files (src/sweep/) share, so that a mistake in either reads alike:
 * "FILE:LINE:COLUMN: KEY: expected WHAT, got 'TEXT'".
 *
 * The rules: a key is a plain name and is given once (YAML leaves repeats
 * to the application, and "the last one wins" would be a silent default);
 * a file holds one document (a second one after '---' would be ignored);
 * a file is text (a NUL byte would cut it short unnoticed). libyaml builds
 * the whole document before anything is read from it, so every node still
 * holds its line and column when a check late in the reading needs them.
 *
 * The prefix yr_ ("YAML reading") keeps these apart from libyaml's own
 * yaml_ names.
 */
#ifndef MISHI_YAML_READ_H
#define MISHI_YAML_READ_H

#include <stddef.h>

#include <yaml.h>

#include "loader.h"

/* 1-based, as editors count. */
static inline int yr_line(const yaml_node_t *n) {
    return (int)n->start_mark.line + 1;
}
static inline int yr_column(const yaml_node_t *n) {
    return (int)n->start_mark.column + 1;
}

static inline const char *yr_scalar(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value;
}

static inline const yaml_node_t *yr_node(const loader *l, int id) {
    return yaml_document_get_node(l->doc, id);
}

/* The items of a sequence node and their number. */
static inline size_t yr_items(const yaml_node_t *seq) {
    return (size_t)(seq->data.sequence.items.top -
                    seq->data.sequence.items.start);
}

/* The pairs of a mapping node and their number. */
static inline size_t yr_pairs(const yaml_node_t *map) {
    return (size_t)(map->data.mapping.pairs.top -
                    map->data.mapping.pairs.start);
}

/* An unquoted empty value, '~' or 'null': YAML's "nothing". */
int yr_is_null(const yaml_node_t *n);
/* What a node holds, as a message's "got ...": 'text', a mapping, ... */
void yr_describe(const yaml_node_t *n, char *out, size_t size);

/* "KEY: expected WHAT, got ..." at the node. */
mishi_status yr_fail_expected(const loader *l, const yaml_node_t *n,
                              const char *key, const char *expected);
mishi_status yr_expect_mapping(const loader *l, const yaml_node_t *n,
                               const char *where);
/* The key of a mapping pair, which must be a plain name given once in the
 * mapping; `prefix` is the mapping's path ("consumers", "firms[2]"), NULL
 * at the top level. */
mishi_status yr_pair_key(const loader *l, const yaml_node_t *map,
                         const yaml_node_pair_t *p, const char *prefix,
                         const char **key);
/* Store a scalar value through a schema row (schema.h), which parses and
 * range-checks it; a refusal is "PATH: expected WHAT, got ..." with WHAT
 * from the row, so every file says alike what a key takes. */
mishi_status yr_store(const loader *l, const schema_row *row, const char *path,
                      const yaml_node_t *value, void *base);
/* "PATH: unknown key; did you mean 'SUGGESTION'?", or when nothing is
 * near, "PATH: unknown key (OTHERWISE)": where to look the keys up. */
mishi_status yr_unknown_key(const loader *l, const yaml_node_t *k,
                            const char *path, const char *suggestion,
                            const char *otherwise);

/* Reads the document of l->doc; called with it in place. */
typedef mishi_status (*yr_reader)(loader *l, void *context);

/* Parse `yaml`, hand its first document to `read`, and refuse a second
 * document; `what` names the kind of file in that refusal ("a scenario
 * file"). l->doc points at the document only during the call. */
mishi_status yr_read_text(loader *l, const char *yaml, const char *what,
                          yr_reader read, void *context);

/* The file at `path` as a NUL-terminated string to free(). */
mishi_status yr_read_file(const char *path, char **text, mishi_error *err);

#endif
