"""Legal deadlines over two years of holidays, checked against a calendar kept by hand.

Three checks, then timing:
1. every day from 2026-01-01 to 2028-06-30: the bot's calendar (the holidays package plus
   content/deadlines.toml) says working or not as bench/vn_calendar.tsv does;
2. bench/deadline_known_dates.tsv: due dates worked out by hand;
3. every day of 2026 and 2027 as the day of receipt (and of acceptance), every kind, every clock
   variant (complex or not, each number of extensions): the bot's due date equals the one a
   plain count over the hand calendar gives.
Time per computation is the bot's `DeadlinePolicy.state` for one ticket, warm caches.

    .venv/bin/python bench/deadlines.py [--content content/deadlines.toml]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.deadline_file import load_policy
from bot.deadlines import Deadline, DeadlinePolicy
from bot.kinds import Kind
from bot.workdays import EndRule, Unit

HERE = Path(__file__).resolve().parent
CALENDAR_FILE = HERE / "vn_calendar.tsv"
KNOWN_FILE = HERE / "deadline_known_dates.tsv"
DEADLINES_FILE = HERE.parent / "content" / "deadlines.toml"
FIRST, LAST = date(2026, 1, 1), date(2028, 6, 30)
SWEEP_YEARS = (2026, 2027)


def rows(path: Path) -> Iterator[list[str]]:
    """Yield the tab-separated fields of a table's data lines (not comments)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@dataclass(frozen=True)
class HandCalendar:
    """The calendar in bench/vn_calendar.tsv: exceptions to Monday-Friday, with their status."""

    exceptions: dict[date, bool]
    status: dict[date, str]

    @classmethod
    def load(cls, path: Path = CALENDAR_FILE) -> HandCalendar:
        exceptions, status = {}, {}
        for fields in rows(path):
            day = date.fromisoformat(fields[0])
            exceptions[day], status[day] = fields[1] == "1", fields[4]
        return cls(exceptions, status)

    def works(self, day: date) -> bool:
        """Tell whether offices work on a day; refuse days the table does not cover."""
        if not FIRST <= day <= LAST:
            raise ValueError(f"{day} is outside the hand calendar ({FIRST} to {LAST})")
        return self.exceptions.get(day, day.weekday() < 5)

    def due(self, start: date, days: int, unit: Unit, rule: EndRule) -> date:
        """Count a period the plain way: day by day for working days, then roll a day off."""
        day = start
        if unit is Unit.WORKING:
            while days:
                day += timedelta(days=1)
                days -= self.works(day)
            return day
        day += timedelta(days=days)
        while rule is EndRule.NEXT_WORKING_DAY and not self.works(day):
            day += timedelta(days=1)
        return day


@dataclass(frozen=True)
class Case:
    """One ticket's facts, shaped like a TicketRow for `DeadlinePolicy.state`."""

    kind: str
    received_on: str
    accepted_on: str | None
    is_complex: int
    extensions: int


def known_dates(policy: DeadlinePolicy) -> list[tuple[Case, date, date, str]]:
    """Return each hand-worked case with its expected and computed due dates."""
    found = []
    for received, kind, accepted, is_complex, extensions, due, why in rows(KNOWN_FILE):
        received_on = policy.local_date(datetime.fromisoformat(received)).isoformat()
        case = Case(
            kind,
            received_on,
            None if accepted == "-" else accepted,
            int(is_complex),
            int(extensions),
        )
        found.append((case, date.fromisoformat(due), policy.state(case).due, why))
    return found


def calendar_differences(policy: DeadlinePolicy, hand: HandCalendar) -> list[str]:
    """Return the days where the bot's calendar and the hand calendar disagree."""
    differ, day = [], FIRST
    while day <= LAST:
        bot, expected = policy.calendar.is_working_day(day), hand.works(day)
        if bot != expected:
            status = hand.status.get(day, "not listed")
            said = {True: "works", False: "off"}
            differ.append(f"{day} bot: {said[bot]}, hand: {said[expected]} ({status})")
        day += timedelta(days=1)
    return differ


