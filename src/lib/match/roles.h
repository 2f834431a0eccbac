/* match/roles.h (prefix role_) — the one table of item roles: what a table column can hold, what the
 * header and column rules name (header.<role> in segment.rules, column.<role> in columns.rules), what
 * table_columns.field stores, and which roles are bodies (item_bodies.role).  The OCR stage names scanned
 * tables' columns with it, extract reads rows by it, records and the audit read bodies by it; a new role
 * is one line here.  (The reviewable record fields are records/review.h's table: a record has fields,
 * such as points_target, that no column is.) */
#ifndef PARPLAN_MATCH_ROLES_H
#define PARPLAN_MATCH_ROLES_H

/* X(ID, name, body): body is 1 for the roles an item's bodies take (lead, support, monitor). */
#define ROLE_TABLE(X)                                                                                       \
    X(CODE, "code", 0)                                                                                      \
    X(TITLE, "title", 0)                                                                                    \
    X(TARGET, "target", 0)                                                                                  \
    X(MONITOR, "monitor", 1)                                                                                \
    X(LEAD, "lead", 1)                                                                                      \
    X(SUPPORT, "support", 1)                                                                                \
    X(DEADLINE, "deadline", 0)                                                                              \
    X(PRODUCT, "product", 0)                                                                                \
    X(POINTS, "points", 0)

enum role {
#define ROLE_X_ENUM(id, name, body) ROLE_##id,
    ROLE_TABLE(ROLE_X_ENUM)
#undef ROLE_X_ENUM
    ROLE_N
};

/* Names indexed by enum role, NULL-terminated; the pointers are stable, so a role name can be compared
 * by address once it came from here. */
extern const char *const role_names[ROLE_N + 1];
/* The role named `name` (exact, lower case), or -1 (also for NULL). */
int role_index(const char *name);
/* role_names[r]; r must be a valid role. */
const char *role_name(int r);
/* 1 for the body roles (lead, support, monitor). */
int role_is_body(int r);

#endif
