/*
 * test_docs.c — what the docs quote is what the tool says now.
 *
 * docs/model.md's parameter table (between "<!-- params:begin -->" and
 * "<!-- params:end -->") is checked cell by cell against the schema, read
 * through the public header, so the model description can never silently
 * describe parameters the code does not have. Every generated table
 * (parameters, strategies, output columns) and README.md's usage must
 * equal the output of the command that makes it, and every block of
 * quoted results (README.md, docs/model.md, docs/validation.md,
 * docs/batch.md, docs/experiments.md), and the sweep benchmark's timings,
 * must carry the model fingerprint
 * scripts/fingerprint.sh computes now: a block made by another version of
 * the model fails, with the command that regenerates it. Two hand-written
 * tables are checked against the code: docs/model.md's schedule against
 * the submodel table, and README.md's layout against the C files.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mishi.h"
#include "support.h"

#ifndef MISHI_SOURCE_DIR
#define MISHI_SOURCE_DIR "." /* CMake defines it; this is for ad-hoc builds */
#endif
#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

#define MODEL_MD MISHI_SOURCE_DIR "/docs/model.md"
#define BLOCK_BEGIN "<!-- params:begin -->"
#define BLOCK_END "<!-- params:end -->"
#define HEADER "| parameter | type | unit | default | range | meaning |"
#define COLUMNS 6
#define CELL_MAX 512

/* The params block of model.md: its lines, and which of them are table
 * rows (after the header and the separator). */
typedef struct params_block {
    char *text;        /* the whole file, lines NUL-terminated in place */
    char **lines;      /* the block's lines, between the markers */
    size_t line_count;
    char **rows;       /* the table's data rows */
    size_t row_count;
    const char *header;
} params_block;

/* Split `text` into lines in place (dropping a '\r' before '\n') and keep
 * those strictly between the two marker lines. 0 on success. */
static int find_block(params_block *b) {
    size_t capacity = 64;
    int inside = 0, closed = 0;
    b->lines = malloc(capacity * sizeof *b->lines);
    if (!b->lines) return -1;
    for (char *line = b->text; line && *line && !closed;) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r') line[n - 1] = '\0';
        if (strcmp(line, BLOCK_END) == 0 && inside) closed = 1;
        else if (inside) {
            if (b->line_count == capacity) {
                char **grown = realloc(b->lines, 2 * capacity * sizeof *grown);
                if (!grown) return -1;
                b->lines = grown, capacity *= 2;
            }
            b->lines[b->line_count++] = line;
        } else if (strcmp(line, BLOCK_BEGIN) == 0) inside = 1;
        line = next;
    }
    return closed ? 0 : -1;
}

/* A table line starts with '|' (after optional spaces). */
static int is_table_line(const char *line) {
    line += strspn(line, " \t");
    return *line == '|';
}

/* The separator under the header: only '|', '-', ':' and spaces. */
static int is_separator(const char *line) {
    return is_table_line(line) && strspn(line, "|-: \t") == strlen(line) &&
           strchr(line, '-') != NULL;
}

static void collect_rows(params_block *b) {
    b->rows = malloc((b->line_count ? b->line_count : 1) * sizeof *b->rows);
    assert_non_null(b->rows);
    for (size_t k = 0; k < b->line_count; k++) {
        const char *line = b->lines[k];
        if (!is_table_line(line) || is_separator(line)) continue;
        if (!b->header) b->header = line;
        else b->rows[b->row_count++] = b->lines[k];
    }
}

static int load_block(void **state) {
    params_block *b = calloc(1, sizeof *b);
    if (!b) return -1;
    *state = b;
    b->text = read_all(MODEL_MD);
    if (!b->text) {
        fprintf(stderr, "cannot read %s\n", MODEL_MD);
        return -1;
    }
    if (find_block(b) != 0) {
        fprintf(stderr, "%s: no '%s' ... '%s' block\n", MODEL_MD, BLOCK_BEGIN,
                BLOCK_END);
        return -1;
    }
    collect_rows(b);
    return 0;
}

static int free_block(void **state) {
    params_block *b = *state;
    if (b) free(b->text), free(b->lines), free(b->rows), free(b);
    return 0;
}

/* The cells of a table row, trimmed, with "\|" unescaped; returns how
 * many (cells past `max` are counted but not stored). */
