/*
 * checks.c — the checks that span several keys: names unique and not
 * empty, min <= max, a class's region and home region exist (and agree),
 * settings for abroad only with a home, the entry class exists, the firm
 * totals (with entry's expected entrants) and the adoption probabilities
 * within bounds, a software release lag only with releases, ROM installs
 * no more than the consumers, pre-orders open no earlier than the firm
 * enters.
 *
 * Each value was already checked against its own range by the schema; what
 * is left needs the whole scenario, so these run after a file is loaded and
 * again after every --set (a value fine alone can break a pair). They are a
 * list of small functions run in order, the first failure reported, and
 * each failure is placed at the value it concerns when a file set it.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lists.h"
#include "loader.h"
#include "mishi_files.h"

static mishi_status fail_check(const loader *l, schema_scope scope, int index,
                               const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "firms[2].count: TEXT", located by the mark of the value or its item. */
static mishi_status fail_check(const loader *l, schema_scope scope, int index,
                               const char *key, const char *fmt, ...) {
    char text[512], path[160];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    const mark *m = loader_find_mark(l, scope, index, schema_find(scope, key));
    const params_list *list = list_of(scope); /* NULL for SCHEMA_TOP */
    if (list) snprintf(path, sizeof path, "%s[%d].%s", list->key, index, key);
    else snprintf(path, sizeof path, "%s", key);
    return fail_at(l, m ? m->line : 0, m ? m->column : 0, "%s: %s", path, text);
}

/* Whether a name is all digits: `--set firms.0.price` takes 0 as an index. */
static int all_digits(const char *name) {
    for (; *name; name++)
        if (*name < '0' || *name > '9') return 0;
    return 1;
}

/* Items are found by name (a class's region, entry.class, --set), so a
 * name must be given, must be its item's alone, and must read as a name
 * in a --set path (firms.NAME.price=VALUE): no '.' or '=', not a number.
 * A class's name is also written in firms.csv's class column, so it must
 * read as text there: not as a missing value, a number (1e5) or a boolean
 * (TRUE, T). Region and segment names are written in no table. */
static mishi_status check_name(const loader *l, const params_list *list,
                               const mishi_params *p, int i) {
    const char *name = list_item_name(list, p, i);
    int first = list_index(list, p, name);
    if (!name[0])
        return fail_check(l, list->scope, i, "name", "must not be empty");
    if (strpbrk(name, ".="))
        return fail_check(l, list->scope, i, "name",
                          "'%s' has a '.' or '=', which a --set path "
                          "(%s.NAME.KEY=VALUE) could not tell from its own",
                          name, list->key);
    if (all_digits(name))
        return fail_check(l, list->scope, i, "name",
                          "'%s' is a number, which --set %s.%s.KEY would take "
                          "as an index; give a name with a letter",
                          name, list->key, name);
    const char *misread =
        list == &params_lists[LIST_FIRMS] ? mishi_csv_misread(name) : NULL;
    if (misread)
        return fail_check(l, list->scope, i, "name",
                          "'%s' reads as %s in pandas or R, in a CSV cell "
                          "(firms.csv's class column); give another name",
                          name, misread);
    if (first != i)
        return fail_check(l, list->scope, i, "name",
                          "'%s' is already the name of %s[%d]; give each %s "
                          "its own name", name, list->key, first, list->noun);
    return MISHI_OK;
}

static mishi_status check_names(const loader *l, const mishi_params *p) {
    mishi_status rc = MISHI_OK;
    for (int k = 0; k < LIST_COUNT; k++)
        for (int i = 0; !rc && i < list_count(&params_lists[k], p); i++)
            rc = check_name(l, &params_lists[k], p, i);
    return rc;
}

/* "north, south": the regions a class may name. */
static void region_names(const mishi_params *p, char *names) {
    names[0] = '\0';
    for (int r = 0; r < p->region_count; r++)
        strcat(strcat(names, r ? ", " : ""), p->regions[r].name);
}

