/*
 * run.c — `mishi run SCENARIO`: simulate a scenario file and write its
 * tidy output (firms.csv, market.csv, summary.json, plot.gp) and plots.
 *
 * The --set assignments apply in the order given, so a later one
 * overrides an earlier one as a user reading the line expects; --seed
 * and --set seed=N together are refused, as either order of the two
 * would surprise someone. A --set the scenario cannot read (its
 * mechanism is switched off) is warned of, and run. The time spent
 * simulating and writing is measured apart and recorded in summary.json,
 * so a slow run says which part was slow.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mishi_batch.h"
#include "mishi_files.h"

typedef struct run_options {
    const char *scenario, *seed, *out_dir;
    const char **sets; /* --set, in order; room for every word of argv */
    int set_count, threads, no_plot, quiet;
} run_options;

/* What a run holds and how long each part took. */
typedef struct run_state {
    mishi_scenario *sc;
    mishi_sim *sim;
    mishi_output *out;
    char *out_dir;
    char *scenario_file; /* the file's absolute path as a JSON string, as
                            summary.json records it */
    double start, setup_seconds, run_seconds, output_seconds, close_seconds;
} run_state;

static int take_scenario(const cli_command *self, void *options,
                         const char *argument) {
    return cli_take_one(self, &((run_options *)options)->scenario,
                        "scenario file", argument);
}

static int add_set(const cli_flag *flag, void *options, const char *value) {
    (void)flag;
    run_options *o = options;
    o->sets[o->set_count++] = value;
    return 0;
}

/* --seed N and --set seed=M name the seed twice. */
static int seed_given_twice(const run_options *o) {
    for (int i = 0; o->seed && i < o->set_count; i++)
        if (strncmp(o->sets[i], "seed=", 5) == 0)
            return cli_usage_error("--seed %s and --set %s both give the seed: "
                                   "give one of them", o->seed, o->sets[i]);
    return 0;
}

/* Load the scenario and apply --seed, then every --set as one change
 * (mishi_scenario_set_all: their order does not matter). */
static int load_scenario(const run_options *o, mishi_scenario **sc) {
    mishi_error err = {0};
    if (seed_given_twice(o)) return CLI_EXIT_USAGE;
    if (mishi_scenario_load(o->scenario, sc, &err) != MISHI_OK)
        return cli_run_error(&err);
    int rc = o->seed ? cli_scenario_set(*sc, "--seed", "seed", o->seed) : 0;
    if (rc) return rc;
    if (mishi_scenario_set_all(*sc, o->sets, (size_t)o->set_count, NULL, &err) != MISHI_OK)
        return cli_usage_error("--set: %s", err.message);
    return 0;
}

/* out/<scenario name>, the name made safe as a folder name
 * (cli_default_out). */
static char *default_out_dir(const mishi_scenario *sc) {
    return cli_default_out(mishi_scenario_name(sc), "");
}

/* The scenario file's absolute path (as given, if it has none) as a JSON
 * string, as summary.json holds it; NULL if out of memory. */
static char *scenario_file_json(const char *scenario) {
    char absolute[PATH_MAX], *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) return NULL;
    mishi_json_string(f, realpath(scenario, absolute) ? absolute : scenario);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The default folder is named after the scenario's `name:`, which an
 * edited copy of a scenario keeps: say so when the folder held the
 * outputs of another file, which this run replaces. */
static void note_another_scenario(const run_state *s) {
    static const char key[] = "  \"scenario_file\": ";
    size_t n = strlen(s->out_dir) + sizeof "/summary.json";
    const char *mine = s->scenario_file;
    char *path = malloc(n), *line = NULL;
    size_t size = 0;
    FILE *f = path ? (snprintf(path, n, "%s/summary.json", s->out_dir), fopen(path, "r")) : NULL;
    while (f && getline(&line, &size, f) > 0) {
        if (strncmp(line, key, strlen(key)) != 0) continue;
        if (strncmp(line + strlen(key), mine, strlen(mine)) != 0)
            fprintf(stderr,
                    "mishi: note: %s/ held the outputs of another scenario file "
                    "named '%s'; this run's replace them (--out DIR keeps both)\n",
                    s->out_dir, mishi_scenario_name(s->sc));
        break;
    }
    if (f) fclose(f);
    free(line), free(path);
}

