/*
 * test_sweep_file.c — sweep files: loaded, checked and expanded into runs
 * (src/sweep/sweep_*.c).
 *
 * A researcher trusts a sweep for three things, tested here: it runs the
 * points the file describes, in the order it lists them, with the values
 * written (a range's 0.15 is the 0.15 a person types); every run can be
 * repeated alone, from its seed and its command, with the same numbers;
 * and a mistake in the file is refused before any run, naming its file,
 * line, column and key. tests/bad-sweeps/ holds one broken sweep per
 * mistake, each starting with "# expect: TEXT" lines that must all appear
 * in the message.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mishi_sweep.h"
#include "support.h"
#include "support_corpus.h"

#ifndef MISHI_SOURCE_DIR
#error "CMake defines MISHI_SOURCE_DIR, the root of the source tree"
#endif

#define BAD_DIR MISHI_SOURCE_DIR "/tests/bad-sweeps"
#define SCENARIO_DIR MISHI_SOURCE_DIR "/scenarios"

/* The head of most sweeps here: a small market, measured once. */
#define BASE                                                                   \
    "scenario: train-station.yaml\n"                                           \
    "set: {consumers.count: 2000, weeks: 20}\n"                                \
    "measures: {q: {column: market.mean_quality}}\n"

/* ---------------------------------------------------------------- helpers */

/* What a test owns; the teardown frees it, because a failing cmocka
 * assertion longjmps past any free() that would follow. */
typedef struct fixture {
    mishi_sweep *sweep, *other;
    mishi_scenario *sc, *expected;
    char *text[4];
    uint64_t *seeds;
    char dir[64]; /* a folder of the test's own, when it needs one */
} fixture;

static int setup(void **state) {
    *state = calloc(1, sizeof(fixture));
    return *state ? 0 : -1;
}

static void remove_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.') unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static int teardown(void **state) {
    fixture *f = *state;
    mishi_sweep_free(f->sweep);
    mishi_sweep_free(f->other);
    mishi_scenario_free(f->sc);
    mishi_scenario_free(f->expected);
    for (size_t i = 0; i < sizeof f->text / sizeof *f->text; i++) free(f->text[i]);
    free(f->seeds);
    if (f->dir[0]) remove_dir(f->dir);
    free(f);
    return 0;
}

/* `yaml` as "sweep.yaml" in `dir`, or fail the test. */
static mishi_sweep *load_in(const char *yaml, const char *dir) {
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    if (mishi_sweep_load_string(yaml, "sweep.yaml", dir, &s, &err))
        fail_msg("%s\n---\n%s", err.message, yaml);
    return s;
}

static mishi_sweep *load(const char *yaml) { return load_in(yaml, SCENARIO_DIR); }

static void assert_contains(const char *text, const char *needle) {
    if (!strstr(text, needle)) fail_msg("expected \"%s\" in:\n%s", needle, text);
}

/* `yaml` must be refused with each of `needles` in the message. */
static void expect_error(const char *yaml, const char *const *needles) {
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    mishi_status rc = mishi_sweep_load_string(yaml, "sweep.yaml", SCENARIO_DIR,
                                              &s, &err);
    mishi_sweep_free(s);
    if (rc == MISHI_OK) fail_msg("loaded, but should not have:\n%s", yaml);
    assert_null(s);
    for (; *needles; needles++) assert_contains(err.message, *needles);
}

/* The JSON echo of a scenario, or of a sweep, in a string to free(). */
static char *scenario_json(const mishi_scenario *sc) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    mishi_status rc = mishi_scenario_write_json(sc, f);
    fclose(f);
    assert_int_equal(rc, MISHI_OK);
    return text;
}

static char *sweep_json(const mishi_sweep *s) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    mishi_status rc = mishi_sweep_write_json(s, f);
    fclose(f);
    assert_int_equal(rc, MISHI_OK);
    return text;
}

static mishi_sweep_info describe(const mishi_sweep *s) {
    mishi_sweep_info info;
    mishi_sweep_describe(s, &info);
    return info;
}

/* --------------------------------------------------------------- grids */

