/*
 * mishi_sweep.h — sweeps: many runs of one scenario over a design of
 * parameter values, with replicates, and what each run records. Part of
 * libmishi; the batch library (mishi_batch.h) runs sweeps and stores them.
 *
 * A sweep file is YAML, read with the same machinery and the same error
 * quality as a scenario file (FILE:LINE:COLUMN: key: expected ..., got ...):
 *
 *     name: transient-threshold
 *     scenario: ../scenarios/train-station.yaml  # relative to this file
 *     set: {consumers.count: 20000, weeks: 104}  # --set paths
 *     seed: 1                                    # the sweep's seed
 *     replicates: 10
 *     design: grid                 # grid, latin-hypercube, sobol, morris,
 *                                  # saltelli
 *     vary:
 *       consumers.transient_share: [0.05, 0.25, 0.5]           # values
 *       firms.local.loyalty_threshold: {from: 0.05, to: 0.3, step: 0.05}
 *       bets:                      # a factor of named levels (grid only),
 *         variants:                # each a mapping of --set assignments
 *           all: {}
 *           no_fade: {firms.local.strategy: fixed, firms.local.price: 1}
 *     measures:
 *       quality: {column: market.mean_quality, summary: final}
 *       repeat: {column: market.repeat_rate, summary: mean, weeks: [53, 104]}
 *       profit: {column: firms.profit, firms: sum, summary: mean}
 *       half: {column: market.adopters, summary: first_week_above,
 *              value: 10000}
 *     series: [market.mean_quality]   # whole weekly series, optional
 *
 * A grid design is the Cartesian product of the listed values (a range
 * `{from, to, step}` is a list written short). A variants factor is a
 * list of named levels, each setting any parameters (numbers or not) as
 * `set:` would: an ablation study's "all; each one removed; none". Its
 * value at a point is the level's index, 0, 1, ...; wherever a value is
 * shown, the level's name is (mishi_factor_value_text). The other designs take
 * bounds, `{min, max}`, and `points`: a Latin hypercube or a Sobol
 * sequence (GSL's quasi-random generator) of that many points; Morris's
 * elementary-effects design of `points` trajectories on `levels` levels;
 * Saltelli's design for Sobol indices from `points` base samples (N (k+2)
 * points for k parameters). Each point runs `replicates` times.
 *
 * Every run's seed is derived from (sweep seed, point, replicate), never
 * from the order runs happen to run in, so any run can be repeated alone:
 * mishi_sweep_command gives the `mishi run` line that reproduces it.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#ifndef MISHI_SWEEP_H
#define MISHI_SWEEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mishi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------- designs */

/* The designs a sweep can use; names as a sweep file writes them. */
#define MISHI_DESIGN_LIST(X)                                                   \
    X(GRID, "grid", "every combination of the listed values")                  \
    X(LATIN_HYPERCUBE, "latin-hypercube",                                      \
      "`points` points, one in each of `points` equal slices of every range")  \
    X(SOBOL, "sobol", "the first `points` points of a Sobol sequence")         \
    X(MORRIS, "morris",                                                        \
      "`points` Morris trajectories on `levels` levels (elementary effects)")  \
    X(SALTELLI, "saltelli",                                                    \
      "Saltelli's design from `points` base samples, N (k + 2) points, for "   \
      "first- and total-order Sobol indices")

typedef enum {
#define MISHI_DESIGN_ENUM(id, name, doc) MISHI_DESIGN_##id,
    MISHI_DESIGN_LIST(MISHI_DESIGN_ENUM)
#undef MISHI_DESIGN_ENUM
    MISHI_DESIGN_COUNT
} mishi_design;

/* "latin-hypercube" for MISHI_DESIGN_LATIN_HYPERCUBE; NULL out of range. */
const char *mishi_design_name(mishi_design design);
/* One line on what the design is; NULL out of range. */
const char *mishi_design_doc(mishi_design design);

