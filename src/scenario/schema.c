/*
 * schema.c — every scenario parameter: key, type, unit, range, default, doc.
 *
 * Units: time is in weeks (the model's step); money is in currency units
 * ("money"), prices and costs per device sold; quality, brand, visibility,
 * access and satisfaction are dimensionless, quality on 0..1 where 1 is the
 * best device the market could make. Defaults describe a middling market;
 * scenarios/ holds the worked scenarios.
 */
#include "schema.h"

#include "mishi_files.h"
#include "real_text.h"
#include "strategies.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BIG 1e300
#define ROW(scope_, type_, tname, path, strct, field, unit, lo, hi, def, doc)  \
    {{path, tname, unit, lo, hi, def, doc}, scope_, type_, offsetof(strct, field), NULL}
#define TOP(...) TOP_(__VA_ARGS__)
#define TOP_(t, tn, path, field, unit, lo, hi, def, doc)                        \
    ROW(SCHEMA_TOP, t, tn, path, mishi_params, field, unit, lo, hi, def, doc)
#define REG(...) REG_(__VA_ARGS__)
#define REG_(t, tn, key, field, unit, lo, hi, def, doc)                         \
    ROW(SCHEMA_REGION, t, tn, "regions[]." key, mishi_region_params, field,    \
        unit, lo, hi, def, doc)
#define CLS(...) CLS_(__VA_ARGS__)
#define CLS_(t, tn, key, field, unit, lo, hi, def, doc)                         \
    ROW(SCHEMA_CLASS, t, tn, "firms[]." key, mishi_firm_class, field, unit,    \
        lo, hi, def, doc)
#define SEG(...) SEG_(__VA_ARGS__)
#define SEG_(t, tn, key, field, unit, lo, hi, def, doc)                         \
    ROW(SCHEMA_SEGMENT, t, tn, "segments[]." key, mishi_segment_params, field, \
        unit, lo, hi, def, doc)
/* A firm-class row whose value is one of `names` (stored as its index). */
#define CLS_NAMED(key, field, names, def, doc)                                 \
    {{"firms[]." key, "choice", "-", 0, 0, def, doc}, SCHEMA_CLASS,            \
     SCHEMA_NAMED, offsetof(mishi_firm_class, field), names}
#define REAL SCHEMA_REAL, "real"
#define INT SCHEMA_INT, "int"

static const char *const price_rule_names[] = {
#define PRICE_RULE_NAME(id, name, doc, rule) name,
    MISHI_PRICE_RULE_LIST(PRICE_RULE_NAME)
#undef PRICE_RULE_NAME
    NULL};
static const char *const loyalty_measures[] = {"repeat-share", "retention",
                                               NULL};
static const char *const loyalty_references[] = {"absolute", "market", NULL};
static const char *const channels[] = {"retail", "online", "both", NULL};
static const char *const services[] = {"outsourced", "in-house", NULL};

