/*
 * scenario.c — reading, checking and editing scenarios.
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
 * is silently defaulted: unknown or repeated keys are errors.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "params.h"
#include "schema.h"

#define SECTION_NAMES_MAX 9
static const char *const top_keys[SECTION_NAMES_MAX] = {
    "name",  "seed",     "weeks",   "consumers", "choice",
    "entry", "adoption", "regions", "firms"};
static const char *const mapping_sections[] = {"consumers", "choice", "entry",
                                               "adoption"};

/* Where a value came from, so that checks run after parsing (a class's
 * region must exist, min <= max, ...) can still name the line. */
typedef struct mark {
    schema_scope scope;
    int index;             /* list item; 0 for SCHEMA_TOP */
    const schema_row *row; /* NULL: the list item itself */
    int line, column;      /* 1-based */
} mark;

typedef struct loader {
    const char *file;
    yaml_document_t *doc;
    mishi_params *params;
    mishi_error *err;
    mark *marks;
    size_t mark_count, mark_capacity;
} loader;

/* ------------------------------------------------------------ messages */

static mishi_status fail_at(const loader *l, int line, int column,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "FILE:LINE:COLUMN: " (or "FILE: " without a line) then the message. */
static mishi_status fail_at(const loader *l, int line, int column,
                            const char *fmt, ...) {
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

static int node_line(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }
static int node_column(const yaml_node_t *n) {
    return (int)n->start_mark.column + 1;
}

static const char *scalar(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value;
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

/* ------------------------------------------------------------- marks */

static mishi_status remember(loader *l, schema_scope scope, int index,
                             const schema_row *row, const yaml_node_t *n) {
    if (l->mark_count == l->mark_capacity) {
        size_t grown = l->mark_capacity ? 2 * l->mark_capacity : 64;
        mark *m = realloc(l->marks, grown * sizeof *m);
        if (!m) return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
        l->marks = m, l->mark_capacity = grown;
    }
    l->marks[l->mark_count++] =
        (mark){scope, index, row, node_line(n), node_column(n)};
    return MISHI_OK;
}

/* The mark of a value, else of its list item, else NULL (a default). */
static const mark *find_mark(const loader *l, schema_scope scope, int index,
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

/* ------------------------------------------------------------ parsing */

/* Fail if the pair at `p` repeats an earlier key of the same mapping:
 * YAML leaves duplicates to the application, and "last one wins" would be
 * a silent default. */
static mishi_status check_unique_key(const loader *l, const yaml_node_t *map,
                                     const yaml_node_pair_t *p,
                                     const char *prefix) {
    const yaml_node_t *key = yaml_document_get_node(l->doc, p->key);
    for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
        const yaml_node_t *earlier = yaml_document_get_node(l->doc, q->key);
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
    const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
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

/* consumers:, choice:, entry: — a mapping of "section.key" rows. */
static mishi_status load_section(loader *l, const char *section,
                                 const yaml_node_t *map) {
    if (map->type != YAML_MAPPING_NODE)
        return fail_expected(l, map, section, "a mapping of keys");
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        const char *key;
        mishi_status rc = pair_key(l, map, p, section, &key);
        if (rc) return rc;
        char path[160];
        snprintf(path, sizeof path, "%s.%s", section, key);
        const schema_row *row = schema_find(SCHEMA_TOP, path);
        if (!row)
            return unknown_key(l, yaml_document_get_node(l->doc, p->key), path,
                               schema_suggest(SCHEMA_TOP, path));
        rc = store(l, row, path, yaml_document_get_node(l->doc, p->value),
                   l->params, 0);
        if (rc) return rc;
    }
    return MISHI_OK;
}

/* One item of regions: or firms:, on top of the defaults of its scope. */
static mishi_status load_item(loader *l, const char *list, schema_scope scope,
                              int index, const yaml_node_t *map, void *base) {
    char where[96];
    snprintf(where, sizeof where, "%s[%d]", list, index);
    if (map->type != YAML_MAPPING_NODE)
        return fail_expected(l, map, where, "a mapping of keys");
    mishi_status rc = remember(l, scope, index, NULL, map);
    if (rc) return rc;
    schema_defaults(scope, base);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        const char *key;
        if ((rc = pair_key(l, map, p, where, &key))) return rc;
        char path[192];
        snprintf(path, sizeof path, "%s.%s", where, key);
        const schema_row *row = schema_find(scope, key);
        if (!row)
            return unknown_key(l, yaml_document_get_node(l->doc, p->key), path,
                               schema_suggest(scope, key));
        rc = store(l, row, path, yaml_document_get_node(l->doc, p->value), base,
                   index);
        if (rc) return rc;
    }
    return MISHI_OK;
}

/* regions: or firms: — a non-empty list that replaces the default one. */
static mishi_status load_list(loader *l, const char *list,
                              const yaml_node_t *seq) {
    int is_firms = strcmp(list, "firms") == 0;
    int limit = is_firms ? MISHI_MAX_CLASSES : MISHI_MAX_REGIONS;
    if (seq->type != YAML_SEQUENCE_NODE)
        return fail_expected(l, seq, list,
                             is_firms ? "a list of firm classes"
                                      : "a list of regions");
    int count = (int)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    if (count == 0)
        return fail_at(l, node_line(seq), node_column(seq),
                       "%s: the list is empty; give at least one %s (or leave "
                       "the key out for the default)", list,
                       is_firms ? "firm class" : "region");
    if (count > limit)
        return fail_at(l, node_line(seq), node_column(seq),
                       "%s: %d entries; at most %d are allowed", list, count,
                       limit);
    for (int i = 0; i < count; i++) {
        const yaml_node_t *item =
            yaml_document_get_node(l->doc, seq->data.sequence.items.start[i]);
        void *base = is_firms ? (void *)&l->params->classes[i]
                              : (void *)&l->params->regions[i];
        mishi_status rc = load_item(l, list, is_firms ? SCHEMA_CLASS
                                                      : SCHEMA_REGION,
                                    i, item, base);
        if (rc) return rc;
    }
    if (is_firms) l->params->class_count = count;
    else l->params->region_count = count;
    return MISHI_OK;
}

static int is_mapping_section(const char *key) {
    for (size_t i = 0; i < sizeof mapping_sections / sizeof *mapping_sections; i++)
        if (strcmp(key, mapping_sections[i]) == 0) return 1;
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

static mishi_status load_top_pair(loader *l, const yaml_node_t *root,
                                  const yaml_node_pair_t *p) {
    const char *key;
    mishi_status rc = pair_key(l, root, p, NULL, &key);
    if (rc) return rc;
    const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
    const yaml_node_t *v = yaml_document_get_node(l->doc, p->value);
    if (is_mapping_section(key)) return load_section(l, key, v);
    if (strcmp(key, "regions") == 0 || strcmp(key, "firms") == 0)
        return load_list(l, key, v);
    const schema_row *row = schema_find(SCHEMA_TOP, key);
    if (row && !strchr(key, '.')) return store(l, row, key, v, l->params, 0);
    const char *hint = section_key_named(key);
    if (!hint) hint = mishi_nearest_name(key, top_keys, SECTION_NAMES_MAX);
    if (!hint) hint = schema_suggest(SCHEMA_TOP, key);
    return unknown_key(l, k, key, hint);
}

static mishi_status load_document(loader *l) {
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    if (!root || is_null(root))
        return fail_at(l, 0, 0, "the scenario is empty; expected a mapping of "
                                "keys such as 'consumers:' and 'firms:'");
    if (root->type != YAML_MAPPING_NODE)
        return fail_expected(l, root, "top level", "a mapping of keys");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        mishi_status rc = load_top_pair(l, root, p);
        if (rc) return rc;
    }
    return MISHI_OK;
}

/* ------------------------------------------------------- cross-checks */

static mishi_status fail_check(const loader *l, schema_scope scope, int index,
                               const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A failed check, located at the value it concerns when the file set it. */
static mishi_status fail_check(const loader *l, schema_scope scope, int index,
                               const char *key, const char *fmt, ...) {
    char text[512], path[160];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    const schema_row *row = key ? schema_find(scope, key) : NULL;
    const mark *m = find_mark(l, scope, index, row);
    if (scope == SCHEMA_TOP) snprintf(path, sizeof path, "%s", key);
    else if (key)
        snprintf(path, sizeof path, "%s[%d].%s",
                 scope == SCHEMA_CLASS ? "firms" : "regions", index, key);
    else
        snprintf(path, sizeof path, "%s[%d]",
                 scope == SCHEMA_CLASS ? "firms" : "regions", index);
    return fail_at(l, m ? m->line : 0, m ? m->column : 0, "%s: %s", path, text);
}

/* Item i of a list is named `name`; `first` is the first item so named. */
static mishi_status check_name(const loader *l, schema_scope scope, int i,
                               const char *name, int first) {
    const char *list = scope == SCHEMA_CLASS ? "firms" : "regions";
    const char *what = scope == SCHEMA_CLASS ? "firm class" : "region";
    if (!name[0]) return fail_check(l, scope, i, "name", "must not be empty");
    if (first != i)
        return fail_check(l, scope, i, "name",
                          "'%s' is already the name of %s[%d]; give each %s "
                          "its own name", name, list, first, what);
    return MISHI_OK;
}

static mishi_status check_names(const loader *l, const mishi_params *p) {
    mishi_status rc = MISHI_OK;
    for (int r = 0; !rc && r < p->region_count; r++)
        rc = check_name(l, SCHEMA_REGION, r, p->regions[r].name,
                        params_region_index(p, p->regions[r].name));
    for (int k = 0; !rc && k < p->class_count; k++)
        rc = check_name(l, SCHEMA_CLASS, k, p->classes[k].name,
                        params_class_index(p, p->classes[k].name));
    return rc;
}

static mishi_status check_class(const loader *l, const mishi_params *p, int k) {
    const mishi_firm_class *c = &p->classes[k];
    if (c->design_quality_min > c->design_quality_max)
        return fail_check(l, SCHEMA_CLASS, k, "design_quality_min",
                          "%g exceeds design_quality_max %g",
                          c->design_quality_min, c->design_quality_max);
    if (c->brand_min > c->brand_max)
        return fail_check(l, SCHEMA_CLASS, k, "brand_min",
                          "%g exceeds brand_max %g", c->brand_min, c->brand_max);
    if (c->region[0] && params_region_index(p, c->region) < 0) {
        char names[MISHI_MAX_REGIONS * (MISHI_NAME_MAX + 2)] = "";
        for (int r = 0; r < p->region_count; r++)
            strcat(strcat(names, r ? ", " : ""), p->regions[r].name);
        return fail_check(l, SCHEMA_CLASS, k, "region",
                          "no region is named '%s' (regions: %s)", c->region,
                          names);
    }
    return MISHI_OK;
}

static mishi_status check_firm_totals(const loader *l, const mishi_params *p) {
    int64_t total = 0;
    for (int k = 0; k < p->class_count; k++) total += p->classes[k].count;
    if (total > MISHI_MAX_FIRMS)
        return fail_check(l, SCHEMA_CLASS, 0, "count",
                          "%" PRId64 " firms in all classes; at most %d firms "
                          "can exist in one run", total, MISHI_MAX_FIRMS);
    if (p->consumers.consider_all && (total > MISHI_MAX_FULL_INFORMATION ||
                                      p->entry.rate > 0))
        return fail_check(l, SCHEMA_TOP, 0, "consumers.consider_all",
                          "full information is for small markets: at most %d "
                          "firms and no entry (there are %" PRId64 " firms, "
                          "entry.rate %g)", MISHI_MAX_FULL_INFORMATION, total,
                          p->entry.rate);
    if (total == 0 && p->entry.rate <= 0)
        return fail_check(l, SCHEMA_CLASS, 0, "count",
                          "no firm at week 0 and entry.rate is 0: the market "
                          "would have nothing to sell; give some class a "
                          "count or set entry.rate");
    return MISHI_OK;
}

/* Checks that span several keys; run after loading and after every --set. */
static mishi_status check_params(const loader *l, const mishi_params *p) {
    mishi_status rc = check_names(l, p);
    for (int k = 0; !rc && k < p->class_count; k++) rc = check_class(l, p, k);
    if (!rc) rc = check_firm_totals(l, p);
    if (!rc && p->adoption.innovation + p->adoption.imitation > 1.0)
        rc = fail_check(l, SCHEMA_TOP, 0, "adoption.imitation",
                        "innovation %g + imitation %g exceeds 1; their sum is "
                        "the weekly adoption probability when everyone seen "
                        "has adopted", p->adoption.innovation,
                        p->adoption.imitation);
    if (!rc && p->entry.firm_class[0] &&
        params_class_index(p, p->entry.firm_class) < 0)
        rc = fail_check(l, SCHEMA_TOP, 0, "entry.class",
                        "no firm class is named '%s'", p->entry.firm_class);
    return rc;
}

/* ------------------------------------------------------------ public */

static mishi_status new_default(mishi_scenario **out, mishi_error *err) {
    mishi_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_params *p = &sc->params;
    schema_defaults(SCHEMA_TOP, p);
    schema_defaults(SCHEMA_REGION, &p->regions[0]);
    schema_defaults(SCHEMA_CLASS, &p->classes[0]);
    p->region_count = 1, p->class_count = 1;
    snprintf(sc->source, sizeof sc->source, "(defaults)");
    *out = sc;
    return MISHI_OK;
}

mishi_status mishi_scenario_default(mishi_scenario **out, mishi_error *err) {
    if (!out) return mishi_error_set(err, MISHI_EARG, "no place for the scenario");
    *out = NULL;
    return new_default(out, err);
}

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
    loader l = {sc->source, NULL, &sc->params, err, NULL, 0, 0};
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        free(sc);
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
                                 strlen(yaml));
    if (!yaml_parser_load(&parser, &doc)) {
        rc = parse_error(&l, &parser);
    } else {
        l.doc = &doc;
        rc = load_document(&l);
        if (!rc) rc = check_params(&l, &sc->params);
        yaml_document_delete(&doc);
        if (!rc) rc = expect_end(&l, &parser);
    }
    yaml_parser_delete(&parser);
    free(l.marks);
    if (rc) {
        free(sc);
        return rc;
    }
    *out = sc;
    return MISHI_OK;
}

/* The whole file in memory (scenarios are small), NUL-terminated. */
static mishi_status read_file(const char *path, char **text, mishi_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot open: %s", path,
                               strerror(errno));
    size_t size = 0, capacity = 4096;
    char *buf = malloc(capacity);
    while (buf) {
        size += fread(buf + size, 1, capacity - size - 1, f);
        if (size < capacity - 1) break;
        char *grown = realloc(buf, capacity * 2);
        if (!grown) free(buf);
        buf = grown, capacity *= 2;
    }
    int failed = ferror(f), errnum = errno;
    fclose(f);
    if (!buf) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    if (failed) {
        free(buf);
        return mishi_error_set(err, MISHI_EIO, "%s: cannot read: %s", path,
                               strerror(errnum));
    }
    if (memchr(buf, '\0', size)) {
        free(buf);
        return mishi_error_set(err, MISHI_ESCENARIO,
                               "%s: not a text file (it holds a NUL byte)", path);
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
    mishi_status rc = read_file(path, &text, err);
    if (rc) return rc;
    rc = mishi_scenario_load_string(text, path, out, err);
    free(text);
    return rc;
}

/* ------------------------------------------------------------- --set */

/* "firms.local.price" -> the class named "local" (or "firms.0.price" -> the
 * first class) and the key "price". */
static mishi_status find_list_item(const loader *l, const mishi_params *p,
                                   const char *path,
                                   schema_scope *scope, int *index,
                                   const char **key) {
    int is_firms = strncmp(path, "firms.", 6) == 0;
    const char *item = path + (is_firms ? 6 : 8);
    const char *dot = strchr(item, '.');
    if (!dot || dot == item)
        return fail_at(l, 0, 0, "expected %s.NAME.key=value",
                       is_firms ? "firms" : "regions");
    char name[MISHI_NAME_MAX];
    snprintf(name, sizeof name, "%.*s", (int)(dot - item), item);
    *scope = is_firms ? SCHEMA_CLASS : SCHEMA_REGION;
    *index = is_firms ? params_class_index(p, name)
                      : params_region_index(p, name);
    int count = is_firms ? p->class_count : p->region_count;
    char *end;
    long n = strtol(name, &end, 10);
    if (*index < 0 && *end == '\0' && isdigit((unsigned char)name[0]))
        *index = n < count ? (int)n : -1;
    if (*index < 0)
        return fail_at(l, 0, 0, "no %s is named '%s' (use a name or an "
                       "index from 0 to %d)",
                       is_firms ? "firm class" : "region", name, count - 1);
    *key = dot + 1;
    return MISHI_OK;
}

static mishi_status set_value(const loader *l, mishi_params *p,
                              const char *path,
                              const char *value) {
    schema_scope scope = SCHEMA_TOP;
    int index = 0;
    const char *key = path;
    if (strncmp(path, "firms.", 6) == 0 || strncmp(path, "regions.", 8) == 0) {
        mishi_status rc = find_list_item(l, p, path, &scope, &index,
                                         &key);
        if (rc) return rc;
    }
    const schema_row *row = schema_find(scope, key);
    if (!row) {
        const char *hint = schema_suggest(scope, key);
        if (hint)
            return fail_at(l, 0, 0, "unknown key '%s'; did you mean '%s'?",
                           key, hint);
        return fail_at(l, 0, 0, "unknown key '%s' (`mishi params` lists "
                       "every key)", key);
    }
    void *base = scope == SCHEMA_TOP ? (void *)p
               : scope == SCHEMA_CLASS ? (void *)&p->classes[index]
                                       : (void *)&p->regions[index];
    char why[160];
    if (schema_store(row, value, base, why, sizeof why) != MISHI_OK)
        return fail_at(l, 0, 0, "expected %s, got '%s'", why, value);
    return MISHI_OK;
}

mishi_status mishi_scenario_set(mishi_scenario *sc, const char *assignment,
                                mishi_error *err) {
    if (!sc || !assignment)
        return mishi_error_set(err, MISHI_EARG, "no scenario or assignment");
    loader l = {assignment, NULL, NULL, err, NULL, 0, 0};
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return mishi_error_set(err, MISHI_ESCENARIO,
                               "%s: expected key.path=value, e.g. "
                               "consumers.count=5000", assignment);
    char path[256];
    if ((size_t)(eq - assignment) >= sizeof path)
        return mishi_error_set(err, MISHI_ESCENARIO, "%.40s...: key too long",
                               assignment);
    snprintf(path, sizeof path, "%.*s", (int)(eq - assignment), assignment);
    /* work on a copy so that a failed --set leaves the scenario unchanged */
    mishi_params *p = malloc(sizeof *p);
    if (!p) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    *p = sc->params;
    mishi_status rc = set_value(&l, p, path, eq + 1);
    if (!rc) rc = check_params(&l, p);
    if (!rc) sc->params = *p;
    free(p);
    return rc;
}

/* --------------------------------------------------------------- echo */

static void write_scope(const void *base, schema_scope scope, FILE *f) {
    int first = 1;
    fputc('{', f);
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        if (row->scope != scope) continue;
        fprintf(f, "%s\"%s\": ", first ? "" : ", ", schema_key(row));
        schema_write_json(row, base, f);
        first = 0;
    }
    fputc('}', f);
}

/* Top-level rows, "section.key" ones nested as {"section": {"key": ...}};
 * the schema lists each section's rows together. */
static void write_top(const mishi_params *p, FILE *f) {
    char open[32] = ""; /* the section whose object is open */
    int first = 1, first_in_open = 1;
    for (size_t i = 0; i < schema_row_count(); i++) {
        const schema_row *row = schema_row_at(i);
        if (row->scope != SCHEMA_TOP) continue;
        const char *path = row->info.path, *dot = strchr(path, '.');
        char section[32];
        snprintf(section, sizeof section, "%.*s", dot ? (int)(dot - path) : 0, path);
        if (strcmp(section, open) != 0) {
            if (open[0]) fputc('}', f);
            snprintf(open, sizeof open, "%s", section);
            if (section[0]) fprintf(f, "%s\"%s\": {", first ? "" : ", ", section);
            if (section[0]) first = 0, first_in_open = 1;
        }
        int *first_here = section[0] ? &first_in_open : &first;
        fprintf(f, "%s\"%s\": ", *first_here ? "" : ", ", dot ? dot + 1 : path);
        *first_here = 0;
        schema_write_json(row, p, f);
    }
    if (open[0]) fputc('}', f);
}

mishi_status mishi_scenario_write_json(const mishi_scenario *sc, FILE *f) {
    if (!sc || !f) return MISHI_EARG;
    const mishi_params *p = &sc->params;
    fputc('{', f);
    write_top(p, f);
    fputs(", \"regions\": [", f);
    for (int r = 0; r < p->region_count; r++) {
        if (r) fputs(", ", f);
        write_scope(&p->regions[r], SCHEMA_REGION, f);
    }
    fputs("], \"firms\": [", f);
    for (int k = 0; k < p->class_count; k++) {
        if (k) fputs(", ", f);
        write_scope(&p->classes[k], SCHEMA_CLASS, f);
    }
    fputs("]}", f);
    return ferror(f) ? MISHI_EIO : MISHI_OK;
}

uint64_t mishi_scenario_seed(const mishi_scenario *sc) {
    return sc ? sc->params.seed : 0;
}

const char *mishi_scenario_name(const mishi_scenario *sc) {
    return sc ? sc->params.name : NULL;
}

void mishi_scenario_free(mishi_scenario *sc) { free(sc); }
