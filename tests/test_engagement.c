/*
 * test_engagement.c — the mechanisms a scenario switches on that never act
 * (engagement.c, mishi_sim_idle_mechanisms): reported exactly when their
 * measure stayed 0 over the run, per firm class, not when switched off,
 * and not when another idle mechanism explains them; and the keys each
 * mechanism alone reads (mishi_scenario_unread): called unread exactly
 * when the mechanisms reading them are off, and, run for real, unable to
 * change a run then.
 */
#include <math.h>
#include <string.h>

#include "params.h" /* MISHI_MAX_CLASSES */
#include "support.h"

/* Open firms beside a flash class with a sale of `batch` every week; consumers as
 * `consumers` has them (else the defaults: complaints, and every firm's
 * retention budget, switched on). */
static const char *market_with(char *yaml, size_t size, const char *batch,
                               const char *consumers) {
    snprintf(yaml, size,
             "weeks: 40\nconsumers: {count: 20000%s}\n"
             "firms:\n"
             "  - {name: open, count: 6}\n"
             "  - {name: flash, count: 2, flash_batch: %s}\n",
             consumers, batch);
    return yaml;
}

typedef struct idle_list {
    mishi_idle_mechanism at[MISHI_MAX_MECHANISMS];
    size_t count;
} idle_list;

/* `yaml` run to its horizon on `threads` threads: its idle mechanisms,
 * and, when `unmet` is not NULL (room for every class), each firm class's
 * flash_unmet summed on the way. */
static idle_list run_yaml(const char *yaml, int threads, double *unmet) {
    mishi_sim *sim = sim_from_yaml(yaml, threads);
    if (unmet) memset(unmet, 0, MISHI_MAX_CLASSES * sizeof *unmet);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; unmet && k < n; k++)
            unmet[rows[k].firm_class] += (double)rows[k].flash_unmet;
    }
    idle_list idle = {0};
    idle.count = mishi_sim_idle_mechanisms(sim, idle.at, MISHI_MAX_MECHANISMS);
    mishi_sim_free(sim); /* the list holds copies and the static table's rows */
    assert_true(idle.count <= MISHI_MAX_MECHANISMS);
    for (size_t k = 0; k < idle.count; k++) /* a measure a plot could draw */
        assert_non_null(mishi_column_named(idle.at[k].mechanism->measure));
    return idle;
}

static const mishi_idle_mechanism *find(const idle_list *idle, const char *name) {
    for (size_t k = 0; k < idle->count; k++)
        if (strcmp(idle->at[k].mechanism->name, name) == 0) return &idle->at[k];
    return NULL;
}

/* A weekly batch far above demand never sells out, and says so; a small
 * one does, and is not reported. Both agree with the firms' own column. */
static void a_batch_that_never_binds_is_idle(void **state) {
    (void)state;
    char yaml[1024];
    double unmet[MISHI_MAX_CLASSES];
    idle_list idle = run_yaml(market_with(yaml, sizeof yaml, "100000", ""), 2, unmet);
    const mishi_idle_mechanism *flash = find(&idle, "flash sales");
    assert_non_null(flash);
    assert_string_equal(flash->classes, "flash");
    assert_string_equal(flash->mechanism->measure, "firms.flash_unmet");
    assert_true(unmet[1] == 0.0);

    idle = run_yaml(market_with(yaml, sizeof yaml, "5", ""), 2, unmet);
    assert_true(unmet[1] > 0.0);
    assert_null(find(&idle, "flash sales"));
}

/* Switched off, a mechanism is never reported, however little happens. */
static void a_mechanism_switched_off_is_not_reported(void **state) {
    (void)state;
    char yaml[1024];
    idle_list idle = run_yaml(market_with(yaml, sizeof yaml, "0", ""), 1, NULL);
    assert_null(find(&idle, "flash sales"));
    assert_null(find(&idle, "resale"));
    assert_null(find(&idle, "adoption")); /* everyone owns a device at week 0 */
}