static const schema_row rows[] = {
    /* ---- run ---- */
    TOP(SCHEMA_TEXT, "text", "name", name, "-", 0, 0, "unnamed",
        "scenario name, echoed in outputs"),
    TOP(SCHEMA_SEED, "seed", "seed", seed, "-", 0, 18446744073709551615.0, "1",
        "random seed; same scenario and seed give bit-identical output"),
    TOP(INT, "weeks", weeks, "weeks", 1, 65000, "520",
        "simulated horizon (one step is one week)"),

    /* ---- consumers ---- */
    TOP(SCHEMA_INT64, "int", "consumers.count", consumers.count, "consumers",
        1, 2147483647.0, "100000",
        "consumers in the market (constant: leavers are replaced)"),
    TOP(REAL, "consumers.transient_share", consumers.transient_share, "share",
        0, 1, "0.1",
        "share of consumers who are transient: buy once, move on, and are replaced by a transient newcomer"),
    TOP(REAL, "consumers.transient_stay_weeks", consumers.transient_stay_weeks,
        "weeks", 1, 1e6, "8",
        "mean weeks a transient stays after buying before a newcomer replaces it"),
    TOP(REAL, "consumers.device_life_weeks", consumers.device_life_weeks,
        "weeks", 1, 1e6, "87",
        "mean planned replacement time of a device (87 weeks = 20 months)"),
    TOP(REAL, "consumers.failure_rate", consumers.failure_rate, "1/week", 0, 1,
        "0.01", "weekly failure hazard of a device of quality 0"),
    TOP(REAL, "consumers.failure_exponent", consumers.failure_exponent, "-", 0,
        100, "2", "failure hazard = failure_rate * (1 - quality)^failure_exponent"),
    TOP(REAL, "consumers.failure_penalty", consumers.failure_penalty,
        "preference", 0, 10, "0.5",
        "preference lost for the maker when a device fails before its planned life"),
    TOP(REAL, "consumers.quality_noise", consumers.quality_noise, "quality", 0,
        1, "0.05", "standard deviation of a unit's quality around its batch"),
    TOP(REAL, "consumers.aspiration", consumers.aspiration, "quality", 0, 1,
        "0.5", "unit quality that leaves a buyer neither satisfied nor not"),
    TOP(REAL, "consumers.memory_decay", consumers.memory_decay, "1/week", 0, 1,
        "0.01", "gamma: weekly forgetting of learned preference (WKH 2000)"),
    TOP(REAL, "consumers.complaint_propensity", consumers.complaint_propensity,
        "probability", 0, 1, "0.5",
        "probability that a dissatisfied buyer complains to the maker"),
    TOP(INT, "consumers.friends", consumers.friends, "consumers", 0, MISHI_MAX_FRIENDS, "4",
        "friends a shopper asks about their devices (word of mouth)"),
    TOP(INT, "consumers.network_window", consumers.network_window, "consumers",
        1, 1000000, "50",
        "local friends are drawn within this many ids of the consumer"),
    TOP(REAL, "consumers.network_locality", consumers.network_locality, "share",
        0, 1, "0.9",
        "share of friends who are local; the rest are anywhere (small world)"),
    TOP(INT, "consumers.search_firms", consumers.search_firms, "firms", 0, 16,
        "2", "firms a shopper finds by browsing, drawn by visibility"),
    TOP(INT, "consumers.memory_slots", consumers.memory_slots, "firms", 1,
        MISHI_MAX_MEMORY_SLOTS,
        "3", "firms a consumer remembers, with a learned preference each; the "
        "weakest is forgotten to make room (4 bytes per consumer each)"),
    TOP(INT, "consumers.consider_all", consumers.consider_all, "-", 0, 1, "0",
        "1: shoppers consider every firm they can reach (full information, "
        "as in the textbook logit; at most 32 firms), 0: memory, friends, ads, browsing"),
    TOP(REAL, "consumers.initial_owners", consumers.initial_owners, "share", 0,
        1, "1",
        "share of consumers holding a device at week 0; the rest are prospects "
        "who enter the market only by adopting (see adoption)"),
    TOP(REAL, "consumers.outside_wait_weeks", consumers.outside_wait_weeks,
        "weeks", 1, 1e6, "13",
        "mean weeks a shopper who bought nothing waits before it looks again "
        "(geometric; with choice.outside_option)"),
    TOP(REAL, "consumers.initial_loyalty", consumers.initial_loyalty,
        "preference", 0, 1e6, "0",
        "preference for the maker of the device held at week 0, on top of "
        "that unit's satisfaction (loyalty built before the run)"),

    /* ---- choice ---- */
    TOP(REAL, "choice.beta", choice.beta, "1/utility", 0, 1000, "4",
        "choice intensity of the logit (WKH's discrimination rate)"),
    TOP(REAL, "choice.w_quality", choice.w_quality, "utility/quality", -100, 100,
        "1", "weight on expected quality (own device or advertised)"),
    TOP(REAL, "choice.w_loyalty", choice.w_loyalty, "utility/preference", -100,
        100, "1", "weight on learned preference for the firm"),
    TOP(REAL, "choice.w_wom", choice.w_wom, "utility/satisfaction", -100, 100,
        "1", "weight on friends' mean satisfaction with the firm"),
    TOP(REAL, "choice.w_brand", choice.w_brand, "utility/brand", -100, 100,
        "0.5", "weight on the firm's brand identity"),
    TOP(REAL, "choice.w_price", choice.w_price, "utility/money", -100, 100, "1",
        "weight on price (disutility per unit of money)"),
    TOP(REAL, "choice.w_software", choice.w_software, "utility/quality", -100,
        100, "0", "weight on the firm's software quality (firms[].software_quality; "
        "0: software does not count)"),
    TOP(INT, "choice.outside_option", choice.outside_option, "-", 0, 1, "0",
        "1: a shopper may buy nothing this time (keep its old device, wait, "
        "or leave the category), an alternative of utility outside_utility "
        "in the logit; 0: every shopper with a firm in reach buys"),
    TOP(REAL, "choice.outside_utility", choice.outside_utility, "utility", -100,
        100, "0", "utility of buying nothing, on the scale of a firm's V "
        "(a device of expected quality q at price p has w_quality q - "
        "w_price p + ...)"),

    /* ---- entry ---- */
    TOP(REAL, "entry.rate", entry.rate, "firms/week", 0, 1000, "0",
        "mean entrants per week (Poisson); with the firms at the start, "
        "the entrants expected over the weeks of entry, plus six standard "
        "deviations, may not pass 65,000 firms"),
    TOP(SCHEMA_TEXT, "text", "entry.class", entry.firm_class, "-", 0, 0, "",
        "firm class entrants are drawn from (empty: the first class)"),
    TOP(REAL, "entry.profit_response", entry.profit_response,
        "firms/week per money/week", 0, 1e6, "0",
        "free entry: entrants a week added per unit of the mean weekly profit "
        "an active firm has been making (losses add none)"),
    TOP(REAL, "entry.memory_weeks", entry.memory_weeks, "weeks", 1, 1e6, "13",
        "free entry: how long entrants remember incumbents' profits (the "
        "mean age of the weeks in that mean)"),
    TOP(INT, "entry.start_week", entry.start_week, "week", 1, 65000, "1",
        "the first week in which entrants may arrive (a challenger that "
        "comes later: seed 002's domestic competition)"),

    /* ---- adoption (Bass 1969) ---- */
    TOP(REAL, "adoption.innovation", adoption.innovation, "1/week", 0, 1,
        "0.0006",
        "Bass p: weekly probability that a prospect adopts on outside "
        "influence (0.03 a year, Sultan, Farley & Lehmann 1990)"),
    TOP(REAL, "adoption.imitation", adoption.imitation, "1/week", 0, 1,
        "0.0073",
        "Bass q: weekly adoption probability per unit share of adopters the "
        "prospect sees (0.38 a year, Sultan, Farley & Lehmann 1990)"),
    TOP(INT, "adoption.fully_mixed", adoption.fully_mixed, "-", 0, 1, "0",
        "1: prospects see the share of adopters among all consumers (Bass's "
        "mean field), 0: among their friends (consumers.friends)"),

    /* ---- reputation ---- */
    TOP(REAL, "reputation.weight", reputation.weight, "share", 0, 1, "0",
        "weight of a firm's reputation (its buyers' reviews) in the quality a "
        "shopper expects of a firm whose device it does not hold; the rest "
        "is the quality the firm advertises (0: advertised quality only)"),
    TOP(REAL, "reputation.memory_weeks", reputation.memory_weeks, "weeks", 1,
        1e6, "26", "mean age of the reviews a reputation rests on: each "
        "week's reviews count 1/memory_weeks against the rest"),
    TOP(INT, "reputation.delay_weeks", reputation.delay_weeks, "weeks", 0,
        MISHI_MAX_REVIEW_DELAY, "4",
        "weeks from a purchase until its review is public"),

    /* ---- social media ---- */
    TOP(REAL, "social.reach", social.reach, "consumers/post", 0, 1e9, "100",
        "consumers of its region a post reaches: a shopper sees Poisson(reach "
        "x posts in its region / consumers there) posts (an assumption; "
        "posts exist only with firms[].post_rate or advocates)"),
    TOP(REAL, "social.decay", social.decay, "1/week", 0, 1, "0.25",
        "share of the posts' weight lost each week: buzz = posts decayed "
        "geometrically (0.25: a post's mean life is 4 weeks; an assumption)"),
    /* ---- flash sales and resale ---- */
    TOP(REAL, "flash.buzz_gain", flash.buzz_gain, "buzz", 0, 100, "0.1",
        "buzz a flash firm gains in a week per unit of unmet demand per unit "
        "of its batch (buzz b raises visibility by the factor 1 + b)"),
    TOP(REAL, "flash.buzz_decay", flash.buzz_decay, "1/week", 0, 1, "0.25",
        "share of a flash firm's buzz that fades each week"),
    TOP(REAL, "resale.reseller_share", resale.reseller_share, "share", 0, 1,
        "0", "share of flash-sale winners (not reservers) who buy to resell: "
        "they keep their old device and the unit goes to the resale pool"),
    TOP(REAL, "resale.owner_share", resale.owner_share, "share", 0, 1, "0",
        "share of owners replacing a working device who sell the old one to "
        "others, through its maker's resale pool"),
    TOP(REAL, "resale.premium", resale.premium, "share", 0, 100, "0.5",
        "markup of a second-hand device over its maker's price when unmet "
        "demand is large against the pool (scaled by unmet / (unmet + pool))"),
    TOP(REAL, "resale.age_discount", resale.age_discount, "1/week", 0, 1,
        "0.01", "share of its price a second-hand device loses per week of "
        "age (0.01: about half in a year)"),

    /* ---- regions (a list) ---- */
    REG(SCHEMA_TEXT, "text", "name", name, "-", 0, 0, "all",
        "region name, referred to by firms[].region"),
    REG(REAL, "share", share, "share", 1e-9, 1e9, "1",
        "relative size of the region's population (normalised over regions)"),
    REG(REAL, "online_share", online_share, "share", 0, 1, "1",
        "share of the region's consumers who shop online: the only ones a "
        "firm selling online only can reach"),

    /* ---- consumer segments (a list) ---- */
    SEG(SCHEMA_TEXT, "text", "name", name, "-", 0, 0, "all",
        "segment name, for --set segments.NAME.key"),
    SEG(REAL, "share", share, "share", 1e-9, 1e9, "1",
        "relative size of the segment among the consumers of its region(s)"),
    SEG(SCHEMA_TEXT, "text", "region", region, "-", 0, 0, "",
        "the only region whose consumers may belong to it (empty: every "
        "region)"),
    SEG(REAL, "quality_weight", quality_weight, "-", 0, 100, "1",
        "factor on choice.w_quality for the segment's consumers"),
    SEG(REAL, "loyalty_weight", loyalty_weight, "-", 0, 100, "1",
        "factor on choice.w_loyalty"),
    SEG(REAL, "wom_weight", wom_weight, "-", 0, 100, "1",
        "factor on choice.w_wom"),
    SEG(REAL, "brand_weight", brand_weight, "-", 0, 100, "1",
        "factor on choice.w_brand"),
    SEG(REAL, "price_weight", price_weight, "-", 0, 100, "1",
        "factor on choice.w_price"),
    SEG(REAL, "aspiration_shift", aspiration_shift, "quality", -1, 1, "0",
        "added to consumers.aspiration: the quality that leaves the "
        "segment's buyers neither satisfied nor not"),
    SEG(REAL, "outside_shift", outside_shift, "utility", -100, 100, "0",
        "added to choice.outside_utility for the segment's shoppers"),
    SEG(REAL, "software_weight", software_weight, "-", 0, 100, "1",
        "factor on choice.w_software"),

    /* ---- firm classes (a list) ---- */
    CLS(SCHEMA_TEXT, "text", "name", name, "-", 0, 0, "firm",
        "class name, used in --set firms.NAME.key and entry.class"),
    CLS(INT, "count", count, "firms", 0, 65000, "100",
        "firms of this class at week 0"),
    CLS(SCHEMA_STRATEGY, "strategy", "strategy", strategy, "-", 0, 0, "fixed",
        "quality rule, one of:" STRATEGY_NAMES " (`mishi strategies`)"),
    CLS(REAL, "design_quality_min", design_quality_min, "quality", 0, 1, "0.6",
        "design quality is drawn uniformly from [min, max]"),
    CLS(REAL, "design_quality_max", design_quality_max, "quality", 0, 1, "0.8",
        "upper end of the design-quality draw"),
    CLS(REAL, "price", price, "money/unit", 0, 1e9, "1",
        "price of a device: the fixed rule's, and where every other price "
        "rule starts (quantity-mandate firms price at unit cost)"),
    CLS(REAL, "brand_min", brand_min, "brand", 0, 1, "0",
        "brand identity is drawn uniformly from [min, max]"),
    CLS(REAL, "brand_max", brand_max, "brand", 0, 1, "0.5",
        "upper end of the brand draw"),
    CLS(REAL, "visibility", visibility, "share", 0, 1, "1",
        "share of ad contacts and browsing that notice the firm"),
    CLS(REAL, "access", access, "share", 0, 1, "1",
        "share of a region's consumers who can buy from the firm at all"),
    CLS(SCHEMA_TEXT, "text", "region", region, "-", 0, 0, "",
        "the only region the firm sells in (empty: every region)"),
    CLS(REAL, "cash", cash, "money", -1e12, 1e12, "100",
        "starting cash; a firm whose cash falls below 0 exits"),
    CLS(REAL, "fixed_cost", fixed_cost, "money/week", 0, 1e12, "0.5",
        "overhead paid every week"),
    CLS(REAL, "cost_base", cost_base, "money/unit", 0, 1e9, "0.3",
        "unit cost of a device of quality 0 at volume 0"),
    CLS(REAL, "cost_quality", cost_quality, "money/unit", 0, 1e9, "0.6",
        "extra unit cost of quality 1 (times quality^exponent)"),
    CLS(REAL, "cost_quality_exponent", cost_quality_exponent, "-", 0, 100, "2",
        "convexity of unit cost in quality"),
    CLS(REAL, "volume_ref", volume_ref, "units", 1e-9, 1e15, "1000",
        "cumulative volume at which scale economies are felt"),
    CLS(REAL, "scale_elasticity", scale_elasticity, "-", 0, 1, "0.1",
        "unit cost falls as (1 + cumulative_units/volume_ref)^-elasticity"),
    CLS(REAL, "acquisition_budget", acquisition_budget, "money/week", 0, 1e12,
        "0.5", "weekly advertising spend to reach new customers"),
    CLS(REAL, "cost_per_reach", cost_per_reach, "money/contact", 1e-12, 1e12,
        "0.05", "cost of one ad contact with a shopper"),
    CLS(REAL, "retention_budget", retention_budget, "money/week", 0, 1e12,
        "0.2", "weekly spend available to resolve complaints"),
    CLS(REAL, "cost_per_resolution", cost_per_resolution, "money/complaint",
        1e-12, 1e12, "0.1", "cost of resolving one complaint"),
    CLS(REAL, "resolution_satisfaction", resolution_satisfaction,
        "satisfaction", -1, 1, "0.3",
        "satisfaction of a buyer whose complaint was resolved"),
    CLS(INT, "review_weeks", review_weeks, "weeks", 1, 65000, "13",
        "train-station and profit-seeking: weeks between reviews of the "
        "repeat-purchase rate or of profit; every price rule but fixed "
        "sets the price at the same reviews"),
    CLS(REAL, "loyalty_threshold", loyalty_threshold, "-", 0, 10, "0.3",
        "train-station: loyalty below which buyers look disloyal (what is "
        "read: loyalty_measure; compared how: loyalty_reference); a share, or "
        "with the market as reference a multiple of the market's loyalty, "
        "where above 1 means more loyal than the market"),
    CLS_NAMED("loyalty_measure", loyalty_measure, loyalty_measures,
              "repeat-share", "train-station: what a review reads as "
              "loyalty: repeat-share, the share of its units sold to its own "
              "former buyers; retention, the share of its former buyers back "
              "in the market who chose it again"),
    CLS_NAMED("loyalty_reference", loyalty_reference, loyalty_references,
              "absolute", "train-station: absolute compares loyalty with "
              "loyalty_threshold; market, with loyalty_threshold times the "
              "market's own loyalty over the same weeks"),
    CLS(REAL, "quality_step", quality_step, "quality", 0, 1, "0.05",
        "train-station and profit-seeking: quality cut (or restored) at a review"),
    CLS(REAL, "quality_floor", quality_floor, "quality", 0, 1, "0.1",
        "lowest quality the fade, train-station and profit-seeking rules "
        "ship (fixed ships its design quality whatever the floor); "
        "quantity-mandate ships it always"),
    CLS(INT, "batch_weeks", batch_weeks, "weeks", 1, 65000, "13",
        "fade: weeks per production batch"),
    CLS(REAL, "fade_step", fade_step, "quality", 0, 1, "0.05",
        "fade: quality skimped per batch after the first"),
    CLS_NAMED("price_rule", price_rule, price_rule_names, "fixed",
              "how the firm sets its price at its reviews, one of:"
              PRICE_RULE_NAMES " (`mishi strategies`)"),
    CLS(REAL, "markup", markup, "share", 0, 100, "0.5",
        "cost-plus: price = unit cost x (1 + markup)"),
    CLS(REAL, "undercut", undercut, "share", 0, 1, "0.05",
        "undercut: the share below the market's mean price"),
    CLS(REAL, "price_step", price_step, "share", 0, 1, "0.05",
        "profit-seeking price: the share the price moves at a review"),
    CLS(REAL, "price_min", price_min, "money/unit", 0, 1e9, "0",
        "no price rule sets a price below this"),
    CLS(REAL, "price_max", price_max, "money/unit", 0, 1e9, "1000000000",
        "no price rule sets a price above this"),
    CLS(INT, "exit_loss_weeks", exit_loss_weeks, "weeks", 0, 65000, "0",
        "the firm leaves after this many losing weeks in a row (0: only "
        "when its cash runs out)"),
    CLS(REAL, "cash_weeks", cash_weeks, "weeks", 0, 1e6, "0",
        "starting cash in weeks of fixed_cost (0: cash is given by `cash`)"),
    CLS(REAL, "loyalty_reward", loyalty_reward, "utility", 0, 100, "0",
        "loyalty programme: utility a returning buyer gains by choosing the "
        "maker of the device it holds (after-sale care, rewards)"),
    CLS(REAL, "loyalty_cost", loyalty_cost, "money/utility", 0, 1e9, "1",
        "loyalty programme: what one unit of loyalty_reward costs the firm "
        "per repeat buyer (1: a rebate worth to the buyer what it costs)"),
    CLS(INT, "launch_weeks", launch_weeks, "weeks", 0, 65000, "0",
        "weeks from the firm's first week (1, or its entry) to the first "
        "week its devices are on sale"),
    CLS_NAMED("channel", channel, channels, "retail",
              "where it sells: through retailers (every shopper it reaches), "
              "online only (its own store: online shoppers only, no retailer "
              "margin) or both (online shoppers buy direct)"),
    CLS(REAL, "retailer_margin", retailer_margin, "share", 0, 1, "0",
        "share of the price a retailer keeps on each unit it sells"),
    CLS(REAL, "software_quality", software_quality, "quality", 0, 1, "0",
        "software quality at birth, separate from the hardware's (0: none "
        "beyond what every phone has; choice.w_software weighs it)"),
    CLS(INT, "release_weeks", release_weeks, "weeks", 0,
        MISHI_MAX_RELEASE_WEEKS, "0",
        "weeks between software releases, each raising software quality by "
        "the feedback gathered (1: Xiaomi's weekly release; 0: none)"),
    CLS(INT, "feedback_lag_weeks", feedback_lag_weeks, "weeks", 0,
        MISHI_MAX_RELEASE_WEEKS, "0",
        "weeks from the end of the feedback a release uses to the release "
        "(0: Xiaomi's feedback by Tuesday, release on Friday)"),
    CLS(REAL, "software_gain", software_gain, "share", 0, 1, "0.05",
        "the most one release adds to software quality, as a share of the "
        "gap to 1"),
    CLS(REAL, "feedback_half", feedback_half, "messages", 1e-9, 1e12, "30",
        "feedback messages at which a release achieves half its most"),
    CLS(REAL, "feedback_rate", feedback_rate, "messages/user/week", 0, 1e6,
        "0.1", "messages a week from each user with a direct line (a buyer "
        "direct online or a ROM user); retail buyers send none"),
    CLS(REAL, "software_decay", software_decay, "1/week", 0, 1, "0",
        "weekly share of the software's gains since birth that it loses as "
        "the platform moves on (0: gains last)"),
    CLS(REAL, "rom_installs", rom_installs, "installs/week", 0, 1e9, "0",
        "install attempts a week of the firm's software on other makers' "
        "devices at software quality 1 (Poisson, times software quality; "
        "one takes on an online consumer holding another maker's device), "
        "before and after its own devices are on sale; at most "
        "consumers.count"),
    CLS(REAL, "rom_preference", rom_preference, "preference", 0, 100, "0.2",
        "learned preference for the firm of a consumer who installs its "
        "software (a purchase adds its satisfaction)"),
    CLS(REAL, "service_revenue", service_revenue, "money/user/week", 0, 1e9,
        "0", "services after the sale: revenue a week per active user (its "
        "devices in use plus its ROM users)"),
    CLS(REAL, "post_rate", post_rate, "probability", 0, 1, "0",
        "probability that a buyer posts about its new device in the week it "
        "buys (praise if satisfied, criticism if not; 0: its buyers do not post)"),
    CLS(REAL, "post_extremity", post_extremity, "-", 0, 10, "0",
        "the posting probability is post_rate x |satisfaction|^post_extremity "
        "(0: every buyer alike; 1: in proportion to the strength of feeling)"),
    CLS_NAMED("service", service, services, "outsourced",
              "who resolves its complaints: outsourced (cost_per_resolution, "
              "resolution_satisfaction) or in-house (the inhouse_ values, "
              "and advocates)"),
    CLS(REAL, "inhouse_cost_per_resolution", inhouse_cost_per_resolution,
        "money/complaint", 1e-12, 1e12, "0.2",
        "in-house service: cost of resolving one complaint (dearer than "
        "outsourcing, seed 002; twice the default cost_per_resolution is an "
        "assumption)"),
    CLS(REAL, "inhouse_resolution_satisfaction",
        inhouse_resolution_satisfaction, "satisfaction", -1, 1, "0.5",
        "in-house service: satisfaction of a buyer whose complaint was "
        "resolved (better than outsourcing; an assumption)"),
    CLS(REAL, "advocate_share", advocate_share, "probability", 0, 1, "0.25",
        "in-house service: probability that a buyer left satisfied by a "
        "resolution becomes an advocate and posts praise (an assumption)"),
    CLS(SCHEMA_TEXT, "text", "home_region", home_region, "-", 0, 0, "",
        "the firm's home market (empty: none, every region alike; if region "
        "is set, that one); abroad its visibility is scaled by away_visibility"),
    CLS(REAL, "away_visibility", away_visibility, "-", 0, 1, "1",
        "factor on its visibility outside home_region (a name search engines "
        "bury, seed 002; needs a home_region)"),
    CLS(INT, "away_launch_weeks", away_launch_weeks, "weeks", 0, 65000, "0",
        "weeks after its launch before it sells outside home_region (needs a "
        "home_region)"),
    CLS(INT, "preorder_weeks", preorder_weeks, "weeks", 0, 65000, "0",
        "reservations open this many weeks before launch (at most "
        "launch_weeks; 0: no pre-orders); reservers are served first"),
    CLS(REAL, "reservation_lapse", reservation_lapse, "1/week", 0, 1, "0",
        "weekly probability that a reservation lapses before it is served"),
    CLS(INT, "flash_batch", flash_batch, "units", 0, 1000000000, "0",
        "units on sale at each flash sale (0: open sales, no limit)"),
    CLS(INT, "flash_every_weeks", flash_every_weeks, "weeks", 1, 65000, "1",
        "weeks between flash sales, the first at launch"),
    CLS(REAL, "flash_patience", flash_patience, "probability", 0, 1, "0.5",
        "probability that a shopper who missed a flash sale waits for the "
        "next one, held for it as a reserver; otherwise it chooses again "
        "among what is left"),
};

