/*
 * ownership.h — a buyer takes its device home (ownership.c).
 */
#ifndef MISHI_OWNERSHIP_H
#define MISHI_OWNERSHIP_H

#include "sim.h"

mishi_status ownership_step(mishi_sim *sim, mishi_error *err);
/* The buyer of record b has taken its device of `maker` home in `week`
 * (its memory learnt already): its record of the device, and its next
 * entry `wait` weeks on (the horizon's week after if beyond), early if the
 * device `fails`. */
void ownership_hand_over(mishi_sim *sim, purchase *b, uint16_t maker, int week,
                         uint32_t wait, int fails);

#endif