static int row_cells(const char *line, char cells[][CELL_MAX], int max) {
    int count = 0;
    line += strspn(line, " \t");
    if (*line == '|') line++;
    while (*line) {
        char text[CELL_MAX];
        size_t n = 0;
        for (; *line && *line != '|'; line++) {
            if (*line == '\\' && line[1] == '|') line++;
            if (n + 1 < sizeof text) text[n++] = *line;
        }
        int closed = *line == '|';
        if (closed) line++;
        while (n && (text[n - 1] == ' ' || text[n - 1] == '\t')) n--;
        text[n] = '\0';
        const char *start = text + strspn(text, " \t");
        if (!closed && !*start) break; /* blanks after the closing '|' */
        if (count < max) snprintf(cells[count], CELL_MAX, "%s", start);
        count++;
    }
    return count;
}

/* The range column as the generator writes it. */
static void expected_range(const mishi_param_info *p, char *buf, size_t n) {
    if (strcmp(p->type, "seed") == 0)
        snprintf(buf, n, "0 – 18446744073709551615");
    else if (strcmp(p->type, "int") == 0)
        snprintf(buf, n, "%.0f – %.0f", p->min, p->max);
    else if (strcmp(p->type, "real") == 0)
        snprintf(buf, n, "%g – %g", p->min, p->max);
    else snprintf(buf, n, "-");
}

/* Whether any line of the block contains `needle`. */
static int block_mentions(const params_block *b, const char *needle) {
    for (size_t k = 0; k < b->line_count; k++)
        if (strstr(b->lines[k], needle)) return 1;
    return 0;
}

static void header_is_the_documented_one(void **state) {
    const params_block *b = *state;
    assert_non_null(b->header);
    assert_string_equal(b->header, HEADER);
}

/* Every parameter's path appears in the block, in backticks. */
static void every_path_appears(void **state) {
    const params_block *b = *state;
    for (size_t i = 0; i < mishi_param_count(); i++) {
        char quoted[256];
        snprintf(quoted, sizeof quoted, "`%s`", mishi_param_at(i)->path);
        if (!block_mentions(b, quoted))
            fail_msg("%s: parameter %s is missing from the params table; "
                     "regenerate it from src/schema.c", MODEL_MD, quoted);
    }
}

static void one_row_per_parameter(void **state) {
    const params_block *b = *state;
    if (b->row_count != mishi_param_count())
        fail_msg("%s: the params table has %zu rows, the schema %zu "
                 "parameters; regenerate it from src/schema.c", MODEL_MD,
                 b->row_count, mishi_param_count());
}

/* The default as the table shows it: an empty text default reads "". */
static const char *shown_default(const mishi_param_info *p) {
    return *p->fallback ? p->fallback : "\"\"";
}

/* Row i documents parameter i: path, type, unit, default, range, meaning. */
static void rows_match_schema(void **state) {
    const params_block *b = *state;
    size_t n = b->row_count < mishi_param_count() ? b->row_count
                                                  : mishi_param_count();
    for (size_t i = 0; i < n; i++) {
        const mishi_param_info *p = mishi_param_at(i);
        char cells[COLUMNS][CELL_MAX], path[256], range[96];
        int count = row_cells(b->rows[i], cells, COLUMNS);
        if (count != COLUMNS)
            fail_msg("%s: row %zu has %d cells, expected %d: %s", MODEL_MD,
                     i + 1, count, COLUMNS, b->rows[i]);
        snprintf(path, sizeof path, "`%s`", p->path);
        expected_range(p, range, sizeof range);
        const char *want[COLUMNS] = {path, p->type, p->unit, shown_default(p),
                                     range, p->doc};
        static const char *const names[COLUMNS] = {
            "parameter", "type", "unit", "default", "range", "meaning"};
        for (int c = 0; c < COLUMNS; c++)
            if (strcmp(cells[c], want[c]) != 0)
                fail_msg("%s: row %zu (%s), column '%s': table says '%s', "
                         "schema says '%s'", MODEL_MD, i + 1, p->path,
                         names[c], cells[c], want[c]);
    }
}

/* The default column is the schema's fallback, exactly. */
static void defaults_match(void **state) {
    const params_block *b = *state;
    size_t n = b->row_count < mishi_param_count() ? b->row_count
                                                  : mishi_param_count();
    for (size_t i = 0; i < n; i++) {
        char cells[COLUMNS][CELL_MAX];
        int count = row_cells(b->rows[i], cells, COLUMNS);
        assert_true(count >= 4);
        const char *want = shown_default(mishi_param_at(i));
        if (strcmp(cells[3], want) != 0)
            fail_msg("%s: default of %s is '%s' in the table, '%s' in the "
                     "schema", MODEL_MD, mishi_param_at(i)->path, cells[3],
                     want);
    }
}

