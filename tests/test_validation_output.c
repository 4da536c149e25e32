/*
 * test_validation_output.c — mishi_validation_write
 * (validation/validation_output.c).
 *
 * Results are built by hand, not run, so the files' contents are known
 * exactly: a case with two panels (one on a log axis, one series without
 * theory) and a case that declares no panel at all (with a series that is
 * all NaN and one with theory only). The tests check the tables' headers,
 * rows and NA cells, the gnuplot script's layout and series, that every
 * plot clause draws the column its legend names, that no temporary is left
 * behind, and that bad results and unwritable folders give an error, never
 * a crash or a half-written file.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "mishi.h"
#include "mishi_files.h"
#include "mishi_validation.h"
#include "support.h"
#include "support_files.h"

static char tmp_root[64]; /* the temporary folder of this test run */

/* ---------------------------------------------------------------- helpers */

static void must_contain(const char *text, const char *part) {
    if (!strstr(text, part)) print_error("missing: %s\n", part);
    assert_non_null(strstr(text, part));
}

/* -------------------------------------------------------------- results */

static mishi_validation_point points_two[] = {
    {"alpha", 0, 1, 0.10, 0.11},      {"alpha", 0, 2, 0.20, 0.19},
    {"alpha", 0, 3, 0.30, 0.31},      {"no theory", 0, 1, 0.5, NAN},
    {"no theory", 0, 2, 0.6, NAN},    {"beta", 1, 0.01, 1.02, 1},
    {"beta", 1, 0.1, 0.97, 1},
};
#define POINTS_TWO (sizeof points_two / sizeof points_two[0])

static mishi_validation_point points_one[] = {
    {"gone", 0, 1, NAN, NAN}, {"curve", 0, 1, 0.5, 0.5}, {"curve", 0, 2, 0.7, 0.6},
    {"theory only", 0, 1, NAN, 0.25}, {"theory only", 0, 2, NAN, 0.35},
};
#define POINTS_ONE (sizeof points_one / sizeof points_one[0])

/* Two hand-made results: "two-panels" with two plots, the second on log
 * x and y axes, and "one-panel" with none declared. */
static void make_results(mishi_validation v[2]) {
    memset(v, 0, 2 * sizeof *v);
    v[0] = (mishi_validation){.name = "two-panels", .reference = "Someone's (2026) result",
                              .statistic = "worst gap, in SEs", .measured = 1.5,
                              .expected = NAN, .limit = INFINITY, .sample = 42,
                              .passed = 1, .detail_count = 2, .panel_count = 2,
                              .x_label = "k", .y_label = "share",
                              .points = points_two, .point_count = POINTS_TWO};
    snprintf(v[0].detail[0].label, sizeof v[0].detail[0].label, "first");
    v[0].detail[0].simulated = 0.5, v[0].detail[0].theory = 0.49;
    snprintf(v[0].detail[1].label, sizeof v[0].detail[1].label, "SE");
    v[0].detail[1].simulated = 0.01, v[0].detail[1].theory = NAN;
    v[0].panel[0] = (mishi_validation_panel){.title = "shares", .x_label = "k",
                                             .y_label = "share",
                                             .categories = "one two no_three"};
    v[0].panel[1] = (mishi_validation_panel){.title = "stability", .x_label = "gamma",
                                             .y_label = "ratio", .log_x = 1, .log_y = 1};
    v[1] = (mishi_validation){.name = "one-panel", .reference = "r",
                              .statistic = "s", .measured = 0, .expected = 0,
                              .limit = 1, .sample = 3, .passed = 0,
                              .x_label = "week", .y_label = "F(t)",
                              .points = points_one, .point_count = POINTS_ONE};
}

/* -------------------------------------------------------------- fixtures */

static int group_setup(void **state) {
    (void)state;
    strcpy(tmp_root, "/tmp/mishi-test-valout-XXXXXX");
    return mkdtemp(tmp_root) ? 0 : -1;
}

static int group_teardown(void **state) {
    (void)state;
    remove_tree(tmp_root);
    return 0;
}

/* ------------------------------------------------------------------ tests */

