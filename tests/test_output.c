/*
 * test_output.c — the tidy output of src/io/output.c and plot.c.
 *
 * A tiny default market (2000 consumers, 10 firms, 30 weeks) is run once
 * into a temporary folder; the tests then check the files against what
 * mishi.h and output.c promise: final names only after close, exact
 * headers, one market row per week, rectangular CSV, shares that sum to 1,
 * valid JSON, a plot script gnuplot accepts whose every series names its
 * column and carries that column's label, and clean failure paths.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "mishi.h"
#include "mishi_files.h"
#include "support.h"
#include "support_files.h"

#define WEEKS 30
#define FIRMS_HEADER                                                           \
    "week,firm,class,active,units,revenue,cost,profit,cash,share,price,"       \
    "design_quality,shipped_quality,unit_cost,reputation,new_customers,"       \
    "repeat_units,repeat_rate,defections,retention,acquisition_spend,"        \
    "cost_per_new_customer,retention_spend,complaints,resolved,units_direct,"  \
    "installed,rank,software_quality,rom_users,feedback,service_revenue,"     \
    "posts_praise,posts_criticism,buzz,service_spend,advocates,"              \
    "reservations,preorders_served,flash_demand,flash_unmet,flash_buzz,"      \
    "resale_units,resale_pool"
#define MARKET_HEADER                                                          \
    "week,active_firms,units,shoppers,no_purchase,unserved,newcomers,"         \
    "adoptions,adopters,buyers_returning,repeat_units,defections,repeat_rate," \
    "defection_rate,mean_quality,hhi,loyalty_index,preference_concentration,"  \
    "mean_satisfaction,complaints,resolved,total_profit,posts,reserved,"      \
    "missed,resale_units,resale_price"
#define FIRMS_COLUMNS 44
#define MARKET_COLUMNS 27
#define COL_FIRMS_WEEK 0
#define COL_FIRMS_SHARE 9
#define COL_MARKET_UNITS 2

static char tmp_root[64];      /* the temporary folder of this test run */
static char run_dir[128];      /* where the tiny run wrote its output */
static double api_share_error; /* worst |sum of shares - 1| seen via the API */

/* ---------------------------------------------------------------- helpers */





static mishi_scenario *tiny_scenario(void) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_default(&sc, &err), MISHI_OK);
    const char *sets[] = {"consumers.count=2000", "weeks=30", "firms.0.count=10",
                          "seed=11"};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        assert_int_equal(mishi_scenario_set(sc, sets[i], &err), MISHI_OK);
    return sc;
}

/* The shares the engine reports for the week just simulated sum to 1. */
static void check_api_shares(const mishi_sim *sim) {
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(rows[i].share)) sum += rows[i].share;
    if (mishi_sim_market(sim)->units > 0 && fabs(sum - 1) > api_share_error)
        api_share_error = fabs(sum - 1);
}

static void step_and_write(mishi_sim *sim, mishi_output *out, int weeks) {
    mishi_error err = {0};
    for (int w = 0; w < weeks; w++) {
        assert_int_equal(mishi_sim_step(sim, &err), MISHI_OK);
        assert_int_equal(mishi_output_week(out, sim, &err), MISHI_OK);
        check_api_shares(sim);
    }
}

static void run_tiny(const char *dir) {
    mishi_scenario *sc = tiny_scenario();
    mishi_sim *sim = NULL;
    mishi_output *out = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_sim_new(sc, NULL, &sim, &err), MISHI_OK);
    assert_int_equal(mishi_output_open(dir, sc, &out, &err), MISHI_OK);
    mishi_scenario_free(sc); /* the output copies what it needs at open */
    step_and_write(sim, out, mishi_sim_weeks(sim));
    assert_int_equal(mishi_output_close(out, sim,
                                        "\"timings\": {\"run_seconds\": 1.5}",
                                        &err), MISHI_OK);
    assert_int_equal(mishi_output_week(out, sim, &err), MISHI_EARG);
    mishi_output_free(out);
    mishi_sim_free(sim);
}

/* Split `text` into lines in place; returns how many. */
static size_t split_lines(char *text, char **lines, size_t max) {
    size_t n = 0;
    for (char *s = text; *s && n < max;) {
        lines[n++] = s;
        char *nl = strchr(s, '\n');
        if (!nl) break;
        *nl = '\0';
        s = nl + 1;
    }
    return n;
}

