/*
 * test_variants.c — variants factors: a factor of named levels under
 * `vary:`, each level a mapping of --set assignments
 * (src/sweep/sweep_variants.c), its level stored as an index and shown by
 * name (mishi_factor_value_text), named in the results database
 * (batch/store_schema.c) and in claims (src/sweep/sweep_claims.c).
 *
 * What a researcher relies on: a run of a level is the base scenario with
 * the level's assignments and nothing else, and its command repeats it; a
 * level that sets one parameter to 0.05 runs the very runs a numeric
 * factor listing 0.05 runs, bit for bit, so a claim between two levels
 * reaches the verdict the numeric sweep reaches; every table, CSV file,
 * plot and the database shows the level's name, never its index; and a
 * changed level is another sweep. Broken variants are in the
 * tests/bad-sweeps/ corpus (test_sweep_file.c).
 */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mishi_batch.h"
#include "support.h"
#include "support_sqlite.h"
#include "support_files.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

#define SCENARIO_DIR MISHI_SOURCE_DIR "/scenarios"

/* ----------------------------------------------------------- the loader */

/* Three levels, one changing nothing, one a named choice, one two
 * parameters, crossed with a numeric factor. */
static const char ablation[] =
    "scenario: train-station.yaml\n"
    "set: {consumers.count: 2000, weeks: 20}\n"
    "seed: 4\n"
    "measures: {q: {column: market.mean_quality}}\n"
    "vary:\n"
    "  bets:\n"
    "    variants:\n"
    "      all: {}\n"
    "      fixed: {firms.local.strategy: fixed}\n"
    "      cheap: {firms.local.strategy: fixed, firms.local.price: 0.8}\n"
    "  consumers.transient_share: [0.1, 0.5]\n";

static mishi_sweep *load(const char *yaml) {
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    if (mishi_sweep_load_string(yaml, "sweep.yaml", SCENARIO_DIR, &s, &err))
        fail_msg("%s\n---\n%s", err.message, yaml);
    return s;
}

static void assert_contains(const char *text, const char *needle) {
    if (!strstr(text, needle)) fail_msg("expected \"%s\" in:\n%s", needle, text);
}

static char *scenario_json(const mishi_scenario *sc) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    assert_int_equal(mishi_scenario_write_json(sc, f), MISHI_OK);
    fclose(f);
    return text;
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

static void set_ok(mishi_scenario *sc, const char *assignment) {
    mishi_error err = {0};
    if (mishi_scenario_set(sc, assignment, &err))
        fail_msg("--set %s: %s", assignment, err.message);
}

/* The level is an index on a grid, the first factor slowest; its name
 * and its assignments are the file's. */
static void levels_are_indices_with_names(void **state) {
    (void)state;
    mishi_sweep *s = load(ablation);
    mishi_sweep_info info;
    mishi_sweep_describe(s, &info);
    assert_int_equal(info.points, 3 * 2);
    assert_int_equal(info.factors, 2);
    const mishi_factor_info *bets = mishi_sweep_factor(s, 0);
    assert_string_equal(bets->path, "bets");
    assert_int_equal(bets->level_count, 3);
    assert_true(bets->low == 0 && bets->high == 2 && bets->whole);
    static const char *const names[] = {"all", "fixed", "cheap"};
    for (size_t p = 0; p < 6; p++) {
        char text[64];
        assert_true(mishi_sweep_value(s, p, 0) == (double)(p / 2));
        mishi_factor_value_text(bets, mishi_sweep_value(s, p, 0),
                                MISHI_VALUE_SHORT, text, sizeof text);
        assert_string_equal(text, names[p / 2]);
        assert_string_equal(bets->levels[p / 2], names[p / 2]);
    }
    assert_null(mishi_sweep_factor(s, 1)->levels);
    assert_null(mishi_sweep_level_set(s, 0, 0, 0)); /* all: {} */
    assert_string_equal(mishi_sweep_level_set(s, 0, 2, 0), "firms.local.strategy=fixed");
    assert_string_equal(mishi_sweep_level_set(s, 0, 2, 1), "firms.local.price=0.8");
    assert_null(mishi_sweep_level_set(s, 0, 2, 2));
    assert_null(mishi_sweep_level_set(s, 0, 3, 0));
    assert_null(mishi_sweep_level_set(s, 1, 0, 0)); /* a parameter */
    mishi_sweep_free(s);
}

