/*
 * test_recorder.c — what one run records (src/sweep/recorder.c).
 *
 * A small market is run with a recorder fed after every week while the
 * test keeps every row itself; each measure and series is then compared
 * with the value worked out plainly from those rows (all weeks stored,
 * reduced in simple loops). Also: firms' units add up to the market's,
 * weeks with no data, a horizon shorter than the run, reset, and the
 * specifications a recorder refuses.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "mishi_sweep.h"
#include "support.h"

#define WEEKS 40
#define MAX_FIRMS 8 /* the scenarios' firms.0.count; no entry */
#define TEXT_(x) #x
#define TEXT(x) TEXT_(x)
#define SMALL "consumers.count=3000", "firms.0.count=8", "weeks=" TEXT(WEEKS)
/* quality falls over the run, so thresholds are crossed part-way */
#define FALLING SMALL, "consumers.transient_share=0.5", \
                "firms.0.strategy=train-station"
/* so few buyers that some weeks sell nothing and most firms sell nothing */
#define SPARSE "consumers.count=60", "firms.0.count=8", "weeks=" TEXT(WEEKS)

/* ------------------------------------------------------- the run's rows */

/* Every row of a run, week w at index w - 1. */
typedef struct rows {
    mishi_market_row market[WEEKS];
    mishi_firm_row *firms[WEEKS];
    size_t firm_count[WEEKS];
} rows;

static void collect(rows *r, const mishi_sim *sim) {
    int w = mishi_sim_week(sim) - 1;
    const mishi_firm_row *firms;
    r->market[w] = *mishi_sim_market(sim);
    r->firm_count[w] = mishi_sim_firms(sim, &firms);
    r->firms[w] = malloc((r->firm_count[w] + 1) * sizeof *firms);
    assert_non_null(r->firms[w]);
    memcpy(r->firms[w], firms, r->firm_count[w] * sizeof *firms);
}

static void rows_free(rows *r) {
    for (int w = 0; w < WEEKS; w++) free(r->firms[w]);
}

/* Run `weeks` weeks of the scenario, feeding `rec` and collecting into
 * `r` (either may be NULL) after every step. */
