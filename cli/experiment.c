/*
 * experiment.c — `mishi experiment NAME`: run an experiment (a sweep file
 * under experiments/ with `claims:` and `plots:`, docs/experiments.md)
 * and say what its runs found.
 *
 * The work is the library's: the sweep runs through mishi_batch_run into
 * DIR/results.sqlite (resumable, as `mishi sweep` runs it, with the same
 * progress display), each claim is judged by mishi_claim_check, and the
 * tables and plots are the ones `mishi summarize` makes. This file adds
 * where things go and how the verdicts read:
 *   DIR/summary.csv   every measure at every point (as summarize --csv)
 *   DIR/claims.csv    every claim in every setting, with its statistics
 *   DIR/NAME.gp, .svg, .png   the plots the file asks for
 * and one line per claim at the end, e.g. `claim x ("..."): holds in 2 of
 * 2 settings (a=0.05: holds; =0.5: holds)`. A claim that fails is a
 * finding, so the exit status is 0 whatever the verdicts, and 1 only when
 * runs failed or were left undone (what did finish is still reported).
 */
#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mishi_batch.h"
#include "mishi_files.h"
#include "results_view.h"


#define PATH_MAX_TEXT 4096
#define SETTING_MAX 512 /* "a=0.05, b=0.1": a setting's free values */

typedef struct experiment_options {
    const char *name, *out;
    int replicates; /* 0: the file's */
    int jobs, quiet;
} experiment_options;

/* One claim's verdicts, a setting each. */
typedef struct claim_report {
    const mishi_claim_info *info;
    mishi_claim_setting *settings;
} claim_report;

static int take_name(const cli_command *self, void *options,
                     const char *argument) {
    return cli_take_one(self, &((experiment_options *)options)->name,
                        "experiment", argument);
}

static int set_replicates(const cli_flag *flag, void *options,
                          const char *value) {
    long long r;
    int rc = cli_parse_whole(flag->name, value, 1, 10000000, &r);
    if (!rc) ((experiment_options *)options)->replicates = (int)r;
    return rc;
}

/* ------------------------------------------------------------ the file */

static int is_path(const char *name) {
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0);
}

/* A name not found: the NAMEs there are, where it was looked for (the
 * same folder as cli_shipped_file's), appended to `text` as a line of its
 * own, so that the whole is said in one write (cli_fail); nothing if none. */
static void add_experiments_there(char *text, size_t n) {
    glob_t found = {0};
    int rc = glob("experiments/*.yaml", 0, NULL, &found);
    if (rc == GLOB_NOMATCH)
        rc = glob(MISHI_SOURCE_DIR "/experiments/*.yaml", 0, NULL, &found);
    if (rc == 0 && found.gl_pathc > 0) {
        mishi_text_append(text, n, "\nmishi: experiment: the experiments there are");
        for (size_t i = 0; i < found.gl_pathc; i++) {
            const char *file = strrchr(found.gl_pathv[i], '/') + 1;
            mishi_text_append(text, n, " %.*s", (int)(strlen(file) - 5), file);
        }
        mishi_text_append(text, n, "; or give a file's path");
    }
    globfree(&found);
}

/* experiments/NAME.yaml here, else in the source tree; a NAME with a '/'
 * or ending in .yaml is the file's own path. Not found is a missing input,
 * as a scenario file that `mishi run` cannot open is (CLI_EXIT_RUN), not a
 * bad command line; why is left in `err`, for the ranks to say once. */
static mishi_status find_file(const char *name, char *path, size_t n,
                              mishi_error *err) {
    if (is_path(name)) {
        snprintf(path, n, "%s", name);
        if (access(path, F_OK) == 0) return MISHI_OK;
        return mishi_error_set(err, MISHI_EIO, "%s: no such file", name);
    }
    char relative[512];
    snprintf(relative, sizeof relative, "experiments/%s.yaml", name);
    mishi_status rc = cli_find_shipped(relative, path, n, err);
    if (rc) add_experiments_there(err->message, sizeof err->message);
    return rc;
}

/* out/STEM, STEM the file's name less its folder and .yaml. */
static void default_dir(const char *file, char *dir, size_t n) {
    char stem[PATH_MAX_TEXT - 8]; /* room for "out/" in a dir of PATH_MAX_TEXT */
    cli_path_parts(file, ".yaml", NULL, 0, stem, sizeof stem);
    snprintf(dir, n, "out/%s", stem);
}

