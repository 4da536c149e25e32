/*
 * mishi.c — the `mishi` command: a thin layer over libmishi.
 *
 * It parses flags, calls the library and prints; there is no model logic
 * here, so everything it does a program linking libmishi can do too. It is
 * the only part of mishi that prints or exits. Exit status: 0 success,
 * 1 the run failed (the library's message is printed as "mishi: ..."),
 * 2 a bad command line (the message names the flag and what was expected).
 *
 *   mishi run SCENARIO [--seed N] [--set key.path=value]... [--threads N]
 *             [--out DIR] [--no-plot] [--quiet]
 *   mishi params [--markdown]
 *   mishi bench [--consumers N] [--firms N] [--weeks N] [--threads N]
 *   mishi validate [--scale X] [--threads N] [--case NAME]... [--out DIR]
 *                  [--no-plot]
 *   mishi version | help
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "mishi.h"
#include "mishi_validation.h"

#define EXIT_RUN 1   /* the run failed */
#define EXIT_USAGE 2 /* bad command line */
#define MAX_THREADS 1024
#define BAR_WIDTH 20           /* characters in the progress bar */
#define PROGRESS_DELAY 1.0     /* seconds before the bar appears */
#define PROGRESS_INTERVAL 0.1  /* seconds between redraws */

/* ------------------------------------------------------------ messages */

