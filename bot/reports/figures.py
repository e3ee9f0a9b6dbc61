"""A period report's figures: tallies by kind, ward, field and month; law-dissemination reach."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from bot.kinds import Kind
from bot.reports.period import Period


@dataclass(slots=True)
class Tally:
    """What became of a set of tickets by the cut-off day (the columns of storage's _TALLY)."""

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
    def of(cls, values: Sequence[int | None]) -> Tally:
        """Build a tally from one row of figures (NULL sums count as 0)."""
        return cls(*(v or 0 for v in values))

    def values(self) -> list[int]:
        """Return the figures in column order."""
        return [getattr(self, f.name) for f in fields(self)]

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


def total(rows: Iterable[list[int]]) -> Tally:
    """Add tallies given as value lists."""
    acc = [0] * len(fields(Tally))
    for row in rows:
        acc = list(map(operator.add, acc, row))
    return Tally(*acc)


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
