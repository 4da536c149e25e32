/*
 * analysis.c — what a sweep's outputs say: the mean of replicates with
 * its Student-t interval, the difference of two means with Welch's,
 * Morris's elementary effects and Sobol's variance-based sensitivity
 * indices, with bootstrap intervals.
 *
 * Elementary effects (Morris 1991; Campolongo, Cariboni & Saltelli 2007):
 * a step of a trajectory moves one factor i by +-Delta and gives
 * EE_i = (y_{j+1} - y_j) / (x_{j+1,i} - x_{j,i}), in units of the factor's
 * range. mu*_i is the mean of |EE_i| over the trajectories (Campolongo et
 * al.: unlike Morris's mean of EE_i, effects of opposite sign do not
 * cancel), sigma_i their standard deviation (n - 1): large when factor i
 * interacts or acts non-linearly. Which factor a step moved, and by how
 * much, is read from the points themselves, so any design with the
 * layout of mishi_design_points serves.
 *
 * Sobol indices from Saltelli's design (matrices A, B and AB_i, A with
 * column i from B), Saltelli et al. (2010), table 2:
 *   first order  S_i  = mean_j f_B (f_ABi - f_A) / V     (Saltelli 2010)
 *   total        ST_i = mean_j (f_A - f_ABi)^2 / (2 V)    (Jansen 1999)
 * V is the variance of the 2N outputs of A and B. f_B is centred on their
 * mean first: E f_ABi = E f_A, so the estimate's expectation is the same,
 * but its variance no longer grows with the square of the output's mean
 * (a market's profit sits far from zero).
 *
 * Intervals are bootstrap percentile intervals (Efron & Tibshirani 1993):
 * trajectories, or base samples j (a row of A, of B and of every AB_i
 * together), drawn with replacement; resample b draws from the stream
 * RNG_BOOTSTRAP keyed by (seed, b), so an interval does not depend on the
 * order resamples are made in.
 *
 * Missing outputs (NaN) are left out: an elementary effect that needs one
 * is NaN and dropped from its factor's mean; a base sample with any NaN
 * output is dropped whole, so V and every index rest on the same samples.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#include "mishi_sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>

/* The engine's counter-based RNG (libmishi's base layer): resamples are
 * keyed like every other draw in mishi. */
#include "rng.h"

/* The percentiles of a 95% bootstrap percentile interval. */
#define BOOT_LOW 0.025
#define BOOT_HIGH 0.975

/* Resamples of the two analyses come from separate sub-streams (the week
 * word of RNG_BOOTSTRAP), so a Morris and a Sobol analysis with one seed
 * do not share draws. */
enum { BOOT_MORRIS = 1, BOOT_SOBOL = 2 };

/* A step counts as moving a factor when the factor's unit value changes
 * by more than this: values read back from a results database may carry
 * rounding of a few ulps, far below any Morris Delta (>= 1/2). */
#define MOVE_TOL 1e-9

/* --------------------------------------------------------- mean interval */

/* Mean and standard deviation (n - 1) of the non-NaN values of x[0..n),
 * by two passes (the textbook formula loses digits when the mean is large
 * next to the spread); *used gets their number. */
static void mean_sd(const double *x, size_t n, size_t *used, double *mean,
                    double *sd) {
    size_t m = 0;
    double sum = 0.0, squares = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) sum += x[i], m++;
    *mean = m ? sum / (double)m : NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) squares += (x[i] - *mean) * (x[i] - *mean);
    *sd = m > 1 ? sqrt(squares / (double)(m - 1)) : NAN;
    *used = m;
}

/* out->point is the caller's and left alone; a level outside (0, 1)
 * leaves the interval NaN. */
void mishi_mean_interval(const double *x, size_t n, double level,
                         mishi_point_summary *out) {
    mean_sd(x, n, &out->n, &out->mean, &out->sd);
    out->low = out->high = NAN;
    if (out->n < 2 || !(level > 0.0 && level < 1.0)) return;
    double t = gsl_cdf_tdist_Pinv(0.5 + level / 2.0, (double)(out->n - 1));
    double half = t * out->sd / sqrt((double)out->n);
    out->low = out->mean - half;
    out->high = out->mean + half;
}

