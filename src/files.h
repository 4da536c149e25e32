/*
 * files.h — what the writers of output files (output.c for a run and,
 * through schema.c, the parameters in its summary.json;
 * validation_output.c for `mishi validate`) share: files staged under a
 * temporary name, the output folder, and the cell formats of CSV and
 * gnuplot.
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

typedef enum { STAGED_NONE, STAGED_TEMPORARY, STAGED_FINAL } staged_state;

/* Zero-initialise before staged_open; staged_discard releases it. */
typedef struct staged_file {
    char *tmp_path, *final_path;
    FILE *f; /* open between staged_open and staged_finish */
    staged_state state;
} staged_file;

/* Create (truncate) "<dir>/<name>.tmp" for writing. */
mishi_status staged_open(staged_file *s, const char *dir, const char *name,
                         mishi_error *err);
/* MISHI_EIO if a write to the temporary has failed so far. */
mishi_status staged_check(const staged_file *s, mishi_error *err);
/* Flush, fsync and close the temporary: after this its bytes are on disk. */
mishi_status staged_finish(staged_file *s, mishi_error *err);
/* Rename the finished temporary to its final name. */
mishi_status staged_rename(staged_file *s, mishi_error *err);
/* Close the file, remove the temporary unless it was renamed, free the
 * paths and zero `s`; safe on a zeroed or already discarded one. */
void staged_discard(staged_file *s);

/* mkdir -p: the folder and any missing parents. *created is set to 1 if
 * the folder itself was made now (so a failed writer may remove it). */
mishi_status files_make_dirs(const char *dir, int *created, mishi_error *err);
/* Make renames in `dir` durable; best effort (some file systems refuse to
 * fsync a folder, and the files themselves are already on disk). */
void files_sync_dir(const char *dir);

/* A CSV cell of text, quoted only when it must be ("" for a quote). */
void files_csv_text(FILE *f, const char *s);
/* A CSV cell of a real: "%.6g", NaN as NA and infinities as Inf/-Inf,
 * which pandas.read_csv and R's read.csv both read. */
void files_csv_real(FILE *f, double v);
/* A JSON string: quotes and backslashes escaped, control characters as
 * \u00XX (summary.json, the scenario's parameters). */
void files_json_string(FILE *f, const char *s);
/* A gnuplot single-quoted string: '' stands for ', control characters
 * become spaces. */
void files_gnuplot_string(FILE *f, const char *s);
/* A number in a gnuplot datablock: "%.6g", or NaN for a missing or
 * infinite value (the scripts say `set datafile missing NaN`). */
void files_gnuplot_real(FILE *f, double v);

#endif
