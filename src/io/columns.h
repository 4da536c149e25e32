/*
 * columns.h — the output tables' columns (columns.c): one row per column
 * with its header name, unit, legend label and meaning, and where its
 * value sits in the row the engine hands out. The CSV writer, the plot
 * writer and `mishi outputs` (hence docs/model.md) all read these rows.
 */
#ifndef MISHI_COLUMNS_H
#define MISHI_COLUMNS_H

#include <stddef.h>

#include "mishi.h"

typedef enum { COL_INT, COL_INT64, COL_REAL, COL_CLASS } column_type;

typedef struct column {
    mishi_column_info info;
    column_type type;
    size_t offset; /* into mishi_market_row or mishi_firm_row */
} column;

/* The columns of one file, in file order. */
typedef struct column_table {
    const column *at;
    size_t count;
} column_table;

column_table columns_market(void); /* market.csv: mishi_market_row */
column_table columns_firms(void);  /* firms.csv: mishi_firm_row */

/* The column named `name` in `table`, NULL if none is. */
const column *column_find(column_table table, const char *name);

#endif