static void complain(const char *fmt, va_list ap) {
    fputs("mishi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
}

static int usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    complain(fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

/* A failure of the command's own work, such as writing a file. */
static int run_failure(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    complain(fmt, ap);
    va_end(ap);
    return EXIT_RUN;
}

static int run_error(const mishi_error *err) {
    fprintf(stderr, "mishi: %s\n", err->message);
    return EXIT_RUN;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The word in `words` (NULL-terminated) nearest to `word`, if near at all. */
static const char *nearest(const char *word, const char *const *words) {
    size_t count = 0;
    while (words[count]) count++;
    return mishi_nearest_name(word, words, count);
}

/* ---------------------------------------------------------------- flags */

/* A walk over argv with the flag being read. */
typedef struct args {
    int argc;
    char **argv;
    int i;
} args;

/* Whether argv[i] is `name` or `name=value`. */
static int flag_is(const args *a, const char *name) {
    const char *arg = a->argv[a->i];
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* The value of the flag at argv[i] ("--x=v" or "--x v"), NULL if missing. */
static const char *flag_value(args *a, const char *name, const char *what) {
    const char *arg = a->argv[a->i];
    size_t n = strlen(name);
    if (arg[n] == '=') return arg + n + 1;
    if (a->i + 1 < a->argc) return a->argv[++a->i];
    usage_error("%s: expected %s after it", name, what);
    return NULL;
}

static int unknown_flag(const char *command, const char *arg,
                        const char *const *flags) {
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
    const char *hint = nearest(name, flags);
    if (hint)
        return usage_error("%s: unknown flag '%s'; did you mean '%s'?", command,
                           name, hint);
    return usage_error("%s: unknown flag '%s' (see 'mishi help')", command, name);
}

/* A whole number in [lo, hi], or a message naming the flag. */
static int parse_whole(const char *flag, const char *text, double lo, double hi,
                       int64_t *out) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || (double)v < lo ||
        (double)v > hi)
        return usage_error("%s: expected a whole number from %.0f to %.0f, "
                           "got '%s'", flag, lo, hi, text);
    *out = v;
    return 0;
}

static int parse_threads(const char *text, int *threads) {
    int64_t v = 0;
    if (parse_whole("--threads", text, 1, MAX_THREADS, &v)) return EXIT_USAGE;
    *threads = (int)v;
    return 0;
}

/* The range of a scenario parameter from the schema. */
static void param_range(const char *path, double *lo, double *hi) {
    *lo = 0, *hi = 2147483647.0;
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        if (strcmp(p->path, path) == 0) *lo = p->min, *hi = p->max;
    }
}

/* Apply `path=value` (a flag's value) to the scenario. */
static int set_param(mishi_scenario *sc, const char *flag, const char *path,
                     const char *value) {
    size_t n = strlen(path) + strlen(value) + 2;
    char *assignment = malloc(n);
    if (!assignment) return usage_error("out of memory");
    snprintf(assignment, n, "%s=%s", path, value);
    mishi_error err = {0};
    mishi_status rc = mishi_scenario_set(sc, assignment, &err);
    free(assignment);
    if (rc != MISHI_OK) return usage_error("%s: %s", flag, err.message);
    return 0;
}

static int effective_threads(int requested) {
#ifdef _OPENMP
    if (requested == 0) return omp_get_max_threads();
#endif
    return requested;
}

/* ------------------------------------------------------------- progress */

/* A progress bar on stderr, only when it is a terminal and the run has
 * taken over PROGRESS_DELAY seconds. */
typedef struct progress {
    int enabled, drawn;
    double start, last_draw;
} progress;

static void progress_start(progress *p, int quiet) {
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->drawn = 0;
    p->start = now();
    p->last_draw = 0;
}

static void progress_update(progress *p, int week, int weeks) {
    if (!p->enabled) return;
    double t = now(), elapsed = t - p->start;
    if (elapsed < PROGRESS_DELAY || t - p->last_draw < PROGRESS_INTERVAL) return;
    p->last_draw = t;
    char bar[BAR_WIDTH + 1];
    int filled = weeks > 0 ? (int)((int64_t)BAR_WIDTH * week / weeks) : BAR_WIDTH;
    for (int i = 0; i < BAR_WIDTH; i++) bar[i] = i < filled ? '#' : '-';
    bar[BAR_WIDTH] = '\0';
    double left = week > 0 ? elapsed * (weeks - week) / week : 0.0;
    fprintf(stderr, "\r[%s] week %d/%d  %.1fs elapsed, %.1fs left ", bar, week,
            weeks, elapsed, left);
    p->drawn = 1;
}

static void progress_clear(progress *p) {
    if (p->drawn) fprintf(stderr, "\r%*s\r", BAR_WIDTH + 60, "");
    p->drawn = 0;
}

/* ------------------------------------------------------------------ run */

typedef struct run_options {
    const char *scenario, *seed, *out_dir;
    const char **sets;
    int set_count, threads, plot, quiet;
} run_options;

static const char *const run_flags[] = {"--seed",    "--set",     "--threads",
                                        "--out",     "--no-plot", "--quiet",
                                        NULL};

static int run_flag(args *a, run_options *o) {
    const char *v;
    if (flag_is(a, "--no-plot")) o->plot = 0;
    else if (flag_is(a, "--quiet")) o->quiet = 1;
    else if (flag_is(a, "--seed")) {
        if (!(o->seed = flag_value(a, "--seed", "a whole number"))) return EXIT_USAGE;
    } else if (flag_is(a, "--set")) {
        if (!(v = flag_value(a, "--set", "key.path=value"))) return EXIT_USAGE;
        o->sets[o->set_count++] = v;
    } else if (flag_is(a, "--threads")) {
        if (!(v = flag_value(a, "--threads", "a number of threads"))) return EXIT_USAGE;
        return parse_threads(v, &o->threads);
    } else if (flag_is(a, "--out")) {
        if (!(o->out_dir = flag_value(a, "--out", "a folder"))) return EXIT_USAGE;
    } else return unknown_flag("run", a->argv[a->i], run_flags);
    return 0;
}

static int parse_run(int argc, char **argv, run_options *o) {
    args a = {argc, argv, 0};
    for (a.i = 0; a.i < argc; a.i++) {
        const char *arg = argv[a.i];
        int rc = 0;
        if (arg[0] == '-' && arg[1] != '\0') rc = run_flag(&a, o);
        else if (!o->scenario) o->scenario = arg;
        else rc = usage_error("run: unexpected argument '%s' (one scenario "
                              "file per run)", arg);
        if (rc) return rc;
    }
    if (!o->scenario)
        return usage_error("run: expected a scenario file, e.g. "
                           "'mishi run scenarios/train-station.yaml'");
    return 0;
}

/* Load the scenario and apply --seed, then each --set in order. */
static int load_scenario(const run_options *o, mishi_scenario **sc) {
    mishi_error err = {0};
    if (mishi_scenario_load(o->scenario, sc, &err) != MISHI_OK)
        return run_error(&err);
    if (o->seed && set_param(*sc, "--seed", "seed", o->seed)) return EXIT_USAGE;
    for (int i = 0; i < o->set_count; i++) {
        mishi_status rc = mishi_scenario_set(*sc, o->sets[i], &err);
        if (rc != MISHI_OK) return usage_error("--set: %s", err.message);
    }
    return 0;
}

static int isalnum_ascii(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Make `s` safe as a file name: all but letters, digits, '-', '_' and '.'
 * become '_'. */
static void make_safe(char *s) {
    for (; *s; s++)
        if (!(isalnum_ascii(*s) || *s == '-' || *s == '_' || *s == '.')) *s = '_';
}

/* out/<scenario name>, the name made safe as a folder name. */
static char *default_out_dir(const mishi_scenario *sc) {
    const char *name = mishi_scenario_name(sc);
    if (!name || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        name = "unnamed";
    size_t n = strlen(name) + 5;
    char *dir = malloc(n);
    if (!dir) return NULL;
    snprintf(dir, n, "out/%s", name);
    make_safe(dir + 4);
    return dir;
}

/* What a run holds and how long each part took. */
typedef struct run_state {
    mishi_scenario *sc;
    mishi_sim *sim;
    mishi_output *out;
    char *out_dir;
    double start, setup_seconds, run_seconds, output_seconds, close_seconds;
} run_state;

static int run_setup(const run_options *o, run_state *s) {
    mishi_error err = {0};
    int rc = load_scenario(o, &s->sc);
    if (rc) return rc;
    s->out_dir = o->out_dir ? strdup(o->out_dir) : default_out_dir(s->sc);
    if (!s->out_dir) return usage_error("out of memory");
    mishi_run_options options = {o->threads};
    if (mishi_sim_new(s->sc, &options, &s->sim, &err)) return run_error(&err);
    if (mishi_output_open(s->out_dir, s->sc, &s->out, &err))
        return run_error(&err);
    s->setup_seconds = now() - s->start;
    return 0;
}

static int run_weeks(const run_options *o, run_state *s) {
    mishi_error err = {0};
    progress bar;
    progress_start(&bar, o->quiet);
    int weeks = mishi_sim_weeks(s->sim);
    while (mishi_sim_week(s->sim) < weeks) {
        double t0 = now();
        mishi_status rc = mishi_sim_step(s->sim, &err);
        double t1 = now();
        if (rc == MISHI_OK) rc = mishi_output_week(s->out, s->sim, &err);
        s->run_seconds += t1 - t0;
        s->output_seconds += now() - t1;
        if (rc != MISHI_OK) {
            progress_clear(&bar);
            return run_error(&err);
        }
        progress_update(&bar, mishi_sim_week(s->sim), weeks);
    }
    progress_clear(&bar);
    return 0;
}

static int run_close(const run_options *o, run_state *s) {
    char extra[512];
    snprintf(extra, sizeof extra,
             "\"timings\": {\"setup_seconds\": %.6f, \"run_seconds\": %.6f, "
             "\"output_seconds\": %.6f},\n  \"threads\": %d",
             s->setup_seconds, s->run_seconds, s->output_seconds,
             effective_threads(o->threads));
    double t0 = now();
    mishi_error err = {0};
    if (mishi_output_close(s->out, s->sim, extra, &err) != MISHI_OK)
        return run_error(&err);
    s->close_seconds = now() - t0;
    return 0;
}

/* Run `gnuplot SCRIPT` in `dir`: 0 drawn, 127 gnuplot missing, else
 * gnuplot's failure status. */
static int run_gnuplot(const char *dir, const char *script) {
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return 126;
    if (pid == 0) {
        char *argv[] = {"gnuplot", (char *)script, NULL};
        if (chdir(dir) != 0) _exit(126);
        execvp(argv[0], argv);
        _exit(errno == ENOENT ? 127 : 126);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return 126;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 126;
}

/* Draw `dir`/`script` with gnuplot, or say why not: a missing gnuplot or
 * a failed plot leaves the data files complete, so neither fails the
 * command. Returns run_gnuplot's status. */
static int draw_plot(const char *dir, const char *script) {
    int rc = run_gnuplot(dir, script);
    if (rc == 127)
        fprintf(stderr, "mishi: note: gnuplot is not installed; run 'gnuplot "
                        "%s' in %s to draw the plots\n", script, dir);
    else if (rc != 0)
        fprintf(stderr, "mishi: warning: gnuplot failed on %s/%s (status "
                        "%d); the data files are complete\n", dir, script, rc);
    return rc;
}

static int run_plot(const run_options *o, const run_state *s) {
    return o->plot && draw_plot(s->out_dir, "plot.gp") == 0;
}

static void print_summary(const run_state *s, int plotted) {
    const mishi_market_row *m = mishi_sim_market(s->sim);
    printf("mishi: %s, seed %" PRIu64 ": %d weeks", mishi_scenario_name(s->sc),
           mishi_scenario_seed(s->sc), mishi_sim_week(s->sim));
    printf(", %" PRId64 " consumers\n", mishi_sim_consumers(s->sim));
    if (m)
        printf("  final week: %d active firms, repeat rate %.3f, mean quality "
               "%.3f\n", m->active_firms, m->repeat_rate, m->mean_quality);
    printf("  output: %s/ (firms.csv, market.csv, summary.json, plot.gp%s)\n",
           s->out_dir, plotted ? ", plot.svg, plot.png" : "");
    printf("  wall time: %.2f s (setup %.2f, run %.2f, output %.2f)\n",
           now() - s->start, s->setup_seconds, s->run_seconds,
           s->output_seconds + s->close_seconds);
}

static void run_free(run_state *s) {
    mishi_output_free(s->out);
    mishi_sim_free(s->sim);
    mishi_scenario_free(s->sc);
    free(s->out_dir);
}

static int cmd_run(int argc, char **argv) {
    run_options o = {.plot = 1};
    o.sets = calloc((size_t)argc + 1, sizeof *o.sets);
    if (!o.sets) return usage_error("out of memory");
    run_state s = {.start = now()};
    int rc = parse_run(argc, argv, &o);
    if (!rc) rc = run_setup(&o, &s);
    if (!rc) rc = run_weeks(&o, &s);
    if (!rc) rc = run_close(&o, &s);
    if (!rc) {
        int plotted = run_plot(&o, &s);
        if (!o.quiet) print_summary(&s, plotted);
    }
    run_free(&s);
    free(o.sets);
    return rc;
}

/* --------------------------------------------------------------- params */

/* "0..1" (or "0 – 1" with sep " – "); "-" for text and strategies. */
static void format_range(const mishi_param_info *p, const char *sep, char *buf,
                         size_t n) {
    if (strcmp(p->type, "seed") == 0)
        snprintf(buf, n, "0%s18446744073709551615", sep);
    else if (strcmp(p->type, "int") == 0)
        snprintf(buf, n, "%.0f%s%.0f", p->min, sep, p->max);
    else if (strcmp(p->type, "real") == 0)
        snprintf(buf, n, "%g%s%g", p->min, sep, p->max);
    else snprintf(buf, n, "-");
}

static const char *format_default(const mishi_param_info *p) {
    return p->fallback && *p->fallback ? p->fallback : "\"\"";
}

/* The widths of the path, type, unit, default and range columns. */
static void column_widths(int w[5]) {
    const char *head[5] = {"path", "type", "unit", "default", "range"};
    for (int c = 0; c < 5; c++) w[c] = (int)strlen(head[c]);
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        char range[96];
        format_range(p, "..", range, sizeof range);
        const char *cell[5] = {p->path, p->type, p->unit, format_default(p), range};
        for (int c = 0; c < 5; c++)
            if ((int)strlen(cell[c]) > w[c]) w[c] = (int)strlen(cell[c]);
    }
}

static void print_params_text(void) {
    int w[5];
    column_widths(w);
    printf("%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", w[0], "path", w[1], "type",
           w[2], "unit", w[3], "default", w[4], "range", "meaning");
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        char range[96];
        format_range(p, "..", range, sizeof range);
        printf("%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", w[0], p->path, w[1],
               p->type, w[2], p->unit, w[3], format_default(p), w[4], range,
               p->doc);
    }
}

/* Markdown cell text: a '|' would end the cell. */
static void put_markdown(const char *s) {
    for (; *s; s++) {
        if (*s == '|') putchar('\\');
        putchar(*s);
    }
}

/* The table docs/model.md holds between its params markers (a test checks
 * that they match). */
static void print_params_markdown(void) {
    printf("| parameter | type | unit | default | range | meaning |\n"
           "|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        char range[96];
        format_range(p, " \u2013 ", range, sizeof range);
        printf("| `%s` | %s | %s | %s | %s | ", p->path, p->type, p->unit,
               format_default(p), range);
        put_markdown(p->doc);
        printf(" |\n");
    }
}

static int cmd_params(int argc, char **argv) {
    static const char *const flags[] = {"--markdown", NULL};
    int markdown = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--markdown") == 0) markdown = 1;
        else if (argv[i][0] == '-') return unknown_flag("params", argv[i], flags);
        else return usage_error("params: unexpected argument '%s'", argv[i]);
    }
    if (markdown) print_params_markdown();
    else print_params_text();
    return 0;
}

/* ---------------------------------------------------------------- bench */

typedef struct bench_options {
    const char *consumers, *firms, *weeks;
    int threads;
} bench_options;

/* A size flag, checked against its parameter's range in the schema. */
static int size_flag(args *a, const char *flag, const char *path,
                     const char **value) {
    double lo, hi;
    int64_t unused;
    if (!(*value = flag_value(a, flag, "a whole number"))) return EXIT_USAGE;
    param_range(path, &lo, &hi);
    return parse_whole(flag, *value, lo, hi, &unused);
}

static int parse_bench(int argc, char **argv, bench_options *o) {
    static const char *const flags[] = {"--consumers", "--firms", "--weeks",
                                        "--threads", NULL};
    args a = {argc, argv, 0};
    for (a.i = 0; a.i < argc; a.i++) {
        const char *v;
        int rc;
        if (flag_is(&a, "--consumers"))
            rc = size_flag(&a, "--consumers", "consumers.count", &o->consumers);
        else if (flag_is(&a, "--firms"))
            rc = size_flag(&a, "--firms", "firms[].count", &o->firms);
        else if (flag_is(&a, "--weeks"))
            rc = size_flag(&a, "--weeks", "weeks", &o->weeks);
        else if (flag_is(&a, "--threads"))
            rc = (v = flag_value(&a, "--threads", "a number of threads"))
                     ? parse_threads(v, &o->threads) : EXIT_USAGE;
        else if (argv[a.i][0] == '-') rc = unknown_flag("bench", argv[a.i], flags);
        else rc = usage_error("bench: unexpected argument '%s'", argv[a.i]);
        if (rc) return rc;
    }
    return 0;
}

static int bench_scenario(const bench_options *o, mishi_scenario **sc) {
    mishi_error err = {0};
    if (mishi_scenario_default(sc, &err) != MISHI_OK) return run_error(&err);
    if (set_param(*sc, "--consumers", "consumers.count", o->consumers) ||
        set_param(*sc, "--firms", "firms.0.count", o->firms) ||
        set_param(*sc, "--weeks", "weeks", o->weeks))
        return EXIT_USAGE;
    return 0;
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
           o->firms, weeks, effective_threads(o->threads));
    printf("setup_seconds: %.3f\nrun_seconds: %.3f\n", setup, run);
    printf("weeks_per_second: %.3g\n", run > 0 ? weeks / run : NAN);
    printf("consumer_weeks_per_second: %.3g\n",
           run > 0 ? consumers * weeks / run : NAN);
    printf("purchases: %" PRId64 "\n", units);
    printf("purchases_per_second: %.3g\n", run > 0 ? (double)units / run : NAN);
    printf("bytes_per_consumer: %.1f\n", mishi_sim_bytes_per_consumer(sim));
    printf("peak_rss_mib: %.1f\n", peak_rss_mib());
}

