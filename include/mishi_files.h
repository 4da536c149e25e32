/*
 * mishi_files.h — writing tidy files the way mishi does: files staged under
 * a temporary name, the output folder, and the cell formats of CSV, JSON
 * and gnuplot. Part of libmishi and public, so that the clients built on it
 * (the validation library, the command-line program, a user's own driver)
 * write files with the same guarantees as a run's output (src/io/output.c).
 *
 * A staged file is written as "<dir>/<name>.tmp" and renamed to
 * "<dir>/<name>" only when complete (flushed, fsync'ed, closed), so a
 * failed writer never leaves a half-written file under a final name.
 * Finishing and renaming are separate steps so that a writer of several
 * files can finish them all before it renames any. Every failure names the
 * file at fault.
 */
#ifndef MISHI_FILES_H
#define MISHI_FILES_H

#include <stdio.h>

#include "mishi.h"

typedef enum {
    MISHI_STAGED_NONE,
    MISHI_STAGED_TEMPORARY,
    MISHI_STAGED_FINAL
} mishi_staged_state;

/* Zero-initialise before mishi_staged_open; mishi_staged_discard releases it. */
typedef struct mishi_staged_file {
    char *tmp_path, *final_path;
    FILE *f; /* open between mishi_staged_open and mishi_staged_finish */
    mishi_staged_state state;
} mishi_staged_file;

/* Create (truncate) "<dir>/<name>.tmp" for writing. */
mishi_status mishi_staged_open(mishi_staged_file *s, const char *dir,
                               const char *name, mishi_error *err);
/* The same for a file named by its whole path: "<path>.tmp". */
mishi_status mishi_staged_open_path(mishi_staged_file *s, const char *path,
                                    mishi_error *err);
/* MISHI_EIO if a write to the temporary has failed so far. */
mishi_status mishi_staged_check(const mishi_staged_file *s, mishi_error *err);
/* Flush, fsync and close the temporary: after this its bytes are on disk. */
mishi_status mishi_staged_finish(mishi_staged_file *s, mishi_error *err);
/* Rename the finished temporary to its final name. */
mishi_status mishi_staged_rename(mishi_staged_file *s, mishi_error *err);
/* The `n` files of one output in folder `dir`, finished and renamed into
 * place as a set, then the folder synced. No file is renamed until every
 * one is finished and none of their final names is a folder (which rename
 * cannot replace), so that such a folder does not leave some of them new
 * beside others of an earlier run. */
mishi_status mishi_staged_commit(const char *dir, mishi_staged_file *files,
                                 size_t n, mishi_error *err);
/* Close the file, remove the temporary unless it was renamed, free the
 * paths and zero `s`; safe on a zeroed or already discarded one. */
void mishi_staged_discard(mishi_staged_file *s);
/* Remove every temporary still being written, in this process, from a
 * signal handler: async-signal-safe (atomic loads, unlink and rmdir). A run
 * killed by a signal then leaves no "<name>.tmp" beside its folder's
 * finished files; the files it had not finished are simply not there. */
void mishi_staged_remove_temporaries(void);
/* A write that a fatal signal must not cut in two: a results database's
 * commit, which also copies the run into the database file, so that the
 * file alone holds every finished run of a sweep stopped by Ctrl-C. A
 * handler first calls mishi_signal_held(sig): 1 says a write holds the
 * signal, and the handler returns at once; the write's
 * mishi_release_signals raises the signal again when it is done, and the
 * handler then acts on it. 0 says the handler acts now, and it must then
 * end the process: a hold asked for after that never returns, so that no
 * thread starts a write the ending would cut in two. Async-signal-safe
 * (atomics, pause and raise); holds from several threads nest. The
 * handler should be installed with SA_RESTART, since it may now return. */
void mishi_hold_signals(void);
void mishi_release_signals(void);
int mishi_signal_held(int sig);
/* Add `path` to, or take it from, the files mishi_staged_remove_temporaries
 * removes: a file another process writes for this one (gnuplot's
 * pictures), half-written should a signal end both. The string is kept,
 * not copied, until unwatched. */
void mishi_staged_watch(const char *path);
void mishi_staged_unwatch(const char *path);
/* The same for a folder and the parents mishi_make_dirs made for the
 * files (`made` of them), removed after them as mishi_remove_made_dirs
 * does: a run stopped before it wrote anything leaves no folder, nor the
 * parents made for it. */
void mishi_staged_watch_folder(const char *path, int made);
void mishi_staged_unwatch_folder(const char *path);