/* The one function every shown value goes through. */
static void values_are_shown_by_name(void **state) {
    (void)state;
    static const char *const names[] = {"all", "none"};
    const mishi_factor_info levels = {"bets", 0, 1, 1, names, 2};
    const mishi_factor_info number = {"consumers.transient_share", 0, 1, 0,
                                      NULL, 0};
    char text[64];
    mishi_factor_value_text(&levels, 1, MISHI_VALUE_EXACT, text, sizeof text);
    assert_string_equal(text, "none");
    mishi_factor_value_text(&levels, 2, MISHI_VALUE_SHORT, text, sizeof text);
    assert_string_equal(text, "NA");
    mishi_factor_value_text(&levels, 0.5, MISHI_VALUE_SHORT, text, sizeof text);
    assert_string_equal(text, "NA");
    mishi_factor_value_text(&number, 0.1 + 0.2, MISHI_VALUE_SHORT, text, sizeof text);
    assert_string_equal(text, "0.3");
    mishi_factor_value_text(&number, 0.1 + 0.2, MISHI_VALUE_EXACT, text, sizeof text);
    assert_string_equal(text, "0.30000000000000004");
}

/* The scenario file, `set:`, the level's assignments (none for `all`),
 * the point's value and the seed: what --set makes of them. */
static void check_run(const mishi_sweep *s, size_t point,
                      const char *const *sets) {
    mishi_scenario *sc = NULL, *expected = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_scenario(s, point, 0, &sc, &err), MISHI_OK);
    assert_int_equal(mishi_scenario_load(SCENARIO_DIR "/train-station.yaml",
                                         &expected, &err), MISHI_OK);
    for (; *sets; sets++) set_ok(expected, *sets);
    char seed[40];
    snprintf(seed, sizeof seed, "seed=%llu",
             (unsigned long long)mishi_sweep_run_seed(s, point, 0));
    set_ok(expected, seed);
    char *a = scenario_json(sc), *b = scenario_json(expected);
    assert_string_equal(a, b);
    free(a), free(b);
    mishi_scenario_free(sc), mishi_scenario_free(expected);
}

static void a_run_is_the_base_and_its_level(void **state) {
    (void)state;
    mishi_sweep *s = load(ablation);
    check_run(s, 0, (const char *const[]){"consumers.count=2000", "weeks=20",
                                          "consumers.transient_share=0.1", NULL});
    check_run(s, 5, (const char *const[]){"consumers.count=2000", "weeks=20",
                                          "firms.local.strategy=fixed",
                                          "firms.local.price=0.8",
                                          "consumers.transient_share=0.5", NULL});
    mishi_sweep_free(s);
}

/* The command expands the level into its --sets, and following its
 * words gives the run's scenario. */
static void the_command_expands_the_level(void **state) {
    (void)state;
    mishi_sweep *s = load(ablation);
    char *all = mishi_sweep_command(s, 1, 0), *cheap = mishi_sweep_command(s, 5, 0);
    assert_non_null(all), assert_non_null(cheap);
    assert_contains(all, "--set weeks=20 --set consumers.transient_share=0.5 --seed ");
    assert_contains(cheap, "--set weeks=20 --set firms.local.strategy=fixed --set "
                           "firms.local.price=0.8 --set consumers.transient_share"
                           "=0.5 --seed ");
    mishi_scenario *sc = NULL, *rebuilt = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_scenario(s, 5, 0, &sc, &err), MISHI_OK);
    assert_int_equal(mishi_scenario_load(SCENARIO_DIR "/train-station.yaml",
                                         &rebuilt, &err), MISHI_OK);
    char *save = NULL;
    for (char *w = strtok_r(cheap, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        char seed[40];
        if (strcmp(w, "--set") == 0) set_ok(rebuilt, strtok_r(NULL, " ", &save));
        if (strcmp(w, "--seed") != 0) continue;
        snprintf(seed, sizeof seed, "seed=%s", strtok_r(NULL, " ", &save));
        set_ok(rebuilt, seed);
    }
    char *a = scenario_json(sc), *b = scenario_json(rebuilt);
    assert_string_equal(a, b);
    free(a), free(b), free(all), free(cheap);
    mishi_scenario_free(sc), mishi_scenario_free(rebuilt);
    mishi_sweep_free(s);
}

/* `ablation` with `from` replaced by `to` (to free). */
static char *changed(const char *from, const char *to) {
    const char *at = strstr(ablation, from);
    if (!at) fail_msg("'%s' is not in the test sweep", from);
    size_t n = strlen(ablation) + strlen(to) + 1;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%.*s%s%s", (int)(at - ablation), ablation, to,
             at + strlen(from));
    return text;
}

/* The definition holds the levels' names and assignments: changing
 * either makes another sweep. */