static void run(const char *const *sets, int weeks, mishi_recorder *rec,
                rows *r) {
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    for (int w = 0; w < weeks; w++) {
        step(sim);
        if (rec) mishi_recorder_week(rec, sim);
        if (r) collect(r, sim);
    }
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

static mishi_recorder *recorder_for(const mishi_measure_info *measures,
                                    size_t measure_count,
                                    const mishi_quantity *series,
                                    size_t series_count, int weeks) {
    mishi_recorder *rec = NULL;
    mishi_error err = {0};
    if (mishi_recorder_new_for(measures, measure_count, series, series_count,
                               weeks, &rec, &err))
        fail_msg("mishi_recorder_new_for: %s", err.message);
    return rec;
}

/* ----------------------------------------------- the values, worked plainly */

static double mean_quality(const mishi_market_row *m) { return m->mean_quality; }
static double market_units(const mishi_market_row *m) { return (double)m->units; }
static double active_firms(const mishi_market_row *m) { return m->active_firms; }
static double firm_units(const mishi_firm_row *f) { return (double)f->units; }
static double firm_profit(const mishi_firm_row *f) { return f->profit; }
static double firm_repeat_rate(const mishi_firm_row *f) { return f->repeat_rate; }

/* The quantities the tests ask for, read by name from the structs. */
static const struct {
    const char *name;
    double (*market)(const mishi_market_row *);
    double (*firm)(const mishi_firm_row *);
} fields[] = {
    {"market.mean_quality", mean_quality, NULL},   /* a real */
    {"market.units", market_units, NULL},          /* a 64-bit count */
    {"market.active_firms", active_firms, NULL},   /* an int */
    {"firms.units", NULL, firm_units},
    {"firms.profit", NULL, firm_profit},
    {"firms.repeat_rate", NULL, firm_repeat_rate}, /* NaN with no units */
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* `n` values reduced as `how` says, NaNs left out; NaN if none is left,
 * except that a sum over no firms at all is 0. */
static double reduced(const double *values, size_t n, mishi_over_firms how) {
    double sum = 0.0, max = -INFINITY, min = INFINITY;
    size_t count = 0;
    for (size_t k = 0; k < n; k++) {
        if (isnan(values[k])) continue;
        count++, sum += values[k];
        max = fmax(max, values[k]), min = fmin(min, values[k]);
    }
    if (n == 0 && how == MISHI_OVER_FIRMS_SUM) return 0.0;
    if (count == 0) return NAN;
    switch (how) {
    case MISHI_OVER_FIRMS_SUM: return sum;
    case MISHI_OVER_FIRMS_MEAN: return sum / (double)count;
    case MISHI_OVER_FIRMS_MAX: return max;
    default: return min;
    }
}

/* Quantity `q` in every week of `r`: weekly[w - 1]. */
static void weekly(const rows *r, const mishi_quantity *q, double *out) {
    size_t f = 0;
    while (f < COUNT(fields) && strcmp(fields[f].name, q->name) != 0) f++;
    if (f == COUNT(fields)) fail_msg("no field for %s in the test", q->name);
    for (int w = 0; w < WEEKS; w++) {
        if (fields[f].market) {
            out[w] = fields[f].market(&r->market[w]);
            continue;
        }
        double values[MAX_FIRMS];
        assert_true(r->firm_count[w] <= MAX_FIRMS);
        for (size_t k = 0; k < r->firm_count[w]; k++)
            values[k] = fields[f].firm(&r->firms[w][k]);
        out[w] = reduced(values, r->firm_count[w], q->over_firms);
    }
}

/* What measure `m` should read, from all its weeks' values. */
static double expected(const double *values, const mishi_measure_info *m) {
    const double *from = values + m->from - 1;
    size_t n = (size_t)(m->to - m->from + 1);
    switch (m->summary) {
    case MISHI_SUMMARY_FINAL: return values[m->to - 1];
    case MISHI_SUMMARY_MEAN: return reduced(from, n, MISHI_OVER_FIRMS_MEAN);
    case MISHI_SUMMARY_MAX: return reduced(from, n, MISHI_OVER_FIRMS_MAX);
    case MISHI_SUMMARY_MIN: return reduced(from, n, MISHI_OVER_FIRMS_MIN);
    default: break;
    }
    bool above = m->summary == MISHI_SUMMARY_FIRST_WEEK_ABOVE;
    for (size_t k = 0; k < n; k++)
        if (above ? from[k] > m->value : from[k] < m->value)
            return m->from + (double)k;
    return NAN;
}

/* Equal, NaN equal to NaN; means may differ in the last bits. */
static void assert_same(double got, double want, const char *what) {
    bool same = isnan(want) ? isnan(got)
                            : fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want));
    if (!same) fail_msg("%s: recorded %.17g, rows give %.17g", what, got, want);
}

/* " over the firms by sum" for a firms.csv quantity, for messages. */
static const char *over(const mishi_quantity *q) {
    static char text[64];
    if (strncmp(q->name, "firms.", 6) != 0) return "";
    snprintf(text, sizeof text, " over the firms by %s",
             mishi_over_firms_name(q->over_firms));
    return text;
}

