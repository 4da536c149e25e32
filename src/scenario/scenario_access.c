/*
 * scenario_access.c — the opaque mishi_scenario seen from outside the
 * scenario layer: its name, seed and firm classes, and its release.
 *
 * Clients of the public header (output files, the CLI, validation) read a
 * scenario only through these, so the handle's layout (params.h) stays
 * private to libmishi.
 */
#include <stdlib.h>

#include "mishi.h"
#include "params.h"

uint64_t mishi_scenario_seed(const mishi_scenario *sc) {
    return sc ? sc->params.seed : 0;
}

const char *mishi_scenario_name(const mishi_scenario *sc) {
    return sc ? sc->params.name : NULL;
}

const char *mishi_scenario_class_name(const mishi_scenario *sc,
                                      int class_index) {
    if (!sc || class_index < 0 || class_index >= sc->params.class_count)
        return NULL;
    return sc->params.classes[class_index].name;
}

void mishi_scenario_free(mishi_scenario *sc) { free(sc); }
