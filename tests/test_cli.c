/*
 * test_cli.c — the `mishi` program (cli/), run as a user runs it.
 *
 * Each test runs the built binary (MISHI_CLI) through the shell and checks
 * its exit status and what it printed: 0 on success, 1 when a run fails,
 * 2 on a bad command line, with a message naming the flag or file at fault.
 * The determinism test runs one small scenario with 1 and 2 threads and
 * requires byte-identical CSV files. The listings are checked against the
 * library's registries, read through the public header.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"
#include "support_files.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

static char tmp_root[64];
static char yaml_path[128];

static const char tiny_yaml[] =
    "# a small market for the CLI tests\n"
    "name: tiny\n"
    "seed: 5\n"
    "weeks: 25\n"
    "consumers:\n"
    "  count: 3000\n"
    "firms:\n"
    "  - name: local\n"
    "    count: 12\n"
    "    strategy: train-station\n"
    "  - name: faders\n"
    "    count: 4\n"
    "    strategy: fade\n";

/* ---------------------------------------------------------------- helpers */

/* Run `mishi ARGS` with stderr folded into stdout. Returns the exit status;
 * *output (if given) receives what it printed, to be freed. */
static int mishi(const char *args, char **output) {
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s", MISHI_CLI, args);
    return run_shell(cmd, output);
}

/* Like mishi(), and the output must contain `expected`. */
static void expect(const char *args, int status, const char *expected) {
    char *out;
    int got = mishi(args, &out);
    if (got != status || (expected && !strstr(out, expected)))
        print_error("mishi %s -> %d, wanted %d and \"%s\":\n%s\n", args, got,
                    status, expected ? expected : "", out);
    assert_int_equal(got, status);
    if (expected) assert_non_null(strstr(out, expected));
    free(out);
}

static void assert_same_file(const char *a, const char *b) {
    char *x = read_all(a), *y = read_all(b);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(strlen(x) > 100);
    assert_string_equal(x, y);
    free(x);
    free(y);
}

static int group_setup(void **state) {
    (void)state;
    strcpy(tmp_root, "/tmp/mishi-test-cli-XXXXXX");
    if (!mkdtemp(tmp_root)) return -1;
    snprintf(yaml_path, sizeof yaml_path, "%s/tiny.yaml", tmp_root);
    FILE *f = fopen(yaml_path, "w");
    if (!f) return -1;
    fputs(tiny_yaml, f);
    return fclose(f);
}

static int group_teardown(void **state) {
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd);
}

/* ------------------------------------------------------------------ tests */

static void test_params_lists_the_schema(void **state) {
    (void)state;
    expect("params", 0, "consumers.transient_share");
    expect("params", 0, "0..1");
    expect("params --markdown", 0, "| `consumers.transient_share` | real |");
    expect("params --markdwn", 2, "did you mean '--markdown'?");
}

static void test_version_and_help(void **state) {
    (void)state;
    expect("version", 0, "mishi 0.1.0");
    expect("version", 0, "platform: {\"c_library\": ");
    expect("--version", 0, "0.1.0");
    expect("help", 0, "params [FLAGS]");
    expect("--help", 0, "--threads N");
    expect("-h", 0, "Exit status: 0 success");
    expect("", 2, "usage: mishi");
    expect("help run", 0, "--no-plot");
    expect("help nosuch", 2, "unknown command 'nosuch'");
    expect("run --help", 0, "--no-plot");
    expect("sweep -h", 0, "--db FILE");
    expect("run no-such-file.yaml --threads 2 --help", 0, "--threads N");
    expect("help --help", 0, "help [COMMAND]");
}

/* The line after `line`, or NULL at the end of the text. */
static const char *next_line(const char *line) {
    const char *end = strchr(line, '\n');
    return end && end[1] ? end + 1 : NULL;
}

/* The commands and flags `mishi help` lists, read back from its text:
 * a command at two spaces' indent, its flags under it at six. */
typedef struct help_entry {
    char command[32];
    char flags[16][32];
    int flag_count;
} help_entry;

static int read_help(const char *text, help_entry *entries, int max) {
    int n = 0;
    const char *line = strstr(text, "commands:\n");
    assert_non_null(line);
    while ((line = next_line(line)) && *line != '\n') {
        if (strncmp(line, "      --", 8) == 0 && n > 0) {
            help_entry *e = &entries[n - 1];
            assert_true(e->flag_count < 16);
            sscanf(line, "%31s", e->flags[e->flag_count++]);
        } else if (line[0] == ' ' && line[1] == ' ' && line[2] != ' ') {
            assert_true(n < max);
            memset(&entries[n], 0, sizeof entries[n]);
            sscanf(line, "%31s", entries[n++].command);
        }
    }
    return n;
}

static const help_entry *find_entry(const help_entry *entries, int n,
                                    const char *command) {
    for (int i = 0; i < n; i++)
        if (strcmp(entries[i].command, command) == 0) return &entries[i];
    fail_msg("`mishi help` does not list '%s'", command);
    return NULL;
}

static int has_flag(const help_entry *e, const char *flag) {
    for (int k = 0; k < e->flag_count; k++)
        if (strcmp(e->flags[k], flag) == 0) return 1;
    return 0;
}

static void test_help_lists_every_command_and_flag(void **state) {
    (void)state;
    char *text;
    assert_int_equal(mishi("help", &text), 0);
    help_entry entries[16];
    int n = read_help(text, entries, 16);
    const char *commands[] = {"run", "params", "strategies", "outputs",
                              "bench", "validate", "version", "help"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        find_entry(entries, n, commands[i]);
    const char *run[] = {"--seed", "--set", "--threads", "--out", "--no-plot",
                         "--quiet"};
    for (size_t k = 0; k < sizeof run / sizeof run[0]; k++)
        assert_true(has_flag(find_entry(entries, n, "run"), run[k]));
    assert_true(has_flag(find_entry(entries, n, "bench"), "--consumers"));
    assert_true(has_flag(find_entry(entries, n, "validate"), "--case"));
    assert_true(has_flag(find_entry(entries, n, "outputs"), "--markdown"));
    assert_non_null(strstr(text, "(default: main)")); /* a fallback */
    free(text);
}

/* Every flag help lists is one its command parses: misspelt, each gets
 * itself as the hint; a flag no command has gets a pointer to help. */
static void test_every_command_suggests_its_flags(void **state) {
    (void)state;
    char *text, args[256], hint[256];
    assert_int_equal(mishi("help", &text), 0);
    help_entry entries[16];
    int n = read_help(text, entries, 16), flags = 0;
    for (int i = 0; i < n; i++) {
        const help_entry *e = &entries[i];
        for (int k = 0; k < e->flag_count; k++, flags++) {
            snprintf(args, sizeof args, "%s %sx", e->command, e->flags[k]);
            snprintf(hint, sizeof hint, "%s: unknown flag '%sx'; did you "
                     "mean '%s'?", e->command, e->flags[k], e->flags[k]);
            expect(args, 2, hint);
        }
        snprintf(args, sizeof args, "%s --zzzzzzzz", e->command);
        /* no hint, but the command's flags (or that it has none) */
        snprintf(hint, sizeof hint, "%s: unknown flag '--zzzzzzzz' (%s",
                 e->command, e->flag_count ? "its flags: " : "it takes no flags");
        expect(args, 2, hint);
        if (e->flag_count) expect(args, 2, e->flags[e->flag_count - 1]);
        /* its --help is its part of the usage, whatever else is given */
        snprintf(args, sizeof args, "%s --help", e->command);
        if (strcmp(e->command, "help") != 0)
            expect(args, 0, e->flag_count ? e->flags[e->flag_count - 1] : e->command);
    }
    assert_true(flags >= 18);
    free(text);
}

/* "--flag=value" is "--flag value"; a switch takes no value. */
static void test_flag_equals_value(void **state) {
    (void)state;
    char args[512], path[256];
    snprintf(args, sizeof args, "run '%s' --out='%s/equals' --seed=98 "
             "--set=weeks=6 --threads=1 --no-plot --quiet", yaml_path,
             tmp_root);
    expect(args, 0, NULL);
    snprintf(path, sizeof path, "%s/equals/summary.json", tmp_root);
    char *json = read_all(path);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"seed\": 98"));
    assert_non_null(strstr(json, "\"weeks_simulated\": 6"));
    free(json);
    expect("bench --weeks=0", 2,
           "--weeks: expected a whole number from 1 to 65000, got '0'");
    expect("validate --scale=0", 2, "--scale: expected a number above 0");
    expect("params --markdown=yes", 2, "--markdown: takes no value, got 'yes'");
}