#define ROW_COUNT (sizeof rows / sizeof rows[0])

size_t schema_row_count(void) { return ROW_COUNT; }

const schema_row *schema_row_at(size_t i) {
    return i < ROW_COUNT ? &rows[i] : NULL;
}

size_t mishi_param_count(void) { return ROW_COUNT; }

const mishi_param_info *mishi_param_at(size_t i) {
    return i < ROW_COUNT ? &rows[i].info : NULL;
}

const char *schema_key(const schema_row *row) {
    if (row->scope == SCHEMA_TOP) return row->info.path;
    return strchr(row->info.path, '.') + 1;
}

const schema_row *schema_find(schema_scope scope, const char *key) {
    for (size_t i = 0; i < ROW_COUNT; i++)
        if (rows[i].scope == scope && strcmp(schema_key(&rows[i]), key) == 0)
            return &rows[i];
    return NULL;
}

/* Levenshtein distance, capped: keys are short, so a row of 64 is plenty. */
static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), prev[65], cur[65];
    if (la > 64 || lb > 64) return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

/* A suggestion more than a third of the key away (plus one slip) is
 * noise: "foo" is not a misspelt "run". */
static int close_enough(const char *key, size_t distance) {
    return distance <= 1 + strlen(key) / 3;
}

const char *schema_suggest(schema_scope scope, const char *key) {
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (rows[i].scope != scope) continue;
        const char *candidate = schema_key(&rows[i]);
        size_t d = edit_distance(key, candidate);
        /* the same key under another section is a likely slip too */
        const char *dot = strrchr(candidate, '.'), *key_dot = strrchr(key, '.');
        if (dot && strcmp(dot + 1, key_dot ? key_dot + 1 : key) == 0) d = 1;
        if (d < best_distance) best_distance = d, best = candidate;
    }
    return close_enough(key, best_distance) ? best : NULL;
}

