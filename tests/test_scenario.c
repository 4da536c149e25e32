/*
 * test_scenario.c — the scenario loader, --set and the schema table.
 *
 * A user meets the loader mostly through its error messages, so most of
 * these tests are about what a mistake reports: tests/bad/ holds one broken
 * scenario per mistake, each starting with "# expect: TEXT" lines that must
 * all appear in the message. The rest checks that good scenarios load and
 * echo as JSON, that --set edits exactly one value or nothing at all, and
 * that every row of the schema is documented and self-consistent.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h" /* ANCHOR_NAME_SHOWN */
#include "support.h"
#include "support_corpus.h"

#ifndef MISHI_SOURCE_DIR
#error "CMake defines MISHI_SOURCE_DIR, the root of the source tree"
#endif

#define BAD_DIR MISHI_SOURCE_DIR "/tests/bad"
#define SCENARIO_DIR MISHI_SOURCE_DIR "/scenarios"

/* ---------------------------------------------------------------- helpers */

/* What a test owns. The teardown frees it, because a failing cmocka
 * assertion longjmps out of the test past any free() that follows it. */
typedef struct fixture {
    mishi_scenario *sc;
    char *before, *after; /* JSON echoes to compare */
} fixture;

static int setup(void **state) {
    *state = calloc(1, sizeof(fixture));
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    fixture *f = *state;
    mishi_scenario_free(f->sc);
    free(f->before);
    free(f->after);
    free(f);
    return 0;
}

/* Load `path` into f->sc (freeing any earlier one), or fail the test. */
static void load(fixture *f, const char *path) {
    mishi_error err = {0};
    mishi_scenario_free(f->sc);
    f->sc = NULL;
    mishi_status rc = mishi_scenario_load(path, &f->sc, &err);
    if (rc) fail_msg("%s: %s", path, err.message);
}

static void load_default(fixture *f) {
    mishi_error err = {0};
    mishi_scenario_free(f->sc);
    f->sc = NULL;
    assert_int_equal(mishi_scenario_default(&f->sc, &err), MISHI_OK);
}

/* The JSON echo of `sc` into *slot (freeing what was there). */
static void echo(const mishi_scenario *sc, char **slot) {
    size_t size = 0;
    free(*slot);
    *slot = NULL;
    FILE *f = open_memstream(slot, &size);
    assert_non_null(f);
    mishi_status rc = mishi_scenario_write_json(sc, f);
    fclose(f); /* before asserting: the stream owns *slot until closed */
    assert_int_equal(rc, MISHI_OK);
}

/* Brackets nest and balance outside strings, and the text is one object:
 * "valid enough" JSON without pulling in a parser. */
static int json_balanced(const char *s) {
    char open[16];
    int depth = 0, in_string = 0, done = 0;
    if (*s != '{') return 0;
    for (; *s; s++) {
        if (done) return 0; /* text after the closing brace */
        if (in_string) {
            if (*s == '\\' && s[1]) s++;
            else if (*s == '"') in_string = 0;
        } else if (*s == '"') {
            in_string = 1;
        } else if (*s == '{' || *s == '[') {
            if (depth == (int)sizeof open) return 0;
            open[depth++] = *s == '{' ? '}' : ']';
        } else if (*s == '}' || *s == ']') {
            if (depth == 0 || open[--depth] != *s) return 0;
            done = depth == 0;
        }
    }
    return done && !in_string;
}