/* Lines of `text` that start with `prefix`. */
static int count_prefixed(const char *text, const char *prefix) {
    int n = 0;
    for (const char *line = text; line; line = next_line(line))
        n += strncmp(line, prefix, strlen(prefix)) == 0;
    return n;
}

static void test_strategies_listing(void **state) {
    (void)state;
    char *md, *plain, row[256];
    assert_int_equal(mishi("strategies --markdown", &md), 0);
    assert_int_equal(mishi("strategies", &plain), 0);
    const char *head = "| strategy | rule |\n|---|---|\n";
    assert_int_equal(strncmp(md, head, strlen(head)), 0);
    /* the strategies' table, a blank line, the price rules' */
    int rules = (int)(mishi_strategy_count() + mishi_price_rule_count());
    assert_int_equal(count_lines(md), rules + 2 + 1 + 2);
    assert_int_equal(count_prefixed(md, "| `"), rules);
    for (size_t i = 0; i < mishi_price_rule_count(); i++) {
        snprintf(row, sizeof row, "| `%s` | ", mishi_price_rule_at(i)->name);
        assert_non_null(strstr(md, row));
    }
    for (size_t i = 0; i < mishi_strategy_count(); i++) {
        const mishi_strategy_info *s = mishi_strategy_at(i);
        snprintf(row, sizeof row, "| `%s` | ", s->name);
        assert_non_null(strstr(md, row));
        assert_non_null(strstr(plain, s->doc));
    }
    assert_non_null(strstr(md, "| `fixed` | ship the design quality, "
                               "always |\n"));
    expect("strategies --mardown", 2, "did you mean '--markdown'?");
    free(md);
    free(plain);
}

static void test_outputs_listing(void **state) {
    (void)state;
    char *md, *plain;
    assert_int_equal(mishi("outputs --markdown", &md), 0);
    assert_int_equal(mishi("outputs", &plain), 0);
    const char *market = "### market.csv\n\n| # | column | unit | meaning |\n"
                         "|---|---|---|---|\n| 1 | `week` | week | ";
    assert_int_equal(strncmp(md, market, strlen(market)), 0);
    assert_non_null(strstr(md, " |\n\n### firms.csv\n\n| # | column | unit "
                               "| meaning |\n|---|---|---|---|\n| 1 | `week` |"));
    assert_non_null(strstr(md, " | `repeat_rate` | share 0..1 | "));
    assert_int_equal(count_prefixed(md, "| # |"), 2);
    /* then the idle mechanisms: a header and a row each */
    assert_non_null(strstr(md, " |\n\n### Idle mechanisms (summary.json)\n\n| mechanism |"));
    assert_int_equal(count_prefixed(md, "| ") - 3,
                     (int)(mishi_column_count() + mishi_mechanism_count()));
    assert_non_null(strstr(md, "| `flash sales` | `firms[].flash_batch > 0` | "
                               "firms[].flash_every_weeks, firms[].flash_patience, "
                               "flash.buzz_gain, flash.buzz_decay | `firms.flash_unmet` |"));
    assert_non_null(strstr(plain, "market.csv\n"));
    assert_non_null(strstr(plain, "repeat_rate"));
    free(md);
    free(plain);
}

static void test_bad_flags_exit_2(void **state) {
    (void)state;
    char args[512];
    snprintf(args, sizeof args, "run '%s' --threads x", yaml_path);
    expect(args, 2, "mishi: --threads: expected a whole number from 1 to 1024, got 'x'");
    snprintf(args, sizeof args, "run '%s' --threads 0", yaml_path);
    expect(args, 2, "--threads: expected a whole number from 1 to 1024, got '0'");
    snprintf(args, sizeof args, "run '%s' --threads ' 2'", yaml_path); /* as the schema */
    expect(args, 2, "--threads: expected a whole number from 1 to 1024, got ' 2'");
    snprintf(args, sizeof args, "run '%s' --thread 2", yaml_path);
    expect(args, 2, "did you mean '--threads'?");
    /* a scenario parameter given as a flag: how to set it */
    snprintf(args, sizeof args, "run '%s' --weeks 2", yaml_path);
    expect(args, 2, "unknown flag '--weeks'; a scenario parameter is set with "
                    "'--set weeks=VALUE'");
    snprintf(args, sizeof args, "run '%s' --transient_share 0.2", yaml_path);
    expect(args, 2, "'--set consumers.transient_share=VALUE'");
    snprintf(args, sizeof args, "run '%s' --price 2", yaml_path); /* a class's */
    expect(args, 2, "'--set firms.NAME.price=VALUE'");
    snprintf(args, sizeof args, "run '%s' --threads", yaml_path);
    expect(args, 2, "--threads: expected N after it");
    snprintf(args, sizeof args, "run '%s' --seed -3 --no-plot --quiet", yaml_path);
    expect(args, 2, "--seed");
    snprintf(args, sizeof args, "run '%s' --set consumers.count=x --no-plot", yaml_path);
    expect(args, 2, "--set");
    snprintf(args, sizeof args, "run '%s' --set seed=1 --seed 2 --no-plot", yaml_path);
    expect(args, 2, "--seed 2 and --set seed=1 both give the seed");
    expect("run", 2, "expected a scenario file");
    expect("validate --scale 0x10 --case none", 2, "--scale: expected a number above 0");
    expect("validate --no-plot", 2, "--no-plot: plots are drawn only into --out DIR");
    snprintf(args, sizeof args, "validate --case logit-shares --out '%s'", yaml_path);
    expect(args, 2, "--out: expected a folder, got");
    expect("bench --weeks 0", 2,
           "--weeks: expected a whole number from 1 to 65000, got '0'");
    expect("bench --consumers lots", 2, "--consumers: expected a whole number");
}

