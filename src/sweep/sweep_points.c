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
 * A point's values go in through --set one by one, as `mishi run` would
 * apply them, and --set checks the whole scenario after each; a value that
 * can only follow another (design_quality_min 0.9 once design_quality_max
 * is 0.95) waits for a later pass. The command line of a run lists the
 * values in the order that worked, so it reproduces the run.
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

void sweep_assignment(const mishi_sweep *s, size_t point, size_t factor,
                      char out[SWEEP_ASSIGNMENT_MAX]) {
    char value[SWEEP_REAL_MAX];
    sweep_format_real(mishi_sweep_value(s, point, factor), value);
    snprintf(out, SWEEP_ASSIGNMENT_MAX, "%s=%s", s->factors[factor].path, value);
}

/* ------------------------------------------------------- a point's scenario */

typedef struct point_state {
    const mishi_sweep *sweep;
    size_t point;
    mishi_scenario *sc;
    unsigned char applied[SWEEP_MAX_FACTORS];
    size_t order[SWEEP_MAX_FACTORS], done;
    mishi_error refusal; /* the last --set refused */
} point_state;

/* Apply each value not applied yet that --set accepts now. */
static mishi_status apply_pass(point_state *ps, size_t *progress) {
    *progress = 0;
    for (size_t k = 0; k < ps->sweep->info.factors; k++) {
        if (ps->applied[k]) continue;
        char assignment[SWEEP_ASSIGNMENT_MAX];
        sweep_assignment(ps->sweep, ps->point, k, assignment);
        mishi_status rc = mishi_scenario_set(ps->sc, assignment, &ps->refusal);
        if (rc == MISHI_OK) {
            ps->applied[k] = 1, ps->order[ps->done++] = k;
            ++*progress;
        } else if (rc != MISHI_ESCENARIO) {
            return rc;
        }
    }
    return MISHI_OK;
}

mishi_status sweep_point_scenario(const mishi_sweep *s, size_t point,
                                  mishi_scenario **out, size_t *order,
                                  mishi_error *err) {
    point_state ps = {.sweep = s, .point = point};
    mishi_status rc = sweep_copy_scenario(s->base, &ps.sc, err);
    size_t progress = 1;
    while (!rc && ps.done < s->info.factors && progress)
        rc = apply_pass(&ps, &progress);
    if (!rc && ps.done < s->info.factors) rc = MISHI_ESCENARIO;
    if (rc && ps.sc) {
        if (err) *err = ps.refusal;
        mishi_scenario_free(ps.sc);
        return rc;
    }
    if (!rc && order) memcpy(order, ps.order, ps.done * sizeof *order);
    if (!rc) *out = ps.sc;
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

/* "a=1, b=2" for a message; "..." where it is cut to fit. */
static void describe_point(const mishi_sweep *s, size_t point, char *out,
                           size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < s->info.factors && used < size; k++) {
        char assignment[SWEEP_ASSIGNMENT_MAX];
        sweep_assignment(s, point, k, assignment);
        used += (size_t)snprintf(out + used, size - used, "%s%s",
                                 k ? ", " : "", assignment);
    }
    if (used >= size) snprintf(out + size - 4, 4, "...");
}

static mishi_status check_point(sweep_reader *r, const yaml_node_t *vary,
                                size_t point) {
    mishi_scenario *sc = NULL;
    mishi_error inner = {0};
    mishi_status rc = sweep_point_scenario(r->sweep, point, &sc, NULL, &inner);
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
