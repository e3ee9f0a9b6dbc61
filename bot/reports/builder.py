"""Compute a period report: SQL aggregates per month, kind, ward and field, rolled up here."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.categories import CategoryList
from bot.kinds import Kind
from bot.reports.bulletins import BulletinSource
from bot.reports.figures import MonthBar, Reach, Report, Tally
from bot.reports.period import Period, PeriodError
from bot.wards import WardDirectory
from bot.workdays import WorkingCalendar
from storage.database import Row
from storage.faq_counts import faq_counts
from storage.reports import EPOCH, ReportRepository, Scope, Window, day_number

ORIGIN = date(2020, 1, 1)  # working days are numbered from here (see working_days in 0005)
CALENDAR_AHEAD = timedelta(days=400)  # days the calendar holds beyond today, for new outcomes
LOCAL_OFFSET = 7 * 3600  # Vietnam, UTC+7 all year, as in the day numbers of report_facts
EXAMPLES = 5
_PERSONAL = re.compile(r"\d[\d .\-]{4,}\d|\S+@\S+")  # phone, ID and account numbers; e-mail


def local_today(now: float) -> date:
    """Return today's date in Vietnam."""
    return datetime.fromtimestamp(now + LOCAL_OFFSET, UTC).date()


def day_start(day: date) -> float:
    """Return the unix time at which a local day starts."""
    return day_number(day) * 86400.0 - LOCAL_OFFSET


@functools.lru_cache(maxsize=4)
def calendar_rows(calendar: WorkingCalendar, last: date) -> tuple[tuple[int, int], ...]:
    """Number the working days from ORIGIN to `last`: (day, working days since ORIGIN)."""
    rows, count, day = [], 0, ORIGIN
    while day <= last:
        count += calendar.is_working_day(day)
        rows.append((day_number(day), count))
        day += timedelta(days=1)
    return tuple(rows)


def mask(text: str) -> str:
    """Hide numbers and e-mail addresses a citizen may have typed into a question."""
    return _PERSONAL.sub("…", text)[:100]


class ReportBuilder:
    """Build reports over one database with the deployment's wards, fields and calendar."""

    def __init__(
        self,
        repo: ReportRepository,
        wards: WardDirectory,
        categories: CategoryList,
        calendar: WorkingCalendar,
        bulletins: BulletinSource,
        topic_title: Callable[[str], str],
    ) -> None:
        self._repo = repo
        self._wards = wards
        self._categories = categories
        self._calendar = calendar
        self._bulletins = bulletins
        self._topic_title = topic_title

    def window(self, period: Period, now: float) -> Window:
        """Return the day numbers of a period, outcomes counted up to today at the latest."""
        today = local_today(now)
        if period.first > today:
            raise PeriodError(f"the period starts after today ({today:%d/%m/%Y})")
        cut = min(period.last, today)
        return Window(day_number(period.first), day_number(period.last), day_number(cut))

    async def build(self, period: Period, scope: Scope, label: str, now: float) -> Report:
        """Compute the report of a period for a scope (call inside a transaction)."""
        window = self.window(period, now)
        last = max(local_today(now), period.last) + CALENDAR_AHEAD
        await self._repo.sync_calendar(calendar_rows(self._calendar, last))
        await self._repo.count_pending()
        groups = await self._repo.tallies(scope, window)
        fields = _add_up(*groups["field"], width=3)  # (month, kind, field)
        by_kind, by_category, months = _by(fields, 1), _by(fields, 2), _by(fields, 0, 1)
        cut = EPOCH + timedelta(days=window.cut)
        return Report(
            period=period,
            scope=label,
            cut=cut,
            total=functools.reduce(operator.add, by_kind.values(), Tally()),
            by_kind={Kind(k): t for (k,), t in by_kind.items()},
            by_ward=self._named(_by(_add_up(*groups["ward"], width=2), 1), self._wards.name_of),
            by_category=self._named(by_category, self._categories.name_of),
            by_month=[
                MonthBar(m, Kind(k), t.received, t.resolved) for (m, k), t in sorted(months.items())
            ],
            reach=await self._reach(period.first, cut, scope),
        )

    async def _reach(self, first: date, cut: date, scope: Scope) -> Reach:
        start, end = day_start(first), day_start(cut + timedelta(days=1))
        days = (day_number(first), day_number(cut))
        faq = await faq_counts(self._repo.db, days, (start, end), EXAMPLES)
        bulletins = await self._bulletins.count(start, end, scope.wards)
        return Reach(
            answered=faq.answered,
            citizens=faq.citizens,
            unanswered=faq.unanswered,
            topics=tuple((self._topic_title(t), n) for t, n in faq.topics),
            examples=tuple(mask(e) for e in faq.examples),
            bulletins=bulletins.sent,
            recipients=bulletins.recipients,
        )

    def _named(
        self, groups: dict[tuple[str, ...], Tally], name: Callable[[str], str]
    ) -> list[tuple[str, Tally]]:
        """Name each group and order them: most received first, then by name."""
        named = [(name(key[0]), tally) for key, tally in groups.items()]
        return sorted(named, key=lambda item: (-item[1].received, item[0]))


Key = tuple[object, ...]


def _add_up(add: list[Row], subtract: list[Row], *, width: int) -> dict[Key, Tally]:
    """Unpack rows of (key of `width` columns, packed figures); add up those with equal keys,
    less the rows to subtract."""
    groups: dict[Key, Tally] = {}
    for rows, sign in ((add, 1), (subtract, -1)):
        for row in rows:
            key = tuple(row[:width])
            tally = Tally.unpack(row[width:])
            if sign < 0:
                tally = Tally() - tally
            groups[key] = groups[key] + tally if key in groups else tally
    return groups


def _by(groups: dict[Key, Tally], *positions: int) -> dict[Any, Tally]:
    """Add groups up by some positions of their key."""
    result: dict[Any, Tally] = {}
    for key, tally in groups.items():
        short = tuple(key[i] for i in positions)
        result[short] = result[short] + tally if short in result else tally
    return result
