/*
 * sweep.h — what a loaded sweep holds, shared by the files of the sweep
 * layer that read it (sweep_load.c, sweep_vary.c, sweep_measures.c) and
 * those that answer for it (sweep_runs.c, sweep_json.c).
 *
 * A sweep keeps the base scenario resolved once (loaded, then `set:`
 * applied) and each factor's values as written, never the expanded runs:
 * a grid's point is decoded from its number (mixed radix, the first
 * factor varying slowest) and another design's from its row of the unit
 * cube, so a sweep of a million points costs a few numbers per factor.
 */
#ifndef MISHI_SWEEP_PRIVATE_H
#define MISHI_SWEEP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "mishi_sweep.h"
#include "params.h"

/* The most runs (points x replicates) a sweep may hold. Far past what a
 * machine finishes (a million runs of a small market take days), so the
 * cap only catches a grid that multiplied out by mistake, before it asks
 * for memory or for every point to be checked. */
#define SWEEP_MAX_RUNS 10000000.0

/* The most parameters one sweep varies. GSL's Sobol sequence stops at 40
 * dimensions and Saltelli's design needs 2k of them; a grid of more than
 * 23 factors of two values each is past SWEEP_MAX_RUNS already. */
enum { SWEEP_MAX_FACTORS = 64 };

/* Room for a --set path, and for "path=value" with the value written to
 * round-trip (at most 24 characters: "-2.2250738585072014e-308"). */
enum { SWEEP_PATH_MAX = 256, SWEEP_REAL_MAX = 32,
       SWEEP_ASSIGNMENT_MAX = SWEEP_PATH_MAX + SWEEP_REAL_MAX };

/* A `set:` entry, or one of a variants level's: "path=value" as written,
 * applied in file order. */
typedef struct sweep_set {
    char *assignment;
    int line;
} sweep_set;

/* A level of a variants factor: its name and what it sets. */
typedef struct sweep_level {
    char *name;
    sweep_set *sets;
    size_t set_count;
} sweep_level;

typedef struct sweep_factor {
    mishi_factor_info info; /* info.path is `path`, info.levels `names` */
    char *path;      /* a parameter's --set path, or a variants factor's name */
    double *values;  /* a grid's values, in file order; NULL otherwise (a
                        variants factor's: 0, 1, ..., its levels' indices) */
    size_t count;    /* how many */
    size_t stride;   /* a grid's points between two of this factor's values */
    int line, column; /* where `vary:` names it, for messages */
    sweep_level *levels; /* a variants factor's, `count` of them; else NULL */
    const char **names;  /* their names, for info.levels */
} sweep_factor;

/* A claim (sweep_claims.c): its public face, and each term's position
 * among its factor's grid values, from which its points are computed. */
typedef struct sweep_claim {
    mishi_claim_info info; /* name, says, when and than point below */
    char *name, *says;
    mishi_claim_term *terms; /* `when`'s, then `than`'s */
    size_t *level;           /* terms[i].value is values[level[i]] */
} sweep_claim;

/* A plot (sweep_claims.c): its public face, and its `when` as a claim's. */
typedef struct sweep_plot {
    mishi_plot_info info;   /* when points below */
    mishi_claim_term *terms;
    size_t *level;
} sweep_plot;

struct mishi_sweep {
    mishi_sweep_info info; /* name, source and scenario point below */
    char name[MISHI_NAME_MAX];
    char *source, *scenario;
    mishi_scenario *base; /* the scenario file, then `set:` */
    sweep_set *sets;
    size_t set_count;
    sweep_factor *factors;
    double *unit; /* other designs: info.points rows of info.factors */
    mishi_measure_info *measures;
    mishi_quantity *series;
    sweep_claim *claims; /* what an experiment checks and draws; left out */
    size_t claim_count;  /* of the definition (sweep_json.c) */
    sweep_plot *plots;
    size_t plot_count;
    char digest[17];
    char **unread; /* the settings no run reads, said (sweep_unread.c) */
    size_t unread_count;
};

/* The --set assignments that make a point, "path=value" each: a varied
 * parameter's one, a variants level's each (none for a level that
 * changes nothing), factor by factor in file order (sweep_points.c). */
typedef struct sweep_point_sets {
    const char **set;                     /* `count` of them */
    char (*number)[SWEEP_ASSIGNMENT_MAX]; /* the parameters' own text */
    size_t count;
} sweep_point_sets;

/* Point `point`'s assignments, in file order (to free with
 * sweep_point_sets_free, which takes a zeroed one too). */
mishi_status sweep_point_sets_make(const mishi_sweep *sweep, size_t point,
                                   sweep_point_sets *out, mishi_error *err);
void sweep_point_sets_free(sweep_point_sets *sets);

/* A copy of the base scenario with the assignments `sets` applied as one
 * change (mishi_scenario_set_all: cross-checked once they are all in). */
mishi_status sweep_point_scenario(const mishi_sweep *sweep,
                                  const sweep_point_sets *sets,
                                  mishi_scenario **out, mishi_error *err);

/* A copy of `sc` (the handle's layout is this library's own). */
mishi_status sweep_copy_scenario(const mishi_scenario *sc,
                                 mishi_scenario **out, mishi_error *err);

/* Free a variants factor's levels (sweep_variants.c); nothing for a
 * parameter. */
void sweep_free_levels(sweep_factor *factor);

/* Free the claims and plots (sweep_claims.c). */
void sweep_free_findings(mishi_sweep *sweep);

/* The settings no point of the design reads (mishi_scenario_unread),
 * each said in sweep->unread (sweep_unread.c); once the points are known. */
mishi_status sweep_find_unread(mishi_sweep *sweep, mishi_error *err);

/* The digest of the base scenario, once `set:` is applied, into
 * sweep->digest (sweep_json.c). */
mishi_status sweep_compute_digest(mishi_sweep *sweep, mishi_error *err);

#endif