/* The points of a design on the unit cube [0,1]^factors, row after row
 * (point p's factor k at unit[p * factors + k]); *count points, in an
 * array to free(). Not for MISHI_DESIGN_GRID (a grid is made of values,
 * not of a number of points). `n` is the number of points (latin-
 * hypercube, sobol), of trajectories (morris) or of base samples
 * (saltelli); `levels` is Morris's p (even, at least 2), ignored by the
 * others; `seed` keys every random choice (latin-hypercube, morris), so
 * the same arguments give the same points.
 *
 * Layouts the analyses rely on:
 *  - morris: trajectory t is points t (k+1) ... t (k+1) + k; consecutive
 *    points of a trajectory differ in exactly one factor, by +-Delta with
 *    Delta = levels / (2 (levels - 1)), and each factor moves once;
 *  - saltelli: points [0, N) are the matrix A, [N, 2N) the matrix B, and
 *    for each factor i the block [(2 + i) N, (3 + i) N) is A with column i
 *    taken from B. A and B are the two halves of a 2k-dimensional Sobol
 *    sequence, taken from its point 2^m, the least power of 2 no less than
 *    N, as SALib takes it (its first points, from the centre (1/2, ...,
 *    1/2) on, are the same in many dimensions, which made rows of A and B
 *    equal and those samples worthless). */
mishi_status mishi_design_points(mishi_design design, size_t factors, size_t n,
                                 int levels, uint64_t seed, double **unit,
                                 size_t *count, mishi_error *err);

/* ------------------------------------------------------------------- sweeps */

typedef struct mishi_sweep mishi_sweep;

/* Every top-level key of a sweep file, then the keys nested in them a
 * reader must know of (`vary.NAME.variants`): type, unit, range, default
 * and meaning, as mishi_param_at gives a scenario's (`mishi params
 * --sweep`). */
size_t mishi_sweep_key_count(void);
const mishi_param_info *mishi_sweep_key_at(size_t index); /* NULL past end */

/* Read and check a sweep file; its `scenario:` is loaded too, relative to
 * the sweep file's folder, and `set:` and every value of the design are
 * checked against the scenario's schema before any run starts. */
mishi_status mishi_sweep_load(const char *path, mishi_sweep **out,
                              mishi_error *err);
/* The same from text; `name` stands for the file in messages and `dir` is
 * the folder `scenario:` is relative to. */
mishi_status mishi_sweep_load_string(const char *yaml, const char *name,
                                     const char *dir, mishi_sweep **out,
                                     mishi_error *err);
void mishi_sweep_free(mishi_sweep *sweep);

typedef struct mishi_sweep_info {
    const char *name;     /* the sweep's `name` */
    const char *source;   /* the sweep file, as given */
    const char *scenario; /* the base scenario's path, resolved */
    uint64_t seed;
    int replicates;
    mishi_design design;
    size_t samples;   /* `points`: points, trajectories or base samples */
    int levels;       /* morris */
    size_t points;    /* design points the sweep runs */
    size_t factors;   /* varied parameters */
    size_t measures;  /* measures each run records */
    size_t series;    /* weekly series each run records */
    int weeks;        /* the runs' horizon */
} mishi_sweep_info;

void mishi_sweep_describe(const mishi_sweep *sweep, mishi_sweep_info *out);

/* The settings of the sweep that none of its runs can read: a `set:`
 * entry, a varied parameter or a variants level's assignment that
 * mishi_scenario_unread calls unread at every point where the sweep gives
 * it (one unread at some points only, because the sweep varies what
 * switches its mechanism on, is not). Setting `k`, from 0, as a sentence
 * naming the file, line and key ("sweep.yaml:7: vary.social.reach:
 * social.reach is read only by ..."); NULL past the last. Valid while
 * the sweep lives. */
const char *mishi_sweep_unread(const mishi_sweep *sweep, size_t k);

