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
#include <string.h>

#include "cli.h"

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
    if (c != &help_command && asks_for_help(argc - 2, argv + 2)) {
        cli_print_command(stdout, c);
        return 0;
    }
    return c->main(c, argc - 2, argv + 2);
}
