/* db_schema_normalize.c — tables written by parplan-normalize (migration 1 -> 2; see db_schema.c). */
const char pp_schema_normalize_v1[] =
    "CREATE TABLE IF NOT EXISTS normalize_placeholder (id INTEGER PRIMARY KEY);\n";
