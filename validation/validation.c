/*
 * validation.c — the list of classic results mishi's own model must
 * reproduce (`mishi validate`), and what the cases share. The cases are
 * bass.c, wkh.c, logit.c, clv.c and lemons.c, one file per published
 * result; cases.h says how a case is built.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "cases.h"

/* Each case and its size: `full` consumers at scale 1, never fewer than
 * `fewest`, below which its statistic stops being meaningful. */
static const struct {
    const char *name, *reference, *statistic;
    validation_case run;
    long full, fewest;
} cases[] = {
    {"bass-diffusion", "Bass (1969) diffusion; agent form of Rand & Rust (2011)",
     "largest |F_sim - F_theory| over the weeks, in standard errors",
     validate_bass, 200000, 2000},
    {"wkh-loyalty", "buyer loyalty of Weisbuch, Kirman & Herreiner (2000)",
     "|beta_c estimate / beta_c - 1| at the smallest gamma",
     validate_wkh, 2000, 100},
    /* at full size about 1.2 million choices, 1.5 with the outside good */
    {"logit-shares", "multinomial logit shares (McFadden 1974), without and "
     "with an outside good",
     "Pearson X^2 of shoppers' choices against logit probabilities, summed "
     "over two independent runs: firms only (df 4) + outside good (df 5)",
     validate_logit, 1000000, 1000},
    {"customer-lifetime-value", "customer lifetime value m r / (1 + d - r) "
     "(Gupta & Lehmann 2003)",
     "|mean value - m r / (1 + d - r)| in standard errors",
     validate_clv, 100000, 1000},
    {"lemons", "lemons (Akerlof 1970) and reputation (Klein & Leffler 1981)",
     "largest |quality_sim - quality_mean-field| / tolerance over the runs",
     validate_lemons, 20000, 2000},
};

size_t mishi_validation_count(void) { return sizeof cases / sizeof cases[0]; }

const char *mishi_validation_name(size_t index) {
    return index < mishi_validation_count() ? cases[index].name : NULL;
}

mishi_status mishi_validation_run(size_t index, double scale, int threads,
                                  mishi_validation *out, mishi_error *err) {
    /* (a trillion consumers would not fit in any machine's memory) */
    if (!out || index >= mishi_validation_count() ||
        !(scale > 0.0 && (double)cases[index].full * scale < 1e12))
        return mishi_error_set(err, MISHI_EARG,
                               "validation case %zu at scale %g: no such case "
                               "or size", index, scale);
    *out = (mishi_validation){.name = cases[index].name,
                              .reference = cases[index].reference,
                              .statistic = cases[index].statistic,
                              .measured = NAN, .expected = NAN, .limit = NAN};
    long consumers = lround((double)cases[index].full * scale);
    if (consumers < cases[index].fewest) /* also a scale so small it rounds to 0 */
        consumers = cases[index].fewest, out->at_fewest = 1;
    out->consumers = consumers;
    mishi_status rc = cases[index].run(consumers, threads, out, err);
    if (rc) mishi_validation_clear(out);
    return rc;
}

void mishi_validation_clear(mishi_validation *v) {
    if (!v) return;
    free(v->points);
    v->points = NULL, v->point_count = 0;
}

/* ------------------------------------------------- shared by the cases */

mishi_status validation_set(mishi_scenario *sc, const char *path, double value,
                            mishi_error *err) {
    char assignment[128];
    snprintf(assignment, sizeof assignment, "%s=%.17g", path, value);
    return mishi_scenario_set(sc, assignment, err);
}

mishi_status validation_scenario(const char *yaml, const char *name,
                                 const validation_setting *settings,
                                 size_t count, mishi_scenario **sc,
                                 mishi_error *err) {
    mishi_status rc = mishi_scenario_load_string(yaml, name, sc, err);
    for (size_t k = 0; !rc && k < count; k++)
        rc = validation_set(*sc, settings[k].path, settings[k].value, err);
    if (rc) mishi_scenario_free(*sc), *sc = NULL;
    return rc;
}

static void watch_purchases(const validation_watch *watch, const mishi_sim *sim) {
    for (size_t k = 0; k < mishi_sim_purchase_count(sim); k++) {
        mishi_purchase_row row;
        mishi_sim_purchase(sim, k, &row);
        watch->purchase(watch->state, sim, &row);
    }
}

mishi_status validation_run(const mishi_scenario *sc, int threads,
                            const validation_watch *watch, mishi_error *err) {
    mishi_sim *sim = NULL;
    mishi_run_options options = {.threads = threads};
    mishi_status rc = mishi_sim_new(sc, &options, &sim, err);
    if (!rc && watch->start) rc = watch->start(watch->state, sim, err);
    while (!rc && mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        if ((rc = mishi_sim_step(sim, err))) break;
        if (watch->purchase) watch_purchases(watch, sim);
        if (watch->week) watch->week(watch->state, sim);
    }
    mishi_sim_free(sim);
    return rc;
}

void validation_detail(mishi_validation *out, const char *label,
                       double simulated, double theory) {
    if (out->detail_count >= MISHI_VALIDATION_DETAIL) return;
    int k = out->detail_count++;
    snprintf(out->detail[k].label, sizeof out->detail[k].label, "%s", label);
    out->detail[k].simulated = simulated;
    out->detail[k].theory = theory;
}

mishi_status validation_point(mishi_validation *out, const char *series,
                              double x, double simulated, double theory,
                              mishi_error *err) {
    size_t n = out->point_count;
    /* capacity: 16, then doubled whenever a power of two fills up */
    if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
        mishi_validation_point *grown =
            realloc(out->points, (n ? 2 * n : 16) * sizeof *grown);
        if (!grown)
            return mishi_error_set(err, MISHI_ENOMEM, "out of memory for curves");
        out->points = grown;
    }
    mishi_validation_point *p = &out->points[out->point_count++];
    snprintf(p->series, sizeof p->series, "%s", series);
    p->panel = out->panel_count > 0 ? out->panel_count - 1 : 0;
    p->x = x, p->simulated = simulated, p->theory = theory;
    return MISHI_OK;
}

void validation_panel(mishi_validation *out, const char *title,
                      const char *x_label, const char *y_label, int log_axes) {
    if (out->panel_count >= MISHI_VALIDATION_PANELS) return;
    out->panel[out->panel_count++] = (mishi_validation_panel){
        .title = title, .x_label = x_label, .y_label = y_label,
        .log_x = (log_axes & VALIDATION_LOG_X) != 0,
        .log_y = (log_axes & VALIDATION_LOG_Y) != 0};
    if (out->panel_count == 1) out->x_label = x_label, out->y_label = y_label;
}

double validation_z(int comparisons) {
    return gsl_cdf_ugaussian_Qinv(VALIDATION_FALSE_ALARM / (2.0 * comparisons));
}
