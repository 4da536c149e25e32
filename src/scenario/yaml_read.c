/*
 * yaml_read.c — the YAML reading that scenario and sweep files share:
 * node helpers, the "expected ..., got ..." messages, unique keys, one
 * document per file, and reading a file whole.
 *
 * It lives in the scenario layer because the scenario loader was its first
 * user and the sweep layer sits above this one; keeping one copy is what
 * makes a sweep file's messages read exactly like a scenario file's.
 */
#include "yaml_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- nodes */

int yr_is_null(const yaml_node_t *n) {
    if (n->type != YAML_SCALAR_NODE) return 0;
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return 0;
    const char *t = yr_scalar(n);
    return !*t || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 ||
           strcmp(t, "Null") == 0 || strcmp(t, "NULL") == 0;
}

void yr_describe(const yaml_node_t *n, char *out, size_t size) {
    if (n->type == YAML_MAPPING_NODE) snprintf(out, size, "a mapping");
    else if (n->type == YAML_SEQUENCE_NODE) /* a list of 3, where 2 were due */
        snprintf(out, size, "a list of %zu", yr_items(n));
    else if (yr_is_null(n)) snprintf(out, size, "nothing");
    else if (strlen(yr_scalar(n)) > 60)
        snprintf(out, size, "'%.57s...'", yr_scalar(n));
    else if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
        snprintf(out, size, "'%s'", yr_scalar(n));
    else snprintf(out, size, "the quoted text '%s'", yr_scalar(n));
}

/* Quotes make a scalar text in YAML ("1" is not 1): a number written in
 * quotes is refused, as YAML's own typed readers would, rather than read
 * as the number it spells. */
static int quoted_number(const schema_row *row, const yaml_node_t *value) {
    int number = row->type == SCHEMA_INT || row->type == SCHEMA_INT64 ||
                 row->type == SCHEMA_REAL || row->type == SCHEMA_SEED;
    return number && value->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
}

mishi_status yr_fail_expected(const loader *l, const yaml_node_t *n,
                              const char *key, const char *expected) {
    char got[80];
    yr_describe(n, got, sizeof got);
    return fail_at(l, yr_line(n), yr_column(n), "%s: expected %s, got %s", key,
                   expected, got);
}

mishi_status yr_expect_mapping(const loader *l, const yaml_node_t *n,
                               const char *where) {
    if (n->type == YAML_MAPPING_NODE) return MISHI_OK;
    return yr_fail_expected(l, n, where, "a mapping of keys");
}

mishi_status yr_store(const loader *l, const schema_row *row, const char *path,
                      const yaml_node_t *value, void *base) {
    char why[160];
    if (value->type != YAML_SCALAR_NODE || yr_is_null(value) ||
        quoted_number(row, value)) {
        schema_expected(row, why, sizeof why);
        return yr_fail_expected(l, value, path, why);
    }
    if (schema_store(row, yr_scalar(value), base, why, sizeof why) != MISHI_OK)
        return yr_fail_expected(l, value, path, why);
    return MISHI_OK;
}

/* ------------------------------------------------------------- pairs */

/* Fail if the pair at `p` repeats an earlier key of the same mapping. */
static mishi_status check_unique_key(const loader *l, const yaml_node_t *map,
                                     const yaml_node_pair_t *p,
                                     const char *prefix) {
    const yaml_node_t *key = yr_node(l, p->key);
    for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
        const yaml_node_t *earlier = yr_node(l, q->key);
        if (earlier->type == YAML_SCALAR_NODE &&
            strcmp(yr_scalar(earlier), yr_scalar(key)) == 0)
            return fail_at(l, yr_line(key), yr_column(key),
                           "%s%s%s: given twice (first at line %d); keep one",
                           prefix ? prefix : "", prefix ? "." : "",
                           yr_scalar(key), yr_line(earlier));
    }
    return MISHI_OK;
}

