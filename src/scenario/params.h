/*
 * params.h — the resolved parameters of a scenario, as plain structs.
 *
 * Every field here has one row in the schema table (schema.c), which gives
 * its scenario key, type, unit, default, range and meaning. Nothing else in
 * the engine invents a parameter: constants in the model are either a field
 * here or a named constant with a comment on where its value comes from.
 */
#ifndef MISHI_PARAMS_H
#define MISHI_PARAMS_H

#include <stdint.h>

#define MISHI_NAME_MAX 64
#define MISHI_MAX_REGIONS 16
#define MISHI_MAX_CLASSES 32
#define MISHI_MAX_SEGMENTS 16 /* consumer segments: 4 bits of a consumer's flags */
#define MISHI_MAX_FIRMS 65000 /* firms that may exist in one run (16-bit ids) */
#define MISHI_MAX_FULL_INFORMATION 32 /* firms with consumers.consider_all */
#define MISHI_MAX_FRIENDS 32 /* consumers.friends: a shopper's ties fit a
                                stack array */
#define MISHI_MAX_MEMORY_SLOTS 16 /* consumers.memory_slots: WKH's markets of
                                     up to 16 sellers, all remembered */

/* The firm strategies: how a firm sets the quality it ships each week. One
 * row each: the enum's suffix, the name a scenario writes, a one-line doc,
 * the engine's rule (engine/strategy.c: a function of the firm's class,
 * the firm and the week that returns the quality to ship) and whether the
 * firm prices at unit cost. The schema (parsing, messages, `mishi
 * strategies`, docs/model.md) and the engine's dispatch both expand this
 * list, so a strategy is added here and in its rule's own file, nowhere
 * else. */
#define MISHI_STRATEGY_LIST(X)                                                \
    X(FIXED, "fixed", "ship the design quality, always", fixed_quality, 0)    \
    X(FADE, "fade",                                                           \
      "quality fade: the first batch ships the design quality, each later "   \
      "batch of batch_weeks fade_step less, down to quality_floor",           \
      fade_quality, 0)                                                        \
    X(TRAIN_STATION, "train-station",                                         \
      "every review_weeks, cut quality_step when buyers' loyalty (read as "   \
      "loyalty_measure) is below the bar (loyalty_threshold, as "             \
      "loyalty_reference says), else restore a step towards design",          \
      train_station_quality, 0)                                               \
    X(QUANTITY, "quantity-mandate",                                           \
      "a volume mandate: ship quality_floor and price at unit cost",          \
      quantity_mandate_quality, 1)                                            \
    X(PROFIT_SEEKING, "profit-seeking",                                       \
      "every review_weeks, move quality a quality_step the same way if "      \
      "profit did not fall, else turn round; the first move is a cut",        \
      profit_seeking_quality, 0)

typedef enum {
#define MISHI_STRATEGY_ENUM(id, name, doc, rule, at_cost) MISHI_STRATEGY_##id,
    MISHI_STRATEGY_LIST(MISHI_STRATEGY_ENUM)
#undef MISHI_STRATEGY_ENUM
    MISHI_STRATEGY_COUNT
} mishi_strategy;

/* The price rules: how a firm sets its price, each acting at the firm's
 * reviews (every review_weeks, at its own phase) and keeping the price
 * within [price_min, price_max]. One row each, as the strategies: the
 * enum's suffix, the name, a one-line doc and the engine's rule
 * (engine/pricing.c). A firm whose strategy prices at unit cost
 * (quantity-mandate) follows its strategy instead. */
#define MISHI_PRICE_RULE_LIST(X)                                              \
    X(FIXED, "fixed", "the class's price, always", fixed_price)               \
    X(COST_PLUS, "cost-plus", "unit cost times (1 + markup)", cost_plus_price) \
    X(MATCH, "match", "the mean price the market paid in the last week",      \
      match_price)                                                            \
    X(UNDERCUT, "undercut",                                                   \
      "the market's mean price of the last week, less the share undercut",    \
      undercut_price)                                                         \
    X(PROFIT_SEEKING, "profit-seeking",                                       \
      "move the price by the share price_step the same way if profit did "    \
      "not fall, else turn round; the first move is a cut",                   \
      profit_seeking_price)

typedef enum {
#define MISHI_PRICE_RULE_ENUM(id, name, doc, rule) MISHI_PRICE_##id,
    MISHI_PRICE_RULE_LIST(MISHI_PRICE_RULE_ENUM)
#undef MISHI_PRICE_RULE_ENUM
    MISHI_PRICE_RULE_COUNT
} mishi_price_rule;

/* What the train-station rule reads as loyalty (firms[].loyalty_measure):
 * the share of its units sold to its own former buyers, or the share of
 * its former buyers back in the market who chose it again. */