/* A list item's `key` (region, home_region), if it names one, must be a
 * region. */
static mishi_status check_region_named(const loader *l, const mishi_params *p,
                                       schema_scope scope, int k,
                                       const char *key, const char *region) {
    if (!region[0] || params_region_index(p, region) >= 0) return MISHI_OK;
    char names[MISHI_MAX_REGIONS * (MISHI_NAME_MAX + 2)];
    region_names(p, names);
    return fail_check(l, scope, k, key,
                      "no region is named '%s' (regions: %s)", region, names);
}

/* A home region must be a region the class sells in; the settings for
 * abroad mean nothing without a home, so they are refused rather than
 * silently ignored. */
static mishi_status check_home(const loader *l, const mishi_params *p, int k) {
    const mishi_firm_class *c = &p->classes[k];
    mishi_status rc = check_region_named(l, p, SCHEMA_CLASS, k, "home_region",
                                         c->home_region);
    if (rc) return rc;
    if (c->home_region[0] && c->region[0] && strcmp(c->home_region, c->region))
        return fail_check(l, SCHEMA_CLASS, k, "home_region", "'%s' is not "
                          "the class's region '%s', where all its sales are",
                          c->home_region, c->region);
    if (!c->home_region[0] && c->away_visibility != 1.0)
        return fail_check(l, SCHEMA_CLASS, k, "away_visibility", "%g has no "
                          "effect without a home_region", c->away_visibility);
    if (!c->home_region[0] && c->away_launch_weeks != 0)
        return fail_check(l, SCHEMA_CLASS, k, "away_launch_weeks", "%d has no "
                          "effect without a home_region", c->away_launch_weeks);
    return MISHI_OK;
}

static mishi_status check_class(const loader *l, const mishi_params *p, int k) {
    const mishi_firm_class *c = &p->classes[k];
    if (c->design_quality_min > c->design_quality_max)
        return fail_check(l, SCHEMA_CLASS, k, "design_quality_min",
                          "%g exceeds design_quality_max %g",
                          c->design_quality_min, c->design_quality_max);
    if (c->brand_min > c->brand_max)
        return fail_check(l, SCHEMA_CLASS, k, "brand_min",
                          "%g exceeds brand_max %g", c->brand_min, c->brand_max);
    if (c->price_min > c->price_max)
        return fail_check(l, SCHEMA_CLASS, k, "price_min",
                          "%g exceeds price_max %g", c->price_min, c->price_max);
    if (c->price < c->price_min || c->price > c->price_max)
        return fail_check(l, SCHEMA_CLASS, k, "price", "%g is outside "
                          "[price_min, price_max] = [%g, %g]", c->price,
                          c->price_min, c->price_max);
    mishi_status rc = check_region_named(l, p, SCHEMA_CLASS, k, "region",
                                         c->region);
    return rc ? rc : check_home(l, p, k);
}

/* A lag from feedback to release needs releases to delay (software.c). */
static mishi_status check_software(const loader *l, const mishi_params *p,
                                   int k) {
    const mishi_firm_class *c = &p->classes[k];
    if (c->feedback_lag_weeks > 0 && c->release_weeks == 0)
        return fail_check(l, SCHEMA_CLASS, k, "feedback_lag_weeks",
                          "%d weeks of lag, but the class makes no releases; "
                          "give it release_weeks, or drop the lag",
                          c->feedback_lag_weeks);
    /* each attempt is drawn and placed (software.c): more a week than
     * there are consumers is a week of work for nothing new */
    if (c->rom_installs > (double)p->consumers.count)
        return fail_check(l, SCHEMA_CLASS, k, "rom_installs",
                          "%g install attempts a week, more than the %" PRId64
                          " consumers; at most consumers.count",
                          c->rom_installs, (int64_t)p->consumers.count);
    return MISHI_OK;
}