/* Run `yaml` to its horizon: the flash classes named idle are `classes`. */
static void assert_flash_idle_for(const char *yaml, const char *classes) {
    idle_list idle = run_yaml(yaml, 2, NULL);
    const mishi_idle_mechanism *flash = find(&idle, "flash sales");
    assert_non_null(flash);
    assert_string_equal(flash->classes, classes);
}

/* Of two flash classes only the one whose sales never sell out is named. */
static void idleness_is_per_class(void **state) {
    (void)state;
    assert_flash_idle_for("weeks: 40\nconsumers: {count: 20000}\nfirms:\n"
                          "  - {name: open, count: 6}\n"
                          "  - {name: scarce, count: 2, flash_batch: 5}\n"
                          "  - {name: plenty, count: 2, flash_batch: 100000}\n",
                          "plenty");
}

/* A class no firm of which ever trades (entrants' that never came) has
 * nothing to be idle, and is not named. */
static void a_class_without_firms_is_not_named(void **state) {
    (void)state;
    assert_flash_idle_for("weeks: 20\nconsumers: {count: 5000}\nfirms:\n"
                          "  - {name: open, count: 4}\n"
                          "  - {name: never, count: 0, flash_batch: 100000}\n"
                          "  - {name: plenty, count: 2, flash_batch: 100000}\n",
                          "plenty");
}

/* With no complaints at all, complaint resolution is idle for every class
 * with a budget; with complaints switched on but never made (nobody below
 * an aspiration of 0), complaints are the cause, reported once. */
static void an_idle_cause_is_reported_once(void **state) {
    (void)state;
    char yaml[1024];
    idle_list idle = run_yaml(market_with(yaml, sizeof yaml, "0",
                                          ", complaint_propensity: 0"), 1, NULL);
    const mishi_idle_mechanism *service = find(&idle, "customer service");
    assert_non_null(service);
    assert_string_equal(service->classes, "open, flash");

    idle = run_yaml(market_with(yaml, sizeof yaml, "0", ", aspiration: 0"), 1, NULL);
    assert_non_null(find(&idle, "complaints"));
    assert_null(find(&idle, "customer service"));
}

/* A market where nobody can buy (every firm launches after the horizon)
 * reports that, and not the mechanisms that need purchases. */
static void a_market_where_nobody_buys_says_so(void **state) {
    (void)state;
    idle_list idle = run_yaml(
        "weeks: 10\nconsumers: {count: 5000, initial_owners: 0}\n"
        "adoption: {innovation: 0.5}\n"
        "firms:\n  - {name: late, count: 3, launch_weeks: 50, flash_batch: 1}\n",
        1, NULL);
    assert_non_null(find(&idle, "purchases"));
    assert_null(find(&idle, "flash sales"));
    assert_null(find(&idle, "complaints"));
}

/* The table is what the docs and summary.json name: each measure is an
 * output column, each mechanism needed is a row of the table. */
static void every_mechanism_names_a_column_and_what_it_needs(void **state) {
    (void)state;
    assert_true(mishi_mechanism_count() > 0);
    assert_null(mishi_mechanism_at(mishi_mechanism_count()));
    for (size_t k = 0; k < mishi_mechanism_count(); k++) {
        const mishi_mechanism_info *m = mishi_mechanism_at(k);
        assert_non_null(mishi_column_named(m->measure));
        int found = m->needs == NULL;
        for (size_t j = 0; j < mishi_mechanism_count() && !found; j++)
            found = j != k && strcmp(mishi_mechanism_at(j)->name, m->needs) == 0;
        if (!found) fail_msg("%s needs '%s', which is not a mechanism", m->name, m->needs);
    }
}

static int is_parameter(const char *path) {
    const mishi_param_info *p;
    for (size_t k = 0; (p = mishi_param_at(k)); k++)
        if (strcmp(p->path, path) == 0) return 1;
    return 0;
}

/* The keys a mechanism alone reads are the schema's, as a modeller
 * writes them in `mishi params`. */