/* The Cartesian product in file order, the first factor slowest. */
static void grid_points_in_file_order(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "vary:\n"
                         "  consumers.transient_share: [0.1, 0.2, 0.3]\n"
                         "  firms.local.price: [2, 1]\n");
    mishi_sweep_info info = describe(f->sweep);
    assert_int_equal(info.points, 6);
    assert_int_equal(info.factors, 2);
    assert_int_equal(info.design, MISHI_DESIGN_GRID);
    assert_int_equal(info.samples, 0);
    assert_int_equal(info.levels, 0);
    assert_int_equal(info.replicates, 1);
    assert_int_equal(info.seed, 1);
    assert_int_equal(info.weeks, 20);
    static const double share[] = {0.1, 0.1, 0.2, 0.2, 0.3, 0.3};
    static const double price[] = {2, 1, 2, 1, 2, 1};
    for (size_t p = 0; p < 6; p++) {
        assert_true(mishi_sweep_value(f->sweep, p, 0) == share[p]);
        assert_true(mishi_sweep_value(f->sweep, p, 1) == price[p]);
    }
    assert_true(isnan(mishi_sweep_value(f->sweep, 6, 0)));
    assert_true(isnan(mishi_sweep_value(f->sweep, 0, 2)));
    const mishi_factor_info *price_factor = mishi_sweep_factor(f->sweep, 1);
    assert_string_equal(price_factor->path, "firms.local.price");
    assert_true(price_factor->low == 1 && price_factor->high == 2);
    assert_false(price_factor->whole);
    assert_null(mishi_sweep_factor(f->sweep, 2));
}

/* No vary at all: one point, the base scenario, replicated. */
static void no_vary_is_one_point(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "replicates: 3\n");
    mishi_sweep_info info = describe(f->sweep);
    assert_int_equal(info.points, 1);
    assert_int_equal(info.factors, 0);
    assert_int_equal(info.replicates, 3);
    assert_string_equal(info.name, "sweep"); /* from "sweep.yaml" */
    assert_string_equal(info.source, "sweep.yaml");
    assert_string_equal(info.scenario, SCENARIO_DIR "/train-station.yaml");
}

/* A range is the list a person would write: 0.05..0.3 by 0.05 is six
 * values, each the double of its decimal, whatever (0.3 - 0.05) / 0.05
 * rounds to. */
static void ranges_are_the_values_written(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "vary:\n"
                         "  firms.local.loyalty_threshold: {from: 0.05, to: 0.3, step: 0.05}\n"
                         "  consumers.transient_share: {from: 0.1, to: 1, step: 0.1}\n"
                         "  firms.local.price: {from: 0, to: 0.25, step: 0.1}\n");
    static const char *const threshold[] = {"0.05", "0.1", "0.15", "0.2", "0.25", "0.3"};
    static const char *const share[] = {"0.1", "0.2", "0.3", "0.4", "0.5",
                                        "0.6", "0.7", "0.8", "0.9", "1"};
    assert_int_equal(describe(f->sweep).points, 6 * 10 * 3);
    for (size_t i = 0; i < 6; i++) /* factor 0 moves every 30 points */
        assert_true(mishi_sweep_value(f->sweep, i * 30, 0) == strtod(threshold[i], NULL));
    for (size_t i = 0; i < 10; i++)
        assert_true(mishi_sweep_value(f->sweep, i * 3, 1) == strtod(share[i], NULL));
    /* `to` is a limit, not a value: 0, 0.1, 0.2 */
    assert_true(mishi_sweep_value(f->sweep, 2, 2) == 0.2);
    assert_true(mishi_sweep_factor(f->sweep, 2)->high == 0.2);
    /* far from zero, `to` minus `from` rounds to less than two steps
     * (0.0199999...): the values are counted on the decimal grid */
    f->other = load(BASE "vary:\n  firms.local.cash: {from: 150000, to: 150000.02, step: 0.01}\n");
    assert_int_equal(describe(f->other).points, 3);
    assert_true(mishi_sweep_value(f->other, 2, 0) == 150000.02);
}

/* A number with an exponent past any double's is what strtod reads, 0
 * here: counting its decimals overflowed a long (UBSan). */
static void a_vast_exponent_is_read_as_written(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "vary:\n  firms.local.price: {from: 1e-99999999999999999999, "
                         "to: 0.25, step: 0.1}\n");
    assert_int_equal(describe(f->sweep).points, 3);
    assert_true(mishi_sweep_value(f->sweep, 0, 0) == 0);
    assert_true(mishi_sweep_value(f->sweep, 2, 0) == 0.2);
}

/* Whole parameters: a grid's values are whole as written; another
 * design's are rounded, and stay within the bounds. */
