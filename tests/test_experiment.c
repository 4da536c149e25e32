/*
 * test_experiment.c — experiments: claims and plots in a sweep file
 * (src/sweep/sweep_claims.c), their verdicts (batch/claims.c), and
 * `mishi experiment` end to end (cli/experiment.c).
 *
 * What a researcher relies on: a claim compares the points its file says
 * it compares; the difference, Welch's interval and the verdict in
 * claims.csv are what the runs in the database give, recomputed here by
 * hand from runs_results; a claim that the runs contradict fails, one
 * they cannot tell from noise is undecided; a mistake in a claim is
 * refused before any run with its file, line, column and key; and the
 * plots draw the numbers their legends name.
 */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <sqlite3.h>

#include "mishi_batch.h"
#include "support.h"
#include "support_files.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

#define SCENARIO_DIR MISHI_SOURCE_DIR "/scenarios"

static char dir[64];   /* this test run's folder */
static int status;     /* `mishi experiment tiny`'s exit status */
static char *printed;  /* what it printed */

/* The experiment every end-to-end test reads: a 2 x 2 grid, 4 replicates
 * of a small train-station market. `last_week` is the same in every run,
 * so a claim about it can only be undecided. */
static const char tiny[] =
    "scenario: " SCENARIO_DIR "/train-station.yaml\n"
    "set: {weeks: 13}\n"
    "seed: 3\nreplicates: 4\n"
    "vary:\n"
    "  consumers.count: [500, 2000]\n"
    "  consumers.transient_share: [0.1, 0.5]\n"
    "measures:\n"
    "  units: {column: market.units, summary: mean}\n"
    "  last_week: {column: market.week}\n"
    "series: [market.mean_quality, {column: firms.share, class: local}]\n"
    "claims:\n"
    "  more_buyers_more_units:\n"
    "    says: \"More buyers, more units.\"\n"
    "    measure: units\n    expect: higher\n"
    "    when: {consumers.count: 2000}\n    than: {consumers.count: 500}\n"
    "  more_buyers_fewer_units:\n"
    "    measure: units\n    expect: lower\n"
    "    when: {consumers.count: 2000}\n    than: {consumers.count: 500}\n"
    "  the_clock_moves:\n"
    "    measure: last_week\n    expect: higher\n"
    "    when: {consumers.transient_share: 0.5}\n"
    "    than: {consumers.transient_share: 0.1}\n"
    "plots:\n"
    "  - {measure: units, by: consumers.transient_share}\n"
    "  - {series: market.mean_quality}\n"
    "  - {series: market.mean_quality, when: {consumers.transient_share: 0.5}}\n"
    "  - {series: firms.share}\n";

/* ---------------------------------------------------------------- helpers */

/* `mishi experiment ARGS` in dir, stdout and stderr into dir/LOG; its exit
 * status. Run without a shell, so no argument is ever re-read by one. */