def variants(clock: Deadline) -> Iterator[tuple[int, int]]:
    """Yield (is_complex, extensions) for every state a clock can be in."""
    for is_complex in (0, 1) if clock.complex_days else (0,):
        for extensions in range(clock.max_extensions + 1):
            yield is_complex, extensions


def sweep_cases(policy: DeadlinePolicy) -> Iterator[tuple[Case, Deadline, date]]:
    """Yield every day of the sweep years as receipt (and acceptance) day, every clock variant."""
    day = date(SWEEP_YEARS[0], 1, 1)
    while day.year <= SWEEP_YEARS[-1]:
        for kind in Kind:
            for n, clock in enumerate(policy.clocks[kind]):
                accepted = day.isoformat() if n else None
                for is_complex, extensions in variants(clock):
                    yield (
                        Case(kind.value, day.isoformat(), accepted, is_complex, extensions),
                        clock,
                        day,
                    )
        day += timedelta(days=1)


def expected_due(
    hand: HandCalendar, policy: DeadlinePolicy, case: Case, clock: Deadline, start: date
) -> date:
    """Return the due date the hand calendar gives for one case."""
    days = clock.complex_days if case.is_complex and clock.complex_days else clock.days
    days += case.extensions * clock.extension_days
    return hand.due(start, days, clock.unit, policy.end_rule)


def sweep(policy: DeadlinePolicy, hand: HandCalendar) -> tuple[int, list[str], list[float]]:
    """Compare every sweep case; return the count, the differences and the times in µs."""
    count, differ, micros = 0, [], []
    for case, clock, start in sweep_cases(policy):
        begin = time.perf_counter_ns()
        got = policy.state(case).due
        micros.append((time.perf_counter_ns() - begin) / 1000)
        expected = expected_due(hand, policy, case, clock, start)
        count += 1
        if got != expected:
            differ.append(f"{case}: bot {got}, hand {expected}")
    return count, differ, micros


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=DEADLINES_FILE, help="deadlines file")
    args = parser.parse_args()
    begin = time.perf_counter()
    policy = load_policy(args.content)  # the calendar for a year is built on first use
    for year in range(FIRST.year, LAST.year + 1):
        policy.calendar.is_working_day(date(year, 6, 1))
    cold_ms = (time.perf_counter() - begin) * 1000
    hand = HandCalendar.load()
    statuses = list(hand.status.values())
    calendar = calendar_differences(policy, hand)
    known = known_dates(policy)
    wrong = [f"{c}: expected {e}, bot {g} ({why})" for c, e, g, why in known if e != g]
    count, differ, micros = sweep(policy, hand)
    print(
        f"hand calendar: {len(statuses)} exceptions, {statuses.count('verified')} verified, "
        f"{statuses.count('proposal')} proposal, {statuses.count('unverified')} unverified"
    )
    print(f"calendar {FIRST}..{LAST}: {len(calendar)} days differ from {CALENDAR_FILE.name}")
    print(f"known dates: {len(known) - len(wrong)}/{len(known)} match ({KNOWN_FILE.name})")
    days = count // sum(sum(1 for _ in variants(c)) for k in Kind for c in policy.clocks[k])
    years = f"{SWEEP_YEARS[0]}-{SWEEP_YEARS[-1]}"
    print(f"sweep: {count} computations ({days} days of {years}), {len(differ)} differ")
    print(
        f"time per computation: p50 {statistics.median(micros):.1f} µs, "
        f"p95 {percentile(micros, 0.95):.1f} µs, max {max(micros):.0f} µs; "
        f"loading the file and the {LAST.year - FIRST.year + 1} years' calendars: {cold_ms:.0f} ms"
    )
    for line in (calendar + wrong + differ)[:20]:
        print("  ", line)
    return 1 if calendar or wrong or differ else 0


if __name__ == "__main__":
    sys.exit(main())
