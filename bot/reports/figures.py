"""A period report's figures: tallies by kind, ward, field and month; law-dissemination reach."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from bot.kinds import Kind
from bot.reports.period import Period
from storage.reports import LOW


@dataclass(slots=True)
class Tally:
    """What became of a set of tickets by the end of the cut-off day."""

    received: int = 0
    resolved: int = 0
    declined: int = 0
    on_time: int = 0  # closed (resolved or declined) on or before the due date
    late: int = 0  # closed after it
    overdue_open: int = 0  # not closed, and the due date has passed
    transferred: int = 0
    replied: int = 0  # answered, resolved or declined at least once
    reply_days: int = 0  # working days to the first reply, summed over `reply_counted`
    reply_counted: int = 0
    resolve_days: int = 0  # working days to resolution, summed over `resolve_counted`
    resolve_counted: int = 0
    rated: int = 0
    satisfied: int = 0

    @classmethod
    def unpack(cls, values: Sequence[int | None]) -> Tally:
        """Build a tally from COUNT, the packed pairs of storage's PAIRS and the overdue count."""
        received, *pairs, overdue = (v or 0 for v in values)
        (resolved, declined, on_time, late, transferred, replied, rated, satisfied, reply_counted,
         resolve_counted, reply_days, resolve_days) = (
            half for pair in pairs for half in (pair & LOW, pair >> 32)
        )  # fmt: skip
        return cls(
            received=received, resolved=resolved, declined=declined, on_time=on_time, late=late,
            overdue_open=overdue, transferred=transferred, replied=replied,
            reply_days=reply_days, reply_counted=reply_counted, resolve_days=resolve_days,
            resolve_counted=resolve_counted, rated=rated, satisfied=satisfied,
        )  # fmt: skip

    def values(self) -> list[int]:
        """Return the figures in field order."""
        return [getattr(self, f.name) for f in fields(self)]

    def __add__(self, other: Tally) -> Tally:
        return Tally(*map(operator.add, self.values(), other.values()))

    def __sub__(self, other: Tally) -> Tally:
        return Tally(*map(operator.sub, self.values(), other.values()))

    @property
    def open(self) -> int:
        """Return how many are neither resolved nor declined."""
        return self.received - self.resolved - self.declined

    @property
    def avg_reply_days(self) -> float | None:
        """Return the mean working days to the first reply, if any was counted."""
        return self.reply_days / self.reply_counted if self.reply_counted else None

    @property
    def avg_resolve_days(self) -> float | None:
        """Return the mean working days to resolution, if any was counted."""
        return self.resolve_days / self.resolve_counted if self.resolve_counted else None


@dataclass(frozen=True, slots=True)
class MonthBar:
    """Received and resolved (by the cut-off) among one month's tickets of one kind."""

    month: int  # YYYYMM
    kind: Kind
    received: int
    resolved: int


@dataclass(frozen=True, slots=True)
class Reach:
    """Law dissemination in the period: the FAQ and bulletins."""

    answered: int = 0  # questions the FAQ answered (lượt)
    citizens: int = 0  # distinct citizens among those answered
    unanswered: int = 0
    topics: tuple[tuple[str, int], ...] = ()  # (topic title, answered), most asked first
    examples: tuple[str, ...] = ()  # normalised unanswered questions, personal numbers masked
    bulletins: int = 0
    recipients: int = 0


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a period report says, ready to render as text, workbook or chart."""

    period: Period
    scope: str  # "các phường/xã", or the wards' names
    cut: date  # outcomes are counted up to the end of this day
    total: Tally
    by_kind: dict[Kind, Tally]
    by_ward: list[tuple[str, Tally]]  # (ward name, tally), most received first
    by_category: list[tuple[str, Tally]]
    by_month: list[MonthBar] = field(default_factory=list)
    reach: Reach = field(default_factory=Reach)