/* A folder's or file's name longer than any the file system takes is a
 * bad command line: experiment --out was cut to 4096 characters unnoticed,
 * and its results went to the folder so named. */
static void test_a_name_too_long_is_refused(void **state) {
    (void)state;
    char name[4300] = "", cmd[4600], *out = NULL;
    while (strlen(name) < 4200) strcat(name, "/ddddddddddddddddddddddddddddddddddddddddddddddddd");
    snprintf(cmd, sizeof cmd, "'%s' experiment no-such.yaml --out '%s'", MISHI_CLI, name);
    assert_int_equal(run_shell(cmd, &out), 2);
    if (!strstr(out, "--out: expected a name of at most 4095 characters, got one of 4200"))
        fail_msg("not refused as too long: %s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' summarize no-such.sqlite --csv '%s'", MISHI_CLI, name);
    assert_int_equal(run_shell(cmd, &out), 2);
    if (!strstr(out, "--csv: expected a name of at most 4095 characters"))
        fail_msg("not refused as too long: %s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' sweep no-such.yaml --db '%s'", MISHI_CLI, name);
    assert_int_equal(run_shell(cmd, &out), 2);
    if (!strstr(out, "--db: expected a name of at most 4095 characters"))
        fail_msg("not refused as too long: %s", out);
    free(out);
}

/* --csv names a file to write, renamed into place: a pipe or device there
 * was replaced by it (as root, --csv /dev/null left a regular file). */
static void test_csv_over_a_pipe_is_refused(void **state) {
    (void)state;
    char fifo[192], args[512];
    snprintf(fifo, sizeof fifo, "%s/pipe.csv", tmp_root);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(args, sizeof args, "summarize no-such.sqlite --csv '%s'", fifo);
    expect(args, 2, "pipe.csv', a device or pipe, which the file would replace");
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    remove(fifo);
}

/* A message that starts with a long path keeps its end, which says why:
 * a folder of 1,200 characters pushed the reason out of its 1,024. */
static void test_a_long_path_keeps_the_reason(void **state) {
    (void)state;
    char name[1300] = "", cmd[2000], *out = NULL;
    while (strlen(name) < 1200) strcat(name, "/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    snprintf(cmd, sizeof cmd, "'%s' run '%s' --no-plot --quiet --out '%s%s'",
             MISHI_CLI, yaml_path, yaml_path, name); /* under a file */
    assert_int_equal(run_shell(cmd, &out), 1);
    if (!strstr(out, "mishi: cannot create the output folder '") ||
        !strstr(out, " ... ") || !strstr(out, "eee': Not a directory"))
        fail_msg("the reason is cut off: %s", out);
    free(out);
}

static void test_unknown_command_suggests(void **state) {
    (void)state;
    expect("rnu", 2, "unknown command 'rnu'; did you mean 'run'?");
    expect("parms", 2, "did you mean 'params'?");
    /* a word shortened keeps its start: not '--jobs', nearer in letters */
    expect("experiment E7 --reps 3", 2, "did you mean '--replicates'?");
    expect("xyzzy", 2, "unknown command 'xyzzy'");
}

/* A missing input is named and exits 1 whichever command reads it: a
 * scenario, a sweep or an experiment, by path or by name; 2 is kept for a
 * command line that cannot be parsed. */
static void test_missing_scenario_names_the_file(void **state) {
    (void)state;
    expect("run /nonexistent/missing-scenario.yaml --no-plot", 1,
           "missing-scenario.yaml");
    expect("sweep /nonexistent/missing-sweep.yaml", 1, "missing-sweep.yaml");
    expect("experiment /nonexistent/missing-experiment.yaml", 1,
           "/nonexistent/missing-experiment.yaml: no such file");
    expect("experiment no-such-experiment", 1,
           "no experiments/no-such-experiment.yaml here");
    expect("experiment no-such-experiment", 1,
           "the experiments there are E1 E2");
}

static void run_tiny(const char *dir, const char *flags) {
    char args[512];
    snprintf(args, sizeof args, "run '%s' --out '%s/%s' %s", yaml_path,
             tmp_root, dir, flags);
    expect(args, 0, NULL);
}

static void test_threads_give_identical_output(void **state) {
    (void)state;
    run_tiny("t1", "--threads 1 --no-plot --quiet");
    run_tiny("t2", "--threads 2 --no-plot --quiet");
    const char *files[] = {"firms.csv", "market.csv"};
    for (int i = 0; i < 2; i++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/t1/%s", tmp_root, files[i]);
        snprintf(b, sizeof b, "%s/t2/%s", tmp_root, files[i]);
        assert_same_file(a, b);
    }
}

/* The plot draws a firm that is a class of its own (a protagonist, as
 * Xiaomi is among 500 makers) even when it is not among the top sellers,
 * which fill the rest of the panel. */
static void test_plot_draws_a_class_of_its_own(void **state) {
    (void)state;
    run_tiny("protagonist", "--set firms.faders.count=1 --set firms.faders.price=3 "
                            "--no-plot --quiet");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/protagonist", tmp_root);
    char *summary = read_all(path_in(dir, "summary.json"));
    char *plot = read_all(path_in(dir, "plot.gp"));
    assert_non_null(summary);
    assert_non_null(plot);
    /* firm 12, the one fader, sold too little to be a top seller */
    const char *top = strstr(summary, "\"top_firms\": [");
    assert_non_null(top);
    assert_null(strstr(top, "12"));
    assert_non_null(strstr(plot, "= 'faders'"));
    assert_non_null(strstr(plot, "\ntop = \""));
    assert_non_null(strstr(plot, "of each firm that is a class of its own"));
    free(summary);
    free(plot);
}

/* A folder where a run writes one of its files stops the run before any
 * file is replaced: the folder keeps the earlier run whole, not its CSVs
 * beside another run's summary. */
static void test_a_folder_in_the_way_replaces_nothing(void **state) {
    (void)state;
    run_tiny("in-the-way", "--no-plot --quiet");
    char dir[256], market[300], before[300], args[512];
    snprintf(dir, sizeof dir, "%s/in-the-way", tmp_root);
    snprintf(market, sizeof market, "%s/market.csv", dir);
    snprintf(before, sizeof before, "%s/market-before.csv", tmp_root);
    assert_int_equal(rename(market, before), 0);
    assert_int_equal(link(before, market), 0);
    assert_int_equal(remove(path_in(dir, "plot.gp")), 0);
    assert_int_equal(mkdir(path_in(dir, "plot.gp"), 0755), 0);
    snprintf(args, sizeof args, "run '%s' --out '%s' --no-plot --set seed=9",
             yaml_path, dir);
    expect(args, 1, "plot.gp' is a folder, where this writes a file");
    assert_same_file(market, before);
}

/* A mechanism switched on that never acts is named in run's report and
 * in summary.json: a flash sale of 100,000 never sells out to 3,000
 * consumers. */
