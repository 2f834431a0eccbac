/* db/db_schema_runs.c (prefix pp_schema_) — columns of the runs table added after the first schema (see
 * db_schema.c). */

/* runs.pid and runs.host: the process that writes a run, so a run left "running" by a process that is
 * gone (killed, interrupted, machine rebooted) is told from one still going, and marked "interrupted"
 * by the next run on the database (db.c, db_run_begin). */
const char pp_schema_runs_v1[] = "ALTER TABLE runs ADD COLUMN pid INTEGER;\n"
                                 "ALTER TABLE runs ADD COLUMN host TEXT;\n";
