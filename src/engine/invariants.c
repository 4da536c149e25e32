/*
 * invariants.c — what must hold after every week, whatever the scenario.
 *
 * sim.c runs the check after every week in debug and sanitizer builds
 * (those without NDEBUG), so the test suite checks every scenario it runs;
 * release builds skip it, as SQLite's assert()s are skipped. The tests also
 * call it directly.
 */
#include "invariants.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "adoption.h"
#include "calendar.h"
#include "flash_stock.h"
#include "services.h"
#include "service.h"

/* A consumer's device comes from a firm that existed, and not one bought
 * after its maker left; memory slots without a firm hold no preference;
 * a consumer holding no device remembers no firm (shopping and ownership
 * do not read its memory: memory_to_read). */
static int check_consumer(const mishi_sim *sim, int64_t i, char *why,
                          size_t n) {
    const consumers *p = &sim->people;
    const consumer_state *c = &p->state[i];
    if (c->device_firm != NO_FIRM && c->device_firm >= sim->firms.count)
        return snprintf(why, n, "consumer %lld holds unknown firm %u",
                        (long long)i, c->device_firm), 1;
    const firm *maker = c->device_firm == NO_FIRM ? NULL : &sim->firms.at[c->device_firm];
    if (maker && !maker->active && c->week_bought > maker->exit_week)
        return snprintf(why, n, "consumer %lld bought from firm %d in week %d, "
                        "after it exited in week %d", (long long)i, maker->id,
                        c->week_bought, maker->exit_week), 1;
    const uint16_t *remembered = memory_firms(p, i);
    const uint16_t *preferences = memory_preferences(p, i);
    for (int s = 0; s < p->slots; s++) {
        if (remembered[s] == NO_FIRM && preferences[s])
            return snprintf(why, n, "consumer %lld: empty slot with preference",
                            (long long)i), 1;
        if (!maker && remembered[s] != NO_FIRM)
            return snprintf(why, n, "consumer %lld holds no device but remembers firm %u",
                            (long long)i, remembered[s]), 1;
    }
    return 0;
}

/* Each consumer is booked at most once, and prospects are not booked. On
 * a network, a consumer has a due week to adopt in if and only if it is
 * a prospect (adoption.c tells live entries by the due week alone), and
 * its bit in adoption's prospect bits says whether it is one. */
static int check_bookings(const mishi_sim *sim, char *why, size_t n) {
    const consumers *p = &sim->people;
    const prospect_state *due = sim->adoption.prospect; /* NULL fully mixed */
    int64_t booked = 0;
    for (int w = sim->week + 1; w <= sim->calendar.weeks; w++)
        booked += calendar_week_count(&sim->calendar, w);
    int64_t prospects = 0;
    for (int64_t i = 0; i < p->count; i++) {
        int prospect = (p->state[i].flags & CONSUMER_PROSPECT) != 0;
        if (due && (due[i].due != NOT_DUE) != prospect)
            return snprintf(why, n, "consumer %lld is %sa prospect but its due week is %u",
                            (long long)i, prospect ? "" : "not ", due[i].due), 1;
        if (due && adoption_still_prospect(&sim->adoption, (uint32_t)i) != prospect)
            return snprintf(why, n, "consumer %lld is %sa prospect but its prospect bit "
                            "says otherwise", (long long)i, prospect ? "" : "not "), 1;
        if (!prospect) continue;
        prospects++;
        if (p->state[i].device_firm != NO_FIRM)
            return snprintf(why, n, "prospect %lld holds a device",
                            (long long)i), 1;
    }
    if (prospects != sim->prospect_count)
        return snprintf(why, n, "%lld prospects counted, %lld flagged",
                        (long long)sim->prospect_count, (long long)prospects), 1;
    if (booked + sim->prospect_count > p->count)
        return snprintf(why, n, "%lld bookings and %lld prospects for %lld "
                        "consumers", (long long)booked,
                        (long long)sim->prospect_count, (long long)p->count), 1;
    return 0;
}

/* The units of the firms that traded this week add up to the market's, and
 * every firm ships between its quality floor and its design quality (the
 * rules clamp to both; a fixed firm ships its design even below the floor);
 * every returning buyer who replaced its device is a repeat or a defection. */