/* Every measure and series of `rec` against the rows of the same run. */
static void check_against(const rows *r, const mishi_recorder *rec,
                          const mishi_measure_info *measures, size_t n,
                          const mishi_quantity *series, size_t series_count) {
    double values[WEEKS];
    char what[160];
    for (size_t i = 0; i < n; i++) {
        const mishi_measure_info *m = &measures[i];
        weekly(r, &m->quantity, values);
        snprintf(what, sizeof what, "%s%s %s, weeks %d-%d, value %g",
                 m->quantity.name, over(&m->quantity),
                 mishi_summary_name(m->summary), m->from, m->to, m->value);
        assert_same(mishi_recorder_measure(rec, i), expected(values, m), what);
    }
    for (size_t s = 0; s < series_count; s++) {
        size_t weeks = 0;
        const double *got = mishi_recorder_series(rec, s, &weeks);
        assert_int_equal(weeks, WEEKS);
        weekly(r, &series[s], values);
        for (int w = 0; w < WEEKS; w++) {
            snprintf(what, sizeof what, "series %s%s, week %d", series[s].name,
                     over(&series[s]), w + 1);
            assert_same(got[w], values[w], what);
        }
    }
}

/* ------------------------------------------------------------------ tests */

static void names(void **state) {
    (void)state;
    assert_string_equal(mishi_summary_name(MISHI_SUMMARY_FINAL), "final");
    assert_string_equal(mishi_summary_name(MISHI_SUMMARY_FIRST_WEEK_BELOW),
                        "first_week_below");
    assert_null(mishi_summary_name(MISHI_SUMMARY_COUNT));
    assert_null(mishi_summary_name((mishi_summary)-1));
    assert_string_equal(mishi_over_firms_name(MISHI_OVER_FIRMS_SUM), "sum");
    assert_string_equal(mishi_over_firms_name(MISHI_OVER_FIRMS_MIN), "min");
    assert_null(mishi_over_firms_name(MISHI_OVER_FIRMS_COUNT));
}

/* Every summary of `q` over weeks 1..WEEKS and 10..30, thresholds half
 * way between its least and largest value in `first` (a run of the same
 * scenario), and the largest and least themselves, which no week is
 * strictly above or below: first_week_* must read NaN. */
static size_t all_summaries(const rows *first, mishi_quantity q,
                            mishi_measure_info *out) {
    double values[WEEKS];
    weekly(first, &q, values);
    double high = reduced(values, WEEKS, MISHI_OVER_FIRMS_MAX);
    double low = reduced(values, WEEKS, MISHI_OVER_FIRMS_MIN);
    const int windows[][2] = {{1, WEEKS}, {10, 30}};
    size_t n = 0;
    for (size_t k = 0; k < 2; k++)
        for (int s = 0; s < MISHI_SUMMARY_COUNT; s++)
            out[n++] = (mishi_measure_info){q.name, q, (mishi_summary)s,
                                            windows[k][0], windows[k][1],
                                            (low + high) / 2};
    out[n++] = (mishi_measure_info){q.name, q, MISHI_SUMMARY_FIRST_WEEK_ABOVE,
                                    1, WEEKS, high};
    out[n++] = (mishi_measure_info){q.name, q, MISHI_SUMMARY_FIRST_WEEK_BELOW,
                                    1, WEEKS, low};
    return n;
}

static void summaries_match_rows(void **state) {
    (void)state;
    const char *sets[] = {FALLING, NULL};
    const mishi_quantity asked[] = {
        {"market.mean_quality", NULL, NULL, 0, 0, NULL},
        {"market.units", NULL, NULL, 0, 0, NULL},
        {"market.active_firms", NULL, NULL, 0, 0, NULL},
        {"firms.profit", NULL, NULL, MISHI_OVER_FIRMS_SUM, 0, NULL},
        {"firms.units", NULL, NULL, MISHI_OVER_FIRMS_MAX, 0, NULL},
        {"firms.repeat_rate", NULL, NULL, MISHI_OVER_FIRMS_MEAN, 0, NULL},
    };
    rows first = {0}, again = {0};
    run(sets, WEEKS, NULL, &first);
    mishi_measure_info measures[COUNT(asked) * (2 * MISHI_SUMMARY_COUNT + 2)];
    size_t n = 0;
    for (size_t q = 0; q < COUNT(asked); q++)
        n += all_summaries(&first, asked[q], measures + n);
    mishi_recorder *rec = recorder_for(measures, n, NULL, 0, WEEKS);
    run(sets, WEEKS, rec, &again);
    check_against(&again, rec, measures, n, NULL, 0);
    /* the crossing tests mean something: quality falls below its midpoint
     * after the first week (measure 5: first_week_below over 1..WEEKS) */
    assert_int_equal(measures[5].summary, MISHI_SUMMARY_FIRST_WEEK_BELOW);
    assert_true(mishi_recorder_measure(rec, 5) > 1);
    mishi_recorder_free(rec);
    rows_free(&first);
    rows_free(&again);
}

