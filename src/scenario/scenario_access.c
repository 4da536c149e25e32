/*
 * scenario_access.c — read-only accessors for the opaque mishi_scenario that
 * callers outside the loader need (output files name firm classes), and the
 * name lookups the loader and the engine share.
 *
 * Kept apart from scenario.c so that parsing and validation stay in one file
 * and simple lookups in another.
 */
#include <string.h>

#include "mishi.h"
#include "params.h"

const char *mishi_scenario_class_name(const mishi_scenario *sc,
                                      int class_index) {
    if (!sc || class_index < 0 || class_index >= sc->params.class_count)
        return NULL;
    return sc->params.classes[class_index].name;
}

int params_region_index(const mishi_params *p, const char *name) {
    for (int r = 0; r < p->region_count; r++)
        if (strcmp(p->regions[r].name, name) == 0) return r;
    return -1;
}

int params_class_index(const mishi_params *p, const char *name) {
    for (int k = 0; k < p->class_count; k++)
        if (strcmp(p->classes[k].name, name) == 0) return k;
    return -1;
}