/* ------------------------------------------------------------ settings */

static int named_by_when(const mishi_claim_info *c, size_t factor) {
    for (size_t i = 0; i < c->when_count; i++)
        if (c->when[i].factor == factor) return 1;
    return 0;
}

/* The values at P of the parameters the claim leaves free: "a=0.05,
 * bets=none" (a variants factor's level by name); "" when it leaves
 * none. With one free parameter and `abbreviate` set, "=0.5": the lists
 * of verdicts name the parameter once. */
static void setting_text(const mishi_sweep *s, const mishi_claim_info *c,
                         size_t p, int abbreviate, char *buf, size_t n) {
    mishi_sweep_info info;
    mishi_sweep_describe(s, &info);
    size_t free_count = 0, used = 0;
    for (size_t k = 0; k < info.factors; k++)
        free_count += !named_by_when(c, k);
    buf[0] = '\0';
    for (size_t k = 0; k < info.factors && used < n; k++) {
        if (named_by_when(c, k)) continue;
        const mishi_factor_info *f = mishi_sweep_factor(s, k);
        char value[128];
        mishi_factor_value_text(f, mishi_sweep_value(s, p, k),
                                MISHI_VALUE_SHORT, value, sizeof value);
        used += (size_t)snprintf(buf + used, n - used, "%s%s=%s",
                                 used ? ", " : "",
                                 abbreviate && free_count == 1 ? "" : f->path,
                                 value);
    }
}

/* ------------------------------------------------------------ claims.csv */

static void csv_row(FILE *f, const mishi_sweep *s, const claim_report *c,
                    const mishi_claim_setting *x) {
    char setting[SETTING_MAX];
    setting_text(s, c->info, x->p, 0, setting, sizeof setting);
    mishi_csv_text(f, c->info->name);
    fputc(',', f);
    mishi_csv_text(f, setting);
    fprintf(f, ",%zu,%zu,%zu,%zu", x->p, x->q, x->at_p.n, x->at_q.n);
    const double v[] = {x->at_p.mean, x->at_q.mean, x->difference.value,
                        x->difference.df, x->difference.low,
                        x->difference.high, x->relative};
    for (size_t i = 0; i < CLI_COUNT(v); i++) {
        fputc(',', f);
        mishi_csv_real(f, v[i]);
    }
    fprintf(f, ",%s\n", mishi_verdict_name(x->verdict));
}

/* What claims.csv is written from. */
typedef struct claims_table {
    const mishi_sweep *sweep;
    const claim_report *claims;
    size_t count;
} claims_table;

/* A row per claim and setting (cli_write_csv). */
static void claims_rows(FILE *f, const void *context) {
    const claims_table *t = context;
    fputs("claim,setting,point_p,point_q,n_p,n_q,mean_p,mean_q,difference,"
          "df,ci_low,ci_high,relative_change,verdict\n", f);
    for (size_t c = 0; c < t->count; c++)
        for (size_t i = 0; i < t->claims[c].info->settings; i++)
            csv_row(f, t->sweep, &t->claims[c], &t->claims[c].settings[i]);
}

static int write_claims_csv(const char *dir, const mishi_sweep *s,
                            const claim_report *claims, size_t count) {
    char path[PATH_MAX_TEXT + 16];
    snprintf(path, sizeof path, "%s/claims.csv", dir);
    return cli_write_csv(path, claims_rows, &(claims_table){s, claims, count});
}

/* ------------------------------------------------------------ printing */

static const cli_column claim_columns[] = {
    {"claim", 0}, {"setting", 0}, {"mean at P", 0}, {"mean at Q", 0},
    {"P - Q", 0}, {"95% CI (Welch)", 0}, {"change", 0}, {"verdict", 0}};

