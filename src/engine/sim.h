/*
 * sim.h — the engine's state: the data the submodels share, and nothing
 * they do. What each submodel does is declared in its own header
 * (shopping.h, ownership.h, ...), included by the files that call it, so
 * the includes show who depends on whom; the weekly schedule is the
 * submodel table in sim.c.
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

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "grow.h"
#include "mishi.h"
#include "params.h"
#include "rng.h"

#define NO_FIRM UINT16_MAX
#define MAX_FIRM_IDS MISHI_MAX_FIRMS /* firm ids are uint16, NO_FIRM reserved */
#define MEMORY_SLOTS_MAX MISHI_MAX_MEMORY_SLOTS /* the stack arrays of a
                                   shopper's memory hold the most slots */
#define MAX_CONSIDERED 32       /* bound on a shopper's consideration set */
#define LOOK_AHEAD 32           /* shoppers (purchases, askers) whose state
                                   is asked for ahead of use */
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
#define CONSUMER_SEGMENT_SHIFT 3   /* bits 3..6: the consumer's segment */
#define CONSUMER_SEGMENT_MASK (0xFu << CONSUMER_SEGMENT_SHIFT)
#define CONSUMER_DIRECT 0x80u      /* the device held was bought direct, in
                                      its maker's online store (channels.c) */
_Static_assert(MISHI_MAX_SEGMENTS <= 16, "a segment fits in 4 bits");

/* A consumer's own fields in one 8-byte record rather than an array per
 * field: a week's shoppers are a sparse few per cent of the consumers, so
 * each field array cost a cache line per shopper, and each friend asked
 * about its device two; at 10^8 consumers, where nothing stays in cache,
 * those lines were the run's time. */
typedef struct consumer_state {
    uint16_t device_firm;     /* maker of the device held, NO_FIRM if none */
    uint16_t week_bought;     /* week of the last purchase (memory's clock) */
    uint8_t device_quality;   /* quality of the unit received, x255 */
    int8_t satisfaction;      /* with the device held, x127, -1..1 */
    uint8_t flags;            /* CONSUMER_* */
    uint8_t region;           /* 0 when there is one region */
} consumer_state;
_Static_assert(sizeof(consumer_state) == 8, "a consumer's record is 8 bytes");
_Static_assert(MISHI_MAX_REGIONS <= 256, "a region fits in a byte");

/* Consumers. Bytes per consumer: the 8-byte record, + 4 per memory slot (a
 * firm and its preference, both 16 bits, kept side by side: 20 with the
 * default 3 slots), plus 4 in the calendar = 24. */
typedef struct consumers {
    int64_t count;
    consumer_state *state;
    int slots;                /* memory slots per consumer */
    uint16_t *memory;         /* 2 x slots per consumer: the firms
                                 remembered, then the learned preference J
                                 of each as of week_bought, a float16
                                 rounded stochastically (float16.h,
                                 memory.c) */
} consumers;

static inline int consumer_segment(const consumers *p, int64_t i) {
    return (int)((p->state[i].flags & CONSUMER_SEGMENT_MASK) >> CONSUMER_SEGMENT_SHIFT);
}

/* A segment's tastes, resolved from the scenario (segments.c). */
typedef struct taste {
    double w_quality, w_loyalty, w_wom, w_brand, w_price;
    double w_software;      /* 0: software quality does not count */
    double aspiration;      /* unit quality that satisfies neither way */
    double outside_utility; /* utility of buying nothing */
} taste;

/* Where consumer i lives (region 0 when there is only one). */
static inline int consumer_region(const consumers *p, int64_t i) {
    return p->state[i].region;
}

/* Consumer i's memory: `slots` firms and their preferences. */
static inline uint16_t *memory_firms(const consumers *p, int64_t i) {
    return p->memory + i * 2 * p->slots;
}
static inline uint16_t *memory_preferences(const consumers *p, int64_t i) {
    return p->memory + i * 2 * p->slots + p->slots;
}