static size_t count_fields(const char *line) {
    size_t n = 1;
    for (; *line; line++) n += *line == ',';
    return n;
}

/* Field `index` of a CSV line without quoted cells, as a number (NA: NaN). */
static double field(const char *line, int index) {
    for (int i = 0; i < index; i++) line = strchr(line, ',') + 1;
    if (strncmp(line, "NA", 2) == 0) return NAN;
    return strtod(line, NULL);
}

/* -------------------------------------------------------------- fixtures */

static int group_setup(void **state) {
    (void)state;
    strcpy(tmp_root, "/tmp/mishi-test-output-XXXXXX");
    if (!mkdtemp(tmp_root)) return -1;
    /* a folder two levels down: open creates the parents as well */
    snprintf(run_dir, sizeof run_dir, "%s/nested/tiny", tmp_root);
    run_tiny(run_dir);
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    remove_tree(tmp_root);
    return 0;
}

/* ------------------------------------------------------------------ tests */

static void test_run_writes_final_files(void **state) {
    (void)state;
    const char *names[] = {"firms.csv", "market.csv", "summary.json", "plot.gp"};
    for (int i = 0; i < 4; i++)
        assert_true(file_exists(path_in(run_dir, names[i])));
    assert_int_equal(count_files(run_dir, ".tmp"), 0);
    assert_int_equal(count_files(run_dir, ""), 4);
}

static void test_headers_are_exact(void **state) {
    (void)state;
    char *firms = read_all(path_in(run_dir, "firms.csv"));
    char *market = read_all(path_in(run_dir, "market.csv"));
    assert_non_null(firms);
    assert_non_null(market);
    assert_memory_equal(firms, FIRMS_HEADER "\n", strlen(FIRMS_HEADER) + 1);
    assert_memory_equal(market, MARKET_HEADER "\n", strlen(MARKET_HEADER) + 1);
    free(firms);
    free(market);
}

static void check_rectangular(const char *name, size_t columns,
                              size_t *rows_out) {
    char *text = read_all(path_in(run_dir, name));
    assert_non_null(text);
    assert_null(strchr(text, '"')); /* no quoted cells in this run */
    assert_null(strstr(text, "nan")); /* NaN is written NA */
    assert_null(strstr(text, "inf"));
    static char *lines[200000];
    size_t n = split_lines(text, lines, 200000);
    for (size_t i = 0; i < n; i++) assert_int_equal(count_fields(lines[i]), columns);
    *rows_out = n - 1;
    free(text);
}

static void test_csv_is_rectangular(void **state) {
    (void)state;
    size_t firm_rows, market_rows;
    check_rectangular("firms.csv", FIRMS_COLUMNS, &firm_rows);
    check_rectangular("market.csv", MARKET_COLUMNS, &market_rows);
    assert_int_equal(market_rows, WEEKS); /* one market row per week */
    assert_true(firm_rows >= WEEKS);
}

/* Units sold in each week, from market.csv (index: week). */
static void market_units(double units[WEEKS + 1]) {
    char *text = read_all(path_in(run_dir, "market.csv"));
    assert_non_null(text);
    char *lines[WEEKS + 2];
    size_t n = split_lines(text, lines, WEEKS + 2);
    for (size_t i = 1; i < n; i++) {
        int week = (int)field(lines[i], 0);
        assert_true(week >= 1 && week <= WEEKS);
        units[week] = field(lines[i], COL_MARKET_UNITS);
    }
    free(text);
}

/* The engine's shares sum to 1 within 1e-9; firms.csv rounds each share to
 * fifteen significant digits ("%.15g"), an error of at most 5e-16 per
 * firm (a share is at most 1), so the file's sums are held to that. */
static void test_shares_sum_to_one(void **state) {
    (void)state;
    assert_true(api_share_error <= 1e-9);
    double units[WEEKS + 1] = {0}, sum[WEEKS + 1] = {0};
    int firms[WEEKS + 1] = {0};
    market_units(units);
    char *text = read_all(path_in(run_dir, "firms.csv"));
    static char *lines[200000];
    size_t n = split_lines(text, lines, 200000);
    for (size_t i = 1; i < n; i++) {
        int week = (int)field(lines[i], COL_FIRMS_WEEK);
        double share = field(lines[i], COL_FIRMS_SHARE);
        if (!isnan(share)) sum[week] += share, firms[week]++;
    }
    for (int w = 1; w <= WEEKS; w++)
        if (units[w] > 0) assert_true(fabs(sum[w] - 1) <= 5e-16 * firms[w] + 1e-9);
    free(text);
}

