/*
 * bass.c — Bass (1969) diffusion, in the agent form of Rand &
 * Rust (2011): one firm; every consumer starts as a prospect and adopts in
 * a week with probability p + q A, A the share of adopters it sees
 * (adoption.c). Nothing else happens: no one leaves, no device fails or is
 * replaced within the run.
 *
 * Fully mixed (A = the population's share of adopters) the expected share
 * of adopters follows the discrete Bass equation
 *     F(t+1) = F(t) + (p + q F(t)) (1 - F(t)),  F(0) = 0,
 * whose continuous-time limit is Bass's F(t) = (1 - e^{-(p+q)t}) /
 * (1 + (q/p) e^{-(p+q)t}). The simulated share scatters around it with a
 * variance given by the linear noise approximation (van Kampen): with
 * f(F) = F + (p + qF)(1 - F),
 *     V(t+1) = f'(F(t))^2 V(t) + (1 - F(t)) h(t) (1 - h(t)) / N,
 * h = p + q F: binomial adoption noise, carried forward by the dynamics.
 * The case passes if every week's deviation is within the two-sided
 * Bonferroni quantile of that standard error.
 *
 * On a sparse ring (each consumer asks 4 friends within 2 places of it)
 * adopters cluster, prospects see fewer adopters than the population
 * holds, and diffusion is slower: at the week the mixed theory reaches
 * half adoption, the ring must be measurably (5 binomial standard errors)
 * below one half.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"

#define BASS_WEEKS 104
static const double bass_p = 0.005, bass_q = 0.1; /* per week */

static const char bass_yaml[] =
    "name: validate-bass-diffusion\n"
    "seed: 1969\n"
    "consumers: {initial_owners: 0, transient_share: 0, failure_rate: 0,\n"
    "            device_life_weeks: 1e6,   # no replacement within the run\n"
    "            friends: 4, network_window: 2, network_locality: 1}\n"
    "adoption: {fully_mixed: 1}\n"
    "firms: [{name: maker, count: 1, cash: 1e12}]\n";

static mishi_status bass_scenario(long consumers, int fully_mixed,
                                  mishi_scenario **sc, mishi_error *err) {
    const validation_setting settings[] = {
        {"weeks", BASS_WEEKS},
        {"consumers.count", (double)consumers},
        {"adoption.innovation", bass_p},
        {"adoption.imitation", bass_q},
        {"adoption.fully_mixed", fully_mixed},
    };
    return validation_scenario(bass_yaml, "bass-diffusion", settings,
                               VALIDATION_COUNT(settings), sc, err);
}

typedef struct adopters {
    double *share; /* of consumers, at the end of each week */
    int64_t consumers;
} adopters;

static void count_adopters(void *state, const mishi_sim *sim) {
    adopters *a = state;
    a->consumers = mishi_sim_consumers(sim);
    a->share[mishi_sim_week(sim)] =
        (double)mishi_sim_market(sim)->adopters / (double)a->consumers;
}

/* The share of adopters at the end of each week 1..BASS_WEEKS. */
static mishi_status run_adopters(long consumers, int fully_mixed, int threads,
                                 double share[BASS_WEEKS + 1], int64_t *n,
                                 mishi_error *err) {
    mishi_scenario *sc = NULL;
    adopters a = {share, 0};
    const validation_watch watch = {.state = &a, .week = count_adopters};
    share[0] = 0.0;
    mishi_status rc = bass_scenario(consumers, fully_mixed, &sc, err);
    if (!rc) rc = validation_run(sc, threads, &watch, err);
    mishi_scenario_free(sc);
    *n = a.consumers;
    return rc;
}

/* The discrete Bass curve and its linear-noise variance for N consumers. */
static void bass_theory(int64_t n, double mean[BASS_WEEKS + 1],
                        double variance[BASS_WEEKS + 1]) {
    mean[0] = variance[0] = 0.0;
    for (int t = 0; t < BASS_WEEKS; t++) {
        double f = mean[t], h = bass_p + bass_q * f;
        double slope = 1.0 - bass_p + bass_q - 2.0 * bass_q * f; /* f'(F) */
        mean[t + 1] = f + h * (1.0 - f);
        variance[t + 1] = slope * slope * variance[t] +
                          (1.0 - f) * h * (1.0 - h) / (double)n;
    }
}