/* Whether `key` looks like `name` shortened ("--reps" for
 * "--replicates"): the same first three letters (after any dashes) and
 * the rest of its letters in name's order. Shortening keeps a word's
 * start and drops letters, which edit distance counts as far; it would
 * suggest "--jobs" for "--reps". */
static int shortens(const char *key, const char *name) {
    while (*key == '-' && *name == '-') key++, name++;
    if (strlen(key) < 3 || strncmp(key, name, 3) != 0) return 0;
    for (; *key && *name; name++)
        if (*key == *name) key++;
    return *key == '\0';
}

const char *mishi_nearest_name(const char *key, const char *const *candidates,
                               size_t count) {
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    int best_shortens = 0;
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i]) continue;
        size_t d = edit_distance(key, candidates[i]);
        int s = shortens(key, candidates[i]);
        if (s > best_shortens || (s == best_shortens && d < best_distance))
            best_distance = d, best = candidates[i], best_shortens = s;
    }
    return best_shortens || close_enough(key, best_distance) ? best : NULL;
}

/* "one of a, b, c": what a valid named choice looks like. */
static void named_expected(const char *const *names, char *why, size_t n) {
    size_t used = (size_t)snprintf(why, n, "one of");
    for (int k = 0; names[k] && used < n; k++)
        used += (size_t)snprintf(why + used, n - used, "%s %s", k ? "," : "",
                                 names[k]);
}