static void whole_parameters_round(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "vary:\n"
                         "  firms.local.review_weeks: {from: 4, to: 13, step: 3}\n");
    for (size_t p = 0; p < 4; p++)
        assert_true(mishi_sweep_value(f->sweep, p, 0) == 4 + 3.0 * (double)p);
    assert_true(mishi_sweep_factor(f->sweep, 0)->whole);
    f->other = load(BASE "design: latin-hypercube\npoints: 50\nvary:\n"
                         "  firms.local.count: {min: 10, max: 20}\n"
                         "  consumers.transient_share: {min: 0.1, max: 0.2}\n");
    assert_true(mishi_sweep_factor(f->other, 0)->whole);
    assert_false(mishi_sweep_factor(f->other, 1)->whole);
    int fractional = 0;
    for (size_t p = 0; p < 50; p++) {
        double count = mishi_sweep_value(f->other, p, 0);
        double share = mishi_sweep_value(f->other, p, 1);
        assert_true(count == round(count) && count >= 10 && count <= 20);
        assert_true(share >= 0.1 && share <= 0.2);
        fractional += share != round(share * 100) / 100;
    }
    assert_true(fractional > 40); /* reals are not rounded */
}

/* The other designs make the number of points their layouts promise. */
static void other_designs_sizes(void **state) {
    static const struct {
        const char *design;
        size_t points;
        int levels;
    } cases[] = {{"design: sobol\npoints: 8\n", 8, 0},
                 {"design: latin-hypercube\npoints: 5\n", 5, 0},
                 {"design: morris\npoints: 3\n", 3 * (2 + 1), 4},
                 {"design: morris\npoints: 3\nlevels: 6\n", 3 * (2 + 1), 6},
                 {"design: saltelli\npoints: 4\n", 4 * (2 + 2), 0}};
    fixture *f = *state;
    char yaml[512];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(yaml, sizeof yaml, BASE "%svary:\n"
                 "  consumers.transient_share: {min: 0.1, max: 0.5}\n"
                 "  firms.local.price: {min: 1, max: 2}\n", cases[i].design);
        mishi_sweep_free(f->sweep);
        f->sweep = load(yaml);
        mishi_sweep_info info = describe(f->sweep);
        assert_int_equal(info.points, cases[i].points);
        assert_int_equal(info.levels, cases[i].levels);
        for (size_t p = 0; p < info.points; p++) {
            double v = mishi_sweep_value(f->sweep, p, 0);
            assert_true(v >= 0.1 && v <= 0.5);
        }
    }
}

/* A value that needs another still makes a point whatever their order:
 * the minimum 0.85, which the scenario's maximum of 0.8 would refuse on
 * its own, comes first in the file, and the run's command line keeps the
 * file's order (`mishi run` takes its --sets as one change). The same
 * pair in `set:` makes the base scenario; a pair that is wrong together
 * is refused at `set:`. */
static void values_that_need_an_order(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "vary:\n"
                         "  firms.local.design_quality_min: [0.85]\n"
                         "  firms.local.design_quality_max: [0.9]\n");
    f->text[0] = mishi_sweep_command(f->sweep, 0, 0);
    assert_non_null(f->text[0]);
    char *max = strstr(f->text[0], "design_quality_max=0.9");
    char *min = strstr(f->text[0], "design_quality_min=0.85");
    assert_true(max && min && min < max);
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_scenario(f->sweep, 0, 0, &f->sc, &err), MISHI_OK);
    mishi_sweep_free(f->sweep);
    f->sweep = load("scenario: train-station.yaml\n"
                    "measures: {q: {column: market.mean_quality}}\n"
                    "set:\n"
                    "  consumers.count: 2000\n"
                    "  firms.local.design_quality_min: 0.85\n"
                    "  firms.local.design_quality_max: 0.9\n"
                    "vary:\n"
                    "  firms.local.price: [1, 2]\n");
    assert_int_equal(describe(f->sweep).points, 2);
}
/* --------------------------------------------------------------- seeds */

