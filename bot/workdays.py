"""Working days in Vietnam and where a legal period ends, counted in working or plain days."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from holidays import country_holidays


class Unit(StrEnum):
    """How a period is counted; the laws use both."""

    WORKING = "working"  # ngày làm việc
    CALENDAR = "calendar"  # ngày

    @property
    def label(self) -> str:
        """Return the Vietnamese unit: "ngày làm việc" or "ngày"."""
        return "ngày làm việc" if self is Unit.WORKING else "ngày"


class EndRule(StrEnum):
    """What happens when a period in plain days ends on a day off."""

    # Bộ luật Dân sự 2015, Điều 148: a period whose last day is a weekend or holiday ends with
    # the next working day.
    NEXT_WORKING_DAY = "next_working_day"
    KEEP = "keep"


@functools.cache
def _national_days_off(year: int) -> frozenset[date]:
    """Return every day of a year that Vietnam's offices do not work (weekends included)."""
    # The package knows Tết, observed days, and Saturdays worked in exchange for a bridge day.
    calendar = country_holidays("VN", years=year)
    day, days_off = date(year, 1, 1), set()
    while day.year == year:
        if not calendar.is_working_day(day):
            days_off.add(day)
        day += timedelta(days=1)
    return frozenset(days_off)


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Working days: Monday to Friday, less public holidays and local days off.

    `extra_days_off` and `extra_working_days` come from the deadlines file, so an admin can follow
    a local decision or an official notice (a swapped Saturday) that the package does not know.
    """

    extra_days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices work on this day."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        return day not in _national_days_off(day.year)

    def warm(self, today: date) -> None:
        """Work out this year's and next year's days off now rather than on the first ticket.

        The holiday package computes the lunar calendar on first use (about 0.1 s of CPU), which
        would otherwise hold up every chat while the first ticket's deadline is computed.
        """
        for year in (today.year, today.year + 1):
            _national_days_off(year)

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

    def working_day_from(self, day: date) -> date:
        """Return the day itself if offices work on it, else the next working day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def period_end(self, start: date, days: int, unit: Unit, rule: EndRule) -> date:
        """Return the last day of a period of `days` that starts the day after `start`."""
        # Bộ luật Dân sự 2015, Điều 147: the day of the event is not counted.
        if unit is Unit.WORKING:
            return self.add_working_days(start, days)
        end = start + timedelta(days=days)
        return self.working_day_from(end) if rule is EndRule.NEXT_WORKING_DAY else end
