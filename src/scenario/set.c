/*
 * set.c — `--set key.path=value`: one parameter changed after loading.
 *
 * Paths are the schema's keys ("consumers.count", "seed"), or a list's key,
 * an item and the item's key: "firms.local.price", "regions.0.share". An
 * item is found by name first and by index only when no item has that name,
 * so a class named "1" stays reachable. The value goes through the same
 * schema_store and the same cross-checks as a file's, on a copy of the
 * parameters, so a refused --set leaves the scenario as it was. Several
 * assignments (mishi_scenario_set_all: every --set of a command, a sweep's
 * `set:`, a sweep point's values) are stored first and cross-checked once,
 * as a file is after its last key, so their order does not matter: a
 * minimum raised above the old maximum and the maximum raised with it
 * are one change. Messages start with the assignment, as a file's start
 * with the file; a refusal of the cross-checks with every assignment.
 * The same reading of a path tells the engine which parameter a --set
 * names (scenario_path_row), to say when none of its runs can read it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "loader.h"

/* The list a path goes into ("firms.local.price" -> firms), NULL for a
 * top-level key. */
static const params_list *list_of_path(const char *path) {
    for (int k = 0; k < LIST_COUNT; k++) {
        size_t n = strlen(params_lists[k].key);
        if (strncmp(path, params_lists[k].key, n) == 0 && path[n] == '.')
            return &params_lists[k];
    }
    return NULL;
}

/* The item named `name`, else the one whose index it is; -1 if neither. */
static int item_index(const params_list *list, const mishi_params *p,
                      const char *name) {
    int index = list_index(list, p, name);
    char *end;
    long n = strtol(name, &end, 10);
    if (index < 0 && *end == '\0' && isdigit((unsigned char)name[0]))
        index = n < list_count(list, p) ? (int)n : -1;
    return index;
}

/* "firms.local.price" -> the index of class "local" and the key "price". */
static mishi_status find_list_item(const loader *l, const mishi_params *p,
                                   const params_list *list, const char *path,
                                   int *index, const char **key) {
    const char *item = path + strlen(list->key) + 1;
    const char *dot = strchr(item, '.');
    if (!dot || dot == item)
        return fail_at(l, 0, 0, "expected %s.NAME.key=value", list->key);
    char name[MISHI_NAME_MAX];
    snprintf(name, sizeof name, "%.*s", (int)(dot - item), item);
    *index = item_index(list, p, name);
    if (*index < 0)
        return fail_at(l, 0, 0, "no %s is named '%s' (use a name or an "
                       "index from 0 to %d)", list->noun, name,
                       list_count(list, p) - 1);
    *key = dot + 1;
    return MISHI_OK;
}

static mishi_status unknown_key(const loader *l, schema_scope scope,
                                const char *key) {
    const char *hint = schema_suggest(scope, key);
    if (hint)
        return fail_at(l, 0, 0, "unknown key '%s'; did you mean '%s'?", key,
                       hint);
    return fail_at(l, 0, 0, "unknown key '%s' (`mishi params` lists every key)",
                   key);
}

/* The schema row `path` names and, for a list's key, the item's index. */
static mishi_status find_path(const loader *l, const mishi_params *p,
                              const char *path, const params_list **list,
                              int *index, const schema_row **row) {
    *list = list_of_path(path);
    *index = 0;
    const char *key = path;
    if (*list) {
        mishi_status rc = find_list_item(l, p, *list, path, index, &key);
        if (rc) return rc;
    }
    schema_scope scope = *list ? (*list)->scope : SCHEMA_TOP;
    *row = schema_find(scope, key);
    return *row ? MISHI_OK : unknown_key(l, scope, key);
}

const schema_row *scenario_path_row(const mishi_params *p, const char *path,
                                    int *item) {
    const params_list *list;
    const schema_row *row;
    loader quiet = {.file = path, .err = NULL};
    return find_path(&quiet, p, path, &list, item, &row) ? NULL : row;
}

static mishi_status set_value(const loader *l, mishi_params *p,
                              const char *path, const char *value) {
    const params_list *list;
    const schema_row *row;
    int index;
    mishi_status rc = find_path(l, p, path, &list, &index, &row);
    if (rc) return rc;
    void *base = list ? list_item_mut(list, p, index) : (void *)p;
    char why[160];
    if (schema_store(row, value, base, why, sizeof why) != MISHI_OK)
        return fail_at(l, 0, 0, "expected %s, got '%s'", why, value);
    return MISHI_OK;
}

/* The path of "path=value" into `path`; `*value` points past the '='. */
static mishi_status split_assignment(const char *assignment, char *path,
                                     size_t path_size, const char **value,
                                     mishi_error *err) {
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return mishi_error_set(err, MISHI_ESCENARIO,
                               "%s: expected key.path=value, e.g. "
                               "consumers.count=5000", assignment);
    if ((size_t)(eq - assignment) >= path_size)
        return mishi_error_set(err, MISHI_ESCENARIO, "%.40s...: key too long",
                               assignment);
    snprintf(path, path_size, "%.*s", (int)(eq - assignment), assignment);
    *value = eq + 1;
    return MISHI_OK;
}

/* What a refusal of the whole (the cross-checks) starts with: the
 * assignments, joined by spaces, cut short with "..." if long. */
static void joined(const char *const *assignments, size_t count, char *out,
                   size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < count && used < size; k++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", k ? " " : "",
                                 assignments[k]);
    if (used >= size && size > 4) strcpy(out + size - 4, "...");
}

/* Each value stored on a copy, then the copy cross-checked once. */
static mishi_status set_all(mishi_params *p, const char *const *assignments,
                            size_t count, size_t *refused, mishi_error *err) {
    for (size_t k = 0; k < count; k++) {
        char path[256];
        const char *value = NULL;
        *refused = k;
        mishi_status rc = split_assignment(assignments[k], path, sizeof path, &value, err);
        loader l = {.file = assignments[k], .err = err};
        if (!rc) rc = set_value(&l, p, path, value);
        if (rc) return rc;
    }
    *refused = count;
    char all[512];
    joined(assignments, count, all, sizeof all);
    loader l = {.file = all, .err = err};
    return scenario_check(&l, p);
}

mishi_status mishi_scenario_set_all(mishi_scenario *sc, const char *const *assignments,
                                    size_t count, size_t *refused, mishi_error *err) {
    size_t at = 0;
    if (!refused) refused = &at;
    *refused = 0;
    if (!sc || (count && !assignments))
        return mishi_error_set(err, MISHI_EARG, "no scenario or assignments");
    for (size_t k = 0; k < count; k++) {
        *refused = k;
        if (!assignments[k]) return mishi_error_set(err, MISHI_EARG, "no assignment");
    }
    if (count == 0) return MISHI_OK; /* nothing changes: nothing to check */
    /* a copy, so that a refusal leaves the scenario unchanged */
    mishi_params *p = malloc(sizeof *p);
    if (!p) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    *p = sc->params;
    mishi_status rc = set_all(p, assignments, count, refused, err);
    if (!rc) sc->params = *p;
    free(p);
    return rc;
}

mishi_status mishi_scenario_set(mishi_scenario *sc, const char *assignment,
                                mishi_error *err) {
    return mishi_scenario_set_all(sc, &assignment, 1, NULL, err); /* it checks both */
}
