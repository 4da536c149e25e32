/*
 * store_check.c — whether a results database may take more runs of this
 * sweep: made by this version, by this model's code, and for this sweep.
 *
 * The sweep is compared through its definition, the canonical JSON of
 * mishi_sweep_write_json that the database stores. Comparing it key by
 * key could only say "vary differs"; a researcher who edited one bound
 * wants to hear which. So SQLite's JSON functions flatten each definition
 * into items, each a name, a field and a value — `replicates`, `set
 * weeks`, `vary consumers.transient_share` / `values`, `measure repeat` /
 * `from`, `series market.units` — matched by name, not by position, and
 * every item or field that differs is named with both values.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_schema.h"

/* ------------------------------------------------------- who made it */

static mishi_status same_version(sqlite3 *db, const char *path,
                                 mishi_error *err) {
    char *version = schema_value(db, "mishi_version");
    int same = version && strcmp(version, MISHI_VERSION) == 0;
    mishi_status rc = same ? MISHI_OK
        : mishi_error_set(err, MISHI_EARG, "%s: made by mishi %s, and this is "
                          "mishi %s: its runs would not match new ones", path,
                          version ? version : "?", MISHI_VERSION);
    free(version);
    return rc;
}

/* The version stayed 0.1.0 through many changes of the model, so the
 * digest of the model's sources decides whether new runs would match the
 * stored ones. A database from before the digest was stored has none: its
 * model cannot be told, so it is not resumed either (summarize reads it). */
static mishi_status same_model(sqlite3 *db, const char *path,
                               mishi_error *err) {
    char *stored = schema_value(db, "model_digest");
    const char *now = mishi_model_digest();
    mishi_status rc = MISHI_OK;
    if (!stored || strcmp(stored, now) != 0)
        rc = mishi_error_set(err, MISHI_EARG, "%s: made by a model whose "
                             "sources' digest is %s, and this mishi's is %s "
                             "(`mishi version`): the runs it holds would not "
                             "match new ones; resume it with the build that "
                             "made it", path,
                             stored ? stored : "not recorded", now);
    free(stored);
    return rc;
}

/* ------------------------------------------------------ what it holds */

/* Every item of definitions ?1 (side 0, stored) and ?2 (side 1, now):
 * (side, part, pos, name, field, value). `order` fields hold the order of
 * a list whose items are matched by name, since the order decides the
 * points' numbers. Booleans and nulls become words. */
#define ITEMS_SQL                                                              \
    "WITH doc(side, def) AS (VALUES (0, ?1), (1, ?2)), "                       \
    "item(side, part, pos, name, field, value) AS ("                           \
    "SELECT side, 0, e.id, e.key, '', CASE e.type WHEN 'true' THEN 'true' "    \
    "WHEN 'false' THEN 'false' WHEN 'null' THEN 'none' ELSE e.value END "      \
    "FROM doc, json_each(def) e WHERE e.type NOT IN ('array', 'object') "      \
    "UNION ALL SELECT side, 1, e.key, 'set ' || substr(e.value, 1, "           \
    "instr(e.value, '=') - 1), '', substr(e.value, instr(e.value, '=') + 1) "  \
    "FROM doc, json_each(def, '$.set') e "                                     \
    "UNION ALL SELECT side, 1, -1, 'set', 'order', json_group_array("          \
    "substr(e.value, 1, instr(e.value, '=') - 1)) FROM doc, json_each(def, "  \
    "'$.set') e GROUP BY side "                                                \
    "UNION ALL SELECT side, 2, v.key, 'vary ' || json_extract(v.value, "       \
    "'$.path'), f.key, CASE f.type WHEN 'true' THEN 'true' WHEN 'false' "      \
    "THEN 'false' ELSE f.value END FROM doc, json_each(def, '$.vary') v, "     \
    "json_each(v.value) f WHERE json_extract(v.value, '$.path') IS NOT NULL "  \
    "AND f.key <> 'path' "                                                     \
    "UNION ALL SELECT side, 2, v.key, 'vary ' || json_extract(v.value, "       \
    "'$.name'), 'level ' || json_extract(l.value, '$.level'), "                \
    "json_extract(l.value, '$.set') FROM doc, json_each(def, '$.vary') v, "    \
    "json_each(v.value, '$.variants') l "                                      \
    "UNION ALL SELECT side, 2, v.key, 'vary ' || json_extract(v.value, "       \
    "'$.name'), 'order', (SELECT json_group_array(json_extract(l.value, "      \
    "'$.level')) FROM json_each(v.value, '$.variants') l) FROM doc, "          \
    "json_each(def, '$.vary') v WHERE json_extract(v.value, '$.name') IS NOT " \
    "NULL "                                                                    \
    "UNION ALL SELECT side, 2, -1, 'vary', 'order', json_group_array("         \
    "coalesce(json_extract(v.value, '$.path'), json_extract(v.value, "         \
    "'$.name'))) FROM doc, json_each(def, '$.vary') v GROUP BY side "          \
    "UNION ALL SELECT side, 3, m.key, 'measure ' || json_extract(m.value, "    \
    "'$.name'), f.key, CASE f.type WHEN 'null' THEN 'none' ELSE f.value END "  \
    "FROM doc, json_each(def, '$.measures') m, json_each(m.value) f WHERE "    \
    "f.key <> 'name' "                                                         \
    "UNION ALL SELECT side, 3, -1, 'measure', 'order', json_group_array("      \
    "json_extract(m.value, '$.name')) FROM doc, json_each(def, '$.measures') " \
    "m GROUP BY side "                                                         \
    "UNION ALL SELECT side, 4, s.key, 'series ' || json_extract(s.value, "     \
    "'$.column') || coalesce(' (' || json_extract(s.value, '$.firms') || "     \
    "')', '') || coalesce(' of ' || json_extract(s.value, '$.class'), ''), "   \
    "'', 'recorded' FROM doc, json_each(def, '$.series') s "                   \
    "UNION ALL SELECT side, 4, -1, 'series', 'order', json_group_array("       \
    "json_extract(s.value, '$.column')) FROM doc, json_each(def, '$.series') " \
    "s GROUP BY side)"

