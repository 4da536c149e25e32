/*
 * services.c — services after the sale: revenue from each active user of
 * a firm's devices and software, week after week, for as long as the
 * device is in use.
 *
 * Seed 002: "they have set their sights on services even before they
 * started selling objects"; MISSION 16: "revenue per active user over the
 * device's life". A firm's active users are its devices in use
 * (channels.c) and the users of its software on other makers' devices
 * (software.c), so services can earn before the firm sells a phone:
 *     service revenue_j = service_revenue (installed_j + rom_users_j)
 * a week, added to the firm's revenue (accounting.c). With
 * service_revenue 0, the default, it is 0.
 */
#include "services.h"

double services_revenue(const mishi_firm_class *c, const firm *f) {
    if (c->service_revenue <= 0.0) return 0.0;
    return c->service_revenue * ((double)f->installed + f->rom_users);
}
