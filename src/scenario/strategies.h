/*
 * strategies.h — the firm strategies' names and docs, expanded from
 * MISHI_STRATEGY_LIST (params.h) for the scenario layer (strategies.c).
 */
#ifndef MISHI_STRATEGIES_H
#define MISHI_STRATEGIES_H

#include <stddef.h>

#include "params.h"

/* " fixed fade train-station ...": every name, each after a space, as one
 * string literal (for the schema's doc of firms[].strategy). */
#define STRATEGY_NAME_WORD(id, name, doc, rule, at_cost) " " name
#define STRATEGY_NAMES MISHI_STRATEGY_LIST(STRATEGY_NAME_WORD)
/* " fixed cost-plus ...": the price rules' names the same way (for the
 * doc of firms[].price_rule). */
#define PRICE_RULE_NAME_WORD(id, name, doc, rule) " " name
#define PRICE_RULE_NAMES MISHI_PRICE_RULE_LIST(PRICE_RULE_NAME_WORD)

/* "one of fixed, fade, ...": what a valid strategy looks like. */
void strategy_expected(char *why, size_t why_size);

#endif
