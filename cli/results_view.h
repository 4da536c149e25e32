/*
 * results_view.h — what the commands that read a results database share
 * (summarize.c, summary_plot.c, sensitivity.c): choosing measures by name,
 * a point's values as text, and the summary plot.
 */
#ifndef MISHI_CLI_RESULTS_VIEW_H
#define MISHI_CLI_RESULTS_VIEW_H

#include <stddef.h>

#include "cli.h"
#include "mishi_batch.h"

#define CLI_MAX_MEASURES 64

/* What both reading commands take first: the database, and the measures
 * asked for with --measure. Each command's options begin with one, so the
 * positional handler and the --measure setter below serve both. */
typedef struct cli_results_options {
    const char *db;
    const char *measure[CLI_MAX_MEASURES];
    int measure_count;
} cli_results_options;

/* The positional handler: the one database. */
int cli_take_db(void *options, const char *argument);
/* --measure NAME, repeatable. */
int cli_add_measure(const cli_flag *flag, void *options, const char *value);

/* The measure `name` into *out, or a usage error (naming `flag`) that
 * lists the measures the database has. */
int cli_pick_measure(const mishi_results *r, const char *flag,
                     const char *name, size_t *out);
/* The `count` measures asked for (--measure), or every measure when none
 * is; chosen[] has room for 64. */
int cli_pick_measures(const mishi_results *r, const char *const *asked,
                      int count, size_t *chosen, size_t *n);
/* "a=0.05, b=0.1": point `point`'s value of every varied parameter. */
void cli_point_text(const mishi_results *r, size_t point, char *buf,
                    size_t n);
/* DIR/MEASURE-by-PARAMETER.gp, drawn as .svg and .png: the measure's mean
 * over replicates against `by` (default: the first varied parameter),
 * with its 95% interval, a line per combination of the other parameters.
 * `dir` NULL: the folder of `db`. */
int cli_summary_plot(const mishi_results *r, const char *measure,
                     const char *by, const char *dir, const char *db);

#endif
