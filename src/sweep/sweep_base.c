/*
 * sweep_base.c — a sweep's base scenario: the file `scenario:` names,
 * loaded, then `set:` applied as one change; and the --set machinery that
 * `vary:` and the runs use too.
 *
 * Every value a sweep gives a parameter goes through the command line's
 * --set (mishi_scenario_set_all), so a sweep's run and `mishi run ... --set`
 * cannot read a value differently; a refusal is reported at the sweep
 * file's line, under the sweep's key, with the library's reason. Errors
 * inside the scenario file pass through as they are: they name its own
 * file and line, which is where the fix goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_read.h"

/* --------------------------------------------------------------- copies */

mishi_status sweep_copy_scenario(const mishi_scenario *sc,
                                 mishi_scenario **out, mishi_error *err) {
    *out = malloc(sizeof **out);
    if (!*out) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    **out = *sc;
    return MISHI_OK;
}

char *sweep_join(const char *path, const char *value) {
    size_t n = strlen(path) + strlen(value) + 2;
    char *text = malloc(n);
    if (text) snprintf(text, n, "%s=%s", path, value);
    return text;
}

const sweep_set *sweep_add_set(const sweep_reader *r, sweep_set *sets,
                               size_t *count, const char *path,
                               const yaml_node_t *k, const yaml_node_t *v) {
    sweep_set *set = &sets[*count];
    if (!(set->assignment = sweep_join(path, yr_scalar(v)))) {
        mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
        return NULL;
    }
    set->line = yr_line(k);
    ++*count;
    return set;
}

/* A --set's message without its leading "ASSIGNMENT: ", so that a sweep
 * file's message can put its own place and key in front. */
static const char *set_reason(const char *message, const char *assignment) {
    size_t n = strlen(assignment);
    if (strncmp(message, assignment, n) == 0 && strncmp(message + n, ": ", 2) == 0)
        return message + n + 2;
    return message;
}

/* Apply `assignment` to `sc`, a refusal reported at `at` under `key`. */
static mishi_status apply_at(sweep_reader *r, mishi_scenario *sc,
                             const char *assignment, const yaml_node_t *at,
                             const char *key) {
    mishi_error inner = {0};
    mishi_status rc = mishi_scenario_set(sc, assignment, &inner);
    if (rc == MISHI_ESCENARIO)
        return fail_at(&r->l, yr_line(at), yr_column(at), "%s: %s", key,
                       set_reason(inner.message, assignment));
    if (rc && r->l.err) *r->l.err = inner;
    return rc;
}

mishi_status sweep_check_set(sweep_reader *r, const mishi_scenario *sc,
                             const char *assignment, const yaml_node_t *at,
                             const char *key) {
    mishi_scenario *copy = NULL;
    mishi_status rc = sweep_copy_scenario(sc, &copy, r->l.err);
    if (!rc) rc = apply_at(r, copy, assignment, at, key);
    mishi_scenario_free(copy);
    return rc;
}

/* ----------------------------------------------------------- parameters */

/* The item of `list` named `name`, else the one whose index it is, as
 * --set finds it (set.c): by name first, so a class named "1" stays
 * reachable. -1 if neither. */
static int item_index(const params_list *list, const mishi_params *p,
                      const char *name) {
    int index = list_index(list, p, name);
    if (index >= 0 || !*name || strspn(name, "0123456789") != strlen(name))
        return index;
    long n = strtol(name, NULL, 10);
    return n < list_count(list, p) ? (int)n : -1;
}

int sweep_param_find(const mishi_scenario *sc, const char *path,
                     sweep_param *out) {
    char part[SWEEP_PATH_MAX];
    const char *dot = strchr(path, '.');
    snprintf(part, sizeof part, "%.*s", dot ? (int)(dot - path) : 0, path);
    const params_list *list = dot ? list_named(part) : NULL;
    if (!list) {
        out->row = schema_find(SCHEMA_TOP, path), out->item = 0;
        return out->row ? 0 : -1;
    }
    const char *item = dot + 1, *key = strchr(item, '.');
    if (!key) return -1;
    snprintf(part, sizeof part, "%.*s", (int)(key - item), item);
    out->item = item_index(list, &sc->params, part);
    out->row = schema_find(list->scope, key + 1);
    return out->row && out->item >= 0 ? 0 : -1;
}

/* --------------------------------------------------------- the scenario */

/* `path` as seen from the current folder: relative to `dir` unless
 * absolute. */
