/*
 * sweep_unread.c — the settings of a sweep that none of its runs can
 * read: a `set:` entry, a varied parameter or a variants level's
 * assignment that mishi_scenario_unread calls unread (only mechanisms
 * switched off read it) at every point of the design where the sweep
 * gives it.
 *
 * Such a sweep gives flat results that look like a finding of no effect,
 * so the library says which settings they are (mishi_sweep_unread) and
 * `mishi sweep` and `mishi experiment` say it before the runs. A setting
 * unread at some points only is fine: the sweep varies the switch too,
 * and the points where the mechanism is on read it. The points are asked
 * in order until every setting has been read at one, so a sweep whose
 * settings all are at its first point builds one scenario more.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

/* Room for "vary.NAME.variants.LEVEL.PATH" and for the library's why. */
enum { KEY_MAX = 2 * MISHI_NAME_MAX + 2 * SWEEP_PATH_MAX, WHY_MAX = 1024 };

/* A setting the sweep gives, and what the points asked said of it. */
typedef struct setting {
    char key[KEY_MAX]; /* as the file names it: "set.social.reach" */
    const char *path;  /* "path" or "path=value": what --set is given */
    int line;
    int varied;        /* 1 for a factor's values, 0 for one value */
    size_t factor;     /* the variants factor that gives it at its level */
    size_t level;      /* ... or SIZE_MAX: it is given at every point */
    int given, read;
    char why[WHY_MAX]; /* the first point's answer, while unread */
} setting;

static setting *add(setting *all, size_t *count, const char *path, int line) {
    setting *s = &all[(*count)++];
    *s = (setting){.path = path, .line = line, .factor = SIZE_MAX};
    return s;
}

/* Every setting of the sweep, in file order: `set:`, then `vary:`. */
static size_t list_settings(const mishi_sweep *sweep, setting *all) {
    size_t count = 0;
    for (size_t i = 0; i < sweep->set_count; i++) {
        const char *a = sweep->sets[i].assignment;
        setting *s = add(all, &count, a, sweep->sets[i].line);
        snprintf(s->key, KEY_MAX, "set.%.*s", (int)strcspn(a, "="), a);
    }
    for (size_t k = 0; k < sweep->info.factors; k++) {
        const sweep_factor *f = &sweep->factors[k];
        if (!f->levels) {
            setting *s = add(all, &count, f->path, f->line);
            snprintf(s->key, KEY_MAX, "vary.%s", f->path);
            s->varied = 1;
        }
        for (size_t level = 0; f->levels && level < f->count; level++)
            for (size_t i = 0; i < f->levels[level].set_count; i++) {
                const sweep_set *set = &f->levels[level].sets[i];
                setting *s = add(all, &count, set->assignment, set->line);
                snprintf(s->key, KEY_MAX, "vary.%s.variants.%s.%.*s", f->path,
                         f->levels[level].name,
                         (int)strcspn(set->assignment, "="), set->assignment);
                s->factor = k, s->level = level;
            }
    }
    return count;
}

/* Room for every setting: a factor's one, or each of its levels' own. */
static size_t count_settings(const mishi_sweep *sweep) {
    size_t count = sweep->set_count + sweep->info.factors;
    for (size_t k = 0; k < sweep->info.factors; k++) {
        const sweep_factor *f = &sweep->factors[k];
        for (size_t level = 0; f->levels && level < f->count; level++)
            count += f->levels[level].set_count;
    }
    return count;
}

/* Point `point`'s scenario into *sc (the base itself for a sweep that
 * varies nothing; then *own stays NULL). */
static mishi_status point_scenario(const mishi_sweep *sweep, size_t point,
                                   const mishi_scenario **sc, mishi_scenario **own,
                                   mishi_error *err) {
    *own = NULL, *sc = sweep->base;
    if (sweep->info.factors == 0) return MISHI_OK;
    sweep_point_sets sets = {0};
    mishi_status rc = sweep_point_sets_make(sweep, point, &sets, err);
    if (!rc) rc = sweep_point_scenario(sweep, &sets, own, err);
    sweep_point_sets_free(&sets);
    *sc = *own;
    return rc;
}

/* What point `point` says of each setting given there and not yet read;
 * in *unread, how many settings no point asked so far has read. */
static mishi_status ask_point(const mishi_sweep *sweep, size_t point, setting *all,
                              size_t count, size_t *unread, mishi_error *err) {
    const mishi_scenario *sc;
    mishi_scenario *own;
    mishi_status rc = point_scenario(sweep, point, &sc, &own, err);
    *unread = 0;
    for (size_t i = 0; !rc && i < count; i++) {
        setting *s = &all[i];
        if (s->read) continue;
        *unread += 1;
        if (s->factor != SIZE_MAX &&
            (size_t)mishi_sweep_value(sweep, point, s->factor) != s->level)
            continue;
        char why[WHY_MAX];
        s->given = 1;
        if (!mishi_scenario_unread(sc, s->path, why, sizeof why))
            s->read = 1, *unread -= 1;
        else if (!s->why[0])
            snprintf(s->why, sizeof s->why, "%s", why);
    }
    mishi_scenario_free(own);
    return rc;
}

/* "sweep.yaml:7: vary.social.reach: social.reach is read only by ...,
 * which the scenario switches off at every point where the sweep gives
 * it; its values cannot change the runs", to free. */
#define SAID                                                                   \
    "%s:%d: %s: %s at every point where the sweep gives it; %s cannot change "  \
    "the runs"
static char *say(const mishi_sweep *sweep, const setting *s) {
    const char *value = s->varied ? "its values" : "the value";
    int n = snprintf(NULL, 0, SAID, sweep->source, s->line, s->key, s->why, value);
    char *text = n < 0 ? NULL : malloc((size_t)n + 1);
    if (text) snprintf(text, (size_t)n + 1, SAID, sweep->source, s->line, s->key, s->why,
                       value);
    return text;
}
#undef SAID

static mishi_status keep_unread(mishi_sweep *sweep, const setting *all, size_t count,
                                mishi_error *err) {
    sweep->unread = calloc(count + 1, sizeof *sweep->unread);
    if (!sweep->unread) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        if (!all[i].given || all[i].read) continue;
        char *text = say(sweep, &all[i]);
        if (!text) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
        sweep->unread[sweep->unread_count++] = text;
    }
    return MISHI_OK;
}

mishi_status sweep_find_unread(mishi_sweep *sweep, mishi_error *err) {
    size_t count = count_settings(sweep), unread = count;
    setting *all = calloc(count + 1, sizeof *all);
    if (!all) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    count = list_settings(sweep, all);
    mishi_status rc = MISHI_OK;
    for (size_t point = 0; !rc && unread && point < sweep->info.points; point++)
        rc = ask_point(sweep, point, all, count, &unread, err);
    if (!rc) rc = keep_unread(sweep, all, count, err);
    free(all);
    return rc;
}

const char *mishi_sweep_unread(const mishi_sweep *sweep, size_t k) {
    return sweep && k < sweep->unread_count ? sweep->unread[k] : NULL;
}
