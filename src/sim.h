/*
 * sim.h — the engine's state, shared by the submodel files.
 *
 * A simulation is consumers (structure-of-arrays, compact), firms (an array
 * of structs: there are at most tens of thousands), a calendar of the weeks
 * in which each consumer next enters the market, and the week's purchases.
 *
 * Work per week is proportional to the consumers in the market that week
 * (the calendar's bucket) plus the firms, never to the whole population:
 * idle consumers are not visited. Their learned preferences decay lazily —
 * the decay over the weeks since the last purchase is applied when the
 * consumer next shops — which is exact for the geometric forgetting of
 * Weisbuch–Kirman–Herreiner.
 */
#ifndef MISHI_SIM_H
#define MISHI_SIM_H

#include <stdint.h>

#include <gsl/gsl_randist.h>

#include "mishi.h"
#include "params.h"
#include "status.h"

#define NO_FIRM UINT16_MAX
#define MAX_FIRM_IDS MISHI_MAX_FIRMS /* firm ids are uint16, NO_FIRM reserved */
#define MEMORY_SLOTS 3          /* firms a consumer remembers: a small memory */
#define MAX_CONSIDERED 32       /* bound on a shopper's consideration set */
_Static_assert(MISHI_MAX_FULL_INFORMATION <= MAX_CONSIDERED,
               "full information must fit in one consideration set");
#define QUALITY_SCALE 255.0     /* device quality stored as uint8 / 255 */
#define SATISFACTION_SCALE 127.0 /* satisfaction stored as int8 / 127 */
#define ALL_REGIONS UINT8_MAX

/* consumer flags */
#define CONSUMER_TRANSIENT 0x01u   /* buys once here, then moves on */
#define CONSUMER_DEVICE_FAILS 0x02u /* the next event is a failure, not a
                                       planned replacement */
#define CONSUMER_PROSPECT 0x04u    /* has never entered the market: adopts
                                      first (adoption.c) */

/* Consumers, one array per field. Bytes per consumer: 2 + 1 + 1 + 2 + 1 + 1
 * + 2*MEMORY_SLOTS + 4*MEMORY_SLOTS = 26, plus 4 in the calendar = 30. */
typedef struct consumers {
    int64_t count;
    uint16_t *device_firm;    /* maker of the device held, NO_FIRM if none */
    uint8_t *device_quality;  /* quality of the unit received, x255 */
    int8_t *satisfaction;     /* with the device held, x127, -1..1 */
    uint16_t *week_bought;    /* week of the last purchase (memory's clock) */
    uint8_t *flags;           /* CONSUMER_* */
    uint8_t *region;
    uint16_t (*memory_firm)[MEMORY_SLOTS]; /* firms remembered */
    float (*memory_preference)[MEMORY_SLOTS]; /* learned preference J as
                                    of week_bought; float, not fixed point:
                                    at small gamma a week's decay is far
                                    below any 16-bit step (docs/validation) */
} consumers;

/* The weeks ahead: bucket w lists the consumers who enter the market in
 * week w. Each consumer is in exactly one bucket (or beyond the horizon). */
typedef struct calendar_bucket {
    uint32_t *ids;
    uint32_t count, capacity;
} calendar_bucket;

typedef struct calendar {
    int weeks;
    calendar_bucket *bucket; /* weeks + 2 buckets: the last is "never" */
    int64_t slots, peak_slots; /* allocated ids, now and at most */
} calendar;

/* A firm. Weekly counters are reset at the start of each week. */
typedef struct firm {
    int id, firm_class, exit_week; /* exit_week 0: trading */
    int first_week; /* the first week it trades: 1 for incumbents */
    mishi_strategy strategy;
    uint8_t active, region; /* region: ALL_REGIONS or an index */
    double design_quality, shipped_quality, price, brand, visibility, access;
    double cash, cumulative_units, unit_cost;
    /* train-station rule: what the firm saw since its last review, and
     * where in the review cycle it started (firms keep their own
     * calendars: reviews are not synchronised across the market) */
    int64_t review_units, review_repeats;
    int review_phase;
    /* profit-seeking rule: profit since the last review, the last period's
     * mean, and the way quality is moving (+1 up, -1 down) */
    double review_profit, last_review_profit;
    int review_weeks_seen, reviews_done, quality_direction;
    /* this week */
    int64_t units, new_customers, repeat_buyers, defections, complaints,
        resolved;
    double resolve_probability;
    double revenue, cost, profit, acquisition_spend, retention_spend;
} firm;

typedef struct firms {
    int count, capacity; /* ids 0..count-1 have existed */
    firm *at;
} firms;

/* What one shopper did this week: written by the shopping phase (which only
 * reads consumer state), applied by the ownership phase. */
#define PURCHASE_NEWCOMER 0x01u  /* a newcomer took this consumer's place */
#define PURCHASE_COMPLAINED 0x02u
#define PURCHASE_RESOLVED 0x04u
#define PURCHASE_FAILED 0x08u    /* the old device had failed */
#define PURCHASE_RETURNING 0x10u /* held a device of a firm still active */

typedef struct purchase {
    uint32_t consumer;
    uint16_t firm;      /* chosen; NO_FIRM: found nothing, shops next week */
    uint16_t previous;  /* maker of the device held before */
    uint16_t next_week; /* when this consumer next enters the market */
    uint8_t flags;
    uint8_t unit_quality; /* x255 */
    float satisfaction;
    float choice_concentration; /* sum of squared choice probabilities */
    float preference_concentration; /* WKH's y = sum J^2 / (sum J)^2 over
                                       the shopper's memory; NaN if sum J <= 0 */
} purchase;