static int by_value(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* 100 points x 100 replicates: 10,000 seeds, all distinct, below 2^63,
 * the same at every load, and another set for another sweep seed. */
static void seeds_distinct_and_stable(void **state) {
    fixture *f = *state;
    const char *yaml = BASE "replicates: 100\nvary:\n"
                            "  consumers.transient_share: {from: 0, to: 0.99, step: 0.01}\n";
    f->sweep = load(yaml);
    f->other = load(yaml);
    assert_int_equal(describe(f->sweep).points, 100);
    uint64_t *seeds = f->seeds = malloc(10000 * sizeof *seeds);
    assert_non_null(seeds);
    for (size_t p = 0; p < 100; p++)
        for (int r = 0; r < 100; r++) {
            uint64_t s = mishi_sweep_run_seed(f->sweep, p, r);
            assert_true(s < (UINT64_C(1) << 63));
            assert_true(s == mishi_sweep_run_seed(f->other, p, r));
            seeds[p * 100 + (size_t)r] = s;
        }
    qsort(seeds, 10000, sizeof *seeds, by_value);
    for (size_t i = 1; i < 10000; i++) assert_true(seeds[i] != seeds[i - 1]);
    /* a known answer, so that a change to the derivation is noticed */
    assert_true(mishi_sweep_run_seed(f->sweep, 0, 0) == UINT64_C(3442137247551688389));
    mishi_sweep_free(f->other);
    f->other = load(BASE "seed: 2\n");
    assert_true(mishi_sweep_run_seed(f->other, 0, 0) != mishi_sweep_run_seed(f->sweep, 0, 0));
}

/* ---------------------------------------------------- runs and commands */

static void set_ok(mishi_scenario *sc, const char *assignment) {
    mishi_error err = {0};
    if (mishi_scenario_set(sc, assignment, &err))
        fail_msg("--set %s: %s", assignment, err.message);
}

/* A run's scenario is the scenario file, then `set:`, then the point's
 * values, then the run's seed: exactly what --set makes of them. */
static void run_scenario_is_base_plus_sets(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "seed: 9\nreplicates: 2\nvary:\n"
                         "  consumers.transient_share: [0.1, 0.4]\n"
                         "  firms.local.count: [10, 20]\n");
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_scenario(f->sweep, 2, 1, &f->sc, &err), MISHI_OK);
    assert_int_equal(mishi_scenario_load(SCENARIO_DIR "/train-station.yaml",
                                         &f->expected, &err), MISHI_OK);
    static const char *const sets[] = {"consumers.count=2000", "weeks=20",
                                       "consumers.transient_share=0.4",
                                       "firms.local.count=10"};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) set_ok(f->expected, sets[i]);
    char seed[40];
    snprintf(seed, sizeof seed, "seed=%llu",
             (unsigned long long)mishi_sweep_run_seed(f->sweep, 2, 1));
    set_ok(f->expected, seed);
    f->text[0] = scenario_json(f->sc);
    f->text[1] = scenario_json(f->expected);
    assert_string_equal(f->text[0], f->text[1]);
    /* past the end: refused, and nothing handed out */
    mishi_scenario_free(f->sc);
    assert_int_equal(mishi_sweep_scenario(f->sweep, 4, 0, &f->sc, &err), MISHI_EARG);
    assert_null(f->sc);
    assert_null(mishi_sweep_command(f->sweep, 0, 2));
}

/* The scenario file's folder as given, quoted for the shell because of
 * its space; `set:` first, then the point's values, then the seed. */
