/*
 * sweep_read.h — what the files that read a sweep file share: the reader
 * (a scenario loader's message machinery plus the sweep being filled) and
 * the checks every part of the file needs, each reported as a scenario
 * file reports its own: "FILE:LINE:COLUMN: KEY: ...".
 *
 * sweep_load.c reads the top level and the scalar keys, sweep_base.c the
 * scenario and `set:`, sweep_vary.c `vary:` (sweep_variants.c its
 * factors of named levels), sweep_points.c expands the
 * design, sweep_measures.c reads `measures:` and `series:`; sweep_read.c
 * holds the checks they share.
 */
#ifndef MISHI_SWEEP_READ_H
#define MISHI_SWEEP_READ_H

#include "lists.h"
#include "sweep.h"
#include "yaml_read.h"

typedef struct sweep_reader {
    loader l; /* the file's name, its document and the error to fill */
    mishi_sweep *sweep;
} sweep_reader;

/* ------------------------------------------------- the base (sweep_base.c) */

/* `scenario:`, resolved against `dir` (NULL: the current folder), loaded. */
mishi_status sweep_read_scenario(sweep_reader *r, const yaml_node_t *value,
                                 const char *dir);
/* `set:`, applied to the base scenario in file order. */
mishi_status sweep_read_set(sweep_reader *r, const yaml_node_t *map);

/* A parameter as --set finds it: its schema row and, in a list, the item.
 * Two paths name one parameter when both agree ("firms.local.price" and
 * "firms.0.price" when class 0 is "local"). */
typedef struct sweep_param {
    const schema_row *row;
    int item; /* the list item; 0 for a top-level key */
} sweep_param;

/* 0 and *out filled if `path` names a parameter of `sc`; -1 if not. */
int sweep_param_find(const mishi_scenario *sc, const char *path,
                     sweep_param *out);

/* "path=value" in a string to free(); NULL when out of memory. */
char *sweep_join(const char *path, const char *value);
/* A `path: value` pair (its key `k`, its value `v`) appended to a list of
 * assignments, `set:`'s or a variants level's, as sets[*count] (the room
 * is there) with k's line; NULL when out of memory (said in r's error). */
const sweep_set *sweep_add_set(const sweep_reader *r, sweep_set *sets,
                               size_t *count, const char *path,
                               const yaml_node_t *k, const yaml_node_t *v);

/* Apply "path=value" to a copy of `sc` (which stays as it was), as a check;
 * a refusal is reported at `at` under `key` ("vary.weeks") with the
 * library's reason. */
mishi_status sweep_check_set(sweep_reader *r, const mishi_scenario *sc,
                             const char *assignment, const yaml_node_t *at,
                             const char *key);

/* ----------------------------------------------------- vary (sweep_vary.c) */

mishi_status sweep_read_vary(sweep_reader *r, const yaml_node_t *map);

/* The parameter `path` names (written at `k`, under `key` in messages),
 * else the library's reason it names none (an unknown key with the
 * nearest one, no such firm class). */
mishi_status sweep_find_param(sweep_reader *r, const yaml_node_t *k,
                              const char *path, const char *key,
                              sweep_param *param);
/* Refuse `seed` and `weeks`, which the sweep owns: every run's seed comes
 * from it, and every run has one horizon. */
mishi_status sweep_check_not_owned(const sweep_reader *r, const yaml_node_t *k,
                                   const char *key, const sweep_param *param);
/* 1 if `assignment`, "path=value" or a path alone, sets `param`. */
int sweep_sets_param(const mishi_sweep *sweep, const char *assignment,
                     const sweep_param *param);
/* A parameter is set or varied once: refuse `param` (at `k`, under `key`)
 * when `set:` or a factor other than `self` (NULL: none) sets it. */
mishi_status sweep_check_once(const sweep_reader *r, const yaml_node_t *k,
                              const char *key, const sweep_param *param,
                              const sweep_factor *self);

/* ---------------------------------------- variants (sweep_variants.c) */

/* Whether `vary:`'s entry `name: value` is a variants factor: a mapping
 * with a `variants:` key, or any mapping under a plain name that no
 * parameter has (so a misspelt `variants:` is answered as one). */
int sweep_is_variants(const sweep_reader *r, const char *name,
                      const yaml_node_t *value);
/* The variants factor `name` (its key `k`), as the next factor. */
mishi_status sweep_read_variants(sweep_reader *r, const yaml_node_t *k,
                                 const yaml_node_t *value, const char *name);

/* ------------------------------------------------- points (sweep_points.c) */