void schema_expected(const schema_row *row, char *why, size_t n) {
    switch (row->type) {
    case SCHEMA_INT:
    case SCHEMA_INT64:
        snprintf(why, n, "a whole number from %.0f to %.0f", row->info.min,
                 row->info.max);
        break;
    case SCHEMA_REAL:
        snprintf(why, n, "a number from %g to %g", row->info.min, row->info.max);
        break;
    case SCHEMA_SEED:
        snprintf(why, n, "a whole number from 0 to 18446744073709551615");
        break;
    case SCHEMA_STRATEGY:
        strategy_expected(why, n);
        break;
    case SCHEMA_NAMED:
        named_expected(row->names, why, n);
        break;
    case SCHEMA_TEXT:
        snprintf(why, n, "text of at most %d characters", MISHI_NAME_MAX - 1);
        break;
    }
}

/* A number too small for a double (1e-400) is read as strtod rounds it,
 * to 0 or a subnormal, as every reader of decimal numbers does and as 0.1
 * is rounded to the nearest double; strtod says ERANGE, but nothing is out
 * of range unless that value is. A whole number written so (count: 1e-400)
 * is no whole number and is refused; one too large (1e400) is out of any
 * range. */
static int parse_number(const schema_row *row, const char *text, double *v) {
    char *end;
    /* decimal only: strtod would also take " 5" and hexadecimal "0x20" */
    if (isspace((unsigned char)text[0]) || strpbrk(text, "xX")) return -1;
    errno = 0;
    *v = strtod(text, &end);
    int underflow = errno == ERANGE && fabs(*v) <= DBL_MIN;
    if (end == text || *end != '\0' || (errno == ERANGE && !underflow) ||
        !isfinite(*v))
        return -1;
    if (*v < row->info.min || *v > row->info.max) return -1;
    if (row->type == SCHEMA_REAL) return 0;
    return !underflow && *v == floor(*v) ? 0 : -1;
}

