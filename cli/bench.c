/*
 * bench.c — `mishi bench`: time a default market of a given size, with
 * no output, and report throughput and memory.
 *
 * The sizes are checked against the schema's ranges while the command
 * line is read, so a bad size is reported as the flag's fault before any
 * work starts. Throughput is counted per purchase as well as per
 * consumer-week, because the work of a week grows with the shoppers in it,
 * not with the population.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"

typedef struct bench_options {
    const char *consumers, *firms, *weeks; /* checked, kept as written */
    int threads;
} bench_options;

/* The range the schema gives `path`. */
static void param_range(const char *path, double *lo, double *hi) {
    *lo = 0, *hi = 2147483647.0;
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        if (strcmp(p->path, path) == 0) *lo = p->min, *hi = p->max;
    }
}

/* A size: a whole number in the range of the flag's parameter. */
static int set_size(const cli_flag *flag, void *options, const char *value) {
    double lo, hi;
    long long unused;
    param_range(flag->param, &lo, &hi);
    int rc = cli_parse_whole(flag->name, value, lo, hi, &unused);
    return rc ? rc : cli_set_text(flag, options, value);
}

/* The default scenario at the sizes asked for; every firm in class 0. */
static int bench_scenario(const bench_options *o, mishi_scenario **sc) {
    mishi_error err = {0};
    if (mishi_scenario_default(sc, &err) != MISHI_OK) return cli_run_error(&err);
    int rc = cli_scenario_set(*sc, "--consumers", "consumers.count",
                              o->consumers);
    if (!rc) rc = cli_scenario_set(*sc, "--firms", "firms.0.count", o->firms);
    if (!rc) rc = cli_scenario_set(*sc, "--weeks", "weeks", o->weeks);
    return rc;
}

static double peak_rss_mib(void) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) return NAN;
    return (double)usage.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

static void print_bench(const bench_options *o, const mishi_sim *sim,
                        int64_t units, double setup, double run) {
    int weeks = mishi_sim_week(sim);
    double consumers = strtod(o->consumers, NULL);
    printf("consumers: %s\nfirms: %s\nweeks: %d\nthreads: %d\n", o->consumers,
           o->firms, weeks, cli_threads_used(o->threads));
    printf("setup_seconds: %.3f\nrun_seconds: %.3f\n", setup, run);
    printf("weeks_per_second: %.3g\n", run > 0 ? weeks / run : NAN);
    printf("consumer_weeks_per_second: %.3g\n",
           run > 0 ? consumers * weeks / run : NAN);
    printf("purchases: %" PRId64 "\n", units);
    printf("purchases_per_second: %.3g\n", run > 0 ? (double)units / run : NAN);
    printf("bytes_per_consumer: %.1f\n", mishi_sim_bytes_per_consumer(sim));
    printf("peak_rss_mib: %.1f\n", peak_rss_mib());
}

/* Step to the horizon, counting units sold. */
static int bench_steps(mishi_sim *sim, int64_t *units) {
    mishi_error err = {0};
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        if (mishi_sim_step(sim, &err) != MISHI_OK) return cli_run_error(&err);
        *units += mishi_sim_market(sim)->units;
    }
    return 0;
}

static int bench_main(const cli_command *self, int argc, char **argv) {
    bench_options o = {0};
    mishi_scenario *sc = NULL;
    mishi_sim *sim = NULL;
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc) rc = bench_scenario(&o, &sc);
    double t0 = cli_now(), t1 = t0;
    if (!rc) {
        mishi_error err = {0};
        mishi_run_options options = {o.threads};
        if (mishi_sim_new(sc, &options, &sim, &err)) rc = cli_run_error(&err);
        t1 = cli_now();
    }
    int64_t units = 0;
    if (!rc) rc = bench_steps(sim, &units);
    if (!rc) print_bench(&o, sim, units, t1 - t0, cli_now() - t1);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return rc;
}

static const cli_flag bench_flags[] = {
    {"--consumers", "N", "consumers", "1000000", set_size,
     offsetof(bench_options, consumers), "consumers.count"},
    {"--firms", "N", "firms", "1000", set_size,
     offsetof(bench_options, firms), "firms[].count"},
    {"--weeks", "N", "weeks", "520", set_size,
     offsetof(bench_options, weeks), "weeks"},
    CLI_THREADS_FLAG(bench_options),
};

const cli_command bench_command = {
    "bench", NULL, "time a default market without output", bench_flags,
    CLI_COUNT(bench_flags), NULL, bench_main, {0},
};
