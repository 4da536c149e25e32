/*
 * plot_block.c — the datablocks of the batch commands' plots (summary
 * plots and series plots): a plot's data inline in its script, so the
 * script stands alone and can be edited and re-run.
 *
 * The columns are named once, below: the header of every block and every
 * clause that picks a column (cli_block_using) read these names, so a
 * column added or moved cannot shift a series.
 */
#include <math.h>

#include "mishi_files.h"
#include "results_view.h"

enum { X, MEAN, LOW, HIGH, COLUMNS };

/* After x, whose name each plot gives (cli_block.x). */
static const char *const value_column[COLUMNS] = {
    [MEAN] = "mean", [LOW] = "low", [HIGH] = "high"};

/* The columns each use picks, in order; -1 ends a list. */
static const int picked[][COLUMNS + 1] = {
    [CLI_USE_LINE] = {X, MEAN, -1},
    [CLI_USE_BAND] = {X, LOW, HIGH, -1},
    [CLI_USE_BARS] = {X, MEAN, LOW, HIGH, -1},
};

static const char *column_name(const cli_block *b, int column) {
    return column == X ? b->x : value_column[column];
}

void cli_block_start(FILE *f, const cli_block *b) {
    fprintf(f, "%s << EOD\n", b->name);
    for (int c = X; c < COLUMNS; c++)
        fprintf(f, "%s%s", c == X ? "" : " ", column_name(b, c));
    fputc('\n', f);
}

void cli_block_row(FILE *f, double x, const mishi_point_summary *s) {
    const double row[COLUMNS] = {[X] = x, [MEAN] = s->mean, [LOW] = s->low,
                                 [HIGH] = s->high};
    for (int c = X; c < COLUMNS; c++) {
        if (c != X) fputc(' ', f);
        mishi_gnuplot_real(f, row[c]);
    }
    fputc('\n', f);
}

void cli_block_end(FILE *f) { fputs("EOD\n\n", f); }

void cli_block_using(FILE *f, const cli_block *b, cli_block_use use) {
    fprintf(f, "%s using ", b->name);
    for (const int *c = picked[use]; *c >= 0; c++) {
        const char *sep = c == picked[use] ? "" : ":";
        if (*c == X && b->shift != 0.0)
            fprintf(f, "%s(column(\"%s\") %+g)", sep, column_name(b, *c), b->shift);
        else fprintf(f, "%s\"%s\"", sep, column_name(b, *c));
    }
}

void cli_spread_add(cli_spread *t, const mishi_point_summary *s) {
    if (!isfinite(s->mean)) return;
    if (isfinite(s->low) && isfinite(s->high)) t->with++;
    else t->without++;
}