static void the_definition_holds_the_levels(void **state) {
    (void)state;
    static const char *const changes[][2] = {
        {"firms.local.price: 0.8", "firms.local.price: 0.9"},
        {"cheap:", "low_price:"},
        {"all: {}", "all: {firms.local.review_weeks: 5}"},
        {"      fixed: {firms.local.strategy: fixed}\n", ""},
        {"strategy: fixed}\n      cheap", "strategy: fade}\n      cheap"},
    };
    mishi_sweep *s = load(ablation);
    char *json = definition(s);
    assert_contains(json, "\"vary\": [{\"name\": \"bets\", \"variants\": ["
                          "{\"level\": \"all\", \"set\": []}, {\"level\": "
                          "\"fixed\", \"set\": [\"firms.local.strategy=fixed\"]}, "
                          "{\"level\": \"cheap\", \"set\": [\"firms.local."
                          "strategy=fixed\", \"firms.local.price=0.8\"]}]}, "
                          "{\"path\": \"consumers.transient_share\"");
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        char *yaml = changed(changes[i][0], changes[i][1]);
        mishi_sweep *other = load(yaml);
        char *other_json = definition(other);
        if (strcmp(json, other_json) == 0)
            fail_msg("changing '%s' to '%s' left the definition as it was",
                     changes[i][0], changes[i][1]);
        free(other_json), free(yaml);
        mishi_sweep_free(other);
    }
    free(json);
    mishi_sweep_free(s);
}

/* A claim names levels; its points are the levels' points. */
static void claims_name_levels(void **state) {
    (void)state;
    char yaml[sizeof ablation + 256];
    snprintf(yaml, sizeof yaml, "%sclaims:\n  c: {measure: q, expect: higher, "
             "when: {bets: cheap}, than: {bets: all}}\n", ablation);
    mishi_sweep *s = load(yaml);
    const mishi_claim_info *c = mishi_sweep_claim(s, 0);
    assert_int_equal(c->settings, 2);
    assert_true(c->when[0].value == 2 && c->than[0].value == 0);
    for (size_t i = 0; i < 2; i++) {
        size_t p, q;
        assert_int_equal(mishi_sweep_claim_points(s, 0, i, &p, &q), MISHI_OK);
        assert_int_equal(p, 4 + i), assert_int_equal(q, i);
    }
    mishi_sweep_free(s);
}

/* Two variants factors cross as any two factors do; a run takes both
 * levels' assignments. */
static void several_variants_factors(void **state) {
    (void)state;
    mishi_sweep *s = load("scenario: train-station.yaml\n"
                          "set: {consumers.count: 500, weeks: 5}\n"
                          "measures: {q: {column: market.mean_quality}}\n"
                          "vary:\n"
                          "  rule: {variants: {on: {}, off: {firms.local.strategy: fixed}}}\n"
                          "  price: {variants: {base: {}, cheap: {firms.local.price: 0.8}}}\n"
                          "claims:\n  c: {measure: q, expect: higher, when: {rule: off}, "
                          "than: {rule: on}}\n");
    mishi_sweep_info info;
    mishi_sweep_describe(s, &info);
    assert_int_equal(info.points, 4);
    char text[64], *command = mishi_sweep_command(s, 3, 0);
    mishi_factor_value_text(mishi_sweep_factor(s, 1), mishi_sweep_value(s, 2, 1),
                            MISHI_VALUE_SHORT, text, sizeof text);
    assert_string_equal(text, "base");
    assert_contains(command, "--set weeks=5 --set firms.local.strategy=fixed "
                             "--set firms.local.price=0.8 --seed ");
    assert_int_equal(mishi_sweep_claim(s, 0)->settings, 2);
    free(command);
    mishi_sweep_free(s);
}

/* `mishi params --sweep` documents the key. */
static void the_key_is_listed(void **state) {
    (void)state;
    int found = 0;
    for (size_t i = 0; i < mishi_sweep_key_count(); i++)
        found += strcmp(mishi_sweep_key_at(i)->path, "vary.NAME.variants") == 0;
    assert_int_equal(found, 1);
    assert_null(mishi_sweep_key_at(mishi_sweep_key_count()));
}

/* ------------------------------------------------------------- the runs */

static char dir[64];
static char *printed[2]; /* what `mishi experiment` printed: named, numbered */

/* The same 2 x 2 grid twice: the transient share as named levels, each
 * setting it to one number, and as the numbers themselves. */
#define GRID_HEAD                                                              \
    "scenario: " SCENARIO_DIR "/train-station.yaml\n"                          \
    "set: {weeks: 13}\nseed: 3\nreplicates: 4\n"
#define GRID_TAIL                                                              \
    "  consumers.count: [500, 2000]\n"                                         \
    "measures:\n"                                                              \
    "  units: {column: market.units, summary: mean}\n"                         \
    "  quality: {column: market.mean_quality}\n"                               \
    "series: [market.mean_quality]\n"                                          \
    "claims:\n"                                                                \
    "  more_buyers_more_units:\n"                                              \
    "    measure: units\n    expect: higher\n"                                 \
    "    when: {consumers.count: 2000}\n    than: {consumers.count: 500}\n"    \
    "  transients_buy_more:\n"                                                 \
    "    measure: units\n    expect: higher\n"