/* The cell splitter itself: escapes, empty cells, trimming. */
static void cells_are_split_correctly(void **state) {
    (void)state;
    char cells[COLUMNS][CELL_MAX];
    assert_int_equal(row_cells("| `a` | x \\| y |  | z |", cells, COLUMNS), 4);
    assert_string_equal(cells[0], "`a`");
    assert_string_equal(cells[1], "x | y");
    assert_string_equal(cells[2], "");
    assert_string_equal(cells[3], "z");
}

/* ------------------------------------------- generated blocks, results */

/* The text between "<!-- NAME:begin -->\n" and "<!-- NAME:end -->" of
 * `path`, to free; fails the test if there is no such block. */
static char *block_text(const char *path, const char *name) {
    char begin[64], end[64];
    snprintf(begin, sizeof begin, "<!-- %s:begin -->\n", name);
    snprintf(end, sizeof end, "<!-- %s:end -->", name);
    char *text = read_all(path);
    if (!text) fail_msg("cannot read %s", path);
    char *from = strstr(text, begin), *to = from ? strstr(from, end) : NULL;
    if (!to) fail_msg("%s: no '%s' ... '%s' block", path, begin, end);
    from += strlen(begin);
    memmove(text, from, (size_t)(to - from));
    text[to - from] = '\0';
    return text;
}

/* What a shell command printed on stdout, to free. */
static char *command_output(const char *command) {
    FILE *p = popen(command, "r");
    assert_non_null(p);
    char *out = read_stream(p);
    assert_non_null(out);
    if (pclose(p) != 0) fail_msg("'%s' failed", command);
    return out;
}

#define BATCH_MD MISHI_SOURCE_DIR "/docs/batch.md"
#define README_MD MISHI_SOURCE_DIR "/README.md"
#define EXPERIMENTS_MD MISHI_SOURCE_DIR "/docs/experiments.md"

/* What `mishi ARGUMENTS` prints, to free; in a ```text fence when
 * `fenced` (plain text in Markdown, not a table). */
static char *tool_output(const char *arguments, int fenced) {
    char command[512];
    snprintf(command, sizeof command, "'%s' %s", MISHI_CLI, arguments);
    char *made = command_output(command);
    if (!fenced) return made;
    static const char open[] = "```text\n", close[] = "```\n";
    char *text = malloc(strlen(open) + strlen(made) + strlen(close) + 1);
    assert_non_null(text);
    strcat(strcat(strcpy(text, open), made), close);
    free(made);
    return text;
}

/* The docs' tables, and README.md's usage, are exactly what the commands
 * that make them print. */
static void generated_tables_match_the_tool(void **state) {
    (void)state;
    static const struct {
        const char *file, *block, *arguments;
        int fenced;
    } tables[] = {
        {MODEL_MD, "params", "params --markdown", 0},
        {MODEL_MD, "strategies", "strategies --markdown", 0},
        {MODEL_MD, "outputs", "outputs --markdown", 0},
        {BATCH_MD, "sweep-file", "params --sweep --markdown", 0},
        {README_MD, "usage", "help", 1},
    };
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        char *made = tool_output(tables[t].arguments, tables[t].fenced);
        char *quoted = block_text(tables[t].file, tables[t].block);
        if (strcmp(made, quoted) != 0)
            fail_msg("%s: the '%s' block is not what `mishi %s` prints now; "
                     "run scripts/docs.sh tables", tables[t].file,
                     tables[t].block, tables[t].arguments);
        free(made), free(quoted);
    }
}

/* The second cells of the data rows of the Markdown table in `text` (the
 * header and separator skipped; the text cut into lines in place) into
 * names[], at most `max` of them; how many rows there are. */
static size_t row_names(char *text, char names[][CELL_MAX], size_t max) {
    size_t n = 0;
    int header = 1;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char cells[2][CELL_MAX];
        if (!is_table_line(line) || is_separator(line) ||
            row_cells(line, cells, 2) < 2)
            continue;
        if (header) header = 0;
        else if (n++ < max) snprintf(names[n - 1], CELL_MAX, "%s", cells[1]);
    }
    return n;
}

/* docs/model.md §3's schedule is the engine's submodel table: the same
 * names, in the same order (src/engine/sim.c, through the public API). */
