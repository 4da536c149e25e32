/*
 * listings.c — `mishi params`, `strategies` and `outputs`: the library's
 * registries (scenario parameters, firm strategies, output columns and
 * the mechanisms a run reports idle)
 * printed as tables, aligned for a terminal or, with --markdown, in the
 * form docs/model.md holds them.
 *
 * docs/model.md pastes the Markdown output between markers and its tests
 * compare the two byte for byte, so the docs follow the library's tables
 * rather than restating them; change the format here only together with
 * the docs.
 */
#include <string.h>

#include "cli.h"
#include "mishi_sweep.h"

typedef struct listing_options {
    int markdown, sweep;
} listing_options;

/* Fills a table with rows; `context` narrows what a listing lists. */
typedef int (*listing_rows)(cli_table *t, const void *context);

static int listing_format(const cli_command *self, int argc, char **argv,
                          int *markdown) {
    listing_options o = {0};
    int rc = cli_parse(self, argc, argv, &o);
    *markdown = o.markdown;
    return rc;
}

/* A registry of parameters: the scenario's, or a sweep file's keys. */
typedef struct param_source {
    size_t (*count)(void);
    const mishi_param_info *(*at)(size_t index);
} param_source;

static int print_table(int markdown, const cli_column *columns, size_t count,
                       listing_rows add_rows, const void *context) {
    cli_table t;
    int rc = cli_table_start(&t, markdown, columns, count);
    if (!rc) rc = add_rows(&t, context);
    if (!rc) cli_table_print(&t);
    cli_table_free(&t);
    return rc;
}

/* --------------------------------------------------------------- params */

/* "0..1" at a terminal, "0 – 1" in the docs; "-" for text and strategies. */
static void format_range(const mishi_param_info *p, int markdown, char *buf,
                         size_t n) {
    const char *sep = markdown ? " \u2013 " : "..";
    if (strcmp(p->type, "seed") == 0)
        snprintf(buf, n, "0%s18446744073709551615", sep);
    else if (strcmp(p->type, "int") == 0)
        snprintf(buf, n, "%.0f%s%.0f", p->min, sep, p->max);
    else if (strcmp(p->type, "real") == 0)
        snprintf(buf, n, "%g%s%g", p->min, sep, p->max);
    else snprintf(buf, n, "-");
}

static int add_params(cli_table *t, const void *context) {
    const param_source *source = context;
    int rc = 0;
    for (size_t i = 0; i < source->count() && !rc; i++) {
        const mishi_param_info *p = source->at(i);
        char range[96];
        format_range(p, t->markdown, range, sizeof range);
        /* an empty text default is the empty text; another type with none
         * has no default (a sweep file's `points`, its parts) */
        const char *fallback = p->fallback && *p->fallback ? p->fallback
                               : strcmp(p->type, "text") == 0 ? "\"\"" : "-";
        rc = cli_table_add(t, (const char *const[]){
            p->path, p->type, p->unit, fallback, range, p->doc});
    }
    return rc;
}

/* The designs and the summaries a sweep file can name. */
static int add_named(cli_table *t, const void *context) {
    const char *(*const *names)(int) = context;
    int rc = 0;
    for (int i = 0; names[0](i) && !rc; i++)
        rc = cli_table_add(t, (const char *const[]){names[0](i), names[1](i)});
    return rc;
}

static const char *design_name(int i) { return mishi_design_name((mishi_design)i); }
static const char *design_doc(int i) { return mishi_design_doc((mishi_design)i); }
static const char *summary_name(int i) {
    return mishi_summary_name((mishi_summary)i);
}
static const char *summary_doc(int i) { return mishi_summary_doc((mishi_summary)i); }

