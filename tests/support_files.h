/*
 * support_files.h — file and folder helpers for the tests that check
 * written files (test_output, test_validation_output, test_cli).
 */
#ifndef MISHI_TEST_SUPPORT_FILES_H
#define MISHI_TEST_SUPPORT_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

static inline char *path_in(const char *dir, const char *name) {
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];
    int n = snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < sizeof buf[0]);
    return p;
}

static inline int file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* Remove a folder and everything in it. */
static inline void remove_tree(const char *folder) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s", folder);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        const char *p = path_in(dir, e->d_name);
        if (unlink(p) != 0) remove_tree(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Files in `dir` whose name ends in `suffix` (all files if suffix is ""). */
static inline int count_files(const char *dir, const char *suffix) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    size_t ls = strlen(suffix);
    while ((e = readdir(d)) != NULL) {
        size_t ln = strlen(e->d_name);
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (ln >= ls && strcmp(e->d_name + ln - ls, suffix) == 0) n++;
    }
    closedir(d);
    return n;
}

/* Size of a file in bytes, -1 if it does not exist. */
static inline long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static inline int count_lines(const char *text) {
    int n = 0;
    for (; *text; text++) n += *text == '\n';
    return n;
}

/* DIR/name read whole; the test fails if it was not written. */
static inline char *read_written(const char *dir, const char *name) {
    char *text = read_all(path_in(dir, name));
    if (!text) print_error("%s/%s was not written\n", dir, name);
    assert_non_null(text);
    return text;
}

static inline int gnuplot_installed(void) {
    return access("/usr/bin/gnuplot", X_OK) == 0;
}

/* Exit status of gnuplot run on `scripts` (space-separated) inside dir. */
static inline int gnuplot_in(const char *dir, const char *scripts) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && /usr/bin/gnuplot %s", dir, scripts);
    return system(cmd);
}

/* Run a shell command, its stderr with its stdout; its exit status, and
 * what it printed (to free; NULL `output` drops it). All of it is read,
 * so a command that prints much is neither cut short nor left blocked on
 * a full pipe. */
static inline int run_shell(const char *command, char **output) {
    size_t length = strlen(command) + sizeof " 2>&1";
    char *line = malloc(length);
    assert_non_null(line);
    snprintf(line, length, "%s 2>&1", command);
    FILE *p = popen(line, "r");
    free(line);
    assert_non_null(p);
    char *out = read_stream(p);
    assert_non_null(out);
    int status = pclose(p);
    if (output) *output = out;
    else free(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
