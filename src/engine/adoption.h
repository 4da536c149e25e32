/*
 * adoption.h — prospects take up the category (Bass diffusion) (adoption.c).
 */
#ifndef MISHI_ADOPTION_H
#define MISHI_ADOPTION_H

#include "sim.h"

mishi_status adoption_init(mishi_sim *sim, mishi_error *err);
mishi_status adoption_step(mishi_sim *sim, mishi_error *err);
void adoption_free(mishi_sim *sim);
/* Memory the prospects' state holds, at most, in bytes. */
double adoption_bytes(const mishi_sim *sim);

#endif