static void test_run_reports_an_idle_mechanism(void **state) {
    (void)state;
    char args[512];
    snprintf(args, sizeof args, "run '%s' --out '%s/idle' --no-plot "
             "--set firms.faders.flash_batch=100000", yaml_path, tmp_root);
    expect(args, 0, "  idle: flash sales for faders (firms[].flash_batch > 0): "
                    "firms.flash_unmet was 0 every week; ");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/idle", tmp_root);
    char *summary = read_all(path_in(dir, "summary.json"));
    assert_non_null(summary);
    assert_non_null(strstr(summary, "\"idle_mechanisms\": [\n    {\"mechanism\": "));
    assert_non_null(strstr(summary, "    {\"mechanism\": "
                                    "\"flash sales\", \"switched_on_by\": "
                                    "\"firms[].flash_batch > 0\", \"classes\": "
                                    "\"faders\", \"measure\": \"firms.flash_unmet\""));
    free(summary);
    snprintf(args, sizeof args, "run '%s' --out '%s/idle' --no-plot "
             "--set firms.faders.flash_batch=1", yaml_path, tmp_root);
    char *out;
    assert_int_equal(mishi(args, &out), 0);
    assert_null(strstr(out, "idle: flash sales"));
    free(out);
}

/* A sweep file `name` in the tests' folder, of the tiny scenario and then
 * `body`; its path into path[0..size). */
static void write_sweep(const char *name, const char *body, char *path, size_t size) {
    snprintf(path, size, "%s/%s", tmp_root, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "scenario: %s\n%s", yaml_path, body);
    assert_int_equal(fclose(f), 0);
}

/* A --set of a key that only a mechanism the scenario switches off reads
 * is warned of on stderr, with what would switch it on, and the run goes
 * on; once another --set switches the mechanism on, no warning. */
static void test_run_warns_of_a_setting_it_cannot_read(void **state) {
    (void)state;
    char cmd[1024], *err;
    snprintf(cmd, sizeof cmd, "{ '%s' run '%s' --out '%s/unread' --no-plot "
             "--set weeks=3 --set social.reach=0.5 --set "
             "firms.faders.flash_patience=0.3 >/dev/null; }", MISHI_CLI,
             yaml_path, tmp_root);
    assert_int_equal(run_shell(cmd, &err), 0); /* stderr alone */
    if (!strstr(err, "mishi: warning: --set social.reach=0.5: social.reach is "
                     "read only by advocates (switched on by firms[].service "
                     "in-house, advocate_share > 0, retention_budget > 0) and "
                     "posts (switched on by firms[].post_rate > 0), which the "
                     "scenario switches off; the value cannot change the run\n") ||
        !strstr(err, "mishi: warning: --set firms.faders.flash_patience=0.3: "
                     "firms.faders.flash_patience is read only by flash sales "
                     "(switched on by firms[].flash_batch > 0), which the "
                     "scenario switches off for firm class faders; the value "
                     "cannot change the run\n"))
        fail_msg("expected both warnings on stderr, got:\n%s", err);
    free(err);
    char args[512], *out;
    snprintf(args, sizeof args, "run '%s' --out '%s/unread' --no-plot --set "
             "weeks=3 --set social.reach=0.5 --set firms.local.post_rate=0.1 "
             "--set firms.faders.flash_patience=0.3 --set "
             "firms.faders.flash_batch=5 --set choice.beta=2", yaml_path, tmp_root);
    assert_int_equal(mishi(args, &out), 0);
    if (strstr(out, "warning")) fail_msg("no warning expected, got:\n%s", out);
    free(out);
}

/* A sweep that varies a key no point of it reads says so on stderr
 * before its first run, and runs. */
static void test_sweep_warns_of_a_key_no_run_reads(void **state) {
    (void)state;
    char sweep[300], cmd[1024], *err;
    write_sweep("unread-sweep.yaml", "set: {weeks: 2}\n"
                "measures: {units: {column: market.units}}\n"
                "vary:\n  social.reach: [10, 100]\n", sweep, sizeof sweep);
    snprintf(cmd, sizeof cmd, "{ '%s' sweep '%s' --db '%s/unread.sqlite' --jobs 1 "
             ">/dev/null; }", MISHI_CLI, sweep, tmp_root);
    assert_int_equal(run_shell(cmd, &err), 0); /* stderr alone */
    char warning[512];
    snprintf(warning, sizeof warning, "mishi: warning: %s:5: vary.social.reach: "
             "social.reach is read only by advocates", sweep);
    const char *said = strstr(err, warning), *first_run = strstr(err, "mishi: run 0 ");
    if (!said || !first_run || said > first_run)
        fail_msg("expected \"%s\" before the first run, got:\n%s", warning, err);
    assert_non_null(strstr(said, "at every point where the sweep gives it; its "
                                 "values cannot change the runs\n"));
    free(err);
}

/* Child `pid`, once `path` exists (under the sanitizers a run takes a
 * while to start writing), is sent `sig` and must die of it, as the
 * shell expects. */
static void signal_once_there(pid_t pid, const char *path, int sig) {
    const struct timespec moment = {0, 10000000};
    for (int k = 0; k < 3000 && access(path, F_OK) != 0; k++) nanosleep(&moment, NULL);
    assert_int_equal(access(path, F_OK), 0);
    kill(pid, sig);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == sig);
}

static void terminate_once_there(pid_t pid, const char *path) {
    signal_once_there(pid, path, SIGTERM);
}

/* mishi with `argv` (argv[0] the program) as a child, its output into
 * the file `output` and, if `path_first` is not NULL, that folder first
 * on its PATH; the child's pid. */
static pid_t start_mishi(const char *output, const char *path_first,
                         char *const argv[]) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid > 0) return pid;
    int to = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(to, 1), dup2(to, 2);
    if (path_first) {
        char path[4096];
        snprintf(path, sizeof path, "%s:%s", path_first, getenv("PATH"));
        setenv("PATH", path, 1);
    }
    execv(MISHI_CLI, argv);
    _exit(127);
}

/* A run killed mid-way takes its half-written temporaries with it and
 * dies of the signal, as the shell expects; the folder it made for them,
 * left empty, goes too, and so do the parents it made for that. */
static void test_killed_run_leaves_no_temporaries(void **state) {
    (void)state;
    char top[256], dir[300], market[400], firms[400];
    snprintf(top, sizeof top, "%s/killed", tmp_root);
    snprintf(dir, sizeof dir, "%s/a/b", top);
    snprintf(market, sizeof market, "%s/market.csv.tmp", dir);
    snprintf(firms, sizeof firms, "%s/firms.csv.tmp", dir);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--set", "weeks=60000",
                    "--no-plot", "--quiet", "--out", dir, NULL};
    terminate_once_there(start_mishi("/dev/null", NULL, argv), market);
    assert_int_not_equal(access(market, F_OK), 0);
    assert_int_not_equal(access(firms, F_OK), 0);
    assert_int_not_equal(access(dir, F_OK), 0);
    assert_int_not_equal(access(top, F_OK), 0);
    assert_int_equal(access(tmp_root, F_OK), 0);
}