static void assert_contains(const char *text, const char *needle) {
    if (!strstr(text, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, text);
}

/* ------------------------------------------------------ the bad corpus */

typedef struct names {
    char **items;
    size_t count;
} names;

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .yaml files of tests/bad, sorted so that failures come in a stable
 * order. */
static names bad_files(void) {
    names n = {NULL, 0};
    DIR *dir = opendir(BAD_DIR);
    if (!dir) fail_msg("cannot open %s", BAD_DIR);
    for (struct dirent *e; (e = readdir(dir));) {
        if (!is_yaml(e->d_name)) continue;
        char **grown = realloc(n.items, (n.count + 1) * sizeof *grown);
        if (!grown) break;
        n.items = grown;
        if ((n.items[n.count] = strdup(e->d_name))) n.count++;
    }
    closedir(dir);
    if (n.count) qsort(n.items, n.count, sizeof *n.items, by_name);
    return n;
}

static void free_names(names *n) {
    for (size_t i = 0; i < n->count; i++) free(n->items[i]);
    free(n->items);
}

/* Loading a corpus file must fail as an invalid scenario, with a message
 * that starts with the path (so it names the file) and says what is
 * expected. Returns the number of problems rather than asserting, so that
 * one run reports every file that is off. */
static int check_bad_file(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", BAD_DIR, name);
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    mishi_status rc = mishi_scenario_load(path, &sc, &err);
    mishi_scenario_free(sc);
    if (rc != MISHI_ESCENARIO) {
        print_error("%s: got %s, wanted MISHI_ESCENARIO%s%s\n", name,
                    mishi_status_name(rc), rc ? ": " : "", rc ? err.message : "");
        return 1;
    }
    if (strncmp(err.message, path, strlen(path)) != 0) {
        print_error("%s: message does not start with the path:\n    %s\n", name,
                    err.message);
        return 1;
    }
    return check_expectations(path, name, err.message);
}

static void bad_corpus(void **state) {
    (void)state;
    names n = bad_files();
    int problems = 0;
    for (size_t i = 0; i < n.count; i++) problems += check_bad_file(n.items[i]);
    size_t count = n.count;
    free_names(&n);
    /* a corpus that lost its files would pass while proving nothing */
    assert_true(count >= 15);
    assert_int_equal(problems, 0);
}

/* ------------------------------------------------------ good scenarios */

typedef struct good_case {
    const char *file, *name;
    const char *share, *strategy; /* what sets the two scenarios apart */
} good_case;

static const good_case good_cases[] = {
    {"train-station.yaml", "train-station", "\"transient_share\": 0.5,",
     "\"strategy\": \"train-station\","},
    {"loyal-market.yaml", "loyal-market", "\"transient_share\": 0.05,",
     "\"strategy\": \"fixed\","},
};

static void check_good(fixture *f, const good_case *c) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SCENARIO_DIR, c->file);
    load(f, path);
    assert_int_equal(mishi_scenario_seed(f->sc), 2014);
    assert_string_equal(mishi_scenario_name(f->sc), c->name);
    assert_string_equal(mishi_scenario_class_name(f->sc, 0), "local");
    assert_null(mishi_scenario_class_name(f->sc, 1));
    assert_null(mishi_scenario_class_name(f->sc, -1));
    echo(f->sc, &f->before);
    if (!json_balanced(f->before)) fail_msg("unbalanced JSON:\n%s", f->before);
    assert_contains(f->before, c->share);
    assert_contains(f->before, c->strategy);
    assert_contains(f->before, "\"entry\": {\"rate\": 0.2, \"class\": \"local\",");
    assert_contains(f->before, "\"count\": 300,");
}

/* The JSON echo is also a scenario (JSON is YAML): loading it back must
 * give the same echo, so the echo loses nothing the file said. */
static void check_reload(fixture *f) {
    mishi_error err = {0};
    mishi_scenario_free(f->sc);
    f->sc = NULL;
    mishi_status rc = mishi_scenario_load_string(f->before, "echo", &f->sc, &err);
    if (rc) fail_msg("reloading the echo: %s", err.message);
    echo(f->sc, &f->after);
    assert_string_equal(f->after, f->before);
}

static void good_scenarios(void **state) {
    for (size_t i = 0; i < sizeof good_cases / sizeof *good_cases; i++) {
        check_good(*state, &good_cases[i]);
        check_reload(*state);
    }
}

/* Only a class's name is written in a table (firms.csv's class column),
 * so only it must read as text in pandas and R: a region or a segment may
 * be named NA or TRUE, and a class so named is refused. */
