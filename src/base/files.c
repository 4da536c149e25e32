/*
 * files.c — staged output files, the output folder, and CSV and gnuplot
 * cells, shared by output.c and validation_output.c (files.h says why a
 * file is staged).
 */
#include "mishi_files.h"

#include "real_text.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>


static mishi_status io_error(mishi_error *err, const char *what,
                             const char *path, int errnum) {
    return mishi_error_set(err, MISHI_EIO, "cannot %s '%s': %s", what, path,
                           strerror(errnum ? errnum : EIO));
}

static char *join_path(const char *dir, const char *name, const char *ext) {
    size_t n = strlen(dir) + strlen(name) + strlen(ext) + 2;
    char *path = malloc(n);
    if (path) snprintf(path, n, "%s/%s%s", dir, name, ext);
    return path;
}

/* ---------------------------------------------------------- staged files */

/* The temporaries being written, and the folders made for them, for
 * mishi_staged_remove_temporaries: a signal handler reads them, so each
 * slot is an atomic pointer, set and cleared without a lock. A run writes
 * a handful at a time; one that finds no free slot is simply not removed
 * on a signal. A folder's slot also holds how many levels were made for
 * it: 0 while the slot is being filled or emptied, so that a handler
 * never takes one path's count for another's. */
enum { TEMPORARIES_MAX = 64, FOLDERS_MAX = 8 };
static _Atomic(const char *) temporaries[TEMPORARIES_MAX];
static _Atomic(const char *) folders[FOLDERS_MAX];
static _Atomic int folder_levels[FOLDERS_MAX];

/* The slot `path` now fills, or -1 if none was free. */
static int watch_in(_Atomic(const char *) *slots, int n, const char *path) {
    for (int k = 0; k < n; k++) {
        const char *free_slot = NULL;
        if (atomic_compare_exchange_strong(&slots[k], &free_slot, path)) return k;
    }
    return -1;
}

static void unwatch_in(_Atomic(const char *) *slots, int n, const char *path) {
    for (int k = 0; k < n; k++) {
        const char *listed = path;
        if (atomic_compare_exchange_strong(&slots[k], &listed, NULL)) return;
    }
}

void mishi_staged_watch(const char *path) { watch_in(temporaries, TEMPORARIES_MAX, path); }
void mishi_staged_unwatch(const char *path) {
    unwatch_in(temporaries, TEMPORARIES_MAX, path);
}

void mishi_staged_watch_folder(const char *path, int made) {
    int k = watch_in(folders, FOLDERS_MAX, path);
    if (k >= 0) atomic_store(&folder_levels[k], made);
}

void mishi_staged_unwatch_folder(const char *path) {
    for (int k = 0; k < FOLDERS_MAX; k++) {
        if (atomic_load(&folders[k]) != path) continue;
        atomic_store(&folder_levels[k], 0);
        atomic_store(&folders[k], NULL);
        return;
    }
}

void mishi_staged_remove_temporaries(void) {
    for (int k = 0; k < TEMPORARIES_MAX; k++) {
        const char *path = atomic_load(&temporaries[k]);
        if (path) unlink(path);
    }
    for (int k = 0; k < FOLDERS_MAX; k++) { /* rmdir removes only an empty one */
        const char *path = atomic_load(&folders[k]);
        if (path) mishi_remove_made_dirs(path, atomic_load(&folder_levels[k]));
    }
}

/* The writes a signal must not cut in two, and the signal that came
 * during one. The handler stores the signal before it looks at the
 * holders, and the last holder lets go before it takes the signal, so
 * one of the two always acts on it: at worst both do, and the second
 * finds the process already dying. A handler that acts closes the gate
 * (holders CLOSED): the process is ending, and a write another thread
 * would start now would be cut in two, so that thread waits for the end
 * instead of starting it. */
enum { CLOSED = -1 };
static atomic_int holders;
static atomic_int held_signal;