static int experiment(const char *log, const char *name, const char *flag) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(path_in(dir, log), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || chdir(dir) != 0) _exit(126);
        dup2(fd, STDOUT_FILENO), dup2(fd, STDERR_FILENO);
        execl(MISHI_CLI, MISHI_CLI, "experiment", name, "--quiet", "--jobs",
              "2", flag, (char *)NULL);
        _exit(127);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *name, const char *text) {
    FILE *f = fopen(path_in(dir, name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_contains(const char *text, const char *needle) {
    if (!strstr(text, needle)) fail_msg("expected \"%s\" in:\n%s", needle, text);
}

/* experiments/NAME.yaml written from `yaml` and run with success; what
 * it printed, to free. */
static char *run_written(const char *name, const char *yaml) {
    char file[128], log[128];
    snprintf(file, sizeof file, "experiments/%s.yaml", name);
    snprintf(log, sizeof log, "%s.log", name);
    write_file(file, yaml);
    assert_int_equal(experiment(log, name, NULL), 0);
    char *printed_text = read_all(path_in(dir, log));
    assert_non_null(printed_text);
    return printed_text;
}

static void assert_starts(const char *text, const char *head) {
    if (strncmp(text, head, strlen(head)) != 0)
        fail_msg("expected \"%s\" to start:\n%s", head, text);
}

static sqlite3 *open_results(void) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path_in(dir, "out/tiny/results.sqlite"),
                                     &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return db;
}

/* The values of `sql` (one column of reals) into x; how many. */
static size_t reals(sqlite3 *db, const char *sql, double *x, size_t max) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    size_t n = 0;
    while (n < max && sqlite3_step(q) == SQLITE_ROW)
        x[n++] = sqlite3_column_double(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* `a` and `b` agree to `digits` significant digits. */
static void assert_digits(double a, double b, int digits) {
    if (!(fabs(a - b) <= pow(10, 1 - digits) * fabs(b) + 1e-300))
        fail_msg("%.17g is not %.17g to %d digits", a, b, digits);
}

/* ... to the 15 of a CSV cell. */
static void assert_near(double a, double b) { assert_digits(a, b, 15); }

/* The fields of one CSV line (no quoted commas in these files), cut in
 * place; how many. */
static int split(char *line, char **field, int max) {
    int n = 0;
    for (char *c = line; n < max; c++) {
        field[n++] = c;
        c += strcspn(c, ",");
        if (*c != ',') break;
        *c = '\0';
    }
    return n;
}

/* ------------------------------------------------------------ the run */

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mishi-experiment-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    if (mkdir(path_in(dir, "experiments"), 0777) != 0) return -1;
    write_file("experiments/tiny.yaml", tiny);
    status = experiment("tiny.log", "tiny", NULL);
    printed = read_all(path_in(dir, "tiny.log"));
    return printed ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    free(printed);
    remove_tree(dir);
    return 0;
}

/* A verdict line per claim; exit 0 though one claim fails. */
static void verdicts_are_printed(void **state) {
    (void)state;
    if (status != 0) fail_msg("exit %d:\n%s", status, printed);
    assert_contains(printed, "claim more_buyers_more_units (\"More buyers, more "
                    "units.\"): holds in 2 of 2 settings (consumers."
                    "transient_share=0.1: holds; =0.5: holds)\n");
    assert_contains(printed, "claim more_buyers_fewer_units: holds in 0 of 2 "
                    "settings, fails in 2 (consumers.transient_share=0.1: "
                    "fails; =0.5: fails)\n");
    assert_contains(printed, "claim the_clock_moves: holds in 0 of 2 settings "
                    "(consumers.count=500: undecided; =2000: undecided)\n");
    /* the line after them: 2 held, 2 failed, 2 undecided of 6 */
    assert_contains(printed, "tiny in one line: of 3 claims in 6 settings, they "
                    "hold in 2, fail in 2 and are undecided in 2; held in every "
                    "setting: more_buyers_more_units; held in none: "
                    "more_buyers_fewer_units, the_clock_moves\n");
}

/* The mechanisms that never acted are counted over the runs and, where
 * some runs saw them act, the points where none did are named: a flash
 * sale of 100,000 never sells out to 2,000 consumers, one of 1 does. */
static void idle_mechanisms_are_named_where(void **state) {
    (void)state;
    char *log = run_written("idle",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 13, consumers.count: 2000}\n"
               "seed: 3\nreplicates: 2\n"
               "vary:\n"
               "  consumers.transient_share: [0.1, 0.5]\n"
               "  firms.local.flash_batch: [1, 100000]\n"
               "measures:\n  units: {column: market.units, summary: mean}\n"
               "claims:\n  big_batches_sell_more:\n    measure: units\n"
               "    expect: higher\n    when: {firms.local.flash_batch: 100000}\n"
               "    than: {firms.local.flash_batch: 1}\n");
    assert_contains(log, "\nidle: mechanisms switched on that never acted");
    assert_contains(log, "\n  flash sales (local): idle in 4 of 8 runs; in every "
                    "run at 2 points: consumers.transient_share=0.1, "
                    "firms.local.flash_batch=100000; consumers.transient_share=0.5, "
                    "firms.local.flash_batch=100000\n");
    /* before the verdicts, which end the report */
    assert_true(strstr(log, "\nidle: ") < strstr(log, "\nclaim big_batches_sell_more"));
    free(log);
}

/* A file with no claims (a plain sweep) runs, and says it had none to
 * judge rather than end on its summary as if the claims had been left out
 * of the report. */
static void no_claims_are_said(void **state) {
    (void)state;
    char *log = run_written("plain",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 4, consumers.count: 500}\nseed: 3\nreplicates: 2\n"
               "vary:\n  consumers.transient_share: [0.1, 0.5]\n"
               "measures:\n  units: {column: market.units, summary: mean}\n");
    assert_contains(log, "\nno claims to judge: the file has no `claims:`");
    free(log);
}

/* In runs in which nothing sells (one consumer, one week: it keeps the
 * device it has) the mean quality is NA in every week: the series plot
 * says so in its panel, and in a note beside the tables, and gnuplot
 * draws it. It had been handed a plot of key entries alone and failed
 * ("Assertion failed: uses_axis[SECOND_X_AXIS]"). */
static void a_series_with_no_values_says_so(void **state) {
    (void)state;
    char *log = run_written("unsold",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 1, consumers.count: 1}\nseed: 3\nreplicates: 1\n"
               "vary:\n  consumers.transient_share: [0.5, 0.9]\n"
               "measures:\n  units: {column: market.units, summary: mean}\n"
               "series: [market.mean_quality]\n"
               "plots:\n  - {series: market.mean_quality}\n");
    const char *why = "no values: market.mean_quality is NA in every finished run";
    char said[256];
    snprintf(said, sizeof said, "note: the plot draws no curve (%s)", why);
    assert_contains(log, said);
    if (strstr(log, "gnuplot failed")) fail_msg("gnuplot failed:\n%s", log);
    free(log);
    char *gp = read_written(dir, "out/unsold/market.mean_quality-by-week.gp");
    snprintf(said, sizeof said, "set label 1 '%s' at graph 0.5, 0.5 center", why);
    assert_contains(gp, said);
    assert_null(strstr(gp, "keyentry"));
    free(gp);
    if (gnuplot_installed())
        assert_true(file_size(path_in(dir, "out/unsold/market.mean_quality-by-week.png")) > 0);
}

