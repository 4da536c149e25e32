/*
 * table.c — the one table printer behind the listings (`mishi params`,
 * `strategies`, `outputs`): aligned columns for a terminal, or a Markdown
 * table for docs/model.md, which pastes the output verbatim (and whose
 * tests compare the two byte for byte).
 *
 * Cells are kept until the table is printed because alignment needs the
 * widest cell of each column first. Widths count characters, not bytes,
 * so a unit such as "satisfaction −1..1" does not push its row askew. The
 * last column is not padded, so no line ends in spaces.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_COLUMNS 8
#define GAP 2 /* spaces between aligned columns */

/* The cell as printed. In Markdown a '|' would end the cell, and a name to
 * type is set as code. */
static char *cell_text(const cli_table *t, size_t column, const char *text,
                       int header) {
    int code = t->markdown && !header && t->column[column].code;
    size_t n = strlen(text) + 3;
    for (const char *c = text; t->markdown && *c; c++) n += *c == '|';
    char *cell = malloc(n), *out = cell;
    if (!cell) return NULL;
    if (code) *out++ = '`';
    for (; *text; text++) {
        if (t->markdown && *text == '|') *out++ = '\\';
        *out++ = *text;
    }
    if (code) *out++ = '`';
    *out = '\0';
    return cell;
}

static int add_row(cli_table *t, const char *const *cells, int header) {
    if (t->rows == t->capacity) {
        size_t capacity = t->capacity ? 2 * t->capacity : 16;
        char **grown = realloc(t->cells, capacity * t->columns * sizeof *grown);
        if (!grown) return cli_run_failure("out of memory");
        t->cells = grown, t->capacity = capacity;
    }
    /* Counted before it is filled, so cli_table_free frees a part row. */
    char **row = t->cells + t->rows++ * t->columns;
    memset(row, 0, t->columns * sizeof *row);
    for (size_t c = 0; c < t->columns; c++)
        if (!(row[c] = cell_text(t, c, cells[c], header)))
            return cli_run_failure("out of memory");
    return 0;
}

int cli_table_start(cli_table *t, int markdown, const cli_column *columns,
                    size_t count) {
    assert(count > 0 && count <= MAX_COLUMNS);
    *t = (cli_table){.markdown = markdown, .columns = count, .column = columns};
    const char *heads[MAX_COLUMNS];
    for (size_t c = 0; c < count; c++) heads[c] = columns[c].head;
    return add_row(t, heads, 1);
}

int cli_table_add(cli_table *t, const char *const *cells) {
    return add_row(t, cells, 0);
}

/* Characters in UTF-8 text: every byte but the continuation bytes. */
static size_t text_width(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void print_plain(const cli_table *t) {
    size_t width[MAX_COLUMNS] = {0};
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c + 1 < t->columns; c++) {
            size_t w = text_width(t->cells[r * t->columns + c]);
            if (w > width[c]) width[c] = w;
        }
    for (size_t r = 0; r < t->rows; r++) {
        char *const *row = t->cells + r * t->columns;
        for (size_t c = 0; c + 1 < t->columns; c++) {
            int pad = (int)(width[c] - text_width(row[c])) + GAP;
            printf("%s%*s", row[c], pad, "");
        }
        printf("%s\n", row[t->columns - 1]);
    }
}

static void print_markdown(const cli_table *t) {
    for (size_t r = 0; r < t->rows; r++) {
        putchar('|');
        for (size_t c = 0; c < t->columns; c++)
            printf(" %s |", t->cells[r * t->columns + c]);
        putchar('\n');
        if (r > 0) continue;
        putchar('|');
        for (size_t c = 0; c < t->columns; c++) fputs("---|", stdout);
        putchar('\n');
    }
}

void cli_table_print(const cli_table *t) {
    if (t->markdown) print_markdown(t);
    else print_plain(t);
}

void cli_table_free(cli_table *t) {
    for (size_t i = 0; i < t->rows * t->columns; i++) free(t->cells[i]);
    free(t->cells);
    *t = (cli_table){0};
}
