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

void cli_remove_drawings(const char *dir, const char *script) {
    char stem[1024];
    cli_path_parts(script, ".gp", NULL, 0, stem, sizeof stem);
    static const char *const formats[] = {"svg", "png"};
    for (int i = 0; i < 2; i++) {
        char path[5200];
        snprintf(path, sizeof path, "%s/%s.%s", dir, stem, formats[i]);
        unlink(path); /* none there is as good */
    }
}

int cli_draw_plot(const char *dir, const char *script) {
    /* an earlier run's pictures would sit beside this run's data, and a
     * failed gnuplot leaves an empty or half-drawn file */
    cli_remove_drawings(dir, script);
    int rc = run_gnuplot(dir, script);
    if (rc != 0) cli_remove_drawings(dir, script);
    if (rc == CLI_NO_GNUPLOT)
        fprintf(stderr, "mishi: note: gnuplot is not installed; run 'gnuplot "
                        "%s' in %s to draw the plots\n", script, dir);
    else if (rc != 0)
        fprintf(stderr, "mishi: warning: gnuplot failed on %s/%s (status "
                        "%d); the data files are complete\n", dir, script, rc);
    return rc;
}
