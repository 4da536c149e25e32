/*
 * design.c — the points of a sweep's design on the unit cube [0,1]^k.
 *
 *  - latin-hypercube (McKay, Beckman & Conover 1979): each factor's range
 *    is cut into n equal slices and every slice holds exactly one point;
 *    which point falls in which slice is a random permutation per factor,
 *    and where in its slice a point sits is uniform.
 *  - sobol: the first n points of GSL's Sobol sequence (Bratley & Fox
 *    1988, Antonov & Saleev 1979). Note GSL's sequence starts at the
 *    centre (1/2, ..., 1/2), not at the origin.
 *  - morris: r trajectories of k + 1 points on the p-level grid
 *    {0, 1/(p-1), ..., 1} (Morris 1991), built as Campolongo, Cariboni &
 *    Saltelli (2007) and Saltelli et al. (2008, ch. 3) build them: a random
 *    base point x* in the part of the grid where x* + Delta stays inside,
 *    Delta = p / (2 (p - 1)); a random sign per factor (the trajectory
 *    starts at x*_i and steps up, or starts at x*_i + Delta and steps
 *    down); a random order in which the factors move. Every point stays
 *    on the grid and inside [0,1].
 *  - saltelli (Saltelli 2002; Saltelli et al. 2010): matrices A and B from
 *    the two halves of a 2k-dimensional Sobol sequence, started at point
 *    2^m >= N (saltelli_skip), then for each factor i the matrix AB_i, A
 *    with column i from B: N (k + 2) points.
 *
 * Every random choice is drawn from the counter-based stream RNG_DESIGN
 * keyed by (seed, factor) for the Latin hypercube and (seed, trajectory)
 * for Morris, with the design in the stream's week word: the points are a
 * pure function of the arguments, whatever order they are made in.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#include "mishi_sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>

#include "rng.h"

/* GSL's Sobol generator has direction numbers for 40 dimensions
 * (SOBOL_MAX_DIMENSION in qrng/sobol.c). GSL 2.7 does not refuse more: it
 * reads past its table and returns garbage, so the limit is checked here. */
#define SOBOL_MAX_DIMENSION 40
/* ... and 30-bit numerators: gsl_qrng_get fails after 2^30 - 1 points. */
#define SOBOL_MAX_POINTS (((size_t)1 << 30) - 1)

typedef struct design_args {
    size_t factors, n;
    int levels;
    uint64_t seed;
} design_args;

const char *mishi_design_name(mishi_design design) {
    switch (design) {
#define MISHI_DESIGN_NAME(id, name, doc) case MISHI_DESIGN_##id: return name;
        MISHI_DESIGN_LIST(MISHI_DESIGN_NAME)
#undef MISHI_DESIGN_NAME
    case MISHI_DESIGN_COUNT: break;
    }
    return NULL;
}

const char *mishi_design_doc(mishi_design design) {
    static const char *const docs[] = {
#define MISHI_DESIGN_DOC(id, name, doc) doc,
        MISHI_DESIGN_LIST(MISHI_DESIGN_DOC)
#undef MISHI_DESIGN_DOC
    };
    return (size_t)design < MISHI_DESIGN_COUNT ? docs[design] : NULL;
}

/* ------------------------------------------------------------ random draws */

/* Uniform on {0, ..., m - 1}, m >= 1, without modulo bias: 64-bit draws
 * below 2^64 mod m are thrown away, so the ones kept span a whole
 * multiple of m (OpenBSD's arc4random_uniform). */
static uint64_t draw_below(rng_stream *s, uint64_t m) {
    uint64_t threshold = (0 - m) % m; /* 2^64 mod m */
    for (;;) {
        uint64_t r = (uint64_t)rng_u32(s) << 32;
        r |= rng_u32(s); /* a separate statement: the draws' order is fixed */
        if (r >= threshold) return r % m;
    }
}

/* Fisher–Yates: a uniform random permutation of a[0..m). */
static void shuffle(rng_stream *s, size_t *a, size_t m) {
    for (size_t i = m; i > 1; i--) {
        size_t j = (size_t)draw_below(s, i), t = a[i - 1];
        a[i - 1] = a[j], a[j] = t;
    }
}

