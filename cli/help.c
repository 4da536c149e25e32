/*
 * help.c — `mishi help` and `mishi version`.
 *
 * The usage text is generated from the command table, so a flag added to
 * a command is documented by the row that parses it. Help lines are
 * wrapped to fit an 80-column terminal; a flag's fallback is shown as its
 * default.
 */
#include <string.h>

#include "cli.h"
#include "mishi_files.h"

#define HELP_WIDTH 79  /* columns a line of help may fill */
#define COMMAND_INDENT 2
#define FLAG_INDENT 6  /* flags sit under their command */
#define GAP 2          /* spaces between a head and its help, at least */

static const char closing[] =
    "Output of run: DIR/firms.csv, market.csv, summary.json, plot.gp, and\n"
    "plot.svg and plot.png when gnuplot is installed. Output of validate\n"
    "--out: DIR/validation.csv, details.csv, curves.csv, <case>.gp, and\n"
    "<case>.svg and <case>.png when gnuplot is installed.\n"
    "mishi COMMAND --help (or -h) prints that command's part of this text.\n"
    "Exit status: 0 success, 1 the run failed, 2 a bad command line.\n";

/* "run SCENARIO [FLAGS]" */
static void command_head(const cli_command *c, char *buf, size_t n) {
    snprintf(buf, n, "%s%s%s%s", c->name, c->arguments ? " " : "",
             c->arguments ? c->arguments : "", c->flag_count ? " [FLAGS]" : "");
}

/* "--threads N" */
static void flag_head(const cli_flag *f, char *buf, size_t n) {
    snprintf(buf, n, "%s%s%s", f->name, f->value ? " " : "",
             f->value ? f->value : "");
}

/* Where commands' help starts: past the widest head of any command, or of
 * any flag (whose help starts GAP further in, under its command's). */
static int help_column(void) {
    size_t widest = 0;
    char head[128];
    for (size_t i = 0; i < cli_command_count; i++) {
        const cli_command *c = cli_commands[i];
        command_head(c, head, sizeof head);
        if (COMMAND_INDENT + strlen(head) > widest)
            widest = COMMAND_INDENT + strlen(head);
        for (size_t k = 0; k < c->flag_count; k++) {
            flag_head(&c->flags[k], head, sizeof head);
            if (FLAG_INDENT + strlen(head) - GAP > widest)
                widest = FLAG_INDENT + strlen(head) - GAP;
        }
    }
    return (int)widest + GAP;
}

/* `head` at `indent`, then `text` from `column` on, wrapped at HELP_WIDTH
 * with its further lines starting at `column` too. */
static void put_entry(FILE *out, int indent, const char *head, int column,
                      const char *text) {
    int at = fprintf(out, "%*s%s", indent, "", head);
    for (int first = 1; *text; first = 0) {
        int word = (int)strcspn(text, " ");
        if (first) at += fprintf(out, "%*s", column > at ? column - at : 1, "");
        else if (at + 1 + word <= HELP_WIDTH) at += fprintf(out, " ");
        else at = fprintf(out, "\n%*s", column, "") - 1;
        at += fprintf(out, "%.*s", word, text);
        text += word;
        text += strspn(text, " ");
    }
    fputc('\n', out);
}

static void put_command(FILE *out, const cli_command *c, int column) {
    char head[128], help[512];
    command_head(c, head, sizeof head);
    put_entry(out, COMMAND_INDENT, head, column, c->help);
    for (size_t k = 0; k < c->flag_count; k++) {
        const cli_flag *f = &c->flags[k];
        flag_head(f, head, sizeof head);
        if (f->fallback)
            snprintf(help, sizeof help, "%s (default: %s)", f->help,
                     f->fallback);
        else snprintf(help, sizeof help, "%s", f->help);
        put_entry(out, FLAG_INDENT, head, column + GAP, help);
    }
}

void cli_print_usage(FILE *out) {
    fprintf(out, "mishi %s - an agent-based simulator of consumer markets\n\n"
                 "usage: mishi COMMAND [ARGUMENTS]\n\ncommands:\n",
            MISHI_VERSION);
    int column = help_column();
    for (size_t i = 0; i < cli_command_count; i++)
        put_command(out, cli_commands[i], column);
    fprintf(out, "\n%s", closing);
}

void cli_print_command(FILE *out, const cli_command *c) {
    put_command(out, c, help_column());
}

/* `mishi help COMMAND`: that command's part of the usage only. */
static int take_command(const cli_command *self, void *options,
                        const char *argument) {
    return cli_take_one(self, options, "command", argument);
}

static int help_main(const cli_command *self, int argc, char **argv) {
    const char *name = NULL;
    int rc = cli_parse(self, argc, argv, &name);
    if (rc) return rc;
    if (!name) {
        cli_print_usage(stdout);
        return 0;
    }
    const cli_command *chosen = cli_find_command(name);
    if (!chosen) return cli_unknown_command(name);
    cli_print_command(stdout, chosen);
    return 0;
}

static int version_main(const cli_command *self, int argc, char **argv) {
    int rc = cli_parse(self, argc, argv, NULL);
    if (rc) return rc;
    printf("mishi %s (model sources %s)\nplatform: ", MISHI_VERSION,
           mishi_model_digest());
    mishi_platform_json(stdout);
    putchar('\n');
    return 0;
}

const cli_command version_command = {
    "version", NULL, "print the version, the digest of the model's "
    "sources and the platform (as summary.json records it)", NULL, 0, NULL,
    version_main, {"--version"},
};

const cli_command help_command = {
    "help", "[COMMAND]", "print this text, or only COMMAND's part of it",
    NULL, 0, take_command, help_main, {"--help", "-h"},
};