/* Items a thread takes at a time in a parallel loop over a week's
 * shoppers or purchases: `most`, or fewer in a small week, so that each
 * thread has several to take and none waits long for the last (7,000
 * shoppers in runs of 1,024 were 7 runs for 2 threads); never fewer than
 * LOOK_AHEAD. */
static inline int64_t thread_chunk(int64_t items, int threads, int64_t most) {
    int64_t chunk = items / (8 * (int64_t)threads);
    return chunk < LOOK_AHEAD ? LOOK_AHEAD : chunk > most ? most : chunk;
}

/* Asks the memory system early for consumer i's memory (its last byte
 * too: it may start a line). `write` is 1 where the loop will store. A
 * hint only: nothing changes but the time. */
static inline void memory_prefetch(const consumers *p, int64_t i, int write) {
    const uint16_t *memory = memory_firms(p, i);
    const uint16_t *memory_end = memory + 2 * p->slots - 1;
    if (write) {
        __builtin_prefetch(memory, 1);
        __builtin_prefetch(memory_end, 1);
    } else {
        __builtin_prefetch(memory, 0);
        __builtin_prefetch(memory_end, 0);
    }
}

/* Consumer i's record and memory asked for early, so that a loop over a
 * week's buyers does not wait on each line in turn: at 10^8 consumers the
 * state is far larger than the caches. */
static inline void consumer_prefetch(const consumers *p, int64_t i, int write) {
    if (write) __builtin_prefetch(p->state + i, 1);
    else __builtin_prefetch(p->state + i, 0);
    memory_prefetch(p, i, write);
}

/* Quality and satisfaction as consumers store them; mishi_stored_quality
 * and mishi_stored_satisfaction give the same rounding to clients. */
static inline uint8_t quality_store(double quality) {
    return (uint8_t)lrint(quality * QUALITY_SCALE);
}
static inline int8_t satisfaction_store(double satisfaction) {
    return (int8_t)lrint(satisfaction * SATISFACTION_SCALE);
}

/* ... and what they stand for, looked up rather than divided: a
 * division's latency sat on every friend asked and every unit received
 * (perf). The tables (population.c) hold the same quotients, worked out
 * by the compiler. */
extern const double quality_values[256], satisfaction_values[256];
static inline double quality_value(uint8_t stored) { /* stored / QUALITY_SCALE */
    return quality_values[stored];
}
static inline double satisfaction_value(int8_t stored) { /* stored / SATISFACTION_SCALE */
    return satisfaction_values[(uint8_t)stored];
}

/* A run of booked ids, one link in a bucket's chain (calendar.c). */
typedef struct calendar_chunk {
    struct calendar_chunk *next;
    uint32_t ids[]; /* the calendar's chunk_ids of them */
} calendar_chunk;

/* The weeks ahead: bucket w lists the consumers who enter the market in
 * week w. Each consumer is in exactly one bucket (or beyond the horizon).
 * A bucket is a chain of fixed-size chunks, so booking never copies and
 * the spare room is at most one partly filled chunk per bucket. */
typedef struct calendar_bucket {
    calendar_chunk *first, *last; /* the last is the one being filled */
    uint32_t count;
} calendar_bucket;

/* One thread's bookings: a lane has buckets and spare chunks of its own,
 * so that threads book at once, each writing only its own buckets and
 * chunks. (The lanes themselves lie side by side; a lane is written only
 * when it takes a chunk, once in chunk_ids bookings.) */
typedef struct calendar_lane {
    calendar_bucket *bucket; /* weeks + 2 buckets: the last is "never" */
    calendar_chunk *spare;   /* released chunks, taken before any malloc */
    int64_t peak_slots;      /* ids this lane's chunks hold: chunks are
                                reused, not freed, until calendar_close, so
                                this is also the most it ever held */
} calendar_lane;

/* A week's consumers are the union of its buckets in every lane. */
typedef struct calendar {
    int weeks, lanes;
    uint32_t chunk_ids;      /* ids per chunk, a power of two */
    calendar_lane *lane;
    uint32_t *list;          /* the visited week's ids in one array */
    size_t list_capacity;
} calendar;