/* Lock folder `dir` (which must exist) for one writer: *fd is the lock,
 * -1 if none was taken. MISHI_EIO, naming the folder, if another process
 * holds it (two runs into one folder would write the same temporaries and
 * leave a mix of both runs' files); a folder that cannot be locked at all
 * is written without a lock. mishi_folder_unlock releases it (safe on -1);
 * the kernel releases it when the process dies. */
mishi_status mishi_folder_lock(const char *dir, int *fd, mishi_error *err);
void mishi_folder_unlock(int *fd);

/* mkdir -p: the folder and any missing parents. *made (unless NULL) is set
 * to how many folders were made now: the folder itself and the missing
 * parents above it, 0 if the folder was there. On failure none of them is
 * left and *made is 0. */
mishi_status mishi_make_dirs(const char *dir, int *made, mishi_error *err);
/* Undo mishi_make_dirs(dir, &made): remove the `made` folders it made,
 * deepest first, each only if empty (rmdir), so that a writer that failed
 * leaves the file system as it found it. Async-signal-safe. (A path that
 * climbs back out with ".." counts only the folders made below the last
 * folder that was there already.) */
void mishi_remove_made_dirs(const char *dir, int made);
/* Make renames in `dir` durable; best effort (some file systems refuse to
 * fsync a folder, and the files themselves are already on disk). */
void mishi_sync_dir(const char *dir);

/* A CSV cell of text, quoted only when it must be ("" for a quote). */
void mishi_csv_text(FILE *f, const char *s);
/* What pandas.read_csv or R's read.csv, with their defaults, read the
 * CSV cell `s` as when not as text: "a missing value" (pandas'
 * na_values, which hold R's NA), "a number" (what strtod reads whole:
 * 1e5, -1, inf, 0x1F, which R reads too) or "true or false" (pandas'
 * true/false in any case, R's T and F); NULL when it reads as text. A
 * name written in a text column (a class's in firms.csv, a variants
 * level's in summary.csv) must read as text: one that does not reads as
 * NaN, or turns the whole column into numbers or booleans. */
const char *mishi_csv_misread(const char *s);
/* A CSV cell of a real: "%.15g", NaN as NA and infinities as Inf/-Inf,
 * which pandas.read_csv and R's read.csv both read. Fifteen significant
 * digits are all a double is sure to carry through text (DBL_DIG) and
 * what R's write.csv gives. "%.17g", which reads back to the bit, made the
 * main job's firms.csv 77 % larger than "%.6g" did (54 MB against 30; 44
 * with 15 digits), and the shortest text that reads back (as a sweep's
 * values are written) took the main job from 2.6 s to 4.4, a strtod a
 * cell. A run's exact values are in a sweep's store. */
void mishi_csv_real(FILE *f, double v);
/* A JSON string: quotes and backslashes escaped, control characters as
 * \u00XX, and any byte that is not part of well-formed UTF-8 (a file
 * name may be any bytes) as \ufffd (summary.json, the scenario's
 * parameters). */
void mishi_json_string(FILE *f, const char *s);
/* The platform a run's last bits hang on, as a JSON object: the C
 * library, the compiler, the machine, the CPU features that pick glibc's
 * and the engine's code (fma, avx2) and GLIBC_TUNABLES if set; null where
 * unknown (src/base/platform.c). */
void mishi_platform_json(FILE *f);
/* The same object as a string to free, or NULL when out of memory: a
 * sweep's results database keeps it with each run. */
char *mishi_platform_text(void);
/* A gnuplot single-quoted string: '' stands for ', control characters
 * become spaces. */
void mishi_gnuplot_string(FILE *f, const char *s);
/* A number in a gnuplot datablock: "%.6g", or NaN for a missing or
 * infinite value (the scripts say `set datafile missing NaN`). */
void mishi_gnuplot_real(FILE *f, double v);
/* A panel with nothing to draw, saying why instead: `why` as label 1 in
 * its middle, over x from `low` to `high` and y from 0 to 1, each line
 * after `indent`. gnuplot refuses a plot of no points ("x range is
 * invalid") and one of key entries alone, so the panel plots a line out
 * of sight; a function has no rows to end an autoscaled axis by, so the
 * x range is given. Label 1 is unset after, so that the next panel of a
 * multiplot does not say it too. */
void mishi_gnuplot_say_instead(FILE *f, const char *indent, const char *why,
                               double low, double high);
/* The colours every mishi plot draws its lines in, as `set linetype`
 * lines at the top of its script (they hold for every terminal after):
 * gnuplot's own, but for its fifth, a pale yellow that hardly shows on
 * white, made brown. */
void mishi_gnuplot_colours(FILE *f);

#endif
