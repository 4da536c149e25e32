/*
 * service.h — customer service, outsourced or in-house: resolving
 * complaints, its cost, and advocates (service.c).
 */
#ifndef MISHI_SERVICE_H
#define MISHI_SERVICE_H

#include "sim.h"

/* Each firm's chance to resolve a complaint this week, in its service
 * desk (sim.h). */
mishi_status service_step(mishi_sim *sim, mishi_error *err);
void service_free(mishi_sim *sim);
/* What one resolution costs, and the satisfaction it leaves, under the
 * class's service. */
double service_cost_per_resolution(const mishi_firm_class *c);
double service_resolution_satisfaction(const mishi_firm_class *c);
/* Whether resolved complainers of the class may become advocates. */
int service_has_advocates(const mishi_firm_class *c);
/* This week's spend on resolutions: resolved x cost per resolution. */
double service_spend(const mishi_firm_class *c, const firm *f);
/* Whether this week's buyer `b`, whose complaint was resolved, becomes
 * an advocate who posts praise (in-house service only). */
int service_advocate(const mishi_sim *sim, const purchase *b);

#endif