/* A JSON string is UTF-8 whatever bytes it is given (a scenario file's
 * name may be any): a byte that is not part of a well-formed sequence
 * becomes U+FFFD; quotes, backslashes and control characters are
 * escaped; UTF-8 passes as it is. */
static void test_json_strings_are_utf8(void **state) {
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    mishi_json_string(f, "a\"b\\c\td\xff\xe2\x82\xac\xc0\xaf" "e\xed\xa0\x80\xe2\x82");
    assert_int_equal(fclose(f), 0);
    assert_string_equal(text, "\"a\\\"b\\\\c\\u0009d\\ufffd\xe2\x82\xac"
                              "\\ufffd\\ufffde\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
    free(text);
}

static void test_summary_is_json(void **state) {
    (void)state;
    char *text = read_all(path_in(run_dir, "summary.json"));
    assert_non_null(text);
    assert_non_null(strstr(text, "\"mishi_version\": \"" MISHI_VERSION "\""));
    assert_non_null(strstr(text, "\"weeks_simulated\": 30"));
    assert_non_null(strstr(text, "\"seed\": 11"));
    assert_non_null(strstr(text, "\"timings\": {\"run_seconds\": 1.5}"));
    assert_non_null(strstr(text, "\"platform\": {\"c_library\": "));
    free(text);
    if (access("/usr/bin/python3", X_OK) != 0) skip();
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));"
             " assert d[\"weeks_simulated\"]==30 and d[\"seed\"]==11;"
             " assert 1 <= len(d[\"top_firms\"]) <= 5;"
             " assert d[\"outputs\"][\"firms\"]==\"firms.csv\";"
             " assert isinstance(d[\"scenario\"], dict);"
             " assert isinstance(d[\"idle_mechanisms\"], list);"
             " p=d[\"platform\"]; assert isinstance(p[\"compiler\"], str);"
             " assert p[\"fma\"] in (True, False, None)' '%s'",
             path_in(run_dir, "summary.json"));
    assert_int_equal(system(cmd), 0);
}

static void test_plot_script_draws(void **state) {
    (void)state;
    char *text = read_all(path_in(run_dir, "plot.gp"));
    assert_non_null(text);
    assert_non_null(strstr(text, "set terminal svg"));
    assert_non_null(strstr(text, "set terminal pngcairo"));
    assert_non_null(strstr(text, "set multiplot layout 3,1"));
    free(text);
    if (!gnuplot_installed()) skip();
    assert_int_equal(gnuplot_in(run_dir, "plot.gp"), 0);
    assert_true(file_size(path_in(run_dir, "plot.svg")) > 1000);
    assert_true(file_size(path_in(run_dir, "plot.png")) > 1000);
    unlink(path_in(run_dir, "plot.svg"));
    unlink(path_in(run_dir, "plot.png"));
}

/* The label mishi's column table gives `column` of `file`; NULL if the
 * table has no such column. */
static const char *column_label(const char *file, const char *column) {
    for (size_t i = 0; i < mishi_column_count(); i++) {
        const mishi_column_info *c = mishi_column_at(i);
        if (strcmp(c->file, file) == 0 && strcmp(c->name, column) == 0)
            return c->label;
    }
    return NULL;
}

/* Whether `name` is a cell of the CSV header line `header`. */
static int header_has(const char *header, const char *name) {
    size_t n = strlen(name);
    for (const char *p = header; (p = strstr(p, name)) != NULL; p += n)
        if ((p == header || p[-1] == ',') && (p[n] == ',' || p[n] == '\0' ||
                                              p[n] == '\n'))
            return 1;
    return 0;
}

/* One `using` clause of plot.gp reading market.csv: its column must be in
 * market.csv's header and its legend must be that column's label. */