/* Welch (1947), with Satterthwaite's (1946) degrees of freedom:
 * df = se^4 / (v_a^2 / (n_a - 1) + v_b^2 / (n_b - 1)), v = sd^2 / n. */
void mishi_welch_interval(const mishi_point_summary *a,
                          const mishi_point_summary *b, double level,
                          mishi_difference *out) {
    out->value = a->mean - b->mean;
    out->df = out->low = out->high = NAN;
    if (a->n < 2 || b->n < 2 || !(level > 0.0 && level < 1.0)) return;
    double va = a->sd * a->sd / (double)a->n, vb = b->sd * b->sd / (double)b->n;
    double se = sqrt(va + vb);
    out->df = INFINITY; /* no spread on either side: the difference is exact */
    double half = 0.0;
    if (se > 0.0) {
        out->df = (va + vb) * (va + vb) /
                  (va * va / (double)(a->n - 1) + vb * vb / (double)(b->n - 1));
        half = gsl_cdf_tdist_Pinv(0.5 + level / 2.0, out->df) * se;
    }
    out->low = out->value - half;
    out->high = out->value + half;
}

/* ---------------------------------------------------------------- bootstrap */

/* An estimator: from the units pick[0..m) (trajectories or base samples,
 * repeats allowed) of `data`, `width` numbers into out. */
typedef void (*estimator)(const void *data, const size_t *pick, size_t m,
                          double *out);

typedef struct boot_job {
    estimator estimate;
    const void *data;
    size_t units, width; /* units to draw from; numbers per estimate */
    size_t resamples;
    uint64_t seed;
    uint32_t stream; /* BOOT_MORRIS or BOOT_SOBOL */
} boot_job;

/* Resample b: `units` draws with replacement, keyed by (seed, b). */
static void resample(const boot_job *job, size_t b, size_t *pick) {
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, job->seed, RNG_BOOTSTRAP, b, job->stream);
    rng_as_gsl(&s, &r);
    for (size_t m = 0; m < job->units; m++)
        pick[m] = gsl_rng_uniform_int(&r, job->units); /* unbiased */
}

/* est[c].low and .high: the percentiles of column c of the resamples'
 * estimates (column-major, `resamples` each), NaN ones left out; GSL's
 * quantile interpolates linearly between order statistics (R's type 7). */
static void percentiles(const boot_job *job, double *boot,
                        mishi_estimate *est) {
    for (size_t c = 0; c < job->width; c++) {
        double *col = boot + c * job->resamples;
        size_t m = 0;
        for (size_t b = 0; b < job->resamples; b++)
            if (!isnan(col[b])) col[m++] = col[b];
        gsl_sort(col, 1, m);
        est[c].low = m ? gsl_stats_quantile_from_sorted_data(col, 1, m,
                                                             BOOT_LOW)
                       : NAN;
        est[c].high = m ? gsl_stats_quantile_from_sorted_data(col, 1, m,
                                                              BOOT_HIGH)
                        : NAN;
    }
}

/* The estimate on all the units, then on each resample: `pick` has room
 * for the units, `row` for one estimate, `boot` for every resample's
 * (column-major). */
static void bootstrap_run(const boot_job *job, mishi_estimate *est,
                          size_t *pick, double *row, double *boot) {
    for (size_t m = 0; m < job->units; m++) pick[m] = m;
    job->estimate(job->data, pick, job->units, row);
    for (size_t c = 0; c < job->width; c++)
        est[c] = (mishi_estimate){row[c], row[c], row[c]};
    for (size_t b = 0; b < job->resamples; b++) {
        resample(job, b, pick);
        job->estimate(job->data, pick, job->units, row);
        for (size_t c = 0; c < job->width; c++)
            boot[c * job->resamples + b] = row[c];
    }
    if (job->resamples) percentiles(job, boot, est);
}

/* The estimates with their intervals (no resamples: low = high = value);
 * `est` has `width` entries. */
