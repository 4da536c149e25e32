/*
 * messages.c — how the program tells the user what went wrong.
 *
 * Every message goes to stderr as "mishi: ...", so output on stdout stays
 * clean for a pipe; the function that prints it returns the exit status,
 * so a failure reads `return cli_usage_error(...)`.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mishi_batch.h"

/* A bad command line is every rank's of an MPI job (mpirun gives them all
 * the same words): rank 0 alone says so, not once per rank. The others
 * wait before they exit, as mpirun ends the whole job when one rank exits
 * with an error and could cut rank 0 off before it spoke. */
static int said_by_rank_0(int status) {
    if (status != CLI_EXIT_USAGE || mishi_batch_launched_rank() == 0) return 0;
    sleep(2);
    return 1;
}

int cli_fail(int status, const char *fmt, ...) {
    if (said_by_rank_0(status)) return status;
    /* one write, so that nothing (mpirun's own words) lands inside it */
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof line) {
        fprintf(stderr, "mishi: %s\n", line);
        return status;
    }
    va_start(ap, fmt); /* too long for the line: in pieces */
    fputs("mishi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    va_end(ap);
    return status;
}

/* The library's message already names the file, line and key at fault. */
int cli_run_error(const mishi_error *err) {
    return cli_fail(CLI_EXIT_RUN, "%s", err->message);
}

char *cli_join_all(const char *const *names, size_t count) {
    size_t size = 1;
    for (size_t k = 0; k < count; k++) size += strlen(names[k]) + 2;
    char *list = malloc(size), *at = list;
    for (size_t k = 0; list && k < count; k++)
        at += sprintf(at, "%s%s", k ? ", " : "", names[k]);
    if (list) *at = '\0';
    return list;
}

int cli_not_among(const char *said, const char *name,
                  const char *const *names, size_t count, const char *label) {
    char *list = cli_join_all(names, count);
    if (!list) return cli_run_failure("out of memory");
    const char *meant = mishi_nearest_name(name, names, count);
    int rc = meant ? cli_usage_error("%s; did you mean '%s'? (%s: %s)", said,
                                     meant, label, list)
                   : cli_usage_error("%s (%s: %s)", said, label, list);
    free(list);
    return rc;
}

void cli_join(const char *const *names, size_t count, char *buf, size_t n) {
    buf[0] = '\0';
    for (size_t k = 0; k < count; k++)
        mishi_text_append(buf, n, "%s%s", k ? ", " : "", names[k]);
}