/* A plot of a slice whose points have no value says so of those points,
 * not of the sweep: there the others have finished runs with values. The
 * runs at 20,000 consumers and a profit response of 1e6 fail in week 2
 * (the first week's profit, remembered whole with memory_weeks 1, calls
 * for more entrants than firm ids); one consumer never buys more than
 * 100 units a week, so `busy_from` is NA in the runs at one consumer; the
 * runs at 20,000 and no response finish, with values (1,375 units in
 * week 1). Both plots had said "NA in every finished run". */
static void a_slice_without_values_says_why(void **state) {
    (void)state;
    write_file("experiments/gap.yaml",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 2, entry.memory_weeks: 1}\nseed: 3\nreplicates: 2\n"
               "vary:\n  consumers.count: [1, 20000]\n"
               "  entry.profit_response: [0, 1000000]\n"
               "measures:\n  busy_from: {column: market.units, "
               "summary: first_week_above, value: 100}\n"
               "series: [market.mean_quality]\n"
               "plots:\n"
               "  - {series: market.mean_quality, when: {consumers.count: 20000, "
               "entry.profit_response: 1000000}}\n"
               "  - {measure: busy_from, by: entry.profit_response, "
               "when: {consumers.count: 1}}\n");
    assert_int_equal(experiment("gap.log", "gap", NULL), 1); /* 2 runs failed */
    char *log = read_written(dir, "gap.log");
    static const char *const why[][2] = {
        {"out/gap/market.mean_quality-by-week-at-count_20000_profit_response_1e_06.gp",
         "no finished runs at the point shown: 0 of 2 runs done; 2 failed; "
         "6 of 8 done in the whole sweep"},
        {"out/gap/busy_from-by-entry.profit_response-at-count_1.gp",
         "no values: busy_from is NA in every finished run of the points shown"}};
    for (size_t k = 0; k < sizeof why / sizeof *why; k++) {
        char said[256];
        snprintf(said, sizeof said, "note: the plot draws no curve (%s)", why[k][1]);
        assert_contains(log, said);
        char *gp = read_written(dir, why[k][0]);
        snprintf(said, sizeof said, "set label 1 '%s' at graph 0.5, 0.5 center",
                 why[k][1]);
        assert_contains(gp, said);
        free(gp);
    }
    if (strstr(log, "gnuplot failed")) fail_msg("gnuplot failed:\n%s", log);
    free(log);
}

/* The points a claims.csv row compares: P at `when`, Q at `than`, the
 * free parameter equal, and the setting named by P's value of it. */
static void check_points(sqlite3 *db, char **f, size_t p, size_t q) {
    char sql[256];
    double count[2], share[2];
    snprintf(sql, sizeof sql, "SELECT \"consumers.count\" FROM points WHERE "
             "point IN (%zu, %zu) ORDER BY point = %zu DESC", p, q, p);
    assert_int_equal(reals(db, sql, count, 2), 2);
    snprintf(sql, sizeof sql, "SELECT \"consumers.transient_share\" FROM points "
             "WHERE point IN (%zu, %zu) ORDER BY point = %zu DESC", p, q, p);
    assert_int_equal(reals(db, sql, share, 2), 2);
    char setting[64];
    if (strcmp(f[0], "the_clock_moves") == 0) {
        assert_true(share[0] == 0.5 && share[1] == 0.1 && count[0] == count[1]);
        snprintf(setting, sizeof setting, "consumers.count=%g", count[0]);
    } else {
        assert_true(count[0] == 2000 && count[1] == 500 && share[0] == share[1]);
        snprintf(setting, sizeof setting, "consumers.transient_share=%g", share[0]);
    }
    assert_string_equal(f[1], setting);
}

/* Welch by hand from the runs: n, means, difference, df, interval,
 * relative change, and the verdict the interval gives. */