/* A --set of a key that only mechanisms the scenario switches off read
 * cannot change the run: said, even with --quiet, so that a flat result
 * is not taken for no effect. The run goes on: the value is legal. */
static void warn_unread(const run_options *o, const mishi_scenario *sc) {
    char why[1024];
    for (int i = 0; i < o->set_count; i++)
        if (mishi_scenario_unread(sc, o->sets[i], why, sizeof why))
            fprintf(stderr, "mishi: warning: --set %s: %s; the value cannot "
                    "change the run\n", o->sets[i], why);
}

static int run_setup(const run_options *o, run_state *s) {
    mishi_error err = {0};
    int rc = load_scenario(o, &s->sc);
    if (rc) return rc;
    warn_unread(o, s->sc);
    s->scenario_file = scenario_file_json(o->scenario);
    s->out_dir = o->out_dir ? strdup(o->out_dir) : default_out_dir(s->sc);
    if (!s->out_dir || !s->scenario_file) return cli_run_failure("out of memory");
    if (!o->out_dir && !o->quiet) note_another_scenario(s);
    mishi_run_options options = {.threads = o->threads};
    if (mishi_sim_new(s->sc, &options, &s->sim, &err))
        return cli_run_error(&err);
    if (mishi_output_open(s->out_dir, s->sc, &s->out, &err))
        return cli_run_error(&err);
    s->setup_seconds = cli_now() - s->start;
    return 0;
}

static int run_weeks(const run_options *o, run_state *s) {
    mishi_error err = {0};
    cli_progress bar;
    cli_progress_start(&bar, o->quiet);
    int weeks = mishi_sim_weeks(s->sim);
    while (mishi_sim_week(s->sim) < weeks) {
        double t0 = cli_now();
        mishi_status rc = mishi_sim_step(s->sim, &err);
        double t1 = cli_now();
        if (rc == MISHI_OK) rc = mishi_output_week(s->out, s->sim, &err);
        s->run_seconds += t1 - t0;
        s->output_seconds += cli_now() - t1;
        if (rc != MISHI_OK) {
            cli_progress_clear(&bar);
            return cli_run_error(&err);
        }
        cli_progress_update(&bar, mishi_sim_week(s->sim), 0, weeks, "week");
    }
    cli_progress_clear(&bar);
    return 0;
}

static int run_close(const run_options *o, run_state *s) {
    size_t n = strlen(s->scenario_file) + 512;
    char *extra = malloc(n);
    if (!extra) return cli_run_failure("out of memory");
    snprintf(extra, n,
             "\"scenario_file\": %s,\n  \"timings\": {\"setup_seconds\": %.6f, "
             "\"run_seconds\": %.6f, \"output_seconds\": %.6f},\n  \"threads\": %d",
             s->scenario_file, s->setup_seconds, s->run_seconds, s->output_seconds,
             cli_threads_used(o->threads));
    double t0 = cli_now();
    mishi_error err = {0};
    mishi_status rc = mishi_output_close(s->out, s->sim, extra, &err);
    free(extra);
    if (rc != MISHI_OK) return cli_run_error(&err);
    s->close_seconds = cli_now() - t0;
    return 0;
}

/* Mechanisms switched on that never acted: their parameters could not
 * have changed this run, which whoever varies them should know. */
static void print_idle(const mishi_sim *sim) {
    mishi_idle_mechanism idle[MISHI_MAX_MECHANISMS];
    size_t n = mishi_sim_idle_mechanisms(sim, idle, MISHI_MAX_MECHANISMS);
    for (size_t k = 0; k < n; k++) {
        const mishi_mechanism_info *m = idle[k].mechanism;
        printf("  idle: %s%s%s (%s): %s was 0 every week; %s\n", m->name,
               idle[k].classes[0] ? " for " : "", idle[k].classes,
               m->switched_on_by, m->measure, m->meaning);
    }
}

