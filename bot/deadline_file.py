"""Read content/deadlines.toml into a DeadlinePolicy, naming file, line and field on errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.content import ContentError, Entry, array_entries, document_entry, load_toml
from bot.deadlines import Deadline, DeadlinePolicy, Start
from bot.kinds import Kind
from bot.workdays import EndRule, Unit, WorkingCalendar

_TOP_LEVEL = ("reviewed", "timezone", "end_on_day_off", "extra_days_off", "extra_working_days")
_CLOCK_FIELDS = (
    "name",
    "label",
    "title",
    "days",
    "unit",
    "from",
    "basis",
    "note",
    "complex_days",
    "max_extensions",
    "extension_days",
)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_E = TypeVar("_E", bound=StrEnum)


def load_policy(path: Path) -> DeadlinePolicy:
    """Load the policy from a TOML file with a [[kind.clock]] array per kind."""
    path = Path(path)
    document = load_toml(path)
    top = document_entry(path, document)
    top.check_keys((*_TOP_LEVEL, *(kind.value for kind in Kind)))
    clocks = {kind: _read_kind(path, document, kind) for kind in Kind}
    days_off = _read_dates(top, "extra_days_off")
    working = _read_dates(top, "extra_working_days")
    if days_off & working:
        both = min(days_off & working).isoformat()
        raise top.error(f"{both} is in both extra_days_off and extra_working_days")
    end_rule = _choice(top, "end_on_day_off", EndRule) if "end_on_day_off" in top.data else None
    return DeadlinePolicy(
        clocks=MappingProxyType(clocks),
        calendar=WorkingCalendar(days_off, working),
        timezone=_read_timezone(top),
        reviewed=top.require_date("reviewed"),
        end_rule=end_rule or EndRule.NEXT_WORKING_DAY,
    )


def _read_kind(path: Path, document: Mapping[str, Any], kind: Kind) -> tuple[Deadline, ...]:
    """Read and order-check one kind's clocks: from receipt, then optionally from acceptance."""
    if kind.value not in document:
        raise ContentError(path, f"no clock for '{kind.value}': add a [[{kind.value}.clock]] table")
    table = document[kind.value]
    if not isinstance(table, dict) or set(table) != {"clock"}:
        raise ContentError(path, f"'{kind.value}' must only hold [[{kind.value}.clock]] tables")
    entries = array_entries(path, document, f"{kind.value}.clock")
    clocks = tuple(_read_clock(entry, kind) for entry in entries)
    if clocks[0].start is not Start.RECEIPT:
        raise entries[0].error("the first clock must run from 'receipt'")
    if len(clocks) > 2:
        raise entries[2].error("a kind has at most two clocks: from receipt, then from acceptance")
    if len(clocks) == 2:
        if clocks[1].start is not Start.ACCEPTANCE:
            raise entries[1].error("the second clock must run from 'acceptance'")
        if clocks[1].name == clocks[0].name:
            raise entries[1].error(f"name '{clocks[1].name}' is already used by the first clock")
    return clocks


def _read_clock(entry: Entry, kind: Kind) -> Deadline:
    """Build one clock from its table, validating every field."""
    entry.check_keys(_CLOCK_FIELDS)
    name = entry.require_str("name")
    if not _NAME.match(name):
        raise entry.error(f"name '{name}' must be lowercase letters, digits and _")
    days = _positive(entry, "days")
    complex_days = _positive(entry, "complex_days") if "complex_days" in entry.data else None
    if complex_days is not None and complex_days <= days:
        raise entry.error(f"complex_days ({complex_days}) must be longer than days ({days})")
    max_extensions = entry.optional_int("max_extensions", 0)
    if max_extensions < 0:
        raise entry.error(f"max_extensions must not be negative, not {max_extensions}")
    extension_days = entry.optional_int("extension_days", 0)
    if (max_extensions > 0) != (extension_days > 0) or extension_days < 0:
        raise entry.error("max_extensions and extension_days go together, both positive")
    return Deadline(
        kind=kind,
        name=name,
        label=entry.require_str("label"),
        title=entry.require_str("title"),
        days=days,
        unit=_choice(entry, "unit", Unit),
        start=_choice(entry, "from", Start),
        basis=entry.require_str("basis"),
        note=entry.optional_str("note"),
        complex_days=complex_days,
        max_extensions=max_extensions,
        extension_days=extension_days,
    )


def _positive(entry: Entry, key: str) -> int:
    """Return a positive integer field."""
    value = entry.require_int(key)
    if value <= 0:
        raise entry.error(f"{key} must be positive, not {value}")
    return value


def _choice(entry: Entry, key: str, choices: type[_E]) -> _E:
    """Return a string field that must be one of an enum's values."""
    text = entry.require_str(key)
    try:
        return choices(text)
    except ValueError:
        expected = " or ".join(f"'{c.value}'" for c in choices)
        raise entry.error(f"{key} '{text}' must be {expected}") from None


def _read_timezone(top: Entry) -> ZoneInfo:
    """Return the zone named by the timezone field."""
    name = top.require_str("timezone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise top.error(f"unknown timezone '{name}'") from None


def _read_dates(top: Entry, key: str) -> frozenset[date]:
    """Return a list of dates: TOML dates or ISO date strings."""
    values: Any = top.data.get(key, [])
    if not isinstance(values, list):
        raise top.error(f"field '{key}' must be a list of dates")
    days: set[date] = set()
    for value in values:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise top.error(f"{key}: '{value}' is not a date like 2026-01-31") from None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise top.error(f"{key}: {value!r} is not a date like 2026-01-31")
        days.add(value)
    return frozenset(days)