static void check_statistics(sqlite3 *db, char **f, size_t p, size_t q) {
    const char *measure = strcmp(f[0], "the_clock_moves") == 0 ? "last_week"
                                                               : "units";
    double x[2][16], mean[2] = {0, 0}, var[2] = {0, 0};
    size_t n[2];
    for (int s = 0; s < 2; s++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT %s FROM runs_results WHERE point = %zu",
                 measure, s ? q : p);
        n[s] = reals(db, sql, x[s], 16);
        for (size_t i = 0; i < n[s]; i++) mean[s] += x[s][i] / (double)n[s];
        for (size_t i = 0; i < n[s]; i++)
            var[s] += pow(x[s][i] - mean[s], 2) / (double)(n[s] - 1) / (double)n[s];
    }
    assert_int_equal(n[0], 4), assert_int_equal(n[1], 4);
    assert_int_equal(atoi(f[4]), 4), assert_int_equal(atoi(f[5]), 4);
    double d = mean[0] - mean[1], se = sqrt(var[0] + var[1]);
    assert_near(strtod(f[6], NULL), mean[0]);
    assert_near(strtod(f[7], NULL), mean[1]);
    assert_near(strtod(f[8], NULL), d);
    assert_near(strtod(f[12], NULL), d / fabs(mean[1]));
    if (se == 0) { /* no spread: the interval is the difference itself */
        assert_string_equal(f[9], "Inf");
        assert_near(strtod(f[10], NULL), d), assert_near(strtod(f[11], NULL), d);
        assert_string_equal(f[13], "undecided");
        return;
    }
    double df = pow(se, 4) / (var[0] * var[0] / 3 + var[1] * var[1] / 3);
    double half = gsl_cdf_tdist_Pinv(0.975, df) * se;
    assert_near(strtod(f[9], NULL), df);
    assert_near(strtod(f[10], NULL), d - half);
    assert_near(strtod(f[11], NULL), d + half);
    int higher = strcmp(f[0], "more_buyers_more_units") == 0;
    const char *verdict = d - half > 0 ? (higher ? "holds" : "fails")
                        : d + half < 0 ? (higher ? "fails" : "holds")
                                       : "undecided";
    assert_string_equal(f[13], verdict);
}

static void claims_csv_is_welch_by_hand(void **state) {
    (void)state;
    char *csv = read_written(dir, "out/tiny/claims.csv");
    assert_starts(csv, "claim,setting,point_p,point_q,n_p,n_q,mean_p,mean_q,"
                  "difference,df,ci_low,ci_high,relative_change,verdict\n");
    assert_int_equal(count_lines(csv), 1 + 3 * 2);
    sqlite3 *db = open_results();
    for (char *line = strchr(csv, '\n') + 1; *line;) {
        char *end = strchr(line, '\n'), *f[16];
        *end = '\0';
        assert_int_equal(split(line, f, 16), 14);
        size_t p = (size_t)atoi(f[2]), q = (size_t)atoi(f[3]);
        check_points(db, f, p, q);
        check_statistics(db, f, p, q);
        line = end + 1;
    }
    sqlite3_close(db);
    free(csv);
}

/* Where the baseline is a loss, the relative change still has the
 * difference's sign: a loss that shrinks is a rise (it had read as a fall,
 * the difference divided by a negative mean). */
static void a_smaller_loss_is_a_rise(void **state) {
    (void)state;
    free(run_written("losses",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 6, consumers.count: 500, firms.local.fixed_cost: 50}\n"
               "seed: 3\nreplicates: 2\n"
               "vary:\n  consumers.transient_share: [0.1, 0.5]\n"
               "measures:\n  profit: {column: firms.profit, firms: sum, summary: mean}\n"
               "claims:\n  transients_raise_profit:\n    measure: profit\n"
               "    expect: higher\n    when: {consumers.transient_share: 0.5}\n"
               "    than: {consumers.transient_share: 0.1}\n"));
    char *csv = read_written(dir, "out/losses/claims.csv"), *f[16];
    char *line = strchr(csv, '\n') + 1;
    *strchr(line, '\n') = '\0';
    assert_int_equal(split(line, f, 16), 14);
    double mean_q = strtod(f[7], NULL), d = strtod(f[8], NULL);
    assert_true(mean_q < 0.0 && d != 0.0); /* a loss at Q, and a change */
    assert_near(strtod(f[12], NULL), d / -mean_q);
    free(csv);
}

/* summary.csv is `mishi summarize --csv`'s table: each measure per point. */
static void summary_csv_is_written(void **state) {
    (void)state;
    char *csv = read_written(dir, "out/tiny/summary.csv");
    assert_starts(csv, "point,consumers.count,consumers.transient_share,"
                  "measure,n,mean,sd,ci_low,ci_high\n");
    assert_int_equal(count_lines(csv), 1 + 4 * 2);
    assert_contains(csv, "\n3,2000,0.5,units,4,");
    free(csv);
}

/* ------------------------------------------------------------ the plots */

/* The series plot's block for point 1 (0-based 0): its header names the
 * columns the clauses pick, its week-13 mean is the runs' mean, and its
 * title is point 0's values. */
