"""Tests for bot.content: loading TOML and reporting malformed content precisely."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from bot.content import (
    ContentError,
    array_entries,
    document_entry,
    load_toml,
    table_entry,
)

CONTENT = Path(__file__).resolve().parent.parent / "content"


def write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_error_message_is_one_line_with_path_and_line() -> None:
    error = ContentError(Path("content/wards.toml"), "ward #2: missing field 'name'", 14)
    assert str(error) == "content/wards.toml:14: ward #2: missing field 'name'"
    assert (error.path, error.line, error.detail) == (
        Path("content/wards.toml"),
        14,
        "ward #2: missing field 'name'",
    )


def test_error_message_without_line() -> None:
    assert str(ContentError(Path("a.toml"), "file not found")) == "a.toml: file not found"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_toml(tmp_path / "nope.toml")
    assert caught.value.detail == "file not found"
    assert caught.value.line is None


def test_syntax_error_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '# comment\n[[ward]]\ncode = "1"\nname = \n')
    with pytest.raises(ContentError) as caught:
        load_toml(path)
    assert caught.value.line == 4
    assert str(caught.value).startswith(f"{path}:4: invalid TOML: ")
    assert "(at line" not in str(caught.value)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'name = "H\xe0 N\xf4i"\n')  # Windows code page bytes
    with pytest.raises(ContentError, match="not UTF-8"):
        load_toml(path)


@pytest.mark.parametrize("name", ["wards.toml", "categories.toml", "deadlines.toml"])
def test_real_content_files_parse(name: str) -> None:
    assert load_toml(CONTENT / name)


def test_entries_know_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, '# c\n\n[[item]]\na = "x"\n\n[[ item ]]  # spaced\na = "y"\n')
    entries = array_entries(path, load_toml(path), "item")
    assert [(e.label, e.line) for e in entries] == [("item #1", 3), ("item #2", 6)]


def test_dotted_keys_reach_nested_arrays(tmp_path: Path) -> None:
    path = write(tmp_path, '[[a.clock]]\nn = 1\n\n[[b.clock]]\nn = 2\n[[a.clock]]\nn = "x"\n')
    entries = array_entries(path, load_toml(path), "a.clock")
    assert [(e.label, e.line) for e in entries] == [("a.clock #1", 1), ("a.clock #2", 6)]
    assert entries[0].optional_int("n", 0) == 1 and entries[0].optional_int("m", 7) == 7
    with pytest.raises(ContentError, match="field 'n' must be an integer, not a string"):
        entries[1].optional_int("n", 0)
    with pytest.raises(ContentError, match=r"no \[\[c.clock\]\] entries"):
        array_entries(path, load_toml(path), "c.clock")


def test_missing_field_names_file_entry_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[item]]\na = "x"\n\n[[item]]\nb = "y"\n')
    second = array_entries(path, load_toml(path), "item")[1]
    with pytest.raises(ContentError) as caught:
        second.require_str("a")
    assert str(caught.value) == f"{path}:4: item #2: missing field 'a'"


def test_wrong_types_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, '[[item]]\ns = 3\nn = "3"\nb = true\nl = ["a", 1]\ne = "  "\n')
    entry = array_entries(path, load_toml(path), "item")[0]
    with pytest.raises(ContentError, match="field 's' must be a string, not an integer"):
        entry.require_str("s")
    with pytest.raises(ContentError, match="field 'n' must be an integer, not a string"):
        entry.require_int("n")
    with pytest.raises(ContentError, match="field 'b' must be an integer, not a boolean"):
        entry.require_int("b")
    with pytest.raises(ContentError, match="field 'l' must be a list of strings"):
        entry.optional_str_list("l")
    with pytest.raises(ContentError, match="field 'e' must not be empty"):
        entry.require_str("e")


def test_strings_are_stored_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Phường Ba Đình")
    path = write(tmp_path, f'[[item]]\nname = "{nfd}"\nold = ["{nfd}"]\n')
    entry = array_entries(path, load_toml(path), "item")[0]
    assert entry.require_str("name") == "Phường Ba Đình"
    assert entry.optional_str_list("old") == ("Phường Ba Đình",)
    assert entry.optional_str_list("absent") == ()


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[[item]]\nname = "a"\nlegacy_name = ["b"]\n')
    entry = array_entries(path, load_toml(path), "item")[0]
    with pytest.raises(ContentError, match="unknown field 'legacy_name'"):
        entry.check_keys(("name", "legacy_names"))


def test_no_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing here\n")
    with pytest.raises(ContentError, match=r"no \[\[item\]\] entries"):
        array_entries(path, load_toml(path), "item")


def test_inline_array_has_no_lines(tmp_path: Path) -> None:
    path = write(tmp_path, 'item = [{a = "x"}, {a = "y"}]\n')
    assert [e.line for e in array_entries(path, load_toml(path), "item")] == [None, None]


def test_table_and_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "when = 2026-11-22\nstamp = 2026-11-22T10:00:00\n\n[t]\nx = 1\n")
    document = load_toml(path)
    assert table_entry(path, document, "t").line == 4
    top = document_entry(path, document)
    assert top.require_date("when") == date(2026, 11, 22)
    with pytest.raises(ContentError, match="must be a date"):
        top.require_date("stamp")
    with pytest.raises(ContentError, match=r"missing table \[u\]"):
        table_entry(path, document, "u")