static int add_claim_row(cli_table *t, const mishi_sweep *s,
                         const claim_report *c, const mishi_claim_setting *x) {
    char setting[SETTING_MAX], p[32], q[32], d[32], low[32], high[32],
        ci[80], change[32];
    setting_text(s, c->info, x->p, 0, setting, sizeof setting);
    cli_number_text("%.4g", x->at_p.mean, p, sizeof p);
    cli_number_text("%.4g", x->at_q.mean, q, sizeof q);
    cli_number_text("%.4g", x->difference.value, d, sizeof d);
    cli_number_text("%.4g", x->difference.low, low, sizeof low);
    cli_number_text("%.4g", x->difference.high, high, sizeof high);
    snprintf(ci, sizeof ci, "%s .. %s", low, high);
    cli_number_text("%+.1f%%", 100.0 * x->relative, change, sizeof change);
    return cli_table_add(t, (const char *const[]){
        c->info->name, setting[0] ? setting : "-", p, q, d, ci, change,
        mishi_verdict_name(x->verdict)});
}

static int print_claim_table(const mishi_sweep *s, const claim_report *claims,
                             size_t count) {
    cli_table t;
    int rc = cli_table_start(&t, 0, claim_columns, CLI_COUNT(claim_columns));
    for (size_t c = 0; !rc && c < count; c++)
        for (size_t i = 0; !rc && i < claims[c].info->settings; i++)
            rc = add_claim_row(&t, s, &claims[c], &claims[c].settings[i]);
    if (!rc) {
        printf("\nclaims: P matches `when`, Q is P under `than`\n");
        cli_table_print(&t);
    }
    cli_table_free(&t);
    return rc;
}

static size_t count_verdict(const claim_report *c, mishi_verdict v) {
    size_t n = 0;
    for (size_t i = 0; i < c->info->settings; i++)
        n += c->settings[i].verdict == v;
    return n;
}

/* claim NAME ("SAYS"): holds in K of N settings[, fails in M] (LIST) */
static void print_verdict(const mishi_sweep *s, const claim_report *c) {
    size_t n = c->info->settings, holds = count_verdict(c, MISHI_VERDICT_HOLDS);
    size_t fails = count_verdict(c, MISHI_VERDICT_FAILS);
    printf("claim %s%s%s%s: holds in %zu of %zu setting%s", c->info->name,
           c->info->says[0] ? " (\"" : "", c->info->says,
           c->info->says[0] ? "\")" : "", holds, n, n == 1 ? "" : "s");
    if (fails) printf(", fails in %zu", fails);
    printf(" (");
    for (size_t i = 0; i < n; i++) {
        char setting[SETTING_MAX];
        setting_text(s, c->info, c->settings[i].p, i > 0, setting, sizeof setting);
        printf("%s%s%s%s", i ? "; " : "", setting, setting[0] ? ": " : "",
               mishi_verdict_name(c->settings[i].verdict));
    }
    printf(")\n");
}

/* The claims named whose every setting (`all`) or no setting gave
 * `v`, as "a, b" into buf; "" if none. */
static void claims_where(const claim_report *claims, size_t count,
                         mishi_verdict v, int all, char *buf, size_t n) {
    buf[0] = '\0';
    for (size_t c = 0; c < count; c++) {
        size_t k = count_verdict(&claims[c], v);
        if (all ? k != claims[c].info->settings : k != 0) continue;
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
                 claims[c].info->name);
    }
}

/* The experiment in one line: how its settings came out, and the claims
 * that held everywhere and nowhere. */
static void print_overall(const mishi_sweep *s, const claim_report *claims,
                          size_t count) {
    size_t settings = 0, holds = 0, fails = 0;
    for (size_t c = 0; c < count; c++) {
        settings += claims[c].info->settings;
        holds += count_verdict(&claims[c], MISHI_VERDICT_HOLDS);
        fails += count_verdict(&claims[c], MISHI_VERDICT_FAILS);
    }
    mishi_sweep_info info;
    mishi_sweep_describe(s, &info);
    char everywhere[1024], nowhere[1024];
    claims_where(claims, count, MISHI_VERDICT_HOLDS, 1, everywhere,
                 sizeof everywhere);
    claims_where(claims, count, MISHI_VERDICT_HOLDS, 0, nowhere, sizeof nowhere);
    printf("%s in one line: of %zu claim%s in %zu setting%s, %s in %zu, "
           "fail%s in %zu and %s undecided in %zu; held in every setting: %s; "
           "held in none: %s\n", info.name, count, count == 1 ? "" : "s",
           settings, settings == 1 ? "" : "s", count == 1 ? "it holds" : "they hold",
           holds, count == 1 ? "s" : "", fails, count == 1 ? "is" : "are",
           settings - holds - fails, everywhere[0] ? everywhere : "none",
           nowhere[0] ? nowhere : "none");
}

