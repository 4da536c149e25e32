/*
 * complaints.h — retention spending: each firm's chance to resolve a complaint (complaints.c).
 */
#ifndef MISHI_COMPLAINTS_H
#define MISHI_COMPLAINTS_H

#include "sim.h"

mishi_status complaints_step(mishi_sim *sim, mishi_error *err);

#endif