/* The design's points from the factors read; every point's scenario
 * checked. `design` is the design key's node (NULL if the file gives
 * none), `vary` the vary key's node (NULL if none), for messages. */
mishi_status sweep_expand(sweep_reader *r, const yaml_node_t *design,
                          const yaml_node_t *vary);

/* ------------------------------------- measures, series (sweep_measures.c) */

mishi_status sweep_read_measures(sweep_reader *r, const yaml_node_t *map);
mishi_status sweep_read_series(sweep_reader *r, const yaml_node_t *list);

/* ------------------------------------------ claims, plots (sweep_claims.c) */

/* `claims:` (a grid's only; `key` is the key's node, for that refusal)
 * and `plots:`, read once the factors, measures and series are. */
mishi_status sweep_read_claims(sweep_reader *r, const yaml_node_t *key,
                               const yaml_node_t *map);
mishi_status sweep_read_plots(sweep_reader *r, const yaml_node_t *list);

/* ------------------------------------------- shared checks (sweep_read.c) */

/* Letters, digits and '_', not starting with a digit: a measure's, a
 * claim's or a variants factor's name, which becomes a column name or a
 * CSV cell as it is. */
int sweep_is_identifier(const char *s);
/* A name the sweep file gives at key node `k` under `where` ("claims"),
 * which the results write as it is: a plain identifier of fewer than
 * MISHI_NAME_MAX characters (`what` says what it is or becomes: "a
 * claim's name is"), and not a word pandas or R would read as something
 * else in `cell` ("the claim column of claims.csv"; then "give the `noun`
 * another name"). */
mishi_status sweep_check_name(const loader *l, const yaml_node_t *k,
                              const char *where, const char *name,
                              const char *what, const char *cell,
                              const char *noun);

/* The results' own columns (run, point, replicate, seed), which neither
 * a measure nor a variants factor may take. */
enum { SWEEP_RESERVED_COLUMNS = 4 };
extern const char *const sweep_reserved_columns[SWEEP_RESERVED_COLUMNS];

/* The rest of the runs table's own columns (the store's schema,
 * batch/store_schema.c, whose test holds the two lists together): a
 * variants factor's level is a column of runs too, so it may not take
 * these either. A measure may: it is a column of results. */
enum { SWEEP_RUN_RECORD_COLUMNS = 12 };
extern const char *const sweep_run_record_columns[SWEEP_RUN_RECORD_COLUMNS];

/* The column of those lists that `name` would take, case ignored as
 * SQLite ignores it: a reserved column, or with `run_record` one of the
 * run's record too; NULL if none. */
const char *sweep_column_taken(const char *name, int run_record);


/* A number (a finite decimal, as the schema reads numbers) from a scalar
 * node; else "KEY: expected EXPECTED, got ...". */
mishi_status sweep_read_number(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, const char *expected,
                               double *out);
/* The pairs of the mapping `map` at `where` ("measures.q"; NULL at the top
 * level), each into key[i] and value[i] for its name names[i]; a key not
 * among the names is refused with the nearest one. Slots of keys not
 * given are left as they were (NULL). */
mishi_status sweep_read_fields(const sweep_reader *r, const yaml_node_t *map,
                               const char *where, const char *const *names,
                               size_t count, const yaml_node_t **key,
                               const yaml_node_t **value);
/* One of names[0..count) (an enum's names), its index into *out; else
 * "KEY: expected one of a, b, c, got ...". */
mishi_status sweep_read_choice(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, const char *const *names,
                               size_t count, int *out);

/* A part that is a mapping read pair by pair (set:, vary:, measures:):
 * `read` gets each pair in file order, with `context`. */
typedef mishi_status (*sweep_pair_reader)(sweep_reader *r,
                                          const yaml_node_t *map,
                                          const yaml_node_pair_t *p,
                                          void *context);
/* A zeroed array of `size`-byte items, one per pair of `map`, the
 * mapping of the part `key` (to free()); NULL with *rc set if `map` is no
 * mapping ("KEY: expected EXPECTED, got ...") or memory ran out. */
void *sweep_pair_array(const sweep_reader *r, const yaml_node_t *map,
                       const char *key, const char *expected, size_t size,
                       mishi_status *rc);
/* Each pair of the mapping `map`, read by `read` in file order. */
mishi_status sweep_each_pair(sweep_reader *r, const yaml_node_t *map,
                             sweep_pair_reader read, void *context);

/* The names as "a, b, c", for "expected one of ..." or a list of columns;
 * cut to fit `size`. */
void sweep_list_names(const char *const *names, size_t count, char *out,
                      size_t size);

#endif