/* A sweep file's keys, then its designs and summaries, each a table. */
static int sweep_tables(int markdown, const cli_column *columns, size_t count) {
    static const param_source keys = {mishi_sweep_key_count, mishi_sweep_key_at};
    static const char *(*const designs[2])(int) = {design_name, design_doc};
    static const char *(*const summaries[2])(int) = {summary_name, summary_doc};
    static const cli_column design_columns[] = {
        {"design", 1}, {"how the points are chosen", 0}};
    static const cli_column summary_columns[] = {
        {"summary", 1}, {"the measure's value", 0}};
    printf(markdown ? "#### Keys\n\n" : "keys\n");
    int rc = print_table(markdown, columns, count, add_params, &keys);
    printf(markdown ? "\n#### Designs\n\n" : "\ndesigns\n");
    if (!rc) rc = print_table(markdown, design_columns, 2, add_named, designs);
    printf(markdown ? "\n#### Summaries\n\n" : "\nsummaries\n");
    if (!rc) rc = print_table(markdown, summary_columns, 2, add_named, summaries);
    return rc;
}

static int params_main(const cli_command *self, int argc, char **argv) {
    static const param_source params = {mishi_param_count, mishi_param_at};
    listing_options o = {0};
    int rc = cli_parse(self, argc, argv, &o);
    /* The docs' table has always said "parameter"; a terminal, "path". */
    const cli_column columns[] = {
        {o.sweep ? "key" : o.markdown ? "parameter" : "path", 1}, {"type", 0},
        {"unit", 0}, {"default", 0}, {"range", 0}, {"meaning", 0}};
    if (rc) return rc;
    if (o.sweep) return sweep_tables(o.markdown, columns, CLI_COUNT(columns));
    return print_table(o.markdown, columns, CLI_COUNT(columns), add_params,
                       &params);
}

/* ----------------------------------------------------------- strategies */

/* A registry of rules: the quality strategies, or the price rules. */
typedef struct rule_source {
    size_t (*count)(void);
    const mishi_strategy_info *(*at)(size_t index);
} rule_source;

static int add_rules(cli_table *t, const void *context) {
    const rule_source *source = context;
    int rc = 0;
    for (size_t i = 0; i < source->count() && !rc; i++) {
        const mishi_strategy_info *s = source->at(i);
        rc = cli_table_add(t, (const char *const[]){s->name, s->doc});
    }
    return rc;
}

/* The quality rules (firms[].strategy), then the price rules. */
static int strategies_main(const cli_command *self, int argc, char **argv) {
    static const rule_source quality = {mishi_strategy_count, mishi_strategy_at};
    static const rule_source prices = {mishi_price_rule_count,
                                       mishi_price_rule_at};
    static const cli_column columns[] = {{"strategy", 1}, {"rule", 0}};
    static const cli_column price_columns[] = {{"price_rule", 1}, {"rule", 0}};
    int markdown, rc = listing_format(self, argc, argv, &markdown);
    if (rc) return rc;
    rc = print_table(markdown, columns, CLI_COUNT(columns), add_rules, &quality);
    putchar('\n');
    if (!rc)
        rc = print_table(markdown, price_columns, CLI_COUNT(price_columns),
                         add_rules, &prices);
    return rc;
}

/* -------------------------------------------------------------- outputs */

/* The columns of one file, numbered from 1 as a reader counts them. */
static int add_columns_of(cli_table *t, const void *context) {
    const char *file = context;
    int rc = 0, number = 0;
    for (size_t i = 0; i < mishi_column_count() && !rc; i++) {
        const mishi_column_info *c = mishi_column_at(i);
        if (strcmp(c->file, file) != 0) continue;
        char place[24], meaning[600];
        snprintf(place, sizeof place, "%d", ++number);
        /* a sweep refuses to sum such a column over the firms unasked */
        int level = strcmp(file, "firms.csv") == 0 && !c->additive && !c->names_row;
        snprintf(meaning, sizeof meaning, "%s%s", c->meaning,
                 level ? "; each firm's own level: over firms, a sweep takes "
                         "its mean, max or min" : "");
        rc = cli_table_add(t, (const char *const[]){
            place, c->name, c->unit, meaning});
    }
    return rc;
}

