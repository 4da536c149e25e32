/*
 * load.c — reading a scenario file: YAML in, mishi_params out.
 *
 * A scenario file is YAML with the shape of the schema (schema.c):
 *
 *     name: train-station          # top-level keys: name, seed, weeks
 *     consumers: {count: 200000, transient_share: 0.5}
 *     choice: {beta: 4}
 *     entry: {rate: 0.2, class: local}
 *     regions:                     # optional; default: one region "all"
 *       - {name: coast, share: 2}
 *     firms:                       # firm classes; default: one class
 *       - {name: local, count: 300, strategy: train-station}
 *
 * Every key is looked up in the one schema table and every value is checked
 * by it, so a file, a --set and `mishi params` cannot disagree. A mistake is
 * reported as "FILE:LINE:COLUMN: KEY: expected WHAT, got 'TEXT'" — a user
 * should never have to guess which line of which file is wrong, and nothing
 * is silently defaulted: unknown or repeated keys are errors. libyaml builds
 * the whole document first (a scenario is small), so a value's node still
 * holds its line when it is stored; the loader marks it for the checks that
 * run once everything is in (checks.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "lists.h"
#include "loader.h"

/* The top-level keys, for "did you mean": the schema's run keys and
 * sections, then the lists. Written out rather than gathered from the
 * schema because their order breaks ties between equally near names. */
static const char *const top_keys[] = {
    "name",  "seed",     "weeks",   "consumers", "choice",
    "entry", "adoption", "regions", "firms"};

/* Where a message cuts the path of an unknown key, NUL included: a
 * section's ("consumers.KEY") and a list item's ("firms[3].KEY"). No real
 * key comes near either; they differ only so that no message changes. */
enum { SECTION_PATH_MAX = 160, ITEM_PATH_MAX = 192 };

/* ------------------------------------------------------------- nodes */

static int node_line(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }
static int node_column(const yaml_node_t *n) {
    return (int)n->start_mark.column + 1;
}

static const char *scalar(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value;
}

static const yaml_node_t *node(const loader *l, int id) {
    return yaml_document_get_node(l->doc, id);
}

static int is_null(const yaml_node_t *n) {
    if (n->type != YAML_SCALAR_NODE) return 0;
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return 0;
    const char *t = scalar(n);
    return !*t || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 ||
           strcmp(t, "Null") == 0 || strcmp(t, "NULL") == 0;
}

/* What a node holds, as a message's "got ...". */
static void describe(const yaml_node_t *n, char *out, size_t size) {
    if (n->type == YAML_MAPPING_NODE) snprintf(out, size, "a mapping");
    else if (n->type == YAML_SEQUENCE_NODE) snprintf(out, size, "a list");
    else if (is_null(n)) snprintf(out, size, "nothing");
    else if (strlen(scalar(n)) > 60) snprintf(out, size, "'%.57s...'", scalar(n));
    else snprintf(out, size, "'%s'", scalar(n));
}

static mishi_status fail_expected(const loader *l, const yaml_node_t *n,
                                  const char *key, const char *expected) {
    char got[80];
    describe(n, got, sizeof got);
    return fail_at(l, node_line(n), node_column(n), "%s: expected %s, got %s",
                   key, expected, got);
}

static mishi_status expect_mapping(const loader *l, const yaml_node_t *n,
                                   const char *where) {
    if (n->type == YAML_MAPPING_NODE) return MISHI_OK;
    return fail_expected(l, n, where, "a mapping of keys");
}

static mishi_status remember(loader *l, schema_scope scope, int index,
                             const schema_row *row, const yaml_node_t *n) {
    return loader_remember(l, (mark){scope, index, row, node_line(n),
                                     node_column(n)});
}

/* ------------------------------------------------------------- pairs */

/* Fail if the pair at `p` repeats an earlier key of the same mapping:
 * YAML leaves duplicates to the application, and "last one wins" would be
 * a silent default. */