static const char *write_results(const char *sub) {
    static char dir[256];
    snprintf(dir, sizeof dir, "%s/%s", tmp_root, sub);
    mishi_validation v[2];
    make_results(v);
    mishi_error err = {0};
    mishi_status rc = mishi_validation_write(dir, v, 2, &err);
    if (rc) print_error("mishi_validation_write: %s\n", err.message);
    assert_int_equal(rc, MISHI_OK);
    return dir;
}

/* A paired panel draws series "A, B" in B's colour and A's shape: one
 * gamma from two starts shares a colour, one start shares a shape. */
static void test_paired_series_share_colour_and_shape(void **state) {
    (void)state;
    static mishi_validation_point points[] = {
        {"searching start, gamma 0.5", 0, 1, 0.3, NAN},
        {"loyal start, gamma 0.5", 0, 1, 0.9, NAN},
        {"searching start, gamma 0.1", 0, 1, 0.35, NAN},
        {"loyal start, gamma 0.1", 0, 1, 0.95, NAN},
        {"mean field, loyal branch", 0, 1, NAN, 0.9},
    };
    mishi_validation v = {.name = "paired", .reference = "r", .statistic = "s",
                          .limit = 1, .sample = 1, .panel_count = 1,
                          .points = points, .point_count = 5};
    v.panel[0] = (mishi_validation_panel){.title = "L", .x_label = "x",
                                          .y_label = "L", .paired = 1};
    char dir[256];
    snprintf(dir, sizeof dir, "%s/paired", tmp_root);
    mishi_error err = {0};
    assert_int_equal(mishi_validation_write(dir, &v, 1, &err), MISHI_OK);
    char *gp = read_written(dir, "paired.gp");
    must_contain(gp, "$s1 using \"x\":\"simulated\" with points ps 0.8 pt 7 lc 1 ");
    must_contain(gp, "$s2 using \"x\":\"simulated\" with points ps 0.8 pt 5 lc 1 ");
    must_contain(gp, "$s3 using \"x\":\"simulated\" with points ps 0.8 pt 7 lc 2 ");
    must_contain(gp, "$s4 using \"x\":\"simulated\" with points ps 0.8 pt 5 lc 2 ");
    must_contain(gp, "$s5 using \"x\":\"theory\" with lines lw 2 lc 3 ");
    free(gp);
}

static void test_tables(void **state) {
    (void)state;
    const char *dir = write_results("nested/tables"); /* mkdir -p */
    char *cases = read_written(dir, "validation.csv");
    assert_int_equal(count_lines(cases), 3);
    must_contain(cases, "case,statistic,measured,expected,limit,sample,passed\n"
                        "two-panels,\"worst gap, in SEs\",1.5,NA,Inf,42,1\n"
                        "one-panel,s,0,0,1,3,0\n");
    char *details = read_written(dir, "details.csv");
    assert_string_equal(details, "case,label,simulated,theory\n"
                                 "two-panels,first,0.5,0.49\n"
                                 "two-panels,SE,0.01,NA\n");
    char *curves = read_written(dir, "curves.csv");
    assert_int_equal(count_lines(curves), 1 + (int)(POINTS_TWO + POINTS_ONE));
    must_contain(curves, "case,panel,series,x,simulated,theory\n"
                         "two-panels,shares,alpha,1,0.1,0.11\n");
    must_contain(curves, "two-panels,shares,no theory,2,0.6,NA\n");
    must_contain(curves, "two-panels,stability,beta,0.01,1.02,1\n");
    must_contain(curves, "one-panel,,gone,1,NA,NA\n");
    assert_int_equal(count_files(dir, ".tmp"), 0);
    assert_int_equal(count_files(dir, ""), 5); /* 3 tables, 2 scripts */
    free(cases), free(details), free(curves);
}