static void check_market_series(const char *clause, const char *header) {
    char column[64], title[96];
    if (sscanf(clause, "using \"week\":\"%63[^\"]\"", column) != 1)
        fail_msg("plot.gp draws a series without naming its column: %.60s",
                 clause);
    assert_true(header_has(header, column));
    const char *t = strstr(clause, "title '");
    assert_non_null(t);
    assert_int_equal(sscanf(t, "title '%95[^']'", title), 1);
    const char *label = column_label("market.csv", column);
    if (!label || strcmp(label, title) != 0)
        fail_msg("plot.gp draws market.csv's '%s' under the legend '%s'; the "
                 "column table calls it '%s'", column, title,
                 label ? label : "(no such column)");
}

/* Every series plot.gp draws names the column it reads, that column is in
 * the file, and its legend names the same measure: a column added or
 * moved cannot shift a series, and a legend cannot lie about it. */
static void test_plot_series_name_their_columns(void **state) {
    (void)state;
    char *text = read_all(path_in(run_dir, "plot.gp"));
    char *csv = read_all(path_in(run_dir, "market.csv"));
    assert_non_null(text);
    assert_non_null(csv);
    *strchr(csv, '\n') = '\0'; /* the header line */
    int market_series = 0, share_series = 0, zero_points = 0;
    for (const char *u = text; (u = strstr(u, "using ")) != NULL; u++) {
        if (u[6] != '"') fail_msg("plot.gp picks a column by number: %.40s", u);
        static const char share_loop[] = "using \"week\":(column(\"firm_\"";
        /* the right axis's 0, unseen: a constant, not a column */
        static const char zero[] = "using \"week\":(0) axes x1y2 with points ps 0 "
                                   "lc rgb \"#ffffffff\" notitle";
        if (strncmp(u, share_loop, strlen(share_loop)) == 0)
            share_series++;
        else if (strncmp(u, zero, strlen(zero)) == 0)
            zero_points++;
        else check_market_series(u, csv), market_series++;
    }
    assert_true(market_series >= 6); /* quality panel 4, firms panel 2 */
    assert_int_equal(share_series, 1); /* a loop over the top firms */
    assert_int_equal(zero_points, 1);  /* on the profit panel's right axis */
    /* the share loop's columns: $shares's header names each top firm */
    char top[64], header[128] = "\nweek";
    const char *t = strstr(text, "\ntop = \"");
    assert_non_null(t);
    assert_int_equal(sscanf(t, "\ntop = \"%63[^\"]\"", top), 1);
    for (char *id = strtok(top, " "); id; id = strtok(NULL, " "))
        snprintf(header + strlen(header), sizeof header - strlen(header),
                 " firm_%s", id);
    strcat(header, "\n");
    assert_non_null(strstr(text, header));
    free(csv);
    free(text);
}

/* A shipped scenario with two --set assignments, run to its horizon with
 * its output in tmp_root/NAME, whose path goes into dir. */
static void run_shipped(const char *scenario, const char *set_count,
                        const char *set_weeks, const char *name, char *dir,
                        size_t size) {
    mishi_scenario *sc = NULL;
    mishi_sim *sim = NULL;
    mishi_output *out = NULL;
    mishi_error err = {0};
    char path[512];
    snprintf(path, sizeof path, MISHI_SOURCE_DIR "/scenarios/%s", scenario);
    const char *sets[] = {set_count, set_weeks};
    assert_int_equal(mishi_scenario_load(path, &sc, &err), MISHI_OK);
    assert_int_equal(mishi_scenario_set_all(sc, sets, 2, NULL, &err), MISHI_OK);
    assert_int_equal(mishi_sim_new(sc, NULL, &sim, &err), MISHI_OK);
    snprintf(dir, size, "%s", path_in(tmp_root, name)); /* path_in's buffers are reused */
    assert_int_equal(mishi_output_open(dir, sc, &out, &err), MISHI_OK);
    mishi_scenario_free(sc);
    step_and_write(sim, out, mishi_sim_weeks(sim));
    assert_int_equal(mishi_output_close(out, sim, NULL, &err), MISHI_OK);
    mishi_output_free(out);
    mishi_sim_free(sim);
}

/* A firm that is a class of its own is drawn first, before the top
 * sellers, though it sells less than they do: xiaomi-2010's entrant
 * (firm 0), which launches late into a crowd of 500. */