static void every_own_key_is_a_parameter(void **state) {
    (void)state;
    size_t keys = 0;
    for (size_t k = 0; k < mishi_mechanism_count(); k++) {
        const mishi_mechanism_info *m = mishi_mechanism_at(k);
        assert_non_null(m->own_keys);
        for (const char *const *key = m->own_keys; *key; key++, keys++)
            if (!is_parameter(*key))
                fail_msg("%s reads '%s', which is not a parameter", m->name, *key);
    }
    assert_true(keys > 0);
}

/* ------------------------------------------------------ unread settings */

static mishi_scenario *scenario_from(const char *yaml) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    if (mishi_scenario_load_string(yaml, "t.yaml", &sc, &err)) fail_msg("%s", err.message);
    return sc;
}

static void set(mishi_scenario *sc, const char *assignment) {
    mishi_error err = {0};
    if (mishi_scenario_set(sc, assignment, &err)) fail_msg("%s", err.message);
}

static int unread(const mishi_scenario *sc, const char *path) {
    char why[512];
    return mishi_scenario_unread(sc, path, why, sizeof why);
}

/* A key read only by a mechanism the scenario switches off is unread, and
 * the answer says by what and what switches it on; once another setting
 * switches the mechanism on, it is read. */
static void a_key_of_a_mechanism_switched_off_is_unread(void **state) {
    (void)state;
    mishi_scenario *sc = scenario_with(NULL); /* no posts, no advocates */
    char why[512];
    assert_int_equal(mishi_scenario_unread(sc, "social.reach=0.5", why, sizeof why), 1);
    assert_string_equal(why, "social.reach is read only by advocates (switched on "
                             "by firms[].service in-house, advocate_share > 0, "
                             "retention_budget > 0) and posts (switched on by "
                             "firms[].post_rate > 0), which the scenario switches off");
    assert_int_equal(unread(sc, "adoption.innovation"), 1);
    set(sc, "firms.0.post_rate=0.1");
    assert_int_equal(unread(sc, "social.reach"), 0);
    set(sc, "consumers.initial_owners=0.5");
    assert_int_equal(unread(sc, "adoption.innovation"), 0);
    mishi_scenario_free(sc);
}

/* A key two mechanisms read is read while either is on. */
static void a_key_of_two_mechanisms_is_read_while_either_is_on(void **state) {
    (void)state;
    mishi_scenario *sc = scenario_with((const char *const[]){
        "firms.0.service=in-house", "firms.0.retention_budget=0", NULL});
    assert_int_equal(unread(sc, "social.decay"), 1); /* advocates need a budget */
    set(sc, "firms.0.retention_budget=1");
    assert_int_equal(unread(sc, "social.decay"), 0);
    mishi_scenario_free(sc);
}

/* A parameter every run reads, or none, is never called unread. */
static void an_ungated_or_unknown_key_is_read(void **state) {
    (void)state;
    mishi_scenario *sc = scenario_with(NULL);
    char why[16] = "untouched";
    assert_int_equal(mishi_scenario_unread(sc, "choice.beta", why, sizeof why), 0);
    assert_int_equal(unread(sc, "firms.0.price"), 0);
    assert_int_equal(unread(sc, "no.such"), 0);
    assert_int_equal(unread(sc, "firms.nobody.loyalty_cost"), 0);
    assert_int_equal(mishi_scenario_unread(NULL, "social.reach", why, sizeof why), 0);
    assert_string_equal(why, "untouched");
    /* a short buffer is cut short, not overrun */
    assert_int_equal(mishi_scenario_unread(sc, "social.reach", why, sizeof why), 1);
    assert_int_equal(strlen(why), sizeof why - 1);
    assert_int_equal(mishi_scenario_unread(sc, "social.reach", NULL, 0), 1);
    mishi_scenario_free(sc);
}

/* A class's key is read as its own class has the mechanism, by name or
 * index; a market key a class's mechanism reads, while any class has it. */