static void test_script_has_a_plot_per_panel(void **state) {
    (void)state;
    const char *dir = write_results("scripts");
    char *gp = read_written(dir, "two-panels.gp");
    must_contain(gp, "set multiplot layout 2,1");
    must_contain(gp, "set terminal svg size 1000,1000");
    must_contain(gp, "set terminal pngcairo");
    must_contain(gp, "set output 'two-panels'.'.'.format");
    must_contain(gp, "set datafile columnheaders\n");
    must_contain(gp, "$s1 << EOD\nx simulated theory\n"
                     "1 0.1 0.11\n2 0.2 0.19\n3 0.3 0.31\nEOD\n");
    must_contain(gp, "$s2 << EOD\nx simulated theory\n1 0.5 NaN\n");
    must_contain(gp, "set title 'stability'\n  set xlabel 'gamma'\n"
                     "  set ylabel 'ratio'\n  set logscale x\n"
                     "  set logscale y\n");
    must_contain(gp, "$s2 using \"x\":\"simulated\" with points");
    /* the first panel's x names categories: tics, and theory as points */
    must_contain(gp, "  set xtics (\"one\" 1, \"two\" 2, \"no three\" 3)\n"
                     "  set xrange [0.5:3.5]\n");
    must_contain(gp, "$s1 using \"x\":\"theory\" with points pt 6 ps 2 lw 1.5 lc 1");
    must_contain(gp, "  set xtics autofreq\n  set xrange [*:*]\n  set autoscale xfix\n"
                     "\n  # plot 2");
    assert_null(strstr(gp, "$s2 using \"x\":\"theory\"")); /* all NaN */
    /* the second panel has only beta, in the first colour again */
    must_contain(gp, "plot $s3 using \"x\":\"simulated\" with points ps 0.8 pt 7 "
                     "lc 1 title 'beta'.', simulated'");
    must_contain(gp, "$s3 using \"x\":\"theory\" with lines lw 2 lc 1 "
                     "title 'beta'.', theory'");
    char *one = read_written(dir, "one-panel.gp");
    must_contain(one, "set multiplot layout 1,1");
    must_contain(one, "set xlabel 'week'\n  set ylabel 'F(t)'\n  unset logscale x\n"
                      "  unset logscale y\n");
    assert_null(strstr(one, "$s1 using")); /* "gone" is all NaN */
    must_contain(one, "plot $s2 using \"x\":\"simulated\"");
    must_contain(one, "$s3 using \"x\":\"theory\" with lines lw 2 lc 3");
    assert_null(strstr(one, "$s3 using \"x\":\"simulated\""));
    free(gp), free(one);
    if (!gnuplot_installed()) skip();
    assert_int_equal(gnuplot_in(dir, "two-panels.gp one-panel.gp"), 0);
    assert_true(file_size(path_in(dir, "two-panels.svg")) > 1000);
    assert_true(file_size(path_in(dir, "one-panel.png")) > 1000);
}

/* --------------------------------------------- what each plot clause draws */

/* A plot clause as NAME.gp writes it:
 *   $sN using "X":"Y" with ... title 'SERIES'.', COLUMN' */
typedef struct clause {
    int block;                   /* N */
    char x[16], y[16];           /* the columns it selects by name */
    char series[48], legend[16]; /* its legend: the series and a column */
} clause;

/* The clause at `at`; 0 if it does not select both columns by name or has
 * no legend of that form on its line. */
static int read_clause(const char *at, clause *c) {
    if (sscanf(at, "$s%d using \"%15[^\"]\":\"%15[^\"]\"", &c->block, c->x,
               c->y) != 3)
        return 0;
    const char *title = strstr(at, " title '"), *end = strchr(at, '\n');
    if (!title || (end && title > end)) return 0;
    return sscanf(title, " title '%47[^']'.', %15[^']'", c->series, c->legend) == 2;
}

/* The header line of datablock $sN: the names of its columns. */
static const char *block_header(const char *gp, int block) {
    char start[32];
    snprintf(start, sizeof start, "\n$s%d << EOD\n", block);
    const char *at = strstr(gp, start);
    if (!at) print_error("no datablock $s%d\n", block);
    assert_non_null(at);
    return at + strlen(start);
}

/* Where `name` stands among the space-separated words of `line`; -1 if
 * it is not there. */
static int word_index(const char *line, const char *name) {
    int index = 0;
    for (const char *w = line; *w && *w != '\n'; index++) {
        size_t n = strcspn(w, " \n");
        if (n == strlen(name) && strncmp(w, name, n) == 0) return index;
        w += n + (w[n] == ' ');
    }
    return -1;
}

