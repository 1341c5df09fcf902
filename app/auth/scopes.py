"""API scopes and what each user role may do."""

SCOPES: dict[str, str] = {
    "customers:read": "Read customers, tags, custom fields, segments and history",
    "customers:write": "Create, change and delete customers, tags and segments; bulk actions",
    "imports": "Upload and commit imports",
    "vouchers": "Vouchers, redemptions and transactions",
    "exports": "Export customer lists",
    "admin": "Users, API keys, tenant settings; implies every other scope",
}

ROLES = ("owner", "admin", "staff", "viewer")

ROLE_SCOPES: dict[str, frozenset[str]] = {
    "owner": frozenset(SCOPES),
    "admin": frozenset(SCOPES),
    "staff": frozenset({"customers:read", "customers:write", "imports", "vouchers", "exports"}),
    "viewer": frozenset({"customers:read"}),
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