static const char named[] =
    GRID_HEAD
    "vary:\n"
    "  buyers:\n"
    "    variants:\n"
    "      loyal: {consumers.transient_share: 0.05}\n"
    "      transient: {consumers.transient_share: 0.5}\n"
    GRID_TAIL
    "    when: {buyers: transient}\n    than: {buyers: loyal}\n"
    "plots:\n  - {measure: units, by: buyers}\n";

static const char numbered[] =
    GRID_HEAD
    "vary:\n"
    "  consumers.transient_share: [0.05, 0.5]\n"
    GRID_TAIL
    "    when: {consumers.transient_share: 0.5}\n"
    "    than: {consumers.transient_share: 0.05}\n";

/* A curve on which the measure has no value: firms no consumer can reach,
 * so no unit and no mean quality sold. */
static const char unreachable[] =
    "scenario: " SCENARIO_DIR "/train-station.yaml\n"
    "set: {weeks: 4, entry.rate: 0}\nseed: 5\nreplicates: 2\n"
    "vary:\n  firms.local.access: [0, 1]\n  consumers.count: [200, 400]\n"
    "measures:\n  quality: {column: market.mean_quality}\n";

static void write_file(const char *name, const char *text) {
    FILE *f = fopen(path_in(dir, name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* `mishi ARGS...` in dir, stdout and stderr into dir/LOG; its exit
 * status. Run without a shell, so no argument is re-read by one. */
static int mishi(const char *log, const char *const *args) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(path_in(dir, log), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || chdir(dir) != 0) _exit(126);
        dup2(fd, STDOUT_FILENO), dup2(fd, STDERR_FILENO);
        char *argv[16] = {(char *)MISHI_CLI};
        for (int i = 0; args[i] && i < 14; i++) argv[i + 1] = (char *)args[i];
        execv(MISHI_CLI, argv);
        _exit(127);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int experiment(const char *log, const char *name) {
    return mishi(log, (const char *const[]){"experiment", name, "--quiet",
                                            "--jobs", "2", NULL});
}

static int setup_runs(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mishi-variants-XXXXXX");
    if (!mkdtemp(dir) || mkdir(path_in(dir, "experiments"), 0777) != 0) return -1;
    write_file("experiments/named.yaml", named);
    write_file("experiments/numbered.yaml", numbered);
    if (experiment("named.log", "named") || experiment("numbered.log", "numbered"))
        return -1;
    printed[0] = read_all(path_in(dir, "named.log"));
    printed[1] = read_all(path_in(dir, "numbered.log"));
    return printed[0] && printed[1] ? 0 : -1;
}

static int teardown_runs(void **state) {
    (void)state;
    free(printed[0]), free(printed[1]);
    remove_tree(dir);
    return 0;
}

static sqlite3 *open_named(void) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path_in(dir, "out/named/results.sqlite"),
                                     &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return db;
}

/* Rows of `query` (with %s for the schema) in one database and not in
 * the other, both ways. */
static long long differing(sqlite3 *db, const char *query) {
    long long n = 0;
    for (int way = 0; way < 2; way++) {
        char one[512], two[512], sql[1100];
        snprintf(one, sizeof one, query, way ? "other." : "main.");
        snprintf(two, sizeof two, query, way ? "main." : "other.");
        snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", one, two);
        n += number(db, sql);
    }
    return n;
}

/* Named or numbered, the runs are the same: seeds, scenarios, commands,
 * every measure and series value, bit for bit (EXCEPT compares reals
 * exactly). */
static void levels_run_the_numbers_runs(void **state) {
    (void)state;
    sqlite3 *db = open_named();
    char sql[600];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS other",
             path_in(dir, "out/numbered/results.sqlite"));
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(number(db, "SELECT count(*) FROM results"), 16);
    assert_int_equal(differing(db, "SELECT run, point, replicate, seed, params, "
                                    "command, \"consumers.count\" FROM %sruns"), 0);
    assert_int_equal(differing(db, "SELECT * FROM %sresults"), 0);
    assert_int_equal(differing(db, "SELECT * FROM %sseries"), 0);
    sqlite3_close(db);
}

/* claims.csv: the same numbers and verdicts; a setting is named by the
 * level where the numbers name the share. */
static void claims_agree_and_name_levels(void **state) {
    (void)state;
    char *a = read_written(dir, "out/named/claims.csv");
    char *b = read_written(dir, "out/numbered/claims.csv");
    assert_int_equal(count_lines(a), 1 + 2 + 2);
    assert_contains(a, "\nmore_buyers_more_units,buyers=loyal,1,0,4,4,");
    assert_contains(a, "\nmore_buyers_more_units,buyers=transient,3,2,4,4,");
    assert_contains(b, "\nmore_buyers_more_units,consumers.transient_share=0.05,1,0,");
    /* line by line, equal once the setting's field is left out */
    for (char *x = a, *y = b; *x && *y;) {
        char *xe = strchr(x, '\n'), *ye = strchr(y, '\n');
        char *xs = strchr(x, ','), *ys = strchr(y, ',');
        assert_true(xe && ye && xs && ys);
        char *xr = strchr(xs + 1, ','), *yr = strchr(ys + 1, ',');
        assert_true(xr && yr && xr < xe && yr < ye);
        assert_int_equal(xe - xr, ye - yr);
        assert_memory_equal(xr, yr, (size_t)(xe - xr));
        x = xe + 1, y = ye + 1;
    }
    free(a), free(b);
    assert_contains(printed[0], "claim more_buyers_more_units: holds in 2 of 2 "
                                "settings (buyers=loyal: holds; =transient: holds)\n");
    assert_contains(printed[0], "claim transients_buy_more: holds in 2 of 2 "
                                "settings (consumers.count=500: holds; =2000: holds)\n");
    assert_contains(printed[1], "claim transients_buy_more: holds in 2 of 2 "
                                "settings (consumers.count=500: holds; =2000: holds)\n");
}

/* summary.csv and the terminal table name the level. */
static void the_summary_names_levels(void **state) {
    (void)state;
    char *csv = read_written(dir, "out/named/summary.csv");
    assert_contains(csv, "point,buyers,consumers.count,measure,n,mean,sd,ci_low,"
                         "ci_high\n0,loyal,500,units,4,");
    assert_contains(csv, "\n3,transient,2000,quality,4,");
    free(csv);
    assert_contains(printed[0], "buyers=transient, consumers.count=500 ");
    char *alone = NULL;
    assert_int_equal(mishi("summarize.log", (const char *const[]){
        "summarize", "out/named/results.sqlite", "--measure", "units", "--csv",
        "alone.csv", NULL}), 0);
    alone = read_written(dir, "summarize.log");
    assert_contains(alone, "buyers=loyal, consumers.count=2000 ");
    free(alone);
    alone = read_written(dir, "alone.csv");
    assert_contains(alone, "\n1,loyal,2000,units,4,");
    free(alone);
}

/* The database: the levels with what they set, each point's level by
 * name beside its index, in points and in runs_results. */
static void the_database_names_levels(void **state) {
    (void)state;
    sqlite3 *db = open_named();
    assert_int_equal(number(db, "SELECT count(*) FROM levels WHERE factor = 0 "
                                "AND ((level = 0 AND name = 'loyal' AND "
                                "assignments = '[\"consumers.transient_share="
                                "0.05\"]') OR (level = 1 AND name = "
                                "'transient' AND assignments = '[\"consumers."
                                "transient_share=0.5\"]'))"), 2);
    assert_int_equal(number(db, "SELECT count(*) FROM factors WHERE path = "
                                "'buyers' AND low = 0 AND high = 1 AND whole"), 1);
    assert_int_equal(number(db, "SELECT count(*) FROM points JOIN levels ON "
                                "level = buyers AND factor = 0 WHERE "
                                "\"buyers.level\" = name"), 4);
    assert_int_equal(number(db, "SELECT count(*) FROM runs_results WHERE "
                                "\"buyers.level\" = 'transient' AND buyers = 1"), 8);
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE buyers = 1 AND "
                                "command LIKE '%--set consumers.transient_share"
                                "=0.5 --set consumers.count=%'"), 8);
    sqlite3_close(db);
}