static void names_read_as_text_where_written(void **state) {
    (void)state;
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    const char *fine = "name: r\nregions:\n  - {name: NA}\n  - {name: 'TRUE'}\n"
                       "segments:\n  - {name: T, share: 1}\n"
                       "firms:\n  - {name: local, count: 3, home_region: NA}\n";
    if (mishi_scenario_load_string(fine, "fine", &sc, &err))
        fail_msg("refused: %s", err.message);
    mishi_scenario_free(sc);
    sc = NULL;
    const char *refused = "name: r\nfirms:\n  - {name: 'TRUE', count: 3}\n";
    assert_int_equal(mishi_scenario_load_string(refused, "refused", &sc, &err),
                     MISHI_ESCENARIO);
    assert_contains(err.message, "'TRUE' reads as true or false in pandas or R");
    mishi_scenario_free(sc);
}

/* ------------------------------------------------------------ defaults */

/* `"key": value` as the echo writes a parameter's default, followed by
 * ',' or '}' so that "count": 100 cannot match "count": 100000. */
static void default_text(const mishi_param_info *p, char *out, size_t size) {
    const char *dot = strrchr(p->path, '.');
    const char *key = dot ? dot + 1 : p->path;
    int quoted = strcmp(p->type, "text") == 0 || strcmp(p->type, "strategy") == 0 ||
                 strcmp(p->type, "choice") == 0;
    if (quoted) snprintf(out, size, "\"%s\": \"%s\"", key, p->fallback);
    else snprintf(out, size, "\"%s\": %.15g", key, strtod(p->fallback, NULL));
}

static int has_default(const char *json, const mishi_param_info *p) {
    char text[160];
    default_text(p, text, sizeof text);
    size_t n = strlen(text);
    for (const char *s = strstr(json, text); s; s = strstr(s + 1, text))
        if (s[n] == ',' || s[n] == '}') return 1;
    return 0;
}

static void defaults(void **state) {
    fixture *f = *state;
    load_default(f);
    assert_int_equal(mishi_scenario_seed(f->sc), 1);
    assert_string_equal(mishi_scenario_name(f->sc), "unnamed");
    assert_string_equal(mishi_scenario_class_name(f->sc, 0), "firm");
    echo(f->sc, &f->before);
    /* a few in full, with the section they belong to */
    assert_contains(f->before, "\"consumers\": {\"count\": 100000, "
                               "\"transient_share\": 0.1,");
    assert_contains(f->before, "\"regions\": [{\"name\": \"all\", \"share\": 1, \"online_share\": 1}]");
    assert_contains(f->before, "\"firms\": [{\"name\": \"firm\", \"count\": 100, "
                               "\"strategy\": \"fixed\",");
    /* and every row of the schema by its key */
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        if (!has_default(f->before, p))
            fail_msg("default of %s (%s) not in:\n%s", p->path, p->fallback,
                     f->before);
    }
}

/* ------------------------------------------------------------------ --set */

static void set_ok(mishi_scenario *sc, const char *assignment) {
    mishi_error err = {0};
    mishi_status rc = mishi_scenario_set(sc, assignment, &err);
    if (rc) fail_msg("--set %s: %s", assignment, err.message);
}

/* Top-level keys, a class by name and by index, a region by name. */
static void set_applies(void **state) {
    fixture *f = *state;
    load(f, SCENARIO_DIR "/train-station.yaml");
    set_ok(f->sc, "consumers.count=5000");
    set_ok(f->sc, "firms.local.price=1.5");
    set_ok(f->sc, "firms.0.count=3");
    set_ok(f->sc, "regions.all.share=2");
    set_ok(f->sc, "seed=7");
    assert_int_equal(mishi_scenario_seed(f->sc), 7);
    echo(f->sc, &f->after);
    assert_contains(f->after, "\"consumers\": {\"count\": 5000,");
    assert_contains(f->after, "\"price\": 1.5,");
    assert_contains(f->after, "\"name\": \"local\", \"count\": 3,");
    assert_contains(f->after, "\"regions\": [{\"name\": \"all\", \"share\": 2, \"online_share\": 1}]");
}

/* A number too small for a double (1e-400) reads as the double strtod
 * rounds it to, 0 or a subnormal, where the range holds that value: from a
 * file and from --set alike (it was refused as out of range, the range
 * being 0 to 1). Where the range does not hold it, or the key takes whole
 * numbers, it is refused (set_errors). */
