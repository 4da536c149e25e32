/*
 * cli.h — the parts of the `mishi` program that its commands share.
 *
 * The program is a thin layer over libmishi: it parses a command line,
 * calls the library and prints. Every command is one row of a table
 * (cli_command) that names it, its arguments and its flags (cli_flag); the
 * parser, the "did you mean" hints and `mishi help` all read those rows,
 * so a flag is written once and cannot be parsed under one name and
 * documented under another.
 *
 * Exit status, the same for every command: 0 success, CLI_EXIT_RUN when
 * the work failed (the library's message is printed as "mishi: ..."),
 * CLI_EXIT_USAGE for a bad command line (the message names the flag and
 * what was expected). Nothing but main() ends the program; every
 * function returns one of these.
 */
#ifndef MISHI_CLI_H
#define MISHI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "mishi.h"

#define CLI_EXIT_RUN 1   /* the run failed */
#define CLI_EXIT_USAGE 2 /* a bad command line */

#define CLI_MAX_THREADS 1024
#define CLI_STRING(x) CLI_STRING_(x)
#define CLI_STRING_(x) #x
#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------ commands and flags */

typedef struct cli_flag cli_flag;

/* Store a flag's value (NULL for a switch) in a command's options, checked:
 * 0, or CLI_EXIT_USAGE with the message printed. The row is passed so one
 * setter can serve every flag of a kind (where to store, which range). */
typedef int (*cli_setter)(const cli_flag *flag, void *options,
                          const char *value);

struct cli_flag {
    const char *name;     /* "--threads" */
    const char *value;    /* what follows it, in help and messages: "N";
                             NULL for a switch */
    const char *help;     /* one line for `mishi help` */
    const char *fallback; /* the value when the flag is not given: set
                             before parsing and shown in help; NULL: none */
    cli_setter set;
    size_t field;         /* offsetof the option `set` writes */
    const char *param;    /* the scenario parameter whose range in the
                             schema bounds the value, or NULL */
};

typedef struct cli_command cli_command;

struct cli_command {
    const char *name;      /* "run" */
    const char *arguments; /* positional arguments, for help: "SCENARIO" */
    const char *help;      /* one line for `mishi help` */
    const cli_flag *flags;
    size_t flag_count;
    /* Takes each positional argument in turn; NULL: the command takes
     * none, and one is a bad command line. */
    int (*take)(const cli_command *self, void *options, const char *argument);
    /* Parses its arguments with cli_parse and does the work; returns the
     * exit status. */
    int (*main)(const cli_command *self, int argc, char **argv);
    const char *aliases[2]; /* other spellings, not listed: "--help" */
};

/* Every command, in the order `mishi help` lists them (main.c). */
extern const cli_command *const cli_commands[];
extern const size_t cli_command_count;

/* The command called `name` (or one of its aliases), or NULL. */
const cli_command *cli_find_command(const char *name);
/* Say that `name` is no command, with a hint; CLI_EXIT_USAGE. */
int cli_unknown_command(const char *name);
/* Every command and flag, from the table, as `mishi help` prints them. */
void cli_print_usage(FILE *out);
/* One command's part of the usage (`mishi help COMMAND`, `mishi COMMAND
 * --help`). */
void cli_print_command(FILE *out, const cli_command *c);

extern const cli_command run_command, params_command, strategies_command,
    outputs_command, bench_command, validate_command, sweep_command,
    summarize_command, sensitivity_command, experiment_command,
    version_command, help_command;

/* The flag every simulating command takes; `type` has an int `threads`. */
#define CLI_THREADS_FLAG(type)                                                 \
    {"--threads", "N",                                                         \
     "threads, 1 to " CLI_STRING(CLI_MAX_THREADS) " (default: all); the "      \
     "simulation does not depend on it",                                       \
     .set = cli_set_threads, .field = offsetof(type, threads)}

/* ---------------------------------------------------------------- parsing */

/* Set every flag's fallback, then walk argv (the words after the command's
 * name) into `options`: "--flag value", "--flag=value", switches, and
 * positional arguments through self->take. 0 or CLI_EXIT_USAGE. */
int cli_parse(const cli_command *self, int argc, char **argv, void *options);

/* A command's one positional argument into *slot; a second one is a bad
 * command line: "COMMAND: unexpected argument 'X' (one WHAT at a time)". */
int cli_take_one(const cli_command *self, const char **slot, const char *what,
                 const char *argument);

/* Setters for cli_flag.set; each writes the option at flag->field. */
int cli_set_switch(const cli_flag *flag, void *options, const char *value);
int cli_set_text(const cli_flag *flag, void *options, const char *value);
int cli_set_folder(const cli_flag *flag, void *options, const char *value);
int cli_set_file(const cli_flag *flag, void *options, const char *value);
int cli_set_threads(const cli_flag *flag, void *options, const char *value);

/* A whole number in [lo, hi], or a message naming the flag. */
int cli_parse_whole(const char *flag, const char *text, double lo, double hi,
                    long long *out);
/* Apply "path=value" to the scenario; a refusal is the flag's fault. */
int cli_scenario_set(mishi_scenario *sc, const char *flag, const char *path,
                     const char *value);
/* The thread count that --threads N (0: not given) stands for. */
int cli_threads_used(int requested);

/* --------------------------------------------------------------- messages */

/* "mishi: <message>" on stderr; returns `status`, so a failure reads
 * `return cli_usage_error("--x: ...")`. */
