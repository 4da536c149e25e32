/*
 * progress.c — the progress bar of a long run, and the clock it reads.
 *
 * The bar waits PROGRESS_DELAY seconds before it appears, so a short run
 * prints nothing but its summary, and redraws at most every
 * PROGRESS_INTERVAL seconds, so drawing costs nothing next to the weeks.
 * It is drawn only on a terminal: a log file or a pipe gets no '\r' litter.
 */
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define BAR_WIDTH 20          /* characters in the bar */
#define PROGRESS_DELAY 1.0    /* seconds before the bar appears */
#define PROGRESS_INTERVAL 0.1 /* seconds between redraws */
#define LINE_WIDTH (BAR_WIDTH + 72) /* the bar and its counts, to erase */

double cli_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void cli_progress_start(cli_progress *p, int quiet) {
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->drawn = 0;
    p->start = cli_now();
    p->last_draw = 0;
}

/* `done` of `total` (of which `before` were done before this started, so
 * the rate and the time left count only this invocation's work). */
void cli_progress_update(cli_progress *p, long done, long before, long total,
                         const char *unit) {
    if (!p->enabled) return;
    double t = cli_now(), elapsed = t - p->start;
    if (elapsed < PROGRESS_DELAY || t - p->last_draw < PROGRESS_INTERVAL) return;
    p->last_draw = t;
    char bar[BAR_WIDTH + 1];
    int filled = total > 0 ? (int)((int64_t)BAR_WIDTH * done / total) : BAR_WIDTH;
    for (int i = 0; i < BAR_WIDTH; i++) bar[i] = i < filled ? '#' : '-';
    bar[BAR_WIDTH] = '\0';
    double rate = done > before ? (double)(done - before) / elapsed : 0.0;
    double left = rate > 0 ? (double)(total - done) / rate : 0.0;
    fprintf(stderr, "\r[%s] %s %ld/%ld  %.3g %ss/s, %.0fs elapsed, %.0fs left ",
            bar, unit, done, total, rate, unit, elapsed, left);
    p->drawn = 1;
}

void cli_progress_clear(cli_progress *p) {
    if (p->drawn) fprintf(stderr, "\r%*s\r", LINE_WIDTH, "");
    p->drawn = 0;
}