static int check_firms(const mishi_sim *sim, char *why, size_t n) {
    int64_t units = 0;
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        double floor = firm_class_of(sim, f)->quality_floor;
        double lo = fmin(floor, f->design_quality);
        double hi = fmax(floor, f->design_quality);
        if (f->active || f->exit_week == sim->week) units += f->units;
        if (f->active && (f->shipped_quality < lo || f->shipped_quality > hi))
            return snprintf(why, n, "firm %d ships quality %g outside [%g, %g]",
                            id, f->shipped_quality, lo, hi), 1;
        const mishi_firm_class *c = firm_class_of(sim, f);
        if (f->active && f->strategy != MISHI_STRATEGY_QUANTITY &&
            !(f->price >= c->price_min && f->price <= c->price_max))
            return snprintf(why, n, "firm %d's price %g is outside [%g, %g]",
                            id, f->price, c->price_min, c->price_max), 1;
        if (!(f->reputation >= 0.0 && f->reputation <= 1.0))
            return snprintf(why, n, "firm %d's reputation %g is outside the "
                            "range of quality, [0, 1]", id, f->reputation), 1;
    }
    const mishi_market_row *m = &sim->market;
    if (sim->week > 0 && units != m->units)
        return snprintf(why, n, "firms sold %lld units, the market %lld",
                        (long long)units, (long long)m->units), 1;
    /* a returning buyer who replaces its device either stays or leaves */
    if (m->repeat_units + m->defections != m->buyers_returning)
        return snprintf(why, n, "%lld repeat units and %lld defections, of "
                        "%lld returning buyers", (long long)m->repeat_units,
                        (long long)m->defections,
                        (long long)m->buyers_returning), 1;
    int64_t counted = m->units + m->no_purchase + m->unserved + m->reserved +
                      m->missed + m->resale_units;
    if (sim->week > 0 && counted != m->shoppers)
        return snprintf(why, n, "%lld units, %lld bought nothing, %lld found "
                        "nothing, %lld reserved, %lld missed a flash sale and "
                        "%lld bought second hand, of %lld shoppers",
                        (long long)m->units, (long long)m->no_purchase,
                        (long long)m->unserved, (long long)m->reserved,
                        (long long)m->missed, (long long)m->resale_units,
                        (long long)m->shoppers), 1;
    return 0;
}

/* A firm's week of trades: pre-orders served are among its units; a flash
 * firm sells at most its batch in a sale week and nothing between; its
 * resale pool gains what resellers put in and loses what was sold. */
static int check_firm_trades(const mishi_sim *sim, const firm *f, char *why,
                             size_t n) {
    if (f->preorders_served > f->units)
        return snprintf(why, n, "firm %d served %lld pre-orders with %lld units",
                        f->id, (long long)f->preorders_served,
                        (long long)f->units), 1;
    int64_t batch = flash_firm(sim, f) ? firm_class_of(sim, f)->flash_batch : -1;
    if (batch >= 0 && f->units > (flash_sale_week(sim, f, sim->week) ? batch : 0))
        return snprintf(why, n, "flash firm %d sold %lld units in week %d "
                        "(batch %lld)", f->id, (long long)f->units, sim->week,
                        (long long)batch), 1;
    if (f->resale_pool != f->resale_pool_before + f->resale_in - f->resale_units)
        return snprintf(why, n, "firm %d's resale pool went from %lld to %lld "
                        "with %lld put in and %lld sold", f->id,
                        (long long)f->resale_pool_before,
                        (long long)f->resale_pool, (long long)f->resale_in,
                        (long long)f->resale_units), 1;
    const resale_market *r = &sim->resale;
    int64_t pooled = f->id < r->pool_count ? (int64_t)r->pools[f->id].count : 0;
    if (pooled != f->resale_pool)
        return snprintf(why, n, "firm %d counts %lld devices for resale, its "
                        "pool holds %lld", f->id, (long long)f->resale_pool,
                        (long long)pooled), 1;
    return 0;
}

/* Resale conserves devices and money, and the book of reservations is
 * sorted and adds up to the firms' counts. */
static int check_trades(const mishi_sim *sim, char *why, size_t n) {
    int64_t resold = 0, reservations = 0;
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        reservations += f->reservations;
        if (!f->active && f->exit_week != sim->week) continue;
        if (check_firm_trades(sim, f, why, n)) return 1;
        resold += f->resale_units;
    }
    const mishi_market_row *m = &sim->market;
    const resale_market *r = &sim->resale;
    if (sim->week > 0 && resold != m->resale_units)
        return snprintf(why, n, "pools sold %lld devices, buyers bought %lld",
                        (long long)resold, (long long)m->resale_units), 1;
    if (fabs(r->paid - r->received) > 1e-9 * (1.0 + fabs(r->paid)))
        return snprintf(why, n, "resale buyers paid %.17g, resellers received "
                        "%.17g", r->paid, r->received), 1;
    const reservation_book *book = &sim->reservations;
    for (size_t k = 1; k < book->count; k++)
        if (book->at[k - 1].consumer >= book->at[k].consumer)
            return snprintf(why, n, "the reservations are not sorted"), 1;
    if (reservations != (int64_t)book->count)
        return snprintf(why, n, "firms count %lld reservations, the book %zu",
                        (long long)reservations, book->count), 1;
    return 0;
}

/* Each firm's devices in use, and those bought direct, are the consumers
 * holding one (channels.c keeps the counts as devices change hands). */
