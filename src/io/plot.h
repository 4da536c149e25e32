/*
 * plot.h — plot.gp, the gnuplot script a run writes beside its tables
 * (plot.c).
 */
#ifndef MISHI_PLOT_H
#define MISHI_PLOT_H

#include <stdint.h>
#include <stdio.h>

#define PLOT_TOP_FIRMS 5 /* firms drawn in the share panel */

/* One firm's unit share in one week (firms.csv's `share`). */
typedef struct share_point {
    int32_t week, firm;
    float share;
} share_point;

typedef struct plot_input {
    const char *scenario; /* its name, for the title */
    uint64_t seed;
    const int *top; /* ids of the firms drawn, most units sold first */
    const char *const *top_class; /* their classes' names */
    int top_count;
    int own_class_count; /* of them, firms that are a class of their own */
    const share_point *shares; /* every firm row's share, in week order */
    size_t share_count;
    int weeks; /* weeks simulated: one week draws as points, not lines */
    int64_t units; /* units sold over the run: none, and a panel of sales'
                      measures (all NA) says so instead of failing to draw */
} plot_input;

/* The whole script: the top firms' shares inline, market.csv's series
 * picked by column name. */
void plot_write(FILE *f, const plot_input *in);

#endif
