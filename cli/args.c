/*
 * args.c — one parser for every command, driven by the command's row.
 *
 * A word that starts with '-' (and is more than "-") is a flag, written
 * "--flag value" or "--flag=value"; any other word is a positional
 * argument. The value of a flag is taken as it stands, even when it starts
 * with '-', so "--seed -3" reaches the schema's check and is refused there
 * with the schema's message. A flag given twice keeps the last value,
 * except where its setter collects (--set, --case).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "cli.h"
#include "mishi_files.h"

/* A command has a handful of flags; this bounds the list of names a hint
 * is chosen from. */
#define MAX_FLAGS 32

static const cli_flag *find_flag(const cli_command *self, const char *name,
                                 size_t length) {
    for (size_t k = 0; k < self->flag_count; k++) {
        const cli_flag *f = &self->flags[k];
        if (strlen(f->name) == length && strncmp(f->name, name, length) == 0)
            return f;
    }
    return NULL;
}

/* The scenario parameter a flag's name is, for a command that takes
 * --set: its whole path ("--seed" aside, a flag of its own) or the last
 * part of exactly one path ("--weeks", "--transient_share"). NULL if
 * none or several. */
static const char *parameter_named(const cli_command *self, const char *name) {
    if (!find_flag(self, "--set", strlen("--set"))) return NULL;
    const char *key = name + strspn(name, "-"), *found = NULL;
    int matches = 0;
    const mishi_param_info *p;
    for (size_t k = 0; (p = mishi_param_at(k)); k++) {
        const char *last = strrchr(p->path, '.');
        if (strcmp(p->path, key) == 0) return p->path;
        if (last && strcmp(last + 1, key) == 0) found = p->path, matches++;
    }
    return matches == 1 ? found : NULL;
}

/* The hint when the flag names a scenario parameter (--set it) or one flag
 * is close, and always the command's flags: a flag another command has
 * (summarize's --plot given to sensitivity) is seldom close to any of
 * this one's. */
static int unknown_flag(const cli_command *self, const char *arg,
                        size_t length) {
    const char *names[MAX_FLAGS];
    size_t count = 0;
    for (size_t k = 0; k < self->flag_count && count < MAX_FLAGS; k++)
        names[count++] = self->flags[k].name;
    char name[64], list[1024], hint[160] = "";
    snprintf(name, sizeof name, "%.*s", (int)length, arg);
    const char *parameter = parameter_named(self, name);
    const char *near = mishi_nearest_name(name, names, count);
    if (parameter) {
        /* "firms[].price" is set per class: "firms.NAME.price" */
        const char *per = strstr(parameter, "[]");
        int head = per ? (int)(per - parameter) : (int)strlen(parameter);
        snprintf(hint, sizeof hint, "; a scenario parameter is set with '--set %.*s%s%s=VALUE'",
                 head, parameter, per ? ".NAME" : "", per ? per + 2 : "");
    }
    else if (near) snprintf(hint, sizeof hint, "; did you mean '%s'?", near);
    cli_join(names, count, list, sizeof list);
    return cli_usage_error("%s: unknown flag '%s'%s (%s%s; see 'mishi help')",
                           self->name, name, hint,
                           count ? "its flags: " : "it takes no flags",
                           count ? list : "");
}

/* The flag at argv[*i] and its value, which may be the next word. */
static int parse_flag(const cli_command *self, int argc, char **argv, int *i,
                      void *options) {
    const char *arg = argv[*i];
    size_t length = strcspn(arg, "=");
    const cli_flag *f = find_flag(self, arg, length);
    if (!f) return unknown_flag(self, arg, length);
    const char *value = NULL;
    if (!f->value) {
        if (arg[length] == '=')
            return cli_usage_error("%s: takes no value, got '%s'", f->name,
                                   arg + length + 1);
    } else if (arg[length] == '=') value = arg + length + 1;
    else if (*i + 1 < argc) value = argv[++*i];
    else return cli_usage_error("%s: expected %s after it", f->name, f->value);
    return f->set(f, options, value);
}