/* What the whole market has sold since week 1: rules that compare a firm
 * with the market over the firm's own review period take the difference
 * of two snapshots. */
typedef struct market_totals {
    int64_t units;     /* units sold */
    int64_t repeats;   /* units that replaced a device of their maker */
    int64_t returning; /* buyers back in the market from a trading firm */
} market_totals;

/* A firm. Weekly counters are reset at the start of each week. */
typedef struct firm {
    int id, firm_class, exit_week; /* exit_week 0: trading */
    int first_week; /* the first week it trades: 1 for incumbents */
    int launch_week; /* the first week its devices are on sale */
    mishi_strategy strategy;
    uint8_t active, region; /* region: ALL_REGIONS or an index */
    uint8_t channel;        /* CHANNEL_*, its class's */
    uint8_t home;           /* its home region, ALL_REGIONS if none */
    int away_launch_week;   /* the first week it sells outside its home */
    double design_quality, shipped_quality, price, brand, visibility, access;
    double cash, cumulative_units, unit_cost;
    double reputation;    /* what its buyers' public reviews say of the
                             quality it sells (reputation.c), 0..1 */
    double quality_sold;  /* this week: quality of its units, summed */
    /* train-station rule: what the firm saw since its last review, and
     * where in the review cycle it started (firms keep their own
     * calendars: reviews are not synchronised across the market) */
    int64_t review_units, review_repeats;
    int64_t review_defections; /* its former buyers who bought elsewhere */
    market_totals market_at_review; /* the market's totals at its last */
    int review_phase;
    /* profit-seeking rule: profit since the last review, the last period's
     * mean, and the way quality is moving (+1 up, -1 down) */
    double review_profit, last_review_profit;
    int review_weeks_seen, reviews_done, quality_direction;
    /* price rules: profit since the last price review, the last period's
     * mean, and the way the price is moving (+1 up, -1 down) */
    double price_review_profit, price_last_profit;
    int price_review_weeks, price_reviews_done, price_direction;
    int loss_streak; /* losing weeks in a row */
    /* its devices in use, and those of them bought direct (channels.c) */
    int64_t installed, installed_direct;
    double buzz; /* its buyers' posts, decayed, in every region (social.c) */
    /* pre-orders (preorders.c): the first week it takes orders (reservations
     * before launch_week), the reservations held, and this week's served */
    int open_week;
    int64_t reservations, preorders_served;
    /* flash sales (flash.c): units left to sell this week, shoppers who
     * chose it and those of them left without a unit, and its buzz */
    int64_t flash_stock, flash_demand, flash_unmet;
    int64_t flash_unmet_last; /* flash_unmet of last week: resale prices */
    double flash_buzz;
    /* resale (resale.c): its second-hand devices pooled (now, and at the
     * week's start), those put in and sold this week, and this week's
     * asking price and their mean quality; whether the pool was priced this
     * week (it held devices before shopping): devices that join an empty
     * pool later in the week go on sale the next week, at its price */
    int64_t resale_pool, resale_pool_before, resale_in, resale_units;
    double resale_price, resale_quality;
    int resale_priced;
    /* this week */
    int64_t units, units_direct, new_customers, repeat_units, defections,
        complaints, resolved;
    int64_t posts_praise, posts_criticism, advocates;
    double revenue, cost, profit, acquisition_spend, retention_spend;
    /* software (software.c): its quality, separate from the hardware's,
     * the users of its software on other makers' devices (an expected
     * count), this week's feedback messages and where in its release
     * cycle it started; services after the sale (services.c) */
    double software_quality, rom_users, feedback, service_revenue;
    int release_phase;
    double service_spend; /* resolved x its service's cost per resolution */
} firm;

/* What a shopper reads of a firm, copied from its record once a week into
 * one cache line (storefront.c). */
