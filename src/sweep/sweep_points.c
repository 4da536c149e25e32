/*
 * sweep_points.c — a sweep's points: a grid's combinations or another
 * design's points, each factor's value at a point, the scenario of a
 * point, and the check, before any run, that every point's scenario can
 * be built.
 *
 * A grid is never multiplied out: point p's value of factor k is
 * values[(p / stride_k) % count_k], the last factor's stride 1, so the
 * first factor varies slowest, in the order the file lists them. Another
 * design's points come from mishi_design_points on [0,1]^k and are scaled
 * to each factor's [min, max] (and rounded, for a whole parameter) when a
 * value is asked for.
 *
 * A point's values go in through --set's own code as one change, as
 * `mishi run` applies its --sets (mishi_scenario_set_all) — a variants
 * factor's level as each assignment it makes — and the scenario is
 * cross-checked once they are all in, so a value that needs another
 * (design_quality_min 0.9 with design_quality_max 0.95) may come first.
 * The command line of a run lists them in file order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_read.h"

/* --------------------------------------------------------------- values */

double mishi_sweep_value(const mishi_sweep *s, size_t point, size_t factor) {
    if (!s || point >= s->info.points || factor >= s->info.factors) return NAN;
    const sweep_factor *f = &s->factors[factor];
    if (f->values) return f->values[(point / f->stride) % f->count];
    double u = s->unit[point * s->info.factors + factor];
    /* exact at both ends: u = 0 gives low, u = 1 gives high */
    double v = (1 - u) * f->info.low + u * f->info.high;
    if (f->info.whole) v = round(v);
    return fmin(fmax(v, f->info.low), f->info.high);
}

/* The level of a variants factor at `point`. */
static const sweep_level *level_at(const mishi_sweep *s, size_t point,
                                   size_t factor) {
    const sweep_factor *f = &s->factors[factor];
    return &f->levels[(point / f->stride) % f->count];
}

/* ------------------------------------------------------ a point's --sets */

/* How many assignments make the point: one per parameter, a level's own
 * number per variants factor. */
static size_t count_sets(const mishi_sweep *s, size_t point) {
    size_t n = 0;
    for (size_t k = 0; k < s->info.factors; k++)
        n += s->factors[k].levels ? level_at(s, point, k)->set_count : 1;
    return n;
}

mishi_status sweep_point_sets_make(const mishi_sweep *s, size_t point,
                                   sweep_point_sets *out, mishi_error *err) {
    size_t n = count_sets(s, point);
    *out = (sweep_point_sets){calloc(n + 1, sizeof *out->set),
                              calloc(s->info.factors + 1, sizeof *out->number),
                              0};
    if (!out->set || !out->number) {
        sweep_point_sets_free(out);
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < s->info.factors; k++) {
        const sweep_factor *f = &s->factors[k];
        if (f->levels) {
            const sweep_level *level = level_at(s, point, k);
            for (size_t i = 0; i < level->set_count; i++)
                out->set[out->count++] = level->sets[i].assignment;
            continue;
        }
        char value[SWEEP_REAL_MAX];
        mishi_factor_value_text(&f->info, mishi_sweep_value(s, point, k),
                                MISHI_VALUE_EXACT, value, sizeof value);
        snprintf(out->number[k], SWEEP_ASSIGNMENT_MAX, "%s=%s", f->path, value);
        out->set[out->count++] = out->number[k];
    }
    return MISHI_OK;
}

void sweep_point_sets_free(sweep_point_sets *sets) {
    free(sets->set), free(sets->number);
    *sets = (sweep_point_sets){0};
}

/* ------------------------------------------------------- a point's scenario */

mishi_status sweep_point_scenario(const mishi_sweep *s, const sweep_point_sets *sets,
                                  mishi_scenario **out, mishi_error *err) {
    mishi_scenario *sc = NULL;
    mishi_status rc = sweep_copy_scenario(s->base, &sc, err);
    if (!rc) rc = mishi_scenario_set_all(sc, sets->set, sets->count, NULL, err);
    if (rc) mishi_scenario_free(sc);
    else *out = sc;
    return rc;
}

/* ------------------------------------------------------------ the points */

/* Points x replicates within SWEEP_MAX_RUNS; `key` and `at` say what made
 * them. */
