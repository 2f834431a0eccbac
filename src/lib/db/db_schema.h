/* db/db_schema.h (prefix db_schema_) — the schema as an ordered list of migrations, and nothing else:
 * db.c applies them (db_migrate), so the list depends on no database code and the two files do not
 * call each other. */
#ifndef PARPLAN_DB_SCHEMA_H
#define PARPLAN_DB_SCHEMA_H

/* Number of migrations: the user_version of an up-to-date database. */
int db_schema_version(void);
/* The SQL that takes a database from user_version v to v + 1, or NULL outside 0..version-1. */
const char *db_schema_migration(int v);

#endif