static void test_plot_draws_a_class_of_its_own_first(void **state) {
    (void)state;
    char dir[256];
    run_shipped("xiaomi-2010.yaml", "consumers.count=20000", "weeks=100",
                "own-class", dir, sizeof dir);
    char *plot = read_all(path_in(dir, "plot.gp"));
    char *summary = read_all(path_in(dir, "summary.json"));
    assert_non_null(plot);
    assert_non_null(summary);
    assert_non_null(strstr(plot, "\ntop = \"0 "));
    const char *by_units = strstr(summary, "\"top_firms\": [");
    assert_non_null(by_units);
    assert_true(strncmp(by_units, "\"top_firms\": [0,", 16) != 0); /* it sells less */
    free(plot);
    free(summary);
}

/* gnuplot draws dir/plot.gp with success and not a word on stderr (a
 * warning there is a panel it could not draw as written). */
static void gnuplot_draws_silently(const char *dir) {
    if (!gnuplot_installed()) skip();
    assert_int_equal(gnuplot_in(dir, "plot.gp 2> gnuplot.err"), 0);
    assert_int_equal(file_size(path_in(dir, "gnuplot.err")), 0);
}

/* A run of one week has one value per series, which a line cannot draw:
 * its plot marks the values with points, and gnuplot draws it without a
 * word on stderr (it warned of an empty right-hand range). */
static void test_plot_of_one_week_marks_points(void **state) {
    (void)state;
    char dir[256];
    run_shipped("train-station.yaml", "consumers.count=2000", "weeks=1",
                "one-week", dir, sizeof dir);
    char *plot = read_written(dir, "plot.gp");
    assert_null(strstr(plot, "with lines "));
    assert_non_null(strstr(plot, "with linespoints"));
    free(plot);
    gnuplot_draws_silently(dir);
}

/* A run in which nothing sells (ten consumers, two weeks: none replaces
 * its device) has no quality or loyalty to draw, all NA, and no top
 * sellers: its panels say so, and gnuplot draws the plot without a word
 * on stderr (it had failed on "x range is invalid" and left no picture). */
static void test_plot_of_no_sales_says_so(void **state) {
    (void)state;
    char dir[256];
    run_shipped("train-station.yaml", "consumers.count=10", "weeks=2", "no-sales",
                dir, sizeof dir);
    char *plot = read_written(dir, "plot.gp");
    assert_non_null(strstr(plot, "'nothing was sold: no quality or loyalty to show'"));
    assert_null(strstr(plot, "\"mean_quality\""));
    /* no "top sellers" that sold nothing, in the plot or summary.json */
    assert_non_null(strstr(plot, "\ntop = \"\"\n"));
    char *summary = read_written(dir, "summary.json");
    assert_non_null(strstr(summary, "\"top_firms\": []"));
    free(summary);
    free(plot);
    gnuplot_draws_silently(dir);
    /* one consumer, three weeks: the same profit every week (a flat line
     * gave the right axis an empty range, which gnuplot warned of) */
    run_shipped("train-station.yaml", "consumers.count=1", "weeks=3", "flat-profit",
                dir, sizeof dir);
    gnuplot_draws_silently(dir);
}

/* The CSV headers are the column table, file by file, in order. */
static void test_headers_are_the_column_table(void **state) {
    (void)state;
    const char *files[] = {"market.csv", "firms.csv"};
    for (int k = 0; k < 2; k++) {
        char header[1024] = "";
        for (size_t i = 0; i < mishi_column_count(); i++) {
            const mishi_column_info *c = mishi_column_at(i);
            if (strcmp(c->file, files[k]) != 0) continue;
            snprintf(header + strlen(header), sizeof header - strlen(header),
                     "%s%s", header[0] ? "," : "", c->name);
            assert_non_null(c->unit);
            assert_true(c->label[0] && c->meaning[0]);
            /* the week, the firm and its class say which row it is */
            int key = strcmp(c->name, "week") == 0 || strcmp(c->name, "firm") == 0 ||
                      strcmp(c->name, "class") == 0;
            assert_int_equal(c->names_row, key);
        }
        char *csv = read_all(path_in(run_dir, files[k]));
        assert_non_null(csv);
        *strchr(csv, '\n') = '\0';
        assert_string_equal(csv, header);
        free(csv);
    }
    assert_null(mishi_column_at(mishi_column_count()));
}

