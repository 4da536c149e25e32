/*
 * services.h — revenue per active user after the sale (services.c).
 */
#ifndef MISHI_SERVICES_H
#define MISHI_SERVICES_H

#include "sim.h"

/* This week's service revenue of the firm: service_revenue per active
 * user (devices in use plus software users on other makers' devices). */
double services_revenue(const mishi_firm_class *c, const firm *f);

#endif