static void design_stream(rng_stream *s, const design_args *a,
                          mishi_design design, size_t id) {
    rng_stream_init(s, a->seed, RNG_DESIGN, id, (uint32_t)design);
}

/* ---------------------------------------------------------- Latin hypercube */

/* The point at fraction u in [0,1) of slice `slice` of n. slice + u can
 * round up to slice + 1; the point is then moved just below the slice's
 * end so that no slice ever holds two points. */
static double in_slice(size_t slice, double u, size_t n) {
    double end = (double)(slice + 1) / (double)n;
    double x = ((double)slice + u) / (double)n;
    return x < end ? x : nextafter(end, 0.0);
}

/* Factor f of every point: point p lies in slice perm[p], at a uniform
 * place inside it. `perm` has room for n. */
static void latin_factor(const design_args *a, size_t f, size_t *perm,
                         double *unit) {
    rng_stream s;
    design_stream(&s, a, MISHI_DESIGN_LATIN_HYPERCUBE, f);
    for (size_t p = 0; p < a->n; p++) perm[p] = p;
    shuffle(&s, perm, a->n);
    for (size_t p = 0; p < a->n; p++)
        unit[p * a->factors + f] = in_slice(perm[p], rng_uniform(&s), a->n);
}

static mishi_status latin_hypercube(const design_args *a, double *unit,
                                    mishi_error *err) {
    size_t *perm = malloc(a->n * sizeof *perm);
    if (!perm)
        return mishi_error_set(err, MISHI_ENOMEM,
                               "latin-hypercube: no memory for %zu points",
                               a->n);
    for (size_t f = 0; f < a->factors; f++) latin_factor(a, f, perm, unit);
    free(perm);
    return MISHI_OK;
}

/* -------------------------------------------------------------------- Sobol */

/* n points of a `dim`-dimensional Sobol sequence after its first `skip`,
 * each handed to `take` with its index among the n. */
typedef void (*sobol_take)(const design_args *a, size_t j, const double *x,
                           double *unit);

static mishi_status sobol_points(const design_args *a, unsigned dim,
                                 size_t skip, sobol_take take, double *unit,
                                 mishi_error *err) {
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, dim);
    double *x = malloc(dim * sizeof *x);
    mishi_status rc = MISHI_OK;
    if (!q || !x)
        rc = mishi_error_set(err, MISHI_ENOMEM, "sobol: no memory");
    for (size_t j = 0; !rc && j < skip + a->n; j++) {
        if (gsl_qrng_get(q, x))
            rc = mishi_error_set(err, MISHI_EINTERNAL,
                                 "sobol: GSL's sequence ran out at point %zu",
                                 j);
        else if (j >= skip)
            take(a, j - skip, x, unit);
    }
    gsl_qrng_free(q);
    free(x);
    return rc;
}

static void take_row(const design_args *a, size_t j, const double *x,
                     double *unit) {
    memcpy(unit + j * a->factors, x, a->factors * sizeof *x);
}

/* Point j of the 2k-dimensional sequence gives row j of A (its first k
 * coordinates) and of B (its last k). */
static void take_a_b(const design_args *a, size_t j, const double *x,
                     double *unit) {
    size_t k = a->factors;
    memcpy(unit + j * k, x, k * sizeof *x);
    memcpy(unit + (a->n + j) * k, x + k, k * sizeof *x);
}

static mishi_status sobol(const design_args *a, double *unit,
                          mishi_error *err) {
    return sobol_points(a, (unsigned)a->factors, 0, take_row, unit, err);
}

/* The points of GSL's sequence (which starts at the sequence's point 1,
 * the centre) skipped before A and B: the sequence is taken from its
 * point 2^m, the least power of 2 no less than N, as SALib takes it
 * (Owen 2020: skip a power of 2, at least N). Its first points have few
 * bits, and the same in many dimensions: skipping the centre alone, A's
 * and B's first two rows were equal for 2, 4 and 16 factors, and a
 * coordinate of A equal to B's in 2 to 110 rows of N <= 1000 for k <= 10
 * (so AB_i = A there, and the sample told index i nothing); from 2^m,
 * no whole row for k >= 2, and 0 to 24 coordinates. */
