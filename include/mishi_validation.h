/*
 * mishi_validation.h — libmishi_validation: classic published results
 * reproduced by mishi's own model (`mishi validate`, docs/validation.md).
 *
 * A client of libmishi like any other: each case builds an ordinary
 * scenario through include/mishi.h, runs it, and compares a statistic of
 * the run with its value under the theory, against a limit derived from
 * sampling theory at the size simulated. Nothing here is compiled into
 * libmishi; a program that wants the cases links both libraries.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#ifndef MISHI_VALIDATION_H
#define MISHI_VALIDATION_H

#include <stddef.h>
#include <stdint.h>

#include "mishi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MISHI_VALIDATION_DETAIL 16

/* One point of a curve the case compares: at `x`, what the simulation gave
 * and what the theory gives (NaN where the theory gives nothing, e.g. a
 * series with no closed form). */
typedef struct mishi_validation_point {
    char series[48]; /* "fully mixed", "ring network", ... */
    int panel;       /* the plot it belongs to: index into panel[] */
    double x, simulated, theory;
} mishi_validation_point;

/* One plot of a case: its axes. */
#define MISHI_VALIDATION_PANELS 4
typedef struct mishi_validation_panel {
    const char *title, *x_label, *y_label;
    int log_x; /* 1: x spans decades (e.g. gamma); plot it on a log scale */
    int log_y; /* 1: y spans decades; plot it on a log scale */
    /* NULL, or x is 1, 2, ... naming these categories (space-separated,
     * '_' for a space), which have no order: drawn as points, not lines */
    const char *categories;
    /* 1: a series named "A, B" is drawn in B's colour with A's shape, so
     * that series alike in B share a colour (one gamma from two starts) */
    int paired;
} mishi_validation_panel;

/* A classic result reproduced by mishi's own model (`mishi validate`): the
 * case runs as an ordinary scenario with the other submodels switched off,
 * and a statistic of the run is compared with what theory expects. */
typedef struct mishi_validation {
    const char *name;      /* "logit-shares" */
    const char *reference; /* the published result */
    const char *statistic; /* what `measured` is */
    double measured;       /* from the simulation */
    double expected;       /* its value under the theory */
    double limit;          /* pass if measured <= limit (from sampling theory) */
    int64_t sample;        /* observations the statistic rests on */
    int64_t consumers;     /* in each market the case simulates */
    int at_fewest;         /* the scale asked for was below the case's
                              fewest consumers, where its statistic stops
                              being meaningful: it ran with those */
    int passed;
    /* the comparison behind the statistic, row by row (e.g. each firm's
     * simulated and analytical share) */
    int detail_count;
    struct {
        char label[32];
        double simulated, theory;
    } detail[MISHI_VALIDATION_DETAIL];
    /* the curves for plots of simulated against analytical, one plot per
     * panel: points are owned by the result, released by
     * mishi_validation_clear */
    int panel_count;
    mishi_validation_panel panel[MISHI_VALIDATION_PANELS];
    const char *x_label, *y_label; /* panel 0's axes (kept for callers) */
    mishi_validation_point *points;
    size_t point_count;
} mishi_validation;

size_t mishi_validation_count(void);
/* The name of case `index` ("logit-shares"), NULL past the end. */
const char *mishi_validation_name(size_t index);
/* Run case `index` at `scale` times its default size (1 = full size; the
 * limit is recomputed for the size), but never with fewer consumers than
 * the case's fewest (out->at_fewest says it ran with those). `threads` as
 * in mishi_run_options. */
mishi_status mishi_validation_run(size_t index, double scale, int threads,
                                  mishi_validation *out, mishi_error *err);
/* Release the points of a result (safe on a zeroed or cleared one). */
void mishi_validation_clear(mishi_validation *v);
/* Tidy files for `count` results in `dir` (created if missing):
 * validation.csv (one row per case), details.csv, curves.csv, and per case
 * NAME.gp, a self-contained gnuplot script drawing NAME.svg and NAME.png
 * with one plot per panel. Each file is written under a temporary name and
 * renamed into place when complete. A case's name is its scripts' file
 * name, so names must be distinct and plain (letters, digits, '-', '_',
 * '.', not starting with '.'); a bad name or a point in a panel the case
 * does not have is MISHI_EARG before anything is written. */
mishi_status mishi_validation_write(const char *dir,
                                    const mishi_validation *results,
                                    size_t count, mishi_error *err);

#ifdef __cplusplus
}
#endif
#endif /* MISHI_VALIDATION_H */