/* A varied parameter, or a variants factor. */
typedef struct mishi_factor_info {
    const char *path; /* as --set writes it: "firms.local.price"; a
                         variants factor's name: "bets" */
    double low, high; /* its bounds, or the least and largest listed value
                         (a variants factor: 0 and level_count - 1) */
    int whole;        /* an integer parameter: values are rounded */
    /* A variants factor's level names, in file order: its value at a
     * point is the index of one. NULL (and 0) for a parameter. */
    const char *const *levels;
    size_t level_count;
} mishi_factor_info;

const mishi_factor_info *mishi_sweep_factor(const mishi_sweep *sweep,
                                            size_t factor); /* NULL past end */
/* Factor `factor`'s value at `point`, as applied to the run's scenario
 * (a variants factor's: the level's index). */
double mishi_sweep_value(const mishi_sweep *sweep, size_t point,
                         size_t factor);
/* Assignment `i` ("path=value", as written) of level `level` of variants
 * factor `factor`, in file order; NULL past the end or for a parameter. */
const char *mishi_sweep_level_set(const mishi_sweep *sweep, size_t factor,
                                  size_t level, size_t i);

/* How a factor's value is written for a reader. */
typedef enum {
    MISHI_VALUE_SHORT, /* "%g": tables, legends, settings */
    MISHI_VALUE_EXACT  /* the shortest text that reads back as the same
                          double: commands, definitions, messages, CSV
                          cells (which a reader joins on) */
} mishi_value_style;

/* `value` of `factor` as text, into out[0..size): a variants factor's
 * level name (NA for no level), else the number in `style`. Every place
 * that shows a factor's value calls this, so a level is never shown as
 * its index. */
void mishi_factor_value_text(const mishi_factor_info *factor, double value,
                             mishi_value_style style, char *out, size_t size);
/* The run's seed, from (sweep seed, point, replicate) alone: below 2^63
 * (so it fits a signed 64-bit column), and distinct runs get distinct
 * seeds with overwhelming probability. */
uint64_t mishi_sweep_run_seed(const mishi_sweep *sweep, size_t point,
                              int replicate);
/* The run's scenario: the base scenario, then `set:`, then the point's
 * values, then the run's seed, each applied as `--set` applies it. */
mishi_status mishi_sweep_scenario(const mishi_sweep *sweep, size_t point,
                                  int replicate, mishi_scenario **out,
                                  mishi_error *err);
/* The `mishi run` command line that repeats the run alone, with the same
 * numbers: "mishi run SCENARIO --set k=v ... --seed S" (paths quoted for a
 * POSIX shell where needed; reals written to round-trip exactly). A
 * string to free(); NULL when out of memory. */
char *mishi_sweep_command(const mishi_sweep *sweep, size_t point,
                          int replicate);

/* The sweep's definition as one JSON object, key by key, with every
 * default filled in and the base scenario's digest in place of its path
 * alone: two sweeps that would run the same runs and record the same
 * things write the same object. The batch library stores it to tell
 * whether a database holds this sweep. */
mishi_status mishi_sweep_write_json(const mishi_sweep *sweep, FILE *f);
/* A digest of the resolved base scenario (after `set:`), 16 hex digits:
 * a changed scenario file gives another digest. */
const char *mishi_sweep_scenario_digest(const mishi_sweep *sweep);

/* ------------------------------------------------------------------ measures */

/* How a measure summarises a column over the weeks from..to (inclusive). */
#define MISHI_SUMMARY_LIST(X)                                                  \
    X(FINAL, "final", "the value in week `to` (the last week by default)")     \
    X(MEAN, "mean", "the mean over the weeks (missing values left out)")       \
    X(MAX, "max", "the largest value over the weeks")                          \
    X(MIN, "min", "the smallest value over the weeks")                         \
    X(FIRST_WEEK_ABOVE, "first_week_above",                                    \
      "the first week whose value is above `value` (NA if none)")              \
    X(FIRST_WEEK_BELOW, "first_week_below",                                    \
      "the first week whose value is below `value` (NA if none)")

