"""Legal clocks per ticket kind and where a ticket stands on them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.kinds import Kind
from bot.workdays import EndRule, Unit, WorkingCalendar

__all__ = ["ClockState", "Deadline", "DeadlinePolicy", "Start", "TicketClock", "Unit"]


class Start(StrEnum):
    """The event a clock runs from."""

    RECEIPT = "receipt"  # the ward received the ticket
    ACCEPTANCE = "acceptance"  # thụ lý: the competent person accepted to resolve it


@dataclass(frozen=True, slots=True)
class Deadline:
    """One legal clock of a kind: what must happen, within how long, from when, on what basis."""

    kind: Kind
    name: str
    label: str  # short, for "Hạn {label}": "thụ lý", "giải quyết"
    title: str  # the duty in full, for the citizen's receipt
    days: int
    unit: Unit
    start: Start
    basis: str
    note: str = ""
    complex_days: int | None = None  # a longer period for a case marked complex
    max_extensions: int = 0
    extension_days: int = 0

    def total_days(self, *, is_complex: bool = False, extensions: int = 0) -> int:
        """Return the whole period, complex case and extensions included."""
        base = self.complex_days if is_complex and self.complex_days else self.days
        return base + extensions * self.extension_days

    @property
    def period(self) -> str:
        """Return the base period in Vietnamese: "10 ngày làm việc" or "30 ngày"."""
        return f"{self.days} {self.unit.label}"


@dataclass(frozen=True, slots=True)
class ClockState:
    """The clock a ticket runs on now, the day it started and the day it ends."""

    clock: Deadline
    started: date  # receipt or acceptance day; the period counts from the day after
    due: date
    accepted_on: date | None
    is_complex: bool
    extensions: int
    next: Deadline | None  # the clock acceptance will start, while not yet accepted

    def period(self) -> str:
        """Return the current period, e.g. "45 ngày, vụ việc phức tạp"."""
        clock = self.clock
        days = clock.total_days(is_complex=self.is_complex)
        text = f"{days} {clock.unit.label}"
        if self.is_complex:
            text += ", vụ việc phức tạp"
        if self.extensions:
            text += (
                f" + gia hạn {self.extensions}/{clock.max_extensions} lần"
                f" × {clock.extension_days} {clock.unit.label}"
            )
        return text


class TicketClock(Protocol):
    """What a ticket records about its clocks (a TicketRow fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def received_on(self) -> str: ...
    @property
    def accepted_on(self) -> str | None: ...
    @property
    def is_complex(self) -> int: ...
    @property
    def extensions(self) -> int: ...


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    """Every kind's clocks, the calendar they are counted on, and the local time zone."""

    clocks: Mapping[Kind, tuple[Deadline, ...]]
    calendar: WorkingCalendar
    timezone: ZoneInfo
    reviewed: date
    end_rule: EndRule = EndRule.NEXT_WORKING_DAY

    def for_kind(self, kind: Kind) -> Deadline:
        """Return a kind's first clock, the one that runs from receipt."""
        return self.clocks[kind][0]

    def after_acceptance(self, kind: Kind) -> Deadline | None:
        """Return the clock that acceptance (thụ lý) starts, if the kind has one."""
        later = self.clocks[kind][1:]
        return later[0] if later else None

    def local_date(self, moment: datetime | float) -> date:
        """Return the day in Vietnam at a moment (aware datetime or Unix timestamp)."""
        if isinstance(moment, datetime):
            if moment.utcoffset() is None:
                raise ValueError("received_at must be timezone-aware")
            return moment.astimezone(self.timezone).date()
        return datetime.fromtimestamp(moment, self.timezone).date()

    def end(self, clock: Deadline, start: date, *, is_complex: bool = False, ext: int = 0) -> date:
        """Return the last day of a clock started on `start`."""
        days = clock.total_days(is_complex=is_complex, extensions=ext)
        return self.calendar.period_end(start, days, clock.unit, self.end_rule)

    def due_date(self, kind: Kind, received_at: datetime | float) -> date:
        """Return the last day of a kind's first clock for a ticket received at a moment."""
        # The legal day is the day in Vietnam, not on the server.
        return self.end(self.for_kind(kind), self.local_date(received_at))

    def state(self, ticket: TicketClock) -> ClockState:
        """Return where a ticket stands: its current clock and due date."""
        kind = Kind(ticket.kind)
        accepted = date.fromisoformat(ticket.accepted_on) if ticket.accepted_on else None
        later = self.after_acceptance(kind)
        if accepted is not None and later is not None:
            clock, started, upcoming = later, accepted, None
        else:
            clock, started, upcoming = (
                self.for_kind(kind),
                date.fromisoformat(ticket.received_on),
                later,
            )
        # Extensions beyond what the file now allows (an admin lowered it) are not counted.
        extensions = min(ticket.extensions, clock.max_extensions)
        is_complex = bool(ticket.is_complex) and clock.complex_days is not None
        return ClockState(
            clock=clock,
            started=started,
            due=self.end(clock, started, is_complex=is_complex, ext=extensions),
            accepted_on=accepted,
            is_complex=is_complex,
            extensions=extensions,
            next=upcoming,
        )
