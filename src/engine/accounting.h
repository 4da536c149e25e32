/*
 * accounting.h — what each firm sold, to whom, and what it earned (accounting.c).
 */
#ifndef MISHI_ACCOUNTING_H
#define MISHI_ACCOUNTING_H

#include "sim.h"

/* Units, repeat and new customers, defections, complaints. */
mishi_status tally_step(mishi_sim *sim, mishi_error *err);
/* Revenue, cost, profit and cash. */
mishi_status accounting_step(mishi_sim *sim, mishi_error *err);
void accounting_free(mishi_sim *sim);
/* Firms out of cash leave at the end of the week. */
mishi_status exit_step(mishi_sim *sim, mishi_error *err);

#endif