static int same_value(double got, double want) {
    if (isnan(want)) return isnan(got);
    return fabs(got - want) <= 1e-6 * fmax(1.0, fabs(want));
}

/* The hand-made point of `series` at x; the test fails if there is none. */
static const mishi_validation_point *
point_at(const mishi_validation_point *points, size_t count, const char *series,
         double x) {
    for (size_t i = 0; i < count; i++)
        if (strcmp(points[i].series, series) == 0 && same_value(x, points[i].x))
            return &points[i];
    fail_msg("no point of '%s' at x = %g", series, x);
    return NULL;
}

/* Each row of the datablock under `header`: the cells the clause draws are
 * the x and the value its legend names of that series' point. */
static void check_rows(const char *header, const clause *c,
                       const mishi_validation_point *points, size_t count) {
    int xi = word_index(header, c->x), yi = word_index(header, c->y), rows = 0;
    assert_true(xi >= 0 && yi >= 0);
    for (const char *row = strchr(header, '\n') + 1; strncmp(row, "EOD\n", 4);
         row = strchr(row, '\n') + 1, rows++) {
        double cell[8];
        int cells = 0;
        for (const char *at = row; cells < 8 && *at != '\n'; cells++) {
            char *end;
            cell[cells] = strtod(at, &end);
            if (end == at) fail_msg("$s%d: not a number: %.20s", c->block, at);
            at = end;
        }
        assert_true(xi < cells && yi < cells);
        const mishi_validation_point *p = point_at(points, count, c->series, cell[xi]);
        int theory = strcmp(c->legend, "theory") == 0;
        if (!same_value(cell[yi], theory ? p->theory : p->simulated))
            fail_msg("$s%d: '%s, %s' at x = %g draws %g", c->block, c->series,
                     c->legend, cell[xi], cell[yi]);
    }
    assert_true(rows > 0);
}

/* Every plot clause in `gp`: its datablock's header names the columns it
 * selects, its legend ends in the column it draws, and that column holds
 * the values of the legend's series and column. Returns the clauses read. */
static int check_clauses(const char *gp, const mishi_validation_point *points,
                         size_t count) {
    int clauses = 0;
    for (const char *at = gp; (at = strstr(at, "$s")) != NULL; at++) {
        if (strncmp(at + 2 + strspn(at + 2, "0123456789"), " << EOD", 7) == 0)
            continue; /* a datablock, not a clause */
        clause c;
        if (!read_clause(at, &c)) fail_msg("not a clause by column names: %.60s", at);
        const char *header = block_header(gp, c.block);
        if (word_index(header, c.x) < 0 || word_index(header, c.y) < 0)
            fail_msg("$s%d has no column '%s' or '%s'", c.block, c.x, c.y);
        if (strcmp(c.legend, "simulated") != 0 && strcmp(c.legend, "theory") != 0)
            fail_msg("'%s': a legend ending in ', %s'", c.series, c.legend);
        if (strcmp(c.legend, c.y) != 0)
            fail_msg("'%s' draws column '%s' under the legend ', %s'", c.series,
                     c.y, c.legend);
        check_rows(header, &c, points, count);
        clauses++;
    }
    return clauses;
}

static void test_each_clause_draws_its_legend(void **state) {
    (void)state;
    const char *dir = write_results("columns");
    char *gp = read_written(dir, "two-panels.gp");
    /* alpha and beta: simulated and theory; "no theory": simulated */
    assert_int_equal(check_clauses(gp, points_two, POINTS_TWO), 5);
    char *one = read_written(dir, "one-panel.gp");
    /* curve: simulated and theory; "theory only"; "gone" is not drawn */
    assert_int_equal(check_clauses(one, points_one, POINTS_ONE), 3);
    free(gp), free(one);
}

static void test_unwritable_folder_fails(void **state) {
    (void)state;
    const char *file = path_in(tmp_root, "a-file");
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    char dir[512];
    snprintf(dir, sizeof dir, "%s/sub", file);
    mishi_validation v[2];
    make_results(v);
    mishi_error err = {0};
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EIO);
    assert_int_equal(err.code, MISHI_EIO);
    must_contain(err.message, "cannot create the output folder");
    must_contain(err.message, dir);
    assert_int_equal(mishi_validation_write(dir, v, 2, NULL), MISHI_EIO);
    unlink(file);
}

