/*
 * plot.c — drawing the gnuplot scripts the library writes.
 *
 * gnuplot runs as a child in the output folder, so a script names its
 * data files relative to itself and can be re-run by hand there. It is
 * started with fork/exec rather than system() so that no shell reads the
 * folder's name. Its exit status is not the whole story: on a full disk
 * gnuplot exits 0 having written part of the SVG and none of the PNG, so
 * each drawing is read back (its first and last bytes) before it counts
 * as drawn. A signal that ends mishi ends gnuplot first (cli_stop_drawing),
 * so that the half-drawn pictures it removes are not written again.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cli.h"
#include "mishi_files.h"

#define CHILD_FAILED 126 /* the shell's status for "found but not run" */
#define TAIL_BYTES 64    /* room for the end of a drawing and its spaces */

/* The gnuplot drawing now, 0 when none: cli_stop_drawing reads it from a
 * signal handler, on whichever thread the signal lands. */
static _Atomic pid_t drawing_pid;

/* In the child: whether it may go on to draw. On Linux it asks to be
 * sent SIGTERM when mishi dies, so that even a SIGKILL, which no handler
 * sees, ends gnuplot; a parent that died before the asking is seen in
 * getppid(), and then the child does not draw. (The request follows the
 * thread that forked, here the main thread, whose end is mishi's.) */
static int dies_with_parent(pid_t parent) {
#ifdef __linux__
    (void)prctl(PR_SET_PDEATHSIG, SIGTERM); /* refused, gnuplot draws all the same */
    return getppid() == parent;
#else
    (void)parent;
    return 1;
#endif
}

/* The child's part: become `gnuplot SCRIPT` in `dir`. */
static void exec_gnuplot(const char *dir, const char *script, pid_t parent) {
    char *argv[] = {"gnuplot", (char *)script, NULL};
    if (!dies_with_parent(parent) || chdir(dir) != 0) _exit(CHILD_FAILED);
    execvp(argv[0], argv);
    _exit(errno == ENOENT ? CLI_NO_GNUPLOT : CHILD_FAILED);
}

/* `gnuplot SCRIPT` in `dir`: 0 drawn, CLI_NO_GNUPLOT, else a failure. */
static int run_gnuplot(const char *dir, const char *script) {
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) return CHILD_FAILED;
    if (pid == 0) exec_gnuplot(dir, script, parent);
    atomic_store(&drawing_pid, pid);
    int status, failed;
    while ((failed = waitpid(pid, &status, 0) < 0) && errno == EINTR) {}
    atomic_store(&drawing_pid, 0);
    if (failed) return CHILD_FAILED;
    return WIFEXITED(status) ? WEXITSTATUS(status) : CHILD_FAILED;
}

/* SIGKILL, not SIGTERM: the handler waits for gnuplot to end, and one
 * that caught or ignored SIGTERM would keep mishi from ending at all. Its
 * pictures, all it could leave half-done, are removed after it. */
void cli_stop_drawing(void) {
    pid_t pid = atomic_load(&drawing_pid);
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
}

/* ------------------------------------------------------ whole drawings */

/* The last bytes of `f` (up to TAIL_BYTES, fewer in a shorter file) into
 * `tail`; how many. */
static size_t tail_of(FILE *f, unsigned char tail[TAIL_BYTES]) {
    if (fseek(f, -TAIL_BYTES, SEEK_END) != 0) rewind(f); /* a short file */
    return fread(tail, 1, TAIL_BYTES, f);
}

/* An SVG is closed by its root element: "</svg>", then at most spaces. */
static int svg_is_whole(FILE *f) {
    unsigned char tail[TAIL_BYTES];
    size_t n = tail_of(f, tail);
    while (n > 0 && isspace(tail[n - 1])) n--;
    return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

/* A PNG opens with its signature and ends with its IEND chunk: length 0,
 * the type, and that type's CRC (the PNG specification, 5.2 and 11.2.5). */
static int png_is_whole(FILE *f) {
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                           0xae, 0x42, 0x60, 0x82};
    unsigned char head[sizeof signature], tail[TAIL_BYTES];
    if (fread(head, 1, sizeof head, f) != sizeof head ||
        memcmp(head, signature, sizeof head) != 0)
        return 0;
    size_t n = tail_of(f, tail);
    return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0;
}

/* The pictures a script draws, each with the test of its being whole. */
static const struct {
    const char *format;
    int (*is_whole)(FILE *f);
} drawing_formats[] = {{"svg", svg_is_whole}, {"png", png_is_whole}};
#define FORMATS CLI_COUNT(drawing_formats)

static int is_whole(const char *path, size_t format) {
    FILE *f = fopen(path, "rb");
    int whole = f && drawing_formats[format].is_whole(f);
    if (f) fclose(f);
    return whole;
}

/* 0 if every drawing gnuplot reported drawn is whole; else, having said
 * which is not, CLI_PLOT_INCOMPLETE. */
static int check_drawings(char path[FORMATS][5200]) {
    for (size_t i = 0; i < FORMATS; i++) {
        if (is_whole(path[i], i)) continue;
        fprintf(stderr, "mishi: warning: gnuplot left %s incomplete (is the disk "
                        "full?); the data files are complete\n", path[i]);
        return CLI_PLOT_INCOMPLETE;
    }
    return 0;
}

/* ------------------------------------------------------------- drawing */

/* The pictures SCRIPT draws in DIR: DIR/STEM.svg and DIR/STEM.png. */
static void drawings_of(const char *dir, const char *script, char path[FORMATS][5200]) {
    char stem[1024];
    cli_path_parts(script, ".gp", NULL, 0, stem, sizeof stem);
    for (size_t i = 0; i < FORMATS; i++)
        snprintf(path[i], sizeof path[i], "%s/%s.%s", dir, stem,
                 drawing_formats[i].format);
}

static void remove_drawings(char path[FORMATS][5200]) {
    for (size_t i = 0; i < FORMATS; i++) unlink(path[i]); /* none there is as good */
}

void cli_remove_drawings(const char *dir, const char *script) {
    char path[FORMATS][5200];
    drawings_of(dir, script, path);
    remove_drawings(path);
}

/* What a user is told of a drawing gnuplot did not make (an incomplete
 * one has been named already). */
static void say_not_drawn(const char *dir, const char *script, int rc) {
    if (rc == CLI_NO_GNUPLOT)
        fprintf(stderr, "mishi: note: gnuplot is not installed; run 'gnuplot "
                        "%s' in %s to draw the plots\n", script, dir);
    else if (rc != 0 && rc != CLI_PLOT_INCOMPLETE)
        fprintf(stderr, "mishi: warning: gnuplot failed on %s/%s (status "
                        "%d); the data files are complete\n", dir, script, rc);
}

int cli_draw_plot(const char *dir, const char *script) {
    /* an earlier run's pictures would sit beside this run's data, and a
     * failed or interrupted gnuplot leaves an empty or half-drawn file */
    static char drawing[FORMATS][5200]; /* watched: they must outlive a signal */
    drawings_of(dir, script, drawing);
    remove_drawings(drawing);
    for (size_t i = 0; i < FORMATS; i++) mishi_staged_watch(drawing[i]);
    int rc = run_gnuplot(dir, script);
    if (rc == 0) rc = check_drawings(drawing);
    for (size_t i = 0; i < FORMATS; i++) mishi_staged_unwatch(drawing[i]);
    if (rc != 0) remove_drawings(drawing);
    say_not_drawn(dir, script, rc);
    return rc;
}