static mishi_status check_size(const sweep_reader *r, const char *key,
                               const yaml_node_t *at, double points) {
    double runs = points * r->sweep->info.replicates;
    if (runs <= SWEEP_MAX_RUNS) return MISHI_OK;
    return fail_at(&r->l, at ? yr_line(at) : 0, at ? yr_column(at) : 0,
                   "%s: %.0f points x %d replicates = %.0f runs; a sweep "
                   "holds at most %.0f", key, points,
                   r->sweep->info.replicates, runs, SWEEP_MAX_RUNS);
}

static mishi_status expand_grid(sweep_reader *r, const yaml_node_t *vary) {
    mishi_sweep *s = r->sweep;
    double points = 1;
    for (size_t k = 0; k < s->info.factors; k++)
        points *= (double)s->factors[k].count;
    mishi_status rc = check_size(r, "vary", vary, points);
    if (rc) return rc;
    size_t stride = 1;
    for (size_t k = s->info.factors; k-- > 0;) {
        s->factors[k].stride = stride;
        stride *= s->factors[k].count;
    }
    s->info.points = stride;
    return MISHI_OK;
}

/* How many points mishi_design_points will make (mishi_sweep.h), known
 * before it allocates them. */
static double design_size(const mishi_sweep_info *info) {
    double n = (double)info->samples, k = (double)info->factors;
    if (info->design == MISHI_DESIGN_MORRIS) return n * (k + 1);
    if (info->design == MISHI_DESIGN_SALTELLI) return n * (k + 2);
    return n;
}

static mishi_status expand_design(sweep_reader *r, const yaml_node_t *design) {
    mishi_sweep_info *info = &r->sweep->info;
    if (!info->factors)
        return fail_at(&r->l, yr_line(design), yr_column(design),
                       "design: a %s design needs at least one parameter in "
                       "`vary:`", mishi_design_name(info->design));
    mishi_status rc = check_size(r, "design", design, design_size(info));
    if (rc) return rc;
    mishi_error inner = {0};
    rc = mishi_design_points(info->design, info->factors, info->samples,
                             info->levels, info->seed, &r->sweep->unit,
                             &info->points, &inner);
    if (rc == MISHI_ENOMEM && r->l.err) *r->l.err = inner;
    if (rc && rc != MISHI_ENOMEM)
        rc = fail_at(&r->l, yr_line(design), yr_column(design), "design: %s",
                     inner.message);
    return rc;
}

/* "a=1, bets=none" for a message; "..." where it is cut to fit. */
static void describe_point(const mishi_sweep *s, size_t point, char *out,
                           size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < s->info.factors && used < size; k++) {
        char value[SWEEP_PATH_MAX];
        mishi_factor_value_text(&s->factors[k].info,
                                mishi_sweep_value(s, point, k),
                                MISHI_VALUE_EXACT, value, sizeof value);
        used += (size_t)snprintf(out + used, size - used, "%s%s=%s",
                                 k ? ", " : "", s->factors[k].path, value);
    }
    if (used >= size) snprintf(out + size - 4, 4, "...");
}

static mishi_status check_point(sweep_reader *r, const yaml_node_t *vary,
                                size_t point) {
    mishi_scenario *sc = NULL;
    mishi_error inner = {0};
    sweep_point_sets sets = {0};
    mishi_status rc = sweep_point_sets_make(r->sweep, point, &sets, &inner);
    if (!rc) rc = sweep_point_scenario(r->sweep, &sets, &sc, &inner);
    sweep_point_sets_free(&sets);
    mishi_scenario_free(sc);
    if (rc != MISHI_ESCENARIO) {
        if (rc && r->l.err) *r->l.err = inner;
        return rc;
    }
    char values[320];
    describe_point(r->sweep, point, values, sizeof values);
    return fail_at(&r->l, yr_line(vary), yr_column(vary),
                   "vary: point %zu (%s) cannot run: %s", point, values,
                   inner.message);
}

mishi_status sweep_expand(sweep_reader *r, const yaml_node_t *design,
                          const yaml_node_t *vary) {
    mishi_status rc = r->sweep->info.design == MISHI_DESIGN_GRID
                          ? expand_grid(r, vary)
                          : expand_design(r, design);
    /* values fine one by one may still not fit together at some point */
    for (size_t p = 0; !rc && r->sweep->info.factors && p < r->sweep->info.points; p++)
        rc = check_point(r, vary, p);
    return rc;
}