static void series_plot_draws_its_legend(void **state) {
    (void)state;
    char *gp = read_written(dir, "out/tiny/market.mean_quality-by-week.gp");
    assert_contains(gp, "set datafile columnheaders\n");
    assert_contains(gp, "$p1 << EOD\nweek mean low high\n");
    assert_contains(gp, "$p1 using \"week\":\"low\":\"high\" with filledcurves");
    assert_contains(gp, "set key title 'count, transient_share'\n");
    assert_contains(gp, "$p1 using \"week\":\"mean\" with lines lw 2 lc 1 dt 1 "
                    "title '500, 0.1'");
    const char *row = strstr(strstr(gp, "$p1 << EOD"), "\n13 ");
    assert_non_null(row);
    double mean;
    sqlite3 *db = open_results();
    assert_int_equal(reals(db, "SELECT avg(value) FROM series JOIN runs USING "
                           "(run) WHERE point = 0 AND week = 13 AND quantity = "
                           "'market.mean_quality'", &mean, 1), 1);
    sqlite3_close(db);
    assert_digits(strtod(row + 4, NULL), mean, 6); /* a plot's "%.6g" */
    free(gp);
}

/* The measure plot's legend names the other parameter once, in the key's
 * title, and each curve by its value; its y axis gives the unit. */
static void measure_plot_draws_its_legend(void **state) {
    (void)state;
    char *gp = read_written(dir, "out/tiny/units-by-consumers.transient_share.gp");
    assert_contains(gp, "set key title 'count'\n");
    assert_contains(gp, "set ylabel 'units'\n"); /* market.units' unit, said once */
    assert_contains(gp, "$c1 using \"x\":\"mean\" with linespoints lw 2 pt 7 "
                    "lc 1 title '500'");
    assert_contains(gp, "$c2 using \"x\":\"mean\" with linespoints lw 2 pt 7 "
                    "lc 2 title '2000'");
    free(gp);
}

/* A slice (`when:`) draws only its points, points 1 and 3 of the grid
 * (transient share 0.5), in the first two colours; the share it holds
 * leaves the legend for the title. */
static void slice_plot_draws_its_points(void **state) {
    (void)state;
    char *gp = read_written(dir, "out/tiny/market.mean_quality-by-week-at-"
                            "transient_share_0.5.gp");
    assert_null(strstr(gp, "$p1 << EOD"));
    assert_null(strstr(gp, "$p3 << EOD"));
    assert_contains(gp, "$p2 << EOD\nweek mean low high\n");
    assert_contains(gp, "$p4 << EOD\nweek mean low high\n");
    assert_contains(gp, "set key title 'count'\n");
    assert_contains(gp, ".'at transient_share=0.5'\n");
    assert_contains(gp, "$p2 using \"week\":\"mean\" with lines lw 2 lc 1 dt 1 "
                    "title '500'");
    assert_contains(gp, "$p4 using \"week\":\"mean\" with lines lw 2 lc 2 dt 1 "
                    "title '2000'");
    free(gp);
    /* a firms.csv series says what it takes over which firms */
    gp = read_written(dir, "out/tiny/firms.share-by-week.gp");
    assert_contains(gp, "tiny: firms.share (sum over the firms of class local) by week");
    assert_contains(gp, "set ylabel 'firms.share (0..1)'"); /* its unit, "share" said once */
    assert_contains(gp, "  set yrange [0<*:*]\n"); /* a share: no margin below 0 */
    free(gp);
}

static void plots_are_drawn(void **state) {
    (void)state;
    static const char *const plots[] = {
        "units-by-consumers.transient_share", "market.mean_quality-by-week",
        "market.mean_quality-by-week-at-transient_share_0.5"};
    for (size_t i = 0; i < 3; i++) {
        char name[128];
        snprintf(name, sizeof name, "out/tiny/%s.gp", plots[i]);
        assert_true(file_size(path_in(dir, name)) > 0);
        assert_contains(printed, name + 4);
        if (!gnuplot_installed()) continue;
        snprintf(name, sizeof name, "out/tiny/%s.png", plots[i]);
        assert_true(file_size(path_in(dir, name)) > 0);
        snprintf(name, sizeof name, "out/tiny/%s.svg", plots[i]);
        assert_true(file_size(path_in(dir, name)) > 0);
    }
}

/* ------------------------------------------------------ the command line */

/* Run again: nothing to run, the same verdicts; --replicates other than
 * the folder's is refused with where the results are, and --out gives it
 * a folder of its own. */
static void rerun_and_replicates(void **state) {
    (void)state;
    assert_int_equal(experiment("again.log", "tiny", NULL), 0);
    char *again = read_written(dir, "again.log");
    assert_contains(again, "holds in 2 of 2 settings");
    free(again);
    assert_int_equal(experiment("three.log", "tiny", "--replicates=3"), 1);
    char *three = read_written(dir, "three.log");
    assert_contains(three, "replicates: 4 in the database, 3 now");
    assert_contains(three, "--out");
    free(three);
    /* an experiment not found is a missing input (1), as a scenario file
     * `mishi run` cannot open is, not a bad command line (2) */
    assert_int_equal(experiment("nosuch.log", "nosuch", NULL), 1);
    char *nosuch = read_written(dir, "nosuch.log");
    assert_contains(nosuch, "no experiments/nosuch.yaml here");
    free(nosuch);
    /* and so is a path not found, as docs/experiments.md says */
    assert_int_equal(experiment("nopath.log", "no/such.yaml", NULL), 1);
    char *nopath = read_written(dir, "nopath.log");
    assert_contains(nopath, "no/such.yaml: no such file");
    free(nopath);
}

