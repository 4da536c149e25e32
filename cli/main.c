/*
 * main.c — the `mishi` command: a thin layer over libmishi.
 *
 * The table below is the whole command line: each row names a command and
 * carries its arguments, flags, help and the function that does its work
 * (the rows live beside that work, one file per command). main() only
 * picks the row; the parser, the hints and `mishi help` read the same
 * rows. There is no model logic in this program, so everything it does a
 * program linking libmishi can do too.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mishi_files.h"

const cli_command *const cli_commands[] = {
    &run_command,      &params_command,    &strategies_command,
    &outputs_command,  &bench_command,     &validate_command,
    &sweep_command,    &summarize_command, &sensitivity_command,
    &experiment_command, &version_command, &help_command,
};
const size_t cli_command_count = CLI_COUNT(cli_commands);

static int is_called(const cli_command *c, const char *name) {
    if (strcmp(c->name, name) == 0) return 1;
    for (size_t k = 0; k < CLI_COUNT(c->aliases); k++)
        if (c->aliases[k] && strcmp(c->aliases[k], name) == 0) return 1;
    return 0;
}

const cli_command *cli_find_command(const char *name) {
    for (size_t i = 0; i < cli_command_count; i++)
        if (is_called(cli_commands[i], name)) return cli_commands[i];
    return NULL;
}

int cli_unknown_command(const char *name) {
    const char *names[CLI_COUNT(cli_commands)];
    for (size_t i = 0; i < cli_command_count; i++)
        names[i] = cli_commands[i]->name;
    const char *hint = mishi_nearest_name(name, names, cli_command_count);
    if (hint)
        return cli_usage_error("unknown command '%s'; did you mean '%s'?",
                               name, hint);
    char list[256];
    cli_join(names, cli_command_count, list, sizeof list);
    return cli_usage_error("unknown command '%s' (commands: %s)", name, list);
}

/* What to tell a user whose command is interrupted (cli_on_interrupt_say):
 * written whole beforehand, as a signal handler may not format. */
static char interrupt_note[4400];
static volatile sig_atomic_t interrupt_note_length;

void cli_on_interrupt_say(const char *note) {
    interrupt_note_length = 0;
    snprintf(interrupt_note, sizeof interrupt_note, "\n%s\n", note);
    interrupt_note_length = (sig_atomic_t)strlen(interrupt_note);
}

/* Interrupted or terminated, a run ends the gnuplot it had drawing (a
 * `kill` of mishi alone would leave it running, writing), takes its
 * half-written temporaries and pictures with it (its finished files
 * stay), says what a command asked it to, then dies of the signal as it
 * would have, so that the shell sees the same status. A signal that comes
 * while a results database commits waits for the commit to end. */
static void on_fatal_signal(int sig) {
    if (mishi_signal_held(sig)) return; /* raised again once the write is done */
    cli_stop_drawing();
    mishi_staged_remove_temporaries();
    if (interrupt_note_length > 0 &&
        write(STDERR_FILENO, interrupt_note, (size_t)interrupt_note_length) < 0) {
        /* nothing more can be done for the user */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A signal the shell had the program ignore (SIGINT for a background job
 * of a script) stays ignored. */
static void remove_temporaries_on_signals(void) {
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++) {
        struct sigaction was, now = {.sa_handler = on_fatal_signal,
                                     .sa_flags = SA_RESTART};
        sigemptyset(&now.sa_mask);
        if (sigaction(fatal[k], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(fatal[k], &now, NULL);
    }
}

/* Whether the words after the command ask for its help, as most tools
 * take it: `mishi run --help`, or -h anywhere among them. */
static int asks_for_help(int argc, char **argv) {
    for (int k = 0; k < argc; k++)
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) return 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        cli_print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const cli_command *c = cli_find_command(argv[1]);
    if (!c) return cli_unknown_command(argv[1]);
    if (asks_for_help(argc - 2, argv + 2)) {
        cli_print_command(stdout, c);
        return 0;
    }
    remove_temporaries_on_signals();
    return c->main(c, argc - 2, argv + 2);
}