typedef struct storefront {
    _Alignas(64) double expected; /* reputation_expected(): a stranger's */
    double brand, price, loyalty_reward, software_quality, access;
    double shipped_quality; /* of the units it makes this week */
    uint16_t id;
    uint8_t open;      /* trading, and taking orders (from open_week) */
    uint8_t launched;  /* trading, and its devices on sale */
    uint8_t region, home, channel;
    uint8_t home_only; /* this week it reaches its home region only */
} storefront;
_Static_assert(sizeof(storefront) == 64, "a storefront is one cache line");

/* What taking a device home reads of its firm's customer service when the
 * buyer complained (service.c). Kept apart from the firm's record: the
 * threads of ownership read it while the serial steps write the record
 * every week, and a line of the record so shared goes back and forth
 * between the cores. */
typedef struct service_desk {
    double resolve_probability; /* this week's chance to resolve one */
    double restored;            /* the satisfaction a resolution leaves */
} service_desk;

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
#define PURCHASE_OUTSIDE 0x20u   /* chose to buy nothing this time */
#define PURCHASE_DIRECT 0x40u    /* bought in the maker's online store */

/* What kind of trade a purchase record is, beyond an ordinary purchase (0).
 * A record with a firm is a unit that firm sold; one without is no unit.
 * The submodel that makes a trade also sets the record's next_week. */
enum {
    TRADE_NONE,        /* bought (firm), chose nothing, or found nothing */
    TRADE_RESERVE,     /* no firm: reserved `wanted`, not launched yet */
    TRADE_PREORDER,    /* firm: a reserver served its reserved device */
    TRADE_HOLD,        /* no firm: a reserver not served keeps its place */
    TRADE_MISSED,      /* no firm: missed `wanted`'s flash sale, no device */
    TRADE_WAIT,        /* no firm: missed it and waits for its next sale,
                          held for it as a reserver (preorders.c) */
    TRADE_RETRY,       /* no firm: missed, chooses again (flash.c, within
                          the week only) */
    TRADE_RESELL,      /* firm: a flash winner buys to resell; the unit goes
                          to the resale pool, the buyer keeps its device */
    TRADE_SECOND_HAND, /* no firm: bought `wanted`'s device from the pool */
};

typedef struct purchase {
    uint32_t consumer;
    uint16_t firm;      /* chosen; NO_FIRM: found nothing, shops next week */
    uint16_t previous;  /* maker of the device held before */
    uint16_t next_week; /* when this consumer next enters the market */
    uint16_t wanted;    /* with a trade: the firm it concerns */
    uint8_t flags;
    uint8_t trade;      /* TRADE_* */
    uint8_t unit_quality; /* x255 */
    float satisfaction;
    float choice_concentration; /* sum of squared choice probabilities */
    float preference_concentration; /* WKH's y = sum J^2 / (sum J)^2 over
                                       the memory's positive J; NaN if none */
} purchase;

/* The maker of the device the buyer of record b takes home: the firm it
 * bought from, the maker of a second-hand device, or NO_FIRM (nothing
 * bought, or a unit bought to resell). */
static inline uint16_t purchase_device(const purchase *b) {
    if (b->trade == TRADE_RESELL) return NO_FIRM;
    return b->trade == TRADE_SECOND_HAND ? b->wanted : b->firm;
}

/* Samplers rebuilt each week: which firm an ad contact or a browse lands on,
 * per region, in O(1) per draw (Walker's alias method, GSL). */
typedef struct region_market {
    gsl_ran_discrete_t *ads, *browse;
    int *ad_firm, *browse_firm; /* table index -> firm id */
    rng_poisson_law ads_met; /* of mean ads_per_shopper (advertising.c) */
    int64_t shoppers;
} region_market;

/* Posts on social media (social.c), NULL/0 while no firm's buyers post.
 * Per firm and region, the posts' decayed count and the decayed sum of
 * their authors' satisfaction; per region, the week's sampler of which
 * firm a post a shopper sees is about. */
