/*
 * columns.c — every column of market.csv and firms.csv: header name, unit,
 * legend label and meaning, written once.
 *
 * The CSV header and each row (output.c), every series a plot draws and
 * its legend (plot.c), and the output section of docs/model.md (through
 * `mishi outputs --markdown`, checked by tests/test_docs.c) come from
 * these rows, so a column added, renamed or moved cannot leave a plot or
 * the docs pointing at another measure.
 *
 * Units. Time is in weeks, money in the scenario's currency units
 * ("money"; a week's flow of it, revenue or profit, "money/week", as the
 * schema's costs and budgets are), quality and satisfaction are
 * dimensionless (quality 0..1).
 */
#include "columns.h"

#include <string.h>

#define MARKET(name, type, unit, label, meaning)                               \
    {{"market.csv", #name, unit, label, meaning, 0, 0},                        \
     type, offsetof(mishi_market_row, name)}
static const column market[] = {
    {{"market.csv", "week", "week", "week", "the week just simulated (1 = the first)",
      0, 1},
     COL_INT, offsetof(mishi_market_row, week)},
    MARKET(active_firms, COL_INT, "firms", "active firms",
           "firms still trading at the end of the week (a firm that exits "
           "this week is not counted)"),
    MARKET(units, COL_INT64, "units", "units sold", "devices sold this week"),
    MARKET(shoppers, COL_INT64, "consumers", "shoppers",
           "consumers in the market this week: units + no_purchase + "
           "unserved + reserved + missed + resale_units (the last three 0 "
           "without pre-orders, flash sales and resale)"),
    MARKET(no_purchase, COL_INT64, "consumers", "no purchase",
           "shoppers who chose to buy nothing this time "
           "(`choice.outside_option`)"),
    MARKET(unserved, COL_INT64, "consumers", "unserved",
           "shoppers with no firm in reach; they look again next week"),
    MARKET(newcomers, COL_INT64, "consumers", "newcomers",
           "newcomers (who took a departed transient's place) who bought "
           "this week"),
    MARKET(adoptions, COL_INT64, "consumers", "adoptions",
           "prospects who adopted this week and entered the market "
           "(`adoption.*`; 0 when everyone owns a device at week 0)"),
    MARKET(adopters, COL_INT64, "consumers", "adopters",
           "consumers who are not prospects at the week's end: Bass's "
           "cumulative adopters, `N·F(t)`"),
    MARKET(buyers_returning, COL_INT64, "buyers", "returning buyers",
           "buyers who were not newcomers, held a device of a firm still "
           "trading and replaced it (not those who bought to resell): "
           "`repeat_units + defections`"),
    MARKET(repeat_units, COL_INT64, "units", "repeat units",
           "units that replaced a device of their own maker (not units "
           "bought to resell)"),
    MARKET(defections, COL_INT64, "buyers", "defections",
           "returning buyers who bought from another firm"),
    MARKET(repeat_rate, COL_REAL, "share 0..1", "repeat rate",
           "`repeat_units / units` (NA with no units)"),
    MARKET(defection_rate, COL_REAL, "share 0..1", "defection rate",
           "`defections / buyers_returning` (NA with no returning buyers)"),
    MARKET(mean_quality, COL_REAL, "quality 0..1", "mean quality sold",
           "mean quality of the units sold (as received, with noise) (NA "
           "with no units)"),
    MARKET(hhi, COL_REAL, "0..1", "HHI",
           "Herfindahl index, `Σ_j share_j²` over unit shares (NA with no "
           "units)"),
    MARKET(loyalty_index, COL_REAL, "0..1", "loyalty index",
           "mean over buyers of `Σ_k P_k²` over their logit choice "
           "probabilities: 1 when each choice was certain, `1/n` when a coin "
           "over `n` firms. Loyalty raises it, but so does a choice among few "
           "or unequal firms; `repeat_rate` is loyalty itself (NA with no units)"),
    MARKET(preference_concentration, COL_REAL, "0..1",
           "preference concentration",
           "WKH's order parameter `y = Σ_j J_j² / (Σ_j J_j)²` over the firms "
           "a buyer remembers with a positive preference `J_j` (1 when one "
           "firm holds it all, `1/n` when `n` share it equally), averaged "
           "over buyers with any (NA when none)"),
    MARKET(mean_satisfaction, COL_REAL, "satisfaction −1..1",
           "mean satisfaction",
           "mean satisfaction of this week's buyers, after complaint "
           "resolution (NA with no units)"),
    MARKET(complaints, COL_INT64, "complaints", "complaints",
           "complaints made this week"),
    MARKET(resolved, COL_INT64, "complaints", "complaints resolved",
           "complaints resolved this week"),
    MARKET(total_profit, COL_REAL, "money/week", "total profit",
           "sum of the profits of all firms that traded this week "
           "(including any that exit at its end)"),
    MARKET(posts, COL_INT64, "posts", "posts",
           "buyers' posts on social media this week, praise and criticism "
           "(`firms[].post_rate`, advocates)"),
    MARKET(reserved, COL_INT64, "consumers", "reserved",
           "shoppers who reserved a device not launched yet, or kept a "
           "reservation a flash sale could not serve; no device this week"),
    MARKET(missed, COL_INT64, "consumers", "missed a flash sale",
           "shoppers who missed a flash sale and took no device this week "
           "(waiting for the next sale, or finding nothing left)"),
    MARKET(resale_units, COL_INT64, "units", "resale units",
           "second-hand devices bought from resellers (not firm units; "
           "`units + no_purchase + unserved + reserved + missed + "
           "resale_units = shoppers`)"),
    MARKET(resale_price, COL_REAL, "money/unit", "resale price",
           "mean price paid for a second-hand device (NA with none)"),
};
#undef MARKET

/* FIRM: a column whose sum over firms is their total; FIRM_LEVEL: a level
 * or rate of each firm, which a sum over firms misreads. */
#define FIRM(name, type, unit, label, meaning)                                 \
    {{"firms.csv", #name, unit, label, meaning, 1, 0},                         \
     type, offsetof(mishi_firm_row, name)}
#define FIRM_LEVEL(name, type, unit, label, meaning)                           \
    {{"firms.csv", #name, unit, label, meaning, 0, 0},                         \
     type, offsetof(mishi_firm_row, name)}
/* FIRM_KEY: a column that says which row it is */
#define FIRM_KEY(name, type, unit, label, meaning)                             \
    {{"firms.csv", #name, unit, label, meaning, 0, 1},                         \
     type, offsetof(mishi_firm_row, name)}
static const column firms[] = {
    FIRM_KEY(week, COL_INT, "week", "week", "the week just simulated"),
    FIRM_KEY(firm, COL_INT, "id", "firm", "firm id, stable for the whole run"),
    {{"firms.csv", "class", "text", "class",
      "name of the firm's class in the scenario", 0, 1},
     COL_CLASS, offsetof(mishi_firm_row, firm_class)},
    FIRM(active, COL_INT, "0/1", "active", "1, or 0 in the week the firm exits"),
    FIRM(units, COL_INT64, "units", "units sold", "devices sold this week"),
    FIRM(revenue, COL_REAL, "money/week", "revenue",
         "`units · price`, less `retailer_margin` on units not sold direct, "
         "plus `service_revenue`"),
    FIRM(cost, COL_REAL, "money/week", "cost",
         "`units · unit_cost + fixed_cost + acquisition_spend + "
         "retention_spend`"),
    FIRM(profit, COL_REAL, "money/week", "profit", "`revenue − cost`"),
    FIRM(cash, COL_REAL, "money", "cash", "cash at the end of the week"),
    FIRM(share, COL_REAL, "share 0..1", "unit share",
         "`units` / market units (0 when the market sold nothing)"),
    FIRM_LEVEL(price, COL_REAL, "money/unit", "price", "price of a device"),
    FIRM_LEVEL(design_quality, COL_REAL, "quality 0..1", "design quality",
         "quality the firm can make and advertises"),
    FIRM_LEVEL(shipped_quality, COL_REAL, "quality 0..1", "shipped quality",
         "quality it shipped this week (before unit noise)"),
    FIRM_LEVEL(unit_cost, COL_REAL, "money/unit", "unit cost",
         "cost of making one device this week"),
    FIRM_LEVEL(reputation, COL_REAL, "quality 0..1", "reputation",
         "the quality its buyers' public reviews report (`reputation.*`); "
         "its design quality until reviews arrive, or while "
         "reputation.weight is 0"),
    FIRM(new_customers, COL_INT64, "buyers", "new customers",
         "buyers whose unit did not replace a device of this firm: "
         "newcomers, other makers' customers and buyers who resell (one "
         "unit each: `new_customers + repeat_units = units`)"),
    FIRM(repeat_units, COL_INT64, "units", "repeat units",
         "units that replaced a device of this firm (not units bought to "
         "resell; market.csv's repeat_units, firm by firm)"),
    FIRM_LEVEL(repeat_rate, COL_REAL, "share 0..1", "repeat rate",
         "`repeat_units / units` (NA with no units)"),
    FIRM(defections, COL_INT64, "buyers", "defections",
         "this firm's returning customers who bought elsewhere this week"),
    FIRM_LEVEL(retention, COL_REAL, "share 0..1", "retention",
         "of its former buyers back in the market this week, the share who "
         "chose it again: `repeat_units / (repeat_units + defections)` (NA "
         "with none)"),
    FIRM(acquisition_spend, COL_REAL, "money/week", "acquisition spend",
         "advertising spend this week (the whole `acquisition_budget`)"),
    FIRM_LEVEL(cost_per_new_customer, COL_REAL, "money/buyer",
         "cost per new customer",
         "`acquisition_spend / new_customers` (NA with none)"),
    FIRM(retention_spend, COL_REAL, "money/week", "retention spend",
         "`service_spend + repeat_units · loyalty_reward · loyalty_cost`"),
    FIRM(complaints, COL_INT64, "complaints", "complaints",
         "complaints received this week"),
    FIRM(resolved, COL_INT64, "complaints", "complaints resolved",
         "complaints resolved this week"),
    FIRM(units_direct, COL_INT64, "units", "units sold direct",
         "of its units, those sold in its own online store (channel online "
         "or both, to online shoppers)"),
    FIRM(installed, COL_INT64, "devices", "devices in use",
         "its devices held by consumers at the end of the week"),
    FIRM_LEVEL(rank, COL_INT, "rank", "rank by units",
         "1 + the number of firms that sold more units this week (1: the "
         "top seller; firms that sold alike share a rank)"),
    FIRM_LEVEL(software_quality, COL_REAL, "quality 0..1", "software quality",
         "quality of its software after this week's release, if any "
         "(`software_quality`, `release_weeks`; constant without releases)"),
    FIRM(rom_users, COL_REAL, "users", "software users on other devices",
         "users of its software on other makers' devices (ROM users), an "
         "expected count: installs less those who replaced their phone"),
    FIRM(feedback, COL_REAL, "messages", "feedback",
         "feedback messages this week: `feedback_rate · (devices in use "
         "bought direct + rom_users)` (0 without releases)"),
    FIRM(service_revenue, COL_REAL, "money/week", "service revenue",
         "services after the sale this week: `service_revenue · (installed "
         "+ rom_users)`, part of `revenue`"),
    FIRM(posts_praise, COL_INT64, "posts", "praise posted",
         "posts by its buyers this week that praise it (satisfaction ≥ 0; "
         "advocates' posts included)"),
    FIRM(posts_criticism, COL_INT64, "posts", "criticism posted",
         "posts by its buyers this week that criticise it"),
    FIRM(buzz, COL_REAL, "posts", "buzz",
         "its buyers' posts, decayed by `social.decay` a week, summed over "
         "regions"),
    FIRM(service_spend, COL_REAL, "money/week", "service spend",
         "`resolved` × the cost per resolution of its service "
         "(`cost_per_resolution`, or `inhouse_cost_per_resolution` in-house)"),
    FIRM(advocates, COL_INT64, "buyers", "advocates",
         "buyers whose complaint its in-house service resolved and who "
         "posted praise this week"),
    FIRM(reservations, COL_INT64, "consumers", "reservations",
         "reservations held at the end of the week: pre-orders "
         "(`preorder_weeks`) and shoppers waiting for its next flash sale "
         "(`flash_patience`)"),
    FIRM(preorders_served, COL_INT64, "units", "pre-orders served",
         "of its units, those served to reservers this week (pre-orders, "
         "and shoppers who waited for this flash sale)"),
    FIRM(flash_demand, COL_INT64, "consumers", "flash-sale demand",
         "shoppers who chose it this week, in either round, while it sells "
         "in flash sales (`flash_batch` > 0); 0 otherwise"),
    FIRM(flash_unmet, COL_INT64, "consumers", "flash-sale unmet demand",
         "of `flash_demand`, the shoppers left without a unit"),
    FIRM_LEVEL(flash_buzz, COL_REAL, "buzz", "flash-sale buzz",
         "buzz from its sell-outs: its visibility is raised by the factor "
         "`1 + flash_buzz`"),
    FIRM(resale_units, COL_INT64, "units", "resale units",
         "its second-hand devices bought from resellers this week"),
    FIRM(resale_pool, COL_INT64, "devices", "resale pool",
         "its second-hand devices for sale at the end of the week"),
};
#undef FIRM
#undef FIRM_LEVEL

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

column_table columns_market(void) { return (column_table){market, COUNT(market)}; }
column_table columns_firms(void) { return (column_table){firms, COUNT(firms)}; }

const column *column_find(column_table t, const char *name) {
    for (size_t i = 0; i < t.count; i++)
        if (strcmp(t.at[i].info.name, name) == 0) return &t.at[i];
    return NULL;
}

size_t mishi_column_count(void) { return COUNT(market) + COUNT(firms); }

const mishi_column_info *mishi_column_at(size_t i) {
    if (i < COUNT(market)) return &market[i].info;
    i -= COUNT(market);
    return i < COUNT(firms) ? &firms[i].info : NULL;
}

const mishi_column_info *mishi_column_named(const char *quantity) {
    size_t stem = strcspn(quantity, ".");
    if (quantity[stem] != '.') return NULL;
    for (size_t i = 0; i < mishi_column_count(); i++) {
        const mishi_column_info *c = mishi_column_at(i);
        if (strncmp(c->file, quantity, stem) == 0 &&
            strcmp(c->file + stem, ".csv") == 0 &&
            strcmp(c->name, quantity + stem + 1) == 0)
            return c;
    }
    return NULL;
}
