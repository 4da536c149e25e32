/*
 * full_information.h — a week of a full-information market in one pass
 * (full_information.c).
 */
#ifndef MISHI_FULL_INFORMATION_H
#define MISHI_FULL_INFORMATION_H

#include "sim.h"

mishi_status full_information_init(mishi_sim *sim, mishi_error *err);
/* This week's shopping, tally and ownership at once when the week allows
 * it (full_information.week.this_week then set, and the steps the
 * submodel table marks fused do nothing); otherwise nothing. */
mishi_status full_information_step(mishi_sim *sim, mishi_error *err);

#endif
