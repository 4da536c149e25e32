/*
 * plot_legend.c — what the batch commands' plots say of their points: the
 * slice a plot draws (an experiment plot's `when:`), and the legend that
 * names each curve by its parameters' values under a key title naming the
 * parameters once, by the last part of their paths, so that a legend of
 * three parameters fits beside the plot.
 */
#include <stdint.h>
#include <string.h>

#include "mishi_files.h"
#include "results_view.h"

int cli_slice_shows(const cli_slice *slice, size_t point) {
    return !slice || !slice->shown || slice->shown[point];
}

int cli_slice_holds(const cli_slice *slice, size_t factor) {
    return slice && slice->held && slice->held[factor];
}

void cli_slice_title(const cli_slice *slice, char *title, size_t n) {
    if (slice && slice->text[0]) mishi_text_append(title, n, "\nat %s", slice->text);
}

/* Whether `word` ends `what` as a word of its own ("share" ends "share"
 * and "firms.share", not "market_share_x"). */
static int ends_with_word(const char *what, const char *word, size_t length) {
    size_t n = strlen(what);
    if (length == 0 || length > n || strncmp(what + n - length, word, length) != 0)
        return 0;
    return n == length || strchr(" ._", what[n - length - 1]) != NULL;
}

void cli_axis_label(const char *what, const char *unit, char *buf, size_t n) {
    if (unit) {
        /* a unit that starts with the measure's name says it once: "share
         * (0..1)", not "share (share 0..1)"; "units", not "units (units)" */
        const char *space = strchr(unit, ' ');
        size_t word = space ? (size_t)(space - unit) : strlen(unit);
        if (ends_with_word(what, unit, word)) unit = space ? space + 1 : NULL;
    }
    if (unit) snprintf(buf, n, "%s (%s)", what, unit);
    else snprintf(buf, n, "%s", what);
}

/* The schema's unit of the parameter a --set path names, NULL if none:
 * "firms.us.release_weeks" is the schema's "firms[].release_weeks". */
static const char *param_unit(const char *path) {
    char schema_path[256];
    const char *item = strchr(path, '.'), *key = item ? strchr(item + 1, '.') : NULL;
    if (key) snprintf(schema_path, sizeof schema_path, "%.*s[]%s", (int)(item - path), path, key);
    for (size_t i = 0; i < mishi_param_count(); i++) {
        const mishi_param_info *p = mishi_param_at(i);
        if (strcmp(p->path, path) != 0 && (!key || strcmp(p->path, schema_path) != 0))
            continue;
        return p->unit && p->unit[0] && strcmp(p->unit, "-") != 0 ? p->unit : NULL;
    }
    return NULL;
}

void cli_factor_label(const char *factor, char *buf, size_t n) {
    cli_axis_label(factor, param_unit(factor), buf, n);
}

size_t cli_key_chars(size_t entry_chars, const char *names) {
    /* an entry has its sample (about 8 characters wide) before it; the
     * key's title has not */
    size_t title = strlen(names);
    return title > entry_chars + 8 ? title - 8 : entry_chars;
}

void cli_key_title(FILE *f, const char *names) {
    if (!names[0]) return;
    fputs("  set key title ", f);
    mishi_gnuplot_string(f, names);
    fputc('\n', f);
}

/* The last `parts` dot-separated parts of `path` (all of it if it has no
 * more). */
static const char *last_parts(const char *path, int parts) {
    const char *at = path + strlen(path);
    while (at > path)
        if (*--at == '.' && --parts == 0) return at + 1;
    return path;
}

const char *cli_factor_short(const mishi_results *r, size_t factor) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    const char *path = mishi_results_factor(r, factor);
    for (int parts = 1;; parts++) {
        const char *name = last_parts(path, parts);
        if (name == path) return name;
        int shared = 0;
        for (size_t k = 0; k < info.factors && !shared; k++) {
            const char *other = mishi_results_factor(r, k);
            shared = k != factor && strcmp(last_parts(other, parts), name) == 0;
        }
        if (!shared) return name;
    }
}

/* The factors a legend lists: all but `skip` and those the slice holds. */
static int listed(const cli_slice *slice, size_t skip, size_t factor) {
    return factor != skip && !cli_slice_holds(slice, factor);
}

void cli_legend_names(const mishi_results *r, const cli_slice *slice,
                      size_t skip, char *buf, size_t n) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    buf[0] = '\0';
    for (size_t k = 0; k < info.factors; k++) {
        if (!listed(slice, skip, k)) continue;
        mishi_text_append(buf, n, "%s%s", buf[0] ? ", " : "", cli_factor_short(r, k));
    }
}

void cli_legend_values(const mishi_results *r, const cli_slice *slice,
                       size_t skip, size_t point, char *buf, size_t n) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    buf[0] = '\0';
    for (size_t k = 0; k < info.factors; k++) {
        if (!listed(slice, skip, k)) continue;
        char value[128];
        cli_value_text(r, point, k, value, sizeof value);
        mishi_text_append(buf, n, "%s%s", buf[0] ? ", " : "", value);
    }
}