/* A bad claim stops the command before any run, naming its place. */
static void bad_claim_stops_the_command(void **state) {
    (void)state;
    char text[sizeof tiny + 16];
    snprintf(text, sizeof text, "%s", tiny);
    memcpy(strstr(text, "expect: lower"), "expect: less ", 13);
    write_file("experiments/bad.yaml", text);
    assert_int_equal(experiment("bad.log", "bad", NULL), 1);
    char *bad = read_written(dir, "bad.log");
    assert_contains(bad, "experiments/bad.yaml:21:13: claims.more_buyers_fewer_"
                    "units.expect: expected one of lower, higher, got 'less'");
    assert_false(file_exists(path_in(dir, "out/bad")));
    free(bad);
}

/* ------------------------------------------------------------ the loader */

/* A sweep whose claim `c` has the four keys given (lines 11 to 14). */
static void claim_yaml(char *out, size_t size, const char *measure,
                       const char *expect, const char *when,
                       const char *than) {
    snprintf(out, size,
             "scenario: train-station.yaml\n"                       /*  1 */
             "set: {weeks: 13}\n"                                   /*  2 */
             "vary:\n"                                              /*  3 */
             "  consumers.count: [500, 2000]\n"                     /*  4 */
             "  consumers.transient_share: [0.1, 0.5]\n"            /*  5 */
             "measures:\n"                                          /*  6 */
             "  units: {column: market.units, summary: mean}\n"     /*  7 */
             "series: [market.mean_quality]\n"                      /*  8 */
             "claims:\n"                                            /*  9 */
             "  c:\n"                                               /* 10 */
             "    measure: %s\n    expect: %s\n"                    /* 11, 12 */
             "    when: %s\n    than: %s\n",                        /* 13, 14 */
             measure, expect, when, than);
}

/* `yaml` must be refused with a message that starts `message`: the
 * place first (file:line:col), then the key, then what is wrong. */
static void expect_refusal(const char *yaml, const char *message) {
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    if (mishi_sweep_load_string(yaml, "sweep.yaml", SCENARIO_DIR, &s, &err) ==
        MISHI_OK) {
        mishi_sweep_free(s);
        fail_msg("loaded, but should not have:\n%s", yaml);
    }
    assert_null(s);
    assert_starts(err.message, message);
}

static void refuse_claim(const char *measure, const char *expect,
                         const char *when, const char *than,
                         const char *message) {
    char yaml[2048];
    claim_yaml(yaml, sizeof yaml, measure, expect, when, than);
    expect_refusal(yaml, message);
}

static void bad_claims_are_refused(void **state) {
    (void)state;
    const char *when = "{consumers.count: 2000}", *than = "{consumers.count: 500}";
    refuse_claim("unit", "higher", when, than, "sweep.yaml:11:14: claims.c."
                 "measure: no measure 'unit' in this sweep; did you mean "
                 "'units'? (measures: units)");
    refuse_claim("units", "more", when, than, "sweep.yaml:12:13: claims.c."
                 "expect: expected one of lower, higher, got 'more'");
    refuse_claim("units", "higher", "{consumers.memory_decay: 0.1}", than,
                 "sweep.yaml:13:12: claims.c.when.consumers.memory_decay: no "
                 "varied parameter 'consumers.memory_decay' in this sweep");
    refuse_claim("units", "higher", "{consumers.count: 1000}", than,
                 "sweep.yaml:13:29: claims.c.when.consumers.count: expected one "
                 "of the values vary gives it (500, 2000), got '1000'");
    refuse_claim("units", "higher", when, "{consumers.transient_share: 0.1}",
                 "sweep.yaml:14:12: claims.c.than.consumers.transient_share: "
                 "`when` does not name it");
    refuse_claim("units", "higher", when, when, "sweep.yaml:14:11: claims.c."
                 "than: every value is `when`'s; the claim would compare each "
                 "point with itself");
    refuse_claim("units", "higher", "{}", than, "sweep.yaml:13:11: claims.c."
                 "when: expected a mapping of varied parameters to values");
}

static void bad_claim_shapes_are_refused(void **state) {
    (void)state;
    expect_refusal("scenario: train-station.yaml\nset: {weeks: 13}\n"
                   "design: latin-hypercube\npoints: 4\n"
                   "vary: {consumers.count: {min: 500, max: 2000}}\n"
                   "measures: {units: {column: market.units}}\n"
                   "claims:\n  c: {measure: units, expect: lower, when: "
                   "{consumers.count: 500}, than: {consumers.count: 2000}}\n",
                   "sweep.yaml:7:1: claims: a claim compares points of a grid, "
                   "and this is a latin-hypercube design");
    expect_refusal("scenario: train-station.yaml\n"
                   "vary: {consumers.count: [500, 2000]}\n"
                   "measures: {units: {column: market.units}}\n"
                   "claims:\n  2c: {measure: units}\n",
                   "sweep.yaml:5:3: claims.2c: a claim's name is a plain "
                   "identifier");
    expect_refusal("scenario: train-station.yaml\n"
                   "vary: {consumers.count: [500, 2000]}\n"
                   "measures: {units: {column: market.units}}\n"
                   "claims:\n  c: {measure: units, expect: lower}\n",
                   "sweep.yaml:5:6: claims.c: `when:` is missing (the "
                   "condition the claim is about)");
}

