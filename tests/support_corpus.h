/*
 * support_corpus.h — the corpora of broken files (tests/bad/ for scenarios,
 * tests/bad-sweeps/ for sweeps): each file starts with comment lines
 * "# expect: TEXT", every one of which the loader's message must contain.
 */
#ifndef MISHI_TEST_SUPPORT_CORPUS_H
#define MISHI_TEST_SUPPORT_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define EXPECT "# expect: "

static inline int is_yaml(const char *name) {
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Every "# expect: " line of the leading comments must be in `message`.
 * Returns the number of problems, printing each, so that one run reports
 * every file that is off. */
static inline int check_expectations(const char *path, const char *name,
                                     const char *message) {
    FILE *f = fopen(path, "r");
    if (!f) {
        print_error("%s: cannot reopen\n", name);
        return 1;
    }
    char *line = NULL;
    size_t capacity = 0;
    int expects = 0, problems = 0;
    while (getline(&line, &capacity, f) > 0 && line[0] == '#') {
        if (strncmp(line, EXPECT, strlen(EXPECT)) != 0) continue;
        char *want = line + strlen(EXPECT);
        want[strcspn(want, "\r\n")] = '\0';
        expects++;
        if (!*want || !strstr(message, want)) {
            print_error("%s: message lacks \"%s\":\n    %s\n", name, want, message);
            problems++;
        }
    }
    free(line);
    fclose(f);
    if (!expects) print_error("%s: no '" EXPECT "' line at the top\n", name);
    return problems + !expects;
}

#endif