/* A second run into a folder a run is writing is refused, naming the
 * folder, and leaves the first run's files alone: both wrote the same
 * temporaries, so that one run's firms.csv could hold rows of both, and
 * the other's rename failed. The lock goes with the process holding it. */
static void test_a_folder_takes_one_run_at_a_time(void **state) {
    (void)state;
    char dir[300], market[400], args[1024];
    snprintf(dir, sizeof dir, "%s/one-at-a-time", tmp_root);
    snprintf(market, sizeof market, "%s/market.csv.tmp", dir);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--set", "weeks=60000",
                    "--no-plot", "--quiet", "--out", dir, NULL};
    pid_t first = start_mishi("/dev/null", NULL, argv);
    const struct timespec moment = {0, 10000000};
    for (int k = 0; k < 3000 && access(market, F_OK) != 0; k++) nanosleep(&moment, NULL);
    snprintf(args, sizeof args, "run '%s' --no-plot --quiet --out '%s'", yaml_path, dir);
    char said[512];
    snprintf(said, sizeof said, "mishi: '%s' is being written by another mishi "
             "run: wait for it to end, or write this run to another folder\n", dir);
    expect(args, 1, said);
    assert_int_equal(access(market, F_OK), 0); /* the first run's, still there */
    terminate_once_there(first, market);
    expect(args, 0, NULL);
    assert_true(file_size(path_in(dir, "market.csv")) > 100);
}

/* `mpirun -np 2 mishi run` would run the whole scenario twice into one
 * folder: each process is told that a run uses threads and a sweep ranks
 * (mpirun's word in the environment is enough to show it, and OpenMPI
 * sets OMPI_COMM_WORLD_SIZE in every process it starts); one process
 * started by mpirun runs as usual. */
static void test_a_run_is_not_spread_over_ranks(void **state) {
    (void)state;
    char command[2048], *out = NULL;
    snprintf(command, sizeof command, "OMPI_COMM_WORLD_SIZE=2 '%s' run '%s' "
             "--no-plot --quiet --out '%s/ranks'", MISHI_CLI, yaml_path, tmp_root);
    assert_int_equal(run_shell(command, &out), 2);
    assert_non_null(strstr(out, "mishi: run: started as 2 processes by mpirun; a "
                                "run is one process, which uses the cores with "
                                "--threads"));
    free(out);
    assert_int_not_equal(access(path_in(tmp_root, "ranks"), F_OK), 0);
    snprintf(command, sizeof command, "OMPI_COMM_WORLD_SIZE=1 '%s' run '%s' "
             "--no-plot --quiet --out '%s/ranks'", MISHI_CLI, yaml_path, tmp_root);
    assert_int_equal(run_shell(command, &out), 0);
    free(out);
}

/* mishi with `argv` as a child whose files may grow to `bytes` at most,
 * its output into the file `output`; its exit status. Past the limit a
 * write fails (EFBIG), as on a disk that fills up mid-run. */