static void print_summary(const run_state *s, int plotted) {
    const mishi_market_row *m = mishi_sim_market(s->sim);
    printf("mishi: %s, seed %" PRIu64 ": %d weeks", mishi_scenario_name(s->sc),
           mishi_scenario_seed(s->sc), mishi_sim_week(s->sim));
    printf(", %" PRId64 " consumers\n", mishi_sim_consumers(s->sim));
    if (m) { /* NA, as the CSVs write it, where nothing sold in the week */
        char repeat[32] = "NA", quality[32] = "NA";
        if (!isnan(m->repeat_rate)) snprintf(repeat, sizeof repeat, "%.3f", m->repeat_rate);
        if (!isnan(m->mean_quality))
            snprintf(quality, sizeof quality, "%.3f", m->mean_quality);
        printf("  final week: %d active firms, repeat rate %s, mean quality %s\n",
               m->active_firms, repeat, quality);
    }
    print_idle(s->sim);
    printf("  output: %s/ (firms.csv, market.csv, summary.json, plot.gp%s)\n",
           s->out_dir, plotted ? ", plot.svg, plot.png" : "");
    printf("  wall time: %.2f s (setup %.2f, run %.2f, output %.2f)\n",
           cli_now() - s->start, s->setup_seconds, s->run_seconds,
           s->output_seconds + s->close_seconds);
}

static void run_free(run_state *s) {
    mishi_output_free(s->out);
    mishi_sim_free(s->sim);
    mishi_scenario_free(s->sc);
    free(s->out_dir);
    free(s->scenario_file);
}

static int run_main(const cli_command *self, int argc, char **argv) {
    run_options o = {0};
    o.sets = calloc((size_t)argc + 1, sizeof *o.sets);
    if (!o.sets) return cli_run_failure("out of memory");
    run_state s = {.start = cli_now()};
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc && !o.scenario)
        rc = cli_usage_error("run: expected a scenario file, e.g. "
                             "'mishi run scenarios/train-station.yaml'");
    /* every rank would run the whole scenario into the same folder */
    long processes = mishi_batch_processes_launched();
    if (!rc && processes > 1)
        rc = cli_usage_error("run: started as %ld processes by mpirun; a run "
                             "is one process, which uses the cores with "
                             "--threads: start it alone (or with -np 1); "
                             "'mishi sweep' and 'mishi experiment' spread "
                             "their runs over MPI ranks", processes);
    if (!rc) rc = run_setup(&o, &s);
    if (!rc) rc = run_weeks(&o, &s);
    if (!rc) rc = run_close(&o, &s);
    if (!rc) {
        if (o.no_plot) cli_remove_drawings(s.out_dir, "plot.gp");
        int plotted = !o.no_plot && cli_draw_plot(s.out_dir, "plot.gp") == 0;
        if (!o.quiet) print_summary(&s, plotted);
    }
    run_free(&s);
    free(o.sets);
    return rc;
}

static const cli_flag run_flags[] = {
    {"--seed", "N", "random seed (checked like --set seed=N; not with --set seed=N)",
     .set = cli_set_text, .field = offsetof(run_options, seed)},
    {"--set", "KEY=VALUE",
     "set a parameter, e.g. consumers.count=5000 or firms.local.price=1.2; "
     "repeatable: applied in order, then checked together (a minimum and its "
     "maximum can be raised in either order)",
     .set = add_set},
    CLI_THREADS_FLAG(run_options),
    {"--out", "DIR", "output folder (default: out/<scenario name>)",
     .set = cli_set_folder, .field = offsetof(run_options, out_dir)},
    {"--no-plot", NULL, "do not run gnuplot on DIR/plot.gp",
     .set = cli_set_switch, .field = offsetof(run_options, no_plot)},
    {"--quiet", NULL, "print only errors and warnings (no progress bar, no "
     "summary)",
     .set = cli_set_switch, .field = offsetof(run_options, quiet)},
};

const cli_command run_command = {
    "run", "SCENARIO", "simulate a scenario file, write tidy output",
    run_flags, CLI_COUNT(run_flags), take_scenario, run_main, {0},
};