/* Step to the horizon, counting units sold: the work is per purchase. */
static int bench_steps(mishi_sim *sim, int64_t *units) {
    mishi_error err = {0};
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        if (mishi_sim_step(sim, &err) != MISHI_OK) return run_error(&err);
        *units += mishi_sim_market(sim)->units;
    }
    return 0;
}

static int cmd_bench(int argc, char **argv) {
    bench_options o = {"1000000", "1000", "520", 0};
    mishi_scenario *sc = NULL;
    mishi_sim *sim = NULL;
    int rc = parse_bench(argc, argv, &o);
    if (!rc) rc = bench_scenario(&o, &sc);
    double t0 = now(), t1 = t0;
    if (!rc) {
        mishi_error err = {0};
        mishi_run_options options = {o.threads};
        if (mishi_sim_new(sc, &options, &sim, &err)) rc = run_error(&err);
        t1 = now();
    }
    int64_t units = 0;
    if (!rc) rc = bench_steps(sim, &units);
    if (!rc) print_bench(&o, sim, units, t1 - t0, now() - t1);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return rc;
}

/* ------------------------------------------------------------- validate */

typedef struct validate_options {
    double scale;
    int threads, plot, any_chosen;
    size_t count;       /* the library's cases */
    const char **names; /* their names, NULL-terminated, for --case */
    int *chosen;        /* by --case; none chosen: every case */
    const char *out_dir;
} validate_options;