static mishi_status check_unique_key(const loader *l, const yaml_node_t *map,
                                     const yaml_node_pair_t *p,
                                     const char *prefix) {
    const yaml_node_t *key = node(l, p->key);
    for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
        const yaml_node_t *earlier = node(l, q->key);
        if (earlier->type == YAML_SCALAR_NODE &&
            strcmp(scalar(earlier), scalar(key)) == 0)
            return fail_at(l, node_line(key), node_column(key),
                           "%s%s%s: given twice (first at line %d); keep one",
                           prefix ? prefix : "", prefix ? "." : "", scalar(key),
                           node_line(earlier));
    }
    return MISHI_OK;
}

/* The key of a mapping pair, which must be a plain name; `prefix` is the
 * path of the mapping ("consumers", "firms[2]"), NULL at the top level. */
static mishi_status pair_key(const loader *l, const yaml_node_t *map,
                             const yaml_node_pair_t *p, const char *prefix,
                             const char **key) {
    const yaml_node_t *k = node(l, p->key);
    if (k->type != YAML_SCALAR_NODE)
        return fail_expected(l, k, prefix ? prefix : "top level", "a key name");
    *key = scalar(k);
    return check_unique_key(l, map, p, prefix);
}

/* Store one value through the schema. `path` names it in messages. */
static mishi_status store(loader *l, const schema_row *row, const char *path,
                          const yaml_node_t *value, void *base, int index) {
    char why[160];
    if (value->type != YAML_SCALAR_NODE || is_null(value)) {
        schema_expected(row, why, sizeof why);
        return fail_expected(l, value, path, why);
    }
    if (schema_store(row, scalar(value), base, why, sizeof why) != MISHI_OK)
        return fail_expected(l, value, path, why);
    return remember(l, row->scope, index, row, value);
}

static mishi_status unknown_key(const loader *l, const yaml_node_t *k,
                                const char *path, const char *suggestion) {
    if (suggestion)
        return fail_at(l, node_line(k), node_column(k),
                       "%s: unknown key; did you mean '%s'?", path, suggestion);
    return fail_at(l, node_line(k), node_column(k),
                   "%s: unknown key (`mishi params` lists every key)", path);
}

/* One pair of the mapping at `where` ("consumers", "firms[2]"): a key of
 * `scope` stored into `base`. SCHEMA_TOP rows are keyed by their dotted
 * path, the lists' rows by the bare key. */
static mishi_status load_pair(loader *l, const yaml_node_t *map,
                              const yaml_node_pair_t *p, const char *where,
                              schema_scope scope, int index, void *base) {
    const char *key;
    mishi_status rc = pair_key(l, map, p, where, &key);
    if (rc) return rc;
    char path[ITEM_PATH_MAX];
    snprintf(path, scope == SCHEMA_TOP ? SECTION_PATH_MAX : ITEM_PATH_MAX,
             "%s.%s", where, key);
    const char *lookup = scope == SCHEMA_TOP ? path : key;
    const schema_row *row = schema_find(scope, lookup);
    if (!row)
        return unknown_key(l, node(l, p->key), path,
                           schema_suggest(scope, lookup));
    return store(l, row, path, node(l, p->value), base, index);
}

static mishi_status load_pairs(loader *l, const yaml_node_t *map,
                               const char *where, schema_scope scope,
                               int index, void *base) {
    mishi_status rc = MISHI_OK;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         !rc && p < map->data.mapping.pairs.top; p++)
        rc = load_pair(l, map, p, where, scope, index, base);
    return rc;
}

/* ---------------------------------------------------- sections, lists */

/* consumers:, choice:, entry:, adoption: — a mapping of "section.key" rows. */
static mishi_status load_section(loader *l, const char *section,
                                 const yaml_node_t *map) {
    mishi_status rc = expect_mapping(l, map, section);
    if (rc) return rc;
    return load_pairs(l, map, section, SCHEMA_TOP, 0, l->params);
}

/* One item of a list, on top of the defaults of its scope. */
static mishi_status load_item(loader *l, const params_list *list, int index,
                              const yaml_node_t *map) {
    char where[96];
    snprintf(where, sizeof where, "%s[%d]", list->key, index);
    mishi_status rc = expect_mapping(l, map, where);
    if (!rc) rc = remember(l, list->scope, index, NULL, map);
    if (rc) return rc;
    void *base = list_item_mut(list, l->params, index);
    schema_defaults(list->scope, base);
    return load_pairs(l, map, where, list->scope, index, base);
}

