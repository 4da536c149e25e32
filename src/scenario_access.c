/*
 * scenario_access.c — read-only accessors for the opaque mishi_scenario that
 * callers outside the loader need (output files name firm classes).
 *
 * Kept apart from scenario.c so that parsing and validation stay in one file
 * and simple lookups in another.
 */
#include "mishi.h"
#include "params.h"

const char *mishi_scenario_class_name(const mishi_scenario *sc,
                                      int class_index) {
    if (!sc || class_index < 0 || class_index >= sc->params.class_count)
        return NULL;
    return sc->params.classes[class_index].name;
}