static const char *const validate_flags[] = {"--scale", "--threads", "--case",
                                             "--out",   "--no-plot", NULL};

/* The cases come from the library, so a case added there needs nothing
 * here. */
static int validate_setup(validate_options *o) {
    o->count = mishi_validation_count();
    o->names = calloc(o->count + 1, sizeof *o->names);
    o->chosen = calloc(o->count + 1, sizeof *o->chosen);
    if (!o->names || !o->chosen) return run_failure("out of memory");
    for (size_t k = 0; k < o->count; k++) o->names[k] = mishi_validation_name(k);
    return 0;
}

static void validate_free(validate_options *o) {
    free(o->names);
    free(o->chosen);
}

static int scale_flag(args *a, double *scale) {
    const char *v = flag_value(a, "--scale", "a size factor");
    if (!v) return EXIT_USAGE;
    char *end;
    *scale = strtod(v, &end);
    if (end == v || *end || !(*scale > 0 && *scale <= 100))
        return usage_error("--scale: expected a number above 0 and at most "
                           "100, got '%s'", v);
    return 0;
}

/* "a, b, c": every case name, for messages. */
static void list_cases(const validate_options *o, char *buf, size_t n) {
    buf[0] = '\0';
    for (size_t k = 0; k < o->count; k++) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", k ? ", " : "", o->names[k]);
    }
}