static int mishi_with_file_limit(const char *output, rlim_t bytes, char *const argv[]) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit limit = {bytes, bytes};
        signal(SIGXFSZ, SIG_IGN); /* a write past it fails rather than kills */
        setrlimit(RLIMIT_FSIZE, &limit);
        int to = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(to, 1), dup2(to, 2);
        execv(MISHI_CLI, argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A run that fails after it made its folder (its disk full) leaves the
 * file system as it found it: the folder and the parents made for it go,
 * the folder that was there stays. */
static void test_failed_run_leaves_no_folders(void **state) {
    (void)state;
    char top[256], dir[300], log[300];
    snprintf(top, sizeof top, "%s/failed", tmp_root);
    snprintf(dir, sizeof dir, "%s/a/b/c", top);
    snprintf(log, sizeof log, "%s/failed.log", tmp_root);
    assert_int_equal(mkdir(top, 0755), 0);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--no-plot", "--out", dir, NULL};
    assert_int_equal(mishi_with_file_limit(log, 4096, argv), 1);
    char *said = read_all(log);
    assert_non_null(said);
    assert_non_null(strstr(said, "cannot write"));
    free(said);
    assert_int_not_equal(access(path_in(top, "a"), F_OK), 0);
    assert_int_equal(access(top, F_OK), 0);
}

/* A stand-in for gnuplot, the shell script `body`, as tmp_root/NAME/gnuplot;
 * the folder to put first on PATH goes into `bin`. */
static void fake_gnuplot(const char *name, const char *body, char *bin, size_t size) {
    char fake[400];
    snprintf(bin, size, "%s/%s", tmp_root, name);
    snprintf(fake, sizeof fake, "%s/gnuplot", bin);
    mkdir(bin, 0755);
    FILE *f = fopen(fake, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    chmod(fake, 0755);
}

/* Like mishi(), with the folder `bin` first on PATH. */
static int mishi_on_path(const char *bin, const char *args, char **output) {
    char *was = strdup(getenv("PATH")), path[4096];
    assert_non_null(was);
    snprintf(path, sizeof path, "%s:%s", bin, was);
    setenv("PATH", path, 1);
    int status = mishi(args, output);
    setenv("PATH", was, 1);
    free(was);
    return status;
}

/* A run killed while gnuplot draws leaves no half-drawn picture beside
 * its data: a stand-in gnuplot writes part of plot.png and waits. */
static void test_killed_drawing_leaves_no_picture(void **state) {
    (void)state;
    char dir[256], bin[300], png[300];
    snprintf(dir, sizeof dir, "%s/drawing", tmp_root);
    snprintf(png, sizeof png, "%s/plot.png", dir);
    fake_gnuplot("fakebin", "printf 'half a picture' > plot.png\nexec sleep 5", bin,
                 sizeof bin);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--quiet", "--out", dir, NULL};
    terminate_once_there(start_mishi("/dev/null", bin, argv), png);
    assert_int_not_equal(access(png, F_OK), 0);
    assert_int_equal(access(path_in(dir, "market.csv"), F_OK), 0); /* the data stay */
}

/* What a gnuplot that exits 0 on a full disk leaves of SCRIPT's drawings
 * (the stem of $1): a cut SVG and an empty PNG, or a whole SVG and a PNG
 * cut after its signature; the drawing mishi must name for each. */
static const char *const cut_drawings[][2] = {
    {"printf '<svg><g>' > \"${1%.gp}.svg\"; : > \"${1%.gp}.png\"", "svg"},
    {"printf '<svg></svg>\\n' > \"${1%.gp}.svg\"\n"
     "printf '\\211PNG\\r\\n\\032\\n' > \"${1%.gp}.png\"", "png"},
};

/* A drawing gnuplot left cut short, though it exited 0 (as it does on a
 * full disk), is not drawn: mishi names it, removes both pictures and
 * goes on as when gnuplot fails (the run succeeds, its data whole, and
 * its report names no picture). */
static void test_cut_drawing_is_not_drawn(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof cut_drawings / sizeof cut_drawings[0]; k++) {
        char name[32], bin[300], dir[256], args[512], said[700], *out;
        snprintf(name, sizeof name, "cut-%zu", k);
        fake_gnuplot(name, cut_drawings[k][0], bin, sizeof bin);
        snprintf(dir, sizeof dir, "%s/%s/out", tmp_root, name);
        snprintf(args, sizeof args, "run '%s' --out '%s'", yaml_path, dir);
        int status = mishi_on_path(bin, args, &out);
        snprintf(said, sizeof said, "mishi: warning: gnuplot left %s/plot.%s "
                 "incomplete (is the disk full?); the data files are complete\n",
                 dir, cut_drawings[k][1]);
        if (status != 0 || !strstr(out, said)) print_error("%s\n", out);
        assert_int_equal(status, 0);
        assert_non_null(strstr(out, said));
        assert_non_null(strstr(out, "summary.json, plot.gp)\n"));
        free(out);
        assert_int_equal(access(path_in(dir, "plot.svg"), F_OK), -1);
        assert_int_equal(access(path_in(dir, "plot.png"), F_OK), -1);
        assert_true(file_size(path_in(dir, "market.csv")) > 100);
    }
}

/* validate draws through the same check: a case's cut drawing is named
 * and removed, and the report does not say the cases were drawn. */
static void test_validate_cut_drawing_is_not_drawn(void **state) {
    (void)state;
    char bin[300], dir[256], args[512], *out;
    fake_gnuplot("cut-validate", cut_drawings[0][0], bin, sizeof bin);
    snprintf(dir, sizeof dir, "%s/cut-validate/out", tmp_root);
    snprintf(args, sizeof args, "validate --scale 0.05 --case logit-shares "
             "--out '%s'", dir);
    assert_int_equal(mishi_on_path(bin, args, &out), 0);
    assert_non_null(strstr(out, "logit-shares.svg incomplete (is the disk full?)"));
    assert_null(strstr(out, "drawn as .svg and .png"));
    free(out);
    assert_int_equal(access(path_in(dir, "logit-shares.svg"), F_OK), -1);
    assert_int_equal(access(path_in(dir, "logit-shares.png"), F_OK), -1);
}

/* A stand-in for a gnuplot still drawing: it has written part of
 * plot.svg, says its pid in gnuplot.pid, and waits; stopped by SIGTERM,
 * it writes more of plot.svg as it goes (as a program that flushes what
 * it has drawn), so a picture removed before it is gone comes back. */
static const char slow_gnuplot[] =
    "trap 'kill $sleeper; printf \"</g>\" >> plot.svg; exit 1' TERM\n"
    "printf '<svg><g>' > plot.svg\n"
    "sleep 20 & sleeper=$!\n"
    "echo $$ > gnuplot.pid.tmp && mv gnuplot.pid.tmp gnuplot.pid\n"
    "wait";

/* Whether process `pid` is there still: a zombie, dead but not reaped
 * (an orphan's reaper here may be slow, or none), is not. */
static int is_running(pid_t pid) {
    if (kill(pid, 0) != 0) return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    char *stat = read_all(path);
    if (!stat) return 1; /* no /proc: kill's word stands */
    const char *state = strrchr(stat, ')');
    int running = !state || (state[2] != 'Z' && state[2] != 'X');
    free(stat);
    return running;
}

/* Whether `pid` ends within five seconds; ended if not, so that a failed
 * test leaves nothing running. */
static int ends_soon(pid_t pid) {
    const struct timespec moment = {0, 10000000};
    for (int k = 0; k < 500 && is_running(pid); k++) nanosleep(&moment, NULL);
    int ended = !is_running(pid);
    if (!ended) kill(pid, SIGKILL);
    return ended;
}

/* mishi run into tmp_root/NAME with slow_gnuplot drawing, sent `sig`
 * once gnuplot draws; the stand-in's pid. */
static pid_t signal_while_drawing(const char *name, int sig, char *dir, size_t size) {
    char bin[300];
    snprintf(dir, size, "%s/%s/out", tmp_root, name);
    fake_gnuplot(name, slow_gnuplot, bin, sizeof bin);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--quiet", "--out", dir, NULL};
    signal_once_there(start_mishi("/dev/null", bin, argv), path_in(dir, "gnuplot.pid"),
                      sig);
    char *text = read_all(path_in(dir, "gnuplot.pid"));
    assert_non_null(text);
    pid_t pid = (pid_t)atoi(text);
    free(text);
    return pid;
}

/* `kill` of mishi alone, while gnuplot draws, ends gnuplot too, and only
 * then removes the pictures, which it cannot write again. */
static void test_killed_mishi_ends_gnuplot(void **state) {
    (void)state;
    char dir[256];
    pid_t gnuplot = signal_while_drawing("slow-term", SIGTERM, dir, sizeof dir);
    assert_true(ends_soon(gnuplot));
    assert_int_equal(access(path_in(dir, "plot.svg"), F_OK), -1);
    assert_int_equal(access(path_in(dir, "plot.png"), F_OK), -1);
}

/* Even a SIGKILL of mishi, which no handler sees, ends gnuplot (on Linux,
 * where gnuplot asks to be told of its parent's death). */
static void test_sigkilled_mishi_ends_gnuplot(void **state) {
    (void)state;
#ifdef __linux__
    char dir[256];
    assert_true(ends_soon(signal_while_drawing("slow-kill", SIGKILL, dir, sizeof dir)));
#else
    skip();
#endif
}

/* A stand-in for a gnuplot that ignores SIGTERM (and so its sleep too). */
static const char stubborn_gnuplot[] =
    "trap '' TERM\n"
    "printf '<svg><g>' > plot.svg\n"
    "echo $$ > gnuplot.pid.tmp && mv gnuplot.pid.tmp gnuplot.pid\n"
    "sleep 20";

/* A gnuplot deaf to SIGTERM does not keep a killed mishi from ending: the
 * handler, which waits for gnuplot, ends it with SIGKILL. */
static void test_stubborn_gnuplot_does_not_hold_mishi(void **state) {
    (void)state;
    char bin[300], dir[256];
    snprintf(dir, sizeof dir, "%s/stubborn/out", tmp_root);
    fake_gnuplot("stubborn", stubborn_gnuplot, bin, sizeof bin);
    char *argv[] = {MISHI_CLI, "run", yaml_path, "--quiet", "--out", dir, NULL};
    const struct timespec moment = {0, 10000000};
    struct timespec start, end;
    pid_t mishi_pid = start_mishi("/dev/null", bin, argv);
    for (int k = 0; k < 3000 && access(path_in(dir, "gnuplot.pid"), F_OK) != 0; k++)
        nanosleep(&moment, NULL);
    clock_gettime(CLOCK_MONOTONIC, &start);
    signal_once_there(mishi_pid, path_in(dir, "gnuplot.pid"), SIGTERM);
    clock_gettime(CLOCK_MONOTONIC, &end);
    char *text = read_all(path_in(dir, "gnuplot.pid"));
    pid_t gnuplot = text ? (pid_t)atoi(text) : 0;
    free(text);
    if (gnuplot > 0 && is_running(gnuplot)) kill(gnuplot, SIGKILL);
    /* the stand-in's 20 s sleep would hold mishi that long */
    assert_true(end.tv_sec - start.tv_sec < 10);
    assert_int_equal(access(path_in(dir, "plot.svg"), F_OK), -1);
}

/* A sweep interrupted says, as it dies, where its finished runs are and
 * that the same command takes it up. */
static void test_killed_sweep_says_how_to_resume(void **state) {
    (void)state;
    char sweep[300], db[300], log[300];
    snprintf(db, sizeof db, "%s/long-sweep.sqlite", tmp_root);
    snprintf(log, sizeof log, "%s/long-sweep.log", tmp_root);
    write_sweep("long-sweep.yaml", "set: {weeks: 60000}\nseed: 1\nreplicates: 2\n"
                "vary:\n  consumers.transient_share: [0.1, 0.5]\n"
                "measures:\n  units: {column: market.units}\n", sweep, sizeof sweep);
    char *argv[] = {MISHI_CLI, "sweep", sweep, "--db", db, "--jobs", "1", NULL};
    terminate_once_there(start_mishi(log, NULL, argv), db);
    char *said = read_all(log);
    assert_non_null(said);
    assert_non_null(strstr(said, "the finished runs are kept in"));
    assert_non_null(strstr(said, "the same command again runs the rest"));
    free(said);
}

static void test_seed_and_set_apply(void **state) {
    (void)state;
    run_tiny("seeded", "--seed 99 --set weeks=7 --no-plot --quiet");
    char path[256];
    snprintf(path, sizeof path, "%s/seeded/summary.json", tmp_root);
    char *json = read_all(path);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"seed\": 99"));
    assert_non_null(strstr(json, "\"weeks_simulated\": 7"));
    assert_non_null(strstr(json, "\"setup_seconds\""));
    assert_non_null(strstr(json, "\"threads\""));
    free(json);
    /* a number too small for a double reads as 0 where 0 is in range, as
     * in a file (test_scenario tiny_numbers_round); a whole number so
     * written is refused */
    run_tiny("tiny-share", "--set consumers.transient_share=1e-400 --set weeks=2 "
                           "--no-plot --quiet");
    snprintf(path, sizeof path, "%s/tiny-share/summary.json", tmp_root);
    json = read_all(path);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"transient_share\": 0,"));
    free(json);
    char args[512];
    snprintf(args, sizeof args, "run '%s' --set firms.0.count=1e-400 --no-plot", yaml_path);
    expect(args, 2, "--set: firms.0.count=1e-400: expected a whole number from 0 to "
                    "65000, got '1e-400'");
}

