/*
 * invariants.c — what must hold after every week, whatever the scenario.
 *
 * sim.c runs the check after every week in debug and sanitizer builds
 * (those without NDEBUG), so the test suite checks every scenario it runs;
 * release builds skip it, as SQLite's assert()s are skipped. The tests also
 * call it directly.
 */
#include "invariants.h"

#include <stdio.h>

/* Each consumer is booked exactly once; devices come from firms that
 * existed; memory slots without a firm hold no preference. */
int sim_check_invariants(const mishi_sim *sim, char *why, size_t n) {
    const consumers *p = &sim->people;
    int64_t booked = 0;
    for (int w = sim->week + 1; w <= sim->calendar.weeks; w++)
        booked += sim->calendar.bucket[w].count;
    for (int64_t i = 0; i < p->count; i++) {
        if (p->device_firm[i] != NO_FIRM && p->device_firm[i] >= sim->firms.count)
            return snprintf(why, n, "consumer %lld holds unknown firm %u",
                            (long long)i, p->device_firm[i]), 1;
        /* owners keep an exited firm's device only if bought before it left */
        const firm *maker = p->device_firm[i] == NO_FIRM
                                ? NULL : &sim->firms.at[p->device_firm[i]];
        if (maker && !maker->active && p->week_bought[i] > maker->exit_week)
            return snprintf(why, n, "consumer %lld bought from firm %d in week "
                            "%d, after it exited in week %d", (long long)i,
                            maker->id, p->week_bought[i], maker->exit_week), 1;
        for (int s = 0; s < MEMORY_SLOTS; s++)
            if (p->memory_firm[i][s] == NO_FIRM && p->memory_preference[i][s])
                return snprintf(why, n, "consumer %lld: empty slot with preference",
                                (long long)i), 1;
    }
    for (int64_t k = 0; k < sim->prospect_count; k++) {
        uint32_t i = sim->prospects[k];
        if (!(p->flags[i] & CONSUMER_PROSPECT) || p->device_firm[i] != NO_FIRM)
            return snprintf(why, n, "prospect %u has entered the market", i), 1;
    }
    if (booked + sim->prospect_count > p->count)
        return snprintf(why, n, "%lld bookings and %lld prospects for %lld "
                        "consumers", (long long)booked,
                        (long long)sim->prospect_count, (long long)p->count), 1;
    return 0;
}