static size_t saltelli_skip(size_t n) {
    size_t start = 1;
    while (start < n) start *= 2;
    return start - 1;
}

/* Saltelli's design: A, B, then AB_i for each factor i. */
static mishi_status saltelli(const design_args *a, double *unit,
                             mishi_error *err) {
    size_t k = a->factors, n = a->n;
    mishi_status rc = sobol_points(a, (unsigned)(2 * k), saltelli_skip(n), take_a_b,
                                   unit, err);
    if (rc) return rc;
    const double *b = unit + n * k;
    for (size_t i = 0; i < k; i++) {
        double *ab = unit + (2 + i) * n * k;
        memcpy(ab, unit, n * k * sizeof *ab);
        for (size_t j = 0; j < n; j++) ab[j * k + i] = b[j * k + i];
    }
    return MISHI_OK;
}

/* ------------------------------------------------------------------- Morris */

/* Trajectory t into rows[0 .. (k+1) k). Grid positions are kept as level
 * indices and divided once, so every coordinate is exactly a grid value
 * l / (p - 1). `work` has room for 3 k. */
static void morris_trajectory(const design_args *a, size_t t, size_t *work,
                              double *rows) {
    size_t k = a->factors, half = (size_t)a->levels / 2;
    size_t *order = work, *from = work + k, *to = work + 2 * k;
    double top = (double)(a->levels - 1);
    rng_stream s;
    design_stream(&s, a, MISHI_DESIGN_MORRIS, t);
    for (size_t i = 0; i < k; i++) {
        /* x*_i + Delta is level base + p/2, so base < p/2 keeps it inside */
        size_t base = (size_t)draw_below(&s, half);
        int up = (int)(rng_u32(&s) & 1);
        from[i] = up ? base : base + half;
        to[i] = up ? base + half : base;
        order[i] = i;
    }
    shuffle(&s, order, k);
    for (size_t i = 0; i < k; i++) rows[i] = (double)from[i] / top;
    for (size_t j = 0; j < k; j++) {
        double *next = rows + (j + 1) * k;
        memcpy(next, next - k, k * sizeof *next);
        next[order[j]] = (double)to[order[j]] / top;
    }
}

static mishi_status morris(const design_args *a, double *unit,
                           mishi_error *err) {
    size_t k = a->factors, *work = malloc(3 * k * sizeof *work);
    if (!work)
        return mishi_error_set(err, MISHI_ENOMEM,
                               "morris: no memory for %zu factors", k);
    for (size_t t = 0; t < a->n; t++)
        morris_trajectory(a, t, work, unit + t * (k + 1) * k);
    free(work);
    return MISHI_OK;
}

/* ---------------------------------------------------------------- checking */

static mishi_status check_sobol(const char *name, size_t dim, size_t count,
                                mishi_error *err) {
    if (dim > SOBOL_MAX_DIMENSION)
        return mishi_error_set(
            err, MISHI_EARG,
            "%s: needs a %zu-dimensional Sobol sequence, but GSL's Sobol "
            "generator has at most %d dimensions", name, dim,
            SOBOL_MAX_DIMENSION);
    if (count > SOBOL_MAX_POINTS)
        return mishi_error_set(
            err, MISHI_EARG,
            "%s: needs %zu Sobol points, but GSL's Sobol generator makes at "
            "most %zu", name, count, SOBOL_MAX_POINTS);
    return MISHI_OK;
}