/* ------------------------------------------------------------ the work */

static int judge_claims(const mishi_sweep *s, const mishi_results *r,
                        claim_report *claims, size_t count) {
    mishi_error err = {0};
    for (size_t c = 0; c < count; c++) {
        claims[c].info = mishi_sweep_claim(s, c);
        claims[c].settings = malloc((claims[c].info->settings + 1) *
                                    sizeof *claims[c].settings);
        if (!claims[c].settings) return cli_run_failure("out of memory");
        if (mishi_claim_check(s, c, r, claims[c].settings, &err))
            return cli_run_error(&err);
    }
    return 0;
}

/* Plot `plot`'s slice: the points its `when` keeps, the factors it
 * holds, and "name=value, ..." of those, from a point it keeps. */
static int make_slice(const mishi_sweep *s, const mishi_results *r,
                      size_t plot, cli_slice *slice) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    unsigned char *shown = calloc(info.points + 1, 1);
    unsigned char *held = calloc(info.factors + 1, 1);
    *slice = (cli_slice){shown, held, ""};
    if (!shown || !held) return cli_run_failure("out of memory");
    size_t first = info.points;
    for (size_t p = info.points; p-- > 0;)
        if ((shown[p] = (unsigned char)mishi_sweep_plot_shows(s, plot, p)))
            first = p;
    const mishi_plot_info *pi = mishi_sweep_plot(s, plot);
    for (size_t i = 0; i < pi->when_count && first < info.points; i++) {
        size_t k = pi->when[i].factor, used = strlen(slice->text);
        char value[128];
        cli_value_text(r, first, k, value, sizeof value);
        held[k] = 1;
        snprintf(slice->text + used, sizeof slice->text - used, "%s%s=%s",
                 used ? ", " : "", cli_factor_short(r, k), value);
    }
    return 0;
}

static int draw_plot(const mishi_sweep *s, const mishi_results *r, size_t i,
                     const char *dir) {
    const mishi_plot_info *p = mishi_sweep_plot(s, i);
    cli_slice slice;
    int rc = make_slice(s, r, i, &slice);
    if (!rc && p->kind == MISHI_PLOT_SERIES)
        rc = cli_series_plot(r, mishi_sweep_series(s, p->series), &slice,
                             dir);
    else if (!rc)
        rc = cli_summary_plot(r, mishi_sweep_measure(s, p->measure)->name,
                              mishi_sweep_factor(s, p->factor)->path, &slice,
                              dir, NULL);
    free(slice.shown), free(slice.held);
    return rc;
}

static int draw_plots(const mishi_sweep *s, const mishi_results *r,
                      const char *dir) {
    int rc = 0;
    for (size_t i = 0; !rc && i < mishi_sweep_plot_count(s); i++)
        rc = draw_plot(s, r, i, dir);
    return rc;
}

/* The summary, the claims, the plots, the mechanisms that never acted,
 * then the verdicts, last so that they are what a terminal shows when the
 * command ends. */
static int report(const mishi_sweep *s, const mishi_results *r,
                  const char *dir) {
    char csv[PATH_MAX_TEXT + 16];
    snprintf(csv, sizeof csv, "%s/summary.csv", dir);
    size_t count = mishi_sweep_claim_count(s);
    claim_report *claims = calloc(count + 1, sizeof *claims);
    int rc = claims ? cli_summary_report(r, NULL, 0, csv)
                    : cli_run_failure("out of memory");
    if (!rc) rc = judge_claims(s, r, claims, count);
    if (!rc) rc = write_claims_csv(dir, s, claims, count);
    if (!rc && count) rc = print_claim_table(s, claims, count);
    if (!rc) rc = draw_plots(s, r, dir);
    if (!rc) rc = cli_idle_report(r, 1);
    for (size_t c = 0; !rc && c < count; c++) print_verdict(s, &claims[c]);
    if (!rc && count) print_overall(s, claims, count);
    if (!rc && !count) /* an experiment judges claims: say it had none to */
        printf("\nno claims to judge: the file has no `claims:`; claims.csv holds "
               "its header alone (docs/experiments.md says how to write one)\n");
    for (size_t c = 0; claims && c < count; c++) free(claims[c].settings);
    free(claims);
    return rc;
}