static int check_installed(const mishi_sim *sim, char *why, size_t n) {
    const consumers *p = &sim->people;
    int64_t *held = calloc((size_t)sim->firms.count + 1, 2 * sizeof *held);
    if (!held) return 0; /* no memory to check with: not a broken model */
    for (int64_t i = 0; i < p->count; i++) {
        const consumer_state *c = &p->state[i];
        if (c->device_firm == NO_FIRM) continue;
        held[2 * c->device_firm]++;
        if (c->flags & CONSUMER_DIRECT) held[2 * c->device_firm + 1]++;
    }
    int broken = 0;
    for (int id = 0; id < sim->firms.count && !broken; id++) {
        const firm *f = &sim->firms.at[id];
        if (f->installed == held[2 * id] && f->installed_direct == held[2 * id + 1])
            continue;
        snprintf(why, n, "firm %d counts %lld devices in use (%lld direct); "
                 "consumers hold %lld (%lld)", id, (long long)f->installed,
                 (long long)f->installed_direct, (long long)held[2 * id],
                 (long long)held[2 * id + 1]);
        broken = 1;
    }
    free(held);
    return broken;
}

/* Software quality stays between its value at birth and 1 (releases
 * close part of the gap to 1, decay part of the gap to the start); ROM
 * users and feedback are never negative; service revenue is its rate
 * times the active users (devices in use and ROM users). */
static int check_software(const mishi_sim *sim, char *why, size_t n) {
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        const mishi_firm_class *c = firm_class_of(sim, f);
        if (!(f->software_quality >= c->software_quality &&
              f->software_quality <= 1.0))
            return snprintf(why, n, "firm %d's software quality %g is outside "
                            "[%g, 1]", id, f->software_quality,
                            c->software_quality), 1;
        if (!(f->rom_users >= 0.0 && f->feedback >= 0.0))
            return snprintf(why, n, "firm %d has %g software users and %g "
                            "messages", id, f->rom_users, f->feedback), 1;
        if (f->active && sim->week > 0 &&
            f->service_revenue != services_revenue(c, f))
            return snprintf(why, n, "firm %d's service revenue %g is not %g per "
                            "active user", id, f->service_revenue,
                            c->service_revenue), 1;
    }
    return 0;
}

/* Customer service and posts (service.c, social.c): the spend on
 * resolutions is resolved x the unit cost of the firm's service (the
 * issue's invariant, exactly: the same product); advocates come only from
 * in-house service and from resolved complaints; a buyer posts at most
 * once; buzz is a non-negative count. */
static int check_service(const mishi_sim *sim, const firm *f, char *why,
                         size_t n) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    double unit = service_cost_per_resolution(c);
    if (f->service_spend != (double)f->resolved * unit)
        return snprintf(why, n, "firm %d spent %.17g on service for %lld "
                        "resolutions at %.17g each", f->id, f->service_spend,
                        (long long)f->resolved, unit), 1;
    if (f->advocates > (service_has_advocates(c) ? f->resolved : 0))
        return snprintf(why, n, "firm %d has %lld advocates from %lld "
                        "resolutions (service %s)", f->id,
                        (long long)f->advocates, (long long)f->resolved,
                        c->service == SERVICE_INHOUSE ? "in-house" : "outsourced"), 1;
    if (f->posts_praise + f->posts_criticism > f->units)
        return snprintf(why, n, "firm %d: %lld posts from %lld buyers", f->id,
                        (long long)(f->posts_praise + f->posts_criticism),
                        (long long)f->units), 1;
    if (!(f->buzz >= 0.0 && isfinite(f->buzz)))
        return snprintf(why, n, "firm %d's buzz is %g", f->id, f->buzz), 1;
    return 0;
}

static int check_services(const mishi_sim *sim, char *why, size_t n) {
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        if ((f->active || f->exit_week == sim->week) && check_service(sim, f, why, n))
            return 1;
    }
    return 0;
}

/* The posts' volume per firm and region is a decayed count, never
 * negative, and the decayed sum of their authors' satisfaction (each in
 * -1..1) is at most the volume in size. */
static int check_posts(const mishi_sim *sim, char *why, size_t n) {
    const social_state *s = &sim->social;
    int regions = sim->params.region_count;
    size_t cells = (size_t)(s->capacity < sim->firms.count ? s->capacity
                                                           : sim->firms.count) *
                   (size_t)regions;
    for (size_t k = 0; s->on && k < cells; k++) {
        double v = s->volume[k], sum = s->satisfaction[k];
        if (!(v >= 0.0 && isfinite(v)) || fabs(sum) > v * (1.0 + 1e-9) + 1e-12)
            return snprintf(why, n, "firm %d in region %d: post volume %g, "
                            "satisfaction sum %g", (int)(k / (size_t)regions),
                            (int)(k % (size_t)regions), v, sum), 1;
    }
    return 0;
}

int sim_check_invariants(const mishi_sim *sim, char *why, size_t n) {
    for (int64_t i = 0; i < sim->people.count; i++)
        if (check_consumer(sim, i, why, n)) return 1;
    return check_bookings(sim, why, n) || check_firms(sim, why, n) ||
           check_trades(sim, why, n) || check_installed(sim, why, n) ||
           check_software(sim, why, n) || check_services(sim, why, n) ||
           check_posts(sim, why, n);
}