enum { LOYALTY_REPEAT_SHARE, LOYALTY_RETENTION };
/* What it compares that with (firms[].loyalty_reference): the threshold
 * itself, or the threshold times the market's own figure. */
enum { LOYALTY_ABSOLUTE, LOYALTY_VS_MARKET };

/* "train-station" for MISHI_STRATEGY_TRAIN_STATION; "?" if out of range. */
const char *strategy_name(mishi_strategy s);
/* The strategy named `text`; -1 if none is. */
int strategy_parse(const char *text, mishi_strategy *out);

typedef struct mishi_region_params {
    char name[MISHI_NAME_MAX];
    double share; /* share of the consumers living here (normalised) */
    double online_share; /* share of them who shop online (channels.c) */
} mishi_region_params;

/* How a firm sells (firms[].channel, channels.c): through retailers, only
 * in its own online store, or both (online shoppers then buy direct). */
enum { CHANNEL_RETAIL, CHANNEL_ONLINE, CHANNEL_BOTH };

/* Who resolves a firm's complaints (firms[].service, service.c): an
 * outside contractor, or the firm's own staff (dearer, better, and some
 * resolved complainers become advocates). */
enum { SERVICE_OUTSOURCED, SERVICE_INHOUSE };

/* A segment of consumers: tastes that differ from the scenario's choice
 * weights by a factor, an aspiration and an outside option that differ by
 * a shift. A consumer belongs to one segment, drawn at week 0 among those of
 * its region by share; with the default single segment (factors 1, shifts
 * 0) every consumer has the scenario's own tastes. */
typedef struct mishi_segment_params {
    char name[MISHI_NAME_MAX];
    double share;            /* relative size within its region(s) */
    char region[MISHI_NAME_MAX]; /* "" = lives in every region */
    double quality_weight, loyalty_weight, wom_weight, brand_weight,
        price_weight;        /* factors on choice.w_quality ... w_price */
    double aspiration_shift; /* added to consumers.aspiration */
    double outside_shift;    /* added to choice.outside_utility */
    double software_weight;  /* factor on choice.w_software */
} mishi_segment_params;

/* A class of firms: `count` firms drawn with these attributes at week 0, and
 * entrants of the class named by entry.class. */
typedef struct mishi_firm_class {
    char name[MISHI_NAME_MAX];
    int count;
    mishi_strategy strategy;
    double design_quality_min, design_quality_max;
    double price;
    double brand_min, brand_max;
    double visibility;
    double access;
    char region[MISHI_NAME_MAX]; /* "" = sells in every region */
    double cash;
    double fixed_cost;
    double cost_base, cost_quality, cost_quality_exponent;
    double volume_ref, scale_elasticity;
    double acquisition_budget, cost_per_reach;
    double retention_budget, cost_per_resolution, resolution_satisfaction;
    int review_weeks;
    double loyalty_threshold, quality_step, quality_floor;
    int loyalty_measure, loyalty_reference; /* LOYALTY_* */
    int batch_weeks;
    double fade_step;
    int price_rule; /* mishi_price_rule */
    double markup, undercut, price_step, price_min, price_max;
    int exit_loss_weeks; /* consecutive losing weeks before exit; 0: none */
    double cash_weeks;   /* starting cash in weeks of fixed cost; 0: cash */
    double loyalty_reward, loyalty_cost; /* the loyalty programme */
    int launch_weeks;       /* weeks from its first week to its first sale */
    int channel;            /* CHANNEL_* */
    double retailer_margin; /* share of the price retailers keep */
    /* software (software.c) and services after the sale (services.c) */
    double software_quality; /* at birth, 0..1 */
    int release_weeks;       /* between releases; 0: no releases */
    int feedback_lag_weeks;  /* from a feedback window's end to its release */
    double software_gain;    /* the most a release adds, share of the gap to 1 */
    double feedback_half;    /* messages at which a release achieves half */
    double feedback_rate;    /* messages per user with a direct line, a week */
    double software_decay;   /* weekly share of the gains since birth lost */
    double rom_installs;     /* installs a week on others' devices at S = 1 */
    double rom_preference;   /* what an installer comes to prefer the firm by */
    double service_revenue;  /* money per active user a week */
    /* social media (social.c) */
    double post_rate;      /* probability a buyer posts about its device */
    double post_extremity; /* exponent on |satisfaction| in that probability */
    /* customer service (service.c) */
    int service;           /* SERVICE_* */
    double inhouse_cost_per_resolution, inhouse_resolution_satisfaction;
    double advocate_share; /* in-house: resolved complainers who post praise */
    /* a home market and the markets abroad (challenges, firms.c) */
    char home_region[MISHI_NAME_MAX]; /* "" = no home: every region alike */
    double away_visibility; /* factor on visibility outside the home region */
    int away_launch_weeks;  /* extra weeks before it sells outside it */
    int preorder_weeks;       /* reservations open this long before launch */
    double reservation_lapse; /* weekly probability a reservation lapses */
    int flash_batch;          /* units per flash sale; 0: open sales */
    int flash_every_weeks;    /* weeks between flash sales, from launch */
    double flash_patience;    /* a shopper who missed out waits for the next */
} mishi_firm_class;