mishi_status yr_pair_key(const loader *l, const yaml_node_t *map,
                         const yaml_node_pair_t *p, const char *prefix,
                         const char **key) {
    const yaml_node_t *k = yr_node(l, p->key);
    if (k->type != YAML_SCALAR_NODE)
        return yr_fail_expected(l, k, prefix ? prefix : "top level",
                                "a key name");
    *key = yr_scalar(k);
    return check_unique_key(l, map, p, prefix);
}

mishi_status yr_unknown_key(const loader *l, const yaml_node_t *k,
                            const char *path, const char *suggestion,
                            const char *otherwise) {
    if (suggestion)
        return fail_at(l, yr_line(k), yr_column(k),
                       "%s: unknown key; did you mean '%s'?", path, suggestion);
    return fail_at(l, yr_line(k), yr_column(k), "%s: unknown key (%s)", path,
                   otherwise);
}

/* ---------------------------------------------------------- the parser */

/* Whether the parser stopped at a tab: libyaml's message for one ("found
 * character that cannot start any token") does not say so. */
static int stopped_at_tab(const yaml_parser_t *parser, const yaml_mark_t *m) {
    const unsigned char *text = parser->input.string.start;
    size_t length = (size_t)(parser->input.string.end - text);
    return text && m->index < length && text[m->index] == '\t';
}

/* What a user most likely did, for libyaml's words that do not say it:
 * a key indented more or less than the keys beside it. */
static const char *hint(const yaml_parser_t *parser, const yaml_mark_t *m) {
    static const char *const misindented[] = {
        "mapping values are not allowed in this context",
        "did not find expected key"};
    if (stopped_at_tab(parser, m)) return " (a tab: YAML indents with spaces)";
    for (size_t i = 0; parser->problem && i < 2; i++)
        if (strcmp(parser->problem, misindented[i]) == 0)
            return " (is this line indented like the keys beside it, with spaces?)";
    return "";
}

static mishi_status parse_error(const loader *l, const yaml_parser_t *parser) {
    const yaml_mark_t *m = parser->problem ? &parser->problem_mark
                                           : &parser->context_mark;
    return fail_at(l, (int)m->line + 1, (int)m->column + 1,
                   "not valid YAML: %s%s%s%s",
                   parser->problem ? parser->problem : "unreadable",
                   parser->context ? " " : "",
                   parser->context ? parser->context : "",
                   hint(parser, m));
}

/* A second YAML document ("---") would be silently ignored: refuse it. */
static mishi_status expect_end(const loader *l, yaml_parser_t *parser,
                               const char *what) {
    yaml_document_t next;
    if (!yaml_parser_load(parser, &next)) return parse_error(l, parser);
    const yaml_node_t *root = yaml_document_get_root_node(&next);
    int line = root ? yr_line(root) : 0, column = root ? yr_column(root) : 0;
    yaml_document_delete(&next);
    if (!root) return MISHI_OK;
    return fail_at(l, line, column, "a second YAML document; %s holds one "
                                    "(remove the '---' and what follows, or "
                                    "merge them)", what);
}

/* A "\0" escape puts a NUL inside a quoted value, and every reader of the
 * value as C text would stop there: "ab\0cd" became "ab" unnoticed. */
static mishi_status check_no_nul(const loader *l, yaml_document_t *doc) {
    for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++)
        if (n->type == YAML_SCALAR_NODE &&
            memchr(n->data.scalar.value, '\0', n->data.scalar.length))
            return fail_at(l, (int)n->start_mark.line + 1,
                           (int)n->start_mark.column + 1,
                           "a NUL character (\"\\0\") in a value: no "
                           "name or number holds one");
    return MISHI_OK;
}

static mishi_status read_first_document(loader *l, yaml_parser_t *parser,
                                        yr_reader read, void *context) {
    yaml_document_t doc;
    if (!yaml_parser_load(parser, &doc)) return parse_error(l, parser);
    l->doc = &doc;
    mishi_status rc = check_no_nul(l, &doc);
    if (!rc) rc = read(l, context);
    yaml_document_delete(&doc);
    l->doc = NULL;
    return rc;
}

