/*
 * lists.h — the two lists a scenario holds, regions and firm classes,
 * described once.
 *
 * A file's `regions:` and `firms:`, the --set paths `regions.NAME.key` and
 * `firms.NAME.key`, the cross-checks on names and the JSON echo all treat
 * the two lists alike; each reads this table instead of writing an if-else
 * per list, so a message about one can never drift from the other.
 */
#ifndef MISHI_LISTS_H
#define MISHI_LISTS_H

#include <stddef.h>

#include "params.h"
#include "schema.h"

typedef struct params_list {
    const char *key;      /* "firms": in a file, in a --set path, in the echo */
    schema_scope scope;   /* the schema rows of one item */
    const char *noun;     /* "firm class": one item, in messages */
    const char *expected; /* "a list of firm classes": what the key holds */
    int limit;            /* items a scenario may have */
    size_t items, count;  /* offsets in mishi_params of the array and count */
    size_t item_size;
    size_t name;          /* offset of the name in one item */
} params_list;

/* In the order the echo writes them and the checks visit them. */
enum { LIST_REGIONS, LIST_FIRMS, LIST_SEGMENTS, LIST_COUNT };
extern const params_list params_lists[LIST_COUNT];

/* The list whose key is `key` ("firms"), NULL if none is. */
const params_list *list_named(const char *key);
/* The list whose items are rows of `scope`; NULL for SCHEMA_TOP. */
const params_list *list_of(schema_scope scope);

int list_count(const params_list *list, const mishi_params *p);
void list_set_count(const params_list *list, mishi_params *p, int count);
const void *list_item(const params_list *list, const mishi_params *p, int i);
void *list_item_mut(const params_list *list, mishi_params *p, int i);
const char *list_item_name(const params_list *list, const mishi_params *p,
                           int i);
/* The index of the first item named `name`, -1 if none is. */
int list_index(const params_list *list, const mishi_params *p,
               const char *name);

/* The schema row a --set path names, read as --set reads it (set.c):
 * "firms.local.price" gives price's row and, in *item, the index of class
 * local; "consumers.count" its row and 0. NULL if the path names none. */
const schema_row *scenario_path_row(const mishi_params *p, const char *path,
                                    int *item);

#endif
