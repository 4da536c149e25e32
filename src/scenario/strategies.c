/*
 * strategies.c — the firm strategies as the scenario layer sees them:
 * names to parse and print, docs for `mishi strategies` and docs/model.md.
 * All of it expands MISHI_STRATEGY_LIST (params.h), the one table the
 * engine's dispatch (engine/strategy.c) expands too.
 */
#include "strategies.h"

#include <stdio.h>
#include <string.h>

#include "mishi.h"

static const mishi_strategy_info strategies[MISHI_STRATEGY_COUNT] = {
#define STRATEGY_INFO(id, name, doc, rule, at_cost) {name, doc},
    MISHI_STRATEGY_LIST(STRATEGY_INFO)
#undef STRATEGY_INFO
};

static const mishi_strategy_info price_rules[MISHI_PRICE_RULE_COUNT] = {
#define PRICE_RULE_INFO(id, name, doc, rule) {name, doc},
    MISHI_PRICE_RULE_LIST(PRICE_RULE_INFO)
#undef PRICE_RULE_INFO
};

size_t mishi_price_rule_count(void) { return MISHI_PRICE_RULE_COUNT; }

const mishi_strategy_info *mishi_price_rule_at(size_t index) {
    return index < MISHI_PRICE_RULE_COUNT ? &price_rules[index] : NULL;
}

size_t mishi_strategy_count(void) { return MISHI_STRATEGY_COUNT; }

const mishi_strategy_info *mishi_strategy_at(size_t index) {
    return index < MISHI_STRATEGY_COUNT ? &strategies[index] : NULL;
}

const char *strategy_name(mishi_strategy s) {
    return (unsigned)s < MISHI_STRATEGY_COUNT ? strategies[s].name : "?";
}

int strategy_parse(const char *text, mishi_strategy *out) {
    for (int s = 0; s < MISHI_STRATEGY_COUNT; s++)
        if (strcmp(text, strategies[s].name) == 0) {
            *out = (mishi_strategy)s;
            return 0;
        }
    return -1;
}

void strategy_expected(char *why, size_t n) {
    size_t used = (size_t)snprintf(why, n, "one of");
    for (int s = 0; s < MISHI_STRATEGY_COUNT && used < n; s++)
        used += (size_t)snprintf(why + used, n - used, "%s %s",
                                 s ? "," : "", strategies[s].name);
}