static void a_class_key_follows_its_class(void **state) {
    (void)state;
    mishi_scenario *sc = scenario_from("firms:\n  - {name: open, count: 2}\n"
                                       "  - {name: flash, count: 2, flash_batch: 5}\n");
    char why[512];
    assert_int_equal(mishi_scenario_unread(sc, "firms.open.flash_patience", why,
                                           sizeof why), 1);
    assert_string_equal(why, "firms.open.flash_patience is read only by flash sales "
                             "(switched on by firms[].flash_batch > 0), which the "
                             "scenario switches off for firm class open");
    assert_int_equal(unread(sc, "firms.0.flash_patience"), 1);
    assert_int_equal(unread(sc, "firms.flash.flash_patience"), 0);
    assert_int_equal(unread(sc, "firms.1.flash_every_weeks"), 0);
    assert_int_equal(unread(sc, "flash.buzz_gain"), 0);
    set(sc, "firms.flash.flash_batch=0");
    assert_int_equal(unread(sc, "flash.buzz_gain"), 1);
    mishi_scenario_free(sc);
}

/* ------------------------------------------- the own keys, run for real */

/* train-station's market made small, where no mechanism with keys of its
 * own is on: no firm posts, sells in flash sales, takes pre-orders,
 * installs its software or rewards loyalty, nobody resells and nobody is
 * a prospect; complaints meet no budget, and releases gain nothing (so
 * feedback_lag_weeks, refused without releases, can take two values).
 * Every buyer buys direct, so a key that fed firms.feedback would show. */
static const char *const quiet_market[] = {
    "consumers.count=2000", "weeks=60", "firms.local.retention_budget=0",
    "firms.local.release_weeks=4", "firms.local.software_gain=0",
    "firms.local.channel=both", NULL};
enum { QUIET_SETS = sizeof quiet_market / sizeof *quiet_market - 1 };

/* The quiet market with `extra` applied too; NULL if it is refused. */
static mishi_scenario *quiet_market_with(const char *extra) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    const char *file = MISHI_SOURCE_DIR "/scenarios/train-station.yaml";
    if (mishi_scenario_load(file, &sc, &err)) fail_msg("%s", err.message);
    const char *sets[QUIET_SETS + 1];
    memcpy(sets, quiet_market, QUIET_SETS * sizeof *sets);
    sets[QUIET_SETS] = extra;
    size_t count = QUIET_SETS + (extra != NULL);
    if (mishi_scenario_set_all(sc, sets, count, NULL, &err) == MISHI_OK) return sc;
    mishi_scenario_free(sc);
    return NULL;
}

/* Every firm row and market row of the whole run, bit for bit. */
static uint64_t run_fingerprint(const mishi_scenario *sc) {
    mishi_sim *sim = sim_with(sc, 1);
    uint64_t h = weeks_fingerprint(sim, mishi_sim_weeks(sim));
    mishi_sim_free(sim);
    return h;
}

/* The --set path of a key, for a list's key its first item's:
 * "firms[].loyalty_cost" is "firms.0.loyalty_cost". */
static void set_path(const char *key, char *out, size_t size) {
    const char *list = strstr(key, "[]");
    if (list) snprintf(out, size, "%.*s.0%s", (int)(list - key), key, list + 2);
    else snprintf(out, size, "%s", key);
}

enum { MAX_TRIED = 8, VALUE_MAX = 64 };

/* A named choice's choices, read from the refusal of one that is none:
 * "... expected one of outsourced, in-house, got '?'". */
static size_t choices_of(const char *path, char values[][VALUE_MAX]) {
    char assignment[300]; /* room for a path of 256 and "=?" */
    snprintf(assignment, sizeof assignment, "%s=?", path);
    mishi_scenario *sc = quiet_market_with(NULL);
    mishi_error err = {0};
    assert_int_not_equal(mishi_scenario_set(sc, assignment, &err), MISHI_OK);
    mishi_scenario_free(sc);
    const char *from = strstr(err.message, "one of ");
    const char *end = strstr(err.message, ", got '");
    assert_true(from && end);
    size_t count = 0;
    for (from += strlen("one of "); from < end && count < MAX_TRIED; count++) {
        size_t n = strcspn(from, ","); /* the last one too: ", got" */
        snprintf(values[count], VALUE_MAX, "%.*s", (int)n, from);
        from += n + 2;
    }
    return count;
}