static void bad_plots_are_refused(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"{series: market.units}", "sweep.yaml:10:14: plots[0].series: no "
         "recorded series 'market.units' in this sweep (recorded: "
         "market.mean_quality)"},
        {"{measure: units, by: consumers.memory_decay}", "sweep.yaml:10:26: "
         "plots[0].by: no varied parameter 'consumers.memory_decay'"},
        {"{measure: units}", "sweep.yaml:10:5: plots[0]: `by:` is missing"},
        {"{series: market.mean_quality, by: consumers.count}",
         "sweep.yaml:10:35: plots[0]: a series plot draws the series against "
         "the weeks"},
        {"{series: market.mean_quality, when: {consumers.count: 1000}}",
         "sweep.yaml:10:59: plots[0].when.consumers.count: expected one of "
         "the values vary "
         "gives it (500, 2000)"},
        {"{series: market.mean_quality, when: {consumers.friends: 4}}",
         "sweep.yaml:10:42: plots[0].when.consumers.friends: no varied "
         "parameter 'consumers.friends'"},
        {"{series: market.mean_quality, when: 3}",
         "sweep.yaml:10:41: plots[0].when: expected a mapping of varied "
         "parameters to values"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[2048];
        claim_yaml(yaml, sizeof yaml, "units", "higher",
                   "{consumers.count: 2000}", "{consumers.count: 500}");
        char *claims = strstr(yaml, "claims:");
        snprintf(claims, sizeof yaml - (size_t)(claims - yaml),
                 "plots:\n  - %s\n", cases[i][0]);
        expect_refusal(yaml, cases[i][1]);
    }
}

/* ------------------------------------------------------------ the API */

static mishi_sweep *load(const char *yaml) {
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    if (mishi_sweep_load_string(yaml, "sweep.yaml", SCENARIO_DIR, &s, &err))
        fail_msg("%s\n---\n%s", err.message, yaml);
    return s;
}

/* 3 x 3 x 2 grid; `when` holds count and price, `than` moves count only:
 * 3 settings (the transient share), price held at 2 in P and Q alike. */
static const char three_factors[] =
    "scenario: train-station.yaml\nset: {weeks: 5}\n"
    "vary:\n  consumers.count: [500, 1000, 2000]\n"
    "  consumers.transient_share: [0.1, 0.3, 0.5]\n"
    "  firms.local.price: [1, 2]\n"
    "measures: {units: {column: market.units}}\n"
    "claims:\n  c:\n    measure: units\n    expect: higher\n"
    "    when: {consumers.count: 2000, firms.local.price: 2}\n"
    "    than: {consumers.count: 500}\n";

static void claim_points_follow_the_definition(void **state) {
    (void)state;
    mishi_sweep *s = load(three_factors);
    const mishi_claim_info *c = mishi_sweep_claim(s, 0);
    assert_int_equal(mishi_sweep_claim_count(s), 1);
    assert_string_equal(c->name, "c");
    assert_string_equal(c->says, "");
    assert_int_equal(c->expect, MISHI_EXPECT_HIGHER);
    assert_int_equal(c->when_count, 2), assert_int_equal(c->than_count, 1);
    assert_int_equal(c->settings, 3);
    static const double share[] = {0.1, 0.3, 0.5};
    for (size_t i = 0; i < c->settings; i++) {
        size_t p, q;
        assert_int_equal(mishi_sweep_claim_points(s, 0, i, &p, &q), MISHI_OK);
        assert_true(mishi_sweep_value(s, p, 0) == 2000);
        assert_true(mishi_sweep_value(s, q, 0) == 500);
        assert_true(mishi_sweep_value(s, p, 1) == share[i]);
        assert_true(mishi_sweep_value(s, q, 1) == share[i]);
        assert_true(mishi_sweep_value(s, p, 2) == 2);
        assert_true(mishi_sweep_value(s, q, 2) == 2);
    }
    size_t p, q;
    assert_int_equal(mishi_sweep_claim_points(s, 0, 3, &p, &q), MISHI_EARG);
    assert_int_equal(mishi_sweep_claim_points(s, 1, 0, &p, &q), MISHI_EARG);
    assert_null(mishi_sweep_claim(s, 1));
    assert_int_equal(mishi_sweep_plot_count(s), 0);
    mishi_sweep_free(s);
}

