"""API scopes and what each user role may do: the role × action matrix, in this one place.

README's "Roles and permissions" table and `tests/auth/test_matrix.py` mirror `ROLE_SCOPES`
and `MANAGES`; change the three together.
"""

SCOPES: dict[str, str] = {
    "customers:read": "Read customers, tags, custom fields, segments and history",
    "customers:write": "Create, change and delete customers, tags and segments; bulk edits",
    "customers:delete_bulk": "Delete a whole selection of customers at once",
    "imports": "Upload and commit imports",
    "vouchers": "Vouchers, redemptions and transactions",
    "exports": "Export customer lists and read the export log",
    "admin": "Users, API keys, tenant settings; implies every other scope",
}

ROLES = ("owner", "admin", "staff", "viewer")

_EVERYTHING = frozenset(SCOPES)
_STAFF = frozenset({"customers:read", "customers:write", "imports", "vouchers"})

# Taking the whole base out (exports) or wiping it (bulk delete) is for admins and owners.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    "owner": _EVERYTHING,
    "admin": _EVERYTHING,
    "staff": _STAFF,
    "viewer": frozenset({"customers:read"}),
}

# The roles of the users each role may create, change, deactivate or reset the password of:
# only owners touch owners and admins, so an admin cannot take the tenant over.
MANAGES: dict[str, frozenset[str]] = {
    "owner": frozenset(ROLES),
    "admin": frozenset({"staff", "viewer"}),
    "staff": frozenset(),
    "viewer": frozenset(),
}


def parse_scopes(text: str) -> list[str]:
    """`all` or a comma-separated list of known scopes."""
    if text.strip() == "all":
        return sorted(SCOPES)
    scopes = sorted({s.strip() for s in text.split(",") if s.strip()})
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(
            f"unknown scope(s): {', '.join(unknown) or '(none given)'}; known: {', '.join(SCOPES)}"
        )
    return scopes
