/*
 * mishi.h — the public face of libmishi, an agent-based simulator of consumer
 * markets in which loyalty, defection, quality and word of mouth decide who
 * wins.
 *
 * Everything the `mishi` program does, a program linking libmishi can do:
 *
 *     mishi_scenario *sc; mishi_sim *sim; mishi_output *out; mishi_error err;
 *     mishi_scenario_load("scenarios/train-station.yaml", &sc, &err);
 *     mishi_scenario_set(sc, "seed=7", &err);          // like `--set seed=7`
 *     mishi_sim_new(sc, NULL, &sim, &err);
 *     mishi_output_open("out", sc, &out, &err);
 *     while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
 *         mishi_sim_step(sim, &err);
 *         mishi_output_week(out, sim, &err);
 *     }
 *     mishi_output_close(out, sim, NULL, &err);        // renames into place
 *     mishi_output_free(out); mishi_sim_free(sim); mishi_scenario_free(sc);
 *
 * Conventions (after SQLite and GSL):
 *  - every function that can fail returns a mishi_status (0 = MISHI_OK) and,
 *    when given a mishi_error, fills it with a message naming the file, line,
 *    column and key at fault;
 *  - constructors hand their object out through a pointer; destructors accept
 *    NULL; the caller owns what it allocates;
 *  - the library never prints, never exits and keeps no global mutable state
 *    but what a signal handler must reach (the files being written, and
 *    whether a database commit holds a signal off: mishi_files.h), so
 *    several simulations can run in one process.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#ifndef MISHI_H
#define MISHI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MISHI_VERSION "0.1.0"

/* 16 hex digits that change whenever the model's code does: a digest of
 * the library's sources (src/, include/) taken when it was built. The
 * version alone does not tell two models apart; a results database
 * records this so that runs of two models are never mixed in it. */
const char *mishi_model_digest(void);

/* ---------------------------------------------------------------- errors */

/* One list makes the codes, their names and their messages (libuv style). */
#define MISHI_STATUS_LIST(X)                                                  \
    X(MISHI_OK, 0, "success")                                                 \
    X(MISHI_ENOMEM, 1, "out of memory")                                       \
    X(MISHI_EIO, 2, "input/output error")                                     \
    X(MISHI_ESCENARIO, 3, "invalid scenario")                                 \
    X(MISHI_EARG, 4, "invalid argument")                                      \
    X(MISHI_ELIMIT, 5, "a size limit of the model was exceeded")              \
    X(MISHI_EDONE, 6, "the simulation has reached its horizon")              \
    X(MISHI_EINTERNAL, 7, "an invariant of the model was broken (a bug)")

typedef enum {
#define MISHI_STATUS_ENUM(name, value, text) name = value,
    MISHI_STATUS_LIST(MISHI_STATUS_ENUM)
#undef MISHI_STATUS_ENUM
} mishi_status;

/* Where a failure happened and why; filled by any function given one. */
typedef struct mishi_error {
    mishi_status code;
    char message[1024];
} mishi_error;

/* "MISHI_ESCENARIO" and "invalid scenario" for MISHI_ESCENARIO; never NULL. */
const char *mishi_status_name(int code);
const char *mishi_status_message(int code);

/* Record `code` and a printf-style message in `err` (which may be NULL) and
 * return `code`, so a failure reads `return mishi_error_set(err, ...)`: the
 * one way libmishi, and the libraries built on it, report failure. */
