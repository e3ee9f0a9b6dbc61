"""Tracking codes: readable, typeable, forgiving of case and separators."""

from __future__ import annotations

from bot.codes import ALPHABET, new_code, parse_code


def test_codes_use_unambiguous_characters_and_are_unique() -> None:
    codes = {new_code() for _ in range(5000)}
    assert len(codes) == 5000
    for code in list(codes)[:200]:
        assert len(code) == 9 and code[4] == "-"
        assert all(c in ALPHABET for c in code.replace("-", ""))
    assert not set("01ILOUV") & set(ALPHABET)


def test_parse_accepts_what_people_type() -> None:
    assert parse_code("k7mx 3qpa") == "K7MX-3QPA"
    assert parse_code(" K7MX-3QPA ") == "K7MX-3QPA"
    assert parse_code("K7MX3QP") is None
    assert parse_code("K7MX-3QP0") is None  # zero is not in the alphabet
    assert parse_code("") is None