/* The values a key is tried at: a number's range's ends first, the
 * farthest apart, then its default and the middle; a choice's choices. */
static size_t values_to_try(const mishi_param_info *p, const char *path,
                            char values[][VALUE_MAX]) {
    if (strcmp(p->type, "choice") == 0) return choices_of(path, values);
    int whole = strcmp(p->type, "int") == 0;
    double numbers[] = {p->min, p->max, strtod(p->fallback, NULL),
                        (p->min + p->max) / 2};
    for (size_t k = 0; k < 4; k++)
        snprintf(values[k], VALUE_MAX, whole ? "%.0f" : "%.17g",
                 whole ? floor(numbers[k]) : numbers[k]);
    return 4;
}

static const mishi_param_info *parameter(const char *path) {
    const mishi_param_info *p;
    for (size_t k = 0; (p = mishi_param_at(k)); k++)
        if (strcmp(p->path, path) == 0) return p;
    fail_msg("'%s' is not a parameter", path);
    return NULL;
}

/* Key `key` at two values the quiet market takes: each run must be the
 * quiet market's own, `quiet`, to the bit. */
static void assert_cannot_change_a_run(const char *key, uint64_t quiet) {
    char path[256], values[MAX_TRIED][VALUE_MAX], assignment[512];
    set_path(key, path, sizeof path);
    mishi_scenario *sc = quiet_market_with(NULL);
    if (!unread(sc, path))
        fail_msg("%s is read in the quiet market: switch its mechanism off there", path);
    mishi_scenario_free(sc);
    size_t tried = values_to_try(parameter(key), path, values), ran = 0;
    for (size_t k = 0; k < tried && ran < 2; k++) {
        snprintf(assignment, sizeof assignment, "%s=%s", path, values[k]);
        if (!(sc = quiet_market_with(assignment))) continue; /* refused here */
        if (run_fingerprint(sc) != quiet)
            fail_msg("--set %s changed a run of the quiet market", assignment);
        mishi_scenario_free(sc);
        ran++;
    }
    if (ran < 2) fail_msg("%s: fewer than two values the quiet market takes", path);
}

/* The table's promise, kept by running it: every key a mechanism lists as
 * its own, set to two values where the mechanism is off, leaves a run as
 * it was. A key listed wrongly (read by another mechanism, or by the
 * market) fails here, where the rest of the model reads it. */
static void an_own_key_cannot_change_a_run_while_its_mechanism_is_off(void **state) {
    (void)state;
    mishi_scenario *sc = quiet_market_with(NULL);
    uint64_t quiet = run_fingerprint(sc);
    mishi_scenario_free(sc);
    for (size_t k = 0; k < mishi_mechanism_count(); k++)
        for (const char *const *key = mishi_mechanism_at(k)->own_keys; *key; key++)
            assert_cannot_change_a_run(*key, quiet);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_mechanism_names_a_column_and_what_it_needs),
        cmocka_unit_test(every_own_key_is_a_parameter),
        cmocka_unit_test(a_key_of_a_mechanism_switched_off_is_unread),
        cmocka_unit_test(a_key_of_two_mechanisms_is_read_while_either_is_on),
        cmocka_unit_test(an_ungated_or_unknown_key_is_read),
        cmocka_unit_test(a_class_key_follows_its_class),
        cmocka_unit_test(an_own_key_cannot_change_a_run_while_its_mechanism_is_off),
        cmocka_unit_test(a_batch_that_never_binds_is_idle),
        cmocka_unit_test(a_mechanism_switched_off_is_not_reported),
        cmocka_unit_test(idleness_is_per_class),
        cmocka_unit_test(a_class_without_firms_is_not_named),
        cmocka_unit_test(an_idle_cause_is_reported_once),
        cmocka_unit_test(a_market_where_nobody_buys_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