/* Samplers rebuilt each week: which firm an ad contact or a browse lands on,
 * per region, in O(1) per draw (Walker's alias method, GSL). */
typedef struct region_market {
    gsl_ran_discrete_t *ads, *browse;
    int *ad_firm, *browse_firm; /* table index -> firm id */
    double ads_per_shopper;
    int64_t shoppers;
} region_market;

struct mishi_sim {
    mishi_params params;
    int threads;
    int week; /* weeks simulated so far; the week being simulated is week+1 */
    consumers people;
    calendar calendar;
    firms firms;
    purchase *purchases;
    size_t purchase_count, purchase_capacity;
    region_market regions[MISHI_MAX_REGIONS];
    double region_cumulative_share[MISHI_MAX_REGIONS];
    int entry_class;
    double *memory_kept; /* (1 - gamma)^w for w = 0..weeks: lazy forgetting */
    uint32_t *prospects; /* consumers who have not adopted yet, by id */
    uint8_t *adopts;     /* this week's decision for each prospect */
    int64_t prospect_count, adoptions;
    int64_t concentration_buyers; /* buyers with a defined y this week */
    mishi_market_row market;
    mishi_firm_row *rows;
    size_t row_count, row_capacity;
};

/* A submodel's weekly step. The week's schedule in sim.c is a list of
 * these, in order. */
typedef mishi_status (*submodel_step)(mishi_sim *sim, mishi_error *err);

/* population.c */
mishi_status population_init(mishi_sim *sim, mishi_error *err);
void population_free(consumers *people);
mishi_status memory_init(mishi_sim *sim);
mishi_status calendar_add(calendar *cal, int week, uint32_t consumer);
mishi_status calendar_step(mishi_sim *sim, mishi_error *err);
void calendar_free(calendar *cal);
double consumer_preference(const consumers *people, int64_t i, int slot);
/* No device and nothing remembered: a newcomer, a prospect, or a consumer
 * before its week-0 device is drawn. */
void consumer_empty_handed(consumers *people, int64_t i);
void consumer_forget(mishi_sim *sim, int64_t i, int week,
                     double preference[MEMORY_SLOTS]);
void consumer_learn(mishi_sim *sim, int64_t i, uint16_t firm_id,
                    double satisfaction, double preference[MEMORY_SLOTS]);

/* adoption.c: prospects take up the category (Bass diffusion) */
mishi_status adoption_init(mishi_sim *sim, mishi_error *err);
mishi_status adoption_step(mishi_sim *sim, mishi_error *err);
void adoption_free(mishi_sim *sim);

/* network.c: friends implied by ids and the seed, no edges stored */
int64_t network_friend(const mishi_sim *sim, int64_t consumer, int k);

/* firms.c */
mishi_status firms_init(mishi_sim *sim, mishi_error *err);
mishi_status firms_entry_step(mishi_sim *sim, mishi_error *err);
void firms_free(firms *f);
double firm_unit_cost(const mishi_firm_class *c, double quality,
                      double cumulative_units);
int firm_sells_to(const mishi_sim *sim, const firm *f, int64_t consumer);
static inline const mishi_firm_class *firm_class_of(const mishi_sim *sim,
                                                    const firm *f) {
    return &sim->params.classes[f->firm_class];
}

/* strategy.c, quality_fade.c, train_station.c: this week's quality */
mishi_status strategy_step(mishi_sim *sim, mishi_error *err);
double fade_quality(const mishi_firm_class *c, const firm *f, int week);
void train_station_review(const mishi_firm_class *c, firm *f, int week);
void profit_seeking_review(const mishi_firm_class *c, firm *f, int week);

/* advertising.c */
mishi_status advertising_step(mishi_sim *sim, mishi_error *err);
void advertising_free(mishi_sim *sim);

/* shopping.c (turnover, consideration, choice), experience.c */
mishi_status shopping_step(mishi_sim *sim, mishi_error *err);
void shopper_memory(mishi_sim *sim, int64_t consumer, int week,
                    double preference[MEMORY_SLOTS]);
int shopper_departs(const consumers *people, int64_t consumer);
/* The unit bought in `week` (0: the device held at the start). */
void experience_receive(const mishi_sim *sim, const firm *f,
                        int64_t consumer, int week, purchase *p);

/* complaints.c */
mishi_status complaints_step(mishi_sim *sim, mishi_error *err);

/* ownership.c: apply purchases, schedule the next market entry */
mishi_status ownership_step(mishi_sim *sim, mishi_error *err);
uint32_t ownership_weeks_until_next(const mishi_sim *sim, int64_t consumer,
                                    double unit_quality, int transient,
                                    gsl_rng *r, int *fails);

/* accounting.c */
mishi_status tally_step(mishi_sim *sim, mishi_error *err);
mishi_status accounting_step(mishi_sim *sim, mishi_error *err);
mishi_status exit_step(mishi_sim *sim, mishi_error *err);

/* observation.c */
mishi_status observation_step(mishi_sim *sim, mishi_error *err);

/* Checks the engine's invariants; 0 if they hold, else fills `why`. For
 * tests and debug builds. */
int sim_check_invariants(const mishi_sim *sim, char *why, size_t why_size);

#endif
