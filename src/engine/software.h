/*
 * software.h — software quality, releases from feedback, and software
 * users on other makers' devices (software.c).
 */
#ifndef MISHI_SOFTWARE_H
#define MISHI_SOFTWARE_H

#include "sim.h"

/* Whether any class has software that changes, and the feedback ring's
 * length in weeks. */
mishi_status software_init(mishi_sim *sim, mishi_error *err);
/* Decay, feedback, releases and ROM installs of every active firm. */
mishi_status software_step(mishi_sim *sim, mishi_error *err);
void software_free(mishi_sim *sim);
/* A new firm's software quality and release phase (firms.c). */
void software_firm_born(const mishi_sim *sim, firm *f);
/* Whether `week` is one of the firm's release weeks: every release_weeks
 * from its first week, at its own phase. */
int software_releases_in(const mishi_firm_class *c, const firm *f, int week);
/* Software quality after a release that uses `messages` of feedback:
 * quality + gain (1 - quality) messages / (messages + half). */
double software_release(double quality, double messages, double gain,
                        double half);
/* The feedback a release in `week` uses: the messages of the
 * release_weeks weeks ending feedback_lag_weeks before `week`. */
double software_feedback_window(const mishi_sim *sim, const firm *f, int week);

#endif