static void schedule_names_the_submodels(void **state) {
    (void)state;
    char *block = block_text(MODEL_MD, "schedule");
    static char names[MISHI_MAX_SUBMODELS][CELL_MAX];
    size_t n = row_names(block, names, MISHI_MAX_SUBMODELS);
    if (n != mishi_submodel_count())
        fail_msg("%s: the schedule has %zu rows, the submodel table %zu "
                 "(src/engine/sim.c)", MODEL_MD, n, mishi_submodel_count());
    for (size_t k = 0; k < n; k++)
        if (strcmp(names[k], mishi_submodel_name(k)) != 0)
            fail_msg("%s: schedule row %zu is '%s', the submodel table's is "
                     "'%s' (src/engine/sim.c)", MODEL_MD, k + 1, names[k],
                     mishi_submodel_name(k));
    free(block);
}

/* The row of README.md's layout table for folder `dir` ("src/engine/"):
 * the line of `block` that starts "| `dir` |", or NULL. */
static const char *layout_row(const char *block, const char *dir) {
    char head[128];
    if (snprintf(head, sizeof head, "| `%s` |", dir) >= (int)sizeof head) return NULL;
    for (const char *line = block; line; line = strchr(line, '\n')) {
        line += *line == '\n';
        if (strncmp(line, head, strlen(head)) == 0) return line;
    }
    return NULL;
}

/* Whether `row` (up to its end of line) names `file` as `file`. */
static int row_names_file(const char *row, const char *file) {
    char quoted[128];
    snprintf(quoted, sizeof quoted, "`%s`", file);
    const char *end = strchr(row, '\n'), *at = strstr(row, quoted);
    return at && (!end || at < end);
}

/* Every C file of the libraries and the program is named in its folder's
 * row of README.md's layout table, so the table cannot go stale. */
static void layout_names_every_file(void **state) {
    (void)state;
    static const char *const patterns[] = {"src/*/*.c", "cli/*.c", "batch/*.c",
                                           "validation/*.c"};
    char *block = block_text(README_MD, "layout");
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s/%s", MISHI_SOURCE_DIR, patterns[p]);
        glob_t found;
        assert_int_equal(glob(pattern, 0, NULL, &found), 0);
        for (size_t k = 0; k < found.gl_pathc; k++) {
            const char *path = found.gl_pathv[k] + strlen(MISHI_SOURCE_DIR) + 1;
            const char *file = strrchr(path, '/') + 1;
            char dir[256];
            snprintf(dir, sizeof dir, "%.*s", (int)(file - path), path);
            const char *row = layout_row(block, dir);
            if (!row || !row_names_file(row, file))
                fail_msg("%s: the layout table's row for `%s` does not name "
                         "`%s`", README_MD, dir, file);
        }
        globfree(&found);
    }
    free(block);
}

static void block_is_current(const char *file, const char *name,
                             const char *part, const char *now);

/* POSIX cksum's checksum of `text` (the tool docs.sh seals with). */
static unsigned long text_sum(const char *text) {
    char path[] = "/tmp/mishi-docs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    char command[128];
    snprintf(command, sizeof command, "cksum < '%s'", path);
    char *out = command_output(command);
    unlink(path);
    unsigned long sum = strtoul(out, NULL, 10);
    free(out);
    return sum;
}

/* The checksum of the files `list` names (paths from the source folder,
 * separated by spaces), read one after another, as docs.sh's seal reads
 * them. */
static unsigned long inputs_sum(const char *list, size_t length) {
    char command[2048];
    snprintf(command, sizeof command, "cd '%s' && cat %.*s | cksum",
             MISHI_SOURCE_DIR, (int)length, list);
    char *out = command_output(command);
    unsigned long sum = strtoul(out, NULL, 10);
    free(out);
    return sum;
}

/* The seal docs.sh ends FILE's NAME block with ("Made by `C` with M;
 * inputs: A B (sum S); text sum T.") still holds: the text above it and
 * the inputs it names have the checksums it gives. Else the block was
 * edited by hand, or its inputs changed since; scripts/docs.sh PART
 * remakes it. */
static void seal_holds(const char *file, const char *name, const char *part) {
    char *block = block_text(file, name), *made = NULL;
    for (char *at = block; (at = strstr(at, "\nMade by ")); at++) made = at;
    const char *text = made ? strstr(made, "; text sum ") : NULL;
    if (!text)
        fail_msg("%s: its '%s' block has no seal; run scripts/docs.sh %s",
                 file, name, part);
    made[0] = '\0';
    const char *seal = made + 1, *in = strstr(seal, "; inputs: ");
    if (text_sum(block) != strtoul(text + 11, NULL, 10))
        fail_msg("%s: its '%s' block is not the text it was made with (edited "
                 "by hand?); run scripts/docs.sh %s", file, name, part);
    const char *list = in ? in + 10 : NULL, *sum = list ? strstr(list, " (sum ") : NULL;
    if (sum && inputs_sum(list, (size_t)(sum - list)) != strtoul(sum + 6, NULL, 10))
        fail_msg("%s: its '%s' block was made from inputs that have changed "
                 "since (%.*s); run scripts/docs.sh %s", file, name,
                 (int)(sum - list), list, part);
    free(block);
}

