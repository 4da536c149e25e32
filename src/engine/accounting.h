/*
 * accounting.h — what each firm sold, to whom, and what it earned (accounting.c).
 */
#ifndef MISHI_ACCOUNTING_H
#define MISHI_ACCOUNTING_H

#include "sim.h"

/* Units, repeat and new customers, defections, complaints. */
mishi_status tally_step(mishi_sim *sim, mishi_error *err);
/* The tally with the week's purchases made and taken home as it counts
 * them (full_information.c): `make` writes records from..to-1 (a block of
 * the tally's, on one thread), hands each stretch of them to tally_count
 * in order, and may then take them home. The records must be those a
 * shopping step would write, in its order, purchase_count of them, and
 * final when counted: no complaint among them, so that no later step of
 * the week changes a buyer's satisfaction, which is then counted with the
 * sales instead of in a second pass by the accounts. */
typedef struct tally_counter tally_counter;
void tally_count(const tally_counter *counter, size_t from, size_t to);
typedef void (*tally_maker)(mishi_sim *sim, size_t from, size_t to,
                            const tally_counter *counter);
mishi_status tally_step_making(mishi_sim *sim, tally_maker make, mishi_error *err);
/* Revenue, cost, profit and cash. */
mishi_status accounting_step(mishi_sim *sim, mishi_error *err);
void accounting_free(mishi_sim *sim);
/* Firms out of cash leave at the end of the week. */
mishi_status exit_step(mishi_sim *sim, mishi_error *err);

#endif
