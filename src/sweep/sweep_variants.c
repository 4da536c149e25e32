/*
 * sweep_variants.c — a factor of named levels under `vary:`, for ablation
 * studies ("all three strategies; each one removed alone; none"):
 *
 *     vary:
 *       bets:
 *         variants:
 *           all: {}
 *           no_software: {firms.xiaomi.software_gain: 0,
 *                         firms.xiaomi.strategy: fixed}
 *
 * A level is a mapping of --set assignments to any parameter, a number or
 * a named choice, each value checked by its schema row as `set:` checks
 * it and refused at its own line; whether a level fits with the rest of
 * a run's scenario is checked point by point, as a varied value is. A
 * level sets only what it names; the other parameters keep the base
 * scenario's values, so levels may name different parameters.
 *
 * The factor's value at a point is the level's index (0, 1, ... in file
 * order): the grid, the point numbering, the seeds and the database treat
 * it as a factor with those values, and a level that sets one parameter
 * to 0.05 runs exactly the run a factor listing 0.05 would. Where a value
 * is shown, mishi_factor_value_text shows the level's name.
 *
 * Only a grid takes one: the other designs sample numbers between bounds,
 * and levels are not numbers. A parameter a level sets is varied by this
 * factor alone (neither in `set:` nor by another factor); two levels may
 * set the same parameter, one level not twice. The name becomes a column
 * of the results, so it is a plain identifier that no parameter, results
 * column or other variants factor has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mishi_files.h"
#include "sweep_read.h"

static const char *const variants_keys[] = {"variants"};

/* Room for "vary.NAME.variants.LEVEL.PATH". */
enum { WHERE_MAX = 2 * MISHI_NAME_MAX + SWEEP_PATH_MAX + 16 };

/* A level being read. */
typedef struct level_reader {
    sweep_factor *f;
    sweep_level *level;     /* the level whose assignments are read */
    mishi_params *scratch;  /* where the schema rows parse values into */
    char where[WHERE_MAX];  /* "vary.NAME.variants", then ".LEVEL" */
} level_reader;

int sweep_is_variants(const sweep_reader *r, const char *name,
                      const yaml_node_t *value) {
    if (value->type != YAML_MAPPING_NODE) return 0;
    for (yaml_node_pair_t *p = value->data.mapping.pairs.start;
         p < value->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yr_node(&r->l, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp(yr_scalar(k), "variants") == 0)
            return 1;
    }
    sweep_param param;
    return sweep_is_identifier(name) &&
           sweep_param_find(r->sweep->base, name, &param) != 0;
}

/* --------------------------------------------------------------- the name */

static mishi_status check_name(const sweep_reader *r, const yaml_node_t *k,
                               const char *name) {
    const loader *l = &r->l;
    const mishi_sweep *s = r->sweep;
    sweep_param param;
    if (!sweep_is_identifier(name) || strlen(name) >= MISHI_NAME_MAX ||
        sweep_param_find(s->base, name, &param) == 0)
        return fail_at(l, yr_line(k), yr_column(k), "vary.%s: a variants "
                       "factor's name becomes a column of the results: a "
                       "plain identifier (letters, digits and '_', not "
                       "starting with a digit, at most %d characters) that "
                       "names no parameter", name, MISHI_NAME_MAX - 1);
    const char *taken = sweep_column_taken(name, 1); /* a level is runs' */
    if (taken)
        return fail_at(l, yr_line(k), yr_column(k), "vary.%s: the results "
                       "have a column '%s' already; choose another name",
                       name, taken);
    for (size_t i = 0; i < s->info.factors; i++)
        if (s->factors[i].levels && strcasecmp(name, s->factors[i].path) == 0)
            return fail_at(l, yr_line(k), yr_column(k), "vary.%s: the same "
                           "column as vary.%s once case is ignored, as SQLite "
                           "ignores it", name, s->factors[i].path);
    return MISHI_OK;
}

/* Levels are chosen by name; the other designs sample between bounds. */
static mishi_status check_design(const sweep_reader *r, const yaml_node_t *k,
                                 const char *name) {
    mishi_design design = r->sweep->info.design;
    if (design == MISHI_DESIGN_GRID) return MISHI_OK;
    return fail_at(&r->l, yr_line(k), yr_column(k), "vary.%s: a variants "
                   "factor needs a grid design: its levels are named, not "
                   "numbers a %s design could sample between bounds",
                   name, mishi_design_name(design));
}

/* ------------------------------------------------------ an assignment */

/* One level never sets a parameter twice (under two spellings, say). */
static mishi_status check_new_in_level(const sweep_reader *r,
                                       const level_reader *lr,
                                       const yaml_node_t *k, const char *key,
                                       const sweep_param *param) {
    const sweep_level *level = lr->level;
    for (size_t j = 0; j < level->set_count; j++) {
        const char *a = level->sets[j].assignment;
        if (sweep_sets_param(r->sweep, a, param))
            return fail_at(&r->l, yr_line(k), yr_column(k), "%s: the same "
                           "parameter as %.*s (line %d) in this level; set "
                           "it once", key, (int)strcspn(a, "="), a,
                           level->sets[j].line);
    }
    return MISHI_OK;
}

/* The value as written, checked by the parameter's schema row (its type,
 * range or names), as `set:` and --set check it. Whether it fits with the
 * rest of a run's scenario (a minimum below its maximum, a region that
 * exists) is asked of each point, once the points are known: a level may
 * need another factor's value (sweep_points.c). */
static mishi_status check_value(const sweep_reader *r, const level_reader *lr,
                                const sweep_param *param,
                                const yaml_node_t *v, const char *key) {
    const params_list *list = list_of(param->row->scope);
    void *base = list ? list_item_mut(list, lr->scratch, param->item)
                      : (void *)lr->scratch;
    return yr_store(&r->l, param->row, key, v, base);
}