static void test_run_summary_and_plots(void **state) {
    (void)state;
    char args[512], *out;
    snprintf(args, sizeof args, "run '%s' --out '%s/plotted'", yaml_path,
             tmp_root);
    assert_int_equal(mishi(args, &out), 0);
    assert_non_null(strstr(out, "25 weeks"));
    assert_non_null(strstr(out, "3000 consumers"));
    assert_non_null(strstr(out, "active firms"));
    free(out);
    if (!gnuplot_installed()) skip();
    char dir[256];
    snprintf(dir, sizeof dir, "%s/plotted", tmp_root);
    assert_true(file_size(path_in(dir, "plot.svg")) > 1000);
    assert_true(file_size(path_in(dir, "plot.png")) > 1000);
    /* a run into the same folder that draws nothing leaves no picture of
     * the last run beside its own data */
    snprintf(args, sizeof args, "run '%s' --out '%s/plotted' --no-plot --quiet",
             yaml_path, tmp_root);
    assert_int_equal(mishi(args, NULL), 0);
    assert_int_equal(access(path_in(dir, "plot.svg"), F_OK), -1);
    assert_int_equal(access(path_in(dir, "plot.png"), F_OK), -1);
    assert_true(file_size(path_in(dir, "plot.gp")) > 1000);
}

static void test_default_out_folder(void **state) {
    (void)state;
    char cmd[1024], path[256];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' run tiny.yaml --no-plot --quiet",
             tmp_root, MISHI_CLI);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/out/tiny/market.csv", tmp_root);
    assert_true(file_size(path) > 0);
    /* an edited copy keeps the name, so the folder: it says so */
    snprintf(cmd, sizeof cmd, "cd '%s' && cp tiny.yaml tiny-copy.yaml && '%s' run "
             "tiny-copy.yaml --no-plot", tmp_root, MISHI_CLI);
    char *said = NULL;
    assert_int_equal(run_shell(cmd, &said), 0);
    assert_non_null(strstr(said, "note: out/tiny/ held the outputs of another scenario "
                                 "file named 'tiny'"));
    free(said);
}

static void test_validate_reports(void **state) {
    (void)state;
    expect("validate --scale 0.05 --threads 1 --case logit-shares", 0,
           "logit-shares");
    expect("validate --scale 0.05 --case logit-shares", 0, "PASS");
    expect("validate --scale 0", 2, "--scale: expected a number above 0");
    expect("validate --scael 1", 2, "did you mean '--scale'?");
    expect("validate --scale 1e-300 --case logit-shares", 0,
           "ran with 1000 consumers, the fewest at which its statistic means anything");
}

/* Lines in `text`, which ends each with '\n'. */
static void test_validate_writes_tables(void **state) {
    (void)state;
    char dir[256], args[512];
    snprintf(dir, sizeof dir, "%s/validation/new", tmp_root); /* mkdir -p */
    snprintf(args, sizeof args, "validate --scale 0.05 --case logit-shares "
             "--out '%s' --no-plot", dir);
    expect(args, 0, "PASS");
    char *cases = read_written(dir, "validation.csv");
    assert_int_equal(count_lines(cases), 2);
    assert_non_null(strstr(cases, "case,statistic,measured,expected,limit,"
                                  "sample,passed\nlogit-shares,"));
    assert_string_equal(strrchr(cases, ','), ",1\n");
    char *curves = read_written(dir, "curves.csv");
    assert_int_equal(count_lines(curves), 12);
    assert_non_null(strstr(curves, "case,panel,series,x,simulated,theory\n"
                                   "logit-shares,shares of choices,firms only,1,"));
    char *details = read_written(dir, "details.csv");
    assert_int_equal(count_lines(details), 17);
    char *script = read_written(dir, "logit-shares.gp");
    assert_non_null(strstr(script, "$s1 << EOD\n"));
    assert_non_null(strstr(script, "set terminal svg"));
    assert_non_null(strstr(script, "set multiplot layout 1,1"));
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s/validation.csv.tmp", dir);
    assert_int_equal(file_size(tmp), -1);
    free(cases), free(curves), free(details), free(script);
}

static void test_validate_plots(void **state) {
    (void)state;
    if (!gnuplot_installed()) skip();
    char dir[256], args[512];
    snprintf(dir, sizeof dir, "%s/validation-plotted", tmp_root);
    snprintf(args, sizeof args, "validate --scale 0.05 --case logit-shares "
             "--out '%s'", dir);
    expect(args, 0, ".svg and .png");
    assert_true(file_size(path_in(dir, "logit-shares.svg")) > 1000);
    assert_true(file_size(path_in(dir, "logit-shares.png")) > 1000);
}

