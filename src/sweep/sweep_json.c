/*
 * sweep_json.c — a sweep's definition as one canonical JSON object, and
 * the digest of its base scenario.
 *
 * The batch library stores the object in a results database and, when the
 * sweep is run again, compares it key by key with the sweep file's now:
 * so the object holds everything that decides the runs and what they
 * record — never how the file was laid out — in a fixed key order, with
 * every default filled in and every real written to read back exactly.
 * Keys: name, design, samples, levels, seed, replicates, scenario_digest,
 * set, vary, measures, series, weeks. A variants factor enters `vary` as
 * {"name", "variants": [{"level", "set": ["path=value", ...]}, ...]}:
 * its levels' names and assignments, in file order.
 *
 * The base scenario enters by its digest, not its path: a scenario file
 * edited since gives another digest, a file moved does not. The digest is
 * a 64-bit FNV-1a over the resolved scenario's JSON echo, with its seed
 * left out, because every run's seed replaces it: two scenario files that
 * differ only in `seed:` make the same runs.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mishi_files.h"
#include "real_text.h"
#include "sweep.h"

void mishi_factor_value_text(const mishi_factor_info *f, double v,
                             mishi_value_style style, char *out, size_t size) {
    char text[SWEEP_REAL_MAX];
    if (f && f->levels) { /* a level's index: whole, 0 .. level_count - 1 */
        int level = v >= 0 && v < (double)f->level_count && v == floor(v);
        snprintf(out, size, "%s", level ? f->levels[(size_t)v] : "NA");
        return;
    }
    if (style == MISHI_VALUE_EXACT) real_text_exact(v, text);
    else snprintf(text, sizeof text, "%g", v);
    snprintf(out, size, "%s", text);
}

/* A real, or null for none (NaN: a measure without a threshold). */
static void write_real(FILE *f, double v) {
    char text[SWEEP_REAL_MAX];
    if (isnan(v)) {
        fputs("null", f);
        return;
    }
    real_text_exact(v, text);
    fputs(text, f);
}

/* ------------------------------------------------------------- the parts */

static void write_set(const mishi_sweep *s, FILE *f) {
    fputs(", \"set\": [", f);
    for (size_t i = 0; i < s->set_count; i++) {
        if (i) fputs(", ", f);
        mishi_json_string(f, s->sets[i].assignment);
    }
    fputc(']', f);
}

/* A variants factor by its levels, each a name and its assignments. */
static void write_variants(const sweep_factor *factor, FILE *f) {
    fputs("{\"name\": ", f);
    mishi_json_string(f, factor->path);
    fputs(", \"variants\": [", f);
    for (size_t i = 0; i < factor->count; i++) {
        const sweep_level *level = &factor->levels[i];
        fputs(i ? ", {\"level\": " : "{\"level\": ", f);
        mishi_json_string(f, level->name);
        fputs(", \"set\": [", f);
        for (size_t j = 0; j < level->set_count; j++) {
            if (j) fputs(", ", f);
            mishi_json_string(f, level->sets[j].assignment);
        }
        fputs("]}", f);
    }
    fputs("]}", f);
}

/* A grid factor by its values, another design's by its bounds. */
static void write_factor(const sweep_factor *factor, FILE *f) {
    if (factor->levels) {
        write_variants(factor, f);
        return;
    }
    fputs("{\"path\": ", f);
    mishi_json_string(f, factor->path);
    fprintf(f, ", \"whole\": %s", factor->info.whole ? "true" : "false");
    if (!factor->values) {
        fputs(", \"min\": ", f);
        write_real(f, factor->info.low);
        fputs(", \"max\": ", f);
        write_real(f, factor->info.high);
    } else {
        fputs(", \"values\": [", f);
        for (size_t i = 0; i < factor->count; i++) {
            char text[SWEEP_REAL_MAX];
            mishi_factor_value_text(&factor->info, factor->values[i],
                                    MISHI_VALUE_EXACT, text, sizeof text);
            fprintf(f, "%s%s", i ? ", " : "", text);
        }
        fputc(']', f);
    }
    fputc('}', f);
}

