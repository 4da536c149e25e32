/*
 * engagement.c — which of the mechanisms a scenario switches on have
 * acted in the weeks run, so that a run can say which never did.
 *
 * A mechanism switched on need not act: xiaomi-2010's weekly flash sales
 * of 150 never sell out, and its entrant's buyers, none below their
 * aspiration, never complain, so its in-house service resolves nothing.
 * Its parameters then cannot change the results, and a researcher varying
 * them (MISSION: "let a claim come out either way") should hear so from
 * the tool rather than find it in the columns afterwards.
 *
 * Each row names a mechanism, the keys that switch it on (for the market
 * as a whole or for some firm classes), the keys no other part of the
 * model reads (its own: they cannot matter while it is switched off), and
 * the output column that counts it acting: a mechanism has acted once
 * that column was above 0 in some week, over the firms of the classes it
 * is on for where the column is a firm's. A row whose `needs` row is idle
 * too is not reported: its cause is reported there (no complaints, so no
 * complaint resolved). The columns are read from the week's rows after
 * observation, and only for rows switched on and not yet seen acting, so
 * a mechanism switched off costs nothing and one that acted costs nothing
 * more.
 *
 * A mechanism switched off is told before any run: a --set or a sweep's
 * value of one of its own keys cannot change the run, which
 * mishi_scenario_unread says for the path as --set reads it, so that a
 * sweep of such a key is not mistaken for a finding of no effect. A key
 * two mechanisms read is unread only while both are off.
 */
#include "engagement.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lists.h"

static int class_service(const mishi_firm_class *c) { return c->retention_budget > 0.0; }
static int class_advocates(const mishi_firm_class *c) {
    return c->service == SERVICE_INHOUSE && c->advocate_share > 0.0 &&
           c->retention_budget > 0.0;
}
static int class_posts(const mishi_firm_class *c) { return c->post_rate > 0.0; }
static int class_flash(const mishi_firm_class *c) { return c->flash_batch > 0; }
static int class_preorders(const mishi_firm_class *c) { return c->preorder_weeks > 0; }
static int class_feedback(const mishi_firm_class *c) {
    return c->release_weeks > 0 && c->software_gain > 0.0;
}
static int class_rom(const mishi_firm_class *c) { return c->rom_installs > 0.0; }
static int class_loyalty_reward(const mishi_firm_class *c) { return c->loyalty_reward > 0.0; }

static int market_always(const mishi_params *p) { return (void)p, 1; }
static int market_prospects(const mishi_params *p) { return p->consumers.initial_owners < 1.0; }
static int market_complaints(const mishi_params *p) {
    return p->consumers.complaint_propensity > 0.0;
}
static int market_resale(const mishi_params *p) {
    return p->resale.reseller_share > 0.0 || p->resale.owner_share > 0.0;
}

/* Where the column that counts a mechanism acting sits in the engine's
 * row, and whether it is an amount (double) or a count (int64_t). */
typedef struct measure {
    int market; /* 1: mishi_market_row's; 0: each mishi_firm_row's */
    size_t offset;
    int amount;
} measure;

typedef struct mechanism {
    mishi_mechanism_info info;
    int (*market_on)(const mishi_params *p);    /* NULL: per class */
    int (*class_on)(const mishi_firm_class *c); /* NULL: the market's */
    measure measure; /* info.measure's place: above 0 in a week, it acted */
} mechanism;

/* A row names its measure as a plot does (`market, units` is
 * "market.units"); the field's type must be int64_t or double, or the row
 * does not compile. Its own keys are written READS("resale.premium", ...)
 * or READS_NOTHING. */