/* A script that cannot be opened fails the whole write: no table reaches
 * its final name and no temporary is left. */
static void test_failure_leaves_nothing(void **state) {
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/blocked", tmp_root);
    assert_int_equal(mkdir(dir, 0777), 0);
    assert_int_equal(mkdir(path_in(dir, "one-panel.gp.tmp"), 0777), 0);
    mishi_validation v[2];
    make_results(v);
    mishi_error err = {0};
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EIO);
    must_contain(err.message, "one-panel.gp.tmp");
    assert_int_equal(count_files(dir, ""), 1); /* only the blocking folder */
    assert_false(file_exists(path_in(dir, "validation.csv")));
}

/* A folder another writer holds (a second validation into it) is
 * refused by name and left as it was. */
static void test_folder_held_by_another_writer(void **state) {
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/held", tmp_root);
    assert_int_equal(mkdir(dir, 0777), 0);
    mishi_error err = {0};
    int held = -1;
    assert_int_equal(mishi_folder_lock(dir, &held, &err), MISHI_OK);
    assert_true(held >= 0);
    mishi_validation v[2];
    make_results(v);
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EIO);
    must_contain(err.message, "is being written by another");
    must_contain(err.message, dir);
    assert_int_equal(count_files(dir, ""), 0);
    mishi_folder_unlock(&held);
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_OK);
    assert_true(file_exists(path_in(dir, "validation.csv")));
}

/* A write that fails once it has made its folder (no room for a byte of
 * it: a file-size limit of 0, in a child) leaves that folder and the
 * parents made for it gone, and the folder that was there. */
static void test_failure_leaves_no_folders(void **state) {
    (void)state;
    char top[256], dir[300];
    snprintf(top, sizeof top, "%s/full", tmp_root);
    snprintf(dir, sizeof dir, "%s/a/b", top);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit none = {0, 0};
        signal(SIGXFSZ, SIG_IGN); /* a write fails (EFBIG) rather than kills */
        setrlimit(RLIMIT_FSIZE, &none);
        mishi_validation v[2];
        make_results(v);
        _exit(mishi_validation_write(dir, v, 2, NULL));
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == MISHI_EIO);
    assert_false(file_exists(top));
    assert_true(file_exists(tmp_root));
}

static void test_bad_results(void **state) {
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/never", tmp_root);
    mishi_validation v[2];
    mishi_error err = {0};
    make_results(v);
    assert_int_equal(mishi_validation_write(NULL, v, 2, &err), MISHI_EARG);
    assert_int_equal(mishi_validation_write(dir, NULL, 2, &err), MISHI_EARG);
    v[1].name = "../escape";
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EARG);
    must_contain(err.message, "../escape");
    v[1].name = v[0].name;
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EARG);
    must_contain(err.message, "twice");
    make_results(v);
    v[0].panel_count = 1; /* beta's points are in panel 1 */
    assert_int_equal(mishi_validation_write(dir, v, 2, &err), MISHI_EARG);
    must_contain(err.message, "panel 1");
    assert_false(file_exists(dir)); /* checked before anything is made */
}

static void test_no_results_writes_headers(void **state) {
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/empty", tmp_root);
    mishi_error err = {0};
    assert_int_equal(mishi_validation_write(dir, NULL, 0, &err), MISHI_OK);
    char *curves = read_written(dir, "curves.csv");
    assert_string_equal(curves, "case,panel,series,x,simulated,theory\n");
    free(curves);
    assert_int_equal(count_files(dir, ""), 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_script_has_a_plot_per_panel),
        cmocka_unit_test(test_paired_series_share_colour_and_shape),
        cmocka_unit_test(test_each_clause_draws_its_legend),
        cmocka_unit_test(test_unwritable_folder_fails),
        cmocka_unit_test(test_failure_leaves_nothing),
        cmocka_unit_test(test_failure_leaves_no_folders),
        cmocka_unit_test(test_folder_held_by_another_writer),
        cmocka_unit_test(test_bad_results),
        cmocka_unit_test(test_no_results_writes_headers),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
