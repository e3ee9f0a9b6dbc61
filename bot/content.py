"""Load the project's TOML content files and report malformed ones precisely."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

# tomllib in 3.11 has no lineno attribute; the position only lives in the message.
_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


class ContentError(Exception):
    """A content file is missing or malformed; says which file, line and field."""

    def __init__(self, path: Path, detail: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.detail = detail
        super().__init__(str(self))

    def __str__(self) -> str:
        """Return one line: path, line if known, detail."""
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.detail}"


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a ContentError."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _POSITION.search(message)
        line = int(found.group(1)) if found else None
        detail = _POSITION.sub("", message) if found else message
        raise ContentError(path, f"invalid TOML: {detail}", line) from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text: {exc.reason}") from None
    except OSError as exc:
        raise ContentError(path, f"cannot read: {exc.strerror}") from None


def _header_lines(path: Path, key: str, *, array: bool) -> list[int]:
    """Return the 1-based lines where the header [key] or [[key]] appears."""
    open_, close = (r"\[\[", r"\]\]") if array else (r"\[", r"\]")
    pattern = re.compile(rf"^\s*{open_}\s*{re.escape(key)}\s*{close}\s*(#.*)?$")
    text = path.read_text(encoding="utf-8")
    return [n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


@dataclass(frozen=True, slots=True)
class Entry:
    """One table of a content file, remembering where it came from for error messages."""

    path: Path
    label: str
    line: int | None
    data: Mapping[str, Any]

    def error(self, detail: str) -> ContentError:
        """Build an error that names this entry."""
        return ContentError(self.path, f"{self.label}: {detail}", self.line)

    def _get(self, key: str) -> Any:
        """Return a required field's raw value."""
        if key not in self.data:
            raise self.error(f"missing field '{key}'")
        return self.data[key]

    def require_str(self, key: str) -> str:
        """Return a non-empty string field, NFC-normalised."""
        value = self._get(key)
        if not isinstance(value, str):
            raise self.error(f"field '{key}' must be a string, not {_type_name(value)}")
        # Editors on some systems save NFD; keep stored text in one form so comparisons hold.
        value = unicodedata.normalize("NFC", value.strip())
        if not value:
            raise self.error(f"field '{key}' must not be empty")
        return value

    def optional_str(self, key: str, default: str = "") -> str:
        """Return a string field, or default when it is absent."""
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, str):
            raise self.error(f"field '{key}' must be a string, not {_type_name(value)}")
        return unicodedata.normalize("NFC", value.strip())

    def require_int(self, key: str) -> int:
        """Return an integer field (booleans refused)."""
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"field '{key}' must be an integer, not {_type_name(value)}")
        return value

    def optional_int(self, key: str, default: int) -> int:
        """Return an integer field, or default when it is absent."""
        return self.require_int(key) if key in self.data else default

    def optional_str_list(self, key: str) -> tuple[str, ...]:
        """Return a list of non-empty strings, or () when the field is absent."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"field '{key}' must be a list of strings")
        items = tuple(unicodedata.normalize("NFC", v.strip()) for v in value)
        if not all(items):
            raise self.error(f"field '{key}' must not contain empty strings")
        return items

    def require_date(self, key: str) -> date:
        """Return a TOML local date (2026-01-31) field."""
        value = self._get(key)
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.error(f"field '{key}' must be a date like 2026-01-31")
        return value

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Refuse unknown fields, which are usually typos of optional ones."""
        allowed = set(allowed)
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            expected = ", ".join(sorted(allowed))
            raise self.error(f"unknown field '{unknown[0]}' (expected: {expected})")


def array_entries(path: Path, document: Mapping[str, Any], key: str) -> list[Entry]:
    """Return the entries of a non-empty [[key]] array of tables; key may be dotted (a.b)."""
    tables: Any = document
    for part in key.split("."):
        tables = tables.get(part) if isinstance(tables, Mapping) else None
    if tables is None:
        raise ContentError(path, f"no [[{key}]] entries")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ContentError(path, f"'{key}' must be an array of tables written [[{key}]]")
    if not tables:
        raise ContentError(path, f"no [[{key}]] entries")
    lines: list[int | None] = list(_header_lines(path, key, array=True))
    if len(lines) != len(tables):
        # Inline arrays (key = [{...}]) have no header lines to point at.
        lines = [None] * len(tables)
    return [
        Entry(path, f"{key} #{n}", line, table)
        for n, (line, table) in enumerate(zip(lines, tables, strict=True), start=1)
    ]


def table_entry(path: Path, document: Mapping[str, Any], key: str) -> Entry:
    """Return the [key] table of a document."""
    table = document.get(key)
    if table is None:
        raise ContentError(path, f"missing table [{key}]")
    if not isinstance(table, dict):
        raise ContentError(path, f"'{key}' must be a table written [{key}]")
    lines = _header_lines(path, key, array=False)
    return Entry(path, f"[{key}]", lines[0] if lines else None, table)


def document_entry(path: Path, document: Mapping[str, Any]) -> Entry:
    """Return the top level of a document as an entry, for its plain keys."""
    return Entry(path, "top level", None, document)


def _type_name(value: object) -> str:
    """Name a TOML value's type the way an editor of the file would."""
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