static void command_line(void **state) {
    fixture *f = *state;
    snprintf(f->dir, sizeof f->dir, "/tmp/mishi sweep XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char path[128];
    snprintf(path, sizeof path, "%s/it's.yaml", f->dir);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs("weeks: 30\n", file);
    fclose(file);
    f->sweep = load_in("scenario: it's.yaml\nset: {consumers.count: 500}\n"
                       "measures: {q: {column: market.units}}\nvary:\n"
                       "  consumers.transient_share: [0.1, 0.30000000000000004]\n",
                       f->dir);
    f->text[0] = mishi_sweep_command(f->sweep, 1, 0);
    char expected[512];
    snprintf(expected, sizeof expected,
             "mishi run '%s/it'\\''s.yaml' --set consumers.count=500 --set "
             "consumers.transient_share=0.30000000000000004 --seed %llu",
             f->dir, (unsigned long long)mishi_sweep_run_seed(f->sweep, 1, 0));
    assert_string_equal(f->text[0], expected);
    /* 17 digits, because 0.3 is another double: 0.1 + 0.2 */
    assert_true(mishi_sweep_value(f->sweep, 1, 0) == 0.1 + 0.2);
}

/* Following the command's --set words on the scenario file gives the
 * run's scenario (the CLI applies --seed first, and no --set holds one). */
static void command_repeats_the_run(void **state) {
    fixture *f = *state;
    f->sweep = load(BASE "design: sobol\npoints: 4\nvary:\n"
                         "  consumers.transient_share: {min: 0.1, max: 0.5}\n"
                         "  firms.local.count: {min: 5, max: 50}\n");
    mishi_error err = {0};
    assert_int_equal(mishi_sweep_scenario(f->sweep, 3, 0, &f->sc, &err), MISHI_OK);
    f->text[0] = mishi_sweep_command(f->sweep, 3, 0);
    assert_int_equal(mishi_scenario_load(describe(f->sweep).scenario, &f->expected, &err),
                     MISHI_OK);
    char *words = f->text[0], *save = NULL;
    for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (strcmp(w, "--set") == 0) set_ok(f->expected, strtok_r(NULL, " ", &save));
        if (strcmp(w, "--seed") == 0) {
            char seed[40];
            snprintf(seed, sizeof seed, "seed=%s", strtok_r(NULL, " ", &save));
            set_ok(f->expected, seed);
        }
    }
    f->text[1] = scenario_json(f->sc);
    f->text[2] = scenario_json(f->expected);
    assert_string_equal(f->text[1], f->text[2]);
}

/* ----------------------------------------------------------------- JSON */

/* The full sweep the JSON tests vary one key of at a time. */
static const char json_sweep[] =
    "name: base\n"
    "scenario: train-station.yaml\n"
    "set: {consumers.count: 2000, weeks: 20}\n"
    "seed: 5\n"
    "replicates: 2\n"
    "vary:\n"
    "  consumers.transient_share: [0.1, 0.5]\n"
    "measures:\n"
    "  q: {column: market.mean_quality, summary: mean, weeks: [5, 20]}\n"
    "  p: {column: firms.profit, firms: mean, summary: first_week_above, value: 3}\n"
    "series: [market.units, {column: firms.units, firms: max}]\n";

/* json_sweep with `from` replaced by `to`, which must occur in it. */
static char *variant(const char *from, const char *to) {
    const char *at = strstr(json_sweep, from);
    if (!at) fail_msg("'%s' is not in the test sweep", from);
    size_t n = strlen(json_sweep) + strlen(to) + 1;
    char *text = malloc(n);
    snprintf(text, n, "%.*s%s%s", (int)(at - json_sweep), json_sweep, to,
             at + strlen(from));
    return text;
}

static void json_is_canonical(void **state) {
    fixture *f = *state;
    f->sweep = load(json_sweep);
    f->text[0] = sweep_json(f->sweep);
    /* the same sweep written otherwise: block style, keys reordered */
    f->other = load("measures:\n"
                    "  q:\n    column: market.mean_quality\n    weeks: [5, 20]\n"
                    "    summary: mean\n"
                    "  p: {column: firms.profit, summary: first_week_above, "
                    "value: 3.0, firms: mean}\n"
                    "series:\n  - market.units\n  - {firms: max, column: firms.units}\n"
                    "vary: {consumers.transient_share: [0.10, 5e-1]}\n"
                    "replicates: 2\nseed: 5\nname: base\ndesign: grid\n"
                    "set:\n  consumers.count: 2000\n  weeks: 20\n"
                    "scenario: train-station.yaml\n");
    f->text[1] = sweep_json(f->other);
    assert_string_equal(f->text[0], f->text[1]);
    assert_contains(f->text[0], "{\"name\": \"base\", \"design\": \"grid\", "
                                "\"samples\": 0, \"levels\": 0, \"seed\": 5, "
                                "\"replicates\": 2, \"scenario_digest\": \"");
    assert_contains(f->text[0], "\"set\": [\"consumers.count=2000\", \"weeks=20\"], "
                                "\"vary\": [{\"path\": \"consumers.transient_share\", "
                                "\"whole\": false, \"values\": [0.1, 0.5]}], ");
    assert_contains(f->text[0], "{\"name\": \"p\", \"column\": \"firms.profit\", "
                                "\"firms\": \"mean\", \"summary\": \"first_week_above\", "
                                "\"from\": 1, \"to\": 20, \"value\": 3}");
    assert_contains(f->text[0], "\"series\": [{\"column\": \"market.units\", \"firms\": "
                                "null}, {\"column\": \"firms.units\", \"firms\": \"max\"}], "
                                "\"weeks\": 20}");
    assert_int_equal(strlen(mishi_sweep_scenario_digest(f->sweep)), 16);
}