/* `PATH: VALUE` of a level, refused at the value, or at the path when it
 * names no parameter the level may set. */
static mishi_status read_assignment(sweep_reader *r, const yaml_node_t *map,
                                    const yaml_node_pair_t *p, void *context) {
    level_reader *lr = context;
    const char *path;
    mishi_status rc = yr_pair_key(&r->l, map, p, lr->where, &path);
    if (rc) return rc;
    const yaml_node_t *k = yr_node(&r->l, p->key), *v = yr_node(&r->l, p->value);
    char key[WHERE_MAX + SWEEP_PATH_MAX];
    snprintf(key, sizeof key, "%s.%s", lr->where, path);
    sweep_param param;
    rc = sweep_find_param(r, k, path, key, &param);
    if (!rc) rc = sweep_check_not_owned(r, k, key, &param);
    if (!rc) rc = check_new_in_level(r, lr, k, key, &param);
    if (!rc) rc = sweep_check_once(r, k, key, &param, lr->f);
    if (!rc) rc = check_value(r, lr, &param, v, key);
    if (rc) return rc;
    sweep_level *level = lr->level;
    return sweep_add_set(r, level->sets, &level->set_count, path, k, v)
               ? MISHI_OK : MISHI_ENOMEM;
}

/* ------------------------------------------------------------- a level */

static mishi_status read_level(sweep_reader *r, const yaml_node_t *map,
                               const yaml_node_pair_t *p, void *context) {
    level_reader *lr = context;
    const char *name;
    mishi_status rc = yr_pair_key(&r->l, map, p, lr->where, &name);
    const yaml_node_t *k = yr_node(&r->l, p->key);
    if (!rc) /* summary.csv writes the level's name in the factor's cells */
        rc = sweep_check_name(&r->l, k, lr->where, name, "a level's name is",
                              "the factor's column of summary.csv", "level");
    if (rc) return rc;
    level_reader in = {lr->f, &lr->f->levels[lr->f->count], lr->scratch, ""};
    if (!(in.level->name = strdup(name)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    lr->f->count++; /* from here on, sweep_free_levels frees it */
    /* both parts were checked short; the bounds say so to the compiler */
    snprintf(in.where, sizeof in.where, "%.*s.%.*s", MISHI_NAME_MAX + 16,
             lr->where, MISHI_NAME_MAX, name);
    in.level->sets = sweep_pair_array(r, yr_node(&r->l, p->value), in.where,
                                      "a mapping of --set paths to values "
                                      "({} for no change)",
                                      sizeof *in.level->sets, &rc);
    return rc ? rc : sweep_each_pair(r, yr_node(&r->l, p->value),
                                     read_assignment, &in);
}

/* The values 0, 1, ... and the names, once every level is read. */
static mishi_status finish(const sweep_reader *r, sweep_factor *f) {
    f->values = malloc(f->count * sizeof *f->values);
    f->names = malloc(f->count * sizeof *f->names);
    if (!f->values || !f->names)
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    for (size_t i = 0; i < f->count; i++)
        f->values[i] = (double)i, f->names[i] = f->levels[i].name;
    f->info = (mishi_factor_info){f->path, 0, (double)(f->count - 1), 1,
                                  f->names, f->count};
    return MISHI_OK;
}

static mishi_status read_levels(sweep_reader *r, sweep_factor *f,
                                const yaml_node_t *map, const char *where) {
    level_reader lr = {f, NULL, calloc(1, sizeof *lr.scratch), ""};
    snprintf(lr.where, sizeof lr.where, "%s.variants", where);
    mishi_status rc;
    f->levels = sweep_pair_array(r, map, lr.where, "a mapping of level names "
                                 "to mappings of --set paths and values",
                                 sizeof *f->levels, &rc);
    if (!rc && !lr.scratch)
        rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    if (!rc && yr_pairs(map) == 0)
        rc = fail_at(&r->l, yr_line(map), yr_column(map), "%s: no levels; give "
                     "at least one, e.g. `all: {}`", lr.where);
    if (!rc) rc = sweep_each_pair(r, map, read_level, &lr);
    free(lr.scratch);
    return rc ? rc : finish(r, f);
}

/* --------------------------------------------------------------- public */

mishi_status sweep_read_variants(sweep_reader *r, const yaml_node_t *k,
                                 const yaml_node_t *value, const char *name) {
    sweep_factor *f = &r->sweep->factors[r->sweep->info.factors];
    mishi_status rc = check_name(r, k, name);
    if (!rc) rc = check_design(r, k, name);
    if (!rc && !(f->path = strdup(name)))
        rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    if (rc) return rc;
    r->sweep->info.factors++; /* from here on, mishi_sweep_free frees it */
    f->info.path = f->path;
    f->line = yr_line(k), f->column = yr_column(k);
    char where[MISHI_NAME_MAX + 8];
    snprintf(where, sizeof where, "vary.%s", name);
    const yaml_node_t *key[1] = {0}, *levels[1] = {0};
    rc = sweep_read_fields(r, value, where, variants_keys, 1, key, levels);
    if (!rc && !levels[0])
        rc = fail_at(&r->l, yr_line(value), yr_column(value), "%s: `variants:` "
                     "is missing (a mapping of level names to --set "
                     "assignments)", where);
    return rc ? rc : read_levels(r, f, levels[0], where);
}

void sweep_free_levels(sweep_factor *f) {
    for (size_t i = 0; f->levels && i < f->count; i++) {
        for (size_t j = 0; j < f->levels[i].set_count; j++)
            free(f->levels[i].sets[j].assignment);
        free(f->levels[i].sets), free(f->levels[i].name);
    }
    free(f->levels), free(f->names);
}