/* Every experiment in experiments/ has its generated block in
 * docs/experiments.md, made by this model: the list is the folder. */
static void experiments_are_current(const char *now) {
    glob_t found;
    assert_int_equal(glob(MISHI_SOURCE_DIR "/experiments/E*.yaml", 0, NULL, &found), 0);
    assert_true(found.gl_pathc >= 7); /* E1..E7 */
    for (size_t k = 0; k < found.gl_pathc; k++) {
        char name[64];
        const char *base = strrchr(found.gl_pathv[k], '/') + 1;
        snprintf(name, sizeof name, "%.*s", (int)(strlen(base) - 5), base);
        block_is_current(EXPERIMENTS_MD, name, name, now);
    }
    globfree(&found);
}

/* What scripts/fingerprint.sh prints for this build, computed once (it
 * runs the model for seconds). */
static const char *model_now(void) {
    static char now[256];
    if (*now) return now;
    char command[512];
    snprintf(command, sizeof command, "'%s/scripts/fingerprint.sh' '%s'",
             MISHI_SOURCE_DIR, MISHI_CLI);
    char *out = command_output(command);
    snprintf(now, sizeof now, "%.*s", (int)strcspn(out, "\n"), out);
    free(out);
    return now;
}

/* FILE's NAME block ends with the stamp `now`, and its seal holds; else
 * it is stale, and scripts/docs.sh PART remakes it. */
static void block_is_current(const char *file, const char *name,
                             const char *part, const char *now) {
    char *block = block_text(file, name);
    if (!strstr(block, now))
        fail_msg("%s: its '%s' block was not made by this model (%s); run "
                 "scripts/docs.sh %s", file, name, now, part);
    free(block);
    seal_holds(file, name, part);
}

/* Every block of results was made by the model as it is now: its last
 * line is the one scripts/fingerprint.sh prints for this build. */
static void quoted_results_are_current(void **state) {
    (void)state;
    static const struct {
        const char *file, *block, *part; /* part: scripts/docs.sh PART */
    } quoted[] = {
        {README_MD, "results", "results"},
        {MODEL_MD, "results", "results"},
        {MISHI_SOURCE_DIR "/docs/validation.md", "results", "validation"},
        {BATCH_MD, "summary", "batch"},
        {BATCH_MD, "schema", "batch"},
        {BATCH_MD, "sensitivity", "batch"},
        {BATCH_MD, "command", "batch"},
        {README_MD, "e1", "E1"},
    };
    const char *now = model_now();
    for (size_t k = 0; k < sizeof quoted / sizeof *quoted; k++)
        block_is_current(quoted[k].file, quoted[k].block, quoted[k].part, now);
    experiments_are_current(now);
}

/* The sweep benchmark's timings too: a changed model runs at another
 * speed. A test of its own, so that timings not yet re-measured (which
 * take a quiet machine) do not hide a stale block of results. */
static void sweep_benchmark_is_current(void **state) {
    (void)state;
    const char *now = model_now();
    block_is_current(MISHI_SOURCE_DIR "/README.md", "bench-sweep", "bench", now);
    block_is_current(BATCH_MD, "bench-sweep", "bench", now);
}

/* README.md and docs/model.md quote the same results, from one run. */
static void readme_and_model_quote_the_same_results(void **state) {
    (void)state;
    char *readme = block_text(README_MD, "results");
    char *model = block_text(MODEL_MD, "results");
    assert_string_equal(readme, model);
    free(readme), free(model);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_are_split_correctly),
        cmocka_unit_test(header_is_the_documented_one),
        cmocka_unit_test(every_path_appears),
        cmocka_unit_test(one_row_per_parameter),
        cmocka_unit_test(defaults_match),
        cmocka_unit_test(rows_match_schema),
        cmocka_unit_test(generated_tables_match_the_tool),
        cmocka_unit_test(schedule_names_the_submodels),
        cmocka_unit_test(layout_names_every_file),
        cmocka_unit_test(readme_and_model_quote_the_same_results),
        cmocka_unit_test(quoted_results_are_current),
        cmocka_unit_test(sweep_benchmark_is_current),
    };
    return cmocka_run_group_tests_name("docs", tests, load_block, free_block);
}