void mishi_hold_signals(void) {
    int n = atomic_load(&holders);
    for (;;) {
        if (n == CLOSED)
            for (;;) pause(); /* until the handler ends the process */
        if (atomic_compare_exchange_weak(&holders, &n, n + 1)) return;
    }
}

void mishi_release_signals(void) {
    if (atomic_fetch_sub(&holders, 1) != 1) return;
    int sig = atomic_exchange(&held_signal, 0);
    if (sig) raise(sig);
}

int mishi_signal_held(int sig) {
    atomic_store(&held_signal, sig);
    int none = 0;
    if (atomic_compare_exchange_strong(&holders, &none, CLOSED)) {
        atomic_store(&held_signal, 0); /* the handler acts on it now */
        return 0;
    }
    return 1; /* a write holds it; or the gate is closed, another handler acting */
}

/* ---------------------------------------------------- one writer a folder */

/* flock(2) on the folder itself, so that no lock file is left in it and
 * the kernel drops the lock when the process dies. A file system that
 * cannot lock a folder (NFS emulates flock with locks that need a file
 * open for writing) is written unlocked, as before: the lock only guards
 * against a second writer, which only a lock held elsewhere proves. */
mishi_status mishi_folder_lock(const char *dir, int *fd, mishi_error *err) {
    *fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*fd < 0 || flock(*fd, LOCK_EX | LOCK_NB) == 0) return MISHI_OK;
    int busy = errno == EWOULDBLOCK;
    close(*fd);
    *fd = -1;
    if (!busy) return MISHI_OK;
    return mishi_error_set(err, MISHI_EIO, "'%s' is being written by another "
                           "mishi run: wait for it to end, or write this "
                           "run to another folder", dir);
}

void mishi_folder_unlock(int *fd) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* Both paths are set: create the temporary. */
static mishi_status staged_create(mishi_staged_file *s, mishi_error *err) {
    if (!s->tmp_path || !s->final_path)
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    s->f = fopen(s->tmp_path, "w");
    if (!s->f) /* the path the user gave, then the temporary tried */
        return mishi_error_set(err, MISHI_EIO, "cannot write '%s' (opening '%s': %s)",
                               s->final_path, s->tmp_path, strerror(errno ? errno : EIO));
    s->state = MISHI_STAGED_TEMPORARY;
    mishi_staged_watch(s->tmp_path);
    return MISHI_OK;
}

mishi_status mishi_staged_open(mishi_staged_file *s, const char *dir,
                               const char *name, mishi_error *err) {
    s->tmp_path = join_path(dir, name, ".tmp");
    s->final_path = join_path(dir, name, "");
    return staged_create(s, err);
}

mishi_status mishi_staged_open_path(mishi_staged_file *s, const char *path,
                                    mishi_error *err) {
    size_t n = strlen(path) + 5;
    s->final_path = strdup(path);
    if ((s->tmp_path = malloc(n))) snprintf(s->tmp_path, n, "%s.tmp", path);
    return staged_create(s, err);
}

mishi_status mishi_staged_check(const mishi_staged_file *s, mishi_error *err) {
    if (ferror(s->f)) return io_error(err, "write", s->tmp_path, errno);
    return MISHI_OK;
}

mishi_status mishi_staged_finish(mishi_staged_file *s, mishi_error *err) {
    int failed = fflush(s->f) != 0 || ferror(s->f) || fsync(fileno(s->f)) != 0;
    int errnum = errno;
    if (fclose(s->f) != 0 && !failed) failed = 1, errnum = errno;
    s->f = NULL;
    return failed ? io_error(err, "write", s->tmp_path, errnum) : MISHI_OK;
}

static mishi_status staged_ready(const mishi_staged_file *s, mishi_error *err) {
    struct stat st;
    if (stat(s->final_path, &st) == 0 && S_ISDIR(st.st_mode))
        return mishi_error_set(err, MISHI_EIO, "'%s' is a folder, where this "
                               "writes a file: move it away, or write "
                               "elsewhere; nothing was replaced", s->final_path);
    return MISHI_OK;
}