static int parse_seed(const char *text, uint64_t *v) {
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)text[0])) return -1;
    unsigned long long u = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE) return -1;
    *v = (uint64_t)u;
    return 0;
}

/* Parse into a local first, so a bad value never touches `base`. */
static int store_value(const schema_row *row, const char *text, void *field) {
    double v;
    uint64_t seed;
    switch (row->type) {
    case SCHEMA_INT:
        if (parse_number(row, text, &v)) return -1;
        *(int *)field = (int)v;
        return 0;
    case SCHEMA_INT64:
        if (parse_number(row, text, &v)) return -1;
        *(int64_t *)field = (int64_t)v;
        return 0;
    case SCHEMA_REAL:
        if (parse_number(row, text, &v)) return -1;
        *(double *)field = v;
        return 0;
    case SCHEMA_SEED:
        if (parse_seed(text, &seed)) return -1;
        *(uint64_t *)field = seed;
        return 0;
    case SCHEMA_STRATEGY:
        return strategy_parse(text, field);
    case SCHEMA_NAMED:
        for (int k = 0; row->names[k]; k++)
            if (strcmp(text, row->names[k]) == 0) return *(int *)field = k, 0;
        return -1;
    case SCHEMA_TEXT:
        if (strlen(text) >= MISHI_NAME_MAX) return -1;
        strcpy(field, text);
        return 0;
    }
    return -1;
}