/* regions: or firms: — a non-empty list that replaces the default one. */
static mishi_status load_list(loader *l, const params_list *list,
                              const yaml_node_t *seq) {
    if (seq->type != YAML_SEQUENCE_NODE)
        return fail_expected(l, seq, list->key, list->expected);
    yaml_node_item_t *items = seq->data.sequence.items.start;
    int count = (int)(seq->data.sequence.items.top - items);
    if (count == 0)
        return fail_at(l, node_line(seq), node_column(seq),
                       "%s: the list is empty; give at least one %s (or leave "
                       "the key out for the default)", list->key, list->noun);
    if (count > list->limit)
        return fail_at(l, node_line(seq), node_column(seq),
                       "%s: %d entries; at most %d are allowed", list->key,
                       count, list->limit);
    mishi_status rc = MISHI_OK;
    for (int i = 0; !rc && i < count; i++)
        rc = load_item(l, list, i, node(l, items[i]));
    if (!rc) list_set_count(list, l->params, count);
    return rc;
}

/* ---------------------------------------------------------- top level */

/* A section is what the schema's dotted paths start with ("consumers"). */
static int is_section(const char *key) {
    size_t n = strlen(key);
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        if (row->scope == SCHEMA_TOP && strncmp(row->info.path, key, n) == 0 &&
            row->info.path[n] == '.')
            return 1;
    }
    return 0;
}

/* "choice.beta" for a top-level "beta": a key written outside its section. */
static const char *section_key_named(const char *key) {
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        const char *dot = strchr(row->info.path, '.');
        if (row->scope == SCHEMA_TOP && dot && strcmp(dot + 1, key) == 0)
            return row->info.path;
    }
    return NULL;
}

static mishi_status unknown_top_key(const loader *l, const yaml_node_t *k) {
    const char *key = scalar(k);
    const char *hint = section_key_named(key);
    if (!hint)
        hint = mishi_nearest_name(key, top_keys,
                                  sizeof top_keys / sizeof *top_keys);
    if (!hint) hint = schema_suggest(SCHEMA_TOP, key);
    return unknown_key(l, k, key, hint);
}

static mishi_status load_top_pair(loader *l, const yaml_node_t *root,
                                  const yaml_node_pair_t *p) {
    const char *key;
    mishi_status rc = pair_key(l, root, p, NULL, &key);
    if (rc) return rc;
    const yaml_node_t *v = node(l, p->value);
    if (is_section(key)) return load_section(l, key, v);
    const params_list *list = list_named(key);
    if (list) return load_list(l, list, v);
    const schema_row *row = schema_find(SCHEMA_TOP, key);
    if (row && !strchr(key, '.')) return store(l, row, key, v, l->params, 0);
    return unknown_top_key(l, node(l, p->key));
}

static mishi_status load_document(loader *l) {
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    if (!root || is_null(root))
        return fail_at(l, 0, 0, "the scenario is empty; expected a mapping of "
                                "keys such as 'consumers:' and 'firms:'");
    mishi_status rc = expect_mapping(l, root, "top level");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         !rc && p < root->data.mapping.pairs.top; p++)
        rc = load_top_pair(l, root, p);
    return rc;
}

/* ---------------------------------------------------------- the parser */

static mishi_status parse_error(const loader *l, const yaml_parser_t *parser) {
    const yaml_mark_t *m = parser->problem ? &parser->problem_mark
                                           : &parser->context_mark;
    return fail_at(l, (int)m->line + 1, (int)m->column + 1,
                   "not valid YAML: %s%s%s",
                   parser->problem ? parser->problem : "unreadable",
                   parser->context ? " " : "",
                   parser->context ? parser->context : "");
}

/* A second YAML document ("---") would be silently ignored: refuse it. */
static mishi_status expect_end(const loader *l, yaml_parser_t *parser) {
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next)) return parse_error(l, parser);
    const yaml_node_t *root = yaml_document_get_root_node(&next);
    int line = root ? node_line(root) : 0, column = root ? node_column(root) : 0;
    yaml_document_delete(&next);
    if (!root) return MISHI_OK;
    return fail_at(l, line, column, "a second YAML document; a scenario file "
                                    "holds one (remove the '---' and what "
                                    "follows, or merge them)");
}