/* Lists and mappings nested deeper than any scenario or sweep needs (they
 * nest five or six deep): libyaml's time grows with the square of the
 * depth, so that a 400 KB file of brackets took minutes before any
 * message. The events are read only as far as that depth, and a file
 * libyaml refuses is left to the real reading, which says why. */
enum { NESTING_MAX = 100 };

/* The tag a node was given in the file ("!!str 7"), NULL if none. The
 * loaded document cannot tell: libyaml gives an untagged plain scalar the
 * tag !!str too, so "weeks: !!str 7" read as the number 7. */
static const yaml_char_t *explicit_tag(const yaml_event_t *e) {
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return e->data.scalar.plain_implicit || e->data.scalar.quoted_implicit
                   ? NULL : e->data.scalar.tag;
    case YAML_SEQUENCE_START_EVENT:
        return e->data.sequence_start.implicit ? NULL : e->data.sequence_start.tag;
    case YAML_MAPPING_START_EVENT:
        return e->data.mapping_start.implicit ? NULL : e->data.mapping_start.tag;
    default: return NULL;
    }
}

/* What the events show and the document hides: nesting too deep, and
 * tags, which mishi does not read (a value's type is its key's). */
static mishi_status event_fault(const loader *l, const yaml_event_t *e, int depth) {
    int line = (int)e->start_mark.line + 1, column = (int)e->start_mark.column + 1;
    if (depth > NESTING_MAX)
        return fail_at(l, line, column, "lists and mappings nested more than %d deep",
                       NESTING_MAX);
    const char *tag = (const char *)explicit_tag(e), *core = "tag:yaml.org,2002:";
    if (!tag) return MISHI_OK;
    int short_form = strncmp(tag, core, strlen(core)) == 0; /* as written: !!str */
    return fail_at(l, line, column, "a YAML tag (%s%s): mishi reads none, as a "
                   "key's type is fixed by the schema; remove it (quotes make text)",
                   short_form ? "!!" : "", short_form ? tag + strlen(core) : tag);
}

static const yaml_char_t *event_anchor(const yaml_event_t *e) {
    switch (e->type) {
    case YAML_SCALAR_EVENT: return e->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return e->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return e->data.mapping_start.anchor;
    default: return NULL;
    }
}

/* The last line a scalar written up to `end` covers (1-based): a block
 * scalar ends at the start of the line after it. */
static int last_line(const yaml_mark_t *end, int first_line) {
    int line = (int)end->line + (end->column > 0);
    return line > first_line ? line : first_line;
}

/* Where the walk through the events stands, for track_anchors. */
typedef struct anchor_walk {
    int open[NESTING_MAX + 2]; /* the anchor of the list or mapping open at
                                * each depth, or -1 */
    int last_line;             /* of the latest scalar or alias */
} anchor_walk;

static void add_alias(loader *l, const yaml_event_t *e) {
    const char *name = (const char *)e->data.alias.anchor;
    for (size_t i = l->anchor_count; i-- > 0;) { /* the latest &name */
        anchor *a = &l->anchors[i];
        if (strcmp(a->name, name) != 0) continue;
        if (a->alias_count < ANCHOR_ALIASES_SHOWN)
            a->alias_line[a->alias_count] = (int)e->start_mark.line + 1;
        a->alias_count++;
        return;
    }
}

/* The anchored parts and the aliases that repeat them (loader.h), for
 * messages. `depth` is the depth after this event. A list or mapping
 * ends on the line of its last scalar or alias: libyaml ends a block one
 * at the next line's first token. */