static mishi_status bootstrap(const boot_job *job, mishi_estimate *est,
                              mishi_error *err) {
    size_t *pick = malloc(job->units * sizeof *pick);
    double *row = malloc(job->width * sizeof *row);
    double *boot = malloc(job->resamples * job->width * sizeof *boot);
    mishi_status rc = MISHI_OK;
    if (pick && row && (boot || !job->resamples))
        bootstrap_run(job, est, pick, row, boot);
    else
        rc = mishi_error_set(err, MISHI_ENOMEM,
                             "bootstrap: no memory for %zu resamples",
                             job->resamples);
    free(pick), free(row), free(boot);
    return rc;
}

/* Resamples draw unit indices through gsl_rng_uniform_int, which takes
 * at most 2^32 - 1 of them; and the estimates must fit in memory. */
static mishi_status check_bootstrap(const char *what, size_t units,
                                    size_t width, size_t resamples,
                                    mishi_error *err) {
    if (resamples && units > UINT32_MAX)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: cannot bootstrap over %zu units; at most "
                               "%lu", what, units, (unsigned long)UINT32_MAX);
    if (resamples > SIZE_MAX / sizeof(double) / width)
        return mishi_error_set(err, MISHI_ELIMIT,
                               "%s: %zu bootstrap resamples do not fit in "
                               "memory", what, resamples);
    return MISHI_OK;
}

/* ------------------------------------------------------------------- Morris */

/* Elementary effects, factor-major: ee[i * r + t] is factor i's effect in
 * trajectory t (NaN when an output it needs is missing). */
typedef struct morris_data {
    size_t factors, trajectories;
    double *ee;
} morris_data;

/* mu* and sigma of one factor's effects ee[pick[0..m)], NaN left out. */
static void morris_factor(const double *ee, const size_t *pick, size_t m,
                          double *mu_star, double *sigma) {
    size_t used = 0;
    double abs_sum = 0.0, sum = 0.0, squares = 0.0;
    for (size_t t = 0; t < m; t++) {
        double e = ee[pick[t]];
        if (isnan(e)) continue;
        abs_sum += fabs(e), sum += e, used++;
    }
    *mu_star = *sigma = NAN;
    if (!used) return;
    double mean = sum / (double)used;
    for (size_t t = 0; t < m; t++)
        if (!isnan(ee[pick[t]]))
            squares += (ee[pick[t]] - mean) * (ee[pick[t]] - mean);
    *mu_star = abs_sum / (double)used;
    if (used > 1) *sigma = sqrt(squares / (double)(used - 1));
}

/* mu*_i into out[i] and sigma_i into out[k + i], over the picked
 * trajectories. */
static void morris_estimate(const void *data, const size_t *pick, size_t m,
                            double *out) {
    const morris_data *d = data;
    for (size_t i = 0; i < d->factors; i++)
        morris_factor(d->ee + i * d->trajectories, pick, m, &out[i],
                      &out[d->factors + i]);
}

/* The factor a step from `x` to `next` moves (*step: by how much), or -1
 * when not exactly one factor moves. */
static long moved_factor(const double *x, const double *next, size_t k,
                         double *step) {
    long moved = -1;
    for (size_t i = 0; i < k; i++) {
        if (!(fabs(next[i] - x[i]) > MOVE_TOL)) continue; /* NaN: refused */
        if (moved >= 0) return -1;
        moved = (long)i, *step = next[i] - x[i];
    }
    return moved;
}

/* Trajectory t's effects into d->ee, after checking it is a Morris
 * trajectory: every step moves one factor, every factor once. `moved`
 * has room for k flags. */
static mishi_status trajectory_effects(morris_data *d, size_t t,
                                       const double *unit, const double *y,
                                       unsigned char *moved,
                                       mishi_error *err) {
    size_t k = d->factors;
    memset(moved, 0, k);
    for (size_t j = 0; j < k; j++) {
        double step = 0.0;
        long i = moved_factor(unit + j * k, unit + (j + 1) * k, k, &step);
        if (i < 0 || moved[i]++)
            return mishi_error_set(
                err, MISHI_EARG,
                "morris: trajectory %zu, step %zu: expected one factor to "
                "move, each factor once (mishi_design_points' morris "
                "layout)", t, j + 1);
        d->ee[(size_t)i * d->trajectories + t] = (y[j + 1] - y[j]) / step;
    }
    return MISHI_OK;
}

