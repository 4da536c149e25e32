/*
 * loader.h — what the scenario layer's files share while they read a file
 * or a --set: where each value came from, and how to say what is wrong.
 *
 * load.c fills a loader from YAML; checks.c runs the checks that span
 * several keys and uses its marks to name the line a bad value came from;
 * set.c runs the same checks on a loader without marks, whose "file" is
 * the assignment itself. One struct serves all three so that a message
 * from a file and one from --set are built alike.
 */
#ifndef MISHI_LOADER_H
#define MISHI_LOADER_H

#include <stddef.h>

#include "mishi.h"
#include "params.h"
#include "schema.h"

struct yaml_document_s; /* <yaml.h>, which only load.c needs */

/* Where a value came from, so that checks run after parsing (a class's
 * region must exist, min <= max, ...) can still name the line. */
typedef struct mark {
    schema_scope scope;
    int index;             /* list item; 0 for SCHEMA_TOP */
    const schema_row *row; /* NULL: the list item itself */
    int line, column;      /* 1-based */
} mark;

/* A part of the file given an anchor (&name) and repeated by aliases
 * (*name): libyaml hands every copy the anchor's lines, so a message about
 * a copy names them too (see fail_at). YAML sets no bound on a name's
 * length: a message shows the first ANCHOR_NAME_SHOWN characters, far more
 * than a name a person writes, and "..." after them. */
enum { ANCHOR_NAME_SHOWN = 100, ANCHOR_ALIASES_SHOWN = 3 };
typedef struct anchor {
    char *name;                              /* whole, owned by the loader */
    int first_line, last_line;               /* 1-based, inclusive */
    int alias_line[ANCHOR_ALIASES_SHOWN];    /* the first few *name */
    int alias_count;
} anchor;

typedef struct loader {
    const char *file; /* what messages start with: a path or an assignment */
    struct yaml_document_s *doc;
    mishi_params *params;
    mishi_error *err;
    mark *marks;
    size_t mark_count, mark_capacity;
    anchor *anchors;
    size_t anchor_count, anchor_capacity;
} loader;

/* "FILE:LINE:COLUMN: " (or "FILE: " when line is 0) then the message, as
 * MISHI_ESCENARIO in l->err; when the line is in an anchored part that
 * aliases repeat, the message ends with the aliases' lines. */
mishi_status fail_at(const loader *l, int line, int column, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

mishi_status loader_remember(loader *l, mark m);
/* An anchor as the file's events show it; alias lines are added to it.
 * The loader takes a copy of a->name. */
mishi_status loader_add_anchor(loader *l, const anchor *a);
/* The mark of a value, else of its list item, else NULL (a default or a
 * --set). */
const mark *loader_find_mark(const loader *l, schema_scope scope, int index,
                             const schema_row *row);
void loader_free(loader *l);

/* The checks that span several keys (checks.c); run after loading and
 * after every --set. */
mishi_status scenario_check(const loader *l, const mishi_params *p);

#endif