static char *resolve(const char *dir, const char *path) {
    if (path[0] == '/' || !dir || !*dir) return strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *out = malloc(n);
    int slash = dir[strlen(dir) - 1] == '/';
    if (out) snprintf(out, n, "%s%s%s", dir, slash ? "" : "/", path);
    return out;
}

mishi_status sweep_read_scenario(sweep_reader *r, const yaml_node_t *value,
                                 const char *dir) {
    mishi_sweep *s = r->sweep;
    if (value->type != YAML_SCALAR_NODE || yr_is_null(value) ||
        !*yr_scalar(value))
        return yr_fail_expected(&r->l, value, "scenario",
                                "the path of a scenario file");
    if (!(s->scenario = resolve(dir, yr_scalar(value))))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    mishi_error inner = {0};
    mishi_status rc = mishi_scenario_load(s->scenario, &s->base, &inner);
    if (rc == MISHI_EIO) /* the sweep file names a file that is not there */
        return fail_at(&r->l, yr_line(value), yr_column(value),
                       "scenario: %s", inner.message);
    if (rc && r->l.err) *r->l.err = inner;
    return rc;
}

/* -------------------------------------------------------------- set: */

static mishi_status refuse_seed(sweep_reader *r, const yaml_node_t *k) {
    return fail_at(&r->l, yr_line(k), yr_column(k),
                   "set.seed: every run's seed comes from the sweep's own "
                   "`seed:` (with the point and the replicate), so a seed "
                   "here would be overwritten; give the sweep a seed instead");
}

/* One `path: value` of `set:`, kept for sweep_read_set to apply. */
static mishi_status read_set_pair(sweep_reader *r, const yaml_node_t *map,
                                  const yaml_node_pair_t *p, void *context) {
    (void)context;
    const char *path;
    mishi_status rc = yr_pair_key(&r->l, map, p, "set", &path);
    if (rc) return rc;
    const yaml_node_t *k = yr_node(&r->l, p->key), *v = yr_node(&r->l, p->value);
    char key[SWEEP_PATH_MAX + 8];
    snprintf(key, sizeof key, "set.%s", path);
    if (strcmp(path, "seed") == 0) return refuse_seed(r, k);
    if (v->type != YAML_SCALAR_NODE || yr_is_null(v))
        return yr_fail_expected(&r->l, v, key, "a value, as --set takes it");
    return sweep_add_set(r, r->sweep->sets, &r->sweep->set_count, path, k, v)
               ? MISHI_OK
               : MISHI_ENOMEM;
}

/* Why `set:` was refused, placed at the value refused (at its key if the
 * path names no parameter), or at `set:` itself when the values are each
 * right but not together. */
static mishi_status refuse_set(sweep_reader *r, const yaml_node_t *map,
                               size_t refused, const mishi_error *inner) {
    if (refused == r->sweep->set_count)
        return fail_at(&r->l, yr_line(map), yr_column(map), "set: %s", inner->message);
    const yaml_node_pair_t *p = map->data.mapping.pairs.start + refused;
    const yaml_node_t *k = yr_node(&r->l, p->key), *v = yr_node(&r->l, p->value);
    const char *path = yr_scalar(k), *assignment = r->sweep->sets[refused].assignment;
    sweep_param param;
    const yaml_node_t *at = sweep_param_find(r->sweep->base, path, &param) == 0 ? v : k;
    return fail_at(&r->l, yr_line(at), yr_column(at), "set.%s: %s", path,
                   set_reason(inner->message, assignment));
}

mishi_status sweep_read_set(sweep_reader *r, const yaml_node_t *map) {
    mishi_status rc;
    r->sweep->sets = sweep_pair_array(r, map, "set", "a mapping of --set "
                                      "paths to values",
                                      sizeof *r->sweep->sets, &rc);
    if (!rc) rc = sweep_each_pair(r, map, read_set_pair, NULL);
    if (rc) return rc;
    /* one change, as `mishi run` applies its --sets: in any order */
    const char **assignments = calloc(r->sweep->set_count + 1, sizeof *assignments);
    if (!assignments) return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->sweep->set_count; i++)
        assignments[i] = r->sweep->sets[i].assignment;
    mishi_error inner = {0};
    size_t refused = 0;
    rc = mishi_scenario_set_all(r->sweep->base, assignments, r->sweep->set_count, &refused,
                                &inner);
    free(assignments);
    if (rc == MISHI_ESCENARIO) return refuse_set(r, map, refused, &inner);
    if (rc && r->l.err) *r->l.err = inner;
    return rc;
}