static int first_of_its_file(size_t i) {
    const char *file = mishi_column_at(i)->file;
    for (size_t j = 0; j < i; j++)
        if (strcmp(mishi_column_at(j)->file, file) == 0) return 0;
    return 1;
}

static int add_mechanisms(cli_table *t, const void *context) {
    (void)context;
    int rc = 0;
    for (size_t k = 0; k < mishi_mechanism_count() && !rc; k++) {
        const mishi_mechanism_info *m = mishi_mechanism_at(k);
        size_t count = 0;
        while (m->own_keys[count]) count++;
        char own[512];
        cli_join(m->own_keys, count, own, sizeof own);
        rc = cli_table_add(t, (const char *const[]){
            m->name, m->switched_on_by, own, m->measure, m->needs ? m->needs : "",
            m->meaning});
    }
    return rc;
}

/* The mechanisms a run reports idle (summary.json, `mishi run`), and the
 * keys that cannot change a run while one is off (mishi_scenario_unread). */
static int mechanisms_table(int markdown) {
    static const cli_column columns[] = {
        {"mechanism", 1}, {"switched on by", 1}, {"keys read only when on", 0},
        {"idle while 0", 1}, {"needs (reported instead when both are idle)", 0},
        {"what it means", 0}};
    if (markdown) printf("\n### Idle mechanisms (summary.json)\n\n");
    else printf("\nidle mechanisms (summary.json's idle_mechanisms)\n");
    return print_table(markdown, columns, CLI_COUNT(columns), add_mechanisms, NULL);
}

/* A table per file, in the order the files first appear, then the
 * mechanisms a run watches for never acting. */
static int outputs_main(const cli_command *self, int argc, char **argv) {
    static const cli_column columns[] = {
        {"#", 0}, {"column", 1}, {"unit", 0}, {"meaning", 0}};
    int markdown, rc = listing_format(self, argc, argv, &markdown);
    for (size_t i = 0; i < mishi_column_count() && !rc; i++) {
        if (!first_of_its_file(i)) continue;
        const char *file = mishi_column_at(i)->file;
        if (i > 0) putchar('\n');
        if (markdown) printf("### %s\n\n", file);
        else printf("%s\n", file);
        rc = print_table(markdown, columns, CLI_COUNT(columns), add_columns_of,
                         file);
    }
    return rc ? rc : mechanisms_table(markdown);
}

/* ------------------------------------------------------------- commands */

static const cli_flag listing_flags[] = {
    {"--markdown", NULL, "as Markdown, the form docs/model.md holds",
     .set = cli_set_switch, .field = offsetof(listing_options, markdown)},
};

static const cli_flag params_flags[] = {
    {"--markdown", NULL, "as Markdown, the form the docs hold",
     .set = cli_set_switch, .field = offsetof(listing_options, markdown)},
    {"--sweep", NULL, "list a sweep file's keys, designs and summaries "
     "instead (docs/batch.md)", .set = cli_set_switch,
     .field = offsetof(listing_options, sweep)},
};

const cli_command params_command = {
    "params", NULL, "list every scenario parameter: path, type, unit, "
    "default, range and meaning", params_flags, CLI_COUNT(params_flags),
    NULL, params_main, {0},
};

const cli_command strategies_command = {
    "strategies", NULL, "list the firm strategies (firms[].strategy) and "
    "price rules (firms[].price_rule), and what each does", listing_flags, CLI_COUNT(listing_flags), NULL,
    strategies_main, {0},
};

const cli_command outputs_command = {
    "outputs", NULL, "list the columns of a run's tables: unit and meaning, "
    "file by file; then the mechanisms a run reports when they never act",
    listing_flags, CLI_COUNT(listing_flags), NULL,
    outputs_main, {0},
};