/* Reservations open at most launch_weeks before launch: not before the
 * firm is in the market (preorders.c). */
static mishi_status check_preorders(const loader *l, const mishi_params *p,
                                    int k) {
    const mishi_firm_class *c = &p->classes[k];
    if (c->preorder_weeks > c->launch_weeks)
        return fail_check(l, SCHEMA_CLASS, k, "preorder_weeks",
                          "%d exceeds launch_weeks %d: reservations would open "
                          "before the firm is in the market; open them at "
                          "most launch_weeks before launch", c->preorder_weeks,
                          c->launch_weeks);
    return MISHI_OK;
}

static mishi_status check_classes(const loader *l, const mishi_params *p) {
    mishi_status rc = MISHI_OK;
    for (int k = 0; !rc && k < p->class_count; k++) {
        rc = check_class(l, p, k);
        if (!rc) rc = check_software(l, p, k);
        if (!rc) rc = check_preorders(l, p, k);
    }
    return rc;
}

/* Every segment lives in a region that exists, its aspiration is within
 * quality's 0..1, and every region has a segment for its consumers to
 * belong to. */
static mishi_status check_segments(const loader *l, const mishi_params *p) {
    mishi_status rc = MISHI_OK;
    for (int k = 0; !rc && k < p->segment_count; k++)
        rc = check_region_named(l, p, SCHEMA_SEGMENT, k, "region",
                                p->segments[k].region);
    /* satisfaction is quality (0..1) less aspiration, stored in -1..1 */
    for (int k = 0; !rc && k < p->segment_count; k++) {
        double aspiration = p->consumers.aspiration + p->segments[k].aspiration_shift;
        if (aspiration < 0.0 || aspiration > 1.0)
            rc = fail_check(l, SCHEMA_SEGMENT, k, "aspiration_shift",
                            "consumers.aspiration %g plus this shift %g is %g, "
                            "outside 0..1; satisfaction, quality less "
                            "aspiration, would leave -1..1",
                            p->consumers.aspiration,
                            p->segments[k].aspiration_shift, aspiration);
    }
    for (int r = 0; !rc && r < p->region_count; r++) {
        int covered = 0;
        for (int k = 0; k < p->segment_count; k++)
            covered |= !p->segments[k].region[0] ||
                       strcmp(p->segments[k].region, p->regions[r].name) == 0;
        if (!covered)
            rc = fail_check(l, SCHEMA_SEGMENT, 0, "region", "no segment lives "
                            "in region '%s'; give it one, or a segment with "
                            "no region", p->regions[r].name);
    }
    return rc;
}

static int64_t firm_total(const mishi_params *p) {
    int64_t total = 0;
    for (int k = 0; k < p->class_count; k++) total += p->classes[k].count;
    return total;
}

/* The class whose count takes the running total of firms past the limit
 * (each count alone is within it), or -1 if the total is within it. */
static int class_past_limit(const mishi_params *p) {
    int64_t total = 0;
    for (int k = 0; k < p->class_count; k++)
        if ((total += p->classes[k].count) > MISHI_MAX_FIRMS) return k;
    return -1;
}

/* Firm ids are 16-bit (MISHI_MAX_FIRMS). The message points at the count
 * that passes the limit, which is where a user adding a class looks. */
