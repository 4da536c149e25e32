/*
 * idle_report.c — the mechanisms a sweep's runs switched on that never
 * acted (the runs table's `idle`, docs/model.md §7.13), as `mishi sweep`
 * and `mishi experiment` end with them: where a varied parameter belongs
 * to one, its runs could not differ by it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mishi_batch.h"
#include "results_view.h"

enum { POINTS_NAMED = 4 };

/* "; in every run at 3 points: a=1, b=2; a=1, b=3; ...": the points where
 * the mechanism was idle in every replicate, when it was not idle in
 * every run. */
static void print_points(const mishi_results *r, const mishi_idle_runs *idle) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    size_t all = 0;
    for (size_t p = 0; p < info.points; p++)
        all += idle->runs[p] >= (size_t)info.replicates;
    if (all == 0 || idle->total == info.done) return;
    printf("; in every run at %zu point%s:", all, all == 1 ? "" : "s");
    for (size_t p = 0, named = 0; p < info.points && named < POINTS_NAMED; p++) {
        if (idle->runs[p] < (size_t)info.replicates) continue;
        char setting[512];
        cli_point_text(r, p, setting, sizeof setting);
        printf("%s %s", named++ ? ";" : "", setting);
    }
    if (all > POINTS_NAMED) printf("; and %zu more", all - POINTS_NAMED);
}

int cli_idle_report(const mishi_results *r, int with_points) {
    mishi_idle_runs *idle;
    size_t count;
    mishi_error err = {0};
    if (mishi_results_idle(r, &idle, &count, &err)) return cli_run_error(&err);
    mishi_results_info info;
    mishi_results_describe(r, &info);
    if (count)
        printf("idle: mechanisms switched on that never acted (the runs table's "
               "idle column; `mishi outputs` says what each means)\n");
    for (size_t k = 0; k < count; k++) {
        printf("  %s: idle in %zu of %zu runs", idle[k].mechanism, idle[k].total,
               info.done);
        if (with_points) print_points(r, &idle[k]);
        putchar('\n');
    }
    mishi_results_idle_free(idle, count);
    return 0;
}