/* Any key changed changes the object. */
static void json_changes_with_every_key(void **state) {
    static const char *const changes[][2] = {
        {"name: base", "name: other"},
        {"seed: 5", "seed: 6"},
        {"replicates: 2", "replicates: 3"},
        {"consumers.count: 2000", "consumers.count: 2001"},
        {"weeks: 20}", "weeks: 21}"},
        {"[0.1, 0.5]", "[0.1, 0.6]"},
        {"[0.1, 0.5]", "[0.5, 0.1]"},
        {"[0.1, 0.5]", "{from: 0.1, to: 0.5, step: 0.2}"},
        {"consumers.transient_share", "consumers.aspiration"},
        {"market.mean_quality", "market.repeat_rate"},
        {"summary: mean", "summary: max"},
        {"weeks: [5, 20]", "weeks: [6, 20]"},
        {"firms: mean", "firms: sum"},
        {"value: 3", "value: 4"},
        {"  q:", "  r:"},
        {"[market.units,", "[market.hhi,"},
        {"firms: max", "firms: min"},
        {"train-station.yaml", "loyal-market.yaml"},
        {"vary:\n  consumers.transient_share: [0.1, 0.5]\n",
         "design: sobol\npoints: 4\nvary:\n  consumers.transient_share: {min: 0.1, max: 0.5}\n"},
    };
    fixture *f = *state;
    f->sweep = load(json_sweep);
    f->text[0] = sweep_json(f->sweep);
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        free(f->text[1]), free(f->text[2]);
        f->text[1] = variant(changes[i][0], changes[i][1]);
        mishi_sweep_free(f->other);
        f->other = load(f->text[1]);
        f->text[2] = sweep_json(f->other);
        if (strcmp(f->text[0], f->text[2]) == 0)
            fail_msg("changing '%s' to '%s' left the JSON as it was", changes[i][0],
                     changes[i][1]);
    }
}

/* The digest follows the scenario's contents, except its seed, which
 * every run replaces. */
static void digest_follows_the_scenario(void **state) {
    static const char *const scenarios[] = {"seed: 1\nweeks: 30\n",
                                            "seed: 2\nweeks: 30\n",
                                            "seed: 1\nweeks: 31\n"};
    fixture *f = *state;
    snprintf(f->dir, sizeof f->dir, "/tmp/mishi-digest-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    for (int i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%d.yaml", f->dir, i);
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fputs(scenarios[i], file);
        fclose(file);
        char yaml[128];
        snprintf(yaml, sizeof yaml, "scenario: %d.yaml\nseries: [market.units]\n", i);
        mishi_sweep *s = load_in(yaml, f->dir);
        f->text[i] = strdup(mishi_sweep_scenario_digest(s));
        mishi_sweep_free(s);
    }
    assert_string_equal(f->text[0], f->text[1]);
    assert_string_not_equal(f->text[0], f->text[2]);
}

/* ------------------------------------------------------------ messages */

/* A few messages in full, with the place and the key a user needs. */
static void messages_name_the_place(void **state) {
    (void)state;
    expect_error("scenario: train-station.yaml\nseries: [market.units]\n"
                 "set: {consumers.cont: 5}\n",
                 (const char *const[]){"sweep.yaml:3:7: set.consumers.cont: "
                                       "unknown key 'consumers.cont'; did you "
                                       "mean 'consumers.count'?", NULL});
    expect_error(BASE "vary:\n  consumers.transient_share: [0.1,\n    2]\n",
                 (const char *const[]){"sweep.yaml:6:5: vary.consumers."
                                       "transient_share: expected a number "
                                       "from 0 to 1, got '2'", NULL});
    expect_error(BASE "series: [market.mean_qualty]\n",
                 (const char *const[]){"sweep.yaml:4:10: series[0]: no column "
                                       "'mean_qualty' in market.csv; did you "
                                       "mean 'mean_quality'? (columns: week, "
                                       "active_firms, units,", NULL});
    expect_error("scenario: train-station.yaml\nseries: [market.units]\n"
                 "set: {consumers.count: 2000, firms.local.price: abc}\n",
                 (const char *const[]){"sweep.yaml:3:49: set.firms.local.price: "
                                       "expected a number", "got 'abc'", NULL});
    /* each value right, but not together: at `set:`, with the pair */
    expect_error("scenario: train-station.yaml\nseries: [market.units]\n"
                 "set: {firms.local.design_quality_min: 0.9,\n"
                 "      firms.local.design_quality_max: 0.85}\n",
                 (const char *const[]){"sweep.yaml:3:6: set: "
                                       "firms.local.design_quality_min=0.9 "
                                       "firms.local.design_quality_max=0.85: "
                                       "firms[0].design_quality_min: 0.9 exceeds "
                                       "design_quality_max 0.85", NULL});
    expect_error(BASE "vary:\n  firms.nope.price: [1]\n",
                 (const char *const[]){"sweep.yaml:5:3: vary.firms.nope.price: "
                                       "no firm class is named 'nope'", NULL});
}