static void test_validate_bad_case_or_folder(void **state) {
    (void)state;
    expect("validate --case nosuch", 2,
           "--case: unknown case 'nosuch' (cases: bass-diffusion, ");
    expect("validate --case nosuch", 2, "logit-shares");
    expect("validate --case logit-share", 2, "did you mean 'logit-shares'?");
    expect("validate --case", 2, "--case: expected");
    expect("validate --ot x", 2, "did you mean '--out'?");
    char args[512];
    snprintf(args, sizeof args, "validate --case logit-shares --out '%s/sub'",
             yaml_path); /* a file, not a folder */
    expect(args, 1, "cannot create the output folder");
}

static void test_bench_reports(void **state) {
    (void)state;
    char *out;
    int status = mishi("bench --consumers 2000 --firms 10 --weeks 10 --threads 1",
                       &out);
    if (status != 0) print_error("%s\n", out);
    assert_int_equal(status, 0);
    const char *keys[] = {"setup_seconds: ", "run_seconds: ", "weeks_per_second: ",
                          "consumer_weeks_per_second: ", "bytes_per_consumer: ",
                          "peak_rss_mib: ", "weeks: 10"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_non_null(strstr(out, keys[i]));
    assert_null(strstr(out, "span:"));
    free(out);
    /* --every: spans of 4 weeks, the last one short */
    status = mishi("bench --consumers 2000 --firms 10 --weeks 10 --threads 1 "
                   "--every 4", &out);
    assert_int_equal(status, 0);
    const char *spans[] = {"span: weeks     1-4 ", "span: weeks     5-8 ",
                           "span: weeks     9-10 "};
    for (size_t i = 0; i < 3; i++)
        if (!strstr(out, spans[i])) fail_msg("no '%s' in:\n%s", spans[i], out);
    const char *last = strstr(out, spans[2]);
    assert_null(strstr(last + 1, "span:"));
    free(out);
}

/* The line "checksum: ..." of `mishi ARGS`, to free. */
static char *bench_checksum(const char *args) {
    char *out;
    int status = mishi(args, &out);
    if (status != 0) print_error("%s\n", out);
    assert_int_equal(status, 0);
    char *line = strstr(out, "checksum: ");
    assert_non_null(line);
    char *checksum = strndup(line, strcspn(line, "\n"));
    free(out);
    return checksum;
}

/* Each reference workload runs, and its checksum does not depend on the
 * number of threads. */
static void test_bench_workloads(void **state) {
    (void)state;
    const char *const names[] = {"main", "wkh", "bass"};
    for (size_t k = 0; k < 3; k++) {
        char args[160];
        snprintf(args, sizeof args,
                 "bench --workload %s --consumers 3000 --weeks 20 --threads 1",
                 names[k]);
        char *one = bench_checksum(args);
        args[strlen(args) - 1] = '2';
        char *two = bench_checksum(args);
        assert_string_equal(one, two);
        free(one), free(two);
    }
    expect("bench --workload fast", 2, "--workload: expected main, wkh or bass");
    expect("bench --workload wkh --firms 17", 2, "--firms");
    /* a ring too small to be one (1: no friends at all) is refused, not
     * timed as if it were, whichever flag comes first; 11 is one */
    expect("bench --workload bass --consumers 10 --weeks 1", 2,
           "--consumers: expected at least 11 for --workload bass, got '10'");
    expect("bench --consumers 1 --workload bass --weeks 1", 2,
           "--consumers: expected at least 11 for --workload bass, got '1'");
    expect("bench --workload bass --consumers 11 --weeks 1", 0, "consumers: 11");
}

/* A run does not depend on which code glibc picked for its maths at load
 * time: with its fused multiply-add code turned off (the code of a CPU
 * without it), every workload's checksum is the same. Before the model had
 * its own exp, log and pow (src/base/exp_log.h), main's here was not: with
 * libm's pow in their place it still is not. Outside glibc the setting is
 * ignored and the test shows nothing. */
static void test_bench_does_not_depend_on_libm_code(void **state) {
    (void)state;
    const char *const names[] = {"main", "wkh", "bass"};
    for (size_t k = 0; k < 3; k++) {
        char args[160];
        snprintf(args, sizeof args,
                 "bench --workload %s --consumers 20000 --weeks 40 --threads 2", names[k]);
        char *as_loaded = bench_checksum(args);
        assert_int_equal(setenv("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2,-FMA", 1), 0);
        char *without_fma = bench_checksum(args);
        assert_int_equal(unsetenv("GLIBC_TUNABLES"), 0);
        assert_string_equal(as_loaded, without_fma);
        free(as_loaded), free(without_fma);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params_lists_the_schema),
        cmocka_unit_test(test_version_and_help),
        cmocka_unit_test(test_help_lists_every_command_and_flag),
        cmocka_unit_test(test_every_command_suggests_its_flags),
        cmocka_unit_test(test_flag_equals_value),
        cmocka_unit_test(test_strategies_listing),
        cmocka_unit_test(test_outputs_listing),
        cmocka_unit_test(test_bad_flags_exit_2),
        cmocka_unit_test(test_a_name_too_long_is_refused),
        cmocka_unit_test(test_a_long_path_keeps_the_reason),
        cmocka_unit_test(test_csv_over_a_pipe_is_refused),
        cmocka_unit_test(test_unknown_command_suggests),
        cmocka_unit_test(test_missing_scenario_names_the_file),
        cmocka_unit_test(test_threads_give_identical_output),
        cmocka_unit_test(test_seed_and_set_apply),
        cmocka_unit_test(test_run_summary_and_plots),
        cmocka_unit_test(test_plot_draws_a_class_of_its_own),
        cmocka_unit_test(test_run_reports_an_idle_mechanism),
        cmocka_unit_test(test_run_warns_of_a_setting_it_cannot_read),
        cmocka_unit_test(test_sweep_warns_of_a_key_no_run_reads),
        cmocka_unit_test(test_a_folder_in_the_way_replaces_nothing),
        cmocka_unit_test(test_killed_run_leaves_no_temporaries),
        cmocka_unit_test(test_a_folder_takes_one_run_at_a_time),
        cmocka_unit_test(test_a_run_is_not_spread_over_ranks),
        cmocka_unit_test(test_failed_run_leaves_no_folders),
        cmocka_unit_test(test_killed_drawing_leaves_no_picture),
        cmocka_unit_test(test_killed_sweep_says_how_to_resume),
        cmocka_unit_test(test_cut_drawing_is_not_drawn),
        cmocka_unit_test(test_validate_cut_drawing_is_not_drawn),
        cmocka_unit_test(test_killed_mishi_ends_gnuplot),
        cmocka_unit_test(test_sigkilled_mishi_ends_gnuplot),
        cmocka_unit_test(test_stubborn_gnuplot_does_not_hold_mishi),
        cmocka_unit_test(test_default_out_folder),
        cmocka_unit_test(test_validate_reports),
        cmocka_unit_test(test_validate_writes_tables),
        cmocka_unit_test(test_validate_plots),
        cmocka_unit_test(test_validate_bad_case_or_folder),
        cmocka_unit_test(test_bench_reports),
        cmocka_unit_test(test_bench_workloads),
        cmocka_unit_test(test_bench_does_not_depend_on_libm_code),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