/* What report() needs besides the results. */
typedef struct report_job {
    const mishi_sweep *s;
    const char *dir;
} report_job;

static int report_results(const mishi_results *r, const void *job) {
    const report_job *j = job;
    return report(j->s, r, j->dir);
}

static int run_experiment(const experiment_options *o, const char *file,
                          const mishi_sweep *s, int rank) {
    char dir[PATH_MAX_TEXT], db[PATH_MAX_TEXT + 16];
    if (o->out) snprintf(dir, sizeof dir, "%s", o->out);
    else default_dir(file, dir, sizeof dir);
    snprintf(db, sizeof db, "%s/results.sqlite", dir);
    cli_sweep_run run = {o->jobs, o->quiet, rank, 0, 0, 0};
    int rc = cli_run_sweep(s, db, &run);
    if (rank == 0 && run.refused)
        fprintf(stderr, "mishi: experiment: its results go to %s; give --out "
                "another folder to run it anew there\n", db);
    if (rank != 0 || (rc && !run.ran)) return rc;
    report_job job = {s, dir};
    int reported = cli_with_results(db, report_results, &job);
    return rc ? rc : reported;
}

/* What the session hands the load and the work: the options, and where
 * the load puts the file's path (PATH_MAX_TEXT bytes). */
typedef struct experiment_job {
    const experiment_options *o;
    char *file;
} experiment_job;

/* On every rank, after it joined the MPI job: a name not found is then
 * said once, as a file that does not load is. */
static mishi_status experiment_load(const void *context, mishi_sweep **sweep,
                                    mishi_error *err) {
    const experiment_job *job = context;
    mishi_status rc = find_file(job->o->name, job->file, PATH_MAX_TEXT, err);
    return rc ? rc : mishi_sweep_load(job->file, sweep, err);
}

/* Fewer replicates than the file's design asks for are allowed (a quick
 * look), but said: the verdicts then rest on a few runs each. */
static void note_fewer_replicates(const mishi_sweep *sweep, int replicates, int rank) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    if (rank != 0 || replicates >= info.replicates) return;
    if (replicates == 1)
        fprintf(stderr, "mishi: experiment: 1 replicate, fewer than the file's %d: "
                "each verdict rests on one run a point, without an interval\n",
                info.replicates);
    else
        fprintf(stderr, "mishi: experiment: %d replicates, fewer than the file's %d: "
                "each verdict rests on %d runs a point, with intervals to match\n",
                replicates, info.replicates, replicates);
}

static int experiment_work(mishi_sweep *sweep, int rank, const void *context) {
    const experiment_job *job = context;
    mishi_error err = {0};
    if (job->o->replicates) {
        note_fewer_replicates(sweep, job->o->replicates, rank);
        if (mishi_sweep_set_replicates(sweep, job->o->replicates, &err))
            return cli_usage_error("--replicates: %s", err.message);
    }
    return run_experiment(job->o, job->file, sweep, rank);
}

static int experiment_main(const cli_command *self, int argc, char **argv) {
    experiment_options o = {0};
    char file[PATH_MAX_TEXT];
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc && !o.name)
        rc = cli_usage_error("experiment: expected an experiment's name, "
                             "e.g. 'mishi experiment E1'");
    experiment_job job = {&o, file};
    return rc ? rc : cli_sweep_session(argc, argv, experiment_load,
                                       experiment_work, &job);
}

static const cli_flag experiment_flags[] = {
    {"--replicates", "R", "runs of each point (default: the file's "
     "`replicates:`)", NULL, set_replicates,
     offsetof(experiment_options, replicates), NULL},
    CLI_JOBS_FLAG(experiment_options),
    {"--out", "DIR", "where the results, tables and plots go (default: "
     "out/NAME); run again, it finishes what is missing", NULL,
     cli_set_folder, offsetof(experiment_options, out), NULL},
    {"--quiet", NULL, "no progress; the tables and verdicts are printed still", NULL,
     cli_set_switch, offsetof(experiment_options, quiet), NULL},
};

const cli_command experiment_command = {
    "experiment", "NAME", "run experiments/NAME.yaml (or NAME, a file's path "
    "with a '/' or ending in .yaml) and give each claim's verdict: holds, "
    "fails or undecided, setting by setting",
    experiment_flags, CLI_COUNT(experiment_flags), take_name, experiment_main,
    {0},
};
