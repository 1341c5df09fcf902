"""Voucher codes people can read aloud and type: no O/0 or I/1 to confuse."""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8  # 32**8 ≈ 1.1e12 codes: collisions are rare and retried.


def generate_code(prefix: str | None = None, length: int = LENGTH) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return f"{normalize_code(prefix or '')}{body}"


def normalize_code(code: str) -> str:
    """Codes are case-insensitive: stored and looked up upper-case."""
    return code.strip().upper()
