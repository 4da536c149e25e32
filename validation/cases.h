/*
 * cases.h — what the validation cases (one file per published result)
 * share, inside libmishi_validation.
 *
 * Each case is an ordinary scenario run through the public API a user's
 * run goes through, with the submodels the classic model lacks switched
 * off by parameters, never by special code paths. A case compares a
 * statistic of the run with its value under the theory, against a limit
 * derived from sampling theory at the size simulated — never from what the
 * code happens to produce. docs/validation.md explains each case.
 */
#ifndef MISHI_VALIDATION_CASES_H
#define MISHI_VALIDATION_CASES_H

#include "mishi_validation.h"

/* The chance that a correct model fails a case: every limit is a quantile
 * at this level (split over the comparisons a case makes). */
#define VALIDATION_FALSE_ALARM 0.001

/* A case run with `consumers` in each of its markets (validation.c's
 * table sizes it). */
typedef mishi_status (*validation_case)(long consumers, int threads,
                                        mishi_validation *out,
                                        mishi_error *err);
/* `--set path=value` on a case's scenario, value printed exactly. */
mishi_status validation_set(mishi_scenario *sc, const char *path, double value,
                            mishi_error *err);

/* One `--set path=value` of a case's scenario. */
typedef struct validation_setting {
    const char *path;
    double value;
} validation_setting;
#define VALIDATION_COUNT(array) (sizeof(array) / sizeof(array)[0])

/* A case's scenario: `yaml` (its structure) loaded under `name`, then each
 * setting applied in order; the order matters where one value bounds
 * another (a maximum before its minimum). On failure *sc is NULL. */
mishi_status validation_scenario(const char *yaml, const char *name,
                                 const validation_setting *settings,
                                 size_t count, mishi_scenario **sc,
                                 mishi_error *err);

/* What a case records from a run: `state` is handed to each hook, and a
 * hook left NULL is not called. */
typedef struct validation_watch {
    void *state;
    /* once the simulation is built, before week 1 (e.g. to size
     * per-consumer arrays) */
    mishi_status (*start)(void *state, const mishi_sim *sim, mishi_error *err);
    /* after each week: its purchases, in the run's fixed order ... */
    void (*purchase)(void *state, const mishi_sim *sim,
                     const mishi_purchase_row *row);
    /* ... then the week itself */
    void (*week)(void *state, const mishi_sim *sim);
} validation_watch;

/* Simulate `sc` on `threads` threads to its horizon, shown to `watch`. */
mishi_status validation_run(const mishi_scenario *sc, int threads,
                            const validation_watch *watch, mishi_error *err);

/* Append a detail row (ignored past MISHI_VALIDATION_DETAIL) or a point. */
void validation_detail(mishi_validation *out, const char *label,
                       double simulated, double theory);
mishi_status validation_point(mishi_validation *out, const char *series,
                              double x, double simulated, double theory,
                              mishi_error *err);
/* Start a new plot: the points added next belong to it. `log_axes`:
 * 0, or VALIDATION_LOG_X and/or VALIDATION_LOG_Y for axes that span
 * decades. */
#define VALIDATION_LOG_X 1
#define VALIDATION_LOG_Y 2
void validation_panel(mishi_validation *out, const char *title,
                      const char *x_label, const char *y_label, int log_axes);
/* The two-sided normal quantile for `comparisons` tests at the case's
 * false-alarm rate (Bonferroni). */
double validation_z(int comparisons);

mishi_status validate_bass(long consumers, int threads, mishi_validation *out,
                           mishi_error *err);
mishi_status validate_wkh(long consumers, int threads, mishi_validation *out,
                          mishi_error *err);
mishi_status validate_logit(long consumers, int threads, mishi_validation *out,
                            mishi_error *err);
mishi_status validate_clv(long consumers, int threads, mishi_validation *out,
                          mishi_error *err);
mishi_status validate_lemons(long consumers, int threads, mishi_validation *out,
                             mishi_error *err);

#endif
