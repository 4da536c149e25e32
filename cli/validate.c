/*
 * validate.c — `mishi validate`: run the classic results the validation
 * library reproduces, print measured against expected, and with --out
 * write their tables and plots. Exit status 1 if any case fails, so a
 * script or CI can gate on it.
 *
 * The cases come from the library by index, so a case added there needs
 * nothing here: --case names, its hint and its list of choices all read
 * the library's names.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mishi_validation.h"

#define SCALE_MAX 100.0 /* a hundred times the default size is hours */

typedef struct validate_options {
    double scale;
    int threads, no_plot, any_chosen;
    size_t count;       /* the library's cases */
    const char **names; /* their names, for --case and its messages */
    int *chosen;        /* by --case; none chosen: every case */
    const char *out_dir;
} validate_options;

static int validate_setup(validate_options *o) {
    o->count = mishi_validation_count();
    o->names = calloc(o->count + 1, sizeof *o->names);
    o->chosen = calloc(o->count + 1, sizeof *o->chosen);
    if (!o->names || !o->chosen) return cli_run_failure("out of memory");
    for (size_t k = 0; k < o->count; k++) o->names[k] = mishi_validation_name(k);
    return 0;
}

static void validate_free(validate_options *o) {
    free(o->names);
    free(o->chosen);
}

static int set_scale(const cli_flag *flag, void *options, const char *value) {
    validate_options *o = options;
    char *end;
    o->scale = strtod(value, &end);
    /* a decimal number: strtod also takes hex ("0x10" was 16) */
    int plain = ((value[0] >= '0' && value[0] <= '9') || value[0] == '.') &&
                value[strspn(value, "0123456789.eE+-")] == '\0';
    if (!plain || end == value || *end || !(o->scale > 0 && o->scale <= SCALE_MAX))
        return cli_usage_error("%s: expected a number above 0 and at most "
                               "%g, got '%s'", flag->name, SCALE_MAX, value);
    return 0;
}

static int choose_case(const cli_flag *flag, void *options, const char *value) {
    validate_options *o = options;
    for (size_t k = 0; k < o->count; k++)
        if (strcmp(value, o->names[k]) == 0) {
            o->chosen[k] = o->any_chosen = 1;
            return 0;
        }
    char cases[1024];
    cli_join(o->names, o->count, cases, sizeof cases);
    const char *hint = mishi_nearest_name(value, o->names, o->count);
    if (hint)
        return cli_usage_error("%s: unknown case '%s'; did you mean '%s'? "
                               "(cases: %s)", flag->name, value, hint, cases);
    return cli_usage_error("%s: unknown case '%s' (cases: %s)", flag->name,
                           value, cases);
}

/* A detail value as a reader wants it: four decimals for a share or a
 * statistic, whole numbers for a count, "-" where there is no theory. */
static const char *detail_value(double x, char *text, size_t size) {
    if (isnan(x)) snprintf(text, size, "-");
    else if (fabs(x) >= 1e4) snprintf(text, size, "%.0f", x);
    else snprintf(text, size, "%.4f", x);
    return text;
}

static void print_case(const mishi_validation *v) {
    printf("%-24s %12.4g %10.4g %10.4g %10" PRId64 "  %s\n", v->name,
           v->measured, v->expected, v->limit, v->sample,
           v->passed ? "PASS" : "FAIL");
    printf("  %s: %s\n", v->reference, v->statistic);
    if (v->at_fewest)
        printf("  ran with %" PRId64 " consumers, the fewest at which its "
               "statistic means anything (--scale asks for fewer)\n", v->consumers);
    for (int d = 0; d < v->detail_count; d++) {
        char simulated[32], theory[32];
        printf("    %-28s simulated %s  theory %s\n", v->detail[d].label,
               detail_value(v->detail[d].simulated, simulated, sizeof simulated),
               detail_value(v->detail[d].theory, theory, sizeof theory));
    }
}

/* Run the chosen cases (default: every one) into results[0..*ran),
 * printing each as it ends, so a long validation shows its progress. */
static int run_cases(const validate_options *o, mishi_validation *results,
                     size_t *ran) {
    printf("%-24s %12s %10s %10s %10s  %s\n", "case", "measured", "expected",
           "limit", "sample", "result");
    for (size_t k = 0; k < o->count; k++) {
        if (o->any_chosen && !o->chosen[k]) continue;
        mishi_error err = {0};
        if (mishi_validation_run(k, o->scale, o->threads, &results[*ran], &err))
            return cli_run_error(&err);
        print_case(&results[(*ran)++]);
    }
    return 0;
}

/* gnuplot on each case's DIR/<case>.gp; returns how many were drawn. */
static int plot_cases(const char *dir, const mishi_validation *results,
                      size_t n) {
    int drawn = 0;
    for (size_t i = 0; i < n; i++) {
        char script[256];
        snprintf(script, sizeof script, "%s.gp", results[i].name);
        int rc = cli_draw_plot(dir, script);
        if (rc == CLI_NO_GNUPLOT) break; /* said once is enough */
        drawn += rc == 0;
    }
    return drawn;
}

/* The library writes the tables and scripts once every case has run;
 * gnuplot draws them. */
static int write_cases(const validate_options *o,
                       const mishi_validation *results, size_t n) {
    mishi_error err = {0};
    if (mishi_validation_write(o->out_dir, results, n, &err) != MISHI_OK)
        return cli_run_error(&err);
    int drawn = o->no_plot ? 0 : plot_cases(o->out_dir, results, n);
    printf("output: %s/ (validation.csv, details.csv, curves.csv and a "
           ".gp script per case%s)\n", o->out_dir,
           drawn ? ", drawn as .svg and .png" : "");
    return 0;
}

static int validate_main(const cli_command *self, int argc, char **argv) {
    validate_options o = {0};
    mishi_validation *results = NULL;
    size_t ran = 0;
    int rc = validate_setup(&o);
    if (!rc) rc = cli_parse(self, argc, argv, &o);
    if (!rc && o.no_plot && !o.out_dir) /* else ignored without a word */
        rc = cli_usage_error("--no-plot: plots are drawn only into --out DIR; "
                             "give --out, or leave --no-plot out");
    if (!rc && !(results = calloc(o.count + 1, sizeof *results)))
        rc = cli_run_failure("out of memory");
    if (!rc) rc = run_cases(&o, results, &ran);
    if (!rc && o.out_dir) rc = write_cases(&o, results, ran);
    int failed = 0;
    for (size_t i = 0; i < ran; i++) {
        failed += !results[i].passed;
        mishi_validation_clear(&results[i]);
    }
    free(results);
    validate_free(&o);
    if (rc) return rc;
    return failed ? CLI_EXIT_RUN : 0;
}

static const cli_flag validate_flags[] = {
    {"--scale", "FACTOR", "size relative to the default", "1",
     .set = set_scale},
    CLI_THREADS_FLAG(validate_options),
    {"--case", "NAME", "run only this case; repeatable (default: all)",
     .set = choose_case},
    {"--out", "DIR", "also write validation.csv, details.csv, curves.csv "
     "and a gnuplot script per case", .set = cli_set_folder,
     .field = offsetof(validate_options, out_dir)},
    {"--no-plot", NULL, "do not run gnuplot on DIR/<case>.gp",
     .set = cli_set_switch, .field = offsetof(validate_options, no_plot)},
};

const cli_command validate_command = {
    "validate", NULL, "reproduce classic results; exit 1 if any fails",
    validate_flags, CLI_COUNT(validate_flags), NULL, validate_main, {0},
};
