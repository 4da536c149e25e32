/*
 * memory.h — a consumer's loyalty memory (memory.c).
 */
#ifndef MISHI_MEMORY_H
#define MISHI_MEMORY_H

#include "sim.h"

/* The forgetting table, (1 - gamma)^w for w = 0..weeks. */
mishi_status memory_init(mishi_sim *sim, mishi_error *err);
void memory_free(mishi_sim *sim);

/* No device and nothing remembered: a newcomer, a prospect, or a consumer
 * before its week-0 device is drawn. */
void consumer_empty_handed(consumers *people, int64_t consumer);
/* The stored preference of `slot`, as of the consumer's last purchase. */
double consumer_preference(const consumers *people, int64_t consumer, int slot);
/* What is kept in `week` of what consumer i stored at its last purchase:
 * (1 - gamma)^(weeks since), consumer_forget's factor. */
double memory_kept_since_purchase(const mishi_sim *sim, int64_t consumer, int week);
/* The preferences as of `week`: forgotten since the last purchase. */
void consumer_forget(const mishi_sim *sim, int64_t consumer, int week,
                     double preference[MEMORY_SLOTS_MAX]);
/* Whether consumer i's memory must be read before it shops or learns. Not
 * a newcomer's: it takes a transient's place with an empty one. On the
 * fast path, not that of a consumer holding no device either: it has
 * never bought one (a prospect that adopts, or a consumer with no device
 * at week 0), and memory is written only with a device, so every slot is
 * empty and every preference 0 (invariants.c checks it after every week).
 * Read anyway, each was a cache miss at scale: a third of Bass's shopping
 * step, whose adopters all hold nothing. The plain path reads it. */
static inline int memory_to_read(const mishi_sim *sim, int64_t consumer, int newcomer) {
    if (newcomer) return 0;
    return sim->plain || sim->people.state[consumer].device_firm != NO_FIRM;
}
/* The memory a shopper chooses with in `week`: forgotten, and marked down
 * for its maker if the device failed early. Shopping and ownership both
 * read it, so both phases see the same numbers. */
void shopper_memory(const mishi_sim *sim, int64_t consumer, int week,
                    double preference[MEMORY_SLOTS_MAX]);
/* The words consumer_learn rounds with, for `count` consumers at once in
 * vector lanes (rng_blocks_each): ids[k]'s in words[k], a word a slot. */
void memory_rounding_words(const mishi_sim *sim, const uint32_t *ids, int count,
                           uint32_t week, uint32_t words[][MEMORY_SLOTS_MAX]);
/* The slot consumer i learns a purchase from `firm_id` in: the firm's own,
 * else an empty one, else the weakest of `preference` (as chosen with),
 * whose firm is forgotten to make room. The slot is given to the firm, and
 * its preference set to 0 if it held another's: the first step of
 * learning in vector lanes (full_information_lanes.c); consumer_learn
 * takes the slot the same way. */
int memory_take_slot(consumers *people, int64_t consumer, uint16_t firm_id,
                     double preference[MEMORY_SLOTS_MAX]);
/* WKH's update for a purchase from `firm_id` with `satisfaction` in `week`,
 * from the preferences the shopper chose with (left as they are); stores
 * the result in the consumer's memory, each
 * slot rounded with its word of the consumer's RNG_MEMORY stream for
 * `week`: `rounding` holds those words if they were drawn already
 * (memory_rounding_words), else is NULL. */
void consumer_learn(mishi_sim *sim, int64_t consumer, uint16_t firm_id,
                    double satisfaction, int week,
                    const double preference[MEMORY_SLOTS_MAX],
                    const uint32_t *rounding);
/* Between purchases, in `week`: consumer i now prefers firm_id by at
 * least `preference` (the slot as consumer_learn picks it), stored so that
 * the lazy forgetting reads it back as that value this week. */
void consumer_remember(mishi_sim *sim, int64_t consumer, uint16_t firm_id,
                       double preference, int week);

#endif