mishi_status mishi_staged_rename(mishi_staged_file *s, mishi_error *err) {
    if (rename(s->tmp_path, s->final_path) != 0)
        return mishi_error_set(err, MISHI_EIO, "cannot rename '%s' to '%s': %s",
                               s->tmp_path, s->final_path, strerror(errno));
    mishi_staged_unwatch(s->tmp_path);
    s->state = MISHI_STAGED_FINAL;
    return MISHI_OK;
}

mishi_status mishi_staged_commit(const char *dir, mishi_staged_file *files,
                                 size_t n, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    for (size_t i = 0; !rc && i < n; i++) rc = mishi_staged_finish(&files[i], err);
    for (size_t i = 0; !rc && i < n; i++) rc = staged_ready(&files[i], err);
    for (size_t i = 0; !rc && i < n; i++) rc = mishi_staged_rename(&files[i], err);
    if (!rc) mishi_sync_dir(dir);
    return rc;
}

void mishi_staged_discard(mishi_staged_file *s) {
    if (s->f) fclose(s->f);
    if (s->state == MISHI_STAGED_TEMPORARY) {
        mishi_staged_unwatch(s->tmp_path);
        remove(s->tmp_path);
    }
    free(s->tmp_path);
    free(s->final_path);
    *s = (mishi_staged_file){0};
}

/* ---------------------------------------------------------------- folder */

/* A folder's path is read as its levels, each part between slashes that
 * names a folder of its own, from the top: "out//a/./b/" has three, "out",
 * "out//a" and "out//a/./b" (a leading '/' is the root, never made). Both
 * making and removing walk the same levels, so that what one counts the
 * other finds. */

/* Whether the part of `path` that ends at `end` (at a '/' or the end)
 * is a level: not "" (as in "//" or after a trailing '/') nor ".", the
 * folder it is in again. */
static int ends_a_level(const char *path, size_t end) {
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') start--;
    return end > start && !(end - start == 1 && path[start] == '.');
}

/* The end of the level above the one that ends at `end`; 0 if none. */
static size_t level_above(const char *path, size_t end) {
    while (end > 0) {
        do end--; while (end > 0 && path[end] != '/');
        if (end > 0 && ends_a_level(path, end)) return end;
    }
    return 0;
}

static size_t deepest_level(const char *path) {
    size_t end = strlen(path);
    return ends_a_level(path, end) ? end : level_above(path, end);
}

void mishi_remove_made_dirs(const char *dir, int made) {
    char level[4096]; /* PATH_MAX, past which mkdir makes none; not malloc'ed,
                         for a signal handler calls this */
    for (size_t end = deepest_level(dir); made > 0 && end > 0 && end < sizeof level;
         made--, end = level_above(dir, end)) {
        memcpy(level, dir, end);
        level[end] = '\0';
        /* a folder not empty holds one, and so do the folders above it */
        if (rmdir(level) != 0 && errno != ENOENT) return;
    }
}

/* mkdir, content if the folder is already there: 1 made, 0 there, -1
 * failed (errno says why). */
static int make_one_dir(const char *path) {
    if (mkdir(path, 0777) == 0) return 1;
    return errno == EEXIST ? 0 : -1;
}

/* Each level of `path` (written on, then restored) from the top; into
 * *made how many at the bottom were made, and into *deepest where the
 * last made ends. A level there already after one made ends the count
 * (only ".." climbing back out meets one): a folder that was there is
 * never counted, so never removed. 0, or -1 at the level that failed. */