mishi_status mishi_error_set(mishi_error *err, mishi_status code,
                             const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* `format` and its values added to the end of the text in buf (`size`
 * bytes in all), as far as it fits: a message built in pieces, as the
 * library's own are; for front ends to share. */
void mishi_text_append(char *buf, size_t size, const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The one of `count` candidates (NULL entries skipped) nearest to a
 * misspelt `name` by edit distance, or NULL if none is near: the rule
 * behind every "did you mean" mishi prints, for front ends to share. */
const char *mishi_nearest_name(const char *name, const char *const *candidates,
                               size_t count);

/* ----------------------------------------------------- scenario and schema */

typedef struct mishi_scenario mishi_scenario;

/* Parse and validate a YAML scenario file. Unknown keys, wrong types and
 * out-of-range values fail with file:line:column, the key and what was
 * expected (with a suggestion for a misspelt key). */
mishi_status mishi_scenario_load(const char *path, mishi_scenario **out,
                                 mishi_error *err);
/* The same from text in memory; `name` stands for the file in messages. */
mishi_status mishi_scenario_load_string(const char *yaml, const char *name,
                                        mishi_scenario **out, mishi_error *err);
/* A scenario with every parameter at its default (one firm class). */
mishi_status mishi_scenario_default(mishi_scenario **out, mishi_error *err);
/* Apply "key.path=value" as the CLI's --set does, e.g. "consumers.count=5000"
 * or "firms.local.price=1.2" (a firm class by name or by index). The value is
 * checked against the schema exactly as a value in the file would be. */
mishi_status mishi_scenario_set(mishi_scenario *sc, const char *assignment,
                                mishi_error *err);
/* Several assignments as one change: each value stored and checked against
 * the schema in turn, then the cross-checks between parameters (a minimum
 * above its maximum, say) run once on the result, as they do for a file
 * after its last key, so the order of the assignments does not matter. On a
 * refusal the scenario is unchanged and *refused (if not NULL) is the index
 * of the assignment refused, or `count` when the cross-checks refused the
 * whole. */
mishi_status mishi_scenario_set_all(mishi_scenario *sc, const char *const *assignments,
                                    size_t count, size_t *refused, mishi_error *err);
/* Write every resolved parameter as a JSON object (no trailing newline). */
mishi_status mishi_scenario_write_json(const mishi_scenario *sc, FILE *f);
uint64_t mishi_scenario_seed(const mishi_scenario *sc);
const char *mishi_scenario_name(const mishi_scenario *sc);
/* The name of firm class `class_index` (mishi_firm_row.firm_class), or NULL
 * if there is no such class; valid while the scenario lives. */
const char *mishi_scenario_class_name(const mishi_scenario *sc,
                                      int class_index);
void mishi_scenario_free(mishi_scenario *sc);

/* The schema: one row per parameter, the single source for scenario keys,
 * --set paths, `mishi params` and docs/model.md. Paths of firm-class keys read
 * "firms[].key", of region keys "regions[].key". */
typedef struct mishi_param_info {
    const char *path;    /* "consumers.transient_share" */
    const char *type;    /* "int", "real", "seed", "text", "strategy" */
    const char *unit;    /* "weeks", "share", "money/unit", ... */
    double min, max;     /* inclusive range for numbers */
    const char *fallback; /* default, as written in a scenario file */
    const char *doc;     /* one line: what it means */
} mishi_param_info;

size_t mishi_param_count(void);
const mishi_param_info *mishi_param_at(size_t index); /* NULL past the end */

/* The firm strategies (firms[].strategy): the rules by which a firm sets
 * the quality it ships. One table in the library drives parsing, messages,
 * `mishi params`, docs/model.md and the engine's dispatch. */
typedef struct mishi_strategy_info {
    const char *name; /* as written in a scenario: "train-station" */
    const char *doc;  /* one line: what the rule does */
} mishi_strategy_info;

size_t mishi_strategy_count(void);
const mishi_strategy_info *mishi_strategy_at(size_t index); /* NULL past end */
/* The price rules (firms[].price_rule), the same way. */
size_t mishi_price_rule_count(void);
const mishi_strategy_info *mishi_price_rule_at(size_t index); /* NULL past end */

/* -------------------------------------------------------------- simulation */

typedef struct mishi_sim mishi_sim;

typedef struct mishi_run_options {
    int threads; /* OpenMP threads; 0 = the OpenMP default. Output does not
                    depend on it. */
    int plain;   /* 1: where the engine has a fast path, take the plain
                    reference one instead. Output is the same, only slower:
                    for tests, and for checking a build. */
} mishi_run_options;

/* Build the population and the firms at week 0. `options` may be NULL. */
mishi_status mishi_sim_new(const mishi_scenario *sc,
                           const mishi_run_options *options, mishi_sim **out,
                           mishi_error *err);
/* Simulate one week. MISHI_EDONE once the horizon is reached. */
mishi_status mishi_sim_step(mishi_sim *sim, mishi_error *err);
int mishi_sim_week(const mishi_sim *sim);  /* weeks simulated so far */
int mishi_sim_weeks(const mishi_sim *sim); /* the horizon */
int64_t mishi_sim_consumers(const mishi_sim *sim); /* population size */
void mishi_sim_free(mishi_sim *sim);

/* Where a run's time goes: the submodels in the order of the week (the
 * schedule of docs/model.md) and the wall-clock seconds spent in each
 * one's weekly step so far. Submodels without a weekly step have none. */
#define MISHI_MAX_SUBMODELS 32
size_t mishi_submodel_count(void);
const char *mishi_submodel_name(size_t k);
double mishi_sim_step_seconds(const mishi_sim *sim, size_t k);

/* The mechanisms a run watches for never acting (engagement.c): what
 * switches each on, the output column that counts it acting (above 0 in
 * some week), the mechanism whose idleness would explain its own, what
 * its staying idle means, and the scenario keys no other part of the
 * model reads, which cannot change a run while it is switched off.
 * `mishi outputs` lists them. */
typedef struct mishi_mechanism_info {
    const char *name;           /* "flash sales" */
    const char *switched_on_by; /* "firms[].flash_batch > 0" */
    const char *measure;        /* "firms.flash_unmet" */
    const char *needs;          /* "purchases"; NULL if none */
    const char *meaning;        /* a sentence: what its staying 0 means */
    /* the keys read only while it is on, as mishi_param_info paths
     * ("firms[].flash_patience", "flash.buzz_gain"), NULL-ended; a key
     * listed by two mechanisms is read while either is on */
    const char *const *own_keys;
} mishi_mechanism_info;
size_t mishi_mechanism_count(void);
const mishi_mechanism_info *mishi_mechanism_at(size_t k); /* NULL past end */

/* Whether the parameter a --set path names ("social.reach",
 * "firms.local.flash_patience", "firms.0.flash_patience"; "=VALUE" after
 * it is ignored) cannot change a run of `sc`: it is an own key only of
 * mechanisms `sc` switches off (for that firm class, for a class's key;
 * for every class, for a market key that a class's mechanism reads).
 * Then 1, and why[0..why_size) says so: "social.reach is read only by
 * advocates (...) and posts (switched on by firms[].post_rate > 0), which
 * the scenario switches off". Else 0, as for a path that names no
 * parameter. Ask once every --set is applied: one may switch the
 * mechanism on. */
int mishi_scenario_unread(const mishi_scenario *sc, const char *path,
                          char *why, size_t why_size);

/* A mechanism the scenario switches on that has not acted in any week
 * simulated so far: flash sales none of which sold out, customer service
 * with no complaint to resolve. Its parameters then could not change the
 * results. One idle only because the mechanism it needs is idle too (no
 * purchases, so no complaints) is left to that one. */
typedef struct mishi_idle_mechanism {
    const mishi_mechanism_info *mechanism;
    char classes[256]; /* the firm classes it is idle for ("xiaomi, crowd");
                          "" when it is the market's */
} mishi_idle_mechanism;
/* How many mechanisms are idle; the first `max` of them (in the order of
 * mishi_mechanism_at) are written to `out`. MISHI_MAX_MECHANISMS is room
 * for all. */
#define MISHI_MAX_MECHANISMS 32
size_t mishi_sim_idle_mechanisms(const mishi_sim *sim, mishi_idle_mechanism *out,
                                 size_t max);

/* The market in the week just simulated (one row of market.csv). */
typedef struct mishi_market_row {
    int week;
    int active_firms;
    int64_t units;          /* devices sold */
    int64_t shoppers;       /* consumers in the market this week */
    int64_t no_purchase;    /* shoppers who chose to buy nothing */
    int64_t unserved;       /* shoppers with no firm in reach */
    int64_t buyers_returning; /* buyers who replaced a device of a firm still
                                 trading: repeat_units + defections */
    int64_t repeat_units;   /* replaced a device of their own maker */
    int64_t defections;     /* returning buyers who switched maker */
    int64_t newcomers;      /* buyers new to the market (a transient's
                               successor) who bought this week */
    int64_t adoptions;      /* prospects who adopted this week */
    int64_t adopters;       /* consumers who are not prospects (Bass's
                               cumulative adopters), at the week's end */
    int64_t complaints, resolved;
    double hhi;             /* sum of squared unit shares, 0..1 */
    double mean_quality;    /* mean quality of the units sold, 0..1 */
    double repeat_rate;     /* repeat_units / units */
    double defection_rate;  /* defections / buyers_returning */
    double loyalty_index;   /* mean over buyers of sum_k P_k^2 */
    double preference_concentration; /* mean over buyers with some positive
                               preference of WKH's y = sum J^2 / (sum J)^2
                               over their positive J, 1/slots..1 */
    double mean_satisfaction; /* mean satisfaction of this week's buyers */
    double total_profit;
    int64_t posts;          /* buyers' posts on social media this week */
    int64_t reserved;       /* shoppers who reserved, or kept a reservation
                               not served, and took no device */
    int64_t missed;         /* shoppers who missed a flash sale and took no
                               device */
    int64_t resale_units;   /* second-hand devices bought from resellers */
    double resale_price;    /* mean price they paid (NaN with none) */
} mishi_market_row;

/* One firm in the week just simulated (one row of firms.csv). */
typedef struct mishi_firm_row {
    int week;
    int firm;               /* firm id, stable for the whole run */
    int firm_class;         /* index into the scenario's firm classes */
    int active;             /* 0 in the week it exits, 1 otherwise */
    int64_t units, new_customers, repeat_units, defections;
    int64_t complaints, resolved;
    int64_t units_direct;   /* of its units, those sold in its own online store */
    int64_t installed;      /* its devices in use at the end of the week */
    int rank;               /* 1 + the firms that sold more units this week */
    double revenue, cost, profit, cash, share, price;
    double design_quality, shipped_quality, unit_cost;
    double reputation;      /* what its buyers' public reviews say, 0..1 */
    double repeat_rate;     /* repeat_units / units (NaN with no units) */
    double retention;       /* repeat_units / (repeat_units + defections):
                               of its former buyers back in the market, the
                               share who chose it again (NaN with none) */
    double acquisition_spend, cost_per_new_customer, retention_spend;
    double software_quality; /* its software, 0..1, separate from hardware */
    double rom_users;        /* users of its software on others' devices */
    double feedback;         /* feedback messages collected this week */
    double service_revenue;  /* revenue from services this week */
    int64_t posts_praise, posts_criticism; /* its buyers' posts this week */
    double buzz;            /* its buyers' posts, decayed, in every region */
    double service_spend;   /* resolved x its service's cost per resolution */
    int64_t advocates;      /* resolved complainers who posted praise */
    int64_t reservations;     /* reservations held at the end of the week */
    int64_t preorders_served; /* of its units, those served to reservers */
    int64_t flash_demand;     /* shoppers who chose it while it sells in
                                 flash sales (both rounds of the week) */
    int64_t flash_unmet;      /* of them, those left without a unit */
    double flash_buzz;        /* its buzz: visibility is raised 1 + buzz */
    int64_t resale_units;     /* its second-hand devices resold this week */
    int64_t resale_pool;      /* its second-hand devices for sale, at the end
                                 of the week */
} mishi_firm_row;

const mishi_market_row *mishi_sim_market(const mishi_sim *sim);
/* Rows for the firms active during the week just simulated. */
size_t mishi_sim_firms(const mishi_sim *sim, const mishi_firm_row **rows);

/* One shopper of the week just simulated: the agent-level record behind the
 * market and firm rows (what a Mesa agent reporter would collect). */
typedef struct mishi_purchase_row {
    int64_t consumer;
    int firm;            /* the maker chosen; -1: none within reach (the
                            consumer shops again next week) */
    int previous;        /* maker of the device held before; -1: none */
    int newcomer;        /* 1: a newcomer took the consumer's place first */
    double unit_quality; /* quality of the unit received, 0..1 */
    double satisfaction; /* after any complaint resolution, -1..1 */
    double choice_concentration;     /* sum_k P_k^2 over its logit choice */
    double preference_concentration; /* WKH's y over its memory's positive
                                        J before the purchase; NaN if none */
} mishi_purchase_row;

/* Shoppers of the week just simulated, in a fixed order (the same for any
 * thread count); row k for k < mishi_sim_purchase_count(sim). */
size_t mishi_sim_purchase_count(const mishi_sim *sim);
void mishi_sim_purchase(const mishi_sim *sim, size_t k, mishi_purchase_row *out);

/* Consumer storage actually used, in bytes per consumer (docs quote it). */
double mishi_sim_bytes_per_consumer(const mishi_sim *sim);

/* Quality and satisfaction as a consumer stores them (quality in steps of
 * 1/255, satisfaction in steps of 1/127): what a buyer remembers and tells
 * friends is the stored value, so a theory that is to match the model to
 * the last step rounds the same way. */
double mishi_stored_quality(double quality);
double mishi_stored_satisfaction(double satisfaction);

/* ------------------------------------------------------------------ output */

/* The columns of the output tables, one row per column: the single source
 * for the CSV headers, the plots' series and legends, and the output
 * section of docs/model.md. `file` is "market.csv" or "firms.csv"; columns
 * are listed file by file, in the order they appear in the file. */
typedef struct mishi_column_info {
    const char *file;    /* "market.csv" */
    const char *name;    /* "repeat_rate", the header cell */
    const char *unit;    /* "share 0..1", "money/week", ... */
    const char *label;   /* a short name for legends: "repeat rate" */
    const char *meaning; /* one line: what it measures */
    /* firms.csv: 1 if its sum over firms is the firms' total (units, money,
     * a share of the market); 0 for a level or rate of each firm (price,
     * quality, repeat rate), which a mean, max or min over firms reads and
     * a sum does not */
    int additive;
    /* 1 for a column that says which row it is (the week; in firms.csv
     * also the firm and its class), not something measured */
    int names_row;
} mishi_column_info;

size_t mishi_column_count(void);
const mishi_column_info *mishi_column_at(size_t index); /* NULL past end */
/* The column a weekly quantity names, "market.units" or "firms.profit"
 * (the file's stem, a dot, the column); NULL if none. */
const mishi_column_info *mishi_column_named(const char *quantity);

/* Tidy output: firms.csv, market.csv, summary.json and plot.gp in a folder.
 * Files are written under temporary names and renamed into place only by a
 * successful mishi_output_close, so a failed run never leaves a
 * half-written file under a final name. */
typedef struct mishi_output mishi_output;

mishi_status mishi_output_open(const char *dir, const mishi_scenario *sc,
                               mishi_output **out, mishi_error *err);
mishi_status mishi_output_week(mishi_output *out, const mishi_sim *sim,
                               mishi_error *err);
/* `extra_json` (may be NULL) is spliced into summary.json, e.g. timings:
 * "\"timings\": {...}". */
mishi_status mishi_output_close(mishi_output *out, const mishi_sim *sim,
                                const char *extra_json, mishi_error *err);
void mishi_output_free(mishi_output *out); /* discards temporaries if open */

#ifdef __cplusplus
}
#endif
#endif /* MISHI_H */