/* A curve with no values is in the key, said so, and not drawn (gnuplot
 * would skip it, key and all, with a warning); the x axis spans the
 * points without values as well. */
static void a_curve_without_values_is_named(void **state) {
    (void)state;
    write_file("no-firms.yaml", unreachable);
    assert_int_equal(mishi("no-firms.log", (const char *const[]){
        "sweep", "no-firms.yaml", "--db", "no-firms.sqlite", NULL}), 0);
    assert_int_equal(mishi("no-firms-plot.log", (const char *const[]){
        "summarize", "no-firms.sqlite", "--plot", "quality", "--by",
        "consumers.count", "--out", "no-firms", NULL}), 0);
    char *gp = read_written(dir, "no-firms/no-firms-quality-by-consumers.count.gp");
    assert_contains(gp, "  set key title 'access'\n");
    assert_contains(gp, "  plot keyentry with linespoints lw 2 pt 7 lc 1 title "
                        "'0 (no values)'");
    assert_contains(gp, "$c2 using \"x\"");
    assert_null(strstr(gp, "$c1 using"));
    assert_null(strstr(gp, "set xrange")); /* the points with values span it */
    free(gp);
    /* by access, the points at access 0 have no value on either curve: the
     * x axis spans them still, not access 1 alone */
    assert_int_equal(mishi("no-firms-plot.log", (const char *const[]){
        "summarize", "no-firms.sqlite", "--plot", "quality", "--by",
        "firms.local.access", "--out", "no-firms", NULL}), 0);
    gp = read_written(dir, "no-firms/no-firms-quality-by-firms.local.access.gp");
    assert_contains(gp, "  set xrange [-0.03:1.03] # every point, with a value or not\n");
    free(gp);
}

