"""Tracking codes: short, easy to read aloud and type, unique, and not guessable."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L or U/V pairs that people confuse when reading aloud or copying.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
_GROUP = 4
_LENGTH = 8  # 29**8 ≈ 5e11 codes: guessing a valid one is hopeless


def new_code() -> str:
    """Return a fresh random code such as 'K7MX-3QPA'."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return f"{chars[:_GROUP]}-{chars[_GROUP:]}"


def parse_code(text: str) -> str | None:
    """Read a code as a person typed it (any case, spaces, dashes); None if it cannot be one."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    if len(chars) != _LENGTH or any(c not in ALPHABET for c in chars):
        return None
    return f"{chars[:_GROUP]}-{chars[_GROUP:]}"