static int parse_positional(const cli_command *self, const char *arg,
                            void *options) {
    if (!self->take)
        return cli_usage_error("%s: unexpected argument '%s'", self->name, arg);
    return self->take(self, options, arg);
}

int cli_parse(const cli_command *self, int argc, char **argv, void *options) {
    int rc = 0;
    for (size_t k = 0; k < self->flag_count && !rc; k++) {
        const cli_flag *f = &self->flags[k];
        if (f->fallback) rc = f->set(f, options, f->fallback);
    }
    for (int i = 0; i < argc && !rc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            rc = parse_flag(self, argc, argv, &i, options);
        else rc = parse_positional(self, argv[i], options);
    }
    return rc;
}

int cli_take_one(const cli_command *self, const char **slot, const char *what,
                 const char *argument) {
    if (*slot)
        return cli_usage_error("%s: unexpected argument '%s' (one %s at a "
                               "time)", self->name, argument, what);
    *slot = argument;
    return 0;
}

/* -------------------------------------------------------------- setters */

/* The option a row writes: each setter knows the field's type. */
static void *field_of(const cli_flag *flag, void *options) {
    return (char *)options + flag->field;
}

int cli_set_switch(const cli_flag *flag, void *options, const char *value) {
    (void)value;
    *(int *)field_of(flag, options) = 1;
    return 0;
}

int cli_set_text(const cli_flag *flag, void *options, const char *value) {
    *(const char **)field_of(flag, options) = value;
    return 0;
}

/* A name no file system takes (ENAMETOOLONG) is refused before any
 * use: copied into a buffer of PATH_MAX it was cut short unnoticed
 * (experiment --out made and wrote a folder other than the one named). */
static int too_long(const cli_flag *flag, const char *value) {
    size_t n = strlen(value);
    if (n < PATH_MAX) return 0;
    return cli_usage_error("%s: expected a name of at most %d characters, got "
                           "one of %zu", flag->name, PATH_MAX - 1, n);
}

/* An empty name, or a file's, would reach the file system and fail
 * there, far from its cause (validate --out found it only when every case
 * had run): it is a bad command line. */
int cli_set_folder(const cli_flag *flag, void *options, const char *value) {
    struct stat st;
    if (!*value)
        return cli_usage_error("%s: expected a folder, got ''", flag->name);
    if (stat(value, &st) == 0 && !S_ISDIR(st.st_mode))
        return cli_usage_error("%s: expected a folder, got '%s', a file",
                               flag->name, value);
    int rc = too_long(flag, value);
    return rc ? rc : cli_set_text(flag, options, value);
}

/* Likewise a file to write: not empty, and not a folder, which would be
 * found only at the rename, with a message naming neither flag nor cause;
 * nor a device or pipe, which the staged file was renamed over (as root,
 * --csv /dev/null left /dev/null a regular file). */
int cli_set_file(const cli_flag *flag, void *options, const char *value) {
    struct stat st;
    size_t n = strlen(value);
    int found = n && stat(value, &st) == 0;
    if (!n || value[n - 1] == '/' || (found && S_ISDIR(st.st_mode)))
        return cli_usage_error("%s: expected a file's name, got '%s'%s", flag->name,
                               value, n ? ", a folder" : "");
    if (found && !S_ISREG(st.st_mode))
        return cli_usage_error("%s: expected a file's name, got '%s', a device "
                               "or pipe, which the file would replace",
                               flag->name, value);
    int rc = too_long(flag, value);
    return rc ? rc : cli_set_text(flag, options, value);
}

int cli_set_threads(const cli_flag *flag, void *options, const char *value) {
    long long threads = 0;
    int rc = cli_parse_whole(flag->name, value, 1, CLI_MAX_THREADS, &threads);
    if (!rc) *(int *)field_of(flag, options) = (int)threads;
    return rc;
}

/* --------------------------------------------------------------- values */