#define MISHI_MAX_RELEASE_WEEKS 52 /* release_weeks, feedback_lag_weeks: a year */

typedef struct mishi_consumer_params {
    int64_t count;
    double transient_share;
    double transient_stay_weeks;
    double device_life_weeks;
    double failure_rate, failure_exponent, failure_penalty;
    double quality_noise;
    double aspiration;
    double memory_decay;
    double complaint_propensity;
    int friends;
    int network_window;
    double network_locality;
    int search_firms;
    int memory_slots; /* firms a consumer remembers */
    int consider_all; /* 1: every reachable firm (validation, <= 32 firms) */
    double initial_owners;  /* share holding a device at week 0 */
    double initial_loyalty; /* extra preference for the week-0 maker */
    double outside_wait_weeks; /* mean wait after buying nothing */
} mishi_consumer_params;

/* Category adoption by prospects (Bass 1969): weekly hazard
 * innovation + imitation * (share of adopters seen). */
typedef struct mishi_adoption_params {
    double innovation, imitation;
    int fully_mixed; /* 1: adopters among everyone; 0: among friends */
} mishi_adoption_params;

typedef struct mishi_choice_params {
    double beta;
    double w_quality, w_loyalty, w_wom, w_brand, w_price;
    double w_software;      /* weight on the firm's software quality */
    int outside_option;     /* 1: a shopper may buy nothing this time */
    double outside_utility; /* the utility of buying nothing */
} mishi_choice_params;

typedef struct mishi_entry_params {
    double rate;
    char firm_class[MISHI_NAME_MAX]; /* "" = the first class */
    double profit_response; /* more entrants a week per unit of profit */
    double memory_weeks;    /* how long the market's profit is remembered */
    int start_week;         /* the first week entrants may arrive */
} mishi_entry_params;

/* Buyers' posts on social media (social.c): how many consumers a post
 * reaches, and the share of the posts' weight lost each week. */
typedef struct mishi_social_params {
    double reach; /* consumers of its region a post reaches */
    double decay; /* 1/week */
} mishi_social_params;

/* What the market says about a firm: its recent buyers' reviews, public
 * after a delay and forgotten with age (reputation.c). */
typedef struct mishi_reputation_params {
    double weight;       /* 0: shoppers expect a firm's advertised quality */
    double memory_weeks; /* mean age of the reviews a reputation rests on */
    int delay_weeks;     /* from a purchase to its review being public */
} mishi_reputation_params;

/* The buzz of flash sales that sell out (flash.c). */
typedef struct mishi_flash_params {
    double buzz_gain;  /* buzz per unit of unmet demand per unit of batch */
    double buzz_decay; /* weekly share of the buzz that fades */
} mishi_flash_params;

/* Private reselling of flash-sale units (resale.c). */
typedef struct mishi_resale_params {
    double reseller_share; /* share of flash-sale winners who buy to resell */
    double owner_share;    /* share of owners replacing a working device who
                              sell the old one */
    double premium;        /* markup over the price at full scarcity */
    double age_discount;   /* share of the value lost per week of age */
} mishi_resale_params;

#define MISHI_MAX_REVIEW_DELAY 52 /* reputation.delay_weeks: a year */

typedef struct mishi_params {
    char name[MISHI_NAME_MAX];
    uint64_t seed;
    int weeks;
    mishi_consumer_params consumers;
    mishi_choice_params choice;
    mishi_entry_params entry;
    mishi_adoption_params adoption;
    mishi_reputation_params reputation;
    mishi_social_params social;
    mishi_flash_params flash;
    mishi_resale_params resale;
    int region_count;
    mishi_region_params regions[MISHI_MAX_REGIONS];
    int class_count;
    mishi_firm_class classes[MISHI_MAX_CLASSES];
    int segment_count;
    mishi_segment_params segments[MISHI_MAX_SEGMENTS];
} mishi_params;

/* The index of the region or firm class named `name`, -1 if none
 * (lists.c): one lookup for the loader's checks and the engine. */
int params_region_index(const mishi_params *p, const char *name);
int params_class_index(const mishi_params *p, const char *name);

/* The scenario handle: parameters plus where they came from. */
struct mishi_scenario {
    mishi_params params;
    char source[256]; /* file name, for messages */
};

#endif
