/*
 * network.h — who a consumer asks about devices (network.c).
 */
#ifndef MISHI_NETWORK_H
#define MISHI_NETWORK_H

#include "sim.h"

/* The k-th friend of `consumer`, fixed for the run; -1 if none (a
 * population of one). */
int64_t network_friend(const mishi_sim *sim, int64_t consumer, int k);

#endif