static double bass_continuous(double t) {
    double e = exp(-(bass_p + bass_q) * t);
    return (1.0 - e) / (1.0 + bass_q / bass_p * e);
}

/* The first week the curve reaches one half (linear interpolation). */
static double half_week(const double f[BASS_WEEKS + 1]) {
    for (int t = 1; t <= BASS_WEEKS; t++)
        if (f[t] >= 0.5) return t - 1 + (0.5 - f[t - 1]) / (f[t] - f[t - 1]);
    return NAN;
}

/* The curve at a week between two ends of weeks (linear interpolation). */
static double value_at(const double f[BASS_WEEKS + 1], double week) {
    double at = floor(week);
    return f[(int)at] + (week - at) * (f[(int)at + 1] - f[(int)at]);
}

/* The largest deviation of the simulated curve from the theory over the
 * weeks, in standard errors; `largest` gets it unscaled. */
static double worst_deviation(const double mixed[BASS_WEEKS + 1],
                              const double theory[BASS_WEEKS + 1],
                              const double variance[BASS_WEEKS + 1],
                              double *largest) {
    double worst = 0.0;
    *largest = 0.0;
    for (int t = 1; t <= BASS_WEEKS; t++) {
        double gap = fabs(mixed[t] - theory[t]);
        if (gap > *largest) *largest = gap;
        if (gap / sqrt(variance[t]) > worst) worst = gap / sqrt(variance[t]);
    }
    return worst;
}

static mishi_status bass_points(mishi_validation *out,
                                const double mixed[BASS_WEEKS + 1],
                                const double ring[BASS_WEEKS + 1],
                                const double theory[BASS_WEEKS + 1],
                                mishi_error *err) {
    mishi_status rc = MISHI_OK;
    validation_panel(out, "cumulative adoption", "week",
                     "share of consumers who adopted, F(t)", 0);
    for (int t = 0; !rc && t <= BASS_WEEKS; t++) {
        rc = validation_point(out, "fully mixed", t, mixed[t], theory[t], err);
        if (!rc) rc = validation_point(out, "ring network", t, ring[t], NAN, err);
        if (!rc) rc = validation_point(out, "Bass (1969), continuous time", t,
                                       NAN, bass_continuous(t), err);
    }
    return rc;
}

mishi_status validate_bass(long consumers, int threads, mishi_validation *out,
                           mishi_error *err) {
    double mixed[BASS_WEEKS + 1], ring[BASS_WEEKS + 1];
    double theory[BASS_WEEKS + 1], variance[BASS_WEEKS + 1];
    int64_t n = 0;
    mishi_status rc = run_adopters(consumers, 1, threads, mixed, &n, err);
    if (!rc) rc = run_adopters(consumers, 0, threads, ring, &n, err);
    if (rc) return rc;
    bass_theory(n, theory, variance);
    double largest, worst = worst_deviation(mixed, theory, variance, &largest);
    double z = validation_z(BASS_WEEKS), half = half_week(theory);
    double ring_at_half = value_at(ring, half);
    int slower = ring_at_half < 0.5 - 5.0 * sqrt(0.25 / (double)n);
    out->measured = worst, out->expected = 0.0, out->limit = z;
    out->sample = n * BASS_WEEKS;
    out->passed = worst <= z && slower;
    validation_detail(out, "max |F_sim - F_theory|", largest, 0.0);
    validation_detail(out, "F at week 13", mixed[13], theory[13]);
    validation_detail(out, "F at week 26", mixed[26], theory[26]);
    validation_detail(out, "F at week 52", mixed[52], theory[52]);
    validation_detail(out, "half-adoption week, mixed", half_week(mixed), half);
    validation_detail(out, "half-adoption week, ring", half_week(ring), half);
    validation_detail(out, "ring F at mixed half week", ring_at_half, 0.5);
    return bass_points(out, mixed, ring, theory, err);
}