/* -------------------------------------------------------- the bad corpus */

/* Loading must fail with the expected text; returns the problems, so one
 * run reports every file that is off. */
static int check_bad_file(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", BAD_DIR, name);
    mishi_sweep *s = NULL;
    mishi_error err = {0};
    mishi_status rc = mishi_sweep_load(path, &s, &err);
    mishi_sweep_free(s);
    if (rc == MISHI_OK) {
        print_error("%s: loaded, but should have been refused\n", name);
        return 1;
    }
    return check_expectations(path, name, err.message);
}

static void bad_corpus(void **state) {
    (void)state;
    DIR *dir = opendir(BAD_DIR);
    if (!dir) fail_msg("cannot open %s", BAD_DIR);
    int files = 0, problems = 0;
    for (struct dirent *e; (e = readdir(dir));)
        if (is_yaml(e->d_name)) files++, problems += check_bad_file(e->d_name);
    closedir(dir);
    assert_true(files >= 20); /* a corpus that lost its files proves nothing */
    assert_int_equal(problems, 0);
}

/* ------------------------------------------------------- the worked sweep */

static void worked_example_loads(void **state) {
    fixture *f = *state;
    mishi_error err = {0};
    const char *path = MISHI_SOURCE_DIR "/sweeps/transient-threshold.yaml";
    if (mishi_sweep_load(path, &f->sweep, &err)) fail_msg("%s", err.message);
    mishi_sweep_info info = describe(f->sweep);
    assert_string_equal(info.name, "transient-threshold");
    assert_int_equal(info.points, 3 * 6);
    assert_int_equal(info.replicates, 5);
    assert_int_equal(info.weeks, 104);
    assert_int_equal(info.measures, 3);
    assert_int_equal(info.series, 1);
    const mishi_measure_info *profit = mishi_sweep_measure(f->sweep, 2);
    assert_string_equal(profit->name, "profit");
    assert_string_equal(profit->quantity.file, "firms.csv");
    assert_string_equal(profit->quantity.column, "profit");
    assert_int_equal(profit->quantity.over_firms, MISHI_OVER_FIRMS_SUM);
    assert_int_equal(profit->summary, MISHI_SUMMARY_MEAN);
    assert_int_equal(profit->from, 53);
    assert_int_equal(profit->to, 104);
    assert_true(isnan(profit->value));
    assert_string_equal(mishi_sweep_series(f->sweep, 0)->name, "market.mean_quality");
    assert_null(mishi_sweep_series(f->sweep, 1));
    assert_null(mishi_sweep_measure(f->sweep, 3));
}

/* More measures than a results table has columns for are refused at the
 * file, not when the sweep makes its database (SQLite: "too many
 * columns"); the most it takes loads. */
static void measures_fit_the_database(void **state) {
    (void)state;
    size_t size = 64 * 1024, used;
    char *yaml = malloc(size);
    assert_non_null(yaml);
    for (int count = 1000; count <= 1001; count++) {
        used = (size_t)snprintf(yaml, size, "scenario: train-station.yaml\n"
                                "measures:\n");
        for (int m = 0; m < count; m++)
            used += (size_t)snprintf(yaml + used, size - used,
                                     "  m%d: {column: market.units}\n", m);
        if (count == 1000) mishi_sweep_free(load(yaml));
        else expect_error(yaml, (const char *const[]){"sweep.yaml:3:3: measures:"
                          " 1001 measures; a sweep records at most 1000", NULL});
    }
    free(yaml);
}

/* ------------------------------------------------------ unread settings */