static mishi_status track_anchors(loader *l, const yaml_event_t *e,
                                  anchor_walk *w, int depth) {
    int line = (int)e->start_mark.line + 1;
    switch (e->type) {
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (w->open[depth + 1] >= 0) {
            anchor *a = &l->anchors[w->open[depth + 1]];
            a->last_line = w->last_line > a->first_line ? w->last_line : a->first_line;
        }
        return MISHI_OK;
    case YAML_ALIAS_EVENT:
        add_alias(l, e);
        w->last_line = line;
        return MISHI_OK;
    case YAML_SCALAR_EVENT:
        w->last_line = last_line(&e->end_mark, line);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        w->open[depth] = event_anchor(e) ? (int)l->anchor_count : -1;
        break;
    default: return MISHI_OK;
    }
    const char *name = (const char *)event_anchor(e);
    if (!name) return MISHI_OK;
    anchor a = {.name = (char *)name, .first_line = line, .last_line = line};
    if (e->type == YAML_SCALAR_EVENT) a.last_line = w->last_line;
    return loader_add_anchor(l, &a);
}

static mishi_status check_events(loader *l, const char *yaml) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, strlen(yaml));
    mishi_status rc = MISHI_OK;
    int depth = 0, done = 0;
    anchor_walk walk = {.last_line = 0};
    while (!done && !rc) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) break;
        done = e.type == YAML_STREAM_END_EVENT;
        depth += e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT;
        depth -= e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT;
        rc = event_fault(l, &e, depth);
        if (!rc) rc = track_anchors(l, &e, &walk, depth);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    return rc;
}

mishi_status yr_read_text(loader *l, const char *yaml, const char *what,
                          yr_reader read, void *context) {
    mishi_status rc = check_events(l, yaml);
    if (rc) return rc;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return mishi_error_set(l->err, MISHI_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
                                 strlen(yaml));
    rc = read_first_document(l, &parser, read, context);
    if (!rc) rc = expect_end(l, &parser, what);
    yaml_parser_delete(&parser);
    return rc;
}

/* ----------------------------------------------------------- the file */

/* Scenario and sweep files are a few kilobytes; past this, a file is not
 * one (/dev/zero, a database given by mistake) and reading on would only
 * fill memory. */
#define INPUT_MAX ((size_t)16 << 20)

/* The whole of `f` in memory, with room for a NUL, stopping early at a
 * NUL byte or past INPUT_MAX; NULL when out of memory. */
static char *read_all(FILE *f, size_t *size) {
    size_t capacity = 4096;
    char *buf = malloc(capacity);
    *size = 0;
    while (buf) {
        size_t got = fread(buf + *size, 1, capacity - *size - 1, f);
        int nul = memchr(buf + *size, '\0', got) != NULL;
        *size += got;
        if (nul || *size < capacity - 1 || *size > INPUT_MAX) break;
        char *grown = realloc(buf, capacity * 2);
        if (!grown) free(buf);
        buf = grown, capacity *= 2;
    }
    return buf;
}

/* Refused if it holds a NUL itself (it would cut the text short
 * unnoticed) or is larger than any input file could be. */
mishi_status yr_read_file(const char *path, char **text, mishi_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot open: %s", path,
                               strerror(errno));
    size_t size;
    char *buf = read_all(f, &size);
    int failed = ferror(f), errnum = errno;
    fclose(f);
    if (!buf) return mishi_error_set(err, MISHI_ENOMEM, "%s: out of memory", path);
    mishi_status rc = MISHI_OK;
    if (failed)
        rc = mishi_error_set(err, MISHI_EIO, "%s: cannot read: %s", path,
                             strerror(errnum));
    else if (memchr(buf, '\0', size))
        rc = mishi_error_set(err, MISHI_ESCENARIO,
                             "%s: not a text file (it holds a NUL byte)", path);
    else if (size > INPUT_MAX)
        rc = mishi_error_set(err, MISHI_ESCENARIO, "%s: larger than %zu MiB, "
                             "too large for a scenario or sweep file", path,
                             INPUT_MAX >> 20);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[size] = '\0';
    *text = buf;
    return MISHI_OK;
}