typedef enum {
#define MISHI_SUMMARY_ENUM(id, name, doc) MISHI_SUMMARY_##id,
    MISHI_SUMMARY_LIST(MISHI_SUMMARY_ENUM)
#undef MISHI_SUMMARY_ENUM
    MISHI_SUMMARY_COUNT
} mishi_summary;

/* How a firms.csv column becomes one number a week: over the firms that
 * traded in it. */
#define MISHI_OVER_FIRMS_LIST(X)                                               \
    X(SUM, "sum") X(MEAN, "mean") X(MAX, "max") X(MIN, "min")

typedef enum {
#define MISHI_OVER_FIRMS_ENUM(id, name) MISHI_OVER_FIRMS_##id,
    MISHI_OVER_FIRMS_LIST(MISHI_OVER_FIRMS_ENUM)
#undef MISHI_OVER_FIRMS_ENUM
    MISHI_OVER_FIRMS_COUNT
} mishi_over_firms;

const char *mishi_summary_name(mishi_summary summary);
const char *mishi_summary_doc(mishi_summary summary); /* one line */
const char *mishi_over_firms_name(mishi_over_firms over);

/* A weekly quantity: a column of market.csv, or of firms.csv taken over
 * the firms. `name` is "market.mean_quality" or "firms.profit" (the file's
 * stem, a dot, the column; mishi_column_at lists the columns). */
typedef struct mishi_quantity {
    const char *name;
    const char *file;   /* "market.csv" or "firms.csv" */
    const char *column; /* "mean_quality" */
    mishi_over_firms over_firms; /* firms.csv only */
    /* firms.csv only: 0 takes every firm; k + 1 only the firms of class k
     * (zero, the default of a fresh struct, is every firm) */
    int only_class;
    const char *class_name; /* that class's name, or NULL */
} mishi_quantity;

typedef struct mishi_measure_info {
    const char *name; /* its key in the sweep file: a column of the results */
    mishi_quantity quantity;
    mishi_summary summary;
    int from, to;     /* weeks, inclusive: `weeks: [from, to]` or 1..weeks */
    double value;     /* first_week_above / _below: the threshold */
} mishi_measure_info;

const mishi_measure_info *mishi_sweep_measure(const mishi_sweep *sweep,
                                              size_t measure);
/* The weekly series each run records whole (`series:`). */
const mishi_quantity *mishi_sweep_series(const mishi_sweep *sweep,
                                         size_t series);

/* What one run records, week by week: feed it every week of the run, then
 * read each measure and series. Holds one number per series per week and
 * a few per measure, never the run's tables. */
typedef struct mishi_recorder mishi_recorder;

mishi_status mishi_recorder_new(const mishi_sweep *sweep,
                                mishi_recorder **out, mishi_error *err);
/* The same from explicit specifications (copied; `weeks` is the runs'
 * horizon): what mishi_recorder_new does with a sweep's. */
mishi_status mishi_recorder_new_for(const mishi_measure_info *measures,
                                    size_t measure_count,
                                    const mishi_quantity *series,
                                    size_t series_count, int weeks,
                                    mishi_recorder **out, mishi_error *err);
/* After every mishi_sim_step, in week order. */
void mishi_recorder_week(mishi_recorder *rec, const mishi_sim *sim);
/* Measure `measure`'s value once the run is over; NaN when it has none
 * (no week qualified, or no data in the weeks). */
double mishi_recorder_measure(const mishi_recorder *rec, size_t measure);
/* Series `series`, week 1 first; *weeks values. */
const double *mishi_recorder_series(const mishi_recorder *rec, size_t series,
                                    size_t *weeks);
/* Forget the run, keeping the allocation, to record another. */
void mishi_recorder_reset(mishi_recorder *rec);
void mishi_recorder_free(mishi_recorder *rec);

/* ---------------------------------------------------------------- analyses */