typedef struct social_region {
    gsl_ran_discrete_t *posts;
    int *post_firm;            /* table index -> firm id */
    double *post_satisfaction; /* table index -> mean satisfaction of the
                                  firm's posts in the region */
    rng_poisson_law posts_seen; /* how many posts a shopper sees this
                                   week: Poisson, its mean worked out once */
    int64_t consumers;         /* who live in the region (fixed) */
} social_region;

typedef struct social_state {
    int on;       /* some class's buyers post, or some class has advocates */
    int capacity; /* firms the arrays have room for */
    double *volume, *satisfaction; /* [firm * regions + region] */
    social_region regions[MISHI_MAX_REGIONS];
} social_state;
/* The reservations held (preorders.c): consumer i holds at most one, for
 * `firm`, until it is served or until week `lapse_week`. */
#define RESERVATION_NEVER UINT16_MAX /* a lapse week past any horizon */
typedef struct reservation {
    uint32_t consumer;
    uint16_t firm, lapse_week;
} reservation;

typedef struct reservation_book {
    reservation *at; /* sorted by consumer */
    size_t count, capacity;
    reservation *added; /* this week's, before they are merged in */
    size_t added_count, added_capacity;
    int taken; /* some firm class takes pre-orders */
} reservation_book;

/* This week's flash-sale queue (flash.c): the purchase records that chose a
 * flash firm, in the order they are served. */
typedef struct flash_place {
    uint64_t key;      /* random, per (consumer, week) */
    uint32_t record;   /* index into the purchases */
    uint16_t firm;
    uint8_t reserver;  /* 1: a reserver, served first */
    uint8_t second_hand; /* 1: wants a device from firm's resale pool */
} flash_place;

/* A list of ids (consumers, or purchase records) that grows as it is
 * appended to. */
typedef struct id_list {
    uint32_t *id;
    size_t count, capacity;
} id_list;

/* An id_list that one of several threads appends to, alone in its cache
 * line: side by side, the count each thread bumps at every append took
 * the line away from the other (false sharing; telling Bass's askers took
 * 8 % longer on 2 threads). An array of them comes from aligned_alloc. */
typedef struct thread_id_list {
    _Alignas(64) id_list list;
} thread_id_list;

/* i at the end of the list; MISHI_ENOMEM, the list as it was, if there is
 * no memory. */
static inline mishi_status id_list_add(id_list *list, uint32_t i) {
    if (list->count == list->capacity &&
        grow_array((void **)&list->id, &list->capacity, sizeof *list->id, 1024))
        return MISHI_ENOMEM;
    list->id[list->count++] = i;
    return MISHI_OK;
}

/* ids[0..count-1] at the end of the list, as count id_list_add calls. */
static inline mishi_status id_list_append(id_list *list, const uint32_t *ids,
                                          size_t count) {
    while (list->capacity - list->count < count)
        if (grow_array((void **)&list->id, &list->capacity, sizeof *list->id, 1024))
            return MISHI_ENOMEM;
    if (count) memcpy(list->id + list->count, ids, count * sizeof *ids);
    list->count += count;
    return MISHI_OK;
}

typedef struct flash_market {
    int on; /* some firm class sells in flash sales */
    flash_place *queue;
    size_t queue_count, queue_capacity;
    id_list retry; /* records that choose again */
} flash_market;

/* Which mechanisms the scenario switches on and where they have acted in
 * some week so far (engagement.c), per row k of its table: for a firm
 * class's mechanism bit c is class c, for the market's bit 0 the market. */
typedef struct engagement {
    uint32_t on[MISHI_MAX_MECHANISMS], acted[MISHI_MAX_MECHANISMS];
    uint32_t traded; /* the classes with a firm trading in some week */
} engagement;
_Static_assert(MISHI_MAX_CLASSES <= 32, "a bit for every class");

/* The second-hand devices of one maker for sale (resale.c), oldest first. */
typedef struct resale_device {
    uint8_t quality;  /* x255, as received */
    uint16_t week;    /* bought from the maker */
} resale_device;

