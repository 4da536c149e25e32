/*
 * loops.c — the plainest one-thread C loops for two classic workloads, the
 * yardstick issue 13 measures `mishi bench --workload wkh|bass` against.
 *
 *   bench_loops wkh N SELLERS WEEKS   Weisbuch-Kirman-Herreiner loyalty:
 *       each buyer, each week, picks a seller with probability
 *       exp(beta J_j) / sum_k exp(beta J_k) (beta 5), then every J decays by
 *       gamma 0.1 and the chosen seller's grows by pi 1.
 *   bench_loops bass N WEEKS           Bass diffusion on a ring: each
 *       prospect adopts with probability p + q a/10 (p 0.01, q 0.4), a its
 *       adopted neighbours among the 10 nearest ids, read from last week.
 *   bench_loops bandwidth MEGABYTES    one core's memory bandwidth (a copy).
 *
 * It prints agent-weeks per second and a summary of the end state. The
 * random numbers are splitmix64; nothing here is shared with mishi, so the
 * ratio measures the engine, not a common library.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t splitmix(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *state) {
    return (double)(splitmix(state) >> 11) * 0x1.0p-53;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* One buyer-week: choose by logit over beta J, then learn. */
static int wkh_buyer(float *J, int sellers, uint64_t *rng) {
    const double beta = 5.0, gamma = 0.1;
    double weight[64], total = 0.0;
    for (int j = 0; j < sellers; j++) total += weight[j] = exp(beta * J[j]);
    double u = uniform(rng) * total;
    int chosen = sellers - 1;
    for (int j = 0; j < sellers - 1; j++)
        if ((u -= weight[j]) < 0.0) {
            chosen = j;
            break;
        }
    for (int j = 0; j < sellers; j++) J[j] *= (float)(1.0 - gamma);
    J[chosen] += 1.0f;
    return chosen;
}

static int wkh(long n, int sellers, int weeks) {
    if (sellers < 1 || sellers > 64) return fprintf(stderr, "sellers: 1 to 64\n"), 2;
    float *J = calloc((size_t)n * (size_t)sellers, sizeof *J);
    if (!J) return fprintf(stderr, "out of memory\n"), 1;
    uint64_t rng = 2000;
    long loyal = 0;
    double t0 = seconds();
    for (int w = 0; w < weeks; w++)
        for (long i = 0; i < n; i++) wkh_buyer(J + i * sellers, sellers, &rng);
    double run = seconds() - t0;
    for (long i = 0; i < n; i++) { /* loyal: one seller holds 90% of J */
        double sum = 0.0, top = 0.0;
        for (int j = 0; j < sellers; j++)
            sum += J[i * sellers + j], top = fmax(top, J[i * sellers + j]);
        if (sum > 0.0 && top > 0.9 * sum) loyal++;
    }
    printf("workload: wkh\nagents: %ld\nsellers: %d\nweeks: %d\n", n, sellers, weeks);
    printf("run_seconds: %.3f\nagent_weeks_per_second: %.3g\nloyal_share: %.4f\n",
           run, (double)n * weeks / run, (double)loyal / (double)n);
    free(J);
    return 0;
}

static int bass(long n, int weeks) {
    const double p = 0.01, q = 0.4;
    unsigned char *adopted = calloc((size_t)n, 1), *next = calloc((size_t)n, 1);
    if (!adopted || !next) return fprintf(stderr, "out of memory\n"), 1;
    uint64_t rng = 1969;
    long total = 0;
    double t0 = seconds();
    for (int w = 0; w < weeks; w++) {
        memcpy(next, adopted, (size_t)n);
        for (long i = 0; i < n; i++) {
            if (adopted[i]) continue;
            int a = 0;
            for (int k = 1; k <= 5; k++)
                a += adopted[(i + k) % n] + adopted[(i - k + n) % n];
            if (uniform(&rng) < p + q * a / 10.0) next[i] = 1, total++;
        }
        unsigned char *swap = adopted;
        adopted = next, next = swap;
    }
    double run = seconds() - t0;
    printf("workload: bass\nagents: %ld\nweeks: %d\n", n, weeks);
    printf("run_seconds: %.3f\nagent_weeks_per_second: %.3g\nadopted_share: %.4f\n",
           run, (double)n * weeks / run, (double)total / (double)n);
    free(adopted), free(next);
    return 0;
}

/* Memory bandwidth on one core, as a STREAM-like copy (McCalpin 1995):
 * b[i] = a[i] over arrays far larger than the caches, bytes read plus
 * bytes written per second, best of five passes. The yardstick for the
 * bounds in bench/README.md: a workload that touches B bytes per
 * agent-week can do at most bandwidth / B agent-weeks per second a core. */
static int bandwidth(long megabytes) {
    size_t n = (size_t)megabytes * 1024 * 1024 / sizeof(double);
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    if (!a || !b) return fprintf(stderr, "bench_loops: out of memory\n"), 1;
    for (size_t i = 0; i < n; i++) a[i] = (double)i, b[i] = 0.0;
    double best = 0.0;
    for (int pass = 0; pass < 5; pass++) {
        double t0 = seconds();
        memcpy(b, a, n * sizeof *a);
        double rate = 2.0 * (double)(n * sizeof *a) / (seconds() - t0);
        if (rate > best) best = rate;
        a[pass] = b[n - 1 - (size_t)pass]; /* the copies are used */
    }
    printf("workload: bandwidth\nmegabytes: %ld\nbytes_per_second: %.3g\n",
           megabytes, best);
    free(a), free(b);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 5 && strcmp(argv[1], "wkh") == 0)
        return wkh(atol(argv[2]), atoi(argv[3]), atoi(argv[4]));
    if (argc == 4 && strcmp(argv[1], "bass") == 0)
        return bass(atol(argv[2]), atoi(argv[3]));
    if (argc == 3 && strcmp(argv[1], "bandwidth") == 0)
        return bandwidth(atol(argv[2]));
    fprintf(stderr, "usage: bench_loops wkh N SELLERS WEEKS | bass N WEEKS | "
                    "bandwidth MEGABYTES\n");
    return 2;
}
