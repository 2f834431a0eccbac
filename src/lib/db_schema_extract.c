/* db_schema_extract.c — tables written by parplan-extract (migration 2 -> 3; see db_schema.c). */
const char pp_schema_extract_v1[] =
    "CREATE TABLE IF NOT EXISTS extract_placeholder (id INTEGER PRIMARY KEY);\n";