/* The items whose values differ, with whether each side has the item at
 * all. An `order` differs only when nothing else in its list does (a list
 * with an item more is reported by that item), and the scenario's digest
 * only when no `set` value explains it (the digest is taken after set:). */
static const char differences_sql[] = ITEMS_SQL
    ", diff(part, pos, name, field, was, now) AS (SELECT coalesce(o.part, "
    "n.part), coalesce(o.pos, n.pos), coalesce(o.name, n.name), "
    "coalesce(o.field, n.field), o.value, n.value FROM (SELECT * FROM item "
    "WHERE side = 0) o FULL JOIN (SELECT * FROM item WHERE side = 1) n ON "
    "n.name = o.name AND n.field = o.field WHERE o.value IS NOT n.value) "
    "SELECT d.name, d.field, d.was, d.now, EXISTS (SELECT 1 FROM item i WHERE "
    "i.side = 0 AND i.name = d.name), EXISTS (SELECT 1 FROM item i WHERE "
    "i.side = 1 AND i.name = d.name) FROM diff d WHERE NOT (d.field = "
    "'order' AND EXISTS (SELECT 1 FROM diff e WHERE e.field <> 'order' AND "
    "(e.name = d.name OR substr(e.name, 1, length(d.name) + 1) = d.name || "
    "' '))) AND NOT (d.name = 'scenario_digest' AND EXISTS (SELECT 1 FROM "
    "diff e WHERE e.name LIKE 'set %')) ORDER BY d.part, d.pos, d.field";

/* Differences named in the message; the rest are counted. */
#define SHOWN_DIFFERENCES 8
/* A longer value is not quoted, only said to differ. */
#define SHOWN_VALUE 100

static const char *column(sqlite3_stmt *q, int c) {
    return (const char *)sqlite3_column_text(q, c);
}

/* "; NAME[, FIELD]: A in the database, B now", or what is missing. */
static void describe_difference(sql_text *t, sqlite3_stmt *q) {
    const char *name = column(q, 0), *field = column(q, 1);
    const char *was = column(q, 2), *now = column(q, 3);
    int had = sqlite3_column_int(q, 4), has = sqlite3_column_int(q, 5);
    sql_add(t, "%s%s", t->length ? "; " : "", name);
    if (*field && (!had || !has)) {
        sql_add(t, had ? ": in the database, not in the sweep now"
                       : ": not in the database, in the sweep now");
        return;
    }
    if (*field) sql_add(t, ", %s", field);
    if ((was && strlen(was) > SHOWN_VALUE) || (now && strlen(now) > SHOWN_VALUE))
        sql_add(t, " differs");
    else sql_add(t, ": %s in the database, %s now", was ? was : "absent",
                 now ? now : "absent");
    if (strcmp(name, "scenario_digest") == 0)
        sql_add(t, " (the base scenario differs)");
}

/* The differences as one text; an item missing on one side once, not
 * once per field. */
static mishi_status differences(sqlite3 *db, const char *stored,
                                const char *now, sql_text *t) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, differences_sql, -1, &q, NULL) != SQLITE_OK)
        return MISHI_EIO;
    sqlite3_bind_text(q, 1, stored, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    char last[512] = "";
    int rc, shown = 0, more = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int whole = !sqlite3_column_int(q, 4) || !sqlite3_column_int(q, 5);
        if (whole && *column(q, 1) && strcmp(last, column(q, 0)) == 0) continue;
        snprintf(last, sizeof last, "%s", column(q, 0));
        if (shown < SHOWN_DIFFERENCES) describe_difference(t, q), shown++;
        else more++;
    }
    if (more) sql_add(t, "; and %d more", more);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE && !t->failed ? MISHI_OK : MISHI_EIO;
}

mishi_status schema_check(sqlite3 *db, const char *path,
                          const mishi_sweep *sweep, mishi_error *err) {
    mishi_status rc = same_version(db, path, err);
    if (!rc) rc = same_model(db, path, err);
    if (rc) return rc;
    char *stored = schema_value(db, "definition"), *now = sweep_definition(sweep);
    sql_text t = {0};
    if (!stored || !now || differences(db, stored, now, &t))
        rc = store_fail(db, path, "read the sweep it holds", err);
    else if (!t.length && strcmp(stored, now) != 0) /* an item not known here */
        sql_add(&t, "its definition (in its sweep table) differs");
    if (!rc && t.length)
        rc = mishi_error_set(err, MISHI_EARG, "%s holds another sweep: %s. A "
                             "database holds one sweep: run this one into "
                             "another, or run the sweep as it was", path, t.text);
    free(stored), free(now), free(t.text);
    return rc;
}