/* How many settings the sweep calls unread; the first in *first. */
static size_t unread_of(const mishi_sweep *s, const char **first) {
    size_t n = 0;
    while (mishi_sweep_unread(s, n)) n++;
    *first = mishi_sweep_unread(s, 0);
    return n;
}

/* A varied key that only a mechanism switched off at every point reads
 * is said, at its line; varied with what switches the mechanism on, it is
 * read at some points and is not. No posts in train-station. */
static void a_varied_key_no_point_reads_is_said(void **state) {
    fixture *f = *state;
    const char *first;
    f->sweep = load(BASE "vary:\n  social.decay: [0.1, 0.5]\n"
                         "  choice.beta: [2, 4]\n");
    assert_int_equal(unread_of(f->sweep, &first), 1);
    assert_string_equal(first, "sweep.yaml:5: vary.social.decay: social.decay is "
                               "read only by advocates (switched on by "
                               "firms[].service in-house, advocate_share > 0, "
                               "retention_budget > 0) and posts (switched on by "
                               "firms[].post_rate > 0), which the scenario "
                               "switches off at every point where the sweep "
                               "gives it; its values cannot change the runs");
    f->other = load(BASE "vary:\n  social.decay: [0.1, 0.5]\n"
                         "  firms.local.post_rate: [0, 0.1]\n");
    assert_int_equal(unread_of(f->other, &first), 0);
    assert_null(first);
}

/* `set:` and a variants level's assignments alike: unread wherever the
 * sweep gives them, said; read at a point where they are given, not. A
 * level's assignment is given at its level's points only: read at
 * another level's (patient's flash_patience at flash's), it is still
 * unread. */
static void a_set_or_level_no_point_reads_is_said(void **state) {
    fixture *f = *state;
    const char *first;
    f->sweep = load("scenario: train-station.yaml\n"
                    "set: {consumers.count: 2000, weeks: 20, resale.premium: 2}\n"
                    "measures: {q: {column: market.mean_quality}}\n"
                    "vary:\n  bets:\n    variants:\n      none: {}\n"
                    "      flash: {firms.local.flash_batch: 5,\n"
                    "              firms.local.flash_patience: 0.9}\n"
                    "      patient: {firms.local.flash_patience: 0.2}\n"
                    "      late: {firms.local.reservation_lapse: 0.5}\n");
    assert_int_equal(unread_of(f->sweep, &first), 3);
    assert_contains(first, "sweep.yaml:2: set.resale.premium: resale.premium is "
                           "read only by resale");
    assert_contains(mishi_sweep_unread(f->sweep, 1),
                    "sweep.yaml:10: vary.bets.variants.patient.firms.local."
                    "flash_patience: ");
    assert_contains(mishi_sweep_unread(f->sweep, 2),
                    "sweep.yaml:11: vary.bets.variants.late.firms.local."
                    "reservation_lapse: firms.local.reservation_lapse is read "
                    "only by pre-orders (switched on by firms[].preorder_weeks > "
                    "0), which the scenario switches off for firm class local at "
                    "every point where the sweep gives it; the value cannot "
                    "change the runs");
    f->other = load("scenario: train-station.yaml\n"
                    "set: {consumers.count: 2000, weeks: 20, resale.premium: 2}\n"
                    "measures: {q: {column: market.mean_quality}}\n"
                    "vary:\n  resale.owner_share: [0, 0.5]\n");
    assert_int_equal(unread_of(f->other, &first), 0);
}

int main(void) {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(grid_points_in_file_order),
        TEST(no_vary_is_one_point),
        TEST(ranges_are_the_values_written),
        TEST(a_vast_exponent_is_read_as_written),
        TEST(whole_parameters_round),
        TEST(other_designs_sizes),
        TEST(values_that_need_an_order),
        TEST(seeds_distinct_and_stable),
        TEST(run_scenario_is_base_plus_sets),
        TEST(command_line),
        TEST(command_repeats_the_run),
        TEST(json_is_canonical),
        TEST(json_changes_with_every_key),
        TEST(digest_follows_the_scenario),
        TEST(messages_name_the_place),
        cmocka_unit_test(bad_corpus),
        cmocka_unit_test(measures_fit_the_database),
        TEST(worked_example_loads),
        TEST(a_varied_key_no_point_reads_is_said),
        TEST(a_set_or_level_no_point_reads_is_said),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