static void test_open_on_a_file_fails(void **state) {
    (void)state;
    const char *file = path_in(tmp_root, "not-a-folder");
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    mishi_scenario *sc = tiny_scenario();
    mishi_output *out = (mishi_output *)&out; /* must be reset to NULL */
    mishi_error err = {0};
    assert_int_equal(mishi_output_open(file, sc, &out, &err), MISHI_EIO);
    assert_null(out);
    assert_int_equal(err.code, MISHI_EIO);
    assert_non_null(strstr(err.message, file));
    mishi_scenario_free(sc);
    unlink(file);
}

/* An output freed unclosed (a failed run) leaves nothing: no temporary,
 * nor the folder open made, nor the parents made for it; the folder that
 * was there stays. */
static void test_free_without_close_leaves_nothing(void **state) {
    (void)state;
    char top[256], dir[300];
    snprintf(top, sizeof top, "%s/abandoned", tmp_root);
    snprintf(dir, sizeof dir, "%s/a/b", top);
    mishi_scenario *sc = tiny_scenario();
    mishi_sim *sim = NULL;
    mishi_output *out = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_sim_new(sc, NULL, &sim, &err), MISHI_OK);
    assert_int_equal(mishi_output_open(dir, sc, &out, &err), MISHI_OK);
    assert_int_equal(count_files(dir, ".tmp"), 2);
    step_and_write(sim, out, 2);
    mishi_output_free(out);
    assert_int_equal(count_files(dir, ""), 0);
    assert_false(file_exists(dir)); /* open made it, free removed it */
    assert_false(file_exists(top)); /* and the parents it made */
    assert_true(file_exists(tmp_root));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* mishi_make_dirs counts the folders it made, the folder's own and the
 * missing parents', however the path is spelt ("." "//", a trailing '/');
 * mishi_remove_made_dirs removes those, deepest first, while empty. */
static void test_made_folders_are_counted_and_removed(void **state) {
    (void)state;
    char base[256], dir[400];
    int made = -1;
    mishi_error err = {0};
    snprintf(base, sizeof base, "%s/made", tmp_root);
    snprintf(dir, sizeof dir, "%s/x/./y//z/", base);
    assert_int_equal(mishi_make_dirs(dir, &made, &err), MISHI_OK);
    assert_int_equal(made, 4);
    assert_int_equal(mishi_make_dirs(dir, &made, &err), MISHI_OK);
    assert_int_equal(made, 0); /* there already */
    mishi_remove_made_dirs(dir, 4);
    assert_false(file_exists(base));
    assert_true(file_exists(tmp_root));
    /* a folder with a file in it stays, and so do the folders above it */
    assert_int_equal(mishi_make_dirs(dir, &made, &err), MISHI_OK);
    FILE *kept = fopen(path_in(base, "x/kept"), "w");
    assert_non_null(kept);
    fclose(kept);
    mishi_remove_made_dirs(dir, made);
    assert_false(file_exists(path_in(base, "x/y")));
    assert_true(file_exists(path_in(base, "x/kept")));
    remove_tree(base);
}

/* A folder that was there is never removed, even when the path made
 * climbs back into it with ".."; and a mishi_make_dirs that fails leaves
 * none of the folders it made. */
static void test_folders_there_before_stay(void **state) {
    (void)state;
    char base[256], dir[600], long_name[300];
    int made = -1;
    mishi_error err = {0};
    snprintf(base, sizeof base, "%s/there", tmp_root);
    assert_int_equal(mkdir(base, 0755), 0);
    assert_int_equal(mkdir(path_in(base, "empty"), 0755), 0);
    snprintf(dir, sizeof dir, "%s/up/../empty/w", base);
    assert_int_equal(mishi_make_dirs(dir, &made, &err), MISHI_OK);
    assert_int_equal(made, 1); /* only w counts: "empty" was there */
    mishi_remove_made_dirs(dir, made);
    assert_false(file_exists(path_in(base, "empty/w")));
    assert_true(file_exists(path_in(base, "empty")));
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0'; /* longer than a name may be */
    snprintf(dir, sizeof dir, "%s/new/%s", base, long_name);
    assert_int_equal(mishi_make_dirs(dir, &made, &err), MISHI_EIO);
    assert_int_equal(made, 0);
    assert_false(file_exists(path_in(base, "new")));
    remove_tree(base);
}