static int case_flag(args *a, validate_options *o) {
    const char *name = flag_value(a, "--case", "a case name");
    if (!name) return EXIT_USAGE;
    for (size_t k = 0; k < o->count; k++)
        if (strcmp(name, o->names[k]) == 0) {
            o->chosen[k] = o->any_chosen = 1;
            return 0;
        }
    char cases[1024];
    list_cases(o, cases, sizeof cases);
    const char *hint = nearest(name, o->names);
    if (hint)
        return usage_error("--case: unknown case '%s'; did you mean '%s'? "
                           "(cases: %s)", name, hint, cases);
    return usage_error("--case: unknown case '%s' (cases: %s)", name, cases);
}

static int validate_flag(args *a, validate_options *o) {
    const char *v;
    if (flag_is(a, "--no-plot")) o->plot = 0;
    else if (flag_is(a, "--scale")) return scale_flag(a, &o->scale);
    else if (flag_is(a, "--case")) return case_flag(a, o);
    else if (flag_is(a, "--threads")) {
        if (!(v = flag_value(a, "--threads", "a number of threads"))) return EXIT_USAGE;
        return parse_threads(v, &o->threads);
    } else if (flag_is(a, "--out")) {
        if (!(o->out_dir = flag_value(a, "--out", "a folder"))) return EXIT_USAGE;
        if (!*o->out_dir) return usage_error("--out: expected a folder, got ''");
    } else return unknown_flag("validate", a->argv[a->i], validate_flags);
    return 0;
}