/* "column" and "firms" (null for a market.csv column). */
static void write_quantity(const mishi_quantity *q, FILE *f) {
    fputs("\"column\": ", f);
    mishi_json_string(f, q->name);
    fputs(", \"firms\": ", f);
    if (strcmp(q->file, "firms.csv") == 0)
        mishi_json_string(f, mishi_over_firms_name(q->over_firms));
    else fputs("null", f);
    if (!q->only_class) return; /* every firm: as before classes could be */
    fputs(", \"class\": ", f);
    mishi_json_string(f, q->class_name);
}

static void write_measure(const mishi_measure_info *m, FILE *f) {
    fputs("{\"name\": ", f);
    mishi_json_string(f, m->name);
    fputs(", ", f);
    write_quantity(&m->quantity, f);
    fputs(", \"summary\": ", f);
    mishi_json_string(f, mishi_summary_name(m->summary));
    fprintf(f, ", \"from\": %d, \"to\": %d, \"value\": ", m->from, m->to);
    write_real(f, m->value);
    fputc('}', f);
}

static void write_lists(const mishi_sweep *s, FILE *f) {
    fputs(", \"vary\": [", f);
    for (size_t k = 0; k < s->info.factors; k++) {
        if (k) fputs(", ", f);
        write_factor(&s->factors[k], f);
    }
    fputs("], \"measures\": [", f);
    for (size_t m = 0; m < s->info.measures; m++) {
        if (m) fputs(", ", f);
        write_measure(&s->measures[m], f);
    }
    fputs("], \"series\": [", f);
    for (size_t i = 0; i < s->info.series; i++) {
        fputs(i ? ", {" : "{", f);
        write_quantity(&s->series[i], f);
        fputc('}', f);
    }
    fputc(']', f);
}

mishi_status mishi_sweep_write_json(const mishi_sweep *s, FILE *f) {
    if (!s || !f) return MISHI_EARG;
    fputs("{\"name\": ", f);
    mishi_json_string(f, s->name);
    fputs(", \"design\": ", f);
    mishi_json_string(f, mishi_design_name(s->info.design));
    fprintf(f, ", \"samples\": %zu, \"levels\": %d, \"seed\": %" PRIu64
               ", \"replicates\": %d, \"scenario_digest\": ",
            s->info.samples, s->info.levels, s->info.seed, s->info.replicates);
    mishi_json_string(f, s->digest);
    write_set(s, f);
    write_lists(s, f);
    fprintf(f, ", \"weeks\": %d}", s->info.weeks);
    return ferror(f) ? MISHI_EIO : MISHI_OK;
}

/* ------------------------------------------------------------ the digest */

mishi_status sweep_compute_digest(mishi_sweep *s, mishi_error *err) {
    mishi_scenario *sc = NULL;
    char *echo = NULL;
    size_t size = 0;
    mishi_status rc = sweep_copy_scenario(s->base, &sc, err);
    FILE *f = rc ? NULL : open_memstream(&echo, &size);
    if (f) {
        sc->params.seed = 0; /* every run sets its own */
        rc = mishi_scenario_write_json(sc, f);
        if (fclose(f) != 0 && !rc) rc = MISHI_ENOMEM;
    } else if (!rc) {
        rc = MISHI_ENOMEM;
    }
    mishi_scenario_free(sc);
    uint64_t h = 14695981039346656037u; /* FNV-1a's offset basis */
    for (size_t i = 0; !rc && i < size; i++)
        h = (h ^ (unsigned char)echo[i]) * 1099511628211u; /* its prime */
    free(echo);
    if (rc) return mishi_error_set(err, rc, "the scenario's digest: %s",
                                   mishi_status_message(rc));
    snprintf(s->digest, sizeof s->digest, "%016" PRIx64, h);
    return MISHI_OK;
}
