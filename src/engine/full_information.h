/*
 * full_information.h — a week of a full-information market in one pass
 * (full_information.c).
 */
#ifndef MISHI_FULL_INFORMATION_H
#define MISHI_FULL_INFORMATION_H

#include "sim.h"

/* A group of up to LOOK_AHEAD buyers (consecutive consumers) on its way
 * through a full-information week, phase by phase: each phase is a loop
 * over the group, in vector lanes where full_information_lanes.c has it. */
typedef struct buyer_group {
    int count;        /* buyers */
    int alternatives; /* each buyer's: every firm */
    uint32_t ids[LOOK_AHEAD];
    uint32_t first[LOOK_AHEAD][4];                   /* shopping's first block */
    uint32_t rounding[LOOK_AHEAD][MEMORY_SLOTS_MAX]; /* memory's words */
    double preference[LOOK_AHEAD][MEMORY_SLOTS_MAX]; /* as chosen with */
    float remembered_concentration[LOOK_AHEAD]; /* WKH's y of preference (lanes) */
    /* each alternative's maker and the preference held for it (J), in
     * whose place the scalar choice puts beta times its utility; one spare
     * entry for the branch-free listing (full_information.c) */
    uint16_t maker[LOOK_AHEAD][MAX_CONSIDERED + 1];
    double weight[LOOK_AHEAD][MAX_CONSIDERED + 1];
    int chosen[LOOK_AHEAD]; /* the alternative chosen */
    double concentration[LOOK_AHEAD]; /* sum of squared choice probabilities */
    int slot[LOOK_AHEAD];   /* where the purchase is learned (memory_take_slot) */
    float satisfaction[LOOK_AHEAD];
} buyer_group;

/* Whether this machine runs the group's phases in lanes (AVX2). */
int full_information_lanes_available(void);
/* The group's memories as of this week (consumer_forget), into
 * preference, and choice.h's preference_concentration of them, into
 * remembered_concentration. */
void full_information_recall_lanes(const mishi_sim *sim, buyer_group *b);
/* Each buyer's choice: beta times the utility of each alternative
 * (choice.h's firm_utility, of the maker and the preference held for it
 * in weight), then the logit's draw over them (choice.h's logit_draw, with
 * the first two words of its shopping stream): chosen and concentration
 * (weight is only read). */
void full_information_choice_lanes(const mishi_sim *sim, buyer_group *b);
/* What each buyer learns (consumer_learn after memory_take_slot, slot
 * and satisfaction set), rounded with its words and stored. */
void full_information_learn_lanes(mishi_sim *sim, const buyer_group *b);

mishi_status full_information_init(mishi_sim *sim, mishi_error *err);
/* This week's shopping, tally and ownership at once when the week allows
 * it (full_information.week.this_week then set, and the steps the
 * submodel table marks fused do nothing); otherwise nothing. */
mishi_status full_information_step(mishi_sim *sim, mishi_error *err);

#endif