/* The first document of `parser` into l->params, checked as a whole. */
static mishi_status load_first_document(loader *l, yaml_parser_t *parser) {
    yaml_document_t doc;
    if (!yaml_parser_load(parser, &doc)) return parse_error(l, parser);
    l->doc = &doc;
    mishi_status rc = load_document(l);
    if (!rc) rc = scenario_check(l, l->params);
    yaml_document_delete(&doc);
    l->doc = NULL;
    return rc;
}

static mishi_status load_text(loader *l, const char *yaml) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
                                 strlen(yaml));
    mishi_status rc = load_first_document(l, &parser);
    if (!rc) rc = expect_end(l, &parser);
    yaml_parser_delete(&parser);
    return rc;
}

/* ------------------------------------------------------------ public */

/* One region and one firm class, each at its defaults. */
static mishi_status new_default(mishi_scenario **out, mishi_error *err) {
    mishi_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    schema_defaults(SCHEMA_TOP, &sc->params);
    for (int k = 0; k < LIST_COUNT; k++) {
        const params_list *list = &params_lists[k];
        schema_defaults(list->scope, list_item_mut(list, &sc->params, 0));
        list_set_count(list, &sc->params, 1);
    }
    snprintf(sc->source, sizeof sc->source, "(defaults)");
    *out = sc;
    return MISHI_OK;
}

mishi_status mishi_scenario_default(mishi_scenario **out, mishi_error *err) {
    if (!out) return mishi_error_set(err, MISHI_EARG, "no place for the scenario");
    *out = NULL;
    return new_default(out, err);
}

mishi_status mishi_scenario_load_string(const char *yaml, const char *name,
                                        mishi_scenario **out,
                                        mishi_error *err) {
    if (!out || !yaml)
        return mishi_error_set(err, MISHI_EARG, "no scenario text given");
    *out = NULL;
    mishi_scenario *sc = NULL;
    mishi_status rc = new_default(&sc, err);
    if (rc) return rc;
    snprintf(sc->source, sizeof sc->source, "%s", name ? name : "(string)");
    loader l = {.file = sc->source, .params = &sc->params, .err = err};
    rc = load_text(&l, yaml);
    loader_free(&l);
    if (rc) mishi_scenario_free(sc);
    else *out = sc;
    return rc;
}

/* The whole of `f` in memory (scenarios are small), with room for a NUL;
 * NULL when out of memory. */
static char *read_all(FILE *f, size_t *size) {
    size_t capacity = 4096;
    char *buf = malloc(capacity);
    *size = 0;
    while (buf) {
        *size += fread(buf + *size, 1, capacity - *size - 1, f);
        if (*size < capacity - 1) break;
        char *grown = realloc(buf, capacity * 2);
        if (!grown) free(buf);
        buf = grown, capacity *= 2;
    }
    return buf;
}

/* The file at `path` as a NUL-terminated string, refused if it holds a NUL
 * itself (it would cut the text short unnoticed). */
static mishi_status read_text(const char *path, char **text, mishi_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot open: %s", path,
                               strerror(errno));
    size_t size;
    char *buf = read_all(f, &size);
    int failed = ferror(f), errnum = errno;
    fclose(f);
    if (!buf) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = MISHI_OK;
    if (failed)
        rc = mishi_error_set(err, MISHI_EIO, "%s: cannot read: %s", path,
                             strerror(errnum));
    else if (memchr(buf, '\0', size))
        rc = mishi_error_set(err, MISHI_ESCENARIO,
                             "%s: not a text file (it holds a NUL byte)", path);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[size] = '\0';
    *text = buf;
    return MISHI_OK;
}

mishi_status mishi_scenario_load(const char *path, mishi_scenario **out,
                                 mishi_error *err) {
    if (!out || !path)
        return mishi_error_set(err, MISHI_EARG, "no scenario file given");
    *out = NULL;
    char *text = NULL;
    mishi_status rc = read_text(path, &text, err);
    if (rc) return rc;
    rc = mishi_scenario_load_string(text, path, out, err);
    free(text);
    return rc;
}