#define market_ROW mishi_market_row
#define firms_ROW mishi_firm_row
#define market_IS_MARKET 1
#define firms_IS_MARKET 0
#define AMOUNT(row, field) _Generic(((row *)0)->field, int64_t: 0, double: 1)
#define ROW(name, keys, market_on, class_on, file, field, needs, meaning, own) \
    {{name, keys, #file "." #field, needs, meaning, own}, market_on, class_on, \
     {file##_IS_MARKET, offsetof(file##_ROW, field), AMOUNT(file##_ROW, field)}}
#define READS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define READS_NOTHING ((const char *const[]){NULL})

/* A key is among a row's own only if every read of it in the engine is
 * reached only while the row is switched on, or, where it is reached
 * anyway, can only meet nothing to act on (a budget of 0 buys no
 * resolution whatever one costs; a release that gains nothing is the
 * same at any feedback_half). In doubt a key is left out: a researcher
 * told a setting cannot matter would believe it. So
 * feedback_rate is not among the releases' keys, as firms.feedback
 * counts its messages whenever release_weeks > 0, nor service_revenue
 * among the ROM's, as it is earned on a firm's own devices too. */
static const mechanism mechanisms[] = {
    ROW("purchases", "every scenario", market_always, NULL, market, units, NULL,
     "no consumer bought a device: none came to the market in the weeks "
     "run (one holding a device at week 0 first shops when it replaces it, "
     "after about consumers.device_life_weeks), no firm reached a shopper (regions, "
     "channels, launch_weeks) or buying never beat choice.outside_utility",
     READS_NOTHING),
    ROW("adoption", "consumers.initial_owners < 1", market_prospects, NULL,
     market, adoptions, NULL,
     "no prospect adopted: adoption.innovation and adoption.imitation are "
     "too small for the weeks run",
     READS("adoption.innovation", "adoption.imitation", "adoption.fully_mixed")),
    ROW("complaints", "consumers.complaint_propensity > 0", market_complaints,
     NULL, market, complaints, "purchases",
     "no buyer complained: a buyer complains only when its device falls "
     "below consumers.aspiration", READS_NOTHING),
    /* with no budget no complaint is resolved, so there is no advocate
     * either, and social.c's posts switched on by advocates stay empty */
    ROW("customer service", "firms[].retention_budget > 0", NULL,
     class_service, firms, resolved, "complaints",
     "no complaint was resolved: the firms' buyers made none (a buyer "
     "complains only of a device below consumers.aspiration) or the budget "
     "bought none, so the service's cost and satisfaction could not matter",
     READS("firms[].service", "firms[].cost_per_resolution",
           "firms[].resolution_satisfaction", "firms[].inhouse_cost_per_resolution",
           "firms[].inhouse_resolution_satisfaction", "firms[].advocate_share")),
    /* advocates post too (social.c), so the posts' reach and decay are
     * read while either is on */
    ROW("advocates", "firms[].service in-house, advocate_share > 0, "
     "retention_budget > 0", NULL, class_advocates, firms, advocates,
     "customer service", "no resolved complainer became an advocate",
     READS("social.reach", "social.decay")),
    ROW("posts", "firms[].post_rate > 0", NULL, class_posts, market, posts,
     "purchases", "no buyer posted about its device",
     READS("firms[].post_extremity", "social.reach", "social.decay")),
    ROW("flash sales", "firms[].flash_batch > 0", NULL, class_flash,
     firms, flash_unmet, "purchases",
     "every shopper who chose a flash firm got a unit (the batch never "
     "bound), so the sales raised no buzz and kept nobody waiting: at this "
     "batch, flash_patience and flash.buzz_gain could not matter",
     READS("firms[].flash_every_weeks", "firms[].flash_patience",
           "flash.buzz_gain", "flash.buzz_decay")),
    ROW("resale", "resale.reseller_share or resale.owner_share > 0",
     market_resale, NULL, market, resale_units, "purchases",
     "no second-hand unit was sold: resellers buy among flash sales' "
     "winners, owners sell only with resale.owner_share > 0, and a used "
     "unit must beat the new ones on offer",
     READS("resale.premium", "resale.age_discount")),
    /* a shopper waiting for a flash sale holds a reservation too, but
     * one that lapses after that sale, not at reservation_lapse */
    ROW("pre-orders", "firms[].preorder_weeks > 0", NULL, class_preorders,
     firms, reservations, NULL, "no shopper reserved a device",
     READS("firms[].reservation_lapse")),
    /* software_decay takes back only what releases gained */
    ROW("releases", "firms[].release_weeks > 0, software_gain > 0", NULL, class_feedback,
     firms, feedback, NULL,
     "no feedback came in, and a release gains only with feedback: it comes "
     "from the firms' own online store's buyers and ROM users "
     "(feedback_rate, channel, rom_installs)",
     READS("firms[].feedback_lag_weeks", "firms[].feedback_half",
           "firms[].software_decay")),
    ROW("ROM installs", "firms[].rom_installs > 0", NULL, class_rom,
     firms, rom_users, NULL,
     "no install took: an install takes on another maker's device, held by "
     "an online shopper where the firm sells", READS("firms[].rom_preference")),
    ROW("loyalty programme", "firms[].loyalty_reward > 0", NULL,
     class_loyalty_reward, firms, repeat_units, "purchases",
     "no buyer came back to be rewarded", READS("firms[].loyalty_cost")),
};
#define MECHANISMS (sizeof mechanisms / sizeof mechanisms[0])
_Static_assert(MECHANISMS <= MISHI_MAX_MECHANISMS, "room for every mechanism");

/* Where m is switched on: the market (bit 0), or the firm classes (bit c
 * for class c). */
static uint32_t where_on(const mechanism *m, const mishi_params *p) {
    uint32_t on = m->market_on ? (uint32_t)m->market_on(p) : 0;
    for (int c = 0; m->class_on && c < p->class_count; c++)
        if (m->class_on(&p->classes[c])) on |= 1u << c;
    return on;
}

mishi_status engagement_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    engagement *e = &sim->engagement;
    *e = (engagement){{0}, {0}, 0};
    for (size_t k = 0; k < MECHANISMS; k++)
        e->on[k] = where_on(&mechanisms[k], &sim->params);
    return MISHI_OK;
}

static double cell(const measure *m, const void *row) {
    const char *field = (const char *)row + m->offset;
    return m->amount ? *(const double *)field : (double)*(const int64_t *)field;
}

/* Where the measure of `m` was above 0 this week, among the places in
 * `idle`: the market (bit 0), or the classes of the firms whose rows. */
static uint32_t acted(const mishi_sim *sim, const mechanism *m, uint32_t idle) {
    if (m->measure.market) return cell(&m->measure, &sim->market) > 0.0 ? idle : 0;
    uint32_t seen = 0;
    for (size_t r = 0; r < sim->row_count; r++) {
        uint32_t bit = 1u << sim->rows[r].firm_class;
        if ((idle & bit) && cell(&m->measure, &sim->rows[r]) > 0.0) seen |= bit;
    }
    return seen;
}

void engagement_observe(mishi_sim *sim) {
    engagement *e = &sim->engagement;
    uint32_t idle_classes = 0;
    for (size_t k = 0; k < MECHANISMS; k++) {
        uint32_t idle = e->on[k] & ~e->acted[k];
        if (idle) e->acted[k] |= acted(sim, &mechanisms[k], idle);
        if (mechanisms[k].class_on) idle_classes |= e->on[k] & ~e->acted[k];
    }
    /* a class with no firm (an entrants' class nobody entered) has nothing
     * to be idle: only classes seen trading are reported */
    for (size_t r = 0; (idle_classes & ~e->traded) && r < sim->row_count; r++)
        e->traded |= 1u << sim->rows[r].firm_class;
}

size_t mishi_mechanism_count(void) { return MECHANISMS; }
const mishi_mechanism_info *mishi_mechanism_at(size_t k) {
    return k < MECHANISMS ? &mechanisms[k].info : NULL;
}

static int row_named(const char *name) {
    for (size_t k = 0; name && k < MECHANISMS; k++)
        if (strcmp(mechanisms[k].info.name, name) == 0) return (int)k;
    return -1;
}

/* Where row k is idle and its idleness is not explained by the row it
 * needs being idle there too (a market's idle row explains every class). */
static uint32_t idle_unexplained(const engagement *e, size_t k) {
    uint32_t idle = e->on[k] & ~e->acted[k];
    if (mechanisms[k].class_on) idle &= e->traded;
    int need = row_named(mechanisms[k].info.needs);
    if (!idle || need < 0) return idle;
    uint32_t need_idle = e->on[need] & ~e->acted[need];
    if (mechanisms[need].class_on == NULL) return need_idle ? 0 : idle;
    return idle & ~need_idle;
}

/* "xiaomi, crowd": the classes in `classes`, cut short with "..." */
static void class_names(const mishi_sim *sim, uint32_t classes, char *out, size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (int c = 0; c < sim->params.class_count && used < size; c++) {
        if (!(classes >> c & 1u)) continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "",
                         sim->params.classes[c].name);
        used += n > 0 ? (size_t)n : 0;
    }
    if (used >= size && size > 4) snprintf(out + size - 4, 4, "...");
}

size_t mishi_sim_idle_mechanisms(const mishi_sim *sim, mishi_idle_mechanism *out,
                                 size_t max) {
    size_t count = 0;
    for (size_t k = 0; k < MECHANISMS; k++) {
        const mechanism *m = &mechanisms[k];
        uint32_t idle = idle_unexplained(&sim->engagement, k);
        if (!idle) continue;
        if (count < max) {
            mishi_idle_mechanism *o = &out[count];
            *o = (mishi_idle_mechanism){&m->info, ""};
            if (m->class_on) class_names(sim, idle, o->classes, sizeof o->classes);
        }
        count++;
    }
    return count;
}

/* ------------------------------------------------------ unread settings */

static int reads(const mechanism *m, const char *key) {
    for (const char *const *own = m->info.own_keys; *own; own++)
        if (strcmp(*own, key) == 0) return 1;
    return 0;
}

/* Whether m is switched on where a key is read: for the market, for firm
 * class `class_index`, or (-1, a market key) for some class. */
static int switched_on(const mechanism *m, const mishi_params *p, int class_index) {
    uint32_t on = where_on(m, p);
    return m->market_on || class_index < 0 ? on != 0 : (int)(on >> class_index & 1);
}

/* "social.reach is read only by advocates (switched on by ...) and posts
 * (switched on by ...), which the scenario switches off": the mechanisms
 * in the table's order */
static void say_unread(const char *path, const size_t *readers, size_t count,
                       const char *class_name, char *why, size_t size) {
    snprintf(why, size, "%s is read only by", path);
    for (size_t k = 0; k < count; k++) {
        const mishi_mechanism_info *m = &mechanisms[readers[k]].info;
        mishi_text_append(why, size, "%s%s (switched on by %s)",
                          k == 0 ? " " : k + 1 < count ? ", " : " and ", m->name,
                          m->switched_on_by);
    }
    mishi_text_append(why, size, ", which the scenario switches off");
    if (class_name) mishi_text_append(why, size, " for firm class %s", class_name);
}

int mishi_scenario_unread(const mishi_scenario *sc, const char *path, char *why,
                          size_t why_size) {
    if (!sc || !path) return 0;
    char given[256];
    snprintf(given, sizeof given, "%.*s", (int)strcspn(path, "="), path);
    int item = 0;
    const schema_row *row = scenario_path_row(&sc->params, given, &item);
    if (!row) return 0;
    int class_index = row->scope == SCHEMA_CLASS ? item : -1;
    size_t readers[MECHANISMS], count = 0;
    for (size_t k = 0; k < MECHANISMS; k++) {
        if (!reads(&mechanisms[k], row->info.path)) continue;
        if (switched_on(&mechanisms[k], &sc->params, class_index)) return 0;
        readers[count++] = k;
    }
    if (count && why && why_size)
        say_unread(given, readers, count,
                   class_index >= 0 ? sc->params.classes[class_index].name : NULL,
                   why, why_size);
    return count > 0;
}
