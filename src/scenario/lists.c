/*
 * lists.c — the table of a scenario's lists (lists.h) and the lookups by
 * name that the loader's checks and the engine share.
 *
 * An item is reached through offsets into mishi_params rather than a
 * function per list, so adding a third list is one row here.
 */
#include "lists.h"

#include <string.h>

#define LIST_ROW(key, scope, noun, expected, limit, items, count, type)        \
    {key, scope, noun, expected, limit, offsetof(mishi_params, items),         \
     offsetof(mishi_params, count), sizeof(type), offsetof(type, name)}

const params_list params_lists[LIST_COUNT] = {
    [LIST_REGIONS] = LIST_ROW("regions", SCHEMA_REGION, "region",
                              "a list of regions", MISHI_MAX_REGIONS, regions,
                              region_count, mishi_region_params),
    [LIST_FIRMS] = LIST_ROW("firms", SCHEMA_CLASS, "firm class",
                            "a list of firm classes", MISHI_MAX_CLASSES,
                            classes, class_count, mishi_firm_class),
    [LIST_SEGMENTS] = LIST_ROW("segments", SCHEMA_SEGMENT, "segment",
                               "a list of consumer segments",
                               MISHI_MAX_SEGMENTS, segments, segment_count,
                               mishi_segment_params),
};

const params_list *list_named(const char *key) {
    for (int k = 0; k < LIST_COUNT; k++)
        if (strcmp(params_lists[k].key, key) == 0) return &params_lists[k];
    return NULL;
}

const params_list *list_of(schema_scope scope) {
    for (int k = 0; k < LIST_COUNT; k++)
        if (params_lists[k].scope == scope) return &params_lists[k];
    return NULL;
}

int list_count(const params_list *list, const mishi_params *p) {
    return *(const int *)((const char *)p + list->count);
}

void list_set_count(const params_list *list, mishi_params *p, int count) {
    *(int *)((char *)p + list->count) = count;
}

const void *list_item(const params_list *list, const mishi_params *p, int i) {
    return (const char *)p + list->items + (size_t)i * list->item_size;
}

/* The same address as list_item, writable because `p` is. */
void *list_item_mut(const params_list *list, mishi_params *p, int i) {
    return (char *)p + list->items + (size_t)i * list->item_size;
}

const char *list_item_name(const params_list *list, const mishi_params *p,
                           int i) {
    return (const char *)list_item(list, p, i) + list->name;
}

int list_index(const params_list *list, const mishi_params *p,
               const char *name) {
    for (int i = 0; i < list_count(list, p); i++)
        if (strcmp(list_item_name(list, p, i), name) == 0) return i;
    return -1;
}

int params_region_index(const mishi_params *p, const char *name) {
    return list_index(&params_lists[LIST_REGIONS], p, name);
}

int params_class_index(const mishi_params *p, const char *name) {
    return list_index(&params_lists[LIST_FIRMS], p, name);
}