static int make_levels(char *path, int *made, size_t *deepest) {
    for (size_t end = 1, length = strlen(path); end <= length; end++) {
        if ((path[end] != '/' && path[end] != '\0') || !ends_a_level(path, end))
            continue;
        char kept = path[end];
        path[end] = '\0';
        int rc = make_one_dir(path);
        path[end] = kept;
        if (rc < 0) return -1;
        *made = rc ? *made + 1 : 0;
        if (rc) *deepest = end;
    }
    return 0;
}

mishi_status mishi_make_dirs(const char *dir, int *made, mishi_error *err) {
    char *path = strdup(dir);
    if (!path) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    int count = 0;
    size_t deepest = 0;
    int rc = make_levels(path, &count, &deepest);
    struct stat st;
    if (rc == 0 && stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
        errno = ENOTDIR, rc = -1;
    int errnum = errno;
    if (rc) { /* what was made for a folder that could not be is no use */
        path[deepest] = '\0';
        mishi_remove_made_dirs(path, count);
        count = 0;
    }
    free(path);
    if (made) *made = count;
    return rc ? io_error(err, "create the output folder", dir, errnum)
              : MISHI_OK;
}

void mishi_sync_dir(const char *dir) {
    int fd = open(dir, O_RDONLY);
    if (fd < 0) return;
    (void)fsync(fd);
    close(fd);
}

/* ----------------------------------------------------------------- cells */

void mishi_csv_text(FILE *f, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static int reads_as_missing(const char *s) {
    static const char *const missing[] = {
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
        "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None",
        "n/a", "nan", "null"};
    for (size_t k = 0; k < sizeof missing / sizeof missing[0]; k++)
        if (strcmp(s, missing[k]) == 0) return 1;
    return 0;
}

static int reads_as_number(const char *s) {
    char *end;
    (void)strtod(s, &end);
    if (end == s) return 0;
    while (*end == ' ' || *end == '\t') end++; /* read around a number too */
    return *end == '\0';
}

static int reads_as_boolean(const char *s) {
    return strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0 ||
           strcmp(s, "T") == 0 || strcmp(s, "F") == 0;
}

const char *mishi_csv_misread(const char *s) {
    if (!*s || reads_as_missing(s)) return "a missing value";
    if (reads_as_number(s)) return "a number";
    if (reads_as_boolean(s)) return "true or false";
    return NULL;
}

void mishi_csv_real(FILE *f, double v) {
    char text[REAL_TEXT_MAX];
    fwrite(text, 1, (size_t)real_text_csv(v, text), f);
}

/* The length of the well-formed UTF-8 sequence at s (1 to 4), or 0 when
 * the bytes there are not one (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
static int utf8_length(const unsigned char *s) {
    int n = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
          : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    for (int k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F)))
        return 0;
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F)))
        return 0;
    return n;
}

void mishi_json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *c = (const unsigned char *)s; *c;) {
        int n = utf8_length(c);
        if (*c == '"' || *c == '\\') fprintf(f, "\\%c", *c);
        else if (*c < 0x20) fprintf(f, "\\u%04x", *c);
        else if (n) fwrite(c, 1, (size_t)n, f);
        else fputs("\\ufffd", f); /* not UTF-8 (a file name may be any bytes) */
        c += n ? n : 1;
    }
    fputc('"', f);
}

void mishi_gnuplot_string(FILE *f, const char *s) {
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('\'', f);
}

void mishi_gnuplot_real(FILE *f, double v) {
    if (isfinite(v)) fprintf(f, "%.6g", v);
    else fputs("NaN", f);
}

void mishi_gnuplot_say_instead(FILE *f, const char *indent, const char *why,
                               double low, double high) {
    fprintf(f, "%sset label 1 ", indent);
    mishi_gnuplot_string(f, why);
    fprintf(f, " at graph 0.5, 0.5 center\n%splot [%.6g:%.6g][0:1] -1 notitle\n"
               "%sunset label 1\n", indent, low, high, indent);
}

void mishi_gnuplot_colours(FILE *f) {
    fputs("set linetype 5 lc rgb \"#8c564b\"\n", f);
}