/* A level at which the measure has no value in any run (no firm anyone
 * can reach: no unit, no mean quality sold) is marked so on the plot,
 * not left blank as if it had not been run; the other level is not. */
static void a_level_without_values_is_marked(void **state) {
    (void)state;
    write_file("no-reach.yaml",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 4, entry.rate: 0, consumers.count: 200}\n"
               "seed: 5\nreplicates: 2\n"
               "vary:\n  reach:\n    variants:\n"
               "      none: {firms.local.access: 0}\n"
               "      all: {firms.local.access: 1}\n"
               "measures:\n  quality: {column: market.mean_quality}\n");
    assert_int_equal(mishi("no-reach.log", (const char *const[]){
        "sweep", "no-reach.yaml", "--db", "no-reach.sqlite", NULL}), 0);
    assert_int_equal(mishi("no-reach-plot.log", (const char *const[]){
        "summarize", "no-reach.sqlite", "--plot", "quality", "--by", "reach",
        "--out", "no-reach", NULL}), 0);
    char *gp = read_written(dir, "no-reach/no-reach-quality-by-reach.gp");
    const char *mark = "  set label \"no value\\n(NA in every run)\" at ";
    const char *at = strstr(gp, mark);
    if (!at) fail_msg("no mark of a level without values in:\n%s", gp);
    assert_int_equal(strncmp(at + strlen(mark), "0,", 2), 0); /* level 'none' */
    assert_null(strstr(at + 1, mark)); /* and not level 'all' */
    free(gp);
}

/* At a level, a curve stands aside only to make room for another with
 * values: beside a curve with none, it stands on its tic. */
static void a_lone_curve_stands_on_its_tic(void **state) {
    (void)state;
    write_file("lone.yaml",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 4, entry.rate: 0, consumers.count: 300}\nseed: 5\n"
               "replicates: 2\n"
               "vary:\n  buyers:\n    variants:\n"
               "      loyal: {consumers.transient_share: 0.05}\n"
               "      transient: {consumers.transient_share: 0.5}\n"
               "  firms.local.access: [0, 1]\n"
               "measures:\n  quality: {column: market.mean_quality}\n");
    assert_int_equal(mishi("lone.log", (const char *const[]){
        "sweep", "lone.yaml", "--db", "lone.sqlite", "--quiet", NULL}), 0);
    assert_int_equal(mishi("lone-plot.log", (const char *const[]){
        "summarize", "lone.sqlite", "--plot", "quality", "--by", "buyers", NULL}), 0);
    char *gp = read_written(dir, "lone-quality-by-buyers.gp");
    assert_contains(gp, "'0 (no values)'");
    assert_contains(gp, "$c2 using \"x\":\"mean\":\"low\":\"high\" with yerrorbars");
    free(gp);
}

/* Two sweeps' plots of one measure by one parameter, each beside its
 * database, are two files, each named for its database: neither
 * overwrites the other. */
static void plots_of_two_sweeps_keep_apart(void **state) {
    (void)state;
    write_file("again.yaml", unreachable);
    const char *const sweeps[][6] = {
        {"sweep", "again.yaml", "--db", "first.sqlite", NULL},
        {"sweep", "again.yaml", "--db", "second.sqlite", NULL}};
    const char *const plots[][7] = {
        {"summarize", "first.sqlite", "--plot", "quality", "--by", "consumers.count", NULL},
        {"summarize", "second.sqlite", "--plot", "quality", "--by", "consumers.count", NULL}};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(mishi("again.log", sweeps[i]), 0);
        assert_int_equal(mishi("again-plot.log", plots[i]), 0);
    }
    char *first = read_written(dir, "first-quality-by-consumers.count.gp");
    char *second = read_written(dir, "second-quality-by-consumers.count.gp");
    assert_contains(first, "set output 'first-quality-by-consumers.count'");
    assert_contains(second, "set output 'second-quality-by-consumers.count'");
    free(first), free(second);
}