static void tiny_numbers_round(void **state) {
    fixture *f = *state;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_load_string("consumers:\n  transient_share: "
                                                "1e-400\n", "tiny.yaml", &f->sc,
                                                &err), MISHI_OK);
    echo(f->sc, &f->after);
    assert_contains(f->after, "\"transient_share\": 0,");
    set_ok(f->sc, "consumers.transient_share=2.5e-310"); /* a subnormal */
    echo(f->sc, &f->after);
    assert_contains(f->after, "\"transient_share\": 2.5"); /* 2.50000000000002e-310 */
    assert_contains(f->after, "e-310,");
    set_ok(f->sc, "consumers.transient_share=1e-400");
    echo(f->sc, &f->after);
    assert_contains(f->after, "\"transient_share\": 0,");
}

typedef struct set_error {
    const char *assignment;
    const char *needles[3]; /* each must be in the message; NULL ends */
} set_error;

static const set_error set_errors[] = {
    {"consumers.cout=5", {"did you mean", "'consumers.count'"}},
    {"consumers.transient_share=2",
     {"consumers.transient_share", "expected a number from 0 to 1", "got '2'"}},
    {"consumers.count", {"expected key.path=value"}},
    {"=5", {"expected key.path=value"}},
    {"firms.nope.price=1", {"no firm class is named 'nope'"}},
    {"firms.1.price=1", {"no firm class is named '1'", "from 0 to 0"}},
    {"firms.local=1", {"expected firms.NAME.key=value"}},
    {"firms.0.prise=1", {"unknown key 'prise'", "did you mean 'price'"}},
    {"seed=-1", {"expected a whole number from 0 to 18446744073709551615"}},
    {"weeks=52.5", {"expected a whole number from 1 to 65000"}},
    /* too small for a double: 0 is outside share's range; no whole number */
    {"regions.all.share=1e-400", {"expected a number from 1e-09 to 1e+09",
                                  "got '1e-400'"}},
    {"firms.0.count=1e-400", {"expected a whole number from 0 to 65000"}},
    {"consumers.transient_share=1e400", {"expected a number from 0 to 1"}},
    {"entry.class=nope", {"entry.class", "no firm class is named 'nope'"}},
};

/* A failed --set returns MISHI_ESCENARIO, says why, names the assignment
 * first (as a file's messages name the file) and changes nothing. */
static void check_set_error(fixture *f, const set_error *c) {
    mishi_error err = {0};
    echo(f->sc, &f->before);
    mishi_status rc = mishi_scenario_set(f->sc, c->assignment, &err);
    if (rc != MISHI_ESCENARIO)
        fail_msg("--set %s: got %s, wanted MISHI_ESCENARIO", c->assignment,
                 mishi_status_name(rc));
    if (strncmp(err.message, c->assignment, strlen(c->assignment)) != 0)
        fail_msg("--set %s: message does not start with it: %s", c->assignment,
                 err.message);
    for (int i = 0; i < 3 && c->needles[i]; i++)
        if (!strstr(err.message, c->needles[i]))
            fail_msg("--set %s: \"%s\" not in: %s", c->assignment, c->needles[i],
                     err.message);
    echo(f->sc, &f->after);
    assert_string_equal(f->after, f->before);
}

static void set_rejects(void **state) {
    fixture *f = *state;
    load(f, SCENARIO_DIR "/train-station.yaml");
    for (size_t i = 0; i < sizeof set_errors / sizeof *set_errors; i++)
        check_set_error(f, &set_errors[i]);
}

/* Each value of a set may be valid on its own and still break a check
 * that spans keys; the set is then refused whole. A default scenario
 * (design quality 0.6..0.8, no entry) gives the cases. */
