/*
 * bench.c — `mishi bench`: time a reference workload of a given size, with
 * no output, and report throughput, memory and a checksum of the run.
 *
 * Workloads (issue 13), each an ordinary scenario run by the engine:
 *   main  scenarios/train-station.yaml: transients, train-station
 *         firms, entry (the file as shipped, looked for here and then in
 *         the source tree)
 *   wkh   Weisbuch-Kirman-Herreiner loyalty: full information, no word of
 *         mouth, a purchase every week, n sellers (--firms, at most 16),
 *         gamma 0.1, beta 5, every seller in memory
 *   bass  Bass diffusion: prospects on a ring of 10 friends, p 0.01,
 *         q 0.4 a week, one maker
 * The checksum (FNV-1a over every week's market and firm rows) is the same
 * for any thread count, so two builds can be shown to give identical runs.
 *
 * The sizes are checked against the schema's ranges while the command
 * line is read, so a bad size is reported as the flag's fault before any
 * work starts. Throughput is counted per purchase as well as per
 * consumer-week, because the work of a week grows with the shoppers in it,
 * not with the population. --every splits the run's time into spans of
 * weeks, so a run that slows as its market ages shows where.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"

typedef struct bench_options {
    const char *workload;
    const char *consumers, *firms, *weeks; /* checked, kept as written */
    const char *every; /* weeks a span of the timing (--every), NULL: none */
    int threads;
    int plain; /* the engine's plain reference paths, for comparison */
} bench_options;

/* The fewest consumers of the bass workload's ring: a prospect's friends
 * are drawn from the network_window (5) nearest it on each side, 10 in
 * all, who are 10 consumers only from 11 on. */
#define BASS_FEWEST_CONSUMERS 11

/* A workload: its scenario (a shipped file, or the text of one) and the
 * sizes it runs at unless the command line says otherwise; the fewest
 * consumers that still make it the workload its name says, and why. */
typedef struct workload {
    const char *name, *file, *yaml;
    const char *consumers, *firms, *weeks;
    long long fewest_consumers; /* 0: any number the schema allows */
    const char *why_fewest;
} workload;

static const workload workloads[] = {
    {"main", "scenarios/train-station.yaml", NULL, "1000000", "1000", "520", 0,
     NULL},
    {"wkh", NULL,
     "name: bench-wkh\nseed: 2000\n"
     "consumers: {transient_share: 0, friends: 0, consider_all: 1,\n"
     "            failure_rate: 0, device_life_weeks: 1, aspiration: 0,\n"
     "            quality_noise: 0, memory_decay: 0.1}\n"
     "choice: {beta: 5, w_quality: 0, w_loyalty: 1, w_wom: 0, w_brand: 0,\n"
     "         w_price: 0}\n"
     "firms: [{name: seller, count: 3, cash: 1e12}]\n",
     "1000000", "3", "100", 0, NULL},
    {"bass", NULL,
     "name: bench-bass\nseed: 1969\n"
     "consumers: {initial_owners: 0, transient_share: 0, failure_rate: 0,\n"
     "            device_life_weeks: 1e6, friends: 10, network_window: 5,\n"
     "            network_locality: 1}\n"
     "adoption: {innovation: 0.01, imitation: 0.4}\n"
     "firms: [{name: maker, count: 1, cash: 1e12}]\n",
     "1000000", "1", "100", BASS_FEWEST_CONSUMERS,
     "a prospect's friends are drawn from the 10 nearest it on the ring, 5 "
     "each side: fewer consumers wrap the ring onto itself, and one has no "
     "one to ask"},
};
#define WORKLOADS (sizeof workloads / sizeof workloads[0])

static const workload *workload_named(const char *name) {
    for (size_t k = 0; k < WORKLOADS; k++)
        if (strcmp(workloads[k].name, name) == 0) return &workloads[k];
    return NULL;
}

static int set_workload(const cli_flag *flag, void *options, const char *value) {
    if (!workload_named(value))
        return cli_usage_error("%s: expected main, wkh or bass, got '%s'",
                               flag->name, value);
    return cli_set_text(flag, options, value);
}

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

/* Refused as the flag's fault: consumers too few for the workload to be
 * what its name says (the schema allows them, for other scenarios). The
 * sizes were read as whole numbers already. */
static int check_consumers(const workload *w, const char *consumers) {
    if (strtoll(consumers, NULL, 10) >= w->fewest_consumers) return 0;
    return cli_usage_error("--consumers: expected at least %lld for --workload "
                           "%s, got '%s' (%s)", w->fewest_consumers, w->name,
                           consumers, w->why_fewest);
}

/* The workload's scenario at the sizes asked for (its own where a size
 * was not given); every firm in class 0. */
static int bench_scenario(bench_options *o, mishi_scenario **sc) {
    const workload *w = workload_named(o->workload);
    if (!o->consumers) o->consumers = w->consumers;
    if (!o->firms) o->firms = w->firms;
    if (!o->weeks) o->weeks = w->weeks;
    int rc = check_consumers(w, o->consumers);
    if (rc) return rc;
    mishi_error err = {0};
    char path[4096];
    int found = w->file ? cli_shipped_file(w->file, path, sizeof path) : 0;
    if (found) return found;
    mishi_status status = w->file
        ? mishi_scenario_load(path, sc, &err)
        : mishi_scenario_load_string(w->yaml, w->name, sc, &err);
    if (status != MISHI_OK) return cli_run_error(&err);
    rc = cli_scenario_set(*sc, "--consumers", "consumers.count", o->consumers);
    if (!rc) rc = cli_scenario_set(*sc, "--firms", "firms.0.count", o->firms);
    /* WKH: each buyer remembers every seller (at most 16) */
    if (!rc && strcmp(w->name, "wkh") == 0)
        rc = cli_scenario_set(*sc, "--firms", "consumers.memory_slots", o->firms);
    if (!rc) rc = cli_scenario_set(*sc, "--weeks", "weeks", o->weeks);
    return rc;
}