/* Each reduction over the firms, each week, in a busy market and in one
 * where most firms sell nothing (their repeat rate is NaN); the firms'
 * units add up to the market's every week. */
static void firms_reduced(const char *const *sets) {
    const char *columns[] = {"firms.units", "firms.profit", "firms.repeat_rate"};
    mishi_quantity series[COUNT(columns) * MISHI_OVER_FIRMS_COUNT];
    size_t n = 0;
    for (size_t c = 0; c < COUNT(columns); c++)
        for (int how = 0; how < MISHI_OVER_FIRMS_COUNT; how++)
            series[n++] = (mishi_quantity){columns[c], NULL, NULL, (mishi_over_firms)how, 0, NULL};
    mishi_recorder *rec = recorder_for(NULL, 0, series, n, WEEKS);
    rows r = {0};
    run(sets, WEEKS, rec, &r);
    check_against(&r, rec, NULL, 0, series, n);
    const double *units = mishi_recorder_series(rec, 0, NULL);
    for (int w = 0; w < WEEKS; w++)
        assert_true(units[w] == (double)r.market[w].units);
    mishi_recorder_free(rec);
    rows_free(&r);
}

static void firms_match_rows(void **state) {
    (void)state;
    const char *busy[] = {SMALL, NULL};
    firms_reduced(busy);
    const char *sparse[] = {SPARSE, NULL};
    firms_reduced(sparse);
}

static void series_match_rows(void **state) {
    (void)state;
    const char *sets[] = {SMALL, NULL};
    const mishi_quantity series[] = {{"market.mean_quality", NULL, NULL, 0, 0, NULL},
                                     {"market.units", NULL, NULL, 0, 0, NULL},
                                     {"market.active_firms", NULL, NULL, 0, 0, NULL}};
    mishi_recorder *rec = recorder_for(NULL, 0, series, 3, WEEKS);
    rows r = {0};
    run(sets, WEEKS, rec, &r);
    check_against(&r, rec, NULL, 0, series, 3);
    for (int w = 0; w < WEEKS; w++) /* exactly, not just within rounding */
        assert_true(mishi_recorder_series(rec, 1, NULL)[w] == (double)r.market[w].units);
    size_t weeks = 7;
    assert_null(mishi_recorder_series(rec, 3, &weeks));
    assert_int_equal(weeks, 0);
    assert_true(isnan(mishi_recorder_measure(rec, 0)));
    mishi_recorder_free(rec);
    rows_free(&r);
}

/* Weeks that sold nothing have no mean quality: mean, max and min leave
 * them out, and `final` in such a week is NaN. */