static void set_breaks_cross_check(void **state) {
    static const set_error cases[] = {
        {"firms.0.design_quality_min=0.95",
         {"firms[0].design_quality_min", "0.95 exceeds design_quality_max 0.8"}},
        {"firms.firm.count=0", {"firms[0].count", "entry.rate is 0"}},
        {"regions.all.name=", {"regions[0].name", "must not be empty"}},
        {"firms.0.region=coast", {"no region is named 'coast'"}},
    };
    fixture *f = *state;
    load_default(f);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_set_error(f, &cases[i]);
    /* the same value is fine once the other end of the range moves */
    set_ok(f->sc, "firms.0.design_quality_max=1");
    set_ok(f->sc, "firms.0.design_quality_min=0.95");
}

/* Several assignments are one change: a range's minimum raised above its
 * old maximum may come before the maximum that makes room for it. A
 * refusal names the assignment refused (its index), or, when only the
 * cross-checks refuse, every assignment (index `count`), and leaves the
 * scenario as it was. */
static void set_all_is_one_change(void **state) {
    fixture *f = *state;
    load_default(f);
    mishi_error err = {0};
    size_t refused = 99;
    const char *bad_value[] = {"consumers.count=5000", "firms.0.price=abc",
                               "firms.0.count=3"};
    echo(f->sc, &f->before);
    assert_int_equal(mishi_scenario_set_all(f->sc, bad_value, 3, &refused, &err),
                     MISHI_ESCENARIO);
    assert_int_equal(refused, 1);
    assert_contains(err.message, "firms.0.price=abc: expected a number");
    const char *crossed[] = {"firms.0.design_quality_min=0.95", "consumers.count=5000"};
    assert_int_equal(mishi_scenario_set_all(f->sc, crossed, 2, &refused, &err),
                     MISHI_ESCENARIO);
    assert_int_equal(refused, 2);
    assert_contains(err.message, "firms.0.design_quality_min=0.95 consumers.count=5000: "
                                 "firms[0].design_quality_min: 0.95 exceeds "
                                 "design_quality_max 0.8");
    echo(f->sc, &f->after);
    assert_string_equal(f->after, f->before);
    const char *raised[] = {"firms.0.design_quality_min=0.95",
                            "firms.0.design_quality_max=1"};
    assert_int_equal(mishi_scenario_set_all(f->sc, raised, 2, &refused, &err), MISHI_OK);
    echo(f->sc, &f->after);
    assert_contains(f->after, "\"design_quality_min\": 0.95, \"design_quality_max\": 1,");
}

/* ---------------------------------------------------------- load errors */

static void missing_file(void **state) {
    (void)state;
    const char *path = MISHI_SOURCE_DIR "/tests/bad/no-such-file.yaml";
    static char stale;
    mishi_scenario *sc = (mishi_scenario *)&stale; /* must come back NULL */
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_load(path, &sc, &err), MISHI_EIO);
    assert_null(sc);
    assert_int_equal(err.code, MISHI_EIO);
    assert_contains(err.message, path);
}

/* A message about a line inside an anchored part that aliases repeat
 * names the aliases' lines (libyaml gives every copy the anchor's lines);
 * a message about a line after that part does not. */
static void alias_note_stays_in_its_part(void **state) {
    (void)state;
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_load(BAD_DIR "/alias-after-its-anchor.yaml",
                                         &sc, &err), MISHI_ESCENARIO);
    assert_null(strstr(err.message, "repeats"));
    assert_int_equal(mishi_scenario_load(BAD_DIR "/alias-repeats-a-class.yaml",
                                         &sc, &err), MISHI_ESCENARIO);
    assert_contains(err.message, "which *local repeats at line 12");
}

/* A file that is no scenario and never ends (/dev/zero) is refused at its
 * first bytes, not read until memory runs out. */
static void endless_file(void **state) {
    (void)state;
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_load("/dev/zero", &sc, &err), MISHI_ESCENARIO);
    assert_null(sc);
    assert_contains(err.message, "/dev/zero: not a text file");
}

/* Load `yaml` named "test.yaml"; it must fail and mention each needle. */
static void expect_string_error(const char *yaml, const char *const *needles) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    mishi_status rc = mishi_scenario_load_string(yaml, "test.yaml", &sc, &err);
    mishi_scenario_free(sc);
    assert_int_equal(rc, MISHI_ESCENARIO);
    for (; *needles; needles++) assert_contains(err.message, *needles);
}