/* A measure at one point, over the replicates that finished there. */
typedef struct mishi_point_summary {
    size_t point;
    size_t n;          /* replicates with a value (NA ones are left out) */
    double mean, sd;   /* sd: NaN with fewer than 2 */
    double low, high;  /* 95% confidence interval of the mean (Student t);
                          NaN with fewer than 2 */
} mishi_point_summary;

/* The mean, standard deviation and `level` (e.g. 0.95) confidence interval
 * of the mean of x[0..n) by Student's t; NaN values are left out. */
void mishi_mean_interval(const double *x, size_t n, double level,
                         mishi_point_summary *out);

/* An estimate with a 95% bootstrap percentile interval. */
typedef struct mishi_estimate {
    double value, low, high;
} mishi_estimate;

/* Morris elementary effects from a Morris design (mishi_design_points'
 * layout): for each factor, mu* (the mean absolute effect) and sigma (the
 * standard deviation of the effects), effects measured per unit of the
 * factor's range. `unit` holds the design's points on the unit cube, `y`
 * the output at each point. Intervals come from `bootstrap` resamples of
 * the trajectories (0: none, low = high = value), keyed by `seed`. */
mishi_status mishi_morris_effects(size_t factors, size_t trajectories,
                                  const double *unit, const double *y,
                                  size_t bootstrap, uint64_t seed,
                                  mishi_estimate *mu_star,
                                  mishi_estimate *sigma, mishi_error *err);

/* First-order and total Sobol indices from a Saltelli design of `n` base
 * samples (mishi_design_points' layout; y holds n (factors + 2) outputs):
 * Saltelli's (2010) estimator of the first-order index and Jansen's of
 * the total, with `bootstrap` resamples of the base samples for the
 * intervals, keyed by `seed`. */
mishi_status mishi_sobol_indices(size_t factors, size_t n, const double *y,
                                 size_t bootstrap, uint64_t seed,
                                 mishi_estimate *first, mishi_estimate *total,
                                 mishi_error *err);

/* Two means compared: a's minus b's, with Welch's confidence interval. */
typedef struct mishi_difference {
    double value;     /* mean of a minus mean of b */
    double df;        /* Welch-Satterthwaite degrees of freedom */
    double low, high; /* the interval; NaN when either has fewer than 2 */
} mishi_difference;

/* The difference of the means of two samples summarised by
 * mishi_mean_interval, with its `level` (e.g. 0.95) confidence interval
 * by Welch's t: se^2 = sd_a^2/n_a + sd_b^2/n_b, df by Welch-Satterthwaite,
 * value +- t(1/2 + level/2, df) se. When both samples have no spread
 * (se = 0) the interval is the difference itself and df is infinite. */
void mishi_welch_interval(const mishi_point_summary *a,
                          const mishi_point_summary *b, double level,
                          mishi_difference *out);

/* ------------------------------------------------------- claims and plots */

/* An experiment (docs/experiments.md) is a sweep file with two more keys:
 *
 *     claims:
 *       trap_lowers_profit:
 *         says: "...an adversarial relationship develops with no winners."
 *         measure: profit            # one of the sweep's measures
 *         expect: lower              # lower | higher
 *         when: {firms.local.loyalty_threshold: 0.3}
 *         than: {firms.local.loyalty_threshold: 0}
 *     plots:
 *       - {measure: quality, by: consumers.transient_share}
 *       - {series: market.mean_quality}
 *
 * A claim is for a grid. `when` holds varied parameters (as `vary:` writes
 * them) at values among their grid values, a variants factor at one of
 * its levels, by name (`when: {bets: all}`); `than` holds some of those
 * same parameters at other grid values. Each point P that matches `when`
 * is compared with Q, the point equal to P except that the parameters
 * `than` names take its values: a parameter `when` names and `than` does
 * not is held at `when`'s value in both. The parameters `when` does not
 * name make the claim's settings, one pair (P, Q) each. The batch library
 * gives the verdict in every setting (mishi_batch.h).
 *
 * Claims and plots change neither the runs nor what they record, so
 * mishi_sweep_write_json leaves them out: rewording a claim, or adding
 * one, keeps the results database it was run into. */