static mishi_status check_morris(size_t factors, size_t trajectories,
                                 const double *unit, const double *y,
                                 const mishi_estimate *mu_star,
                                 const mishi_estimate *sigma,
                                 mishi_error *err) {
    if (factors < 1 || trajectories < 1)
        return mishi_error_set(err, MISHI_EARG,
                               "morris: expected at least 1 factor and 1 "
                               "trajectory, got %zu and %zu", factors,
                               trajectories);
    if (!unit || !y || !mu_star || !sigma)
        return mishi_error_set(err, MISHI_EARG,
                               "morris: expected points, outputs and room "
                               "for mu* and sigma, got NULL");
    if (trajectories > SIZE_MAX / sizeof(double) / factors / (factors + 1))
        return mishi_error_set(err, MISHI_ELIMIT,
                               "morris: %zu trajectories of %zu factors do "
                               "not fit in memory", trajectories, factors);
    return MISHI_OK;
}

/* Every trajectory's effects into d (allocated by the caller). */
static mishi_status morris_effects_all(morris_data *d, const double *unit,
                                       const double *y, mishi_error *err) {
    size_t k = d->factors, rows = k + 1;
    unsigned char *moved = malloc(k);
    mishi_status rc = moved ? MISHI_OK
                            : mishi_error_set(err, MISHI_ENOMEM,
                                              "morris: no memory");
    for (size_t t = 0; !rc && t < d->trajectories; t++)
        rc = trajectory_effects(d, t, unit + t * rows * k, y + t * rows,
                                moved, err);
    free(moved);
    return rc;
}

mishi_status mishi_morris_effects(size_t factors, size_t trajectories,
                                  const double *unit, const double *y,
                                  size_t bootstrap_count, uint64_t seed,
                                  mishi_estimate *mu_star,
                                  mishi_estimate *sigma, mishi_error *err) {
    mishi_status rc = check_morris(factors, trajectories, unit, y, mu_star,
                                   sigma, err);
    if (!rc) rc = check_bootstrap("morris", trajectories, 2 * factors,
                                  bootstrap_count, err);
    if (rc) return rc;
    morris_data d = {factors, trajectories,
                     malloc(factors * trajectories * sizeof *d.ee)};
    mishi_estimate *est = malloc(2 * factors * sizeof *est);
    boot_job job = {morris_estimate, &d, trajectories, 2 * factors,
                    bootstrap_count, seed, BOOT_MORRIS};
    if (!d.ee || !est)
        rc = mishi_error_set(err, MISHI_ENOMEM, "morris: no memory");
    if (!rc) rc = morris_effects_all(&d, unit, y, err);
    if (!rc) rc = bootstrap(&job, est, err);
    for (size_t i = 0; !rc && i < factors; i++)
        mu_star[i] = est[i], sigma[i] = est[factors + i];
    free(d.ee), free(est);
    return rc;
}

/* -------------------------------------------------------------------- Sobol */

/* The outputs of the usable base samples (no NaN among their k + 2):
 * fa[j], fb[j], and fab[i * n + j] for AB_i. */
typedef struct sobol_data {
    size_t factors, n;
    double *fa, *fb, *fab;
} sobol_data;

/* The mean and variance (n - 1) of the 2m outputs of A and B picked. */
static void sobol_moments(const sobol_data *d, const size_t *pick, size_t m,
                          double *mean, double *var) {
    double sum = 0.0, squares = 0.0;
    for (size_t j = 0; j < m; j++) sum += d->fa[pick[j]] + d->fb[pick[j]];
    *mean = sum / (double)(2 * m);
    for (size_t j = 0; j < m; j++) {
        double a = d->fa[pick[j]] - *mean, b = d->fb[pick[j]] - *mean;
        squares += a * a + b * b;
    }
    *var = squares / (double)(2 * m - 1);
}