mishi_status schema_store(const schema_row *row, const char *text, void *base,
                          char *why, size_t n) {
    if (store_value(row, text, (char *)base + row->offset) == 0) return MISHI_OK;
    schema_expected(row, why, n);
    return MISHI_ESCENARIO;
}

static void write_json_real(double v, FILE *f) {
    char text[REAL_TEXT_MAX];
    real_text_exact(v, text);
    fputs(text, f);
}

void schema_write_json(const schema_row *row, const void *base, FILE *f) {
    const void *field = (const char *)base + row->offset;
    switch (row->type) {
    case SCHEMA_INT: fprintf(f, "%d", *(const int *)field); break;
    case SCHEMA_INT64: fprintf(f, "%" PRId64, *(const int64_t *)field); break;
    case SCHEMA_REAL: write_json_real(*(const double *)field, f); break;
    case SCHEMA_SEED: fprintf(f, "%" PRIu64, *(const uint64_t *)field); break;
    case SCHEMA_TEXT: mishi_json_string(f, field); break;
    case SCHEMA_STRATEGY:
        mishi_json_string(f, strategy_name(*(const mishi_strategy *)field));
        break;
    case SCHEMA_NAMED:
        mishi_json_string(f, row->names[*(const int *)field]);
        break;
    }
}

void schema_defaults(schema_scope scope, void *base) {
    char why[128];
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (rows[i].scope != scope) continue;
        mishi_status rc = schema_store(&rows[i], rows[i].info.fallback, base,
                                       why, sizeof why);
        assert(rc == MISHI_OK && "every default lies in its own range");
        (void)rc;
    }
}