static void missing_weeks_left_out(void **state) {
    (void)state;
    const char *sets[] = {SPARSE, NULL};
    rows first = {0}, again = {0};
    run(sets, WEEKS, NULL, &first);
    int empty = 0, sold = 0;
    for (int w = WEEKS; w >= 1; w--) { /* the first of each */
        if (first.market[w - 1].units) sold = w;
        else empty = w;
    }
    if (!empty || !sold) fail_msg("the sparse market needs empty and busy weeks");
    mishi_quantity q = {"market.mean_quality", NULL, NULL, 0, 0, NULL};
    const mishi_measure_info measures[] = {
        {"m", q, MISHI_SUMMARY_MEAN, 1, WEEKS, 0},
        {"m", q, MISHI_SUMMARY_MAX, 1, WEEKS, 0},
        {"m", q, MISHI_SUMMARY_MIN, 1, WEEKS, 0},
        {"m", q, MISHI_SUMMARY_FINAL, 1, empty, 0},
        {"m", q, MISHI_SUMMARY_FINAL, 1, sold, 0},
        {"m", q, MISHI_SUMMARY_MEAN, empty, empty, 0},
        {"m", q, MISHI_SUMMARY_FIRST_WEEK_ABOVE, 1, WEEKS, -1},
    };
    mishi_recorder *rec = recorder_for(measures, 7, NULL, 0, WEEKS);
    run(sets, WEEKS, rec, &again);
    check_against(&again, rec, measures, 7, NULL, 0);
    assert_true(isnan(mishi_recorder_measure(rec, 3)));
    assert_false(isnan(mishi_recorder_measure(rec, 0)));
    assert_true(isnan(mishi_recorder_measure(rec, 5)));
    assert_true(mishi_recorder_measure(rec, 6) == sold);
    mishi_recorder_free(rec);
    rows_free(&first);
    rows_free(&again);
}

/* Every firm goes broke in week 1; from week 2 there are no firms: a sum
 * over none is 0 (nobody sold anything), any other reduction NaN. */
static void no_firms_read_nan(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "firms.0.cash=1", "firms.0.fixed_cost=100", NULL};
    const mishi_quantity series[] = {
        {"firms.units", NULL, NULL, MISHI_OVER_FIRMS_SUM, 0, NULL},
        {"firms.cash", NULL, NULL, MISHI_OVER_FIRMS_MAX, 0, NULL}};
    mishi_recorder *rec = recorder_for(NULL, 0, series, 2, WEEKS);
    rows r = {0};
    run(sets, WEEKS, rec, &r);
    assert_int_equal(r.firm_count[0], 8);
    for (int w = 1; w < WEEKS; w++) {
        assert_int_equal(r.firm_count[w], 0);
        assert_true(mishi_recorder_series(rec, 0, NULL)[w] == 0.0);
        assert_true(isnan(mishi_recorder_series(rec, 1, NULL)[w]));
    }
    assert_true(mishi_recorder_series(rec, 1, NULL)[0] < 0);
    mishi_recorder_free(rec);
    rows_free(&r);
}

/* A recorder for 20 weeks fed a 40-week run keeps the first 20. */
static void weeks_beyond_the_horizon_ignored(void **state) {
    (void)state;
    const char *sets[] = {SMALL, NULL};
    const mishi_quantity q = {"market.units", NULL, NULL, 0, 0, NULL};
    const mishi_measure_info final = {"units", q, MISHI_SUMMARY_FINAL, 1, 20, 0};
    mishi_recorder *rec = recorder_for(&final, 1, &q, 1, 20);
    rows r = {0};
    run(sets, WEEKS, rec, &r);
    size_t weeks = 0;
    const double *units = mishi_recorder_series(rec, 0, &weeks);
    assert_int_equal(weeks, 20);
    for (int w = 0; w < 20; w++) assert_true(units[w] == (double)r.market[w].units);
    assert_true(mishi_recorder_measure(rec, 0) == (double)r.market[19].units);
    mishi_recorder_free(rec);
    rows_free(&r);
}

/* Every measure and series, bit for bit. */
static void assert_identical(const mishi_recorder *a, const mishi_recorder *b,
                             size_t measures, size_t series) {
    for (size_t i = 0; i < measures; i++) {
        double x = mishi_recorder_measure(a, i), y = mishi_recorder_measure(b, i);
        assert_true(memcmp(&x, &y, sizeof x) == 0);
    }
    for (size_t s = 0; s < series; s++) {
        size_t weeks = 0;
        const double *x = mishi_recorder_series(a, s, &weeks);
        assert_memory_equal(x, mishi_recorder_series(b, s, NULL), weeks * sizeof *x);
    }
}

