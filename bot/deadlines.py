"""Legal deadlines per ticket kind, counted in working or calendar days."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from holidays import HolidayBase, country_holidays

from bot.content import Entry, document_entry, load_toml, table_entry
from bot.kinds import Kind

_TOP_LEVEL = ("reviewed", "timezone", "extra_days_off")
_DEADLINE_FIELDS = ("days", "unit", "clock", "basis", "note")


class Unit(StrEnum):
    """How a period is counted; the laws use both."""

    WORKING = "working"  # ngày làm việc
    CALENDAR = "calendar"  # ngày


@dataclass(frozen=True, slots=True)
class Deadline:
    """The clock the law sets for one kind of ticket, with its legal basis."""

    kind: Kind
    days: int
    unit: Unit
    clock: str
    basis: str
    note: str = ""

    @property
    def period(self) -> str:
        """Return the period in Vietnamese: "10 ngày làm việc" or "3 ngày"."""
        unit = "ngày làm việc" if self.unit is Unit.WORKING else "ngày"
        return f"{self.days} {unit}"


@functools.cache
def _national_calendar(year: int) -> HolidayBase:
    """Return Vietnam's public holidays (Tết included) and swapped workdays for a year."""
    return country_holidays("VN", years=year, expand=False)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Working days: not a weekend, a public holiday or a local day off."""

    extra_days_off: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices work on this day."""
        if day in self.extra_days_off:
            return False
        # The package also knows Saturdays worked in exchange for a bridge day off.
        return _national_calendar(day.year).is_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """Return the n-th working day after start (start itself is not counted)."""
        if n < 0:
            raise ValueError(f"n must not be negative: {n}")
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    """Every kind's deadline, the calendar they are counted on, and the local time zone."""

    deadlines: Mapping[Kind, Deadline]
    calendar: WorkingCalendar
    timezone: ZoneInfo
    reviewed: date

    @classmethod
    def from_file(cls, path: Path) -> DeadlinePolicy:
        """Load the policy from a TOML file with one table per kind."""
        path = Path(path)
        document = load_toml(path)
        top = document_entry(path, document)
        top.check_keys((*_TOP_LEVEL, *(kind.value for kind in Kind)))
        deadlines = {
            kind: _read_deadline(table_entry(path, document, kind.value), kind) for kind in Kind
        }
        return cls(
            deadlines=MappingProxyType(deadlines),
            calendar=WorkingCalendar(_read_days_off(top)),
            timezone=_read_timezone(top),
            reviewed=top.require_date("reviewed"),
        )

    def for_kind(self, kind: Kind) -> Deadline:
        """Return the deadline for a kind of ticket."""
        return self.deadlines[kind]

    def due_date(self, kind: Kind, received_at: datetime) -> date:
        """Return the last day of the period for a ticket received at a given moment."""
        if received_at.utcoffset() is None:
            raise ValueError("received_at must be timezone-aware")
        # The legal day is the day in Vietnam, not on the server.
        received = received_at.astimezone(self.timezone).date()
        deadline = self.for_kind(kind)
        if deadline.unit is Unit.CALENDAR:
            return received + timedelta(days=deadline.days)
        return self.calendar.add_working_days(received, deadline.days)


def _read_deadline(entry: Entry, kind: Kind) -> Deadline:
    """Build one kind's Deadline from its table, validating it."""
    entry.check_keys(_DEADLINE_FIELDS)
    days = entry.require_int("days")
    if days <= 0:
        raise entry.error(f"days must be positive, not {days}")
    unit_text = entry.require_str("unit")
    try:
        unit = Unit(unit_text)
    except ValueError:
        expected = " or ".join(f"'{u.value}'" for u in Unit)
        raise entry.error(f"unit '{unit_text}' must be {expected}") from None
    return Deadline(
        kind=kind,
        days=days,
        unit=unit,
        clock=entry.require_str("clock"),
        basis=entry.require_str("basis"),
        note=entry.optional_str("note"),
    )


def _read_timezone(top: Entry) -> ZoneInfo:
    """Return the zone named by the timezone field."""
    name = top.require_str("timezone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise top.error(f"unknown timezone '{name}'") from None


def _read_days_off(top: Entry) -> frozenset[date]:
    """Return extra_days_off: TOML dates or ISO date strings."""
    values: Any = top.data.get("extra_days_off", [])
    if not isinstance(values, list):
        raise top.error("field 'extra_days_off' must be a list of dates")
    days: set[date] = set()
    for value in values:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise top.error(
                    f"extra_days_off: '{value}' is not a date like 2026-01-31"
                ) from None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise top.error(f"extra_days_off: {value!r} is not a date like 2026-01-31")
        days.add(value)
    return frozenset(days)