static int parse_validate(int argc, char **argv, validate_options *o) {
    args a = {argc, argv, 0};
    for (a.i = 0; a.i < argc; a.i++) {
        int rc = argv[a.i][0] == '-'
                     ? validate_flag(&a, o)
                     : usage_error("validate: unexpected argument '%s'", argv[a.i]);
        if (rc) return rc;
    }
    return 0;
}

static void print_case(const mishi_validation *v) {
    printf("%-24s %12.4g %10.4g %10.4g %10" PRId64 "  %s\n", v->name,
           v->measured, v->expected, v->limit, v->sample,
           v->passed ? "PASS" : "FAIL");
    printf("  %s: %s\n", v->reference, v->statistic);
    for (int d = 0; d < v->detail_count; d++)
        printf("    %-28s simulated %.4f  theory %.4f\n", v->detail[d].label,
               v->detail[d].simulated, v->detail[d].theory);
}

/* Run the chosen cases (default: every one) into results[0..*ran),
 * printing each as it ends. */
static int run_cases(const validate_options *o, mishi_validation *results,
                     size_t *ran) {
    printf("%-24s %12s %10s %10s %10s  %s\n", "case", "measured", "expected",
           "limit", "sample", "result");
    for (size_t k = 0; k < o->count; k++) {
        if (o->any_chosen && !o->chosen[k]) continue;
        mishi_error err = {0};
        if (mishi_validation_run(k, o->scale, o->threads, &results[*ran], &err))
            return run_error(&err);
        print_case(&results[(*ran)++]);
    }
    return 0;
}