/* A recorder part-way through another run (one week of another seed: a
 * value kept from it would pass for week 1), reset, then fed a whole run,
 * records what a new one does; and again after a second reset. */
static void reset_records_again(void **state) {
    (void)state;
    const char *sets[] = {FALLING, NULL};
    const char *other[] = {FALLING, "seed=2", NULL};
    rows first = {0};
    run(sets, WEEKS, NULL, &first);
    mishi_measure_info measures[2 * (2 * MISHI_SUMMARY_COUNT + 2)];
    mishi_quantity q[] = {{"market.mean_quality", NULL, NULL, 0, 0, NULL},
                          {"firms.profit", NULL, NULL, MISHI_OVER_FIRMS_MEAN, 0, NULL}};
    size_t n = all_summaries(&first, q[0], measures);
    n += all_summaries(&first, q[1], measures + n);
    mishi_recorder *fresh = recorder_for(measures, n, q, 2, WEEKS);
    mishi_recorder *reused = recorder_for(measures, n, q, 2, WEEKS);
    run(sets, WEEKS, fresh, NULL);
    run(other, 1, reused, NULL);
    mishi_recorder_reset(reused);
    run(sets, WEEKS, reused, NULL);
    assert_identical(fresh, reused, n, 2);
    mishi_recorder_reset(reused);
    run(sets, WEEKS, reused, NULL);
    assert_identical(fresh, reused, n, 2);
    mishi_recorder_free(fresh);
    mishi_recorder_free(reused);
    rows_free(&first);
}

/* A quantity may name its file and column instead of `name`. */
static void file_and_column(void **state) {
    (void)state;
    const char *sets[] = {SMALL, NULL};
    const mishi_quantity series[] = {
        {"firms.profit", NULL, NULL, MISHI_OVER_FIRMS_MEAN, 0, NULL},
        {NULL, "firms.csv", "profit", MISHI_OVER_FIRMS_MEAN, 0, NULL},
        {"firms.profit", "firms.csv", "profit", MISHI_OVER_FIRMS_MEAN, 0, NULL}};
    mishi_recorder *rec = recorder_for(NULL, 0, series, 3, WEEKS);
    run(sets, WEEKS, rec, NULL);
    const double *a = mishi_recorder_series(rec, 0, NULL);
    assert_memory_equal(a, mishi_recorder_series(rec, 1, NULL), WEEKS * sizeof *a);
    assert_memory_equal(a, mishi_recorder_series(rec, 2, NULL), WEEKS * sizeof *a);
    mishi_recorder_free(rec);
}

static void refused(mishi_measure_info m, const char *expected_message) {
    mishi_recorder *rec = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_recorder_new_for(&m, 1, NULL, 0, WEEKS, &rec, &err),
                     MISHI_EARG);
    assert_null(rec);
    if (!strstr(err.message, expected_message) || !strstr(err.message, "'bad'"))
        fail_msg("expected '%s' naming measure 'bad', got: %s",
                 expected_message, err.message);
}

