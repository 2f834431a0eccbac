/* match/roles.c (prefix role_) — see roles.h. */
#include "match/roles.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

const char *const role_names[ROLE_N + 1] = {
#define ROLE_X_NAME(id, name, body) name,
    ROLE_TABLE(ROLE_X_NAME)
#undef ROLE_X_NAME
    NULL,
};

static const unsigned char role_body[ROLE_N] = {
#define ROLE_X_BODY(id, name, body) body,
    ROLE_TABLE(ROLE_X_BODY)
#undef ROLE_X_BODY
};

int role_index(const char *name)
{
    for (int r = 0; name && r < ROLE_N; r++)
        if (!strcmp(name, role_names[r]))
            return r;
    return -1;
}

const char *role_name(int r)
{
    assert(r >= 0 && r < ROLE_N);
    return role_names[r];
}

int role_is_body(int r)
{
    return r >= 0 && r < ROLE_N && role_body[r];
}