/* S_i into out[i] and ST_i into out[k + i], over the picked samples. */
static void sobol_estimate(const void *data, const size_t *pick, size_t m,
                           double *out) {
    const sobol_data *d = data;
    double mean, var;
    sobol_moments(d, pick, m, &mean, &var);
    for (size_t i = 0; i < 2 * d->factors; i++) out[i] = NAN;
    if (!(var > 0.0)) return; /* a constant output: nothing to apportion */
    for (size_t i = 0; i < d->factors; i++) {
        const double *fab = d->fab + i * d->n;
        double first = 0.0, total = 0.0;
        for (size_t j = 0; j < m; j++) {
            double a = d->fa[pick[j]], ab = fab[pick[j]];
            first += (d->fb[pick[j]] - mean) * (ab - a);
            total += (a - ab) * (a - ab);
        }
        out[i] = first / (double)m / var;
        out[d->factors + i] = total / (double)m / (2.0 * var);
    }
}

static int sample_usable(const double *y, size_t factors, size_t n,
                         size_t j) {
    for (size_t b = 0; b < factors + 2; b++)
        if (isnan(y[b * n + j])) return 0;
    return 1;
}

/* Gather the usable base samples of y into d (allocated here). */
static mishi_status sobol_gather(sobol_data *d, const double *y, size_t n,
                                 mishi_error *err) {
    size_t k = d->factors, m = 0;
    d->fa = malloc((k + 2) * n * sizeof *d->fa);
    if (!d->fa) return mishi_error_set(err, MISHI_ENOMEM, "sobol: no memory");
    for (size_t j = 0; j < n; j++) m += sample_usable(y, k, n, j);
    d->n = m, d->fb = d->fa + m, d->fab = d->fa + 2 * m;
    for (size_t j = 0, u = 0; j < n; j++) {
        if (!sample_usable(y, k, n, j)) continue;
        d->fa[u] = y[j], d->fb[u] = y[n + j];
        for (size_t i = 0; i < k; i++) d->fab[i * m + u] = y[(2 + i) * n + j];
        u++;
    }
    return MISHI_OK;
}

static mishi_status check_sobol(size_t factors, size_t n, const double *y,
                                const mishi_estimate *first,
                                const mishi_estimate *total,
                                mishi_error *err) {
    if (factors < 1 || n < 1)
        return mishi_error_set(err, MISHI_EARG,
                               "sobol indices: expected at least 1 factor "
                               "and 1 base sample, got %zu and %zu", factors,
                               n);
    if (!y || !first || !total)
        return mishi_error_set(err, MISHI_EARG,
                               "sobol indices: expected outputs and room for "
                               "the indices, got NULL");
    if (n > SIZE_MAX / sizeof(double) / (factors + 2))
        return mishi_error_set(err, MISHI_ELIMIT,
                               "sobol indices: %zu base samples of %zu "
                               "factors do not fit in memory", n, factors);
    return MISHI_OK;
}

/* The indices from the gathered samples; fewer than two leave V, and
 * every index, NaN. */
static mishi_status sobol_from(const sobol_data *d, size_t bootstrap_count,
                               uint64_t seed, mishi_estimate *est,
                               mishi_error *err) {
    boot_job job = {sobol_estimate, d, d->n, 2 * d->factors,
                    bootstrap_count, seed, BOOT_SOBOL};
    if (d->n >= 2) return bootstrap(&job, est, err);
    for (size_t c = 0; c < job.width; c++)
        est[c] = (mishi_estimate){NAN, NAN, NAN};
    return MISHI_OK;
}

mishi_status mishi_sobol_indices(size_t factors, size_t n, const double *y,
                                 size_t bootstrap_count, uint64_t seed,
                                 mishi_estimate *first, mishi_estimate *total,
                                 mishi_error *err) {
    mishi_status rc = check_sobol(factors, n, y, first, total, err);
    if (!rc) rc = check_bootstrap("sobol indices", n, 2 * factors,
                                  bootstrap_count, err);
    if (rc) return rc;
    sobol_data d = {factors, 0, NULL, NULL, NULL};
    mishi_estimate *est = malloc(2 * factors * sizeof *est);
    rc = est ? sobol_gather(&d, y, n, err)
             : mishi_error_set(err, MISHI_ENOMEM, "sobol indices: no memory");
    if (!rc) rc = sobol_from(&d, bootstrap_count, seed, est, err);
    for (size_t i = 0; !rc && i < factors; i++)
        first[i] = est[i], total[i] = est[factors + i];
    free(d.fa), free(est);
    return rc;
}