typedef struct resale_pool {
    resale_device *at;
    size_t head, count, capacity; /* devices at[head .. head+count) */
    int64_t quality_sum, week_sum;  /* over the devices, for their means */
} resale_pool;

typedef struct resale_market {
    int on;             /* resellers or owners put devices up for resale */
    resale_pool *pools; /* per firm id */
    int pool_count;     /* firms the array has room for */
    double paid;        /* this week: by resale buyers (tally) */
    double received;    /* this week: by resellers (flash.c) */
} resale_market;

/* Who asks consumer j about devices: the reverse of network.c's ties,
 * kept only where a submodel must tell a consumer's askers that it
 * changed. The askers of j are id[start[j] .. start[j+1]). */
typedef struct network_followers {
    int64_t *start; /* count + 1 */
    uint32_t *id;
} network_followers;

/* Prospects and when they adopt (adoption.c). Prospect i adopts in the
 * first week its cumulative hazard reaches its threshold -log U_i; what
 * is left of the threshold is `remaining` as of week `since`, and the
 * hazard has been constant since then. Arrays are per consumer id and
 * exist only while there are prospects. */

/* A prospect's way to adopting on a network, in one 6-byte record: an
 * asker told of a friend's adoption reads and writes all of it, and
 * adopters are a sparse few of the ids, so a field per array cost a cache
 * miss per field. */
typedef struct prospect_state {
    uint16_t since;           /* the week `remaining` is as of */
    uint16_t due;             /* week it adopts at today's hazard; weeks+1:
                                 never; NOT_DUE for one who is no prospect */
    uint8_t adopted_friends;  /* among its friends, as of `since` */
    uint8_t friends;          /* friends it has (0 in a population of one) */
} prospect_state;
#define NOT_DUE 0 /* no week is due at week 0 */

typedef struct adoption_state {
    float *remaining;         /* threshold minus hazard through `since` */
    prospect_state *prospect; /* on a network only */
    double *hazard_by_friends; /* -log(1 - h) by friends and adopted ones */
    network_followers followers;
    calendar due_weeks;       /* a lane a thread, each booking the askers
                                 it told; week w: prospects once due in
                                 week w; an entry whose `due` has moved is
                                 skipped */
    uint32_t *by_threshold;   /* fully mixed: prospects, lowest threshold
                                 first */
    int64_t threshold_count, next_by_threshold;
    double mixed_hazard;      /* fully mixed: cumulative hazard so far */
    thread_id_list *mail;     /* threads x ranges of ids: the askers thread t
                                 found in each range, this week */
    thread_id_list *told;     /* per thread: askers it told in its range */
    id_list adopters;         /* this week's, in id order */
    uint64_t *prospect_bits;  /* on a network: bit i set while consumer i
                                 is a prospect (its record's flag, a bit a
                                 consumer, for the askers' first pass) */
    double bytes;             /* allocated for the above, at most */
} adoption_state;

/* When a consumer next enters the market (next_entry.c): geometric laws
 * worked out once, the failure one per stored quality. */
typedef struct next_entry_laws {
    rng_geometric_law stay, planned, failure[UINT8_MAX + 1];
} next_entry_laws;

/* The full-information week (full_information.c): whether the scenario
 * can have one, whether this week is one, and what each firm's unit is
 * this week and how each segment feels about it. */
typedef struct full_information_week {
    int possible;  /* the scenario allows it (checked at week 0) */
    int this_week; /* this week's shopping, tally and ownership are its */
    int lanes;     /* its groups' arithmetic in vector lanes
                      (full_information_lanes.c): where the machine has them */
    uint8_t unit_quality[MAX_CONSIDERED];
    float satisfaction[MISHI_MAX_SEGMENTS][MAX_CONSIDERED];
} full_information_week;