/* Which way a claim expects the measure to differ at P from Q. */
#define MISHI_EXPECT_LIST(X) X(LOWER, "lower") X(HIGHER, "higher")

typedef enum {
#define MISHI_EXPECT_ENUM(id, name) MISHI_EXPECT_##id,
    MISHI_EXPECT_LIST(MISHI_EXPECT_ENUM)
#undef MISHI_EXPECT_ENUM
    MISHI_EXPECT_COUNT
} mishi_expect;

const char *mishi_expect_name(mishi_expect expect); /* NULL out of range */

/* A varied parameter held at one of its grid values (a variants factor
 * at one of its levels, written by name in the file). */
typedef struct mishi_claim_term {
    size_t factor; /* mishi_sweep_factor's index */
    double value;  /* a variants factor's: the level's index */
} mishi_claim_term;

typedef struct mishi_claim_info {
    const char *name;    /* its key under `claims:`, a plain identifier */
    const char *says;    /* the sentence it comes from; "" if not given */
    size_t measure;      /* mishi_sweep_measure's index */
    mishi_expect expect;
    const mishi_claim_term *when, *than; /* in file order */
    size_t when_count, than_count;
    size_t settings;     /* pairs (P, Q): the product of the numbers of
                            values of the parameters `when` leaves free */
} mishi_claim_info;

size_t mishi_sweep_claim_count(const mishi_sweep *sweep);
const mishi_claim_info *mishi_sweep_claim(const mishi_sweep *sweep,
                                          size_t claim); /* NULL past end */
/* The points of setting `setting` (0 .. settings - 1): *p matches `when`,
 * *q is *p under `than`. Settings go in grid order: the free parameters
 * in file order, the first varying slowest. MISHI_EARG out of range. */
mishi_status mishi_sweep_claim_points(const mishi_sweep *sweep, size_t claim,
                                      size_t setting, size_t *p, size_t *q);

/* What an experiment draws: a measure against a varied parameter (the
 * mean over replicates with its 95% interval, as `mishi summarize --plot`
 * draws it), or a recorded weekly series, a curve per point. A plot's
 * `when:` (a grid's only), written as a claim's, keeps the points that
 * hold those parameters at those values: a slice of a large grid, so that
 * a series plot of 32 points can show the 8 a reader compares. */
typedef enum { MISHI_PLOT_MEASURE, MISHI_PLOT_SERIES } mishi_plot_kind;

typedef struct mishi_plot_info {
    mishi_plot_kind kind;
    size_t measure; /* MEASURE: mishi_sweep_measure's index */
    size_t factor;  /* MEASURE: the parameter on the x axis */
    size_t series;  /* SERIES: mishi_sweep_series' index */
    const mishi_claim_term *when; /* in file order; none: every point */
    size_t when_count;
} mishi_plot_info;

size_t mishi_sweep_plot_count(const mishi_sweep *sweep);
const mishi_plot_info *mishi_sweep_plot(const mishi_sweep *sweep,
                                        size_t plot); /* NULL past end */
/* Whether the plot draws point `point`: 1 if it holds every parameter of
 * the plot's `when` at its value, 0 if not or out of range. */
int mishi_sweep_plot_shows(const mishi_sweep *sweep, size_t plot,
                           size_t point);

/* Run each point `replicates` times instead of the file's number (as
 * `mishi experiment --replicates` does); refused, leaving the sweep as it
 * was, outside 1 .. 10,000,000 or when points x replicates would pass the
 * same cap. The seeds of the replicates both numbers share are the same. */
mishi_status mishi_sweep_set_replicates(mishi_sweep *sweep, int replicates,
                                        mishi_error *err);

#ifdef __cplusplus
}
#endif
#endif /* MISHI_SWEEP_H */
