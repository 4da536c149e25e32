/*
 * ownership.h — a buyer takes its device home (ownership.c).
 */
#ifndef MISHI_OWNERSHIP_H
#define MISHI_OWNERSHIP_H

#include "sim.h"

mishi_status ownership_step(mishi_sim *sim, mishi_error *err);

#endif