/* A summary counts the failed runs beside the finished ones, and says
 * where their messages are. */
static void failed_runs_are_counted(void **state) {
    (void)state;
    write_file("failing.yaml", unreachable);
    assert_int_equal(mishi("failing.log", (const char *const[]){
        "sweep", "failing.yaml", "--db", "failing.sqlite", "--quiet", NULL}), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path_in(dir, "failing.sqlite"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE runs SET status = 'failed', "
                                      "message = 'out of memory' WHERE run = 4",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(mishi("failing-summary.log", (const char *const[]){
        "summarize", "failing.sqlite", NULL}), 0);
    char *said = read_written(dir, "failing-summary.log");
    assert_contains(said, "7 of 8 runs done; 1 failed (their messages are in "
                          "the runs table");
    free(said);
    /* its plot says its points rest on different numbers of runs */
    assert_int_equal(mishi("failing-plot.log", (const char *const[]){
        "summarize", "failing.sqlite", "--plot", "quality", "--by",
        "consumers.count", NULL}), 0);
    char *gp = read_written(dir, "failing-quality-by-consumers.count.gp");
    assert_contains(gp, "95% CI; 1 to 2 runs a point)");
    free(gp);
}

/* One run a point has no interval: its means are drawn as points, without
 * bars or bands (a clause of bars alone, every one undefined, made
 * gnuplot refuse the whole plot), and the title says there is none. */
static void one_run_a_point_is_drawn(void **state) {
    (void)state;
    write_file("single.yaml",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 4}\nseed: 3\n"
               "vary:\n  buyers:\n    variants:\n"
               "      loyal: {consumers.transient_share: 0.05}\n"
               "      transient: {consumers.transient_share: 0.5}\n"
               "  consumers.count: [300, 600]\n"
               "measures:\n  units: {column: market.units, summary: mean}\n");
    assert_int_equal(mishi("single.log", (const char *const[]){
        "sweep", "single.yaml", "--db", "single.sqlite", "--quiet", NULL}), 0);
    const char *by[] = {"buyers", "consumers.count"};
    const char *gp_name[] = {"single-units-by-buyers", "single-units-by-consumers.count"};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(mishi("single-plot.log", (const char *const[]){
            "summarize", "single.sqlite", "--plot", "units", "--by", by[i], NULL}), 0);
        char file[128];
        snprintf(file, sizeof file, "%s.gp", gp_name[i]);
        char *gp = read_written(dir, file);
        assert_contains(gp, "(one run a point: no interval)");
        assert_contains(gp, i == 0 ? "with points pt 7 ps 1.3 lc 1 title '300'"
                                   : "with linespoints lw 2 pt 7 lc 1 title 'loyal'");
        assert_null(strstr(gp, "yerrorbars"));
        assert_null(strstr(gp, "filledcurves"));
        free(gp);
        if (!gnuplot_installed()) continue;
        snprintf(file, sizeof file, "%s.png", gp_name[i]);
        assert_true(file_size(path_in(dir, file)) > 1000);
    }
}

/* Two factors whose paths end alike (consumers.count, firms.local.count)
 * are named by as much of their paths as tells them apart, in legends and
 * in plot file names: "count_300" and "count_20" could have been either,
 * and two plots held at one value of each had one file name. */
static void like_named_factors_are_told_apart(void **state) {
    (void)state;
    write_file("experiments/counts.yaml",
               "scenario: " SCENARIO_DIR "/train-station.yaml\n"
               "set: {weeks: 4}\nseed: 3\nreplicates: 2\n"
               "vary:\n  consumers.count: [300, 600]\n  firms.local.count: [30, 300]\n"
               "measures:\n  units: {column: market.units, summary: mean}\n"
               "series: [market.units]\n"
               "plots:\n"
               "  - {series: market.units, when: {consumers.count: 300}}\n"
               "  - {series: market.units, when: {firms.local.count: 300}}\n");
    assert_int_equal(experiment("counts.log", "counts"), 0);
    char *held = read_written(dir, "out/counts/market.units-by-week-at-consumers.count_300.gp");
    char *other = read_written(dir, "out/counts/market.units-by-week-at-local.count_300.gp");
    assert_contains(held, "  set key title 'local.count'\n");
    assert_contains(other, "  set key title 'consumers.count'\n");
    free(held), free(other);
    /* one run a point: weekly curves without bands, which would be all
     * undefined (gnuplot warned of each), and a title that says so */
    assert_int_equal(mishi("counts-one.log", (const char *const[]){
        "experiment", "counts", "--quiet", "--replicates", "1", "--out",
        "counts-one", NULL}), 0);
    char *one = read_written(dir, "counts-one/market.units-by-week-at-consumers.count_300.gp");
    assert_contains(one, "(one run a point: no interval)");
    assert_contains(one, "plot $p1 using \"week\":\"mean\" with lines");
    assert_null(strstr(one, "filledcurves"));
    free(one);
    char *said = read_written(dir, "counts-one.log");
    assert_null(strstr(said, "warning"));
    free(said);
}