/* gnuplot on each case's DIR/<case>.gp; returns how many were drawn. */
static int plot_cases(const char *dir, const mishi_validation *results,
                      size_t n) {
    int drawn = 0;
    for (size_t i = 0; i < n; i++) {
        char script[256];
        snprintf(script, sizeof script, "%s.gp", results[i].name);
        int rc = draw_plot(dir, script);
        if (rc == 127) break; /* said once is enough */
        drawn += rc == 0;
    }
    return drawn;
}

/* --out: the library writes the tables and scripts; gnuplot draws them. */
static int write_cases(const validate_options *o,
                       const mishi_validation *results, size_t n) {
    mishi_error err = {0};
    if (mishi_validation_write(o->out_dir, results, n, &err) != MISHI_OK)
        return run_error(&err);
    int drawn = o->plot ? plot_cases(o->out_dir, results, n) : 0;
    printf("output: %s/ (validation.csv, details.csv, curves.csv and a "
           ".gp script per case%s)\n", o->out_dir,
           drawn ? ", drawn as .svg and .png" : "");
    return 0;
}

/* The chosen cases: measured, expected, limit, PASS/FAIL; with --out also
 * tidy tables and a plot per case, written once every case has run. Exit
 * 1 if any case fails. */
static int cmd_validate(int argc, char **argv) {
    validate_options o = {.scale = 1.0, .plot = 1};
    mishi_validation *results = NULL;
    size_t ran = 0;
    int rc = validate_setup(&o);
    if (!rc) rc = parse_validate(argc, argv, &o);
    if (!rc && !(results = calloc(o.count + 1, sizeof *results)))
        rc = run_failure("out of memory");
    if (!rc) rc = run_cases(&o, results, &ran);
    if (!rc && o.out_dir) rc = write_cases(&o, results, ran);
    int failed = 0;
    for (size_t i = 0; i < ran; i++) {
        failed += !results[i].passed;
        mishi_validation_clear(&results[i]);
    }
    free(results);
    validate_free(&o);
    if (rc) return rc;
    return failed ? EXIT_RUN : 0;
}