struct mishi_sim {
    mishi_params params;
    char source[256]; /* the scenario's file, for messages */
    int threads;
    int plain; /* take the plain reference path where there is a fast one */
    int exp_lanes; /* a shopper's logit weights in vector lanes (exp_lanes.c) */
    int week; /* weeks simulated so far; the week being simulated is week+1 */
    consumers people;
    calendar calendar;
    firms firms;
    storefront *storefronts; /* this week's, one per firm (storefront.c) */
    int storefront_capacity;
    service_desk *service_desks; /* this week's, one per firm (service.c) */
    size_t service_desk_capacity;
    uint16_t sole_open_firm; /* the one firm open this week, else NO_FIRM */
    int every_firm_in_reach; /* this week every firm is open and reaches
                                every consumer without a draw */
    int open_firms_in_reach; /* this week every open firm reaches every
                                consumer without a draw */
    purchase *purchases;
    size_t purchase_count, purchase_capacity;
    region_market regions[MISHI_MAX_REGIONS];
    double region_cumulative_share[MISHI_MAX_REGIONS];
    taste tastes[MISHI_MAX_SEGMENTS];
    market_totals totals;  /* since week 1 (tally) */
    void *tally_scratch;   /* the counting passes' (accounting.c) */
    size_t tally_scratch_bytes;
    double market_price;   /* the mean price paid last week (accounting) */
    double profit_memory;  /* remembered mean weekly profit per firm */
    /* reviews on their way to the public: per firm, the last delay + 1
     * weeks' quality sums and units (reputation.c; NULL when it is off) */
    double *review_quality;
    int64_t *review_units;
    int review_capacity; /* firms the two arrays have room for */
    /* software feedback on its way to a release: per firm, the last
     * feedback_ring weeks' messages (software.c; NULL without releases) */
    double *feedback_messages;
    int feedback_ring, feedback_capacity;
    int software_on; /* some class releases, decays or installs software */
    double segment_cumulative[MISHI_MAX_REGIONS][MISHI_MAX_SEGMENTS];
    social_state social;
    int entry_class;
    next_entry_laws next_entry;
    rng_ziggurat ziggurat; /* GSL's Gaussian, for a unit's quality noise
                              (experience.c) */
    double *memory_kept; /* (1 - gamma)^w for w = 0..weeks: lazy forgetting */
    adoption_state adoption; /* adoption.c */
    int64_t prospect_count, adoptions;
    int64_t concentration_buyers; /* buyers with a defined y this week */
    int satisfaction_counted; /* this week's tally counted the buyers'
                                 satisfaction too (accounting.c) */
    reservation_book reservations; /* preorders.c */
    flash_market flash;            /* flash.c */
    resale_market resale;          /* resale.c */
    full_information_week full_information; /* full_information.c */
    engagement engagement; /* engagement.c */
    mishi_market_row market;
    mishi_firm_row *rows;
    size_t row_count, row_capacity;
    double step_seconds[MISHI_MAX_SUBMODELS]; /* wall time in each step so far */
};

/* A submodel (a "model part" in ODD terms): what it builds at week 0, what
 * it does each week and what it releases, any of them NULL. sim.c lists
 * them in the order of the week; building runs in the same order and
 * freeing in the reverse one. */
typedef struct submodel {
    const char *name; /* as docs/model.md's schedule names it */
    mishi_status (*init)(mishi_sim *sim, mishi_error *err);
    mishi_status (*step)(mishi_sim *sim, mishi_error *err);
    void (*free)(mishi_sim *sim);
    int fused; /* its week's work is the full-information week's, when
                  that week runs (full_information.c) */
} submodel;

/* `week` to book a consumer in, or the week after the horizon (never) if
 * it lies beyond. */
static inline uint16_t booking_week(const mishi_sim *sim, int64_t week) {
    int64_t horizon = (int64_t)sim->params.weeks + 1;
    return (uint16_t)(week < horizon ? week : horizon);
}

static inline const mishi_firm_class *firm_class_of(const mishi_sim *sim,
                                                    const firm *f) {
    return &sim->params.classes[f->firm_class];
}

#endif
