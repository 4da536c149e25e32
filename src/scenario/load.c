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
 * run once everything is in (checks.c). The node helpers and the message
 * rules are shared with sweep files (yaml_read.c), so both read alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "loader.h"
#include "yaml_read.h"

/* The top-level keys, for "did you mean": the schema's run keys and
 * sections, then the lists. Written out rather than gathered from the
 * schema because their order breaks ties between equally near names. */
static const char *const top_keys[] = {
    "name",  "seed",     "weeks",   "consumers", "choice",
    "entry", "adoption", "regions", "firms", "segments", "reputation",
    "social", "flash", "resale"};

/* Where a message cuts the path of an unknown key, NUL included: a
 * section's ("consumers.KEY") and a list item's ("firms[3].KEY"). No real
 * key comes near either; they differ only so that no message changes. */
enum { SECTION_PATH_MAX = 160, ITEM_PATH_MAX = 192 };

/* ------------------------------------------------------------ values */

static mishi_status remember(loader *l, schema_scope scope, int index,
                             const schema_row *row, const yaml_node_t *n) {
    return loader_remember(l, (mark){scope, index, row, yr_line(n),
                                     yr_column(n)});
}

/* Store one value through the schema, marked for the checks that run once
 * the file is in. `path` names it in messages. */
static mishi_status store(loader *l, const schema_row *row, const char *path,
                          const yaml_node_t *value, void *base, int index) {
    mishi_status rc = yr_store(l, row, path, value, base);
    return rc ? rc : remember(l, row->scope, index, row, value);
}

/* Scenario keys are listed by `mishi params`. */
static mishi_status unknown_key(const loader *l, const yaml_node_t *k,
                                const char *path, const char *suggestion) {
    return yr_unknown_key(l, k, path, suggestion,
                          "`mishi params` lists every key");
}

/* One pair of the mapping at `where` ("consumers", "firms[2]"): a key of
 * `scope` stored into `base`. SCHEMA_TOP rows are keyed by their dotted
 * path, the lists' rows by the bare key. */
static mishi_status load_pair(loader *l, const yaml_node_t *map,
                              const yaml_node_pair_t *p, const char *where,
                              schema_scope scope, int index, void *base) {
    const char *key;
    mishi_status rc = yr_pair_key(l, map, p, where, &key);
    if (rc) return rc;
    char path[ITEM_PATH_MAX];
    snprintf(path, scope == SCHEMA_TOP ? SECTION_PATH_MAX : ITEM_PATH_MAX,
             "%s.%s", where, key);
    const char *lookup = scope == SCHEMA_TOP ? path : key;
    const schema_row *row = schema_find(scope, lookup);
    if (!row)
        return unknown_key(l, yr_node(l, p->key), path,
                           schema_suggest(scope, lookup));
    return store(l, row, path, yr_node(l, p->value), base, index);
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
    mishi_status rc = yr_expect_mapping(l, map, section);
    if (rc) return rc;
    return load_pairs(l, map, section, SCHEMA_TOP, 0, l->params);
}

/* One item of a list, on top of the defaults of its scope. */
static mishi_status load_item(loader *l, const params_list *list, int index,
                              const yaml_node_t *map) {
    char where[96];
    snprintf(where, sizeof where, "%s[%d]", list->key, index);
    mishi_status rc = yr_expect_mapping(l, map, where);
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
        return yr_fail_expected(l, seq, list->key, list->expected);
    yaml_node_item_t *items = seq->data.sequence.items.start;
    int count = (int)(seq->data.sequence.items.top - items);
    if (count == 0)
        return fail_at(l, yr_line(seq), yr_column(seq),
                       "%s: the list is empty; give at least one %s (or leave "
                       "the key out for the default)", list->key, list->noun);
    if (count > list->limit)
        return fail_at(l, yr_line(seq), yr_column(seq),
                       "%s: %d entries; at most %d are allowed", list->key,
                       count, list->limit);
    mishi_status rc = MISHI_OK;
    for (int i = 0; !rc && i < count; i++)
        rc = load_item(l, list, i, yr_node(l, items[i]));
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
    const char *key = yr_scalar(k);
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
    mishi_status rc = yr_pair_key(l, root, p, NULL, &key);
    if (rc) return rc;
    const yaml_node_t *v = yr_node(l, p->value);
    if (is_section(key)) return load_section(l, key, v);
    const params_list *list = list_named(key);
    if (list) return load_list(l, list, v);
    const schema_row *row = schema_find(SCHEMA_TOP, key);
    if (row && !strchr(key, '.')) return store(l, row, key, v, l->params, 0);
    return unknown_top_key(l, yr_node(l, p->key));
}

static mishi_status load_document(loader *l) {
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    if (!root || yr_is_null(root))
        return fail_at(l, 0, 0, "the scenario is empty; expected a mapping of "
                                "keys such as 'consumers:' and 'firms:'");
    mishi_status rc = yr_expect_mapping(l, root, "top level");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         !rc && p < root->data.mapping.pairs.top; p++)
        rc = load_top_pair(l, root, p);
    return rc;
}

/* The document into l->params, checked as a whole (yr_reader). */
static mishi_status read_scenario(loader *l, void *context) {
    (void)context;
    mishi_status rc = load_document(l);
    return rc ? rc : scenario_check(l, l->params);
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
    rc = yr_read_text(&l, yaml, "a scenario file", read_scenario, NULL);
    loader_free(&l);
    if (rc) mishi_scenario_free(sc);
    else *out = sc;
    return rc;
}

mishi_status mishi_scenario_load(const char *path, mishi_scenario **out,
                                 mishi_error *err) {
    if (!out || !path)
        return mishi_error_set(err, MISHI_EARG, "no scenario file given");
    *out = NULL;
    char *text = NULL;
    mishi_status rc = yr_read_file(path, &text, err);
    if (rc) return rc;
    rc = mishi_scenario_load_string(text, path, out, err);
    free(text);
    return rc;
}