/* --------------------------------------------------------- help, version */

static const char usage_text[] =
    "mishi " MISHI_VERSION " - an agent-based simulator of consumer markets\n"
    "\n"
    "usage: mishi COMMAND [ARGUMENTS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO [FLAGS]  simulate a scenario file, write tidy output\n"
    "      --seed N            random seed (checked like --set seed=N)\n"
    "      --set KEY=VALUE     set a parameter, e.g. consumers.count=5000 or\n"
    "                          firms.local.price=1.2; repeatable, applied in order\n"
    "      --threads N         threads, 1 to 1024 (output does not depend on it)\n"
    "      --out DIR           output folder (default: out/<scenario name>)\n"
    "      --no-plot           do not run gnuplot on DIR/plot.gp\n"
    "      --quiet             print only errors (no progress bar, no summary)\n"
    "  params [--markdown]   list every scenario parameter: path, type, unit,\n"
    "                        default, range and meaning\n"
    "  bench [FLAGS]         time a default market without output\n"
    "      --consumers N       consumers (default 1000000)\n"
    "      --firms N           firms (default 1000)\n"
    "      --weeks N           weeks (default 520)\n"
    "      --threads N         threads, 1 to 1024 (default: all)\n"
    "  validate [FLAGS]      reproduce classic results; exit 1 if any fails\n"
    "      --scale X           size relative to the default (default 1)\n"
    "      --threads N         threads, 1 to 1024 (default: all)\n"
    "      --case NAME         run only this case; repeatable (default: all)\n"
    "      --out DIR           also write validation.csv, details.csv,\n"
    "                          curves.csv and a gnuplot script per case\n"
    "      --no-plot           do not run gnuplot on DIR/<case>.gp\n"
    "  version               print the version\n"
    "  help                  print this text\n"
    "\n"
    "Output of run: DIR/firms.csv, market.csv, summary.json, plot.gp, and\n"
    "plot.svg and plot.png when gnuplot is installed. Output of validate\n"
    "--out: DIR/validation.csv, details.csv, curves.csv, <case>.gp, and\n"
    "<case>.svg and <case>.png when gnuplot is installed.\n"
    "Exit status: 0 success, 1 the run failed, 2 a bad command line.\n";

static int cmd_help(int argc, char **argv) {
    (void)argc, (void)argv;
    fputs(usage_text, stdout);
    return 0;
}

static int cmd_version(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("mishi %s\n", MISHI_VERSION);
    return 0;
}

/* ----------------------------------------------------------------- main */

typedef int (*command_fn)(int argc, char **argv);

static const struct {
    const char *name;
    command_fn run;
} commands[] = {
    {"run", cmd_run},         {"params", cmd_params}, {"bench", cmd_bench},
    {"validate", cmd_validate},
    {"version", cmd_version}, {"help", cmd_help},     {"--help", cmd_help},
    {"-h", cmd_help},         {"--version", cmd_version},
};

static int unknown_command(const char *name) {
    static const char *const names[] = {"run", "params", "bench", "validate",
                                        "version", "help", NULL};
    const char *hint = nearest(name, names);
    if (hint)
        return usage_error("unknown command '%s'; did you mean '%s'?", name, hint);
    return usage_error("unknown command '%s' (commands: run, params, bench, "
                       "validate, version, help)", name);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    return unknown_command(argv[1]);
}
