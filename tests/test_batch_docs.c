/*
 * test_batch_docs.c — docs/batch.md's pandas and R snippets work on the
 * database the worked example makes.
 *
 * The snippets are prose nobody compiles, so a column renamed in the
 * database would leave them wrong without a test noticing. Their SQL (each
 * string in a snippet that starts with SELECT) is run here against a
 * sweep of sweeps/transient-threshold.yaml itself, cut to one replicate of
 * 1,000 consumers, so the tables, view, columns and quantities the
 * snippets name are the worked example's. Where pandas or R with DBI and
 * RSQLite is installed, the snippet itself runs too; elsewhere that part
 * skips (neither is a build dependency).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "support.h"
#include "support_files.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

#define BATCH_MD MISHI_SOURCE_DIR "/docs/batch.md"
#define WORKED MISHI_SOURCE_DIR "/sweeps/transient-threshold.yaml"
#define DOC_DB "out/transient-threshold.sqlite" /* as the snippets name it */

static char dir[64];

/* `text` with its one `from` made `to` (to free): the test fails if
 * `from` is not there exactly once, so an edit of the worked example
 * cannot silently leave the cut-down sweep at full size. */
static char *replaced(char *text, const char *from, const char *to) {
    char *at = strstr(text, from);
    if (!at || strstr(at + 1, from))
        fail_msg("%s: '%s' is not in it once", WORKED, from);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    free(text);
    return out;
}

static int run(const char *command) {
    int status = system(command);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The worked example, small, swept into DIR/worked.sqlite. */
static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mishi-batch-docs-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    char *text = read_all(WORKED);
    if (!text) return -1;
    text = replaced(text, "scenario: ../scenarios/",
                    "scenario: " MISHI_SOURCE_DIR "/scenarios/");
    text = replaced(text, "consumers.count: 20000", "consumers.count: 1000");
    text = replaced(text, "\nreplicates: 5", "\nreplicates: 1");
    FILE *f = fopen(path_in(dir, "worked.yaml"), "w");
    if (!f) return -1;
    fputs(text, f);
    fclose(f);
    free(text);
    char command[1024];
    snprintf(command, sizeof command, "cd '%s' && '%s' sweep worked.yaml --db "
             "worked.sqlite --quiet", dir, MISHI_CLI);
    return run(command);
}

static int teardown(void **state) {
    (void)state;
    remove_tree(dir);
    return 0;
}

/* The code of docs/batch.md's NAME block, between its markers (to free). */
static char *snippet(const char *name) {
    char begin[64], end[64];
    snprintf(begin, sizeof begin, "<!-- %s:begin -->\n", name);
    snprintf(end, sizeof end, "<!-- %s:end -->", name);
    char *text = read_all(BATCH_MD);
    assert_non_null(text);
    char *from = strstr(text, begin), *to = from ? strstr(from, end) : NULL;
    if (!to) fail_msg("%s: no '%s' ... '%s' block", BATCH_MD, begin, end);
    from += strlen(begin);
    memmove(text, from, (size_t)(to - from));
    text[to - from] = '\0';
    return text;
}

/* Run one query of the snippets: it must prepare and give rows. */
static void query_gives_rows(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: the query %s fails on the worked example's database: %s",
                 BATCH_MD, sql, sqlite3_errmsg(db));
    int rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) rows++;
    sqlite3_finalize(q);
    if (rows == 0) fail_msg("%s: the query %s gives no rows", BATCH_MD, sql);
}

/* Every string of `code` that starts with SELECT, run; how many. A string
 * is quoted with ' or " and holds no quote of its own kind. */
static int run_queries(sqlite3 *db, const char *code) {
    int count = 0;
    for (const char *c = code; (c = strstr(c, "SELECT")); c++) {
        char quote = c > code ? c[-1] : '\0';
        if (quote != '\'' && quote != '"') continue;
        const char *close = strchr(c, quote);
        assert_non_null(close);
        char sql[1024];
        snprintf(sql, sizeof sql, "%.*s", (int)(close - c), c);
        query_gives_rows(db, sql);
        count++;
    }
    return count;
}

static void the_snippets_queries_run(void **state) {
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path_in(dir, "worked.sqlite"), &db,
                                     SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char *python = snippet("load-python"), *r = snippet("load-r");
    assert_int_equal(run_queries(db, python), 2);
    assert_int_equal(run_queries(db, r), 1);
    free(python), free(r);
    sqlite3_close(db);
}

/* NAME's snippet run by `interpreter` in DIR, where DOC_DB is the small
 * sweep's database; skipped when `check` says a package is missing. */
static void snippet_runs(const char *name, const char *file,
                         const char *check, const char *interpreter,
                         const char *needs) {
    if (run(check) != 0) {
        print_message("no %s here: the %s snippet is not run\n", needs, name);
        skip();
    }
    char *code = snippet(name);
    /* the fenced block's lines, without the fences */
    char *from = strchr(code, '\n') + 1, *to = strstr(from, "```");
    assert_non_null(to);
    char command[1024];
    snprintf(command, sizeof command, "mkdir -p '%s/out' && cp '%s/worked.sqlite'"
             " '%s/" DOC_DB "'", dir, dir, dir);
    assert_int_equal(run(command), 0);
    FILE *f = fopen(path_in(dir, file), "w");
    assert_non_null(f);
    fprintf(f, "%.*s", (int)(to - from), from);
    fclose(f);
    snprintf(command, sizeof command, "cd '%s' && %s %s >/dev/null", dir,
             interpreter, file);
    if (run(command) != 0) fail_msg("%s: the %s snippet fails", BATCH_MD, name);
    free(code);
}

static void the_python_snippet_runs(void **state) {
    (void)state;
    snippet_runs("load-python", "load.py",
                 "/usr/bin/python3 -c 'import pandas' 2>/dev/null",
                 "/usr/bin/python3",
                 "pandas (Debian: python3-pandas)");
}

static void the_r_snippet_runs(void **state) {
    (void)state;
    snippet_runs("load-r", "load.R",
                 "Rscript -e 'library(DBI); library(RSQLite)' >/dev/null 2>&1",
                 "Rscript", "R with DBI and RSQLite (Debian: r-base-core, "
                 "r-cran-dbi, r-cran-rsqlite)");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_snippets_queries_run),
        cmocka_unit_test(the_python_snippet_runs),
        cmocka_unit_test(the_r_snippet_runs),
    };
    return cmocka_run_group_tests_name("batch docs", tests, setup, teardown);
}