/* The plot: the levels on x, each tic its level, and the point drawn at
 * a tic is that level's mean. */
static void the_plot_names_levels(void **state) {
    (void)state;
    char *gp = read_written(dir, "out/named/units-by-buyers.gp");
    assert_contains(gp, "  set xtics ('loyal' 0, 'transient' 1)\n");
    assert_contains(gp, "  set xlabel 'buyers'\n");
    /* points with their intervals, not joined (levels have no order),
     * each curve a little to one side of the tic so that none hides
     * another */
    assert_contains(gp, "$c1 using (column(\"x\") -0.1):\"mean\":\"low\":\"high\" "
                        "with yerrorbars pt 7 ps 1.3 lw 1.5 lc 1 title '500'");
    assert_contains(gp, "$c2 using (column(\"x\") +0.1):\"mean\"");
    assert_null(strstr(gp, "linespoints"));
    /* units are never negative: the margin below them stops at 0 */
    assert_contains(gp, "  set yrange [0<*:*]\n");
    assert_contains(gp, "  set key title 'count'\n");
    assert_null(strstr(gp, "no value")); /* every level has its values */
    sqlite3 *db = open_named();
    for (int level = 0; level < 2; level++) {
        char head[32], sql[200];
        snprintf(head, sizeof head, "\n%d ", level);
        const char *row = strstr(strstr(gp, "$c1 << EOD"), head);
        assert_non_null(row);
        double mean = strtod(row + strlen(head), NULL), expected;
        snprintf(sql, sizeof sql, "SELECT avg(units) FROM runs_results WHERE "
                 "\"buyers.level\" = '%s' AND \"consumers.count\" = 500",
                 level ? "transient" : "loyal");
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        expected = sqlite3_column_double(q, 0);
        sqlite3_finalize(q);
        assert_true(fabs(mean - expected) <= 1e-5 * fabs(expected));
    }
    sqlite3_close(db);
    free(gp);
}

/* Run again: nothing to run. A level that sets another value is another
 * sweep, refused with the level and both of its values. */
static void a_changed_level_is_another_sweep(void **state) {
    (void)state;
    assert_int_equal(experiment("again.log", "named"), 0);
    char text[sizeof named];
    snprintf(text, sizeof text, "%s", named);
    memcpy(strstr(text, "share: 0.5}"), "share: 0.6}", 11);
    write_file("experiments/named.yaml", text);
    assert_int_equal(experiment("changed.log", "named"), 1);
    char *changed_log = read_written(dir, "changed.log");
    assert_contains(changed_log, "holds another sweep: vary buyers, level "
                    "transient: [\"consumers.transient_share=0.5\"] in the "
                    "database, [\"consumers.transient_share=0.6\"] now");
    free(changed_log);
    write_file("experiments/named.yaml", named);
}

int main(void) {
    const struct CMUnitTest loader[] = {
        cmocka_unit_test(levels_are_indices_with_names),
        cmocka_unit_test(values_are_shown_by_name),
        cmocka_unit_test(a_run_is_the_base_and_its_level),
        cmocka_unit_test(the_command_expands_the_level),
        cmocka_unit_test(the_definition_holds_the_levels),
        cmocka_unit_test(claims_name_levels),
        cmocka_unit_test(several_variants_factors),
        cmocka_unit_test(the_key_is_listed),
    };
    const struct CMUnitTest runs[] = {
        cmocka_unit_test(levels_run_the_numbers_runs),
        cmocka_unit_test(claims_agree_and_name_levels),
        cmocka_unit_test(the_summary_names_levels),
        cmocka_unit_test(the_database_names_levels),
        cmocka_unit_test(the_plot_names_levels),
        cmocka_unit_test(a_curve_without_values_is_named),
        cmocka_unit_test(a_level_without_values_is_marked),
        cmocka_unit_test(plots_of_two_sweeps_keep_apart),
        cmocka_unit_test(a_lone_curve_stands_on_its_tic),
        cmocka_unit_test(one_run_a_point_is_drawn),
        cmocka_unit_test(failed_runs_are_counted),
        cmocka_unit_test(like_named_factors_are_told_apart),
        cmocka_unit_test(a_changed_level_is_another_sweep),
    };
    int failed = cmocka_run_group_tests_name("loader", loader, NULL, NULL);
    return failed + cmocka_run_group_tests_name("runs", runs, setup_runs,
                                                teardown_runs);
}
