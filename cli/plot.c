/*
 * plot.c — drawing the gnuplot scripts the library writes.
 *
 * gnuplot runs as a child in the output folder, so a script names its
 * data files relative to itself and can be re-run by hand there. It is
 * started with fork/exec rather than system() so that no shell reads the
 * folder's name.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "mishi_files.h"

#define CHILD_FAILED 126 /* the shell's status for "found but not run" */

/* `gnuplot SCRIPT` in `dir`: 0 drawn, CLI_NO_GNUPLOT, else a failure. */
static int run_gnuplot(const char *dir, const char *script) {
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return CHILD_FAILED;
    if (pid == 0) {
        char *argv[] = {"gnuplot", (char *)script, NULL};
        if (chdir(dir) != 0) _exit(CHILD_FAILED);
        execvp(argv[0], argv);
        _exit(errno == ENOENT ? CLI_NO_GNUPLOT : CHILD_FAILED);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return CHILD_FAILED;
    return WIFEXITED(status) ? WEXITSTATUS(status) : CHILD_FAILED;
}

/* The pictures SCRIPT draws in DIR: DIR/STEM.svg and DIR/STEM.png. */
static void drawings_of(const char *dir, const char *script, char path[2][5200]) {
    char stem[1024];
    cli_path_parts(script, ".gp", NULL, 0, stem, sizeof stem);
    static const char *const formats[] = {"svg", "png"};
    for (int i = 0; i < 2; i++)
        snprintf(path[i], sizeof path[i], "%s/%s.%s", dir, stem, formats[i]);
}

static void remove_drawings(char path[2][5200]) {
    for (int i = 0; i < 2; i++) unlink(path[i]); /* none there is as good */
}

void cli_remove_drawings(const char *dir, const char *script) {
    char path[2][5200];
    drawings_of(dir, script, path);
    remove_drawings(path);
}

int cli_draw_plot(const char *dir, const char *script) {
    /* an earlier run's pictures would sit beside this run's data, and a
     * failed or interrupted gnuplot leaves an empty or half-drawn file */
    static char drawing[2][5200]; /* watched: they must outlive a signal */
    drawings_of(dir, script, drawing);
    remove_drawings(drawing);
    for (int i = 0; i < 2; i++) mishi_staged_watch(drawing[i]);
    int rc = run_gnuplot(dir, script);
    for (int i = 0; i < 2; i++) mishi_staged_unwatch(drawing[i]);
    if (rc != 0) remove_drawings(drawing);
    if (rc == CLI_NO_GNUPLOT)
        fprintf(stderr, "mishi: note: gnuplot is not installed; run 'gnuplot "
                        "%s' in %s to draw the plots\n", script, dir);
    else if (rc != 0)
        fprintf(stderr, "mishi: warning: gnuplot failed on %s/%s (status "
                        "%d); the data files are complete\n", dir, script, rc);
    return rc;
}