int cli_parse_whole(const char *flag, const char *text, double lo, double hi,
                    long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    /* strtoll would skip a leading space or '+'; the schema's numbers do not */
    int plain = (text[0] >= '0' && text[0] <= '9') || text[0] == '-';
    if (!plain || end == text || *end != '\0' || errno == ERANGE || (double)v < lo ||
        (double)v > hi)
        return cli_usage_error("%s: expected a whole number from %.0f to %.0f, "
                               "got '%s'", flag, lo, hi, text);
    *out = v;
    return 0;
}

int cli_scenario_set(mishi_scenario *sc, const char *flag, const char *path,
                     const char *value) {
    size_t n = strlen(path) + strlen(value) + 2;
    char *assignment = malloc(n);
    if (!assignment) return cli_run_failure("out of memory");
    snprintf(assignment, n, "%s=%s", path, value);
    mishi_error err = {0};
    mishi_status rc = mishi_scenario_set(sc, assignment, &err);
    free(assignment);
    if (rc != MISHI_OK) return cli_usage_error("%s: %s", flag, err.message);
    return 0;
}

#ifndef MISHI_SOURCE_DIR
#error "CMake defines MISHI_SOURCE_DIR, where shipped files are looked for last"
#endif

mishi_status cli_find_shipped(const char *relative, char *path, size_t n,
                              mishi_error *err) {
    snprintf(path, n, "%s", relative);
    if (access(path, F_OK) == 0) return MISHI_OK;
    snprintf(path, n, "%s/%s", MISHI_SOURCE_DIR, relative);
    if (access(path, F_OK) == 0) return MISHI_OK;
    return mishi_error_set(err, MISHI_EIO, "no %s here or in %s", relative,
                           MISHI_SOURCE_DIR);
}

int cli_shipped_file(const char *relative, char *path, size_t n) {
    mishi_error err = {0};
    return cli_find_shipped(relative, path, n, &err) ? cli_run_error(&err) : 0;
}

static int is_safe_in_file_name(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

char *cli_default_out(const char *name, const char *suffix) {
    if (!name || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        name = "unnamed";
    size_t n = strlen(name) + strlen(suffix) + 5;
    char *path = malloc(n);
    if (!path) return NULL;
    snprintf(path, n, "out/%s%s", name, suffix);
    for (char *c = path + 4, *end = c + strlen(name); c < end; c++)
        if (!is_safe_in_file_name(*c)) *c = '_';
    return path;
}

void cli_path_parts(const char *path, const char *extension, char *folder,
                    size_t folder_size, char *stem, size_t stem_size) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (folder && !slash) snprintf(folder, folder_size, ".");
    else if (folder && slash == path) snprintf(folder, folder_size, "/");
    else if (folder) snprintf(folder, folder_size, "%.*s", (int)(slash - path), path);
    size_t length = strlen(base), cut = strlen(extension);
    if (length > cut && strcmp(base + length - cut, extension) == 0) length -= cut;
    if (stem) snprintf(stem, stem_size, "%.*s", (int)length, base);
}

int cli_make_parent(const char *path) {
    char folder[4096];
    mishi_error err = {0};
    cli_path_parts(path, "", folder, sizeof folder, NULL, 0);
    return mishi_make_dirs(folder, NULL, &err) ? cli_run_error(&err) : 0;
}

int cli_write_csv(const char *path, cli_csv_rows rows, const void *context) {
    int made = cli_make_parent(path); /* as --out makes its folder */
    if (made) return made;
    mishi_staged_file file = {0};
    mishi_error err = {0};
    mishi_status rc = mishi_staged_open_path(&file, path, &err);
    if (!rc) {
        rows(file.f, context);
        rc = mishi_staged_finish(&file, &err);
    }
    if (!rc) rc = mishi_staged_rename(&file, &err);
    mishi_staged_discard(&file);
    return rc ? cli_run_error(&err) : 0;
}

int cli_threads_used(int requested) {
#ifdef _OPENMP
    if (requested == 0) return omp_get_max_threads();
#endif
    return requested;
}