static void refuses_bad_specifications(void **state) {
    (void)state;
    mishi_quantity q = {"market.mean_quality", NULL, NULL, 0, 0, NULL};
    mishi_measure_info m = {"bad", q, MISHI_SUMMARY_MEAN, 1, WEEKS, 0};
    refused((mishi_measure_info){"bad", {"market.mean_qualty", NULL, NULL, 0, 0, NULL},
                                 MISHI_SUMMARY_MEAN, 1, WEEKS, 0},
            "market.csv has no column 'mean_qualty'; did you mean 'mean_quality'?");
    refused((mishi_measure_info){"bad", {"maket.units", NULL, NULL, 0, 0, NULL},
                                 MISHI_SUMMARY_MEAN, 1, WEEKS, 0},
            "'maket.units' is neither market.COLUMN nor firms.COLUMN");
    refused((mishi_measure_info){"bad", {NULL, "firms", "units", 0, 0, NULL},
                                 MISHI_SUMMARY_MAX, 1, WEEKS, 0},
            "file 'firms' is neither market.csv nor firms.csv");
    refused((mishi_measure_info){"bad", {"firms.class", NULL, NULL, 0, 0, NULL},
                                 MISHI_SUMMARY_MAX, 1, WEEKS, 0},
            "column 'class' of firms.csv is text, not a number");
    refused((mishi_measure_info){"bad", {"market.units", "firms.csv", "units", 0, 0, NULL},
                                 MISHI_SUMMARY_MAX, 1, WEEKS, 0},
            "is not file 'firms.csv'");
    refused((mishi_measure_info){"bad", {NULL, NULL, NULL, 0, 0, NULL},
                                 MISHI_SUMMARY_MAX, 1, WEEKS, 0},
            "no column given");
    refused((mishi_measure_info){"bad", {"firms.profit", NULL, NULL, 7, 0, NULL},
                                 MISHI_SUMMARY_MAX, 1, WEEKS, 0},
            "no way 7 to take a column over the firms");
    m.from = 30, m.to = 10;
    refused(m, "weeks [30, 10] end before they begin");
    m.from = 0, m.to = 10;
    refused(m, "weeks [0, 10] are not within the run's weeks 1..40");
    m.from = 1, m.to = WEEKS + 1;
    refused(m, "weeks [1, 41] are not within");
    m.to = WEEKS, m.summary = MISHI_SUMMARY_COUNT;
    refused(m, "no summary");
    m.summary = MISHI_SUMMARY_FIRST_WEEK_ABOVE, m.value = NAN;
    refused(m, "first_week_above needs a `value`, not NaN");
}

static void refuses_bad_series_and_horizons(void **state) {
    (void)state;
    mishi_recorder *rec = NULL;
    mishi_error err = {0};
    const mishi_quantity bad = {"firms.clas", NULL, NULL, MISHI_OVER_FIRMS_SUM, 0, NULL};
    assert_int_equal(mishi_recorder_new_for(NULL, 0, &bad, 1, WEEKS, &rec, &err),
                     MISHI_EARG);
    assert_string_equal(err.message, "series 0: firms.csv has no column 'clas'; "
                                     "did you mean 'class'?");
    const mishi_quantity good = {"market.units", NULL, NULL, 0, 0, NULL};
    assert_int_equal(mishi_recorder_new_for(NULL, 0, &good, 1, 0, &rec, &err),
                     MISHI_EARG);
    assert_non_null(strstr(err.message, "runs of 0 weeks"));
    assert_int_equal(mishi_recorder_new_for(NULL, 1, NULL, 0, WEEKS, &rec, &err),
                     MISHI_EARG);
    assert_null(rec);
    /* nothing asked is a valid, if idle, recorder */
    assert_int_equal(mishi_recorder_new_for(NULL, 0, NULL, 0, WEEKS, &rec, &err),
                     MISHI_OK);
    mishi_recorder_reset(rec);
    mishi_recorder_free(rec);
    mishi_recorder_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(summaries_match_rows),
        cmocka_unit_test(firms_match_rows),
        cmocka_unit_test(series_match_rows),
        cmocka_unit_test(missing_weeks_left_out),
        cmocka_unit_test(no_firms_read_nan),
        cmocka_unit_test(weeks_beyond_the_horizon_ignored),
        cmocka_unit_test(reset_records_again),
        cmocka_unit_test(file_and_column),
        cmocka_unit_test(refuses_bad_specifications),
        cmocka_unit_test(refuses_bad_series_and_horizons),
    };
    return cmocka_run_group_tests_name("recorder", tests, NULL, NULL);
}