/* What each design needs of its arguments beyond factors >= 1, n >= 1. */
static mishi_status check_design(mishi_design design, const design_args *a,
                                 mishi_error *err) {
    const char *name = mishi_design_name(design);
    switch (design) {
    case MISHI_DESIGN_SOBOL:
        return check_sobol(name, a->factors, a->n, err);
    case MISHI_DESIGN_SALTELLI:
        if (a->factors > SOBOL_MAX_DIMENSION / 2)
            return mishi_error_set(
                err, MISHI_EARG,
                "saltelli: %zu factors need a %zu-dimensional Sobol "
                "sequence, but GSL's Sobol generator has at most %d "
                "dimensions (so at most %d factors)", a->factors,
                2 * a->factors, SOBOL_MAX_DIMENSION, SOBOL_MAX_DIMENSION / 2);
        return check_sobol(name, 2 * a->factors, a->n + 1, err);
    case MISHI_DESIGN_MORRIS:
        if (a->levels < 2 || a->levels % 2)
            return mishi_error_set(
                err, MISHI_EARG,
                "morris: levels must be even and at least 2, got %d",
                a->levels);
        return MISHI_OK;
    default:
        return MISHI_OK;
    }
}

typedef mishi_status (*design_fill)(const design_args *a, double *unit,
                                    mishi_error *err);

/* The designs made of a number of points: how to fill them, what `n`
 * counts, and how many points each of the n brings beyond one per factor
 * (Morris: k + 1 per trajectory; Saltelli: k + 2 per base sample). */
static const struct design_kind {
    design_fill fill;
    const char *sample;
    size_t rows_per_factor, rows_extra;
} kinds[MISHI_DESIGN_COUNT] = {
    [MISHI_DESIGN_LATIN_HYPERCUBE] = {latin_hypercube, "point", 0, 1},
    [MISHI_DESIGN_SOBOL] = {sobol, "point", 0, 1},
    [MISHI_DESIGN_MORRIS] = {morris, "trajectory", 1, 1},
    [MISHI_DESIGN_SALTELLI] = {saltelli, "base sample", 1, 2},
};

static mishi_status check_args(mishi_design design, const design_args *a,
                               mishi_error *err) {
    if (design == MISHI_DESIGN_GRID)
        return mishi_error_set(
            err, MISHI_EARG,
            "grid: a grid is made of the listed values, not of a number of "
            "points; expected latin-hypercube, sobol, morris or saltelli");
    const char *name = mishi_design_name(design);
    if (!name)
        return mishi_error_set(err, MISHI_EARG,
                               "design %d: expected a mishi_design below %d",
                               (int)design, (int)MISHI_DESIGN_COUNT);
    if (a->factors < 1)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: expected at least 1 factor, got 0", name);
    if (a->n < 1)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: expected at least 1 %s, got 0", name,
                               kinds[design].sample);
    return check_design(design, a, err);
}

/* Points in the design (*rows), refusing sizes whose array would not fit
 * in a size_t. */
static mishi_status design_rows(mishi_design design, const design_args *a,
                                size_t *rows, mishi_error *err) {
    const struct design_kind *kind = &kinds[design];
    size_t per = kind->rows_per_factor * a->factors + kind->rows_extra;
    size_t limit = SIZE_MAX / sizeof(double) / a->factors;
    if (per < kind->rows_extra || a->n > limit / per) /* or k + 1 wrapped */
        return mishi_error_set(
            err, MISHI_ELIMIT,
            "%s: %zu x %zu points of %zu factors do not fit in memory",
            mishi_design_name(design), a->n, per, a->factors);
    *rows = a->n * per;
    return MISHI_OK;
}

mishi_status mishi_design_points(mishi_design design, size_t factors, size_t n,
                                 int levels, uint64_t seed, double **unit,
                                 size_t *count, mishi_error *err) {
    design_args a = {factors, n, levels, seed};
    size_t rows = 0;
    mishi_status rc = check_args(design, &a, err);
    if (!rc) rc = design_rows(design, &a, &rows, err);
    if (rc) return rc;
    double *points = malloc(rows * factors * sizeof *points);
    if (!points)
        return mishi_error_set(err, MISHI_ENOMEM,
                               "%s: no memory for %zu points",
                               mishi_design_name(design), rows);
    rc = kinds[design].fill(&a, points, err);
    if (rc) {
        free(points);
        return rc;
    }
    *unit = points, *count = rows;
    return MISHI_OK;
}