/* A slice keeps exactly the points that hold its values: of the 18, the
 * 3 with count 1000 and price 1, whatever their share. */
static void plot_slice_keeps_its_points(void **state) {
    (void)state;
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%splots:\n  - {measure: units, by: "
             "consumers.transient_share, when: {firms.local.price: 1, "
             "consumers.count: 1000}}\n", three_factors);
    mishi_sweep *s = load(yaml);
    const mishi_plot_info *plot = mishi_sweep_plot(s, 0);
    assert_int_equal(plot->when_count, 2);
    size_t kept = 0;
    for (size_t p = 0; p < 18; p++) {
        int holds = mishi_sweep_value(s, p, 0) == 1000 &&
                    mishi_sweep_value(s, p, 2) == 1;
        assert_int_equal(mishi_sweep_plot_shows(s, 0, p), holds);
        kept += (size_t)holds;
    }
    assert_int_equal(kept, 3);
    assert_int_equal(mishi_sweep_plot_shows(s, 0, 18), 0);
    assert_int_equal(mishi_sweep_plot_shows(s, 1, 0), 0);
    mishi_sweep_free(s);
}

static char *definition(const mishi_sweep *s) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    assert_int_equal(mishi_sweep_write_json(s, f), MISHI_OK);
    fclose(f);
    return text;
}

/* Claims and plots are not the sweep's identity; replicates are. */
static void claims_leave_the_definition_alone(void **state) {
    (void)state;
    mishi_sweep *with = load(three_factors);
    char plain[sizeof three_factors];
    snprintf(plain, sizeof plain, "%s", three_factors);
    *strstr(plain, "claims:") = '\0';
    mishi_sweep *without = load(plain);
    char *a = definition(with), *b = definition(without);
    assert_string_equal(a, b);
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_set_replicates(with, 0, &err), MISHI_EARG);
    assert_int_equal(mishi_sweep_set_replicates(with, 7, &err), MISHI_OK);
    mishi_sweep_info info;
    mishi_sweep_describe(with, &info);
    assert_int_equal(info.replicates, 7);
    char *c = definition(with);
    assert_string_not_equal(c, b);
    assert_non_null(strstr(c, "\"replicates\": 7"));
    free(a), free(b), free(c);
    mishi_sweep_free(with), mishi_sweep_free(without);
}

/* Welch's interval on numbers worked by hand: sd 2 of 4 and sd 3 of 9
 * give se^2 = 1 + 1 and df = 4 / (1/3 + 1/8). */
static void welch_by_hand(void **state) {
    (void)state;
    mishi_point_summary a = {0, 4, 10, 2, NAN, NAN}, b = {1, 9, 7, 3, NAN, NAN};
    mishi_difference d;
    mishi_welch_interval(&a, &b, 0.95, &d);
    double df = 4 / (1.0 / 3 + 1.0 / 8);
    double half = gsl_cdf_tdist_Pinv(0.975, df) * sqrt(2);
    assert_true(fabs(d.value - 3) < 1e-12 && fabs(d.df - df) < 1e-12);
    assert_true(fabs(d.low - (3 - half)) < 1e-12);
    assert_true(fabs(d.high - (3 + half)) < 1e-12);
    a.n = 1; /* one value has no spread to speak of */
    mishi_welch_interval(&a, &b, 0.95, &d);
    assert_true(d.value == 3 && isnan(d.df) && isnan(d.low) && isnan(d.high));
}

int main(void) {
    const struct CMUnitTest runs[] = {
        cmocka_unit_test(verdicts_are_printed),
        cmocka_unit_test(idle_mechanisms_are_named_where),
        cmocka_unit_test(no_claims_are_said),
        cmocka_unit_test(a_series_with_no_values_says_so),
        cmocka_unit_test(a_slice_without_values_says_why),
        cmocka_unit_test(claims_csv_is_welch_by_hand),
        cmocka_unit_test(a_smaller_loss_is_a_rise),
        cmocka_unit_test(summary_csv_is_written),
        cmocka_unit_test(series_plot_draws_its_legend),
        cmocka_unit_test(measure_plot_draws_its_legend),
        cmocka_unit_test(slice_plot_draws_its_points),
        cmocka_unit_test(plot_slice_keeps_its_points),
        cmocka_unit_test(plots_are_drawn),
        cmocka_unit_test(rerun_and_replicates),
        cmocka_unit_test(bad_claim_stops_the_command),
    };
    const struct CMUnitTest files[] = {
        cmocka_unit_test(bad_claims_are_refused),
        cmocka_unit_test(bad_claim_shapes_are_refused),
        cmocka_unit_test(bad_plots_are_refused),
        cmocka_unit_test(claim_points_follow_the_definition),
        cmocka_unit_test(claims_leave_the_definition_alone),
        cmocka_unit_test(welch_by_hand),
    };
    int failed = cmocka_run_group_tests_name("experiment", runs, setup, teardown);
    return failed + cmocka_run_group_tests_name("claims", files, NULL, NULL);
}
