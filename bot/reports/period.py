"""Report periods: explicit dates, or the periods wards report on (quý, 6 tháng, 9 tháng, năm)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD = re.compile(r"[a-z0-9]+")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})")


class PeriodError(ValueError):
    """A period that cannot be understood; the message says what is accepted."""


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a report may cover


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates, both included, and how a report names them."""

    first: date
    last: date
    label: str

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError(f"the period ends ({self.last}) before it starts ({self.first})")
        # Reports count working days over the period; far years are typos and would fill the
        # calendar table for nothing (or overflow date arithmetic at year 1 or 9999).
        if self.first.year < FIRST_YEAR or self.last.year > LAST_YEAR:
            raise PeriodError(f"years {FIRST_YEAR}-{LAST_YEAR} only")


def explicit(first: date, last: date) -> Period:
    """Return the period between two dates, both included."""
    return Period(first, last, f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")


def quarter(year: int, number: int) -> Period:
    """Return quarter 1-4 of a year."""
    first = date(year, 3 * number - 2, 1)
    return Period(first, _month_end(year, 3 * number), f"quý {_roman(number)} năm {year}")


def months_from_january(year: int, months: int) -> Period:
    """Return the first 6 or 9 months (or any count) of a year."""
    label = f"6 tháng đầu năm {year}" if months == 6 else f"{months} tháng năm {year}"
    return Period(date(year, 1, 1), _month_end(year, months), label)


def month(year: int, number: int) -> Period:
    """Return one calendar month."""
    return Period(date(year, number, 1), _month_end(year, number), f"tháng {number}/{year}")


def year_period(year: int) -> Period:
    """Return a calendar year."""
    return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}")


def parse_chat_period(text: str, today: date) -> Period:
    """Read a period as an officer types it: "quý", "quý trước", "quý 3 2026", "6 tháng",
    "9 tháng 2025", "năm", "năm trước", "tháng 5", or two dates (01/01/2026 31/03/2026)."""
    try:
        return _parse_chat_period(text, today)
    except (ValueError, OverflowError) as exc:  # a date no calendar has ("năm 0000")
        raise PeriodError(str(exc)) from exc


def _parse_chat_period(text: str, today: date) -> Period:
    """Read a period (see `parse_chat_period`)."""
    dates = [_date_of(m) for m in _DATE.finditer(text)]
    if len(dates) == 2:
        return explicit(*dates)
    words = _WORD.findall(fold(text))
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    numbers = [int(w) for w in words if w.isdigit() and len(w) <= 2] + [
        ROMAN[w] for w in words if w in ROMAN
    ]
    previous = "truoc" in words
    year = years[0] if years else today.year
    if not words or words[0] == "quy":
        return _quarter_of(today, numbers, years, previous)
    if words[0] in ("6", "9") and "thang" in words:
        if previous:
            year = today.year - 1
        return months_from_january(year, int(words[0]))
    if words[0] == "nam":
        return year_period(today.year - 1 if previous else year)
    if words[0] == "thang":
        return _month_of(today, numbers, years, previous)
    raise PeriodError(text)


def _quarter_of(today: date, numbers: list[int], years: list[int], previous: bool) -> Period:
    current = (today.month - 1) // 3 + 1
    if previous:
        number, year = (current - 1, today.year) if current > 1 else (4, today.year - 1)
        return quarter(year, number)
    number = numbers[0] if numbers else current
    if not 1 <= number <= 4:
        raise PeriodError(f"quý {number}")
    return quarter(years[0] if years else today.year, number)


def _month_of(today: date, numbers: list[int], years: list[int], previous: bool) -> Period:
    if previous:
        last = today.replace(day=1) - timedelta(days=1)
        return month(last.year, last.month)
    number = numbers[0] if numbers else today.month
    if not 1 <= number <= 12:
        raise PeriodError(f"tháng {number}")
    return month(years[0] if years else today.year, number)


def parse_date(text: str) -> date:
    """Read one date, YYYY-MM-DD (or DD/MM/YYYY); raise PeriodError otherwise."""
    found = _DATE.fullmatch(text.strip())
    if found is None:
        raise PeriodError(f"'{text}' is not a date like 2026-03-31")
    return _date_of(found)


def _date_of(found: re.Match[str]) -> date:
    year, month_, day = found.group(1, 2, 3) if found.group(1) else found.group(6, 5, 4)
    try:
        return date(int(year), int(month_), int(day))
    except ValueError:
        raise PeriodError(f"'{found.group(0)}' is not a valid date") from None


def _month_end(year: int, number: int) -> date:
    following = date(year + number // 12, number % 12 + 1, 1)
    return following - timedelta(days=1)


def _roman(number: int) -> str:
    return {value: key.upper() for key, value in ROMAN.items()}[number]