int cli_fail(int status, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A bad command line: the message names the flag or word at fault. */
#define cli_usage_error(...) cli_fail(CLI_EXIT_USAGE, __VA_ARGS__)
/* A failure of the command's own work, such as running out of memory. */
#define cli_run_failure(...) cli_fail(CLI_EXIT_RUN, __VA_ARGS__)
/* A failure the library reported. */
int cli_run_error(const mishi_error *err);

/* "a, b, c" into buf: the choices a message lists. */
void cli_join(const char *const *names, size_t count, char *buf, size_t n);
/* The same, every name however many, as a string to free(); NULL when out
 * of memory. For lists with no bound, which buf would cut short. */
char *cli_join_all(const char *const *names, size_t count);
/* A name not among `names`: "SAID; did you mean 'NEAREST'? (LABEL: every
 * name)", or without the question when none is near; a bad command line
 * (1 when out of memory). */
int cli_not_among(const char *said, const char *name,
                  const char *const *names, size_t count, const char *label);

/* ------------------------------------------------------- time and plots */

double cli_now(void); /* seconds on a monotonic clock */
/* A file that ships with mishi (experiments/E1.yaml, scenarios/...): its
 * path relative to the current folder if it is there, else in the source
 * tree mishi was built from; if neither, a missing input (CLI_EXIT_RUN),
 * as a scenario file that cannot be opened is. */
int cli_shipped_file(const char *relative, char *path, size_t n);
/* The same, saying nothing: not found is MISHI_EIO, with why in `err`. */
mishi_status cli_find_shipped(const char *relative, char *path, size_t n,
                              mishi_error *err);
/* "out/NAME" + suffix, to free: NAME made safe as a file name (letters,
 * digits, '-', '_' and '.' kept, anything else '_'; empty, "." or ".."
 * "unnamed"), since a scenario or sweep names itself, and a name such as
 * "../x" or "a/b" must not choose where the files go. NULL out of memory. */
char *cli_default_out(const char *name, const char *suffix);
/* A path's folder ("." for a bare name, "/" at the root) and its stem (its
 * last part less `extension`, ".yaml" say, when it ends so); either buffer
 * may be NULL. */
void cli_path_parts(const char *path, const char *extension, char *folder,
                    size_t folder_size, char *stem, size_t stem_size);
/* The folder of the file at `path`, made if missing, as --out and --db
 * make theirs; 0, or the error reported and the exit status. */
int cli_make_parent(const char *path);
/* A table written to `path` by `rows` (header and rows), its folder made
 * if missing: under a temporary name, renamed when whole, so that a
 * failure leaves no half-written file. 0, or the error reported and the
 * exit status. */
typedef void (*cli_csv_rows)(FILE *f, const void *context);
int cli_write_csv(const char *path, cli_csv_rows rows, const void *context);

/* A note for stderr should the command be interrupted (Ctrl-C, kill):
 * how to take up what it was doing. */
void cli_on_interrupt_say(const char *note);

/* A progress bar on stderr, drawn only when stderr is a terminal and the
 * run has taken long enough for a user to wonder. */
typedef struct cli_progress {
    int enabled, drawn;
    double start, last_draw;
} cli_progress;

void cli_progress_start(cli_progress *p, int quiet);
/* `done` of `total` units ("week", "run"), `before` of them done before. */
void cli_progress_update(cli_progress *p, long done, long before, long total,
                         const char *unit);
void cli_progress_clear(cli_progress *p);

/* Run gnuplot on `dir`/`script`, or say on stderr why it was not drawn;
 * either way the script's earlier pictures are gone first, and none is
 * left that gnuplot did not finish (on a full disk it exits 0 all the
 * same). Neither a missing gnuplot nor a failed plot fails the command:
 * the data files are complete without the picture. Returns 0 when drawn,
 * CLI_NO_GNUPLOT when gnuplot is not installed, CLI_PLOT_INCOMPLETE when
 * it exited 0 but left a drawing cut short, else gnuplot's status. */
#define CLI_NO_GNUPLOT 127
#define CLI_PLOT_INCOMPLETE (-1) /* not an exit status: none can be confused with it */
int cli_draw_plot(const char *dir, const char *script);
/* From a signal handler (async-signal-safe): end the gnuplot drawing, if
 * one is, and wait for it, so that no picture is written after the
 * handler has removed it. */
void cli_stop_drawing(void);
/* Removes `dir`/STEM.svg and .png, the pictures of script STEM.gp: what a
 * run that does not draw them leaves no stale copy of. */
void cli_remove_drawings(const char *dir, const char *script);

/* ----------------------------------------------------------------- tables */

/* A table of text printed aligned for people or as Markdown for the docs:
 * the one printer behind `mishi params`, `strategies` and `outputs`. */
typedef struct cli_column {
    const char *head;
    int code; /* Markdown shows the cell as `code`: a name to type */
} cli_column;

typedef struct cli_table {
    int markdown;
    size_t columns, rows, capacity;
    const cli_column *column;
    char **cells; /* row-major, the header first; Markdown-escaped */
} cli_table;

/* 0, or CLI_EXIT_RUN when out of memory (said on stderr). */
int cli_table_start(cli_table *t, int markdown, const cli_column *columns,
                    size_t count);
int cli_table_add(cli_table *t, const char *const *cells);
void cli_table_print(const cli_table *t);
void cli_table_free(cli_table *t);

#endif