/* A signal that comes while a write holds signals (a results database's
 * commit) reaches the handler's work only when the last hold lets go; a
 * handler that acted on it at once could end the process halfway. */
static volatile sig_atomic_t signals_acted_on;

static void on_held_signal(int sig) {
    if (mishi_signal_held(sig)) return;
    signals_acted_on++;
}

/* In a child, as acting on a signal closes the gate for good: `body`
 * must end by asking for a hold that never returns, which a timer's
 * SIGALRM then ends. Whether the child died so; a code it exits with
 * names the check that failed first. */
static void child_ends_in_a_held_hold(void (*body)(void)) {
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        struct sigaction now = {.sa_handler = on_held_signal, .sa_flags = SA_RESTART};
        sigemptyset(&now.sa_mask);
        sigaction(SIGUSR1, &now, NULL);
        signals_acted_on = 0;
        body();
        _exit(99); /* the last hold returned */
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGALRM)
        fail_msg("the child %s %d", WIFEXITED(status) ? "exited with" : "died of signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* After the handler acted: a write asked for now would be cut in two by
 * the process's end, so the hold waits for that end instead (given 0.1 s
 * here, then SIGALRM). */
static void hold_after_acting(void) {
    struct itimerval soon = {.it_value = {0, 100000}};
    setitimer(ITIMER_REAL, &soon, NULL);
    mishi_hold_signals();
}

static void signal_during_two_writes(void) {
    mishi_hold_signals();
    mishi_hold_signals(); /* two threads' writes at once */
    raise(SIGUSR1);
    if (signals_acted_on != 0) _exit(1);
    mishi_release_signals();
    if (signals_acted_on != 0) _exit(2); /* one write goes on */
    mishi_release_signals();
    if (signals_acted_on != 1) _exit(3); /* acted on once, when both ended */
    hold_after_acting();
}

static void signal_outside_a_write(void) {
    raise(SIGUSR1);
    if (signals_acted_on != 1) _exit(4); /* at once */
    hold_after_acting();
}

static void test_signal_waits_for_the_write(void **state) {
    (void)state;
    child_ends_in_a_held_hold(signal_during_two_writes);
    child_ends_in_a_held_hold(signal_outside_a_write);
}

static void test_bad_arguments(void **state) {
    (void)state;
    mishi_output *out = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_output_open(NULL, NULL, &out, &err), MISHI_EARG);
    assert_int_equal(mishi_output_open("x", NULL, NULL, NULL), MISHI_EARG);
    assert_int_equal(mishi_output_week(NULL, NULL, &err), MISHI_EARG);
    assert_int_equal(mishi_output_close(NULL, NULL, NULL, &err), MISHI_EARG);
    mishi_output_free(NULL);
}

static void test_class_name_accessor(void **state) {
    (void)state;
    mishi_scenario *sc = tiny_scenario();
    assert_non_null(mishi_scenario_class_name(sc, 0));
    assert_null(mishi_scenario_class_name(sc, -1));
    assert_null(mishi_scenario_class_name(sc, 1000));
    assert_null(mishi_scenario_class_name(NULL, 0));
    mishi_scenario_free(sc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_writes_final_files),
        cmocka_unit_test(test_headers_are_exact),
        cmocka_unit_test(test_csv_is_rectangular),
        cmocka_unit_test(test_shares_sum_to_one),
        cmocka_unit_test(test_summary_is_json),
        cmocka_unit_test(test_plot_script_draws),
        cmocka_unit_test(test_plot_series_name_their_columns),
        cmocka_unit_test(test_plot_draws_a_class_of_its_own_first),
        cmocka_unit_test(test_plot_of_one_week_marks_points),
        cmocka_unit_test(test_plot_of_no_sales_says_so),
        cmocka_unit_test(test_headers_are_the_column_table),
        cmocka_unit_test(test_open_on_a_file_fails),
        cmocka_unit_test(test_free_without_close_leaves_nothing),
        cmocka_unit_test(test_made_folders_are_counted_and_removed),
        cmocka_unit_test(test_folders_there_before_stay),
        cmocka_unit_test(test_signal_waits_for_the_write),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_class_name_accessor),
        cmocka_unit_test(test_json_strings_are_utf8),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