static void string_errors(void **state) {
    (void)state;
    /* the repeat is located, and the first one named by its line */
    expect_string_error("consumers:\n  count: 5\n  count: 6\n",
                        (const char *const[]){"test.yaml:3:3:", "given twice",
                                              "first at line 2", NULL});
    expect_string_error("consumer:\n  count: 5\n",
                        (const char *const[]){"test.yaml:1:1:", "consumer:",
                                              "did you mean 'consumers'?", NULL});
    /* a value set on its own line is found again by the cross-checks */
    expect_string_error("firms:\n  - name: a\n    count: 1\n    brand_min: 0.9\n",
                        (const char *const[]){"test.yaml:4:16:",
                                              "firms[0].brand_min", NULL});
}

/* An anchor's name is shown whole up to ANCHOR_NAME_SHOWN characters
 * (tests/bad/alias-long-anchor-name.yaml has a realistic long one); one
 * longer than anyone writes is cut with a visible "...". */
static void alias_note_cuts_only_absurd_names(void **state) {
    (void)state;
    char name[ANCHOR_NAME_SHOWN + 51], yaml[2 * sizeof name + 128];
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    snprintf(yaml, sizeof yaml, "firms:\n  - &%s\n    name: x\n    count: 1\n"
             "  - *%s\n", name, name);
    char shown[ANCHOR_NAME_SHOWN + 8];
    snprintf(shown, sizeof shown, "&%.*s...,", ANCHOR_NAME_SHOWN, name);
    expect_string_error(yaml, (const char *const[]){"test.yaml:3:11:", shown,
                                                    "repeats at line 5", NULL});
}

/* ---------------------------------------------------------------- schema */

/* A row's default must be a value its own range accepts. */
static void check_number_row(const mishi_param_info *p) {
    char *end;
    double v = strtod(p->fallback, &end);
    if (end == p->fallback || *end)
        fail_msg("%s: default '%s' is not a number", p->path, p->fallback);
    if (!(p->min <= p->max) || v < p->min || v > p->max)
        fail_msg("%s: default %g outside [%g, %g]", p->path, v, p->min, p->max);
    if (strcmp(p->type, "int") == 0 && v != floor(v))
        fail_msg("%s: default %g is not whole", p->path, v);
}

static void check_row(const mishi_param_info *p) {
    assert_non_null(p);
    const char *fields[] = {p->path, p->type, p->unit, p->doc};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!fields[i] || !*fields[i])
            fail_msg("row %s lacks a field", p->path ? p->path : "(null)");
    assert_non_null(p->fallback); /* may be "" (entry.class, firms[].region) */
    if (strcmp(p->type, "int") == 0 || strcmp(p->type, "real") == 0)
        check_number_row(p);
}

static void schema_table(void **state) {
    (void)state;
    size_t n = mishi_param_count();
    assert_true(n > 40);
    for (size_t i = 0; i < n; i++) {
        check_row(mishi_param_at(i));
        for (size_t j = 0; j < i; j++) /* one row per path */
            assert_string_not_equal(mishi_param_at(i)->path,
                                    mishi_param_at(j)->path);
    }
    assert_null(mishi_param_at(n));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_corpus),
        cmocka_unit_test(names_read_as_text_where_written),
        cmocka_unit_test_setup_teardown(good_scenarios, setup, teardown),
        cmocka_unit_test_setup_teardown(defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(set_applies, setup, teardown),
        cmocka_unit_test_setup_teardown(set_rejects, setup, teardown),
        cmocka_unit_test_setup_teardown(tiny_numbers_round, setup, teardown),
        cmocka_unit_test_setup_teardown(set_breaks_cross_check, setup, teardown),
        cmocka_unit_test_setup_teardown(set_all_is_one_change, setup, teardown),
        cmocka_unit_test(missing_file),
        cmocka_unit_test(endless_file),
        cmocka_unit_test(alias_note_stays_in_its_part),
        cmocka_unit_test(string_errors),
        cmocka_unit_test(alias_note_cuts_only_absurd_names),
        cmocka_unit_test(schema_table),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