static double peak_rss_mib(void) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) return NAN;
    return (double)usage.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

static void print_bench(const bench_options *o, const mishi_sim *sim,
                        int64_t units, uint64_t checksum, double setup,
                        double run) {
    int weeks = mishi_sim_week(sim);
    double consumers = strtod(o->consumers, NULL);
    printf("workload: %s\n", o->workload);
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
    printf("checksum: %016" PRIx64 "\n", checksum);
    for (size_t k = 0; k < mishi_submodel_count(); k++) {
        double spent = mishi_sim_step_seconds(sim, k);
        if (spent > 0)
            printf("step: %-22s %8.3f s %5.1f %%\n", mishi_submodel_name(k),
                   spent, run > 0 ? 100 * spent / run : NAN);
    }
}

/* The time and purchases of each span of --every weeks, in order. */
typedef struct bench_spans {
    int every; /* 0: no spans */
    double *seconds;
    int64_t *units;
} bench_spans;

static void print_spans(const bench_spans *spans, int weeks) {
    for (int k = 0; spans->every && k * spans->every < weeks; k++) {
        int first = k * spans->every + 1, last = first + spans->every - 1;
        double s = spans->seconds[k];
        printf("span: weeks %5d-%-5d %8.3f s %10.3g purchases/s\n", first,
               last < weeks ? last : weeks, s, s > 0 ? (double)spans->units[k] / s : NAN);
    }
}

/* FNV-1a over bytes: the checksum of a run's rows. */
static uint64_t fnv(uint64_t h, const void *data, size_t n) {
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* Step to the horizon, counting units sold (adoptions count as units)
 * and folding every week's rows into the checksum; `run` is the time
 * spent in the steps alone, the checksum's own time left out. */
static int bench_steps(mishi_sim *sim, int64_t *units, uint64_t *checksum,
                       double *run, bench_spans *spans) {
    mishi_error err = {0};
    *checksum = 1469598103934665603ull;
    *run = 0.0;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        double t = cli_now();
        if (mishi_sim_step(sim, &err) != MISHI_OK) return cli_run_error(&err);
        double spent = cli_now() - t;
        *run += spent;
        const mishi_market_row *m = mishi_sim_market(sim);
        if (spans->every) {
            int k = (mishi_sim_week(sim) - 1) / spans->every;
            spans->seconds[k] += spent;
            spans->units[k] += m->units;
        }
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        *units += m->units;
        *checksum = fnv(*checksum, m, sizeof *m);
        *checksum = fnv(*checksum, rows, n * sizeof *rows);
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
        mishi_run_options options = {.threads = o.threads, .plain = o.plain};
        if (mishi_sim_new(sc, &options, &sim, &err)) rc = cli_run_error(&err);
        t1 = cli_now();
    }
    int64_t units = 0;
    uint64_t checksum = 0;
    double run = 0.0;
    bench_spans spans = {o.every ? atoi(o.every) : 0, NULL, NULL};
    if (!rc && spans.every) {
        size_t count = (size_t)(mishi_sim_weeks(sim) / spans.every + 1);
        spans.seconds = calloc(count, sizeof *spans.seconds);
        spans.units = calloc(count, sizeof *spans.units);
        if (!spans.seconds || !spans.units) rc = cli_run_failure("out of memory");
    }
    if (!rc) rc = bench_steps(sim, &units, &checksum, &run, &spans);
    if (!rc) print_bench(&o, sim, units, checksum, t1 - t0, run);
    if (!rc) print_spans(&spans, mishi_sim_week(sim));
    free(spans.seconds), free(spans.units);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return rc;
}

static const cli_flag bench_flags[] = {
    {"--workload", "NAME", "main (scenarios/train-station.yaml), wkh (WKH loyalty) or "
     "bass (Bass diffusion on a ring)", "main", set_workload,
     offsetof(bench_options, workload), NULL},
    {"--consumers", "N", "consumers (default: 1000000; bass: at least "
     CLI_STRING(BASS_FEWEST_CONSUMERS) ")", NULL, set_size,
     offsetof(bench_options, consumers), "consumers.count"},
    {"--firms", "N", "firms (default: 1000; wkh: 3 sellers; bass: 1)", NULL,
     set_size, offsetof(bench_options, firms), "firms[].count"},
    {"--weeks", "N", "weeks (default: 520; wkh and bass: 100)", NULL, set_size,
     offsetof(bench_options, weeks), "weeks"},
    {"--every", "WEEKS", "also print the time and purchases per second of each "
     "span of WEEKS weeks (does a run slow as its market ages?)", NULL, set_size,
     offsetof(bench_options, every), "weeks"},
    CLI_THREADS_FLAG(bench_options),
    {"--plain", NULL, "take the engine's plain reference paths instead of its "
     "fast ones (same checksum, slower)", NULL, cli_set_switch,
     offsetof(bench_options, plain), NULL},
};

const cli_command bench_command = {
    "bench", NULL, "time a reference workload (main, wkh, bass) without output", bench_flags,
    CLI_COUNT(bench_flags), NULL, bench_main, {0},
};