static mishi_status check_firm_count(const loader *l, const mishi_params *p) {
    int64_t total = firm_total(p);
    int k = class_past_limit(p);
    if (k >= 0)
        return fail_check(l, SCHEMA_CLASS, k, "count",
                          "%d firms of '%s' take the total to %" PRId64
                          " firms in all classes; at most %d firms can exist "
                          "in one run", p->classes[k].count,
                          p->classes[k].name, total, MISHI_MAX_FIRMS);
    /* entry at its base rate alone that may bring more firms than can
     * exist would fail mid-run, weeks or hours in: the entrants are
     * Poisson, so their mean plus six standard deviations must fit (at
     * the mean alone, 3 runs in 4 of a market expecting 65,000 failed in
     * their last weeks) */
    int entry_weeks = p->weeks - (p->entry.start_week > 1 ? p->entry.start_week : 1) + 1;
    double entrants = p->entry.rate * (entry_weeks > 0 ? entry_weeks : 0);
    double most = (double)total + entrants + 6.0 * sqrt(entrants);
    if (most > MISHI_MAX_FIRMS)
        return fail_check(l, SCHEMA_TOP, 0, "entry.rate",
                          "%g entrants a week for %d weeks, with %" PRId64
                          " firms at the start, may bring %.0f firms (%.0f "
                          "expected, and six standard deviations of chance); "
                          "at most %d can exist in one run", p->entry.rate,
                          entry_weeks, total, most, (double)total + entrants,
                          MISHI_MAX_FIRMS);
    return MISHI_OK;
}

/* A consumer who considers every firm scores each one every purchase:
 * affordable only for a few firms that never grow in number. */
static mishi_status check_full_information(const loader *l,
                                           const mishi_params *p) {
    int64_t total = firm_total(p);
    if (p->consumers.consider_all &&
        (total > MISHI_MAX_FULL_INFORMATION || p->entry.rate > 0 ||
         p->entry.profit_response > 0))
        return fail_check(l, SCHEMA_TOP, 0, "consumers.consider_all",
                          "full information is for small markets: at most %d "
                          "firms and no entry (there are %" PRId64 " firms, "
                          "entry.rate %g, entry.profit_response %g)",
                          MISHI_MAX_FULL_INFORMATION, total, p->entry.rate,
                          p->entry.profit_response);
    return MISHI_OK;
}

static mishi_status check_something_to_sell(const loader *l,
                                            const mishi_params *p) {
    if (firm_total(p) == 0 && p->entry.rate <= 0)
        return fail_check(l, SCHEMA_CLASS, 0, "count",
                          "no firm at week 0 and entry.rate is 0: the market "
                          "would have nothing to sell; give some class a "
                          "count or set entry.rate");
    if (firm_total(p) == 0 && p->entry.start_week > p->weeks)
        return fail_check(l, SCHEMA_TOP, 0, "entry.start_week",
                          "no firm at week 0 and entry starts at week %d, after "
                          "the run's %d weeks: the market would have nothing "
                          "to sell; give some class a count or start entry "
                          "sooner", p->entry.start_week, p->weeks);
    return MISHI_OK;
}

static mishi_status check_adoption(const loader *l, const mishi_params *p) {
    if (p->adoption.innovation + p->adoption.imitation > 1.0)
        return fail_check(l, SCHEMA_TOP, 0, "adoption.imitation",
                          "innovation %g + imitation %g exceeds 1; their sum "
                          "is the weekly adoption probability when everyone "
                          "seen has adopted", p->adoption.innovation,
                          p->adoption.imitation);
    return MISHI_OK;
}

static mishi_status check_entry_class(const loader *l, const mishi_params *p) {
    const char *name = p->entry.firm_class;
    if (name[0] && params_class_index(p, name) < 0)
        return fail_check(l, SCHEMA_TOP, 0, "entry.class",
                          "no firm class is named '%s'", name);
    return MISHI_OK;
}

typedef mishi_status check_fn(const loader *l, const mishi_params *p);

/* The order decides which message a scenario that breaks several checks
 * gets; names come first because the later checks look items up by name. */
static check_fn *const checks[] = {
    check_names,
    check_classes,
    check_segments,
    check_firm_count,
    check_full_information,
    check_something_to_sell,
    check_adoption,
    check_entry_class,
};

mishi_status scenario_check(const loader *l, const mishi_params *p) {
    mishi_status rc = MISHI_OK;
    for (size_t i = 0; !rc && i < sizeof checks / sizeof *checks; i++)
        rc = checks[i](l, p);
    return rc;
}
